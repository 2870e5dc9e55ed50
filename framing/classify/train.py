"""Cross-validated training, evaluation and prediction of text classifiers."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from sklearn.base import clone
from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support
from sklearn.model_selection import StratifiedGroupKFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import Pipeline

from framing.classify.models import DEFAULT_SEED, build_pipeline, check_model_kind
from framing.errors import OptionError


@dataclass(frozen=True)
class ClassScore:
    """Precision, recall and F1 of one class, with its support (number of true items)."""

    label: str
    precision: float
    recall: float
    f1: float
    support: int

    def to_dict(self) -> dict[str, Any]:
        """Return the record as a JSON-ready dict."""
        return {"label": self.label, "precision": self.precision, "recall": self.recall,
                "f1": self.f1, "support": self.support}


@dataclass(frozen=True)
class Baseline:
    """The majority-class baseline: always predict the most frequent label."""

    label: str
    accuracy: float
    macro_f1: float

    def to_dict(self) -> dict[str, Any]:
        """Return the record as a JSON-ready dict."""
        return {"label": self.label, "accuracy": self.accuracy, "macro_f1": self.macro_f1}


@dataclass(frozen=True)
class EvaluationReport:
    """Scores of predictions against gold labels.

    Attributes:
        labels: the classes, sorted; rows and columns of ``confusion_matrix`` follow them.
        accuracy, macro_f1: over all items.
        per_class: one :class:`ClassScore` per label.
        confusion_matrix: ``[true][predicted]`` counts.
        baseline: the majority-class baseline on the same items.
        n_samples: number of items scored.
    """

    labels: tuple[str, ...]
    accuracy: float
    macro_f1: float
    per_class: tuple[ClassScore, ...]
    confusion_matrix: tuple[tuple[int, ...], ...]
    baseline: Baseline
    n_samples: int

    def to_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dict."""
        return {"n_samples": self.n_samples, "accuracy": self.accuracy,
                "macro_f1": self.macro_f1, "per_class": [c.to_dict() for c in self.per_class],
                "baseline": self.baseline.to_dict(),
                "confusion_matrix": [list(row) for row in self.confusion_matrix],
                "labels": list(self.labels)}


@dataclass(frozen=True)
class TrainingReport(EvaluationReport):
    """A cross-validated :class:`EvaluationReport` plus the training set-up and top features.

    Attributes:
        model: the model kind (``logreg``, ``linear-svm``, ``nb``).
        n_splits: number of folds; grouped: whether folds kept groups apart.
        seed: the random seed.
        top_features: per label, the most informative features of the final fit on all data,
            as ``(feature name, weight)``, strongest first. Names carry the union part as a
            prefix: ``word__``, ``char__``, ``analysis__``.
        trained: UTC time of the final fit (not part of ``to_dict``, so reports are
            reproducible).
    """

    model: str = "logreg"
    n_splits: int = 5
    grouped: bool = False
    seed: int = DEFAULT_SEED
    top_features: dict[str, tuple[tuple[str, float], ...]] = field(default_factory=dict)
    trained: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dict."""
        record = super().to_dict()
        record.update({"model": self.model, "n_splits": self.n_splits, "grouped": self.grouped,
                       "seed": self.seed,
                       "top_features": {label: [[name, weight] for name, weight in features]
                                        for label, features in self.top_features.items()}})
        return record


def single_blas_thread() -> Any:
    """Context manager limiting BLAS to one thread.

    The solvers here work on small sparse problems where BLAS threads cost far more than they
    give (measured: 50x slower LogisticRegression fits on 2 cores with OpenBLAS threading).

    Returns:
        A ``threadpoolctl.threadpool_limits`` context manager.
    """
    from threadpoolctl import threadpool_limits

    return threadpool_limits(limits=1, user_api="blas")


def score_predictions(gold: Sequence[str], predicted: Sequence[str]) -> EvaluationReport:
    """Score predicted labels against gold labels.

    Args:
        gold: the true labels.
        predicted: the predicted labels, same length.

    Returns:
        The :class:`EvaluationReport`, with the majority baseline of ``gold``.
    """
    labels = sorted(set(gold) | set(predicted))
    precision, recall, f1, support = precision_recall_fscore_support(
        gold, predicted, labels=labels, zero_division=0)
    per_class = tuple(ClassScore(label, round(float(p), 4), round(float(r), 4),
                                 round(float(f), 4), int(s))
                      for label, p, r, f, s in zip(labels, precision, recall, f1, support,
                                                   strict=True))
    gold_labels = sorted(set(gold))
    macro = float(f1_score(gold, predicted, labels=gold_labels, average="macro",
                           zero_division=0))
    matrix = confusion_matrix(gold, predicted, labels=labels)
    counts = Counter(gold)
    majority = min(counts, key=lambda label: (-counts[label], label))
    majority_pred = [majority] * len(gold)
    baseline = Baseline(majority, round(counts[majority] / len(gold), 4),
                        round(float(f1_score(gold, majority_pred, labels=gold_labels,
                                             average="macro", zero_division=0)), 4))
    accuracy = sum(g == p for g, p in zip(gold, predicted, strict=True)) / len(gold)
    return EvaluationReport(labels=tuple(labels), accuracy=round(accuracy, 4),
                            macro_f1=round(macro, 4), per_class=per_class,
                            confusion_matrix=tuple(tuple(int(v) for v in row) for row in matrix),
                            baseline=baseline, n_samples=len(gold))


def make_splitter(labels: Sequence[str], groups: Sequence[str] | None, *, n_splits: int,
                  seed: int) -> StratifiedKFold | StratifiedGroupKFold:
    """Return the seeded cross-validation splitter, checking there is enough data.

    Args:
        labels: the labels (for stratification).
        groups: group ids (events) or None; with groups, a group never sits in both train
            and test of a fold.
        n_splits: number of folds (at least 2).
        seed: shuffling seed.

    Returns:
        A ``StratifiedGroupKFold`` when ``groups`` is given, else a ``StratifiedKFold``.
    """
    if n_splits < 2:
        raise OptionError(f"the number of folds must be at least 2; got {n_splits}")
    counts = Counter(labels)
    if len(counts) < 2:
        raise OptionError(f"training needs at least two labels; got {sorted(counts)}")
    if groups is not None:
        n_groups = len(set(groups))
        if n_groups < n_splits:
            raise OptionError(f"grouped cross-validation with {n_splits} folds needs at least "
                              f"{n_splits} groups; got {n_groups}")
        return StratifiedGroupKFold(n_splits=n_splits, shuffle=True, random_state=seed)
    rarest = min(counts, key=lambda label: (counts[label], label))
    if counts[rarest] < n_splits:
        raise OptionError(f"label {rarest!r} has {counts[rarest]} item(s), fewer than the "
                          f"{n_splits} folds; use fewer folds or more data")
    return StratifiedKFold(n_splits=n_splits, shuffle=True, random_state=seed)


def top_features(pipeline: Pipeline, *, n: int = 10) -> dict[str, tuple[tuple[str, float], ...]]:
    """Return the most informative features per class of a fitted pipeline.

    Weights are the classifier's coefficients (LogisticRegression; LinearSVC averaged over the
    calibration folds) or ComplementNB's ``feature_log_prob_`` centred per feature. With two
    classes the single coefficient row speaks for the second class, its negation for the first.

    Args:
        pipeline: a fitted pipeline from :func:`build_pipeline`.
        n: features per class.

    Returns:
        ``{label: ((feature, weight), …)}``, strongest first.
    """
    classifier = pipeline.named_steps["classifier"]
    names = pipeline.named_steps["features"].get_feature_names_out()
    classes = [str(c) for c in classifier.classes_]
    if hasattr(classifier, "calibrated_classifiers_"):
        weights = np.mean([c.estimator.coef_ for c in classifier.calibrated_classifiers_],
                          axis=0)
    elif hasattr(classifier, "coef_"):
        weights = np.asarray(classifier.coef_)
    else:
        log_prob = np.asarray(classifier.feature_log_prob_)
        # ComplementNB's log probabilities are of the complement: lower means more typical.
        weights = -(log_prob - log_prob.mean(axis=0, keepdims=True))
    if weights.shape[0] == 1 and len(classes) == 2:
        weights = np.vstack([-weights[0], weights[0]])
    result: dict[str, tuple[tuple[str, float], ...]] = {}
    for label, row in zip(classes, weights, strict=True):
        order = np.argsort(-row, kind="stable")[:n]
        result[label] = tuple((str(names[i]), round(float(row[i]), 4)) for i in order)
    return result


def train_classifier(
    texts: Sequence[str],
    labels: Sequence[str],
    *,
    model: str = "logreg",
    groups: Sequence[str] | None = None,
    n_splits: int = 5,
    seed: int = DEFAULT_SEED,
    use_analysis_features: bool = True,
    n_top: int = 10,
) -> tuple[Pipeline, TrainingReport]:
    """Cross-validate a classifier, then fit it on all the data.

    Args:
        texts: the texts.
        labels: one label per text.
        model: ``logreg``, ``linear-svm`` or ``nb`` (see :func:`build_pipeline`).
        groups: one group id (e.g. event) per text, or None; grouped folds keep each group
            wholly in train or in test (``StratifiedGroupKFold``).
        n_splits: number of folds.
        seed: random seed of the folds and the models.
        use_analysis_features: add :class:`~framing.classify.features.AnalysisFeatures`.
        n_top: informative features listed per class.

    Returns:
        The pipeline fitted on all data and its :class:`TrainingReport` (cross-validated scores
        pooled over the held-out folds).
    """
    check_model_kind(model)
    texts = list(texts)
    labels = [str(label) for label in labels]
    if len(texts) != len(labels):
        raise OptionError(f"got {len(texts)} texts but {len(labels)} labels")
    if groups is not None and len(groups) != len(texts):
        raise OptionError(f"got {len(texts)} texts but {len(groups)} groups")
    splitter = make_splitter(labels, groups, n_splits=n_splits, seed=seed)
    pipeline = build_pipeline(model, use_analysis_features=use_analysis_features, seed=seed)
    with single_blas_thread():
        predicted = cross_val_predict(clone(pipeline), texts, labels, cv=splitter,
                                      groups=list(groups) if groups is not None else None)
        pipeline.fit(texts, labels)
    scores = score_predictions(labels, [str(p) for p in predicted])
    report = TrainingReport(
        labels=scores.labels, accuracy=scores.accuracy, macro_f1=scores.macro_f1,
        per_class=scores.per_class, confusion_matrix=scores.confusion_matrix,
        baseline=scores.baseline, n_samples=scores.n_samples, model=model, n_splits=n_splits,
        grouped=groups is not None, seed=seed, top_features=top_features(pipeline, n=n_top),
        trained=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"))
    return pipeline, report


def predict(model: Pipeline, texts: Sequence[str]) -> tuple[list[str], list[float]]:
    """Predict a label per text, with the probability of that label.

    Args:
        model: a fitted pipeline.
        texts: the texts.

    Returns:
        ``(labels, probabilities)``, one each per text.
    """
    texts = list(texts)
    if not texts:
        return [], []
    probabilities = model.predict_proba(texts)
    classes = [str(c) for c in model.classes_]
    best = np.argmax(probabilities, axis=1)
    return ([classes[i] for i in best],
            [round(float(probabilities[row, i]), 4) for row, i in enumerate(best)])


def evaluate(model: Pipeline, texts: Sequence[str], labels: Sequence[str]) -> EvaluationReport:
    """Score a fitted model on coded texts.

    Args:
        model: a fitted pipeline.
        texts: the texts.
        labels: their gold labels.

    Returns:
        The :class:`EvaluationReport`.
    """
    if len(texts) != len(labels) or not texts:
        raise OptionError(f"evaluation needs as many labels as texts (at least one); got "
                          f"{len(texts)} texts and {len(labels)} labels")
    with single_blas_thread():
        predicted, _ = predict(model, texts)
    return score_predictions([str(label) for label in labels], predicted)
