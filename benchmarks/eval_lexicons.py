r"""Coverage of the bundled lexicons against annotated data (issue 3, item 7).

Each bundled lexicon is scored against human annotations, beside the published word lists it
can be compared with. All lists go through the same :class:`framing.lexicon.Matcher`
(case-insensitive, whole words, multi-word terms, longest match); a comparison list is compiled
in memory into a temporary :class:`~framing.lexicon.Lexicon` (one entry per listed form, no
inflection added) and never written anywhere.

1. ``loaded-language`` vs **BABE** (Spinde et al. 2021, expert labels ``final_labels_SG2.csv``):
   token recall of the annotated biased words (an annotated word counts as covered when one of
   its occurrences in the sentence overlaps a match), sentence-level recall (biased sentences
   with >= 1 match), share of non-biased sentences with no match, precision and F1 of "has a
   match" as a biased-sentence predictor. Also ``loaded-language`` + the distancing and
   accusatory ``reporting-verbs`` (BABE's biased words include "claimed", "slammed"). Compared
   with BABE's own bias-word lexicon and the Recasens et al. (2013) bias lexicon.
2. ``loaded-language`` vs **BASIL** (Fan et al. 2019) lexical-bias spans: recall of the spans (a
   span is found when a match overlaps it), split by the annotation's fields (aim, polarity,
   quote) and by outlet; matches per 1,000 words in sentences with a lexical span, with only
   informational spans, and without any span.
3. ``hedges`` vs **BioScope** speculation cues (abstracts, full papers): cue recall (a cue is
   found when a match overlaps it), precision (matches overlapping a cue) and sentence-level
   P/R/F1 (a sentence is predicted uncertain when it has >= 1 match); **WikiWeasel** (CoNLL-2010
   Task 1W test file, sentence labels only): sentence-level P/R/F1. Compared with the hedge and
   weasel lists of Islam et al. (2020), wooorm, and Hyland (2005) as used by Recasens et al.
4. ``reporting-verbs`` vs **PolNeAR** Cue spans, dev split only (one annotation file per
   article): cue recall, precision (matches overlapping some Cue span), recall by the cue's head
   lemma and its frequency band, and the most frequent missed cue words. Compared with the
   Gender Gap Tracker quote-verb list and the Recasens et al. (2013) report verbs.

The data live in ``$FRAMING_SHARED/eval`` (default ``../shared/eval`` next to the repository);
without it the script says so and exits 0. BABE is AGPL and BASIL/PolNeAR carry no licence
(internal evaluation only): nothing is copied from them; only aggregate figures and single
words are reported.

Usage::

    python benchmarks/eval_lexicons.py [--shared PATH] [--json OUT]
"""

from __future__ import annotations

import argparse
import ast
import csv
import datetime as dt
import json
import os
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.lexicon import Lexicon, LexiconEntry, Match, Matcher, load_bundled  # noqa: E402

COMMAND = "python benchmarks/eval_lexicons.py"
SECTION_TITLE = "## Lexicon coverage against annotated data (issue 3, item 7)"

Span = tuple[int, int]
"""A character span (start, end), end exclusive."""

WORD_RE = re.compile(r"\w+(?:['’]\w+)*")
"""What counts as a word for per-1,000-word rates and head-word extraction."""

FUNCTION_WORDS = frozenset({
    "a", "an", "the", "of", "to", "in", "on", "at", "for", "from", "by", "with", "as", "into",
    "onto", "about", "over", "out", "up", "down", "off", "and", "or", "but", "nor", "so", "yet",
    "if", "than", "that", "this", "these", "those", "it", "its", "is", "are", "was", "were", "be",
    "been", "being", "am", "has", "have", "had", "do", "does", "did", "will", "would", "can",
    "could", "shall", "should", "may", "might", "must", "not", "no", "he", "she", "they", "we",
    "you", "i", "me", "him", "her", "them", "us", "his", "their", "our", "your", "my", "who",
    "whom", "which", "what", "when", "where", "there", "here", "all", "any", "some"
})
"""Function words: BABE annotators split biased phrases into tokens, these among them."""

AUXILIARIES = frozenset({
    "has", "have", "had", "having", "is", "are", "was", "were", "be", "been", "being", "am", "do",
    "does", "did", "will", "would", "can", "could", "shall", "should", "may", "might", "must",
    "also", "not", "never", "to", "just", "further", "then", "later", "still", "again", "a", "an",
    "the", "in", "s", "his", "her", "their", "its"
})
"""Words skipped to find the head word of a PolNeAR cue ("has said" -> "said", "’s claiming" ->
"claiming"): auxiliaries, modals, some adverbs, articles, possessives."""

IRREGULAR_LEMMAS = {
    "said": "say", "says": "say", "told": "tell", "wrote": "write", "written": "write",
    "thought": "think", "found": "find", "saw": "see", "seen": "see", "shown": "show",
    "spoke": "speak", "spoken": "speak", "knew": "know", "known": "know", "felt": "feel",
    "heard": "hear", "made": "make", "gave": "give", "given": "give", "took": "take",
    "taken": "take", "held": "hold", "meant": "mean", "sought": "seek", "taught": "teach",
    "brought": "bring", "began": "begin", "begun": "begin", "led": "lead", "kept": "keep",
    "got": "get", "gotten": "get", "went": "go", "gone": "go", "came": "come", "drew": "draw",
    "drawn": "draw", "swore": "swear", "sworn": "swear", "forbade": "forbid", "hid": "hide",
    "foresaw": "foresee", "foreseen": "foresee", "withdrew": "withdraw", "upheld": "uphold",
    "struck": "strike", "understood": "understand", "chose": "choose", "chosen": "choose",
    "according": "according to",
}
"""Irregular forms (and "according", the head of "according to") for :func:`simple_lemma`."""


# --------------------------------------------------------------------------------------------
# Scoring core (pure functions, checked by tests/test_eval_lexicons.py)
# --------------------------------------------------------------------------------------------


def overlaps(a: Span, b: Span) -> bool:
    """Whether two spans share at least one character."""
    return a[0] < b[1] and b[0] < a[1]


def _ratio(numerator: int, denominator: int) -> float | None:
    return numerator / denominator if denominator else None


def _f1(precision: float | None, recall: float | None) -> float | None:
    if precision is None or recall is None:
        return None
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass
class SpanScore:
    """Overlap-based span recall and precision, accumulated over documents.

    A gold span is *found* when some predicted span overlaps it; a predicted span is *correct*
    when it overlaps some gold span.
    """

    gold: int = 0
    found: int = 0
    predicted: int = 0
    correct: int = 0

    def update(self, gold: Sequence[Span], predicted: Sequence[Span]) -> list[bool]:
        """Add one document; return, for each gold span, whether it was found."""
        flags = [any(overlaps(g, p) for p in predicted) for g in gold]
        self.gold += len(gold)
        self.found += sum(flags)
        self.predicted += len(predicted)
        self.correct += sum(any(overlaps(p, g) for g in gold) for p in predicted)
        return flags

    @property
    def recall(self) -> float | None:
        """Share of gold spans found."""
        return _ratio(self.found, self.gold)

    @property
    def precision(self) -> float | None:
        """Share of predicted spans overlapping a gold span."""
        return _ratio(self.correct, self.predicted)

    @property
    def f1(self) -> float | None:
        """Harmonic mean of precision and recall."""
        return _f1(self.precision, self.recall)

    def as_dict(self) -> dict[str, Any]:
        """The counts and rates, for JSON."""
        return {"gold": self.gold, "found": self.found, "predicted": self.predicted,
                "correct": self.correct, "recall": self.recall, "precision": self.precision,
                "f1": self.f1}


@dataclass
class SentenceScore:
    """A binary sentence classifier's confusion counts ("has >= 1 match" vs the gold label)."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, predicted: bool) -> None:
        """Count one sentence."""
        if gold:
            if predicted:
                self.tp += 1
            else:
                self.fn += 1
        elif predicted:
            self.fp += 1
        else:
            self.tn += 1

    @property
    def recall(self) -> float | None:
        """Share of positive sentences predicted positive."""
        return _ratio(self.tp, self.tp + self.fn)

    @property
    def precision(self) -> float | None:
        """Share of predicted-positive sentences that are positive."""
        return _ratio(self.tp, self.tp + self.fp)

    @property
    def specificity(self) -> float | None:
        """Share of negative sentences predicted negative (here: with no match)."""
        return _ratio(self.tn, self.tn + self.fp)

    @property
    def f1(self) -> float | None:
        """F1 of the positive class."""
        return _f1(self.precision, self.recall)

    @property
    def macro_f1(self) -> float | None:
        """Mean of the F1 of the positive and of the negative class."""
        negative = _f1(_ratio(self.tn, self.tn + self.fn), self.specificity)
        if self.f1 is None or negative is None:
            return None
        return (self.f1 + negative) / 2

    def as_dict(self) -> dict[str, Any]:
        """The counts and rates, for JSON."""
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn,
                "recall": self.recall, "precision": self.precision,
                "specificity": self.specificity, "f1": self.f1, "macro_f1": self.macro_f1}


def locate_word(text: str, word: str) -> list[Span]:
    """Every whole-word, case-insensitive occurrence of an annotated word in a text.

    Quotes and punctuation around the annotated word are ignored ('"held"' finds held), and
    straight and curly apostrophes are interchangeable.
    """
    word = word.strip().strip("\"“”'‘’.,;:!?()[]")
    if not word:
        return []
    pattern = "".join("['’]" if char in "'’" else re.escape(char) for char in word)
    regex = re.compile(rf"(?<!\w){pattern}(?!\w)", re.IGNORECASE)
    return [(m.start(), m.end()) for m in regex.finditer(text)]


def word_coverage(text: str, words: Iterable[str], predicted: Sequence[Span]
                  ) -> list[tuple[str, bool | None]]:
    """For each distinct annotated word of a sentence: covered by a match, or None if absent.

    Words are deduplicated case-insensitively. A word is covered when any of its occurrences
    overlaps a predicted span; None means the word does not occur in the sentence (an
    annotation typo such as "insance").
    """
    result: list[tuple[str, bool | None]] = []
    seen: set[str] = set()
    for word in words:
        key = word.strip().strip("\"“”'‘’.,;:!?()[]").lower()
        if not key or key in seen:
            continue
        seen.add(key)
        spans = locate_word(text, word)
        covered = any(overlaps(s, p) for s in spans for p in predicted) if spans else None
        result.append((key, covered))
    return result


def count_words(text: str) -> int:
    """Number of words (``\\w+`` runs, apostrophes inside a word kept) in a text."""
    return len(WORD_RE.findall(text))


def simple_lemma(word: str, known: dict[str, str], vocabulary: frozenset[str] = frozenset()
                 ) -> str:
    """A small rule-based lemmatiser for grouping cue words (no model data needed).

    Args:
        word: one word.
        known: form -> lemma pairs tried first (e.g. every form of a reporting-verbs entry).
        vocabulary: attested words (e.g. every word of the corpus), used to choose between
            candidate stems: noted -> note (not "not"), argued -> argue, planned -> plan.

    Returns:
        The lower-cased lemma: ``known`` first, then irregular forms, then the first attested
        candidate of -ies/-ied, -ing, -ed, -es and -s stripping; without an attested candidate,
        the stripped stem (a doubled final consonant undoubled).
    """
    w = word.lower().replace("’", "'")
    if w in known:
        return known[w]
    if w in IRREGULAR_LEMMAS:
        return IRREGULAR_LEMMAS[w]
    candidates: list[str] = []
    fallback = w
    if len(w) > 4 and w.endswith(("ies", "ied")):
        candidates = [w[:-3] + "y"]
        fallback = candidates[0]
    elif w.endswith(("ing", "ed")) and len(w) > (6 if w.endswith("ing") else 4):
        stem = w[:-3] if w.endswith("ing") else w[:-2]
        doubled = len(stem) > 2 and stem[-1] == stem[-2] and stem[-1] not in "lsz"
        candidates = [stem + "e", stem] + ([stem[:-1]] if doubled else [])
        fallback = stem[:-1] if doubled else stem
    elif w.endswith("s") and not w.endswith(("ss", "us", "is")) and len(w) > 3:
        candidates = [w[:-1]] + ([w[:-2]] if w.endswith("es") else [])
        fallback = w[:-2] if w.endswith(("ches", "shes", "sses", "xes", "zes")) else w[:-1]
    for candidate in candidates:
        if candidate in vocabulary:
            return candidate
    return fallback


def inflections(lemma: str) -> list[str]:
    """Regular inflections of a lemma (its first word for a phrase), generously over-generated.

    Forms that are not words (``addd``) never match anything, so over-generation only costs
    memory: ``claim`` -> claims, claimed, claiming; ``deny`` -> denies, denied; ``admit`` ->
    admitted, admitting; irregular past forms come from the same table as :func:`simple_lemma`.
    """
    head, sep, rest = lemma.partition(" ")
    w = head.lower()
    forms = {w, w + "s", w + "es", w + "ed", w + "d", w + "ing"}
    if w.endswith("y"):
        forms |= {w[:-1] + "ies", w[:-1] + "ied"}
    if w.endswith("e"):
        forms.add(w[:-1] + "ing")
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou":
        forms |= {w + w[-1] + "ed", w + w[-1] + "ing"}
    forms |= {form for form, base in IRREGULAR_LEMMAS.items() if base == w}
    return [w + sep + rest, *sorted(f + sep + rest for f in forms - {w})]


def cue_head(cue: str, known: dict[str, str], vocabulary: frozenset[str] = frozenset()) -> str:
    """The lemma of a cue's first word, skipping auxiliaries and modals ("has said" -> say).

    A cue with no word at all (a colon, a dash) gives ``<punctuation>``.
    """
    words = WORD_RE.findall(cue)
    if not words:
        return "<punctuation>"
    heads = [word for word in words if word.lower() not in AUXILIARIES] or words
    return simple_lemma(heads[0], known, vocabulary)


# --------------------------------------------------------------------------------------------
# Lists and systems
# --------------------------------------------------------------------------------------------


def read_word_list(path: Path) -> list[str]:
    """One term per line; blank lines and ``#``/``;`` comment lines are skipped."""
    words = []
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        term = " ".join(line.split())
        if term and not term.startswith(("#", ";")):
            words.append(term)
    return words


def list_lexicon(name: str, words: Iterable[str], description: str = "", *,
                 inflect: bool = False) -> Lexicon:
    """An in-memory lexicon of a published word list: one literal entry per distinct form.

    With ``inflect``, each listed lemma also gets its regular inflections (:func:`inflections`)
    as variants; a form already given by an earlier entry is not repeated, and a listed word
    that an earlier entry already covers (``claims`` after ``claim``) adds no entry.
    """
    entries = []
    seen: set[str] = set()
    for word in words:
        word = " ".join(word.split())
        if not word or "*" in word or word.lower() in seen:
            continue
        forms = [f for f in (inflections(word) if inflect else [word]) if f.lower() not in seen]
        seen.update(f.lower() for f in forms)
        entries.append(LexiconEntry(category="listed", term=forms[0], variants=tuple(forms[1:])))
    return Lexicon(name=name, version="eval", description=description,
                   categories={"listed": description or name}, entries=tuple(entries))


@dataclass(frozen=True)
class System:
    """One list being scored: the lexicons (and categories) of the matcher whose matches count.

    Attributes:
        key: short id used in JSON.
        label: name shown in the tables.
        kind: ``bundled`` or ``comparison``.
        parts: (lexicon name, categories or None for all) pairs.
    """

    key: str
    label: str
    kind: str
    parts: tuple[tuple[str, frozenset[str] | None], ...]

    def keeps(self, match: Match) -> bool:
        """Whether a match belongs to this system."""
        return any(match.lexicon == name and (cats is None or match.category in cats)
                   for name, cats in self.parts)

    def spans(self, matches: Iterable[Match]) -> list[Span]:
        """The spans of this system's matches."""
        return [(m.start, m.end) for m in matches if self.keeps(m)]

    def n_forms(self, lexicons: dict[str, Lexicon]) -> int:
        """Number of surface forms the system matches with."""
        return sum(len(entry.forms) for name, cats in self.parts for entry in lexicons[name]
                   if cats is None or entry.category in cats)


@dataclass
class Bench:
    """The lexicons and systems of one dataset, compiled into one matcher."""

    systems: list[System]
    lexicons: dict[str, Lexicon] = field(default_factory=dict)
    matcher: Matcher | None = None

    def compile(self) -> Matcher:
        """Compile every lexicon the systems use into one matcher."""
        self.matcher = Matcher(self.lexicons.values())
        return self.matcher

    def spans(self, text: str) -> tuple[list[Match], dict[str, list[Span]]]:
        """All matches in a text and each system's spans."""
        assert self.matcher is not None
        matches = self.matcher.find(text)
        return matches, {s.key: s.spans(matches) for s in self.systems}


Comparison = tuple[str, str, Path, bool]
"""A comparison list: key, label, file, and whether its lemmas get regular inflections."""


def _bench(bundled: Sequence[System], comparisons: Sequence[Comparison]) -> Bench:
    """Build a bench: bundled systems, then one comparison system per list (if its file exists).

    A list of lemmas appears twice: as listed and with regular inflections added.
    """
    bench = Bench(systems=list(bundled))
    for system in bundled:
        for name, _ in system.parts:
            bench.lexicons.setdefault(name, load_bundled(name))
    for key, label, path, lemmas in comparisons:
        if not path.is_file():
            continue
        words = read_word_list(path)
        variants = [(key, label, False)]
        if lemmas:
            variants.append((f"{key}+infl", f"{label} + inflections", True))
        for variant_key, variant_label, inflect in variants:
            name = f"cmp-{variant_key}"
            bench.lexicons[name] = list_lexicon(name, words, variant_label, inflect=inflect)
            bench.systems.append(System(variant_key, variant_label, "comparison",
                                        ((name, None),)))
    bench.compile()
    return bench


LOADED = System("loaded-language", "`loaded-language` (bundled)", "bundled",
                (("loaded-language", None),))
LOADED_PLUS_RV = System(
    "loaded-language+rv", "`loaded-language` + `reporting-verbs` distancing/accusatory",
    "bundled",
    (("loaded-language", None), ("reporting-verbs", frozenset({"distancing", "accusatory"}))))
HEDGES = System("hedges", "`hedges` (bundled)", "bundled", (("hedges", None),))
HEDGES_EPISTEMIC = System(
    "hedges-epistemic", "`hedges` without approximator/frequency categories", "bundled",
    (("hedges", frozenset({"modal", "evidential", "epistemic_verb", "epistemic_adverb",
                           "tentative_adjective", "epistemic_noun", "hedging_phrase"})),))
HEDGES_PLUS_ANON = System("hedges+anonymous-sources", "`hedges` + `anonymous-sources`",
                          "bundled", (("hedges", None), ("anonymous-sources", None)))
REPORTING = System("reporting-verbs", "`reporting-verbs` (bundled)", "bundled",
                   (("reporting-verbs", None),))


def bias_comparisons(eval_dir: Path) -> list[Comparison]:
    """Comparison lists for loaded language."""
    return [
        ("babe-lexicon", "BABE bias-word lexicon (Spinde et al.)",
         eval_dir / "babe_mbic" / "bias_word_lexicon.txt", False),
        ("recasens-bias", "Recasens et al. 2013 bias lexicon (lemmas)",
         eval_dir / "recasens2013_lexicons" / "npov_lexicon.txt", True),
    ]


def hedge_comparisons(eval_dir: Path) -> list[Comparison]:
    """Comparison lists for hedges."""
    lists = eval_dir / "hedge_booster_lists"
    return [
        ("islam2020", "Islam et al. 2020 hedges (lemmas)", lists / "islam2020_hedge_words.txt",
         True),
        ("wooorm-hedges", "wooorm `hedges`", lists / "wooorm_hedges.txt", False),
        ("wooorm-weasels", "wooorm `weasels`", lists / "wooorm_weasels.txt", False),
        ("hyland2005", "Hyland 2005 hedges (Recasens et al.)",
         eval_dir / "recasens2013_lexicons" / "hedges_hyland2005.txt", False),
    ]


def attribution_comparisons(eval_dir: Path) -> list[Comparison]:
    """Comparison lists for reporting verbs."""
    lists = eval_dir / "attribution_lexicons"
    return [
        ("ggt", "GGT quote verbs (inflected)", lists / "ggt_quote_verb_list_en.txt", False),
        ("recasens-report", "Recasens et al. 2013 report verbs (lemmas)",
         lists / "recasens2013_report_verbs.txt", True),
    ]


def _top(counter: Counter[str], n: int) -> list[list[Any]]:
    return [[key, count] for key, count in counter.most_common(n)]


def by_category(tally: dict[str, list[int]]) -> dict[str, dict[str, Any]]:
    """Per category: matches, matches on target (on a gold span or in a positive sentence)."""
    return {category: {"matches": n, "on_target": hit, "share": _ratio(hit, n)}
            for category, (n, hit) in sorted(tally.items(), key=lambda kv: -kv[1][0])}


# --------------------------------------------------------------------------------------------
# 1. BABE
# --------------------------------------------------------------------------------------------


def eval_babe(eval_dir: Path) -> dict[str, Any] | None:
    """loaded-language vs BABE (SG2) biased words and sentence labels."""
    path = eval_dir / "babe_mbic" / "final_labels_SG2.csv"
    if not path.is_file():
        return None
    bench = _bench([LOADED, LOADED_PLUS_RV], bias_comparisons(eval_dir))
    with path.open(encoding="utf-8-sig", newline="") as handle:
        rows = [row for row in csv.DictReader(handle, delimiter=";")
                if row["label_bias"] in ("Biased", "Non-biased")]
    sentences = {s.key: SentenceScore() for s in bench.systems}
    tokens = {s.key: [0, 0, 0, 0] for s in bench.systems}  # located, covered, content, covered
    missed: dict[str, Counter[str]] = {s.key: Counter() for s in bench.systems}
    false_hits: Counter[str] = Counter()
    not_located: Counter[str] = Counter()
    categories: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    n_words = 0
    for row in rows:
        text = row["text"]
        biased = row["label_bias"] == "Biased"
        try:
            words = [str(w) for w in ast.literal_eval(row["biased_words"] or "[]")]
        except (ValueError, SyntaxError):
            words = []
        matches, spans = bench.spans(text)
        for system in bench.systems:
            sentences[system.key].add(biased, bool(spans[system.key]))
            tally = tokens[system.key]
            for word, covered in word_coverage(text, words, spans[system.key]):
                if covered is None:
                    if system is LOADED:
                        not_located[word] += 1
                    continue
                content = word not in FUNCTION_WORDS
                tally[0] += 1
                tally[1] += covered
                tally[2] += content
                tally[3] += covered and content
                if not covered and content:
                    missed[system.key][word] += 1
        for match in matches:
            if LOADED.keeps(match):
                categories[match.category][0] += 1
                categories[match.category][1] += biased
                if not biased:
                    false_hits[match.entry.label.lower()] += 1
        n_words += len(words)
    results: dict[str, Any] = {
        "dataset": "BABE SG2 (final_labels_SG2.csv), 'No agreement' dropped",
        "n_sentences": len(rows),
        "n_biased": sum(r["label_bias"] == "Biased" for r in rows),
        "n_annotated_words": n_words,
        "n_words_not_located": sum(not_located.values()),
        "systems": {},
    }
    for system in bench.systems:
        located, covered, content, content_covered = tokens[system.key]
        results["systems"][system.key] = {
            "label": system.label, "kind": system.kind,
            "forms": system.n_forms(bench.lexicons),
            "token_recall": _ratio(covered, located), "tokens": located,
            "content_token_recall": _ratio(content_covered, content), "content_tokens": content,
            "sentence": sentences[system.key].as_dict(),
            "top_missed_words": _top(missed[system.key], 25),
        }
    results["top_loaded_entries_in_non_biased"] = _top(false_hits, 15)
    results["loaded_categories_in_biased_sentences"] = by_category(categories)
    return results


# --------------------------------------------------------------------------------------------
# 2. BASIL
# --------------------------------------------------------------------------------------------


def _basil_articles(basil: Path) -> Iterator[tuple[dict[str, Any], dict[str, Any]]]:
    for ann_path in sorted((basil / "annotations").glob("*/*_ann.json")):
        art_path = basil / "articles" / ann_path.parent.name / ann_path.name.replace("_ann", "")
        if art_path.is_file():
            yield (json.loads(art_path.read_text(encoding="utf-8")),
                   json.loads(ann_path.read_text(encoding="utf-8")))


def eval_basil(eval_dir: Path) -> dict[str, Any] | None:
    """loaded-language vs BASIL lexical-bias spans."""
    basil = eval_dir / "basil"
    if not (basil / "annotations").is_dir():
        return None
    bench = _bench([LOADED, LOADED_PLUS_RV], bias_comparisons(eval_dir))
    keys = [s.key for s in bench.systems]
    lex = {k: SpanScore() for k in keys}
    inf = {k: SpanScore() for k in keys}
    by_field: dict[str, dict[str, list[int]]] = {k: defaultdict(lambda: [0, 0]) for k in keys}
    rates: dict[str, dict[str, list[int]]] = {k: defaultdict(lambda: [0, 0]) for k in keys}
    missed_words: dict[str, Counter[str]] = {k: Counter() for k in keys}
    unannotated_hits: Counter[str] = Counter()
    n_articles = n_sentences = unlocated = 0
    for article, annotation in _basil_articles(basil):
        n_articles += 1
        outlet = str(article.get("source", "?")).lower()
        sentences: dict[Any, str] = {"title": article.get("title", "")}
        body = [s for paragraph in article["body-paragraphs"] for s in paragraph]
        sentences.update(enumerate(body))
        spans: dict[Any, list[dict[str, Any]]] = defaultdict(list)
        for item in annotation.get("phrase-level-annotations", []):
            ident = str(item["id"])
            where: Any = int(ident[1:]) if re.fullmatch(r"p\d+", ident) else "title"
            text = sentences.get(where, "")
            if text[item["start"]:item["end"]] != item["txt"]:
                unlocated += 1
                continue
            spans[where].append(item)
        for where, text in sentences.items():
            if not text:
                continue
            n_sentences += 1
            matches, predicted = bench.spans(text)
            items = spans.get(where, [])
            lex_items = [i for i in items if i["bias"] == "lex"]
            group = ("lexical" if lex_items else "informational only" if items
                     else "no bias span")
            words = count_words(text)
            for key in keys:
                found = lex[key].update([(i["start"], i["end"]) for i in lex_items],
                                        predicted[key])
                inf[key].update([(i["start"], i["end"]) for i in items if i["bias"] == "inf"],
                                predicted[key])
                for item, hit in zip(lex_items, found, strict=True):
                    aim = "dir" if item["aim"] == "dir" else "ind"
                    for name in {f"aim:{aim}", f"aim:{item['aim']}",
                                 f"polarity:{item['polarity']}", f"quote:{item['quote']}",
                                 f"outlet:{outlet}"}:
                        by_field[key][name][0] += 1
                        by_field[key][name][1] += hit
                    if not hit:
                        missed_words[key].update(w.lower() for w in WORD_RE.findall(item["txt"])
                                            if w.lower() not in FUNCTION_WORDS)
                rates[key][group][0] += words
                rates[key][group][1] += len(predicted[key])
            if not items:
                unannotated_hits.update(m.entry.label.lower() for m in matches
                                        if LOADED.keeps(m))
    results: dict[str, Any] = {
        "dataset": "BASIL release 2 (300 articles; titles included as sentences)",
        "n_articles": n_articles, "n_sentences": n_sentences,
        "n_lexical_spans": lex[LOADED.key].gold, "n_informational_spans": inf[LOADED.key].gold,
        "n_spans_not_located": unlocated,
        "systems": {},
    }
    for system in bench.systems:
        k = system.key
        per_1000 = {group: {"words": w, "matches": m, "per_1000_words": _ratio(1000 * m, w)}
                    for group, (w, m) in sorted(rates[k].items())}
        results["systems"][k] = {
            "label": system.label, "kind": system.kind, "forms": system.n_forms(bench.lexicons),
            "lexical": lex[k].as_dict(), "informational": inf[k].as_dict(),
            "lexical_recall_by_field": {name: {"spans": n, "found": f, "recall": _ratio(f, n)}
                                        for name, (n, f) in sorted(by_field[k].items())},
            "matches_per_1000_words": per_1000,
        }
    results["top_missed_lexical_words"] = _top(missed_words[LOADED.key], 25)
    results["top_missed_lexical_words_with_rv"] = _top(missed_words[LOADED_PLUS_RV.key], 25)
    results["top_loaded_entries_in_unannotated_sentences"] = _top(unannotated_hits, 15)
    return results


# --------------------------------------------------------------------------------------------
# 3. Hedges: BioScope, WikiWeasel
# --------------------------------------------------------------------------------------------


def flatten_sentence(element: ET.Element) -> tuple[str, list[tuple[int, int, str]]]:
    """The text of a BioScope ``<sentence>`` and its cues as (start, end, type)."""
    parts: list[str] = []
    cues: list[tuple[int, int, str]] = []
    position = 0

    def walk(node: ET.Element) -> None:
        nonlocal position
        if node.text:
            parts.append(node.text)
            position += len(node.text)
        for child in node:
            start = position
            walk(child)
            if child.tag == "cue":
                cues.append((start, position, child.get("type", "")))
            if child.tail:
                parts.append(child.tail)
                position += len(child.tail)

    walk(element)
    return "".join(parts), cues


def eval_bioscope(eval_dir: Path) -> dict[str, Any] | None:
    """hedges vs BioScope speculation cues (abstracts and full papers)."""
    folder = eval_dir / "bioscope"
    files = [(name, folder / f"{name}.xml") for name in ("abstracts", "full_papers")]
    files = [(name, path) for name, path in files if path.is_file()]
    if not files:
        return None
    bench = _bench([HEDGES, HEDGES_EPISTEMIC], hedge_comparisons(eval_dir))
    results: dict[str, Any] = {"dataset": "BioScope (abstracts, full papers)", "parts": {}}
    categories: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, path in files:
        spans = {s.key: SpanScore() for s in bench.systems}
        sentences = {s.key: SentenceScore() for s in bench.systems}
        missed: Counter[str] = Counter()
        false_hits: Counter[str] = Counter()
        n = n_uncertain = 0
        for element in ET.parse(path).getroot().iter("sentence"):
            text, cues = flatten_sentence(element)
            gold = [(s, e) for s, e, kind in cues if kind == "speculation"]
            n += 1
            n_uncertain += bool(gold)
            matches, predicted = bench.spans(text)
            for system in bench.systems:
                found = spans[system.key].update(gold, predicted[system.key])
                sentences[system.key].add(bool(gold), bool(predicted[system.key]))
                if system is HEDGES:
                    missed.update(" ".join(text[s:e].lower().split())
                                  for (s, e), hit in zip(gold, found, strict=True) if not hit)
            for match in matches:
                if HEDGES.keeps(match):
                    on_cue = any(overlaps((match.start, match.end), g) for g in gold)
                    categories[match.category][0] += 1
                    categories[match.category][1] += on_cue
                    if not on_cue:
                        false_hits[match.entry.label.lower()] += 1
        results["parts"][name] = {
            "n_sentences": n, "n_uncertain": n_uncertain, "n_cues": spans[HEDGES.key].gold,
            "systems": {s.key: {"label": s.label, "kind": s.kind,
                                "forms": s.n_forms(bench.lexicons),
                                "cues": spans[s.key].as_dict(),
                                "sentence": sentences[s.key].as_dict()}
                        for s in bench.systems},
            "top_missed_cues": _top(missed, 20),
            "top_hedges_entries_not_on_a_cue": _top(false_hits, 15),
        }
    results["hedges_categories_on_a_cue"] = by_category(categories)
    return results


PTB_ESCAPES = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{",
               "-RCB-": "}"}


def eval_wikiweasel(eval_dir: Path) -> dict[str, Any] | None:
    """hedges vs WikiWeasel sentence labels (CoNLL-2010 Task 1W test file)."""
    path = eval_dir / "wikiweasel_szeged" / "test.csv"
    if not path.is_file():
        return None
    bench = _bench([HEDGES, HEDGES_EPISTEMIC, HEDGES_PLUS_ANON],
                   hedge_comparisons(eval_dir))
    sentences = {s.key: SentenceScore() for s in bench.systems}
    false_hits: Counter[str] = Counter()
    categories: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    n = n_uncertain = 0
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            text = row["text"].strip()
            if not text:
                continue
            for escape, char in PTB_ESCAPES.items():
                text = text.replace(escape, char)
            uncertain = row["label"].strip() == "1"
            n += 1
            n_uncertain += uncertain
            matches, predicted = bench.spans(text)
            for system in bench.systems:
                sentences[system.key].add(uncertain, bool(predicted[system.key]))
            for match in matches:
                if HEDGES.keeps(match):
                    categories[match.category][0] += 1
                    categories[match.category][1] += uncertain
                    if not uncertain:
                        false_hits[match.entry.label.lower()] += 1
    return {
        "dataset": "WikiWeasel test.csv (CoNLL-2010 Task 1W eval set, part of the certain "
                   "sentences missing)",
        "n_sentences": n, "n_uncertain": n_uncertain,
        "systems": {s.key: {"label": s.label, "kind": s.kind, "forms": s.n_forms(bench.lexicons),
                            "sentence": sentences[s.key].as_dict()} for s in bench.systems},
        "top_hedges_entries_in_certain_sentences": _top(false_hits, 15),
        "hedges_categories_in_uncertain_sentences": by_category(categories),
    }


# --------------------------------------------------------------------------------------------
# 4. PolNeAR
# --------------------------------------------------------------------------------------------


def read_brat_cues(path: Path) -> list[tuple[Span, str]]:
    """The Cue spans of a brat ``.ann`` file (discontinuous spans: their overall extent)."""
    cues = []
    for line in path.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 3 or not parts[0].startswith("T"):
            continue
        label, _, offsets = parts[1].partition(" ")
        if label != "Cue":
            continue
        numbers = [int(x) for x in re.findall(r"\d+", offsets)]
        cues.append(((min(numbers), max(numbers)), parts[2]))
    return cues


FREQUENCY_BANDS = ((1, 5), (6, 20), (21, 100), (101, 10**9))


def eval_polnear(eval_dir: Path) -> dict[str, Any] | None:
    """reporting-verbs vs PolNeAR Cue spans (dev split, first annotation file per article)."""
    dev = eval_dir / "polnear" / "data" / "dev"
    if not (dev / "attributions").is_dir():
        return None
    bench = _bench([REPORTING], attribution_comparisons(eval_dir))
    reporting = bench.lexicons["reporting-verbs"]
    known = {form.lower(): str(entry.term).lower() for entry in reporting
             for form in entry.forms if " " not in form}
    chosen: dict[str, Path] = {}
    for ann in sorted((dev / "attributions").glob("*.ann")):
        chosen.setdefault(ann.stem.rsplit("_", 1)[0], ann)
    texts = {stem: (dev / "text" / f"{stem}.txt").read_text(encoding="utf-8")
             for stem in chosen if (dev / "text" / f"{stem}.txt").is_file()}
    # Candidate lemmas must be attested: the lexicon's lemmas and every word of the dev texts.
    vocabulary = frozenset(known.values()) | frozenset(
        w.lower() for text in texts.values() for w in WORD_RE.findall(text))
    keys = [s.key for s in bench.systems]
    spans = {k: SpanScore() for k in keys}
    lexical = {k: SpanScore() for k in keys}
    per_lemma: dict[str, dict[str, list[int]]] = {k: defaultdict(lambda: [0, 0]) for k in keys}
    missed: Counter[str] = Counter()
    false_hits: Counter[str] = Counter()
    categories: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    n_docs = 0
    for stem, text in texts.items():
        n_docs += 1
        cues = read_brat_cues(chosen[stem])
        gold = [span for span, _ in cues]
        heads = [cue_head(cue, known, vocabulary) for _, cue in cues]
        is_lexical = [bool(re.search(r"[^\W\d_]", cue)) for _, cue in cues]
        matches, predicted = bench.spans(text)
        for key in keys:
            found = spans[key].update(gold, predicted[key])
            lexical[key].update([g for g, lex in zip(gold, is_lexical, strict=True) if lex],
                                predicted[key])
            for head, hit in zip(heads, found, strict=True):
                per_lemma[key][head][0] += 1
                per_lemma[key][head][1] += hit
                if key == REPORTING.key and not hit:
                    missed[head] += 1
        for match in matches:
            if REPORTING.keeps(match):
                on_cue = any(overlaps((match.start, match.end), g) for g in gold)
                categories[match.category][0] += 1
                categories[match.category][1] += on_cue
                if not on_cue:
                    false_hits[match.entry.label.lower()] += 1
    frequency = {head: n for head, (n, _) in per_lemma[REPORTING.key].items()}
    results: dict[str, Any] = {
        "dataset": "PolNeAR v1.0.0 dev split (first annotation file of each article)",
        "n_articles": n_docs, "n_cues": spans[REPORTING.key].gold,
        "n_lexical_cues": lexical[REPORTING.key].gold, "n_cue_lemmas": len(frequency),
        "systems": {},
    }
    for system in bench.systems:
        k = system.key
        bands = {}
        for low, high in FREQUENCY_BANDS:
            heads = [h for h, n in frequency.items() if low <= n <= high]
            total = sum(per_lemma[k][h][0] for h in heads)
            hit = sum(per_lemma[k][h][1] for h in heads)
            name = f"{low}-{high}" if high < 10**9 else f">={low}"
            bands[name] = {"lemmas": len(heads), "cues": total, "found": hit,
                           "recall": _ratio(hit, total)}
        results["systems"][k] = {
            "label": system.label, "kind": system.kind, "forms": system.n_forms(bench.lexicons),
            "cues": spans[k].as_dict(), "lexical_cues": lexical[k].as_dict(),
            "recall_by_lemma_frequency": bands,
        }
    top_lemmas = [h for h, _ in Counter(frequency).most_common(20)]
    results["top_lemmas"] = [
        {"lemma": h, "cues": frequency[h],
         **{k: _ratio(per_lemma[k][h][1], per_lemma[k][h][0]) for k in keys}}
        for h in top_lemmas]
    results["top_missed_cue_lemmas"] = _top(missed, 20)
    results["top_reporting_entries_not_on_a_cue"] = _top(false_hits, 15)
    results["reporting_stances_on_a_cue"] = by_category(categories)
    return results


# --------------------------------------------------------------------------------------------
# Markdown
# --------------------------------------------------------------------------------------------


def pct(value: float | None) -> str:
    """A share as a percentage with one decimal, or n/a."""
    return "n/a" if value is None else f"{100 * value:.1f}%"


def _words(pairs: Sequence[Sequence[Any]], n: int = 20) -> str:
    return ", ".join(f"{word} ({count})" for word, count in pairs[:n]) or "none"


def _categories(table: dict[str, dict[str, Any]]) -> str:
    return "; ".join(f"{category} {pct(item['share'])} of {item['matches']:,}"
                     for category, item in table.items())


def _label(system: dict[str, Any]) -> str:
    return system["label"] + (" *(comparison)*" if system["kind"] == "comparison" else "")


def render(results: dict[str, Any]) -> str:
    """The Markdown section for stdout and RESULTS.md."""
    out: list[str] = [SECTION_TITLE, ""]
    meta = results["meta"]
    out += [
        f"- Date: {meta['date']}; command: `{meta['command']}` (add `--json OUT` for the "
        f"figures as JSON); runtime {meta['runtime_s']:.0f} s.",
        f"- Lexicons: {', '.join(meta['lexicons'])}. Data: `$FRAMING_SHARED/eval/` "
        "(not in the repository; BABE is AGPL, BASIL and PolNeAR are internal-only: only "
        "aggregate figures and single words are reported here).",
        "- Matching: every list, bundled or comparison, goes through the same `Matcher` "
        "(case-insensitive, whole words, longest match); comparison lists are compiled in "
        "memory as listed. Lists of lemmas (Recasens et al., Islam et al.) would miss every "
        "inflected form by construction, so they appear twice: as listed and with regular "
        "inflections generated in memory (`+ inflections`). A gold span counts as found when "
        "a match overlaps it.",
        "",
    ]
    babe = results.get("babe")
    out.append("### 1. `loaded-language` vs BABE biased words and sentence labels")
    out.append("")
    if babe is None:
        out += ["BABE not found: skipped.", ""]
    else:
        out += [
            f"{babe['n_sentences']:,} SG2 sentences ({babe['n_biased']:,} biased; 'No "
            f"agreement' dropped); {babe['n_annotated_words']:,} annotated biased words, "
            f"{babe['n_words_not_located']} of them not found in their sentence (typos) and "
            "left out. *Token recall*: share of the distinct annotated words of a sentence "
            "covered by a match; *content*: the same without function words (annotators split "
            "phrases such as 'the radical left' into words). Sentence level: the predictor is "
            "'sentence has >= 1 match'.",
            "",
            "| list | forms | token recall | content-token recall | biased sent. with match "
            "(recall) | non-biased sent. without match | precision | F1 (biased) | macro-F1 |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for s in babe["systems"].values():
            sent = s["sentence"]
            out.append(
                f"| {_label(s)} | {s['forms']:,} | {pct(s['token_recall'])} "
                f"({s['tokens']:,}) | {pct(s['content_token_recall'])} | "
                f"{pct(sent['recall'])} | {pct(sent['specificity'])} | "
                f"{pct(sent['precision'])} | {pct(sent['f1'])} | {pct(sent['macro_f1'])} |")
        out += [
            "",
            "Published (not comparable: trained classifiers, 5-fold CV): sentence macro-F1 "
            "0.804 (RoBERTa/BERT+distant, Spinde et al. 2021); feature-based XGBoost baseline "
            "F1 0.517; word-level baselines F1 0.15-0.40.",
            "",
            "- Most frequent annotated content words **missed** by `loaded-language`: "
            + _words(babe["systems"]["loaded-language"]["top_missed_words"]) + ".",
            "- Still missed with the distancing/accusatory reporting verbs added: "
            + _words(babe["systems"]["loaded-language+rv"]["top_missed_words"], 15) + ".",
            "- `loaded-language` entries most often matched in **non-biased** sentences: "
            + _words(babe["top_loaded_entries_in_non_biased"], 15) + ".",
            "- Share of `loaded-language` matches that fall in biased sentences, by category: "
            + _categories(babe["loaded_categories_in_biased_sentences"]) + ".",
            "",
        ]
    basil = results.get("basil")
    out.append("### 2. `loaded-language` vs BASIL lexical-bias spans")
    out.append("")
    if basil is None:
        out += ["BASIL not found: skipped.", ""]
    else:
        out += [
            f"{basil['n_articles']} articles, {basil['n_sentences']:,} sentences (titles "
            f"included), {basil['n_lexical_spans']} lexical and "
            f"{basil['n_informational_spans']:,} informational spans. Recall of lexical spans, "
            "split by the annotation's own fields (aim: `dir` = at the main target, `ind` = "
            "indirect; polarity; inside a quote or not) and by outlet; the informational "
            "spans are shown for contrast (a word list is not expected to find them).",
            "",
            "| list | forms | lexical recall | aim dir | aim ind | neg | pos | quote no | "
            "quote yes | fox | nyt | hpo | inf. recall | lexical-span precision |",
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for s in basil["systems"].values():
            f = s["lexical_recall_by_field"]

            def cell(name: str, f: dict[str, Any] = f) -> str:
                item = f.get(name)
                return f"{pct(item['recall'])} ({item['spans']})" if item else "n/a"

            out.append(
                f"| {_label(s)} | {s['forms']:,} | {pct(s['lexical']['recall'])} | "
                + " | ".join(cell(n) for n in ("aim:dir", "aim:ind", "polarity:neg",
                                               "polarity:pos", "quote:no", "quote:yes",
                                               "outlet:fox", "outlet:nyt", "outlet:hpo"))
                + f" | {pct(s['informational']['recall'])} | "
                f"{pct(s['lexical']['precision'])} |")
        out += [
            "",
            "Matches per 1,000 words by sentence group (a lexicon that tracks lexical bias "
            "should fire more often in sentences with a lexical span):",
            "",
            "| list | with a lexical span | informational spans only | no bias span | ratio "
            "lexical / none |",
            "|---|---:|---:|---:|---:|",
        ]
        for s in basil["systems"].values():
            rate = s["matches_per_1000_words"]

            def per(group: str, rate: dict[str, Any] = rate) -> float | None:
                item = rate.get(group)
                return item["per_1000_words"] if item else None

            lex_rate, none_rate = per("lexical"), per("no bias span")
            ratio = f"{lex_rate / none_rate:.1f}x" if lex_rate and none_rate else "n/a"
            cells = " | ".join("n/a" if per(g) is None else f"{per(g):.1f}"
                               for g in ("lexical", "informational only", "no bias span"))
            out.append(f"| {_label(s)} | {cells} | {ratio} |")
        out += [
            "",
            "- Words of lexical spans **missed** by `loaded-language` (function words left "
            "out): " + _words(basil["top_missed_lexical_words"]) + ".",
            "- Still missed with the distancing/accusatory reporting verbs added: "
            + _words(basil["top_missed_lexical_words_with_rv"], 15) + ".",
            "- `loaded-language` entries most often matched in sentences **without** any "
            "bias span: " + _words(basil["top_loaded_entries_in_unannotated_sentences"], 15)
            + ".",
            "",
        ]
    out.append("### 3. `hedges` vs BioScope speculation cues and WikiWeasel")
    out.append("")
    bio = results.get("bioscope")
    if bio is None:
        out += ["BioScope not found: skipped.", ""]
    else:
        out += [
            "BioScope annotates speculation (epistemic uncertainty) only, not vagueness: "
            "approximators (approximately, at least, up to) and frequency hedges (often, "
            "usually) are never cues there, so `hedges` is also shown without those two "
            "categories.",
            "",
        ]
        for name, part in bio["parts"].items():
            out += [
                f"**BioScope {name.replace('_', ' ')}**: {part['n_sentences']:,} sentences, "
                f"{part['n_uncertain']:,} with speculation, {part['n_cues']:,} speculation cue "
                "elements (each part of a discontinuous cue such as either ... or counts).",
                "",
                "| list | forms | cue recall | cue precision | cue F1 | sentence P | "
                "sentence R | sentence F1 |",
                "|---|---:|---:|---:|---:|---:|---:|---:|",
            ]
            for s in part["systems"].values():
                c, sent = s["cues"], s["sentence"]
                out.append(
                    f"| {_label(s)} | {s['forms']:,} | {pct(c['recall'])} | "
                    f"{pct(c['precision'])} | {pct(c['f1'])} | {pct(sent['precision'])} | "
                    f"{pct(sent['recall'])} | {pct(sent['f1'])} |")
            out += [
                "",
                f"- Cues **missed** by `hedges`: {_words(part['top_missed_cues'])}.",
                "- `hedges` entries most often matched **off** a cue: "
                + _words(part["top_hedges_entries_not_on_a_cue"], 15) + ".",
                "",
            ]
        out += [
            "- Share of `hedges` matches on a cue, by category (both parts): "
            + _categories(bio["hedges_categories_on_a_cue"]) + ".",
            "",
        ]
    wiki = results.get("wikiweasel")
    if wiki is None:
        out += ["WikiWeasel not found: skipped.", ""]
    else:
        out += [
            f"**WikiWeasel** (CoNLL-2010 Task 1W test file): {wiki['n_sentences']:,} "
            f"sentences, {wiki['n_uncertain']:,} uncertain (the certain sentences are "
            "incomplete, so precision is somewhat inflated against the official set); sentence "
            "labels only, no cue spans.",
            "",
            "| list | forms | sentence P | sentence R | sentence F1 |",
            "|---|---:|---:|---:|---:|",
        ]
        for s in wiki["systems"].values():
            sent = s["sentence"]
            out.append(f"| {_label(s)} | {s['forms']:,} | {pct(sent['precision'])} | "
                       f"{pct(sent['recall'])} | {pct(sent['f1'])} |")
        out += [
            "",
            "- `hedges` entries most often matched in **certain** sentences: "
            + _words(wiki["top_hedges_entries_in_certain_sentences"], 15) + ".",
            "- Share of `hedges` matches in uncertain sentences, by category: "
            + _categories(wiki["hedges_categories_in_uncertain_sentences"]) + ".",
            "",
        ]
    out += [
        "Published CoNLL-2010 figures, for context only (trained systems, evaluated on other "
        "held-out articles; a lexicon run over the training-data corpora is not comparable): "
        "Task 1B biological uncertain-sentence F1 86.4 (Tang et al.), Task 2 cue + scope F1 "
        "about 57.3; Task 1W Wikipedia uncertain-sentence F1 60.2 (Georgescul).",
        "",
    ]
    pol = results.get("polnear")
    out.append("### 4. `reporting-verbs` vs PolNeAR Cue spans (dev split)")
    out.append("")
    if pol is None:
        out += ["PolNeAR not found: skipped.", ""]
    else:
        out += [
            f"{pol['n_articles']} dev articles (the first annotation file of the double-"
            f"annotated ones), {pol['n_cues']:,} Cue spans ({pol['n_lexical_cues']:,} with a "
            "letter; the rest are colons and dashes introducing quotes), "
            f"{pol['n_cue_lemmas']} distinct head lemmas (first word of the cue after "
            "auxiliaries and modals, rule-based lemmatiser). Precision: share of the list's "
            "matches that overlap a Cue span (uses of the verbs outside attributions, e.g. "
            "'called' for naming, count against it).",
            "",
            "| list | forms | cue recall | recall, word cues | precision | F1 | recall by "
            "head-lemma frequency: "
            + " / ".join(pol["systems"]["reporting-verbs"]["recall_by_lemma_frequency"])
            + " cues per lemma |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        for s in pol["systems"].values():
            bands = " / ".join(pct(b["recall"]) for b in s["recall_by_lemma_frequency"].values())
            out.append(
                f"| {_label(s)} | {s['forms']:,} | {pct(s['cues']['recall'])} | "
                f"{pct(s['lexical_cues']['recall'])} | {pct(s['cues']['precision'])} | "
                f"{pct(s['cues']['f1'])} | {bands} |")
        keys = list(pol["systems"])
        out += [
            "",
            "Recall on the 20 most frequent head lemmas:",
            "",
            "| lemma | cues | " + " | ".join(pol["systems"][k]["label"] for k in keys) + " |",
            "|---|---:|" + "---:|" * len(keys),
        ]
        for row in pol["top_lemmas"]:
            out.append(f"| {row['lemma']} | {row['cues']} | "
                       + " | ".join(pct(row[k]) for k in keys) + " |")
        out += [
            "",
            "- Top 20 **missed** cue lemmas (`reporting-verbs`): "
            + _words(pol["top_missed_cue_lemmas"]) + ".",
            "- `reporting-verbs` entries most often matched **off** a Cue span: "
            + _words(pol["top_reporting_entries_not_on_a_cue"], 15) + ".",
            "- Share of `reporting-verbs` matches on a Cue span, by stance: "
            + _categories(pol["reporting_stances_on_a_cue"]) + ".",
            "",
            "No published model figures on PolNeAR; for scale, BBC Citron reports cue-span "
            "exact F1 82.3 on PARC 3.0 (WSJ; trained model, not comparable).",
            "",
        ]
    return "\n".join(out).rstrip() + "\n"


# --------------------------------------------------------------------------------------------
# Main
# --------------------------------------------------------------------------------------------


def default_shared() -> Path:
    """``$FRAMING_SHARED``, else ``../shared`` relative to the repository root."""
    configured = os.environ.get("FRAMING_SHARED")
    return Path(configured) if configured else ROOT.parent / "shared"


EVALUATIONS: tuple[tuple[str, Callable[[Path], dict[str, Any] | None]], ...] = (
    ("babe", eval_babe),
    ("basil", eval_basil),
    ("bioscope", eval_bioscope),
    ("wikiweasel", eval_wikiweasel),
    ("polnear", eval_polnear),
)


def run(eval_dir: Path) -> dict[str, Any]:
    """Run every evaluation whose data is present; return the figures."""
    started = time.perf_counter()
    results: dict[str, Any] = {}
    for key, evaluate in EVALUATIONS:
        results[key] = evaluate(eval_dir)
    names = ("loaded-language", "reporting-verbs", "hedges")
    results["meta"] = {
        "date": dt.date.today().isoformat(),
        "command": COMMAND,
        "runtime_s": time.perf_counter() - started,
        "lexicons": [f"`{load_bundled(n).name}` v{load_bundled(n).version}" for n in names],
        "python": sys.version.split()[0],
    }
    return results


def main(argv: Sequence[str] | None = None) -> int:
    """Evaluate the bundled lexicons; print Markdown and optionally write JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=None,
                        help="the shared data folder (default: $FRAMING_SHARED or ../shared)")
    parser.add_argument("--json", type=Path, default=None, help="write the figures here")
    args = parser.parse_args(argv)
    shared = args.shared or default_shared()
    eval_dir = shared / "eval"
    if not eval_dir.is_dir():
        print(f"eval_lexicons: no evaluation data at {eval_dir} (set FRAMING_SHARED or pass "
              "--shared); nothing to do.")
        return 0
    results = run(eval_dir)
    if all(results[key] is None for key, _ in EVALUATIONS):
        print(f"eval_lexicons: none of the annotated datasets was found under {eval_dir}; "
              "nothing to do.")
        return 0
    print(render(results), end="")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n",
                             encoding="utf-8")
        print(f"\nFigures written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
