"""Alerts grouped into episodes: one per dyad and run of alerts, as severe as its worst."""
from __future__ import annotations

from flashpoint.analysis.episodes import episodes


def alert(day: str, rule: str = "surge", severity: str = "low", source: str = "USA", target: str = "COL") -> dict:
    return {"source": source, "target": target, "period": day, "rule": rule, "severity": severity,
            "message": f"{rule} on {day}"}


def test_daily_repeats_are_one_episode_and_a_gap_starts_another() -> None:
    found = episodes([alert(f"2026-02-{d:02d}") for d in (1, 2, 3, 4)] + [alert("2026-02-20", "cusum", "medium")])
    assert [(e.start.isoformat(), e.end.isoformat(), len(e.alerts)) for e in found] == [
        ("2026-02-20", "2026-02-20", 1), ("2026-02-01", "2026-02-04", 4)]


def test_an_episode_is_as_severe_as_its_worst_alert_and_names_every_rule() -> None:
    (episode,) = episodes([alert("2026-02-01"), alert("2026-02-03", "first_material_conflict", "high")])
    shown = episode.as_dict()
    assert shown["severity"] == "high" and shown["rules"] == ["surge", "first_material_conflict"]
    assert shown["titles"] == ["Surge in events", "First use of force"]
    assert shown["message"] == "first_material_conflict on 2026-02-03"


def test_dyads_are_apart_and_weeks_cover_seven_days() -> None:
    found = episodes([alert("2026-02-02"), alert("2026-02-02", source="COL", target="USA")], freq="week")
    assert {(e.source, e.target) for e in found} == {("USA", "COL"), ("COL", "USA")}
    assert all(e.end.isoformat() == "2026-02-08" for e in found)
