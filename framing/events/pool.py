"""Worker processes for event alignment (``framing events --jobs N``).

The costly steps that are independent per chunk run in workers: the candidate pairs of each
chunk of dated rows (a sparse product of the chunk with the rows its time window reaches) and
the MinHash signatures of copy detection. Results come back in order and are joined exactly as
one process builds them, so the alignment is identical; clustering stays in the parent. The
pool starts before the TF-IDF vectors are built, so workers start while the parent vectorises,
and each task carries its own slice of rows (a worker imports only numpy, scipy and the event
modules).
"""

from __future__ import annotations

import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from typing import Any

import numpy as np

from framing.events.graph import CHUNK_ROWS, ChunkPairs, dated_chunk


def _init_worker() -> None:
    # Ctrl-C goes to the whole process group: the parent handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _pairs_chunk(rows: Any, times: Any, start: int, options: dict[str, Any]) -> ChunkPairs:
    """:func:`dated_chunk` of the chunk at ``start``, given the rows its window reaches."""
    left, right, cosine, n_computed = dated_chunk(rows, times, 0, **options)
    return left + start, right + start, cosine, n_computed


def _signatures_chunk(texts: list[str], seed: int) -> Any:
    from framing.events.copies import minhash_signatures

    return minhash_signatures(texts, seed=seed)


class EventWorkers:
    """A pool of worker processes for :func:`~framing.events.align.align_events`.

    Args:
        jobs: worker processes.
    """

    #: Texts per MinHash task.
    TEXTS_PER_TASK = 2000

    def __init__(self, jobs: int) -> None:
        self.jobs = jobs
        self._pool = ProcessPoolExecutor(jobs, mp_context=get_context("spawn"),
                                         initializer=_init_worker)
        for _ in range(jobs):  # start the workers now, while the parent vectorises
            self._pool.submit(int)

    def _ordered(self, function: Callable[..., Any],
                 arguments: Iterable[tuple[Any, ...]]) -> Iterator[Any]:
        pending: deque[Future[Any]] = deque()
        for args in arguments:
            pending.append(self._pool.submit(function, *args))
            if len(pending) >= 2 * self.jobs:
                yield pending.popleft().result()
        while pending:
            yield pending.popleft().result()

    def pair_mapper(self, matrix: Any, times: Any, *, window: float, floor: float,
                    n_neighbors: int) -> Callable[[Iterable[int]], Iterator[ChunkPairs]]:
        """A ``map_chunks`` for :func:`~framing.events.graph.candidate_pairs`."""
        options = {"window": window, "floor": floor, "n_neighbors": n_neighbors}
        n_dated = int(np.count_nonzero(~np.isnan(times)))
        dated_times = times[:n_dated]

        def arguments(starts: Iterable[int]) -> Iterator[tuple[Any, ...]]:
            for start in starts:
                stop = min(n_dated, start + CHUNK_ROWS)
                reach = int(np.searchsorted(dated_times, dated_times[stop - 1] + window,
                                            side="right"))
                yield matrix[start:reach], times[start:reach], start, options

        def mapper(starts: Iterable[int]) -> Iterator[ChunkPairs]:
            return self._ordered(_pairs_chunk, arguments(starts))

        return mapper

    def signatures(self, texts: Sequence[str], *, seed: int = 0) -> tuple[Any, Any]:
        """:func:`~framing.events.copies.minhash_signatures` of the texts, computed in chunks."""
        from framing.events.copies import minhash_signatures

        size = self.TEXTS_PER_TASK
        chunks = [(list(texts[i:i + size]), seed) for i in range(0, len(texts), size)]
        if len(chunks) < 2:
            return minhash_signatures(texts, seed=seed)
        parts = list(self._ordered(_signatures_chunk, chunks))
        return (np.concatenate([p[0] for p in parts]), np.concatenate([p[1] for p in parts]))

    def close(self) -> None:
        """Stop the workers (pending work is cancelled)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
