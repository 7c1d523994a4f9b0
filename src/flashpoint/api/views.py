"""The dashboard's views as data: what each page shows, for the server and the report alike.

A view is a function from a connection (and the dyads' daily aggregate, cached across
requests by the server and across sections by the report) to a JSON-ready dict. The server
renders it as HTML or returns it as JSON (datasette style: one view, two formats); the report
renders several of them into one file. Keeping views free of web concerns makes that possible.
"""
from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from flashpoint.analysis.alerts import dyad_alerts, series_alerts
from flashpoint.analysis.dyads import DailyCache, Freq, dyad_table, series
from flashpoint.api import charts, queries
from flashpoint.api.queries import EventFilter


def overview(con: duckdb.DuckDBPyConnection, cache: DailyCache, limit: int = 10) -> dict[str, Any]:
    """Most hostile dyads, recent alerts, latest events, and the size of the store."""
    counts = {table: con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
              for table in ("articles", "events", "quotes")}
    return {"counts": counts,
            "hostile_dyads": dyad_table(con, limit=limit, order="hostile"),
            "alerts": [a.as_dict() for a in dyad_alerts(cache.days(con))[:limit * 2]],
            "latest_events": queries.events(con, limit=limit * 2)["events"]}


def dyad(con: duckdb.DuckDBPyConnection, cache: DailyCache, source: str, target: str,
         freq: Freq = "day", start: date | None = None, end: date | None = None,
         limit: int = 100) -> dict[str, Any] | None:
    """One directed dyad: its series and chart, alerts, events with evidence, and quotes.

    Alerts are computed over the dyad's whole history (the rules need their trailing
    windows), whatever dates the page shows.
    """
    days = cache.days(con).get((source, target), [])
    shown = [p.as_dict() for p in series(days, freq, start, end)]
    if not any(p["events"] for p in shown):
        return None
    found = queries.events(con, EventFilter(dyad=f"{source}-{target}", start=start, end=end), limit)
    return {"source": source, "target": target, "freq": freq, "series": shown,
            "chart": charts.timeline(shown, f"{source} → {target} ({freq})"),
            "alerts": [a.as_dict() for a in reversed(series_alerts(source, target, series(days, freq)))],
            "events": found["events"], "total_events": found["total"],
            "quotes": queries.dyad_quotes(con, source, target)}


def network(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The actor network's nodes and edges, with its chart."""
    graph = queries.network(con)
    return {**graph, "chart": charts.network(graph)}


def stories(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """The story list, or why there is none (the cross-outlet tables are optional)."""
    if not queries.stories_available(con):
        return {"available": False, "stories": [],
                "message": "No cross-outlet stories in this database: the stories and "
                           "event_mentions tables have not been built."}
    return {"available": True, "stories": queries.stories(con), "message": None}
