"""framing report: structure of the page, spans and their classes, no requests, escaping, CLI."""

from __future__ import annotations

import json
import re
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

import framing
from framing.analysis.analyze import score
from framing.analysis.explain import SpanMarkup, markup_spans
from framing.analysis.records import EntryScore
from framing.cli import app
from framing.compare import compare_scores
from framing.demo import DEMO_NEWEST_DATE, DEMO_SIDES, DEMO_TZ, demo_analyzer
from framing.errors import OutputError
from framing.events import EventAlignment, align_events
from framing.report import Report, build_report, check_report_path, write_report

runner = CliRunner()

INJECTIONS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>',
              '<a href="javascript:alert(1)">link</a>')


class _Tags(HTMLParser):
    """Every start tag of a page with its attributes, and the text inside each span."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, {k: v or "" for k, v in attrs}))


def _tags(page: str) -> list[tuple[str, dict[str, str]]]:
    parser = _Tags()
    parser.feed(page)
    return parser.tags


def _with_class(page: str, name: str) -> list[dict[str, str]]:
    """Attributes of the elements with this class that belong to an outlet (not the legend)."""
    return [attrs for _, attrs in _tags(page)
            if name in attrs.get("class", "").split() and "data-outlet" in attrs]


@pytest.fixture(scope="module")
def demo() -> tuple[list[EntryScore], EventAlignment, Report]:
    corpus = framing.read_corpus(framing.demo_corpus_path(), options=framing.ReadOptions.create(
        date=DEMO_NEWEST_DATE, tz=DEMO_TZ))
    records = list(score(corpus, demo_analyzer()))
    alignment = align_events(corpus)
    comparison = compare_scores(records, sides=DEMO_SIDES, n_boot=200, n_perm=200)
    report = build_report(records, comparison=comparison, alignment=alignment, sides=DEMO_SIDES,
                          title="Demo corpus")
    return records, alignment, report


def test_report_demo_has_every_outlet_in_filters_and_summary(demo: tuple) -> None:
    records, _, report = demo
    outlets = sorted({r.outlet for r in records})
    assert report.n_outlets == len(outlets) == 4
    assert report.n_entries == len(records) == 49
    tags = _tags(report.html)
    filters = [a["value"] for t, a in tags if t == "input" and a.get("data-filter") == "outlet"]
    assert filters == outlets
    header = [a["data-outlet"] for t, a in tags if t == "th" and "data-outlet" in a]
    assert header == outlets  # one summary column per outlet
    # The summary table says how many entries each figure rests on.
    assert re.search(r"<td>entries compared</td>" + "".join(
        rf'<td data-outlet="{re.escape(o)}">\d+</td>' for o in outlets), report.html)


def test_report_demo_puts_every_multi_outlet_event_side_by_side(demo: tuple) -> None:
    records, alignment, report = demo
    multi = [e for e in alignment.events if e.multi_outlet]
    assert report.n_side_by_side == len(multi) == 7
    tags = _tags(report.html)
    sections = [a["id"] for t, a in tags if t == "section" and "event" in a.get("class", "")]
    assert sections == [f"event-{e.event_id}" for e in multi]
    cards = [a["id"] for t, a in tags if t == "article"]
    assert len(cards) == len(set(cards)) == len(records)  # every entry exactly once
    assert all(f"entry-{entry_id}" in cards for e in multi for entry_id in e.entry_ids)
    assert "<details" in report.html  # entries in no multi-outlet event are collapsible


def test_report_demo_marks_known_terms_with_side_classes(demo: tuple) -> None:
    _, _, report = demo
    page = report.html
    # calmeria is the first compared side (side-0), zarovia the second (side-1).
    tervani = re.search(r'<span class="term side-0" data-outlet="[^"]+" data-category="toponym"'
                        r' data-voice="\w+" data-side="calmeria"[^>]*>Tervani<', page)
    tervansk = re.search(r'<span class="term side-1" data-outlet="[^"]+" '
                         r'data-category="toponym" data-voice="\w+" data-side="zarovia"'
                         r'[^>]*>Tervansk<', page)
    assert tervani and tervansk
    assert '<sub class="print-tag term-tag">calmeria</sub>' in page  # side label for print


def test_report_demo_span_counts_match_the_records(demo: tuple) -> None:
    records, _, report = demo
    terms = _with_class(report.html, "term")
    n_terms = sum(len(r.terms) for r in records)
    assert len(terms) == n_terms
    assert Counter(a["data-category"] for a in terms) == Counter(
        t.category for r in records for t in r.terms)
    assert Counter(a["data-voice"] for a in terms) == Counter(
        t.voice for r in records for t in r.terms)
    # A voice may be split where another span crosses it; its label is printed once.
    assert report.html.count('class="print-tag voice-tag"') == sum(len(r.voices) for r in records)
    voices = _with_class(report.html, "voice")
    assert {a["data-voice"] for a in voices} == {"quoted", "reported"}
    assert all(a["title"].startswith(("quoted voice of", "reported voice of")) for a in voices)
    for kind in ("hedge", "booster", "scare_quote"):
        marked = [a for a in _with_class(report.html, kind) if "cue" in a["class"]]
        assert len(marked) >= sum(1 for r in records for c in r.cues if c.kind == kind) > 0


def test_report_demo_makes_no_external_requests(demo: tuple) -> None:
    page = demo[2].html
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:)?//""", page, re.I)
    assert not re.search(r"<link\b", page, re.I)
    assert not re.search(r"<script[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"@import|url\(", page, re.I)
    assert page.count("<style>") == 1 and page.count("<script>") == 1  # inline CSS and JS


def test_report_inlines_svg_figures_and_refuses_unsafe_ones(demo: tuple) -> None:
    records = demo[0][:3]
    svg = ('<?xml version="1.0"?>\n<!DOCTYPE svg>\n<svg xmlns="http://www.w3.org/2000/svg" '
           'xmlns:xlink="http://www.w3.org/1999/xlink"><defs><path id="m0" d="M0 0"/></defs>'
           '<use xlink:href="#m0"/></svg>\n')
    page = build_report(records, figures={"profile": svg}).html
    assert '<figure data-figure="profile"><svg xmlns=' in page
    assert "<?xml" not in page and "<!DOCTYPE svg>" not in page
    for bad in ('<svg><script>alert(1)</script></svg>', '<svg onload="alert(1)"></svg>',
                '<svg><image href="https://example.org/x.png"/></svg>',
                '<svg><use href="other.svg#a"/></svg>', '<svg><a href="javascript:x()">'
                'a</a></svg>', "not svg at all"):
        with pytest.raises(OutputError, match="figure 'profile'"):
            build_report(records, figures={"profile": bad})


def test_report_markup_spans_stays_well_nested_where_spans_cross() -> None:
    spans = [SpanMarkup(0, 4, "<a>", "</a>", suffix="1"), SpanMarkup(2, 6, "<b>", "</b>", rank=1)]
    assert markup_spans("abcdef", spans) == "<a>ab<b>cd</b>1</a><b>ef</b>"
    assert markup_spans("x<y\nz", []) == "x&lt;y<br>\nz"


def _injection_corpus(path: Path) -> Path:
    """Two outlets telling the same (made-up) event, with markup in every text field."""
    body = ("Shells hit the river market of Olvana on Monday morning, killing four traders, "
            "officials said. {} The governor called the shelling a crime. Firefighters worked "
            "through the night near the old bridge of Olvana.")
    rows = [
        {"id": "a-1", "outlet": INJECTIONS[0], "published": "2031-05-05T08:00:00+00:00",
         "title": f"Shelling of Olvana market kills four {INJECTIONS[1]}",
         "text": body.format(INJECTIONS[2] + " [x](javascript:alert(1))")},
        {"id": "b-1", "outlet": INJECTIONS[1], "published": "2031-05-05T09:30:00+00:00",
         "title": f"Four traders killed as shells hit Olvana market {INJECTIONS[0]}",
         "text": body.format(f'"{INJECTIONS[0]} is what they did," the governor said.')},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def _assert_escaped(page: str) -> None:
    assert "<script>alert" not in page.lower()
    assert "<img src=x" not in page.lower()
    assert not re.search(r"""href\s*=\s*["']?\s*javascript:""", page, re.I)
    assert page.count("<script>") == 1  # only the report's own
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page


@pytest.fixture(scope="module")
def injection_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("injection")
    corpus = _injection_corpus(folder / "evil.jsonl")
    output = folder / "evil.html"
    result = runner.invoke(app, ["report", str(corpus), "-o", str(output), "--title",
                                 INJECTIONS[0], "--bootstrap", "100", "--permutations", "100"])
    assert result.exit_code == 0, result.output
    return output


def test_report_escapes_markup_from_every_input_field(injection_report: Path) -> None:
    page = injection_report.read_text(encoding="utf-8")
    _assert_escaped(page)
    assert "<title>&lt;script&gt;alert(1)&lt;/script&gt;</title>" in page
    assert 'data-outlet="&#34;&gt;&lt;img src=x onerror=alert(1)&gt;"' in page
    assert "&lt;a href=" in page and "link&lt;/a&gt;" in page  # the link is text
    assert "[x](javascript:alert(1))" in page


def test_cli_report_writes_the_demo_report(tmp_path: Path) -> None:
    output = tmp_path / "report.html"
    result = runner.invoke(app, [
        "report", str(framing.demo_corpus_path()), "--date", DEMO_NEWEST_DATE, "--tz", DEMO_TZ,
        "--lexicon", str(framing.resources.demo_lexicon_path()), "--side", "calmeria",
        "--side", "zarovia", "--bootstrap", "100", "--permutations", "100", "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {output} (49 entries, 7 events side by side)\n"
    page = output.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert [p.name for p in tmp_path.iterdir()] == ["report.html"]  # no temporary file left


@pytest.mark.parametrize(("name", "message"), [
    ("report.htm", "the `--output` option must name a .html file; got '{path}'"),
    ("missing/report.html", "{path}: directory {parent} does not exist"),
])
def test_cli_report_rejects_a_bad_output_in_one_line(tmp_path: Path, name: str,
                                                     message: str) -> None:
    path = tmp_path / name
    result = runner.invoke(app, ["report", str(framing.demo_corpus_path()), "-o", str(path)])
    assert result.exit_code == 2
    assert result.stderr == "error: " + message.format(path=path, parent=path.parent) + "\n"
    assert not path.exists()


def test_cli_report_window_must_be_a_duration(tmp_path: Path) -> None:
    result = runner.invoke(app, ["report", str(framing.demo_corpus_path()), "--window", "soon",
                                 "-o", str(tmp_path / "r.html")])
    assert result.exit_code == 2
    assert result.stderr.startswith("error: ") and "--window" in result.stderr
    assert result.stderr.count("\n") == 1


def test_report_write_is_atomic_and_checks_the_suffix(tmp_path: Path) -> None:
    report = Report(html="<!DOCTYPE html><p>x</p>", n_entries=0, n_outlets=0, n_side_by_side=0)
    target = tmp_path / "r.html"
    write_report(report, target)
    assert target.read_text(encoding="utf-8") == report.html
    with pytest.raises(OutputError, match=r"\.html"):
        check_report_path(tmp_path / "r.txt")


@pytest.mark.shared
def test_cli_report_on_a_single_outlet_feed(reference_feed: Path, tmp_path: Path) -> None:
    output = tmp_path / "feed.html"
    result = runner.invoke(app, ["report", str(reference_feed), "--date", "2020-10-17",
                                 "--bootstrap", "100", "--permutations", "100",
                                 "-o", str(output)])
    assert result.exit_code == 0, result.output
    assert result.stderr == f"wrote {output} (38 entries, 0 events side by side)\n"
    page = output.read_text(encoding="utf-8")
    assert "No event is covered by two or more outlets" in page
    assert "<details class=\"others\" open>" in page  # nothing side by side: entries shown
    assert len(_with_class(page, "entry")) == 38
    assert '<th data-outlet="Sputnik" scope="col">Sputnik</th>' in page


def test_report_sides_have_the_colours_of_the_figures() -> None:
    plots = pytest.importorskip("framing.plots")
    from framing.report.build import SIDE_PALETTE

    assert tuple(c for c in plots.OKABE_ITO if c != "#000000") == SIDE_PALETTE
