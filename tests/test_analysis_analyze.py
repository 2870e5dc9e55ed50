"""Entry analysis end to end: terms in their voice, cues, counts, score records, outputs."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import framing
from framing.analysis.analyze import Analyzer, analyze, score
from framing.analysis.output import flat_columns, write_scores
from framing.analysis.records import EntryScore
from framing.cli import app
from framing.model import Entry, SourceRef

SCHEMA_KEYS = {
    "id", "outlet", "published", "time", "kind", "title", "text", "n_words",
    "n_words_authorial", "n_words_attributed", "voices", "terms", "attributions", "cues",
    "readability", "tone", "source", "meta",
}


@pytest.fixture(scope="module")
def analyzer() -> Analyzer:
    return Analyzer.from_specs([])


@pytest.fixture(scope="module")
def feed_scores(shared_dir: Path, analyzer: Analyzer) -> dict[str, EntryScore]:
    path = shared_dir / "corpora" / "000_476cce20535633e5.txt"
    if not path.is_file():
        pytest.skip(f"reference feed not found at {path}")
    corpus = framing.read_corpus(path, options=framing.ReadOptions.create(date="2020-10-17"))
    return {(s.time or "background"): s for s in score(corpus, analyzer)}


def _entry(text: str, title: str = "") -> Entry:
    full = f"{title}\n\n{text}" if title else text
    return Entry(id="t:1", outlet="Test", published=None, time=None, kind="entry", title=title,
                 text=full, url=None, source=SourceRef("mem"))


def test_analyze_reference_1925_occupied_is_quoted_azerbaijani(
        feed_scores: dict[str, EntryScore]) -> None:
    record = feed_scores["19:25"]
    occupied = [t for t in record.terms if t.text == "occupied"]
    assert len(occupied) == 3
    assert {(t.voice, t.side) for t in occupied} == {("quoted", "azerbaijan")}
    assert all(t.speaker == "Azerbaijani Foreign Ministry" for t in occupied)
    unrecognised = [t for t in record.terms if t.text in ("unrecognised",
                                                           "Nagorno-Karabakh Republic")]
    assert len(unrecognised) == 2
    assert {t.voice for t in unrecognised} == {"authorial"}


def test_analyze_reference_background_terms_authorial(feed_scores: dict[str, EntryScore]) -> None:
    record = feed_scores["background"]
    by_text = {t.text: t for t in record.terms}
    for word in ("breakaway", "self-proclaimed", "unrecognised"):
        assert by_text[word].voice == "authorial", word
    artsakh = [t for t in record.terms if "Artsakh" in t.text]
    assert artsakh and all(t.voice == "authorial" for t in artsakh)


def test_analyze_reference_disinformation_attributed(feed_scores: dict[str, EntryScore]) -> None:
    record = feed_scores["22:30"]
    (term,) = [t for t in record.terms if t.text == "Disinformation"]
    assert term.side == "azerbaijan"
    assert term.voice != "authorial"
    assert term.speaker == "Azerbaijani Defence Ministry"
    assert any(c.kind == "scare_quote" and c.text == "'Disinformation'" for c in record.cues)


def test_analyze_reference_claimed_is_distancing(feed_scores: dict[str, EntryScore]) -> None:
    record = feed_scores["06:03"]
    claimed = [a for a in record.attributions if a.verb == "claimed"]
    assert len(claimed) == 1
    assert (claimed[0].stance, claimed[0].side) == ("distancing", "azerbaijan")


def test_analyze_reference_anonymous_source(feed_scores: dict[str, EntryScore]) -> None:
    record = feed_scores["21:53"]
    assert any(a.anonymous and a.kind == "headline" for a in record.attributions)


def test_analyze_reference_insertion_is_authorial(feed_scores: dict[str, EntryScore]) -> None:
    record = feed_scores["09:52"]
    text = record.text
    start = text.index("[self-designation")
    for voice in record.voices:
        assert not voice.start <= start < voice.end
    artsakh = [t for t in record.terms if t.text == "Artsakh"]
    assert artsakh and all(t.voice == "quoted" for t in artsakh)


def test_analyze_reference_word_counts_add_up(feed_scores: dict[str, EntryScore]) -> None:
    for record in feed_scores.values():
        assert record.n_words == record.n_words_authorial + record.n_words_attributed
        assert record.n_words == framing.text.count_words(record.text)


def test_analyze_offsets_point_at_the_text(feed_scores: dict[str, EntryScore]) -> None:
    for record in feed_scores.values():
        for term in record.terms:
            assert record.text[term.start:term.end] == term.text
        for cue in record.cues:
            assert record.text[cue.start:cue.end] == cue.text


def test_analyze_one_term_per_span_across_lexicons(analyzer: Analyzer) -> None:
    record = analyze(_entry("The self-proclaimed republic hired mercenaries."), analyzer)
    spans = [(t.start, t.end) for t in record.terms]
    assert len(spans) == len(set(spans))
    (proclaimed,) = [t for t in record.terms if t.text == "self-proclaimed"]
    assert proclaimed.lexicon == "nagorno-karabakh"  # the more specific lexicon wins


def test_analyze_attribution_cue_is_not_a_hedge(analyzer: Analyzer) -> None:
    record = analyze(_entry("According to the ministry, the village was reportedly shelled."),
                     analyzer)
    hedges = [c.text for c in record.cues if c.kind == "hedge"]
    assert "reportedly" in hedges
    assert "According to" not in hedges


def test_analyze_authorial_vs_quoted_counts(analyzer: Analyzer) -> None:
    record = analyze(_entry('"The occupiers shelled the town," the ministry said. '
                            "The town was shelled."), analyzer)
    assert record.n_words_attributed >= 5
    assert record.n_words_authorial >= 4
    assert record.n_words == record.n_words_attributed + record.n_words_authorial


def test_analyze_record_schema(analyzer: Analyzer) -> None:
    record = analyze(_entry("Officials said the ceasefire may hold.", title="Ceasefire holds"),
                     analyzer).to_dict()
    assert set(record) == SCHEMA_KEYS
    json.dumps(record)  # JSON-ready
    for voice in record["voices"]:
        assert set(voice) == {"start", "end", "voice", "speaker", "side"}
    for cue in record["cues"]:
        assert set(cue) == {"cue", "text", "start", "end", "kind", "voice"}
    assert set(record["tone"]) >= {"compound", "pos", "neu", "neg"}


def test_analyze_library_prints_nothing(analyzer: Analyzer,
                                        capfd: pytest.CaptureFixture[str]) -> None:
    analyze(_entry("A quiet day, the mediator said."), analyzer)
    assert capfd.readouterr() == ("", "")


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_analyze_write_scores(tmp_path: Path, analyzer: Analyzer, suffix: str) -> None:
    corpus = framing.read_corpus(framing.demo_corpus_path())
    out = tmp_path / f"scores{suffix}"
    assert write_scores(score(corpus, analyzer), out, sides=analyzer.sides) == len(corpus)
    if suffix == ".jsonl":
        records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
        assert [r["id"] for r in records] == [e.id for e in corpus]
    elif suffix == ".csv":
        rows = list(csv.DictReader(out.open(encoding="utf-8")))
        assert list(rows[0]) == flat_columns(analyzer.sides)
        assert len(rows) == len(corpus)
    else:
        import pyarrow.parquet as pq

        table = pq.read_table(out)
        assert table.num_rows == len(corpus)
        assert table.column_names == flat_columns(analyzer.sides)


def test_cli_score_acceptance(reference_feed: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    result = CliRunner().invoke(app, ["score", str(reference_feed), "--date", "2020-10-17",
                                      "-o", str(out), "--no-progress"])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 38
    assert all(set(r) == SCHEMA_KEYS for r in records)
    assert "read 38 record(s): scored 38, skipped 0" in result.stderr


def test_cli_score_jobs_give_identical_output(tmp_path: Path) -> None:
    demo = str(framing.demo_corpus_path())
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"j{jobs}.jsonl"
        result = runner.invoke(app, ["score", demo, "--date", "2031-03-05", "--tz",
                                     "Etc/GMT-2", "-o", str(out), "-j", jobs, "--no-progress"])
        assert result.exit_code == 0, result.stderr
        outputs.append(out.read_bytes())
    assert outputs[0] == outputs[1]


def test_cli_score_skip_reports_reasons(tmp_path: Path) -> None:
    path = tmp_path / "in.jsonl"
    path.write_text('{"text": "The occupied town, officials said."}\nnot json\n')
    result = CliRunner().invoke(app, ["score", str(path), "--on-error", "skip",
                                      "-o", str(tmp_path / "o.jsonl"), "--no-progress"])
    assert result.exit_code == 0
    assert "read 2 record(s): scored 1, skipped 1" in result.stderr
    assert f"{path}:2:1: invalid JSON" in result.stderr


def test_cli_explain_formats(reference_feed: Path) -> None:
    runner = CliRunner()
    base = ["explain", str(reference_feed), "--date", "2020-10-17", "--entry", "19:25"]
    plain = runner.invoke(app, [*base, "-f", "plain"])
    assert plain.exit_code == 0, plain.stderr
    assert "{occupied|azerbaijan}" in plain.stdout
    assert "quoted voice of Azerbaijani Foreign Ministry (side: azerbaijan)" in plain.stdout
    page = runner.invoke(app, [*base, "-f", "html"])
    assert page.stdout.startswith("<!DOCTYPE html>")
    assert 'class="term"' in page.stdout and 'class="quoted"' in page.stdout
    data = json.loads(runner.invoke(app, [*base, "-f", "json"]).stdout)
    assert data["time"] == "19:25"


def test_cli_explain_escapes_html() -> None:
    result = CliRunner().invoke(app, ["explain", '<script>alert(1)</script> "occupied" lands',
                                      "-f", "html"])
    assert result.exit_code == 0
    assert "<script>alert" not in result.stdout
    assert "&lt;script&gt;" in result.stdout


def test_cli_explain_unknown_entry(reference_feed: Path) -> None:
    result = CliRunner().invoke(app, ["explain", str(reference_feed), "--entry", "99:99"])
    assert result.exit_code == 2
    assert result.stderr == f"error: {reference_feed}: no entry with id, time or position '99:99'\n"
