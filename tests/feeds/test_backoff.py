"""Exponential backoff per URL with a fake clock."""
from __future__ import annotations

from flashpoint.feeds.backoff import Backoff, RetryState


def test_delays_double_are_capped_and_end_in_giving_up() -> None:
    now = [0.0]
    backoff = Backoff(base=10, cap=35, max_failures=5, clock=lambda: now[0])
    delays = [backoff.failed("u") for _ in range(5)]
    assert delays == [10, 20, 35, 35, None]
    assert backoff.state("u") is RetryState.GIVEN_UP
    assert backoff.state("other") is RetryState.READY


def test_waiting_until_the_delay_passed_and_success_forgets() -> None:
    now = [0.0]
    backoff = Backoff(base=60, clock=lambda: now[0])
    backoff.failed("u")
    now[0] = 59
    assert backoff.state("u") is RetryState.WAITING
    now[0] = 60
    assert backoff.state("u") is RetryState.READY
    backoff.failed("u")
    backoff.succeeded("u")
    assert backoff.state("u") is RetryState.READY and backoff.failed("u") == 60
