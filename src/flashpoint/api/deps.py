"""What the routes depend on, as FastAPI dependencies: the store, a cursor per request, the
dyads' cached daily aggregate, and how the server ingests (extractor, token).

Everything lives on ``app.state`` (set by ``create_app``), so a route is a plain function of
its parameters and these dependencies, importable and testable on its own. The token is
checked before the body is read (``guard``); the ``Authorized`` dependency checks it again
with the same function, so a route can never be reached without it.

Dependencies are ``async``: FastAPI runs a plain function in its thread pool, one hand-over
to a worker thread and back for each, where an ``async`` one runs on the event loop at once.
The cursor too, unless taking it would wait (while the store switches between reading and
writing); the route itself is the one hand-over a request makes.
"""
from __future__ import annotations

import threading
from collections.abc import AsyncIterator, Callable, Iterable
from dataclasses import dataclass, field
from typing import Annotated, cast

import duckdb
from fastapi import Depends, Header, HTTPException, Request
from fastapi.concurrency import run_in_threadpool

from flashpoint.api.guard import token_refusal
from flashpoint.errors import ExtractionError
from flashpoint.ingest import Article
from flashpoint.records import Extraction
from flashpoint.service import Extractor
from flashpoint.store import Store
from flashpoint.store.dyads import DailyCache


@dataclass
class Ingestion:
    """How the server ingests: only with a token, and one extraction at a time.

    ``extractor_for(cancel)`` is the extractor of one request, stopped when ``cancel`` is set
    (the client went away, the request ran out of time). Extraction is serialised (the
    pipeline is not thread-safe, and two at once on two cores only slow each other down);
    the store is not locked meanwhile, reads go on, and only the result is written.
    """

    extractor_for: Callable[[threading.Event], Extractor]
    token: str | None
    lock: threading.Lock = field(default_factory=threading.Lock)

    def extractor(self, cancel: threading.Event) -> Extractor:
        """The request's extractor: waits its turn (giving up when cancelled), then extracts."""
        def run(articles: Iterable[Article]) -> list[Extraction | ExtractionError]:
            given = list(articles)  # a request's few articles, read before waiting for the turn
            while not self.lock.acquire(timeout=0.1):
                if cancel.is_set():
                    return [ExtractionError("E041", a.doc_id, reason="the request ended while waiting its turn")
                            for a in given]
            try:
                return list(self.extractor_for(cancel)(given))
            finally:
                self.lock.release()

        return run


async def _store(request: Request) -> Store:
    return cast(Store, request.app.state.store)


async def _cursor(store: Annotated[Store, Depends(_store)]) -> AsyncIterator[duckdb.DuckDBPyConnection]:
    """A cursor of the app's store for one request (cursors are thread-safe, connections not),
    taken and given back on the event loop, in a worker thread only when taking it would wait
    (the store is switching between reading and writing). As a plain generator, it was taken
    and given back in the thread pool: two hand-overs a request besides the route's own, about
    a tenth of the server's CPU for a page of events under 20 clients (5.5 against 5.0 ms, the
    medians of eight alternated runs)."""
    con = store.cursor_now()
    if con is None:
        con = await run_in_threadpool(store.take_cursor)
    try:
        yield con
    finally:
        store.give_back(con)


async def _cache(request: Request) -> DailyCache:
    return cast(DailyCache, request.app.state.cache)


async def _ingestion(request: Request, authorization: Annotated[str | None, Header()] = None) -> Ingestion:
    """The ingestion settings, once the caller has shown the token (403 without one configured)."""
    ingestion = cast(Ingestion, request.app.state.ingestion)
    refusal = token_refusal(authorization, ingestion.token)
    if refusal is not None:
        raise HTTPException(*refusal)
    return ingestion


StoreDep = Annotated[Store, Depends(_store)]
Con = Annotated[duckdb.DuckDBPyConnection, Depends(_cursor)]
Cache = Annotated[DailyCache, Depends(_cache)]
Authorized = Annotated[Ingestion, Depends(_ingestion)]
