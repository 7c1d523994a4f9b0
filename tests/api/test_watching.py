"""``serve --watch``: the watch loop runs in the server, writes through its store, stops with it."""
from __future__ import annotations

import time
from pathlib import Path

from fastapi.testclient import TestClient

from flashpoint.api import create_app
from flashpoint.api.watching import Watch
from flashpoint.feeds import FetchPolicy
from flashpoint.ingest import Article
from flashpoint.records import Extraction
from flashpoint.store import Store
from tests.feeds.site import FeedSite

ATOM_PAGES = 5


def _no_records(articles: list[Article]) -> list[Extraction]:
    return [Extraction(a) for a in articles]


def _grouped(client: TestClient) -> int:
    """Articles in the stories the dashboard lists (each is stored, then grouped)."""
    return sum(s["articles"] for s in client.get("/api/stories").json()["stories"])


def test_the_server_ingests_its_feeds_groups_them_and_stops_on_shutdown(
        site: FeedSite, policy: FetchPolicy, tmp_path: Path) -> None:
    db = tmp_path / "monitor.duckdb"
    Store(db).close()
    watch = Watch([site.url("/atom.xml")], every=3600, policy=policy)
    with TestClient(create_app(db, extractor=_no_records, watch=watch)) as client:
        thread = client.app.state.watcher
        deadline = time.monotonic() + 60
        while _grouped(client) < ATOM_PAGES and time.monotonic() < deadline:
            time.sleep(0.1)
        stories = client.get("/api/stories").json()["stories"]
        assert thread.is_alive()  # waiting for the next poll
    assert not thread.is_alive()
    assert sum(s["articles"] for s in stories) == ATOM_PAGES
    with Store(db) as store:
        assert store.counts()["articles"] == ATOM_PAGES


def test_without_feeds_there_is_no_watch_thread(db: Path) -> None:
    with TestClient(create_app(db)) as client:
        assert client.app.state.watcher is None
