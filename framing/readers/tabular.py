"""Readers for record formats: JSONL, CSV/TSV and Parquet, with column aliases.

Aliases cover this project's own output and Media Cloud / GDELT-style exports. Column names are
matched case-insensitively; the first alias present wins. Columns that map to no field are kept in
``Entry.meta``.
"""

from __future__ import annotations

import csv
import datetime as dt
import email.utils
import io
import itertools
import json
import math
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import IO, Any

from framing.errors import ColumnError, DecodingError, FramingError, RecordError
from framing.model import ENTRY_KINDS, Entry, SourceRef
from framing.text import normalize_text

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "story_text", "content"),
    "title": ("title", "headline"),
    "outlet": ("outlet", "media_name", "source", "publisher"),
    "published": ("published", "publish_date", "date", "datetime"),
    "url": ("url", "link"),
    "id": ("id", "stories_id"),
    "time": ("time",),
    "kind": ("kind",),
    "meta": ("meta",),
}
# `source` is an outlet alias (GDELT), but in this project's own output it is the provenance.
_PROVENANCE_RE = re.compile(r"^.+:\d+$|^.+#\d+$")
_GDELT_STAMP_RE = re.compile(r"^\d{14}$")
_HHMM_RE = re.compile(r"^\d{2}:\d{2}$")


def resolve_columns(names: Iterable[str]) -> dict[str, str]:
    """Map each Entry field to the input column that supplies it (first alias present wins)."""
    by_lower: dict[str, str] = {}
    for name in names:
        by_lower.setdefault(name.strip().lower(), name)
    mapping: dict[str, str] = {}
    for field_name, aliases in COLUMN_ALIASES.items():
        for alias in aliases:
            if alias in by_lower:
                mapping[field_name] = by_lower[alias]
                break
    return mapping


_PANDAS_MISSING = frozenset({"NaTType", "NAType"})


def _is_missing(value: Any) -> bool:
    if value is None or type(value).__name__ in _PANDAS_MISSING:
        return True
    return (isinstance(value, float) and math.isnan(value)) or (isinstance(value, str)
                                                               and value == "")


def parse_published(value: Any, *, tz: dt.tzinfo) -> dt.datetime | None:
    """Parse a publication time; naive times are taken to be in ``tz``.

    Accepts ISO 8601 (date or date-time, ``Z`` or offsets), GDELT ``YYYYMMDDHHMMSS``, RFC 2822
    (RSS), epoch seconds, and datetime/date objects (Parquet, pandas).

    Raises:
        ValueError: the value cannot be parsed.
    """
    if _is_missing(value):
        return None
    if hasattr(value, "to_pydatetime"):  # pandas.Timestamp
        value = value.to_pydatetime()
    if isinstance(value, dt.datetime):
        parsed = value
    elif isinstance(value, dt.date):
        parsed = dt.datetime(value.year, value.month, value.day)
    elif isinstance(value, int | float) and not isinstance(value, bool):
        parsed = dt.datetime.fromtimestamp(float(value), tz=dt.UTC)
    elif isinstance(value, str):
        parsed = _parse_date_string(value.strip())
    else:
        raise ValueError(f"unsupported date value {value!r}")
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=tz)
    return parsed


def _parse_date_string(text: str) -> dt.datetime:
    if _GDELT_STAMP_RE.match(text):
        return dt.datetime.strptime(text, "%Y%m%d%H%M%S")
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    try:
        return email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        pass
    raise ValueError(f"cannot parse date {text!r} (expected ISO 8601 such as 2020-10-17T01:57)")


def _as_text(value: Any) -> str:
    if _is_missing(value):
        return ""
    return normalize_text(str(value)).strip()


def _json_ready(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, Mapping):
        return {str(k): _json_ready(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_ready(v) for v in value]
    if hasattr(value, "tolist"):  # numpy arrays and scalars
        return _json_ready(value.tolist())
    return value


def entry_from_record(
    record: Mapping[str, Any],
    columns: Mapping[str, str],
    *,
    path: str,
    stem: str,
    line: int | None,
    number: int,
    outlet: str | None,
    tz: dt.tzinfo,
) -> Entry:
    """Build an :class:`Entry` from one record; raise :class:`RecordError` naming the field."""
    text_column = columns.get("text")
    body = _as_text(record.get(text_column)) if text_column else ""
    if not body:
        looked_for = ", ".join(COLUMN_ALIASES["text"])
        raise RecordError(
            f"record has no text (looked for a non-empty field: {looked_for})",
            path=path, line=line,
        )
    title = _as_text(record.get(columns["title"])) if "title" in columns else ""
    # This project's own output already starts `text` with the title: do not repeat it.
    text = body if not title or body.startswith(title) else f"{title}\n\n{body}"

    published_column = columns.get("published")
    try:
        published = parse_published(record.get(published_column), tz=tz) if published_column \
            else None
    except (ValueError, OverflowError, OSError) as exc:
        raise RecordError(f"field {published_column!r}: {exc}", path=path, line=line) from exc

    kind = _as_text(record.get(columns["kind"])) if "kind" in columns else ""
    kind = kind or "entry"
    if kind not in ENTRY_KINDS:
        raise RecordError(
            f"field {columns['kind']!r} must be one of {', '.join(ENTRY_KINDS)}; got {kind!r}",
            path=path, line=line,
        )
    time = _as_text(record.get(columns["time"])) if "time" in columns else ""
    if time and not _HHMM_RE.match(time):
        raise RecordError(f"field {columns['time']!r} must be HH:MM; got {time!r}",
                          path=path, line=line)

    outlet_value = ""
    if "outlet" in columns:
        outlet_value = _as_text(record.get(columns["outlet"]))
        if columns["outlet"].lower() == "source" and _PROVENANCE_RE.match(outlet_value):
            outlet_value = ""  # a provenance string, not an outlet name
    record_id = _as_text(record.get(columns["id"])) if "id" in columns else ""
    url = _as_text(record.get(columns["url"])) if "url" in columns else ""

    used = set(columns.values())
    meta: dict[str, Any] = {}
    if "meta" in columns:
        raw_meta = record.get(columns["meta"])
        if isinstance(raw_meta, str) and raw_meta.strip():
            try:
                raw_meta = json.loads(raw_meta)
            except json.JSONDecodeError as exc:
                raise RecordError(f"field {columns['meta']!r} is not JSON: {exc.msg}",
                                  path=path, line=line) from exc
        if isinstance(raw_meta, Mapping):
            meta.update(_json_ready(raw_meta))
    for key, value in record.items():
        if key not in used and not _is_missing(value):
            meta[str(key)] = _json_ready(value)
    if columns.get("outlet", "").lower() == "source" and not outlet_value:
        meta.setdefault("source", _as_text(record.get(columns["outlet"])))

    return Entry(
        id=record_id or f"{stem}:{number}",
        outlet=outlet or outlet_value or stem,
        published=published,
        time=time or None,
        kind="background" if kind == "background" else "entry",
        title=title,
        text=text,
        url=url or None,
        source=SourceRef(path, line, number),
        meta=meta,
    )


def entries_from_records(
    records: Iterable[Mapping[str, Any]],
    *,
    path: str,
    outlet: str | None = None,
    tz: dt.tzinfo = dt.UTC,
) -> Iterator[Entry]:
    """Build entries from in-memory records (e.g. a DataFrame's rows); errors are raised."""
    columns: dict[str, str] | None = None
    for number, record in enumerate(records, start=1):
        if columns is None:
            columns = resolve_columns(record.keys())
            _require_text_column(columns, record.keys(), path=path, line=None)
        yield entry_from_record(record, columns, path=path, stem=path, line=None,
                                number=number, outlet=outlet, tz=tz)


def _require_text_column(columns: Mapping[str, str], names: Iterable[str], *, path: str,
                         line: int | None) -> None:
    if "text" not in columns:
        found = ", ".join(str(n) for n in names) or "(none)"
        raise ColumnError(
            f"no text column (expected one of: {', '.join(COLUMN_ALIASES['text'])}); "
            f"found: {found}",
            path=path, line=line,
        )


# --- line-level decoding ------------------------------------------------------------------

ASCII_COMPATIBLE_PREFIXES = ("utf-8", "utf8", "cp", "latin", "iso", "ascii", "windows", "koi8",
                             "mac")


@dataclass(frozen=True)
class FilePart:
    """A run of whole lines of a JSONL or CSV/TSV file, read on its own (``--jobs``).

    Reading every part of a file in order gives exactly the entries, ids, line numbers and
    errors of reading the whole file: the planner (:mod:`framing.parallel`) cuts only between
    records and counts the lines and records before each cut.

    Attributes:
        index: position of the part in its file (0 = the first, which holds a CSV header).
        start: byte offset of the part's first line.
        first_line: line number of that line (1-based).
        first_number: record number of the part's first record (ids are ``<stem>:<number>``).
        n_lines: lines in the part; None reads to the end of the file.
    """

    index: int
    start: int
    first_line: int
    first_number: int
    n_lines: int | None


def is_line_codec(codec: str) -> bool:
    """Whether a codec decodes line by line (ASCII-compatible: a newline byte ends a line)."""
    lowered = codec.lower().replace("_", "-")
    return lowered.startswith(ASCII_COMPATIBLE_PREFIXES) and "16" not in lowered \
        and "32" not in lowered


def _part_lines(handle: IO[bytes], part: FilePart | None) -> Iterable[bytes]:
    """The raw lines of ``part`` (the whole file when None), the handle positioned first."""
    if part is None:
        return handle
    handle.seek(part.start)
    return handle if part.n_lines is None else itertools.islice(handle, part.n_lines)


def iter_decoded_lines(handle: IO[bytes] | Iterable[bytes], *, path: str, codec: str,
                       first_line: int = 1) -> Iterator[str]:
    """Yield decoded lines (with their newline) of a binary file, one at a time.

    For ASCII-compatible codecs each line is decoded on its own, so an error names its exact line
    and column; UTF-16/32 go through a text wrapper. ``first_line`` is the line number of the
    first line given (a part of a file, see :class:`FilePart`).
    """
    if is_line_codec(codec):
        for number, raw in enumerate(handle, start=first_line):
            try:
                line = raw.decode(codec)
            except UnicodeDecodeError as exc:
                raise DecodingError(
                    f"cannot decode byte 0x{raw[exc.start]:02x} as {codec}; re-save the file as "
                    "UTF-8, or pass --encoding auto (detect) or the file's encoding "
                    "(e.g. cp1252)",
                    path=path, line=number, column=exc.start + 1,
                ) from exc
            if number == 1:
                line = line.removeprefix("\ufeff")
            yield line
        return
    wrapper = io.TextIOWrapper(handle, encoding=codec, newline="")  # type: ignore[type-var]
    number = 0
    try:
        for number, line in enumerate(wrapper, start=1):
            yield line.removeprefix("\ufeff") if number == 1 else line
    except UnicodeDecodeError as exc:
        raise DecodingError(f"cannot decode the text as {codec} (after line {number})",
                            path=path, line=number + 1) from exc
    finally:
        wrapper.detach()


OnRecordError = Callable[[FramingError], None]


def read_jsonl(
    handle: IO[bytes], *, path: str, stem: str, codec: str, outlet: str | None,
    tz: dt.tzinfo, on_record_error: OnRecordError, part: FilePart | None = None,
) -> Iterator[Entry]:
    """Stream entries from JSON Lines; blank lines are ignored.

    ``part`` reads only that run of lines (ids and line numbers as in the whole file).
    """
    first_line = part.first_line if part is not None else 1
    number = part.first_number - 1 if part is not None else 0
    lines = iter_decoded_lines(_part_lines(handle, part), path=path, codec=codec,
                               first_line=first_line)
    for line_no, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        number += 1
        try:
            try:
                record = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as exc:
                raise RecordError(f"invalid JSON: {exc.msg}", path=path, line=line_no,
                                  column=exc.colno) from exc
            if not isinstance(record, dict):
                raise RecordError(
                    f"expected a JSON object per line; got {type(record).__name__}",
                    path=path, line=line_no,
                )
            columns = resolve_columns(record.keys())
            yield entry_from_record(record, columns, path=path, stem=stem, line=line_no,
                                    number=number, outlet=outlet, tz=tz)
        except (RecordError, ColumnError) as exc:
            on_record_error(exc)


def read_delimited(
    handle: IO[bytes], *, path: str, stem: str, codec: str, delimiter: str,
    outlet: str | None, tz: dt.tzinfo, on_record_error: OnRecordError,
    part: FilePart | None = None,
) -> Iterator[Entry]:
    """Stream entries from CSV or TSV with a header row.

    ``part`` reads only that run of lines (a later part reads the header first, from the top).
    """
    whole = part is None or part.index == 0
    lines = iter_decoded_lines(_part_lines(handle, part) if whole else handle, path=path,
                               codec=codec)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        header = next(reader)
    except StopIteration:
        return
    except csv.Error as exc:
        raise RecordError(f"malformed header: {exc}", path=path, line=1) from exc
    columns = resolve_columns(header)
    _require_text_column(columns, header, path=path, line=1)
    number = 0
    line_offset = 0  # lines before the reader's first line
    if part is not None and not whole:
        reader = csv.reader(iter_decoded_lines(_part_lines(handle, part), path=path, codec=codec,
                                               first_line=part.first_line),
                            delimiter=delimiter)
        number = part.first_number - 1
        line_offset = part.first_line - 1
    while True:
        start_line = line_offset + reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            on_record_error(RecordError(f"malformed row: {exc}", path=path, line=start_line))
            continue
        if not any(cell.strip() for cell in row):
            continue
        number += 1
        try:
            if len(row) != len(header):
                raise RecordError(
                    f"row has {len(row)} fields; the header has {len(header)}",
                    path=path, line=start_line,
                )
            record = dict(zip(header, row, strict=True))
            yield entry_from_record(record, columns, path=path, stem=stem, line=start_line,
                                    number=number, outlet=outlet, tz=tz)
        except RecordError as exc:
            on_record_error(exc)


def read_parquet(
    file_path: str, *, path: str, stem: str, outlet: str | None, tz: dt.tzinfo,
    on_record_error: OnRecordError, row_groups: Sequence[int] | None = None,
    first_number: int = 1,
) -> Iterator[Entry]:
    """Stream entries from a Parquet file, batch by batch.

    ``row_groups`` reads only those row groups (a partition of a cluster run); ``first_number``
    is then the file-wide record number of its first row, so ids and provenance are the same
    as when the whole file is read.
    """
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(file_path)
    except Exception as exc:  # pyarrow raises several unrelated types for corrupt files
        raise RecordError(f"not a readable Parquet file: {exc}", path=path) from exc
    names = parquet.schema_arrow.names
    columns = resolve_columns(names)
    _require_text_column(columns, names, path=path, line=None)
    number = first_number - 1
    for batch in parquet.iter_batches(batch_size=4096, row_groups=row_groups):
        for record in batch.to_pylist():
            number += 1
            try:
                yield entry_from_record(record, columns, path=path, stem=stem, line=None,
                                        number=number, outlet=outlet, tz=tz)
            except RecordError as exc:
                on_record_error(exc)
