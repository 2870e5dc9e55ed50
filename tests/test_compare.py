"""framing compare: estimates from score records, tests, tables, determinism."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import framing
from framing.analysis.records import Attribution, Cue, EntryScore, TermHit
from framing.cli import app
from framing.compare import choose_sides, compare_scores, comparison_rows
from framing.errors import OptionError

runner = CliRunner()
DEMO = ["--date", "2031-03-05", "--tz", "Etc/GMT-2", "--lexicon",
        str(framing.resources.demo_lexicon_path())]


def _record(i: int, outlet: str, *, words: int, own_terms: int, side: str | None = None,
            hedges: int = 0, attributions: tuple[tuple[str, str], ...] = ()) -> EntryScore:
    terms = tuple(TermHit(term="t", text="t", start=0, end=1, lexicon="x", category="naming",
                          orientation=side, voice="authorial", speaker=None, side=None)
                  for _ in range(own_terms))
    cues = tuple(Cue(cue="may", text="may", start=0, end=3, kind="hedge", voice="authorial")
                 for _ in range(hedges))
    attrs = tuple(Attribution(speaker="s", actor="a", side=s, verb="said", stance=stance,
                              kind="indirect", anonymous=False, start=0, end=1)
                  for s, stance in attributions)
    return EntryScore(id=f"{outlet}:{i}", outlet=outlet, published="2031-03-04T10:00:00+00:00",
                      time=None, kind="entry", title="", text="x", n_words=words,
                      n_words_authorial=words, n_words_attributed=0, terms=terms,
                      attributions=attrs, cues=cues)


def _corpus() -> list[EntryScore]:
    records = []
    for i in range(12):
        records.append(_record(i, "A", words=100, own_terms=2, side="north", hedges=1,
                               attributions=(("north", "neutral"), ("south", "distancing"))))
        records.append(_record(i, "B", words=200, own_terms=1, side="south",
                               attributions=(("south", "neutral"),)))
    return records


def test_compare_estimates_are_ratio_of_sums() -> None:
    comparison = compare_scores(_corpus(), sides=("north", "south"), n_boot=200, n_perm=200)
    assert comparison.groups == ("A", "B")
    assert comparison.cell("terms/1k own words", "A").value == pytest.approx(20.0)
    assert comparison.cell("terms/1k own words", "B").value == pytest.approx(5.0)
    # Every entry of a group is the same, so the bootstrap interval has no width.
    cell = comparison.cell("terms/1k own words", "A")
    assert (cell.low, cell.high) == (pytest.approx(20.0), pytest.approx(20.0))
    assert comparison.cell("hedges/1k words", "B").value == 0.0
    assert comparison.cell("voice share north", "A").value == pytest.approx(0.5)
    assert comparison.cell("distancing share south", "A").value == pytest.approx(1.0)
    assert comparison.cell("distancing share south", "B").value == pytest.approx(0.0)
    assert comparison.cell("naming share north", "A").value == pytest.approx(1.0)


def test_compare_tests_find_clear_differences_and_adjust() -> None:
    comparison = compare_scores(_corpus(), sides=("north", "south"), n_boot=200, n_perm=500)
    tests = {t.metric: t for t in comparison.tests}
    # All 24 entries differ by group: the permutation p-value is at its floor.
    assert tests["terms/1k own words"].p_value == pytest.approx(1 / 501)
    for test in comparison.tests:
        if test.p_value is not None:
            assert test.p_adjusted is not None and test.p_adjusted >= test.p_value
    pair = next(p for p in comparison.pairs if p.metric == "terms/1k own words")
    assert pair.effect == "rate ratio" and pair.effect_value == pytest.approx(4.0)


def test_compare_is_deterministic_and_seeded() -> None:
    first = compare_scores(_corpus(), sides=("north", "south"), n_boot=300, n_perm=300)
    second = compare_scores(_corpus(), sides=("north", "south"), n_boot=300, n_perm=300)
    assert first == second


def test_compare_flags_small_samples_and_rejects_bad_grouping() -> None:
    comparison = compare_scores(_corpus()[:6], sides=("north", "south"), n_boot=100,
                                n_perm=100)
    assert all(c.small_sample for c in comparison.cells)
    assert "†" in comparison_rows(comparison)[0]["A"]
    with pytest.raises(OptionError, match="`--by` option must be one of"):
        compare_scores(_corpus(), by="weekday")


def test_compare_choose_sides() -> None:
    # north: 24 terms + 12 attributions; south: 12 terms + 24 attributions — a tie, by name.
    assert choose_sides(_corpus()) == ("north", "south")
    assert choose_sides(_corpus()[1::2]) == ("south",)  # only B: no north at all


def test_cli_compare_demo_same_output_twice() -> None:
    args = ["compare", str(framing.demo_corpus_path()), *DEMO, "--bootstrap", "300",
            "--permutations", "300"]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == second.stdout
    for outlet in ("Compass Wire", "Radio Dorvassa", "Stelmar Today", "The Daily Blare"):
        assert outlet in first.stdout
    assert "naming share" in first.stdout and "p (holm)" in first.stdout


@pytest.mark.parametrize(("suffix", "needle"), [(".md", "| metric"), (".tex", "\\toprule"),
                                                (".csv", "metric,group,value,low,high"),
                                                (".json", '"cells"')])
def test_cli_compare_output_format_from_suffix(tmp_path: Path, suffix: str, needle: str) -> None:
    out = tmp_path / f"table{suffix}"
    result = runner.invoke(app, ["compare", str(framing.demo_corpus_path()), *DEMO,
                                 "--bootstrap", "200", "--permutations", "200", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    assert needle in out.read_text(encoding="utf-8")
    if suffix == ".json":
        data = json.loads(out.read_text(encoding="utf-8"))
        assert {c["group"] for c in data["cells"]} >= {"Compass Wire", "Stelmar Today"}


def test_cli_compare_latex_caption_and_label() -> None:
    result = runner.invoke(app, ["compare", str(framing.demo_corpus_path()), *DEMO,
                                 "--bootstrap", "200", "--permutations", "200", "-f",
                                 "latex_booktabs", "--caption", "Framing by outlet",
                                 "--label", "tab:framing"])
    assert result.exit_code == 0, result.stderr
    assert "\\caption{Framing by outlet}" in result.stdout
    assert "\\label{tab:framing}" in result.stdout
    assert result.stdout.strip().endswith("\\end{table}")


def test_cli_compare_by_day_and_bad_suffix(tmp_path: Path) -> None:
    result = runner.invoke(app, ["compare", str(framing.demo_corpus_path()), *DEMO, "--by",
                                 "day", "--bootstrap", "200", "--permutations", "200"])
    assert result.exit_code == 0, result.stderr
    assert "2031-03-03" in result.stdout and "2031-03-05" in result.stdout
    bad = runner.invoke(app, ["compare", str(framing.demo_corpus_path()), "-o",
                              str(tmp_path / "t.xlsx")])
    assert bad.exit_code == 2
    assert "cannot infer the table format" in bad.stderr


def test_cli_compare_reference_feed(reference_feed: Path) -> None:
    result = runner.invoke(app, ["compare", str(reference_feed), "--date", "2020-10-17",
                                 "--by", "day", "--bootstrap", "200", "--permutations", "200",
                                 "-f", "github"])
    assert result.exit_code == 0, result.stderr
    assert "distancing share azerbaijan" in result.stdout
    assert "| 2020-10-16" in result.stdout


@pytest.mark.parametrize(("fmt", "needle"), [("github", "| terms/1k own words"),
                                             ("latex_booktabs", "\\midrule"),
                                             ("csv", "metric,group,value")])
def test_cli_compare_reference_feed_and_second_source(reference_feed: Path, data_dir: Path,
                                                      fmt: str, needle: str) -> None:
    """The acceptance of issue 5: the real feed beside a second source (written for the tests)."""
    args = ["compare", str(reference_feed), str(data_dir / "second_source" / "nk_test_wire.jsonl"),
            "--date", "2020-10-17", "--bootstrap", "300", "--permutations", "300", "-f", fmt]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0, first.stderr
    assert first.stdout == second.stdout
    assert needle in first.stdout
    assert "Sputnik" in first.stdout and "Test Wire" in first.stdout
    for metric in ("terms/1k attributed words", "voice share azerbaijan", "anonymous share",
                   "distancing share armenia", "hedges/1k words", "scare quotes/100 entries",
                   "reading ease", "tone"):
        assert metric in first.stdout


def test_compare_scare_quoted_term_outside_speech_is_not_attributed() -> None:
    """A term in a scare quote takes the distanced speaker's voice but adds no attributed words:
    it must not become an attributed term with a zero denominator (this used to raise)."""
    scare = TermHit(term="liberated", text="liberated", start=1, end=10, lexicon="x",
                    category="naming", orientation="south", voice="quoted", speaker="ministry",
                    side="south")
    records = []
    for i in range(6):
        record = _record(i, "A", words=50, own_terms=1, side="north")
        records.append(EntryScore(**{**record.__dict__, "terms": (*record.terms, scare)}))
        records.append(_record(i, "B", words=50, own_terms=1, side="south"))
    comparison = compare_scores(records, sides=("north", "south"), n_boot=200, n_perm=200)
    assert comparison.cell("terms/1k own words", "A").value == pytest.approx(20.0)
    assert comparison.cell("terms/1k attributed words", "A").value is None
    assert comparison.cell("scare quotes/100 entries", "A").value == 0.0
