"""Alerts are computed when articles are stored and read from the store; a store whose alerts
are out of date (bulk-loaded, upgraded) is still answered right, by computing them."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from fastapi.testclient import TestClient

from flashpoint import service
from flashpoint.analysis.alerts import dyad_alerts
from flashpoint.api import create_app
from flashpoint.records import Extraction
from flashpoint.store import Store
from flashpoint.store import alerts as stored
from flashpoint.store.dyads import daily
from tests.synthetic import article, populate, synthetic_event


def _stale(path: Path) -> Path:
    with Store(path) as store:
        populate(store.save_article)                 # straight to the writer: no alerts computed
    return path


def test_stored_alerts_are_the_computed_ones(tmp_path: Path) -> None:
    db = _stale(tmp_path / "m.duckdb")
    with TestClient(create_app(db)) as client:
        computed = client.get("/api/alerts", params={"limit": 500}).json()
    with Store(db) as store:
        with store.cursor() as con:
            assert not stored.current(con)
        service.refresh_alerts(store)
        with store.cursor() as con:
            assert stored.current(con)
    with TestClient(create_app(db)) as client:
        read = client.get("/api/alerts", params={"limit": 500}).json()
    key = ("rule", "source", "target", "period", "severity", "title")
    assert read["total"] == computed["total"] > 0
    assert [tuple(a[k] for k in key) for a in read["alerts"]] == [tuple(a[k] for k in key) for a in computed["alerts"]]


def test_ingest_refreshes_the_alerts_of_the_dyads_it_touched(tmp_path: Path) -> None:
    """Incremental: after an ingest the stored alerts equal a computation from scratch."""
    db = _stale(tmp_path / "m.duckdb")
    sentence = "US forces attacked a boat."
    late = article("late", f"Bogota, February 15, 2026. {sentence}", date(2026, 2, 15))

    def extractor(articles):
        return [Extraction(a, [synthetic_event(a, "USA", "COL", "190", sentence, "attacked")], []) for a in articles]

    with Store(db) as store:
        service.refresh_alerts(store)
        with store.cursor() as con:
            before = stored.stored_version(con)
        service.ingest(store, [late], extractor)
        with store.cursor() as con:
            assert stored.current(con) and stored.stored_version(con) != before
            kept = stored.alerts(con, limit=10_000)["alerts"]
            fresh = [a.as_dict() for a in dyad_alerts(daily(con))]
    key = ("rule", "source", "target", "period")
    assert sorted(tuple(a[k] for k in key) for a in kept) == sorted(tuple(a[k] for k in key) for a in fresh)
