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


def test_serve_watch_hands_the_app_its_feeds(db: Path, tmp_path: Path, monkeypatch) -> None:
    calls = []
    monkeypatch.setattr(uvicorn, "run", lambda application, **kw: calls.append(application))
    feeds = tmp_path / "FEEDS.txt"
    feeds.write_text("https://news.example/rss  # a feed\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--watch", str(feeds), "--every", "5m"])
    assert result.exit_code == 0, result.output
    application = calls[0]
    assert application.state.watch.feeds == ["https://news.example/rss"] and application.state.watch.every == 300
    application.state.store.close()
    bad = CliRunner().invoke(app, ["serve", "--db", str(db), "--watch", str(feeds), "--every", "soon"])
    assert bad.exit_code == 2 and "soon" in bad.output
