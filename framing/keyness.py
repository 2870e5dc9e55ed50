"""Keyness: which words characterise one group (an outlet) against another or the rest.

Log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008) over word
counts; optionally only the words an outlet wrote in its own (authorial) voice, so that words an
outlet merely quotes do not count as its framing.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from framing.analysis.records import EntryScore
from framing.errors import OptionError
from framing.statistics import KeynessRow, log_odds_dirichlet
from framing.text import WORD_RE

KEYNESS_GROUPS = ("outlet", "day")


def _in_voice(record: EntryScore, start: int) -> bool:
    return any(v.start <= start < v.end for v in record.voices)


def count_words(record: EntryScore, *, authorial_only: bool = False,
                stop_words: frozenset[str] = frozenset()) -> Counter[str]:
    """Lower-cased word counts of one record (only authorial words when asked)."""
    counts: Counter[str] = Counter()
    for match in WORD_RE.finditer(record.text):
        word = match.group().lower().replace("’", "'")
        if word in stop_words or word.isdigit():
            continue
        if authorial_only and _in_voice(record, match.start()):
            continue
        counts[word] += 1
    return counts


@dataclass(frozen=True)
class KeynessResult:
    """Keyness of a target group against a reference: the rows and what was compared."""

    target: str
    reference: str
    authorial_only: bool
    n_tokens_target: int
    n_tokens_reference: int
    rows: tuple[KeynessRow, ...]

    def to_pandas(self) -> Any:
        """The rows as a DataFrame (needs pandas)."""
        import pandas

        return pandas.DataFrame([row.to_dict() for row in self.rows])


def keyness(
    records: Iterable[EntryScore],
    *,
    target: str,
    reference: str = "rest",
    group: str = "outlet",
    authorial_only: bool = False,
    min_count: int = 2,
    stop_words: frozenset[str] = frozenset(),
    prior_scale: float = 1.0,
) -> KeynessResult:
    """Compare word use of ``target`` against ``reference`` (a group name, or ``rest``).

    Args:
        records: score records (voice spans are needed for ``authorial_only``).
        target: the target group (e.g. an outlet name).
        reference: another group, or ``"rest"`` for every other group.
        group: ``outlet`` or ``day``.
        authorial_only: count only words outside quoted and reported voice.
        min_count: report only words seen at least this often in both groups together
            (small live feeds need a low value).
        stop_words: words to leave out.
        prior_scale: weight of the pooled-count prior (see
            :func:`framing.statistics.log_odds_dirichlet`).

    Raises:
        OptionError: for an unknown group or when target or reference has no words.
    """
    if group not in KEYNESS_GROUPS:
        raise OptionError(f"the `--group` option must be one of {', '.join(KEYNESS_GROUPS)}; "
                          f"got {group!r}")
    target_counts: Counter[str] = Counter()
    reference_counts: Counter[str] = Counter()
    seen: set[str] = set()
    for record in records:
        key = record.outlet if group == "outlet" else (record.published or "")[:10]
        seen.add(key)
        words = count_words(record, authorial_only=authorial_only, stop_words=stop_words)
        if key == target:
            target_counts.update(words)
        elif reference == "rest" or key == reference:
            reference_counts.update(words)
    for name, counts in ((target, target_counts), (reference, reference_counts)):
        if not counts:
            known = ", ".join(sorted(seen)) or "none"
            raise OptionError(f"group {name!r} has no words to compare (groups: {known})")
    rows = log_odds_dirichlet(target_counts, reference_counts, min_count=min_count,
                              prior_scale=prior_scale)
    return KeynessResult(target, reference, authorial_only, sum(target_counts.values()),
                         sum(reference_counts.values()), tuple(rows))
