"""Event alignment: events, wire copies, undated and background entries, the demo key, the CLI.

The small corpus below was written for these tests (fiction): three outlets cover four events in
their own words; Valley Radio posts two updates on the flood; Harbour Daily republishes North
Post's fire report nearly verbatim (a wire copy); one North Post entry has no date; each outlet
opens with a background text.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import random
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

import framing
from framing.cli import app
from framing.errors import InputError, OptionError
from framing.events import (
    EventAlignment,
    align_events,
    bcubed,
    event_rows,
    exclude_copies,
    parse_duration,
)
from framing.events.cluster import average_linkage
from framing.events.features import extract_places, extract_quotes
from framing.model import Entry, SourceRef

runner = CliRunner()
DAY = dt.datetime(2031, 6, 10, tzinfo=dt.UTC)


def _entry(entry_id: str, outlet: str, hours: float | None, title: str, body: str,
           kind: str = "entry") -> Entry:
    published = None if hours is None else DAY + dt.timedelta(hours=hours)
    return Entry(id=entry_id, outlet=outlet, published=published, time=None,
                 kind=kind,  # type: ignore[arg-type]
                 title=title, text=f"{title}\n\n{body}" if title else body, url=None,
                 source=SourceRef("test", None, None))


FIRE_TEXT = (
    "A fire broke out at the Kettering Mills chemical plant before dawn on Wednesday, sending "
    "a column of black smoke over the river. Fire chief Dana Orlov said 60 firefighters "
    "battled the blaze for five hours and that two workers were treated for smoke inhalation. "
    '"The tanks of chlorine were never reached by the flames," Orlov told reporters at the '
    "gate. Residents of Kettering were told to keep their windows shut until noon."
)

SMALL_CORPUS = [
    _entry("np:0", "North Post", None, "", "The region along the Marl river is home to farms, "
           "mills and small towns; floods and fires are a recurring worry.", kind="background"),
    # Event 1: flood in Marlow Creek (day 1, morning).
    _entry("np:1", "North Post", 8.0, "Dam Overflow Floods Marlow Creek, 300 Evacuated",
           "Water poured over the Marlow Creek dam overnight and flooded the lower town. Police "
           "evacuated 300 residents to the school gym in Marlow Creek, the mayor said."),
    _entry("vr:1", "Valley Radio", 8.5, "Marlow Creek Residents Flee as Dam Spills Over",
           "Some 300 people left their homes in Marlow Creek after the dam overflowed during the "
           "night. Evacuated families are sheltering in the school gym."),
    _entry("vr:2", "Valley Radio", 11.0, "Marlow Creek Flood: Water Level Falling, Dam Holds",
           "Update: the flood water in Marlow Creek is falling and engineers say the dam is "
           "holding. The 300 evacuated residents may return home tonight."),
    _entry("hd:1", "Harbour Daily", 9.0, "Flood Forces Hundreds Out in Marlow Creek",
           "Floodwater from the overflowing Marlow Creek dam swamped the lower streets and "
           "forced 300 residents out; the school gym became a shelter."),
    # Event 2: mayoral election in Vessa (day 1, evening).
    _entry("np:2", "North Post", 19.0, "Ilse Brandt Wins Vessa Mayoral Race With 54 Percent",
           "Ilse Brandt was elected mayor of Vessa with 54 percent of the vote, defeating the "
           "incumbent Tomas Keel, the election commission announced. Turnout was 61 percent."),
    _entry("vr:3", "Valley Radio", 19.5, "Brandt Elected Mayor of Vessa, Keel Concedes",
           "Challenger Ilse Brandt took 54 percent of the ballots in Vessa's mayoral election. "
           "Tomas Keel conceded defeat; turnout reached 61 percent."),
    _entry("hd:2", "Harbour Daily", None, "Vessa Votes Out Keel: Brandt Is the New Mayor",
           "Voters in Vessa elected Ilse Brandt mayor with 54 percent, ending Tomas Keel's "
           "term. The election commission put turnout at 61 percent."),
    # Event 3: chemical plant fire in Kettering (day 2, morning); Harbour Daily copies North Post.
    _entry("np:3", "North Post", 30.0, "Fire at Kettering Mills Chemical Plant", FIRE_TEXT),
    _entry("vr:4", "Valley Radio", 31.0, "Blaze at Kettering Chemical Works, Two Hurt",
           "Firefighters fought a blaze at the Kettering Mills chemical works for five hours on "
           "Wednesday. Two workers were treated for smoke, fire chief Dana Orlov said, and the "
           "chlorine tanks were not touched by the fire."),
    _entry("hd:3", "Harbour Daily", 33.0, "Fire at Kettering Mills Chemical Plant",
           FIRE_TEXT.replace("before dawn on Wednesday", "early on Wednesday")),
    # Event 4: cup final (day 2, evening).
    _entry("np:4", "North Post", 44.0, "Lanford Rovers Win Cup Final 3-1 Against Dunmore",
           "Lanford Rovers beat Dunmore 3-1 in the cup final at Ashgate Stadium. Striker Piet "
           "Vos scored twice before 40,000 fans."),
    _entry("vr:5", "Valley Radio", 44.5, "Rovers Lift the Cup: Vos Double Sinks Dunmore",
           "Two goals from Piet Vos gave Lanford Rovers a 3-1 cup final victory over Dunmore at "
           "Ashgate Stadium, watched by 40,000 supporters."),
    _entry("hd:4", "Harbour Daily", 45.0, "Cup Glory for Lanford as Dunmore Crumble 3-1",
           "Lanford Rovers are cup winners after a 3-1 final win against Dunmore at Ashgate "
           "Stadium; Piet Vos struck twice in front of 40,000 fans."),
]

EXPECTED_EVENTS = [
    {"np:1", "vr:1", "vr:2", "hd:1"},
    {"np:2", "vr:3", "hd:2"},
    {"np:3", "vr:4", "hd:3"},
    {"np:4", "vr:5", "hd:4"},
]


@pytest.fixture(scope="module")
def small() -> EventAlignment:
    return align_events(SMALL_CORPUS)


def test_events_recovered_exactly(small: EventAlignment) -> None:
    assert [set(event.entry_ids) for event in small.events] == EXPECTED_EVENTS
    assert [event.event_id for event in small.events] == ["E0001", "E0002", "E0003", "E0004"]
    assert all(event.n_outlets == 3 and event.multi_outlet for event in small.events)


def test_events_copy_detected_with_earliest_as_origin(small: EventAlignment) -> None:
    assert small.entry("hd:3").copy_of == "np:3"
    assert small.entry("np:3").copy_of is None  # the origin is not a copy
    assert small.copy_ids() == {"hd:3"}
    kept = exclude_copies(SMALL_CORPUS, small)
    assert [e.id for e in kept] == [e.id for e in SMALL_CORPUS if e.id != "hd:3"]


def test_events_copy_origin_is_earliest_whatever_the_input_order() -> None:
    late_copy = dataclasses.replace(SMALL_CORPUS[10], id="late", outlet="Relay",
                                    published=DAY + dt.timedelta(hours=40))
    alignment = align_events([late_copy, *reversed(SMALL_CORPUS)])
    assert alignment.entry("late").copy_of == "np:3"
    assert alignment.entry("hd:3").copy_of == "np:3"


def test_events_same_outlet_repeat_is_not_a_copy() -> None:
    repeat = dataclasses.replace(SMALL_CORPUS[8], id="np:3b",
                                 published=DAY + dt.timedelta(hours=32))
    alignment = align_events([*SMALL_CORPUS, repeat])
    assert alignment.entry("np:3b").copy_of is None
    assert alignment.entry("np:3b").event_id == alignment.entry("np:3").event_id


def test_events_outlet_updates_join_one_event(small: EventAlignment) -> None:
    assert small.entry("vr:1").event_id == small.entry("vr:2").event_id is not None
    flood = small.event(small.entry("vr:2").event_id or "")
    assert flood.outlets == ("Harbour Daily", "North Post", "Valley Radio")
    assert flood.entry_ids == ("np:1", "vr:1", "hd:1", "vr:2")  # by publication time


def test_events_entry_never_in_two_events(small: EventAlignment) -> None:
    seen = [entry_id for event in small.events for entry_id in event.entry_ids]
    assert len(seen) == len(set(seen))
    for record in small.entries:
        if record.event_id is not None:
            assert record.entry_id in small.event(record.event_id).entry_ids


def test_events_undated_entry_flagged_and_aligned_by_text(small: EventAlignment) -> None:
    record = small.entry("hd:2")
    assert record.undated and record.event_id == small.entry("np:2").event_id
    election = small.event(record.event_id or "")
    assert election.n_undated == 1
    assert election.start == DAY + dt.timedelta(hours=19)  # dated entries only


def test_events_background_never_aligned(small: EventAlignment) -> None:
    record = small.entry("np:0")
    assert record.event_id is None and record.copy_of is None
    assert [r.entry_id for r in small.entries] == [e.id for e in SMALL_CORPUS]


def test_events_headline_and_top_terms(small: EventAlignment) -> None:
    fire = small.events[2]
    assert fire.headline_id in fire.entry_ids
    assert "Kettering" in fire.headline
    assert "kettering" in fire.top_terms and len(fire.top_terms) == 5
    cup = small.events[3]
    assert {"dunmore", "3-1"} & set(cup.top_terms)


def test_events_deterministic_and_order_independent(small: EventAlignment) -> None:
    again = align_events(SMALL_CORPUS)
    assert again == small
    shuffled = SMALL_CORPUS[:]
    random.Random(3).shuffle(shuffled)
    other = align_events(shuffled)
    assert [set(e.entry_ids) for e in other.events] == [set(e.entry_ids) for e in small.events]
    assert other.event_of() == small.event_of()


def test_events_span_capped_at_window() -> None:
    first = SMALL_CORPUS[1]
    repeats = [dataclasses.replace(first, id=f"np:r{day}", outlet=f"Outlet {day}",
                                   published=DAY + dt.timedelta(days=day, hours=8))
               for day in (1, 2, 3)]
    alignment = align_events([first, *repeats], window=dt.timedelta(hours=36))
    for event in alignment.events:
        assert event.start is not None and event.end is not None
        assert event.end - event.start <= dt.timedelta(hours=36)
    # Entries three days apart are never compared, however similar.
    assert alignment.entry("np:1").event_id != alignment.entry("np:r3").event_id


def test_events_single_outlet_event_reported() -> None:
    updates = [e for e in SMALL_CORPUS if e.outlet == "Valley Radio"]
    alignment = align_events(updates)
    flood = alignment.event(alignment.entry("vr:1").event_id or "")
    assert set(flood.entry_ids) == {"vr:1", "vr:2"}
    assert flood.n_outlets == 1 and not flood.multi_outlet
    assert alignment.entry("vr:3").event_id is None  # alone: no event


def test_events_empty_and_contentless_inputs() -> None:
    assert align_events([]).events == ()
    blank = [_entry("a", "A", 1, "", "the and of"), _entry("b", "B", 1, "", "to be or not")]
    alignment = align_events(blank)
    assert alignment.events == () and [r.event_id for r in alignment.entries] == [None, None]


def test_events_parameter_errors() -> None:
    with pytest.raises(OptionError, match="`min_similarity`"):
        align_events(SMALL_CORPUS, min_similarity=0)
    with pytest.raises(OptionError, match="`window`"):
        align_events(SMALL_CORPUS, window=dt.timedelta(0))
    with pytest.raises(InputError, match="duplicate entry id 'np:1'"):
        align_events([SMALL_CORPUS[1], SMALL_CORPUS[1]])


def test_events_library_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    align_events(SMALL_CORPUS)
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""


# --- the demo corpus and its answer key (framing/data/demo/README.md) ------------------------

DEMO_KEY = {  # event → entries (feeds: day and local time → entry id as read)
    1: ["radio-dorvassa:14", "radio-dorvassa:13", "compass-wire:14", "compass-wire:13",
        "st-0001", "st-0002", "db-0001", "db-0002"],
    2: ["radio-dorvassa:12", "radio-dorvassa:11", "compass-wire:11", "compass-wire:10",
        "st-0003", "db-0003"],
    3: ["radio-dorvassa:10", "radio-dorvassa:9", "compass-wire:9", "compass-wire:8",
        "st-0004", "st-0005", "db-0004"],
    4: ["radio-dorvassa:8", "radio-dorvassa:7", "compass-wire:7", "compass-wire:6",
        "st-0006", "st-0007", "db-0005"],
    5: ["radio-dorvassa:6", "radio-dorvassa:5", "compass-wire:5", "compass-wire:4",
        "st-0008", "db-0006"],
    6: ["radio-dorvassa:3", "radio-dorvassa:2", "compass-wire:2", "compass-wire:1",
        "st-0009", "st-0010", "db-0008", "db-0009"],
}
DEMO_TIMES = {  # the README's day/time for feed entries, to check the ids above
    "radio-dorvassa:14": "03 08:05", "radio-dorvassa:13": "03 10:20",
    "radio-dorvassa:12": "03 15:35", "radio-dorvassa:11": "03 17:10",
    "radio-dorvassa:10": "03 23:48", "radio-dorvassa:9": "04 00:05",
    "radio-dorvassa:8": "04 06:40", "radio-dorvassa:7": "04 07:15",
    "radio-dorvassa:6": "04 15:30", "radio-dorvassa:5": "04 16:25",
    "radio-dorvassa:3": "05 09:40", "radio-dorvassa:2": "05 10:05",
    "compass-wire:14": "03 08:20", "compass-wire:13": "03 10:30",
    "compass-wire:11": "03 15:45", "compass-wire:10": "03 17:20",
    "compass-wire:9": "03 22:58", "compass-wire:8": "04 00:20",
    "compass-wire:7": "04 06:55", "compass-wire:6": "04 08:10",
    "compass-wire:5": "04 14:20", "compass-wire:4": "04 15:50",
    "compass-wire:2": "05 09:30", "compass-wire:1": "05 11:05",
}


@pytest.fixture(scope="module")
def demo_corpus() -> framing.Corpus:
    options = framing.ReadOptions.create(date="2031-03-05", tz="Etc/GMT-2")
    return framing.read_corpus(framing.demo_corpus_path(), options=options)


def test_events_demo_key_matches_feed_times(demo_corpus: framing.Corpus) -> None:
    by_id = {e.id: e for e in demo_corpus}
    for entry_id, when in DEMO_TIMES.items():
        published = by_id[entry_id].published
        assert published is not None and published.strftime("%d %H:%M") == when, entry_id
    assert sum(len(ids) for ids in DEMO_KEY.values()) == 42


def test_events_demo_corpus_matches_answer_key(demo_corpus: framing.Corpus) -> None:
    alignment = align_events(demo_corpus)
    gold = {e.id: None for e in demo_corpus if e.kind == "entry"}  # the 5 others: singletons
    gold.update({entry_id: event for event, ids in DEMO_KEY.items() for entry_id in ids})
    assert len(gold) == 47
    score = bcubed(alignment.event_of(), gold)
    assert score.f1 >= 0.9 and score.precision >= 0.9
    # Each of the six events is found, by all four outlets, in one event.
    for ids in DEMO_KEY.values():
        events = [alignment.entry(i).event_id for i in ids]
        majority = max(set(events), key=events.count)
        assert majority is not None and events.count(majority) >= len(ids) - 1
        assert alignment.event(majority).n_outlets == 4


# --- building blocks --------------------------------------------------------------------------


def test_bcubed_worked_example() -> None:
    # Predicted {a,b,c} {d}; gold {a,b} {c,d}.  Precision: a,b: 2/3, c: 1/3, d: 1 → 2/3.
    # Recall: a,b: 1, c: 1/2, d: 1/2 → 3/4.  F1 = 2·(2/3)(3/4)/(2/3 + 3/4) = 12/17.
    score = bcubed({"a": 1, "b": 1, "c": 1, "d": None}, {"a": "x", "b": "x", "c": "y", "d": "y"})
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == pytest.approx(3 / 4)
    assert score.f1 == pytest.approx(12 / 17)
    assert bcubed({}, {}).f1 == 0.0


@pytest.mark.parametrize(("text", "hours"), [
    ("36h", 36), ("90m", 1.5), ("2d", 48), ("1d12h", 36), (" 2 h ", 2), ("1w", 168),
])
def test_parse_duration_valid(text: str, hours: float) -> None:
    assert parse_duration(text) == dt.timedelta(hours=hours)


@pytest.mark.parametrize("text", ["", "36", "h", "3x", "-2h", "0h", "2h30", "1.5.2h"])
def test_parse_duration_invalid(text: str) -> None:
    with pytest.raises(OptionError, match="`--window`"):
        parse_duration(text)


def test_features_quotes_and_places() -> None:
    text = ('He said: "The tanks of chlorine were never reached," and “short quote” left. '
            "Smoke rose over Kettering Mills in March near the river at Dawn Bridge.")
    assert extract_quotes(text) == {"the tanks of chlorine were never reached"}
    assert extract_places(text) == {"kettering mills", "dawn bridge"}


def _greedy_average_linkage(n: int, sims: dict[tuple[int, int], float],
                            threshold: float) -> list[int]:
    """Reference: merge the most similar pair of clusters (mean over all member pairs, missing
    pairs 0) one at a time, recomputing every cluster pair from scratch."""
    clusters = [[i] for i in range(n)]
    while True:
        best: tuple[float, int, int] | None = None
        for x in range(len(clusters)):
            for y in range(x + 1, len(clusters)):
                total = sum(sims.get((min(i, j), max(i, j)), 0.0)
                            for i in clusters[x] for j in clusters[y])
                mean = total / (len(clusters[x]) * len(clusters[y]))
                if best is None or mean > best[0]:
                    best = (mean, x, y)
        if best is None or best[0] < threshold:
            break
        _, x, y = best
        clusters[x] += clusters.pop(y)
    labels = [0] * n
    for group in clusters:
        for i in group:
            labels[i] = min(group)
    return labels


@pytest.mark.parametrize("seed", range(25))
def test_average_linkage_equals_greedy_reference(seed: int) -> None:
    rng = random.Random(seed)
    n = rng.randint(2, 14)
    pairs = [(i, j) for i in range(n) for j in range(i + 1, n) if rng.random() < 0.45]
    sims = {pair: rng.random() for pair in pairs}
    left = np.array([p[0] for p in pairs], dtype=np.int64)
    right = np.array([p[1] for p in pairs], dtype=np.int64)
    values = np.array([sims[p] for p in pairs])
    threshold = rng.choice([0.1, 0.2, 0.3])
    labels = average_linkage(n, left, right, values, threshold=threshold,
                             times=np.full(n, np.nan), max_span=1.0)
    assert labels.tolist() == _greedy_average_linkage(n, sims, threshold)


# --- command line -------------------------------------------------------------------------


def _write_jsonl(path: Path, entries: list[Entry]) -> Path:
    with path.open("w", encoding="utf-8") as handle:
        for entry in entries:
            record = {"id": entry.id, "outlet": entry.outlet, "kind": entry.kind,
                      "published": entry.published.isoformat() if entry.published else None,
                      "title": entry.title, "text": entry.body}
            handle.write(json.dumps(record) + "\n")
    return path


def test_cli_events_table(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)
    result = runner.invoke(app, ["events", str(path)])
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:4] == ["event", "start", "end", "outlets"]
    assert sum(1 for line in lines if line.startswith("E000")) == 4
    assert "Fire at Kettering Mills Chemical Plant" in result.stdout
    assert result.stderr.startswith(
        "aligned 13 of 14 entries into 4 events (4 multi-outlet); copies of another outlet: 1; "
        "undated entries aligned by text alone: 1")


def test_cli_events_output_jsonl(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)
    out = tmp_path / "aligned.jsonl"
    result = runner.invoke(app, ["events", str(path), "-o", str(out), "-f", "json",
                                 "--window", "2d"])
    assert result.exit_code == 0, result.stderr
    assert len(json.loads(result.stdout)) == 4
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [r["id"] for r in records] == [e.id for e in SMALL_CORPUS]
    by_id = {r["id"]: r for r in records}
    for field in ("id", "outlet", "published", "time", "kind", "title", "text", "url",
                  "source", "meta", "event_id", "copy_of"):
        assert field in by_id["hd:3"]
    assert by_id["hd:3"]["copy_of"] == "np:3" and by_id["np:3"]["copy_of"] is None
    assert by_id["np:0"]["event_id"] is None and by_id["np:0"]["kind"] == "background"
    assert by_id["vr:1"]["event_id"] == by_id["vr:2"]["event_id"] is not None


@pytest.mark.parametrize(("args", "message"), [
    (["--window", "soon"],
     "error: the `--window` option must be a duration such as '36h', '90m' or '2d'; "
     "got 'soon'\n"),
    (["--window", "0h"], "error: the `--window` option must be a positive duration; got '0h'\n"),
    (["--min-similarity", "1.5"],
     "error: the `--min-similarity` option must be in (0, 1]; got 1.5\n"),
    (["-o", "out.csv"], "error: the `--output` option must name a .jsonl file; got 'out.csv'\n"),
])
def test_cli_events_rejects_bad_options(tmp_path: Path, args: list[str], message: str) -> None:
    path = _write_jsonl(tmp_path / "small.jsonl", SMALL_CORPUS)
    result = runner.invoke(app, ["events", str(path), *args])
    assert result.exit_code == 2
    assert result.stderr == message
    assert result.stdout == ""


def test_cli_events_demo_same_output_twice() -> None:
    args = ["events", str(framing.demo_corpus_path()), "--date", "2031-03-05", "--tz",
            "Etc/GMT-2", "-f", "csv"]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.exit_code == 0 and first.stdout == second.stdout
    assert first.stdout.splitlines()[0] == (
        "event,start,end,outlets,n_outlets,entries,headline,top_terms")


def test_event_rows_cut_headlines(small: EventAlignment) -> None:
    rows = event_rows(small, max_headline=20)
    assert all(len(row["headline"]) <= 20 for row in rows)
    assert rows[0]["start"] == "2031-06-10 08:00+00:00"
    assert event_rows(small, multi_outlet_only=True) == event_rows(small)
