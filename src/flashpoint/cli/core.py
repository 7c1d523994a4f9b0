"""Commands of the main job: ingest, extract, analyze, export."""
from __future__ import annotations

from flashpoint.cli._app import app  # noqa: F401
