"""The record format shared by extract, store, API and exports.

One event a record and one quote a record, as documented in ``schemas/*.schema.json``;
these TypedDicts mirror the schemas so type checkers see the same contract.
"""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any, TypedDict


class Span(TypedDict):
    start: int
    end: int
    text: str


class Actor(TypedDict, total=False):
    name: str | None
    text: str
    start: int | None
    end: int | None
    country: str | None
    code: str | None
    sector: str | None


class ArticleRef(TypedDict):
    title: str | None
    url: str | None
    outlet: str | None
    published: str | None


class EventDate(TypedDict):
    value: str | None
    precision: str | None
    text: str | None


class Modality(TypedDict):
    negated: bool
    hypothetical: bool
    future: bool
    reported_by: Actor | None


class EventRecord(TypedDict, total=False):
    event_id: str
    doc_id: str
    article: ArticleRef
    sentence: Span
    trigger: Span
    source: Actor | None
    target: Actor | None
    cameo: str
    cameo_root: str
    cameo_name: str
    goldstein: float
    quad_class: int
    plover: dict[str, str | None]
    date: EventDate
    location: dict[str, Any] | None
    modality: Modality
    quote_id: str | None
    confidence: float


class QuoteRecord(TypedDict, total=False):
    quote_id: str
    doc_id: str
    start: int
    end: int
    text: str
    direct: bool
    cue: Span | None
    speaker: Actor | None


@lru_cache(maxsize=2)
def schema(kind: str) -> dict[str, Any]:
    """The JSON Schema of ``kind`` ("event" or "quote"), as shipped in the package."""
    text = resources.files("flashpoint.schemas").joinpath(f"{kind}.schema.json").read_text("utf-8")
    return json.loads(text)
