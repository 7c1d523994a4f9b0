"""flashpoint: news articles to political event data, every event traced to its sentence.

The public API is small: read articles, load the pipeline, extract records, store them::

    import flashpoint
    articles = [a for a in flashpoint.read_inputs(["news/"]) if isinstance(a, flashpoint.Article)]
    for extraction in flashpoint.extract(articles, flashpoint.load_pipeline()):
        print(extraction.events, extraction.quotes)

Names are imported when first used, so ``import flashpoint.store`` (or the API server
reading a database) does not pay for loading spaCy.
"""
from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from flashpoint.errors import FlashpointError, InputError, PipelineError, QueryError, StoreError

#: The release; the package metadata (pyproject.toml) reads it from here.
__version__ = "0.1.0"

if TYPE_CHECKING:
    from flashpoint.extract import extract
    from flashpoint.ingest import Article, read_inputs
    from flashpoint.nlp.pipeline import load_pipeline
    from flashpoint.records import Extraction
    from flashpoint.settings import Settings
    from flashpoint.store import Store

#: Public name -> the module that defines it.
_LAZY = {"Article": "flashpoint.ingest", "read_inputs": "flashpoint.ingest",
         "Extraction": "flashpoint.records", "extract": "flashpoint.extract",
         "load_pipeline": "flashpoint.nlp.pipeline", "Settings": "flashpoint.settings",
         "Store": "flashpoint.store"}

__all__ = [
    "Article", "Extraction", "FlashpointError", "InputError", "PipelineError", "QueryError",
    "Settings", "Store", "StoreError", "extract", "load_pipeline", "read_inputs",
]


def __getattr__(name: str) -> object:
    if name not in _LAZY:
        raise AttributeError(f"module 'flashpoint' has no attribute {name!r}")
    return getattr(importlib.import_module(_LAZY[name]), name)
