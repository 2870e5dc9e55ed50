"""Scoring many entries: in this process, or in a process pool (``--jobs N``).

Workers compile the lexicons once (pool initializer) and receive chunks of entries. Entries of
one live feed always travel in one chunk, so speaker memory across a feed is the same as in a
single process, and the output is identical whatever the number of jobs.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Iterable, Iterator
from typing import Any

from framing.analysis.analyze import Analyzer, context_key, score
from framing.analysis.records import EntryScore
from framing.model import Entry

_WORKER: dict[str, Any] = {}


def _init_worker(analyzer: Analyzer, options: dict[str, bool]) -> None:
    _WORKER["analyzer"] = analyzer
    _WORKER["options"] = options


def _score_chunk(chunk: list[Entry]) -> list[EntryScore]:
    return list(score(chunk, _WORKER["analyzer"], **_WORKER["options"]))


def chunk_entries(entries: Iterable[Entry], size: int) -> Iterator[list[Entry]]:
    """Split a stream into chunks of about ``size`` entries, never splitting a live feed."""
    chunk: list[Entry] = []
    previous_key: str | None = None
    for entry in entries:
        key = context_key(entry)
        if len(chunk) >= size and (key is None or key != previous_key):
            yield chunk
            chunk = []
        chunk.append(entry)
        previous_key = key
    if chunk:
        yield chunk


def score_entries(
    entries: Iterable[Entry],
    analyzer: Analyzer,
    *,
    jobs: int = 1,
    chunk_size: int = 256,
    readability: bool = True,
    tone: bool = True,
) -> Iterator[EntryScore]:
    """Score entries in order, with ``jobs`` worker processes (1 = in this process)."""
    options = {"readability": readability, "tone": tone}
    if jobs <= 1:
        yield from score(entries, analyzer, **options)
        return
    context = multiprocessing.get_context("spawn")
    with context.Pool(jobs, initializer=_init_worker, initargs=(analyzer, options)) as pool:
        for records in pool.imap(_score_chunk, chunk_entries(entries, chunk_size)):
            yield from records
