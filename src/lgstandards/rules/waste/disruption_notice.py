"""Rules of waste-disruption-notice: its period in order, changes within it, a true status."""

from __future__ import annotations

from collections.abc import Sequence

from lgstandards.rules.base import Hit, RecordContext, Rule
from lgstandards.rules.waste.authorities import publisher_authority_prefix
from lgstandards.rules.waste.shared import (
    NONE,
    instant,
    is_rejected,
    list_of,
    make_rule,
    out_of_order,
    top_date,
)


def dates_out_of_order(ctx: RecordContext) -> Sequence[Hit]:
    """Report a period out of order, an update before publication, a change outside the period."""
    record = ctx.record
    if type(record) is not dict:
        return NONE
    hits: list[Hit] = []
    start, end = top_date(ctx, "start_date"), top_date(ctx, "end_date")
    if start is not None and end is not None and end < start:
        hits.append(out_of_order("/end_date", "end date", end, "start date", start))
    published = instant(ctx, record, "published_at", "/published_at")
    updated = instant(ctx, record, "updated_at", "/updated_at")
    if published is not None and updated is not None and updated < published:
        hits.append(out_of_order("/updated_at", "last update", record["updated_at"],
                                 "publication", record["published_at"]))
    if start is None:
        return hits or NONE
    for index, change in enumerate(list_of(record, "changes")):
        pointer = f"/changes/{index}/original_date"
        day = change.get("original_date") if type(change) is dict else None
        if type(day) is not str or (ctx.rejected and is_rejected(ctx, pointer)):
            continue
        if day < start or (end is not None and end >= start and day > end):
            period = f"{start} to {end}" if end is not None else f"from {start}"
            hits.append(Hit(
                pointer,
                f"The changed collection day {day} is outside the notice's period ({period}); "
                "widen the period, or move the change to a notice of its own.",
                day,
            ))
    return hits or NONE


def status_disagrees(ctx: RecordContext) -> Sequence[Hit]:
    """Report a status the notice's dates rule out on the day it was last updated."""
    record = ctx.record
    status = record.get("status") if type(record) is dict else None
    start, end = top_date(ctx, "start_date"), top_date(ctx, "end_date")
    as_of = top_date(ctx, "updated_at") or top_date(ctx, "published_at")
    if start is None or as_of is None or (ctx.rejected and ctx.is_rejected("/status")):
        return NONE
    if status == "planned" and start <= as_of:
        why = f"the disruption started on {start}, by the time the notice was updated on {as_of}"
    elif status == "current" and start > as_of:
        why = f"the disruption starts on {start}, after the notice was updated on {as_of}"
    elif status == "current" and end is not None and end < as_of:
        why = f"the disruption ended on {end}, before the notice was updated on {as_of}"
    elif status == "ended" and (end is None or end >= as_of):
        why = (f"the disruption runs until {end}" if end is not None else
               "the notice gives no end date") + f", as of {as_of}"
    else:
        return NONE
    return (Hit(
        "/status",
        f"The notice is {status}, but {why}; give the status the dates say, or correct them.",
        status,
    ),)


DISRUPTION_NOTICE_RULES: tuple[Rule, ...] = (
    make_rule("waste.dates-out-of-order", dates_out_of_order),
    make_rule("waste.status-disagrees", status_disagrees),
    make_rule("waste.authority-prefix", publisher_authority_prefix),
)
