"""``--workers N``: extraction spread over N local processes, results in input order.

A process pool rather than ``nlp.pipe(n_process=N)``: spaCy's multiprocessing sends Docs back
through ``Doc.to_bytes``, and our Doc extensions hold Python objects (actor mentions) that it
does not serialise; a pool of processes that each load the pipeline once and return plain
records has no such limit. Processes are spawned, not forked, because the parent may already
run threads (the progress bar) that a fork would copy mid-lock.
"""
from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from itertools import islice

from flashpoint.errors import ExtractionError
from flashpoint.ingest.article import Article
from flashpoint.records import Extraction
from flashpoint.scale.worker import extract_articles, warm_up
from flashpoint.settings import Settings

#: Chunks queued per worker: enough to keep every worker busy, few enough that memory stays
#: flat however many articles stream in.
CHUNKS_PER_WORKER = 2


def _chunks(articles: Iterable[Article], size: int) -> Iterator[list[Article]]:
    iterator = iter(articles)
    while chunk := list(islice(iterator, size)):
        yield chunk


def extract_parallel(articles: Iterable[Article], settings: Settings,
                     workers: int) -> Iterator[Extraction | ExtractionError]:
    """The extractions of ``articles`` in input order, computed by ``workers`` processes.

    Chunks of ``settings.batch_size`` articles go to the workers; at most
    ``CHUNKS_PER_WORKER * workers`` are in flight, and results are yielded in order.
    """
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=warm_up,
                             initargs=(settings,)) as pool:
        pending: deque[Future[list[Extraction | ExtractionError]]] = deque()
        for chunk in _chunks(articles, settings.batch_size):
            pending.append(pool.submit(extract_articles, chunk, settings))
            if len(pending) >= CHUNKS_PER_WORKER * workers:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
