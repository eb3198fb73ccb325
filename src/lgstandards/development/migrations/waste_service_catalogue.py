"""`waste-service-catalogue` 1.x to 2.0.0: each service's one stream becomes a list of streams.

The 1.x composite codes become the streams they stood for; councils are written as `common`
2.0.0 writes them. Everything else keeps its shape.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from lgstandards.development.migrations._waste_streams import streams_of
from lgstandards.development.migrations.common import upgrade_council
from lgstandards.development.upgrade import Migration, Upgraded, UpgradeNote


def migrate(record: Mapping[str, Any]) -> Upgraded:
    """Return a 1.x service catalogue as 2.0.0 writes it, noting what was changed."""
    # A deep copy first, so the upgraded record shares nothing the caller might change later.
    out: dict[str, Any] = copy.deepcopy(dict(record))
    notes: list[UpgradeNote] = []
    for key in ("publisher", "disposal_authority"):
        if key in out:
            out[key], found = upgrade_council(out[key], f"/{key}")
            notes.extend(found)
    services = out.get("services")
    if isinstance(services, list):
        out["services"] = [
            _service(service, f"/services/{index}", notes)
            for index, service in enumerate(services)
        ]
    for index, kind in enumerate(out.get("container_types") or ()):
        if isinstance(kind, dict) and "streams" in kind:
            where = f"/container_types/{index}/streams"
            kind["streams"], found = streams_of(kind["streams"], where)
            notes.extend(found)
    return Upgraded(out, tuple(notes))


def _service(service: Any, pointer: str, notes: list[UpgradeNote]) -> Any:
    """Return one service with `stream` as `streams`, in the same place among its keys."""
    if not isinstance(service, dict):
        return service
    result: dict[str, Any] = {}
    for key, value in service.items():
        if key == "stream":
            result["streams"], found = streams_of(value, f"{pointer}/streams")
            notes.extend(found)
        else:
            result[key] = value
    return result


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        standard="waste-service-catalogue",
        from_major=1,
        to_major=2,
        summary=(
            "Each service's stream becomes a list of streams (plastics_cans and food_garden as "
            "the streams they stood for); councils are written as common 2.0.0 writes them."
        ),
        migrate=migrate,
    ),
)
