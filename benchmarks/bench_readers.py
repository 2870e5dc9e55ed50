"""Reader throughput: entries/s and MB/s for JSONL, CSV, Parquet and live-feed text.

Generates a deterministic synthetic corpus (seeded) of ~220-byte entries, writes it in each
format, and times reading it back through `framing.iter_entries` (one core, best of 3).

    python benchmarks/bench_readers.py [--n 50000] [--json OUT.json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

import framing
from framing.model import Entry, SourceRef
from framing.writers import write_entries

WORDS = (  # noqa: SIM905 - one readable block of words
    "ceasefire shelling ministry said officials reported drones town village forces border "
    "talks mediator civilians casualties according to statement defence foreign president "
    "aide spokesperson region valley attack army settlement control claimed alleged warned "
    "the a of in on and to with from over after before during near"
).split()


def synthetic_entries(n: int, seed: int = 13) -> list[Entry]:
    rng = random.Random(seed)
    start = dt.datetime(2031, 3, 5, 23, 59, tzinfo=dt.UTC)
    entries = []
    for i in range(n):
        title = " ".join(rng.choice(WORDS) for _ in range(8)).title()
        body = " ".join(rng.choice(WORDS) for _ in range(24)) + "."
        entries.append(Entry(
            id=f"s:{i}", outlet=f"Outlet {i % 4}", published=start - dt.timedelta(minutes=i),
            time=None, kind="entry", title=title, text=f"{title}\n\n{body}", url=None,
            source=SourceRef("synthetic", i + 1, i + 1)))
    return entries


def live_feed_text(entries: list[Entry]) -> str:
    lines = ["Listen Live", "    Follow Bench Wire's Live Feed", ""]
    for entry in entries:
        assert entry.published is not None
        lines += [f"    • {entry.published:%H:%M}", "", f"      {entry.title}", "",
                  f"      {entry.body}", ""]
    return "\n".join(lines)


def time_read(path: Path, options: framing.ReadOptions, repeat: int = 3) -> tuple[float, int]:
    best = float("inf")
    n = 0
    for _ in range(repeat):
        started = time.perf_counter()
        n = sum(1 for _ in framing.iter_entries(path, options=options))
        best = min(best, time.perf_counter() - started)
    return best, n


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=50_000, help="entries to generate")
    parser.add_argument("--json", type=Path, help="write the figures to this JSON file")
    args = parser.parse_args()
    entries = synthetic_entries(args.n)
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        tmp_dir = Path(tmp)
        inputs = {}
        for suffix in (".jsonl", ".csv", ".parquet"):
            inputs[suffix.lstrip(".")] = tmp_dir / f"corpus{suffix}"
            write_entries(entries, inputs[suffix.lstrip(".")])
        feed = tmp_dir / "feed.txt"
        feed.write_text(live_feed_text(entries[: min(args.n, 5000)]), encoding="utf-8")
        inputs["live feed"] = feed
        options = framing.ReadOptions.create(date="2031-03-05")
        for name, path in inputs.items():
            seconds, n = time_read(path, options)
            megabytes = path.stat().st_size / 1e6
            rows.append({"format": name, "entries": n, "MB": round(megabytes, 2),
                         "entries/s": round(n / seconds), "MB/s": round(megabytes / seconds, 1)})
    print(f"framing {framing.__version__}, Python {platform.python_version()}, "
          f"{platform.machine()}, one process")
    print("| format | entries | MB | entries/s | MB/s |")
    print("|---|---:|---:|---:|---:|")
    for row in rows:
        print(f"| {row['format']} | {row['entries']:,} | {row['MB']} | {row['entries/s']:,} "
              f"| {row['MB/s']} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
