"""Read coded texts (CSV or JSONL with a text and a label column) for the classifiers."""

from __future__ import annotations

import csv
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.analysis.sentences import split_sentences
from framing.errors import (
    ColumnError,
    DecodingError,
    EmptyInputError,
    MissingPathError,
    OptionError,
    RecordError,
    UnsupportedFormatError,
)

UNITS = ("entry", "sentence")


@dataclass(frozen=True)
class CodedData:
    """Texts with their labels (and optional groups) read from a coded file.

    Attributes:
        texts: the texts (or sentences, with ``unit="sentence"``).
        labels: one label per text, or None when read without a label column.
        groups: one group id per text, or None.
        records: the input rows the texts came from (one per text; a row repeats per sentence).
    """

    texts: tuple[str, ...]
    labels: tuple[str, ...] | None
    groups: tuple[str, ...] | None
    records: tuple[dict[str, Any], ...]


def read_rows(path: str | Path) -> list[tuple[int, dict[str, Any]]]:
    """Read the rows of a CSV or JSONL file with their line numbers.

    Args:
        path: a ``.csv`` or ``.jsonl`` file.

    Returns:
        ``[(line, row), …]``; CSV values are strings, JSONL values as parsed.
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".jsonl"):
        raise UnsupportedFormatError("coded data must be a .csv or .jsonl file", path=str(path))
    if not path.is_file():
        raise MissingPathError("no such file", path=str(path))
    try:
        content = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DecodingError(f"not UTF-8 text ({exc.reason})", path=str(path)) from exc
    if not content.strip():
        raise EmptyInputError("the file is empty", path=str(path))
    rows: list[tuple[int, dict[str, Any]]] = []
    if suffix == ".csv":
        reader = csv.DictReader(content.splitlines(keepends=True))
        for row in reader:
            rows.append((reader.line_num, dict(row)))
        return rows
    for number, line in enumerate(content.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise RecordError(f"invalid JSON: {exc.msg}", path=str(path), line=number,
                              column=exc.colno) from exc
        if not isinstance(row, dict):
            raise RecordError("each line must be a JSON object", path=str(path), line=number)
        rows.append((number, row))
    return rows


def _cell(row: dict[str, Any], column: str, path: Path, line: int) -> str:
    value = row.get(column)
    if value is None or (isinstance(value, str) and not value.strip()):
        raise ColumnError(f"no value in the `{column}` column", path=str(path), line=line)
    return str(value)


def read_coded(
    path: str | Path,
    *,
    label_column: str | None,
    text_column: str = "text",
    group_column: str | None = None,
    unit: str = "entry",
) -> CodedData:
    """Read coded texts from a CSV or JSONL file.

    Args:
        path: the file.
        label_column: the column of labels, or None to read texts only (for prediction).
        text_column: the column of texts.
        group_column: the column of group ids (e.g. ``event``), or None.
        unit: ``entry`` keeps each text whole; ``sentence`` splits it with
            :func:`framing.analysis.sentences.split_sentences`, each sentence taking its text's
            label and group.

    Returns:
        The :class:`CodedData`.

    Raises:
        ColumnError: a required column is missing or empty, naming file and line.
    """
    if unit not in UNITS:
        raise OptionError(f"the `unit` parameter must be one of {set(UNITS)}; got {unit!r}")
    path = Path(path)
    rows = read_rows(path)
    if not rows:
        raise EmptyInputError("the file has no records", path=str(path))
    texts: list[str] = []
    labels: list[str] = []
    groups: list[str] = []
    records: list[dict[str, Any]] = []
    for line, row in rows:
        for column in (text_column, label_column, group_column):
            if column is not None and column not in row:
                raise ColumnError(f"no `{column}` column (columns: {', '.join(row)})",
                                  path=str(path), line=line)
        text = _cell(row, text_column, path, line)
        label = _cell(row, label_column, path, line) if label_column else ""
        group = _cell(row, group_column, path, line) if group_column else ""
        pieces = ([text[s:e] for s, e in split_sentences(text)] if unit == "sentence"
                  else [text])
        for piece in pieces:
            texts.append(piece)
            labels.append(label)
            groups.append(group)
            records.append(row)
    return CodedData(texts=tuple(texts), labels=tuple(labels) if label_column else None,
                     groups=tuple(groups) if group_column else None, records=tuple(records))


def check_labels(labels: Sequence[str] | None) -> Sequence[str]:
    """Return the labels, raising :class:`OptionError` when there are none."""
    if labels is None:
        raise OptionError("no labels were read")
    return labels
