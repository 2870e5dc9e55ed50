"""`--jobs N`: workers read their own shards; the output is that of one process, byte for byte."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

import framing
import framing.events
import framing.events.align
from framing.analysis.analyze import default_analyzer, score
from framing.analysis.output import write_score_parts, write_scores
from framing.cli import app
from framing.errors import FramingError
from framing.parallel import ShardJob, ShardRunner, plan_shards
from framing.readers import ReadOptions
from framing.writers import write_entries

DEMO = Path(framing.demo_corpus_path())
SKIP = ReadOptions.create(on_error="skip")


def _articles(n: int) -> list[dict[str, str]]:
    """``n`` article records recombined from the (fictional) demo corpus."""
    entries = [e for e in framing.read_corpus(DEMO) if e.kind == "entry"]
    records = []
    for i in range(n):
        entry = entries[i % len(entries)]
        records.append({"outlet": entry.outlet, "title": f"{entry.title} ({i})",
                        "text": entry.text, "published": "2031-03-05T10:00:00+00:00"})
    return records


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Live feeds, a feed converted to JSONL (clock times), articles, bad records, a CSV."""
    root = tmp_path_factory.mktemp("corpus")
    for feed in DEMO.glob("*.txt"):
        shutil.copy(feed, root / feed.name)
    feed_entries = list(framing.iter_entries([DEMO / "compass-wire.txt"]))
    write_entries(feed_entries + feed_entries, root / "feed.jsonl")  # shares speaker memory
    lines = [json.dumps(r, ensure_ascii=False) for r in _articles(30)]
    lines[12] = "not json at all"
    lines[21] = json.dumps({"title": "a record without text"})
    lines.insert(5, "")
    (root / "articles.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    good = "\n".join(json.dumps(r) for r in _articles(6))
    (root / "undecodable.jsonl").write_bytes(good.encode() + b"\n{\"text\": \"caf\xe9\"}\n"
                                             + good.encode() + b"\n")
    with (root / "table.csv").open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["outlet", "title", "text"])
        for i, record in enumerate(_articles(14)):
            # Quoted fields spanning lines: parts must be cut between records, not lines.
            writer.writerow([record["outlet"], record["title"],
                             record["text"].replace(". ", ".\n", 2)])
            if i == 9:
                writer.writerow(["too", "many", "fields", "here"])
    (root / "notes.xyz").write_text("not a corpus file\n", encoding="utf-8")
    return root


def _one_process(paths: list[str], output: Path) -> list[framing.errors.SkippedRecord]:
    analyzer = default_analyzer()
    stream = framing.iter_entries(paths, options=SKIP)
    write_scores(score(stream, analyzer), output, sides=analyzer.sides)
    return stream.skipped


def _sharded(paths: list[str], output: Path, *, jobs: int, records_per_shard: int = 4,
             options: ReadOptions = SKIP) -> ShardRunner:
    analyzer = default_analyzer()
    fmt = output.suffix.lstrip(".")
    job = ShardJob(analyzer.lexicons, options, output=fmt,  # type: ignore[arg-type]
                   sides=analyzer.sides)
    runner = ShardRunner(paths, job, jobs=jobs, records_per_shard=records_per_shard)
    write_score_parts((r.payload for r in runner), output, sides=analyzer.sides)
    return runner


def test_parallel_plan_cuts_line_files_into_parts(corpus: Path) -> None:
    shards = list(plan_shards([str(corpus)], SKIP, records_per_shard=4))
    by_name: dict[str, list[int]] = {}
    for shard in shards:
        by_name.setdefault(Path(shard.name).name, []).append(shard.number)
    assert len(by_name["articles.jsonl"]) == 8  # 30 records: 4 × 7 + 2
    assert len(by_name["compass-wire.txt"]) == 1  # a live feed is never cut
    assert len(by_name["table.csv"]) == 4  # 15 records, cut between (multi-line) records
    assert [s.kind for s in shards if s.name.endswith("notes.xyz")] == ["skipped"]
    assert [s.number for s in shards] == list(range(len(shards)))


@pytest.mark.parametrize(("suffix", "jobs"), [("jsonl", 2), ("jsonl", 3), ("csv", 2)])
def test_parallel_output_is_byte_identical(corpus: Path, tmp_path: Path, suffix: str,
                                           jobs: int) -> None:
    single = tmp_path / f"one.{suffix}"
    skipped = _one_process([str(corpus)], single)
    sharded = tmp_path / f"many.{suffix}"
    runner = _sharded([str(corpus)], sharded, jobs=jobs)
    assert sharded.read_bytes() == single.read_bytes()
    assert runner.skipped == skipped
    reasons = [s.reason for s in skipped]
    assert any("invalid JSON" in r for r in reasons)
    assert any("cannot decode byte 0xe9" in r for r in reasons)
    assert any("row has 4 fields" in r for r in reasons)
    assert any("unsupported file type" in r for r in reasons)


def test_parallel_parquet_has_the_same_rows_in_order(corpus: Path, tmp_path: Path) -> None:
    single, sharded = tmp_path / "one.parquet", tmp_path / "many.parquet"
    _one_process([str(corpus)], single)
    _sharded([str(corpus)], sharded, jobs=2)
    one, many = pq.read_table(single), pq.read_table(sharded)
    assert many.schema == one.schema
    assert many.to_pylist() == one.to_pylist()
    assert pq.ParquetFile(sharded).metadata.num_row_groups == \
        pq.ParquetFile(single).metadata.num_row_groups
    assert sharded.read_bytes() == single.read_bytes()  # re-cut into the same row groups


def test_parallel_feed_memory_carries_across_parts(tmp_path: Path) -> None:
    # Records with clock times share speaker memory across their file: "Presidential
    # Assistant" resolves to the one named earlier. Later parts are scored again with the
    # memory of the parts before, so they resolve as in one process.
    first = "Ganja Hit, Azerbaijani Presidential Assistant Says"
    later = "Houses Destroyed - Presidential Assistant"
    feed = tmp_path / "feed.jsonl"
    records = [{"outlet": "Feed", "time": f"{10 + i // 60:02d}:{i % 60:02d}",
                "title": first if i == 0 else later, "text": first if i == 0 else later}
               for i in range(10)]
    feed.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    paths = [str(feed), str(DEMO / "compass-wire.txt"), str(feed)]
    single, sharded = tmp_path / "one.jsonl", tmp_path / "many.jsonl"
    _one_process(paths, single)
    _sharded(paths, sharded, jobs=2, records_per_shard=3)
    assert sharded.read_bytes() == single.read_bytes()
    actors = [[a["actor"] for a in json.loads(line)["attributions"]]
              for line in single.read_text(encoding="utf-8").splitlines()]
    assert actors[9] == ["Hikmet Hajiyev"]  # resolved through memory, in the 4th part
    alone = list(framing.iter_entries([feed]))[9]  # the same entry without the memory
    assert [a.actor for a in next(iter(score([alone]))).attributions] != ["Hikmet Hajiyev"]


def test_parallel_first_error_is_raised_in_order(corpus: Path, tmp_path: Path) -> None:
    fail = ReadOptions.create(on_error="fail")
    output = tmp_path / "out.jsonl"
    with pytest.raises(FramingError, match=r"articles\.jsonl:14:1: invalid JSON"):
        _sharded([str(corpus / "articles.jsonl"), str(corpus / "undecodable.jsonl")], output,
                 jobs=2, options=fail)
    assert not output.exists()
    assert list(tmp_path.iterdir()) == []  # no temporary file left behind


def test_cli_score_jobs_matches_one_process(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for jobs in (1, 2):
        output = tmp_path / f"jobs{jobs}.csv"
        result = runner.invoke(app, ["score", str(corpus), "--on-error", "skip", "--jobs",
                                     str(jobs), "-o", str(output)])
        assert result.exit_code == 0, result.output
        outputs.append((output.read_bytes(), result.stderr.replace(str(output), "OUT")))
    assert outputs[0] == outputs[1]
    assert "skipped 5" in outputs[1][1]


def test_cli_score_jobs_error_is_one_line(corpus: Path, tmp_path: Path) -> None:
    output = tmp_path / "out.parquet"
    result = CliRunner().invoke(app, ["score", str(corpus / "undecodable.jsonl"), "--jobs", "2",
                                      "-o", str(output)])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        f"error: {corpus / 'undecodable.jsonl'}:7:14: cannot decode byte 0xe9 as utf-8; "
        "re-save the file as UTF-8, or pass --encoding auto (detect) or the file's encoding "
        "(e.g. cp1252)"]
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("extra", [["--by", "outlet"], ["--by", "day", "--side", "armenia",
                                                        "--side", "azerbaijan"]])
def test_cli_compare_jobs_gives_the_same_table(corpus: Path, extra: list[str]) -> None:
    # Without --side the shards return records (sides are chosen from them); with --side each
    # shard returns a filled CompareAccumulator and the parent merges them in order.
    runner = CliRunner()
    tables = []
    for jobs in ("1", "2"):
        result = runner.invoke(app, ["compare", str(corpus / "articles.jsonl"),
                                     str(corpus / "compass-wire.txt"), "--on-error", "skip",
                                     "-f", "json", "--bootstrap", "200", "--permutations",
                                     "200", "--jobs", jobs, *extra])
        assert result.exit_code == 0, result.output
        tables.append(result.stdout)
    assert tables[0] == tables[1]
    assert json.loads(tables[1])["n_entries"]


def test_events_jobs_gives_the_same_alignment(tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    # 1,100 dated articles (3 chunks of rows); workers start whatever the amount of work.
    monkeypatch.setattr(framing.events.align, "MIN_PARALLEL_WORK", 0)
    records = _articles(1100)
    for i, record in enumerate(records):
        record["published"] = f"2031-03-{1 + i // 100:02d}T{(i % 100) // 5:02d}:{i % 60:02d}:00Z"
        record["outlet"] = f"Outlet {i % 7}"  # the same text under other outlets: copies
    path = tmp_path / "news.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    entries = list(framing.iter_entries([path]))
    one = framing.events.align_events(entries)
    two = framing.events.align_events(entries, jobs=2)
    assert two == one
    assert one.n_events > 0 and one.n_copies > 0


def test_cli_events_jobs_matches_one_process(corpus: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    outputs = []
    for jobs in ("1", "2"):
        output = tmp_path / f"events{jobs}.jsonl"
        result = runner.invoke(app, ["events", str(corpus / "articles.jsonl"), str(DEMO),
                                     "--on-error", "skip", "-f", "json", "--jobs", jobs,
                                     "-o", str(output)])
        assert result.exit_code == 0, result.output
        outputs.append((result.stdout, output.read_bytes()))
    assert outputs[0] == outputs[1]


def test_parallel_runner_counts_the_input_bytes_it_has_covered(tmp_path: Path) -> None:
    # Progress bars of `score --jobs N` follow ShardRunner.bytes_done: it grows with every
    # result, lags a file's size by at most one part, and ends at the size of every input.
    lines = [json.dumps({"outlet": "Wire", "title": f"Story {i}", "text": f"Story {i} text."})
             for i in range(40)]
    articles = tmp_path / "articles.jsonl"
    articles.write_text("\n".join(lines) + "\n", encoding="utf-8")
    paths = [str(articles), str(DEMO / "compass-wire.txt")]
    runner = ShardRunner(paths, ShardJob(default_analyzer().lexicons, ReadOptions()), jobs=2,
                         records_per_shard=10)
    seen = []
    for _ in runner:
        seen.append(runner.bytes_done)
    sizes = [articles.stat().st_size, (DEMO / "compass-wire.txt").stat().st_size]
    assert seen == sorted(seen) and len(seen) >= 5  # four or more parts, then the feed
    assert seen[0] == 0  # the first part of the file starts at byte 0
    assert 0 < seen[3] < sizes[0]
    assert seen[-1] == sum(sizes)
    assert seen[-1] == framing.iter_entries(paths).total_bytes()
