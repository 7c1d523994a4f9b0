"""The Typer application every command module registers itself on."""
from __future__ import annotations

from typing import Annotated

import typer

app = typer.Typer(
    name="flashpoint",
    help="News articles to political event data (CAMEO, Goldstein, PLOVER) and an escalation monitor.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


def _show_version(value: bool) -> None:
    if value:
        from flashpoint import __version__

        typer.echo(f"flashpoint {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """News articles to political event data (CAMEO, Goldstein, PLOVER) and an escalation monitor."""
