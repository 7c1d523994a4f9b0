"""Write event and quote records as JSON Lines, CSV, Parquet, or GDELT/ICEWS-style tables.

JSON Lines keeps the full nested record (the schema's form); CSV and Parquet flatten it to
one column per field (``source.country`` → ``source_country``) because that is what
spreadsheets and dataframes want; the GDELT and ICEWS forms rename those columns to the
headers analysts already have code for.
"""
from __future__ import annotations

import csv
import json
import sys
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any, TextIO

import pyarrow as pa
import pyarrow.parquet as pq

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "icews")


def flatten(record: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """Nested dicts become ``a_b`` columns; lists and other values are kept (lists as JSON)."""
    flat: dict[str, Any] = {}
    for key, value in record.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(flatten(value, f"{name}_"))
        elif isinstance(value, list):
            flat[name] = json.dumps(value, ensure_ascii=False)
        else:
            flat[name] = value
    return flat


def _actor(event: Mapping[str, Any], role: str) -> Mapping[str, Any]:
    return event.get(role) or {}


def gdelt_row(event: Mapping[str, Any]) -> dict[str, Any]:
    """An event in the columns of a GDELT 2.0 event table (the subset we can fill)."""
    source, target = _actor(event, "source"), _actor(event, "target")
    location = event.get("location") or {}
    day = (event.get("date") or {}).get("value") or (event.get("article") or {}).get("published") or ""
    return {
        "GLOBALEVENTID": event["event_id"], "SQLDATE": day.replace("-", ""),
        "Actor1Code": source.get("code"), "Actor1Name": source.get("name"),
        "Actor1CountryCode": source.get("country"),
        "Actor2Code": target.get("code"), "Actor2Name": target.get("name"),
        "Actor2CountryCode": target.get("country"),
        "EventCode": event["cameo"], "EventBaseCode": event["cameo"][:3],
        "EventRootCode": event["cameo_root"], "QuadClass": event["quad_class"],
        "GoldsteinScale": event["goldstein"],
        "NumMentions": event.get("num_mentions", 1), "NumSources": event.get("num_sources", 1),
        "NumArticles": event.get("num_articles", 1),
        "ActionGeo_FullName": location.get("name"), "ActionGeo_CountryCode": location.get("country"),
        "ActionGeo_Lat": location.get("lat"), "ActionGeo_Long": location.get("lon"),
        "SOURCEURL": (event.get("article") or {}).get("url") or event["doc_id"],
    }


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


def _rows(records: Iterable[Mapping[str, Any]], fmt: str) -> list[dict[str, Any]]:
    shape = {"gdelt": gdelt_row, "icews": icews_row}.get(fmt, flatten)
    return [shape(record) for record in records]


def write_records(records: Iterable[Mapping[str, Any]], fmt: str, out: str | Path | None) -> int:
    """Write ``records`` to ``out`` (None or "-" = stdout, not for parquet); returns the count."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    path = None if out in (None, "-") else Path(str(out))
    if fmt == "jsonl":
        lines = [json.dumps(r, ensure_ascii=False) + "\n" for r in records]
        _write(path, lambda handle: handle.writelines(lines))
        return len(lines)
    rows = _rows(records, fmt)
    if fmt == "parquet":
        if path is None:
            raise ValueError("parquet cannot be written to stdout; give a file with -o")
        pq.write_table(pa.Table.from_pylist(rows), str(path))
        return len(rows)
    columns = list(dict.fromkeys(key for row in rows for key in row))
    delimiter = "\t" if fmt in ("gdelt", "icews") else ","

    def write_csv(handle: TextIO) -> None:
        writer = csv.DictWriter(handle, fieldnames=columns, delimiter=delimiter)
        writer.writeheader()
        writer.writerows(rows)

    _write(path, write_csv)
    return len(rows)


def _write(path: Path | None, write: Callable[[TextIO], object]) -> None:
    """``write`` to the file at ``path``, or to stdout when there is none."""
    if path is None:
        write(sys.stdout)
        return
    with path.open("w", encoding="utf-8", newline="") as handle:
        write(handle)
