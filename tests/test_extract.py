"""Extraction on the real seed articles: records validate and ids are stable."""
from __future__ import annotations

import jsonschema

from flashpoint.extract import extract
from flashpoint.ingest import read_inputs
from flashpoint.records import schema


def test_seed_records_validate_and_ids_are_stable(nlp, seed_paths) -> None:
    articles = list(read_inputs([str(p) for p in seed_paths]))
    first = list(extract(articles, nlp))
    again = list(extract(articles, nlp))
    assert [a.doc_id for a in articles] == [p.name for p in seed_paths]
    for extraction in first:
        for event in extraction.events:
            jsonschema.validate(event, schema("event"))
            sentence = event["sentence"]
            assert extraction.article.text[sentence["start"]:sentence["end"]] == sentence["text"]
        for quote in extraction.quotes:
            jsonschema.validate(quote, schema("quote"))
            assert extraction.article.text[quote["start"]:quote["end"]] == quote["text"]
    assert [e["event_id"] for x in first for e in x.events] == [e["event_id"] for x in again for e in x.events]
