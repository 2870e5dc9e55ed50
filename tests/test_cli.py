"""The command line: version, help on every command, corpus info/convert, stdin, demo."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

import framing
from framing.cli import app

runner = CliRunner()


def _command_paths() -> list[list[str]]:
    """Every command and sub-command of the CLI, as argument lists."""
    root = typer.main.get_command(app)
    paths: list[list[str]] = []

    # typer vendors its own click, so groups are recognised by their `commands` mapping.
    def walk(command: object, prefix: list[str]) -> None:
        paths.append(prefix)
        commands = getattr(command, "commands", None)
        if commands:
            for name, sub in commands.items():
                walk(sub, [*prefix, name])

    walk(root, [])
    return paths


def test_cli_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout == f"framing {framing.__version__}\n"


@pytest.mark.parametrize("path", _command_paths(), ids=lambda p: " ".join(p) or "framing")
def test_cli_help_on_every_command(path: list[str]) -> None:
    result = runner.invoke(app, [*path, "--help"])
    assert result.exit_code == 0
    assert "Usage:" in result.stdout
    # Every command documents itself (a docstring/help line beyond the usage line).
    assert len(result.stdout.strip().splitlines()) > 3


def test_cli_corpus_info_json_acceptance(reference_feed: Path) -> None:
    result = runner.invoke(app, ["corpus", "info", str(reference_feed), "--date", "2020-10-17",
                                 "--format", "json"])
    assert result.exit_code == 0
    report = json.loads(result.stdout)
    (sputnik,) = report["outlets"]
    assert sputnik["outlet"] == "Sputnik"
    assert (sputnik["n_entries"], sputnik["n_background"]) == (37, 1)
    assert sputnik["first"].startswith("2020-10-16") and sputnik["last"].startswith("2020-10-17")
    assert report["n_skipped"] == 0


@pytest.mark.parametrize(("fmt", "needle"), [("github", "| Sputnik "), ("csv", "Sputnik,37,1,"),
                                             ("latex_booktabs", "\\toprule")])
def test_cli_corpus_info_table_formats(reference_feed: Path, fmt: str, needle: str) -> None:
    result = runner.invoke(app, ["corpus", "info", str(reference_feed), "--date", "2020-10-17",
                                 "-f", fmt])
    assert result.exit_code == 0
    assert needle in result.stdout


def test_cli_corpus_convert_jsonl_acceptance(reference_feed: Path, tmp_path: Path) -> None:
    out = tmp_path / "feed.jsonl"
    result = runner.invoke(app, ["corpus", "convert", str(reference_feed), "--date",
                                 "2020-10-17", "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len(records) == 38
    assert set(records[0]) == {"id", "outlet", "published", "time", "kind", "title", "text",
                               "url", "source", "meta"}
    assert records[0]["kind"] == "background"
    first = records[1]
    assert (first["time"], first["published"]) == ("01:57", "2020-10-17T01:57:00+00:00")
    assert first["title"] == ("2 People Injured by Azerbaijani Strikes on Stepanakert, "
                              "Nagorno-Karabakh's Ombudsman Says")
    assert records[5]["published"] == "2020-10-16T23:34:00+00:00"
    assert records[-1]["title"] == ("Azerbaijan Accuses Armenia of Shelling Areas Near Contact "
                                    "Line in Karabakh")


def test_cli_corpus_convert_csv(data_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out.csv"
    result = runner.invoke(app, ["corpus", "convert", str(data_dir / "tables"), "-o", str(out)])
    assert result.exit_code == 0, result.stderr
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert {r["outlet"] for r in rows} == {"Northern Herald", "Southern Star"}
    assert all(json.loads(r["meta"]) is not None for r in rows)


def test_cli_stdin_jsonl(tmp_path: Path) -> None:
    lines = '{"text": "From a pipe.", "outlet": "Pipe News"}\n'
    result = runner.invoke(app, ["corpus", "info", "-", "-f", "json"], input=lines)
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["outlets"][0]["outlet"] == "Pipe News"


def test_cli_no_arguments_shows_help() -> None:
    result = runner.invoke(app, [])
    assert "corpus" in result.stdout and "demo" in result.stdout
