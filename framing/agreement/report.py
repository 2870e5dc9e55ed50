"""Agreement reports: every coefficient with a percentile bootstrap interval over items.

:func:`assess_agreement` reports Krippendorff's alpha (at each requested level), Fleiss' kappa,
pairwise percent agreement, and for every pair of coders Cohen's kappa and their percent
agreement. :func:`compare_tool` scores a tool (a classifier, a dictionary method, an LLM)
against the human majority: precision, recall and F1 per category, and alpha with the tool as
one more coder against alpha without it.

Intervals resample *items* with replacement (all codes of an item stay together, so the
dependence between coders on one item is kept) and take the ``(1 - confidence) / 2`` and
``(1 + confidence) / 2`` quantiles of the resampled coefficients (percentile interval, Efron &
Tibshirani 1993, ch. 13). Resamples in which a coefficient is undefined (no variation) are left
out of its quantiles. This is not the bootstrap of Hayes & Krippendorff (2007), which resamples
pairs of values; resampling items is the common choice for reporting on a coded sample and
gives every coefficient here the same footing.

All randomness comes from ``numpy.random.default_rng(seed)``, drawn afresh for each coefficient,
so one coefficient's interval does not depend on which others were computed.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from framing.agreement.codes import Code, CodeTable
from framing.agreement.measures import (
    LEVELS,
    MISSING,
    NUMERIC_LEVELS,
    FloatArray,
    IntArray,
    Level,
    alpha_from_totals,
    alpha_stats,
    classification_from_totals,
    classification_stats,
    cohen_kappa_from_totals,
    fleiss_kappa_from_totals,
    fleiss_stats,
    pair_stats,
    pairwise_percent_stats,
    percent_from_totals,
    value_counts,
)
from framing.errors import InputError, OptionError
from framing.statistics._validate import check_confidence, check_count, check_seed
from framing.statistics.records import DEFAULT_SEED

#: Default number of bootstrap resamples of ``framing agreement``.
DEFAULT_AGREEMENT_BOOT = 1000
#: ``--level`` choices: one level of measurement, or ``auto``.
LEVEL_CHOICES: tuple[str, ...] = ("auto", *LEVELS)

# Bootstrap weights are drawn in chunks so that a chunk's arrays hold at most this many numbers.
_MAX_CELLS_PER_CHUNK = 2_000_000
# How many unpairable item ids a note lists before "…".
_NOTE_EXAMPLES = 5

Statistic = Callable[[FloatArray], FloatArray]


@dataclass(frozen=True)
class BootstrapOptions:
    """How intervals are computed.

    Attributes:
        n_boot: resamples of items (0: no intervals).
        seed: seed of ``numpy.random.default_rng``.
        confidence: confidence level of the percentile intervals.
    """

    n_boot: int = DEFAULT_AGREEMENT_BOOT
    seed: int = DEFAULT_SEED
    confidence: float = 0.95

    def __post_init__(self) -> None:
        check_count(self.n_boot, "n_boot", minimum=0)
        check_seed(self.seed)
        check_confidence(self.confidence)


@dataclass(frozen=True)
class Estimate:
    """A coefficient and its percentile bootstrap interval (``None``: undefined / no interval)."""

    value: float | None
    low: float | None
    high: float | None


@dataclass(frozen=True)
class AgreementRow:
    """One row of an agreement table.

    Attributes:
        measure: e.g. ``Krippendorff's alpha``, ``Cohen's kappa``, ``precision``.
        level: level of measurement (``nominal`` for the kappas and percent agreement).
        coders: the coders the row is about (``ann, ben, cleo``; ``ann vs ben``).
        value: the coefficient; ``None`` when undefined (e.g. no variation at all).
        ci_low: lower bound of the percentile bootstrap interval; ``None`` without one.
        ci_high: upper bound, likewise.
        n_items: items the coefficient rests on (pairable items; items both coders coded…).
        n_values: codes it rests on (pairable values for alpha; the denominator's count for
            precision and recall).
        category: the category of a per-category row (tool comparison), else ``None``.
    """

    measure: str
    level: str
    coders: str
    value: float | None
    ci_low: float | None
    ci_high: float | None
    n_items: int
    n_values: int
    category: str | None = None

    def to_dict(self) -> dict[str, Any]:
        """The row as a JSON-ready dict."""
        return {"measure": self.measure, "level": self.level, "coders": self.coders,
                "category": self.category, "value": self.value, "ci_low": self.ci_low,
                "ci_high": self.ci_high, "n_items": self.n_items, "n_values": self.n_values}


@dataclass(frozen=True)
class AgreementReport:
    """What :func:`assess_agreement` found.

    Attributes:
        rows: the table rows, overall coefficients first, then one block per coder pair.
        notes: one-line remarks a reader of the table needs (left-out items, levels, intervals).
        n_items: items in the input.
        n_coders: coders in the input.
        n_codes: non-missing codes.
        n_missing_codes: codes that were given as missing (empty, ``NA``, ``null``…).
        n_unpairable: items with fewer than two codes (left out of every coefficient).
        levels: levels at which alpha was computed.
        fleiss_raters: codes per item of the items Fleiss' kappa used (``None``: none).
        fleiss_items: items Fleiss' kappa used.
        options: the bootstrap settings.
    """

    rows: tuple[AgreementRow, ...]
    notes: tuple[str, ...]
    n_items: int
    n_coders: int
    n_codes: int
    n_missing_codes: int
    n_unpairable: int
    levels: tuple[Level, ...]
    fleiss_raters: int | None
    fleiss_items: int
    options: BootstrapOptions


@dataclass(frozen=True)
class ToolComparison:
    """What :func:`compare_tool` found.

    Attributes:
        rows: alpha without and with the tool and their difference, then accuracy and
            macro-F1, then precision, recall and F1 per category.
        notes: one-line remarks (items left out and why).
        n_compared: items with a tool code and a clear human majority.
        n_ties: items whose human codes tie for first place (unresolved, left out).
        n_no_tool: items with human codes but no tool code (left out).
        n_no_human: items the tool coded that no human coded (left out).
        n_single_human: compared items whose "majority" is a single human code.
    """

    rows: tuple[AgreementRow, ...]
    notes: tuple[str, ...]
    n_compared: int
    n_ties: int
    n_no_tool: int
    n_no_human: int
    n_single_human: int


# --- the bootstrap --------------------------------------------------------------------------


def bootstrap_estimates(per_item: Any, statistic: Statistic, options: BootstrapOptions
                        ) -> list[Estimate]:
    """Point estimates and percentile intervals of a vector statistic of item sums.

    Args:
        per_item: ``(n_items, K)`` per-item statistics (numpy array or scipy sparse matrix).
        statistic: maps ``(B, K)`` column sums to ``(B, J)`` coefficients (``NaN`` =
            undefined).
        options: resamples, seed, confidence.

    Returns:
        ``J`` estimates. Intervals are ``None`` with fewer than two items, with
        ``n_boot == 0``, or when the coefficient is undefined in every resample.
    """
    n_items, n_stats = per_item.shape
    totals = np.asarray(per_item.sum(axis=0), dtype=np.float64).reshape(1, -1)
    point = np.atleast_2d(statistic(totals))[0]
    if n_items < 2 or options.n_boot == 0:
        return [Estimate(_finite(v), None, None) for v in point]
    from scipy import sparse

    rng = np.random.default_rng(options.seed)
    chunk = max(1, _MAX_CELLS_PER_CHUNK // max(n_items, n_stats))
    draws: list[FloatArray] = []
    for start in range(0, options.n_boot, chunk):
        size = min(chunk, options.n_boot - start)
        weights = _resample_weights(rng, n_items, size)
        if sparse.issparse(per_item):
            sums = np.asarray((per_item.T @ weights.T).T, dtype=np.float64)
        else:
            sums = weights @ np.asarray(per_item, dtype=np.float64)
        draws.append(np.atleast_2d(statistic(sums)).reshape(size, -1))
    samples = np.vstack(draws)
    tail = (1.0 - options.confidence) / 2.0
    estimates: list[Estimate] = []
    for j, value in enumerate(point):
        finite = samples[:, j][np.isfinite(samples[:, j])]
        if finite.size == 0 or not np.isfinite(value):
            estimates.append(Estimate(_finite(value), None, None))
            continue
        low, high = np.quantile(finite, [tail, 1.0 - tail])
        estimates.append(Estimate(float(value), float(low), float(high)))
    return estimates


def _resample_weights(rng: np.random.Generator, n_items: int, size: int) -> FloatArray:
    """``(size, n_items)`` counts: how often each item is drawn in each resample.

    Each resample draws ``n_items`` items with replacement; weighting the per-item statistics
    by these counts is the same as stacking the drawn items.
    """
    draws = rng.integers(0, n_items, size=(size, n_items))
    offsets = (np.arange(size) * n_items)[:, None]
    counts = np.bincount((draws + offsets).ravel(), minlength=size * n_items)
    return counts.reshape(size, n_items).astype(np.float64)


def _finite(value: float) -> float | None:
    return float(value) if np.isfinite(value) else None


def _row(measure: str, level: str, coders: str, estimate: Estimate, n_items: int,
         n_values: int, category: str | None = None) -> AgreementRow:
    return AgreementRow(measure, level, coders, estimate.value, estimate.low, estimate.high,
                        n_items, n_values, category)


# --- levels ---------------------------------------------------------------------------------


def resolve_levels(level: str, table: CodeTable) -> tuple[Level, ...]:
    """The levels at which to compute alpha.

    ``auto`` gives ``nominal``, plus ``ordinal`` and ``interval`` when every label is a number.
    A numeric level asked for explicitly needs numeric labels (``ratio`` non-negative ones).

    Raises:
        OptionError: unknown level, or labels that do not fit it (names one).
    """
    if level not in LEVEL_CHOICES:
        raise OptionError(f"the `--level` option must be one of {', '.join(LEVEL_CHOICES)}; "
                          f"got {level!r}")
    if level == "auto":
        return ("nominal", "ordinal", "interval") if table.numeric else ("nominal",)
    if level in NUMERIC_LEVELS:
        if table.values is None:
            example = next(lb for lb in table.labels if not _is_number(lb))
            raise OptionError(f"the {level} level needs numeric labels; {table.source} has "
                              f"the label {example!r} (use --level nominal)")
        if level == "ratio" and min(table.values, default=0.0) < 0:
            raise OptionError(f"the ratio level needs non-negative numbers; {table.source} "
                              f"has {min(table.values):g}")
    return (level,)  # type: ignore[return-value]  # checked against LEVEL_CHOICES above


def _is_number(label: str) -> bool:
    try:
        float(label)
    except ValueError:
        return False
    return True


# --- the coefficients -----------------------------------------------------------------------


def _coders_text(coders: Sequence[str]) -> str:
    return ", ".join(coders)


def _alpha_statistic(level: Level, values: Sequence[float] | None) -> Statistic:
    def statistic(totals: FloatArray) -> FloatArray:
        return alpha_from_totals(totals, level, values)[:, None]
    return statistic


def alpha_rows(table: CodeTable, levels: Sequence[Level], options: BootstrapOptions
               ) -> list[AgreementRow]:
    """Krippendorff's alpha at each level, resampling the pairable items."""
    counts = value_counts(table.matrix, len(table.labels))
    pairable = counts.sum(axis=1) >= 2
    stats = alpha_stats(counts[pairable])
    n_values = int(counts[pairable].sum())
    rows = []
    for level in levels:
        estimate = bootstrap_estimates(stats, _alpha_statistic(level, table.values), options)[0]
        rows.append(_row("Krippendorff's alpha", level, _coders_text(table.coders), estimate,
                         int(pairable.sum()), n_values))
    return rows


def fleiss_selection(counts: IntArray) -> tuple[int | None, IntArray, dict[int, int]]:
    """Which items Fleiss' kappa can use: those with the most common number (>= 2) of codes.

    Returns:
        The number of codes per item chosen (ties go to the larger number), a boolean mask of
        the items used, and ``{number of codes: items left out}`` for the other pairable items.
    """
    per_item = counts.sum(axis=1)
    sizes = Counter(int(n) for n in per_item if n >= 2)
    if not sizes:
        return None, np.zeros(per_item.size, dtype=bool), {}
    n_raters = max(sizes, key=lambda n: (sizes[n], n))
    left_out = {n: k for n, k in sorted(sizes.items()) if n != n_raters}
    return n_raters, per_item == n_raters, left_out


def fleiss_row(table: CodeTable, options: BootstrapOptions
               ) -> tuple[AgreementRow, int | None, int, dict[int, int]]:
    """Fleiss' kappa on the items with the most common number of codes."""
    counts = value_counts(table.matrix, len(table.labels))
    n_raters, used, left_out = fleiss_selection(counts)
    n_used = int(used.sum())
    if n_raters is None:
        estimate = Estimate(None, None, None)
    else:
        raters = n_raters

        def statistic(totals: FloatArray) -> FloatArray:
            return fleiss_kappa_from_totals(totals, raters)[:, None]

        estimate = bootstrap_estimates(fleiss_stats(counts[used]), statistic, options)[0]
    row = _row("Fleiss' kappa", "nominal", _coders_text(table.coders), estimate, n_used,
               n_used * (n_raters or 0))
    return row, n_raters, n_used, left_out


def _percent_statistic(totals: FloatArray) -> FloatArray:
    return percent_from_totals(totals)[:, None]


def _kappa_statistic(totals: FloatArray) -> FloatArray:
    return cohen_kappa_from_totals(totals)[:, None]


def percent_row(table: CodeTable, options: BootstrapOptions) -> AgreementRow:
    """Pairwise percent agreement over all coders: agreeing coder pairs / coder pairs."""
    counts = value_counts(table.matrix, len(table.labels))
    pairable = counts.sum(axis=1) >= 2
    estimate = bootstrap_estimates(pairwise_percent_stats(counts[pairable]),
                                   _percent_statistic, options)[0]
    return _row("percent agreement", "nominal", _coders_text(table.coders), estimate,
                int(pairable.sum()), int(counts[pairable].sum()))


def pair_rows(table: CodeTable, options: BootstrapOptions) -> list[AgreementRow]:
    """Cohen's kappa and percent agreement for every pair of coders, on items both coded."""
    rows: list[AgreementRow] = []
    n_categories = len(table.labels)
    for i, j in itertools.combinations(range(len(table.coders)), 2):
        first, second = table.matrix[:, i], table.matrix[:, j]
        both = (first != MISSING) & (second != MISSING)
        stats = pair_stats(first[both], second[both], n_categories)
        kappa = bootstrap_estimates(stats, _kappa_statistic, options)[0]
        agreeing = np.column_stack([stats[:, 0], np.ones(stats.shape[0])])
        percent = bootstrap_estimates(agreeing, _percent_statistic, options)[0]
        names = f"{table.coders[i]} vs {table.coders[j]}"
        n_both = int(both.sum())
        rows.append(_row("Cohen's kappa", "nominal", names, kappa, n_both, 2 * n_both))
        rows.append(_row("percent agreement", "nominal", names, percent, n_both, 2 * n_both))
    return rows


def assess_agreement(table: CodeTable, *, level: str = "auto",
                     options: BootstrapOptions | None = None) -> AgreementReport:
    """Every agreement coefficient of a coded table, with bootstrap intervals over items.

    Args:
        table: the codes (see :func:`framing.agreement.read_codes`).
        level: ``auto``, ``nominal``, ``ordinal``, ``interval`` or ``ratio`` (alpha only;
            the kappas and percent agreement are nominal by definition).
        options: resamples, seed and confidence of the intervals.

    Returns:
        The report: rows for a table and the notes a reader needs.

    Raises:
        InputError: fewer than two coders.
        OptionError: a level the labels do not support, or bad bootstrap options.
    """
    options = options or BootstrapOptions()
    if len(table.coders) < 2:
        raise InputError(f"agreement needs codes from at least 2 coders; found "
                         f"{len(table.coders)} ({_coders_text(table.coders) or 'none'})",
                         path=table.source)
    levels = resolve_levels(level, table)
    counts = value_counts(table.matrix, len(table.labels))
    per_item = counts.sum(axis=1)
    fleiss, n_raters, n_fleiss, left_out = fleiss_row(table, options)
    rows = [*alpha_rows(table, levels, options), fleiss, percent_row(table, options),
            *pair_rows(table, options)]
    unpairable = [item for item, n in zip(table.items, per_item, strict=True) if n < 2]
    notes = _assessment_notes(table, level, unpairable, n_raters, n_fleiss, left_out, options,
                              any(r.value is None for r in rows))
    return AgreementReport(
        rows=tuple(rows), notes=tuple(notes), n_items=len(table.items),
        n_coders=len(table.coders), n_codes=table.n_codes,
        n_missing_codes=table.n_missing_codes, n_unpairable=len(unpairable), levels=levels,
        fleiss_raters=n_raters, fleiss_items=n_fleiss, options=options,
    )


def _examples(items: Sequence[str]) -> str:
    shown = ", ".join(items[:_NOTE_EXAMPLES])
    return shown + (", …" if len(items) > _NOTE_EXAMPLES else "")


def _assessment_notes(table: CodeTable, level: str, unpairable: Sequence[str],
                      n_raters: int | None, n_fleiss: int, left_out: Mapping[int, int],
                      options: BootstrapOptions, undefined: bool) -> list[str]:
    n_cells = len(table.items) * len(table.coders)
    notes = [f"{len(table.items)} items, {len(table.coders)} coders, {table.n_codes} codes; "
             f"{n_cells - table.n_codes} of {n_cells} item x coder cells have no code "
             f"({table.n_missing_codes} given as empty/NA/null, the rest without a row): "
             "missing, never a category."]
    if unpairable:
        notes.append(f"{len(unpairable)} item(s) with fewer than 2 codes cannot be paired and "
                     f"are left out of every measure: {_examples(unpairable)}.")
    if level == "auto":
        notes.append("every label is a number: alpha is also given at the ordinal and interval "
                     "levels (ratio with --level ratio)." if table.numeric else
                     "labels are not all numbers: alpha is nominal only.")
    if n_raters is not None:
        if left_out:
            others = ", ".join(f"{k} with {n} codes" for n, k in left_out.items())
            notes.append(f"Fleiss' kappa needs the same number of codes per item: it uses the "
                         f"{n_fleiss} items with {n_raters} codes and leaves out {others}.")
        else:
            notes.append(f"Fleiss' kappa uses all {n_fleiss} pairable items "
                         f"({n_raters} codes each).")
    if undefined:
        notes.append("an empty value is undefined: no variation (every code the same) or no "
                     "items to compare.")
    if options.n_boot:
        notes.append(f"intervals: {options.confidence:.0%} percentile bootstrap over items, "
                     f"{options.n_boot} resamples, seed {options.seed}.")
    return notes


# --- a tool against the humans --------------------------------------------------------------


def _unique_name(name: str, taken: Sequence[str]) -> str:
    candidate = name
    while candidate in taken:
        candidate += "'"
    return candidate


def majority_labels(table: CodeTable, coders: Sequence[str]) -> tuple[IntArray, IntArray]:
    """The human majority label of every item (``-1``: no code or a tie) and the tie mask."""
    columns = [table.coders.index(c) for c in coders]
    counts = value_counts(table.matrix[:, columns], len(table.labels))
    top = counts.max(axis=1, initial=0)
    n_top = (counts == top[:, None]).sum(axis=1)
    majority = np.where((top > 0) & (n_top == 1), counts.argmax(axis=1), MISSING)
    return majority.astype(np.int64), (top > 0) & (n_top > 1)


def compare_tool(humans: CodeTable, tool: Mapping[str, str], *, tool_name: str = "tool",
                 level: str = "auto", options: BootstrapOptions | None = None
                 ) -> ToolComparison:
    """Score a tool's codes against the human majority, and alpha with and without the tool.

    Args:
        humans: the human codes.
        tool: the tool's label for each item it coded.
        tool_name: what to call the tool in the table.
        level: alpha level(s), as in :func:`assess_agreement` (decided on humans + tool).
        options: resamples, seed and confidence of the intervals.

    Returns:
        Rows and notes. Items whose human codes tie for first place are unresolved and left
        out of precision/recall/F1, as are items without a tool code or without human codes.

    Raises:
        OptionError: a level the labels do not support, or bad bootstrap options.
    """
    options = options or BootstrapOptions()
    name = _unique_name(tool_name, humans.coders)
    combined = CodeTable.from_codes(
        [*humans.codes(include_missing=True),
         *(Code(item, name, label) for item, label in tool.items())],
        source=humans.source)
    levels = resolve_levels(level, combined)
    human_names = list(humans.coders)
    majority, ties = majority_labels(combined, human_names)
    tool_column = combined.matrix[:, combined.coders.index(name)]
    compared = (majority != MISSING) & (tool_column != MISSING)
    n_human_codes = (combined.matrix[:, [combined.coders.index(c) for c in human_names]]
                     != MISSING).sum(axis=1)

    rows = _with_without_rows(combined, human_names, name, levels, options)
    rows += _classification_rows(combined, tool_column[compared], majority[compared], name,
                                 options)
    result = ToolComparison(
        rows=tuple(rows), notes=(), n_compared=int(compared.sum()),
        n_ties=int((ties & (tool_column != MISSING)).sum()),
        n_no_tool=int(((n_human_codes > 0) & (tool_column == MISSING)).sum()),
        n_no_human=int(((n_human_codes == 0) & (tool_column != MISSING)).sum()),
        n_single_human=int((compared & (n_human_codes == 1)).sum()),
    )
    return dataclasses.replace(result, notes=tuple(_tool_notes(result, name)))


def _with_without_rows(combined: CodeTable, human_names: Sequence[str], tool_name: str,
                       levels: Sequence[Level], options: BootstrapOptions
                       ) -> list[AgreementRow]:
    """Alpha of the humans, of the humans plus the tool, and the change, resampled jointly."""
    from scipy import sparse

    n_categories = len(combined.labels)
    human_columns = [combined.coders.index(c) for c in human_names]
    counts_h = value_counts(combined.matrix[:, human_columns], n_categories)
    counts_t = value_counts(combined.matrix, n_categories)
    pairable = counts_t.sum(axis=1) >= 2  # pairable with the tool includes pairable without
    stats = sparse.hstack([alpha_stats(counts_h[pairable]), alpha_stats(counts_t[pairable])],
                          format="csr")
    width = n_categories * n_categories
    humans_text = _coders_text(human_names)
    with_text = f"{humans_text} + {tool_name}"
    rows: list[AgreementRow] = []
    for level in levels:
        def statistic(totals: FloatArray, level: Level = level) -> FloatArray:
            without = alpha_from_totals(totals[:, :width], level, combined.values)
            with_tool = alpha_from_totals(totals[:, width:], level, combined.values)
            return np.column_stack([without, with_tool, with_tool - without])

        without, with_tool, change = bootstrap_estimates(stats, statistic, options)
        pairable_h = counts_h.sum(axis=1) >= 2
        rows += [
            _row("Krippendorff's alpha", level, humans_text, without, int(pairable_h.sum()),
                 int(counts_h[pairable_h].sum())),
            _row("Krippendorff's alpha", level, with_text, with_tool, int(pairable.sum()),
                 int(counts_t[pairable].sum())),
            _row("alpha change (with - without tool)", level, with_text, change,
                 int(pairable.sum()), int(counts_t[pairable].sum())),
        ]
    return rows


def _classification_rows(combined: CodeTable, predicted: IntArray, reference: IntArray,
                         tool_name: str, options: BootstrapOptions) -> list[AgreementRow]:
    n_categories = len(combined.labels)
    stats = classification_stats(predicted, reference, n_categories)
    estimates = bootstrap_estimates(stats, classification_from_totals, options)
    n_items = int(predicted.size)
    who = f"{tool_name} vs majority"
    rows = [_row("accuracy", "nominal", who, estimates[3 * n_categories], n_items, n_items),
            _row("macro F1", "nominal", who, estimates[3 * n_categories + 1], n_items, n_items)]
    n_predicted = np.bincount(predicted, minlength=n_categories)
    n_reference = np.bincount(reference, minlength=n_categories)
    for c, label in enumerate(combined.labels):
        if n_predicted[c] == 0 and n_reference[c] == 0:
            continue  # a category only in unresolved or uncompared items
        rows += [
            _row("precision", "nominal", who, estimates[c], n_items, int(n_predicted[c]),
                 label),
            _row("recall", "nominal", who, estimates[n_categories + c], n_items,
                 int(n_reference[c]), label),
            _row("F1", "nominal", who, estimates[2 * n_categories + c], n_items,
                 int(n_predicted[c] + n_reference[c]), label),
        ]
    return rows


def _tool_notes(result: ToolComparison, tool_name: str) -> list[str]:
    notes = [f"{tool_name} vs the human majority on {result.n_compared} items"
             + (f" ({result.n_single_human} of them coded by one human only)"
                if result.n_single_human else "") + "."]
    if result.n_ties:
        notes.append(f"{result.n_ties} item(s) where the human codes tie for first place are "
                     "unresolved and left out of accuracy, precision, recall and F1.")
    if result.n_no_tool:
        notes.append(f"{result.n_no_tool} item(s) with human codes but no {tool_name} code are "
                     "left out of accuracy, precision, recall and F1.")
    if result.n_no_human:
        notes.append(f"{result.n_no_human} item(s) coded by {tool_name} but by no human are "
                     "left out.")
    notes.append("precision: share of the tool's codes of a category that the majority "
                 "shares (n values = the tool's codes of it); recall: share of the majority's "
                 "(n values = the majority's).")
    return notes
