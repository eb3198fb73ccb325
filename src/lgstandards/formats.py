"""Our own JSON Schema formats for UK identifiers, shared by both validation engines."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from jsonschema import FormatChecker

_POSTCODE = re.compile(
    r"(GIR 0AA|([A-Z][0-9]{1,2}|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]|[A-Z][A-HJ-Y][0-9][A-Z])"
    r" [0-9][A-Z]{2})"
)
_UPRN = re.compile(r"[0-9]{1,12}")
_USRN = re.compile(r"[0-9]{1,8}")
_GSS = re.compile(r"[EKLMNSW][0-9]{8}")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_DATE_TIME = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})[Tt]([0-9]{2}):([0-9]{2}):([0-9]{2})(\.[0-9]+)?"
    r"([Zz]|[+-]([0-9]{2}):([0-9]{2}))"
)
_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def _valid_date(year: int, month: int, day: int) -> bool:
    if not 1 <= month <= 12:
        return False
    leap = year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return 1 <= day <= _DAYS[month - 1] + (1 if month == 2 and leap else 0)


def is_rfc3339_date(value: str) -> bool:
    """Return whether the text is an RFC 3339 full-date (proleptic Gregorian, year 0000 allowed)."""
    match = _DATE.fullmatch(value)
    return match is not None and _valid_date(*(int(g) for g in match.groups()))


def is_rfc3339_date_time(value: str) -> bool:
    """Return whether the text is an RFC 3339 date-time with an offset, leap seconds included."""
    match = _DATE_TIME.fullmatch(value)
    if match is None:
        return False
    year, month, day, hour, minute, second = (int(g) for g in match.groups()[:6])
    if not _valid_date(year, month, day) or hour > 23 or minute > 59 or second > 60:
        return False
    off_h = int(match.group(9) or 0)
    off_m = int(match.group(10) or 0)
    if off_h > 23 or off_m > 59:
        return False
    if second == 60:
        # A leap second happens at 23:59:60 UTC only, so local time must map back to it.
        sign = -1 if match.group(8).startswith("-") else 1
        utc_minutes = (hour * 60 + minute - sign * (off_h * 60 + off_m)) % (24 * 60)
        return utc_minutes == 23 * 60 + 59
    return True


def _matcher(pattern: re.Pattern[str]) -> Callable[[str], bool]:
    def check(value: str) -> bool:
        return pattern.fullmatch(value) is not None

    return check


# One table feeds both engines, so the fast and the reference validator agree by construction.
FORMATS: Mapping[str, Callable[[str], bool]] = {
    "uk-postcode": _matcher(_POSTCODE),
    "uprn": _matcher(_UPRN),
    "usrn": _matcher(_USRN),
    "gss-code": _matcher(_GSS),
}

FORMAT_DESCRIPTIONS: Mapping[str, str] = {
    "uk-postcode": "a UK postcode in capitals with one space, such as 'SW1A 1AA'",
    "uprn": "a UPRN of 1 to 12 digits, such as '100023336956'",
    "usrn": "a USRN of 1 to 8 digits, such as '21900653'",
    "gss-code": "a nine-character GSS code, such as 'E07000223'",
    "date": "a date written YYYY-MM-DD, such as '2026-12-24'",
    "date-time": "a date and time with an offset, such as '2026-12-24T07:30:00Z'",
    "email": "an email address, such as 'name@example.org'",
    "uri": "an absolute URI, such as 'https://example.org/page'",
}


def format_checker() -> FormatChecker:
    """Return a new python-jsonschema format checker with the standard formats and ours."""
    from jsonschema import FormatChecker

    # A fresh checker per call: decorating the shared class-level checker would leak our formats
    # into every other user of jsonschema in the process.
    checker = FormatChecker()
    # The reference engine must judge dates exactly as jsonschema-rs does (RFC 3339 to the letter:
    # year 0000 and leap seconds allowed), so it uses these checkers rather than the defaults.
    for name, check in {
        **FORMATS,
        "date": is_rfc3339_date,
        "date-time": is_rfc3339_date_time,
    }.items():
        checker.checks(name)(_only_strings(check))
    return checker


def _only_strings(check: Callable[[str], bool]) -> Callable[[object], bool]:
    def wrapper(instance: object) -> bool:
        return not isinstance(instance, str) or check(instance)

    return wrapper
