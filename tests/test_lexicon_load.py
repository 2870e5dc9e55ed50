"""Loading lexicons: the YAML format, TSV, LIWC .dic, registry and bundled lexicons."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import LexiconError
from framing.lexicon import (
    Lexicon,
    LexiconEntry,
    LexiconValidationError,
    bundled_paths,
    list_bundled,
    load_bundled,
    load_lexicon,
    resolve_lexicons,
    validate_lexicon,
)

LEXICON_DATA = Path(__file__).resolve().parent / "data" / "lexicons"
BUNDLED = sorted(bundled_paths())


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


MINIMAL = """\
name: mini
version: {version}
categories: {{territory: Territorial terms}}
entries:
  - term: {term}
    category: territory
"""


def test_lexicon_load_yaml_and_tsv_are_equal() -> None:
    from_yaml = load_lexicon(LEXICON_DATA / "tiny.yaml")
    from_tsv = load_lexicon(LEXICON_DATA / "tiny.tsv")
    assert from_yaml == from_tsv
    assert from_yaml.path != from_tsv.path  # provenance differs, content does not
    assert from_yaml.id == "tiny.v1.0"
    assert [e.label for e in from_yaml] == ["may", "might", "occup*", "Artsakh", "de-occupied"]
    assert from_yaml.entries[2].pattern == "occup*"
    assert from_yaml.entries[2].term is None
    assert from_yaml.entries[3].orientation == "armenia"
    assert from_yaml.entries[3].line == 20


def test_lexicon_load_records_are_frozen_and_described() -> None:
    lexicon = load_lexicon(LEXICON_DATA / "tiny.yaml")
    with pytest.raises(AttributeError):
        lexicon.name = "other"  # type: ignore[misc]
    assert str(lexicon) == "Lexicon(tiny v1.0, 5 entries, 0 actors)"
    assert len(lexicon) == 5
    assert lexicon.n_terms == 5
    assert [e.label for e in lexicon.entries_in("modal")] == ["may", "might"]


def test_lexicon_load_tsv_without_header_uses_defaults(tmp_path: Path) -> None:
    path = _write(tmp_path, "bare.tsv", "term\tcategory\torientation\noccupied\tterritory\taze\n"
                  "liberated\tterritory\n")
    lexicon = load_lexicon(path)
    assert (lexicon.name, lexicon.version) == ("bare", "1.0")
    assert lexicon.categories == {"territory": ""}
    assert lexicon.sides == {"aze": ""}
    assert [e.label for e in lexicon] == ["occupied", "liberated"]


def test_lexicon_load_tsv_lists_and_flags(tmp_path: Path) -> None:
    path = _write(tmp_path, "full.tsv",
                  "term\tcategory\tvariants\tcase_sensitive\texclude\tnote\n"
                  "US\tcountry\tU.S.; USA\ttrue\t\tthe country\n"
                  "occupied\tterritory\t\t\tseats were occupied; occupied seats\t\n")
    lexicon = load_lexicon(path)
    us, occupied = lexicon.entries
    assert us.variants == ("U.S.", "USA")
    assert us.case_sensitive is True
    assert us.note == "the country"
    assert occupied.exclude == ("seats were occupied", "occupied seats")


def test_lexicon_load_tsv_row_problems_name_the_line(tmp_path: Path) -> None:
    path = _write(tmp_path, "rows.tsv",
                  "term\tcategory\noccupied\tterritory\textra\nliberated\tterritory\n")
    problems = validate_lexicon(path)
    assert [str(p) for p in problems] == [
        f"{path}:2: entry 'occupied': the row has 3 fields but the header has 2"
    ]


def test_lexicon_load_tsv_needs_a_header_row(tmp_path: Path) -> None:
    path = _write(tmp_path, "nohead.tsv", "occupied\tterritory\n")
    problems = validate_lexicon(path)
    assert "lacks the column 'term'" in str(problems[0])


def test_lexicon_load_keeps_scalars_as_written(tmp_path: Path) -> None:
    # YAML would turn 1.10 into the float 1.1 and `no` into False.
    path = _write(tmp_path, "mini.yaml", MINIMAL.format(version="1.10", term="no"))
    lexicon = load_lexicon(path)
    assert lexicon.version == "1.10"
    assert lexicon.entries[0].term == "no"


def test_lexicon_load_accepts_license_spelling(tmp_path: Path) -> None:
    text = MINIMAL.format(version='"1"', term="occupied") + "license: MIT\n"
    assert load_lexicon(_write(tmp_path, "mini.yaml", text)).licence == "MIT"
    both = text + "licence: MIT\n"
    problems = validate_lexicon(_write(tmp_path, "both.yaml", both))
    assert "give either 'licence' or 'license'" in str(problems[0])


def test_lexicon_load_unknown_suffix_fails(tmp_path: Path) -> None:
    path = _write(tmp_path, "mini.json", "{}")
    with pytest.raises(LexiconError, match=r"unknown lexicon format '\.json'"):
        load_lexicon(path)


def test_lexicon_load_missing_file_fails(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="no such lexicon file"):
        load_lexicon(tmp_path / "absent.yaml")


def test_lexicon_load_not_utf8_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.yaml"
    path.write_bytes(b"name: x\nversion: '1'\ndescription: caf\xe9\n")
    with pytest.raises(LexiconError, match=r"latin\.yaml:3: not valid UTF-8"):
        load_lexicon(path)


def test_lexicon_load_error_shows_first_problem_and_count(tmp_path: Path) -> None:
    text = MINIMAL.format(version='"1"', term="occupied") + "    weight: 1\n    colour: red\n"
    path = _write(tmp_path, "mini.yaml", text)
    with pytest.raises(LexiconValidationError) as caught:
        load_lexicon(path)
    assert len(caught.value.problems) == 2
    assert str(caught.value).startswith(f"{path}:7: entry 'occupied': unknown key 'weight'")
    assert "and 1 more problem(s)" in str(caught.value)


def test_lexicon_load_strict_requires_name_licence_sources(tmp_path: Path) -> None:
    path = _write(tmp_path, "strict-name.yaml", MINIMAL.format(version='"1"', term="occupied"))
    messages = [p.message for p in validate_lexicon(path, strict=True)]
    assert any("must equal the file name 'strict-name'" in m for m in messages)
    assert any("must state its 'licence'" in m for m in messages)
    assert any("every entry of a bundled lexicon cites a declared source" in m
               for m in messages)
    assert validate_lexicon(path) == []  # user lexicons need none of this


def test_lexicon_load_liwc_dic() -> None:
    lexicon = load_lexicon(LEXICON_DATA / "sample.dic")
    assert lexicon.name == "sample"
    entries = {e.label: e for e in lexicon}
    assert entries["happy"].category == "posemo"
    assert entries["happy"].note == "also in: affect"
    assert entries["hate*"].pattern == "hate*"
    assert entries["hate*"].category == "negemo"
    assert list(lexicon.categories) == ["posemo", "negemo"]
    assert "affect" in lexicon.description


def test_lexicon_bundled_directory_is_listed() -> None:
    infos = list_bundled()
    assert [info.name for info in infos] == BUNDLED
    assert all(info.bundled and info.n_entries > 0 for info in infos)


@pytest.mark.parametrize("name", BUNDLED)
def test_lexicon_bundled_validates(name: str) -> None:
    path = bundled_paths()[name]
    problems = validate_lexicon(path)
    assert problems == [], "\n".join(str(p) for p in problems)
    lexicon = load_bundled(name)
    assert lexicon.name == name
    assert lexicon.licence
    assert all(entry.source for entry in lexicon.entries)


def test_lexicon_resolve_default_user_and_replacement(tmp_path: Path) -> None:
    defaults = resolve_lexicons([])
    assert [lexicon.name for lexicon in defaults] == BUNDLED
    user = _write(tmp_path, "mine.yaml", MINIMAL.format(version='"1"', term="occupied"))
    only = resolve_lexicons([str(user)], include_default=False)
    assert [lexicon.name for lexicon in only] == ["mini"]
    added = resolve_lexicons([str(user)])
    assert [lexicon.name for lexicon in added] == [*BUNDLED, "mini"]
    if BUNDLED:
        replacement = _write(tmp_path, "replacement.yaml",
                             MINIMAL.replace("mini", BUNDLED[0]).format(version='"9"',
                                                                         term="occupied"))
        replaced = resolve_lexicons([str(replacement)])
        assert [lexicon.name for lexicon in replaced] == BUNDLED
        assert replaced[0].version == "9"


def test_lexicon_resolve_errors(tmp_path: Path) -> None:
    with pytest.raises(LexiconError, match="unknown lexicon 'nonesuch'"):
        resolve_lexicons(["nonesuch"])
    with pytest.raises(LexiconError, match="no such lexicon file"):
        resolve_lexicons([str(tmp_path / "absent.yaml")])
    with pytest.raises(LexiconError, match="no lexicons"):
        resolve_lexicons([], include_default=False)
    first = _write(tmp_path, "a.yaml", MINIMAL.format(version='"1"', term="occupied"))
    second = _write(tmp_path, "b.yaml", MINIMAL.format(version='"2"', term="occupied"))
    with pytest.raises(LexiconError, match="two lexicons named 'mini'"):
        resolve_lexicons([str(first), str(second)], include_default=False)


def test_lexicon_library_prints_nothing(capfd: pytest.CaptureFixture[str]) -> None:
    lexicon = load_lexicon(LEXICON_DATA / "tiny.yaml")
    validate_lexicon(LEXICON_DATA / "bad" / "unknown_key.yaml")
    resolve_lexicons([])
    assert isinstance(lexicon, Lexicon)
    assert isinstance(lexicon.entries[0], LexiconEntry)
    assert capfd.readouterr() == ("", "")
