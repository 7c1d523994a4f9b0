"""Feeds in: poll RSS/Atom feeds, fetch new article pages safely, hand Articles to a sink.

The pieces, one job each: ``policy`` (limits), ``addresses`` (which hosts may be reached),
``fetcher`` (one safe GET), ``ratelimit``, ``validators`` (ETag/Last-Modified), ``entries``
(feedparser), ``pages`` (HTML to Article), ``seen`` (what was done; the store keeps it across runs),
``backoff``, ``watch`` (the loop), ``feedlist`` and ``interval`` (the CLI's inputs).
"""
from __future__ import annotations

from flashpoint.feeds.backoff import Backoff
from flashpoint.feeds.entries import FeedEntry, parse_feed
from flashpoint.feeds.fetcher import Fetched, Fetcher
from flashpoint.feeds.pages import article_from_page
from flashpoint.feeds.policy import FetchPolicy
from flashpoint.feeds.seen import MemorySeen, Seen
from flashpoint.feeds.validators import KeptValidators, MemoryValidators, ValidatorCache, Validators
from flashpoint.feeds.watch import PollSummary, Sink, Watcher, watch

__all__ = [
    "Backoff", "FeedEntry", "FetchPolicy", "Fetched", "Fetcher", "KeptValidators",
    "MemorySeen", "MemoryValidators", "PollSummary", "Seen", "Sink", "ValidatorCache",
    "Validators", "Watcher", "article_from_page", "parse_feed", "watch",
]
