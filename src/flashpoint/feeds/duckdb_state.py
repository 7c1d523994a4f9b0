"""The watch's memory kept in a DuckDB file: seen URLs and feed validators, across runs.

``flashpoint watch --once`` from cron is a new process every time; without this it would
fetch every article again and never send a conditional request. The tables live beside the
store's in the same file (``--db``), in their own ``feed_*`` tables.
"""
from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Self

import duckdb

from flashpoint.errors import StoreError
from flashpoint.feeds.validators import Validators

SCHEMA = """
CREATE TABLE IF NOT EXISTS feed_seen (url VARCHAR PRIMARY KEY, seen_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS feed_validators (
    url VARCHAR PRIMARY KEY, etag VARCHAR, last_modified VARCHAR
);
"""


class DuckDBFeedState:
    """A ``Seen`` and a ``ValidatorCache`` over one DuckDB file; use as a context manager."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path)
            self.con.execute(SCHEMA)
        except duckdb.Error as err:
            raise StoreError(f"E020 {self.path}: cannot open the database ({err})") from err

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.con.close()

    def has(self, url: str) -> bool:
        return self.con.execute("SELECT 1 FROM feed_seen WHERE url = ?", [url]).fetchone() is not None

    def add(self, url: str) -> None:
        now = datetime.now(UTC).replace(tzinfo=None)
        self.con.execute("INSERT OR IGNORE INTO feed_seen VALUES (?, ?)", [url, now])

    def get(self, url: str) -> Validators | None:
        row = self.con.execute("SELECT etag, last_modified FROM feed_validators WHERE url = ?",
                               [url]).fetchone()
        return Validators(row[0], row[1]) if row else None

    def put(self, url: str, validators: Validators) -> None:
        self.con.execute("INSERT OR REPLACE INTO feed_validators VALUES (?, ?, ?)",
                         [url, validators.etag, validators.last_modified])
