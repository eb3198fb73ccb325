"""Rules of waste-garden-subscription: dates in order, a status the dates allow, no card data."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta

from lgstandards.rules.base import Hit, RecordContext, Rule
from lgstandards.rules.waste.authorities import publisher_authority_prefix
from lgstandards.rules.waste.shared import (
    NONE,
    card_number_hits,
    instant,
    list_of,
    make_rule,
    out_of_order,
    top_date,
)

#: Some systems record a request only once it is paid for, a little after the payment: a
#: payment is out of order only when it comes more than a day before.
_PAYMENT_SLACK = timedelta(days=1)


def dates_out_of_order(ctx: RecordContext) -> Sequence[Hit]:
    """Report a period that ends before it starts, and a change recorded before the request."""
    record = ctx.record
    if type(record) is not dict:
        return NONE
    hits: list[Hit] = []
    start, end = top_date(ctx, "start_date"), top_date(ctx, "end_date")
    if start is not None and end is not None and end < start:
        hits.append(out_of_order("/end_date", "end date", end, "start date", start))
    created = instant(ctx, record, "created_at", "/created_at")
    if created is None:
        return hits or NONE
    for key, what in (("cancelled_at", "cancellation"), ("updated_at", "last update")):
        when = instant(ctx, record, key, f"/{key}")
        if when is not None and when < created:
            hits.append(out_of_order(f"/{key}", what, record[key],
                                     "request for the subscription", record["created_at"]))
    # A transferred subscription keeps the payments made at the old property, before it moved.
    if record.get("kind") != "transfer":
        for index, payment in enumerate(list_of(record, "payments")):
            pointer = f"/payments/{index}/paid_at"
            when = instant(ctx, payment, "paid_at", pointer)
            if when is not None and when < created - _PAYMENT_SLACK:
                hits.append(out_of_order(pointer, "payment", payment["paid_at"],
                                         "request for the subscription", record["created_at"]))
    return hits or NONE


def status_disagrees(ctx: RecordContext) -> Sequence[Hit]:
    """Report an active subscription whose period had ended, or an expired one still running."""
    record = ctx.record
    status = record.get("status") if type(record) is dict else None
    end, updated = top_date(ctx, "end_date"), top_date(ctx, "updated_at")
    if end is None or updated is None or (ctx.rejected and ctx.is_rejected("/status")):
        return NONE
    if status == "active" and end < updated:
        return (Hit(
            "/status",
            f"The subscription is active, but its period ended on {end}, before the record was "
            f"updated on {updated}; an unrenewed subscription has expired.",
            status,
        ),)
    if status == "expired" and end >= updated:
        return (Hit(
            "/status",
            f"The subscription has expired, but its period runs until {end}, after the record "
            f"was updated on {updated}; a subscription ended early is cancelled.",
            status,
        ),)
    return NONE


def card_numbers(ctx: RecordContext) -> Sequence[Hit]:
    """Report payment references and notes that hold a card number."""
    record = ctx.record
    places = [(f"/payments/{index}/reference", payment.get("reference"))
              for index, payment in enumerate(list_of(record, "payments"))
              if type(payment) is dict]
    if type(record) is dict:
        places.append(("/concession", record.get("concession")))
    return card_number_hits(ctx, places)


GARDEN_SUBSCRIPTION_RULES: tuple[Rule, ...] = (
    make_rule("waste.dates-out-of-order", dates_out_of_order),
    make_rule("waste.status-disagrees", status_disagrees),
    make_rule("waste.card-number", card_numbers),
    make_rule("waste.authority-prefix", publisher_authority_prefix),
)
