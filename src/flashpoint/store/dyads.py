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
from typing import Any, Literal, Protocol, TypeVar

import duckdb

from flashpoint.analysis.dyads import Period
from flashpoint.store.filters import COUNTED
from flashpoint.store.reading import Json, Keep, dicts, iso, keep_or_compute

T = TypeVar("T")
#: Values ``DailyCache.kept`` keeps at most (the least recently used goes first): a few per page a dashboard
#: shows, whatever pages the clients ask for.
MEMO_SIZE = 256
Order = Literal["hostile", "events", "recent"]


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


class Written(Protocol):
    """What the cache needs of a store: its count of writes (``Store.writes``), which changes
    with every write and is known without a query."""

    def writes(self) -> int: ...


class DailyCache:
    """Aggregates over every event, kept between requests until the stored data change.

    Chiefly every dyad's daily aggregate (``days``): a series or alert request then costs a
    slice of a small in-memory table instead of a scan of every event. It is refreshed dyad by
    dyad: each grouping (every ingest groups what it stores) logs the dyads it touched in
    ``dyad_changes``, and the cache recomputes those dyads alone. Events that arrive without
    being grouped (the log does not move, the number of events does) and a regrouping of the
    whole store (a NULL dyad in the log) make it recompute everything. ``kept`` keeps any
    other value (the dyad table, the network, the total of an events filter) until the data
    change, so that twenty clients asking for the dyad list cost one scan, not twenty.
    Whether the data changed is asked of ``store`` (its count of writes), so that a request
    whose values are kept runs no query for them.
    """

    def __init__(self, store: Written) -> None:
        self._store = store
        self._version: tuple[object, ...] | None = None
        self._days_writes: int | None = None
        self._days: dict[tuple[str, str], list[Period]] = {}
        self._days_lock = threading.Lock()
        self._kept: dict[Hashable, tuple[int, Any]] = {}
        self._computing: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()  # over the two dicts above, held for no query

    def days(self, con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], list[Period]]:
        with self._days_lock:  # one request refreshes; the others wait for its result
            now = self._store.writes()
            if now != self._days_writes:
                self._refresh(con, self._data_version(con))
                self._days_writes = now
            return self._days

    def kept(self, con: duckdb.DuckDBPyConnection, key: Hashable, compute: Callable[[], T]) -> T:
        """``compute()``, kept under ``key`` with the store's count of writes
        (``Store.writes``) it was computed at, and computed again once any write has come:
        any may change it (a grouping may merge events of no known dyad, which it logs
        nowhere). One request computes a key while those asking for the same key wait for
        its result (on two cores, twenty computing the same aggregate at once would each
        take twenty times as long), and those asking for other keys do not wait at all. At
        most ``MEMO_SIZE`` values are kept, the one used least recently going first: pages
        of every offset must not fill the memory, nor push out the aggregates every page
        uses."""
        version = self._store.writes()
        with self._lock:
            found = self._kept.get(key)
            if found is not None and found[0] == version:
                self._kept[key] = self._kept.pop(key)  # used last: evicted last
                kept: T = found[1]
                return kept
            computing = self._computing.setdefault(key, threading.Lock())
        with computing:
            with self._lock:
                found = self._kept.get(key)
            if found is not None and found[0] == version:  # computed while this request waited
                done: T = found[1]
                return done
            try:
                value = compute()
                with self._lock:
                    self._kept.pop(key, None)  # a value of older data
                    if len(self._kept) >= MEMO_SIZE:
                        del self._kept[next(iter(self._kept))]
                    self._kept[key] = (version, value)
            finally:
                with self._lock:
                    self._computing.pop(key, None)
            return value

    @staticmethod
    def _data_version(con: duckdb.DuckDBPyConnection) -> tuple[object, ...] | None:
        row = con.execute("SELECT (SELECT count(*) FROM events), (SELECT max(seq) FROM dyad_changes)").fetchone()
        return tuple(row) if row else None

    def _refresh(self, con: duckdb.DuckDBPyConnection, version: tuple[object, ...] | None) -> None:
        """Bring the daily aggregate up to ``version`` (the caller holds its lock)."""
        if version == self._version:
            return
        old, self._version = self._version, version
        if old is None or version is None or old[1] == version[1] or old[1] is None:
            self._days = daily(con)
            return
        changed = con.execute("SELECT DISTINCT source, target FROM dyad_changes WHERE seq > ?", [old[1]]).fetchall()
        if any(source is None for source, _ in changed):
            self._days = daily(con)
            return
        self._days = {**self._days, **daily(con, changed)}  # a dyad never loses all its events


def dyad_rows(con: duckdb.DuckDBPyConnection, doc_ids: Sequence[str] | None = None,
              unknown: bool = False) -> list[Json]:
    """One row per directed dyad with its totals, in no order (``ordered`` ranks them).

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
               count(*) FILTER (WHERE day IS NULL) AS undated
        FROM ({sql}) u WHERE {known} GROUP BY src, tgt""", params))
    for row in rows:
        row["first_day"], row["last_day"] = iso(row["first_day"]), iso(row["last_day"])
    return rows


def ordered(rows: Sequence[Json], order: Order) -> list[Json]:
    """``rows`` of ``dyad_rows`` ranked: "hostile", the lowest Goldstein mean first; "events",
    the most events first; "recent", the latest active day first. Ties go to the dyad with
    more events, then by source and target code; an unknown value (None) comes last.

    Ranked here rather than in SQL so that a server ranks the one table it keeps in each
    order (``dyad_page``) instead of aggregating every event again for each."""
    found = sorted(rows, key=lambda r: (r["source"] is None, r["source"] or "", r["target"] is None, r["target"] or ""))
    found.sort(key=lambda r: r["events"], reverse=True)  # a stable sort keeps the ties' order
    if order == "hostile":
        found.sort(key=lambda r: (r["goldstein_mean"] is None, r["goldstein_mean"] or 0.0))
    elif order == "recent":
        found.sort(key=lambda r: (r["last_day"] is not None, r["last_day"] or ""), reverse=True)
    return found


def dyad_table(con: duckdb.DuckDBPyConnection, min_events: int = 1, limit: int = 50,
               order: Order = "hostile", doc_ids: Sequence[str] | None = None, offset: int = 0,
               unknown: bool = False) -> list[Json]:
    """The dyads of ``dyad_rows`` with at least ``min_events`` events, ranked by ``order``: a page of them."""
    chosen = [row for row in ordered(dyad_rows(con, doc_ids, unknown), order) if row["events"] >= min_events]
    return chosen[offset:offset + limit]


def dyad_page(con: duckdb.DuckDBPyConnection, order: Order = "hostile", limit: int = 50, offset: int = 0,
              min_events: int = 1, keep: Keep | None = None) -> Json:
    """A page of the dyads with at least ``min_events`` events, ranked by ``order``, and how
    many there are in all. With ``keep``, every dyad's totals are aggregated once while the
    data are unchanged (a scan of every event), and ranked once in each order."""
    def ranked() -> list[Json]:
        rows = keep_or_compute(keep, ("dyad rows",), lambda: dyad_rows(con))
        return [row for row in ordered(rows, order) if row["events"] >= min_events]

    chosen = keep_or_compute(keep, ("dyads", order, min_events), ranked)
    return {"dyads": [dict(row) for row in chosen[offset:offset + limit]], "total": len(chosen),
            "limit": limit, "offset": offset}


def dyad_exists(con: duckdb.DuckDBPyConnection, source: str, target: str) -> bool:
    """Whether the dyad has any counted event (dated or not)."""
    sql, params = units(con)
    row = con.execute(f"SELECT EXISTS (SELECT 1 FROM ({sql}) u WHERE src = ? AND tgt = ?)",
                      [*params, source, target]).fetchone()
    return bool(row and row[0])
