"""One settings object with sensible defaults, so every entry point agrees on behaviour."""
from __future__ import annotations

from dataclasses import dataclass, field

#: The order our components run in: quotes need actors, events need quotes (for reported speech).
DEFAULT_COMPONENTS = ("flashpoint_actors", "flashpoint_coref", "flashpoint_quotes", "flashpoint_events")
#: Docs spaCy processes together; one value for every entry point.
DEFAULT_BATCH_SIZE = 32
#: Events scored below this are not emitted (see ``flashpoint.nlp.event_select``: on the
#: development sets, events below it were right less than one time in three).
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

    pipeline: str | None = None
    components: tuple[str, ...] = field(default=DEFAULT_COMPONENTS)
    max_bytes: int = 5_000_000
    batch_size: int = DEFAULT_BATCH_SIZE
    #: the event coder's threshold: 0 emits every candidate event
    min_confidence: float = DEFAULT_MIN_CONFIDENCE
    #: keep only each sentence's best event (sentence classification, as in the ConfliBERT
    #: and PLOVER sentence sets) instead of every event of the sentence (event data)
    one_per_sentence: bool = False
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
