"""The monitor's web server (JSON API + dashboard) and the views the report shares with it."""
from __future__ import annotations

from flashpoint.api.app import create_app
from flashpoint.api.guard import TOKEN_ENV

__all__ = ["TOKEN_ENV", "create_app"]
