"""Write event and quote records as JSON Lines, CSV, Parquet, or GDELT/ICEWS-style tables.

JSON Lines keeps the full nested record (the schema's form); CSV and Parquet flatten it to
one column per field (``source.country`` → ``source_country``) because that is what
spreadsheets and dataframes want; the GDELT and ICEWS forms rename those columns to the
headers analysts already have code for (GDELT's exactly: its 61 columns in its order, with its
conventions, see ``flashpoint.gdelt``; one header line first). Records are written as they
come (a Parquet row group at a time), so exporting or extracting a million records holds a few
thousand in memory.
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any, Self, TextIO, cast

from flashpoint.gdelt import gdelt_row
from flashpoint.records import schema

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "icews")
#: JSON Schema type -> Arrow type of a flat column, the first that a column's types include.
_ARROW_TYPES = (("boolean", "bool"), ("integer", "int64"), ("number", "double"))


def _actor(event: Mapping[str, Any], role: str) -> Mapping[str, Any]:
    return event.get(role) or {}


def icews_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """An event in the columns of the ICEWS coded event data files."""
    source, target = _actor(event, "source"), _actor(event, "target")
    location = event.get("location") or {}
    return {
        "Event ID": event["event_id"],
        "Event Date": (event.get("date") or {}).get("value") or (event.get("article") or {}).get("published"),
        "Source Name": source.get("name"), "Source Sectors": source.get("sector"),
        "Source Country": source.get("country"), "Event Text": event["cameo_name"],
        "CAMEO Code": event["cameo"], "Intensity": event["goldstein"],
        "Target Name": target.get("name"), "Target Sectors": target.get("sector"),
        "Target Country": target.get("country"), "Story ID": event["doc_id"],
        "Publisher": (event.get("article") or {}).get("outlet"),
        "City": location.get("name"), "Country": location.get("country"),
        "Latitude": location.get("lat"), "Longitude": location.get("lon"),
        "Sentence": (event.get("sentence") or {}).get("text"),
    }


#: Rows written to Parquet together (one row group); what is held in memory at once.
PARQUET_ROWS = 10_000


@lru_cache(maxsize=4)
def columns(kind: str) -> tuple[tuple[tuple[str, ...], str], ...]:
    """The flat columns of a record kind ("event" or "quote"): each column's path into the
    record and its Arrow type name (from the JSON Schema type; lists are JSON text).

    They come from the JSON Schema, not from the records seen, so a streamed file has the same
    columns from its first row to its last, whatever the records hold (``location`` is
    ``location_name``, ... whether or not any event has one).
    """
    document = schema(kind)

    def resolve(node: Mapping[str, Any]) -> Mapping[str, Any]:
        ref = node.get("$ref")
        if not ref:
            return node
        target: Any = document
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
        return resolve(target)

    def arrow_type(node: Mapping[str, Any]) -> str:
        types = node.get("type", "string")
        found = {types} if isinstance(types, str) else set(types)
        return next((arrow for json_type, arrow in _ARROW_TYPES if json_type in found), "string")

    def walk(properties: Mapping[str, Any], prefix: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], str]]:
        for name, node in properties.items():
            node = resolve(node)
            if "properties" in node:
                yield from walk(node["properties"], (*prefix, name))
            else:
                yield (*prefix, name), arrow_type(node)

    return tuple(walk(document["properties"], ()))


def flat_row(record: Mapping[str, Any], kind: str = "event") -> dict[str, Any]:
    """``record`` as one value per column of ``kind`` (None where a nested block is null), named
    ``a_b`` for ``record["a"]["b"]``; lists as JSON."""
    row: dict[str, Any] = {}
    for path, _ in columns(kind):
        value: Any = record
        for part in path:
            value = value.get(part) if isinstance(value, Mapping) else None
        row["_".join(path)] = json.dumps(value, ensure_ascii=False) if isinstance(value, list | dict) else value
    return row


def _row(record: Mapping[str, Any], fmt: str, kind: str) -> dict[str, Any]:
    if fmt == "gdelt":
        return gdelt_row(record)
    if fmt == "icews":
        return icews_row(record)
    return flat_row(record, kind)


class RecordWriter:
    """Records of one kind written to one file (or stdout) as they come, in one format.

    Use as a context manager; ``write`` may be called any number of times. At most one
    Parquet row group (``PARQUET_ROWS`` rows) is held in memory.
    """

    def __init__(self, fmt: str, out: str | Path | None, kind: str = "event") -> None:
        if fmt not in FORMATS:
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        path = None if out in (None, "-") else Path(str(out))
        if fmt == "parquet" and path is None:
            raise ValueError("parquet cannot be written to stdout; give a file with -o")
        self.fmt, self.kind, self.count = fmt, kind, 0
        self._csv: csv.DictWriter[str] | None = None
        self._pending: list[dict[str, Any]] = []
        self._parquet: Any = None
        self._handle: TextIO | None = None
        if fmt == "parquet":
            import pyarrow as pa  # only Parquet needs Arrow: the other formats start without it
            import pyarrow.parquet as pq

            types: dict[str, pa.DataType] = {"bool": pa.bool_(), "int64": pa.int64(), "double": pa.float64(),
                                             "string": pa.string()}
            self._schema = pa.schema([("_".join(path), types[name]) for path, name in columns(kind)])
            self._parquet = pq.ParquetWriter(str(path), self._schema)
        else:
            self._handle = sys.stdout if path is None else path.open("w", encoding="utf-8", newline="")
            self._owned = path is not None

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def write(self, records: Iterable[Mapping[str, Any]]) -> None:
        for record in records:
            self.count += 1
            if self._handle is not None and self.fmt == "jsonl":
                self._handle.write(json.dumps(record, ensure_ascii=False) + "\n")
                continue
            row = _row(record, self.fmt, self.kind)
            if self._parquet is not None:
                self._pending.append(row)
                if len(self._pending) >= PARQUET_ROWS:
                    self._flush()
                continue
            if self._csv is None:
                self._csv = csv.DictWriter(cast(TextIO, self._handle), fieldnames=list(row),
                                           delimiter="," if self.fmt == "csv" else "\t")
                self._csv.writeheader()
            self._csv.writerow(row)

    def _flush(self) -> None:
        import pyarrow as pa

        if self._pending:
            self._parquet.write_table(pa.Table.from_pylist(self._pending, schema=self._schema))
            self._pending = []

    def close(self) -> None:
        if self._parquet is not None:
            self._flush()
            self._parquet.close()
        elif self._handle is not None and self._owned:
            self._handle.close()
        elif self._handle is not None:
            self._handle.flush()


def write_records(records: Iterable[Mapping[str, Any]], fmt: str, out: str | Path | None,
                  kind: str = "event") -> int:
    """Write ``records`` of ``kind`` to ``out`` (None or "-" = stdout, not for parquet) as they
    come; returns the count."""
    with RecordWriter(fmt, out, kind) as writer:
        writer.write(records)
    return writer.count
