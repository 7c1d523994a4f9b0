"""Schema versions and migrations: a store written by the previous release opens, upgraded.

``fixtures/v1.duckdb.gz`` was written by the release before schema versions existed
(``flashpoint compare examples/ tests/analysis/fixtures/outlets.jsonl``); it is committed,
never regenerated, because it stands for the stores users already have.
"""
from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import duckdb
import pytest

from flashpoint import service
from flashpoint.errors import StoreError
from flashpoint.ingest import Article
from flashpoint.store import SCHEMA_VERSION, Store, schema
from flashpoint.store.dyads import dyad_table
from tests.records import make_event

V1 = Path(__file__).parent / "fixtures" / "v1.duckdb.gz"
EXAMPLES = Path(__file__).resolve().parents[2] / "examples"
TABLES = ("articles", "events", "quotes", "actors", "stories", "event_mentions", "quote_variants", "hedges")


@pytest.fixture()
def old_store(tmp_path: Path) -> Path:
    path = tmp_path / "v1.duckdb"
    with gzip.open(V1) as packed, path.open("wb") as out:
        shutil.copyfileobj(packed, out)
    return path


def _contents(path: Path, like: Path | None = None) -> dict[str, list[tuple]]:
    """Every row of the main tables, of the columns they have in ``like`` (else in ``path``):
    an upgrade adds columns and keeps every value of the old ones."""
    columns = _table_columns(like or path)
    with duckdb.connect(str(path), read_only=True) as con:
        return {t: sorted(con.execute(f"SELECT {', '.join(columns[t])} FROM {t}").fetchall(), key=str)
                for t in TABLES}


def _table_columns(path: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(path), read_only=True) as con:
        rows = con.execute("SELECT table_name, column_name FROM information_schema.columns "
                           "ORDER BY table_name, ordinal_position").fetchall()
    found: dict[str, list[str]] = {}
    for table, column in rows:
        found.setdefault(table, []).append(column)
    return found


def _columns(path: Path) -> list[tuple]:
    with duckdb.connect(str(path), read_only=True) as con:
        return con.execute("SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns "
                           "ORDER BY ALL").fetchall()


def _no_extraction(articles):
    assert not list(articles), "an article already stored was extracted again"
    return []


def test_a_first_release_store_is_upgraded_with_everything_kept(old_store: Path, tmp_path: Path) -> None:
    before = _contents(old_store)
    original = tmp_path / "original.duckdb"
    shutil.copy(old_store, original)
    assert before["events"] and before["quote_variants"] and before["hedges"]
    with Store(old_store) as store:
        assert store.version == SCHEMA_VERSION
        examples = service.read_articles([str(EXAMPLES)]).articles
        again = service.ingest(store, examples, _no_extraction)          # all known: nothing extracted
        assert len(again.articles) == len(examples) == 5 and again.new == []
        assert {e["doc_id"] for e in store.event_records()} >= {a.doc_id for a in again.articles}
        with store.cursor() as con:
            assert dyad_table(con)
            assert con.execute("SELECT count(*) FROM events WHERE event_key IS NULL "
                               "OR event_day IS DISTINCT FROM coalesce(event_date, published)").fetchone() == (0,)
            assert con.execute("SELECT count(DISTINCT event_key) = count(*) FROM events").fetchone() == (True,)
            assert con.execute("SELECT count(*) FROM events WHERE counted IS DISTINCT FROM (NOT coalesce(negated, "
                               "false) AND NOT coalesce(hypothetical, false) AND NOT merged)").fetchone() == (0,)
            assert con.execute("SELECT count(*) FROM event_terms_00").fetchone()[0] > 0
            assert con.execute("SELECT count(*) FROM events e WHERE reports IS DISTINCT FROM greatest(1, (SELECT "
                               "count(DISTINCT coalesce(m.outlet, m.doc_id)) FROM event_mentions m "
                               "WHERE m.cluster_id = e.event_id))").fetchone() == (0,)
            assert con.execute("SELECT max(reports) FROM events").fetchone()[0] > 1  # clusters of several outlets
    assert _contents(old_store, like=original) == before


def test_an_upgraded_store_takes_new_articles_and_comparisons(old_store: Path) -> None:
    with Store(old_store) as store:
        counts = store.counts()
        article = Article(doc_id="new.txt", text="Peru protested to Chile.")
        assert store.save_article(article, [make_event("new.txt")], [])
        assert store.counts()["articles"] == counts["articles"] + 1
        service.compare(store, [article])
        assert store.con.execute("SELECT count(*) FROM stories WHERE doc_id = 'new.txt'").fetchone()[0] == 1


def test_upgrading_builds_the_same_tables_as_a_new_store(old_store: Path, tmp_path: Path) -> None:
    Store(old_store).close()
    Store(tmp_path / "new.duckdb").close()
    assert _columns(old_store) == _columns(tmp_path / "new.duckdb")


def test_a_store_from_before_compare_gets_its_tables(old_store: Path) -> None:
    with duckdb.connect(str(old_store)) as con:
        for table in ("stories", "event_mentions", "quote_variants", "hedges"):
            con.execute(f"DROP TABLE {table}")
    with Store(old_store) as store, store.cursor() as con:
        assert con.execute("SELECT count(*) FROM hedges").fetchone() == (0,)


def test_a_failed_upgrade_leaves_the_store_as_it_was(old_store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = _contents(old_store)
    broken = (*schema.MIGRATIONS, "CREATE TABLE extra (x INTEGER); SELECT * FROM no_such_table;")
    monkeypatch.setattr(schema, "MIGRATIONS", broken)
    monkeypatch.setattr(schema, "SCHEMA_VERSION", len(broken))
    monkeypatch.setattr("flashpoint.store.database.SCHEMA_VERSION", len(broken))
    with pytest.raises(StoreError, match="E021"):
        Store(old_store)
    with duckdb.connect(str(old_store), read_only=True) as con:
        tables = {row[0] for row in con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert "extra" not in tables and "schema_version" not in tables
    assert _contents(old_store) == before


def test_read_only_needs_a_current_store_and_a_newer_store_is_refused(old_store: Path) -> None:
    with pytest.raises(StoreError, match="E023"):
        Store(old_store, read_only=True)
    with Store(old_store) as store:
        store.con.execute("INSERT INTO schema_version VALUES (99, now(), '9.9')")
    with pytest.raises(StoreError, match="E022"):
        Store(old_store)


def test_importing_the_store_does_not_load_spacy() -> None:
    import subprocess
    import sys

    code = "import flashpoint.store, sys; assert 'spacy' not in sys.modules"
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


@pytest.mark.parametrize("access", ["lazy", "shared"])
def test_a_store_opened_for_reading_first_is_upgraded_all_the_same(old_store: Path, access: str) -> None:
    """The server ("shared") and the CLI's "lazy" commands open read-only, and take the
    writer's place just long enough to upgrade an older store."""
    with Store(old_store, access=access) as store:
        assert store.version == SCHEMA_VERSION
        assert store.writing == (access == "lazy")
    with Store(old_store, access="read") as store:
        assert store.version == SCHEMA_VERSION


def test_an_upgraded_store_is_grouped_again_once_by_the_next_comparison(old_store: Path, tmp_path: Path) -> None:
    """The first release grouped batch by batch; its articles join the stories of this one's
    grouping the first time something is grouped, with everything ingested kept."""
    before = _contents(old_store)
    original = tmp_path / "original.duckdb"
    shutil.copy(old_store, original)
    with Store(old_store) as store:
        service.compare(store, service.read_articles([str(EXAMPLES)]).articles)
    after = _contents(old_store, like=original)
    assert {t: after[t] for t in ("articles", "events", "quotes", "actors")} == \
        {t: before[t] for t in ("articles", "events", "quotes", "actors")}
    assert sorted(doc_id for _, doc_id in after["stories"]) == sorted(row[1] for row in after["articles"])
    assert after["hedges"] == before["hedges"] and after["quote_variants"]
