"""Event read queries: a filtered page of events, and one event with its context."""
from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import Any

import duckdb

from flashpoint.store import reading
from flashpoint.store.filters import EventFilter, KeyRange, dyad_codes
from flashpoint.store.reading import OUTLET, Json, Keep, capped_count, dicts, keep_or_compute, records, told_by_page


def evidence(record: Json) -> dict[str, str]:
    """The evidence sentence cut around its trigger, so templates can highlight it safely."""
    sentence, trigger = record.get("sentence") or {}, record.get("trigger") or {}
    text = sentence.get("text") or ""
    start = (trigger.get("start") or 0) - (sentence.get("start") or 0)
    end = start + len(trigger.get("text") or "")
    if not 0 <= start <= end <= len(text):
        return {"before": text, "trigger": "", "after": ""}
    return {"before": text[:start], "trigger": text[start:end], "after": text[end:]}


def _with_evidence(rows: list[tuple[Any, ...]]) -> list[Json]:
    return [{**record, "evidence": evidence(record)} for record in records(rows)]


#: Event keys per day: a dated event's key is its day times 2**32 plus the order of storing
#: (``schema._V5``), so keys at or above this are dated and a key range is a range of days.
DAY_KEYS = 2**32
#: The first range of days searched holds about this many times the events wanted, and at
#: least ``FIRST_EVENTS`` events (a range of a few days costs what a range of one does); each
#: next range is sized by the matches found so far to hold this many times those still
#: wanted, at least twice as long as the last, and ``RANGE_GROWTH`` times when none was found.
FIRST_RANGE = 1.5
FIRST_EVENTS = 10_000
RANGE_GROWTH = 8
#: The largest page end (offset + limit) DuckDB answers with a top-N; past it (when the rows
#: wanted are also more than 0.7% of the matches it expects), it sorts every match.
TOP_N = 5000


#: Texts whose index terms are kept (``word_terms``), at most.
_TERMS_KEPT = 1024
_TERMS: dict[str, list[int]] = {}


@dataclass(frozen=True)
class _Span:
    """Where a filter's matches can be: the dated events' keys (newest and oldest), how many
    events there are in all, and the keys the filter's days allow (below ``high``, from
    ``low``; None: no such bound)."""

    newest: int
    oldest: int
    events: int
    high: int | None
    low: int | None


def _span(con: duckdb.DuckDBPyConnection, where: EventFilter) -> _Span | None:
    """The span of the dated events, None when none is dated (the keys' extremes and the
    count come from the column statistics, not from a scan)."""
    row = con.execute("""
        SELECT max(event_key), min(event_key), (SELECT count(*) FROM events),
               CASE WHEN $end IS NULL THEN NULL ELSE event_key_of($end::DATE + 1, 0) END,
               CASE WHEN $start IS NULL THEN NULL ELSE event_key_of($start::DATE, 0) END
        FROM events WHERE event_key >= $dated""",
                      {"end": where.end, "start": where.start, "dated": DAY_KEYS}).fetchone()
    if row is None or row[0] is None:
        return None
    return _Span(*row)


class _Widening:
    """Ranges of keys, newest first, each taking in the last and days before it, the last
    unbounded below (it holds the undated events too): the first that holds ``wanted``
    matches holds the newest ``wanted`` of them all. The first is sized to hold them if most
    events match; the next from the matches the last one held (``widen``), so that a word in
    one event of thirty is looked for once more over the days it needs, not over ranges eight
    times longer each (a word's total up to 10,000 read 803 days in three queries where it
    needs about 350). Words are not counted first to size the first range: a word's count
    reads its whole part of the index, where each range reads that range's part (on a
    million events, from a cold disk, 15-240 ms a word for the count against 5-10 ms for a
    page). ``before`` is the cursor: keys below it only."""

    def __init__(self, span: _Span | None, wanted: int, before: int | None = None) -> None:
        self.wanted = wanted
        self.high = before
        self.days = self.floor = 0
        self.bounded = span is not None
        if span is not None:
            self.high = min(key for key in (before, span.newest + 1, span.high) if key is not None)
            per_day = span.events / ((span.newest - span.oldest) // DAY_KEYS + 1)
            self.days = max(1, math.ceil(max(FIRST_RANGE * wanted, FIRST_EVENTS) / per_day))
            self.floor = max(span.oldest, span.low or span.oldest)

    def first(self) -> KeyRange:
        """The range looked in first (the only one when no day is known)."""
        return self._range()

    def widen(self, found: int) -> KeyRange | None:
        """The next range, given the matches the range before held (at least ``found``), or
        None when that one was unbounded below."""
        if not self.bounded:
            return None
        if found > 0:
            needed = self.days * FIRST_RANGE * max(self.wanted - found, 1) / found
            self.days = max(2 * self.days, math.ceil(self.days + needed))
        else:
            self.days *= RANGE_GROWTH
        return self._range()

    def _range(self) -> KeyRange:
        if self.bounded and self.high is not None and (low := self.high - self.days * DAY_KEYS) > self.floor:
            return KeyRange(low, self.high)
        self.bounded = False
        return KeyRange(None, self.high)


def events(con: duckdb.DuckDBPyConnection, where: EventFilter | None = None, limit: int = 50,
           offset: int = 0, after: int | None = None, keep: Keep | None = None) -> Json:
    """One page of events, newest first (by day, then latest stored), and how many match.

    Built for millions of rows: the page is a top-N on the one BIGINT ``event_key``, which
    DuckDB answers by skipping row groups (a two-column order would sort every match); the
    wide record column is then read for the page's keys only (filtering and reading records
    in one scan would read the record of every match: DuckDB reads records late only for a
    top-N of at most 50 rows, so one query for a page at offset 5,000-20,000 took 15-18 ms of
    CPU against 6-8). Where DuckDB cannot skip (words looked up in the index, which it joins
    with every event; an offset past ``TOP_N``, where it sorts every match), the page is
    looked for among the newest days first (``_Widening``), and days further back only when
    those hold too few matches. The total is counted only up to ``reading.COUNT_CAP`` (see
    ``capped_count``), and with ``keep``, once per filter while the data are unchanged:
    every page of a filter has the same total (the span of the days, whose words' counts
    cost more than a page, is kept too); a filter of a dyad alone takes its total from those
    of every dyad, counted at once (``dyad_totals``).
    A page shorter than ``limit`` has read every match, so its total is not counted at all.
    ``next`` is a cursor: passed back as ``after``, it gives the next page at the cost of
    the first.
    """
    where = where or EventFilter()
    terms = word_terms(con, where.text) if where.text else []
    span = None
    if (terms or offset + limit > TOP_N) and not where.undated:
        def measure() -> _Span | None:
            return _span(con, where)

        span = keep_or_compute(keep, ("events span", where.start, where.end), measure)
    page: list[tuple[Any, ...]] = []
    search = _Widening(span, offset + limit, after)
    keys: KeyRange | None = search.first()
    while keys is not None:
        clause, params = where.sql(terms, keys)
        page = con.execute(f"SELECT record, event_key, reports FROM events WHERE event_key IN (SELECT event_key "
                           f"FROM events {clause} ORDER BY event_key DESC LIMIT ? OFFSET ?) ORDER BY event_key DESC",
                           [*params, limit, offset]).fetchall()
        if len(page) == limit:
            break
        keys = search.widen(offset + len(page) if page else 0)
    listed = [{**event, "reports": outlets} for event, (_, _, outlets) in zip(_with_evidence(page), page, strict=True)]

    def count() -> tuple[int, bool]:
        return _total(con, where, terms, span if terms else None)

    def every_dyad() -> dict[tuple[str, str], int]:
        return dyad_totals(con, where.every_report)

    # a page shorter than asked was looked for down to the oldest event (the last range is
    # unbounded below): it holds every match from the offset on, so it tells the total
    told = None if after is not None else told_by_page(len(page), limit, offset)
    if told is not None:
        total, exact = told
    elif keep and where.dyad and replace(where, dyad=None, every_report=False) == EventFilter():
        total, exact = _capped(keep(("dyad totals", where.every_report), every_dyad).get(dyad_codes(where.dyad), 0))
    else:
        total, exact = keep_or_compute(keep, ("events total", where), count)
    return {"events": listed, "total": total, "total_exact": exact, "limit": limit,
            "offset": offset, "next": str(page[-1][1]) if len(page) == limit else None}


def _total(con: duckdb.DuckDBPyConnection, where: EventFilter, terms: list[int],
           span: _Span | None) -> tuple[int, bool]:
    """The matches of ``where``, exactly up to the cap. With a ``span``, counted newest days
    first: each range's days not counted yet, until the cap is passed (a word's events are
    then joined with the newest days' events only, not with every event)."""
    found, counted_from = 0, None
    search = _Widening(span, reading.COUNT_CAP + 1)
    keys: KeyRange | None = search.first()
    while keys is not None:
        clause, params = where.sql(terms, KeyRange(keys.low, counted_from if counted_from is not None else keys.high))
        count, exact = capped_count(con, "events", clause, params, reading.COUNT_CAP - found)
        found, counted_from = found + count, keys.low
        if not exact:
            return reading.COUNT_CAP, False
        keys = search.widen(found)
    return found, True


def dyad_totals(con: duckdb.DuckDBPyConnection, every_report: bool = False) -> dict[tuple[str, str], int]:
    """The events of every dyad (those that count, or ``every_report``), counted in one scan.

    A dyad filter is asked for by dyad, and a store has hundreds of dyads, so nearly every
    dyad asked for would otherwise be counted apart, each count a scan of every event (4 ms
    on a million): counted all at once, they cost three of those, once while the data are
    unchanged. Counted with the filter's own clause, so that they are its totals."""
    clause, params = EventFilter(every_report=every_report).sql()
    return {(source, target): found for source, target, found in con.execute(
        f"SELECT source_country, target_country, count(*) FROM events {clause} GROUP BY ALL", params).fetchall()}


def _capped(found: int) -> tuple[int, bool]:
    """A total as ``capped_count`` tells it: at most the cap, and whether it is exact."""
    return min(found, reading.COUNT_CAP), found <= reading.COUNT_CAP


def word_terms(con: duckdb.DuckDBPyConnection, text: str) -> list[int]:
    """The index terms of the words of ``text``, cut by the store's own ``word_hashes``.

    The terms of a text are kept (``_TERMS``): compiling the macro's Unicode pattern costs
    about 2 ms a query, and the answer depends on the text alone (every store a process
    reads is at the current schema, hence has the same macro).
    """
    found = _TERMS.get(text)
    if found is None:
        row = con.execute("SELECT word_hashes(?)", [text]).fetchone()
        found = list(row[0]) if row and row[0] else []
        if len(_TERMS) >= _TERMS_KEPT:
            _TERMS.clear()
        _TERMS[text] = found
    return found


def mentions(con: duckdb.DuckDBPyConnection, event_id: str) -> list[Json]:
    """The other reports of the same real-world event (its cluster, this report left out)."""
    return dicts(con.execute(f"""
        SELECT m.cluster_id, m.event_id, m.doc_id, coalesce({OUTLET}, m.outlet, m.doc_id) AS outlet, a.title, e.sentence
        FROM event_mentions m LEFT JOIN events e USING (event_id)
        LEFT JOIN articles a ON a.content_hash = e.content_hash
        WHERE m.cluster_id IN (SELECT cluster_id FROM event_mentions WHERE event_id = ?) AND m.event_id <> ?
        ORDER BY outlet, m.doc_id""", [event_id, event_id]))


def event_detail(con: duckdb.DuckDBPyConnection, event_id: str) -> Json | None:
    """An event with its evidence, the reports of the same event, and the relevant quotes.

    Quotes are the one the event was coded from and those in the same article by either party.
    """
    row = con.execute("SELECT record FROM events WHERE event_id = ?", [event_id]).fetchone()
    if row is None:
        return None
    event = _with_evidence([row])[0]
    names = [a["name"] for a in (event.get("source"), event.get("target")) if a and a.get("name")]
    quoted = con.execute(
        "SELECT record FROM quotes WHERE quote_id = ? OR (doc_id = ? AND list_contains(?, speaker_name)) "
        "ORDER BY start_char", [event.get("quote_id"), event["doc_id"], names]).fetchall()
    stories = [story for (story,) in con.execute(
        "SELECT DISTINCT story_id FROM stories WHERE doc_id = ? ORDER BY 1", [event["doc_id"]]).fetchall()]
    cluster = con.execute("SELECT e.reports FROM event_mentions m JOIN events e ON e.event_id = m.cluster_id "
                          "WHERE m.event_id = ?", [event_id]).fetchone()
    outlets = cluster[0] if cluster else 1
    return {"event": event, "mentions": mentions(con, event_id), "quotes": records(quoted), "stories": stories,
            "reports": outlets}
