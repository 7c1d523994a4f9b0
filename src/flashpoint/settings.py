"""One settings object with sensible defaults, so every entry point agrees on behaviour."""
from __future__ import annotations

from dataclasses import dataclass, field

#: The order our components run in: quotes need actors, events need quotes (for reported speech).
DEFAULT_COMPONENTS = ("flashpoint_actors", "flashpoint_coref", "flashpoint_quotes", "flashpoint_events")
#: Docs spaCy processes together; one value for every entry point.
DEFAULT_BATCH_SIZE = 32
#: Articles extracted and then stored together (one transaction of columnar inserts): large
#: enough that storing costs little next to extracting, small enough that memory stays flat
#: and an interruption loses little work.
DEFAULT_STORE_BATCH = 64
#: DuckDB's memory while a command streams articles into the store. Its default (most of the
#: machine's RAM) keeps every block written in memory, so an ingest would grow with the store;
#: a writer never reads those blocks back, so a small cache costs nothing.
DEFAULT_WRITER_MEMORY = "64MB"
#: The database every command uses unless told otherwise (here, not in ``store``, so the CLI
#: can name it in its options without importing DuckDB).
DEFAULT_DB = "flashpoint.duckdb"


@dataclass(frozen=True)
class Settings:
    """What the pipeline runs and how ingestion guards itself."""

    pipeline: str | None = None
    components: tuple[str, ...] = field(default=DEFAULT_COMPONENTS)
    max_bytes: int = 5_000_000
    batch_size: int = DEFAULT_BATCH_SIZE
    store_batch: int = DEFAULT_STORE_BATCH
    writer_memory: str = DEFAULT_WRITER_MEMORY
