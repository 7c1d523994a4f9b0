"""A story's title from its events."""
from __future__ import annotations

from datetime import date

from flashpoint.analysis.story_titles import date_range, story_title


def test_a_title_names_the_pair_the_acts_the_outlets_and_the_dates() -> None:
    title = story_title(["COL-USA"] * 3 + ["CUB-USA"], ["13", "13", "16", "19", "16"], 5,
                        date(2026, 1, 4), date(2026, 1, 6), "Moscow and Beijing react")
    assert title == "COL ↔ USA: threats and sanctions, 5 outlets, 4–6 Jan 2026"


def test_without_events_the_first_title_stays() -> None:
    assert story_title([], [], 1, None, None, "Markets calm") == "Markets calm, 1 outlet"


def test_date_ranges_read_naturally() -> None:
    assert date_range(date(2026, 1, 28), date(2026, 2, 2)) == "28 Jan – 2 Feb 2026"
    assert date_range(date(2025, 12, 30), date(2026, 1, 2)) == "30 Dec 2025 – 2 Jan 2026"
    assert date_range(date(2026, 1, 4), date(2026, 1, 4)) == "4 Jan 2026"
