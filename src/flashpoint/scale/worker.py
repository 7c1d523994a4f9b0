"""What a worker process runs: the pipeline, loaded once per process, on a list of articles.

``load_pipeline`` caches per process, so a pool worker or a Dask worker pays the model load
once. The lock makes a Dask worker with several threads safe: one spaCy pipeline is shared by
the process and is not meant to run two batches at once, so tasks take turns on it (run Dask
workers with one thread each and more processes to use more cores).
"""
from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

from spacy.language import Language

from flashpoint.errors import ExtractionError
from flashpoint.extract import extract
from flashpoint.ingest.article import Article
from flashpoint.nlp.pipeline import load_pipeline
from flashpoint.records import Extraction
from flashpoint.settings import Settings

_PIPELINE_TURN = threading.Lock()


def warm_up(settings: Settings) -> None:
    """Load the pipeline now (pool initializer), so the first task is not the slow one."""
    with pipeline_turn(settings):
        pass


@contextmanager
def pipeline_turn(settings: Settings) -> Iterator[Language]:
    """This process's pipeline, for the caller alone until the block ends."""
    with _PIPELINE_TURN:
        yield load_pipeline(settings)


def extract_articles(articles: list[Article], settings: Settings) -> list[Extraction | ExtractionError]:
    """The extractions of ``articles``, in order, with this process's pipeline (an article over
    its time budget as its ``ExtractionError``)."""
    with pipeline_turn(settings) as nlp:
        return list(extract(articles, nlp, settings))
