"""Inter-coder agreement: Krippendorff's alpha, Cohen's and Fleiss' kappa, percent agreement.

Read coded data with :func:`read_codes` (long CSV/TSV/JSONL, or wide CSV), then
:func:`assess_agreement` for every coefficient with bootstrap intervals over items, and
:func:`compare_tool` to score a tool's codes against the human majority. The coefficients
themselves are plain numpy functions in :mod:`framing.agreement.measures`.

Example:
    >>> from framing.agreement import CodeTable, assess_agreement, BootstrapOptions
    >>> table = CodeTable.from_rows([["a", "a"], ["b", "b"], ["a", "b"], ["b", "b"]])
    >>> report = assess_agreement(table, options=BootstrapOptions(n_boot=0))
    >>> round(report.rows[0].value, 3)  # nominal alpha
    0.533
"""

from __future__ import annotations

from framing.agreement.codes import (
    MISSING_TOKENS,
    Code,
    CodeColumns,
    CodeTable,
    read_codes,
    read_tool_codes,
)
from framing.agreement.measures import LEVELS, fleiss_kappa, krippendorff_alpha
from framing.agreement.report import (
    DEFAULT_AGREEMENT_BOOT,
    LEVEL_CHOICES,
    AgreementReport,
    AgreementRow,
    BootstrapOptions,
    Estimate,
    ToolComparison,
    assess_agreement,
    bootstrap_estimates,
    compare_tool,
)

__all__ = [
    "DEFAULT_AGREEMENT_BOOT",
    "LEVELS",
    "LEVEL_CHOICES",
    "MISSING_TOKENS",
    "AgreementReport",
    "AgreementRow",
    "BootstrapOptions",
    "Code",
    "CodeColumns",
    "CodeTable",
    "Estimate",
    "ToolComparison",
    "assess_agreement",
    "bootstrap_estimates",
    "compare_tool",
    "fleiss_kappa",
    "krippendorff_alpha",
    "read_codes",
    "read_tool_codes",
]
