"""Story pages after ``flashpoint compare``: quote variants with the words only one outlet has,
and hedges with the claims they qualify, as JSON and as HTML."""
from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from flashpoint.api import create_app
from flashpoint.cli import app

FIXTURES = Path(__file__).parents[1] / "analysis" / "fixtures" / "outlets.jsonl"


@pytest.fixture(scope="module")
def compared(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    db = tmp_path_factory.mktemp("compared") / "fp.duckdb"
    result = CliRunner().invoke(app, ["compare", str(FIXTURES), *map(str, seed_paths), "--db", str(db)])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture()
def client(compared: Path) -> Iterator[TestClient]:
    with TestClient(create_app(compared)) as test_client:
        yield test_client


def _story_with(client: TestClient, doc_id: str) -> str:
    (found,) = [s["story_id"] for s in client.get("/api/stories").json()["stories"]
                if doc_id in {a["doc_id"] for a in client.get(f"/api/stories/{s['story_id']}").json()["articles"]}]
    return found


def test_seed_story_json_has_the_word_only_one_outlet_has(client: TestClient, seed_paths) -> None:
    story = client.get(f"/api/stories/{_story_with(client, seed_paths[0].name)}").json()
    (petro,) = story["quote_variants"]
    assert petro["speaker"] == "Gustavo Petro"
    tweet = [v for v in petro["variants"] if v["doc_id"] == seed_paths[1].name]
    assert [v["only_words"] for v in tweet] == [["coward"]]
    assert [p["text"] for p in tweet[0]["parts"] if p["only"]] == ["coward"]
    assert "".join(p["text"] for p in tweet[0]["parts"]) == tweet[0]["text"]
    (evidence,) = [h for h in story["hedges"] if h["text"] == "without presenting evidence"]
    assert evidence["context"]["hedge"] == "without presenting evidence"
    assert any(q["kind"] == "event" and q["claim"].startswith("Accuse") for q in evidence["qualifies"])


def test_seed_story_page_marks_coward_and_the_hedge(client: TestClient, seed_paths) -> None:
    story_id = _story_with(client, seed_paths[0].name)
    html = client.get(f"/stories/{story_id}").text
    assert re.findall(r'<mark class="only">([^<]*)</mark>', html).count("coward") == 1
    assert "<mark>without presenting evidence</mark>" in html and "Hedged claims" in html
    assert client.get(f"/stories/{story_id}", params={"format": "json"}).json()["story"]["quote_variants"]


def test_fixture_story_shows_four_outlets_side_by_side(client: TestClient) -> None:
    story = client.get(f"/api/stories/{_story_with(client, 'north-1')}").json()
    (korhonen,) = story["quote_variants"]
    assert sorted(v["outlet"] for v in korhonen["variants"]) == [
        "Baltic Times Online", "Euro Daily", "Global Wire", "Northern Wire"]
    assert korhonen["only_in"] == [{"outlet": "Baltic Times Online", "words": ["dangerous"]}]
    assert {"allegedly", "offered no evidence", "is said to"} <= {h["text"] for h in story["hedges"]}
    html = client.get(f"/stories/{_story_with(client, 'north-1')}").text
    assert html.count('<figure class="variant">') == 4 and '<mark class="only">dangerous</mark>' in html


def test_a_story_alone_has_no_variants(client: TestClient) -> None:
    story = client.get(f"/api/stories/{_story_with(client, 'markets-1')}").json()
    assert story["quote_variants"] == []
    assert "No quotation appears in more than one article" in client.get(f"/stories/{story['story_id']}").text
