"""Every migration shipped with a standard's major versions, listed once.

Each standard with migrations has a module here named after its id with underscores
(`waste_property_schedule.py`) exporting `MIGRATIONS: tuple[Migration, ...]`; add it to `ALL`.
"""

from __future__ import annotations

from lgstandards.development.migrations import (
    common,
    planning_application_register,
    street_reports_api,
    waste_collections_api,
    waste_property_schedule,
    waste_service_catalogue,
)
from lgstandards.development.upgrade import Migration

#: Every migration, in no particular order; the upgrade engine chains them by standard and major.
ALL: tuple[Migration, ...] = (
    *common.MIGRATIONS,
    *street_reports_api.MIGRATIONS,
    *waste_collections_api.MIGRATIONS,
    *waste_property_schedule.MIGRATIONS,
    *waste_service_catalogue.MIGRATIONS,
    *planning_application_register.MIGRATIONS,
)
