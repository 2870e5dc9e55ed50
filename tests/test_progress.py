"""Progress in input bytes, Ctrl-C (exit 130, one line) and atomic outputs of every writer."""

from __future__ import annotations

import json
import random
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import framing
from framing.cli import app
from framing.errors import ModelError, OutputError
from framing.progress import InputProgress
from framing.writers import write_records, write_text_atomic

LEXICON_DATA = Path(__file__).resolve().parent / "data" / "lexicons"
FRAMING_BIN = Path(sys.executable).parent / "framing"

_SENTENCES = [
    "The ministry of the northern province said the bridge was closed on Monday.",
    "Officials claimed that the shelling of the valley had stopped overnight.",
    "According to the mayor, seven houses were damaged near the river crossing.",
    "The self-proclaimed council rejected the proposal, a spokesperson said.",
    "Observers reportedly counted dozens of trucks on the mountain road.",
    "\"We will not accept occupation of our land,\" the governor told reporters.",
    "Residents were evacuated from the district as a precaution.",
    "The talks are likely to resume next week in the capital.",
]


def _write_corpus(path: Path, n_entries: int, seed: int = 5) -> None:
    """A JSONL corpus of texts written for this test (seeded)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n_entries):
            text = " ".join(rng.choice(_SENTENCES) for _ in range(3))
            handle.write(json.dumps({"id": f"t{i}", "outlet": f"Outlet {i % 3}",
                                     "title": f"Update {i}", "text": text,
                                     "published": f"2031-03-0{1 + i % 5}T10:00:00Z"}) + "\n")


def _leftovers(directory: Path) -> list[str]:
    return sorted(p.name for p in directory.iterdir() if p.name.endswith(".tmp"))


# --- progress tracking ------------------------------------------------------------------


def test_progress_input_bytes_follow_results_not_reads() -> None:
    # Ten entries of 100 bytes; the position is what a reader has consumed so far.
    consumed = {"bytes": 0}
    tracker = InputProgress(1000, lambda: consumed["bytes"], n_checkpoints=10)

    def entries() -> Any:
        for i in range(10):
            consumed["bytes"] += 100
            yield i

    reading = tracker.reading(entries())
    read = [next(reading) for _ in range(6)]  # a worker pool reads six entries ahead …
    results = tracker.finished(iter(range(10)))
    assert [next(results), next(results)] == [0, 1]
    # … but only the two results out count: 200 bytes, not 600.
    assert (tracker.n_read, tracker.n_done, tracker.bytes_done) == (6, 2, 200)
    assert tracker.fraction == pytest.approx(0.2)
    read += list(reading)
    assert read == list(range(10))
    assert list(results) == list(range(2, 10))
    assert (tracker.n_done, tracker.bytes_done, tracker.fraction) == (10, 1000, 1.0)


def test_progress_checkpoints_are_bounded_and_unknown_size_has_no_fraction() -> None:
    position = {"bytes": 0}
    tracker = InputProgress(10_000, lambda: position["bytes"], n_checkpoints=10)

    def entries() -> Any:
        for i in range(10_000):
            position["bytes"] += 1
            yield i

    for _ in tracker.reading(entries()):
        pass
    # One position read per ~1,000 bytes once the rate is learnt, not one per entry.
    assert len(tracker._checkpoints) < 40
    unknown = InputProgress(None, lambda: 0)
    assert list(unknown.finished(unknown.reading(range(3)))) == [0, 1, 2]
    assert unknown.fraction is None and unknown.n_done == 3


def test_stream_bytes_read_grows_per_record_to_the_file_size(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    _write_corpus(corpus, 2000)
    stream = framing.iter_entries([corpus])
    size = corpus.stat().st_size
    assert stream.total_bytes() == size
    seen = [stream.bytes_read for _ in stream]
    assert seen == sorted(seen)
    assert 0 < seen[0] < size // 2  # moves within the file, not only when it ends
    assert len(set(seen)) > 2
    assert stream.bytes_read == size


def test_stream_total_bytes_skips_unsupported_files_and_stdin(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"text": "One entry."}\n', encoding="utf-8")
    (tmp_path / "notes.xyz").write_text("not read" * 100, encoding="utf-8")
    (tmp_path / ".hidden.jsonl").write_text("{}" * 100, encoding="utf-8")
    feed = tmp_path / "feed.txt"
    feed.write_text("Title\n\nA body paragraph of an article.\n", encoding="utf-8")
    stream = framing.iter_entries([tmp_path])
    expected = (tmp_path / "a.jsonl").stat().st_size + feed.stat().st_size
    assert stream.total_bytes() == expected
    assert len(list(stream)) == 2
    assert stream.bytes_read == expected  # the article counts whole once read
    assert framing.iter_entries(["-"]).total_bytes() is None


def test_cli_progress_off_when_piped_and_on_when_asked(tmp_path: Path) -> None:
    corpus = tmp_path / "c.jsonl"
    _write_corpus(corpus, 30)
    runner = CliRunner()
    quiet = runner.invoke(app, ["score", str(corpus), "-o", str(tmp_path / "a.jsonl")])
    assert quiet.exit_code == 0, quiet.output
    assert "scoring" not in quiet.stderr and "%" not in quiet.stderr
    shown = runner.invoke(app, ["score", str(corpus), "-o", str(tmp_path / "b.jsonl"),
                                "--progress"])
    assert shown.exit_code == 0, shown.output
    assert "scoring" in shown.stderr and "100%" in shown.stderr
    assert "30 entries" in shown.stderr
    # The bar never changes the output.
    assert (tmp_path / "a.jsonl").read_bytes() == (tmp_path / "b.jsonl").read_bytes()


# --- atomic outputs ---------------------------------------------------------------------


def test_atomic_output_keeps_mode_of_a_plain_open(tmp_path: Path) -> None:
    plain = tmp_path / "plain.txt"
    plain.write_text("x", encoding="utf-8")
    written = write_text_atomic(tmp_path / "atomic.txt", "x")
    assert written.stat().st_mode & 0o777 == plain.stat().st_mode & 0o777


def test_write_records_interrupted_mid_write_leaves_target_untouched(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")

    def items() -> Any:
        yield {"a": 1}
        yield {"a": 2}
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        write_records(items(), target, json_record=dict, flat_row=dict, columns=["a"],
                      parquet_schema=lambda: None)
    assert target.read_text(encoding="utf-8") == "old\n"
    assert _leftovers(tmp_path) == []


def _half_then_fail(self: Path, data: str, *args: Any, **kwargs: Any) -> int:
    with self.open("w", encoding="utf-8") as handle:
        handle.write(data[: len(data) // 2])
    raise OSError(28, "No space left on device")


def test_text_and_lexicon_writers_fail_without_a_truncated_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from framing.lexicon import load_lexicon, write_lexicon

    lexicon = load_lexicon(LEXICON_DATA / "tiny.yaml")
    text_target, lexicon_target = tmp_path / "table.md", tmp_path / "lex.yaml"
    monkeypatch.setattr(Path, "write_text", _half_then_fail)
    with pytest.raises(OutputError):
        write_text_atomic(text_target, "| a | b |\n" * 100)
    with pytest.raises(OutputError):
        write_lexicon(lexicon, lexicon_target)
    assert not text_target.exists() and not lexicon_target.exists()
    assert _leftovers(tmp_path) == []


def test_model_save_fails_without_a_truncated_file(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import skops.io as sio
    from sklearn.dummy import DummyClassifier
    from sklearn.pipeline import Pipeline

    from framing.classify.persist import ModelMetadata, save_model

    def dump_half(obj: Any, file: Path) -> None:
        Path(file).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(sio, "dump", dump_half)
    target = tmp_path / "m.skops"
    with pytest.raises(ModelError):
        save_model(Pipeline([("m", DummyClassifier())]),
                   ModelMetadata(label_column="y", text_column="text", model="logreg",
                                 unit="entry", labels=("a",)), target)
    assert not target.exists()
    assert _leftovers(tmp_path) == []


def _demo() -> str:
    return str(framing.demo_corpus_path())


# Every command that writes a file, each with its -o target (already holding "old").
WRITING_COMMANDS = [
    ("score.jsonl", ["score", _demo(), "-o", "{out}"]),
    ("score.csv", ["score", _demo(), "-o", "{out}"]),
    ("score.parquet", ["score", _demo(), "-o", "{out}"]),
    ("entries.jsonl", ["corpus", "convert", _demo(), "-o", "{out}"]),
    ("table.md", ["compare", _demo(), "--bootstrap", "100", "--permutations", "100",
                  "-o", "{out}"]),
    ("events.jsonl", ["events", _demo(), "--date", "2031-03-05", "-o", "{out}"]),
    ("explain.html", ["explain", _demo(), "-f", "html", "-o", "{out}"]),
    ("lexicon.tsv", ["lexicon", "export", "hedges", "--to", "tsv", "-o", "{out}"]),
    ("imported.yaml", ["lexicon", "import", str(LEXICON_DATA / "sample.dic"), "--from",
                       "liwc", "-o", "{out}"]),
]


@pytest.mark.parametrize(("name", "command"), WRITING_COMMANDS,
                         ids=[name for name, _ in WRITING_COMMANDS])
def test_cli_outputs_are_atomic_when_interrupted(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str, command: list[str]) -> None:
    # Ctrl-C at the last moment (the rename): a command that wrote its target directly would
    # have replaced "old" already.
    target = tmp_path / name
    target.write_text("old", encoding="utf-8")

    def interrupted_rename(self: Path, other: Any) -> Path:
        raise KeyboardInterrupt

    monkeypatch.setattr(Path, "replace", interrupted_rename)
    result = CliRunner().invoke(app, [part.replace("{out}", str(target)) for part in command])
    assert result.exit_code == 130, result.output
    assert "Traceback" not in result.output
    assert target.read_text(encoding="utf-8") == "old"
    assert _leftovers(tmp_path) == []
    if command[0] in ("score", "compare", "events", "explain", "corpus"):
        assert result.stderr.strip().splitlines()[-1] == \
            f"interrupted; no output written ({target} left unchanged)"


# --- Ctrl-C on a real process -----------------------------------------------------------


def _interrupt_score(tmp_path: Path, *extra: str) -> tuple[int, str, list[int]]:
    """Start `framing score big.jsonl -o out.jsonl`, SIGINT it once it writes; return
    (exit code, stderr, pids of its children seen while it ran)."""
    corpus = tmp_path / "big.jsonl"
    _write_corpus(corpus, 40_000)
    # Python turns SIGINT into KeyboardInterrupt only if SIGINT is not ignored when it starts
    # (it is in background jobs of a non-interactive shell).
    process = subprocess.Popen(
        [str(FRAMING_BIN), "score", str(corpus), "-o", str(tmp_path / "out.jsonl"), *extra],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    deadline = time.monotonic() + 60
    while not _leftovers(tmp_path) and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    assert process.poll() is None, "finished before it could be interrupted"
    time.sleep(0.3)  # well into writing
    children = _children(process.pid)
    while "--jobs" in extra and len(children) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # the pool starts with the first chunk: interrupt it working
        children = _children(process.pid)
    process.send_signal(signal.SIGINT)
    _, stderr = process.communicate(timeout=60)
    return process.returncode, stderr, children


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and SIGINT")
def test_ctrl_c_exits_130_with_one_line_and_no_output(tmp_path: Path) -> None:
    code, stderr, _ = _interrupt_score(tmp_path, "--no-progress")
    assert code == 130
    assert stderr == f"interrupted; no output written ({tmp_path / 'out.jsonl'} not created)\n"
    assert not (tmp_path / "out.jsonl").exists()
    assert _leftovers(tmp_path) == []


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="uses /proc and SIGINT")
def test_ctrl_c_with_jobs_stops_the_workers_and_keeps_old_output(tmp_path: Path) -> None:
    (tmp_path / "out.jsonl").write_text("previous run\n", encoding="utf-8")
    code, stderr, children = _interrupt_score(tmp_path, "--jobs", "2", "--no-progress")
    assert code == 130
    assert stderr.strip() == (f"interrupted; no output written ({tmp_path / 'out.jsonl'} "
                              "left unchanged)")
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == "previous run\n"
    assert _leftovers(tmp_path) == []
    assert children, "expected worker processes"
    time.sleep(0.5)
    assert [pid for pid in children if _alive(pid)] == []


# --- start-up and memory of scoring ------------------------------------------------------


def test_scoring_imports_neither_textstat_nor_nltk_nor_scipy() -> None:
    # textstat's package imports nltk, which imports scipy: ~1.4 s of start-up and ~180 MB of
    # peak memory in every run and every --jobs worker, for one word list.
    code = ("import sys, framing\n"
            "from framing.analysis.analyze import Analyzer\n"
            "entries = list(framing.iter_entries([framing.demo_corpus_path()]))\n"
            "records = list(framing.score(entries, Analyzer.from_specs([])))\n"
            "assert any(r.readability.scored for r in records)\n"
            "print(sorted(m for m in ('textstat', 'nltk', 'scipy') if m in sys.modules))\n")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
