"""Fixtures the CLI tests borrow: the local feed site (``watch``) and the LocalCluster (``--dask``)."""
from __future__ import annotations

from tests.feeds.conftest import running_sites, site  # noqa: F401 (fixtures)
from tests.scale.conftest import cluster  # noqa: F401 (fixture)
