"""The entry analysis as a scikit-learn transformer (:class:`AnalysisFeatures`)."""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing.analysis.analyze import (
    ATTRIBUTION_LEXICONS,
    CUE_LEXICONS,
    Analyzer,
    analyze,
    default_analyzer,
)
from framing.model import Entry, SourceRef

STANCES = ("neutral", "distancing", "endorsing", "accusatory", "none")
VOICES = ("authorial", "attributed")
_SCALAR_FEATURES = ("attributions_anonymous", "hedges", "boosters", "scare_quotes",
                    "readability_flesch", "tone_compound", "n_words_log1p")


def as_entry(item: str | Entry, index: int = 0) -> Entry:
    """Return an :class:`Entry` for a text (untitled, no outlet) or the entry itself.

    Args:
        item: a text or an entry.
        index: position of the item, used for the synthetic id.

    Returns:
        The entry.
    """
    if isinstance(item, Entry):
        return item
    if not isinstance(item, str):
        raise TypeError(f"expected a str or Entry; got {type(item).__name__}")
    return Entry(id=f"text:{index + 1}", outlet="", published=None, time=None, kind="entry",
                 title="", text=item, url=None, source=SourceRef("<text>", None, index + 1))


def _compile(specs: list[str], include_default: bool) -> Analyzer:
    # The bundled lexicons are compiled once per process and shared.
    if not specs and include_default:
        return default_analyzer()
    return Analyzer.from_specs(specs, include_default=include_default)


class AnalysisFeatures(TransformerMixin, BaseEstimator):  # type: ignore[misc]
    """Turn texts or entries into a dense matrix of :func:`framing.analyze` counts.

    Columns: loaded-term counts per lexicon category by voice (``authorial`` or ``attributed``
    = quoted or reported), attributions by stance (``none`` when the verb has none) and
    anonymous attributions, hedges, boosters, scare quotes, Flesch reading ease (0 when the text
    is too short to score), VADER compound tone, and ``log1p`` of the word count.

    Args:
        lexicons: lexicon specs (bundled names or paths) as for ``--lexicon``; None or ``[]``
            uses every bundled lexicon.
        include_default: also use the bundled lexicons when ``lexicons`` names some.

    Example:
        >>> features = AnalysisFeatures().fit(["The regime claimed victory."])
        >>> X = features.transform(["Officials said the attack was probably repelled."])
        >>> X.shape[1] == len(features.get_feature_names_out())
        True
    """

    def __init__(self, lexicons: Sequence[str] | None = None, include_default: bool = True):
        self.lexicons = lexicons
        self.include_default = include_default

    def fit(self, X: Iterable[str | Entry], y: Any = None) -> AnalysisFeatures:  # noqa: N803
        """Compile the lexicons (once) and fix the feature columns.

        Args:
            X: texts or entries (only checked here; the features need no training).
            y: ignored.

        Returns:
            self.
        """
        specs = list(self.lexicons or [])
        if not isinstance(self.include_default, bool):
            raise ValueError("the `include_default` parameter must be a bool; got "
                             f"{self.include_default!r}")
        for item in X:
            if not isinstance(item, str | Entry):
                raise TypeError(f"AnalysisFeatures takes str or Entry items; got "
                                f"{type(item).__name__}")
        self.analyzer_ = _compile(specs, self.include_default)
        self._set_columns()
        return self

    def _set_columns(self) -> None:
        skipped = ATTRIBUTION_LEXICONS | set(CUE_LEXICONS)
        categories = sorted({(lexicon.name, entry.category)
                             for lexicon in self.analyzer_.lexicons if lexicon.name not in skipped
                             for entry in lexicon.entries})
        names = [f"term:{lex}/{cat}:{voice}" for lex, cat in categories for voice in VOICES]
        names += [f"attributions_{stance}" for stance in STANCES]
        names += list(_SCALAR_FEATURES)
        self.feature_names_out_ = np.asarray(names, dtype=object)
        self.n_features_out_ = len(names)
        self._index = {name: i for i, name in enumerate(names)}

    def transform(self, X: Iterable[str | Entry]) -> np.ndarray[Any, Any]:  # noqa: N803
        """Analyse every item and return its feature row.

        Args:
            X: texts or entries.

        Returns:
            A float array of shape ``(n_samples, n_features)``.
        """
        check_is_fitted(self, "analyzer_")
        rows = [self._row(as_entry(item, i)) for i, item in enumerate(X)]
        if not rows:
            return np.zeros((0, self.n_features_out_))
        return np.vstack(rows)

    def _row(self, entry: Entry) -> np.ndarray[Any, Any]:
        record = analyze(entry, self.analyzer_)
        row = np.zeros(self.n_features_out_)
        index = self._index
        for term in record.terms:
            voice = "authorial" if term.voice == "authorial" else "attributed"
            column = index.get(f"term:{term.lexicon}/{term.category}:{voice}")
            if column is not None:
                row[column] += 1
        for attribution in record.attributions:
            stance = attribution.stance if attribution.stance in STANCES else "none"
            row[index[f"attributions_{stance}"]] += 1
            row[index["attributions_anonymous"]] += attribution.anonymous
        for cue in record.cues:
            name = {"hedge": "hedges", "booster": "boosters"}.get(cue.kind, "scare_quotes")
            row[index[name]] += 1
        readability = record.readability
        if readability is not None and readability.flesch_reading_ease is not None:
            row[index["readability_flesch"]] = readability.flesch_reading_ease
        if record.tone is not None:
            row[index["tone_compound"]] = record.tone.compound
        row[index["n_words_log1p"]] = math.log1p(record.n_words)
        return row

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray[Any, Any]:
        """Return the column names (``term:<lexicon>/<category>:<voice>``, ``hedges``, …).

        Args:
            input_features: ignored (the input is text).

        Returns:
            An object array of names.
        """
        check_is_fitted(self, "feature_names_out_")
        return self.feature_names_out_.copy()

    def __getstate__(self) -> dict[str, Any]:
        # The compiled analyzer (automaton, lexicon objects) is rebuilt from the specs on load,
        # so a saved model holds only plain data (see framing.classify.persist).
        state: dict[str, Any] = dict(super().__getstate__())
        state.pop("analyzer_", None)
        state.pop("_index", None)
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        super().__setstate__(state)
        if "feature_names_out_" in state:
            self.analyzer_ = _compile(list(self.lexicons or []), self.include_default)
            self._index = {name: i for i, name in enumerate(self.feature_names_out_)}
