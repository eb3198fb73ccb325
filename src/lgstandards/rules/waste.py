"""Rules beyond the schema for the four waste standards: dates, recurrence, authorities, repeats.

Each rule is a plain function over one record (or, for the repeated UPRN, a factory of a stateful
function over a file), collected into one tuple per standard at the end of this module. They run
on every record of files with millions of them, so they read the record's dicts directly, build
JSON Pointers only for what they report, and compare dates as YYYY-MM-DD strings, whose order is
the dates' order. A value the schema rejected is not judged: its schema finding already says what
is wrong, and nothing is reported twice.

The property schedule's rules share one pass over its services and collections (`_schedule`), so
a record's collections are read once, not once per rule. Recurrence rules are expanded with
python-dateutil, cached by rule and start date, because a council's properties share a handful of
rounds.
"""

from __future__ import annotations

import bisect
import functools
import json
import warnings
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

import orjson

from lgstandards.findings import Severity
from lgstandards.rules.base import (
    Across,
    FileCheckFactory,
    Hit,
    RecordCheck,
    RecordContext,
    Rule,
    SharedScan,
)

_NONE: tuple[Hit, ...] = ()


def _rejected(ctx: RecordContext, pointer: str) -> bool:
    """Return whether the schema rejected `pointer`; call only when ctx.rejected is non-empty."""
    return ctx.is_rejected(pointer)


def _list(record: Any, key: str) -> list[Any]:
    """Return record[key] when the record is an object and the value a list, else []."""
    if type(record) is not dict:
        return []
    value = record.get(key)
    return value if type(value) is list else []


def _days(earlier: str, later: str) -> int:
    """Return the number of days from one YYYY-MM-DD date to another."""
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


def _top_date(ctx: RecordContext, key: str) -> str | None:
    """Return the date part (first ten characters) of a top-level date or date-time field."""
    record = ctx.record
    value = record.get(key) if type(record) is dict else None
    if type(value) is not str or len(value) < 10:
        return None
    if ctx.rejected and _rejected(ctx, "/" + key):
        return None
    return value[:10]


# -- recurrence rules ------------------------------------------------------------------------------

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# English names, whatever the locale: messages are in English.
_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_LONGEST = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February at its longest

#: The Gregorian calendar repeats exactly every 400 years (146,097 days, a whole number of weeks).
_CYCLE = 400


@dataclass(frozen=True, slots=True)
class _Parts:
    """An RRULE split into its parts, as far as the checks below need them."""

    freq: str
    interval: int
    weekdays: tuple[tuple[int, int], ...]  # (ordinal or 0, weekday 0-6), from BYDAY
    monthdays: tuple[int, ...]
    months: tuple[int, ...]
    setpos: int | None
    until: str | None  # YYYY-MM-DD
    count: int | None


def _split_rule(text: str) -> _Parts | str:
    """Split an RRULE into its parts, or return why it cannot be read."""
    fields: dict[str, str] = {}
    for part in text.split(";"):
        name, sep, value = part.partition("=")
        if not sep or not value or name in fields:
            return f"{part!r} is not one NAME=VALUE part"
        fields[name] = value
    try:
        weekdays = tuple(
            (int(day[:-2] or 0), _DAYS.index(day[-2:]))
            for day in fields["BYDAY"].split(",")
        ) if "BYDAY" in fields else ()
        until = fields.get("UNTIL")
        return _Parts(
            freq=fields.get("FREQ", ""),
            interval=int(fields.get("INTERVAL", "1")),
            weekdays=weekdays,
            monthdays=tuple(int(d) for d in fields["BYMONTHDAY"].split(","))
            if "BYMONTHDAY" in fields else (),
            months=tuple(int(m) for m in fields["BYMONTH"].split(","))
            if "BYMONTH" in fields else (),
            setpos=int(fields["BYSETPOS"]) if "BYSETPOS" in fields else None,
            until=f"{until[:4]}-{until[4:6]}-{until[6:8]}" if until else None,
            count=int(fields["COUNT"]) if "COUNT" in fields else None,
        )
    except ValueError:
        return "a part has a value that is not a number or a day"


def _fits(months: Sequence[int], monthdays: Sequence[int]) -> bool:
    """Return whether a month of `months` has a day of `monthdays` (negatives count back)."""
    return any(abs(day) <= _LONGEST[month - 1] for month in months for day in monthdays)


@functools.lru_cache(maxsize=1024)
def _rule_problem(text: str) -> str | None:
    """Return why an RRULE breaks RFC 5545 or can never happen, whatever its start; else None."""
    parts = _split_rule(text)
    if isinstance(parts, str):
        return parts
    from dateutil.rrule import rrulestr

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # dateutil warns of what RFC 5545 forbids.
            rrulestr(text, dtstart=datetime(2001, 1, 1))
    except (ValueError, TypeError, OverflowError, Warning) as exc:
        return f"python-dateutil cannot read it ({exc})"
    if parts.freq not in ("MONTHLY", "YEARLY") and any(n for n, _ in parts.weekdays):
        return ("a BYDAY day with a number (such as 1MO) needs FREQ=MONTHLY or FREQ=YEARLY "
                "(RFC 5545 section 3.3.10)")
    if parts.freq == "WEEKLY" and parts.monthdays:
        return "BYMONTHDAY cannot be used with FREQ=WEEKLY (RFC 5545 section 3.3.10)"
    if parts.setpos is not None:
        if not (parts.weekdays or parts.monthdays or parts.months):
            return ("BYSETPOS picks from the dates another BY part gives, and there is none "
                    "(RFC 5545 section 3.3.10)")
        # A day or a week holds few candidates: a position past them never matches.
        most = {"DAILY": 1, "WEEKLY": len({d for _, d in parts.weekdays}) or 1}.get(parts.freq)
        if most is not None and abs(parts.setpos) > most:
            return (f"BYSETPOS={parts.setpos} asks for candidate {abs(parts.setpos)} of each "
                    f"{'day' if parts.freq == 'DAILY' else 'week'}, which has only {most}, "
                    "so it never happens")
    if parts.monthdays and not _fits(parts.months or range(1, 13), parts.monthdays):
        names = " or ".join(_MONTH_NAMES[m] for m in parts.months) or "no month"
        return (f"{names} never has day {', '.join(map(str, parts.monthdays))}, so it never "
                "happens")
    return None


@dataclass(frozen=True, slots=True)
class _Series:
    """What is known about a rule counted from a start date: a problem, or its extent."""

    problem: str | None = None
    start_in_series: bool = True
    #: The last date of a finite series (UNTIL or COUNT): later dates are not judged.
    last: str | None = None


@dataclass(frozen=True, slots=True)
class _Dates:
    """A series' dates up to some day, sorted and as a set, as YYYY-MM-DD strings."""

    ordered: tuple[str, ...]
    members: frozenset[str]


#: Expanding series over centuries costs time and means nothing for a collection round.
_MAX_SPAN_YEARS = 300


def _moved_rule(text: str, start: date, shift: int) -> Any:
    """Return the dateutil rule for `text` from `start`, both moved `shift` years later.

    dateutil searches up to the year 9999 for a date that a rule never reaches, which takes
    seconds. Moved whole 400-year cycles of the calendar later (where every date falls on the
    same weekday), the search ends within one cycle, and the dates found move back exactly.
    """
    from dateutil.rrule import rrulestr

    parts = _split_rule(text)
    if isinstance(parts, _Parts) and parts.until:
        until = parts.until.replace("-", "")
        year = int(until[:4]) + shift
        # An UNTIL moved past 9999 lies beyond every date asked for, so it can go.
        text = text.replace(
            f";UNTIL={until}", f";UNTIL={year}{until[4:]}" if year <= 9999 else ""
        )
    return rrulestr(text, dtstart=datetime(start.year + shift, start.month, start.day))


def _shift(year: int) -> int:
    """Return the whole calendar cycles that move `year` as close to 9999 as it can go."""
    return (9998 - year) // _CYCLE * _CYCLE


@functools.lru_cache(maxsize=4096)
def _expand(text: str, start: str, through: str) -> _Dates | None:
    """Return the dates of a rule counted from `start`, up to `through` (both YYYY-MM-DD)."""
    first, last = date.fromisoformat(start), date.fromisoformat(through)
    if last < first:
        return _Dates((), frozenset())
    if last.year - first.year > _MAX_SPAN_YEARS:
        return None
    shift = _shift(last.year)
    end = datetime(last.year + shift, last.month, last.day)
    found: list[str] = []
    for when in _moved_rule(text, first, shift):
        if when > end:
            break
        found.append(f"{when.year - shift:04d}-{when.month:02d}-{when.day:02d}")
    return _Dates(tuple(found), frozenset(found))


def _first(text: str, start: str) -> str | None:
    """Return the rule's first date on or after `start`, or None if it has none."""
    first = date.fromisoformat(start)
    shift = _shift(first.year)
    when = next(iter(_moved_rule(text, first, shift)), None)
    return None if when is None else f"{when.year - shift:04d}-{when.month:02d}-{when.day:02d}"


@functools.lru_cache(maxsize=4096)
def _series(text: str, start: str) -> _Series:
    """Check a rule against its start date: readable, ever happening, and starting on a date."""
    problem = _rule_problem(text)
    if problem is not None:
        return _Series(problem)
    parts = _split_rule(text)
    assert isinstance(parts, _Parts)  # _rule_problem has read it
    first = date.fromisoformat(start)
    if parts.until and parts.until < start:
        return _Series(f"it ends (UNTIL {parts.until}) before the schedule starts on {start}")
    # With an INTERVAL, only some weekdays or months are ever reached from the start.
    weekdays = {day for _, day in parts.weekdays}
    if (parts.freq == "DAILY" and weekdays and parts.interval % 7 == 0
            and first.weekday() not in weekdays):
        return _Series(
            f"every {parts.interval} days from a {_DAY_NAMES[first.weekday()]} never lands "
            f"on {', '.join(_DAYS[day] for day in sorted(weekdays))}, so it never happens"
        )
    if parts.freq == "MONTHLY" and (parts.months or parts.monthdays):
        reached = {(first.month - 1 + k * parts.interval) % 12 + 1 for k in range(12)}
        months = sorted(m for m in reached if not parts.months or m in parts.months)
        if not months or (parts.monthdays and not _fits(months, parts.monthdays)):
            return _Series(
                f"every {parts.interval} months from {start} never reaches a month with a day "
                "it allows, so it never happens"
            )
    opening = _first(text, start)
    if opening is None:
        return _Series(f"it gives no date on or after the schedule start date {start}, so it "
                       "never happens")
    last = parts.until
    if parts.count is not None:
        horizon = date(min(first.year + _MAX_SPAN_YEARS - 1, 9998), 12, 31).isoformat()
        dates = _expand(text, start, horizon)
        if dates is not None and len(dates.ordered) == parts.count:
            last = dates.ordered[-1]
    return _Series(start_in_series=opening == start, last=last)


# -- plausible dates -------------------------------------------------------------------------------


@functools.lru_cache(maxsize=256)
def _window(anchor: str, past: int, future: int) -> tuple[str, str]:
    """Return the first and last plausible dates around an anchor date, as YYYY-MM-DD."""
    day = date.fromisoformat(anchor)
    try:
        low = (day - timedelta(days=past)).isoformat()
    except OverflowError:
        low = date.min.isoformat()
    try:
        high = (day + timedelta(days=future)).isoformat()
    except OverflowError:
        high = date.max.isoformat()
    return low, high


@dataclass(frozen=True, slots=True)
class _Plausible:
    """The window of plausible dates for one record, and the day it is counted from."""

    low: str
    high: str
    anchor: str
    source: str

    def hit(self, ctx: RecordContext, pointer: str, value: str, what: str) -> Hit | None:
        """Describe a date outside the window, or return None if it cannot be judged."""
        try:
            gap = _days(self.anchor, value)
        except ValueError:
            return None
        options = ctx.options
        direction, limit, option = (
            ("after", options.future_days, "--future-days") if gap > 0
            else ("before", options.past_days, "--past-days")
        )
        return Hit(
            pointer,
            f"The {what} {value} is {abs(gap):,} days {direction} the day {self.source} "
            f"({self.anchor}), more than the {limit:,} days that are plausible; check the year, "
            f"or pass {option} to widen the window.",
            value,
        )


def _plausible(ctx: RecordContext) -> _Plausible | None:
    """Return the record's window: around its generated_at, else the options' today, else None."""
    anchor, source = _top_date(ctx, "generated_at"), "the record was generated"
    if anchor is None:
        today = ctx.options.today
        if today is None:
            return None
        anchor, source = today.isoformat(), "today"
    try:
        return _plausible_window(anchor, source, ctx.options.past_days, ctx.options.future_days)
    except ValueError:  # generated_at is not a date-time; its schema finding says so.
        return None


@functools.lru_cache(maxsize=256)
def _plausible_window(anchor: str, source: str, past: int, future: int) -> _Plausible:
    """Build the window around an anchor date once for all the records that share it."""
    return _Plausible(*_window(anchor, past, future), anchor, source)


def _implausible(ctx: RecordContext, pointer: str, value: Any, what: str) -> Sequence[Hit]:
    """Report one date outside the record's plausible window."""
    if type(value) is not str:
        return _NONE
    window = _plausible(ctx)
    if window is None or window.low <= value <= window.high:
        return _NONE
    if ctx.rejected and _rejected(ctx, pointer):
        return _NONE
    hit = window.hit(ctx, pointer, value, what)
    return (hit,) if hit else _NONE


# -- the property schedule: one pass, several rules ----------------------------------------------

#: Statuses the crew records, so the record says when.
_RECORDED = {"completed": "completed", "not_completed": "not completed"}


class _Schedule:
    """What one pass over a property schedule found, read by each of its rules."""

    __slots__ = ("hits", "listed", "rules", "unread")

    def __init__(self) -> None:
        """Start empty; most records have no hits, so their lists are made only when needed."""
        #: Hits by rule code.
        self.hits: dict[str, list[Hit]] = {}
        #: Services with a usable rule: id -> (index, rule, start date, series).
        self.rules: dict[str, tuple[int, str, str, _Series]] = {}
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
                series = _series(text, service["schedule_start_date"])
                if series.problem is None:
                    out.rules[service["id"]] = (index, text, service["schedule_start_date"],
                                                series)
                else:
                    out.add("waste.rrule-invalid", _rrule_invalid_hit(index, text, series.problem))
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
        if type(text) is not str or _rejected(ctx, f"/services/{index}/frequency"):
            continue
        start = service.get("schedule_start_date")
        if type(start) is str and not _rejected(ctx, f"/services/{index}/schedule_start_date"):
            series = _series(text, start)
            problem = series.problem
            if problem is None and type(sid) is str:
                out.rules[sid] = (index, text, start, series)
        else:
            problem = _rule_problem(text)
        if problem is not None:
            out.add("waste.rrule-invalid", _rrule_invalid_hit(index, text, problem))
    return known


def _unknown_containers(
    ctx: RecordContext, index: int, ids: list[Any], known: set[Any], out: _Schedule
) -> None:
    """Add a hit for each of a service's container type ids that container_types lacks."""
    for position, value in enumerate(ids):
        if type(value) is not str or value in known:
            continue
        pointer = f"/services/{index}/container_type_ids/{position}"
        if not (ctx.rejected and _rejected(ctx, pointer)):
            out.add("waste.unknown-container-type", _unknown_container_hit(pointer, value))


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
    window = _plausible(ctx)
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
                out.add("waste.changed-flag-mismatch", _moved_to_same_day(index, day))
        else:
            scheduled = day
            if "original_date" in item or "change_reason" in item:
                out.add("waste.changed-flag-mismatch", _unchanged_with_change(
                    index, day, item.get("original_date"), item.get("change_reason")
                ))
        status = item["status"]
        if status in _RECORDED and "completed_at" not in item:
            out.add("waste.completed-without-time", _without_time(index, status))
        if "missed_report_allowed_until" in item:
            until = item["missed_report_allowed_until"]
            if until[:10] < day:
                out.add("waste.outside-report-window", _window_closes_early(index, until, day))
        service = item["service_id"]
        days = listed.get(service)
        if days is not None:
            days.append(scheduled)
        elif service not in known:
            out.add("waste.unknown-service",
                _unknown_service_hit(f"/collections/{index}/service_id", service)
            )


def _scan_collections_carefully(
    ctx: RecordContext, collections: list[Any], known: set[str], out: _Schedule
) -> None:
    """Scan the collections of a record the schema rejected, checking each value before use."""
    window = _plausible(ctx)
    low, high = (window.low, window.high) if window is not None else ("", "\uffff")
    rules, listed, unread = out.rules, out.listed, out.unread
    for index, item in enumerate(collections):
        if type(item) is not dict:
            continue
        get = item.get
        day = get("date")
        if type(day) is not str or _rejected(ctx, f"/collections/{index}/date"):
            day = None
        elif not low <= day <= high and window is not None:
            out.add("waste.implausible-date",
                    window.hit(ctx, f"/collections/{index}/date", day, "collection date"))
        changed = get("changed")
        # Hits at /collections/<index> are dropped when the schema rejected anything in it.
        if changed is True:
            if day is not None and get("original_date") == day:
                out.add("waste.changed-flag-mismatch", _moved_to_same_day(index, day))
        elif changed is False and ("original_date" in item or "change_reason" in item):
            out.add("waste.changed-flag-mismatch", _unchanged_with_change(
                index, day, get("original_date"), get("change_reason")
            ))
        status = get("status")
        if type(status) is str and status in _RECORDED and "completed_at" not in item:
            out.add("waste.completed-without-time", _without_time(index, status))
        until = get("missed_report_allowed_until")
        if type(until) is str and day is not None and until[:10] < day and not _rejected(
            ctx, f"/collections/{index}/missed_report_allowed_until"
        ):
            out.add("waste.outside-report-window", _window_closes_early(index, until, day))
        service = get("service_id")
        if type(service) is not str or _rejected(ctx, f"/collections/{index}/service_id"):
            continue
        if service not in known:
            out.add("waste.unknown-service",
                _unknown_service_hit(f"/collections/{index}/service_id", service)
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
        _rejected(ctx, f"/collections/{index}/{where}")
        or _rejected(ctx, f"/collections/{index}/changed")
    )):
        return None
    return where, day


def _moved_to_same_day(index: int, day: str) -> Hit:
    """Describe a collection marked changed whose date equals its original date."""
    return Hit(
        f"/collections/{index}",
        f"The collection is marked changed but its date and original date are both {day}; a "
        "moved collection has a new date. Set the new date, or set changed to false and remove "
        "original_date and change_reason.",
        day,
    )


def _unchanged_with_change(index: int, day: Any, original: Any, reason: Any) -> Hit | None:
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


def _without_time(index: int, status: str) -> Hit:
    """Describe a completed or not-completed collection without completed_at."""
    return Hit(
        f"/collections/{index}/completed_at",
        f"The collection is {_RECORDED[status]} but has no completed_at; give the time the crew "
        "recorded it, so residents and missed-collection checks can rely on it.",
        status,
    )


def _window_closes_early(index: int, until: str, day: str) -> Hit:
    """Describe a missed-report window that closes before the collection's day."""
    return Hit(
        f"/collections/{index}/missed_report_allowed_until",
        f"Missed reports are allowed only until {until}, before the collection's date {day}, so "
        "none could ever be made; the window closes after the collection.",
        until,
    )


def _unknown_service_hit(pointer: str, service: str) -> Hit:
    """Describe a reference to a service that is not listed."""
    return Hit(
        pointer,
        f"The service {service!r} is not listed in services; use the id of a listed service, "
        "or add the service.",
        service,
    )


def _unknown_container_hit(pointer: str, value: str) -> Hit:
    """Describe a reference to a container type that is not listed."""
    return Hit(
        pointer,
        f"The container type {value!r} is not listed in container_types; use the id of a "
        "listed container type, or add it.",
        value,
    )


def _rrule_invalid_hit(index: int, text: str, problem: str) -> Hit:
    """Describe a frequency that cannot be used."""
    return Hit(
        f"/services/{index}/frequency",
        f"The frequency {text!r} cannot be used: {problem}. Write it as an RFC 5545 RRULE that "
        "gives the service's collection days.",
        text,
    )


def _weekday(day: str) -> str:
    """Return the English name of a YYYY-MM-DD date's weekday."""
    return _DAY_NAMES[date.fromisoformat(day).weekday()]


@functools.lru_cache(maxsize=4096)
def _between(text: str, start: str, low: str, high: str) -> tuple[str, ...] | None:
    """Return the rule's dates from `low` to `high`, counted from `start`."""
    dates = _expand(text, start, high)
    if dates is None:
        return None
    ordered = dates.ordered
    return ordered[bisect.bisect_left(ordered, low):bisect.bisect_right(ordered, high)]


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
                and _between(text, start, low, high) == tuple(days)):
            continue
        hits.extend(_disagreements(ctx, service, index, text, start, series))
    return hits


def _disagreements(
    ctx: RecordContext, service: str, index: int, text: str, start: str, series: _Series
) -> list[Hit]:
    """Find each listed collection the rule does not give, or else the dates it gives unlisted."""
    entries: list[tuple[int, str, str]] = []
    unread = False
    for position, item in enumerate(_list(ctx.record, "collections")):
        if type(item) is not dict or item.get("service_id") != service:
            continue
        scheduled = _scheduled(ctx, position, item)
        if scheduled is None:
            unread = True
        elif scheduled[1] >= start and (series.last is None or scheduled[1] <= series.last):
            entries.append((position, *scheduled))
    if not entries:
        return []
    dates = _expand(text, start, max(day for _, _, day in entries))
    if dates is None:
        return []
    hits: list[Hit] = []
    for position, where, day in entries:
        if day in dates.members:
            continue
        what = "original date" if where == "original_date" else "date"
        hits.append(Hit(
            f"/collections/{position}/{where}",
            f"The {what} {day} ({_weekday(day)}) is not a date the service's frequency {text!r} "
            f"gives from {start}; correct the date, or mark a moved collection changed with its "
            "original date.",
            day,
        ))
    if hits or unread:
        return hits  # A wrong or unreadable date usually explains a missing one.
    days = {day for _, _, day in entries}
    low, high = min(days), max(days)
    missing = [day for day in _between(text, start, low, high) or () if day not in days]
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


# -- the service catalogue -------------------------------------------------------------------------


def _ids(items: list[Any]) -> set[str]:
    """Return the string `id` of each object in a list."""
    return {
        ident for item in items if type(item) is dict and type(ident := item.get("id")) is str
    }


def catalogue_unknown_service(ctx: RecordContext) -> Sequence[Hit]:
    """Report a charge whose service_id names no service in the catalogue."""
    charges = _list(ctx.record, "charges")
    if not charges:
        return _NONE
    known = _ids(_list(ctx.record, "services"))
    hits: list[Hit] = []
    for index, charge in enumerate(charges):
        service = charge.get("service_id") if type(charge) is dict else None
        if type(service) is not str or service in known:
            continue
        pointer = f"/charges/{index}/service_id"
        if not (ctx.rejected and _rejected(ctx, pointer)):
            hits.append(_unknown_service_hit(pointer, service))
    return hits or _NONE


def catalogue_unknown_container_type(ctx: RecordContext) -> Sequence[Hit]:
    """Report a service or charge naming a container type that the catalogue does not list."""
    record = ctx.record
    known = _ids(_list(record, "container_types"))
    places: list[tuple[str, Any]] = []
    for index, service in enumerate(_list(record, "services")):
        ids = service.get("container_type_ids") if type(service) is dict else None
        if type(ids) is list:
            places.extend(
                (f"/services/{index}/container_type_ids/{position}", value)
                for position, value in enumerate(ids)
            )
    for index, charge in enumerate(_list(record, "charges")):
        if type(charge) is dict and "container_type_id" in charge:
            places.append((f"/charges/{index}/container_type_id", charge["container_type_id"]))
    hits = [
        _unknown_container_hit(pointer, value) for pointer, value in places
        if type(value) is str and value not in known
        and not (ctx.rejected and _rejected(ctx, pointer))
    ]
    return hits or _NONE


def catalogue_rrule_invalid(ctx: RecordContext) -> Sequence[Hit]:
    """Report a usual frequency that breaks RFC 5545 or can never happen."""
    hits: list[Hit] = []
    for index, service in enumerate(_list(ctx.record, "services")):
        text = service.get("frequency") if type(service) is dict else None
        if type(text) is not str:
            continue
        if ctx.rejected and _rejected(ctx, f"/services/{index}/frequency"):
            continue
        # A catalogue gives the usual frequency without a start, so only what fails for every
        # start can be judged.
        problem = _rule_problem(text)
        if problem is not None:
            hits.append(_rrule_invalid_hit(index, text, problem))
    return hits or _NONE


# -- authorities -----------------------------------------------------------------------------------

#: GSS code prefixes of councils that collect household waste and those that dispose of it.
COLLECTION_PREFIXES = frozenset({"E06", "E07", "E08", "E09", "W06", "S12", "N09"})
DISPOSAL_PREFIXES = frozenset({"E06", "E08", "E09", "E10", "W06", "S12", "N09"})

_KINDS = {
    "E06": "a unitary authority", "E07": "a non-metropolitan district council",
    "E08": "a metropolitan borough council", "E09": "a London borough",
    "E10": "a county council", "W06": "a Welsh principal council",
    "S12": "a Scottish council", "N09": "a Northern Irish district council",
}


def _gss(ctx: RecordContext, council: Any, pointer: str) -> str | None:
    """Return a council object's GSS code, unless absent or rejected by the schema."""
    code = council.get("gss_code") if type(council) is dict else None
    if type(code) is not str or len(code) != 9:
        return None
    if ctx.rejected and _rejected(ctx, pointer):
        return None
    return code


def _authority_hits(
    ctx: RecordContext, collector: Any, collector_at: str, disposer: Any, disposer_at: str
) -> Sequence[Hit]:
    """Check a collection authority and a disposal authority (either may be None)."""
    collect = _gss(ctx, collector, collector_at) if collector is not None else None
    dispose = _gss(ctx, disposer, disposer_at) if disposer is not None else None
    if collect is None and dispose is None:
        return _NONE
    return _authority_verdict(collect, collector_at, dispose, disposer_at)


@functools.lru_cache(maxsize=1024)
def _authority_verdict(
    collect: str | None, collector_at: str, dispose: str | None, disposer_at: str
) -> tuple[Hit, ...]:
    """Judge a pair of GSS codes once for all the records of a council."""
    hits: list[Hit] = []
    if collect is not None and collect[:3] not in COLLECTION_PREFIXES:
        hits.append(Hit(
            collector_at,
            f"{collect} is the code of {_KINDS.get(collect[:3], 'a body')}, which does not "
            "collect household waste: county councils dispose of it and their districts (E07) "
            "collect it. Give the collecting council's code.",
            collect,
        ))
        collect = None
    if dispose is not None and dispose[:3] not in DISPOSAL_PREFIXES:
        hits.append(Hit(
            disposer_at,
            f"{dispose} is the code of {_KINDS.get(dispose[:3], 'a body')}, which does not "
            "dispose of household waste: a district's waste goes to its county council (E10). "
            "Give the disposal authority's code, or only its organisation identifier for a "
            "joint waste authority.",
            dispose,
        ))
        dispose = None
    if collect is not None and dispose is not None:
        expected = "E10" if collect[:3] == "E07" else collect[:3]
        if dispose[:3] != expected:
            why = (
                "a district's waste is disposed of by its county council (E10)"
                if expected == "E10" else
                f"{_KINDS[collect[:3]]} disposes of its own waste (or a joint waste authority, "
                "named by its organisation identifier, does)"
            )
            hits.append(Hit(
                disposer_at,
                f"The disposal authority {dispose} ({_KINDS.get(dispose[:3], 'unknown')}) "
                f"cannot go with the collection authority {collect}: {why}.",
                dispose,
            ))
    return tuple(hits)


def schedule_authority_prefix(ctx: RecordContext) -> Sequence[Hit]:
    """Report a property's collection or disposal authority whose GSS code cannot have that role."""
    record = ctx.record
    place = record.get("property") if type(record) is dict else None
    if type(place) is not dict:
        return _NONE
    return _authority_hits(
        ctx,
        place.get("collection_authority"), "/property/collection_authority/gss_code",
        place.get("disposal_authority"), "/property/disposal_authority/gss_code",
    )


def catalogue_authority_prefix(ctx: RecordContext) -> Sequence[Hit]:
    """Report a catalogue publisher or disposal authority whose GSS code cannot have that role."""
    record = ctx.record
    if type(record) is not dict:
        return _NONE
    return _authority_hits(
        ctx, record.get("publisher"), "/publisher/gss_code",
        record.get("disposal_authority"), "/disposal_authority/gss_code",
    )


def publisher_authority_prefix(ctx: RecordContext) -> Sequence[Hit]:
    """Report a publisher, which must be the collection authority, with a non-collecting code."""
    record = ctx.record
    if type(record) is not dict:
        return _NONE
    return _authority_hits(ctx, record.get("publisher"), "/publisher/gss_code", None, "")


# -- missed collection reports and bulky bookings --------------------------------------------------

#: Days after a collection past which a missed report is late; councils usually allow two
#: working days, so four weeks is well past any window and most likely a wrong date.
LATE_REPORT_DAYS = 28


def reported_before_collection(ctx: RecordContext) -> Sequence[Hit]:
    """Report a missed collection reported before the day the collection was due."""
    due = _top_date(ctx, "collection_date")
    reported = _top_date(ctx, "reported_at")
    if due is None or reported is None or reported >= due:
        return _NONE
    return (Hit(
        "/reported_at",
        f"The report was made on {reported}, before the collection was due on {due}; a "
        "collection can be reported missed only from its day. Check both dates.",
        reported,
    ),)


def late_report(ctx: RecordContext) -> Sequence[Hit]:
    """Report a missed collection reported more than LATE_REPORT_DAYS days after it was due."""
    due = _top_date(ctx, "collection_date")
    reported = _top_date(ctx, "reported_at")
    if due is None or reported is None or reported <= due:
        return _NONE
    try:
        late = _days(due, reported)
    except ValueError:
        return _NONE
    if late <= LATE_REPORT_DAYS:
        return _NONE
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
    return _implausible(ctx, "/collection_date", value, "collection date")


def slot_before_booking(ctx: RecordContext) -> Sequence[Hit]:
    """Report a bulky waste slot on a day before the booking was made."""
    booked = _top_date(ctx, "booked_at")
    record = ctx.record
    slot = record.get("slot") if type(record) is dict else None
    day = slot.get("date") if type(slot) is dict else None
    if booked is None or type(day) is not str or day >= booked:
        return _NONE
    if ctx.rejected and _rejected(ctx, "/slot/date"):
        return _NONE
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
    return _implausible(ctx, "/slot/date", value, "slot date")


# -- one schedule per property ---------------------------------------------------------------------

#: The parts of a schedule compared between two records of one UPRN; generated_at, publisher,
#: source_system and extensions may differ between exports without contradicting each other.
COMPARED = ("property", "services", "container_types", "collections")
_PART_BITS = 24
_PART_MASK = (1 << _PART_BITS) - 1


def _canonical(value: Any) -> bytes:
    """Return a value as JSON with sorted keys, so equal data gives equal bytes."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):  # Integers beyond 64 bits, say.
        return json.dumps(value, sort_keys=True, default=repr).encode()


def _fingerprint(record: dict[str, Any], place: dict[str, Any]) -> int:
    """Pack a 24-bit hash of each compared part into one integer.

    The property is compared without its UPRN, which may be written with other leading zeros.
    """
    packed = 0
    for position, key in enumerate(COMPARED):
        value = record.get(key)
        if value is place:
            value = {name: part for name, part in place.items() if name != "uprn"}
        # CRC-32, not hash(): Python salts hash() per process, and the parts of a file checked
        # by several processes (--jobs) must give one fingerprint for the same data.
        packed |= (zlib.crc32(_canonical(value)) & _PART_MASK) << (position * _PART_BITS)
    return packed


def _uprn_key(ctx: RecordContext) -> tuple[str, int, Any] | None:
    """Return a schedule's UPRN without leading zeros, its fingerprint, and the UPRN as written."""
    record = ctx.record
    place = record.get("property") if type(record) is dict else None
    if type(place) is not dict:
        return None
    uprn = place.get("uprn")
    if type(uprn) is not str or (ctx.rejected and _rejected(ctx, "/property/uprn")):
        return None
    # '000000512345' and '512345' are one property.
    return uprn.lstrip("0"), _fingerprint(record, place), uprn


def _uprn_judge(uprn: Any, fingerprint: int, before: int, number: int) -> Hit | None:
    """Report a schedule whose data differs from the first one with its UPRN, in `number`."""
    if before == fingerprint:
        return None  # The same schedule twice is a repeat, not a conflict.
    differ = [
        name for position, name in enumerate(COMPARED)
        if (before >> position * _PART_BITS ^ fingerprint >> position * _PART_BITS) & _PART_MASK
    ]
    return Hit(
        "/property/uprn",
        f"UPRN {uprn!r} already has a schedule in record {number}, and this one differs in "
        f"{' and '.join(differ)}; publish one schedule per property, merging the two.",
        uprn,
    )


#: A UPRN seen earlier in the file with different data.
CONFLICTING_UPRN = Across(_uprn_key, _uprn_judge)


# -- the rules of each standard --------------------------------------------------------------------

_ABOUT: dict[str, tuple[Severity, str, str]] = {
    "waste.changed-flag-mismatch": (
        Severity.ERROR, "Changed flag disagrees with the dates",
        "A moved collection has changed: true, a new date and the original date; an unchanged "
        "one has changed: false and neither original_date nor change_reason.",
    ),
    "waste.completed-without-time": (
        Severity.ERROR, "Completed collection without its completion time",
        "Give completed_at, the time the crew recorded the collection as done or not done.",
    ),
    "waste.unknown-service": (
        Severity.ERROR, "Reference to a service that is not listed",
        "Use the id of a service listed in services, or add the service.",
    ),
    "waste.unknown-container-type": (
        Severity.ERROR, "Reference to a container type that is not listed",
        "Use the id of a container type listed in container_types, or add the container type.",
    ),
    "waste.rrule-invalid": (
        Severity.ERROR, "Frequency is not a usable recurrence rule",
        "Write the frequency as an RFC 5545 RRULE that gives the collection days, such as "
        "'FREQ=WEEKLY;INTERVAL=2;BYDAY=FR', counted from a schedule start date it gives.",
    ),
    "waste.rrule-disagrees": (
        Severity.ERROR, "Frequency disagrees with the listed collections",
        "Make the rule, its start date and the listed collections agree: each collection on a "
        "date the rule gives (a moved one on its original date), and each date the rule gives "
        "listed.",
    ),
    "waste.authority-prefix": (
        Severity.ERROR, "GSS code of a body that cannot have this waste role",
        "Give the collecting council's code as collection authority (not a county, E10) and "
        "the disposing council's as disposal authority (not a district, E07).",
    ),
    "waste.outside-report-window": (
        Severity.ERROR, "Missed report outside its window",
        "A missed collection is reported on or after its day, and the window for reports "
        "closes after the collection: correct the dates.",
    ),
    "waste.late-report": (
        Severity.WARNING, "Missed collection reported weeks later",
        f"Check the collection date: reports more than {LATE_REPORT_DAYS} days after a "
        "collection are most likely a wrong date.",
    ),
    "waste.slot-before-booking": (
        Severity.ERROR, "Bulky waste slot before its booking",
        "Correct the slot date or the booking time: the slot comes after the booking.",
    ),
    "waste.implausible-date": (
        Severity.WARNING, "Collection date implausibly far in the past or future",
        "Check the year. The window is counted from generated_at (or today) and set with "
        "--past-days and --future-days.",
    ),
    "waste.conflicting-uprn": (
        Severity.ERROR, "Same property twice with different data",
        "Publish one schedule per property: merge the two records or remove the stale one.",
    ),
}


def _rule(code: str, check: RecordCheck | None = None,
          per_file: FileCheckFactory | None = None, scan: SharedScan | None = None,
          across: Across | None = None) -> Rule:
    """Build a rule from its code's severity, title and fix and a check."""
    severity, title, fix = _ABOUT[code]
    return Rule(code, severity, title, fix, check=check, per_file=per_file, scan=scan,
                across=across)


PROPERTY_SCHEDULE_RULES: tuple[Rule, ...] = (
    *(
        # One pass over the schedule finds the hits of all nine.
        _rule(code, scan=schedule_scan)
        for code in (
            "waste.changed-flag-mismatch", "waste.completed-without-time",
            "waste.unknown-service", "waste.unknown-container-type", "waste.rrule-invalid",
            "waste.rrule-disagrees", "waste.authority-prefix", "waste.outside-report-window",
            "waste.implausible-date",
        )
    ),
    _rule("waste.conflicting-uprn", across=CONFLICTING_UPRN),
)

SERVICE_CATALOGUE_RULES: tuple[Rule, ...] = (
    _rule("waste.unknown-service", catalogue_unknown_service),
    _rule("waste.unknown-container-type", catalogue_unknown_container_type),
    _rule("waste.rrule-invalid", catalogue_rrule_invalid),
    _rule("waste.authority-prefix", catalogue_authority_prefix),
)

MISSED_COLLECTION_REPORT_RULES: tuple[Rule, ...] = (
    _rule("waste.outside-report-window", reported_before_collection),
    _rule("waste.late-report", late_report),
    _rule("waste.authority-prefix", publisher_authority_prefix),
    _rule("waste.implausible-date", implausible_report_date),
)

BULKY_BOOKING_RULES: tuple[Rule, ...] = (
    _rule("waste.slot-before-booking", slot_before_booking),
    _rule("waste.authority-prefix", publisher_authority_prefix),
    _rule("waste.implausible-date", implausible_slot_date),
)
