"""Shared fixtures: the repository root, ../shared (FRAMING_SHARED) and the reference feed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = Path(__file__).resolve().parent / "data"
REFERENCE_FEED_NAME = "000_476cce20535633e5.txt"


def shared_path() -> Path:
    """``$FRAMING_SHARED``, else ``../shared`` relative to the repository root."""
    configured = os.environ.get("FRAMING_SHARED")
    return Path(configured) if configured else REPO_ROOT.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The shared data folder, or skip with a reason naming where it was looked for."""
    path = shared_path()
    if not path.is_dir():
        pytest.skip(f"shared data not found at {path} (set FRAMING_SHARED to its location)")
    return path


@pytest.fixture(scope="session")
def reference_feed(shared_dir: Path) -> Path:
    """The real Sputnik live feed (16–17 Oct 2020) used as the reference input."""
    path = shared_dir / "corpora" / REFERENCE_FEED_NAME
    if not path.is_file():
        pytest.skip(f"reference feed not found at {path}")
    return path


@pytest.fixture()
def data_dir() -> Path:
    """The project's own test fixtures (texts written for these tests)."""
    return DATA_DIR
