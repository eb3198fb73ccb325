"""Rules of waste-container-request: dates after the request, real exchanges, no card data."""

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
    """Report a delivery, completion, cancellation, update or payment before the request."""
    record = ctx.record
    if type(record) is not dict:
        return NONE
    requested = instant(ctx, record, "requested_at", "/requested_at")
    if requested is None:
        return NONE
    shown = record["requested_at"]
    hits: list[Hit] = []
    # The delivery date is a day: it may be the day of the request, never one before it.
    delivery, asked = top_date(ctx, "delivery_date"), top_date(ctx, "requested_at")
    if delivery is not None and asked is not None and delivery < asked:
        hits.append(out_of_order("/delivery_date", "delivery date", delivery, "request", shown))
    for key, what in (("completed_at", "completion"), ("cancelled_at", "cancellation"),
                      ("updated_at", "last update")):
        when = instant(ctx, record, key, f"/{key}")
        if when is not None and when < requested:
            hits.append(out_of_order(f"/{key}", what, record[key], "request", shown))
    for index, payment in enumerate(list_of(record, "payments")):
        pointer = f"/payments/{index}/paid_at"
        when = instant(ctx, payment, "paid_at", pointer)
        if when is not None and when < requested - _PAYMENT_SLACK:
            hits.append(out_of_order(pointer, "payment", payment["paid_at"], "request", shown))
    return hits or NONE


def exchange_same_size(ctx: RecordContext) -> Sequence[Hit]:
    """Report an exchange whose new container is the size of the one it replaces."""
    hits: list[Hit] = []
    for index, item in enumerate(list_of(ctx.record, "items")):
        if type(item) is not dict or item.get("action") != "exchange":
            continue
        new, old = item.get("capacity_litres"), item.get("replaces_capacity_litres")
        pointer = f"/items/{index}/capacity_litres"
        if type(new) not in (int, float) or new != old or (
            ctx.rejected and ctx.is_rejected(f"/items/{index}")
        ):
            continue
        hits.append(Hit(
            pointer,
            f"The exchange swaps a {old:g}-litre container for one of the same size; an "
            "exchange is for another size, and a like-for-like swap is a replacement.",
            new,
        ))
    return hits or NONE


def card_numbers(ctx: RecordContext) -> Sequence[Hit]:
    """Report payment references, notes and back-office references that hold a card number."""
    record = ctx.record
    places = [(f"/payments/{index}/reference", payment.get("reference"))
              for index, payment in enumerate(list_of(record, "payments"))
              if type(payment) is dict]
    if type(record) is dict:
        places.extend((f"/{key}", record.get(key))
                      for key in ("note", "external_reference", "refusal_reason"))
    return card_number_hits(ctx, places)


CONTAINER_REQUEST_RULES: tuple[Rule, ...] = (
    make_rule("waste.dates-out-of-order", dates_out_of_order),
    make_rule("waste.exchange-same-size", exchange_same_size),
    make_rule("waste.card-number", card_numbers),
    make_rule("waste.authority-prefix", publisher_authority_prefix),
)
