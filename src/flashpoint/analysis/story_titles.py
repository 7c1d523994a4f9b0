"""A story's title from the events that define it: "USA ↔ COL: threats and sanctions, 5 outlets,
4–6 Jan 2026".

The title of one of its articles would do only if the grouping were perfect and that article
about the whole story; the events say what the story is about whatever an article's headline
says. The country pair is the one most of its events involve (in either direction), the acts
the two commonest CAMEO roots (as plural nouns, from the names of the CAMEO manual's root
categories), then the number of outlets and the dates of its articles. A story without
events keeps its earliest article's title.
"""
from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import date

#: CAMEO root -> what a title calls acts of that root (CAMEO 1.1b3 root categories).
ROOT_TOPICS = {"01": "statements", "02": "appeals", "03": "pledges", "04": "talks",
               "05": "diplomatic cooperation", "06": "material cooperation", "07": "aid",
               "08": "concessions", "09": "investigations", "10": "demands", "11": "criticism",
               "12": "rejections", "13": "threats", "14": "protests", "15": "shows of force",
               "16": "sanctions", "17": "coercion", "18": "assaults", "19": "fighting",
               "20": "mass violence"}


def date_range(first: date | None, last: date | None) -> str:
    """"4–6 Jan 2026", "28 Jan – 2 Feb 2026", "30 Dec 2025 – 2 Jan 2026", "4 Jan 2026", or ""."""
    if first is None or last is None:
        day = first or last
        return f"{day.day} {day:%b %Y}" if day else ""
    if first == last:
        return f"{first.day} {first:%b %Y}"
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{last.day} {last:%b %Y}"
    if first.year == last.year:
        return f"{first.day} {first:%b} – {last.day} {last:%b %Y}"
    return f"{first.day} {first:%b %Y} – {last.day} {last:%b %Y}"


def story_title(pairs: Iterable[str], roots: Iterable[str], outlets: int, first: date | None,
                last: date | None, fallback: str) -> str:
    """The title (see the module docstring); ``pairs`` are "A-B" country pairs, one per event."""
    parts = []
    top_pair = Counter(pairs).most_common(1)
    topics = [ROOT_TOPICS[r] for r, _ in Counter(r for r in roots if r in ROOT_TOPICS).most_common(2)]
    if top_pair and topics:
        a, _, b = top_pair[0][0].partition("-")
        parts.append(f"{a} ↔ {b}: {' and '.join(topics)}")
    else:
        parts.append(fallback)
    parts.append(f"{outlets} outlet{'s' if outlets != 1 else ''}")
    when = date_range(first, last)
    return ", ".join([*parts, when] if when else parts)
