"""Article read queries: one article as stored, with every event and quote it holds."""
from __future__ import annotations

import duckdb

from flashpoint.store.reading import OUTLET, Json, iso, records


def article(con: duckdb.DuckDBPyConnection, doc_id: str) -> Json | None:
    """The article ``doc_id`` (the first stored, when two texts share a doc_id) with its text,
    events and quotes in reading order, and the stories it belongs to."""
    row = con.execute(f"""
        SELECT a.content_hash, a.doc_id, a.title, a.url, {OUTLET} AS outlet, a.published, a.text
        FROM articles a WHERE a.doc_id = ? ORDER BY a.ingested_at, a.content_hash LIMIT 1""", [doc_id]).fetchone()
    if row is None:
        return None
    digest, doc_id, title, url, outlet, published, text = row
    events = records(con.execute("SELECT record FROM events WHERE content_hash = ? "
                                 "ORDER BY sentence_start, event_id", [digest]).fetchall())
    quotes = records(con.execute("SELECT record FROM quotes WHERE content_hash = ? ORDER BY start_char",
                                 [digest]).fetchall())
    stories = [story for (story,) in con.execute(
        "SELECT DISTINCT story_id FROM stories WHERE doc_id = ? ORDER BY 1", [doc_id]).fetchall()]
    return {"doc_id": doc_id, "title": title, "url": url, "outlet": outlet, "published": iso(published),
            "text": text, "events": events, "quotes": quotes, "stories": stories}
