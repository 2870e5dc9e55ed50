"""framing report in a real browser (Debian's /usr/bin/chromium driven by playwright).

Checks what a reader sees: no script errors, highlights visible, filters hiding what they
should, no dialog from injected markup, print labels. Full-page screenshots land in
tests/artifacts/ for a person to look at.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import framing
from framing.analysis.analyze import score
from framing.cli import app
from framing.compare import compare_scores
from framing.demo import DEMO_NEWEST_DATE, DEMO_SIDES, DEMO_TZ, demo_analyzer
from framing.events import align_events
from framing.plots import figure_svgs
from framing.report import build_report, write_report

# Debian's chromium (never a browser downloaded by playwright); .ci/ensure-chromium installs it.
CHROMIUM = Path(os.environ.get("FRAMING_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'

# In CI (CI=true) a missing browser is a failure, never a silent skip: `make test` installs it.
pytestmark = pytest.mark.skipif(not CHROMIUM.is_file() and not os.environ.get("CI"),
                                reason=f"{CHROMIUM} not found (apt-get install chromium)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    corpus = framing.read_corpus(framing.demo_corpus_path(), options=framing.ReadOptions.create(
        date=DEMO_NEWEST_DATE, tz=DEMO_TZ))
    records = list(score(corpus, demo_analyzer()))
    comparison = compare_scores(records, sides=DEMO_SIDES, n_boot=200, n_perm=200)
    figures = figure_svgs(records, comparison, DEMO_SIDES)
    report = build_report(records, comparison=comparison, alignment=align_events(corpus),
                          figures=figures, sides=DEMO_SIDES, title="Demo corpus (fictional)")
    path = tmp_path_factory.mktemp("report") / "demo.html"
    write_report(report, path)
    return path


class _Page:
    """A page opened from a file:// URL, with its console errors, page errors and dialogs."""

    def __init__(self, browser: Any, path: Path) -> None:
        self.page = browser.new_page(viewport={"width": 1400, "height": 900})
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.requests: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error"
                     else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.goto(path.as_uri())

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def n_visible(self, selector: str) -> int:
        return int(self.page.locator(selector).evaluate_all(
            "els => els.filter(e => e.getClientRects().length > 0).length"))


@pytest.fixture()
def demo_page(browser: Any, demo_report: Path) -> Iterator[_Page]:
    opened = _Page(browser, demo_report)
    yield opened
    opened.page.close()


def _background(page: _Page, selector: str) -> str:
    return str(page.page.locator(selector).first.evaluate(
        "e => getComputedStyle(e).backgroundColor"))


def test_report_browser_demo_loads_cleanly_with_visible_highlights(demo_page: _Page) -> None:
    page = demo_page.page
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "report-demo.png"), full_page=True)
    assert demo_page.errors == []
    assert all(url.startswith("file://") for url in demo_page.requests)  # nothing fetched
    assert demo_page.n_visible("section.event .term") > 100
    for selector in ('.term[data-side="calmeria"]', '.term[data-side="zarovia"]',
                     ".voice.quoted", ".voice.reported"):
        assert page.locator(selector).first.is_visible()
        assert _background(demo_page, selector) not in ("rgba(0, 0, 0, 0)", "transparent")
    # The two sides are told apart by colour.
    assert (_background(demo_page, '.term[data-side="calmeria"]')
            != _background(demo_page, '.term[data-side="zarovia"]'))
    hedge = page.locator("section.event .cue.hedge").first
    assert "underline" in hedge.evaluate("e => getComputedStyle(e).textDecorationLine")


def test_report_browser_outlet_filter_hides_that_outlet_only(demo_page: _Page) -> None:
    page = demo_page.page
    blare = 'section.event article.entry[data-outlet="The Daily Blare"]'
    wire = 'section.event article.entry[data-outlet="Compass Wire"]'
    assert demo_page.n_visible(blare) > 0
    page.locator('input[data-filter="outlet"][value="The Daily Blare"]').uncheck()
    assert page.locator(blare).first.is_hidden()
    assert demo_page.n_visible(blare) == 0
    assert page.locator('th[data-outlet="The Daily Blare"]').is_hidden()  # its table column
    assert demo_page.n_visible(wire) == page.locator(wire).count() > 0
    page.locator("button[data-all]").click()
    assert demo_page.n_visible(blare) == page.locator(blare).count()
    assert demo_page.errors == []


def test_report_browser_voice_filter_hides_quotes_and_leaves_a_marker(demo_page: _Page) -> None:
    page = demo_page.page
    quoted = "section.event .voice.quoted"
    n_quoted = page.locator(quoted).count()
    assert n_quoted > 0 and page.locator("section.event .elided").first.is_hidden()
    page.locator('input[data-filter="voice"][value="quoted"]').uncheck()
    assert demo_page.n_visible(quoted) == 0
    assert page.locator(quoted).first.is_hidden()
    assert demo_page.n_visible('section.event .elided[data-voice="quoted"]') > 0
    assert demo_page.n_visible("section.event .voice.reported") > 0
    page.locator('input[data-filter="voice"][value="quoted"]').check()
    assert demo_page.n_visible(quoted) == n_quoted
    assert demo_page.errors == []


def test_report_browser_category_filter_switches_highlight_off(demo_page: _Page) -> None:
    page = demo_page.page
    toponym = 'section.event .term[data-category="toponym"]'
    other = 'section.event .term[data-category="naming"]'
    page.locator('input[data-filter="category"][value="toponym"]').uncheck()
    assert page.locator(toponym).first.is_visible()  # the word stays; its highlight goes
    assert _background(demo_page, toponym) == "rgba(0, 0, 0, 0)"
    assert _background(demo_page, other) != "rgba(0, 0, 0, 0)"


def test_report_browser_print_shows_labels_and_hides_filters(demo_page: _Page) -> None:
    page = demo_page.page
    assert page.locator(".voice-tag").first.is_hidden()
    page.emulate_media(media="print")
    assert page.locator(".filters").is_hidden()
    assert page.locator("section.event .voice-tag").first.is_visible()
    assert page.locator("section.event .term-tag").first.is_visible()
    page.screenshot(path=str(ARTIFACTS / "report-demo-print.png"), full_page=False)


def test_report_browser_injected_markup_stays_text(browser: Any,
                                                   tmp_path_factory: pytest.TempPathFactory
                                                   ) -> None:
    folder = tmp_path_factory.mktemp("evil")
    rows = [
        {"id": "a-1", "outlet": SCRIPT, "published": "2031-05-05T08:00:00+00:00",
         "title": f"Shelling of Olvana market kills four {IMG}",
         "text": 'Shells hit the river market of Olvana, officials said. '
                 '<a href="javascript:alert(1)">link</a> The governor called it a crime.'},
        {"id": "b-1", "outlet": IMG, "published": "2031-05-05T09:30:00+00:00",
         "title": f"Four traders killed as shells hit Olvana market {SCRIPT}",
         "text": "Shells hit the river market of Olvana, officials said. The governor called "
                 "it a crime."},
    ]
    corpus = folder / "evil.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    output = folder / "evil.html"
    result = CliRunner().invoke(app, ["report", str(corpus), "-o", str(output), "--title", SCRIPT,
                                      "--bootstrap", "100", "--permutations", "100"])
    assert result.exit_code == 0, result.output
    opened = _Page(browser, output)
    page = opened.page
    page.wait_for_timeout(200)  # time for anything injected to fire
    assert opened.dialogs == [] and opened.errors == []
    assert page.locator("h1").inner_text() == SCRIPT  # shown as text
    shown = page.locator("body").inner_text()
    assert IMG in shown and '<a href="javascript:alert(1)">link</a>' in shown
    assert page.locator("img").count() == 0
    assert page.locator('a[href^="javascript"]').count() == 0
    assert page.locator("script").count() == 1
    page.close()


@pytest.mark.shared
def test_report_browser_single_outlet_feed(browser: Any, reference_feed: Path,
                                           tmp_path: Path) -> None:
    output = tmp_path / "feed.html"
    result = CliRunner().invoke(app, ["report", str(reference_feed), "--date", "2020-10-17",
                                      "--bootstrap", "100", "--permutations", "100",
                                      "-o", str(output)])
    assert result.exit_code == 0, result.output
    opened = _Page(browser, output)
    page = opened.page
    page.screenshot(path=str(ARTIFACTS / "report-feed.png"), full_page=True)
    assert opened.errors == []
    assert page.get_by_text("No event is covered by two or more outlets").is_visible()
    assert opened.n_visible("article.entry") == 38  # listed, open, since none is side by side
    assert opened.n_visible(".term") > 0
    assert page.locator('th[data-outlet="Sputnik"]').is_visible()
    page.close()
