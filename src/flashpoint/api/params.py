"""Query parameters several routes share, with their limits and descriptions."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Depends, Query

from flashpoint.analysis.dyads import FREQS, Freq
from flashpoint.store.filters import EventFilter, day, number

Limit = Annotated[int, Query(ge=1, le=500, description="Page size (1-500).")]
#: Far beyond any store, and within DuckDB's BIGINT with any page size added.
MAX_OFFSET = 2**62
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="Rows to skip (at most 2^62).")]
After = Annotated[int | None, Query(ge=0, le=2**63 - 1, description="The cursor ``next`` of the previous "
                                    "page: the page after it (as fast as the first, however deep).")]
FreqQuery = Annotated[Freq, Query(description=f"One of {', '.join(FREQS)}.")]
Format = Annotated[Literal["html", "json"], Query(description="html (default) or json.")]


def _given(value: str | None) -> str | None:
    """A parameter's value, None when absent or blank (a form's empty field sends "")."""
    return value.strip() or None if value is not None else None


async def event_filter(
    actor: Annotated[str | None, Query(description="Actor name (substring) or code.")] = None,
    country: Annotated[str | None, Query(description="Source or target country (ISO alpha-3).")] = None,
    dyad: Annotated[str | None, Query(description="SOURCE-TARGET countries, e.g. USA-COL.")] = None,
    cameo: Annotated[str | None, Query(description="CAMEO root (2 digits) or code prefix.")] = None,
    plover: Annotated[str | None, Query(description="PLOVER event type, e.g. ASSAULT.")] = None,
    quad_class: Annotated[str | None, Query(description="QuadClass 1-4 (verbal/material cooperation, "
                                                        "verbal/material conflict).")] = None,
    outlet: Annotated[str | None, Query(description="Outlet name (substring).")] = None,
    start: Annotated[str | None, Query(description="First day, YYYY-MM-DD (the event's date, else "
                                                   "its article's).", json_schema_extra={"format": "date"})] = None,
    end: Annotated[str | None, Query(description="Last day, YYYY-MM-DD.",
                                     json_schema_extra={"format": "date"})] = None,
    q: Annotated[str | None, Query(description="Words the evidence sentence has, all of them (whole words, "
                                               "any case; stop words ignored).")] = None,
    min_confidence: Annotated[str | None, Query(description="Lowest confidence, 0-1.")] = None,
    undated: Annotated[bool, Query(description="Only events with no date at all.")] = False,
    every_report: Annotated[bool, Query(description="Every extracted report, also negated, hypothetical and "
                                                    "repeated ones (default: each real-world event once, "
                                                    "as charts count).")] = False,
) -> EventFilter:
    """The events filter of ``/api/events`` and ``/events``, from the query string; blank
    values are absent, bad ones a 400 naming the parameter (``async``: parsed on the event
    loop, not handed to a worker thread, see ``deps``)."""
    first, last, confidence, quad = (_given(v) for v in (start, end, min_confidence, quad_class))
    return EventFilter(
        actor=_given(actor), country=_given(country), dyad=_given(dyad), cameo=_given(cameo),
        plover=_given(plover), start=day(first, "start") if first else None, end=day(last, "end") if last else None,
        text=_given(q), quad_class=int(number(quad, "quad_class", 1, 4)) if quad else None, outlet=_given(outlet),
        min_confidence=number(confidence, "min_confidence", 0, 1) if confidence else None,
        undated=undated, every_report=every_report)


EventQuery = Annotated[EventFilter, Depends(event_filter)]
