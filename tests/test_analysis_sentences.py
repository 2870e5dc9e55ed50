"""Sentence splitting without downloaded data (framing.analysis.sentences)."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framing.analysis.sentences import iter_words, split_sentences
from framing.readers import ReadOptions, read_corpus


def _sentences(text: str) -> list[str]:
    return [text[start:end] for start, end in split_sentences(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # paragraphs always break; a headline line is a sentence
        ("Baku Says Drone Downed\n\nThe ministry said so.",
         ["Baku Says Drone Downed", "The ministry said so."]),
        ("Headline Without Stop\nBody starts here. It goes on.",
         ["Headline Without Stop", "Body starts here.", "It goes on."]),
        ("First paragraph ends\n\n  \n\nsecond one is lowercase",
         ["First paragraph ends", "second one is lowercase"]),
        # a line wrapped inside a sentence (next line lowercase) does not break
        ("The ministry of\ndefence said so.", ["The ministry of\ndefence said so."]),
        # closing quotes belong to the sentence; a comma after/inside a quote does not end it
        ('"Two people were injured", the ministry said.',
         ['"Two people were injured", the ministry said.']),
        ('"Two people were injured," the ministry said. It gave no names.',
         ['"Two people were injured," the ministry said.', "It gave no names."]),
        ('He said: "We will win." The army advanced.',
         ['He said: "We will win."', "The army advanced."]),
        ("Aliyev called it 'a crime'. Yerevan denied it.",
         ["Aliyev called it 'a crime'.", "Yerevan denied it."]),
        ("The talks (in Moscow.) Ended late.", ["The talks (in Moscow.)", "Ended late."]),
        # quotes spanning sentences
        ('"We have no goals in Armenia. We have no plans", the president said.',
         ['"We have no goals in Armenia.', 'We have no plans", the president said.']),
        # ! and ? inside a quote followed by a short attribution
        ('"Stop the shelling!" Aliyev said on Friday.',
         ['"Stop the shelling!" Aliyev said on Friday.']),
        ('"Why now?" the Defence Ministry asked.', ['"Why now?" the Defence Ministry asked.']),
        ('"Why now?" Nobody knows.', ['"Why now?"', "Nobody knows."]),
        ("Is it over? Nobody knows! Really.", ["Is it over?", "Nobody knows!", "Really."]),
        # decimals, times, thousands, addresses
        ("The meeting is at 3.00 pm on Monday. Prices rose 1.5 percent.",
         ["The meeting is at 3.00 pm on Monday.", "Prices rose 1.5 percent."]),
        ("It struck at 10:44 a.m. local time. See azertag.az for more.",
         ["It struck at 10:44 a.m. local time.", "See azertag.az for more."]),
        # titles and ranks, initials
        ("Gen. Ali Aliyev and Lt. Col. Ivanov met Mr. Smith and Dr. Jones. They talked.",
         ["Gen. Ali Aliyev and Lt. Col. Ivanov met Mr. Smith and Dr. Jones.", "They talked."]),
        ("Sgt. Petrosyan was hurt. J. R. Smith and J. Doe visited St. Petersburg.",
         ["Sgt. Petrosyan was hurt.", "J. R. Smith and J. Doe visited St. Petersburg."]),
        # dotted acronyms: break only before a sentence opener
        ("U.S. President Trump spoke to U.N. officials. They agreed.",
         ["U.S. President Trump spoke to U.N. officials.", "They agreed."]),
        ("Sanctions were imposed by the U.S. The ministry objected.",
         ["Sanctions were imposed by the U.S.", "The ministry objected."]),
        ("The strike came at 6 a.m. Moscow time. It was at 9 p.m. He slept.",
         ["The strike came at 6 a.m. Moscow time.", "It was at 9 p.m.", "He slept."]),
        # numbers after abbreviations; digits open sentences
        ("See Resolution No. 822 of Oct. 17 and Art. 5 of the charter. 47 people died.",
         ["See Resolution No. 822 of Oct. 17 and Art. 5 of the charter.", "47 people died."]),
        ("Tanks, drones, etc. The list is long.", ["Tanks, drones, etc.", "The list is long."]),
        ("Acme Inc. Shares fell.", ["Acme Inc. Shares fell."]),
        ("The war ended in 1994. 30,000 people had died.",
         ["The war ended in 1994.", "30,000 people had died."]),
        # ellipsis, lowercase continuation
        ("He paused… Then he left. It was late... and dark.",
         ["He paused…", "Then he left.", "It was late... and dark."]),
        ("it ended. then nothing.", ["it ended. then nothing."]),
        # live-feed chrome without words is dropped
        ("• 01:57\n\n  2 People Injured\n\n•\n\n—", ["• 01:57", "2 People Injured"]),
    ],
)
def test_sentences_split_cases(text: str, expected: list[str]) -> None:
    assert _sentences(text) == expected


@pytest.mark.parametrize("text", ["", "   ", "\n\n", "•", "—\n—", "...", '""'])
def test_sentences_no_words_no_sentences(text: str) -> None:
    assert split_sentences(text) == []


def test_sentences_offsets_are_trimmed_and_exclusive() -> None:
    text = "  First one.   Second one!\n\n Third\n"
    spans = split_sentences(text)
    assert spans == [(2, 12), (15, 26), (29, 34)]
    assert [text[s:e] for s, e in spans] == ["First one.", "Second one!", "Third"]


@given(st.text(alphabet=st.sampled_from(list("ab AB.!?,;\"'”’()\n01…-")), max_size=200))
def test_sentences_invariants(text: str) -> None:
    spans = split_sentences(text)
    previous_end = 0
    for start, end in spans:
        assert previous_end <= start < end <= len(text)
        piece = text[start:end]
        assert piece == piece.strip()
        assert any(c.isalnum() for c in piece)
        previous_end = end
    # every word of the text lies in exactly one sentence
    words = list(iter_words(text))
    covered = [w for w in words if any(s <= w[0] and w[1] <= e for s, e in spans)]
    assert covered == words


def test_iter_words_uses_the_project_word() -> None:
    text = "The de-occupied Azerbaijan’s 3.00 U.S."
    assert [text[s:e] for s, e in iter_words(text)] == [
        "The", "de-occupied", "Azerbaijan’s", "3", "00", "U", "S",
    ]
    assert [text[s:e] for s, e in iter_words(text, 4, 15)] == ["de-occupied"]


def test_sentences_reference_feed(reference_feed: Path) -> None:
    corpus = read_corpus(reference_feed, options=ReadOptions.create(date="2020-10-17"))
    by_time = {entry.time: entry for entry in corpus if entry.kind == "entry"}
    entry = by_time["21:53"]
    assert _sentences(entry.text) == [
        "UNSC to Hold Closed-Door Meeting on Situation in Karabakh on Monday, Source Says",
        '"A closed meeting on Nagorno-Karabakh will take place on Monday at 3.00 pm", the '
        "mission said on Friday evening.",
    ]
    sentences = _sentences(by_time["09:42"].text)
    assert sentences[0] == "Azerbaijani Military Says Armenian Air Force Struck Nakhchivan - Photos"
    assert "10:44 a.m. local time [6:44 GMT]" in sentences[1]
    assert sentences[2] == 'No civilians or civilian property were affected", the ministry said.'
    # every entry: headline first, no sentence starts with a lowercase letter or punctuation
    for entry in corpus:
        pieces = _sentences(entry.text)
        if entry.kind == "entry":
            assert pieces[0] == entry.title
        for piece in pieces:
            assert not piece[0].islower(), piece
            assert not piece.startswith((",", ".", ";")), piece
