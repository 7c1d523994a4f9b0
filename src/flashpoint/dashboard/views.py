"""The dashboard's views as data: what each page shows, for the server and the report alike.

A view is a function from a cursor (and the dyads' daily aggregate, cached across requests
by the server and across sections by the report) to a JSON-ready dict, built from the
store's read queries. The server renders it as HTML or returns it as JSON (datasette style:
one view, two formats); the report renders several of them into one file. Keeping views free
of web concerns makes that possible.
"""
from __future__ import annotations

from datetime import date

import duckdb

from flashpoint.analysis.alerts import dyad_alerts, series_alerts
from flashpoint.analysis.dyads import Freq, series
from flashpoint.analysis.quote_variants import marked_parts
from flashpoint.dashboard import charts
from flashpoint.store import events, quotes
from flashpoint.store import network as actor_network
from flashpoint.store import stories as story_queries
from flashpoint.store.dyads import DailyCache, dyad_table
from flashpoint.store.filters import EventFilter
from flashpoint.store.reading import Json, counts


def overview(con: duckdb.DuckDBPyConnection, cache: DailyCache, limit: int = 10) -> Json:
    """Most hostile dyads, recent alerts, latest events, and the size of the store."""
    return {"counts": counts(con),
            "hostile_dyads": dyad_table(con, limit=limit, order="hostile"),
            "alerts": [a.as_dict() for a in dyad_alerts(cache.days(con))[:limit * 2]],
            "latest_events": events.events(con, limit=limit * 2)["events"]}


def dyad(con: duckdb.DuckDBPyConnection, cache: DailyCache, source: str, target: str,
         freq: Freq = "day", start: date | None = None, end: date | None = None,
         limit: int = 100) -> Json | None:
    """One directed dyad: its series and chart, alerts, events with evidence, and quotes.

    Alerts are computed over the dyad's whole history (the rules need their trailing
    windows), whatever dates the page shows.
    """
    days = cache.days(con).get((source, target), [])
    shown = [p.as_dict() for p in series(days, freq, start, end)]
    if not any(p["events"] for p in shown):
        return None
    found = events.events(con, EventFilter(dyad=f"{source}-{target}", start=start, end=end), limit)
    return {"source": source, "target": target, "freq": freq, "series": shown,
            "chart": charts.timeline(shown, f"{source} → {target} ({freq})"),
            "alerts": [a.as_dict() for a in reversed(series_alerts(source, target, series(days, freq)))],
            "events": found["events"], "total_events": found["total"],
            "quotes": quotes.dyad_quotes(con, source, target)}


def network(con: duckdb.DuckDBPyConnection) -> Json:
    """The actor network's nodes and edges, with its chart."""
    graph = actor_network.network(con)
    return {**graph, "chart": charts.network(graph)}


def stories(con: duckdb.DuckDBPyConnection) -> Json:
    """The story list; ``available`` is false until an ingest has grouped articles."""
    found = story_queries.stories(con)
    return {"available": bool(found), "stories": found}


def story(con: duckdb.DuckDBPyConnection, story_id: str) -> Json | None:
    """A story with its quote variants cut into ``parts`` (``{"text", "only"}``), so a template
    marks the words only one outlet has without building markup from article text."""
    found = story_queries.story(con, story_id)
    if found is None:
        return None
    for group in found["quote_variants"]:
        for variant in group["variants"]:
            variant["parts"] = [{"text": text, "only": only}
                                for text, only in marked_parts(variant["text"], variant["only_words"])]
    return found
