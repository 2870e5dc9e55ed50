"""Write normalised entry records to JSONL, CSV or Parquet, atomically."""

from __future__ import annotations

import csv
import json
import os
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from framing.errors import OutputError
from framing.model import ENTRY_FIELDS, Entry

OUTPUT_SUFFIXES = (".jsonl", ".csv", ".parquet")


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path next to ``target``; rename it over ``target`` on success only.

    An interrupted run therefore never leaves a truncated file that looks complete.
    """
    if not target.parent.exists():
        raise OutputError(f"{target}: directory {target.parent} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        tmp.replace(target)
    finally:
        if tmp.exists():
            tmp.unlink()


def _flat(entry: Entry) -> dict[str, Any]:
    record = entry.to_dict()
    record["meta"] = json.dumps(record["meta"], ensure_ascii=False, sort_keys=True)
    return record


def write_entries(entries: Iterable[Entry], output: str | Path) -> int:
    """Write entries to ``output`` (format from its suffix) and return how many were written.

    JSONL keeps ``meta`` as an object; CSV and Parquet store it as a JSON string.
    """
    target = Path(output)
    suffix = target.suffix.lower()
    if suffix not in OUTPUT_SUFFIXES:
        raise OutputError(
            f"{target}: the output must end in one of {', '.join(OUTPUT_SUFFIXES)}; "
            f"got {suffix or 'no suffix'!r}"
        )
    n_written = 0
    with atomic_path(target) as tmp:
        if suffix == ".jsonl":
            with tmp.open("w", encoding="utf-8") as handle:
                for entry in entries:
                    handle.write(json.dumps(entry.to_dict(), ensure_ascii=False) + "\n")
                    n_written += 1
        elif suffix == ".csv":
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(ENTRY_FIELDS))
                writer.writeheader()
                for entry in entries:
                    writer.writerow(_flat(entry))
                    n_written += 1
        else:
            n_written = _write_parquet(entries, tmp)
    return n_written


def _write_parquet(entries: Iterable[Entry], tmp: Path, batch_size: int = 4096) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema(
        [
            ("id", pa.string()), ("outlet", pa.string()),
            ("published", pa.timestamp("us", tz="UTC")), ("time", pa.string()),
            ("kind", pa.string()), ("title", pa.string()), ("text", pa.string()),
            ("url", pa.string()), ("source", pa.string()), ("meta", pa.string()),
        ]
    )
    n_written = 0
    with pq.ParquetWriter(str(tmp), schema) as writer:
        batch: list[dict[str, Any]] = []
        for entry in entries:
            record = _flat(entry)
            record["published"] = entry.published
            batch.append(record)
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n_written += len(batch)
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n_written += len(batch)
    return n_written
