"""Rules of waste-property-schedule 1.x: one pass over a schedule finds every rule's hits.

The rules share one pass over the services and collections (`schedule_scan`), so a record's
collections are read once, not once per rule.
"""

from __future__ import annotations

from typing import Any

from lgstandards.rules.base import Hit, RecordContext, Rule
from lgstandards.rules.waste.authorities import schedule_authority_prefix
from lgstandards.rules.waste.recurrence import (
    Series,
    dates_between,
    expand,
    rule_problem,
    series_of,
    weekday_name,
)
from lgstandards.rules.waste.same_property import CONFLICTING_UPRN
from lgstandards.rules.waste.schedule_hits import (
    RECORDED,
    moved_to_same_day,
    unchanged_with_change,
    window_closes_early,
    without_time,
)
from lgstandards.rules.waste.shared import (
    is_rejected,
    list_of,
    make_rule,
    record_window,
    rrule_invalid_hit,
    unknown_container_hit,
    unknown_service_hit,
)


class _Schedule:
    """What one pass over a property schedule found, read by each of its rules."""

    __slots__ = ("hits", "listed", "rules", "unread")

    def __init__(self) -> None:
        """Start empty; most records have no hits, so their lists are made only when needed."""
        #: Hits by rule code.
        self.hits: dict[str, list[Hit]] = {}
        #: Services with a usable rule: id -> (index, rule, start date, series).
        self.rules: dict[str, tuple[int, str, str, Series]] = {}
        #: The day each collection of those services was scheduled for (its original date
        #: when it moved), in listed order: id -> [YYYY-MM-DD].
        self.listed: dict[str, list[str]] = {}
        #: Services with a collection whose scheduled day could not be read.
        self.unread: set[str] = set()

    def add(self, code: str, hit: Hit | None) -> None:
        """Record a hit for the rule with this code (None is ignored)."""
        if hit is not None:
            self.hits.setdefault(code, []).append(hit)


def schedule_scan(ctx: RecordContext) -> dict[str, list[Hit]]:
    """Check a property schedule in one pass: every rule's hits by code (empty when none)."""
    scan = _scan_schedule(ctx)
    if scan.rules:
        disagreements = _rrule_hits(ctx, scan)
        if disagreements:
            scan.hits["waste.rrule-disagrees"] = disagreements
    authority = schedule_authority_prefix(ctx)
    if authority:
        scan.hits["waste.authority-prefix"] = list(authority)
    return scan.hits


def _scan_services(ctx: RecordContext, record: dict[str, Any], out: _Schedule) -> set[str]:
    """Check services' frequencies and container types; return the listed service ids."""
    containers = record.get("container_types")
    container_ids = {
        ident for item in containers if type(item) is dict and type(ident := item.get("id")) is str
    } if type(containers) is list else set()
    services = record.get("services")
    if type(services) is not list:
        return set()
    if not ctx.rejected:
        # The schema accepted the record: each service is an object with a string id, and a
        # frequency comes with its start date.
        for index, service in enumerate(services):
            ids = service.get("container_type_ids")
            if ids and not container_ids.issuperset(ids):
                _unknown_containers(ctx, index, ids, container_ids, out)
            text = service.get("frequency")
            if text is not None:
                series = series_of(text, service["schedule_start_date"])
                if series.problem is None:
                    out.rules[service["id"]] = (index, text, service["schedule_start_date"],
                                                series)
                else:
                    out.add("waste.rrule-invalid", rrule_invalid_hit(index, text, series.problem))
        return {service["id"] for service in services}
    known: set[str] = set()
    for index, service in enumerate(services):
        if type(service) is not dict:
            continue
        sid = service.get("id")
        if type(sid) is str:
            known.add(sid)
        ids = service.get("container_type_ids")
        if type(ids) is list:
            _unknown_containers(ctx, index, ids, container_ids, out)
        text = service.get("frequency")
        if type(text) is not str or is_rejected(ctx, f"/services/{index}/frequency"):
            continue
        start = service.get("schedule_start_date")
        if type(start) is str and not is_rejected(ctx, f"/services/{index}/schedule_start_date"):
            series = series_of(text, start)
            problem = series.problem
            if problem is None and type(sid) is str:
                out.rules[sid] = (index, text, start, series)
        else:
            problem = rule_problem(text)
        if problem is not None:
            out.add("waste.rrule-invalid", rrule_invalid_hit(index, text, problem))
    return known


def _unknown_containers(
    ctx: RecordContext, index: int, ids: list[Any], known: set[Any], out: _Schedule
) -> None:
    """Add a hit for each of a service's container type ids that container_types lacks."""
    for position, value in enumerate(ids):
        if type(value) is not str or value in known:
            continue
        pointer = f"/services/{index}/container_type_ids/{position}"
        if not (ctx.rejected and is_rejected(ctx, pointer)):
            out.add("waste.unknown-container-type", unknown_container_hit(pointer, value))


def _scan_schedule(ctx: RecordContext) -> _Schedule:
    """Read a property schedule's services and collections once, collecting every rule's hits."""
    out = _Schedule()
    record = ctx.record
    if type(record) is not dict:
        return out
    known = _scan_services(ctx, record, out)
    collections = record.get("collections")
    if type(collections) is not list:
        return out
    if ctx.rejected:
        _scan_collections_carefully(ctx, collections, known, out)
    else:
        _scan_valid_collections(ctx, collections, known, out)
    return out


def _scan_valid_collections(
    ctx: RecordContext, collections: list[Any], known: set[str], out: _Schedule
) -> None:
    """Scan the collections of a record the schema accepted, relying on the shape it guarantees.

    Every collection is then an object with a date string, a boolean changed, a status and a
    service_id, and a moved one has its original_date: no type checks are needed. This is the
    path nearly every record takes, so it does as little as it can per collection.
    """
    window = record_window(ctx)
    low, high = (window.low, window.high) if window is not None else ("", "\uffff")
    listed: dict[str, list[str]] = {service: [] for service in out.rules}
    out.listed = listed
    for index, item in enumerate(collections):
        day = item["date"]
        if (day < low or day > high) and window is not None:
            out.add("waste.implausible-date",
                    window.hit(ctx, f"/collections/{index}/date", day, "collection date"))
        if item["changed"]:
            scheduled = item["original_date"]
            if scheduled == day:
                out.add("waste.changed-flag-mismatch", moved_to_same_day(index, day))
        else:
            scheduled = day
            if "original_date" in item or "change_reason" in item:
                out.add("waste.changed-flag-mismatch", unchanged_with_change(
                    index, day, item.get("original_date"), item.get("change_reason")
                ))
        status = item["status"]
        if status in RECORDED and "completed_at" not in item:
            out.add("waste.completed-without-time", without_time(index, status))
        if "missed_report_allowed_until" in item:
            until = item["missed_report_allowed_until"]
            if until[:10] < day:
                out.add("waste.outside-report-window", window_closes_early(index, until, day))
        service = item["service_id"]
        days = listed.get(service)
        if days is not None:
            days.append(scheduled)
        elif service not in known:
            out.add("waste.unknown-service",
                unknown_service_hit(f"/collections/{index}/service_id", service)
            )


def _scan_collections_carefully(
    ctx: RecordContext, collections: list[Any], known: set[str], out: _Schedule
) -> None:
    """Scan the collections of a record the schema rejected, checking each value before use."""
    window = record_window(ctx)
    low, high = (window.low, window.high) if window is not None else ("", "\uffff")
    rules, listed, unread = out.rules, out.listed, out.unread
    for index, item in enumerate(collections):
        if type(item) is not dict:
            continue
        get = item.get
        day = get("date")
        if type(day) is not str or is_rejected(ctx, f"/collections/{index}/date"):
            day = None
        elif not low <= day <= high and window is not None:
            out.add("waste.implausible-date",
                    window.hit(ctx, f"/collections/{index}/date", day, "collection date"))
        changed = get("changed")
        # Hits at /collections/<index> are dropped when the schema rejected anything in it.
        if changed is True:
            if day is not None and get("original_date") == day:
                out.add("waste.changed-flag-mismatch", moved_to_same_day(index, day))
        elif changed is False and ("original_date" in item or "change_reason" in item):
            out.add("waste.changed-flag-mismatch", unchanged_with_change(
                index, day, get("original_date"), get("change_reason")
            ))
        status = get("status")
        if type(status) is str and status in RECORDED and "completed_at" not in item:
            out.add("waste.completed-without-time", without_time(index, status))
        until = get("missed_report_allowed_until")
        if type(until) is str and day is not None and until[:10] < day and not is_rejected(
            ctx, f"/collections/{index}/missed_report_allowed_until"
        ):
            out.add("waste.outside-report-window", window_closes_early(index, until, day))
        service = get("service_id")
        if type(service) is not str or is_rejected(ctx, f"/collections/{index}/service_id"):
            continue
        if service not in known:
            out.add("waste.unknown-service",
                unknown_service_hit(f"/collections/{index}/service_id", service)
            )
        elif service in rules:
            scheduled = _scheduled(ctx, index, item)
            if scheduled is None:
                unread.add(service)
            else:
                listed.setdefault(service, []).append(scheduled[1])


def _scheduled(ctx: RecordContext, index: int, item: Any) -> tuple[str, str] | None:
    """Return (field, day) of the day a collection was scheduled for, or None if unreadable.

    A moved collection was scheduled on its original date; the rule gives that one.
    """
    if type(item) is not dict:
        return None
    changed = item.get("changed")
    where = "original_date" if changed is True else "date"
    day = item.get(where)
    if type(day) is not str or type(changed) is not bool or (ctx.rejected and (
        is_rejected(ctx, f"/collections/{index}/{where}")
        or is_rejected(ctx, f"/collections/{index}/changed")
    )):
        return None
    return where, day


def _rrule_hits(ctx: RecordContext, scan: _Schedule) -> list[Hit]:
    """Report listed collections a service's rule does not give, and its dates left unlisted.

    A moved collection counts on its original date. Only dates from the schedule start date to
    the end of a finite series are judged: the rule says nothing about the others.
    """
    hits: list[Hit] = []
    for service, (index, text, start, series) in scan.rules.items():
        if not series.start_in_series:
            hits.append(Hit(
                f"/services/{index}/schedule_start_date",
                f"The schedule start date {start} is not a date the frequency {text!r} gives; "
                "the start is the date of one collection in the series (the iCalendar "
                "DTSTART), so use a date the rule gives.",
                start,
            ))
            continue
        days = scan.listed.get(service)
        if not days:
            continue
        # Usually the listed days, in date order, are exactly the rule's dates between the
        # first and the last: one cached lookup and one comparison.
        low, high = days[0], days[-1]
        if (start <= low <= high and (series.last is None or high <= series.last)
                and service not in scan.unread
                and dates_between(text, start, low, high) == tuple(days)):
            continue
        hits.extend(_disagreements(ctx, service, index, text, start, series))
    return hits


def _disagreements(
    ctx: RecordContext, service: str, index: int, text: str, start: str, series: Series
) -> list[Hit]:
    """Find each listed collection the rule does not give, or else the dates it gives unlisted."""
    entries: list[tuple[int, str, str]] = []
    unread = False
    for position, item in enumerate(list_of(ctx.record, "collections")):
        if type(item) is not dict or item.get("service_id") != service:
            continue
        scheduled = _scheduled(ctx, position, item)
        if scheduled is None:
            unread = True
        elif scheduled[1] >= start and (series.last is None or scheduled[1] <= series.last):
            entries.append((position, *scheduled))
    if not entries:
        return []
    dates = expand(text, start, max(day for _, _, day in entries))
    if dates is None:
        return []
    hits: list[Hit] = []
    for position, where, day in entries:
        if day in dates.members:
            continue
        what = "original date" if where == "original_date" else "date"
        hits.append(Hit(
            f"/collections/{position}/{where}",
            f"The {what} {day} ({weekday_name(day)}) is not a date the service's frequency "
            f"{text!r} gives from {start}; correct the date, or mark a moved collection changed "
            "with its original date.",
            day,
        ))
    if hits or unread:
        return hits  # A wrong or unreadable date usually explains a missing one.
    days = {day for _, _, day in entries}
    low, high = min(days), max(days)
    missing = [day for day in dates_between(text, start, low, high) or () if day not in days]
    if missing:
        shown = ", ".join(missing[:3]) + (
            f" and {len(missing) - 3} more" if len(missing) > 3 else ""
        )
        hits.append(Hit(
            f"/services/{index}/frequency",
            f"The frequency {text!r} gives {shown}, between the service's first and last listed "
            f"collections ({low} to {high}), but no collection is listed then; list every "
            "collection the rule gives (as cancelled if it will not happen), or correct the "
            "rule.",
            missing[0],
        ))
    return hits


PROPERTY_SCHEDULE_RULES: tuple[Rule, ...] = (
    *(
        # One pass over the schedule finds the hits of all nine.
        make_rule(code, scan=schedule_scan)
        for code in (
            "waste.changed-flag-mismatch", "waste.completed-without-time",
            "waste.unknown-service", "waste.unknown-container-type", "waste.rrule-invalid",
            "waste.rrule-disagrees", "waste.authority-prefix", "waste.outside-report-window",
            "waste.implausible-date",
        )
    ),
    make_rule("waste.conflicting-uprn", across=CONFLICTING_UPRN),
)

