"""The classroom report: one self-contained HTML page of a corpus with its spans highlighted.

Example:
    >>> import framing
    >>> from framing.analysis.analyze import score
    >>> from framing.demo import DEMO_NEWEST_DATE, DEMO_TZ, demo_analyzer
    >>> from framing.events import align_events
    >>> from framing.report import build_report
    >>> corpus = framing.read_corpus(framing.demo_corpus_path(), options=framing.ReadOptions
    ...     .create(date=DEMO_NEWEST_DATE, tz=DEMO_TZ))
    >>> records = list(score(corpus, demo_analyzer(), readability=False, tone=False))
    >>> report = build_report(records, alignment=align_events(corpus))
    >>> report.n_entries, report.n_side_by_side >= 6, report.html.startswith("<!DOCTYPE html>")
    (49, True, True)
"""

from __future__ import annotations

from framing.report.build import (
    Report,
    build_report,
    check_report_path,
    entry_markup,
    write_report,
)

__all__ = ["Report", "build_report", "check_report_path", "entry_markup", "write_report"]
