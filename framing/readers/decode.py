"""Turn the bytes of an input file into normalised text, with clear errors.

Policy: UTF-8 by default (a UTF-8, UTF-16 or UTF-32 byte-order mark wins over the requested
encoding); ``encoding="auto"`` asks charset-normalizer to detect the charset; any other value is a
Python codec name. Undecodable bytes are an error naming the line and column, never replaced
silently, because a scholar must know when text was mangled.
"""

from __future__ import annotations

import codecs

from framing.errors import BinaryInputError, DecodingError, EmptyInputError, OptionError
from framing.text import normalize_text

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)

# Control bytes that never occur in text files (NUL and most C0 controls except tab/newlines/FF).
_BINARY_BYTES = frozenset(range(9)) | frozenset(range(14, 27)) | frozenset(range(28, 32))


def check_encoding_name(encoding: str) -> str:
    """Return ``encoding`` if Python knows it (or it is ``auto``), else raise OptionError."""
    if encoding == "auto":
        return encoding
    try:
        codecs.lookup(encoding)
    except LookupError as exc:
        raise OptionError(
            f"the `--encoding` option must be 'auto' or a Python codec name; got {encoding!r}"
        ) from exc
    return encoding


def detect_bom(data: bytes) -> str | None:
    """Return the codec implied by a byte-order mark at the start of ``data``, or None."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    return None


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, column


def decode_bytes(data: bytes, *, path: str, encoding: str = "utf-8") -> str:
    """Decode the whole content of a text file and normalise it (NFC, ``\\n`` line endings).

    Args:
        data: the file's bytes.
        path: the file name, for error messages.
        encoding: ``"utf-8"`` (default), ``"auto"`` or a Python codec name.

    Returns:
        The decoded, NFC-normalised text.

    Raises:
        EmptyInputError: the file is empty or holds only whitespace.
        BinaryInputError: the file holds control bytes that do not occur in text.
        DecodingError: the bytes are not valid in the encoding.
    """
    if not data.strip():
        raise EmptyInputError("file is empty", path=path)
    codec = detect_bom(data)
    if codec is None:
        binary_at = next((i for i, b in enumerate(data[:65536]) if b in _BINARY_BYTES), None)
        if binary_at is not None:
            line, column = _line_col(data, binary_at)
            raise BinaryInputError(
                f"binary data (byte 0x{data[binary_at]:02x}), not a text file; "
                "expected a live feed, JSONL, CSV/TSV, Parquet or HTML file",
                path=path,
                line=line,
                column=column,
            )
        codec = _detect_charset(data, path) if encoding == "auto" else encoding
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line, column = _line_col(data, exc.start)
        raise DecodingError(
            f"cannot decode byte 0x{data[exc.start]:02x} as {codec}; re-save the file as "
            "UTF-8, or pass --encoding auto (detect) or the file's encoding (e.g. cp1252)",
            path=path,
            line=line,
            column=column,
        ) from exc
    return normalize_text(text.removeprefix("\ufeff"))


def _detect_charset(data: bytes, path: str) -> str:
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise DecodingError(
            "cannot detect the text encoding; pass --encoding with the file's encoding",
            path=path,
        )
    return str(best.encoding)
