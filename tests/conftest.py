"""Shared fixtures: the pipeline (loaded once) and the read-only ../shared data.

Tests that need ../shared skip with a reason where it is absent, except in CI
(FLASHPOINT_REQUIRE_SHARED=1), where a missing ../shared is a failure.
"""
from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests check what is answered, never how fast: speed is measured in `make bench`. On
# 2 shared cores a first example that paid a one-time cost took 518 ms against Hypothesis's
# 200 ms deadline, and 1.5 ms when run again, failing a run that was right.
settings.register_profile("flashpoint", deadline=None)
settings.load_profile("flashpoint")

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared, or skip (fail in CI) when it is not there."""
    if not (SHARED / "seeds").is_dir():
        if os.environ.get("FLASHPOINT_REQUIRE_SHARED"):
            pytest.fail(f"{SHARED} is missing; CI needs the shared evaluation data")
        pytest.skip(f"{SHARED} not found: tests on the real articles need ../shared")
    return SHARED


@pytest.fixture(scope="session")
def seed_paths(shared_dir: Path) -> list[Path]:
    return sorted((shared_dir / "seeds").glob("*.txt"))


@pytest.fixture(scope="session")
def nlp():
    """The full flashpoint pipeline, loaded once for the whole test session."""
    from flashpoint.nlp.pipeline import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def story_db_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A synthetic monitor history with one cross-outlet story, built once per session."""
    from flashpoint.store import Store
    from tests.synthetic import link_story, populate

    path = tmp_path_factory.mktemp("story-db") / "monitor.duckdb"
    with Store(path) as store:
        populate(store.save_article)
        link_story(store)
    return path


@pytest.fixture(scope="module")
def story_db(story_db_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of that history for one test module to read and write."""
    import shutil

    return Path(shutil.copy(story_db_template, tmp_path_factory.mktemp("story") / "monitor.duckdb"))
