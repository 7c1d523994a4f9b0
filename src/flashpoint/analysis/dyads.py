"""Directed-dyad time series (source country -> target country) from the store.

The monitor reads real-world events, not articles: when the cross-outlet tables exist
(``event_mentions`` maps every coded event to a cluster), a cluster reported by five outlets
counts once, and its number of distinct outlets is kept as ``reports`` so that widely covered
events can be told apart. Without those tables every stored event is its own cluster.
Negated and hypothetical events ("did not attack", "could impose sanctions") are left out:
they did not happen. An event is dated by its own date, else by the article's.
"""
from __future__ import annotations

import threading
from dataclasses import dataclass
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
    try:
        return bool(con.execute("SELECT EXISTS (SELECT 1 FROM event_mentions)").fetchone()[0])
    except duckdb.CatalogException:  # a database from before the cross-outlet tables
        return False


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
        return {"period": self.period.isoformat(), "events": self.events, "reports": self.reports,
                "q1": self.q1, "q2": self.q2, "q3": self.q3, "q4": self.q4,
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


def rollup(days: list[Period], freq: Freq) -> list[Period]:
    """Daily periods (in order) summed into ISO weeks starting on Monday, or left as they are."""
    if freq not in FREQS:
        raise ValueError(f"freq must be one of {', '.join(FREQS)}, not {freq!r}")
    if freq == "day":
        return days
    weeks: dict[date, list[int | float]] = {}
    for p in days:
        week = weeks.setdefault(p.period - timedelta(days=p.period.weekday()), [0, 0, 0, 0, 0, 0, 0.0])
        for i, value in enumerate((p.events, p.reports, p.q1, p.q2, p.q3, p.q4, p.goldstein_sum)):
            week[i] += value
    return [Period(monday, *map(int, v[:6]), float(v[6])) for monday, v in weeks.items()]


def series(days: list[Period], freq: Freq, start: date | None = None,
           end: date | None = None) -> list[Period]:
    """A dyad's daily periods between two dates, per day or week, gap-filled."""
    chosen = [p for p in days if (start is None or p.period >= start) and (end is None or p.period <= end)]
    return fill_gaps(rollup(chosen, freq), freq)


_DAILY = """
    SELECT src, tgt, day, count(*), sum(weight)::INTEGER,
           count(*) FILTER (WHERE quad_class = 1), count(*) FILTER (WHERE quad_class = 2),
           count(*) FILTER (WHERE quad_class = 3), count(*) FILTER (WHERE quad_class = 4),
           coalesce(sum(goldstein), 0)
    FROM ({units}) u
    WHERE src IS NOT NULL AND tgt IS NOT NULL AND day IS NOT NULL {where}
    GROUP BY ALL ORDER BY ALL"""


def daily(con: duckdb.DuckDBPyConnection, dyad: tuple[str, str] | None = None
          ) -> dict[tuple[str, str], list[Period]]:
    """The active days of every dyad (or of one), in order: the one aggregate all series use."""
    where, params = ("AND src = ? AND tgt = ?", list(dyad)) if dyad else ("", [])
    found: dict[tuple[str, str], list[Period]] = {}
    for src, tgt, day, events, reports, q1, q2, q3, q4, goldstein in con.execute(
            _DAILY.format(units=units_sql(con), where=where), params).fetchall():
        found.setdefault((src, tgt), []).append(Period(day, events, reports, q1, q2, q3, q4, float(goldstein)))
    return found


def dyad_series(con: duckdb.DuckDBPyConnection, source: str, target: str, freq: Freq = "day",
                start: date | None = None, end: date | None = None) -> list[Period]:
    """The gap-filled series of one directed dyad, optionally only between two dates."""
    return series(daily(con, (source, target)).get((source, target), []), freq, start, end)


class DailyCache:
    """Every dyad's daily aggregate, kept between requests until the stored events change.

    A series request then costs a slice of a small in-memory table instead of a scan of
    every event. The version is the number of events (the store only ever adds events) and
    a checksum of the cluster mentions (which ``flashpoint compare`` replaces).
    """

    def __init__(self) -> None:
        self._version: tuple[int, ...] | None = None
        self._days: dict[tuple[str, str], list[Period]] = {}
        self._lock = threading.Lock()

    def days(self, con: duckdb.DuckDBPyConnection) -> dict[tuple[str, str], list[Period]]:
        mentions = ("(SELECT sum(hash(cluster_id, event_id)) FROM event_mentions)"
                    if has_clusters(con) else "0")
        version = con.execute(f"SELECT (SELECT count(*) FROM events), {mentions}").fetchone()
        with self._lock:  # one request recomputes; the others wait for its result
            if version != self._version:
                self._days, self._version = daily(con), version
            return self._days


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
