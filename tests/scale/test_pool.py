"""--workers: a process pool gives the records a single process gives, in input order, and
a consumer that stops early leaves no worker running."""
from __future__ import annotations

import time

import psutil

from flashpoint.ingest import Article
from flashpoint.records import Extraction
from flashpoint.scale import extract_parallel
from tests.scale.conftest import SMALL_BATCHES, records


def test_two_workers_give_the_same_records_in_order(articles: list[Article], single_process: list[Extraction]) -> None:
    parallel = list(extract_parallel(articles, SMALL_BATCHES, workers=2))
    assert [x.article.doc_id for x in parallel] == [a.doc_id for a in articles]
    assert records(parallel) == records(single_process)
    assert sum(len(x.events) for x in parallel) > 10


def test_a_consumer_that_stops_early_stops_the_workers(articles: list[Article]) -> None:
    """Ctrl-C or an error in the consumer closes the stream: the chunks still in flight are
    not waited for, the workers are gone."""
    before = psutil.Process().children()  # a Dask cluster of other tests may be running
    results = extract_parallel(articles, SMALL_BATCHES, workers=2)
    next(results)
    workers = [child for child in psutil.Process().children()
               if child not in before and "spawn_main" in " ".join(child.cmdline())]  # not the resource tracker
    assert len(workers) == 2
    results.close()
    alive = _running_after(workers, seconds=10)
    assert not alive


def _running_after(processes: list[psutil.Process], seconds: float) -> list[psutil.Process]:
    """Those of ``processes`` still running (neither gone nor exited awaiting their parent)
    once they all stopped, or ``seconds`` passed. Not ``psutil.wait_procs``: it would reap
    the pool's children itself, and the pool, finding them neither alive nor reapable
    (ECHILD), would then wait for them for ever when Python exits (pytest hung at the end)."""
    deadline = time.monotonic() + seconds
    while True:
        running = [p for p in processes if _running(p)]
        if not running or time.monotonic() > deadline:
            return running
        time.sleep(0.05)


def _running(process: psutil.Process) -> bool:
    try:
        return process.status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
