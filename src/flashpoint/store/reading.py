"""What the read queries share: their JSON-ready result type and row helpers."""
from __future__ import annotations

import json
from datetime import date
from typing import Any

import duckdb

#: JSON-ready data (dates as ISO strings) as the API returns it and the templates render it.
Json = dict[str, Any]


def dicts(cursor: duckdb.DuckDBPyConnection) -> list[Json]:
    """The rows of an executed query as dicts keyed by column name."""
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def records(rows: list[tuple[Any, ...]]) -> list[Json]:
    """The record JSON of the first column of ``rows``, parsed."""
    return [json.loads(row[0]) for row in rows]


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of the main tables: the size of the store."""
    row = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
                      "(SELECT count(*) FROM quotes), (SELECT count(*) FROM actors)").fetchone()
    articles, events, quotes, actors = row if row else (0, 0, 0, 0)
    return {"articles": articles, "events": events, "quotes": quotes, "actors": actors}
