"""Sentence detectors trained on first use: ``hedged`` (uncertain) and ``biased`` sentences.

No trained model ships with the MIT package: the data they learn from (BABE, WikiWeasel,
BioScope) may not be redistributed inside it (see the licence table in
``benchmarks/RESULTS.md``). Each user trains a detector once from their own copy of the data
(``framing classify detectors train NAME --data PATH``); the model is saved with
:func:`~framing.classify.persist.save_model` into :func:`cache_dir` and loaded from there.

The configuration is the best one of ``benchmarks/RESULTS.md`` without the analysis features (so
training takes seconds to a minute): TF-IDF word 1–2-grams and ``char_wb`` 3–5-grams with a
LinearSVC (C=0.1, sigmoid-calibrated) for ``biased`` and a logistic regression (C=4) for
``hedged``, all seeded.
"""

from __future__ import annotations

import csv
import os
import sys
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sklearn.pipeline import Pipeline

from framing.classify.models import DEFAULT_SEED, build_pipeline
from framing.classify.persist import ModelMetadata, load_model, save_model
from framing.errors import InputError, ModelError, OptionError


@dataclass(frozen=True)
class DetectorSpec:
    """What a named detector detects, what it learns from and how."""

    name: str
    description: str
    data: str
    model: str
    params: tuple[tuple[str, float], ...]


DETECTORS: dict[str, DetectorSpec] = {
    "hedged": DetectorSpec(
        "hedged", "uncertain (hedged, speculative) sentence",
        "BioScope XML (abstracts.xml, full_papers.xml) or WikiWeasel text,label CSV",
        "logreg", (("classifier__C", 4.0),)),
    "biased": DetectorSpec(
        "biased", "biased-language sentence",
        "BABE final_labels_SG2.csv (semicolon-separated, text and label_bias columns)",
        "linear-svm", (("classifier__estimator__C", 0.1),)),
}
DETECTOR_NAMES: tuple[str, ...] = tuple(DETECTORS)

_LICENCES = {
    "babe": "BABE (Spinde et al. 2021): GNU AGPL-3.0; sentences are quoted news text",
    "bioscope": "BioScope (Vincze et al. 2008): CC BY 2.0; attribution required",
    "wikiweasel": "WikiWeasel (CoNLL-2010 Task 1W): Wikipedia text CC BY-SA 3.0 / GFDL; "
                  "annotations without a formal licence",
}

Progress = Callable[[str], None]


def cache_dir() -> Path:
    """Directory of trained detectors: ``$FRAMING_CACHE``, else the platform's user cache."""
    explicit = os.environ.get("FRAMING_CACHE")
    if explicit:
        return Path(explicit).expanduser()
    if sys.platform == "win32" and os.environ.get("LOCALAPPDATA"):
        return Path(os.environ["LOCALAPPDATA"]) / "framing" / "Cache"
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Caches" / "framing"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "framing"


def check_detector_name(name: str) -> DetectorSpec:
    """Return the spec of detector ``name`` or raise :class:`OptionError`."""
    if name not in DETECTORS:
        raise OptionError(f"unknown sentence detector {name!r}; choose from "
                          f"{', '.join(DETECTOR_NAMES)}")
    return DETECTORS[name]


def detector_path(name: str) -> Path:
    """Where detector ``name`` is (or would be) saved."""
    check_detector_name(name)
    return cache_dir() / "detectors" / f"{name}.skops"


def train_command(name: str) -> str:
    """The command that trains detector ``name``."""
    return f"framing classify detectors train {name} --data PATH"


# --- reading the user's data ------------------------------------------------------------------


def read_babe(path: Path) -> tuple[list[str], list[int]]:
    """BABE ``final_labels_SG2.csv``: 1 = Biased, 0 = Non-biased; other rows dropped."""
    texts: list[str] = []
    labels: list[int] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle, delimiter=";")
        if not reader.fieldnames or not {"text", "label_bias"} <= set(reader.fieldnames):
            raise InputError("expected a semicolon-separated BABE file with columns 'text' and "
                             "'label_bias'", path=str(path), line=1)
        for row in reader:
            label = (row.get("label_bias") or "").strip()
            text = (row.get("text") or "").strip()
            if label in ("Biased", "Non-biased") and text:
                texts.append(text)
                labels.append(1 if label == "Biased" else 0)
    return texts, labels


def read_text_label_csv(path: Path) -> tuple[list[str], list[int]]:
    """A ``text,label`` CSV (WikiWeasel): label 1 = uncertain, 0 = certain."""
    texts: list[str] = []
    labels: list[int] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if not reader.fieldnames or not {"text", "label"} <= set(reader.fieldnames):
            raise InputError("expected a CSV with columns 'text' and 'label' (0/1)",
                             path=str(path), line=1)
        for line, row in enumerate(reader, start=2):
            text = (row.get("text") or "").strip()
            if not text:
                continue
            raw = (row.get("label") or "").strip()
            if raw not in ("0", "1"):
                raise InputError(f"label must be 0 or 1; got {raw!r}", path=str(path),
                                 line=line)
            texts.append(text)
            labels.append(int(raw))
    return texts, labels


def read_bioscope(path: Path) -> tuple[list[str], list[int]]:
    """BioScope XML: every ``<sentence>``, 1 when it holds a ``speculation`` cue."""
    try:
        root = ET.parse(path).getroot()
    except ET.ParseError as exc:
        raise InputError(f"not valid BioScope XML: {exc}", path=str(path)) from exc
    texts: list[str] = []
    labels: list[int] = []
    for sentence in root.iter("sentence"):
        text = " ".join("".join(sentence.itertext()).split())
        if text:
            texts.append(text)
            labels.append(int(any(c.get("type") == "speculation" for c in sentence.iter("cue"))))
    return texts, labels


def read_training_data(name: str, paths: Sequence[Path]) -> tuple[list[str], list[int], str]:
    """Texts, 0/1 labels and a licence note for detector ``name`` from the user's files."""
    check_detector_name(name)
    texts: list[str] = []
    labels: list[int] = []
    sources: set[str] = set()
    for path in paths:
        if not path.is_file():
            raise InputError("no such file", path=str(path))
        suffix = path.suffix.lower()
        if name == "biased":
            if suffix != ".csv":
                raise InputError("the 'biased' detector reads BABE's final_labels_SG2.csv",
                                 path=str(path))
            part, source = read_babe(path), "babe"
        elif suffix == ".xml":
            part, source = read_bioscope(path), "bioscope"
        elif suffix == ".csv":
            part, source = read_text_label_csv(path), "wikiweasel"
        else:
            raise InputError("the 'hedged' detector reads BioScope .xml or a text,label .csv",
                             path=str(path))
        texts += part[0]
        labels += part[1]
        sources.add(source)
    if len(set(labels)) < 2:
        raise InputError("the training data must hold both positive and negative sentences",
                         path=", ".join(str(p) for p in paths))
    return texts, labels, "; ".join(_LICENCES[s] for s in sorted(sources))


# --- training, loading, applying --------------------------------------------------------------


def build_detector(name: str, *, seed: int = DEFAULT_SEED) -> Pipeline:
    """The unfitted pipeline of detector ``name`` (no analysis features)."""
    spec = check_detector_name(name)
    pipeline = build_pipeline(spec.model, use_analysis_features=False, seed=seed)
    pipeline.set_params(**dict(spec.params))
    return pipeline


def train_detector(name: str, data_path: Path | Sequence[Path], *,
                   progress: Progress | None = None, cv_folds: int = 0,
                   seed: int = DEFAULT_SEED, output: Path | None = None) -> Path:
    """Train detector ``name`` on the user's data and save it to the cache.

    Args:
        name: ``hedged`` or ``biased``.
        data_path: the data file(s) (see :data:`DETECTORS` for the formats).
        progress: called with a short message at each stage.
        cv_folds: when ≥ 2, cross-validate first and record the macro-F1 in the metadata.
        seed: random state.
        output: the model file (default :func:`detector_path`).

    Returns:
        The path of the saved model.
    """
    paths = [Path(data_path)] if isinstance(data_path, str | Path) else [Path(p) for p in
                                                                          data_path]
    report = progress or (lambda _message: None)
    report(f"reading {', '.join(str(p) for p in paths)}")
    texts, labels, licence = read_training_data(name, paths)
    cv_f1: float | None = None
    if cv_folds >= 2:
        from sklearn.metrics import f1_score
        from sklearn.model_selection import StratifiedKFold, cross_val_predict

        report(f"{cv_folds}-fold cross-validation on {len(texts)} sentences")
        folds = StratifiedKFold(n_splits=cv_folds, shuffle=True, random_state=seed)
        predicted = cross_val_predict(build_detector(name, seed=seed), texts, labels, cv=folds)
        cv_f1 = float(f1_score(labels, predicted, average="macro"))
    report(f"fitting on {len(texts)} sentences ({sum(labels)} positive)")
    pipeline = build_detector(name, seed=seed)
    pipeline.fit(texts, labels)
    target = output or detector_path(name)
    report(f"saving {target}")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ModelError(f"{target.parent}: cannot create the cache directory: "
                         f"{exc.strerror or exc}") from exc
    spec = DETECTORS[name]
    save_model(pipeline, ModelMetadata(
        label_column=name, text_column="text", model=spec.model, unit="sentence",
        labels=("0", "1"), cv_macro_f1=cv_f1,
        training_data=", ".join(str(p.resolve()) for p in paths), licence=licence), target)
    return target


def load_detector(name: str) -> Pipeline:
    """Load detector ``name`` from the cache.

    Raises:
        ModelError: it has not been trained (the message names the command that trains it) or
            the file is not a valid model.
    """
    path = detector_path(name)
    if not path.is_file():
        raise ModelError(f"sentence detector '{name}' is not trained; run "
                         f"`{train_command(name)}` ({DETECTORS[name].data})")
    pipeline, _metadata = load_model(path)
    return pipeline


def detector_info(name: str) -> dict[str, Any]:
    """Name, whether trained, path, training data and date of detector ``name``."""
    path = detector_path(name)
    row: dict[str, Any] = {"name": name, "trained": path.is_file(), "path": str(path),
                           "training data": "", "date": ""}
    if path.is_file():
        try:
            _pipeline, metadata = load_model(path)
        except ModelError as exc:
            row["training data"] = f"unreadable: {exc}"
        else:
            row["training data"] = metadata.get("training_data", "")
            row["date"] = metadata.get("trained", "")
    return row


def positive_probabilities(detector: Pipeline, texts: Sequence[str]) -> list[float]:
    """Probability of the positive class (label 1) of each text."""
    if not texts:
        return []
    classes = [int(c) for c in detector.classes_]
    column = classes.index(1)
    return [float(row[column]) for row in detector.predict_proba(list(texts))]


def sentence_probabilities(detector: Pipeline, text: str) -> list[tuple[int, int, float]]:
    """``(start, end, probability)`` of each sentence of ``text`` (``split_sentences`` spans)."""
    from framing.analysis.sentences import split_sentences

    spans = split_sentences(text)
    probabilities = positive_probabilities(detector, [text[s:e] for s, e in spans])
    return [(s, e, p) for (s, e), p in zip(spans, probabilities, strict=True)]


def score_sentences(detectors: dict[str, Pipeline], text: str) -> list[dict[str, Any]]:
    """``[{start, end, <name>: p, …}]`` of each sentence of ``text`` for several detectors."""
    from framing.analysis.sentences import split_sentences

    spans = split_sentences(text)
    rows: list[dict[str, Any]] = [{"start": s, "end": e} for s, e in spans]
    sentences = [text[s:e] for s, e in spans]
    for name, detector in detectors.items():
        for row, p in zip(rows, positive_probabilities(detector, sentences), strict=True):
            row[name] = round(p, 4)
    return rows
