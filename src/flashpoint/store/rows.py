"""Articles, records and reconciliation results as rows of the store's tables, by column name.

Rows are built here, apart from the SQL that writes them, so the writer only moves named
columns: a column added by a migration is one key here, never a count of question marks to
keep in step with the table, and a batch of rows can be written as one columnar insert
(``INSERT INTO t BY NAME``) as well as row by row.
"""
from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import NamedTuple

from flashpoint.ingest.article import Article
from flashpoint.records import EventRecord, QuoteRecord

#: Column name -> value.
Row = dict[str, object]


class Mention(NamedTuple):
    """A row of ``event_mentions``: one report of an event cluster."""

    cluster_id: str
    event_id: str
    doc_id: str
    outlet: str | None


class QuoteVariant(NamedTuple):
    """A row of ``quote_variants``: one outlet's wording of a quotation of a story."""

    group_id: str
    story_id: str
    quote_id: str
    doc_id: str
    outlet: str | None
    text: str
    start_char: int
    end_char: int
    only_words: list[str]


class HedgeRow(NamedTuple):
    """A row of ``hedges``: a hedge of an article and one record it qualifies (or None)."""

    doc_id: str
    start_char: int
    end_char: int
    text: str
    kind: str
    sentence: str
    qualifies: str | None
    qualifies_kind: str | None
    claim: str | None


class Grouped(NamedTuple):
    """An article as grouping left it: a row of ``story_index``."""

    content_hash: str
    doc_id: str
    published: date | None
    vector: dict[str, float]
    countries: list[str]
    keys: list[str]


def named(fields: Sequence[str], rows: Sequence[Sequence[object]]) -> list[Row]:
    """Rows given in the order of ``fields`` (a NamedTuple's ``_fields``) as column dicts."""
    return [dict(zip(fields, row, strict=True)) for row in rows]


def article_row(article: Article, ingested_at: datetime) -> Row:
    return {"content_hash": article.content_hash, "doc_id": article.doc_id, "title": article.title,
            "url": article.url, "outlet": article.outlet, "author": article.author,
            "published": article.published, "source_path": article.source_path, "text": article.text,
            "metadata": json.dumps(article.metadata, ensure_ascii=False, default=str),
            "ingested_at": ingested_at}


def event_row(record: EventRecord, content_hash: str) -> Row:
    source, target = record["source"], record["target"]
    date, modality = record["date"], record["modality"]
    sentence, plover = record["sentence"], record["plover"]
    return {
        "event_id": record["event_id"], "content_hash": content_hash, "doc_id": record["doc_id"],
        "outlet": record["article"]["outlet"], "published": record["article"]["published"],
        "event_date": date["value"], "date_precision": date["precision"],
        "source_name": source and source["name"], "source_country": source and source["country"],
        "source_code": source and source["code"],
        "target_name": target and target["name"], "target_country": target and target["country"],
        "target_code": target and target["code"],
        "cameo": record["cameo"], "cameo_root": record["cameo_root"], "cameo_name": record["cameo_name"],
        "goldstein": record["goldstein"], "quad_class": record["quad_class"],
        "plover_type": plover["event_type"], "plover_mode": plover["mode"],
        "negated": modality["negated"], "hypothetical": modality["hypothetical"],
        "future": modality["future"],
        "sentence": sentence["text"], "sentence_start": sentence["start"], "sentence_end": sentence["end"],
        "quote_id": record["quote_id"], "confidence": record["confidence"],
        "record": json.dumps(record, ensure_ascii=False),
    }


def quote_row(record: QuoteRecord, content_hash: str) -> Row:
    speaker = record["speaker"]
    return {
        "quote_id": record["quote_id"], "content_hash": content_hash, "doc_id": record["doc_id"],
        "speaker_name": speaker and speaker["name"], "speaker_country": speaker and speaker["country"],
        "speaker_code": speaker and speaker["code"],
        "text": record["text"], "direct": record["direct"], "kind": record["kind"],
        "start_char": record["start"], "end_char": record["end"],
        "record": json.dumps(record, ensure_ascii=False),
    }


def actor_rows(events: Sequence[EventRecord], quotes: Sequence[QuoteRecord]) -> list[Row]:
    """Each resolved actor (by name and code) of an article's events and quotes, with its count."""
    counts: dict[tuple[str, str | None, str, str | None], int] = {}
    actors = [a for e in events for a in (e["source"], e["target"]) if a]
    actors += [q["speaker"] for q in quotes if q["speaker"]]
    for actor in actors:
        if actor["name"]:
            key = (actor["name"], actor["country"], actor["code"] or "", actor["sector"])
            counts[key] = counts.get(key, 0) + 1
    return [{"name": name, "country": country, "code": code, "sector": sector, "mentions": count}
            for (name, country, code, sector), count in counts.items()]


def story_rows(stories: Mapping[str, Sequence[str]]) -> list[Row]:
    return [{"story_id": story_id, "doc_id": doc_id} for story_id, ids in stories.items() for doc_id in ids]
