"""Small text utilities shared by readers and analyses (no downloaded data needed)."""

from __future__ import annotations

import re
import unicodedata

# A word is a run of letters/digits, optionally joined by internal hyphens or apostrophes
# (straight or curly), so "de-occupied" and "Azerbaijan’s" count as one word each.
WORD_RE = re.compile(r"\w+(?:[-'’‐‑]\w+)*")

_SPACE_RE = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def count_words(text: str) -> int:
    """Return the number of word tokens in ``text`` (see :data:`WORD_RE`)."""
    return sum(1 for _ in WORD_RE.finditer(text))


def normalize_text(text: str) -> str:
    """Return ``text`` in Unicode NFC with line endings unified to ``\\n``.

    Curly quotes, dashes and bullets are kept: they are evidence (quotation, scare quotes).
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return unicodedata.normalize("NFC", text)


def normalize_line(line: str) -> str:
    """Return one line with its ends stripped and inner runs of (non-breaking) spaces collapsed."""
    return _SPACE_RE.sub(" ", line).strip()
