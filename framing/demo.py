"""The demo: analyse the bundled, fictional demo corpus and compare its outlets."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from framing.analysis.analyze import Analyzer, score
from framing.analysis.records import EntryScore
from framing.lexicon import load_lexicon, resolve_lexicons
from framing.readers import ReadOptions, read_corpus
from framing.resources import demo_corpus_path, demo_lexicon_path

# The demo live feeds print clock times only; this is the date of their newest entry. Their
# clocks run on UTC+02:00 (IANA spells that "Etc/GMT-2": the sign is inverted by convention).
DEMO_NEWEST_DATE = "2031-03-05"
DEMO_TZ = "Etc/GMT-2"
DEMO_SIDES = ("calmeria", "zarovia")


@dataclass(frozen=True)
class DemoResult:
    """What ``framing demo`` prints: a title line, table rows and a footnote."""

    title: str
    rows: list[dict[str, Any]]
    footnote: str


def _rate(count: int, words: int) -> float | None:
    return round(1000 * count / words, 1) if words else None


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def outlet_rows(records: Iterable[EntryScore], sides: Sequence[str]) -> list[dict[str, Any]]:
    """Per-outlet framing profile from score records (plain sums; no uncertainty yet).

    Columns: entries; words; share of words in someone else's voice; loaded terms per 1,000
    words in the outlet's own voice and in attributed voice; the outlet's own-voice terms that
    carry each side's framing; attributions (sources) by side; share of attributions with a
    distancing verb; hedges per 1,000 words; scare quotes.
    """
    groups: dict[str, list[EntryScore]] = {}
    for record in records:
        groups.setdefault(record.outlet, []).append(record)
    rows = []
    for outlet in sorted(groups):
        group = groups[outlet]
        words = sum(r.n_words for r in group)
        own_words = sum(r.n_words_authorial for r in group)
        other_words = words - own_words
        terms = [t for r in group for t in r.terms]
        attributions = [a for r in group for a in r.attributions]
        cues = [c for r in group for c in r.cues]
        own_terms = [t for t in terms if t.voice == "authorial"]
        row: dict[str, Any] = {
            "outlet": outlet,
            "entries": len(group),
            "words": words,
            "attributed %": _percent(other_words, words),
            "terms/1k own": _rate(len(own_terms), own_words),
            "terms/1k quoted": _rate(len(terms) - len(own_terms), other_words),
        }
        row["own-voice " + ":".join(sides)] = ":".join(
            str(sum(1 for t in own_terms if t.orientation == side)) for side in sides)
        row["sources " + ":".join(sides)] = ":".join(
            str(sum(1 for a in attributions if a.side == side)) for side in sides)
        row["anonymous"] = sum(1 for a in attributions if a.anonymous)
        row["distancing %"] = _percent(sum(1 for a in attributions if a.stance == "distancing"),
                                       len(attributions))
        row["hedges/1k"] = _rate(sum(1 for c in cues if c.kind == "hedge"), words)
        row["scare quotes"] = sum(1 for c in cues if c.kind == "scare_quote")
        rows.append(row)
    return rows


def demo_analyzer() -> Analyzer:
    """Bundled generic lexicons plus the demo conflict's own lexicon."""
    generic = [lexicon for lexicon in resolve_lexicons([])
               if lexicon.name != "nagorno-karabakh"]
    return Analyzer.from_lexicons([*generic, load_lexicon(demo_lexicon_path())])


def run_demo(*, n_boot: int = 2000, n_perm: int = 2000) -> DemoResult:
    """Read, analyse and compare the demo corpus; return the outlet comparison table."""
    from framing.compare import compare_scores, comparison_footnote, comparison_rows

    path = demo_corpus_path()
    options = ReadOptions.create(date=DEMO_NEWEST_DATE, tz=DEMO_TZ)
    corpus = read_corpus([path], options=options)
    records = list(score(corpus, demo_analyzer()))
    comparison = compare_scores(records, sides=DEMO_SIDES, n_boot=n_boot, n_perm=n_perm)
    title = (f"Demo corpus (fictional): {len(corpus)} entries from {corpus.n_outlets} outlets "
             "covering the same six events")
    footnote = (comparison_footnote(comparison) + " The texts are fictional; "
                "framing/data/demo/README.md is the answer key.")
    return DemoResult(title=title, rows=comparison_rows(comparison), footnote=footnote)
