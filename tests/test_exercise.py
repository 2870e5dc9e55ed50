"""Classroom exercise: event and passage choice, the answer key's spans, blind mode, escaping,
Markdown validity, determinism, the CLI, and agreement with the demo corpus's answer key.

The two-outlet mini corpus below was written for these tests (fiction, with hostile markup in
its text); the demo corpus is the project's own fiction (framing/data/demo/README.md).
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import markupsafe
import pytest
from markdown_it import MarkdownIt
from typer.testing import CliRunner

import framing
from framing.analysis.analyze import score
from framing.analysis.records import EntryScore
from framing.cli import app
from framing.demo import DEMO_NEWEST_DATE, DEMO_TZ, demo_analyzer
from framing.errors import OptionError, OutputError
from framing.events import EntryEvent, Event, EventAlignment, align_events
from framing.exercise import (
    Exercise,
    build_exercise,
    escape_markdown,
    format_for_path,
    highlight_segments,
    key_path_for,
    quote_span,
    render_answer_key,
    render_worksheet,
)
from framing.model import Entry, SourceRef

runner = CliRunner()
DEMO_DIR = Path(framing.demo_corpus_path())
DEMO_ARGS = ["--date", DEMO_NEWEST_DATE, "--tz", DEMO_TZ,
             "--lexicon", str(DEMO_DIR.parent / "demo-conflict.yaml")]
T0 = dt.datetime(2031, 6, 10, 8, 0, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def demo_corpus() -> framing.Corpus:
    return framing.read_corpus(DEMO_DIR, options=framing.ReadOptions.create(
        date=DEMO_NEWEST_DATE, tz=DEMO_TZ))


@pytest.fixture(scope="module")
def demo_alignment(demo_corpus: framing.Corpus) -> EventAlignment:
    return align_events(demo_corpus)


@pytest.fixture(scope="module")
def demo_records(demo_corpus: framing.Corpus) -> list[EntryScore]:
    return list(score(demo_corpus, demo_analyzer(), readability=False, tone=False))


@pytest.fixture(scope="module")
def demo_exercise(demo_records: list[EntryScore], demo_alignment: EventAlignment) -> Exercise:
    return build_exercise(demo_records, demo_alignment)


@pytest.fixture(scope="module")
def blind_exercise(demo_records: list[EntryScore], demo_alignment: EventAlignment) -> Exercise:
    return build_exercise(demo_records, demo_alignment, blind=True, seed=7)


def _entry(entry_id: str, outlet: str, minutes: int, text: str) -> Entry:
    return Entry(id=entry_id, outlet=outlet, published=T0 + dt.timedelta(minutes=minutes),
                 time=None, kind="entry", title=text.split("\n")[0], text=text, url=None,
                 source=SourceRef("test", None, None))


# Hostile markup and Markdown syntax inside news text must stay text in every output.
HOSTILE = [
    _entry("n:1", "North <Post>", 0,
           "Rebels <script>alert('x')</script> Shell the *Bridge*\n\n"
           "# 1. The so-called militants shelled the bridge, officials said. "
           "\"It was clearly an act of aggression,\" the governor said. [Edited] | a & b"),
    _entry("s:1", "South Ledger", 30,
           "Bridge Damaged in Night Attack\n\n"
           "The bridge was reportedly damaged overnight and may be closed for weeks, "
           "according to the city council."),
]
HOSTILE_ALIGNMENT = EventAlignment(
    events=(Event("E0001", T0, T0 + dt.timedelta(minutes=30), ("North <Post>", "South Ledger"),
                  ("n:1", "s:1"), "Bridge", "n:1", ("bridge",)),),
    entries=(EntryEvent("n:1", "North <Post>", "E0001", None, False),
             EntryEvent("s:1", "South Ledger", "E0001", None, False)))


@pytest.fixture(scope="module")
def hostile_exercise() -> Exercise:
    return build_exercise(list(score(HOSTILE, readability=False, tone=False)),
                          HOSTILE_ALIGNMENT)


def _markdown_html(text: str) -> str:
    return str(MarkdownIt("commonmark").enable("table").render(text))


def _md_text(value: str) -> str:
    """How markdown-it prints plain text (it escapes & < > and double quotes)."""
    return (value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
            .replace('"', "&quot;"))


# --- choosing the event and the passages ---------------------------------------------------


def test_exercise_default_event_has_most_outlets_then_most_terms(
        demo_exercise: Exercise, demo_alignment: EventAlignment,
        demo_records: list[EntryScore]) -> None:
    by_id = {r.id: r for r in demo_records}
    event = demo_alignment.event(demo_exercise.event_id)
    assert event.n_outlets >= 2 and len(demo_exercise.passages) == 3
    most = max(e.n_outlets for e in demo_alignment.events)
    assert event.n_outlets == most

    def n_terms(e: Event) -> int:
        return sum(len(by_id[i].terms) for i in e.entry_ids)

    rivals = [e for e in demo_alignment.events if e.n_outlets == most]
    assert n_terms(event) == max(n_terms(e) for e in rivals)


def test_exercise_passage_is_the_outlets_longest_entry(
        demo_exercise: Exercise, demo_alignment: EventAlignment,
        demo_corpus: framing.Corpus) -> None:
    event = demo_alignment.event(demo_exercise.event_id)
    texts = {e.id: e for e in demo_corpus}
    for passage in demo_exercise.passages:
        own = [texts[i] for i in event.entry_ids if texts[i].outlet == passage.outlet]
        assert passage.text == max(own, key=lambda e: len(e.text)).text
        assert passage.entry_id in event.entry_ids


def test_exercise_event_option_and_outlet_limit(
        demo_records: list[EntryScore], demo_alignment: EventAlignment) -> None:
    exercise = build_exercise(demo_records, demo_alignment, event_id="E0002", max_outlets=2)
    assert exercise.event_id == "E0002" and len(exercise.passages) == 2
    assert [p.letter for p in exercise.passages] == ["A", "B"]
    with pytest.raises(OptionError, match=r"'E0999' is not an event.*E0001, E0002"):
        build_exercise(demo_records, demo_alignment, event_id="E0999")
    with pytest.raises(OptionError, match="must be 2 or 3; got 4"):
        build_exercise(demo_records, demo_alignment, max_outlets=4)


def test_exercise_no_multi_outlet_event_is_a_clear_error() -> None:
    single = EventAlignment(
        events=(Event("E0001", T0, T0, ("Solo",), ("a", "b"), "x", "a", ()),),
        entries=(EntryEvent("a", "Solo", "E0001", None, False),
                 EntryEvent("b", "Solo", "E0001", None, False)))
    with pytest.raises(OptionError, match=r"no event is covered by two or more outlets.*"
                       r"framing events --multi-outlet"):
        build_exercise([], single)
    with pytest.raises(OptionError, match="'E0001' is covered by one outlet only"):
        build_exercise([], single, event_id="E0001")


# --- the answer key ------------------------------------------------------------------------


def test_exercise_key_spans_match_the_entry_text(
        demo_exercise: Exercise, demo_corpus: framing.Corpus) -> None:
    entries = {e.id: e for e in demo_corpus}
    n_terms = 0
    for passage in demo_exercise.passages:
        entry = entries[passage.entry_id]
        assert passage.answers, passage.outlet
        for item in passage.answers:
            span = item.span
            assert entry.text[span.start:span.end] == span.text
            assert span.text in entry.text[span.sentence_start:span.sentence_end]
            n_terms += item.kind == "term"
    assert n_terms >= 5
    key = render_answer_key(demo_exercise, "md")
    for passage in demo_exercise.passages:
        for item in passage.answers:
            assert f"**{item.number}** {escape_markdown(item.span.context)} at " \
                   f"{item.span.offsets}:" in key


def test_exercise_quote_span_context_and_sentence() -> None:
    text = "Headline Here\n\nTroops entered the occupied territories at dawn. Nobody fired."
    start = text.index("occupied")
    quote = quote_span(text, start, start + len("occupied"))
    assert quote.text == "occupied"
    # 30 characters either side, cut back to whole words ("Headline" was cut, so "…").
    assert quote.context == "…Here Troops entered the «occupied» territories at dawn. Nobody…"
    assert quote.sentence == "Troops entered the occupied territories at dawn."
    assert quote.offsets == f"{start}–{start + 8}"


def test_exercise_html_key_highlights_every_answer(demo_exercise: Exercise) -> None:
    kind_class = {"term": "term", "scare_quote": "scare", "attribution": "speaker",
                  "hedge": "hedge", "booster": "booster"}
    key = render_answer_key(demo_exercise, "html")
    for passage in demo_exercise.passages:
        assert f"Outlet {passage.letter}: {markupsafe.escape(passage.outlet)}" in key
        segments = highlight_segments(passage)
        assert "".join(s.text for s in segments) == passage.text  # the key's copy is whole
        offsets = [0]
        for segment in segments:
            offsets.append(offsets[-1] + len(segment.text))
        for item in passage.answers:
            assert f"<sup>{item.number}</sup>" in key
            assert f'<td class="num">{item.span.offsets}</td>' in key
            inside = [s for s, start in zip(segments, offsets, strict=False)
                      if item.span.start <= start < item.span.end]
            assert inside and all(kind_class[item.kind] in s.classes.split() for s in inside)
            assert item.number in inside[-1].numbers


# --- the worksheet carries no answers ------------------------------------------------------


def test_exercise_worksheet_is_the_plain_text_without_answers(demo_exercise: Exercise) -> None:
    sheet = render_worksheet(demo_exercise, "html")
    assert "<mark" not in sheet and "«" not in sheet and "<sup" not in sheet
    for passage in demo_exercise.passages:
        assert f'<div class="text">{markupsafe.escape(passage.text)}</div>' in sheet
        for item in passage.answers:
            assert item.explanation not in sheet
    md = render_worksheet(demo_exercise, "md")
    assert "«" not in md and "**A1**" not in md
    rendered = _markdown_html(md)
    assert "<mark" not in rendered
    for passage in demo_exercise.passages:
        for paragraph in passage.text.split("\n\n"):
            assert f"<p>{_md_text(paragraph)}</p>" in rendered


def test_exercise_blind_hides_outlets_and_key_reveals_them(blind_exercise: Exercise) -> None:
    for fmt in ("html", "md"):
        sheet = render_worksheet(blind_exercise, fmt)
        for passage in blind_exercise.passages:
            # The text itself may name its outlet (a dateline); everything else must not.
            shown = str(markupsafe.escape(passage.text)) if fmt == "html" else None
            if shown is not None:
                sheet = sheet.replace(shown, "")
            else:
                for paragraph in passage.text.split("\n\n"):
                    sheet = sheet.replace(escape_markdown(paragraph), "")
        for passage in blind_exercise.passages:
            assert passage.outlet not in sheet, (fmt, passage.outlet)
            assert f"Outlet {passage.letter}" in sheet
        key = render_answer_key(blind_exercise, fmt)
        for passage in blind_exercise.passages:
            row = (f"<tr><td>Outlet {passage.letter}</td><td>{passage.outlet}</td>"
                   if fmt == "html" else f"| Outlet {passage.letter} | {passage.outlet} |")
            assert row in key


def test_exercise_blind_letter_order_follows_the_seed(
        demo_records: list[EntryScore], demo_alignment: EventAlignment) -> None:
    orders = {tuple(p.outlet for p in build_exercise(
        demo_records, demo_alignment, blind=True, seed=seed).passages) for seed in range(8)}
    assert len(orders) > 1  # the seed changes the order …
    again = build_exercise(demo_records, demo_alignment, blind=True, seed=3)
    first = build_exercise(demo_records, demo_alignment, blind=True, seed=3)
    assert [p.outlet for p in again.passages] == [p.outlet for p in first.passages]  # … stably
    plain = build_exercise(demo_records, demo_alignment)
    assert [p.outlet for p in plain.passages] == sorted(p.outlet for p in plain.passages)


def test_exercise_output_is_deterministic(
        demo_records: list[EntryScore], demo_alignment: EventAlignment,
        capfd: pytest.CaptureFixture[str]) -> None:
    outputs = set()
    for _ in range(2):
        exercise = build_exercise(demo_records, demo_alignment, blind=True)
        outputs.add(tuple(render(exercise, fmt) for render in (render_worksheet,
                                                               render_answer_key)
                          for fmt in ("html", "md")))
    assert len(outputs) == 1
    assert capfd.readouterr() == ("", "")  # the library prints nothing


# --- escaping and formats ------------------------------------------------------------------


def test_exercise_html_escapes_input_text(hostile_exercise: Exercise) -> None:
    for render in (render_worksheet, render_answer_key):
        page = render(hostile_exercise, "html")
        assert "<script" not in page and "&lt;script&gt;" in page
        assert "North <Post>" not in page
        assert not re.search(r"""(src|href)=["']?(https?:)?//""", page)  # no external requests
        assert "<style>" in page and "<link" not in page


def test_exercise_markdown_escapes_input_text(hostile_exercise: Exercise) -> None:
    for render in (render_worksheet, render_answer_key):
        rendered = _markdown_html(render(hostile_exercise, "md"))
        assert "<script" not in rendered and "&lt;script&gt;" in rendered
        assert "<em>Bridge</em>" not in rendered and "*Bridge*" in rendered
    sheet = _markdown_html(render_worksheet(hostile_exercise, "md"))
    text = hostile_exercise.passage("A").text
    for paragraph in text.split("\n\n"):
        assert f"<p>{_md_text(paragraph)}</p>" in sheet  # a '# 1.' line is no heading
    assert sheet.count("<blockquote>") == 2 and "<table>" in sheet


def test_exercise_markdown_numbers_stay_plain(demo_exercise: Exercise) -> None:
    key = render_answer_key(demo_exercise, "md")
    assert not re.search(r"\\[0-9+-]", key)  # "0.93" is not escaped into "\0.93"
    rendered = _markdown_html(key)
    for passage in demo_exercise.passages:
        assert re.search(rf"<td[^>]*>{re.escape(f'{passage.certainty.balance:+.2f}')}</td>",
                         rendered)
    assert escape_markdown("1. The plan") == "1\\. The plan"
    assert _markdown_html(escape_markdown("- 1. # x")) == "<p>- 1. # x</p>\n"


def test_exercise_hostile_key_finds_answers(hostile_exercise: Exercise) -> None:
    north = next(p for p in hostile_exercise.passages if p.outlet == "North <Post>")
    south = next(p for p in hostile_exercise.passages if p.outlet == "South Ledger")
    assert {i.span.text for i in north.answers_for("terms")} >= {"so-called", "aggression"}
    assert "clearly" in {i.span.text for i in north.answers_for("certainty")}
    assert {"reportedly", "may"} <= {i.span.text for i in south.answers_for("hedges")}
    assert [p.outlet for p in hostile_exercise.most_certain] == ["North <Post>"]


def test_exercise_accepts_entries_and_scores_them(hostile_exercise: Exercise) -> None:
    from_entries = build_exercise(HOSTILE, HOSTILE_ALIGNMENT)
    assert render_answer_key(from_entries, "md") == render_answer_key(hostile_exercise, "md")


def test_exercise_format_and_key_paths() -> None:
    assert format_for_path(Path("a/sheet.HTML")) == "html"
    assert format_for_path(Path("sheet.md")) == "md"
    assert key_path_for(Path("out/sheet.md")) == Path("out/sheet.key.md")
    with pytest.raises(OutputError, match=r"sheet\.pdf: an exercise is written as \.html or "
                       r"\.md; got '\.pdf'"):
        format_for_path(Path("sheet.pdf"))
    with pytest.raises(OptionError):
        render_worksheet(build_exercise(list(score(HOSTILE, readability=False, tone=False)),
                                        HOSTILE_ALIGNMENT), "pdf")


# --- agreement with the demo corpus's own answer key (framing/data/demo/README.md) ---------


def test_exercise_demo_compass_wire_hedges_most(
        demo_records: list[EntryScore], demo_alignment: EventAlignment) -> None:
    """README: Compass Wire hedges heavily; its conflict terms in its own voice are names only."""
    for event in demo_alignment.events:
        if not event.multi_outlet or "Compass Wire" not in event.outlets:
            continue
        exercise = build_exercise(demo_records, demo_alignment, event_id=event.event_id)
        wire = [p for p in exercise.passages if p.outlet == "Compass Wire"]
        if not wire:
            continue
        assert wire[0].certainty.hedges_per_100 == max(
            p.certainty.hedges_per_100 for p in exercise.passages), event.event_id
        own = [i for i in wire[0].answers_for("terms") if i.kind == "term"
               and "own voice" in i.explanation and "(demo-conflict)" in i.explanation]
        assert all(i.explanation.startswith(("toponym", "naming")) for i in own), own


def test_exercise_demo_village_event_matches_readme(
        demo_records: list[EntryScore], demo_alignment: EventAlignment,
        demo_corpus: framing.Corpus) -> None:
    """README event 6: Stelmar Today's village is 'liberated' (Zarovian framing); Radio
    Dorvassa puts 'liberated' in scare quotes (the analysis misses its 'Bryzhok') and
    attributes its headline to the Defence Ministry."""
    event_id = demo_alignment.entry("st-0010").event_id
    assert event_id is not None
    exercise = build_exercise(demo_records, demo_alignment, event_id=event_id)
    by_outlet = {p.outlet: p for p in exercise.passages}
    stelmar = by_outlet["Stelmar Today"]
    liberated = [i for i in stelmar.answers_for("terms") if i.span.text == "liberated"]
    assert liberated and "carries zarovia framing" in liberated[0].explanation
    radio = by_outlet["Radio Dorvassa"]
    scare = {i.span.text for i in radio.answers if i.kind == "scare_quote"}
    assert "'liberated'" in scare
    # "… - Defence Ministry": the live-feed headline convention is an attribution.
    headline = [i for i in radio.answers_for("voices") if "; headline" in i.explanation]
    assert [i.span.text for i in headline] == ["Defence Ministry"]


def test_exercise_demo_blare_sounds_most_certain_on_the_drone(
        demo_records: list[EntryScore], demo_alignment: EventAlignment) -> None:
    """README: the Daily Blare uses boosters ("clearly", "undeniably"), almost no hedges."""
    event_id = demo_alignment.entry("db-0003").event_id
    assert event_id is not None
    exercise = build_exercise(demo_records, demo_alignment, event_id=event_id)
    assert [p.outlet for p in exercise.most_certain] == ["The Daily Blare"]
    blare = next(p for p in exercise.passages if p.outlet == "The Daily Blare")
    assert blare.certainty.n_boosters >= 2 and blare.certainty.n_hedges == 0


# --- CLI -----------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_cli_exercise_writes_worksheet_and_key(tmp_path: Path, suffix: str) -> None:
    sheet = tmp_path / f"sheet{suffix}"
    result = runner.invoke(app, ["exercise", str(DEMO_DIR), *DEMO_ARGS, "-o", str(sheet),
                                 "--blind"])
    assert result.exit_code == 0, result.output
    key = tmp_path / f"sheet.key{suffix}"
    assert sheet.is_file() and key.is_file()
    assert "wrote" in result.stderr and str(key) in result.stderr
    assert "Radio Dorvassa" not in sheet.read_text(encoding="utf-8").split("Questions")[1]
    assert "Which report is which" in key.read_text(encoding="utf-8")


def test_cli_exercise_key_option_and_event(tmp_path: Path) -> None:
    sheet, key = tmp_path / "sheet.html", tmp_path / "answers.md"
    result = runner.invoke(app, ["exercise", str(DEMO_DIR), *DEMO_ARGS, "-o", str(sheet),
                                 "--key", str(key), "--event", "E0002", "--outlets", "2",
                                 "--no-reflection"])
    assert result.exit_code == 0, result.output
    text = key.read_text(encoding="utf-8")
    assert text.startswith("# Answer key: event E0002") and "Reflection" not in text
    assert "Outlet C" not in text
    assert not (tmp_path / "sheet.key.html").exists()


@pytest.mark.parametrize(("args", "message"), [
    (["-o", "{tmp}/sheet.pdf"], "sheet.pdf: an exercise is written as .html or .md; got '.pdf'"),
    (["-o", "{tmp}/sheet.md", "--key", "{tmp}/k.txt"], "k.txt: an exercise is written as"),
    (["-o", "{tmp}/sheet.md", "--event", "E0999"],
     "the `--event` option: 'E0999' is not an event of this corpus; choose one of E0001"),
    (["-o", "{tmp}/sheet.md", "--outlets", "4"], "the `--outlets` option must be 2 or 3"),
    (["-o", "{tmp}/sheet.md", "--key", "{tmp}/sheet.md"], "must not overwrite the worksheet"),
    (["-o", "{tmp}/missing/sheet.md"], "does not exist"),
])
def test_cli_exercise_rejections(tmp_path: Path, args: list[str], message: str) -> None:
    argv = [a.replace("{tmp}", str(tmp_path)) for a in args]
    result = runner.invoke(app, ["exercise", str(DEMO_DIR), *DEMO_ARGS, *argv])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and message in lines[0]
    assert not list(tmp_path.glob("*.md")) or "overwrite" in message


def test_cli_exercise_help() -> None:
    result = runner.invoke(app, ["exercise", "--help"])
    assert result.exit_code == 0
    for option in ("--event", "--blind", "--seed", "--outlets", "--key", "--output"):
        assert option in result.output


@pytest.mark.shared
def test_cli_exercise_reference_feed_has_no_multi_outlet_event(
        reference_feed: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["exercise", str(reference_feed), "-o",
                                 str(tmp_path / "sheet.html")])
    assert result.exit_code == 2, result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert "no event is covered by two or more outlets" in lines[0]
    assert "framing events --multi-outlet" in lines[0]
    assert not list(tmp_path.iterdir())
