"""Reader for live-feed pages saved as text (e.g. the Sputnik feed in ``../shared/corpora``).

Layout: optional page chrome, background paragraphs, then entries, each starting at a time marker
line (``• 01:57``, ``01:57``, ``1:57 PM``, ``01:57 GMT``), followed by the headline line and body
paragraphs; the feed ends with a ``Live Updates: …`` title line and a tag line.

Dates: a feed prints only clock times. With ``date`` (the date of the newest entry) the reader
detects whether the feed is newest-first or oldest-first and steps one day back (or forward)
wherever the clock wraps (01:57 → 00:06 → 23:34 puts 23:34 on the previous day). A clock that
moves the "wrong" way by at most :data:`DISORDER_TOLERANCE_MINUTES` is taken as an edit-order
glitch on the same day, not as a wrap.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import pairwise
from typing import Any

from framing.model import Entry, SourceRef
from framing.text import normalize_line

DISORDER_TOLERANCE_MINUTES = 60

_BULLETS = "•·▪▫●○◦‣∙*>–—-"
TIME_MARKER_RE = re.compile(
    rf"^(?:[{re.escape(_BULLETS)}]\s*)?"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})"
    r"(?:\s*(?P<ampm>[AaPp]\.?\s?[Mm]\.?))?"
    r"(?:\s*\(?(?P<zone>GMT|UTC|Z|[A-Z]{3,5})(?P<offset>[+-]\d{1,2}(?::?\d{2})?)?\)?)?$"
)

# Whole-line page furniture of live-feed pages (matched case-insensitively after trimming).
CHROME_PATTERNS: tuple[str, ...] = (
    r"listen live",
    r"get short url",
    r"follow .{1,80}live feed.*",
    r"new messages?",
    r"community standards",
    r"discussion",
    r"comment via .{1,40}",
    r"show new comments",
    r"all comments",
    r"subscribe",
    r"loading\W*",
    # The page's own stamp, e.g. "15:24 GMT22 June 2021".
    r"\d{1,2}:\d{2}\s*(?:gmt|utc)?\s*\d{1,2}\s+[a-z]+\s+\d{4}",
)
_CHROME_ALTERNATIVES = "|".join(f"(?:{p})" for p in CHROME_PATTERNS)
# Scraped pages glue adjacent chrome together ("Community standardsDiscussion").
_CHROME_RE = re.compile(f"(?:{_CHROME_ALTERNATIVES})(?:\\s*(?:{_CHROME_ALTERNATIVES}))*",
                        re.IGNORECASE)
_FEED_TITLE_RE = re.compile(r"^live updates?\s*:\s*(?P<title>.+)$", re.IGNORECASE)
_OUTLET_RE = re.compile(r"\bfollow\s+(?P<outlet>.{1,60}?)['’]s?\s+live\s+feed", re.IGNORECASE)
_PAGE_STAMP_RE = re.compile(CHROME_PATTERNS[-1], re.IGNORECASE)

# Fixed offsets of zone abbreviations seen in feeds; others fall back to the --tz zone.
ZONE_OFFSETS_HOURS: dict[str, float] = {
    "GMT": 0, "UTC": 0, "Z": 0, "WET": 0, "BST": 1, "CET": 1, "CEST": 2, "EET": 2, "EEST": 3,
    "MSK": 3, "AMT": 4, "AZT": 4, "GET": 4, "TRT": 3, "EST": -5, "EDT": -4, "CST": -6,
    "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7,
}


@dataclass(frozen=True)
class FeedInfo:
    """Feed-level metadata of one live-feed file (not an entry).

    Attributes:
        path: the file.
        outlet: the outlet the entries were assigned to.
        title: the trailing ``Live Updates: …`` title, or None.
        tags: the tag line after the title, split at commas.
        order: ``"newest-first"`` or ``"oldest-first"`` (detected from the clock times).
        n_day_wraps: how many times the clock wrapped past midnight.
        page_stamp: the page's own time stamp line, if any (e.g. ``15:24 GMT22 June 2021``).
    """

    path: str
    outlet: str
    title: str | None
    tags: tuple[str, ...]
    order: str
    n_day_wraps: int
    page_stamp: str | None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "path": self.path, "outlet": self.outlet, "title": self.title,
            "tags": list(self.tags), "order": self.order, "n_day_wraps": self.n_day_wraps,
            "page_stamp": self.page_stamp,
        }


@dataclass(frozen=True)
class ClockTime:
    """A time marker: minutes after midnight, the ``HH:MM`` text and an optional fixed zone."""

    minutes: int
    hhmm: str
    zone: dt.tzinfo | None
    zone_label: str | None


@dataclass
class _Block:
    """Lines of one entry (or of the background) while the feed is being split."""

    line: int
    clock: ClockTime | None
    paragraphs: list[str] = field(default_factory=list)
    first_line: int | None = None


def parse_time_marker(line: str) -> ClockTime | None:
    """Return the clock time if ``line`` is a time marker line, else None.

    >>> parse_time_marker("• 01:57").hhmm
    '01:57'
    >>> parse_time_marker("1:57 PM").hhmm
    '13:57'
    >>> parse_time_marker("Death toll rises to 12") is None
    True
    """
    match = TIME_MARKER_RE.match(normalize_line(line))
    if match is None:
        return None
    hour, minute = int(match["hour"]), int(match["minute"])
    ampm = match["ampm"]
    if ampm:
        if not 1 <= hour <= 12:
            return None
        is_pm = ampm.lower().startswith("p")
        hour = (hour % 12) + (12 if is_pm else 0)
    if hour > 23 or minute > 59:
        return None
    zone: dt.tzinfo | None = None
    label = match["zone"]
    if label is not None:
        offset = _parse_offset(match["offset"])
        base = ZONE_OFFSETS_HOURS.get(label)
        if base is None and offset is None:
            return None  # "12:30 NATO" is text, not a marker
        hours = (base or 0.0) + (offset or 0.0)
        zone = dt.timezone(dt.timedelta(hours=hours), label + (match["offset"] or ""))
        label = label + (match["offset"] or "")
    return ClockTime(hour * 60 + minute, f"{hour:02d}:{minute:02d}", zone, label)


def _parse_offset(text: str | None) -> float | None:
    if not text:
        return None
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours = int(digits[:2]) if len(digits) > 2 else int(digits)
    minutes = int(digits[2:]) if len(digits) > 2 else 0
    return sign * (hours + minutes / 60)


def is_chrome(line: str) -> bool:
    """True when a (trimmed) line is page furniture such as ``Listen Live``."""
    return _CHROME_RE.fullmatch(line) is not None


def looks_like_live_feed(text: str, *, min_markers: int = 1) -> bool:
    """True when ``text`` has at least ``min_markers`` time-marker lines."""
    n_markers = 0
    for line in text.split("\n"):
        if parse_time_marker(line) is not None:
            n_markers += 1
            if n_markers >= min_markers:
                return True
    return False


def detect_outlet(text: str) -> str | None:
    """Return the outlet named in a "Follow X's Live Feed" line, or None."""
    match = _OUTLET_RE.search(text)
    return match["outlet"].strip() if match else None


def _elapsed_minutes(minutes: Sequence[int], *, newest_first: bool) -> int:
    """Total clock time a feed spans if read in the given order (wraps cost a day)."""
    total = 0
    for previous, current in pairwise(minutes):
        step = previous - current if newest_first else current - previous
        if step < -DISORDER_TOLERANCE_MINUTES:
            step += 24 * 60
        total += abs(step)  # a small step the wrong way (an edit-order glitch) costs too
    return total


def detect_newest_first(minutes: Sequence[int]) -> bool:
    """True when reading the clock times as newest-first needs less elapsed time than oldest-first.

    The order that explains the times with the shorter span (fewer day wraps) wins; a tie goes to
    newest-first, the live-feed convention.

    >>> detect_newest_first([117, 33, 6, 1414])   # 01:57, 00:33, 00:06, 23:34
    True
    >>> detect_newest_first([1360, 1435, 20])      # 22:40, 23:55, 00:20
    False
    """
    newest = _elapsed_minutes(minutes, newest_first=True)
    oldest = _elapsed_minutes(minutes, newest_first=False)
    return newest <= oldest


def day_offsets(minutes: Sequence[int], *, newest_first: bool) -> list[int]:
    """Return, for each time in file order, its day relative to the newest entry (0, -1, …)."""
    offsets = [0]
    for previous, current in pairwise(minutes):
        step = 0
        if newest_first and current > previous + DISORDER_TOLERANCE_MINUTES:
            step = -1
        elif not newest_first and current < previous - DISORDER_TOLERANCE_MINUTES:
            step = 1
        offsets.append(offsets[-1] + step)
    newest = max(offsets)
    return [offset - newest for offset in offsets]


def _split_blocks(lines: Sequence[str]) -> tuple[_Block, list[_Block], list[str], str | None]:
    background = _Block(line=1, clock=None)
    blocks: list[_Block] = []
    trailer: list[str] = []
    page_stamp: str | None = None
    current = background
    paragraph: list[str] = []
    in_trailer = False

    def flush() -> None:
        if paragraph:
            current.paragraphs.append(" ".join(paragraph))
            paragraph.clear()

    for number, raw in enumerate(lines, start=1):
        line = normalize_line(raw)
        if in_trailer:
            if line and not is_chrome(line):
                trailer.append(line)
            continue
        clock = parse_time_marker(line) if line else None
        if clock is not None:
            flush()
            current = _Block(line=number, clock=clock)
            blocks.append(current)
            continue
        if not line:
            flush()
            continue
        if _FEED_TITLE_RE.match(line):
            flush()
            in_trailer = True
            trailer.append(line)
            continue
        if is_chrome(line):
            flush()
            if page_stamp is None and _PAGE_STAMP_RE.fullmatch(line):
                page_stamp = line
            continue
        if current.first_line is None:
            current.first_line = number
        if current.clock is not None and not current.paragraphs and not paragraph:
            # The first line after a marker is the headline, a paragraph of its own.
            current.paragraphs.append(line)
            continue
        paragraph.append(line)
    flush()
    return background, blocks, trailer, page_stamp


@dataclass(frozen=True)
class ParsedFeed:
    """The result of :func:`parse_live_feed`: entries, feed metadata and empty markers."""

    entries: tuple[Entry, ...]
    info: FeedInfo
    empty_markers: tuple[int, ...]  # lines of time markers with no text (reported as skipped)


def parse_live_feed(
    text: str,
    *,
    path: str,
    stem: str,
    outlet: str | None = None,
    newest_date: dt.date | None = None,
    tz: dt.tzinfo = dt.UTC,
) -> ParsedFeed:
    """Split a live-feed text into entries.

    Args:
        text: the decoded, normalised file content.
        path: file name for ``source`` and messages.
        stem: the file stem, used for ids and as the outlet of last resort.
        outlet: outlet name; None detects it from a "Follow X's Live Feed" line, else ``stem``.
        newest_date: date of the newest entry; None leaves ``published`` empty.
        tz: zone of clock times that carry no zone label of their own.

    Returns:
        A :class:`ParsedFeed`: the background entry (if any) first, then entries in file order.
    """
    outlet_name = outlet or detect_outlet(text) or stem
    background, blocks, trailer, page_stamp = _split_blocks(text.split("\n"))
    title = None
    tags: tuple[str, ...] = ()
    if trailer:
        title_match = _FEED_TITLE_RE.match(trailer[0])
        title = title_match["title"].strip() if title_match else trailer[0]
        if len(trailer) > 1:
            tags = tuple(t.strip() for t in ",".join(trailer[1:]).split(",") if t.strip())

    empty = tuple(b.line for b in blocks if not b.paragraphs)
    blocks = [b for b in blocks if b.paragraphs]
    minutes = [b.clock.minutes for b in blocks if b.clock is not None]
    newest_first = detect_newest_first(minutes)
    offsets = day_offsets(minutes, newest_first=newest_first)

    entries: list[Entry] = []
    if background.paragraphs:
        entries.append(
            Entry(
                id=f"{stem}:0",
                outlet=outlet_name,
                published=None,
                time=None,
                kind="background",
                title="",
                text="\n\n".join(background.paragraphs),
                url=None,
                source=SourceRef(path, background.first_line, 0),
                meta={"feed_title": title} if title else {},
            )
        )
    for number, (block, offset) in enumerate(zip(blocks, offsets, strict=True), start=1):
        clock = block.clock
        if clock is None:  # pragma: no cover - blocks after a marker always carry its time
            continue
        published = None
        if newest_date is not None:
            day = newest_date + dt.timedelta(days=offset)
            published = dt.datetime(
                day.year, day.month, day.day, clock.minutes // 60, clock.minutes % 60,
                tzinfo=clock.zone or tz,
            )
        meta: dict[str, Any] = {}
        if title:
            meta["feed_title"] = title
        if clock.zone_label:
            meta["zone_label"] = clock.zone_label
        entries.append(
            Entry(
                id=f"{stem}:{number}",
                outlet=outlet_name,
                published=published,
                time=clock.hhmm,
                kind="entry",
                title=block.paragraphs[0],
                text="\n\n".join(block.paragraphs),
                url=None,
                source=SourceRef(path, block.line, number),
                meta=meta,
            )
        )
    info = FeedInfo(
        path=path,
        outlet=outlet_name,
        title=title,
        tags=tags,
        order="newest-first" if newest_first else "oldest-first",
        n_day_wraps=-min(offsets) if offsets else 0,
        page_stamp=page_stamp,
    )
    return ParsedFeed(tuple(entries), info, empty)


def parse_plain_article(text: str, *, path: str, stem: str, outlet: str | None) -> Iterator[Entry]:
    """Read a text file without time markers as one article: first line title, rest body."""
    paragraphs: list[str] = []
    current: list[str] = []
    first_line: int | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        line = normalize_line(raw)
        if not line:
            if current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if first_line is None:
            first_line = number
            paragraphs.append(line)  # the title is a paragraph of its own
            continue
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    if not paragraphs:
        return
    yield Entry(
        id=f"{stem}:1",
        outlet=outlet or stem,
        published=None,
        time=None,
        kind="entry",
        title=paragraphs[0],
        text="\n\n".join(paragraphs),
        url=None,
        source=SourceRef(path, first_line, 1),
        meta={},
    )
