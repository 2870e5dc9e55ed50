"""Show an analysed entry with its spans highlighted: terminal (rich), plain text, or HTML.

The rendering is built from the score record only, so what a reader sees is exactly what was
counted. Colours come from a colour-blind-safe palette (Okabe & Ito 2008) assigned to sides in
order; every colour also has a text marker, so the output is readable without colour.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from rich.text import Text

from framing.analysis.records import EntryScore

# Okabe–Ito palette: distinguishable with the common colour-vision deficiencies.
PALETTE = ("#E69F00", "#56B4E9", "#009E73", "#CC79A7", "#0072B2", "#D55E00", "#F0E442")
NEUTRAL_COLOUR = "#999999"


def assign_colours(sides: Iterable[str | None], *,
                   palette: Sequence[str] = PALETTE) -> dict[str | None, str]:
    """A palette colour per distinct side, in order of first appearance; None is neutral grey.

    Shared by ``framing explain`` (one entry) and ``framing report`` (a whole corpus, so a side
    keeps one colour across every entry of the page).
    """
    colours: dict[str | None, str] = {}
    for side in sides:
        if side and side not in colours:
            colours[side] = palette[len(colours) % len(palette)]
    colours[None] = NEUTRAL_COLOUR
    return colours


def record_sides(record: EntryScore) -> list[str | None]:
    """The sides a record shows, in order: term orientations, then voices' sides."""
    return [t.orientation for t in record.terms] + [v.side for v in record.voices]


def side_colours(record: EntryScore) -> dict[str | None, str]:
    """A colour per side seen in the record's terms and voices, in order of appearance."""
    return assign_colours(record_sides(record))


@dataclass(frozen=True)
class SpanMarkup:
    """HTML markup around one span of ``text`` (offsets as in the score record).

    Attributes:
        start, end: character offsets, end exclusive.
        open_tag, close_tag: the element around the span. They are emitted again when the span
            has to be split because another span crosses it, so they must not carry content.
        prefix, suffix: markup emitted once, before the first opening / just inside the final
            closing (a voice's number or a print-only label).
        rank: nesting order of spans that start at the same offset (lower is outer).
    """

    start: int
    end: int
    open_tag: str
    close_tag: str = "</span>"
    prefix: str = ""
    suffix: str = ""
    rank: int = 0


def markup_spans(text: str, spans: Iterable[SpanMarkup]) -> str:
    """Escape ``text`` and wrap each span in its markup, always well nested.

    Spans that start at the same offset nest by rank, then longest outside. Where spans cross
    (a cue running past the end of a voice), the inner element is closed and reopened at the
    boundary, so the HTML stays well formed and every character keeps all its marks. Newlines
    become ``<br>``. Spans outside the text are ignored.

    Example:
        >>> markup_spans("a <b> c", [SpanMarkup(2, 5, '<i>', '</i>')])
        'a <i>&lt;b&gt;</i> c'
    """
    ordered = sorted((s for s in spans if 0 <= s.start < s.end <= len(text)),
                     key=lambda s: (s.start, s.rank, -s.end))
    boundaries = sorted({0, len(text)} | {s.start for s in ordered} | {s.end for s in ordered})
    out: list[str] = []
    stack: list[SpanMarkup] = []
    upcoming = 0
    for index, offset in enumerate(boundaries):
        ending = [i for i, span in enumerate(stack) if span.end == offset]
        if ending:
            # Close everything above the outermost span that ends here, reopen the rest.
            reopen: list[SpanMarkup] = []
            while len(stack) > ending[0]:
                span = stack.pop()
                if span.end == offset:
                    out += (span.suffix, span.close_tag)  # never "+": Markup would escape
                else:
                    out.append(span.close_tag)
                    reopen.insert(0, span)
            for span in reopen:
                out.append(span.open_tag)
                stack.append(span)
        while upcoming < len(ordered) and ordered[upcoming].start == offset:
            span = ordered[upcoming]
            out += (span.prefix, span.open_tag)
            stack.append(span)
            upcoming += 1
        if index + 1 < len(boundaries):
            out.append(html.escape(text[offset:boundaries[index + 1]]).replace("\n", "<br>\n"))
    return "".join(out)


@dataclass(frozen=True)
class _Mark:
    start: int
    end: int
    kind: str  # term | hedge | booster | scare_quote


def _marks(record: EntryScore) -> list[_Mark]:
    marks = [_Mark(t.start, t.end, "term") for t in record.terms]
    marks += [_Mark(c.start, c.end, c.kind) for c in record.cues]
    return sorted(marks, key=lambda m: (m.start, -m.end))


def _voice_at(record: EntryScore, offset: int) -> int | None:
    for index, voice in enumerate(record.voices):
        if voice.start <= offset < voice.end:
            return index
    return None


def explain_rich(record: EntryScore) -> Text:
    """The entry as rich ``Text``: terms coloured by orientation, voices shaded, cues marked."""
    colours = side_colours(record)
    text = Text(record.text)
    for voice in record.voices:
        style = "on grey23" if voice.voice == "quoted" else "italic on grey15"
        text.stylize(style, voice.start, voice.end)
    for cue in record.cues:
        style = {"hedge": "underline", "booster": "bold underline",
                 "scare_quote": "reverse"}[cue.kind]
        text.stylize(style, cue.start, cue.end)
    for term in record.terms:
        text.stylize(f"bold {colours.get(term.orientation, NEUTRAL_COLOUR)}", term.start,
                     term.end)
    return text


def explain_plain(record: EntryScore) -> str:
    """The entry with inline markers, for plain terminals and files.

    ``{term|side}`` a loaded term (``|·`` when it carries no side), ``<hedge>``, ``<<booster>>``,
    ``'[scare quote]'``, and ``«…»[n]`` around voice n (the legend lists speakers).
    """
    text = record.text
    inserts: list[tuple[int, int, str]] = []  # (offset, order, string)
    for index, voice in enumerate(record.voices):
        inserts.append((voice.start, 1, "«"))
        inserts.append((voice.end, -1, f"»[{index + 1}]"))
    for term in record.terms:
        inserts.append((term.start, 2, "{"))
        inserts.append((term.end, -2, f"|{term.orientation or '·'}}}"))
    for cue in record.cues:
        opener, closer = {"hedge": ("<", ">"), "booster": ("<<", ">>"),
                          "scare_quote": ("[", "]")}[cue.kind]
        inserts.append((cue.start, 3, opener))
        inserts.append((cue.end, -3, closer))
    out: list[str] = []
    position = 0
    for offset, _, marker in sorted(inserts, key=lambda i: (i[0], i[1])):
        out.append(text[position:offset])
        out.append(marker)
        position = offset
    out.append(text[position:])
    return "".join(out)


def explain_legend(record: EntryScore) -> list[str]:
    """Lines of the legend: voices with speaker and side, then the term and cue keys."""
    lines = []
    for index, voice in enumerate(record.voices):
        lines.append(f"[{index + 1}] {voice.voice} voice of {voice.speaker or 'unknown speaker'}"
                     f" (side: {voice.side or 'unknown'})")
    sides = sorted({t.orientation for t in record.terms if t.orientation})
    lines.append("terms coloured by the side whose framing they carry: "
                 + (", ".join(sides) if sides else "none"))
    return lines


_CSS = """
body{font-family:Georgia,serif;max-width:46rem;margin:2rem auto;line-height:1.6;color:#222}
.quoted{background:#eee}.reported{background:#f6f6f6;font-style:italic}
.term{font-weight:bold;border-bottom:3px solid var(--c)}
.hedge{text-decoration:underline dotted}.booster{text-decoration:underline double}
.scare_quote{outline:1px dashed #555}
.voice-label{font-size:.7em;vertical-align:super;color:#555}
table{border-collapse:collapse}td,th{padding:.2rem .5rem;border-bottom:1px solid #ddd}
""".strip()


def explain_html(record: EntryScore) -> str:
    """A self-contained HTML page of the entry; all input text is escaped."""
    colours = side_colours(record)
    spans: list[SpanMarkup] = []
    for index, voice in enumerate(record.voices):
        title = html.escape(f"{voice.voice} voice of {voice.speaker or 'unknown'} "
                            f"(side: {voice.side or 'unknown'})", quote=True)
        spans.append(SpanMarkup(voice.start, voice.end,
                                f'<span class="{voice.voice}" title="{title}">',
                                suffix=f'<sup class="voice-label">{index + 1}</sup>', rank=0))
    for cue in record.cues:
        spans.append(SpanMarkup(cue.start, cue.end,
                                f'<span class="{cue.kind}" title="{cue.kind}">', rank=1))
    for term in record.terms:
        colour = colours.get(term.orientation, NEUTRAL_COLOUR)
        title = html.escape(f"{term.term} ({term.lexicon}: {term.category}; "
                            f"side: {term.orientation or 'none'}; voice: {term.voice})",
                            quote=True)
        spans.append(SpanMarkup(term.start, term.end,
                                f'<span class="term" style="--c:{colour}" title="{title}">',
                                rank=2))
    body = markup_spans(record.text, spans)
    legend = "".join(f"<li>{html.escape(line)}</li>" for line in explain_legend(record))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(record.title or record.id)}</title><style>{_CSS}</style>"
        f"</head><body><h1>{html.escape(record.outlet)} — {html.escape(record.id)}</h1>"
        f"<p>{body}</p><h2>Legend</h2><ul>{legend}</ul></body></html>\n"
    )
