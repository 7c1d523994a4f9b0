"""What the routes depend on, as FastAPI dependencies: the store, a cursor per request, the
dyads' cached daily aggregate, the extractor, and the token that guards ingestion.

Everything lives on ``app.state`` (set by ``create_app``), so a route is a plain function of
its parameters and these dependencies, importable and testable on its own.
"""
from __future__ import annotations

import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Annotated, cast

import duckdb
from fastapi import Depends, Header, HTTPException, Request

from flashpoint.service import Extractor
from flashpoint.store import Store
from flashpoint.store.dyads import DailyCache

#: Environment variable holding the token that enables ``POST /api/articles``.
TOKEN_ENV = "FLASHPOINT_API_TOKEN"


@dataclass
class Ingestion:
    """How the server ingests: the extractor, one article at a time, and only with a token."""

    extractor: Extractor
    token: str | None
    lock: threading.Lock


def _store(request: Request) -> Store:
    return cast(Store, request.app.state.store)


def _cursor(store: Annotated[Store, Depends(_store)]) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the app's store for one request (cursors are thread-safe, connections not)."""
    with store.cursor() as con:
        yield con


def _cache(request: Request) -> DailyCache:
    return cast(DailyCache, request.app.state.cache)


def _ingestion(request: Request, authorization: Annotated[str | None, Header()] = None) -> Ingestion:
    """The ingestion settings, once the caller has shown the token (403 without one configured)."""
    ingestion = cast(Ingestion, request.app.state.ingestion)
    if not ingestion.token:
        raise HTTPException(403, f"ingestion is disabled: start the server with {TOKEN_ENV} set")
    given = (authorization or "").removeprefix("Bearer ").strip()
    if not secrets.compare_digest(given.encode(), ingestion.token.encode()):
        raise HTTPException(401, "missing or wrong token (send Authorization: Bearer <token>)")
    return ingestion


StoreDep = Annotated[Store, Depends(_store)]
Con = Annotated[duckdb.DuckDBPyConnection, Depends(_cursor)]
Cache = Annotated[DailyCache, Depends(_cache)]
Authorized = Annotated[Ingestion, Depends(_ingestion)]
