"""How a store holds its file: read-only stores refuse writes, a shared store writes and goes
back to reading, the writer lock names its holder and is let go."""
from __future__ import annotations

import os
import threading
import time
from pathlib import Path

import pytest

from flashpoint.errors import StoreError
from flashpoint.ingest import Article
from flashpoint.store import Store
from flashpoint.store.access import WriterLock, describe
from flashpoint.store.reading import writes
from tests.records import make_event


@pytest.fixture()
def path(tmp_path: Path) -> Path:
    path = tmp_path / "db.duckdb"
    Store(path).close()
    return path


def test_a_read_only_store_refuses_writes(path: Path) -> None:
    with Store(path, access="read") as store, pytest.raises(StoreError, match="E021.*read-only"):
        store.save_article(Article(doc_id="a", text="Peru protested to Chile."), [], [])


def test_a_shared_store_writes_then_reads_again_and_lets_the_lock_go(path: Path) -> None:
    with Store(path, access="shared") as store:
        assert not store.writing
        assert store.save_article(Article(doc_id="a", text="Peru protested to Chile."), [], [])
        assert not store.writing and store.counts()["articles"] == 1
        other = WriterLock(str(path))
        other.acquire(wait=0)  # free again: another writer could have it now
        other.release()


@pytest.mark.parametrize("access", ["write", "lazy", "shared"])
def test_the_count_of_writes_a_store_knows_is_the_stored_one_after_every_write(path: Path, access: str) -> None:
    """The server tells whether its kept values are current from ``Store.writes()``, with no
    query: it must follow each write, a failed one included, and a reopened file."""
    def stored(store: Store) -> int:
        with store.cursor() as con:
            return writes(con)

    with Store(path) as first:
        first.save_article(Article(doc_id="a", text="Peru protested to Chile."), [], [])
    with Store(path, access=access) as store:  # type: ignore[arg-type]
        seen = [store.writes()]
        store.save_article(Article(doc_id="b", text="Chile answered Peru."), [], [])
        seen.append(store.writes())
        store.clear_grouping()
        seen.append(store.writes())
        broken = make_event("c")
        broken["cameo"] = None  # violates NOT NULL: the write rolls back
        with pytest.raises(StoreError, match="E021"):
            store.save_article(Article(doc_id="c", text="Peru recalled its envoy."), [broken], [])
        assert store.writes() == seen[-1] == stored(store)
    assert seen == [1, 2, 3]


def test_a_cursor_now_is_none_while_the_store_switches_and_a_write_waits_for_every_cursor(path: Path) -> None:
    """The server takes a request's cursor on its event loop with ``cursor_now``, which must
    answer at once: None while a write waits for the cursors out to come back."""
    with Store(path, access="shared") as store:
        held = store.take_cursor()
        writer = threading.Thread(target=store.save_article,
                                  args=(Article(doc_id="a", text="Peru protested to Chile."), [], []))
        writer.start()
        deadline = time.monotonic() + 10
        while (now := store.cursor_now()) is not None and time.monotonic() < deadline:
            store.give_back(now)  # the write has not begun switching yet
            time.sleep(0.01)
        assert now is None
        assert writer.is_alive()  # waiting for the cursor held
        store.give_back(held)
        writer.join(10)
        assert not writer.is_alive() and not store.writing
        after = store.cursor_now()
        assert after is not None
        assert after.execute("SELECT count(*) FROM articles").fetchone() == (1,)
        store.give_back(after)


def test_a_lazy_store_takes_the_writers_place_only_when_asked(path: Path) -> None:
    with Store(path, access="lazy") as store:
        assert not store.writing
        store.prepare_to_write()
        assert store.writing
        with pytest.raises(StoreError, match=f"E024 {path}: is in use by another process \\(PID {os.getpid()}"):
            WriterLock(str(path)).acquire(wait=0.1)


def test_the_holder_is_named_by_its_command_line() -> None:
    assert describe(os.getpid()).startswith(f"PID {os.getpid()}: ")
    assert describe(2**22 + 12345) == f"PID {2**22 + 12345}"
