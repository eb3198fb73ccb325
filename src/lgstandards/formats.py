"""Our own JSON Schema formats for UK identifiers, shared by both validation engines."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from jsonschema import FormatChecker

_POSTCODE = re.compile(
    r"(GIR 0AA|([A-Z][0-9]{1,2}|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]|[A-Z][A-HJ-Y][0-9][A-Z])"
    r" [0-9][A-Z]{2})"
)
_UPRN = re.compile(r"[0-9]{1,12}")
_USRN = re.compile(r"[0-9]{1,8}")
_GSS = re.compile(r"[EKLMNSW][0-9]{8}")


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
    # A fresh checker per call: decorating the shared class-level checker would leak our formats
    # into every other user of jsonschema in the process.
    checker = FormatChecker()
    for name, check in FORMATS.items():
        checker.checks(name)(_only_strings(check))
    return checker


def _only_strings(check: Callable[[str], bool]) -> Callable[[object], bool]:
    def wrapper(instance: object) -> bool:
        return not isinstance(instance, str) or check(instance)

    return wrapper
