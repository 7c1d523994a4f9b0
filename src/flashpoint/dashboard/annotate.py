"""An article as a coded document: its text cut where a trigger or a quote starts or ends.

Each piece knows which event triggers and which quotes cover it, and which of them start
there (for the anchors ``#event-ID`` and ``#quote-ID`` that links from event pages land
on), so the template marks every event and quote in place without building markup from
article text: the pieces are text, escaped like any other. Spans may nest or overlap (an
event coded from inside a quote); spans whose offsets do not fit the text are left out.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import pairwise
from typing import Any

from flashpoint.store.reading import Json


def _spans(events: Sequence[Mapping[str, Any]], quotes: Sequence[Mapping[str, Any]],
           length: int) -> list[tuple[int, int, str, Mapping[str, Any]]]:
    spans = [(int(e["trigger"]["start"]), int(e["trigger"]["end"]), "event", e)
             for e in events if e.get("trigger")]
    spans += [(int(q["start"]), int(q["end"]), "quote", q) for q in quotes]
    return [s for s in spans if 0 <= s[0] < s[1] <= length]


def annotate(text: str, events: Sequence[Mapping[str, Any]], quotes: Sequence[Mapping[str, Any]]) -> list[Json]:
    """``text`` in pieces ``{"text", "events", "quotes", "starts"}``: the events whose trigger
    and the quotes that cover the piece (records), and the ids of those that begin there."""
    spans = _spans(events, quotes, len(text))
    cuts = sorted({0, len(text), *(s for s, _, _, _ in spans), *(e for _, e, _, _ in spans)})
    pieces: list[Json] = []
    for start, end in pairwise(cuts):
        covering = [(kind, record, s) for s, e, kind, record in spans if s <= start and end <= e]
        pieces.append({"text": text[start:end],
                       "events": [r for kind, r, _ in covering if kind == "event"],
                       "quotes": [r for kind, r, _ in covering if kind == "quote"],
                       "starts": [("event-" + r["event_id"]) if kind == "event" else ("quote-" + r["quote_id"])
                                  for kind, r, s in covering if s == start]})
    return pieces
