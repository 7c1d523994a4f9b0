"""The exceptions flashpoint raises, and the catalogue of their codes.

Every error a user can meet has a code (E0xx) and a one-line message that names the input,
so a batch job can log and skip it; catching ``FlashpointError`` catches them all.

Hierarchy::

    FlashpointError
    ├── InputError        an input file, line or record cannot be read (E001-E009)
    ├── PipelineError     the NLP pipeline cannot be built (E010-E019)
    ├── StoreError        the database cannot be opened or written (E020-E029)
    ├── QueryError        an API or CLI query is invalid (E030-E039)
    └── FetchError        a feed or page cannot be fetched or is not what was expected (E040-E049)
"""
from __future__ import annotations

#: Code -> what it means; the messages raised start with the code.
CATALOGUE: dict[str, str] = {
    "E001": "input is empty",
    "E002": "input is binary, not text",
    "E003": "input is larger than the size limit",
    "E004": "input encoding could not be detected",
    "E005": "malformed JSON or JSON Lines record",
    "E006": "HTML page has no article text",
    "E007": "input path does not exist",
    "E008": "unsupported input type",
    "E009": "record has no usable text",
    "E010": "no spaCy pipeline installed",
    "E020": "database cannot be opened or written",
    "E021": "output directory already holds a dataset",
    "E030": "invalid query parameter",
    "E040": "URL refused: not http or https",
    "E041": "address refused: private, loopback, link-local or reserved",
    "E042": "host cannot be resolved or reached",
    "E043": "request timed out",
    "E044": "response larger than the size limit",
    "E045": "too many redirects",
    "E046": "HTTP error status",
    "E047": "response is not an RSS or Atom feed",
    "E048": "page is not HTML",
}


class FlashpointError(Exception):
    """Base class of every error flashpoint raises on purpose."""


class InputError(FlashpointError):
    """An input (file, JSON line, stdin record) cannot be turned into an article."""


class PipelineError(FlashpointError):
    """The spaCy pipeline cannot be built."""


class StoreError(FlashpointError):
    """The DuckDB store cannot be opened or written."""


class QueryError(FlashpointError):
    """A query (API parameter, CLI filter) is invalid."""


class FetchError(FlashpointError):
    """A feed or article page cannot be fetched, is refused, or is not what was expected."""
