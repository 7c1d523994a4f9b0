"""The dashboard's views as data: what each page shows, for the server and the report alike.

A view is a function from a cursor (and the dyads' daily aggregate, cached across requests
by the server and across sections by the report) to a JSON-ready dict, built from the
store's read queries. The server renders it as HTML or returns it as JSON (datasette style:
one view, two formats); the report renders several of them into one file. Keeping views free
of web concerns makes that possible.
"""
from __future__ import annotations

from datetime import date, timedelta
from functools import partial

import duckdb

from flashpoint.analysis.alerts import RULE_TITLES, RULES, dyad_alerts
from flashpoint.analysis.change import BASELINE_DAYS, WEEK_DAYS, changes, reference_day
from flashpoint.analysis.country_names import names_country
from flashpoint.analysis.dyads import Freq, series
from flashpoint.analysis.episodes import episodes
from flashpoint.analysis.quote_variants import marked_parts
from flashpoint.analysis.story_titles import story_title
from flashpoint.analysis.words import content_words
from flashpoint.dashboard import charts
from flashpoint.dashboard.annotate import annotate
from flashpoint.store import actors, articles, events, quotes
from flashpoint.store import alerts as stored_alerts
from flashpoint.store import network as actor_network
from flashpoint.store import stories as story_queries
from flashpoint.store.dyads import DailyCache, Order, dyad_page
from flashpoint.store.filters import EventFilter
from flashpoint.store.reading import Json, Keep, counts

#: Days of alerts the overview groups into episodes.
EPISODE_DAYS = 90


def alerts(con: duckdb.DuckDBPyConnection, cache: DailyCache, freq: Freq = "day",
           rules: list[str] | None = None, dyad: str | None = None, since: date | None = None,
           limit: int = 100, offset: int = 0) -> Json:
    """A page of alerts, most recent first, with their readable titles and severities.

    They are the stored ones (computed at ingest) while those are current; otherwise (a
    store bulk-loaded by another tool, or upgraded) they are computed from the cached daily
    aggregate, the same rules on the same data.
    """
    if stored_alerts.current(con):
        found = stored_alerts.alerts(con, freq, rules, dyad, since, limit, offset)
        found["alerts"] = [{**a, "title": RULE_TITLES[a["rule"]]} for a in found["alerts"]]
        return {**found, "limit": limit, "offset": offset}
    days = cache.days(con)
    if dyad:
        source, _, target = dyad.partition("-")
        days = {key: value for key, value in days.items() if key == (source, target)}
    computed = [a.as_dict() for a in dyad_alerts(days, freq, rules or list(RULES))
                if since is None or a.period >= since.isoformat()]
    return {"alerts": computed[offset:offset + limit], "total": len(computed), "limit": limit, "offset": offset}


def overview(con: duckdb.DuckDBPyConnection, cache: DailyCache, limit: int = 10) -> Json:
    """What changed: the dyads escalating this week against their baseline (international and
    domestic apart), the latest alert episodes, the latest events, and the store's size.

    Built once a day and kept until the data change (``DailyCache.kept``): every client of a
    busy server is shown the same page, so one computes it."""
    today = date.today()
    return cache.kept(con, ("overview", limit, today), lambda: _overview(con, cache, limit, today))


def _overview(con: duckdb.DuckDBPyConnection, cache: DailyCache, limit: int, today: date) -> Json:
    days = cache.days(con)
    as_of = reference_day(days, today)
    found = changes(days, as_of) if as_of else []
    recent: list[Json] = []
    if as_of:
        since = as_of - timedelta(days=EPISODE_DAYS)
        recent = alerts(con, cache, since=since, limit=10_000)["alerts"]
    return {"counts": counts(con), "as_of": as_of.isoformat() if as_of else None,
            "week_start": (as_of - timedelta(days=WEEK_DAYS - 1)).isoformat() if as_of else None,
            "baseline_days": BASELINE_DAYS,
            "escalating": [c.as_dict() for c in found if c.source != c.target and c.escalating][:limit],
            "domestic": [c.as_dict() for c in found if c.source == c.target and c.escalating][:limit],
            "episodes": [e.as_dict() for e in episodes(recent)][:limit],
            "latest_events": _latest(con, as_of, limit)}


def _latest(con: duckdb.DuckDBPyConnection, as_of: date | None, limit: int) -> list[Json]:
    """The newest events: those of the last week when there is one (a narrow scan), else any."""
    recent = EventFilter(start=as_of - timedelta(days=WEEK_DAYS - 1)) if as_of else None
    found: list[Json] = events.events(con, recent, limit)["events"]
    return found if len(found) == limit or recent is None else events.events(con, None, limit)["events"]


def dyads(con: duckdb.DuckDBPyConnection, cache: DailyCache, order: Order = "hostile", limit: int = 50,
          offset: int = 0) -> Json:
    """A page of every directed dyad with its totals (an aggregate of every event, kept)."""
    return dyad_page(con, order, limit, offset, keep=partial(cache.kept, con))


def dyad(con: duckdb.DuckDBPyConnection, cache: DailyCache, source: str, target: str,
         freq: Freq = "day", start: date | None = None, end: date | None = None,
         limit: int = 20, offset: int = 0) -> Json | None:
    """One directed dyad: its series and chart, alert episodes, a page of its events with
    their evidence, and what each side said about the other; None for an unknown dyad.

    Alerts are computed over the dyad's whole history (the rules need their trailing
    windows), whatever dates the page shows.
    """
    days = cache.days(con).get((source, target), [])
    name, keep = f"{source}-{target}", partial(cache.kept, con)
    undated = events.events(con, EventFilter(dyad=name, undated=True), limit=1, keep=keep)["total"]
    if not days and not undated:
        return None
    step = timedelta(days=6 if freq == "week" else 0)
    shown = [{**p.as_dict(), "end": (p.period + step).isoformat()} for p in series(days, freq, start, end)]
    found = events.events(con, EventFilter(dyad=name, start=start, end=end), limit, offset, keep=keep)
    dyad_alert_list = alerts(con, cache, freq, dyad=name, limit=10_000)["alerts"]
    return {"source": source, "target": target, "freq": freq, "series": shown, "undated": undated,
            "start": start.isoformat() if start else None, "end": end.isoformat() if end else None,
            "chart": charts.timeline(shown, f"{source} → {target}", freq, name, undated) if shown else None,
            "episodes": [e.as_dict() for e in episodes(dyad_alert_list, freq)],
            "alerts": dyad_alert_list, "events": found["events"], "total_events": found["total"],
            "total_events_exact": found["total_exact"],
            "limit": limit, "offset": offset, "quotes": dyad_quotes(con, source, target)}


def dyad_quotes(con: duckdb.DuckDBPyConnection, source: str, target: str, limit: int = 20) -> list[Json]:
    """What one side said about the other: quotes an event of the dyad was coded from, and
    quotes by a speaker of one side that name the other side."""
    chosen = []
    for quote in quotes.dyad_quotes(con, source, target):
        speaker = (quote.get("speaker") or {}).get("country")
        other = target if speaker == source else source if speaker == target else None
        if quote["coded"] or (other and other != speaker and names_country(quote["text"], other)):
            chosen.append(quote)
    return chosen[:limit]


def event_list(con: duckdb.DuckDBPyConnection, where: EventFilter, limit: int = 50, offset: int = 0,
               keep: Keep | None = None) -> Json:
    """A page of events matching ``where``, and the outlets to choose from."""
    return {**events.events(con, where, limit, offset, keep=keep), "filters": where_dict(where)}


def where_dict(where: EventFilter) -> Json:
    """The filters as the page's form and links show them (dates as ISO strings)."""
    return {key: (value.isoformat() if isinstance(value, date) else value)
            for key, value in vars(where).items() if value not in (None, False, "")}


def event(con: duckdb.DuckDBPyConnection, event_id: str) -> Json | None:
    """One event with its evidence, its other reports, its quotes and its stories."""
    return events.event_detail(con, event_id)


def article(con: duckdb.DuckDBPyConnection, doc_id: str) -> Json | None:
    """An article as a coded document: its text cut into pieces, each trigger and quote
    marked in place, with its events and quotes listed and its stories."""
    found = articles.article(con, doc_id)
    if found is None:
        return None
    found["pieces"] = annotate(found.pop("text"), found["events"], found["quotes"])
    for record in found["events"]:
        record["evidence"] = events.evidence(record)
    return found


def actor(con: duckdb.DuckDBPyConnection, name: str, limit: int = 20) -> Json | None:
    """An actor: who they are, whom they act on, their latest events and quotes."""
    found = actors.actor(con, name)
    if found is None:
        return None
    latest = events.events(con, EventFilter(actor=name), limit)
    return {**found, "events": latest["events"], "total_events": latest["total"],
            "total_events_exact": latest["total_exact"]}


def network(con: duckdb.DuckDBPyConnection, cache: DailyCache) -> Json:
    """The actor network's nodes and edges, with its chart (an aggregate of every event, kept)."""
    def build() -> Json:
        graph = actor_network.network(con)
        return {**graph, "chart": charts.network(graph)}

    return cache.kept(con, "network", build)


def stories(con: duckdb.DuckDBPyConnection, limit: int = 50, offset: int = 0) -> Json:
    """A page of stories with their titles; ``available`` is false until stories are grouped."""
    found = story_queries.stories(con, limit, offset)
    for row in found["stories"]:
        row["title"] = _title(row, row["pairs"], row["roots"])
    return {"available": found["total"] > 0, **found, "limit": limit, "offset": offset}


def _title(row: Json, pairs: list[str], roots: list[str]) -> str:
    first, last = (date.fromisoformat(row[k]) if row.get(k) else None for k in ("first_published", "last_published"))
    return story_title(pairs, roots, len(row["outlets"]), first, last, row.get("title") or row["story_id"])


def story(con: duckdb.DuckDBPyConnection, story_id: str) -> Json | None:
    """A story with its title, and its quote variants cut into ``parts`` (``{"text", "only"}``),
    so a template marks the words only one outlet has without building markup from article
    text. Only content words count as an outlet's own (stores written before that rule may
    hold function words)."""
    found = story_queries.story(con, story_id)
    if found is None:
        return None
    dated = [a["published"] for a in found["articles"] if a["published"]]
    found["title"] = _title({"outlets": found["outlets"], "story_id": story_id,
                             "first_published": min(dated, default=None), "last_published": max(dated, default=None),
                             "title": found["articles"][0]["title"]},
                            [f"{min(c['source'], c['target'])}-{max(c['source'], c['target'])}"
                             for c in found["clusters"] if c["source"] and c["target"]],
                            [r for c in found["clusters"] for r in c["roots"][:1]])
    for group in found["quote_variants"]:
        group["only_in"] = [{**o, "words": content_words(o["words"])} for o in group["only_in"]]
        group["only_in"] = [o for o in group["only_in"] if o["words"]]
        for variant in group["variants"]:
            variant["parts"] = [{"text": text, "only": only} for text, only in
                                marked_parts(variant["text"], content_words(variant["only_words"]))]
    return found
