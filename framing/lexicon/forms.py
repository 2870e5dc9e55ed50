"""Surface forms of lexicon terms: normalisation, wildcard syntax and the regex atoms they become.

One place defines what "the same form" means, so the validator (duplicates, never-matching
terms), the matcher (lookup keys, compiled patterns) and the exporters agree:

* hyphens and dashes ``- ‐ ‑ ‒ – —`` are one character, written ``-``;
* apostrophes ``' ’ ʼ`` are one character, written ``'``;
* any run of whitespace (including line breaks) is one space;
* case is folded with :meth:`str.lower` unless an entry is ``case_sensitive``.

Wildcards are LIWC-style: one ``*`` at the start and/or end of a form stands for any run of word
characters (``occup*``, ``*-occupied``). No other pattern syntax exists, on purpose: lexicons are
data that scholars read, not regular expressions.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

HYPHENS = "-\u2010\u2011\u2012\u2013\u2014"
APOSTROPHES = "'\u2019\u02bc"

# Characters a user might type when they think a term is a regular expression. `.` is not
# here: it is common in real terms ("U.S.", "Dr.") and is matched literally.
REGEX_METACHARACTERS = "()[]{}\\|?+^$"

_TRANSLATION = {ord(c): "-" for c in HYPHENS[1:]} | {ord(c): "'" for c in APOSTROPHES[1:]}
_WORD_CHAR_RE = re.compile(r"\w")
_HYPHEN_CLASS = "[" + re.escape(HYPHENS) + "]"
_APOSTROPHE_CLASS = "[" + re.escape(APOSTROPHES) + "]"


def normalize_form(form: str, *, case_sensitive: bool = False) -> str:
    """Return the canonical key of a surface form (or of a span of text).

    Args:
        form: a term, variant, wildcard core or a span of text.
        case_sensitive: keep the case (for case-sensitive entries).

    Returns:
        The form in NFC with hyphens, apostrophes and whitespace unified, lower-cased unless
        ``case_sensitive``.
    """
    key = " ".join(unicodedata.normalize("NFC", form).translate(_TRANSLATION).split())
    return key if case_sensitive else key.lower()


def normalize_span(span: str, *, case_sensitive: bool = False) -> str:
    """Like :func:`normalize_form` but for text already in NFC (the matcher's hot path).

    Args:
        span: a span of the input text.
        case_sensitive: keep the case.

    Returns:
        The lookup key of the span.
    """
    key = " ".join(span.translate(_TRANSLATION).split())
    return key if case_sensitive else key.lower()


@dataclass(frozen=True)
class Form:
    """A parsed surface form: its literal core and where it has wildcards.

    Attributes:
        core: the form without its ``*`` wildcards, normalised (see :func:`normalize_form`).
        wild_start: the form starts with ``*`` (any word characters may precede the core).
        wild_end: the form ends with ``*`` (any word characters may follow the core).
    """

    core: str
    wild_start: bool = False
    wild_end: bool = False

    @property
    def is_wildcard(self) -> bool:
        """Whether the form has a wildcard at either end."""
        return self.wild_start or self.wild_end


def parse_form(form: str, *, case_sensitive: bool = False) -> Form:
    """Split a form into its normalised core and wildcard flags (no validation; see below).

    Args:
        form: a term or pattern as written in a lexicon.
        case_sensitive: keep the case of the core.

    Returns:
        The parsed :class:`Form`.
    """
    stripped = form.strip()
    wild_start = stripped.startswith("*")
    wild_end = stripped.endswith("*") and len(stripped) > 1
    core = stripped[1 if wild_start else 0 : len(stripped) - 1 if wild_end else len(stripped)]
    return Form(normalize_form(core, case_sensitive=case_sensitive), wild_start, wild_end)


def form_problems(form: str, *, allow_wildcards: bool = True) -> list[str]:
    """Return what is wrong with a surface form, as messages (empty if nothing is).

    Args:
        form: a term, variant or pattern as written in a lexicon.
        allow_wildcards: whether ``*`` is allowed at all (not in ``term`` or actor names).

    Returns:
        One message per problem, in a fixed order, suitable after ``entry 'x': ``.
    """
    stripped = form.strip()
    if not stripped:
        return ["empty term: it can never match"]
    problems: list[str] = []
    metas = sorted({c for c in stripped if c in REGEX_METACHARACTERS})
    if metas:
        problems.append(
            f"{form!r} contains the regular-expression character(s) {' '.join(metas)}; "
            "terms are matched literally and the only wildcard is '*' at the start or end"
        )
    if "*" in stripped:
        if not allow_wildcards:
            problems.append(f"{form!r} contains '*'; wildcards belong in 'pattern', not 'term'")
        elif "**" in stripped:
            problems.append(f"bad wildcard {form!r}: '**' is not allowed; use a single '*'")
        elif stripped.strip("*") == "":
            problems.append(f"bad wildcard {form!r}: a pattern of only '*' matches every word")
        elif "*" in stripped[1:-1]:
            problems.append(
                f"bad wildcard {form!r}: '*' may only stand at the start or end of a pattern"
            )
    if not problems and not _WORD_CHAR_RE.search(stripped.replace("*", "")):
        problems.append(f"{form!r} has no letters or digits: it can never match")
    return problems


def form_regex(form: Form) -> str:
    """Return a regular expression (for :data:`re.IGNORECASE` or not) matching a parsed form.

    Used for exclude contexts and small checks; the matcher builds its own trie-shaped pattern.

    Args:
        form: a parsed form.

    Returns:
        A pattern with word-boundary guards on both ends.
    """
    body = "".join(char_atom(c) for c in form.core)
    if form.wild_start:
        body = r"\w*" + body
    if form.wild_end:
        body += r"\w*"
    return r"(?<!\w)" + body + r"(?!\w)"


def char_atom(char: str) -> str:
    """Return the regex atom for one character of a normalised form.

    Args:
        char: one character of a key produced by :func:`normalize_form`.

    Returns:
        ``\\s+`` for the space, a character class for the hyphen and the apostrophe, else the
        escaped character.
    """
    if char == " ":
        return r"\s+"
    if char == "-":
        return _HYPHEN_CLASS
    if char == "'":
        return _APOSTROPHE_CLASS
    return re.escape(char)


def form_matches_in(form: Form, phrase: str, *, case_sensitive: bool = False) -> bool:
    """Whether ``form`` occurs as a whole word (or words) inside ``phrase``.

    Args:
        form: a parsed form.
        phrase: a phrase such as an ``exclude`` context.
        case_sensitive: compare case.

    Returns:
        True if the form matches somewhere in the phrase.
    """
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.search(form_regex(form), unicodedata.normalize("NFC", phrase), flags) is not None
