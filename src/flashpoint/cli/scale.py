"""The scale-out branches of ``extract`` and ``ingest``: ``--dask`` and ``--from-parquet``.

Kept apart from the commands so that Dask, an optional extra, is imported only when asked for
(by ``service.extract_dataset``); the library, only when one of them runs.
"""
from __future__ import annotations

import os
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from flashpoint.cli.batch import print_failures, print_holdings, stderr
from flashpoint.cli.terminal import plain
from flashpoint.settings import Settings

if TYPE_CHECKING:
    from flashpoint.store import Store

Dask = Annotated[str | None, typer.Option(
    "--dask", metavar="SCHEDULER",
    help="Run on a Dask cluster (scheduler address, or 'local'); writes a Parquet dataset to -o DIR.")]
FromParquet = Annotated[Path | None, typer.Option(
    "--from-parquet", help="Load a dataset written by extract --dask instead of reading articles.")]


def extract_on_dask(paths: Sequence[str], out: Path, scheduler: str, workers: int | None,
                    published: date | None, settings: Settings) -> int:
    """Run the extraction on the cluster into the dataset ``out``; how many inputs failed."""
    from flashpoint import service

    try:
        results = service.extract_dataset(paths, out, scheduler, workers or os.cpu_count() or 1, settings, published)
    except ImportError as err:
        raise typer.BadParameter("needs Dask: pip install 'flashpoint[scale]'", param_hint="--dask") from err
    errors = [error for result in results for error in result.errors]
    print_failures(errors)
    parts = [r for r in results if r.name != "inputs"]
    stderr.print(f"{sum(r.articles for r in parts)} article(s) in {len(parts)} partition(s): "
                 f"{sum(r.events for r in parts)} events, {sum(r.quotes for r in parts)} quotes "
                 f"in {plain(out)}/articles, /events, /quotes", markup=False, highlight=False)
    return len(errors)


def ingest_from_parquet(store: Store, dataset: Path) -> None:
    """Store a dataset's articles with their records through the one ingest path."""
    from flashpoint import service

    result = service.ingest_dataset(store, dataset)
    print_holdings(store, result.new, result.already_stored)
