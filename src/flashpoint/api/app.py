"""The monitor's web server: a JSON API under /api and the dashboard pages, from one store.

Pages are datasette style: every HTML view also answers ``?format=json`` with the data it
renders (the views and templates are ``flashpoint.dashboard``'s). Routes live in ``routes/``,
one router per resource, and get the store, a cursor per
request and the cached dyad aggregate through ``deps``. The one write, ``POST /api/articles``,
goes through ``flashpoint.service`` (the CLI's ingest path), one article at a time, and only
when a token is configured.

Pages answer errors as pages (``error.html``); the API and ``?format=json`` as JSON.

Every request first passes ``guard`` (token before body, body and time limits, security
headers). The store is opened "shared": read-only between writes, so other processes can
read it (export, report) while the server runs. Bad requests are 4xx with a message that
never echoes the request (QueryError -> 400, an unreadable article -> 422, FastAPI's
validation -> 422 with the fields at fault), a busy store is 503, never a 500.
"""
from __future__ import annotations

import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from flashpoint import __version__
from flashpoint.api import openapi
from flashpoint.api.deps import Ingestion
from flashpoint.api.guard import TOKEN_ENV, Guard
from flashpoint.api.responses import COMMON_RESPONSES, error_page
from flashpoint.api.routes import ROUTERS
from flashpoint.api.watching import Watch, watching
from flashpoint.errors import FlashpointError, InputError, QueryError, StoreError
from flashpoint.ingest.decode import clean_text
from flashpoint.service import Extractor, pipeline_extractor
from flashpoint.settings import DEFAULT_LIMITS, DEFAULT_WAIT, ServerLimits
from flashpoint.store import Store
from flashpoint.store.dyads import DailyCache

#: HTTP status of each error code a request can cause that is not its class's (below).
_CODE_STATUS = {"E024": 503, "E041": 503}
_CLASS_STATUS: dict[type[FlashpointError], int] = {QueryError: 400, InputError: 422, StoreError: 500}
#: Longest message of a validation error shown (a message may quote a limit, never the input).
_MESSAGE_CHARS = 200


def _wants_json(request: Request) -> bool:
    """The API (and ``?format=json``) answers errors in JSON; a page answers with a page."""
    path = request.url.path
    return (path == "/api" or path.startswith(("/api/", "/openapi", "/static/"))
            or request.query_params.get("format") == "json")


async def _refused(request: Request, err: Exception) -> Response:
    assert isinstance(err, FlashpointError)
    status = _CODE_STATUS.get(err.code) or next(s for kind, s in _CLASS_STATUS.items() if isinstance(err, kind))
    headers = {"Retry-After": "5"} if status == 503 else None
    if not _wants_json(request):
        return error_page(status, clean_text(str(err)), headers)
    return JSONResponse({"detail": clean_text(str(err)), "code": err.code}, status_code=status, headers=headers)


async def _invalid(request: Request, err: Exception) -> Response:
    """FastAPI's 422, without the offending input (it may be 100 MB, or not encodable)."""
    assert isinstance(err, RequestValidationError)
    fields = [{"loc": [clean_text(str(part))[:_MESSAGE_CHARS] for part in error.get("loc", ())],
               "msg": clean_text(str(error.get("msg", "")))[:_MESSAGE_CHARS], "type": error.get("type")}
              for error in err.errors()]
    if not _wants_json(request):
        return error_page(422, "; ".join(f"{' '.join(f['loc'][1:])}: {f['msg']}" for f in fields))
    return JSONResponse({"detail": fields}, status_code=422)


async def _http_error(request: Request, err: Exception) -> Response:
    """A 404 (or other HTTP error) of a page is a page."""
    assert isinstance(err, StarletteHTTPException)
    if _wants_json(request):
        return await http_exception_handler(request, err)
    return error_page(err.status_code, str(err.detail), err.headers)


def create_app(db: str | Path, token: str | None = None, extractor: Extractor | None = None,
               limits: ServerLimits = DEFAULT_LIMITS, wait: float = DEFAULT_WAIT,
               watch: Watch | None = None) -> FastAPI:
    """The app over database ``db``; ``token`` (else $FLASHPOINT_API_TOKEN) enables ingestion,
    ``extractor`` (else the flashpoint pipeline, loaded on the first ingest) extracts;
    ``limits`` bound each request, ``wait`` how long a write waits for readers of the store;
    ``watch`` (``serve --watch``) polls feeds into the store while the server runs."""
    store = Store(db, access="shared", wait=wait)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        with watching(store, app.state.ingestion, watch) as app.state.watcher:
            yield
        store.close()

    app = FastAPI(title="flashpoint", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Political event data (CAMEO, Goldstein, QuadClass, PLOVER) "
                              "and an escalation monitor.")
    app.state.store = store
    app.state.watch = watch
    app.state.cache = DailyCache(store)
    app.state.ingestion = Ingestion(
        (lambda cancel: extractor) if extractor else (lambda cancel: pipeline_extractor(cancel=cancel)),
        token or os.environ.get(TOKEN_ENV) or None)
    app.add_exception_handler(FlashpointError, _refused)
    app.add_exception_handler(RequestValidationError, _invalid)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for router in ROUTERS:
        app.include_router(router, responses=COMMON_RESPONSES)
    openapi.install(app)
    app.add_middleware(Guard, limits=limits, token=lambda: app.state.ingestion.token)
    return app
