"""Compare outlets (or events, days) on the analysis measures, with uncertainty.

Every figure is computed from :class:`~framing.analysis.records.EntryScore` records, one unit per
entry: an estimate with a percentile bootstrap interval over entries, an omnibus permutation
test of whether the groups differ, and pairwise tests with effect sizes. p-values are adjusted
for multiple comparisons over the whole table (Holm by default, or Benjamini–Hochberg).

The metrics (README, "framing compare", defines each):

* ``terms/1k own words`` — loaded terms in the outlet's own (authorial) voice per 1,000 authorial
  words; ``terms/1k attributed words`` — loaded terms inside quoted or reported voice per 1,000
  attributed words; ``terms:<side>/1k own words`` — authorial terms carrying a side's framing.
* ``naming share <side>`` — of the authorial naming/toponym terms that carry either of the two
  main sides' framing, the share carrying ``<side>``'s (Stepanakert vs Khankendi, Artsakh vs
  "Karabakh region of Azerbaijan", occupied vs liberated).
* ``voice share <side>`` — share of attributions whose speaker is on ``<side>``;
  ``anonymous share`` — share of attributions to unnamed sources.
* ``distancing share <side>`` — share of ``<side>``'s attributions with a distancing verb
  ("claimed", "alleged"): the "said for one side, claimed for the other" asymmetry.
* ``hedges/1k words``, ``boosters/1k words``, ``scare quotes/100 entries``.
* ``reading ease`` (Flesch, entries long enough to score) and ``tone`` (VADER compound).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from framing.analysis.records import EntryScore
from framing.errors import OptionError
from framing.statistics import (
    DEFAULT_N_BOOT,
    DEFAULT_N_PERM,
    DEFAULT_SEED,
    adjust,
    bootstrap_mean_ci,
    bootstrap_proportion_ci,
    bootstrap_rate_ci,
    cohens_d,
    cohens_h,
    permutation_test_rates,
    rate_ratio,
)

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

GROUPINGS = ("outlet", "event", "day", "outlet,event")
MetricKind = Literal["rate", "proportion", "mean"]
NAMING_CATEGORIES = frozenset({"naming", "toponym", "territory"})


@dataclass(frozen=True)
class Metric:
    """One measure: per-unit numerator and denominator (or value) and how to estimate it."""

    name: str
    kind: MetricKind
    numerator: Callable[[EntryScore], float | None]
    denominator: Callable[[EntryScore], float] = lambda _: 1.0
    per: float = 1.0


def _terms(record: EntryScore, *, authorial: bool, side: str | None = None) -> int:
    return sum(1 for t in record.terms if (t.voice == "authorial") == authorial
               and (side is None or t.orientation == side))


def _naming(record: EntryScore, side: str, sides: tuple[str, str]) -> tuple[int, int]:
    hits = [t.orientation for t in record.terms if t.voice == "authorial"
            and t.category in NAMING_CATEGORIES and t.orientation in sides]
    return sum(1 for o in hits if o == side), len(hits)


def _own_side_terms(record: EntryScore, side: str) -> int:
    return _terms(record, authorial=True, side=side)


def _naming_hits(record: EntryScore, side: str, sides: tuple[str, str]) -> int:
    return _naming(record, side, sides)[0]


def _naming_total(record: EntryScore, sides: tuple[str, str]) -> int:
    return _naming(record, sides[0], sides)[1]


def _side_attributions(record: EntryScore, side: str) -> int:
    return sum(1 for a in record.attributions if a.side == side)


def _side_distancing(record: EntryScore, side: str) -> int:
    return sum(1 for a in record.attributions if a.side == side and a.stance == "distancing")


def _n_attributions(record: EntryScore) -> int:
    return len(record.attributions)


def _n_cues(record: EntryScore, kind: str) -> int:
    return sum(1 for c in record.cues if c.kind == kind)


def build_metrics(sides: Sequence[str]) -> list[Metric]:
    """The metrics of a comparison, with per-side metrics for the given sides."""
    metrics = [
        Metric("terms/1k own words", "rate", partial(_terms, authorial=True),
               lambda r: r.n_words_authorial, 1000.0),
        Metric("terms/1k attributed words", "rate", partial(_terms, authorial=False),
               lambda r: r.n_words_attributed, 1000.0),
    ]
    for side in sides:
        metrics.append(Metric(f"terms:{side}/1k own words", "rate",
                              partial(_own_side_terms, side=side),
                              lambda r: r.n_words_authorial, 1000.0))
    if len(sides) >= 2:
        pair = (sides[0], sides[1])
        metrics.append(Metric(f"naming share {pair[0]}", "proportion",
                              partial(_naming_hits, side=pair[0], sides=pair),
                              partial(_naming_total, sides=pair)))
    for side in sides:
        metrics.append(Metric(f"voice share {side}", "proportion",
                              partial(_side_attributions, side=side), _n_attributions))
    metrics.append(Metric("anonymous share", "proportion",
                          lambda r: sum(1 for a in r.attributions if a.anonymous),
                          _n_attributions))
    for side in sides:
        metrics.append(Metric(f"distancing share {side}", "proportion",
                              partial(_side_distancing, side=side),
                              partial(_side_attributions, side=side)))
    metrics += [
        Metric("hedges/1k words", "rate", partial(_n_cues, kind="hedge"), lambda r: r.n_words,
               1000.0),
        Metric("boosters/1k words", "rate", partial(_n_cues, kind="booster"),
               lambda r: r.n_words, 1000.0),
        Metric("scare quotes/100 entries", "rate", partial(_n_cues, kind="scare_quote"),
               lambda _: 1.0, 100.0),
        Metric("reading ease", "mean",
               lambda r: r.readability.flesch_reading_ease if r.readability else None),
        Metric("tone", "mean", lambda r: r.tone.compound if r.tone else None),
    ]
    return metrics


@dataclass(frozen=True)
class Cell:
    """One metric for one group: estimate, interval and sample size."""

    metric: str
    group: str
    value: float | None
    low: float | None
    high: float | None
    n_units: int
    small_sample: bool


@dataclass(frozen=True)
class GroupTest:
    """Do the groups differ on a metric? Omnibus permutation test, adjusted over the table."""

    metric: str
    statistic: float | None
    p_value: float | None
    p_adjusted: float | None
    method: str


@dataclass(frozen=True)
class PairTest:
    """Two groups compared on a metric: difference, effect size, p (raw and adjusted)."""

    metric: str
    group_a: str
    group_b: str
    difference: float | None
    effect: str
    effect_value: float | None
    p_value: float | None
    p_adjusted: float | None


@dataclass(frozen=True)
class Comparison:
    """The result of :func:`compare_scores`: cells, omnibus tests and pairwise tests."""

    by: str
    groups: tuple[str, ...]
    cells: tuple[Cell, ...]
    tests: tuple[GroupTest, ...]
    pairs: tuple[PairTest, ...]
    correction: str
    n_boot: int
    seed: int
    n_entries: dict[str, int] = field(default_factory=dict)

    def cell(self, metric: str, group: str) -> Cell:
        """The cell of one metric and group."""
        return next(c for c in self.cells if c.metric == metric and c.group == group)

    @property
    def metrics(self) -> list[str]:
        """Metric names in table order."""
        return list(dict.fromkeys(c.metric for c in self.cells))

    def to_records(self) -> list[dict[str, Any]]:
        """One dict per cell, with the metric's adjusted omnibus p-value."""
        p_by_metric = {t.metric: t.p_adjusted for t in self.tests}
        return [{**asdict(c), "p_adjusted": p_by_metric.get(c.metric)} for c in self.cells]

    def to_pandas(self) -> pd.DataFrame:
        """The cells as a DataFrame (needs pandas)."""
        import pandas

        return pandas.DataFrame(self.to_records())


def group_key(record: EntryScore, by: str, events: dict[str, str | None] | None) -> str | None:
    """The group of a record, or None when it belongs to none (e.g. no event, no date)."""
    if by == "outlet":
        return record.outlet
    if by == "day":
        return record.published[:10] if record.published else None
    event = (events or {}).get(record.id)
    if event is None:
        return None
    return event if by == "event" else f"{record.outlet} | {event}"


def _omnibus(numerators: np.ndarray, denominators: np.ndarray, labels: np.ndarray,
             n_groups: int, *, n_perm: int, seed: int) -> tuple[float | None, float | None]:
    """Permutation test of between-group differences of ratio-of-sums estimates.

    Statistic: ``sum_g D_g (r_g - r)^2`` with ``r_g = N_g / D_g`` the group estimate and ``r``
    the pooled one (a between-group sum of squares weighted by exposure). Group labels of the
    units are permuted; p = (b + 1) / (m + 1) (Phipson & Smyth 2010).
    """
    total_d = denominators.sum()
    if n_groups < 2 or total_d <= 0:
        return None, None
    pooled = numerators.sum() / total_d

    def statistic(group_labels: np.ndarray) -> float:
        sums_n = np.bincount(group_labels, weights=numerators, minlength=n_groups)
        sums_d = np.bincount(group_labels, weights=denominators, minlength=n_groups)
        mask = sums_d > 0
        rates = sums_n[mask] / sums_d[mask]
        return float((sums_d[mask] * (rates - pooled) ** 2).sum())

    observed = statistic(labels)
    rng = np.random.default_rng(seed)
    n_extreme = sum(1 for _ in range(n_perm)
                    if statistic(rng.permutation(labels)) >= observed - 1e-12)
    return observed, (n_extreme + 1) / (n_perm + 1)


def _unit_arrays(metric: Metric, records: Sequence[EntryScore]
                 ) -> tuple[list[float | None], list[float]]:
    if metric.kind == "mean":
        return [metric.numerator(r) for r in records], [1.0] * len(records)
    return ([float(metric.numerator(r) or 0) for r in records],
            [float(metric.denominator(r)) for r in records])


def compare_scores(
    records: Iterable[EntryScore],
    *,
    by: str = "outlet",
    sides: Sequence[str] = (),
    events: dict[str, str | None] | None = None,
    n_boot: int = DEFAULT_N_BOOT,
    n_perm: int = DEFAULT_N_PERM,
    seed: int = DEFAULT_SEED,
    correction: str = "holm",
    min_entries: int = 1,
) -> Comparison:
    """Compare groups of score records on every metric.

    Args:
        records: score records (from :func:`framing.score`).
        by: ``outlet``, ``event``, ``day`` or ``outlet,event``.
        sides: the sides to report per-side metrics for (e.g. ``("armenia", "azerbaijan")``);
            the first two define the naming share.
        events: entry id → event id, needed for ``event`` groupings.
        n_boot, n_perm, seed: resampling settings (fixed seed: same table every run).
        correction: ``holm`` or ``bh`` over all tests of the table.
        min_entries: groups with fewer entries are left out.

    Returns:
        A :class:`Comparison`.

    Raises:
        OptionError: for an unknown grouping, or an event grouping without events.
    """
    if by not in GROUPINGS:
        raise OptionError(f"the `--by` option must be one of {', '.join(GROUPINGS)}; got {by!r}")
    if "event" in by and events is None:
        raise OptionError("grouping by event needs event alignment (framing events)")
    grouped: dict[str, list[EntryScore]] = {}
    for record in records:
        if record.kind != "entry":
            continue  # a feed's background text is not coverage of an event
        key = group_key(record, by, events)
        if key is not None:
            grouped.setdefault(key, []).append(record)
    groups = tuple(sorted(g for g, rs in grouped.items() if len(rs) >= min_entries))
    units = [r for g in groups for r in grouped[g]]
    labels = np.array([i for i, g in enumerate(groups) for _ in grouped[g]], dtype=np.int64)

    cells: list[Cell] = []
    raw_tests: list[tuple[str, float | None, float | None, str]] = []
    raw_pairs: list[tuple[str, str, str, float | None, str, float | None, float | None]] = []
    for metric in build_metrics(sides):
        numerators, denominators = _unit_arrays(metric, units)
        for index, group in enumerate(groups):
            members = [i for i, label in enumerate(labels) if label == index]
            cells.append(_estimate(metric, [numerators[i] for i in members],
                                   [denominators[i] for i in members], group, n_boot, seed))
        if metric.kind == "mean":
            keep = [i for i, v in enumerate(numerators) if v is not None]
            num = np.array([numerators[i] for i in keep], dtype=float)
            den = np.ones(len(keep))
            lab = labels[keep]
        else:
            num = np.array(numerators, dtype=float)
            den = np.array(denominators, dtype=float)
            lab = labels
        statistic, p_value = _omnibus(num, den, lab, len(groups), n_perm=n_perm, seed=seed)
        raw_tests.append((metric.name, statistic, p_value,
                          "permutation test of between-group differences"))
        for a, b in itertools.combinations(range(len(groups)), 2):
            raw_pairs.append(_pair(metric, num, den, lab, a, b, groups, n_perm, seed))

    adjusted = adjust([p for *_, p, _ in raw_tests], correction)
    tests = tuple(GroupTest(name, stat, p, p_adj, method)
                  for (name, stat, p, method), p_adj in zip(raw_tests, adjusted, strict=True))
    pair_adjusted = adjust([p[-1] for p in raw_pairs], correction)
    pairs = tuple(PairTest(m, a, b, diff, effect, value, p, p_adj)
                  for (m, a, b, diff, effect, value, p), p_adj
                  in zip(raw_pairs, pair_adjusted, strict=True))
    return Comparison(by=by, groups=groups, cells=tuple(cells), tests=tests, pairs=pairs,
                      correction=correction, n_boot=n_boot, seed=seed,
                      n_entries={g: len(grouped[g]) for g in groups})


def _estimate(metric: Metric, numerators: list[Any], denominators: list[float], group: str,
              n_boot: int, seed: int) -> Cell:
    if metric.kind == "rate":
        rate = bootstrap_rate_ci(numerators, denominators, per=metric.per, n_boot=n_boot,
                                 seed=seed)
        return Cell(metric.name, group, rate.value, rate.low, rate.high, rate.n_units,
                    rate.small_sample)
    if metric.kind == "proportion":
        share = bootstrap_proportion_ci(numerators, denominators, n_boot=n_boot, seed=seed)
        return Cell(metric.name, group, share.value, share.low, share.high, share.n_units,
                    share.small_sample)
    mean = bootstrap_mean_ci(numerators, n_boot=n_boot, seed=seed)
    return Cell(metric.name, group, mean.value, mean.low, mean.high, mean.n_units,
                mean.small_sample)


def _pair(metric: Metric, num: np.ndarray, den: np.ndarray, lab: np.ndarray, a: int, b: int,
          groups: Sequence[str], n_perm: int, seed: int
          ) -> tuple[str, str, str, float | None, str, float | None, float | None]:
    in_a, in_b = lab == a, lab == b
    per = metric.per if metric.kind == "rate" else 1.0
    if den[in_a].sum() <= 0 or den[in_b].sum() <= 0:
        return (metric.name, groups[a], groups[b], None, "", None, None)
    if metric.kind == "mean":
        # Means may be negative (tone): the two-group case of the omnibus test (equivalent to
        # a two-sided test of the difference of means).
        both = in_a | in_b
        _, p_value = _omnibus(num[both], den[both], (lab[both] == b).astype(np.int64), 2,
                              n_perm=n_perm, seed=seed)
        effect = cohens_d(num[in_a], num[in_b])
        difference = float(num[in_a].mean() - num[in_b].mean())
        return (metric.name, groups[a], groups[b], difference, effect.name, effect.value,
                p_value)
    test = permutation_test_rates(num[in_a], den[in_a], num[in_b], den[in_b], per=per,
                                  n_perm=n_perm, seed=seed)
    if metric.kind == "rate":
        effect = rate_ratio(num[in_a].sum(), den[in_a].sum(), num[in_b].sum(), den[in_b].sum())
    else:
        effect = cohens_h(num[in_a].sum() / den[in_a].sum(), num[in_b].sum() / den[in_b].sum())
    return (metric.name, groups[a], groups[b], test.statistic, effect.name, effect.value,
            test.p_value)


def choose_sides(records: Sequence[EntryScore], *, n_sides: int = 2) -> tuple[str, ...]:
    """The sides most present in the records (term orientations and attributed speakers)."""
    counts: dict[str, int] = {}
    for record in records:
        for term in record.terms:
            if term.orientation:
                counts[term.orientation] = counts.get(term.orientation, 0) + 1
        for attribution in record.attributions:
            if attribution.side:
                counts[attribution.side] = counts.get(attribution.side, 0) + 1
    ranked = sorted(counts, key=lambda side: (-counts[side], side))
    return tuple(ranked[:n_sides])


SMALL_SAMPLE_MARK = "†"


def comparison_rows(comparison: Comparison, *, digits: int = 2) -> list[dict[str, Any]]:
    """The paper table: one row per metric, one column per group, then the adjusted p-value."""
    from framing.statistics import format_estimate, format_p_value, significance_marks

    tests = {t.metric: t for t in comparison.tests}
    rows = []
    for metric in comparison.metrics:
        row: dict[str, Any] = {"metric": metric}
        for group in comparison.groups:
            cell = comparison.cell(metric, group)
            text = format_estimate(cell.value, cell.low, cell.high, digits=digits)
            row[group] = text + (SMALL_SAMPLE_MARK if cell.small_sample else "")
        test = tests[metric]
        row[f"p ({comparison.correction})"] = (format_p_value(test.p_adjusted)
                                              + significance_marks(test.p_adjusted))
        rows.append(row)
    return rows


def pair_rows(comparison: Comparison) -> list[dict[str, Any]]:
    """Pairwise table: difference, effect size and adjusted p-value for each metric and pair."""
    from framing.statistics import format_p_value, significance_marks

    rows = []
    for pair in comparison.pairs:
        rows.append({
            "metric": pair.metric, "a": pair.group_a, "b": pair.group_b,
            "difference": None if pair.difference is None else round(pair.difference, 3),
            "effect": pair.effect,
            "effect size": None if pair.effect_value is None else round(pair.effect_value, 3),
            f"p ({comparison.correction})": format_p_value(pair.p_adjusted)
            + significance_marks(pair.p_adjusted),
        })
    return rows


def comparison_footnote(comparison: Comparison) -> str:
    """The footnote line under a comparison table."""
    from framing.statistics import significance_footnote

    counts = ", ".join(f"{g}: {n}" for g, n in comparison.n_entries.items())
    return (f"Estimates with 95% percentile bootstrap intervals over entries ({comparison.n_boot} "
            f"resamples, seed {comparison.seed}); p: permutation test that the groups differ, "
            f"{significance_footnote(comparison.correction)} {SMALL_SAMPLE_MARK} small sample "
            f"(fewer than 10 entries, or fewer than 5 counted instances). Entries: {counts}.")


@dataclass(frozen=True)
class OutletView:
    """How one outlet told one event: headline, terms by voice, whom it quoted, hedges."""

    outlet: str
    entry_ids: tuple[str, ...]
    headline: str
    own_terms: tuple[str, ...]
    attributed_terms: tuple[str, ...]
    sources: tuple[str, ...]
    hedges: tuple[str, ...]
    scare_quotes: tuple[str, ...]


@dataclass(frozen=True)
class EventView:
    """One event covered by several outlets, side by side."""

    event_id: str
    outlets: tuple[OutletView, ...]


def _label(term_text: str, orientation: str | None) -> str:
    return f"{term_text} ({orientation})" if orientation else term_text


def side_by_side(records: Iterable[EntryScore], events: dict[str, str | None], *,
                 min_outlets: int = 2) -> list[EventView]:
    """For each event covered by at least ``min_outlets`` outlets, each outlet's telling."""
    by_event: dict[str, dict[str, list[EntryScore]]] = {}
    for record in records:
        event = events.get(record.id)
        if event is not None and record.kind == "entry":
            by_event.setdefault(event, {}).setdefault(record.outlet, []).append(record)
    views = []
    for event in sorted(by_event):
        outlets = by_event[event]
        if len(outlets) < min_outlets:
            continue
        rows = []
        for outlet in sorted(outlets):
            group = sorted(outlets[outlet], key=lambda r: r.published or "")
            terms = [t for r in group for t in r.terms]
            rows.append(OutletView(
                outlet=outlet,
                entry_ids=tuple(r.id for r in group),
                headline=group[0].title or group[0].text[:80],
                own_terms=tuple(dict.fromkeys(_label(t.text, t.orientation) for t in terms
                                              if t.voice == "authorial")),
                attributed_terms=tuple(dict.fromkeys(
                    f"{_label(t.text, t.orientation)} [{t.speaker or '?'}]" for t in terms
                    if t.voice != "authorial")),
                sources=tuple(dict.fromkeys(
                    f"{a.actor or a.speaker or 'unnamed'} ({a.side or '?'}) {a.verb or ''}".strip()
                    + (" [anonymous]" if a.anonymous else "")
                    for r in group for a in r.attributions)),
                hedges=tuple(dict.fromkeys(c.text for r in group for c in r.cues
                                           if c.kind == "hedge")),
                scare_quotes=tuple(dict.fromkeys(c.text for r in group for c in r.cues
                                                 if c.kind == "scare_quote")),
            ))
        views.append(EventView(event, tuple(rows)))
    return views


def side_by_side_rows(view: EventView) -> list[dict[str, Any]]:
    """Table rows of one event: one row per outlet."""
    return [{"outlet": o.outlet, "headline": o.headline,
             "own-voice terms": "; ".join(o.own_terms) or "–",
             "attributed terms": "; ".join(o.attributed_terms) or "–",
             "sources (side, verb)": "; ".join(o.sources) or "–",
             "hedges": "; ".join(o.hedges) or "–",
             "scare quotes": "; ".join(o.scare_quotes) or "–"} for o in view.outlets]
