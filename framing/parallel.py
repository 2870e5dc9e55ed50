"""Score files with worker processes that read their own shards (``--jobs N``).

Handing parsed entries to a process pool does not scale for cheap per-entry work: the parent
spends its time decoding JSON and pickling entries and results. Here the parent only *plans*:

1. **Plan** (:func:`plan_shards`, in the parent): every input becomes one or more shards, in
   input order. A live feed, HTML page, Parquet or JSON document is one shard; a JSONL or
   CSV/TSV file is cut between records into parts of ``records_per_shard`` records (a cheap scan
   of raw lines: JSON is never decoded here; CSV is parsed to find record boundaries, since a
   quoted field may span lines). Each part knows its byte offset, first line and first record
   number, so ids, line numbers and messages are those of reading the whole file.
2. **Work** (in each worker, lexicons compiled once per worker): read the shard, score its
   entries, and serialise the result in the final format (JSONL lines, CSV rows, an Arrow IPC
   stream of flat rows, or whatever a :class:`ShardJob` asks for).
3. **Merge** (in the parent): results are taken in plan order, at most ``2 × jobs`` shards in
   flight, so memory stays flat and the output is byte for byte that of one process.

Speaker memory: entries of one live feed (those with a clock time, keyed by their file) share a
:class:`~framing.analysis.voice.SpeakerContext`, in file order. A part of a file other than its
first is scored speculatively without memory; if it meets an entry with a clock time, it stops
and the parent scores it again with the memory carried from the parts before, one part at a
time. A single live feed is therefore scored by one process, in order: parallelism comes from
many files and from the records of JSONL/CSV article files.
"""

from __future__ import annotations

import csv
import shutil
import signal
import sys
import tempfile
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from multiprocessing import get_context
from pathlib import Path
from typing import IO, Any, Literal, Protocol

from framing.analysis.analyze import Analyzer, analyze, context_key
from framing.analysis.batch import sigint_deferred
from framing.analysis.records import EntryScore
from framing.analysis.voice import SpeakerContext
from framing.errors import (
    FramingError,
    InputError,
    MissingPathError,
    SkippedRecord,
    UnsupportedFormatError,
)
from framing.lexicon import Lexicon
from framing.model import Entry
from framing.readers import (
    SUFFIX_FORMATS,
    EntryStream,
    FeedInfo,
    ReadOptions,
    _iter_files,
    detect_format,
)
from framing.readers import _codec as reader_codec
from framing.readers.decode import detect_bom
from framing.readers.tabular import FilePart, is_line_codec, read_jsonl

#: Records per part of a JSONL/CSV file: large enough that a part's overhead (a task, a seek,
#: a result message) is small beside scoring it, small enough to balance work and memory.
DEFAULT_RECORDS_PER_SHARD = 256

ShardKind = Literal["file", "stdin", "missing", "skipped"]
_LINE_FORMATS = ("jsonl", "csv", "tsv")


@dataclass(frozen=True)
class Shard:
    """One unit of work: a whole input, or a part of a JSONL/CSV/TSV file.

    Attributes:
        number: position in the plan (results come back in this order).
        kind: ``file``; ``stdin`` (copied to ``spool`` first); ``missing`` (a path that does
            not exist); ``skipped`` (a file a directory holds that no reader reads).
        name: the path as readers name it (entry sources, messages, speaker memory).
        file: serial number of the input the shard belongs to (parts of one file share it).
        part: the run of lines to read, or None for the whole input.
        spool: the copy of standard input (``stdin`` shards).
        skipped: the record to report (``skipped`` shards).
    """

    number: int
    kind: ShardKind
    name: str
    file: int
    part: FilePart | None = None
    spool: str | None = None
    skipped: SkippedRecord | None = None


@dataclass
class ShardResult:
    """What a worker returns for one shard.

    Attributes:
        number: the shard's plan position.
        payload: the job's output for the shard (see :class:`ShardJob`).
        n_entries: entries read and scored.
        skipped: skipped files and records, in reading order.
        feeds: live-feed metadata of the files read.
        error: the first error under ``on_error=fail`` (the parent raises it in order).
        file_error: a file-level error ended the file: its later parts are not used.
        needs_context: the part met a live-feed entry without the memory of earlier parts.
        context: the speaker memory of the shard's feed after its last entry, if it has one.
    """

    number: int
    payload: Any = None
    n_entries: int = 0
    skipped: list[SkippedRecord] = field(default_factory=list)
    feeds: list[FeedInfo] = field(default_factory=list)
    error: FramingError | None = None
    file_error: bool = False
    needs_context: bool = False
    context: SpeakerContext | None = None


class ShardSink(Protocol):
    """Collects the score records of one shard in a worker and returns the shard's payload.

    :class:`RecordSink` keeps the records, :class:`EncodedSink` serialises them,
    :class:`AccumulatorSink` fills a comparison accumulator.
    """

    def add(self, entry: Entry, record: EntryScore) -> None:
        """Take one scored entry."""

    def finish(self) -> Any:
        """The shard's payload, sent back to the parent (keep it small: bytes, counts)."""


class RecordSink:
    """Keeps the score records (a list, pickled back to the parent)."""

    def __init__(self) -> None:
        self.records: list[EntryScore] = []

    def add(self, entry: Entry, record: EntryScore) -> None:
        """Keep the record."""
        self.records.append(record)

    def finish(self) -> list[EntryScore]:
        """The records, in order."""
        return self.records


class EncodedSink:
    """Serialises records as a part of a ``.jsonl``/``.csv``/``.parquet`` score output."""

    def __init__(self, fmt: str, sides: Sequence[str], detectors: dict[str, Any]) -> None:
        self.fmt = fmt
        self.sides = tuple(sides)
        self.detectors = detectors
        self.records: list[EntryScore] = []
        self.sentences: list[list[dict[str, Any]]] = []

    def add(self, entry: Entry, record: EntryScore) -> None:
        """Keep the record (and its sentence-detector rows)."""
        self.records.append(record)
        if self.detectors:
            from framing.classify.detectors import score_sentences

            self.sentences.append(score_sentences(self.detectors, entry.text))

    def finish(self) -> bytes:
        """The encoded part (see :func:`framing.analysis.output.encode_scores`)."""
        from framing.analysis.output import encode_scores

        return encode_scores(self.records, self.fmt, sides=self.sides,
                             sentences=self.sentences if self.detectors else None,
                             detectors=list(self.detectors))


@dataclass(frozen=True)
class ShardJob:
    """What every worker needs, sent once per worker.

    Attributes:
        lexicons: the run's lexicons (compiled once per worker).
        options: reader options.
        readability: compute readability indices.
        tone: compute tone.
        output: ``records`` (score records back), ``jsonl``/``csv``/``parquet`` (encoded
            score output), or ``custom`` (``make_sink`` builds each shard's sink).
        sides: sides of the per-side columns of CSV/Parquet output.
        detectors: names of sentence detectors (``score --sentences``), loaded per worker.
        make_sink: for ``custom``: a picklable callable returning a fresh :class:`ShardSink`.
        skip_ids: ids of entries not to score at all (``compare --exclude-copies``).
    """

    lexicons: tuple[Lexicon, ...]
    options: ReadOptions
    readability: bool = True
    tone: bool = True
    output: Literal["records", "jsonl", "csv", "parquet", "custom"] = "records"
    sides: tuple[str, ...] = ()
    detectors: tuple[str, ...] = ()
    make_sink: Callable[[], ShardSink] | None = None
    skip_ids: frozenset[str] = frozenset()


# --- planning (parent) --------------------------------------------------------------------


def _has_text(raw: bytes, codec: str, line_no: int) -> bool:
    """Whether a raw line holds a record (``line.strip()`` of the decoded line is non-empty)."""
    stripped = raw.lstrip(b" \t\n\r\x0b\x0c")
    if not stripped:
        return False
    first = stripped[0]
    if first < 0x80 and not 0x1C <= first <= 0x1F:
        return True  # an ASCII character that is not whitespace (the usual "{")
    text = raw.decode(codec, errors="replace")
    return bool((text.removeprefix("\ufeff") if line_no == 1 else text).strip())


def _jsonl_parts(handle: IO[bytes], codec: str, per_part: int) -> Iterator[FilePart]:
    """Cut a JSONL file into parts of ``per_part`` records (raw lines; no JSON decoding)."""
    index, start, first_line, first_number = 0, 0, 1, 1
    offset = number = in_part = 0
    for line_no, raw in enumerate(handle, start=1):
        offset += len(raw)
        if _has_text(raw, codec, line_no):
            number += 1
            in_part += 1
            if in_part == per_part:
                yield FilePart(index, start, first_line, first_number, line_no - first_line + 1)
                index, start, first_line, first_number = index + 1, offset, line_no + 1, number + 1
                in_part = 0
    yield FilePart(index, start, first_line, first_number, None)


def _csv_parts(handle: IO[bytes], codec: str, delimiter: str,
               per_part: int) -> Iterator[FilePart]:
    """Cut a CSV/TSV file into parts of ``per_part`` records, between records.

    The rows are parsed (a quoted field may hold newlines); after a malformed row the rest of
    the file stays one part, since a record boundary can no longer be trusted.
    """
    consumed = [0]

    def lines() -> Iterator[str]:
        for line_no, raw in enumerate(handle, start=1):
            consumed[0] += len(raw)
            text = raw.decode(codec, errors="replace")
            yield text.removeprefix("\ufeff") if line_no == 1 else text

    reader = csv.reader(lines(), delimiter=delimiter)
    index, start, first_line, first_number = 0, 0, 1, 1
    number = in_part = 0
    try:
        next(reader)  # the header
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            number += 1
            in_part += 1
            if in_part == per_part:
                end_line = reader.line_num
                yield FilePart(index, start, first_line, first_number, end_line - first_line + 1)
                index, start = index + 1, consumed[0]
                first_line, first_number, in_part = end_line + 1, number + 1, 0
    except (csv.Error, StopIteration):
        pass  # the reader reports it; the rest stays one part
    yield FilePart(index, start, first_line, first_number, None)


def _file_parts(path: Path, options: ReadOptions, per_part: int, *,
                fmt_hint: str | None = None, codec_hint: str | None = None
                ) -> Iterator[FilePart | None]:
    """The parts of one input file, or a single None (read it whole).

    Any problem (unreadable, empty, binary, a codec that is not line-based) gives None: the
    worker reading the file whole reports it exactly as a single process would.
    """
    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
            fmt = fmt_hint or detect_format(path, head)
            if fmt not in _LINE_FORMATS or not head.strip() \
                    or (detect_bom(head) is None and b"\x00" in head):
                yield None
                return
            codec = codec_hint or reader_codec(options, head)
            if not is_line_codec(codec):
                yield None
                return
            handle.seek(0)
            if fmt == "jsonl":
                yield from _jsonl_parts(handle, codec, per_part)
            else:
                yield from _csv_parts(handle, codec, "," if fmt == "csv" else "\t", per_part)
    except (OSError, UnicodeError, LookupError):
        yield None


def plan_shards(paths: Sequence[str], options: ReadOptions, *,
                records_per_shard: int = DEFAULT_RECORDS_PER_SHARD,
                spool_dir: Path | None = None) -> Iterator[Shard]:
    """Plan the shards of reading ``paths``, in the order :class:`EntryStream` reads them.

    Args:
        paths: files, directories, or ``"-"`` (standard input, copied to ``spool_dir``).
        options: reader options (encoding decides whether a file can be cut).
        records_per_shard: records per part of a JSONL/CSV/TSV file.
        spool_dir: where to copy standard input (needed only when ``"-"`` is given).

    Yields:
        Shards, lazily (a file is scanned when the plan reaches it).
    """
    number = 0
    for file_no, raw in enumerate(paths):
        if raw == "-":
            if spool_dir is None:
                raise ValueError("reading standard input in workers needs a spool directory")
            spool = spool_dir / f"stdin-{file_no}.jsonl"
            with spool.open("wb") as copy:
                shutil.copyfileobj(sys.stdin.buffer, copy)
            for part in _file_parts(spool, options, records_per_shard, fmt_hint="jsonl",
                                    codec_hint=reader_codec(options, b"")):
                yield Shard(number, "stdin", "<stdin>", file_no, part, spool=str(spool))
                number += 1
            continue
        path = Path(raw)
        if not path.exists():
            yield Shard(number, "missing", raw, file_no)
            number += 1
            continue
        files = list(_iter_files(path)) if path.is_dir() else [path]
        for child in files:
            name = str(child) if path.is_dir() else raw
            if path.is_dir() and detect_format(child, b"") == "text" and \
                    child.suffix.lower() not in SUFFIX_FORMATS:
                skipped = SkippedRecord(str(child), f"unsupported file type "
                                        f"{child.suffix or '(none)'!r} in a directory",
                                        UnsupportedFormatError.code)
                yield Shard(number, "skipped", name, file_no, skipped=skipped)
                number += 1
                continue
            for part in _file_parts(child, options, records_per_shard):
                yield Shard(number, "file", name, file_no, part)
                number += 1


# --- work (workers) -----------------------------------------------------------------------

_WORKER: dict[str, Any] = {}


def _init_worker(job: ShardJob) -> None:
    # Ctrl-C goes to the whole process group: the parent handles it and stops the pool.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _WORKER["job"] = job
    _WORKER["analyzer"] = Analyzer.from_lexicons(job.lexicons)
    detectors: dict[str, Any] = {}
    if job.detectors:
        from framing.classify.detectors import load_detector

        for name in job.detectors:
            detectors.setdefault(name, load_detector(name))
    _WORKER["detectors"] = detectors


def _make_sink(job: ShardJob) -> ShardSink:
    if job.output == "records":
        return RecordSink()
    if job.output == "custom":
        if job.make_sink is None:
            raise ValueError("a custom ShardJob needs make_sink")
        return job.make_sink()
    return EncodedSink(job.output, job.sides, _WORKER["detectors"])


class _FileErrorFlag:
    raised = False


def _shard_entries(stream: EntryStream, shard: Shard, flag: _FileErrorFlag) -> Iterator[Entry]:
    """The entries of one shard; file-level problems handled as :class:`EntryStream` does."""
    if shard.kind == "missing":
        stream._handle(MissingPathError("no such file or directory", path=shard.name))
        return
    if shard.kind == "skipped":
        if shard.skipped is not None:
            stream.skipped.append(shard.skipped)
        return
    try:
        if shard.kind == "stdin" and shard.spool is not None:
            options = stream.options
            with open(shard.spool, "rb") as handle:
                yield from read_jsonl(handle, path="<stdin>", stem="stdin",
                                      codec=reader_codec(options, b""), outlet=options.outlet,
                                      tz=options.tz, on_record_error=stream._handle,
                                      part=shard.part)
        else:
            yield from stream._read_file(Path(shard.name), shard.part)
    except FramingError as exc:
        flag.raised = True
        stream._handle(exc)
    except OSError as exc:
        flag.raised = True
        stream._handle(InputError(f"cannot read: {exc.strerror or exc}", path=shard.name))


def run_shard(shard: Shard, context: SpeakerContext | None = None, *,
              allow_feeds: bool = True) -> ShardResult:
    """Read, score and serialise one shard (in a worker initialised with a :class:`ShardJob`).

    Args:
        shard: the shard.
        context: speaker memory carried from earlier shards of the same feed, if any.
        allow_feeds: False when earlier parts of the file may hold live-feed entries: the
            shard then stops at its first such entry and asks for the memory.

    Returns:
        The shard's result.
    """
    job: ShardJob = _WORKER["job"]
    analyzer: Analyzer = _WORKER["analyzer"]
    stream = EntryStream([], job.options)
    flag = _FileErrorFlag()
    sink = _make_sink(job)
    n_entries = 0
    used_context = False
    error: FramingError | None = None
    try:
        for entry in _shard_entries(stream, shard, flag):
            if entry.id in job.skip_ids:
                continue  # left out before scoring, as the single-process command does
            entry_context = None
            if context_key(entry) is not None:
                if not allow_feeds:
                    return ShardResult(shard.number, needs_context=True)
                if context is None:
                    context = SpeakerContext()
                entry_context = context
                used_context = True
            record = analyze(entry, analyzer, context=entry_context,
                             readability=job.readability, tone=job.tone)
            sink.add(entry, record)
            n_entries += 1
    except FramingError as exc:  # on_error=fail: the parent raises it when its turn comes
        error = exc
    return ShardResult(shard.number, payload=sink.finish(), n_entries=n_entries,
                       skipped=stream.skipped, feeds=stream.feeds, error=error,
                       file_error=flag.raised, context=context if used_context else None)


# --- merge (parent) -----------------------------------------------------------------------


def _feed_key(shard: Shard) -> str:
    """The speaker-memory key of a shard's entries (``context_key``: the path as read)."""
    return shard.name if shard.kind == "stdin" else str(Path(shard.name))


class ShardRunner:
    """Run a :class:`ShardJob` over input paths with ``jobs`` workers; iterate for results.

    Results come in input order; :attr:`skipped`, :attr:`feeds` and :attr:`n_entries` are
    complete once iteration ends. The first error (``on_error=fail``) is raised in order.

    Example:
        >>> import framing
        >>> from framing.analysis.analyze import default_analyzer
        >>> job = ShardJob(default_analyzer().lexicons, ReadOptions())
        >>> runner = ShardRunner([str(framing.demo_corpus_path())], job, jobs=2)
        >>> n = sum(len(result.payload) for result in runner)
        >>> n == runner.n_entries > 0
        True
    """

    def __init__(self, paths: Iterable[str | Path], job: ShardJob, *, jobs: int,
                 records_per_shard: int = DEFAULT_RECORDS_PER_SHARD) -> None:
        self.paths = [str(p) for p in paths]
        self.job = job
        self.jobs = max(1, jobs)
        self.records_per_shard = records_per_shard
        self.skipped: list[SkippedRecord] = []
        self.feeds: list[FeedInfo] = []
        self.n_entries = 0
        # Input bytes behind the results yielded so far, for progress bars (a part of a file
        # counts from where it starts, so the figure lags by at most one part).
        self.bytes_done = 0
        self._bytes_of_finished_files = 0
        self._current: tuple[int, int] | None = None  # (input number, its size)

    def __iter__(self) -> Iterator[ShardResult]:
        self.skipped, self.feeds, self.n_entries = [], [], 0
        self.bytes_done = self._bytes_of_finished_files = 0
        self._current = None
        with tempfile.TemporaryDirectory(prefix="framing-jobs-") as spool_dir:
            pool = ProcessPoolExecutor(self.jobs, mp_context=get_context("spawn"),
                                       initializer=_init_worker, initargs=(self.job,))
            try:
                yield from self._merge(pool, Path(spool_dir))
            except BrokenProcessPool as exc:
                raise FramingError("a worker process died (out of memory?); run again with "
                                   "fewer --jobs") from exc
            except (KeyboardInterrupt, GeneratorExit):
                _terminate_workers(pool)  # Ctrl-C or closed early: never wait for shards
                raise
            finally:
                pool.shutdown(wait=True, cancel_futures=True)

    def _merge(self, pool: ProcessPoolExecutor, spool_dir: Path) -> Iterator[ShardResult]:
        plan = plan_shards(self.paths, self.job.options,
                           records_per_shard=self.records_per_shard, spool_dir=spool_dir)
        pending: deque[tuple[Shard, Future[ShardResult]]] = deque()
        first_file_of: dict[str, int] = {}  # name → the first input that read it
        carried: dict[str, SpeakerContext] = {}  # speaker memory per feed, as in score()
        failed: set[int] = set()  # inputs ended by a file-level error

        def submit(shard: Shard) -> None:
            first = first_file_of.setdefault(_feed_key(shard), shard.file)
            # A first part starts with empty memory, unless the same file was read before.
            fresh = (shard.part is None or shard.part.index == 0) and first == shard.file
            # submit() may start a worker: with Ctrl-C held back, it starts (and is
            # registered for termination) whole, with SIGINT blocked (only the parent handles it)
            with sigint_deferred():
                future = pool.submit(run_shard, shard, allow_feeds=fresh)
            pending.append((shard, future))

        for shard in islice(plan, 2 * self.jobs):
            submit(shard)
        while pending:
            shard, future = pending.popleft()
            result = future.result()
            for following in islice(plan, 1):
                submit(following)
            if shard.file in failed:
                continue  # one process would not have read on after the error
            if result.needs_context:
                with sigint_deferred():
                    again = pool.submit(run_shard, shard, carried.get(_feed_key(shard)))
                result = again.result()
            if result.context is not None:
                carried[_feed_key(shard)] = result.context
            if result.file_error:
                failed.add(shard.file)
            self.skipped.extend(result.skipped)
            self.feeds.extend(result.feeds)
            self.n_entries += result.n_entries
            if result.error is not None:
                raise result.error
            self._count_bytes(shard)
            yield result

    def _count_bytes(self, shard: Shard) -> None:
        if self._current is not None and self._current[0] != shard.file:
            self._bytes_of_finished_files += self._current[1]
            self._current = None
        if self._current is None:
            self._current = (shard.file, _size_of(shard))
        within = self._current[1] if shard.part is None else shard.part.start
        self.bytes_done = self._bytes_of_finished_files + within


def _size_of(shard: Shard) -> int:
    try:
        return Path(shard.spool or shard.name).stat().st_size if shard.kind in (
            "file", "stdin") else 0
    except OSError:
        return 0


def _terminate_workers(pool: ProcessPoolExecutor) -> None:
    """Stop every worker now: running shards are abandoned (their output is not wanted)."""
    processes = getattr(pool, "_processes", None) or {}  # no public API before Python 3.14
    for process in list(processes.values()):
        process.terminate()


class AccumulatorSink:
    """Fills a :class:`~framing.compare.CompareAccumulator` with a shard's records.

    The parent merges the shards' accumulators in plan order (``update``), which gives the
    table of one process; only the accumulator (arrays of numbers) travels back. With
    ``sides=None`` the sink fills a :class:`~framing.compare.WideCompareAccumulator`, whose
    sides are chosen after the merge.
    """

    def __init__(self, by: str, sides: Sequence[str] | None,
                 events: dict[str, str | None] | None = None) -> None:
        from framing.compare import CompareAccumulator, WideCompareAccumulator

        self.accumulator: CompareAccumulator | WideCompareAccumulator = (
            WideCompareAccumulator(by=by, events=events) if sides is None
            else CompareAccumulator(by=by, sides=sides, events=events))

    def add(self, entry: Entry, record: EntryScore) -> None:
        """Add the record to the accumulator."""
        self.accumulator.add(record)

    def finish(self) -> Any:
        """The shard's accumulator."""
        return self.accumulator

