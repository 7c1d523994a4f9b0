"""Article pages to Articles: page metadata first, the feed's fills the gaps."""
from __future__ import annotations

from datetime import date

import pytest

from flashpoint.errors import FetchError, InputError
from flashpoint.feeds import FeedEntry, Fetched, article_from_page
from tests.feeds.site import article_html

URL = "http://wire.example/articles/5"
ENTRY = FeedEntry(url=URL, feed_url="http://wire.example/rss.xml", title="Feed title",
                  published=date(2026, 1, 9), outlet="Wire Feed")


def _page(html: str, content_type: str = "text/html") -> Fetched:
    return Fetched(URL, 200, content_type, html.encode("utf-8"))


def test_page_metadata_wins_and_url_outlet_are_filled() -> None:
    article = article_from_page(_page(article_html(5)), ENTRY, 1_000_000)
    assert article.doc_id == article.url == URL
    assert article.title is not None and article.title.endswith("report 5") and article.outlet == "Local Wire"
    assert article.published == date(2026, 2, 6)
    assert "report number 5" in article.text and article.metadata["feed"] == ENTRY.feed_url


def test_feed_fills_what_the_page_lacks() -> None:
    bare = ("<html><body><article><p>Ministers from both countries met in the capital on Tuesday "
            "and agreed to reopen the border crossing within a week, officials said.</p></article></body></html>")
    article = article_from_page(_page(bare), ENTRY, 1_000_000)
    assert article.title == "Feed title" and article.published == date(2026, 1, 9)
    assert article.outlet == "Wire Feed"


def test_not_html_and_no_text_are_errors_naming_the_url() -> None:
    with pytest.raises(FetchError, match=f"E068 {URL}: application/pdf"):
        article_from_page(_page("%PDF", "application/pdf"), ENTRY, 1_000_000)
    with pytest.raises(InputError, match=f"E006 {URL}"):
        article_from_page(_page("<html><body><p>Cookies?</p></body></html>"), ENTRY, 1_000_000)
