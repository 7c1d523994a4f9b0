"""``flashpoint watch``: poll feeds and ingest new articles, forever or ``--once``."""
from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from flashpoint.cli._app import app
from flashpoint.cli.batch import Db, Pipeline, settings_for, stderr
from flashpoint.settings import DEFAULT_DB

Every = Annotated[str, typer.Option("--every", help="Time between polls: 15m, 1h, 90s...")]
AllowPrivate = Annotated[bool, typer.Option(
    "--allow-private", help="Also fetch from private, loopback and link-local addresses (intranet feeds).")]
HostInterval = Annotated[float, typer.Option("--host-interval", min=0,
                                             help="Seconds between two requests to the same site.")]


@contextmanager
def feed_log_to_stderr() -> Iterator[None]:
    """Show the feed reader's log (each poll, each failure with its reason) while the command
    runs, on the stderr of this moment; removed after, so repeated runs never double it."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s", "%Y-%m-%d %H:%M:%S"))
    logger = logging.getLogger("flashpoint.feeds")
    logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    try:
        yield
    finally:
        logger.removeHandler(handler)


def interval(value: str, option: str = "--every") -> float:
    """Seconds of an interval option, or a usage error naming it."""
    from flashpoint.feeds.interval import parse_interval

    try:
        return parse_interval(value)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint=option) from err


@app.command()
def watch(
    feeds_file: Annotated[Path, typer.Argument(metavar="FEEDS.txt",
                                               help="Feed URLs (RSS or Atom), one a line; # starts a comment.")],
    db: Db = Path(DEFAULT_DB),
    every: Every = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit (for cron); exit 1 if anything failed.")] = False,
    allow_private: AllowPrivate = False,
    host_interval: HostInterval = 1.0,
    pipeline: Pipeline = None,
) -> None:
    """Poll RSS/Atom feeds, fetch new article pages and ingest them into --db.

    A URL ingested before is never fetched again; new articles join the store's stories.
    A failing feed or page is logged and retried after --every, then twice as long, and so on.
    """
    from flashpoint import service
    from flashpoint.feeds import FetchPolicy
    from flashpoint.feeds.feedlist import read_feed_list
    from flashpoint.feeds.interval import format_interval
    from flashpoint.store import Store

    seconds = interval(every)
    feeds = read_feed_list(feeds_file)
    policy = FetchPolicy(allow_private=allow_private, host_interval=host_interval)
    extractor = service.pipeline_extractor(settings_for(pipeline))
    with feed_log_to_stderr(), Store(db) as store:
        if not once:
            stderr.print(f"watching {len(feeds)} feed(s) every {format_interval(seconds)}; Ctrl-C stops")
        try:
            summary = service.watch(store, feeds, extractor, every=seconds, once=once, policy=policy)
        except KeyboardInterrupt:
            raise typer.Exit(code=0) from None
    if summary.failed:
        raise typer.Exit(code=1)
