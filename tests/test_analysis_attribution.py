"""Attribution: cues, speakers, stance, kinds, anonymity, headlines, speaker resolution."""

from __future__ import annotations

import pytest

from framing.analysis.attribution import collect_cues, find_dateline_end
from framing.analysis.records import Attribution, VoiceAnalysis
from framing.analysis.speakers import SpeakerContext, role_head
from framing.analysis.voice import analyze_voice
from framing.lexicon import Matcher, resolve_lexicons


@pytest.fixture(scope="module")
def matcher() -> Matcher:
    return Matcher(resolve_lexicons([]))


def body(text: str, matcher: Matcher, context: SpeakerContext | None = None) -> VoiceAnalysis:
    return analyze_voice(text, matcher=matcher, context=context)


def headline(title: str, matcher: Matcher, text: str = "",
             context: SpeakerContext | None = None) -> VoiceAnalysis:
    full = f"{title}\n\n{text}" if text else title
    return analyze_voice(full, matcher=matcher, title_end=len(title), context=context)


def only(result: VoiceAnalysis) -> Attribution:
    assert len(result.attributions) == 1, result.attributions
    return result.attributions[0]


# -- cues and stance -----------------------------------------------------------------------


@pytest.mark.parametrize("text, verb, stance", [
    ("The ministry said the talks failed.", "said", "neutral"),
    ("The ministry claimed the talks failed.", "claimed", "distancing"),
    ("The ministry confirmed that the talks failed.", "confirmed", "endorsing"),
    ("The ministry warned that the talks would fail.", "warned", "accusatory"),
    ("The ministry believes the talks failed.", "believes", None),
])
def test_analysis_attribution_verb_and_stance(matcher: Matcher, text: str, verb: str,
                                              stance: str | None) -> None:
    attribution = only(body(text, matcher))
    assert (attribution.verb, attribution.stance, attribution.speaker) == (
        verb, stance, "The ministry")
    assert text[attribution.verb_start:attribution.verb_end] == verb


@pytest.mark.parametrize("text", [
    "The report was published on Monday.",
    "Observers counted alleged violations along the border.",
    "The talks are due to speak to the issue of refugees.",
    "She read the Washington Post on the train.",
    "In 2019 the city published a map of the villages.",
    "The minister announced a new budget.",
    "Officials hope for rain.",
])
def test_analysis_attribution_no_attribution(matcher: Matcher, text: str) -> None:
    assert body(text, matcher).attributions == ()


def test_analysis_attribution_cues_skip_hyphenated_forms(matcher: Matcher) -> None:
    text = "The so-called republic and its self-proclaimed leader."
    cues = collect_cues(text, matcher.find(text), text.lower())
    assert [text[c.start:c.end] for c in cues] == []


# -- speakers ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, speaker", [
    ("Foreign Minister Jeyhun Bayramov on Friday said the talks failed.",
     "Foreign Minister Jeyhun Bayramov"),
    ("The mayor, a former teacher, said the school would reopen.",
     "The mayor, a former teacher"),
    ("The mayor, who visited the site, said the school would reopen.",
     "The mayor, who visited the site"),
    ('"The school will reopen," said the mayor.', "the mayor"),
    ("He has repeatedly claimed that the school was shelled.", "He"),
    ("Sen. Jane Doe (D-Ohio) said the school would reopen.", "Sen. Jane Doe"),
    ("She’s claiming that the school was shelled.", "She"),
])
def test_analysis_attribution_speaker_span(matcher: Matcher, text: str, speaker: str) -> None:
    assert only(body(text, matcher)).speaker == speaker


def test_analysis_attribution_participle_inherits_speaker(matcher: Matcher) -> None:
    text = "The road is closed, the mayor said, adding that repairs would take a week."
    result = body(text, matcher)
    assert [(a.verb, a.speaker) for a in result.attributions] == [
        ("said", "the mayor"), ("adding", "the mayor")]
    reported = [text[v.start:v.end] for v in result.voices]
    assert reported == ["The road is closed", "repairs would take a week."]


def test_analysis_attribution_coordinated_verb_inherits_speaker(matcher: Matcher) -> None:
    text = "The council condemned the shelling and urged both sides to stop."
    result = body(text, matcher)
    assert [(a.verb, a.speaker) for a in result.attributions] == [
        ("condemned", "The council"), ("urged", "The council")]
    assert [text[v.start:v.end] for v in result.voices] == [
        "the shelling", "both sides to stop."]


# -- kinds ---------------------------------------------------------------------------------


@pytest.mark.parametrize("text, kind", [
    ('"We will stay," the mayor said.', "direct"),
    ("We will stay, the mayor said.", "indirect"),
    ("The mayor said they would stay.", "indirect"),
    ("According to the mayor, they will stay.", "according_to"),
    ('They will "stay until the end", as quoted by the mayor.', "direct"),
])
def test_analysis_attribution_kind(matcher: Matcher, text: str, kind: str) -> None:
    attribution = only(body(text, matcher))
    assert attribution.kind == kind


def test_analysis_attribution_colon_introduces_next_paragraph_quote(matcher: Matcher) -> None:
    text = 'The mayor continued:\n\n"We will stay until the end."'
    attribution = only(body(text, matcher))
    assert (attribution.speaker, attribution.kind) == ("The mayor", "direct")


def test_analysis_attribution_unattributed_quote_continues_speaker(matcher: Matcher) -> None:
    text = '"We will stay," the mayor said. "And we will rebuild."'
    result = body(text, matcher)
    assert [v.speaker for v in result.voices] == ["the mayor", "the mayor"]


# -- anonymity -----------------------------------------------------------------------------


@pytest.mark.parametrize("text", [
    "A diplomatic source said the talks had stalled.",
    "The talks have stalled, sources said.",
    "Officials said the talks had stalled.",
    "It is reported that the talks have stalled.",
])
def test_analysis_attribution_anonymous(matcher: Matcher, text: str) -> None:
    attribution = only(body(text, matcher))
    assert attribution.anonymous
    assert attribution.actor is None


def test_analysis_attribution_named_is_not_anonymous(matcher: Matcher) -> None:
    assert not only(body("Aliyev said the talks had stalled.", matcher)).anonymous


# -- headlines -----------------------------------------------------------------------------


@pytest.mark.parametrize("title, speaker, verb, claim", [
    ("Bridge Reopens After Repairs, Defence Ministry Says", "Defence Ministry", "Says",
     "Bridge Reopens After Repairs"),
    ("Bridge Reopens After Repairs - Azerbaijani Foreign Ministry",
     "Azerbaijani Foreign Ministry", "-", "Bridge Reopens After Repairs"),
    ("Yerevan Says Bridge Reopens After Repairs", "Yerevan", "Says",
     "Bridge Reopens After Repairs"),
    ("Baku Accuses Yerevan of Shelling Bridge", "Baku", "Accuses", "Yerevan of Shelling Bridge"),
    ("Moscow Confirms Bridge Reopened", "Moscow", "Confirms", "Bridge Reopened"),
    ("Bridge Reopened, Source Says", "Source", "Says", "Bridge Reopened"),
])
def test_analysis_attribution_headline_conventions(matcher: Matcher, title: str, speaker: str,
                                                   verb: str, claim: str) -> None:
    result = headline(title, matcher)
    attribution = only(result)
    assert (attribution.kind, attribution.speaker, attribution.verb) == ("headline", speaker,
                                                                         verb)
    assert title[attribution.content_start:attribution.content_end] == claim
    assert [title[v.start:v.end] for v in result.voices] == [claim]
    assert {v.voice for v in result.voices} == {"reported"}


@pytest.mark.parametrize("title", [
    "Bridge Reopens After Repairs - Photos",
    "Bridge Reopens After Repairs - Video",
    "Army Publishes Video of Bridge Repairs",
    "UN Envoy Will Speak to Both Sides on Friday",
    "Sirens Sound Over the City",
])
def test_analysis_attribution_headline_non_attributions(matcher: Matcher, title: str) -> None:
    assert headline(title, matcher).attributions == ()


def test_analysis_attribution_headline_source_is_anonymous(matcher: Matcher) -> None:
    assert only(headline("Bridge Reopened, Source Says", matcher)).anonymous


# -- speaker resolution --------------------------------------------------------------------


def test_analysis_attribution_ministry_resolves_to_named_ministry(matcher: Matcher) -> None:
    text = ("The Azerbaijani Defence Ministry said the bridge was hit. "
            '"The bridge is closed," the ministry said. "It will reopen soon," it added.')
    result = body(text, matcher)
    assert [a.actor for a in result.attributions] == ["Azerbaijani Defence Ministry"] * 3
    assert {a.side for a in result.attributions} == {"azerbaijan"}


def test_analysis_attribution_pronouns_need_compatible_antecedents(matcher: Matcher) -> None:
    text = ("The Armenian Foreign Ministry said the talks failed. "
            "He said the talks would resume.")
    result = body(text, matcher)
    assert [a.actor for a in result.attributions] == ["Armenian Foreign Ministry", None]


def test_analysis_attribution_he_resolves_to_person(matcher: Matcher) -> None:
    text = "Aliyev said the talks failed. He added that the talks would resume."
    result = body(text, matcher)
    assert [a.actor for a in result.attributions] == ["Ilham Aliyev", "Ilham Aliyev"]


def test_analysis_attribution_ministry_does_not_resolve_to_other_kinds(matcher: Matcher) -> None:
    text = 'Aliyev said the talks failed. "Talks resume Monday," the ministry said.'
    result = body(text, matcher)
    assert [a.actor for a in result.attributions] == ["Ilham Aliyev", None]


def test_analysis_attribution_headline_counts_as_earlier_mention(matcher: Matcher) -> None:
    result = headline("Talks Resume, Armenian Foreign Ministry Says", matcher,
                      '"Talks resume on Monday," the ministry said.')
    assert [a.actor for a in result.attributions] == ["Armenian Foreign Ministry"] * 2


def test_analysis_attribution_generic_headline_resolves_to_body(matcher: Matcher) -> None:
    result = headline("Talks Resume - Foreign Ministry", matcher,
                      '"Talks resume on Monday," the Armenian Foreign Ministry said.')
    assert [a.actor for a in result.attributions] == ["Armenian Foreign Ministry"] * 2


def test_analysis_attribution_coordinated_sides_have_no_side(matcher: Matcher) -> None:
    attribution = only(body("Baku and Yerevan said the talks would resume.", matcher))
    assert (attribution.actor, attribution.side) == (None, None)


def test_analysis_attribution_context_resolves_single_candidate(matcher: Matcher) -> None:
    context = SpeakerContext()
    headline("Talks Resume, Azerbaijani Presidential Assistant Says", matcher, context=context)
    result = headline("Bridge Reopens - Presidential Assistant", matcher, context=context)
    assert only(result).actor == "Hikmet Hajiyev"
    assert only(result).side == "azerbaijan"


def test_analysis_attribution_context_refuses_ambiguous_candidates(matcher: Matcher) -> None:
    context = SpeakerContext()
    headline("Talks Resume, Azerbaijani Defence Ministry Says", matcher, context=context)
    headline("Talks Resume, Armenian Defence Ministry Says", matcher, context=context)
    result = headline("Bridge Reopens, Defence Ministry Says", matcher, context=context)
    assert (only(result).actor, only(result).side) == (None, None)


def test_analysis_attribution_without_context_generic_stays_unresolved(
        matcher: Matcher) -> None:
    attribution = only(headline("Bridge Reopens - Presidential Assistant", matcher))
    assert (attribution.speaker, attribution.actor) == ("Presidential Assistant", None)


def test_analysis_attribution_pronouns_do_not_cross_entries(matcher: Matcher) -> None:
    context = SpeakerContext()
    body("Aliyev said the talks failed.", matcher, context=context)
    attribution = only(body("He said the talks would resume.", matcher, context=context))
    assert attribution.actor is None


@pytest.mark.parametrize("mention, head, qualifiers", [
    ("the ministry", "ministry", ()),
    ("Foreign Ministry", "ministry", ("foreign",)),
    ("Presidential Assistant", "assistant", ("presidential",)),
    ("the Azerbaijani Foreign Ministry", None, ()),
    ("Aliyev", None, ()),
])
def test_analysis_attribution_role_head(mention: str, head: str | None,
                                        qualifiers: tuple[str, ...]) -> None:
    assert role_head(mention) == (head, qualifiers)


@pytest.mark.parametrize("text, rest", [
    ("BAKU (Agency) - The road is closed.", "The road is closed."),
    ("UNITED NATIONS - The road is closed.", "The road is closed."),
    ("Baku - The road is closed.", "Baku - The road is closed."),
])
def test_analysis_attribution_dateline(text: str, rest: str) -> None:
    assert text[find_dateline_end(text, 0, len(text)):] == rest


def test_analysis_attribution_library_prints_nothing(matcher: Matcher,
                                                     capfd: pytest.CaptureFixture[str]) -> None:
    body('"We will stay," the mayor said.', matcher)
    captured = capfd.readouterr()
    assert captured.out == "" and captured.err == ""
