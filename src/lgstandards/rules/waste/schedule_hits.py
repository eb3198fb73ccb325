"""Hits about one listed collection that every major of the property schedule reports."""

from __future__ import annotations

from typing import Any

from lgstandards.rules.base import Hit

#: Statuses the crew records, so the record says when.
RECORDED = {"completed": "completed", "not_completed": "not completed"}


def moved_to_same_day(index: int, day: str) -> Hit:
    """Describe a collection marked changed whose date equals its original date."""
    return Hit(
        f"/collections/{index}",
        f"The collection is marked changed but its date and original date are both {day}; a "
        "moved collection has a new date. Set the new date, or set changed to false and remove "
        "original_date and change_reason.",
        day,
    )


def unchanged_with_change(index: int, day: Any, original: Any, reason: Any) -> Hit | None:
    """Describe an unchanged collection with a different original date, or a change reason."""
    if type(original) is str and type(day) is str and original != day:
        return Hit(
            f"/collections/{index}",
            f"The collection is marked unchanged (changed: false) but its original date "
            f"{original} differs from its date {day}; a moved collection has changed: true and "
            "a change_reason.",
            original,
        )
    if type(reason) is str:
        return Hit(
            f"/collections/{index}",
            f"The collection is marked unchanged (changed: false) but has the change reason "
            f"{reason!r}; set changed to true with the original date, or remove the reason.",
            reason,
        )
    return None


def without_time(index: int, status: str) -> Hit:
    """Describe a completed or not-completed collection without completed_at."""
    return Hit(
        f"/collections/{index}/completed_at",
        f"The collection is {RECORDED[status]} but has no completed_at; give the time the crew "
        "recorded it, so residents and missed-collection checks can rely on it.",
        status,
    )


def window_closes_early(index: int, until: str, day: str) -> Hit:
    """Describe a missed-report window that closes before the collection's day."""
    return Hit(
        f"/collections/{index}/missed_report_allowed_until",
        f"Missed reports are allowed only until {until}, before the collection's date {day}, so "
        "none could ever be made; the window closes after the collection.",
        until,
    )
