"""Checking on a Dask cluster, for data one machine cannot check in time (the `dask` extra).

`validate_with_dask(paths_or_bag, standard, client=...)` returns the report one process gives,
finding for finding: files are checked whole or, for large NDJSON files, in blocks cut at line
ends, and the rules that compare records across a file (a UPRN with two schedules, a planning
reference used twice) judge keys shuffled across the cluster, never partition by partition.
Dask is imported only when used; see docs/distributed.md.
"""

from __future__ import annotations

from lgstandards.distributed.blocks import DEFAULT_BLOCKSIZE
from lgstandards.distributed.engine import (
    DaskEngine,
    DaskRunError,
    DaskUnavailableError,
    connect,
    require_dask,
    validate_with_dask,
)

__all__ = [
    "DEFAULT_BLOCKSIZE",
    "DaskEngine",
    "DaskRunError",
    "DaskUnavailableError",
    "connect",
    "require_dask",
    "validate_with_dask",
]
