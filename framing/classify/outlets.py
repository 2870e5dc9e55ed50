"""Outlet separability: how well the outlet can be predicted from what it wrote.

The text is masked first so the model cannot cheat on signatures rather than framing:

* :data:`DATELINE_RE` — a dateline at the start of a line: one or more upper-case place names
  (``BAKU``, ``STELMAR/DORVASSA``, ``NEW YORK``), an optional date, a parenthesised agency
  or outlet and a dash: ``"BAKU (Sputnik) -"``, ``"LONDON, Oct 3 (Reuters) —"``.
* :data:`BYLINE_RE` — byline and credit lines: ``By Jane Doe``, ``Reporting by …``,
  ``Writing by …``, ``Editing by …``, also in parentheses, up to the end of the line or ``)``.
* :data:`AGENCY_RE` — news agency names anywhere (Reuters, AP, Associated Press, AFP, TASS,
  Sputnik, Interfax, Xinhua, Anadolu, …).
* The names of every outlet in the corpus (case-insensitive, whole words, with a possessive
  ``'s``), whole names only
  (``Stelmar Today``, not ``Stelmar`` alone, which may be an ordinary place name).

Each match becomes a neutral placeholder (``[DATELINE]``, ``[BYLINE]``, ``[AGENCY]``,
``[OUTLET]``) which the TF-IDF tokeniser turns into the same tokens for every outlet.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sklearn.base import clone
from sklearn.model_selection import cross_val_predict

from framing.classify.models import DEFAULT_SEED, build_pipeline
from framing.classify.train import (
    EvaluationReport,
    make_splitter,
    score_predictions,
    single_blas_thread,
    top_features,
)
from framing.errors import OptionError
from framing.model import Entry

AGENCIES = ("Reuters", "Associated Press", "AP", "AFP", "Agence France-Presse", "TASS",
            "Sputnik", "Interfax", "Xinhua", "Anadolu", "APA", "Trend", "Armenpress", "RIA Novosti",
            "Bloomberg", "dpa", "EFE", "ANSA", "Kyodo", "PTI", "UNIAN", "Ukrinform")
DATELINE_RE = re.compile(
    r"^[ \t]*[A-Z][A-Z'’.\-]+(?:[ /][A-Z][A-Z'’.\-]+)*"      # PLACE, PLACE/PLACE, NEW YORK
    r"(?:,[ \t]*[A-Za-z]{3,9}\.?[ \t]*\d{1,2}(?:,[ \t]*\d{4})?)?"  # , Oct 3 / , October 3, 2020
    r"[ \t]*\([^()\n]{1,60}\)[ \t]*[-–—]+[ \t]*",            # (Agency) -
    re.MULTILINE)
BYLINE_RE = re.compile(
    r"(?:^[ \t]*By[ \t]+[A-Z][^\n]{0,80}$"
    r"|\(?\b(?:Reporting|Writing|Editing|Additional reporting)[ \t]+by\b[^\n)]*\)?)",
    re.MULTILINE)
AGENCY_RE = re.compile(r"\b(?:" + "|".join(re.escape(a) for a in
                                             sorted(AGENCIES, key=len, reverse=True))
                       + r")\b")


def outlet_name_pattern(outlets: Iterable[str]) -> re.Pattern[str] | None:
    """Return a regex matching any of the outlet names (whole words, any case, ``'s``).

    Args:
        outlets: outlet names.

    Returns:
        The compiled pattern, or None when there are no names.
    """
    names = sorted({name.strip() for name in outlets if name.strip()}, key=len, reverse=True)
    if not names:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(word) for word in name.split())
                            for name in names)
    return re.compile(r"(?<!\w)(?:" + alternatives + r")(?:['’]s)?(?!\w)", re.IGNORECASE)


def mask_outlet_cues(text: str, outlets: Iterable[str] = ()) -> str:
    """Mask datelines, bylines, agency names and outlet names in a text.

    Args:
        text: the text.
        outlets: outlet names to mask (e.g. every outlet of the corpus).

    Returns:
        The masked text.

    Example:
        >>> mask_outlet_cues("STELMAR (Stelmar Today) - Talks resumed.", ["Stelmar Today"])
        '[DATELINE] Talks resumed.'
    """
    text = DATELINE_RE.sub("[DATELINE] ", text)
    text = BYLINE_RE.sub("[BYLINE]", text)
    pattern = outlet_name_pattern(outlets)
    if pattern is not None:
        text = pattern.sub("[OUTLET]", text)
    return AGENCY_RE.sub("[AGENCY]", text)


@dataclass(frozen=True)
class SeparabilityReport:
    """Cross-validated outlet prediction from masked text.

    Attributes:
        scores: the pooled held-out :class:`~framing.classify.train.EvaluationReport` (labels
            are outlets; its ``baseline`` is the majority outlet).
        top_features: per outlet, its most distinctive features of a fit on all entries.
        n_splits, seed, model: the set-up.
    """

    scores: EvaluationReport
    top_features: dict[str, tuple[tuple[str, float], ...]]
    n_splits: int
    seed: int
    model: str

    def to_dict(self) -> dict[str, Any]:
        """Return the report as a JSON-ready dict."""
        record = self.scores.to_dict()
        record.update({"n_splits": self.n_splits, "seed": self.seed, "model": self.model,
                       "top_features": {outlet: [[name, weight] for name, weight in features]
                                        for outlet, features in self.top_features.items()}})
        return record


def outlet_separability(
    entries: Sequence[Entry],
    *,
    n_splits: int = 5,
    seed: int = DEFAULT_SEED,
    model: str = "logreg",
    n_top: int = 10,
) -> SeparabilityReport:
    """Measure how well a classifier tells the outlets apart from their masked text.

    Args:
        entries: the entries (at least two outlets, each with at least ``n_splits`` entries;
            background paragraphs of live feeds are left out).
        n_splits: stratified folds.
        seed: random seed.
        model: model kind (see :func:`~framing.classify.models.build_pipeline`).
        n_top: distinctive features listed per outlet.

    Returns:
        The :class:`SeparabilityReport`.
    """
    chosen = [entry for entry in entries if entry.kind == "entry" and entry.text.strip()]
    outlets = sorted({entry.outlet for entry in chosen})
    if len(outlets) < 2:
        raise OptionError(f"outlet separability needs at least two outlets; got {outlets}")
    texts = [mask_outlet_cues(entry.text, outlets) for entry in chosen]
    labels = [entry.outlet for entry in chosen]
    splitter = make_splitter(labels, None, n_splits=n_splits, seed=seed)
    pipeline = build_pipeline(model, seed=seed)
    with single_blas_thread():
        predicted = cross_val_predict(clone(pipeline), texts, labels, cv=splitter)
        pipeline.fit(texts, labels)
    scores = score_predictions(labels, [str(p) for p in predicted])
    return SeparabilityReport(scores=scores, top_features=top_features(pipeline, n=n_top),
                              n_splits=n_splits, seed=seed, model=model)
