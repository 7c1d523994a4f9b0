"""Article pages to flashpoint Articles, with the same HTML extraction as ``flashpoint ingest``.

The page's own metadata (trafilatura: title, date, author, site name) wins; what the feed said
fills the gaps, and the dateline in the text comes last, as for files.
"""
from __future__ import annotations

from dataclasses import replace

import httpx

from flashpoint.errors import FetchError
from flashpoint.feeds.entries import FeedEntry
from flashpoint.feeds.fetcher import Fetched
from flashpoint.ingest.article import Article, doc_id_for
from flashpoint.ingest.dateline import find_dateline
from flashpoint.ingest.decode import decode_bytes
from flashpoint.ingest.html import article_from_html

HTML_TYPES = {"text/html", "application/xhtml+xml"}


def article_from_page(page: Fetched, entry: FeedEntry, max_bytes: int) -> Article:
    """The page's article; ``doc_id`` and ``url`` are the URL it was finally fetched from.

    Raises ``FetchError`` for a page that is not HTML and ``InputError`` for one without
    article text, both naming the URL.
    """
    if page.content_type and page.content_type not in HTML_TYPES:
        raise FetchError("E068", page.url, content_type=page.content_type)
    article = article_from_html(decode_bytes(page.body, page.url, max_bytes), page.url, None)
    published, published_text = article.published, article.published_text
    if published is None and entry.published is not None:
        published, published_text = entry.published, None
    if published is None:
        published, published_text = find_dateline(article.text) or (None, None)
    return replace(
        article, doc_id=doc_id_for(article.text, given=page.url), url=page.url, title=article.title or entry.title,
        outlet=article.outlet or entry.outlet or httpx.URL(page.url).host,
        published=published, published_text=published_text,
        metadata={**article.metadata, "feed": entry.feed_url})
