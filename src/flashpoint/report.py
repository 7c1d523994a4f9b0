"""The shareable report: the dashboard's views in one self-contained HTML file.

Everything is inline (stylesheet, plotly.js from the installed ``plotly`` package, our chart
script, and every chart's data), so the file can be mailed and opened offline, with no server
and no CDN. It renders the same views and templates as the server, with links turned into
anchors. ``flashpoint.service.report`` writes it to a file.
"""
from __future__ import annotations

from datetime import UTC, datetime

from flashpoint.dashboard import assets, views
from flashpoint.dashboard.render import Links, render
from flashpoint.store import Store
from flashpoint.store.dyads import DailyCache, dyad_table


def _script(name: str) -> str:
    """A script's text made safe to inline: it must not close its own <script> element."""
    return assets.read(name).replace("</script", "<\\/script")


def build_report(store: Store, max_dyads: int = 10) -> str:
    """The report's HTML: overview, the most hostile dyads, the network, and the stories."""
    cache = DailyCache()
    with store.cursor() as con:
        dyads = [views.dyad(con, cache, d["source"], d["target"])
                 for d in dyad_table(con, limit=max_dyads, order="hostile")]
        stories = views.stories(con)
        details = [views.story(con, s["story_id"]) for s in stories["stories"]]
        overview, network = views.overview(con, cache), views.network(con)
    inline = {"css": assets.read("style.css"), "plotly": _script("plotly.min.js"),
              "js": _script("dashboard.js")}
    return render("report.html", Links(inline=True), inline=inline, title="flashpoint report",
                  generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
                  overview=overview, dyads=[d for d in dyads if d], network=network, stories=stories,
                  story_details=[s for s in details if s])
