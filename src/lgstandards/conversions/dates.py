"""Dates as other formats write them, read into and written from the register's YYYY-MM-DD.

Councils' CSV exports write dd/mm/yyyy (and variants); Open Digital Planning writes date-times
in UTC; planning.data.gov.uk writes YYYY-MM-DD. The register holds days as the planning
authority counts them, which in the United Kingdom means in London time: an application received
at 23:30 UTC on 30 June was received on 1 July.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, time
from zoneinfo import ZoneInfo

LONDON = ZoneInfo("Europe/London")

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_YMD = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DMONY = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{4})")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def parse_date(text: str) -> date | None:
    """Return the date written dd/mm/yyyy (time ignored), yyyy-mm-dd or '12 Mar 2026', or None."""
    match = _DMY.fullmatch(text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        match = _YMD.fullmatch(text)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _DMONY.fullmatch(text)
        if match and match[2].lower() in _MONTHS:
            return date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    except ValueError:  # A day or month out of range: 31/02/2026, or month/day order.
        return None
    return None


def date_hint(text: str) -> str:
    """Return why a dd/mm/yyyy date could not be read, in words a data officer can act on."""
    match = _DMY.fullmatch(text)
    if match and int(match[2]) > 12 and int(match[1]) <= 12:
        return " It looks like month/day/year; the LGA schema writes day/month/year."
    if match:
        return " There is no such day."
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2}", text):
        return " Two-digit years are ambiguous; write the year in full."
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return " It looks like a spreadsheet's day number; format the column as a date."
    return ""


def iso_day(text: str) -> str | None:
    """Return a YYYY-MM-DD date, or the London day of an ISO 8601 date-time, or None."""
    if _ISO_DAY.fullmatch(text):
        try:
            return date.fromisoformat(text).isoformat()
        except ValueError:
            return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    if moment.tzinfo is None:
        # A date-time without an offset is taken as the authority's own, London, time.
        return moment.date().isoformat()
    return moment.astimezone(LONDON).date().isoformat()


def london_midnight_utc(day: str) -> str:
    """Return the start of a London day in UTC, as ODP writes date-times."""
    start = datetime.combine(date.fromisoformat(day), time(0), LONDON).astimezone(UTC)
    return start.strftime("%Y-%m-%dT%H:%M:%S.000Z")
