"""Adjusted p-values for multiple comparisons: Holm and Benjamini–Hochberg.

Both return adjusted p-values in the order of the input, monotone in the raw p-values and
capped at 1, so a comparison is significant at level α when its adjusted p-value is below α
(the same figures as R's ``p.adjust(p, "holm")`` and ``p.adjust(p, "BH")``).

References:
    Holm, S. (1979). A simple sequentially rejective multiple test procedure. *Scandinavian
    Journal of Statistics*, 6(2), 65–70.
    Benjamini, Y., & Hochberg, Y. (1995). Controlling the false discovery rate: a practical and
    powerful approach to multiple testing. *Journal of the Royal Statistical Society, Series B*,
    57(1), 289–300.
    Wright, S. P. (1992). Adjusted P-values for simultaneous inference. *Biometrics*, 48(4),
    1005–1013.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from framing.errors import OptionError
from framing.statistics._validate import FloatArray

#: Correction methods accepted by :func:`adjust`.
CORRECTIONS: tuple[str, ...] = ("holm", "bh", "none")


def _check_p_values(p_values: Sequence[float]) -> FloatArray:
    array = np.asarray(p_values, dtype=np.float64).reshape(-1)
    bad = ~((array >= 0.0) & (array <= 1.0))  # also catches NaN
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        raise OptionError(
            f"the `p_values` parameter must hold probabilities between 0 and 1; "
            f"got {p_values[position]!r} at position {position}"
        )
    return array


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm's (1979) step-down adjusted p-values (family-wise error rate).

    With the ``m`` p-values sorted ascending, ``p_(1) <= … <= p_(m)``::

        adjusted_(i) = min(1, max_{j <= i} (m - j + 1) * p_(j))

    Args:
        p_values: raw p-values, in any order.

    Returns:
        Adjusted p-values in the input order.

    Example:
        >>> [round(p, 3) for p in holm([0.01, 0.04, 0.03, 0.005])]
        [0.03, 0.06, 0.06, 0.02]
    """
    raw = _check_p_values(p_values)
    m = raw.size
    if m == 0:
        return []
    order = np.argsort(raw, kind="stable")
    multipliers = np.arange(m, 0, -1, dtype=np.float64)  # m, m-1, …, 1
    stepped = np.minimum(1.0, np.maximum.accumulate(raw[order] * multipliers))
    adjusted = np.empty(m, dtype=np.float64)
    adjusted[order] = stepped
    return [float(p) for p in adjusted]


def benjamini_hochberg(p_values: Sequence[float]) -> list[float]:
    """Benjamini–Hochberg (1995) step-up adjusted p-values (false discovery rate).

    With the ``m`` p-values sorted ascending, ``p_(1) <= … <= p_(m)``::

        adjusted_(i) = min(1, min_{j >= i} p_(j) * m / j)

    Args:
        p_values: raw p-values, in any order.

    Returns:
        Adjusted p-values in the input order (never above the Holm-adjusted ones).

    Example:
        >>> [round(p, 3) for p in benjamini_hochberg([0.01, 0.04, 0.03, 0.005])]
        [0.02, 0.04, 0.04, 0.02]
    """
    raw = _check_p_values(p_values)
    m = raw.size
    if m == 0:
        return []
    order = np.argsort(raw, kind="stable")
    # m / j >= 1, so p * (m / j) >= p holds in floating point too.
    factors = m / np.arange(1, m + 1, dtype=np.float64)
    scaled = raw[order] * factors
    stepped = np.minimum(1.0, np.minimum.accumulate(scaled[::-1])[::-1])
    adjusted = np.empty(m, dtype=np.float64)
    adjusted[order] = stepped
    return [float(p) for p in adjusted]


def adjust(p_values: Sequence[float | None], method: str = "holm") -> list[float | None]:
    """Adjust p-values with ``method`` (``"holm"``, ``"bh"`` or ``"none"``), skipping ``None``.

    ``None`` marks a comparison that could not be tested (no exposure); it stays ``None`` and
    does not count in the number of tests ``m``.

    Args:
        p_values: raw p-values, ``None`` where there is no test.
        method: ``"holm"`` (:func:`holm`), ``"bh"`` (:func:`benjamini_hochberg`) or ``"none"``.

    Returns:
        Adjusted p-values in the input order.

    Example:
        >>> adjust([0.01, None, 0.04], method="bh")
        [0.02, None, 0.04]
    """
    if method not in CORRECTIONS:
        raise OptionError(
            f"the `method` parameter must be one of {', '.join(CORRECTIONS)}; got {method!r}"
        )
    present = [p for p in p_values if p is not None]
    if method == "holm":
        adjusted = holm(present)
    elif method == "bh":
        adjusted = benjamini_hochberg(present)
    else:
        adjusted = [float(p) for p in _check_p_values(present)]
    values = iter(adjusted)
    return [None if p is None else next(values) for p in p_values]


def describe_correction(method: str) -> str:
    """The sentence naming a correction, for table footnotes.

    Example:
        >>> describe_correction("bh")
        'p-values adjusted with the Benjamini–Hochberg (1995) false discovery rate procedure'
    """
    if method not in CORRECTIONS:
        raise OptionError(
            f"the `method` parameter must be one of {', '.join(CORRECTIONS)}; got {method!r}"
        )
    return {
        "holm": "p-values adjusted with Holm's (1979) step-down method",
        "bh": "p-values adjusted with the Benjamini–Hochberg (1995) false discovery rate procedure",
        "none": "p-values not adjusted for multiple comparisons",
    }[method]
