"""The four escalation rules on synthetic series with known change points, and on flat noise."""
from __future__ import annotations

import random
from datetime import date, timedelta

from flashpoint.analysis.alerts import (
    RULES,
    cusum,
    first_material_conflict,
    robust_z,
    series_alerts,
    severity_of,
    surge,
)
from flashpoint.analysis.dyads import Period

START = date(2025, 1, 1)


def series(counts: list[int], means: list[float], q4_from: int | None = None) -> list[Period]:
    """Periods with ``counts`` events (all verbal cooperation, or material conflict from
    ``q4_from`` on) whose Goldstein mean is ``means``."""
    out = []
    for i, (n, mean) in enumerate(zip(counts, means, strict=True)):
        q4 = n if q4_from is not None and i >= q4_from else 0
        out.append(Period(START + timedelta(days=i), events=n, reports=n, q1=n - q4, q4=q4,
                          goldstein_sum=mean * n))
    return out


def noise(days: int = 120, seed: int = 7) -> list[Period]:
    rng = random.Random(seed)
    counts = [max(1, round(rng.gauss(6, 1.5))) for _ in range(days)]
    return series(counts, [rng.gauss(2.0, 0.8) for _ in range(days)])


def fired_at(findings) -> list[int]:
    return [index for index, *_ in findings]


def test_every_rule_stays_quiet_on_flat_noise() -> None:
    for seed in range(5):
        flat = noise(seed=seed)
        for name, rule in RULES.items():
            assert rule(flat) == [], f"{name} fired on noise (seed {seed})"


def test_surge_fires_when_volume_jumps() -> None:
    base = noise(90)
    counts = [p.events for p in base[:60]] + [30] + [p.events for p in base[61:]]
    found = surge(series(counts, [2.0] * 90))
    assert fired_at(found) == [60]
    _, value, mean, threshold, strength, message = found[0]
    assert value == 30 and threshold == max(3 * mean, 5) and "trailing mean" in message
    assert strength == value / threshold


def test_surge_floor_ignores_small_numbers() -> None:
    counts = [0, 1] * 20 + [4]          # 4 events is many times a mean of 0.5, but under the floor
    assert surge(series(counts, [1.0] * len(counts))) == []


def test_surge_needs_a_full_window_first() -> None:
    assert surge(series([1] * 5 + [50], [1.0] * 6)) == []


def test_robust_z_fires_on_a_sharp_hostile_turn_only() -> None:
    rng = random.Random(3)
    means = [rng.gauss(2.0, 0.6) for _ in range(50)] + [-6.0] + [rng.gauss(2.0, 0.6) for _ in range(20)]
    found = robust_z(series([5] * 71, means))
    assert fired_at(found) == [50]
    assert found[0][2] > 1.0                      # the baseline is the trailing median, about 2


def test_robust_z_ignores_periods_without_events_and_flat_history() -> None:
    # A perfectly flat history (MAD 0) must not make a small wobble infinite.
    assert robust_z(series([3] * 40, [1.0] * 39 + [0.5])) == []
    quiet = series([0] * 40, [0.0] * 40)
    assert robust_z(quiet) == []


def test_first_material_conflict_fires_once() -> None:
    found = first_material_conflict(series([2] * 60, [-1.0] * 60, q4_from=30))
    assert fired_at(found) == [30]
    assert first_material_conflict(series([2] * 60, [1.0] * 60)) == []


def test_cusum_catches_a_slow_slide_no_single_day_shows() -> None:
    rng = random.Random(11)
    days, change = 120, 60
    means = [rng.gauss(2.0, 0.8) - (0.08 * (i - change) if i >= change else 0) for i in range(days)]
    found = cusum(series([5] * days, means))
    assert found, "the drift went unnoticed"
    first = fired_at(found)[0]
    assert change < first <= change + 30
    assert all(i >= change for i in fired_at(found))
    # The day-to-day steps stay within the noise: the modified z-score does not see the start.
    assert all(i > first for i in fired_at(robust_z(series([5] * days, means))))


def test_series_alerts_names_rule_dyad_and_period() -> None:
    alerts = series_alerts("USA", "COL", series([2] * 40, [1.0] * 40, q4_from=35))
    assert [(a.rule, a.period) for a in alerts] == [("first_material_conflict", "2025-02-05")]
    shown = alerts[0].as_dict()
    assert shown["source"] == "USA" and shown["severity"] == "high" and shown["title"] == "First use of force"


def test_severity_grows_with_the_distance_past_the_threshold() -> None:
    assert [severity_of("surge", s) for s in (1.0, 1.6, 2.5)] == ["low", "medium", "high"]
    assert severity_of("first_material_conflict", 1.0) == "high"
