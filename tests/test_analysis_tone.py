"""Tone: VADER per sentence, weighted by sentence length (framing.analysis.tone)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from vaderSentiment import vaderSentiment
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framing.analysis import tone as tone_module
from framing.analysis.records import Tone
from framing.analysis.sentences import split_sentences
from framing.analysis.tone import NEUTRAL_TONE, compute_tone, score_sentence
from framing.readers import ReadOptions, read_corpus
from framing.text import count_words

NEGATIVE = "The brutal attack killed ten innocent civilians and destroyed their homes."
POSITIVE = "Both leaders warmly welcomed the peace agreement and praised the great progress."


def _tone(text: str) -> Tone:
    return compute_tone(text, split_sentences(text))


def test_tone_negative_sentence() -> None:
    tone = _tone(NEGATIVE)
    assert tone.n_sentences == 1
    assert tone.compound < -0.5
    assert tone.neg > tone.pos


def test_tone_positive_sentence() -> None:
    tone = _tone(POSITIVE)
    assert tone.n_sentences == 1
    assert tone.compound > 0.5
    assert tone.pos > tone.neg


def test_tone_aggregation_is_word_weighted_mean_of_vader() -> None:
    text = f"Ceasefire Collapses\n\n{NEGATIVE} The ministry said talks would resume. {POSITIVE}"
    spans = split_sentences(text)
    assert len(spans) == 4
    vader = SentimentIntensityAnalyzer()
    weights = [count_words(text[s:e]) for s, e in spans]
    scores = [vader.polarity_scores(text[s:e]) for s, e in spans]
    total = sum(weights)
    expected = {
        key: sum(w * score[key] for w, score in zip(weights, scores, strict=True)) / total
        for key in ("compound", "pos", "neu", "neg")
    }
    tone = compute_tone(text, spans)
    assert tone.n_sentences == 4
    assert tone.compound == pytest.approx(expected["compound"], abs=1e-12)
    assert tone.pos == pytest.approx(expected["pos"], abs=1e-12)
    assert tone.neu == pytest.approx(expected["neu"], abs=1e-12)
    assert tone.neg == pytest.approx(expected["neg"], abs=1e-12)
    assert tone.pos + tone.neu + tone.neg == pytest.approx(1.0, abs=0.01)
    # not the same as VADER on the whole text
    assert tone.compound != pytest.approx(vader.polarity_scores(text)["compound"], abs=1e-3)


def test_tone_one_sentence_equals_vader() -> None:
    scores = SentimentIntensityAnalyzer().polarity_scores(NEGATIVE)
    tone = _tone(NEGATIVE)
    assert (tone.compound, tone.pos, tone.neu, tone.neg) == (
        scores["compound"], scores["pos"], scores["neu"], scores["neg"])


@pytest.mark.parametrize("text", ["", "   \n\n", "• —"])
def test_tone_empty_text_is_neutral(text: str) -> None:
    tone = _tone(text)
    assert tone == NEUTRAL_TONE
    assert tone == Tone(compound=0.0, pos=0.0, neu=1.0, neg=0.0, n_sentences=0)


def test_tone_skips_spans_without_words() -> None:
    text = f"{NEGATIVE} ... —"
    assert compute_tone(text, [(0, len(NEGATIVE)), (len(NEGATIVE) + 1, len(text))]) == _tone(
        NEGATIVE)
    assert compute_tone(text, []) == NEUTRAL_TONE


def test_tone_analyzer_created_once_lazily(monkeypatch: pytest.MonkeyPatch) -> None:
    created: list[object] = []

    class Counting(SentimentIntensityAnalyzer):  # type: ignore[misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            created.append(self)
            super().__init__(*args, **kwargs)

    def clear() -> None:
        tone_module._analyzer.cache_clear()
        tone_module._lexicon_and_emoji.cache_clear()
        score_sentence.cache_clear()

    monkeypatch.setattr(vaderSentiment, "SentimentIntensityAnalyzer", Counting)
    clear()
    try:
        assert created == []
        _tone("Ceasefire Talks Resume\n\n" + NEGATIVE)
        _tone(POSITIVE + " " + NEGATIVE)
        assert len(created) == 1
    finally:
        clear()


def test_tone_no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError(f"network access attempted: {args!r}")

    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    tone_module._analyzer.cache_clear()
    score_sentence.cache_clear()
    assert _tone(NEGATIVE).compound < 0


def test_tone_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    tone_module._analyzer.cache_clear()
    _tone(POSITIVE)
    assert capfd.readouterr() == ("", "")


_VOCABULARY = [
    "the", "ministry", "said", "attack", "killed", "peace", "great", "no", "not", "very",
    "kind", "of", "but", "least", "at", "LOVE", "terrible", "Ganja", "drone", ":)", ":-(", "😀",
    "💔", "!!!", "?", "…", '"', "'", "(", ")", ",", ".", "-", "2020", "3.5", "😀happy", "wasn't",
]


@given(st.lists(st.sampled_from(_VOCABULARY), max_size=25), st.sampled_from([" ", "  ", "\n"]))
def test_tone_sentence_scores_equal_vader(words: list[str], separator: str) -> None:
    sentence = separator.join(words)
    scores = tone_module._analyzer().polarity_scores(sentence)
    assert score_sentence.__wrapped__(sentence) == (
        scores["compound"], scores["pos"], scores["neu"], scores["neg"])


def test_tone_sentence_scores_equal_vader_on_reference_feed(reference_feed: Path) -> None:
    corpus = read_corpus(reference_feed, options=ReadOptions.create(date="2020-10-17"))
    analyzer = tone_module._analyzer()
    n_neutral = 0
    for entry in corpus:
        for start, end in split_sentences(entry.text):
            sentence = entry.text[start:end]
            scores = analyzer.polarity_scores(sentence)
            result = score_sentence.__wrapped__(sentence)
            assert result == (scores["compound"], scores["pos"], scores["neu"], scores["neg"])
            n_neutral += result == (0.0, 0.0, 1.0, 0.0)
    assert n_neutral >= 15
