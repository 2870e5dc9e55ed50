"""Lexicons: the YAML format, validation, a fast compiled matcher, importers and exporters.

Typical use::

    from framing.lexicon import Matcher, resolve_lexicons

    matcher = Matcher(resolve_lexicons([]))          # every bundled lexicon
    for match in matcher.find(entry.text):
        print(match.start, match.end, match.lexicon, match.category, match.orientation)

``reporting-verbs`` categories are stances (neutral, distancing, endorsing, accusatory); see
:func:`stance_of`.
"""

from __future__ import annotations

from framing.lexicon.export import (
    EXPORT_FORMATS,
    export_lexicon,
    to_liwc,
    to_tsv,
    to_yaml,
    write_lexicon,
)
from framing.lexicon.forms import normalize_form
from framing.lexicon.load import (
    IMPORT_FORMATS,
    LEXICON_SUFFIXES,
    ImportResult,
    check_lexicon_file,
    import_lexicon,
    load_lexicon,
    validate_lexicon,
)
from framing.lexicon.matcher import (
    ENGINES,
    STANCES,
    ActorMatch,
    Match,
    Matcher,
    actor_case_sensitive,
    stance_of,
)
from framing.lexicon.model import ACTOR_KINDS, Actor, Lexicon, LexiconEntry, LexiconSource
from framing.lexicon.registry import (
    LexiconInfo,
    bundled_paths,
    list_bundled,
    load_bundled,
    load_spec,
    resolve_lexicons,
)
from framing.lexicon.validate import LexiconProblem, LexiconValidationError

__all__ = [
    "ACTOR_KINDS",
    "ENGINES",
    "EXPORT_FORMATS",
    "IMPORT_FORMATS",
    "LEXICON_SUFFIXES",
    "STANCES",
    "Actor",
    "ActorMatch",
    "ImportResult",
    "Lexicon",
    "LexiconEntry",
    "LexiconInfo",
    "LexiconProblem",
    "LexiconSource",
    "LexiconValidationError",
    "Match",
    "Matcher",
    "actor_case_sensitive",
    "bundled_paths",
    "check_lexicon_file",
    "export_lexicon",
    "import_lexicon",
    "list_bundled",
    "load_bundled",
    "load_lexicon",
    "load_spec",
    "normalize_form",
    "resolve_lexicons",
    "stance_of",
    "to_liwc",
    "to_tsv",
    "to_yaml",
    "validate_lexicon",
    "write_lexicon",
]
