"""Point estimates with percentile bootstrap intervals over units, and the Wilson interval.

All three bootstrap functions estimate a **ratio of sums** — ``sum(numerator) / sum(denominator)``
over units (entries) — and resample *units* with replacement, numerator and denominator
together (the case, or cluster, bootstrap of a ratio estimator; Davison & Hinkley 1997, ch. 2
and 5). Resampling entries rather than words keeps the dependence between the words of one
entry (an entry that uses a loaded term once tends to use it again), so intervals are honest
for text. The interval is the percentile interval (Efron & Tibshirani 1993, ch. 13): the
``(1 - confidence) / 2`` and ``(1 + confidence) / 2`` quantiles of the resampled estimates
(numpy's default linear interpolation).

Decisions, the same for all three:

* **Units with a zero denominator are dropped** before resampling (an entry without words has
  no rate); a positive numerator with a zero denominator is an error.
* **No exposure** (nothing left, or a zero total): ``value``, ``low`` and ``high`` are ``None``.
* **A single unit**: the value is reported, ``low`` and ``high`` are ``None``. Resampling one
  unit always gives the same value, and a zero-width interval would claim certainty that one
  entry cannot give; ``small_sample`` is set.
* **Small samples** are flagged (``small_sample=True``), never hidden: fewer than
  :data:`~framing.statistics.records.SMALL_SAMPLE_MIN_UNITS` units, or (rates) fewer than
  :data:`~framing.statistics.records.SMALL_SAMPLE_MIN_COUNT` events, or (proportions) fewer
  than that many successes or failures — the usual ``np >= 5`` and ``n(1 - p) >= 5`` rule.
* **Reproducible**: all randomness comes from ``numpy.random.default_rng(seed)`` with the fixed
  default seed :data:`~framing.statistics.records.DEFAULT_SEED`; the same inputs, seed and
  numpy version give the same interval.

References:
    Efron, B., & Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
    Davison, A. C., & Hinkley, D. V. (1997). *Bootstrap Methods and their Application*.
    Cambridge University Press.
    Wilson, E. B. (1927). Probable inference, the law of succession, and statistical
    inference. *Journal of the American Statistical Association*, 22(158), 209–212.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

from framing.errors import OptionError
from framing.statistics._validate import (
    FloatArray,
    Numbers,
    OptionalNumbers,
    as_number,
    check_confidence,
    check_count,
    check_positive,
    check_same_length,
    check_seed,
    drop_empty_units,
    show_number,
    to_vector,
)
from framing.statistics.records import (
    DEFAULT_CONFIDENCE,
    DEFAULT_N_BOOT,
    DEFAULT_SEED,
    SMALL_SAMPLE_MIN_COUNT,
    SMALL_SAMPLE_MIN_UNITS,
    MeanEstimate,
    ProportionEstimate,
    RateEstimate,
)

BOOTSTRAP_METHOD = "percentile bootstrap over units (ratio of sums)"

# Resampled indices are drawn in chunks of at most this many, so 100,000 entries x 2,000
# resamples never hold a 200-million-element index array. The chunking depends only on the
# number of units, so results stay deterministic.
_MAX_DRAWS_PER_CHUNK = 2_000_000


def _resample_ratios(
    numerators: FloatArray, denominators: FloatArray, *, n_boot: int, seed: int
) -> FloatArray:
    """Ratio of sums in each of ``n_boot`` resamples of the units (NaN where the sum is 0)."""
    rng = np.random.default_rng(seed)
    n_units = numerators.size
    ratios = np.empty(n_boot, dtype=np.float64)
    chunk = max(1, _MAX_DRAWS_PER_CHUNK // n_units)
    for start in range(0, n_boot, chunk):
        stop = min(n_boot, start + chunk)
        index = rng.integers(0, n_units, size=(stop - start, n_units))
        sum_num = numerators[index].sum(axis=1)
        sum_den = denominators[index].sum(axis=1)
        with np.errstate(divide="ignore", invalid="ignore"):
            ratios[start:stop] = np.where(sum_den > 0, sum_num / sum_den, np.nan)
    return ratios


def _percentile_interval(
    numerators: FloatArray,
    denominators: FloatArray,
    *,
    scale: float,
    n_boot: int,
    confidence: float,
    seed: int,
) -> tuple[float | None, float | None]:
    """Percentile interval of ``scale * sum(num) / sum(den)``; ``(None, None)`` below 2 units."""
    if numerators.size < 2:
        return None, None
    ratios = _resample_ratios(numerators, denominators, n_boot=n_boot, seed=seed) * scale
    finite = ratios[np.isfinite(ratios)]
    if finite.size == 0:
        return None, None
    tail = (1.0 - confidence) / 2.0
    low, high = np.quantile(finite, [tail, 1.0 - tail])
    return float(low), float(high)


def ratio_percentile_interval(
    numerators: Numbers,
    denominators: Numbers,
    *,
    scale: float = 1.0,
    n_boot: int = DEFAULT_N_BOOT,
    confidence: float = DEFAULT_CONFIDENCE,
    seed: int = DEFAULT_SEED,
) -> tuple[float | None, float | None]:
    """Percentile bootstrap interval of ``scale * sum(numerators) / sum(denominators)``.

    The resampling of :func:`bootstrap_rate_ci` without its input rules: numerators may be
    negative (sums of tone scores) and nothing is dropped. For callers that hold per-unit (or
    per-block) sums already checked, such as the block mode of
    :class:`framing.compare.CompareAccumulator`.

    Returns:
        ``(low, high)``, or ``(None, None)`` below 2 units or when no resample has exposure.

    Example:
        >>> ratio_percentile_interval([2, 4, 6], [1, 2, 3])
        (2.0, 2.0)
    """
    n_boot, confidence, seed = _check_resampling(n_boot, confidence, seed)
    return _percentile_interval(
        to_vector(numerators, "numerators", allow_negative=True),
        to_vector(denominators, "denominators"),
        scale=scale, n_boot=n_boot, confidence=confidence, seed=seed,
    )


def _check_resampling(n_boot: int, confidence: float, seed: int) -> tuple[int, float, int]:
    return check_count(n_boot, "n_boot"), check_confidence(confidence), check_seed(seed)


def bootstrap_rate_ci(
    counts: Numbers,
    totals: Numbers,
    *,
    per: float = 1000.0,
    n_boot: int = DEFAULT_N_BOOT,
    confidence: float = DEFAULT_CONFIDENCE,
    seed: int = DEFAULT_SEED,
) -> RateEstimate:
    """Rate ``per * sum(counts) / sum(totals)`` with a percentile bootstrap interval over units.

    Args:
        counts: events per unit (loaded terms, hedges, scare quotes in each entry).
        totals: exposure per unit (words of each entry; 1 per entry for "per entry" rates).
        per: express the rate per this many units of exposure (1000 = per 1,000 words,
            100 with ``totals`` of 1 = per 100 entries).
        n_boot: number of bootstrap resamples.
        confidence: confidence level of the interval.
        seed: seed of ``numpy.random.default_rng``.

    Returns:
        A :class:`RateEstimate`. See the module docstring for zero totals, a single unit and the
        small-sample flag (``n_units < 10`` or ``count < 5``).

    Raises:
        OptionError: on negative or non-finite numbers, vectors of different lengths, a count
            with a zero total, or an invalid option.

    Example:
        >>> bootstrap_rate_ci([3, 0, 1], [600, 400, 1000]).value  # 4 per 2,000 words
        2.0
    """
    n_boot, confidence, seed = _check_resampling(n_boot, confidence, seed)
    per = check_positive(per, "per")
    numerators = to_vector(counts, "counts")
    denominators = to_vector(totals, "totals")
    check_same_length(numerators, denominators, ("counts", "totals"))
    numerators, denominators = drop_empty_units(numerators, denominators, ("counts", "totals"))
    count, total = float(numerators.sum()), float(denominators.sum())
    value = (count / total) * per if total > 0 else None
    low, high = _percentile_interval(
        numerators, denominators, scale=per, n_boot=n_boot, confidence=confidence, seed=seed
    )
    return RateEstimate(
        value=value,
        low=low,
        high=high,
        n_units=int(numerators.size),
        count=as_number(count),
        total=as_number(total),
        per=per,
        confidence=confidence,
        n_boot=n_boot,
        seed=seed,
        small_sample=numerators.size < SMALL_SAMPLE_MIN_UNITS or count < SMALL_SAMPLE_MIN_COUNT,
        method=BOOTSTRAP_METHOD,
    )


def bootstrap_mean_ci(
    values: OptionalNumbers,
    *,
    weights: Numbers | None = None,
    n_boot: int = DEFAULT_N_BOOT,
    confidence: float = DEFAULT_CONFIDENCE,
    seed: int = DEFAULT_SEED,
) -> MeanEstimate:
    """Mean (or weighted mean ``sum(w * x) / sum(w)``) with a percentile bootstrap interval.

    Units whose value is ``None`` or NaN (an entry too short to score) are dropped and counted
    in ``n_missing``; so are units with weight 0. Values may be negative (tone).

    Args:
        values: one value per unit (readability index, tone score of each entry).
        weights: optional non-negative weight per unit (e.g. words or sentences per entry);
            the weighted mean is a ratio of sums, so units are resampled with their weights.
        n_boot: number of bootstrap resamples.
        confidence: confidence level of the interval.
        seed: seed of ``numpy.random.default_rng``.

    Returns:
        A :class:`MeanEstimate`; ``value`` is ``None`` without any usable unit, ``low`` and
        ``high`` are ``None`` with a single unit; ``small_sample`` when ``n_units < 10``.

    Example:
        >>> bootstrap_mean_ci([1.0, 2.0, 3.0], weights=[0, 1, 1]).value
        2.5
    """
    n_boot, confidence, seed = _check_resampling(n_boot, confidence, seed)
    x = to_vector(values, "values", allow_negative=True, allow_missing=True)
    if weights is None:
        w = np.ones_like(x)
    else:
        w = to_vector(weights, "weights")
        check_same_length(x, w, ("values", "weights"))
    missing = np.isnan(x)
    keep = ~missing & (w > 0)
    x, w = x[keep], w[keep]
    numerators = w * x
    value = float(numerators.sum() / w.sum()) if x.size else None
    low, high = _percentile_interval(
        numerators, w, scale=1.0, n_boot=n_boot, confidence=confidence, seed=seed
    )
    return MeanEstimate(
        value=value,
        low=low,
        high=high,
        n_units=int(x.size),
        n_missing=int(missing.sum()),
        weighted=weights is not None,
        confidence=confidence,
        n_boot=n_boot,
        seed=seed,
        small_sample=x.size < SMALL_SAMPLE_MIN_UNITS,
        method=BOOTSTRAP_METHOD if weights is not None else "percentile bootstrap over units",
    )


def bootstrap_proportion_ci(
    successes: Numbers,
    trials: Numbers,
    *,
    n_boot: int = DEFAULT_N_BOOT,
    confidence: float = DEFAULT_CONFIDENCE,
    seed: int = DEFAULT_SEED,
) -> ProportionEstimate:
    """Pooled share ``sum(successes) / sum(trials)`` with a percentile bootstrap over units.

    For shares counted inside entries — share of voice of one side (attributions to that side
    / all attributions of the entry), share of distancing verbs among a side's attributions —
    where the trials of one entry are not independent. For counts without units use
    :func:`wilson_ci`.

    Args:
        successes: successes per unit.
        trials: trials per unit (``successes <= trials``); units with 0 trials are dropped.
        n_boot: number of bootstrap resamples.
        confidence: confidence level of the interval.
        seed: seed of ``numpy.random.default_rng``.

    Returns:
        A :class:`ProportionEstimate`; ``small_sample`` when ``n_units < 10`` or there are
        fewer than 5 successes or fewer than 5 failures.

    Raises:
        OptionError: on a unit with more successes than trials, and as
            :func:`bootstrap_rate_ci`.

    Example:
        >>> bootstrap_proportion_ci([1, 0, 3], [2, 0, 6]).value
        0.5
    """
    n_boot, confidence, seed = _check_resampling(n_boot, confidence, seed)
    numerators = to_vector(successes, "successes")
    denominators = to_vector(trials, "trials")
    check_same_length(numerators, denominators, ("successes", "trials"))
    over = numerators > denominators
    if over.any():
        position = int(np.flatnonzero(over)[0])
        raise OptionError(
            f"the `successes` parameter must not exceed `trials`; got "
            f"{show_number(numerators[position])} > {show_number(denominators[position])} "
            f"at position {position}"
        )
    numerators, denominators = drop_empty_units(numerators, denominators, ("successes", "trials"))
    n_success, n_trials = float(numerators.sum()), float(denominators.sum())
    value = n_success / n_trials if n_trials > 0 else None
    low, high = _percentile_interval(
        numerators, denominators, scale=1.0, n_boot=n_boot, confidence=confidence, seed=seed
    )
    return ProportionEstimate(
        value=value,
        low=low,
        high=high,
        n_units=int(numerators.size),
        successes=as_number(n_success),
        trials=as_number(n_trials),
        confidence=confidence,
        n_boot=n_boot,
        seed=seed,
        small_sample=(
            numerators.size < SMALL_SAMPLE_MIN_UNITS
            or min(n_success, n_trials - n_success) < SMALL_SAMPLE_MIN_COUNT
        ),
        method=BOOTSTRAP_METHOD,
    )


def wilson_ci(
    successes: int, trials: int, *, confidence: float = DEFAULT_CONFIDENCE
) -> tuple[float, float] | None:
    """Wilson (1927) score interval for a binomial proportion ``successes / trials``.

    With ``p = k / n`` and ``z`` the ``(1 + confidence) / 2`` normal quantile::

        centre    = (p + z² / 2n) / (1 + z² / n)
        halfwidth = z / (1 + z² / n) * sqrt(p (1 - p) / n + z² / 4n²)

    It stays inside [0, 1] and keeps close to nominal coverage for small ``n`` and ``p`` near
    0 or 1, where the Wald interval fails (Agresti & Coull 1998, *The American Statistician*
    52(2), 119–126).

    Args:
        successes: number of successes ``k`` (``0 <= k <= n``).
        trials: number of trials ``n``.
        confidence: confidence level.

    Returns:
        ``(low, high)``, or ``None`` when ``trials`` is 0.

    Example:
        >>> low, high = wilson_ci(8, 20)
        >>> round(low, 3), round(high, 3)
        (0.219, 0.613)
    """
    confidence = check_confidence(confidence)
    k = check_count(successes, "successes", minimum=0)
    n = check_count(trials, "trials", minimum=0)
    if k > n:
        raise OptionError(f"the `successes` parameter must not exceed `trials`; got {k} > {n}")
    if n == 0:
        return None
    z = NormalDist().inv_cdf((1.0 + confidence) / 2.0)
    p = k / n
    denominator = 1.0 + z * z / n
    centre = (p + z * z / (2 * n)) / denominator
    halfwidth = z / denominator * math.sqrt(p * (1.0 - p) / n + z * z / (4 * n * n))
    return max(0.0, centre - halfwidth), min(1.0, centre + halfwidth)
