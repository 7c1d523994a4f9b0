"""The use cases: one ingest path for the CLI and the API, duplicates found before extraction."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
from collections.abc import Iterable, Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from flashpoint import service
from flashpoint.api import TOKEN_ENV, create_app
from flashpoint.cli import app
from flashpoint.errors import ExtractionError
from flashpoint.ingest import Article
from flashpoint.records import Extraction
from flashpoint.store import Store
from flashpoint.store import grouping as story_groups
from flashpoint.store.schema import TERM_BUCKETS, terms_table
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

    def __call__(self, articles: Iterable[Article]) -> Iterator[Extraction]:
        for article in articles:
            self.seen.append(article.doc_id)
            yield Extraction(article, [make_event(article.doc_id)], [])


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


_KILLED_INGEST = """
import sys, time
from flashpoint import service
from flashpoint.ingest import Article
from flashpoint.records import Extraction
from flashpoint.store import Store
from tests.records import make_event

def slow(articles):
    for article in articles:
        time.sleep(0.005)
        yield Extraction(article, [make_event(article.doc_id, cameo=c) for c in ("010", "020", "030")], [])

articles = (Article(doc_id=f"a{n}", text=f"Article number {n}.") for n in range(1_000_000))
with Store(sys.argv[1]) as store:
    for outcome in service.ingest_stream(store, articles, slow, batch_size=8):
        print(outcome.article.doc_id, flush=True)
"""


def test_killing_an_ingest_mid_batch_loses_nothing_reported_stored(tmp_path: Path) -> None:
    """kill -9 while batches are being extracted and written: the store opens, every article
    reported stored is there with all its events, and no article is there in part."""
    db = tmp_path / "killed.duckdb"
    root = Path(__file__).resolve().parents[1]
    ingest = subprocess.Popen([sys.executable, "-c", _KILLED_INGEST, str(db)], cwd=root,
                              stdout=subprocess.PIPE, text=True)
    assert ingest.stdout is not None
    reported = [ingest.stdout.readline().strip() for _ in range(60)]
    os.kill(ingest.pid, signal.SIGKILL)
    ingest.wait()
    with Store(db) as store:
        per_article = dict(store.con.execute("SELECT a.doc_id, count(e.event_id) FROM articles a "
                                             "LEFT JOIN events e USING (content_hash) GROUP BY 1").fetchall())
        index = " UNION ALL ".join(f"SELECT event_key FROM {terms_table(b)}" for b in range(TERM_BUCKETS))
        words = store.con.execute(f"SELECT count(DISTINCT event_key) FROM ({index})").fetchone()[0]
    assert set(reported) <= set(per_article)
    assert set(per_article.values()) == {3} and words == 3 * len(per_article)


def test_a_stream_has_one_extractor_and_groups_its_articles_when_it_ends(tmp_path: Path) -> None:
    """Batches of 2: one extractor reads the whole stream (a pool of workers starts once), an
    article stopped by its time budget comes out with its error and the others are stored,
    and each batch's outcomes come once it is stored; the articles are attached to stories
    when the stream ends."""
    calls: list[int] = []

    def extractor(articles: Iterable[Article]) -> Iterator[Extraction | ExtractionError]:
        calls.append(1)
        for article in articles:
            if article.doc_id == "slow":
                yield ExtractionError("E040", article.doc_id, limit=60)
            else:
                yield Extraction(article, [make_event(article.doc_id)], [])

    texts = ["Peru protested to Chile.", "Chile answered Peru.", "It took too long.", "Bolivia spoke.",
             "Peru protested to Chile."]  # the last is the first again
    articles = [Article(doc_id="slow" if "long" in t else f"a{n}", text=t) for n, t in enumerate(texts)]
    with Store(tmp_path / "db.duckdb") as store:
        outcomes, ungrouped = [], []
        for outcome in service.ingest_stream(store, articles, extractor, batch_size=2):
            with store.cursor() as con:
                ungrouped.append(len(story_groups.ungrouped(con, 10)))
                assert store.has_article(outcome.article.content_hash) == (outcome.error is None)
            outcomes.append(outcome)
        assert ungrouped == [2, 2, 3, 3, 3]
        with store.cursor() as con:
            assert story_groups.ungrouped(con, 10) == []
        assert calls == [1]
        assert [(o.article.doc_id, o.new is not None, o.error.code if o.error else None) for o in outcomes] == [
            ("a0", True, None), ("a1", True, None), ("slow", False, "E040"), ("a3", True, None),
            ("a0", False, None)]
        assert store.counts()["articles"] == 3
