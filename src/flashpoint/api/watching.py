"""``serve --watch``: the feed watch loop inside the server, in one background thread.

The thread ingests through the server's store with the server's extractor, taking its turn
with ``POST /api/articles`` (one extraction at a time), and the dashboard shows what the watch
brought in as soon as it is stored and grouped. On shutdown the loop is told to stop; an
extraction waiting for its turn gives up, the URL in hand is finished (fetches are bounded by
the policy's timeouts), and the server waits for the thread before closing the store.
"""
from __future__ import annotations

import logging
import threading
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import TYPE_CHECKING

from flashpoint import service
from flashpoint.api.deps import Ingestion
from flashpoint.store import Store

if TYPE_CHECKING:
    from flashpoint.feeds import FetchPolicy

log = logging.getLogger("flashpoint.feeds")


@dataclass(frozen=True)
class Watch:
    """What the server watches: feed URLs, the time between polls (seconds), the fetch limits."""

    feeds: Sequence[str]
    every: float
    policy: FetchPolicy


@contextmanager
def watching(store: Store, ingestion: Ingestion, watch: Watch | None) -> Iterator[threading.Thread | None]:
    """Run the watch loop in a thread while the block runs (nothing when ``watch`` is None)."""
    if watch is None:
        yield None
        return
    stop = threading.Event()

    def loop() -> None:
        try:
            service.watch(store, watch.feeds, ingestion.extractor(stop), every=watch.every, policy=watch.policy,
                          stop=stop)
        except Exception:  # the server keeps serving what is stored; the log says why the watch ended
            log.exception("the feed watch stopped")

    thread = threading.Thread(target=loop, name="flashpoint-watch", daemon=True)
    thread.start()
    try:
        yield thread
    finally:
        stop.set()
        thread.join()
