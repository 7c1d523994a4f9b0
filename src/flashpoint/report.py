"""The shareable report: the dashboard's views in one self-contained HTML file.

Everything is inline (stylesheet, plotly.js from the installed ``plotly`` package, our chart
script, and every chart's data), so the file can be mailed and opened offline, with no server
and no CDN. It renders the same templates as the server, with links turned into anchors.
"""
from __future__ import annotations

from datetime import datetime, timezone
from pathlib import Path

import duckdb

from flashpoint.analysis.dyads import DailyCache, dyad_table
from flashpoint.api import assets, queries, views
from flashpoint.api.render import Links, render
from flashpoint.store import Store


def _script(name: str) -> str:
    """A script's text made safe to inline: it must not close its own <script> element."""
    return assets.read(name).replace("</script", "<\\/script")


def build_report(con: duckdb.DuckDBPyConnection, max_dyads: int = 10) -> str:
    """The report's HTML: overview, the most hostile dyads, the network, and the stories."""
    cache = DailyCache()
    dyads = [views.dyad(con, cache, d["source"], d["target"])
             for d in dyad_table(con, limit=max_dyads, order="hostile")]
    stories = views.stories(con)
    details = [queries.story(con, s["story_id"]) for s in stories["stories"]]
    inline = {"css": assets.read("style.css"), "plotly": _script("plotly.min.js"),
              "js": _script("dashboard.js")}
    return render("report.html", Links(inline=True), inline=inline, title="flashpoint report",
                  generated=datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
                  overview=views.overview(con, cache), dyads=[d for d in dyads if d],
                  network=views.network(con), stories=stories,
                  story_details=[s for s in details if s])


def write_report(db: str | Path, output: str | Path, max_dyads: int = 10) -> Path:
    """Render the report of database ``db`` into ``output``."""
    with Store(db) as store:
        html = build_report(store.con, max_dyads)
    path = Path(output)
    path.write_text(html, encoding="utf-8")
    return path
