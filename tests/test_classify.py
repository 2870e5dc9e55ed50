"""framing.classify: analysis features, pipelines, cross-validated training, safe persistence,
outlet separability and the ``framing classify`` commands."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest
import skops.io as sio
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from typer.testing import CliRunner

import framing
from framing.classify.data import read_coded
from framing.classify.features import AnalysisFeatures, as_entry
from framing.classify.models import MODEL_KINDS, build_pipeline
from framing.classify.outlets import mask_outlet_cues, outlet_separability
from framing.classify.persist import TRUSTED_TYPES, ModelMetadata, load_model, save_model
from framing.classify.train import make_splitter, predict, train_classifier
from framing.cli import app
from framing.errors import ColumnError, ModelError, OptionError

runner = CliRunner()
CODED = Path(__file__).parent / "data" / "classify" / "coded.csv"


@pytest.fixture(scope="module")
def coded() -> tuple[list[str], list[str], list[str]]:
    data = read_coded(CODED, label_column="frame", group_column="event")
    assert data.labels is not None and data.groups is not None
    return list(data.texts), list(data.labels), list(data.groups)


@pytest.fixture(scope="module")
def model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("classify") / "frame.skops"
    result = runner.invoke(app, ["classify", "train", str(CODED), "--label", "frame",
                                 "--group-column", "event", "-o", str(path)])
    assert result.exit_code == 0, result.output
    return path


# --- AnalysisFeatures: targeted contract tests ---------------------------------------------
# parametrize_with_checks is not used: its generic checks feed numeric arrays, and this
# transformer takes text (str or Entry), so the checks below pin the same contract by hand.


def test_classify_features_init_stores_params_untouched() -> None:
    specs = ["loaded-language"]
    features = AnalysisFeatures(lexicons=specs, include_default=False)
    assert features.get_params() == {"lexicons": specs, "include_default": False}
    assert features.lexicons is specs
    assert not [name for name in vars(features) if name.endswith("_")]


def test_classify_features_fit_returns_self_and_accepts_no_y() -> None:
    features = AnalysisFeatures()
    assert features.fit(["Talks resumed."]) is features
    assert features.fit(["Talks resumed."], None) is features
    assert hasattr(features, "analyzer_")


def test_classify_features_unfitted_transform_raises() -> None:
    with pytest.raises(NotFittedError):
        AnalysisFeatures().transform(["text"])


def test_classify_features_validation_happens_in_fit() -> None:
    features = AnalysisFeatures(include_default="yes")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="include_default"):
        features.fit(["text"])
    with pytest.raises(TypeError, match="str or Entry"):
        AnalysisFeatures().fit([3])  # type: ignore[list-item]


def test_classify_features_clone_and_shape() -> None:
    features = AnalysisFeatures().fit(["x"])
    copy = clone(features)
    assert copy.get_params() == features.get_params()
    assert not hasattr(copy, "analyzer_")
    matrix = features.transform([
        "Officials said the regime probably \"liberated\" the town, according to a source.",
        "Talks resumed."])
    names = list(features.get_feature_names_out())
    assert matrix.shape == (2, len(names)) and matrix.dtype == np.float64
    row = dict(zip(names, matrix[0], strict=True))
    assert row["hedges"] >= 1 and row["scare_quotes"] >= 1 and row["attributions_anonymous"] >= 1
    assert row["readability_flesch"] == 0.0  # too short to score
    assert row["n_words_log1p"] == pytest.approx(np.log1p(12))
    assert {"authorial", "attributed"} == {n.rsplit(":", 1)[1] for n in names if n[:5] == "term:"}


def test_classify_features_take_entries() -> None:
    corpus = framing.read_corpus(framing.demo_corpus_path())
    entries = list(corpus)[:3]
    features = AnalysisFeatures().fit(entries)
    matrix = features.transform(entries)
    assert matrix.shape == (3, len(features.get_feature_names_out()))
    # A text is analysed as an untitled entry; an entry keeps its title (headline attribution).
    text = "Talks resumed, officials said."
    assert np.array_equal(features.transform([as_entry(text)]), features.transform([text]))


# --- pipelines and training ------------------------------------------------------------------


def test_classify_build_pipeline_rejects_unknown_model() -> None:
    with pytest.raises(OptionError, match="model"):
        build_pipeline("forest")


def test_classify_grouped_splitter_keeps_events_apart(coded: tuple[list[str], ...]) -> None:
    texts, labels, groups = coded
    splitter = make_splitter(labels, groups, n_splits=5, seed=1)
    for train, test in splitter.split(texts, labels, groups):
        assert not {groups[i] for i in train} & {groups[i] for i in test}


def test_classify_train_is_deterministic_and_beats_baseline(
        coded: tuple[list[str], ...]) -> None:
    texts, labels, groups = coded
    _, first = train_classifier(texts, labels, groups=groups, seed=3)
    _, second = train_classifier(texts, labels, groups=groups, seed=3)
    assert first.to_dict() == second.to_dict()
    assert first.macro_f1 > first.baseline.macro_f1
    assert set(first.to_dict()) >= {"macro_f1", "per_class", "baseline", "confusion_matrix",
                                    "labels", "top_features"}
    assert set(first.top_features) == {"hedged", "loaded", "neutral"}


@pytest.mark.parametrize("kind", ["linear-svm", "nb"])
def test_classify_other_models_predict_probabilities(kind: str,
                                                     coded: tuple[list[str], ...]) -> None:
    texts, labels, _ = coded
    pipeline, report = train_classifier(texts, labels, model=kind, n_splits=3)
    predicted, probabilities = predict(pipeline, texts[:4])
    assert len(predicted) == 4 and all(0.0 <= p <= 1.0 for p in probabilities)
    assert report.top_features


def test_classify_too_few_groups_is_an_option_error(coded: tuple[list[str], ...]) -> None:
    texts, labels, _ = coded
    with pytest.raises(OptionError, match="groups"):
        train_classifier(texts, labels, groups=["a"] * len(texts))


# --- persistence ----------------------------------------------------------------------------


def test_classify_trusted_types_are_exactly_what_pipelines_need(
        coded: tuple[list[str], ...]) -> None:
    texts, labels, _ = coded
    needed: set[str] = set()
    for kind in MODEL_KINDS:
        pipeline = build_pipeline(kind).fit(texts[:30], labels[:30])
        needed |= set(sio.get_untrusted_types(data=sio.dumps({"model": pipeline})))
    assert needed == set(TRUSTED_TYPES)


def test_classify_save_load_round_trip(coded: tuple[list[str], ...], tmp_path: Path) -> None:
    texts, labels, _ = coded
    pipeline, report = train_classifier(texts, labels, n_splits=3)
    path = tmp_path / "m.skops"
    save_model(pipeline, ModelMetadata("frame", "text", "logreg", "entry", report.labels,
                                       cv_macro_f1=report.macro_f1), path)
    loaded, metadata = load_model(path)
    assert metadata["label_column"] == "frame" and metadata["cv_macro_f1"] == report.macro_f1
    assert metadata["framing_version"] == framing.__version__
    assert predict(loaded, texts) == predict(pipeline, texts)


class Sneaky:
    """A type no model of this project contains."""


def test_classify_load_refuses_untrusted_type(model_file: Path, tmp_path: Path) -> None:
    loaded, metadata = load_model(model_file)
    path = tmp_path / "edited.skops"
    sio.dump({"model": loaded, "metadata": metadata, "extra": Sneaky()}, path)
    with pytest.raises(ModelError, match=r"untrusted types: tests\.test_classify\.Sneaky"):
        load_model(path)
    result = runner.invoke(app, ["classify", "predict", str(path), str(CODED),
                                 "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "untrusted types" in result.stderr


def test_classify_load_refuses_flipped_bytes(model_file: Path, tmp_path: Path) -> None:
    data = bytearray(model_file.read_bytes())
    with zipfile.ZipFile(model_file) as archive:
        info = archive.getinfo("schema.json")
    middle = info.header_offset + 30 + len(info.filename) + info.compress_size // 2
    data[middle] ^= 0xFF
    path = tmp_path / "flipped.skops"
    path.write_bytes(bytes(data))
    result = runner.invoke(app, ["classify", "predict", str(path), str(CODED),
                                 "-o", str(tmp_path / "out.jsonl")])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {path}: ") and result.stderr.count("\n") == 1


# --- CLI ------------------------------------------------------------------------------------


def test_classify_cli_train_report_and_predict(model_file: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["classify", "train", str(CODED), "--label", "frame",
                                 "--group-column", "event", "-o", str(tmp_path / "m.skops")])
    assert result.exit_code == 0, result.output
    for needle in ("grouped cross-validation", "macro-F1", "majority baseline", "confusion",
                   "most informative features", "hedged"):
        assert needle in result.stdout
    out = tmp_path / "predicted.jsonl"
    result = runner.invoke(app, ["classify", "predict", str(model_file), str(CODED),
                                 "-o", str(out)])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 66
    assert {"predicted_label", "probability", "frame", "event"} <= set(records[0])
    correct = sum(r["predicted_label"] == r["frame"] for r in records)
    assert correct >= 60


def test_classify_cli_json_and_evaluate(model_file: Path) -> None:
    result = runner.invoke(app, ["classify", "evaluate", str(model_file), str(CODED),
                                 "--label", "frame", "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert {"macro_f1", "per_class", "baseline", "confusion_matrix", "labels"} <= set(record)
    assert record["baseline"]["accuracy"] == pytest.approx(1 / 3, abs=0.01)


def test_classify_cli_json_train_sentence_unit(tmp_path: Path) -> None:
    result = runner.invoke(app, ["classify", "train", str(CODED), "--label", "frame",
                                 "--unit", "sentence", "--model", "nb", "--folds", "3",
                                 "-o", str(tmp_path / "m.skops"), "--format", "json"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout)
    assert {"macro_f1", "per_class", "baseline"} <= set(record)
    assert record["n_samples"] >= 66 and record["model"] == "nb"


def test_classify_cli_missing_label_column(tmp_path: Path) -> None:
    result = runner.invoke(app, ["classify", "train", str(CODED), "--label", "stance",
                                 "-o", str(tmp_path / "m.skops")])
    assert result.exit_code == 2
    assert result.stderr == (f"error: {CODED}:2: no `stance` column (columns: id, event, "
                             "text, frame)\n")
    with pytest.raises(ColumnError):
        read_coded(CODED, label_column="frame", text_column="body")


def test_classify_cli_outlets_on_demo_corpus() -> None:
    result = runner.invoke(app, ["classify", "outlets", str(framing.demo_corpus_path())])
    assert result.exit_code == 0, result.output
    assert "accuracy=" in result.stdout and "majority baseline" in result.stdout
    for outlet in ("Compass Wire", "Radio Dorvassa", "Stelmar Today", "The Daily Blare"):
        assert outlet in result.stdout


# --- outlet separability and masking --------------------------------------------------------


@pytest.mark.parametrize(("text", "without"), [
    ("STELMAR (Stelmar Today) - Troops advanced.", ["Stelmar Today", "STELMAR ("]),
    ("BAKU (Sputnik) - Shelling resumed.", ["Sputnik", "BAKU"]),
    ("LONDON, Oct 3 (Reuters) — Talks began.", ["Reuters", "LONDON"]),
    ("A reporter for Radio Dorvassa's service said so.", ["Radio Dorvassa", "Dorvassa's"]),
    ("Talks began.\n\n(Reporting by Jane Doe; Editing by Ann Roe)", ["Jane Doe", "Ann Roe"]),
    ("By John Smith\n\nTalks began.", ["John Smith"]),
])
def test_classify_masking_removes_outlet_cues(text: str, without: list[str]) -> None:
    masked = mask_outlet_cues(text, ["Stelmar Today", "Radio Dorvassa"])
    for needle in without:
        assert needle not in masked
    assert "began" in masked or "advanced" in masked or "resumed" in masked or "said" in masked


def test_classify_masking_keeps_ordinary_text() -> None:
    text = "Officials in Stelmar said the convoy reached the valley."
    assert mask_outlet_cues(text, ["Stelmar Today"]) == text


def test_classify_outlet_separability_is_silent(capfd: pytest.CaptureFixture[str]) -> None:
    corpus = framing.read_corpus(framing.demo_corpus_path())
    report = outlet_separability(list(corpus), n_splits=3, seed=1)
    assert report.scores.baseline.label == "Compass Wire"
    assert set(report.top_features) == {entry.outlet for entry in corpus}
    assert capfd.readouterr() == ("", "")
