"""A property schedule as an iCalendar feed (RFC 5545) that a resident can subscribe to.

Each collection becomes one all-day VEVENT: SUMMARY is the service's name ('Rubbish'), the
description says which containers to put out and, for a moved collection, the day it moved from
and why. Each event's UID is built from the UPRN, the service and the day the collection was
scheduled for, so a collection that moves keeps its UID and calendar apps move the event rather
than adding a second one. The feed asks to be refreshed daily (REFRESH-INTERVAL, RFC 7986, and
X-PUBLISHED-TTL for older apps).

Written by hand rather than through a library: the output is small, and every rule of the format
it needs (CRLF line ends, folding at 75 octets, TEXT escaping) is a few lines here.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

#: The product identifier every feed carries (RFC 5545 section 3.7.3).
PRODID = "-//lgstandards//waste-property-schedule 1//EN"
#: The domain part of event UIDs, which makes them unique beyond one publisher's feed.
UID_DOMAIN = "waste-property-schedule.lgstandards"

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = ("", "January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


@dataclass(frozen=True)
class CalendarOptions:
    """Choices for the feed: its name and how often apps should fetch it again."""

    #: The calendar's name in apps; by default 'Bin collections: ' and the address or UPRN.
    name: str | None = None
    #: How often apps should refresh the feed, as an RFC 5545 duration.
    refresh: str = "P1D"


def escape_text(value: str) -> str:
    """Escape a TEXT value (RFC 5545 section 3.3.11): backslash, semicolon, comma, newline."""
    return (
        value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
        .replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")
    )


def fold(line: str) -> str:
    """Fold a content line so no physical line exceeds 75 octets (RFC 5545 section 3.1).

    Lines are split between characters, never inside a UTF-8 sequence, and each continuation
    starts with one space, which counts towards its 75 octets.
    """
    if len(line) <= 75 and line.isascii():
        return line
    pieces: list[str] = []
    current: list[str] = []
    size, limit = 0, 75
    for char in line:
        width = len(char.encode("utf-8"))
        if size + width > limit:
            pieces.append("".join(current))
            current, size, limit = [], 0, 74
        current.append(char)
        size += width
    pieces.append("".join(current))
    return "\r\n ".join(pieces)


def _long_date(day: str) -> str:
    """Return a YYYY-MM-DD date as people write it, such as 'Friday 25 December 2026'."""
    when = date.fromisoformat(day)
    return f"{_DAY_NAMES[when.weekday()]} {when.day} {_MONTH_NAMES[when.month]} {when.year}"


def _basic(day: str) -> str:
    """Return a YYYY-MM-DD date in iCalendar's basic form, YYYYMMDD."""
    return day.replace("-", "")


def _stamp(generated_at: Any) -> str:
    """Return generated_at in UTC as an iCalendar DATE-TIME, or the present moment."""
    when = None
    if isinstance(generated_at, str):
        try:
            when = datetime.fromisoformat(generated_at)
        except ValueError:
            when = None
    if when is None or when.tzinfo is None:
        when = datetime.now(UTC)
    return when.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


@functools.cache
def _titles(codelist: str) -> Mapping[str, str]:
    """Return code -> title for one of the property schedule's codelists."""
    from lgstandards.registry import catalogue

    version = catalogue().select("waste-property-schedule@1")
    found = version.codelists.get(f"codelists/{codelist}.json")
    return {str(c["code"]): str(c["title"]) for c in found.codes} if found else {}


def _address(place: Mapping[str, Any]) -> str | None:
    """Return the property's address on one line, if the record has one."""
    address = place.get("address")
    if not isinstance(address, dict):
        return None
    if isinstance(address.get("single_line"), str):
        return str(address["single_line"])
    first = " ".join(
        str(address[key]) for key in ("paon", "street") if isinstance(address.get(key), str)
    )
    parts = [address.get("saon"), first, address.get("locality"), address.get("town"),
             address.get("postcode")]
    return ", ".join(str(p) for p in parts if isinstance(p, str) and p) or None


def _containers(service: Mapping[str, Any], kinds: Mapping[Any, Mapping[str, Any]]) -> str:
    """Describe the containers a service empties, such as 'Rubbish bin (grey, green lid)'."""
    described = []
    for ident in service.get("container_type_ids") or ():
        kind = kinds.get(ident)
        if kind is None:
            continue
        colours = [str(kind["colour"])] if isinstance(kind.get("colour"), str) else []
        if isinstance(kind.get("lid_colour"), str):
            colours.append(f"{kind['lid_colour']} lid")
        described.append(str(kind.get("name", ident)) + (f" ({', '.join(colours)})"
                                                        if colours else ""))
    return "; ".join(described)


def _description(
    item: Mapping[str, Any], service: Mapping[str, Any], kinds: Mapping[Any, Mapping[str, Any]]
) -> str:
    """Say what to put out, and whether the collection moved, was cancelled or was missed."""
    lines: list[str] = []
    status = item.get("status")
    if status == "cancelled":
        lines.append("This collection is cancelled and will not happen.")
    elif status == "not_completed":
        outcome = _titles("collection-outcome").get(str(item.get("outcome_code")))
        lines.append("Not collected" + (f": {outcome}." if outcome else "."))
    elif status == "completed":
        lines.append("Collected.")
    containers = _containers(service, kinds)
    if containers and status in ("scheduled", "in_progress"):
        lines.append(f"Put out: {containers}.")
    original = item.get("original_date")
    if item.get("changed") is True and isinstance(original, str):
        reason = _titles("change-reason").get(str(item.get("change_reason")))
        lines.append(
            f"Moved from {_long_date(original)}" + (f" ({reason})." if reason else ".")
        )
    if service.get("subscription_required") is True and service.get("subscription_active") is False:
        lines.append("This service needs a subscription, which this property does not have.")
    return "\n".join(lines)


def calendar_name(record: Mapping[str, Any]) -> str:
    """Return the default calendar name, such as 'Bin collections: 27 Hillside Crescent (BN15 8QJ)'.

    The name has no commas: apps show X-WR-CALNAME escapes, which are correct, inconsistently.
    """
    place = record.get("property")
    place = place if isinstance(place, dict) else {}
    address = place.get("address")
    if isinstance(address, dict):
        first = " ".join(
            str(address[key]) for key in ("saon", "paon", "street")
            if isinstance(address.get(key), str)
        )
        postcode = address.get("postcode")
        if first:
            return f"Bin collections: {first}" + (f" ({postcode})" if postcode else "")
    return f"Bin collections: UPRN {place.get('uprn', '')}"


def to_ics(record: Mapping[str, Any], options: CalendarOptions | None = None) -> str:
    """Return a property schedule as an iCalendar feed, one all-day event per collection.

    The record should be a valid `waste-property-schedule` record; fields it lacks are left out
    of the feed rather than guessed.
    """
    options = options or CalendarOptions()
    place = record.get("property")
    place = place if isinstance(place, dict) else {}
    uprn = str(place.get("uprn", ""))
    services = {
        s.get("id"): s for s in record.get("services") or () if isinstance(s, dict)
    }
    kinds = {
        c.get("id"): c for c in record.get("container_types") or () if isinstance(c, dict)
    }
    stamp = _stamp(record.get("generated_at"))
    name = options.name or calendar_name(record)
    location = _address(place)
    streams = _titles("waste-stream")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"NAME:{escape_text(name)}",
        f"X-WR-CALNAME:{escape_text(name)}",
        "X-WR-TIMEZONE:Europe/London",
        f"REFRESH-INTERVAL;VALUE=DURATION:{options.refresh}",
        f"X-PUBLISHED-TTL:{options.refresh}",
    ]
    used: set[str] = set()
    for item in _in_date_order(record.get("collections") or ()):
        day = item.get("date")
        if not isinstance(day, str):
            continue
        service = services.get(item.get("service_id")) or {}
        title = str(service.get("name") or item.get("service_id") or "Collection")
        # The day the collection was scheduled for: a moved collection keeps its UID.
        scheduled = item.get("original_date") if item.get("changed") is True else day
        uid = f"{uprn}-{item.get('service_id')}-{_basic(str(scheduled))}"
        number = 2
        while uid in used:
            uid = f"{uprn}-{item.get('service_id')}-{_basic(str(scheduled))}-{number}"
            number += 1
        used.add(uid)
        cancelled = item.get("status") == "cancelled"
        next_day = (date.fromisoformat(day) + timedelta(days=1)).isoformat()
        lines += [
            "BEGIN:VEVENT",
            f"UID:{escape_text(uid)}@{UID_DOMAIN}",
            f"DTSTAMP:{stamp}",
            f"DTSTART;VALUE=DATE:{_basic(day)}",
            f"DTEND;VALUE=DATE:{_basic(next_day)}",
            f"SUMMARY:{escape_text(('Cancelled: ' if cancelled else '') + title)}",
        ]
        description = _description(item, service, kinds)
        if description:
            lines.append(f"DESCRIPTION:{escape_text(description)}")
        if location:
            lines.append(f"LOCATION:{escape_text(location)}")
        # A 2.x service lists its streams; its first is the one it is known by.
        listed = service.get("streams")
        main = service.get("stream") or (listed[0] if isinstance(listed, list) and listed else "")
        stream = streams.get(str(main))
        if stream:
            lines.append(f"CATEGORIES:{escape_text(stream)}")
        lines += [
            f"STATUS:{'CANCELLED' if cancelled else 'CONFIRMED'}",
            "TRANSP:TRANSPARENT",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


def _in_date_order(collections: Iterable[Any]) -> list[Mapping[str, Any]]:
    """Return the collections that are objects with a valid date, earliest first."""
    dated = []
    for position, item in enumerate(collections):
        if not isinstance(item, dict) or not isinstance(item.get("date"), str):
            continue
        try:
            date.fromisoformat(item["date"])
        except ValueError:
            continue
        dated.append((item["date"], position, item))
    return [item for _, _, item in sorted(dated, key=lambda entry: entry[:2])]
