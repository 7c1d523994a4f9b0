"""The monitor's web server: a JSON API under /api and the dashboard pages, from one store.

Pages are datasette style: every HTML view also answers ``?format=json`` with the data it
renders (the views and templates are ``flashpoint.dashboard``'s). Routes live in ``routes/``,
one router per resource, and get the store, a cursor per
request and the cached dyad aggregate through ``deps``. The one write, ``POST /api/articles``,
goes through ``flashpoint.service`` (the CLI's ingest path), one article at a time, and only
when a token is configured. Bad parameters are 4xx with a message (QueryError -> 400, an
unreadable article -> 422, FastAPI's validation -> 422), never a 500.
"""
from __future__ import annotations

import os
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from flashpoint import __version__
from flashpoint.api.deps import TOKEN_ENV, Ingestion
from flashpoint.api.routes import ROUTERS
from flashpoint.api.watching import Watch, watching
from flashpoint.errors import InputError, QueryError
from flashpoint.service import Extractor, pipeline_extractor
from flashpoint.store import Store
from flashpoint.store.dyads import DailyCache

#: HTTP status of each error a request can cause.
_STATUS: dict[type[Exception], int] = {QueryError: 400, InputError: 422}


async def _refused(request: Request, err: Exception) -> JSONResponse:
    return JSONResponse({"detail": str(err), "code": getattr(err, "code", None)},
                        status_code=_STATUS.get(type(err), 400))


def create_app(db: str | Path, token: str | None = None, extractor: Extractor | None = None,
               watch: Watch | None = None) -> FastAPI:
    """The app over database ``db``; ``token`` (else $FLASHPOINT_API_TOKEN) enables ingestion,
    ``extractor`` (else the flashpoint pipeline, loaded on the first ingest) extracts, and
    ``watch`` (``serve --watch``) polls feeds into the store while the server runs."""
    store = Store(db)

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
    app.state.cache = DailyCache()
    app.state.ingestion = Ingestion(extractor or pipeline_extractor(),
                                    token or os.environ.get(TOKEN_ENV) or None, threading.Lock())
    for error in _STATUS:
        app.add_exception_handler(error, _refused)
    for router in ROUTERS:
        app.include_router(router)
    return app
