"""Quotation marks, paragraphs, sentences and editorial insertions of one text.

The scanner makes one pass over the quotation-mark characters of a text and pairs them with a
stack, paragraph by paragraph. Each mark is classed by its neighbours (the flanking rules of
CommonMark, adapted to news copy):

* a mark followed by a non-space and preceded by a space, an opening bracket or a dash can open;
  a mark preceded by a non-space and followed by a space or punctuation can close;
* ``“ „ «`` open and ``” »`` close, unless their neighbours say the opposite (some copy uses
  ``”`` on both sides); straight ``"`` and the doubled single ``''`` (used for double quotes in
  some archives) open or close by their neighbours, and a mark that could do either toggles;
* ``’`` and ``'`` between two letters or digits are apostrophes (``Azerbaijan’s``, ``don't``); a
  closing single mark with no single quote open is an apostrophe too (``Armenians' homes``), so
  single quotes are paired only when both marks are found in the same paragraph;
* quotes nest (a single quote inside a double one); only the outermost quote is reported;
* a double quote still open at the end of a paragraph is closed there. When the next paragraph
  opens a quote again, that is the news convention for a quote running over several paragraphs
  and the two quotes form one group; otherwise the opening mark is reported as unpaired, so that
  callers can flag the guess.

Offsets are character offsets into the text, end exclusive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


def _wordset(words: str) -> frozenset[str]:
    """The whitespace-separated words of a string (word lists kept readable as prose)."""
    return frozenset(words.split())


# A quotation mark, or the doubled single mark ''. Written to open with a character class, which
# lets `re` skip to candidates in C (an alternation first is tried at every offset).
_MARK_RE = re.compile("[\"“”„«»‘’'](?:(?<=')')?")
_PARAGRAPH_RE = re.compile(r"\n[ \t\r\f\v]*\n\s*")
# Characters after which a mark may open (besides whitespace), and before which it may close.
_OPENERS_BEFORE = frozenset("([{<—–-/\u2015\"“„«‘'")
_CLOSERS_AFTER = frozenset(".,;:!?)]}>—–-/…\u2015\"”»’'")
_DOUBLE_OPEN = frozenset("“„«")
_SINGLE_MARKS = frozenset("'’‘")
_DOUBLE_CLOSE = frozenset("”»")
_INSERTION_RE = re.compile(r"\[[^\[\]\n]{1,200}\]")
# A sentence ends at . ! ? … (with closing quotes or brackets after it) before whitespace and a
# capital, a digit or an opening quote.
# (The same as `[.!?…]+[…]*(?=…)|[.!?…]+[…]*(?=\s*\Z)`, factored to open with a character class
# so that `re` skips to candidates in C: five times faster.)
_SENTENCE_END_RE = re.compile(
    r"[.!?…][.!?…]*[\"'”’»)\]]*(?:(?=\s+[\"“‘'«(\[]*[A-Z0-9\u00c0-\u024f])|(?=\s*\Z))")
_ABBREVIATIONS = _wordset(
    "mr mrs ms dr prof gen lt col maj capt sgt cmdr adm gov sen rep st jr sr messrs rev fr hon "
    "inc corp co ltd bros no nos vol fig vs etc approx est dept univ ave blvd mt ft "
    "jan feb mar apr jun jul aug sep sept oct nov dec a.m p.m u.s u.k u.n e.g i.e")


@dataclass(frozen=True, slots=True)
class Quote:
    """One outermost quotation.

    Attributes:
        open: offset of the opening mark.
        start, end: the quoted text, inside the marks.
        close: offset after the closing mark (equal to ``end`` when the quote was closed at the
            end of its paragraph).
        closed: False when no closing mark was found in the paragraph.
        single: True for single quotation marks.
        group: quotes of one multi-paragraph quotation share a group number.
    """

    open: int
    start: int
    end: int
    close: int
    closed: bool
    single: bool
    group: int


@dataclass(frozen=True, slots=True)
class QuoteScan:
    """The quotes, paragraphs and unpaired marks of a text."""

    quotes: tuple[Quote, ...]
    paragraphs: tuple[tuple[int, int], ...]
    unpaired: tuple[int, ...]


def find_paragraphs(text: str, breaks: tuple[int, ...] = ()) -> list[tuple[int, int]]:
    """Split a text at blank lines (and at extra break offsets such as the end of a headline).

    Args:
        text: the text.
        breaks: further offsets where a paragraph ends (e.g. ``title_end``).

    Returns:
        ``(start, end)`` of each non-empty paragraph, with surrounding whitespace trimmed.
    """
    cuts: list[tuple[int, int]] = [m.span() for m in _PARAGRAPH_RE.finditer(text)]
    for offset in breaks:
        if 0 < offset < len(text):
            cuts.append((offset, offset))
    cuts.sort()
    paragraphs: list[tuple[int, int]] = []
    position = 0
    for cut_start, cut_end in cuts:
        if cut_start >= position:
            _append_trimmed(paragraphs, text, position, cut_start)
            position = max(position, cut_end)
    _append_trimmed(paragraphs, text, position, len(text))
    return paragraphs


def _append_trimmed(paragraphs: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        paragraphs.append((start, end))


def scan_quotes(text: str, paragraphs: list[tuple[int, int]]) -> QuoteScan:
    """Pair the quotation marks of a text, paragraph by paragraph (see the module notes).

    Args:
        text: the text.
        paragraphs: its paragraphs, from :func:`find_paragraphs`.

    Returns:
        The outermost quotes in text order, the paragraphs, and the offsets of marks that could
        not be paired (double quotes closed at a paragraph end without a continuation, closing
        double marks with nothing open).
    """
    quotes: list[Quote] = []
    unpaired: list[int] = []
    marks = [(m.start(), m.group()) for m in _MARK_RE.finditer(text)]
    if not marks:
        return QuoteScan((), tuple(paragraphs), ())
    index = 0
    n_marks = len(marks)
    next_group = 0
    pending_group: int | None = None  # group of a quote left open at the previous paragraph end
    for para_start, para_end in paragraphs:
        while index < n_marks and marks[index][0] < para_start:
            index += 1
        # Stack entries: (is_double, offset of the mark, length of the mark).
        stack: list[tuple[bool, int, int]] = []
        continued = pending_group
        pending_group = None
        while index < n_marks and marks[index][0] < para_end:
            offset, mark = marks[index]
            index += 1
            length = len(mark)
            before = text[offset - 1] if offset > para_start else " "
            after = text[offset + length] if offset + length < para_end else " "
            if mark in _SINGLE_MARKS and before.isalnum() and after.isalnum():
                continue  # an apostrophe inside a word (Azerbaijan’s), the commonest mark
            space_before = before.isspace()
            space_after = after.isspace()
            can_open = not space_after and after not in _CLOSERS_AFTER and (
                space_before or before in _OPENERS_BEFORE)
            can_close = not space_before and before not in _OPENERS_BEFORE and (
                space_after or after in _CLOSERS_AFTER)
            if mark in _SINGLE_MARKS:
                _single_mark(stack, quotes, offset, length, mark, before, after,
                             can_open, can_close)
                continue
            if mark in _DOUBLE_OPEN:
                opens = not (can_close and not can_open)
            elif mark in _DOUBLE_CLOSE:
                opens = can_open and not can_close
            elif can_open != can_close:
                opens = can_open
            elif space_before and space_after:
                unpaired.append(offset)  # a stray mark between spaces
                continue
            else:
                # word"word: decide by what is open.
                opens = not any(entry[0] for entry in stack)
            if opens:
                stack.append((True, offset, length))
                continue
            depth = _top_index(stack, double=True)
            if depth is None:
                unpaired.append(offset)
                continue
            _, open_at, open_len = stack[depth]
            del stack[depth:]
            if depth == 0:
                if continued is not None and open_at == para_start:
                    quote_group = continued
                else:
                    quote_group = next_group
                    next_group += 1
                continued = None
                quotes.append(Quote(open_at, open_at + open_len, offset, offset + length,
                                    True, False, quote_group))
        if stack and stack[0][0]:
            _, open_at, open_len = stack[0]
            if continued is not None and open_at == para_start:
                quote_group = continued
            else:
                quote_group = next_group
                next_group += 1
            inner = min(open_at + open_len, para_end)
            quotes.append(Quote(open_at, inner, para_end, para_end, False, False, quote_group))
            if _next_paragraph_opens(text, paragraphs, para_end):
                pending_group = quote_group
            else:
                unpaired.append(open_at)
    quotes.sort(key=lambda quote: quote.open)
    return QuoteScan(tuple(quotes), tuple(paragraphs), tuple(unpaired))


def _single_mark(stack: list[tuple[bool, int, int]], quotes: list[Quote], offset: int,
                 length: int, mark: str, before: str, after: str, can_open: bool,
                 can_close: bool) -> None:
    """Open, close or skip (as an apostrophe) one single quotation mark."""
    if before.isalnum() and after.isalnum():
        return  # an apostrophe inside a word
    if mark == "‘":
        if can_open:
            stack.append((False, offset, length))
        return
    if can_close and not can_open:
        depth = _top_index(stack, double=False)
        if depth is None:
            return  # an apostrophe after a word (Armenians' homes)
        _, open_at, open_len = stack[depth]
        del stack[depth:]
        if depth == 0:
            # Single-quoted stretches are not continued across paragraphs: group -1 - offset
            # keeps them apart from the numbered double-quote groups.
            quotes.append(Quote(open_at, open_at + open_len, offset, offset + length, True,
                                True, -1 - open_at))
    elif can_open and not can_close:
        stack.append((False, offset, length))


def _top_index(stack: list[tuple[bool, int, int]], *, double: bool) -> int | None:
    for position in range(len(stack) - 1, -1, -1):
        if stack[position][0] == double:
            return position
    return None


def _next_paragraph_opens(text: str, paragraphs: list[tuple[int, int]], para_end: int) -> bool:
    for start, _ in paragraphs:
        if start > para_end:
            return text[start] in "\"“„«" or text.startswith("''", start)
    return False


def find_insertions(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Editorial insertions in square brackets between two offsets (``[to speak]``).

    Args:
        text: the text.
        start, end: the stretch to search (the inside of a quote).

    Returns:
        ``(start, end)`` of each bracketed insertion, brackets included.
    """
    if "[" not in text[start:end]:
        return []
    return [(m.start(), m.end()) for m in _INSERTION_RE.finditer(text, start, end)]


def find_sentences(text: str, start: int, end: int,
                   quotes: tuple[Quote, ...] | list[Quote]) -> list[tuple[int, int]]:
    """Split a paragraph into sentences, never inside a quote.

    A sentence ending inside a quotation does not end the sentence that carries the quote
    (``"We have no plans. None", the president said.`` is one sentence for attribution).

    Args:
        text: the text.
        start, end: the paragraph.
        quotes: the outermost quotes of the text (any order).

    Returns:
        ``(start, end)`` of each sentence, trimmed of surrounding whitespace.
    """
    inside = [(q.start, q.end) for q in quotes if q.start < end and q.end > start]
    sentences: list[tuple[int, int]] = []
    position = start
    for match in _SENTENCE_END_RE.finditer(text, start, end):
        stop = match.end()
        if inside and any(q_start < stop <= q_end for q_start, q_end in inside):
            continue
        if text[match.start()] == "." and _is_abbreviation(text, match.start(), position):
            continue
        _append_trimmed(sentences, text, position, stop)
        position = stop
    _append_trimmed(sentences, text, position, end)
    return sentences


def _is_abbreviation(text: str, dot: int, floor: int) -> bool:
    start = dot
    while start > floor and dot - start < 8 and (text[start - 1].isalnum()
                                                 or text[start - 1] == "."):
        start -= 1
    if start == dot or dot - start >= 8 or not text[start].isalpha():
        return False
    token = text[start:dot].lower().rstrip(".")
    if len(token) == 1 and token.isalpha():
        return text[start].isupper() and token != "i"  # an initial (J. Smith), not "a."
    return token in _ABBREVIATIONS
