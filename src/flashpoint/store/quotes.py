"""Quote read queries: a filtered page of quotes, and the quotes around a dyad."""
from __future__ import annotations

import duckdb

from flashpoint.store.filters import country_code
from flashpoint.store.reading import OUTLET, Json, Keep, capped_count, iso, keep_or_compute, parsed, told_by_page


def quotes(con: duckdb.DuckDBPyConnection, speaker: str | None = None, country: str | None = None,
           doc_id: str | None = None, text: str | None = None, limit: int = 50, offset: int = 0,
           keep: Keep | None = None) -> Json:
    """One page of quotes with their article, filtered by speaker, country, article or words.

    The total is exact up to ``reading.COUNT_CAP`` (see ``capped_count``); as for events
    (``events.events``), a page shorter than ``limit`` tells it without a count, and with
    ``keep`` a filter's total is counted once while the data are unchanged (a count of the
    quotes whose text has a word scans every quote's text)."""
    clauses: list[str] = []
    params: list[object] = []
    for value, clause in ((speaker and f"%{speaker}%", "q.speaker_name ILIKE ?"),
                          (country and country_code(country), "q.speaker_country = ?"),
                          (doc_id, "q.doc_id = ?"), (text and f"%{text}%", "q.text ILIKE ?")):
        if value:
            clauses.append(clause)
            params.append(value)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    # the page's rows are chosen without their wide record column, which is then read for
    # those rows only (sorting every quote with its record took 80 ms on 200,000 quotes, 11 ms so)
    order = "ORDER BY a.published DESC NULLS LAST, q.doc_id, q.start_char"
    rows = con.execute(f"""
        SELECT q.record, a.title, {OUTLET} AS outlet, a.published FROM quotes q
        LEFT JOIN articles a ON a.content_hash = q.content_hash
        WHERE q.rowid IN (SELECT q.rowid FROM quotes q LEFT JOIN articles a ON a.content_hash = q.content_hash
                          {where} {order} LIMIT ? OFFSET ?) {order}""",
                       [*params, limit, offset]).fetchall()
    found = [{**parsed(record), "article": {"title": title, "outlet": outlet, "published": iso(published)}}
             for record, title, outlet, published in rows]

    def count() -> tuple[int, bool]:
        return capped_count(con, "quotes q", where, params)

    told = told_by_page(len(rows), limit, offset)
    if told is None:
        told = keep_or_compute(keep, ("quotes total", where, tuple(params)), count)
    total, exact = told
    return {"quotes": found, "total": total, "total_exact": exact, "limit": limit, "offset": offset}


def dyad_quotes(con: duckdb.DuckDBPyConnection, source: str, target: str, limit: int = 500) -> list[Json]:
    """Candidate quotes for a dyad's page, newest first, with their article: quotes by a
    speaker of either side in the articles that report the dyad's events, and the quotes its
    events were coded from (``coded``). Which of them are about the other side is the
    caller's choice (``dashboard.views.dyad``)."""
    rows = con.execute(f"""
        WITH dyad AS (SELECT DISTINCT doc_id, quote_id FROM events WHERE source_country = ? AND target_country = ?)
        SELECT q.record, q.quote_id IN (SELECT quote_id FROM dyad WHERE quote_id IS NOT NULL) AS coded,
               a.doc_id, a.title, {OUTLET} AS outlet, a.published
        FROM quotes q JOIN articles a ON a.content_hash = q.content_hash
        WHERE q.doc_id IN (SELECT doc_id FROM dyad)
          AND (q.speaker_country IN (?, ?) OR q.quote_id IN (SELECT quote_id FROM dyad WHERE quote_id IS NOT NULL))
        ORDER BY a.published DESC NULLS LAST, q.doc_id, q.start_char LIMIT ?""",
                       [source, target, source, target, limit]).fetchall()
    return [{**parsed(record), "coded": coded,
             "article": {"doc_id": doc_id, "title": title, "outlet": outlet, "published": iso(published)}}
            for record, coded, doc_id, title, outlet, published in rows]
