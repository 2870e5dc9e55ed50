"""Mergeable per-group partial sums of per-unit ratios, for comparisons that stream.

A comparison needs, per group (outlet, event, day) and per metric, the numerator and
denominator of every unit (entry): ratio-of-sums estimates, bootstrap intervals over units and
permutation tests of group labels are all functions of those numbers. :class:`UnitStore` keeps
them in compact arrays (``array('f')`` for whole counts, ``array('d')`` for means), never the
records, and two stores *merge* (a worker's, a Dask partition's), so a corpus can be compared
in one pass, in pieces, with the result of one sequential pass.

Two storage modes per group:

* **Exact** (up to ``max_units`` entries in the group): one row of numbers per unit, in the
  order the units were added (``a.merge(b)`` keeps a's units, then b's). Results are identical
  to computing from the full list of records. Counts are stored as float32 (exact for whole
  numbers below 2**24; the store switches to float64 if a value is not exact), means as float64:
  about 124 bytes per entry for a comparison with two sides.
* **Blocks** (above ``max_units``): every unit is assigned to one of ``n_blocks`` blocks by a
  stable hash of its entry id (BLAKE2b), and only per-block sums are kept: memory stays
  constant, whatever the size of the corpus. The block of an entry depends on its id alone, so
  the blocks are the same whatever the order of the records or how the corpus was split among
  workers. Block sums are kept as exact fixed-point integers (two int64 words, units of
  ``2**-52``), so they do not depend on the order of addition either: a sharded, shuffled run
  gives the same numbers, bit for bit. Intervals then come from a cluster bootstrap over the
  (random) blocks, and permutation tests permute block labels; ratio-of-sums point estimates
  are exact.

The decision between the modes depends only on the final number of entries of a group (a shard
can only see fewer entries than the whole), so it is the same however the work is split.

Example:
    >>> import numpy as np
    >>> store = UnitStore(("ratio",), max_units=2, n_blocks=4)
    >>> store.add_values("A", "a1", [1.0, 10.0])
    >>> store.add_values("A", "a2", [3.0, 30.0])
    >>> store.unit_arrays("A", 0)
    (array([1., 3.]), array([10., 30.]))
    >>> store.add_values("A", "a3", [0.0, 60.0])  # a third unit: above max_units
    >>> store.is_blocked("A"), float(store.totals("A", 0)[0])
    (True, 4.0)
"""

from __future__ import annotations

import hashlib
from array import array
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np
import numpy.typing as npt

from framing.errors import OptionError

UnitKind = Literal["ratio", "mean"]
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
#: How :meth:`UnitStore.gather` makes one metric: numerator columns, denominator columns (each
#: summed) and signed unit counts ``(sign, metric)``.
ColumnSource = tuple[Sequence[int], Sequence[int], Sequence[tuple[int, int]]]

#: Groups with more entries than this are collapsed into blocks.
DEFAULT_MAX_UNITS = 50_000
#: Number of random blocks of a collapsed group.
DEFAULT_N_BLOCKS = 5_000
# Pending rows of a collapsed group are folded into its blocks in batches of this many (one
# numpy call per batch instead of one per record).
_FLUSH_ROWS = 4_096
# Fixed point: a value x is kept as hi * 2**-20 + lo * 2**-52 with integers hi and lo (lo in
# [0, 2**32)). Integer sums are exact and associative, so block sums do not depend on the order
# in which units arrive. Values must stay below 2**32 in absolute value and the sums of a block
# below 2**42 (word counts, term counts, readability and tone, and their squares, all do by
# far); beyond that the store raises instead of wrapping around.
_HI_BITS = 20
_LO_BITS = 32
_MAX_ABS = float(2**32)


def _exact_in_float32(numbers: list[float]) -> bool:
    """Whether float32 holds every number exactly (whole counts below 2**24 always are)."""
    try:
        return array("f", numbers).tolist() == numbers
    except OverflowError:
        return False


def block_of(entry_id: str, n_blocks: int) -> int:
    """The block of an entry: a stable hash (BLAKE2b, 8 bytes) of its id, modulo ``n_blocks``.

    Independent of the Python process (unlike ``hash()``), of record order and of sharding.

    Example:
        >>> block_of("entry-1", 5000) == block_of("entry-1", 5000)
        True
    """
    digest = hashlib.blake2b(entry_id.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "little") % n_blocks


def _to_fixed(values: FloatArray) -> tuple[IntArray, IntArray]:
    """Split floats into fixed-point integer words ``(hi, lo)``; see the module docstring."""
    if values.size and not np.all(np.abs(values) < _MAX_ABS):
        bad = float(values.flat[int(np.flatnonzero(~(np.abs(values) < _MAX_ABS))[0])])
        raise OptionError(f"a per-entry value must be finite and below 2**32 in absolute value "
                          f"to be summed in blocks; got {bad:g}")
    scaled = values * float(2**_HI_BITS)  # exact: multiplying by a power of two
    hi = np.floor(scaled)
    lo = np.floor((scaled - hi) * float(2**_LO_BITS))  # the fraction, exactly, then truncated
    return hi.astype(np.int64), lo.astype(np.int64)


# int64 block sums must not wrap around: refuse (loudly) sums that could come near 2**63.
_MAX_SUM = float(2**62)


def _magnitude(hi: IntArray) -> float:
    """An upper bound of the largest absolute high word (0 for no blocks)."""
    return float(np.abs(hi).max()) if hi.size else 0.0


def _check_headroom(bound: float) -> None:
    if bound >= _MAX_SUM:
        raise OptionError("per-entry values are too large to be summed in blocks (a block sum "
                          "would exceed 2**42); check the numerators and denominators")


def _from_fixed(hi: IntArray, lo: IntArray) -> FloatArray:
    """Block sums as floats (deterministic: a function of the integers only)."""
    result: FloatArray = (hi.astype(np.float64) * 2.0**-_HI_BITS
                          + lo.astype(np.float64) * 2.0**-(_HI_BITS + _LO_BITS))
    return result


def _exact_total(hi: IntArray, lo: IntArray) -> float:
    """The exact sum of fixed-point values, correctly rounded to a float."""
    total = (sum(int(v) for v in hi) << _LO_BITS) + sum(int(v) for v in lo)
    return float(total / 2 ** (_HI_BITS + _LO_BITS))


@dataclass
class _Blocks:
    """Per-block sums of one group: fixed-point value columns, unit counts, entry counts."""

    hi: IntArray          # (n_blocks, 2 * n_metrics): ratio: numerator, denominator;
    lo: IntArray          # mean: sum of values, sum of squared values
    units: IntArray       # (n_blocks, n_metrics): units with a denominator (mean: a value)
    entries: IntArray     # (n_blocks,): entries of the block

    @classmethod
    def empty(cls, n_blocks: int, n_metrics: int) -> _Blocks:
        return cls(np.zeros((n_blocks, 2 * n_metrics), np.int64),
                   np.zeros((n_blocks, 2 * n_metrics), np.int64),
                   np.zeros((n_blocks, n_metrics), np.int64), np.zeros(n_blocks, np.int64))

    def absorb(self, other: _Blocks) -> None:
        _check_headroom(_magnitude(self.hi) + _magnitude(other.hi))
        self.hi += other.hi
        self.lo += other.lo
        self.units += other.units
        self.entries += other.entries

    def copy(self) -> _Blocks:
        return _Blocks(self.hi.copy(), self.lo.copy(), self.units.copy(), self.entries.copy())

    @property
    def nbytes(self) -> int:
        return int(self.hi.nbytes + self.lo.nbytes + self.units.nbytes + self.entries.nbytes)


@dataclass
class _Group:
    """One group: exact rows (or, once collapsed, rows waiting to be folded) and blocks.

    A row is stored in two parts, in the order units were added: the ratio metrics' numerators
    and denominators (whole counts: float32, exact below 2**24, half the memory; float64 once
    any value is not exact in float32) and the mean metrics' values (float64).
    """

    counts: array[float]   # flat, n_units x (2 per ratio metric)
    values: array[float]   # flat, n_units x (1 per mean metric)
    blocks_of: array[int]  # block of each row (computed once, when the unit is added)
    blocks: _Blocks | None = None

    @property
    def n_pending(self) -> int:
        return len(self.blocks_of)

    @property
    def n_entries(self) -> int:
        pending = self.n_pending
        return pending if self.blocks is None else pending + int(self.blocks.entries.sum())


class UnitStore:
    """Per-group, per-metric unit numerators and denominators; mergeable and picklable.

    Each unit (entry) adds one row of ``2 * len(kinds)`` floats: for a ``ratio`` metric its
    numerator and denominator; for a ``mean`` metric its value (NaN when missing) and 1.
    See the module docstring for the exact and block modes.

    Args:
        kinds: ``"ratio"`` or ``"mean"`` for each metric, in row order.
        max_units: groups with more entries are collapsed into blocks.
        n_blocks: number of blocks of a collapsed group.
    """

    def __init__(self, kinds: Sequence[UnitKind], *, max_units: int = DEFAULT_MAX_UNITS,
                 n_blocks: int = DEFAULT_N_BLOCKS) -> None:
        if isinstance(max_units, bool) or not isinstance(max_units, int) or max_units < 1:
            raise OptionError(f"the `max_units` parameter must be an integer of at least 1; "
                              f"got {max_units!r}")
        if isinstance(n_blocks, bool) or not isinstance(n_blocks, int) or n_blocks < 2:
            raise OptionError(f"the `n_blocks` parameter must be an integer of at least 2; "
                              f"got {n_blocks!r}")
        for kind in kinds:
            if kind not in ("ratio", "mean"):
                raise OptionError(f"a metric kind must be 'ratio' or 'mean'; got {kind!r}")
        self.kinds: tuple[UnitKind, ...] = tuple(kinds)
        self.max_units = max_units
        self.n_blocks = n_blocks
        self._groups: dict[str, _Group] = {}
        # Row columns of the mean metrics' values (their denominators are always 1, not
        # stored) and of the ratio metrics' numerators and denominators.
        self._mean_columns = np.array([2 * j for j, k in enumerate(self.kinds) if k == "mean"],
                                      dtype=np.intp)
        self._count_columns = np.array(
            [c for j, k in enumerate(self.kinds) if k == "ratio" for c in (2 * j, 2 * j + 1)],
            dtype=np.intp)
        self._count_type = "f"

    @property
    def width(self) -> int:
        """Floats per unit row."""
        return 2 * len(self.kinds)

    @property
    def groups(self) -> list[str]:
        """Group keys, in the order they were first seen."""
        return list(self._groups)

    def n_entries(self, group: str) -> int:
        """Entries added to a group."""
        return self._groups[group].n_entries

    def is_blocked(self, group: str) -> bool:
        """Whether a group has been collapsed into blocks."""
        return self._groups[group].blocks is not None

    @property
    def nbytes(self) -> int:
        """Bytes held by the arrays of all groups (the memory that grows with the corpus)."""
        total = 0
        for state in self._groups.values():
            total += state.counts.itemsize * len(state.counts)
            total += state.values.itemsize * len(state.values)
            total += state.blocks_of.itemsize * len(state.blocks_of)
            total += state.blocks.nbytes if state.blocks is not None else 0
        return total

    def _group(self, group: str) -> _Group:
        state = self._groups.get(group)
        if state is None:
            state = self._groups[group] = _Group(array(self._count_type), array("d"),
                                                 array("i"))
        return state

    def _promote(self) -> None:
        """Store counts as float64 from now on (a value was not exact in float32)."""
        if self._count_type == "d":
            return
        self._count_type = "d"
        for state in self._groups.values():
            state.counts = array("d", state.counts)

    def _split(self, matrix: FloatArray) -> tuple[FloatArray, FloatArray]:
        """The count and mean parts of unit rows; promotes the store if float32 is not exact."""
        counts = matrix[:, self._count_columns]
        if self._count_type == "f":
            with np.errstate(over="ignore"):  # a huge value becomes inf: not exact, promote
                narrow = counts.astype(np.float32).astype(np.float64)
            if not np.array_equal(narrow, counts, equal_nan=True):
                self._promote()
        return counts, matrix[:, self._mean_columns]

    def add_values(self, group: str, entry_id: str, values: Iterable[float]) -> None:
        """Add one unit: its entry id (for its block) and its row of ``width`` floats."""
        row = list(values)
        if len(row) != self.width:
            raise OptionError(f"a unit needs {self.width} values (numerator and denominator "
                              f"per metric); got {len(row)}")
        counts = [row[i] for i in self._count_columns]
        if self._count_type == "f" and not _exact_in_float32(counts):
            self._promote()
        state = self._group(group)
        state.counts.extend(counts)
        state.values.extend(row[i] for i in self._mean_columns)
        state.blocks_of.append(block_of(entry_id, self.n_blocks))
        self._maybe_collapse(state)

    def add_array(self, group: str, entry_ids: Sequence[str],
                  values: npt.ArrayLike) -> None:
        """Add many units at once: ``values`` has one row of ``width`` floats per entry id."""
        matrix = np.ascontiguousarray(values, dtype=np.float64)
        if matrix.shape != (len(entry_ids), self.width):
            raise OptionError(f"the `values` parameter must have shape ({len(entry_ids)}, "
                              f"{self.width}); got {matrix.shape}")
        counts, values = self._split(matrix)
        state = self._group(group)
        state.counts.frombytes(counts.astype(state.counts.typecode).tobytes())
        state.values.frombytes(values.tobytes())
        state.blocks_of.extend(block_of(entry_id, self.n_blocks) for entry_id in entry_ids)
        self._maybe_collapse(state)

    def _maybe_collapse(self, state: _Group) -> None:
        if state.blocks is None:
            if state.n_pending > self.max_units:
                state.blocks = _Blocks.empty(self.n_blocks, len(self.kinds))
                self._flush(state)
        elif state.n_pending >= _FLUSH_ROWS:
            self._flush(state)

    def _pending_matrix(self, state: _Group) -> FloatArray:
        """The pending unit rows as float64 (exact: float32 counts convert without loss)."""
        n_units = state.n_pending
        matrix = np.empty((n_units, self.width))
        counts = np.frombuffer(state.counts, dtype=np.dtype(state.counts.typecode))
        matrix[:, self._count_columns] = counts.reshape(n_units, self._count_columns.size)
        values = np.frombuffer(state.values, dtype=np.float64)
        matrix[:, self._mean_columns] = values.reshape(n_units, self._mean_columns.size)
        matrix[:, self._mean_columns + 1] = 1.0
        return matrix

    def _flush(self, state: _Group) -> None:
        """Fold the pending rows of a collapsed group into its block sums."""
        if state.blocks is None or not state.n_pending:
            return
        state.blocks.absorb(self._collapse(self._pending_matrix(state),
                                           np.frombuffer(state.blocks_of, dtype=np.int32)))
        state.counts = array(self._count_type)
        state.values = array("d")
        state.blocks_of = array("i")

    def _collapse(self, rows: FloatArray, blocks_of: npt.NDArray[np.int32]) -> _Blocks:
        """Per-block sums of unit rows (ratio: num, den; mean: sum, sum of squares)."""
        columns = rows.copy()
        numerators, denominators = columns[:, 0::2], columns[:, 1::2]
        orphan = (denominators == 0) & (numerators != 0)
        orphan[:, self._mean_columns // 2] = False
        if orphan.any():
            row, metric = (int(i) for i in np.argwhere(orphan)[0])
            raise OptionError(f"metric {metric}: a unit has numerator {numerators[row, metric]:g} "
                              f"where its denominator is 0; a count needs a positive total")
        units = (denominators > 0).astype(np.int64)
        if self._mean_columns.size:
            values = rows[:, self._mean_columns]
            present = ~np.isnan(values)
            values = np.where(present, values, 0.0)
            means = self._mean_columns // 2
            numerators[:, means] = values
            denominators[:, means] = values * values  # sum of squares, for Cohen's d
            units[:, means] = present
        hi, lo = _to_fixed(columns)
        blocks = _Blocks.empty(self.n_blocks, len(self.kinds))
        index = blocks_of.astype(np.intp)
        largest = np.zeros(self.n_blocks)
        np.add.at(largest, index, np.abs(hi).max(axis=1).astype(np.float64) if hi.size else 0.0)
        _check_headroom(float(largest.max()))
        np.add.at(blocks.hi, index, hi)
        np.add.at(blocks.lo, index, lo)
        np.add.at(blocks.units, index, units)
        blocks.entries += np.bincount(index, minlength=self.n_blocks).astype(np.int64)
        return blocks

    def merge(self, other: UnitStore) -> UnitStore:
        """A new store with this store's units, then ``other``'s (neither is changed)."""
        merged = self.copy()
        merged.update(other)
        return merged

    def update(self, other: UnitStore) -> None:
        """Add ``other``'s units after this store's, in place."""
        if (self.kinds, self.max_units, self.n_blocks) != (other.kinds, other.max_units,
                                                           other.n_blocks):
            raise OptionError("only accumulators with the same metrics, max_units and n_blocks "
                              "can be merged")
        for group, theirs in other._groups.items():
            mine = self._group(group)
            if theirs.blocks is not None:
                if mine.blocks is None:
                    mine.blocks = _Blocks.empty(self.n_blocks, len(self.kinds))
                    self._flush(mine)
                mine.blocks.absorb(theirs.blocks)
            if theirs.counts.typecode != mine.counts.typecode:
                self._promote()
                mine.counts.extend(array("d", theirs.counts))
            else:
                mine.counts.extend(theirs.counts)
            mine.values.extend(theirs.values)
            mine.blocks_of.extend(theirs.blocks_of)
            if mine.blocks is None and mine.n_pending > self.max_units:
                mine.blocks = _Blocks.empty(self.n_blocks, len(self.kinds))
            self._flush(mine)

    def copy(self) -> UnitStore:
        """A deep copy."""
        clone = UnitStore(self.kinds, max_units=self.max_units, n_blocks=self.n_blocks)
        clone._count_type = self._count_type
        for group, state in self._groups.items():
            clone._groups[group] = _Group(array(state.counts.typecode, state.counts),
                                          array("d", state.values), array("i", state.blocks_of),
                                          None if state.blocks is None else state.blocks.copy())
        return clone

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, UnitStore):
            return NotImplemented
        if (self.kinds, self.max_units, self.n_blocks, sorted(self.groups)) != (
                other.kinds, other.max_units, other.n_blocks, sorted(other.groups)):
            return False
        for group in self.groups:
            self.flush(group)
            other.flush(group)
            mine, theirs = self._groups[group], other._groups[group]
            if mine.blocks_of != theirs.blocks_of or not np.array_equal(
                    self._pending_matrix(mine), other._pending_matrix(theirs), equal_nan=True):
                return False
            if (mine.blocks is None) != (theirs.blocks is None):
                return False
            if mine.blocks is not None and theirs.blocks is not None and not all(
                    np.array_equal(x, y) for x, y in zip(
                        (mine.blocks.hi, mine.blocks.lo, mine.blocks.units, mine.blocks.entries),
                        (theirs.blocks.hi, theirs.blocks.lo, theirs.blocks.units,
                         theirs.blocks.entries), strict=True)):
                return False
        return True

    __hash__ = None  # type: ignore[assignment]  # mutable

    def gather(self, kinds: Sequence[UnitKind], sources: Sequence[ColumnSource]) -> UnitStore:
        """A store of other metrics whose columns are sums of this store's columns.

        ``sources[m]`` makes metric ``m`` of the new store: ``(numerator columns, denominator
        columns, unit terms)``; each column is the sum of the listed columns of this store (none:
        zeros), exact rows and block sums alike, and the per-block unit counts are the signed
        sums ``sign * units[metric]`` of the terms. A ``mean`` metric must come from exactly one
        ``mean`` metric. Summing is exact for whole counts (block sums are fixed-point
        integers), so the new store equals one filled with the summed rows, in the same order
        and the same blocks, when the unit terms count the units whose new denominator is
        positive (the caller's part).
        """
        result = UnitStore(kinds, max_units=self.max_units, n_blocks=self.n_blocks)
        if len(sources) != len(result.kinds):
            raise OptionError(f"gather needs one source per metric ({len(result.kinds)}); "
                              f"got {len(sources)}")
        for m, (kind, (nums, dens, units)) in enumerate(zip(result.kinds, sources, strict=True)):
            if kind == "mean" and not (
                    len(nums) == len(dens) == len(units) == 1 and nums[0] % 2 == 0
                    and dens[0] == nums[0] + 1 and units[0] == (1, nums[0] // 2)
                    and self.kinds[nums[0] // 2] == "mean"):
                raise OptionError(f"metric {m}: a mean metric must be copied from one mean "
                                  f"metric")
        if self._count_type == "d":
            result._promote()
        for group, state in self._groups.items():
            matrix = self._pending_matrix(state)
            rows = np.zeros((state.n_pending, result.width))
            for m, (nums, dens, _) in enumerate(sources):
                for column, parts in ((2 * m, nums), (2 * m + 1, dens)):
                    if len(parts) == 1:
                        rows[:, column] = matrix[:, parts[0]]  # a copy keeps NaN of means
                    elif parts:
                        rows[:, column] = matrix[:, list(parts)].sum(axis=1)
            counts = rows[:, result._count_columns]
            if result._count_type == "f":
                with np.errstate(over="ignore"):
                    narrow = counts.astype(np.float32).astype(np.float64)
                if not np.array_equal(narrow, counts, equal_nan=True):
                    result._promote()
            gathered = _Group(array(result._count_type), array("d"), array("i", state.blocks_of))
            gathered.counts.frombytes(counts.astype(gathered.counts.typecode).tobytes())
            gathered.values.frombytes(
                np.ascontiguousarray(rows[:, result._mean_columns]).tobytes())
            if state.blocks is not None:
                blocks = _Blocks.empty(self.n_blocks, len(result.kinds))
                for m, (nums, dens, units) in enumerate(sources):
                    for column, parts in ((2 * m, nums), (2 * m + 1, dens)):
                        if parts:
                            blocks.hi[:, column] = state.blocks.hi[:, list(parts)].sum(axis=1)
                            blocks.lo[:, column] = state.blocks.lo[:, list(parts)].sum(axis=1)
                    for sign, metric in units:
                        blocks.units[:, m] += sign * state.blocks.units[:, metric]
                blocks.entries[:] = state.blocks.entries
                _check_headroom(_magnitude(blocks.hi))
                gathered.blocks = blocks
            result._groups[group] = gathered
        return result

    def flush(self, group: str) -> None:
        """Fold a collapsed group's pending rows into its blocks (results do not change)."""
        self._flush(self._groups[group])

    # --- read access for the estimators ----------------------------------------------------

    def unit_arrays(self, group: str, metric: int) -> tuple[FloatArray, FloatArray]:
        """Exact mode: one numerator and one denominator per unit, in the order added.

        For a ``mean`` metric: the values (NaN when missing) and ones.
        """
        state = self._groups[group]
        if state.blocks is not None:
            raise OptionError(f"group {group!r} is kept in blocks; use block_arrays")
        matrix = self._pending_matrix(state)
        return matrix[:, 2 * metric].copy(), matrix[:, 2 * metric + 1].copy()

    def block_arrays(self, group: str, metric: int) -> tuple[FloatArray, FloatArray, IntArray,
                                                             IntArray]:
        """Block mode: per block ``(numerator sum, denominator sum, units, entries)``.

        For a ``mean`` metric: ``(sum of values, sum of squared values, values, entries)``;
        the denominator of a block mean is its number of values (``units``).
        """
        blocks = self._blocks(group)
        values = _from_fixed(blocks.hi[:, 2 * metric:2 * metric + 2],
                             blocks.lo[:, 2 * metric:2 * metric + 2])
        return (values[:, 0].copy(), values[:, 1].copy(), blocks.units[:, metric].copy(),
                blocks.entries.copy())

    def totals(self, group: str, metric: int) -> tuple[float, float, int]:
        """Block mode: exact ``(numerator, denominator or sum of squares, units)`` of a group."""
        blocks = self._blocks(group)
        return (_exact_total(blocks.hi[:, 2 * metric], blocks.lo[:, 2 * metric]),
                _exact_total(blocks.hi[:, 2 * metric + 1], blocks.lo[:, 2 * metric + 1]),
                int(blocks.units[:, metric].sum()))

    def _blocks(self, group: str) -> _Blocks:
        state = self._groups[group]
        if state.blocks is None:
            raise OptionError(f"group {group!r} is kept exactly; use unit_arrays")
        self._flush(state)
        return state.blocks
