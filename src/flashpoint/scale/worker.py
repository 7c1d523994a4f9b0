"""What a worker process runs: the pipeline, loaded once per process, on a list of articles.

``load_pipeline`` caches per process, so a pool worker or a Dask worker pays the model load
once. Once loaded, the pipeline's objects (~480,000 of them) are frozen out of the garbage
collector's sight (``gc.freeze``): they live as long as the worker, and otherwise every full
collection walks them, the last ones as the worker exits: a Dask worker took 3.5 s to exit
(measured), and its nanny killed it at 4 s under load; frozen, 0.5-1 s. The lock makes a
Dask worker with several threads safe: one spaCy pipeline is shared by the process and is
not meant to run two batches at once, so tasks take turns on it (run Dask workers with one
thread each and more processes to use more cores).
"""
from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING

from flashpoint.errors import ExtractionError
from flashpoint.ingest.article import Article
from flashpoint.records import Extraction
from flashpoint.settings import Settings

if TYPE_CHECKING:
    from spacy.language import Language

_PIPELINE_TURN = threading.Lock()


def warm_up(settings: Settings) -> None:
    """Load the pipeline now (pool initializer), so the first task is not the slow one."""
    with pipeline_turn(settings):
        pass


@lru_cache(maxsize=4)
def _worker_pipeline(settings: Settings) -> Language:
    """``load_pipeline``, then what survives the load frozen (once per pipeline loaded; the
    collection first, so no garbage of the load is frozen with it). spaCy is imported here,
    in the worker: the process that hands out the articles (an ingest that stores them) has
    no use for it (1-2 s and tens of MB)."""
    from flashpoint.nlp.pipeline import load_pipeline

    nlp = load_pipeline(settings)
    gc.collect()
    gc.freeze()
    return nlp


@contextmanager
def pipeline_turn(settings: Settings) -> Iterator[Language]:
    """This worker process's pipeline, for the caller alone until the block ends."""
    with _PIPELINE_TURN:
        yield _worker_pipeline(settings)


def extract_articles(articles: list[Article], settings: Settings) -> list[Extraction | ExtractionError]:
    """The extractions of ``articles``, in order, with this process's pipeline (an article over
    its time budget as its ``ExtractionError``)."""
    from flashpoint.extract import extract

    with pipeline_turn(settings) as nlp:
        return list(extract(articles, nlp, settings))
