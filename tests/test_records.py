"""The record types match the JSON Schemas, and the constructors build schema-valid records."""
from __future__ import annotations

from datetime import date
from typing import Any, get_args

import jsonschema

from flashpoint.codebook import lookup
from flashpoint.records import (
    Actor,
    ArticleRef,
    EventDate,
    EventRecord,
    Location,
    Modality,
    Plover,
    QuoteKind,
    QuoteRecord,
    Span,
    schema,
)
from tests.synthetic import article, synthetic_event, synthetic_quote


def _keys(kind: Any) -> set[str]:
    return set(kind.__required_keys__) | set(kind.__optional_keys__)


def _properties(node: dict[str, Any], root: dict[str, Any]) -> set[str]:
    if "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[-1]]
    return set(node["properties"])


def test_event_types_have_exactly_the_schema_properties() -> None:
    event = schema("event")
    props = event["properties"]
    assert _keys(EventRecord) == set(props)
    assert set(EventRecord.__required_keys__) >= set(event["required"])
    for field, kind in (("article", ArticleRef), ("sentence", Span), ("trigger", Span), ("source", Actor),
                        ("target", Actor), ("plover", Plover), ("date", EventDate), ("location", Location),
                        ("modality", Modality)):
        assert _keys(kind) == _properties(props[field], event), field
    assert _keys(Actor) == _properties(props["modality"]["properties"]["reported_by"], event)


def test_quote_types_have_exactly_the_schema_properties() -> None:
    quote = schema("quote")
    props = quote["properties"]
    assert _keys(QuoteRecord) == set(props)
    assert set(QuoteRecord.__required_keys__) >= set(quote["required"])
    assert _keys(Span) == _properties(props["cue"], quote)
    assert _keys(Actor) == _properties(props["speaker"], quote)
    assert set(get_args(QuoteKind)) == set(props["kind"]["enum"])


def test_constructors_build_valid_records_with_the_codebook_labels() -> None:
    art = article("d", 'Washington accused Caracas. "We deny it", Maduro said.', date(2026, 1, 5))
    event = synthetic_event(art, "USA", "VEN", "1123", "Washington accused Caracas.", "accused")
    jsonschema.validate(event, schema("event"))
    parent = lookup("1123")
    assert (event["cameo"], event["cameo_root"], event["cameo_name"]) == ("1123", "11", parent.name)
    assert (event["goldstein"], event["quad_class"]) == (parent.goldstein, parent.quad_class)
    quote = synthetic_quote(art, "We deny it", "VEN")
    jsonschema.validate(quote, schema("quote"))
    assert quote["direct"] and quote["kind"] == "direct"
