"""The partitioned Parquet dataset of an extraction: ``OUT/articles/``, ``OUT/events/``, ``OUT/quotes/``.

Each partition writes one file of the same name in each folder, so a reader can take a
partition's articles with their events and quotes without joining the whole dataset. Every
table has flat columns to filter on (DuckDB queries ``OUT/events/*.parquet`` in place) and,
for events and quotes, the full record as JSON, so ``ingest --from-parquet`` stores exactly
what extraction produced (through ``service.ingest_dataset``, the one ingest path). Files are
written under a temporary name and renamed, so a failed or retried task never leaves half a
file behind.
"""
from __future__ import annotations

import json
import os
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from itertools import islice
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from flashpoint.errors import InputError, StoreError
from flashpoint.ingest.article import Article
from flashpoint.records import Extraction

TABLES = ("articles", "events", "quotes")

#: (column, type, value from an article and one of its records; for ``articles``, the article)
Column = tuple[str, pa.DataType, Callable[[Article, Mapping[str, Any]], Any]]
#: Articles written to the files of a partition at a time (a row group each).
ROWS_AT_A_TIME = 256


def _at(record: Mapping[str, Any], *path: str) -> Any:
    """A nested value, None where any step is missing."""
    value: Any = record
    for key in path:
        value = value.get(key) if isinstance(value, Mapping) else None
    return value


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


ARTICLE_COLUMNS: list[Column] = [
    ("content_hash", pa.string(), lambda a, _: a.content_hash),
    ("doc_id", pa.string(), lambda a, _: a.doc_id),
    ("title", pa.string(), lambda a, _: a.title),
    ("url", pa.string(), lambda a, _: a.url),
    ("outlet", pa.string(), lambda a, _: a.outlet),
    ("author", pa.string(), lambda a, _: a.author),
    ("published", pa.date32(), lambda a, _: a.published),
    ("published_text", pa.string(), lambda a, _: a.published_text),
    ("source_path", pa.string(), lambda a, _: a.source_path),
    ("text", pa.string(), lambda a, _: a.text),
    ("metadata", pa.string(), lambda a, _: json.dumps(a.metadata, ensure_ascii=False, default=str)),
]
_LINK_COLUMNS: list[Column] = [
    ("doc_id", pa.string(), lambda a, r: r["doc_id"]),
    ("content_hash", pa.string(), lambda a, r: a.content_hash),
]
_RECORD_COLUMN: Column = ("record", pa.string(), lambda a, r: json.dumps(r, ensure_ascii=False))
EVENT_COLUMNS: list[Column] = [
    ("event_id", pa.string(), lambda a, r: r["event_id"]), *_LINK_COLUMNS,
    ("published", pa.date32(), lambda a, r: _day(_at(r, "article", "published"))),
    ("outlet", pa.string(), lambda a, r: _at(r, "article", "outlet")),
    ("event_date", pa.string(), lambda a, r: _at(r, "date", "value")),
    ("source_name", pa.string(), lambda a, r: _at(r, "source", "name")),
    ("source_country", pa.string(), lambda a, r: _at(r, "source", "country")),
    ("target_name", pa.string(), lambda a, r: _at(r, "target", "name")),
    ("target_country", pa.string(), lambda a, r: _at(r, "target", "country")),
    ("cameo", pa.string(), lambda a, r: r["cameo"]),
    ("quad_class", pa.int8(), lambda a, r: r.get("quad_class")),
    ("goldstein", pa.float64(), lambda a, r: r.get("goldstein")),
    ("confidence", pa.float64(), lambda a, r: r.get("confidence")),
    _RECORD_COLUMN,
]
QUOTE_COLUMNS: list[Column] = [
    ("quote_id", pa.string(), lambda a, r: r["quote_id"]), *_LINK_COLUMNS,
    ("speaker_name", pa.string(), lambda a, r: _at(r, "speaker", "name")),
    ("speaker_country", pa.string(), lambda a, r: _at(r, "speaker", "country")),
    ("text", pa.string(), lambda a, r: r["text"]),
    ("direct", pa.bool_(), lambda a, r: r.get("direct")),
    _RECORD_COLUMN,
]


def prepare_dataset_dir(out: Path) -> None:
    """Create ``out``'s three folders; refuse one that already holds a dataset (parts of two runs
    must never mix)."""
    for table in TABLES:
        folder = out / table
        if folder.is_dir() and any(folder.glob("*.parquet")):
            raise StoreError("E029", str(out))
        folder.mkdir(parents=True, exist_ok=True)


COLUMNS: dict[str, list[Column]] = {"articles": ARTICLE_COLUMNS, "events": EVENT_COLUMNS,
                                    "quotes": QUOTE_COLUMNS}


def _schema(columns: list[Column]) -> pa.Schema:
    return pa.schema([(name, kind) for name, kind, _ in columns])


def _rows(table: str, extractions: list[Extraction]) -> list[tuple[Article, Mapping[str, Any]]]:
    """(article, record) pairs of ``table``: one per article, event or quote."""
    if table == "articles":
        return [(x.article, {}) for x in extractions]
    return [(x.article, record) for x in extractions for record in getattr(x, table)]


def _chunks(extractions: Iterable[Extraction]) -> Iterator[list[Extraction]]:
    iterator = iter(extractions)
    while chunk := list(islice(iterator, ROWS_AT_A_TIME)):
        yield chunk


def write_partition(out: Path, name: str, extractions: Iterable[Extraction]) -> tuple[int, int, int]:
    """Write one partition, ``out/<table>/<name>.parquet`` for each table, streaming: memory
    holds ROWS_AT_A_TIME articles whatever the partition's size. Returns the rows written
    (articles, events, quotes)."""
    final = {table: out / table / f"{name}.parquet" for table in TABLES}
    partial = {table: path.with_name(f".{path.name}.partial") for table, path in final.items()}
    counts = dict.fromkeys(TABLES, 0)
    writers = {table: pq.ParquetWriter(partial[table], _schema(COLUMNS[table])) for table in TABLES}
    try:
        for chunk in _chunks(extractions):
            for table, writer in writers.items():
                rows = _rows(table, chunk)
                columns = COLUMNS[table]
                writer.write_table(pa.Table.from_arrays(
                    [pa.array([get(a, r) for a, r in rows], type=kind) for _, kind, get in columns],
                    schema=_schema(columns)))
                counts[table] += len(rows)
    except BaseException:
        for writer in writers.values():
            writer.close()
        for path in partial.values():
            path.unlink(missing_ok=True)
        raise
    for table, writer in writers.items():
        writer.close()
        os.replace(partial[table], final[table])
    return counts["articles"], counts["events"], counts["quotes"]


def _article(row: Mapping[str, Any]) -> Article:
    fields = {name: row[name] for name, _, _ in ARTICLE_COLUMNS if name not in ("content_hash", "metadata")}
    return Article(**fields, metadata=json.loads(row["metadata"] or "{}"))


def _records_by_article(path: Path) -> dict[tuple[str, str], list[Any]]:
    """(content_hash, doc_id) -> the records of that article, in written order."""
    if not path.is_file():
        raise InputError("E007", str(path), reason="missing: the dataset is incomplete")
    grouped: dict[tuple[str, str], list[Any]] = defaultdict(list)
    for row in pq.read_table(path, columns=["content_hash", "doc_id", "record"]).to_pylist():
        grouped[(row["content_hash"], row["doc_id"])].append(json.loads(row["record"]))
    return grouped


def dataset_partitions(out: Path) -> Iterator[list[Extraction]]:
    """The dataset's articles with their events and quotes, a partition at a time (memory holds
    one partition, however large the dataset)."""
    parts = sorted((out / "articles").glob("*.parquet"))
    if not parts:
        raise InputError("E007", str(out), reason=f"no Parquet dataset here (expected {out / 'articles'}/*.parquet)")
    for part in parts:
        events = _records_by_article(out / "events" / part.name)
        quotes = _records_by_article(out / "quotes" / part.name)
        yield [Extraction(_article(row), events.get(key, []), quotes.get(key, []))
               for row in pq.read_table(part).to_pylist() for key in [(row["content_hash"], row["doc_id"])]]
