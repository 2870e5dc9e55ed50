"""Classifier pipelines: TF-IDF word and character n-grams plus the analysis features."""

from __future__ import annotations

from typing import Any, Literal

from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.naive_bayes import ComplementNB
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import MinMaxScaler, StandardScaler
from sklearn.svm import LinearSVC

from framing.classify.features import AnalysisFeatures
from framing.errors import OptionError

ModelKind = Literal["logreg", "linear-svm", "nb"]
MODEL_KINDS: tuple[str, ...] = ("logreg", "linear-svm", "nb")
DEFAULT_SEED = 13


def check_model_kind(model: str) -> str:
    """Return ``model`` if it names a model kind, else raise :class:`OptionError`.

    Args:
        model: the requested kind.

    Returns:
        The kind.
    """
    if model not in MODEL_KINDS:
        raise OptionError(f"the `model` parameter must be one of {set(MODEL_KINDS)}; "
                          f"got {model!r}")
    return model


def build_pipeline(model: str = "logreg", *, use_analysis_features: bool = True,
                   lexicons: list[str] | None = None, seed: int = DEFAULT_SEED) -> Pipeline:
    """Build an unfitted text classification pipeline.

    The features are a ``FeatureUnion`` of TF-IDF word 1–2-grams (``word``), TF-IDF ``char_wb``
    3–5-grams (``char``) and, optionally, :class:`AnalysisFeatures` (``analysis``), scaled with
    ``StandardScaler`` for the linear models and ``MinMaxScaler`` for naive Bayes (which needs
    non-negative input).

    Args:
        model: ``logreg`` (LogisticRegression, balanced class weights), ``linear-svm``
            (LinearSVC, balanced, wrapped in 3-fold sigmoid ``CalibratedClassifierCV`` for
            probabilities) or ``nb`` (ComplementNB).
        use_analysis_features: add the analysis features.
        lexicons: lexicon specs for the analysis features (None: bundled lexicons).
        seed: random state of every randomised step.

    Returns:
        The pipeline, steps ``features`` and ``classifier``.
    """
    check_model_kind(model)
    parts: list[tuple[str, Any]] = [
        ("word", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True,
                                 min_df=1, lowercase=True)),
        ("char", TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), sublinear_tf=True,
                                 min_df=1, lowercase=True)),
    ]
    if use_analysis_features:
        scaler = MinMaxScaler() if model == "nb" else StandardScaler()
        parts.append(("analysis", Pipeline([("extract", AnalysisFeatures(lexicons=lexicons)),
                                            ("scale", scaler)])))
    classifier: Any
    if model == "logreg":
        classifier = LogisticRegression(class_weight="balanced", max_iter=2000,
                                        random_state=seed)
    elif model == "linear-svm":
        classifier = CalibratedClassifierCV(
            LinearSVC(class_weight="balanced", random_state=seed), method="sigmoid", cv=3)
    else:
        classifier = ComplementNB()
    return Pipeline([("features", FeatureUnion(parts)), ("classifier", classifier)])
