"""Rules of missed collection reports and bulky waste bookings: dates and the publisher."""

from __future__ import annotations

from collections.abc import Sequence

from lgstandards.rules.base import Hit, RecordContext, Rule
from lgstandards.rules.waste.authorities import publisher_authority_prefix
from lgstandards.rules.waste.shared import (
    LATE_REPORT_DAYS,
    NONE,
    days_between,
    implausible_hits,
    is_rejected,
    make_rule,
    top_date,
)


def reported_before_collection(ctx: RecordContext) -> Sequence[Hit]:
    """Report a missed collection reported before the day the collection was due."""
    due = top_date(ctx, "collection_date")
    reported = top_date(ctx, "reported_at")
    if due is None or reported is None or reported >= due:
        return NONE
    return (Hit(
        "/reported_at",
        f"The report was made on {reported}, before the collection was due on {due}; a "
        "collection can be reported missed only from its day. Check both dates.",
        reported,
    ),)


def late_report(ctx: RecordContext) -> Sequence[Hit]:
    """Report a missed collection reported more than LATE_REPORT_DAYS days after it was due."""
    due = top_date(ctx, "collection_date")
    reported = top_date(ctx, "reported_at")
    if due is None or reported is None or reported <= due:
        return NONE
    try:
        late = days_between(due, reported)
    except ValueError:
        return NONE
    if late <= LATE_REPORT_DAYS:
        return NONE
    return (Hit(
        "/collection_date",
        f"The collection was due on {due} but reported missed {late} days later, on "
        f"{reported}; councils take reports for a few days after a collection, so check the "
        "collection date.",
        due,
    ),)


def implausible_report_date(ctx: RecordContext) -> Sequence[Hit]:
    """Report a missed collection's date implausibly far from today."""
    record = ctx.record
    value = record.get("collection_date") if type(record) is dict else None
    return implausible_hits(ctx, "/collection_date", value, "collection date")


def slot_before_booking(ctx: RecordContext) -> Sequence[Hit]:
    """Report a bulky waste slot on a day before the booking was made."""
    booked = top_date(ctx, "booked_at")
    record = ctx.record
    slot = record.get("slot") if type(record) is dict else None
    day = slot.get("date") if type(slot) is dict else None
    if booked is None or type(day) is not str or day >= booked:
        return NONE
    if ctx.rejected and is_rejected(ctx, "/slot/date"):
        return NONE
    return (Hit(
        "/slot/date",
        f"The slot is on {day}, before the booking was made on {booked}; a collection is booked "
        "ahead of its slot. Check both dates.",
        day,
    ),)


def implausible_slot_date(ctx: RecordContext) -> Sequence[Hit]:
    """Report a bulky waste slot implausibly far from today."""
    record = ctx.record
    slot = record.get("slot") if type(record) is dict else None
    value = slot.get("date") if type(slot) is dict else None
    return implausible_hits(ctx, "/slot/date", value, "slot date")


MISSED_COLLECTION_REPORT_RULES: tuple[Rule, ...] = (
    make_rule("waste.outside-report-window", reported_before_collection),
    make_rule("waste.late-report", late_report),
    make_rule("waste.authority-prefix", publisher_authority_prefix),
    make_rule("waste.implausible-date", implausible_report_date),
)

BULKY_BOOKING_RULES: tuple[Rule, ...] = (
    make_rule("waste.slot-before-booking", slot_before_booking),
    make_rule("waste.authority-prefix", publisher_authority_prefix),
    make_rule("waste.implausible-date", implausible_slot_date),
)
