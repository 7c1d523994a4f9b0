"""The DuckDB store: opened at the current schema, written through one writer.

Articles are keyed by the hash of their normalised text, so ingesting the same article again
changes nothing. A batch of articles is saved with its events, quotes and actor counts in one
transaction of columnar (Arrow) inserts; when that fails, its articles are saved again one
transaction each, so each article is stored whole or not at all and a failure leaves what was
stored before untouched. Every event and quote keeps its full record (JSON) beside the flat columns
that queries filter on, so exports and the API return exactly what extraction produced.

``save_grouping`` stores what grouping found (newly grouped articles, the stories they changed
with their event clusters and quote variants, the new articles' hedges), ``save_stories`` a
reconciliation computed elsewhere; both replace the rows of the same articles and stories, in
one transaction.

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
from typing import Any, Literal, Self, cast

import duckdb

from flashpoint import __version__
from flashpoint.errors import StoreError
from flashpoint.ingest.article import Article
from flashpoint.records import EventRecord, Extraction, QuoteRecord
from flashpoint.settings import DEFAULT_DB, DEFAULT_WAIT
from flashpoint.store import alerts as alert_table
from flashpoint.store.access import WriterLock, connect
from flashpoint.store.reading import counts, parsed, writes
from flashpoint.store.rows import (
    Grouped,
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
#: Columns the store derives from the written ones (see ``schema._V5`` and ``_V7``): the
#: event's day and sort key, and whether it counts (no new event is merged yet), from the
#: store's own macros.
_DERIVED = {"events": ", coalesce(event_date::DATE, published::DATE) AS event_day, "
                      "event_key_of(coalesce(event_date::DATE, published::DATE), nextval('event_seq')) AS event_key, "
                      "is_counted(negated, hypothetical, false) AS counted"}
#: The clusters the events of ``?`` are in, or head: what their flags are computed from
#: (``_cluster_flags``).
_CLUSTER_ROWS = ("SELECT event_id, cluster_id, coalesce(outlet, doc_id) FROM event_mentions "
                 "WHERE event_id IN (SELECT unnest(?::VARCHAR[])) OR cluster_id IN (SELECT unnest(?::VARCHAR[]))")
#: The order records come back in; ties (events of one sentence) in the order they were
#: stored (``rowid``), which is the order extraction gave them: DuckDB's sort is not stable.
_EVENT_ORDER = "ORDER BY published NULLS LAST, doc_id, sentence_start, rowid"
_QUOTE_ORDER = "ORDER BY doc_id, start_char, rowid"
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
    con.complete()  # a result the caller left unread: DuckDB registers no table until it is done
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


def _stored_hashes(con: duckdb.DuckDBPyConnection, content_hashes: Sequence[str]) -> set[str]:
    """Which of ``content_hashes`` are stored articles."""
    rows = con.execute("SELECT content_hash FROM articles WHERE content_hash IN (SELECT unnest(?))",
                       [list(content_hashes)]).fetchall()
    return {digest for (digest,) in rows}


def _replace_stories(con: duckdb.DuckDBPyConnection, stories: Mapping[str, Sequence[str]],
                     mentions: Sequence[Sequence[Any]], variants: Sequence[Sequence[Any]]) -> None:
    """Drop the rows of these stories and of their articles' earlier stories, then store these."""
    doc_ids = [d for ids in stories.values() for d in ids]
    clusters = list({m[0] for m in mentions})
    # the events whose cluster membership or cluster may change: those the rows deleted below
    # name, and those the new rows name (any other event keeps its flags: it is in no row either way)
    touched = [event for row in con.execute(
        "SELECT event_id, cluster_id FROM event_mentions WHERE list_contains(?, doc_id) OR list_contains(?, cluster_id)",
        [doc_ids, clusters]).fetchall() for event in row] + [event for m in mentions for event in m[:2]]
    con.execute("DELETE FROM stories WHERE list_contains(?, doc_id) OR list_contains(?, story_id)",
                [doc_ids, list(stories)])
    con.execute("DELETE FROM event_mentions WHERE list_contains(?, doc_id) OR list_contains(?, cluster_id)",
                [doc_ids, clusters])
    con.execute("DELETE FROM quote_variants WHERE list_contains(?, story_id) OR group_id IN "
                "(SELECT group_id FROM quote_variants WHERE list_contains(?, doc_id))",
                [list(stories), doc_ids])
    _insert(con, "stories", story_rows(stories))
    _insert(con, "event_mentions", named(Mention._fields, mentions))
    ids, merged, reports = _cluster_flags(con, touched)
    con.execute("UPDATE events SET merged = f.merged, counted = is_counted(negated, hypothetical, f.merged), "
                "reports = f.reports FROM (SELECT unnest(?::VARCHAR[]) AS event_id, unnest(?::BOOLEAN[]) AS merged, "
                "unnest(?::INTEGER[]) AS reports) f WHERE events.event_id = f.event_id", [ids, merged, reports])
    _insert(con, "quote_variants", named(QuoteVariant._fields, variants))
    con.execute("INSERT INTO dyad_changes SELECT nextval('dyad_change_seq'), source_country, target_country "
                "FROM (SELECT DISTINCT source_country, target_country FROM events WHERE list_contains(?, doc_id) "
                "AND source_country IS NOT NULL AND target_country IS NOT NULL)", [doc_ids])


def _cluster_flags(con: duckdb.DuckDBPyConnection, events: Sequence[str]) -> tuple[list[str], list[bool], list[int]]:
    """For each of ``events``: whether it is a later report of a cluster (``schema._V6``), and how
    many outlets report the cluster it heads (``schema._V8``: ``reports``; 1 when it heads none).

    Counted here from the few rows of these clusters: the same as one SQL join, but DuckDB's
    hash aggregates for that join needed more than the writer's 64 MB memory cap (a
    1,000-article ingest failed storing its stories).
    """
    ids = list(dict.fromkeys(events))
    later: set[str] = set()
    outlets: dict[str, set[str]] = {}
    for event_id, cluster_id, outlet in con.execute(_CLUSTER_ROWS, [ids, ids]).fetchall():
        if event_id != cluster_id:
            later.add(event_id)
        outlets.setdefault(cluster_id, set()).add(outlet)
    return ids, [i in later for i in ids], [max(1, len(outlets.get(i, ()))) for i in ids]


def _replace_hedges(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str], hedges: Sequence[Sequence[Any]]) -> None:
    con.execute("DELETE FROM hedges WHERE list_contains(?, doc_id)", [list(doc_ids)])
    _insert(con, "hedges", named(HedgeRow._fields, hedges))


#: How a Store holds its file (see ``access``):
#: "write"  for writing from the start, until closed (one process at a time);
#: "read"   read-only, beside other readers (the store must be at the current schema);
#: "lazy"   read-only until the first write, then for writing until closed: a CLI run whose
#:          articles are all stored already never needs the writer's place;
#: "shared" read-only, and for writing only during each write: the server, so that other
#:          processes can read (export, report, analyze) while it runs.
Access = Literal["write", "read", "lazy", "shared"]


class Store:
    """A flashpoint database. Use as a context manager, or call ``close()``.

    Opening it brings an older store to the current schema (see ``schema.py``); a store opened
    ``read_only`` (``access="read"``) must already be current. ``access`` and ``wait`` say how
    the file is shared with other processes (see ``Access`` and ``access.py``). One instance
    may be shared by threads: its methods take turns on the connection, and each thread reads
    through its own ``cursor()``.
    """

    def __init__(self, path: str | Path = DEFAULT_DB, read_only: bool = False, *, access: Access = "write",
                 wait: float = DEFAULT_WAIT) -> None:
        self.path = str(path)
        self.access: Access = "read" if read_only else access
        self.wait = wait
        self._lock = threading.RLock()
        self._turns = threading.Condition(self._lock)  # cursors in use, and connection switches
        self._cursors = 0
        self._switching = False
        self._memory_limit: str | None = None
        in_memory = self.path == ":memory:"
        self._writer = None if in_memory else WriterLock(self.path)
        self.writing = in_memory or self.access == "write" or (
            self.access in ("lazy", "shared") and not Path(self.path).exists())
        if self.writing and self._writer is not None:
            self._writer.acquire(self.wait)
        try:
            self.con = self._open()
        except BaseException:
            self._release_writer()
            raise
        try:
            self._upgrade()
        except BaseException:
            self.close()
            raise
        self._writes = writes(self.con)

    def _open(self) -> duckdb.DuckDBPyConnection:
        """A connection in the current mode (the writer lock is the caller's business), with
        the store's settings: they belong to a connection, and ``_switch`` opens new ones."""
        con = duckdb.connect(self.path) if self.path == ":memory:" else connect(
            self.path, read_only=not self.writing, wait=self.wait)
        con.execute("SET enable_progress_bar = false")  # DuckDB would draw it on stdout
        if self._memory_limit is not None:
            con.execute("SET memory_limit = ?", [self._memory_limit])
        return con

    def _release_writer(self) -> None:
        if self._writer is not None:
            self._writer.release()

    def _switch(self, writing: bool) -> None:
        """Reopen the file for writing or for reading only, once no cursor is in use.

        Going to writing, the writer lock is taken before the read-only connection is closed,
        so no other writer can take the file in between; if the file cannot be had (another
        process reads it for longer than ``wait``), the store goes back to reading and E024
        is raised. Going back to reading, the lock is let go once the file is open again.
        """
        with self._turns:
            self._switching = True
            try:
                if not self._turns.wait_for(lambda: self._cursors == 0, timeout=self.wait):
                    raise StoreError("E024", self.path, holder=f"{self._cursors} reader(s) in this process",
                                     waited=self.wait)
                if writing and self._writer is not None:
                    self._writer.acquire(self.wait)
                self.con.close()
                self.writing = writing
                try:
                    self.con = self._open()
                except StoreError:
                    self.writing = not writing
                    self.con = self._open()
                    if writing:
                        self._release_writer()
                    raise
                if not writing:
                    self._release_writer()
            finally:
                self._switching = False
                self._turns.notify_all()

    def _upgrade(self) -> None:
        found = stored_version(self.con)
        if found > SCHEMA_VERSION:
            raise StoreError("E022", self.path, found=found, supported=SCHEMA_VERSION)
        if found == SCHEMA_VERSION:
            return
        if self.access == "read":
            raise StoreError("E023", self.path, found=found, supported=SCHEMA_VERSION)
        with self._writable():
            try:
                migrate(self.con, __version__)
            except duckdb.Error as err:
                raise StoreError("E021", self.path, what=f"the upgrade to schema version {SCHEMA_VERSION}",
                                 reason=err) from err

    @contextmanager
    def _writable(self) -> Iterator[None]:
        """The connection open for writing inside (a "shared" store goes back to reading after)."""
        if self.access == "read":
            raise StoreError("E021", self.path, what="anything", reason="the store was opened read-only")
        with self._lock:
            if not self.writing:
                self._switch(writing=True)
            try:
                yield
            finally:
                if self.access == "shared" and self.writing:
                    self._switch(writing=False)

    def prepare_to_write(self) -> None:
        """Take the writer's place now, before costly work whose result will be written: a
        "lazy" store that cannot have it fails here (E024), not after the work."""
        if self.access == "lazy" and not self.writing:
            with self._lock:
                self._switch(writing=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            self.con.close()
            self._release_writer()

    def limit_memory(self, limit: str) -> None:
        """Cap DuckDB's memory (e.g. "192MB") for a long stream of writes: past the cap it
        evicts cached blocks (they are on disk) instead of growing with the store.

        The batches staged for DuckDB (``_insert``) then come from the system allocator, not
        Arrow's default pool (mimalloc), which keeps what it freed: storing the bench's 10,000
        extractions again (no NLP) peaked 20 MB lower, and ran 10% faster.
        """
        import pyarrow as pa

        pa.set_memory_pool(pa.system_memory_pool())
        with self._lock:
            self._memory_limit = limit
            self.con.execute("SET memory_limit = ?", [limit])

    def writes(self) -> int:
        """How many writes the stored data have had (``reading.writes``), known without a query.

        Every write to the file while this store has it open is this store's own: DuckDB lets
        no other process write to a file that one has open, even read-only, and each of this
        store's writes is a ``_transaction``, after which the count is read again (as it is
        once the store is open and at the current schema). The server asks for it on every
        request to tell whether what it keeps (``DailyCache``) is still current; a query for it
        cost as much under twenty clients as the page itself.
        """
        return self._writes

    @property
    def version(self) -> int:
        with self._lock:
            return stored_version(self.con)

    @contextmanager
    def cursor(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A cursor for the read queries; cursors are safe to use across threads, the connection not."""
        cursor = self.take_cursor()
        try:
            yield cursor
        finally:
            self.give_back(cursor)

    def take_cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor as ``cursor()`` gives it, to hand back with ``give_back``: waits while the
        store switches between reading and writing."""
        with self._turns:
            self._turns.wait_for(lambda: not self._switching)
            return self._counted_cursor()

    def cursor_now(self) -> duckdb.DuckDBPyConnection | None:
        """A cursor as ``take_cursor`` gives it, or None when that would wait (the store is
        switching, or another thread has it a moment): for an event loop, which must not wait."""
        if not self._turns.acquire(blocking=False):
            return None
        try:
            return None if self._switching else self._counted_cursor()
        finally:
            self._turns.release()

    def give_back(self, cursor: duckdb.DuckDBPyConnection) -> None:
        """Close a cursor of ``take_cursor`` or ``cursor_now``; a switch waits for every one.

        An event loop may call it on a store that switches ("shared", the server's): there the
        lock is held for long only to switch and to write, and both begin by waiting for every
        cursor to come back, so whoever gives one back waits a moment at most."""
        try:
            cursor.close()
        finally:  # counted back even if closing fails: a switch would otherwise wait for it in vain
            with self._turns:
                self._cursors -= 1
                self._turns.notify_all()

    def _counted_cursor(self) -> duckdb.DuckDBPyConnection:
        cursor = self.con.cursor()
        self._cursors += 1
        return cursor

    @contextmanager
    def _transaction(self, what: str) -> Iterator[duckdb.DuckDBPyConnection]:
        """Everything written inside is stored together or not at all (E021 on failure), and
        counted as one write (``reading.writes``)."""
        with self._lock, self._writable():
            self.con.execute("BEGIN TRANSACTION")
            try:
                yield self.con
                self.con.execute("UPDATE store_state SET writes = writes + 1")
                self.con.execute("COMMIT")
                self._writes = writes(self.con)
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
        stored before its transaction has committed. A batch of articles stored already
        needs no writer's place (a "lazy" or "shared" store stays read-only).
        """
        outcome: list[bool | StoreError] = [False] * len(extractions)
        first: dict[str, int] = {}  # content hash -> position of its first article in the batch
        for position, extraction in enumerate(extractions):
            first.setdefault(extraction.article.content_hash, position)
        with self._lock:
            known = _stored_hashes(self.con, list(first))
            fresh = [extractions[p] for digest, p in first.items() if digest not in known]
            if not fresh:
                return outcome
            try:
                written = self._write(fresh, f"{len(fresh)} articles")
            except StoreError as err:
                if len(fresh) == 1:
                    outcome[first[fresh[0].article.content_hash]] = err
                    return outcome
                written = set()
                for extraction in fresh:
                    try:
                        written |= self._write([extraction], f"article {extraction.article.doc_id}")
                    except StoreError as alone:
                        outcome[first[extraction.article.content_hash]] = alone
        for digest in written:
            outcome[first[digest]] = True
        return outcome

    def save_article(self, article: Article, events: Sequence[EventRecord],
                     quotes: Sequence[QuoteRecord]) -> bool:
        """Store one article with its events and quotes at once; False if it was already stored."""
        (stored,) = self.save_articles([Extraction(article, list(events), list(quotes))])
        if isinstance(stored, StoreError):
            raise stored
        return stored

    def _write(self, extractions: Sequence[Extraction], what: str) -> set[str]:
        """Insert the rows of ``extractions`` in one transaction; the content hashes written.

        Which articles are stored already is read again inside the transaction: another
        process may have stored one since the caller looked, and it is left alone, not a
        conflict. Actor counts are summed over the batch first, as one statement may update
        an actor only once.
        """
        now = datetime.now(UTC).replace(tzinfo=None)
        with self._transaction(what) as con:
            known = _stored_hashes(con, [x.article.content_hash for x in extractions])
            todo = [x for x in extractions if x.article.content_hash not in known]
            rows = {"articles": [article_row(x.article, now) for x in todo],
                    "events": [event_row(e, x.article.content_hash) for x in todo for e in x.events],
                    "quotes": [quote_row(q, x.article.content_hash) for x in todo for q in x.quotes],
                    "actors": actor_rows([e for x in todo for e in x.events], [q for x in todo for q in x.quotes])}
            for table, table_rows in rows.items():
                _insert(con, table, table_rows)
        return {x.article.content_hash for x in todo}

    def save_stories(self, stories: Mapping[str, Sequence[str]], mentions: Sequence[Sequence[Any]],
                     variants: Sequence[Sequence[Any]] = (), hedges: Sequence[Sequence[Any]] = ()) -> None:
        """Replace the reconciliation rows of these articles (``flashpoint compare``), at once.

        ``stories`` maps story_id to doc_ids; ``mentions``, ``variants`` and ``hedges`` are
        ``Mention``, ``QuoteVariant`` and ``HedgeRow`` rows. Rows of the same articles,
        stories, clusters or quote groups from an earlier comparison are dropped first, so
        comparing again, or with more articles, never counts anything twice; other stories'
        rows are kept.
        """
        with self._transaction("stories") as con:
            _replace_stories(con, stories, mentions, variants)
            _replace_hedges(con, [d for ids in stories.values() for d in ids], hedges)

    def save_grouping(self, grouped: Sequence[Grouped], stories: Mapping[str, Sequence[str]],
                      mentions: Sequence[Sequence[Any]], variants: Sequence[Sequence[Any]],
                      hedges: Sequence[Sequence[Any]], grouped_before: int) -> bool:
        """Store newly grouped articles with the stories they joined or opened, at once.

        ``grouped`` are the articles (``Grouped`` rows: what later articles are compared
        with); ``stories`` every story they changed, with all its doc_ids, and ``mentions``
        and ``variants`` those stories' clusters and quote variants, which replace the rows
        of the stories' articles as ``save_stories`` does; ``hedges`` the new articles' hedges.

        Grouping read the store when it held ``grouped_before`` grouped articles; if another
        grouping (another thread or process) has written since, what was read is stale: nothing
        is written and the answer is False, so the caller reads again.
        """
        index: list[Row] = [{"content_hash": g.content_hash, "doc_id": g.doc_id, "published": g.published,
                             "terms": list(g.vector), "weights": list(g.vector.values()),
                             "countries": list(g.countries), "keys": list(g.keys)} for g in grouped]
        with self._transaction("stories") as con:
            row = con.execute("SELECT count(*) FROM story_index").fetchone()
            if not row or row[0] != grouped_before:
                return False
            _insert(con, "story_index", index)
            _replace_stories(con, stories, mentions, variants)
            _replace_hedges(con, [g.doc_id for g in grouped], hedges)
        return True

    def clear_grouping(self) -> None:
        """Forget every story (and what grouping kept), so the store can be grouped from scratch."""
        with self._transaction("stories") as con:
            for table in ("story_index", "stories", "event_mentions", "quote_variants", "hedges"):
                con.execute(f"DELETE FROM {table}")
            con.execute("UPDATE events SET merged = false, counted = is_counted(negated, hypothetical, false), "
                        "reports = 1 WHERE merged OR reports <> 1")
            con.execute("INSERT INTO dyad_changes VALUES (nextval('dyad_change_seq'), NULL, NULL)")

    def save_alerts(self, rows: Sequence[Sequence[Any]], version: alert_table.DataVersion,
                    dyads: Sequence[tuple[str, str]] | None = None) -> None:
        """Replace the stored alerts of ``dyads`` (all when None), current for ``version``."""
        with self._transaction("alerts") as con:
            alert_table.write(con, rows, version, dyads)

    # --- what was stored --------------------------------------------------------------------

    def has_article(self, content_hash: str) -> bool:
        with self._lock:
            return bool(_stored_hashes(self.con, [content_hash]))

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
                yield from (parsed(record) for (record,) in rows)

    def counts(self) -> dict[str, int]:
        """Rows per table, for summaries and tests."""
        with self._lock:
            return counts(self.con)
