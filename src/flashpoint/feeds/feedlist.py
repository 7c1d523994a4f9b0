"""FEEDS.txt: one feed URL a line, ``#`` starting a comment, blank lines ignored."""
from __future__ import annotations

import re
from pathlib import Path

import httpx

from flashpoint.errors import FetchError, InputError

#: A comment starts at a ``#`` that opens the line or follows whitespace (URLs keep fragments).
_COMMENT = re.compile(r"(^|\s)#.*$")


def parse_feed_list(text: str, name: str) -> list[str]:
    """The feed URLs of ``text``, each once, in order; a line that is not an http(s) URL is an
    error naming ``name:line``."""
    feeds: dict[str, None] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        url = _COMMENT.sub("", line).strip()
        if not url:
            continue
        try:
            parsed = httpx.URL(url)
        except httpx.InvalidURL as err:
            raise FetchError("E060", f"{name}:{number}", reason=err) from err
        if parsed.scheme not in ("http", "https") or not parsed.host:
            raise FetchError("E060", f"{name}:{number}", reason=repr(url))
        feeds[url] = None
    return list(feeds)


def read_feed_list(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise InputError("E007", str(path), reason=err) from err
    return parse_feed_list(text, str(path))
