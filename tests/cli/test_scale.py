"""--workers, --dask and --from-parquet through the CLI: the same store as a plain ingest."""
from __future__ import annotations

from pathlib import Path

from dask.distributed import LocalCluster
from typer.testing import CliRunner

from flashpoint.cli import app
from flashpoint.store import Store

runner = CliRunner(env={"COLUMNS": "250"})
EXAMPLES = str(Path(__file__).resolve().parents[2] / "examples")


def _store(db: Path) -> tuple[dict[str, int], list[dict], list[dict]]:  # type: ignore[type-arg]
    with Store(db, read_only=True) as store:
        return store.counts(), list(store.event_records()), list(store.quote_records())


def _ingest(tmp_path: Path, *extra: str) -> Path:
    db = tmp_path / f"ingest{len(extra)}.duckdb"
    result = runner.invoke(app, ["ingest", EXAMPLES, "--db", str(db), *extra])
    assert result.exit_code == 0, result.output
    return db


def test_ingest_with_two_workers_stores_what_one_process_stores(tmp_path: Path) -> None:
    assert _store(_ingest(tmp_path, "--workers", "2")) == _store(_ingest(tmp_path))


def test_dask_dataset_loaded_with_from_parquet_equals_a_plain_ingest(cluster: LocalCluster, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    extracted = runner.invoke(app, ["extract", EXAMPLES, "--dask", cluster.scheduler_address, "-o", str(out)])
    assert extracted.exit_code == 0, extracted.output
    assert "partition(s)" in extracted.output and list((out / "articles").glob("part-*.parquet"))
    loaded_db = tmp_path / "loaded.duckdb"
    loaded = runner.invoke(app, ["ingest", "--from-parquet", str(out), "--db", str(loaded_db)])
    assert loaded.exit_code == 0, loaded.output
    assert _store(loaded_db) == _store(_ingest(tmp_path))
    again = runner.invoke(app, ["extract", EXAMPLES, "--dask", cluster.scheduler_address, "-o", str(out)])
    assert again.exit_code == 2 and "E029" in again.output


def test_wrong_combinations_are_one_line_errors(tmp_path: Path) -> None:
    no_out = runner.invoke(app, ["extract", EXAMPLES, "--dask", "local"])
    assert no_out.exit_code == 2 and "-o" in no_out.output
    both = runner.invoke(app, ["ingest", EXAMPLES, "--from-parquet", str(tmp_path)])
    assert both.exit_code == 2 and "not both" in both.output
    nothing = runner.invoke(app, ["ingest", "--db", str(tmp_path / "x.duckdb")])
    assert nothing.exit_code == 2 and "--from-parquet" in nothing.output
    missing = runner.invoke(app, ["ingest", "--from-parquet", str(tmp_path / "none"), "--db", str(tmp_path / "x.duckdb")])
    assert missing.exit_code == 2 and "E007" in missing.output and "none" in missing.output
