"""The command line: thin commands that parse arguments and call the library.

Each module registers its commands on the one ``app``; importing them here is what makes
them part of ``flashpoint``.
"""
from __future__ import annotations

from flashpoint.cli import compare, core, monitor, watch  # noqa: F401  (importing them registers their commands)
from flashpoint.cli._app import app

__all__ = ["app"]
