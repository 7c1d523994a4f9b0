"""Actor read queries: who an actor is, whom they act on, and what they said."""
from __future__ import annotations

import duckdb

from flashpoint.store.filters import COUNTED
from flashpoint.store.reading import OUTLET, Json, dicts, iso, parsed


def actor(con: duckdb.DuckDBPyConnection, name: str, limit: int = 15) -> Json | None:
    """The actor named ``name`` (as events and quotes name it): its codes, its partners in
    counted events (either direction) and its latest quotes; None when nothing names it."""
    known = dicts(con.execute("SELECT country, code, sector, sum(mentions) AS mentions FROM actors "
                              "WHERE name = ? GROUP BY ALL ORDER BY mentions DESC", [name]))
    partners = dicts(con.execute(f"""
        SELECT CASE WHEN source_name = ? THEN target_name ELSE source_name END AS partner,
               count(*) FILTER (WHERE source_name = ?) AS acts_on, count(*) FILTER (WHERE target_name = ?) AS acted_on_by,
               round(avg(goldstein), 2) AS goldstein_mean
        FROM events WHERE (source_name = ? OR target_name = ?) AND {COUNTED}
        GROUP BY 1 ORDER BY count(*) DESC, 1 NULLS LAST LIMIT ?""", [name] * 5 + [limit]))
    quotes = con.execute(f"""
        SELECT q.record, a.doc_id, a.title, {OUTLET} AS outlet, a.published
        FROM quotes q JOIN articles a ON a.content_hash = q.content_hash WHERE q.speaker_name = ?
        ORDER BY a.published DESC NULLS LAST, q.doc_id, q.start_char LIMIT ?""", [name, limit]).fetchall()
    if not known and not partners and not quotes:
        return None
    return {"name": name, "identities": known, "partners": partners,
            "quotes": [{**parsed(record), "article": {"doc_id": doc_id, "title": title, "outlet": outlet,
                                                          "published": iso(published)}}
                       for record, doc_id, title, outlet, published in quotes]}
