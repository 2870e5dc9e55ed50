"""Compare outlets (or events, days) on the analysis measures, with uncertainty.

Every figure is computed from :class:`~framing.analysis.records.EntryScore` records, one unit per
entry: an estimate with a percentile bootstrap interval over entries, an omnibus permutation
test of whether the groups differ, and pairwise tests with effect sizes. p-values are adjusted
for multiple comparisons over the whole table (Holm by default, or Benjamini–Hochberg).

The records stream: a :class:`CompareAccumulator` reduces each one to its group and a
numerator and denominator per metric, accumulators of other processes merge, and ``finish``
makes the table (:func:`compare_scores` does all three). Groups above 50,000 entries are kept
as sums over 5,000 random blocks of entries, so memory stays constant; their intervals and
tests then resample blocks (see :mod:`framing.aggregate`).

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

import copy
import itertools
import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field
from functools import partial
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import numpy.typing as npt

from framing.aggregate import (
    DEFAULT_MAX_UNITS,
    DEFAULT_N_BLOCKS,
    ColumnSource,
    UnitKind,
    UnitStore,
)
from framing.analysis.records import EntryScore, TermHit
from framing.errors import OptionError
from framing.statistics import (
    DEFAULT_N_BOOT,
    DEFAULT_N_PERM,
    DEFAULT_SEED,
    SMALL_SAMPLE_MIN_COUNT,
    SMALL_SAMPLE_MIN_UNITS,
    EffectSize,
    adjust,
    bootstrap_mean_ci,
    bootstrap_proportion_ci,
    bootstrap_rate_ci,
    cohens_d,
    cohens_d_from_sums,
    cohens_h,
    permutation_tests_rates,
    rate_ratio,
    ratio_percentile_interval,
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


def _in_voice_span(record: EntryScore, term: TermHit) -> bool:
    return any(v.start <= term.start and term.end <= v.end for v in record.voices)


def _terms(record: EntryScore, *, authorial: bool, side: str | None = None) -> int:
    if authorial:
        return sum(1 for t in record.terms if t.voice == "authorial"
                   and (side is None or t.orientation == side))
    # Attributed terms are those inside quoted or reported speech, whose words make the
    # denominator. A term in a scare quote outside any speech takes the distanced speaker's
    # voice but adds no attributed words: it is counted as a scare quote, not here.
    return sum(1 for t in record.terms if t.voice != "authorial" and _in_voice_span(record, t)
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
    """The result of :func:`compare_scores`: cells, omnibus tests and pairwise tests.

    ``blocked`` names the groups with more than ``max_units`` entries, whose intervals and tests
    resample ``n_blocks`` random blocks of entries instead of single entries
    (:class:`CompareAccumulator`); ``max_units`` and ``n_blocks`` are 0 when there are none.
    """

    by: str
    groups: tuple[str, ...]
    cells: tuple[Cell, ...]
    tests: tuple[GroupTest, ...]
    pairs: tuple[PairTest, ...]
    correction: str
    n_boot: int
    seed: int
    n_entries: dict[str, int] = field(default_factory=dict)
    blocked: tuple[str, ...] = ()
    max_units: int = 0
    n_blocks: int = 0

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


def group_key(record: EntryScore, by: str,
              events: Mapping[str, str | None] | None) -> str | None:
    """The group of a record, or None when it belongs to none (e.g. no event, no date)."""
    if by == "outlet":
        return record.outlet
    if by == "day":
        return record.published[:10] if record.published else None
    event = (events or {}).get(record.id)
    if event is None:
        return None
    return event if by == "event" else f"{record.outlet} | {event}"


# Permuted label matrices are generated in chunks of at most this many cells, so 5,000
# permutations of 100,000 units never hold a 500-million-cell matrix. The chunking does not
# change the draws: ``rng.permuted`` of k stacked rows gives the same permutations as k calls
# of ``rng.permutation``.
_MAX_PERMUTED_CELLS = 2_000_000
_OMNIBUS_TOLERANCE = 1e-12


def _between_groups(numerators: np.ndarray, denominators: np.ndarray, labels: np.ndarray,
                    n_groups: int, pooled: float) -> float:
    """``sum_g D_g (r_g - r)^2`` of one labelling (the statistic of :func:`_omnibus`)."""
    sums_n = np.bincount(labels, weights=numerators, minlength=n_groups)
    sums_d = np.bincount(labels, weights=denominators, minlength=n_groups)
    mask = sums_d > 0
    rates = sums_n[mask] / sums_d[mask]
    return float((sums_d[mask] * (rates - pooled) ** 2).sum())


def _group_sums(flat: np.ndarray, values: np.ndarray, n_rows: int,
                n_groups: int) -> np.ndarray:
    """Per-row, per-group sums of ``values`` under ``n_rows`` labellings (flat row offsets).

    One ``bincount`` adds the units of every row in unit order, as the one-row version does,
    so each sum is bit-for-bit the same.
    """
    sums = np.bincount(flat, weights=np.tile(values, n_rows), minlength=n_rows * n_groups)
    return sums.reshape(n_rows, n_groups)


def _statistics(sums_n: np.ndarray, sums_d: np.ndarray, pooled: float) -> np.ndarray:
    """:func:`_between_groups` of each row of group sums.

    Rows where every group has exposure are reduced by the same numpy sum as the one-row
    version, so the values are bit-for-bit those of :func:`_between_groups`; rows with an empty
    group (which reduce a shorter vector) are computed one by one.
    """
    full = (sums_d > 0).all(axis=1)
    statistics = np.empty(sums_n.shape[0])
    rates = sums_n[full] / sums_d[full]
    statistics[full] = (sums_d[full] * (rates - pooled) ** 2).sum(axis=1)
    for row in np.flatnonzero(~full):
        mask = sums_d[row] > 0
        row_rates = sums_n[row][mask] / sums_d[row][mask]
        statistics[row] = float((sums_d[row][mask] * (row_rates - pooled) ** 2).sum())
    return statistics


def _omnibus_many(tests: Sequence[tuple[np.ndarray, np.ndarray]], labels: np.ndarray,
                  n_groups: int, *, n_perm: int, seed: int
                  ) -> list[tuple[float | None, float | None]]:
    """:func:`_omnibus` of several metrics whose units carry the same group ``labels``.

    With the same labels and seed every metric sees the same permutations, so they are drawn
    once and each metric's statistic is evaluated on them (denominators shared by several
    metrics are summed once). Each result is exactly that of its own :func:`_omnibus`.
    """
    results: list[tuple[float | None, float | None]] = [(None, None)] * len(tests)
    active: list[tuple[int, np.ndarray, int, float, float]] = []
    denominators: dict[bytes, int] = {}
    unique_den: list[np.ndarray] = []
    for index, (numerators, dens) in enumerate(tests):
        total_d = dens.sum()
        if n_groups < 2 or total_d <= 0:
            continue
        pooled = numerators.sum() / total_d
        observed = _between_groups(numerators, dens, labels, n_groups, pooled)
        slot = denominators.setdefault(dens.tobytes(), len(unique_den))
        if slot == len(unique_den):
            unique_den.append(dens)
        active.append((index, numerators, slot, pooled, observed))
    if not active:
        return results
    rng = np.random.default_rng(seed)
    chunk = max(1, _MAX_PERMUTED_CELLS // max(1, labels.size))
    n_extreme = [0] * len(active)
    for start in range(0, n_perm, chunk):
        size = min(n_perm, start + chunk) - start
        labellings = rng.permuted(np.tile(labels, (size, 1)), axis=1)
        flat = (labellings + (np.arange(size, dtype=np.int64) * n_groups)[:, None]).ravel()
        den_sums = [_group_sums(flat, dens, size, n_groups) for dens in unique_den]
        for position, (_, numerators, slot, pooled, observed) in enumerate(active):
            statistics = _statistics(_group_sums(flat, numerators, size, n_groups),
                                     den_sums[slot], pooled)
            n_extreme[position] += int((statistics >= observed - _OMNIBUS_TOLERANCE).sum())
    for (index, *_, observed), extreme in zip(active, n_extreme, strict=True):
        results[index] = (observed, (extreme + 1) / (n_perm + 1))
    return results


def _omnibus(numerators: np.ndarray, denominators: np.ndarray, labels: np.ndarray,
             n_groups: int, *, n_perm: int, seed: int) -> tuple[float | None, float | None]:
    """Permutation test of between-group differences of ratio-of-sums estimates.

    Statistic: ``sum_g D_g (r_g - r)^2`` with ``r_g = N_g / D_g`` the group estimate and ``r``
    the pooled one (a between-group sum of squares weighted by exposure). Group labels of the
    units are permuted; p = (b + 1) / (m + 1) (Phipson & Smyth 2010). Permutations are drawn
    and evaluated in batches (see :func:`_omnibus_many`).
    """
    return _omnibus_many([(numerators, denominators)], labels, n_groups, n_perm=n_perm,
                         seed=seed)[0]


def _metric_kind(metric: Metric) -> UnitKind:
    return "mean" if metric.kind == "mean" else "ratio"


def _attribution_counts(record: EntryScore, sides: tuple[str, ...]
                        ) -> tuple[int, int, list[int], list[int]]:
    n_anonymous = 0
    per_side = [0] * len(sides)
    distancing = [0] * len(sides)
    for attribution in record.attributions:
        n_anonymous += attribution.anonymous
        for i, side in enumerate(sides):
            if attribution.side == side:
                per_side[i] += 1
                distancing[i] += attribution.stance == "distancing"
    return len(record.attributions), n_anonymous, per_side, distancing


def unit_row(record: EntryScore, sides: tuple[str, ...]) -> list[float]:
    """A record's numerator and denominator for every metric of :func:`build_metrics`.

    One pass over the record's terms, attributions and cues instead of one per metric; the
    values are those of each :class:`Metric`'s ``numerator`` and ``denominator`` (the tests
    check it). A ``mean`` metric gives its value (NaN when missing) and 1.
    """
    own = attributed = 0
    own_side = [0] * len(sides)
    pair = sides[:2] if len(sides) >= 2 else ()
    naming_first = naming_total = 0
    for term in record.terms:
        if term.voice != "authorial":
            attributed += _in_voice_span(record, term)  # as in _terms: speech, not scare quotes
            continue
        own += 1
        for i, side in enumerate(sides):
            if term.orientation == side:
                own_side[i] += 1
        if pair and term.category in NAMING_CATEGORIES and term.orientation in pair:
            naming_total += 1
            naming_first += term.orientation == pair[0]
    n_attributions, n_anonymous, per_side, distancing = _attribution_counts(record, sides)
    hedges = boosters = scare_quotes = 0
    for cue in record.cues:
        hedges += cue.kind == "hedge"
        boosters += cue.kind == "booster"
        scare_quotes += cue.kind == "scare_quote"
    words_own, words_attributed = float(record.n_words_authorial), float(record.n_words_attributed)
    row = [float(own), words_own, float(attributed), words_attributed]
    for count in own_side:
        row += [float(count), words_own]
    if pair:
        row += [float(naming_first), float(naming_total)]
    for count in per_side:
        row += [float(count), float(n_attributions)]
    row += [float(n_anonymous), float(n_attributions)]
    for count, total in zip(distancing, per_side, strict=True):
        row += [float(count), float(total)]
    ease = record.readability.flesch_reading_ease if record.readability else None
    tone = record.tone.compound if record.tone else None
    words = float(record.n_words)
    row += [float(hedges), words, float(boosters), words, float(scare_quotes), 1.0,
            math.nan if ease is None else float(ease), 1.0,
            math.nan if tone is None else float(tone), 1.0]
    return row


class _StoreViews:
    """What both accumulators expose of their :class:`~framing.aggregate.UnitStore`."""

    _store: UnitStore
    _events: Mapping[str, str | None] | None

    @property
    def n_entries(self) -> dict[str, int]:
        """Entries added per group (groups in the order first seen)."""
        return {g: self._store.n_entries(g) for g in self._store.groups}

    @property
    def nbytes(self) -> int:
        """Bytes of the per-unit and per-block arrays (what grows with the corpus)."""
        return self._store.nbytes

    def attach_events(self, events: Mapping[str, str | None]) -> None:
        """Give an (unpickled) accumulator the entry → event mapping it needs to add records."""
        self._events = events


class CompareAccumulator(_StoreViews):
    """Streaming, mergeable state of a comparison: add records, merge pieces, finish.

    Each record is reduced on :meth:`add` to its group key and, per metric, one numerator and
    one denominator (floats in compact arrays, never the record). Accumulators built in other
    processes or Dask partitions :meth:`merge`; :meth:`finish` computes the
    :class:`Comparison` — the same as :func:`compare_scores` over the records in the order
    they were added (``a.merge(b)`` = a's records, then b's).

    Groups with more than ``max_units`` entries are kept as sums over ``n_blocks`` random
    blocks of entries (see :mod:`framing.aggregate`): memory stays constant, intervals come
    from a cluster bootstrap over blocks and tests permute blocks; the result then does not
    depend on the order of records or on how they were split. Smaller groups are exact (a test
    between a blocked group and a smaller one permutes the blocks of the one with the entries
    of the other).

    A pickled accumulator leaves its ``events`` mapping behind (it can be large, and merging
    and finishing do not need it); call :meth:`attach_events` before adding records to an
    unpickled accumulator grouped by event.

    Args:
        by: ``outlet``, ``event``, ``day`` or ``outlet,event``.
        sides: sides to report per-side metrics for; the first two define the naming share.
        events: entry id → event id (for event groupings).
        max_units: groups above this many entries are resampled in blocks.
        n_blocks: blocks per collapsed group.

    Raises:
        OptionError: for an unknown grouping, or an event grouping without events.

    Example:
        >>> first, second = CompareAccumulator(), CompareAccumulator()
        >>> first.width  # no sides: 8 metrics, numerator and denominator of each
        16
        >>> first.add_values("A", "a1", [2.0, 100.0] + [0.0, 1.0] * 5 + [math.nan, 1.0] * 2)
        >>> second.add_values("B", "b1", [1.0, 100.0] + [0.0, 1.0] * 5 + [math.nan, 1.0] * 2)
        >>> merged = first.merge(second)
        >>> merged.n_entries
        {'A': 1, 'B': 1}
        >>> merged.finish(n_boot=100, n_perm=100).cell("terms/1k own words", "A").value
        20.0
    """

    def __init__(self, by: str = "outlet", sides: Sequence[str] = (),
                 events: Mapping[str, str | None] | None = None, *,
                 max_units: int = DEFAULT_MAX_UNITS, n_blocks: int = DEFAULT_N_BLOCKS) -> None:
        if by not in GROUPINGS:
            raise OptionError(f"the `--by` option must be one of {', '.join(GROUPINGS)}; "
                              f"got {by!r}")
        if "event" in by and events is None:
            raise OptionError("grouping by event needs event alignment (framing events)")
        self.by = by
        self.sides = tuple(sides)
        self._events = events
        self._metric_names = tuple(m.name for m in build_metrics(self.sides))
        self._store = UnitStore([_metric_kind(m) for m in build_metrics(self.sides)],
                                max_units=max_units, n_blocks=n_blocks)

    @property
    def metric_names(self) -> tuple[str, ...]:
        """Metric names, in row order: a row holds numerator and denominator of each."""
        return self._metric_names

    @property
    def width(self) -> int:
        """Floats per unit row of :meth:`add_values` (two per metric)."""
        return self._store.width

    @property
    def max_units(self) -> int:
        """Groups above this many entries are resampled in blocks."""
        return self._store.max_units

    @property
    def n_blocks(self) -> int:
        """Blocks per collapsed group."""
        return self._store.n_blocks

    def add(self, record: EntryScore) -> None:
        """Add one score record (background text and records without a group are skipped)."""
        if record.kind != "entry":
            return  # a feed's background text is not coverage of an event
        if "event" in self.by and self._events is None:
            raise OptionError("this accumulator has no events (they are not pickled); call "
                              "attach_events(events) before adding records")
        key = group_key(record, self.by, self._events)
        if key is not None:
            self._store.add_values(key, record.id, unit_row(record, self.sides))

    def add_values(self, group: str, entry_id: str, values: Sequence[float]) -> None:
        """Add one unit from numbers: a row of :attr:`width` floats (see :func:`unit_row`)."""
        self._store.add_values(group, entry_id, values)

    def add_array(self, group: str, entry_ids: Sequence[str], values: npt.ArrayLike) -> None:
        """Add many units of one group: ``values`` of shape ``(len(entry_ids), width)``."""
        self._store.add_array(group, entry_ids, values)

    def merge(self, other: CompareAccumulator) -> CompareAccumulator:
        """A new accumulator with this one's units, then ``other``'s (neither changes)."""
        merged = copy.copy(self)
        merged._store = self._store.copy()
        merged.update(other)
        return merged

    def update(self, other: CompareAccumulator) -> None:
        """Add ``other``'s units after this one's, in place."""
        if (self.by, self.sides) != (other.by, other.sides):
            raise OptionError(f"cannot merge a comparison by {other.by!r} with sides "
                              f"{other.sides} into one by {self.by!r} with sides {self.sides}")
        self._store.update(other._store)

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_events"] = None
        return state

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, CompareAccumulator):
            return NotImplemented
        return (self.by, self.sides) == (other.by, other.sides) and self._store == other._store

    __hash__ = None  # type: ignore[assignment]  # mutable

    def finish(self, *, n_boot: int = DEFAULT_N_BOOT, n_perm: int = DEFAULT_N_PERM,
               seed: int = DEFAULT_SEED, correction: str = "holm",
               min_entries: int = 1) -> Comparison:
        """Estimates, intervals and tests of every metric and group (see :func:`compare_scores`).

        The accumulator is not consumed: more records may be added and ``finish`` called again.
        """
        store = self._store
        groups = tuple(sorted(g for g in store.groups if store.n_entries(g) >= min_entries))
        metrics = build_metrics(self.sides)
        cells: list[Cell] = []
        columns: list[_TestColumn] = []
        shared_labels: dict[tuple[int, ...], np.ndarray] = {}
        for index, metric in enumerate(metrics):
            # One metric's per-group arrays at a time; only its test units are kept.
            units = [_group_units(store, group, index, metric) for group in groups]
            cells += [_estimate_units(metric, group, unit, n_boot, seed)
                      for group, unit in zip(groups, units, strict=True)]
            columns.append(_test_column(metric, units, shared_labels))
        omnibus = _omnibus_by_labels([(c.num, c.den, c.labels) for c in columns],
                                     len(groups), n_perm=n_perm, seed=seed)
        raw_tests = [(metric.name, statistic, p_value,
                      "permutation test of between-group differences")
                     for metric, (statistic, p_value) in zip(metrics, omnibus, strict=True)]
        raw_pairs = _pairs(metrics, columns, groups, n_perm=n_perm, seed=seed)

        adjusted = adjust([p for *_, p, _ in raw_tests], correction)
        tests = tuple(GroupTest(name, stat, p, p_adj, method)
                      for (name, stat, p, method), p_adj in zip(raw_tests, adjusted, strict=True))
        pair_adjusted = adjust([p[-1] for p in raw_pairs], correction)
        pairs = tuple(PairTest(m, a, b, diff, effect, value, p, p_adj)
                      for (m, a, b, diff, effect, value, p), p_adj
                      in zip(raw_pairs, pair_adjusted, strict=True))
        blocked = tuple(g for g in groups if store.is_blocked(g))
        return Comparison(by=self.by, groups=groups, cells=tuple(cells), tests=tests,
                          pairs=pairs, correction=correction, n_boot=n_boot, seed=seed,
                          n_entries={g: store.n_entries(g) for g in groups}, blocked=blocked,
                          max_units=store.max_units if blocked else 0,
                          n_blocks=store.n_blocks if blocked else 0)


# The wide accumulator's metrics: the eight side-independent metrics of ``build_metrics(())``
# (their rows are ``unit_row(record, ())``), then per side seen its own-voice terms and its
# naming terms (each over itself) and its distancing attributions (over its attributions),
# then per pair of sides whose naming terms ever met in one entry an indicator of that (for
# the unit counts of a naming share in blocks: entries naming either side). Every column of a
# side or pair is zero for an entry without it, so columns added late are zeros before.
_BASE_KEYS = ("own", "attributed", "anonymous", "hedges", "boosters", "scare", "ease", "tone")
WideKey = tuple[str, ...]


def _wide_keys(sides: Sequence[str], pairs: Sequence[tuple[str, str]]) -> list[WideKey]:
    keys: list[WideKey] = [("base", name) for name in _BASE_KEYS]
    for side in sides:
        keys += [("own", side), ("distancing", side), ("naming", side)]
    keys += [("both", *pair) for pair in pairs]
    return keys


def _wide_kinds(keys: Sequence[WideKey]) -> list[UnitKind]:
    return ["mean" if key in (("base", "ease"), ("base", "tone")) else "ratio" for key in keys]


def _side_counts(record: EntryScore) -> tuple[dict[str, int], dict[str, int], dict[str, int],
                                              dict[str, int], list[str]]:
    """Own-voice terms, attributions, distancing attributions and naming terms per side, and
    every side the record mentions (as :func:`count_sides` counts them)."""
    own: dict[str, int] = {}
    naming: dict[str, int] = {}
    attributions: dict[str, int] = {}
    distancing: dict[str, int] = {}
    seen: dict[str, None] = {}
    for term in record.terms:
        side = term.orientation
        if not side:
            continue
        seen[side] = None
        if term.voice == "authorial":
            own[side] = own.get(side, 0) + 1
            if term.category in NAMING_CATEGORIES:
                naming[side] = naming.get(side, 0) + 1
    for attribution in record.attributions:
        side = attribution.side
        if not side:
            continue
        seen[side] = None
        attributions[side] = attributions.get(side, 0) + 1
        if attribution.stance == "distancing":
            distancing[side] = distancing.get(side, 0) + 1
    return own, attributions, distancing, naming, list(seen)


class WideCompareAccumulator(_StoreViews):
    """A :class:`CompareAccumulator` that chooses its sides at the end.

    Without ``--side`` a comparison reports the two sides most present in the records
    (:func:`choose_sides`), known only after the last record. This accumulator keeps, per
    entry, the side-independent numbers and per-side counts of every side seen (a side's
    columns are added when it is first seen: earlier entries have none of it), and counts the
    sides as :func:`count_sides` does. :meth:`project` then makes the
    :class:`CompareAccumulator` of any sides from the stored columns (exact rows and block sums
    alike, summing whole counts: exact), and :meth:`finish` is the comparison of the chosen
    sides: the same, float for float, as :func:`compare_scores` with
    ``sides=choose_sides(records)``. It merges in order and pickles like the narrow one.

    Args:
        by, events, max_units, n_blocks: as for :class:`CompareAccumulator`.
        sides: sides to give columns from the start (optional: sides get columns when seen).

    Example:
        >>> accumulator = WideCompareAccumulator("outlet")
        >>> accumulator.choose_sides(), accumulator.project(("a", "b")).sides
        ((), ('a', 'b'))
    """

    def __init__(self, by: str = "outlet", sides: Sequence[str] = (),
                 events: Mapping[str, str | None] | None = None, *,
                 max_units: int = DEFAULT_MAX_UNITS, n_blocks: int = DEFAULT_N_BLOCKS) -> None:
        CompareAccumulator(by, (), events, max_units=max_units, n_blocks=n_blocks)  # checks
        self.by = by
        self._events = events
        self._sides: list[str] = []
        self._pairs: list[tuple[str, str]] = []
        self._counts: dict[str, int] = {}
        self._store = UnitStore(_wide_kinds(_wide_keys((), ())), max_units=max_units,
                                n_blocks=n_blocks)
        self._widen(list(dict.fromkeys(sides)), [])

    @property
    def sides(self) -> tuple[str, ...]:
        """The sides with columns, in the order first seen."""
        return tuple(self._sides)

    @property
    def side_counts(self) -> dict[str, int]:
        """Occurrences of each side in every record added (:func:`count_sides`)."""
        return dict(self._counts)

    def choose_sides(self, n_sides: int = 2) -> tuple[str, ...]:
        """The sides most present in the records added (:func:`choose_sides`)."""
        return rank_sides(self._counts, n_sides)

    def _keys(self) -> list[WideKey]:
        return _wide_keys(self._sides, self._pairs)

    def _widen(self, sides: Sequence[str], pairs: Sequence[tuple[str, str]]) -> None:
        """Add columns (zeros for the units so far) for new sides and pairs."""
        sides = [s for s in sides if s not in self._sides]
        pairs = [p for p in pairs if p not in self._pairs]
        if not sides and not pairs:
            return
        before = self._keys()
        self._sides += sides
        self._pairs += pairs
        self._store = _relayout(self._store, before, self._keys())

    def add(self, record: EntryScore) -> None:
        """Count the record's sides and add it (background text and records without a group
        add no unit, as in :meth:`CompareAccumulator.add`)."""
        for side, count in count_sides([record]).items():
            self._counts[side] = self._counts.get(side, 0) + count
        if record.kind != "entry":
            return
        if "event" in self.by and self._events is None:
            raise OptionError("this accumulator has no events (they are not pickled); call "
                              "attach_events(events) before adding records")
        key = group_key(record, self.by, self._events)
        if key is None:
            return
        own, attributions, distancing, naming, seen = _side_counts(record)
        named = sorted(naming)
        met = [(a, b) for i, a in enumerate(named) for b in named[i + 1:]]
        self._widen(seen, met)
        row = unit_row(record, ())
        for side in self._sides:
            n_naming = float(naming.get(side, 0))
            n_own = float(own.get(side, 0))
            row += [n_own, n_own, float(distancing.get(side, 0)),
                    float(attributions.get(side, 0)), n_naming, n_naming]
        for a, b in self._pairs:
            both = float(a in naming and b in naming)
            row += [both, both]
        self._store.add_values(key, record.id, row)

    def project(self, sides: Sequence[str]) -> CompareAccumulator:
        """The :class:`CompareAccumulator` of these sides, with every unit added so far."""
        sides = tuple(sides)
        index = {key: i for i, key in enumerate(self._keys())}

        def column(key: WideKey, part: int) -> list[int]:
            return [2 * index[key] + part] if key in index else []

        def units(key: WideKey, sign: int = 1) -> list[tuple[int, int]]:
            return [(sign, index[key])] if key in index else []

        def copy_of(key: WideKey) -> ColumnSource:
            return column(key, 0), column(key, 1), units(key)

        own, anonymous = ("base", "own"), ("base", "anonymous")
        sources: list[ColumnSource] = [copy_of(own), copy_of(("base", "attributed"))]
        sources += [(column(("own", s), 0), column(own, 1), units(own)) for s in sides]
        if len(sides) >= 2:
            a, b = sides[0], sides[1]
            if a == b:
                sources.append(copy_of(("naming", a)))
            else:  # entries naming a or b: those naming a, plus b, minus both
                pair = ("both", *sorted((a, b)))
                sources.append((column(("naming", a), 0),
                                column(("naming", a), 0) + column(("naming", b), 0),
                                units(("naming", a)) + units(("naming", b)) + units(pair, -1)))
        sources += [(column(("distancing", s), 1), column(anonymous, 1), units(anonymous))
                    for s in sides]
        sources.append(copy_of(anonymous))
        sources += [copy_of(("distancing", s)) for s in sides]
        sources += [copy_of(("base", name)) for name in _BASE_KEYS[3:]]
        narrow = CompareAccumulator(self.by, sides, self._events, max_units=self._store.max_units,
                                    n_blocks=self._store.n_blocks)
        narrow._store = self._store.gather(narrow._store.kinds, sources)
        return narrow

    def merge(self, other: WideCompareAccumulator) -> WideCompareAccumulator:
        """A new accumulator with this one's units, then ``other``'s (neither changes)."""
        merged = copy.copy(self)
        merged._sides, merged._pairs = list(self._sides), list(self._pairs)
        merged._counts = dict(self._counts)
        merged._store = self._store.copy()
        merged.update(other)
        return merged

    def update(self, other: WideCompareAccumulator) -> None:
        """Add ``other``'s units and side counts after this one's, in place."""
        if self.by != other.by:
            raise OptionError(f"cannot merge a comparison by {other.by!r} into one by "
                              f"{self.by!r}")
        self._widen(other._sides, other._pairs)
        theirs = other._store
        if other._keys() != self._keys():
            theirs = _relayout(theirs, other._keys(), self._keys())
        self._store.update(theirs)
        for side, count in other._counts.items():
            self._counts[side] = self._counts.get(side, 0) + count

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_events"] = None
        return state

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, WideCompareAccumulator):
            return NotImplemented
        if (self.by, self._counts) != (other.by, other._counts) or (
                set(self._keys()) != set(other._keys())):
            return False
        return self._store == _relayout(other._store, other._keys(), self._keys())

    __hash__ = None  # type: ignore[assignment]  # mutable

    def finish(self, *, n_boot: int = DEFAULT_N_BOOT, n_perm: int = DEFAULT_N_PERM,
               seed: int = DEFAULT_SEED, correction: str = "holm",
               min_entries: int = 1) -> Comparison:
        """The comparison of the two sides most present (:meth:`choose_sides`)."""
        return self.project(self.choose_sides()).finish(
            n_boot=n_boot, n_perm=n_perm, seed=seed, correction=correction,
            min_entries=min_entries)


def _relayout(store: UnitStore, before: Sequence[WideKey], after: Sequence[WideKey]
              ) -> UnitStore:
    """A wide store's columns in another layout (zeros for the metrics it did not have)."""
    index = {key: i for i, key in enumerate(before)}
    sources: list[ColumnSource] = []
    for key in after:
        i = index.get(key)
        sources.append(([], [], []) if i is None else ([2 * i], [2 * i + 1], [(1, i)]))
    return store.gather(_wide_kinds(after), sources)


@dataclass(frozen=True)
class _Units:
    """One metric of one group, ready for the estimators.

    Exact groups: one value per entry (``num``/``den``; a mean's values with NaN and ones).
    Blocked groups: per-block sums (a mean's ``den`` is its number of values), with exact
    totals. ``test_num``/``test_den`` are the units the permutation tests shuffle.
    """

    blocked: bool
    num: np.ndarray
    den: np.ndarray
    test_num: np.ndarray
    test_den: np.ndarray
    total_num: float = 0.0
    total_den: float = 0.0
    n_units: int = 0
    sum_squares: float = 0.0

    def moments(self) -> tuple[int, float, float]:
        """``(n, sum, sum of squares)`` of a mean metric's values."""
        if self.blocked:
            return self.n_units, self.total_num, self.sum_squares
        values = self.num[~np.isnan(self.num)]
        return int(values.size), math.fsum(values), math.fsum(values * values)


def _group_units(store: UnitStore, group: str, index: int, metric: Metric) -> _Units:
    if not store.is_blocked(group):
        num, den = store.unit_arrays(group, index)
        if metric.kind == "mean":
            keep = ~np.isnan(num)
            return _Units(False, num, den, num[keep], np.ones(int(keep.sum())))
        return _Units(False, num, den, num, den)
    num, second, units, entries = store.block_arrays(group, index)
    total_num, total_second, n_units = store.totals(group, index)
    if metric.kind == "mean":
        counts = units.astype(np.float64)
        keep = units > 0
        return _Units(True, num, counts, num[keep], counts[keep], total_num, float(n_units),
                      n_units, total_second)
    occupied = entries > 0
    return _Units(True, num, second, num[occupied], second[occupied], total_num, total_second,
                  n_units)


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
    max_units: int = DEFAULT_MAX_UNITS,
    n_blocks: int = DEFAULT_N_BLOCKS,
) -> Comparison:
    """Compare groups of score records on every metric.

    Streams: each record is reduced to a few numbers by a :class:`CompareAccumulator`, so
    memory does not grow with the corpus beyond ``max_units`` entries per group.

    Args:
        records: score records (from :func:`framing.score`).
        by: ``outlet``, ``event``, ``day`` or ``outlet,event``.
        sides: the sides to report per-side metrics for (e.g. ``("armenia", "azerbaijan")``);
            the first two define the naming share.
        events: entry id → event id, needed for ``event`` groupings.
        n_boot, n_perm, seed: resampling settings (fixed seed: same table every run).
        correction: ``holm`` or ``bh`` over all tests of the table.
        min_entries: groups with fewer entries are left out.
        max_units, n_blocks: groups with more than ``max_units`` entries are resampled in
            ``n_blocks`` random blocks of entries (see :class:`CompareAccumulator`).

    Returns:
        A :class:`Comparison`.

    Raises:
        OptionError: for an unknown grouping, or an event grouping without events.
    """
    accumulator = CompareAccumulator(by, sides, events, max_units=max_units, n_blocks=n_blocks)
    for record in records:
        accumulator.add(record)
    return accumulator.finish(n_boot=n_boot, n_perm=n_perm, seed=seed, correction=correction,
                              min_entries=min_entries)


def _estimate_units(metric: Metric, group: str, units: _Units, n_boot: int,
                    seed: int) -> Cell:
    if units.blocked:
        return _estimate_blocks(metric, group, units, n_boot, seed)
    return _estimate(metric, units.num, units.den, group, n_boot, seed)


def _estimate_blocks(metric: Metric, group: str, units: _Units, n_boot: int,
                     seed: int) -> Cell:
    """A cell from block sums: exact ratio of sums, cluster-bootstrap interval over blocks."""
    keep = units.den > 0
    total_num, total_den, n_units = units.total_num, units.total_den, units.n_units
    scale = metric.per if metric.kind == "rate" else 1.0
    value = total_num / total_den * scale if total_den > 0 else None
    low = high = None
    if n_units >= 2:
        low, high = ratio_percentile_interval(units.num[keep], units.den[keep], scale=scale,
                                              n_boot=n_boot, seed=seed)
    small = n_units < SMALL_SAMPLE_MIN_UNITS
    if metric.kind == "rate":
        small = small or total_num < SMALL_SAMPLE_MIN_COUNT
    elif metric.kind == "proportion":
        small = small or min(total_num, total_den - total_num) < SMALL_SAMPLE_MIN_COUNT
    return Cell(metric.name, group, value, low, high, n_units, bool(small))


def _estimate(metric: Metric, numerators: Any, denominators: Any, group: str,
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


Moments = tuple[int, float, float]
PairRow = tuple[str, str, str, float | None, str, float | None, float | None]


@dataclass(frozen=True)
class _TestColumn:
    """One metric's test units, all groups together: group g is ``bounds[g]:bounds[g + 1]``.

    ``moments`` (count, sum, sum of squares of each group's values) for a mean metric with a
    blocked group: a pair with a blocked group gets its Cohen's d from sums.
    """

    num: np.ndarray
    den: np.ndarray
    labels: np.ndarray
    bounds: tuple[int, ...]
    blocked: tuple[bool, ...]
    moments: tuple[Moments, ...] | None = None

    def span(self, group: int) -> slice:
        """The units of one group."""
        return slice(self.bounds[group], self.bounds[group + 1])


def _test_column(metric: Metric, units: Sequence[_Units],
                 shared_labels: dict[tuple[int, ...], np.ndarray]) -> _TestColumn:
    """The units the permutation tests shuffle; metrics with the same group sizes share one
    label array (``shared_labels``)."""
    sizes = tuple(u.test_num.size for u in units)
    labels = shared_labels.get(sizes)
    if labels is None:
        labels = shared_labels[sizes] = np.repeat(np.arange(len(sizes), dtype=np.int64), sizes)
    moments = None
    if metric.kind == "mean" and any(u.blocked for u in units):
        moments = tuple(u.moments() for u in units)
    empty = np.zeros(0)
    return _TestColumn(np.concatenate([u.test_num for u in units]) if units else empty,
                       np.concatenate([u.test_den for u in units]) if units else empty,
                       labels, tuple(int(b) for b in np.cumsum((0, *sizes))),
                       tuple(u.blocked for u in units), moments)


def _omnibus_by_labels(columns: Sequence[tuple[np.ndarray, np.ndarray, np.ndarray]],
                       n_groups: int, *, n_perm: int, seed: int
                       ) -> list[tuple[float | None, float | None]]:
    """:func:`_omnibus` of every metric; metrics with the same unit labels share permutations."""
    by_labels: dict[bytes, list[int]] = {}
    for index, (_, _, labels) in enumerate(columns):
        by_labels.setdefault(labels.tobytes(), []).append(index)
    results: list[tuple[float | None, float | None]] = [(None, None)] * len(columns)
    for indices in by_labels.values():
        labels = columns[indices[0]][2]
        tests = [(columns[i][0], columns[i][1]) for i in indices]
        for index, result in zip(indices, _omnibus_many(tests, labels, n_groups, n_perm=n_perm,
                                                        seed=seed), strict=True):
            results[index] = result
    return results


# Pairwise tests are run in batches of at most this many units (sharing draws within a
# batch), so a table with many groups never holds the units of every pair at once.
_PAIR_BATCH_UNITS = 4_000_000
RateRequest = tuple[int, Metric, str, str, tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]]
MeanRequest = tuple[int, tuple[str, str, str, float, str, float | None],
                    tuple[np.ndarray, np.ndarray, np.ndarray]]


def _pairs(metrics: Sequence[Metric], columns: Sequence[_TestColumn], groups: Sequence[str], *,
           n_perm: int, seed: int) -> list[PairRow]:
    """Every pair of groups on every metric, in table order (metric, then pair).

    Tests are collected in batches: rate and share tests go to
    :func:`permutation_tests_rates` together and mean tests to :func:`_omnibus_by_labels`, so
    tests with the same group sizes (several metrics of a pair; in block mode, every pair)
    share their random draws. Each result is the one a test run alone gives.
    """
    rows: list[PairRow | None] = []
    rate_requests: list[RateRequest] = []
    mean_requests: list[MeanRequest] = []
    pending = 0
    for metric, column in zip(metrics, columns, strict=True):
        num, den = column.num, column.den
        for a, b in itertools.combinations(range(len(groups)), 2):
            # Slices, not masks over all units: tables by outlet and event have many pairs.
            in_a, in_b = column.span(a), column.span(b)
            if den[in_a].sum() <= 0 or den[in_b].sum() <= 0:
                rows.append((metric.name, groups[a], groups[b], None, "", None, None))
                continue
            if metric.kind == "mean":
                moments = None
                if column.moments is not None and (column.blocked[a] or column.blocked[b]):
                    moments = (column.moments[a], column.moments[b])
                difference, effect = _mean_effect(num[in_a], num[in_b], moments)
                n_a, n_b = num[in_a].size, num[in_b].size
                mean_requests.append((len(rows), (metric.name, groups[a], groups[b], difference,
                                                  effect.name, effect.value),
                                      (np.concatenate([num[in_a], num[in_b]]),
                                       np.concatenate([den[in_a], den[in_b]]),
                                       np.repeat(np.array([0, 1], np.int64), [n_a, n_b]))))
            else:
                rate_requests.append((len(rows), metric, groups[a], groups[b],
                                      (num[in_a], den[in_a], num[in_b], den[in_b])))
            rows.append(None)
            pending += num[in_a].size + num[in_b].size
            if pending >= _PAIR_BATCH_UNITS:
                _run_rate_tests(rate_requests, rows, n_perm=n_perm, seed=seed)
                _run_mean_tests(mean_requests, rows, n_perm=n_perm, seed=seed)
                rate_requests, mean_requests, pending = [], [], 0
    _run_rate_tests(rate_requests, rows, n_perm=n_perm, seed=seed)
    _run_mean_tests(mean_requests, rows, n_perm=n_perm, seed=seed)
    return [row for row in rows if row is not None]


def _run_rate_tests(requests: Sequence[RateRequest], rows: list[PairRow | None], *,
                    n_perm: int, seed: int) -> None:
    """Permutation tests of rates and shares, with rate ratio or Cohen's h, into ``rows``."""
    results = permutation_tests_rates(
        [arrays for *_, arrays in requests],
        per=[metric.per if metric.kind == "rate" else 1.0 for _, metric, *_ in requests],
        n_perm=n_perm, seed=seed)
    for (position, metric, group_a, group_b, (num_a, den_a, num_b, den_b)), test in zip(
            requests, results, strict=True):
        if metric.kind == "rate":
            effect = rate_ratio(num_a.sum(), den_a.sum(), num_b.sum(), den_b.sum())
        else:
            effect = cohens_h(num_a.sum() / den_a.sum(), num_b.sum() / den_b.sum())
        rows[position] = (metric.name, group_a, group_b, test.statistic, effect.name,
                          effect.value, test.p_value)


def _run_mean_tests(requests: Sequence[MeanRequest], rows: list[PairRow | None], *,
                    n_perm: int, seed: int) -> None:
    """p-values of mean differences into ``rows``: means may be negative (tone), so the test
    is the two-group case of the omnibus test (a two-sided test of the difference)."""
    p_values = _omnibus_by_labels([units for *_, units in requests], 2, n_perm=n_perm,
                                  seed=seed)
    for (position, prefix, _), (_, p_value) in zip(requests, p_values, strict=True):
        rows[position] = (*prefix, p_value)


def _mean_effect(values_a: np.ndarray, values_b: np.ndarray,
                 moments: tuple[Moments, Moments] | None) -> tuple[float, EffectSize]:
    """Difference of two groups' means and Cohen's d, from the values of exact groups or from
    ``moments`` (count, sum, sum of squares of the values) when a group is blocked."""
    if moments is None:
        return float(values_a.mean() - values_b.mean()), cohens_d(values_a, values_b)
    (n_x, sum_x, sq_x), (n_y, sum_y, sq_y) = moments
    return sum_x / n_x - sum_y / n_y, cohens_d_from_sums(n_x, sum_x, sq_x, n_y, sum_y, sq_y)


def count_sides(records: Iterable[EntryScore]) -> dict[str, int]:
    """How often each side occurs: term orientations and attributed speakers' sides.

    Counts of parts of a corpus add up (the Dask engine sums them per partition).
    """
    counts: dict[str, int] = {}
    for record in records:
        for term in record.terms:
            if term.orientation:
                counts[term.orientation] = counts.get(term.orientation, 0) + 1
        for attribution in record.attributions:
            if attribution.side:
                counts[attribution.side] = counts.get(attribution.side, 0) + 1
    return counts


def rank_sides(counts: dict[str, int], n_sides: int = 2) -> tuple[str, ...]:
    """The ``n_sides`` most frequent sides, ties by name."""
    return tuple(sorted(counts, key=lambda side: (-counts[side], side))[:n_sides])


def choose_sides(records: Sequence[EntryScore], *, n_sides: int = 2) -> tuple[str, ...]:
    """The sides most present in the records (term orientations and attributed speakers)."""
    return rank_sides(count_sides(records), n_sides)


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
    footnote = (f"Estimates with 95% percentile bootstrap intervals over entries "
                f"({comparison.n_boot} resamples, seed {comparison.seed}); p: permutation test "
                f"that the groups differ, {significance_footnote(comparison.correction)} "
                f"{SMALL_SAMPLE_MARK} small sample (fewer than 10 entries, or fewer than 5 "
                f"counted instances). Entries: {counts}.")
    if comparison.blocked:
        footnote += (f" Groups above {comparison.max_units:,} entries "
                     f"({', '.join(comparison.blocked)}) are resampled in "
                     f"{comparison.n_blocks:,} random blocks of entries (intervals and tests "
                     f"over blocks; estimates exact).")
    return footnote


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
