"""A million synthetic events in seconds: the events and articles tables filled inside DuckDB.

One INSERT ... SELECT by column name generates the rows (8 countries, all 20 CAMEO roots,
``days`` days, 20 events an article), so the benchmarks measure queries, not loading. Each
event's record is complete (actors, article, sentence and trigger, date, modality), and each
article holds the text its events' offsets point into, so that every page renders on it.
"""
from __future__ import annotations

from datetime import date

import duckdb

COUNTRIES = ("USA", "COL", "VEN", "MEX", "CUB", "BRA", "CHN", "RUS")
EVENTS_PER_ARTICLE = 20


def bulk_events(con: duckdb.DuckDBPyConnection, n: int, seed: float = 0.42,
                days: int = 730, first_day: date = date(2024, 1, 1)) -> None:
    """Insert ``n`` random events, and their articles, in two statements."""
    codes = ", ".join(f"'{c:02d}'" for c in range(1, 21))
    countries = ", ".join(f"'{c}'" for c in COUNTRIES)
    con.execute("SELECT setseed(?)", [seed])
    con.execute(f"""
        INSERT INTO events BY NAME
        WITH raw AS (
            SELECT i, [{countries}][1 + (random() * 8)::INT % 8] AS src,
                   [{countries}][1 + (random() * 8)::INT % 8] AS tgt,
                   [{codes}][1 + (random() * 20)::INT % 20] AS root,
                   DATE '{first_day.isoformat()}' + (random() * {days})::INT % {days} AS day
            FROM range(?) t(i)),
        scored AS (
            SELECT *, 'bench-' || (i // {EVENTS_PER_ARTICLE}) AS doc,
                   CASE WHEN root::INT >= 14 THEN -7.0 WHEN root::INT >= 10 THEN -3.0 ELSE 3.0 END AS goldstein,
                   CASE WHEN root::INT <= 5 THEN 1 WHEN root::INT <= 9 THEN 2
                        WHEN root::INT <= 14 THEN 3 ELSE 4 END AS quad,
                   (i % {EVENTS_PER_ARTICLE}) * 40 AS pos
            FROM raw)
        SELECT 'B' || i AS event_id, 'bench' || (i // {EVENTS_PER_ARTICLE}) AS content_hash, doc AS doc_id,
               'Outlet ' || (i % 7) AS outlet, day AS published, day AS event_date, 'day' AS date_precision,
               src AS source_name, src AS source_country, src || 'GOV' AS source_code,
               tgt AS target_name, tgt AS target_country, tgt || 'GOV' AS target_code,
               root || '0' AS cameo, root AS cameo_root, 'synthetic' AS cameo_name, goldstein, quad AS quad_class,
               'SYNTHETIC' AS plover_type, NULL AS plover_mode,
               false AS negated, false AS hypothetical, false AS future,
               'Synthetic sentence ' || lpad((i % {EVENTS_PER_ARTICLE})::VARCHAR, 2, '0') || ' of the day.' AS sentence,
               pos AS sentence_start, pos + 32 AS sentence_end, NULL AS quote_id, 0.5 AS confidence,
               json_object('event_id', 'B' || i, 'doc_id', doc,
                   'article', json_object('title', 'Article ' || doc, 'url', NULL, 'outlet', 'Outlet ' || (i % 7),
                                          'published', day::VARCHAR),
                   'sentence', json_object('start', pos, 'end', pos + 32, 'text',
                       'Synthetic sentence ' || lpad((i % {EVENTS_PER_ARTICLE})::VARCHAR, 2, '0') || ' of the day.'),
                   'trigger', json_object('start', pos, 'end', pos + 9, 'text', 'Synthetic'),
                   'source', json_object('name', src, 'text', src, 'start', pos, 'end', pos + 3, 'country', src,
                                         'code', src || 'GOV', 'sector', 'GOV'),
                   'target', json_object('name', tgt, 'text', tgt, 'start', pos, 'end', pos + 3, 'country', tgt,
                                         'code', tgt || 'GOV', 'sector', 'GOV'),
                   'cameo', root || '0', 'cameo_root', root, 'cameo_name', 'synthetic', 'goldstein', goldstein,
                   'quad_class', quad, 'plover', json_object('event_type', 'SYNTHETIC', 'mode', NULL),
                   'date', json_object('value', day::VARCHAR, 'precision', 'day', 'text', NULL), 'location', NULL,
                   'modality', json_object('negated', false, 'hypothetical', false, 'future', false,
                                           'reported_by', NULL),
                   'quote_id', NULL, 'confidence', 0.5) AS record
        FROM scored""", [n])
    con.execute("""
        INSERT INTO articles BY NAME
        SELECT content_hash, doc_id, 'Article ' || doc_id AS title, NULL AS url, min(outlet) AS outlet,
               min(published) AS published, NULL AS source_path,
               string_agg(rpad(sentence, 39, ' ') || ' ', '' ORDER BY sentence_start) AS text, '{}' AS metadata,
               now()::TIMESTAMP AS ingested_at
        FROM events WHERE content_hash LIKE 'bench%' GROUP BY content_hash, doc_id""")
