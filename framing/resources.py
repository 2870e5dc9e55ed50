"""Locate data shipped with the package: bundled lexicons and the demo corpus.

In a built wheel the top-level ``lexicons/`` directory is installed as ``framing/lexicons``
(see ``pyproject.toml``). In an editable checkout it stays at the repository root, so we look
there second. Both are read through :mod:`importlib.resources` / :class:`pathlib.Path`.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def lexicon_dir() -> Path:
    """Return the directory holding the bundled lexicon YAML files."""
    packaged = Path(str(files("framing"))) / "lexicons"
    if packaged.is_dir():
        return packaged
    checkout = Path(__file__).resolve().parent.parent / "lexicons"
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(  # pragma: no cover - only on a broken installation
        "bundled lexicons not found: neither framing/lexicons nor ../lexicons exists"
    )


def demo_corpus_path() -> Path:
    """Return the directory of the bundled, fictional demo corpus (its README is one level up)."""
    return Path(str(files("framing"))) / "data" / "demo" / "corpus"


def demo_lexicon_path() -> Path:
    """Return the lexicon of the demo corpus's fictional conflict."""
    return Path(str(files("framing"))) / "data" / "demo" / "demo-conflict.yaml"
