"""One compiled matcher for all lexicons of a run: terms, wildcards, multi-word phrases, actors.

Design (measured in ``benchmarks/bench_matcher.py``, figures in ``benchmarks/RESULTS.md``).
Matching runs in two stages:

1. **Span finding.** Every surface form of every lexicon is normalised
   (:mod:`framing.lexicon.forms`). For each word start where some form matches, the finder
   yields the *longest* span any lexicon could match there, without consuming text (another
   lexicon may have a shorter or an overlapping term). Two interchangeable engines give
   identical spans (a property test checks it):

   * ``ahocorasick`` (default when pyahocorasick is installed): one Aho-Corasick automaton of
     the lower-cased forms runs over the lower-cased text, normalised one character for one
     (hyphens, apostrophes, whitespace) with runs of whitespace collapsed through an offset
     map; each hit is checked for word boundaries and wildcards are extended with ``\\w*``.
   * ``re`` (standard library): the forms form one character trie emitted as a single regular
     expression, ``(?<!\\w)(?=(trie)).``, searched in ``text.lower()``; prefix-wildcard cores
     (``-backed`` of ``*-backed``) have their own consuming expression, extended back to the
     start of the word.

2. **Resolution**, once per distinct span string (cached): the span is cut at each possible
   word end and each cut looked up (exact dictionaries; wildcards by prefix/suffix lookups) to
   find the best entry of each lexicon; each lexicon then keeps its leftmost-longest,
   non-overlapping matches, skipping excluded contexts.

Rules:
* case-insensitive unless an entry is ``case_sensitive``;
* whole words: a match starts and ends at a word boundary (``\\w`` in Unicode): ``occupied``
  is not found in ``preoccupied``; hyphens and apostrophes are boundaries, so ``occupied`` is
  found in ``Armenian-occupied`` unless a longer term (``*-occupied``) covers it;
* multi-word terms match across any whitespace, line breaks included;
* hyphens/dashes ``- ‐ ‑ ‒ – —`` are interchangeable, as are apostrophes ``' ’ ʼ``;
* ``*`` at the start or end of a form matches any run of word characters (also none);
* per lexicon, the leftmost-longest match wins and matches do not overlap; at equal length a
  literal form beats a wildcard, and a longer wildcard core beats a shorter one;
* an entry does not count inside an occurrence of one of its ``exclude`` phrases (the next
  shorter candidate of that lexicon at the same start is tried instead);
* **one match per (span, lexicon)**: a term in two lexicons (``reportedly`` in ``hedges`` and
  ``anonymous-sources``) gives two matches, one per lexicon, each with its own entry.

Text should be in Unicode NFC (the corpus readers produce NFC); offsets are character offsets
into the given text, end exclusive.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Generic, NamedTuple, TypeVar

from framing.errors import LexiconError, MissingDependencyError, OptionError
from framing.lexicon.forms import (
    APOSTROPHES,
    HYPHENS,
    char_atom,
    form_regex,
    normalize_span,
    parse_form,
)
from framing.lexicon.model import Actor, Lexicon, LexiconEntry

REPORTING_VERBS_LEXICON = "reporting-verbs"
"""Name of the bundled lexicon whose categories are stances."""

STANCES: tuple[str, ...] = ("neutral", "distancing", "endorsing", "accusatory")
"""The categories of ``reporting-verbs``: the stance a reporting verb takes to what it reports."""

_CACHE_LIMIT = 1 << 16
# Ends of candidate sub-spans: before a non-word character (or the apostrophe U+02BC, a letter
# to `\w`) that follows a non-space one.
_INNER_END_RE = re.compile(r"(?<=\S)(?=\W|\u02bc)")
_LEADING_WORD_RE = re.compile(r"\w*")
_TRAILING_WORD_RE = re.compile(r"\w*\Z")
_MAX_WORD = 100
ENGINES: tuple[str, ...] = ("auto", "re", "ahocorasick")
"""Span finders of :class:`Matcher`: ``auto`` uses pyahocorasick when it is installed."""

# Flags of an automaton key: a literal form, a `core*` form, a `*core` form, a `*core*` form.
_TERM, _WILD_END, _PREFIX, _PREFIX_WILD_END = 1, 2, 4, 8
_AT_WORD_START = _TERM | _WILD_END  # keys that must start a word
_IN_WORD = _PREFIX | _PREFIX_WILD_END  # keys that may start inside one (`*core`)
_FLAGS = _AT_WORD_START | _IN_WORD
# In the automaton shared by the term and the actor index (`Matcher.find_with_actors`), a
# key's actor flags sit above its term flags.
_ACTOR_SHIFT = 4
_SPACES = "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != " ")
# Hyphens, apostrophes and whitespace unified one for one, so offsets survive.
_SEARCH_TABLE = str.maketrans({**dict.fromkeys(HYPHENS[1:], "-"),
                               **dict.fromkeys(APOSTROPHES[1:], "'"),
                               **dict.fromkeys(_SPACES, " ")})
_ODD_CHAR_RE = re.compile("[" + re.escape(HYPHENS[1:] + APOSTROPHES[1:] + _SPACES) + "]")
_SEARCH_CHARS = {chr(code): str(char) for code, char in _SEARCH_TABLE.items()}
# Exclude phrases are first looked for as plain substrings (see `_excluded`): their runs of
# ASCII letters and digits. For such runs, `re.IGNORECASE` agrees with `str.lower` on every
# character except these three (İ also changes length when lower-cased), so texts holding one
# skip the pre-check.
_ASCII_ALNUM_RUN_RE = re.compile(r"[A-Za-z0-9]+")
_IGNORECASE = int(re.IGNORECASE)  # a plain int: `&` on the enum runs Python code
_FOLD_TRAPS = ("\u0130", "\u0131", "\u017f")
_SPACE_RUN_RE = re.compile(" {2,}")

P = TypeVar("P")
R = TypeVar("R", bound=tuple[Any, ...])
# An automaton hit: (offset of the key's last character, (key length, flags)).
_Hit = tuple[int, tuple[int, int]]


class Match(NamedTuple):
    """One lexicon match in a text (an immutable record; a named tuple for speed).

    Attributes:
        start: character offset of the first character (into the text given to ``find``).
        end: character offset after the last character (end exclusive).
        text: the matched text as it appears (``text[start:end]``).
        entry: the lexicon entry that matched.
        lexicon: the name of the entry's lexicon.
    """

    start: int
    end: int
    text: str
    entry: LexiconEntry
    lexicon: str

    @property
    def category(self) -> str:
        """The entry's category (for ``reporting-verbs``: the stance)."""
        return self.entry.category

    @property
    def orientation(self) -> str | None:
        """The side whose framing the entry carries, if any."""
        return self.entry.orientation


class ActorMatch(NamedTuple):
    """One mention of an actor (by name or alias) in a text (an immutable record).

    Attributes:
        start: character offset of the first character.
        end: character offset after the last character (end exclusive).
        text: the matched text as it appears.
        actor: the actor mentioned.
        lexicon: the name of the lexicon that lists the actor.
    """

    start: int
    end: int
    text: str
    actor: Actor
    lexicon: str

    @property
    def side(self) -> str | None:
        """The actor's side, if any."""
        return self.actor.side


def stance_of(match: Match) -> str | None:
    """Return the stance of a reporting-verb match, or None for matches of other lexicons.

    Args:
        match: a match from :meth:`Matcher.find`.

    Returns:
        ``neutral``, ``distancing``, ``endorsing``, ``accusatory`` (the category of the
        ``reporting-verbs`` entry), or None.
    """
    return match.entry.category if match.lexicon == REPORTING_VERBS_LEXICON else None


def actor_case_sensitive(alias: str) -> bool:
    """Whether an actor name is matched case-sensitively.

    Acronyms — one word with at least two capitals (``UN``, ``OSCE``, ``MoD``) — are matched
    as written so that ``UN`` does not match "un-"; all other names ignore case, so headlines
    in capitals still match.

    Args:
        alias: an actor's name or alias.

    Returns:
        True for acronyms.
    """
    return len(alias.split()) == 1 and sum(c.isupper() for c in alias) >= 2


@dataclass(frozen=True, slots=True)
class _Item(Generic[P]):
    group: int
    lexicon: str
    payload: P
    # (pattern, window, literals): see `_excluded`.
    excludes: tuple[tuple[re.Pattern[str], int, tuple[str, ...]], ...]


# Per cached span: (group, ((length, matched text, item), …longest first)) for each group.
_Resolved = tuple[tuple[int, tuple[tuple[int, str, _Item[P]], ...]], ...]


@dataclass(frozen=True)
class _Spec(Generic[P]):
    group: int
    lexicon: str
    payload: P
    forms: tuple[str, ...]
    case_sensitive: bool
    exclude: tuple[str, ...] = ()


class _Trie:
    """A character trie of normalised forms, emitted as a regular expression."""

    __slots__ = ("children", "terminal", "wild_end")

    def __init__(self) -> None:
        self.children: dict[str, _Trie] = {}
        self.terminal = False
        self.wild_end = False

    def add(self, key: str, *, wild_end: bool = False) -> None:
        node = self
        for char in key:
            node = node.children.setdefault(char, _Trie())
        if wild_end:
            node.wild_end = True
        else:
            node.terminal = True

    def __bool__(self) -> bool:
        return bool(self.children) or self.terminal or self.wild_end

    def pattern(self) -> str:
        # Continuations first, then a wildcard, then stopping: with backtracking this yields
        # the longest match from a start (siblings begin with different characters).
        alternatives = [char_atom(char) + child.pattern()
                        for char, child in sorted(self.children.items())]
        if self.wild_end:
            alternatives.append(r"\w*")
        if self.terminal:
            alternatives.append(r"(?!\w)")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"


class _Prepared:
    """One text readied for the span finders, shared by the term and the actor index.

    Lower-casing and normalising a text cost as much as searching it, so
    :meth:`Matcher.find_with_actors` does them once for both indexes.
    """

    __slots__ = ("_folded", "_folded_known", "_search", "lowered", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lowered = text.lower()
        self._search: tuple[str, list[int], list[int]] | None = None
        self._folded: str | None = None
        self._folded_known = False

    def search_text(self) -> tuple[str, list[int], list[int]]:
        """The automaton's input: the lower-cased text with hyphens, apostrophes and
        whitespace unified one for one and runs of spaces collapsed to one, with the offsets
        (in the collapsed text) where runs were cut and the characters removed up to each."""
        if self._search is None:
            text = self.lowered
            # One `str.replace` per distinct odd character (usually the line breaks and ’)
            # is several times faster than `str.translate`, which looks up every character.
            for char in set(_ODD_CHAR_RE.findall(text)):
                text = text.replace(char, _SEARCH_CHARS[char])
            run_starts: list[int] = []
            run_shifts: list[int] = []
            if "  " in text:
                parts: list[str] = []
                previous = removed = 0
                for run in _SPACE_RUN_RE.finditer(text):
                    parts.append(text[previous:run.start() + 1])
                    previous = run.end()
                    run_starts.append(run.start() + 1 - removed)
                    removed += run.end() - run.start() - 1
                    run_shifts.append(removed)
                parts.append(text[previous:])
                text = "".join(parts)
            self._search = (text, run_starts, run_shifts)
        return self._search

    def folded(self) -> str | None:
        """The lower-cased text when it can stand in for `re.IGNORECASE` in the substring
        pre-check of exclude phrases (see ``_FOLD_TRAPS``), else None."""
        if not self._folded_known:
            text, lowered = self.text, self.lowered
            usable = len(lowered) == len(text) and not any(c in text for c in _FOLD_TRAPS)
            self._folded = lowered if usable else None
            self._folded_known = True
        return self._folded


class _PhraseIndex(Generic[P]):
    """Compiled forms of many groups (lexicons) with per-group leftmost-longest resolution."""

    def __init__(self, specs: Iterable[_Spec[P]], n_groups: int, *, use_automaton: bool) -> None:
        self.n_groups = n_groups
        masks: dict[str, int] = {}
        self._literal: dict[str, list[_Item[P]]] = {}
        self._literal_cs: dict[str, list[_Item[P]]] = {}
        self._suffix: dict[str, list[_Item[P]]] = {}
        self._suffix_cs: dict[str, list[_Item[P]]] = {}
        self._prefix: dict[str, list[_Item[P]]] = {}
        self._prefix_cs: dict[str, list[_Item[P]]] = {}
        self._infix: list[tuple[re.Pattern[str], _Item[P]]] = []
        self.n_forms = 0
        starts = _Trie()
        wild_starts = _Trie()
        for spec in specs:
            flags = 0 if spec.case_sensitive else re.IGNORECASE
            excludes = tuple(
                (re.compile(form_regex(form), flags), 4 * len(phrase) + 16,
                 _required_literals(form.core, spec.forms))
                for phrase in spec.exclude
                for form in (parse_form(phrase, case_sensitive=spec.case_sensitive),)
            )
            item = _Item(spec.group, spec.lexicon, spec.payload, excludes)
            for raw in spec.forms:
                form = parse_form(raw, case_sensitive=spec.case_sensitive)
                if not form.core:
                    continue
                self.n_forms += 1
                key = form.core
                trie_key = key.lower()
                if form.wild_start and form.wild_end:
                    body = "".join(char_atom(c) for c in key)
                    self._infix.append((re.compile(r"\w*" + body + r"\w*", flags), item))
                    wild_starts.add(trie_key, wild_end=True)
                    masks[trie_key] = masks.get(trie_key, 0) | _PREFIX_WILD_END
                    continue
                if form.wild_start:
                    table = self._prefix_cs if spec.case_sensitive else self._prefix
                    wild_starts.add(trie_key)
                    flag = _PREFIX
                elif form.wild_end:
                    table = self._suffix_cs if spec.case_sensitive else self._suffix
                    starts.add(trie_key, wild_end=True)
                    flag = _WILD_END
                else:
                    table = self._literal_cs if spec.case_sensitive else self._literal
                    starts.add(trie_key)
                    flag = _TERM
                masks[trie_key] = masks.get(trie_key, 0) | flag
                table.setdefault(key, []).append(item)
        self._suffix_lengths = _lengths(self._suffix, self._suffix_cs)
        self._prefix_lengths = _lengths(self._prefix, self._prefix_cs)
        # Literal and suffix-wildcard forms: a lookahead at each word start captures the
        # longest span any group could match there without consuming it (another group may
        # match inside it). One character is consumed so that `finditer` does not retry the
        # same position after an empty match.
        self._source = r"(?s)(?<!\w)(?=(" + starts.pattern() + "))." if starts else None
        # Prefix-wildcard cores ("-backed" of "*-backed") are searched on their own, consuming:
        # a pattern that starts with a literal character lets `re` skip ahead in C, whereas
        # `\w*core` tried at every word start costs a third of the scan. The word before the
        # core is added afterwards (see `_wild_start_spans`).
        self._wild_source = "(?:" + wild_starts.pattern() + ")" if wild_starts else None
        # The tries hold lower-case keys and are searched in `text.lower()`, which is about
        # 1.7x faster than re.IGNORECASE; texts whose length changes when lower-cased (rare
        # characters such as "İ") fall back to IGNORECASE copies compiled on first use.
        self._regex = _compile(self._source, 0)
        self._wild_regex = _compile(self._wild_source, 0)
        self._regex_ci: re.Pattern[str] | None = None
        self._wild_regex_ci: re.Pattern[str] | None = None
        self._ci_compiled = False
        # pyahocorasick finds the same spans as the expressions above, faster (see
        # benchmarks/RESULTS.md); the expressions stay for texts it cannot handle.
        self._automaton = _build_automaton(masks) if use_automaton and masks else None
        # The automaton's keys and flags, for an automaton shared with another index.
        self.automaton_masks = masks if self._automaton is not None else {}
        self._cache: dict[str, _Resolved[P]] = {}

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_cache"] = {}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    def _spans(self, text: str, prepared: _Prepared | None = None,
               shared: tuple[list[_Hit], int] | None = None) -> list[tuple[int, int]]:
        """(start, longest end) of every word start where some form matches, by start.

        ``shared``: the hits of an automaton shared with another index in the prepared text,
        and how far this index's flags are shifted in it (see ``Matcher.find_with_actors``).
        """
        if prepared is None:
            prepared = _Prepared(text)
        target = prepared.lowered
        regex, wild_regex = self._regex, self._wild_regex
        if len(target) == len(text):
            if self._automaton is not None:
                return self._automaton_spans(prepared, shared)
            if "\u02bc" in target:
                # U+02BC is a letter to `\w`; as an apostrophe it must be a word boundary.
                target = target.replace("\u02bc", "'")
        else:
            target = text
            if not self._ci_compiled:
                self._regex_ci = _compile(self._source, re.IGNORECASE)
                self._wild_regex_ci = _compile(self._wild_source, re.IGNORECASE)
                self._ci_compiled = True
            regex, wild_regex = self._regex_ci, self._wild_regex_ci
        spans = [(hit.start(), hit.end(1)) for hit in regex.finditer(target)] if regex else []
        if wild_regex is None:
            return spans
        extra = _wild_start_spans(wild_regex, target)
        if not extra:
            return spans
        for start, end in spans:
            if end > extra.get(start, -1):
                extra[start] = end
        return sorted(extra.items())

    def _automaton_spans(self, prepared: _Prepared,
                         shared: tuple[list[_Hit], int] | None = None) -> list[tuple[int, int]]:
        """The same spans as the expressions, found with the Aho-Corasick automaton.

        The automaton needs the exact keys, so the (lower-cased) text is normalised one
        character for one and runs of whitespace are collapsed, with an offset map back
        (:meth:`_Prepared.search_text`, shared by the term and the actor index).
        """
        automaton = self._automaton
        if automaton is None:  # pragma: no cover - guarded by the caller
            return []
        text, run_starts, run_shifts = prepared.search_text()
        hits, shift = shared if shared is not None else (automaton.iter(text), 0)
        size = len(text)
        found: dict[int, int] = {}
        for last, (length, flags) in hits:
            mask = (flags >> shift) & _FLAGS
            if not mask:
                continue  # a key of the other index only
            start = last - length + 1
            stop = last + 1
            # `\w` tests written out (alphanumeric or "_"): a function call per hit costs.
            if stop < size:
                after = text[stop]
                at_boundary = not (after.isalnum() or after == "_")
            else:
                at_boundary = True
            if mask & _AT_WORD_START:
                if start:
                    before = text[start - 1]
                    at_word_start = not (before.isalnum() or before == "_")
                else:
                    at_word_start = True
                if at_word_start:
                    end = stop if mask & _TERM and at_boundary else -1
                    if mask & _WILD_END:
                        end = _word_end(text, stop)
                    if end > found.get(start, -1):
                        found[start] = end
            if mask & _IN_WORD:
                end = stop if mask & _PREFIX and at_boundary else -1
                if mask & _PREFIX_WILD_END:
                    end = _word_end(text, stop)
                if end >= 0:
                    begin = _word_start(text, start)
                    if end > found.get(begin, -1):
                        found[begin] = end
        spans = sorted(found.items())
        if run_starts:
            # Back to offsets of the original text: add the characters removed before each.
            mapped = []
            for start, end in spans:
                at = bisect_right(run_starts, start)
                if at:
                    start += run_shifts[at - 1]
                at = bisect_right(run_starts, end - 1)
                if at:
                    end += run_shifts[at - 1]
                mapped.append((start, end))
            spans = mapped
        return spans

    def scan(self, text: str, kind: type[R], prepared: _Prepared | None = None,
             shared: tuple[list[_Hit], int] | None = None) -> list[R]:
        """Return the matches of every group in ``text`` as ``kind`` records, by start.

        ``kind`` is a named tuple of (start, end, text, payload, lexicon); ``prepared`` is
        ``text`` readied for searching and ``shared`` the hits of a shared automaton, when the
        caller shares them between indexes (see ``_spans``).
        """
        if prepared is None:
            prepared = _Prepared(text)
        found: list[R] = []
        spans = self._spans(text, prepared, shared)
        if not spans:
            return found
        last_end = [0] * self.n_groups
        cache = self._cache
        new = tuple.__new__  # the C constructor: calling the named tuple runs Python code
        for start, end in spans:
            span = text[start:end]
            resolved = cache.get(span)
            if resolved is None:
                if len(cache) >= _CACHE_LIMIT:
                    cache.clear()
                resolved = cache[span] = self._resolve(span)
            for group, candidates in resolved:
                if start < last_end[group]:
                    continue
                for length, matched, item in candidates:
                    stop = start + length
                    if item.excludes and _excluded(prepared, start, stop, item.excludes):
                        continue
                    last_end[group] = stop
                    found.append(new(kind, (start, stop, matched, item.payload, item.lexicon)))
                    break
        return found

    def _resolve(self, span: str) -> _Resolved[P]:
        """Each group's candidates (length, text, item) inside ``span``, longest first."""
        size = len(span)
        # One word (the common case) has one possible end and needs no normalisation (but
        # the apostrophe U+02BC is a letter to Python and still has to be unified).
        simple = span.isalnum() and "\u02bc" not in span
        ends = [size] if simple else sorted(
            {size, *(m.start() for m in _INNER_END_RE.finditer(span))}, reverse=True)
        n_groups = self.n_groups
        per_group: dict[int, list[tuple[int, str, _Item[P]]]] = {}
        for end in ends:
            sub = span if end == size else span[:end]
            exact = sub if simple else normalize_span(sub, case_sensitive=True)
            lower = exact.lower()
            best: dict[int, _Item[P]] = {}
            for item in self._literal_cs.get(exact, ()):
                best.setdefault(item.group, item)
            for item in self._literal.get(lower, ()):
                best.setdefault(item.group, item)
            if self._suffix_lengths and len(best) < n_groups:
                for key, table in ((exact, self._suffix_cs), (lower, self._suffix)):
                    if table:
                        _add_wild(best, table, key, self._suffix_lengths, simple, suffix=True)
            if self._prefix_lengths and len(best) < n_groups:
                for key, table in ((exact, self._prefix_cs), (lower, self._prefix)):
                    if table:
                        _add_wild(best, table, key, self._prefix_lengths, simple, suffix=False)
            for pattern, item in self._infix:
                if item.group not in best and pattern.fullmatch(exact):
                    best[item.group] = item
            for group, item in best.items():
                per_group.setdefault(group, []).append((end, sub, item))
        # The matched text is cached with the candidate: it is the same for every occurrence
        # of the span, so a hit costs no slicing and repeated terms share one string.
        return tuple((group, tuple(per_group[group])) for group in sorted(per_group))


def _add_wild(best: dict[int, _Item[P]], table: dict[str, list[_Item[P]]], key: str,
              lengths: tuple[int, ...], one_word: bool, *, suffix: bool) -> None:
    """Add the best wildcard item per group whose core plus word characters equals ``key``.

    ``core*`` matches if ``key`` starts with the core and the rest is word characters;
    ``*core`` if it ends with the core and the part before is word characters. Longer cores
    are tried first, so the most specific pattern wins.
    """
    size = len(key)
    shortest = 0
    if not one_word:
        run = _TRAILING_WORD_RE.search(key) if suffix else _LEADING_WORD_RE.match(key)
        shortest = size - (run.end() - run.start() if run else 0)
    for length in lengths:
        if length > size:
            continue
        if length < shortest:
            break
        items = table.get(key[:length] if suffix else key[size - length:])
        if items:
            for item in items:
                best.setdefault(item.group, item)


def _compile(source: str | None, flags: int) -> re.Pattern[str] | None:
    return re.compile(source, flags) if source is not None else None


def _wild_start_spans(regex: re.Pattern[str], text: str) -> dict[int, int]:
    """Spans of prefix-wildcard forms: each core hit extended back to its word's start."""
    spans: dict[int, int] = {}
    for hit in regex.finditer(text):
        start = _word_start(text, hit.start())
        if hit.end() > spans.get(start, -1):
            spans[start] = hit.end()
    return spans


def _word_start(text: str, index: int) -> int:
    """Start of the run of word characters that ends at ``index``."""
    word = _TRAILING_WORD_RE.search(text, max(0, index - _MAX_WORD), index)
    return word.start() if word else index


def _word_end(text: str, index: int) -> int:
    """End of the run of word characters that starts at ``index``."""
    word = _LEADING_WORD_RE.match(text, index)
    return word.end() if word else index


def _build_automaton(masks: dict[str, int]) -> Any:
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for key, mask in masks.items():
        automaton.add_word(key, (len(key), mask))
    automaton.make_automaton()
    return automaton


def _automaton_available() -> bool:
    try:
        import ahocorasick  # noqa: F401 - only probing whether it is installed
    except ImportError:
        return False
    return True


def _lengths(*tables: dict[str, list[_Item[P]]]) -> tuple[int, ...]:
    """Distinct key lengths of wildcard tables, longest first (longest core wins)."""
    return tuple(sorted({len(key) for table in tables for key in table}, reverse=True))


def _required_literals(core: str, forms: tuple[str, ...]) -> tuple[str, ...]:
    """The runs of ASCII letters and digits of an exclude phrase, the most telling first.

    Every match of the phrase's expression holds each of them: letters and digits are literal
    atoms of :func:`~framing.lexicon.forms.form_regex` (spaces, hyphens and apostrophes are
    not). Runs that occur in the entry's own forms ("sure" of "make sure") are always found
    next to a match of the entry, so they are tried last.
    """
    own = " ".join(forms).lower()
    runs = sorted(set(_ASCII_ALNUM_RUN_RE.findall(core)),
                  key=lambda run: (run.lower() in own, -len(run), run))
    return tuple(runs)


def _excluded(prepared: _Prepared, start: int, end: int,
              excludes: tuple[tuple[re.Pattern[str], int, tuple[str, ...]], ...]) -> bool:
    text = prepared.text
    # The excludes of one entry share its case rule, hence one haystack for the pre-check.
    haystack = prepared.folded() if excludes[0][0].flags & _IGNORECASE else text
    for pattern, window, literals in excludes:
        low = start - window if start > window else 0
        high = end + window  # past the end is the same as the end, for find and finditer
        if haystack is not None and literals:
            # A phrase whose words are not all in the window cannot match there: a few
            # substring searches instead of running the expression (most windows hold no
            # exclude phrase).
            absent = False
            for literal in literals:
                if haystack.find(literal, low, high) < 0:
                    absent = True
                    break
            if absent:
                continue
        for hit in pattern.finditer(text, low, high):
            if hit.start() <= start and hit.end() >= end:
                return True
    return False


class Matcher:
    """All lexicons of a run compiled once; finds terms and actor mentions in texts.

    See the module documentation for the matching rules. A matcher is immutable (apart from an
    internal cache), safe to share between threads and picklable for process pools.

    Args:
        lexicons: the lexicons to match; their names must differ.
        engine: how candidate spans are found — ``re`` (one trie-shaped regular expression,
            standard library only), ``ahocorasick`` (pyahocorasick, faster), or ``auto`` (the
            default: ``ahocorasick`` if installed, else ``re``). Both give identical matches.

    Raises:
        LexiconError: if two lexicons have the same name.
        OptionError: for an unknown engine.
        MissingDependencyError: for ``engine="ahocorasick"`` without pyahocorasick.

    Example:
        >>> from framing.lexicon import Lexicon, LexiconEntry, Matcher
        >>> lexicon = Lexicon(
        ...     name="territory", version="1.0", categories={"territory": "Territorial terms"},
        ...     entries=(LexiconEntry(category="territory", term="occupied territories"),
        ...              LexiconEntry(category="territory", pattern="occup*")),
        ... )
        >>> matcher = Matcher([lexicon])
        >>> text = "The occupied\\nterritories; occupation"
        >>> [(m.text, m.entry.label) for m in matcher.find(text)]
        [('occupied\\nterritories', 'occupied territories'), ('occupation', 'occup*')]
    """

    def __init__(self, lexicons: Iterable[Lexicon], *, engine: str = "auto") -> None:
        if engine not in ENGINES:
            raise OptionError(f"the `engine` parameter must be one of {', '.join(ENGINES)}; "
                              f"got {engine!r}")
        available = _automaton_available()
        if engine == "ahocorasick" and not available:
            raise MissingDependencyError("the 'ahocorasick' engine needs pyahocorasick: "
                                         "pip install pyahocorasick (or use engine='re')")
        self.engine = "ahocorasick" if engine != "re" and available else "re"
        use_automaton = self.engine == "ahocorasick"
        self.lexicons: tuple[Lexicon, ...] = tuple(lexicons)
        seen: set[str] = set()
        for lexicon in self.lexicons:
            if lexicon.name in seen:
                raise LexiconError(f"lexicon '{lexicon.name}' is given twice; each lexicon of a "
                                   "run needs its own name")
            seen.add(lexicon.name)
        n_groups = len(self.lexicons)
        self._terms: _PhraseIndex[LexiconEntry] = _PhraseIndex(
            (_Spec(group, lexicon.name, entry, entry.forms, entry.case_sensitive, entry.exclude)
             for group, lexicon in enumerate(self.lexicons) for entry in lexicon.entries),
            n_groups, use_automaton=use_automaton,
        )
        self._actors: _PhraseIndex[Actor] = _PhraseIndex(
            (_Spec(group, lexicon.name, actor, (alias,), actor_case_sensitive(alias))
             for group, lexicon in enumerate(self.lexicons) for actor in lexicon.actors
             for alias in actor.names),
            n_groups, use_automaton=use_automaton,
        )
        # One automaton of the term and the actor keys, for `find_with_actors`: built on first
        # use (it is not needed otherwise) and not pickled.
        self._shared_automaton: Any = None

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_shared_automaton"] = None
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)

    @property
    def n_terms(self) -> int:
        """Number of compiled surface forms (terms, patterns and variants)."""
        return self._terms.n_forms

    @property
    def n_actor_names(self) -> int:
        """Number of compiled actor names and aliases."""
        return self._actors.n_forms

    def find(self, text: str) -> list[Match]:
        """Find every lexicon match in a text.

        Args:
            text: the text (in Unicode NFC).

        Returns:
            The matches sorted by start (then by lexicon order); within one lexicon they never
            overlap, across lexicons they may coincide or overlap.
        """
        return self._terms.scan(text, Match)

    def find_with_actors(self, text: str) -> tuple[list[Match], list[ActorMatch]]:
        """:meth:`find` and :meth:`find_actors` of one text at once (faster than both).

        Args:
            text: the text (in Unicode NFC).

        Returns:
            ``(matches, actor mentions)``, the same as the two methods return.
        """
        prepared = _Prepared(text)
        terms, actors = self._terms, self._actors
        if terms.automaton_masks and actors.automaton_masks \
                and len(prepared.lowered) == len(text):
            # Both indexes would search the same normalised text: one pass of a shared
            # automaton instead of two (the indexes' own automata serve `find` and
            # `find_actors`).
            automaton = self._shared_automaton
            if automaton is None:
                masks = dict(terms.automaton_masks)
                for key, mask in actors.automaton_masks.items():
                    masks[key] = masks.get(key, 0) | mask << _ACTOR_SHIFT
                automaton = self._shared_automaton = _build_automaton(masks)
            hits = list(automaton.iter(prepared.search_text()[0]))
            return (terms.scan(text, Match, prepared, (hits, 0)),
                    actors.scan(text, ActorMatch, prepared, (hits, _ACTOR_SHIFT)))
        return (terms.scan(text, Match, prepared), actors.scan(text, ActorMatch, prepared))

    def find_actors(self, text: str) -> list[ActorMatch]:
        """Find every mention of a lexicon actor (name or alias) in a text.

        Args:
            text: the text (in Unicode NFC).

        Returns:
            The mentions sorted by start, leftmost-longest and non-overlapping per lexicon, with
            the same normalisation as :meth:`find` (acronyms match case-sensitively, see
            :func:`actor_case_sensitive`).
        """
        return self._actors.scan(text, ActorMatch)

    def __repr__(self) -> str:
        names = ", ".join(lexicon.id for lexicon in self.lexicons)
        return (f"Matcher({names}; {self.n_terms} forms, {self.n_actor_names} actor names, "
                f"engine={self.engine})")
