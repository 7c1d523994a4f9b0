"""Stories built as articles arrive: every ingest path groups, one by one equals a batch
``compare``, and grouping the store again from scratch changes nothing."""
from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from flashpoint import service
from flashpoint.analysis.stories import Story
from flashpoint.api import create_app
from flashpoint.cli import app
from flashpoint.ingest import Article, read_inputs
from flashpoint.records import Extraction
from flashpoint.store import Store

ROOT = Path(__file__).resolve().parents[1]
INPUTS = [str(ROOT / "tests" / "analysis" / "fixtures" / "outlets.jsonl"), str(ROOT / "examples")]
FINLAND = frozenset({"north-1", "baltic-7", "euro-3", "wire-9"})
#: compare's tables, every row of which grouping writes.
DERIVED = {"stories": "story_id, doc_id", "event_mentions": "cluster_id, event_id, doc_id, outlet",
           "quote_variants": "group_id, story_id, quote_id, doc_id, outlet, text, only_words",
           "hedges": "doc_id, start_char, end_char, text, kind, qualifies"}


def _derived(store: Store) -> dict[str, list[tuple[object, ...]]]:
    with store.cursor() as con:
        return {table: con.execute(f"SELECT {columns} FROM {table} ORDER BY ALL").fetchall()
                for table, columns in DERIVED.items()}


def _stories(store: Store) -> set[frozenset[str]]:
    with store.cursor() as con:
        rows = con.execute("SELECT list(doc_id) FROM stories GROUP BY story_id").fetchall()
    return {frozenset(ids) for (ids,) in rows}


@pytest.fixture(scope="module")
def articles() -> list[Article]:
    return [a for a in read_inputs(INPUTS) if isinstance(a, Article)]


@pytest.fixture(scope="module")
def batch_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixtures and examples compared in one batch by the CLI."""
    db = tmp_path_factory.mktemp("batch") / "batch.duckdb"
    result = CliRunner().invoke(app, ["compare", *INPUTS, "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="module")
def posted_db(tmp_path_factory: pytest.TempPathFactory, articles: list[Article], nlp) -> Path:
    """The same articles posted one at a time to the API, newest first, nothing compared."""
    db = tmp_path_factory.mktemp("posted") / "posted.duckdb"
    Store(db).close()
    with TestClient(create_app(db, token="secret")) as client:
        for article in reversed(articles):
            body = {"doc_id": article.doc_id, "text": article.text, "title": article.title, "url": article.url,
                    "outlet": article.outlet,
                    "published": article.published.isoformat() if article.published else None}
            answer = client.post("/api/articles", json=body, headers={"Authorization": "Bearer secret"})
            assert answer.status_code == 201, answer.text
        listed = client.get("/api/stories").json()
    assert listed["available"] and listed["stories"][0]["articles"] == len(FINLAND)  # the dashboard is current
    return db


def test_articles_posted_one_by_one_end_in_the_stories_of_a_batch_compare(batch_db: Path, posted_db: Path) -> None:
    with Store(batch_db) as batch, Store(posted_db) as posted:
        assert FINLAND in _stories(posted)
        assert _stories(posted) == _stories(batch)
        assert _derived(posted) == _derived(batch)  # the same clusters, quote variants and hedges too


def test_grouping_the_store_again_from_scratch_gives_the_same_stories(posted_db: Path, tmp_path: Path) -> None:
    with Store(posted_db) as store:
        before = _derived(store)
        with store.cursor() as con:
            con.execute("CHECKPOINT")
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(posted_db.read_bytes())
    with Store(copy) as store:
        service.regroup(store)
        assert _derived(store) == before
        assert service.group_new(store) == []  # nothing left to group


def test_stories_reconciled_a_few_articles_at_a_time_give_the_same_rows(
        posted_db: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Grouping reconciles its stories in batches of articles (bounded memory); the rows do not
    depend on the batch: one story per batch, the four-outlet story alone in one larger than it."""
    with Store(posted_db) as store:
        before = _derived(store)
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(posted_db.read_bytes())
    monkeypatch.setattr(service, "RECONCILE_BATCH", 1)
    with Store(copy) as store:
        service.regroup(store)
        assert _derived(store) == before


def test_batches_of_stories_hold_about_the_articles_asked_for() -> None:
    stories = [Story(name, tuple(f"{name}{i}" for i in range(size))) for name, size in
               (("a", 2), ("b", 2), ("c", 5), ("d", 1), ("e", 1))]
    assert [[s.id for s in batch] for batch in service._batches(stories, 4)] == [["a", "b"], ["c"], ["d", "e"]]


def _copy_with_follow_up(posted_db: Path, tmp_path: Path, articles: list[Article], doc_id: str,
                         outlet: str) -> tuple[Path, Article]:
    """A copy of the posted store, and one more outlet's version of the wire-9 story."""
    copy = tmp_path / "copy.duckdb"
    copy.write_bytes(posted_db.read_bytes())
    wire = next(a for a in articles if a.doc_id == "wire-9")
    return copy, Article(doc_id, wire.text.replace("Russia", "Moscow"), outlet=outlet, published=wire.published)


def test_a_new_article_joins_its_story_and_only_that_story_is_reconciled_again(
        posted_db: Path, tmp_path: Path, articles: list[Article]) -> None:
    copy, follow = _copy_with_follow_up(posted_db, tmp_path, articles, "wire-10", "Another Wire")
    with Store(copy) as store:
        before = _derived(store)
        result = service.ingest(store, [follow], lambda batch: [Extraction(a) for a in batch])
        assert len(result.new) == 1
        after = _stories(store)
        assert FINLAND | {"wire-10"} in after and FINLAND not in after
        others = [row for row in _derived(store)["stories"] if row[1] not in FINLAND | {"wire-10"}]
        assert others == [row for row in before["stories"] if row[1] not in FINLAND]


def test_a_grouping_that_finds_the_store_changed_under_it_writes_nothing_and_reads_again(
        tmp_path: Path, articles: list[Article], monkeypatch: pytest.MonkeyPatch) -> None:
    from flashpoint.store import grouping

    real = grouping.grouped_count
    stale = iter([-1])  # the first read sees a store another grouping has since changed
    monkeypatch.setattr(grouping, "grouped_count", lambda con: next(stale, None) or real(con))
    with Store(tmp_path / "raced.duckdb") as store:
        service.ingest(store, articles, lambda batch: [Extraction(a) for a in batch])
        assert len(_stories(store)) > 0
        with store.cursor() as con:
            assert grouping.ungrouped(con, 10) == [] and real(con) == len(articles)


def _merged_flags_agree(store: Store) -> bool:
    """Whether each event's stored ``merged`` flag is what its cluster rows say, and its
    ``counted`` flag what its flags say."""
    with store.cursor() as con:
        row = con.execute("SELECT count(*) FROM events WHERE merged IS DISTINCT FROM (event_id IN "
                          "(SELECT event_id FROM event_mentions WHERE event_id <> cluster_id)) OR counted IS "
                          "DISTINCT FROM (NOT coalesce(negated, false) AND NOT coalesce(hypothetical, false) "
                          "AND NOT merged)").fetchone()
    return row is not None and row[0] == 0


def test_the_merged_flag_follows_grouping_incremental_and_from_scratch(
        posted_db: Path, tmp_path: Path, articles: list[Article]) -> None:
    copy, follow = _copy_with_follow_up(posted_db, tmp_path, articles, "wire-11", "A Third Wire")
    with Store(copy) as store:
        with store.cursor() as con:
            assert con.execute("SELECT count(*) FROM events WHERE merged").fetchone()[0] > 0
        assert _merged_flags_agree(store)
        service.ingest(store, [follow], lambda batch: [Extraction(a) for a in batch])
        assert _merged_flags_agree(store)
        service.regroup(store)
        assert _merged_flags_agree(store)
