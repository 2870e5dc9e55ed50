"""Statistics layer (framing.statistics), pinned against values computed by hand.

Each expected number is derived in the comments next to it, so a reader can check it with
pencil and paper (or a pocket calculator) without trusting the code under test.
"""

from __future__ import annotations

import json
import math
import random
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.errors import OptionError
from framing.statistics import (
    DEFAULT_SEED,
    adjust,
    benjamini_hochberg,
    bootstrap_mean_ci,
    bootstrap_proportion_ci,
    bootstrap_rate_ci,
    chi_square_or_fisher,
    cohens_d,
    cohens_h,
    cramers_v,
    format_estimate,
    format_p_value,
    holm,
    log_odds_dirichlet,
    permutation_test_rates,
    rate_ratio,
    significance_footnote,
    significance_marks,
    wilson_ci,
)
from framing.statistics.significance import _count_splits

# --------------------------------------------------------------------------------------------
# Multiple-comparison corrections
# --------------------------------------------------------------------------------------------

WORKED_P = [0.01, 0.04, 0.03, 0.005]


def test_statistics_holm_worked_example() -> None:
    # Sorted ascending: 0.005 (#4), 0.01 (#1), 0.03 (#3), 0.04 (#2); m = 4.
    # Multiply by m - j + 1 = 4, 3, 2, 1:  0.02, 0.03, 0.06, 0.04.
    # Running maximum (step-down):         0.02, 0.03, 0.06, 0.06.
    # Back in input order: #1 0.03, #2 0.06, #3 0.06, #4 0.02.
    assert holm(WORKED_P) == pytest.approx([0.03, 0.06, 0.06, 0.02])


def test_statistics_benjamini_hochberg_worked_example() -> None:
    # Sorted ascending with rank j: 0.005 (j=1), 0.01 (j=2), 0.03 (j=3), 0.04 (j=4); m = 4.
    # Multiply by m / j = 4, 2, 4/3, 1:  0.02, 0.02, 0.04, 0.04.
    # Running minimum from the top (step-up): 0.02, 0.02, 0.04, 0.04.
    # Back in input order: #1 0.02, #2 0.04, #3 0.04, #4 0.02.
    assert benjamini_hochberg(WORKED_P) == pytest.approx([0.02, 0.04, 0.04, 0.02])


def test_statistics_corrections_cap_at_one_and_empty() -> None:
    # Holm: 0.5 * 3 = 1.5 -> capped at 1; BH: 0.5 * 3/1 = 1.5, but the step-up minimum takes
    # 0.6 * 3/3 = 0.6 for every rank.
    assert holm([0.5, 0.6, 0.7]) == pytest.approx([1.0, 1.0, 1.0])
    assert benjamini_hochberg([0.5, 0.6, 0.7]) == pytest.approx([0.7, 0.7, 0.7])
    assert holm([]) == []
    assert benjamini_hochberg([]) == []


def test_statistics_adjust_skips_untestable_comparisons() -> None:
    # None does not count as a test: m = 2, so Holm gives 0.01 * 2 = 0.02 and max(0.02, 0.04).
    assert adjust([0.01, None, 0.04], method="holm") == pytest.approx([0.02, None, 0.04])
    assert adjust([0.01, None, 0.04], method="none") == [0.01, None, 0.04]
    with pytest.raises(OptionError, match="must be one of holm, bh, none; got 'bonferroni'"):
        adjust([0.01], method="bonferroni")


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan")])
def test_statistics_corrections_reject_non_probabilities(bad: float) -> None:
    with pytest.raises(OptionError, match="probabilities between 0 and 1"):
        holm([0.01, bad])


p_lists = st.lists(st.floats(min_value=0.0, max_value=1.0), max_size=30)


@given(p_lists)
def test_statistics_corrections_properties(p_values: list[float]) -> None:
    holm_p = holm(p_values)
    bh_p = benjamini_hochberg(p_values)
    for raw, h, b in zip(p_values, holm_p, bh_p, strict=True):
        assert raw <= b <= h <= 1.0  # BH never exceeds Holm: m / j <= m - j + 1
    # Monotone: a smaller raw p-value never gets a larger adjusted one.
    for adjusted in (holm_p, bh_p):
        for i, p_i in enumerate(p_values):
            for j, p_j in enumerate(p_values):
                if p_i <= p_j:
                    assert adjusted[i] <= adjusted[j]


@given(p_lists, st.randoms(use_true_random=False))
def test_statistics_corrections_follow_input_order(
    p_values: list[float], rnd: random.Random
) -> None:
    order = list(range(len(p_values)))
    rnd.shuffle(order)
    shuffled = [p_values[i] for i in order]
    assert holm(shuffled) == [holm(p_values)[i] for i in order]
    assert benjamini_hochberg(shuffled) == [benjamini_hochberg(p_values)[i] for i in order]


# --------------------------------------------------------------------------------------------
# Keyness: log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008)
# --------------------------------------------------------------------------------------------

# Two tiny vocabularies, 10 tokens each (n_t = n_r = 10, pooled N = 20):
#            war  peace  talks
# target       6      2      2
# reference    1      5      4
# pooled       7      7      6
TARGET = {"war": 6, "peace": 2, "talks": 2}
REFERENCE = {"war": 1, "peace": 5, "talks": 4}


def test_statistics_log_odds_worked_example_default_prior() -> None:
    # prior_scale = 1: α0 = 1 * 20 = 20 and α_w = α0 * pooled share = pooled count (7, 7, 6).
    # war:   target (6+7)/(10+20-6-7) = 13/17, reference (1+7)/(10+20-1-7) = 8/22
    #        δ = ln(13/17) - ln(8/22) = ln(286/136) = 0.743337
    #        σ² = 1/13 + 1/8 = 0.201923, z = 0.743337 / 0.449358 = 1.654218
    # peace: target (2+7)/(10+20-2-7) = 9/21, reference (5+7)/(10+20-5-7) = 12/18
    #        δ = ln(9/21) - ln(12/18) = ln(162/252) = -0.441833
    #        σ² = 1/9 + 1/12 = 0.194444, z = -0.441833 / 0.440959 = -1.001983
    # talks: target (2+6)/(10+20-2-6) = 8/22, reference (4+6)/(10+20-4-6) = 10/20
    #        δ = ln(8/22) - ln(10/20) = ln(16/22) = -0.318454
    #        σ² = 1/8 + 1/10 = 0.225, z = -0.318454 / 0.474342 = -0.671359
    rows = log_odds_dirichlet(TARGET, REFERENCE)
    assert [row.term for row in rows] == ["war", "talks", "peace"]  # z descending
    expected = {
        "war": (0.743337, 1.654218),
        "peace": (-0.441833, -1.001983),
        "talks": (-0.318454, -0.671359),
    }
    for row in rows:
        delta, z = expected[row.term]
        assert row.log_odds == pytest.approx(delta, abs=1e-6)
        assert row.z == pytest.approx(z, abs=1e-6)
    war = rows[0]
    # Raw counts and rates per 1,000 tokens: 6 / 10 * 1000 = 600, 1 / 10 * 1000 = 100.
    assert (war.count_target, war.count_reference) == (6, 1)
    assert (war.rate_target, war.rate_reference) == pytest.approx((600.0, 100.0))


def test_statistics_log_odds_worked_example_prior_scale() -> None:
    # prior_scale = 0.5: α0 = 10, α_war = 10 * 7/20 = 3.5.
    # war: target (6+3.5)/(10+10-6-3.5) = 9.5/10.5, reference (1+3.5)/(10+10-1-3.5) = 4.5/15.5
    #      δ = ln(9.5 * 15.5 / (10.5 * 4.5)) = ln(147.25 / 47.25) = 1.136679
    #      σ² = 1/9.5 + 1/4.5 = 0.327485, z = 1.136679 / 0.572263 = 1.986287
    war = log_odds_dirichlet(TARGET, REFERENCE, prior_scale=0.5)[0]
    assert war.term == "war"
    assert war.log_odds == pytest.approx(1.136679, abs=1e-6)
    assert war.z == pytest.approx(1.986287, abs=1e-6)


def test_statistics_log_odds_worked_example_background_prior() -> None:
    # A uniform background (shares 1/3 each) and prior_scale = 0.3: α0 = 0.3 * 20 = 6, α_w = 2.
    # war:   target (6+2)/(10+6-6-2) = 8/8, reference (1+2)/(10+6-1-2) = 3/13
    #        δ = ln(1) - ln(3/13) = ln(13/3) = 1.466337; σ² = 1/8 + 1/3; z = 2.165923
    # peace: target (2+2)/(10+6-2-2) = 4/12, reference (5+2)/(10+6-5-2) = 7/9
    #        δ = ln(36/84) = ln(3/7) = -0.847298; σ² = 1/4 + 1/7; z = -1.351820
    # talks: target 4/12, reference (4+2)/(10+6-4-2) = 6/10
    #        δ = ln(10/18) = ln(5/9) = -0.587787; σ² = 1/4 + 1/6; z = -0.910595
    rows = log_odds_dirichlet(
        TARGET, REFERENCE, prior={"war": 5, "peace": 5, "talks": 5, "unused": 99}, prior_scale=0.3
    )
    got = {row.term: (row.log_odds, row.z) for row in rows}
    assert got["war"] == pytest.approx((1.466337, 2.165923), abs=1e-6)
    assert got["peace"] == pytest.approx((-0.847298, -1.351820), abs=1e-6)
    assert got["talks"] == pytest.approx((-0.587787, -0.910595), abs=1e-6)


def test_statistics_log_odds_symmetric_example_in_docstring() -> None:
    # {a: 3, b: 1} vs {a: 1, b: 3}: α0 = 8, α = 4 each;
    # δ_a = ln(7/5) - ln(5/7) = 2 ln 1.4 = 0.672944, σ² = 1/7 + 1/5, z = 1.149271; b mirrors a.
    rows = log_odds_dirichlet({"a": 3, "b": 1}, {"a": 1, "b": 3})
    assert [r.term for r in rows] == ["a", "b"]
    assert [r.z for r in rows] == pytest.approx([1.149271, -1.149271], abs=1e-6)


def test_statistics_log_odds_min_count_filters_rows_not_figures() -> None:
    # A live feed: many terms seen once. min_count drops rows but the kept terms keep their z
    # (the model is always fitted on the whole vocabulary).
    target = {"war": 6, "peace": 2, "talks": 2, "rare1": 1}
    reference = {"war": 1, "peace": 5, "talks": 4, "rare2": 1}
    all_rows = {row.term: row for row in log_odds_dirichlet(target, reference)}
    kept = log_odds_dirichlet(target, reference, min_count=2)
    assert {row.term for row in kept} == {"war", "peace", "talks"}
    for row in kept:
        assert row == all_rows[row.term]
    # With the pooled prior a term seen once is shrunk: |z| stays below that of "war".
    assert abs(all_rows["rare1"].z) < all_rows["war"].z


def test_statistics_log_odds_rejects_degenerate_input() -> None:
    with pytest.raises(OptionError, match="`counts_reference` parameter holds no tokens"):
        log_odds_dirichlet({"a": 1, "b": 2}, {})
    with pytest.raises(OptionError, match="at least 2 distinct terms"):
        log_odds_dirichlet({"a": 1}, {"a": 2})
    with pytest.raises(OptionError, match=r"positive count to every term.*'talks'"):
        log_odds_dirichlet(TARGET, REFERENCE, prior={"war": 1, "peace": 1})
    with pytest.raises(OptionError, match=r"counts_target\['war'\]"):
        log_odds_dirichlet({"war": -1, "peace": 1}, REFERENCE)


# --------------------------------------------------------------------------------------------
# Bootstrap intervals
# --------------------------------------------------------------------------------------------


def test_statistics_bootstrap_rate_same_seed_same_interval() -> None:
    rng = np.random.default_rng(1)
    totals = rng.integers(50, 500, size=40)
    counts = rng.poisson(totals * 0.01)
    first = bootstrap_rate_ci(counts, totals)
    second = bootstrap_rate_ci(list(counts), list(totals))
    assert first == second
    assert first.seed == DEFAULT_SEED
    other_seed = bootstrap_rate_ci(counts, totals, seed=7)
    assert (other_seed.low, other_seed.high) != (first.low, first.high)
    assert other_seed.value == first.value


def test_statistics_bootstrap_rate_constant_rate_has_zero_width() -> None:
    # Every unit has 2 terms per 1,000 words, so every resample has exactly 2 per 1,000.
    estimate = bootstrap_rate_ci([2, 4, 6, 1, 10], [1000, 2000, 3000, 500, 5000])
    assert estimate.value == 2.0
    assert estimate.low == estimate.high == 2.0
    # 23 terms, 5 units: fewer than 10 units -> flagged.
    assert (estimate.count, estimate.total, estimate.n_units) == (23, 11500, 5)
    assert estimate.small_sample


def test_statistics_bootstrap_rate_two_units_hand_computed() -> None:
    # Two units with rates 1 and 3 per 1,000 words (1,000 words each); the value is 4/2000 = 2.
    # A resample is {1,1} (rate 1, prob 1/4), {1,2} or {2,1} (rate 2, prob 1/2) or {2,2}
    # (rate 3, prob 1/4). The 2.5 % and 97.5 % quantiles fall inside the 25 % masses at
    # the ends, so the 95 % interval is [1, 3].
    estimate = bootstrap_rate_ci([1, 3], [1000, 1000])
    assert (estimate.value, estimate.low, estimate.high) == (2.0, 1.0, 3.0)


def test_statistics_bootstrap_rate_single_unit_and_no_exposure() -> None:
    single = bootstrap_rate_ci([3], [1500])
    assert single.value == pytest.approx(2.0)
    assert (single.low, single.high) == (None, None)  # one entry cannot give an interval
    assert single.small_sample
    empty = bootstrap_rate_ci([0, 0], [0, 0])  # units without words are dropped
    assert (empty.value, empty.low, empty.high, empty.n_units) == (None, None, None, 0)
    nothing = bootstrap_rate_ci([], [])
    assert nothing.value is None


def test_statistics_bootstrap_rate_small_sample_flags() -> None:
    many_units_few_terms = bootstrap_rate_ci([1, 1, 1, 1] + [0] * 16, [100] * 20)
    assert many_units_few_terms.small_sample  # 4 terms < 5
    enough = bootstrap_rate_ci([1] * 20, [100] * 20)
    assert not enough.small_sample  # 20 units, 20 terms


def test_statistics_bootstrap_rate_rejects_bad_input() -> None:
    with pytest.raises(OptionError, match="one value per unit each; got 2 and 3"):
        bootstrap_rate_ci([1, 2], [10, 20, 30])
    with pytest.raises(OptionError, match="finite, non-negative numbers; got -1 at position 1"):
        bootstrap_rate_ci([1, -1], [10, 20])
    with pytest.raises(OptionError, match="where `totals` is 0"):
        bootstrap_rate_ci([1, 2], [10, 0])
    with pytest.raises(OptionError, match="`confidence` parameter must be between 0 and 1"):
        bootstrap_rate_ci([1, 2], [10, 20], confidence=95)
    with pytest.raises(OptionError, match="`n_boot` parameter must be an integer of at least 1"):
        bootstrap_rate_ci([1, 2], [10, 20], n_boot=0)


def test_statistics_bootstrap_rate_covers_true_poisson_rate() -> None:
    # 200 seeded simulated outlets of 40 entries (100-600 words) with a true rate of 8 terms
    # per 1,000 words; the 95 % interval should cover 8 in about 95 % of them.
    rng = np.random.default_rng(12345)
    covered = 0
    for simulation in range(200):
        totals = rng.integers(100, 600, size=40)
        counts = rng.poisson(totals * 8 / 1000)
        estimate = bootstrap_rate_ci(counts, totals, n_boot=1000, seed=simulation)
        assert estimate.low is not None and estimate.high is not None
        covered += estimate.low <= 8.0 <= estimate.high
    assert 0.90 <= covered / 200 <= 0.99


@settings(max_examples=50, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 20), st.integers(1, 500)), min_size=2, max_size=15))
def test_statistics_bootstrap_rate_interval_within_unit_rates(units: list[tuple[int, int]]) -> None:
    # A resampled ratio of sums is a words-weighted average of unit rates, so the interval lies
    # between the lowest and the highest unit rate.
    counts, totals = zip(*units, strict=True)
    estimate = bootstrap_rate_ci(counts, totals, n_boot=200)
    rates = [c / t * 1000 for c, t in units]
    assert estimate.low is not None and estimate.high is not None
    assert min(rates) - 1e-9 <= estimate.low <= estimate.high <= max(rates) + 1e-9


def test_statistics_bootstrap_mean_weighted_and_missing() -> None:
    # Weighted mean of 40, 60, 80 with weights 1, 1, 2: (40 + 60 + 160) / 4 = 65.
    estimate = bootstrap_mean_ci([40.0, 60.0, None, 80.0], weights=[1, 1, 5, 2])
    assert estimate.value == pytest.approx(65.0)
    assert (estimate.n_units, estimate.n_missing, estimate.weighted) == (3, 1, True)
    assert estimate.low is not None and estimate.high is not None
    assert 40.0 <= estimate.low <= estimate.high <= 80.0
    # Tone is negative as often as not.
    tone = bootstrap_mean_ci([-0.5, -0.25, 0.0])
    assert tone.value == pytest.approx(-0.25)
    assert tone.small_sample


def test_statistics_bootstrap_mean_constant_values_and_edge_cases() -> None:
    constant = bootstrap_mean_ci([55.5] * 12)
    assert constant.value == pytest.approx(55.5)
    assert constant.low == pytest.approx(55.5) and constant.high == pytest.approx(55.5)
    assert not constant.small_sample
    assert bootstrap_mean_ci([None, None]).value is None
    single = bootstrap_mean_ci([3.0])
    assert (single.value, single.low, single.high) == (3.0, None, None)


def test_statistics_bootstrap_proportion() -> None:
    # Share of voice: 1 + 0 + 3 = 4 attributions to side X out of 2 + 0 + 6 = 8 -> 0.5; the
    # entry without attributions is dropped.
    estimate = bootstrap_proportion_ci([1, 0, 3], [2, 0, 6])
    assert (estimate.value, estimate.n_units, estimate.successes, estimate.trials) == (
        0.5,
        2,
        4,
        8,
    )
    assert estimate.small_sample
    # 12 entries, 2 of 3 distancing verbs each: 24 / 36; 24 successes and 12 failures >= 5.
    many = bootstrap_proportion_ci([2] * 12, [3] * 12)
    assert many.value == pytest.approx(2 / 3)
    assert many.low == pytest.approx(2 / 3) and many.high == pytest.approx(2 / 3)
    assert not many.small_sample
    few_failures = bootstrap_proportion_ci([3] * 12, [3] * 11 + [4])
    assert few_failures.small_sample  # a single failure
    with pytest.raises(OptionError, match="must not exceed `trials`; got 3 > 2 at position 0"):
        bootstrap_proportion_ci([3], [2])


def test_statistics_wilson_textbook_value() -> None:
    # 8 / 20, 95 %: z = 1.959964, z² = 3.841459, z²/n = 0.192073
    # centre = (0.4 + 3.841459/40) / 1.192073 = 0.496036 / 1.192073 = 0.416113
    # half   = 1.959964 * sqrt(0.24/20 + 3.841459/1600) / 1.192073
    #        = 1.959964 * 0.120004 / 1.192073 = 0.235203 / 1.192073 = 0.197306
    # -> [0.218806, 0.613419], the textbook [0.219, 0.613]
    assert wilson_ci(8, 20) == pytest.approx((0.218806, 0.613419), abs=1e-6)
    # 0 / 10: centre = half-width = 0.138767, so the interval starts exactly at 0.
    assert wilson_ci(0, 10) == pytest.approx((0.0, 0.277533), abs=1e-6)
    assert wilson_ci(0, 0) is None
    with pytest.raises(OptionError, match="must not exceed `trials`; got 3 > 2"):
        wilson_ci(3, 2)


# --------------------------------------------------------------------------------------------
# Permutation test
# --------------------------------------------------------------------------------------------


def test_statistics_permutation_identical_groups_p_is_one() -> None:
    # Same rate in every unit: every split has difference 0, as extreme as the observed 0.
    result = permutation_test_rates([2] * 10, [1000] * 10, [4] * 10, [2000] * 10)
    assert result.statistic == 0.0
    assert result.p_value == 1.0
    assert result.n_perm == 5000 and result.seed == DEFAULT_SEED
    assert "(b+1)/(m+1)" in result.method


def test_statistics_permutation_clearly_different_hits_the_floor() -> None:
    # 12 entries at 10 per 1,000 vs 12 at 1 per 1,000: only the observed split (or its mirror,
    # 2 of comb(24, 12) = 2,704,156 splits) is as extreme, so b = 0 and p = 1 / (999 + 1).
    result = permutation_test_rates([10] * 12, [1000] * 12, [1] * 12, [1000] * 12, n_perm=999)
    assert result.statistic == pytest.approx(9.0)
    assert result.p_value == 1 / 1000
    assert result.small_sample is False
    assert json.dumps(result.to_dict(), allow_nan=False)


def test_statistics_permutation_seeded_reproducible() -> None:
    rng = np.random.default_rng(3)
    totals_a, totals_b = rng.integers(100, 400, 15), rng.integers(100, 400, 15)
    counts_a, counts_b = rng.poisson(totals_a * 0.010), rng.poisson(totals_b * 0.007)
    first = permutation_test_rates(counts_a, totals_a, counts_b, totals_b)
    assert first == permutation_test_rates(counts_a, totals_a, counts_b, totals_b)
    assert first.p_value is not None and 0 < first.p_value <= 1
    other = permutation_test_rates(counts_a, totals_a, counts_b, totals_b, seed=1)
    assert other.statistic == first.statistic and other.p_value != first.p_value


def test_statistics_permutation_exact_when_few_splits() -> None:
    # 3 + 3 entries: comb(6, 3) = 20 splits <= n_perm, so all are enumerated. Only the observed
    # split and its mirror reach |difference| = 9, so p = 2 / 20 exactly.
    result = permutation_test_rates([10] * 3, [1000] * 3, [1] * 3, [1000] * 3)
    assert result.p_value == pytest.approx(0.1)
    assert result.n_perm == 20 and result.seed is None
    assert result.method.startswith("exact permutation test")
    assert result.small_sample


@given(st.integers(1, 40), st.integers(0, 40), st.integers(1, 10**6))
def test_statistics_permutation_split_count_matches_comb(n: int, k: int, limit: int) -> None:
    k = min(k, n)
    expected = math.comb(n, k)
    assert _count_splits(n, k, limit=limit) == (expected if expected <= limit else None)


def test_statistics_permutation_without_exposure() -> None:
    result = permutation_test_rates([1, 2], [100, 100], [0], [0])
    assert (result.statistic, result.p_value) == (None, None)
    assert "group b has no exposure" in result.note


# --------------------------------------------------------------------------------------------
# Chi-square or Fisher
# --------------------------------------------------------------------------------------------


def test_statistics_chi_square_2x2_with_yates() -> None:
    # [[10, 20], [30, 40]]: expected 12, 18, 28, 42 (all >= 5) -> chi-square with Yates.
    # chi² = n (|ad - bc| - n/2)² / (r1 r2 c1 c2) = 100 (200 - 50)² / (30·70·40·60) = 0.446429
    result = chi_square_or_fisher([[10, 20], [30, 40]])
    assert result.method == "Pearson's chi-square test with Yates' continuity correction"
    assert result.statistic == pytest.approx(0.446429, abs=1e-6)
    assert result.df == 1
    assert result.p_value == pytest.approx(0.504036, abs=1e-6)  # chi² table, 1 df
    assert not result.small_sample


def test_statistics_chi_square_2x3_without_yates() -> None:
    # [[10, 20, 30], [20, 20, 20]]: n = 120, rows 60/60, columns 30/40/50,
    # expected 15, 20, 25 in both rows; chi² = 2 (25/15 + 0 + 25/25) = 16/3 = 5.333333, 2 df,
    # and with 2 df p = exp(-chi²/2) = exp(-8/3) = 0.069483.
    result = chi_square_or_fisher([[10, 20, 30], [20, 20, 20]])
    assert result.method == "Pearson's chi-square test"
    assert result.statistic == pytest.approx(16 / 3)
    assert result.p_value == pytest.approx(math.exp(-8 / 3))
    assert result.df == 2


def test_statistics_fisher_when_expected_count_below_five() -> None:
    # [[3, 0], [0, 3]]: margins 3/3 and 3/3, expected 1.5 < 5 -> Fisher's exact test.
    # Tables with these margins have a = 0..3 with P = C(3,a) C(3,3-a) / C(6,3) = 1, 9, 9, 1 / 20.
    # Observed a = 3 (P = 1/20); two-sided p sums tables no more likely: a = 0 and 3 -> 2/20.
    result = chi_square_or_fisher([[3, 0], [0, 3]])
    assert result.method == "Fisher's exact test (two-sided)"
    assert result.p_value == pytest.approx(0.1)
    assert result.statistic is None  # odds ratio 9/0
    assert result.small_sample and "zero cell" in result.note
    assert json.dumps(result.to_dict(), allow_nan=False)


def test_statistics_chi_square_sparse_large_table_is_flagged() -> None:
    result = chi_square_or_fisher([[1, 2, 0, 9], [0, 1, 3, 8]])
    assert result.method == "Pearson's chi-square test"
    assert result.small_sample
    assert "expected counts below 5" in result.note


def test_statistics_chi_square_drops_empty_margins() -> None:
    # The empty column is a category nobody used; what is left is the 2 x 2 table above.
    result = chi_square_or_fisher([[10, 0, 20], [30, 0, 40]])
    assert result.statistic == pytest.approx(0.446429, abs=1e-6)
    assert "1 empty column(s) dropped" in result.note
    untestable = chi_square_or_fisher([[5, 5], [0, 0]])
    assert untestable.p_value is None
    with pytest.raises(OptionError, match="at least 2 rows and 2 columns; got shape \\(1, 3\\)"):
        chi_square_or_fisher([[1, 2, 3]])


# --------------------------------------------------------------------------------------------
# Effect sizes
# --------------------------------------------------------------------------------------------


def test_statistics_rate_ratio_log_interval() -> None:
    # 20 / 1,000 vs 10 / 2,000 words: RR = 0.02 / 0.005 = 4;
    # SE(ln RR) = sqrt(1/20 + 1/10) = 0.387298; 1.959964 * 0.387298 = 0.759091;
    # exp(-0.759091) = 0.468092 and exp(0.759091) = 2.136333, so [1.872368, 8.545331].
    ratio = rate_ratio(20, 1000, 10, 2000)
    assert ratio.value == pytest.approx(4.0)
    assert (ratio.low, ratio.high) == pytest.approx((1.872368, 8.545331), abs=2e-6)
    zero = rate_ratio(0, 1000, 10, 2000)
    assert (zero.value, zero.low, zero.high) == (0.0, None, None)
    assert rate_ratio(5, 1000, 0, 2000).value is None
    # Sums of numpy arrays (what a caller has in hand) are accepted like Python numbers.
    assert rate_ratio(np.int64(20), np.float64(1000), np.int64(10), 2000) == ratio
    with pytest.raises(OptionError, match="`total_b` parameter must be a number greater than 0"):
        rate_ratio(1, 10, 1, 0)


def test_statistics_cohens_h() -> None:
    # 2 asin(sqrt(0.5)) - 2 asin(sqrt(0.2)) = 2 (0.785398 - 0.463648) = 0.643501
    assert cohens_h(0.5, 0.2).value == pytest.approx(0.643501, abs=1e-6)
    assert cohens_h(0.2, 0.5).value == pytest.approx(-0.643501, abs=1e-6)
    # From 0 to 1 the full range: 2 * (pi/2) = pi.
    assert cohens_h(1.0, 0.0).value == pytest.approx(math.pi)
    with pytest.raises(OptionError, match="`p1` parameter must be a proportion"):
        cohens_h(1.2, 0.5)


def test_statistics_cohens_d() -> None:
    # Means 3 and 5, both variances 2.5 -> pooled SD sqrt(2.5) = 1.581139; d = -2 / 1.581139.
    # SE = sqrt(10/25 + 1.6/20) = sqrt(0.48) = 0.692820; interval d ∓ 1.959964 * SE.
    d = cohens_d([1, 2, 3, 4, 5], [3, 4, 5, 6, 7])
    assert d.value == pytest.approx(-1.264911, abs=1e-6)
    assert d.low == pytest.approx(-1.264911 - 1.357902, abs=1e-5)
    assert cohens_d([1, 1], [1, 1]).value is None
    assert cohens_d([1], [2, 3]).value is None


def test_statistics_cramers_v() -> None:
    # [[10, 20], [30, 40]]: uncorrected chi² = 4/12 + 4/18 + 4/28 + 4/42 = 0.793651,
    # V = sqrt(0.793651 / 100) = 0.089087 = |ad - bc| / sqrt(r1 r2 c1 c2) = 200 / 2244.994.
    assert cramers_v([[10, 20], [30, 40]]).value == pytest.approx(0.089087, abs=1e-6)
    # The 2 x 3 table above: V = sqrt((16/3) / (120 * 1)) = 0.210819.
    assert cramers_v([[10, 20, 30], [20, 20, 20]]).value == pytest.approx(0.210819, abs=1e-6)
    # Complete association.
    assert cramers_v([[7, 0], [0, 3]]).value == pytest.approx(1.0)


# --------------------------------------------------------------------------------------------
# Formatting for papers, records
# --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("p_value", "marks"),
    [
        (0.0009, "***"),
        (0.001, "**"),
        (0.0099, "**"),
        (0.01, "*"),
        (0.049, "*"),
        (0.05, ""),
        (0.7, ""),
        (None, ""),
    ],
)
def test_statistics_significance_marks(p_value: float | None, marks: str) -> None:
    assert significance_marks(p_value) == marks


def test_statistics_format_estimate_and_p_values() -> None:
    assert format_estimate(2.3051, 1.8, 2.9) == "2.31 [1.80, 2.90]"
    assert format_estimate(-0.001, -0.5, 0.4) == "0.00 [-0.50, 0.40]"
    assert format_estimate(12.0, 10.25, 14.5, digits=1) == "12.0 [10.2, 14.5]"
    assert format_estimate(1.0, None, 2.0) == "1.00"
    assert format_estimate(None, 1.0, 2.0) == "n/a"
    assert format_p_value(0.0004) == "< .001"
    assert format_p_value(0.04) == ".040"


def test_statistics_footnote_names_the_correction() -> None:
    holm_note = significance_footnote("holm")
    assert holm_note.startswith("* p < .05, ** p < .01, *** p < .001")
    assert "Holm" in holm_note
    assert "Benjamini–Hochberg" in significance_footnote("bh")
    assert "not adjusted" in significance_footnote("none")


def test_statistics_records_are_frozen_and_json_ready() -> None:
    records: list[Any] = [
        bootstrap_rate_ci([1, 2, 3], [100, 200, 300]),
        bootstrap_mean_ci([1.0, 2.0]),
        bootstrap_proportion_ci([1, 2], [3, 4]),
        permutation_test_rates([1, 2], [100, 100], [3, 4], [100, 100]),
        chi_square_or_fisher([[10, 20], [30, 40]]),
        rate_ratio(1, 10, 2, 10),
        log_odds_dirichlet(TARGET, REFERENCE)[0],
    ]
    for record in records:
        as_dict = record.to_dict()
        assert json.loads(json.dumps(as_dict, allow_nan=False)) == as_dict
        with pytest.raises(AttributeError):
            record.value = 0
    rate = records[0].to_dict()
    assert list(rate)[:6] == ["value", "low", "high", "n_units", "count", "total"]
