"""Feed parsing: the local server's RSS and Atom feeds, junk, and a round-trip property."""
from __future__ import annotations

from datetime import UTC, date, datetime
from email.utils import format_datetime
from xml.sax.saxutils import escape, quoteattr

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashpoint.errors import FetchError
from flashpoint.feeds import parse_feed
from tests.feeds.site import ITEMS, atom, rss

BASE = "http://wire.example"


def test_rss_entries_in_order_with_titles_dates_and_outlet() -> None:
    entries = parse_feed(rss(BASE).encode(), f"{BASE}/rss.xml")
    assert len(entries) == ITEMS
    first = entries[0]
    assert first.url == f"{BASE}/articles/1" and first.title == "Report 1"
    assert first.published == date(2026, 1, 2) and first.outlet == "Local Wire"
    assert first.feed_url == f"{BASE}/rss.xml"


def test_atom_relative_links_are_made_absolute() -> None:
    entries = parse_feed(atom(BASE).encode(), f"{BASE}/atom.xml")
    assert [e.url for e in entries] == [f"{BASE}/articles/{n}" for n in range(101, 106)]
    assert entries[0].published == date(2026, 3, 1) and entries[0].outlet == "Atom Desk"


@pytest.mark.parametrize("junk", [b"<html><body>not a feed</body></html>", b"", b"\x00\x01binary"])
def test_not_a_feed(junk: bytes) -> None:
    with pytest.raises(FetchError, match="E067 http://wire.example/x"):
        parse_feed(junk, f"{BASE}/x")


titles = st.from_regex(r"[A-Za-z0-9][A-Za-z0-9 ,.'&<>-]{0,40}[A-Za-z0-9]", fullmatch=True)
slugs = st.from_regex(r"[a-z0-9-]{1,20}", fullmatch=True)
days = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
entry_lists = st.lists(st.tuples(slugs, titles, days), max_size=12, unique_by=lambda e: e[0])


def _rss(entries: list[tuple[str, str, date]]) -> str:
    items = "".join(
        f"<item><title>{escape(title)}</title><link>{BASE}/{slug}</link><pubDate>"
        f"{format_datetime(datetime(day.year, day.month, day.day, 12, tzinfo=UTC))}</pubDate></item>"
        for slug, title, day in entries)
    return f'<rss version="2.0"><channel><title>W</title><link>{BASE}</link>{items}</channel></rss>'


def _atom(entries: list[tuple[str, str, date]]) -> str:
    items = "".join(
        f"<entry><title>{escape(title)}</title><link href={quoteattr(slug)}/><id>urn:{slug}</id>"
        f"<updated>{day.isoformat()}T12:00:00Z</updated></entry>" for slug, title, day in entries)
    return f'<feed xmlns="http://www.w3.org/2005/Atom"><title>W</title><id>urn:w</id>{items}</feed>'


@given(entry_lists, st.sampled_from([_rss, _atom]))
def test_what_a_feed_says_is_what_comes_out(entries: list[tuple[str, str, date]], render) -> None:  # type: ignore[no-untyped-def]
    parsed = parse_feed(render(entries).encode("utf-8"), f"{BASE}/feed")
    assert [(e.url, e.title, e.published) for e in parsed] == [
        (f"{BASE}/{slug}", title, day) for slug, title, day in entries]
