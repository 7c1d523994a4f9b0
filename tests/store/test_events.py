"""Pages of events looked for newest days first (``store.events``) give the rows and totals a
plain query over every event gives: text search over several words, deep offsets, cursors
and dates, with ranges of days small enough that a small store needs several of them."""
from __future__ import annotations

import random
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from flashpoint.store import Store, events
from flashpoint.store.filters import EventFilter, KeyRange
from tests.synthetic import article, synthetic_event

WORDS = ("troops", "border", "talks", "oil", "sanctions", "ports", "drones", "grain")
PAIRS = (("USA", "COL"), ("COL", "VEN"), ("VEN", "USA"), ("MEX", "USA"))


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles over 300 days (a few undated), each with events of a few words, some negated."""
    rng = random.Random(4)
    path = tmp_path_factory.mktemp("events") / "events.duckdb"
    with Store(path) as store:
        for n in range(150):
            day = date(2025, 1, 1) + timedelta(days=2 * n) if n % 25 else None
            sentences = [f"Officials said {' and '.join(rng.sample(WORDS, 3))} were discussed in case {n}-{k}."
                         for k in range(4)]
            art = article(f"doc-{n:03d}", " ".join(sentences), day)  # type: ignore[arg-type]
            records = [synthetic_event(art, *rng.choice(PAIRS), rng.choice(("040", "111", "190")), sentence,
                                       "discussed", negated=rng.random() < 0.1) for sentence in sentences]
            store.save_article(art, records, [])
    return path


@pytest.fixture()
def con(store_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[duckdb.DuckDBPyConnection]:
    """A cursor, with ranges of a few events and the top-N limit low, so pages span ranges."""
    monkeypatch.setattr(events, "FIRST_EVENTS", 3)
    monkeypatch.setattr(events, "TOP_N", 8)
    with Store(store_path, read_only=True) as store, store.cursor() as cursor:
        yield cursor


def _plain(con: duckdb.DuckDBPyConnection, where: EventFilter, limit: int, offset: int = 0,
           after: int | None = None) -> tuple[list[str], int]:
    """The page and total by one query over every event (how they were found before ranges)."""
    clause, params = where.sql(events.word_terms(con, where.text) if where.text else ())
    paged = f"{clause} AND event_key < ?" if after is not None else clause
    rows = con.execute(f"SELECT event_id FROM events {paged} ORDER BY event_key DESC LIMIT ? OFFSET ?",
                       [*params, *([after] if after is not None else []), limit, offset]).fetchall()
    total = con.execute(f"SELECT count(*) FROM events {clause}", params).fetchone()
    return [event_id for (event_id,) in rows], total[0] if total else 0


FILTERS = [EventFilter(text="troops"), EventFilter(text="Troops and BORDER"), EventFilter(text="oil grain ports"),
           EventFilter(text="border", dyad="USA-COL"), EventFilter(text="talks", start=date(2025, 3, 1),
                                                                   end=date(2025, 6, 30)),
           EventFilter(text="nowhere"), EventFilter(text="the"), EventFilter(), EventFilter(country="VEN"),
           EventFilter(every_report=True, text="drones"), EventFilter(undated=True, text="sanctions")]


@pytest.mark.parametrize("where", FILTERS, ids=repr)
@pytest.mark.parametrize(("limit", "offset"), [(5, 0), (7, 20), (10, 95), (3, 400)])
def test_a_page_and_its_total_are_those_of_one_query_over_every_event(
        con: duckdb.DuckDBPyConnection, where: EventFilter, limit: int, offset: int) -> None:
    page = events.events(con, where, limit, offset)
    expected, total = _plain(con, where, limit, offset)
    assert [e["event_id"] for e in page["events"]] == expected
    assert (page["total"], page["total_exact"]) == (total, True)


@pytest.mark.parametrize("where", FILTERS[:5], ids=repr)
def test_cursor_pages_walk_every_match_once_in_order(con: duckdb.DuckDBPyConnection, where: EventFilter) -> None:
    walked, after = [], None
    while True:
        page = events.events(con, where, 6, after=after)
        assert [e["event_id"] for e in page["events"]] == _plain(con, where, 6, after=after)[0]
        walked += [e["event_id"] for e in page["events"]]
        if page["next"] is None:
            break
        after = int(page["next"])
    assert walked == _plain(con, where, 10_000)[0] and walked


@pytest.mark.parametrize("where", FILTERS, ids=repr)
def test_totals_past_the_cap_are_counted_over_ranges(con: duckdb.DuckDBPyConnection, where: EventFilter,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("flashpoint.store.reading.COUNT_CAP", 40)
    total = _plain(con, where, 1)[1]
    page = events.events(con, where, 5)
    assert (page["total"], page["total_exact"]) == (min(total, 40), total <= 40)


@pytest.mark.parametrize("where", [EventFilter(text="border", dyad="USA-COL"), EventFilter(undated=True),
                                   EventFilter(text="nowhere")], ids=repr)
def test_a_short_page_tells_its_total_without_counting(con: duckdb.DuckDBPyConnection, where: EventFilter,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    expected, total = _plain(con, where, 10_000)
    assert total < 60
    monkeypatch.setattr(events, "_total", lambda *args: pytest.fail("a short page was counted"))
    for offset in (0, max(total - 2, 0)):
        page = events.events(con, where, 3 if offset else 60, offset)
        assert [e["event_id"] for e in page["events"]] == expected[offset:offset + (3 if offset else 60)]
        assert (page["total"], page["total_exact"]) == (total, True)


def test_a_kept_total_is_not_counted_again(con: duckdb.DuckDBPyConnection) -> None:
    kept: dict[object, tuple[int, bool]] = {}

    def keep(key: object, compute):  # type: ignore[no-untyped-def]
        return kept.setdefault(key, compute())

    first = events.events(con, EventFilter(text="oil"), 5, keep=keep)
    kept[("events total", EventFilter(text="oil"))] = (123, True)
    again = events.events(con, EventFilter(text="oil"), 5, offset=5, keep=keep)
    assert first["total"] == _plain(con, EventFilter(text="oil"), 1)[1] and again["total"] == 123


def test_a_page_reads_how_many_outlets_report_each_event_as_grouping_left_it() -> None:
    """``reports`` is kept on the row by every grouping: set when a cluster forms, back to
    one when it is compared apart or the grouping is cleared."""
    from flashpoint.store import Mention

    day = date(2026, 1, 5)
    with Store(":memory:") as store:
        saved = []
        for doc_id, outlet in (("a", "Wire A"), ("b", "Wire B"), ("c", "Wire B")):
            art = article(doc_id, f"US forces attacked a boat in {doc_id}.", day, outlet=outlet)
            saved.append(synthetic_event(art, "USA", "COL", "190", art.text, "attacked"))
            store.save_article(art, saved[-1:], [])
        lead, *others = (event["event_id"] for event in saved)

        def reports() -> dict[str, int]:
            with store.cursor() as con:
                page = events.events(con, EventFilter(every_report=True))["events"]
                detail = events.event_detail(con, others[0])
            assert detail is not None
            return {**{e["event_id"]: e["reports"] for e in page}, "detail": detail["reports"]}

        clustered = [Mention(lead, event["event_id"], event["doc_id"], event["article"]["outlet"])
                     for event in saved]
        store.save_stories({"s1": ["a", "b", "c"]}, clustered)
        assert reports() == {lead: 2, others[0]: 1, others[1]: 1, "detail": 2}  # three reports, two outlets
        store.save_stories({"s1": ["a", "b", "c"]}, [])
        assert reports() == {lead: 1, others[0]: 1, others[1]: 1, "detail": 1}
        store.save_stories({"s1": ["a", "b", "c"]}, clustered)
        store.clear_grouping()
        assert reports() == {lead: 1, others[0]: 1, others[1]: 1, "detail": 1}


def test_the_span_of_a_text_search_is_kept_with_its_total(con: duckdb.DuckDBPyConnection,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    kept: dict[object, object] = {}
    measured = []
    span = events._span
    monkeypatch.setattr(events, "_span", lambda *args: measured.append(args[1]) or span(*args))

    def keep(key: object, compute):  # type: ignore[no-untyped-def]
        return kept[key] if key in kept else kept.setdefault(key, compute())

    where = EventFilter(text="troops")
    pages = [events.events(con, where, 5, offset, keep=keep) for offset in (0, 5, 0)]
    assert len(measured) == 1 and pages[0] == pages[2]
    assert [e["event_id"] for e in pages[1]["events"]] == _plain(con, where, 5, 5)[0]


@pytest.mark.parametrize("every_report", [False, True])
@pytest.mark.parametrize("cap", [40, 10_000])
def test_the_total_of_a_dyad_alone_comes_from_every_dyad_counted_at_once(
        con: duckdb.DuckDBPyConnection, monkeypatch: pytest.MonkeyPatch, every_report: bool, cap: int) -> None:
    monkeypatch.setattr("flashpoint.store.reading.COUNT_CAP", cap)
    kept: dict[object, object] = {}

    def keep(key: object, compute):  # type: ignore[no-untyped-def]
        return kept[key] if key in kept else kept.setdefault(key, compute())

    totals = {pair: _plain(con, EventFilter(dyad="-".join(pair), every_report=every_report), 1)[1] for pair in PAIRS}
    monkeypatch.setattr(events, "_total", lambda *args: pytest.fail("a dyad alone was counted apart"))
    for (source, target), total in totals.items():
        page = events.events(con, EventFilter(dyad=f"{source.lower()}-{target}", every_report=every_report), 2,
                             keep=keep)
        assert (page["total"], page["total_exact"]) == (min(total, cap), total <= cap)
    assert list(kept) == [("dyad totals", every_report)]


def test_each_range_is_sized_by_the_matches_the_last_one_held() -> None:
    day = events.DAY_KEYS
    span = events._Span(newest=1000 * day, oldest=0, events=1001 * 100, high=None, low=None)  # 100 a day
    search = events._Widening(span, wanted=10_000)
    first = search.first()
    assert first == KeyRange(1000 * day + 1 - 150 * day, 1000 * day + 1)  # 1.5x the wanted, at 100 a day
    # 600 of 10,000 in 150 days: the rest needs about 2,350 days more, so the next range is
    # unbounded (there are 1,001 days), where growing by RANGE_GROWTH alone would look at 1,200
    assert search.widen(600) == KeyRange(None, first.high)
    assert search.widen(10_000) is None
    top = 1000 * day + 1
    sparse = events._Widening(span, wanted=50)
    assert sparse.first() == KeyRange(top - 100 * day, top)  # FIRST_EVENTS at 100 a day
    assert sparse.widen(0) == KeyRange(top - 800 * day, top)  # none found: RANGE_GROWTH times as long
    dense = events._Widening(span, wanted=50)
    dense.first()
    assert dense.widen(45) == KeyRange(top - 200 * day, top)  # at least twice as long
