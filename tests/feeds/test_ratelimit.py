"""The per-host rate limit with a fake clock."""
from __future__ import annotations

from flashpoint.feeds.ratelimit import HostRateLimiter


class FakeTime:
    def __init__(self) -> None:
        self.now = 100.0
        self.slept: list[float] = []

    def clock(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.slept.append(seconds)
        self.now += seconds


def test_requests_to_one_host_are_spaced_others_are_not() -> None:
    time = FakeTime()
    limiter = HostRateLimiter(2.0, clock=time.clock, sleep=time.sleep)
    limiter.wait("a.example")
    limiter.wait("b.example")
    assert time.slept == []
    time.now += 0.5
    limiter.wait("a.example")
    assert time.slept == [1.5]
    time.now += 5
    limiter.wait("a.example")
    assert time.slept == [1.5]
