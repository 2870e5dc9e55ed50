"""Bad input: one line naming file and line/column, exit code 2, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.cli import app

runner = CliRunner()


def _run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def _bad_inputs(tmp: Path) -> dict[str, tuple[Path, str]]:
    """Each kind of bad input and the exact message (after 'error: ') it must produce."""
    jsonl = tmp / "broken.jsonl"
    jsonl.write_text('{"text": "fine"}\n{"text": "oops",\n{"text": "fine too"}\n')
    csv_file = tmp / "notext.csv"
    csv_file.write_text("headline,outlet\nA,B\n")
    encoding = tmp / "latin.txt"
    encoding.write_bytes(b"Headline\n\nThe \x93ceasefire\x94 holds.\n")
    empty = tmp / "empty.jsonl"
    empty.write_bytes(b"")
    binary = tmp / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    missing = tmp / "nope.jsonl"
    return {
        "jsonl": (jsonl, f"{jsonl}:2:17: invalid JSON: Expecting property name enclosed in "
                         "double quotes"),
        "csv": (csv_file, f"{csv_file}:1: no text column (expected one of: text, body, "
                          "story_text, content); found: headline, outlet"),
        "encoding": (encoding, f"{encoding}:3:5: cannot decode byte 0x93 as utf-8; re-save the "
                               "file as UTF-8, or pass --encoding auto (detect) or the file's "
                               "encoding (e.g. cp1252)"),
        "empty": (empty, f"{empty}: file is empty"),
        "binary": (binary, f"{binary}:2:1: binary data (byte 0x1a), not a text file; expected a "
                           "live feed, JSONL, CSV/TSV, Parquet or HTML file"),
        "missing": (missing, f"{missing}: no such file or directory"),
    }


@pytest.mark.parametrize("kind", ["jsonl", "csv", "encoding", "empty", "binary", "missing"])
@pytest.mark.parametrize("command", ["info", "convert"])
def test_cli_errors_bad_input_one_line_exit_2(tmp_path: Path, kind: str, command: str) -> None:
    path, message = _bad_inputs(tmp_path)[kind]
    args = ["corpus", command, str(path)]
    if command == "convert":
        args += ["-o", str(tmp_path / "out.jsonl")]
    code, stdout, stderr = _run(*args)
    assert code == 2
    assert stderr == f"error: {message}\n"
    assert "Traceback" not in stdout + stderr
    assert not (tmp_path / "out.jsonl").exists()  # no half-written output


def test_cli_errors_skip_reports_every_skipped_record(tmp_path: Path) -> None:
    bad = _bad_inputs(tmp_path)
    good = tmp_path / "good.jsonl"
    good.write_text('{"text": "A real entry.", "outlet": "X"}\n')
    paths = [str(p) for p, _ in bad.values()] + [str(good)]
    code, stdout, _ = _run("corpus", "info", *paths, "--on-error", "skip", "--format", "json")
    assert code == 0
    report = json.loads(stdout)
    assert report["n_entries"] == 3  # two good lines of broken.jsonl + good.jsonl
    assert report["n_skipped"] == 6
    assert [s["location"] for s in report["skipped"]] == [
        f"{bad['jsonl'][0]}:2:17", f"{bad['csv'][0]}:1", f"{bad['encoding'][0]}:3:5",
        str(bad["empty"][0]), f"{bad['binary'][0]}:2:1", str(bad["missing"][0])]
    assert report["skipped"][3]["reason"] == "file is empty"


def test_cli_errors_skip_summary_on_stderr_for_tables(tmp_path: Path) -> None:
    path, _ = _bad_inputs(tmp_path)["jsonl"]
    code, _, stderr = _run("corpus", "convert", str(path), "-o", str(tmp_path / "o.jsonl"),
                                "--on-error", "skip")
    assert code == 0
    assert "wrote 2 entries" in stderr
    assert "skipped 1 record(s):" in stderr
    assert f"{path}:2:17: invalid JSON" in stderr
    assert len((tmp_path / "o.jsonl").read_text().splitlines()) == 2


def test_cli_errors_record_without_text_in_jsonl(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"text": "ok"}\n{"title": "no body"}\n')
    code, _, stderr = _run("corpus", "info", str(path))
    assert code == 2
    assert stderr == (f"error: {path}:2: record has no text (looked for a non-empty field: "
                      "text, body, story_text, content)\n")


def test_cli_errors_csv_row_with_wrong_field_count(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text('text,title\n"ok",T\n"a","b","c"\n')
    code, _, stderr = _run("corpus", "info", str(path))
    assert code == 2
    assert stderr == f"error: {path}:3: row has 3 fields; the header has 2\n"


def test_cli_errors_unparseable_date_names_field(tmp_path: Path) -> None:
    path = tmp_path / "r.jsonl"
    path.write_text('{"text": "ok", "publish_date": "yesterday"}\n')
    code, _, stderr = _run("corpus", "info", str(path))
    assert code == 2
    assert stderr.startswith(f"error: {path}:1: field 'publish_date': cannot parse date")


@pytest.mark.parametrize(
    ("option", "value", "message"),
    [
        ("--date", "17/10/2020", "the `--date` option must be YYYY-MM-DD; got '17/10/2020'"),
        ("--tz", "Mars/Olympus", "the `--tz` option must be an IANA time zone such as "
                                 "'Europe/Moscow' or 'UTC'; got 'Mars/Olympus'"),
        ("--encoding", "klingon", "the `--encoding` option must be 'auto' or a Python codec "
                                  "name; got 'klingon'"),
        ("--format", "excel", "the `--format` option must be one of json, csv, tsv"),
    ],
)
def test_cli_errors_bad_options(data_dir: Path, option: str, value: str, message: str) -> None:
    code, _, stderr = _run("corpus", "info", str(data_dir / "tables" / "records.jsonl"),
                           option, value)
    assert code == 2
    assert stderr.startswith(f"error: {message}")
    assert stderr.count("\n") == 1


def test_cli_errors_unknown_output_suffix(data_dir: Path, tmp_path: Path) -> None:
    code, _, stderr = _run("corpus", "convert", str(data_dir / "tables" / "records.jsonl"),
                           "-o", str(tmp_path / "out.xlsx"))
    assert code == 2
    assert stderr == (f"error: {tmp_path / 'out.xlsx'}: the output must end in one of .jsonl, "
                      ".csv, .parquet; got '.xlsx'\n")


def test_cli_errors_encoding_auto_recovers(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes("text,outlet\n“Ceasefire” holds in Gäste – officials,Radio\n"
                     .encode("cp1252"))
    code, stdout, _ = _run("corpus", "info", str(path), "--encoding", "cp1252", "-f", "json")
    assert code == 0 and json.loads(stdout)["n_entries"] == 1
