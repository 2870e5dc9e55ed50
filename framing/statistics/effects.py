"""Effect sizes: rate ratio, Cohen's h, Cohen's d and Cramér's V.

A p-value says whether a difference is distinguishable from noise; an effect size says how
large it is. Tables report both.

References:
    Cohen, J. (1988). *Statistical Power Analysis for the Behavioral Sciences* (2nd ed.).
    Erlbaum. (h: ch. 6; d: ch. 2.)
    Hedges, L. V., & Olkin, I. (1985). *Statistical Methods for Meta-Analysis*. Academic Press.
    Cramér, H. (1946). *Mathematical Methods of Statistics*. Princeton University Press.
    Rothman, K. J., Greenland, S., & Lash, T. L. (2008). *Modern Epidemiology* (3rd ed.),
    ch. 14 (rate ratio and its log-scale interval). Lippincott Williams & Wilkins.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import NormalDist

import numpy as np
import numpy.typing as npt
from scipy import stats as scipy_stats  # type: ignore[import-untyped,unused-ignore]

from framing.errors import OptionError
from framing.statistics._validate import (
    OptionalNumbers,
    check_confidence,
    check_positive,
    is_real,
    to_vector,
)
from framing.statistics.records import DEFAULT_CONFIDENCE, EffectSize
from framing.statistics.significance import contingency_table, drop_empty_margins


def _check_non_negative(value: float, name: str) -> float:
    if not is_real(value) or not value >= 0:
        raise OptionError(f"the `{name}` parameter must be a number of at least 0; got {value!r}")
    if not math.isfinite(value):
        raise OptionError(f"the `{name}` parameter must be finite; got {value!r}")
    return float(value)


def _z(confidence: float) -> float:
    return NormalDist().inv_cdf((1.0 + confidence) / 2.0)


def rate_ratio(
    count_a: float,
    total_a: float,
    count_b: float,
    total_b: float,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
) -> EffectSize:
    """Rate ratio ``(count_a / total_a) / (count_b / total_b)`` with a log-scale interval.

    Treating the counts as Poisson, ``SE(ln RR) = sqrt(1 / count_a + 1 / count_b)`` and the
    interval is ``exp(ln RR ± z · SE)`` (Rothman, Greenland & Lash 2008, ch. 14). The Poisson
    assumption ignores the clustering of terms within entries, so this interval is narrower
    than a bootstrap over entries would be; use it as an effect size, and the permutation test
    (:func:`~framing.statistics.permutation_test_rates`) for significance. Pass the ``count``
    and ``total`` of two :class:`~framing.statistics.RateEstimate` records.

    Args:
        count_a: events in group A.
        total_a: exposure of group A (> 0).
        count_b: events in group B.
        total_b: exposure of group B (> 0).
        confidence: confidence level of the interval.

    Returns:
        An :class:`EffectSize` named ``rate ratio``. With ``count_a == 0`` the value is 0 and
        with ``count_b == 0`` it is ``None``; either way the interval is ``None`` (the log-scale
        standard error is infinite), with a ``note``.

    Example:
        >>> ratio = rate_ratio(20, 1000, 10, 2000)
        >>> ratio.value, round(ratio.low, 3), round(ratio.high, 3)
        (4.0, 1.872, 8.545)
    """
    confidence = check_confidence(confidence)
    count_a = _check_non_negative(count_a, "count_a")
    count_b = _check_non_negative(count_b, "count_b")
    total_a = check_positive(total_a, "total_a")
    total_b = check_positive(total_b, "total_b")
    method = "ratio of Poisson rates, log-scale Wald interval"
    if count_a == 0 or count_b == 0:
        return EffectSize(
            name="rate ratio",
            value=None if count_b == 0 else 0.0,
            confidence=confidence,
            method=method,
            note="a zero count leaves the log-scale interval undefined",
        )
    value = (count_a / total_a) / (count_b / total_b)
    spread = _z(confidence) * math.sqrt(1.0 / count_a + 1.0 / count_b)
    return EffectSize(
        name="rate ratio",
        value=value,
        low=value * math.exp(-spread),
        high=value * math.exp(spread),
        confidence=confidence,
        method=method,
    )


def cohens_h(p1: float, p2: float) -> EffectSize:
    """Cohen's h for two proportions: ``2 asin(sqrt(p1)) - 2 asin(sqrt(p2))`` (Cohen 1988).

    The arcsine transformation makes equal differences of h equally detectable whatever the
    base rate; |h| of 0.2, 0.5 and 0.8 are Cohen's "small", "medium" and "large".

    Example:
        >>> round(cohens_h(0.5, 0.2).value, 4)
        0.6435
    """
    for name, p in (("p1", p1), ("p2", p2)):
        if not is_real(p) or not 0.0 <= p <= 1.0:
            raise OptionError(f"the `{name}` parameter must be a proportion in [0, 1]; got {p!r}")
    value = 2.0 * math.asin(math.sqrt(p1)) - 2.0 * math.asin(math.sqrt(p2))
    return EffectSize(name="Cohen's h", value=value, method="2 asin √p1 − 2 asin √p2 (Cohen 1988)")


def cohens_d(
    x: OptionalNumbers, y: OptionalNumbers, *, confidence: float = DEFAULT_CONFIDENCE
) -> EffectSize:
    """Cohen's d: difference of means over the pooled standard deviation, with a normal interval.

    ``d = (mean(x) - mean(y)) / s_p`` with
    ``s_p² = ((n_x - 1) s_x² + (n_y - 1) s_y²) / (n_x + n_y - 2)`` (Cohen 1988), and the
    large-sample standard error ``SE(d) = sqrt((n_x + n_y) / (n_x n_y) + d² / (2 (n_x + n_y)))``
    (Hedges & Olkin 1985) for the interval ``d ± z · SE``. ``None`` and NaN values are dropped.

    Returns:
        An :class:`EffectSize` named ``Cohen's d``; ``value`` is ``None`` (with a ``note``) with
        fewer than 2 values in a group or no variation at all.

    Example:
        >>> round(cohens_d([1, 2, 3, 4, 5], [3, 4, 5, 6, 7]).value, 4)
        -1.2649
    """
    confidence = check_confidence(confidence)
    a = to_vector(x, "x", allow_negative=True, allow_missing=True)
    b = to_vector(y, "y", allow_negative=True, allow_missing=True)
    a, b = a[~np.isnan(a)], b[~np.isnan(b)]
    n_a, n_b = a.size, b.size
    method = "pooled-SD standardised mean difference (Cohen 1988); SE of Hedges & Olkin (1985)"
    if min(n_a, n_b) < 2:
        return EffectSize(
            name="Cohen's d",
            value=None,
            method=method,
            note="each group needs at least 2 values",
        )
    pooled = math.sqrt(
        ((n_a - 1) * float(a.var(ddof=1)) + (n_b - 1) * float(b.var(ddof=1))) / (n_a + n_b - 2)
    )
    if pooled == 0:
        return EffectSize(
            name="Cohen's d", value=None, method=method, note="no variation within groups"
        )
    d = (float(a.mean()) - float(b.mean())) / pooled
    se = math.sqrt((n_a + n_b) / (n_a * n_b) + d * d / (2.0 * (n_a + n_b)))
    spread = _z(confidence) * se
    return EffectSize(
        name="Cohen's d",
        value=d,
        low=d - spread,
        high=d + spread,
        confidence=confidence,
        method=method,
    )


def cohens_d_from_sums(
    n_x: int,
    sum_x: float,
    sum_sq_x: float,
    n_y: int,
    sum_y: float,
    sum_sq_y: float,
    *,
    confidence: float = DEFAULT_CONFIDENCE,
) -> EffectSize:
    """Cohen's d, as :func:`cohens_d`, from each group's count, sum and sum of squares.

    For values that were only summed (the block mode of
    :class:`framing.compare.CompareAccumulator`): ``s² = (Σx² − (Σx)² / n) / (n − 1)``.

    Example:
        >>> round(cohens_d_from_sums(5, 15, 55, 5, 25, 135).value, 4)
        -1.2649
    """
    confidence = check_confidence(confidence)
    method = "pooled-SD standardised mean difference (Cohen 1988); SE of Hedges & Olkin (1985)"
    if min(n_x, n_y) < 2:
        return EffectSize(
            name="Cohen's d", value=None, method=method, note="each group needs at least 2 values"
        )
    # Rounding can make a sum of squares a hair smaller than (Σx)²/n: clip at 0.
    ss_x = max(0.0, sum_sq_x - sum_x * sum_x / n_x)
    ss_y = max(0.0, sum_sq_y - sum_y * sum_y / n_y)
    pooled = math.sqrt((ss_x + ss_y) / (n_x + n_y - 2))
    if pooled == 0:
        return EffectSize(
            name="Cohen's d", value=None, method=method, note="no variation within groups"
        )
    d = (sum_x / n_x - sum_y / n_y) / pooled
    se = math.sqrt((n_x + n_y) / (n_x * n_y) + d * d / (2.0 * (n_x + n_y)))
    spread = _z(confidence) * se
    return EffectSize(
        name="Cohen's d",
        value=d,
        low=d - spread,
        high=d + spread,
        confidence=confidence,
        method=method,
    )


def cramers_v(table: Sequence[Sequence[float]] | npt.NDArray[np.generic]) -> EffectSize:
    """Cramér's V of a table of counts: ``sqrt(χ² / (n · (min(r, k) - 1)))`` (Cramér 1946).

    χ² is Pearson's statistic without continuity correction; all-zero rows and columns are
    dropped first. V is 0 for independence and 1 for complete association; for a 2 x 2 table
    it equals |φ|.

    Returns:
        An :class:`EffectSize` named ``Cramér's V``; ``None`` (with a ``note``) when fewer than
        2 non-empty rows or columns are left.

    Example:
        >>> round(cramers_v([[10, 20], [30, 40]]).value, 4)
        0.0891
    """
    array, note = drop_empty_margins(contingency_table(table))
    method = "sqrt(chi² / (n (min(r, k) − 1))), chi² without continuity correction (Cramér 1946)"
    if array.shape[0] < 2 or array.shape[1] < 2:
        return EffectSize(
            name="Cramér's V",
            value=None,
            method=method,
            note="; ".join(filter(None, [note, "a single non-empty row or column is left"])),
        )
    chi2 = float(scipy_stats.chi2_contingency(array, correction=False).statistic)
    value = math.sqrt(chi2 / (float(array.sum()) * (min(array.shape) - 1)))
    return EffectSize(name="Cramér's V", value=value, method=method, note=note)
