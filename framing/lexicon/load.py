"""Load, validate and import lexicon files; the parser is chosen by the file's suffix."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from framing.errors import LexiconError
from framing.lexicon._tree import Map, Node, Parsed, Scalar, Seq, TreeError, compose_yaml
from framing.lexicon.importers import parse_liwc, parse_quanteda, parse_tsv
from framing.lexicon.model import Lexicon
from framing.lexicon.validate import (
    CheckResult,
    LexiconProblem,
    LexiconValidationError,
    check_tree,
)
from framing.resources import lexicon_dir

LEXICON_SUFFIXES: dict[str, str] = {".yaml": "yaml", ".yml": "yaml", ".tsv": "tsv", ".dic": "liwc"}
"""File suffix → format read by :func:`load_lexicon`."""

IMPORT_FORMATS: tuple[str, ...] = ("liwc", "quanteda", "tsv", "yaml")
"""Formats :func:`import_lexicon` reads (quanteda YAML needs to be named explicitly)."""


def lexicon_format(path: str | Path) -> str:
    """Return the format of a lexicon file from its suffix.

    Args:
        path: a lexicon file.

    Returns:
        ``yaml``, ``tsv`` or ``liwc``.

    Raises:
        LexiconError: if the suffix is not one of :data:`LEXICON_SUFFIXES`.
    """
    suffix = Path(path).suffix.lower()
    if suffix not in LEXICON_SUFFIXES:
        raise LexiconError(
            f"{path}: unknown lexicon format {suffix or '(no suffix)'!r}; the suffix must be "
            f"one of {', '.join(LEXICON_SUFFIXES)} (use `framing lexicon import --from "
            "quanteda` for quanteda dictionaries)"
        )
    return LEXICON_SUFFIXES[suffix]


def read_lexicon_text(path: Path) -> str:
    """Read a lexicon file as UTF-8 (a BOM is ignored).

    Args:
        path: the file.

    Returns:
        Its text.

    Raises:
        LexiconError: if the file is missing, a directory, or not UTF-8 (with the line).
    """
    if not path.exists():
        raise LexiconError(f"{path}: no such lexicon file")
    if path.is_dir():
        raise LexiconError(f"{path}: is a directory, not a lexicon file")
    data = path.read_bytes()
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise LexiconError(f"{path}:{line}: not valid UTF-8 ({exc.reason}); save the lexicon "
                           "as UTF-8") from exc


def is_bundled_path(path: str | Path) -> bool:
    """Whether a file is one of the lexicons shipped with the package.

    Args:
        path: a lexicon file.

    Returns:
        True if it lies in :func:`framing.resources.lexicon_dir`.
    """
    try:
        return Path(path).resolve().parent == lexicon_dir().resolve()
    except FileNotFoundError:  # pragma: no cover - only on a broken installation
        return False


def _parse(path: Path, fmt: str, name: str | None) -> Parsed:
    text = read_lexicon_text(path)
    default_name = name or path.stem
    if fmt == "yaml":
        parsed = Parsed(compose_yaml(text), [])
    elif fmt == "tsv":
        parsed = parse_tsv(text, default_name=default_name)
    elif fmt == "liwc":
        parsed = parse_liwc(text, default_name=default_name, source_label=path.name)
    elif fmt == "quanteda":
        parsed = parse_quanteda(text, default_name=default_name, source_label=path.name)
    else:
        raise LexiconError(f"the `fmt` parameter must be one of {', '.join(IMPORT_FORMATS)}; "
                           f"got {fmt!r}")
    if name is not None and isinstance(parsed.root, Map):
        parsed.root.items = [item for item in parsed.root.items if item[0] != "name"]
        parsed.root.items.insert(0, ("name", 1, Scalar(name, 1)))
    return parsed


def _parser_problems(path: Path, parsed: Parsed) -> list[LexiconProblem]:
    return [LexiconProblem(str(path), line, label, message, "entry" if label else "header")
            for line, label, message in parsed.problems]


def check_lexicon_file(path: str | Path, *, fmt: str | None = None, strict: bool | None = None,
                       name: str | None = None) -> CheckResult:
    """Parse and check one lexicon file, returning the lexicon (if valid) and all problems.

    Args:
        path: the file.
        fmt: its format (default: from the suffix, see :func:`lexicon_format`).
        strict: apply the rules of bundled lexicons; default: only to files in the bundled
            lexicon directory.
        name: override the lexicon's name.

    Returns:
        The check result; a syntax error is one problem with its line.

    Raises:
        LexiconError: if the file cannot be read or its suffix is unknown.
    """
    path = Path(path)
    fmt = fmt or lexicon_format(path)
    if strict is None:
        strict = is_bundled_path(path)
    try:
        parsed = _parse(path, fmt, name)
    except TreeError as exc:
        return CheckResult(None, [LexiconProblem(str(path), exc.line, None, exc.message,
                                                 "header")])
    result = check_tree(parsed.root, path, strict=strict, expected_name=path.stem)
    extra = _parser_problems(path, parsed)
    if extra:
        problems = sorted(extra + result.problems, key=lambda p: p.line or 0)
        return CheckResult(None, problems, result.bad_entries)
    return result


def validate_lexicon(path: str | Path, *, strict: bool | None = None) -> list[LexiconProblem]:
    """Return every problem of a lexicon file (empty if it is valid).

    Args:
        path: a ``.yaml``/``.yml``, ``.tsv`` or ``.dic`` file.
        strict: apply the rules of bundled lexicons (default: only to bundled files).

    Returns:
        The problems in line order; ``str(problem)`` is ``path:line: entry 'x': message``.

    Raises:
        LexiconError: if the file cannot be read or its suffix is unknown.
    """
    return check_lexicon_file(path, strict=strict).problems


def load_lexicon(path: str | Path, *, strict: bool | None = None) -> Lexicon:
    """Load and validate a lexicon file, choosing the parser from the suffix.

    Args:
        path: a ``.yaml``/``.yml`` (the lexicon format), ``.tsv`` or LIWC ``.dic`` file.
        strict: apply the rules of bundled lexicons (default: only to bundled files).

    Returns:
        The validated lexicon.

    Raises:
        LexiconValidationError: listing every problem (the message shows the first).
        LexiconError: if the file cannot be read or its suffix is unknown.
    """
    result = check_lexicon_file(path, strict=strict)
    if result.lexicon is None:
        raise LexiconValidationError(result.problems)
    return result.lexicon


@dataclass(frozen=True)
class ImportResult:
    """An imported lexicon and what was left out of it.

    Attributes:
        lexicon: the valid lexicon.
        skipped: problems of terms (or categories) dropped because ``skip_invalid`` was set.
    """

    lexicon: Lexicon
    skipped: list[LexiconProblem]


def import_lexicon(path: str | Path, fmt: str, *, name: str | None = None,
                   skip_invalid: bool = False) -> ImportResult:
    """Import a dictionary in another format as a validated lexicon.

    Args:
        path: the dictionary file.
        fmt: one of :data:`IMPORT_FORMATS` (``liwc``, ``quanteda``, ``tsv``, ``yaml``).
        name: the lexicon's name (default: the file stem, or the TSV header's name).
        skip_invalid: drop terms with problems (and categories left empty) instead of failing;
            the problems are returned in :attr:`ImportResult.skipped`.

    Returns:
        The lexicon and the skipped problems.

    Raises:
        LexiconValidationError: if there are problems (and ``skip_invalid`` is false, or the
            problems are not confined to single terms).
        LexiconError: if the file cannot be read or ``fmt`` is unknown.
    """
    path = Path(path)
    if fmt not in IMPORT_FORMATS:
        raise LexiconError(f"the `--from` option must be one of {', '.join(IMPORT_FORMATS)}; "
                           f"got {fmt!r}")
    try:
        parsed = _parse(path, fmt, name)
    except TreeError as exc:
        raise LexiconValidationError(
            [LexiconProblem(str(path), exc.line, None, exc.message, "header")]) from exc
    result = check_tree(parsed.root, path, expected_name=path.stem)
    parser_problems = _parser_problems(path, parsed)
    if result.lexicon is not None and not parser_problems:
        return ImportResult(result.lexicon, [])
    if not skip_invalid:
        raise LexiconValidationError(sorted(parser_problems + result.problems,
                                            key=lambda p: p.line or 0))
    _drop_entries(parsed.root, result.bad_entries)
    second = check_tree(parsed.root, path, expected_name=path.stem)
    if second.lexicon is None:
        raise LexiconValidationError(second.problems)
    skipped = sorted(parser_problems + result.problems, key=lambda p: p.line or 0)
    return ImportResult(second.lexicon, skipped)


def _drop_entries(root: Node | None, bad: set[int]) -> None:
    """Remove entries by index and the categories no remaining entry uses."""
    if not isinstance(root, Map):
        return
    entries = next((v for k, _, v in root.items if k == "entries"), None)
    if not isinstance(entries, Seq):
        return
    entries.items = [item for i, item in enumerate(entries.items) if i not in bad]
    used = {value.value for item in entries.items if isinstance(item, Map)
            for key, _, value in item.items if key == "category" and isinstance(value, Scalar)}
    categories = next((v for k, _, v in root.items if k == "categories"), None)
    if isinstance(categories, Map):
        categories.items = [item for item in categories.items if item[0] in used]
