"""The dyad queries: what counts (deduplicated clusters, no negated or hypothetical events),
daily counts by QuadClass, Goldstein, conflict share, dates, and the batch summary."""
from __future__ import annotations

import threading
import time
from datetime import date

import pytest

from flashpoint.analysis.dyads import Freq, Period, series
from flashpoint.records import EventRecord
from flashpoint.store import Mention, Store
from flashpoint.store.dyads import daily, dyad_table
from tests.records import make_event
from tests.synthetic import article, synthetic_event

DAY = date(2026, 1, 5)  # a Monday


@pytest.fixture()
def store():
    with Store(":memory:") as db:
        yield db


def save(store: Store, doc_id: str, day: date, rows, outlet: str = "Wire A") -> list[EventRecord]:
    """One article whose sentences are ``rows`` = [(source, target, cameo, sentence, trigger)]."""
    art = article(doc_id, " ".join(r[3] for r in rows), day, outlet=outlet)
    events = [synthetic_event(art, *r) for r in rows]
    store.save_article(art, events, [])
    return events


def dyad_series(store: Store, source: str, target: str, freq: Freq = "day") -> list[Period]:
    with store.cursor() as con:
        return series(daily(con).get((source, target), []), freq)


def table(store: Store, **options) -> list[dict]:
    with store.cursor() as con:
        return dyad_table(con, **options)


def test_daily_series_counts_quad_classes_and_goldstein(store: Store) -> None:
    save(store, "a", DAY, [("USA", "COL", "040", "They held talks.", "held talks"),
                           ("USA", "COL", "112", "They accused Bogota.", "accused"),
                           ("USA", "COL", "190", "They attacked a boat.", "attacked"),
                           ("COL", "USA", "051", "Bogota praised them.", "praised")])
    save(store, "b", date(2026, 1, 7), [("USA", "COL", "040", "They met again.", "met")])
    series = dyad_series(store, "USA", "COL")
    assert [p.period for p in series] == [DAY, date(2026, 1, 6), date(2026, 1, 7)]  # gap filled
    first = series[0]
    assert (first.events, first.q1, first.q2, first.q3, first.q4) == (3, 1, 0, 1, 1)
    assert first.goldstein_sum == pytest.approx(1.0 - 2.0 - 10.0)
    assert first.goldstein_mean == pytest.approx(-11.0 / 3)
    assert first.conflict_share == pytest.approx(2 / 3)
    assert series[1].events == 0 and series[1].goldstein_mean is None and series[1].conflict_share is None
    assert series[1].as_dict()["goldstein_mean"] is None


def test_weekly_series_groups_by_iso_week(store: Store) -> None:
    for n, day in enumerate((date(2026, 1, 5), date(2026, 1, 11), date(2026, 1, 12))):
        save(store, f"d{n}", day, [("USA", "COL", "040", f"Talks number {n}.", "Talks")])
    series = dyad_series(store, "USA", "COL", freq="week")
    assert [(p.period, p.events) for p in series] == [(date(2026, 1, 5), 2), (date(2026, 1, 12), 1)]


def test_event_date_first_then_publication_date(store: Store) -> None:
    art = article("x", "Last month they attacked. Today they talked.", date(2026, 2, 10))
    dated = synthetic_event(art, "USA", "COL", "190", "Last month they attacked.", "attacked",
                         day=date(2026, 1, 15))
    undated = synthetic_event(art, "USA", "COL", "040", "Today they talked.", "talked")
    undated["date"] = {"value": None, "precision": None, "text": None}
    store.save_article(art, [dated, undated], [])
    series = dyad_series(store, "USA", "COL")
    assert series[0].period == date(2026, 1, 15) and series[0].q4 == 1
    assert series[-1].period == date(2026, 2, 10) and series[-1].q1 == 1


def test_negated_events_and_missing_countries_are_left_out(store: Store) -> None:
    art = article("n", "They did not attack. Someone attacked Colombia.", DAY)
    negated = synthetic_event(art, "USA", "COL", "190", "They did not attack.", "attack", negated=True)
    unknown = synthetic_event(art, None, "COL", "190", "Someone attacked Colombia.", "attacked")
    store.save_article(art, [negated, unknown], [])
    assert dyad_series(store, "USA", "COL") == []
    assert table(store) == []


def test_a_cluster_reported_by_several_outlets_counts_once(store: Store) -> None:
    first = save(store, "a", DAY, [("USA", "COL", "190", "US forces attacked a boat.", "attacked")], "Wire A")
    second = save(store, "b", DAY, [("USA", "COL", "190", "A boat was attacked by US forces.", "attacked")],
                  "Wire B")
    save(store, "c", DAY, [("USA", "COL", "040", "Envoys held talks.", "held talks")], "Wire B")
    assert dyad_series(store, "USA", "COL")[0].events == 3          # no clusters yet
    cluster = first[0]["event_id"]
    store.save_stories({"s1": ["a", "b"]}, [Mention(cluster, first[0]["event_id"], "a", "Wire A"),
                                            Mention(cluster, second[0]["event_id"], "b", "Wire B")])
    day = dyad_series(store, "USA", "COL")[0]
    assert (day.events, day.q4, day.q1, day.reports) == (2, 1, 1, 3)    # the attack once, by 2 outlets
    assert table(store)[0]["reports"] == 3


def test_dyad_table_orders_by_hostility(store: Store) -> None:
    save(store, "a", DAY, [("USA", "COL", "190", "They attacked.", "attacked"),
                           ("COL", "USA", "040", "They talked.", "talked"),
                           ("COL", "USA", "051", "They praised.", "praised")])
    rows = table(store)
    assert [(r["source"], r["target"]) for r in rows] == [("USA", "COL"), ("COL", "USA")]
    assert rows[0]["material_conflict"] == 1 and rows[0]["conflict_share"] == 1.0
    assert [r["source"] for r in table(store, order="events")] == ["COL", "USA"]
    assert table(store, min_events=2)[0]["source"] == "COL"


def test_batch_summary_is_directed_and_most_hostile_first(store: Store) -> None:
    """What ``analyze`` prints: the dyads of the batch's articles only, by the same definition."""
    events = [
        make_event("a", cameo="111", goldstein=-2.0, quad_class=3),
        make_event("b", cameo="190", goldstein=-10.0, quad_class=4),
        make_event("c", cameo="042", goldstein=1.9, quad_class=1, source=("Chile", "CHL"), target=("Peru", "PER")),
        make_event("d", target=("somebody", None)),
        make_event("elsewhere", cameo="190", goldstein=-10.0, quad_class=4),
    ]
    for event in events:
        store.save_article(article(event["doc_id"], f"Article {event['doc_id']}.", DAY), [event], [])
    first, second = table(store, doc_ids=["a", "b", "c", "d"])
    assert (first["source"], first["target"], first["events"], first["goldstein_sum"]) == ("PER", "CHL", 2, -12.0)
    assert first["conflict_share"] == 1.0
    assert (second["source"], second["target"], second["conflict_share"]) == ("CHL", "PER", 0.0)


def test_batch_summary_counts_a_cluster_once_and_leaves_out_what_did_not_happen(store: Store) -> None:
    first = save(store, "a", DAY, [("USA", "COL", "190", "US forces attacked a boat.", "attacked")], "Wire A")
    second = save(store, "b", DAY, [("USA", "COL", "190", "A boat was attacked by US forces.", "attacked")],
                  "Wire B")
    art = article("h", "They could attack. They did not attack.", DAY)
    maybe = synthetic_event(art, "USA", "COL", "190", "They could attack.", "attack")
    maybe["modality"]["hypothetical"] = True
    store.save_article(art, [maybe, synthetic_event(art, "USA", "COL", "190", "They did not attack.", "attack",
                                                    negated=True)], [])
    assert table(store, doc_ids=["a", "b", "h"])[0]["events"] == 2
    cluster = first[0]["event_id"]
    store.save_stories({"s1": ["a", "b"]}, [Mention(cluster, first[0]["event_id"], "a", "Wire A"),
                                            Mention(cluster, second[0]["event_id"], "b", "Wire B")])
    (attack,) = table(store, doc_ids=["a", "b", "h"])
    assert (attack["events"], attack["reports"]) == (1, 2)
    (only_b,) = table(store, doc_ids=["b"])          # b's report of the cluster counts for b's batch
    assert only_b["events"] == 1


def _ingest(store: Store, doc_id: str, text: str, source: str, target: str) -> None:
    """One article with one event of ``source`` -> ``target``, through the ingest path (grouped)."""
    from flashpoint import service
    from flashpoint.records import Extraction

    art = article(doc_id, text, DAY)
    event = synthetic_event(art, source, target, "111", text, text.split()[1])
    service.ingest(store, [art], lambda batch: [Extraction(a, [event]) for a in batch])


def test_the_cache_recomputes_only_the_dyads_an_ingest_touched(store: Store, monkeypatch) -> None:
    from flashpoint.store import dyads as dyads_module

    _ingest(store, "a", "Colombia criticized Venezuela over the Catatumbo border.", "COL", "VEN")
    _ingest(store, "b", "Mexico criticized Cuba over the Yucatan ferry.", "MEX", "CUB")
    cache = dyads_module.DailyCache(store)
    with store.cursor() as con:
        assert set(cache.days(con)) == {("COL", "VEN"), ("MEX", "CUB")}
        asked: list[object] = []
        real = dyads_module.daily
        monkeypatch.setattr(dyads_module, "daily", lambda con, dyads=None: asked.append(dyads) or real(con, dyads))
        assert cache.days(con) is cache.days(con) and asked == []  # nothing changed: nothing recomputed
    _ingest(store, "c", "Colombia criticized Venezuela over the Catatumbo border again.", "COL", "VEN")
    with store.cursor() as con:
        days = cache.days(con)
        assert asked == [[("COL", "VEN")]]
        assert days == real(con)
        assert days[("COL", "VEN")][0].events == 1  # the two reports of one border row, one cluster


def test_kept_aggregates_last_until_the_data_change_and_are_bounded(store: Store, monkeypatch) -> None:
    from flashpoint.store import dyads as dyads_module

    monkeypatch.setattr(dyads_module, "MEMO_SIZE", 3)
    cache = dyads_module.DailyCache(store)
    computed: list[int] = []

    def page(n: int) -> int:
        computed.append(n)
        return n

    _ingest(store, "a", "Colombia criticized Venezuela over the Catatumbo border.", "COL", "VEN")
    with store.cursor() as con:
        assert [cache.kept(con, n, lambda n=n: page(n)) for n in (1, 1, 2, 3, 1, 4, 1, 2)] == [1, 1, 2, 3, 1, 4, 1, 2]
        assert computed == [1, 2, 3, 4, 2]  # kept, except the least recently used once a fourth came
    _ingest(store, "b", "Mexico criticized Cuba over the Yucatan ferry.", "MEX", "CUB")
    with store.cursor() as con:
        cache.kept(con, 4, lambda: page(4))
    assert computed[-1] == 4 and len(computed) == 6  # new data: computed again


def test_values_of_different_keys_are_computed_at_once(store: Store) -> None:
    from flashpoint.store.dyads import DailyCache

    cache = DailyCache(store)
    _ingest(store, "a", "Colombia criticized Venezuela over the Catatumbo border.", "COL", "VEN")
    other_done = threading.Event()

    def other() -> None:
        with store.cursor() as con:
            cache.kept(con, "other", lambda: 2)
        other_done.set()

    def slow() -> int:
        threading.Thread(target=other).start()
        assert other_done.wait(10)  # the other key did not wait for this one
        return 1

    with store.cursor() as con:
        assert cache.kept(con, "slow", slow) == 1 and cache.kept(con, "other", lambda: 3) == 2


def test_a_value_asked_for_while_it_is_computed_is_computed_once(store: Store) -> None:
    from flashpoint.store.dyads import DailyCache

    cache = DailyCache(store)
    _ingest(store, "a", "Colombia criticized Venezuela over the Catatumbo border.", "COL", "VEN")
    computed: list[str] = []

    def same_key() -> None:
        with store.cursor() as con:
            computed.append(cache.kept(con, "slow", lambda: "again"))

    other = threading.Thread(target=same_key)

    def slow() -> str:
        other.start()
        time.sleep(0.3)  # the other request asks meanwhile, and waits for this result
        return "once"

    with store.cursor() as con:
        assert cache.kept(con, "slow", slow) == "once"
    other.join(10)
    assert computed == ["once"]


def test_a_kept_dyad_total_and_dyad_table_follow_every_write(store: Store) -> None:
    """The total of a dyad filter comes from every dyad's totals, kept: an ingest, a grouping
    that merges two reports, and clearing the grouping must each show in it, and in the
    kept dyad table."""
    from functools import partial

    from flashpoint.store import events
    from flashpoint.store.dyads import DailyCache, dyad_page
    from flashpoint.store.filters import EventFilter

    first = save(store, "a", DAY, [("USA", "COL", "190", "US forces attacked a boat.", "attacked")], "Wire A")
    second = save(store, "b", DAY, [("USA", "COL", "190", "A boat was attacked by US forces.", "attacked")],
                  "Wire B")
    cache, where = DailyCache(store), EventFilter(dyad="usa-col")

    def totals() -> tuple[int, int, int]:
        with store.cursor() as con:
            keep = partial(cache.kept, con)
            page = events.events(con, where, limit=1, keep=keep)  # a full page: its total is looked up
            every_report = events.events(con, EventFilter(dyad="USA-COL", every_report=True), limit=1, keep=keep)
            (row,) = dyad_page(con, keep=keep)["dyads"]
        return page["total"], every_report["total"], row["events"]

    assert totals() == (2, 2, 2)
    save(store, "c", DAY, [("USA", "COL", "040", "Envoys held talks.", "held talks")])
    assert totals() == (3, 3, 3)
    cluster = first[0]["event_id"]
    store.save_stories({"s1": ["a", "b"]}, [Mention(cluster, cluster, "a", "Wire A"),
                                            Mention(cluster, second[0]["event_id"], "b", "Wire B")])
    assert totals() == (2, 3, 2)  # the two reports of the attack are one event
    store.clear_grouping()
    assert totals() == (3, 3, 3)


def test_every_order_ranks_the_kept_table_as_the_table_ranks(store: Store) -> None:
    """A server ranks the one kept table in each order; the pages are those of ``dyad_table``,
    an unknown value (a dyad with no dated event has no last day) last."""
    from functools import partial

    from flashpoint.store.dyads import DailyCache, dyad_page

    art = article("u", "They talked of nothing.", None)  # type: ignore[arg-type]  # no date at all
    store.save_article(art, [synthetic_event(art, "MEX", "CUB", "040", "They talked of nothing.", "talked")], [])
    save(store, "a", DAY, [("USA", "COL", "190", "They attacked.", "attacked"),
                           ("COL", "USA", "040", "They talked.", "talked"),
                           ("COL", "USA", "051", "They praised.", "praised"),
                           ("VEN", "COL", "040", "They met.", "met")])
    save(store, "b", date(2026, 1, 6), [("USA", "COL", "040", "They met again.", "met")])
    cache = DailyCache(store)
    with store.cursor() as con:
        for order in ("hostile", "events", "recent"):
            for min_events, limit, offset in ((1, 50, 0), (1, 2, 1), (2, 50, 0)):
                page = dyad_page(con, order, limit, offset, min_events, keep=partial(cache.kept, con))
                assert page["dyads"] == dyad_table(con, min_events, limit, order, offset=offset)
                assert page["total"] == len(dyad_table(con, min_events, 100, order))
        assert [(r["source"], r["target"]) for r in dyad_table(con, order="recent")] == [
            ("USA", "COL"), ("COL", "USA"), ("VEN", "COL"), ("MEX", "CUB")]
        assert [r["source"] for r in dyad_table(con, order="events")] == ["COL", "USA", "MEX", "VEN"]


def test_a_kept_events_total_is_counted_again_after_a_grouping_of_events_of_no_dyad(store: Store) -> None:
    """Grouping that merges events with no known dyad logs no dyad change, yet changes what
    counts: the kept total of an events filter must not outlive it."""
    from functools import partial

    from flashpoint.store import events
    from flashpoint.store.dyads import DailyCache
    from flashpoint.store.filters import EventFilter

    first = save(store, "a", DAY, [("USA", None, "190", "US forces attacked a boat.", "attacked")], "Wire A")
    second = save(store, "b", DAY, [("USA", None, "190", "A boat was attacked by US forces.", "attacked")],
                  "Wire B")
    cache, where = DailyCache(store), EventFilter(actor="USAGOV")
    with store.cursor() as con:
        assert events.events(con, where, keep=partial(cache.kept, con))["total"] == 2
    cluster = first[0]["event_id"]
    store.save_stories({"s1": ["a", "b"]}, [Mention(cluster, cluster, "a", "Wire A"),
                                            Mention(cluster, second[0]["event_id"], "b", "Wire B")])
    with store.cursor() as con:
        page = events.events(con, where, keep=partial(cache.kept, con))
    assert (page["total"], [e["reports"] for e in page["events"]]) == (1, [2])
