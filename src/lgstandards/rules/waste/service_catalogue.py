"""Rules of waste-service-catalogue: references, usual frequencies and authorities."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lgstandards.rules.base import Hit, RecordContext, Rule
from lgstandards.rules.waste.authorities import catalogue_authority_prefix
from lgstandards.rules.waste.recurrence import rule_problem
from lgstandards.rules.waste.shared import (
    NONE,
    ids_of,
    is_rejected,
    list_of,
    make_rule,
    rrule_invalid_hit,
    unknown_container_hit,
    unknown_service_hit,
)


def catalogue_unknown_service(ctx: RecordContext) -> Sequence[Hit]:
    """Report a charge whose service_id names no service in the catalogue."""
    charges = list_of(ctx.record, "charges")
    if not charges:
        return NONE
    known = ids_of(list_of(ctx.record, "services"))
    hits: list[Hit] = []
    for index, charge in enumerate(charges):
        service = charge.get("service_id") if type(charge) is dict else None
        if type(service) is not str or service in known:
            continue
        pointer = f"/charges/{index}/service_id"
        if not (ctx.rejected and is_rejected(ctx, pointer)):
            hits.append(unknown_service_hit(pointer, service))
    return hits or NONE


def catalogue_unknown_container_type(ctx: RecordContext) -> Sequence[Hit]:
    """Report a service or charge naming a container type that the catalogue does not list."""
    record = ctx.record
    known = ids_of(list_of(record, "container_types"))
    places: list[tuple[str, Any]] = []
    for index, service in enumerate(list_of(record, "services")):
        ids = service.get("container_type_ids") if type(service) is dict else None
        if type(ids) is list:
            places.extend(
                (f"/services/{index}/container_type_ids/{position}", value)
                for position, value in enumerate(ids)
            )
    for index, charge in enumerate(list_of(record, "charges")):
        if type(charge) is dict and "container_type_id" in charge:
            places.append((f"/charges/{index}/container_type_id", charge["container_type_id"]))
    hits = [
        unknown_container_hit(pointer, value) for pointer, value in places
        if type(value) is str and value not in known
        and not (ctx.rejected and is_rejected(ctx, pointer))
    ]
    return hits or NONE


def catalogue_rrule_invalid(ctx: RecordContext) -> Sequence[Hit]:
    """Report a usual frequency that breaks RFC 5545 or can never happen."""
    hits: list[Hit] = []
    for index, service in enumerate(list_of(ctx.record, "services")):
        text = service.get("frequency") if type(service) is dict else None
        if type(text) is not str:
            continue
        if ctx.rejected and is_rejected(ctx, f"/services/{index}/frequency"):
            continue
        # A catalogue gives the usual frequency without a start, so only what fails for every
        # start can be judged.
        problem = rule_problem(text)
        if problem is not None:
            hits.append(rrule_invalid_hit(index, text, problem))
    return hits or NONE


SERVICE_CATALOGUE_RULES: tuple[Rule, ...] = (
    make_rule("waste.unknown-service", catalogue_unknown_service),
    make_rule("waste.unknown-container-type", catalogue_unknown_container_type),
    make_rule("waste.rrule-invalid", catalogue_rrule_invalid),
    make_rule("waste.authority-prefix", catalogue_authority_prefix),
)

