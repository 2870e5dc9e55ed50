"""Average-linkage agglomeration on a sparse similarity graph, with a cap on an event's time span.

The similarity of two clusters is the **mean similarity over all pairs of their members**, where
a pair that is not in the candidate graph counts as 0 (UPGMA; Sokal & Michener 1958). Clusters
merge, most similar first, while that mean reaches the threshold. Counting missing pairs as 0 is
what stops chaining: a cluster grows only if the newcomer is similar to most of its members, not
to one of them (single link would join A–B–C–D in a chain whenever neighbours are similar). A
merge is also refused when the merged cluster would span more than the time window (dated
members only), so an event can never stretch over the whole corpus.

Average linkage is *reducible* (a merged cluster is never more similar to a third cluster than
the closer of its two parts), so merging every pair of **reciprocal nearest neighbours** at once
gives the same clusters as merging one best pair at a time (Murtagh 1983, "A survey of recent
advances in hierarchical clustering algorithms", Computer Journal 26(4)). Each round is a few
vectorised sparse operations over the remaining cluster graph: O(E) per round for E candidate
pairs, and a few dozen rounds, never the number of entries squared. A pair whose merge would
exceed the span cap is dropped for good: every cluster holding both parts spans at least as much.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

IntArray = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]


def average_linkage(
    n_items: int,
    left: IntArray,
    right: IntArray,
    similarity: FloatArray,
    *,
    threshold: float,
    times: FloatArray,
    max_span: float,
) -> IntArray:
    """Cluster items by average linkage over a sparse similarity graph.

    Args:
        n_items: number of items (graph nodes ``0 … n_items-1``).
        left, right: the pairs with a known similarity (each pair once, ``left != right``).
        similarity: the similarity of each pair (non-negative).
        threshold: smallest mean pairwise similarity at which two clusters merge.
        times: each item's time in seconds (NaN when unknown; unknown times never limit a span).
        max_span: largest time span (seconds) of a cluster's dated members.

    Returns:
        A cluster label per item: the smallest item index of its cluster.
    """
    labels = np.arange(n_items, dtype=np.int64)
    if n_items == 0 or len(left) == 0:
        return labels
    size = np.ones(n_items, dtype=np.float64)
    t_min = np.where(np.isnan(times), np.inf, times)
    t_max = np.where(np.isnan(times), -np.inf, times)
    # Cluster graph: (a, b) with a < b and the SUM of member-pair similarities between them.
    a, b, total = _sum_duplicates(np.minimum(left, right), np.maximum(left, right),
                                  similarity.astype(np.float64), n_items)
    while len(a):
        # Pairs whose merged span exceeds the cap can never merge: drop them for good.
        span = np.maximum(t_max[a], t_max[b]) - np.minimum(t_min[a], t_min[b])
        fits = ~(span > max_span)
        a, b, total = a[fits], b[fits], total[fits]
        mean = total / (size[a] * size[b])
        strong = np.flatnonzero(mean >= threshold)
        if not len(strong):
            break
        # Weaker pairs stay in the graph: their sums count once their clusters grow.
        sa, sb = a[strong], b[strong]
        nearest = _nearest(sa, sb, mean[strong], n_items)
        mutual = (nearest[sa] == sb) & (nearest[sb] == sa)
        keep, gone = sa[mutual], sb[mutual]
        # Merge `gone` into `keep` (keep < gone, so a label is its cluster's smallest index).
        size[keep] += size[gone]
        t_min[keep] = np.minimum(t_min[keep], t_min[gone])
        t_max[keep] = np.maximum(t_max[keep], t_max[gone])
        target = np.arange(n_items, dtype=np.int64)
        target[gone] = keep
        labels = target[labels]
        a, b = target[a], target[b]
        inner = a != b
        a, b = np.minimum(a[inner], b[inner]), np.maximum(a[inner], b[inner])
        a, b, total = _sum_duplicates(a, b, total[inner], n_items)
    return labels


def _sum_duplicates(a: IntArray, b: IntArray, total: FloatArray,
                    n_items: int) -> tuple[IntArray, IntArray, FloatArray]:
    """Add up the sums of repeated (a, b) pairs; return them sorted by (a, b)."""
    matrix = sp.csr_matrix((total, (a, b)), shape=(n_items, n_items))
    matrix.sum_duplicates()
    coo = matrix.tocoo()
    return (coo.row.astype(np.int64), coo.col.astype(np.int64),
            coo.data.astype(np.float64))


def _nearest(a: IntArray, b: IntArray, mean: FloatArray, n_items: int) -> IntArray:
    """Each node's most similar neighbour (ties: the smallest index); -1 without neighbours."""
    # Both directions in one CSR matrix: rows are grouped by a counting sort, not a full sort.
    matrix = sp.csr_matrix((np.concatenate([mean, mean]),
                            (np.concatenate([a, b]), np.concatenate([b, a]))),
                           shape=(n_items, n_items))
    matrix.sort_indices()
    counts = np.diff(matrix.indptr)
    present = np.flatnonzero(counts)
    row_max = np.maximum.reduceat(matrix.data, matrix.indptr[present])
    row_of = np.repeat(np.arange(n_items, dtype=np.int64), counts)
    best = np.zeros(n_items)
    best[present] = row_max
    hits = np.flatnonzero(matrix.data == best[row_of])
    # Columns are sorted within a row, so the first hit of a row is its smallest index.
    first = np.ones(len(hits), dtype=bool)
    first[1:] = row_of[hits][1:] != row_of[hits][:-1]
    nearest = np.full(n_items, -1, dtype=np.int64)
    nearest[row_of[hits[first]]] = matrix.indices[hits[first]]
    return nearest
