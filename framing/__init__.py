"""framing — compare how news outlets frame the same events.

The library reads news live feeds and articles into :class:`~framing.model.Entry` records and
(in later modules) scores loaded terms, voice, attribution and hedging. Everything the ``framing``
command line does can be done from Python by importing this package.

Example:
    >>> import framing
    >>> corpus = framing.read_corpus(framing.demo_corpus_path())
    >>> corpus.n_outlets >= 3
    True
"""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"

from framing.errors import FramingError, InputError, LexiconError, SkippedRecord
from framing.model import Corpus, CorpusSummary, Entry, OutletSummary, SourceRef
from framing.readers import EntryStream, ReadOptions, iter_entries, read_corpus
from framing.resources import demo_corpus_path, lexicon_dir

if TYPE_CHECKING:  # pragma: no cover - for type checkers; imported lazily at run time
    from framing.analysis.analyze import Analyzer, analyze, score
    from framing.analysis.records import EntryScore

_LAZY = {
    # Imported on first use: the analysis pulls in VADER, textstat and the lexicon matcher.
    "analyze": "framing.analysis.analyze",
    "score": "framing.analysis.analyze",
    "Analyzer": "framing.analysis.analyze",
    "EntryScore": "framing.analysis.records",
}


def __getattr__(name: str) -> object:
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'framing' has no attribute {name!r}")


__all__ = [
    "Analyzer",
    "Corpus",
    "CorpusSummary",
    "Entry",
    "EntryScore",
    "EntryStream",
    "FramingError",
    "InputError",
    "LexiconError",
    "OutletSummary",
    "ReadOptions",
    "SkippedRecord",
    "SourceRef",
    "__version__",
    "analyze",
    "demo_corpus_path",
    "iter_entries",
    "lexicon_dir",
    "read_corpus",
    "score",
]
