"""The dashboard pages (HTML, or the same data with ``?format=json``), their static files, and
the API docs (Swagger UI from local files: FastAPI's default loads it from a CDN)."""
from __future__ import annotations

import base64
import hashlib
import re
from datetime import date

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse, Response

from flashpoint.api.deps import Cache, Con
from flashpoint.api.guard import CONTENT_SECURITY_POLICY
from flashpoint.api.params import Format, FreqQuery
from flashpoint.api.responses import found, page
from flashpoint.dashboard import assets, views
from flashpoint.store import events
from flashpoint.store.filters import country_code

router = APIRouter(include_in_schema=False)


@router.get("/")
def overview_page(con: Con, cache: Cache, format: Format = "html") -> Response:
    return page(format, "_overview.html", "Overview", overview=views.overview(con, cache))


@router.get("/dyads/{source}/{target}")
def dyad_page(con: Con, cache: Cache, source: str, target: str, freq: FreqQuery = "day",
              start: date | None = None, end: date | None = None, format: Format = "html") -> Response:
    source, target = country_code(source, "source"), country_code(target, "target")
    data = found(views.dyad(con, cache, source, target, freq, start, end), f"dyad {source}-{target}")
    return page(format, "_dyad.html", f"{source} → {target}", dyad=data)


@router.get("/network")
def network_page(con: Con, format: Format = "html") -> Response:
    return page(format, "_network.html", "Actor network", network=views.network(con))


@router.get("/stories")
def stories_page(con: Con, format: Format = "html") -> Response:
    return page(format, "_stories.html", "Stories", stories=views.stories(con))


@router.get("/stories/{story_id}")
def story_page(con: Con, story_id: str, format: Format = "html") -> Response:
    data = found(views.story(con, story_id), f"story {story_id!r}")
    return page(format, "_story.html", f"Story {story_id}", story=data)


@router.get("/events/{event_id}")
def event_page(con: Con, event_id: str, format: Format = "html") -> Response:
    detail = found(events.event_detail(con, event_id), f"event {event_id!r}")
    return page(format, "_event.html", f"Event {event_id}", detail=detail)


@router.get("/static/{name}")
def static(name: str) -> FileResponse:
    return FileResponse(found(assets.static_file(name), f"static file {name!r}"))


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
