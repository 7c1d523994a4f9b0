"""Each router works on its own: the dependencies are all it needs from the app."""
from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.testclient import TestClient

from flashpoint.api.routes import dyads, events
from flashpoint.store import Store
from flashpoint.store.dyads import DailyCache


def test_a_router_runs_alone_on_a_bare_app(db: Path) -> None:
    bare = FastAPI()
    bare.include_router(events.router)
    bare.include_router(dyads.router)
    with Store(db) as store, TestClient(bare) as client:
        bare.state.store, bare.state.cache = store, DailyCache(store)
        assert client.get("/api/events", params={"limit": 1}).json()["total"] == 157
        series = client.get("/api/dyads/USA/COL/series").json()["series"]
        assert sum(p["events"] for p in series) == 59
        assert client.get("/api/quotes").status_code == 404          # not mounted here
