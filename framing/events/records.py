"""Typed records of event alignment: :class:`Event`, :class:`EntryEvent`, :class:`EventAlignment`.

Entries are never modified: the alignment is a separate set of records keyed by entry id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

from framing.model import Entry

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def _iso(value: dt.datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


@dataclass(frozen=True)
class Event:
    """A group of entries, from one or more outlets, that report the same event.

    Attributes:
        event_id: ``E0001``, ``E0002``, … numbered by start time (events whose entries are all
            undated come last); stable for the same input and parameters.
        start: publication time of the earliest dated entry, or None when every entry is undated.
        end: publication time of the latest dated entry, or None.
        outlets: the outlets that cover the event, alphabetical.
        entry_ids: ids of its entries, earliest first (undated entries last, in input order).
        headline: the representative headline: the title (else the first line) of the entry
            closest to the event's TF-IDF centroid.
        headline_id: id of that representative entry.
        top_terms: the most characteristic terms: highest TF-IDF weight in the event centroid.
        n_undated: how many of its entries have no publication date (aligned by text alone).

    Example:
        >>> import datetime as dt
        >>> t = dt.datetime(2031, 3, 3, 8, 5, tzinfo=dt.UTC)
        >>> event = Event("E0001", t, t, ("A", "B"), ("a:1", "b:1"), "Market shelled", "a:1",
        ...               ("market", "shelling"))
        >>> event.n_outlets, event.multi_outlet
        (2, True)
    """

    event_id: str
    start: dt.datetime | None
    end: dt.datetime | None
    outlets: tuple[str, ...]
    entry_ids: tuple[str, ...]
    headline: str
    headline_id: str
    top_terms: tuple[str, ...]
    n_undated: int = 0

    @property
    def n_entries(self) -> int:
        """Number of entries in the event."""
        return len(self.entry_ids)

    @property
    def n_outlets(self) -> int:
        """Number of distinct outlets covering the event."""
        return len(self.outlets)

    @property
    def multi_outlet(self) -> bool:
        """True when at least two outlets cover the event (a cross-outlet link exists)."""
        return len(self.outlets) >= 2

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "event_id": self.event_id,
            "start": _iso(self.start),
            "end": _iso(self.end),
            "outlets": list(self.outlets),
            "n_outlets": self.n_outlets,
            "entry_ids": list(self.entry_ids),
            "n_entries": self.n_entries,
            "n_undated": self.n_undated,
            "headline": self.headline,
            "headline_id": self.headline_id,
            "top_terms": list(self.top_terms),
        }


@dataclass(frozen=True)
class EntryEvent:
    """The alignment of one entry.

    Attributes:
        entry_id: the entry's id.
        outlet: the entry's outlet.
        event_id: the event it joined, or None (background text, or no similar entry).
        copy_of: id of the earliest entry of another outlet whose text this entry (nearly)
            copies, or None. The earliest copy itself has None.
        undated: True when the entry has no publication date (aligned by text alone).

    Example:
        >>> EntryEvent("db-0001", "The Daily Blare", "E0001", None, False).to_dict()["event_id"]
        'E0001'
    """

    entry_id: str
    outlet: str
    event_id: str | None
    copy_of: str | None
    undated: bool

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "entry_id": self.entry_id,
            "outlet": self.outlet,
            "event_id": self.event_id,
            "copy_of": self.copy_of,
            "undated": self.undated,
        }


@dataclass(frozen=True)
class EventAlignment:
    """The result of :func:`framing.events.align_events`: events and one record per entry.

    Attributes:
        events: the events (groups of at least two entries), numbered by start time.
        entries: one :class:`EntryEvent` per input entry, in input order (background included).
        parameters: the parameters used (window in seconds, thresholds, seed, method
            constants), so a result can be traced back to how it was made.

    Example:
        >>> import framing
        >>> from framing.events import align_events
        >>> corpus = framing.read_corpus(framing.demo_corpus_path(),
        ...     options=framing.ReadOptions.create(date="2031-03-05", tz="Etc/GMT-2"))
        >>> alignment = align_events(corpus)
        >>> alignment.n_events >= 6 and alignment.entry("st-0001").event_id is not None
        True
    """

    events: tuple[Event, ...]
    entries: tuple[EntryEvent, ...]
    parameters: Mapping[str, Any] = field(default_factory=dict, compare=False)

    @cached_property
    def _by_entry(self) -> dict[str, EntryEvent]:
        return {r.entry_id: r for r in self.entries}

    @cached_property
    def _by_event(self) -> dict[str, Event]:
        return {e.event_id: e for e in self.events}

    @property
    def n_events(self) -> int:
        """Number of events."""
        return len(self.events)

    @property
    def n_multi_outlet(self) -> int:
        """Number of events covered by at least two outlets."""
        return sum(1 for e in self.events if e.multi_outlet)

    @property
    def n_copies(self) -> int:
        """Number of entries marked as copies of another outlet's entry."""
        return sum(1 for r in self.entries if r.copy_of is not None)

    @property
    def n_aligned(self) -> int:
        """Number of entries that joined an event."""
        return sum(1 for r in self.entries if r.event_id is not None)

    def entry(self, entry_id: str) -> EntryEvent:
        """Return the alignment record of one entry.

        Raises:
            KeyError: no entry has this id.
        """
        return self._by_entry[entry_id]

    def event(self, event_id: str) -> Event:
        """Return one event by id.

        Raises:
            KeyError: no event has this id.
        """
        return self._by_event[event_id]

    def event_of(self) -> dict[str, str | None]:
        """Return ``{entry id: event id or None}`` for every entry."""
        return {r.entry_id: r.event_id for r in self.entries}

    def copy_ids(self) -> frozenset[str]:
        """Return the ids of the entries marked as copies of another outlet's text."""
        return frozenset(r.entry_id for r in self.entries if r.copy_of is not None)

    def to_pandas(self) -> pd.DataFrame:
        """Return one row per event (the fields of :meth:`Event.to_dict`). Requires pandas."""
        from framing.model import _import_pandas

        frame: pd.DataFrame = _import_pandas().DataFrame([e.to_dict() for e in self.events])
        return frame

    def entries_to_pandas(self) -> pd.DataFrame:
        """Return one row per entry (the fields of :meth:`EntryEvent.to_dict`). Needs pandas."""
        from framing.model import _import_pandas

        frame: pd.DataFrame = _import_pandas().DataFrame([r.to_dict() for r in self.entries])
        return frame


def exclude_copies(entries: Iterable[Entry], alignment: EventAlignment) -> list[Entry]:
    """Drop the entries that copy another outlet's text, so no outlet is credited with framing
    it only relayed (``--exclude-copies`` in comparisons).

    The earliest copy (the origin) is kept; entries the alignment does not know are kept.

    Args:
        entries: the entries to filter (typically the ones given to ``align_events``).
        alignment: the result of :func:`framing.events.align_events` on those entries.

    Returns:
        The entries whose ``copy_of`` is None, in their original order.
    """
    copies = alignment.copy_ids()
    return [entry for entry in entries if entry.id not in copies]


def _minutes(value: dt.datetime | None, zone: dt.tzinfo | None = None) -> str | None:
    if value is None:
        return None
    if zone is not None:
        value = value.astimezone(zone)
    return value.isoformat(sep=" ", timespec="minutes")


def event_rows(alignment: EventAlignment, *, max_headline: int | None = None,
               multi_outlet_only: bool = False) -> list[dict[str, Any]]:
    """Return the event table: one row per event, for :func:`framing.tables.render_table`.

    Args:
        alignment: the result of :func:`framing.events.align_events`.
        max_headline: cut headlines longer than this many characters (with "…"); None keeps
            them whole.
        multi_outlet_only: keep only the events covered by at least two outlets.

    Returns:
        Rows with ``event``, ``start``, ``end`` (shown in the time zone of ``start``),
        ``outlets``, ``n_outlets``, ``entries``, ``headline`` and ``top_terms``.
    """
    rows: list[dict[str, Any]] = []
    for event in alignment.events:
        if multi_outlet_only and not event.multi_outlet:
            continue
        headline = event.headline
        if max_headline is not None and len(headline) > max_headline:
            headline = headline[: max_headline - 1].rstrip() + "…"
        zone = event.start.tzinfo if event.start is not None else None
        rows.append({
            "event": event.event_id,
            "start": _minutes(event.start),
            "end": _minutes(event.end, zone),
            "outlets": ", ".join(event.outlets),
            "n_outlets": event.n_outlets,
            "entries": event.n_entries,
            "headline": headline,
            "top_terms": ", ".join(event.top_terms),
        })
    return rows
