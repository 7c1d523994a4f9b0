"""The server under hostile requests: it authenticates before reading, bounds bodies and time,
stops work nobody waits for, never echoes a request, never answers 500, and keeps reading
while an article is extracted."""
from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from flashpoint.api import app as api_app
from flashpoint.api import create_app
from flashpoint.extract import extract
from flashpoint.ingest import Article
from flashpoint.records import Extraction
from flashpoint.settings import ServerLimits, Settings
from tests.robustness import conftest
from tests.robustness.conftest import ARTICLE
from tests.robustness.server import response, send, serving

TOKEN = "s3cret"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
#: Enough windows of the slow pipeline to take far longer than any test waits.
SLOW_TEXT = "\n\n".join([ARTICLE] * 400)
SLOW_SETTINGS = Settings(chunk_chars=100, chunk_context=0, batch_size=1)


class Counting:
    """An extractor that counts what it is asked to extract (no pipeline: the guards are tested)."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, articles: Sequence[Article]) -> list[Extraction]:
        self.seen.extend(a.text for a in articles)
        return [Extraction(a) for a in articles]


@pytest.fixture()
def extractor() -> Counting:
    return Counting()


@pytest.fixture()
def writer(db: Path, extractor: Counting) -> Iterator[TestClient]:
    with TestClient(create_app(db, token=TOKEN, extractor=extractor)) as client:
        yield client


@pytest.fixture()
def slow_app(db: Path, slow_nlp, monkeypatch: pytest.MonkeyPatch):
    """An app whose pipeline is slow and honours cancellation, with a 2-second request limit."""
    monkeypatch.setattr(api_app, "pipeline_extractor",
                        lambda cancel=None: lambda articles: extract(articles, slow_nlp, SLOW_SETTINGS, cancel))
    return create_app(db, token=TOKEN, limits=ServerLimits(request_seconds=2))


def _stops(counted: list[int]) -> int:
    """How many Docs the slow pipeline had processed once it stopped processing more."""
    while True:
        before = len(counted)
        time.sleep(5 * conftest.SLOW_SECONDS)
        if len(counted) == before:
            return before


def _post_head(length: int, token: str | None = TOKEN, chunked: bool = False) -> str:
    head = "POST /api/articles HTTP/1.1\nHost: test\nContent-Type: application/json"
    head += "\nTransfer-Encoding: chunked" if chunked else f"\nContent-Length: {length}"
    return head + (f"\nAuthorization: Bearer {token}" if token else "")


def test_an_unauthenticated_body_is_refused_before_it_is_read(db: Path) -> None:
    """A client announcing 100 MB and sending none of it is answered at once: nothing waits for it."""
    for token, status in ((TOKEN, 401), (None, 403)):
        app = create_app(db, token=token)
        with serving(app) as address:
            conn = send(address, _post_head(100_000_000, token=None))
            code, text = response(conn)
            conn.close()
        assert code == status and len(text) < 1_000
        app.state.store.close()


def test_a_body_over_the_limit_is_413_declared_or_not(db: Path) -> None:
    app = create_app(db, token=TOKEN, limits=ServerLimits(max_body=1_000))
    with serving(app) as address:
        declared = send(address, _post_head(11_000_000))
        assert response(declared)[0] == 413
        declared.close()
        chunked = send(address, _post_head(0, chunked=True))
        for _ in range(5):
            chunked.sendall(b"190\r\n" + b" " * 400 + b"\r\n")
        assert response(chunked)[0] == 413
        chunked.close()
    app.state.store.close()


def test_a_lone_surrogate_is_stored_replaced_and_never_a_500(writer: TestClient, extractor: Counting) -> None:
    body = b'{"text": "Petro \\ud800 spoke to Colombia.", "title": "\\udfff"}'
    headers = {"Content-Type": "application/json"}
    assert writer.post("/api/articles", content=body, headers=headers).status_code == 401
    created = writer.post("/api/articles", content=body, headers={**headers, **AUTH})
    assert created.status_code == 201, created.text
    assert extractor.seen == ["Petro \ufffd spoke to Colombia."]


@pytest.mark.parametrize("body", [
    {"text": 12345, "title": "ECHO-MARKER"}, {"text": ["ECHO-MARKER \ud800"]}, {"text": "ECHO-MARKER", "doc_id": 7},
    "ECHO-MARKER", {"text": "x", "published": "ECHO-MARKER"}])
def test_refusals_never_echo_the_request(writer: TestClient, body: object) -> None:
    raw = json.dumps(body).encode()
    refused = writer.post("/api/articles", content=raw, headers={"Content-Type": "application/json", **AUTH})
    assert refused.status_code == 422 and "ECHO-MARKER" not in refused.text


def test_malformed_json_is_a_4xx_without_echo(writer: TestClient) -> None:
    for raw in (b'{"text": "ECHO-MARKER', b"[" * 100_000, b'{"text": "\xff\xfeECHO-MARKER"}'):
        refused = writer.post("/api/articles", content=raw, headers={"Content-Type": "application/json", **AUTH})
        assert refused.status_code in (400, 422) and "ECHO-MARKER" not in refused.text


@pytest.mark.parametrize(("authorization", "status"), [
    (TOKEN, 401), (f"Basic {TOKEN}", 401), (f"Bearer {TOKEN}x", 401), (f"Bearer  {TOKEN} ", 201),
    (f"bearer {TOKEN}", 201)])
def test_the_token_needs_the_bearer_scheme(writer: TestClient, authorization: str, status: int) -> None:
    answer = writer.post("/api/articles", json={"text": ARTICLE}, headers={"Authorization": authorization})
    assert answer.status_code == status


@pytest.mark.parametrize(("body", "field"), [
    ({"text": ARTICLE, "published": 0}, "published"), ({"text": " \n\t "}, None), ({"text": ARTICLE, "title": 5}, "title")])
def test_wrong_values_are_422_naming_the_field(writer: TestClient, body: dict, field: str | None) -> None:
    refused = writer.post("/api/articles", json=body, headers=AUTH)
    assert refused.status_code == 422
    assert field is None or field in refused.text


@pytest.mark.parametrize("path", ["/api/events", "/api/quotes"])
@pytest.mark.parametrize("offset", [2**62 + 1, 2**63, 2**64, 10**30])
def test_a_huge_offset_is_422(client: TestClient, path: str, offset: int) -> None:
    assert client.get(path, params={"offset": offset}).status_code == 422


def test_pages_carry_security_headers(client: TestClient) -> None:
    for path in ("/", "/network", "/api/events", "/docs", "/static/style.css", "/nope"):
        headers = client.get(path).headers
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        assert "frame-ancestors 'none'" in headers["content-security-policy"]
        assert "'unsafe-inline'" not in headers["content-security-policy"].split("script-src")[1].split(";")[0]
    assert "'sha256-" in client.get("/docs").headers["content-security-policy"]


def test_a_duplicate_is_answered_without_extraction(writer: TestClient, extractor: Counting) -> None:
    first = writer.post("/api/articles", json={"text": ARTICLE}, headers=AUTH)
    again = writer.post("/api/articles", json={"text": f"  {ARTICLE}\n"}, headers=AUTH)
    assert (first.json()["stored"], again.json()["stored"]) == (True, False)
    assert extractor.seen == [ARTICLE]


def test_the_request_time_limit_stops_the_extraction(slow_app) -> None:
    with TestClient(slow_app) as client:
        before = slow_app.state.store.counts()
        answer = client.post("/api/articles", json={"text": SLOW_TEXT}, headers=AUTH)
        assert answer.status_code == 503 and "Retry-After" in answer.headers
        processed = _stops(conftest.SLOW_DOCS)
        assert processed < 200  # of 400 windows: stopped, not run to the end in the background
        assert slow_app.state.store.counts() == before


def test_a_client_that_hangs_up_stops_the_extraction(slow_app) -> None:
    before = slow_app.state.store.counts()
    body = json.dumps({"text": SLOW_TEXT}).encode()
    with serving(slow_app) as address:
        conn = send(address, _post_head(len(body)), body)
        while not conftest.SLOW_DOCS:
            time.sleep(0.01)
        conn.close()
        processed = _stops(conftest.SLOW_DOCS)
        assert processed < 200
        assert slow_app.state.store.counts() == before


def test_reads_go_on_while_an_article_is_extracted(db: Path, slow_app) -> None:
    with serving(slow_app) as address:
        body = json.dumps({"text": SLOW_TEXT}).encode()
        conn = send(address, _post_head(len(body)), body, timeout=30)
        posted = threading.Thread(target=response, args=(conn,), daemon=True)
        posted.start()
        while not conftest.SLOW_DOCS:
            time.sleep(0.01)
        reader = send(address, "GET /api/events?limit=1 HTTP/1.1\nHost: test")
        assert response(reader)[0] == 200
        assert posted.is_alive(), "the read was answered only after the extraction"
        reader.close()
        posted.join(timeout=30)
        conn.close()
