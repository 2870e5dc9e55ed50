"""Entry and Corpus: immutability, summaries, filtering, grouping, pandas round trip."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from framing.model import Corpus, Entry, SourceRef

UTC = dt.UTC


def _entry(i: int, outlet: str, *, kind: str = "entry", day: int | None = 1,
           text: str = "One two three.") -> Entry:
    return Entry(
        id=f"e{i}", outlet=outlet,
        published=dt.datetime(2031, 3, day, 9, i, tzinfo=UTC) if day else None,
        time=None, kind=kind, title="", text=text, url=None,  # type: ignore[arg-type]
        source=SourceRef("mem.jsonl", i, i),
    )


@pytest.fixture()
def corpus() -> Corpus:
    return Corpus([
        _entry(1, "Beta", day=3), _entry(2, "Alpha", day=1, text="Four words right here."),
        _entry(3, "Beta", kind="background", day=None), _entry(4, "Alpha", day=None),
    ])


def test_model_entry_is_frozen() -> None:
    entry = _entry(1, "A")
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.text = "changed"  # type: ignore[misc]


def test_model_entry_rejects_naive_datetime_and_unknown_kind() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Entry(id="x", outlet="A", published=dt.datetime(2031, 1, 1), time=None, kind="entry",
              title="", text="t", url=None, source=SourceRef("m"))
    with pytest.raises(ValueError, match="`kind` field must be one of"):
        Entry(id="x", outlet="A", published=None, time=None, kind="story",  # type: ignore[arg-type]
              title="", text="t", url=None, source=SourceRef("m"))


def test_model_entry_words_and_body() -> None:
    entry = Entry(id="x", outlet="A", published=None, time=None, kind="entry",
                  title="Baku Says", text="Baku Says\n\nAzerbaijan’s de-occupied lands.",
                  url=None, source=SourceRef("m"))
    assert entry.n_words == 5
    assert entry.body == "Azerbaijan’s de-occupied lands."


def test_model_corpus_container(corpus: Corpus) -> None:
    assert len(corpus) == 4
    assert str(corpus) == "Corpus(4 entries, 2 outlets)"
    assert corpus[0].id == "e1"
    assert isinstance(corpus[1:3], Corpus) and len(corpus[1:3]) == 2
    assert [e.id for e in corpus] == ["e1", "e2", "e3", "e4"]
    assert corpus.outlets == ["Beta", "Alpha"]
    assert corpus.n_words == 3 + 4 + 3 + 3


def test_model_corpus_filter_and_group_return_new_corpora(corpus: Corpus) -> None:
    dated = corpus.filter(lambda e: e.published is not None)
    assert [e.id for e in dated] == ["e1", "e2"]
    assert len(corpus) == 4
    groups = corpus.group_by_outlet()
    assert list(groups) == ["Beta", "Alpha"]
    assert [e.id for e in groups["Alpha"]] == ["e2", "e4"]


def test_model_corpus_summary(corpus: Corpus) -> None:
    summary = corpus.summary()
    assert (summary.n_entries, summary.n_background, summary.n_words) == (3, 1, 13)
    assert summary.first == dt.datetime(2031, 3, 1, 9, 2, tzinfo=UTC)
    assert summary.last == dt.datetime(2031, 3, 3, 9, 1, tzinfo=UTC)
    alpha, beta = summary.outlets
    assert (alpha.outlet, alpha.n_entries, alpha.n_background, alpha.n_undated) == (
        "Alpha", 2, 0, 1)
    assert (beta.outlet, beta.n_entries, beta.n_background, beta.n_undated) == ("Beta", 1, 1, 0)
    assert summary.to_dict()["outlets"][0]["first"] == "2031-03-01T09:02:00+00:00"


def test_model_empty_corpus_summary() -> None:
    summary = Corpus().summary()
    assert (summary.n_entries, summary.first, summary.outlets) == (0, None, ())


def test_model_pandas_round_trip(corpus: Corpus) -> None:
    pytest.importorskip("pandas")
    frame = corpus.to_pandas()
    assert list(frame.columns) == ["id", "outlet", "published", "time", "kind", "title", "text",
                                   "url", "source", "meta"]
    assert frame.loc[0, "published"] == dt.datetime(2031, 3, 3, 9, 1, tzinfo=UTC)
    back = Corpus.from_pandas(frame)
    assert [(e.id, e.outlet, e.published, e.kind, e.text) for e in back] == [
        (e.id, e.outlet, e.published, e.kind, e.text) for e in corpus]
