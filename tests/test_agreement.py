"""Inter-coder agreement: published worked examples, properties, reading codes, the CLI."""

from __future__ import annotations

import csv
import json
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import cohen_kappa_score
from typer.testing import CliRunner, Result

from framing.agreement import (
    AgreementReport,
    BootstrapOptions,
    Code,
    CodeColumns,
    CodeTable,
    assess_agreement,
    compare_tool,
    fleiss_kappa,
    krippendorff_alpha,
    read_codes,
    read_tool_codes,
)
from framing.agreement.measures import value_counts
from framing.agreement.report import fleiss_selection
from framing.cli import app
from framing.errors import (
    ColumnError,
    EmptyInputError,
    InputError,
    MissingPathError,
    OptionError,
    RecordError,
    UnsupportedFormatError,
)

runner = CliRunner()
NO_BOOT = BootstrapOptions(n_boot=0)
AGREEMENT_DATA = Path(__file__).resolve().parent / "data" / "agreement"
FRAMES = CodeColumns(label="frame")

# Krippendorff, K. (2011). "Computing Krippendorff's Alpha-Reliability", section C (multiple
# observers, any metric, missing data): 4 observers x 12 units, values 1-5, "." = missing.
# Published: nominal .743, ordinal .815, interval .849, ratio .797.
_: None = None
KRIPPENDORFF_2011_C = [  # one row per observer, as printed
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
]


def _units(observers: Sequence[Sequence[object]]) -> list[list[object]]:
    """Published reliability data is observers x units; a CodeTable wants units x coders."""
    return [list(unit) for unit in zip(*observers, strict=True)]


def _alpha(table: CodeTable, level: str = "nominal") -> float:
    report = assess_agreement(table, level=level, options=NO_BOOT)
    value = report.rows[0].value
    assert value is not None
    return value


def _assert_same_rows(first: AgreementReport, second: AgreementReport) -> None:
    """Rows equal up to float rounding (sums in another order differ in the last bit)."""
    rows_a, rows_b = first.rows, second.rows
    assert len(rows_a) == len(rows_b)
    for a, b in zip(rows_a, rows_b, strict=True):
        assert (a.measure, a.level, a.coders, a.n_items, a.n_values) == \
            (b.measure, b.level, b.coders, b.n_items, b.n_values)
        for x, y in ((a.value, b.value), (a.ci_low, b.ci_low), (a.ci_high, b.ci_high)):
            assert (x is None) == (y is None)
            assert x is None or x == pytest.approx(y, abs=1e-12)


def _values(report: AgreementReport) -> list[tuple[str, str, str, float | None, int, int]]:
    return [(r.measure, r.level, r.coders, r.value, r.n_items, r.n_values) for r in report.rows]


# --- published worked examples --------------------------------------------------------------


@pytest.mark.parametrize(("level", "published"), [
    ("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849), ("ratio", 0.797),
])
def test_krippendorff_2011_four_observers_with_missing_values(level: str, published: float
                                                              ) -> None:
    table = CodeTable.from_rows(_units(KRIPPENDORFF_2011_C), coders=["A", "B", "C", "D"])
    assert round(_alpha(table, level), 3) == published


def test_krippendorff_2011_counts_pairable_values() -> None:
    # Same source: unit 12 has a single value and is not pairable; n.. = 40 pairable values.
    table = CodeTable.from_rows(_units(KRIPPENDORFF_2011_C), coders=["A", "B", "C", "D"])
    alpha = assess_agreement(table, level="nominal", options=NO_BOOT).rows[0]
    assert (alpha.n_items, alpha.n_values) == (11, 40)


def test_krippendorff_2011_binary_two_observers() -> None:
    # Krippendorff (2011), section A (binary data, two observers, no missing data):
    # alpha = 0.095.
    observers = [[0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
                 [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]]
    assert round(_alpha(CodeTable.from_rows(_units(observers))), 3) == 0.095


def test_krippendorff_2011_nominal_two_observers() -> None:
    # Krippendorff (2011), section B (nominal data, two observers, no missing data):
    # alpha = 0.692.
    observers = [list("aabbdcccedda"), list("babbbccceddd")]
    assert round(_alpha(CodeTable.from_rows(_units(observers))), 3) == 0.692


def test_wikipedia_alpha_computational_example() -> None:
    # Wikipedia, "Krippendorff's alpha", section "A computational example": 3 coders x 15
    # units with missing data; nominal alpha = 0.691 (0.691358), interval alpha = 0.811
    # (0.810845; the same figures are asserted by the fast-krippendorff package's tests).
    observers = [
        [_, _, _, _, _, 3, 4, 1, 2, 1, 1, 3, 3, _, 3],
        [1, _, 2, 1, 3, 3, 4, 3, _, _, _, _, _, _, _],
        [_, _, 2, 1, 3, 4, 4, _, 2, 1, 1, 3, 3, _, 4],
    ]
    table = CodeTable.from_rows(_units(observers))
    assert _alpha(table, "nominal") == pytest.approx(0.691358, abs=1e-6)
    assert _alpha(table, "interval") == pytest.approx(0.810845, abs=1e-6)


# Wikipedia, "Fleiss' kappa", worked example: 10 subjects, 14 raters, 5 categories; counts of
# raters per category. Published kappa = 0.210 (P-bar = 0.378, P-bar_e = 0.213).
WIKIPEDIA_FLEISS = [[0, 0, 0, 0, 14], [0, 2, 6, 4, 2], [0, 0, 3, 5, 6], [0, 3, 9, 2, 0],
                    [2, 2, 8, 1, 1], [7, 7, 0, 0, 0], [3, 2, 6, 3, 0], [2, 5, 3, 2, 2],
                    [6, 5, 2, 1, 0], [0, 2, 2, 3, 7]]

# Fleiss, J. L. (1971), Psychological Bulletin 76(5): 30 patients, each diagnosed by 6
# psychiatrists into 5 categories; published kappa = .430 (R irr::kappam.fleiss(diagnoses)
# gives 0.4302445). Raw ratings as in irr's `diagnoses` data set (categories 1-5).
FLEISS_1971_DIAGNOSES = [
    [4, 4, 4, 4, 4, 4], [2, 2, 2, 5, 5, 5], [2, 3, 3, 3, 3, 5], [5, 5, 5, 5, 5, 5],
    [2, 2, 2, 4, 4, 4], [1, 1, 3, 3, 3, 3], [3, 3, 3, 3, 5, 5], [1, 1, 3, 3, 3, 4],
    [1, 1, 4, 4, 4, 4], [5, 5, 5, 5, 5, 5], [1, 4, 4, 4, 4, 4], [1, 2, 4, 4, 4, 4],
    [2, 2, 2, 3, 3, 3], [1, 4, 4, 4, 4, 4], [2, 2, 4, 4, 4, 5], [3, 3, 3, 3, 3, 5],
    [1, 1, 1, 4, 5, 5], [1, 1, 1, 1, 1, 2], [2, 2, 4, 4, 4, 4], [1, 3, 3, 5, 5, 5],
    [5, 5, 5, 5, 5, 5], [2, 4, 4, 4, 4, 4], [2, 2, 4, 5, 5, 5], [1, 1, 4, 4, 4, 4],
    [1, 4, 4, 4, 4, 5], [2, 2, 2, 2, 2, 4], [1, 1, 1, 1, 5, 5], [2, 2, 4, 4, 4, 4],
    [1, 3, 3, 3, 3, 3], [5, 5, 5, 5, 5, 5],
]


def test_fleiss_kappa_wikipedia_example() -> None:
    assert round(fleiss_kappa(WIKIPEDIA_FLEISS), 3) == 0.210


def test_fleiss_kappa_fleiss_1971_through_the_report() -> None:
    table = CodeTable.from_rows(FLEISS_1971_DIAGNOSES)
    row = next(r for r in assess_agreement(table, options=NO_BOOT).rows
               if r.measure == "Fleiss' kappa")
    assert row.value == pytest.approx(0.4302445, abs=1e-7)
    assert (row.n_items, row.n_values) == (30, 180)


def test_fleiss_kappa_rejects_unequal_rows() -> None:
    with pytest.raises(ValueError, match="same number"):
        fleiss_kappa([[2, 1], [1, 1]])


def test_cohen_kappa_wikipedia_two_by_two() -> None:
    # Wikipedia, "Cohen's kappa", simple example: 50 proposals, both yes 20, A yes / B no 5,
    # A no / B yes 10, both no 15 -> p_o = 0.7, p_e = 0.5, kappa = 0.40.
    pairs = [("yes", "yes")] * 20 + [("yes", "no")] * 5 + [("no", "yes")] * 10 \
        + [("no", "no")] * 15
    table = CodeTable.from_rows([list(p) for p in pairs], coders=["A", "B"])
    rows = {r.measure: r for r in assess_agreement(table, options=NO_BOOT).rows
            if r.coders == "A vs B"}
    assert rows["Cohen's kappa"].value == pytest.approx(0.40)
    assert rows["percent agreement"].value == pytest.approx(0.70)
    assert rows["Cohen's kappa"].n_items == 50


def test_cohen_kappa_sas_three_by_three() -> None:
    # SAS PROC FREQ simple kappa example (as checked in statsmodels' tests): the table
    # [[0, 4, 1], [0, 8, 0], [0, 1, 5]] gives kappa = 0.4842.
    table = [[0, 4, 1], [0, 8, 0], [0, 1, 5]]
    pairs = [[str(i), str(j)] for i in range(3) for j in range(3) for _ in range(table[i][j])]
    codes = CodeTable.from_rows(pairs, coders=["r1", "r2"])
    kappa = next(r for r in assess_agreement(codes, options=NO_BOOT).rows
                 if r.measure == "Cohen's kappa")
    assert kappa.value == pytest.approx(0.4842, abs=5e-5)


def test_cohen_kappa_matches_scikit_learn_on_random_codes() -> None:
    rng = np.random.default_rng(7)
    for _ in range(20):
        first = rng.integers(0, 4, 40)
        second = np.where(rng.random(40) < 0.6, first, rng.integers(0, 4, 40))
        table = CodeTable.from_rows([[f"c{a}", f"c{b}"] for a, b in zip(first, second,
                                                                           strict=True)])
        kappa = next(r for r in assess_agreement(table, options=NO_BOOT).rows
                     if r.measure == "Cohen's kappa")
        assert kappa.value == pytest.approx(cohen_kappa_score(first, second), abs=1e-12)


# --- properties -----------------------------------------------------------------------------


def test_perfect_agreement_is_one_everywhere() -> None:
    table = CodeTable.from_rows([[1, 1, 1], [2, 2, 2], [3, 3, 3], [2, 2, 2], [1, 1, None]])
    report = assess_agreement(table, level="auto", options=BootstrapOptions(n_boot=50))
    assert {r.level for r in report.rows} >= {"nominal", "ordinal", "interval"}
    for row in report.rows:
        assert row.value == pytest.approx(1.0), row
        assert row.ci_low == pytest.approx(1.0) and row.ci_high == pytest.approx(1.0)
    assert krippendorff_alpha(table.matrix, len(table.labels), "ratio", table.values) == 1.0


def test_no_variation_is_undefined_not_one() -> None:
    table = CodeTable.from_rows([["a", "a"], ["a", "a"], ["a", "a"]])
    report = assess_agreement(table, options=NO_BOOT)
    by_measure = {r.measure: r.value for r in report.rows if r.coders == "coder 1, coder 2"}
    assert by_measure["Krippendorff's alpha"] is None
    assert by_measure["Fleiss' kappa"] is None
    assert by_measure["percent agreement"] == 1.0  # they do agree; chance cannot be judged
    assert any("undefined" in note for note in report.notes)


def _write_long(path: Path, rows: list[tuple[str, str, str]]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["item", "coder", "label"])
        writer.writerows(rows)
    return path


def _random_codes(seed: int, *, missing: float = 0.2) -> list[tuple[str, str, str]]:
    rng = random.Random(seed)
    rows = []
    for item in range(30):
        truth = rng.choice("pqrs")
        for coder in ("ann", "ben", "cal", "dee"):
            label = truth if rng.random() < 0.7 else rng.choice("pqrs")
            rows.append((f"u{item}", coder, "NA" if rng.random() < missing else label))
    return rows


def test_missing_codes_dropped_or_marked_give_the_same_results(tmp_path: Path) -> None:
    rows = _random_codes(1)
    marked = read_codes(_write_long(tmp_path / "marked.csv", rows))
    empty = read_codes(_write_long(tmp_path / "empty.csv",
                                   [(i, c, "" if lb == "NA" else lb) for i, c, lb in rows]))
    dropped = read_codes(_write_long(tmp_path / "dropped.csv",
                                     [r for r in rows if r[2] != "NA"]))
    options = BootstrapOptions(n_boot=200, seed=3)
    reports = [assess_agreement(t, options=options) for t in (marked, empty, dropped)]
    assert "NA" not in marked.labels and "" not in empty.labels
    assert reports[0].rows == reports[1].rows == reports[2].rows  # CIs included
    assert marked.n_missing_codes == sum(r[2] == "NA" for r in rows) > 0
    assert dropped.n_missing_codes == 0


def test_missing_is_never_a_category() -> None:
    # If "NA" were a category, the two coders would agree on it and alpha would rise.
    with_na = CodeTable.from_rows([["a", "b"], ["NA", "NA"], ["NA", "NA"], ["b", "b"],
                                   ["a", "a"]])
    without = CodeTable.from_rows([["a", "b"], ["b", "b"], ["a", "a"]])
    assert with_na.labels == ("a", "b")
    assert _alpha(with_na) == _alpha(without)


def test_relabelling_categories_keeps_nominal_measures() -> None:
    rows = _random_codes(2, missing=0.1)
    rename = {"p": "zeta", "q": "alpha", "r": "mid", "s": "NONE"}
    original = CodeTable.from_codes(Code(i, c, None if lb == "NA" else lb)
                                    for i, c, lb in rows)
    renamed = CodeTable.from_codes(Code(i, c, None if lb == "NA" else rename[lb])
                                   for i, c, lb in rows)
    options = BootstrapOptions(n_boot=100)
    _assert_same_rows(assess_agreement(original, options=options),
                      assess_agreement(renamed, options=options))


def test_row_order_does_not_matter(tmp_path: Path) -> None:
    rows = _random_codes(3)
    shuffled = rows[:]
    random.Random(0).shuffle(shuffled)
    first = read_codes(_write_long(tmp_path / "a.csv", rows))
    second = read_codes(_write_long(tmp_path / "b.csv", shuffled))
    options = BootstrapOptions(n_boot=200)
    assert first.items == second.items and first.coders == second.coders
    assert assess_agreement(first, options=options).rows == \
        assess_agreement(second, options=options).rows


def test_unpairable_items_are_ignored_and_reported() -> None:
    base: list[list[str | None]] = [["a", "b"], ["b", "b"], ["a", "a"], ["b", "a"], ["a", "a"]]
    extra: list[list[str | None]] = [*base, ["b", None], [None, "a"], [None, None]]
    report = assess_agreement(CodeTable.from_rows(extra), options=NO_BOOT)
    assert _values(report) == _values(assess_agreement(CodeTable.from_rows(base),
                                                       options=NO_BOOT))
    assert report.n_unpairable == 3
    assert any("3 item(s) with fewer than 2 codes" in note for note in report.notes)


def test_ordinal_alpha_depends_on_ranks_only_interval_on_linear_scale() -> None:
    observers = KRIPPENDORFF_2011_C
    monotone = {1: 1, 2: 5, 3: 6, 4: 20, 5: 21}
    table = CodeTable.from_rows(_units(observers))
    stretched = CodeTable.from_rows(_units([[None if v is None else monotone[v] for v in row]
                                            for row in observers]))
    linear = CodeTable.from_rows(_units([[None if v is None else 3 * v + 10 for v in row]
                                         for row in observers]))
    scaled = CodeTable.from_rows(_units([[None if v is None else 2.5 * v for v in row]
                                         for row in observers]))
    assert _alpha(stretched, "ordinal") == pytest.approx(_alpha(table, "ordinal"))
    assert _alpha(stretched, "interval") != pytest.approx(_alpha(table, "interval"))
    assert _alpha(linear, "interval") == pytest.approx(_alpha(table, "interval"))
    assert _alpha(scaled, "ratio") == pytest.approx(_alpha(table, "ratio"))


def test_numeric_labels_are_canonical() -> None:
    table = CodeTable.from_codes([Code("i", "a", "2"), Code("i", "b", "2.0"),
                                  Code("j", "a", "10"), Code("j", "b", "1e1")])
    assert table.labels == ("2", "10") and table.values == (2.0, 10.0)
    assert table.matrix.tolist() == [[0, 0], [1, 1]]


def test_bootstrap_is_seeded_and_brackets_the_value() -> None:
    table = CodeTable.from_codes(Code(i, c, None if lb == "NA" else lb)
                                 for i, c, lb in _random_codes(4))
    first = assess_agreement(table, options=BootstrapOptions(n_boot=300, seed=11))
    again = assess_agreement(table, options=BootstrapOptions(n_boot=300, seed=11))
    other = assess_agreement(table, options=BootstrapOptions(n_boot=300, seed=12))
    assert first.rows == again.rows
    assert first.rows != other.rows
    for row in first.rows:
        assert row.ci_low is not None and row.ci_high is not None and row.value is not None
        assert row.ci_low <= row.value + 1e-9 and row.value - 1e-9 <= row.ci_high
        assert row.ci_low < row.ci_high


def test_levels_auto_and_explicit() -> None:
    numbers = CodeTable.from_rows([[1, 2], [2, 2], [3, 3]])
    words = CodeTable.from_rows([["x", "y"], ["y", "y"]])
    assert assess_agreement(numbers, options=NO_BOOT).levels == ("nominal", "ordinal",
                                                                 "interval")
    assert assess_agreement(words, options=NO_BOOT).levels == ("nominal",)
    assert assess_agreement(numbers, level="ratio", options=NO_BOOT).levels == ("ratio",)
    with pytest.raises(OptionError, match=r"needs numeric labels; .* 'x'"):
        assess_agreement(words, level="interval")
    with pytest.raises(OptionError, match="non-negative"):
        assess_agreement(CodeTable.from_rows([[-1, 2], [2, 2]]), level="ratio")
    with pytest.raises(OptionError, match="--level"):
        assess_agreement(numbers, level="cardinal")


def test_fleiss_uses_the_most_common_number_of_codes() -> None:
    table = CodeTable.from_rows([["a", "a", "a"], ["a", "b", "b"], ["b", "b", "b"],
                                 ["a", "b", None], ["a", None, None]])
    n_raters, used, left_out = fleiss_selection(value_counts(table.matrix, len(table.labels)))
    assert (n_raters, used.tolist(), left_out) == (3, [True, True, True, False, False], {2: 1})
    report = assess_agreement(table, options=NO_BOOT)
    assert (report.fleiss_raters, report.fleiss_items) == (3, 3)
    assert any("uses the 3 items with 3 codes and leaves out 1 with 2 codes" in note
               for note in report.notes)
    expected = fleiss_kappa([[3, 0], [1, 2], [0, 3]])
    fleiss = next(r for r in report.rows if r.measure == "Fleiss' kappa")
    assert fleiss.value == pytest.approx(expected)


def test_pairwise_percent_agreement_counts_coder_pairs() -> None:
    # Item 1: a, a, b -> 1 of 3 pairs agree; item 2: c, c -> 1 of 1. Pooled: 2 / 4.
    table = CodeTable.from_rows([["a", "a", "b"], ["c", "c", None]])
    percent = next(r for r in assess_agreement(table, options=NO_BOOT).rows
                   if r.measure == "percent agreement")
    assert percent.value == pytest.approx(0.5)


# --- a tool against the human majority ------------------------------------------------------


def test_compare_tool_against_majority_by_hand() -> None:
    humans = CodeTable.from_rows(
        [["x", "x", "y"], ["y", "y", "y"], ["x", "y", None], ["y", "x", "x"], ["x", "x", "x"],
         ["y", "y", None]],
        items=["i1", "i2", "i3", "i4", "i5", "i6"])
    tool = {"i1": "x", "i2": "x", "i3": "x", "i4": "x", "i5": "x", "i7": "y"}
    result = compare_tool(humans, tool, options=NO_BOOT)
    # Majorities: i1 x, i2 y, i3 tie, i4 x, i5 x, i6 y (no tool code); i7 no human.
    assert (result.n_compared, result.n_ties, result.n_no_tool, result.n_no_human) == \
        (4, 1, 1, 1)
    rows = {(r.measure, r.category): r for r in result.rows}
    # Tool says x on i1, i2, i4, i5; majority x on i1, i4, i5 and y on i2.
    assert rows[("precision", "x")].value == pytest.approx(3 / 4)
    assert rows[("recall", "x")].value == pytest.approx(1.0)
    assert rows[("F1", "x")].value == pytest.approx(6 / 7)
    assert rows[("precision", "y")].value is None  # the tool never said y
    assert rows[("recall", "y")].value == pytest.approx(0.0)
    assert rows[("accuracy", None)].value == pytest.approx(3 / 4)
    assert rows[("macro F1", None)].value == pytest.approx((6 / 7 + 0.0) / 2)
    assert any("1 item(s) where the human codes tie" in note for note in result.notes)


def test_compare_tool_alpha_with_and_without() -> None:
    humans = CodeTable.from_rows(_units(KRIPPENDORFF_2011_C), coders=["A", "B", "C", "D"])
    tool = dict.fromkeys(humans.items, "3")
    result = compare_tool(humans, tool, tool_name="bot", level="nominal", options=NO_BOOT)
    alphas = [r for r in result.rows if r.level == "nominal" and "alpha" in r.measure]
    without, with_tool, change = (r.value for r in alphas)
    assert without is not None and with_tool is not None
    assert without == pytest.approx(0.743, abs=5e-4)
    combined = CodeTable.from_codes([*humans.codes(), *(Code(i, "bot", "3")
                                                         for i in humans.items)])
    assert with_tool == pytest.approx(_alpha(combined))
    assert change == pytest.approx(with_tool - without)
    assert alphas[1].coders == "A, B, C, D + bot"
    assert alphas[1].n_items == 12  # unit 12 becomes pairable with the tool's code


def test_tool_name_never_clashes_with_a_human() -> None:
    humans = CodeTable.from_rows([["a", "b"], ["a", "a"]], coders=["tool", "ann"])
    result = compare_tool(humans, {"1": "a", "2": "a"}, options=NO_BOOT)
    assert any(r.coders == "ann, tool + tool'" for r in result.rows)


# --- reading codes --------------------------------------------------------------------------


def test_long_csv_jsonl_and_wide_agree() -> None:
    long_csv = read_codes(AGREEMENT_DATA / "codes.csv", columns=FRAMES)
    jsonl = read_codes(AGREEMENT_DATA / "codes.jsonl", columns=FRAMES).without_coder("keywords")
    wide = read_codes(AGREEMENT_DATA / "wide.csv", wide=True)
    for table in (jsonl, wide):
        assert table.items == long_csv.items and table.coders == long_csv.coders
        assert table.labels == long_csv.labels
        assert table.matrix.tolist() == long_csv.matrix.tolist()
    assert long_csv.coders == ("ana", "ben", "cleo")
    assert long_csv.n_missing_codes == 3  # one empty cell, two NA
    assert jsonl.n_missing_codes == 3  # JSON nulls
    assert long_csv.n_codes == 71


def test_read_tool_codes_ignores_other_columns() -> None:
    tool = read_tool_codes(AGREEMENT_DATA / "tool.csv", label_column="frame")
    assert len(tool) == 25 and "db-0006" not in tool
    assert tool["compass-wire:13"] == "conflict"


def test_read_errors_name_file_line_and_field(tmp_path: Path) -> None:
    with pytest.raises(MissingPathError, match=r"nope\.csv: no such file"):
        read_codes(tmp_path / "nope.csv")
    (tmp_path / "codes.txt").write_text("item,coder,label\n")
    with pytest.raises(UnsupportedFormatError, match=r"unknown suffix '\.txt'"):
        read_codes(tmp_path / "codes.txt")
    with pytest.raises(ColumnError, match=r"codes\.csv:1: no 'label' column .*'frame'"):
        read_codes(AGREEMENT_DATA / "codes.csv")
    bad = _write_long(tmp_path / "bad.csv", [("u1", "ann", "a"), (" ", "ben", "b")])
    with pytest.raises(RecordError, match=r"bad\.csv:3: field 'item' is missing or empty"):
        read_codes(bad)
    nocoder = _write_long(tmp_path / "nocoder.csv", [("u1", "", "a")])
    with pytest.raises(RecordError, match=r"nocoder\.csv:2: field 'coder'"):
        read_codes(nocoder)
    twice = _write_long(tmp_path / "twice.csv", [("u1", "ann", "a"), ("u1", "ann", "b")])
    with pytest.raises(RecordError, match=r"twice\.csv:3: coder 'ann' coded item 'u1' twice"):
        read_codes(twice)
    ragged = tmp_path / "ragged.csv"
    ragged.write_text("item,coder,label\nu1,ann\n")
    with pytest.raises(RecordError, match=r"ragged\.csv:2: row has 2 fields"):
        read_codes(ragged)


def test_read_jsonl_details(tmp_path: Path) -> None:
    path = tmp_path / "codes.jsonl"
    path.write_text('{"Item": 1, "Coder": "ann", "Label": 2}\n\n'
                    '{"item": 1, "coder": "ben"}\n'
                    '{"item": 2, "coder": "ann", "label": "NA"}\n')
    table = read_codes(path)
    assert table.items == ("1", "2") and table.labels == ("2",)
    assert table.matrix.tolist() == [[0, -1], [-1, -1]]
    path.write_text('{"item": 1, "coder": "ann", "label": [1]}\n')
    with pytest.raises(RecordError, match=r"codes\.jsonl:1: field 'label': .*JSON array"):
        read_codes(path)
    path.write_text('["item", 1]\n')
    with pytest.raises(RecordError, match=r"codes\.jsonl:1: expected a JSON object"):
        read_codes(path)
    path.write_text('{"item": 1, "coder": "ann", "code": "x"}\n')
    with pytest.raises(ColumnError, match="no record has a 'label' field"):
        read_codes(path)
    with pytest.raises(UnsupportedFormatError, match="wide format needs a CSV"):
        read_codes(path, wide=True)


def test_conflicting_repeat_is_an_error_identical_repeat_is_not() -> None:
    same = CodeTable.from_codes([Code("i", "a", "x", "f:2"), Code("i", "a", "x", "f:3"),
                                 Code("i", "b", "x", "f:4")])
    assert same.n_codes == 2
    missing_then_code = CodeTable.from_codes([Code("i", "a", None), Code("i", "a", "x")])
    assert missing_then_code.n_codes == 1 and missing_then_code.n_missing_codes == 0
    with pytest.raises(RecordError, match="f:3: coder 'a' coded item 'i' twice: 'x' "):
        CodeTable.from_codes([Code("i", "a", "x", "f:2"), Code("i", "a", "y", "f:3")])


# --- the command line -----------------------------------------------------------------------


def _cli(*args: str) -> Result:
    return runner.invoke(app, ["agreement", *args])


def test_cli_on_the_coded_demo_fixture() -> None:
    path = AGREEMENT_DATA / "codes.csv"
    result = _cli(str(path), "--label-column", "frame", "-f", "json", "--bootstrap", "200")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    expected = assess_agreement(read_codes(path, columns=FRAMES),
                                options=BootstrapOptions(n_boot=200))
    assert [(r["measure"], r["coders"]) for r in rows] == \
        [(r.measure, r.coders) for r in expected.rows]
    alpha = rows[0]
    assert alpha["measure"] == "Krippendorff's alpha" and alpha["level"] == "nominal"
    assert alpha["value"] == pytest.approx(expected.rows[0].value, abs=1e-6)
    assert alpha["CI low"] == pytest.approx(expected.rows[0].ci_low, abs=1e-6)
    assert (alpha["n items"], alpha["n pairable values"]) == (25, 71)
    assert "note: 1 item(s) with fewer than 2 codes" in result.stderr
    assert {r["coders"] for r in rows if r["measure"] == "Cohen's kappa"} == \
        {"ana vs ben", "ana vs cleo", "ben vs cleo"}


def test_cli_numeric_labels_get_ordinal_and_interval_rows() -> None:
    result = _cli(str(AGREEMENT_DATA / "codes.csv"), "--label-column", "intensity",
                  "--bootstrap", "0")
    assert result.exit_code == 0
    out = result.stdout
    assert "ordinal" in out and "interval" in out and "ratio" not in out.split("note:")[0]
    assert "note: every label is a number" in out


def test_cli_against_tool_file() -> None:
    result = _cli(str(AGREEMENT_DATA / "codes.csv"), "--label-column", "frame",
                  "--against-tool", str(AGREEMENT_DATA / "tool.csv"), "-f", "csv",
                  "--bootstrap", "100")
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(result.stdout.splitlines()))
    accuracy = next(r for r in rows if r["measure"] == "accuracy")
    # 26 items: 2 human ties, db-0006 without a tool code, st-0010 without a human code -> 22;
    # the tool misses compass-wire:6, compass-wire:13, db-0004 and radio-dorvassa:7.
    assert accuracy["n items"] == "22" and float(accuracy["value"]) == pytest.approx(18 / 22)
    recall = next(r for r in rows if r["measure"] == "recall" and r["category"] == "conflict")
    assert float(recall["value"]) == 1.0
    assert any(r["coders"] == "ana, ben, cleo + tool" for r in rows)
    err = result.stderr
    assert "2 item(s) where the human codes tie" in err
    assert "1 item(s) with human codes but no tool code" in err


def test_cli_tool_coder_in_the_same_file() -> None:
    result = _cli(str(AGREEMENT_DATA / "codes.jsonl"), "--label-column", "frame",
                  "--tool-coder", "keywords", "-f", "json", "--bootstrap", "0")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    # The tool is not one of the coders of the human rows.
    assert rows[0]["coders"] == "ana, ben, cleo"
    accuracy = next(r for r in rows if r["measure"] == "accuracy")
    assert accuracy["coders"] == "keywords vs majority"
    assert accuracy["n items"] == 23  # db-0006 is coded by the tool in this file
    assert accuracy["value"] == pytest.approx(19 / 23)


def test_cli_wide_input() -> None:
    result = _cli(str(AGREEMENT_DATA / "wide.csv"), "--wide", "-f", "json", "--bootstrap", "0")
    assert result.exit_code == 0
    first = json.loads(result.stdout)[0]
    expected = assess_agreement(read_codes(AGREEMENT_DATA / "codes.csv", columns=FRAMES),
                                options=NO_BOOT).rows[0]
    assert first["value"] == pytest.approx(expected.value, abs=1e-6)


@pytest.mark.parametrize(("args", "message"), [
    (["missing.csv"], "error: missing.csv: no such file"),
    ([str(AGREEMENT_DATA / "codes.csv")], "codes.csv:1: no 'label' column"),
    ([str(AGREEMENT_DATA / "codes.csv"), "--item-column", "story", "--label-column", "frame"],
     "codes.csv:1: no 'story' column (set it with --item-column)"),
    ([str(AGREEMENT_DATA / "codes.csv"), "--label-column", "frame", "--level", "interval"],
     "the interval level needs numeric labels"),
    ([str(AGREEMENT_DATA / "codes.csv"), "--label-column", "frame", "--tool-coder", "zed"],
     "--tool-coder 'zed' is not a coder; coders: ana, ben, cleo"),
    ([str(AGREEMENT_DATA / "codes.csv"), "--label-column", "frame", "--tool-coder", "ana",
      "--against-tool", str(AGREEMENT_DATA / "tool.csv")], "either --against-tool or"),
    ([str(AGREEMENT_DATA / "codes.csv"), "--label-column", "frame", "-f", "nope"],
     "the `--format` option must be one of"),
    ([str(AGREEMENT_DATA / "codes.csv"), "--label-column", "frame", "--against-tool",
      str(AGREEMENT_DATA / "absent.csv")], "absent.csv: no such file"),
])
def test_cli_bad_input_is_one_line_exit_2(args: list[str], message: str) -> None:
    result = _cli(*args)
    assert result.exit_code == 2
    err = result.stderr
    assert message in err
    assert err.count("\n") == 1 and err.startswith("error: ")


def test_cli_row_without_item_id(tmp_path: Path) -> None:
    bad = _write_long(tmp_path / "codes.csv", [("u1", "ann", "a"), ("", "ben", "a")])
    result = _cli(str(bad))
    assert result.exit_code == 2
    assert "codes.csv:3: field 'item' is missing or empty" in result.stderr


def test_cli_help() -> None:
    result = _cli("--help")
    assert result.exit_code == 0
    for option in ("--coder-column", "--against-tool", "--tool-coder", "--level", "--wide",
                   "--bootstrap", "--seed"):
        assert option in result.stdout


def test_header_only_file_and_single_coder_are_errors(tmp_path: Path) -> None:
    with pytest.raises(EmptyInputError, match=r"empty\.csv: no codes"):
        read_codes(_write_long(tmp_path / "empty.csv", []))
    one = read_codes(_write_long(tmp_path / "one.csv", [("u1", "ann", "a"), ("u2", "ann", "b")]))
    with pytest.raises(InputError, match=r"one\.csv: agreement needs codes from at least 2 "
                                         r"coders; found 1 \(ann\)"):
        assess_agreement(one)


def test_a_coder_with_only_missing_codes_survives_the_tool_comparison() -> None:
    humans = CodeTable.from_codes([Code("a", "x", "1"), Code("a", "y", None),
                                   Code("b", "x", "1"), Code("b", "y", "2")])
    result = compare_tool(humans, {"a": "1", "b": "2"}, options=NO_BOOT)
    assert result.rows[0].coders == "x, y"
    assert (result.n_compared, result.n_ties) == (1, 1)
