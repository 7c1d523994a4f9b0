"""``--dask``: extraction on a Dask distributed cluster, written as a partitioned Parquet dataset.

The client sends file paths, not texts: each task reads its partition's files, runs the
pipeline (loaded once per worker process, see ``worker``) and writes its part of the dataset
itself, returning only counts and the inputs it could not read. So workers and client must
see the same inputs and output directory (a shared filesystem, the usual set-up of a cluster),
and nothing article-sized travels through the scheduler.
"""
from __future__ import annotations

import math
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import dask
from dask.distributed import Client, LocalCluster
from spacy.language import Language

from flashpoint.errors import ExtractionError, InputError
from flashpoint.extract import extract
from flashpoint.ingest.article import Article
from flashpoint.ingest.readers import files_under, read_inputs
from flashpoint.records import Extraction
from flashpoint.scale.dataset import prepare_dataset_dir, write_partition
from flashpoint.scale.partition import partition_by_size
from flashpoint.scale.worker import pipeline_turn
from flashpoint.settings import Settings

#: Partitions per worker: several, so a slow partition does not leave the other workers idle.
PARTITIONS_PER_WORKER = 4
#: Dask settings of the LocalCluster ``--dask local`` starts, each measured on the backfill
#: bench (bench/bench_backfill.py; README, "Feeds and backfills"):
#:
#: - no ``MALLOC_TRIM_THRESHOLD_`` in the workers' environment. Dask sets it (to 64 KiB) so
#:   that workers hand freed memory back to the OS, but setting it turns off glibc's dynamic
#:   mmap threshold: every allocation over 128 KiB (spaCy's per-batch arrays) is then a fresh
#:   mmap, zeroed page by page. A worker took ~1,070 page faults and 2.4 ms of system time per
#:   article instead of ~25 and 0.2 ms, and ~18 ms of CPU per article instead of ~14.5, the
#:   cost of the same work in a plain process. Without it a worker's peak memory rose by
#:   ~10 MB (483-488 against 473-476 MB at 2,000 articles).
#: - no statistical profiler: it samples every worker's stack 100 times a second for the
#:   dashboard's profile page, which ``--dask local`` never shows (its dashboard gets a
#:   random port, and bokeh is not a dependency); ~0.3 ms of CPU per article per worker, taken
#:   from the cores the extraction runs on.
LOCAL_CLUSTER_CONFIG = {"distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_": None,
                        "distributed.worker.profile.enabled": False}
#: Input bytes per partition at most (about a thousand news articles): enough partitions for
#: a large backfill to spread, and a failed task loses little work.
MAX_PARTITION_BYTES = 4_000_000


@dataclass
class PartitionResult:
    """What one task did (the records themselves are in the dataset)."""

    name: str
    articles: int = 0
    events: int = 0
    quotes: int = 0
    errors: list[InputError] = field(default_factory=list)


@contextmanager
def local_cluster(workers: int) -> Iterator[LocalCluster]:
    """A LocalCluster of ``workers`` processes with one thread each (one pipeline per process,
    see ``worker``) and ``LOCAL_CLUSTER_CONFIG``, for the duration."""
    with dask.config.set(LOCAL_CLUSTER_CONFIG):  # read as the nannies start their workers
        cluster = LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                               dashboard_address=":0")
    with cluster:
        yield cluster


@contextmanager
def dask_client(scheduler: str, workers: int) -> Iterator[Client]:
    """A client of ``scheduler``; ``"local"`` starts a ``local_cluster`` of ``workers``
    processes for the duration."""
    if scheduler != "local":
        with Client(scheduler) as client:
            yield client
        return
    with local_cluster(workers) as cluster, Client(cluster) as client:
        yield client


def extract_partition(name: str, files: Sequence[str], out: str, settings: Settings,
                      date_override: date | None) -> PartitionResult:
    """The task: read ``files``, extract, write partition ``name`` of the dataset at ``out``,
    streaming, so memory does not grow with the partition."""
    result = PartitionResult(name)

    def readable() -> Iterator[Article]:
        for item in read_inputs(files, settings, date_override=date_override):
            if isinstance(item, InputError):
                result.errors.append(item)
            else:
                yield item

    def extracted(nlp: Language) -> Iterator[Extraction]:
        for found in extract(readable(), nlp, settings):
            if isinstance(found, ExtractionError):
                result.errors.append(found)
            else:
                yield found

    with pipeline_turn(settings) as nlp:
        result.articles, result.events, result.quotes = write_partition(Path(out), name, extracted(nlp))
    return result


def input_files(paths: Sequence[str]) -> tuple[list[str], list[InputError]]:
    """The files of ``paths`` (directories walked), and one error per path that is not there."""
    files: list[str] = []
    errors: list[InputError] = []
    for spec in paths:
        if spec == "-":
            errors.append(InputError("E007", "-", reason="stdin cannot be shared with a cluster; give files"))
        elif not Path(spec).exists():
            errors.append(InputError("E007", spec, reason="no such file or directory"))
        else:
            files.extend(str(path) for path in files_under(Path(spec)))
    return files, errors


def extract_to_dataset(paths: Sequence[str], out: Path, client: Client, settings: Settings,
                       date_override: date | None = None) -> list[PartitionResult]:
    """Extract ``paths`` on the cluster into the dataset at ``out``; one result per partition.

    Paths that do not exist are reported as a result named ``inputs`` with their errors.
    """
    files, missing = input_files(paths)
    prepare_dataset_dir(out)
    workers = max(1, len(client.scheduler_info()["workers"]))
    sizes = [os.path.getsize(f) for f in files]
    parts = max(workers * PARTITIONS_PER_WORKER, math.ceil(sum(sizes) / MAX_PARTITION_BYTES))
    groups = partition_by_size(sizes, parts)
    names = [f"part-{index:05d}" for index in range(len(groups))]
    futures = client.map(extract_partition, names, [[files[i] for i in group] for group in groups],
                         out=str(out.resolve()), settings=settings, date_override=date_override,
                         pure=False, retries=1)
    results: list[PartitionResult] = client.gather(futures)
    return ([PartitionResult("inputs", errors=missing)] if missing else []) + results
