"""The DuckDB store's writer: idempotent ingestion, transactions, round-trip of records."""
from __future__ import annotations

from pathlib import Path

import pytest

from flashpoint.errors import StoreError
from flashpoint.ingest import Article
from flashpoint.store import Store
from tests.records import make_event, make_quote


def test_saving_twice_stores_once(tmp_path: Path) -> None:
    article = Article(doc_id="a.txt", text="Peru protested to Chile.")
    event, quote = make_event("a.txt"), make_quote("a.txt")
    with Store(tmp_path / "db.duckdb") as store:
        assert store.save_article(article, [event], [quote]) is True
        assert store.save_article(Article(doc_id="copy.txt", text="peru  protested to CHILE."), [event], [quote]) is False
        assert store.counts() == {"articles": 1, "events": 1, "quotes": 1, "actors": 3}
        assert list(store.event_records()) == [event]
        assert list(store.quote_records()) == [quote]


def test_failed_write_keeps_what_was_stored(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        store.save_article(Article(doc_id="a.txt", text="one"), [make_event("a.txt")], [])
        broken = make_event("b.txt")
        broken["cameo"] = None  # violates NOT NULL: the whole article must roll back
        with pytest.raises(StoreError, match="E021"):
            store.save_article(Article(doc_id="b.txt", text="two"), [broken], [])
        assert store.counts()["articles"] == 1 and store.counts()["events"] == 1
        assert not store.has_article(Article(doc_id="b.txt", text="two").content_hash)


def test_unopenable_database_is_a_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.duckdb"
    bad.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(StoreError, match="E020"):
        Store(bad)


def _reconciliation(store: Store, story: str, docs: list[str], cut: str) -> None:
    """One story of ``docs`` whose first two share a quote that ``cut`` only the second has."""
    variants = [("G" + story, story, f"Q{d}", d, d.upper(), f"come get me {cut if i else ''}".strip(), 0, 9,
                 [cut] if i else []) for i, d in enumerate(docs[:2])]
    hedges = [(d, 0, 9, "allegedly", "uncertainty", "He allegedly left.", f"E{d}", "event", "leave")
              for d in docs]
    store.save_stories({story: docs}, [("C" + story, f"E{d}", d, d.upper()) for d in docs], variants, hedges)


def _rows(store: Store, table: str) -> list[tuple]:
    return sorted(store.con.execute(f"SELECT * FROM {table}").fetchall(), key=str)


def test_stories_are_replaced_not_duplicated_and_others_kept(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        _reconciliation(store, "s1", ["a", "b"], "coward")
        _reconciliation(store, "s2", ["c", "d"], "liar")
        before = {t: _rows(store, t) for t in ("stories", "event_mentions", "quote_variants", "hedges")}
        _reconciliation(store, "s1", ["a", "b"], "coward")
        assert {t: _rows(store, t) for t in before} == before
        assert store.con.execute("SELECT doc_id FROM quote_variants "
                                 "WHERE list_contains(only_words, 'coward')").fetchall() == [("b",)]
        _reconciliation(store, "s3", ["a", "b", "e"], "traitor")          # s1 grown into s3
        assert store.con.execute("SELECT DISTINCT story_id FROM quote_variants ORDER BY 1").fetchall() == [
            ("s2",), ("s3",)]
        assert store.con.execute("SELECT count(*) FROM hedges").fetchone()[0] == 5


def test_failed_story_write_keeps_what_was_stored(tmp_path: Path) -> None:
    with Store(tmp_path / "db.duckdb") as store:
        _reconciliation(store, "s1", ["a", "b"], "coward")
        with pytest.raises(StoreError, match="E021"):
            store.save_stories({"s1": ["a"]}, [], [], [("a", None, 1, "x", "k", "s", None, None, None)])
        assert store.con.execute("SELECT count(*) FROM hedges").fetchone()[0] == 2
        assert store.con.execute("SELECT count(*) FROM quote_variants").fetchone()[0] == 2
