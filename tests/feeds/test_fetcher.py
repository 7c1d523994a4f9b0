"""The fetcher against the local server: what it fetches, and everything it refuses."""
from __future__ import annotations

from dataclasses import replace

import pytest

from flashpoint.errors import FetchError
from flashpoint.feeds import Fetcher, FetchPolicy
from flashpoint.feeds.ratelimit import HostRateLimiter
from flashpoint.feeds.validators import Validators
from tests.feeds.site import REDIRECTED, FeedSite


def _code(err: pytest.ExceptionInfo[FetchError]) -> str:
    return str(err.value).split()[0]


def test_fetches_a_page_with_a_user_agent_naming_flashpoint_and_its_version(site: FeedSite, policy: FetchPolicy) -> None:
    from importlib.metadata import version

    with Fetcher(policy) as fetcher:
        page = fetcher.fetch(site.url("/articles/3"))
    assert page.status == 200 and page.content_type == "text/html"
    assert b"report number 3" in page.body
    assert site.user_agents[-1].startswith(f"flashpoint/{version('flashpoint')} ")


def test_follows_a_redirect_on_the_same_server(site: FeedSite, policy: FetchPolicy) -> None:
    with Fetcher(policy) as fetcher:
        page = fetcher.fetch(site.url("/moved"))
    assert page.url == site.url(f"/articles/{REDIRECTED}")
    assert site.hits["/moved"] == 1 and site.hits[f"/articles/{REDIRECTED}"] == 1


def test_every_hop_waits_for_the_host_interval(site: FeedSite, policy: FetchPolicy) -> None:
    slept: list[float] = []
    now = [0.0]
    limiter = HostRateLimiter(1.0, clock=lambda: now[0], sleep=slept.append)
    with Fetcher(policy, limiter=limiter) as fetcher:
        fetcher.fetch(site.url("/moved"))  # two requests to 127.0.0.1: the redirect and its target
        now[0] += 0.25
        fetcher.fetch(site.url("/articles/2"))
    assert slept == [1.0, 0.75]


def test_redirect_to_another_loopback_port_is_refused_before_any_request(site: FeedSite, policy: FetchPolicy) -> None:
    with Fetcher(policy) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("/escape"))
    assert _code(err) == "E061" and "127.0.0.1" in str(err.value)
    assert site.other is not None and sum(site.other.hits.values()) == 0


def test_loopback_is_refused_unless_allowed(site: FeedSite, policy: FetchPolicy) -> None:
    closed = replace(policy, allowed_endpoints=frozenset())
    with Fetcher(closed) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("/articles/1"))
    assert _code(err) == "E061" and sum(site.hits.values()) == 0
    with Fetcher(replace(closed, allow_private=True)) as fetcher:
        assert fetcher.fetch(site.url("/articles/1")).status == 200


def test_allowance_names_the_endpoint_as_written(site: FeedSite, policy: FetchPolicy) -> None:
    """``localhost`` is the same server, but not the endpoint that was allowed."""
    with Fetcher(policy) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(f"http://localhost:{site.port}/articles/1")
    assert _code(err) == "E061"


@pytest.mark.parametrize("url", ["ftp://example.org/feed.xml", "file:///etc/passwd", "gopher://x/", "not a url"])
def test_only_http_and_https(url: str, policy: FetchPolicy) -> None:
    with Fetcher(policy) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(url)
    assert _code(err) == "E060"


@pytest.mark.parametrize(("path", "code"), [
    ("/error", "E066"),      # a 500
    ("/slow", "E063"),       # no response within the read timeout
    ("/trickle", "E063"),    # every read in time, the whole page not
    ("/huge", "E064"),       # streamed past the size cap, then dropped
    ("/loop", "E065"),       # redirects forever
])
def test_failures_are_one_coded_error_naming_the_url(site: FeedSite, policy: FetchPolicy, path: str, code: str) -> None:
    with Fetcher(policy) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(site.url(path))
    assert _code(err) == code and site.url("") in str(err.value)
    if path == "/loop":
        assert site.hits["/loop"] == policy.max_redirects + 1


def test_size_cap_also_applies_to_an_announced_length(site: FeedSite, policy: FetchPolicy) -> None:
    with Fetcher(replace(policy, max_bytes=100)) as fetcher, pytest.raises(FetchError) as err:
        fetcher.fetch(site.url("/articles/1"))
    assert _code(err) == "E064" and "announced" in str(err.value)


def test_conditional_request_gets_304_without_a_body(site: FeedSite, policy: FetchPolicy) -> None:
    with Fetcher(policy) as fetcher:
        first = fetcher.fetch(site.url("/rss.xml"))
        assert first.status == 200 and len(first.body) > 1000
        assert first.validators == Validators(site.ETAG, site.LAST_MODIFIED)
        second = fetcher.fetch(site.url("/rss.xml"), first.validators)
        changed = fetcher.fetch(site.url("/rss.xml"), Validators('"feed-v0"'))
    assert second.not_modified and second.body == b""
    assert changed.status == 200 and changed.body == first.body and site.hits["/rss.xml"] == 3


def test_validators_are_sent_as_conditional_headers() -> None:
    assert Validators('"v1"', "Sun, 01 Mar 2026 08:00:00 GMT").request_headers() == {
        "If-None-Match": '"v1"', "If-Modified-Since": "Sun, 01 Mar 2026 08:00:00 GMT"}
    assert Validators.from_headers({}) is None
