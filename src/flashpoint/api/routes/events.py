"""/api/events: filtered pages of events, and one event with its evidence and context."""
from __future__ import annotations

from functools import partial

from fastapi import APIRouter
from fastapi.responses import Response

from flashpoint.api.deps import Cache, Con
from flashpoint.api.openapi import documented
from flashpoint.api.params import After, EventQuery, Limit, Offset
from flashpoint.api.responses import NOT_FOUND, found, json_response
from flashpoint.store import events

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("", responses={**documented("EventPage")})
def list_events(con: Con, cache: Cache, where: EventQuery, limit: Limit = 50, offset: Offset = 0,
                after: After = None) -> Response:
    """Events, newest first: ``{"events": [...], "total": n, "total_exact": bool, "next": cursor,
    "limit", "offset"}``.

    By default each real-world event is listed once (as the dashboard's charts count it:
    reports of one event by several outlets merged, negated and hypothetical events left
    out); ``every_report=true`` lists every extracted report. Each event has ``reports``,
    the number of outlets that report it.

    **Totals** are exact up to 10,000 matches; beyond, ``total`` is 10,000 and ``total_exact``
    is false ("more than 10,000"), so that no page costs a count of every match of a large
    store; a filter's total is counted once while the data are unchanged. **Paging**: pass
    ``next`` back as ``after`` for the next page (as fast as the first, whatever the depth;
    ``null`` on the last page); ``offset`` still works, but a deep offset costs more (the
    matches of the days before it are sorted). **Text** (``q``) is matched against a word
    index of the evidence sentences: whole words, all of them, any case, stop words ignored.
    """
    return json_response(events.events(con, where, limit, offset, after, keep=partial(cache.kept, con)))


@router.get("/{event_id}", responses={**documented("EventDetail"), **NOT_FOUND})
def event(con: Con, event_id: str) -> Response:
    """One event with its evidence sentence, other reports of it, quotes and stories."""
    return json_response(found(events.event_detail(con, event_id), f"event {event_id!r}"))
