"""What changed: each dyad's last week against its 28-day baseline.

The overview's question is "what is escalating now", which an all-time mean cannot answer
(a dyad hostile for years tops that list forever). So each dyad is measured twice: over the
week ending on the reference day (``as_of``: the latest day with events, never after today)
and over the ``BASELINE_DAYS`` before that week, scaled to a week. Two changes come out:

- ``conflict_change``: conflict events (QuadClass 3 and 4) this week minus the baseline's
  weekly average, the volume of hostility;
- ``goldstein_change``: this week's Goldstein mean minus the baseline's (negative = more
  hostile), its tone; None when either window has no events.

Dyads are ranked by the first, then the second, since a count is steadier than a mean of
two events. Domestic pairs (USA -> USA: a government against its own opposition or
courts) are kept apart from international ones, because they answer a different question.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flashpoint.analysis.dyads import Period

WEEK_DAYS = 7
BASELINE_DAYS = 28


@dataclass(frozen=True)
class DyadChange:
    """One dyad's week against its baseline, with its daily counts over both (the sparkline)."""

    source: str
    target: str
    week_events: int
    week_conflict: int
    week_goldstein: float | None
    baseline_conflict: float
    baseline_goldstein: float | None
    daily: tuple[int, ...]

    @property
    def conflict_change(self) -> float:
        return round(self.week_conflict - self.baseline_conflict, 2)

    @property
    def goldstein_change(self) -> float | None:
        if self.week_goldstein is None or self.baseline_goldstein is None:
            return None
        return round(self.week_goldstein - self.baseline_goldstein, 2)

    @property
    def escalating(self) -> bool:
        return self.conflict_change > 0 or (self.goldstein_change or 0) < 0

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "target": self.target, "week_events": self.week_events,
                "week_conflict": self.week_conflict, "week_goldstein": self.week_goldstein,
                "baseline_conflict_per_week": self.baseline_conflict,
                "baseline_goldstein": self.baseline_goldstein, "conflict_change": self.conflict_change,
                "goldstein_change": self.goldstein_change, "daily": list(self.daily)}


def reference_day(days: Mapping[tuple[str, str], Sequence[Period]], today: date) -> date | None:
    """The latest day with events, but never after ``today`` (future-dated events wait)."""
    latest = [p.period for periods in days.values() for p in periods if p.period <= today]
    return max(latest) if latest else None


def _window(periods: Sequence[Period], first: date, last: date) -> tuple[int, int, float]:
    chosen = [p for p in periods if first <= p.period <= last]
    return (sum(p.events for p in chosen), sum(p.q3 + p.q4 for p in chosen),
            sum(p.goldstein_sum for p in chosen))


def _recent(periods: Sequence[Period], first: date, last: date) -> Sequence[Period]:
    """The periods (in order) from ``first`` to ``last``, found by bisection: a dyad may have
    years of history of which five weeks are wanted."""
    return periods[bisect_left(periods, first, key=_day):bisect_right(periods, last, key=_day)]


def _day(period: Period) -> date:
    return period.period


def dyad_change(source: str, target: str, periods: Sequence[Period], as_of: date) -> DyadChange:
    """``periods`` (one dyad's active days, in order) measured on the week ending ``as_of``."""
    week_start = as_of - timedelta(days=WEEK_DAYS - 1)
    base_start = week_start - timedelta(days=BASELINE_DAYS)
    periods = _recent(periods, base_start, as_of)
    events, conflict, goldstein = _window(periods, week_start, as_of)
    base_events, base_conflict, base_goldstein = _window(periods, base_start, week_start - timedelta(days=1))
    counts = {p.period: p.events for p in periods}
    return DyadChange(source, target, events, conflict, round(goldstein / events, 2) if events else None,
                      round(base_conflict * WEEK_DAYS / BASELINE_DAYS, 2),
                      round(base_goldstein / base_events, 2) if base_events else None,
                      tuple(counts.get(base_start + timedelta(days=i), 0)
                            for i in range(BASELINE_DAYS + WEEK_DAYS)))


def changes(days: Mapping[tuple[str, str], Sequence[Period]], as_of: date) -> list[DyadChange]:
    """Every dyad active in the five weeks to ``as_of``, the most escalating first."""
    first = as_of - timedelta(days=WEEK_DAYS + BASELINE_DAYS - 1)
    found = [dyad_change(source, target, periods, as_of) for (source, target), periods in days.items()
             if _recent(periods, first, as_of)]
    return sorted(found, key=lambda c: (-c.conflict_change, c.goldstein_change if c.goldstein_change is not None
                                        else 0.0, c.source, c.target))
