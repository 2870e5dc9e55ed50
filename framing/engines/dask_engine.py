"""Scoring on a Dask cluster (``--engine dask``): the same records as one process, in order.

The input is cut into :class:`Partition` s on the client, in the order a local run reads it:
a JSONL or CSV/TSV file into runs of about ``partition_records`` records (the cuts of
:func:`framing.parallel.plan_shards`, which fall between records and know each run's first
line and record number), a Parquet file with several row groups into runs of row groups
(about ``partition_rows`` rows), and any other file (live feed, HTML, JSON) is one partition.
Each partition is one element of a :mod:`dask.bag`; a worker reads it with the library's own
readers (so ids, provenance and skipped records are those of a local run), scores it and
returns the records, writes them as ``part-NNNNN.parquet``, or folds them into a mergeable
accumulator.

Speaker memory (:func:`framing.analysis.analyze.context_key`): entries with a clock time share
it across their file, in order. A live feed is one partition; a Parquet file whose rows carry
a clock ``time`` is never split; a later run of lines of a JSONL/CSV file is scored
speculatively without memory and, if it meets an entry with a clock time, is scored again
with the memory the runs before it left (as ``--jobs`` does).

Workers compile the lexicons once per process: the lexicon objects (~0.2 MB pickled) travel
once per worker, and the compiled :class:`~framing.analysis.analyze.Analyzer` (~1.4 MB, 0.3 s to
build) is cached in a module-level dict keyed on a fingerprint of the lexicons.

Input and output paths are opened by the workers: on a remote cluster they must see the same
files under the same names (a shared file system, run from the same directory).

Example:
    >>> from framing.engines.dask_engine import Partition, plan_partitions
    >>> import framing
    >>> plan = plan_partitions([framing.demo_corpus_path()])
    >>> [Path(p.path).name for p in plan if isinstance(p, Partition)][:2]
    ['compass-wire.txt', 'daily-blare.jsonl']
"""

from __future__ import annotations

import hashlib
import importlib
import logging
import pickle
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, suppress
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import Any, Literal

from framing.analysis.analyze import Analyzer, analyze, context_key
from framing.analysis.records import EntryScore
from framing.analysis.voice import SpeakerContext
from framing.compare import count_sides, rank_sides
from framing.errors import (
    FramingError,
    InputError,
    MissingPathError,
    OptionError,
    OutputError,
    SkippedRecord,
)
from framing.lexicon import Lexicon
from framing.model import Entry
from framing.readers import EntryStream, ReadOptions, detect_format
from framing.readers.tabular import FilePart, read_parquet, resolve_columns

__all__ = [
    "DEFAULT_PARTITION_RECORDS",
    "DEFAULT_PARTITION_ROWS",
    "ComparisonParts",
    "DaskScoreStream",
    "Partition",
    "PartitionedOutput",
    "check_partitioned_output",
    "check_paths",
    "compare_on_dask",
    "connect",
    "lexicon_key",
    "plan_partitions",
    "score_on_dask",
    "write_partitioned",
]

DEFAULT_PARTITION_ROWS = 50_000
# Records per run of a JSONL/CSV file: seconds of scoring per task, so the task overhead
# (milliseconds) is small, and enough tasks from one large file to keep a cluster busy.
DEFAULT_PARTITION_RECORDS = 5_000
CONNECT_TIMEOUT = 5.0  # seconds to wait for a scheduler before a one-line error
PART_NAME = "part-{index:05d}.parquet"


@dataclass(frozen=True)
class Partition:
    """One task's share of the input: a whole file, consecutive row groups of a Parquet file,
    or a run of lines of a JSONL/CSV/TSV file.

    Attributes:
        index: position among the partitions, in input order (results are put back in it).
        path: the file, named as the local reader names it (ids and ``source`` match).
        kind: ``file`` (read whole, any format), ``row_groups`` (Parquet) or ``lines``.
        row_groups: the row groups to read (``row_groups`` only).
        first_number: the file-wide number of the partition's first record (``row_groups``).
        part: the run of lines (``lines`` only), with its offset, first line and record.
    """

    index: int
    path: str
    kind: Literal["file", "row_groups", "lines"] = "file"
    row_groups: tuple[int, ...] = ()
    first_number: int = 1
    part: FilePart | None = None


# A plan lists, in input order, partitions and the problems found while listing the input
# (a missing path, an unsupported file in a directory), so skips are reported in the same
# order as by a local run.
PlanItem = Partition | SkippedRecord | FramingError


@dataclass(frozen=True)
class PartitionResult:
    """What one partition gave back.

    Attributes:
        index: the partition's index.
        records: its score records in input order (empty when written by the worker).
        n_scored: entries read and scored.
        skipped: records and files skipped, in order.
        value: a partition-level value (an accumulator, for comparisons), or None.
        error: the partition's first error under ``on_error=fail``; the client raises it when
            the partition's turn comes, so the error reported is the first in input order.
        file_error: a file-level error ended the file here; its later partitions are not used
            (one process would not have read on).
        needs_memory: a later run of lines met a live-feed entry without the speaker memory
            of the runs before it; nothing else is filled in.
        memory: the speaker memory after the partition's last live-feed entry, if any.
    """

    index: int
    records: tuple[EntryScore, ...]
    n_scored: int
    skipped: tuple[SkippedRecord, ...]
    value: Any = None
    error: FramingError | None = None
    file_error: bool = False
    needs_memory: bool = False
    memory: SpeakerContext | None = None


# --- planning (client) ----------------------------------------------------------------------


def plan_partitions(paths: Sequence[str | Path], *, options: ReadOptions | None = None,
                    partition_rows: int = DEFAULT_PARTITION_ROWS,
                    partition_records: int = DEFAULT_PARTITION_RECORDS) -> list[PlanItem]:
    """Cut the input into partitions, in the order a local run reads it.

    Args:
        paths: files or directories (standard input cannot be shared with a cluster).
        options: reader options (the encoding decides whether a text file can be cut).
        partition_rows: about how many Parquet rows one partition holds (whole row groups).
        partition_records: records per run of lines of a JSONL/CSV/TSV file.

    Returns:
        Partitions, and the problems a local run meets while listing the input, in order.

    Raises:
        OptionError: ``-`` (standard input) among the paths, or a file given twice.
    """
    from framing.parallel import plan_shards

    check_paths(paths)
    items: list[PlanItem] = []
    counter = iter(range(1 << 62))
    seen: set[str] = set()
    for shard in plan_shards([str(p) for p in paths], options or ReadOptions(),
                             records_per_shard=partition_records):
        if shard.kind == "missing":
            items.append(MissingPathError("no such file or directory", path=shard.name))
            continue
        if shard.kind == "skipped":
            if shard.skipped is not None:
                items.append(shard.skipped)
            continue
        part = shard.part
        if part is None or part.index == 0:
            if shard.name in seen:
                # One process shares a live feed's speaker memory between the two readings;
                # separate tasks could not, so the output would differ without a word.
                raise OptionError(f"{shard.name}: given more than once; the dask engine "
                                  "reads each file once (drop the repeat, or use --engine "
                                  "local)")
            seen.add(shard.name)
        if part is None or (part.index == 0 and part.n_lines is None):
            items += _file_partitions(shard.name, Path(shard.name), partition_rows, counter)
        else:
            items.append(Partition(next(counter), shard.name, "lines", part=part))
    return items


def check_paths(paths: Sequence[str | Path]) -> None:
    """Raise :class:`OptionError` for input a cluster cannot read (standard input)."""
    if any(str(p) == "-" for p in paths):
        raise OptionError("the dask engine reads files, not standard input ('-'); "
                          "save the records to a .jsonl file first")


def _file_partitions(name: str, path: Path, partition_rows: int,
                     counter: Iterator[int]) -> list[Partition]:
    groups = _row_group_runs(path, partition_rows) if _is_parquet(path) else None
    if groups is None:
        return [Partition(next(counter), name)]
    return [Partition(next(counter), str(path), "row_groups", run, first)
            for run, first in groups]


def _is_parquet(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError:
        return False  # the worker reports why the file cannot be read
    return detect_format(path, head) == "parquet"


def _row_group_runs(path: Path, partition_rows: int
                    ) -> list[tuple[tuple[int, ...], int]] | None:
    """Runs of consecutive row groups of about ``partition_rows`` rows with each run's first
    record number, or None when the file must be read whole."""
    import pyarrow.parquet as pq

    try:
        parquet = pq.ParquetFile(str(path))
    except Exception:  # unreadable: the worker reports it, as a local run would
        return None
    metadata = parquet.metadata
    if metadata.num_row_groups < 2:
        return None
    columns = resolve_columns(parquet.schema_arrow.names)
    if "text" not in columns:
        return None  # the reader's column error belongs to the whole file
    if "time" in columns and _has_clock_times(path, columns["time"]):
        return None  # rows of a live feed share speaker memory: one task, in order
    runs: list[tuple[tuple[int, ...], int]] = []
    run: list[int] = []
    first = number = 1
    n_rows = 0
    for group in range(metadata.num_row_groups):
        if not run:
            first = number
        run.append(group)
        rows = metadata.row_group(group).num_rows
        n_rows += rows
        number += rows
        if n_rows >= partition_rows:
            runs.append((tuple(run), first))
            run, n_rows = [], 0
    if run:
        runs.append((tuple(run), first))
    return runs if len(runs) > 1 else None


def _has_clock_times(path: Path, column: str) -> bool:
    import pyarrow.parquet as pq

    values = pq.read_table(str(path), columns=[column]).column(0).to_pylist()
    return any(value is not None and str(value).strip() for value in values)


def lexicon_key(lexicons: Sequence[Lexicon]) -> str:
    """A fingerprint of the lexicons: workers cache one compiled analyzer per fingerprint."""
    return hashlib.sha256(pickle.dumps(tuple(lexicons))).hexdigest()[:20]


# --- work on a worker -----------------------------------------------------------------------

_ANALYZERS: dict[str, Analyzer] = {}
_ANALYZERS_LOCK = threading.Lock()


def _worker_analyzer(key: str, lexicons: Sequence[Lexicon]) -> Analyzer:
    """The compiled analyzer of these lexicons, built once per worker process."""
    with _ANALYZERS_LOCK:
        analyzer = _ANALYZERS.get(key)
        if analyzer is None:
            if len(_ANALYZERS) >= 4:  # a long-lived worker serving many runs
                _ANALYZERS.clear()
            analyzer = _ANALYZERS[key] = Analyzer.from_lexicons(lexicons)
        return analyzer


class _PartitionStream(EntryStream):
    """The entries of one partition, read by the library's readers (skips recorded alike)."""

    def __init__(self, partition: Partition, options: ReadOptions) -> None:
        super().__init__([partition.path], options)
        self.partition = partition
        self.file_error = False

    def __iter__(self) -> Iterator[Entry]:
        partition = self.partition
        if partition.kind == "file":
            yield from super().__iter__()
            return
        self.skipped = []
        self.file_error = False
        options = self.options
        path = Path(partition.path)
        try:
            if partition.kind == "lines":
                yield from self._read_file(path, partition.part)
            else:
                yield from read_parquet(
                    partition.path, path=partition.path, stem=path.stem,
                    outlet=options.outlet, tz=options.tz, on_record_error=self._handle,
                    row_groups=list(partition.row_groups),
                    first_number=partition.first_number)
        # A file-level error ends the file, as EntryStream's guard does for a whole file.
        except FramingError as exc:
            self.file_error = True
            self._handle(exc)
        except OSError as exc:
            self.file_error = True
            self._handle(InputError(f"cannot read: {exc.strerror or exc}",
                                    path=partition.path))


class _NeedsMemoryError(Exception):
    """A later run of lines met a live-feed entry: score it again with the runs' memory."""


@dataclass(frozen=True)
class _Task:
    """What every partition task of a run needs besides its partition.

    ``exclude`` lists entry ids left out before scoring (near-copies for ``--exclude-copies``),
    as the local run leaves them out: speaker memory never sees them.
    """

    key: str
    options: ReadOptions
    readability: bool = True
    tone: bool = True
    exclude: frozenset[str] = frozenset()


def _scored(entries: Iterator[Entry], analyzer: Analyzer, task: _Task,
            contexts: dict[str, SpeakerContext], carried: SpeakerContext | None,
            allow_feeds: bool) -> Iterator[EntryScore]:
    """:func:`framing.analysis.analyze.score`, with the memory carried from earlier runs.

    ``contexts`` collects the speaker memory of each feed (one per file).
    """
    for entry in entries:
        if entry.id in task.exclude:
            continue  # left out before scoring: speaker memory never sees it
        context = None
        key = context_key(entry)
        if key is not None:
            if not allow_feeds:
                raise _NeedsMemoryError
            context = contexts.get(key)
            if context is None:
                context = contexts[key] = carried if carried is not None and not contexts \
                    else SpeakerContext()
        yield analyze(entry, analyzer, context=context, readability=task.readability,
                      tone=task.tone)


def _partition_records(partition: Partition, lexicons: Sequence[Lexicon], task: _Task,
                       sink: Callable[[Iterator[EntryScore]], int],
                       carried: SpeakerContext | None = None,
                       allow_feeds: bool | None = None) -> PartitionResult:
    """Read and score one partition and hand its records to ``sink`` (which returns how many
    it took); a fail-fast error is captured in the result.

    A later run of lines of a file is scored without speaker memory unless ``allow_feeds``;
    meeting a live-feed entry then gives a result that asks for the memory.
    """
    stream = _PartitionStream(partition, task.options)
    analyzer = _worker_analyzer(task.key, lexicons)
    if allow_feeds is None:
        allow_feeds = partition.part is None or partition.part.index == 0
    contexts: dict[str, SpeakerContext] = {}
    try:
        n_scored = sink(_scored(iter(stream), analyzer, task, contexts, carried, allow_feeds))
    except _NeedsMemoryError:
        return PartitionResult(partition.index, (), 0, (), needs_memory=True)
    except FramingError as exc:
        return PartitionResult(partition.index, (), 0, tuple(stream.skipped), error=exc,
                               file_error=stream.file_error)
    return PartitionResult(partition.index, (), n_scored, tuple(stream.skipped),
                           file_error=stream.file_error,
                           memory=next(iter(contexts.values()), None))


def _score_task(partitions: list[Partition], lexicons: Sequence[Lexicon], task: _Task, *,
                carried: SpeakerContext | None = None, allow_feeds: bool | None = None
                ) -> list[PartitionResult]:
    results = []
    for partition in partitions:
        records: list[EntryScore] = []

        def keep(scored: Iterator[EntryScore], records: list[EntryScore] = records) -> int:
            records.extend(scored)
            return len(records)

        result = _partition_records(partition, lexicons, task, keep, carried, allow_feeds)
        results.append(replace(result, records=tuple(records)))
    return results


def _write_task(partitions: list[Partition], lexicons: Sequence[Lexicon], task: _Task,
                directory: str, sides: tuple[str, ...], *,
                carried: SpeakerContext | None = None, allow_feeds: bool | None = None
                ) -> list[PartitionResult]:
    from framing.analysis.output import write_scores

    def write(index: int) -> Callable[[Iterator[EntryScore]], int]:
        target = Path(directory) / PART_NAME.format(index=index)
        return lambda scored: write_scores(scored, target, sides=sides)

    return [_partition_records(p, lexicons, task, write(p.index), carried, allow_feeds)
            for p in partitions]


def _fold_task(partitions: list[Partition], lexicons: Sequence[Lexicon], task: _Task,
               make: Callable[[], Any], *, carried: SpeakerContext | None = None,
               allow_feeds: bool | None = None) -> list[PartitionResult]:
    """Fold each partition's records into a fresh accumulator (``make()``, with ``add``)."""
    results = []
    for partition in partitions:
        accumulator = make()

        def add(scored: Iterator[EntryScore], accumulator: Any = accumulator) -> int:
            n_scored = 0
            for record in scored:
                accumulator.add(record)
                n_scored += 1
            return n_scored

        result = _partition_records(partition, lexicons, task, add, carried, allow_feeds)
        results.append(replace(result, value=accumulator))
    return results


def _summary(results: list[PartitionResult]) -> list[PartitionResult]:
    """A scored partition's result without its records, with their side counts as value."""
    return [replace(result, records=(), value=count_sides(result.records))
            for result in results]


def _accumulate(results: list[PartitionResult], make: Callable[[], Any]) -> Any:
    """A fresh accumulator (``make()``) filled with a scored partition's records."""
    accumulator = make()
    for result in results:
        for record in result.records:
            accumulator.add(record)
    return accumulator


# --- running (client) -----------------------------------------------------------------------


def _module(name: str) -> Any:
    """Import a dask module untyped (dask ships no usable annotations for strict mypy)."""
    return importlib.import_module(name)


@contextmanager
def connect(scheduler: str | None = None, *, n_workers: int = 2,
            timeout: float | None = None) -> Iterator[Any]:
    """A ``distributed.Client`` of a running scheduler, or of a local cluster started here.

    Args:
        scheduler: address such as ``tcp://10.0.0.5:8786``; None starts a ``LocalCluster`` of
            ``n_workers`` single-threaded worker processes, closed on exit.
        n_workers: workers of the local cluster.
        timeout: seconds to wait for a scheduler (default :data:`CONNECT_TIMEOUT`).

    Raises:
        OptionError: the scheduler cannot be reached.
    """
    distributed = _module("distributed")
    if scheduler is None:
        with distributed.LocalCluster(n_workers=n_workers, threads_per_worker=1,
                                      processes=True, dashboard_address=None,
                                      silence_logs=logging.ERROR) as cluster, \
                distributed.Client(cluster) as client:
            yield client
        return
    try:
        client = distributed.Client(scheduler, set_as_default=False,
                                    timeout=CONNECT_TIMEOUT if timeout is None else timeout)
    except (OSError, ValueError, TypeError) as exc:
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise OptionError(f"the `--scheduler` {scheduler!r} cannot be reached: {reason}"
                          ) from exc
    with client:
        yield client


@dataclass(frozen=True)
class _Job:
    """A run's work per partition: a task function and its arguments after the task."""

    function: Callable[..., list[PartitionResult]]
    args: tuple[Any, ...] = ()


def _submit(client: Any, partitions: list[Partition], lexicons: Sequence[Lexicon],
            task: _Task, job: _Job) -> list[Any]:
    """One future per partition (a dask bag of one partition each), in partition order.

    The lexicons and the job's arguments enter the graph once each, not once per task.
    """
    if not partitions:
        return []
    dask = _module("dask")
    shared = [dask.delayed(value, pure=True, traverse=False)
              for value in (tuple(lexicons), *job.args)]
    bag = _module("dask.bag").from_sequence(partitions, partition_size=1)
    mapped = bag.map_partitions(job.function, shared[0], task, *shared[1:])
    return list(client.compute(mapped.to_delayed()))


@dataclass
class _Collector:
    """Puts partition results back in input order, as one process would have produced them.

    For each partition in turn: a result that asks for speaker memory is computed again with
    the memory of the file's earlier runs; after a file-level error the file's later
    partitions are dropped; an error under ``on_error=fail`` is raised. With ``summaries``
    only a summary of each result travels to the client (records stay on the cluster).
    """

    client: Any
    plan: Sequence[PlanItem]
    futures: list[Any]
    options: ReadOptions
    lexicons: Sequence[Lexicon]
    task: _Task
    job: _Job
    summaries: bool = False
    used: list[tuple[Partition, Any]] | None = None

    def __iter__(self) -> Iterator[PartitionResult | SkippedRecord]:
        recorder = EntryStream([], self.options)  # the local run's rule: raise, or skip
        failed: set[str] = set()
        memory: dict[str, SpeakerContext] = {}
        self.used = []
        try:
            for item in self.plan:
                if isinstance(item, SkippedRecord):
                    yield item
                    continue
                if not isinstance(item, Partition):
                    recorder._handle(item)
                    yield from recorder.skipped
                    recorder.skipped = []
                    continue
                if item.path in failed:
                    continue
                future = self.futures[item.index]
                result = self._fetch(future)
                if result.needs_memory:
                    future = self.client.submit(
                        self.job.function, [item], tuple(self.lexicons), self.task,
                        *self.job.args, carried=memory.get(item.path), allow_feeds=True,
                        pure=False)
                    result = self._fetch(future)
                if result.memory is not None:
                    memory[item.path] = result.memory
                if result.file_error:
                    failed.add(item.path)
                if result.error is not None:
                    raise result.error
                self.used.append((item, future))
                yield result
        except BaseException:
            self.client.cancel([f for f in self.futures if not f.done()])
            raise

    def _fetch(self, future: Any) -> PartitionResult:
        if self.summaries:
            future = self.client.submit(_summary, future, pure=False)
        (result,) = future.result()
        if not self.summaries:
            future.release()  # the records are here now: free the worker's copy
        return result  # type: ignore[no-any-return]


class DaskScoreStream:
    """Score records computed on a cluster, yielded in input order.

    Like :class:`~framing.readers.EntryStream`, iterate it once; afterwards :attr:`skipped`
    lists every skipped file or record in input order and :attr:`n_scored` counts the records.
    """

    def __init__(self, collector: _Collector) -> None:
        self._collector = collector
        self.skipped: list[SkippedRecord] = []
        self.n_scored = 0

    def __iter__(self) -> Iterator[EntryScore]:
        for item in self._collector:
            if isinstance(item, SkippedRecord):
                self.skipped.append(item)
                continue
            self.skipped += item.skipped
            self.n_scored += item.n_scored
            yield from item.records


def _start(client: Any, paths: Sequence[str | Path], lexicons: Sequence[Lexicon],
           task: _Task, job: _Job, *, partition_rows: int, partition_records: int,
           summaries: bool = False) -> _Collector:
    plan = plan_partitions(paths, options=task.options, partition_rows=partition_rows,
                           partition_records=partition_records)
    partitions = [item for item in plan if isinstance(item, Partition)]
    futures = _submit(client, partitions, lexicons, task, job)
    return _Collector(client, plan, futures, task.options, lexicons, task, job, summaries)


def score_on_dask(client: Any, paths: Sequence[str | Path], lexicons: Sequence[Lexicon], *,
                  options: ReadOptions | None = None,
                  partition_rows: int = DEFAULT_PARTITION_ROWS,
                  partition_records: int = DEFAULT_PARTITION_RECORDS, readability: bool = True,
                  tone: bool = True, exclude: frozenset[str] = frozenset()) -> DaskScoreStream:
    """Score files on a cluster; the stream yields the records a local run gives, in order.

    Args:
        client: a ``distributed.Client`` (see :func:`connect`).
        paths: files or directories (the workers open them).
        lexicons: the run's lexicons (e.g. ``Analyzer.lexicons``).
        options: reader options.
        partition_rows: rows per partition of a split Parquet file.
        partition_records: records per partition of a split JSONL/CSV/TSV file.
        readability, tone: as for :func:`framing.analysis.analyze.analyze`.
        exclude: entry ids left out before scoring (``--exclude-copies``).

    Raises:
        OptionError: standard input among the paths, or a file given twice.
    """
    task = _Task(lexicon_key(lexicons), options or ReadOptions(), readability, tone, exclude)
    return DaskScoreStream(_start(client, paths, lexicons, task, _Job(_score_task),
                                  partition_rows=partition_rows,
                                  partition_records=partition_records))


@dataclass(frozen=True)
class PartitionedOutput:
    """What :func:`write_partitioned` wrote.

    Attributes:
        directory: the output directory.
        files: the part files, in input order (one per partition used, empty ones included).
        n_scored: records written.
        skipped: records and files skipped, in input order.
    """

    directory: Path
    files: tuple[Path, ...]
    n_scored: int
    skipped: tuple[SkippedRecord, ...]


def check_partitioned_output(directory: Path) -> None:
    """Raise :class:`OutputError` unless ``directory`` is, or can be made, a directory."""
    if directory.exists() and not directory.is_dir():
        raise OutputError(f"{directory}: not a directory")
    if not directory.parent.exists():
        raise OutputError(f"{directory}: directory {directory.parent} does not exist")


def write_partitioned(client: Any, paths: Sequence[str | Path], lexicons: Sequence[Lexicon],
                      directory: str | Path, *, sides: Sequence[str] = (),
                      options: ReadOptions | None = None,
                      partition_rows: int = DEFAULT_PARTITION_ROWS,
                      partition_records: int = DEFAULT_PARTITION_RECORDS) -> PartitionedOutput:
    """Score files on a cluster; each worker writes its partition as ``part-NNNNN.parquet``.

    The part files have the columns of ``framing score -o x.parquet``; read in name order
    they hold the rows of the single-process file. Part files of an earlier run in the
    directory are replaced; if the run fails, the part files it wrote are removed.

    Raises:
        OutputError: ``directory`` is a file or its parent is missing.
        OptionError: standard input among the paths, or a file given twice.
    """
    target = Path(directory)
    check_partitioned_output(target)
    task = _Task(lexicon_key(lexicons), options or ReadOptions())
    target.mkdir(exist_ok=True)
    for stale in target.glob("part-*.parquet"):
        stale.unlink()
    collector = _start(client, paths, lexicons, task,
                       _Job(_write_task, (str(target), tuple(sides))),
                       partition_rows=partition_rows, partition_records=partition_records)
    skipped: list[SkippedRecord] = []
    n_scored = 0
    try:
        for item in collector:
            if isinstance(item, SkippedRecord):
                skipped.append(item)
            else:
                skipped += item.skipped
                n_scored += item.n_scored
    except BaseException:
        _remove_parts(collector, target, keep=())
        raise
    files = tuple(target / PART_NAME.format(index=p.index) for p, _ in collector.used or ())
    _remove_parts(collector, target, keep=files)
    return PartitionedOutput(target, files, n_scored, tuple(skipped))


def _remove_parts(collector: _Collector, target: Path, *, keep: Sequence[Path]) -> None:
    """Remove part files not in ``keep`` (a failed run; partitions one process never read)
    once every writer has finished."""
    with suppress(Exception):
        _module("distributed").wait(collector.futures)
    kept = set(keep)
    for written in target.glob("part-*.parquet"):
        if written not in kept:
            written.unlink()


@dataclass(frozen=True)
class ComparisonParts:
    """What :func:`compare_on_dask` gathered.

    Attributes:
        accumulator: every partition's :class:`~framing.compare.CompareAccumulator`, merged
            in input order (``finish`` it for the :class:`~framing.compare.Comparison`).
        n_scored: records scored.
        skipped: records and files skipped, in input order.
    """

    accumulator: Any
    n_scored: int
    skipped: tuple[SkippedRecord, ...]


def compare_on_dask(client: Any, paths: Sequence[str | Path], lexicons: Sequence[Lexicon], *,
                    by: str = "outlet", sides: Sequence[str] | None = None,
                    events: dict[str, str | None] | None = None,
                    exclude: frozenset[str] = frozenset(), options: ReadOptions | None = None,
                    partition_rows: int = DEFAULT_PARTITION_ROWS,
                    partition_records: int = DEFAULT_PARTITION_RECORDS) -> ComparisonParts:
    """Score on the cluster and fold each partition into a comparison accumulator.

    Accumulators are merged on the client in partition order (``a.merge(b)`` is a's records
    then b's), so finishing the result gives the comparison of a local run. Merging on the
    client rather than in a tree keeps errors and skipped records in input order; an
    accumulator is a few arrays per group, so the client does little work.

    Without ``sides`` the sides are chosen as ``framing compare`` chooses them, from the whole
    corpus: the scored partitions stay in the cluster's memory, their side counts are summed,
    and the accumulators are filled from the kept records; nothing is scored twice.

    Args:
        client: a ``distributed.Client``.
        paths: files or directories (the workers open them).
        lexicons: the run's lexicons.
        by: ``outlet``, ``day``, ``event`` or ``outlet,event`` (events needed for the last two).
        sides: sides of the per-side metrics; None chooses the two most present.
        events: entry id → event id (shipped once to the workers).
        exclude: entry ids left out before scoring (``--exclude-copies``).
        options: reader options.
        partition_rows, partition_records: partition sizes (see :func:`plan_partitions`).

    Raises:
        OptionError: an unknown grouping, or an event grouping without events.
    """
    from framing.compare import CompareAccumulator

    CompareAccumulator(by, sides or (), events)  # validate the options before any work
    task = _Task(lexicon_key(lexicons), options or ReadOptions(), exclude=exclude)
    skipped: list[SkippedRecord] = []
    n_scored = 0
    parts: list[Any] = []
    if sides is not None:
        make = partial(CompareAccumulator, by, tuple(sides), events)
        for item in _start(client, paths, lexicons, task, _Job(_fold_task, (make,)),
                           partition_rows=partition_rows,
                           partition_records=partition_records):
            if isinstance(item, SkippedRecord):
                skipped.append(item)
                continue
            skipped += item.skipped
            n_scored += item.n_scored
            parts.append(item.value)
    else:
        collector = _start(client, paths, lexicons, task, _Job(_score_task),
                           partition_rows=partition_rows,
                           partition_records=partition_records, summaries=True)
        totals: dict[str, int] = {}
        for item in collector:
            if isinstance(item, SkippedRecord):
                skipped.append(item)
                continue
            skipped += item.skipped
            n_scored += item.n_scored
            for side, n in item.value.items():
                totals[side] = totals.get(side, 0) + n
        sides = rank_sides(totals)
        [make_future] = client.scatter([partial(CompareAccumulator, by, sides, events)])
        folded = [client.submit(_accumulate, future, make_future, pure=False)
                  for _, future in collector.used or ()]
        parts = [future.result() for future in folded]
        del collector, folded  # release the kept records
    merged = CompareAccumulator(by, sides, events)
    for accumulator in parts:
        merged.update(accumulator)
    return ComparisonParts(merged, n_scored, tuple(skipped))
