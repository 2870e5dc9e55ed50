"""Voice: quotations, insertions, scare quotes, reported speech; the reference-feed pins."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.analysis.quotes import find_paragraphs, find_sentences, scan_quotes
from framing.analysis.records import VoiceAnalysis, VoiceSpan
from framing.analysis.voice import SpeakerContext, analyze_voice
from framing.lexicon import Matcher, resolve_lexicons
from framing.model import Entry


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(resolve_lexicons([]))


def voice_at(result: VoiceAnalysis, start: int, end: int) -> VoiceSpan | None:
    """The voice span holding a stretch, or None when it is authorial."""
    return next((v for v in result.voices if v.start <= start and end <= v.end), None)


def occurrences(text: str, word: str) -> Iterator[tuple[int, int]]:
    for match in re.finditer(re.escape(word), text):
        yield match.start(), match.end()


def analyse(text: str, matcher: Matcher, title: str | None = None) -> VoiceAnalysis:
    if title is None:
        return analyze_voice(text, matcher=matcher)
    full = f"{title}\n\n{text}" if text else title
    return analyze_voice(full, matcher=matcher, title_end=len(title))


# -- quotation marks ---------------------------------------------------------------------


@pytest.mark.parametrize("text, inside", [
    ('He said: "We will not stop." Then he left.', "We will not stop."),
    ("“We will not stop,” the minister said.", "We will not stop,"),
    ("The minister said ‘we will not stop’ on Monday.", "we will not stop"),
    ("''We will not stop,'' the minister said.", "We will not stop,"),
    ('"One. Two. Three", the minister said.', "One. Two. Three"),
])
def test_analysis_voice_quote_covers_the_inside_of_the_marks(matcher: Matcher, text: str,
                                                             inside: str) -> None:
    result = analyse(text, matcher)
    start = text.index(inside)
    quoted = [v for v in result.voices if v.voice == "quoted"]
    assert quoted and quoted[0].start == start
    assert text[quoted[0].start:quoted[0].end] == inside


@pytest.mark.parametrize("text", [
    "Azerbaijan's army and Armenia's army met near Russia's border.",
    "Azerbaijan’s forces and the Armenians’ homes were shelled.",
    "The Armenians' positions and the soldiers' morale, officials noted.",
    "It's a rock 'n roll year for the '90s.",
])
def test_analysis_voice_apostrophes_never_open_quotes(matcher: Matcher, text: str) -> None:
    result = analyse(text, matcher)
    assert not [v for v in result.voices if v.voice == "quoted"]
    assert not result.scare_quotes


def test_analysis_voice_multi_paragraph_quote_is_one_speaker(matcher: Matcher) -> None:
    text = ('"We will rebuild every village,\n\n'
            '"and every school will open again," the governor told reporters.')
    scan = scan_quotes(text, find_paragraphs(text))
    assert len(scan.quotes) == 2
    assert scan.quotes[0].group == scan.quotes[1].group
    assert scan.unpaired == ()
    result = analyse(text, matcher)
    quoted = [v for v in result.voices if v.voice == "quoted"]
    assert [text[v.start:v.end] for v in quoted] == [
        "We will rebuild every village,", "and every school will open again,"]
    assert {v.speaker for v in quoted} == {"the governor"}


def test_analysis_voice_unbalanced_quote_closes_at_paragraph_end(matcher: Matcher) -> None:
    text = 'The mayor said "the bridge is closed. Nobody may cross.\n\nTraffic was diverted.'
    result = analyse(text, matcher)
    quoted = [v for v in result.voices if v.voice == "quoted"]
    assert [text[v.start:v.end] for v in quoted] == ["the bridge is closed. Nobody may cross."]
    assert result.unpaired_quotes == (text.index('"'),)
    assert voice_at(result, text.index("Traffic"), text.index("diverted")) is None


@pytest.mark.parametrize("text", ["", "   ", '"', "''", '""', "“”", "‘’", '" " "', "[", "]",
                                  '"[a]"', "\n\n\"\n\n\"", "'a' 'b' 'c'"])
def test_analysis_voice_degenerate_texts_do_not_crash(matcher: Matcher, text: str) -> None:
    result = analyze_voice(text, matcher=matcher, title_end=len(text) or None)
    assert_invariants(text, result)


# -- insertions ----------------------------------------------------------------------------


def test_analysis_voice_insertion_is_cut_out_of_the_quote(matcher: Matcher) -> None:
    text = ('"The envoy will meet them later [to speak] about the ceasefire", '
            "the spokesman said.")
    result = analyse(text, matcher)
    start, end = result.insertions[0]
    assert text[start:end] == "[to speak]"
    quoted = [text[v.start:v.end] for v in result.voices if v.voice == "quoted"]
    assert quoted == ["The envoy will meet them later", "about the ceasefire"]
    assert voice_at(result, start, end) is None


def test_analysis_voice_brackets_outside_quotes_are_not_insertions(matcher: Matcher) -> None:
    text = "The town [population 4,000] was shelled, the governor said."
    assert analyse(text, matcher).insertions == ()


# -- scare quotes --------------------------------------------------------------------------


@pytest.mark.parametrize("text, fragment", [
    ("The army 'liberated' the village on Tuesday.", "liberated"),
    ('Rebels began a "counter-offensive operation" near the river.', "counter-offensive operation"),
])
def test_analysis_voice_short_fragment_is_a_scare_quote(matcher: Matcher, text: str,
                                                        fragment: str) -> None:
    result = analyse(text, matcher)
    assert [s.text for s in result.scare_quotes] == [fragment]
    assert not [v for v in result.voices if v.voice == "quoted"]


@pytest.mark.parametrize("text", [
    'Asked about the talks, he said "no".',
    '"Never," the minister replied.',
    'The minister said: "Never."',
])
def test_analysis_voice_short_speech_is_not_a_scare_quote(matcher: Matcher, text: str) -> None:
    result = analyse(text, matcher)
    assert not result.scare_quotes
    assert [v for v in result.voices if v.voice == "quoted"]


def test_analysis_voice_scare_quote_takes_the_subject_of_its_clause(matcher: Matcher) -> None:
    text = "Later that day Baku declared a \"special operation\" in the breakaway region."
    result = analyse(text, matcher)
    assert [(s.text, s.speaker, s.side) for s in result.scare_quotes] == [
        ("special operation", "Baku", "azerbaijan")]
    breakaway = text.index("breakaway")
    assert voice_at(result, breakaway, breakaway + 9) is None


def test_analysis_voice_headline_calls_y_z(matcher: Matcher) -> None:
    title = "Armenian Defence Ministry Calls Baku's Claims of Captured Villages 'Fake News'"
    result = analyse("", matcher, title=title)
    assert [(s.text, s.side) for s in result.scare_quotes] == [("Fake News", "armenia")]
    assert result.attributions[0].kind == "headline"
    assert result.attributions[0].actor == "Armenian Defence Ministry"


# -- reported speech -----------------------------------------------------------------------


@pytest.mark.parametrize("text, reported", [
    ("The minister said that the road would reopen.", "the road would reopen."),
    ("The minister said the road would reopen.", "the road would reopen."),
    ("The road will reopen next week, the minister said.", "The road will reopen next week"),
    ("According to the minister, the road will reopen.", "the road will reopen."),
    ("The road will reopen, according to the minister.", "The road will reopen"),
    ("The minister told reporters that the road would reopen.", "the road would reopen."),
    ("The minister warned that the road would stay shut.", "the road would stay shut."),
    ("The minister is said to have ordered a new road.", "ordered a new road."),
])
def test_analysis_voice_reported_clause(matcher: Matcher, text: str, reported: str) -> None:
    result = analyse(text, matcher)
    spans = [text[v.start:v.end] for v in result.voices if v.voice == "reported"]
    assert spans == [reported]


def test_analysis_voice_quote_inside_reported_clause_is_quoted(matcher: Matcher) -> None:
    text = 'The envoy also "regretted the delay", the ministry said.'
    result = analyse(text, matcher)
    assert [(v.voice, text[v.start:v.end]) for v in result.voices] == [
        ("reported", "The envoy also"), ("quoted", "regretted the delay")]


def test_analysis_voice_dateline_is_authorial(matcher: Matcher) -> None:
    text = "BAKU (Agency) - Shelling resumed overnight, the ministry claimed."
    result = analyse(text, matcher)
    assert [text[v.start:v.end] for v in result.voices] == ["Shelling resumed overnight"]


def test_analysis_voice_published_object_is_not_reported(matcher: Matcher) -> None:
    text = "In 2013, the city published a list of the self-proclaimed leaders."
    assert analyse(text, matcher).voices == ()


# -- invariants ----------------------------------------------------------------------------


def assert_invariants(text: str, result: VoiceAnalysis) -> None:
    size = len(text)
    previous_end = -1
    for voice in sorted(result.voices, key=lambda v: v.start):
        assert 0 <= voice.start < voice.end <= size
        assert voice.start >= previous_end, "voice spans overlap"
        previous_end = voice.end
        if voice.attribution is not None:
            assert 0 <= voice.attribution < len(result.attributions)
    for start, end in result.insertions:
        assert 0 <= start < end <= size
        assert all(end <= v.start or start >= v.end for v in result.voices)
    for scare in result.scare_quotes:
        assert 0 <= scare.start < scare.end <= size
    for attribution in result.attributions:
        assert 0 <= attribution.start <= attribution.end <= size
        if attribution.content_start is not None and attribution.content_end is not None:
            assert 0 <= attribution.content_start < attribution.content_end <= size
    for offset in result.unpaired_quotes:
        assert 0 <= offset < size


_PIECES = st.sampled_from([
    "said", " said ", "told", "according to", "the ministry", "he", "Baku", "It",
    '"', "“", "”", "'", "‘", "’", "''", "[", "]", "[to speak]", ",", ".", ":", " ", "\n",
    "\n\n", "Azerbaijan's", "Armenians' ", " that ", "X", "claimed", " - ", "Says", "(", ")",
    "\u2015", "Mr.", "who", "adding", "is said to have",
])


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(_PIECES, max_size=40), title_cut=st.integers(0, 400))
def test_analysis_voice_invariants_hold_for_any_text(matcher: Matcher, pieces: list[str],
                                                     title_cut: int) -> None:
    text = "".join(pieces)
    title_end = min(title_cut, len(text)) or None
    result = analyze_voice(text, matcher=matcher, title_end=title_end,
                           context=SpeakerContext())
    assert_invariants(text, result)


@settings(max_examples=200, deadline=None)
@given(text=st.text(max_size=200))
def test_analysis_voice_invariants_hold_for_arbitrary_unicode(matcher: Matcher,
                                                              text: str) -> None:
    assert_invariants(text, analyze_voice(text, matcher=matcher))


def test_analysis_voice_sentences_never_split_inside_a_quote() -> None:
    text = '"We have no plans. None at all", the president said. Then he left.'
    scan = scan_quotes(text, find_paragraphs(text))
    sentences = find_sentences(text, 0, len(text), scan.quotes)
    assert [text[s:e] for s, e in sentences] == [
        '"We have no plans. None at all", the president said.', "Then he left."]


# -- the reference feed --------------------------------------------------------------------


@pytest.fixture(scope="module")
def feed(reference_feed: Path, matcher: Matcher) -> dict[str, tuple[Entry, VoiceAnalysis]]:
    """Every entry of the reference feed with its voice analysis, by time ("bg" for the
    background entry), analysed in reading order with one speaker context."""
    corpus = framing.read_corpus(reference_feed,
                                 options=framing.ReadOptions.create(date="2020-10-17"))
    context = SpeakerContext()
    analysed: dict[str, tuple[Entry, VoiceAnalysis]] = {}
    for entry in corpus:
        title_end = len(entry.title) if entry.title else None
        result = analyze_voice(entry.text, matcher=matcher, title_end=title_end,
                               context=context)
        analysed[entry.time or "bg"] = (entry, result)
    return analysed


@pytest.mark.shared
def test_analysis_voice_feed_invariants(feed: dict[str, tuple[Entry, VoiceAnalysis]]) -> None:
    for entry, result in feed.values():
        assert_invariants(entry.text, result)


@pytest.mark.shared
def test_analysis_voice_feed_1925_occupied_is_foreign_ministry_voice(
        feed: dict[str, tuple[Entry, VoiceAnalysis]]) -> None:
    entry, result = feed["19:25"]
    text = entry.text
    found = list(occurrences(text, "occupied"))
    assert len(found) == 3
    for start, end in found:
        voice = voice_at(result, start, end)
        assert voice is not None and voice.voice == "quoted"
        assert voice.side == "azerbaijan"
        assert voice.attribution is not None
        assert result.attributions[voice.attribution].actor == "Azerbaijani Foreign Ministry"
    # The third quote is attributed with ", it said."
    last = voice_at(result, *found[-1])
    assert last is not None and last.speaker == "it"
    start = text.index("unrecognised Nagorno-Karabakh Republic")
    assert voice_at(result, start, start + len("unrecognised")) is None


@pytest.mark.shared
def test_analysis_voice_feed_background_is_authorial(
        feed: dict[str, tuple[Entry, VoiceAnalysis]]) -> None:
    entry, result = feed["bg"]
    text = entry.text
    for word in ("Artsakh", "breakaway", "self-proclaimed", "unrecognised"):
        spans = list(occurrences(text, word))
        assert spans, word
        for start, end in spans:
            assert voice_at(result, start, end) is None, word
    start = text.index("counter-offensive operation")
    scare = [s for s in result.scare_quotes if s.text == "counter-offensive operation"]
    assert scare and (scare[0].speaker, scare[0].side) == ("Baku", "azerbaijan")
    voice = voice_at(result, start, start + len("counter-offensive"))
    assert voice is not None and voice.side == "azerbaijan"


@pytest.mark.shared
def test_analysis_voice_feed_2230_disinformation_is_the_defence_ministry_s(
        feed: dict[str, tuple[Entry, VoiceAnalysis]]) -> None:
    _, result = feed["22:30"]
    assert [(s.text, s.speaker, s.side) for s in result.scare_quotes] == [
        ("Disinformation", "Azerbaijani Defence Ministry", "azerbaijan")]
    headline = result.attributions[0]
    assert (headline.kind, headline.actor) == ("headline", "Azerbaijani Defence Ministry")


@pytest.mark.shared
def test_analysis_voice_feed_0603_claimed_is_distancing(
        feed: dict[str, tuple[Entry, VoiceAnalysis]]) -> None:
    entry, result = feed["06:03"]
    text = entry.text
    claimed = [a for a in result.attributions if a.verb == "claimed"]
    assert len(claimed) == 1
    attribution = claimed[0]
    assert (attribution.stance, attribution.side, attribution.kind) == (
        "distancing", "azerbaijan", "indirect")
    assert attribution.actor == "Azerbaijani Defence Ministry"
    start = text.index("continued shelling")
    voice = voice_at(result, start, start + 9)
    assert voice is not None and voice.voice == "reported" and voice.side == "azerbaijan"
    assert voice_at(result, text.index("BAKU"), text.index("BAKU") + 4) is None
    quote = text.index("Today, starting")
    voice = voice_at(result, quote, quote + 5)
    assert voice is not None and voice.voice == "quoted"
    assert voice.attribution is not None
    direct = result.attributions[voice.attribution]
    assert (direct.kind, direct.speaker, direct.actor) == (
        "direct", "the ministry", "Azerbaijani Defence Ministry")


@pytest.mark.shared
def test_analysis_voice_feed_2153_source_says_is_anonymous(
        feed: dict[str, tuple[Entry, VoiceAnalysis]]) -> None:
    entry, result = feed["21:53"]
    headline = result.attributions[0]
    assert headline.kind == "headline"
    assert headline.anonymous
    assert headline.speaker == "Source"
    assert entry.text[headline.content_start:headline.content_end].startswith("UNSC")


@pytest.mark.shared
def test_analysis_voice_feed_0952_artsakh_quoted_insertion_authorial(
        feed: dict[str, tuple[Entry, VoiceAnalysis]]) -> None:
    entry, result = feed["09:52"]
    text = entry.text
    spans = list(occurrences(text, "Artsakh"))
    assert len(spans) == 1
    voice = voice_at(result, *spans[0])
    assert voice is not None and voice.voice == "quoted" and voice.side == "armenia"
    start = text.index("[self-designation")
    end = text.index("]", start) + 1
    assert (start, end) in result.insertions
    breakaway = text.index("breakaway", start)
    assert voice_at(result, breakaway, breakaway + 9) is None
    homeland = text.index("historical homeland")
    voice = voice_at(result, homeland, homeland + 10)
    assert voice is not None and voice.voice == "quoted"


@pytest.mark.shared
def test_analysis_voice_feed_scare_quotes(feed: dict[str, tuple[Entry, VoiceAnalysis]]) -> None:
    found = {(time, s.text, s.speaker, s.side)
             for time, (_, result) in feed.items() for s in result.scare_quotes}
    assert found == {
        ("bg", "counter-offensive operation", "Baku", "azerbaijan"),
        ("22:30", "Disinformation", "Azerbaijani Defence Ministry", "azerbaijan"),
        ("16:43", "Airstrike", "Turkey", "turkey"),
        ("16:32", "Retaken", "Azerbaijan's MoD", "azerbaijan"),
    }


@pytest.mark.shared
def test_analysis_voice_feed_apostrophes_never_open_quotes(
        feed: dict[str, tuple[Entry, VoiceAnalysis]]) -> None:
    for entry, result in feed.values():
        text = entry.text
        for match in re.finditer(r"\w['’]s?\b", text):
            mark = match.start() + 1
            assert all(s.start != mark for s in result.scare_quotes)
            assert all(v.start != mark + 1 or v.voice != "quoted" for v in result.voices)


@pytest.mark.shared
def test_analysis_voice_feed_headline_quotes_and_dashes(
        feed: dict[str, tuple[Entry, VoiceAnalysis]]) -> None:
    # "… - Photos" names the kind of item, not a source.
    _, result = feed["09:42"]
    assert [a.speaker for a in result.attributions if a.kind == "headline"] == [
        "Azerbaijani Military"]
    _, result = feed["19:36"]
    assert [(a.speaker, a.kind) for a in result.attributions] == [("Sputnik Armenia", "headline")]
    _, result = feed["18:05"]
    assert result.attributions == ()


@pytest.mark.shared
def test_analysis_voice_feed_context_resolves_presidential_assistant(
        feed: dict[str, tuple[Entry, VoiceAnalysis]]) -> None:
    # Read newest first, the unqualified "- Presidential Assistant" (21:57, 21:46) comes after
    # five headlines naming the Azerbaijani one, and no other presidential assistant.
    for time in ("21:57", "21:46"):
        _, result = feed[time]
        attribution = result.attributions[0]
        assert (attribution.speaker, attribution.actor, attribution.side) == (
            "Presidential Assistant", "Hikmet Hajiyev", "azerbaijan")
