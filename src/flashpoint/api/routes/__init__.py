"""The server's routes, one router per resource; ``create_app`` includes them all."""
from __future__ import annotations

from flashpoint.api.routes import alerts, articles, dyads, events, index, pages, quotes, stories

ROUTERS = (index.router, events.router, quotes.router, dyads.router, alerts.router, stories.router, articles.router,
           pages.router)

__all__ = ["ROUTERS"]
