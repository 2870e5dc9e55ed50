"""Train the sentence detectors (``hedged``, ``biased``) reproducibly from ``../shared/eval``.

No detector ships with framing (see the licence table in ``benchmarks/RESULTS.md``); this script
trains both into a cache directory with the configuration ``framing classify detectors train``
uses, printing the 5-fold cross-validated macro-F1 of each so maintainers can reproduce them::

    python benchmarks/train_detectors.py --shared ../shared [--cache DIR] [--folds 5]

``hedged`` learns from BioScope (abstracts + full papers); ``biased`` from BABE SG2. A dataset
that is absent is skipped with a message (exit 0).
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from framing.classify.detectors import train_detector
from framing.classify.persist import load_model


def data_files(shared: Path) -> dict[str, list[Path]]:
    """The training files of each detector under ``shared/eval``."""
    eval_dir = shared / "eval"
    return {
        "hedged": [eval_dir / "bioscope" / "abstracts.xml",
                   eval_dir / "bioscope" / "full_papers.xml"],
        "biased": [eval_dir / "babe_mbic" / "final_labels_SG2.csv"],
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Train both detectors; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--shared", type=Path,
                        default=Path(os.environ.get("FRAMING_SHARED", "../shared")),
                        help="The shared folder holding eval/ (default $FRAMING_SHARED or "
                        "../shared).")
    parser.add_argument("--cache", type=Path, default=None,
                        help="Cache directory to train into (default: $FRAMING_CACHE or the "
                        "user cache).")
    parser.add_argument("--folds", type=int, default=5, help="Cross-validation folds.")
    args = parser.parse_args(argv)
    if args.cache is not None:
        os.environ["FRAMING_CACHE"] = str(args.cache)
    for name, paths in data_files(args.shared).items():
        missing = [p for p in paths if not p.is_file()]
        if missing:
            print(f"{name}: {', '.join(map(str, missing))} not found; skipped")
            continue
        started = time.perf_counter()
        path = train_detector(name, paths, cv_folds=args.folds,
                              progress=lambda message, n=name: print(f"{n}: {message}",
                                                                     file=sys.stderr))
        _model, metadata = load_model(path)
        print(f"{name}: {args.folds}-fold CV macro-F1 {metadata['cv_macro_f1']:.3f} "
              f"({time.perf_counter() - started:.0f} s); saved {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
