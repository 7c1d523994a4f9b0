"""Quote read queries: a filtered page of quotes, and the quotes around a dyad."""
from __future__ import annotations

import json

import duckdb

from flashpoint.store.filters import country_code
from flashpoint.store.reading import Json, iso, records


def quotes(con: duckdb.DuckDBPyConnection, speaker: str | None = None, country: str | None = None,
           doc_id: str | None = None, text: str | None = None, limit: int = 50, offset: int = 0) -> Json:
    """One page of quotes with their article, filtered by speaker, country, article or words."""
    clauses: list[str] = []
    params: list[object] = []
    for value, clause in ((speaker and f"%{speaker}%", "q.speaker_name ILIKE ?"),
                          (country and country_code(country), "q.speaker_country = ?"),
                          (doc_id, "q.doc_id = ?"), (text and f"%{text}%", "q.text ILIKE ?")):
        if value:
            clauses.append(clause)
            params.append(value)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    counted = con.execute(f"SELECT count(*) FROM quotes q {where}", params).fetchone()
    rows = con.execute(f"""
        SELECT q.record, a.title, a.outlet, a.published FROM quotes q
        LEFT JOIN articles a ON a.content_hash = q.content_hash {where}
        ORDER BY a.published DESC NULLS LAST, q.doc_id, q.start_char LIMIT ? OFFSET ?""",
                       [*params, limit, offset]).fetchall()
    found = [{**json.loads(record), "article": {"title": title, "outlet": outlet, "published": iso(published)}}
             for record, title, outlet, published in rows]
    return {"quotes": found, "total": counted[0] if counted else 0, "limit": limit, "offset": offset}


def dyad_quotes(con: duckdb.DuckDBPyConnection, source: str, target: str, limit: int = 50) -> list[Json]:
    """Quotes by either side's speakers in articles that report events of the dyad."""
    rows = con.execute("""
        SELECT record FROM quotes WHERE speaker_country IN (?, ?) AND doc_id IN (
            SELECT doc_id FROM events WHERE source_country = ? AND target_country = ?)
        ORDER BY doc_id DESC, start_char LIMIT ?""", [source, target, source, target, limit]).fetchall()
    return records(rows)
