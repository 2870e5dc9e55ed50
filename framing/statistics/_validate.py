"""Input checks shared by the statistics modules (private).

Every check raises :class:`framing.errors.OptionError` with a message of the form
"the `x` parameter must …; got …", so the CLI can show it as one line.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any, TypeAlias

import numpy as np
import numpy.typing as npt

from framing.errors import OptionError

#: A flat sequence of numbers: a list or tuple of ints/floats, or a 1-D numpy array.
Numbers: TypeAlias = Sequence[float] | npt.NDArray[Any]
#: Like :data:`Numbers`, with ``None`` for a missing value (an entry too short to score).
OptionalNumbers: TypeAlias = Sequence[float | None] | npt.NDArray[Any]
FloatArray: TypeAlias = npt.NDArray[np.float64]


def to_vector(
    values: OptionalNumbers,
    name: str,
    *,
    allow_negative: bool = False,
    allow_missing: bool = False,
) -> FloatArray:
    """Return ``values`` as a 1-D float array, checking it is finite (and non-negative).

    With ``allow_missing``, ``None`` and NaN are kept as NaN (the caller drops them).
    """
    try:
        array = np.asarray(values, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise OptionError(f"the `{name}` parameter must be a sequence of numbers; {exc}") from exc
    if array.ndim != 1:
        raise OptionError(
            f"the `{name}` parameter must be a flat sequence of numbers; "
            f"got an array of shape {array.shape}"
        )
    bad = np.isinf(array) if allow_missing else ~np.isfinite(array)
    if not allow_negative:
        bad |= array < 0
    if bad.any():
        position = int(np.flatnonzero(bad)[0])
        rule = "finite numbers" if allow_negative else "finite, non-negative numbers"
        raise OptionError(
            f"the `{name}` parameter must hold {rule}; "
            f"got {show_number(array[position])} at position {position}"
        )
    return array


def check_same_length(first: FloatArray, second: FloatArray, names: tuple[str, str]) -> None:
    """Raise unless two per-unit vectors have one entry per unit each."""
    if first.size != second.size:
        raise OptionError(
            f"the `{names[0]}` and `{names[1]}` parameters must have one value per unit each; "
            f"got {first.size} and {second.size}"
        )


def drop_empty_units(
    numerators: FloatArray, denominators: FloatArray, names: tuple[str, str]
) -> tuple[FloatArray, FloatArray]:
    """Drop units whose denominator is 0; raise if such a unit has a positive numerator.

    A unit with nothing in the denominator (an entry without words, without attributions…)
    carries no information about a ratio of sums.
    """
    empty = denominators == 0
    orphan = empty & (numerators != 0)
    if orphan.any():
        position = int(np.flatnonzero(orphan)[0])
        raise OptionError(
            f"the `{names[0]}` parameter has {show_number(numerators[position])} at position "
            f"{position} "
            f"where `{names[1]}` is 0; a count needs a positive total"
        )
    keep = ~empty
    return numerators[keep], denominators[keep]


def is_real(value: object) -> bool:
    """Whether ``value`` is a real number (Python or numpy int/float, not a bool)."""
    return not isinstance(value, bool | np.bool_) and isinstance(
        value, int | float | np.integer | np.floating
    )


def check_confidence(confidence: float) -> float:
    """Return ``confidence`` if it lies strictly between 0 and 1."""
    if not (is_real(confidence) and 0.0 < confidence < 1.0):
        raise OptionError(
            f"the `confidence` parameter must be between 0 and 1 (exclusive); got {confidence!r}"
        )
    return float(confidence)


def check_count(value: int, name: str, *, minimum: int = 1) -> int:
    """Return ``value`` if it is an integer of at least ``minimum`` (bools rejected)."""
    if isinstance(value, bool) or not isinstance(value, int | np.integer) or value < minimum:
        raise OptionError(
            f"the `{name}` parameter must be an integer of at least {minimum}; got {value!r}"
        )
    return int(value)


def check_seed(seed: int) -> int:
    """Return ``seed`` if it is a non-negative integer (results must be reproducible)."""
    return check_count(seed, "seed", minimum=0)


def check_positive(value: float, name: str) -> float:
    """Return ``value`` if it is a finite number greater than 0."""
    if not is_real(value) or not math.isfinite(value) or value <= 0:
        raise OptionError(f"the `{name}` parameter must be a number greater than 0; got {value!r}")
    return float(value)


def show_number(value: float) -> str:
    """A number for an error message: ``-1``, ``2.5``, ``nan`` (not ``np.float64(-1.0)``)."""
    return f"{float(value):g}"


def as_number(value: float) -> float:
    """Return a sum as an ``int`` when it is integral (counts print as ``37``, not ``37.0``)."""
    number = float(value)
    return int(number) if number.is_integer() else number
