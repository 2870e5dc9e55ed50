"""Agreement coefficients as functions of per-item sufficient statistics (numpy only).

Every coefficient here is computed in two steps, which is what makes the bootstrap over items
cheap and exact:

1. a ``*_stats`` function turns the codes into one row of numbers **per item** (an item's
   coincidences, its agreeing pairs, its one-hot labels…), so that the coefficient depends on
   the data only through the column sums of that matrix;
2. a ``*_from_totals`` function turns a ``(B, K)`` array of such column sums into ``B`` values
   (``NaN`` where the coefficient is undefined, e.g. no variation at all).

The point estimate is step 2 applied to the plain column sums; a bootstrap resample of items is
step 2 applied to a weighted sum (an item drawn twice counts twice). See
:mod:`framing.agreement.report` for the resampling.

Codes arrive as an ``(n_items, n_coders)`` integer matrix of category indices, ``-1`` for a
missing code. Categories of numeric data are indexed in increasing numeric order, so that index
order is the rank order the ordinal metric needs.

References:
    Krippendorff, K. (2011). *Computing Krippendorff's Alpha-Reliability*. Annenberg School for
    Communication, University of Pennsylvania (departmental paper 43). The coincidence-matrix
    formulation and the nominal, ordinal, interval and ratio difference functions used here.
    Cohen, J. (1960). A coefficient of agreement for nominal scales. *Educational and
    Psychological Measurement*, 20(1), 37–46.
    Fleiss, J. L. (1971). Measuring nominal scale agreement among many raters. *Psychological
    Bulletin*, 76(5), 378–382.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal, TypeAlias

import numpy as np
import numpy.typing as npt

FloatArray: TypeAlias = npt.NDArray[np.float64]
IntArray: TypeAlias = npt.NDArray[np.int64]
Level: TypeAlias = Literal["nominal", "ordinal", "interval", "ratio"]

#: Levels of measurement of Krippendorff's alpha, in the order they are reported.
LEVELS: tuple[Level, ...] = ("nominal", "ordinal", "interval", "ratio")
#: Levels that need numeric labels.
NUMERIC_LEVELS: frozenset[str] = frozenset({"ordinal", "interval", "ratio"})

MISSING = -1


# --- Krippendorff's alpha -------------------------------------------------------------------


def value_counts(codes: IntArray, n_categories: int) -> IntArray:
    """Count, for every item, how many coders gave each category (``n_uc``).

    Args:
        codes: ``(n_items, n_coders)`` category indices, ``-1`` where a code is missing.
        n_categories: number of categories ``V``.

    Returns:
        ``(n_items, V)`` counts; missing codes are not counted anywhere.
    """
    n_items = codes.shape[0]
    counts = np.zeros((n_items, n_categories), dtype=np.int64)
    rows, cols = np.nonzero(codes != MISSING)
    np.add.at(counts, (rows, codes[rows, cols]), 1)
    return counts


def alpha_stats(counts: IntArray) -> Any:
    """Per-item coincidences, flattened: a sparse ``(n_items, V * V)`` matrix.

    Item ``u`` with ``m_u`` codes adds ``(n_uc * n_uk - [c == k] * n_uc) / (m_u - 1)`` to cell
    ``(c, k)`` of the coincidence matrix: each ordered pair of codes from two different coders,
    weighted so that every pairable code counts once in all (Krippendorff 2011, step B).
    Items with fewer than two codes are not pairable and add nothing.

    The matrix is sparse (an item touches at most ``m_u ** 2`` cells), so even interval data
    with hundreds of distinct values stays small.
    """
    from scipy import sparse

    n_items, n_categories = counts.shape
    per_item = counts.sum(axis=1)
    rows: list[IntArray] = []
    cols: list[IntArray] = []
    vals: list[FloatArray] = []
    for item in np.flatnonzero(per_item >= 2):
        present = np.flatnonzero(counts[item])
        n = counts[item, present].astype(np.float64)
        block = np.outer(n, n) - np.diag(n)
        block /= per_item[item] - 1
        c_idx, k_idx = np.meshgrid(present, present, indexing="ij")
        keep = block != 0
        rows.append(np.full(int(keep.sum()), item, dtype=np.int64))
        cols.append((c_idx * n_categories + k_idx)[keep].astype(np.int64))
        vals.append(block[keep])
    data = np.concatenate(vals) if vals else np.zeros(0)
    row_index = np.concatenate(rows) if rows else np.zeros(0, dtype=np.int64)
    col_index = np.concatenate(cols) if cols else np.zeros(0, dtype=np.int64)
    return sparse.csr_matrix((data, (row_index, col_index)),
                             shape=(n_items, n_categories * n_categories))


def delta_squared(level: Level, values: Sequence[float] | None, marginals: FloatArray
                  ) -> FloatArray:
    """Krippendorff's squared difference ``delta^2_ck`` for every pair of categories.

    Args:
        level: ``nominal`` (0 if equal, else 1), ``ordinal`` (the number of pairable values
            between two ranks, halving the ends), ``interval`` (squared difference), or
            ``ratio`` (squared difference over the squared sum).
        values: the numeric value of each category (needed by ``interval`` and ``ratio``;
            ``ordinal`` only needs the categories to be in rank order).
        marginals: ``(..., V)`` pairable values per category, ``n_c``; ``ordinal`` depends on
            them, so a batch of resamples gives a batch of metrics.

    Returns:
        ``(..., V, V)`` array (broadcastable ``(V, V)`` for the other levels).
    """
    n_categories = marginals.shape[-1]
    if level == "nominal":
        return 1.0 - np.eye(n_categories)
    if level == "ordinal":
        # For c <= k: (sum_{g=c..k} n_g - (n_c + n_k) / 2)^2 = (C_k - C_c + (n_c - n_k) / 2)^2
        # with C the cumulative sum; symmetric in c and k.
        cumulative = np.cumsum(marginals, axis=-1)
        c_low = cumulative[..., :, None]
        c_high = cumulative[..., None, :]
        n_low = marginals[..., :, None]
        n_high = marginals[..., None, :]
        upper = (c_high - c_low + (n_low - n_high) / 2.0) ** 2
        return np.triu(upper) + np.swapaxes(np.triu(upper, 1), -1, -2)
    if values is None:
        raise ValueError(f"the {level} metric needs numeric category values")
    numbers = np.asarray(values, dtype=np.float64)
    difference = numbers[:, None] - numbers[None, :]
    if level == "interval":
        return difference**2
    total = numbers[:, None] + numbers[None, :]
    with np.errstate(divide="ignore", invalid="ignore"):
        ratio = np.where(total != 0, difference / total, 0.0)
    return ratio**2


def alpha_from_totals(totals: FloatArray, level: Level, values: Sequence[float] | None
                      ) -> FloatArray:
    """Krippendorff's alpha from ``(B, V * V)`` summed coincidences, one value per row.

    ``alpha = 1 - (n - 1) * sum(o_ck * d_ck) / sum(n_c * n_k * d_ck)`` (Krippendorff 2011).
    ``NaN`` where it is undefined: fewer than two pairable values, or no expected disagreement
    (every pairable value is the same).
    """
    batch = totals.shape[0]
    n_categories = round(np.sqrt(totals.shape[1]))
    coincidence = totals.reshape(batch, n_categories, n_categories)
    marginals = coincidence.sum(axis=2)
    n_values = marginals.sum(axis=1)
    delta = delta_squared(level, values, marginals)
    observed = (coincidence * delta).sum(axis=(1, 2))
    expected = (marginals[:, :, None] * marginals[:, None, :] * delta).sum(axis=(1, 2))
    with np.errstate(divide="ignore", invalid="ignore"):
        alpha = 1.0 - (n_values - 1.0) * observed / expected
    return np.where((expected > 0) & (n_values > 1), alpha, np.nan)


def krippendorff_alpha(codes: IntArray, n_categories: int, level: Level = "nominal",
                       values: Sequence[float] | None = None) -> float:
    """Krippendorff's alpha of a coded matrix (items x coders, ``-1`` = missing).

    Example:
        >>> import numpy as np
        >>> round(krippendorff_alpha(np.array([[0, 1], [1, 1], [0, 1], [0, 0]]), 2), 3)
        0.125

    Returns:
        alpha, or ``nan`` when it is undefined (see :func:`alpha_from_totals`).
    """
    stats = alpha_stats(value_counts(codes, n_categories))
    totals = np.asarray(stats.sum(axis=0), dtype=np.float64)
    return float(alpha_from_totals(totals, level, values)[0])


# --- Cohen's kappa and pairwise percent agreement -------------------------------------------


def pair_stats(first: IntArray, second: IntArray, n_categories: int) -> FloatArray:
    """Per-item ``[agree, one-hot of coder 1 (V), one-hot of coder 2 (V)]`` for a coder pair.

    Only items both coders coded are rows; pass the two columns already filtered.
    """
    n_items = first.size
    stats = np.zeros((n_items, 1 + 2 * n_categories), dtype=np.float64)
    rows = np.arange(n_items)
    stats[:, 0] = first == second
    stats[rows, 1 + first] = 1.0
    stats[rows, 1 + n_categories + second] = 1.0
    return stats


def cohen_kappa_from_totals(totals: FloatArray) -> FloatArray:
    """Cohen's kappa from ``(B, 1 + 2V)`` summed :func:`pair_stats` rows.

    ``kappa = (p_o - p_e) / (1 - p_e)`` with ``p_e = sum_k p_1k * p_2k`` from each coder's own
    marginal distribution (Cohen 1960). ``NaN`` when ``p_e = 1`` (both coders used one and the
    same category throughout).
    """
    n_categories = (totals.shape[1] - 1) // 2
    first = totals[:, 1:1 + n_categories]
    second = totals[:, 1 + n_categories:]
    n_items = first.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = totals[:, 0] / n_items
        expected = (first * second).sum(axis=1) / n_items**2
        kappa = (observed - expected) / (1.0 - expected)
    return np.where((n_items > 0) & (expected < 1.0 - 1e-12), kappa, np.nan)


def percent_from_totals(totals: FloatArray) -> FloatArray:
    """Share of agreeing pairs from ``(B, 2)`` summed ``[agreeing pairs, pairs]``."""
    with np.errstate(divide="ignore", invalid="ignore"):
        share = totals[:, 0] / totals[:, 1]
    return np.where(totals[:, 1] > 0, share, np.nan)


def pairwise_percent_stats(counts: IntArray) -> FloatArray:
    """Per-item ``[agreeing coder pairs, coder pairs]`` over all coders who coded the item.

    An item coded ``a, a, b`` has 3 pairs of which 1 agrees. Unpairable items give ``[0, 0]``.
    """
    per_item = counts.sum(axis=1).astype(np.float64)
    agreeing = (counts * (counts - 1) / 2.0).sum(axis=1)
    return np.column_stack([agreeing, per_item * (per_item - 1) / 2.0])


# --- Fleiss' kappa --------------------------------------------------------------------------


def fleiss_stats(counts: IntArray) -> FloatArray:
    """Per-item ``[sum_j n_ij (n_ij - 1), n_i1 … n_iV]``; every item must have ``m`` codes."""
    agreeing = (counts * (counts - 1)).sum(axis=1).astype(np.float64)
    return np.column_stack([agreeing, counts.astype(np.float64)])


def fleiss_kappa_from_totals(totals: FloatArray, n_raters: int) -> FloatArray:
    """Fleiss' kappa from ``(B, 1 + V)`` summed :func:`fleiss_stats` rows, ``m`` raters each.

    ``P_bar = sum_i sum_j n_ij (n_ij - 1) / (N m (m - 1))``, ``p_j = n_j / (N m)``,
    ``kappa = (P_bar - sum_j p_j^2) / (1 - sum_j p_j^2)`` (Fleiss 1971). ``NaN`` when every
    code is the same category.
    """
    category_totals = totals[:, 1:]
    n_codes = category_totals.sum(axis=1)
    with np.errstate(divide="ignore", invalid="ignore"):
        observed = totals[:, 0] / (n_codes * (n_raters - 1))
        shares = category_totals / n_codes[:, None]
        expected = (shares**2).sum(axis=1)
        kappa = (observed - expected) / (1.0 - expected)
    return np.where((n_codes > 0) & (expected < 1.0 - 1e-12), kappa, np.nan)


def fleiss_kappa(table: npt.ArrayLike) -> float:
    """Fleiss' kappa of a subjects x categories table of rater counts (equal row sums).

    Raises:
        ValueError: rows do not all sum to the same number of raters (at least 2).
    """
    counts = np.asarray(table, dtype=np.int64)
    raters = counts.sum(axis=1)
    if counts.ndim != 2 or raters.size == 0 or (raters != raters[0]).any() or raters[0] < 2:
        raise ValueError("every subject needs the same number (>= 2) of ratings")
    totals = fleiss_stats(counts).sum(axis=0)[None, :]
    return float(fleiss_kappa_from_totals(totals, int(raters[0]))[0])


# --- a tool against the human majority ------------------------------------------------------


def classification_stats(predicted: IntArray, reference: IntArray, n_categories: int
                         ) -> FloatArray:
    """Per-item ``[one-hot predicted (V), one-hot reference (V), one-hot hit (V)]``."""
    n_items = predicted.size
    stats = np.zeros((n_items, 3 * n_categories), dtype=np.float64)
    rows = np.arange(n_items)
    stats[rows, predicted] = 1.0
    stats[rows, n_categories + reference] = 1.0
    hit = predicted == reference
    stats[rows[hit], 2 * n_categories + predicted[hit]] = 1.0
    return stats


def classification_from_totals(totals: FloatArray) -> FloatArray:
    """Per-category precision, recall and F1 plus accuracy and macro-F1 from summed stats.

    Returns:
        ``(B, 3V + 2)``: precision (V), recall (V), F1 (V), accuracy, macro-F1. Precision is
        ``NaN`` for a category the tool never chose, recall for one the majority never chose;
        F1 is ``NaN`` only when neither did. Macro-F1 averages F1 over the categories that
        occur (in the tool's codes or the majority's).
    """
    n_categories = totals.shape[1] // 3
    predicted = totals[:, :n_categories]
    reference = totals[:, n_categories:2 * n_categories]
    hits = totals[:, 2 * n_categories:]
    with np.errstate(divide="ignore", invalid="ignore"):
        precision = np.where(predicted > 0, hits / predicted, np.nan)
        recall = np.where(reference > 0, hits / reference, np.nan)
        f1 = np.where(predicted + reference > 0, 2 * hits / (predicted + reference), np.nan)
        accuracy = hits.sum(axis=1) / reference.sum(axis=1)
    occurring = np.isfinite(f1)
    with np.errstate(invalid="ignore"):
        macro = np.where(occurring.any(axis=1),
                         np.nansum(f1, axis=1) / np.maximum(occurring.sum(axis=1), 1), np.nan)
    return np.column_stack([precision, recall, f1, accuracy, macro])
