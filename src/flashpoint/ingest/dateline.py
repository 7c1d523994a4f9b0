"""Publication dates: parse metadata dates and find a dateline in the text.

News copy often opens with a dateline ("Bogotá, January 6, 2026 —"); when an article has no
date metadata that is the best evidence of when it was written, and event dates are resolved
relative to it.
"""
from __future__ import annotations

import re
from datetime import date, datetime

#: Month number by the first three letters of its English name.
MONTHS = {name: i for i, name in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], start=1)}

_MONTH = r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
#: "January 6, 2026" or "6 January 2026"
_DAY_MONTH_YEAR = re.compile(
    rf"(?:{_MONTH}\s+(?P<day>\d{{1,2}}),?\s+(?P<year>(?:19|20)\d\d))"
    rf"|(?:(?P<day2>\d{{1,2}})\s+{_MONTH.replace('month', 'month2')}\s+(?P<year2>(?:19|20)\d\d))",
    re.IGNORECASE)
_ISO = re.compile(r"\b((?:19|20)\d\d)-(\d\d)-(\d\d)")
#: How far into the text a dateline may start.
DATELINE_WINDOW = 200


def _from_match(match: re.Match[str]) -> date | None:
    month_name = match.group("month") or match.group("month2")
    day = match.group("day") or match.group("day2")
    year = match.group("year") or match.group("year2")
    try:
        return date(int(year), MONTHS[month_name.lower()[:3]], int(day))
    except (KeyError, ValueError):
        return None


def parse_date(value: str | None) -> date | None:
    """A date from a metadata value: ISO forms first, then written-out dates."""
    if not value:
        return None
    value = value.strip()
    iso = _ISO.search(value)
    if iso:
        try:
            return date(int(iso.group(1)), int(iso.group(2)), int(iso.group(3)))
        except ValueError:
            return None
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        pass
    match = _DAY_MONTH_YEAR.search(value)
    return _from_match(match) if match else None


def find_dateline(text: str) -> tuple[date, str] | None:
    """The dateline date at the head of ``text`` and the words it was read from, if any.

    Only the opening of the article counts: a date further down is usually an event's date,
    not the publication date.
    """
    head = text[:DATELINE_WINDOW]
    first_line = head.split("\n", 1)[0]
    match = _DAY_MONTH_YEAR.search(first_line)
    if not match or match.start() > 80:
        return None
    found = _from_match(match)
    return (found, match.group(0)) if found else None
