"""A million synthetic events in seconds: the events table filled inside DuckDB.

One INSERT ... SELECT by column name generates the rows (8 countries, all 20 CAMEO roots,
``days`` days), so the API benchmark measures queries, not loading. The records are stubs
(``{"event_id", "synthetic"}``): the benchmark reads the flat columns and pages of ids.
"""
from __future__ import annotations

from datetime import date

import duckdb

COUNTRIES = ("USA", "COL", "VEN", "MEX", "CUB", "BRA", "CHN", "RUS")


def bulk_events(con: duckdb.DuckDBPyConnection, n: int, seed: float = 0.42,
                days: int = 730, first_day: date = date(2024, 1, 1)) -> None:
    """Insert ``n`` random events in one statement."""
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
            FROM range(?) t(i))
        SELECT 'B' || i AS event_id, 'bench' AS content_hash, 'bench-' || (i // 20) AS doc_id,
               'Outlet ' || (i % 7) AS outlet, day AS published, day AS event_date, 'day' AS date_precision,
               src AS source_name, src AS source_country, src || 'GOV' AS source_code,
               tgt AS target_name, tgt AS target_country, tgt || 'GOV' AS target_code,
               root || '0' AS cameo, root AS cameo_root, 'synthetic' AS cameo_name,
               CASE WHEN root::INT >= 14 THEN -7.0 WHEN root::INT >= 10 THEN -3.0 ELSE 3.0 END AS goldstein,
               CASE WHEN root::INT <= 5 THEN 1 WHEN root::INT <= 9 THEN 2
                    WHEN root::INT <= 14 THEN 3 ELSE 4 END AS quad_class,
               'SYNTHETIC' AS plover_type, NULL AS plover_mode,
               false AS negated, false AS hypothetical, false AS future,
               'Synthetic sentence number ' || i || '.' AS sentence, 0 AS sentence_start, 30 AS sentence_end,
               NULL AS quote_id, 0.5 AS confidence,
               json_object('event_id', 'B' || i, 'synthetic', true) AS record
        FROM raw""", [n])
