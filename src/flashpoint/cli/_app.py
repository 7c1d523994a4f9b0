"""The Typer application every command module registers itself on, and its one error handler.

Any ``FlashpointError`` a command lets through (a database that cannot be opened, a missing
pipeline) ends the run with its one-line message on stderr and exit code 2, the code of a
usage error: the run could not start. A database another process holds (E024, after the
bounded wait) exits with 3, so a script can tell "busy, retry later" from a real failure.
Exit code 1 stays for "some inputs failed, the others were processed" (see
``batch.exit_if_failed``). Messages are printed escaped (``terminal.plain``): a path in them
may hold anything.
"""
from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from flashpoint import __version__
from flashpoint.cli.helptext import readable
from flashpoint.cli.terminal import plain
from flashpoint.errors import FlashpointError

#: Exit codes of errors that are not "the run could not start" (2).
EXIT_CODES = {"E024": 3}


class _Commands(TyperGroup):
    """The command group, with the one handler of flashpoint's errors around every command."""

    def get_command(self, ctx: Any, cmd_name: str) -> Any:
        command = super().get_command(ctx, cmd_name)
        return readable(command, ctx) if command is not None else None

    def format_help(self, ctx: Any, formatter: Any) -> None:
        readable(self, ctx)
        super().format_help(ctx, formatter)

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except FlashpointError as err:
            typer.echo(f"error {plain(err)}", err=True)
            raise typer.Exit(code=EXIT_CODES.get(err.code, 2)) from err


app = typer.Typer(
    name="flashpoint",
    cls=_Commands,
    help="News articles to political event data (CAMEO, Goldstein, PLOVER) and an escalation monitor.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _show_version(value: bool) -> None:
    if value:
        typer.echo(f"flashpoint {__version__}")
        raise typer.Exit()


@app.callback()
def main(version: Annotated[bool, typer.Option("--version", callback=_show_version, is_eager=True,
                                                help="Print the version and exit.")] = False) -> None:
    """News articles to political event data (CAMEO, Goldstein, PLOVER) and an escalation monitor."""
