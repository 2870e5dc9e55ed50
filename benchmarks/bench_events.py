"""Event alignment at scale: time and peak memory of `align_events` on a month of generated news.

The corpus comes from `corpus_gen.generate_entries` (sentences of the demo corpus recombined,
~220 bytes per entry, four outlets in turn), with publication times spread evenly over 30 days
(n = 100,000 gives one entry every 26 seconds, ~5,000 per 36-hour window). This is a hard case
for blocking: every entry is built from the same few dozen source texts, so nearly every pair
inside a window shares words and the sparse products are nearly dense.

Each size runs in a fresh subprocess so its peak memory (`resource.getrusage`, max RSS) is its
own. Three runs: n/10 entries over days/10 (same density as the full run), n/10 over the full
span, and n over the full span. Against the first, the full run has 10x the entries at the same
density: blocking makes that ~10x the work (all pairs: 100x). Against the second, it also has
10x the density (10x the entries in each window), where even blocked work grows ~100x, because
every entry's window holds 10x the candidates; the sparse products and the fixed number of
neighbours kept per entry keep the measured growth below that.

    python benchmarks/bench_events.py [--n 100000] [--days 30] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
import platform
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

TARGET_SECONDS = 60.0


def month_of_entries(n: int, days: float) -> list[Any]:
    """``n`` generated entries, published evenly over ``days`` days (oldest first)."""
    from corpus_gen import generate_entries

    start = dt.datetime(2031, 3, 1, tzinfo=dt.UTC)
    step = dt.timedelta(days=days) / n
    return [dataclasses.replace(entry, published=start + step * i)
            for i, entry in enumerate(generate_entries(n, target_bytes=220))]


def time_align(n: int, days: float) -> dict[str, Any]:
    """Generate the corpus, align it once, and report time and peak memory (one process)."""
    from framing.events import align_events

    entries = month_of_entries(n, days)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    started = time.perf_counter()
    alignment = align_events(entries)
    seconds = time.perf_counter() - started
    peak_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    sizes = [e.n_entries for e in alignment.events]
    return {
        "n_entries": n,
        "days": days,
        "all_pairs": n * (n - 1) // 2,
        "seconds": round(seconds, 2),
        "entries_per_second": round(n / seconds),
        "peak_rss_mib": round(peak_kib / 1024, 1),
        "rss_before_align_mib": round(rss_before / 1024, 1),
        "n_events": alignment.n_events,
        "n_multi_outlet": alignment.n_multi_outlet,
        "n_aligned": alignment.n_aligned,
        "largest_event": max(sizes, default=0),
        "n_copies": alignment.n_copies,
    }


def run_in_subprocess(n: int, days: float) -> dict[str, Any]:
    output = subprocess.run(
        [sys.executable, __file__, "--worker", str(n), "--days", str(days)],
        check=True, capture_output=True, text=True,
    ).stdout
    result: dict[str, Any] = json.loads(output)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=100_000, help="largest corpus (default 100000)")
    parser.add_argument("--days", type=float, default=30.0, help="time span of the corpus")
    parser.add_argument("--json", type=Path, help="also write the results as JSON")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        print(json.dumps(time_align(args.worker, args.days)))
        return 0
    small = max(args.n // 10, 10)
    runs = [(small, args.days / 10), (small, args.days), (args.n, args.days)]
    results = [run_in_subprocess(n, days) for n, days in runs]
    print(f"# align_events on generated news over {args.days:g} days "
          f"(Python {platform.python_version()}, {platform.machine()})")
    print()
    print("| entries | days | seconds | entries/s | peak RSS (MiB) | events | multi-outlet | "
          "aligned entries | largest event | copies |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in results:
        print(f"| {r['n_entries']:,} | {r['days']:g} | {r['seconds']:.1f} | "
              f"{r['entries_per_second']:,} | "
              f"{r['peak_rss_mib']:,.0f} | {r['n_events']:,} | {r['n_multi_outlet']:,} | "
              f"{r['n_aligned']:,} | {r['largest_event']} | {r['n_copies']:,} |")
    print()
    same_density, same_span, largest = results
    growth = largest["n_entries"] / same_span["n_entries"]
    print(f"- same density ({same_density['days']:g} → {largest['days']:g} days): "
          f"{growth:.0f}x the entries took "
          f"{largest['seconds'] / same_density['seconds']:.1f}x the time (all pairs: "
          f"{growth ** 2:.0f}x)")
    print(f"- same span ({largest['days']:g} days, 10x the density): {growth:.0f}x the entries "
          f"took {largest['seconds'] / same_span['seconds']:.1f}x the time (all pairs: "
          f"{growth ** 2:.0f}x)")
    verdict = "met" if largest["seconds"] < TARGET_SECONDS else "NOT met"
    print(f"- {largest['n_entries']:,} entries in {largest['seconds']:.1f} s "
          f"(target < {TARGET_SECONDS:.0f} s): {verdict}")
    if args.json:
        args.json.write_text(json.dumps({"results": results}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
