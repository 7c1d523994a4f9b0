"""Polling intervals: examples and a round-trip property."""
from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashpoint.feeds.interval import format_interval, parse_interval


@pytest.mark.parametrize(("text", "seconds"), [("15m", 900), ("1h30m", 5400), ("90s", 90), ("2d", 172800),
                                               ("45", 45), (" 1H ", 3600), ("0.5s", 0.5)])
def test_examples(text: str, seconds: float) -> None:
    assert parse_interval(text) == seconds


@pytest.mark.parametrize("text", ["", "0", "0m", "15 minutes", "m", "-5m", "1h-30m", "1w"])
def test_rejects(text: str) -> None:
    with pytest.raises(ValueError, match="interval"):
        parse_interval(text)


@given(st.integers(min_value=1, max_value=10**7))
def test_format_then_parse_is_identity(seconds: int) -> None:
    assert parse_interval(format_interval(seconds)) == seconds


@given(st.lists(st.tuples(st.integers(0, 500), st.sampled_from("smhd")), min_size=1, max_size=4))
def test_sum_of_parts(parts: list[tuple[int, str]]) -> None:
    text = "".join(f"{n}{unit}" for n, unit in parts)
    expected = sum(n * {"s": 1, "m": 60, "h": 3600, "d": 86400}[unit] for n, unit in parts)
    if expected:
        assert parse_interval(text) == expected
    else:
        with pytest.raises(ValueError):
            parse_interval(text)
