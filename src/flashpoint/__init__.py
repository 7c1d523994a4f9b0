"""flashpoint: news articles to political event data, every event traced to its sentence.

The public API is small: read articles, load the pipeline, extract records, store them::

    import flashpoint
    articles = [a for a in flashpoint.read_inputs(["news/"]) if isinstance(a, flashpoint.Article)]
    for extraction in flashpoint.extract(articles, flashpoint.load_pipeline()):
        print(extraction.events, extraction.quotes)
"""
from __future__ import annotations

from flashpoint.errors import FlashpointError, InputError, PipelineError, QueryError, StoreError
from flashpoint.extract import Extraction, extract
from flashpoint.ingest import Article, read_inputs
from flashpoint.nlp.pipeline import load_pipeline
from flashpoint.settings import Settings
from flashpoint.store import Store

__version__ = "0.1.0"

__all__ = [
    "Article", "Extraction", "FlashpointError", "InputError", "PipelineError", "QueryError",
    "Settings", "Store", "StoreError", "extract", "load_pipeline", "read_inputs",
]
