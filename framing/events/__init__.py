"""Event alignment: which entries of which outlets report the same event, and wire copies.

Example:
    >>> import framing
    >>> from framing.events import align_events
    >>> corpus = framing.read_corpus(framing.demo_corpus_path(),
    ...     options=framing.ReadOptions.create(date="2031-03-05", tz="Etc/GMT-2"))
    >>> alignment = align_events(corpus)
    >>> event = alignment.event(alignment.entry("st-0003").event_id)
    >>> "Stelmar Today" in event.outlets and event.n_outlets >= 3
    True

See :mod:`framing.events.align` for the method.
"""

from __future__ import annotations

from framing.events.align import (
    DEFAULT_MIN_SIMILARITY,
    DEFAULT_NEIGHBORS,
    DEFAULT_WINDOW,
    align_events,
    parse_duration,
    parse_window,
)
from framing.events.metrics import BCubed, bcubed
from framing.events.records import (
    EntryEvent,
    Event,
    EventAlignment,
    event_rows,
    exclude_copies,
)

__all__ = [
    "DEFAULT_MIN_SIMILARITY",
    "DEFAULT_NEIGHBORS",
    "DEFAULT_WINDOW",
    "BCubed",
    "EntryEvent",
    "Event",
    "EventAlignment",
    "align_events",
    "bcubed",
    "event_rows",
    "exclude_copies",
    "parse_duration",
    "parse_window",
]
