"""The dashboard pages (HTML, or the same data with ``?format=json``), their static files, and
the API docs (Swagger UI from local files: FastAPI's default loads it from a CDN)."""
from __future__ import annotations

import base64
import hashlib
import re
from datetime import date
from functools import partial
from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

from flashpoint.api.deps import Cache, Con
from flashpoint.api.guard import CONTENT_SECURITY_POLICY
from flashpoint.api.params import EventQuery, Format, FreqQuery, Offset
from flashpoint.api.responses import found, page
from flashpoint.codebook import PLOVER_TYPES
from flashpoint.dashboard import assets, views
from flashpoint.store.dyads import Order
from flashpoint.store.filters import country_code

router = APIRouter(include_in_schema=False)
PageSize = Annotated[int, Query(ge=1, le=200)]


@router.get("/")
def overview_page(con: Con, cache: Cache, format: Format = "html") -> Response:
    return page(format, "_overview.html", "What changed", overview=views.overview(con, cache))


@router.get("/events")
def events_page(request: Request, con: Con, cache: Cache, where: EventQuery, limit: PageSize = 50,
                offset: Offset = 0, format: Format = "html") -> Response:
    listing = views.event_list(con, where, limit, offset, keep=partial(cache.kept, con))
    query = str(request.url.include_query_params(format="json").query)
    return page(format, "_events.html", "Events", listing={
        **listing, "plover_types": PLOVER_TYPES, "url": f"/events?{request.url.query}", "json_url": f"/events?{query}"})


@router.get("/events/{event_id}")
def event_page(con: Con, event_id: str, format: Format = "html") -> Response:
    detail = found(views.event(con, event_id), f"event {event_id!r}")
    return page(format, "_event.html", f"Event {event_id}", detail=detail)


@router.get("/articles/{doc_id:path}")
def article_page(con: Con, doc_id: str, format: Format = "html") -> Response:
    data = found(views.article(con, doc_id), f"article {doc_id!r}")
    return page(format, "_article.html", data["title"] or doc_id, article=data)


@router.get("/actors/{name:path}")
def actor_page(con: Con, name: str, format: Format = "html") -> Response:
    data = found(views.actor(con, name), f"actor {name!r}")
    return page(format, "_actor.html", name, actor=data)


@router.get("/dyads")
def dyads_page(con: Con, cache: Cache, order: Order = "hostile", limit: PageSize = 50, offset: Offset = 0,
               format: Format = "html") -> Response:
    return page(format, "_dyads.html", "Dyads", dyads={**views.dyads(con, cache, order, limit, offset),
                                                       "order": order})


@router.get("/dyads/{source}/{target}")
def dyad_page(con: Con, cache: Cache, source: str, target: str, freq: FreqQuery = "day",
              start: date | None = None, end: date | None = None, limit: PageSize = 20, offset: Offset = 0,
              format: Format = "html") -> Response:
    source, target = country_code(source, "source"), country_code(target, "target")
    data = found(views.dyad(con, cache, source, target, freq, start, end, limit, offset), f"dyad {source}-{target}")
    return page(format, "_dyad.html", f"{source} → {target}", charts=True, dyad=data)


@router.get("/network")
def network_page(con: Con, cache: Cache, format: Format = "html") -> Response:
    return page(format, "_network.html", "Actor network", charts=True, network=views.network(con, cache))


@router.get("/stories")
def stories_page(con: Con, limit: PageSize = 50, offset: Offset = 0, format: Format = "html") -> Response:
    return page(format, "_stories.html", "Stories", stories=views.stories(con, limit, offset))


@router.get("/stories/{story_id}")
def story_page(con: Con, story_id: str, format: Format = "html") -> Response:
    data = found(views.story(con, story_id), f"story {story_id!r}")
    return page(format, "_story.html", data["title"], story=data)


@router.get("/static/{name}")
def static(request: Request, name: str) -> Response:
    """Static files, cached for a year (pages link them with a hash of their content), and
    not sent again to a browser that has this version (304)."""
    path = found(assets.static_file(name), f"static file {name!r}")
    headers = {"Cache-Control": assets.CACHE_CONTROL, "ETag": f'"{assets.digest(name)}"'}
    if request.headers.get("if-none-match") == headers["ETag"]:
        return Response(status_code=304, headers=headers)
    return FileResponse(path, headers=headers)


_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@router.get("/docs")
def docs(request: Request) -> HTMLResponse:
    """Swagger UI, whose start-up script is inline: the page's Content-Security-Policy allows
    that one script by its hash, and nothing else inline."""
    page = get_swagger_ui_html(openapi_url=request.app.openapi_url or "/openapi.json", title="flashpoint API",
                               swagger_favicon_url="/static/favicon.png",
                               swagger_js_url="/static/swagger-ui-bundle.js", swagger_css_url="/static/swagger-ui.css")
    hashes = " ".join(f"'sha256-{base64.b64encode(hashlib.sha256(script.encode()).digest()).decode()}'"
                      for script in _INLINE_SCRIPT.findall(bytes(page.body).decode()))
    page.headers["Content-Security-Policy"] = CONTENT_SECURITY_POLICY.replace(
        "script-src 'self'", f"script-src 'self' {hashes}")
    return page
