"""The lexicon data model: frozen records built by the loader after validation.

Objects are compared by content: the file path and line numbers are provenance, not content, so
the same lexicon written as YAML and as TSV loads to equal objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

ACTOR_KINDS: tuple[str, ...] = (
    "government",
    "military",
    "ministry",
    "person",
    "media",
    "international",
    "ombudsman",
    "prosecutor",
    "organisation",
)
"""The allowed values of :attr:`Actor.kind`."""


@dataclass(frozen=True)
class LexiconSource:
    """A work a lexicon's terms come from, cited by entries through its ``id``.

    Attributes:
        id: short identifier used in entries' ``source`` lists (``hyland2005``).
        citation: full reference as it would appear in a bibliography.
        url: where the work can be found, if anywhere.
    """

    id: str
    citation: str
    url: str | None = None


@dataclass(frozen=True)
class LexiconEntry:
    """One term of a lexicon with all its surface forms.

    Attributes:
        category: id of the category the term belongs to (for ``reporting-verbs`` it is the
            stance: neutral, distancing, endorsing or accusatory).
        term: the literal term, or None when the entry is a wildcard ``pattern``.
        pattern: a LIWC-style wildcard pattern (``occup*``, ``*-occupied``), or None.
        variants: other surface forms counted as this entry (may hold wildcards too).
        orientation: id of the side whose framing the term carries, if any.
        case_sensitive: match the case exactly (default: case-insensitive).
        exclude: phrases containing the term in which it does not count.
        source: ids of the lexicon's sources the term comes from.
        note: free-text remark for readers of the lexicon.
        line: line of the entry in its file (provenance; not compared).
    """

    category: str
    term: str | None = None
    pattern: str | None = None
    variants: tuple[str, ...] = ()
    orientation: str | None = None
    case_sensitive: bool = False
    exclude: tuple[str, ...] = ()
    source: tuple[str, ...] = ()
    note: str | None = None
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def label(self) -> str:
        """The term, or the pattern of a wildcard entry: how the entry is named in messages."""
        return self.term if self.term is not None else (self.pattern or "")

    @property
    def forms(self) -> tuple[str, ...]:
        """Every surface form of the entry: the term or pattern first, then the variants."""
        return (self.label, *self.variants)


@dataclass(frozen=True)
class Actor:
    """A named participant (ministry, spokesperson, outlet…) and the side it belongs to.

    Attributes:
        name: canonical name (``Azerbaijani Defence Ministry``).
        kind: one of :data:`ACTOR_KINDS`.
        aliases: other names that refer to the actor (``Azerbaijan's MoD``, ``Baku``).
        side: id of one of the lexicon's sides, or None for actors without a side.
        note: free-text remark.
        line: line of the actor in its file (provenance; not compared).
    """

    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    side: str | None = None
    note: str | None = None
    line: int | None = field(default=None, compare=False, repr=False)

    @property
    def names(self) -> tuple[str, ...]:
        """The name followed by the aliases."""
        return (self.name, *self.aliases)


@dataclass(frozen=True)
class Lexicon:
    """A validated, self-describing lexicon: header, categories, sides, entries and actors.

    Build one with :func:`framing.lexicon.load_lexicon` (or ``load_bundled``); the loader
    validates the file and names file, line and entry of every problem.

    Attributes:
        name: the lexicon's name (for bundled lexicons, the file stem).
        version: version string; together with the name it forms :attr:`id`.
        language: ISO 639-1 code of the language of the terms.
        description: what the lexicon is for and how it was compiled.
        licence: licence of the list itself (SPDX id where there is one).
        citation: how to cite the lexicon.
        sources: the works the terms come from.
        categories: category id → description, in file order.
        sides: side id → description (empty when the lexicon has no sides).
        entries: the entries, in file order.
        actors: actors with names, aliases and sides.
        path: the file the lexicon was read from (provenance; not compared).

    Example:
        >>> from framing.lexicon import LexiconEntry, Lexicon
        >>> lexicon = Lexicon(
        ...     name="tiny", version="1.0",
        ...     categories={"modal": "Epistemic modals"},
        ...     entries=(LexiconEntry(category="modal", term="may", variants=("might",)),),
        ... )
        >>> lexicon.id, len(lexicon), lexicon.n_terms
        ('tiny.v1.0', 1, 2)
    """

    name: str
    version: str
    language: str = "en"
    description: str = ""
    licence: str | None = None
    citation: str | None = None
    sources: tuple[LexiconSource, ...] = ()
    categories: dict[str, str] = field(default_factory=dict, hash=False)
    sides: dict[str, str] = field(default_factory=dict, hash=False)
    entries: tuple[LexiconEntry, ...] = ()
    actors: tuple[Actor, ...] = ()
    path: Path | None = field(default=None, compare=False, repr=False)

    @property
    def id(self) -> str:
        """Name and version (``hedges.v1.0``): a changed list never silently changes results."""
        return f"{self.name}.v{self.version}"

    @property
    def n_entries(self) -> int:
        """Number of entries."""
        return len(self.entries)

    @property
    def n_terms(self) -> int:
        """Number of surface forms (terms, patterns and variants)."""
        return sum(len(entry.forms) for entry in self.entries)

    @property
    def n_actors(self) -> int:
        """Number of actors."""
        return len(self.actors)

    def entries_in(self, category: str) -> tuple[LexiconEntry, ...]:
        """Return the entries of one category.

        Args:
            category: a category id.

        Returns:
            The entries of that category in file order (empty for an unknown id).
        """
        return tuple(entry for entry in self.entries if entry.category == category)

    def __len__(self) -> int:
        return len(self.entries)

    def __iter__(self) -> Iterator[LexiconEntry]:
        return iter(self.entries)

    def __str__(self) -> str:
        return (
            f"Lexicon({self.name} v{self.version}, {self.n_entries} entries, "
            f"{self.n_actors} actors)"
        )
