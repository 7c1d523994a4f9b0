"""Jinja2 rendering shared by the server and the report: one environment, autoescaped.

Everything that comes from an article (titles, sentences, quotes, actor names) reaches the
page only through autoescaped expressions, and chart data only through ``tojson`` inside
``<script type="application/json">``, which escapes ``<``, ``>`` and ``&``; an article
containing ``<script>`` is shown as text, never run.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, PackageLoader, select_autoescape


@dataclass(frozen=True)
class Links:
    """Where links point: server pages, or anchors inside the one-file report."""

    inline: bool = False

    def dyad(self, source: str, target: str) -> str:
        return f"#dyad-{source}-{target}" if self.inline else f"/dyads/{quote(source)}/{quote(target)}"

    def event(self, event_id: str) -> str:
        return f"#event-{event_id}" if self.inline else f"/events/{quote(event_id)}"

    def story(self, story_id: str) -> str:
        return f"#story-{story_id}" if self.inline else f"/stories/{quote(story_id)}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    return Environment(loader=PackageLoader("flashpoint.dashboard", "templates"),
                       autoescape=select_autoescape(default=True, default_for_string=True))


def render(template: str, links: Links = Links(), **context: Any) -> str:
    return environment().get_template(template).render(links=links, **context)
