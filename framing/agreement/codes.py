"""Coded data for agreement: who gave which label to which item, with missing codes kept apart.

Input is *long* (one row per coder x item: ``item, coder, label``) in CSV, TSV or JSON Lines, or
*wide* CSV/TSV (one row per item, one column per coder). A missing code — an empty cell, JSON
``null``, an absent JSON field, or one of :data:`MISSING_TOKENS` such as ``NA`` — is *missing*,
never a category; an item a coder has no row for is missing for that coder too.

A :class:`CodeTable` holds the codes as an items x coders matrix of category indices
(``-1`` = missing), ready for :mod:`framing.agreement.measures`.
"""

from __future__ import annotations

import csv
import json
import math
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from framing.agreement.measures import MISSING, IntArray
from framing.errors import (
    ColumnError,
    EmptyInputError,
    MissingPathError,
    RecordError,
    UnsupportedFormatError,
)

#: Cell values that mean "no code" (compared case-insensitively after trimming spaces).
#: ``none`` and ``-`` are deliberately *not* here: they are plausible category names.
MISSING_TOKENS: frozenset[str] = frozenset({"", "na", "n/a", "nan", "null"})

#: File suffixes read as long or wide tables.
CODE_SUFFIXES: dict[str, str] = {".csv": "csv", ".tsv": "tsv", ".jsonl": "jsonl",
                                 ".ndjson": "jsonl"}


@dataclass(frozen=True)
class Code:
    """One coding decision read from a file.

    Attributes:
        item: the item (unit of analysis) id.
        coder: who coded it.
        label: the label as written, or ``None`` for a missing code.
        location: ``path:line`` where it was read.
    """

    item: str
    coder: str
    label: str | None
    location: str = "<input>"


@dataclass(frozen=True, eq=False)
class CodeTable:
    """Codes as an items x coders matrix of category indices.

    Build one with :func:`read_codes` (from a file) or :meth:`from_codes`.

    Example:
        >>> table = CodeTable.from_codes([Code("i1", "ann", "a"), Code("i1", "ben", "b"),
        ...                               Code("i2", "ann", "a"), Code("i2", "ben", None)])
        >>> table.labels, table.matrix.tolist()
        (('a', 'b'), [[0, 1], [0, -1]])

    Attributes:
        items: item ids in natural order (``a2`` before ``a10``), whatever the input order.
        coders: coder names in natural order.
        labels: the distinct labels; in numeric order when every label is a number (then
            written canonically: ``"2"`` and ``"2.0"`` are one label ``"2"``), else sorted.
        values: each label's number when every label is a number, else ``None``.
        matrix: ``(n_items, n_coders)`` label indices, ``-1`` where the code is missing.
        explicit_missing: ``(n_items, n_coders)`` mask of cells the input gave as missing
            (empty, ``NA``, ``null``…) rather than leaving out.
        source: where the codes came from (a path, or ``<input>``).
    """

    items: tuple[str, ...]
    coders: tuple[str, ...]
    labels: tuple[str, ...]
    values: tuple[float, ...] | None
    matrix: IntArray = field(repr=False)
    explicit_missing: npt.NDArray[np.bool_] = field(repr=False)
    source: str = "<input>"

    @classmethod
    def from_codes(cls, codes: Iterable[Code], *, source: str = "<input>") -> CodeTable:
        """Build a table from codes; identical repeats are merged, conflicting ones raise.

        Raises:
            RecordError: a coder gave one item two different labels (names both lines).
        """
        kept: dict[tuple[str, str], Code] = {}
        items: dict[str, None] = {}
        coders: dict[str, None] = {}
        for code in codes:
            items.setdefault(code.item, None)
            coders.setdefault(code.coder, None)
            key = (code.item, code.coder)
            earlier = kept.get(key)
            if earlier is None or earlier.label is None:
                kept[key] = code
            elif code.label is not None and code.label != earlier.label:
                raise _conflict(earlier, code)
        present = [c for c in kept.values() if c.label is not None]
        labels, values, index = _label_space(c.label for c in present if c.label is not None)
        # Sorted, not first-seen: the order of rows in a file must not change anything, and
        # bootstrap draws map to items by position.
        item_names = sorted(items, key=natural_key)
        coder_names = sorted(coders, key=natural_key)
        item_index = {item: i for i, item in enumerate(item_names)}
        coder_index = {coder: j for j, coder in enumerate(coder_names)}
        matrix = np.full((len(items), len(coders)), MISSING, dtype=np.int64)
        explicit_missing = np.zeros((len(items), len(coders)), dtype=bool)
        for code in kept.values():
            cell = (item_index[code.item], coder_index[code.coder])
            if code.label is None:
                explicit_missing[cell] = True
            else:
                matrix[cell] = index[code.label]
        return cls(items=tuple(item_names), coders=tuple(coder_names), labels=labels,
                   values=values, matrix=matrix, explicit_missing=explicit_missing, source=source)

    @classmethod
    def from_rows(cls, rows: Sequence[Sequence[Any]], *, coders: Sequence[str] | None = None,
                  items: Sequence[str] | None = None) -> CodeTable:
        """Build a table from a wide matrix: one row per item, one column per coder.

        ``None``, NaN and :data:`MISSING_TOKENS` are missing codes. Handy in notebooks and for
        published reliability data.
        """
        n_coders = max((len(row) for row in rows), default=0)
        coder_names = list(coders) if coders is not None else \
            [f"coder {j + 1}" for j in range(n_coders)]
        item_names = list(items) if items is not None else [str(i + 1) for i in range(len(rows))]
        codes = [Code(item_names[i], coder_names[j], label_text(value))
                 for i, row in enumerate(rows) for j, value in enumerate(row)]
        return cls.from_codes(codes)

    @property
    def numeric(self) -> bool:
        """Whether every label is a number (ordinal, interval and ratio alpha need this)."""
        return self.values is not None

    @property
    def n_missing_codes(self) -> int:
        """Cells given as missing in the input (the rest of the empty cells had no row)."""
        return int(self.explicit_missing.sum())

    @property
    def n_codes(self) -> int:
        """Non-missing codes."""
        return int((self.matrix != MISSING).sum())

    def codes(self, *, include_missing: bool = False) -> Iterator[Code]:
        """The codes, item by item (labels in canonical form).

        Args:
            include_missing: also yield the cells given as missing (label ``None``), so that
                :meth:`from_codes` rebuilds the same items and coders.
        """
        for i, item in enumerate(self.items):
            for j, coder in enumerate(self.coders):
                index = int(self.matrix[i, j])
                if index != MISSING:
                    yield Code(item, coder, self.labels[index], self.source)
                elif include_missing and self.explicit_missing[i, j]:
                    yield Code(item, coder, None, self.source)

    def without_coder(self, coder: str) -> CodeTable:
        """The same items without one coder's column (labels only that coder used drop out).

        Raises:
            ValueError: there is no such coder.
        """
        keep = [j for j, name in enumerate(self.coders) if name != coder]
        if len(keep) == len(self.coders):
            raise ValueError(f"no coder {coder!r}")
        matrix = self.matrix[:, keep]
        used = [int(i) for i in np.unique(matrix[matrix != MISSING])]
        labels, values, index = _label_space(self.labels[i] for i in used)
        # The extra last slot maps MISSING (-1) to itself.
        remap = np.full(len(self.labels) + 1, MISSING, dtype=np.int64)
        for i in used:
            remap[i] = index[self.labels[i]]
        return CodeTable(items=self.items, coders=tuple(self.coders[j] for j in keep),
                         labels=labels, values=values, matrix=remap[matrix],
                         explicit_missing=self.explicit_missing[:, keep], source=self.source)

    def column(self, coder: str) -> dict[str, str]:
        """One coder's non-missing labels by item."""
        j = self.coders.index(coder)
        return {item: self.labels[int(self.matrix[i, j])] for i, item in enumerate(self.items)
                if self.matrix[i, j] != MISSING}


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Sort key that puts ``item 2`` before ``item 10``."""
    return tuple((0, int(part)) if part.isdecimal() else (1, part)
                 for part in re.split(r"(\d+)", text) if part)


def label_text(value: Any) -> str | None:
    """A cell or JSON value as a label string, or ``None`` when it means "missing".

    Raises:
        ValueError: the value is a list or object (not a label).
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        raise ValueError(f"a label must be a string or a number; got a JSON "
                         f"{'array' if isinstance(value, list) else 'object'}")
    text = str(value).strip()
    return None if text.lower() in MISSING_TOKENS else text


def _number(label: str) -> float | None:
    try:
        number = float(label)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def _canonical(number: float) -> str:
    return str(int(number)) if number.is_integer() else repr(number)


def _label_space(raw: Iterable[str]) -> tuple[tuple[str, ...], tuple[float, ...] | None,
                                              dict[str, int]]:
    """Distinct labels, their numbers (if all are numbers) and each raw label's index."""
    distinct = sorted(set(raw))
    numbers = {label: _number(label) for label in distinct}
    if distinct and all(n is not None for n in numbers.values()):
        by_value = sorted({n for n in numbers.values() if n is not None})
        position = {n: i for i, n in enumerate(by_value)}
        index = {label: position[n] for label, n in numbers.items() if n is not None}
        return tuple(_canonical(n) for n in by_value), tuple(by_value), index
    return tuple(distinct), None, {label: i for i, label in enumerate(distinct)}


def _conflict(earlier: Code, later: Code) -> RecordError:
    path, _, line = later.location.rpartition(":")
    return RecordError(
        f"coder {later.coder!r} coded item {later.item!r} twice: {earlier.label!r} "
        f"({earlier.location}) and {later.label!r}; keep one code per coder and item",
        path=path or later.location, line=int(line) if line.isdigit() else None,
    )


# --- reading files --------------------------------------------------------------------------


@dataclass(frozen=True)
class CodeColumns:
    """Which columns (CSV) or fields (JSONL) hold what.

    Attributes:
        item: the item id column.
        label: the label column (long format).
        coder: the coder column (long format); ``None`` when every row is one coder's
            (a tool's codes), named by ``fixed_coder``.
        fixed_coder: coder name used when ``coder`` is ``None``.
    """

    item: str = "item"
    label: str = "label"
    coder: str | None = "coder"
    fixed_coder: str = "tool"


def read_codes(path: str | Path, *, columns: CodeColumns | None = None, wide: bool = False,
               encoding: str = "utf-8") -> CodeTable:
    """Read coded data from a CSV, TSV or JSONL file.

    Args:
        path: the file (``.csv``, ``.tsv``, ``.jsonl``/``.ndjson``).
        columns: column names (default ``item``, ``coder``, ``label``; matched
            case-insensitively).
        wide: one row per item and one column per coder (CSV/TSV only); every column other
            than the item column is a coder.
        encoding: text encoding (see :func:`framing.readers.decode.decode_bytes`).

    Returns:
        The codes as a :class:`CodeTable`.

    Raises:
        MissingPathError: the file does not exist.
        EmptyInputError: the file is empty or has a header only.
        UnsupportedFormatError: unknown suffix, or ``wide`` with JSONL.
        ColumnError: a required column is absent (names the columns found).
        RecordError: a row lacks an item id or a coder, is malformed, or repeats a code
            with a different label (names file, line and field).
    """
    from framing.readers.decode import check_encoding_name, decode_bytes

    columns = columns or CodeColumns()
    file = Path(path)
    name = str(path)
    if not file.is_file():
        raise MissingPathError("no such file" if not file.exists() else "not a file", path=name)
    kind = CODE_SUFFIXES.get(file.suffix.lower())
    if kind is None:
        raise UnsupportedFormatError(
            f"unknown suffix {file.suffix!r}; coded data must be {', '.join(CODE_SUFFIXES)}",
            path=name)
    if wide and kind == "jsonl":
        raise UnsupportedFormatError("wide format needs a CSV or TSV file, not JSONL",
                                     path=name)
    text = decode_bytes(file.read_bytes(), path=name, encoding=check_encoding_name(encoding))
    if kind == "jsonl":
        codes = list(_jsonl_codes(text, name, columns))
    else:
        records = _delimited_records(text, name, "\t" if kind == "tsv" else ",")
        codes = list(_wide_codes(records, name, columns) if wide
                     else _long_codes(records, name, columns))
    if not codes:
        raise EmptyInputError("no codes: the file has no rows", path=name)
    return CodeTable.from_codes(codes, source=name)


def read_tool_codes(path: str | Path, *, item_column: str = "item", label_column: str = "label",
                    encoding: str = "utf-8") -> dict[str, str]:
    """Read a tool's codes (one per item; a coder column, if any, is ignored).

    Returns:
        The tool's non-missing label for each item it coded.

    Raises:
        The errors of :func:`read_codes`; a conflicting repeat names both lines.
    """
    columns = CodeColumns(item=item_column, label=label_column, coder=None)
    table = read_codes(path, columns=columns, encoding=encoding)
    return table.column(columns.fixed_coder) if table.coders else {}


def _find_column(header: Sequence[str], wanted: str, *, path: str, line: int | None,
                 option: str) -> str:
    for column in header:
        if column.strip().lower() == wanted.strip().lower():
            return column
    found = ", ".join(repr(c) for c in header) or "(none)"
    raise ColumnError(f"no {wanted!r} column (set it with {option}); found: {found}",
                      path=path, line=line)


def _delimited_records(text: str, path: str, delimiter: str
                       ) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header and ``(line, record)`` pairs of a CSV/TSV text; blank rows are skipped."""
    reader = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    try:
        header = next(reader)
    except csv.Error as exc:
        raise RecordError(f"malformed header: {exc}", path=path, line=1) from exc
    records: list[tuple[int, dict[str, str]]] = []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            raise RecordError(f"malformed row: {exc}", path=path, line=line) from exc
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise RecordError(f"row has {len(row)} fields; the header has {len(header)}",
                              path=path, line=line)
        records.append((line, dict(zip(header, row, strict=True))))
    return header, records


def _required(record: Mapping[str, Any], column: str, *, path: str, line: int, what: str
              ) -> str:
    value = record.get(column)
    text = "" if value is None else str(value).strip()
    if isinstance(value, list | dict) or not text:
        raise RecordError(f"field {column!r} is missing or empty: every row needs {what}",
                          path=path, line=line)
    return text


def _label(record: Mapping[str, Any], column: str, *, path: str, line: int) -> str | None:
    try:
        return label_text(record.get(column))
    except ValueError as exc:
        raise RecordError(f"field {column!r}: {exc}", path=path, line=line) from exc


def _long_codes(table: tuple[list[str], list[tuple[int, dict[str, str]]]], path: str,
                columns: CodeColumns) -> Iterator[Code]:
    header, records = table
    item_col = _find_column(header, columns.item, path=path, line=1, option="--item-column")
    label_col = _find_column(header, columns.label, path=path, line=1, option="--label-column")
    coder_col = None if columns.coder is None else \
        _find_column(header, columns.coder, path=path, line=1, option="--coder-column")
    for line, record in records:
        item = _required(record, item_col, path=path, line=line, what="an item id")
        coder = columns.fixed_coder if coder_col is None else \
            _required(record, coder_col, path=path, line=line, what="a coder")
        yield Code(item, coder, _label(record, label_col, path=path, line=line),
                   f"{path}:{line}")


def _wide_codes(table: tuple[list[str], list[tuple[int, dict[str, str]]]], path: str,
                columns: CodeColumns) -> Iterator[Code]:
    header, records = table
    item_col = _find_column(header, columns.item, path=path, line=1, option="--item-column")
    coder_cols = [c for c in header if c != item_col]
    if not coder_cols:
        raise ColumnError("a wide table needs one column per coder besides the item column",
                          path=path, line=1)
    for line, record in records:
        item = _required(record, item_col, path=path, line=line, what="an item id")
        for coder in coder_cols:
            yield Code(item, coder.strip(), _label(record, coder, path=path, line=line),
                       f"{path}:{line}")


def _jsonl_codes(text: str, path: str, columns: CodeColumns) -> Iterator[Code]:
    seen_label = False
    wanted = {name.lower(): name for name in
              (columns.item, columns.label, columns.coder) if name is not None}
    n_records = 0
    for line, raw in enumerate(text.splitlines(), start=1):
        if not raw.strip():
            continue
        try:
            record = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise RecordError(f"invalid JSON: {exc.msg}", path=path, line=line,
                              column=exc.colno) from exc
        if not isinstance(record, dict):
            raise RecordError(f"expected a JSON object per line; got {type(record).__name__}",
                              path=path, line=line)
        n_records += 1
        # Field names match case-insensitively, as CSV columns do.
        fields = {wanted.get(str(k).lower(), str(k)): v for k, v in record.items()}
        seen_label = seen_label or columns.label in fields
        item = _required(fields, columns.item, path=path, line=line, what="an item id")
        coder = columns.fixed_coder if columns.coder is None else \
            _required(fields, columns.coder, path=path, line=line, what="a coder")
        yield Code(item, coder, _label(fields, columns.label, path=path, line=line),
                   f"{path}:{line}")
    if n_records and not seen_label:
        raise ColumnError(f"no record has a {columns.label!r} field (set it with "
                          "--label-column)", path=path, line=1)
