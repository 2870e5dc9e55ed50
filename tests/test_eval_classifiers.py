"""The scoring helpers and loaders of benchmarks/eval_classifiers.py on hand-made examples.

No ../shared needed: the files are written to a temporary folder by the tests themselves.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "eval_classifiers.py"


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    """The benchmark script, imported as a module."""
    spec = importlib.util.spec_from_file_location("eval_classifiers", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_classifiers"] = module
    spec.loader.exec_module(module)
    return module


def test_positive_class_f1_by_hand(ev: ModuleType) -> None:
    # tp = 2, fp = 1, fn = 1 -> F1 = 2*2 / (2*2 + 1 + 1) = 4/6
    y_true = [1, 1, 1, 0, 0, 0]
    y_pred = [1, 1, 0, 1, 0, 0]
    assert ev.positive_f1(y_true, y_pred) == pytest.approx(4 / 6)
    # class 0: tp = 2, fp = 1, fn = 1 -> also 4/6; the macro mean is 4/6
    assert ev.macro_f1(y_true, y_pred) == pytest.approx(4 / 6)


def test_macro_f1_three_classes_matches_sklearn(ev: ModuleType) -> None:
    from sklearn.metrics import f1_score

    y_true = ["a", "a", "b", "b", "c", "c", "c"]
    y_pred = ["a", "b", "b", "b", "c", "a", "c"]
    # a: tp1 fp1 fn1 -> 0.5; b: tp2 fp1 fn0 -> 0.8; c: tp2 fp0 fn1 -> 0.8
    assert ev.macro_f1(y_true, y_pred) == pytest.approx((0.5 + 0.8 + 0.8) / 3)
    assert ev.macro_f1(y_true, y_pred) == pytest.approx(f1_score(y_true, y_pred, average="macro"))


def test_class_never_predicted_scores_zero(ev: ModuleType) -> None:
    assert ev.class_f1([1, 0, 0], [0, 0, 0], 1) == 0.0
    assert ev.majority_cv([1, 0, 0], ev.positive_f1) == 0.0
    assert ev.majority_cv([1, 0, 0], ev.macro_f1) == pytest.approx((0.0 + 0.8) / 2)


def test_cv_score_mean_and_sd(ev: ModuleType) -> None:
    score = ev.CVScore([0.5, 0.7])
    assert score.mean == pytest.approx(0.6)
    assert score.sd == pytest.approx(0.1414, abs=1e-4)


def test_best_threshold_prefers_the_f1_maximum_closest_to_zero(ev: ModuleType) -> None:
    scores = [2.0, 0.5, -0.2, -0.4, -1.0]
    labels = [1, 1, 1, 0, 0]
    # at >= -0.2 all three positives are caught and nothing else: F1 = 1
    assert ev.best_threshold(scores, labels) == pytest.approx(-0.2)
    # a tie: >= 3 gives tp 1 of 1 predicted (F1 2/3), >= -2 gives tp 2 of 4 (F1 2/3);
    # -2 is closer to the classifier's own cut-off 0, so it wins
    assert ev.best_threshold([3.0, 0.5, -0.5, -2.0], [1, 0, 0, 1]) == pytest.approx(-2.0)


def test_load_babe_drops_no_agreement(ev: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "sg2.csv"
    path.write_text(
        "\ufefftext;news_link;outlet;topic;type;label_bias;label_opinion;biased_words\n"
        '"""Quoted"" start, then a radical plan.";http://x;A;t;left;Biased;Expresses writer’s opinion;[\'radical\']\n'
        "A plain report.;http://y;B;t;right;Non-biased;Entirely factual;[]\n"
        "Unclear one.;http://z;C;t;;No agreement;No agreement;[]\n"
        "Another plain report.;http://w;D;t;center;Non-biased;Entirely factual;[]\n",
        encoding="utf-8",
    )
    texts, labels = ev.load_babe(path)
    assert texts == ['"Quoted" start, then a radical plan.', "A plain report.",
                     "Another plain report."]
    assert labels == [1, 0, 0]


def test_load_text_label_csv_strips_and_skips_empty(ev: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "train.csv"
    path.write_text('text,label\n"Some say it is the best.\n",1\n"",0\n"It opened in 1958.\n",0\n'
                    '"It may be older.\n",1\n', encoding="utf-8")
    texts, labels = ev.load_text_label_csv(path, text_column="text", label_column="label")
    assert texts == ["Some say it is the best.", "It opened in 1958.", "It may be older."]
    assert labels == [1, 0, 1]


def test_load_bioscope_marks_speculation_only(ev: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "abstracts.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><Annotation><DocumentSet><Document>'
        '<DocumentPart><sentence id="S1">These results <xcope id="X1"><cue type="speculation" '
        'ref="X1">suggest</cue> a role</xcope>.</sentence>'
        '<sentence id="S2">It was <xcope id="X2"><cue type="negation" ref="X2">not</cue> '
        "found</xcope>.</sentence>"
        '<sentence id="S3">Cells were grown.</sentence></DocumentPart></Document>'
        "</DocumentSet></Annotation>",
        encoding="utf-8",
    )
    texts, labels = ev.load_bioscope([path])
    assert texts == ["These results suggest a role.", "It was not found.", "Cells were grown."]
    assert labels == [1, 0, 0]


def test_lexicon_counts_are_label_free_counts(ev: ModuleType) -> None:
    features = ev.build_lexicon_features()
    matrix = features.transform(["Critics claimed the regime slammed them.", "Cells were grown."])
    assert matrix.shape == (2, len(features.names))
    assert matrix[0].sum() > 0
    assert matrix[1].sum() == 0


def test_parse_only(ev: ModuleType) -> None:
    assert ev.parse_only(None) == list(ev.DATASETS)
    assert ev.parse_only("babe, frac") == ["babe", "frac"]
    with pytest.raises(SystemExit):
        ev.parse_only("babe,nope")


def test_missing_shared_exits_zero(ev: ModuleType, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--shared", str(tmp_path)]) == 0
    assert "not found" in capsys.readouterr().out
    (tmp_path / "eval").mkdir()
    assert ev.main(["--shared", str(tmp_path), "--only", "babe,frac"]) == 0
    out = capsys.readouterr().out
    assert "BABE:" in out and "FrAC:" in out


def test_babe_derived_entries_are_not_babe_features(ev: ModuleType) -> None:
    # "chinese virus" cites spinde2021 (taken from BABE's biased-word annotations)
    text = ["They called it the Chinese virus."]
    full = ev.build_lexicon_features().transform(text)
    clean = ev.build_lexicon_features(exclude_sources=ev.BABE_SOURCES).transform(text)
    assert full.sum() > clean.sum()
