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
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from operator import attrgetter

from framing.analysis.readability import compute_readability
from framing.analysis.records import (
    Cue,
    EntryScore,
    ScareQuote,
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
_START = attrgetter("start")
# framing.text.WORD_RE with possessive quantifiers: the same matches (nothing after a
# quantifier can fail, so it never backtracks), found 12% faster. Used only while WORD_RE is
# the pattern it was written from.
_COUNT_WORD_RE = (re.compile(r"\w++(?:[-'’‐‑]\w++)*+")
                  if WORD_RE.pattern == r"\w+(?:[-'’‐‑]\w+)*" else WORD_RE)


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

    @cached_property
    def _lexicon_rank(self) -> dict[str, tuple[int, int]]:
        # The lexicon's part of `term_rank`, looked up once per lexicon.
        return {name: (self._specificity.get(name, 0), self.lexicon_names.index(name))
                for name in self.lexicon_names}


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
        self.voices = sorted(voices, key=_START)
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

    def count_covered(self, offsets: Sequence[int]) -> int:
        """How many of the (ascending) offsets lie in a voice, as ``find`` places them.

        Voices from :func:`analyze_voice` follow one another without overlapping; then an
        offset lies in the voice ``find`` looks at exactly when it lies in any voice, and two
        binary searches per voice count them (``find`` per offset costs a call per word).
        """
        voices = self.voices
        covered = 0
        previous_end = -1
        for voice in voices:
            if voice.start < previous_end:
                return self._count_covered_sweep(offsets)  # overlapping voices
            previous_end = voice.end
            covered += (bisect.bisect_left(offsets, voice.end)
                        - bisect.bisect_left(offsets, voice.start))
        return covered

    def _count_covered_sweep(self, offsets: Sequence[int]) -> int:
        """``count_covered`` for any voices: one merged sweep over offsets and voices."""
        voices = self.voices
        covered = 0
        last = len(voices) - 1
        position = 0
        voice = voices[0]
        for offset in offsets:
            # The voice ``find`` looks at: the last one starting at or before the offset.
            while position < last and voices[position + 1].start <= offset:
                position += 1
                voice = voices[position]
            if voice.start <= offset < voice.end:
                covered += 1
        return covered


def _resolve_terms(matches: Sequence[Match], analyzer: Analyzer) -> list[Match]:
    """One term per stretch of text: overlapping matches of different lexicons resolved."""
    if len(matches) < 2:
        return list(matches)  # nothing can overlap
    rank = analyzer._lexicon_rank

    def key(m: Match) -> tuple[int, int, int, int, int]:
        # `(analyzer.term_rank(m), m.start)` flattened (the same order), with the lexicon's
        # part of the rank looked up once per lexicon.
        specificity, position = rank[m.lexicon]
        return (m.start - m.end, 0 if m.entry.orientation else 1, specificity, position,
                m.start)

    chosen: list[Match] = []
    for match in sorted(matches, key=key):
        start, end = match.start, match.end
        for kept in chosen:
            if start < kept.end and end > kept.start:
                break  # overlaps a better match
        else:
            chosen.append(match)
    chosen.sort(key=_START)
    return chosen


def _with_actor_names(analysis: VoiceAnalysis) -> tuple[VoiceSpan, ...]:
    """Name each voice by the actor its attribution resolved to ("it" → the ministry)."""
    attributions = analysis.attributions
    voices = []
    for voice in analysis.voices:
        if voice.attribution is not None and voice.attribution < len(attributions):
            actor = attributions[voice.attribution].actor
            if actor:
                # Built directly: dataclasses.replace costs several times more.
                voice = VoiceSpan(start=voice.start, end=voice.end, voice=voice.voice,
                                  speaker=actor, side=voice.side, attribution=voice.attribution)
        voices.append(voice)
    return tuple(voices)


def _voice_of(index: _VoiceIndex, scare_quotes: Sequence[ScareQuote], start: int,
              end: int) -> tuple[Voice, str | None, str | None]:
    voice = index.find(start, end)
    if voice is not None:
        return voice.voice, voice.speaker, voice.side
    for scare in scare_quotes:
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
    matcher = analyzer.matcher
    matches, actors = matcher.find_with_actors(text)
    title_end = len(entry.title) if entry.title and text.startswith(entry.title) else None
    voice_analysis = analyze_voice(text, matcher=matcher, title_end=title_end, context=context,
                                   matches=matches, actors=actors)
    voices = _with_actor_names(voice_analysis)
    scare_quotes = voice_analysis.scare_quotes
    index = _VoiceIndex(voices)
    # A reporting cue used to attribute ("According to the ministry, …") is attribution, not
    # a hedge: the hedges lexicon lists it for unattributed uses.
    attribution_cues = [(a.verb_start, a.verb_end) for a in voice_analysis.attributions
                        if a.verb_start is not None and a.verb_end is not None]

    term_matches: list[Match] = []
    cues: list[Cue] = []
    for match in matches:
        lexicon = match.lexicon
        if lexicon in ATTRIBUTION_LEXICONS:
            continue
        cue_kind = CUE_LEXICONS.get(lexicon)
        if cue_kind is None:
            term_matches.append(match)
            continue
        m_start, m_end = match.start, match.end
        if attribution_cues and any(start < m_end and m_start < end
                                    for start, end in attribution_cues):
            continue
        cues.append(Cue(cue=match.entry.label, text=match.text, start=m_start, end=m_end,
                        kind=cue_kind,  # type: ignore[arg-type]
                        voice=_voice_of(index, scare_quotes, m_start, m_end)[0]))
    for scare in scare_quotes:
        cues.append(Cue(cue=scare.text, text=text[scare.start:scare.end], start=scare.start,
                        end=scare.end, kind="scare_quote",
                        voice=_voice_of(index, scare_quotes, scare.start, scare.start + 1)[0]))
    if len(cues) > 1:
        cues.sort(key=lambda c: (c.start, c.end))

    terms = []
    for match in _resolve_terms(term_matches, analyzer):
        voice, speaker, side = _voice_of(index, scare_quotes, match.start, match.end)
        terms.append(TermHit(term=match.entry.label, text=match.text, start=match.start,
                             end=match.end, lexicon=match.lexicon, category=match.category,
                             orientation=match.orientation, voice=voice, speaker=speaker,
                             side=side))

    if voices:
        word_starts = [word.start() for word in _COUNT_WORD_RE.finditer(text)]
        n_words = len(word_starts)
        n_attributed = index.count_covered(word_starts)
    else:
        n_words = len(_COUNT_WORD_RE.findall(text))
        n_attributed = 0

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
        voices=voices,
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
