"""The watch loop: poll feeds, fetch unseen article pages, hand each Article to a sink.

Failures are per URL: a feed or page that fails is logged with its reason, retried later with
exponential backoff, and never stops the other feeds and pages. The loop knows nothing about
storage: ``sink`` ingests one Article (the CLI binds it to the store), ``seen`` remembers
which URLs are done.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from typing import TypeVar

from flashpoint.errors import FlashpointError
from flashpoint.feeds.backoff import Backoff, RetryState
from flashpoint.feeds.entries import FeedEntry, parse_feed
from flashpoint.feeds.fetcher import Fetched, Fetcher
from flashpoint.feeds.pages import article_from_page
from flashpoint.feeds.seen import Seen
from flashpoint.feeds.validators import MemoryValidators, ValidatorCache
from flashpoint.ingest.article import Article

log = logging.getLogger("flashpoint.feeds")

#: Ingests one article (stores it, or whatever the caller binds); raising marks the page failed.
Sink = Callable[[Article], object]
T = TypeVar("T")


@dataclass
class PollSummary:
    """What one poll did, URL by URL."""

    fetched: list[str] = field(default_factory=list)
    skipped: int = 0
    not_modified: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    deferred: list[str] = field(default_factory=list)
    given_up: list[str] = field(default_factory=list)

    def line(self) -> str:
        return (f"{len(self.fetched)} article(s) ingested, {self.skipped} seen before, "
                f"{len(self.not_modified)} feed(s) unchanged, {len(self.failed)} failed, "
                f"{len(self.deferred)} waiting to retry, {len(self.given_up)} given up")


class Watcher:
    """One poll over all feeds; keeps the backoff state between polls.

    A feed's validators (ETag, Last-Modified) are remembered only once every entry it listed is
    settled (ingested, seen, or given up): while a page still waits for a retry, or if the
    process stopped halfway, the next poll must get the full feed back, not a 304 that would
    hide the entries still to do.
    """

    def __init__(self, feeds: Sequence[str], sink: Sink, seen: Seen, fetcher: Fetcher,
                 backoff: Backoff, validators: ValidatorCache, stop: threading.Event | None = None) -> None:
        self.feeds, self.sink, self.seen = list(feeds), sink, seen
        self.fetcher, self.backoff, self.validators = fetcher, backoff, validators
        #: Set from another thread (a server shutting down): the poll ends after the current URL.
        self.stop = stop or threading.Event()

    def poll(self) -> PollSummary:
        summary = PollSummary()
        for feed_url in self.feeds:
            if self.stop.is_set():
                break
            read = self._attempt(feed_url, summary, partial(self._read_feed, feed_url))
            if read is None:
                continue
            fetched, entries = read
            if fetched.not_modified:
                summary.not_modified.append(feed_url)
                continue
            settled = [self._follow(entry, summary) for entry in entries]
            if all(settled) and fetched.validators:
                self.validators.put(feed_url, fetched.validators)
        return summary

    def _read_feed(self, feed_url: str) -> tuple[Fetched, list[FeedEntry]]:
        fetched = self.fetcher.fetch(feed_url, self.validators.get(feed_url))
        return fetched, [] if fetched.not_modified else parse_feed(fetched.body, fetched.url)

    def _follow(self, entry: FeedEntry, summary: PollSummary) -> bool:
        """Ingest the entry's page unless seen; whether the entry is settled."""
        if self.stop.is_set():
            return False
        if self.seen.has(entry.url):
            summary.skipped += 1
            return True
        done = self._attempt(entry.url, summary, partial(self._ingest, entry, summary))
        return done is not None or self.backoff.state(entry.url) is RetryState.GIVEN_UP

    def _ingest(self, entry: FeedEntry, summary: PollSummary) -> str:
        page = self.fetcher.fetch(entry.url)
        self.sink(article_from_page(page, entry, self.fetcher.policy.max_bytes))
        self.seen.add(entry.url)
        if page.url != entry.url:
            self.seen.add(page.url)
        summary.fetched.append(entry.url)
        return page.url

    def _attempt(self, url: str, summary: PollSummary, action: Callable[[], T]) -> T | None:
        """Run ``action`` for ``url`` unless it is backing off; a failure is logged, not raised."""
        state = self.backoff.state(url)
        if state is not RetryState.READY:
            (summary.deferred if state is RetryState.WAITING else summary.given_up).append(url)
            return None
        try:
            result = action()
        except FlashpointError as err:
            reason = str(err)
        except Exception as err:  # a bug or a library failure on one page must not stop the loop
            log.exception("unexpected failure on %s", url)
            reason = f"{url}: {type(err).__name__}: {err}"
        else:
            self.backoff.succeeded(url)
            return result
        summary.failed[url] = reason
        delay = self.backoff.failed(url)
        log.warning("%s (%s)", reason, f"retry in {delay:g} s" if delay is not None else "given up")
        return None


def watch(feeds: Sequence[str], sink: Sink, seen: Seen, *, every: float, once: bool = False,
          validators: ValidatorCache | None = None, fetcher: Fetcher | None = None,
          backoff: Backoff | None = None, stop: threading.Event | None = None,
          on_poll: Callable[[PollSummary], None] | None = None) -> PollSummary:
    """Poll ``feeds`` every ``every`` seconds until ``stop`` is set (it also cuts a poll short,
    after the URL in hand); returns the last poll's summary.

    ``once`` polls once (cron, tests). Failed URLs wait ``every``, then twice that, and so on
    (``backoff`` overrides this). ``validators`` remembers ETags (default: in memory);
    ``fetcher`` defaults to one with the default ``FetchPolicy``; ``on_poll`` sees each summary.
    """
    stop = stop or threading.Event()
    owned = fetcher is None
    client = fetcher or Fetcher()
    watcher = Watcher(feeds, sink, seen, client, backoff or Backoff(base=every),
                      validators if validators is not None else MemoryValidators(), stop)
    try:
        while True:
            summary = watcher.poll()
            log.info("poll: %s", summary.line())
            if on_poll:
                on_poll(summary)
            if once or stop.wait(every):
                return summary
    finally:
        if owned:
            client.close()
