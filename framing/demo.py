"""The demo: read the bundled, fictional demo corpus and tabulate it per outlet."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from framing.readers import ReadOptions, read_corpus
from framing.resources import demo_corpus_path
from framing.stats import corpus_info_rows

# The demo live feeds print clock times only; this is the date of their newest entry. Their
# clocks run on UTC+02:00 (IANA spells that "Etc/GMT-2": the sign is inverted by convention).
DEMO_NEWEST_DATE = "2031-03-05"
DEMO_TZ = "Etc/GMT-2"


@dataclass(frozen=True)
class DemoResult:
    """What ``framing demo`` prints: a title line, table rows and a footnote."""

    title: str
    rows: list[dict[str, Any]]
    footnote: str


def run_demo() -> DemoResult:
    """Read the demo corpus and return the per-outlet comparison rows."""
    path = demo_corpus_path()
    options = ReadOptions.create(date=DEMO_NEWEST_DATE, tz=DEMO_TZ)
    corpus = read_corpus([path], options=options)
    rows = corpus_info_rows(corpus.summary())
    title = (f"Demo corpus (fictional): {len(corpus)} entries from {corpus.n_outlets} outlets "
             "covering the same six events")
    footnote = (
        "Corpus statistics per outlet. The texts are fictional, written for framing; "
        "see framing/data/demo/README.md for the answer key."
    )
    return DemoResult(title=title, rows=rows, footnote=footnote)
