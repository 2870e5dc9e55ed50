"""Live-feed reader: the reference Sputnik feed, day wraps, order detection, markers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import framing
from framing.readers.livefeed import (
    day_offsets,
    detect_newest_first,
    is_chrome,
    parse_time_marker,
)

# (time, title) of every timestamped entry of the reference feed, in file order (newest first),
# read by eye off ../shared/corpora/000_476cce20535633e5.txt.
REFERENCE_TITLES = [
    ('01:57', "2 People Injured by Azerbaijani Strikes on Stepanakert, Nagorno-Karabakh's Ombudsman Says"),
    ('00:33', 'Explosions Heard in Stepanakert, Air Raid Warning Goes Off, Sputnik Correspondent Says'),
    ('00:32', "Death Toll From Ganja Missile Attack Rises To 12 People, Over 40 Others Injured - Azerbaijani General Prosecutor's Office"),
    ('00:06', 'Death Toll From Ganja Attack Rises to Over 10 People, Some 40 Injured, Azerbaijani Presidential Assistant Says'),
    ('23:34', 'Death Toll From Missile Attack on Ganja Rises to Six, Azerbaijani Presidential Assistant Says'),
    ('22:42', 'Azerbaijani Presidential Assistant Says Missile Attack on Ganja Has Been Launched From Armenian Territory'),
    ('22:35', 'Five People, Including Two Children, Killed, 35 Injured as Result of Missile Fire at Ganja - Azerbaijani Presidential Assistant'),
    ('22:30', "Azerbaijani Defence Ministry Calls Armenia's Reports of Downed Drones 'Disinformation'"),
    ('22:29', 'Azerbaijani Presidential Assistant Says 2 People Killed, 23 Injured as Result of Missile Fire at Ganja'),
    ('21:57', 'Over 20 Houses Destroyed by Missile Fire in Azerbaijani City Of Ganja, According to Preliminary Information - Presidential Assistant'),
    ('21:53', 'UNSC to Hold Closed-Door Meeting on Situation in Karabakh on Monday, Source Says'),
    ('21:46', "Some People Injured as Result of Missile Fire at Azerbaijan's Ganja - Presidential Assistant"),
    ('21:38', 'Armenian Air Defence Forces Down Two Azerbaijani Drones in Its Airspace, Defence Ministry Says'),
    ('21:34', "No Rockets Fired Towards Azerbaijan's Ganja, Mingecevir From Armenian Territory, Armenia's Defence Ministry Says"),
    ('21:14', 'Azerbaijani Cities of Ganja, Mingecevir Come Under Rocket Attacks - Sputnik Azerbaijan'),
    ('20:52', "Azerbaijani Drones Detected in Armenia's Airspace - Armenian Defence Ministry"),
    ('19:58', 'Air Raid Warning Cancelled in Armenian City of Kaplan, Emergencies Ministry Says'),
    ('19:45', 'Armenian Authorities Clarify That Air Raid Warning Announced Only in City of Kapan'),
    ('19:36', 'Air Raid Warning Announced in Armenian Cities of Goris, Meghri, Kapan - Sputnik Armenia'),
    ('19:25', 'Baku Blacklists Russian Lawmaker Milonov Over Visit to Karabakh - Foreign Ministry'),
    ('18:44', 'Trudeau in Call with Pashinyan Vows to Work With Partners to De-Escalate Karabakh Conflict'),
    ('18:20', 'UN Chief Will Speak to Azerbaijan Foreign Minister Regarding Karabakh Friday'),
    ('18:05', 'Sirens Sound as Explosions Heard in Stepanakert'),
    ('16:43', "Turkey Condemns Armenian 'Airstrike' on Nakhchivan"),
    ('16:32', "Azerbaijan's MoD Publishes Video of 'Retaken' Hadrut"),
    ('14:31', 'Azerbaijan’s Forces Take Control Over Three More Settlements in Karabakh, President Aliyev Says'),
    ('14:10', 'UK Calls on Azerbaijan, Armenia to Abide by Ceasefire'),
    ('13:44', 'Political Settlement of Karabakh Conflict Impossible Without Turkey, Aliyev Says'),
    ('13:32', "Baku Not Planning to Move Conflict to Armenian Territory, Azerbaijan's President Says"),
    ('13:19', 'Baku Has Info About Arms Being Smuggled From Russia to Yerevan on Civilian Planes, Azerbaijani President Says'),
    ('09:52', 'Armenian Minister Expresses Concern to CSTO Chief Over Azerbaijani Ceasefire Violations'),
    ('09:42', 'Azerbaijani Military Says Armenian Air Force Struck Nakhchivan - Photos'),
    ('09:31', 'Armenian MoD Publishes New Video of Azerbaijani Military Hardware Destruction'),
    ('09:09', 'Baku Says 47 Azerbaijani Civilians Have Died Since Beginning of Clashes'),
    ('07:55', 'Nagorno-Karabakh Confirms 633 of Its Soldiers Have Died Since Start of Conflict'),
    ('06:24', 'Yerevan Says Baku Lost at Least 120 Soldiers, Six Military Vehicles Over Past Day'),
    ('06:03', 'Azerbaijan Accuses Armenia of Shelling Areas Near Contact Line in Karabakh'),
]


def _read(path: Path, **options: object) -> framing.Corpus:
    return framing.read_corpus(path, options=framing.ReadOptions.create(**options))  # type: ignore[arg-type]


def test_livefeed_reference_counts_and_titles(reference_feed: Path) -> None:
    corpus = _read(reference_feed, date="2020-10-17")
    entries = [e for e in corpus if e.kind == "entry"]
    backgrounds = [e for e in corpus if e.kind == "background"]
    assert len(entries) == 37
    assert len(backgrounds) == 1
    assert [(e.time, e.title) for e in entries] == REFERENCE_TITLES
    assert {e.outlet for e in corpus} == {"Sputnik"}


def test_livefeed_reference_dates_cross_midnight(reference_feed: Path) -> None:
    entries = [e for e in _read(reference_feed, date="2020-10-17") if e.kind == "entry"]
    days = [e.published.date() for e in entries if e.published]
    assert len(days) == 37
    assert days[:4] == [dt.date(2020, 10, 17)] * 4
    assert days[4:] == [dt.date(2020, 10, 16)] * 33
    assert entries[0].published == dt.datetime(2020, 10, 17, 1, 57, tzinfo=dt.UTC)
    assert entries[4].published == dt.datetime(2020, 10, 16, 23, 34, tzinfo=dt.UTC)
    assert entries[-1].published == dt.datetime(2020, 10, 16, 6, 3, tzinfo=dt.UTC)


def test_livefeed_reference_background_and_chrome(reference_feed: Path) -> None:
    corpus = _read(reference_feed, date="2020-10-17")
    background = next(e for e in corpus if e.kind == "background")
    assert background.published is None and background.time is None
    assert background.text.startswith("Yerevan and Baku previously agreed to cease fire")
    assert background.text.endswith("continues to be an unrecognised state.")
    assert background.text.count("\n\n") == 3  # four paragraphs
    everything = "\n".join(e.text for e in corpus)
    for chrome in ("Listen Live", "Get short URL", "Follow Sputnik", "New messages",
                   "15:24 GMT", "Live Updates", "Nagorno-Karabakh conflict, Nagorno-Karabakh"):
        assert chrome not in everything


def test_livefeed_reference_body_and_feed_metadata(reference_feed: Path) -> None:
    stream = framing.iter_entries(reference_feed,
                                  options=framing.ReadOptions.create(date="2020-10-17"))
    entries = [e for e in stream if e.kind == "entry"]
    last = entries[-1]
    assert last.text.startswith(last.title + "\n\nBAKU (Sputnik)")
    assert last.text.endswith("the ministry said.")
    entry_1925 = next(e for e in entries if e.time == "19:25")
    assert entry_1925.text.count("occupied") == 3
    assert entry_1925.text.count("\n\n") == 4  # title + four paragraphs
    assert "\u00a0" not in entry_1925.text  # non-breaking spaces normalised
    assert stream.skipped == []
    (feed,) = stream.feeds
    assert feed.outlet == "Sputnik"
    assert feed.order == "newest-first"
    assert feed.n_day_wraps == 1
    assert feed.title == ("Over 20 Houses Destroyed by Missile Fire in Azerbaijan's Ganja, "
                          "Presidential Aide Says")
    assert feed.tags[:2] == ("Azerbaijan", "Azerbaijan")
    assert feed.tags[-1] == "Nagorno-Karabakh"
    assert feed.page_stamp == "15:24 GMT22 June 2021"


def test_livefeed_reference_without_date_keeps_times(reference_feed: Path) -> None:
    entries = [e for e in _read(reference_feed) if e.kind == "entry"]
    assert all(e.published is None for e in entries)
    assert [e.time for e in entries] == [t for t, _ in REFERENCE_TITLES]


def test_livefeed_reference_tz_and_outlet_options(reference_feed: Path) -> None:
    entries = [e for e in _read(reference_feed, date="2020-10-17", tz="Asia/Baku",
                               outlet="Sputnik International") if e.kind == "entry"]
    assert entries[0].published == dt.datetime(2020, 10, 17, 1, 57, tzinfo=ZoneInfo("Asia/Baku"))
    assert entries[0].published.utcoffset() == dt.timedelta(hours=4)
    assert {e.outlet for e in entries} == {"Sputnik International"}


def test_livefeed_reference_sources_point_at_marker_lines(reference_feed: Path) -> None:
    lines = reference_feed.read_text(encoding="utf-8").split("\n")
    for entry in _read(reference_feed):
        assert entry.source.line is not None
        line = lines[entry.source.line - 1]
        if entry.kind == "entry":
            assert entry.time is not None and entry.time in line
        else:
            assert line.strip().startswith("Yerevan and Baku")


def test_livefeed_oldest_first_with_12_hour_clock(data_dir: Path) -> None:
    stream = framing.iter_entries(data_dir / "feeds" / "oldest_first_12h.txt",
                                  options=framing.ReadOptions.create(date="2031-03-05"))
    entries = [e for e in stream if e.kind == "entry"]
    assert [e.time for e in entries] == ["22:40", "23:55", "00:20"]
    assert [e.published.isoformat() for e in entries if e.published] == [
        "2031-03-04T22:40:00+00:00", "2031-03-04T23:55:00+00:00", "2031-03-05T00:20:00+00:00"]
    assert entries[0].outlet == "The Lenmoor Ledger"
    assert stream.feeds[0].order == "oldest-first"
    assert stream.feeds[0].tags == ("Lenmoor", "strike", "harbour")
    # The 1:05 AM marker has no text: reported, not silently dropped.
    assert [s.location for s in stream.skipped] == [
        f"{data_dir / 'feeds' / 'oldest_first_12h.txt'}:24"]
    assert "no headline" in stream.skipped[0].reason


def test_livefeed_zone_labels_and_bullets(data_dir: Path) -> None:
    entries = list(_read(data_dir / "feeds" / "zones_and_bullets.txt", date="2031-03-05",
                         tz="Europe/Berlin"))
    assert [e.time for e in entries] == ["09:15", "08:50", "09:05"]
    assert entries[0].published is not None and entries[0].published.utcoffset() == dt.timedelta(0)
    assert entries[1].published is not None
    assert entries[1].published.utcoffset() == dt.timedelta(hours=3)  # MSK label wins
    assert entries[2].published is not None
    assert entries[2].published.utcoffset() == dt.timedelta(hours=1)  # --tz Europe/Berlin
    assert entries[0].outlet == "Riverside Wire"


def test_livefeed_text_without_markers_is_one_article(data_dir: Path) -> None:
    (entry,) = _read(data_dir / "feeds" / "article.txt")
    assert entry.title == "Council Approves New Cycle Lanes"
    assert entry.outlet == "article"
    assert entry.text.split("\n\n")[1].startswith("The city council approved six kilometres "
                                                   "of new cycle lanes on Tuesday, after")


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("• 01:57", "01:57"), ("    • 23:34", "23:34"), ("01:57", "01:57"), ("1:57 PM", "13:57"),
        ("12:05 AM", "00:05"), ("12:30 p.m.", "12:30"), ("01:57 GMT", "01:57"),
        ("▪ 7:05", "07:05"), ("– 10:00 UTC+3", "10:00"), ("* 18:44 (MSK)", "18:44"),
        ("24:10", None), ("13:10 PM", None), ("Death toll rises to 12", None),
        ("15:24 GMT22 June 2021", None), ("3.00 pm", None), ("12:30 NATO", None),
    ],
)
def test_livefeed_parse_time_marker(line: str, expected: str | None) -> None:
    marker = parse_time_marker(line)
    assert (marker.hhmm if marker else None) == expected


@pytest.mark.parametrize(
    "line",
    ["Listen Live", "Get short URL", "Follow Sputnik's Live Feed to Find Out More!",
     "New messages", "Community standards", "Discussion", "15:24 GMT22 June 2021",
     "Community standardsDiscussion"],
)
def test_livefeed_chrome_lines(line: str) -> None:
    assert is_chrome(line)


def test_livefeed_headline_is_not_chrome() -> None:
    assert not is_chrome("Discussion of Ceasefire Continues in Moscow")


@settings(max_examples=200, deadline=None)
@given(
    start=st.datetimes(min_value=dt.datetime(2020, 1, 1), max_value=dt.datetime(2030, 1, 1)),
    gaps=st.lists(st.integers(min_value=0, max_value=11 * 60), min_size=1, max_size=40),
)
def test_livefeed_day_offsets_recover_dates(start: dt.datetime, gaps: list[int]) -> None:
    """Newest-first times with gaps under 11 h: order and days are recovered exactly."""
    times = [start]
    for gap in gaps:
        times.append(times[-1] - dt.timedelta(minutes=gap))
    minutes = [t.hour * 60 + t.minute for t in times]
    assert detect_newest_first(minutes)
    offsets = day_offsets(minutes, newest_first=True)
    assert [start.date() + dt.timedelta(days=o) for o in offsets] == [t.date() for t in times]

