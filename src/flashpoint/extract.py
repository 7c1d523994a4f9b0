"""Run the pipeline over Articles and turn what it found into event and quote records.

The components know only the text; this step adds what the records need from the article
(doc_id, the article block) and gives every event and quote an id that is stable across runs,
so re-extracting the same article produces the same ids. The records are built here with the
constructors of ``flashpoint.records`` from what the components put on the Doc.
"""
from __future__ import annotations

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from threading import Event
from typing import Any

from spacy.language import Language

from flashpoint.errors import ExtractionError
from flashpoint.ingest.article import Article
from flashpoint.records import EventRecord, Extraction, QuoteRecord, article_ref, event_record, quote_record
from flashpoint.runner import run
from flashpoint.settings import Settings


def _stable_id(prefix: str, *parts: object) -> str:
    digest = hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]
    return f"{prefix}{digest}"


def _quote(found: Mapping[str, Any], quote_id: str, doc_id: str) -> QuoteRecord:
    return quote_record(quote_id=quote_id, doc_id=doc_id, start=found["start"], end=found["end"],
                        text=found["text"], kind=found["kind"], cue=found["cue"], speaker=found["speaker"])


def _event(found: Mapping[str, Any], event_id: str, article: Article, quote_id: str | None) -> EventRecord:
    return event_record(
        event_id=event_id, doc_id=article.doc_id, article=article_ref(article),
        sentence=found["sentence"], trigger=found["trigger"], source=found["source"],
        target=found["target"], cameo=found["cameo"], date=found["date"], modality=found["modality"],
        confidence=found["confidence"], location=found["location"], quote_id=quote_id)


def _records(article: Article, doc_events: list[dict[str, Any]], doc_quotes: list[dict[str, Any]]) -> Extraction:
    digest = article.content_hash
    quote_ids: dict[str, str] = {}
    quotes: list[QuoteRecord] = []
    for quote in doc_quotes:
        global_id = _stable_id("Q", digest, quote["start"], quote["end"])
        quote_ids[quote["quote_id"]] = global_id
        quotes.append(_quote(quote, global_id, article.doc_id))
    events: list[EventRecord] = []
    seen: set[str] = set()
    for event in doc_events:
        source, target = event.get("source") or {}, event.get("target") or {}
        event_id = _stable_id("E", digest, event["trigger"]["start"], event["cameo"],
                              source.get("start"), target.get("start"))
        if event_id in seen:
            continue
        seen.add(event_id)
        events.append(_event(event, event_id, article, quote_ids.get(event.get("quote_id") or "")))
    return Extraction(article, events, quotes)


def extract(articles: Iterable[Article], nlp: Language, settings: Settings | None = None,
            cancel: Event | None = None) -> Iterator[Extraction | ExtractionError]:
    """Events and quotes of each article, in input order (streams: memory stays flat); an
    article over its time budget, or cancelled, is an ``ExtractionError`` in its place
    (long articles are processed in chunks, within a time budget: see ``runner``)."""
    for found in run(articles, nlp, settings, cancel):
        yield found if isinstance(found, ExtractionError) else _records(found.article, found.events, found.quotes)
