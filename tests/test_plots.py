"""framing plot: figures drawn from exactly the comparison's numbers, valid files, determinism."""

from __future__ import annotations

import csv
import datetime as dt
import itertools
import json
import math
import struct
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import framing
from framing.analysis.records import Attribution, EntryScore, TermHit
from framing.cli import PlotKind, app
from framing.compare import Comparison, compare_scores
from framing.demo import DEMO_NEWEST_DATE, DEMO_SIDES, DEMO_TZ, demo_analyzer
from framing.errors import OptionError, OutputError
from framing.plots import (
    PLOT_KINDS,
    figure_svgs,
    metric_label,
    plot_comparison,
    plot_data,
    plot_figure,
    save_data,
    save_figure,
)

runner = CliRunner()
N_BOOT = 200
DEMO_ARGS = ["--date", DEMO_NEWEST_DATE, "--tz", DEMO_TZ, "--lexicon",
             str(framing.resources.demo_lexicon_path())]


@pytest.fixture(scope="module")
def records() -> list[EntryScore]:
    """The demo corpus, scored as `framing demo` scores it."""
    options = framing.ReadOptions.create(date=DEMO_NEWEST_DATE, tz=DEMO_TZ)
    corpus = framing.read_corpus(framing.demo_corpus_path(), options=options)
    return list(framing.score(corpus, demo_analyzer()))


@pytest.fixture(scope="module")
def comparison(records: list[EntryScore]) -> Comparison:
    return compare_scores(records, sides=DEMO_SIDES, n_boot=N_BOOT, n_perm=100)


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return (a is None and b is None) or (a is not None and math.isnan(a))
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-12)


def _figure(kind: str, records: list[EntryScore], comparison: Comparison, **options: Any) -> Any:
    return plot_figure(kind, records, comparison=comparison, sides=DEMO_SIDES, tz=DEMO_TZ,
                       **options)


def _bars(ax: Any) -> list[Any]:
    """The bar containers of an axes (error bars are containers too)."""
    from matplotlib.container import BarContainer

    return [c for c in ax.containers if isinstance(c, BarContainer)]


def _error_ends(container: Any) -> list[tuple[float, float]]:
    """(low, high) of each error bar of a bar container."""
    _, _, (lines, *_) = container.errorbar.lines
    # A bar without an interval (NaN error) has an empty segment.
    return [(float(seg[0][1]), float(seg[1][1])) if len(seg) else (math.nan, math.nan)
            for seg in lines.get_segments()]


# --- valid files of every kind ----------------------------------------------------------------


def _check_png(path: Path, width_in: float, height_in: float, dpi: float) -> None:
    from matplotlib.image import imread

    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (round(width_in * dpi), round(height_in * dpi))
    pixels = imread(path)
    assert pixels.shape[:2] == (height, width)
    assert pixels.std() > 0.05  # not a blank canvas


def _check_pdf(path: Path) -> None:
    data = path.read_bytes()
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    assert len(data) > 3000
    assert b"/CreationDate" not in data  # no timestamp: same figure, same bytes


def _check_svg(path: Path) -> ET.Element:
    root = ET.parse(path).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(root.findall(".//{http://www.w3.org/2000/svg}path")) > 10
    return root


@pytest.mark.parametrize("kind", PLOT_KINDS)
def test_plots_every_kind_writes_png_pdf_svg(kind: str, records: list[EntryScore],
                                              comparison: Comparison, tmp_path: Path) -> None:
    figure = _figure(kind, records, comparison)
    width, height = figure.get_size_inches()
    save_figure(figure, tmp_path / "f.png", dpi=100)
    save_figure(figure, tmp_path / "f.pdf")
    save_figure(figure, tmp_path / "f.svg")
    _check_png(tmp_path / "f.png", width, height, 100)
    _check_pdf(tmp_path / "f.pdf")
    _check_svg(tmp_path / "f.svg")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.pdf", "f.png", "f.svg"]  # no temps


@pytest.mark.parametrize("suffix", [".svg", ".pdf", ".png"])
def test_plots_same_input_same_bytes(suffix: str, records: list[EntryScore],
                                     comparison: Comparison, tmp_path: Path) -> None:
    for name in ("a", "b"):  # two figures built independently
        save_figure(_figure("voice", records, comparison), tmp_path / f"{name}{suffix}")
    assert (tmp_path / f"a{suffix}").read_bytes() == (tmp_path / f"b{suffix}").read_bytes()


def test_plots_computed_comparison_is_deterministic(records: list[EntryScore]) -> None:
    first = plot_data("profile", records, sides=DEMO_SIDES, n_boot=N_BOOT, seed=7)
    again = plot_data("profile", records, sides=DEMO_SIDES, n_boot=N_BOOT, seed=7)
    other = plot_data("profile", records, sides=DEMO_SIDES, n_boot=N_BOOT, seed=8)
    assert first == again
    assert [r["low"] for r in first] != [r["low"] for r in other]
    assert [r["value"] for r in first] == [r["value"] for r in other]  # only intervals resample


# --- the plotted numbers are the comparison's ------------------------------------------------


def test_plots_profile_bars_and_error_bars_equal_cells(records: list[EntryScore],
                                                       comparison: Comparison) -> None:
    figure = _figure("profile", records, comparison)
    panels = [ax for ax in figure.axes if ax.get_visible()]
    metrics = [m for m in comparison.metrics
               if any(comparison.cell(m, g).value is not None for g in comparison.groups)]
    assert [ax.get_title(loc="left") for ax in panels] == [metric_label(m)[0] for m in metrics]
    for ax, metric in zip(panels, metrics, strict=True):
        (bars,) = _bars(ax)
        assert bars.get_label() == metric
        cells = [comparison.cell(metric, g) for g in comparison.groups]
        for patch, cell in zip(bars.patches, cells, strict=True):
            assert _close(patch.get_height(), cell.value)
        for (low, high), cell in zip(_error_ends(bars), cells, strict=True):
            if cell.low is None:
                assert math.isnan(low)
            else:
                assert _close(low, cell.low)
                assert _close(high, cell.high)


def test_plots_profile_metric_selection(records: list[EntryScore],
                                        comparison: Comparison) -> None:
    chosen = ["hedges/1k words", "voice share zarovia"]
    figure = _figure("profile", records, comparison, metrics=chosen)
    visible = [ax for ax in figure.axes if ax.get_visible()]
    assert [_bars(ax)[0].get_label() for ax in visible] == chosen
    assert visible[1].get_ylim() == (0.0, 1.0)  # shares on a 0–100% axis
    with pytest.raises(OptionError, match=r"`--metric` option must be one of .*got 'nope'"):
        plot_data("profile", records, comparison=comparison, metrics=["nope"])


def test_plots_data_rows_equal_cells(records: list[EntryScore], comparison: Comparison) -> None:
    rows = plot_data("profile", records, comparison=comparison, sides=DEMO_SIDES)
    cells = {(c.metric, c.group): c for c in comparison.cells}
    assert len(rows) == len({r["metric"] for r in rows}) * len(comparison.groups)
    for row in rows:
        cell = cells[(row["metric"], row["outlet"])]
        assert (row["value"], row["low"], row["high"], row["n_units"], row["small_sample"]) == (
            cell.value, cell.low, cell.high, cell.n_units, cell.small_sample)


def test_plots_stance_bars_equal_distancing_cells(records: list[EntryScore],
                                                  comparison: Comparison) -> None:
    figure = _figure("stance", records, comparison)
    (ax,) = figure.axes
    assert [c.get_label() for c in _bars(ax)] == list(DEMO_SIDES)
    for container, side in zip(_bars(ax), DEMO_SIDES, strict=True):
        cells = [comparison.cell(f"distancing share {side}", g) for g in comparison.groups]
        assert [p.get_height() for p in container.patches] == [c.value for c in cells]
        for (low, high), cell in zip(_error_ends(container), cells, strict=True):
            assert _close(low, cell.low)
            assert _close(high, cell.high)
    rows = plot_data("stance", records, comparison=comparison, sides=DEMO_SIDES)
    assert {(r["outlet"], r["side"]): r["value"] for r in rows} == {
        (g, s): comparison.cell(f"distancing share {s}", g).value
        for g in comparison.groups for s in DEMO_SIDES}
    # Stelmar Today "claims" what one side says and "says" what the other says (answer key).
    stelmar = {r["side"]: r["value"] for r in rows if r["outlet"] == "Stelmar Today"}
    assert stelmar["calmeria"] > 0.5 > stelmar["zarovia"]


def test_plots_voice_segments_equal_voice_cells_and_fill_the_bar(
        records: list[EntryScore], comparison: Comparison) -> None:
    figure = _figure("voice", records, comparison)
    (ax,) = figure.axes
    labels = [c.get_label() for c in _bars(ax)]
    assert labels == [*DEMO_SIDES, "other sides", "unknown", "anonymous"]
    for container, side in zip(_bars(ax)[:2], DEMO_SIDES, strict=True):
        assert [p.get_height() for p in container.patches] == [
            comparison.cell(f"voice share {side}", g).value for g in comparison.groups]
    tops = [max(p.get_y() + p.get_height() for c in _bars(ax) for p in c.patches
                if p.get_x() < i < p.get_x() + p.get_width())
            for i in range(len(comparison.groups))]
    assert all(math.isclose(top, 1.0) for top in tops)
    rows = plot_data("voice", records, comparison=comparison, sides=DEMO_SIDES)
    counts = Counter()
    for record in records:
        if record.kind == "entry":
            counts[record.outlet] += len(record.attributions)
    for outlet in comparison.groups:
        mine = [r for r in rows if r["outlet"] == outlet]
        assert sum(r["n_attributions"] for r in mine) == counts[outlet]
        assert all(r["n_total"] == counts[outlet] for r in mine)


def test_plots_naming_widths_are_the_share_and_its_complement(
        records: list[EntryScore], comparison: Comparison) -> None:
    figure = _figure("naming", records, comparison)
    ax = figure.axes[0]
    first, second = _bars(ax)[:2]
    cells = [comparison.cell(f"naming share {DEMO_SIDES[0]}", g) for g in comparison.groups]
    for bar_a, bar_b, cell in zip(first.patches, second.patches, cells, strict=True):
        assert _close(bar_a.get_width(), cell.value)
        assert _close(bar_b.get_width(), 1.0 - cell.value)
    rows = plot_data("naming", records, comparison=comparison, sides=DEMO_SIDES)
    for row in rows:
        cell = comparison.cell(f"naming share {DEMO_SIDES[0]}", row["outlet"])
        if row["side"] == DEMO_SIDES[0]:
            assert (row["value"], row["low"], row["high"]) == (cell.value, cell.low, cell.high)
        else:
            assert _close(row["value"], 1.0 - cell.value)
            assert _close(row["low"], 1.0 - cell.high)
            assert _close(row["high"], 1.0 - cell.low)
    with pytest.raises(OptionError, match="needs two sides"):
        plot_figure("naming", records, comparison=comparison, sides=DEMO_SIDES[:1])


# --- greyscale ------------------------------------------------------------------------------


def _luminance(colour: tuple[float, ...]) -> float:
    red, green, blue = colour[:3]
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def test_plots_groups_differ_without_colour(records: list[EntryScore],
                                            comparison: Comparison) -> None:
    profile = _figure("profile", records, comparison)
    hatches = [p.get_hatch() for p in _bars(profile.axes[0])[0].patches]
    assert len(set(hatches)) == len(comparison.groups)
    voice = _figure("voice", records, comparison).axes[0]
    styles = {(c.patches[0].get_hatch(), round(_luminance(c.patches[0].get_facecolor()), 2))
              for c in _bars(voice)}
    assert len({hatch for hatch, _ in styles}) == len(_bars(voice))
    timeline = _figure("timeline", records, comparison).axes[0]
    assert len({(line.get_marker(), line.get_linestyle()) for line in timeline.lines}) == len(
        comparison.groups)


# --- timeline -------------------------------------------------------------------------------


def test_plots_timeline_counts_terms_per_hour(records: list[EntryScore]) -> None:
    rows = plot_data("timeline", records, tz=DEMO_TZ)
    assert {r["unit"] for r in rows} == {"hour"}  # the demo spans two days: auto → hour
    dated = [r for r in records if r.kind == "entry" and r.published]
    assert sum(r["n_terms"] for r in rows) == sum(len(r.terms) for r in dated)
    assert sum(r["n_entries"] for r in rows) == len(dated)
    for outlet in {r["outlet"] for r in rows}:
        starts = [dt.datetime.fromisoformat(r["bin"]) for r in rows if r["outlet"] == outlet]
        assert all(b - a == dt.timedelta(hours=1) for a, b in itertools.pairwise(starts))
        assert starts[0].utcoffset() == dt.timedelta(hours=2)  # counted in the given zone
    days = plot_data("timeline", records, bin="day", tz=DEMO_TZ)
    assert sum(r["n_terms"] for r in days) == sum(r["n_terms"] for r in rows)
    assert all(r["bin"].endswith("T00:00:00+02:00") for r in days)


def test_plots_timeline_needs_dated_entries() -> None:
    undated = EntryScore(id="a:1", outlet="A", published=None, time=None, kind="entry",
                         title="", text="x", n_words=1, n_words_authorial=1,
                         n_words_attributed=0)
    assert plot_data("timeline", [undated]) == []
    with pytest.raises(OptionError, match="needs dated entries"):
        plot_figure("timeline", [undated])
    with pytest.raises(OptionError, match="`--bin` option must be one of"):
        plot_data("timeline", [undated], bin="week")


# --- small hand-made corpus: known answers ---------------------------------------------------


def _hand_record(i: int, outlet: str, sides: list[str | None], *, anonymous: bool = False,
                 published: str = "2031-01-01T10:00:00+00:00") -> EntryScore:
    attributions = tuple(Attribution(speaker="s", actor=None, side=side, verb="said",
                                     stance="distancing" if side == "red" else "neutral",
                                     kind="indirect", anonymous=anonymous and side is None,
                                     start=0, end=1) for side in sides)
    terms = (TermHit(term="t", text="t", start=0, end=1, lexicon="x", category="naming",
                     orientation="red", voice="authorial", speaker=None, side=None),)
    return EntryScore(id=f"{outlet}:{i}", outlet=outlet, published=published, time=None,
                      kind="entry", title="", text="x", n_words=100, n_words_authorial=100,
                      n_words_attributed=0, terms=terms, attributions=attributions)


def test_plots_voice_known_shares() -> None:
    hand = [_hand_record(1, "A", ["red", "blue", None, "green"]),
            _hand_record(2, "A", [None, None], anonymous=True)]
    rows = plot_data("voice", hand, sides=("red", "blue"), n_boot=N_BOOT)
    shares = {r["source"]: r["value"] for r in rows}
    assert shares == {"red": 1 / 6, "blue": 1 / 6, "other sides": 1 / 6, "unknown": 1 / 6,
                      "anonymous": 2 / 6}
    stance = plot_data("stance", hand, sides=("red", "blue"), n_boot=N_BOOT)
    assert {r["side"]: r["value"] for r in stance} == {"red": 1.0, "blue": 0.0}


def test_plots_timeline_fills_empty_hours_with_zero() -> None:
    hand = [_hand_record(1, "A", [], published="2031-01-01T10:15:00+00:00"),
            _hand_record(2, "A", [], published="2031-01-01T13:59:00+00:00")]
    rows = plot_data("timeline", hand)
    assert [(r["bin"][11:16], r["n_terms"], r["n_entries"]) for r in rows] == [
        ("10:00", 1, 1), ("11:00", 0, 0), ("12:00", 0, 0), ("13:00", 1, 1)]


# --- inline SVG for the HTML report ---------------------------------------------------------


def test_plots_figure_svgs_for_html(records: list[EntryScore], comparison: Comparison) -> None:
    svgs = figure_svgs(records, comparison, DEMO_SIDES)
    assert list(svgs) == list(PLOT_KINDS)
    all_ids: list[str] = []
    for kind, markup in svgs.items():
        assert markup.startswith("<svg") and markup.endswith("</svg>")
        assert "<?xml" not in markup and "<!DOCTYPE" not in markup
        root = ET.fromstring(markup)
        assert root.get("id") == f"framing-{kind}"
        assert root.get("class") == "framing-figure"
        assert root.get("role") == "img" and root.get("aria-label")
        ids = [e.get("id") for e in root.iter() if e.get("id")]
        assert all(i.startswith(f"framing-{kind}-") for i in ids[1:])
        # matplotlib's "*{…}" style would restyle every SVG of the page: scoped to this one.
        assert f'<style type="text/css">#framing-{kind} *{{' in markup
        assert "<metadata>" not in markup
        all_ids += ids
    assert len(all_ids) == len(set(all_ids))  # one page can inline them all
    assert figure_svgs(records, comparison, DEMO_SIDES) == svgs


def test_plots_figure_svgs_leaves_out_kinds_without_data(comparison: Comparison) -> None:
    hand = [_hand_record(1, "A", [], published="")]
    only = compare_scores(hand, sides=(), n_boot=N_BOOT, n_perm=100)
    assert set(figure_svgs(hand, only, ())) == {"profile"}


# --- errors ---------------------------------------------------------------------------------


def test_plots_errors_name_the_problem(records: list[EntryScore], comparison: Comparison,
                                       tmp_path: Path) -> None:
    figure = _figure("stance", records, comparison)
    with pytest.raises(OutputError, match=r"f\.jpg: the figure file must end in .*got '\.jpg'"):
        save_figure(figure, tmp_path / "f.jpg")
    with pytest.raises(OutputError, match="does not exist"):
        save_figure(figure, tmp_path / "missing" / "f.png")
    with pytest.raises(OptionError, match=r"plot kind must be one of .*got 'pie'"):
        plot_data("pie", records)
    with pytest.raises(OptionError, match="grouped by outlet"):
        plot_data("profile", records, comparison=compare_scores(records, by="day", n_boot=N_BOOT,
                                                                n_perm=100))
    with pytest.raises(OutputError, match=r"must end in \.csv"):
        save_data([], tmp_path / "rows.json")


def test_plots_library_prints_nothing(records: list[EntryScore], comparison: Comparison,
                                      tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    save_figure(_figure("naming", records, comparison), tmp_path / "n.svg")
    figure_svgs(records[:10], plot_comparison(records[:10], n_boot=N_BOOT), ())
    assert capfd.readouterr() == ("", "")


# --- command line ---------------------------------------------------------------------------


def test_cli_plot_help_lists_kinds() -> None:
    result = runner.invoke(app, ["plot", "--help"])
    assert result.exit_code == 0
    assert [k.value for k in PlotKind] == list(PLOT_KINDS)
    for kind in PLOT_KINDS:
        assert kind in result.stdout


def test_cli_plot_demo_writes_figure_and_data(tmp_path: Path) -> None:
    figure, data = tmp_path / "stance.svg", tmp_path / "stance.csv"
    common = [str(framing.demo_corpus_path()), *DEMO_ARGS, "--side", "calmeria", "--side",
              "zarovia", "--bootstrap", "300"]
    result = runner.invoke(app, ["plot", "stance", *common, "-o", str(figure), "--data",
                                 str(data), "--title", "Distancing by side"])
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith(f"wrote {figure} and {data}")
    _check_svg(figure)
    assert b"<!-- Distancing by side -->" in figure.read_bytes()  # the title, drawn as glyphs
    with data.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    # The same numbers as `framing compare` prints for the same input and settings.
    table = runner.invoke(app, ["compare", *common, "--permutations", "100", "-f", "json"])
    assert table.exit_code == 0, table.output
    cells = {(c["metric"], c["group"]): c for c in json.loads(table.stdout)["cells"]}
    assert len(rows) == 8
    for row in rows:
        cell = cells[(f"distancing share {row['side']}", row["outlet"])]
        for key in ("value", "low", "high"):
            assert float(row[key]) == pytest.approx(cell[key], abs=1e-12)


@pytest.mark.parametrize("kind", ["profile", "voice", "naming"])
def test_cli_plot_demo_png(kind: str, tmp_path: Path) -> None:
    output = tmp_path / f"{kind}.png"
    result = runner.invoke(app, ["plot", kind, str(framing.demo_corpus_path()), *DEMO_ARGS,
                                 "--bootstrap", "100", "-o", str(output), "--dpi", "80",
                                 "--width", "5", "--height", "4"])
    assert result.exit_code == 0, result.output
    _check_png(output, 5, 4, 80)


@pytest.mark.parametrize(("args", "message"), [
    (["voice", "-o", "{tmp}/f.jpg"], "f.jpg: the figure file must end in .png, .pdf, .svg; "
                                     "got '.jpg'"),
    (["voice", "-o", "{tmp}/f.png", "--data", "{tmp}/d.xlsx"], "the data file must end in .csv"),
    (["profile", "-o", "{tmp}/f.png", "--metric", "nope"], "`--metric` option must be one of"),
    (["naming", "-o", "{tmp}/f.png", "--side", "calmeria"], "needs two sides"),
    (["timeline", "-o", "{tmp}/f.png", "--width", "0.1"], "`--width` option must be between"),
    (["voice", "-o", "{tmp}/f.png", "--dpi", "10"], "`--dpi` option must be between 50 and 2400"),
])
def test_cli_plot_rejects_with_one_line(args: list[str], message: str, tmp_path: Path) -> None:
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(app, ["plot", args[0], str(framing.demo_corpus_path()), *DEMO_ARGS,
                                 "--bootstrap", "100", *args[1:]])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ")
    assert message in result.stderr
    assert result.stderr.count("\n") == 1
    assert [p.name for p in tmp_path.iterdir()] == []


def test_cli_plot_unknown_kind_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["plot", "pie", str(framing.demo_corpus_path()),
                                 "-o", str(tmp_path / "f.png")])
    assert result.exit_code == 2
    assert result.stderr == ("error: the plot kind must be one of profile, voice, stance, naming, "
                             "timeline; got 'pie'\n")


@pytest.mark.shared
def test_cli_plot_reference_feed_timeline_by_hour(reference_feed: Path, tmp_path: Path) -> None:
    output, data = tmp_path / "timeline.pdf", tmp_path / "timeline.csv"
    result = runner.invoke(app, ["plot", "timeline", str(reference_feed), "--date", "2020-10-17",
                                 "--tz", "Europe/Moscow", "--bin", "hour", "-o", str(output),
                                 "--data", str(data)])
    assert result.exit_code == 0, result.output
    _check_pdf(output)
    with data.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert {r["outlet"] for r in rows} == {"Sputnik"}
    assert {r["unit"] for r in rows} == {"hour"}
    starts = [dt.datetime.fromisoformat(r["bin"]) for r in rows]
    assert all(b - a == dt.timedelta(hours=1) for a, b in itertools.pairwise(starts))
    assert starts[0].utcoffset() == dt.timedelta(hours=3)
    # The feed runs from the morning of 16 October into 17 October (Moscow time).
    assert starts[0].date() == dt.date(2020, 10, 16) and starts[-1].date() == dt.date(2020, 10, 17)
    options = framing.ReadOptions.create(date="2020-10-17", tz="Europe/Moscow")
    entries = [e for e in framing.read_corpus(reference_feed, options=options)
               if e.kind == "entry" and e.published]
    assert sum(int(r["n_entries"]) for r in rows) == len(entries)
    assert sum(int(r["n_terms"]) for r in rows) > 20


def test_cli_plot_timeline_reports_undated_entries(tmp_path: Path) -> None:
    feed = tmp_path / "mixed.jsonl"
    lines = [{"id": "m:1", "outlet": "Harbour Post", "published": "2031-01-01T09:10:00+00:00",
              "text": "Officials described the occupied valley as calm."},
             {"id": "m:2", "outlet": "Harbour Post", "published": None,
              "text": "A second note without a date."}]
    feed.write_text("".join(json.dumps(line) + "\n" for line in lines), encoding="utf-8")
    output = tmp_path / "t.svg"
    result = runner.invoke(app, ["plot", "timeline", str(feed), "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        f"wrote {output}", "left out 1 undated entries (give --date for a live feed)"]
    _check_svg(output)
