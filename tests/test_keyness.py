"""framing keyness: log-odds keyness of one outlet against others, own voice optional."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

import framing
from framing.analysis.records import EntryScore, VoiceSpan
from framing.cli import app
from framing.errors import OptionError
from framing.keyness import count_words, keyness


def _record(outlet: str, text: str, voices: tuple[VoiceSpan, ...] = ()) -> EntryScore:
    return EntryScore(id=f"{outlet}:{len(text)}", outlet=outlet, published=None, time=None,
                      kind="entry", title="", text=text, n_words=0, n_words_authorial=0,
                      n_words_attributed=0, voices=voices)


def _records() -> list[EntryScore]:
    quote = '"The occupiers fled," the minister said.'
    return [
        _record("North", "The occupiers shelled the town. The occupiers retreated."),
        _record("North", "Occupiers again near the river, occupiers everywhere."),
        _record("South", "Troops shelled the town. Troops retreated near the river."),
        _record("South", quote, (VoiceSpan(1, 19, "quoted", "minister", None),)),
    ]


def test_keyness_target_words_on_top() -> None:
    result = keyness(_records(), target="North", min_count=1)
    assert result.rows[0].term == "occupiers"
    assert result.rows[0].z > 0
    assert result.rows[-1].term == "troops"
    assert result.rows[-1].z < 0


def test_keyness_authorial_only_drops_quoted_words() -> None:
    record = _records()[3]
    assert count_words(record)["occupiers"] == 1
    assert count_words(record, authorial_only=True)["occupiers"] == 0
    both = keyness(_records(), target="South", min_count=1)
    own = keyness(_records(), target="South", min_count=1, authorial_only=True)
    assert own.n_tokens_target < both.n_tokens_target


def test_keyness_errors_name_the_groups() -> None:
    with pytest.raises(OptionError, match="group 'East' has no words to compare"):
        keyness(_records(), target="East")
    with pytest.raises(OptionError, match="`--group` option must be one of"):
        keyness(_records(), target="North", group="event")


def test_cli_keyness_demo() -> None:
    result = CliRunner().invoke(app, ["keyness", str(framing.demo_corpus_path()), "--target",
                                      "Stelmar Today", "--min-count", "2", "-f", "github"])
    assert result.exit_code == 0, result.stderr
    assert "| term" in result.stdout
    assert "Monroe, Colaresi & Quinn 2008" in result.stdout
