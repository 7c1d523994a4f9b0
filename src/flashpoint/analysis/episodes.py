"""Alerts grouped into episodes: one escalation of one dyad, however many rules and days fire.

A rule that keeps firing day after day during one crisis is one thing to read, not fourteen:
alerts of the same dyad whose periods are at most ``GAP_DAYS`` apart form one episode, from
its first alerted period to its last. An episode is as severe as its most severe alert, and
names every rule that fired in it; its evidence is the dyad's events of those dates.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from flashpoint.analysis.alerts import RULE_TITLES, SEVERITIES

#: Alerts of a dyad at most this many days apart belong to the same episode.
GAP_DAYS = 7


@dataclass(frozen=True)
class Episode:
    """Consecutive alerts of one dyad; ``alerts`` are dicts as ``Alert.as_dict`` gives them."""

    source: str
    target: str
    start: date
    end: date
    alerts: tuple[Mapping[str, Any], ...]

    @property
    def severity(self) -> str:
        return max((str(a["severity"]) for a in self.alerts), key=SEVERITIES.index)

    @property
    def headline(self) -> Mapping[str, Any]:
        """The alert that says most: the most severe, and the latest of those."""
        return max(self.alerts, key=lambda a: (SEVERITIES.index(a["severity"]), a["period"]))

    def as_dict(self) -> dict[str, Any]:
        rules = list(dict.fromkeys(a["rule"] for a in self.alerts))
        return {"source": self.source, "target": self.target, "start": self.start.isoformat(),
                "end": self.end.isoformat(), "severity": self.severity, "alerts": len(self.alerts),
                "rules": rules, "titles": [RULE_TITLES[r] for r in rules],
                "message": self.headline["message"]}


def episodes(alerts: Iterable[Mapping[str, Any]], freq: str = "day") -> list[Episode]:
    """Episodes of ``alerts`` (dicts with source, target, period, rule, severity, message),
    the latest first. A weekly period covers its seven days."""
    span = timedelta(days=6 if freq == "week" else 0)
    by_dyad: dict[tuple[str, str], list[Mapping[str, Any]]] = {}
    for alert in alerts:
        by_dyad.setdefault((alert["source"], alert["target"]), []).append(alert)
    found: list[Episode] = []
    for (source, target), dyad_alerts in by_dyad.items():
        run: list[Mapping[str, Any]] = []
        for alert in sorted(dyad_alerts, key=lambda a: (str(a["period"]), a["rule"])):
            day = date.fromisoformat(str(alert["period"]))
            if run and (day - date.fromisoformat(str(run[-1]["period"]))).days > GAP_DAYS:
                found.append(_episode(source, target, run, span))
                run = []
            run.append(alert)
        found.append(_episode(source, target, run, span))
    return sorted(found, key=lambda e: (e.end, SEVERITIES.index(e.severity), e.source, e.target), reverse=True)


def _episode(source: str, target: str, run: list[Mapping[str, Any]], span: timedelta) -> Episode:
    first, last = (date.fromisoformat(str(run[i]["period"])) for i in (0, -1))
    return Episode(source, target, first, last + span, tuple(run))
