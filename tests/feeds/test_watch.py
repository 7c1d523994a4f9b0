"""The watch loop against the local server: 50 items, failures, the next poll, retries."""
from __future__ import annotations

import threading

from flashpoint.feeds import Backoff, Fetcher, FetchPolicy, MemorySeen, MemoryValidators, PollSummary, watch
from flashpoint.ingest.article import Article
from tests.feeds.site import FAILING, ITEMS, REDIRECTED, FeedSite


def test_a_feed_of_50_items_is_ingested_failures_survived_and_skipped_next_time(
        site: FeedSite, policy: FetchPolicy) -> None:
    ingested: list[Article] = []
    seen, validators = MemorySeen(), MemoryValidators()
    feeds = [site.url("/rss.xml"), site.url("/atom.xml")]
    with Fetcher(policy) as fetcher:
        first = watch(feeds, ingested.append, seen, every=60, once=True, validators=validators, fetcher=fetcher)
        assert len(first.fetched) == ITEMS - len(FAILING) + 5
        reasons = {url.removeprefix(site.base): reason.split()[0] for url, reason in first.failed.items()}
        assert reasons == {"/error": "E066", "/slow": "E063", "/huge": "E064", "/escape": "E061",
                           "/report.pdf": "E068"}
        assert site.other is not None and sum(site.other.hits.values()) == 0
        assert all(a.url and a.outlet == "Local Wire" for a in ingested)
        assert any(a.url == site.url(f"/articles/{REDIRECTED}") for a in ingested)
        # The RSS feed still has entries to retry, so its ETag is not kept; the Atom feed's is.
        assert validators.get(site.url("/rss.xml")) is None and validators.get(site.url("/atom.xml"))

        pages_before = {path: n for path, n in site.hits.items() if path.startswith("/articles/")}
        second = watch(feeds, ingested.append, seen, every=60, once=True, validators=validators,
                       fetcher=fetcher)
    assert second.fetched == [] and second.skipped == ITEMS - len(FAILING)
    assert second.not_modified == [site.url("/atom.xml")]
    assert set(second.failed) == set(first.failed)  # retried: a new watch() has no backoff history
    assert {path: n for path, n in site.hits.items() if path.startswith("/articles/")} == pages_before
    assert len(ingested) == len(first.fetched)


def test_next_poll_of_an_unchanged_feed_is_a_304_and_fetches_nothing(site: FeedSite, policy: FetchPolicy) -> None:
    seen, validators = MemorySeen(), MemoryValidators()
    with Fetcher(policy) as fetcher:
        watch([site.url("/atom.xml")], lambda a: None, seen, every=60, once=True, validators=validators,
              fetcher=fetcher)
        pages_before = sum(n for path, n in site.hits.items() if path.startswith("/articles/"))
        second = watch([site.url("/atom.xml")], lambda a: None, seen, every=60, once=True,
                       validators=validators, fetcher=fetcher)
    assert second.not_modified == [site.url("/atom.xml")] and second.fetched == []
    assert sum(n for path, n in site.hits.items() if path.startswith("/articles/")) == pages_before


def test_failing_page_is_retried_with_backoff_and_a_failing_sink_does_not_stop_the_others(
        site: FeedSite, policy: FetchPolicy) -> None:
    """Poll after poll: the flaky page fails twice (waiting between tries), then is ingested."""
    site.flaky_failures = 2
    feed = site.url("/flaky.xml")
    flaky = site.url("/flaky")
    summaries: list[PollSummary] = []
    stop = threading.Event()
    clock = [0.0]
    ingested: list[str] = []

    def sink(article: Article) -> None:
        if article.url == site.url("/articles/103"):
            raise ValueError("sink broke on this one")
        ingested.append(article.url or "")

    def on_poll(summary: PollSummary) -> None:
        summaries.append(summary)
        clock[0] += 1.0  # one poll = one unit of time
        if flaky in summary.fetched or len(summaries) >= 12:
            stop.set()

    with Fetcher(policy) as fetcher:
        last = watch([feed], sink, MemorySeen(), every=0.001, fetcher=fetcher, stop=stop, on_poll=on_poll,
                     backoff=Backoff(base=1.0, clock=lambda: clock[0]))
    assert flaky in last.fetched
    assert site.hits["/flaky"] == 3
    tried = [i for i, s in enumerate(summaries) if flaky in s.failed or flaky in s.fetched]
    assert tried == [0, 1, 3]  # delays of one, then two polls
    assert flaky in summaries[2].deferred and flaky not in summaries[2].failed
    assert "ValueError" in summaries[0].failed[site.url("/articles/103")]
    assert sorted(ingested) == sorted([site.url(f"/articles/{n}") for n in (101, 102, 104, 105)] + [flaky])


def test_stop_cuts_a_poll_short_and_the_rest_is_done_next_time(site: FeedSite, policy: FetchPolicy) -> None:
    """A server shutting down does not wait for a whole poll; nothing is lost by stopping."""
    stop = threading.Event()
    ingested: list[str] = []

    def sink(article: Article) -> None:
        ingested.append(article.url or "")
        if len(ingested) == 3:
            stop.set()

    seen, validators = MemorySeen(), MemoryValidators()
    with Fetcher(policy) as fetcher:
        cut = watch([site.url("/atom.xml")], sink, seen, every=60, validators=validators,
                    fetcher=fetcher, stop=stop)
        assert len(cut.fetched) == 3 and validators.get(site.url("/atom.xml")) is None
        rest = watch([site.url("/atom.xml")], sink, seen, every=60, once=True, validators=validators,
                     fetcher=fetcher)
    assert len(rest.fetched) == 2 and rest.skipped == 3 and len(set(ingested)) == 5
