"""Scoring a stream of entries: in this process, or in a process pool.

:func:`score_entries` suits entries already in memory (a notebook): workers compile the lexicons
once (pool initializer) and receive chunks of entries. Entries of one live feed always travel in
one chunk, so speaker memory across a feed is the same as in a single process, and the output is
identical whatever the number of jobs. Its parent decodes and pickles every entry and record,
which caps the speed-up for cheap per-entry work; to score *files*, :mod:`framing.parallel`
(``framing score --jobs N``) lets workers read their own shards and return encoded output.
"""

from __future__ import annotations

import multiprocessing
import signal
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from framing.analysis.analyze import Analyzer, context_key, score
from framing.analysis.records import EntryScore
from framing.lexicon import Lexicon
from framing.model import Entry

_WORKER: dict[str, Any] = {}


def _init_worker(analyzer: Analyzer, options: dict[str, bool]) -> None:
    # Ctrl-C is the parent's to handle (it terminates the pool): no traceback per worker.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["analyzer"] = analyzer
    _WORKER["options"] = options


def _score_chunk(chunk: list[Entry]) -> list[EntryScore]:
    return list(score(chunk, _WORKER["analyzer"], **_WORKER["options"]))


def lexicon_sides(lexicons: Iterable[Lexicon]) -> tuple[str, ...]:
    """Every side id declared by the lexicons, in first-seen order (as ``Analyzer.sides``).

    For a parent that hands lexicons to workers and needs the sides without compiling them.
    """
    seen: dict[str, None] = {}
    for lexicon in lexicons:
        for side in lexicon.sides:
            seen.setdefault(side, None)
    return tuple(seen)


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
    pool = None
    # The pool is terminated however this generator ends: exhausted, closed early, or
    # interrupted (Ctrl-C in the parent), so no worker outlives the run.
    try:
        with sigint_deferred():  # workers start with SIGINT blocked: the parent handles it
            pool = context.Pool(jobs, initializer=_init_worker, initargs=(analyzer, options))
        for records in pool.imap(_score_chunk, chunk_entries(entries, chunk_size)):
            yield from records
    finally:
        if pool is not None:
            pool.terminate()


@contextmanager
def sigint_deferred() -> Iterator[None]:
    """Hold back Ctrl-C in this block; a Ctrl-C meanwhile raises KeyboardInterrupt at its end.

    Worker processes started here inherit a blocked SIGINT (the signal mask of the starting
    thread survives fork and exec), so a half-started worker never prints a traceback of its
    own; the parent still gets its KeyboardInterrupt, a moment later. The mask alone is not
    enough in the parent: other threads (numpy's BLAS pool) may take the signal, so a handler
    remembers it meanwhile.
    """
    if threading.current_thread() is not threading.main_thread():
        yield  # signal handlers can only be set from the main thread
        return
    caught: list[int] = []
    previous_handler = signal.signal(signal.SIGINT, lambda signum, _frame: caught.append(signum))
    previous_mask = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous_mask)
        signal.signal(signal.SIGINT, previous_handler)
    if caught:
        raise KeyboardInterrupt
