"""Readable terminal output of the main job: per article its events and quotes, then dyads.

Lines are never cut to the terminal's width (``soft_wrap``): piped into a file or a pager,
an evidence sentence stays one line, and a terminal wraps it itself. ``LEGEND`` says once
what the marks mean.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from flashpoint.cli.terminal import plain

if TYPE_CHECKING:
    from flashpoint.records import Actor, Extraction

console = Console(soft_wrap=True)
#: What the marks of ``print_article`` and ``print_dyads`` mean, printed before them.
LEGEND = ("How to read: “…” a direct quote, ‹…› reported (indirect) speech · ? an actor not identified, "
          "or of no known country in the dyad table · [negated] [hypothetical] did not or may not happen "
          "(left out of the dyad table), [future] announced · c0.85 the event's confidence (0-1) · "
          "Goldstein from -10 (most hostile) to +10")


def print_legend() -> None:
    console.print(Text(LEGEND, style="dim"))


def party(name: str | None, country: str | None) -> str:
    """An actor as the reports print it: "Gustavo Petro (COL)", or just the name (escaped for
    the terminal: a name is whatever the article said)."""
    shown = plain(name) if name else "?"
    return f"{shown} ({plain(country)})" if country else shown


def _party(actor: Actor | None) -> str:
    if actor is None:
        return "?"
    return party(actor["name"] or actor["text"], actor["country"])


def _goldstein_style(value: float) -> str:
    return "red" if value < -3 else "yellow" if value < 0 else "green"


def print_article(extraction: Extraction) -> None:
    """One article: its header, each event with its evidence sentence, each quote with its speaker."""
    article = extraction.article
    published = article.published.isoformat() if article.published else "date unknown"
    console.rule(Text(f"{plain(article.title or article.doc_id)} · {plain(article.outlet or '?')} · {published}"))
    for event in extraction.events:
        goldstein = float(event["goldstein"])
        line = Text()
        line.append(f"{(event.get('date') or {}).get('value') or '----------'}  ")
        line.append(f"{_party(event.get('source'))} → {_party(event.get('target'))}  ", style="bold")
        line.append(f"{event['cameo']} {event['cameo_name']}  ")
        line.append(f"{goldstein:+.1f}", style=_goldstein_style(goldstein))
        line.append(f"  c{float(event['confidence']):.2f}", style="dim")
        modality = event.get("modality") or {}
        flags = [name for name in ("negated", "hypothetical", "future") if modality.get(name)]
        if flags:
            line.append(f"  [{', '.join(flags)}]", style="dim")
        console.print(line)
        console.print(Text(f"    “{event['sentence']['text'].strip()}”", style="dim"))
    for quote in extraction.quotes:
        speaker = _party(quote.get("speaker")) if quote.get("speaker") else "unattributed"
        marks = "“”" if quote.get("direct") else "‹›"
        console.print(Text.assemble((f"  {speaker}: ", "cyan"), f"{marks[0]}{quote['text']}{marks[1]}"))
    if not extraction.events and not extraction.quotes:
        console.print("  (no events or quotes found)", style="dim")


def print_dyads(dyads: Iterable[Mapping[str, Any]]) -> None:
    """The directed-dyad summary table (rows of ``store.dyads.dyad_table``), most hostile first;
    a side of no known country is "?"."""
    table = Table(title="Directed dyads (source → target)")
    for column in ("source", "target", "events", "Goldstein sum", "conflict share"):
        table.add_column(column, justify="left" if column in ("source", "target") else "right")
    for dyad in dyads:
        table.add_row(Text(plain(dyad["source"] or "?")), Text(plain(dyad["target"] or "?")), str(dyad["events"]),
                      f"{dyad['goldstein_sum']:+.1f}", f"{dyad['conflict_share']:.0%}")
    console.print(table)
