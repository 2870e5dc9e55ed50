"""Classroom exercises: the same event told by two or three outlets, with a separate answer key.

Example:
    >>> import framing
    >>> from framing.analysis.analyze import score
    >>> from framing.demo import DEMO_NEWEST_DATE, DEMO_TZ, demo_analyzer
    >>> from framing.events import align_events
    >>> corpus = framing.read_corpus(framing.demo_corpus_path(), options=framing.ReadOptions
    ...     .create(date=DEMO_NEWEST_DATE, tz=DEMO_TZ))
    >>> records = list(score(corpus, demo_analyzer(), readability=False, tone=False))
    >>> exercise = build_exercise(records, align_events(corpus))
    >>> worksheet = render_worksheet(exercise, "md")
    >>> key = render_answer_key(exercise, "md")
    >>> "«" in key and "«" not in worksheet
    True

See :mod:`framing.exercise.build` for how the event, passages and outlets are chosen.
"""

from __future__ import annotations

from framing.exercise.build import (
    DEFAULT_SEED,
    MAX_OUTLETS,
    AnswerItem,
    Certainty,
    Exercise,
    Passage,
    Question,
    SpanQuote,
    build_exercise,
    check_event,
    choose_event,
    multi_outlet_events,
    quote_span,
)
from framing.exercise.render import (
    FORMATS,
    escape_markdown,
    format_for_path,
    highlight_segments,
    key_path_for,
    render_answer_key,
    render_worksheet,
)

__all__ = [
    "DEFAULT_SEED",
    "FORMATS",
    "MAX_OUTLETS",
    "AnswerItem",
    "Certainty",
    "Exercise",
    "Passage",
    "Question",
    "SpanQuote",
    "build_exercise",
    "check_event",
    "choose_event",
    "escape_markdown",
    "format_for_path",
    "highlight_segments",
    "key_path_for",
    "multi_outlet_events",
    "quote_span",
    "render_answer_key",
    "render_worksheet",
]
