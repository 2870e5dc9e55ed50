"""Sentence detectors: train on first use into the cache, load, apply, and `score --sentences`."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from framing.analysis.sentences import split_sentences
from framing.classify.detectors import (
    cache_dir,
    detector_info,
    detector_path,
    load_detector,
    sentence_probabilities,
    train_detector,
)
from framing.cli import app
from framing.errors import InputError, ModelError

runner = CliRunner()

BIASED = ["The radical mob destroyed the city in a disgusting rampage.",
          "Lunatic extremists are ruining our great nation.",
          "The corrupt regime lied shamelessly to the public again.",
          "Greedy elites rigged the rotten system for themselves.",
          "The hysterical left wants to destroy freedom.",
          "Reckless fanatics pushed a disastrous, idiotic scheme."]
NEUTRAL = ["The council met on Tuesday to discuss the budget.",
           "The report was published in March by the agency.",
           "The committee will vote on the bill next week.",
           "Officials said the bridge would reopen in June.",
           "The company reported quarterly revenue of two billion dollars.",
           "The survey included 1,200 adults across the state."]
HEDGED = ["These results may suggest a possible role for the protein.",
          "It is possible that the gene is involved in repair.",
          "The mutation might perhaps explain the phenotype.",
          "We speculate that the receptor could be inhibited.",
          "This likely indicates an unknown mechanism.",
          "The data appear to suggest a weak association."]


@pytest.fixture(autouse=True)
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("FRAMING_CACHE", str(folder))
    return folder


def write_babe(path: Path) -> Path:
    lines = ["news_link;outlet;topic;type;label_bias;label_opinion;biased_words;text"]
    lines += [f'x;o;t;left;Biased;Opinion;[];"{s}"' for s in BIASED]
    lines += [f'x;o;t;left;Non-biased;Entirely factual;[];"{s}"' for s in NEUTRAL]
    lines.append('x;o;t;left;No agreement;;[];"An undecided sentence."')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_weasel(path: Path) -> Path:
    rows = ["text,label"] + [f'"{s}",1' for s in HEDGED] + [f'"{s}",0' for s in NEUTRAL]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def write_bioscope(path: Path) -> Path:
    sentences = [f'<sentence id="s{i}">{s}</sentence>' for i, s in enumerate(NEUTRAL)]
    sentences += [f'<sentence id="h{i}">{s.split()[0]} <xcope id="x{i}"><cue type="speculation" '
                  f'ref="x{i}">may</cue> {" ".join(s.split()[1:])}</xcope></sentence>'
                  for i, s in enumerate(HEDGED)]
    path.write_text('<?xml version="1.0"?><Annotation><DocumentSet><Document><DocumentPart>'
                    + "".join(sentences) + "</DocumentPart></Document></DocumentSet></Annotation>",
                    encoding="utf-8")
    return path


def test_cache_dir_follows_environment(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    assert cache_dir() == cache
    assert detector_path("hedged") == cache / "detectors" / "hedged.skops"
    monkeypatch.delenv("FRAMING_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", "/somewhere")
    if sys.platform.startswith("linux"):
        assert cache_dir() == Path("/somewhere/framing")


def test_train_biased_round_trip(tmp_path: Path, cache: Path) -> None:
    messages: list[str] = []
    path = train_detector("biased", write_babe(tmp_path / "final_labels_SG2.csv"),
                          progress=messages.append)
    assert path == detector_path("biased") and path.is_file()
    assert messages and path.is_relative_to(cache)
    detector = load_detector("biased")
    text = "Lunatic extremists destroyed the nation. The council met on Tuesday."
    spans = sentence_probabilities(detector, text)
    assert [(s, e) for s, e, _ in spans] == split_sentences(text)
    assert [text[s:e] for s, e, _ in spans] == ["Lunatic extremists destroyed the nation.",
                                                "The council met on Tuesday."]
    assert all(0.0 <= p <= 1.0 for _, _, p in spans)
    info = detector_info("biased")
    assert info["trained"] and "final_labels_SG2.csv" in info["training data"] and info["date"]


@pytest.mark.parametrize("writer", [write_weasel, write_bioscope])
def test_train_hedged_formats(tmp_path: Path, writer: object) -> None:
    suffix = ".csv" if writer is write_weasel else ".xml"
    data = writer(tmp_path / f"data{suffix}")  # type: ignore[operator]
    train_detector("hedged", data, cv_folds=2)
    spans = sentence_probabilities(load_detector("hedged"), "It might possibly suggest a link.")
    assert len(spans) == 1 and 0.0 <= spans[0][2] <= 1.0


def test_missing_detector_message() -> None:
    with pytest.raises(ModelError, match="framing classify detectors train biased --data"):
        load_detector("biased")


def test_bad_data_is_refused(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("a,b\n1,2\n", encoding="utf-8")
    with pytest.raises(InputError):
        train_detector("hedged", bad)


def test_score_without_detector_exits_2(tmp_path: Path) -> None:
    text = tmp_path / "a.txt"
    text.write_text("A sentence. Another one.\n", encoding="utf-8")
    result = runner.invoke(app, ["score", str(text), "--sentences", "biased", "--no-progress"])
    assert result.exit_code == 2
    assert "framing classify detectors train biased" in result.output


def test_cli_train_list_and_score(tmp_path: Path) -> None:
    data = write_weasel(tmp_path / "train.csv")
    result = runner.invoke(app, ["classify", "detectors", "train", "hedged", "--data", str(data),
                                 "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "saved detector 'hedged'" in result.output
    listed = runner.invoke(app, ["classify", "detectors", "list", "--format", "json"])
    rows = {row["name"]: row for row in json.loads(listed.stdout)}
    assert rows["hedged"]["trained"] and not rows["biased"]["trained"]
    text = tmp_path / "a.txt"
    text.write_text("The data may suggest a link. The council met on Tuesday.\n",
                    encoding="utf-8")
    result = runner.invoke(app, ["score", str(text), "--sentences", "hedged", "--no-progress"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert len(record["sentences"]) == 2
    for sentence in record["sentences"]:
        assert set(sentence) == {"start", "end", "hedged"}
        assert 0.0 <= sentence["hedged"] <= 1.0
    out = tmp_path / "scores.csv"
    result = runner.invoke(app, ["score", str(text), "--sentences", "hedged", "-o", str(out),
                                 "--no-progress"])
    assert result.exit_code == 0, result.output
    header = out.read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header[-2:] == ["max_hedged", "mean_hedged"]
    parquet = tmp_path / "scores.parquet"
    result = runner.invoke(app, ["score", str(text), "--sentences", "hedged", "-o",
                                 str(parquet), "--no-progress"])
    assert result.exit_code == 0, result.output
    import pyarrow.parquet as pq

    table = pq.read_table(parquet)
    assert table.column_names[-2:] == ["max_hedged", "mean_hedged"]
    assert table.num_rows == 1
    assert 0.0 <= table.column("max_hedged")[0].as_py() <= 1.0
