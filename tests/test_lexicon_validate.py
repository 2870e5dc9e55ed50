"""Validation: one fixture per malformation, each failing with the expected file:line message,
through the library and through `framing lexicon validate`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.lexicon import LexiconValidationError, load_lexicon, validate_lexicon

BAD = Path(__file__).resolve().parent / "data" / "lexicons" / "bad"

# (fixture, line, kind and name of the item, message fragment)
CASES = [
    ("unknown_key", 22, "entry 'liberated'", "unknown key 'weight'"),
    ("unknown_category", 21, "entry 'liberated'",
     "unknown category 'terrritory' (did you mean 'territory'?)"),
    ("unknown_side", 22, "entry 'liberated'", "unknown side 'azerbaijna'"),
    ("duplicate_term", 20, "entry 'Occupied'",
     "duplicate term 'Occupied': already listed in entry 'occupied' at line 13"),
    ("empty_category", 9, "category 'legitimacy'", "declared but has no entries"),
    ("bad_wildcard", 20, "entry 'oc*up'",
     "bad wildcard 'oc*up': '*' may only stand at the start or end"),
    ("regex_metachar", 20, "entry 'occup(ied|ation)'",
     "contains the regular-expression character(s) ( ) |"),
    ("never_matching", 20, "entry '--'", "has no letters or digits: it can never match"),
    ("exclude_without_term", 22, "entry 'liberated'",
     "exclude phrase 'seats were taken' does not contain the term"),
    ("yaml_syntax", 21, None, "YAML syntax error: expected ',' or ']'"),
    ("unknown_source", 22, "entry 'liberated'", "unknown source id 'hylnd2005'"),
    ("wrong_type", 22, "entry 'liberated'", "'variants' must be a list of strings; got a string"),
    ("missing_category", 20, "entry 'liberated'", "missing required key 'category'"),
    ("actor_unknown_side", 26, "actor 'Kremlin'", "unknown side 'russia'"),
    ("actor_unknown_kind", 23, "actor 'Azerbaijani Defence Ministry'",
     "unknown actor kind 'ministery' (did you mean 'ministry'?)"),
    ("actor_duplicate_alias", 25, "actor 'Azerbaijan’s MoD'",
     "duplicate name or alias 'Azerbaijan’s MoD': already used by actor "
     "'Azerbaijani Defence Ministry' at line 22"),
]
IDS = [case[0] for case in CASES]


def _prefix(path: Path, line: int, who: str | None) -> str:
    return f"{path}:{line}: " + (f"{who}: " if who else "")


@pytest.mark.parametrize(("name", "line", "who", "fragment"), CASES, ids=IDS)
def test_lexicon_validate_reports_file_line_entry(name: str, line: int, who: str | None,
                                                  fragment: str) -> None:
    path = BAD / f"{name}.yaml"
    problems = validate_lexicon(path)
    assert len(problems) == 1, "\n".join(str(p) for p in problems)
    message = str(problems[0])
    assert message.startswith(_prefix(path, line, who)), message
    assert fragment in message
    assert problems[0].line == line


@pytest.mark.parametrize(("name", "line", "who", "fragment"), CASES, ids=IDS)
def test_lexicon_validate_load_raises(name: str, line: int, who: str | None,
                                      fragment: str) -> None:
    path = BAD / f"{name}.yaml"
    with pytest.raises(LexiconValidationError) as caught:
        load_lexicon(path)
    assert str(caught.value).startswith(_prefix(path, line, who))
    assert fragment in str(caught.value)


@pytest.mark.parametrize(("name", "line", "who", "fragment"), CASES, ids=IDS)
def test_lexicon_validate_cli_exit_2(name: str, line: int, who: str | None,
                                     fragment: str) -> None:
    path = BAD / f"{name}.yaml"
    result = CliRunner().invoke(app, ["lexicon", "validate", str(path)])
    assert result.exit_code == 2
    first = result.stdout.splitlines()[0]
    assert first.startswith(_prefix(path, line, who))
    assert fragment in first
    assert "Traceback" not in result.output
    assert "1 problem(s) found" in result.stderr


def test_lexicon_validate_cli_reports_every_file() -> None:
    good = BAD.parent / "tiny.yaml"
    result = CliRunner().invoke(app, ["lexicon", "validate", str(good), str(BAD)])
    assert result.exit_code == 2
    lines = result.stdout.splitlines()
    assert lines[0] == "ok: tiny v1.0 (5 entries, 0 actors)"
    assert len(lines) == 1 + len(CASES)


def test_lexicon_validate_cli_ok_exit_0() -> None:
    result = CliRunner().invoke(app, ["lexicon", "validate", str(BAD.parent / "tiny.tsv")])
    assert result.exit_code == 0
    assert result.stdout == "ok: tiny v1.0 (5 entries, 0 actors)\n"


def test_lexicon_validate_lists_all_problems_in_line_order(tmp_path: Path) -> None:
    path = tmp_path / "many.yaml"
    path.write_text(
        "name: many\nversion: '1'\ndescripton: typo\ncategories: {a: A, b: B}\n"
        "entries:\n"
        "  - term: x\n    category: c\n"
        "  - term: X\n    category: a\n"
        "  - {pattern: '***', category: a}\n",
        encoding="utf-8",
    )
    problems = validate_lexicon(path)
    assert [p.line for p in problems] == sorted(p.line or 0 for p in problems)
    text = "\n".join(str(p) for p in problems)
    assert f"{path}:3: unknown key 'descripton' (did you mean 'description'?)" in text
    assert f"{path}:7: entry 'x': unknown category 'c'" in text
    assert f"{path}:8: entry 'X': duplicate term 'X'" in text
    assert f"{path}:10: entry '***': bad wildcard '***'" in text
    assert f"{path}:4: category 'b': declared but has no entries" in text


def test_lexicon_validate_duplicate_variants_and_case_sensitive(tmp_path: Path) -> None:
    path = tmp_path / "dups.yaml"
    path.write_text(
        "name: dups\nversion: '1'\ncategories: {a: A}\nentries:\n"
        "  - {term: US, category: a, case_sensitive: true}\n"
        "  - {term: us, category: a, case_sensitive: true}\n"
        "  - {term: Azerbaijan's, category: a, variants: [Azerbaijan’s]}\n"
        "  - {term: de-occupied, category: a}\n"
        "  - {term: de–occupied, category: a}\n",
        encoding="utf-8",
    )
    problems = [str(p) for p in validate_lexicon(path)]
    # `US` and `us` are both case-sensitive, so they are different terms.
    assert len(problems) == 2, problems
    assert problems[0].startswith(f"{path}:7: entry \"Azerbaijan's\": duplicate term")
    assert problems[1].startswith(f"{path}:9: entry 'de–occupied': duplicate term")


@pytest.mark.parametrize(
    ("yaml_text", "fragment"),
    [
        ("[1, 2]", "the top level must be a mapping"),
        ("", "the file is empty"),
        ("name: x\nversion: '1'\ncategories: {a: A}\nentries: []\n", "no entries"),
        ("name: x\ncategories: {a: A}\nentries: [{term: y, category: a}]\n",
         "missing required key 'version'"),
        ("name: x\nversion: '1'\ncategories: [a]\nentries: [{term: y, category: a}]\n",
         "'categories' must be a mapping"),
        ("name: x\nversion: '1'\ncategories: {a: A}\nentries: [{term: y, pattern: 'y*', "
         "category: a}]\n", "either 'term' or 'pattern'"),
        ("name: x\nversion: '1'\ncategories: {a: A}\nentries: [{term: 'y*', category: a}]\n",
         "wildcards belong in 'pattern'"),
        ("name: x\nversion: '1'\ncategories: {a: A}\nentries: [{term: y, category: a, "
         "case_sensitive: maybe}]\n", "'case_sensitive' must be true or false"),
        ("name: x\nversion: '1'\nname: y\ncategories: {a: A}\nentries: [{term: y, "
         "category: a}]\n", "duplicate key 'name' (first at line 1)"),
        ("name: x\nversion: '1'\ncategories: {a: A}\nentries: [{pattern: '**y', category: a}]\n",
         "'**'"),
    ],
)
def test_lexicon_validate_header_and_type_problems(tmp_path: Path, yaml_text: str,
                                                   fragment: str) -> None:
    path = tmp_path / "x.yaml"
    path.write_text(yaml_text, encoding="utf-8")
    problems = validate_lexicon(path)
    assert any(fragment in str(p) for p in problems), [str(p) for p in problems]
