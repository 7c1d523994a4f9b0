"""Scale-out extraction: a process pool on one machine, a Dask cluster for backfills.

``worker`` runs the pipeline in a worker process (loaded once per process); ``pool`` spreads
articles over local processes (``--workers N``); ``partition`` splits input files into
balanced partitions; ``dataset`` writes and reads the partitioned Parquet dataset; ``cluster``
runs the partitions on Dask (``--dask``). Dask is an optional extra (``flashpoint[scale]``)
and is imported only by ``cluster``.
"""
from __future__ import annotations

from flashpoint.scale.dataset import dataset_partitions, write_partition
from flashpoint.scale.pool import extract_parallel

__all__ = ["dataset_partitions", "extract_parallel", "write_partition"]
