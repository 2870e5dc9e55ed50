"""`framing lexicon …`: list, show, validate, match, import, export, and the reference feed."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app
from framing.lexicon import bundled_paths, load_lexicon

LEXICON_DATA = Path(__file__).resolve().parent / "data" / "lexicons"
TINY = LEXICON_DATA / "tiny.yaml"
runner = CliRunner()


def invoke(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["lexicon", *args])
    assert "Traceback" not in result.output
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", ["list", "show", "validate", "match", "import", "export"])
def test_cli_lexicon_help(command: str) -> None:
    code, out, _ = invoke(command, "--help")
    assert code == 0
    assert "Usage" in out


def test_cli_lexicon_list_bundled_and_user() -> None:
    code, out, _ = invoke("list", "--lexicon", str(TINY), "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["name"] for r in rows] == [*sorted(bundled_paths()), "tiny"]
    assert rows[-1] == {"name": "tiny", "version": "1.0", "entries": 5, "actors": 0,
                        "categories": 2, "language": "en", "bundled": "no", "path": str(TINY)}


def test_cli_lexicon_list_table() -> None:
    code, out, _ = invoke("list", "-l", str(TINY))
    assert code == 0
    assert "tiny" in out and "v1.0" in out


def test_cli_lexicon_show_category() -> None:
    code, out, _ = invoke("show", str(TINY), "--category", "territory", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [r["term"] for r in rows] == ["occup*", "Artsakh", "de-occupied"]
    assert rows[1] == {"term": "Artsakh", "variants": "", "category": "territory",
                       "orientation": "armenia", "note": ""}


def test_cli_lexicon_show_unknown_category_fails() -> None:
    code, _, err = invoke("show", str(TINY), "--category", "nope")
    assert code == 2
    assert err == ("error: the `--category` option must be one of modal, territory; "
                   "got 'nope'\n")


def test_cli_lexicon_show_unknown_lexicon_fails() -> None:
    code, _, err = invoke("show", "nonesuch")
    assert code == 2
    assert err.startswith("error: unknown lexicon 'nonesuch': neither a bundled lexicon")


def test_cli_lexicon_show_bundled_actors() -> None:
    if "nagorno-karabakh" not in bundled_paths():
        pytest.skip("the nagorno-karabakh lexicon is not bundled yet")
    code, out, _ = invoke("show", "nagorno-karabakh", "--actors", "--format", "json")
    assert code == 0
    assert any(row["side"] == "azerbaijan" for row in json.loads(out))


def test_cli_lexicon_match_text_and_json() -> None:
    code, out, _ = invoke("match", "The occupied\nterritories. De–occupied!", "-l", str(TINY),
                          "--no-default-lexicons", "--format", "json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["text"], r["line"], r["column"], r["category"], r["orientation"])
            for r in rows] == [("occupied", 1, 5, "territory", "azerbaijan"),
                               ("De–occupied", 2, 14, "territory", "azerbaijan")]
    assert rows[0]["start"] == 4 and rows[0]["end"] == 12 and rows[0]["entry"] == "occup*"


def test_cli_lexicon_match_file_table(tmp_path: Path) -> None:
    path = tmp_path / "note.txt"
    path.write_text("First line.\nArtsakh may be named.\n", encoding="utf-8")
    code, out, _ = invoke("match", str(path), "-l", str(TINY), "--no-default-lexicons")
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split() == ["at", "text", "lexicon", "category", "orientation"]
    assert lines[2].split() == ["2:1", "Artsakh", "tiny", "territory", "armenia"]
    assert lines[3].split() == ["2:9", "may", "tiny", "modal", "–"]


def test_cli_lexicon_match_no_matches() -> None:
    code, out, err = invoke("match", "nothing here", "-l", str(TINY), "--no-default-lexicons")
    assert (code, out, err) == (0, "", "no matches\n")


def test_cli_lexicon_match_needs_a_lexicon() -> None:
    code, _, err = invoke("match", "text", "--no-default-lexicons")
    assert code == 2
    assert err.startswith("error: no lexicons")


def test_cli_lexicon_match_bad_lexicon_is_one_line(tmp_path: Path) -> None:
    bad = LEXICON_DATA / "bad" / "unknown_category.yaml"
    code, _, err = invoke("match", "text", "-l", str(bad))
    assert code == 2
    assert err == (f"error: {bad}:21: entry 'liberated': unknown category 'terrritory' "
                   "(did you mean 'territory'?)\n")


def test_cli_lexicon_import_and_export(tmp_path: Path) -> None:
    out = tmp_path / "emotions.yaml"
    code, _, err = invoke("import", str(LEXICON_DATA / "sample.dic"), "--from", "liwc",
                          "-o", str(out), "--name", "emotions")
    assert code == 0
    assert err == f"wrote emotions v1.0 (4 entries, 2 categories) to {out}\n"
    assert load_lexicon(out).name == "emotions"
    code, text, _ = invoke("export", str(out), "--to", "tsv")
    assert code == 0
    assert "happy\tposemo" in text
    dic = tmp_path / "emotions.dic"
    code, _, err = invoke("export", str(out), "--to", "liwc", "-o", str(dic))
    assert code == 0
    assert dic.read_text(encoding="utf-8").startswith("%\n1\tposemo\n2\tnegemo\n%\n")


def test_cli_lexicon_import_quanteda(tmp_path: Path) -> None:
    out = tmp_path / "q.yaml"
    code, _, _ = invoke("import", str(LEXICON_DATA / "quanteda.yml"), "--from", "quanteda",
                        "-o", str(out))
    assert code == 0
    assert "economy.positive" in load_lexicon(out).categories


def test_cli_lexicon_import_problems_and_skip(tmp_path: Path) -> None:
    source = tmp_path / "odd.dic"
    source.write_text("%\n1\tposemo\n%\nhappy\t1\nodd\t7\n", encoding="utf-8")
    out = tmp_path / "odd.yaml"
    code, _, err = invoke("import", str(source), "--from", "liwc", "-o", str(out))
    assert code == 2
    assert err == f"error: {source}:5: entry 'odd': unknown LIWC category number 7\n"
    code, _, err = invoke("import", str(source), "--from", "liwc", "-o", str(out),
                          "--skip-invalid")
    assert code == 0
    assert err.splitlines()[0] == (f"skipped: {source}:5: entry 'odd': unknown LIWC category "
                                   "number 7")


def test_cli_lexicon_import_unknown_format() -> None:
    result = runner.invoke(app, ["lexicon", "import", str(TINY), "--from", "csv", "-o", "x"])
    assert result.exit_code == 2
    assert "'csv' is not one of" in result.output


# --- the reference feed ----------------------------------------------------------------------

# Terms the issue expects; each was checked to occur in the feed (grep) before being listed.
FEED_TERMS = ["occupied", "artsakh", "breakaway", "self-proclaimed", "unrecognised",
              "disinformation", "mercenaries", "de-occupied"]


@pytest.fixture(scope="module")
def feed_matches(reference_feed: Path) -> tuple[str, list[dict[str, object]]]:
    if "nagorno-karabakh" not in bundled_paths():
        pytest.skip("the nagorno-karabakh lexicon is not bundled yet")
    result = runner.invoke(app, ["lexicon", "match", str(reference_feed), "--format", "json"])
    assert result.exit_code == 0, result.output
    return reference_feed.read_text(encoding="utf-8"), json.loads(result.stdout)


@pytest.mark.shared
@pytest.mark.parametrize("term", FEED_TERMS)
def test_cli_lexicon_reference_feed_finds(term: str,
                                          feed_matches: tuple[str, list[dict[str, object]]]
                                          ) -> None:
    text, rows = feed_matches
    assert term in text.lower()
    texts = {str(row["text"]).lower() for row in rows}
    assert any(t == term or t.startswith(term + " ") for t in texts), sorted(texts)


@pytest.mark.shared
def test_cli_lexicon_reference_feed_occupied_three_times_at_19_25(
        feed_matches: tuple[str, list[dict[str, object]]]) -> None:
    text, rows = feed_matches
    start = text.index("• 19:25")
    end = text.index("• 18:44")
    starts = {row["start"] for row in rows
              if start <= int(str(row["start"])) < end
              and str(row["text"]).lower().startswith("occupied")}
    assert text[start:end].lower().count("occupied") == 3
    assert len(starts) == 3


@pytest.mark.shared
def test_cli_lexicon_reference_feed_offsets(
        feed_matches: tuple[str, list[dict[str, object]]]) -> None:
    text, rows = feed_matches
    for row in rows:
        assert text[int(str(row["start"])):int(str(row["end"]))] == row["text"]


def test_cli_lexicon_seats_occupied_is_not_a_match() -> None:
    if "nagorno-karabakh" not in bundled_paths():
        pytest.skip("the nagorno-karabakh lexicon is not bundled yet")
    code, out, _ = invoke("match", "At the concert all seats were occupied.", "--format", "json")
    assert code == 0
    assert "occupied" not in [str(row["text"]).lower() for row in json.loads(out)]
    code, out, _ = invoke("match", "The occupied territories.", "--format", "json")
    assert "occupied" in [str(row["text"]).lower() for row in json.loads(out)]
