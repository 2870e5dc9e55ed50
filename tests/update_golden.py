"""Regenerate the golden score records of the demo corpus (tests/data/golden/).

Run after a deliberate change of the analysis or of a lexicon (bump the lexicon's version),
review `git diff tests/data/golden/`, and say in the commit why the outputs changed.

    python tests/update_golden.py
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

GOLDEN = Path(__file__).resolve().parent / "data" / "golden" / "demo_scores.jsonl"


def demo_records() -> list[dict[str, object]]:
    """Score records of the demo corpus, as the golden file stores them."""
    import framing
    from framing.analysis.analyze import score
    from framing.demo import DEMO_NEWEST_DATE, DEMO_TZ, demo_analyzer

    options = framing.ReadOptions.create(date=DEMO_NEWEST_DATE, tz=DEMO_TZ)
    corpus = framing.read_corpus(framing.demo_corpus_path(), options=options)
    records = []
    for record in score(corpus, demo_analyzer()):
        data = record.to_dict()
        data["source"] = Path(str(data["source"]).split(":")[0]).name  # machine-independent
        records.append(json.loads(json.dumps(data)))  # tuples become lists, as on disk
    return records


def main() -> int:
    GOLDEN.parent.mkdir(parents=True, exist_ok=True)
    lines = [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in demo_records()]
    old = GOLDEN.read_text(encoding="utf-8").splitlines() if GOLDEN.exists() else []
    GOLDEN.write_text("\n".join(lines) + "\n", encoding="utf-8")
    changed = sum(1 for a, b in zip(old, lines, strict=False) if a != b)
    print(f"wrote {len(lines)} records to {GOLDEN} ({changed} changed, "
          f"{len(lines) - len(old)} more than before)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
