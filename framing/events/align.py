"""Event alignment: group entries of different outlets that report the same event.

The method, step by step (each step in its own module):

1. **Vectors** (:mod:`framing.events.features`): TF-IDF over content words, names and numbers of
   every non-background entry.
2. **Candidates** (:mod:`framing.events.graph`): sort by publication time and compare each entry
   only with entries inside the time window (sparse products over a sliding slice of rows);
   each entry keeps its ``n_neighbors`` most similar partners. Undated entries are compared with
   everything, by text alone.
3. **Pair similarity**: cosine, plus :data:`QUOTE_BOOST` when the pair shares an identical
   quotation of five or more words, plus :data:`PLACE_BOOST` × the Jaccard overlap of their named
   places (capped at 1); then multiplied by a linear time decay, 1 for simultaneous entries and 0
   at the window's edge (:data:`~framing.events.graph.UNDATED_WEIGHT` when a date is missing).
4. **Clusters** (:mod:`framing.events.cluster`): average linkage on the candidate graph (missing
   pairs count as 0, which prevents chaining) down to ``min_similarity``; no event spans more
   than the window. Each entry joins at most one event; an outlet's several updates join the same
   event when they are similar enough, as entries of different outlets do. Groups of two or more
   entries are events (``n_outlets`` tells single-outlet events from multi-outlet ones); an entry
   left alone joins no event.
5. **Copies** (:mod:`framing.events.copies`): near-copies of another outlet's text are marked with
   the earliest copy as origin.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

from framing.errors import InputError, OptionError
from framing.events import copies as copies_module
from framing.events.cluster import average_linkage
from framing.events.features import (
    entry_text,
    extract_places,
    extract_quotes,
    indicator_matrix,
    make_vectorizer,
)
from framing.events.graph import (
    UNDATED_WEIGHT,
    CandidatePairs,
    candidate_pairs,
    pair_work,
    time_weight,
)
from framing.events.records import EntryEvent, Event, EventAlignment
from framing.model import Entry

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Default time window: entries further apart are never compared; no event spans more.
DEFAULT_WINDOW = dt.timedelta(hours=36)
#: Default threshold on the mean time-weighted similarity of two clusters (chosen on the BASIL
#: dev half; see ``benchmarks/eval_events_basil.py`` and RESULTS.md).
DEFAULT_MIN_SIMILARITY = 0.09
#: Default number of candidate partners each entry keeps.
DEFAULT_NEIGHBORS = 30
#: Candidate pairs weaker than this share of ``min_similarity`` are not kept (they would barely
#: move an average).
FLOOR_RATIO = 0.5
#: Added to the cosine of a pair that shares an identical quotation of ≥ 5 words.
QUOTE_BOOST = 0.2
#: Weight of the Jaccard overlap of named places, added to the cosine.
PLACE_BOOST = 0.1
#: How many characteristic terms an event reports.
N_TOP_TERMS = 5
#: Least :func:`~framing.events.graph.pair_work` (row × row comparisons) for which
#: ``align_events(jobs > 1)`` starts worker processes: ~1 s of work, the cost of starting one.
MIN_PARALLEL_WORK = 40_000_000


def align_events(
    entries: Iterable[Entry],
    *,
    window: dt.timedelta = DEFAULT_WINDOW,
    min_similarity: float = DEFAULT_MIN_SIMILARITY,
    seed: int = 0,
    n_neighbors: int = DEFAULT_NEIGHBORS,
    quote_boost: float = QUOTE_BOOST,
    place_boost: float = PLACE_BOOST,
    jobs: int = 1,
) -> EventAlignment:
    """Group the entries that report the same event, and mark wire copies.

    Args:
        entries: the entries (any order; ids must be unique). Background entries are never
            aligned; entries without a publication date are aligned by text alone and flagged.
        window: the time window: dated entries further apart are never compared, and no event
            spans more than this.
        min_similarity: the threshold on the mean time-weighted similarity between two groups
            for them to merge (0 < x ≤ 1; higher gives smaller, surer events).
        seed: seed of the MinHash functions of copy detection. The alignment itself is
            deterministic; the same input and parameters always give the same output.
        n_neighbors: how many most similar partners each entry keeps as candidates.
        quote_boost: added to the cosine of a pair sharing a quotation of ≥ 5 words (0: off).
        place_boost: weight of the Jaccard overlap of named places (0: off).
        jobs: worker processes for candidate pairs and MinHash signatures (the result is the
            same for any number; clustering runs in this process).

    Returns:
        The :class:`~framing.events.records.EventAlignment`: events numbered by start time and one
        record per input entry, in input order.

    Raises:
        OptionError: a parameter is out of range.
        InputError: two entries share an id.
    """
    window_seconds = _check_parameters(window, min_similarity, n_neighbors)
    if quote_boost < 0 or place_boost < 0:
        raise OptionError("the `quote_boost` and `place_boost` parameters must be >= 0; got "
                          f"{quote_boost!r} and {place_boost!r}")
    all_entries = list(entries)
    _check_unique_ids(all_entries)
    rows = _time_order(all_entries)
    aligned = [all_entries[i] for i in rows]
    times = np.array([_timestamp(e) for e in aligned], dtype=np.float64)
    parameters: dict[str, Any] = {
        "window_seconds": window_seconds, "min_similarity": min_similarity, "seed": seed,
        "n_neighbors": n_neighbors, "floor": FLOOR_RATIO * min_similarity,
        "quote_boost": quote_boost, "place_boost": place_boost,
        "undated_weight": UNDATED_WEIGHT, "copy_containment": copies_module.COPY_CONTAINMENT,
    }
    vectorizer = make_vectorizer()
    workers = None
    # Workers cost ~1 s of CPU each to start: worth it only for many comparisons.
    if jobs > 1 and pair_work(times, window_seconds) > MIN_PARALLEL_WORK:
        from framing.events.pool import EventWorkers

        workers = EventWorkers(jobs)
    try:  # the workers stop however this ends
        try:
            matrix = sp.csr_matrix(vectorizer.fit_transform([entry_text(e) for e in aligned]))
        except ValueError:  # no entry, or no entry with a single content word
            return _build_alignment(all_entries, aligned, np.arange(len(aligned)),
                                    [None] * len(aligned), None, [], parameters)
        mapper = workers.pair_mapper(matrix, times, window=window_seconds,
                                     floor=FLOOR_RATIO * min_similarity,
                                     n_neighbors=n_neighbors) if workers else None
        pairs = candidate_pairs(matrix, times, window=window_seconds,
                                floor=FLOOR_RATIO * min_similarity, n_neighbors=n_neighbors,
                                map_chunks=mapper)
        similarity = _pair_similarity(aligned, pairs, times, window_seconds,
                                      quote_boost=quote_boost, place_boost=place_boost)
        labels = average_linkage(len(aligned), pairs.left, pairs.right, similarity,
                                 threshold=min_similarity, times=times,
                                 max_span=window_seconds)
        order_key = [(t if not math.isnan(t) else math.inf, i)
                     for i, t in enumerate(times.tolist())]
        copy_rows = copies_module.find_copies(
            aligned, pairs.left, pairs.right, pairs.cosine, order_key=order_key, seed=seed,
            signatures_of=workers.signatures if workers else None)
    finally:
        if workers is not None:
            workers.close()
    terms = [str(t) for t in vectorizer.get_feature_names_out()]
    return _build_alignment(all_entries, aligned, labels, copy_rows, matrix, terms, parameters)


def _check_parameters(window: dt.timedelta, min_similarity: float, n_neighbors: int) -> float:
    if not isinstance(window, dt.timedelta) or window <= dt.timedelta(0):
        raise OptionError(f"the `window` parameter must be a positive duration; got {window!r}")
    if not 0.0 < min_similarity <= 1.0:
        raise OptionError(
            f"the `min_similarity` parameter must be in (0, 1]; got {min_similarity!r}")
    if n_neighbors < 1:
        raise OptionError(f"the `n_neighbors` parameter must be at least 1; got {n_neighbors!r}")
    return window.total_seconds()


def _check_unique_ids(entries: Sequence[Entry]) -> None:
    seen: set[str] = set()
    for entry in entries:
        if entry.id in seen:
            raise InputError(f"duplicate entry id {entry.id!r}: event alignment needs unique "
                             "ids (read each file once, or give the entries distinct ids)",
                             path=str(entry.source))
        seen.add(entry.id)


def _timestamp(entry: Entry) -> float:
    return entry.published.timestamp() if entry.published is not None else math.nan


def _time_order(entries: Sequence[Entry]) -> list[int]:
    """Input indices of the non-background entries: dated by time, then undated in input order."""
    dated = [i for i, e in enumerate(entries) if e.kind == "entry" and e.published is not None]
    undated = [i for i, e in enumerate(entries) if e.kind == "entry" and e.published is None]
    dated.sort(key=lambda i: (_timestamp(entries[i]), i))
    return dated + undated


def _pair_similarity(entries: Sequence[Entry], pairs: CandidatePairs, times: FloatArray,
                     window: float, *, quote_boost: float, place_boost: float) -> FloatArray:
    """Cosine plus quote and place boosts, capped at 1, times the time weight."""
    if len(pairs) == 0:
        return np.zeros(0)
    score = pairs.cosine.copy()
    if quote_boost:
        quotes = indicator_matrix([extract_quotes(e.text) for e in entries])
        score += quote_boost * (_shared_counts(quotes, pairs) > 0)
    if place_boost:
        places = indicator_matrix([extract_places(e.body) for e in entries])
        shared = _shared_counts(places, pairs)
        n_places = np.asarray(places.sum(axis=1)).ravel()
        union = n_places[pairs.left] + n_places[pairs.right] - shared
        score += place_boost * np.divide(shared, union, out=np.zeros_like(shared),
                                         where=union > 0)
    gap = np.abs(times[pairs.left] - times[pairs.right])
    result: FloatArray = np.minimum(score, 1.0) * time_weight(gap, window)
    return result


def _shared_counts(indicator: sp.csr_matrix, pairs: CandidatePairs) -> FloatArray:
    """Number of items (quotes, places) that both entries of each pair hold."""
    counts = np.zeros(len(pairs))
    has_any = np.diff(indicator.indptr) > 0
    both = np.flatnonzero(has_any[pairs.left] & has_any[pairs.right])
    if len(both):
        product = indicator[pairs.left[both]].multiply(indicator[pairs.right[both]])
        counts[both] = np.asarray(product.sum(axis=1)).ravel()
    return counts


def _build_alignment(
    all_entries: Sequence[Entry],
    aligned: Sequence[Entry],
    labels: IntArray,
    copy_rows: Sequence[int | None],
    matrix: sp.csr_matrix | None,
    terms: Sequence[str],
    parameters: dict[str, Any],
) -> EventAlignment:
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels.tolist()):
        groups.setdefault(label, []).append(row)
    clusters = [rows for rows in groups.values() if len(rows) > 1]

    def dates(rows: list[int]) -> list[dt.datetime]:
        return [d for d in (aligned[r].published for r in rows) if d is not None]

    def start_key(rows: list[int]) -> tuple[float, int]:
        dated = dates(rows)
        return (min(d.timestamp() for d in dated) if dated else math.inf, rows[0])

    clusters.sort(key=start_key)
    width = max(4, len(str(len(clusters))))
    representatives, top_terms = _describe(clusters, matrix, terms)
    events: list[Event] = []
    event_of_row: dict[int, str] = {}
    for number, rows in enumerate(clusters, start=1):
        event_id = f"E{number:0{width}d}"
        dated = dates(rows)
        head = aligned[representatives[number - 1]]
        events.append(Event(
            event_id=event_id,
            start=min(dated) if dated else None,
            end=max(dated) if dated else None,
            outlets=tuple(sorted({aligned[r].outlet for r in rows})),
            entry_ids=tuple(aligned[r].id for r in rows),
            headline=_headline(head),
            headline_id=head.id,
            top_terms=top_terms[number - 1],
            n_undated=len(rows) - len(dated),
        ))
        for r in rows:
            event_of_row[r] = event_id
    row_of_id = {e.id: r for r, e in enumerate(aligned)}
    records: list[EntryEvent] = []
    for entry in all_entries:
        position = row_of_id.get(entry.id) if entry.kind == "entry" else None
        origin = copy_rows[position] if position is not None else None
        records.append(EntryEvent(
            entry_id=entry.id,
            outlet=entry.outlet,
            event_id=event_of_row.get(position) if position is not None else None,
            copy_of=aligned[origin].id if origin is not None else None,
            undated=entry.published is None,
        ))
    return EventAlignment(events=tuple(events), entries=tuple(records), parameters=parameters)


def _describe(clusters: Sequence[list[int]], matrix: sp.csr_matrix | None,
              terms: Sequence[str]) -> tuple[list[int], list[tuple[str, ...]]]:
    """Per cluster: the row closest to the TF-IDF centroid, and the top centroid terms."""
    if matrix is None or not clusters:
        return [rows[0] for rows in clusters], [() for _ in clusters]
    member_rows = np.concatenate([np.asarray(rows, dtype=np.int64) for rows in clusters])
    cluster_of = np.repeat(np.arange(len(clusters)), [len(rows) for rows in clusters])
    sizes = np.array([len(rows) for rows in clusters], dtype=np.float64)
    membership = sp.csr_matrix((1.0 / sizes[cluster_of], (cluster_of, member_rows)),
                               shape=(len(clusters), matrix.shape[0]))
    centroids = sp.csr_matrix(membership @ matrix)
    closeness = np.asarray(matrix[member_rows].multiply(centroids[cluster_of]).sum(axis=1))
    closeness = closeness.ravel()
    # Highest closeness per cluster; ties go to the earliest row (rows are in time order).
    order = np.lexsort((member_rows, -closeness, cluster_of))
    first = np.concatenate(([True], cluster_of[order][1:] != cluster_of[order][:-1]))
    representatives = member_rows[order][first].tolist()
    top_terms: list[tuple[str, ...]] = []
    for k in range(len(clusters)):
        lo, hi = centroids.indptr[k], centroids.indptr[k + 1]
        weights, columns = centroids.data[lo:hi], centroids.indices[lo:hi]
        best = np.lexsort((columns, -weights))[:N_TOP_TERMS]
        top_terms.append(tuple(terms[int(c)] for c in columns[best]))
    return representatives, top_terms


def _headline(entry: Entry) -> str:
    if entry.title:
        return entry.title
    first_line = entry.text.strip().split("\n", 1)[0]
    return first_line[:120] + ("…" if len(first_line) > 120 else "")


_DURATION_RE = re.compile(r"(\d+(?:\.\d+)?)\s*([wdhms])", re.IGNORECASE)
_DURATION_UNITS = {"w": 604800.0, "d": 86400.0, "h": 3600.0, "m": 60.0, "s": 1.0}


def parse_duration(text: str, *, option: str = "--window") -> dt.timedelta:
    """Parse a duration such as ``36h``, ``90m``, ``2d`` or ``1d12h``.

    Args:
        text: the duration: one or more ``<number><unit>`` parts, units ``w d h m s``.
        option: the option name used in the error message.

    Returns:
        The duration.

    Raises:
        OptionError: the text is not a positive duration.
    """
    cleaned = text.strip()
    parts = list(_DURATION_RE.finditer(cleaned))
    consumed = "".join(p.group(0) for p in parts).replace(" ", "")
    if not parts or consumed != cleaned.replace(" ", ""):
        raise OptionError(f"the `{option}` option must be a duration such as '36h', '90m' or "
                          f"'2d'; got {text!r}")
    seconds = sum(float(p.group(1)) * _DURATION_UNITS[p.group(2).lower()] for p in parts)
    if seconds <= 0:
        raise OptionError(f"the `{option}` option must be a positive duration; got {text!r}")
    return dt.timedelta(seconds=seconds)


def parse_window(text: str) -> dt.timedelta:
    """Parse a ``--window`` value such as ``36h`` (see :func:`parse_duration`).

    Args:
        text: the duration.

    Returns:
        The duration.

    Raises:
        OptionError: the text is not a positive duration.
    """
    return parse_duration(text, option="--window")
