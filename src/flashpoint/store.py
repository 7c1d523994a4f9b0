"""The DuckDB store: articles, events, quotes and actors, written through one writer.

Articles are keyed by the hash of their normalised text, so ingesting the same article again
changes nothing. Each article is saved with its events and quotes in one transaction: a
failure leaves what was stored before untouched. Every event and quote keeps its full record
(JSON) beside the flat columns that queries filter on, so exports and the API return exactly
what extraction produced.

``flashpoint compare`` adds the reconciliation of outlets (``save_stories``): stories, event
clusters (``event_mentions``), quote variants with the words only their article has, and
hedges. Quote variants are one row per variant; ``only_words`` (a VARCHAR list, so
``list_contains(only_words, 'coward')`` finds them) holds the words of the group that only
this variant's article prints, the same on every variant of that article. Hedges are a
property of an article, not of a story, so they are keyed by doc_id and reach a story through
the stories table; a hedge qualifying several events or quotes has one row per qualified
record (``qualifies`` NULL when it qualifies nothing that was extracted).
"""
from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import duckdb

from flashpoint.errors import StoreError
from flashpoint.extract import Extraction
from flashpoint.ingest.article import Article
from flashpoint.records import EventRecord, QuoteRecord

DEFAULT_DB = "flashpoint.duckdb"

SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    content_hash VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    title VARCHAR, url VARCHAR, outlet VARCHAR, author VARCHAR,
    published DATE, source_path VARCHAR,
    text VARCHAR NOT NULL,
    metadata JSON,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
    event_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    outlet VARCHAR,
    published DATE,
    event_date DATE,
    date_precision VARCHAR,
    source_name VARCHAR, source_country VARCHAR, source_code VARCHAR,
    target_name VARCHAR, target_country VARCHAR, target_code VARCHAR,
    cameo VARCHAR NOT NULL, cameo_root VARCHAR NOT NULL, cameo_name VARCHAR,
    goldstein DOUBLE, quad_class INTEGER,
    plover_type VARCHAR, plover_mode VARCHAR,
    negated BOOLEAN, hypothetical BOOLEAN, future BOOLEAN,
    sentence VARCHAR, sentence_start INTEGER, sentence_end INTEGER,
    quote_id VARCHAR,
    confidence DOUBLE,
    record JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS quotes (
    quote_id VARCHAR PRIMARY KEY,
    content_hash VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    speaker_name VARCHAR, speaker_country VARCHAR, speaker_code VARCHAR,
    text VARCHAR NOT NULL, direct BOOLEAN, kind VARCHAR,
    start_char INTEGER, end_char INTEGER,
    record JSON NOT NULL
);
CREATE TABLE IF NOT EXISTS actors (
    name VARCHAR NOT NULL, country VARCHAR, code VARCHAR, sector VARCHAR,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (name, code)
);
CREATE TABLE IF NOT EXISTS stories (story_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS event_mentions (
    cluster_id VARCHAR NOT NULL, event_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, outlet VARCHAR
);
CREATE TABLE IF NOT EXISTS quote_variants (
    group_id VARCHAR NOT NULL, story_id VARCHAR NOT NULL, quote_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL, outlet VARCHAR, text VARCHAR NOT NULL,
    start_char INTEGER, end_char INTEGER, only_words VARCHAR[] NOT NULL
);
CREATE TABLE IF NOT EXISTS hedges (
    doc_id VARCHAR NOT NULL, start_char INTEGER NOT NULL, end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL, kind VARCHAR, sentence VARCHAR,
    qualifies VARCHAR, qualifies_kind VARCHAR, claim VARCHAR
);
"""

#: (cluster_id, event_id, doc_id, outlet)
MentionRow = tuple[str, str, str, str | None]
#: (group_id, story_id, quote_id, doc_id, outlet, text, start_char, end_char, only_words)
VariantRow = tuple[str, str, str, str, str | None, str, int, int, list[str]]
#: (doc_id, start_char, end_char, text, kind, sentence, qualifies, qualifies_kind, claim)
HedgeRow = tuple[str, int, int, str, str, str, str | None, str | None, str | None]


def _event_row(record: EventRecord, content_hash: str) -> tuple[Any, ...]:
    source, target = record.get("source") or {}, record.get("target") or {}
    date, modality = record.get("date") or {}, record.get("modality") or {}
    plover, sentence = record.get("plover") or {}, record.get("sentence") or {}
    return (
        record["event_id"], content_hash, record["doc_id"], record["article"].get("outlet"),
        record["article"].get("published"), date.get("value"), date.get("precision"),
        source.get("name"), source.get("country"), source.get("code"),
        target.get("name"), target.get("country"), target.get("code"),
        record["cameo"], record["cameo_root"], record.get("cameo_name"),
        record.get("goldstein"), record.get("quad_class"),
        plover.get("event_type"), plover.get("mode"),
        bool(modality.get("negated")), bool(modality.get("hypothetical")), bool(modality.get("future")),
        sentence.get("text"), sentence.get("start"), sentence.get("end"),
        record.get("quote_id"), record.get("confidence"), json.dumps(record, ensure_ascii=False),
    )


def _quote_row(record: QuoteRecord, content_hash: str) -> tuple[Any, ...]:
    speaker = record.get("speaker") or {}
    return (
        record["quote_id"], content_hash, record["doc_id"],
        speaker.get("name"), speaker.get("country"), speaker.get("code"),
        record["text"], record.get("direct"), record.get("kind"),
        record["start"], record["end"], json.dumps(record, ensure_ascii=False),
    )


def _actor_rows(events: Sequence[EventRecord], quotes: Sequence[QuoteRecord]) -> dict[tuple, int]:
    """Count each resolved actor (by name and code) across an article's events and quotes."""
    counts: dict[tuple, int] = {}
    actors = [a for e in events for a in (e.get("source"), e.get("target")) if a]
    actors += [q["speaker"] for q in quotes if q.get("speaker")]
    for actor in actors:
        if actor.get("name"):
            key = (actor["name"], actor.get("country"), actor.get("code") or "", actor.get("sector"))
            counts[key] = counts.get(key, 0) + 1
    return counts


class Store:
    """A flashpoint database. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
            if not read_only:
                self.con.execute(SCHEMA)
        except duckdb.Error as err:
            raise StoreError(f"E020 {self.path}: cannot open the database ({err})") from err

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def has_article(self, content_hash: str) -> bool:
        row = self.con.execute("SELECT 1 FROM articles WHERE content_hash = ?", [content_hash]).fetchone()
        return row is not None

    def save_article(self, article: Article, events: Sequence[EventRecord],
                     quotes: Sequence[QuoteRecord]) -> bool:
        """Store an article with its events and quotes at once; False if it was already stored."""
        digest = article.content_hash
        if self.has_article(digest):
            return False
        try:
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute(
                "INSERT INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [digest, article.doc_id, article.title, article.url, article.outlet, article.author,
                 article.published, article.source_path, article.text,
                 json.dumps(article.metadata, ensure_ascii=False, default=str),
                 datetime.now(timezone.utc).replace(tzinfo=None)])
            if events:
                self.con.executemany(f"INSERT OR IGNORE INTO events VALUES ({', '.join('?' * 29)})",
                                     [_event_row(e, digest) for e in events])
            if quotes:
                self.con.executemany(f"INSERT OR IGNORE INTO quotes VALUES ({', '.join('?' * 12)})",
                                     [_quote_row(q, digest) for q in quotes])
            for (name, country, code, sector), count in _actor_rows(events, quotes).items():
                self.con.execute(
                    "INSERT INTO actors VALUES (?, ?, ?, ?, ?) ON CONFLICT (name, code) "
                    "DO UPDATE SET mentions = mentions + excluded.mentions",
                    [name, country, code, sector, count])
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"E020 {self.path}: could not store {article.doc_id} ({err})") from err
        return True

    def event_records(self, where: str = "", params: Sequence[Any] = ()) -> Iterator[EventRecord]:
        """Stored events as records, oldest article first (``where`` is a trusted SQL filter)."""
        sql = f"SELECT record FROM events {where} ORDER BY published NULLS LAST, doc_id, sentence_start"
        for (record,) in self.con.execute(sql, list(params)).fetchall():
            yield json.loads(record)

    def quote_records(self, where: str = "", params: Sequence[Any] = ()) -> Iterator[QuoteRecord]:
        """Stored quotes as records, by article and position (``where`` is a trusted SQL filter)."""
        sql = f"SELECT record FROM quotes {where} ORDER BY doc_id, start_char"
        for (record,) in self.con.execute(sql, list(params)).fetchall():
            yield json.loads(record)

    def extraction(self, article: Article) -> Extraction:
        """What was stored for ``article`` (matched by its normalised text), as an Extraction."""
        where, params = "WHERE content_hash = ?", [article.content_hash]
        return Extraction(article, list(self.event_records(where, params)),
                          list(self.quote_records(where, params)))

    def stored_doc_ids(self, content_hashes: Sequence[str]) -> dict[str, str]:
        """content_hash -> doc_id under which each of these articles was stored (first ingest wins)."""
        return dict(self.con.execute("SELECT content_hash, doc_id FROM articles "
                                     "WHERE list_contains(?, content_hash)", [list(content_hashes)]).fetchall())

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and tests."""
        return {table: self.con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                for table in ("articles", "events", "quotes", "actors")}

    def save_stories(self, stories: Mapping[str, Sequence[str]], mentions: Sequence[MentionRow],
                     variants: Sequence[VariantRow] = (), hedges: Sequence[HedgeRow] = ()) -> None:
        """Replace the reconciliation rows of these articles (``flashpoint compare``), at once.

        ``stories`` maps story_id to doc_ids; the rows are those of the tables of the same
        names (see the module docstring). Rows of the same articles, stories, clusters or quote
        groups from an earlier comparison are dropped first, so comparing again, or with more
        articles, never counts anything twice; other stories' rows are kept.
        """
        doc_ids = [d for ids in stories.values() for d in ids]
        clusters = list({m[0] for m in mentions})
        try:
            self.con.execute("BEGIN TRANSACTION")
            self.con.execute("DELETE FROM stories WHERE list_contains(?, doc_id) OR list_contains(?, story_id)",
                             [doc_ids, list(stories)])
            self.con.execute("DELETE FROM event_mentions WHERE list_contains(?, doc_id) "
                             "OR list_contains(?, cluster_id)", [doc_ids, clusters])
            self.con.execute("DELETE FROM quote_variants WHERE list_contains(?, story_id) OR group_id IN "
                             "(SELECT group_id FROM quote_variants WHERE list_contains(?, doc_id))",
                             [list(stories), doc_ids])
            self.con.execute("DELETE FROM hedges WHERE list_contains(?, doc_id)", [doc_ids])
            for table, rows in (("stories", [(sid, d) for sid, ids in stories.items() for d in ids]),
                                ("event_mentions", mentions), ("quote_variants", variants),
                                ("hedges", hedges)):
                if rows:
                    width = len(rows[0])
                    self.con.executemany(f"INSERT INTO {table} VALUES ({', '.join('?' * width)})",
                                         [list(row) for row in rows])
            self.con.execute("COMMIT")
        except duckdb.Error as err:
            self.con.execute("ROLLBACK")
            raise StoreError(f"E020 {self.path}: could not store stories ({err})") from err
