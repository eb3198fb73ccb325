"""Rules beyond the schema for the waste standards: each fires when it should, and only then."""

from __future__ import annotations

import copy
import json
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from dateutil.rrule import rrulestr
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lgstandards.conformance import Checker
from lgstandards.findings import Finding, Severity
from lgstandards.rules import RULESETS, RecordContext, RuleOptions, waste
from lgstandards.rules.waste import recurrence
from lgstandards.sources import Source

REPO = Path(__file__).resolve().parents[1]
SCHEDULE = "waste-property-schedule@1"
CATALOGUE = "waste-service-catalogue@1"
REPORT = "waste-missed-collection-report@1"
BOOKING = "waste-bulky-booking@1"
RULES = {
    SCHEDULE: waste.PROPERTY_SCHEDULE_RULES,
    CATALOGUE: waste.SERVICE_CATALOGUE_RULES,
    REPORT: waste.MISSED_COLLECTION_REPORT_RULES,
    BOOKING: waste.BULKY_BOOKING_RULES,
}


def _examples(standard: str, kind: str = "valid") -> Path:
    return REPO / "standards" / standard.split("@")[0] / "1.0.0" / "examples" / kind


def _valid(standard: str) -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted(_examples(standard).iterdir()):
        if path.suffix == ".json":
            records.append(json.loads(path.read_text()))
        elif path.suffix == ".ndjson":
            records.extend(json.loads(line) for line in path.read_text().splitlines())
    return records


def _one(standard: str, name: str) -> dict[str, Any]:
    record: dict[str, Any] = json.loads((_examples(standard) / name).read_text())
    return record


HOUSE = _one(SCHEDULE, "two-tier-district-house.json")
UNITARY = _one(SCHEDULE, "unitary-house.json")
FLAT = _one(SCHEDULE, "communal-flat.json")
CATALOGUE_DISTRICT = _one(CATALOGUE, "two-tier-district.json")
MISSED = _one(REPORT, "collected-two-tier.json")
BOOKED = _one(BOOKING, "confirmed-with-pops.json")

_CHECKERS: dict[tuple[str, RuleOptions], Checker] = {}


def _checker(standard: str, options: RuleOptions | None = None) -> Checker:
    """Return a (cached) checker for a standard with these rule options."""
    key = (standard, options or RuleOptions())
    if key not in _CHECKERS:
        _CHECKERS[key] = Checker.for_standard(standard, options=key[1])
    return _CHECKERS[key]


def _found(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.code, f.pointer) for f in findings}


def _waste(
    record: Any, standard: str = SCHEDULE, options: RuleOptions | None = None
) -> set[tuple[str, str]]:
    """Return the (code, pointer) of the waste rule findings for one record."""
    found = _checker(standard, options).check_record(record)
    return {(f.code, f.pointer) for f in found if f.code.startswith("waste.")}


# -- registration ----------------------------------------------------------------------------------


def test_rules_are_registered_for_each_waste_standard() -> None:
    """Each waste standard's checker runs its rules; codes are unique and namespaced."""
    for standard, rules in RULES.items():
        assert RULESETS[standard] == rules
        codes = [rule.code for rule in rules]
        assert len(codes) == len(set(codes)), standard
        assert all(code.startswith("waste.") for code in codes)
        assert {rule.code for rule in Checker.for_standard(standard).rules} >= set(codes)


def test_a_code_means_one_thing_everywhere() -> None:
    """A code shared by several standards has one severity, title and fix."""
    seen: dict[str, tuple[Severity, str, str]] = {}
    for rules in RULES.values():
        for rule in rules:
            about = (rule.severity, rule.title, rule.fix)
            assert seen.setdefault(rule.code, about) == about, rule.code


def test_every_rule_is_documented() -> None:
    """Each standard's page explains every rule that checks it."""
    for standard, rules in RULES.items():
        text = (REPO / "docs" / f"{standard.split('@')[0]}.md").read_text()
        assert "## Rules beyond the schema" in text, standard
        for rule in rules:
            assert f"`{rule.code}`" in text, (standard, rule.code)


def test_every_rule_has_an_invalid_example() -> None:
    """Each rule's code appears in an invalid example of its standard."""
    for standard, rules in RULES.items():
        shown: set[str] = set()
        for sidecar in _examples(standard, "invalid").glob("*.findings.json"):
            shown |= {f["code"] for f in json.loads(sidecar.read_text())}
        expected = {rule.code for rule in rules}
        if standard in (REPORT, BOOKING):
            # Without generated_at these are judged from today, which examples do not have.
            expected.discard("waste.implausible-date")
        assert expected <= shown, (standard, expected - shown)


@pytest.mark.parametrize("standard", list(RULES))
def test_valid_examples_raise_nothing(standard: str) -> None:
    """Every valid example meets every rule, with no 'today' and as of its release day."""
    for options in (RuleOptions(), RuleOptions(today=date(2026, 11, 26))):
        for record in _valid(standard):
            assert _checker(standard, options).check_record(record) == []


# -- collections: changed flag, completion time, references ---------------------------------------


def _house(**collections: dict[str, Any]) -> dict[str, Any]:
    """Return the district house with some collections (by index) changed; None removes a key."""
    record = copy.deepcopy(HOUSE)
    for index, changes in collections.items():
        item = record["collections"][int(index.lstrip("c"))]
        for key, value in changes.items():
            if value is None:
                item.pop(key, None)
            else:
                item[key] = value
    return record


@pytest.mark.parametrize(
    "changes",
    [
        {"c7": {"date": "2026-12-25"}},  # moved, but to the day it was on
        {"c3": {"original_date": "2026-12-03"}},  # unchanged, yet another original date
        {"c5": {"change_reason": "weather"}},  # unchanged, yet a reason for a change
    ],
)
def test_changed_flag_mismatch(changes: dict[str, dict[str, Any]]) -> None:
    """A changed flag that contradicts the dates or the reason is reported at the collection."""
    index = next(iter(changes))[1:]
    assert _waste(_house(**changes)) == {
        ("waste.changed-flag-mismatch", f"/collections/{index}")
    }


def test_unchanged_with_its_own_date_as_original_is_consistent() -> None:
    """changed: false with an original date equal to the date says nothing contradictory."""
    assert _waste(_house(c3={"original_date": "2026-12-04"})) == set()


def test_completed_without_time() -> None:
    """Completed and not-completed collections need completed_at; scheduled ones do not."""
    record = _house(c0={"completed_at": None}, c1={"completed_at": None})
    assert _waste(record) == {
        ("waste.completed-without-time", "/collections/0/completed_at"),
        ("waste.completed-without-time", "/collections/1/completed_at"),
    }
    assert _waste(_house(c2={"missed_report_allowed_until": None})) == set()


def test_unknown_service_and_container_type() -> None:
    """References to services and container types the record does not list are reported."""
    record = _house(c10={"service_id": "general"})
    record["services"][0]["container_type_ids"] = ["refuse-180", "refuse-360"]
    assert _waste(record) == {
        ("waste.unknown-service", "/collections/10/service_id"),
        ("waste.unknown-container-type", "/services/0/container_type_ids/1"),
    }


def test_catalogue_references() -> None:
    """A catalogue's charges and services must name its own services and container types."""
    record = copy.deepcopy(CATALOGUE_DISTRICT)
    record["charges"][0]["service_id"] = "garden-waste"
    record["charges"][0]["container_type_id"] = "garden-360"
    assert _waste(record, CATALOGUE) == {
        ("waste.unknown-service", "/charges/0/service_id"),
        ("waste.unknown-container-type", "/charges/0/container_type_id"),
    }


# -- recurrence rules ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("rule", "start", "why"),
    [
        ("FREQ=WEEKLY;BYDAY=1FR", "2026-11-27", "needs FREQ=MONTHLY"),
        ("FREQ=WEEKLY;BYMONTHDAY=3", "2026-12-03", "BYMONTHDAY cannot be used"),
        ("FREQ=MONTHLY;BYSETPOS=2", "2026-11-27", "BYSETPOS picks"),
        ("FREQ=WEEKLY;BYDAY=FR;BYSETPOS=2", "2026-11-27", "which has only 1"),
        ("FREQ=DAILY;BYDAY=FR;BYSETPOS=-2", "2026-11-27", "which has only 1"),
        ("FREQ=YEARLY;BYMONTHDAY=30;BYMONTH=2", "2026-11-27", "February never has day 30"),
        ("FREQ=MONTHLY;BYMONTHDAY=-31;BYMONTH=4,6", "2026-11-27", "never has day -31"),
        ("FREQ=DAILY;INTERVAL=14;BYDAY=FR", "2026-11-26", "never lands on FR"),
        ("FREQ=MONTHLY;INTERVAL=12;BYMONTH=3", "2026-11-27", "never reaches a month"),
        ("FREQ=MONTHLY;INTERVAL=12;BYMONTHDAY=31", "2026-04-30", "never reaches a month"),
        ("FREQ=WEEKLY;BYDAY=FR;UNTIL=20261120", "2026-11-27", "before the schedule starts"),
        # The schema's pattern lets 29 February through in any year.
        ("FREQ=WEEKLY;BYDAY=FR;UNTIL=20270229", "2026-11-27", "cannot read it"),
        # Never happens, and only a search of the calendar can tell: the first Monday of a month
        # is never also the second candidate of its week.
        ("FREQ=MONTHLY;BYDAY=1MO;BYMONTHDAY=1,2,3,4,5,6,7;BYSETPOS=2", "2026-11-27",
         "never happens"),
    ],
)
def test_rrule_invalid(rule: str, start: str, why: str) -> None:
    """A rule that breaks RFC 5545 or never happens from its start is reported, saying why."""
    record = copy.deepcopy(HOUSE)
    record["services"][0]["frequency"] = rule
    record["services"][0]["schedule_start_date"] = start
    found = _checker(SCHEDULE).check_record(record)
    assert _found([f for f in found if f.code.startswith("waste.rrule")]) == {
        ("waste.rrule-invalid", "/services/0/frequency")
    }
    message = next(f.message for f in found if f.code == "waste.rrule-invalid")
    assert why in message


def test_catalogue_rrule_invalid_judges_what_fails_for_any_start() -> None:
    """A catalogue's usual frequency has no start, so only start-free problems are reported."""
    record = copy.deepcopy(CATALOGUE_DISTRICT)
    record["services"][0]["frequency"] = "FREQ=WEEKLY;BYDAY=2MO"
    record["services"][1]["frequency"] = "FREQ=DAILY;INTERVAL=14;BYDAY=FR"  # fine from a Friday
    assert _waste(record, CATALOGUE) == {("waste.rrule-invalid", "/services/0/frequency")}


def test_listed_date_the_rule_does_not_give() -> None:
    """A collection on a day its service's rule does not give is reported at its date."""
    record = _house(c4={"date": "2026-12-10"})
    assert _waste(record) == {("waste.rrule-disagrees", "/collections/4/date")}


def test_moved_collection_is_judged_on_its_original_date() -> None:
    """A moved collection is due on its original date; a wrong original date is reported."""
    assert _waste(_house(c7={"date": "2026-12-29"})) == set()
    assert _waste(_house(c7={"original_date": "2026-12-24"})) == {
        ("waste.rrule-disagrees", "/collections/7/original_date")
    }


def test_date_the_rule_gives_but_nobody_listed() -> None:
    """A date the rule gives between a service's first and last collections must be listed."""
    record = copy.deepcopy(HOUSE)
    del record["collections"][6]  # recycling, 18 December
    found = _checker(SCHEDULE).check_record(record)
    assert _found(found) == {("waste.rrule-disagrees", "/services/1/frequency")}
    assert "2026-12-18" in found[0].message


def test_cancelled_collection_keeps_the_series_whole() -> None:
    """A collection that will not happen is listed as cancelled, and the rule agrees."""
    record = _house(c6={"status": "cancelled"})
    assert _waste(record) == set()


def test_start_date_must_be_a_date_of_the_rule() -> None:
    """The schedule start date is the date of one collection in the series."""
    record = copy.deepcopy(HOUSE)
    record["services"][2]["schedule_start_date"] = "2026-11-18"  # a Wednesday; the rule is Tuesdays
    assert _waste(record) == {("waste.rrule-disagrees", "/services/2/schedule_start_date")}


def test_dates_outside_the_series_are_not_judged() -> None:
    """Collections before the start date or after UNTIL are outside what the rule describes."""
    record = copy.deepcopy(HOUSE)
    record["services"][0]["schedule_start_date"] = "2026-12-11"  # after the 27 November one
    record["services"][1]["frequency"] = "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;UNTIL=20261218"
    record["collections"][9]["original_date"] = "2026-12-31"  # recycling after UNTIL
    assert _waste(record) == set()


def test_series_ended_by_count() -> None:
    """A COUNT ends the series; its last date is judged and later ones are not."""
    record = copy.deepcopy(HOUSE)
    record["services"][1]["frequency"] = "FREQ=WEEKLY;INTERVAL=2;BYDAY=FR;COUNT=3"
    record["collections"][9]["original_date"] = "2026-12-31"  # after the third date
    assert _waste(record) == set()
    record["collections"][6]["date"] = "2026-12-17"  # the third date itself, wrongly listed
    assert _waste(record) == {("waste.rrule-disagrees", "/collections/6/date")}


def test_unsorted_and_repeated_collections() -> None:
    """Collections out of date order, or listed twice, agree with the rule all the same."""
    record = copy.deepcopy(FLAT)
    record["collections"].reverse()
    record["collections"].append(copy.deepcopy(record["collections"][0]))
    assert _waste(record) == set()


def test_rejected_values_are_not_judged_again() -> None:
    """A date or rule the schema rejected gives only its schema finding."""
    record = _house(c4={"date": "11/12/2026"})
    assert _found(_checker(SCHEDULE).check_record(record)) == {
        ("schema.format", "/collections/4/date")
    }
    record = copy.deepcopy(HOUSE)
    record["services"][0]["frequency"] = "every other Friday"
    assert _found(_checker(SCHEDULE).check_record(record)) == {
        ("schema.pattern", "/services/0/frequency")
    }


_WEEKDAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@st.composite
def _rules(draw: st.DrawFn) -> tuple[str, date]:
    """Draw a collection round: an RRULE the schema accepts and a start date the rule gives."""
    kind = draw(st.sampled_from(["weekly", "monthly", "daily"]))
    if kind == "weekly":
        days = draw(st.lists(st.sampled_from(_WEEKDAYS), min_size=1, max_size=3, unique=True))
        interval = draw(st.integers(1, 4))
        rule = f"FREQ=WEEKLY;INTERVAL={interval};BYDAY={','.join(days)}"
    elif kind == "monthly":
        nth = draw(st.sampled_from(["1", "2", "3", "4", "-1"]))
        rule = f"FREQ=MONTHLY;BYDAY={nth}{draw(st.sampled_from(_WEEKDAYS))}"
    else:
        rule = f"FREQ=DAILY;INTERVAL={draw(st.integers(2, 21))}"
    start = date(2024, 1, 1) + timedelta(days=draw(st.integers(0, 1500)))
    # The start must be a date of the series: take the rule's own first date.
    return rule, _series(rule, start, 1)[0]


def _series(rule: str, start: date, count: int) -> list[date]:
    """Return the first `count` dates of a rule from `start`, by dateutil alone."""
    found: list[date] = []
    for when in rrulestr(rule, dtstart=datetime(start.year, start.month, start.day)):
        if len(found) == count:
            break
        found.append(when.date())
    return found


def _schedule_of(rule: str, start: date, days: list[date]) -> dict[str, Any]:
    """Return a one-service schedule listing `days` as its collections."""
    record = copy.deepcopy(HOUSE)
    record["generated_at"] = f"{days[0].isoformat()}T06:00:00Z"
    record["services"] = [{
        "id": "round", "name": "Rubbish", "stream": "residual", "frequency": rule,
        "schedule_start_date": start.isoformat(),
    }]
    record.pop("container_types")
    record["collections"] = [
        {"service_id": "round", "date": day.isoformat(), "changed": False, "status": "scheduled"}
        for day in days
    ]
    return record


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rules(), st.integers(0, 40), st.integers(1, 12))
def test_a_schedule_of_the_rules_own_dates_agrees(
    drawn: tuple[str, date], skip: int, count: int
) -> None:
    """Any run of a rule's own dates, listed as collections, meets both recurrence rules."""
    rule, start = drawn
    days = _series(rule, start, 60)[skip:skip + count]
    assert _waste(_schedule_of(rule, start, days)) == set()


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_rules(), st.integers(0, 40), st.integers(3, 12), st.data())
def test_a_dropped_date_is_found(
    drawn: tuple[str, date], skip: int, count: int, data: st.DataObject
) -> None:
    """Leaving out any date between a service's first and last collections is reported."""
    rule, start = drawn
    days = _series(rule, start, 60)[skip:skip + count]
    gone = data.draw(st.integers(1, len(days) - 2))
    kept = days[:gone] + days[gone + 1:]
    assert _waste(_schedule_of(rule, start, kept)) == {
        ("waste.rrule-disagrees", "/services/0/frequency")
    }


@settings(max_examples=100, deadline=None)
@given(_rules(), st.integers(0, 3000))
def test_expansion_matches_dateutil(drawn: tuple[str, date], offset: int) -> None:
    """Dates worked out on the calendar moved by whole 400-year cycles are dateutil's own."""
    rule, start = drawn
    through = start + timedelta(days=offset)
    expected = [
        when.date().isoformat()
        for when in rrulestr(rule, dtstart=datetime(start.year, start.month, start.day)).between(
            datetime(start.year, start.month, start.day),
            datetime(through.year, through.month, through.day), inc=True,
        )
    ]
    dates = recurrence.expand(rule, start.isoformat(), through.isoformat())
    assert dates is not None
    assert list(dates.ordered) == expected


# -- authorities -----------------------------------------------------------------------------------


def _authorities(collect: str | None, dispose: str | None) -> dict[str, Any]:
    """Return the district house with these GSS codes (None: organisation only, or absent)."""
    record = copy.deepcopy(HOUSE)
    place = record["property"]
    place["collection_authority"] = {"gss_code": collect} if collect else {
        "organisation": "local-authority:ADU"}
    if dispose is None:
        place["disposal_authority"] = {"organisation": "waste-authority:NLWA"}
    else:
        place["disposal_authority"] = {"gss_code": dispose}
    return record


@pytest.mark.parametrize(
    ("collect", "dispose", "pointer"),
    [
        ("E07000223", "E10000032", None),  # district and county
        ("E06000023", "E06000023", None),  # a unitary disposes of its own waste
        ("E09000028", None, None),  # a London borough with a joint waste authority
        ("W06000015", "W06000015", None),
        ("E10000032", "E10000032", "/property/collection_authority/gss_code"),
        ("E07000223", "E07000229", "/property/disposal_authority/gss_code"),
        ("E07000223", "E06000023", "/property/disposal_authority/gss_code"),
        ("E06000023", "E10000027", "/property/disposal_authority/gss_code"),
        ("W06000015", "E10000032", "/property/disposal_authority/gss_code"),
        ("S12000036", "N09000003", "/property/disposal_authority/gss_code"),
    ],
)
def test_authority_prefix(collect: str, dispose: str | None, pointer: str | None) -> None:
    """Collection and disposal authorities must be councils that can have those roles."""
    expected = {("waste.authority-prefix", pointer)} if pointer else set()
    assert _waste(_authorities(collect, dispose)) == expected


@pytest.mark.parametrize(("standard", "record"), [(REPORT, MISSED), (BOOKING, BOOKED)])
def test_publisher_is_a_collection_authority(standard: str, record: dict[str, Any]) -> None:
    """Missed reports and bulky bookings are held by the collection authority, never a county."""
    changed = copy.deepcopy(record)
    changed["publisher"] = {"gss_code": "E10000032"}
    assert _waste(changed, standard) == {("waste.authority-prefix", "/publisher/gss_code")}


def test_catalogue_authorities() -> None:
    """A catalogue's publisher collects and its disposal authority disposes."""
    record = copy.deepcopy(CATALOGUE_DISTRICT)
    record["publisher"] = {"gss_code": "E10000032"}
    record["disposal_authority"] = {"gss_code": "E07000223"}
    assert _waste(record, CATALOGUE) == {
        ("waste.authority-prefix", "/publisher/gss_code"),
        ("waste.authority-prefix", "/disposal_authority/gss_code"),
    }


# -- windows ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("collection_date", "expected"),
    [
        ("2026-12-02", set()),  # reported the same day
        ("2026-12-03", {("waste.outside-report-window", "/reported_at")}),
        ("2026-11-04", set()),  # 28 days before the report: late, but not too late
        ("2026-11-03", {("waste.late-report", "/collection_date")}),
    ],
)
def test_missed_report_window(collection_date: str, expected: set[tuple[str, str]]) -> None:
    """A collection is reported missed from its day, and within four weeks."""
    record = copy.deepcopy(MISSED)
    record["collection_date"] = collection_date
    assert _waste(record, REPORT) == expected


def test_late_report_is_a_warning() -> None:
    """A late report is a warning: the council may have taken it, but the date is suspect."""
    record = copy.deepcopy(MISSED)
    record["collection_date"] = "2026-09-01"
    found = _checker(REPORT).check_record(record)
    assert [(f.code, f.severity) for f in found] == [("waste.late-report", Severity.WARNING)]


def test_schedule_report_window_closing_before_the_collection() -> None:
    """A missed-report deadline before the collection's own day is reported."""
    record = _house(c1={"missed_report_allowed_until": "2026-11-26T23:59:00Z"})
    assert _waste(record) == {
        ("waste.outside-report-window", "/collections/1/missed_report_allowed_until")
    }
    assert _waste(_house(c1={"missed_report_allowed_until": "2026-11-27T23:59:00Z"})) == set()


@pytest.mark.parametrize(
    ("slot", "expected"),
    [
        ("2026-12-02", set()),  # booked in the morning for the same day
        ("2026-12-01", {("waste.slot-before-booking", "/slot/date")}),
    ],
)
def test_slot_before_booking(slot: str, expected: set[tuple[str, str]]) -> None:
    """A bulky waste slot comes on or after the day it was booked."""
    record = copy.deepcopy(BOOKED)
    record["slot"]["date"] = slot
    record["cancellation_cutoff_at"] = "2026-11-30T12:00:00Z"
    assert _waste(record, BOOKING) == expected


# -- plausible dates -------------------------------------------------------------------------------


def test_implausible_collection_date_is_judged_from_generated_at() -> None:
    """Collection dates far from generated_at are warned about; the window can be widened."""
    record = copy.deepcopy(UNITARY)
    record["collections"].append(
        {"service_id": "2247", "date": "2028-06-07", "changed": False, "status": "scheduled"}
    )
    record["collections"].insert(
        0, {"service_id": "2247", "date": "2025-10-01", "changed": False, "status": "completed",
            "completed_at": "2025-10-01T09:00:00Z"}
    )
    found = _checker(SCHEDULE).check_record(record)
    assert _found(found) == {
        ("waste.implausible-date", "/collections/14/date"),
        ("waste.implausible-date", "/collections/0/date"),
    }
    assert all(f.severity is Severity.WARNING for f in found)
    assert "546 days after" in next(f.message for f in found if f.pointer.endswith("14/date"))
    wide = RuleOptions(past_days=500, future_days=600)
    assert _waste(record, SCHEDULE, wide) == set()
    # 'today' does not matter when the record says when it was generated.
    assert _waste(record, SCHEDULE, RuleOptions(today=date(2028, 6, 1))) == {
        ("waste.implausible-date", "/collections/14/date"),
        ("waste.implausible-date", "/collections/0/date"),
    }


@pytest.mark.parametrize(
    ("standard", "record", "pointer"),
    [(REPORT, MISSED, "/collection_date"), (BOOKING, BOOKED, "/slot/date")],
)
def test_implausible_dates_without_generated_at_use_today(
    standard: str, record: dict[str, Any], pointer: str
) -> None:
    """Reports and bookings are judged from today, and not at all when there is no today."""
    assert _waste(record, standard) == set()
    assert _waste(record, standard, RuleOptions(today=date(2026, 12, 10))) == set()
    assert _waste(record, standard, RuleOptions(today=date(2030, 1, 1))) == {
        ("waste.implausible-date", pointer)
    }
    assert _waste(record, standard, RuleOptions(today=date(2025, 1, 1), future_days=800)) == set()


# -- one schedule per property ---------------------------------------------------------------------


def _check_lines(records: list[dict[str, Any]]) -> list[Finding]:
    """Check records as one NDJSON file and return its findings."""
    data = "".join(json.dumps(r) + "\n" for r in records).encode()
    report = _checker(SCHEDULE).check_source(Source("schedules.ndjson", "ndjson", data=data))
    return list(report.findings)


def test_same_uprn_with_different_data_is_reported_at_the_second() -> None:
    """A UPRN seen before with other data is reported at the later record, naming the first."""
    other = copy.deepcopy(HOUSE)
    other["services"][2]["subscription_active"] = False
    other["property"]["uprn"] = "10001234567"  # the same UPRN without its leading zero
    found = _check_lines([HOUSE, UNITARY, other])
    assert [(f.code, f.location.record, f.pointer) for f in found] == [
        ("waste.conflicting-uprn", 3, "/property/uprn")
    ]
    assert "record 1" in found[0].message
    assert "differs in services" in found[0].message


def test_same_schedule_twice_is_not_a_conflict() -> None:
    """The same data twice, or two different properties, is no conflict."""
    assert _check_lines([HOUSE, UNITARY, copy.deepcopy(HOUSE), FLAT]) == []


def test_key_order_does_not_make_a_conflict() -> None:
    """Data written with its keys in another order is the same data."""
    reordered = json.loads(json.dumps(HOUSE, sort_keys=True))
    assert _check_lines([HOUSE, reordered]) == []


def test_each_file_starts_afresh() -> None:
    """The same property in two files is not a conflict within either."""
    checker = _checker(SCHEDULE)
    other = copy.deepcopy(HOUSE)
    other["collections"].pop()
    for record in (HOUSE, other):
        data = json.dumps(record).encode()
        assert checker.check_source(Source("one.json", "json", data=data)).findings == ()


# -- robustness ------------------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=12)
    | st.sampled_from(["2026-12-04", "2026-12-04T06:00:00Z", "FREQ=WEEKLY", "refuse"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner,
                                                                max_size=3),
    max_leaves=8,
)


def _paths(value: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Return the path of every value inside a JSON value."""
    found = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            found += _paths(item, (*path, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            found += _paths(item, (*path, index))
    return found


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(list(RULES)), st.data(), _JSON)
def test_no_rule_fails_on_any_damage(standard: str, data: st.DataObject, junk: Any) -> None:
    """Replacing any part of a valid record with any JSON never makes a rule fail."""
    record = copy.deepcopy(data.draw(st.sampled_from(_valid(standard))))
    path = data.draw(st.sampled_from(_paths(record)))
    if not path:
        record = junk
    else:
        parent = record
        for key in path[:-1]:
            parent = parent[key]
        parent[path[-1]] = junk
    found = _checker(standard, RuleOptions(today=date(2026, 12, 1))).check_record(record)
    assert not [
        f.message for f in found if f.code == "internal.rule-failed" and "rule waste." in f.message
    ]


@pytest.mark.parametrize(
    "name",
    ["changed-flag-mismatch.json", "completed-without-time.json", "unknown-references.json",
     "rrule-disagrees.json", "report-window-before-collection.json", "implausible-date.json"],
)
def test_rules_see_the_same_in_records_the_schema_rejected(name: str) -> None:
    """A schema error elsewhere in a record does not change what the rules find."""
    record = json.loads((_examples(SCHEDULE, "invalid") / name).read_text())
    broken = copy.deepcopy(record)
    broken["property"]["usrn"] = "not a usrn"
    assert _waste(broken) == _waste(record) != set()


def test_one_context_per_record_keeps_scans_apart() -> None:
    """Rules of one record never see another record's scan, even checked in turn."""
    good, bad = RecordContext(HOUSE, 1), RecordContext(_house(c0={"completed_at": None}), 2)
    code = "waste.completed-without-time"
    rule = next(r for r in waste.PROPERTY_SCHEDULE_RULES if r.code == code)
    assert rule.check is not None
    assert list(rule.check(good)) == []
    assert len(list(rule.check(bad))) == 1
    assert list(rule.check(good)) == []


def test_window_options_of_the_command(capsys: pytest.CaptureFixture[str]) -> None:
    """`validate --past-days/--future-days` widen the window; --today anchors it without one."""
    from lgstandards.cli import main

    schedule = str(_examples(SCHEDULE, "invalid") / "implausible-date.json")
    booking = str(_examples(BOOKING) / "confirmed-with-pops.json")
    runs = [
        (["-s", SCHEDULE, schedule], True),
        (["-s", SCHEDULE, schedule, "--future-days", "600"], False),
        (["-s", BOOKING, booking, "--today", "2030-01-01"], True),
        (["-s", BOOKING, booking, "--today", "2030-01-01", "--past-days", "1200"], False),
    ]
    for arguments, warned in runs:
        assert main(["validate", "--format", "json", *arguments]) == 0
        codes = {f["code"] for f in json.loads(capsys.readouterr().out)["files"][0]["findings"]}
        assert ("waste.implausible-date" in codes) is warned, arguments
