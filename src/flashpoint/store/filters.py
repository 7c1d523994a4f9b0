"""Validated query parameters: a bad value from any entry point is a QueryError, never a SQL error.

Filters are checked here, in the store, not only in the web layer, so the API, the dashboard
and the CLI refuse the same values with the same message; values are always bound as
parameters, never pasted into SQL.
"""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from flashpoint.codebook import PLOVER_TYPES
from flashpoint.errors import QueryError
from flashpoint.store.schema import terms_table

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^[0-9]{2,4}$")
#: An event's day: its own date, else its article's (stored as ``event_day``, see schema step 5).
DAY = "event_day"
#: The events that count, the one definition of "an event" that the charts, the dyad table,
#: the events list and the API share: a real-world event once, however many outlets report
#: it (a cluster that ``compare`` found counts as its earliest report; its other reports are
#: left out), and only what happened (negated and hypothetical events are left out). Kept on
#: each row as ``counted`` (``schema._V7``: ``is_counted(negated, hypothetical, merged)``).
COUNTED = "counted"
QUAD_CLASSES = (1, 2, 3, 4)


def country_code(value: str, name: str = "country") -> str:
    """An ISO 3166 alpha-3 code, upper-cased, or E030 naming the parameter."""
    code = value.strip().upper()
    if not _COUNTRY.match(code):
        raise QueryError("E030", name, value=value)
    return code


def dyad_codes(value: str, name: str = "dyad") -> tuple[str, str]:
    """SOURCE-TARGET as two country codes, or E031 / E030."""
    source, _, target = value.partition("-")
    if not target:
        raise QueryError("E031", name, value=value)
    return country_code(source, name), country_code(target, name)


def day(value: str, name: str) -> date:
    """An ISO date (YYYY-MM-DD), or E035 naming the parameter."""
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise QueryError("E035", name, value=value) from None


def number(value: str, name: str, low: float, high: float) -> float:
    """A number from ``low`` to ``high``, or E036 naming the parameter."""
    try:
        found = float(value)
    except ValueError:
        found = float("nan")
    if not low <= found <= high:
        raise QueryError("E036", name, value=value, low=low, high=high)
    return found


def one_of(value: str, choices: Sequence[str], name: str) -> str:
    """``value`` when it is one of ``choices``, else E033 listing them."""
    if value not in choices:
        raise QueryError("E033", name, value=value, choices=", ".join(choices))
    return value


@dataclass(frozen=True)
class KeyRange:
    """Event keys (``event_key``) from ``low`` (inclusive) to ``high`` (exclusive); None is
    unbounded. A page is looked for among the newest events first (``events.py``): a range
    of keys is a range of days, which DuckDB reads by skipping the row groups outside it."""

    low: int | None = None
    high: int | None = None

    def sql(self) -> tuple[list[str], list[object]]:
        """The conditions on ``event_key`` and their parameters."""
        clauses: list[str] = []
        params: list[object] = []
        if self.low is not None:
            clauses.append("event_key >= ?")
            params.append(self.low)
        if self.high is not None:
            clauses.append("event_key < ?")
            params.append(self.high)
        return clauses, params


@dataclass(frozen=True)
class EventFilter:
    """The filters of ``/api/events`` and ``/events``; every field is optional.

    ``undated`` keeps only events with no date at all (charts cannot place them);
    ``every_report`` lists every extracted report, where by default only the events that
    count (``COUNTED``) are listed, so that a list and a chart of the same dyad and day agree.
    """

    actor: str | None = None
    country: str | None = None
    dyad: str | None = None
    cameo: str | None = None
    plover: str | None = None
    start: date | None = None
    end: date | None = None
    text: str | None = None
    quad_class: int | None = None
    outlet: str | None = None
    min_confidence: float | None = None
    undated: bool = False
    every_report: bool = False

    def sql(self, terms: Sequence[int] = (), keys: KeyRange = KeyRange()) -> tuple[str, list[object]]:
        """A WHERE clause over the events table and its parameters.

        ``terms`` are the index terms of the words of ``text`` (``events.word_terms``): an
        event must have each of them; a text of stop words only has none and matches all.
        ``keys`` bounds the events and each term's lookup in the word index, whose rows are
        stored in about the same order as the events, so both skip what is out of range.
        """
        clauses: list[str] = [] if self.every_report else [COUNTED]
        params: list[object] = []
        bounds, bound_params = keys.sql()
        clauses += bounds
        params += bound_params
        if self.actor:
            clauses.append("(source_name ILIKE ? OR target_name ILIKE ? OR source_code = ? OR target_code = ?)")
            params += [f"%{self.actor}%"] * 2 + [self.actor] * 2
        if self.country:
            clauses.append("(source_country = ? OR target_country = ?)")
            params += [country_code(self.country)] * 2
        if self.dyad:
            clauses.append("source_country = ? AND target_country = ?")
            params += dyad_codes(self.dyad)
        if self.cameo:
            if not _CAMEO.match(self.cameo):
                raise QueryError("E032", "cameo", value=self.cameo)
            clauses.append("cameo_root = ?" if len(self.cameo) == 2 else "starts_with(cameo, ?)")
            params.append(self.cameo)
        if self.plover:
            clauses.append("plover_type = ?")
            params.append(one_of(self.plover.upper(), PLOVER_TYPES, "plover"))
        if self.start and self.end and self.start > self.end:
            raise QueryError("E034", "start", start=self.start, end=self.end)
        if self.start:
            clauses.append(f"{DAY} >= ?")
            params.append(self.start)
        if self.end:
            clauses.append(f"{DAY} <= ?")
            params.append(self.end)
        for term in terms:
            clauses.append(f"event_key IN (SELECT event_key FROM {terms_table(term)} "
                           f"WHERE {' AND '.join(['term = ?', *bounds])})")
            params += [term, *bound_params]
        if self.quad_class is not None:
            clauses.append("quad_class = ?")
            params.append(int(one_of(str(self.quad_class), [str(q) for q in QUAD_CLASSES], "quad_class")))
        if self.outlet:
            clauses.append("coalesce(outlet, doc_id) ILIKE ?")
            params.append(f"%{self.outlet}%")
        if self.min_confidence is not None:
            clauses.append("confidence >= ?")
            params.append(self.min_confidence)
        if self.undated:
            clauses.append(f"{DAY} IS NULL")
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params
