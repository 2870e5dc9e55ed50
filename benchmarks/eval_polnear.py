"""Attribution against PolNeAR: cue and source span F1 of ``analyze_voice`` (issue 4).

Usage::

    python benchmarks/eval_polnear.py [--split dev|test] [--shared PATH] [--json OUT]
        [--errors N]

Reads ``<shared>/eval/polnear/data/<split>/text/*.txt`` and the brat standoff annotations in
``attributions/*.ann`` (PolNeAR v1.0.0, Newell et al. 2018; internal evaluation only — nothing
from it is copied into this repository). Each article is analysed as one text with no title and
no speaker context, with the bundled lexicons. For articles annotated twice, the first
annotation file in sorted order is used.

Scored spans:

* **cue**: ``Attribution.verb_start/verb_end`` against the gold ``Cue`` spans;
* **source**: ``Attribution.start/end`` of attributions with a speaker against the gold
  ``Source`` spans.

Spans are deduplicated on both sides (a source shared by several attributions counts once) and
matched one to one, greedily in text order: **exact** when the offsets are equal (a
discontinuous gold span by its first start and last end), **overlap** when they share at least
one character. Precision, recall and F1 are micro-averaged over the split. Published reference
on the related PARC 3.0 corpus (Citron, Newell et al.): cue F1 82.3, source F1 82.0.

Exits 0 with a message when the data is absent.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from framing.analysis.voice import analyze_voice
from framing.lexicon import Matcher, resolve_lexicons

REPO_ROOT = Path(__file__).resolve().parent.parent
Span = tuple[tuple[int, int], ...]


@dataclass
class Score:
    """Matched and total counts of one span type under one matching rule."""

    matched: int = 0
    n_predicted: int = 0
    n_gold: int = 0

    @property
    def precision(self) -> float:
        """Matched predictions over predictions."""
        return self.matched / self.n_predicted if self.n_predicted else 0.0

    @property
    def recall(self) -> float:
        """Matched gold spans over gold spans."""
        return self.matched / self.n_gold if self.n_gold else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0

    def as_dict(self) -> dict[str, float | int]:
        """Counts and rates, rounded for the report."""
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "matched": self.matched,
                "n_predicted": self.n_predicted, "n_gold": self.n_gold}


@dataclass
class Scores:
    """Exact and overlap scores of cues and sources."""

    cue_exact: Score = field(default_factory=Score)
    cue_overlap: Score = field(default_factory=Score)
    source_exact: Score = field(default_factory=Score)
    source_overlap: Score = field(default_factory=Score)


def shared_path(configured: str | None) -> Path:
    """The shared data folder: ``--shared``, else ``$FRAMING_SHARED``, else ``../shared``."""
    if configured:
        return Path(configured)
    env = os.environ.get("FRAMING_SHARED")
    return Path(env) if env else REPO_ROOT.parent / "shared"


def read_gold(path: Path) -> tuple[set[Span], set[Span]]:
    """Gold cue and source spans of one brat ``.ann`` file.

    Args:
        path: the annotation file.

    Returns:
        ``(cues, sources)``, each a set of spans (tuples of ``(start, end)`` fragments).
    """
    cues: set[Span] = set()
    sources: set[Span] = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("T"):
            continue
        parts = line.split("\t")
        if len(parts) < 2:
            continue
        label, _, offsets = parts[1].partition(" ")
        fragments = tuple(tuple(int(x) for x in piece.split()) for piece in offsets.split(";"))
        span: Span = tuple((f[0], f[1]) for f in fragments if len(f) == 2)
        if not span:
            continue
        if label == "Cue":
            cues.add(span)
        elif label == "Source":
            sources.add(span)
    return cues, sources


def match(predicted: Iterable[tuple[int, int]], gold: Iterable[Span], *,
          exact: bool) -> tuple[int, int, int]:
    """Greedy one-to-one matching of predicted spans to gold spans.

    Args:
        predicted: predicted ``(start, end)`` spans.
        gold: gold spans (fragments).
        exact: equal offsets (gold by first start and last end) rather than any overlap.

    Returns:
        ``(matched, n_predicted, n_gold)``.
    """
    predictions = sorted(set(predicted))
    golds = sorted(set(gold))
    used = [False] * len(golds)
    matched = 0
    for start, end in predictions:
        for index, span in enumerate(golds):
            if used[index]:
                continue
            if exact:
                hit = (span[0][0], span[-1][1]) == (start, end)
            else:
                hit = any(g_start < end and start < g_end for g_start, g_end in span)
            if hit:
                used[index] = True
                matched += 1
                break
    return matched, len(predictions), len(golds)


def _add(score: Score, result: tuple[int, int, int]) -> None:
    score.matched += result[0]
    score.n_predicted += result[1]
    score.n_gold += result[2]


def evaluate(split_dir: Path, *, errors: int = 0) -> dict[str, object]:
    """Score ``analyze_voice`` on one PolNeAR split.

    Args:
        split_dir: ``…/polnear/data/<split>``.
        errors: print up to this many missed and spurious cues (for development).

    Returns:
        The figures, ready for JSON.
    """
    matcher = Matcher(resolve_lexicons([]))
    scores = Scores()
    by_publisher: dict[str, Scores] = {}
    n_articles = 0
    n_chars = 0
    elapsed = 0.0
    shown = 0
    annotations = sorted((split_dir / "attributions").glob("*.ann"))
    for text_path in sorted((split_dir / "text").glob("*.txt")):
        candidates = [a for a in annotations if a.name.rsplit("_", 1)[0] == text_path.stem]
        if not candidates:
            continue
        text = text_path.read_text(encoding="utf-8")
        gold_cues, gold_sources = read_gold(candidates[0])
        began = time.perf_counter()
        result = analyze_voice(text, matcher=matcher)
        elapsed += time.perf_counter() - began
        n_articles += 1
        n_chars += len(text)
        cues = [(a.verb_start, a.verb_end) for a in result.attributions
                if a.verb_start is not None and a.verb_end is not None]
        sources = [(a.start, a.end) for a in result.attributions if a.speaker is not None]
        publisher = text_path.name.split("_", 1)[0]
        targets = (scores, by_publisher.setdefault(publisher, Scores()))
        for target in targets:
            _add(target.cue_exact, match(cues, gold_cues, exact=True))
            _add(target.cue_overlap, match(cues, gold_cues, exact=False))
            _add(target.source_exact, match(sources, gold_sources, exact=True))
            _add(target.source_overlap, match(sources, gold_sources, exact=False))
        if shown < errors:
            shown += _show_errors(text, text_path.name, cues, gold_cues, errors - shown)
    return {
        "split": split_dir.name,
        "n_articles": n_articles,
        "cue_exact": scores.cue_exact.as_dict(),
        "cue_overlap": scores.cue_overlap.as_dict(),
        "source_exact": scores.source_exact.as_dict(),
        "source_overlap": scores.source_overlap.as_dict(),
        "by_publisher": {name: {"cue_overlap_f1": round(s.cue_overlap.f1, 4),
                                "source_overlap_f1": round(s.source_overlap.f1, 4)}
                         for name, s in sorted(by_publisher.items())},
        "seconds": round(elapsed, 3),
        "us_per_1000_chars": round(elapsed / max(n_chars, 1) * 1e9, 1),
    }


def _show_errors(text: str, name: str, cues: list[tuple[int, int]], gold: set[Span],
                 budget: int) -> int:
    shown = 0
    for start, end in sorted(set(cues)):
        if not any(g_start < end and start < g_end for span in gold for g_start, g_end in span):
            context = text[max(0, start - 80):end + 40].replace("\n", " ")
            print(f"  FP {name}: …{context}…  [{text[start:end]}]")
            shown += 1
    for span in sorted(gold):
        start, end = span[0][0], span[-1][1]
        if not any(p_start < g_end and g_start < p_end for p_start, p_end in cues
                   for g_start, g_end in span):
            context = text[max(0, start - 80):end + 40].replace("\n", " ")
            print(f"  FN {name}: …{context}…  [{text[start:end]}]")
            shown += 1
        if shown >= budget:
            break
    return shown


def main(argv: list[str] | None = None) -> int:
    """Run the evaluation and print (and optionally save) the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--shared", help="the shared data folder (default: $FRAMING_SHARED "
                                         "or ../shared)")
    parser.add_argument("--json", dest="json_out", help="write the figures to this JSON file")
    parser.add_argument("--errors", type=int, default=0,
                        help="print up to N missed/spurious cues (development aid)")
    args = parser.parse_args(argv)
    split_dir = shared_path(args.shared) / "eval" / "polnear" / "data" / args.split
    if not (split_dir / "text").is_dir():
        print(f"PolNeAR data not found at {split_dir}; nothing to evaluate.")
        return 0
    figures = evaluate(split_dir, errors=args.errors)
    for key in ("cue_exact", "cue_overlap", "source_exact", "source_overlap"):
        row = figures[key]
        assert isinstance(row, dict)
        print(f"{key:15} P {row['precision']:.3f}  R {row['recall']:.3f}  F1 {row['f1']:.3f}"
              f"  ({row['matched']} matched, {row['n_predicted']} predicted, "
              f"{row['n_gold']} gold)")
    print(f"{figures['n_articles']} articles ({figures['split']}), "
          f"{figures['seconds']} s in analyze_voice")
    if args.json_out:
        Path(args.json_out).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
