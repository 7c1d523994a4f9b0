"""Exports: flattening and the GDELT / ICEWS column sets."""
from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq

from flashpoint.export import flat_row, gdelt_row, icews_row, write_records
from tests.records import make_event


def test_flat_rows_nest_with_underscores_and_keep_the_columns_of_null_blocks() -> None:
    event = make_event("a")
    flat = flat_row(event)
    assert flat["source_country"] == "PER" and flat["sentence_text"] == "Peru protested to Chile."
    assert flat["modality_negated"] is False
    event["source"] = None
    assert list(flat_row(event)) == list(flat) and flat_row(event)["source_country"] is None


def test_gdelt_and_icews_columns() -> None:
    event = make_event("a", cameo="1123")
    gdelt = gdelt_row(event)
    assert (gdelt["EventRootCode"], gdelt["EventBaseCode"], gdelt["SQLDATE"]) == ("11", "112", 20240303)
    assert (gdelt["Actor1CountryCode"], gdelt["Actor2CountryCode"]) == ("PER", "CHL")
    assert icews_row(event)["CAMEO Code"] == "1123"


def test_csv_and_parquet_round_trip(tmp_path: Path) -> None:
    events = [make_event("a"), make_event("b", cameo="190", goldstein=-10.0, quad_class=4)]
    write_records(events, "csv", tmp_path / "e.csv")
    with (tmp_path / "e.csv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    assert [r["cameo"] for r in rows] == ["111", "190"]
    assert write_records(iter(events), "parquet", tmp_path / "e.parquet") == 2
    table = pq.read_table(tmp_path / "e.parquet")
    assert table.column("goldstein").to_pylist() == [-2.0, -10.0]
    assert table.column_names == list(rows[0]) and table.schema.field("quad_class").type == "int64"
