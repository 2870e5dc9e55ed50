"""The dask engine: a real two-process LocalCluster gives exactly the single-process results."""

from __future__ import annotations

import builtins
import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import framing
from framing.analysis.analyze import Analyzer, default_analyzer, score
from framing.cli import app
from framing.errors import MissingDependencyError, OptionError
from framing.readers import ReadOptions

pytest.importorskip("distributed")
pq = pytest.importorskip("pyarrow.parquet")

from framing.engines import dask_engine  # noqa: E402  (after the importorskip)
from framing.engines.dask_engine import Partition, plan_partitions  # noqa: E402

pytestmark = pytest.mark.slow
runner = CliRunner()
SKIP = ReadOptions.create(on_error="skip", date="2031-03-05")

# Texts written for these tests (fictional outlets and places).
_SENTENCES = (
    "The ministry said the self-proclaimed authorities had violated the ceasefire.",
    "\"We will not accept any provocation,\" the spokesman told reporters on Monday.",
    "Officials claimed that the occupied villages were shelled overnight.",
    "According to a source, the talks may resume next week.",
    "Residents reportedly fled the breakaway region as aid convoys arrived.",
    "The mayor insisted that the town was calm and the roads were open.",
)


def _records(n: int) -> list[dict[str, Any]]:
    outlets = ("North Gazette", "Harbour Herald", "Valley Post")
    return [{"id": f"r{i}", "outlet": outlets[i % 3], "published": f"2031-03-{1 + i % 9:02d}T10:00",
             "title": f"Report number {i}",
             "text": " ".join(_SENTENCES[(i + k) % len(_SENTENCES)] for k in range(3))}
            for i in range(n)]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    """One real cluster for the module: two worker processes, one thread each."""
    import distributed

    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as dask_client:
        yield dask_client


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo corpus, a generated JSONL, a file with bad records and an unsupported file."""
    root = tmp_path_factory.mktemp("dask-corpus")
    shutil.copytree(framing.demo_corpus_path(), root / "demo")
    records = _records(30)
    (root / "generated.jsonl").write_text(
        "".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    bad = [json.dumps(records[0] | {"id": "ok-1"}), "{not json", json.dumps({"title": "no text"}),
           "", json.dumps(records[1] | {"id": "ok-2"})]
    (root / "mixed.jsonl").write_text("\n".join(bad) + "\n", encoding="utf-8")
    (root / "notes.md").write_text("not a corpus file\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def row_group_parquet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A Parquet corpus of 25 rows in row groups of 4 (no clock times: it may be split)."""
    import pyarrow as pa

    path = tmp_path_factory.mktemp("dask-parquet") / "stories.parquet"
    pq.write_table(pa.Table.from_pylist(_records(25)), path, row_group_size=4)
    return path


@pytest.fixture(scope="module")
def local_run(corpus: Path) -> tuple[list[Any], list[Any]]:
    """The single-process records and skipped records of the corpus."""
    stream = framing.iter_entries([corpus], options=SKIP)
    return list(score(stream, default_analyzer())), stream.skipped


def _invoke(args: list[str]) -> Any:
    return runner.invoke(app, args, catch_exceptions=False)


def test_dask_engine_records_equal_local(client: Any, corpus: Path,
                                        local_run: tuple[list[Any], list[Any]]) -> None:
    local, local_skipped = local_run
    lexicons = default_analyzer().lexicons
    stream = dask_engine.score_on_dask(client, [corpus], lexicons, options=SKIP)
    remote = list(stream)
    assert len(local) == 49 + 30 + 2
    assert remote == local
    assert stream.skipped == local_skipped
    assert [s.location.rsplit("/", 1)[-1] for s in stream.skipped] == [
        "mixed.jsonl:2:2", "mixed.jsonl:3", "notes.md"]
    assert stream.n_scored == len(local)
    # Each worker process compiled the lexicons once, under the run's fingerprint.
    cached = client.run(lambda: sorted(dask_engine._ANALYZERS))
    used = {tuple(keys) for keys in cached.values() if keys}  # a worker may have had no task
    assert used == {(dask_engine.lexicon_key(lexicons),)}


def test_dask_engine_parquet_row_groups_split_and_equal(client: Any,
                                                        row_group_parquet: Path) -> None:
    plan = plan_partitions([row_group_parquet], partition_rows=10)
    assert [(p.row_groups, p.first_number) for p in plan if isinstance(p, Partition)] == [
        ((0, 1, 2), 1), ((3, 4, 5), 13), ((6,), 25)]
    lexicons = default_analyzer().lexicons
    remote = list(dask_engine.score_on_dask(client, [row_group_parquet], lexicons,
                                            partition_rows=10))
    local = list(score(framing.iter_entries([row_group_parquet]), default_analyzer()))
    assert remote == local
    assert [r.id for r in remote[12:14]] == ["r12", "r13"]


def test_dask_engine_parquet_with_clock_times_is_one_partition(tmp_path: Path) -> None:
    import pyarrow as pa

    rows = [r | {"time": f"{10 + i % 9:02d}:00"} for i, r in enumerate(_records(9))]
    path = tmp_path / "feed.parquet"
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=3)
    # Rows with a clock time are a live feed: one task keeps its speaker memory in order.
    assert plan_partitions([path], partition_rows=1) == [Partition(0, str(path))]


def test_dask_engine_cli_jsonl_bytes_identical(client: Any, corpus: Path,
                                               tmp_path: Path) -> None:
    base = ["score", str(corpus), "--on-error", "skip"]
    local = _invoke([*base, "-o", str(tmp_path / "local.jsonl")])
    remote = _invoke([*base, "--engine", "dask", "--scheduler", client.scheduler.address,
                      "-o", str(tmp_path / "dask.jsonl")])
    assert local.exit_code == remote.exit_code == 0
    assert (tmp_path / "dask.jsonl").read_bytes() == (tmp_path / "local.jsonl").read_bytes()
    assert remote.stderr.replace("dask.jsonl", "local.jsonl") == local.stderr
    assert "scored 81, skipped 3" in remote.stderr


def test_dask_engine_cli_stdout_identical(client: Any, corpus: Path) -> None:
    demo = str(corpus / "demo")
    local = _invoke(["score", demo])
    remote = _invoke(["score", demo, "--scheduler", client.scheduler.address])
    assert remote.exit_code == 0
    assert remote.stdout == local.stdout and len(remote.stdout.splitlines()) == 49


def test_dask_engine_cli_parquet_file_and_partitioned_directory(client: Any, corpus: Path,
                                                               tmp_path: Path) -> None:
    import pyarrow.dataset as ds

    base = ["score", str(corpus), "--on-error", "skip"]
    assert _invoke([*base, "-o", str(tmp_path / "local.parquet")]).exit_code == 0
    address = ["--engine", "dask", "--scheduler", client.scheduler.address]
    assert _invoke([*base, *address, "-o", str(tmp_path / "dask.parquet")]).exit_code == 0
    parts = tmp_path / "parts"
    result = _invoke([*base, *address, "-o", str(parts)])
    assert result.exit_code == 0, result.stderr
    local = pq.read_table(tmp_path / "local.parquet")
    assert pq.read_table(tmp_path / "dask.parquet").equals(local)
    names = sorted(p.name for p in parts.iterdir())
    assert names == [f"part-{i:05d}.parquet" for i in range(6)]  # 4 demo files + 2 JSONL
    dataset = ds.dataset(parts, format="parquet")
    assert dataset.schema == local.schema
    assert dataset.to_table().equals(local)


def test_dask_engine_first_error_in_input_order(client: Any, corpus: Path,
                                                tmp_path: Path) -> None:
    paths = [str(corpus / "demo"), str(corpus / "mixed.jsonl"), str(tmp_path / "missing.jsonl")]
    local = _invoke(["score", *paths])
    remote = _invoke(["score", *paths, "--scheduler", client.scheduler.address,
                      "-o", str(tmp_path / "out.jsonl")])
    assert local.exit_code == remote.exit_code == 2
    assert remote.stderr == local.stderr.splitlines()[-1] + "\n"
    assert remote.stderr.startswith("error: ") and "mixed.jsonl:2" in remote.stderr
    assert not (tmp_path / "out.jsonl").exists()
    parts = _invoke(["score", *paths, "--scheduler", client.scheduler.address,
                     "-o", str(tmp_path / "parts")])
    assert (parts.exit_code, parts.stderr) == (2, remote.stderr)
    assert list((tmp_path / "parts").glob("part-*")) == []  # a failed run leaves no parts


def test_dask_engine_unreachable_scheduler_one_line(monkeypatch: pytest.MonkeyPatch,
                                                    corpus: Path) -> None:
    monkeypatch.setattr(dask_engine, "CONNECT_TIMEOUT", 0.5)
    result = _invoke(["score", str(corpus / "demo"), "--scheduler", "tcp://127.0.0.1:9"])
    assert result.exit_code == 2
    assert result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith("error: the `--scheduler` 'tcp://127.0.0.1:9' cannot be reached")


def test_dask_engine_rejects_a_file_given_twice(corpus: Path) -> None:
    feed = str(corpus / "demo" / "compass-wire.txt")
    with pytest.raises(OptionError, match=r"compass-wire\.txt: given more than once"):
        plan_partitions([feed, str(corpus / "generated.jsonl"), feed])


def test_dask_engine_rejects_stdin_before_starting_a_cluster() -> None:
    with pytest.raises(OptionError, match="standard input"):
        plan_partitions(["-"])
    result = _invoke(["score", "-", "--engine", "dask"])
    assert result.exit_code == 2
    assert result.stderr == ("error: the dask engine reads files, not standard input ('-'); "
                             "save the records to a .jsonl file first\n")


def test_dask_engine_missing_dask_is_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                                   corpus: Path) -> None:
    real_import = builtins.__import__

    def no_distributed(name: str, *args: Any, **kwargs: Any) -> Any:
        if name == "distributed" or name.startswith("distributed."):
            raise ImportError(f"No module named {name!r}", name=name)
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_distributed)
    from framing.engines import load_dask

    with pytest.raises(MissingDependencyError, match=r"pip install 'framing\[dask\]'"):
        load_dask()
    result = _invoke(["score", str(corpus / "demo"), "--engine", "dask"])
    assert result.exit_code == 2
    assert result.stderr == ("error: the dask engine needs `pip install 'framing[dask]'` "
                             "(distributed is missing)\n")


def test_dask_engine_worker_analyzer_compiled_once_per_key() -> None:
    lexicons = Analyzer.from_specs([]).lexicons
    key = dask_engine.lexicon_key(lexicons)
    first = dask_engine._worker_analyzer(key, lexicons)
    assert dask_engine._worker_analyzer(key, lexicons) is first
    assert dask_engine.lexicon_key(lexicons[:1]) != key


def _comparison_json(comparison: Any) -> str:
    # JSON text, so NaN cells compare equal.
    return json.dumps({"groups": comparison.groups, "cells": comparison.to_records(),
                       "tests": [t.__dict__ for t in comparison.tests],
                       "pairs": [p.__dict__ for p in comparison.pairs],
                       "n_entries": comparison.n_entries})


@pytest.mark.parametrize(("by", "sides"), [("outlet", None), ("day", ("azerbaijan", "armenia"))])
def test_dask_engine_compare_accumulators_equal_local(
        client: Any, corpus: Path, local_run: tuple[list[Any], list[Any]], by: str,
        sides: tuple[str, ...] | None) -> None:
    from framing.compare import choose_sides, compare_scores

    records = local_run[0]
    chosen = sides or choose_sides(records)
    local = compare_scores(records, by=by, sides=chosen, n_boot=200, n_perm=200)
    parts = dask_engine.compare_on_dask(client, [corpus], default_analyzer().lexicons, by=by,
                                        sides=sides, options=SKIP, partition_records=7)
    assert parts.accumulator.sides == chosen
    assert parts.n_scored == len(records)
    assert [s.code for s in parts.skipped] == ["E110", "E110", "E120"]
    remote = parts.accumulator.finish(n_boot=200, n_perm=200)
    assert _comparison_json(remote) == _comparison_json(local)


def test_dask_engine_side_ranking_is_choose_sides(corpus: Path) -> None:
    from collections import Counter
    from dataclasses import replace

    from framing.compare import choose_sides, count_sides, rank_sides

    records = [r for r in score(framing.iter_entries([corpus / "demo"]), default_analyzer())
               if r.terms]
    # Re-orient terms so that three sides compete, two of them tied.
    orientations = ["north", "south", "south", "west", "north", "west", "west"]
    varied = [replace(r, terms=tuple(replace(t, orientation=orientations[(i + j) % 7])
                                     for j, t in enumerate(r.terms)))
              for i, r in enumerate(records)]
    counts = count_sides(varied)
    assert len(counts) >= 3
    # Partitions' counts add up to the corpus's, so ranking their sum chooses the same sides.
    half = len(varied) // 2
    summed = Counter(count_sides(varied[:half])) + Counter(count_sides(varied[half:]))
    assert dict(summed) == counts
    assert rank_sides(dict(summed)) == choose_sides(varied)
    assert rank_sides({"b": 2, "a": 2, "c": 5}) == ("c", "a")


def test_dask_engine_cli_compare_by_event_identical(client: Any, corpus: Path) -> None:
    args = ["compare", str(corpus / "demo"), "--by", "event", "--exclude-copies", "--date",
            "2031-03-05", "--bootstrap", "200", "--permutations", "200"]
    local = _invoke(args)
    remote = _invoke([*args, "--scheduler", client.scheduler.address])
    assert local.exit_code == remote.exit_code == 0
    assert "side by side" in remote.stdout
    assert remote.stdout == local.stdout


def test_dask_engine_input_errors_survive_pickling() -> None:
    import pickle

    from framing.errors import DecodingError

    error = DecodingError("cannot decode byte 0xff", path="a.jsonl", line=3, column=7)
    copy = pickle.loads(pickle.dumps(error))
    assert type(copy) is DecodingError
    assert (str(copy), copy.location, copy.code) == (str(error), "a.jsonl:3:7", "E104")


def test_dask_engine_unknown_engine_one_line(corpus: Path) -> None:
    result = _invoke(["compare", str(corpus / "demo"), "--engine", "spark"])
    assert (result.exit_code, result.stderr) == (
        2, "error: the `--engine` option must be one of 'local', 'dask'; got 'spark'\n")


@pytest.fixture(scope="module")
def jsonl_feed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A live feed saved as JSONL: records with clock times, sharing speaker memory."""
    headlines = ["Shelling Reported Overnight, Azerbaijani Presidential Assistant Says",
                 "Convoy Reaches The Valley", "Two Bridges Damaged - Presidential Assistant",
                 "Talks Planned For Friday",
                 "Curfew Extended In The North - Presidential Assistant"]
    path = tmp_path_factory.mktemp("dask-feed") / "feed.jsonl"
    path.write_text("".join(json.dumps({"id": f"f{i}", "outlet": "Test Wire",
                                        "time": f"{10 + i:02d}:00", "title": h, "text": h})
                            + "\n" for i, h in enumerate(headlines)), encoding="utf-8")
    return path


def test_dask_engine_jsonl_cut_into_runs_of_records(client: Any, corpus: Path) -> None:
    path = corpus / "generated.jsonl"
    plan = plan_partitions([path], partition_records=7)
    assert [(p.kind, p.part.first_line, p.part.first_number) for p in plan
            if isinstance(p, Partition) and p.part is not None] == [
        ("lines", 1, 1), ("lines", 8, 8), ("lines", 15, 15), ("lines", 22, 22),
        ("lines", 29, 29)]
    remote = list(dask_engine.score_on_dask(client, [path], default_analyzer().lexicons,
                                            partition_records=7))
    assert remote == list(score(framing.iter_entries([path]), default_analyzer()))


def test_dask_engine_feed_in_jsonl_keeps_speaker_memory(client: Any, jsonl_feed: Path) -> None:
    local = list(score(framing.iter_entries([jsonl_feed]), default_analyzer()))
    entries = list(framing.iter_entries([jsonl_feed]))
    # Scored in runs of 2 with fresh memory, "Presidential Assistant" stays unresolved.
    fresh = [r for i in range(0, len(entries), 2)
             for r in score(entries[i:i + 2], default_analyzer())]
    assert [a.actor for a in fresh[2].attributions] == [None]
    assert [a.actor for a in local[2].attributions] == ["Hikmet Hajiyev"]
    # Later runs meet clock times, ask for the memory and are scored again with it.
    remote = list(dask_engine.score_on_dask(client, [jsonl_feed], default_analyzer().lexicons,
                                            partition_records=2))
    assert remote == local


def test_dask_engine_file_error_ends_the_file_as_locally(client: Any, tmp_path: Path) -> None:
    lines = [json.dumps(r).encode() for r in _records(20)]
    lines[12] = lines[12].replace(b"Report", b"Rep\xffort")  # undecodable: a file-level error
    path = tmp_path / "broken.jsonl"
    path.write_bytes(b"\n".join(lines) + b"\n")
    lexicons = default_analyzer().lexicons
    local_stream = framing.iter_entries([path], options=SKIP)
    local = list(score(local_stream, default_analyzer()))
    assert len(local) == 12 and local_stream.skipped[0].location.endswith("broken.jsonl:13:88")
    stream = dask_engine.score_on_dask(client, [path], lexicons, options=SKIP,
                                       partition_records=5)
    assert list(stream) == local
    assert stream.skipped == local_stream.skipped
    parts = dask_engine.write_partitioned(client, [path], lexicons, tmp_path / "parts",
                                          options=SKIP, partition_records=5)
    # The runs after the error are not used, and their part files are removed.
    assert [f.name for f in parts.files] == ["part-00000.parquet", "part-00001.parquet",
                                             "part-00002.parquet"]
    assert sorted(p.name for p in (tmp_path / "parts").iterdir()) == [
        f.name for f in parts.files]
    assert parts.n_scored == 12 and parts.skipped == tuple(local_stream.skipped)
