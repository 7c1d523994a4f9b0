"""Dashboard pages (HTML and ?format=json), escaping, offline assets, and guarded ingestion."""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from flashpoint.api import TOKEN_ENV, create_app
from flashpoint.records import Extraction
from flashpoint.store import Store
from tests.synthetic import link_story, synthetic_event

HOSTILE = "<script>alert('x')</script>"


def _no_raw_markup(html: str) -> None:
    """Only our own <script> elements may appear; article markup must be escaped."""
    assert HOSTILE not in html and "<b>we will respond</b>" not in html and "<i>Day</i>" not in html
    assert "</blockquote><script>" not in html
    ours = re.compile(r'<script (src="/static/(plotly\.min|dashboard)\.js\?v=[0-9a-f]+" defer|type="application/json" '
                      r'class="chart-spec" data-target="chart-[A-Za-z-]+")>')
    for tag in re.findall(r"<script[^>]*>", html):
        assert ours.fullmatch(tag), tag


@pytest.mark.parametrize("path", ["/", "/dyads/USA/COL", "/dyads/COL/USA?freq=week", "/network", "/stories",
                                  "/events", "/events?dyad=USA-COL&quad_class=4", "/dyads",
                                  "/articles/demo-2026-02-14", "/actors/Colombia"])
def test_pages_render_and_escape_article_text(client: TestClient, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    _no_raw_markup(response.text)


def test_overview_shows_the_escaped_article_text(client: TestClient) -> None:
    html = client.get("/").text
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in html
    assert "Escalating dyads" in html and "First use of force" in html


def test_event_page_highlights_the_trigger(client: TestClient) -> None:
    threat = client.get("/api/events", params={"cameo": "130"}).json()["events"][0]
    html = client.get(f"/events/{threat['event_id']}").text
    _no_raw_markup(html)
    assert "<mark>respond</mark>" in html and "&lt;b&gt;we will respond&lt;/b&gt;" in html


def test_pages_answer_json_too(client: TestClient) -> None:
    overview = client.get("/", params={"format": "json"}).json()["overview"]
    assert overview["counts"]["events"] == 157 and overview["escalating"]
    dyad = client.get("/dyads/USA/COL", params={"format": "json"}).json()["dyad"]
    assert dyad["chart"]["data"][0]["type"] == "bar" and dyad["total_events"] == 59
    assert client.get("/network", params={"format": "json"}).json()["network"]["edges"]
    assert client.get("/", params={"format": "xml"}).status_code == 422


def test_unknown_pages_are_404(client: TestClient) -> None:
    assert client.get("/dyads/USA/CHN").status_code == 404
    assert client.get("/events/nope").status_code == 404
    assert client.get("/stories/nope").status_code == 404
    assert client.get("/dyads/US/COL").status_code == 400
    assert client.get("/articles/nope").status_code == 404 and client.get("/actors/Nobody").status_code == 404


def test_page_errors_are_pages_and_api_errors_json(client: TestClient) -> None:
    page = client.get("/events/nope")
    assert page.headers["content-type"].startswith("text/html") and "event &#39;nope&#39; not found" in page.text
    bad = client.get("/events", params={"country": "Colombia"})
    assert bad.status_code == 400 and "<h1>400" in bad.text and "E030" in bad.text
    assert client.get("/dyads/USA/COL", params={"freq": "month"}).headers["content-type"].startswith("text/html")
    assert client.get("/api/events/nope").json()["detail"] == "event 'nope' not found"
    assert client.get("/api/events", params={"country": "Colombia"}).json()["code"] == "E030"


def test_story_page_escapes_quote_variants_and_hedges(db: Path) -> None:
    with Store(db) as store:  # the server holds its store read-only between its own writes
        link_story(store)
    with TestClient(create_app(db)) as client:
        html = client.get("/stories/s1").text
        _no_raw_markup(html)
        assert ('we will respond, <mark class="only">cowards</mark>&lt;/blockquote&gt;&lt;script&gt;'
                "alert(&#39;v&#39;)&lt;/script&gt;</blockquote>") in html
        assert "&lt;b&gt;we will respond&lt;/b&gt;" in html and "only Wire B has: cowards" in html
        assert "Officials <mark>allegedly</mark> said" in html
        story = client.get("/api/stories/s1").json()
        assert story["hedges"][0]["qualifies"] == [{"id": "Q-wire-b", "kind": "quote",
                                                    "claim": "we will respond, cowards</blockquote><script>alert('v')</script>"}]


def test_stories_page_says_when_there_are_none(client: TestClient) -> None:
    assert "No stories yet" in client.get("/stories").text


def test_docs_and_charts_are_served_locally(client: TestClient) -> None:
    docs = client.get("/docs").text
    assert "/static/swagger-ui-bundle.js" in docs and "cdn" not in docs.lower()
    for name in ("swagger-ui-bundle.js", "swagger-ui.css", "plotly.min.js", "dashboard.js", "style.css"):
        assert client.get(f"/static/{name}").status_code == 200, name
    assert client.get("/static/app.py").status_code == 404
    assert "/api/events" in client.get("/openapi.json").json()["paths"]
    for path in ("/", "/dyads/USA/COL"):
        assert "http" not in re.sub(r'href="https?://[^"]*"', "", client.get(path).text).lower()


def test_plotly_loads_only_where_charts_are_and_is_cached(client: TestClient) -> None:
    assert "plotly" not in client.get("/").text and "plotly" not in client.get("/events").text
    chart_page = client.get("/dyads/USA/COL").text
    (url,) = re.findall(r'src="(/static/plotly\.min\.js\?v=[0-9a-f]+)"', chart_page)
    script = client.get(url)
    assert "immutable" in script.headers["cache-control"] and "max-age=31536000" in script.headers["cache-control"]
    assert client.get(url, headers={"If-None-Match": script.headers["etag"]}).status_code == 304


ARTICLE = {"text": "Washington accused Caracas of fraud.", "title": "Fraud", "outlet": "Wire",
           "published": "2026-03-01"}


def test_ingestion_is_disabled_without_a_token(client: TestClient) -> None:
    response = client.post("/api/articles", json=ARTICLE)
    assert response.status_code == 403 and TOKEN_ENV in response.json()["detail"]


@pytest.fixture()
def writer(db: Path, monkeypatch: pytest.MonkeyPatch):
    """A client whose server has a token, with a stub extractor (the coder is tested elsewhere)."""
    def extractor(articles):
        return [Extraction(a, [synthetic_event(a, "USA", "VEN", "112", a.text, "accused")], []) for a in articles]

    monkeypatch.setenv(TOKEN_ENV, "s3cret")
    with TestClient(create_app(db, extractor=extractor)) as test_client:
        yield test_client


def test_ingestion_needs_the_right_token(writer: TestClient) -> None:
    assert writer.post("/api/articles", json=ARTICLE).status_code == 401
    wrong = writer.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer nope"})
    assert wrong.status_code == 401


def test_ingestion_stores_the_article_once(writer: TestClient) -> None:
    auth = {"Authorization": "Bearer s3cret"}
    created = writer.post("/api/articles", json=ARTICLE, headers=auth)
    assert created.status_code == 201, created.text
    assert created.json()["stored"] is True and created.json()["events"] == 1
    assert writer.post("/api/articles", json=ARTICLE, headers=auth).json()["stored"] is False
    found = writer.get("/api/events", params={"start": "2026-03-01"}).json()
    assert found["total"] == 1 and found["events"][0]["article"]["outlet"] == "Wire"


@pytest.mark.parametrize("body", [{}, {"text": ""}, {"text": "x", "published": "March"}, [1, 2]])
def test_ingestion_rejects_bad_bodies(writer: TestClient, body) -> None:
    response = writer.post("/api/articles", json=body, headers={"Authorization": "Bearer s3cret"})
    assert response.status_code == 422


def test_ingestion_runs_the_real_pipeline(db: Path, nlp, monkeypatch: pytest.MonkeyPatch) -> None:
    """The default extractor: the article goes through the flashpoint pipeline into the store."""
    monkeypatch.setenv(TOKEN_ENV, "s3cret")
    text = "Colombia's President Gustavo Petro accused Donald Trump of threatening Colombia."
    with TestClient(create_app(db)) as writer:
        created = writer.post("/api/articles", json={**ARTICLE, "text": text},
                              headers={"Authorization": "Bearer s3cret"})
        assert created.status_code == 201, created.text
        body = created.json()
        assert body["stored"] is True
        found = writer.get("/api/events", params={"start": "2026-03-01"}).json()
        assert found["total"] == body["events"]
