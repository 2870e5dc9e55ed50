"""Validation of lexicon files: every problem, with file, line and entry, never a silent fix.

The validator works on the line-numbered tree of :mod:`framing.lexicon._tree`, so YAML, TSV and
LIWC files are checked by the same rules. It reports *all* problems of a file (a scholar fixing
a lexicon wants the full list, like a compiler), in line order.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path

from framing.errors import LexiconError, format_location
from framing.lexicon._tree import Map, Node, Scalar, Seq, describe
from framing.lexicon.forms import form_matches_in, form_problems, normalize_form, parse_form
from framing.lexicon.model import ACTOR_KINDS, Actor, Lexicon, LexiconEntry, LexiconSource

HEADER_KEYS: tuple[str, ...] = (
    "name",
    "version",
    "language",
    "description",
    "licence",
    "license",
    "citation",
    "sources",
    "categories",
    "sides",
    "entries",
    "actors",
)
REQUIRED_HEADER_KEYS: tuple[str, ...] = ("name", "version", "categories", "entries")
ENTRY_KEYS: tuple[str, ...] = (
    "term",
    "pattern",
    "category",
    "source",
    "variants",
    "orientation",
    "case_sensitive",
    "exclude",
    "note",
)
ACTOR_KEYS: tuple[str, ...] = ("name", "aliases", "side", "kind", "note")
SOURCE_KEYS: tuple[str, ...] = ("id", "citation", "url")
_TRUE = frozenset({"true", "yes", "on"})


@dataclass(frozen=True)
class LexiconProblem:
    """One problem in a lexicon file.

    Attributes:
        path: the file.
        line: 1-based line of the problem, if known.
        entry: the entry's term or pattern (or the actor's name, category id, source id) the
            problem belongs to; None for problems of the header or the whole file.
        message: what is wrong and, where possible, what to do.
        kind: what ``entry`` names: ``entry``, ``actor``, ``category``, ``side`` or ``source``.
    """

    path: str
    line: int | None
    entry: str | None
    message: str
    kind: str = "entry"

    def __str__(self) -> str:
        where = format_location(self.path, self.line)
        who = f"{self.kind} {self.entry!r}: " if self.entry is not None else ""
        return f"{where}: {who}{self.message}"


class LexiconValidationError(LexiconError):
    """A lexicon file has problems; :attr:`problems` lists all of them, in line order."""

    code = "E401"

    def __init__(self, problems: list[LexiconProblem]) -> None:
        self.problems = problems
        message = str(problems[0]) if problems else "invalid lexicon"
        if len(problems) > 1:
            message += (
                f" (and {len(problems) - 1} more problem(s); "
                f"run `framing lexicon validate {problems[0].path}` to list them)"
            )
        super().__init__(message)


@dataclass
class CheckResult:
    """Outcome of checking one tree: the lexicon if valid, the problems, and bad entries.

    Attributes:
        lexicon: the built lexicon, or None if there are problems.
        problems: every problem, in line order.
        bad_entries: indices (into ``entries``) of entries with at least one problem, so that
            importers can drop them on request.
    """

    lexicon: Lexicon | None
    problems: list[LexiconProblem]
    bad_entries: set[int] = field(default_factory=set)


def _suggest(value: str, choices: Iterable[str], what: str, *, verb: str = "declared") -> str:
    options = list(choices)
    close = difflib.get_close_matches(value, options, n=1, cutoff=0.75)
    if close:
        return f" (did you mean '{close[0]}'?)"
    if not options:
        return f" (the lexicon declares no {what})"
    shown = ", ".join(options[:12]) + (", …" if len(options) > 12 else "")
    return f" ({verb} {what}: {shown})"


@dataclass
class _Seen:
    case_sensitive: bool
    exact: str
    line: int
    label: str


class _Checker:
    """Walks a tree once, collecting problems and the values of a valid lexicon."""

    def __init__(self, path: str, *, strict: bool, expected_name: str | None) -> None:
        self.path = path
        self.strict = strict
        self.expected_name = expected_name
        self.problems: list[LexiconProblem] = []
        self.bad_entries: set[int] = set()
        self._index: int | None = None

    # -- reporting ------------------------------------------------------------------------

    def add(self, line: int | None, message: str, *, who: str | None = None,
            kind: str = "entry") -> None:
        self.problems.append(LexiconProblem(self.path, line, who, message, kind))
        if kind == "entry" and self._index is not None:
            self.bad_entries.add(self._index)

    # -- typed access -----------------------------------------------------------------------

    def text(self, node: Node, key: str, *, who: str | None = None,
             kind: str = "entry") -> str | None:
        if isinstance(node, Scalar):
            return None if node.tag == "null" else node.value
        self.add(node.line, f"'{key}' must be a string; got {describe(node)}", who=who, kind=kind)
        return None

    def texts(self, node: Node, key: str, *, who: str | None = None,
              kind: str = "entry") -> list[tuple[str, int]] | None:
        if isinstance(node, Scalar) and node.tag == "null":
            return []
        if not isinstance(node, Seq):
            self.add(node.line, f"'{key}' must be a list of strings; got {describe(node)}",
                     who=who, kind=kind)
            return None
        values: list[tuple[str, int]] = []
        for item in node.items:
            if isinstance(item, Scalar) and item.tag != "null":
                values.append((item.value, item.line))
            else:
                self.add(item.line, f"'{key}' must be a list of strings; an item is "
                         f"{describe(item)}", who=who, kind=kind)
        return values

    def flag(self, node: Node, key: str, *, who: str | None = None) -> bool | None:
        if isinstance(node, Scalar) and node.tag == "bool":
            return node.value.lower() in _TRUE
        self.add(node.line, f"'{key}' must be true or false; got {describe(node)}", who=who)
        return None

    def fields(self, node: Map, allowed: tuple[str, ...], *, who: str | None = None,
               kind: str = "entry") -> dict[str, tuple[int, Node]]:
        found: dict[str, tuple[int, Node]] = {}
        for key, line, value in node.items:
            if key in found:
                self.add(line, f"duplicate key '{key}' (first at line {found[key][0]})",
                         who=who, kind=kind)
            elif key not in allowed:
                hint = _suggest(key, allowed, "keys", verb="allowed")
                self.add(line, f"unknown key '{key}'{hint}", who=who, kind=kind)
            else:
                found[key] = (line, value)
        return found

    # -- the lexicon -----------------------------------------------------------------------

    def check(self, root: Node | None) -> Lexicon | None:
        if root is None:
            self.add(1, "the file is empty; a lexicon needs at least name, version, "
                     "categories and entries", kind="header")
            return None
        if not isinstance(root, Map):
            self.add(root.line, "the top level must be a mapping with the keys name, version, "
                     f"categories and entries; got {describe(root)}", kind="header")
            return None
        head = self.fields(root, HEADER_KEYS, kind="header")
        for key in REQUIRED_HEADER_KEYS:
            if key not in head:
                self.add(root.line, f"missing required key '{key}'", kind="header")

        values: dict[str, str | None] = {}
        for key in ("name", "version", "language", "description", "licence", "license",
                    "citation"):
            if key in head:
                values[key] = self.text(head[key][1], key, kind="header")
        if "licence" in head and "license" in head:
            self.add(head["license"][0], "give either 'licence' or 'license', not both",
                     kind="header")
        licence = values.get("licence") or values.get("license")
        name = values.get("name")
        if "name" in head and not name:
            self.add(head["name"][0], "'name' must not be empty", kind="header")
        if "version" in head and not values.get("version"):
            self.add(head["version"][0], "'version' must not be empty", kind="header")
        if self.strict:
            if name and self.expected_name and name != self.expected_name:
                self.add(head["name"][0], f"name '{name}' must equal the file name "
                         f"'{self.expected_name}' in a bundled lexicon", kind="header")
            if not licence:
                self.add(root.line, "a bundled lexicon must state its 'licence'", kind="header")

        sources = self.sources(head["sources"][1]) if "sources" in head else []
        source_ids = {s.id for s in sources}
        categories, category_lines = (
            self.id_map(head["categories"][1], "categories", "category")
            if "categories" in head else ({}, {})
        )
        sides, _ = self.id_map(head["sides"][1], "sides", "side") if "sides" in head else ({}, {})

        entries: list[LexiconEntry] = []
        if "entries" in head:
            entries_line, entries_node = head["entries"]
            entries = self.entries(entries_node, categories, sides, source_ids)
            if not entries and isinstance(entries_node, Seq) and not entries_node.items:
                self.add(entries_line, "the lexicon has no entries", kind="header")
            used = {entry.category for entry in entries}
            if isinstance(entries_node, Seq):
                # Categories used by invalid entries are not "empty": count them too.
                used |= _raw_categories(entries_node)
                for category_id, line in category_lines.items():
                    if category_id not in used:
                        self.add(line, "declared but has no entries (an empty category); "
                                 "add entries or remove it", who=category_id, kind="category")
        actors = self.actors(head["actors"][1], sides) if "actors" in head else []

        if self.problems:
            return None
        if name is None:  # pragma: no cover - a missing name is always reported above
            return None
        return Lexicon(
            name=name,
            version=values.get("version") or "",
            language=values.get("language") or "en",
            description=values.get("description") or "",
            licence=licence,
            citation=values.get("citation"),
            sources=tuple(sources),
            categories=categories,
            sides=sides,
            entries=tuple(entries),
            actors=tuple(actors),
        )

    def sources(self, node: Node) -> list[LexiconSource]:
        if not isinstance(node, Seq):
            self.add(node.line, "'sources' must be a list of {id, citation, url}; got "
                     f"{describe(node)}", kind="header")
            return []
        result: list[LexiconSource] = []
        seen: dict[str, int] = {}
        for item in node.items:
            if not isinstance(item, Map):
                self.add(item.line, "each source must be a mapping {id, citation, url}; got "
                         f"{describe(item)}", kind="header")
                continue
            fields = self.fields(item, SOURCE_KEYS, kind="source")
            got = {key: self.text(value, key, kind="source") for key, (_, value) in
                   fields.items()}
            source_id, citation = got.get("id"), got.get("citation")
            if not source_id:
                self.add(item.line, "a source needs an 'id'", kind="header")
                continue
            if not citation:
                self.add(item.line, "missing required key 'citation'", who=source_id,
                         kind="source")
            if source_id in seen:
                self.add(item.line, f"duplicate source id (first at line {seen[source_id]})",
                         who=source_id, kind="source")
                continue
            seen[source_id] = item.line
            result.append(LexiconSource(source_id, citation or "", got.get("url")))
        return result

    def id_map(self, node: Node, key: str, kind: str) -> tuple[dict[str, str], dict[str, int]]:
        if isinstance(node, Scalar) and node.tag == "null":
            return {}, {}
        if not isinstance(node, Map):
            self.add(node.line, f"'{key}' must be a mapping of id → description; got "
                     f"{describe(node)}", kind="header")
            return {}, {}
        descriptions: dict[str, str] = {}
        lines: dict[str, int] = {}
        for item_id, line, value in node.items:
            if item_id in lines:
                self.add(line, f"declared twice (first at line {lines[item_id]})", who=item_id,
                         kind=kind)
                continue
            lines[item_id] = line
            descriptions[item_id] = self.text(value, f"{key}.{item_id}", who=item_id,
                                              kind=kind) or ""
        return descriptions, lines

    def entries(self, node: Node, categories: dict[str, str], sides: dict[str, str],
                source_ids: set[str]) -> list[LexiconEntry]:
        if not isinstance(node, Seq):
            self.add(node.line, f"'entries' must be a list of mappings; got {describe(node)}",
                     kind="header")
            return []
        result: list[LexiconEntry] = []
        seen: dict[str, list[_Seen]] = {}
        for index, item in enumerate(node.items):
            self._index = index
            try:
                entry = self.entry(item, index, categories, sides, source_ids, seen)
            finally:
                self._index = None
            if entry is not None:
                result.append(entry)
        return result

    def entry(
        self, item: Node, index: int, categories: dict[str, str], sides: dict[str, str],
        source_ids: set[str], seen: dict[str, list[_Seen]],
    ) -> LexiconEntry | None:
        if not isinstance(item, Map):
            self.add(item.line, f"an entry must be a mapping with 'term' and 'category'; got "
                     f"{describe(item)}", who=f"#{index + 1}")
            return None
        n_before = len(self.problems)
        raw = {key: value for key, _, value in item.items}
        label = _label(raw, index)
        fields = self.fields(item, ENTRY_KEYS, who=label)

        def line_of(key: str) -> int:
            return fields[key][0] if key in fields else item.line

        def get_text(key: str) -> str | None:
            return self.text(fields[key][1], key, who=label) if key in fields else None

        def get_texts(key: str) -> list[tuple[str, int]]:
            return (self.texts(fields[key][1], key, who=label) or []) if key in fields else []

        term, pattern = get_text("term"), get_text("pattern")
        category, orientation, note = get_text("category"), get_text("orientation"), \
            get_text("note")
        variants, exclude, sources = get_texts("variants"), get_texts("exclude"), \
            get_texts("source")
        case_sensitive = (self.flag(fields["case_sensitive"][1], "case_sensitive", who=label)
                          if "case_sensitive" in fields else False)

        if term is None and pattern is None:
            self.add(item.line, "missing required key 'term' (or 'pattern')", who=label)
        elif term is not None and pattern is not None:
            self.add(line_of("pattern"), "give either 'term' or 'pattern', not both", who=label)
        if category is None:
            self.add(item.line, "missing required key 'category'", who=label)
        elif category not in categories:
            hint = _suggest(category, categories, "categories")
            self.add(line_of("category"), f"unknown category '{category}'{hint}", who=label)
        if orientation is not None and orientation not in sides:
            hint = _suggest(orientation, sides, "sides")
            self.add(line_of("orientation"), f"unknown side '{orientation}'{hint}", who=label)
        for source_id, line in sources:
            if source_id not in source_ids:
                hint = _suggest(source_id, source_ids, "sources")
                self.add(line, f"unknown source id '{source_id}'{hint}", who=label)
        if self.strict and not sources:
            self.add(item.line, "missing 'source': every entry of a bundled lexicon cites a "
                     "declared source", who=label)

        forms: list[tuple[str, int]] = []
        if term is not None:
            forms.append((term, line_of("term")))
            for message in form_problems(term, allow_wildcards=False):
                self.add(line_of("term"), message, who=label)
        if pattern is not None:
            forms.append((pattern, line_of("pattern")))
            for message in form_problems(pattern):
                self.add(line_of("pattern"), message, who=label)
        for variant, line in variants:
            forms.append((variant, line))
            for message in form_problems(variant):
                self.add(line, f"variant: {message}", who=label)
        cs = bool(case_sensitive)
        self.duplicates(forms, label, cs, seen)

        good_forms = [parse_form(form, case_sensitive=cs) for form, _ in forms
                      if not form_problems(form)]
        for phrase, line in exclude:
            bad = form_problems(phrase, allow_wildcards=False)
            if bad:
                self.add(line, f"exclude phrase: {bad[0]}", who=label)
            elif good_forms and not any(form_matches_in(form, phrase, case_sensitive=cs)
                                        for form in good_forms):
                self.add(line, f"exclude phrase {phrase!r} does not contain the term, so it "
                         "can never apply", who=label)

        if len(self.problems) > n_before or category is None:
            return None
        return LexiconEntry(
            category=category,
            term=term,
            pattern=pattern,
            variants=tuple(v for v, _ in variants),
            orientation=orientation,
            case_sensitive=cs,
            exclude=tuple(p for p, _ in exclude),
            source=tuple(s for s, _ in sources),
            note=note,
            line=item.line,
        )

    def duplicates(self, forms: list[tuple[str, int]], label: str, case_sensitive: bool,
                   seen: dict[str, list[_Seen]]) -> None:
        for form, line in forms:
            if not form.strip():
                continue
            exact = normalize_form(form, case_sensitive=True)
            lower = exact.lower()
            others = seen.setdefault(lower, [])
            clash = next((o for o in others if not (case_sensitive and o.case_sensitive)
                          or o.exact == exact), None)
            if clash is not None:
                self.add(line, f"duplicate term '{form}': already listed in entry "
                         f"'{clash.label}' at line "
                         f"{clash.line} (terms are compared ignoring case, hyphen and apostrophe"
                         " variants); remove one or merge them", who=label)
                continue
            others.append(_Seen(case_sensitive, exact, line, label))

    def actors(self, node: Node, sides: dict[str, str]) -> list[Actor]:
        if not isinstance(node, Seq):
            self.add(node.line, f"'actors' must be a list of mappings; got {describe(node)}",
                     kind="header")
            return []
        result: list[Actor] = []
        seen: dict[str, tuple[int, str]] = {}
        for index, item in enumerate(node.items):
            if not isinstance(item, Map):
                self.add(item.line, "an actor must be a mapping with 'name' and 'kind'; got "
                         f"{describe(item)}", who=f"#{index + 1}", kind="actor")
                continue
            n_before = len(self.problems)
            raw = {key: value for key, _, value in item.items}
            name_node = raw.get("name")
            label = (name_node.value if isinstance(name_node, Scalar) and name_node.tag != "null"
                     else f"#{index + 1}")
            fields = self.fields(item, ACTOR_KEYS, who=label, kind="actor")
            got = {key: self.text(fields[key][1], key, who=label, kind="actor")
                   for key in ("name", "side", "kind", "note") if key in fields}
            aliases = (self.texts(fields["aliases"][1], "aliases", who=label, kind="actor")
                       or []) if "aliases" in fields else []
            name, side, kind = got.get("name"), got.get("side"), got.get("kind")
            if not name:
                self.add(item.line, "missing required key 'name'", who=label, kind="actor")
            if not kind:
                self.add(item.line, "missing required key 'kind' (one of "
                         f"{', '.join(ACTOR_KINDS)})", who=label, kind="actor")
            elif kind not in ACTOR_KINDS:
                hint = _suggest(kind, ACTOR_KINDS, "kinds", verb="allowed")
                self.add(fields["kind"][0], f"unknown actor kind '{kind}'{hint}", who=label,
                         kind="actor")
            if side is not None and side not in sides:
                hint = _suggest(side, sides, "sides")
                self.add(fields["side"][0], f"unknown side '{side}'{hint}", who=label,
                         kind="actor")
            names = ([(name, fields["name"][0])] if name else []) + aliases
            for alias, line in names:
                message = _name_problem(alias)
                if message:
                    self.add(line, message, who=label, kind="actor")
                    continue
                key = normalize_form(alias)
                if key in seen:
                    other_line, other = seen[key]
                    self.add(line, f"duplicate name or alias '{alias}': already used by actor "
                             f"'{other}' at line {other_line}", who=label, kind="actor")
                    continue
                seen[key] = (line, label)
            if len(self.problems) == n_before and name and kind:
                result.append(Actor(name=name, kind=kind, aliases=tuple(a for a, _ in aliases),
                                    side=side, note=got.get("note"), line=item.line))
        return result


def _label(raw: dict[str, Node], index: int) -> str:
    for key in ("term", "pattern"):
        node = raw.get(key)
        if isinstance(node, Scalar) and node.tag != "null" and node.value.strip():
            return node.value
    return f"#{index + 1}"


def _raw_categories(entries: Seq) -> set[str]:
    used: set[str] = set()
    for item in entries.items:
        if isinstance(item, Map):
            for key, _, value in item.items:
                if key == "category" and isinstance(value, Scalar):
                    used.add(value.value)
    return used


def _name_problem(name: str) -> str | None:
    if not name.strip():
        return "empty name or alias: it can never match"
    if "*" in name:
        return f"actor names are literal; {name!r} contains '*'"
    if not any(c.isalnum() for c in name):
        return f"{name!r} has no letters or digits: it can never match"
    return None


def check_tree(root: Node | None, path: str | Path, *, strict: bool = False,
               expected_name: str | None = None) -> CheckResult:
    """Check a parsed lexicon tree and build the :class:`Lexicon` if it has no problems.

    Args:
        root: the tree from a parser (None for an empty file).
        path: the file the tree came from (for messages and :attr:`Lexicon.path`).
        strict: apply the extra rules of bundled lexicons (name equals the file stem, a
            licence, a cited source on every entry).
        expected_name: the name a strict lexicon must have (its file stem).

    Returns:
        The lexicon (None if there are problems), the problems in line order, and the indices
        of the entries that have problems.
    """
    checker = _Checker(str(path), strict=strict, expected_name=expected_name)
    lexicon = checker.check(root)
    problems = sorted(checker.problems, key=lambda p: p.line or 0)
    if lexicon is not None:
        lexicon = _with_path(lexicon, Path(path))
    return CheckResult(lexicon, problems, checker.bad_entries)


def _with_path(lexicon: Lexicon, path: Path) -> Lexicon:
    return replace(lexicon, path=path)
