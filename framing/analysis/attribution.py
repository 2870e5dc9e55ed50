"""Attribution: who says what, found from reporting verbs and the shape of news sentences.

Attribution starts from a list of cues — the ``reporting-verbs`` lexicon matches (with their
stance), a few verbs of naming and cognition the lexicon leaves out (``calls``, ``believes``,
``found``), ``according to`` and ``as quoted by`` — and keeps a cue only where the sentence
around it has the shape of an attribution. Cues inside quotations are the quoted speaker's own
words and are skipped, as are cues used as nouns, adjectives, infinitives or passives ("the
report", "alleged violations", "to speak", "a device was found", "a stream called X"), and
capitalised cues inside a sentence ("The New York Post").

For each cue:

* **speaker**: the noun phrase before the verb, walking back over auxiliaries, adverbs and time
  expressions ("Prime Minister Justin Trudeau on Friday said"), a subject pronoun, the
  antecedent of "who"; or, after a comma or a closing quotation mark, the phrase after the verb
  ("…," said Caddell); a participle or a coordinated verb (", adding that", "and urged")
  inherits the speaker of the attribution before it in the sentence;
* **content**:
  - *postposed* ("…, X said." with nothing but adverbials after the verb): from the sentence
    start to the comma before the speaker;
  - *preposed* ("X said (that) …"): the clause after the verb, to the sentence end or to the
    next attribution of the sentence; what a verb may take depends on its class — "that" or a
    quotation for every verb, a bare clause for verbs of saying and thinking, an object then a
    clause for ``tell``-type verbs, an infinitive for ``urge``-type verbs, a noun phrase for
    ``condemn``-type verbs; ``published a blacklist`` takes nothing;
  - a quotation or a colon right after the verb (the quotation may open the next paragraph);
  - content stops at the next clause of the sentence (", adding", ", the ministry said",
    ", although").

When a cue has a speaker but no content it is kept aside: a scare-quoted term later in the same
clause ("Baku declared a 'counter-offensive operation'") is attributed to that speaker. Verbs
of speaking proper (say, tell, write …) are kept as attributions without content ("Graham told
The Times on Thursday."): someone spoke, and what they said is in a quotation nearby.

Two cue-less conventions are recognised too: a short name and a colon opening a paragraph
("Pat Caddell: …"), and a quotation signed after a dash ("“…” ― Sonya Herridge").

Headlines of wire and live-feed copy follow their own conventions (see
:func:`find_headline_attribution`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

from framing.analysis.quotes import Quote
from framing.lexicon import Match


def _wordset(words: str) -> frozenset[str]:
    """The whitespace-separated words of a string (word lists kept readable as prose)."""
    return frozenset(words.split())


REPORTING_VERBS = "reporting-verbs"
ANONYMOUS_SOURCES = "anonymous-sources"

# Cues outside the reporting-verbs lexicon: verbs of naming ("calls X 'Y'"), of thinking and of
# finding, which news copy uses to attribute content as often as verbs of saying. Forms map to
# lemmas; their stance is None because the stance lexicon does not class them.
_EXTRA_FORMS: dict[str, str] = {
    **dict.fromkeys(("call", "calls", "called", "calling"), "call"),
    **dict.fromkeys(("believe", "believes", "believed"), "believe"),
    **dict.fromkeys(("think", "thinks", "thought"), "think"),
    **dict.fromkeys(("find", "finds", "found"), "find"),
    **dict.fromkeys(("expect", "expects", "expected"), "expect"),
    **dict.fromkeys(("hope", "hopes", "hoped"), "hope"),
    **dict.fromkeys(("fear", "fears", "feared"), "fear"),
    **dict.fromkeys(("estimate", "estimates", "estimated"), "estimate"),
    **dict.fromkeys(("praise", "praises", "praised", "praising"), "praise"),
    **dict.fromkeys(("worry", "worries", "worried"), "worry"),
    **dict.fromkeys(("question", "questions", "questioned", "questioning"), "question"),
    **dict.fromkeys(("want", "wants", "wanted"), "want"),
    **dict.fromkeys(("continue", "continues", "continued"), "continue"),
    # Verbs of knowing and intending, kept only with a clause ("knows that", "plans to").
    **dict.fromkeys(("know", "knows", "knew"), "know"),
    **dict.fromkeys(("learn", "learns", "learned", "learnt"), "learn"),
    **dict.fromkeys(("understand", "understands", "understood"), "understand"),
    **dict.fromkeys(("realize", "realizes", "realized", "realise", "realises", "realised"),
                    "realise"),
    **dict.fromkeys(("feel", "feels", "felt"), "feel"),
    **dict.fromkeys(("decide", "decides", "decided"), "decide"),
    **dict.fromkeys(("plan", "plans", "planned", "planning"), "plan"),
    **dict.fromkeys(("refuse", "refuses", "refused", "refusing"), "refuse"),
    **dict.fromkeys(("decline", "declines", "declined", "declining"), "decline"),
    **dict.fromkeys(("offer", "offers", "offered"), "offer"),
    **dict.fromkeys(("joke", "jokes", "joked", "joking"), "joke"),
    **dict.fromkeys(("liken", "likens", "likened"), "liken"),
    **dict.fromkeys(("echo", "echoes", "echoed"), "echo"),
    "according": "according to",
}


class _TrieNode(dict[str, "_TrieNode"]):
    """A node of a character trie ("" marks the end of a word)."""


def _trie_pattern(words: list[str]) -> str:
    """A regular expression matching any of the words, shaped as a character trie.

    A trie-shaped alternation is several times faster to search than a flat one.
    """
    root = _TrieNode()
    for word in words:
        node = root
        for char in word:
            node = node.setdefault(char, _TrieNode())
        node[""] = _TrieNode()

    def emit(node: _TrieNode) -> str:
        branches = [re.escape(char) + emit(child) for char, child in sorted(node.items())
                    if char]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return emit(root)


# Searched in the lower-cased text; "so-called" and "self-described" are not cues.
_EXTRA_RE = re.compile(r"(?<![\w-])" + _trie_pattern(sorted(_EXTRA_FORMS)) + r"(?![\w-])")
_ACCORDING_TO_RE = re.compile(r"according\s+to\b")
_SAID_TO_BEFORE_RE = re.compile(r"\b(?:is|are|was|were)\s+(?:also\s+|reportedly\s+)?\Z")
_SAID_TO_AFTER_RE = re.compile(r"\s+to(?:\s+have)?\b")
_AS_QUOTED_BY_RE = re.compile(r"\bas\s+quoted\s+by\b")

# Verbs that take content only through "that" (or a wh-word): "knows that", "learned that".
THAT_ONLY = frozenset({"know", "learn", "understand", "realise", "feel", "decide", "joke"})
# Verbs that take a bare clause ("said he would", "believes the vote was rigged").
SAY_CLAUSE = _wordset("""
say tell claim allege add insist argue assert contend maintain write explain warn believe think
suggest predict hope fear expect estimate find note stress emphasise acknowledge admit concede
swear testify complain boast brag worry indicate report recall reiterate aver posit opine
surmise speculate hint imply remark observe respond reply answer retort quip show demonstrate
prove reveal
""")
TELL_OBJECT = _wordset("tell inform assure reassure remind warn notify advise ask urge "
                        "persuade convince")
TO_INFINITIVE = _wordset("urge ask vow pledge promise threaten demand warn advise request "
                          "call encourage propose tell want agree plan refuse decline offer "
                          "decide") | {"call on"}
NOUN_OBJECT = _wordset("""
condemn deny reject welcome criticise slam blast denounce decry deplore lament accuse blame
express voice reiterate reaffirm confirm acknowledge admit dispute dismiss refute rebut reveal
disclose praise castigate lambast excoriate rebuke censure mock ridicule deride vilify brand
bash assail denigrate call propose recommend request demand question hit rail lash take round
cite mention liken echo
""") | {"call for", "call out", "point out", "hit out", "lash out", "rail against",
                "take aim at", "round on"}
# Lemmas that never introduce content in a headline ("MoD Publishes Video of …").
_HEADLINE_EXCLUDED = frozenset({"publish", "post", "speak", "ask", "answer", "respond",
                                "quote", "cite", "observe", "agree", "report", "welcome",
                                "express", "voice", "call for"})

# A word (with inner ’ ' - . &, and a possessive ’s) or one other non-space character:
# `\w+(?:[’'\-.&]\w+)*(?:[’']s?(?!\w))?|[^\w\s]`, rewritten for speed with the same matches: it
# opens with a character class, so that `re` skips spaces in C, and its quantifiers are
# possessive (nothing after them can fail, so backtracking never happens anyway).
_TOKEN_RE = re.compile(r"[^\s](?:(?<=\w)\w*+(?:[’'\-.&]\w++)*+(?:[’']s?+(?!\w))?+)?+")
DETERMINERS = _wordset("""
the a an this these those its his her their our my your another each every both all some
several many few no any one two three four five six seven eight nine ten most
""")
SUBJECT_PRONOUNS = frozenset({"he", "she", "it", "they", "we", "i", "you"})
_OBJECT_PRONOUNS = frozenset({"him", "her", "them", "us", "me", "himself", "herself",
                              "themselves", "itself"})
# Words allowed between a subject and its verb.
_BETWEEN = _wordset("""
also has have had was were is are be been being will would could should may might must can
cannot did does do not never n't later earlier previously again then first further once already
still just even only now today yesterday tonight recently reportedly repeatedly allegedly
apparently publicly privately officially initially subsequently finally therefore however too
often always usually long since quickly immediately openly flatly angrily last ever
""") | frozenset(
    f"{word}{apostrophe}t" for word in ("didn", "doesn", "don", "won", "wouldn", "couldn",
                                        "can", "isn", "wasn", "hasn", "haven", "hadn",
                                        "shouldn", "aren", "weren", "mustn", "mightn")
    for apostrophe in "'’")
_TIME_WORDS = _wordset("""
monday tuesday wednesday thursday friday saturday sunday morning afternoon evening night
weekend week month year day days weeks months years hours today tonight yesterday january
february march april may june july august september october november december jan feb mar apr
jun jul aug sep sept oct nov dec am pm a.m p.m gmt local time
""")
_DAY_WORDS = _wordset("""
monday tuesday wednesday thursday friday saturday sunday today tonight yesterday
""")
_TIME_LEADS = frozenset({"on", "late", "early", "last", "this", "next", "earlier", "later",
                         "in", "during", "at", "by", "on late", "until"})
# Words that end a speaker noun phrase (walking back from the verb).
_NP_STOP = _wordset("""
in on at by with from to into onto over under about after before during since until against
among between through without within upon via per than as like but or nor so yet because
although though while if when whether where once unless who which that whom whose what why how
there here not is are was were be been being has have had do does did will would could should
may might must can said says say told tells adding saying according
""") | _BETWEEN | _OBJECT_PRONOUNS
_NP_JOINERS = frozenset({"of", "for", "and", "&", "de", "al", "von", "van", "bin", "der"})
_PREPOSITIONS = _wordset("""
in on at by with from to for of into onto over under about after before during since until against
among between through without within upon via per across amid amidst toward towards near
""")
_MODALS = frozenset({"would", "will", "could", "can", "should", "may", "might", "must",
                     "had", "has", "have", "was", "were", "is", "are", "did", "does", "do"})
_WH_WORDS = frozenset({"how", "what", "why", "whether", "if", "when", "where", "who"})
# Words that cannot open a bare clause after a verb of saying.
_NOT_CLAUSE = _wordset("""
as and or but nor so than then also again later earlier goodbye hello thanks sorry yes no
""")
_CLOSE_QUOTES = frozenset("\"”’'»")
_OPEN_QUOTES = frozenset("\"“‘'«„")
_DATELINE_RE = re.compile(
    r"(?P<place>[A-Z][A-Z .,'’-]{1,40})(?:\s*\([^)\n]{1,40}\))?\s*[-–—]+\s+"
    r"|\([A-Z][\w .]{1,30}\)\s*[-–—]+\s+")
_MAX_NP = 12
# Characters read before and after a cue (speaker, apposition, complement).
_WINDOW_BEFORE = 140
_WINDOW_AFTER = 90
_CONTRACTION_RE = re.compile(r"(he|she|it|they|we|i|you)[’'](?:s|re|ve|d|ll|m)")
# -ing and -ed words that are nouns often enough inside a speaker's name or title.
_NOUN_FORMS = frozenset({"meeting", "briefing", "building", "hearing", "ruling", "spokesperson",
                         "king", "wing", "ring", "thing", "evening", "morning", "feed", "seed",
                         "need", "speed", "bed", "red", "shed", "breed", "creed", "reed"})
_HONORIFICS = _wordset("mr mrs ms dr sen rep gov gen lt col maj capt sgt adm prof rev st "
                        "jr sr pres amb")
_PLURAL_HEADS = frozenset({"people", "police", "media", "staff", "public", "women", "men",
                           "children", "data", "team", "crew", "they", "we", "you", "i"})


@dataclass(slots=True)
class Cue:
    """A candidate attribution cue (internal).

    Attributes:
        start, end: the cue as written (``said``, ``according to``, ``calls``).
        lemma: the lexicon lemma (``say``), or the extra cue's lemma.
        stance: the stance from ``reporting-verbs``, or None.
        special: ``according``, ``quoted_by``, ``said_to`` for the fixed constructions, else "".
        verb: the verb inside a longer cue (``said`` of ``is said to have``), or None.
    """

    start: int
    end: int
    lemma: str
    stance: str | None
    special: str = ""
    verb: tuple[int, int] | None = None

    @property
    def verb_span(self) -> tuple[int, int]:
        """The verb as reported: ``said`` of ``is said to have``, else the whole cue."""
        return self.verb if self.verb is not None else (self.start, self.end)


@dataclass(slots=True)
class Found:
    """An attribution being built (internal; becomes an :class:`Attribution`).

    Attributes:
        cue: the cue.
        speaker: ``(start, end)`` of the speaker mention, or None.
        inherited: the attribution whose speaker a participle or coordinated verb takes.
        content: the attributed stretches, ``(start, end)`` each.
        kind: ``direct``, ``indirect``, ``according_to`` or ``headline``.
        anonymous: True for unnamed sources.
        verb_span: ``(start, end)`` of the verb as reported, or None (for headline dashes it
            is the dash).
    """

    cue: Cue | None
    speaker: tuple[int, int] | None
    content: list[tuple[int, int]] = field(default_factory=list)
    kind: str = "indirect"
    anonymous: bool = False
    inherited: Found | None = None
    verb_span: tuple[int, int] | None = None


def collect_cues(text: str, matches: list[Match], lowered: str) -> list[Cue]:
    """Candidate cues of a text: reporting-verb matches plus the extra forms, by start.

    Args:
        text: the text.
        matches: the matcher's lexicon matches of the text.
        lowered: ``text.lower()`` (same length as ``text``).

    Returns:
        The cues in text order, one per start (a lexicon match wins over an extra form).
    """
    cues: dict[int, Cue] = {}
    for match in matches:
        if match.lexicon != REPORTING_VERBS:
            continue
        start, end = match.start, match.end
        lemma = match.entry.term or match.entry.label
        if lemma == "say" and lowered.startswith("said", start):
            # The anchored "to" after first: it rules out most "said" without the search.
            after = _SAID_TO_AFTER_RE.match(lowered, end)
            before = _SAID_TO_BEFORE_RE.search(lowered, max(0, start - 24), start) \
                if after is not None else None
            if before is not None and after is not None:
                # "X is said to have …": the speaker is X, the content what follows.
                cues[before.start()] = Cue(before.start(), after.end(), "say",
                                           match.entry.category, "said_to", (start, end))
                continue
        if lemma == "quote" and start >= 3:
            quoted_by = _AS_QUOTED_BY_RE.match(lowered, max(0, start - 3))
            if quoted_by is not None and quoted_by.start() < start:
                cues[quoted_by.start()] = Cue(quoted_by.start(), quoted_by.end(), "quote",
                                              match.entry.category, "quoted_by")
                continue
        cues[start] = Cue(start, end, lemma, match.entry.category)
    for start, end in _extra_hits(lowered):
        if start in cues:
            continue
        word = lowered[start:end]
        if word == "according":
            after = _ACCORDING_TO_RE.match(lowered, start)
            if after is not None:
                cues[start] = Cue(start, after.end(), "according to", None, "according")
        elif word != "accord":
            cues[start] = Cue(start, end, _EXTRA_FORMS[word], None)
    return [cues[start] for start in sorted(cues)]


def _extra_automaton() -> Any:
    """An Aho-Corasick automaton of the extra forms, or None without pyahocorasick."""
    try:
        import ahocorasick
    except ImportError:  # pragma: no cover - pyahocorasick is a dependency
        return None
    automaton = ahocorasick.Automaton()
    for form in _EXTRA_FORMS:
        automaton.add_word(form, len(form))
    automaton.make_automaton()
    return automaton


_EXTRA_AUTOMATON = _extra_automaton()


def _extra_hits(lowered: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each extra form in the lower-cased text, by start: exactly the
    matches of ``_EXTRA_RE``, a form with no word character or hyphen on either side.

    The automaton finds them in half the time of the expression, whose leading look-behind
    is tried at every offset. Forms are letters only, so a form with free sides is the whole
    run of word characters and hyphens around it: one form per run, hits never overlap.
    """
    if _EXTRA_AUTOMATON is None:  # pragma: no cover - pyahocorasick is a dependency
        return [hit.span() for hit in _EXTRA_RE.finditer(lowered)]
    size = len(lowered)
    hits = []
    for last, length in _EXTRA_AUTOMATON.iter(lowered):
        start = last - length + 1
        if start:
            before = lowered[start - 1]
            if before.isalnum() or before == "_" or before == "-":
                continue
        if last + 1 < size:
            after = lowered[last + 1]
            if after.isalnum() or after == "_" or after == "-":
                continue
        hits.append((start, last + 1))
    return hits


class Token(NamedTuple):
    """A word or punctuation token with its offsets (internal)."""

    start: int
    end: int
    text: str
    low: str


def tokens_between(text: str, start: int, end: int) -> list[Token]:
    """Tokens of a stretch of text.

    Args:
        text: the text.
        start, end: the stretch.

    Returns:
        Words (with internal apostrophes, hyphens and dots) and single punctuation marks.
    """
    new = tuple.__new__  # the C constructor: Token(...) would run Python code per token
    return [new(Token, (m.start(), m.end(), word, word.lower()))
            for m in _TOKEN_RE.finditer(text, start, end) for word in (m.group(),)]


def _is_word(token: Token) -> bool:
    return token.text[0].isalnum() or token.text[0] == "_"


def _is_time(tokens: list[Token], index: int) -> bool:
    token = tokens[index]
    return token.low in _TIME_WORDS or token.low.isdigit() or token.low in ("gmt", "utc")


def speaker_before(text: str, tokens: list[Token], *,
                   at_start: bool = True) -> tuple[int, int] | None:
    """The subject noun phrase that ends the tokens (the tokens before a verb).

    Args:
        text: the text.
        tokens: the tokens before the verb (from the sentence start, or a window).
        at_start: whether the tokens begin at the sentence start.

    Returns:
        ``(start, end)`` of the speaker mention, or None.
    """
    index = len(tokens) - 1
    # Auxiliaries, adverbs, time expressions and brackets between the subject and the verb.
    while index >= 0:
        token = tokens[index]
        low = token.low
        if low in _BETWEEN or (len(low) > 4 and low.endswith("ly") and token.text.islower()):
            index -= 1
        elif token.text == ")":
            opening = index - 1
            while opening >= 0 and tokens[opening].text != "(" and index - opening < 12:
                opening -= 1
            if opening < 0 or tokens[opening].text != "(":
                return None
            index = opening - 1
        elif _is_time(tokens, index) and (
                token.low in _DAY_WORDS or (index >= 1 and (
                    tokens[index - 1].low in _TIME_LEADS or _is_time(tokens, index - 1)))):
            # "on Friday", "last week", "on Thursday morning"; not "the past two weeks".
            index -= 1
            while index >= 0 and (_is_time(tokens, index) or tokens[index].low in _TIME_LEADS):
                index -= 1
        else:
            break
    if index < 0:
        return None
    token = tokens[index]
    if token.low in SUBJECT_PRONOUNS:
        return token.start, token.end
    contraction = _CONTRACTION_RE.fullmatch(token.low)
    if contraction is not None:
        return token.start, token.start + len(contraction.group(1))  # "He’s claiming"
    if token.low in ("who", "which"):
        # "officials, who said": the antecedent.
        index -= 1
        if index >= 0 and tokens[index].text == ",":
            index -= 1
        return _noun_phrase_back(tokens, index)
    if token.text == "," and index >= 1:
        return _apposed_subject(tokens, index, at_start=at_start)
    return _noun_phrase_back(tokens, index)


def _apposed_subject(tokens: list[Token], comma: int, *,
                     at_start: bool = True) -> tuple[int, int] | None:
    """The subject before appositions that end at a comma right before the verb.

    "Megan Hester, senior associate at the Institute, said"; "Trump, speaking to veterans,
    said"; "Donna Rawlings, 59, of Ashton, Md., who watched the ceremony, said". Up to four
    comma-separated stretches are skipped; the subject must open the sentence or follow a
    conjunction or punctuation.

    Args:
        tokens: tokens from the sentence start to the verb.
        comma: index of the comma before the verb.
        at_start: whether the tokens begin at the sentence start.

    Returns:
        ``(start, end)`` from the subject to the end of the last apposition, or None.
    """
    end = tokens[comma - 1].end
    position = comma
    for _ in range(4):
        previous = position - 1
        while previous >= 0 and tokens[previous].text != ",":
            if tokens[previous].text in _CLOSE_QUOTES or tokens[previous].text in _OPEN_QUOTES \
                    or tokens[previous].text in (";", ":") or position - previous > 18:
                return None
            previous -= 1
        if previous >= 1 and tokens[previous - 1].text == ")":
            # "Rep. Jim Jordan (R-Ohio), an oversight panel member, said"
            opening = previous - 1
            while opening >= 0 and tokens[opening].text != "(" and previous - opening < 12:
                opening -= 1
            if opening >= 1 and tokens[opening].text == "(":
                found = _noun_phrase_back(tokens, opening - 1)
                if found is not None:
                    return found[0], end
        if previous < 1:
            return None
        found = _noun_phrase_back(tokens, previous - 1)
        if found is not None:
            first = next(i for i, t in enumerate(tokens) if t.start == found[0])
            if (first == 0 and at_start) or (first > 0 and not _is_word(tokens[first - 1])) \
                    or (first > 0 and tokens[first - 1].low in ("and", "but", "while", "when",
                                                                "as")):
                return found[0], end
        position = previous
    return None


def _noun_phrase_back(tokens: list[Token], index: int) -> tuple[int, int] | None:
    """The noun phrase ending at ``tokens[index]``, walking back."""
    if index < 0:
        return None
    last = index
    first = -1
    while index >= 0 and last - index < _MAX_NP:
        token = tokens[index]
        low = token.low
        if not _is_word(token):
            if token.text == "." and index >= 1 and index < last and (
                    (len(tokens[index - 1].text) == 1 and tokens[index - 1].text.isupper())
                    or tokens[index - 1].low in _HONORIFICS):
                index -= 1  # an initial or a title: "John F. Kennedy", "Mr. Morgan"
                continue
            break
        if low in _NP_JOINERS:
            if index == last:
                return None
            index -= 1
            continue
        if low in _NP_STOP and not (token.text[0].isupper() and low not in SUBJECT_PRONOUNS
                                    and low not in _BETWEEN and low not in _NP_STOP_CAPITAL):
            break
        if low in SUBJECT_PRONOUNS or low in _OBJECT_PRONOUNS:
            break
        if index < last and low in _TIME_WORDS and token.text.islower():
            break  # "Later that day Baku said": the time expression is not the speaker
        if token.text.islower() and low not in _NOUN_FORMS and (
                (len(low) > 4 and low.endswith("ing")) or (len(low) > 3 and low.endswith("ed"))):
            break  # a verb form: "began taking calls", "chemicals found"
        first = index
        index -= 1
    if first < 0:
        return None
    # Trim joiners left dangling at the front ("of the ministry" after a stop word).
    while first <= last and (tokens[first].low in _NP_JOINERS or tokens[first].text == "."):
        first += 1
    if first > last:
        return None
    words = [t for t in tokens[first:last + 1] if _is_word(t)]
    if not words or all(t.low in DETERMINERS or t.low.isdigit() for t in words):
        return None
    head = tokens[last]
    if head.low in DETERMINERS or head.low in _NP_JOINERS:
        return None
    return tokens[first].start, tokens[last].end


# Capitalised words that still stop a noun phrase at the start of a sentence ("But the
# ministry said", "When he said").
_NP_STOP_CAPITAL = _wordset("""
in on at by with from to into over under about after before during since until against but or
so yet because although though while if when whether where once unless who which that what
there here not is are was were has have had do does did will would could should may might must
can however meanwhile also and as like then still
""")


def noun_phrase_after(tokens: list[Token], index: int) -> tuple[int, int, int] | None:
    """The noun phrase that starts at ``tokens[index]`` (an inverted speaker, an object).

    Args:
        tokens: tokens of the rest of the sentence.
        index: where the phrase starts.

    Returns:
        ``(start, end, next index)`` or None.
    """
    first = index
    while index < len(tokens) and index - first < _MAX_NP:
        token = tokens[index]
        if not _is_word(token):
            if token.text == "." and index > first and (
                    (len(tokens[index - 1].text) == 1 and tokens[index - 1].text.isupper())
                    or tokens[index - 1].low in _HONORIFICS) and index + 1 < len(tokens) \
                    and tokens[index + 1].text[0].isupper():
                index += 1
                continue
            break
        low = token.low
        if low in _NP_JOINERS and index > first:
            index += 1
            continue
        if index > first and (low in _NP_STOP or low in _PREPOSITIONS) \
                and not token.text[0].isupper():
            break
        if index == first and (low in _PREPOSITIONS or low in _NP_STOP) \
                and low not in SUBJECT_PRONOUNS:
            return None
        index += 1
    last = index - 1
    while last >= first and tokens[last].low in _NP_JOINERS:
        last -= 1
    if last < first:
        return None
    return tokens[first].start, tokens[last].end, last + 1


_LEADING_CONNECTIVES = _wordset("""
meanwhile but and however still yet also so then later earlier instead separately now today
""")
_NO_INHERIT = frozenset({"find", "want", "expect", "hope", "fear", "estimate", "worry",
                         "continue", "believe", "think", "know", "learn", "understand",
                         "realise", "feel", "decide", "plan", "refuse", "decline", "offer",
                         "joke"})


def sentence_subject(tokens: list[Token]) -> tuple[int, int] | None:
    """The noun phrase that opens a sentence and is followed by a verb-like word.

    Args:
        tokens: the sentence's tokens (up to some point).

    Returns:
        ``(start, end)`` or None.
    """
    index = 0
    if index < len(tokens) and tokens[index].low in _LEADING_CONNECTIVES:
        index += 1
        if index < len(tokens) and tokens[index].text == ",":
            index += 1
    if index >= len(tokens):
        return None
    if tokens[index].low in SUBJECT_PRONOUNS:
        return tokens[index].start, tokens[index].end
    phrase = noun_phrase_after(tokens, index)
    if phrase is None or phrase[2] >= len(tokens):
        return None
    following = tokens[phrase[2]]
    if not _is_word(following) or not following.text.islower():
        return None
    return phrase[0], phrase[1]


_AFTER_VERB_ADVERBS = frozenset({"also", "again", "later", "earlier", "previously", "repeatedly",
                                 "today", "yesterday", "tonight", "then", "too", "further",
                                 "once", "recently"})


def skip_adverbials(tokens: list[Token], index: int) -> int:
    """Index of the first token after adverbs and time expressions ("on Friday", "later").

    Args:
        tokens: tokens after a verb.
        index: where to start.

    Returns:
        The index of the first other token.
    """
    while index < len(tokens):
        token = tokens[index]
        low = token.low
        if low in _AFTER_VERB_ADVERBS or (
                len(low) > 4 and low.endswith("ly") and token.text.islower()) \
                or _is_time(tokens, index):
            index += 1
        elif low in _TIME_LEADS and index + 1 < len(tokens) and _is_time(tokens, index + 1):
            index += 2
        else:
            break
    return index


# Words before a cue that make it a noun, an adjective or an infinitive.
_NOUN_MARKERS = _wordset("""
the a an this that these those its his her their our my your no any every each to of for by
with without over about against on in whose
""")


def is_noun_use(text: str, tokens_before: list[Token], cue: Cue) -> bool:
    """Whether a cue is used as a noun, adjective or infinitive ("the report", "to speak").

    Args:
        text: the text.
        tokens_before: tokens from the sentence start to the cue.
        cue: the cue.

    Returns:
        True when the word before the cue rules out a finite reporting verb.
    """
    if cue.special:
        return False
    if not tokens_before:
        return False
    previous = tokens_before[-1]
    low = previous.low
    if low in _NOUN_MARKERS:
        # "has called for" is fine, "to speak" and "over alleged violations" are not.
        return not (low == "to" and len(tokens_before) >= 2
                    and tokens_before[-2].low in ("going", "expected", "due"))
    # "Trump's claim" is a noun; "He’s claiming" is a pronoun and an auxiliary.
    return low.endswith(("'s", "’s")) and _CONTRACTION_RE.fullmatch(low) is None


def is_participle(text: str, cue: Cue, tokens_before: list[Token]) -> bool:
    """Whether a cue is a participle or coordinated verb that has no subject of its own.

    Args:
        text: the text.
        cue: the cue.
        tokens_before: tokens from the sentence start to the cue.

    Returns:
        True for ", adding that", ", saying", "and urged", "but also warned".
    """
    word = text[cue.start:cue.end].split()[0].lower()
    index = len(tokens_before) - 1
    while index >= 0 and tokens_before[index].low in ("also", "later", "then", "further"):
        index -= 1
    if index < 0:
        return word.endswith("ing")
    previous = tokens_before[index]
    if previous.low in ("and", "but", "or"):
        return True
    if word.endswith("ing"):
        return previous.text in (",", ";", "—", "–", "-") or previous.low in (
            "while", "before", "after", "when", "by", "in")
    return False


def find_dateline_end(text: str, start: int, end: int) -> int:
    """Offset after a wire dateline at the start of a paragraph ("BAKU (Sputnik) - ").

    Args:
        text: the text.
        start, end: the paragraph.

    Returns:
        The offset after the dateline, or ``start`` when there is none.
    """
    match = _DATELINE_RE.match(text, start, min(end, start + 80))
    if match is None:
        return start
    place = match.group("place")
    if place is None:
        return match.end()  # "(CNN) - "
    letters = [c for c in place if c.isalpha()]
    # "BAKU (Sputnik) - ", "UNITED NATIONS - ": the place is in capitals.
    if len(letters) >= 2 and sum(c.isupper() for c in letters) >= 0.8 * len(letters):
        return match.end()
    return start


@dataclass(frozen=True, slots=True)
class HeadlineAttribution:
    """A headline attribution (internal): speaker, verb and claim offsets."""

    speaker: tuple[int, int]
    verb: tuple[int, int] | None
    lemma: str | None
    stance: str | None
    content: tuple[int, int]
    cue: Cue | None


# Trailing "- Photos" and the like name the kind of item, not a source.
HEADLINE_STOPLIST = _wordset("""
photo photos video videos live update updates report reports watch opinion analysis breaking
exclusive graphic graphics map maps timeline explainer poll polls listen audio podcast
infographic gallery interview transcript statement full text op-ed editorial
""")
_TRAILING_DASH_RE = re.compile(r"\s+[-–—]+\s+([^-–—\n]{2,80}?)\s*$")
# Words of a headline speaker: capitalised, or one of these joiners ("Ministry of Defence").
_HEADLINE_JOINERS = frozenset({"of", "the", "for", "and", "de", "al"})
_HEADLINE_VERBISH = frozenset({"will", "would", "to", "has", "have", "is", "are", "was", "were",
                               "in", "on", "at", "with", "from", "as", "by", "after", "over",
                               "may", "can"})


def _title_case_phrase(text: str, start: int, end: int, *, max_words: int = 7) -> bool:
    words = text[start:end].split()
    if not words or len(words) > max_words:
        return False
    if words[0].lower() in _NP_STOP_CAPITAL or words[0].lower() in _BETWEEN:
        return False
    for word in words:
        word = word.strip(",")
        if not word:
            return False
        low = word.lower()
        if low in _HEADLINE_VERBISH:
            return False
        if not (word[0].isupper() or low in _HEADLINE_JOINERS):
            return False
    return True


def find_headline_attribution(text: str, title_start: int, title_end: int,
                              cues: list[Cue]) -> HeadlineAttribution | None:
    """The attribution a wire headline makes by convention, if any.

    Recognised, in this order: a trailing source after a dash ("… - Foreign Ministry"), unless
    it names the kind of item ("- Photos", see ``HEADLINE_STOPLIST``); a trailing ", X Says"
    (any reporting verb); a leading "X Says …", "X Calls Y 'Z'", "X Accuses Y of …",
    "X Confirms …", "X Condemns …" (any reporting verb except those that report an action, such
    as "Publishes"); and "X: …".

    Args:
        text: the text.
        title_start, title_end: the headline.
        cues: the candidate cues of the text.

    Returns:
        The attribution, or None.
    """
    end = title_end
    while end > title_start and text[end - 1] in " \t.":
        end -= 1
    # "- Photos": drop the label, then look again.
    title = text[title_start:end]
    dash = _TRAILING_DASH_RE.search(text, title_start, end) if (
        " -" in title or "–" in title or "—" in title) else None
    while dash is not None and dash.group(1).strip().lower() in HEADLINE_STOPLIST:
        end = dash.start()
        dash = _TRAILING_DASH_RE.search(text, title_start, end)
    if dash is not None:
        source_start, source_end = dash.start(1), dash.end(1)
        while source_end > source_start and text[source_end - 1] in " .":
            source_end -= 1
        if text[source_start].isupper() and _title_case_phrase(text, source_start, source_end,
                                                                max_words=7):
            dash_at = text.index(dash.group().strip()[0], dash.start())
            return HeadlineAttribution((source_start, source_end), (dash_at, dash_at + 1),
                                       None, None, (title_start, dash.start()), None)
    inside = [cue for cue in cues if title_start <= cue.start and cue.end <= end]
    # ", X Says" at the end.
    for cue in reversed(inside):
        if text[cue.end:end].strip(" .!"):
            continue
        comma = text.rfind(",", title_start, cue.start)
        if comma < 0:
            break
        speaker_start = comma + 1
        while speaker_start < cue.start and text[speaker_start].isspace():
            speaker_start += 1
        speaker_end = cue.start
        while speaker_end > speaker_start and text[speaker_end - 1].isspace():
            speaker_end -= 1
        if speaker_end > speaker_start and _title_case_phrase(text, speaker_start, speaker_end):
            return HeadlineAttribution((speaker_start, speaker_end), (cue.start, cue.end),
                                       cue.lemma, cue.stance, (title_start, comma), cue)
        break
    # "X Says …" at the start.
    subject = headline_subject(text, title_start, end, cues)
    if subject is not None and subject[1].lemma not in _HEADLINE_EXCLUDED:
        speaker_end, cue = subject
        content_start = cue.end
        rest = text[content_start:end]
        stripped = rest.lstrip()
        content_start += len(rest) - len(stripped)
        if stripped.lower().startswith("that "):
            content_start += 5
        if content_start < end:
            return HeadlineAttribution((title_start, speaker_end), (cue.start, cue.end),
                                       cue.lemma, cue.stance, (content_start, end), cue)
    # "X: …".
    colon = text.find(": ", title_start, end)
    if 0 < colon - title_start <= 40 and _title_case_phrase(text, title_start, colon,
                                                             max_words=4):
        return HeadlineAttribution((title_start, colon), (colon, colon + 1), None, None,
                                   (colon + 2, end), None)
    return None


# Verbs that may put their speaker after them ("…," said Caddell).
_INVERTING = _wordset("""
say tell add write claim ask reply answer explain note warn insist argue continue respond
retort recall remark observe quip announce declare conclude state comment suggest admit
acknowledge concede confirm deny report tweet
""")


class AttributionFinder:
    """Finds the attributions of one text (internal; see the module notes).

    Args:
        text: the text.
        quotes: its outermost quotes, by offset.
        direct: for each quote, True if it is a direct quotation (not a scare quote).
        excluded: stretches where cues are not looked for (quote interiors, insertions).
        cues: candidate cues, by start.
        anonymous: ``(start, end, category)`` of anonymous-sources matches.
        sentences: ``(start, end, paragraph end)`` of the sentences to search, by start.
        paragraphs: ``(start, end)`` of the body paragraphs, by start.
    """

    def __init__(self, text: str, quotes: list[Quote], direct: list[bool],
                 excluded: list[tuple[int, int]], cues: list[Cue],
                 anonymous: list[tuple[int, int, str]],
                 sentences: list[tuple[int, int, int]],
                 paragraphs: list[tuple[int, int]]) -> None:
        self.text = text
        self.quotes = quotes
        self.direct = direct
        self.excluded = excluded
        self.cues = cues
        self.cue_starts = frozenset([cue.start for cue in cues])
        self.anonymous = anonymous
        self.sentences = sentences
        self.paragraphs = paragraphs
        self.found: list[Found] = []
        self.dangling: list[Found] = []

    def run(self) -> None:
        """Find the attributions of every sentence that holds a cue, then the cue-less ones."""
        cues = [cue for cue in self.cues if not self._excluded(cue.start)] if self.excluded \
            else self.cues
        self._labels()
        self._signed_quotes()
        position = 0
        for s_start, s_end, p_end in self.sentences:
            here: list[Cue] = []
            while position < len(cues) and cues[position].start < s_end:
                if cues[position].start >= s_start:
                    here.append(cues[position])
                position += 1
            if here:
                self._sentence(s_start, s_end, p_end, here)

    def _labels(self) -> None:
        """"Pat Caddell: Democrat Voters …" — a name and a colon opening a paragraph."""
        text = self.text
        for p_start, p_end in self.paragraphs:
            if text.find(":", p_start, p_end) < 0:
                continue  # no colon, no label (a substring search is cheaper than the match)
            match = _LABEL_RE.match(text, p_start, p_end)
            if match is None or self._excluded(p_start):
                continue
            label = match.group(1)
            if label.lower() in _LABEL_STOPLIST or label.split()[0].lower() in _NP_STOP_CAPITAL:
                continue
            colon = match.end(1)
            cue = Cue(colon, colon + 1, ":", None, "colon")
            found = Found(cue, (p_start, colon), verb_span=(colon, colon + 1))
            start = _skip_chars(text, colon + 1, p_end, " ")
            quote = self._quote_opening_at(start)
            if quote is not None and quote.close >= p_end - 1:
                found.content.append((quote.start, quote.end))
                found.kind = "direct"
            else:
                self._add(found, start, p_end)
            if found.content:
                self.found.append(found)

    def _signed_quotes(self) -> None:
        """A quotation signed after a dash: “…” ― Sonya Herridge."""
        text = self.text
        for quote, direct in zip(self.quotes, self.direct, strict=True):
            if not direct or not quote.closed:
                continue
            match = _SIGNATURE_RE.match(text, quote.close, min(len(text), quote.close + 80))
            if match is None:
                continue
            dash = match.start(1)
            cue = Cue(dash, dash + 1, match.group(1), None, "signature")
            name_end = match.end(2) - (1 if match.group(2).endswith(".") else 0)
            self.found.append(Found(cue, (match.start(2), name_end),
                                    [(quote.start, quote.end)], "direct", False, None,
                                    (dash, dash + 1)))

    def _excluded(self, offset: int) -> bool:
        for start, end in self.excluded:  # noqa: SIM110 - a plain loop costs less than any()
            if start <= offset < end:
                return True
        return False

    # -- one sentence ---------------------------------------------------------------------

    def _sentence(self, s_start: int, s_end: int, p_end: int, cues: list[Cue]) -> None:
        text = self.text
        # Pass 1: speaker and the clause boundary each cue opens. Tokens are read in a window
        # around each cue, not over the whole sentence: a long quotation costs nothing.
        plans: list[tuple[Cue, list[Token], Found, int | None]] = []
        consumed_until = -1
        previous: Found | None = None
        title_case: bool | None = None
        for cue in cues:
            if cue.start < consumed_until:
                continue
            window = max(s_start, cue.start - _WINDOW_BEFORE)
            before = tokens_between(text, window, cue.start)
            at_start = window == s_start
            if not at_start and before:
                before = before[1:]  # the first token may be cut in two
            if is_noun_use(text, before, cue):
                continue
            if text[cue.start].isupper() and before and not cue.special \
                    and before[-1].text not in _OPEN_QUOTES:
                if title_case is None:
                    title_case = _title_case_between(text, s_start, s_end)
                if not title_case:
                    continue  # "The New York Post reports": a name, not a verb
            if cue.lemma == "call" and len(before) >= 2 and before[-2].low == "what":
                continue  # "what he called X": the outlet naming through someone's words
            # Read only for cues that pass the checks above (tokens cost).
            after = tokens_between(text, cue.end, min(s_end, cue.end + _WINDOW_AFTER))
            if not cue.special and not self._impersonal(cue) \
                    and _is_passive(text, cue, before, after):
                continue  # "a device was found", "a stream called Miracle Run"
            found, boundary = self._plan(cue, before, after, s_start, at_start, previous)
            if found is None:
                continue
            if cue.special == "said_to" and after:
                consumed_until = after[0].end
            plans.append((cue, after, found, boundary))
            previous = found
        if not plans:
            return
        boundaries = sorted(b for *_, b in plans if b is not None)
        clause_start = s_start
        for cue, after, found, _ in plans:
            self._content(found, cue, after, s_start, s_end, p_end, clause_start, boundaries)
            if found.content:
                self.found.append(found)
            elif found.speaker is not None or found.inherited is not None:
                self.dangling.append(found)
                if cue.lemma in _SPEECH_ONLY and found.speaker is not None:
                    # "Graham told The Huffington Post on Thursday.": someone spoke; what
                    # they said is elsewhere (a quotation nearby). No voice span.
                    self.found.append(found)
            region_end = max(cue.end, found.speaker[1] if found.speaker else cue.end)
            if found.content and found.content[-1][1] <= cue.start:
                clause_start = region_end

    def _plan(self, cue: Cue, before: list[Token], after: list[Token], s_start: int,
              at_start: bool, previous: Found | None) -> tuple[Found | None, int | None]:
        """Speaker (or inherited speaker) of a cue and where its clause starts."""
        text = self.text
        found = Found(cue, None, verb_span=cue.verb_span)
        if cue.special == "according":
            phrase = _loose_phrase_after(after, 0)
            if phrase is None:
                return None, None
            found.speaker = (phrase[0], phrase[1])
            found.kind = "according_to"
            comma = _comma_before(text, cue.start, s_start)
            return found, comma
        if cue.special == "quoted_by":
            phrase = _loose_phrase_after(after, 0)
            if phrase is None:
                return None, None
            found.speaker = (phrase[0], phrase[1])
            return found, _comma_before(text, cue.start, s_start)
        impersonal = self._impersonal(cue)
        if impersonal:
            found.anonymous = True
            return found, None
        if cue.special != "said_to" and is_participle(text, cue, before):
            if cue.lemma in _NO_INHERIT:
                # "and find a solution": too often a plain verb to inherit a speaker.
                return None, None
            if previous is not None:
                found.inherited = previous
            elif text[cue.start:cue.end].split()[0].lower().endswith("ing") and before \
                    and before[-1].text == ",":
                # "It attacked Trump, saying he …": the subject of the sentence.
                opening = before if at_start else tokens_between(
                    text, s_start, min(cue.start, s_start + _WINDOW_BEFORE))
                subject = sentence_subject(opening)
                if subject is None:
                    return None, None
                found.speaker = subject
            else:
                return None, None
            return found, _comma_before(text, cue.start, s_start, also_and=True)
        speaker = speaker_before(text, before, at_start=at_start)
        if speaker is None and cue.lemma in _INVERTING and not cue.special \
                and (_after_comma_or_quote(text, cue.start, s_start) or (at_start and not before)):
            index = skip_adverbials(after, 0)
            inverted = noun_phrase_after(after, index) if index < len(after) else None
            if inverted is not None and (inverted[2] >= len(after)
                                         or not _is_word(after[inverted[2]])
                                         or after[inverted[2]].low in _PREPOSITIONS):
                found.speaker = (inverted[0], inverted[1])
                return found, None
            return None, None
        if speaker is None:
            return None, None
        if _disagrees(text, cue, speaker, before):
            return None, None
        found.speaker = speaker
        return found, _comma_before(text, speaker[0], s_start)

    def _impersonal(self, cue: Cue) -> bool:
        for start, end, category in self.anonymous:
            if start <= cue.start and cue.end <= end and category == "impersonal_report":
                return True
        return False

    def _content(self, found: Found, cue: Cue, after: list[Token], s_start: int, s_end: int,
                 p_end: int, clause_start: int, boundaries: list[int]) -> None:
        """Fill in what the attribution attributes and its kind."""
        text = self.text
        limit = s_end
        for boundary in boundaries:  # the first clause boundary after the cue, if any
            if boundary > cue.end:
                limit = boundary
                break
        contrast = _CONTRAST_RE.search(text, cue.end, limit)
        if contrast is not None:
            limit = contrast.start()  # "…, although they say": a new clause
        if cue.special == "according":
            phrase_end = found.speaker[1] if found.speaker else cue.end
            rest = _skip_chars(text, phrase_end, s_end, " ,")
            if rest < s_end and text[phrase_end:rest].strip() == ",":
                self._add(found, rest, limit)
            head_end = _strip_back(text, clause_start, cue.start)
            if head_end > clause_start and text[head_end - 1:cue.start].strip() in (
                    ",", "", "—", "–", "-", "("):
                if text[head_end - 1] in ",—–-(":
                    head_end -= 1
                self._add(found, _skip_dateline(text, clause_start),
                          _strip_back(text, clause_start, head_end))
            found.content.sort()
            return
        if cue.special == "quoted_by":
            quote = self._quote_ending_before(cue.start, clause_start)
            if quote is not None:
                found.content.append((quote.start, quote.end))
                found.kind = "direct"
            else:
                end = _strip_back(text, clause_start, cue.start)
                if end > clause_start and text[end - 1] == ",":
                    self._add(found, _skip_dateline(text, clause_start), end - 1)
            return
        inverted = found.speaker is not None and found.speaker[0] >= cue.end
        if not inverted:
            start = self._complement(cue, after, s_end, p_end)
            if start is not None:
                quote = self._quote_opening_at(start)
                if quote is not None:
                    found.content.append((quote.start, quote.end))
                    found.kind = "direct"
                    return
                self._add(found, start, limit)
                return
        # Postposed: the clause before the comma (or quote) that precedes the speaker or verb.
        anchor = cue.start if inverted or found.speaker is None else found.speaker[0]
        if found.inherited is not None:
            return
        end = _strip_back(text, clause_start, anchor)
        if end <= clause_start or (text[end - 1] not in ",—–"
                                   and text[end - 1] not in _CLOSE_QUOTES):
            return
        if not inverted and after and not self._ends_clause(after, p_end, cue.lemma):
            return
        if text[end - 1] in ",—–":
            end = _strip_back(text, clause_start, end - 1)
        start = _skip_chars(text, _skip_dateline(text, clause_start), end, " ,;:\n")
        if end <= start:
            return
        quote = self._quote_ending_before(anchor, clause_start)
        if quote is not None and quote.open <= start:
            found.content.append((quote.start, quote.end))
            found.kind = "direct"
            return
        self._add(found, start, end)

    def _ends_clause(self, after: list[Token], p_end: int, lemma: str = "") -> bool:
        """Whether only adverbials follow a verb ("said on Friday in a statement.")."""
        index = skip_adverbials(after, 0)
        if lemma in TELL_OBJECT and index < len(after):
            # "told The New York Times then.", "told some of the miners.", "told me."
            if after[index].low in _OBJECT_PRONOUNS:
                index = skip_adverbials(after, index + 1)
            else:
                phrase = noun_phrase_after(after, index)
                if phrase is not None:
                    index = skip_adverbials(after, phrase[2])
        if index >= len(after):
            return True
        token = after[index]
        if token.text in (",", ".", ";", "!", "?", ")", "—", "–"):
            return True
        if token.low in _PREPOSITIONS or token.low in ("as", "while", "after", "before",
                                                       "when", "adding", "saying", "and"):
            return True
        # "told Sputnik.", "told reporters on Friday": a short object, then nothing.
        length = 0
        while index + length < len(after) and length < 3 and _is_word(after[index + length]):
            length += 1
        return length <= 2 and (index + length >= len(after)
                                or not _is_word(after[index + length]))

    def _complement(self, cue: Cue, after: list[Token], s_end: int, p_end: int) -> int | None:
        """Where the content after a verb starts, or None when the verb takes none."""
        if cue.special == "said_to":
            return after[0].start if after else None
        index = skip_adverbials(after, 0)
        if index >= len(after):
            return self._colon_quote(cue.end, p_end)
        token = after[index]
        lemma = cue.lemma
        if token.text == ":":
            if index + 1 < len(after):
                return after[index + 1].start
            return self._colon_quote(token.end, p_end)
        if token.text in _OPEN_QUOTES and self._quote_opening_at(token.start) is not None:
            return token.start
        if token.text == "," and index + 1 < len(after) \
                and after[index + 1].text in _OPEN_QUOTES \
                and self._quote_opening_at(after[index + 1].start) is not None:
            return after[index + 1].start  # He said, "We have some big plans"
        if token.low == "that":
            return after[index + 1].start if index + 1 < len(after) else None
        if lemma == "continue" or (lemma == "say" and token.low in ("so", "yes", "no") and (
                index + 1 >= len(after) or not _is_word(after[index + 1]))):
            return None  # "said so."; "continued" only introduces a quotation after a colon
        # "said in a statement on Friday that …", "told Sputnik that …".
        for look in range(index, min(len(after), index + 9)):
            probe = after[look]
            if not _is_word(probe) or (look > index and (
                    probe.start in self.cue_starts or probe.low in _BETWEEN
                    or (probe.text.islower() and probe.low.endswith("ed")))):
                break  # past the verb's own phrase: "said the test could change that"
            if probe.low == "that" and look > index:
                if look + 1 < len(after) and (_is_word(after[look + 1]) or (
                        after[look + 1].text in _OPEN_QUOTES
                        and self._quote_opening_at(after[look + 1].start) is not None)):
                    return after[look + 1].start
                break
            if probe.low in SUBJECT_PRONOUNS and look > index and lemma in TELL_OBJECT:
                return probe.start  # "told reporters he would"
            if probe.low == "to" and look > index and lemma in TO_INFINITIVE:
                return token.start  # "urged Azerbaijan and Armenia to abide by …"
            if probe.low in _NP_STOP and lemma in TELL_OBJECT and look > index:
                break  # past the object of "told"
        if lemma in TO_INFINITIVE and token.low == "to":
            return token.start
        if lemma in SAY_CLAUSE and lemma not in TELL_OBJECT and _is_word(token) \
                and token.low not in _PREPOSITIONS and (
                    token.low not in _NOT_CLAUSE
                    or (token.low == "no" and index + 1 < len(after)
                        and _is_word(after[index + 1]))):
            return token.start  # "said he would", "says voter fraud is", "said no decision"
        if token.low in _WH_WORDS and (lemma in THAT_ONLY or lemma in (
                "ask", "wonder", "question", "explain", "discuss", "describe")):
            return token.start  # "asked whether", "questioned what kind of person"
        if token.low in SUBJECT_PRONOUNS and index + 1 < len(after) \
                and after[index + 1].low in _MODALS:
            return token.start  # "announced it would", "confirmed they will"
        if lemma in TELL_OBJECT and index + 1 < len(after) and token.low not in _PREPOSITIONS:
            # "told Breitbart News Daily host Alex Marlow how surprised he is"; "told CBS, “…”"
            for look in range(index + 1, min(len(after), index + 9)):
                probe = after[look]
                if probe.text == "," and look + 1 < len(after) \
                        and after[look + 1].text in _OPEN_QUOTES \
                        and self._quote_opening_at(after[look + 1].start) is not None:
                    return after[look + 1].start
                if not _is_word(probe):
                    break
                if probe.low in _WH_WORDS:
                    return probe.start
        if lemma in NOUN_OBJECT and _is_word(token) and token.low not in _PREPOSITIONS \
                and token.low not in _NP_STOP and token.low not in ("and", "or"):
            return token.start
        return None

    def _colon_quote(self, position: int, p_end: int) -> int | None:
        """A quote that opens right after a colon, here or at the next paragraph's start."""
        text = self.text
        rest = text[position:position + 8].lstrip()
        if rest.startswith(":"):
            position = text.index(":", position) + 1
        elif position < len(text) and text[position - 1] != ":":
            return None
        for quote in self.quotes:
            if quote.open >= position:
                if text[position:quote.open].strip() == "" and quote.open - position < 8:
                    return quote.open
                return None
        return None

    def _quote_opening_at(self, position: int) -> Quote | None:
        for quote, direct in zip(self.quotes, self.direct, strict=True):
            if quote.open == position:
                return quote if direct else None
            if quote.open > position:
                return None
        return None

    def _quote_ending_before(self, position: int, floor: int) -> Quote | None:
        """The direct quote that closes just before a position (only , : or space between)."""
        best: Quote | None = None
        for quote, direct in zip(self.quotes, self.direct, strict=True):
            if quote.close > position:
                break
            if direct and quote.open >= floor:
                best = quote
        if best is None or self.text[best.close:position].strip(" ,—–-\n") != "":
            return None
        return best

    def _add(self, found: Found, start: int, end: int) -> None:
        text = self.text
        end = _strip_back(text, start, end)
        while end > start and text[end - 1] in ",;:—–-":
            end = _strip_back(text, start, end - 1)
        while start < end and text[start].isspace():
            start += 1
        if end - start >= 2:
            found.content.append((start, end))


# Verbs that report a speech act even when the sentence does not hold what was said.
_SPEECH_ONLY = _wordset("say tell write speak comment respond reply tweet answer retort")
_CONTRAST_RE = re.compile(r"[,;]\s+(?:although|though|whereas|but|while|even though)\b")
_LABEL_RE = re.compile(r"([A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){0,3}):[ \t]+(?=\S)")
_LABEL_STOPLIST = _wordset("""
update updates note editor's note editor’s note correction clarification photo photos video
watch read more related see also warning breaking exclusive source sources credit transcript
""") | {"editor's note", "editor’s note", "see also", "read more", "the latest"}
_SIGNATURE_RE = re.compile(
    r"[ \t]*([―—–])[ \t]*([A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*){0,4})"
    r"(?=[ \t]*(?:[.\n]|\Z|[\"“”]))")


def _title_case_between(text: str, start: int, end: int) -> bool:
    """Whether a stretch (a sentence) is written in title case (a headline).

    Only the token strings are needed, so they are not built into tokens.
    """
    words = [word for word in _TOKEN_RE.findall(text, start, end)
             if word[0].isalpha() and len(word) > 3]
    return len(words) >= 2 and sum(word[0].isupper() for word in words) >= 0.7 * len(words)


_BE_FORMS = _wordset("is are was were be been being am 's ’s")


def _is_passive(text: str, cue: Cue, before: list[Token], after: list[Token]) -> bool:
    """Whether an -ed cue is passive or a reduced relative ("was found", "a group called X")."""
    word = text[cue.start:cue.end].split()[0].lower()
    if not word.endswith(("ed", "wn", "ld", "nd", "ught")) or word in ("said", "told"):
        return False
    index = len(before) - 1
    while index >= 0 and (before[index].low in ("also", "not", "never", "formally",
                                                "widely", "often", "repeatedly")
                          or (before[index].low.endswith("ly")
                              and before[index].text.islower())):
        index -= 1
    if index >= 0 and before[index].low in _BE_FORMS:
        return True
    # "a meandering stream called Miracle Run": a naming participle after a common noun.
    return (cue.lemma == "call" and index >= 0 and before[index].text.islower()
            and _is_word(before[index]) and before[index].low not in SUBJECT_PRONOUNS
            and bool(after) and after[0].text[:1].isupper()
            and after[0].low not in DETERMINERS)


def _disagrees(text: str, cue: Cue, speaker: tuple[int, int], before: list[Token]) -> bool:
    """Whether a base-form verb follows a singular subject ("a Times report"): a noun."""
    word = text[cue.start:cue.end].split()[0].lower()
    if word != cue.lemma.split()[0] or cue.special:
        return False
    mention = text[speaker[0]:speaker[1]]
    head = mention.split()[-1].lower()
    if head in _PLURAL_HEADS or head.endswith("s") or " and " in mention:
        return False
    # An auxiliary between subject and verb licenses the base form ("would say").
    for token in reversed(before):
        if token.end <= speaker[1]:
            break
        if token.low in _BETWEEN or token.low in ("to",):
            return False
    return True


def _strip_back(text: str, floor: int, end: int) -> int:
    while end > floor and text[end - 1].isspace():
        end -= 1
    return end


def _skip_chars(text: str, start: int, end: int, chars: str) -> int:
    while start < end and text[start] in chars:
        start += 1
    return start


def _skip_dateline(text: str, start: int) -> int:
    return find_dateline_end(text, start, min(len(text), start + 80))


def _after_comma_or_quote(text: str, position: int, floor: int) -> bool:
    end = _strip_back(text, floor, position)
    return end > floor and (text[end - 1] == "," or text[end - 1] in _CLOSE_QUOTES)


def _comma_before(text: str, position: int, floor: int, *, also_and: bool = False) -> int | None:
    """Offset of the comma (or "and") right before a position, if any: a clause boundary."""
    end = _strip_back(text, floor, position)
    if also_and:
        for word in ("and also", "but also", "and", "but", "also"):
            if text[end - len(word):end].lower() == word and (
                    end - len(word) == floor or not text[end - len(word) - 1].isalnum()):
                end = _strip_back(text, floor, end - len(word))
                break
    if end > floor and text[end - 1] in ",;—–":
        return end - 1
    if also_and and end < position:
        return end
    return None


def _loose_phrase_after(tokens: list[Token], index: int) -> tuple[int, int] | None:
    """The phrase after "according to" / "quoted by": words up to punctuation (12 at most)."""
    first = index
    while index < len(tokens) and index - first < _MAX_NP and (
            _is_word(tokens[index]) or tokens[index].text in ("&", "'", "’")):
        if index > first and tokens[index].low in ("that", "who", "which", "is", "was",
                                                    "are", "were", "has", "have", "had"):
            break
        index += 1
    if index == first:
        return None
    return tokens[first].start, tokens[index - 1].end


def headline_subject(text: str, title_start: int, title_end: int,
                     cues: list[Cue]) -> tuple[int, Cue] | None:
    """The first cue of a headline whose subject opens the headline ("Baku Says", "MoD Publishes").

    Args:
        text: the text.
        title_start, title_end: the headline.
        cues: the candidate cues of the text.

    Returns:
        ``(end of the subject, cue)`` or None.
    """
    for cue in cues:
        if cue.start < title_start or cue.special:
            continue
        if cue.end > title_end:
            return None
        speaker_end = _strip_back(text, title_start, cue.start)
        if speaker_end <= title_start or not text[cue.start].isupper():
            return None
        if not _title_case_phrase(text, title_start, speaker_end, max_words=6):
            return None
        return speaker_end, cue
    return None
