"""Golden output: optimisations must not change a single score of the demo corpus.

If a change to the analysis or a lexicon is deliberate, regenerate with
`python tests/update_golden.py` and explain the differences in the commit.
"""

from __future__ import annotations

import json

from tests.update_golden import GOLDEN, demo_records


def test_golden_demo_scores_unchanged() -> None:
    expected = [json.loads(line) for line in GOLDEN.read_text(encoding="utf-8").splitlines()]
    actual = demo_records()
    assert len(actual) == len(expected)
    for want, got in zip(expected, actual, strict=True):
        for key in want:
            assert got[key] == want[key], f"{want['id']}: field {key!r} changed"
