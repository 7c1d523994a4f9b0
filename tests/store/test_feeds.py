"""The feed reader's memory in the store: kept across openings, validators replaced."""
from __future__ import annotations

from pathlib import Path

from flashpoint.feeds import KeptValidators, Validators
from flashpoint.store import Store
from flashpoint.store.feeds import FeedState


def test_seen_urls_and_validators_outlive_the_process(tmp_path: Path) -> None:
    db = tmp_path / "monitor.duckdb"
    with Store(db) as store:
        state = FeedState(store)
        assert not state.has("https://a.example/1")
        state.add("https://a.example/1")
        state.add("https://a.example/1")  # again: no error, one row
        KeptValidators(state).put("https://a.example/rss", Validators('"v1"', None))
        KeptValidators(state).put("https://a.example/rss", Validators('"v2"', "Mon, 01 Jun 2026 10:00:00 GMT"))
    with Store(db) as store:
        state = FeedState(store)
        assert state.has("https://a.example/1") and not state.has("https://a.example/2")
        assert KeptValidators(state).get("https://a.example/rss") == Validators('"v2"', "Mon, 01 Jun 2026 10:00:00 GMT")
        assert KeptValidators(state).get("https://b.example/rss") is None
