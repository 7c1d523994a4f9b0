"""A directed-dyad summary of a set of event records, for the end of a report.

The monitor works on the database over time; this answers the reader's first question about
one batch of articles: who acted on whom, how much, and how hostile it was.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass
class DyadSummary:
    source: str
    target: str
    events: int = 0
    goldstein_sum: float = 0.0
    conflict: int = 0

    @property
    def conflict_share(self) -> float:
        """Share of verbal or material conflict events (QuadClass 3 and 4)."""
        return self.conflict / self.events if self.events else 0.0


def summarize_dyads(events: Iterable[Mapping[str, Any]]) -> list[DyadSummary]:
    """Events grouped by (source country, target country), most hostile first.

    Events without both countries are left out: a dyad needs two known parties.
    """
    dyads: dict[tuple[str, str], DyadSummary] = {}
    for event in events:
        source = (event.get("source") or {}).get("country")
        target = (event.get("target") or {}).get("country")
        if not source or not target:
            continue
        summary = dyads.setdefault((source, target), DyadSummary(source, target))
        summary.events += 1
        summary.goldstein_sum += float(event.get("goldstein") or 0.0)
        summary.conflict += int(event.get("quad_class") in (3, 4))
    return sorted(dyads.values(), key=lambda d: (d.goldstein_sum, -d.events))
