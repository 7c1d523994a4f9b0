"""The Typer application every command module registers itself on."""
from __future__ import annotations

import typer

app = typer.Typer(
    name="flashpoint",
    help="News articles to political event data (CAMEO, Goldstein, PLOVER) and an escalation monitor.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
