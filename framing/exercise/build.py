"""Build a classroom exercise: one event told by two or three outlets, and its answer key.

The exercise is data (:class:`Exercise`); :mod:`framing.exercise.render` turns it into a
worksheet and a separate answer key. Every answer is an :class:`AnswerItem` pointing at a span
of its passage (character offsets into the entry text, end exclusive), so a teacher can check
each answer against the text.

Choices, all deterministic:

- **Event.** ``event_id`` if given (it must be covered by at least two outlets); otherwise the
  multi-outlet event with the most outlets, ties broken by the most loaded-term hits in the
  event's entries, then the earliest start, then the id.
- **Passage per outlet.** The outlet's longest entry in the event (characters), preferring
  entries that are not near-copies of another outlet's text; ties go to the earliest.
- **Outlets.** At most ``max_outlets``; when the event has more, the outlets whose passages
  give the most answer items (terms, attributions, cues) are kept, ties by name.
- **Letters.** Passages are lettered A, B, C: alphabetically by outlet, or, when ``blind``, in
  an order shuffled with ``seed`` so the letters do not give the outlets away.
"""

from __future__ import annotations

import bisect
import random
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from framing.analysis.records import Attribution, Cue, EntryScore, TermHit
from framing.analysis.sentences import split_sentences
from framing.errors import OptionError
from framing.events.records import Event, EventAlignment
from framing.model import Entry

DEFAULT_SEED = 20201017
MAX_OUTLETS = 3
MIN_OUTLETS = 2
CONTEXT_CHARS = 30
LETTERS = "ABC"
MAX_CONTENT_CHARS = 160

TaskId = Literal["terms", "voices", "hedges", "certainty"]
AnswerKind = Literal["term", "scare_quote", "attribution", "hedge", "booster"]

QUESTIONS: tuple[tuple[TaskId, str, str], ...] = (
    ("terms", "Loaded terms",
     "Find the loaded terms in each report: names of places, groups and acts that take a side "
     "or carry strong feeling, and words put in 'scare quotes'. Whose framing does each carry? "
     "Is it the outlet's own word, or is it inside someone else's words?"),
    ("voices", "Who is quoted",
     "Who is quoted or cited in each report, and from which side? Which reporting verbs are "
     "used (said, claimed, confirmed …)? Are any sources anonymous?"),
    ("hedges", "What is hedged",
     "Which statements are presented as uncertain (words such as 'reportedly', 'may', "
     "'at least', 'could not be verified')? Whose claims are they?"),
    ("certainty", "Which outlet sounds more certain",
     "Count the hedges and the boosters (words such as 'clearly', 'undeniably') in each "
     "report and work out how many there are per 100 words. Which outlet sounds more certain?"),
)
REFLECTION = ("Reflection (optional): if you had read only one of these reports, what would you "
              "believe happened? Rewrite one sentence so that it takes no side.")

_CUE_TASKS: dict[str, TaskId] = {"scare_quote": "terms", "hedge": "hedges",
                                 "booster": "certainty"}
_TASK_ORDER: dict[TaskId, int] = {"terms": 0, "voices": 1, "hedges": 2, "certainty": 3}
_VOICE_WORDS = {"authorial": "the outlet's own voice", "quoted": "quoted", "reported": "reported"}


@dataclass(frozen=True)
class SpanQuote:
    """A span of a passage quoted with its offsets, a little context and its sentence.

    Attributes:
        start, end: character offsets into the passage text (``Entry.text``), end exclusive.
        text: ``passage.text[start:end]``.
        before, after: up to :data:`CONTEXT_CHARS` characters either side, cut at a word
            boundary, line breaks shown as spaces.
        sentence: the sentence the span sits in (whitespace collapsed).
        sentence_start, sentence_end: offsets of that sentence.
        at_text_start, at_text_end: the context reaches the start (end) of the text, so no
            "…" is printed there.

    Example:
        >>> quote = quote_span("Troops left the occupied town.", 16, 24)
        >>> quote.context, quote.sentence
        ('Troops left the «occupied» town.', 'Troops left the occupied town.')
    """

    start: int
    end: int
    text: str
    before: str
    after: str
    sentence: str
    sentence_start: int
    sentence_end: int
    at_text_start: bool = False
    at_text_end: bool = False

    @property
    def context(self) -> str:
        """The span in «guillemets» with its context: ``…the «occupied» territories…``."""
        head = "" if self.at_text_start else "…"
        tail = "" if self.at_text_end else "…"
        return f"{head}{self.before}«{self.text}»{self.after}{tail}"

    @property
    def offsets(self) -> str:
        """``start–end`` as printed in the key."""
        return f"{self.start}–{self.end}"


@dataclass(frozen=True)
class AnswerItem:
    """One answer of the key, traced to its span.

    Attributes:
        number: ``A1``, ``A2``, … (passage letter and running number), printed in the key and
            next to the highlighted span.
        task: the task it answers (``terms``, ``voices``, ``hedges``, ``certainty``).
        kind: ``term``, ``scare_quote``, ``attribution`` (the span is the speaker mention, or
            the cue when there is no speaker), ``hedge`` or ``booster``.
        span: the quoted span.
        explanation: one line saying what the analysis found there.
        content: for an attribution, what is attributed (quote or reported clause, shortened),
            else None.
    """

    number: str
    task: TaskId
    kind: AnswerKind
    span: SpanQuote
    explanation: str
    content: str | None = None


@dataclass(frozen=True)
class Certainty:
    """Hedges and boosters of one passage per 100 words (task 4).

    ``balance`` is boosters minus hedges per 100 words: the higher, the more certain the
    outlet sounds.
    """

    n_words: int
    n_hedges: int
    n_boosters: int

    @property
    def hedges_per_100(self) -> float:
        """Hedges per 100 words."""
        return _per_100(self.n_hedges, self.n_words)

    @property
    def boosters_per_100(self) -> float:
        """Boosters per 100 words."""
        return _per_100(self.n_boosters, self.n_words)

    @property
    def balance(self) -> float:
        """Boosters minus hedges per 100 words."""
        return round(self.boosters_per_100 - self.hedges_per_100, 2)


@dataclass(frozen=True)
class Passage:
    """One outlet's report of the event, as the students read it.

    Attributes:
        letter: ``A``, ``B`` or ``C``.
        outlet: the outlet's name (hidden on a blind worksheet).
        entry_id: the entry's id.
        published: ISO publication time, or None.
        text: the entry text exactly as analysed (all offsets refer to it).
        n_words: words in the text.
        answers: the answer items of this passage, by task then position.
        certainty: hedges and boosters per 100 words.
        record: the analysis of the entry (kept for highlighting in the key).
        names_outlet: True when the text itself mentions the outlet's name (a blind
            worksheet cannot hide that).
    """

    letter: str
    outlet: str
    entry_id: str
    published: str | None
    text: str
    n_words: int
    answers: tuple[AnswerItem, ...]
    certainty: Certainty
    record: EntryScore
    names_outlet: bool = False

    def answers_for(self, task: TaskId) -> tuple[AnswerItem, ...]:
        """The answer items of one task."""
        return tuple(item for item in self.answers if item.task == task)

    def label(self, blind: bool) -> str:
        """``Outlet A`` when blind, else the outlet's name."""
        return f"Outlet {self.letter}" if blind else self.outlet


@dataclass(frozen=True)
class Question:
    """A task of the worksheet."""

    number: int
    task: TaskId
    title: str
    prompt: str


@dataclass(frozen=True)
class Exercise:
    """A worksheet and its answer key as data; render with :mod:`framing.exercise.render`.

    Attributes:
        event_id: the event.
        event_start: ISO start of the event, or None.
        headline: the event's representative headline (shown only in the key: it is one
            outlet's wording).
        event_outlets: every outlet covering the event (the passages may be fewer).
        passages: the passages, in letter order.
        blind: whether the worksheet hides outlet names.
        seed: the seed of the blind letter order.
        questions: the four tasks.
        reflection: the optional reflection question, or None.

    Example:
        >>> import framing
        >>> from framing.analysis.analyze import score
        >>> from framing.demo import DEMO_NEWEST_DATE, DEMO_TZ, demo_analyzer
        >>> from framing.events import align_events
        >>> corpus = framing.read_corpus(framing.demo_corpus_path(), options=framing.ReadOptions
        ...     .create(date=DEMO_NEWEST_DATE, tz=DEMO_TZ))
        >>> records = list(score(corpus, demo_analyzer(), readability=False, tone=False))
        >>> exercise = build_exercise(records, align_events(corpus), blind=True)
        >>> [p.letter for p in exercise.passages]
        ['A', 'B', 'C']
    """

    event_id: str
    event_start: str | None
    headline: str
    event_outlets: tuple[str, ...]
    passages: tuple[Passage, ...]
    blind: bool
    seed: int
    questions: tuple[Question, ...]
    reflection: str | None

    @property
    def most_certain(self) -> tuple[Passage, ...]:
        """The passage(s) with the highest boosters-minus-hedges balance (several on a tie)."""
        best = max(p.certainty.balance for p in self.passages)
        return tuple(p for p in self.passages if p.certainty.balance == best)

    def passage(self, letter: str) -> Passage:
        """The passage with this letter.

        Raises:
            KeyError: no passage has this letter.
        """
        for passage in self.passages:
            if passage.letter == letter:
                return passage
        raise KeyError(letter)


def _per_100(count: int, n_words: int) -> float:
    return round(100 * count / n_words, 2) if n_words else 0.0


# --- spans ---------------------------------------------------------------------------------


def _flat(text: str) -> str:
    return " ".join(text.split())


def _flat_keep_edges(text: str) -> str:
    """Collapse whitespace runs (line breaks too) to one space, keeping a space at either end."""
    return re.sub(r"\s+", " ", text)


def _cut_before(text: str, start: int) -> tuple[str, bool]:
    """Up to CONTEXT_CHARS before ``start``, not starting mid-word."""
    low = max(0, start - CONTEXT_CHARS)
    chunk = text[low:start]
    if low > 0 and not text[low - 1].isspace() and " " in chunk:
        chunk = chunk[chunk.index(" ") + 1:]
    return _flat_keep_edges(chunk), low == 0


def _cut_after(text: str, end: int) -> tuple[str, bool]:
    """Up to CONTEXT_CHARS after ``end``, not ending mid-word."""
    high = min(len(text), end + CONTEXT_CHARS)
    chunk = text[end:high]
    if high < len(text) and not text[high].isspace() and " " in chunk:
        chunk = chunk[: chunk.rindex(" ")]
    return _flat_keep_edges(chunk), high == len(text)


def quote_span(text: str, start: int, end: int,
               sentences: Sequence[tuple[int, int]] | None = None) -> SpanQuote:
    """Quote ``text[start:end]`` with its context and the sentence it sits in.

    Args:
        text: the passage text.
        start, end: offsets of the span, end exclusive.
        sentences: ``split_sentences(text)``, when already computed.

    Returns:
        The :class:`SpanQuote`; a span that crosses sentences gets the sentences it touches.
    """
    spans = list(sentences) if sentences is not None else split_sentences(text)
    sentence_start, sentence_end = start, end
    if spans:
        first = max(0, bisect.bisect_right([s for s, _ in spans], start) - 1)
        last = max(first, bisect.bisect_left([e for _, e in spans], end))
        last = min(last, len(spans) - 1)
        sentence_start = min(start, spans[first][0])
        sentence_end = max(end, spans[last][1])
    before, at_start = _cut_before(text, start)
    after, at_end = _cut_after(text, end)
    return SpanQuote(start=start, end=end, text=text[start:end], before=before, after=after,
                     sentence=_flat(text[sentence_start:sentence_end]),
                     sentence_start=sentence_start, sentence_end=sentence_end,
                     at_text_start=at_start, at_text_end=at_end)


# --- answers -------------------------------------------------------------------------------


def _explain_term(term: TermHit) -> str:
    framing = (f"carries {term.orientation} framing" if term.orientation
               else "takes no particular side")
    voice = _VOICE_WORDS[term.voice]
    if term.voice != "authorial":
        voice += f", speaker: {term.speaker or 'unknown'}"
        if term.side:
            voice += f" ({term.side})"
    return f"{term.category} term ({term.lexicon}); {framing}; {voice}"


def _explain_attribution(attribution: Attribution) -> str:
    who = attribution.speaker or "(no speaker)"
    if attribution.actor and attribution.actor != attribution.speaker:
        who += f" → {attribution.actor}"
    parts = [who, f"side: {attribution.side or 'unknown'}"]
    if attribution.verb:
        parts.append(f"verb: {attribution.verb} ({attribution.stance or 'stance unknown'})")
    parts.append(attribution.kind.replace("_", " "))
    if attribution.anonymous:
        parts.append("anonymous source")
    return "; ".join(parts)


def _explain_cue(cue: Cue) -> str:
    if cue.kind == "scare_quote":
        return f"in scare quotes: the outlet keeps its distance from '{cue.cue}'"
    return f"{cue.kind} '{cue.cue}' in {_VOICE_WORDS[cue.voice]}"


def _content(text: str, attribution: Attribution) -> str | None:
    if attribution.content_start is None or attribution.content_end is None:
        return None
    content = _flat(text[attribution.content_start:attribution.content_end])
    if len(content) > MAX_CONTENT_CHARS:
        content = content[: MAX_CONTENT_CHARS - 1].rstrip() + "…"
    return content or None


def _answers(record: EntryScore, letter: str) -> tuple[AnswerItem, ...]:
    """All answer items of one passage, by task then position."""
    text = record.text
    sentences = split_sentences(text)
    # (task order, start, end, item without number); numbered after sorting.
    found: list[tuple[int, int, int, TaskId, AnswerKind, str, str | None]] = []
    for term in record.terms:
        found.append((0, term.start, term.end, "terms", "term", _explain_term(term), None))
    for cue in record.cues:
        task = _CUE_TASKS[cue.kind]
        order = _TASK_ORDER[task]
        found.append((order, cue.start, cue.end, task, cue.kind, _explain_cue(cue), None))
    for attribution in record.attributions:
        found.append((1, attribution.start, attribution.end, "voices", "attribution",
                      _explain_attribution(attribution), _content(text, attribution)))
    found.sort(key=lambda item: item[:3])
    return tuple(
        AnswerItem(number=f"{letter}{index}", task=task, kind=kind,
                   span=quote_span(text, start, end, sentences), explanation=explanation,
                   content=content)
        for index, (_, start, end, task, kind, explanation, content) in enumerate(found, 1))


def _certainty(record: EntryScore) -> Certainty:
    return Certainty(n_words=record.n_words,
                     n_hedges=sum(1 for c in record.cues if c.kind == "hedge"),
                     n_boosters=sum(1 for c in record.cues if c.kind == "booster"))


# --- choices -------------------------------------------------------------------------------


def multi_outlet_events(alignment: EventAlignment) -> tuple[Event, ...]:
    """The events covered by at least two outlets, in id order."""
    return tuple(event for event in alignment.events if event.multi_outlet)


def check_event(alignment: EventAlignment, event_id: str | None = None) -> None:
    """Raise :class:`OptionError` unless an exercise can be made (cheap; before scoring).

    Raises:
        OptionError: no event is covered by two or more outlets, or ``event_id`` is not one of
            the multi-outlet events.
    """
    candidates = multi_outlet_events(alignment)
    known = ", ".join(event.event_id for event in candidates)
    if event_id is not None and event_id not in {event.event_id for event in candidates}:
        what = ("is covered by one outlet only" if any(e.event_id == event_id
                                                       for e in alignment.events)
                else "is not an event of this corpus")
        choice = (f"choose one of {known}" if candidates
                  else "no event is covered by two or more outlets")
        raise OptionError(f"the `--event` option: {event_id!r} {what}; {choice} "
                          "(see `framing events --multi-outlet`)")
    if not candidates:
        n_outlets = len({record.outlet for record in alignment.entries})
        raise OptionError(
            f"no event is covered by two or more outlets ({alignment.n_events} event(s) found "
            f"in {n_outlets} outlet(s)); an exercise needs the same event told by at least two "
            "outlets: check with `framing events --multi-outlet`")


def _n_terms(event: Event, records: Mapping[str, EntryScore]) -> int:
    return sum(len(records[i].terms) for i in event.entry_ids if i in records)


def choose_event(alignment: EventAlignment, records: Mapping[str, EntryScore],
                 event_id: str | None = None) -> Event:
    """The event of the exercise (see the module docstring for the rule).

    Raises:
        OptionError: as for :func:`check_event`.
    """
    check_event(alignment, event_id)
    if event_id is not None:
        return alignment.event(event_id)

    def rank(event: Event) -> tuple[int, int, bool, float, str]:
        # Instants, not ISO strings: the offsets of start times may differ.
        start = event.start.timestamp() if event.start is not None else 0.0
        return (-event.n_outlets, -_n_terms(event, records), event.start is None, start,
                event.event_id)

    candidates = sorted(multi_outlet_events(alignment), key=rank)
    return candidates[0]


def _choose_entries(event: Event, alignment: EventAlignment,
                    records: Mapping[str, EntryScore]) -> dict[str, EntryScore]:
    """Each outlet's passage: its longest entry in the event, originals before copies."""
    chosen: dict[str, tuple[tuple[bool, int, int], EntryScore]] = {}
    for order, entry_id in enumerate(event.entry_ids):
        record = records.get(entry_id)
        if record is None:
            continue
        is_copy = alignment.entry(entry_id).copy_of is not None
        key = (is_copy, -len(record.text), order)
        if record.outlet not in chosen or key < chosen[record.outlet][0]:
            chosen[record.outlet] = (key, record)
    return {outlet: record for outlet, (_, record) in chosen.items()}


def _letter_order(outlets: Sequence[str], blind: bool, seed: int) -> list[str]:
    ordered = sorted(outlets)
    if blind:
        random.Random(seed).shuffle(ordered)
    return ordered


def build_exercise(
    records: Iterable[EntryScore | Entry],
    alignment: EventAlignment,
    *,
    event_id: str | None = None,
    blind: bool = False,
    seed: int = DEFAULT_SEED,
    max_outlets: int = MAX_OUTLETS,
    reflection: bool = True,
) -> Exercise:
    """Build the exercise for one event.

    Args:
        records: score records of the aligned entries (``framing.analysis.analyze.score``);
            plain entries are scored here with the bundled lexicons.
        alignment: ``framing.events.align_events`` on the same entries.
        event_id: the event to use; None picks one (see the module docstring).
        blind: letter the outlets A, B, C on the worksheet instead of naming them.
        seed: seed of the blind letter order.
        max_outlets: how many outlets to show, 2 or 3.
        reflection: add the optional reflection question.

    Returns:
        The :class:`Exercise`.

    Raises:
        OptionError: unknown event, an event with fewer than two outlets, no multi-outlet
            event at all, or ``max_outlets`` outside 2–3.
    """
    if not MIN_OUTLETS <= max_outlets <= MAX_OUTLETS:
        raise OptionError(f"the `--outlets` option must be {MIN_OUTLETS} or {MAX_OUTLETS}; got "
                          f"{max_outlets}")
    check_event(alignment, event_id)
    items = list(records)
    entries = [item for item in items if isinstance(item, Entry)]
    scored = [item for item in items if isinstance(item, EntryScore)]
    if entries:
        from framing.analysis.analyze import score

        scored += list(score(entries, readability=False, tone=False))
    by_id = {record.id: record for record in scored}
    event = choose_event(alignment, by_id, event_id)
    passages_by_outlet = _choose_entries(event, alignment, by_id)
    if len(passages_by_outlet) < MIN_OUTLETS:
        raise OptionError(f"event {event.event_id}: fewer than two of its outlets have a score "
                          "record; pass the records of every aligned entry")
    richness = {outlet: len(r.terms) + len(r.attributions) + len(r.cues)
                for outlet, r in passages_by_outlet.items()}
    kept = sorted(passages_by_outlet, key=lambda o: (-richness[o], o))[:max_outlets]
    passages = []
    for letter, outlet in zip(LETTERS, _letter_order(kept, blind, seed), strict=False):
        record = passages_by_outlet[outlet]
        passages.append(Passage(
            letter=letter, outlet=outlet, entry_id=record.id, published=record.published,
            text=record.text, n_words=record.n_words, answers=_answers(record, letter),
            certainty=_certainty(record), record=record,
            names_outlet=outlet.casefold() in record.text.casefold()))
    questions = tuple(Question(n, task, title, prompt)
                      for n, (task, title, prompt) in enumerate(QUESTIONS, 1))
    return Exercise(
        event_id=event.event_id,
        event_start=event.start.isoformat() if event.start is not None else None,
        headline=event.headline, event_outlets=event.outlets, passages=tuple(passages),
        blind=blind, seed=seed, questions=questions,
        reflection=REFLECTION if reflection else None)
