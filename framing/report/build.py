"""Build the classroom report: summary table, figures, events side by side, highlighted spans.

The page is one HTML file with its CSS and JavaScript inline: it makes no request, works offline
and prints. Every piece of input text (titles, texts, outlet and speaker names, lexicon
categories) reaches the page escaped: the Jinja environment autoescapes, and span markup is
built with :class:`markupsafe.Markup`, which escapes what it formats. Figures are the one kind
of markup taken as given; they must be SVG, and SVG with scripts, event handlers or external
references is refused.

Each highlighted span carries ``data-outlet``, ``data-voice`` and (terms) ``data-category`` and
``data-side``, so the page's filters, and anyone checking a number, can find the spans behind it.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from xml.etree import ElementTree

from markupsafe import Markup

from framing.analysis.explain import (
    NEUTRAL_COLOUR,
    SpanMarkup,
    assign_colours,
    markup_spans,
)
from framing.analysis.records import EntryScore
from framing.errors import OutputError, SkippedRecord

if TYPE_CHECKING:  # pragma: no cover
    import jinja2

    from framing.compare import Comparison
    from framing.events import EventAlignment

TEMPLATE = "report.html.j2"
DEFAULT_TITLE = "framing report"
VOICE_LABELS = {"quoted": "quoted voice", "reported": "reported voice"}
CUE_LABELS = {"hedge": "hedge", "booster": "booster", "scare_quote": "scare quote"}
# Okabe–Ito colours in the order of framing.plots.OKABE_ITO (black left out: it is the text
# colour), so a side has the same colour in the figures and in the highlighted text.
SIDE_PALETTE = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442")

# What inline SVG may not contain: elements that run code, embed other documents or fetch
# anything, event handlers, script URLs, and links or url() references outside the figure.
_BLOCKED_ELEMENTS = frozenset({"script", "foreignobject", "iframe", "image", "object", "embed",
                               "audio", "video", "animate", "set"})
_UNSAFE_VALUE = re.compile(r"javascript:|@import|url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)


@dataclass(frozen=True)
class Report:
    """A rendered report and what it holds.

    Attributes:
        html: the complete page.
        n_entries: entries shown (background paragraphs included).
        n_outlets: outlets shown.
        n_side_by_side: events covered by at least two outlets, shown side by side.
    """

    html: str
    n_entries: int
    n_outlets: int
    n_side_by_side: int


@dataclass(frozen=True)
class _EntryView:
    id: str
    outlet: str
    kind: str
    when: str
    source: str
    body: Markup
    n_words: int
    counts: str


@dataclass(frozen=True)
class _Column:
    outlet: str
    entries: tuple[_EntryView, ...]


@dataclass(frozen=True)
class _EventView:
    event_id: str
    headline: str
    when: str
    outlets: tuple[str, ...]
    top_terms: tuple[str, ...]
    columns: tuple[_Column, ...]


@dataclass(frozen=True)
class _SideKey:
    side: str | None
    css: str
    colour: str


def _side_keys(records: Sequence[EntryScore], sides: Sequence[str]) -> list[_SideKey]:
    """One colour per side over the whole report: the compared sides first, then the others
    that loaded terms carry, by appearance (voices are shaded grey, so their sides need none)."""
    colours = assign_colours([*sides, *(t.orientation for r in records for t in r.terms)],
                             palette=SIDE_PALETTE)
    keys = [_SideKey(side, f"side-{index}", colour)
            for index, (side, colour) in enumerate(
                (s, c) for s, c in colours.items() if s is not None)]
    return [*keys, _SideKey(None, "side-none", NEUTRAL_COLOUR)]


def _count(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def entry_markup(record: EntryScore, side_class: Mapping[str | None, str]) -> Markup:
    """The entry's text as escaped HTML with every span marked.

    Voices are shaded (``voice quoted|reported``, speaker and side in the title and in a label
    printed after the span), hedges, boosters and scare quotes are marked (``cue <kind>``), and
    loaded terms carry the CSS class of their orientation (``side_class``, e.g. ``side-0``).

    Args:
        record: the score record.
        side_class: CSS class per side; None is the class of terms without orientation.

    Returns:
        Markup safe to place in the page.
    """
    outlet = record.outlet
    spans: list[SpanMarkup] = []
    if record.title and record.text.startswith(record.title):
        spans.append(SpanMarkup(0, len(record.title), '<span class="headline">', rank=-1))
    for voice in record.voices:
        speaker = voice.speaker or "unknown speaker"
        side = voice.side or "side unknown"
        spans.append(SpanMarkup(
            voice.start, voice.end,
            Markup('<span class="voice {}" data-outlet="{}" data-voice="{}" data-speaker="{}" '
                   'data-side="{}" title="{} of {} ({})">').format(
                voice.voice, outlet, voice.voice, voice.speaker or "", voice.side or "",
                VOICE_LABELS[voice.voice], speaker, side),
            prefix=Markup('<span class="elided" data-outlet="{}" data-voice="{}" '
                          'title="{} of {} hidden by a filter">[…]</span>').format(
                outlet, voice.voice, VOICE_LABELS[voice.voice], speaker),
            suffix=Markup('<sup class="print-tag voice-tag">{}: {} · {}</sup>').format(
                voice.voice, speaker, side),
            rank=0))
    for cue in record.cues:
        spans.append(SpanMarkup(
            cue.start, cue.end,
            Markup('<span class="cue {}" data-outlet="{}" data-cue="{}" data-voice="{}" '
                   'title="{}: {} (voice: {})">').format(
                cue.kind, outlet, cue.kind, cue.voice, CUE_LABELS[cue.kind], cue.cue,
                cue.voice),
            rank=1))
    for term in record.terms:
        said_by = f"; speaker: {term.speaker}" if term.speaker else ""
        spans.append(SpanMarkup(
            term.start, term.end,
            Markup('<span class="term {}" data-outlet="{}" data-category="{}" data-voice="{}" '
                   'data-side="{}" data-lexicon="{}" title="{} — {}: {}; side: {}; voice: {}{}">'
                   ).format(
                side_class.get(term.orientation, side_class[None]), outlet, term.category,
                term.voice, term.orientation or "", term.lexicon, term.term, term.lexicon,
                term.category, term.orientation or "none", term.voice, said_by),
            suffix=(Markup('<sub class="print-tag term-tag">{}</sub>').format(term.orientation)
                    if term.orientation else ""),
            rank=2))
    return Markup(markup_spans(record.text, spans))


def _when(record: EntryScore) -> str:
    if record.published:
        try:
            moment = dt.datetime.fromisoformat(record.published)
        except ValueError:
            return record.published
        return moment.isoformat(sep=" ", timespec="minutes")
    return record.time or "undated"


def _entry_view(record: EntryScore, side_class: Mapping[str | None, str]) -> _EntryView:
    kinds = [c.kind for c in record.cues]
    counts = [_count(len(record.terms), "term"), _count(len(record.voices), "voice"),
              _count(kinds.count("hedge"), "hedge"), _count(kinds.count("booster"), "booster"),
              _count(kinds.count("scare_quote"), "scare quote")]
    return _EntryView(id=record.id, outlet=record.outlet, kind=record.kind, when=_when(record),
                      source=record.source, body=entry_markup(record, side_class),
                      n_words=record.n_words, counts=" · ".join(counts))


def _event_when(alignment: EventAlignment, event_id: str) -> str:
    event = alignment.event(event_id)
    if event.start is None or event.end is None:
        return "undated"
    start = event.start.isoformat(sep=" ", timespec="minutes")
    end = event.end.astimezone(event.start.tzinfo).isoformat(sep=" ", timespec="minutes")
    return start if start == end else f"{start} – {end}"


def _events(alignment: EventAlignment | None,
            views: Mapping[str, _EntryView]) -> list[_EventView]:
    """Events covered by at least two outlets (among the shown entries), outlets side by side."""
    if alignment is None:
        return []
    shown = []
    for event in alignment.events:
        by_outlet: dict[str, list[_EntryView]] = {}
        for entry_id in event.entry_ids:
            view = views.get(entry_id)
            if view is not None and view.kind == "entry":
                by_outlet.setdefault(view.outlet, []).append(view)
        if len(by_outlet) < 2:
            continue
        columns = tuple(_Column(outlet, tuple(by_outlet[outlet])) for outlet in sorted(by_outlet))
        shown.append(_EventView(event.event_id, event.headline,
                                _event_when(alignment, event.event_id), tuple(sorted(by_outlet)),
                                event.top_terms, columns))
    return shown


def _summary(comparison: Comparison | None) -> tuple[list[str], list[dict[str, str]], str]:
    """Columns, rows and footnote of the per-outlet table (``framing compare``'s table)."""
    if comparison is None or not comparison.groups:
        return [], [], ""
    from framing.compare import comparison_footnote, comparison_rows

    rows = comparison_rows(comparison)
    columns = list(rows[0]) if rows else ["metric", *comparison.groups]
    entries = {"metric": "entries compared", **{g: str(comparison.n_entries.get(g, 0))
                                       for g in comparison.groups}}
    return columns, [entries, *({k: str(v) for k, v in row.items()} for row in rows)], \
        comparison_footnote(comparison)


def _span_rows(records: Sequence[EntryScore], outlets: Sequence[str]) -> list[dict[str, str]]:
    """Per outlet: how many spans of each kind the page highlights (the raw counts)."""
    rows = []
    for outlet in outlets:
        group = [r for r in records if r.outlet == outlet]
        terms = [t for r in group for t in r.terms]
        voices = [v.voice for r in group for v in r.voices]
        cues = [c.kind for r in group for c in r.cues]
        rows.append({
            "outlet": outlet, "entries shown": str(len(group)),
            "words": str(sum(r.n_words for r in group)),
            "terms (own voice)": str(sum(1 for t in terms if t.voice == "authorial")),
            "terms (attributed)": str(sum(1 for t in terms if t.voice != "authorial")),
            "quoted voices": str(voices.count("quoted")),
            "reported voices": str(voices.count("reported")),
            "hedges": str(cues.count("hedge")), "boosters": str(cues.count("booster")),
            "scare quotes": str(cues.count("scare_quote")),
        })
    return rows


def _local(name: str) -> str:
    """An XML name without its namespace, lower-cased: ``{http://…/xlink}href`` → ``href``."""
    return name.rsplit("}", 1)[-1].lower()


def _unsafe_svg_part(root: ElementTree.Element) -> str | None:
    """The first element or attribute of the figure a report may not inline, or None."""
    for element in root.iter():
        name = _local(str(element.tag))
        if name in _BLOCKED_ELEMENTS:
            return f"<{name}>"
        if name == "style" and _UNSAFE_VALUE.search(element.text or ""):
            return "<style> with an external reference"
        for attribute, value in element.attrib.items():
            local = _local(attribute)
            if (local.startswith("on") or _UNSAFE_VALUE.search(value)
                    or (local in ("href", "src") and not value.startswith("#"))):
                return f"{local}={value!r}"
    return None


def _inline_svg(kind: str, markup: str) -> Markup:
    """Figure markup as inline SVG: XML prolog dropped; unsafe or external content refused.

    The figure is parsed as XML, so text inside it (an outlet called ``<img src=x>``, escaped
    by the plotting library) is never mistaken for markup.
    """
    start = markup.find("<svg")
    end = markup.rfind("</svg>")
    if start == -1 or end < start:
        raise OutputError(f"figure {kind!r} is not SVG markup")
    svg = markup[start:end + len("</svg>")]
    try:
        root = ElementTree.fromstring(svg)
    except ElementTree.ParseError as exc:
        raise OutputError(f"figure {kind!r} is not well-formed SVG: {exc}") from exc
    unsafe = _unsafe_svg_part(root)
    if unsafe is not None:
        raise OutputError(f"figure {kind!r} holds content a report may not inline: {unsafe}")
    return Markup(svg)


def _duration(seconds: float) -> str:
    """``36h``, ``90m``, ``2d``: the window as the ``--window`` option spells it."""
    minutes = round(seconds / 60)
    if minutes % (24 * 60) == 0:
        return f"{minutes // (24 * 60)}d"
    return f"{minutes // 60}h" if minutes % 60 == 0 else f"{minutes}m"


def _environment() -> jinja2.Environment:
    import jinja2

    # autoescape=True for every template whatever its suffix: input text is never markup.
    return jinja2.Environment(loader=jinja2.PackageLoader("framing.report", "templates"),
                              autoescape=True, undefined=jinja2.StrictUndefined,
                              trim_blocks=True, lstrip_blocks=True)


def build_report(
    records: Iterable[EntryScore],
    *,
    comparison: Comparison | None = None,
    alignment: EventAlignment | None = None,
    figures: Mapping[str, str] | None = None,
    sides: Sequence[str] = (),
    title: str = DEFAULT_TITLE,
    skipped: Sequence[SkippedRecord] = (),
) -> Report:
    """Render the report of a scored corpus as one self-contained HTML page.

    Args:
        records: score records, in input order (from :func:`framing.score`).
        comparison: their comparison by outlet (:func:`framing.compare.compare_scores`) for
            the summary table; None leaves the table out.
        alignment: event alignment of the same entries (:func:`framing.events.align_events`);
            events covered by at least two outlets are shown side by side. None: no events.
        figures: figure kind → SVG markup (e.g. ``framing.plots.figure_svgs``), inlined.
        sides: the compared sides; they get the first colours.
        title: the page title (escaped like everything else).
        skipped: input records that were skipped, listed at the end so nothing is hidden.

    Returns:
        The :class:`Report`.

    Raises:
        OutputError: a figure is not SVG, or holds scripts or external references.
    """
    kept = list(records)
    keys = _side_keys(kept, sides)
    side_class = {key.side: key.css for key in keys}
    views = {record.id: _entry_view(record, side_class) for record in kept}
    outlets = sorted({record.outlet for record in kept})
    events = _events(alignment, views)
    in_events = {view.id for event in events for column in event.columns
                 for view in column.entries}
    others = [_Column(outlet, tuple(views[r.id] for r in kept
                                    if r.outlet == outlet and r.id not in in_events))
              for outlet in outlets]
    columns, rows, footnote = _summary(comparison)
    inline_figures = [(kind, _inline_svg(kind, markup)) for kind, markup in (figures or {}).items()]
    categories = sorted({t.category for r in kept for t in r.terms})
    voices = [v for v in ("quoted", "reported") if any(s.voice == v for r in kept
                                                        for s in r.voices)]
    n_entries_by_outlet = {outlet: sum(1 for r in kept if r.outlet == outlet) for outlet in outlets}
    window = None
    if alignment is not None and "window_seconds" in alignment.parameters:
        window = _duration(float(alignment.parameters["window_seconds"]))
    template = _environment().get_template(TEMPLATE)
    page: str = template.render(
        title=title, n_entries=len(kept), outlets=outlets, n_entries_by_outlet=n_entries_by_outlet,
        categories=categories, voices=voices, side_keys=keys,
        summary_columns=columns, summary_rows=rows, footnote=footnote,
        span_rows=_span_rows(kept, outlets), figures=inline_figures, events=events,
        others=[c for c in others if c.entries], n_others=sum(len(c.entries) for c in others),
        aligned=alignment is not None,
        n_events=alignment.n_events if alignment is not None else 0, window=window,
        skipped=skipped,
    )
    return Report(html=page, n_entries=len(kept), n_outlets=len(outlets),
                  n_side_by_side=len(events))


def check_report_path(path: Path) -> None:
    """Raise :class:`OutputError` unless ``path`` ends in ``.html`` in an existing directory."""
    if path.suffix.lower() != ".html":
        raise OutputError(f"the `--output` option must name a .html file; got {str(path)!r}")
    if not path.parent.exists():
        raise OutputError(f"{path}: directory {path.parent} does not exist")


def write_report(report: Report, path: Path) -> None:
    """Write the page atomically (an interrupted run never leaves a truncated report).

    Raises:
        OutputError: a bad suffix, a missing directory, or the file cannot be written.
    """
    from framing.writers import atomic_path

    check_report_path(path)
    try:
        with atomic_path(path) as tmp:
            tmp.write_text(report.html, encoding="utf-8")
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from exc
