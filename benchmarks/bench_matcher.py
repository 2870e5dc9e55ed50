r"""Throughput of the lexicon matcher against single-regex baselines (issue 3, item 3).

A deterministic synthetic corpus (seeded ``random.Random``) of ~220-byte English-like entries
mixes common words with pseudo-terms (single and multi-word, hyphenated, with ``*`` wildcards at
either end), inserted at 6% of the tokens. The same 300 and 3,000 terms are matched by:

* ``framing.lexicon.Matcher`` with each span-finding engine (``ahocorasick``, the default when
  pyahocorasick is installed, and ``re``; one lexicon; matches resolved to entries,
  per-lexicon leftmost-longest, exclude checks) — cold (a fresh matcher: its span cache starts
  empty) and warm (second pass over the corpus); also each engine's span finding alone;
* one trie-shaped ``re`` pattern, ``(?<!\w)(?:trie)(?!\w)`` with ``re.IGNORECASE``, spans
  only — the reference of the targets; also the same pattern over ``text.lower()`` without
  IGNORECASE (a trick the Matcher uses), for comparison;
* one flat ``re`` alternation of the terms, longest first (spans only; timed on a sample).

Two corpora: **zipf** (primary) draws the inserted terms with Zipf frequencies (term rank =
list order, so the 300-term lexicon holds the 300 most frequent terms, as when a lexicon grows
by adding rarer terms; hits grow ~1.4x from 300 to 3,000 terms); **uniform** (stress) draws
every one of the 3,000 terms equally often, so the 3,000-term lexicon finds 10x the hits.

Targets (issue 3), checked on the zipf corpus, cold cache: with 3,000 terms the matcher runs at
>= 50% of the trie baseline's speed, and going from 300 to 3,000 terms slows it down by no more
than 1.5x. If the reference feed is found (``$FRAMING_SHARED``, default ``../shared``), every
bundled lexicon is also timed over its paragraphs.

Usage::

    python benchmarks/bench_matcher.py [--entries 20000] [--repeats 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import platform
import random
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.lexicon import Lexicon, LexiconEntry, Matcher, resolve_lexicons  # noqa: E402

SEED = 20201017
TARGET_RATIO_TO_TRIE = 0.5
TARGET_SLOWDOWN = 1.5
TERM_RATE = 0.06

_WORDS_TEXT = """
the of and to in a is that for it as was with be by on not he this are or his from at
which but have an they you were her she there been one all we their has would when if so
no will more out up into do any your what some can only other new time could these two may
first then do now such like our over man me even most made after also did many before must
through back years where much way well down should because each just those people how too
little state good very make world still own see men work long get here between both life
being under never day same another know while last might us great old year off come since
against go came right used take three states himself few house use during without again
place american around however home small found thought went say part once general high
upon school every does got united left number course war until always away something fact
though water less public put think almost hand enough far took head yet government system
better set told nothing night end why called didn't eyes find going look asked later knew
point next program city business give group toward young days let room president side
social given present several order national possible rather second face per among form
important often things looking early white case john become large big need four within
felt along children saw best church ever least power development light thing seemed family
interest want members mind country area others done turned although open god service
certain kind problem began different door thus help means sense whole matter perhaps
itself york it's times law human line above name example action company hands local show
whether five history gave today either act feet across taken past quite anything seen
having death week experience body word half really field am car words already themselves
information tell together college shall money period held keep sure probably free seems
political real behind cannot
"""
COMMON_WORDS = _WORDS_TEXT.split()

SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"] + ["ar", "en", "ish", "or", "ul"]


def _pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))


def make_terms(rng: random.Random, n_terms: int) -> list[str]:
    """Return ``n_terms`` distinct pseudo-terms: 70% one word, 25% two, 5% three words;
    about 5% end in ``*`` and 1% start with ``*-``; some are hyphenated."""
    terms: list[str] = []
    seen: set[str] = set()
    while len(terms) < n_terms:
        roll = rng.random()
        n_words = 1 if roll < 0.70 else 2 if roll < 0.95 else 3
        words = [_pseudo_word(rng) for _ in range(n_words)]
        joiner = "-" if n_words == 2 and rng.random() < 0.2 else " "
        term = joiner.join(words)
        wild = rng.random()
        if n_words == 1 and wild < 0.05:
            term += "*"
        elif n_words == 1 and wild < 0.06:
            term = "*-" + term
        core = term.strip("*-")
        if core in seen or any(core.startswith(s) or s.startswith(core) for s in
                               (x.strip("*-") for x in terms[-3:])):
            continue
        seen.add(core)
        terms.append(term)
    return terms


def _surface(rng: random.Random, term: str) -> str:
    """A text occurrence of a term: wildcards filled, varied case, hyphens and spacing."""
    if term.endswith("*"):
        text = term[:-1] + rng.choice(["", "ed", "ing", "ation", "s"])
    elif term.startswith("*"):
        text = rng.choice(COMMON_WORDS).strip("'") + term[1:]
    else:
        text = term
    if rng.random() < 0.2:
        text = text.capitalize()
    if rng.random() < 0.1:
        text = text.replace(" ", "\n", 1)
    if rng.random() < 0.1:
        text = text.replace("-", "\u2013")
    return text


def make_corpus(rng: random.Random, terms: list[str], n_entries: int, *, zipf: bool,
                size: int = 220) -> list[str]:
    """Return ``n_entries`` texts of about ``size`` characters mixing words and terms.

    With ``zipf`` the term of rank r is drawn with weight 1/r; else all terms equally often.
    """
    weights = [1.0 / rank for rank in range(1, len(terms) + 1)] if zipf else None
    cumulative = list(itertools.accumulate(weights)) if weights else None
    corpus: list[str] = []
    for _ in range(n_entries):
        words: list[str] = []
        length = 0
        while length < size:
            if rng.random() < TERM_RATE:
                term = (rng.choices(terms, cum_weights=cumulative)[0] if cumulative
                        else rng.choice(terms))
                word = _surface(rng, term)
            else:
                word = rng.choice(COMMON_WORDS)
                if not words or words[-1].endswith("."):
                    word = word.capitalize()
            if rng.random() < 0.08:
                word += rng.choice([".", ",", ";", ":"])
            words.append(word)
            length += len(word) + 1
        corpus.append(" ".join(words)[:size + 30].rstrip() + ".")
    return corpus


def make_lexicon(terms: list[str]) -> Lexicon:
    """A one-category lexicon holding the terms (``*`` terms as patterns)."""
    entries = tuple(
        LexiconEntry(category="bench", pattern=t) if "*" in t else
        LexiconEntry(category="bench", term=t)
        for t in terms
    )
    return Lexicon(name=f"bench{len(terms)}", version="1", categories={"bench": "benchmark"},
                   entries=entries)


_HYPHEN = "[-\u2010\u2011\u2012\u2013\u2014]"


def _atom(char: str) -> str:
    return r"\s+" if char == " " else _HYPHEN if char == "-" else re.escape(char)


def _body(term: str) -> str:
    body = "".join(_atom(c) for c in term.strip("*"))
    if term.startswith("*"):
        body = r"\w*" + body
    if term.endswith("*"):
        body += r"\w*"
    return body


def trie_regex(terms: list[str]) -> re.Pattern[str]:
    """The reference: all terms in one trie-shaped pattern with word boundaries."""
    trie: dict[str, dict] = {}  # type: ignore[type-arg]
    prefixed: list[str] = []
    for term in terms:
        if term.startswith("*"):
            prefixed.append(term)
            continue
        node = trie
        for char in term.lower().rstrip("*"):
            node = node.setdefault(char, {})
        node["*" if term.endswith("*") else ""] = {}

    def emit(node: dict) -> str:  # type: ignore[type-arg]
        alternatives = [_atom(c) + emit(child) for c, child in sorted(node.items()) if c
                        and c != "*"]
        if "*" in node:
            alternatives.append(r"\w*")
        if "" in node:
            alternatives.append("")
        if len(alternatives) == 1:
            return alternatives[0]
        return "(?:" + "|".join(alternatives) + ")"

    branches = [emit(trie)] + ([r"\w*(?:" + "|".join(re.escape(p[1:]).replace(r"\-", _HYPHEN)
                                                       for p in prefixed) + ")"]
                               if prefixed else [])
    return re.compile(r"(?<!\w)(?:" + "|".join(branches) + r")(?!\w)", re.IGNORECASE)


def flat_regex(terms: list[str]) -> re.Pattern[str]:
    """A flat alternation of the terms, longest first."""
    bodies = [_body(t.lower()) for t in sorted(terms, key=len, reverse=True)]
    return re.compile(r"(?<!\w)(?:" + "|".join(bodies) + r")(?!\w)", re.IGNORECASE)


def _rate(function: Callable[[str], object], corpus: list[str]) -> tuple[float, int]:
    n_hits = 0
    started = time.perf_counter()
    for text in corpus:
        n_hits += len(function(text))  # type: ignore[arg-type]
    return len(corpus) / (time.perf_counter() - started), n_hits


def _spans(pattern: re.Pattern[str]) -> Callable[[str], list[tuple[int, int]]]:
    def find(text: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in pattern.finditer(text)]
    return find


def _spans_lower(pattern: re.Pattern[str]) -> Callable[[str], list[tuple[int, int]]]:
    def find(text: str) -> list[tuple[int, int]]:
        return [(m.start(), m.end()) for m in pattern.finditer(text.lower())]
    return find


def _span_finder(matcher: Matcher) -> Callable[[str], list[tuple[int, int]]]:
    # The Matcher's first stage alone (private on purpose: only the benchmark needs it).
    return matcher._terms._spans


def _time_matcher(lexicons: list[Lexicon], engine: str, corpus: list[str], repeats: int,
                  results: dict[str, dict[str, float | int]], suffix: str) -> None:
    """Cold (fresh matcher) and warm (second pass) entries/s of one engine."""
    cold, warm, compile_s = [], [], []
    hits = 0
    for _ in range(repeats):
        started = time.perf_counter()
        matcher = Matcher(lexicons, engine=engine)
        compile_s.append(time.perf_counter() - started)
        rate, hits = _rate(matcher.find, corpus)
        cold.append(rate)
        warm.append(_rate(matcher.find, corpus)[0])
    results[f"{engine}_cold{suffix}"] = {"entries_per_s": max(cold), "hits": hits,
                                         "compile_s": min(compile_s)}
    results[f"{engine}_warm{suffix}"] = {"entries_per_s": max(warm), "hits": hits}
    best = [_rate(_span_finder(matcher), corpus) for _ in range(repeats)]
    results[f"{engine}_spans{suffix}"] = {"entries_per_s": max(r for r, _ in best),
                                          "hits": best[0][1]}


def engines() -> list[str]:
    """The Matcher engines available here (``re`` always; ``ahocorasick`` if installed)."""
    return ["ahocorasick", "re"] if Matcher([]).engine == "ahocorasick" else ["re"]


def time_matchers(n_entries: int, repeats: int, *, zipf: bool) -> dict[str, object]:
    """Measure entries/s of every method for 300 and 3,000 terms (best of ``repeats``)."""
    rng = random.Random(SEED)
    terms_3000 = make_terms(rng, 3000)
    corpus = make_corpus(rng, terms_3000, n_entries, zipf=zipf)
    results: dict[str, dict[str, float | int]] = {}
    for n in (300, 3000):
        terms = terms_3000[:n]
        for engine in engines():
            _time_matcher([make_lexicon(terms)], engine, corpus, repeats, results, f"_{n}")
        pattern = trie_regex(terms)
        for key, function in (("trie_re", _spans(pattern)),
                              ("trie_re_lower", _spans_lower(re.compile(pattern.pattern)))):
            best = [_rate(function, corpus) for _ in range(repeats)]
            results[f"{key}_{n}"] = {"entries_per_s": max(r for r, _ in best),
                                     "hits": best[0][1]}
        sample = corpus[: max(1000, n_entries // 10)]
        rate, flat_hits = _rate(_spans(flat_regex(terms)), sample)
        results[f"flat_re_{n}"] = {"entries_per_s": rate, "hits": flat_hits,
                                   "entries_timed": len(sample)}
    return {"results": results, "n_entries": n_entries,
            "mean_entry_bytes": sum(len(t.encode()) for t in corpus) / len(corpus)}


def time_reference_feed(repeats: int) -> dict[str, object] | None:
    """Every bundled lexicon over the paragraphs of the real reference feed (x100), if present.

    The feed is looked for in ``$FRAMING_SHARED/corpora`` (default ``../shared``); without it
    this part is skipped.
    """
    shared = Path(os.environ.get("FRAMING_SHARED", str(ROOT.parent / "shared")))
    feed = shared / "corpora" / "000_476cce20535633e5.txt"
    if not feed.is_file():
        return None
    text = feed.read_text(encoding="utf-8")
    corpus = [p.strip() for p in text.split("\n\n") if p.strip()] * 100
    lexicons = resolve_lexicons([])
    results: dict[str, dict[str, float | int]] = {}
    for engine in engines():
        _time_matcher(lexicons, engine, corpus, repeats, results, "")
    return {"results": results, "n_entries": len(corpus),
            "mean_entry_bytes": sum(len(t.encode()) for t in corpus) / len(corpus),
            "lexicons": [lexicon.id for lexicon in lexicons],
            "n_forms": Matcher(lexicons).n_terms}


def _targets(results: dict[str, dict[str, float | int]], engine: str
             ) -> dict[str, float | bool]:
    def rate(key: str) -> float:
        return float(results[key]["entries_per_s"])

    figures: dict[str, float | bool] = {}
    for cache in ("cold", "warm"):
        figures[f"ratio_to_trie_3000_{cache}"] = (rate(f"{engine}_{cache}_3000")
                                                  / rate("trie_re_3000"))
        figures[f"slowdown_300_to_3000_{cache}"] = (rate(f"{engine}_{cache}_300")
                                                    / rate(f"{engine}_{cache}_3000"))
    figures["trie_re_slowdown_300_to_3000"] = rate("trie_re_300") / rate("trie_re_3000")
    figures["speed_target_met"] = figures["ratio_to_trie_3000_cold"] >= TARGET_RATIO_TO_TRIE
    figures["scaling_target_met"] = figures["slowdown_300_to_3000_cold"] <= TARGET_SLOWDOWN
    return figures


def main() -> None:
    """Run the benchmark, print Markdown tables and optionally write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=20_000, help="corpus size")
    parser.add_argument("--repeats", type=int, default=3, help="timing repeats (best is kept)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args()
    machine = {
        "nproc": os.cpu_count(),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "date": dt.date.today().isoformat(),
    }
    default = engines()[0]
    labels = {
        "ahocorasick_cold": "Matcher, pyahocorasick engine (default), cold cache",
        "ahocorasick_warm": "Matcher, pyahocorasick engine (default), warm cache",
        "re_cold": "Matcher, `re` engine, cold cache",
        "re_warm": "Matcher, `re` engine, warm cache",
        "trie_re": "one trie-shaped `re`, IGNORECASE, spans only (reference)",
        "trie_re_lower": "the same `re` on `text.lower()`, spans only",
        "flat_re": "flat `re` alternation, spans only",
        "ahocorasick_spans": "span finding alone, pyahocorasick engine",
        "re_spans": "span finding alone, `re` engine",
    }
    payload: dict[str, object] = {"benchmark": "lexicon matcher (issue 3)", "machine": machine,
                                  "command": "python benchmarks/bench_matcher.py",
                                  "default_engine": default}
    print(f"Machine: {machine['nproc']} CPUs, Python {machine['python']}, "
          f"{machine['platform']}, {machine['date']}; default engine: {default}")
    for scenario in ("zipf", "uniform"):
        measured = time_matchers(args.entries, args.repeats, zipf=scenario == "zipf")
        results = measured["results"]
        if not isinstance(results, dict):  # pragma: no cover - keeps mypy's narrowing honest
            raise TypeError("results")
        targets = {engine: _targets(results, engine) for engine in engines()}
        payload[scenario] = {**measured, "targets": targets}
        print(f"\n### Corpus '{scenario}': {measured['n_entries']:,} entries of "
              f"{measured['mean_entry_bytes']:.0f} bytes on average\n")
        print("| method | terms | entries/s | hits or spans | relative to trie `re` |")
        print("|---|---:|---:|---:|---:|")
        for method, label in labels.items():
            for n in (300, 3000):
                if f"{method}_{n}" not in results:
                    continue
                row = results[f"{method}_{n}"]
                reference = float(results[f"trie_re_{n}"]["entries_per_s"])
                note = (f" ({row['entries_timed']:,} entries timed)"
                        if "entries_timed" in row else "")
                print(f"| {label}{note} | {n:,} | {float(row['entries_per_s']):,.0f} | "
                      f"{int(row['hits']):,} | {float(row['entries_per_s']) / reference:.2f} |")
        print()
        for engine, figures in targets.items():
            print(f"- `{engine}` engine, speed with 3,000 terms: Matcher / trie `re` = "
                  f"{figures['ratio_to_trie_3000_cold']:.2f} cold, "
                  f"{figures['ratio_to_trie_3000_warm']:.2f} warm (target >= "
                  f"{TARGET_RATIO_TO_TRIE}): "
                  f"{'met' if figures['speed_target_met'] else 'NOT met'}")
            print(f"- `{engine}` engine, 300 → 3,000 terms: slows down "
                  f"{figures['slowdown_300_to_3000_cold']:.2f}x cold, "
                  f"{figures['slowdown_300_to_3000_warm']:.2f}x warm (target <= "
                  f"{TARGET_SLOWDOWN}x): "
                  f"{'met' if figures['scaling_target_met'] else 'NOT met'} "
                  f"(trie `re`: {figures['trie_re_slowdown_300_to_3000']:.2f}x)")
    real = time_reference_feed(args.repeats)
    if real is not None:
        payload["reference_feed"] = real
        real_results = real["results"]
        if not isinstance(real_results, dict):  # pragma: no cover - keeps mypy's narrowing
            raise TypeError("results")
        mean_bytes = float(str(real["mean_entry_bytes"]))
        print(f"\n### Reference feed: every bundled lexicon ({real['n_forms']:,} forms), "
              f"{real['n_entries']:,} paragraphs of {mean_bytes:.0f} bytes on average\n")
        print("| method | paragraphs/s | MB/s | hits or spans |")
        print("|---|---:|---:|---:|")
        for key, label in labels.items():
            if key in real_results:
                rate = float(real_results[key]["entries_per_s"])
                print(f"| {label} | {rate:,.0f} | {rate * mean_bytes / 1e6:.1f} | "
                      f"{int(real_results[key]['hits']):,} |")
    if args.json:
        args.json.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
