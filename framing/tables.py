"""The one table renderer: typed rows in, text out (tabulate formats, CSV, TSV, JSON)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Mapping, Sequence
from typing import Any

from tabulate import tabulate, tabulate_formats

from framing.errors import OptionError

EXTRA_FORMATS: tuple[str, ...] = ("json", "csv", "tsv")
TABLE_FORMATS: tuple[str, ...] = tuple(sorted(tabulate_formats))
ALL_FORMATS: tuple[str, ...] = EXTRA_FORMATS + TABLE_FORMATS

Row = Mapping[str, Any]


def check_format(fmt: str) -> str:
    """Return ``fmt`` if it is a known table format, else raise :class:`OptionError`."""
    if fmt not in ALL_FORMATS:
        raise OptionError(
            f"the `--format` option must be one of {', '.join(ALL_FORMATS)}; got {fmt!r}"
        )
    return fmt


def render_table(rows: Sequence[Row], fmt: str = "simple", *, floatfmt: str = ".2f",
                 numparse: bool = True) -> str:
    """Render rows (dicts with the same keys, in column order) in a table format.

    Args:
        rows: the records; the first row's keys are the columns.
        fmt: ``json``, ``csv``, ``tsv`` or any :data:`tabulate.tabulate_formats` name.
        floatfmt: number format for tabulate output.
        numparse: let tabulate re-format number-like strings; off for preformatted cells
            (".033" p-values, "2.31 [1.80, 2.90]") that must print as given.

    Returns:
        The rendered table, without a trailing newline.
    """
    check_format(fmt)
    columns = list(rows[0].keys()) if rows else []
    if fmt == "json":
        return json.dumps([dict(r) for r in rows], indent=2, ensure_ascii=False, default=str)
    if fmt in ("csv", "tsv"):
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter="," if fmt == "csv" else "\t",
                            lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row.get(c) is None else row.get(c) for c in columns])
        return buffer.getvalue().rstrip("\n")
    body = [[row.get(c) for c in columns] for row in rows]
    return str(tabulate(body, headers=columns, tablefmt=fmt, floatfmt=floatfmt,
                        missingval="–", disable_numparse=not numparse))
