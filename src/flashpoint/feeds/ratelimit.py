"""Politeness: at most one request per interval to any one host.

A feed of 50 new items on one site would otherwise mean 50 requests in a burst; spacing them
keeps the monitor from looking like (or being) a denial-of-service client.
"""
from __future__ import annotations

import time
from collections.abc import Callable


class HostRateLimiter:
    """Blocks until ``interval`` seconds have passed since the last request to the host."""

    def __init__(self, interval: float, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] = time.sleep) -> None:
        self.interval = interval
        self._clock = clock
        self._sleep = sleep
        self._last: dict[str, float] = {}

    def wait(self, host: str) -> None:
        """Sleep as long as needed, then count this moment as the host's latest request."""
        last = self._last.get(host)
        if last is not None:
            remaining = last + self.interval - self._clock()
            if remaining > 0:
                self._sleep(remaining)
        self._last[host] = self._clock()
