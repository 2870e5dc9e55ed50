"""The bundled lexicons and how a run's lexicons are chosen from names and paths."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from framing.errors import LexiconError
from framing.lexicon.load import LEXICON_SUFFIXES, load_lexicon
from framing.lexicon.model import Lexicon
from framing.resources import lexicon_dir

_CACHE: dict[Path, tuple[int, Lexicon]] = {}


@dataclass(frozen=True)
class LexiconInfo:
    """A summary of one lexicon, as listed by ``framing lexicon list``.

    Attributes:
        name: the lexicon's name.
        version: its version.
        language: language code of its terms.
        description: what it is for.
        n_entries: number of entries.
        n_actors: number of actors.
        categories: category ids in file order.
        path: the file it is read from.
        bundled: whether it ships with the package.
    """

    name: str
    version: str
    language: str
    description: str
    n_entries: int
    n_actors: int
    categories: tuple[str, ...]
    path: Path | None
    bundled: bool

    @classmethod
    def of(cls, lexicon: Lexicon, *, bundled: bool = False) -> LexiconInfo:
        """Summarise a lexicon.

        Args:
            lexicon: the lexicon.
            bundled: whether it ships with the package.

        Returns:
            Its summary.
        """
        return cls(lexicon.name, lexicon.version, lexicon.language, lexicon.description,
                   lexicon.n_entries, lexicon.n_actors, tuple(lexicon.categories),
                   lexicon.path, bundled)


def bundled_paths() -> dict[str, Path]:
    """Return the bundled lexicon files by name (file stem), sorted by name.

    Returns:
        ``{name: path}`` for every ``*.yaml`` file in the bundled lexicon directory.
    """
    directory = lexicon_dir()
    return {path.stem: path for path in sorted(directory.glob("*.yaml"))}


def load_bundled(name: str) -> Lexicon:
    """Load one bundled lexicon by name (validated once, then cached).

    Args:
        name: the lexicon's name, e.g. ``hedges`` or ``nagorno-karabakh``.

    Returns:
        The lexicon.

    Raises:
        LexiconError: if there is no bundled lexicon of that name or it is invalid.
    """
    paths = bundled_paths()
    if name not in paths:
        known = ", ".join(paths) or "none installed"
        raise LexiconError(f"no bundled lexicon named {name!r} (bundled: {known})")
    path = paths[name]
    stamp = path.stat().st_mtime_ns
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    lexicon = load_lexicon(path, strict=True)
    _CACHE[path] = (stamp, lexicon)
    return lexicon


def list_bundled() -> list[LexiconInfo]:
    """Return a summary of every bundled lexicon, sorted by name.

    Returns:
        One :class:`LexiconInfo` per bundled lexicon.

    Raises:
        LexiconError: if a bundled lexicon is invalid (a broken installation).
    """
    return [LexiconInfo.of(load_bundled(name), bundled=True) for name in bundled_paths()]


def _looks_like_path(spec: str) -> bool:
    return "/" in spec or "\\" in spec or Path(spec).suffix.lower() in LEXICON_SUFFIXES


def load_spec(spec: str) -> tuple[Lexicon, bool]:
    """Load one lexicon given as a bundled name or a path.

    An existing file wins over a bundled name; a spec that looks like a path (has a directory
    part or a lexicon suffix) is never taken as a name.

    Args:
        spec: a bundled lexicon name or a lexicon file.

    Returns:
        The lexicon and whether it is a bundled one.

    Raises:
        LexiconError: if the spec is neither, or the lexicon is invalid.
    """
    path = Path(spec)
    if path.is_file():
        return load_lexicon(path), False
    if _looks_like_path(spec):
        raise LexiconError(f"{spec}: no such lexicon file")
    if spec in bundled_paths():
        return load_bundled(spec), True
    known = ", ".join(bundled_paths()) or "none installed"
    raise LexiconError(f"unknown lexicon {spec!r}: neither a bundled lexicon ({known}) nor an "
                       "existing file")


def resolve_lexicons(specs: list[str], *, include_default: bool = True) -> list[Lexicon]:
    """Return the lexicons of a run: the bundled ones plus, or replaced by, the user's.

    A user lexicon with the name of a bundled one replaces it in place (so a scholar can run
    with an edited ``hedges``); other user lexicons are added after the defaults, in order.

    Args:
        specs: bundled names or paths (``--lexicon``, repeatable).
        include_default: start from every bundled lexicon (``--no-default-lexicons`` turns this
            off).

    Returns:
        The lexicons, each name once.

    Raises:
        LexiconError: if a spec cannot be resolved, a lexicon is invalid, two different user
            lexicons share a name, or the result is empty.
    """
    chosen: dict[str, Lexicon] = {}
    if include_default:
        for name in bundled_paths():
            chosen[name] = load_bundled(name)
    user: dict[str, str] = {}
    for spec in specs:
        lexicon, _ = load_spec(spec)
        if lexicon.name in user and chosen[lexicon.name] != lexicon:
            raise LexiconError(f"two lexicons named '{lexicon.name}' were given "
                               f"({user[lexicon.name]} and {spec}); rename one (its 'name' key)")
        user[lexicon.name] = spec
        chosen[lexicon.name] = lexicon
    if not chosen:
        raise LexiconError("no lexicons: give --lexicon NAME|PATH or drop "
                           "--no-default-lexicons")
    return list(chosen.values())
