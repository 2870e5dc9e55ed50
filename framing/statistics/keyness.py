"""Keyness: log-odds ratio with an informative Dirichlet prior ("Fightin' Words").

Monroe, Colaresi & Quinn (2008) compare the use of each term ``w`` in two groups (a target
outlet ``t`` and a reference ``r``: another outlet or all the rest) by the difference of its
log-odds, shrunk towards a prior, and standardise it by its approximate standard deviation.
With ``y_w`` the count of ``w`` in a group, ``n`` the group's number of tokens, ``α_w`` the
prior pseudo-count of ``w`` and ``α0 = Σ_w α_w`` (their eq. 22)::

    δ_w  = ln[(y_wt + α_w) / (n_t + α0 − y_wt − α_w)] − ln[(y_wr + α_w) / (n_r + α0 − y_wr − α_w)]
    σ²_w ≈ 1 / (y_wt + α_w) + 1 / (y_wr + α_w)
    z_w  = δ_w / √σ²_w

**Prior.** ``α_w = α0 · π_w`` where ``π_w`` is the share of ``w`` in the pooled counts of the two
groups (or in the background counts passed as ``prior``), and ``α0 = prior_scale · (n_t + n_r)``.
The default ``prior_scale = 1`` makes ``α_w`` the pooled count of ``w`` itself: the empirical
Bayes prior of tidylo's ``bind_log_odds`` (Schnoebelen, Silge & Hayes), which "inflates feature
counts in each group by total feature counts across all groups". Why this default:

* it is **scale-free** — the prior weighs as much as the data, whether the feed has 2,000 or
  2 million tokens — so the same option works on a small live feed and on a year of news;
* a term seen once or twice in total gets ``α_w`` of 1 or 2, which pulls its δ strongly towards
  0, so rare terms cannot top the table through noise (the problem of raw log-odds ratios
  that the prior exists to solve), while frequent terms are barely affected;
* it needs no background corpus.

A smaller ``prior_scale`` (say 0.1) shrinks less and lets rarer terms through; δ and z of all
terms are computed on the full vocabulary, and ``min_count`` only filters the rows returned, so
it never changes the figures of the terms that are kept.

``z`` is a standardised score, not a calibrated test over thousands of terms: read |z| > 1.96
as "clearly characteristic", not as p < .05 after correction.

References:
    Monroe, B. L., Colaresi, M. P., & Quinn, K. M. (2008). Fightin' words: Lexical feature
    selection and evaluation for identifying the content of political conflict. *Political
    Analysis*, 16(4), 372–403.
    Schnoebelen, T., Silge, J., & Hayes, A. *tidylo: Weighted Tidy Log Odds Ratio* (R package,
    ``bind_log_odds``).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from framing.errors import OptionError
from framing.statistics._validate import check_count, check_positive
from framing.statistics.records import KeynessRow


def _check_counts(counts: Mapping[str, int], name: str) -> dict[str, int]:
    checked: dict[str, int] = {}
    for term, count in counts.items():
        if not isinstance(term, str):
            raise OptionError(
                f"the `{name}` parameter must map terms (str) to counts; got {term!r}"
            )
        checked[term] = check_count(count, f"{name}[{term!r}]", minimum=0)
    return checked


def log_odds_dirichlet(
    counts_target: Mapping[str, int],
    counts_reference: Mapping[str, int],
    *,
    prior: Mapping[str, float] | None = None,
    prior_scale: float = 1.0,
    min_count: int = 1,
    per: float = 1000.0,
) -> list[KeynessRow]:
    """Log-odds ratio with an informative Dirichlet prior and its z-score, for every term.

    See the module docstring for the formulas (Monroe, Colaresi & Quinn 2008, eq. 22) and the
    choice of the prior.

    Args:
        counts_target: term counts of the target group (e.g. one outlet).
        counts_reference: term counts of the reference group (another outlet, or the rest).
        prior: background counts (or shares) of the terms; ``None`` (default) uses the pooled
            counts of target and reference. Must be positive for every term of the two groups.
        prior_scale: ``α0 / (n_target + n_reference)``, the weight of the prior relative to the
            data (default 1: ``α0`` equals the pooled number of tokens).
        min_count: return only terms with at least this many occurrences in target and
            reference together (the figures are computed on all terms either way).
        per: rates are per this many tokens of each group.

    Returns:
        One :class:`KeynessRow` per kept term, sorted by ``z`` descending (terms of the target
        first, terms of the reference last), ties by term.

    Raises:
        OptionError: when a group has no tokens, the two groups use fewer than 2 distinct
            terms, a count is negative or not an integer, or ``prior`` lacks a term.

    Example:
        >>> rows = log_odds_dirichlet({"a": 3, "b": 1}, {"a": 1, "b": 3})
        >>> [(row.term, round(row.z, 3)) for row in rows]
        [('a', 1.149), ('b', -1.149)]
    """
    prior_scale = check_positive(prior_scale, "prior_scale")
    min_count = check_count(min_count, "min_count")
    per = check_positive(per, "per")
    target = _check_counts(counts_target, "counts_target")
    reference = _check_counts(counts_reference, "counts_reference")
    terms = sorted(
        t for t in set(target) | set(reference) if target.get(t, 0) + reference.get(t, 0)
    )
    y_t = np.array([target.get(t, 0) for t in terms], dtype=np.float64)
    y_r = np.array([reference.get(t, 0) for t in terms], dtype=np.float64)
    n_t, n_r = float(y_t.sum()), float(y_r.sum())
    for name, n in (("counts_target", n_t), ("counts_reference", n_r)):
        if n == 0:
            raise OptionError(f"the `{name}` parameter holds no tokens; keyness needs both groups")
    if len(terms) < 2:
        raise OptionError(
            f"keyness needs at least 2 distinct terms across the two groups; got {len(terms)}"
        )
    pooled = y_t + y_r
    if prior is None:
        shares = pooled / pooled.sum()
    else:
        background = np.array([prior.get(t, 0.0) for t in terms], dtype=np.float64)
        bad = ~(np.isfinite(background) & (background > 0))
        if bad.any():
            missing = [terms[i] for i in np.flatnonzero(bad)[:3]]
            raise OptionError(
                f"the `prior` parameter must give a positive count to every term of the two "
                f"groups; {int(bad.sum())} lack one, e.g. {', '.join(map(repr, missing))}"
            )
        shares = background / background.sum()
    alpha0 = prior_scale * (n_t + n_r)
    alpha = alpha0 * shares
    delta = np.log((y_t + alpha) / (n_t + alpha0 - y_t - alpha)) - np.log(
        (y_r + alpha) / (n_r + alpha0 - y_r - alpha)
    )
    variance = 1.0 / (y_t + alpha) + 1.0 / (y_r + alpha)
    z = delta / np.sqrt(variance)
    rows = [
        KeynessRow(
            term=term,
            count_target=int(y_t[i]),
            count_reference=int(y_r[i]),
            rate_target=float(y_t[i] / n_t * per),
            rate_reference=float(y_r[i] / n_r * per),
            log_odds=float(delta[i]),
            z=float(z[i]),
        )
        for i, term in enumerate(terms)
        if pooled[i] >= min_count
    ]
    rows.sort(key=lambda row: (-row.z, row.term))
    return rows
