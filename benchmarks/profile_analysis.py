"""Where the analysis spends its time: pyinstrument over scoring generated entries.

Scores ``--n`` seeded synthetic entries (benchmarks/corpus_gen.py; ``--bytes 2000`` for
articles) with the bundled lexicons in one process, then prints

* µs per entry of the whole analysis (a separate, unprofiled timing),
* µs per entry of each step that ``analyze`` calls (inclusive time, from the profile),
* the functions with the most self time (all code, and framing's own),

and with ``--html OUT.html`` pyinstrument's interactive page. Profiling slows the code down,
so per-step figures are scaled to the unprofiled total.

    python benchmarks/profile_analysis.py [--n 5000] [--bytes 220] [--top 15]
        [--callees-of FUNCTION …] [--html OUT]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))


def _walk(frame: Any, stack: tuple[str, ...], inclusive: dict[str, float],
          self_time: dict[str, float], callees: dict[str, dict[str, float]]) -> None:
    """Sum self time per function, inclusive time per function (recursion counted once) and
    the inclusive time of each direct callee of the functions named in ``callees``."""
    if frame.function == "[self]":  # pyinstrument's synthetic frame: in its parent's self time
        return
    name = f"{frame.function} ({_short(frame.file_path)}:{frame.line_no})"
    self_time[name] += frame.total_self_time
    if name not in stack:
        inclusive[name] += frame.time
    if stack and stack[-1].split(" (")[0] in callees:
        callees[stack[-1].split(" (")[0]][name] += frame.time
    for child in frame.children:
        _walk(child, (*stack, name), inclusive, self_time, callees)


def _short(path: str | None) -> str:
    if not path:
        return "?"
    for marker in ("site-packages/", "framing/"):
        if marker in path:
            return (marker if marker == "framing/" else "") + path.split(marker, 1)[1]
    return Path(path).name


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--n", type=int, default=5000)
    parser.add_argument("--bytes", type=int, default=220, help="target entry size")
    parser.add_argument("--top", type=int, default=15)
    parser.add_argument("--callees-of", action="append", default=["analyze_voice"],
                        help="also list what this function calls (repeatable)")
    parser.add_argument("--html", type=Path, help="also write pyinstrument's HTML page")
    args = parser.parse_args()

    from corpus_gen import generate_articles, generate_entries
    from pyinstrument import Profiler

    import framing
    from framing.analysis.analyze import Analyzer

    generate = generate_articles if args.bytes >= 1000 else generate_entries
    entries = list(generate(args.n, target_bytes=args.bytes))
    analyzer = Analyzer.from_specs([])
    list(framing.score(entries[:100], analyzer))  # lazy imports and dictionaries, untimed

    # Per-word caches stay warm between the two passes, as in a long run (news vocabulary
    # repeats).
    started = time.perf_counter()
    for _ in framing.score(entries, analyzer):
        pass
    plain_us = (time.perf_counter() - started) / len(entries) * 1e6

    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in framing.score(entries, analyzer):
        pass
    profiler.stop()
    session = profiler.last_session
    root = session.root_frame()
    if root is None:
        raise SystemExit("pyinstrument recorded nothing")
    inclusive: dict[str, float] = defaultdict(float)
    self_time: dict[str, float] = defaultdict(float)
    callees: dict[str, dict[str, float]] = {name: defaultdict(float)
                                             for name in ("analyze", *args.callees_of)}
    _walk(root, (), inclusive, self_time, callees)
    steps = callees["analyze"]
    profiled_total = sum(steps.values()) or root.time
    scale = plain_us / (profiled_total / len(entries) * 1e6) if profiled_total else 1.0

    def us(seconds: float) -> float:
        return seconds / len(entries) * 1e6 * scale

    mean_bytes = sum(len(e.text.encode()) for e in entries) / len(entries)
    print(f"{len(entries):,} entries of {mean_bytes:.0f} bytes: {plain_us:.0f} µs per entry "
          f"unprofiled ({1e6 / plain_us:,.0f} entries/s, one process)\n")
    for caller, times in callees.items():
        print(f"\n| called by {caller} (inclusive) | µs/entry | share of analyze |")
        print("|---|---:|---:|")
        for name, seconds in sorted(times.items(), key=lambda item: -item[1])[: args.top]:
            print(f"| {name} | {us(seconds):.1f} | {seconds / profiled_total:.0%} |")
    for title, only_framing in (("all code", False), ("framing's own code", True)):
        print(f"\n| function, self time ({title}) | µs/entry |")
        print("|---|---:|")
        rows = [(n, s) for n, s in self_time.items()
                if not only_framing or "(framing/" in n]
        for name, seconds in sorted(rows, key=lambda item: -item[1])[: args.top]:
            print(f"| {name} | {us(seconds):.1f} |")
    if args.html:
        args.html.write_text(profiler.output_html(), encoding="utf-8")
        print(f"\nwrote {args.html}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
