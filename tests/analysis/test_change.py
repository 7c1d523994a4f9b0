"""What changed: a dyad's last week against its 28-day baseline."""
from __future__ import annotations

from datetime import date, timedelta

from flashpoint.analysis.change import changes, reference_day
from flashpoint.analysis.dyads import Period

AS_OF = date(2026, 2, 14)


def days(counts: dict[int, tuple[int, int, float]]) -> list[Period]:
    """Periods ``days_before_as_of: (events, conflict events, Goldstein sum)``, in order."""
    return [Period(AS_OF - timedelta(days=n), events=e, q3=c, q1=e - c, goldstein_sum=g)
            for n, (e, c, g) in sorted(counts.items(), reverse=True)]


def test_the_escalating_dyad_comes_first_with_its_changes() -> None:
    calm = {n: (2, 0, 4.0) for n in range(35)}
    hot = {**calm, **{n: (3, 3, -15.0) for n in range(7)}}
    found = changes({("USA", "COL"): days(hot), ("USA", "VEN"): days(calm)}, AS_OF)
    top = found[0]
    assert (top.source, top.target) == ("USA", "COL") and top.escalating
    assert top.week_conflict == 21 and top.conflict_change == 21.0
    assert top.goldstein_change == -7.0 and len(top.daily) == 35 and top.daily[-1] == 3
    assert not found[1].escalating


def test_dyads_quiet_for_five_weeks_are_left_out() -> None:
    old = [Period(AS_OF - timedelta(days=100), events=5, q4=5, goldstein_sum=-50.0)]
    assert changes({("RUS", "UKR"): old}, AS_OF) == []


def test_the_reference_day_is_the_latest_not_in_the_future() -> None:
    found = {("A", "B"): [Period(date(2026, 1, 3), 1), Period(date(2026, 3, 1), 1)]}
    assert reference_day(found, today=date(2026, 2, 1)) == date(2026, 1, 3)
    assert reference_day({}, today=date(2026, 2, 1)) is None
