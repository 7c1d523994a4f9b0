"""A store with a known monitor history (calm, then an escalation) and a client on it."""
from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from flashpoint.api import create_app
from flashpoint.store import Store
from tests.feeds.conftest import policy, running_sites, site  # noqa: F401 (the feed site, for serve --watch)
from tests.synthetic import populate


@pytest.fixture(scope="session")
def monitor_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("monitor") / "monitor.duckdb"
    with Store(path) as store:
        populate(store.save_article)
    return path


@pytest.fixture()
def db(monitor_db: Path, tmp_path: Path) -> Path:
    """A fresh copy of the history for each test (some tests add stories or articles)."""
    return Path(shutil.copy(monitor_db, tmp_path / "monitor.duckdb"))


@pytest.fixture()
def client(db: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.delenv("FLASHPOINT_API_TOKEN", raising=False)
    with TestClient(create_app(db)) as test_client:
        yield test_client
