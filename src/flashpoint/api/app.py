"""The monitor's web server: a JSON API under /api and the dashboard pages, from one store.

Pages are datasette style: every HTML view also answers ``?format=json`` with the data it
renders (the views and templates are ``flashpoint.dashboard``'s). Routes live in ``routes/``,
one router per resource, and get the store, a cursor per
request and the cached dyad aggregate through ``deps``. The one write, ``POST /api/articles``,
goes through ``flashpoint.service`` (the CLI's ingest path), one article at a time, and only
when a token is configured. Bad parameters are 4xx with a message (QueryError -> 400, an
unreadable article -> 422, FastAPI's validation -> 422), never a 500: JSON for the API, a
page for the pages.
"""
from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import cast

from fastapi import FastAPI, Request
from fastapi.exception_handlers import http_exception_handler, request_validation_exception_handler
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from flashpoint import __version__
from flashpoint.api import openapi
from flashpoint.api.deps import TOKEN_ENV, Ingestion
from flashpoint.api.responses import error_page
from flashpoint.api.routes import ROUTERS
from flashpoint.errors import InputError, QueryError
from flashpoint.service import Extractor, pipeline_extractor
from flashpoint.store import Store
from flashpoint.store.dyads import DailyCache

#: HTTP status of each error a request can cause.
_STATUS: dict[type[Exception], int] = {QueryError: 400, InputError: 422}


def _wants_json(request: Request) -> bool:
    """The API (and ``?format=json``) answers errors in JSON; a page answers with a page."""
    path = request.url.path
    return (path == "/api" or path.startswith(("/api/", "/openapi", "/static/"))
            or request.query_params.get("format") == "json")


async def _refused(request: Request, err: Exception) -> Response:
    status = _STATUS.get(type(err), 400)
    if not _wants_json(request):
        return error_page(status, str(err))
    return JSONResponse({"detail": str(err), "code": getattr(err, "code", None)}, status_code=status)


async def _http_error(request: Request, err: Exception) -> Response:
    if _wants_json(request):
        return await http_exception_handler(request, cast(StarletteHTTPException, err))
    return error_page(cast(StarletteHTTPException, err).status_code, str(cast(StarletteHTTPException, err).detail))


async def _invalid(request: Request, err: Exception) -> Response:
    if _wants_json(request):
        return await request_validation_exception_handler(request, cast(RequestValidationError, err))
    problems = "; ".join(f"{' '.join(str(p) for p in e['loc'][1:])}: {e['msg']}"
                         for e in cast(RequestValidationError, err).errors())
    return error_page(422, problems)


def create_app(db: str | Path, token: str | None = None, extractor: Extractor | None = None) -> FastAPI:
    """The app over database ``db``; ``token`` (else $FLASHPOINT_API_TOKEN) enables ingestion,
    ``extractor`` (else the flashpoint pipeline, loaded on the first ingest) extracts."""
    store = Store(db)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="flashpoint", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Political event data (CAMEO, Goldstein, QuadClass, PLOVER) "
                              "and an escalation monitor.")
    app.state.store = store
    app.state.cache = DailyCache()
    app.state.ingestion = Ingestion(extractor or pipeline_extractor(),
                                    token or os.environ.get(TOKEN_ENV) or None, threading.Lock())
    for error in _STATUS:
        app.add_exception_handler(error, _refused)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _invalid)
    for router in ROUTERS:
        app.include_router(router)
    openapi.install(app)
    return app
