"""Plotly figure specifications (plain JSON) for the dashboard and the report.

Figures are built here as data and drawn in the browser by plotly.js, which is served from
the installed ``plotly`` package (never a CDN), so the dashboard and the mailed report both
work offline. Only the JavaScript of that package is used, not its Python figure API.
"""
from __future__ import annotations

import math
from typing import Any

QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
QUAD_COLOURS = {1: "#4c9be8", 2: "#1f5fa8", 3: "#f0a030", 4: "#c0392b"}


def timeline(series: list[dict[str, Any]], title: str) -> dict[str, Any]:
    """Stacked event counts by QuadClass (bars) with the Goldstein mean (line, right axis)."""
    x = [p["period"] for p in series]
    bars = [{"type": "bar", "name": QUAD_NAMES[q], "x": x, "y": [p[f"q{q}"] for p in series],
             "marker": {"color": QUAD_COLOURS[q]}} for q in QUAD_NAMES]
    line = {"type": "scatter", "mode": "lines+markers", "name": "Goldstein mean", "x": x,
            "y": [p["goldstein_mean"] for p in series], "yaxis": "y2", "connectgaps": False,
            "line": {"color": "#222"}}
    layout = {"title": {"text": title}, "barmode": "stack", "height": 380,
              "margin": {"l": 50, "r": 50, "t": 50, "b": 40},
              "legend": {"orientation": "h", "y": -0.15},
              "yaxis": {"title": {"text": "events"}},
              "yaxis2": {"title": {"text": "Goldstein"}, "overlaying": "y", "side": "right",
                         "range": [-10.5, 10.5], "tickmode": "linear", "dtick": 5, "showgrid": False,
                         "zeroline": True}}
    return {"data": [*bars, line], "layout": layout}


def network(graph: dict[str, Any]) -> dict[str, Any]:
    """Actors on a circle; an edge's colour is its mean Goldstein score (red is hostile)."""
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
             "marker": {"size": [8 + min(n["events"], 60) / 3 for n in graph["nodes"]], "color": "#333"}}
    axis = {"visible": False, "range": [-1.4, 1.4]}
    return {"data": [*edges, nodes],
            "layout": {"height": 520, "xaxis": axis, "yaxis": {**axis, "scaleanchor": "x"},
                       "margin": {"l": 10, "r": 10, "t": 10, "b": 10}}}
