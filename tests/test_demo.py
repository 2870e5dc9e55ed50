"""The bundled demo corpus and `framing demo`."""

from __future__ import annotations

import datetime as dt

from typer.testing import CliRunner

import framing
from framing.cli import app
from framing.demo import DEMO_NEWEST_DATE, DEMO_TZ, run_demo

OUTLETS = ["Compass Wire", "Radio Dorvassa", "Stelmar Today", "The Daily Blare"]


def _demo_stream() -> framing.EntryStream:
    options = framing.ReadOptions.create(date=DEMO_NEWEST_DATE, tz=DEMO_TZ)
    return framing.iter_entries(framing.demo_corpus_path(), options=options)


def test_demo_corpus_reads_cleanly() -> None:
    stream = _demo_stream()
    corpus = framing.Corpus(stream)
    assert stream.skipped == []
    assert sorted(corpus.outlets) == OUTLETS
    assert {f.order for f in stream.feeds} == {"newest-first"}
    entries = corpus.filter(lambda e: e.kind == "entry")
    assert all(e.published is not None for e in entries)
    days = {e.published.date() for e in entries if e.published}
    assert days == {dt.date(2031, 3, 3), dt.date(2031, 3, 4), dt.date(2031, 3, 5)}


def test_demo_feed_and_jsonl_clocks_agree() -> None:
    """The feeds' clocks are UTC+2 like the JSONL outlets: the same event lines up in time."""
    corpus = framing.Corpus(_demo_stream())
    by_outlet = corpus.group_by_outlet()
    first_feed = min(e.published for e in by_outlet["Radio Dorvassa"] if e.published)
    first_jsonl = min(e.published for e in by_outlet["Stelmar Today"] if e.published)
    assert abs(first_feed - first_jsonl) < dt.timedelta(hours=3)
    assert first_feed.utcoffset() == dt.timedelta(hours=2)


def test_demo_rows_are_the_outlet_comparison() -> None:
    rows = run_demo(n_boot=200, n_perm=200).rows
    assert [r["metric"] for r in rows][:2] == ["terms/1k own words", "terms/1k attributed words"]
    assert list(rows[0])[1:5] == OUTLETS
    assert all(r["p (holm)"] for r in rows)


def test_demo_shows_the_contrasts_the_corpus_was_written_with() -> None:
    """The answer key (framing/data/demo/README.md): each partisan outlet uses only its own
    side's names in its own voice; the wire hedges most and leans on anonymous sources."""
    from framing.compare import compare_scores
    from framing.demo import DEMO_SIDES, demo_analyzer

    corpus = framing.Corpus(_demo_stream())
    comparison = compare_scores(framing.score(corpus, demo_analyzer()), sides=DEMO_SIDES,
                                n_boot=200, n_perm=200)
    naming = "naming share calmeria"
    assert comparison.cell(naming, "Radio Dorvassa").value == 1.0
    assert comparison.cell(naming, "Stelmar Today").value == 0.0
    hedges = {o: comparison.cell("hedges/1k words", o).value or 0.0 for o in OUTLETS}
    assert max(hedges, key=hedges.__getitem__) == "Compass Wire"
    anonymous = {o: comparison.cell("anonymous share", o).value or 0.0 for o in OUTLETS}
    assert max(anonymous, key=anonymous.__getitem__) == "Compass Wire"
    own = {o: comparison.cell("terms/1k own words", o).value or 0.0 for o in OUTLETS}
    assert min(own, key=own.__getitem__) == "Compass Wire"


def test_demo_cli_prints_table() -> None:
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 0
    for outlet in OUTLETS:
        assert outlet in result.stdout
    assert "fictional" in result.stdout
