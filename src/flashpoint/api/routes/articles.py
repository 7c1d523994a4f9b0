"""POST /api/articles: ingest one article, by the same path as ``flashpoint ingest``."""
from __future__ import annotations

from datetime import date

from fastapi import APIRouter
from pydantic import BaseModel, Field

from flashpoint import service
from flashpoint.api.deps import Authorized, StoreDep
from flashpoint.settings import Settings

router = APIRouter(prefix="/api/articles", tags=["ingest"])


class ArticleIn(BaseModel):
    """An article to ingest: its text and what is known about it (a JSON Lines record's fields)."""

    text: str = Field(min_length=1, max_length=Settings().max_bytes)
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: date | None = None
    doc_id: str | None = Field(default=None, max_length=200)


class Ingested(BaseModel):
    doc_id: str
    stored: bool
    published: date | None
    events: int
    quotes: int


@router.post("", status_code=201)
def ingest_article(article: ArticleIn, store: StoreDep, ingestion: Authorized) -> Ingested:
    """Ingest one article (``Authorization: Bearer <token>``); disabled without a token.

    An article already stored (the same text, however it came in) is not extracted again:
    the answer names it as stored, with its doc_id and what it holds.
    """
    record = {"id": article.doc_id, **article.model_dump(exclude={"doc_id"}, mode="json")}
    with ingestion.lock:
        result = service.ingest_record(store, record, ingestion.extractor)
    return Ingested(doc_id=result.article.doc_id, stored=result.stored, published=result.article.published,
                    events=len(result.extraction.events), quotes=len(result.extraction.quotes))
