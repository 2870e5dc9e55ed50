"""A faster VADER: ``SentimentIntensityAnalyzer.polarity_scores`` reimplemented, same results.

vaderSentiment 3.3.2 (Hutto & Gilbert 2014) is written for clarity, not speed: for every word
of a sentence it lowercases its neighbours again, rebuilds lowercased copies of the whole token
list (three or four times per lexicon word), formats idiom strings, scans the negation list,
and it walks every character of the text in Python to translate emoji. :class:`FastVader`
computes the same thing with the work done once:

* the lexicon files are the ones vaderSentiment ships, read from the installed package at run
  time (:func:`load_lexicon`, :func:`load_emoji_lexicon`, parsed exactly as vaderSentiment
  parses them); its word lists (``BOOSTER_DICT``, ``NEGATE``, ``SPECIAL_CASES``) and constants
  are imported from the installed module, never copied;
* each distinct token is analysed once (punctuation stripped as VADER does, lowercased, ALL-CAPS
  flag, lexicon valence, booster value, negation flag) and remembered in a bounded cache;
* a sentence with no lexicon word that VADER would score gets VADER's neutral result directly;
* only lexicon words go through VADER's rules; idiom look-ups use tuples of words, tried only
  when a word of some idiom is nearby; emoji are found with one regular-expression search,
  skipped for ASCII text (no emoji VADER knows is ASCII).

The arithmetic is VADER's, operation for operation and in the same order (its list of
per-token sentiments is built as VADER builds it, zeros included, and summed with ``sum``), so
the four numbers are identical floats, not approximations. Quirks kept on purpose:

* tokens are split on whitespace; leading and trailing ``string.punctuation`` is stripped unless
  that leaves two characters or fewer, in which case the token is kept whole (``":)"``, but also
  ``"ok!"`` and ``"(no)"``, which then miss the lexicon);
* emoji are replaced by their description, with a space before it unless the previous character
  is a plain space, and none after it (``"😀happy"`` becomes ``"grinning facehappy"``); the
  descriptions' own ``!`` count as punctuation emphasis (``🔛`` is ``"ON! arrow"``);
* ALL-CAPS emphasis applies only when some but not all tokens are upper case; a booster or a
  lexicon word of valence exactly 0 in capitals is pushed *down* (VADER tests ``> 0`` then
  ``else``), so ``"NO good"`` gives ``no`` a valence of -0.733;
* ``no`` before a lexicon word is valued 0 and negates up to three words after it
  (``no … or/nor …`` too);
* the three words before a lexicon word are examined only when they are not lexicon words
  themselves; the third one also triggers the 1.25 emphasis when the word just before is ``so``
  or ``this`` (an operator-precedence slip in VADER's ``never so/this`` rule), and it alone runs
  the idiom check (``SPECIAL_CASES``, which replaces the valence, and the dampeners ``kind of``,
  ``sort of``, ``just enough``), so idioms only count from the fourth word of a sentence on;
  ``SENTIMENT_LADEN_IDIOMS`` is never used by VADER and is not used here;
* a contraction negates if it contains ``n't`` anywhere; ``least`` negates unless after ``at``
  or ``very``; ``kind`` directly followed by ``of`` scores 0;
* ``but`` halves the sentiments before its first occurrence and multiplies those after it by
  1.5 — through ``list.index`` of each value, so a value equal to an earlier one modifies that
  earlier position instead (``"great, but good"`` style collisions); replicated as written.

The result is tested equal (``==`` on all four floats) to vaderSentiment's on every sentence of
the demo corpus and of the reference feed, on VADER's own example sentences and tricky cases,
and on thousands of random sentences built from lexicon words, boosters, negations,
punctuation, capitals and emoji (``tests/test_analysis_vader_fast.py``).

Reference:
    Hutto, C. J., & Gilbert, E. (2014). VADER: A parsimonious rule-based model for sentiment
    analysis of social media text. *Proceedings of ICWSM-14*, 216–225.
"""

from __future__ import annotations

import functools
import math
import operator
import re
import string
from collections.abc import Mapping
from importlib import resources
from typing import Final

from vaderSentiment import vaderSentiment as _vader  # noqa: N813

__all__ = [
    "FastVader",
    "load_emoji_lexicon",
    "load_lexicon",
    "polarity_scores",
    "sentence_scores",
]

_PACKAGE = "vaderSentiment"
LEXICON_FILE = "vader_lexicon.txt"
EMOJI_LEXICON_FILE = "emoji_utf8_lexicon.txt"

# VADER's constants and word lists, from the installed module (not copied).
_C_INCR: float = _vader.C_INCR
_N_SCALAR: float = _vader.N_SCALAR
_BOOSTERS: dict[str, float] = dict(_vader.BOOSTER_DICT)
_NEGATE: frozenset[str] = frozenset(_vader.NEGATE)
_SPECIAL_CASES: dict[str, float] = dict(_vader.SPECIAL_CASES)

# VADER looks multi-word phrases up as "a b" / "a b c" strings joined from whitespace-free
# tokens, so a phrase matches exactly when its ' '-separated parts equal the tokens: tuples do
# the same look-up without formatting strings.
_SPECIAL_TUPLES: dict[tuple[str, ...], float] = {
    tuple(key.split(" ")): value for key, value in _SPECIAL_CASES.items()
}
_BOOSTER_TUPLES: dict[tuple[str, ...], float] = {
    tuple(key.split(" ")): value for key, value in _BOOSTERS.items() if " " in key
}
#: Every word of a multi-word special case or booster: an idiom check can only match when the
#: word at ``i`` or ``i - 2`` is one of them (every sequence VADER tries contains one of the two).
_IDIOM_WORDS: frozenset[str] = frozenset(
    word for key in (*_SPECIAL_TUPLES, *_BOOSTER_TUPLES) if len(key) > 1 for word in key
)
_SO_THIS = ("so", "this")
_OR_NOR = ("or", "nor")

#: Fields of a token's analysis (a tuple, see :meth:`FastVader._analyse_token`).
_LOW: Final = 0
_UPPER: Final = 1
_SCORED: Final = 2
_IN_LEX: Final = 3
_BOOST: Final = 4
_NEG: Final = 5
_PLAIN: Final = 6
_IDIOM: Final = 7
_SIMPLE: Final = 8
_TokenInfo = tuple[str, bool, float | None, bool, float | None, bool, bool, bool, bool]
_get_low = operator.itemgetter(_LOW)
_get_upper = operator.itemgetter(_UPPER)
#: Words (besides boosters and negations) that some rule looks for before a lexicon word.
_RULE_WORDS = frozenset({"no", "never", "without", "so", "this", "least"})

#: Distinct tokens remembered per analyzer before the cache is emptied and refilled.
TOKEN_CACHE_SIZE = 1 << 16

_PUNCTUATION = string.punctuation
_NEUTRAL = (0.0, 0.0, 1.0, 0.0)
_EMPTY = (0.0, 0.0, 0.0, 0.0)


def _read_package_text(name: str) -> str:
    """A file shipped in the vaderSentiment package, decoded as ``codecs.open(…, 'utf-8')`` does.

    Bytes are decoded without newline translation (``codecs.open`` reads in binary mode), so
    the lines are split exactly where vaderSentiment splits them.
    """
    return resources.files(_PACKAGE).joinpath(name).read_bytes().decode("utf-8")


def load_lexicon() -> dict[str, float]:
    """VADER's word lexicon from the installed package, parsed as ``make_lex_dict`` does."""
    lexicon: dict[str, float] = {}
    for line in _read_package_text(LEXICON_FILE).rstrip("\n").split("\n"):
        if not line:
            continue
        word, measure = line.strip().split("\t")[0:2]
        lexicon[word] = float(measure)
    return lexicon


def load_emoji_lexicon() -> dict[str, str]:
    """VADER's emoji descriptions from the installed package, parsed as ``make_emoji_dict``."""
    emojis: dict[str, str] = {}
    for line in _read_package_text(EMOJI_LEXICON_FILE).rstrip("\n").split("\n"):
        emoji, description = line.strip().split("\t")[0:2]
        emojis[emoji] = description
    return emojis


class FastVader:
    """VADER's ``polarity_scores``, identical results, several times faster.

    Args:
        lexicon: word → valence; by default :func:`load_lexicon` (the shipped file).
        emojis: emoji → description; by default :func:`load_emoji_lexicon`.

    Example:
        >>> vader = FastVader()
        >>> vader.polarity_scores("VADER is VERY SMART, handsome, and FUNNY!!!")
        {'neg': 0.0, 'neu': 0.233, 'pos': 0.767, 'compound': 0.9342}
    """

    def __init__(
        self,
        lexicon: Mapping[str, float] | None = None,
        emojis: Mapping[str, str] | None = None,
    ) -> None:
        self.lexicon: dict[str, float] = dict(load_lexicon() if lexicon is None else lexicon)
        self.emojis: dict[str, str] = dict(load_emoji_lexicon() if emojis is None else emojis)
        # VADER tests `chr in self.emojis` character by character: only one-character keys
        # count. The search pattern holds those of the Basic Multilingual Plane and *every*
        # character beyond it: `re` tests a class of BMP characters in constant time but a
        # long list of astral ones one by one (50 µs on a 100-character sentence), so astral
        # characters are matched as a range and checked against the table when replaced.
        single = sorted(key for key in self.emojis if len(key) == 1)
        bmp = "".join(re.escape(c) for c in single if ord(c) <= 0xFFFF)
        self._emoji_re = re.compile(f"[{bmp}\U00010000-\U0010FFFF]")
        # If some emoji were ASCII, ASCII text could not skip the search.
        self._ascii_emoji = any(c.isascii() for c in single)
        self._tokens: dict[str, _TokenInfo] = {}

    def _analyse_token(self, token: str) -> _TokenInfo:
        """What VADER's rules need to know of one whitespace-delimited token (cached)."""
        stripped = token.strip(_PUNCTUATION)
        item = token if len(stripped) <= 2 else stripped  # SentiText._strip_punc_if_word
        low = item.lower()
        in_lex = low in self.lexicon
        boost = _BOOSTERS.get(low)
        # Boosters score 0 themselves; other lexicon words go through sentiment_valence.
        scored = self.lexicon[low] if in_lex and boost is None else None
        again = low.lower()  # negated() lowercases the lowercased words once more
        negation = again in _NEGATE or "n't" in again
        idiom = low in _IDIOM_WORDS
        info = (
            low,
            item.isupper(),
            scored,
            in_lex,
            boost,
            negation,
            # plain: no rule looks at it when it is among the three words before a lexicon word
            boost is None and not negation and low not in _RULE_WORDS,
            idiom,
            # simple: a lexicon word no rule treats specially by itself ("no", "kind", idioms)
            scored is not None and not idiom and low != "no" and low != "kind",
        )
        tokens = self._tokens
        if len(tokens) >= TOKEN_CACHE_SIZE:
            tokens.clear()
        tokens[token] = info
        return info

    def _replace_emoji(self, text: str) -> str:
        """VADER's emoji step: each known emoji character becomes its description."""
        emojis = self.emojis

        def describe(match: re.Match[str]) -> str:
            char = match.group()
            description = emojis.get(char)
            if description is None:
                return char  # an astral character that is not an emoji VADER knows
            start = match.start()
            # VADER adds a space unless the previous character was a plain space (after an
            # emoji it counts none, whatever the description ends with), and none after it.
            return description if start == 0 or text[start - 1] == " " else " " + description

        return self._emoji_re.sub(describe, text)

    def scores(self, text: str) -> tuple[float, float, float, float]:
        """``(compound, pos, neu, neg)`` exactly as ``polarity_scores`` rounds them.

        Args:
            text: the text to score (VADER is meant for one sentence at a time).

        Returns:
            The four values of ``SentimentIntensityAnalyzer().polarity_scores(text)``.
        """
        if (self._ascii_emoji or not text.isascii()) and self._emoji_re.search(text):
            text = self._replace_emoji(text)
        # VADER strips the text here; split() and the counts of ! and ? ignore that.
        tokens = text.split()
        n = len(tokens)
        if not n:
            return _EMPTY
        get = self._tokens.get
        analyse = self._analyse_token
        infos = [get(token) or analyse(token) for token in tokens]
        scored = [i for i, info in enumerate(infos) if info[_SCORED] is not None]
        if not scored:
            return _NEUTRAL  # every sentiment is 0: compound 0, neu 1

        lows = list(map(_get_low, infos))
        cap_diff: bool | None = None  # allcap_differential, computed when first needed
        sentiments: list[float] = [0] * n  # VADER appends the int 0 for unscored tokens
        last = n - 1
        for i in scored:
            info = infos[i]
            if (
                info[_SIMPLE]
                and (i < 1 or infos[i - 1][_PLAIN])
                and (i < 2 or (infos[i - 2][_PLAIN] and not infos[i - 2][_IDIOM]))
                and (i < 3 or infos[i - 3][_PLAIN])
            ):
                # No rule applies to this word: the result is its valence (ALL-CAPS aside), to
                # which VADER adds 0.0 once per non-lexicon word before it: exact unless 0.
                valence = info[_SCORED]
                assert valence is not None  # simple words are scored words
                if info[_UPPER]:
                    if cap_diff is None:
                        cap_diff = _cap_differential(infos)
                    if cap_diff:
                        if valence > 0:
                            valence += _C_INCR
                        else:
                            valence -= _C_INCR
                if valence != 0:
                    sentiments[i] = valence
                    continue
            elif info[_LOW] == "kind" and i < last and lows[i + 1] == "of":
                continue  # "kind of" scores 0
            if cap_diff is None:
                cap_diff = _cap_differential(infos)
            sentiments[i] = self._valence(infos, lows, i, cap_diff)

        if "but" in lows:
            _but_check(lows, sentiments)

        # score_valence
        sum_s = float(sum(sentiments))
        ep_count = text.count("!")
        if ep_count > 4:
            ep_count = 4
        ep_amplifier = ep_count * 0.292
        qm_count = text.count("?")
        qm_amplifier: float = 0
        if qm_count > 1:
            qm_amplifier = qm_count * 0.18 if qm_count <= 3 else 0.96
        punct_emph_amplifier = ep_amplifier + qm_amplifier
        if sum_s > 0:
            sum_s += punct_emph_amplifier
        elif sum_s < 0:
            sum_s -= punct_emph_amplifier
        compound = sum_s / math.sqrt((sum_s * sum_s) + 15)  # normalize(), alpha = 15
        if compound < -1.0:
            compound = -1.0
        elif compound > 1.0:
            compound = 1.0

        # _sift_sentiment_scores: unscored tokens are exactly 0 (neutral) and add nothing to
        # either sum, so only the scored positions are visited, in order.
        pos_sum = 0.0
        neg_sum = 0.0
        n_nonzero = 0
        for i in scored:
            sentiment = sentiments[i]
            if sentiment > 0:
                pos_sum += float(sentiment) + 1
                n_nonzero += 1
            elif sentiment < 0:
                neg_sum += float(sentiment) - 1
                n_nonzero += 1
        neu_count = n - n_nonzero
        if pos_sum > math.fabs(neg_sum):
            pos_sum += punct_emph_amplifier
        elif pos_sum < math.fabs(neg_sum):
            neg_sum -= punct_emph_amplifier
        total = pos_sum + math.fabs(neg_sum) + neu_count
        return (
            round(compound, 4),
            round(math.fabs(pos_sum / total), 3),
            round(math.fabs(neu_count / total), 3),
            round(math.fabs(neg_sum / total), 3),
        )

    def polarity_scores(self, text: str) -> dict[str, float]:
        """The same dictionary as ``SentimentIntensityAnalyzer.polarity_scores(text)``."""
        compound, pos, neu, neg = self.scores(text)
        return {"neg": neg, "neu": neu, "pos": pos, "compound": compound}

    def _valence(
        self, infos: list[_TokenInfo], lows: list[str], i: int, cap_diff: bool
    ) -> float:
        """VADER's ``sentiment_valence`` for the lexicon word at ``i`` (its rules, in order)."""
        info = infos[i]
        low = info[_LOW]
        lexicon_valence = info[_SCORED]
        assert lexicon_valence is not None
        valence = lexicon_valence
        n = len(infos)

        # "no" before a lexicon word is a negation, not a negative word.
        if low == "no" and i != n - 1 and infos[i + 1][_IN_LEX]:
            valence = 0.0
        if (
            (i > 0 and lows[i - 1] == "no")
            or (i > 1 and lows[i - 2] == "no")
            or (i > 2 and lows[i - 3] == "no" and lows[i - 1] in _OR_NOR)
        ):
            valence = lexicon_valence * _N_SCALAR

        if info[_UPPER] and cap_diff:
            if valence > 0:
                valence += _C_INCR
            else:
                valence -= _C_INCR

        for start_i in range(3):
            j = i - (start_i + 1)
            if j < 0:
                break
            before = infos[j]
            if before[_IN_LEX]:
                continue
            # scalar_inc_dec
            scalar = 0.0
            boost = before[_BOOST]
            if boost is not None:
                scalar = boost
                if valence < 0:
                    scalar *= -1
                if before[_UPPER] and cap_diff:
                    if valence > 0:
                        scalar += _C_INCR
                    else:
                        scalar -= _C_INCR
            if start_i == 1 and scalar != 0:
                scalar = scalar * 0.95
            if start_i == 2 and scalar != 0:
                scalar = scalar * 0.9
            valence = valence + scalar

            # _negation_check
            if start_i == 0:
                if before[_NEG]:
                    valence = valence * _N_SCALAR
            elif start_i == 1:
                if lows[i - 2] == "never" and lows[i - 1] in _SO_THIS:
                    valence = valence * 1.25
                elif lows[i - 2] == "without" and lows[i - 1] == "doubt":
                    pass
                elif before[_NEG]:
                    valence = valence * _N_SCALAR
            else:
                if (lows[i - 3] == "never" and lows[i - 2] in _SO_THIS) or lows[i - 1] in _SO_THIS:
                    valence = valence * 1.25
                elif lows[i - 3] == "without" and "doubt" in (lows[i - 2], lows[i - 1]):
                    pass
                elif before[_NEG]:
                    valence = valence * _N_SCALAR
                if low in _IDIOM_WORDS or lows[i - 2] in _IDIOM_WORDS:
                    valence = _special_idioms_check(valence, lows, i)

        # _least_check
        if i > 1 and not infos[i - 1][_IN_LEX] and lows[i - 1] == "least":
            if lows[i - 2] != "at" and lows[i - 2] != "very":
                valence = valence * _N_SCALAR
        elif i > 0 and not infos[i - 1][_IN_LEX] and lows[i - 1] == "least":
            valence = valence * _N_SCALAR
        return valence


def _cap_differential(infos: list[_TokenInfo]) -> bool:
    """VADER's ``allcap_differential``: some, but not all, tokens are ALL CAPS."""
    n = len(infos)
    n_upper: int = sum(map(_get_upper, infos))
    return 0 < n - n_upper < n


def _special_idioms_check(valence: float, lows: list[str], i: int) -> float:
    """VADER's ``_special_idioms_check`` (``i > 2``), with word tuples for joined strings."""
    w0, w1, w2, w3 = lows[i], lows[i - 1], lows[i - 2], lows[i - 3]
    for sequence in ((w1, w0), (w2, w1, w0), (w2, w1), (w3, w2, w1), (w3, w2)):
        if sequence in _SPECIAL_TUPLES:
            valence = _SPECIAL_TUPLES[sequence]
            break
    n = len(lows)
    if n - 1 > i:
        zero_one = (w0, lows[i + 1])
        if zero_one in _SPECIAL_TUPLES:
            valence = _SPECIAL_TUPLES[zero_one]
    if n - 1 > i + 1:
        zero_one_two = (w0, lows[i + 1], lows[i + 2])
        if zero_one_two in _SPECIAL_TUPLES:
            valence = _SPECIAL_TUPLES[zero_one_two]
    for n_gram in ((w3, w2, w1), (w3, w2), (w2, w1)):
        if n_gram in _BOOSTER_TUPLES:
            valence = valence + _BOOSTER_TUPLES[n_gram]
    return valence


def _but_check(lows: list[str], sentiments: list[float]) -> None:
    """VADER's ``_but_check``, in place, including its ``list.index`` look-up by value."""
    bi = lows.index("but")
    for sentiment in sentiments:  # VADER iterates while replacing items (length unchanged)
        si = sentiments.index(sentiment)
        if si < bi:
            sentiments[si] = sentiment * 0.5
        elif si > bi:
            sentiments[si] = sentiment * 1.5


@functools.cache
def _default() -> FastVader:
    """The process's :class:`FastVader` on the shipped lexicon files (created on first use)."""
    return FastVader()


def sentence_scores(text: str) -> tuple[float, float, float, float]:
    """``(compound, pos, neu, neg)`` of ``text``, as VADER's ``polarity_scores`` gives them."""
    return _default().scores(text)


def polarity_scores(text: str) -> dict[str, float]:
    """The dictionary ``SentimentIntensityAnalyzer().polarity_scores(text)`` returns."""
    return _default().polarity_scores(text)
