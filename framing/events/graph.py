"""Candidate pairs for event alignment: sparse nearest neighbours, blocked by publication time.

Rows are sorted by publication time (undated rows last). A dated row is compared only with the
later dated rows inside the time window: one sparse product per chunk of rows against the slice
of rows the window reaches, so the work grows with ``n × entries per window``, never with
``n²``. Each dated row keeps its ``n_neighbors`` most similar later partners (time-weighted
cosine at least ``floor``), so every pair is computed once and a row's earlier partners come
from their own lists. An undated row has no time to block on: it is compared with every row, by
text alone, and keeps its ``n_neighbors`` best partners. The union of these lists is the
candidate graph."""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]

#: Rows per sparse product; bounds the memory of one block of similarities.
CHUNK_ROWS = 500


@dataclass(frozen=True)
class CandidatePairs:
    """Candidate pairs ``(left[k], right[k])`` with ``left < right`` (row indices).

    Attributes:
        left, right: row indices of each pair.
        cosine: TF-IDF cosine similarity of each pair.
        n_computed: number of similarities computed (the work done, for benchmarks).
    """

    left: IntArray
    right: IntArray
    cosine: FloatArray
    n_computed: int

    def __len__(self) -> int:
        return len(self.left)


def _top_k(rows: IntArray, vals: FloatArray, n_rows: int, k: int) -> npt.NDArray[np.bool_]:
    """Mask of the ``k`` largest values of each row (entries grouped by row, row-major)."""
    keep = np.ones(len(rows), dtype=bool)
    counts = np.bincount(rows, minlength=n_rows)
    if counts.max(initial=0) <= k:
        return keep
    starts = np.concatenate(([0], np.cumsum(counts)[:-1]))
    for row in np.flatnonzero(counts > k).tolist():
        lo = int(starts[row])
        block = vals[lo:lo + int(counts[row])]
        # argpartition is deterministic for the same input, so runs repeat exactly.
        keep[lo:lo + len(block)] = False
        keep[lo + np.argpartition(-block, k - 1)[:k]] = True
    return keep


ChunkPairs = tuple[IntArray, IntArray, FloatArray, int]


def _collect(block: sp.csr_matrix, row0: int, col0: int, *, times: FloatArray, window: float,
             floor: float, n_neighbors: int, dated: bool) -> ChunkPairs:
    """The pairs one block of similarities keeps: ``(left, right, cosine, n_computed)``."""
    n_dated = int(np.count_nonzero(~np.isnan(times)))
    floor32 = np.float32(floor)
    vals = block.data
    local_rows = np.repeat(np.arange(block.shape[0], dtype=np.int32), np.diff(block.indptr))
    cols = block.indices
    if dated:
        # One pass: the weight is below the floor (or negative) outside the window, and
        # only later rows are kept, so each pair is seen once.
        gap = (times[cols + col0] - times[local_rows + row0]).astype(np.float32)
        weighted = vals * (1.0 - gap / np.float32(window))
        keep = (weighted >= floor32) & (cols + (col0 - row0) > local_rows)
    else:
        weighted = vals * np.float32(UNDATED_WEIGHT)
        glob_cols = cols + col0
        glob_rows = local_rows + row0
        keep = ((weighted >= floor32) & (glob_cols != glob_rows)
                & ((glob_cols < n_dated) | (glob_cols > glob_rows)))
    local_rows, cols, vals, weighted = (local_rows[keep], cols[keep], vals[keep],
                                        weighted[keep])
    best = _top_k(local_rows, weighted, block.shape[0], n_neighbors)
    return (local_rows[best].astype(np.int64) + row0, cols[best].astype(np.int64) + col0,
            vals[best].astype(np.float64), int(block.nnz))


def dated_chunk(matrix: sp.csr_matrix, times: FloatArray, start: int, *, window: float,
                floor: float, n_neighbors: int) -> ChunkPairs:
    """Candidate pairs of the dated rows ``start … start + CHUNK_ROWS`` with later rows.

    Args:
        matrix, times, window, floor, n_neighbors: as for :func:`candidate_pairs`.
        start: the chunk's first row.

    Returns:
        ``(left, right, cosine, n_computed)`` of the chunk.
    """
    n_dated = int(np.count_nonzero(~np.isnan(times)))
    dated_times = times[:n_dated]
    stop = min(n_dated, start + CHUNK_ROWS)
    reach = int(np.searchsorted(dated_times, dated_times[stop - 1] + window, side="right"))
    block = (matrix[start:stop] @ matrix[start:reach].T).tocsr()
    return _collect(block, start, start, times=times, window=window, floor=floor,
                    n_neighbors=n_neighbors, dated=True)


def pair_work(times: FloatArray, window: float) -> int:
    """Rough work of :func:`candidate_pairs`: rows × rows reached, summed over dated chunks.

    Cheap (times only), so a caller can decide whether worker processes are worth starting.
    """
    n_dated = int(np.count_nonzero(~np.isnan(times)))
    dated_times = times[:n_dated]
    starts = np.arange(0, n_dated, CHUNK_ROWS)
    if not len(starts):
        return 0
    stops = np.minimum(n_dated, starts + CHUNK_ROWS)
    reach = np.searchsorted(dated_times, dated_times[stops - 1] + window, side="right")
    return int(((stops - starts) * (reach - starts)).sum())


def candidate_pairs(
    matrix: sp.csr_matrix,
    times: FloatArray,
    *,
    window: float,
    floor: float,
    n_neighbors: int,
    map_chunks: Callable[[Iterable[int]], Iterable[ChunkPairs]] | None = None,
) -> CandidatePairs:
    """Find each row's most similar rows within the time window.

    Args:
        matrix: L2-normalised TF-IDF rows, sorted by time with undated rows (NaN time) last.
        times: publication times in seconds (NaN for undated rows), non-decreasing.
        window: the time window in seconds; dated pairs further apart are never compared.
        floor: smallest time-weighted cosine kept (see :func:`time_weight`).
        n_neighbors: how many partners each row keeps at most.
        map_chunks: computes :func:`dated_chunk` for each start row, in order (worker
            processes); None computes them here.

    Returns:
        The candidate pairs (each pair once), with their cosine similarity.
    """
    n_rows = matrix.shape[0]
    n_dated = int(np.count_nonzero(~np.isnan(times)))
    lefts: list[IntArray] = []
    rights: list[IntArray] = []
    cosines: list[FloatArray] = []
    n_computed = 0
    starts = range(0, n_dated, CHUNK_ROWS)
    # Chunks are independent: a pool (``align_events(jobs=)``) computes them in order.
    chunks = (map_chunks(starts) if map_chunks is not None else
              (dated_chunk(matrix, times, start, window=window, floor=floor,
                           n_neighbors=n_neighbors) for start in starts))
    if n_dated < n_rows:
        everything_t = matrix.T.tocsc()
        undated = (_collect((matrix[start:min(n_rows, start + CHUNK_ROWS)]
                             @ everything_t).tocsr(), start, 0, times=times, window=window,
                            floor=floor, n_neighbors=n_neighbors, dated=False)
                   for start in range(n_dated, n_rows, CHUNK_ROWS))
        chunks = itertools.chain(chunks, undated)
    for left_part, right_part, cosine_part, n_part in chunks:
        lefts.append(left_part)
        rights.append(right_part)
        cosines.append(cosine_part)
        n_computed += n_part
    if not lefts:
        empty = np.zeros(0, dtype=np.int64)
        return CandidatePairs(empty, empty.copy(), np.zeros(0), n_computed)
    left = np.concatenate(lefts)
    right = np.concatenate(rights)
    # Undated rows also pair with dated rows: store every pair as (smaller, larger).
    lo, hi = np.minimum(left, right), np.maximum(left, right)
    return CandidatePairs(lo, hi, np.concatenate(cosines), n_computed)


#: Weight of a pair in which at least one entry is undated: the mean of the linear time weight
#: over the window (a pair of unknown distance counts as if it were half a window apart).
UNDATED_WEIGHT = 0.5


def time_weight(gap: FloatArray, window: float) -> FloatArray:
    """Linear time decay: 1 for simultaneous entries, 0 at the edge of the window.

    Args:
        gap: absolute time differences in seconds (NaN where an entry is undated).
        window: the window in seconds.

    Returns:
        ``1 - gap / window`` clipped to [0, 1]; :data:`UNDATED_WEIGHT` where ``gap`` is NaN.
    """
    weight = np.clip(1.0 - gap / window, 0.0, 1.0)
    return np.where(np.isnan(gap), UNDATED_WEIGHT, weight)
