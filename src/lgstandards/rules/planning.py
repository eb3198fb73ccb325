"""Rules beyond the schema for `planning-application-register`: dates, status, uniqueness, places.

Each rule is a plain function over one record (or, for uniqueness, a factory of a stateful
function over a file). They run on every record, so they read the record's dicts directly, do no
JSON Pointer parsing, and compare dates as YYYY-MM-DD strings, whose order is the dates' order.
A date or field the schema rejected is skipped: the schema finding already says what is wrong.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from lgstandards.findings import Severity
from lgstandards.rules.base import Across, Hit, RecordContext, Rule

_NONE: tuple[Hit, ...] = ()

#: A bounding box around the United Kingdom in WGS84, from St Kilda to Lowestoft and from the
#: Isles of Scilly to Shetland, with a little room. It is a box, so it also holds some sea and
#: the nearest parts of Ireland and France; it catches swapped, zeroed and foreign coordinates.
UK_BOUNDS = (-8.7, 49.8, 1.8, 60.9)
_WEST, _SOUTH, _EAST, _NORTH = UK_BOUNDS


# -- dates -----------------------------------------------------------------------------------------

_LABELS = {
    "/received_date": "received date",
    "/valid_date": "valid date",
    "/target_decision_date": "target decision date",
    "/withdrawn_date": "withdrawn date",
    "/decision/decision_date": "decision date",
    "/consultation/start_date": "consultation start date",
    "/consultation/end_date": "consultation end date",
    "/appeal/lodged_date": "appeal lodged date",
    "/appeal/decision_date": "appeal decision date",
}


def _order_hit(later: str, later_value: str, earlier: str, earlier_value: str, why: str) -> Hit:
    """Describe a date that comes before one it must follow."""
    return Hit(
        later,
        f"The {_LABELS[later]} {later_value} is before the {_LABELS[earlier]} {earlier_value}; "
        f"{why}",
        later_value,
    )


#: The dates the date rules read, in the order `_dates` returns them.
_DATE_POINTERS = (
    "/received_date", "/valid_date", "/target_decision_date", "/withdrawn_date",
    "/decision/decision_date", "/consultation/start_date", "/consultation/end_date",
    "/appeal/lodged_date", "/appeal/decision_date",
)
_EMPTY: dict[str, Any] = {}


def _dates(ctx: RecordContext) -> list[Any] | None:
    """Return the record's nine dates in `_DATE_POINTERS` order, None where unusable."""
    record = ctx.record
    if type(record) is not dict:
        return None
    get = record.get
    decision, consultation, appeal = get("decision"), get("consultation"), get("appeal")
    # One flat read of every date: the two date rules cost a few hundred nanoseconds a record.
    if type(decision) is not dict:
        decision = _EMPTY
    if type(consultation) is not dict:
        consultation = _EMPTY
    if type(appeal) is not dict:
        appeal = _EMPTY
    values = [
        value if type(value) is str else None
        for value in (
            get("received_date"), get("valid_date"), get("target_decision_date"),
            get("withdrawn_date"), decision.get("decision_date"),
            consultation.get("start_date"), consultation.get("end_date"),
            appeal.get("lodged_date"), appeal.get("decision_date"),
        )
    ]
    if ctx.rejected:
        # Only records that failed the schema pay for this; a rejected date is not judged.
        for index, value in enumerate(values):
            if value is not None and ctx.is_rejected(_DATE_POINTERS[index]):
                values[index] = None
    return values


def date_scan(ctx: RecordContext) -> dict[str, Sequence[Hit]]:
    """Read the record's dates once for both date rules; return their hits by code."""
    dates = _dates(ctx)
    if dates is None:
        return {}
    found: dict[str, Sequence[Hit]] = {}
    order = _out_of_order(dates)
    if order:
        found["planning.dates-out-of-order"] = order
    future = _in_future(ctx, dates)
    if future:
        found["planning.date-in-future"] = future
    return found


def _out_of_order(dates: list[Any]) -> Sequence[Hit]:
    """Report dates that run backwards: received, valid, decided; consultation; appeal."""
    received, valid, target, withdrawn, decided, opens, closes, lodged, closed = dates
    hits: list[Hit] = []
    if valid and received and valid < received:
        hits.append(_order_hit("/valid_date", valid, "/received_date", received,
                               "an application cannot be valid before it is received."))
    # Later dates are compared with the valid date when there is one, else the received date.
    start, start_ptr = (valid, "/valid_date") if valid else (received, "/received_date")
    if start and target and target < start:
        hits.append(_order_hit("/target_decision_date", target, start_ptr, start,
                               "the target runs from the day the application is valid."))
    if received and withdrawn and withdrawn < received:
        hits.append(_order_hit("/withdrawn_date", withdrawn, "/received_date", received,
                               "an application cannot be withdrawn before it is received."))
    if start and decided and decided < start:
        hits.append(_order_hit("/decision/decision_date", decided, start_ptr, start,
                               "an application is decided after it is received and valid."))
    if opens and closes and closes < opens:
        hits.append(_order_hit("/consultation/end_date", closes, "/consultation/start_date",
                               opens, "a consultation ends on or after the day it starts."))
    if lodged and decided and lodged < decided:
        hits.append(_order_hit("/appeal/lodged_date", lodged, "/decision/decision_date",
                               decided, "an appeal against a decision follows it."))
    if lodged and closed and closed < lodged:
        hits.append(_order_hit("/appeal/decision_date", closed, "/appeal/lodged_date", lodged,
                               "an appeal is decided after it is lodged."))
    return hits or _NONE


#: Dates of things that have happened, by index in `_dates`; a target or consultation may be ahead.
_PAST = (0, 1, 3, 4, 7, 8)


def _in_future(ctx: RecordContext, dates: list[Any]) -> Sequence[Hit]:
    """Report dates of past events (received, valid, decided ...) that lie after today."""
    today = ctx.options.today
    if today is None:
        return _NONE
    now = today.isoformat()
    hits: list[Hit] = []
    for index in _PAST:
        value = dates[index]
        if value and value > now:
            pointer = _DATE_POINTERS[index]
            hits.append(Hit(
                pointer,
                f"The {_LABELS[pointer]} {value} is after today ({now}); it records something "
                "that has happened, so it cannot be in the future.",
                value,
            ))
    return hits or _NONE


# -- status ----------------------------------------------------------------------------------------

_DECIDED = frozenset({"determined", "appealed"})


def _status(ctx: RecordContext) -> str | None:
    """Return the record's status if it is one the schema accepted."""
    record = ctx.record
    status = record.get("status") if type(record) is dict else None
    if type(status) is not str or (ctx.rejected and ctx.is_rejected("/status")):
        return None
    return status


def decision_without_determination(ctx: RecordContext) -> Sequence[Hit]:
    """Report a decision on a record whose status says it is undecided, withdrawn or returned."""
    record = ctx.record
    if type(record) is not dict or "decision" not in record:
        return _NONE
    status = _status(ctx)
    if status is None or status in _DECIDED:
        return _NONE
    why = {
        "withdrawn": "a withdrawn application was never decided",
        "returned": "a returned application was never decided",
    }.get(status, "an application with a decision is 'determined' (or 'appealed')")
    return (Hit(
        "/decision",
        f"The status is {status!r} but the record has a decision; {why}. Correct the status or "
        "remove the decision.",
        status,
    ),)


def withdrawn_date_without_withdrawal(ctx: RecordContext) -> Sequence[Hit]:
    """Report a withdrawn date on a record whose status is not 'withdrawn'."""
    record = ctx.record
    if type(record) is not dict or "withdrawn_date" not in record:
        return _NONE
    status = _status(ctx)
    if status is None or status == "withdrawn":
        return _NONE
    return (Hit(
        "/withdrawn_date",
        f"The record has a withdrawn date but its status is {status!r}; set the status to "
        "'withdrawn' or remove the withdrawn date.",
        record["withdrawn_date"] if type(record["withdrawn_date"]) is str else None,
    ),)


def appeal_without_appealed_status(ctx: RecordContext) -> Sequence[Hit]:
    """Report an appeal on a record whose status is not 'appealed'."""
    record = ctx.record
    if type(record) is not dict or "appeal" not in record:
        return _NONE
    status = _status(ctx)
    if status is None or status == "appealed":
        return _NONE
    return (Hit(
        "/appeal",
        f"The record has an appeal but its status is {status!r}; an application with an appeal "
        "is 'appealed' (the appeal's outcome says how it ended).",
        status,
    ),)


# -- uniqueness ------------------------------------------------------------------------------------


def _reference_key(ctx: RecordContext) -> tuple[str, int, Any] | None:
    """Return a record's authority and reference as one key, and both as written."""
    record = ctx.record
    if type(record) is not dict:
        return None
    reference = record.get("reference")
    if type(reference) is not str or (ctx.rejected and ctx.is_rejected("/reference")):
        return None
    organisation = record.get("organisation")
    owner = organisation.get("organisation") if type(organisation) is dict else None
    if type(owner) is not str:
        owner = ""
    # Keys are one string, not a tuple: a national file has millions, and strings are smaller.
    return owner + "\x00" + reference, 0, (reference, owner)


def _reference_judge(shown: Any, fingerprint: int, before: int, first: int) -> Hit | None:
    """Report a reference already used by the `first` record of the file."""
    reference, owner = shown
    whose = f" of {owner}" if owner else ""
    # Rules do not know the source, and a bare "record 2" reads as row 2 in a spreadsheet,
    # where it is row 3: an ordinal counts records without looking like a row number.
    return Hit(
        "/reference",
        f"The reference {reference!r}{whose} is already used earlier in this file, by its "
        f"{ordinal(first)} record; each application has its own reference within its "
        "planning authority.",
        reference,
    )


#: A reference used twice by one planning authority in a file.
REFERENCE_NOT_UNIQUE = Across(_reference_key, _reference_judge)


def ordinal(number: int) -> str:
    """Return 1st, 2nd, 3rd, 11th, 22nd, with thousands separated: 1,001st."""
    if number % 100 in (11, 12, 13):
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number:,}{suffix}"


# -- geometry --------------------------------------------------------------------------------------


def _outside(position: Any) -> bool:
    """Return whether a position of numbers lies outside the UK's box."""
    lon, lat = position[0], position[1]
    return not (_WEST <= lon <= _EAST and _SOUTH <= lat <= _NORTH)


_NUMBERS = (int, float)


def _is_position(value: Any) -> bool:
    """Return whether a value is a list starting with two numbers."""
    return (
        type(value) is list and len(value) >= 2
        and type(value[0]) in (int, float) and type(value[1]) in (int, float)
    )


def _rings(geometry: dict[str, Any]) -> list[tuple[str, list[Any]]]:
    """Return (pointer suffix, ring) for each linear ring of a Polygon or MultiPolygon."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if type(coordinates) is not list:
        return []
    polygons: list[tuple[str, Any]]
    if kind == "Polygon":
        polygons = [("", coordinates)]
    elif kind == "MultiPolygon":
        polygons = [(f"/{i}", polygon) for i, polygon in enumerate(coordinates)]
    else:
        return []
    return [
        (f"{prefix}/{j}", ring)
        for prefix, polygon in polygons if type(polygon) is list
        for j, ring in enumerate(polygon) if type(ring) is list
    ]


def _polygons(geometry: dict[str, Any]) -> list[Any]:
    """Return the polygons of a Polygon or MultiPolygon (none for another kind or bad shape)."""
    kind, coordinates = geometry.get("type"), geometry.get("coordinates")
    if type(coordinates) is not list:
        return []
    if kind == "Polygon":
        return [coordinates]
    return coordinates if kind == "MultiPolygon" else []


def _all_closed(geometry: dict[str, Any]) -> bool:
    """Return whether every ring of a Polygon or MultiPolygon is closed, as `_rings` finds them."""
    # No pointers are built: they are needed only for a ring that is open.
    for polygon in _polygons(geometry):
        if type(polygon) is list:
            for ring in polygon:
                if (
                    type(ring) is list and len(ring) >= 2 and _is_position(ring[0])
                    and ring[0] != ring[-1]
                ):
                    return False
    return True


def ring_not_closed(ctx: RecordContext) -> Sequence[Hit]:
    """Report a boundary ring whose last position is not its first."""
    record = ctx.record
    site = record.get("site") if type(record) is dict else None
    geometry = site.get("geometry") if type(site) is dict else None
    if type(geometry) is not dict or _all_closed(geometry):
        return _NONE
    hits: list[Hit] = []
    for suffix, ring in _rings(geometry):
        if len(ring) >= 2 and _is_position(ring[0]) and ring[0] != ring[-1]:
            hits.append(Hit(
                "/site/geometry/coordinates" + suffix,
                f"This boundary ring starts at {ring[0]} but ends at {ring[-1]}; a GeoJSON ring "
                "is closed, so repeat the first position at the end.",
            ))
    return hits or _NONE


def _place_hit(pointer: str, position: list[Any], others: int) -> Hit:
    """Describe a position outside the UK, spotting swapped longitude and latitude."""
    lon, lat = position[0], position[1]
    if _WEST <= lat <= _EAST and _SOUTH <= lon <= _NORTH:
        why = "longitude and latitude look swapped: GeoJSON writes [longitude, latitude]."
    elif lon == 0 and lat == 0:
        why = "[0, 0] is a placeholder, not a place; leave the field out if it is unknown."
    elif _WEST <= -lon <= _EAST and _SOUTH <= lat <= _NORTH:
        why = "the longitude's sign looks wrong: places west of Greenwich are negative."
    else:
        why = ("positions are WGS84 degrees [longitude, latitude]; convert grid references "
               "(eastings and northings) first.")
    more = f" ({others} more positions of this geometry are outside too)" if others else ""
    return Hit(
        pointer,
        f"[{lon}, {lat}] is outside the United Kingdom{more}; {why}",
        None,
    )


def _inside(geometry: dict[str, Any]) -> bool:
    """Return whether no position of a boundary's rings is outside the UK's box."""
    # Pointers and counts are worked out only for a boundary with a position outside.
    for polygon in _polygons(geometry):
        if type(polygon) is list:
            for ring in polygon:
                if type(ring) is list:
                    for position in ring:
                        if _is_position(position) and _outside(position):
                            return False
    return True


def outside_uk(ctx: RecordContext) -> Sequence[Hit]:
    """Report a site point or boundary that lies outside the UK's bounding box."""
    record = ctx.record
    site = record.get("site") if type(record) is dict else None
    if type(site) is not dict:
        return _NONE
    point = site.get("point")
    geometry = site.get("geometry")
    # The usual site: a point inside the box, and no boundary or one wholly inside it.
    if type(point) is list and len(point) >= 2:
        lon, lat = point[0], point[1]
        point_inside = (
            type(lon) in _NUMBERS and type(lat) in _NUMBERS
            and _WEST <= lon <= _EAST and _SOUTH <= lat <= _NORTH
        )
    else:
        point_inside = True
    if point_inside and (
        type(geometry) is not dict
        or (geometry.get("type") != "Point" and _inside(geometry))
    ):
        return _NONE
    hits: list[Hit] = []
    if point is not None and _is_position(point) and _outside(point):
        hits.append(_place_hit("/site/point", point, 0))
    if type(geometry) is dict:
        if geometry.get("type") == "Point":
            where = geometry.get("coordinates")
            if where is not None and _is_position(where) and _outside(where):
                hits.append(_place_hit("/site/geometry/coordinates", where, 0))
        else:
            # One finding per geometry: a boundary has hundreds of positions, all wrong together.
            outside = [
                (f"/site/geometry/coordinates{suffix}/{k}", position)
                for suffix, ring in _rings(geometry)
                for k, position in enumerate(ring)
                if _is_position(position) and _outside(position)
            ]
            if outside:
                pointer, position = outside[0]
                hits.append(_place_hit(pointer, position, len(outside) - 1))
    return hits or _NONE


# -- UPRNs -----------------------------------------------------------------------------------------


def _uprns(ctx: RecordContext) -> list[Any] | None:
    """Return the site's UPRN list, or None when there is none."""
    record = ctx.record
    site = record.get("site") if type(record) is dict else None
    uprns = site.get("uprns") if type(site) is dict else None
    return uprns if type(uprns) is list else None


def uprn_zero(ctx: RecordContext) -> Sequence[Hit]:
    """Report a UPRN of only zeros, which no property has."""
    uprns = _uprns(ctx)
    if not uprns:
        return _NONE
    hits = [
        Hit(f"/site/uprns/{i}",
            f"UPRN {uprn!r} is all zeros, which is no property's UPRN (they start at 1); "
            "remove it, or find the property's real UPRN.",
            uprn)
        for i, uprn in enumerate(uprns)
        if type(uprn) is str and uprn and not uprn.strip("0")
    ]
    return hits or _NONE


def uprn_repeated(ctx: RecordContext) -> Sequence[Hit]:
    """Report a UPRN listed twice for one site, written with different leading zeros."""
    uprns = _uprns(ctx)
    if not uprns or len(uprns) < 2:
        return _NONE
    first: dict[str, int] = {}
    hits: list[Hit] = []
    for i, uprn in enumerate(uprns):
        if type(uprn) is not str or not uprn.isdigit():
            continue
        number = uprn.lstrip("0")
        if number in first:
            hits.append(Hit(
                f"/site/uprns/{i}",
                f"UPRN {uprn!r} is the same property as {uprns[first[number]]!r} "
                f"(item {first[number] + 1}): leading zeros do not make a different UPRN. "
                "List each property once.",
                uprn,
            ))
        else:
            first[number] = i
    return hits or _NONE


RULES: tuple[Rule, ...] = (
    Rule(
        "planning.dates-out-of-order", Severity.ERROR, "Dates out of order",
        "Correct the date the message names: received on or before valid, valid on or before "
        "the target and the decision, consultation ending on or after it starts, an appeal "
        "lodged after the decision and decided after it is lodged.",
        scan=date_scan,
    ),
    Rule(
        "planning.date-in-future", Severity.WARNING, "Date of a past event is in the future",
        "Check the date: received, valid, withdrawn, decision and appeal dates record events "
        "that have happened. Pass --today when checking data as of another day.",
        scan=date_scan,
    ),
    Rule(
        "planning.decision-without-determination", Severity.ERROR,
        "Decision on an application that is not decided",
        "Set the status to 'determined' (or 'appealed') if the application was decided; "
        "otherwise remove the decision.",
        check=decision_without_determination,
    ),
    Rule(
        "planning.withdrawn-date-without-withdrawal", Severity.ERROR,
        "Withdrawn date on an application that is not withdrawn",
        "Set the status to 'withdrawn' if the applicant withdrew it; otherwise remove the "
        "withdrawn date.",
        check=withdrawn_date_without_withdrawal,
    ),
    Rule(
        "planning.appeal-without-appealed-status", Severity.ERROR,
        "Appeal on an application whose status is not 'appealed'",
        "Set the status to 'appealed' when there is an appeal, even once it is decided; "
        "otherwise remove the appeal.",
        check=appeal_without_appealed_status,
    ),
    Rule(
        "planning.reference-not-unique", Severity.ERROR,
        "Reference used twice by one planning authority",
        "Give each application its own reference; if the rows are one application, merge them.",
        across=REFERENCE_NOT_UNIQUE,
    ),
    Rule(
        "planning.ring-not-closed", Severity.ERROR, "Boundary ring not closed",
        "End each ring of the boundary with the same position it starts with.",
        check=ring_not_closed,
    ),
    Rule(
        "planning.outside-uk", Severity.ERROR, "Site outside the United Kingdom",
        "Give WGS84 [longitude, latitude] in degrees: check for swapped values, a lost minus "
        "sign, a [0, 0] placeholder or grid references not yet converted.",
        check=outside_uk,
    ),
    Rule(
        "planning.uprn-zero", Severity.ERROR, "Placeholder UPRN of only zeros",
        "Remove the placeholder UPRN, or replace it with the property's real UPRN.",
        check=uprn_zero,
    ),
    Rule(
        "planning.uprn-repeated", Severity.ERROR, "Same UPRN twice in one site",
        "List each property once: '000000199356' and '199356' are the same UPRN.",
        check=uprn_repeated,
    ),
)
