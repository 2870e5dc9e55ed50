"""The scoring core of benchmarks/eval_lexicons.py on hand-made examples (no ../shared needed)."""

from __future__ import annotations

import importlib.util
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest

from framing.lexicon import Matcher

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "eval_lexicons.py"


@pytest.fixture(scope="module")
def ev() -> ModuleType:
    """The benchmark script, imported as a module."""
    spec = importlib.util.spec_from_file_location("eval_lexicons", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["eval_lexicons"] = module
    spec.loader.exec_module(module)
    return module


# Three sentences, one hand-placed gold span each; the predictions below find exactly two of
# them, so recall must be exactly 2/3.
SENTENCES = [
    "The regime slammed the so-called talks.",   # gold: "regime" (4, 10)
    "Officials said the plan was reasonable.",   # gold: "said" (10, 14)
    "A quiet day in the capital.",               # gold: "quiet" (2, 7)
]
GOLD = [[(4, 10)], [(10, 14)], [(2, 7)]]


def test_overlap_is_strict_about_touching_spans(ev: ModuleType) -> None:
    assert ev.overlaps((0, 5), (4, 9))
    assert ev.overlaps((4, 9), (0, 5))
    assert ev.overlaps((2, 3), (0, 10))
    assert not ev.overlaps((0, 5), (5, 9))  # end is exclusive: touching is not overlapping
    assert not ev.overlaps((5, 9), (0, 5))


def test_span_score_recall_two_thirds(ev: ModuleType) -> None:
    predicted = [
        [(6, 10), (18, 27)],  # overlaps "regime" partly; "so-called" has no gold span
        [(10, 14)],           # exactly "said"
        [],                   # "quiet" missed
    ]
    score = ev.SpanScore()
    flags = [score.update(gold, pred) for gold, pred in zip(GOLD, predicted, strict=True)]
    assert flags == [[True], [True], [False]]
    assert (score.gold, score.found, score.predicted, score.correct) == (3, 2, 3, 2)
    assert score.recall == pytest.approx(2 / 3)
    assert score.precision == pytest.approx(2 / 3)
    assert score.f1 == pytest.approx(2 / 3)


def test_span_score_empty_is_not_zero(ev: ModuleType) -> None:
    score = ev.SpanScore()
    score.update([], [])
    assert score.recall is None and score.precision is None and score.f1 is None


def test_span_score_through_the_matcher(ev: ModuleType) -> None:
    lexicon = ev.list_lexicon("tiny", ["regime", "say", "so-called"], inflect=True)
    matcher = Matcher([lexicon])
    score = ev.SpanScore()
    for text, gold in zip(SENTENCES, GOLD, strict=True):
        score.update(gold, [(m.start, m.end) for m in matcher.find(text)])
    # regime and said (an inflection of "say") are found, quiet is not; so-called is off-gold.
    assert score.recall == pytest.approx(2 / 3)
    assert (score.predicted, score.correct) == (3, 2)


def test_sentence_score(ev: ModuleType) -> None:
    score = ev.SentenceScore()
    for gold, predicted in [(True, True), (True, True), (True, False), (False, True),
                            (False, False), (False, False), (False, False)]:
        score.add(gold, predicted)
    assert (score.tp, score.fn, score.fp, score.tn) == (2, 1, 1, 3)
    assert score.recall == pytest.approx(2 / 3)
    assert score.precision == pytest.approx(2 / 3)
    assert score.specificity == pytest.approx(3 / 4)
    assert score.f1 == pytest.approx(2 / 3)
    # negative class: precision 3/4, recall 3/4 -> F1 3/4; macro = (2/3 + 3/4) / 2
    assert score.macro_f1 == pytest.approx((2 / 3 + 3 / 4) / 2)


def test_word_coverage(ev: ModuleType) -> None:
    text = "Leftist “experts” claimed the leftist mob didn’t care."
    predicted = [(0, 7), (38, 41)]  # "Leftist" and "mob"
    result = ev.word_coverage(text, ["leftist", '"experts"', "mob", "insance", "Leftist",
                                     "didn't"], predicted)
    assert result == [("leftist", True), ("experts", False), ("mob", True),
                      ("insance", None), ("didn't", False)]
    # whole words only
    assert ev.locate_word("preoccupied occupied", "occupied") == [(12, 20)]


def test_lemmas_and_cue_heads(ev: ModuleType) -> None:
    vocabulary = frozenset({"note", "not", "argue", "plan", "call", "wish"})
    assert ev.simple_lemma("noted", {}, vocabulary) == "note"
    assert ev.simple_lemma("argued", {}, vocabulary) == "argue"
    assert ev.simple_lemma("planned", {}, vocabulary) == "plan"
    assert ev.simple_lemma("wishes", {}, vocabulary) == "wish"
    assert ev.simple_lemma("denied", {}, vocabulary) == "deny"
    assert ev.simple_lemma("told", {}, vocabulary) == "tell"
    assert ev.simple_lemma("Stated", {"stated": "state"}) == "state"
    assert ev.cue_head("has also said", {}, vocabulary) == "say"
    assert ev.cue_head("’s claiming", {}, vocabulary) == "claim"
    assert ev.cue_head("called for", {}, vocabulary) == "call"
    assert ev.cue_head("according to", {}, vocabulary) == "according to"
    assert ev.cue_head(":", {}, vocabulary) == "<punctuation>"


def test_inflections(ev: ModuleType) -> None:
    assert ev.inflections("claim")[0] == "claim"
    assert {"claims", "claimed", "claiming"} <= set(ev.inflections("claim"))
    assert {"denies", "denied"} <= set(ev.inflections("deny"))
    assert {"admitted", "admitting"} <= set(ev.inflections("admit"))
    assert {"said", "says"} <= set(ev.inflections("say"))
    assert "points out" in ev.inflections("point out")


def test_list_lexicon_dedupes(ev: ModuleType) -> None:
    lexicon = ev.list_lexicon("cmp", ["claim", "Claim", "claims", "", "occup*"], inflect=True)
    assert [entry.term for entry in lexicon] == ["claim"]  # "claims" came with "claim"
    plain = ev.list_lexicon("cmp", ["claim", "Claim", "claims"])
    assert [entry.term for entry in plain] == ["claim", "claims"]


def test_bioscope_sentence_flattening(ev: ModuleType) -> None:
    element = ET.fromstring(
        '<sentence id="S1">These results <xcope id="X1"><cue type="speculation" ref="X1">'
        'indicate that</cue> HIV <xcope id="X2"><cue type="speculation" ref="X2">could'
        '</cue> mimic it</xcope></xcope>, <cue type="negation" ref="X3">not</cue> B.</sentence>')
    text, cues = ev.flatten_sentence(element)
    assert text == "These results indicate that HIV could mimic it, not B."
    assert [(text[s:e], kind) for s, e, kind in cues] == [
        ("indicate that", "speculation"), ("could", "speculation"), ("not", "negation")]


def test_read_brat_cues(ev: ModuleType, tmp_path: Path) -> None:
    ann = tmp_path / "doc_ab12.ann"
    ann.write_text("T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tCue 20 24;30 33\tsays so\n"
                   "E1\tAttribution:T2 Cue:T2 Source:T1\n", encoding="utf-8")
    assert ev.read_brat_cues(ann) == [((6, 10), "said"), ((20, 33), "says so")]


def test_missing_data_exits_cleanly(ev: ModuleType, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert ev.main(["--shared", str(tmp_path / "nowhere")]) == 0
    assert "no evaluation data" in capsys.readouterr().out
    (tmp_path / "eval").mkdir()
    assert ev.main(["--shared", str(tmp_path)]) == 0
    assert "none of the annotated datasets" in capsys.readouterr().out


def test_render_without_datasets(ev: ModuleType) -> None:
    results = {key: None for key, _ in ev.EVALUATIONS}
    results["meta"] = {"date": "2026-01-01", "command": ev.COMMAND, "runtime_s": 1.0,
                       "lexicons": ["`hedges` v1.0"]}
    text = ev.render(results)
    assert text.startswith(ev.SECTION_TITLE)
    assert "BABE not found" in text and "PolNeAR not found" in text
