"""`street-reports-api` 1.x to 2.0.0: a service request needs no change.

2.0.0 accepts everything 1.0.0 did and more (it is major for what API clients may receive, not for
what records may hold), so a 1.x request is already a 2.0.0 request: the migration copies it, and
the upgrade engine rewrites its `$schema`. It exists so that `lgstandards upgrade` can move files
across the major like any other.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from lgstandards.development.upgrade import Migration, Upgraded

__all__ = ["MIGRATIONS", "migrate"]


def migrate(record: Mapping[str, Any]) -> Upgraded:
    """Return a copy of a 1.x service request, which 2.0.0 accepts as it is."""
    return Upgraded(copy.deepcopy(dict(record)))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        standard="street-reports-api",
        from_major=1,
        to_major=2,
        summary="Nothing to change: every 1.x service request is valid under 2.0.0.",
        migrate=migrate,
    ),
)
