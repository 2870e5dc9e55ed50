"""Statistics for comparing outlets: intervals, tests, corrections, effect sizes, keyness.

Pure functions on plain numbers (per-entry counts and totals, tables of counts, term counts);
they know nothing of entries or outlets, so ``framing compare`` and a notebook get the same
figures. Every result is a frozen record with ``to_dict()``; every random step draws from
``numpy.random.default_rng(seed)`` with the fixed default seed :data:`DEFAULT_SEED`, so the same
call gives the same numbers.

* Estimates with percentile bootstrap intervals over units (entries):
  :func:`bootstrap_rate_ci` (terms per 1,000 words), :func:`bootstrap_mean_ci` (readability,
  tone), :func:`bootstrap_proportion_ci` (shares); :func:`wilson_ci` for counts without units.
* Tests: :func:`permutation_test_rates` (difference of two rates), :func:`chi_square_or_fisher`
  (tables of counts).
* Multiple comparisons: :func:`holm`, :func:`benjamini_hochberg`, :func:`adjust`.
* Effect sizes: :func:`rate_ratio`, :func:`cohens_h`, :func:`cohens_d`, :func:`cramers_v`.
* Keyness: :func:`log_odds_dirichlet` (Monroe, Colaresi & Quinn 2008).
* Paper tables: :func:`format_estimate`, :func:`format_p_value`, :func:`significance_marks`,
  :func:`significance_footnote`.

Small samples are flagged (``small_sample``), never hidden; a figure that cannot be estimated is
``None``. The decisions are documented in each module.

Example:
    >>> from framing.statistics import bootstrap_rate_ci, format_estimate
    >>> estimate = bootstrap_rate_ci([2, 4, 6], [1000, 2000, 3000])
    >>> format_estimate(estimate.value, estimate.low, estimate.high)
    '2.00 [2.00, 2.00]'
"""

from __future__ import annotations

from framing.statistics.bootstrap import (
    bootstrap_mean_ci,
    bootstrap_proportion_ci,
    bootstrap_rate_ci,
    ratio_percentile_interval,
    wilson_ci,
)
from framing.statistics.corrections import (
    CORRECTIONS,
    adjust,
    benjamini_hochberg,
    describe_correction,
    holm,
)
from framing.statistics.effects import (
    cohens_d,
    cohens_d_from_sums,
    cohens_h,
    cramers_v,
    rate_ratio,
)
from framing.statistics.formatting import (
    MISSING,
    format_estimate,
    format_p_value,
    significance_footnote,
    significance_marks,
)
from framing.statistics.keyness import log_odds_dirichlet
from framing.statistics.records import (
    DEFAULT_CONFIDENCE,
    DEFAULT_N_BOOT,
    DEFAULT_N_PERM,
    DEFAULT_SEED,
    SMALL_SAMPLE_MIN_COUNT,
    SMALL_SAMPLE_MIN_UNITS,
    EffectSize,
    KeynessRow,
    MeanEstimate,
    ProportionEstimate,
    RateEstimate,
    TestResult,
)
from framing.statistics.significance import (
    chi_square_or_fisher,
    permutation_test_rates,
    permutation_tests_rates,
)

__all__ = [
    "CORRECTIONS",
    "DEFAULT_CONFIDENCE",
    "DEFAULT_N_BOOT",
    "DEFAULT_N_PERM",
    "DEFAULT_SEED",
    "MISSING",
    "SMALL_SAMPLE_MIN_COUNT",
    "SMALL_SAMPLE_MIN_UNITS",
    "EffectSize",
    "KeynessRow",
    "MeanEstimate",
    "ProportionEstimate",
    "RateEstimate",
    "TestResult",
    "adjust",
    "benjamini_hochberg",
    "bootstrap_mean_ci",
    "bootstrap_proportion_ci",
    "bootstrap_rate_ci",
    "chi_square_or_fisher",
    "cohens_d",
    "cohens_d_from_sums",
    "cohens_h",
    "cramers_v",
    "describe_correction",
    "format_estimate",
    "format_p_value",
    "holm",
    "log_odds_dirichlet",
    "permutation_test_rates",
    "permutation_tests_rates",
    "rate_ratio",
    "ratio_percentile_interval",
    "significance_footnote",
    "significance_marks",
    "wilson_ci",
]
