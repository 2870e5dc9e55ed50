"""Result records of :mod:`framing.statistics`: frozen dataclasses with ``to_dict()``.

Every record carries what is needed to reproduce and report it (confidence level, number of
resamples, seed, method) besides the figures themselves. ``None`` stands for "cannot be
estimated from these data" (no exposure, a single unit), never for zero.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields
from typing import Any

import numpy as np

#: Default seed of every resampling function (the first day of the reference feed, 2020-10-17).
DEFAULT_SEED = 20201017
#: Default number of bootstrap resamples.
DEFAULT_N_BOOT = 2000
#: Default number of random permutations.
DEFAULT_N_PERM = 5000
#: Default confidence level of intervals.
DEFAULT_CONFIDENCE = 0.95
#: A figure resting on fewer units (entries) than this is flagged ``small_sample``.
SMALL_SAMPLE_MIN_UNITS = 10
#: A rate with fewer events than this (a proportion with fewer successes or failures) is flagged.
SMALL_SAMPLE_MIN_COUNT = 5


def _plain(value: Any) -> Any:
    """A JSON-ready value: non-finite floats become ``None`` (JSON has no NaN or Infinity)."""
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    return value


@dataclass(frozen=True)
class _Record:
    """Base of the result records: provides :meth:`to_dict`."""

    def to_dict(self) -> dict[str, Any]:
        """Return the record as a JSON-ready dict, fields in declaration order."""
        return {field.name: _plain(getattr(self, field.name)) for field in fields(self)}


@dataclass(frozen=True)
class RateEstimate(_Record):
    """A ratio-of-sums rate (e.g. loaded terms per 1,000 words) with a bootstrap interval.

    Attributes:
        value: ``per * count / total``; ``None`` when ``total`` is 0.
        low: lower bound of the percentile bootstrap interval; ``None`` with fewer than 2 units.
        high: upper bound, likewise.
        n_units: units (entries) with a positive total, the units that were resampled.
        count: sum of the counts (numerator).
        total: sum of the totals (denominator, the exposure: words, entries…).
        per: the rate is per this many units of ``total`` (1000 for "per 1,000 words").
        confidence: confidence level of the interval.
        n_boot: number of bootstrap resamples.
        seed: seed of the random generator.
        small_sample: ``n_units < 10`` or ``count < 5``: report, but read with care.
        method: how the interval was computed.

    Example:
        >>> from framing.statistics import bootstrap_rate_ci
        >>> estimate = bootstrap_rate_ci([2, 4, 6], [1000, 2000, 3000])
        >>> estimate.value, estimate.low, estimate.high, estimate.small_sample
        (2.0, 2.0, 2.0, True)
    """

    value: float | None
    low: float | None
    high: float | None
    n_units: int
    count: float
    total: float
    per: float
    confidence: float
    n_boot: int
    seed: int
    small_sample: bool
    method: str


@dataclass(frozen=True)
class MeanEstimate(_Record):
    """A (weighted) mean over units with a bootstrap interval (readability, tone).

    Attributes:
        value: the mean, ``sum(w * x) / sum(w)``; ``None`` without any usable value.
        low: lower bound of the percentile bootstrap interval; ``None`` with fewer than 2 units.
        high: upper bound, likewise.
        n_units: units with a value (and a positive weight), the units that were resampled.
        n_missing: units dropped because their value was ``None``/NaN.
        weighted: whether weights were given.
        confidence: confidence level of the interval.
        n_boot: number of bootstrap resamples.
        seed: seed of the random generator.
        small_sample: ``n_units < 10``.
        method: how the interval was computed.

    Example:
        >>> from framing.statistics import bootstrap_mean_ci
        >>> bootstrap_mean_ci([60.0, None, 60.0]).to_dict()["value"]
        60.0
    """

    value: float | None
    low: float | None
    high: float | None
    n_units: int
    n_missing: int
    weighted: bool
    confidence: float
    n_boot: int
    seed: int
    small_sample: bool
    method: str


@dataclass(frozen=True)
class ProportionEstimate(_Record):
    """A pooled share (successes / trials over units) with a bootstrap interval.

    Attributes:
        value: ``successes / trials``; ``None`` when there are no trials.
        low: lower bound of the percentile bootstrap interval; ``None`` with fewer than 2 units.
        high: upper bound, likewise.
        n_units: units with at least one trial, the units that were resampled.
        successes: sum of the successes.
        trials: sum of the trials.
        confidence: confidence level of the interval.
        n_boot: number of bootstrap resamples.
        seed: seed of the random generator.
        small_sample: ``n_units < 10`` or fewer than 5 successes or 5 failures.
        method: how the interval was computed.

    Example:
        >>> from framing.statistics import bootstrap_proportion_ci
        >>> bootstrap_proportion_ci([1, 2], [2, 4]).value
        0.5
    """

    value: float | None
    low: float | None
    high: float | None
    n_units: int
    successes: float
    trials: float
    confidence: float
    n_boot: int
    seed: int
    small_sample: bool
    method: str


@dataclass(frozen=True)
class TestResult(_Record):
    """The outcome of a significance test.

    Attributes:
        statistic: the test statistic (difference of rates, chi-square, odds ratio…; see
            ``method``); ``None`` when it is undefined for these data.
        p_value: two-sided p-value, unadjusted; ``None`` when no test was possible.
        method: the test that was used, in words (for a table footnote).
        n_perm: number of permutations (random, or all of them for an exact test);
            ``None`` for closed-form tests.
        df: degrees of freedom of a chi-square test, else ``None``.
        small_sample: the data are thin for this test (see the function's docstring).
        note: why a figure is missing or what to watch for; empty when there is nothing to say.
        seed: seed of the random generator for random permutations, else ``None``.

    Example:
        >>> from framing.statistics import chi_square_or_fisher
        >>> chi_square_or_fisher([[1, 9], [6, 2]]).method
        "Fisher's exact test (two-sided)"
    """

    __test__ = False  # not a pytest test class, whatever its name

    statistic: float | None
    p_value: float | None
    method: str
    n_perm: int | None = None
    df: int | None = None
    small_sample: bool = False
    note: str = ""
    seed: int | None = None


@dataclass(frozen=True)
class EffectSize(_Record):
    """An effect size, with a confidence interval where one has a standard form.

    Attributes:
        name: ``rate ratio``, ``Cohen's h``, ``Cohen's d`` or ``Cramér's V``.
        value: the effect size; ``None`` when undefined for these data.
        low: lower bound of the interval, or ``None``.
        high: upper bound of the interval, or ``None``.
        confidence: confidence level of the interval, or ``None`` without an interval.
        method: formula and reference.
        note: why a figure is missing; empty when there is nothing to say.

    Example:
        >>> from framing.statistics import cohens_h
        >>> round(cohens_h(0.5, 0.5).value, 3)
        0.0
    """

    name: str
    value: float | None
    low: float | None = None
    high: float | None = None
    confidence: float | None = None
    method: str = ""
    note: str = ""


@dataclass(frozen=True)
class KeynessRow(_Record):
    """One term of a keyness table (target vs reference), from :func:`log_odds_dirichlet`.

    Attributes:
        term: the term.
        count_target: occurrences in the target group.
        count_reference: occurrences in the reference group.
        rate_target: occurrences per ``per`` tokens of the target group.
        rate_reference: occurrences per ``per`` tokens of the reference group.
        log_odds: δ, the difference of log-odds (target minus reference) under the prior.
        z: δ divided by its approximate standard deviation; positive = characteristic of the
            target, negative = of the reference.
    """

    term: str
    count_target: int
    count_reference: int
    rate_target: float
    rate_reference: float
    log_odds: float
    z: float
