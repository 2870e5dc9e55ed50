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

__version__ = "0.1.0"

from framing.errors import FramingError, InputError, LexiconError, SkippedRecord
from framing.model import Corpus, CorpusSummary, Entry, OutletSummary, SourceRef
from framing.readers import EntryStream, ReadOptions, iter_entries, read_corpus
from framing.resources import demo_corpus_path, lexicon_dir

__all__ = [
    "Corpus",
    "CorpusSummary",
    "Entry",
    "EntryStream",
    "FramingError",
    "InputError",
    "LexiconError",
    "OutletSummary",
    "ReadOptions",
    "SkippedRecord",
    "SourceRef",
    "__version__",
    "demo_corpus_path",
    "iter_entries",
    "lexicon_dir",
    "read_corpus",
]
