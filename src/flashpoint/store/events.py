"""Event read queries: a filtered page of events, and one event with its context."""
from __future__ import annotations

from typing import Any

import duckdb

from flashpoint.store.filters import EventFilter
from flashpoint.store.reading import OUTLET, Json, capped_count, dicts, records


def evidence(record: Json) -> dict[str, str]:
    """The evidence sentence cut around its trigger, so templates can highlight it safely."""
    sentence, trigger = record.get("sentence") or {}, record.get("trigger") or {}
    text = sentence.get("text") or ""
    start = (trigger.get("start") or 0) - (sentence.get("start") or 0)
    end = start + len(trigger.get("text") or "")
    if not 0 <= start <= end <= len(text):
        return {"before": text, "trigger": "", "after": ""}
    return {"before": text[:start], "trigger": text[start:end], "after": text[end:]}


def _with_evidence(rows: list[tuple[Any, ...]]) -> list[Json]:
    return [{**record, "evidence": evidence(record)} for record in records(rows)]


def events(con: duckdb.DuckDBPyConnection, where: EventFilter | None = None, limit: int = 50,
           offset: int = 0, after: int | None = None) -> Json:
    """One page of events, newest first (by day, then latest stored), and how many match.

    Built for millions of rows: the page is a top-N on the one BIGINT ``event_key``, which
    DuckDB answers by skipping row groups (a two-column order would sort every match); the
    wide record column is then read for the page's keys only (filtering and reading records
    in one scan would read the record of every match), and the total is counted only up
    to ``reading.COUNT_CAP`` (see ``capped_count``). ``next`` is a cursor: passed back as
    ``after``, it gives the next page at the cost of the first, where a deep ``offset`` makes
    DuckDB keep every skipped row.
    """
    where = where or EventFilter()
    clause, params = where.sql(word_terms(con, where.text) if where.text else ())
    paged, paged_params = clause, params
    if after is not None:
        paged = f"{clause} AND event_key < ?" if clause else "WHERE event_key < ?"
        paged_params = [*params, after]
    page = con.execute(f"SELECT record, event_key FROM events WHERE event_key IN (SELECT event_key FROM events "
                       f"{paged} ORDER BY event_key DESC LIMIT ? OFFSET ?) ORDER BY event_key DESC",
                       [*paged_params, limit, offset]).fetchall()
    listed = _with_evidence(page)
    outlets = reports(con, [event["event_id"] for event in listed])
    for event in listed:
        event["reports"] = outlets.get(event["event_id"], 1)
    total, exact = capped_count(con, "events", clause, params)
    return {"events": listed, "total": total, "total_exact": exact, "limit": limit,
            "offset": offset, "next": str(page[-1][1]) if len(page) == limit else None}


def word_terms(con: duckdb.DuckDBPyConnection, text: str) -> list[int]:
    """The index terms of the words of ``text``, cut by the store's own ``word_hashes``."""
    row = con.execute("SELECT word_hashes(?)", [text]).fetchone()
    return list(row[0]) if row and row[0] else []


def reports(con: duckdb.DuckDBPyConnection, event_ids: list[str]) -> dict[str, int]:
    """How many outlets report each of ``event_ids`` that stands for a cluster (others: one)."""
    if not event_ids:
        return {}
    return dict(con.execute("SELECT cluster_id, count(DISTINCT coalesce(outlet, doc_id)) FROM event_mentions "
                            "WHERE list_contains(?, cluster_id) GROUP BY 1", [event_ids]).fetchall())


def mentions(con: duckdb.DuckDBPyConnection, event_id: str) -> list[Json]:
    """The other reports of the same real-world event (its cluster, this report left out)."""
    return dicts(con.execute(f"""
        SELECT m.cluster_id, m.event_id, m.doc_id, coalesce({OUTLET}, m.outlet, m.doc_id) AS outlet, a.title, e.sentence
        FROM event_mentions m LEFT JOIN events e USING (event_id)
        LEFT JOIN articles a ON a.content_hash = e.content_hash
        WHERE m.cluster_id IN (SELECT cluster_id FROM event_mentions WHERE event_id = ?) AND m.event_id <> ?
        ORDER BY outlet, m.doc_id""", [event_id, event_id]))


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> Json | None:
    """An event with its evidence, the reports of the same event, and the relevant quotes.

    Quotes are the one the event was coded from and those in the same article by either party.
    """
    row = con.execute("SELECT record FROM events WHERE event_id = ?", [event_id]).fetchone()
    if row is None:
        return None
    event = _with_evidence([row])[0]
    names = [a["name"] for a in (event.get("source"), event.get("target")) if a and a.get("name")]
    quoted = con.execute(
        "SELECT record FROM quotes WHERE quote_id = ? OR (doc_id = ? AND list_contains(?, speaker_name)) "
        "ORDER BY start_char", [event.get("quote_id"), event["doc_id"], names]).fetchall()
    stories = [story for (story,) in con.execute(
        "SELECT DISTINCT story_id FROM stories WHERE doc_id = ? ORDER BY 1", [event["doc_id"]]).fetchall()]
    cluster = con.execute("SELECT cluster_id FROM event_mentions WHERE event_id = ?", [event_id]).fetchone()
    outlets = reports(con, [cluster[0]]).get(cluster[0], 1) if cluster else 1
    return {"event": event, "mentions": mentions(con, event_id), "quotes": records(quoted), "stories": stories,
            "reports": outlets}
