"""Typed errors of the framing library.

Library code raises these; only :mod:`framing.cli` turns them into a one-line message and exit
code 2. Every message names *where* the problem is (file, line, column, field or lexicon entry)
and, where there is one, what to do about it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


class FramingError(Exception):
    """Base class of every error the library raises for a user mistake or bad input."""

    code: str = "E000"

    def __str__(self) -> str:  # pragma: no cover - trivial
        return super().__str__()


def format_location(path: str | None, line: int | None = None, column: int | None = None) -> str:
    """Return ``path:line:column`` with the parts that are known (compiler-style, clickable)."""
    parts = [path or "<input>"]
    if line is not None:
        parts.append(str(line))
        if column is not None:
            parts.append(str(column))
    return ":".join(parts)


class InputError(FramingError):
    """An input file or record cannot be read (missing, empty, binary, undecodable, malformed)."""

    code = "E100"

    def __init__(
        self,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.message = message
        self.path = path
        self.line = line
        self.column = column
        super().__init__(f"{format_location(path, line, column)}: {message}")

    @property
    def location(self) -> str:
        """Where the problem is, as ``path:line:column``."""
        return format_location(self.path, self.line, self.column)

    def __reduce__(self) -> tuple[Any, tuple[Any, ...]]:
        # Pickle with the keyword arguments (errors travel back from dask workers): the
        # default would call ``cls(str(self))`` and prefix the location a second time.
        return (_rebuild_input_error, (type(self), self.message, self.path, self.line,
                                       self.column))


def _rebuild_input_error(cls: type[InputError], message: str, path: str | None,
                         line: int | None, column: int | None) -> InputError:
    return cls(message, path=path, line=line, column=column)


class MissingPathError(InputError):
    """A path given on the command line or to a reader does not exist."""

    code = "E101"


class EmptyInputError(InputError):
    """A file holds no data at all."""

    code = "E102"


class BinaryInputError(InputError):
    """A file that should hold text holds binary data."""

    code = "E103"


class DecodingError(InputError):
    """A text file cannot be decoded with the requested encoding."""

    code = "E104"


class RecordError(InputError):
    """One record (line, row) of a structured file is malformed."""

    code = "E110"


class ColumnError(InputError):
    """A table lacks a required column (e.g. no text column)."""

    code = "E111"


class UnsupportedFormatError(InputError):
    """A file's format cannot be recognised or is not supported."""

    code = "E120"


class OptionError(FramingError):
    """An option has a value the library cannot use (e.g. an unknown time zone)."""

    code = "E200"


class OutputError(FramingError):
    """An output file cannot be written (unknown suffix, missing directory, …)."""

    code = "E300"


class LexiconError(FramingError):
    """A lexicon file is malformed or inconsistent."""

    code = "E400"


class ModelError(FramingError):
    """A saved classifier model cannot be loaded (untrusted types, tampered or not a model)."""

    code = "E500"


class MissingDependencyError(FramingError):
    """An optional dependency needed for this feature is not installed."""

    code = "E900"


@dataclass(frozen=True)
class SkippedRecord:
    """An input record (or whole file) that was not turned into an entry, and why.

    Attributes:
        location: ``path:line`` (or ``path`` for a whole file) of the skipped input.
        reason: one-line human-readable reason, the same text the error would have carried.
        code: the error code of the underlying problem (see :mod:`framing.errors`).
    """

    location: str
    reason: str
    code: str = "E100"

    def to_dict(self) -> dict[str, str]:
        """Return the record as a JSON-ready dict."""
        return {"location": self.location, "reason": self.reason, "code": self.code}
