"""HTML pages to Articles with trafilatura: the main text plus title, date, author and site."""
from __future__ import annotations

import trafilatura

from flashpoint.errors import InputError
from flashpoint.ingest.article import Article, doc_id_for
from flashpoint.ingest.dateline import parse_date

#: Fewer words than this is page furniture (menus, cookie banners), not an article.
MIN_ARTICLE_WORDS = 10


def article_from_html(html: str, name: str, path: str | None) -> Article:
    """Extract the article; a page with no article text is an ``InputError``."""
    document = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                           favor_precision=True)
    text = getattr(document, "text", None) if document is not None else None
    if not text or len(text.split()) < MIN_ARTICLE_WORDS:
        raise InputError("E006", path or name)
    raw_date = getattr(document, "date", None)
    return Article(
        doc_id=doc_id_for(text, path=path), text=text, title=getattr(document, "title", None),
        url=getattr(document, "url", None),
        outlet=getattr(document, "sitename", None) or getattr(document, "hostname", None),
        author=getattr(document, "author", None), published=parse_date(raw_date),
        published_text=raw_date, source_path=path)
