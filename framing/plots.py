"""Journal-ready figures of an outlet comparison (matplotlib, PNG/PDF/SVG).

Five kinds of figure, each drawn from numbers that :func:`plot_data` returns as plain rows, so a
figure can always be checked against (and exported next to) the table it shows:

* ``profile`` — every comparison metric per outlet with its 95% bootstrap interval, one small
  panel per metric (the cells of :func:`framing.compare.compare_scores`).
* ``voice`` — share of voice: attributions by the speaker's side, stacked per outlet, with
  ``other sides``, ``unknown`` (no side found) and ``anonymous`` (unnamed, no side) completing
  each bar to 100%. The side segments are compare's ``voice share <side>`` cells.
* ``stance`` — share of each side's attributions made with a distancing verb ("claimed",
  "alleged"), per outlet, with intervals (compare's ``distancing share <side>``).
* ``naming`` — contested names: of the own-voice naming, toponym and territory terms that carry
  one of the two main sides' framing, the share carrying each side's (compare's
  ``naming share``; the second side's share is its complement), with the interval.
* ``timeline`` — loaded terms (lexicon hits, every voice) per hour or per day per outlet.

Figures are built on :class:`matplotlib.figure.Figure` directly (no pyplot, no global state,
no display needed). Styling is for print: Okabe–Ito colours (safe for colour-blind readers),
plus a distinct hatch or marker per group so the figure still reads in greyscale; axes carry
units; PDF/SVG are vector with embedded fonts; the same input gives the same bytes.

Example:
    >>> import framing
    >>> from framing.demo import DEMO_SIDES, demo_analyzer
    >>> records = list(framing.score(framing.read_corpus(framing.demo_corpus_path()),
    ...                              demo_analyzer()))
    >>> figure = plot_figure("stance", records, sides=DEMO_SIDES, n_boot=200)
    >>> [row["side"] for row in plot_data("stance", records, sides=DEMO_SIDES, n_boot=200)][:2]
    ['calmeria', 'zarovia']
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import re
import textwrap
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from framing.analysis.records import EntryScore
from framing.compare import (
    NAMING_CATEGORIES,
    Cell,
    Comparison,
    choose_sides,
    compare_scores,
)
from framing.errors import OptionError, OutputError
from framing.statistics import DEFAULT_N_BOOT, DEFAULT_SEED, bootstrap_proportion_ci

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

PLOT_KINDS = ("profile", "voice", "stance", "naming", "timeline")
FIGURE_SUFFIXES = (".png", ".pdf", ".svg")
TIME_BINS = ("auto", "hour", "day")

# Okabe & Ito (2008), "Color Universal Design": distinguishable with any colour-vision
# deficiency. Order chosen so the first two (the two sides, or two outlets) differ most.
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#E69F00", "#CC79A7", "#56B4E9", "#F0E442",
             "#000000")
# Greyscale cues, one per group, so a black-and-white print still separates the groups.
# (No dot hatches: each dot is a path, which makes SVG files ten times larger.)
HATCHES = ("", "///", "\\\\\\", "xxx", "---", "+++", "|||", "/-")
MARKERS = ("o", "s", "^", "D", "v", "P", "X", "*")
LINESTYLES = ("-", "--", ":", "-.")
# Segments of a share-of-voice bar that are not one of the chosen sides.
OTHER, UNKNOWN, ANONYMOUS = "other sides", "unknown", "anonymous"
_REST_STYLE = {OTHER: ("#CC79A7", "|||"), UNKNOWN: ("#BBBBBB", "---"),
               ANONYMOUS: ("#FFFFFF", "xxx")}
# Above this span of time, ``--bin auto`` counts per day rather than per hour.
AUTO_HOURLY_SPAN = dt.timedelta(hours=72)

STYLE: dict[str, Any] = {
    "font.family": "DejaVu Sans",  # bundled with matplotlib: same glyphs on every machine
    "font.size": 8.0,
    "axes.titlesize": 8.0,
    "axes.labelsize": 8.0,
    "xtick.labelsize": 7.0,
    "ytick.labelsize": 7.0,
    "legend.fontsize": 7.0,
    "legend.title_fontsize": 7.0,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.linewidth": 0.6,
    "xtick.major.width": 0.6,
    "ytick.major.width": 0.6,
    "hatch.linewidth": 0.5,
    "lines.linewidth": 1.2,
    "lines.markersize": 4.0,
    "errorbar.capsize": 2.0,
    # Deterministic, editable output: TrueType fonts in PDF (journals ask for it), glyphs as
    # paths in SVG (renders the same without the font), fixed id salt.
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "svg.fonttype": "path",
    "svg.hashsalt": "framing",
}
# No timestamps in the files, so the same figure gives the same bytes.
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None},
    "svg": {"Date": None},
}


@dataclass(frozen=True)
class _Inputs:
    """Entry records, the outlet comparison and the sides a figure is drawn from."""

    records: tuple[EntryScore, ...]
    comparison: Comparison | None
    sides: tuple[str, ...]


@contextmanager
def _style(**extra: Any) -> Iterator[None]:
    """The figure style, applied while artists are made and while the file is written."""
    import matplotlib

    settings: Any = {**STYLE, **extra}  # matplotlib types rc keys as a Literal of every name
    with matplotlib.rc_context(settings):
        yield


def check_kind(kind: str) -> str:
    """Return ``kind`` if it is a plot kind, else raise :class:`OptionError` naming the kinds."""
    if kind not in PLOT_KINDS:
        raise OptionError(f"the plot kind must be one of {', '.join(PLOT_KINDS)}; got {kind!r}")
    return kind


def check_figure_path(path: str | Path) -> str:
    """The figure format (``png``, ``pdf``, ``svg``) from ``path``'s suffix.

    Raises:
        OutputError: for any other suffix, or a missing directory.
    """
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in FIGURE_SUFFIXES:
        raise OutputError(f"{target}: the figure file must end in {', '.join(FIGURE_SUFFIXES)}; "
                          f"got {suffix or 'no suffix'!r}")
    if not target.parent.exists():
        raise OutputError(f"{target}: directory {target.parent} does not exist")
    return suffix[1:]


def check_data_path(path: str | Path) -> None:
    """Raise :class:`OutputError` unless ``path`` is a ``.csv`` file in an existing directory."""
    target = Path(path)
    if target.suffix.lower() != ".csv":
        raise OutputError(f"{target}: the data file must end in .csv; got "
                          f"{target.suffix.lower() or 'no suffix'!r}")
    if not target.parent.exists():
        raise OutputError(f"{target}: directory {target.parent} does not exist")


def plot_comparison(records: Iterable[EntryScore], *, sides: Sequence[str] = (),
                    n_boot: int = DEFAULT_N_BOOT, seed: int = DEFAULT_SEED) -> Comparison:
    """The outlet comparison behind the figures: estimates and intervals, no real tests.

    Figures show estimates and intervals only, so the permutation tests are run with a single
    permutation (their p-values are meaningless and not shown); use
    :func:`framing.compare.compare_scores` for the tests.
    """
    return compare_scores(records, by="outlet", sides=sides, n_boot=n_boot, n_perm=1, seed=seed)


def _sides_of(comparison: Comparison) -> tuple[str, ...]:
    prefix = "voice share "
    return tuple(m[len(prefix):] for m in comparison.metrics if m.startswith(prefix))


def _prepare(kind: str, records: Iterable[EntryScore], comparison: Comparison | None,
             sides: Sequence[str], n_boot: int, seed: int) -> _Inputs:
    check_kind(kind)
    kept = tuple(records)
    if comparison is not None and comparison.by != "outlet":
        raise OptionError(f"figures need a comparison grouped by outlet; got one grouped by "
                          f"{comparison.by!r}")
    chosen = tuple(sides) or (_sides_of(comparison) if comparison else choose_sides(kept))
    if comparison is None and kind != "timeline":
        comparison = plot_comparison(kept, sides=chosen, n_boot=n_boot, seed=seed)
    return _Inputs(kept, comparison, chosen)


def _cell(comparison: Comparison, metric: str, outlet: str) -> Cell | None:
    return next((c for c in comparison.cells if c.metric == metric and c.group == outlet), None)


def _interval_row(cell: Cell | None) -> dict[str, Any]:
    if cell is None:
        return {"value": None, "low": None, "high": None, "n_units": 0, "small_sample": True}
    return {"value": cell.value, "low": cell.low, "high": cell.high, "n_units": cell.n_units,
            "small_sample": cell.small_sample}


# --- the numbers of each kind ---------------------------------------------------------------


def _profile_rows(inputs: _Inputs, metrics: Sequence[str] | None) -> list[dict[str, Any]]:
    comparison = _need(inputs.comparison)
    available = comparison.metrics
    if metrics:
        unknown = [m for m in metrics if m not in available]
        if unknown:
            raise OptionError(f"the `--metric` option must be one of {', '.join(available)}; "
                              f"got {unknown[0]!r}")
        chosen = list(metrics)
    else:  # every metric with at least one estimate
        chosen = [m for m in available if any(c.value is not None for c in comparison.cells
                                              if c.metric == m)]
    return [{"metric": metric, "outlet": outlet,
             **_interval_row(_cell(comparison, metric, outlet))}
            for metric in chosen for outlet in comparison.groups]


def _entries_by_outlet(records: Iterable[EntryScore]) -> dict[str, list[EntryScore]]:
    grouped: dict[str, list[EntryScore]] = {}
    for record in records:
        if record.kind == "entry":  # as compare: background text is not coverage
            grouped.setdefault(record.outlet, []).append(record)
    return grouped


def _voice_segment(record: EntryScore, segment: str, sides: Sequence[str]) -> int:
    """Attributions of one entry in one segment of the share-of-voice bar."""
    if segment in sides:
        return sum(1 for a in record.attributions if a.side == segment)
    if segment == OTHER:
        return sum(1 for a in record.attributions if a.side is not None and a.side not in sides)
    anonymous = segment == ANONYMOUS
    return sum(1 for a in record.attributions if a.side is None and a.anonymous == anonymous)


def _voice_rows(inputs: _Inputs) -> list[dict[str, Any]]:
    comparison = _need(inputs.comparison)
    grouped = _entries_by_outlet(inputs.records)
    rows = []
    for outlet in comparison.groups:
        group = grouped.get(outlet, [])
        totals = [len(r.attributions) for r in group]
        for segment in (*inputs.sides, OTHER, UNKNOWN, ANONYMOUS):
            counts = [_voice_segment(r, segment, inputs.sides) for r in group]
            if segment in inputs.sides:  # exactly compare's cell
                row = _interval_row(_cell(comparison, f"voice share {segment}", outlet))
            else:
                share = bootstrap_proportion_ci(counts, totals, n_boot=comparison.n_boot,
                                                seed=comparison.seed)
                row = {"value": share.value, "low": share.low, "high": share.high,
                       "n_units": share.n_units, "small_sample": share.small_sample}
            rows.append({"outlet": outlet, "source": segment, **row,
                         "n_attributions": sum(counts), "n_total": sum(totals)})
    return rows


def _stance_rows(inputs: _Inputs) -> list[dict[str, Any]]:
    comparison = _need(inputs.comparison)
    grouped = _entries_by_outlet(inputs.records)
    return [{"outlet": outlet, "side": side,
             **_interval_row(_cell(comparison, f"distancing share {side}", outlet)),
             "n_attributions": sum(1 for r in grouped.get(outlet, []) for a in r.attributions
                                   if a.side == side)}
            for outlet in comparison.groups for side in inputs.sides]


def _naming_rows(inputs: _Inputs) -> list[dict[str, Any]]:
    comparison = _need(inputs.comparison)
    if len(inputs.sides) < 2:
        return []
    first, second = inputs.sides[0], inputs.sides[1]
    grouped = _entries_by_outlet(inputs.records)
    rows = []
    for outlet in comparison.groups:
        n_terms = sum(1 for r in grouped.get(outlet, []) for t in r.terms
                      if t.voice == "authorial" and t.category in NAMING_CATEGORIES
                      and t.orientation in (first, second))
        row = _interval_row(_cell(comparison, f"naming share {first}", outlet))
        rows.append({"outlet": outlet, "side": first, **row, "n_terms": n_terms})
        # The second side's share is the complement, and so is its interval.
        rows.append({"outlet": outlet, "side": second, **row, "n_terms": n_terms,
                     **{key: None if row[other] is None else 1.0 - row[other]
                        for key, other in (("value", "value"), ("low", "high"),
                                           ("high", "low"))}})
    return rows


def _parse_time(published: str | None, zone: ZoneInfo) -> dt.datetime | None:
    if not published:
        return None
    try:
        moment = dt.datetime.fromisoformat(published)
    except ValueError:
        return None
    return moment.astimezone(zone) if moment.tzinfo else None


def _zone(tz: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise OptionError(f"the `--tz` option must be an IANA time zone; got {tz!r}") from exc


def _bin_start(moment: dt.datetime, unit: str) -> dt.datetime:
    if unit == "hour":
        return moment.replace(minute=0, second=0, microsecond=0)
    return moment.replace(hour=0, minute=0, second=0, microsecond=0)


def _step(start: dt.datetime, unit: str, zone: ZoneInfo) -> dt.datetime:
    """The next bin after ``start``, in wall-clock time of ``zone`` (days stay days over DST)."""
    if unit == "hour":
        utc = start.astimezone(dt.UTC) + dt.timedelta(hours=1)
        return utc.astimezone(zone)
    return (start.replace(tzinfo=None) + dt.timedelta(days=1)).replace(tzinfo=zone)


def resolve_bin(records: Iterable[EntryScore], unit: str = "auto", *, tz: str = "UTC") -> str:
    """``hour`` or ``day``: ``auto`` counts per hour when the dated entries span ≤ 72 hours."""
    if unit not in TIME_BINS:
        raise OptionError(f"the `--bin` option must be one of {', '.join(TIME_BINS)}; "
                          f"got {unit!r}")
    if unit != "auto":
        return unit
    zone = _zone(tz)
    moments = [m for r in records if (m := _parse_time(r.published, zone)) is not None]
    if moments and max(moments) - min(moments) > AUTO_HOURLY_SPAN:
        return "day"
    return "hour"


def _timeline_rows(inputs: _Inputs, unit: str, tz: str) -> list[dict[str, Any]]:
    zone = _zone(tz)
    unit = resolve_bin(inputs.records, unit, tz=tz)
    counts: dict[tuple[str, dt.datetime], list[int]] = {}
    outlets: set[str] = set()
    for record in inputs.records:
        moment = _parse_time(record.published, zone)
        if record.kind != "entry" or moment is None:
            continue  # undated entries cannot be placed on a time line
        outlets.add(record.outlet)
        cell = counts.setdefault((record.outlet, _bin_start(moment, unit)), [0, 0])
        cell[0] += len(record.terms)
        cell[1] += 1
    if not counts:
        return []
    starts = [start for _, start in counts]
    # Every bin between the first and the last, so an hour without terms shows as 0, not a gap.
    bins, current, last = [], min(starts), max(starts)
    while current <= last:
        bins.append(current)
        current = _step(current, unit, zone)
    return [{"outlet": outlet, "bin": start.isoformat(), "unit": unit,
             "n_terms": counts.get((outlet, start), [0, 0])[0],
             "n_entries": counts.get((outlet, start), [0, 0])[1]}
            for outlet in sorted(outlets) for start in bins]


def _need(comparison: Comparison | None) -> Comparison:
    if comparison is None:  # pragma: no cover - _prepare always supplies one
        raise OptionError("this figure needs a comparison")
    return comparison


def _rows(kind: str, inputs: _Inputs, metrics: Sequence[str] | None, unit: str,
          tz: str) -> list[dict[str, Any]]:
    if kind == "profile":
        return _profile_rows(inputs, metrics)
    if kind == "voice":
        return _voice_rows(inputs)
    if kind == "stance":
        return _stance_rows(inputs)
    if kind == "naming":
        return _naming_rows(inputs)
    return _timeline_rows(inputs, unit, tz)


def plot_data(
    kind: str,
    records: Iterable[EntryScore],
    *,
    comparison: Comparison | None = None,
    sides: Sequence[str] = (),
    metrics: Sequence[str] | None = None,
    bin: str = "auto",
    tz: str = "UTC",
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = DEFAULT_SEED,
) -> list[dict[str, Any]]:
    """The numbers a figure plots, one dict per bar, segment or point.

    Args:
        kind: one of :data:`PLOT_KINDS`.
        records: score records (from :func:`framing.score`).
        comparison: an outlet comparison of the same records; computed when None (estimates
            and intervals only; see :func:`plot_comparison`).
        sides: the sides to show (default: the comparison's, else the two most present).
        metrics: ``profile`` only: the metrics to show (default: every metric with an
            estimate).
        bin: ``timeline`` only: ``hour``, ``day`` or ``auto`` (hour when the entries span at
            most 72 hours).
        tz: ``timeline`` only: the time zone the hours and days are counted in.
        n_boot, seed: bootstrap settings when the comparison is computed here.

    Returns:
        Rows with ``outlet`` and ``value``/``low``/``high`` (shares as fractions 0–1, rates
        as in the comparison) plus counts; ``timeline`` rows hold ``bin``, ``unit``,
        ``n_terms`` and ``n_entries``. Empty when the kind has nothing to show.

    Raises:
        OptionError: for an unknown kind, metric, bin or time zone.
    """
    inputs = _prepare(kind, records, comparison, sides, n_boot, seed)
    return _rows(kind, inputs, metrics, bin, tz)


# --- drawing --------------------------------------------------------------------------------

_METRIC_LABELS: dict[str, tuple[str, str]] = {
    "terms/1k own words": ("Loaded terms, own voice", "per 1,000 own words"),
    "terms/1k attributed words": ("Loaded terms, attributed voice", "per 1,000 attributed words"),
    "anonymous share": ("Anonymous sources", "share of attributions"),
    "hedges/1k words": ("Hedges", "per 1,000 words"),
    "boosters/1k words": ("Boosters", "per 1,000 words"),
    "scare quotes/100 entries": ("Scare quotes", "per 100 entries"),
    "reading ease": ("Reading ease", "Flesch reading ease (0–100)"),
    "tone": ("Tone", "VADER compound (−1 to 1)"),
}
_SIDE_METRICS = (
    (re.compile(r"terms:(.+)/1k own words"), "{} terms, own voice",
     "per 1,000 own words"),
    (re.compile(r"naming share (.+)"), "Naming share, {}", "share of naming terms"),
    (re.compile(r"voice share (.+)"), "Share of voice, {}", "share of attributions"),
    (re.compile(r"distancing share (.+)"), "Distancing verbs, {}", "share of {} attributions"),
)


def metric_label(metric: str) -> tuple[str, str]:
    """Panel title and axis label (with unit) of a comparison metric."""
    if metric in _METRIC_LABELS:
        return _METRIC_LABELS[metric]
    for pattern, title, unit in _SIDE_METRICS:
        match = pattern.fullmatch(metric)
        if match:
            side = match.group(1)
            return title.format(side[:1].upper() + side[1:]), unit.format(side)
    return metric, "value"


def is_share(metric: str) -> bool:
    """True for metrics that are proportions (plotted on a 0–100% axis)."""
    return "share" in metric


def _wrap(label: str, width: int = 14) -> str:
    return "\n".join(textwrap.wrap(label, width)) or label


def _number(value: float | None) -> float:
    return math.nan if value is None else float(value)


def _errors(rows: Sequence[dict[str, Any]]) -> list[list[float]]:
    """Asymmetric error bar lengths (below, above); NaN where there is no interval."""
    below, above = [], []
    for row in rows:
        if row["value"] is None or row["low"] is None or row["high"] is None:
            below.append(math.nan)
            above.append(math.nan)
        else:
            below.append(max(0.0, row["value"] - row["low"]))
            above.append(max(0.0, row["high"] - row["value"]))
    return [below, above]


def _percent_axis(axis: Any) -> None:
    from matplotlib.ticker import PercentFormatter

    axis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))


def _new_figure(width: float, height: float) -> Figure:
    from matplotlib.figure import Figure

    return Figure(figsize=(width, height), layout="constrained")


def _legend_handles(labels: Sequence[str], colours: Sequence[str],
                    hatches: Sequence[str]) -> list[Any]:
    from matplotlib.patches import Patch

    return [Patch(facecolor=c, edgecolor="black", linewidth=0.5, hatch=h, label=label)
            for label, c, h in zip(labels, colours, hatches, strict=True)]


def _group_style(index: int) -> tuple[str, str]:
    return OKABE_ITO[index % len(OKABE_ITO)], HATCHES[index % len(HATCHES)]


def _draw_profile(figure: Figure, rows: list[dict[str, Any]]) -> None:
    metrics = list(dict.fromkeys(r["metric"] for r in rows))
    outlets = list(dict.fromkeys(r["outlet"] for r in rows))
    n_cols = min(3, len(metrics))
    n_rows = math.ceil(len(metrics) / n_cols)
    axes = figure.subplots(n_rows, n_cols, squeeze=False)
    styles = [_group_style(i) for i in range(len(outlets))]
    for index, metric in enumerate(metrics):
        ax = axes[index // n_cols][index % n_cols]
        cells = [r for r in rows if r["metric"] == metric]
        title, unit = metric_label(metric)
        ax.bar(range(len(cells)), [_number(r["value"]) for r in cells],
               color=[s[0] for s in styles], hatch=[s[1] for s in styles],
               edgecolor="black", linewidth=0.5, width=0.75, label=metric,
               yerr=_errors(cells), error_kw={"elinewidth": 0.8, "ecolor": "black"})
        for position, row in enumerate(cells):
            if row["value"] is None:  # no estimate, not a zero
                ax.annotate("n/a", (position, 0.0), xytext=(0, 2), textcoords="offset points",
                            ha="center", va="bottom", fontsize=6.0)
        ax.set_title(title, loc="left")
        ax.set_ylabel(unit)
        ax.set_xticks([])
        _pad_slots(ax, len(cells))
        if is_share(metric):
            _percent_axis(ax.yaxis)
            ax.set_ylim(0.0, 1.0)
        elif metric == "tone":
            ax.axhline(0.0, color="black", linewidth=0.6)
            low, high = ax.get_ylim()
            ax.set_ylim(min(low, -0.1), max(high, 0.1))  # both signs visible
        elif all(not r["value"] and not r["high"] for r in cells):
            ax.set_ylim(0.0, 1.0)  # all zero: a 0–1 axis, not matplotlib's ±0.05
        else:
            ax.set_ylim(bottom=0.0)
    for index in range(len(metrics), n_rows * n_cols):
        axes[index // n_cols][index % n_cols].set_visible(False)
    figure.legend(handles=_legend_handles(outlets, [s[0] for s in styles],
                                          [s[1] for s in styles]),
                  loc="outside lower center", ncols=min(len(outlets), 4), title="outlet")


def _draw_grouped(ax: Axes, rows: list[dict[str, Any]], groups: Sequence[str],
                  key: str) -> None:
    """Bars per outlet, one per group (side), side by side, with intervals."""
    outlets = list(dict.fromkeys(r["outlet"] for r in rows))
    width = 0.8 / max(1, len(groups))
    for index, group in enumerate(groups):
        cells = [next(r for r in rows if r["outlet"] == o and r[key] == group) for o in outlets]
        colour, hatch = _group_style(index)
        offsets = [i - 0.4 + width * (index + 0.5) for i in range(len(outlets))]
        ax.bar(offsets, [_number(r["value"]) for r in cells], width=width * 0.92,
               color=colour, hatch=hatch, edgecolor="black", linewidth=0.5, label=group,
               yerr=_errors(cells), error_kw={"elinewidth": 0.8, "ecolor": "black"})
        # How many attributions each share rests on, above the interval (also marks a 0 bar).
        for offset, row in zip(offsets, cells, strict=True):
            top = max(v for v in (row["value"], row["high"], 0.0) if v is not None)
            ax.annotate(f"{row['n_attributions']}", (offset, top), xytext=(0, 2),
                        textcoords="offset points", ha="center", va="bottom", fontsize=6.0)
    ax.set_xticks(range(len(outlets)), [_wrap(o) for o in outlets])
    _pad_slots(ax, len(outlets))


def _pad_slots(ax: Axes, n_slots: int, minimum: int = 3) -> None:
    """Keep bars bar-shaped when there are only one or two outlets."""
    if n_slots < minimum:
        pad = (minimum - n_slots) / 2
        ax.set_xlim(-0.5 - pad, n_slots - 0.5 + pad)


def _draw_stance(figure: Figure, rows: list[dict[str, Any]], sides: Sequence[str]) -> None:
    ax = figure.subplots()
    _draw_grouped(ax, rows, sides, "side")
    _percent_axis(ax.yaxis)
    ax.set_ylim(0.0, 1.08)
    ax.set_yticks([0.0, 0.2, 0.4, 0.6, 0.8, 1.0])
    ax.set_ylabel("attributions with a distancing verb\n(share of the side's attributions)")
    ax.set_xlabel("outlet (above each bar: the side's attributions)")
    ax.legend(title="speaker side", loc="upper left", bbox_to_anchor=(1.0, 1.0))


def _draw_voice(figure: Figure, rows: list[dict[str, Any]], sides: Sequence[str]) -> None:
    ax = figure.subplots()
    outlets = list(dict.fromkeys(r["outlet"] for r in rows))
    segments = list(dict.fromkeys(r["source"] for r in rows))
    bottoms = [0.0] * len(outlets)
    for segment in segments:
        cells = [next(r for r in rows if r["outlet"] == o and r["source"] == segment)
                 for o in outlets]
        if segment in sides:
            colour, hatch = _group_style(list(sides).index(segment))
        else:
            colour, hatch = _REST_STYLE[segment]
        heights = [r["value"] or 0.0 for r in cells]
        ax.bar(range(len(outlets)), heights, bottom=bottoms, width=0.65, color=colour,
               hatch=hatch, edgecolor="black", linewidth=0.5, label=segment)
        bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
    totals = {r["outlet"]: r["n_total"] for r in rows}
    for index, outlet in enumerate(outlets):
        ax.annotate(f"n={totals[outlet]}", (index, max(bottoms[index], 0.0)),
                    xytext=(0, 2), textcoords="offset points", ha="center", va="bottom",
                    fontsize=6.5)
    ax.set_xticks(range(len(outlets)), [_wrap(o) for o in outlets])
    _pad_slots(ax, len(outlets))
    _percent_axis(ax.yaxis)
    ax.set_ylim(0.0, 1.08)
    ax.set_yticks([0.0, 0.25, 0.5, 0.75, 1.0])
    ax.set_ylabel("share of attributions")
    ax.set_xlabel("outlet (n = attributions)")
    handles, labels = ax.get_legend_handles_labels()
    # Reverse so the legend reads top to bottom like the stack.
    ax.legend(handles[::-1], labels[::-1], title="speaker side", loc="upper left",
              bbox_to_anchor=(1.0, 1.0))


def _draw_naming(figure: Figure, rows: list[dict[str, Any]], sides: Sequence[str]) -> None:
    ax = figure.subplots()
    first, second = sides[0], sides[1]
    outlets = list(dict.fromkeys(r["outlet"] for r in rows))
    firsts = [next(r for r in rows if r["outlet"] == o and r["side"] == first) for o in outlets]
    shares = [_number(r["value"]) for r in firsts]
    positions = list(range(len(outlets)))[::-1]  # first outlet on top
    for index, (side, lefts, widths) in enumerate((
            (first, [0.0] * len(shares), shares),
            (second, shares, [1.0 - s for s in shares]))):
        colour, hatch = _group_style(index)
        ax.barh(positions, widths, left=lefts, height=0.6, color=colour, hatch=hatch,
                edgecolor="black", linewidth=0.5, label=f"{side} names")
    ax.errorbar(shares, positions, xerr=_errors(firsts), fmt="none", ecolor="black",
                elinewidth=0.9, capsize=3.0, label="95% interval")
    for position, row in zip(positions, firsts, strict=True):
        note = f"n={row['n_terms']}" if row["value"] is not None else "no naming terms"
        ax.annotate(note, (1.0, position), xytext=(4, 0), textcoords="offset points",
                    va="center", fontsize=6.5, annotation_clip=False)
    ax.axvline(0.5, color="black", linewidth=0.5, linestyle=":")
    ax.set_yticks(positions, [_wrap(o, 18) for o in outlets])
    ax.set_xlim(0.0, 1.0)
    _percent_axis(ax.xaxis)
    ax.set_xlabel(f"share of own-voice naming terms carrying each side's framing\n"
                  f"(n = naming terms of {first} or {second} framing)")
    ax.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncols=3)


def _draw_timeline(figure: Figure, rows: list[dict[str, Any]], tz: str) -> None:
    import matplotlib.dates

    dates: Any = matplotlib.dates  # untyped module
    ax = figure.subplots()
    outlets = list(dict.fromkeys(r["outlet"] for r in rows))
    unit = rows[0]["unit"]
    zone = _zone(tz)
    for index, outlet in enumerate(outlets):
        points = [r for r in rows if r["outlet"] == outlet]
        # Markers only where the outlet published: a 0 between them is "no coverage".
        ax.plot([dates.date2num(dt.datetime.fromisoformat(r["bin"])) for r in points],
                [r["n_terms"] for r in points], color=OKABE_ITO[index % len(OKABE_ITO)],
                marker=MARKERS[index % len(MARKERS)],
                markevery=[r["n_entries"] > 0 for r in points],
                linestyle=LINESTYLES[index % len(LINESTYLES)], label=outlet,
                markerfacecolor="white" if index % 2 else None)
    locator = dates.AutoDateLocator(tz=zone, minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(dates.ConciseDateFormatter(locator, tz=zone))
    ax.set_ylim(bottom=0.0)
    ax.set_ylabel(f"loaded terms per {unit}")
    ax.set_xlabel(f"{'hour' if unit == 'hour' else 'day'} of publication ({tz})")
    ax.legend(title="outlet", loc="upper left", bbox_to_anchor=(1.0, 1.0))


_DEFAULT_SIZES = {"voice": (6.0, 3.2), "stance": (6.0, 3.2), "naming": (6.0, 0.9),
                  "timeline": (7.0, 3.0)}


def _size(kind: str, rows: list[dict[str, Any]], width: float | None,
          height: float | None) -> tuple[float, float]:
    if kind == "profile":
        n_metrics = len({r["metric"] for r in rows})
        n_outlets = len({r["outlet"] for r in rows})
        default = (7.0, 1.75 * math.ceil(n_metrics / 3) + 0.25 * math.ceil(n_outlets / 4)
                   + 0.35)
    elif kind == "naming":
        n_outlets = len({r["outlet"] for r in rows})
        default = (6.0, 1.1 + 0.4 * n_outlets)
    else:
        default = _DEFAULT_SIZES[kind]
    check_size(width, height)
    return width or default[0], height or default[1]


def check_size(width: float | None = None, height: float | None = None,
               dpi: float | None = None) -> None:
    """Raise :class:`OptionError` for a size outside 0.5–50 inches or a dpi outside 50–2400."""
    for name, value in (("width", width), ("height", height)):
        if value is not None and not 0.5 <= value <= 50:
            raise OptionError(f"the `--{name}` option must be between 0.5 and 50 inches; "
                              f"got {value:g}")
    if dpi is not None and not 50 <= dpi <= 2400:
        raise OptionError(f"the `--dpi` option must be between 50 and 2400; got {dpi:g}")


def _draw(kind: str, rows: list[dict[str, Any]], sides: Sequence[str], tz: str,
          title: str | None, width: float | None, height: float | None) -> Figure:
    if not rows:
        raise OptionError(_nothing_to_plot(kind, sides))
    figure = _new_figure(*_size(kind, rows, width, height))
    if kind == "profile":
        _draw_profile(figure, rows)
    elif kind == "voice":
        _draw_voice(figure, rows, sides)
    elif kind == "stance":
        _draw_stance(figure, rows, sides)
    elif kind == "naming":
        _draw_naming(figure, rows, sides)
    else:
        _draw_timeline(figure, rows, tz)
    if title:
        figure.suptitle(title, fontsize=9.0, fontweight="bold")
    return figure


def _nothing_to_plot(kind: str, sides: Sequence[str]) -> str:
    if kind == "naming":
        return ("the naming figure needs two sides (--side A --side B) and entries with "
                "their naming terms; " + (f"got sides {', '.join(sides)}" if sides else
                                          "no sides found"))
    if kind == "timeline":
        return "the timeline needs dated entries (give --date for a live feed)"
    if kind == "stance" and not sides:
        return "the stance figure needs sides (--side); none found in the lexicons' actors"
    return f"nothing to plot for {kind!r}: no entries"


def plot_figure(
    kind: str,
    records: Iterable[EntryScore],
    *,
    comparison: Comparison | None = None,
    sides: Sequence[str] = (),
    metrics: Sequence[str] | None = None,
    bin: str = "auto",
    tz: str = "UTC",
    n_boot: int = DEFAULT_N_BOOT,
    seed: int = DEFAULT_SEED,
    title: str | None = None,
    width: float | None = None,
    height: float | None = None,
) -> Figure:
    """Draw one figure of the records (see the module docstring for the kinds).

    Args:
        kind, records, comparison, sides, metrics, bin, tz, n_boot, seed: as
            :func:`plot_data`, whose rows are exactly what is drawn.
        title: a title over the figure (journals usually want none: use the caption).
        width, height: size in inches (default: fits the kind and the number of panels).

    Returns:
        A :class:`matplotlib.figure.Figure` (not attached to pyplot); save it with
        :func:`save_figure`.

    Raises:
        OptionError: for an unknown kind, metric, bin or time zone, a size out of range,
            or when there is nothing to plot (e.g. a timeline of undated entries).
    """
    inputs = _prepare(kind, records, comparison, sides, n_boot, seed)
    with _style():
        rows = _rows(kind, inputs, metrics, bin, tz)
        if kind == "stance" and not inputs.sides:
            rows = []
        return _draw(kind, rows, inputs.sides, tz, title, width, height)


def _render(figure: Figure, handle: Any, fmt: str, dpi: float, salt: str) -> None:
    with _style(**{"svg.hashsalt": salt}):
        figure.savefig(handle, format=fmt, dpi=dpi, metadata=_METADATA[fmt])


def save_figure(figure: Figure, path: str | Path, *, dpi: float = 300.0) -> Path:
    """Write a figure to ``path``, atomically; the format comes from the suffix.

    Args:
        figure: from :func:`plot_figure`.
        path: ``.png`` (raster, ``dpi`` dots per inch), ``.pdf`` or ``.svg`` (vector).
        dpi: resolution of PNG output.

    Returns:
        The path written.

    Raises:
        OutputError: for another suffix or a missing directory.
        OptionError: for a dpi outside 50–2400.
    """
    from framing.writers import atomic_path

    fmt = check_figure_path(path)
    check_size(dpi=dpi)
    target = Path(path)
    with atomic_path(target) as tmp, tmp.open("wb") as handle:
        _render(figure, handle, fmt, dpi, STYLE["svg.hashsalt"])
    return target


_PROLOG = re.compile(r"\A.*?(?=<svg\b)", re.DOTALL)
_ID = re.compile(r'\bid="([^"]+)"')
_METADATA_ELEMENT = re.compile(r"\s*<metadata>.*?</metadata>", re.DOTALL)
# What each figure shows, for screen readers (aria-label of the inline SVG).
FIGURE_LABELS = {
    "profile": "Every comparison metric per outlet with 95% bootstrap intervals",
    "voice": "Share of voice: attributions by speaker side, stacked per outlet",
    "stance": "Share of each side's attributions with a distancing verb, per outlet",
    "naming": "Contested names: share of each side's naming terms per outlet",
    "timeline": "Loaded terms over time per outlet",
}


def svg_markup(figure: Figure, *, prefix: str = "framing", label: str | None = None) -> str:
    """The figure as an ``<svg>`` element for inlining in HTML.

    The XML prolog, DOCTYPE and RDF metadata are removed; every id (and reference to one) is
    prefixed and matplotlib's global ``*{…}`` style is scoped to this figure, so several
    figures inlined in one page never share an id or restyle each other. The root element gets
    ``id=prefix``, ``class="framing-figure"`` and, with ``label``, ``role="img"`` and
    ``aria-label`` for screen readers.
    """
    from html import escape

    handle = io.BytesIO()
    _render(figure, handle, "svg", 72.0, prefix)
    markup = _PROLOG.sub("", handle.getvalue().decode("utf-8"), count=1)
    markup = _METADATA_ELEMENT.sub("", markup, count=1)
    ids = set(_ID.findall(markup))

    def rename(match: re.Match[str]) -> str:
        name = match.group(2)
        return f"{match.group(1)}{prefix}-{name}" if name in ids else match.group(0)

    markup = re.sub(r'(\bid=")([^"]+)', rename, markup)
    markup = re.sub(r"(url\(#)([^)]+)", rename, markup)
    markup = re.sub(r'(xlink:href="#)([^"]+)', rename, markup)
    markup = markup.replace('<style type="text/css">*{',
                            f'<style type="text/css">#{prefix} *{{', 1)
    extra = f' id="{escape(prefix)}" class="framing-figure"'
    if label:
        extra += f' role="img" aria-label="{escape(label)}"'
    return markup.replace("<svg ", f"<svg{extra} ", 1).strip()


def figure_svgs(records: Iterable[EntryScore], comparison: Comparison,
                sides: Sequence[str], *, tz: str = "UTC") -> dict[str, str]:
    """Every kind of figure that has data, as inline SVG markup, for the HTML report.

    Args:
        records: the score records the comparison was made from.
        comparison: their comparison grouped by outlet.
        sides: the sides to show.
        tz: the time zone the timeline counts hours and days in.

    Returns:
        kind → ``<svg …>…</svg>`` (no XML prolog; ids prefixed with ``framing-<kind>``), in
        :data:`PLOT_KINDS` order, leaving out kinds with nothing to show.

    Raises:
        OptionError: when the comparison is not grouped by outlet.
    """
    kept = tuple(records)
    svgs: dict[str, str] = {}
    for kind in PLOT_KINDS:
        inputs = _prepare(kind, kept, comparison, sides, comparison.n_boot, comparison.seed)
        with _style():
            rows = _rows(kind, inputs, None, "auto", tz)
            if not _has_values(kind, rows, inputs.sides):
                continue
            figure = _draw(kind, rows, inputs.sides, tz, None, None, None)
        svgs[kind] = svg_markup(figure, prefix=f"framing-{kind}", label=FIGURE_LABELS[kind])
    return svgs


def _has_values(kind: str, rows: list[dict[str, Any]], sides: Sequence[str]) -> bool:
    if kind == "stance" and not sides:
        return False
    if kind == "timeline":
        return bool(rows)
    if kind == "voice":
        return any(r["n_total"] for r in rows)
    return any(r["value"] is not None for r in rows)


def save_data(rows: Sequence[dict[str, Any]], path: str | Path) -> Path:
    """Write the rows of :func:`plot_data` to a CSV file, atomically.

    Raises:
        OutputError: unless the file ends in ``.csv``, or when its directory is missing.
    """
    from framing.writers import atomic_path

    target = Path(path)
    check_data_path(target)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    with atomic_path(target) as tmp, tmp.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return target
