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


def test_demo_result_rows_match_corpus() -> None:
    result = run_demo()
    assert [r["outlet"] for r in result.rows] == OUTLETS
    corpus = framing.Corpus(_demo_stream())
    assert sum(r["entries"] for r in result.rows) == len(corpus)
    assert sum(r["words"] for r in result.rows) == corpus.n_words


def test_demo_shows_the_contrasts_the_corpus_was_written_with() -> None:
    """The answer key (framing/data/demo/README.md): each partisan outlet uses only its own
    side's names in its own voice; the wire hedges most and leans on anonymous sources."""
    rows = {r["outlet"]: r for r in run_demo().rows}
    calmerian, zarovian = (rows["Radio Dorvassa"]["own-voice calmeria:zarovia"],
                           rows["Stelmar Today"]["own-voice calmeria:zarovia"])
    assert calmerian.endswith(":0") and not calmerian.startswith("0:")
    assert zarovian.startswith("0:") and not zarovian.endswith(":0")
    wire = rows["Compass Wire"]
    assert wire["hedges/1k"] == max(r["hedges/1k"] for r in rows.values())
    assert wire["anonymous"] == max(r["anonymous"] for r in rows.values())
    assert wire["terms/1k own"] == min(r["terms/1k own"] for r in rows.values())


def test_demo_cli_prints_table() -> None:
    result = CliRunner().invoke(app, ["demo"])
    assert result.exit_code == 0
    for outlet in OUTLETS:
        assert outlet in result.stdout
    assert "fictional" in result.stdout
