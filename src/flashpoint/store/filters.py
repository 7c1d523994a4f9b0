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

_COUNTRY = re.compile(r"^[A-Z]{3}$")
_CAMEO = re.compile(r"^[0-9]{2,4}$")
#: An event's day: its own date, else its article's.
DAY = "coalesce(event_date, published)"


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


def one_of(value: str, choices: Sequence[str], name: str) -> str:
    """``value`` when it is one of ``choices``, else E033 listing them."""
    if value not in choices:
        raise QueryError("E033", name, value=value, choices=", ".join(choices))
    return value


@dataclass(frozen=True)
class EventFilter:
    """The filters of ``/api/events``; every field is optional."""

    actor: str | None = None
    country: str | None = None
    dyad: str | None = None
    cameo: str | None = None
    plover: str | None = None
    start: date | None = None
    end: date | None = None
    text: str | None = None

    def sql(self) -> tuple[str, list[object]]:
        """A WHERE clause over the events table and its parameters."""
        clauses: list[str] = []
        params: list[object] = []
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
        if self.text:
            clauses.append("sentence ILIKE ?")
            params.append(f"%{self.text}%")
        return ("WHERE " + " AND ".join(clauses)) if clauses else "", params
