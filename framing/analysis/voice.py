"""Voice: which stretches of an entry are someone else's words, and whose.

:func:`analyze_voice` returns, for one text,

* **voice spans**: direct quotations (``quoted``: the text inside the marks) and reported
  speech (``reported``: the clause an attribution governs, headline claims of wire copy), each
  with the speaker and side of the attribution that owns it. Spans never overlap: where a
  quotation sits inside reported speech, the quotation is cut out as ``quoted``; where one
  reported clause holds another ("X said he told Y that Z"), the inner, narrower one wins.
  Everything outside every span is authorial;
* **insertions**: editorial ``[brackets]`` inside quotations, cut out of the quoted span —
  they are the outlet's words again;
* **attributions** (see :mod:`framing.analysis.attribution` and
  :mod:`framing.analysis.speakers`);
* **scare quotes**: a quotation of at most four words that is not a full sentence, not
  introduced by a reporting verb and not followed by one ('Retaken', "counter-offensive
  operation"). It is a distancing cue, not a direct quotation, so it gets no ``quoted`` span.
  Its term still carries the voice of whoever is distanced from: inside a reported clause or
  headline claim ("Turkey Condemns Armenian 'Airstrike'", "Defence Ministry Calls Y
  'Disinformation'") it is that speaker's; after a reporting verb in the same clause
  ("Baku declared a 'counter-offensive operation'", "MoD Publishes Video of 'Retaken' Hadrut")
  it becomes a ``reported`` span of the verb's subject, with its own attribution; otherwise it
  stays authorial with no speaker — the outlet distancing itself from a term nobody in the
  text is said to have used.

An attribution nested in the content of another by the same speaker ("he said he plans to
…") is dropped: it adds no voice. Nested attributions of other speakers ("the ministry said
Armenia claimed …") are kept, and the inner, narrower span wins.

Ambiguous quoting is not guessed away silently: a double quotation mark that could not be
paired (closed at the end of its paragraph with no continuation, or a closing mark with
nothing open) is listed in ``VoiceAnalysis.unpaired_quotes``.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import pairwise

from framing.analysis.attribution import (
    ANONYMOUS_SOURCES,
    AttributionFinder,
    Cue,
    Found,
    collect_cues,
    find_headline_attribution,
    headline_subject,
)
from framing.analysis.quotes import (
    Quote,
    find_insertions,
    find_paragraphs,
    find_sentences,
    scan_quotes,
)
from framing.analysis.records import Attribution, ScareQuote, VoiceAnalysis, VoiceSpan
from framing.analysis.speakers import (
    ORGANISATION_PRONOUNS,
    PERSON_PRONOUNS,
    SpeakerContext,
    actor_in_span,
    compatible,
    pronoun_fits,
    role_head,
)
from framing.lexicon import Actor, ActorMatch, Match, Matcher


def _wordset(words: str) -> frozenset[str]:
    """The whitespace-separated words of a string (word lists kept readable as prose)."""
    return frozenset(words.split())


__all__ = ["SpeakerContext", "analyze_voice"]

_EMPTY = VoiceAnalysis()
_ANONYMOUS_HEADS = _wordset("""
source sources official officials diplomat diplomats insider insiders witness witnesses
resident residents expert experts analyst analysts observer observers eyewitness eyewitnesses
""")
_SENTENCE_MARKS = frozenset(".!?…")
_ALNUM_RE = re.compile(r"[^\W_]")
_EDGE = " \t\n\r\"“”„«»‘’'"


def analyze_voice(text: str, *, matcher: Matcher, title_end: int | None = None,
                  context: SpeakerContext | None = None, matches: list[Match] | None = None,
                  actors: list[ActorMatch] | None = None) -> VoiceAnalysis:
    """Find the voices of a text: quotations, reported speech, insertions, attributions.

    Pure apart from ``context``, which remembers the speakers this entry names.

    Args:
        text: the entry text (``Entry.text``: title, blank line, body).
        matcher: the compiled lexicons; ``reporting-verbs`` gives cues and stances,
            ``anonymous-sources`` marks unnamed sources, lexicon actors resolve speakers.
        title_end: offset where the headline ends, or None when the entry has no headline.
        context: speakers of earlier entries of the same feed, in reading order; generic
            mentions ("Presidential Assistant") resolve through it only when exactly one
            compatible speaker was seen. Updated with this entry's speakers.
        matches: ``matcher.find(text)`` when the caller has it already (saves a scan).
        actors: ``matcher.find_actors(text)`` when the caller has it already.

    Returns:
        The voice spans, attributions, scare quotes, insertions and unpaired quote marks.
    """
    if not text or text.isspace():
        return _EMPTY
    if title_end is not None and not 0 < title_end <= len(text):
        title_end = None
    if matches is None:
        matches = matcher.find(text)
    paragraphs = find_paragraphs(text, (title_end,) if title_end else ())
    scan = scan_quotes(text, paragraphs)
    quotes = list(scan.quotes)
    cues = collect_cues(text, matches, text.lower())
    if not cues and not quotes and title_end is None:
        return _EMPTY
    if actors is None:
        actors = matcher.find_actors(text)
    insertions: list[tuple[int, int]] = []
    if quotes and "[" in text:  # no bracket, no insertion: skip the search per quote
        for quote in quotes:
            insertions.extend(find_insertions(text, quote.start, quote.end))
    direct = [not _is_scare(text, quote, cues, paragraphs) for quote in quotes]
    excluded = [(quote.start, quote.end) for quote in quotes] + insertions
    anonymous = [(m.start, m.end, m.entry.category) for m in matches
                 if m.lexicon == ANONYMOUS_SOURCES]
    body_start = title_end or 0
    sentences: list[tuple[int, int, int]] = []
    cue_starts = [cue.start for cue in cues if cue.start >= body_start]
    if excluded and cue_starts:
        cue_starts = [start for start in cue_starts if not _inside(start, excluded)]
    if cue_starts:
        # Cue starts ascend (cues come by start), so one binary search per paragraph tells
        # whether it holds a cue.
        n_cues = len(cue_starts)
        for p_start, p_end in paragraphs:
            if p_start >= body_start:
                first = bisect_left(cue_starts, p_start)
                if first < n_cues and cue_starts[first] < p_end:
                    sentences.extend((s, e, p_end)
                                     for s, e in find_sentences(text, p_start, p_end, quotes))
    body = [(p_start, p_end) for p_start, p_end in paragraphs if p_start >= body_start]
    finder = AttributionFinder(text, quotes, direct, excluded, cues, anonymous, sentences, body)
    if body or quotes:
        finder.run()
    found = finder.found
    if title_end is not None:
        headline = _headline(text, title_end, cues)
        if headline is not None:
            found.insert(0, headline)
        else:
            # "MoD Publishes Video of 'Retaken' Hadrut": no claim, but a subject for a scare
            # quote.
            start = len(text) - len(text.lstrip())
            subject = headline_subject(text, start, title_end, cues)
            if subject is not None:
                cue = subject[1]
                finder.dangling.append(Found(cue, (start, subject[0]),
                                             verb_span=cue.verb_span))
    if not all(direct):
        for quote, is_direct in zip(quotes, direct, strict=True):
            if not is_direct and _owner(found, quote.start, quote.end) is None:
                extra = _attribute_scare(text, quote, finder.dangling)
                if extra is not None:
                    found.append(extra)
    if len(found) > 1:
        found.sort(key=_position)
    resolved = _resolve(text, found, actors, anonymous, title_end, context)
    found, resolved = _drop_redundant(text, found, resolved)
    return _build(text, found, resolved, quotes, direct, insertions, scan.unpaired)


# -- scare quotes --------------------------------------------------------------------------


def _is_scare(text: str, quote: Quote, cues: list[Cue],
              paragraphs: list[tuple[int, int]]) -> bool:
    """Whether a quotation is a scare quote (see the module notes)."""
    if not quote.closed:
        return False
    inner = text[quote.start:quote.end].strip()
    words = inner.split()
    if not words or len(words) > 4 or inner[-1] in _SENTENCE_MARKS or "," in inner:
        return False
    for p_start, p_end in paragraphs:
        if p_start <= quote.open < p_end:
            if p_start == quote.open and p_end == quote.close:
                return False
            break
    for cue in cues:
        if cue.end <= quote.open:
            between = text[cue.end:quote.open]
            if quote.open - cue.end < 4 and between.strip(" :,\n") == "":
                return False  # said "no" / said: "no"
        elif cue.start >= quote.close:
            if cue.start - quote.close > 60:
                break
            between = text[quote.close:cue.start]
            if between.lstrip().startswith(",") and not any(c in between for c in ".;:!?\"“”"):
                return False  # "no", the minister said
            break
    return True


def _attribute_scare(text: str, quote: Quote, dangling: list[Found]) -> Found | None:
    """An attribution for a scare quote after a contentless verb of the same clause."""
    best: Found | None = None
    for candidate in dangling:
        cue = candidate.cue
        if cue is None or cue.end > quote.open or quote.open - cue.end > 60:
            continue
        between = text[cue.end:quote.open]
        if any(c in between for c in ",;:.!?\n\"“”"):
            continue
        best = candidate
    if best is None:
        return None
    return Found(best.cue, best.speaker, [(quote.start, quote.end)], "indirect",
                 best.anonymous, best.inherited, best.verb_span)


def _headline(text: str, title_end: int, cues: list[Cue]) -> Found | None:
    start = 0
    while start < title_end and text[start].isspace():
        start += 1
    match = find_headline_attribution(text, start, title_end, cues)
    if match is None:
        return None
    content_start, content_end = match.content
    while content_end > content_start and text[content_end - 1] in " ,.:-–—":
        content_end -= 1
    content = [(content_start, content_end)] if content_end > content_start else []
    return Found(match.cue, match.speaker, content, "headline", False, None, match.verb)


def _owner(found: list[Found], start: int, end: int) -> int | None:
    """Index of the attribution with the narrowest content holding a stretch."""
    best: int | None = None
    best_size = 0
    for index, item in enumerate(found):
        for c_start, c_end in item.content:
            if c_start <= start and end <= c_end:
                size = c_end - c_start
                if best is None or size < best_size:
                    best, best_size = index, size
    return best


def _inside(offset: int, stretches: list[tuple[int, int]]) -> bool:
    """Whether an offset lies in one of the stretches."""
    for start, end in stretches:  # noqa: SIM110 - a plain loop costs less than any(genexpr)
        if start <= offset < end:
            return True
    return False


def _position(item: Found) -> int:
    """Where an attribution starts: the first of its verb, speaker and content."""
    position = item.verb_span[0] if item.verb_span else -1
    if item.speaker is not None and (position < 0 or item.speaker[0] < position):
        position = item.speaker[0]
    if item.content and (position < 0 or item.content[0][0] < position):
        position = item.content[0][0]
    return position if position >= 0 else 0


# -- speakers ------------------------------------------------------------------------------


class _Speaker:
    """A resolved speaker (internal)."""

    __slots__ = ("actor", "anonymous", "span", "text")

    def __init__(self, text: str | None, span: tuple[int, int] | None, actor: Actor | None,
                 anonymous: bool) -> None:
        self.text = text
        self.span = span
        self.actor = actor
        self.anonymous = anonymous


def _resolve(text: str, found: list[Found], actors: list[ActorMatch],
             anonymous: list[tuple[int, int, str]], title_end: int | None,
             context: SpeakerContext | None) -> list[_Speaker]:
    """Resolve every attribution's speaker to an actor (see :mod:`speakers`)."""
    resolved: list[_Speaker] = []
    named: list[Actor] = []  # resolved speakers of this entry, in text order
    pending_headline: list[tuple[int, str, tuple[str, ...]]] = []
    by_found: dict[int, _Speaker] = {}
    for index, item in enumerate(found):
        if item.inherited is not None and item.speaker is None:
            source = by_found.get(id(item.inherited))
            speaker = _Speaker(source.text, source.span, source.actor, source.anonymous) \
                if source else _Speaker(None, None, None, item.anonymous)
            resolved.append(speaker)
            by_found[id(item)] = speaker
            continue
        if item.speaker is None:
            speaker = _Speaker(None, None, None, item.anonymous)
            resolved.append(speaker)
            by_found[id(item)] = speaker
            continue
        start, end = item.speaker
        mention = text[start:end]
        low = mention.lower()
        actor: Actor | None = None
        is_anonymous = item.anonymous or _is_anonymous(mention, start, end, item, anonymous)
        if low in PERSON_PRONOUNS or low in ORGANISATION_PRONOUNS:
            # Only the subject of a verb of saying is resolved: with "it planned to …" the
            # pronoun is as likely to stand for a thing as for the last speaker.
            if item.cue is not None and item.cue.stance is not None:
                actor = next((a for a in reversed(named) if pronoun_fits(a, low)), None)
        elif low in ("we", "i", "you"):
            actor = None
        else:
            head, qualifiers = role_head(mention)
            if head is not None:
                actor = next((a for a in reversed(named) if compatible(a, head, qualifiers)),
                             None)
                is_headline = title_end is not None and end <= title_end
                if actor is None and is_headline:
                    pending_headline.append((index, head, qualifiers))
                elif actor is None and context is not None:
                    actor = context.resolve(head, qualifiers)
            else:
                match = actor_in_span(actors, start, end)
                actor = match if isinstance(match, Actor) else None
                if match is None:
                    actor = _surname(mention, named)
        speaker = _Speaker(mention, (start, end), actor, is_anonymous)
        resolved.append(speaker)
        by_found[id(item)] = speaker
        if actor is not None:
            named.append(actor)
    for index, head, qualifiers in pending_headline:
        # A headline's "- Foreign Ministry" is named in full in the body.
        later = {a.name: a for a in named if compatible(a, head, qualifiers)}
        actor = next(iter(later.values())) if len(later) == 1 else None
        if actor is None and context is not None:
            actor = context.resolve(head, qualifiers)
        resolved[index].actor = actor
        if actor is not None:
            named.append(actor)
    if context is not None:
        for actor in named:
            context.remember(actor)
    return resolved


def _surname(mention: str, named: list[Actor]) -> Actor | None:
    """A person named earlier in the entry whose full name holds the mention ("Murray")."""
    if not named:
        return None
    words = mention.split()
    if len(words) > 2 or not all(w[:1].isupper() for w in words):
        return None
    wanted = {w.lower() for w in words}
    for actor in reversed(named):
        if actor.kind == "person" and wanted <= set(actor.name.lower().split()):
            return actor
    return None


def _is_anonymous(mention: str, start: int, end: int, item: Found,
                  anonymous: list[tuple[int, int, str]]) -> bool:
    if anonymous:
        cue_start = item.verb_span[0] if item.verb_span else start
        cue_end = item.verb_span[1] if item.verb_span else end
        for a_start, a_end, category in anonymous:
            if category in ("unnamed_source", "vague_attribution") \
                    and a_start < max(end, cue_end) and min(start, cue_start) < a_end \
                    and a_start < end and start < a_end:
                return True
    words = mention.lower().replace("’", "'").split()
    if not words or words[-1] not in _ANONYMOUS_HEADS:
        return False
    # "a diplomatic source", "Azerbaijani officials"; not "Source Hillary Clinton".
    return not any(w[0].isupper() for w in mention.split()[1:-1] if w[0].isalpha()
                   and w.lower() not in ("diplomatic", "military", "government", "senior"))


def _drop_redundant(text: str, found: list[Found],
                    resolved: list[_Speaker]) -> tuple[list[Found], list[_Speaker]]:
    """Drop attributions nested in one of the same speaker ("he said he plans to …").

    The inner verb adds no voice: its content already lies in the outer speaker's span.
    """
    if len(found) < 2:
        return found, resolved  # nothing to be nested in
    keep: list[int] = []
    for index, item in enumerate(found):
        cue = item.cue
        speaker = resolved[index]
        redundant = False
        if cue is not None and item.kind != "headline":
            cue_start, cue_end = cue.start, cue.end
            for other, outer in enumerate(found):
                if other == index or not _holds(outer.content, cue_start, cue_end):
                    continue
                mention = (speaker.text or "").lower()
                same = (speaker.actor is not None and speaker.actor is resolved[other].actor) \
                    or mention in PERSON_PRONOUNS or mention in ORGANISATION_PRONOUNS \
                    or (speaker.text is not None and speaker.text == resolved[other].text)
                if same:
                    redundant = True
                    break
        if not redundant:
            keep.append(index)
    if len(keep) == len(found):
        return found, resolved
    return [found[i] for i in keep], [resolved[i] for i in keep]


def _holds(stretches: list[tuple[int, int]], start: int, end: int) -> bool:
    """Whether one of the stretches holds ``start``–``end``."""
    for s_start, s_end in stretches:  # noqa: SIM110 - a plain loop costs less than any(genexpr)
        if s_start <= start and end <= s_end:
            return True
    return False


# -- records -------------------------------------------------------------------------------


def _build(text: str, found: list[Found], resolved: list[_Speaker], quotes: list[Quote],
           direct: list[bool], insertions: list[tuple[int, int]],
           unpaired: tuple[int, ...]) -> VoiceAnalysis:
    """Paint the voice spans and assemble the records."""
    quoted: list[tuple[int, int, int | None]] = []
    if quotes:
        owners = [_owner(found, quote.start, quote.end) if is_direct else None
                  for quote, is_direct in zip(quotes, direct, strict=True)]
        _inherit_quote_owners(text, quotes, direct, owners)
        quoted = [(quote.start, quote.end, owner)
                  for quote, is_direct, owner in zip(quotes, direct, owners, strict=True)
                  if is_direct and quote.end > quote.start]
    reported = [(start, end, index) for index, item in enumerate(found)
                for start, end in item.content]
    if len(reported) > 1:
        reported.sort()
    if not quoted and not insertions and _disjoint(reported):
        # The common case (a headline claim, a reported clause): nothing to paint.
        pieces: list[tuple[int, int, str, int | None]] = [
            (start, end, "reported", index) for start, end, index in reported]
    else:
        pieces = _paint(reported, quoted, insertions)
    voices: list[VoiceSpan] = []
    for start, end, voice, owner in pieces:
        while start < end and text[start] in _EDGE:
            start += 1
        while end > start and text[end - 1] in _EDGE:
            end -= 1
        # A span needs a letter or digit; the first character usually is one.
        if start >= end or (not text[start].isalnum()
                            and _ALNUM_RE.search(text, start, end) is None):
            continue
        speaker = resolved[owner] if owner is not None else None
        voices.append(VoiceSpan(
            start, end, "quoted" if voice == "quoted" else "reported",
            speaker.text if speaker else None,
            speaker.actor.side if speaker and speaker.actor else None, owner))
    attributions = tuple([_attribution(text, item, speaker, quoted)
                          for item, speaker in zip(found, resolved, strict=True)])
    scare_quotes: list[ScareQuote] = []
    if not all(direct):
        for quote, is_direct in zip(quotes, direct, strict=True):
            if is_direct:
                continue
            owner = _owner(found, quote.start, quote.end)
            speaker = resolved[owner] if owner is not None else None
            scare_quotes.append(ScareQuote(
                quote.open, quote.close, text[quote.start:quote.end],
                speaker.text if speaker else None,
                speaker.actor.side if speaker and speaker.actor else None))
    return VoiceAnalysis(tuple(voices), attributions, tuple(scare_quotes), tuple(insertions),
                         unpaired)


def _disjoint(stretches: list[tuple[int, int, int]]) -> bool:
    """Whether sorted stretches follow one another without overlapping."""
    for position in range(1, len(stretches)):
        if stretches[position - 1][1] > stretches[position][0]:
            return False
    return True


def _paint(reported: list[tuple[int, int, int]], quoted: list[tuple[int, int, int | None]],
           insertions: list[tuple[int, int]]) -> list[tuple[int, int, str, int | None]]:
    """Cut the text at every boundary; each stretch takes the voice of the innermost thing
    that holds it: a quotation, else the narrowest reported clause (insertions are cut out).
    """
    bounds: set[int] = set()
    for start, end, _ in reported:
        bounds.update((start, end))
    for start, end, _ in quoted:
        bounds.update((start, end))
    for start, end in insertions:
        bounds.update((start, end))
    pieces: list[tuple[int, int, str, int | None]] = []
    for left, right in pairwise(sorted(bounds)):
        if insertions and _holds(insertions, left, right):
            continue
        holder: tuple[int, int, int | None] | None = None
        for quote in quoted:
            if quote[0] <= left and right <= quote[1]:
                holder = quote
                break
        owner: int | None
        if holder is not None:
            voice, owner = "quoted", holder[2]
        else:
            best: tuple[int, int, int] | None = None
            for start, end, index in reported:
                if start <= left and right <= end and (best is None
                                                       or end - start < best[1] - best[0]):
                    best = (start, end, index)
            if best is None:
                continue
            voice, owner = "reported", best[2]
        if pieces and pieces[-1][1] == left and pieces[-1][2] == voice \
                and pieces[-1][3] == owner:
            pieces[-1] = (pieces[-1][0], right, voice, owner)
        else:
            pieces.append((left, right, voice, owner))
    return pieces


def _inherit_quote_owners(text: str, quotes: list[Quote], direct: list[bool],
                          owners: list[int | None]) -> None:
    """Give unattributed quotations the speaker of the quotation they continue."""
    by_group: dict[int, int] = {}
    for quote, owner in zip(quotes, owners, strict=True):
        if owner is not None:
            by_group.setdefault(quote.group, owner)
    last: tuple[int, int] | None = None  # (paragraph break offset, owner) of the last quote
    for position, quote in enumerate(quotes):
        if not direct[position]:
            continue
        if owners[position] is None:
            group_owner = by_group.get(quote.group)
            if group_owner is not None:
                owners[position] = group_owner
            elif last is not None and text.find("\n", last[0], quote.open) < 0:
                owners[position] = last[1]
        owner = owners[position]
        if owner is not None:
            last = (quote.close, owner)


def _attribution(text: str, item: Found, speaker: _Speaker,
                 quoted: list[tuple[int, int, int | None]]) -> Attribution:
    cue = item.cue
    verb_span = item.verb_span
    kind = item.kind
    content = item.content
    if kind == "indirect" and content:
        size = sum(end - start for start, end in content)
        inside = sum(min(end, q_end) - max(start, q_start)
                     for start, end in content for q_start, q_end, _ in quoted
                     if q_start < end and start < q_end) if quoted else 0
        if inside * 2 >= size:
            kind = "direct"
    span = speaker.span or verb_span or (content[0] if content else (0, 0))
    actor = speaker.actor
    return Attribution(
        speaker=speaker.text,
        actor=actor.name if actor else None,
        side=actor.side if actor else None,
        verb=text[verb_span[0]:verb_span[1]] if verb_span else None,
        stance=cue.stance if cue is not None else None,
        kind=kind,  # type: ignore[arg-type]  # one of AttributionKind by construction
        anonymous=speaker.anonymous,
        start=span[0],
        end=span[1],
        verb_start=verb_span[0] if verb_span else None,
        verb_end=verb_span[1] if verb_span else None,
        content_start=content[0][0] if content else None,
        content_end=content[-1][1] if content else None,
    )
