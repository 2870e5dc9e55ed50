"""Record readers: JSONL, CSV/TSV, Parquet, JSON, HTML, directories, stdin; round trips."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import framing
from framing.model import Entry, SourceRef
from framing.readers.tabular import parse_published, resolve_columns
from framing.writers import write_entries


def test_tabular_mediacloud_csv_aliases(data_dir: Path) -> None:
    entries = list(framing.read_corpus(data_dir / "tables" / "mediacloud.csv"))
    assert [e.id for e in entries] == ["101", "102"]
    assert [e.outlet for e in entries] == ["Northern Herald", "Southern Star"]
    assert entries[0].published == dt.datetime(2031, 3, 4, 9, 15, tzinfo=dt.UTC)
    assert entries[0].text == "Talks Resume in Lenmoor\n\nNegotiators met again on Tuesday, officials said."
    assert entries[1].text.endswith('after "a fair deal", the union said.')
    assert entries[0].url == "https://northern.example/1"
    assert entries[0].meta == {"language": "en"}
    assert str(entries[1].source).endswith("mediacloud.csv:3")


def test_tabular_gdelt_like_tsv(data_dir: Path) -> None:
    (entry,) = framing.read_corpus(data_dir / "tables" / "gdelt_like.tsv")
    assert entry.published == dt.datetime(2031, 3, 4, 9, 15, tzinfo=dt.UTC)
    assert entry.title == "Talks Resume"
    assert entry.outlet == "Northern Herald"


def test_tabular_jsonl_aliases_blank_lines_and_meta(data_dir: Path) -> None:
    options = framing.ReadOptions.create(tz="Europe/Paris")
    first, second = framing.read_corpus(data_dir / "tables" / "records.jsonl", options=options)
    assert first.published is not None
    assert first.published.utcoffset() == dt.timedelta(hours=2)  # explicit offset kept
    assert first.meta == {"section": "world"}
    assert second.outlet == "Southern Star"
    assert second.title == "Strike Ends"
    assert second.published is not None
    assert second.published.utcoffset() == dt.timedelta(hours=1)  # naive date → --tz
    assert second.source.line == 3  # the blank line 2 is counted


def test_tabular_html_through_trafilatura(data_dir: Path) -> None:
    (entry,) = framing.read_corpus(data_dir / "tables" / "article.html")
    assert entry.outlet == "Northern Herald"
    assert entry.title == "Talks Resume in Lenmoor"
    assert entry.published is not None and entry.published.date() == dt.date(2024, 3, 4)
    assert "Negotiators for the harbour workers" in entry.text
    assert "Home | World" not in entry.text and "©" not in entry.text


def test_tabular_json_array(tmp_path: Path) -> None:
    path = tmp_path / "items.json"
    path.write_text(json.dumps([{"headline": "A", "body": "One."}, {"title": "B", "text": "Two."}]))
    assert [e.text for e in framing.read_corpus(path)] == ["A\n\nOne.", "B\n\nTwo."]


def test_tabular_directory_recursive_and_unsupported_reported(tmp_path: Path,
                                                               data_dir: Path) -> None:
    nested = tmp_path / "a" / "b"
    nested.mkdir(parents=True)
    (nested / "records.jsonl").write_bytes((data_dir / "tables" / "records.jsonl").read_bytes())
    (tmp_path / "feed.txt").write_bytes((data_dir / "feeds" / "zones_and_bullets.txt").read_bytes())
    (tmp_path / "notes.docx").write_bytes(b"PK\x03\x04")
    (tmp_path / ".hidden.jsonl").write_text("not json")
    stream = framing.iter_entries(tmp_path)
    entries = list(stream)
    assert len(entries) == 5
    assert [s.location for s in stream.skipped] == [str(tmp_path / "notes.docx")]
    assert "unsupported file type '.docx'" in stream.skipped[0].reason


def test_tabular_content_sniffing_without_suffix(tmp_path: Path) -> None:
    path = tmp_path / "export"
    path.write_text('{"text": "Sniffed as JSON Lines."}\n')
    (entry,) = framing.read_corpus(path)
    assert entry.text == "Sniffed as JSON Lines."


def test_tabular_utf16_and_bom_inputs(tmp_path: Path) -> None:
    utf16 = tmp_path / "u16.jsonl"
    utf16.write_bytes('{"text": "Gäste “quoted”"}\n'.encode("utf-16"))
    bom = tmp_path / "bom.csv"
    bom.write_bytes(b"\xef\xbb\xbftext,title\nBody \xe2\x80\x99s,T\n")
    assert framing.read_corpus(utf16)[0].text == "Gäste “quoted”"
    assert framing.read_corpus(bom)[0].text == "T\n\nBody ’s"


def test_tabular_nfc_normalisation(tmp_path: Path) -> None:
    path = tmp_path / "nfd.jsonl"
    path.write_text(json.dumps({"text": "Cafe\u0301 in Gəncə"}) + "\n", encoding="utf-8")
    assert framing.read_corpus(path)[0].text == "Café in Gəncə"


def test_tabular_explicit_and_detected_encodings(tmp_path: Path) -> None:
    path = tmp_path / "cp1252.csv"
    path.write_bytes("text\n“Ceasefire” holds – for now\n".encode("cp1252"))
    with pytest.raises(framing.InputError):
        framing.read_corpus(path)
    explicit = framing.read_corpus(path, options=framing.ReadOptions.create(encoding="cp1252"))
    assert explicit[0].text == "“Ceasefire” holds – for now"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2020-10-17T01:57:00+04:00", "2020-10-17T01:57:00+04:00"),
        ("2020-10-17T01:57:00Z", "2020-10-17T01:57:00+00:00"),
        ("2020-10-17 01:57:00", "2020-10-17T01:57:00+00:00"),
        ("2020-10-17", "2020-10-17T00:00:00+00:00"),
        ("20201017015700", "2020-10-17T01:57:00+00:00"),
        ("Sat, 17 Oct 2020 01:57:00 +0300", "2020-10-17T01:57:00+03:00"),
        (1602899820, "2020-10-17T01:57:00+00:00"),
        (dt.date(2020, 10, 17), "2020-10-17T00:00:00+00:00"),
    ],
)
def test_tabular_parse_published(value: object, expected: str) -> None:
    parsed = parse_published(value, tz=dt.UTC)
    assert parsed is not None and parsed.isoformat() == expected


def test_tabular_resolve_columns_first_alias_wins_case_insensitively() -> None:
    assert resolve_columns(["Story_Text", "body", "Headline", "MEDIA_NAME", "source"]) == {
        "text": "body", "title": "Headline", "outlet": "MEDIA_NAME"}


@pytest.mark.parametrize("suffix", [".jsonl", ".csv", ".parquet"])
def test_tabular_convert_round_trip(reference_feed: Path, tmp_path: Path, suffix: str) -> None:
    options = framing.ReadOptions.create(date="2020-10-17")
    corpus = framing.read_corpus(reference_feed, options=options)
    out = tmp_path / f"feed{suffix}"
    assert write_entries(corpus, out) == 38
    again = framing.read_corpus(out)
    for before, after in zip(corpus, again, strict=True):
        assert (after.id, after.outlet, after.published, after.time, after.kind, after.title,
                after.text, after.url) == (before.id, before.outlet, before.published,
                                           before.time, before.kind, before.title, before.text,
                                           before.url)
        # The original provenance travels along, so a converted corpus still traces back.
        assert after.meta == {**before.meta, "source": str(before.source)}


_texts = st.text(alphabet=st.characters(blacklist_categories=["Cs", "Cc"]), min_size=1,
                 max_size=60).map(str.strip).filter(bool)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(_texts, _texts, st.sampled_from(["entry", "background"])),
                     min_size=1, max_size=8))
def test_tabular_jsonl_round_trip_property(tmp_path: Path, rows: list[tuple[str, str, str]]) -> None:
    entries = [
        Entry(id=f"x:{i}", outlet="Outlet", published=None, time=None, kind=kind,  # type: ignore[arg-type]
              title="", text=framing.text.normalize_text(text), url=None,
              source=SourceRef("mem", i), meta={"n": i, "title_hint": title})
        for i, (title, text, kind) in enumerate(rows)
    ]
    out = tmp_path / "rt.jsonl"
    write_entries(entries, out)
    back = list(framing.read_corpus(out))
    assert [(e.id, e.text, e.kind, dict(e.meta)) for e in back] == [
        (e.id, e.text.strip(), e.kind, {**e.meta, "source": str(e.source)}) for e in entries]
