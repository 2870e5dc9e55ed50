"""Save and load classifier models safely with skops (never ``pickle``).

A model file is a skops archive of ``{"model": pipeline, "metadata": {...}}``. Loading trusts
only the types skops trusts by default (scikit-learn estimators, numpy, builtins) plus the
explicit allow-list :data:`TRUSTED_TYPES`; a file asking for any other type, or one that is not a
valid archive (tampered, truncated), is refused with :class:`~framing.errors.ModelError`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sklearn.pipeline import Pipeline

import framing
from framing.errors import ModelError, OutputError
from framing.writers import atomic_path

#: Types beyond skops' defaults that this project's pipelines contain. Tests rebuild every model
#: kind and check this list is exactly what ``skops.io.get_untrusted_types`` reports.
TRUSTED_TYPES: tuple[str, ...] = (
    "framing.classify.features.AnalysisFeatures",
    "sklearn.calibration._CalibratedClassifier",
    "sklearn.calibration._SigmoidCalibration",
)
MODEL_FORMAT = "framing-classifier/1"


@dataclass(frozen=True)
class ModelMetadata:
    """What a saved model was trained on and how well it did.

    Attributes:
        label_column: the column of coded labels it learned.
        text_column: the column of texts.
        model: the model kind (``logreg``, ``linear-svm``, ``nb``).
        unit: ``entry`` or ``sentence``.
        labels: the classes.
        framing_version: the framing version that trained it.
        trained: UTC time of training (ISO 8601).
        cv_macro_f1: cross-validated macro-F1, or None.
        training_data: the data file(s) it learned from (sentence detectors), or "".
        licence: the licence of that data, or "".
    """

    label_column: str
    text_column: str
    model: str
    unit: str
    labels: tuple[str, ...]
    framing_version: str = framing.__version__
    trained: str = ""
    cv_macro_f1: float | None = None
    training_data: str = ""
    licence: str = ""

    def to_dict(self) -> dict[str, Any]:
        """Return the metadata as a JSON-ready dict."""
        return {"format": MODEL_FORMAT, "label_column": self.label_column,
                "text_column": self.text_column, "model": self.model, "unit": self.unit,
                "labels": list(self.labels), "framing_version": self.framing_version,
                "trained": self.trained or dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
                "cv_macro_f1": self.cv_macro_f1, "training_data": self.training_data,
                "licence": self.licence}


def save_model(pipeline: Pipeline, metadata: ModelMetadata, path: str | Path) -> None:
    """Write a fitted pipeline and its metadata to a skops file.

    Args:
        pipeline: the fitted pipeline.
        metadata: its :class:`ModelMetadata`.
        path: the output file (conventionally ``.skops``).
    """
    import skops.io as sio

    try:
        with atomic_path(Path(path)) as tmp:  # an interrupted save never leaves half a model
            sio.dump({"model": pipeline, "metadata": metadata.to_dict()}, tmp)
    except OutputError as exc:  # the directory is missing (the message names it)
        raise ModelError(str(exc)) from exc
    except OSError as exc:
        raise ModelError(f"{path}: cannot write the model: {exc.strerror or exc}") from exc


def load_model(path: str | Path) -> tuple[Pipeline, dict[str, Any]]:
    """Load a model saved by :func:`save_model`, trusting only :data:`TRUSTED_TYPES`.

    Args:
        path: the model file.

    Returns:
        ``(pipeline, metadata dict)``.

    Raises:
        ModelError: the file is missing, not a skops archive, tampered, asks for types outside
            the allow-list, or holds something other than a framing model.
    """
    import skops.io as sio

    path = Path(path)
    if not path.is_file():
        raise ModelError(f"{path}: no such model file")
    try:
        untrusted = [t for t in sio.get_untrusted_types(file=path) if t not in TRUSTED_TYPES]
    except Exception as exc:  # skops raises zipfile/json/key errors on corrupt archives
        raise ModelError(f"{path}: not a valid skops model file (corrupt or edited): "
                         f"{type(exc).__name__}") from exc
    if untrusted:
        raise ModelError(f"{path}: refusing to load a model with untrusted types: "
                         f"{', '.join(sorted(untrusted))}")
    try:
        loaded = sio.load(path, trusted=list(TRUSTED_TYPES))
    except Exception as exc:  # any failure to rebuild means the file is not one we wrote
        raise ModelError(f"{path}: cannot load the model (corrupt or edited): "
                         f"{type(exc).__name__}: {_first_line(exc)}") from exc
    if (not isinstance(loaded, dict) or not isinstance(loaded.get("model"), Pipeline)
            or not isinstance(loaded.get("metadata"), dict)
            or loaded["metadata"].get("format") != MODEL_FORMAT):
        raise ModelError(f"{path}: not a framing classifier model")
    return loaded["model"], loaded["metadata"]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:200] if text else ""
