"""Directed-dyad queries (source country -> target country): the one definition of what counts.

The monitor and the batch summary of ``analyze`` read real-world events, not articles: when
events have been clustered across outlets (``event_mentions``, stored as articles are grouped), a
cluster reported by five outlets counts once, and its number of distinct outlets is kept as
``reports`` so that widely covered events can be told apart; an event in no cluster is its
own. Negated and hypothetical events ("did not attack", "could impose sanctions") are left
out: they did not happen. An event is dated by its own date, else by its article's.
"""
from __future__ import annotations

import threading
from collections.abc import Callable, Hashable, Sequence
from typing import Any, Literal, TypeVar

import duckdb

from flashpoint.analysis.dyads import Period
from flashpoint.store.filters import COUNTED
from flashpoint.store.reading import Json, dicts, iso, writes

T = TypeVar("T")
#: Values ``DailyCache.memo`` keeps at most (the oldest goes first): a few per page a dashboard
#: shows, whatever pages the clients ask for.
MEMO_SIZE = 256
Order = Literal["hostile", "events", "recent"]
ORDERS: dict[Order, str] = {"hostile": "goldstein_mean ASC, events DESC", "events": "events DESC",
                            "recent": "last_day DESC, events DESC"}


def has_clusters(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any event has been clustered across outlets (articles have been grouped)."""
    row = con.execute("SELECT EXISTS (SELECT 1 FROM event_mentions)").fetchone()
    return bool(row and row[0])


def units(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str] | None = None) -> tuple[str, list[object]]:
    """SQL of the counted events: one row per cluster, with its dyad, day and weight, and its parameters.

    Columns: event_id, src, tgt, day, quad_class, goldstein, weight (distinct outlets, at
    least 1). A cluster is named by the event_id of its earliest report, which stands for it;
    the cluster's other reports are dropped. With ``doc_ids``, only the clusters (or
    unclustered events) that those articles report.
    """
    columns = ("e.event_id, e.source_country AS src, e.target_country AS tgt, "
               "e.event_day AS day, e.quad_class, e.goldstein")
    params: list[object] = []
    if not has_clusters(con):
        batch = ""
        if doc_ids is not None:
            batch, params = " AND list_contains(?, e.doc_id)", [list(doc_ids)]
        return f"SELECT {columns}, 1 AS weight FROM events e WHERE {COUNTED}{batch}", params
    batch = ""
    if doc_ids is not None:
        batch, params = " AND list_has_any(coalesce(c.docs, [e.doc_id]), ?)", [list(doc_ids)]
    return f"""
        SELECT {columns}, coalesce(c.weight, 1) AS weight FROM events e
        LEFT JOIN (SELECT cluster_id, count(DISTINCT coalesce(outlet, doc_id)) AS weight, list(doc_id) AS docs
                   FROM event_mentions GROUP BY 1) c ON c.cluster_id = e.event_id
        WHERE {COUNTED}{batch}""", params


_DAILY = """
    SELECT src, tgt, day, count(*), sum(weight)::INTEGER,
           count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
           count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),
           coalesce(sum(goldstein), 0)
    FROM ({units}) u
    WHERE src IS NOT NULL AND tgt IS NOT NULL AND day IS NOT NULL
    GROUP BY ALL ORDER BY ALL"""


def daily(con: duckdb.DuckDBPyConnection,
          dyads: Sequence[tuple[str, str]] | None = None) -> dict[tuple[str, str], list[Period]]:
    """The active days of every dyad (or of ``dyads``), in order: the one aggregate all series use."""
    sql, params = units(con)
    if dyads is not None:
        sql = f"SELECT * FROM ({sql}) WHERE list_contains(?, src || '-' || tgt)"
        params = [*params, [f"{src}-{tgt}" for src, tgt in dyads]]
    found: dict[tuple[str, str], list[Period]] = {}
    for src, tgt, day, events, reports, q1, q2, q3, q4, goldstein in con.execute(
            _DAILY.format(units=sql), params).fetchall():
        found.setdefault((src, tgt), []).append(Period(day, events, reports, q1, q2, q3, q4, float(goldstein)))
    return found


class DailyCache:
    """Aggregates over every event, kept between requests until the stored data change.

    Chiefly every dyad's daily aggregate (``days``): a series or alert request then costs a
    slice of a small in-memory table instead of a scan of every event. It is refreshed dyad by
    dyad: each grouping (every ingest groups what it stores) logs the dyads it touched in
    ``dyad_changes``, and the cache recomputes those dyads alone. Events that arrive without
    being grouped (the log does not move, the number of events does) and a regrouping of the
    whole store (a NULL dyad in the log) make it recompute everything. ``memo`` keeps any
    other whole-store aggregate (the dyad table, the network) until the data change, so that
    twenty clients asking for the dyad list cost one scan, not twenty.
    """

    def __init__(self) -> None:
        self._version: tuple[object, ...] | None = None
        self._days: dict[tuple[str, str], list[Period]] = {}
        self._values: dict[Hashable, Any] = {}
        self._kept: dict[Hashable, tuple[int, Any]] = {}
        self._lock = threading.RLock()  # a kept value may be computed from another

    def days(self, con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], list[Period]]:
        with self._lock:  # one request refreshes; the others wait for its result
            self._current(con, self._data_version(con))
            return self._days

    def memo(self, con: duckdb.DuckDBPyConnection, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, kept under ``key`` while the store's data are unchanged."""
        version = self._data_version(con)
        with self._lock:  # one request computes; the others wait for its result
            self._current(con, version)
            if key not in self._values:
                if len(self._values) >= MEMO_SIZE:  # pages of every offset must not fill the memory
                    del self._values[next(iter(self._values))]
                self._values[key] = compute()
            value: T = self._values[key]
            return value

    def kept(self, con: duckdb.DuckDBPyConnection, key: Hashable, compute: Callable[[], T]) -> T:
        """Like ``memo``, for the many small values of many keys (the total of an events
        filter): computed outside the lock, so that requests for different keys do not wait
        for each other (two requests for a key not kept yet may both compute it), and kept
        with the store's count of writes (``reading.writes``) they were computed at, apart
        from the daily aggregate, which an events page has no need to refresh: any write
        may change them (a grouping may merge events of no known dyad, which it logs nowhere
        else)."""
        version = writes(con)
        with self._lock:
            found = self._kept.get(key)
        if found is not None and found[0] == version:
            kept: T = found[1]
            return kept
        value = compute()
        with self._lock:
            if len(self._kept) >= MEMO_SIZE:
                del self._kept[next(iter(self._kept))]
            self._kept[key] = (version, value)
        return value

    @staticmethod
    def _data_version(con: duckdb.DuckDBPyConnection) -> tuple[object, ...] | None:
        row = con.execute("SELECT (SELECT count(*) FROM events), (SELECT max(seq) FROM dyad_changes)").fetchone()
        return tuple(row) if row else None

    def _current(self, con: duckdb.DuckDBPyConnection, version: tuple[object, ...] | None) -> None:
        """Bring what is kept up to ``version`` (the caller holds the lock)."""
        if version == self._version:
            return
        old = self._version
        self._version, self._values = version, {}
        if old is None or version is None or old[1] == version[1] or old[1] is None:
            self._days = daily(con)
            return
        changed = con.execute("SELECT DISTINCT source, target FROM dyad_changes WHERE seq > ?", [old[1]]).fetchall()
        if any(source is None for source, _ in changed):
            self._days = daily(con)
            return
        self._days = {**self._days, **daily(con, changed)}  # a dyad never loses all its events


def dyad_table(con: duckdb.DuckDBPyConnection, min_events: int = 1, limit: int = 50,
               order: Order = "hostile", doc_ids: Sequence[str] | None = None, offset: int = 0,
               unknown: bool = False) -> list[Json]:
    """One row per directed dyad with totals ("hostile": the lowest Goldstein mean first).

    With ``doc_ids``, only what those articles report: the summary of one batch. With
    ``unknown``, events with an actor of no known country count too, in rows whose source or
    target is None, rather than silently missing from the summary.
    """
    sql, params = units(con, doc_ids)
    known = "TRUE" if unknown else "src IS NOT NULL AND tgt IS NOT NULL"
    rows = dicts(con.execute(f"""
        SELECT src AS source, tgt AS target, count(*) AS events, sum(weight) AS reports,
               round(sum(goldstein), 3) AS goldstein_sum, round(avg(goldstein), 3) AS goldstein_mean,
               round(count(*) FILTER (WHERE quad_class >= 3) / count(*), 3) AS conflict_share,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               min(day) AS first_day, max(day) AS last_day,
               count(*) FILTER (WHERE day IS NULL) AS undated, count(*) OVER () AS total
        FROM ({sql}) u WHERE {known}
        GROUP BY src, tgt HAVING count(*) >= ? ORDER BY {ORDERS[order]}, src NULLS LAST, tgt NULLS LAST
        LIMIT ? OFFSET ?""", [*params, min_events, limit, offset]))
    for row in rows:
        row["first_day"], row["last_day"] = iso(row["first_day"]), iso(row["last_day"])
    return rows


def dyad_page(con: duckdb.DuckDBPyConnection, order: Order = "hostile", limit: int = 50, offset: int = 0,
              min_events: int = 1) -> Json:
    """A page of ``dyad_table`` and how many dyads there are in all."""
    rows = dyad_table(con, min_events, limit, order, offset=offset)
    total = rows[0]["total"] if rows else _dyad_count(con, min_events)
    for row in rows:
        del row["total"]
    return {"dyads": rows, "total": total, "limit": limit, "offset": offset}


def _dyad_count(con: duckdb.DuckDBPyConnection, min_events: int) -> int:
    sql, params = units(con)
    row = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM ({sql}) u WHERE src IS NOT NULL AND tgt IS NOT NULL "
                      "GROUP BY src, tgt HAVING count(*) >= ?)", [*params, min_events]).fetchone()
    return int(row[0]) if row else 0


def dyad_exists(con: duckdb.DuckDBPyConnection, source: str, target: str) -> bool:
    """Whether the dyad has any counted event (dated or not)."""
    sql, params = units(con)
    row = con.execute(f"SELECT EXISTS (SELECT 1 FROM ({sql}) u WHERE src = ? AND tgt = ?)",
                      [*params, source, target]).fetchone()
    return bool(row and row[0])
