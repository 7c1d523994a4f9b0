"""The use cases: one ingest path for the CLI and the API, duplicates found before extraction."""
from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from flashpoint import service
from flashpoint.api import TOKEN_ENV, create_app
from flashpoint.cli import app
from flashpoint.ingest import Article
from flashpoint.records import Extraction
from flashpoint.store import Store
from tests.records import make_event

ARTICLE = {"text": "Lima, June 2, 2025 — Peru's president accused Chile of violating the border treaty "
                   "on Sunday. \"We will not accept this,\" she said.",
           "title": "Border row", "outlet": "Andes Wire"}


def test_an_article_posted_to_the_api_is_stored_as_the_cli_stores_it(tmp_path: Path, nlp,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    feed = tmp_path / "feed.jsonl"
    feed.write_text(json.dumps(ARTICLE) + "\n", encoding="utf-8")
    by_cli = tmp_path / "cli.duckdb"
    assert CliRunner().invoke(app, ["ingest", str(feed), "--db", str(by_cli)]).exit_code == 0
    monkeypatch.setenv(TOKEN_ENV, "s3cret")
    by_api = tmp_path / "api.duckdb"
    with TestClient(create_app(by_api)) as client:
        answer = client.post("/api/articles", json=ARTICLE, headers={"Authorization": "Bearer s3cret"}).json()
    assert answer["stored"] and answer["published"] == "2025-06-02"      # the dateline, read on both paths
    with Store(by_cli) as cli, Store(by_api) as api:
        (stored,) = cli.stored_articles([Article(doc_id="?", text=ARTICLE["text"]).content_hash]).values()
        assert stored.doc_id == answer["doc_id"] and stored.doc_id.startswith("doc-")
        assert stored.published == date(2025, 6, 2)
        events = list(cli.event_records())
        assert events and events == list(api.event_records())
        assert list(cli.quote_records()) == list(api.quote_records())


class Recorder:
    """An extractor that records what it was asked to extract."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def __call__(self, articles: Sequence[Article]) -> list[Extraction]:
        self.seen += [a.doc_id for a in articles]
        return [Extraction(a, [make_event(a.doc_id)], []) for a in articles]


def test_duplicates_are_found_before_extraction(tmp_path: Path) -> None:
    extractor = Recorder()
    first = Article(doc_id="a.txt", text="Peru protested to Chile.")
    copy = Article(doc_id="copy.txt", text="PERU  protested to Chile.")
    with Store(tmp_path / "db.duckdb") as store:
        result = service.ingest(store, [first, copy], extractor)
        assert extractor.seen == ["a.txt"] and [a.doc_id for a in result.articles] == ["a.txt"]
        again = service.ingest(store, [copy, Article(doc_id="b.txt", text="Chile answered.")], extractor)
    assert extractor.seen == ["a.txt", "b.txt"]
    assert [a.doc_id for a in again.articles] == ["a.txt", "b.txt"] and again.already_stored == 1


def test_a_posted_duplicate_answers_with_what_is_stored(tmp_path: Path) -> None:
    extractor = Recorder()
    with Store(tmp_path / "db.duckdb") as store:
        first = service.ingest_record(store, {"id": "x1", "text": "Peru protested to Chile."}, extractor)
        again = service.ingest_record(store, {"text": "Peru protested to Chile. "}, extractor)
    assert first.stored and not again.stored and extractor.seen == ["x1"]
    assert again.article.doc_id == "x1" and len(again.extraction.events) == 1
