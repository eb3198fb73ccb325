"""Every migration shipped with a standard's major versions, listed once.

Each standard with migrations has a module here named after its id with underscores
(`waste_property_schedule.py`) exporting `MIGRATIONS: tuple[Migration, ...]`; add it to `ALL`.
"""

from __future__ import annotations

from lgstandards.development.migrations import planning_application_register
from lgstandards.development.upgrade import Migration

#: Every migration, in no particular order; the upgrade engine chains them by standard and major.
ALL: tuple[Migration, ...] = (
    *planning_application_register.MIGRATIONS,
)
