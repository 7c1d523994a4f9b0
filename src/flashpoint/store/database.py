"""The DuckDB store: opened at the current schema, written through one writer.

Articles are keyed by the hash of their normalised text, so ingesting the same article again
changes nothing. Each article is saved with its events, quotes and actor counts in one
transaction, its rows built before the transaction starts: a failure leaves what was stored
before untouched. Every event and quote keeps its full record (JSON) beside the flat columns
that queries filter on, so exports and the API return exactly what extraction produced.

``save_stories`` stores what ``compare`` found (stories, event clusters, quote variants,
hedges), replacing the rows of the same articles and stories, again in one transaction.

The read queries of the API, the dashboard and the report live beside this module
(``events``, ``quotes``, ``dyads``, ``stories``, ``network``) and take a cursor from
``Store.cursor()``; nothing outside the package writes SQL.
"""
from __future__ import annotations

import json
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self, cast

import duckdb

from flashpoint import __version__
from flashpoint.errors import StoreError
from flashpoint.ingest.article import Article
from flashpoint.records import EventRecord, Extraction, QuoteRecord
from flashpoint.settings import DEFAULT_DB
from flashpoint.store.reading import counts
from flashpoint.store.rows import (
    HedgeRow,
    Mention,
    QuoteVariant,
    Row,
    actor_rows,
    article_row,
    event_row,
    named,
    quote_row,
    story_rows,
)
from flashpoint.store.schema import SCHEMA_VERSION, TERM_BUCKETS, migrate, stored_version, terms_table

#: How rows are added to each table: duplicates of a stored event or quote are left alone,
#: an actor seen again has its mentions added up.
_CONFLICT = {
    "events": "ON CONFLICT DO NOTHING",
    "quotes": "ON CONFLICT DO NOTHING",
    "actors": "ON CONFLICT (name, code) DO UPDATE SET mentions = mentions + excluded.mentions",
}
#: Columns the store derives from the written ones (see ``schema._V3``): the event's day and
#: sort key, from the store's own macros.
_DERIVED = {"events": ", coalesce(event_date::DATE, published::DATE) AS event_day, "
                      "event_key_of(coalesce(event_date::DATE, published::DATE), nextval('event_seq')) AS event_key"}
#: The order records come back in.
_EVENT_ORDER = "ORDER BY published NULLS LAST, doc_id, sentence_start"
_QUOTE_ORDER = "ORDER BY doc_id, start_char"
#: Records read from the database at a time when streaming them (``event_records``, ...).
_FETCH_ROWS = 1000


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: Sequence[Row]) -> None:
    """Insert ``rows`` into ``table`` in one columnar statement (an Arrow table, by column name).

    Row-at-a-time ``executemany`` costs milliseconds a row; one Arrow batch costs about as much
    as a single row.
    """
    if not rows:
        return
    import pyarrow as pa  # Arrow is needed to write, not to open or read a store

    try:
        staged = pa.Table.from_pylist(list(rows))
    except (pa.ArrowException, TypeError, ValueError) as err:  # a value of the wrong type
        raise duckdb.ConversionException(f"{table}: {err}") from err
    con.register("staged", staged)
    try:
        insert = (f"INSERT INTO {table} BY NAME SELECT *{_DERIVED.get(table, '')} FROM staged "
                  f"{_CONFLICT.get(table, '')}")
        if table != "events":
            con.execute(insert)
            return
        # the words of the events just stored (not of those a conflict left out) go to the index
        words = con.sql(f"{insert} RETURNING event_key, word_hashes(sentence) AS terms").to_arrow_table()
        con.register("stored_words", words)
        try:
            con.execute("CREATE OR REPLACE TEMP TABLE new_terms AS "
                        "SELECT unnest(terms) AS term, event_key FROM stored_words")
            for bucket in range(TERM_BUCKETS):
                con.execute(f"INSERT INTO {terms_table(bucket)} SELECT term, event_key FROM new_terms "
                            f"WHERE term % {TERM_BUCKETS} = {bucket}")
            con.execute("DROP TABLE new_terms")
        finally:
            con.unregister("stored_words")
    finally:
        con.unregister("staged")


class Store:
    """A flashpoint database. Use as a context manager, or call ``close()``.

    Opening it brings an older store to the current schema (see ``schema.py``); a store opened
    ``read_only`` must already be current. One instance may be shared by threads: its methods
    take turns on the connection, and each thread reads through its own ``cursor()``.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False) -> None:
        self.path = str(path)
        self._lock = threading.RLock()
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except duckdb.Error as err:
            raise StoreError("E020", self.path, reason=err) from err
        try:
            self.con.execute("SET enable_progress_bar = false")  # DuckDB would draw it on stdout
            self._upgrade(read_only)
        except BaseException:
            self.con.close()
            raise

    def _upgrade(self, read_only: bool) -> None:
        found = stored_version(self.con)
        if found > SCHEMA_VERSION:
            raise StoreError("E022", self.path, found=found, supported=SCHEMA_VERSION)
        if found < SCHEMA_VERSION and read_only:
            raise StoreError("E023", self.path, found=found, supported=SCHEMA_VERSION)
        try:
            migrate(self.con, __version__)
        except duckdb.Error as err:
            raise StoreError("E021", self.path, what=f"the upgrade to schema version {SCHEMA_VERSION}",
                             reason=err) from err

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def limit_memory(self, limit: str) -> None:
        """Cap DuckDB's memory (e.g. "192MB") for a long stream of writes: past the cap it
        evicts cached blocks (they are on disk) instead of growing with the store."""
        with self._lock:
            self.con.execute("SET memory_limit = ?", [limit])

    @property
    def version(self) -> int:
        with self._lock:
            return stored_version(self.con)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for the read queries; cursors are safe to use across threads, the connection not."""
        with self._lock:
            cursor = self.con.cursor()
        try:
            yield cursor
        finally:
            cursor.close()

    @contextmanager
    def _transaction(self, what: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """Everything written inside is stored together or not at all (E021 on failure)."""
        with self._lock:
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield self.con
                self.con.execute("COMMIT")
            except BaseException as err:
                self.con.execute("ROLLBACK")
                if isinstance(err, duckdb.Error):
                    raise StoreError("E021", self.path, what=what, reason=err) from err
                raise

    # --- the writer -------------------------------------------------------------------------

    def save_articles(self, extractions: Sequence[Extraction]) -> list[bool | StoreError]:
        """Store a batch of articles with their events and quotes, each article atomically.

        For each article, in order: True when stored now, False when it was already stored
        (same normalised text, earlier or in this batch), or the StoreError that kept it out.
        The batch is written in one transaction of columnar inserts, which is what makes
        storing as fast as extracting; when that fails, its articles are written again one
        transaction each, so only the article at fault is left out. Nothing is reported
        stored before its transaction has committed.
        """
        with self._lock:
            known = self._stored_hashes([x.article.content_hash for x in extractions])
            outcome: list[bool | StoreError] = []
            fresh: dict[int, Extraction] = {}  # position in the batch -> article to store
            for position, extraction in enumerate(extractions):
                digest = extraction.article.content_hash
                outcome.append(digest not in known)
                if digest not in known:
                    known.add(digest)
                    fresh[position] = extraction
            try:
                self._write(list(fresh.values()), f"{len(fresh)} articles")
            except StoreError as err:
                if len(fresh) == 1:
                    return [err if stored else False for stored in outcome]
                for position, extraction in fresh.items():
                    try:
                        self._write([extraction], f"article {extraction.article.doc_id}")
                    except StoreError as alone:
                        outcome[position] = alone
        return outcome

    def save_article(self, article: Article, events: Sequence[EventRecord],
                     quotes: Sequence[QuoteRecord]) -> bool:
        """Store one article with its events and quotes at once; False if it was already stored."""
        (stored,) = self.save_articles([Extraction(article, list(events), list(quotes))])
        if isinstance(stored, StoreError):
            raise stored
        return stored

    def _write(self, extractions: Sequence[Extraction], what: str) -> None:
        """Insert the rows of ``extractions`` (not stored yet) in one transaction.

        The rows are built before the transaction starts; actor counts are summed over the
        batch first, as one statement may update an actor only once.
        """
        if not extractions:
            return
        now = datetime.now(UTC).replace(tzinfo=None)
        rows = {"articles": [article_row(x.article, now) for x in extractions],
                "events": [event_row(e, x.article.content_hash) for x in extractions for e in x.events],
                "quotes": [quote_row(q, x.article.content_hash) for x in extractions for q in x.quotes],
                "actors": actor_rows([e for x in extractions for e in x.events],
                                     [q for x in extractions for q in x.quotes])}
        with self._transaction(what) as con:
            for table, table_rows in rows.items():
                _insert(con, table, table_rows)

    def save_stories(self, stories: Mapping[str, Sequence[str]], mentions: Sequence[Sequence[Any]],
                     variants: Sequence[Sequence[Any]] = (), hedges: Sequence[Sequence[Any]] = ()) -> None:
        """Replace the reconciliation rows of these articles (``flashpoint compare``), at once.

        ``stories`` maps story_id to doc_ids; ``mentions``, ``variants`` and ``hedges`` are
        ``Mention``, ``QuoteVariant`` and ``HedgeRow`` rows. Rows of the same articles,
        stories, clusters or quote groups from an earlier comparison are dropped first, so
        comparing again, or with more articles, never counts anything twice; other stories'
        rows are kept.
        """
        doc_ids = [d for ids in stories.values() for d in ids]
        clusters = list({m[0] for m in mentions})
        rows = {"stories": story_rows(stories), "event_mentions": named(Mention._fields, mentions),
                "quote_variants": named(QuoteVariant._fields, variants),
                "hedges": named(HedgeRow._fields, hedges)}
        with self._transaction("stories") as con:
            con.execute("DELETE FROM stories WHERE list_contains(?, doc_id) OR list_contains(?, story_id)",
                        [doc_ids, list(stories)])
            con.execute("DELETE FROM event_mentions WHERE list_contains(?, doc_id) OR list_contains(?, cluster_id)",
                        [doc_ids, clusters])
            con.execute("DELETE FROM quote_variants WHERE list_contains(?, story_id) OR group_id IN "
                        "(SELECT group_id FROM quote_variants WHERE list_contains(?, doc_id))",
                        [list(stories), doc_ids])
            con.execute("DELETE FROM hedges WHERE list_contains(?, doc_id)", [doc_ids])
            for table, table_rows in rows.items():
                _insert(con, table, table_rows)

    # --- what was stored --------------------------------------------------------------------

    def has_article(self, content_hash: str) -> bool:
        return bool(self._stored_hashes([content_hash]))

    def _stored_hashes(self, content_hashes: Sequence[str]) -> set[str]:
        with self._lock:
            rows = self.con.execute("SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?))",
                                    [list(content_hashes)]).fetchall()
        return {digest for (digest,) in rows}

    def stored_articles(self, content_hashes: Sequence[str]) -> dict[str, Article]:
        """content_hash -> the article as stored (first ingest wins: its doc_id, date, outlet)."""
        with self._lock:
            rows = self.con.execute(
                "SELECT content_hash, doc_id, text, title, url, outlet, author, published, source_path, "
                "metadata FROM articles WHERE list_contains(?, content_hash)", [list(content_hashes)]).fetchall()
        return {digest: Article(doc_id=doc_id, text=text, title=title, url=url, outlet=outlet, author=author,
                                published=published, source_path=source_path,
                                metadata=json.loads(metadata) if metadata else {})
                for digest, doc_id, text, title, url, outlet, author, published, source_path, metadata in rows}

    def event_records(self, doc_ids: Sequence[str] | None = None) -> Iterator[EventRecord]:
        """Stored events as records (of the articles ``doc_ids``, or all), oldest article first,
        read a thousand at a time: exporting a large store holds a page of records, not all."""
        for record in self._records("events", _EVENT_ORDER, doc_ids=doc_ids):
            yield cast(EventRecord, record)

    def quote_records(self, doc_ids: Sequence[str] | None = None) -> Iterator[QuoteRecord]:
        """Stored quotes as records (of the articles ``doc_ids``, or all), by article and position."""
        for record in self._records("quotes", _QUOTE_ORDER, doc_ids=doc_ids):
            yield cast(QuoteRecord, record)

    def extraction(self, article: Article) -> Extraction:
        """What was stored for ``article`` (matched by its normalised text), as an Extraction."""
        digest = article.content_hash
        return Extraction(article, [cast(EventRecord, r) for r in self._records("events", _EVENT_ORDER, digest)],
                          [cast(QuoteRecord, r) for r in self._records("quotes", _QUOTE_ORDER, digest)])

    def _records(self, table: str, order: str, content_hash: str | None = None,
                 doc_ids: Sequence[str] | None = None) -> Iterator[Any]:
        """Parsed records of ``table``: of one article (content hash), of some doc_ids, or all."""
        params: list[object]
        where, params = "", []
        if content_hash is not None:
            where, params = "WHERE content_hash = ?", [content_hash]
        elif doc_ids is not None:
            where, params = "WHERE list_contains(?, doc_id)", [list(doc_ids)]
        with self.cursor() as cursor:
            cursor.execute(f"SELECT record FROM {table} {where} {order}", params)
            while rows := cursor.fetchmany(_FETCH_ROWS):
                yield from (json.loads(record) for (record,) in rows)

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and tests."""
        with self._lock:
            return counts(self.con)
