"""Dyad series arithmetic: gaps filled, days rolled up into ISO weeks."""
from __future__ import annotations

from datetime import date

import pytest

from flashpoint.analysis.dyads import Period, fill_gaps, rollup, series


def test_fill_gaps_of_nothing_is_nothing() -> None:
    assert fill_gaps([], "day") == []


def test_weeks_start_on_monday_and_sum_their_days() -> None:
    days = [Period(date(2026, 1, 4), 1, 1, q1=1, goldstein_sum=1.0),      # a Sunday
            Period(date(2026, 1, 5), 2, 3, q4=2, goldstein_sum=-20.0)]    # the Monday after
    weeks = rollup(days, "week")
    assert [(p.period, p.events, p.reports, p.q4) for p in weeks] == [
        (date(2025, 12, 29), 1, 1, 0), (date(2026, 1, 5), 2, 3, 2)]
    with pytest.raises(ValueError, match="freq"):
        rollup(days, "month")  # type: ignore[arg-type]


def test_series_keeps_the_dates_asked_for_and_fills_the_quiet_ones() -> None:
    days = [Period(date(2026, 1, 1), 1), Period(date(2026, 1, 4), 2), Period(date(2026, 1, 9), 1)]
    shown = series(days, "day", start=date(2026, 1, 2), end=date(2026, 1, 8))
    assert [(p.period.day, p.events) for p in shown] == [(4, 2)]
    assert [p.events for p in series(days, "day")] == [1, 0, 0, 2, 0, 0, 0, 0, 1]
