"""The monitor's web server: a JSON API under /api and the dashboard pages, from one store.

Pages are datasette style: every HTML view also answers ``?format=json`` with the data it
renders. Reads use a cursor per request (DuckDB cursors are safe across threads); the one
write, ``POST /api/articles``, goes through ``Store.save_article`` under a lock, and only when
a token is configured. Bad parameters are 4xx with a message (QueryError -> 400, FastAPI's
validation -> 422), never a 500.
"""
from __future__ import annotations

import hashlib
import json
import os
import secrets
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from contextlib import asynccontextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal

import duckdb
from fastapi import Depends, FastAPI, Header, HTTPException, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse, Response
from pydantic import BaseModel, Field

from flashpoint.analysis.alerts import RULES, dyad_alerts
from flashpoint.analysis.dyads import FREQS, DailyCache, Freq, dyad_table, series
from flashpoint.api import assets, queries, views
from flashpoint.api.queries import EventFilter, country_code
from flashpoint.api.render import render
from flashpoint.errors import QueryError
from flashpoint.ingest.article import Article
from flashpoint.settings import Settings
from flashpoint.store import Store

#: Environment variable holding the token that enables ``POST /api/articles``.
TOKEN_ENV = "FLASHPOINT_API_TOKEN"
Extractor = Callable[[list[Article]], Iterable[Any]]
Limit = Annotated[int, Query(ge=1, le=500, description="Page size (1-500).")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]
Format = Annotated[Literal["html", "json"], Query(description="html (default) or json.")]
FreqQuery = Annotated[Freq, Query(description=f"One of {', '.join(FREQS)}.")]
ActorFilter = Annotated[str | None, Query(description="Actor name (substring) or code.")]
CountryFilter = Annotated[str | None, Query(description="Source or target country (ISO alpha-3).")]
DyadFilter = Annotated[str | None, Query(description="SOURCE-TARGET countries, e.g. USA-COL.")]
CameoFilter = Annotated[str | None, Query(description="CAMEO root (2 digits) or code prefix.")]
PloverFilter = Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT.")]
TextFilter = Annotated[str | None, Query(description="Words in the evidence sentence.")]


def _cursor(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor of the app's store for one request (cursors are thread-safe, connections not)."""
    con = request.app.state.store.con.cursor()
    try:
        yield con
    finally:
        con.close()


Con = Annotated[duckdb.DuckDBPyConnection, Depends(_cursor)]


class ArticleIn(BaseModel):
    """An article to ingest: its text and what is known about it."""

    text: str = Field(min_length=1, max_length=Settings().max_bytes)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    doc_id: str | None = Field(default=None, max_length=200)


def _pipeline_extractor(articles: list[Article]) -> Iterable[Any]:
    """The real extraction (spaCy loads on the first ingest, not at server start)."""
    from flashpoint.extract import extract
    from flashpoint.nlp.pipeline import load_pipeline

    return extract(articles, load_pipeline())


def create_app(db: str | Path, token: str | None = None,
               extractor: Extractor = _pipeline_extractor) -> FastAPI:
    """The app over database ``db``; ``token`` (else $FLASHPOINT_API_TOKEN) enables ingestion."""
    token = token or os.environ.get(TOKEN_ENV) or None
    store = Store(db)
    write_lock = threading.Lock()

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        store.close()

    app = FastAPI(title="flashpoint", version="0.1.0", docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Political event data (CAMEO, Goldstein, QuadClass, PLOVER) "
                              "and an escalation monitor.")
    app.state.store = store
    cache = DailyCache()
    assets.install_docs(app)

    @app.exception_handler(QueryError)
    async def bad_query(request: Request, err: QueryError) -> JSONResponse:
        return JSONResponse({"detail": str(err)}, status_code=400)

    def page(fmt: str, section: str, title: str, **data: Any) -> Response:
        """One view, two formats: the page, or its data as JSON (``?format=json``)."""
        if fmt == "json":
            return _json(data)
        return HTMLResponse(render("page.html", section=section, title=title, **data))

    def found(value: Any, what: str) -> Any:
        if value is None:
            raise HTTPException(404, f"{what} not found")
        return value

    # --- JSON API ---------------------------------------------------------------------------

    @app.get("/api/events", tags=["events"])
    def api_events(con: Con, limit: Limit = 50, offset: Offset = 0,
                   actor: ActorFilter = None, country: CountryFilter = None, dyad: DyadFilter = None,
                   cameo: CameoFilter = None, plover: PloverFilter = None,
                   start: date | None = None, end: date | None = None, q: TextFilter = None) -> Response:
        """Events, newest first: ``{"events": [...], "total": n}``."""
        where = EventFilter(actor, country, dyad, cameo, plover, start, end, q)
        return _json(queries.events(con, where, limit, offset))

    @app.get("/api/events/{event_id}", tags=["events"])
    def api_event(con: Con, event_id: str) -> Response:
        """One event with its evidence sentence, other reports of it, and quotes."""
        return _json(found(queries.event_detail(con, event_id), f"event {event_id!r}"))

    @app.get("/api/quotes", tags=["quotes"])
    def api_quotes(con: Con, limit: Limit = 50, offset: Offset = 0, speaker: str | None = None,
                   country: str | None = None, doc_id: str | None = None,
                   q: str | None = None) -> Response:
        """Quotes with their speakers and articles: ``{"quotes": [...], "total": n}``."""
        return _json(queries.quotes(con, speaker, country, doc_id, q, limit, offset))

    @app.get("/api/dyads", tags=["dyads"])
    def api_dyads(con: Con, limit: Limit = 50, min_events: Annotated[int, Query(ge=1)] = 1,
                  order: Literal["hostile", "events", "recent"] = "hostile") -> Response:
        """Directed dyads with totals; ``order=hostile`` puts the lowest Goldstein mean first."""
        return _json({"dyads": dyad_table(con, min_events, limit, order)})

    @app.get("/api/dyads/{source}/{target}/series", tags=["dyads"])
    def api_series(con: Con, source: str, target: str, freq: FreqQuery = "day",
                   start: date | None = None, end: date | None = None) -> Response:
        """Counts by QuadClass, Goldstein sum and mean, conflict share, per day or week."""
        source, target = country_code(source, "source"), country_code(target, "target")
        days = cache.days(con).get((source, target), [])
        return _json({"source": source, "target": target, "freq": freq,
                      "series": [p.as_dict() for p in series(days, freq, start, end)]})

    @app.get("/api/alerts", tags=["alerts"])
    def api_alerts(con: Con, freq: FreqQuery = "day", limit: Limit = 100,
                   rule: Annotated[str | None, Query(description=f"One of {', '.join(RULES)}.")] = None,
                   dyad: str | None = None) -> Response:
        """Escalation alerts, most recent first (rules: see flashpoint.analysis.alerts)."""
        if rule and rule not in RULES:
            raise QueryError(f"E030 rule: {rule!r} is not one of {', '.join(RULES)}")
        alerts = dyad_alerts(cache.days(con), freq, [rule] if rule else tuple(RULES))
        if dyad:
            source, _, target = dyad.partition("-")
            wanted = (country_code(source, "dyad"), country_code(target or "", "dyad"))
            alerts = [a for a in alerts if (a.source, a.target) == wanted]
        return _json({"alerts": [a.as_dict() for a in alerts[:limit]], "total": len(alerts)})

    @app.get("/api/stories", tags=["stories"])
    def api_stories(con: Con) -> Response:
        """Cross-outlet stories, or ``available: false`` when none have been built."""
        return _json(views.stories(con))

    @app.get("/api/stories/{story_id}", tags=["stories"])
    def api_story(con: Con, story_id: str) -> Response:
        """A story's articles, the cross-outlet differences in its events, its quote variants and hedges."""
        return _json(found(queries.story(con, story_id), f"story {story_id!r}"))

    @app.post("/api/articles", status_code=201, tags=["ingest"])
    def api_ingest(article: ArticleIn, authorization: Annotated[str | None, Header()] = None,
                   ) -> dict[str, Any]:
        """Ingest one article (``Authorization: Bearer <token>``); disabled without a token."""
        if not token:
            raise HTTPException(403, f"ingestion is disabled: start the server with {TOKEN_ENV} set")
        given = (authorization or "").removeprefix("Bearer ").strip()
        if not secrets.compare_digest(given.encode(), token.encode()):
            raise HTTPException(401, "missing or wrong token (send Authorization: Bearer <token>)")
        doc_id = article.doc_id or "api-" + hashlib.sha1(article.text.encode()).hexdigest()[:12]
        item = Article(doc_id=doc_id, **article.model_dump(exclude={"doc_id"}))
        with write_lock:
            extraction = next(iter(extractor([item])))
            stored = store.save_article(item, extraction.events, extraction.quotes)
        return {"doc_id": doc_id, "stored": stored, "events": len(extraction.events),
                "quotes": len(extraction.quotes)}

    # --- dashboard pages (HTML, or the same data with ?format=json) -------------------------

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def overview_page(con: Con, format: Format = "html") -> Response:
        return page(format, "_overview.html", "Overview", overview=views.overview(con, cache))

    @app.get("/dyads/{source}/{target}", response_class=HTMLResponse, include_in_schema=False)
    def dyad_page(con: Con, source: str, target: str, freq: FreqQuery = "day",
                  start: date | None = None, end: date | None = None, format: Format = "html") -> Response:
        source, target = country_code(source, "source"), country_code(target, "target")
        data = found(views.dyad(con, cache, source, target, freq, start, end), f"dyad {source}-{target}")
        return page(format, "_dyad.html", f"{source} → {target}", dyad=data)

    @app.get("/network", response_class=HTMLResponse, include_in_schema=False)
    def network_page(con: Con, format: Format = "html") -> Response:
        return page(format, "_network.html", "Actor network", network=views.network(con))

    @app.get("/stories", response_class=HTMLResponse, include_in_schema=False)
    def stories_page(con: Con, format: Format = "html") -> Response:
        return page(format, "_stories.html", "Stories", stories=views.stories(con))

    @app.get("/stories/{story_id}", response_class=HTMLResponse, include_in_schema=False)
    def story_page(con: Con, story_id: str, format: Format = "html") -> Response:
        data = found(queries.story(con, story_id), f"story {story_id!r}")
        return page(format, "_story.html", f"Story {story_id}", story=data)

    @app.get("/events/{event_id}", response_class=HTMLResponse, include_in_schema=False)
    def event_page(con: Con, event_id: str, format: Format = "html") -> Response:
        detail = found(queries.event_detail(con, event_id), f"event {event_id!r}")
        return page(format, "_event.html", f"Event {event_id}", detail=detail)

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> FileResponse:
        return FileResponse(found(assets.static_file(name), f"static file {name!r}"))

    return app


def _iso(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def _json(data: Any) -> Response:
    """JSON straight from the data (dates as ISO strings), skipping response-model validation,
    which costs more than the query on large series."""
    return Response(json.dumps(data, default=_iso, ensure_ascii=False), media_type="application/json")
