"""The record format shared by extract, store, API and exports, and the one way to build it.

One event a record and one quote a record, as documented in ``schemas/*.schema.json``. The
TypedDicts mirror the schemas (a test holds their keys equal to the schemas' properties) and
each record is built by one constructor, so a field cannot be forgotten in one place and
spelt differently in another: ``actor`` for the actor block (event source and target,
reported_by, quote speaker), ``event_record`` and ``quote_record`` for the records, with the
values the codebook and the quote kind decide filled in by the constructor itself.

``Extraction`` (an article with its records) lives here too, so that the store and the
service can hold one without importing the NLP pipeline.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Literal, TypedDict

from flashpoint.codebook import lookup

if TYPE_CHECKING:  # the CLI imports records to start; reading articles is imported when used
    from flashpoint.ingest.article import Article


class Span(TypedDict):
    """Characters ``start:end`` of the article text, and that text."""

    start: int
    end: int
    text: str


class Actor(TypedDict):
    """Who acts, is acted on, reports or speaks: a resolved name and codes, and where in the text."""

    name: str | None
    text: str | None
    start: int | None
    end: int | None
    country: str | None
    code: str | None
    sector: str | None


class ArticleRef(TypedDict):
    """The ``article`` block of an event record: where and when the event was reported."""

    title: str | None
    url: str | None
    outlet: str | None
    published: str | None


class Plover(TypedDict):
    event_type: str | None
    mode: str | None


class EventDate(TypedDict):
    value: str | None
    precision: str | None
    text: str | None


class Location(TypedDict, total=False):
    name: str | None
    country: str | None
    lat: float | None
    lon: float | None


class Modality(TypedDict):
    negated: bool
    hypothetical: bool
    future: bool
    reported_by: Actor | None


class CodedEvent(TypedDict):
    """An event as the event component codes it (``doc._.events``): the event record without
    what only the article gives (event id, doc id, article block); ``quote_id`` is the id of
    its quote among the Doc's quotes."""

    sentence: Span
    trigger: Span
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover: Plover
    date: EventDate
    location: Location | None
    modality: Modality
    quote_id: str | None
    confidence: float


class EventRecord(CodedEvent):
    """One event of an article (schemas/event.schema.json)."""

    event_id: str
    doc_id: str
    article: ArticleRef


QuoteKind = Literal["direct", "partial", "scare", "indirect", "embedded"]


class QuoteRecord(TypedDict):
    quote_id: str
    doc_id: str
    start: int
    end: int
    text: str
    direct: bool
    kind: QuoteKind
    cue: Span | None
    speaker: Actor | None


def actor(name: str | None, text: str | None, start: int | None = None, end: int | None = None,
          country: str | None = None, code: str | None = None, sector: str | None = None) -> Actor:
    """An actor block; ``text`` is the words of the mention (None when inferred, not read)."""
    return {"name": name, "text": text, "start": start, "end": end, "country": country,
            "code": code, "sector": sector}


def article_ref(article: Article) -> ArticleRef:
    """The ``article`` block of the events of ``article``."""
    return {"title": article.title, "url": article.url, "outlet": article.outlet,
            "published": article.published.isoformat() if article.published else None}


def coded_event(*, sentence: Span, trigger: Span, source: Actor | None, target: Actor | None,
                cameo: str, date: EventDate, modality: Modality, confidence: float,
                location: Location | None = None, quote_id: str | None = None) -> CodedEvent:
    """An event as coded in a Doc; its CAMEO root and name, Goldstein score, QuadClass and
    PLOVER type come from the codebook row of ``cameo`` (its nearest listed parent for an
    unlisted sub-code)."""
    code = lookup(cameo)
    return {
        "sentence": sentence, "trigger": trigger, "source": source, "target": target,
        "cameo": cameo, "cameo_root": code.root, "cameo_name": code.name,
        "goldstein": code.goldstein, "quad_class": code.quad_class,
        "plover": {"event_type": code.plover_type, "mode": code.plover_mode},
        "date": date, "location": location, "modality": modality, "quote_id": quote_id,
        "confidence": confidence,
    }


def event_record(*, event_id: str, doc_id: str, article: ArticleRef, sentence: Span, trigger: Span,
                 source: Actor | None, target: Actor | None, cameo: str, date: EventDate,
                 modality: Modality, confidence: float, location: Location | None = None,
                 quote_id: str | None = None) -> EventRecord:
    """An event record: the article's ids and block, then the event as :func:`coded_event`
    codes it."""
    return {"event_id": event_id, "doc_id": doc_id, "article": article,
            **coded_event(sentence=sentence, trigger=trigger, source=source, target=target, cameo=cameo,
                          date=date, modality=modality, confidence=confidence, location=location,
                          quote_id=quote_id)}


def quote_record(*, quote_id: str, doc_id: str, start: int, end: int, text: str, kind: QuoteKind,
                 cue: Span | None, speaker: Actor | None) -> QuoteRecord:
    """A quote record; every kind but indirect speech is ``direct`` (the words are the speaker's)."""
    return {"quote_id": quote_id, "doc_id": doc_id, "start": start, "end": end, "text": text,
            "direct": kind != "indirect", "kind": kind, "cue": cue, "speaker": speaker}


@dataclass
class Extraction:
    """One article with what was extracted from it."""

    article: Article
    events: list[EventRecord] = field(default_factory=list)
    quotes: list[QuoteRecord] = field(default_factory=list)


@lru_cache(maxsize=4)
def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of ``kind`` ("event", "quote" or "compare"), as shipped in the package."""
    text = resources.files("flashpoint.schemas").joinpath(f"{kind}.schema.json").read_text("utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded
