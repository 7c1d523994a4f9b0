"""The shareable report: the dashboard's views in one self-contained HTML file.

Everything is inline (stylesheet, plotly.js from the installed ``plotly`` package, our chart
script, and every chart's data), so the file can be mailed and opened offline, with no server
and no CDN. It renders the same views and templates as the server, with links turned into
anchors: the overview, the events with their filters (applied in the browser, from the
address's ``#events?...``, so a chart's bar or an alert opens the events behind it), the
most hostile dyads, the articles those events come from with every event and quote marked,
the network and the stories. ``flashpoint.service.report`` writes it to a file.
"""
from __future__ import annotations

from datetime import UTC, datetime

from flashpoint.codebook import PLOVER_TYPES
from flashpoint.dashboard import assets, views
from flashpoint.dashboard.render import Links, render
from flashpoint.store import Store
from flashpoint.store.dyads import DailyCache, dyad_table
from flashpoint.store.filters import EventFilter

#: The most events (newest first) and articles a report holds; the report says when it is cut.
MAX_EVENTS = 2000


def _script(name: str) -> str:
    """A script's text made safe to inline: it must not close its own <script> element."""
    return assets.read(name).replace("</script", "<\\/script")


def build_report(store: Store, max_dyads: int = 10) -> str:
    """The report's HTML: overview, events, the most hostile dyads, articles, network, stories."""
    cache = DailyCache(store)
    with store.cursor() as con:
        dyads = [views.dyad(con, cache, d["source"], d["target"])
                 for d in dyad_table(con, limit=max_dyads, order="hostile")]
        listing = views.event_list(con, EventFilter(), limit=MAX_EVENTS)
        doc_ids = list(dict.fromkeys(e["doc_id"] for e in listing["events"]))
        articles = [views.article(con, doc_id) for doc_id in doc_ids]
        stories = views.stories(con, limit=500)
        details = [views.story(con, s["story_id"]) for s in stories["stories"]]
        overview, network = views.overview(con, cache), views.network(con, cache)
    listing.update(plover_types=PLOVER_TYPES, capped=listing["total"] > len(listing["events"]))
    inline = {"css": assets.read("style.css"), "plotly": _script("plotly.min.js"),
              "js": _script("dashboard.js")}
    return render("report.html", Links(inline=True), inline=inline, title="flashpoint report",
                  generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"), overview=overview,
                  listing=listing, dyads=[d for d in dyads if d], articles=[a for a in articles if a],
                  network=network, stories=stories, story_details=[s for s in details if s])
