"""Render an :class:`~framing.exercise.build.Exercise` as a worksheet and an answer key.

Two formats: ``html`` (one self-contained page: inline CSS, no scripts, no external requests,
print-friendly) and ``md`` (Markdown that prints as it is). Templates are Jinja2 files shipped
inside the package (``framing/exercise/templates``).

Input text is never trusted markup. The HTML environment autoescapes every value; the Markdown
environment runs every value through :func:`escape_markdown` (its ``finalize`` hook), so a
``<script>`` or a ``*`` in a news text stays text in both.

The worksheet carries no answers: its passages are the plain entry text. Only the key
highlights spans.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import Any, Literal

from framing.errors import OptionError, OutputError
from framing.exercise.build import AnswerItem, Exercise, Passage

ExerciseFormat = Literal["html", "md"]
FORMATS: tuple[ExerciseFormat, ...] = ("html", "md")
SUFFIX_FORMATS: dict[str, ExerciseFormat] = {".html": "html", ".htm": "html", ".md": "md",
                                             ".markdown": "md"}

# Characters that Markdown (CommonMark/GFM) could read as markup anywhere in a line.
_MD_INLINE = re.compile(r"([\\`*_\[\]<>&|~])")
# Line openings that would start a heading, block quote, bullet list, rule or setext underline
# ("# ", "> ", "- ", "+ ", "---", "===") or an ordered list ("1. ", "2) "); only these, so
# numbers such as "-0.93" or "2.30" stay as they are.
_MD_LINE_START = re.compile(r"^(\s*)(?:([#>])|([+=-])(?=\s|$|[+=-])|(\d+)([.)])(?=\s|$))")


class MarkdownSafe(str):
    """A string the Markdown environment outputs unchanged (template-made markup)."""

    __slots__ = ()


def escape_markdown(value: object) -> str:
    """Escape a value for Markdown so it renders as the same text (``finalize`` hook).

    Example:
        >>> print(escape_markdown("# <b>*not* bold</b>"), escape_markdown("1. -0.93"))
        \\# \\<b\\>\\*not\\* bold\\</b\\> 1\\. -0.93
    """
    if value is None:
        return ""
    if isinstance(value, MarkdownSafe):
        return str(value)
    text = " ".join(str(value).split("\n"))
    text = _MD_INLINE.sub(r"\\\1", text)
    return _MD_LINE_START.sub(_escape_line_start, text)


def _escape_line_start(match: re.Match[str]) -> str:
    indent, block, bullet, digits, delimiter = match.groups()
    if digits is not None:
        return f"{indent}{digits}\\{delimiter}"  # "1\." is no list item, and reads "1."
    return f"{indent}\\{block or bullet}"


@cache
def _environment(fmt: ExerciseFormat) -> Any:
    import jinja2

    loader = jinja2.PackageLoader("framing.exercise", "templates")
    if fmt == "html":
        return jinja2.Environment(loader=loader, autoescape=True, trim_blocks=True,
                                  lstrip_blocks=True, undefined=jinja2.StrictUndefined)
    # Markdown: autoescape is HTML-only, so finalize escapes every value for Markdown instead.
    return jinja2.Environment(loader=loader, autoescape=False, trim_blocks=True,
                              lstrip_blocks=True, undefined=jinja2.StrictUndefined,
                              finalize=escape_markdown, keep_trailing_newline=True)


def check_format(fmt: str) -> ExerciseFormat:
    """Return ``fmt`` as an :data:`ExerciseFormat`.

    Raises:
        OptionError: not ``html`` or ``md``.
    """
    for known in FORMATS:
        if fmt == known:
            return known
    raise OptionError(f"the format must be one of {', '.join(FORMATS)}; got {fmt!r}")


def format_for_path(path: Path) -> ExerciseFormat:
    """The format a worksheet or key path asks for, by suffix.

    Raises:
        OutputError: the suffix is not .html/.htm/.md/.markdown.
    """
    fmt = SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise OutputError(f"{path}: an exercise is written as .html or .md; got "
                          f"{path.suffix or 'no suffix'!r}")
    return fmt


def key_path_for(worksheet: Path) -> Path:
    """The default answer-key path next to a worksheet: ``sheet.html`` → ``sheet.key.html``."""
    return worksheet.with_name(f"{worksheet.stem}.key{worksheet.suffix}")


def _paragraphs(text: str) -> list[str]:
    return [" ".join(block.split("\n")) for block in text.split("\n\n") if block.strip()]


def _context(exercise: Exercise, fmt: ExerciseFormat) -> dict[str, Any]:
    return {"exercise": exercise, "passages": exercise.passages, "blind": exercise.blind,
            "questions": exercise.questions, "fmt": fmt, "paragraphs": _paragraphs,
            "most_certain": exercise.most_certain, "md": MarkdownSafe}


def render_worksheet(exercise: Exercise, fmt: str) -> str:
    """The worksheet (passages and tasks, no answers) as HTML or Markdown.

    Raises:
        OptionError: unknown format.
    """
    chosen = check_format(fmt)
    template = _environment(chosen).get_template(f"worksheet.{chosen}.j2")
    return str(template.render(**_context(exercise, chosen)))


# --- the key's highlighted copy of the text ------------------------------------------------


@dataclass(frozen=True)
class Segment:
    """A stretch of passage text with the same highlights (for the HTML key).

    Attributes:
        text: the text of the stretch.
        classes: CSS classes of the highlights that cover it (from a fixed set; never input).
        title: tooltip listing the answers covering it.
        numbers: answer numbers whose span ends here (printed as superscripts).
    """

    text: str
    classes: str
    title: str
    numbers: tuple[str, ...]


_KIND_CLASS = {"term": "term", "scare_quote": "scare", "attribution": "speaker",
               "hedge": "hedge", "booster": "booster"}


def highlight_segments(passage: Passage) -> tuple[Segment, ...]:
    """Split the passage text at every answer-span and voice boundary (spans may overlap).

    Quoted and reported voices are shaded too, so a student can see whose words a term sits in.
    """
    text = passage.text
    marks: list[tuple[int, int, str, AnswerItem | None]] = [
        (item.span.start, item.span.end, _KIND_CLASS[item.kind], item)
        for item in passage.answers if item.span.end > item.span.start]
    marks += [(voice.start, voice.end, f"voice-{voice.voice}", None)
              for voice in passage.record.voices if voice.end > voice.start]
    cuts = sorted({0, len(text), *(m[0] for m in marks), *(m[1] for m in marks)})
    segments = []
    for start, end in pairwise(cuts):
        covering = [m for m in marks if m[0] <= start and end <= m[1]]
        classes = sorted({m[2] for m in covering})
        title = "; ".join(f"{m[3].number}: {m[3].explanation}" for m in covering
                          if m[3] is not None)
        numbers = tuple(m[3].number for m in covering if m[3] is not None and m[1] == end)
        segments.append(Segment(text[start:end], " ".join(classes), title, numbers))
    return tuple(segments)


def render_answer_key(exercise: Exercise, fmt: str) -> str:
    """The answer key (outlets revealed, every answer traced to its span) as HTML or Markdown.

    Raises:
        OptionError: unknown format.
    """
    chosen = check_format(fmt)
    template = _environment(chosen).get_template(f"key.{chosen}.j2")
    return str(template.render(segments=highlight_segments, **_context(exercise, chosen)))
