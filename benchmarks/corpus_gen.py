"""A deterministic synthetic news corpus made from the bundled demo corpus, with variation.

Sentences of the (fictional) demo corpus are recombined into entries of a target size, with
numbers and clock times varied, so benchmarks run on realistic live-feed copy at any scale
without shipping or downloading data.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Iterator

import framing
from framing.analysis.sentences import split_sentences
from framing.model import Entry, SourceRef

_NUMBER_RE = re.compile(r"\b\d{1,3}\b")


def demo_sentences() -> list[str]:
    """Every sentence of the demo corpus (headlines included), in corpus order."""
    corpus = framing.read_corpus(framing.demo_corpus_path())
    sentences: list[str] = []
    for entry in corpus:
        sentences += [entry.text[s:e].strip() for s, e in split_sentences(entry.text)]
    return [s for s in sentences if len(s) > 20]


def demo_titles() -> list[str]:
    """Every headline of the demo corpus."""
    corpus = framing.read_corpus(framing.demo_corpus_path())
    return [entry.title for entry in corpus if entry.title]


def generate_entries(n: int, *, target_bytes: int = 220, seed: int = 7) -> Iterator[Entry]:
    """Yield ``n`` entries of about ``target_bytes`` UTF-8 bytes each (seeded, reproducible)."""
    rng = random.Random(seed)
    sentences = demo_sentences()
    titles = demo_titles()
    outlets = ["Compass Wire", "Radio Dorvassa", "Stelmar Today", "The Daily Blare"]
    start = dt.datetime(2031, 3, 5, 23, 59, tzinfo=dt.UTC)
    for i in range(n):
        title = rng.choice(titles)
        body: list[str] = []
        size = len(title.encode()) + 2
        for _ in range(50):  # draw sentences until the entry is about the target size
            sentence = _NUMBER_RE.sub(lambda _: str(rng.randint(2, 120)), rng.choice(sentences))
            if body and size + len(sentence.encode()) > target_bytes * 1.1:
                if size >= target_bytes * 0.8:
                    break
                continue
            body.append(sentence)
            size += len(sentence.encode()) + 1
        text = title + "\n\n" + " ".join(body)
        yield Entry(id=f"gen:{i}", outlet=outlets[i % len(outlets)],
                    published=start - dt.timedelta(minutes=7 * i), time=None, kind="entry",
                    title=title, text=text, url=None, source=SourceRef("generated", None, i + 1))


def generate_articles(n: int, *, target_bytes: int = 2000, seed: int = 11) -> Iterator[Entry]:
    """Yield ``n`` article-length entries (~``target_bytes`` bytes, paragraphs of 2–4 sentences).

    The ~2 KB variant of :func:`generate_entries`, for the article throughput target: the same
    demo sentences (numbers varied), a headline, and blank-line separated paragraphs, as
    articles from HTML pages or exports read.
    """
    rng = random.Random(seed)
    sentences = demo_sentences()
    titles = demo_titles()
    outlets = ["Compass Wire", "Radio Dorvassa", "Stelmar Today", "The Daily Blare"]
    start = dt.datetime(2031, 3, 5, 23, 59, tzinfo=dt.UTC)
    for i in range(n):
        title = rng.choice(titles)
        paragraphs: list[str] = []
        size = len(title.encode()) + 2
        while size < target_bytes * 0.95:
            paragraph = " ".join(
                _NUMBER_RE.sub(lambda _: str(rng.randint(2, 120)), rng.choice(sentences))
                for _ in range(rng.randint(2, 4)))
            if paragraphs and size + len(paragraph.encode()) > target_bytes * 1.15:
                break
            paragraphs.append(paragraph)
            size += len(paragraph.encode()) + 2
        text = title + "\n\n" + "\n\n".join(paragraphs)
        yield Entry(id=f"article:{i}", outlet=outlets[i % len(outlets)],
                    published=start - dt.timedelta(minutes=41 * i), time=None, kind="entry",
                    title=title, text=text, url=None, source=SourceRef("generated", None, i + 1))
