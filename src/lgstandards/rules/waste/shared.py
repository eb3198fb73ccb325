"""What the waste standards' rules share: record access, plausible dates, hits and codes."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from lgstandards.findings import Severity
from lgstandards.messages import suggest
from lgstandards.rules.base import (
    Across,
    FileCheckFactory,
    Hit,
    RecordCheck,
    RecordContext,
    Rule,
    SharedScan,
)

NONE: tuple[Hit, ...] = ()


def is_rejected(ctx: RecordContext, pointer: str) -> bool:
    """Return whether the schema rejected `pointer`; call only when ctx.rejected is non-empty."""
    return ctx.is_rejected(pointer)


def list_of(record: Any, key: str) -> list[Any]:
    """Return record[key] when the record is an object and the value a list, else []."""
    if type(record) is not dict:
        return []
    value = record.get(key)
    return value if type(value) is list else []


def days_between(earlier: str, later: str) -> int:
    """Return the number of days from one YYYY-MM-DD date to another."""
    return (date.fromisoformat(later) - date.fromisoformat(earlier)).days


def top_date(ctx: RecordContext, key: str) -> str | None:
    """Return the date part (first ten characters) of a top-level date or date-time field."""
    record = ctx.record
    value = record.get(key) if type(record) is dict else None
    if type(value) is not str or len(value) < 10:
        return None
    if ctx.rejected and is_rejected(ctx, "/" + key):
        return None
    return value[:10]


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
class Plausible:
    """The window of plausible dates for one record, and the day it is counted from."""

    low: str
    high: str
    anchor: str
    source: str

    def hit(self, ctx: RecordContext, pointer: str, value: str, what: str) -> Hit | None:
        """Describe a date outside the window, or return None if it cannot be judged."""
        try:
            gap = days_between(self.anchor, value)
        except ValueError:
            return None
        options = ctx.options
        direction, limit, option = (
            ("after", options.future_days, "--future-days") if gap > 0
            else ("before", options.past_days, "--past-days")
        )
        widen = suggest(options.accepts, f", or pass {option} to widen the window")
        return Hit(
            pointer,
            f"The {what} {value} is {abs(gap):,} days {direction} the day {self.source} "
            f"({self.anchor}), more than the {limit:,} days that are plausible; check the "
            f"year{widen}.",
            value,
        )


def record_window(ctx: RecordContext) -> Plausible | None:
    """Return the record's window: around its generated_at, else the options' today, else None."""
    anchor, source = top_date(ctx, "generated_at"), "the record was generated"
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
def _plausible_window(anchor: str, source: str, past: int, future: int) -> Plausible:
    """Build the window around an anchor date once for all the records that share it."""
    return Plausible(*_window(anchor, past, future), anchor, source)


def implausible_hits(ctx: RecordContext, pointer: str, value: Any, what: str) -> Sequence[Hit]:
    """Report one date outside the record's plausible window."""
    if type(value) is not str:
        return NONE
    window = record_window(ctx)
    if window is None or window.low <= value <= window.high:
        return NONE
    if ctx.rejected and is_rejected(ctx, pointer):
        return NONE
    hit = window.hit(ctx, pointer, value, what)
    return (hit,) if hit else NONE


# -- hits more than one standard reports ----------------------------------------------------------


def unknown_service_hit(pointer: str, service: str) -> Hit:
    """Describe a reference to a service that is not listed."""
    return Hit(
        pointer,
        f"The service {service!r} is not listed in services; use the id of a listed service, "
        "or add the service.",
        service,
    )


def unknown_container_hit(pointer: str, value: str) -> Hit:
    """Describe a reference to a container type that is not listed."""
    return Hit(
        pointer,
        f"The container type {value!r} is not listed in container_types; use the id of a "
        "listed container type, or add it.",
        value,
    )


def rrule_invalid_hit(index: int, text: str, problem: str) -> Hit:
    """Describe a frequency that cannot be used."""
    return Hit(
        f"/services/{index}/frequency",
        f"The frequency {text!r} cannot be used: {problem}. Write it as an RFC 5545 RRULE that "
        "gives the service's collection days.",
        text,
    )


def ids_of(items: list[Any]) -> set[str]:
    """Return the string `id` of each object in a list."""
    return {
        ident for item in items if type(item) is dict and type(ident := item.get("id")) is str
    }


# -- dates and card numbers in the records of cases (subscriptions, requests) ---------------------


def instant(ctx: RecordContext, node: Any, key: str, pointer: str) -> datetime | None:
    """Return a date-time field as an aware datetime, or None if absent, unreadable or rejected."""
    value = node.get(key) if type(node) is dict else None
    if type(value) is not str or (ctx.rejected and is_rejected(ctx, pointer)):
        return None
    try:
        when = datetime.fromisoformat(value.replace("z", "Z"))
    except ValueError:
        return None
    return when if when.tzinfo is not None else None


def out_of_order(pointer: str, later: str, later_value: str, earlier: str,
                 earlier_value: str) -> Hit:
    """Describe a date or date-time that comes before one it must follow."""
    return Hit(
        pointer,
        f"The {later} ({later_value}) is before the {earlier} ({earlier_value}); "
        "check both.",
        later_value,
    )


#: A run of 13 to 19 digits, perhaps in groups of four split by spaces or hyphens: a card number.
_CARD = re.compile(r"(?<![0-9])(?:[0-9][ -]?){12,18}[0-9](?![0-9])")


def _card_like(digits: str) -> bool:
    """Return whether digits have the issuer prefix and length of a card that UK payers use.

    Visa, Mastercard, American Express, Maestro and Discover; with the Luhn check below, a
    reference of random digits is taken for a card number far less often than one in ten.
    """
    size, two, four = len(digits), int(digits[:2]), int(digits[:4])
    return (
        (digits[0] == "4" and size in (13, 16, 19))
        or ((51 <= two <= 55 or 2221 <= four <= 2720) and size == 16)
        or (two in (34, 37) and size == 15)
        or ((two == 50 or 56 <= two <= 69) and 13 <= size <= 19)
    )


def _luhn(digits: str) -> bool:
    """Return whether a string of digits passes the Luhn check that card numbers pass."""
    total = 0
    for position, char in enumerate(reversed(digits)):
        value = int(char)
        if position % 2:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def card_number_hits(ctx: RecordContext, places: Sequence[tuple[str, Any]]) -> Sequence[Hit]:
    """Report texts holding what looks like a payment card number (13-19 digits, Luhn-valid)."""
    hits: list[Hit] = []
    for pointer, value in places:
        if type(value) is not str or (ctx.rejected and is_rejected(ctx, pointer)):
            continue
        for match in _CARD.finditer(value):
            digits = re.sub(r"[ -]", "", match.group())
            if _card_like(digits) and _luhn(digits):
                hits.append(Hit(
                    pointer,
                    f"This text holds {len(digits)} digits that pass the card-number check "
                    f"(ending {digits[-4:]}); never record card numbers or other card data "
                    "(PCI DSS): keep the payment provider's reference instead.",
                    f"...{digits[-4:]}",
                ))
                break
    return hits or NONE


#: Days after a collection past which a missed report is late; councils usually allow two
#: working days, so four weeks is well past any window and most likely a wrong date.
LATE_REPORT_DAYS = 28


# -- the rules of each standard --------------------------------------------------------------------

ABOUT: dict[str, tuple[Severity, str, str]] = {
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
        "Check the year. The window is counted from generated_at (or today); `lgstandards "
        "validate` sets it with --past-days and --future-days.",
    ),
    "waste.dates-out-of-order": (
        Severity.ERROR, "Dates or times out of order",
        "Put the dates (and the times of a time band) in their order: a schedule is in force "
        "from a day on or before its first collection and until a day after it; a subscription "
        "or request ends after it starts.",
    ),
    "waste.status-disagrees": (
        Severity.ERROR, "Status disagrees with the dates",
        "Make the status say what the dates say on the day the record was last updated: a "
        "subscription whose period has ended has expired, and a notice whose disruption has "
        "started is current.",
    ),
    "waste.card-number": (
        Severity.ERROR, "Card number in the data",
        "Remove the card number: never record card numbers or other card data (PCI DSS). Keep "
        "the payment provider's reference instead, and check where else the number was copied.",
    ),
    "waste.exchange-same-size": (
        Severity.ERROR, "Exchange for a container of the same size",
        "An exchange swaps a container for another size: give both capacities, or ask for a "
        "replacement instead.",
    ),
    "waste.conflicting-uprn": (
        Severity.ERROR, "Same property twice with different data",
        "Publish one schedule per property: merge the two records or remove the stale one.",
    ),
}


def make_rule(code: str, check: RecordCheck | None = None,
          per_file: FileCheckFactory | None = None, scan: SharedScan | None = None,
          across: Across | None = None) -> Rule:
    """Build a rule from its code's severity, title and fix and a check."""
    severity, title, fix = ABOUT[code]
    return Rule(code, severity, title, fix, check=check, per_file=per_file, scan=scan,
                across=across)


