"""The store's schema: every version's tables, and the forward migrations between them.

A store records its schema version in ``schema_version``. Opening a store brings it to
``SCHEMA_VERSION`` by applying, in order and in one transaction, the steps it lacks: a new
store gets every step from the first, an older one only the later ones, so a fresh store
and an upgraded one are built by the same statements and cannot differ. A crash mid-upgrade
leaves the store as it was. Stores written before the version table existed (the first
release) have no ``schema_version`` table and count as version 1.

A change to the tables is a new step appended to ``MIGRATIONS``; the steps already released
are never edited, since stores out there were built by them.

Tables (see ``database.py`` for how they are written):

``articles``, ``events``, ``quotes``, ``actors``
    what ``ingest`` stores: one row per article (keyed by the hash of its normalised text),
    event, quote and resolved actor (mention counts). Events and quotes keep their full
    record (JSON) beside the flat columns queries filter on.
``stories``, ``event_mentions``, ``quote_variants``, ``hedges``
    what grouping stores (every ingest, ``service.group_new``): articles grouped into
    stories, event clusters across outlets, the same quote as each outlet prints it (``only_words``: the words only this variant's
    article has, a VARCHAR list so ``list_contains(only_words, 'coward')`` finds them), and
    hedges (a property of an article, keyed by doc_id; one row per qualified record,
    ``qualifies`` NULL when it qualifies nothing that was extracted).
``story_index``, ``dyad_changes``
    what grouping needs of the articles already in stories (``grouping.py``): every ingest
    attaches its new articles to stories through them and rewrites the rows above for the
    stories it touched, logging their dyads (the dyads' cache refreshes those alone).
``feed_seen``, ``feed_validators``
    the feed reader's memory (``feeds.py``): URLs ingested, validators per feed.
``alerts``, ``alerts_state``
    the escalation alerts of every dyad, per day and per week, computed when events are
    stored (``service.refresh_alerts``) so that no page recomputes them; ``alerts_state``
    holds the version of the data they were computed from (``store/alerts.py``).
``event_terms_00`` ... ``event_terms_31``
    the word index of the events' sentences: (hash of a lower-cased word, event_key), split
    by term, for ``/api/events?q=`` (see ``_V5``).
``store_state``
    one row: how many write transactions the store has had (see ``_V8``).
"""
from __future__ import annotations

from datetime import UTC, datetime

import duckdb

#: The first release's tables, as it created them.
_V1 = """
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
"""

#: The version table, and the cross-outlet tables of ``compare`` (which some unversioned
#: stores already have, hence IF NOT EXISTS).
_V2 = """
CREATE TABLE IF NOT EXISTS schema_version (
    version INTEGER PRIMARY KEY, applied_at TIMESTAMP NOT NULL, release VARCHAR NOT NULL
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

#: Stories built as articles arrive, and what a monitor remembers between polls.
#: ``story_index``: each article already grouped into a story, with what grouping compares (its
#: word vector as terms and weights, and the countries of its records) and its blocking keys,
#: so the articles a new one may join are found by date and key, without comparing all pairs.
#: ``dyad_changes``: the dyads each grouping touched, in order (a NULL source: all of them), so
#: the dyads' cached aggregate is refreshed for those dyads alone. ``feed_seen``: article URLs
#: ingested by ``watch`` (never fetched again); ``feed_validators``: each feed's ETag /
#: Last-Modified for the next conditional request.
_V3 = """
CREATE TABLE story_index (
    content_hash VARCHAR PRIMARY KEY, doc_id VARCHAR NOT NULL, published DATE,
    terms VARCHAR[] NOT NULL, weights DOUBLE[] NOT NULL, countries VARCHAR[] NOT NULL, keys VARCHAR[] NOT NULL
);
CREATE SEQUENCE dyad_change_seq;
CREATE TABLE dyad_changes (seq BIGINT NOT NULL, source VARCHAR, target VARCHAR);
CREATE TABLE feed_seen (url VARCHAR PRIMARY KEY, seen_at TIMESTAMP NOT NULL);
CREATE TABLE feed_validators (url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR);
"""

#: The stored alerts (see ``store/alerts.py``): computed at ingest, read by the overview and
#: /api/alerts; ``alerts_state`` has one row, the data version (events, cluster checksum)
#: they are current for. A store upgraded to this step has none until its next refresh.
_V4 = """
CREATE TABLE IF NOT EXISTS alerts (
    freq VARCHAR NOT NULL, source VARCHAR NOT NULL, target VARCHAR NOT NULL, period DATE NOT NULL,
    rule VARCHAR NOT NULL, value DOUBLE, baseline DOUBLE, threshold DOUBLE, strength DOUBLE,
    severity VARCHAR NOT NULL, message VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS alerts_state (events BIGINT, clusters HUGEINT);
"""


#: The word index is split by term into this many tables, so that finding a word's events
#: reads 1/32 of the index: a table appended to as articles arrive is in no order DuckDB
#: could skip by, and one table of every word would be read whole for each word looked up.
TERM_BUCKETS = 32


def terms_table(term: int) -> str:
    """The word-index table that holds ``term`` (see ``TERM_BUCKETS``)."""
    return f"event_terms_{term % TERM_BUCKETS:02d}"


#: What the queries of a large store need (see ``events.py``): each event's day stored
#: (``event_day``, its own date else its article's) and one BIGINT sort key ``event_key``
#: (the day, then the order of storing: newest first is ``ORDER BY event_key DESC``, which
#: DuckDB answers with a top-N that skips row groups, where a two-column order sorts every
#: match), and ``event_terms_NN``, a word index of the evidence sentences (DuckDB's fts
#: extension is not in the wheel and would be downloaded at run time). The macros are kept in
#: the store so the writer, this upgrade and the queries cut words and build keys the same way.
_V5 = r"""
CREATE SEQUENCE IF NOT EXISTS event_seq;
CREATE MACRO event_key_of(day, seq) AS
    CASE WHEN day IS NULL THEN seq
         ELSE (date_diff('day', DATE '1970-01-01', day) + 1000000) * 4294967296 + seq END;
CREATE MACRO words_of(sentence) AS list_distinct(list_filter(
    regexp_split_to_array(lower(sentence), '[^\p{L}\p{N}]+'),
    lambda w: length(w) > 1 AND NOT list_contains(
        ['the', 'of', 'and', 'to', 'in', 'on', 'at', 'by', 'for', 'an', 'is', 'was', 'it', 'its', 'as',
         'that', 'with', 'from', 'be', 'has', 'had', 'have', 'are', 'were', 'this', 'or'], w)));
CREATE MACRO word_hashes(sentence) AS list_transform(words_of(sentence), lambda w: md5_number_lower(w));
ALTER TABLE events ADD COLUMN event_day DATE;
ALTER TABLE events ADD COLUMN event_key BIGINT;
UPDATE events SET event_day = coalesce(event_date, published),
                  event_key = event_key_of(coalesce(event_date, published), nextval('event_seq'));
CREATE TEMP TABLE new_terms AS SELECT unnest(word_hashes(sentence)) AS term, event_key FROM events;
""" + "".join(f"""
CREATE TABLE event_terms_{b:02d} (term UBIGINT NOT NULL, event_key BIGINT NOT NULL);
INSERT INTO event_terms_{b:02d} SELECT term, event_key FROM new_terms WHERE term % {TERM_BUCKETS} = {b};"""
              for b in range(TERM_BUCKETS)) + """
DROP TABLE new_terms;
"""

#: ``merged``: an event that is a later report of a real-world event another report stands for
#: (a member, not the lead, of its ``event_mentions`` cluster), kept on the row by grouping so
#: that "the events that count" is a column test: the same test as an anti-join on
#: ``event_mentions`` stops DuckDB from answering a page as a top-N on ``event_key`` (16 ms
#: against 3 ms a page on a million events).
_V6 = """
ALTER TABLE events ADD COLUMN merged BOOLEAN DEFAULT false;
UPDATE events SET merged = event_id IN (SELECT event_id FROM event_mentions WHERE event_id <> cluster_id);
"""

#: ``counted``: whether an event is one that counts (``filters.COUNTED``: neither negated nor
#: hypothetical nor merged), kept on the row by the writer and by grouping (``is_counted``), so
#: that the test every events page and total makes is one boolean column: testing the three
#: flags reads three columns of every row (a dyad's total on a million events: 6.2 -> 4.1 ms).
_V7 = """
CREATE MACRO is_counted(negated, hypothetical, merged) AS
    NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false) AND NOT coalesce(merged, false);
ALTER TABLE events ADD COLUMN counted BOOLEAN;
UPDATE events SET counted = is_counted(negated, hypothetical, merged);
"""

#: ``reports``: how many outlets report the real-world event an event stands for (the distinct
#: outlets of the ``event_mentions`` cluster it leads, else 1), kept on
#: the row by grouping, so that a page of events reads it with its records, where looking up
#: the clusters of a page's events cost a second query of every page. ``store_state.writes``:
#: counted up by every write (``Store._transaction``), so that what a server keeps between
#: requests is checked against one row (``reading.writes``), where counting the events and
#: the grouping logs cost three reads and missed a grouping that logs no dyad.
_V8 = """
ALTER TABLE events ADD COLUMN reports INTEGER DEFAULT 1;
UPDATE events SET reports = c.outlets
FROM (SELECT cluster_id, count(DISTINCT coalesce(outlet, doc_id)) AS outlets FROM event_mentions GROUP BY 1) c
WHERE events.event_id = c.cluster_id;
CREATE TABLE store_state (writes BIGINT NOT NULL);
INSERT INTO store_state VALUES (0);
"""

#: Step n brings a store of version n - 1 to version n.
MIGRATIONS: tuple[str, ...] = (_V1, _V2, _V3, _V4, _V5, _V6, _V7, _V8)
SCHEMA_VERSION = len(MIGRATIONS)


def _has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    row = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?", [name]).fetchone()
    return bool(row and row[0])


def stored_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of the store: 0 when empty, 1 when written before versions were kept."""
    if _has_table(con, "schema_version"):
        row = con.execute("SELECT max(version) FROM schema_version").fetchone()
        return int(row[0]) if row and row[0] is not None else 0
    return 1 if _has_table(con, "articles") else 0


def migrate(con: duckdb.DuckDBPyConnection, release: str) -> list[int]:
    """Bring the store to ``SCHEMA_VERSION`` in one transaction; the versions applied.

    The caller has checked that the store is not newer than this release.
    """
    start = stored_version(con)
    pending = list(range(start + 1, SCHEMA_VERSION + 1))
    if not pending:
        return []
    con.execute("BEGIN TRANSACTION")
    try:
        for version in pending:
            con.execute(MIGRATIONS[version - 1])
        now = datetime.now(UTC).replace(tzinfo=None)
        con.executemany("INSERT INTO schema_version (version, applied_at, release) VALUES (?, ?, ?)",
                        [[version, now, release] for version in pending])
        con.execute("COMMIT")
    except duckdb.Error:
        con.execute("ROLLBACK")
        raise
    return pending
