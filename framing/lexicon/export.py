"""Write lexicons as YAML (the lexicon format), TSV or LIWC ``.dic``.

YAML is lossless. TSV keeps entries, header, categories and sides but not actors. LIWC
``.dic`` keeps terms (each variant becomes its own line) and categories only; category ids with
whitespace are written with ``_``. Reading an export back with :func:`load_lexicon` or
:func:`import_lexicon` gives the same terms in the same categories.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from framing.errors import LexiconError, OutputError
from framing.lexicon.model import Lexicon, LexiconEntry
from framing.writers import atomic_path

EXPORT_FORMATS: tuple[str, ...] = ("yaml", "tsv", "liwc")
"""Formats :func:`export_lexicon` writes."""

_SUFFIX_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".tsv": "tsv", ".dic": "liwc"}


class _Dumper(yaml.SafeDumper):
    """Lists of strings on one line (``variants: [might, could]``), the rest in block style."""


def _represent_list(dumper: yaml.SafeDumper, data: list[Any]) -> yaml.Node:
    flow = bool(data) and all(isinstance(item, str) for item in data)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)


_Dumper.add_representer(list, _represent_list)


def _header(lexicon: Lexicon) -> dict[str, Any]:
    header: dict[str, Any] = {
        "name": lexicon.name,
        "version": lexicon.version,
        "language": lexicon.language,
    }
    if lexicon.description:
        header["description"] = lexicon.description
    if lexicon.licence:
        header["licence"] = lexicon.licence
    if lexicon.citation:
        header["citation"] = lexicon.citation
    if lexicon.sources:
        header["sources"] = [
            {"id": s.id, "citation": s.citation, **({"url": s.url} if s.url else {})}
            for s in lexicon.sources
        ]
    header["categories"] = dict(lexicon.categories)
    if lexicon.sides:
        header["sides"] = dict(lexicon.sides)
    return header


def _entry(entry: LexiconEntry) -> dict[str, Any]:
    record: dict[str, Any] = {}
    if entry.term is not None:
        record["term"] = entry.term
    if entry.pattern is not None:
        record["pattern"] = entry.pattern
    record["category"] = entry.category
    if entry.variants:
        record["variants"] = list(entry.variants)
    if entry.orientation is not None:
        record["orientation"] = entry.orientation
    if entry.case_sensitive:
        record["case_sensitive"] = True
    if entry.exclude:
        record["exclude"] = list(entry.exclude)
    if entry.source:
        record["source"] = list(entry.source)
    if entry.note is not None:
        record["note"] = entry.note
    return record


def _dump(data: Any) -> str:
    return str(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100,
                         default_flow_style=False))


def to_yaml(lexicon: Lexicon) -> str:
    """Return a lexicon in the YAML lexicon format (lossless).

    Args:
        lexicon: the lexicon.

    Returns:
        YAML text that :func:`framing.lexicon.load_lexicon` reads back to an equal lexicon.
    """
    document = _header(lexicon)
    document["entries"] = [_entry(entry) for entry in lexicon.entries]
    if lexicon.actors:
        document["actors"] = [
            {
                "name": actor.name,
                **({"aliases": list(actor.aliases)} if actor.aliases else {}),
                **({"side": actor.side} if actor.side is not None else {}),
                "kind": actor.kind,
                **({"note": actor.note} if actor.note is not None else {}),
            }
            for actor in lexicon.actors
        ]
    return _dump(document)


def _cell(value: str) -> str:
    return " ".join(value.split())


def to_tsv(lexicon: Lexicon) -> str:
    """Return a lexicon as TSV: the header as ``#`` YAML lines, then one row per entry.

    Args:
        lexicon: the lexicon.

    Returns:
        TSV text (actors are not included).
    """
    lines = ["# " + line if line else "#" for line in _dump(_header(lexicon)).splitlines()]
    columns = ["term", "category"]
    optional = {
        "orientation": any(e.orientation for e in lexicon.entries),
        "variants": any(e.variants for e in lexicon.entries),
        "case_sensitive": any(e.case_sensitive for e in lexicon.entries),
        "exclude": any(e.exclude for e in lexicon.entries),
        "source": any(e.source for e in lexicon.entries),
        "note": any(e.note for e in lexicon.entries),
    }
    columns += [column for column, used in optional.items() if used]
    lines.append("\t".join(columns))
    for entry in lexicon.entries:
        values = {
            "term": entry.label,
            "category": entry.category,
            "orientation": entry.orientation or "",
            "variants": "; ".join(entry.variants),
            "case_sensitive": "true" if entry.case_sensitive else "",
            "exclude": "; ".join(entry.exclude),
            "source": "; ".join(entry.source),
            "note": entry.note or "",
        }
        lines.append("\t".join(_cell(values[column]) for column in columns))
    return "\n".join(lines) + "\n"


def to_liwc(lexicon: Lexicon) -> str:
    """Return a lexicon as a LIWC ``.dic`` dictionary (terms and categories only).

    Categories are numbered 1, 2, … in the lexicon's order; each term, pattern and variant is
    one line with its category's number.

    Args:
        lexicon: the lexicon.

    Returns:
        The ``.dic`` text.
    """
    numbers = {category: index for index, category in enumerate(lexicon.categories, start=1)}
    lines = ["%"]
    lines += [f"{number}\t{'_'.join(category.split())}" for category, number in numbers.items()]
    lines.append("%")
    for entry in lexicon.entries:
        for form in entry.forms:
            lines.append(f"{_cell(form)}\t{numbers[entry.category]}")
    return "\n".join(lines) + "\n"


def export_lexicon(lexicon: Lexicon, fmt: str) -> str:
    """Return a lexicon in one of :data:`EXPORT_FORMATS`.

    Args:
        lexicon: the lexicon.
        fmt: ``yaml``, ``tsv`` or ``liwc``.

    Returns:
        The text of the export.

    Raises:
        LexiconError: for an unknown format.
    """
    if fmt == "yaml":
        return to_yaml(lexicon)
    if fmt == "tsv":
        return to_tsv(lexicon)
    if fmt == "liwc":
        return to_liwc(lexicon)
    raise LexiconError(f"the `--to` option must be one of {', '.join(EXPORT_FORMATS)}; "
                       f"got {fmt!r}")


def write_lexicon(lexicon: Lexicon, path: str | Path, *, fmt: str | None = None) -> Path:
    """Write a lexicon to a file, choosing the format from the suffix unless given.

    Args:
        lexicon: the lexicon.
        path: the output file (``.yaml``/``.yml``, ``.tsv``, ``.dic``).
        fmt: the format, overriding the suffix.

    Returns:
        The path written.

    Raises:
        OutputError: if the format cannot be told from the suffix or the file cannot be written.
    """
    path = Path(path)
    if fmt is None:
        fmt = _SUFFIX_FORMATS.get(path.suffix.lower())
        if fmt is None:
            raise OutputError(f"{path}: cannot tell the lexicon format from the suffix "
                              f"{path.suffix or '(none)'!r}; use .yaml, .tsv or .dic")
    text = export_lexicon(lexicon, fmt)
    try:
        with atomic_path(path) as tmp:  # an interrupted run never leaves half a lexicon
            tmp.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write the lexicon ({exc.strerror})") from exc
    return path
