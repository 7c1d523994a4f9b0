"""Commands of the monitor: ``serve`` (API + dashboard) and ``report`` (one HTML file)."""
from __future__ import annotations

import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flashpoint.cli._app import app
from flashpoint.cli.batch import Pipeline, Wait, exit_if_failed, ingest_paths, stderr
from flashpoint.cli.terminal import plain
from flashpoint.cli.watch import AllowPrivate, Every, HostInterval, feed_log_to_stderr, interval
from flashpoint.settings import DEFAULT_DB, DEFAULT_LIMITS, DEFAULT_WAIT, ServerLimits

if TYPE_CHECKING:
    from flashpoint.store.database import Access


@app.command()
def serve(
    db: Annotated[Path, typer.Option("--db", help="DuckDB database file.")] = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option("--host", help="Interface to listen on.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="TCP port.")] = 8000,
    max_body: Annotated[int, typer.Option("--max-body", min=1, help="Largest request body in bytes.")]
        = DEFAULT_LIMITS.max_body,
    request_timeout: Annotated[float, typer.Option("--request-timeout", min=0.1, help="Seconds a request "
                                                   "may take (an ingest is stopped after that).")]
        = DEFAULT_LIMITS.request_seconds,
    wait: Wait = DEFAULT_WAIT,
    watch: Annotated[Path | None, typer.Option(
        "--watch", metavar="FEEDS.txt", help="Also poll these feeds and ingest new articles while serving.")] = None,
    every: Every = "15m",
    allow_private: AllowPrivate = False,
    host_interval: HostInterval = 1.0,
) -> None:
    """Serve the JSON API (/api, OpenAPI at /docs) and the dashboard (/) from a database.

    POST /api/articles is enabled only when FLASHPOINT_API_TOKEN is set. The server holds
    the database read-only between its writes, so export, report --db and analyze of
    stored articles work beside it; to add articles while it runs, POST them to it. With
    --watch, the feeds are polled as ``flashpoint watch`` does, in the server, and what they
    bring in shows on the dashboard (grouped into stories) as soon as it is stored.
    """
    import uvicorn

    from flashpoint.api import create_app

    if not db.exists():
        raise typer.BadParameter(f"{plain(db)}: no such database (create it with flashpoint ingest)",
                                 param_hint="--db")
    limits = ServerLimits(max_body=max_body, request_seconds=request_timeout)
    watching = None
    if watch is not None:
        from flashpoint.api.watching import Watch
        from flashpoint.feeds import FetchPolicy
        from flashpoint.feeds.feedlist import read_feed_list

        watching = Watch(read_feed_list(watch), interval(every),
                         FetchPolicy(allow_private=allow_private, host_interval=host_interval))
    with feed_log_to_stderr():
        uvicorn.run(create_app(db, limits=limits, wait=wait, watch=watching), host=host, port=port,
                    log_level="info")


@app.command()
def report(
    paths: Annotated[list[str] | None, typer.Argument(
        help="Articles to ingest first (files, directories or -); optional with --db.")] = None,
    output: Annotated[Path, typer.Option("-o", "--output", help="HTML file to write.")] = Path("report.html"),
    db: Annotated[Path | None, typer.Option("--db", help="Database to add to and report on "
                                            "(default: a temporary one).")] = None,
    pipeline: Pipeline = None,
    wait: Wait = DEFAULT_WAIT,
) -> None:
    """Write a self-contained HTML report (charts and data inline; opens offline).

    Articles given are ingested and compared across outlets first (as ``flashpoint compare``
    does), so the report's stories show their quote variants and hedges. With --db and no
    articles the database is only read, so this works while flashpoint serve runs on it.
    """
    from flashpoint import service
    from flashpoint.ingest import Article
    from flashpoint.store import Store

    if not paths and db is None:
        raise typer.BadParameter("give articles to report on, or an existing --db")
    if db is not None and not paths and not db.exists():
        raise typer.BadParameter(f"{plain(db)}: no such database", param_hint="--db")
    failed = 0
    access: Access = "lazy" if paths else "read"
    with tempfile.TemporaryDirectory(prefix="flashpoint-report-") as tmp, \
            Store(db if db is not None else Path(tmp) / "report.duckdb", access=access, wait=wait) as store:
        if paths:
            articles: list[Article] = []
            failed = ingest_paths(store, paths, None, pipeline, keep=articles).failed
            service.compare(store, articles)
        service.report(store, output)
    stderr.print(f"wrote {plain(output)}", markup=False, highlight=False)
    exit_if_failed(failed)
