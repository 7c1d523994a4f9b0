"""The Parquet dataset: a round trip, DuckDB reading it in place, and loading into a store."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import duckdb
import pytest

from flashpoint import service
from flashpoint.errors import InputError, StoreError
from flashpoint.records import Extraction
from flashpoint.scale import dataset as dataset_module
from flashpoint.scale import dataset_partitions, write_partition
from flashpoint.scale.dataset import prepare_dataset_dir
from flashpoint.store import Store
from tests.scale.conftest import records


def read_dataset(out: Path) -> Iterator[Extraction]:
    for partition in dataset_partitions(out):
        yield from partition


@pytest.fixture
def dataset(tmp_path: Path, single_process: list[Extraction], monkeypatch: pytest.MonkeyPatch) -> Path:
    """Two partitions, written two articles at a time (several row groups each)."""
    monkeypatch.setattr(dataset_module, "ROWS_AT_A_TIME", 2)
    out = tmp_path / "out"
    prepare_dataset_dir(out)
    half = len(single_process) // 2
    assert write_partition(out, "part-00000", iter(single_process[:half]))[0] == half
    write_partition(out, "part-00001", iter(single_process[half:]))
    return out


def test_round_trip_keeps_every_record_and_article(dataset: Path, single_process: list[Extraction]) -> None:
    back = list(read_dataset(dataset))
    assert records(back) == records(single_process)
    assert [x.article for x in back] == [x.article for x in single_process]


def test_duckdb_queries_the_dataset_in_place(dataset: Path, single_process: list[Extraction]) -> None:
    con = duckdb.connect()
    events = con.execute(f"SELECT count(*), count(DISTINCT doc_id) FROM read_parquet('{dataset}/events/*.parquet')").fetchone()
    assert events == (sum(len(x.events) for x in single_process), sum(1 for x in single_process if x.events))
    joined = con.execute(
        f"SELECT a.outlet, e.cameo, json_extract_string(e.record, '$.trigger.text') "
        f"FROM read_parquet('{dataset}/events/*.parquet') e "
        f"JOIN read_parquet('{dataset}/articles/*.parquet') a USING (content_hash, doc_id) LIMIT 1").fetchone()
    assert joined is not None and joined[1]


def test_loading_stores_what_ingesting_directly_stores(dataset: Path, single_process: list[Extraction], tmp_path: Path) -> None:
    with Store(tmp_path / "direct.duckdb") as direct:
        service.ingest(direct, [x.article for x in single_process], lambda _: single_process)
        expected = (direct.counts(), list(direct.event_records()), list(direct.quote_records()))
    with Store(tmp_path / "loaded.duckdb") as loaded:
        distinct = len({x.article.content_hash for x in single_process})
        assert service.ingest_dataset(loaded, dataset) == service.DatasetIngested(distinct, len(single_process) - distinct)
        assert (loaded.counts(), list(loaded.event_records()), list(loaded.quote_records())) == expected
        assert service.ingest_dataset(loaded, dataset).new == 0  # loading again adds nothing


def test_a_used_directory_and_a_missing_dataset_are_refused(dataset: Path, tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="E029"):
        prepare_dataset_dir(dataset)
    with pytest.raises(InputError, match="E007 .*nothing"):
        list(read_dataset(tmp_path / "nothing"))
    (dataset / "quotes" / "part-00001.parquet").unlink()
    with pytest.raises(InputError, match=r"part-00001.parquet: cannot be read \(missing"):
        list(read_dataset(dataset))


def test_a_failing_partition_leaves_no_file(tmp_path: Path, single_process: list[Extraction]) -> None:
    def breaks_halfway() -> Iterator[Extraction]:
        yield from single_process[:1]
        raise RuntimeError("worker lost")

    prepare_dataset_dir(tmp_path / "out")
    with pytest.raises(RuntimeError):
        write_partition(tmp_path / "out", "part-00000", breaks_halfway())
    assert [p for p in (tmp_path / "out").rglob("*") if p.is_file()] == []
