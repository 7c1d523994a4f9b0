"""The watch's memory in a DuckDB file survives the process that wrote it."""
from __future__ import annotations

from pathlib import Path

from flashpoint.feeds import DuckDBFeedState, Validators
from flashpoint.store import Store


def test_seen_urls_and_validators_persist_beside_the_store(tmp_path: Path) -> None:
    db = tmp_path / "monitor.duckdb"
    with DuckDBFeedState(db) as state:
        state.add("http://a.example/1")
        state.add("http://a.example/1")
        state.put("http://a.example/rss", Validators('"e1"', None))
        state.put("http://a.example/rss", Validators('"e2"', "Sun, 01 Mar 2026 08:00:00 GMT"))
    with DuckDBFeedState(db) as state, Store(db) as store:  # both open on one file at once
        assert state.has("http://a.example/1") and not state.has("http://a.example/2")
        assert state.get("http://a.example/rss") == Validators('"e2"', "Sun, 01 Mar 2026 08:00:00 GMT")
        assert state.get("http://a.example/other") is None
        assert store.counts()["articles"] == 0
