"""Read queries behind the API, the dashboard and the report (one place, so they agree).

Every function takes a DuckDB connection (a per-request cursor in the server) and returns
plain JSON-ready data. Filters are validated here, not only in the web layer, so a bad value
from any entry point is a :class:`QueryError` (E030) with a message, never a SQL error.
"""
from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb

from flashpoint.analysis.dyads import has_table
from flashpoint.analysis.quote_variants import marked_parts
from flashpoint.codebook import PLOVER_TYPES
from flashpoint.errors import QueryError

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^[0-9]{2,4}$")
DAY = "coalesce(event_date, published)"


def country_code(value: str, name: str = "country") -> str:
    """An ISO 3166 alpha-3 code, upper-cased, or E030."""
    code = value.strip().upper()
    if not _COUNTRY.match(code):
        raise QueryError(f"E030 {name}: {value!r} is not a three-letter country code (e.g. USA)")
    return code


@dataclass(frozen=True)
class EventFilter:
    """The filters of ``/api/events``; every field is optional."""

    actor: str | None = None
    country: str | None = None
    dyad: str | None = None
    cameo: str | None = None
    plover: str | None = None
    start: date | None = None
    end: date | None = None
    text: str | None = None

    def sql(self) -> tuple[str, list[Any]]:
        """A WHERE clause and its parameters (values are always bound, never pasted)."""
        clauses: list[str] = []
        params: list[Any] = []
        if self.actor:
            clauses.append("(source_name ILIKE ? OR target_name ILIKE ? OR source_code = ? OR target_code = ?)")
            params += [f"%{self.actor}%"] * 2 + [self.actor] * 2
        if self.country:
            clauses.append("(source_country = ? OR target_country = ?)")
            params += [country_code(self.country)] * 2
        if self.dyad:
            source, _, target = self.dyad.partition("-")
            if not target:
                raise QueryError(f"E030 dyad: {self.dyad!r} is not SOURCE-TARGET (e.g. USA-COL)")
            clauses.append("source_country = ? AND target_country = ?")
            params += [country_code(source, "dyad"), country_code(target, "dyad")]
        if self.cameo:
            if not _CAMEO.match(self.cameo):
                raise QueryError(f"E030 cameo: {self.cameo!r} is not a CAMEO code or root (2-4 digits)")
            clauses.append("cameo_root = ?" if len(self.cameo) == 2 else "starts_with(cameo, ?)")
            params.append(self.cameo)
        if self.plover:
            if self.plover.upper() not in PLOVER_TYPES:
                raise QueryError(f"E030 plover: {self.plover!r} is not one of {', '.join(PLOVER_TYPES)}")
            clauses.append("plover_type = ?")
            params.append(self.plover.upper())
        if self.start and self.end and self.start > self.end:
            raise QueryError(f"E030 start {self.start} is after end {self.end}")
        if self.start:
            clauses.append(f"{DAY} >= ?")
            params.append(self.start)
        if self.end:
            clauses.append(f"{DAY} <= ?")
            params.append(self.end)
        if self.text:
            clauses.append("sentence ILIKE ?")
            params.append(f"%{self.text}%")
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params


def evidence(record: dict[str, Any]) -> dict[str, str]:
    """The evidence sentence cut around its trigger, so templates can highlight it safely."""
    sentence, trigger = record.get("sentence") or {}, record.get("trigger") or {}
    text = sentence.get("text") or ""
    start = (trigger.get("start") or 0) - (sentence.get("start") or 0)
    end = start + len(trigger.get("text") or "")
    if not 0 <= start <= end <= len(text):
        return {"before": text, "trigger": "", "after": ""}
    return {"before": text[:start], "trigger": text[start:end], "after": text[end:]}


def _with_evidence(rows: list[tuple[str]]) -> list[dict[str, Any]]:
    records = [json.loads(row[0]) for row in rows]
    return [{**record, "evidence": evidence(record)} for record in records]


def events(con: duckdb.DuckDBPyConnection, where: EventFilter = EventFilter(), limit: int = 50,
           offset: int = 0) -> dict[str, Any]:
    """One page of events, newest first, and how many match in all.

    Two narrow steps keep this fast on millions of rows: the page's ids (with the total from a
    window count when filtered, one scan), then only those records by primary key; scanning the
    wide JSON column for every matching row is what would be slow.
    """
    clause, params = where.sql()
    order = f"ORDER BY {DAY} DESC NULLS LAST, event_id LIMIT ? OFFSET ?"
    total_column = ", count(*) OVER ()" if clause else ""
    page = con.execute(f"SELECT event_id{total_column} FROM events {clause} {order}",
                       params + [limit, offset]).fetchall()
    if clause and page:
        total = page[0][1]
    else:
        total = con.execute(f"SELECT count(*) FROM events {clause}", params).fetchone()[0]
    ids = [row[0] for row in page]
    records = dict(con.execute("SELECT event_id, record FROM events WHERE event_id IN (SELECT unnest(?))",
                               [ids]).fetchall()) if ids else {}
    return {"events": _with_evidence([(records[i],) for i in ids]), "total": total,
            "limit": limit, "offset": offset}


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def mentions(con: duckdb.DuckDBPyConnection, event_id: str) -> list[dict[str, Any]]:
    """The other reports of the same real-world event (its cluster), when stories exist."""
    if not has_table(con, "event_mentions"):
        return []
    return _dicts(con.execute("""
        SELECT m.cluster_id, m.event_id, m.doc_id, m.outlet, a.title, e.sentence
        FROM event_mentions m LEFT JOIN events e USING (event_id)
        LEFT JOIN articles a ON a.doc_id = m.doc_id
        WHERE m.cluster_id IN (SELECT cluster_id FROM event_mentions WHERE event_id = ?)
        ORDER BY m.outlet, m.doc_id""", [event_id]))


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> dict[str, Any] | None:
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
    return {"event": event, "mentions": mentions(con, event_id),
            "quotes": [json.loads(q[0]) for q in quoted]}


def quotes(con: duckdb.DuckDBPyConnection, speaker: str | None = None, country: str | None = None,
           doc_id: str | None = None, text: str | None = None, limit: int = 50,
           offset: int = 0) -> dict[str, Any]:
    """One page of quotes with their article, filtered by speaker, country, article or words."""
    clauses, params = [], []
    for value, clause in ((speaker and f"%{speaker}%", "q.speaker_name ILIKE ?"),
                          (country and country_code(country), "q.speaker_country = ?"),
                          (doc_id, "q.doc_id = ?"), (text and f"%{text}%", "q.text ILIKE ?")):
        if value:
            clauses.append(clause)
            params.append(value)
    where = ("WHERE " + " AND ".join(clauses)) if clauses else ""
    total = con.execute(f"SELECT count(*) FROM quotes q {where}", params).fetchone()[0]
    rows = con.execute(f"""
        SELECT q.record, a.title, a.outlet, a.published FROM quotes q
        LEFT JOIN articles a ON a.content_hash = q.content_hash {where}
        ORDER BY a.published DESC NULLS LAST, q.doc_id, q.start_char LIMIT ? OFFSET ?""",
                       params + [limit, offset]).fetchall()
    found = [{**json.loads(record), "article": {"title": title, "outlet": outlet,
                                                "published": published.isoformat() if published else None}}
             for record, title, outlet, published in rows]
    return {"quotes": found, "total": total, "limit": limit, "offset": offset}


def dyad_quotes(con: duckdb.DuckDBPyConnection, source: str, target: str, limit: int = 50) -> list[dict]:
    """Quotes by either side's speakers in articles that report events of the dyad."""
    rows = con.execute("""
        SELECT record FROM quotes WHERE speaker_country IN (?, ?) AND doc_id IN (
            SELECT doc_id FROM events WHERE source_country = ? AND target_country = ?)
        ORDER BY doc_id DESC, start_char LIMIT ?""", [source, target, source, target, limit]).fetchall()
    return [json.loads(row[0]) for row in rows]


def network(con: duckdb.DuckDBPyConnection, limit: int = 60) -> dict[str, Any]:
    """The actor network: the busiest directed edges, with nodes laid out on a circle."""
    edges = _dicts(con.execute("""
        SELECT source_name AS source, target_name AS target, count(*) AS events,
               round(avg(goldstein), 2) AS goldstein_mean
        FROM events WHERE source_name IS NOT NULL AND target_name IS NOT NULL
              AND source_name <> target_name
        GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?""", [limit]))
    names = sorted({e[side] for e in edges for side in ("source", "target")})
    nodes = [{"name": name, "x": round(math.cos(2 * math.pi * i / len(names)), 4),
              "y": round(math.sin(2 * math.pi * i / len(names)), 4),
              "events": sum(e["events"] for e in edges if name in (e["source"], e["target"]))}
             for i, name in enumerate(names)]
    return {"nodes": nodes, "edges": edges}


def stories_available(con: duckdb.DuckDBPyConnection) -> bool:
    return has_table(con, "stories") and has_table(con, "event_mentions")


def stories(con: duckdb.DuckDBPyConnection, limit: int = 50) -> list[dict[str, Any]]:
    """Stories (articles about the same events) with their outlets and sizes, largest first."""
    rows = _dicts(con.execute("""
        SELECT s.story_id, count(DISTINCT s.doc_id) AS articles,
               list(DISTINCT a.outlet ORDER BY a.outlet) FILTER (WHERE a.outlet IS NOT NULL) AS outlets,
               min(a.title) AS title, min(a.published) AS first_published
        FROM stories s LEFT JOIN articles a ON a.doc_id = s.doc_id
        GROUP BY 1 ORDER BY articles DESC, story_id LIMIT ?""", [limit]))
    for row in rows:
        row["first_published"] = row["first_published"].isoformat() if row["first_published"] else None
    return rows


def story(con: duckdb.DuckDBPyConnection, story_id: str) -> dict[str, Any] | None:
    """A story's articles and events, what each outlet reported that others did not, and its
    quote variants and hedges (stored by ``flashpoint compare``).

    An event cluster reported by only some of the story's outlets is a cross-outlet
    difference; so is a cluster whose reports disagree on the CAMEO code. Outlets are the
    articles' own, on both sides of that comparison.
    """
    articles = _dicts(con.execute("""
        SELECT s.*, a.title, a.outlet, a.published, a.url FROM stories s
        LEFT JOIN articles a ON a.doc_id = s.doc_id WHERE s.story_id = ? ORDER BY a.outlet, s.doc_id""",
                                  [story_id]))
    if not articles:
        return None
    for row in articles:
        row["published"] = row["published"].isoformat() if row["published"] else None
    outlets = sorted({a["outlet"] or a["doc_id"] for a in articles})
    clusters = _dicts(con.execute("""
        SELECT m.cluster_id,
               list(DISTINCT coalesce(a.outlet, m.doc_id) ORDER BY coalesce(a.outlet, m.doc_id)) AS outlets,
               list(DISTINCT e.cameo) AS codes, min(e.cameo_name) AS cameo_name,
               min(e.source_country) AS source, min(e.target_country) AS target,
               round(avg(e.goldstein), 2) AS goldstein, min(e.sentence) AS sentence
        FROM event_mentions m JOIN events e USING (event_id) LEFT JOIN articles a ON a.doc_id = m.doc_id
        WHERE m.doc_id IN (SELECT doc_id FROM stories WHERE story_id = ?)
        GROUP BY 1 ORDER BY 1""", [story_id]))
    for cluster in clusters:
        cluster["missing_from"] = [o for o in outlets if o not in cluster["outlets"]]
        cluster["codes_differ"] = len(cluster["codes"]) > 1
    return {"story_id": story_id, "outlets": outlets, "articles": articles, "clusters": clusters,
            "differences": [c for c in clusters if c["missing_from"] or c["codes_differ"]],
            "quote_variants": quote_variants(con, story_id), "hedges": hedges(con, story_id)}


def quote_variants(con: duckdb.DuckDBPyConnection, story_id: str) -> list[dict[str, Any]]:
    """The story's quotations as each outlet prints them, with the words only that outlet has.

    Each variant comes cut into ``parts`` (``{"text", "only"}``) so a template can mark the
    outlet's own words without building markup from article text.
    """
    if not has_table(con, "quote_variants"):
        return []
    rows = _dicts(con.execute("""
        SELECT v.group_id, v.quote_id, v.doc_id, coalesce(v.outlet, v.doc_id) AS outlet, v.text,
               v.start_char, v.end_char, v.only_words, q.speaker_name, q.speaker_country
        FROM quote_variants v LEFT JOIN quotes q USING (quote_id)
        WHERE v.story_id = ? ORDER BY v.group_id, outlet, v.doc_id, v.start_char""", [story_id]))
    groups: dict[str, dict[str, Any]] = {}
    for row in rows:
        group = groups.setdefault(row["group_id"], {"group_id": row["group_id"], "speaker": None,
                                                    "speaker_country": None, "variants": [], "only_in": {}})
        if row["speaker_name"] and not group["speaker"]:
            group["speaker"], group["speaker_country"] = row["speaker_name"], row["speaker_country"]
        if row["only_words"]:
            group["only_in"][row["outlet"]] = row["only_words"]
        group["variants"].append({
            **{k: row[k] for k in ("quote_id", "doc_id", "outlet", "text", "start_char", "end_char", "only_words")},
            "parts": [{"text": text, "only": only} for text, only in marked_parts(row["text"], row["only_words"])]})
    return [{**g, "only_in": [{"outlet": o, "words": ws} for o, ws in g["only_in"].items()]}
            for g in groups.values()]


def hedges(con: duckdb.DuckDBPyConnection, story_id: str) -> list[dict[str, Any]]:
    """The hedges in the story's articles, each once with the events and quotes it qualifies.

    The sentence comes cut around the hedge (``before``, ``hedge``, ``after``) for the same
    reason as ``evidence``: templates highlight it without trusting article text.
    """
    if not has_table(con, "hedges"):
        return []
    rows = _dicts(con.execute("""
        SELECT h.doc_id, coalesce((SELECT min(a.outlet) FROM articles a WHERE a.doc_id = h.doc_id),
                                  h.doc_id) AS outlet,
               h.start_char, h.end_char, h.text, h.kind, h.sentence,
               coalesce(list({'id': h.qualifies, 'kind': h.qualifies_kind, 'claim': h.claim}
                             ORDER BY h.qualifies_kind, h.qualifies) FILTER (WHERE h.qualifies IS NOT NULL),
                        []) AS qualifies
        FROM hedges h WHERE h.doc_id IN (SELECT doc_id FROM stories WHERE story_id = ?)
        GROUP BY ALL ORDER BY outlet, h.doc_id, h.start_char""", [story_id]))
    for row in rows:
        sentence, at = row["sentence"] or "", (row["sentence"] or "").find(row["text"])
        row["context"] = ({"before": sentence[:at], "hedge": row["text"], "after": sentence[at + len(row["text"]):]}
                          if at >= 0 else {"before": sentence, "hedge": "", "after": ""})
    return rows
