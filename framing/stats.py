"""Corpus statistics as table rows (``framing corpus info``, the demo table)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from framing.model import CorpusSummary


def _day(value: dt.datetime | None) -> str | None:
    return value.date().isoformat() if value else None


def corpus_info_rows(summary: CorpusSummary) -> list[dict[str, Any]]:
    """One row per outlet plus a total row: entries, background, dates, words, words/entry."""
    rows: list[dict[str, Any]] = []
    for outlet in summary.outlets:
        n_units = outlet.n_entries + outlet.n_background
        rows.append(
            {
                "outlet": outlet.outlet,
                "entries": outlet.n_entries,
                "background": outlet.n_background,
                "undated": outlet.n_undated,
                "first": _day(outlet.first),
                "last": _day(outlet.last),
                "words": outlet.n_words,
                "words/entry": round(outlet.n_words / n_units, 1) if n_units else None,
            }
        )
    n_total = summary.n_entries + summary.n_background
    rows.append(
        {
            "outlet": "total",
            "entries": summary.n_entries,
            "background": summary.n_background,
            "undated": sum(o.n_undated for o in summary.outlets),
            "first": _day(summary.first),
            "last": _day(summary.last),
            "words": summary.n_words,
            "words/entry": round(summary.n_words / n_total, 1) if n_total else None,
        }
    )
    return rows
