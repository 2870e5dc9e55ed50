"""Parsers for lexicons in other formats: TSV, LIWC ``.dic`` and quanteda YAML dictionaries.

Each parser turns a file into the same line-numbered tree as a YAML lexicon, so one validator
checks them all and every problem still names file and line.

Decisions, documented because they change counts:

* **A term in several categories** (normal in LIWC and quanteda, where a word is in both
  ``affect`` and ``posemo``) becomes *one* entry, because a match belongs to one category. The
  entry takes the most specific category — the one with the fewest terms in the dictionary
  (ties: the first listed) — and its note records the others (``also in: affect``). Categories
  left without entries of their own are dropped and named in the lexicon's description.
* **LIWC conditional categories** (``like  02 134/125``) are not supported and reported.
* **quanteda globs**: ``*`` is kept as a wildcard; ``?`` (one character) is not supported.
* **TSV** files have a header row naming the columns (``term`` and ``category`` required;
  ``orientation``, ``variants``, ``case_sensitive``, ``exclude``, ``source``, ``note``
  optional; lists separated by ``;``). Lines starting with ``#`` *before* the header row hold
  the lexicon header as YAML (``# name: tiny``, ``# categories: {modal: …}``); without them the
  name is the file stem, the version ``1.0`` and the categories and sides are those the rows
  use. A term containing ``*`` is a pattern.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from framing.lexicon._tree import Map, Node, Parsed, Scalar, Seq, TreeError, compose_yaml

TSV_COLUMNS: tuple[str, ...] = (
    "term",
    "category",
    "orientation",
    "variants",
    "case_sensitive",
    "exclude",
    "source",
    "note",
)
TSV_LIST_COLUMNS = frozenset({"variants", "exclude", "source"})
LIST_SEPARATOR = ";"
IMPORTED_SOURCE_ID = "imported"
_BOOLEAN_WORDS = {"true": "true", "yes": "true", "1": "true", "false": "false", "no": "false",
                  "0": "false"}


def _scalar(value: str, line: int, tag: str = "str") -> Scalar:
    return Scalar(value, line, tag)


def _seq(values: list[str], line: int) -> Seq:
    return Seq([_scalar(v, line) for v in values], line)


# --- TSV -----------------------------------------------------------------------------------


def parse_tsv(text: str, *, default_name: str) -> Parsed:
    """Parse a TSV lexicon into a tree.

    Args:
        text: the file's text.
        default_name: the name to use when the file has no ``# name:`` header (the file stem).

    Returns:
        The tree and the problems of rows that could not be read.

    Raises:
        TreeError: if the YAML header is malformed or there is no header row.
    """
    lines = text.splitlines()
    problems: list[tuple[int, str | None, str]] = []
    meta: list[str] = []
    index = 0
    while index < len(lines) and (lines[index].startswith("#") or not lines[index].strip()):
        line = lines[index]
        meta.append(line[2:] if line.startswith("# ") else line[1:])
        index += 1
    header_items: list[tuple[str, int, Node]] = []
    if any(m.strip() for m in meta):
        root = compose_yaml("\n".join(meta))
        if root is not None and not isinstance(root, Map):
            raise TreeError(root.line, "the '#' lines before the header row must hold the "
                            "lexicon header as YAML ('# name: my-lexicon')")
        if isinstance(root, Map):
            header_items = list(root.items)
    if index >= len(lines):
        raise TreeError(index or 1, "no header row: a TSV lexicon needs a first row such as "
                        "'term<TAB>category<TAB>orientation'")
    header_line = index + 1
    columns = [c.strip().lower() for c in lines[index].split("\t")]
    for required in ("term", "category"):
        if required not in columns:
            raise TreeError(header_line, f"the header row lacks the column '{required}' "
                            f"(columns: {', '.join(TSV_COLUMNS)})")
    for column in columns:
        if column not in TSV_COLUMNS:
            problems.append((header_line, None, f"unknown column '{column}' (columns: "
                             f"{', '.join(TSV_COLUMNS)})"))
        elif columns.count(column) > 1:
            problems.append((header_line, None, f"column '{column}' appears twice"))

    entries: list[Node] = []
    categories: dict[str, int] = {}
    sides: dict[str, int] = {}
    for number, line in enumerate(lines[index + 1 :], start=header_line + 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        if len(cells) > len(columns):
            problems.append((number, cells[0] or None, f"the row has {len(cells)} fields but "
                             f"the header has {len(columns)}"))
            continue
        items: list[tuple[str, int, Node]] = []
        for column, cell in zip(columns, cells, strict=False):
            if not cell or column not in TSV_COLUMNS:
                continue
            if column == "term":
                items.append(("pattern" if "*" in cell else "term", number,
                              _scalar(cell, number)))
            elif column in TSV_LIST_COLUMNS:
                values = [v.strip() for v in cell.split(LIST_SEPARATOR) if v.strip()]
                items.append((column, number, _seq(values, number)))
            elif column == "case_sensitive":
                word = _BOOLEAN_WORDS.get(cell.lower())
                items.append((column, number, _scalar(word or cell, number,
                                                      "bool" if word else "str")))
            else:
                items.append((column, number, _scalar(cell, number)))
                if column == "category":
                    categories.setdefault(cell, number)
                elif column == "orientation":
                    sides.setdefault(cell, number)
        entries.append(Map(items, number))

    present = {key for key, _, _ in header_items}
    defaults: list[tuple[str, int, Node]] = []
    if "name" not in present:
        defaults.append(("name", 1, _scalar(default_name, 1)))
    if "version" not in present:
        defaults.append(("version", 1, _scalar("1.0", 1)))
    if "categories" not in present:
        defaults.append(("categories", 1, Map(
            [(c, n, _scalar("", n)) for c, n in categories.items()], 1)))
    if "sides" not in present and sides:
        defaults.append(("sides", 1, Map([(s, n, _scalar("", n)) for s, n in sides.items()], 1)))
    root_items = header_items + defaults + [("entries", header_line, Seq(entries, header_line))]
    return Parsed(Map(root_items, 1), problems)


# --- records shared by LIWC and quanteda ---------------------------------------------------


@dataclass
class _Record:
    term: str
    categories: list[str]
    line: int


@dataclass
class _Dictionary:
    """Terms with several categories each, before the one-category-per-entry decision."""

    format_name: str
    source_label: str
    categories: dict[str, str] = field(default_factory=dict)
    category_lines: dict[str, int] = field(default_factory=dict)
    records: list[_Record] = field(default_factory=list)

    def to_tree(self, name: str) -> Map:
        sizes = dict.fromkeys(self.categories, 0)
        for record in self.records:
            for category in record.categories:
                sizes[category] = sizes.get(category, 0) + 1
        entries: list[Node] = []
        used: set[str] = set()
        for record in self.records:
            line = record.line
            primary = min(record.categories, key=lambda c: (sizes.get(c, 0),
                                                            record.categories.index(c)))
            used.add(primary)
            key = "pattern" if "*" in record.term else "term"
            items: list[tuple[str, int, Node]] = [
                (key, line, _scalar(record.term, line)),
                ("category", line, _scalar(primary, line)),
                ("source", line, _seq([IMPORTED_SOURCE_ID], line)),
            ]
            others = [c for c in record.categories if c != primary]
            if others:
                items.append(("note", line, _scalar("also in: " + ", ".join(others), line)))
            entries.append(Map(items, line))
        dropped = [c for c in self.categories if c not in used]
        description = f"Imported from {self.source_label} ({self.format_name})."
        if dropped:
            description += (
                " Categories without entries of their own after import (each term keeps one "
                "category; the others are in its note): " + ", ".join(dropped) + "."
            )
        citation = f"Imported from the {self.format_name} file {self.source_label}."
        return Map([
            ("name", 1, _scalar(name, 1)),
            ("version", 1, _scalar("1.0", 1)),
            ("language", 1, _scalar("en", 1)),
            ("description", 1, _scalar(description, 1)),
            ("citation", 1, _scalar(citation, 1)),
            ("sources", 1, Seq([Map([
                ("id", 1, _scalar(IMPORTED_SOURCE_ID, 1)),
                ("citation", 1, _scalar(citation, 1)),
            ], 1)], 1)),
            ("categories", 1, Map([
                (c, self.category_lines.get(c, 1), _scalar(d, self.category_lines.get(c, 1)))
                for c, d in self.categories.items() if c in used
            ], 1)),
            ("entries", 1, Seq(entries, 1)),
        ], 1)


# --- LIWC ----------------------------------------------------------------------------------


def parse_liwc(text: str, *, default_name: str, source_label: str) -> Parsed:
    """Parse a LIWC ``.dic`` dictionary into a tree.

    The format: a ``%`` line, ``number<TAB>category`` lines, a ``%`` line, then
    ``term<TAB>number<TAB>number…`` lines; ``*`` at the end of a term is a wildcard.

    Args:
        text: the file's text.
        default_name: the lexicon name (the file stem, or ``--name``).
        source_label: how the file is named in the header's citation.

    Returns:
        The tree and the problems of lines that could not be read.

    Raises:
        TreeError: if the category block is missing or not closed.
    """
    lines = text.splitlines()
    problems: list[tuple[int, str | None, str]] = []
    starts = [i for i, line in enumerate(lines) if line.strip() == "%"]
    first_content = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first_content is None or not starts or starts[0] != first_content:
        raise TreeError((first_content or 0) + 1, "a LIWC .dic file starts with a line holding "
                        "only '%', followed by 'number<TAB>category' lines and another '%'")
    if len(starts) < 2:
        raise TreeError(starts[0] + 1, "the category block opened here is never closed by a "
                        "line holding only '%'")
    dictionary = _Dictionary("LIWC dictionary", source_label)
    by_number: dict[str, str] = {}
    for number in range(starts[0] + 1, starts[1]):
        parts = lines[number].split()
        if not parts:
            continue
        if len(parts) < 2 or not parts[0].isdigit():
            problems.append((number + 1, None, f"expected 'number<TAB>category'; got "
                             f"{lines[number].strip()!r}"))
            continue
        category = parts[1]
        if parts[0] in by_number or category in dictionary.categories:
            problems.append((number + 1, None, f"category {parts[0]} {category!r} is declared "
                             "twice"))
            continue
        by_number[parts[0]] = category
        extra = " ".join(parts[2:]).strip("()")
        dictionary.categories[category] = (f"LIWC category {parts[0]}"
                                           + (f": {extra}" if extra else ""))
        dictionary.category_lines[category] = number + 1
    for number in range(starts[1] + 1, len(lines)):
        line = lines[number]
        if not line.strip():
            continue
        if "\t" in line:
            cells = [c.strip() for c in line.split("\t")]
            term, references = cells[0], [c for c in cells[1:] if c]
        else:
            parts = line.split()
            n_refs = 0
            while n_refs < len(parts) - 1 and not _is_term_token(parts[-1 - n_refs]):
                n_refs += 1
            term, references = " ".join(parts[: len(parts) - n_refs]), parts[len(parts) - n_refs:]
        categories: list[str] = []
        for reference in references:
            if not reference.isdigit():
                problems.append((number + 1, term, f"unsupported LIWC category reference "
                                 f"{reference!r} (conditional categories are not supported)"))
                categories = []
                break
            if reference not in by_number:
                problems.append((number + 1, term, f"unknown LIWC category number {reference}"))
                continue
            if by_number[reference] not in categories:
                categories.append(by_number[reference])
        if not categories:
            if not references:
                problems.append((number + 1, term, "the term has no category numbers"))
            continue
        dictionary.records.append(_Record(term, categories, number + 1))
    return Parsed(dictionary.to_tree(default_name), problems)


def _is_term_token(token: str) -> bool:
    # A trailing token is a category reference if it is a number or a LIWC condition.
    return not (token.isdigit() or "/" in token or token.startswith("("))


# --- quanteda ------------------------------------------------------------------------------


def parse_quanteda(text: str, *, default_name: str, source_label: str) -> Parsed:
    """Parse a quanteda YAML dictionary (nested categories) into a tree.

    Nested category names are joined with ``.``: ``{economy: {positive: [boom]}}`` gives the
    category ``economy.positive``.

    Args:
        text: the file's text.
        default_name: the lexicon name (the file stem, or ``--name``).
        source_label: how the file is named in the header's citation.

    Returns:
        The tree and the problems of terms that could not be read.

    Raises:
        TreeError: on a YAML syntax error or if the top level is not a mapping.
    """
    root = compose_yaml(text)
    if not isinstance(root, Map):
        raise TreeError(root.line if root is not None else 1, "a quanteda dictionary is a "
                        "mapping of category → list of terms (or nested categories)")
    dictionary = _Dictionary("quanteda dictionary", source_label)
    problems: list[tuple[int, str | None, str]] = []
    index: dict[str, _Record] = {}

    def add_term(term: str, category: str, line: int) -> None:
        if "?" in term:
            problems.append((line, term, "the quanteda glob '?' is not supported; use '*' at "
                             "the start or end, or list the forms"))
            return
        record = index.get(term.lower())
        if record is None:
            record = index[term.lower()] = _Record(term, [], line)
            dictionary.records.append(record)
        if category in record.categories:
            problems.append((line, term, f"listed twice in category '{category}' (first at "
                             f"line {record.line})"))
            return
        record.categories.append(category)

    def walk(node: Map, prefix: str) -> None:
        for key, line, value in node.items:
            category = f"{prefix}{key}"
            if isinstance(value, Map):
                walk(value, category + ".")
                continue
            dictionary.categories.setdefault(category, f"quanteda category {category}")
            dictionary.category_lines.setdefault(category, line)
            values = value.items if isinstance(value, Seq) else [value]
            for item in values:
                if isinstance(item, Map):
                    walk(item, category + ".")
                elif isinstance(item, Scalar) and item.tag != "null":
                    add_term(item.value, category, item.line)
                elif isinstance(item, Seq):
                    problems.append((item.line, None, "a list inside a list is not a "
                                     "quanteda dictionary"))

    walk(root, "")
    return Parsed(dictionary.to_tree(default_name), problems)
