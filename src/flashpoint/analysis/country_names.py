"""Whether a text names a country: its name, other names, demonyms or capital as metonym.

The dyad page shows what one side said about the other: a quote by a Colombian speaker
counts for USA -> COL only when it names the United States ("Washington", "the Americans",
"US"), not because it was said in an article that also mentions the dyad. The names are the
knowledge base's country table (``data/actors/countries.tsv``), read, never edited here.
"""
from __future__ import annotations

import re
from functools import lru_cache

from flashpoint.datafiles import tsv_rows


@lru_cache(maxsize=1)
def _names() -> dict[str, tuple[str, ...]]:
    """iso3 -> every way of naming the country (regular plural demonyms included)."""
    found: dict[str, tuple[str, ...]] = {}
    for row in tsv_rows("actors/countries.tsv"):
        demonyms = [d for d in row["demonyms"].split("|") if d]
        names = [row["name"], *row["aliases"].split("|"), *demonyms, *(f"{d}s" for d in demonyms),
                 *row["capitals"].split("|")]
        found[row["iso3"]] = tuple(n.strip() for n in names if n.strip())
    return found


@lru_cache(maxsize=512)
def _pattern(iso3: str) -> re.Pattern[str] | None:
    names = sorted(_names().get(iso3, ()), key=len, reverse=True)
    if not names:
        return None
    # Short all-capital names ("US", "UK") only as written; others in any case.
    exact = [re.escape(n) for n in names if n.isupper() and len(n) <= 4]
    loose = [re.escape(n) for n in names if not (n.isupper() and len(n) <= 4)]
    parts = [f"(?-i:{'|'.join(exact)})"] if exact else []
    parts += [f"(?:{'|'.join(loose)})"] if loose else []
    return re.compile(rf"(?<!\w)(?i:{'|'.join(parts)})(?!\w)")


def names_country(text: str, iso3: str) -> bool:
    """Whether ``text`` names the country ``iso3`` (False for a code the table lacks)."""
    pattern = _pattern(iso3)
    return bool(pattern and pattern.search(text))
