"""The batch dyad summary printed at the end of `flashpoint analyze`."""
from __future__ import annotations

from flashpoint.analysis.summary import summarize_dyads
from tests.records import make_event


def test_dyads_are_directed_and_most_hostile_first() -> None:
    events = [
        make_event("a", cameo="111", goldstein=-2.0, quad_class=3),
        make_event("b", cameo="190", goldstein=-10.0, quad_class=4),
        make_event("c", cameo="042", goldstein=1.9, quad_class=1, source=("Chile", "CHL"), target=("Peru", "PER")),
        make_event("d", target=("somebody", None)),
    ]
    first, second = summarize_dyads(events)
    assert (first.source, first.target, first.events, first.goldstein_sum) == ("PER", "CHL", 2, -12.0)
    assert first.conflict_share == 1.0
    assert (second.source, second.target, second.conflict_share) == ("CHL", "PER", 0.0)
