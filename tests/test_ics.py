"""iCalendar export: every collection comes back out of a real RFC 5545 parser as it went in."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lgstandards.cli import main
from lgstandards.conversions.ics import CalendarOptions, escape_text, fold, to_ics

REPO = Path(__file__).resolve().parents[1]
VALID = REPO / "standards" / "waste-property-schedule" / "1.0.0" / "examples" / "valid"
INVALID = VALID.parent / "invalid"


def _records() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted(VALID.iterdir()):
        if path.suffix == ".json":
            records.append(json.loads(path.read_text()))
        elif path.suffix == ".ndjson":
            records.extend(json.loads(line) for line in path.read_text().splitlines())
    return records


RECORDS = _records()
HOUSE = json.loads((VALID / "two-tier-district-house.json").read_text())


def _events(text: str) -> list[Any]:
    return list(icalendar.Calendar.from_ical(text).walk("VEVENT"))


@pytest.mark.parametrize("record", RECORDS, ids=[r["property"]["uprn"] for r in RECORDS])
def test_every_collection_reads_back(record: dict[str, Any]) -> None:
    """A parser finds one all-day event per collection, on its date, named after its service."""
    names = {s["id"]: s["name"] for s in record["services"]}
    expected = sorted(
        (c["date"], ("Cancelled: " if c["status"] == "cancelled" else "") + names[c["service_id"]])
        for c in record["collections"]
    )
    events = _events(to_ics(record))
    found = sorted((e.decoded("DTSTART").isoformat(), str(e["SUMMARY"])) for e in events)
    assert found == expected
    for event in events:
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is date and (end - start).days == 1


def test_calendar_properties() -> None:
    """The feed names itself, asks to be refreshed daily and identifies its producer."""
    calendar = icalendar.Calendar.from_ical(to_ics(HOUSE))
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["X-WR-CALNAME"]) == "Bin collections: 27 Hillside Crescent (BN15 8QJ)"
    assert str(calendar["NAME"]) == str(calendar["X-WR-CALNAME"])
    flat = next(r for r in RECORDS if r["property"]["uprn"] == "200003487214")
    unfolded = to_ics(flat).replace("\r\n ", "")
    assert "X-WR-CALNAME:Bin collections: Flat 14 Marden House Carrick Street (SE15 4RW)\r\n" in (
        unfolded
    )
    nameless = copy.deepcopy(HOUSE)
    del nameless["property"]["address"]
    assert "\r\nNAME:Bin collections: UPRN 010001234567\r\n" in to_ics(nameless)
    assert calendar["REFRESH-INTERVAL"].to_ical() == b"P1D"
    assert str(calendar["X-PUBLISHED-TTL"]) == "P1D"
    assert "lgstandards" in str(calendar["PRODID"])
    named = to_ics(HOUSE, CalendarOptions("Bins, Lancing", "PT12H"))
    assert "X-WR-CALNAME:Bins\\, Lancing\r\n" in named  # TEXT, escaped as RFC 5545 says
    assert str(icalendar.Calendar.from_ical(named)["X-PUBLISHED-TTL"]) == "PT12H"


def test_moved_collection_says_from_when_and_why() -> None:
    """A moved collection's description gives the original day and the reason, in words."""
    moved = next(e for e in _events(to_ics(HOUSE)) if e.decoded("DTSTART") == date(2026, 12, 28))
    assert str(moved["SUMMARY"]) == "Rubbish"
    assert "Moved from Friday 25 December 2026 (Christmas and New Year)." in str(
        moved["DESCRIPTION"]
    )
    assert "Put out: Rubbish bin (grey, green lid)." in str(moved["DESCRIPTION"])


def test_uids_are_stable_and_follow_a_moved_collection() -> None:
    """UIDs are unique, the same on every export, and a moved collection keeps its UID."""
    first = [str(e["UID"]) for e in _events(to_ics(HOUSE))]
    assert len(first) == len(set(first))
    assert first == [str(e["UID"]) for e in _events(to_ics(copy.deepcopy(HOUSE)))]
    assert "010001234567-refuse-20261225@waste-property-schedule.lgstandards" in first
    later = copy.deepcopy(HOUSE)
    later["collections"][7]["date"] = "2026-12-29"  # moved again
    assert "010001234567-refuse-20261225@waste-property-schedule.lgstandards" in [
        str(e["UID"]) for e in _events(to_ics(later))
    ]


def test_cancelled_and_missed_collections() -> None:
    """A cancelled collection is marked cancelled; a missed one says what the crew found."""
    record = copy.deepcopy(HOUSE)
    record["collections"][6]["status"] = "cancelled"
    events = {e.decoded("DTSTART"): e for e in _events(to_ics(record))}
    cancelled = events[date(2026, 12, 18)]
    assert str(cancelled["STATUS"]) == "CANCELLED"
    assert str(cancelled["SUMMARY"]) == "Cancelled: Recycling"
    missed = events[date(2026, 11, 20)]
    assert str(missed["DESCRIPTION"]) == "Not collected: Contaminated with residual waste."
    assert str(missed["CATEGORIES"].cats[0]) == "Mixed dry recycling"


def test_lines_end_crlf_and_fit_75_octets() -> None:
    """Every line ends CRLF and is at most 75 octets, folded without splitting a character."""
    record = copy.deepcopy(HOUSE)
    record["services"][0]["name"] = "Gwastraff cyffredinol \u2013 général; 'rubbish', \\ bins " * 4
    text = to_ics(record)
    assert text.endswith("\r\n")
    lines = text.split("\r\n")[:-1]
    assert all("\n" not in line and "\r" not in line for line in lines)
    assert all(len(line.encode("utf-8")) <= 75 for line in lines)
    summaries = {str(e["SUMMARY"]) for e in _events(text)}
    assert record["services"][0]["name"] in summaries


def test_escaping() -> None:
    """TEXT values escape backslash, semicolon, comma and newline (RFC 5545 section 3.3.11)."""
    assert escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


@given(st.text(min_size=1, max_size=300).filter(lambda s: s.strip()))
@settings(max_examples=200, deadline=None)
def test_any_name_survives(name: str) -> None:
    """Any service name, in any script, comes back from the parser exactly."""
    record = copy.deepcopy(HOUSE)
    record["services"][1]["name"] = name
    text = to_ics(record)
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))
    expected = name.replace("\r\n", "\n").replace("\r", "\n")
    assert expected in {str(e["SUMMARY"]) for e in _events(text)}


@given(st.text(max_size=200))
def test_fold_unfolds_to_the_line(line: str) -> None:
    """Unfolding (removing CRLF and one space) gives back the original line."""
    folded = fold(line)
    assert folded.replace("\r\n ", "") == line
    assert all(len(part.encode("utf-8")) <= 75 for part in folded.split("\r\n"))


# -- the command -----------------------------------------------------------------------------------


def test_export_ics_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`lgstandards export ics` writes the feed and says how many collections it holds."""
    out = tmp_path / "bins.ics"
    code = main(["export", "ics", str(VALID / "two-tier-district-house.json"), "-o", str(out)])
    assert code == 0
    assert b"\r\n" in out.read_bytes()
    assert len(_events(out.read_text(encoding="utf-8"))) == len(HOUSE["collections"])
    assert "Wrote 11 collections of UPRN 010001234567" in capsys.readouterr().err


def test_export_picks_a_property_from_ndjson(tmp_path: Path) -> None:
    """From a council's NDJSON, --uprn chooses the property, leading zeros aside."""
    out = tmp_path / "flat.ics"
    path = str(VALID / "district-properties.ndjson")
    assert main(["export", "ics", path, "--uprn", "010023941177", "-o", str(out)]) == 0
    assert "Harbour View" in out.read_text(encoding="utf-8")
    assert main(["export", "ics", path]) == 2
    assert main(["export", "ics", path, "--uprn", "1"]) == 2


def test_export_refuses_a_schedule_that_does_not_conform(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A schedule with errors is not exported: exit 2, and its findings are shown."""
    out = tmp_path / "bins.ics"
    code = main(["export", "ics", str(INVALID / "changed-flag-mismatch.json"), "-o", str(out)])
    err = capsys.readouterr().err
    assert code == 2
    assert not out.exists()
    assert "waste.changed-flag-mismatch" in err
    assert "not a conforming waste-property-schedule@1 schedule" in err


@pytest.mark.parametrize("content", [b"", b"{not json", b"[]"])
def test_export_of_unreadable_input_exits_2(tmp_path: Path, content: bytes) -> None:
    """Empty, broken or record-less input is reported, never a traceback."""
    path = tmp_path / "schedule.json"
    path.write_bytes(content)
    assert main(["export", "ics", str(path)]) == 2
    assert main(["export", "ics", str(tmp_path / "missing.json")]) == 2


def test_export_rejects_a_bad_refresh_interval() -> None:
    """--refresh takes an RFC 5545 duration."""
    assert main(["export", "ics", str(VALID / "unitary-house.json"), "--refresh", "daily"]) == 2
