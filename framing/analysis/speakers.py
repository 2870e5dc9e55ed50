"""Speakers: resolving a speaker mention to a lexicon actor, within an entry and across a feed.

A speaker mention is resolved in this order:

1. **Named**: a lexicon actor (name or alias) inside the mention — the last one, since the head
   of an English noun phrase comes last ("the Armenian Foreign Ministry's press department",
   "Defence Ministry spokeswoman Shushan Stepanyan"). Coordinated actors of different sides
   ("Yerevan and Baku") give no actor and no side.
2. **Generic role**: a mention made only of role words ("Presidential Assistant",
   "Defence Ministry", "the foreign minister", "the ministry") is never taken at face value,
   even where a lexicon maps the bare alias to one actor: it resolves to the last compatible
   speaker named earlier in the entry (the headline counts), else — for headline speakers — to
   the single compatible speaker named later in the same entry, else to the single compatible
   speaker a :class:`SpeakerContext` has seen in earlier entries of the feed. Two or more
   candidates leave it unresolved.
3. **Pronouns**: ``he``/``she`` resolve to the last person speaker of the entry, ``it`` and
   ``they`` to the last organisation (ministry, government, military, media, international
   body …); pronouns never reach across entries.

Compatible means: the kind of actor fits the head noun (a ministry for "ministry", a person for
"minister", "president", "assistant"), and every qualifying word of the mention ("defence",
"foreign", "presidential") occurs in one of the actor's names.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from framing.lexicon import Actor, ActorMatch

PERSON_PRONOUNS = frozenset({"he", "she"})
ORGANISATION_PRONOUNS = frozenset({"it", "they"})
_DETERMINERS = frozenset({"the", "a", "an", "its", "this", "that", "their", "his", "her"})
# Head nouns of role mentions, with the actor kinds they can refer to.
_PERSON = frozenset({"person", "ombudsman", "prosecutor"})
_BODY = frozenset({"government", "military", "ministry", "media", "international",
                   "organisation", "prosecutor", "ombudsman"})
HEAD_KINDS: dict[str, frozenset[str]] = {
    "ministry": frozenset({"ministry"}),
    "ministries": frozenset({"ministry"}),
    "mod": frozenset({"ministry"}),
    "mfa": frozenset({"ministry"}),
    "department": frozenset({"ministry", "government"}),
    "minister": _PERSON,
    "president": _PERSON,
    "premier": _PERSON,
    "assistant": _PERSON,
    "aide": _PERSON,
    "adviser": _PERSON,
    "advisor": _PERSON,
    "spokesman": _PERSON,
    "spokeswoman": _PERSON,
    "spokesperson": _PERSON,
    "secretary": _PERSON,
    "secretary-general": _PERSON,
    "chief": _PERSON,
    "leader": _PERSON,
    "ombudsman": frozenset({"ombudsman", "person"}),
    "defender": frozenset({"ombudsman", "person"}),
    "commissioner": frozenset({"ombudsman", "person"}),
    "prosecutor": frozenset({"prosecutor", "person"}),
    "office": frozenset({"prosecutor", "government", "ministry"}),
    "government": frozenset({"government"}),
    "authorities": frozenset({"government"}),
    "administration": frozenset({"government"}),
    "cabinet": frozenset({"government"}),
    "parliament": frozenset({"government"}),
    "army": frozenset({"military"}),
    "military": frozenset({"military"}),
    "forces": frozenset({"military"}),
    "mission": frozenset({"international", "organisation", "government", "ministry"}),
    "delegation": frozenset({"international", "government", "ministry"}),
    "agency": frozenset({"media", "government", "international", "organisation"}),
    "service": frozenset({"government", "ministry", "military"}),
    "committee": frozenset({"international", "organisation", "government"}),
    "council": frozenset({"international", "government"}),
    "organisation": frozenset({"international", "organisation"}),
    "organization": frozenset({"international", "organisation"}),
    "group": frozenset({"international", "organisation"}),
}
# Words that qualify a role without naming anyone; a mention made only of these (and a head
# from HEAD_KINDS) is generic.
ROLE_WORDS = frozenset({
    "defence", "defense", "foreign", "interior", "emergencies", "emergency", "situations",
    "presidential", "prime", "general", "prosecutor's", "prosecutor", "deputy", "press",
    "state", "security", "national", "human", "rights", "affairs", "of", "for", "the",
    "ministry's", "minister's", "president's", "first", "vice", "vice-president", "chief",
    "senior", "top", "official", "permanent", "ministry", "ministries", "minister", "president",
    "assistant", "aide", "adviser", "advisor", "spokesman", "spokeswoman", "spokesperson",
    "secretary", "secretary-general", "leader", "ombudsman", "defender", "commissioner",
    "office", "government", "authorities", "administration", "cabinet", "parliament", "army",
    "military", "forces", "armed", "mission", "delegation", "agency", "service", "committee",
    "council", "department", "mod", "mfa", "head", "representative", "envoy", "ambassador",
})
# Words that do not narrow a role down ("the ministry's press service" is the ministry).
_FILLERS = frozenset({"press", "senior", "top", "official", "service"})
_WORD_RE = re.compile(r"[\w’'-]+")
_SPELLINGS = {"defense": "defence", "organization": "organisation", "advisor": "adviser"}


def _words(text: str) -> list[str]:
    return [_SPELLINGS.get(w, w) for w in _WORD_RE.findall(text.lower().replace("’", "'"))]


def _name_words(actor: Actor) -> frozenset[str]:
    words: set[str] = set()
    for name in actor.names:
        for word in _words(name):
            words.add(word)
            if word.endswith("'s"):
                words.add(word[:-2])
    return frozenset(words)


_NAME_WORDS: dict[int, frozenset[str]] = {}


def name_words(actor: Actor) -> frozenset[str]:
    """Lower-cased words of all the actor's names (cached per actor object)."""
    key = id(actor)
    cached = _NAME_WORDS.get(key)
    if cached is None:
        if len(_NAME_WORDS) > 4096:
            _NAME_WORDS.clear()
        cached = _NAME_WORDS[key] = _name_words(actor)
    return cached


_ROLE_CACHE: dict[str, tuple[str | None, tuple[str, ...]]] = {}


def role_head(mention: str) -> tuple[str | None, tuple[str, ...]]:
    """The head noun of a role mention and its qualifying words, or (None, ()) for a name.

    Args:
        mention: the speaker mention as written.

    Returns:
        ``(head, qualifiers)`` when every word is a role word ("the foreign ministry" gives
        ``("ministry", ("foreign",))``), else ``(None, ())``.
    """
    cached = _ROLE_CACHE.get(mention)
    if cached is not None:
        return cached
    words = [w for w in _words(mention) if w not in _DETERMINERS]
    result: tuple[str | None, tuple[str, ...]] = (None, ())
    if words and all(w in ROLE_WORDS for w in words):
        heads = [w for w in words if w in HEAD_KINDS]
        if heads:
            head = heads[-1]
            # "the ministry's spokesman": the head is the last role noun, the rest qualifies.
            result = (head, tuple(w for w in words if w != head and w not in ("of", "for")))
    if len(_ROLE_CACHE) > 4096:
        _ROLE_CACHE.clear()
    _ROLE_CACHE[mention] = result
    return result


def compatible(actor: Actor, head: str, qualifiers: Sequence[str]) -> bool:
    """Whether a role mention (head + qualifiers) can refer to an actor.

    Args:
        actor: the candidate.
        head: the mention's head noun (a key of ``HEAD_KINDS``).
        qualifiers: its other role words.

    Returns:
        True if the actor's kind fits the head, a person's names contain the head ("the
        president" fits an actor known as "Azerbaijan's President"), and every qualifier
        occurs in the actor's names.
    """
    kinds = HEAD_KINDS.get(head, _BODY)
    if actor.kind not in kinds:
        return False
    words = name_words(actor)
    if actor.kind == "person" and head not in words:
        return False
    for qualifier in qualifiers:
        if qualifier in _FILLERS:
            continue
        if qualifier not in words and qualifier.removesuffix("'s") not in words:
            return False
    return True


def pronoun_fits(actor: Actor, pronoun: str) -> bool:
    """Whether a pronoun can refer to an actor (he/she: persons; it/they: organisations).

    Args:
        actor: the candidate.
        pronoun: a lower-cased pronoun.

    Returns:
        True if compatible.
    """
    if pronoun in PERSON_PRONOUNS:
        return actor.kind == "person"
    return actor.kind != "person"


def actor_in_span(actors: Iterable[ActorMatch], start: int, end: int) -> Actor | bool | None:
    """The actor a mention names, False when its actors disagree on the side, None if none.

    Args:
        actors: actor matches of the text, by start.
        start, end: the mention.

    Returns:
        The last actor inside the span (the head), ``False`` for coordinated actors of
        different sides, or None.
    """
    inside = [a for a in actors if a.start >= start and a.end <= end]
    if not inside:
        return None
    sides = {a.actor.side for a in inside}
    if len(sides) > 1 and len({a.actor.name for a in inside}) > 1:
        # "Yerevan and Baku": two sides, no single speaker. "Stepanyan of the Armenian
        # Defence Ministry": one side, the head wins below.
        return False
    return inside[-1].actor


@dataclass
class SpeakerContext:
    """Speakers named in earlier entries of one feed or outlet, carried in reading order.

    Pass the same context to :func:`framing.analysis.voice.analyze_voice` for each entry of a
    feed, in the order the entries were published; a generic mention in a later entry
    ("Presidential Assistant", "Defence Ministry") then resolves to the one compatible speaker
    seen before, and stays unresolved when there are several.

    Example:
        >>> from framing.lexicon import Matcher, resolve_lexicons
        >>> from framing.analysis.voice import analyze_voice
        >>> matcher = Matcher(resolve_lexicons([]))
        >>> context = SpeakerContext()
        >>> first = "Ganja Hit, Azerbaijani Presidential Assistant Says"
        >>> _ = analyze_voice(first, matcher=matcher, title_end=len(first), context=context)
        >>> later = "Houses Destroyed - Presidential Assistant"
        >>> result = analyze_voice(later, matcher=matcher, title_end=len(later),
        ...                        context=context)
        >>> result.attributions[0].actor
        'Hikmet Hajiyev'
    """

    speakers: list[Actor] = field(default_factory=list)
    """Distinct actors named as speakers so far, oldest first."""

    def remember(self, actor: Actor) -> None:
        """Record an actor named as a speaker (kept once, moved to the end).

        Args:
            actor: the actor.
        """
        for position, seen in enumerate(self.speakers):
            if seen is actor or seen.name == actor.name:
                del self.speakers[position]
                break
        self.speakers.append(actor)

    def resolve(self, head: str, qualifiers: Sequence[str]) -> Actor | None:
        """The single earlier speaker a role mention fits, or None when none or several do.

        Args:
            head: the mention's head noun.
            qualifiers: its other role words.

        Returns:
            The actor, or None.
        """
        found = [actor for actor in self.speakers if compatible(actor, head, qualifiers)]
        return found[0] if len(found) == 1 else None
