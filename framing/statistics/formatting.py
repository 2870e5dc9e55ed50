"""Numbers for paper tables: "2.31 [1.80, 2.90]", significance marks and their footnote."""

from __future__ import annotations

import math

from framing.statistics.corrections import describe_correction

#: Significance thresholds and their marks, strictest first.
SIGNIFICANCE_LEVELS: tuple[tuple[float, str], ...] = ((0.001, "***"), (0.01, "**"), (0.05, "*"))
#: What :func:`format_estimate` prints for a figure that cannot be estimated.
MISSING = "n/a"


def significance_marks(p_value: float | None) -> str:
    """``"***"`` for p < .001, ``"**"`` for p < .01, ``"*"`` for p < .05, else ``""``.

    Pass adjusted p-values (:func:`~framing.statistics.adjust`) and say so with
    :func:`significance_footnote`. ``None`` (no test) gives ``""``.

    Example:
        >>> [significance_marks(p) for p in (0.0004, 0.001, 0.02, 0.05, None)]
        ['***', '**', '*', '', '']
    """
    if p_value is None or math.isnan(p_value):
        return ""
    for threshold, marks in SIGNIFICANCE_LEVELS:
        if p_value < threshold:
            return marks
    return ""


def _fixed(number: float, digits: int) -> str:
    text = f"{number:.{digits}f}"
    # "-0.00" is the rounding of a tiny negative number, not a negative figure.
    return text[1:] if text.startswith("-") and float(text) == 0 else text


def format_estimate(
    value: float | None,
    low: float | None = None,
    high: float | None = None,
    *,
    digits: int = 2,
) -> str:
    """Format an estimate and its interval as in papers: ``"2.31 [1.80, 2.90]"``.

    Without an interval (``low`` or ``high`` is ``None``) only the value is printed; without a
    value, :data:`MISSING`.

    Example:
        >>> format_estimate(2.3051, 1.8, 2.9)
        '2.31 [1.80, 2.90]'
        >>> format_estimate(0.5, None, None), format_estimate(None)
        ('0.50', 'n/a')
    """
    if value is None or not math.isfinite(value):
        return MISSING
    text = _fixed(value, digits)
    if low is None or high is None or not (math.isfinite(low) and math.isfinite(high)):
        return text
    return f"{text} [{_fixed(low, digits)}, {_fixed(high, digits)}]"


def format_p_value(p_value: float | None, *, digits: int = 3) -> str:
    """Format a p-value in APA style, without the leading zero: ``".023"``, ``"< .001"``.

    Example:
        >>> format_p_value(0.0231), format_p_value(0.00002), format_p_value(1.0)
        ('.023', '< .001', '1.000')
    """
    if p_value is None or math.isnan(p_value):
        return MISSING
    floor = 10.0**-digits
    if p_value < floor:
        return "< " + f"{floor:.{digits}f}".removeprefix("0")
    return f"{p_value:.{digits}f}".removeprefix("0")


def significance_footnote(correction: str = "holm") -> str:
    """The footnote line that explains the marks and names the multiple-comparison correction.

    Args:
        correction: ``"holm"``, ``"bh"`` or ``"none"``, as passed to
            :func:`~framing.statistics.adjust`.

    Example:
        >>> significance_footnote("holm")[:50]
        '* p < .05, ** p < .01, *** p < .001 (two-sided); p'
        >>> significance_footnote("holm")[50:]
        "-values adjusted with Holm's (1979) step-down method."
    """
    marks = ", ".join(
        f"{mark} p < {f'{level:g}'.removeprefix('0')}"
        for level, mark in reversed(SIGNIFICANCE_LEVELS)
    )
    return f"{marks} (two-sided); {describe_correction(correction)}."
