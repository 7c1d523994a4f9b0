"""The command line: thin commands that parse arguments and call the library.

Each module registers its commands on the one ``app``; importing them here is what makes
them part of ``flashpoint``.
"""
from __future__ import annotations

from flashpoint.cli._app import app
from flashpoint.cli import core  # noqa: F401  (registers ingest, extract, analyze, export)
from flashpoint.cli import compare  # noqa: F401
from flashpoint.cli import monitor  # noqa: F401
from flashpoint.cli import watch  # noqa: F401

__all__ = ["app"]
