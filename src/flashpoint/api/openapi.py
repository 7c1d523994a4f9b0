"""The API's OpenAPI document: response bodies described by the records' JSON Schemas.

Routes answer with JSON built straight from the data (validating a million-row page against
a model would cost more than the query), so FastAPI cannot infer their bodies; instead each
route names its body here (``documented``) and ``install`` puts the schemas in the
document's components: the event and quote records as ``schemas/*.schema.json`` define them
(their ``$defs`` become components too), and the pages of lists around them, each
``{"<items>": [...], "total", "limit", "offset"}``. Errors (400, 404, 503) are documented by
``responses.COMMON_RESPONSES`` and ``NOT_FOUND``.
"""
from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from flashpoint.records import schema

_REF = "#/components/schemas/"
_OBJECT: dict[str, Any] = {"type": "object"}
#: A page whose total is counted up to a cap (``store.reading.COUNT_CAP``).
_CAPPED: dict[str, Any] = {"total_exact": {"type": "boolean", "description": "False when there are more matches "
                                                                             "than ``total`` (counting stops at a cap)."}}


def _ref(name: str) -> dict[str, str]:
    return {"$ref": _REF + name}


def _record(kind: str, name: str) -> dict[str, dict[str, Any]]:
    """The record schema ``kind`` as components: ``name`` and one per ``$defs`` entry."""
    def rewrite(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: (_REF + name + "_" + value.removeprefix("#/$defs/")
                          if key == "$ref" and isinstance(value, str) else rewrite(value))
                    for key, value in node.items() if key not in ("$schema", "$id", "$defs")}
        if isinstance(node, list):
            return [rewrite(item) for item in node]
        return node

    found = schema(kind)
    components = {name: rewrite(found)}
    components.update({f"{name}_{key}": rewrite(value) for key, value in found.get("$defs", {}).items()})
    return components


def _page(items: str, item: dict[str, Any], extra: dict[str, Any] | None = None) -> dict[str, Any]:
    """A page of a list: the items, how many match in all, and the paging used."""
    return {"type": "object", "required": [items, "total", "limit", "offset"],
            "properties": {items: {"type": "array", "items": item},
                           "total": {"type": "integer", "description": "How many match, over every page."},
                           "limit": {"type": "integer"}, "offset": {"type": "integer"}, **(extra or {})}}


def _listed_event() -> dict[str, Any]:
    return {"allOf": [_ref("Event"), {"type": "object", "properties": {
        "reports": {"type": "integer", "description": "Outlets reporting this event (1 when not grouped)."},
        "evidence": {"type": "object", "description": "The sentence cut around its trigger.",
                     "properties": {"before": {"type": "string"}, "trigger": {"type": "string"},
                                    "after": {"type": "string"}}}}}]}


def _alert() -> dict[str, Any]:
    number = {"type": "number"}
    return {"type": "object", "properties": {
        "rule": {"type": "string"}, "title": {"type": "string"}, "source": {"type": "string"},
        "target": {"type": "string"}, "period": {"type": "string", "format": "date"}, "value": number,
        "baseline": number, "threshold": number, "strength": number,
        "severity": {"type": "string", "enum": ["low", "medium", "high"]}, "message": {"type": "string"}}}


def components() -> dict[str, Any]:
    """Every schema the routes name."""
    period = {"type": "object", "properties": {key: {"type": "number"} for key in (
        "events", "reports", "q1", "q2", "q3", "q4", "goldstein_sum", "goldstein_mean", "conflict_share")}
        | {"period": {"type": "string", "format": "date"}}}
    dyad = {"type": "object", "properties": {"source": {"type": "string"}, "target": {"type": "string"},
                                             "events": {"type": "integer"}, "goldstein_mean": {"type": "number"},
                                             "conflict_share": {"type": "number"},
                                             "undated": {"type": "integer"}}}
    episode = {"type": "object", "properties": {
        "source": {"type": "string"}, "target": {"type": "string"}, "start": {"type": "string", "format": "date"},
        "end": {"type": "string", "format": "date"}, "severity": {"type": "string"}, "alerts": {"type": "integer"},
        "rules": {"type": "array", "items": {"type": "string"}}, "titles": {"type": "array", "items": {"type": "string"}},
        "message": {"type": "string"}}}
    quote = {"allOf": [_ref("Quote"), {"type": "object", "properties": {"article": _OBJECT}}]}
    return {
        **_record("event", "Event"), **_record("quote", "Quote"),
        "EventPage": _page("events", _listed_event(), {**_CAPPED, "next": {
            "type": ["string", "null"], "description": "Pass as ``after`` for the next page; null on the last."}}),
        "EventDetail": {"type": "object", "properties": {
            "event": _listed_event(), "mentions": {"type": "array", "items": _OBJECT},
            "quotes": {"type": "array", "items": _ref("Quote")},
            "stories": {"type": "array", "items": {"type": "string"}}, "reports": {"type": "integer"}}},
        "QuotePage": _page("quotes", quote, _CAPPED),
        "DyadPage": _page("dyads", dyad),
        "Series": {"type": "object", "properties": {"source": {"type": "string"}, "target": {"type": "string"},
                                                    "freq": {"type": "string"},
                                                    "series": {"type": "array", "items": period}}},
        "Alert": _alert(), "AlertPage": _page("alerts", _ref("Alert")),
        "EpisodePage": _page("episodes", episode),
        "StoryPage": _page("stories", _OBJECT, {"available": {"type": "boolean"}}),
        "Story": _OBJECT,
    }


def documented(name: str) -> dict[int | str, dict[str, Any]]:
    """A route's 200 answer, with the body schema ``name``."""
    return {200: {"description": "OK", "content": {"application/json": {"schema": _ref(name)}}}}


def install(app: FastAPI) -> None:
    """Make ``app`` describe its responses with ``components``."""
    def build() -> dict[str, Any]:
        if app.openapi_schema is None:
            document = get_openapi(title=app.title, version=app.version, description=app.description,
                                   routes=app.routes)
            document.setdefault("components", {}).setdefault("schemas", {}).update(components())
            app.openapi_schema = document
        return app.openapi_schema

    app.openapi = build  # type: ignore[method-assign]
