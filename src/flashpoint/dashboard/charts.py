"""Plotly figure specifications (plain JSON) for the dashboard and the report.

Figures are built here as data and drawn in the browser by plotly.js, which is served from
the installed ``plotly`` package (never a CDN), so the dashboard and the mailed report both
work offline. Only the JavaScript of that package is used, not its Python figure API.

Time axes are dates, never times: ticks fall on whole days (or weeks, months) and are
labelled "4 Jan 2026"; a short series is padded to a week so one day is not a full-width
bar. Counts are integers, ticked in whole numbers. Every point carries in ``customdata``
the events it stands for (``{"events": query}`` or ``{"actor": name}``), which
``dashboard.js`` turns into a link: a click on a bar opens the events of that day.
"""
from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from datetime import date, datetime, time, timedelta
from typing import Any

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
QUAD_COLOURS = {1: "#4c9be8", 2: "#1f5fa8", 3: "#f0a030", 4: "#c0392b"}
#: What a bar counts, said on every chart that counts events (see ``store.filters.COUNTED``).
EVENT_DEFINITION = ("Each real-world event counts once, however many outlets report it; "
                    "negated and hypothetical events are left out.")
DAY_MS = 86_400_000
#: Tick spacings a date axis may use, shortest first: days (in ms), then months.
_TICKS: tuple[tuple[float, int | str], ...] = (
    (1, DAY_MS), (2, 2 * DAY_MS), (7, 7 * DAY_MS), (14, 14 * DAY_MS), (30.4, "M1"), (61, "M2"),
    (91, "M3"), (182, "M6"), (365, "M12"), (730, "M24"))
DATE_FORMAT = "%-d %b %Y"


def date_axis(first: date, last: date, step_days: int) -> dict[str, Any]:
    """An x axis of whole days from ``first`` to ``last`` (the periods' starts), at most
    about eight ticks, never a time of day, padded to at least a week of periods."""
    pad = timedelta(days=step_days * 0.6)
    low, high = datetime.combine(first, time()) - pad, datetime.combine(last, time()) + pad
    shortest = timedelta(days=7 * step_days)
    if high - low < shortest:
        extra = (shortest - (high - low)) / 2
        low, high = low - extra, high + extra
    span_days = (high - low).days
    dtick = next((tick for days, tick in _TICKS if days >= step_days and span_days / days <= 8), "M60")
    return {"type": "date", "range": [low.isoformat(sep=" "), high.isoformat(sep=" ")], "dtick": dtick,
            "tick0": first.isoformat(), "tickformat": DATE_FORMAT, "hoverformat": DATE_FORMAT,
            "showgrid": False}


def count_axis(largest: int, title: str) -> dict[str, Any]:
    """A y axis of whole numbers from zero: at most about six ticks, never 0.5."""
    step = max(1, math.ceil(largest / 6))
    magnitude = 10 ** max(0, len(str(step)) - 1)
    step = next(m * magnitude for m in (1, 2, 5, 10) if m * magnitude >= step)
    return {"title": {"text": title}, "rangemode": "tozero", "tickformat": "d", "dtick": step,
            "range": [0, max(largest, 1) * 1.08]}


def timeline(series: Sequence[Mapping[str, Any]], title: str, freq: str, dyad: str,
             undated: int = 0) -> dict[str, Any]:
    """Stacked event counts by QuadClass (bars) with the Goldstein mean (line, right axis).

    ``dyad`` (SOURCE-TARGET) and ``freq`` make each bar's drill-down: the events of that
    dyad from the period's first day to its last. ``undated`` events are counted in the
    title, since they cannot stand on a time axis.
    """
    step = 7 if freq == "week" else 1
    x = [p["period"] for p in series]
    drill = [{"events": _query(dyad, p["period"], step)} for p in series]
    bars = [{"type": "bar", "name": QUAD_NAMES[q], "x": x, "y": [p[f"q{q}"] for p in series],
             "customdata": drill, "width": step * DAY_MS * 0.8,
             "marker": {"color": QUAD_COLOURS[q]},
             "hovertemplate": f"%{{x}}: %{{y:d}} {QUAD_NAMES[q]}<extra></extra>"} for q in QUAD_NAMES]
    line = {"type": "scatter", "mode": "lines+markers", "name": "Goldstein mean", "x": x,
            "y": [p["goldstein_mean"] for p in series], "yaxis": "y2", "connectgaps": False,
            "customdata": drill, "line": {"color": "#777"},
            "hovertemplate": "%{x}: Goldstein mean %{y:.1f}<extra></extra>"}
    heading = f"{title}, events per {freq}"
    if undated:
        heading += f" (+{undated} undated, not on the time axis)"
    first, last = (date.fromisoformat(x[i]) for i in (0, -1))
    layout = {"title": {"text": heading, "font": {"size": 14}}, "barmode": "stack", "height": 380,
              "margin": {"l": 50, "r": 50, "t": 50, "b": 40},
              "legend": {"orientation": "h", "y": -0.18},
              "xaxis": date_axis(first, last, step),
              "yaxis": count_axis(max((p["events"] for p in series), default=0), "events"),
              "yaxis2": {"title": {"text": "Goldstein"}, "overlaying": "y", "side": "right",
                         "range": [-10.5, 10.5], "tickmode": "linear", "dtick": 5, "showgrid": False,
                         "zeroline": True}}
    return {"data": [*bars, line], "layout": layout}


def _query(dyad: str, period: str, step: int) -> dict[str, str]:
    """The events filter of one period of a dyad's series."""
    end = date.fromisoformat(period) + timedelta(days=step - 1)
    return {"dyad": dyad, "start": period, "end": end.isoformat()}


def network(graph: dict[str, Any]) -> dict[str, Any]:
    """Actors on a circle; an edge's colour is its mean Goldstein score (red is hostile).
    A node's ``customdata`` opens its actor's page."""
    position = {n["name"]: (n["x"], n["y"]) for n in graph["nodes"]}
    edges = []
    for edge in graph["edges"]:
        (x0, y0), (x1, y1) = position[edge["source"]], position[edge["target"]]
        # A -> B and B -> A run side by side rather than on top of each other.
        length = math.hypot(x1 - x0, y1 - y0) or 1.0
        dx, dy = -(y1 - y0) / length * 0.025, (x1 - x0) / length * 0.025
        x0, y0, x1, y1 = x0 + dx, y0 + dy, x1 + dx, y1 + dy
        hostile = (edge["goldstein_mean"] or 0) < 0
        edges.append({"type": "scatter", "mode": "lines", "x": [x0, x1], "y": [y0, y1],
                      "hoverinfo": "text", "showlegend": False,
                      "text": f"{edge['source']} → {edge['target']}: {edge['events']} events, "
                              f"Goldstein {edge['goldstein_mean']}",
                      "line": {"width": 1 + min(edge["events"], 40) / 5,
                               "color": "#c0392b" if hostile else "#1f5fa8"}})
    nodes = {"type": "scatter", "mode": "markers+text", "showlegend": False, "textposition": "top center",
             "x": [n["x"] for n in graph["nodes"]], "y": [n["y"] for n in graph["nodes"]],
             "text": [n["name"] for n in graph["nodes"]],
             "customdata": [{"actor": n["name"]} for n in graph["nodes"]],
             "hovertemplate": "%{text}<extra>click: the actor's page</extra>",
             "marker": {"size": [8 + min(n["events"], 60) / 3 for n in graph["nodes"]], "color": "#555"}}
    axis = {"visible": False, "range": [-1.4, 1.4]}
    return {"data": [*edges, nodes],
            "layout": {"height": 520, "xaxis": axis, "yaxis": {**axis, "scaleanchor": "x"},
                       "margin": {"l": 10, "r": 10, "t": 10, "b": 10}}}
