"""The JSON API through an in-process client: filters, detail, series, alerts, stories."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from flashpoint.api import create_app
from flashpoint.store import Store


def test_events_page_and_total(client: TestClient) -> None:
    body = client.get("/api/events", params={"limit": 5}).json()
    assert body["total"] == 157 and len(body["events"]) == 5
    assert body["events"][0]["date"]["value"] == "2026-02-14"          # newest first
    second = client.get("/api/events", params={"limit": 5, "offset": 5}).json()["events"]
    assert not {e["event_id"] for e in second} & {e["event_id"] for e in body["events"]}


def test_cursor_pages_walk_every_event_once_in_order(client: TestClient) -> None:
    by_offset = [e["event_id"] for e in client.get("/api/events", params={"limit": 500}).json()["events"]]
    walked, after = [], None
    while True:
        page = client.get("/api/events", params={"limit": 20, **({"after": after} if after else {})}).json()
        walked += [e["event_id"] for e in page["events"]]
        after = page["next"]
        if after is None:
            break
    assert walked == by_offset and len(walked) == 157
    days = [e["date"]["value"] for e in client.get("/api/events", params={"limit": 500}).json()["events"]]
    assert days == sorted(days, reverse=True)


def test_totals_past_the_cap_say_so(client: TestClient, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("flashpoint.store.reading.COUNT_CAP", 50)
    capped = client.get("/api/events", params={"dyad": "USA-COL"}).json()
    assert (capped["total"], capped["total_exact"]) == (50, False)
    exact = client.get("/api/events", params={"dyad": "USA-COL", "cameo": "19"}).json()
    assert (exact["total"], exact["total_exact"]) == (7, True)


@pytest.mark.parametrize(("q", "total"), [("boat", 7), ("BOAT attacked", 7), ("boat talks", 0),
                                          ("the boat", 7), ("the", 157), ("boa", 0)])
def test_text_search_matches_whole_words_all_of_them(client: TestClient, q: str, total: int) -> None:
    assert client.get("/api/events", params={"q": q}).json()["total"] == total


@pytest.mark.parametrize(("params", "total"), [
    ({"dyad": "USA-COL"}, 59),
    ({"dyad": "usa-col", "cameo": "19"}, 7),          # root; case-insensitive countries
    ({"cameo": "138"}, 7),                            # code prefix
    ({"plover": "assault"}, 7),
    ({"country": "VEN"}, 45),
    ({"actor": "venez"}, 45),
    ({"actor": "VENGOV"}, 45),
    ({"start": "2026-02-13", "end": "2026-02-14"}, 13),
    ({"q": "boat"}, 7),
])
def test_event_filters(client: TestClient, params: dict, total: int) -> None:
    response = client.get("/api/events", params=params)
    assert response.status_code == 200, response.text
    assert response.json()["total"] == total


@pytest.mark.parametrize(("path", "params", "words"), [
    ("/api/events", {"dyad": "USA"}, "SOURCE-TARGET"),
    ("/api/events", {"dyad": "US-COLX"}, "country code"),
    ("/api/events", {"cameo": "abc"}, "CAMEO"),
    ("/api/events", {"plover": "FIGHTING"}, "PLOVER"),
    ("/api/events", {"country": "U1A"}, "country code"),
    ("/api/events", {"start": "2026-02-14", "end": "2026-01-01"}, "after"),
    ("/api/events", {"start": "yesterday"}, "date"),
    ("/api/events", {"limit": 0}, "greater"),
    ("/api/events", {"limit": 10_000}, "less"),
    ("/api/events", {"offset": -1}, "greater"),
    ("/api/quotes", {"country": "Colombia"}, "country code"),
    ("/api/dyads", {"order": "nicest"}, "hostile"),
    ("/api/dyads/USA/COL/series", {"freq": "month"}, "day"),
    ("/api/dyads/USA/C0L/series", {}, "country code"),
    ("/api/alerts", {"rule": "vibes"}, "surge"),
    ("/api/alerts", {"dyad": "USA+COL"}, "SOURCE-TARGET"),          # validated as /api/events does
    ("/api/alerts", {"dyad": "USA-C0L"}, "country code"),
])
def test_invalid_parameters_are_4xx_with_a_message(client: TestClient, path: str, params: dict,
                                                   words: str) -> None:
    response = client.get(path, params=params)
    assert 400 <= response.status_code < 500, response.text
    assert words.lower() in response.text.lower()


def test_event_detail_has_evidence_quotes_and_mentions(client: TestClient, db) -> None:
    threat = client.get("/api/events", params={"cameo": "130"}).json()["events"][0]
    detail = client.get(f"/api/events/{threat['event_id']}").json()
    assert detail["event"]["evidence"]["trigger"] == "respond"
    assert [q["text"] for q in detail["quotes"]] == ["<b>we will respond</b>"]
    assert detail["mentions"] == []
    assert client.get("/api/events/nope").status_code == 404


def test_mentions_list_every_outlet_of_the_cluster(client: TestClient) -> None:
    attacks = client.get("/api/events", params={"cameo": "190", "limit": 2}).json()["events"]
    first, second = attacks
    store: Store = client.app.state.store
    store.save_stories({"s1": [first["doc_id"], second["doc_id"]]},
                       [(first["event_id"], first["event_id"], first["doc_id"], "Wire A"),
                        (first["event_id"], second["event_id"], second["doc_id"], "Wire B")])
    detail = client.get(f"/api/events/{second['event_id']}").json()
    assert [m["doc_id"] for m in detail["mentions"]] == [first["doc_id"]]   # the others, not itself
    assert [m["outlet"] for m in detail["mentions"]] == ["Example Wire"]   # as its article names it
    assert detail["reports"] == 2
    series = client.get("/api/dyads/USA/COL/series").json()["series"]
    assert sum(p["q4"] for p in series) == 6 and sum(p["reports"] for p in series) == 59


def test_quotes(client: TestClient) -> None:
    body = client.get("/api/quotes", params={"speaker": "colom"}).json()
    assert body["total"] == 1 and body["quotes"][0]["article"]["published"] == "2026-02-14"
    assert client.get("/api/quotes", params={"q": "nothing like this"}).json()["total"] == 0


def test_dyads_and_series(client: TestClient) -> None:
    dyads = client.get("/api/dyads").json()["dyads"]
    assert {(d["source"], d["target"]) for d in dyads} == {("USA", "COL"), ("COL", "USA"), ("USA", "VEN")}
    assert dyads[0]["goldstein_mean"] <= dyads[-1]["goldstein_mean"]
    weekly = client.get("/api/dyads/usa/col/series", params={"freq": "week"}).json()
    assert weekly["source"] == "USA" and weekly["freq"] == "week"
    assert sum(p["events"] for p in weekly["series"]) == 59
    assert weekly["series"][-1]["conflict_share"] > 0.5
    window = client.get("/api/dyads/USA/COL/series",
                        params={"start": "2026-02-01", "end": "2026-02-03"}).json()["series"]
    assert [p["period"] for p in window] == ["2026-02-01", "2026-02-02", "2026-02-03"]
    unknown = client.get("/api/dyads/USA/CHN/series")
    assert unknown.status_code == 404 and "USA-CHN" in unknown.json()["detail"]


def test_every_list_pages_alike(client: TestClient) -> None:
    for path, items in (("/api/events", "events"), ("/api/dyads", "dyads"), ("/api/alerts", "alerts"),
                        ("/api/alerts/episodes", "episodes"), ("/api/quotes", "quotes"), ("/api/stories", "stories")):
        body = client.get(path, params={"limit": 1, "offset": 1}).json()
        assert {items, "total", "limit", "offset"} <= set(body), path
        assert (body["limit"], body["offset"]) == (1, 1) and len(body[items]) <= 1, path
    dyads = client.get("/api/dyads", params={"limit": 2}).json()
    rest = client.get("/api/dyads", params={"limit": 2, "offset": 2}).json()
    assert dyads["total"] == 3 and len(dyads["dyads"]) == 2 and len(rest["dyads"]) == 1
    assert rest["dyads"][0] not in dyads["dyads"]


def test_api_answers_with_its_index(client: TestClient) -> None:
    index = client.get("/api").json()
    paths = {e["path"] for e in index["endpoints"]}
    assert {"/api/events", "/api/dyads", "/api/alerts", "/api/stories", "/api/quotes"} <= paths
    assert index["openapi"] == "/openapi.json"


def test_openapi_describes_bodies_with_the_record_schemas(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert schemas["Event"]["properties"]["cameo"] and schemas["Quote"]["properties"]["speaker"]
    assert "$defs" not in schemas["Event"] and "Event_actor" in schemas
    events = document["paths"]["/api/events"]["get"]["responses"]
    assert events["200"]["content"]["application/json"]["schema"]["$ref"].endswith("/EventPage")
    assert events["400"]["content"]["application/json"]["schema"]["$ref"].endswith("/Problem")
    series = document["paths"]["/api/dyads/{source}/{target}/series"]["get"]["responses"]
    assert "404" in series


def test_events_filter_by_quad_class_outlet_confidence_and_undated(client: TestClient) -> None:
    def total(**params: object) -> int:
        response = client.get("/api/events", params=params)
        assert response.status_code == 200, response.text
        return int(response.json()["total"])

    assert total(quad_class=4) == 7 and total(quad_class=4, dyad="USA-COL") == 7
    assert total(outlet="example") == 157 and total(outlet="nobody") == 0
    assert total(min_confidence=0.95) == 0 and total(min_confidence=0.5) == 157
    assert total(undated=True) == 0
    assert total(quad_class="", start="", q="") == 157                 # a form's empty fields
    assert client.get("/api/events", params={"quad_class": 7}).status_code == 400
    assert client.get("/api/events", params={"min_confidence": "high"}).status_code == 400


def test_a_chart_bar_and_the_events_list_count_alike(client: TestClient) -> None:
    series = client.get("/api/dyads/USA/COL/series").json()["series"]
    for period in (series[0], series[-1]):
        listed = client.get("/api/events", params={"dyad": "USA-COL", "start": period["period"],
                                                   "end": period["period"]}).json()
        assert listed["total"] == period["events"]


def test_alerts_find_the_escalation(client: TestClient) -> None:
    alerts = client.get("/api/alerts", params={"limit": 500}).json()["alerts"]
    rules = {(a["rule"], a["source"], a["target"]) for a in alerts}
    assert ("first_material_conflict", "USA", "COL") in rules
    assert ("robust_z", "USA", "COL") in rules
    assert all(a["period"] >= "2026-02-08" for a in alerts)              # quiet while calm
    only = client.get("/api/alerts", params={"rule": "first_material_conflict", "dyad": "USA-COL"}).json()
    assert [a["period"] for a in only["alerts"]] == ["2026-02-08"]


def test_stories_when_none_were_built(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert body["stories"] == []
    assert client.get("/api/stories/nope").status_code == 404


def test_story_shows_cross_outlet_differences(db: Path) -> None:
    with Store(db) as store:  # the server holds its store read-only between its own writes
        day = list(store.event_records(["demo-2026-02-13"]))
        other = list(store.event_records(["demo-2026-02-12"]))
        store.con.execute("UPDATE articles SET outlet = 'Wire B' WHERE doc_id = 'demo-2026-02-12'")
        store.save_stories({"s1": ["demo-2026-02-13", "demo-2026-02-12"]},
                           [(e["event_id"], e["event_id"], e["doc_id"], None) for e in day]
                           + [(day[0]["event_id"], other[0]["event_id"], other[0]["doc_id"], None)])
    with TestClient(create_app(db)) as client:
        listing = client.get("/api/stories").json()
        assert listing["available"] and listing["stories"][0]["articles"] == 2
        story = client.get("/api/stories/s1").json()
        assert story["outlets"] == ["Example Wire", "Wire B"]
        shared = [c for c in story["clusters"] if c["cluster_id"] == day[0]["event_id"]]
        assert shared[0]["outlets"] == ["Example Wire", "Wire B"] and shared[0]["missing_from"] == []
        assert len(story["differences"]) == len(day) - 1 + shared[0]["codes_differ"]
        assert all(d["missing_from"] == ["Wire B"] for d in story["differences"]
                   if d["cluster_id"] != shared[0]["cluster_id"])


def test_nothing_is_a_500(client: TestClient) -> None:
    weird = ["/api/events?q=%27%3B%20DROP%20TABLE%20events%3B--", "/api/events?actor=%25",
             "/api/events?start=0001-01-01&end=9999-12-31", "/api/events/%00",
             "/api/dyads?limit=1&min_events=100000", "/api/quotes?doc_id=%27",
             "/api/dyads/%27%27%27/USA/series", "/dyads/USA/VEN?freq=week&format=json",
             "/api/events?offset=99999999"]
    for url in weird:
        assert client.get(url).status_code < 500, url
    assert client.get("/api/events").json()["total"] == 157
