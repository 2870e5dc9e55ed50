"""The data model: :class:`Entry` (one live-feed update or article) and :class:`Corpus`.

Entries are immutable; analyses return new records and never write scores back into entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal, overload

from framing.text import count_words

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd

EntryKind = Literal["entry", "background"]
ENTRY_KINDS: tuple[EntryKind, ...] = ("entry", "background")


@dataclass(frozen=True)
class SourceRef:
    """Where an entry came from, so every number can be traced back to its input.

    Attributes:
        path: the input file (``"-"`` for standard input).
        line: 1-based line where the entry starts (text formats, JSONL, CSV), or None.
        record: 1-based record number (row of a table, line of JSONL, entry of a feed), or None.
    """

    path: str
    line: int | None = None
    record: int | None = None

    def __str__(self) -> str:
        if self.line is not None:
            return f"{self.path}:{self.line}"
        if self.record is not None:
            return f"{self.path}#{self.record}"
        return self.path

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {"path": self.path, "line": self.line, "record": self.record}


@dataclass(frozen=True)
class Entry:
    """One unit of coverage: a live-feed update, an article, or a feed's background text.

    Attributes:
        id: identifier unique within a corpus (from the input, else ``<file stem>:<n>``).
        outlet: the outlet that published it (``--outlet``, the text, the site name, or file stem).
        published: timezone-aware publication time, or None when unknown.
        time: the clock time as printed in a live feed (``"HH:MM"``, 24-hour), or None.
        kind: ``"entry"`` for an update or article; ``"background"`` for the explanatory
            paragraphs a live feed opens with.
        title: the headline ("" when there is none).
        text: the full text analysed: the title, a blank line, then the body paragraphs separated
            by blank lines. Character offsets in every analysis refer to this string.
        url: the entry's URL, or None.
        source: where in the input the entry was read (file, line, record).
        meta: any other fields of the input record (JSON-serialisable values).

    Example:
        >>> e = Entry(id="x:1", outlet="Daily Meridian", published=None, time="09:15",
        ...           kind="entry", title="Talks resume", text="Talks resume\\n\\nBoth sides met.",
        ...           url=None, source=SourceRef("feed.txt", 3, 1))
        >>> e.n_words
        5
    """

    id: str
    outlet: str
    published: dt.datetime | None
    time: str | None
    kind: EntryKind
    title: str
    text: str
    url: str | None
    source: SourceRef
    meta: Mapping[str, Any] = field(default_factory=dict, hash=False, compare=True)

    def __post_init__(self) -> None:
        if self.kind not in ENTRY_KINDS:
            raise ValueError(f"the `kind` field must be one of {ENTRY_KINDS}; got {self.kind!r}")
        if self.published is not None and self.published.tzinfo is None:
            raise ValueError(f"entry {self.id}: `published` must be timezone-aware")

    @property
    def n_words(self) -> int:
        """Number of word tokens in :attr:`text` (see :func:`framing.text.count_words`)."""
        return count_words(self.text)

    @property
    def body(self) -> str:
        """The text without the title."""
        if self.title and self.text.startswith(self.title):
            return self.text[len(self.title) :].lstrip("\n")
        return self.text

    def to_dict(self) -> dict[str, Any]:
        """Return the entry as a JSON-ready dict (the normalised record of ``corpus convert``)."""
        return {
            "id": self.id,
            "outlet": self.outlet,
            "published": self.published.isoformat() if self.published else None,
            "time": self.time,
            "kind": self.kind,
            "title": self.title,
            "text": self.text,
            "url": self.url,
            "source": str(self.source),
            "meta": dict(self.meta),
        }


ENTRY_FIELDS: tuple[str, ...] = (
    "id", "outlet", "published", "time", "kind", "title", "text", "url", "source", "meta",
)


@dataclass(frozen=True)
class OutletSummary:
    """Corpus statistics of one outlet (a row of ``framing corpus info``)."""

    outlet: str
    n_entries: int
    n_background: int
    first: dt.datetime | None
    last: dt.datetime | None
    n_undated: int
    n_words: int

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "outlet": self.outlet,
            "n_entries": self.n_entries,
            "n_background": self.n_background,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "n_undated": self.n_undated,
            "n_words": self.n_words,
        }


@dataclass(frozen=True)
class CorpusSummary:
    """Statistics of a whole corpus: totals and one :class:`OutletSummary` per outlet."""

    outlets: tuple[OutletSummary, ...]
    n_entries: int
    n_background: int
    n_words: int
    first: dt.datetime | None
    last: dt.datetime | None

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        return {
            "n_entries": self.n_entries,
            "n_background": self.n_background,
            "n_words": self.n_words,
            "first": self.first.isoformat() if self.first else None,
            "last": self.last.isoformat() if self.last else None,
            "outlets": [o.to_dict() for o in self.outlets],
        }


def _summarise_outlet(outlet: str, entries: Sequence[Entry]) -> OutletSummary:
    dates = [e.published for e in entries if e.published is not None]
    return OutletSummary(
        outlet=outlet,
        n_entries=sum(1 for e in entries if e.kind == "entry"),
        n_background=sum(1 for e in entries if e.kind == "background"),
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        n_undated=sum(1 for e in entries if e.published is None and e.kind == "entry"),
        n_words=sum(e.n_words for e in entries),
    )


class Corpus:
    """An ordered, immutable collection of entries.

    Filtering and grouping return new corpora; entries are never modified.

    Example:
        >>> import framing
        >>> corpus = framing.read_corpus(framing.demo_corpus_path())
        >>> sub = corpus.filter(lambda e: e.kind == "entry")
        >>> len(sub) <= len(corpus)
        True
        >>> sorted(corpus.group_by_outlet())[:1]  # outlet names, alphabetical
        ['Compass Wire']
    """

    def __init__(self, entries: Iterable[Entry] = ()) -> None:
        self._entries: tuple[Entry, ...] = tuple(entries)

    def __len__(self) -> int:
        return len(self._entries)

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries)

    @overload
    def __getitem__(self, index: int) -> Entry: ...

    @overload
    def __getitem__(self, index: slice) -> Corpus: ...

    def __getitem__(self, index: int | slice) -> Entry | Corpus:
        if isinstance(index, slice):
            return Corpus(self._entries[index])
        return self._entries[index]

    def __repr__(self) -> str:
        n_entries, n_outlets = len(self), self.n_outlets
        return (f"Corpus({n_entries} {'entry' if n_entries == 1 else 'entries'}, "
                f"{n_outlets} {'outlet' if n_outlets == 1 else 'outlets'})")

    __str__ = __repr__

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Corpus) and self._entries == other._entries

    __hash__ = None  # type: ignore[assignment]

    @property
    def entries(self) -> tuple[Entry, ...]:
        """The entries, in input order."""
        return self._entries

    @property
    def outlets(self) -> list[str]:
        """Outlet names in order of first appearance."""
        return list(dict.fromkeys(e.outlet for e in self._entries))

    @property
    def n_outlets(self) -> int:
        """Number of distinct outlets."""
        return len(self.outlets)

    @property
    def n_words(self) -> int:
        """Number of word tokens over all entries."""
        return sum(e.n_words for e in self._entries)

    def filter(self, predicate: Callable[[Entry], bool]) -> Corpus:
        """Return a new corpus of the entries for which ``predicate(entry)`` is true."""
        return Corpus(e for e in self._entries if predicate(e))

    def group_by_outlet(self) -> dict[str, Corpus]:
        """Return one corpus per outlet, keyed by outlet name, in order of first appearance."""
        groups: dict[str, list[Entry]] = {}
        for entry in self._entries:
            groups.setdefault(entry.outlet, []).append(entry)
        return {outlet: Corpus(entries) for outlet, entries in groups.items()}

    def summary(self) -> CorpusSummary:
        """Return entry counts, date range and word counts, overall and per outlet."""
        outlets = tuple(
            _summarise_outlet(outlet, group.entries)
            for outlet, group in sorted(self.group_by_outlet().items())
        )
        dates = [e.published for e in self._entries if e.published is not None]
        return CorpusSummary(
            outlets=outlets,
            n_entries=sum(o.n_entries for o in outlets),
            n_background=sum(o.n_background for o in outlets),
            n_words=sum(o.n_words for o in outlets),
            first=min(dates) if dates else None,
            last=max(dates) if dates else None,
        )

    def to_records(self) -> list[dict[str, Any]]:
        """Return the entries as JSON-ready dicts (see :meth:`Entry.to_dict`)."""
        return [e.to_dict() for e in self._entries]

    def to_pandas(self) -> pd.DataFrame:
        """Return a DataFrame with one row per entry and the :class:`Entry` fields as columns.

        ``published`` is a timezone-aware datetime column; ``source`` is ``path:line``.
        Requires pandas (``pip install 'framing[pandas]'``).
        """
        pandas = _import_pandas()
        rows = []
        for e in self._entries:
            row = e.to_dict()
            row["published"] = e.published
            rows.append(row)
        frame: pd.DataFrame = pandas.DataFrame(rows, columns=list(ENTRY_FIELDS))
        return frame

    @classmethod
    def from_pandas(cls, frame: pd.DataFrame, *, name: str = "<dataframe>") -> Corpus:
        """Build a corpus from a DataFrame, with the same column aliases as the table readers.

        Args:
            frame: one row per entry; needs a text column (``text``, ``body``, ``story_text``
                or ``content``); other columns are mapped by alias or kept in ``meta``.
            name: how rows are named in error messages and in ``source``.
        """
        from framing.readers.tabular import entries_from_records

        records = [{str(k): v for k, v in row.items()} for row in frame.to_dict(orient="records")]
        return cls(entries_from_records(records, path=name))


def _import_pandas() -> Any:
    try:
        import pandas
    except ImportError as exc:  # pragma: no cover - depends on the environment
        from framing.errors import MissingDependencyError

        raise MissingDependencyError(
            "pandas is needed for to_pandas()/from_pandas(); install it with "
            "`pip install 'framing[pandas]'`"
        ) from exc
    return pandas
