"""RFC 5545 recurrence rules: whether one can be used, and the dates it gives from a start.

Rules are expanded with python-dateutil and cached by rule and start date, because a council's
properties share a handful of rounds.
"""

from __future__ import annotations

import bisect
import functools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
# English names, whatever the locale: messages are in English.
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")
_LONGEST = (31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)  # February at its longest

#: The Gregorian calendar repeats exactly every 400 years (146,097 days, a whole number of weeks).
_CYCLE = 400


@dataclass(frozen=True, slots=True)
class RuleParts:
    """An RRULE split into its parts, as far as the checks below need them."""

    freq: str
    interval: int
    weekdays: tuple[tuple[int, int], ...]  # (ordinal or 0, weekday 0-6), from BYDAY
    monthdays: tuple[int, ...]
    months: tuple[int, ...]
    setpos: int | None
    until: str | None  # YYYY-MM-DD
    count: int | None


def split_rule(text: str) -> RuleParts | str:
    """Split an RRULE into its parts, or return why it cannot be read."""
    fields: dict[str, str] = {}
    for part in text.split(";"):
        name, sep, value = part.partition("=")
        if not sep or not value or name in fields:
            return f"{part!r} is not one NAME=VALUE part"
        fields[name] = value
    try:
        weekdays = tuple(
            (int(day[:-2] or 0), DAYS.index(day[-2:]))
            for day in fields["BYDAY"].split(",")
        ) if "BYDAY" in fields else ()
        until = fields.get("UNTIL")
        return RuleParts(
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
def rule_problem(text: str) -> str | None:
    """Return why an RRULE breaks RFC 5545 or can never happen, whatever its start; else None."""
    parts = split_rule(text)
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
class Series:
    """What is known about a rule counted from a start date: a problem, or its extent."""

    problem: str | None = None
    start_in_series: bool = True
    #: The last date of a finite series (UNTIL or COUNT): later dates are not judged.
    last: str | None = None


@dataclass(frozen=True, slots=True)
class Dates:
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

    parts = split_rule(text)
    if isinstance(parts, RuleParts) and parts.until:
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
def expand(text: str, start: str, through: str) -> Dates | None:
    """Return the dates of a rule counted from `start`, up to `through` (both YYYY-MM-DD)."""
    first, last = date.fromisoformat(start), date.fromisoformat(through)
    if last < first:
        return Dates((), frozenset())
    if last.year - first.year > _MAX_SPAN_YEARS:
        return None
    shift = _shift(last.year)
    end = datetime(last.year + shift, last.month, last.day)
    found: list[str] = []
    for when in _moved_rule(text, first, shift):
        if when > end:
            break
        found.append(f"{when.year - shift:04d}-{when.month:02d}-{when.day:02d}")
    return Dates(tuple(found), frozenset(found))


def first_on_or_after(text: str, start: str) -> str | None:
    """Return the rule's first date on or after `start`, or None if it has none."""
    first = date.fromisoformat(start)
    shift = _shift(first.year)
    when = next(iter(_moved_rule(text, first, shift)), None)
    return None if when is None else f"{when.year - shift:04d}-{when.month:02d}-{when.day:02d}"


@functools.lru_cache(maxsize=4096)
def series_of(text: str, start: str) -> Series:
    """Check a rule against its start date: readable, ever happening, and starting on a date."""
    problem = rule_problem(text)
    if problem is not None:
        return Series(problem)
    parts = split_rule(text)
    assert isinstance(parts, RuleParts)  # rule_problem has read it
    first = date.fromisoformat(start)
    if parts.until and parts.until < start:
        return Series(f"it ends (UNTIL {parts.until}) before the schedule starts on {start}")
    # With an INTERVAL, only some weekdays or months are ever reached from the start.
    weekdays = {day for _, day in parts.weekdays}
    if (parts.freq == "DAILY" and weekdays and parts.interval % 7 == 0
            and first.weekday() not in weekdays):
        return Series(
            f"every {parts.interval} days from a {DAY_NAMES[first.weekday()]} never lands "
            f"on {', '.join(DAYS[day] for day in sorted(weekdays))}, so it never happens"
        )
    if parts.freq == "MONTHLY" and (parts.months or parts.monthdays):
        reached = {(first.month - 1 + k * parts.interval) % 12 + 1 for k in range(12)}
        months = sorted(m for m in reached if not parts.months or m in parts.months)
        if not months or (parts.monthdays and not _fits(months, parts.monthdays)):
            return Series(
                f"every {parts.interval} months from {start} never reaches a month with a day "
                "it allows, so it never happens"
            )
    opening = first_on_or_after(text, start)
    if opening is None:
        return Series(f"it gives no date on or after the schedule start date {start}, so it "
                       "never happens")
    last = parts.until
    if parts.count is not None:
        horizon = date(min(first.year + _MAX_SPAN_YEARS - 1, 9998), 12, 31).isoformat()
        dates = expand(text, start, horizon)
        if dates is not None and len(dates.ordered) == parts.count:
            last = dates.ordered[-1]
    return Series(start_in_series=opening == start, last=last)



def weekday_name(day: str) -> str:
    """Return the English name of a YYYY-MM-DD date's weekday."""
    return DAY_NAMES[date.fromisoformat(day).weekday()]


@functools.lru_cache(maxsize=4096)
def dates_between(text: str, start: str, low: str, high: str) -> tuple[str, ...] | None:
    """Return the rule's dates from `low` to `high`, counted from `start`."""
    dates = expand(text, start, high)
    if dates is None:
        return None
    ordered = dates.ordered
    return ordered[bisect.bisect_left(ordered, low):bisect.bisect_right(ordered, high)]


