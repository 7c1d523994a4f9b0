"""The stored alerts: written when events are stored, read by the overview and /api/alerts.

Alerts need each dyad's whole history (the rules' trailing windows), so computing them for
every request costs a scan of every event; on a million events that is seconds. They are
computed when the data changes instead (``service.refresh_alerts``, after ingest and compare)
and kept here with the version of the data they were computed from (``data_version``: the
number of events, which only grows, and a checksum of the cluster mentions, which ``compare``
replaces). A reader that finds them out of date (events bulk-loaded by another tool, a store
upgraded from an earlier release) computes them itself instead: ``current`` says which.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date
from typing import Any

import duckdb

from flashpoint.store.filters import dyad_codes
from flashpoint.store.reading import Json, dicts

#: The columns of an alert row, in table order.
COLUMNS = ("freq", "source", "target", "period", "rule", "value", "baseline", "threshold", "strength",
           "severity", "message")
DataVersion = tuple[Any, ...]


def data_version(con: duckdb.DuckDBPyConnection) -> DataVersion:
    """What alerts and other whole-store aggregates depend on: the events, and the clusters."""
    row = con.execute("SELECT (SELECT count(*) FROM events), "
                      "(SELECT sum(hash(cluster_id, event_id)) FROM event_mentions)").fetchone()
    return tuple(row) if row else (0, None)


def stored_version(con: duckdb.DuckDBPyConnection) -> DataVersion | None:
    row = con.execute("SELECT events, clusters FROM alerts_state").fetchone()
    return tuple(row) if row else None


def current(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether the stored alerts were computed from the data as it is now."""
    return stored_version(con) == data_version(con)


def story_dyads(con: duckdb.DuckDBPyConnection, story_ids: Sequence[str]) -> set[tuple[str, str]]:
    """The directed country dyads of the events of the articles of ``story_ids``."""
    rows = con.execute("""
        SELECT DISTINCT source_country, target_country FROM events
        WHERE source_country IS NOT NULL AND target_country IS NOT NULL
          AND doc_id IN (SELECT doc_id FROM stories WHERE list_contains(?, story_id))""",
                       [list(story_ids)]).fetchall()
    return {(source, target) for source, target in rows}


def write(con: duckdb.DuckDBPyConnection, rows: Sequence[Sequence[Any]], version: DataVersion,
          dyads: Iterable[tuple[str, str]] | None = None) -> None:
    """Replace the alerts of ``dyads`` (all, when None) by ``rows`` (``COLUMNS`` order) and
    record ``version``; the caller holds the transaction."""
    if dyads is None:
        con.execute("DELETE FROM alerts")
    else:
        con.execute("DELETE FROM alerts WHERE list_contains(?, source || '-' || target)",
                    [[f"{s}-{t}" for s, t in dyads]])
    if rows:
        con.executemany(f"INSERT INTO alerts ({', '.join(COLUMNS)}) VALUES ({', '.join('?' * len(COLUMNS))})",
                        [list(row) for row in rows])
    con.execute("DELETE FROM alerts_state")
    con.execute("INSERT INTO alerts_state VALUES (?, ?)", list(version))


def alerts(con: duckdb.DuckDBPyConnection, freq: str = "day", rules: Sequence[str] | None = None,
           dyad: str | None = None, since: date | None = None, limit: int = 100, offset: int = 0) -> Json:
    """A page of stored alerts, most recent first, and how many match."""
    clauses: list[str] = ["freq = ?"]
    params: list[object] = [freq]
    if rules is not None:
        clauses.append("list_contains(?, rule)")
        params.append(list(rules))
    if dyad:
        clauses.append("source = ? AND target = ?")
        params += dyad_codes(dyad)
    if since is not None:
        clauses.append("period >= ?")
        params.append(since)
    where = " AND ".join(clauses)
    counted = con.execute(f"SELECT count(*) FROM alerts WHERE {where}", params).fetchone()
    rows = dicts(con.execute(f"SELECT {', '.join(COLUMNS[1:])} FROM alerts WHERE {where} "
                             "ORDER BY period DESC, rule DESC, source DESC, target DESC LIMIT ? OFFSET ?",
                             [*params, limit, offset]))
    for row in rows:
        row["period"] = row["period"].isoformat()
    return {"alerts": rows, "total": counted[0] if counted else 0}
