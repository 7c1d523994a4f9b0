"""Event read queries: a filtered page of events, and one event with its context."""
from __future__ import annotations

from typing import Any

import duckdb

from flashpoint.store.filters import DAY, EventFilter
from flashpoint.store.reading import Json, dicts, records


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
           offset: int = 0) -> Json:
    """One page of events, newest first, and how many match in all.

    Two narrow steps keep this fast on millions of rows: the page's ids (with the total from a
    window count when filtered, one scan), then only those records by primary key; scanning the
    wide JSON column for every matching row is what would be slow.
    """
    clause, params = (where or EventFilter()).sql()
    order = f"ORDER BY {DAY} DESC NULLS LAST, event_id LIMIT ? OFFSET ?"
    total_column = ", count(*) OVER ()" if clause else ""
    page = con.execute(f"SELECT event_id{total_column} FROM events {clause} {order}",
                       [*params, limit, offset]).fetchall()
    if clause and page:
        total = page[0][1]
    else:
        counted = con.execute(f"SELECT count(*) FROM events {clause}", params).fetchone()
        total = counted[0] if counted else 0
    ids = [row[0] for row in page]
    found = dict(con.execute("SELECT event_id, record FROM events WHERE event_id IN (SELECT unnest(?))",
                             [ids]).fetchall()) if ids else {}
    return {"events": _with_evidence([(found[i],) for i in ids]), "total": total,
            "limit": limit, "offset": offset}


def mentions(con: duckdb.DuckDBPyConnection, event_id: str) -> list[Json]:
    """The other reports of the same real-world event (its cluster), when stories exist."""
    return dicts(con.execute("""
        SELECT m.cluster_id, m.event_id, m.doc_id, m.outlet, a.title, e.sentence
        FROM event_mentions m LEFT JOIN events e USING (event_id)
        LEFT JOIN articles a ON a.doc_id = m.doc_id
        WHERE m.cluster_id IN (SELECT cluster_id FROM event_mentions WHERE event_id = ?)
        ORDER BY m.outlet, m.doc_id""", [event_id]))


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
    return {"event": event, "mentions": mentions(con, event_id), "quotes": records(quoted)}
