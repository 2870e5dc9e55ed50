"""Clustering quality against a gold standard: B-cubed precision, recall and F1."""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class BCubed:
    """B-cubed scores of a clustering.

    Attributes:
        precision: mean over items of the share of the item's cluster that is in its gold class.
        recall: mean over items of the share of the item's gold class that is in its cluster.
        f1: harmonic mean of precision and recall.
        n_items: number of items scored.
    """

    precision: float
    recall: float
    f1: float
    n_items: int

    def to_dict(self) -> dict[str, float | int]:
        """Return a JSON-ready dict."""
        return {"precision": self.precision, "recall": self.recall, "f1": self.f1,
                "n_items": self.n_items}


def bcubed(predicted: Mapping[str, Hashable | None],
           gold: Mapping[str, Hashable | None]) -> BCubed:
    """B-cubed precision, recall and F1 (Bagga & Baldwin 1998; Amigó et al. 2009).

    For each item *i* with predicted cluster C(i) and gold class G(i)::

        precision(i) = |C(i) ∩ G(i)| / |C(i)|      recall(i) = |C(i) ∩ G(i)| / |G(i)|

    averaged over the items of ``gold``. An item labelled None (no event) is a cluster of its own,
    in either mapping; items of ``gold`` missing from ``predicted`` count as singletons too.

    Args:
        predicted: item id → predicted cluster label (e.g. event id) or None.
        gold: item id → gold class label or None; defines the items that are scored.

    Returns:
        The :class:`BCubed` scores (all 0.0 when ``gold`` is empty).

    Example:
        >>> round(bcubed({"a": 1, "b": 1, "c": 1}, {"a": "x", "b": "x", "c": "y"}).precision, 4)
        0.5556
    """
    items = list(gold)
    if not items:
        return BCubed(0.0, 0.0, 0.0, 0)

    def clusters(labels: Mapping[str, Hashable | None]) -> dict[str, frozenset[str]]:
        groups: dict[Hashable, set[str]] = {}
        for item in items:
            label = labels.get(item)
            key: Hashable = ("__single__", item) if label is None else ("label", label)
            groups.setdefault(key, set()).add(item)
        return {item: frozenset(group) for group in groups.values() for item in group}

    mine, theirs = clusters(predicted), clusters(gold)
    precision = sum(len(mine[i] & theirs[i]) / len(mine[i]) for i in items) / len(items)
    recall = sum(len(mine[i] & theirs[i]) / len(theirs[i]) for i in items) / len(items)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return BCubed(precision, recall, f1, len(items))
