"""Read corpora: one reader per format, chosen by suffix and, where needed, by sniffing content.

Readers stream: entries are produced one at a time, so a large JSONL, CSV or Parquet corpus is
never held in memory (a live-feed or HTML file is read whole, as one page). Every problem is
either raised (``on_error="fail"``) or recorded in :attr:`EntryStream.skipped` with its reason
(``on_error="skip"``); nothing is dropped silently.

Example:
    >>> import framing
    >>> stream = framing.iter_entries([framing.demo_corpus_path()])
    >>> n = sum(1 for _ in stream)
    >>> n > 0 and stream.skipped == []
    True
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import IO, Literal, overload
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from framing.errors import (
    BinaryInputError,
    EmptyInputError,
    FramingError,
    InputError,
    MissingPathError,
    OptionError,
    RecordError,
    SkippedRecord,
    UnsupportedFormatError,
)
from framing.model import Corpus, Entry
from framing.readers.decode import (
    check_encoding_name,
    decode_bytes,
    detect_bom,
)
from framing.readers.livefeed import (
    FeedInfo,
    looks_like_live_feed,
    parse_live_feed,
    parse_plain_article,
)
from framing.readers.tabular import (
    FilePart,
    entries_from_records,
    read_delimited,
    read_jsonl,
    read_parquet,
)

__all__ = [
    "SUFFIX_FORMATS",
    "EntryStream",
    "FeedInfo",
    "OnError",
    "ReadOptions",
    "detect_format",
    "iter_entries",
    "read_corpus",
]


class OnError(StrEnum):
    """What to do with a bad file or record: stop with an error, or skip it and report it."""

    fail = "fail"
    skip = "skip"


FileFormat = Literal["text", "jsonl", "json", "csv", "tsv", "parquet", "html"]

SUFFIX_FORMATS: dict[str, FileFormat] = {
    ".txt": "text", ".text": "text",
    ".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json",
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv",
    ".parquet": "parquet", ".pq": "parquet",
    ".html": "html", ".htm": "html", ".xhtml": "html",
}


@dataclass(frozen=True)
class ReadOptions:
    """Options shared by every reader (the ``--outlet``, ``--date``, ``--tz`` … of the CLI).

    Attributes:
        outlet: outlet name given to every entry; None takes it from the input.
        date: date of the newest entry of a live feed; None leaves live-feed dates empty.
        tz: zone of live-feed clock times and of naive timestamps.
        on_error: stop at the first bad input (``fail``) or skip and report it (``skip``).
        encoding: ``"utf-8"``, ``"auto"`` (detect) or a Python codec name.
    """

    outlet: str | None = None
    date: dt.date | None = None
    tz: dt.tzinfo = dt.UTC
    on_error: OnError = OnError.fail
    encoding: str = "utf-8"

    @classmethod
    def create(
        cls,
        *,
        outlet: str | None = None,
        date: str | dt.date | None = None,
        tz: str | dt.tzinfo = "UTC",
        on_error: OnError | str = OnError.fail,
        encoding: str = "utf-8",
    ) -> ReadOptions:
        """Validate user-facing values (strings from a CLI or notebook) and build options.

        Raises:
            OptionError: a value is malformed (message names the option).
        """
        parsed_date: dt.date | None
        if isinstance(date, str):
            try:
                parsed_date = dt.date.fromisoformat(date)
            except ValueError as exc:
                raise OptionError(
                    f"the `--date` option must be YYYY-MM-DD; got {date!r}"
                ) from exc
        else:
            parsed_date = date
        zone: dt.tzinfo
        if isinstance(tz, str):
            try:
                zone = dt.UTC if tz.upper() in {"UTC", "Z", "GMT"} else ZoneInfo(tz)
            except (ZoneInfoNotFoundError, ValueError) as exc:
                raise OptionError(
                    f"the `--tz` option must be an IANA time zone such as 'Europe/Moscow' "
                    f"or 'UTC'; got {tz!r}"
                ) from exc
        else:
            zone = tz
        try:
            policy = OnError(on_error)
        except ValueError as exc:
            raise OptionError(
                f"the `--on-error` option must be one of 'fail', 'skip'; got {on_error!r}"
            ) from exc
        return cls(
            outlet=outlet or None,
            date=parsed_date,
            tz=zone,
            on_error=policy,
            encoding=check_encoding_name(encoding),
        )


def detect_format(path: Path, head: bytes) -> FileFormat:
    """Choose a reader from the suffix, or from the first bytes when the suffix is unknown."""
    by_suffix = SUFFIX_FORMATS.get(path.suffix.lower())
    if by_suffix is not None:
        return by_suffix
    if head.startswith(b"PAR1"):
        return "parquet"
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped.startswith(b"{"):
        return "jsonl"
    if stripped.startswith(b"["):
        return "json"
    if stripped[:15].lower().startswith((b"<!doctype html", b"<html", b"<?xml", b"<head")):
        return "html"
    return "text"


def _iter_files(path: Path) -> Iterator[Path]:
    """Yield the files under a directory, recursively, in a stable order; hidden ones skipped."""
    for child in sorted(path.iterdir()):
        if child.name.startswith("."):
            continue
        if child.is_dir():
            yield from _iter_files(child)
        else:
            yield child


class EntryStream:
    """A lazy stream of entries read from paths, with a record of what was skipped.

    Iterate it once to read everything; afterwards :attr:`skipped` lists every skipped file or
    record with its reason and :attr:`feeds` the metadata of each live feed read.
    """

    def __init__(self, paths: Iterable[str | Path], options: ReadOptions | None = None) -> None:
        self.paths: list[str] = [str(p) for p in paths]
        self.options = options or ReadOptions()
        self.skipped: list[SkippedRecord] = []
        self.feeds: list[FeedInfo] = []
        self._bytes_before = 0  # bytes of the files finished so far
        self._current: IO[bytes] | None = None  # the file being streamed record by record

    @property
    def bytes_read(self) -> int:
        """Bytes of input consumed so far (for progress; cheap to ask at any time).

        Within a JSONL/CSV/TSV file this follows the read position; Parquet, live-feed, JSON
        and HTML files count whole when they have been read. Standard input counts nothing.
        """
        current = self._current
        if current is None or current.closed:
            return self._bytes_before
        return self._bytes_before + current.tell()

    def total_bytes(self) -> int | None:
        """Size in bytes of every file this stream will read, or None when reading stdin.

        Files a directory holds but the stream would skip (hidden, unsupported) do not count;
        missing paths count nothing (reading them fails or is reported as skipped).
        """
        total = 0
        for raw in self.paths:
            if raw == "-":
                return None
            path = Path(raw)
            try:
                files = ([c for c in _iter_files(path) if _readable_in_directory(c)]
                         if path.is_dir() else [path] if path.exists() else [])
                total += sum(f.stat().st_size for f in files)
            except OSError:  # unreadable: reading it will report why
                continue
        return total

    def __iter__(self) -> Iterator[Entry]:
        self.skipped = []
        self.feeds = []
        self._bytes_before = 0
        self._current = None
        for raw in self.paths:
            if raw == "-":
                yield from self._guard("<stdin>", lambda: self._read_stdin())
                continue
            path = Path(raw)
            if not path.exists():
                self._handle(MissingPathError("no such file or directory", path=raw))
                continue
            if path.is_dir():
                for child in _iter_files(path):
                    if not _readable_in_directory(child):
                        self.skipped.append(SkippedRecord(
                            str(child), f"unsupported file type {child.suffix or '(none)'!r} "
                            "in a directory", UnsupportedFormatError.code))
                        continue
                    yield from self._guard(str(child), lambda c=child: self._read_file(c),
                                           child)
            else:
                yield from self._guard(raw, lambda p=path: self._read_file(p), path)

    # The guard turns a file-level error into a skip (or re-raises under on_error=fail), and
    # counts the file's bytes as read once it is done, however it ended.
    def _guard(self, name: str, read: object, path: Path | None = None) -> Iterator[Entry]:
        try:
            yield from read()  # type: ignore[operator]
        except FramingError as exc:
            self._handle(exc)
        except OSError as exc:
            self._handle(InputError(f"cannot read: {exc.strerror or exc}", path=name))
        finally:
            self._current = None
            if path is not None:
                self._bytes_before += _file_size(path)

    def _handle(self, exc: FramingError) -> None:
        if self.options.on_error is OnError.fail:
            raise exc
        location = exc.location if isinstance(exc, InputError) else "<input>"
        reason = exc.message if isinstance(exc, InputError) else str(exc)
        self.skipped.append(SkippedRecord(location, reason, exc.code))

    def _read_stdin(self) -> Iterator[Entry]:
        opts = self.options
        yield from read_jsonl(
            sys.stdin.buffer, path="<stdin>", stem="stdin", codec=_codec(opts, b""),
            outlet=opts.outlet, tz=opts.tz, on_record_error=self._handle,
        )

    def _read_file(self, path: Path, part: FilePart | None = None) -> Iterator[Entry]:
        # ``part``: one run of lines of a JSONL/CSV/TSV file (framing.parallel's shards).
        opts = self.options
        name = str(path)
        with path.open("rb") as handle:
            head = handle.read(65536)
            handle.seek(0)
            fmt = detect_format(path, head)
            if fmt in ("jsonl", "csv", "tsv"):
                self._current = handle
            if fmt == "parquet":
                yield from read_parquet(name, path=name, stem=path.stem, outlet=opts.outlet,
                                        tz=opts.tz, on_record_error=self._handle)
                return
            if not head.strip():
                raise EmptyInputError("file is empty", path=name)
            if fmt in ("jsonl", "csv", "tsv"):
                _check_not_binary(head, name)
                codec = _codec(opts, head)
                if fmt == "jsonl":
                    yield from read_jsonl(handle, path=name, stem=path.stem, codec=codec,
                                          outlet=opts.outlet, tz=opts.tz,
                                          on_record_error=self._handle, part=part)
                else:
                    yield from read_delimited(
                        handle, path=name, stem=path.stem, codec=codec,
                        delimiter="," if fmt == "csv" else "\t", outlet=opts.outlet,
                        tz=opts.tz, on_record_error=self._handle, part=part,
                    )
                return
            data = handle.read()
        text = decode_bytes(data, path=name, encoding=opts.encoding)
        if fmt == "json":
            yield from self._read_json_document(text, name, path.stem)
        elif fmt == "html":
            from framing.readers.html import read_html

            yield from read_html(text, path=name, stem=path.stem, outlet=opts.outlet,
                                 tz=opts.tz)
        elif looks_like_live_feed(text):
            feed = parse_live_feed(text, path=name, stem=path.stem, outlet=opts.outlet,
                                   newest_date=opts.date, tz=opts.tz)
            self.feeds.append(feed.info)
            for line in feed.empty_markers:
                self.skipped.append(SkippedRecord(
                    f"{name}:{line}", "time marker with no headline or text", RecordError.code))
            yield from feed.entries
        else:
            yield from parse_plain_article(text, path=name, stem=path.stem, outlet=opts.outlet)

    def _read_json_document(self, text: str, name: str, stem: str) -> Iterator[Entry]:
        stripped = text.lstrip()
        if not stripped.startswith("["):
            # A .json file holding JSON Lines (common for exports) or a single object.
            import io

            yield from read_jsonl(io.BytesIO(text.encode("utf-8")), path=name, stem=stem,
                                  codec="utf-8", outlet=self.options.outlet,
                                  tz=self.options.tz, on_record_error=self._handle)
            return
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise RecordError(f"invalid JSON: {exc.msg}", path=name, line=exc.lineno,
                              column=exc.colno) from exc
        for index, record in enumerate(records, start=1):
            if not isinstance(record, dict):
                self._handle(RecordError(f"item {index} is not a JSON object", path=name))
                continue
            try:
                yield from entries_from_records([record], path=name, outlet=self.options.outlet,
                                                tz=self.options.tz)
            except FramingError as exc:
                self._handle(exc)


def _readable_in_directory(path: Path) -> bool:
    """Whether a file found in a directory is read: only known suffixes are (the others are
    reported as skipped; a file named on the command line is sniffed instead)."""
    return not (detect_format(path, b"") == "text" and path.suffix.lower() not in SUFFIX_FORMATS)


def _file_size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


def _check_not_binary(head: bytes, name: str) -> None:
    if detect_bom(head) is None and b"\x00" in head:
        offset = head.index(b"\x00")
        line = head.count(b"\n", 0, offset) + 1
        raise BinaryInputError(
            "binary data (byte 0x00), not a text file; expected a live feed, JSONL, "
            "CSV/TSV, Parquet or HTML file",
            path=name, line=line,
        )


def _codec(options: ReadOptions, head: bytes) -> str:
    bom = detect_bom(head)
    if bom is not None:
        return bom
    if options.encoding == "auto":
        from charset_normalizer import from_bytes

        best = from_bytes(head).best()
        return str(best.encoding) if best is not None else "utf-8"
    return options.encoding


def iter_entries(
    paths: Iterable[str | Path] | str | Path, *, options: ReadOptions | None = None
) -> EntryStream:
    """Return a lazy :class:`EntryStream` over files, directories or ``"-"`` (stdin JSONL)."""
    if isinstance(paths, str | Path):
        paths = [paths]
    return EntryStream(paths, options)


@overload
def read_corpus(
    paths: Iterable[str | Path] | str | Path, *, options: ReadOptions | None = None,
    with_skipped: Literal[False] = False,
) -> Corpus: ...


@overload
def read_corpus(
    paths: Iterable[str | Path] | str | Path, *, options: ReadOptions | None = None,
    with_skipped: Literal[True],
) -> tuple[Corpus, list[SkippedRecord]]: ...


def read_corpus(
    paths: Iterable[str | Path] | str | Path,
    *,
    options: ReadOptions | None = None,
    with_skipped: bool = False,
) -> Corpus | tuple[Corpus, list[SkippedRecord]]:
    """Read everything into a :class:`~framing.model.Corpus` (for corpora that fit in memory).

    Args:
        paths: files, directories, or ``"-"``.
        options: reader options (defaults: UTF-8, UTC, fail on the first error).
        with_skipped: also return the list of skipped records.
    """
    stream = iter_entries(paths, options=options)
    corpus = Corpus(stream)
    return (corpus, stream.skipped) if with_skipped else corpus


# Re-exported for typing of callers that pass file handles.
BinaryHandle = IO[bytes]

