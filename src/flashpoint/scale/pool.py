"""``--workers N``: extraction spread over N local processes, results in input order.

A process pool rather than ``nlp.pipe(n_process=N)``: spaCy's multiprocessing sends Docs back
through ``Doc.to_bytes``, and our Doc extensions hold Python objects (actor mentions) that it
does not serialise; a pool of processes that each load the pipeline once and return plain
records has no such limit. Processes are spawned, not forked, because the parent may already
run threads (the progress bar) that a fork would copy mid-lock.

A worker leaves Ctrl-C to its parent, which stops the pool, and exits when its parent is
gone: a parent killed with ``kill -9`` would otherwise leave its workers blocked on the task
queue for ever, each holding a pipeline in memory.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice
from multiprocessing.connection import wait

from flashpoint.errors import ExtractionError
from flashpoint.ingest.article import Article
from flashpoint.records import Extraction
from flashpoint.scale.worker import extract_articles, warm_up
from flashpoint.settings import Settings

#: Chunks queued per worker: enough to keep every worker busy, few enough that memory stays
#: flat however many articles stream in.
CHUNKS_PER_WORKER = 2


def _exit_when_gone(parent_sentinel: int) -> None:
    """Wait for the parent to end, then end this worker (whatever it is doing)."""
    wait([parent_sentinel])
    os._exit(1)


def _start_worker(settings: Settings) -> None:
    """Pool initializer: Ctrl-C ignored (the parent handles it), exit when the parent exits,
    and the pipeline loaded now, so that the first task is not the slow one."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_exit_when_gone, args=(parent.sentinel,), daemon=True).start()
    warm_up(settings)


def _stop_now(pool: ProcessPoolExecutor) -> None:
    """Stop ``pool`` without waiting for its chunks: the queued ones are cancelled and the
    workers terminated (nothing of theirs is stored, so nothing is lost but work to redo).
    Otherwise Ctrl-C would wait for the chunk a worker is on, several seconds with no word."""
    workers = list(pool._processes.values())  # the executor has no public way to stop them (3.14 adds one)
    pool.shutdown(wait=False, cancel_futures=True)
    for worker in workers:
        worker.terminate()


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_parallel(articles: Iterable[Article], settings: Settings,
                     workers: int) -> Iterator[Extraction | ExtractionError]:
    """The extractions of ``articles`` in input order, computed by ``workers`` processes.

    Chunks of ``settings.batch_size`` articles go to the workers; at most
    ``CHUNKS_PER_WORKER * workers`` are in flight, and results are yielded in order. A
    consumer that stops early (an error, Ctrl-C, a closed generator) does not wait for the
    chunks in flight (``_stop_now``).
    """
    context = multiprocessing.get_context("spawn")
    pool = ProcessPoolExecutor(workers, mp_context=context, initializer=_start_worker, initargs=(settings,))
    try:
        pending: deque[Future[list[Extraction | ExtractionError]]] = deque()
        for chunk in _chunks(articles, settings.batch_size):
            pending.append(pool.submit(extract_articles, chunk, settings))
            if len(pending) >= CHUNKS_PER_WORKER * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except BaseException:
        _stop_now(pool)
        raise
    pool.shutdown()
