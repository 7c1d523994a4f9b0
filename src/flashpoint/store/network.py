"""The actor network: who acts on whom, and how hostile it is."""
from __future__ import annotations

import math

import duckdb

from flashpoint.store.reading import Json, dicts


def network(con: duckdb.DuckDBPyConnection, limit: int = 60) -> Json:
    """The busiest directed edges between named actors, with the nodes laid out on a circle."""
    edges = dicts(con.execute("""
        SELECT source_name AS source, target_name AS target, count(*) AS events,
               round(avg(goldstein), 2) AS goldstein_mean
        FROM events WHERE source_name IS NOT NULL AND target_name IS NOT NULL
              AND source_name <> target_name
        GROUP BY 1, 2 ORDER BY events DESC, source, target LIMIT ?""", [limit]))
    names = sorted({e[side] for e in edges for side in ("source", "target")})
    nodes = [{"name": name, "x": round(math.cos(2 * math.pi * i / len(names)), 4),
              "y": round(math.sin(2 * math.pi * i / len(names)), 4),
              "events": sum(e["events"] for e in edges if name in (e["source"], e["target"]))}
             for i, name in enumerate(names)]
    return {"nodes": nodes, "edges": edges}
