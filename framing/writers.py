"""Write normalised entry records to JSONL, CSV or Parquet, atomically."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from framing.errors import OutputError
from framing.model import ENTRY_FIELDS, Entry

OUTPUT_SUFFIXES = (".jsonl", ".csv", ".parquet")
T = TypeVar("T")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; rename it over ``target`` on success only.

    An interrupted run therefore never leaves a truncated file that looks complete.
    """
    if not target.parent.exists():
        raise OutputError(f"{target}: directory {target.parent} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    # mkstemp makes the file private (0600); give it the mode a plain open() would have.
    os.fchmod(fd, _default_file_mode())
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        tmp.replace(target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _default_file_mode() -> int:
    """0o666 minus the process umask (the mode ``open(path, "w")`` creates files with)."""
    umask = os.umask(0o022)  # reading the umask means setting it; restored at once
    os.umask(umask)
    return 0o666 & ~umask


def write_text_atomic(target: str | Path, text: str) -> Path:
    """Write ``text`` (UTF-8) to ``target`` atomically: a temporary file, then a rename.

    Raises:
        OutputError: the directory does not exist or the file cannot be written.
    """
    path = Path(target)
    try:
        with atomic_path(path) as tmp:
            tmp.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"{path}: cannot write ({exc.strerror or exc})") from exc
    return path


def check_output_path(target: Path) -> None:
    """Raise :class:`OutputError` for an unsupported suffix or a missing directory (early)."""
    suffix = target.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise OutputError(
            f"{target}: the output must end in one of {', '.join(OUTPUT_SUFFIXES)}; "
            f"got {suffix or 'no suffix'!r}"
        )
    if not target.parent.exists():
        raise OutputError(f"{target}: directory {target.parent} does not exist")


def write_records(
    items: Iterable[T],
    output: str | Path,
    *,
    json_record: Callable[[T], dict[str, Any]],
    flat_row: Callable[[T], dict[str, Any]],
    columns: Sequence[str],
    parquet_schema: Callable[[], Any],
    parquet_row: Callable[[T], dict[str, Any]] | None = None,
    batch_size: int = 4096,
) -> int:
    """Stream items to JSONL (full records), CSV or Parquet (flat rows), atomically.

    One writer for every output of the project, so each format streams the same way.

    Args:
        items: what to write, consumed once.
        output: the file; its suffix picks the format (.jsonl, .csv, .parquet).
        json_record: the full JSON record of an item.
        flat_row: the flat row of an item (CSV, and Parquet unless ``parquet_row``).
        columns: the flat columns, in order.
        parquet_schema: builds the Arrow schema (called only for Parquet).
        parquet_row: a Parquet-specific row (e.g. native timestamps), if it differs.
        batch_size: rows per Parquet row group write.

    Returns:
        How many items were written.
    """
    target = Path(output)
    check_output_path(target)
    suffix = target.suffix.lower()
    n_written = 0
    with atomic_path(target) as tmp:
        if suffix == ".jsonl":
            with tmp.open("w", encoding="utf-8") as handle:
                for item in items:
                    handle.write(json.dumps(json_record(item), ensure_ascii=False) + "\n")
                    n_written += 1
        elif suffix == ".csv":
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(columns))
                writer.writeheader()
                for item in items:
                    writer.writerow(flat_row(item))
                    n_written += 1
        else:
            n_written = _write_parquet(items, tmp, parquet_row or flat_row, parquet_schema(),
                                       batch_size)
    return n_written


def _write_parquet(items: Iterable[T], tmp: Path, row: Callable[[T], dict[str, Any]],
                   schema: Any, batch_size: int) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    n_written = 0
    with pq.ParquetWriter(str(tmp), schema) as writer:
        batch: list[dict[str, Any]] = []
        for item in items:
            batch.append(row(item))
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n_written += len(batch)
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n_written += len(batch)
    return n_written


def _flat(entry: Entry) -> dict[str, Any]:
    record = entry.to_dict()
    record["meta"] = json.dumps(record["meta"], ensure_ascii=False, sort_keys=True)
    return record


def _parquet_entry_row(entry: Entry) -> dict[str, Any]:
    return {**_flat(entry), "published": entry.published}


def _entry_schema() -> Any:
    import pyarrow as pa

    return pa.schema([
        ("id", pa.string()), ("outlet", pa.string()),
        ("published", pa.timestamp("us", tz="UTC")), ("time", pa.string()),
        ("kind", pa.string()), ("title", pa.string()), ("text", pa.string()),
        ("url", pa.string()), ("source", pa.string()), ("meta", pa.string()),
    ])


def write_entries(entries: Iterable[Entry], output: str | Path) -> int:
    """Write entries to ``output`` (format from its suffix) and return how many were written.

    JSONL keeps ``meta`` as an object; CSV and Parquet store it as a JSON string.
    """
    return write_records(entries, output, json_record=Entry.to_dict, flat_row=_flat,
                         columns=ENTRY_FIELDS, parquet_schema=_entry_schema,
                         parquet_row=_parquet_entry_row)
