"""Typed records of the entry analysis. Their JSON field names are a public interface.

Offsets are character offsets into ``Entry.text``, end exclusive. A span of text that lies in no
:class:`VoiceSpan` is the outlet's own (``authorial``) voice.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

Voice = Literal["authorial", "quoted", "reported"]
AttributionKind = Literal["direct", "indirect", "according_to", "headline"]
CueKind = Literal["hedge", "booster", "scare_quote"]


@dataclass(frozen=True, slots=True)
class VoiceSpan:
    """A stretch of text in someone else's voice.

    Attributes:
        start, end: offsets of the voiced text (for a direct quote: inside the quotation marks;
            an editorial insertion such as ``[to speak]`` is cut out, so it stays authorial).
        voice: ``quoted`` (direct quotation) or ``reported`` (indirect/reported speech,
            "according to X", headline attribution).
        speaker: the speaker as written in the text ("the ministry", "Aliyev"), or None when no
            speaker was found.
        side: the speaker's side from lexicon actors (``armenia``, ``azerbaijan``, ``un``, …), or
            None when unknown.
        attribution: index into :attr:`EntryScore.attributions` of the attribution that owns the
            span, or None.
    """

    start: int
    end: int
    voice: Literal["quoted", "reported"]
    speaker: str | None = None
    side: str | None = None
    attribution: int | None = None


@dataclass(frozen=True, slots=True)
class Attribution:
    """Who is given a voice, how, and from which side.

    Attributes:
        speaker: the speaker mention as written ("the Azerbaijani Defence Ministry", "it",
            "a source"), or None for an attribution with no source.
        actor: the canonical actor name the speaker resolved to (lexicon actor, possibly through
            a pronoun or "the ministry" resolved to an earlier named speaker), or None.
        side: the actor's side, or None.
        verb: the reporting verb or cue as written ("said", "claimed", "according to", "Says"),
            or None.
        stance: the verb's stance from ``reporting-verbs`` (neutral, distancing, endorsing,
            accusatory), or None.
        kind: ``direct`` (with a direct quote), ``indirect`` (reported speech),
            ``according_to``, or ``headline`` (wire/live-feed headline convention).
        anonymous: True for unnamed sources ("a source says", "officials said").
        start, end: offsets of the speaker mention (or of the cue when there is no speaker).
        verb_start, verb_end: offsets of the verb/cue, or None.
        content_start, content_end: offsets of what is attributed (quote or reported clause).
    """

    speaker: str | None
    actor: str | None
    side: str | None
    verb: str | None
    stance: str | None
    kind: AttributionKind
    anonymous: bool
    start: int
    end: int
    verb_start: int | None = None
    verb_end: int | None = None
    content_start: int | None = None
    content_end: int | None = None


@dataclass(frozen=True, slots=True)
class ScareQuote:
    """A short quoted fragment that is not speech ('Retaken', 'Airstrike').

    Attributes:
        start, end: offsets of the fragment including its quotation marks.
        text: the fragment without quotation marks.
        speaker, side: whose term is being distanced from, when known (e.g. the actor the
            headline attributes the term to), else None.
    """

    start: int
    end: int
    text: str
    speaker: str | None = None
    side: str | None = None


@dataclass(frozen=True, slots=True)
class VoiceAnalysis:
    """Result of :func:`framing.analysis.voice.analyze_voice` for one text.

    Attributes:
        voices: quoted and reported spans, by start, never overlapping.
        attributions: by position; ``VoiceSpan.attribution`` indexes into them.
        scare_quotes: short quoted fragments that are distancing cues, not quotations.
        insertions: editorial ``[insertions]`` inside quotes (authorial; in no voice span).
        unpaired_quotes: offsets of double quotation marks that could not be paired (a quote
            closed at the end of its paragraph with no continuation, or a closing mark with
            nothing open); the voice there is a guess worth flagging.
    """

    voices: tuple[VoiceSpan, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    scare_quotes: tuple[ScareQuote, ...] = ()
    insertions: tuple[tuple[int, int], ...] = ()
    unpaired_quotes: tuple[int, ...] = ()


@dataclass(frozen=True, slots=True)
class TermHit:
    """A loaded term found by a lexicon, in the voice it was said in."""

    term: str          # the lexicon entry's label (term or pattern)
    text: str          # as written
    start: int
    end: int
    lexicon: str
    category: str
    orientation: str | None
    voice: Voice
    speaker: str | None
    side: str | None


@dataclass(frozen=True, slots=True)
class Cue:
    """A hedge, booster or scare quote, with the voice it sits in."""

    cue: str           # the lexicon entry's label, or the fragment for scare quotes
    text: str
    start: int
    end: int
    kind: CueKind
    voice: Voice


@dataclass(frozen=True, slots=True)
class Readability:
    """Readability indices (textstat formulas), or None where the entry is too short to score."""

    flesch_reading_ease: float | None
    flesch_kincaid_grade: float | None
    gunning_fog: float | None
    dale_chall: float | None
    n_sentences: int
    n_words: int
    n_syllables: int
    scored: bool       # False when the entry is below the minimum length rule
    # Counts behind Gunning fog and Dale–Chall, kept so groups of entries can be scored from
    # pooled counts (framing.analysis.readability.pool_readability).
    n_complex_words: int = 0     # >= 3 syllables and not on the Dale–Chall easy-word list
    n_difficult_words: int = 0   # not on the Dale–Chall easy-word list


@dataclass(frozen=True, slots=True)
class Tone:
    """VADER scores aggregated over sentences (mean weighted by sentence length in words)."""

    compound: float
    pos: float
    neu: float
    neg: float
    n_sentences: int


@dataclass(frozen=True)
class EntryScore:
    """Everything the analysis finds in one entry; one JSONL record of ``framing score``."""

    id: str
    outlet: str
    published: str | None
    time: str | None
    kind: str
    title: str
    text: str
    n_words: int
    n_words_authorial: int
    n_words_attributed: int
    voices: tuple[VoiceSpan, ...] = ()
    terms: tuple[TermHit, ...] = ()
    attributions: tuple[Attribution, ...] = ()
    cues: tuple[Cue, ...] = ()
    readability: Readability | None = None
    tone: Tone | None = None
    source: str = ""
    meta: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON-ready record (the public JSONL schema)."""
        record = asdict(self)
        for voice in record["voices"]:
            voice.pop("attribution", None)
        return record
