"""The limits every request of the feed reader obeys, in one frozen object.

One object rather than loose arguments so that the CLI (``--allow-private``), ``serve --watch``
and the tests build the same thing, and a test can tighten the timeouts without touching code.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version


def default_user_agent() -> str:
    """Names flashpoint and its version, so site operators can tell who polls them."""
    try:
        release = version("flashpoint")
    except PackageNotFoundError:  # running from a source tree that was never installed
        release = "dev"
    return f"flashpoint/{release} (political event monitor; polls feeds, honours ETag)"


@dataclass(frozen=True)
class FetchPolicy:
    """Timeouts (seconds), size cap, redirects, politeness and which addresses may be reached.

    ``allowed_endpoints`` ("host:port", as written in the URL, IPv6 hosts in brackets) exempts
    exactly those endpoints from the private-address refusal: a test can reach its own local
    server while a redirect to any other loopback port or host is still refused.
    ``allow_private`` lifts the refusal everywhere (``--allow-private``, for an intranet feed).
    """

    connect_timeout: float = 10.0
    read_timeout: float = 30.0
    #: Whole-response deadline: a server trickling one byte per read never trips read_timeout.
    total_timeout: float = 60.0
    max_bytes: int = 5_000_000
    max_redirects: int = 5
    #: Seconds between two requests to the same host.
    host_interval: float = 1.0
    allow_private: bool = False
    allowed_endpoints: frozenset[str] = frozenset()
    user_agent: str = field(default_factory=default_user_agent)
