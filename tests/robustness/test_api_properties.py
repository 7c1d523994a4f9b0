"""Hypothesis over the API with what no schema describes: any bytes as a body, any JSON, any
query string. The answer is always one the OpenAPI document lists, never a 5xx, and a
refused body is never carried back (a bad query value is quoted in its one-line message)."""
from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from flashpoint.api import create_app
from tests.robustness.test_server import AUTH, TOKEN, Counting

MARK = "ECHO-ME"
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20) | st.just(MARK),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=12)
bodies = st.dictionaries(st.sampled_from(["text", "title", "url", "outlet", "published", "doc_id", "extra"]),
                         json_values, max_size=6)
values = st.one_of(st.text(max_size=30), st.integers(-2**70, 2**70).map(str), st.just(MARK))
ROUTES = ["/api/events", "/api/quotes", "/api/dyads", "/api/alerts", "/api/stories", "/api/events/x",
          "/api/dyads/USA/COL/series", "/", "/network", "/stories"]
PARAMETERS = ["limit", "offset", "actor", "country", "dyad", "cameo", "plover", "start", "end", "q", "freq",
              "format", "min_events", "order", "rule", "speaker", "doc_id"]


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory, monitor_db: Path):
    import shutil

    db = Path(shutil.copy(monitor_db, tmp_path_factory.mktemp("fuzz") / "monitor.duckdb"))
    app = create_app(db, token=TOKEN, extractor=Counting())
    with TestClient(app) as client:
        yield client, app.openapi()


def _documented(spec: dict[str, Any], path: str, method: str) -> set[int]:
    """The status codes the OpenAPI document lists for ``method path`` (pages are not in it)."""
    for template, operations in spec["paths"].items():
        if re.fullmatch(re.sub(r"\{[^}]+\}", "[^/]+", template), path) and method in operations:
            return {int(code) for code in operations[method]["responses"]}
    return {200, 400, 404, 422, 503}


@settings(max_examples=150, suppress_health_check=list(HealthCheck))
@given(body=st.one_of(bodies.map(lambda b: ("json", b)), st.binary(max_size=300).map(lambda b: ("raw", b))),
       authorised=st.booleans())
def test_any_body_gets_a_documented_answer(server, body: tuple[str, Any], authorised: bool) -> None:
    client, spec = server
    kind, value = body
    headers = {"Content-Type": "application/json", **(AUTH if authorised else {})}
    raw = json.dumps(value).encode() if kind == "json" else value  # NaN and lone surrogates as sent
    answer = client.post("/api/articles", content=raw, headers=headers)
    assert answer.status_code in _documented(spec, "/api/articles", "post"), answer.text
    assert answer.status_code < 500
    if answer.status_code >= 400:
        assert MARK not in answer.text


@settings(max_examples=300, suppress_health_check=list(HealthCheck))
@given(route=st.sampled_from(ROUTES), params=st.dictionaries(st.sampled_from(PARAMETERS), values, max_size=4))
def test_any_query_gets_a_documented_answer(server, route: str, params: dict[str, str]) -> None:
    client, spec = server
    answer = client.get(route, params=params)
    assert answer.status_code < 500, answer.text
    assert answer.status_code in _documented(spec, route, "get")
