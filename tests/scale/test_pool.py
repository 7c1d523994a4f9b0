"""--workers: a process pool gives the records a single process gives, in input order."""
from __future__ import annotations

from flashpoint.ingest import Article
from flashpoint.records import Extraction
from flashpoint.scale import extract_parallel
from tests.scale.conftest import SMALL_BATCHES, records


def test_two_workers_give_the_same_records_in_order(articles: list[Article], single_process: list[Extraction]) -> None:
    parallel = list(extract_parallel(articles, SMALL_BATCHES, workers=2))
    assert [x.article.doc_id for x in parallel] == [a.doc_id for a in articles]
    assert records(parallel) == records(single_process)
    assert sum(len(x.events) for x in parallel) > 10
