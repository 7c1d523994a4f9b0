"""/api/dyads: directed dyads with their totals, and one dyad's series."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from flashpoint.analysis.dyads import series
from flashpoint.api.deps import Cache, Con
from flashpoint.api.params import FreqQuery, Limit
from flashpoint.api.responses import json_response
from flashpoint.store.dyads import Order, dyad_table
from flashpoint.store.filters import country_code

router = APIRouter(prefix="/api/dyads", tags=["dyads"])


@router.get("")
def list_dyads(con: Con, limit: Limit = 50, min_events: Annotated[int, Query(ge=1)] = 1,
               order: Order = "hostile") -> Response:
    """Directed dyads with totals; ``order=hostile`` puts the lowest Goldstein mean first."""
    return json_response({"dyads": dyad_table(con, min_events, limit, order)})


@router.get("/{source}/{target}/series")
def dyad_series(con: Con, cache: Cache, source: str, target: str, freq: FreqQuery = "day",
                start: date | None = None, end: date | None = None) -> Response:
    """Counts by QuadClass, Goldstein sum and mean, conflict share, per day or week."""
    source, target = country_code(source, "source"), country_code(target, "target")
    days = cache.days(con).get((source, target), [])
    return json_response({"source": source, "target": target, "freq": freq,
                          "series": [p.as_dict() for p in series(days, freq, start, end)]})
