"""Text features for event alignment: TF-IDF vectors, shared quotations and named places.

* **TF-IDF** over content words, names and numbers: scikit-learn's ``TfidfVectorizer`` with a
  token pattern that keeps numbers ("37", "1,200", "3.5") and hyphenated words
  ("Zarovian-backed", "37-for-37"), English stop words removed, sublinear term frequency
  (1 + log tf) and L2-normalised rows, so a dot product is a cosine similarity.
* **Quotations**: identical quoted strings of at least :data:`MIN_QUOTE_WORDS` words (case and
  punctuation ignored). Two outlets rarely produce the same five-word quotation by chance.
* **Named places**: capitalised names after a locative preposition ("in Tervani", "over
  Castelmir"; "near the Sarnet crossing" is missed), a cheap stand-in for a gazetteer. Months
  and weekdays are dropped ("in March").
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from framing.model import Entry

#: Tokens: numbers with inner separators, or words of two or more characters that may contain
#: hyphens (single letters such as the "s" of "Obama's" are dropped; single digits are kept).
TOKEN_PATTERN = r"(?u)\b(?:\d+(?:[.,:]\d+)*|\w[\w-]*\w)\b"

#: Shortest quotation, in words, that counts as shared evidence.
MIN_QUOTE_WORDS = 5

_QUOTE_RE = re.compile(r"[\"“”„«»]([^\"“”„«»\n]{8,1000}?)[\"“”„«»]")
_WORD_RE = re.compile(r"\w+(?:['’-]\w+)*")
_PLACE_RE = re.compile(
    r"\b(?i:in|near|at|over|outside|from|into|across|towards?|around|inside)\s+"
    # A lookahead, so "near the river at Dawn Bridge" still finds "at Dawn Bridge".
    r"(?=((?:[^\W\d_][\w'’-]*)(?:\s+[^\W\d_][\w'’-]*){0,2}))"
)
_NOT_PLACES = frozenset((
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
))


#: Words of news boilerplate added to scikit-learn's English stop words: reporting verbs and
#: attribution phrases say nothing about which event an entry reports.
NEWS_STOP_WORDS = frozenset((
    "said", "says", "say", "saying", "told", "tells", "according", "reported", "reports",
    "reportedly", "added", "noted", "stated", "statement", "news", "update", "updated",
))
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | NEWS_STOP_WORDS)


def make_vectorizer() -> TfidfVectorizer:
    """Return the TF-IDF vectorizer used for alignment (unfitted).

    Returns:
        A ``TfidfVectorizer`` with :data:`TOKEN_PATTERN`, :data:`STOP_WORDS`, sublinear tf,
        L2 norm and float32 output.
    """
    return TfidfVectorizer(
        token_pattern=TOKEN_PATTERN,
        stop_words=STOP_WORDS,
        sublinear_tf=True,
        dtype=np.float32,
    )


def extract_quotes(text: str, *, min_words: int = MIN_QUOTE_WORDS) -> set[str]:
    """Return the quoted strings of at least ``min_words`` words, normalised for comparison.

    Args:
        text: the entry text.
        min_words: shortest quotation kept, in words.

    Returns:
        Lower-cased quotations with punctuation removed and words separated by one space.
    """
    quotes: set[str] = set()
    for match in _QUOTE_RE.finditer(text):
        words = _WORD_RE.findall(match.group(1).lower())
        if len(words) >= min_words:
            quotes.add(" ".join(words))
    return quotes


def extract_places(text: str) -> set[str]:
    """Return capitalised names that follow a locative preposition ("in Tervani"), lower-cased.

    Args:
        text: the entry body (headlines are skipped by the caller: in title case every word is
            capitalised).

    Returns:
        The place names, each of one to three capitalised words, without possessive "'s".
    """
    places: set[str] = set()
    for match in _PLACE_RE.finditer(text):
        kept: list[str] = []
        for word in match.group(1).split():
            if not word[:1].isupper():
                break
            kept.append(word)
        if not kept:
            continue
        name = re.sub(r"['’]s$", "", " ".join(kept)).lower()
        if name not in ENGLISH_STOP_WORDS and name not in _NOT_PLACES:
            places.add(name)
    return places


def indicator_matrix(sets: Sequence[set[str]]) -> sp.csr_matrix:
    """Return a binary entries × items CSR matrix (one column per distinct string).

    Args:
        sets: one set of strings per row.

    Returns:
        A float32 matrix with 1 where row ``i`` holds the item; columns are numbered in order of
        first appearance, so the matrix is deterministic.
    """
    columns: dict[str, int] = {}
    indptr = [0]
    indices: list[int] = []
    for items in sets:
        indices.extend(columns.setdefault(item, len(columns)) for item in sorted(items))
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sp.csr_matrix((data, np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
                         shape=(len(sets), max(len(columns), 1)))


def entry_text(entry: Entry) -> str:
    """The text that is vectorised: the entry's full text (title included)."""
    return entry.text or entry.title
