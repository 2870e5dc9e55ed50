"""Import (LIWC, quanteda, TSV) and export (YAML, TSV, LIWC) of lexicons, with round trips."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import LexiconError, OutputError
from framing.lexicon import (
    Actor,
    Lexicon,
    LexiconEntry,
    LexiconSource,
    LexiconValidationError,
    export_lexicon,
    import_lexicon,
    load_lexicon,
    to_liwc,
    write_lexicon,
)

LEXICON_DATA = Path(__file__).resolve().parent / "data" / "lexicons"

RICH = Lexicon(
    name="rich",
    version="2.1",
    language="en",
    description="Every field, for round trips.",
    licence="CC-BY-4.0",
    citation="Tests (2026).",
    sources=(LexiconSource("own", "Written for the tests.", "https://example.invalid/x"),),
    categories={"territory": "Territorial terms", "legitimacy": "Legitimacy labels"},
    sides={"armenia": "Armenian framing", "azerbaijan": "Azerbaijani framing"},
    entries=(
        LexiconEntry(category="territory", term="occupied", orientation="azerbaijan",
                     exclude=("seats were occupied",), source=("own",), note="a note: yes"),
        LexiconEntry(category="territory", pattern="*-occupied", source=("own",)),
        LexiconEntry(category="legitimacy", term="self-proclaimed",
                     variants=("self proclaimed", "so-called*"), source=("own",)),
        LexiconEntry(category="legitimacy", term="NKR", case_sensitive=True, source=("own",)),
        LexiconEntry(category="legitimacy", term="no", source=("own",)),
    ),
    actors=(Actor(name="Azerbaijani Defence Ministry", kind="ministry",
                  aliases=("Azerbaijan's MoD",), side="azerbaijan"),),
)


def _forms(lexicon: Lexicon) -> set[tuple[str, str]]:
    return {(form, entry.category) for entry in lexicon for form in entry.forms}


def test_lexicon_import_yaml_round_trip_is_lossless(tmp_path: Path) -> None:
    path = write_lexicon(RICH, tmp_path / "rich.yaml")
    assert load_lexicon(path) == RICH


def test_lexicon_import_tsv_round_trip_keeps_all_but_actors(tmp_path: Path) -> None:
    path = write_lexicon(RICH, tmp_path / "rich.tsv")
    loaded = load_lexicon(path)
    assert loaded.entries == RICH.entries
    assert (loaded.name, loaded.version, loaded.categories, loaded.sides, loaded.sources) == \
        (RICH.name, RICH.version, RICH.categories, RICH.sides, RICH.sources)
    assert loaded.actors == ()


def test_lexicon_import_yaml_to_liwc_to_yaml_keeps_terms_and_categories(
        tmp_path: Path) -> None:
    original = load_lexicon(LEXICON_DATA / "tiny.yaml")
    dic = tmp_path / "tiny.dic"
    dic.write_text(to_liwc(original), encoding="utf-8")
    imported = import_lexicon(dic, "liwc").lexicon
    out = write_lexicon(imported, tmp_path / "back.yaml")
    back = load_lexicon(out)
    assert _forms(back) == _forms(original)
    assert list(back.categories) == list(original.categories)
    assert [e.label for e in back] == [e.label for e in original]


def test_lexicon_import_rich_through_liwc_keeps_every_form(tmp_path: Path) -> None:
    dic = tmp_path / "rich.dic"
    dic.write_text(export_lexicon(RICH, "liwc"), encoding="utf-8")
    back = load_lexicon(dic)
    # Variants become entries of their own in LIWC; forms and categories survive.
    assert _forms(back) == _forms(RICH)


def test_lexicon_import_liwc_format_details() -> None:
    text = to_liwc(load_lexicon(LEXICON_DATA / "tiny.yaml"))
    assert text.splitlines()[:4] == ["%", "1\tmodal", "2\tterritory", "%"]
    assert "occup*\t2" in text.splitlines()


def test_lexicon_import_liwc_multi_category() -> None:
    result = import_lexicon(LEXICON_DATA / "sample.dic", "liwc", name="emotions")
    lexicon = result.lexicon
    assert lexicon.name == "emotions"
    assert result.skipped == []
    assert {e.label: e.category for e in lexicon} == {
        "happy": "posemo", "hate*": "negemo", "sad": "negemo", "good": "posemo"}
    assert lexicon.entries[0].note == "also in: affect"
    assert all(e.source == ("imported",) for e in lexicon)
    assert lexicon.sources[0].citation.endswith("sample.dic.")


def test_lexicon_import_liwc_problems(tmp_path: Path) -> None:
    path = tmp_path / "odd.dic"
    path.write_text("%\n1\tposemo\n%\nhappy\t1\nlike\t02 134/125\n:)\t1\nodd\t7\n",
                    encoding="utf-8")
    with pytest.raises(LexiconValidationError) as caught:
        import_lexicon(path, "liwc")
    text = "\n".join(str(p) for p in caught.value.problems)
    assert f"{path}:5: entry 'like': unsupported LIWC category reference '02 134/125'" in text
    assert f"{path}:6: entry ':)': ':)' contains the regular-expression character(s) )" in text
    assert f"{path}:7: entry 'odd': unknown LIWC category number 7" in text
    result = import_lexicon(path, "liwc", skip_invalid=True)
    assert [e.label for e in result.lexicon] == ["happy"]
    assert len(result.skipped) == 3


def test_lexicon_import_liwc_needs_percent_block(tmp_path: Path) -> None:
    path = tmp_path / "bad.dic"
    path.write_text("happy\t1\n", encoding="utf-8")
    with pytest.raises(LexiconValidationError, match=r"bad\.dic:1: a LIWC \.dic file starts"):
        import_lexicon(path, "liwc")


def test_lexicon_import_quanteda_nested() -> None:
    lexicon = import_lexicon(LEXICON_DATA / "quanteda.yml", "quanteda").lexicon
    assert list(lexicon.categories) == ["economy.positive", "economy.negative", "politics"]
    assert {e.label: e.category for e in lexicon} == {
        "boom": "economy.positive", "prosper*": "economy.positive",
        "recession": "economy.negative", "slump": "economy.negative",
        "vote": "politics", "election": "politics"}
    assert lexicon.entries[1].pattern == "prosper*"
    assert lexicon.entries[2].line == 5


def test_lexicon_import_quanteda_problems(tmp_path: Path) -> None:
    path = tmp_path / "q.yml"
    path.write_text("a:\n  - colo?r\n  - boom\nb: [boom, boom]\n", encoding="utf-8")
    with pytest.raises(LexiconValidationError) as caught:
        import_lexicon(path, "quanteda")
    text = "\n".join(str(p) for p in caught.value.problems)
    assert "entry 'colo?r': the quanteda glob '?' is not supported" in text
    assert "entry 'boom': listed twice in category 'b'" in text
    # 'boom' is in a and b: one entry, the other category in its note.
    skipped = import_lexicon(path, "quanteda", skip_invalid=True)
    assert [(e.label, e.category, e.note) for e in skipped.lexicon] == [
        ("boom", "a", "also in: b")]


def test_lexicon_import_tsv_and_unknown_format(tmp_path: Path) -> None:
    lexicon = import_lexicon(LEXICON_DATA / "tiny.tsv", "tsv", name="renamed").lexicon
    assert lexicon.name == "renamed"
    with pytest.raises(LexiconError, match="the `--from` option must be one of"):
        import_lexicon(LEXICON_DATA / "tiny.tsv", "csv")
    with pytest.raises(LexiconError, match="the `--to` option must be one of"):
        export_lexicon(RICH, "csv")
    with pytest.raises(OutputError, match="cannot tell the lexicon format"):
        write_lexicon(RICH, tmp_path / "x.txt")
