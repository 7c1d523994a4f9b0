"""POST /api/articles: ingest one article, by the same path as ``flashpoint ingest``.

The route is asynchronous so that it can watch the client while the article is extracted in
a worker thread: the duplicate check comes first (an article already stored is answered
without extraction), extraction runs outside any store lock (reads go on), and only its
result is written. When the client disconnects, or the request runs out of time (``guard``
cancels this task), the extraction is told to stop at its next round and nothing is stored.
"""
from __future__ import annotations

import asyncio
import threading
from datetime import date
from functools import partial
from typing import Any

from fastapi import APIRouter, Request
from pydantic import BaseModel, Field, field_validator, model_validator

from flashpoint import service
from flashpoint.api.deps import Authorized, StoreDep
from flashpoint.api.responses import Problem
from flashpoint.ingest.fields import MAX_ID_LENGTH, clean_value, json_type
from flashpoint.settings import Settings

router = APIRouter(prefix="/api/articles", tags=["ingest"])
#: How often the route looks whether the client is still there.
DISCONNECT_POLL = 0.25


class ArticleIn(BaseModel):
    """An article to ingest: its text and what is known about it (a JSON Lines record's fields)."""

    text: str = Field(min_length=1, max_length=Settings().max_bytes)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = Field(default=None, description="The publication date, as YYYY-MM-DD.")
    doc_id: str | None = Field(default=None, max_length=MAX_ID_LENGTH)

    @model_validator(mode="before")
    @classmethod
    def _cleaned(cls, value: Any) -> Any:
        """Lone surrogates and control characters replaced, as in every other input (a JSON
        ``"\\ud800"`` escape is valid JSON, but no such string can be stored or sent back)."""
        return clean_value(value)

    @field_validator("published", mode="before")
    @classmethod
    def _date_as_written(cls, value: Any) -> Any:
        """A date is a string: a number would be read as seconds since 1970."""
        if value is not None and not isinstance(value, str | date):
            raise ValueError(f"must be a date string (YYYY-MM-DD), not {json_type(value)}")
        return value


class Ingested(BaseModel):
    doc_id: str
    stored: bool
    published: date | None
    events: int
    quotes: int


RESPONSES: dict[int | str, dict[str, Any]] = {
    400: {"model": Problem, "description": "The body is not JSON."},
    401: {"model": Problem, "description": "Missing or wrong token."},
    403: {"model": Problem, "description": "Ingestion is disabled (no token configured)."},
    408: {"model": Problem, "description": "The body did not arrive in time."},
    413: {"model": Problem, "description": "The body is over the size limit."},
    422: {"model": Problem, "description": "The article cannot be read, or took over its time budget."},
}


async def _until_done_or_gone(work: partial[service.IngestedRecord], request: Request,
                              cancel: threading.Event) -> service.IngestedRecord:
    """``work()`` in a worker thread; ``cancel`` is set when the client goes away or this
    task is cancelled (the guard's time limit), and the extraction stops at its next round."""
    future = asyncio.get_running_loop().run_in_executor(None, work)
    try:
        while True:
            done, _ = await asyncio.wait({future}, timeout=DISCONNECT_POLL)
            if done:
                return future.result()
            if not cancel.is_set() and await request.is_disconnected():
                cancel.set()  # the answer reaches nobody; let the thread stop, keep waiting for it
    finally:
        cancel.set()


@router.post("", status_code=201, responses=RESPONSES)
async def ingest_article(article: ArticleIn, request: Request, store: StoreDep, ingestion: Authorized) -> Ingested:
    """Ingest one article (``Authorization: Bearer <token>``); disabled without a token.

    An article already stored (the same text, however it came in) is not extracted again:
    the answer names it as stored, with its doc_id and what it holds.
    """
    record = {"id": article.doc_id, **article.model_dump(exclude={"doc_id"}, mode="json")}
    cancel = threading.Event()
    work = partial(service.ingest_record, store, record, ingestion.extractor(cancel))
    result = await _until_done_or_gone(work, request, cancel)
    return Ingested(doc_id=result.article.doc_id, stored=result.stored, published=result.article.published,
                    events=len(result.extraction.events), quotes=len(result.extraction.quotes))
