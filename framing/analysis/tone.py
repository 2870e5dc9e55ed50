"""Tone of an entry: VADER sentiment per sentence, aggregated per entry.

VADER (Hutto & Gilbert 2014) is vaderSentiment's, with the lexicon files it ships
(``vader_lexicon.txt``, ``emoji_utf8_lexicon.txt``): nothing is downloaded. Sentences are scored
by :class:`framing.analysis.vader_fast.FastVader`, a reimplementation of
``SentimentIntensityAnalyzer.polarity_scores`` that gives the *same* four numbers (equal floats,
after VADER's rounding) about six times faster (see ``benchmarks/RESULTS.md``). Its tables are
those of a vaderSentiment ``SentimentIntensityAnalyzer``, which reads the shipped files; both
are created once per process, on first use, so worker processes of a pool each load the lexicon
once.

VADER is applied **per sentence**, as its authors intend (its rules — negation within three
words, "but" shifting weight to the second clause, punctuation emphasis — work at the sentence
level), and because its cost per word grows with the length of the text it is given (measured
with vaderSentiment 3.3.2: a 133-character passage takes 69 µs alone, but 307 µs per copy inside
a 2,100-character text and 900 µs inside an 8,500-character one; the reimplementation's cost
per word grows with the length only through VADER's "but" rule, which it replicates as written).

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
from typing import TYPE_CHECKING, Any

from framing.analysis.records import Tone
from framing.text import WORD_RE

if TYPE_CHECKING:
    from framing.analysis.vader_fast import FastVader

__all__ = ["NEUTRAL_TONE", "compute_tone", "score_sentence"]

#: The tone of a text with no sentence.
NEUTRAL_TONE = Tone(compound=0.0, pos=0.0, neu=1.0, neg=0.0, n_sentences=0)


@functools.cache
def _analyzer() -> Any:
    """The process's vaderSentiment analyzer (created on first use; its lexicon ships in the wheel).

    Its lexicon and emoji tables feed :func:`_fast_analyzer`; tests score sentences with it
    to check that the results are the same.
    """
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    return SentimentIntensityAnalyzer()


@functools.cache
def _fast_analyzer() -> FastVader:
    """The process's :class:`FastVader`, on the tables :func:`_analyzer` read from the package."""
    from framing.analysis.vader_fast import FastVader  # imports vaderSentiment: on first use

    analyzer = _analyzer()
    return FastVader(lexicon=analyzer.lexicon, emojis=analyzer.emojis)


#: Former name of :func:`_fast_analyzer` (the lexicon and emoji tables), kept for callers that
#: empty its cache.
_lexicon_and_emoji = _fast_analyzer


@functools.lru_cache(maxsize=1 << 14)
def score_sentence(sentence: str) -> tuple[float, float, float, float]:
    """Return VADER's scores of one sentence (cached: boilerplate sentences repeat in feeds).

    The scores are computed by :class:`framing.analysis.vader_fast.FastVader` and are
    identical to ``SentimentIntensityAnalyzer().polarity_scores(sentence)`` of vaderSentiment
    3.3.2: the same floats, compared with ``==`` in ``tests/test_analysis_vader_fast.py`` on
    every sentence of the demo corpus and of the reference feed, on VADER's own tricky cases
    (capitals, negations, "but", "kind of", "least", "no", punctuation, emoticons, emoji) and
    on thousands of random sentences (hypothesis), and in ``tests/test_analysis_tone.py``.
    A sentence with no word VADER scores gets its neutral result at once (``neu = 1``, or all
    zeros for a sentence without a token).

    Args:
        sentence: the sentence text.

    Returns:
        ``(compound, pos, neu, neg)``, as ``SentimentIntensityAnalyzer.polarity_scores``
        returns them.
    """
    return _fast_analyzer().scores(sentence)


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
