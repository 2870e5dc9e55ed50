"""Compare the figures of a `make bench` run with the baselines in benchmarks/baselines.json.

Each baseline names a benchmark's JSON output, a path into it, the value measured when the
baseline was set (with the machine and date), the issue's target if it has one, and whether
higher or lower is better. A figure worse than its baseline by more than the tolerance is a
regression; a figure that misses its target is reported as such.

    python benchmarks/check_baselines.py --results benchmarks/out [--strict]

Timing on a shared 2-core machine is noisy, so regressions are warnings unless --strict.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent


def lookup(data: Any, path: str) -> float:
    """Follow a dotted path (``a.b.0.c``) into nested dicts and lists."""
    for part in path.split("."):
        data = data[int(part)] if isinstance(data, list) else data[part]
    return float(data)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--results", type=Path, default=HERE / "out")
    parser.add_argument("--baselines", type=Path, default=HERE / "baselines.json")
    parser.add_argument("--strict", action="store_true", help="exit 1 on a regression")
    args = parser.parse_args()
    spec = json.loads(args.baselines.read_text(encoding="utf-8"))
    tolerance = float(spec["tolerance"])
    print(f"Baselines of {spec['date']} on {spec['machine']}; tolerance {tolerance:.0%}\n")
    print("| figure | now | baseline | change | target | status |")
    print("|---|---:|---:|---:|---:|---|")
    n_regressions = 0
    for item in spec["figures"]:
        result_file = args.results / item["file"]
        if not result_file.is_file():
            print(f"| {item['name']} | – | {item['baseline']:,.2f} | – | – | not run |")
            continue
        now = lookup(json.loads(result_file.read_text(encoding="utf-8")), item["path"])
        higher = item.get("higher_is_better", True)
        change = now / item["baseline"] - 1 if item["baseline"] else 0.0
        worse = -change if higher else change
        status = "ok"
        if worse > tolerance:
            status = "REGRESSION"
            n_regressions += 1
        target = item.get("target")
        if target is not None and (now < target if higher else now > target):
            status += ", target missed"
        target_text = "–" if target is None else f"{'≥' if higher else '≤'} {target:,.2f}"
        print(f"| {item['name']} | {now:,.2f} | {item['baseline']:,.2f} | {change:+.0%} | "
              f"{target_text} | {status} |")
    print(f"\n{n_regressions} regression(s) beyond {tolerance:.0%}.")
    return 1 if (args.strict and n_regressions) else 0


if __name__ == "__main__":
    sys.exit(main())
