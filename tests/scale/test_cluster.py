"""--dask: a real LocalCluster of two worker processes gives the single-process records."""
from __future__ import annotations

import gc
import os
from pathlib import Path

import dask
from dask.distributed import Client, LocalCluster

from flashpoint.records import Extraction
from flashpoint.scale import dataset_partitions
from flashpoint.scale.cluster import extract_to_dataset
from flashpoint.scale.worker import warm_up
from tests.scale.conftest import SMALL_BATCHES, records


def test_local_cluster_gives_the_same_records(cluster: LocalCluster, input_paths: list[str],
                                              single_process: list[Extraction], tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    with Client(cluster) as client:
        results = extract_to_dataset(input_paths + [str(tmp_path / "missing.txt")], out, client, SMALL_BATCHES)
        workers_used = client.run(lambda: True)
    assert len(workers_used) == 2
    assert results[0].name == "inputs" and "missing.txt" in str(results[0].errors[0])
    parts = results[1:]
    assert len(parts) > 1 and len(list((out / "events").glob("*.parquet"))) == len(parts)
    assert sum(p.articles for p in parts) == len(single_process)
    assert records([x for part in dataset_partitions(out) for x in part]) == records(single_process)


def test_local_cluster_workers_run_the_pipeline_as_a_plain_process_does(cluster: LocalCluster) -> None:
    """No MALLOC_TRIM_THRESHOLD_ (it cost a worker ~20% more CPU per article), no profiler, and
    the loaded pipeline frozen out of the collector's way (see ``scale.cluster``, ``scale.worker``)."""
    with Client(cluster) as client:
        client.run(warm_up, SMALL_BATCHES)
        states = client.run(lambda: (os.environ.get("MALLOC_TRIM_THRESHOLD_"),
                                     dask.config.get("distributed.worker.profile.enabled"),
                                     gc.get_freeze_count() > 0))
    assert list(states.values()) == [(None, False, True)] * 2
