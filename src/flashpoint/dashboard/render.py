"""Jinja2 rendering shared by the server and the report: one environment, autoescaped.

Everything that comes from an article (titles, sentences, quotes, actor names) reaches the
page only through autoescaped expressions, and chart data only through ``tojson`` inside
``<script type="application/json">``, which escapes ``<``, ``>`` and ``&``; an article
containing ``<script>`` is shown as text, never run. Pages carry no inline script (the
server's Content-Security-Policy allows only its own files); the report, a file opened
from disk, inlines its scripts.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from jinja2 import Environment, PackageLoader, select_autoescape

from flashpoint.dashboard import assets


@dataclass(frozen=True)
class Links:
    """Where links point: server pages, or anchors inside the one-file report (where the
    events list is filtered in the browser, from the query after ``#events?``)."""

    inline: bool = False

    def dyad(self, source: str, target: str) -> str:
        return f"#dyad-{source}-{target}" if self.inline else f"/dyads/{quote(source)}/{quote(target)}"

    def dyads(self) -> str:
        return "#dyads" if self.inline else "/dyads"

    def event(self, event_id: str) -> str:
        return f"#event-{event_id}" if self.inline else f"/events/{quote(event_id, safe='')}"

    def events(self, **query: Any) -> str:
        """The events list filtered by ``query`` (empty values left out)."""
        shown = urlencode({k: v for k, v in query.items() if v not in (None, "", False)})
        return f"#events{'?' + shown if shown else ''}" if self.inline else f"/events{'?' + shown if shown else ''}"

    def article(self, doc_id: str, anchor: str | None = None) -> str:
        if self.inline:
            return f"#{slug(anchor or 'article', doc_id)}"
        return f"/articles/{quote(doc_id, safe='')}" + (f"#{anchor}" if anchor else "")

    def actor(self, name: str) -> str:
        return self.events(actor=name) if self.inline else f"/actors/{quote(name, safe='')}"

    def story(self, story_id: str) -> str:
        return f"#story-{story_id}" if self.inline else f"/stories/{quote(story_id, safe='')}"


def day(value: str | None) -> str:
    """An ISO date as people read it ("4 Jan 2026"); "" for none."""
    if not value:
        return ""
    parsed = date.fromisoformat(str(value)[:10])
    return f"{parsed.day} {parsed:%b %Y}"


def period_end(value: str, freq: str) -> str:
    """The last day of the period starting on ``value`` (a day, or a week from Monday)."""
    return (date.fromisoformat(value) + timedelta(days=6 if freq == "week" else 0)).isoformat()


def with_offset(url: str, offset: int) -> str:
    """``url`` with its ``offset`` query parameter set (left out when 0): the pager's links."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query) if k != "offset"] + ([("offset", str(offset))] if offset else [])
    return urlunsplit(parts._replace(query=urlencode(query)))


def slug(prefix: str, value: str) -> str:
    """An element id for any string (doc_ids may hold spaces and quotes)."""
    return f"{prefix}-{hashlib.sha1(value.encode('utf-8')).hexdigest()[:12]}"


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(loader=PackageLoader("flashpoint.dashboard", "templates"),
                      autoescape=select_autoescape(default=True, default_for_string=True))
    env.globals.update(asset=assets.url, slug=slug, with_offset=with_offset)
    env.filters.update(day=day, period_end=period_end)
    return env


def render(template: str, links: Links = Links(), **context: Any) -> str:
    return environment().get_template(template).render(links=links, **context)
