"""Scale-out tests: inputs (the examples, and the seeds where ../shared exists), the
single-process reference, and a LocalCluster."""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from dask.distributed import LocalCluster

from flashpoint.extract import extract
from flashpoint.ingest import Article, read_inputs
from flashpoint.records import Extraction
from flashpoint.scale.cluster import local_cluster
from flashpoint.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT.parent / "shared" / "seeds"
#: Two articles a chunk, so that even a few articles are spread over both workers.
SMALL_BATCHES = Settings(batch_size=2)


@pytest.fixture(scope="session")
def cluster() -> Iterator[LocalCluster]:
    """A real Dask cluster of two worker processes (one thread each), the one ``--dask local``
    starts, shared by the tests."""
    with local_cluster(2) as local:
        yield local


@pytest.fixture(scope="session")
def input_paths() -> list[str]:
    return [str(ROOT / "examples")] + ([str(SEEDS)] if SEEDS.is_dir() else [])


@pytest.fixture(scope="session")
def articles(input_paths: list[str]) -> list[Article]:
    return [a for a in read_inputs(input_paths) if isinstance(a, Article)]


@pytest.fixture(scope="session")
def single_process(articles: list[Article], nlp) -> list[Extraction]:  # type: ignore[no-untyped-def]
    """The reference: every article through one pipeline in this process."""
    return list(extract(articles, nlp))


def records(extractions: list[Extraction]) -> tuple[list[dict], list[dict], list[tuple[str, str]]]:  # type: ignore[type-arg]
    """Events and quotes sorted by id, and (doc_id, content_hash) of the articles, sorted."""
    return (sorted((e for x in extractions for e in x.events), key=lambda e: e["event_id"]),
            sorted((q for x in extractions for q in x.quotes), key=lambda q: q["quote_id"]),
            sorted((x.article.doc_id, x.article.content_hash) for x in extractions))
