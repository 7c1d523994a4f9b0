"""RSS and Atom feeds to the entries the monitor follows: link, title, date, outlet.

feedparser is lenient on purpose (many real feeds are not well-formed XML), so "is this a
feed at all" is judged by whether it recognised a feed format, not by its ``bozo`` flag.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date
from urllib.parse import urljoin

import feedparser  # type: ignore[import-untyped]

from flashpoint.errors import FetchError


@dataclass(frozen=True)
class FeedEntry:
    """One item of a feed: where the article is, and what the feed says about it."""

    url: str
    feed_url: str
    title: str | None = None
    published: date | None = None
    outlet: str | None = None


def _day(parsed: time.struct_time | None) -> date | None:
    """feedparser normalises feed dates to UTC ``struct_time``; keep the day."""
    return date(parsed.tm_year, parsed.tm_mon, parsed.tm_mday) if parsed else None


def _link(entry: feedparser.FeedParserDict) -> str | None:
    """The entry's article link: ``link``, else its first alternate link."""
    if entry.get("link"):
        return str(entry["link"])
    for link in entry.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def parse_feed(data: bytes, feed_url: str) -> list[FeedEntry]:
    """Entries with a link, in feed order, each link once and absolute.

    ``feed_url`` (the URL the feed was fetched from) resolves relative links.
    """
    parsed = feedparser.parse(data, response_headers={"content-location": feed_url})
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no RSS or Atom element"
        raise FetchError("E067", feed_url, reason=reason)
    outlet = parsed.feed.get("title") or None
    entries: dict[str, FeedEntry] = {}
    for item in parsed.entries:
        link = _link(item)
        if not link:
            continue
        url = urljoin(feed_url, link.strip())
        if url not in entries:
            entries[url] = FeedEntry(
                url=url, feed_url=feed_url, title=item.get("title") or None,
                published=_day(item.get("published_parsed") or item.get("updated_parsed")),
                outlet=outlet)
    return list(entries.values())
