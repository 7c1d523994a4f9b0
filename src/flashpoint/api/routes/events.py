"""/api/events: filtered pages of events, and one event with its evidence and context."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from flashpoint.api.deps import Con
from flashpoint.api.params import Limit, Offset
from flashpoint.api.responses import NOT_FOUND, found, json_response
from flashpoint.store import events
from flashpoint.store.filters import EventFilter

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("")
def list_events(con: Con, limit: Limit = 50, offset: Offset = 0,
                actor: Annotated[str | None, Query(description="Actor name (substring) or code.")] = None,
                country: Annotated[str | None, Query(description="Source or target country (ISO alpha-3).")] = None,
                dyad: Annotated[str | None, Query(description="SOURCE-TARGET countries, e.g. USA-COL.")] = None,
                cameo: Annotated[str | None, Query(description="CAMEO root (2 digits) or code prefix.")] = None,
                plover: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT.")] = None,
                start: date | None = None, end: date | None = None,
                q: Annotated[str | None, Query(description="Words in the evidence sentence.")] = None) -> Response:
    """Events, newest first: ``{"events": [...], "total": n}``."""
    where = EventFilter(actor, country, dyad, cameo, plover, start, end, q)
    return json_response(events.events(con, where, limit, offset))


@router.get("/{event_id}", responses=NOT_FOUND)
def event(con: Con, event_id: str) -> Response:
    """One event with its evidence sentence, other reports of it, and quotes."""
    return json_response(found(events.event_detail(con, event_id), f"event {event_id!r}"))
