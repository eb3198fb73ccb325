"""`waste-property-schedule` 1.x to 2.0.0: one rule becomes one dated schedule, one stream a list.

Each 1.x service's `frequency`, `schedule_start_date` and `schedule_description` become the one
schedule in its `schedules` list (1.x judged a rule from its start date on, as 2.0.0 judges a
schedule from its first collection); its `stream` becomes `streams`, with the 1.x composite codes
written as the streams they stood for. Identifiers and councils are upgraded as `common` 2.0.0
writes them. Collections and container types keep their shape.
"""

from __future__ import annotations

import copy
from collections.abc import Mapping
from typing import Any

from lgstandards.development.migrations._waste_streams import streams_of
from lgstandards.development.migrations.common import (
    upgrade_address,
    upgrade_council,
    upgrade_uprn,
    upgrade_usrn,
)
from lgstandards.development.upgrade import Migration, Upgraded, UpgradeNote

#: The longest service description 2.0.0 allows.
_DESCRIPTION_LIMIT = 2000


def migrate(record: Mapping[str, Any]) -> Upgraded:
    """Return a 1.x property schedule as 2.0.0 writes it, noting what was changed or lost."""
    # A deep copy first, so the upgraded record shares nothing the caller might change later.
    out: dict[str, Any] = copy.deepcopy(dict(record))
    notes: list[UpgradeNote] = []
    if "publisher" in out:
        out["publisher"], found = upgrade_council(out["publisher"], "/publisher")
        notes.extend(found)
    place = out.get("property")
    if isinstance(place, dict):
        for key, upgrade in (("uprn", upgrade_uprn), ("usrn", upgrade_usrn),
                             ("address", upgrade_address),
                             ("collection_authority", upgrade_council),
                             ("disposal_authority", upgrade_council)):
            if key in place:
                place[key], found = upgrade(place[key], f"/property/{key}")
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
    """Return one 1.x service as 2.0.0 writes it, keeping its keys' order where they remain."""
    if not isinstance(service, dict):
        return service
    schedule: dict[str, Any] = {}
    for old, new in (("frequency", "frequency"), ("schedule_start_date", "start_date"),
                     ("schedule_description", "description")):
        if old in service:
            schedule[new] = service[old]
    result: dict[str, Any] = {}
    for key, value in service.items():
        if key == "stream":
            result["streams"], found = streams_of(value, f"{pointer}/streams")
            notes.extend(found)
        elif key in ("frequency", "schedule_start_date", "schedule_description"):
            if "schedules" not in result and "frequency" in schedule:
                result["schedules"] = [schedule]
        else:
            result[key] = value
    if "frequency" not in schedule and "description" in schedule:
        _keep_description(result, schedule["description"], pointer, notes)
    if "frequency" not in schedule and "start_date" in schedule:
        notes.append(UpgradeNote(
            pointer,
            f"The schedule start date {schedule['start_date']!r} of a service without a "
            "frequency was dropped: in 2.0.0 a start date belongs to a schedule's rule.",
            lossy=True,
        ))
    return result


def _keep_description(service: dict[str, Any], words: Any, pointer: str,
                      notes: list[UpgradeNote]) -> None:
    """Keep a schedule description of a service with no rule (booked on demand) in its description.

    2.0.0 describes a schedule beside its rule; a service without one has no schedule to hold it.
    """
    current = service.get("description")
    joined = words if current is None else f"{current} {words}"
    if isinstance(words, str) and isinstance(joined, str) and len(joined) <= _DESCRIPTION_LIMIT:
        service["description"] = joined
        notes.append(UpgradeNote(
            f"{pointer}/description",
            f"The schedule description {words!r} of a service without a frequency is kept in "
            "the service's description, since 2.0.0 describes schedules beside their rules.",
        ))
        return
    notes.append(UpgradeNote(
        pointer,
        f"The schedule description {words!r} of a service without a frequency was dropped: "
        "2.0.0 describes schedules beside their rules, and the service's description has no "
        "room for it.",
        lossy=True,
    ))


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        standard="waste-property-schedule",
        from_major=1,
        to_major=2,
        summary=(
            "Each service's frequency, schedule start date and schedule description become its "
            "one dated schedule; its stream becomes a list of streams (plastics_cans and "
            "food_garden as the streams they stood for); UPRNs, USRNs, postcodes and councils "
            "are written as common 2.0.0 writes them."
        ),
        migrate=migrate,
    ),
)
