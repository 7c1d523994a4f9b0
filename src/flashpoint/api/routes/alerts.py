"""/api/alerts: escalation alerts over every dyad (rules: see flashpoint.analysis.alerts)."""
from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query
from fastapi.responses import Response

from flashpoint.analysis.alerts import RULES, dyad_alerts
from flashpoint.api.deps import Cache, Con
from flashpoint.api.params import FreqQuery, Limit
from flashpoint.api.responses import json_response
from flashpoint.store.filters import dyad_codes, one_of

router = APIRouter(prefix="/api/alerts", tags=["alerts"])


@router.get("")
def list_alerts(con: Con, cache: Cache, freq: FreqQuery = "day", limit: Limit = 100,
                rule: Annotated[str | None, Query(description=f"One of {', '.join(RULES)}.")] = None,
                dyad: str | None = None) -> Response:
    """Escalation alerts, most recent first."""
    rules = [one_of(rule, list(RULES), "rule")] if rule else list(RULES)
    alerts = dyad_alerts(cache.days(con), freq, rules)
    if dyad:
        wanted = dyad_codes(dyad)
        alerts = [a for a in alerts if (a.source, a.target) == wanted]
    return json_response({"alerts": [a.as_dict() for a in alerts[:limit]], "total": len(alerts)})
