"""Per-URL exponential backoff: a failing feed or page is retried later, less and less often.

A broken item must not be hammered every poll, nor abandoned at its first timeout. The delay
doubles with each failure (capped), and after ``max_failures`` the URL is given up for the
life of the process; a success forgets its history.
"""
from __future__ import annotations

import time
from collections.abc import Callable
from enum import Enum


class RetryState(Enum):
    READY = "ready"
    WAITING = "waiting"
    GIVEN_UP = "given up"


class Backoff:
    """Failures and next-retry times by URL."""

    def __init__(self, base: float, cap: float = 86_400.0, max_failures: int = 5,
                 clock: Callable[[], float] = time.monotonic) -> None:
        self.base, self.cap, self.max_failures = base, cap, max_failures
        self._clock = clock
        self._failures: dict[str, int] = {}
        self._retry_at: dict[str, float] = {}

    def state(self, url: str) -> RetryState:
        if self._failures.get(url, 0) >= self.max_failures:
            return RetryState.GIVEN_UP
        if self._clock() < self._retry_at.get(url, float("-inf")):
            return RetryState.WAITING
        return RetryState.READY

    def failed(self, url: str) -> float | None:
        """Record a failure; the delay before the next try, or None when given up."""
        failures = self._failures.get(url, 0) + 1
        self._failures[url] = failures
        if failures >= self.max_failures:
            return None
        delay = min(self.cap, self.base * 2.0 ** (failures - 1))
        self._retry_at[url] = self._clock() + delay
        return delay

    def succeeded(self, url: str) -> None:
        self._failures.pop(url, None)
        self._retry_at.pop(url, None)
