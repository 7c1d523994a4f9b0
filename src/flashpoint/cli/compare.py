"""``flashpoint compare``: several outlets' versions of a story, reconciled.

The text form is drawn from the same dictionary as ``--format json`` (documented in
``schemas/compare.schema.json``), so what a reader sees and what a program reads cannot drift.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from flashpoint.cli._app import app
from flashpoint.cli.batch import DateOption, Db, Paths, Pipeline, Wait, exit_if_failed, ingest_paths
from flashpoint.cli.render import party
from flashpoint.cli.terminal import plain
from flashpoint.codebook import lookup
from flashpoint.settings import DEFAULT_DB, DEFAULT_WAIT

console = Console()
FORMATS = ("text", "json")


def _act(root: str | None) -> str:
    try:
        return f"{root} {lookup(root).name}" if root else "?"
    except (KeyError, ValueError):
        return root or "?"


def _print_events(events: list[Mapping[str, Any]]) -> None:
    table = Table(title="Events, deduplicated across articles", title_justify="left")
    for column in ("source → target", "act", "articles", "outlets", "first report", "flags"):
        table.add_column(column, justify="right" if column in ("articles", "outlets") else "left")
    for event in events:
        first = event["first_report"]
        table.add_row(
            Text(f"{party(event['source'], event['source_country'])} → "
                 f"{party(event['target'], event['target_country'])}"),
            Text(_act(event["cameo_root"])), str(event["num_articles"]), str(event["num_outlets"]),
            Text(f"{plain(first['outlet'])} {first['published'] or ''}".strip()), _flags(event))
    console.print(table)


def _flags(event: Mapping[str, Any]) -> Text:
    """Single-outlet claims and hedges, the two reasons to read an event with care."""
    flags = Text()
    if event["single_outlet"]:
        flags.append("only one outlet", style="yellow")
    for hedge in dict.fromkeys(h["text"] for h in event["hedged_by"]):
        flags.append(f"{'; ' if flags else ''}“{hedge}”", style="magenta")
    return flags


def _marked(text: str, unique: set[str]) -> Text:
    """The quote with the words only its outlet has in bold red."""
    from flashpoint.analysis.quote_variants import marked_parts

    return Text.assemble(*((part, "bold red" if only else "") for part, only in marked_parts(text, unique)))


def _print_quotes(groups: list[Mapping[str, Any]]) -> None:
    for group in groups:
        speaker = group["speaker"] or {}
        console.print(Text(f"Quote of {party(speaker.get('name'), speaker.get('country'))}",
                           style="bold cyan"))
        unique = {o["doc_id"]: set(o["words"]) for o in group["only_in"]}
        for variant in group["variants"]:
            console.print(Text.assemble(f"  {plain(variant['outlet'])}: “",
                                        _marked(variant["text"], unique.get(variant["doc_id"], set())), "”"))
        for only in group["only_in"]:
            console.print(Text(f"  only {plain(only['outlet'])} has: {', '.join(only['words'])}", style="yellow"))


def _print_hedges(hedges: list[Mapping[str, Any]]) -> None:
    """Each hedge once, with what it qualifies (the JSON has one entry per qualified record)."""
    qualified: dict[tuple[str, int], list[str]] = {}
    for hedge in hedges:
        qualified.setdefault((hedge["doc_id"], hedge["start"]), []).extend(
            [f"{hedge['qualifies_kind']} {hedge['claim']}"] if hedge["qualifies"] else [])
    shown: set[tuple[str, int]] = set()
    for hedge in hedges:
        key = (hedge["doc_id"], hedge["start"])
        if key in shown:
            continue
        shown.add(key)
        console.print(Text.assemble(("  hedge ", "magenta"), (f"“{hedge['text']}”", "bold magenta"),
                                    f" ({hedge['kind']}) in {plain(hedge['outlet'])}"))
        console.print(Text(f"    {hedge['sentence']}", style="dim"))
        for claim in qualified[key]:
            console.print(Text(f"    qualifies {claim}", style="magenta"))


def print_comparison(report: Mapping[str, Any]) -> None:
    """Per story: its articles, events shared and unique, quote variants and hedges."""
    for story in report["stories"]:
        console.rule(Text(f"Story {plain(story['id'])} · {len(story['articles'])} article(s) · "
                          f"{len(story['outlets'])} outlet(s) · first {story['first_published'] or 'date unknown'}"))
        console.print(Text(f"  articles: {', '.join(map(plain, story['articles']))} · "
                           f"outlets: {', '.join(map(plain, story['outlets']))}"))
        docs = set(story["articles"])
        events = [e for e in report["events"] if e["story_id"] == story["id"]]
        if len(story["outlets"]) > 1 and events:
            _print_events(events)
            shared = sum(e["num_outlets"] > 1 for e in events)
            single = sum(e["single_outlet"] for e in events)
            console.print(f"  {shared} event(s) reported by several outlets, "
                          f"{single} claim(s) only one outlet reports", style="bold", highlight=False)
        elif events:
            console.print(f"  one outlet, nothing to reconcile: {len(events)} event(s)", style="dim")
        _print_quotes([g for g in report["quote_variants"] if g["story_id"] == story["id"]])
        _print_hedges([h for h in report["hedges"] if h["doc_id"] in docs])


@app.command("compare")
def compare_command(
    paths: Paths,
    fmt: Annotated[str, typer.Option("--format", help="text or json.")] = "text",
    db: Db = Path(DEFAULT_DB),
    date_: DateOption = None,
    pipeline: Pipeline = None,
    wait: Wait = DEFAULT_WAIT,
) -> None:
    """Reconcile outlets: stories, shared events, quote variants, hedges.

    Articles are grouped into stories; per story the events are deduplicated across
    articles, the same quote is shown as each outlet prints it with the words only one has,
    and hedged claims are flagged. The articles are stored as ``ingest`` stores them (those
    stored before are not extracted again), and so is the result (tables stories,
    event_mentions, quote_variants, hedges), for the story pages of the dashboard and report.
    """
    from flashpoint import service
    from flashpoint.ingest import Article
    from flashpoint.store import Store

    if fmt not in FORMATS:
        raise typer.BadParameter(f"unknown format {fmt!r}; choose text or json", param_hint="--format")
    articles: list[Article] = []
    with Store(db, access="lazy", wait=wait) as store:
        run = ingest_paths(store, paths, date_, pipeline, keep=articles)
        report = service.compare(store, articles).to_json()
    if fmt == "json":
        print(json.dumps(report, ensure_ascii=False, indent=2))
    else:
        print_comparison(report)
    exit_if_failed(run.failed)
