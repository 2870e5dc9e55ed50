r"""Sentence classifiers (scikit-learn only) against published figures (issue 6, item 6).

Four sentence-level tasks, each scored the way its paper did, beside the published figure:

1. **BABE** (Spinde et al. 2021, expert labels ``final_labels_SG2.csv``, "No agreement" dropped):
   Biased vs Non-biased, macro-F1, stratified 5-fold CV. Published 0.804 (RoBERTa / BERT with
   distant supervision), feature-based XGBoost baseline 0.517. BABE's ``biased_words`` column
   is never used (it is the label in another form), nor are the lexicon entries taken from it
   (source ``spinde2021``).
2. **WikiWeasel** (CoNLL-2010 Task 1 Wikipedia, partial mirror): F1 of the uncertain class on
   the test split, trained on the train split; the configuration is chosen by 5-fold CV on train
   only and the test split is scored once. Best shared-task system 60.2.
3. **BioScope** (abstracts + full papers): F1 of speculative sentences (>= 1 speculation cue),
   stratified 5-fold CV (CoNLL-2010 Task 1B evaluated on 15 other articles, not available here).
   Best shared-task system 86.4.
4. **FrAC** (Guida et al. 2025 gold set, 523 sentences, 10 MFC frames): macro-F1, stratified
   5-fold CV. The published 0.77 (articles) / 0.83 (comments) is a RoBERTa-large trained on 63k
   MFC-derived sentences and tested on this set: a different setting, shown for orientation.

Models: TF-IDF word 1–2-grams, optionally char_wb 3–5-grams (capped with ``max_features``) and
counts of the bundled lexicons' categories (``loaded-language``, ``reporting-verbs`` stances,
``hedges``, ``boosters``, ``anonymous-sources``, via :class:`framing.lexicon.Matcher`), with
LogisticRegression(class_weight="balanced") or LinearSVC. Every configuration is scored on the
CV folds; the reported row is the best CV configuration (for WikiWeasel: best CV on train, then
test). Everything is seeded (``SEED``) and single-threaded.

The data live in ``$FRAMING_SHARED/eval`` (default ``../shared/eval`` next to the repository);
a missing dataset is reported and skipped, and the script exits 0. No model is written.

Usage::

    python benchmarks/eval_classifiers.py [--shared PATH] [--only babe,wikiweasel,bioscope,frac]
                                          [--json OUT]
"""

from __future__ import annotations

import argparse
import csv
import datetime as dt
import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COMMAND = "python benchmarks/eval_classifiers.py"
SEED = 0
N_FOLDS = 5
DATASETS = ("babe", "wikiweasel", "bioscope", "frac")
BABE_SOURCES = ("spinde2021",)
"""Lexicon sources derived from BABE's annotations: their entries are not BABE features."""
LEXICON_NAMES = ("loaded-language", "reporting-verbs", "hedges", "boosters", "anonymous-sources")

PUBLISHED: dict[str, dict[str, Any]] = {
    "babe": {"metric": "macro-F1", "published": 0.804, "target": 0.72,
             "note": "RoBERTa / BERT+distant, 5-fold CV; feature baseline (XGBoost) 0.517"},
    "wikiweasel": {"metric": "F1 (uncertain)", "published": 0.602, "target": 0.60,
                   "note": "CoNLL-2010 Task 1W best (Georgescul), official test set"},
    "bioscope": {"metric": "F1 (speculative)", "published": 0.864, "target": None,
                 "note": "CoNLL-2010 Task 1B best (Tang et al.), separate 15-article test set"},
    "frac": {"metric": "macro-F1", "published": 0.77, "target": None,
             "note": "RoBERTa-large trained on 63k MFC sentences; 0.77 articles / 0.83 comments"},
}


# --------------------------------------------------------------------------------------------
# Scoring (pure functions, checked by tests/test_eval_classifiers.py)
# --------------------------------------------------------------------------------------------


def class_f1(y_true: Sequence[Any], y_pred: Sequence[Any], label: Any) -> float:
    """F1 of one class (0.0 when the class is neither predicted nor present)."""
    tp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == label and p == label)
    fp = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t != label and p == label)
    fn = sum(1 for t, p in zip(y_true, y_pred, strict=True) if t == label and p != label)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def macro_f1(y_true: Sequence[Any], y_pred: Sequence[Any]) -> float:
    """Unweighted mean of the per-class F1 over the classes present in ``y_true``."""
    labels = sorted(set(y_true))
    return float(np.mean([class_f1(y_true, y_pred, label) for label in labels]))


@dataclass
class CVScore:
    """Per-fold scores of one configuration and their mean / standard deviation."""

    folds: list[float] = field(default_factory=list)

    @property
    def mean(self) -> float:
        return float(np.mean(self.folds)) if self.folds else float("nan")

    @property
    def sd(self) -> float:
        return float(np.std(self.folds, ddof=1)) if len(self.folds) > 1 else 0.0


# --------------------------------------------------------------------------------------------
# Loaders
# --------------------------------------------------------------------------------------------


def load_babe(path: Path) -> tuple[list[str], list[int]]:
    """BABE (``final_labels_SG2.csv``): texts and 1 = Biased / 0 = Non-biased; drops the rest."""
    texts: list[str] = []
    labels: list[int] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle, delimiter=";"):
            label = (row.get("label_bias") or "").strip()
            if label not in ("Biased", "Non-biased"):
                continue
            texts.append(row["text"].strip())
            labels.append(1 if label == "Biased" else 0)
    return texts, labels


def load_text_label_csv(path: Path, *, text_column: str, label_column: str,
                        as_int: bool = True) -> tuple[list[str], list[Any]]:
    """A ``text,label`` CSV (WikiWeasel, FrAC); rows with an empty text are dropped."""
    texts: list[str] = []
    labels: list[Any] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for row in csv.DictReader(handle):
            text = (row.get(text_column) or "").strip()
            if not text:
                continue
            texts.append(text)
            raw = row[label_column].strip()
            labels.append(int(raw) if as_int else raw)
    return texts, labels


def load_bioscope(paths: Sequence[Path]) -> tuple[list[str], list[int]]:
    """BioScope XML: every ``<sentence>``, 1 when it holds a ``speculation`` cue."""
    texts: list[str] = []
    labels: list[int] = []
    for path in paths:
        root = ET.parse(path).getroot()
        for sentence in root.iter("sentence"):
            text = " ".join("".join(sentence.itertext()).split())
            if not text:
                continue
            speculative = any(cue.get("type") == "speculation" for cue in sentence.iter("cue"))
            texts.append(text)
            labels.append(int(speculative))
    return texts, labels


# --------------------------------------------------------------------------------------------
# Features and models
# --------------------------------------------------------------------------------------------


def lexicon_feature_names(lexicons: Sequence[Any]) -> list[str]:
    """Sorted ``lexicon:category`` keys of the lexicons (fixed, label-free)."""
    return sorted({f"{lex.name}:{entry.category}" for lex in lexicons for entry in lex.entries})


@dataclass
class LexiconFeatures:
    """A matcher over the feature lexicons and the names of its count columns."""

    matcher: Any
    names: list[str]

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        return lexicon_counts(texts, self.matcher, self.names)


def lexicon_counts(texts: Sequence[str], matcher: Any, names: Sequence[str]) -> sp.csr_matrix:
    """log(1 + matches) per ``lexicon:category`` for each text (unsupervised, no fitting)."""
    index = {name: i for i, name in enumerate(names)}
    rows: list[int] = []
    cols: list[int] = []
    vals: list[float] = []
    for row, text in enumerate(texts):
        counts: dict[int, int] = {}
        for match in matcher.find(text):
            col = index.get(f"{match.lexicon}:{match.category}")
            if col is not None:
                counts[col] = counts.get(col, 0) + 1
        for col, count in counts.items():
            rows.append(row)
            cols.append(col)
            vals.append(float(np.log1p(count)))
    return sp.csr_matrix((vals, (rows, cols)), shape=(len(texts), len(names)))


def build_lexicon_features(exclude_sources: Sequence[str] = ()) -> LexiconFeatures:
    """The bundled lexicons used as features (see ``LEXICON_NAMES``).

    Entries citing one of ``exclude_sources`` are left out: ``loaded-language`` v1.1 took 12
    terms from BABE's own biased-word annotations (source ``spinde2021``), which would leak
    test-fold annotations into the BABE features.
    """
    import dataclasses

    from framing.lexicon import Matcher, resolve_lexicons

    excluded = set(exclude_sources)
    lexicons = [
        dataclasses.replace(lex, entries=tuple(e for e in lex.entries
                                               if not excluded.intersection(e.source)))
        for lex in resolve_lexicons([]) if lex.name in LEXICON_NAMES
    ]
    return LexiconFeatures(Matcher(lexicons), lexicon_feature_names(lexicons))


@dataclass(frozen=True)
class Config:
    """One model configuration: which feature blocks and which classifier."""

    name: str
    char: bool = False
    lexicon: bool = False
    model: str = "logreg"
    C: float = 1.0
    char_max_features: int = 150_000


CONFIGS: tuple[Config, ...] = (
    Config("word1-2 + LR"),
    Config("word1-2 + char_wb3-5 + LR", char=True),
    Config("word1-2 + char_wb3-5 + lex + LR", char=True, lexicon=True),
    Config("word1-2 + char_wb3-5 + lex + LR C=4", char=True, lexicon=True, C=4.0),
    Config("word1-2 + char_wb3-5 + lex + LinearSVC C=0.1", char=True, lexicon=True,
           model="linear-svm", C=0.1),
)


def make_classifier(config: Config, n_classes: int = 2) -> Any:
    from sklearn.linear_model import LogisticRegression
    from sklearn.svm import LinearSVC

    if config.model == "linear-svm":
        return LinearSVC(C=config.C, class_weight="balanced", random_state=SEED)
    return LogisticRegression(C=config.C, class_weight="balanced", max_iter=2000,
                              solver="liblinear" if n_classes == 2 else "lbfgs",
                              random_state=SEED)


def fit_predict(config: Config, train_texts: Sequence[str], train_y: Sequence[Any],
                test_texts: Sequence[str], train_lex: sp.csr_matrix | None,
                test_lex: sp.csr_matrix | None, *, scores: bool = False) -> list[Any]:
    """Fit the vectorisers and classifier on the training part only; predict the other part.

    With ``scores`` (binary tasks), return the decision function instead of the labels.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer

    blocks = [TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True,
                              lowercase=True, dtype=np.float32)]
    if config.char:
        blocks.append(TfidfVectorizer(analyzer="char_wb", ngram_range=(3, 5), min_df=2,
                                      sublinear_tf=True, max_features=config.char_max_features,
                                      dtype=np.float32))
    train_parts = [vec.fit_transform(train_texts) for vec in blocks]
    test_parts = [vec.transform(test_texts) for vec in blocks]
    if config.lexicon and train_lex is not None and test_lex is not None:
        train_parts.append(train_lex)
        test_parts.append(test_lex)
    x_train = sp.hstack(train_parts, format="csr")
    x_test = sp.hstack(test_parts, format="csr")
    clf = make_classifier(config, len(set(train_y)))
    clf.fit(x_train, list(train_y))
    if scores:
        return [float(v) for v in clf.decision_function(x_test)]
    return list(clf.predict(x_test))


def best_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The decision threshold that maximises the positive-class F1 on (out-of-fold) scores.

    Candidates are the distinct scores themselves (predict 1 when ``score >= threshold``); ties
    go to the threshold closest to 0, the classifier's own cut-off.
    """
    values = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=int)
    order = np.argsort(-values, kind="stable")
    ranked, hits = values[order], y[order]
    true_pos = np.cumsum(hits)
    n_pred = np.arange(1, len(values) + 1)
    last = np.r_[ranked[1:] != ranked[:-1], True]  # the last position of each distinct score
    f1 = 2 * true_pos[last] / (n_pred[last] + y.sum())
    candidates = ranked[last]
    best = np.flatnonzero(np.isclose(f1, f1.max()))
    return float(candidates[best[np.argmin(np.abs(candidates[best]))]])


Scorer = Callable[[Sequence[Any], Sequence[Any]], float]


def cross_validate(config: Config, texts: Sequence[str], labels: Sequence[Any],
                   scorer: Scorer, lex: sp.csr_matrix | None) -> CVScore:
    """Stratified 5-fold CV (shuffled, seeded) of one configuration."""
    from sklearn.model_selection import StratifiedKFold

    folds = StratifiedKFold(n_splits=N_FOLDS, shuffle=True, random_state=SEED)
    y = np.asarray(labels)
    score = CVScore()
    for train_idx, test_idx in folds.split(np.zeros(len(y)), y):
        pred = fit_predict(config, [texts[i] for i in train_idx], y[train_idx],
                           [texts[i] for i in test_idx],
                           lex[train_idx] if lex is not None else None,
                           lex[test_idx] if lex is not None else None)
        score.folds.append(scorer(list(y[test_idx]), pred))
    return score


def majority_cv(labels: Sequence[Any], scorer: Scorer) -> float:
    """The majority-class baseline's score (predicting the most frequent label everywhere)."""
    values, counts = np.unique(np.asarray(labels), return_counts=True)
    majority = values[int(np.argmax(counts))]
    return scorer(list(labels), [majority] * len(labels))


# --------------------------------------------------------------------------------------------
# Tasks
# --------------------------------------------------------------------------------------------


def positive_f1(y_true: Sequence[Any], y_pred: Sequence[Any]) -> float:
    return class_f1(y_true, y_pred, 1)


def run_cv_task(name: str, texts: list[str], labels: list[Any], scorer: Scorer,
                matcher: LexiconFeatures, configs: Sequence[Config]) -> dict[str, Any]:
    """Score every configuration by CV; the row reports the best CV mean."""
    lex = matcher.transform(texts)
    tried = []
    for config in configs:
        start = time.perf_counter()
        score = cross_validate(config, texts, labels, scorer, lex)
        tried.append({"config": config.name, "mean": round(score.mean, 4),
                      "sd": round(score.sd, 4), "folds": [round(f, 4) for f in score.folds],
                      "seconds": round(time.perf_counter() - start, 1)})
        print(f"  [{name}] {config.name}: {score.mean:.3f} ± {score.sd:.3f} "
              f"({tried[-1]['seconds']} s)", flush=True)
    best = max(tried, key=lambda row: row["mean"])
    return {"setting": f"stratified {N_FOLDS}-fold CV (seed {SEED})", "n": len(texts),
            "class_counts": _counts(labels), "ours": best["mean"], "ours_sd": best["sd"],
            "best_config": best["config"],
            "majority_baseline": round(majority_cv(labels, scorer), 4),
            "tried": tried}


def out_of_fold_scores(config: Config, texts: Sequence[str], labels: Sequence[int],
                       lex: sp.csr_matrix) -> list[float]:
    """Decision scores for every training text from the CV model that did not see it."""
    from sklearn.model_selection import StratifiedKFold

    folds = StratifiedKFold(n_splits=N_FOLDS, shuffle=True, random_state=SEED)
    y = np.asarray(labels)
    out = np.zeros(len(y))
    for train_idx, test_idx in folds.split(np.zeros(len(y)), y):
        out[test_idx] = fit_predict(config, [texts[i] for i in train_idx], y[train_idx],
                                    [texts[i] for i in test_idx], lex[train_idx], lex[test_idx],
                                    scores=True)
    return [float(v) for v in out]


def run_split_task(name: str, train: tuple[list[str], list[Any]],
                   test: tuple[list[str], list[Any]], scorer: Scorer,
                   matcher: LexiconFeatures, configs: Sequence[Config]) -> dict[str, Any]:
    """Train/test split: everything is chosen on train, the test split is scored once.

    The configuration is the best by CV on train; its decision threshold is the one that
    maximises F1 on its out-of-fold training scores; then it is fitted on all of train and
    applied to test with that threshold (the default cut-off 0 is reported beside it).
    """
    result = run_cv_task(name, train[0], train[1], scorer, matcher, configs)
    chosen = next(c for c in configs if c.name == result["best_config"])
    train_lex, test_lex = matcher.transform(train[0]), matcher.transform(test[0])
    threshold = best_threshold(out_of_fold_scores(chosen, train[0], train[1], train_lex),
                               train[1])
    test_scores = fit_predict(chosen, train[0], train[1], test[0], train_lex, test_lex,
                              scores=True)
    at_zero = scorer(test[1], [int(v >= 0) for v in test_scores])
    tuned = scorer(test[1], [int(v >= threshold) for v in test_scores])
    print(f"  [{name}] test ({chosen.name}): {tuned:.3f} at threshold {threshold:+.3f} chosen "
          f"on train out-of-fold scores; {at_zero:.3f} at 0", flush=True)
    return {**result, "setting": f"train split -> test split (config and threshold chosen by "
                                 f"{N_FOLDS}-fold CV on train, seed {SEED})",
            "train_cv": result["ours"], "train_cv_sd": result["ours_sd"],
            "ours": round(tuned, 4), "ours_sd": None, "threshold": round(threshold, 4),
            "ours_at_threshold_0": round(at_zero, 4), "n_test": len(test[0]),
            "test_class_counts": _counts(test[1]),
            "majority_baseline": round(majority_cv(test[1], scorer), 4)}


def _counts(labels: Sequence[Any]) -> dict[str, int]:
    values, counts = np.unique(np.asarray(labels), return_counts=True)
    return {str(v): int(c) for v, c in zip(values, counts, strict=True)}


def evaluate(dataset: str, eval_dir: Path, matcher: LexiconFeatures) -> dict[str, Any] | None:
    """Run one dataset; ``None`` (with a message) when its files are missing."""
    if dataset == "babe":
        path = eval_dir / "babe_mbic" / "final_labels_SG2.csv"
        if not path.is_file():
            print(f"BABE: {path} not found; skipped")
            return None
        texts, labels = load_babe(path)
        return run_cv_task("babe", texts, labels, macro_f1,
                           build_lexicon_features(exclude_sources=BABE_SOURCES), CONFIGS)
    if dataset == "wikiweasel":
        folder = eval_dir / "wikiweasel_szeged"
        if not (folder / "train.csv").is_file() or not (folder / "test.csv").is_file():
            print(f"WikiWeasel: {folder}/train.csv or test.csv not found; skipped")
            return None
        train = load_text_label_csv(folder / "train.csv", text_column="text", label_column="label")
        test = load_text_label_csv(folder / "test.csv", text_column="text", label_column="label")
        return run_split_task("wikiweasel", train, test, positive_f1, matcher, CONFIGS)
    if dataset == "bioscope":
        paths = [eval_dir / "bioscope" / f for f in ("abstracts.xml", "full_papers.xml")]
        if not all(p.is_file() for p in paths):
            print(f"BioScope: {paths[0].parent} incomplete; skipped")
            return None
        texts, labels = load_bioscope(paths)
        return run_cv_task("bioscope", texts, labels, positive_f1, matcher, CONFIGS)
    if dataset == "frac":
        path = eval_dir / "frac_frames_guida2025" / "gold_standard_single_label_all.csv"
        if not path.is_file():
            print(f"FrAC: {path} not found; skipped")
            return None
        texts, labels = load_text_label_csv(path, text_column="sentence", label_column="label")
        return run_cv_task("frac", texts, labels, macro_f1, matcher, CONFIGS)
    raise ValueError(f"unknown dataset {dataset!r}")


# --------------------------------------------------------------------------------------------
# Command line
# --------------------------------------------------------------------------------------------


def default_shared() -> Path:
    configured = os.environ.get("FRAMING_SHARED")
    return Path(configured) if configured else ROOT.parent / "shared"


def parse_only(value: str | None) -> list[str]:
    """``--only babe,frac`` -> ["babe", "frac"], validated; all datasets when empty."""
    if not value:
        return list(DATASETS)
    chosen = [part.strip().lower() for part in re.split(r"[,\s]+", value) if part.strip()]
    unknown = [c for c in chosen if c not in DATASETS]
    if unknown:
        raise SystemExit(f"--only: unknown dataset(s) {', '.join(unknown)}; "
                         f"choose from {', '.join(DATASETS)}")
    return chosen


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--shared", type=Path, default=None,
                        help="the shared folder (default $FRAMING_SHARED or ../shared)")
    parser.add_argument("--only", default=None,
                        help=f"comma-separated subset of {','.join(DATASETS)}")
    parser.add_argument("--json", type=Path, default=None, help="write the results as JSON")
    args = parser.parse_args(argv)
    datasets = parse_only(args.only)
    eval_dir = (args.shared or default_shared()) / "eval"
    if not eval_dir.is_dir():
        print(f"shared evaluation data not found at {eval_dir} "
              "(set FRAMING_SHARED or pass --shared); nothing to do")
        return 0
    start = time.perf_counter()
    matcher = build_lexicon_features()
    results: dict[str, Any] = {}
    for dataset in datasets:
        print(f"{dataset}:", flush=True)
        result = evaluate(dataset, eval_dir, matcher)
        if result is not None:
            results[dataset] = {**PUBLISHED[dataset], **result}
    elapsed = time.perf_counter() - start
    print()
    print(f"{'dataset':<11} {'metric':<17} {'ours':>6} {'published':>9} {'target':>6}  best config")
    for dataset, row in results.items():
        target = f"{row['target']:.2f}" if row["target"] is not None else "—"
        print(f"{dataset:<11} {row['metric']:<17} {row['ours']:>6.3f} {row['published']:>9.3f} "
              f"{target:>6}  {row['best_config']}")
    print(f"total {elapsed:.0f} s")
    if args.json:
        payload = {"command": COMMAND, "date": dt.date.today().isoformat(), "seed": SEED,
                   "seconds": round(elapsed, 1), "results": results}
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
