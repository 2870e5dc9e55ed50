"""Tone of an entry: VADER sentiment per sentence, aggregated per entry.

VADER (Hutto & Gilbert 2014) is used through vaderSentiment's ``SentimentIntensityAnalyzer``
with the lexicon files it ships (``vader_lexicon.txt``, ``emoji_utf8_lexicon.txt``): nothing is
downloaded. The analyzer is created once per process, on first use, so worker processes of a
pool each load its lexicon once.

VADER is applied **per sentence**, as its authors intend (its rules — negation within three
words, "but" shifting weight to the second clause, punctuation emphasis — work at the sentence
level), and because its cost per word grows with the length of the text it is given (measured
with vaderSentiment 3.3.2: a 133-character passage takes 69 µs alone, but 307 µs per copy inside
a 2,100-character text and 900 µs inside an 8,500-character one).

**Aggregation.** With sentence ``i`` holding ``w_i`` words (:data:`framing.text.WORD_RE`) and
VADER scores ``compound_i``, ``pos_i``, ``neu_i``, ``neg_i``, the entry's score is the mean
weighted by sentence length in words, for each of the four::

    compound = Σ w_i · compound_i / Σ w_i        (likewise pos, neu, neg)

so a long sentence weighs more than a short headline, ``pos + neu + neg`` stays 1 (up to
VADER's rounding to three decimals), and ``compound`` stays in [-1, 1]. Sentences without a word
are skipped. This is not VADER's ``compound`` of the whole text (which sums valences before
normalising); it is the average tone per word of text. A text without a sentence is neutral:
``compound = pos = neg = 0``, ``neu = 1``, ``n_sentences = 0``.

Reference:
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
    analysis of social media text. *Proceedings of ICWSM-14*, 216–225.
"""

from __future__ import annotations

import functools
import string
from typing import Any

from framing.analysis.records import Tone
from framing.text import WORD_RE

__all__ = ["NEUTRAL_TONE", "compute_tone", "score_sentence"]

#: The tone of a text with no sentence.
NEUTRAL_TONE = Tone(compound=0.0, pos=0.0, neu=1.0, neg=0.0, n_sentences=0)


@functools.cache
def _analyzer() -> Any:
    """The process's one VADER analyzer (created on first use; its lexicon ships in the wheel)."""
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@functools.cache
def _lexicon_and_emoji() -> tuple[dict[str, float], frozenset[str]]:
    """VADER's lexicon, and the single characters its emoji step would translate."""
    analyzer = _analyzer()
    return analyzer.lexicon, frozenset(key for key in analyzer.emojis if len(key) == 1)


_NEUTRAL_SCORES = (0.0, 0.0, 1.0, 0.0)
_EMPTY_SCORES = (0.0, 0.0, 0.0, 0.0)


@functools.lru_cache(maxsize=1 << 14)
def score_sentence(sentence: str) -> tuple[float, float, float, float]:
    """Return VADER's scores of one sentence (cached: boilerplate sentences repeat in feeds).

    A sentence none of whose tokens is in VADER's lexicon (a fifth of the reference feed's
    sentences, mostly headlines) gets VADER's neutral result without running VADER: every token
    then has valence 0, so ``polarity_scores`` returns ``neu = 1`` and zeros (or all zeros for a
    sentence without a token). The check tokenises exactly as VADER does (split on whitespace,
    strip punctuation unless that leaves two characters or fewer, lowercase) and is skipped when
    the sentence holds an emoji VADER would translate into words. Results are identical to
    ``polarity_scores`` (tested).

    Args:
        sentence: the sentence text.

    Returns:
        ``(compound, pos, neu, neg)`` from ``SentimentIntensityAnalyzer.polarity_scores``.
    """
    lexicon, emoji = _lexicon_and_emoji()
    if emoji.isdisjoint(sentence):
        has_token = False
        for token in sentence.split():
            has_token = True
            stripped = token.strip(string.punctuation)
            if (token if len(stripped) <= 2 else stripped).lower() in lexicon:
                break
        else:
            return _NEUTRAL_SCORES if has_token else _EMPTY_SCORES
    scores = _analyzer().polarity_scores(sentence)
    return scores["compound"], scores["pos"], scores["neu"], scores["neg"]


def compute_tone(text: str, sentences: list[tuple[int, int]]) -> Tone:
    """Return the tone of ``text``: VADER per sentence, mean weighted by sentence length.

    Args:
        text: the entry text.
        sentences: ``(start, end)`` offsets of its sentences
            (:func:`framing.analysis.sentences.split_sentences`).

    Returns:
        A :class:`Tone` whose ``compound``, ``pos``, ``neu`` and ``neg`` are the means of the
        sentences' VADER scores weighted by their number of words (see the module docstring),
        and ``n_sentences`` the number of sentences scored (those with a word);
        :data:`NEUTRAL_TONE` when there is none.

    Example:
        >>> text = "The attack killed ten people. Rescue teams worked through the night."
        >>> tone = compute_tone(text, [(0, 29), (30, 69)])
        >>> (tone.n_sentences, tone.compound < 0)
        (2, True)
    """
    count_words = WORD_RE.findall
    total = compound = pos = neu = neg = 0.0
    n_sentences = 0
    for start, end in sentences:
        weight = len(count_words(text, start, end))
        if not weight:
            continue
        s_compound, s_pos, s_neu, s_neg = score_sentence(text[start:end])
        n_sentences += 1
        total += weight
        compound += weight * s_compound
        pos += weight * s_pos
        neu += weight * s_neu
        neg += weight * s_neg
    if not n_sentences:
        return NEUTRAL_TONE
    return Tone(
        compound=compound / total,
        pos=pos / total,
        neu=neu / total,
        neg=neg / total,
        n_sentences=n_sentences,
    )
