"""/api/dyads: directed dyads with their totals, and one dyad's series."""
from __future__ import annotations

from datetime import date
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from flashpoint.analysis.dyads import series
from flashpoint.api.deps import Cache, Con
from flashpoint.api.openapi import documented
from flashpoint.api.params import FreqQuery, Limit, Offset
from flashpoint.api.responses import NOT_FOUND, found, json_response
from flashpoint.store.dyads import Order, dyad_exists, dyad_page
from flashpoint.store.filters import country_code

router = APIRouter(prefix="/api/dyads", tags=["dyads"])


@router.get("", responses={**documented("DyadPage")})
def list_dyads(con: Con, cache: Cache, limit: Limit = 50, offset: Offset = 0,
               min_events: Annotated[int, Query(ge=1)] = 1, order: Order = "hostile") -> Response:
    """Directed dyads with totals: ``{"dyads": [...], "total": n, "limit", "offset"}``;
    ``order=hostile`` puts the lowest Goldstein mean first.

    Every dyad's totals are an aggregate of every event, computed once and kept until the
    data change; each order ranks the same totals.
    """
    return json_response(dyad_page(con, order, limit, offset, min_events, keep=partial(cache.kept, con)))


@router.get("/{source}/{target}/series", responses={**documented("Series"), **NOT_FOUND})
def dyad_series(con: Con, cache: Cache, source: str, target: str, freq: FreqQuery = "day",
                start: date | None = None, end: date | None = None) -> Response:
    """Counts by QuadClass, Goldstein sum and mean, conflict share, per day or week; 404 for
    a dyad with no events. ``undated`` counts the dyad's events that have no date."""
    source, target = country_code(source, "source"), country_code(target, "target")
    days = cache.days(con).get((source, target))
    if days is None:
        found(True if dyad_exists(con, source, target) else None, f"dyad {source}-{target}")
    return json_response({"source": source, "target": target, "freq": freq,
                          "series": [p.as_dict() for p in series(days or [], freq, start, end)]})
