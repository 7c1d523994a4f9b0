"""HTML pages to Articles with trafilatura: the main text plus title, date, author and site."""
from __future__ import annotations

from typing import Any

from flashpoint.errors import InputError
from flashpoint.ingest.article import Article, doc_id_for
from flashpoint.ingest.dateline import parse_date
from flashpoint.ingest.decode import clean_text

#: Fewer words than this is page furniture (menus, cookie banners), not an article.
MIN_ARTICLE_WORDS = 10


def _extract(html: str, precise: bool) -> Any:
    import trafilatura  # a second to import: only when a page is read, not when the CLI starts

    return trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                       favor_precision=precise, favor_recall=not precise)


def _field(document: Any, name: str) -> str | None:
    """A field of trafilatura's document, cleaned (entities may decode to control characters)."""
    value = getattr(document, name, None) if document is not None else None
    return clean_text(value) if isinstance(value, str) and value else None


def _article_words(document: Any) -> str | None:
    text = _field(document, "text")
    return text if text and len(text.split()) >= MIN_ARTICLE_WORDS else None


def article_from_html(html: str, name: str, path: str | None) -> Article:
    """Extract the article; a page with no article text is an ``InputError``.

    Precision first (it drops menus and teasers); when it finds nothing, recall: precision
    mode finds no text in text split across nested ``div``s without paragraphs, a layout
    some sites and converters produce.
    """
    document = _extract(html, precise=True)
    text = _article_words(document)
    if text is None:
        document = _extract(html, precise=False)
        text = _article_words(document)
    if text is None:
        raise InputError("E006", path or name)
    raw_date = _field(document, "date")
    return Article(
        doc_id=doc_id_for(text, path=path), text=text, title=_field(document, "title"),
        url=_field(document, "url"), outlet=_field(document, "sitename") or _field(document, "hostname"),
        author=_field(document, "author"), published=parse_date(raw_date), published_text=raw_date,
        source_path=path)
