"""Score records out: the JSONL record (full), and flat rows for CSV and Parquet."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from framing.analysis.records import EntryScore
from framing.errors import OutputError
from framing.writers import atomic_path

SCORE_SUFFIXES = (".jsonl", ".csv", ".parquet")

_FLAT_BASE = (
    "id", "outlet", "published", "time", "kind", "title", "source",
    "n_words", "n_words_authorial", "n_words_attributed",
    "n_terms", "n_terms_authorial", "n_terms_quoted", "n_terms_reported",
    "terms_per_1000_words", "terms_authorial_per_1000_authorial_words",
    "n_attributions", "n_attributions_anonymous", "n_attributions_distancing",
    "n_hedges", "n_boosters", "n_scare_quotes",
    "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "dale_chall",
    "tone_compound", "tone_pos", "tone_neu", "tone_neg",
)


def flat_columns(sides: Sequence[str]) -> list[str]:
    """Columns of a flat row: the base counts, then terms carrying each side's framing."""
    columns = list(_FLAT_BASE)
    for side in sides:
        columns += [f"terms_{side}", f"terms_{side}_authorial", f"attributions_{side}"]
    return columns


def _per_1000(count: int, words: int) -> float | None:
    return round(1000 * count / words, 3) if words else None


def flatten_score(record: EntryScore, sides: Sequence[str]) -> dict[str, Any]:
    """Counts and rates of one score record, for CSV/Parquet (the JSONL record keeps spans)."""
    terms_by_voice = {"authorial": 0, "quoted": 0, "reported": 0}
    for term in record.terms:
        terms_by_voice[term.voice] += 1
    cue_counts = {"hedge": 0, "booster": 0, "scare_quote": 0}
    for cue in record.cues:
        cue_counts[cue.kind] += 1
    readability = record.readability
    tone = record.tone
    row: dict[str, Any] = {
        "id": record.id, "outlet": record.outlet, "published": record.published,
        "time": record.time, "kind": record.kind, "title": record.title,
        "source": record.source, "n_words": record.n_words,
        "n_words_authorial": record.n_words_authorial,
        "n_words_attributed": record.n_words_attributed,
        "n_terms": len(record.terms),
        "n_terms_authorial": terms_by_voice["authorial"],
        "n_terms_quoted": terms_by_voice["quoted"],
        "n_terms_reported": terms_by_voice["reported"],
        "terms_per_1000_words": _per_1000(len(record.terms), record.n_words),
        "terms_authorial_per_1000_authorial_words": _per_1000(terms_by_voice["authorial"],
                                                               record.n_words_authorial),
        "n_attributions": len(record.attributions),
        "n_attributions_anonymous": sum(1 for a in record.attributions if a.anonymous),
        "n_attributions_distancing": sum(1 for a in record.attributions
                                         if a.stance == "distancing"),
        "n_hedges": cue_counts["hedge"], "n_boosters": cue_counts["booster"],
        "n_scare_quotes": cue_counts["scare_quote"],
        "flesch_reading_ease": readability.flesch_reading_ease if readability else None,
        "flesch_kincaid_grade": readability.flesch_kincaid_grade if readability else None,
        "gunning_fog": readability.gunning_fog if readability else None,
        "dale_chall": readability.dale_chall if readability else None,
        "tone_compound": tone.compound if tone else None,
        "tone_pos": tone.pos if tone else None,
        "tone_neu": tone.neu if tone else None,
        "tone_neg": tone.neg if tone else None,
    }
    for side in sides:
        row[f"terms_{side}"] = sum(1 for t in record.terms if t.orientation == side)
        row[f"terms_{side}_authorial"] = sum(1 for t in record.terms
                                             if t.orientation == side and t.voice == "authorial")
        row[f"attributions_{side}"] = sum(1 for a in record.attributions if a.side == side)
    return row


def check_score_output(path: Path) -> None:
    """Raise :class:`OutputError` early for an unsupported suffix or a missing directory."""
    if path.suffix.lower() not in SCORE_SUFFIXES:
        raise OutputError(f"{path}: the output must end in one of {', '.join(SCORE_SUFFIXES)}; "
                          f"got {path.suffix.lower() or 'no suffix'!r}")
    if not path.parent.exists():
        raise OutputError(f"{path}: directory {path.parent} does not exist")


def sentence_summary(sentences: Sequence[dict[str, Any]], names: Sequence[str]
                     ) -> dict[str, float | None]:
    """``max_<name>`` and ``mean_<name>`` of per-sentence detector probabilities (flat output)."""
    row: dict[str, float | None] = {}
    for name in names:
        values = [float(s[name]) for s in sentences if name in s]
        row[f"max_{name}"] = max(values) if values else None
        row[f"mean_{name}"] = round(sum(values) / len(values), 4) if values else None
    return row


def write_scores(records: Iterable[EntryScore], path: str | Path, *,
                 sides: Sequence[str] = (),
                 sentences: Iterable[list[dict[str, Any]]] | None = None,
                 detectors: Sequence[str] = ()) -> int:
    """Write score records (streamed) to JSONL, CSV or Parquet; return how many were written.

    ``sentences`` (parallel to ``records``) adds per-sentence detector probabilities: the JSONL
    record gets a ``sentences`` field, CSV/Parquet rows ``max_<name>``/``mean_<name>`` columns
    for each name of ``detectors``.
    """
    if sentences is not None:
        return _write_with_sentences(records, sentences, Path(path), sides, detectors)
    target = Path(path)
    check_score_output(target)
    suffix = target.suffix.lower()
    n_written = 0
    with atomic_path(target) as tmp:
        if suffix == ".jsonl":
            with tmp.open("w", encoding="utf-8") as handle:
                for record in records:
                    handle.write(json.dumps(record.to_dict(), ensure_ascii=False) + "\n")
                    n_written += 1
        elif suffix == ".csv":
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=flat_columns(sides))
                writer.writeheader()
                for record in records:
                    writer.writerow(flatten_score(record, sides))
                    n_written += 1
        else:
            n_written = _write_parquet(records, tmp, sides)
    return n_written


def _parquet_schema(sides: Sequence[str], extra: Sequence[str] = ()) -> Any:
    import pyarrow as pa

    columns = flat_columns(sides)
    text_columns = {"id", "outlet", "published", "time", "kind", "title", "source"}
    float_columns = {"terms_per_1000_words", "terms_authorial_per_1000_authorial_words",
                     "flesch_reading_ease", "flesch_kincaid_grade", "gunning_fog", "dale_chall",
                     "tone_compound", "tone_pos", "tone_neu", "tone_neg"}
    return pa.schema([
        (c, pa.string() if c in text_columns else pa.float64() if c in float_columns
         else pa.int64()) for c in columns
    ] + [(c, pa.float64()) for c in extra])


def _write_parquet(records: Iterable[EntryScore], tmp: Path, sides: Sequence[str],
                   batch_size: int = 4096) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema(sides)
    n_written = 0
    with pq.ParquetWriter(str(tmp), schema) as writer:
        batch: list[dict[str, Any]] = []
        for record in records:
            batch.append(flatten_score(record, sides))
            if len(batch) >= batch_size:
                writer.write_table(pa.Table.from_pylist(batch, schema=schema))
                n_written += len(batch)
                batch = []
        if batch:
            writer.write_table(pa.Table.from_pylist(batch, schema=schema))
            n_written += len(batch)
    return n_written


def _write_with_sentences(records: Iterable[EntryScore],
                          sentences: Iterable[list[dict[str, Any]]], target: Path,
                          sides: Sequence[str], detectors: Sequence[str]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    check_score_output(target)
    suffix = target.suffix.lower()
    pairs = zip(records, sentences, strict=False)  # `sentences` may be endless
    n_written = 0
    with atomic_path(target) as tmp:
        if suffix == ".jsonl":
            with tmp.open("w", encoding="utf-8") as handle:
                for record, rows in pairs:
                    handle.write(json.dumps({**record.to_dict(), "sentences": rows},
                                            ensure_ascii=False) + "\n")
                    n_written += 1
            return n_written
        flat = [{**flatten_score(r, sides), **sentence_summary(rows, detectors)}
                for r, rows in pairs]
        extra = [f"{kind}_{name}" for name in detectors for kind in ("max", "mean")]
        if suffix == ".csv":
            with tmp.open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=flat_columns(sides) + extra)
                writer.writeheader()
                writer.writerows(flat)
        else:
            pq.write_table(pa.Table.from_pylist(flat, schema=_parquet_schema(sides, extra)),
                           str(tmp))
        return len(flat)
