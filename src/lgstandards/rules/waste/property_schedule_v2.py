"""Rules of waste-property-schedule 2.x: dated schedules judged on the dates they are in force.

A service has one or more schedules, each a recurrence rule counted from its first collection,
in force from a date (`effective_from_date`, else its start) until a date (`effective_to_date`,
else for as long as the rule runs), less the dates it excludes, plus the dates it adds. A listed
collection is judged against the schedules in force on the day it was scheduled for (its
original date when it moved); a day the schedules give between a service's first and last listed
collections must be listed. One pass over the record (`schedule_scan`) finds every rule's hits.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import Any, NamedTuple

import orjson

from lgstandards.rules.base import Hit, RecordContext, Rule
from lgstandards.rules.memo import Memo
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
    Plausible,
    is_rejected,
    make_rule,
    record_window,
    unknown_container_hit,
    unknown_service_hit,
)

#: Later than any date: the end of a schedule in force until further notice.
_OPEN_END = "9999-12-31"


class _Plan(NamedTuple):
    """One usable schedule of a service: its rule, when it is in force, and its date changes."""

    # A named tuple: built for every schedule of every record, and hashed as a cache key.
    where: str  # /services/<i>/schedules/<j>
    text: str
    start: str
    #: The first and last days in force; the last is the earlier of effective_to_date and the
    #: end of a finite rule (UNTIL or COUNT), or _OPEN_END.
    first: str
    last: str
    excluded: frozenset[str]
    #: Added dates, each with its position in `additions`.
    added: tuple[tuple[str, int], ...]

    def in_force(self, day: str) -> bool:
        """Return whether the schedule is in force on a day."""
        return self.first <= day <= self.last

    def rule_dates(self, low: str, high: str) -> tuple[str, ...]:
        """Return the dates the rule gives while in force, from `low` to `high`."""
        low, high = max(low, self.first, self.start), min(high, self.last)
        if low > high:
            return ()
        return dates_between(self.text, self.start, low, high) or ()

    def gives(self, day: str) -> bool:
        """Return whether the rule gives a day on which the schedule is in force."""
        if not self.in_force(day) or day < self.start:
            return False
        # Expanded to the end of the day's year, so that the days of one year share one lookup.
        dates = expand(self.text, self.start, f"{day[:4]}-12-31")
        return dates is not None and day in dates.members

    def describe(self) -> str:
        """Return the schedule in words for messages."""
        ends = "" if self.last == _OPEN_END else f" until {self.last}"
        return f"{self.text!r} from {self.start}{ends}"


class _Scan:
    """What one pass over a property schedule found, read by each of its rules."""

    __slots__ = ("hits", "plans", "services")

    def __init__(self) -> None:
        """Start empty."""
        self.hits: dict[str, list[Hit]] = {}
        #: Usable schedules of each service id.
        self.plans: dict[str, list[_Plan]] = {}
        #: Every listed service id.
        self.services: set[str] = set()

    def add(self, code: str, hit: Hit | None) -> None:
        """Record a hit for the rule with this code (None is ignored)."""
        if hit is not None:
            self.hits.setdefault(code, []).append(hit)


def _text(ctx: RecordContext, node: Any, key: str, pointer: str) -> str | None:
    """Return a string field of an object unless absent, not text, or rejected by the schema."""
    value = node.get(key) if type(node) is dict else None
    if type(value) is not str or (ctx.rejected and is_rejected(ctx, f"{pointer}/{key}")):
        return None
    return value


def schedule_scan(ctx: RecordContext) -> dict[str, list[Hit]]:
    """Check a property schedule in one pass: every rule's hits by code (empty when none)."""
    out = _Scan()
    record = ctx.record
    if type(record) is not dict:
        return out.hits
    services = _scan_services(ctx, record, out)
    collections = record.get("collections")
    if type(collections) is list:
        window = record_window(ctx)
        key = (
            _collections_key(collections)
            if services is not None and COLLECTIONS.worth_asking() else None
        )
        if key is None:
            _scan_and_judge(_beside(ctx, "/collections"), collections, window, out)
        else:
            assert services is not None
            rejected = _within(ctx.rejected, "/collections")
            asked = (services, key, rejected, window, ctx.options)
            found = COLLECTIONS.get(asked)
            if found is None:
                # Scanned apart, so that the answer holds only what the collections gave.
                part = _Scan()
                part.plans, part.services = out.plans, out.services
                _scan_and_judge(RecordContext(record, ctx.number, rejected, ctx.options),
                                collections, window, part)
                found = _frozen(part.hits)
                COLLECTIONS.put(asked, found)
            hits = out.hits
            for code, more in found:
                listed = hits.get(code)
                if listed is None:
                    hits[code] = list(more)
                else:
                    listed.extend(more)
    authority = schedule_authority_prefix(ctx)
    if authority:
        out.hits["waste.authority-prefix"] = list(authority)
    return out.hits


#: A rule's hits by code, as a cache keeps them.
_Hits = tuple[tuple[str, tuple[Hit, ...]], ...]


def _frozen(hits: dict[str, list[Hit]]) -> _Hits:
    """Return hits by code as tuples, to be kept in a cache and copied out of it."""
    return tuple((code, tuple(found)) for code, found in hits.items())


_NOTHING: frozenset[str] = frozenset()


def _within(rejected: frozenset[str], top: str) -> frozenset[str]:
    """Return the rejected pointers in one part of a record: the only ones its answers depend on.

    A place counts as rejected when the schema rejected it or anything inside it, so the
    answers about a part depend on the rejections inside that part alone: with the others left
    out, records that differ elsewhere share the cached answers about this part.
    """
    if not rejected:
        return _NOTHING
    inside = top + "/"
    found = frozenset(r for r in rejected if r == top or r.startswith(inside))
    return found or _NOTHING


#: A completed collection's time, as JSON: its value changes no answer (only its presence does).
_COMPLETED_AT = re.compile(rb'"completed_at":"[^"\\]*"')


def _collections_key(collections: list[Any]) -> bytes | None:
    """Return the collections as JSON with each completed_at time left out, or None if not JSON.

    Every property of a round lists the same days, statuses and outcomes, but the crew records
    each one's own time: with the times left out, a round's properties share one key.
    """
    dumped = _json(collections)
    # Only a time written plainly (no escapes) is left out; any other value stays in the key.
    return None if dumped is None else _COMPLETED_AT.sub(b'"completed_at":0', dumped)


def _json(value: Any) -> bytes | None:
    """Return a value as JSON (equal values with keys in one order give equal bytes), or None."""
    try:
        return orjson.dumps(value)
    except (TypeError, orjson.JSONEncodeError):  # Integers beyond 64 bits, say.
        return None


#: What services were scanned from: their JSON (None if not a list), the ids of the container
#: types listed, and the rejected pointers under /services.
_ServicesKey = tuple[bytes | None, frozenset[str], frozenset[str]]

#: The answers about each distinct list of services: their hits, usable schedules (by service
#: id) and listed ids; the schedules and ids are only ever read.
SERVICES: Memo[tuple[_Hits, dict[str, list[_Plan]], set[str]]] = Memo(2048)
#: The hits about each distinct list of collections (their times aside), with the services'
#: key, the rejections among the collections, the window of plausible dates and the options:
#: everything the answer depends on, which the properties of a round share.
COLLECTIONS: Memo[_Hits] = Memo(4096)


def _scan_and_judge(ctx: RecordContext, collections: list[Any], window: Plausible | None,
                    out: _Scan) -> None:
    """Check each collection, then judge each service's listed days against its schedules."""
    listed = _scan_collections(ctx, collections, window, out)
    for service, entries in listed.items():
        plans = out.plans.get(service)
        if plans:
            for hit in _judged(tuple(plans), tuple(entries)):
                out.add("waste.rrule-disagrees", hit)


def _beside(ctx: RecordContext, top: str) -> RecordContext:
    """Return the context in which to judge one part of a record: rejections elsewhere left out.

    A value rejected elsewhere (the postcode, in a file full of that mistake) changes no
    answer about this part, since only it and the places above it count as rejected; without
    it, the scan of this part asks no question of it at all.
    """
    rejected = ctx.rejected
    if not rejected or any(r == top or r.startswith(top + "/") for r in rejected):
        return ctx
    return RecordContext(ctx.record, ctx.number, frozenset(), ctx.options)


def _scan_services(ctx: RecordContext, record: dict[str, Any], out: _Scan) -> _ServicesKey | None:
    """Check services' container types and schedules, noting each usable schedule.

    Returns what the services were scanned from, or None when they were scanned uncached.
    """
    containers = record.get("container_types")
    known_containers = frozenset([
        ident for item in containers if type(item) is dict and type(ident := item.get("id")) is str
    ]) if type(containers) is list else _NOTHING
    services = record.get("services")
    rejected = _within(ctx.rejected, "/services")
    if type(services) is not list:
        return None, known_containers, rejected
    dumped = _json(services) if SERVICES.worth_asking() else None
    if dumped is None:
        _scan_service_list(_beside(ctx, "/services"), services, known_containers, out)
        return None
    key = (dumped, known_containers, rejected)
    found = SERVICES.get(key)
    if found is None:
        part = _Scan()
        _scan_service_list(RecordContext(record, ctx.number, rejected, ctx.options), services,
                           known_containers, part)
        found = (_frozen(part.hits), part.plans, part.services)
        SERVICES.put(key, found)
    hits, out.plans, out.services = found
    for code, more in hits:
        out.hits[code] = list(more)
    return key


def _scan_service_list(ctx: RecordContext, services: list[Any], known_containers: frozenset[str],
                       out: _Scan) -> None:
    """Check each service's container type ids and schedules, noting each usable schedule."""
    for index, service in enumerate(services):
        if type(service) is not dict:
            continue
        where = f"/services/{index}"
        sid = _text(ctx, service, "id", where)
        if sid is not None:
            out.services.add(sid)
        ids = service.get("container_type_ids")
        for position, value in enumerate(ids if type(ids) is list else ()):
            if type(value) is not str or value in known_containers:
                continue  # Nearly always: the pointer is built only for a hit.
            pointer = f"{where}/container_type_ids/{position}"
            if not (ctx.rejected and is_rejected(ctx, pointer)):
                out.add("waste.unknown-container-type", unknown_container_hit(pointer, value))
        schedules = service.get("schedules")
        for number, schedule in enumerate(schedules if type(schedules) is list else ()):
            plan = _plan(ctx, schedule, f"{where}/schedules/{number}", out)
            if plan is not None and sid is not None:
                out.plans.setdefault(sid, []).append(plan)


def _plan(ctx: RecordContext, schedule: Any, where: str, out: _Scan) -> _Plan | None:
    """Check one schedule and return it as a plan, or None when its dates cannot be judged."""
    if type(schedule) is not dict:
        return None
    _time_band(ctx, schedule, where, out)
    text = _text(ctx, schedule, "frequency", where)
    start = _text(ctx, schedule, "start_date", where)
    begins = _text(ctx, schedule, "effective_from_date", where)
    ends = _text(ctx, schedule, "effective_to_date", where)
    if start is not None:
        if begins is not None and begins > start:
            out.add("waste.dates-out-of-order", Hit(
                f"{where}/effective_from_date",
                f"The schedule is in force from {begins}, after its first collection on {start}; "
                "the first collection is on or after the day the schedule comes into force.",
                begins,
            ))
        if ends is not None and ends < start:
            out.add("waste.dates-out-of-order", Hit(
                f"{where}/effective_to_date",
                f"The schedule is in force only until {ends}, before its first collection on "
                f"{start}, so it never collects; check both dates.",
                ends,
            ))
            return None
    if text is None:
        return None
    if start is None:
        problem = rule_problem(text)
        if problem is not None:
            out.add("waste.rrule-invalid", _rrule_invalid(where, text, problem))
        return None
    series = series_of(text, start)
    if series.problem is not None:
        out.add("waste.rrule-invalid", _rrule_invalid(where, text, series.problem))
        return None
    if not series.start_in_series:
        out.add("waste.rrule-disagrees", Hit(
            f"{where}/start_date",
            f"The start date {start} is not a date the frequency {text!r} gives; the start is "
            "the schedule's first collection (the iCalendar DTSTART), so use a date the rule "
            "gives.",
            start,
        ))
        return None
    plan = _Plan(
        where, text, start,
        first=min(begins or start, start),
        last=min(ends or _OPEN_END, series.last or _OPEN_END),
        excluded=frozenset(), added=(),
    )
    return _with_changes(ctx, schedule, plan, series, out)


def _time_band(ctx: RecordContext, schedule: dict[str, Any], where: str, out: _Scan) -> None:
    """Report a time band that ends before it starts."""
    band = schedule.get("time_band")
    if type(band) is not dict:
        return
    begins = _text(ctx, band, "start_time", f"{where}/time_band")
    ends = _text(ctx, band, "end_time", f"{where}/time_band")
    if begins is not None and ends is not None and ends <= begins:
        out.add("waste.dates-out-of-order", Hit(
            f"{where}/time_band/end_time",
            f"The time band ends at {ends}, not after it starts at {begins}; give the times on "
            "the 24-hour clock within one day.",
            ends,
        ))


def _changes(ctx: RecordContext, schedule: dict[str, Any], key: str, where: str
             ) -> list[tuple[int, str]]:
    """Return (position, date) of each readable excluded or added date."""
    items = schedule.get(key)
    found: list[tuple[int, str]] = []
    for position, item in enumerate(items if type(items) is list else ()):
        day = item.get("date") if type(item) is dict else None
        # The pointer is built only to ask whether the schema rejected the date.
        if type(day) is str and not (
            ctx.rejected and is_rejected(ctx, f"{where}/{key}/{position}/date")
        ):
            found.append((position, day))
    return found


def _with_changes(ctx: RecordContext, schedule: dict[str, Any], plan: _Plan, series: Series,
                  out: _Scan) -> _Plan:
    """Check a schedule's excluded and added dates against its rule, and add them to the plan."""
    excluded: set[str] = set()
    for position, day in _changes(ctx, schedule, "exceptions", plan.where):
        if plan.gives(day):
            excluded.add(day)
            continue
        out.add("waste.rrule-disagrees", Hit(
            f"{plan.where}/exceptions/{position}/date",
            f"The excluded date {day} ({weekday_name(day)}) is not a date the schedule "
            f"{plan.describe()} gives, so there is nothing to exclude; exclude the day the "
            "collection would have been.",
            day,
        ))
    added: list[tuple[str, int]] = []
    for position, day in _changes(ctx, schedule, "additions", plan.where):
        if plan.gives(day) and day not in excluded:
            out.add("waste.rrule-disagrees", Hit(
                f"{plan.where}/additions/{position}/date",
                f"The added date {day} ({weekday_name(day)}) is already a date the schedule "
                f"{plan.describe()} gives; add only days the rule does not give.",
                day,
            ))
            continue
        added.append((day, position))
    if not excluded and not added:
        return plan
    return _Plan(plan.where, plan.text, plan.start, plan.first, plan.last, frozenset(excluded),
                 tuple(added))


class _Listed(NamedTuple):
    """One listed collection of a service with schedules, as the judgement needs it."""

    # A named tuple: one is built per listed collection, and a tuple of them keys a cache.
    position: int
    field: str  # "date", or "original_date" for a moved collection
    scheduled: str  # the day a schedule gave: the original date when it moved
    day: str | None  # the day it happens, when it moved
    cancelled: bool = False


#: A listed collection as `_scan_collections` gives it: the fields of a `_Listed`.
_Entry = tuple[int, str, str, str | None, bool]


def _scan_collections(ctx: RecordContext, collections: list[Any], window: Plausible | None,
                      out: _Scan) -> dict[str, list[_Entry]]:
    """Check each collection on its own and return those of services with schedules.

    Each is returned as the fields of a `_Listed`, in a plain tuple: one is built for nearly
    every collection, and a tuple literal costs a fraction of a named tuple's constructor.
    """
    low, high = (window.low, window.high) if window is not None else ("", "")
    rejected = ctx.rejected
    services, plans = out.services, out.plans
    listed: dict[str, list[_Entry]] = {}
    # This loop runs ten times a record: the fields every collection has are read inline, and
    # a pointer is built only for a hit or when the schema rejected something.
    for index, item in enumerate(collections):
        if type(item) is not dict:
            continue
        day = item.get("date")
        if type(day) is not str or (rejected and is_rejected(ctx, f"/collections/{index}/date")):
            day = None
        plausible = True
        if day is not None and window is not None and not low <= day <= high:
            out.add("waste.implausible-date",
                    window.hit(ctx, f"/collections/{index}/date", day, "collection date"))
            plausible = False  # Its year is most likely wrong: the schedules need not say so too.
        changed = item.get("changed")
        if changed is True:
            if day is not None and item.get("original_date") == day:
                out.add("waste.changed-flag-mismatch", moved_to_same_day(index, day))
        elif changed is False and ("original_date" in item or "change_reason" in item):
            out.add("waste.changed-flag-mismatch", unchanged_with_change(
                index, day, item.get("original_date"), item.get("change_reason")
            ))
        status = item.get("status")
        if "completed_at" not in item and type(status) is str and status in RECORDED:
            out.add("waste.completed-without-time", without_time(index, status))
        if "missed_report_allowed_until" in item and day is not None:
            until = _text(ctx, item, "missed_report_allowed_until", f"/collections/{index}")
            if until is not None and until[:10] < day:
                out.add("waste.outside-report-window", window_closes_early(index, until, day))
        service = item.get("service_id")
        if type(service) is not str or (
            rejected and is_rejected(ctx, f"/collections/{index}/service_id")
        ):
            continue
        if service not in services:
            out.add("waste.unknown-service",
                    unknown_service_hit(f"/collections/{index}/service_id", service))
            continue
        if not plausible or service not in plans or type(changed) is not bool or (
            rejected and is_rejected(ctx, f"/collections/{index}/changed")
        ):
            continue
        entry: _Entry
        if changed:
            scheduled = _text(ctx, item, "original_date", f"/collections/{index}")
            if scheduled is not None:
                entry = (index, "original_date", scheduled, day, False)
            else:
                continue
        elif day is not None:
            entry = (index, "date", day, None, status == "cancelled")
        else:
            continue
        found = listed.get(service)
        if found is None:
            listed[service] = [entry]
        else:
            found.append(entry)
    return listed


@functools.lru_cache(maxsize=4096)
def _judged(plans: tuple[_Plan, ...], entries: tuple[_Entry, ...]) -> tuple[Hit, ...]:
    """Return the hits of a service's listed collections judged against its schedules."""
    # Cached: the properties of one round share their schedules and collection days, so a
    # council's export asks the same question once per round, not once per property.
    out = _Scan()
    _judge(out, list(plans), [_Listed(*entry) for entry in entries])
    return tuple(out.hits.get("waste.rrule-disagrees", ()))


def _judge(out: _Scan, plans: list[_Plan], entries: list[_Listed]) -> None:
    """Judge a service's listed collections against the schedules in force on their days."""
    judged = [entry for entry in entries if _covered(plans, entry.scheduled)]
    if not judged:
        return
    low = min(entry.scheduled for entry in judged)
    high = max(entry.scheduled for entry in judged)
    expected = _expected(tuple(plans), low, high)
    scheduled = [entry.scheduled for entry in judged]
    # Nearly always the listed days, in order, are exactly the days the schedules give.
    if tuple(scheduled) == tuple(day for day, _ in expected) and all(
        entry.day is None for entry in judged
    ):
        return
    wrong = False
    for entry in judged:
        hit = _wrong_day(plans, entry)
        if hit is not None:
            out.add("waste.rrule-disagrees", hit)
            wrong = True
    if wrong:
        return  # A wrong date usually explains a missing one.
    covered = {entry.scheduled for entry in judged} | {
        entry.day for entry in judged if entry.day is not None
    }
    missing: dict[str, list[str]] = {}
    for day, where in expected:
        if day not in covered:
            missing.setdefault(where, []).append(day)
    for where, days in missing.items():
        shown = ", ".join(days[:3]) + (f" and {len(days) - 3} more" if len(days) > 3 else "")
        out.add("waste.rrule-disagrees", Hit(
            where,
            f"The schedule gives {shown}, between the service's first and last listed "
            f"collections ({low} to {high}), but no collection is listed then; list every "
            "collection the schedules give (as cancelled if it will not happen), exclude the "
            "date, or correct the schedule.",
            days[0],
        ))


def _covered(plans: list[_Plan], day: str) -> bool:
    """Return whether a day is within the schedules' span, from the first start to the last end."""
    return any(plan.first <= day for plan in plans) and any(day <= plan.last for plan in plans)


@functools.lru_cache(maxsize=4096)
def _expected(plans: tuple[_Plan, ...], low: str, high: str) -> tuple[tuple[str, str], ...]:
    """Return (day, where) for each day the schedules give from `low` to `high`, in order."""
    found: dict[str, str] = {}
    for plan in plans:
        for day in plan.rule_dates(low, high):
            if day not in plan.excluded:
                found.setdefault(day, f"{plan.where}/frequency")
        for day, position in plan.added:
            if low <= day <= high:
                found.setdefault(day, f"{plan.where}/additions/{position}/date")
    return tuple(sorted(found.items()))


def _wrong_day(plans: list[_Plan], entry: _Listed) -> Hit | None:
    """Describe a listed collection on a day no schedule in force gives, or None if it is right."""
    day = entry.scheduled
    added = any(day == added_day for plan in plans for added_day, _ in plan.added)
    moved_to_added = entry.day is not None and any(
        entry.day == added_day for plan in plans for added_day, _ in plan.added
    )
    if added or moved_to_added:
        return None
    in_force = [plan for plan in plans if plan.in_force(day)]
    giving = [plan for plan in in_force if plan.gives(day)]
    # A moved collection's original day may be excluded: it is excluded because it moved; and
    # a collection listed as cancelled on an excluded day says the same thing twice.
    if any(entry.day is not None or entry.cancelled or day not in plan.excluded
           for plan in giving):
        return None
    pointer = f"/collections/{entry.position}/{entry.field}"
    what = "original date" if entry.field == "original_date" else "date"
    if giving:
        return Hit(
            pointer,
            f"The {what} {day} ({weekday_name(day)}) is a date the schedule "
            f"{giving[0].describe()} excludes; remove the collection, or list it as moved with "
            "its new date.",
            day,
        )
    if not in_force:
        return Hit(
            pointer,
            f"No schedule of the service is in force on the {what} {day}; correct the date, or "
            "the dates the schedules are in force.",
            day,
        )
    return Hit(
        pointer,
        f"The {what} {day} ({weekday_name(day)}) is not a date the schedule in force then "
        f"({in_force[0].describe()}) gives; correct the date, mark a moved collection changed "
        "with its original date, or add the date to the schedule.",
        day,
    )


def _rrule_invalid(where: str, text: str, problem: str) -> Hit:
    """Describe a schedule's frequency that cannot be used."""
    return Hit(
        f"{where}/frequency",
        f"The frequency {text!r} cannot be used: {problem}. Write it as an RFC 5545 RRULE that "
        "gives the schedule's collection days.",
        text,
    )


def _codes() -> Sequence[str]:
    """Return the codes whose hits the one pass finds."""
    return (
        "waste.changed-flag-mismatch", "waste.completed-without-time", "waste.unknown-service",
        "waste.unknown-container-type", "waste.rrule-invalid", "waste.rrule-disagrees",
        "waste.dates-out-of-order", "waste.authority-prefix", "waste.outside-report-window",
        "waste.implausible-date",
    )


PROPERTY_SCHEDULE_RULES: tuple[Rule, ...] = (
    *(make_rule(code, scan=schedule_scan) for code in _codes()),
    make_rule("waste.conflicting-uprn", across=CONFLICTING_UPRN),
)
