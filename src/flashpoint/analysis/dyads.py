"""Directed-dyad time series: days summed into weeks, gaps filled, between two dates.

The daily aggregate itself (what counts as an event of a dyad) is a store query,
``flashpoint.store.dyads``; this is the arithmetic on it that the alerts and charts need.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Literal

Freq = Literal["day", "week"]
FREQS: tuple[Freq, ...] = ("day", "week")


@dataclass(frozen=True)
class Period:
    """One day or week of a dyad: what happened, how much, how hostile."""

    period: date
    events: int = 0
    reports: int = 0
    q1: int = 0
    q2: int = 0
    q3: int = 0
    q4: int = 0
    goldstein_sum: float = 0.0

    @property
    def goldstein_mean(self) -> float | None:
        return self.goldstein_sum / self.events if self.events else None

    @property
    def conflict_share(self) -> float | None:
        """Verbal plus material conflict (QuadClass 3 and 4) over all events."""
        return (self.q3 + self.q4) / self.events if self.events else None

    def as_dict(self) -> dict[str, Any]:
        mean, share = self.goldstein_mean, self.conflict_share
        return {"period": self.period.isoformat(), "events": self.events, "reports": self.reports,
                "q1": self.q1, "q2": self.q2, "q3": self.q3, "q4": self.q4,
                "goldstein_sum": round(self.goldstein_sum, 3),
                "goldstein_mean": None if mean is None else round(mean, 3),
                "conflict_share": None if share is None else round(share, 3)}


def _step(freq: Freq) -> timedelta:
    return timedelta(days=7 if freq == "week" else 1)


def fill_gaps(periods: list[Period], freq: Freq) -> list[Period]:
    """A continuous series from the first to the last active period: quiet periods appear
    with zero events, because the trailing windows of the alert rules need them."""
    if not periods:
        return []
    known = {p.period: p for p in periods}
    out, day = [], periods[0].period
    while day <= periods[-1].period:
        out.append(known.get(day, Period(day)))
        day += _step(freq)
    return out


def rollup(days: list[Period], freq: Freq) -> list[Period]:
    """Daily periods (in order) summed into ISO weeks starting on Monday, or left as they are."""
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    if freq == "day":
        return days
    weeks: dict[date, list[int | float]] = {}
    for p in days:
        week = weeks.setdefault(p.period - timedelta(days=p.period.weekday()), [0, 0, 0, 0, 0, 0, 0.0])
        for i, value in enumerate((p.events, p.reports, p.q1, p.q2, p.q3, p.q4, p.goldstein_sum)):
            week[i] += value
    return [Period(monday, int(v[0]), int(v[1]), int(v[2]), int(v[3]), int(v[4]), int(v[5]), float(v[6]))
            for monday, v in weeks.items()]


def series(days: list[Period], freq: Freq, start: date | None = None,
           end: date | None = None) -> list[Period]:
    """A dyad's daily periods between two dates, per day or week, gap-filled."""
    chosen = [p for p in days if (start is None or p.period >= start) and (end is None or p.period <= end)]
    return fill_gaps(rollup(chosen, freq), freq)
