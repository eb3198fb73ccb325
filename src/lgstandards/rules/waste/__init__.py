"""Rules beyond the schema for the waste standards, one module per standard.

Each rule is a plain function over one record (or, for the repeated UPRN, a first-of-each-key
rule across a file), collected into one tuple per standard and major version. They run on every
record of files with millions of them, so they read the record's dicts directly, build JSON
Pointers only for what they report, and compare dates as YYYY-MM-DD strings, whose order is the
dates' order. A value the schema rejected is not judged: its schema finding already says what is
wrong, and nothing is reported twice.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lgstandards.rules.waste.bookings import (
        BULKY_BOOKING_RULES,
        MISSED_COLLECTION_REPORT_RULES,
    )
    from lgstandards.rules.waste.property_schedule_v1 import PROPERTY_SCHEDULE_RULES
    from lgstandards.rules.waste.service_catalogue import SERVICE_CATALOGUE_RULES

__all__ = [
    "BULKY_BOOKING_RULES",
    "MISSED_COLLECTION_REPORT_RULES",
    "PROPERTY_SCHEDULE_RULES",
    "SERVICE_CATALOGUE_RULES",
]

#: The module of each name above: imported on first use, so checking one standard loads its own
#: rules only (start-up time).
_MODULES = {
    "BULKY_BOOKING_RULES": "bookings",
    "MISSED_COLLECTION_REPORT_RULES": "bookings",
    "PROPERTY_SCHEDULE_RULES": "property_schedule_v1",
    "SERVICE_CATALOGUE_RULES": "service_catalogue",
}


def __getattr__(name: str) -> Any:
    """Import a standard's rules from their module on first use."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(f"{__name__}.{module}"), name)
