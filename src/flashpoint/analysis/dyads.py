"""Directed-dyad time series (source country -> target country) from the store.

The monitor reads real-world events, not articles: when the cross-outlet tables exist
(``event_mentions`` maps every coded event to a cluster), a cluster reported by five outlets
counts once, and its number of distinct outlets is kept as ``reports`` so that widely covered
events can be told apart. Without those tables every stored event is its own cluster.
Negated and hypothetical events ("did not attack", "could impose sanctions") are left out:
they did not happen. An event is dated by its own date, else by the article's.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any, Literal

import duckdb

Freq = Literal["day", "week"]
FREQS: tuple[Freq, ...] = ("day", "week")


def has_table(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether the database has ``name`` (older databases lack the cross-outlet tables)."""
    row = con.execute("SELECT count(*) FROM information_schema.tables WHERE table_name = ?",
                      [name]).fetchone()
    return bool(row and row[0])


def has_clusters(con: duckdb.DuckDBPyConnection) -> bool:
    """Whether any event has been clustered across outlets (``flashpoint compare`` has run)."""
    return has_table(con, "event_mentions") and bool(
        con.execute("SELECT EXISTS (SELECT 1 FROM event_mentions)").fetchone()[0])


def units_sql(con: duckdb.DuckDBPyConnection) -> str:
    """SQL of the deduplicated events: one row per cluster, with its dyad, day and weight.

    Columns: event_id, src, tgt, day, quad_class, goldstein, weight (distinct outlets, at
    least 1). A cluster is named by the event_id of its earliest report, which stands for it;
    the cluster's other reports are dropped, events in no cluster stay as they are.
    """
    columns = ("e.event_id, e.source_country AS src, e.target_country AS tgt, "
               "coalesce(e.event_date, e.published) AS day, e.quad_class, e.goldstein")
    real = "NOT coalesce(e.negated, false) AND NOT coalesce(e.hypothetical, false)"
    if not has_clusters(con):
        return f"SELECT {columns}, 1 AS weight FROM events e WHERE {real}"
    return f"""
        SELECT {columns}, coalesce(c.weight, 1) AS weight FROM events e
        LEFT JOIN (SELECT cluster_id, count(DISTINCT coalesce(outlet, doc_id)) AS weight
                   FROM event_mentions GROUP BY 1) c ON c.cluster_id = e.event_id
        WHERE {real} AND (c.cluster_id IS NOT NULL
                          OR e.event_id NOT IN (SELECT event_id FROM event_mentions))"""


@dataclass(frozen=True)
class Period:
    """One day or week of a dyad: what happened, how much, how hostile."""

    period: date
    events: int = 0
    reports: int = 0
    q1: int = 0
    q2: int = 0
    q3: int = 0
    q4: int = 0
    goldstein_sum: float = 0.0

    @property
    def goldstein_mean(self) -> float | None:
        return self.goldstein_sum / self.events if self.events else None

    @property
    def conflict_share(self) -> float | None:
        """Verbal plus material conflict (QuadClass 3 and 4) over all events."""
        return (self.q3 + self.q4) / self.events if self.events else None

    def as_dict(self) -> dict[str, Any]:
        mean, share = self.goldstein_mean, self.conflict_share
        return {**asdict(self), "period": self.period.isoformat(),
                "goldstein_sum": round(self.goldstein_sum, 3),
                "goldstein_mean": None if mean is None else round(mean, 3),
                "conflict_share": None if share is None else round(share, 3)}


def _step(freq: Freq) -> timedelta:
    return timedelta(days=7 if freq == "week" else 1)


def fill_gaps(periods: list[Period], freq: Freq) -> list[Period]:
    """A continuous series from the first to the last active period: quiet periods appear
    with zero events, because the trailing windows of the alert rules need them."""
    if not periods:
        return []
    known = {p.period: p for p in periods}
    out, day = [], periods[0].period
    while day <= periods[-1].period:
        out.append(known.get(day, Period(day)))
        day += _step(freq)
    return out


_AGGREGATE = """
    SELECT src, tgt, {bucket} AS period, count(*), sum(weight),
           count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
           count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),
           coalesce(sum(goldstein), 0)
    FROM ({units}) u
    WHERE src IS NOT NULL AND tgt IS NOT NULL AND day IS NOT NULL {where}
    GROUP BY ALL ORDER BY src, tgt, period"""


def _bucket(freq: Freq) -> str:
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    return "CAST(date_trunc('week', day) AS DATE)" if freq == "week" else "day"


def _periods(con: duckdb.DuckDBPyConnection, freq: Freq, where: str = "",
             params: list[Any] | None = None) -> dict[tuple[str, str], list[Period]]:
    sql = _AGGREGATE.format(bucket=_bucket(freq), units=units_sql(con), where=where)
    series: dict[tuple[str, str], list[Period]] = {}
    for src, tgt, period, *values in con.execute(sql, params or []).fetchall():
        series.setdefault((src, tgt), []).append(Period(period, *values[:6], float(values[6])))
    return series


def dyad_series(con: duckdb.DuckDBPyConnection, source: str, target: str, freq: Freq = "day",
                start: date | None = None, end: date | None = None) -> list[Period]:
    """The gap-filled series of one directed dyad, optionally only between two dates."""
    where, params = "AND src = ? AND tgt = ?", [source, target]
    if start:
        where, params = where + " AND day >= ?", params + [start]
    if end:
        where, params = where + " AND day <= ?", params + [end]
    periods = _periods(con, freq, where, params).get((source, target), [])
    return fill_gaps(periods, freq)


def all_series(con: duckdb.DuckDBPyConnection, freq: Freq = "day",
               min_events: int = 1) -> dict[tuple[str, str], list[Period]]:
    """Every dyad's gap-filled series (for the alert rules), dyads with few events left out."""
    return {dyad: fill_gaps(periods, freq)
            for dyad, periods in _periods(con, freq).items()
            if sum(p.events for p in periods) >= min_events}


def dyad_table(con: duckdb.DuckDBPyConnection, min_events: int = 1, limit: int = 50,
               order: Literal["hostile", "events", "recent"] = "hostile") -> list[dict[str, Any]]:
    """One row per directed dyad with totals; "hostile" puts the lowest Goldstein mean first."""
    orders = {"hostile": "goldstein_mean ASC, events DESC", "events": "events DESC",
              "recent": "last_day DESC, events DESC"}
    sql = f"""
        SELECT src AS source, tgt AS target, count(*) AS events, sum(weight) AS reports,
               round(sum(goldstein), 3) AS goldstein_sum, round(avg(goldstein), 3) AS goldstein_mean,
               round(count(*) FILTER (WHERE quad_class >= 3) / count(*), 3) AS conflict_share,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               min(day) AS first_day, max(day) AS last_day
        FROM ({units_sql(con)}) u WHERE src IS NOT NULL AND tgt IS NOT NULL
        GROUP BY src, tgt HAVING count(*) >= ? ORDER BY {orders[order]}, src, tgt LIMIT ?"""
    cursor = con.execute(sql, [min_events, limit])
    names = [d[0] for d in cursor.description]
    rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    for row in rows:
        for key in ("first_day", "last_day"):
            row[key] = row[key].isoformat() if row[key] else None
    return rows
