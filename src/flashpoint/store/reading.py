"""What the read queries share: their JSON-ready result type and row helpers."""
from __future__ import annotations

from collections.abc import Callable, Hashable
from datetime import date
from typing import Any, Protocol, TypeVar

import duckdb
import orjson

#: Matches counted exactly for a page; beyond, a total is reported as the cap, not exact.
COUNT_CAP = 10_000
#: JSON-ready data (dates as ISO strings) as the API returns it and the templates render it.
Json = dict[str, Any]
T = TypeVar("T")
#: An article's outlet as people name it (SQL over ``articles a``): its metadata's outlet,
#: else the site of its URL, else its file name, else its doc_id; never a bare file id when
#: something better is known. ``analysis.compare.outlet_of`` is the same rule in Python.
OUTLET = ("coalesce(nullif(a.outlet, ''), nullif(regexp_extract(a.url, '^[a-zA-Z]+://(?:www\\.)?([^/:?#]+)', 1), ''), "
          "nullif(regexp_extract(a.source_path, '([^/\\\\]+)$', 1), ''), a.doc_id)")


class Keep(Protocol):
    """How a caller keeps values between requests (``DailyCache.kept`` of one cursor): the
    value kept under a key while the store's data are unchanged, else ``compute()``."""

    def __call__(self, key: Hashable, compute: Callable[[], T], /) -> T: ...


def keep_or_compute(keep: Keep | None, key: Hashable, compute: Callable[[], T]) -> T:
    """``compute()``, through ``keep`` when the caller keeps values (a server), else at once
    (the CLI and the report, which ask each value once)."""
    return keep(key, compute) if keep else compute()


def dicts(cursor: duckdb.DuckDBPyConnection) -> list[Json]:
    """The rows of an executed query as dicts keyed by column name."""
    names = [d[0] for d in cursor.description or []]
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def iso(value: date | None) -> str | None:
    return value.isoformat() if value else None


def parsed(record: str) -> Json:
    """A stored record (JSON), parsed by orjson: a page of fifty events in 0.15 ms, where
    the standard library takes 0.5."""
    found: Json = orjson.loads(record)
    return found


def records(rows: list[tuple[Any, ...]]) -> list[Json]:
    """The record JSON of the first column of ``rows``, parsed."""
    return [parsed(row[0]) for row in rows]


def counts(con: duckdb.DuckDBPyConnection) -> dict[str, int]:
    """Rows of the main tables: the size of the store."""
    row = con.execute("SELECT (SELECT count(*) FROM articles), (SELECT count(*) FROM events), "
                      "(SELECT count(*) FROM quotes), (SELECT count(*) FROM actors)").fetchone()
    articles, events, quotes, actors = row if row else (0, 0, 0, 0)
    return {"articles": articles, "events": events, "quotes": quotes, "actors": actors}


def writes(con: duckdb.DuckDBPyConnection) -> int:
    """How many writes the store has had (``schema._V8``): the version of its data, which
    changes with any write, read from one row."""
    row = con.execute("SELECT writes FROM store_state").fetchone()
    return int(row[0]) if row else 0


def told_by_page(found: int, limit: int, offset: int) -> tuple[int, bool] | None:
    """The total a page of ``found`` rows tells by itself, as ``capped_count`` would give it,
    or None. A page shorter than ``limit`` was looked for down to the last match, so it holds
    every match from ``offset`` on; past the end (no rows at an offset) it tells nothing."""
    seen = offset + found
    if found < limit and (found or not offset) and seen <= COUNT_CAP:
        return seen, True
    return None


def capped_count(con: duckdb.DuckDBPyConnection, table: str, clause: str, params: list[object],
                 cap: int | None = None) -> tuple[int, bool]:
    """How many rows of ``table`` match ``clause``, exactly up to ``cap`` (``COUNT_CAP``), and
    whether that is exact: past the cap, ``total`` is the cap and ``total_exact`` false, so
    that no page of a large store costs a count of every match (the scan stops at the cap)."""
    if not clause:
        row = con.execute(f"SELECT count(*) FROM {table}").fetchone()  # from the table's metadata
        return (row[0] if row else 0), True
    cap = COUNT_CAP if cap is None else cap
    row = con.execute(f"SELECT count(*) FROM (SELECT 1 FROM {table} {clause} LIMIT ?)",
                      [*params, cap + 1]).fetchone()
    found = row[0] if row else 0
    return min(found, cap), found <= cap
