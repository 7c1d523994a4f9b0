"""FEEDS.txt parsing: comments, blanks, errors naming the line, and a property."""
from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from flashpoint.errors import FetchError, InputError
from flashpoint.feeds.feedlist import parse_feed_list, read_feed_list


def test_comments_blank_lines_and_duplicates() -> None:
    text = ("# my feeds\n\nhttps://a.example/rss.xml   # world desk\n"
            "  http://b.example/feed#top\nhttps://a.example/rss.xml\n")
    assert parse_feed_list(text, "FEEDS.txt") == ["https://a.example/rss.xml", "http://b.example/feed#top"]


def test_a_bad_line_is_named() -> None:
    with pytest.raises(FetchError, match=r"E060 FEEDS.txt:3: not an http or https URL \('ftp://a.example/x'\)"):
        parse_feed_list("https://ok.example/\n\nftp://a.example/x\n", "FEEDS.txt")


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="E007"):
        read_feed_list(tmp_path / "none.txt")


hosts = st.from_regex(r"[a-z][a-z0-9-]{0,12}\.(org|example|news)", fullmatch=True)
paths = st.from_regex(r"(/[a-z0-9_.-]{1,10}){0,3}", fullmatch=True)
urls = st.builds(lambda scheme, host, path: f"{scheme}://{host}{path}", st.sampled_from(["http", "https"]), hosts, paths)
comments = st.text(alphabet=st.characters(blacklist_categories=("Cc", "Cs", "Zl", "Zp")), max_size=20)


@given(st.lists(st.tuples(urls, comments, st.booleans()), max_size=15))
def test_urls_survive_any_comments(rows: list[tuple[str, str, bool]]) -> None:
    lines = []
    for url, comment, comment_line in rows:
        if comment_line:
            lines.append(f"# {comment}")
        lines.append(f"{url}  # {comment}")
    assert parse_feed_list("\n".join(lines), "f") == list(dict.fromkeys(url for url, _, _ in rows))
