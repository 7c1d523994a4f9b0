"""Pages of quotes: their totals, told by a short page, counted up to the cap, and kept
while the data are unchanged."""
from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from pathlib import Path

import pytest

from flashpoint.ingest import Article
from flashpoint.store import Store, quotes
from flashpoint.store.dyads import DailyCache
from tests.records import make_quote


def _save(store: Store, doc_id: str, speaker: str) -> None:
    quote = make_quote(doc_id, f"We protest number {doc_id}", speaker)
    store.save_article(Article(doc_id=doc_id, text=f'"We protest number {doc_id}," said {speaker}.'), [], [quote])


@pytest.fixture()
def store(tmp_path: Path) -> Iterator[Store]:
    with Store(tmp_path / "db.duckdb") as store:
        for n in range(7):
            _save(store, f"d{n}", "Dina Boluarte" if n % 2 else "Gustavo Petro")
        yield store


@pytest.mark.parametrize(("speaker", "limit", "offset", "total"), [
    (None, 3, 0, 7), (None, 3, 6, 7), (None, 10, 0, 7), ("petro", 2, 0, 4), ("petro", 10, 2, 4),
    ("nobody", 5, 0, 0), (None, 5, 20, 7)])
def test_every_page_has_the_filters_total(store: Store, speaker: str | None, limit: int, offset: int,
                                          total: int) -> None:
    with store.cursor() as con:
        page = quotes.quotes(con, speaker=speaker, limit=limit, offset=offset)
    assert (page["total"], page["total_exact"]) == (total, True)
    assert len(page["quotes"]) == max(0, min(limit, total - offset))


def test_a_total_past_the_cap_says_so(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("flashpoint.store.reading.COUNT_CAP", 5)
    with store.cursor() as con:
        page = quotes.quotes(con, speaker="e", limit=2)  # every speaker's name has an "e"
    assert (page["total"], page["total_exact"]) == (5, False)


def test_a_kept_total_is_counted_once_and_again_after_a_write(store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    cache, counted = DailyCache(store), []
    real = quotes.capped_count
    monkeypatch.setattr(quotes, "capped_count", lambda *args: counted.append(1) or real(*args))

    def total() -> int:
        with store.cursor() as con:
            return int(quotes.quotes(con, speaker="boluarte", limit=1, keep=partial(cache.kept, con))["total"])

    assert (total(), total(), len(counted)) == (3, 3, 1)
    _save(store, "d9", "Dina Boluarte")
    assert (total(), len(counted)) == (4, 2)
