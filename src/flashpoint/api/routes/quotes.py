"""/api/quotes: quotes with their speakers and articles."""
from __future__ import annotations

from functools import partial

from fastapi import APIRouter
from fastapi.responses import Response

from flashpoint.api.deps import Cache, Con
from flashpoint.api.openapi import documented
from flashpoint.api.params import Limit, Offset
from flashpoint.api.responses import json_response
from flashpoint.store import quotes

router = APIRouter(prefix="/api/quotes", tags=["quotes"])


@router.get("", responses={**documented("QuotePage")})
def list_quotes(con: Con, cache: Cache, limit: Limit = 50, offset: Offset = 0, speaker: str | None = None,
                country: str | None = None, doc_id: str | None = None, q: str | None = None) -> Response:
    """Quotes with their speakers and articles, newest article first: ``{"quotes": [...], "total": n,
    "total_exact": bool, "limit", "offset"}``; totals are capped and kept as those of ``/api/events``."""
    return json_response(quotes.quotes(con, speaker, country, doc_id, q, limit, offset,
                                       keep=partial(cache.kept, con)))
