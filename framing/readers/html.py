"""Reader for saved HTML article pages, through trafilatura (main text, title, date, site)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from urllib.parse import urlparse

from framing.errors import RecordError
from framing.model import Entry, SourceRef
from framing.readers.tabular import parse_published
from framing.text import normalize_line, normalize_text


def read_html(
    html: str, *, path: str, stem: str, outlet: str | None, tz: dt.tzinfo
) -> Iterator[Entry]:
    """Extract one article entry from an HTML page.

    The outlet is ``outlet`` if given, else the page's site name, else its host name, else the
    file stem. Raises :class:`RecordError` when no main text can be found.
    """
    from trafilatura import bare_extraction

    document = bare_extraction(html, with_metadata=True, include_comments=False)
    text = (getattr(document, "text", None) or "") if document is not None else ""
    if document is None or not text.strip():
        raise RecordError("no article text found in the HTML page", path=path)
    title = normalize_line(getattr(document, "title", None) or "")
    paragraphs = [normalize_line(p) for p in normalize_text(text).split("\n")]
    paragraphs = [p for p in paragraphs if p]
    if title and paragraphs and paragraphs[0] == title:
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    url = getattr(document, "url", None)
    site = getattr(document, "sitename", None) or getattr(document, "hostname", None)
    if not site and url:
        site = urlparse(url).hostname
    try:
        published = parse_published(getattr(document, "date", None), tz=tz)
    except ValueError:
        published = None
    return iter(
        [
            Entry(
                id=f"{stem}:1",
                outlet=outlet or (site or "").strip() or stem,
                published=published,
                time=None,
                kind="entry",
                title=title,
                text=f"{title}\n\n{body}" if title and body else (title or body),
                url=url,
                source=SourceRef(path, None, 1),
                meta={"extractor": "trafilatura"},
            )
        ]
    )
