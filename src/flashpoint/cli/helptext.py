"""``--help`` as a newcomer reads it: words for what an option takes, no Python types.

Typer shows each parameter's Python type (``<bool>``, ``<list[str]>``, ``<path>``); a flag
takes nothing, a path is a FILE or a DIR, several inputs are PATH... . ``readable`` names
them so, once per command, before its help is drawn. The docstrings are Markdown (the app's
``rich_markup_mode``): ``code`` is shown as code and paragraphs are joined, not cut where
the source line ended.
"""
from __future__ import annotations

from typing import Any

#: Parameter name -> what its value is called in help.
_NAMES = {"db": "FILE", "output": "FILE", "quotes_out": "FILE", "date_": "YYYY-MM-DD", "fmt": "FORMAT",
          "pipeline": "PACKAGE", "host": "ADDRESS", "port": "PORT", "paths": "PATH", "shared": "DIR"}


def readable(command: Any, ctx: Any) -> Any:
    """``command`` with every parameter's metavar a word: none for flags, else a name."""
    for param in command.get_params(ctx):
        if getattr(param, "is_flag", False):
            param.metavar = ""
        elif param.metavar is None:
            param.metavar = _NAMES.get(param.name or "", (param.name or "value").upper().rstrip("_"))
        if param.param_type_name == "argument":
            # An argument's name column already says what it takes; its type column would
            # add the Python type (<list[str]>).
            param.display_type_rich = _no_type
    return command


def _no_type(ctx: Any) -> None:
    return None
