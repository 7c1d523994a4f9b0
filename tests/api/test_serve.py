"""`flashpoint serve`: refuses a missing database, else hands uvicorn the app."""
from __future__ import annotations

from pathlib import Path

import uvicorn
from fastapi import FastAPI
from typer.testing import CliRunner

from flashpoint.cli import app


def test_serve_needs_an_existing_database(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 2 and not (tmp_path / "none.duckdb").exists()


def test_serve_runs_the_app_on_the_port(db: Path, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: calls.append((application, kw)))
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--port", "8123"])
    assert result.exit_code == 0, result.output
    application, options = calls[0]
    assert isinstance(application, FastAPI) and options["port"] == 8123
    application.state.store.close()
