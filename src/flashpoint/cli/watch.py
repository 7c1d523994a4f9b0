"""``flashpoint watch``: poll feeds and ingest new articles, forever or ``--once``."""
from __future__ import annotations

import logging
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Annotated

import typer

from flashpoint.cli._app import app
from flashpoint.cli.batch import Db, Pipeline, save_new, settings_for, stderr
from flashpoint.errors import FlashpointError
from flashpoint.feeds import Backoff, DuckDBFeedState, Fetcher, FetchPolicy
from flashpoint.feeds import watch as watch_feeds
from flashpoint.feeds.feedlist import read_feed_list
from flashpoint.feeds.interval import format_interval, parse_interval
from flashpoint.ingest.article import Article
from flashpoint.settings import Settings
from flashpoint.store import DEFAULT_DB, Store


def store_article(article: Article, db: Path, settings: Settings) -> None:
    """The watch's sink: extract and store one article as ``flashpoint ingest`` does.

    The one place the watch touches storage, so it can become the service's ingest.
    """
    with Store(db) as store:
        save_new(store, [article], settings)


@contextmanager
def _log_to_stderr() -> Iterator[None]:
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


def _interval(value: str) -> float:
    try:
        return parse_interval(value)
    except ValueError as err:
        raise typer.BadParameter(str(err), param_hint="--every") from err


@app.command()
def watch(
    feeds_file: Annotated[Path, typer.Argument(metavar="FEEDS.txt",
                                               help="Feed URLs (RSS or Atom), one a line; # starts a comment.")],
    db: Db = Path(DEFAULT_DB),
    every: Annotated[str, typer.Option("--every", help="Time between polls: 15m, 1h, 90s...")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Poll once and exit (for cron); exit 1 if anything failed.")] = False,
    allow_private: Annotated[bool, typer.Option(
        "--allow-private", help="Also fetch from private, loopback and link-local addresses (intranet feeds).")] = False,
    host_interval: Annotated[float, typer.Option(
        "--host-interval", min=0, help="Seconds between two requests to the same site.")] = 1.0,
    pipeline: Pipeline = None,
) -> None:
    """Poll RSS/Atom feeds, fetch new article pages and ingest them into --db.

    A URL ingested before is never fetched again.

    A failing feed or page is logged and retried after --every, then twice as long, and so on.
    """
    seconds = _interval(every)
    try:
        feeds = read_feed_list(feeds_file)
        policy = FetchPolicy(allow_private=allow_private, host_interval=host_interval)
        with _log_to_stderr(), DuckDBFeedState(db) as state, Fetcher(policy) as fetcher:
            if not once:
                stderr.print(f"watching {len(feeds)} feed(s) every {format_interval(seconds)}; Ctrl-C stops")
            summary = watch_feeds(feeds, partial(store_article, db=db, settings=settings_for(pipeline)),
                                  state, every=seconds, once=once, validators=state, fetcher=fetcher,
                                  backoff=Backoff(base=seconds))
    except FlashpointError as err:
        stderr.print(f"[red]error[/red] {err}", highlight=False, soft_wrap=True)
        raise typer.Exit(code=1) from err
    except KeyboardInterrupt:
        raise typer.Exit(code=0) from None
    if summary.failed:
        raise typer.Exit(code=1)
