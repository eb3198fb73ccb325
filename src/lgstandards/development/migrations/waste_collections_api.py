"""`waste-collections-api` 1.x to 2.0.0: address pages with identifiers as common 2.0.0 writes them.

The API's own record, an address lookup page, keeps its shape in 2.0.0; what 2.0.0 refuses is
identifiers written another way (a UPRN with leading zeros, a postcode in lower case), because it
takes them from `common` 2.0.0. Those are rewritten with `common`'s own upgraders, each rewrite
noted. The privacy changes of 2.0.0 are in its operations, which no record carries.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from lgstandards.development.migrations.common import (
    upgrade_address,
    upgrade_uprn,
    upgrade_usrn,
)
from lgstandards.development.upgrade import Migration, Upgraded, UpgradeNote

__all__ = ["MIGRATIONS", "migrate"]


def migrate(record: Mapping[str, Any]) -> Upgraded:
    """Return a 1.x address lookup page as 2.0.0 writes it, noting each identifier rewritten."""
    # A deep copy first, so the upgraded page shares nothing the caller might change later.
    page = copy.deepcopy(dict(record))
    notes: list[UpgradeNote] = []
    items = page.get("items")
    for index, item in enumerate(items if isinstance(items, list) else []):
        if not isinstance(item, dict):
            continue
        for name, upgrade in (("uprn", upgrade_uprn), ("usrn", upgrade_usrn),
                              ("address", upgrade_address)):
            if name in item:
                item[name], found = upgrade(item[name], f"/items/{index}/{name}")
                notes.extend(found)
    return Upgraded(page, tuple(notes))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        standard="waste-collections-api",
        from_major=1,
        to_major=2,
        summary=(
            "Address lookup pages keep their shape; UPRNs, USRNs and postcodes are written as "
            "common 2.0.0 writes them. 2.0.0's privacy changes are in operations, not records."
        ),
        migrate=migrate,
    ),
)
