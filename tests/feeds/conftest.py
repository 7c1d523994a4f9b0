"""Fixtures of the feed tests: the local feed site (see ``site.py``) and short fetch limits."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from flashpoint.feeds import FetchPolicy
from tests.feeds.site import FeedSite


@pytest.fixture(scope="session")
def running_sites() -> Iterator[tuple[FeedSite, FeedSite]]:
    """The feed site and a second loopback server (where /escape redirects), started once."""
    main, other = FeedSite(), FeedSite()
    main.other = other
    main.start()
    other.start()
    yield main, other
    main.stop()
    other.stop()


@pytest.fixture
def site(running_sites: tuple[FeedSite, FeedSite]) -> FeedSite:
    """The feed site with its request log cleared for this test."""
    for server in running_sites:
        server.reset()
    return running_sites[0]


@pytest.fixture
def policy(site: FeedSite) -> FetchPolicy:
    """Short limits so failures come fast; only the feed site itself is exempt from the
    private-address refusal (not the other loopback server)."""
    return FetchPolicy(connect_timeout=1.0, read_timeout=0.5, total_timeout=1.0, max_bytes=500_000,
                       host_interval=0.0, allowed_endpoints=frozenset({f"127.0.0.1:{site.port}"}))
