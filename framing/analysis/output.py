"""Score records out: the JSONL record (full), and flat rows for CSV and Parquet."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from functools import partial
from pathlib import Path
from typing import Any

from framing.analysis.records import EntryScore
from framing.writers import atomic_path, check_output_path, write_records

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
    check_output_path(path)


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
    if sentences is None:
        return write_records(records, path, json_record=EntryScore.to_dict,
                             flat_row=partial(flatten_score, sides=sides),
                             columns=flat_columns(sides),
                             parquet_schema=partial(_parquet_schema, sides))
    extra = [f"{kind}_{name}" for name in detectors for kind in ("max", "mean")]

    def json_record(item: tuple[EntryScore, list[dict[str, Any]]]) -> dict[str, Any]:
        return {**item[0].to_dict(), "sentences": item[1]}

    def flat_row(item: tuple[EntryScore, list[dict[str, Any]]]) -> dict[str, Any]:
        return {**flatten_score(item[0], sides), **sentence_summary(item[1], detectors)}

    # `sentences` may be endless (a generator following `records`): stop with the records.
    return write_records(zip(records, sentences, strict=False), path, json_record=json_record,
                         flat_row=flat_row, columns=flat_columns(sides) + extra,
                         parquet_schema=partial(_parquet_schema, sides, extra))


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


# --- encoded parts (framing.parallel): workers serialise, the parent concatenates -----------


def _score_json(record: EntryScore, sentences: list[dict[str, Any]] | None) -> dict[str, Any]:
    fields = record.to_dict()
    if sentences is not None:
        fields["sentences"] = sentences
    return fields


def _score_row(record: EntryScore, sentences: list[dict[str, Any]] | None,
               sides: Sequence[str], detectors: Sequence[str]) -> dict[str, Any]:
    row = flatten_score(record, sides)
    if sentences is not None:
        row.update(sentence_summary(sentences, detectors))
    return row


def score_columns(sides: Sequence[str], detectors: Sequence[str] = ()) -> list[str]:
    """Flat columns of score output: :func:`flat_columns` plus detector summaries."""
    return flat_columns(sides) + [f"{kind}_{name}" for name in detectors
                                  for kind in ("max", "mean")]


def encode_scores(records: Sequence[EntryScore], fmt: str, *, sides: Sequence[str] = (),
                  sentences: Sequence[list[dict[str, Any]]] | None = None,
                  detectors: Sequence[str] = ()) -> bytes:
    """Serialise score records as a part of a ``.jsonl``, ``.csv`` or ``.parquet`` output.

    The bytes are exactly what :func:`write_scores` writes for these records (JSONL lines, CSV
    rows without the header), or an Arrow IPC stream of the flat rows (Parquet), so parts
    joined by :func:`write_score_parts` in order give the same file as one process.

    Args:
        records: the records of one shard, in order.
        fmt: ``"jsonl"``, ``"csv"`` or ``"parquet"``.
        sides: sides of the per-side columns (CSV/Parquet).
        sentences: per-record sentence-detector rows (``score --sentences``), or None.
        detectors: names of the detectors, for the summary columns.

    Returns:
        The encoded part.
    """
    per_record: Sequence[list[dict[str, Any]] | None] = (
        sentences if sentences is not None else [None] * len(records))
    if fmt == "jsonl":
        return "".join(json.dumps(_score_json(r, s), ensure_ascii=False) + "\n"
                       for r, s in zip(records, per_record, strict=True)).encode("utf-8")
    rows = [_score_row(r, s, sides, detectors) for r, s in zip(records, per_record, strict=True)]
    if fmt == "csv":
        buffer = io.StringIO(newline="")
        csv.DictWriter(buffer, fieldnames=score_columns(sides, detectors)).writerows(rows)
        return buffer.getvalue().encode("utf-8")
    import pyarrow as pa

    schema = _parquet_schema(sides, score_columns(sides, detectors)[len(flat_columns(sides)):])
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, schema) as writer:
        writer.write_table(pa.Table.from_pylist(rows, schema=schema))
    return bytes(sink.getvalue().to_pybytes())


def write_score_parts(parts: Iterable[bytes], path: str | Path, *, sides: Sequence[str] = (),
                      detectors: Sequence[str] = (), batch_size: int = 4096) -> None:
    """Write parts from :func:`encode_scores` to ``path`` in order, atomically.

    Parquet parts are re-cut into row groups of ``batch_size`` rows, as :func:`write_scores`
    writes them, so the file is the same whatever the shards were.
    """
    target = Path(path)
    check_output_path(target)
    suffix = target.suffix.lower()
    with atomic_path(target) as tmp:
        if suffix == ".parquet":
            _write_parquet_parts(parts, tmp, sides, detectors, batch_size)
            return
        with tmp.open("wb") as handle:
            if suffix == ".csv":
                header = io.StringIO(newline="")
                csv.DictWriter(header, fieldnames=score_columns(sides, detectors)).writeheader()
                handle.write(header.getvalue().encode("utf-8"))
            for part in parts:
                handle.write(part)


def _write_parquet_parts(parts: Iterable[bytes], tmp: Path, sides: Sequence[str],
                         detectors: Sequence[str], batch_size: int) -> None:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = _parquet_schema(sides, score_columns(sides, detectors)[len(flat_columns(sides)):])
    held: list[Any] = []  # tables not yet written (fewer than batch_size rows in all)
    n_held = 0
    with pq.ParquetWriter(str(tmp), schema) as writer:
        for part in parts:
            table = pa.ipc.open_stream(part).read_all()
            held.append(table)
            n_held += table.num_rows
            while n_held >= batch_size:
                joined = pa.concat_tables(held).combine_chunks()
                writer.write_table(joined.slice(0, batch_size))
                rest = joined.slice(batch_size)
                held, n_held = [rest], rest.num_rows
        if n_held:
            writer.write_table(pa.concat_tables(held).combine_chunks())
