"""Commands of the main job: ingest, extract, analyze, export, evaluate.

The library (the store, the service, the pipeline) is imported inside each command, so that
``flashpoint --help`` starts without it and a command loads only what it uses.
"""
from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from flashpoint.cli._app import app
from flashpoint.cli.batch import (
    DateOption,
    Db,
    Paths,
    Pipeline,
    Wait,
    Workers,
    as_day,
    exit_if_failed,
    ingest_paths,
    output_path,
    reading,
    report_error,
    settings_for,
    stderr,
    with_progress,
)
from flashpoint.cli.scale import Dask, FromParquet, extract_on_dask, ingest_from_parquet
from flashpoint.cli.terminal import plain
from flashpoint.export import FORMATS
from flashpoint.settings import DEFAULT_DB, DEFAULT_WAIT

Format = Annotated[str, typer.Option("--format", help=f"One of {', '.join(FORMATS)}.")]


@app.command()
def ingest(paths: Annotated[list[str] | None, typer.Argument(
               help="Files, directories or - for stdin (.txt, .html, .json, .jsonl).")] = None,
           db: Db = Path(DEFAULT_DB), date_: DateOption = None, pipeline: Pipeline = None,
           wait: Wait = DEFAULT_WAIT, workers: Workers = None, from_parquet: FromParquet = None) -> None:
    """Read articles, extract events and quotes, and store them (again is a no-op).

    New articles join the stories of the store (or open new ones) as they are stored. One
    process writes to a database at a time: while another holds it (an ingest, or flashpoint
    serve), this waits --wait seconds, then exits with code 3. Articles stored already need no
    writing, so ingesting them again works beside a running server.
    """
    if from_parquet is not None and paths:
        raise typer.BadParameter("give articles or --from-parquet, not both")
    if from_parquet is None and not paths:
        raise typer.BadParameter("give articles to ingest (or --from-parquet DIR)", param_hint="PATHS")
    from flashpoint.store import Store

    with Store(db, access="lazy", wait=wait) as store:
        if from_parquet is not None:
            ingest_from_parquet(store, from_parquet)
            return
        run = ingest_paths(store, paths or [], date_, pipeline, workers)
    exit_if_failed(run.failed)


@app.command()
def extract(
    paths: Paths,
    fmt: Format = "jsonl",
    output: Annotated[Path | None, typer.Option(
        "-o", "--output", help="Events file (default or -: stdout); with --dask, the dataset directory.")] = None,
    quotes_out: Annotated[Path | None, typer.Option("--quotes-out", help="Quotes file, same format.")] = None,
    date_: DateOption = None,
    pipeline: Pipeline = None,
    workers: Workers = None,
    dask: Dask = None,
) -> None:
    """Extract events (and quotes) from articles and write them as records, without storing.

    Records are written as each article is extracted, so output starts at once and memory
    does not grow with the input.
    """
    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}",
                                 param_hint="--format")
    settings = settings_for(pipeline)
    if dask is not None:
        if output is None or quotes_out is not None:
            raise typer.BadParameter("writes a Parquet dataset: give its directory with -o, no --quotes-out",
                                     param_hint="--dask")
        exit_if_failed(extract_on_dask(paths, output, dask, workers, as_day(date_), settings))
        return
    from contextlib import nullcontext

    from flashpoint import service
    from flashpoint.errors import ExtractionError
    from flashpoint.export import RecordWriter

    read = reading(paths, date_, settings)
    articles = stopped = 0
    with RecordWriter(fmt, output_path(output)) as events, \
            (RecordWriter(fmt, output_path(quotes_out), "quote") if quotes_out else nullcontext()) as quotes:
        found = service.extract(read, service.pipeline_extractor(settings, workers=workers or 1))
        for extraction in with_progress(found, "extracting"):
            if isinstance(extraction, ExtractionError):
                report_error(extraction)
                stopped += 1
                continue
            articles += 1
            events.write(extraction.events)
            if quotes is not None:
                quotes.write(extraction.quotes)
    stderr.print(f"{articles} article(s): {events.count} events, {quotes.count if quotes else 0} quotes")
    exit_if_failed(read.failed + stopped)


@app.command()
def analyze(paths: Paths, db: Db = Path(DEFAULT_DB), date_: DateOption = None,
            pipeline: Pipeline = None, wait: Wait = DEFAULT_WAIT) -> None:
    """The main job: ingest articles, then print what each says and a dyad summary.

    Articles stored before are shown from the store, so a second run prints the same report
    (and, needing no writing, works beside a running server). The dyad summary counts as the
    dashboard does: an event several outlets report (once compared) counts once, negated and
    hypothetical events not at all.
    """
    from flashpoint import service
    from flashpoint.cli.render import print_article, print_dyads, print_legend
    from flashpoint.ingest import Article
    from flashpoint.store import Store

    articles: list[Article] = []
    with Store(db, access="lazy", wait=wait) as store:
        run = ingest_paths(store, paths, date_, pipeline, keep=articles)
        analysis = service.analyze(store, articles)
    print_legend()
    for extraction in analysis.extractions:
        print_article(extraction)
    print_dyads(analysis.dyads)
    exit_if_failed(run.failed)


@app.command()
def export(
    db: Db = Path(DEFAULT_DB),
    fmt: Format = "jsonl",
    output: Annotated[Path | None, typer.Option("-o", "--output", help="File (default or -: stdout).")] = None,
    quotes: Annotated[bool, typer.Option("--quotes", help="Export quotes instead of events.")] = False,
    wait: Wait = DEFAULT_WAIT,
) -> None:
    """Export stored events (or quotes) as JSON Lines, CSV, Parquet, GDELT or ICEWS tables.

    The database is opened read-only, so this works while flashpoint serve runs on it.
    Records are read and written a page at a time, so memory does not grow with the store.
    """
    from flashpoint.export import write_records
    from flashpoint.store import Store

    if not db.exists():
        raise typer.BadParameter(f"{plain(db)}: no such database", param_hint="--db")
    if quotes and fmt in ("gdelt", "icews"):
        raise typer.BadParameter(f"{fmt} is an event format; use jsonl, csv or parquet for quotes")
    with Store(db, access="read", wait=wait) as store:
        try:
            count = write_records(store.quote_records() if quotes else store.event_records(), fmt,
                                  output_path(output), "quote" if quotes else "event")
        except ValueError as err:
            raise typer.BadParameter(str(err)) from err
    stderr.print(f"exported {count} {'quotes' if quotes else 'events'}")


@app.command()
def evaluate(
    shared: Annotated[Path, typer.Argument(help="The shared folder holding eval/ and seeds/.")] = Path("../shared"),
) -> None:
    """Score the coder on every gold set in SHARED/eval with its scorer, in one table."""
    from rich.table import Table

    from flashpoint.cli.render import console
    from flashpoint.evaluate import confidence_bands, run_evaluation
    from flashpoint.settings import DEFAULT_MIN_CONFIDENCE

    if not (shared / "eval").is_dir():
        raise typer.BadParameter(f"{plain(shared)}: no eval/ folder here", param_hint="SHARED")
    table = Table(title=f"flashpoint on {shared / 'eval'}")
    for column in ("set", "mode", "setting", "metric", "value"):
        table.add_column(column, justify="right" if column == "value" else "left")
    for row in run_evaluation(shared):
        value = row["value"]
        table.add_row(row["set"], row["mode"], row["setting"], row["metric"],
                      f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(table)
    console.print("setting: articles = events at or above the default confidence "
                  f"{DEFAULT_MIN_CONFIDENCE}; sentences = each sentence's best event, any confidence")
    bands = Table(title="events at or above each confidence (article sets, shared scorer)")
    for column in ("set", "confidence >=", "events", "precision", "recall"):
        bands.add_column(column, justify="left" if column == "set" else "right")
    for row in confidence_bands(shared):
        bands.add_row(row["set"], f"{row['threshold']:.1f}", str(row["events"]),
                      f"{row['precision']:.3f}", f"{row['recall']:.3f}")
    console.print(bands)
