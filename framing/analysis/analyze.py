"""Entry analysis: one pure function from an :class:`~framing.model.Entry` to an
:class:`~framing.analysis.records.EntryScore`.

Order of work for one entry: lexicon matches and actor mentions (once), voice and attribution
(:mod:`framing.analysis.voice`), then loaded terms and cues placed in the voice they sit in,
sentences, readability and tone.

Roles of lexicons are given by their names: ``hedges`` and ``boosters`` give cues,
``reporting-verbs`` and ``anonymous-sources`` drive attribution, every other lexicon gives
loaded terms. A user lexicon with one of these names (``--lexicon my/hedges.yaml``) takes over
that role.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property

from framing.analysis.readability import compute_readability
from framing.analysis.records import (
    Cue,
    EntryScore,
    TermHit,
    Voice,
    VoiceAnalysis,
    VoiceSpan,
)
from framing.analysis.sentences import split_sentences
from framing.analysis.tone import compute_tone
from framing.analysis.voice import SpeakerContext, analyze_voice
from framing.lexicon import Lexicon, Match, Matcher, resolve_lexicons
from framing.model import Entry
from framing.text import WORD_RE

HEDGES = "hedges"
BOOSTERS = "boosters"
ATTRIBUTION_LEXICONS = frozenset({"reporting-verbs", "anonymous-sources"})
CUE_LEXICONS = {HEDGES: "hedge", BOOSTERS: "booster"}


@dataclass(frozen=True)
class Analyzer:
    """The lexicons of a run compiled once; pass it to :func:`analyze` and :func:`score`.

    Example:
        >>> import framing
        >>> analyzer = Analyzer.from_specs([])      # every bundled lexicon
        >>> "nagorno-karabakh" in analyzer.lexicon_names
        True
    """

    lexicons: tuple[Lexicon, ...]
    matcher: Matcher = field(compare=False)

    @classmethod
    def from_lexicons(cls, lexicons: Iterable[Lexicon]) -> Analyzer:
        """Compile lexicons (objects) into an analyzer."""
        chosen = tuple(lexicons)
        return cls(chosen, Matcher(chosen))

    @classmethod
    def from_specs(cls, specs: Sequence[str], *, include_default: bool = True) -> Analyzer:
        """Resolve bundled names or paths (``--lexicon``) and compile them."""
        return cls.from_lexicons(resolve_lexicons(list(specs), include_default=include_default))

    @cached_property
    def lexicon_names(self) -> tuple[str, ...]:
        """Names of the compiled lexicons, in order."""
        return tuple(lexicon.name for lexicon in self.lexicons)

    @cached_property
    def sides(self) -> tuple[str, ...]:
        """Every side id declared by a term lexicon, in first-seen order."""
        seen: dict[str, None] = {}
        for lexicon in self.lexicons:
            for side in lexicon.sides:
                seen.setdefault(side, None)
        return tuple(seen)

    @cached_property
    def _specificity(self) -> dict[str, int]:
        # Smaller lexicons are more specific: a conflict lexicon's reading of "self-proclaimed"
        # wins over the generic loaded-language list when both match the same words.
        return {lexicon.name: len(lexicon.entries) for lexicon in self.lexicons}

    def term_rank(self, match: Match) -> tuple[int, int, int, int]:
        """Sort key among overlapping term matches: longest, oriented, most specific, first."""
        return (
            -(match.end - match.start),
            0 if match.orientation else 1,
            self._specificity.get(match.lexicon, 0),
            self.lexicon_names.index(match.lexicon),
        )


_DEFAULT: dict[str, Analyzer] = {}


def default_analyzer() -> Analyzer:
    """The analyzer of every bundled lexicon, compiled once per process."""
    if "bundled" not in _DEFAULT:
        _DEFAULT["bundled"] = Analyzer.from_specs([])
    return _DEFAULT["bundled"]


def _as_analyzer(lexicons: Analyzer | Iterable[Lexicon] | None) -> Analyzer:
    if lexicons is None:
        return default_analyzer()
    if isinstance(lexicons, Analyzer):
        return lexicons
    return Analyzer.from_lexicons(lexicons)


class _VoiceIndex:
    """Finds the voice span (if any) that contains an offset range, by binary search."""

    def __init__(self, voices: Sequence[VoiceSpan]) -> None:
        self.voices = sorted(voices, key=lambda v: v.start)
        self.starts = [v.start for v in self.voices]

    def find(self, start: int, end: int) -> VoiceSpan | None:
        index = bisect.bisect_right(self.starts, start) - 1
        if index >= 0:
            voice = self.voices[index]
            # A term counts in a voice when it lies inside it (a term straddling a quotation
            # mark is taken by the voice it starts in).
            if voice.start <= start < voice.end:
                return voice
        return None

    def covers(self, offset: int) -> bool:
        return self.find(offset, offset + 1) is not None


def _resolve_terms(matches: Sequence[Match], analyzer: Analyzer) -> list[Match]:
    """One term per stretch of text: overlapping matches of different lexicons resolved."""
    chosen: list[Match] = []
    for match in sorted(matches, key=lambda m: (analyzer.term_rank(m), m.start)):
        if all(match.end <= kept.start or match.start >= kept.end for kept in chosen):
            chosen.append(match)
    return sorted(chosen, key=lambda m: m.start)


def _with_actor_names(analysis: VoiceAnalysis) -> VoiceAnalysis:
    """Name each voice by the actor its attribution resolved to ("it" → the ministry)."""
    voices = []
    for voice in analysis.voices:
        if voice.attribution is not None and voice.attribution < len(analysis.attributions):
            actor = analysis.attributions[voice.attribution].actor
            if actor:
                voice = replace(voice, speaker=actor)
        voices.append(voice)
    return replace(analysis, voices=tuple(voices))


def _voice_of(index: _VoiceIndex, analysis: VoiceAnalysis, start: int,
              end: int) -> tuple[Voice, str | None, str | None]:
    voice = index.find(start, end)
    if voice is not None:
        return voice.voice, voice.speaker, voice.side
    for scare in analysis.scare_quotes:
        # The term inside a scare quote carries the voice of whoever is distanced from.
        if scare.start <= start and end <= scare.end:
            return "quoted", scare.speaker, scare.side
    return "authorial", None, None


def analyze(
    entry: Entry,
    lexicons: Analyzer | Iterable[Lexicon] | None = None,
    *,
    context: SpeakerContext | None = None,
    readability: bool = True,
    tone: bool = True,
) -> EntryScore:
    """Analyse one entry: voice, attribution, loaded terms, cues, readability and tone.

    Pure apart from ``context``, which carries named speakers from earlier entries of the same
    feed (see :class:`framing.analysis.voice.SpeakerContext`).

    Args:
        entry: the entry.
        lexicons: an :class:`Analyzer` (compiled once, fastest), lexicon objects, or None for
            every bundled lexicon.
        context: speaker memory of the feed the entry belongs to, or None.
        readability: compute readability indices.
        tone: compute VADER tone.

    Returns:
        The entry's :class:`EntryScore`; offsets refer to ``entry.text``.
    """
    analyzer = _as_analyzer(lexicons)
    text = entry.text
    matches = analyzer.matcher.find(text)
    title_end = len(entry.title) if entry.title and text.startswith(entry.title) else None
    voice_analysis = _with_actor_names(analyze_voice(
        text, matcher=analyzer.matcher, title_end=title_end, context=context, matches=matches,
        actors=analyzer.matcher.find_actors(text)))
    index = _VoiceIndex(voice_analysis.voices)
    # A reporting cue used to attribute ("According to the ministry, …") is attribution, not
    # a hedge: the hedges lexicon lists it for unattributed uses.
    attribution_cues = [(a.verb_start, a.verb_end) for a in voice_analysis.attributions
                        if a.verb_start is not None and a.verb_end is not None]

    term_matches: list[Match] = []
    cues: list[Cue] = []
    for match in matches:
        if match.lexicon in ATTRIBUTION_LEXICONS:
            continue
        cue_kind = CUE_LEXICONS.get(match.lexicon)
        if cue_kind is None:
            term_matches.append(match)
            continue
        if any(start < match.end and match.start < end for start, end in attribution_cues):
            continue
        cues.append(Cue(cue=match.entry.label, text=match.text, start=match.start,
                        end=match.end, kind=cue_kind,  # type: ignore[arg-type]
                        voice=_voice_of(index, voice_analysis, match.start, match.end)[0]))
    for scare in voice_analysis.scare_quotes:
        cues.append(Cue(cue=scare.text, text=text[scare.start:scare.end], start=scare.start,
                        end=scare.end, kind="scare_quote",
                        voice=_voice_of(index, voice_analysis, scare.start, scare.start + 1)[0]))
    cues.sort(key=lambda c: (c.start, c.end))

    terms = []
    for match in _resolve_terms(term_matches, analyzer):
        voice, speaker, side = _voice_of(index, voice_analysis, match.start, match.end)
        terms.append(TermHit(term=match.entry.label, text=match.text, start=match.start,
                             end=match.end, lexicon=match.lexicon, category=match.category,
                             orientation=match.orientation, voice=voice, speaker=speaker,
                             side=side))

    n_words = n_attributed = 0
    for word in WORD_RE.finditer(text):
        n_words += 1
        if index.covers(word.start()):
            n_attributed += 1

    sentences = split_sentences(text) if (readability or tone) else []
    return EntryScore(
        id=entry.id,
        outlet=entry.outlet,
        published=entry.published.isoformat() if entry.published else None,
        time=entry.time,
        kind=entry.kind,
        title=entry.title,
        text=text,
        n_words=n_words,
        n_words_authorial=n_words - n_attributed,
        n_words_attributed=n_attributed,
        voices=tuple(voice_analysis.voices),
        terms=tuple(terms),
        attributions=tuple(voice_analysis.attributions),
        cues=tuple(cues),
        readability=compute_readability(text, sentences) if readability else None,
        tone=compute_tone(text, sentences) if tone else None,
        source=str(entry.source),
        meta=dict(entry.meta),
    )


def context_key(entry: Entry) -> str | None:
    """Entries of one live feed share speaker memory; other records do not."""
    return entry.source.path if entry.time is not None else None


def score(
    entries: Iterable[Entry],
    lexicons: Analyzer | Iterable[Lexicon] | None = None,
    *,
    readability: bool = True,
    tone: bool = True,
) -> Iterator[EntryScore]:
    """Analyse a stream of entries lazily, in order, with speaker memory per live feed.

    Args:
        entries: any iterable of entries (e.g. :func:`framing.iter_entries`).
        lexicons: as for :func:`analyze`.
        readability, tone: as for :func:`analyze`.

    Yields:
        One :class:`EntryScore` per entry, in input order.
    """
    analyzer = _as_analyzer(lexicons)
    contexts: dict[str, SpeakerContext] = {}
    for entry in entries:
        key = context_key(entry)
        context = contexts.setdefault(key, SpeakerContext()) if key is not None else None
        yield analyze(entry, analyzer, context=context, readability=readability, tone=tone)
