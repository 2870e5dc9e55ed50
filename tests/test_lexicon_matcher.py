"""The compiled matcher: every matching rule, offsets, actors, and property tests."""

from __future__ import annotations

import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framing.errors import LexiconError, OptionError
from framing.lexicon import (
    Actor,
    Lexicon,
    LexiconEntry,
    Match,
    Matcher,
    actor_case_sensitive,
    resolve_lexicons,
    stance_of,
)

try:
    import ahocorasick  # noqa: F401 - only probing whether the engine can be tested
    ENGINES = ["re", "ahocorasick"]
except ImportError:  # pragma: no cover - pyahocorasick is a dependency
    ENGINES = ["re"]


def entry(form: str, category: str = "c", **fields: Any) -> LexiconEntry:
    """A literal term, or a pattern if the form has a '*'."""
    key = "pattern" if "*" in form else "term"
    return LexiconEntry(category=category, **{key: form}, **fields)


def lexicon(*entries: LexiconEntry, name: str = "lex", actors: tuple[Actor, ...] = ()
            ) -> Lexicon:
    categories = {e.category: e.category for e in entries} or {"c": "c"}
    return Lexicon(name=name, version="1", categories=categories, entries=entries,
                   actors=actors, sides={"armenia": "", "azerbaijan": ""})


def found(text: str, *entries: LexiconEntry) -> list[str]:
    return [m.text for m in Matcher([lexicon(*entries)]).find(text)]


# (test id, entries, text, expected matched texts)
RULES: list[tuple[str, list[LexiconEntry], str, list[str]]] = [
    ("whole word", [entry("occupied")], "preoccupied, occupied. unoccupiedness", ["occupied"]),
    ("no match inside a longer word at the end", [entry("occup")], "occupied", []),
    ("case-insensitive by default", [entry("occupied")], "OCCUPIED Occupied", ["OCCUPIED",
                                                                                "Occupied"]),
    ("case_sensitive entry", [entry("US", case_sensitive=True)], "us US Us", ["US"]),
    ("multi-word across a line break", [entry("occupied territories")],
     "the occupied\n   territories were", ["occupied\n   territories"]),
    ("multi-word across tabs and nbsp", [entry("according to")], "according\t\u00a0to him",
     ["according\t\u00a0to"]),
    ("hyphen: en dash", [entry("de-occupied")], "de–occupied", ["de–occupied"]),
    ("hyphen: em dash and non-breaking hyphen", [entry("de-occupied")],
     "de—occupied de\u2011occupied de\u2010occupied", ["de—occupied", "de\u2011occupied",
                                                       "de\u2010occupied"]),
    ("hyphen in the term is not a space", [entry("de-occupied")], "de occupied", []),
    ("term written with a dash matches a hyphen", [entry("de–occupied")], "de-occupied",
     ["de-occupied"]),
    ("apostrophe: curly", [entry("Azerbaijan's")], "Azerbaijan’s army", ["Azerbaijan’s"]),
    ("apostrophe: modifier letter", [entry("Azerbaijan’s")], "Azerbaijanʼs Azerbaijan's",
     ["Azerbaijanʼs", "Azerbaijan's"]),
    ("wildcard at the end", [entry("occup*")], "occupied occupation occup preoccupied",
     ["occupied", "occupation", "occup"]),
    ("wildcard at the start", [entry("*-occupied")], "Armenian-occupied and occupied",
     ["Armenian-occupied"]),
    ("wildcard at the start with a dash", [entry("*-backed")], "Russian–backed forces",
     ["Russian–backed"]),
    ("wildcard at the start without hyphen", [entry("*occupied")], "preoccupied occupied",
     ["preoccupied", "occupied"]),
    ("wildcard at both ends", [entry("*occup*")], "preoccupation, occupy", ["preoccupation",
                                                                            "occupy"]),
    ("longest match wins", [entry("occupied"), entry("occupied territories")],
     "the occupied territories and occupied land", ["occupied territories", "occupied"]),
    ("leftmost wins over longer later", [entry("armed forces"), entry("forces of azerbaijan")],
     "armed forces of Azerbaijan", ["armed forces"]),
    ("literal and pattern of one lexicon do not overlap", [entry("occupied"), entry("occup*")],
     "occupied occupation", ["occupied", "occupation"]),
    ("prefix wildcard beats a shorter literal", [entry("Armenian"), entry("*-occupied")],
     "Armenian-occupied Armenian", ["Armenian-occupied", "Armenian"]),
    ("hyphen is a word boundary", [entry("occupied")], "Armenian-occupied", ["occupied"]),
    ("apostrophe is a word boundary", [entry("Baku")], "Baku's claims", ["Baku"]),
    ("exclude context", [entry("occupied", exclude=("all seats were occupied",))],
     "All seats were occupied. The occupied town.", ["occupied"]),
    ("exclude across line break", [entry("occupied", exclude=("seats were occupied",))],
     "the seats were\noccupied", []),
    ("exclude falls back to a shorter term", [
        entry("occupied territories", exclude=("formerly occupied territories",)),
        entry("territories")], "formerly occupied territories", ["territories"]),
    ("punctuation around terms", [entry("breakaway")], "(breakaway), 'breakaway'.",
     ["breakaway", "breakaway"]),
    ("term ending in a dot", [entry("U.S.")], "the U.S. army; U.S.A", ["U.S."]),
    ("digits are word characters", [entry("76")], "Il-76 and 1976", ["76"]),
    ("variants", [entry("liberated", variants=("liberation", "liberat*"))],
     "liberated liberation liberating", ["liberated", "liberation", "liberating"]),
    ("empty text", [entry("occupied")], "", []),
    ("runs of spaces before and inside a term", [entry("according to sources")],
     "x  \n  according \n\t to  sources  said", ["according \n\t to  sources"]),
    ("modifier apostrophe is a boundary", [entry("Baku")], "Bakuʼs view", ["Baku"]),
]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize(("entries", "text", "expected"), [c[1:] for c in RULES],
                         ids=[c[0] for c in RULES])
def test_lexicon_matcher_rules(entries: list[LexiconEntry], text: str, expected: list[str],
                               engine: str) -> None:
    matches = Matcher([lexicon(*entries)], engine=engine).find(text)
    assert [m.text for m in matches] == expected
    for match in matches:
        assert text[match.start:match.end] == match.text


def test_lexicon_matcher_offsets_and_entry() -> None:
    occupied = entry("occupied", orientation="azerbaijan")
    text = "Line one.\nThe occupied\nterritories; occupied."
    matches = Matcher([lexicon(occupied, entry("occupied territories"))]).find(text)
    assert [(m.start, m.end) for m in matches] == [(14, 34), (36, 44)]
    assert matches[1].entry is occupied
    assert matches[1].orientation == "azerbaijan"
    assert matches[1].category == "c"
    assert matches[0].entry.term == "occupied territories"


def test_lexicon_matcher_literal_beats_wildcard_of_same_length() -> None:
    literal, pattern = entry("occupied", "literal"), entry("occup*", "pattern")
    matches = Matcher([lexicon(pattern, literal)]).find("occupied")
    assert [m.entry for m in matches] == [literal]


def test_lexicon_matcher_longer_wildcard_core_wins() -> None:
    short, long = entry("occ*", "short"), entry("occupation*", "long")
    matches = Matcher([lexicon(short, long)]).find("occupations occurred")
    assert [(m.text, m.category) for m in matches] == [("occupations", "long"),
                                                        ("occurred", "short")]


def test_lexicon_matcher_one_match_per_lexicon() -> None:
    hedges = lexicon(entry("reportedly", "evidential"), entry("according to"), name="hedges")
    anonymous = lexicon(entry("reportedly", "impersonal"), entry("according to sources"),
                        name="anonymous-sources")
    matches = Matcher([hedges, anonymous]).find("Reportedly, according to sources, it fell.")
    assert [(m.text, m.lexicon) for m in matches] == [
        ("Reportedly", "hedges"),
        ("Reportedly", "anonymous-sources"),
        ("according to", "hedges"),
        ("according to sources", "anonymous-sources"),
    ]


def test_lexicon_matcher_overlaps_only_across_lexicons() -> None:
    first = lexicon(entry("occupied territories"), name="a")
    second = lexicon(entry("territories of Azerbaijan"), name="b")
    matches = Matcher([first, second]).find("the occupied territories of Azerbaijan")
    assert [(m.text, m.lexicon) for m in matches] == [
        ("occupied territories", "a"), ("territories of Azerbaijan", "b")]


@pytest.mark.parametrize("engine", ENGINES)
def test_lexicon_matcher_text_that_changes_length_when_lowercased(engine: str) -> None:
    # "İ".lower() has two characters; the matcher must keep offsets into the original text.
    text = "İİ occupied İstanbul occupied"
    matches = Matcher([lexicon(entry("occupied"), entry("*-backed"))], engine=engine).find(text)
    assert [(m.start, m.text) for m in matches] == [(3, "occupied"), (21, "occupied")]
    assert all(text[m.start:m.end] == m.text for m in matches)


def test_lexicon_matcher_rejects_two_lexicons_with_one_name() -> None:
    with pytest.raises(LexiconError, match="given twice"):
        Matcher([lexicon(entry("a")), lexicon(entry("b"))])


def test_lexicon_matcher_rejects_unknown_engine() -> None:
    with pytest.raises(OptionError, match="the `engine` parameter must be one of"):
        Matcher([lexicon(entry("a"))], engine="fast")
    assert Matcher([lexicon(entry("a"))], engine="re").engine == "re"
    assert Matcher([lexicon(entry("a"))]).engine == ENGINES[-1]


@pytest.mark.parametrize("engine", ENGINES)
def test_lexicon_matcher_pickles(engine: str) -> None:
    matcher = Matcher([lexicon(entry("occupied"), entry("*-backed"), entry("occup*"))],
                      engine=engine)
    text = "Iran-backed occupation of the occupied"
    before = matcher.find(text)
    clone = pickle.loads(pickle.dumps(matcher))
    assert clone.find(text) == before
    assert "3 forms" in repr(clone)


def test_lexicon_matcher_reporting_verb_stance() -> None:
    verbs = lexicon(entry("claimed", "distancing"), name="reporting-verbs")
    other = lexicon(entry("claimed", "x"), name="other")
    matches = Matcher([verbs, other]).find("He claimed")
    assert [stance_of(m) for m in matches] == ["distancing", None]


@pytest.mark.parametrize("engine", ENGINES)
def test_lexicon_matcher_actors(engine: str) -> None:
    ministry = Actor(name="Azerbaijani Defence Ministry", kind="ministry",
                     aliases=("Azerbaijan's MoD", "MoD", "Baku"), side="azerbaijan")
    osce = Actor(name="OSCE Minsk Group", kind="international", aliases=("OSCE",))
    matcher = Matcher([lexicon(entry("occupied"), actors=(ministry, osce))], engine=engine)
    text = ("AZERBAIJANI DEFENCE MINISTRY: Azerbaijan’s MoD said; the mod, Baku’s view; "
            "osce, OSCE Minsk Group")
    mentions = matcher.find_actors(text)
    assert [(m.text, m.actor.name) for m in mentions] == [
        ("AZERBAIJANI DEFENCE MINISTRY", "Azerbaijani Defence Ministry"),
        ("Azerbaijan’s MoD", "Azerbaijani Defence Ministry"),
        ("Baku", "Azerbaijani Defence Ministry"),
        ("OSCE Minsk Group", "OSCE Minsk Group"),
    ]
    assert mentions[0].side == "azerbaijan"
    assert matcher.find(text) == []
    assert actor_case_sensitive("MoD") and actor_case_sensitive("UN")
    assert not actor_case_sensitive("Baku") and not actor_case_sensitive("Defence Ministry")


def test_lexicon_matcher_match_is_a_frozen_record() -> None:
    match = Matcher([lexicon(entry("occupied"))]).find("occupied")[0]
    assert isinstance(match, Match)
    with pytest.raises(AttributeError):
        match.start = 3  # type: ignore[misc]
    assert match._asdict()["text"] == "occupied"


# --- properties ------------------------------------------------------------------------------

PROPERTY_LEXICONS = [
    lexicon(entry("occupied", exclude=("seats were occupied",)), entry("occupied territories"),
            entry("occup*"), entry("*-backed"), entry("de-occupied"), entry("Azerbaijan's"),
            name="one"),
    lexicon(entry("territories"), entry("according to"), entry("according to sources"),
            entry("US", case_sensitive=True), name="two"),
]
PROPERTY_MATCHER = Matcher(PROPERTY_LEXICONS)
LEXICON_WORDS = ["occupied", "Occupied", "territories", "occupation", "Iran-backed", "seats",
                 "were", "de–occupied", "Azerbaijan’s", "Azerbaijanʼs", "according", "to",
                 "sources", "US", "us", "preoccupied", "İ"]
FILLER_WORDS = ["the", "army", "said", "river", "Baku", "town", "and", "was"]
SEPARATORS = [" ", "  ", "\n", ", ", ". ", " - ", "\u00a0", " \n\t "]


def _is_word(char: str) -> bool:
    return (char.isalnum() or char == "_") and char != "\u02bc"

words = st.lists(st.tuples(st.sampled_from(LEXICON_WORDS + FILLER_WORDS),
                           st.sampled_from(SEPARATORS)), max_size=30)


def _join(pairs: list[tuple[str, str]]) -> str:
    return "".join(word + separator for word, separator in pairs)


@settings(max_examples=300, deadline=None)
@given(words, st.lists(st.sampled_from(FILLER_WORDS), min_size=1, max_size=10))
def test_lexicon_matcher_appending_non_lexicon_words_never_lowers_hits(
        pairs: list[tuple[str, str]], filler: list[str]) -> None:
    text = _join(pairs)
    before = len(PROPERTY_MATCHER.find(text))
    after = len(PROPERTY_MATCHER.find(text + " " + " ".join(filler)))
    assert after >= before


@settings(max_examples=300, deadline=None)
@given(words, st.text(max_size=20))
def test_lexicon_matcher_offsets_in_bounds_and_no_overlap_per_lexicon(
        pairs: list[tuple[str, str]], noise: str) -> None:
    text = noise + _join(pairs) + noise
    matches = PROPERTY_MATCHER.find(text)
    assert [m.start for m in matches] == sorted(m.start for m in matches)
    last_end: dict[str, int] = {}
    for match in matches:
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start:match.end] == match.text
        assert match.start >= last_end.get(match.lexicon, 0)
        last_end[match.lexicon] = match.end
        # whole words: no word character just outside the match
        if match.start > 0:
            assert not (_is_word(text[match.start - 1]) and _is_word(match.text[0]))
        if match.end < len(text):
            assert not (_is_word(text[match.end]) and _is_word(match.text[-1]))


@settings(max_examples=200, deadline=None)
@given(words)
def test_lexicon_matcher_agrees_with_case_folded_text(pairs: list[tuple[str, str]]) -> None:
    # Case-insensitive entries find the same spans in upper-cased text (case-sensitive
    # `US` aside, which is excluded from this comparison).
    text = _join(pairs)
    one = Matcher([PROPERTY_LEXICONS[0]])
    assert [(m.start, m.end) for m in one.find(text)] == \
        [(m.start, m.end) for m in one.find(text.upper())]


@pytest.mark.skipif(len(ENGINES) < 2, reason="pyahocorasick is not installed")
@settings(max_examples=400, deadline=None)
@given(words, st.text(alphabet=st.sampled_from(list("ab -–’ʼ\n\t.İ")), max_size=12))
def test_lexicon_matcher_engines_agree(pairs: list[tuple[str, str]], noise: str) -> None:
    text = noise + _join(pairs) + noise
    by_re = Matcher(PROPERTY_LEXICONS, engine="re")
    by_automaton = Matcher(PROPERTY_LEXICONS, engine="ahocorasick")
    assert by_re.find(text) == by_automaton.find(text)


@pytest.mark.shared
@pytest.mark.skipif(len(ENGINES) < 2, reason="pyahocorasick is not installed")
def test_lexicon_matcher_engines_agree_on_the_reference_feed(reference_feed: Path) -> None:
    text = reference_feed.read_text(encoding="utf-8")
    lexicons = resolve_lexicons([])
    by_re = Matcher(lexicons, engine="re")
    by_automaton = Matcher(lexicons, engine="ahocorasick")
    assert by_re.find(text) == by_automaton.find(text)
    assert by_re.find_actors(text) == by_automaton.find_actors(text)
    assert len(by_re.find(text)) > 100


def test_matcher_find_with_actors_equals_separate_passes(reference_feed: Path) -> None:
    """The one-pass matcher used by the analysis gives exactly find() and find_actors()."""
    import framing
    from framing.lexicon import Matcher, resolve_lexicons

    matcher = Matcher(resolve_lexicons([]))
    texts = [e.text for e in framing.read_corpus(reference_feed)]
    texts += [e.text for e in framing.read_corpus(framing.demo_corpus_path())]
    texts += ["", "İstanbul occupied ſ Azerbaijan’s MoD said", "seats were occupied"]
    for text in texts:
        assert matcher.find_with_actors(text) == (matcher.find(text), matcher.find_actors(text))
