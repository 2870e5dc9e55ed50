"""Sentence splitting for news copy, with no downloaded data (no nltk Punkt model).

A hand-written, rule-based splitter tuned for wire and live-feed English: headlines without a
full stop, quotes that end in ``",`` or ``."``, abbreviations of titles and ranks (``Gen.``,
``Lt. Col.``), dotted acronyms (``U.S.``, ``a.m.``), decimals (``3.00``) and initials
(``J. Smith``). It is a single left-to-right pass with two compiled regular expressions, so it is
fast (well over 100,000 entries of ~220 bytes per second on one core; see
``benchmarks/bench_text_stats.py``).

Rules, in order:

1. A paragraph break (a line break followed by a blank line) always ends a sentence.
2. A single line break ends a sentence too (so a headline line is a sentence of its own), unless
   the next line starts with a lowercase letter, which marks a line wrapped inside a sentence.
3. Inside a line, ``.``, ``!``, ``?`` or ``…`` (or a run of them) ends a sentence when it is
   followed by optional closing quotes or brackets, then whitespace, then an uppercase letter, a
   digit, or an opening quote or bracket. The closing quotes belong to the sentence that ends.
   A comma inside or after a quote therefore never ends a sentence:
   ``"… injured", the ministry said.`` is one sentence.
4. A full stop does **not** end a sentence after a title or rank (``Mr.``, ``Dr.``, ``Gen.``,
   ``Lt.``, ``Col.``, ``Sgt.``, ``St.``, ``e.g.`` …; see :data:`TITLE_ABBREVIATIONS`), after a
   single capital letter (an initial: ``J. Smith``), or after ``No.``, ``Art.``, ``p.``, a month
   (``Oct.``) … when a number follows (``No. 5``, ``Oct. 17``). After a dotted acronym (``U.S.``,
   ``U.N.``, ``a.m.``), a month or ``etc.``/``Inc.``/``Jr.`` it ends a sentence only when the
   next word is a common sentence opener (``The``, ``He``, ``In`` …; :data:`SENTENCE_OPENERS`):
   ``… in the U.S. The ministry said`` breaks, ``U.S. President`` does not.
5. ``!`` or ``?`` followed by a closing quote does not end the sentence when a short attribution
   follows (``"Stop!" Aliyev shouted.``): within five words, a reporting verb such as ``said``,
   ``asked`` or ``added``.
6. Decimals (``3.00``, ``1.5``), times (``10:44``) and web addresses (``azertag.az``) never break
   because no whitespace follows the full stop.

Sentences are returned as ``(start, end)`` character offsets into the text, end exclusive, with
surrounding whitespace trimmed; stretches holding no letter or digit (a bullet, a dash) are not
sentences and are dropped.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from framing.text import WORD_RE

__all__ = [
    "AMBIGUOUS_ABBREVIATIONS",
    "MONTH_ABBREVIATIONS",
    "NUMBER_ABBREVIATIONS",
    "SENTENCE_OPENERS",
    "TITLE_ABBREVIATIONS",
    "iter_words",
    "split_sentences",
]

#: Abbreviations (lowercase, without the final full stop) after which a full stop never ends a
#: sentence: titles, ranks and Latin abbreviations that are always followed by more words.
TITLE_ABBREVIATIONS: frozenset[str] = frozenset({
    "mr", "mrs", "ms", "mx", "dr", "prof", "rev", "hon", "fr", "sr", "jr",
    "gen", "lt", "col", "maj", "capt", "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "cdr", "brig",
    "lt.-gen", "lt.-col", "maj.-gen", "brig.-gen",
    "sen", "rep", "gov", "pres", "amb", "supt", "insp", "det", "atty",
    "st", "mt", "ft", "ave", "blvd",
    "vs", "v", "approx", "ca", "cf", "e.g", "i.e", "viz", "al",
})

#: Abbreviations that never end a sentence when a number follows (``No. 5``, ``p. 12``).
NUMBER_ABBREVIATIONS: frozenset[str] = frozenset({
    "no", "nos", "art", "arts", "para", "paras", "fig", "figs", "vol", "vols", "p", "pp", "ch",
    "sec", "sect", "pt", "ref", "tel", "ext",
})

#: Month abbreviations: no break before a number (``Oct. 17``); otherwise like
#: :data:`AMBIGUOUS_ABBREVIATIONS`. ``May`` is a whole word, so it is not here.
MONTH_ABBREVIATIONS: frozenset[str] = frozenset({
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
})

#: Abbreviations that often end a sentence as well: they break only before a sentence opener.
#: Dotted acronyms (``U.S.``, ``U.N.``, ``a.m.``, ``p.m.``) are handled the same way.
AMBIGUOUS_ABBREVIATIONS: frozenset[str] = frozenset({
    "etc", "inc", "ltd", "co", "corp", "bros", "plc", "llc", "govt", "dept", "est", "admin",
})

#: Words (lowercase) that commonly open an English news sentence; after an ambiguous
#: abbreviation a full stop ends the sentence only when the next word is one of these.
SENTENCE_OPENERS: frozenset[str] = frozenset({
    "the", "a", "an", "he", "she", "it", "they", "we", "i", "you", "this", "that", "these",
    "those", "there", "here", "his", "her", "its", "their", "our", "my", "your", "in", "on", "at",
    "by", "for", "from", "with", "after", "before", "during", "as", "if", "when", "while", "since",
    "although", "though", "but", "and", "or", "so", "yet", "however", "meanwhile", "moreover",
    "also", "earlier", "later", "today", "yesterday", "tomorrow", "according", "some", "many",
    "most", "all", "both", "each", "every", "no", "none", "one", "two", "three", "several",
    "other", "another", "such", "what", "who", "why", "how", "where", "which", "then", "now",
    "still", "officials",
})

_TERMINATOR_RE = re.compile(r"([.!?…]+)([\"'”’»)\]]*)\s+")
_LINE_BREAK_RE = re.compile(r"[ \t\u00a0]*\n\s*")
_HAS_WORD_RE = re.compile(r"\w")
_OPENERS = frozenset("\"'“‘«„‚([")
_LEADING_PUNCTUATION = "\"'“‘«„‚([{"
_QUOTES = frozenset("\"'”’»")
_DOTTED_RE = re.compile(r"(?:[A-Za-z]{1,2}\.)+[A-Za-z]{1,2}")
_NEXT_WORD_RE = re.compile(r"[\"'“‘«„‚(\[]*(\w+)")
_ATTRIBUTION_RE = re.compile(
    r"(?:[\w’'.-]+\s+){1,5}?"
    r"(?:said|says|asked|asks|added|adds|told|tells|wrote|writes|stated|states|noted|notes|"
    r"stressed|replied|replies|declared|insisted|claimed|exclaimed|shouted|tweeted|cried|"
    r"warned|continued|explained)\b"
)


def iter_words(text: str, start: int = 0, end: int | None = None) -> Iterator[tuple[int, int]]:
    """Yield the ``(start, end)`` offsets of the words of ``text[start:end]``.

    A word is :data:`framing.text.WORD_RE`: a run of letters or digits, joined by internal
    hyphens or apostrophes ("de-occupied", "Azerbaijan’s"), the project's word everywhere.

    Args:
        text: the text.
        start: offset where to start looking.
        end: offset where to stop (exclusive); None for the end of the text.

    Returns:
        An iterator of ``(start, end)`` offsets into ``text``, end exclusive.
    """
    for match in WORD_RE.finditer(text, start, len(text) if end is None else end):
        yield match.span()


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Split ``text`` into sentences (rules in the module docstring).

    Args:
        text: the text of one entry (headline lines and paragraphs separated by line breaks).

    Returns:
        ``(start, end)`` offsets into ``text`` of each sentence, end exclusive, in text order,
        whitespace trimmed; empty for a text with no letter or digit.

    Example:
        >>> text = 'Drone Downed\\n\\n"Two were injured", the army said. Gen. Ali left.'
        >>> [text[s:e] for s, e in split_sentences(text)]
        ['Drone Downed', '"Two were injured", the army said.', 'Gen. Ali left.']
    """
    spans: list[tuple[int, int]] = []
    block_start = 0
    for match in _LINE_BREAK_RE.finditer(text):
        following = match.end()
        if (
            text.count("\n", match.start(), following) == 1
            and following < len(text)
            and text[following].islower()
        ):
            continue  # a line wrapped inside a sentence
        _split_block(text, block_start, match.start(), spans)
        block_start = following
    _split_block(text, block_start, len(text), spans)
    return spans


def _split_block(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append the sentences of ``text[start:end]`` (a block with no sentence-breaking newline)."""
    sentence_start = start
    for match in _TERMINATOR_RE.finditer(text, start, end):
        following = match.end()
        if following >= end:
            break
        if _ends_sentence(text, match, following):
            _append(text, sentence_start, match.end(2), spans)
            sentence_start = following
    _append(text, sentence_start, end, spans)


def _append(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    """Append ``(start, end)`` trimmed of whitespace, if it holds a letter or digit."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if _HAS_WORD_RE.search(text, start, end):
        spans.append((start, end))


def _ends_sentence(text: str, match: re.Match[str], following: int) -> bool:
    """Decide whether the terminator ``match`` (whitespace ends at ``following``) breaks."""
    char = text[following]
    if not (char.isupper() or char.isdigit() or char in _OPENERS):
        return False
    terminator, closers = match.group(1), match.group(2)
    if terminator == ".":
        return _full_stop_ends_sentence(text, match.start(1), following)
    if terminator[-1] in "!?" and closers and any(c in _QUOTES for c in closers):
        return _ATTRIBUTION_RE.match(text, following) is None
    return True


def _full_stop_ends_sentence(text: str, stop: int, following: int) -> bool:
    """Abbreviation, initial and acronym rules for a single full stop at offset ``stop``."""
    word_start = text.rfind(" ", 0, stop) + 1
    word_start = max(word_start, text.rfind("\n", 0, stop) + 1)
    word = text[word_start:stop].lstrip(_LEADING_PUNCTUATION)
    if not word:
        return True
    lowered = word.lower()
    if lowered in TITLE_ABBREVIATIONS:
        return False
    if len(word) == 1 and word.isupper():
        return False  # an initial: "J. Smith"
    next_is_digit = text[following].isdigit()
    if lowered in NUMBER_ABBREVIATIONS and next_is_digit:
        return False
    if lowered in MONTH_ABBREVIATIONS:
        return False if next_is_digit else _opens_sentence(text, following)
    if lowered in AMBIGUOUS_ABBREVIATIONS or _DOTTED_RE.fullmatch(word):
        return _opens_sentence(text, following)
    return True


def _opens_sentence(text: str, following: int) -> bool:
    """True when the word at ``following`` is a capitalised common sentence opener."""
    match = _NEXT_WORD_RE.match(text, following)
    if match is None:
        return True
    word = match.group(1)
    return word[0].isupper() and word.lower() in SENTENCE_OPENERS
