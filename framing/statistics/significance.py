"""Significance tests: permutation test for rates, chi-square or Fisher's exact test for counts.

References:
    Phipson, B., & Smyth, G. K. (2010). Permutation p-values should never be zero: calculating
    exact p-values when permutations are randomly drawn. *Statistical Applications in Genetics
    and Molecular Biology*, 9(1), Article 39.
    Good, P. (2005). *Permutation, Parametric, and Bootstrap Tests of Hypotheses* (3rd ed.).
    Springer.
    Cochran, W. G. (1954). Some methods for strengthening the common χ² tests. *Biometrics*,
    10(4), 417–451.
    Agresti, A. (2002). *Categorical Data Analysis* (2nd ed.), §3.5 (Fisher's exact test).
    Wiley.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
from scipy import stats as scipy_stats  # type: ignore[import-untyped,unused-ignore]

from framing.errors import OptionError
from framing.statistics._validate import (
    FloatArray,
    Numbers,
    check_count,
    check_positive,
    check_same_length,
    check_seed,
    drop_empty_units,
    to_vector,
)
from framing.statistics.records import (
    DEFAULT_N_PERM,
    DEFAULT_SEED,
    SMALL_SAMPLE_MIN_COUNT,
    SMALL_SAMPLE_MIN_UNITS,
    TestResult,
)

_MAX_DRAWS_PER_CHUNK = 2_000_000
# Relative tolerance when comparing a permuted statistic with the observed one, so that the
# same split computed in another summation order still counts as "at least as extreme".
_TIE_TOLERANCE = 1e-9


def _differences(
    num_a: FloatArray, den_a: FloatArray, total_num: float, total_den: float, *, per: float
) -> FloatArray:
    """``per * (rate_a - rate_b)`` for splits with group-A sums ``num_a``, ``den_a`` (NaN if
    a group has no exposure); group B holds the rest of the totals."""
    num_b = total_num - num_a
    den_b = total_den - den_a
    with np.errstate(divide="ignore", invalid="ignore"):
        rate_a = np.where(den_a > 0, num_a / den_a, np.nan)
        rate_b = np.where(den_b > 0, num_b / den_b, np.nan)
    differences: FloatArray = (rate_a - rate_b) * per
    return differences


def _count_splits(n: int, k: int, *, limit: int) -> int | None:
    """``comb(n, k)`` if it is at most ``limit``, else ``None`` (without computing a huge number:
    ``comb(10**6, 5 * 10**5)`` alone takes seconds)."""
    k = min(k, n - k)
    count = 1
    for i in range(1, k + 1):
        count = count * (n - k + i) // i  # comb(n - k + i, i), increasing in i
        if count > limit:
            return None
    return count


def _n_extreme(differences: FloatArray, observed: float) -> int:
    """Permuted differences at least as extreme as ``observed`` (two-sided; NaN counts)."""
    threshold = abs(observed) * (1.0 - _TIE_TOLERANCE)
    extreme = np.isnan(differences) | (np.abs(differences) >= threshold)
    return int(extreme.sum())


def permutation_test_rates(
    counts_a: Numbers,
    totals_a: Numbers,
    counts_b: Numbers,
    totals_b: Numbers,
    *,
    per: float = 1000.0,
    n_perm: int = DEFAULT_N_PERM,
    seed: int = DEFAULT_SEED,
) -> TestResult:
    """Two-sided permutation test of the difference of two ratio-of-sums rates.

    The statistic is ``rate_a - rate_b`` with ``rate = per * sum(counts) / sum(totals)``. Under
    the null hypothesis the outlet labels of the units (entries) are exchangeable, so the units
    are pooled and split at random into groups of the original sizes, each unit keeping its
    count and total (Good 2005). ``b`` of ``m`` random splits give a difference at least as large
    in absolute value as the observed one, and ``p = (b + 1) / (m + 1)`` (Phipson & Smyth 2010):
    never 0, and at least ``1 / (m + 1)``.

    When there are no more distinct splits, ``comb(n_a + n_b, n_a)``, than ``n_perm``, all of
    them are enumerated instead and ``p`` is the exact share of splits at least as extreme
    (the observed split is one of them); ``method`` says so and ``n_perm`` is the number of
    splits. With 3 + 3 entries, for instance, the smallest possible two-sided p is 2/20.

    Units with a zero total are dropped. A random split whose group has a zero total has no
    rate; it is counted as extreme (conservative).

    Args:
        counts_a: events per unit of group A.
        totals_a: exposure per unit of group A.
        counts_b: events per unit of group B.
        totals_b: exposure per unit of group B.
        per: rates per this many units of exposure (only scales ``statistic``).
        n_perm: number of random splits ``m``.
        seed: seed of ``numpy.random.default_rng``.

    Returns:
        A :class:`TestResult` with ``statistic = rate_a - rate_b``. ``statistic`` and
        ``p_value`` are ``None`` (with a ``note``) when a group has no exposure.
        ``small_sample`` when a group has fewer than 10 units or both together fewer than 5
        events.

    Example:
        >>> result = permutation_test_rates([1, 1, 1], [100, 100, 100], [1, 1, 1], [100, 100, 100])
        >>> result.statistic, result.p_value, result.method
        (0.0, 1.0, 'exact permutation test (difference of rates, two-sided, all 20 splits)')
    """
    return permutation_tests_rates(
        [(counts_a, totals_a, counts_b, totals_b)], per=per, n_perm=n_perm, seed=seed
    )[0]


@dataclass(frozen=True)
class _RatesTest:
    """A validated two-group rates test: units of A then B, and the observed difference."""

    numerators: FloatArray
    denominators: FloatArray
    n_a: int
    observed: float
    per: float
    small_sample: bool


_RATES_METHOD = "permutation test (difference of rates, two-sided, (b+1)/(m+1))"


def _prepare_rates_test(
    counts_a: Numbers, totals_a: Numbers, counts_b: Numbers, totals_b: Numbers, *, per: float
) -> _RatesTest | TestResult:
    """Validate, drop empty units and compute the observed difference (or the no-test result)."""
    per = check_positive(per, "per")
    groups: list[tuple[FloatArray, FloatArray]] = []
    for label, counts, totals in (("a", counts_a, totals_a), ("b", counts_b, totals_b)):
        names = (f"counts_{label}", f"totals_{label}")
        numerators, denominators = to_vector(counts, names[0]), to_vector(totals, names[1])
        check_same_length(numerators, denominators, names)
        groups.append(drop_empty_units(numerators, denominators, names))
    (num_a, den_a), (num_b, den_b) = groups
    n_a, n_b = num_a.size, num_b.size
    small_sample = bool(
        min(n_a, n_b) < SMALL_SAMPLE_MIN_UNITS or num_a.sum() + num_b.sum() < SMALL_SAMPLE_MIN_COUNT
    )
    empty = [label for label, den in (("a", den_a), ("b", den_b)) if den.sum() <= 0]
    if empty:
        return TestResult(
            statistic=None,
            p_value=None,
            method=_RATES_METHOD,
            small_sample=True,
            note=f"group {' and '.join(empty)} has no exposure (total 0); rates cannot be compared",
        )
    observed = float((num_a.sum() / den_a.sum() - num_b.sum() / den_b.sum()) * per)
    return _RatesTest(
        numerators=np.concatenate([num_a, num_b]),
        denominators=np.concatenate([den_a, den_b]),
        n_a=n_a,
        observed=observed,
        per=per,
        small_sample=small_sample,
    )


def _exact_rates_test(test: _RatesTest, n_splits: int) -> TestResult:
    """Enumerate every split of the units into groups of the original sizes."""
    n_units, n_a = test.numerators.size, test.n_a
    total_num, total_den = float(test.numerators.sum()), float(test.denominators.sum())
    splits = itertools.combinations(range(n_units), n_a)
    n_extreme = 0
    chunk = max(1, _MAX_DRAWS_PER_CHUNK // max(1, n_a))
    while block := list(itertools.islice(splits, chunk)):
        members = np.array(block, dtype=np.intp).reshape(len(block), n_a)
        differences = _differences(
            test.numerators[members].sum(axis=1),
            test.denominators[members].sum(axis=1),
            total_num,
            total_den,
            per=test.per,
        )
        n_extreme += _n_extreme(differences, test.observed)
    return TestResult(
        statistic=test.observed,
        p_value=n_extreme / n_splits,
        method=f"exact permutation test (difference of rates, two-sided, all {n_splits} splits)",
        n_perm=n_splits,
        small_sample=test.small_sample,
    )


def _random_rates_tests(tests: Sequence[_RatesTest], *, n_perm: int, seed: int) -> list[int]:
    """Extreme random splits of tests with the same group sizes, which share their draws.

    A random split shuffles the unit labels and takes the first ``n_a`` units as group A; the
    draws depend only on the seed and the sizes, so they are made once for all the tests
    (denominators shared by several tests are summed once).
    """
    n_units, n_a = tests[0].numerators.size, tests[0].n_a
    totals = [(float(t.numerators.sum()), float(t.denominators.sum())) for t in tests]
    den_slots: dict[bytes, int] = {}
    unique_den: list[FloatArray] = []
    slots = []
    for test in tests:
        slot = den_slots.setdefault(test.denominators.tobytes(), len(unique_den))
        if slot == len(unique_den):
            unique_den.append(test.denominators)
        slots.append(slot)
    rng = np.random.default_rng(seed)
    labels = np.arange(n_units, dtype=np.intp)
    chunk = max(1, _MAX_DRAWS_PER_CHUNK // n_units)
    n_extreme = [0] * len(tests)
    for start in range(0, n_perm, chunk):
        size = min(n_perm, start + chunk) - start
        members = rng.permuted(np.tile(labels, (size, 1)), axis=1)[:, :n_a]
        den_sums = [den[members].sum(axis=1) for den in unique_den]
        for position, test in enumerate(tests):
            differences = _differences(
                test.numerators[members].sum(axis=1),
                den_sums[slots[position]],
                *totals[position],
                per=test.per,
            )
            n_extreme[position] += _n_extreme(differences, test.observed)
    return n_extreme


def permutation_tests_rates(
    tests: Sequence[tuple[Numbers, Numbers, Numbers, Numbers]],
    *,
    per: float | Sequence[float] = 1000.0,
    n_perm: int = DEFAULT_N_PERM,
    seed: int = DEFAULT_SEED,
) -> list[TestResult]:
    """:func:`permutation_test_rates` of several ``(counts_a, totals_a, counts_b, totals_b)``.

    Each result is exactly the one :func:`permutation_test_rates` gives for that test with the
    same ``n_perm`` and ``seed``. Tests whose groups have the same sizes (after dropping units
    with a zero total) share their random splits, which are drawn once: with several metrics of
    the same entries this saves most of the time, which goes into shuffling.

    Args:
        tests: the two groups' counts and totals of each test.
        per: one value for all tests, or one per test.
        n_perm: number of random splits ``m``.
        seed: seed of ``numpy.random.default_rng``.

    Returns:
        One :class:`TestResult` per test, in order.

    Example:
        >>> a, b = ([1, 2, 3], [10, 10, 10]), ([0, 1, 0], [10, 10, 10])
        >>> [r.p_value for r in permutation_tests_rates([(*a, *b), (*b, *a)])]
        [0.2, 0.2]
    """
    n_perm = check_count(n_perm, "n_perm")
    seed = check_seed(seed)
    pers = [per] * len(tests) if isinstance(per, int | float) else list(per)
    if len(pers) != len(tests):
        raise OptionError(
            f"the `per` parameter must be one number or one per test; got {len(pers)} for "
            f"{len(tests)} tests"
        )
    results: list[TestResult | None] = [None] * len(tests)
    by_sizes: dict[tuple[int, int], list[tuple[int, _RatesTest]]] = {}
    for index, (test, test_per) in enumerate(zip(tests, pers, strict=True)):
        prepared = _prepare_rates_test(*test, per=test_per)
        if isinstance(prepared, TestResult):
            results[index] = prepared
            continue
        n_units = prepared.numerators.size
        n_splits = _count_splits(n_units, prepared.n_a, limit=n_perm)
        if n_splits is not None:
            results[index] = _exact_rates_test(prepared, n_splits)
            continue
        by_sizes.setdefault((n_units, prepared.n_a), []).append((index, prepared))
    for members in by_sizes.values():
        counts = _random_rates_tests([t for _, t in members], n_perm=n_perm, seed=seed)
        for (index, prepared), n_extreme in zip(members, counts, strict=True):
            results[index] = TestResult(
                statistic=prepared.observed,
                p_value=(n_extreme + 1) / (n_perm + 1),
                method=_RATES_METHOD,
                n_perm=n_perm,
                small_sample=prepared.small_sample,
                seed=seed,
            )
    return [r for r in results if r is not None]


def contingency_table(table: Sequence[Sequence[float]] | npt.NDArray[np.generic]) -> FloatArray:
    """Validate a table of counts (at least 2 x 2, non-negative integers) as a float array."""
    try:
        array = np.asarray(table, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise OptionError(f"the `table` parameter must be a table of counts; {exc}") from exc
    if array.ndim != 2 or array.shape[0] < 2 or array.shape[1] < 2:
        raise OptionError(
            f"the `table` parameter must be a table of at least 2 rows and 2 columns; "
            f"got shape {array.shape}"
        )
    if not np.all(np.isfinite(array)) or (array < 0).any() or (array != np.round(array)).any():
        raise OptionError("the `table` parameter must hold non-negative whole counts")
    return array


def drop_empty_margins(array: FloatArray) -> tuple[FloatArray, str]:
    """Drop all-zero rows and columns (categories nobody used); return a note if any were."""
    rows = array.sum(axis=1) > 0
    columns = array.sum(axis=0) > 0
    notes = []
    if not rows.all():
        notes.append(f"{int((~rows).sum())} empty row(s) dropped")
    if not columns.all():
        notes.append(f"{int((~columns).sum())} empty column(s) dropped")
    return array[np.ix_(rows, columns)], "; ".join(notes)


def chi_square_or_fisher(
    table: Sequence[Sequence[float]] | npt.NDArray[np.generic], *, min_expected: float = 5.0
) -> TestResult:
    """Test independence of rows and columns of a table of counts; Fisher's test when sparse.

    * Pearson's chi-square test of independence (``scipy.stats.chi2_contingency``) on R x K
      tables; for a 2 x 2 table with Yates' continuity correction (scipy's and R's default),
      for larger tables without (there is no such correction for them).
    * **Fisher's exact test** (two-sided, ``scipy.stats.fisher_exact``) instead for a 2 x 2 table
      with any expected count below ``min_expected`` (Cochran 1954); ``statistic`` is then the
      sample odds ratio (``None`` when a zero cell makes it 0/0 or infinite).
    * A larger table with expected counts below ``min_expected`` in more than 20 % of its cells
      (Cochran's rule) or any below 1 keeps the chi-square test but is flagged
      ``small_sample`` with a note: collapse categories or read the p-value with care.

    All-zero rows and columns (an outlet without any attribution, a category nobody used) are
    dropped first. Which test was used is in ``method``.

    Args:
        table: counts, one row per group (outlet) and one column per category (e.g. side),
            at least 2 x 2.
        min_expected: expected count below which a 2 x 2 table goes to Fisher's test.

    Returns:
        A :class:`TestResult`; ``p_value`` is ``None`` (with a ``note``) when, after dropping
        empty rows and columns, fewer than 2 rows or 2 columns are left.

    Example:
        >>> result = chi_square_or_fisher([[10, 20], [30, 40]])
        >>> result.method, result.df
        ("Pearson's chi-square test with Yates' continuity correction", 1)
    """
    min_expected = check_positive(min_expected, "min_expected")
    array, note = drop_empty_margins(contingency_table(table))
    if array.shape[0] < 2 or array.shape[1] < 2:
        return TestResult(
            statistic=None,
            p_value=None,
            method="none (fewer than 2 non-empty rows or columns)",
            small_sample=True,
            note="; ".join(
                filter(None, [note, "no test: a single non-empty row or column is left"])
            ),
        )
    expected = np.outer(array.sum(axis=1), array.sum(axis=0)) / array.sum()
    sparse = expected < min_expected
    if array.shape == (2, 2) and sparse.any():
        odds_ratio, p_value = scipy_stats.fisher_exact(array.astype(np.int64))
        odds_ratio = float(odds_ratio)
        finite = math.isfinite(odds_ratio)
        return TestResult(
            statistic=odds_ratio if finite else None,
            p_value=float(p_value),
            method="Fisher's exact test (two-sided)",
            small_sample=True,
            note="; ".join(
                filter(
                    None,
                    [
                        note,
                        f"an expected count is below {min_expected:g}",
                        "" if finite else "odds ratio undefined (zero cell)",
                    ],
                )
            ),
        )
    result = scipy_stats.chi2_contingency(array, correction=True)
    small_sample = bool(sparse.mean() > 0.2 or (expected < 1).any())
    if small_sample:
        note = "; ".join(
            filter(
                None,
                [
                    note,
                    f"{int(sparse.sum())} of {sparse.size} expected counts below "
                    f"{min_expected:g}; the chi-square approximation may be poor",
                ],
            )
        )
    yates = " with Yates' continuity correction" if array.shape == (2, 2) else ""
    return TestResult(
        statistic=float(result.statistic),
        p_value=float(result.pvalue),
        method=f"Pearson's chi-square test{yates}",
        df=int(result.dof),
        small_sample=small_sample,
        note=note,
    )
