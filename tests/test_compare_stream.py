"""Streaming comparison: CompareAccumulator add / merge / finish, block mode, memory, pickling."""

from __future__ import annotations

import math
import pickle
import random

import numpy as np
import pytest

from framing.aggregate import UnitStore, block_of
from framing.analysis.records import Attribution, Cue, EntryScore, Readability, TermHit, Tone
from framing.compare import (
    CompareAccumulator,
    WideCompareAccumulator,
    _between_groups,
    _omnibus,
    build_metrics,
    choose_sides,
    compare_scores,
    comparison_footnote,
    count_sides,
    unit_row,
)
from framing.errors import OptionError
from framing.statistics import permutation_test_rates, permutation_tests_rates

SIDES = ("north", "south")
OUTLETS = ("Alpha", "Beta", "Gamma")


def _record(i: int, rng: random.Random, outlet: str | None = None) -> EntryScore:
    """A varied synthetic record: terms in both voices and of several sides, attributions,
    cues, and (sometimes missing) readability and tone with fractional values."""
    outlet = outlet or rng.choice(OUTLETS)
    words = rng.randint(0, 400)
    own_words = rng.randint(0, words)
    terms = tuple(
        TermHit(term="t", text="t", start=0, end=1, lexicon="x",
                category=rng.choice(["naming", "toponym", "violence"]),
                orientation=rng.choice([None, "north", "south", "east"]),
                voice="authorial" if own_words and rng.random() < 0.7 else "quoted",
                speaker=None, side=None)
        for _ in range(rng.randint(0, 4) if words else 0))
    if own_words == 0:  # no own words: no authorial terms (a count needs a total)
        terms = tuple(t for t in terms if t.voice != "authorial")
    if words - own_words == 0:
        terms = tuple(t for t in terms if t.voice == "authorial")
    attributions = tuple(
        Attribution(speaker="s", actor=None, side=rng.choice([None, "north", "south"]),
                    verb="said", stance=rng.choice(["neutral", "distancing"]), kind="indirect",
                    anonymous=rng.random() < 0.2, start=0, end=1)
        for _ in range(rng.randint(0, 3)))
    cues = tuple(Cue(cue="c", text="c", start=0, end=1,
                     kind=rng.choice(["hedge", "booster", "scare_quote"]), voice="authorial")
                 for _ in range(rng.randint(0, 3) if words else 0))
    readability = None if rng.random() < 0.2 else Readability(
        flesch_reading_ease=round(rng.uniform(-20, 110), 2), flesch_kincaid_grade=None,
        gunning_fog=None, dale_chall=None, n_sentences=1, n_words=words, n_syllables=1,
        scored=True)
    tone = None if rng.random() < 0.1 else Tone(compound=round(rng.uniform(-1, 1), 4), pos=0,
                                                neu=1, neg=0, n_sentences=1)
    return EntryScore(id=f"e{i}", outlet=outlet, published=f"2031-03-0{1 + i % 3}T10:00:00+00:00",
                      time=None, kind="entry" if i % 17 else "background", title="", text="x",
                      n_words=words, n_words_authorial=own_words,
                      n_words_attributed=words - own_words, terms=terms,
                      attributions=attributions, cues=cues, readability=readability, tone=tone)


def _records(n: int, seed: int = 1) -> list[EntryScore]:
    rng = random.Random(seed)
    return [_record(i, rng) for i in range(n)]


def _accumulate(records: list[EntryScore], **options: int) -> CompareAccumulator:
    accumulator = CompareAccumulator("outlet", SIDES, **options)
    for record in records:
        accumulator.add(record)
    return accumulator


SETTINGS = {"n_boot": 200, "n_perm": 200}


@pytest.mark.parametrize("sides", [(), ("north",), SIDES, ("south", "north", "east")])
def test_unit_row_equals_each_metric(sides: tuple[str, ...]) -> None:
    metrics = build_metrics(sides)
    for record in _records(150):
        row = unit_row(record, sides)
        assert len(row) == 2 * len(metrics)
        for index, metric in enumerate(metrics):
            numerator = metric.numerator(record)
            if metric.kind == "mean":
                expected = [math.nan if numerator is None else numerator, 1.0]
            else:
                expected = [float(numerator or 0), float(metric.denominator(record))]
            assert row[2 * index:2 * index + 2] == pytest.approx(expected, nan_ok=True), (
                metric.name)


def test_merge_equals_sequential_in_order() -> None:
    records = _records(200)
    whole = _accumulate(records)
    first, second, third = (_accumulate(records[:70]), _accumulate(records[70:71]),
                            _accumulate(records[71:]))
    merged = first.merge(second).merge(third)
    assert merged == whole
    assert first.merge(second.merge(third)) == whole  # associative
    assert merged.finish(**SETTINGS) == whole.finish(**SETTINGS)
    assert first.n_entries != whole.n_entries  # merge made a new accumulator
    # Order matters in exact mode (the bootstrap draws follow the order of units).
    assert third.merge(first).merge(second) != whole


def test_compare_scores_is_the_accumulator() -> None:
    records = _records(120)
    direct = compare_scores(records, sides=SIDES, **SETTINGS)
    assert direct == _accumulate(records).finish(**SETTINGS)
    assert not direct.blocked and direct.n_blocks == 0
    assert "random blocks" not in comparison_footnote(direct)


def test_pickle_round_trip_drops_events() -> None:
    records = _records(80)
    events: dict[str, str | None] = {r.id: f"E{int(r.id[1:]) % 4}" for r in records}
    accumulator = CompareAccumulator("event", SIDES, events)
    for record in records[:40]:
        accumulator.add(record)
    restored = pickle.loads(pickle.dumps(accumulator))
    assert restored == accumulator
    assert restored.finish(**SETTINGS) == accumulator.finish(**SETTINGS)
    with pytest.raises(OptionError, match="attach_events"):
        restored.add(records[41])
    restored.attach_events(events)
    for record in records[40:]:
        restored.add(record)
        accumulator.add(record)
    assert restored == accumulator
    # Small: numbers only, no records and no events.
    assert len(pickle.dumps(restored)) < 40 * len(records) * restored.width


def test_merge_rejects_other_settings() -> None:
    with pytest.raises(OptionError, match="cannot merge"):
        CompareAccumulator("outlet", SIDES).merge(CompareAccumulator("day", SIDES))
    with pytest.raises(OptionError, match="same metrics"):
        CompareAccumulator(max_units=10).merge(CompareAccumulator(max_units=20))
    with pytest.raises(OptionError, match="needs 16 values"):
        CompareAccumulator().add_values("A", "a", [1.0, 2.0])


def test_block_mode_is_independent_of_order_and_sharding() -> None:
    records = _records(600, seed=3)
    options = {"max_units": 60, "n_blocks": 32}
    whole = _accumulate(records, **options)
    assert all(whole._store.is_blocked(g) for g in ("Alpha", "Beta", "Gamma"))
    shuffled = records[:]
    random.Random(9).shuffle(shuffled)
    shards = [_accumulate(shuffled[i::4], **options) for i in range(4)]
    merged = shards[3].merge(shards[1]).merge(shards[0].merge(shards[2]))
    assert merged == whole
    result = merged.finish(**SETTINGS)
    assert result == whole.finish(**SETTINGS)
    assert result.blocked == ("Alpha", "Beta", "Gamma") and result.n_blocks == 32
    assert "Groups above 60 entries (Alpha, Beta, Gamma) are resampled in 32 random blocks" in (
        comparison_footnote(result))


def test_block_mode_estimates_are_exact_ratio_of_sums() -> None:
    records = _records(500, seed=5)
    exact = compare_scores(records, sides=SIDES, **SETTINGS)
    blocked = compare_scores(records, sides=SIDES, max_units=40, n_blocks=16, **SETTINGS)
    assert blocked.blocked == exact.groups
    for cell, block_cell in zip(exact.cells, blocked.cells, strict=True):
        assert (block_cell.metric, block_cell.group) == (cell.metric, cell.group)
        assert block_cell.n_units == cell.n_units
        if cell.metric in ("reading ease", "tone"):
            assert block_cell.value == pytest.approx(cell.value, rel=1e-12, abs=1e-12)
        else:  # sums of whole numbers: exactly the same ratio
            assert block_cell.value == cell.value, cell.metric
        if block_cell.low is not None and block_cell.high is not None:
            assert block_cell.low <= block_cell.value <= block_cell.high
    # Pairwise effect sizes from block sums agree with the per-entry ones.
    for pair, block_pair in zip(exact.pairs, blocked.pairs, strict=True):
        if pair.effect_value is None:
            assert block_pair.effect_value is None
        else:
            assert block_pair.effect_value == pytest.approx(pair.effect_value, rel=1e-9)
        if pair.difference is not None:
            assert block_pair.difference == pytest.approx(pair.difference, rel=1e-9, abs=1e-12)


def test_blocks_are_assigned_by_entry_id_hash() -> None:
    store = UnitStore(("ratio",), max_units=10, n_blocks=50)
    rng = np.random.default_rng(0)
    ids = [f"u{i}" for i in range(5000)]
    store.add_array("A", ids, np.column_stack([rng.poisson(3, 5000), np.full(5000, 100.0)]))
    num, den, units, entries = store.block_arrays("A", 0)
    assert entries.sum() == 5000 and units.sum() == 5000 and (entries > 0).all()
    assert np.array_equal(np.bincount([block_of(i, 50) for i in ids], minlength=50), entries)
    total_num, total_den, n_units = store.totals("A", 0)
    assert (total_den, n_units) == (500_000.0, 5000) and total_num == num.sum()
    assert np.array_equal(den, entries * 100.0)


def test_memory_of_a_million_units_stays_small() -> None:
    accumulator = CompareAccumulator("outlet", SIDES)
    rng = np.random.default_rng(1)
    n_units, chunk = 1_000_000, 100_000
    for start in range(0, n_units, chunk):
        values = rng.integers(0, 50, size=(chunk, accumulator.width)).astype(np.float64)
        values[:, 1::2] += 1.0  # denominators at least as large as numerators (shares)
        values[:, 0::2] = np.minimum(values[:, 0::2], values[:, 1::2])
        accumulator.add_array(OUTLETS[start // chunk % 2],
                              [f"x{i}" for i in range(start, start + chunk)], values)
    assert accumulator.n_entries == {"Alpha": 500_000, "Beta": 500_000}
    assert accumulator.nbytes < 50_000_000
    assert len(pickle.dumps(accumulator)) < 50_000_000


def test_fixed_point_sums_do_not_depend_on_order() -> None:
    values = np.random.default_rng(2).normal(50, 30, size=(3000, 2))
    values[:, 1] = 1.0
    ids = [f"v{i}" for i in range(3000)]
    forward = UnitStore(("mean",), max_units=1, n_blocks=7)
    backward = UnitStore(("mean",), max_units=1, n_blocks=7)
    forward.add_array("A", ids, values)
    for index in reversed(range(3000)):
        backward.add_values("A", ids[index], values[index])
    assert forward == backward
    total, squares, n_values = forward.totals("A", 0)
    assert n_values == 3000
    assert total == pytest.approx(math.fsum(values[:, 0]), rel=1e-15)
    assert squares == pytest.approx(math.fsum(values[:, 0] ** 2), rel=1e-15)


def _omnibus_reference(numerators: np.ndarray, denominators: np.ndarray, labels: np.ndarray,
                       n_groups: int, *, n_perm: int, seed: int) -> tuple[float, float]:
    """The one-permutation-at-a-time loop the batched test replaced."""
    pooled = numerators.sum() / denominators.sum()
    observed = _between_groups(numerators, denominators, labels, n_groups, pooled)
    rng = np.random.default_rng(seed)
    n_extreme = sum(1 for _ in range(n_perm) if _between_groups(
        numerators, denominators, rng.permutation(labels), n_groups, pooled) >= observed - 1e-12)
    return observed, (n_extreme + 1) / (n_perm + 1)


@pytest.mark.parametrize(("n_groups", "n_units"), [(2, 30), (4, 200), (12, 40)])
def test_batched_omnibus_equals_one_at_a_time(n_groups: int, n_units: int) -> None:
    rng = np.random.default_rng(n_groups)
    denominators = rng.integers(0, 3, n_units).astype(np.float64)  # empty groups do happen
    numerators = rng.integers(0, 2, n_units) * denominators
    labels = rng.integers(0, n_groups, n_units)
    expected = _omnibus_reference(numerators, denominators, labels, n_groups, n_perm=300, seed=4)
    assert _omnibus(numerators, denominators, labels, n_groups, n_perm=300, seed=4) == expected


def test_merge_of_blocked_and_exact_pieces_equals_sequential() -> None:
    records = _records(600, seed=7)
    options = {"max_units": 60, "n_blocks": 32}
    whole = _accumulate(records, **options)
    blocked, exact = _accumulate(records[:500], **options), _accumulate(records[500:], **options)
    assert blocked._store.is_blocked("Alpha") and not exact._store.is_blocked("Alpha")
    assert blocked.merge(exact) == whole == exact.merge(blocked)
    assert blocked.merge(exact).finish(**SETTINGS) == whole.finish(**SETTINGS)


def test_shared_rate_tests_equal_single_tests() -> None:
    rng = np.random.default_rng(11)
    tests = []
    for n_a, n_b in [(40, 30), (40, 30), (3, 3), (25, 60), (40, 30)]:
        totals_a = rng.integers(0, 200, n_a).astype(float)
        totals_b = rng.integers(0, 200, n_b).astype(float)
        tests.append((np.minimum(rng.poisson(2, n_a), totals_a), totals_a,
                      np.minimum(rng.poisson(3, n_b), totals_b), totals_b))
    tests.append(([0.0], [0.0], [1.0], [5.0]))  # group a without exposure: no test
    pers = [1000.0, 1.0, 1000.0, 100.0, 1000.0, 1000.0]
    shared = permutation_tests_rates(tests, per=pers, n_perm=400, seed=3)
    single = [permutation_test_rates(*test, per=per, n_perm=400, seed=3)
              for test, per in zip(tests, pers, strict=True)]
    assert shared == single
    assert shared[2].method.startswith("exact permutation test") and shared[-1].p_value is None
    with pytest.raises(OptionError, match="one per test"):
        permutation_tests_rates(tests, per=[1.0], n_perm=100)


def test_block_sums_refuse_values_that_would_overflow() -> None:
    store = UnitStore(("ratio",), max_units=1, n_blocks=2)
    ids = [f"x{i}" for i in range(5000)]
    with pytest.raises(OptionError, match="too large to be summed in blocks"):
        store.add_array("A", ids, np.column_stack([np.zeros(5000), np.full(5000, 4e9)]))
    with pytest.raises(OptionError, match="below 2\\*\\*32"):
        UnitStore(("ratio",), max_units=1, n_blocks=2).add_array(
            "A", ids[:2], [[0.0, 1e10], [0.0, 1.0]])


def test_exact_rows_are_compact_and_fractional_counts_stay_exact() -> None:
    records = [r for r in _records(400, seed=4) if r.kind == "entry"]
    accumulator = _accumulate(records)
    # Two sides: 13 ratio metrics (two float32 each), 2 means (float64), a 4-byte block index.
    assert accumulator.nbytes == len(records) * (13 * 2 * 4 + 2 * 8 + 4)
    whole = CompareAccumulator("outlet", SIDES)
    first, second = CompareAccumulator("outlet", SIDES), CompareAccumulator("outlet", SIDES)
    fractional = [0.1, 1.0] + [0.0, 1.0] * 12 + [0.5, 1.0, math.nan, 1.0]
    for index, record in enumerate(records):
        row = fractional if index == 7 else unit_row(record, SIDES)
        whole.add_values(record.outlet, record.id, row)
        (first if index < 200 else second).add_values(record.outlet, record.id, row)
    assert whole.nbytes > accumulator.nbytes  # promoted to float64 by the 0.1
    assert first.merge(second) == whole and second._store._count_type == "f"
    group = records[7].outlet
    numerators, _ = whole._store.unit_arrays(group, 0)
    assert 0.1 in numerators.tolist()


def test_pair_batches_do_not_change_results(monkeypatch: pytest.MonkeyPatch) -> None:
    records = _records(300, seed=8)
    expected = compare_scores(records, sides=SIDES, **SETTINGS)
    monkeypatch.setattr("framing.compare._PAIR_BATCH_UNITS", 50)
    assert compare_scores(records, sides=SIDES, **SETTINGS) == expected


def test_mixed_table_keeps_small_groups_exact() -> None:
    rng = random.Random(12)
    records = [_record(i, rng, "Alpha" if i % 10 < 7 else OUTLETS[1 + i % 2]) for i in range(400)]
    exact = compare_scores(records, sides=SIDES, **SETTINGS)
    mixed = compare_scores(records, sides=SIDES, max_units=100, n_blocks=16, **SETTINGS)
    assert mixed.blocked == ("Alpha",)
    for cell, mixed_cell in zip(exact.cells, mixed.cells, strict=True):
        if cell.group != "Alpha":  # small groups: the same bootstrap over entries
            assert mixed_cell == cell
    for pair, mixed_pair in zip(exact.pairs, mixed.pairs, strict=True):
        if "Alpha" not in (pair.group_a, pair.group_b):
            assert (mixed_pair.difference, mixed_pair.effect_value, mixed_pair.p_value) == (
                pair.difference, pair.effect_value, pair.p_value)
        elif pair.effect == "Cohen's d" and pair.effect_value is not None:
            assert mixed_pair.effect_value == pytest.approx(pair.effect_value, rel=1e-9)


def test_cli_compare_with_sides_streams_into_the_same_table() -> None:
    """With --side the CLI streams records into the accumulator (keeping none): the table is
    the one compare_scores gives over the listed records."""
    import json

    from typer.testing import CliRunner

    import framing
    from framing.analysis.analyze import default_analyzer, score
    from framing.cli import app

    options = framing.ReadOptions.create(date="2031-03-05", tz="Etc/GMT-2")
    records = list(score(framing.iter_entries([framing.demo_corpus_path()], options=options),
                         default_analyzer()))
    expected = compare_scores(records, sides=("calmeria", "zarovia"), n_boot=200, n_perm=200)
    result = CliRunner().invoke(app, [
        "compare", str(framing.demo_corpus_path()), "--date", "2031-03-05", "--tz",
        "Etc/GMT-2", "--side", "calmeria", "--side", "zarovia", "--bootstrap", "200",
        "--permutations", "200", "-f", "json", "--no-progress"])
    assert result.exit_code == 0, result.output
    table = json.loads(result.stdout)
    assert table["cells"] == json.loads(json.dumps(expected.to_records()))
    assert table["n_entries"] == expected.n_entries


# --- the wide accumulator: sides chosen at the end --------------------------------------------

WIDE_SIDES = ("east", "north", "south", "west")


def _wide_record(i: int, rng: random.Random) -> EntryScore:
    """A synthetic record whose terms and attributions take any of four competing sides."""
    record = _record(i, rng)
    terms = tuple(TermHit(term=t.term, text=t.text, start=t.start, end=t.end, lexicon=t.lexicon,
                          category=t.category,
                          orientation=t.orientation and rng.choice(WIDE_SIDES),
                          voice=t.voice, speaker=t.speaker, side=t.side)
                  for t in record.terms)
    attributions = tuple(
        Attribution(speaker=a.speaker, actor=a.actor, side=a.side and rng.choice(WIDE_SIDES),
                    verb=a.verb, stance=a.stance, kind=a.kind, anonymous=a.anonymous,
                    start=a.start, end=a.end)
        for a in record.attributions)
    return EntryScore(**{**record.__dict__, "terms": terms, "attributions": attributions})


def _wide_records(n: int, seed: int = 3) -> list[EntryScore]:
    rng = random.Random(seed)
    return [_wide_record(i, rng) for i in range(n)]


def _wide(records: list[EntryScore], by: str = "outlet", **options: int
          ) -> WideCompareAccumulator:
    accumulator = WideCompareAccumulator(by, **options)
    for record in records:
        accumulator.add(record)
    return accumulator


BLOCKS = {"max_units": 5, "n_blocks": 3}


@pytest.mark.parametrize("options", [{}, BLOCKS, {"max_units": 40, "n_blocks": 7}])
@pytest.mark.parametrize("by", ["outlet", "day"])
def test_wide_accumulator_equals_compare_scores_of_the_chosen_sides(
        options: dict[str, int], by: str) -> None:
    """Accumulating without sides and choosing them at the end gives the table of
    compare_scores with choose_sides over the records, float for float (rows in the same
    order, so the same bootstrap and permutation draws), in exact and block mode."""
    records = _wide_records(300)
    wide = _wide(records, by, **options)
    sides = choose_sides(records)
    assert len(sides) == 2 and wide.choose_sides() == sides
    assert wide.side_counts == count_sides(records)
    expected = compare_scores(records, by=by, sides=sides, **SETTINGS, **options)
    assert wide.finish(**SETTINGS) == expected
    if options:
        assert expected.blocked


@pytest.mark.parametrize("options", [{}, BLOCKS])
@pytest.mark.parametrize("sides", [("north", "south"), ("south", "north"), ("west",), (),
                                   ("east", "north", "south", "west"), ("unseen", "east"),
                                   ("east", "east")])
def test_wide_projection_equals_the_narrow_accumulator(options: dict[str, int],
                                                       sides: tuple[str, ...]) -> None:
    """Any sides, in any order (a side never seen included), project to the accumulator that
    would have been filled with them: the same rows, blocks and unit counts."""
    records = _wide_records(200, seed=5)
    narrow = CompareAccumulator("outlet", sides, **options)
    for record in records:
        narrow.add(record)
    projected = _wide(records, **options).project(sides)
    assert projected == narrow
    assert projected.finish(**SETTINGS) == narrow.finish(**SETTINGS)


def test_wide_accumulator_breaks_ties_by_name() -> None:
    """Three sides tied in count: the two first by name, as choose_sides does."""
    rng = random.Random(9)
    base = [_record(i, rng) for i in range(60)]
    tied = []
    for i, record in enumerate(base):
        side = ("west", "east", "north")[i % 3]
        terms = tuple(TermHit(term=t.term, text=t.text, start=t.start, end=t.end,
                              lexicon=t.lexicon, category="naming", orientation=side,
                              voice=t.voice, speaker=None, side=None) for t in record.terms)
        tied.append(EntryScore(**{**record.__dict__, "terms": terms, "attributions": (),
                                  "kind": "entry"}))
    counts: dict[str, int] = {}
    for record in tied:
        for term in record.terms:
            counts[term.orientation or ""] = counts.get(term.orientation or "", 0) + 1
    # make the three counts equal by dropping terms of the two most frequent sides
    low = min(counts.values())
    balanced = []
    for record in tied:
        side = record.terms[0].orientation if record.terms else None
        if side is not None and counts[side] > low:
            keep = max(0, len(record.terms) - (counts[side] - low))
            counts[side] -= len(record.terms) - keep
            record = EntryScore(**{**record.__dict__, "terms": record.terms[:keep]})
        balanced.append(record)
    sides = choose_sides(balanced)
    assert sides == ("east", "north")
    wide = _wide(balanced)
    assert len(set(wide.side_counts.values())) == 1 and wide.choose_sides() == sides
    assert wide.finish(**SETTINGS) == compare_scores(balanced, sides=sides, **SETTINGS)


@pytest.mark.parametrize("options", [{}, BLOCKS])
def test_wide_merge_and_pickle_equal_one_pass(options: dict[str, int]) -> None:
    """Halves merged in order (each seeing its sides in its own order) equal one pass; a
    pickled accumulator is equal and finishes to the same table."""
    records = _wide_records(240, seed=11)
    whole = _wide(records, **options)
    first, second = _wide(records[:100], **options), _wide(records[100:], **options)
    merged = first.merge(second)
    assert merged == whole
    assert first == _wide(records[:100], **options)  # merge changes neither part
    restored = pickle.loads(pickle.dumps(merged))
    assert restored == whole
    assert restored.finish(**SETTINGS) == whole.finish(**SETTINGS)
    with pytest.raises(OptionError):
        whole.update(WideCompareAccumulator("day", **options))


def test_wide_accumulator_on_the_demo_corpus() -> None:
    """On the demo corpus, scored with the default analyzer: the table of choose_sides."""
    import framing
    from framing.analysis.analyze import default_analyzer, score

    options = framing.ReadOptions.create(date="2031-03-05", tz="Etc/GMT-2")
    records = list(score(framing.iter_entries([framing.demo_corpus_path()], options=options),
                         default_analyzer()))
    sides = choose_sides(records)
    for by in ("outlet", "day"):
        for settings in ({}, {"max_units": 5, "n_blocks": 3}):
            wide = _wide(records, by, **settings)
            assert wide.choose_sides() == sides
            assert wide.finish(**SETTINGS) == compare_scores(records, by=by, sides=sides,
                                                             **SETTINGS, **settings)


def test_cli_compare_without_sides_streams_into_the_same_table() -> None:
    """Without --side the CLI streams too (WideCompareAccumulator): the table is the one
    compare_scores gives with the sides most present."""
    import json

    from typer.testing import CliRunner

    import framing
    from framing.analysis.analyze import default_analyzer, score
    from framing.cli import app

    options = framing.ReadOptions.create(date="2031-03-05", tz="Etc/GMT-2")
    records = list(score(framing.iter_entries([framing.demo_corpus_path()], options=options),
                         default_analyzer()))
    for jobs in ("1", "2"):
        expected = compare_scores(records, by="day", sides=choose_sides(records), n_boot=200,
                                  n_perm=200)
        result = CliRunner().invoke(app, [
            "compare", str(framing.demo_corpus_path()), "--date", "2031-03-05", "--tz",
            "Etc/GMT-2", "--by", "day", "--bootstrap", "200", "--permutations", "200", "-f",
            "json", "--no-progress", "--jobs", jobs])
        assert result.exit_code == 0, result.output
        table = json.loads(result.stdout)
        assert table["cells"] == json.loads(json.dumps(expected.to_records()))
        assert table["pairs"] == json.loads(json.dumps([p.__dict__ for p in expected.pairs]))
