"""/api/alerts: escalation alerts over every dyad (rules: see flashpoint.analysis.alerts),
one by one or grouped into episodes."""
from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from flashpoint.analysis.alerts import RULES
from flashpoint.analysis.episodes import episodes
from flashpoint.api.deps import Cache, Con
from flashpoint.api.openapi import documented
from flashpoint.api.params import FreqQuery, Limit, Offset
from flashpoint.api.responses import json_response
from flashpoint.dashboard import views
from flashpoint.store.filters import dyad_codes, one_of

router = APIRouter(prefix="/api/alerts", tags=["alerts"])
Rule = Annotated[str | None, Query(description=f"One of {', '.join(RULES)}.")]
Dyad = Annotated[str | None, Query(description="SOURCE-TARGET countries, e.g. USA-COL.")]
Since = Annotated[date | None, Query(description="Only periods from this day on.")]


def _dyad(dyad: str | None) -> str | None:
    return "-".join(dyad_codes(dyad)) if dyad else None


@router.get("", responses={**documented("AlertPage")})
def list_alerts(con: Con, cache: Cache, freq: FreqQuery = "day", limit: Limit = 100, offset: Offset = 0,
                rule: Rule = None, dyad: Dyad = None, since: Since = None) -> Response:
    """Escalation alerts, most recent first: ``{"alerts": [...], "total": n, "limit", "offset"}``.

    Each has its rule (``rule``, and ``title`` as people read it), the period, the value that
    fired against its baseline and threshold, its ``strength`` (how far past the threshold,
    1 = at it) and ``severity`` (low, medium, high). Alerts are computed when events are
    stored, not per request.
    """
    rules = [one_of(rule, list(RULES), "rule")] if rule else None
    return json_response(views.alerts(con, cache, freq, rules, _dyad(dyad), since, limit, offset))


@router.get("/episodes", responses={**documented("EpisodePage")})
def list_episodes(con: Con, cache: Cache, freq: FreqQuery = "day", limit: Limit = 50, offset: Offset = 0,
                  dyad: Dyad = None, since: Since = None) -> Response:
    """Alerts grouped per dyad and episode (alerts within a week of each other), latest
    first: ``{"episodes": [...], "total": n, "limit", "offset"}``."""
    every = views.alerts(con, cache, freq, None, _dyad(dyad), since, limit=1_000_000)["alerts"]
    grouped = [e.as_dict() for e in episodes(every, freq)]
    return json_response({"episodes": grouped[offset:offset + limit], "total": len(grouped),
                          "limit": limit, "offset": offset})
