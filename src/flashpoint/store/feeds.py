"""The feed reader's memory in the store: which article URLs were ingested, and each feed's
validators (ETag, Last-Modified).

``flashpoint watch --once`` from cron is a new process every time, and ``serve --watch``
restarts with the server: without this memory every run would fetch every article again and
never send a conditional request. It lives in the store's own file, so a store and what its
monitor has done cannot drift apart. Reads go through a cursor, writes through the store's
writer (``Store._transaction``: in a server's shared store, the writer's place is taken for
the write alone), so the watch thread shares the store with the request threads safely.
"""
from __future__ import annotations

from datetime import UTC, datetime

from flashpoint.store.database import Store


class FeedState:
    """Seen URLs (``has``/``add``, the watch's ``Seen``) and feed validators of one store."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def has(self, url: str) -> bool:
        with self.store.cursor() as con:
            return con.execute("SELECT 1 FROM feed_seen WHERE url = ?", [url]).fetchone() is not None

    def add(self, url: str) -> None:
        now = datetime.now(UTC).replace(tzinfo=None)
        with self.store._transaction("the URLs seen") as con:
            con.execute("INSERT OR IGNORE INTO feed_seen VALUES (?, ?)", [url, now])

    def validators(self, url: str) -> tuple[str | None, str | None] | None:
        """(etag, last_modified) remembered for ``url``, or None."""
        with self.store.cursor() as con:
            row = con.execute("SELECT etag, last_modified FROM feed_validators WHERE url = ?", [url]).fetchone()
        return (row[0], row[1]) if row else None

    def save_validators(self, url: str, etag: str | None, last_modified: str | None) -> None:
        with self.store._transaction("feed validators") as con:
            con.execute("INSERT OR REPLACE INTO feed_validators VALUES (?, ?, ?)", [url, etag, last_modified])
