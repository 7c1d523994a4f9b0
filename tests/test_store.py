"""The DuckDB store: idempotent ingestion, transactions, round-trip of records."""
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
        with pytest.raises(StoreError, match="E020"):
            store.save_article(Article(doc_id="b.txt", text="two"), [broken], [])
        assert store.counts()["articles"] == 1 and store.counts()["events"] == 1
        assert not store.has_article(Article(doc_id="b.txt", text="two").content_hash)


def test_unopenable_database_is_a_store_error(tmp_path: Path) -> None:
    bad = tmp_path / "not-a-db.duckdb"
    bad.write_bytes(b"this is not a duckdb file" * 100)
    with pytest.raises(StoreError, match="E020"):
        Store(bad)
