"""The waste rules of the new versions: schedules in force, dates, card numbers, authorities."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lgstandards.conformance import Checker
from lgstandards.findings import Severity
from lgstandards.registry import catalogue
from lgstandards.rules import RULESETS, RecordContext, RuleOptions
from lgstandards.rules.waste import property_schedule_v2
from lgstandards.rules.waste.shared import card_number_hits

REPO = Path(__file__).resolve().parents[1]
SCHEDULE = "waste-property-schedule@2.0.0"
GARDEN = "waste-garden-subscription@1.0.0"
REQUEST = "waste-container-request@1.0.0"
MISSED = "waste-missed-collection-report@1.1.0"
BULKY = "waste-bulky-booking@1.1.0"
CATALOGUE = "waste-service-catalogue@2.0.0"
NOTICE = "waste-disruption-notice@1.0.0"
#: The newest version of each waste standard, whose examples must show each of its rules.
NEWEST = [SCHEDULE, GARDEN, REQUEST, MISSED, BULKY, CATALOGUE, NOTICE]

_CHECKERS: dict[str, Checker] = {}


def _checker(ref: str) -> Checker:
    if ref not in _CHECKERS:
        _CHECKERS[ref] = Checker.for_standard(ref, options=RuleOptions(), allow_draft=True)
    return _CHECKERS[ref]


def _example(ref: str, name: str) -> dict[str, Any]:
    standard, version = ref.split("@")
    path = REPO / "standards" / standard / version / "examples" / "valid" / name
    record: dict[str, Any] = json.loads(path.read_text())
    return record


def _found(ref: str, record: Any) -> set[tuple[str, str]]:
    return {(f.code, f.pointer) for f in _checker(ref).check_record(record)
            if f.severity is not Severity.INFO}


def _rules(ref: str) -> tuple[Any, ...]:
    standard, version = ref.split("@")
    return RULESETS[f"{standard}@{version.split('.')[0]}"]


@pytest.mark.parametrize("ref", NEWEST)
def test_every_rule_is_documented_and_shown(ref: str) -> None:
    """Each rule of a new version is on its standard's page and in one of its invalid examples."""
    standard, version = ref.split("@")
    page = (REPO / "docs" / f"{standard}.md").read_text()
    assert "## Rules beyond the schema" in page
    shown: set[str] = set()
    for sidecar in (REPO / "standards" / standard / version / "examples" / "invalid").glob(
            "*.findings.json"):
        shown |= {f["code"] for f in json.loads(sidecar.read_text())}
    for rule in _rules(ref):
        assert f"`{rule.code}`" in page, (ref, rule.code)
        if ref not in (MISSED, BULKY) or rule.code != "waste.implausible-date":
            assert rule.code in shown, (ref, rule.code)


def test_a_code_means_one_thing_in_every_ruleset() -> None:
    """A code shared by several standards and majors has one severity, title and fix."""
    seen: dict[str, tuple[Severity, str, str]] = {}
    for rules in RULESETS.values():
        for rule in rules:
            about = (rule.severity, rule.title, rule.fix)
            assert seen.setdefault(rule.code, about) == about, rule.code


def test_every_draft_waste_version_has_a_ruleset_or_none_needed() -> None:
    """Each waste data standard's major has its rules registered (waste-common needs none)."""
    for version in catalogue().versions():
        if version.id.startswith("waste-") and version.id not in (
                "waste-common", "waste-collections-api"):
            major = version.version.split(".")[0]
            assert f"{version.id}@{major}" in RULESETS, version.ref


# -- the property schedule 2.x ---------------------------------------------------------------------

HOUSE = _example(SCHEDULE, "two-tier-district-house.json")


def test_twice_weekly_as_two_schedules_is_the_same_as_one_rule() -> None:
    """Mondays and Thursdays as two schedules in force together is valid, like BYDAY=MO,TH."""
    block = _example(SCHEDULE, "communal-block-combined-authority.json")
    service = block["services"][0]
    one = service["schedules"][0]
    service["schedules"] = [
        {**one, "frequency": "FREQ=WEEKLY;BYDAY=MO", "start_date": "2027-01-04"},
        {**one, "frequency": "FREQ=WEEKLY;BYDAY=TH", "start_date": "2027-01-07"},
    ]
    assert _found(SCHEDULE, block) == set()
    del block["collections"][2]  # Monday 18 January, given by the first schedule
    assert _found(SCHEDULE, block) == {
        ("waste.rrule-disagrees", "/services/0/schedules/0/frequency")}


def test_a_schedule_ends_with_its_rule_and_collections_after_are_not_judged() -> None:
    """UNTIL ends a schedule as effective_to_date does; as in 1.x, days after are not judged."""
    record = copy.deepcopy(HOUSE)
    record["services"][2]["schedules"][0]["frequency"] = "FREQ=WEEKLY;BYDAY=FR;UNTIL=20261218"
    assert _found(SCHEDULE, record) == set()


def test_a_gap_between_schedules_expects_nothing_but_refuses_a_collection() -> None:
    """No schedule in force: no collection is expected, and one listed then is named."""
    record = _example(SCHEDULE, "round-change.json")
    record["services"][0]["schedules"][1]["effective_from_date"] = "2027-01-12"
    record["services"][0]["schedules"][0]["effective_to_date"] = "2026-12-20"
    assert _found(SCHEDULE, record) == {("waste.rrule-disagrees", "/collections/2/original_date")}


def test_a_move_onto_an_added_date_is_right_either_way() -> None:
    """A collection moved to an added date is right whether its original day is excluded or not."""
    record = _example(SCHEDULE, "strike-and-catch-up.json")
    catch_up = record["collections"][3]
    catch_up.update(original_date="2027-02-11", changed=True, change_reason="industrial_action")
    assert _found(SCHEDULE, record) == set()
    del record["services"][0]["schedules"][0]["exceptions"]
    assert _found(SCHEDULE, record) == set()


def test_a_cancelled_collection_on_an_excluded_day_says_it_twice_not_wrongly() -> None:
    """Listing the strike day as cancelled and excluding it agree; listing it as scheduled not."""
    record = _example(SCHEDULE, "strike-and-catch-up.json")
    day = {"service_id": "recycling", "date": "2027-02-11", "changed": False, "status": "cancelled"}
    record["collections"].insert(3, day)
    assert _found(SCHEDULE, record) == set()
    day["status"] = "scheduled"
    assert _found(SCHEDULE, record) == {("waste.rrule-disagrees", "/collections/3/date")}


def test_the_1_x_rules_are_not_the_2_x_rules() -> None:
    """Each major has its own ruleset; the 2.x one judges dated schedules."""
    assert RULESETS["waste-property-schedule@2"] is property_schedule_v2.PROPERTY_SCHEDULE_RULES
    assert RULESETS["waste-property-schedule@1"] != RULESETS["waste-property-schedule@2"]


_SCHEDULE_KEYS = st.sampled_from(["frequency", "start_date", "effective_from_date",
                                  "effective_to_date", "exceptions", "additions", "time_band"])
_JUNK = st.one_of(st.none(), st.integers(), st.text(max_size=12), st.lists(st.integers()),
                  st.just({"date": 5}), st.just([{"date": "2026-13-01"}]),
                  st.just("FREQ=WEEKLY;BYDAY=XX"), st.just("2026-12-31"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.integers(0, 3), _SCHEDULE_KEYS, _JUNK), max_size=4))
def test_broken_schedules_give_findings_never_a_crash(
    changes: list[tuple[int, str, Any]]
) -> None:
    """Whatever a schedule's fields hold, the rules report findings and never raise."""
    record = copy.deepcopy(HOUSE)
    for service, key, value in changes:
        record["services"][service]["schedules"][0][key] = value
    findings = _checker(SCHEDULE).check_record(record)
    assert not any(f.code.startswith("internal.") for f in findings)


# -- garden subscriptions and container requests ---------------------------------------------------

SUBSCRIPTION = _example(GARDEN, "new-two-bins-by-card.json")
REPLACEMENT = _example(REQUEST, "replacement-for-a-damaged-bin.json")


def test_a_payment_within_a_day_before_the_request_is_not_out_of_order() -> None:
    """Some systems record the request once paid: a payment minutes before it is fine."""
    record = copy.deepcopy(REPLACEMENT)
    record["payments"][0]["paid_at"] = "2026-11-23T08:30:00Z"
    assert _found(REQUEST, record) == set()
    record["payments"][0]["paid_at"] = "2026-11-22T08:30:00Z"
    assert _found(REQUEST, record) == {("waste.dates-out-of-order", "/payments/0/paid_at")}


def test_dates_compare_as_instants_across_offsets() -> None:
    """A cancellation at 00:30+01:00 is after a request at 23:45Z the evening before."""
    record = copy.deepcopy(SUBSCRIPTION)
    record.update(status="cancelled", created_at="2026-10-08T23:45:00Z",
                  cancelled_at="2026-10-09T00:50:00+01:00", updated_at="2026-10-09T00:50:00+01:00")
    record["payments"][0]["paid_at"] = "2026-10-08T23:50:00Z"
    assert _found(GARDEN, record) == set()


def test_a_transfer_keeps_the_old_propertys_payments() -> None:
    """A transferred subscription's payment before the transfer is not out of order."""
    records = (REPO / "standards/waste-garden-subscription/1.0.0/examples/valid/"
               "subscriptions.ndjson").read_text().splitlines()
    transfer = json.loads(records[1])
    assert transfer["kind"] == "transfer"
    assert _found(GARDEN, transfer) == set()
    transfer["kind"] = "new"
    assert _found(GARDEN, transfer) == {("waste.dates-out-of-order", "/payments/0/paid_at")}


@pytest.mark.parametrize(("text", "found"), [
    ("4111 1111 1111 1111", True),           # Visa test number, in groups
    ("Card 5454-5454-5454-5454 exp 09/28", True),
    ("378282246310005", True),               # American Express
    ("GOVUKPAY-2k7x91fqv", False),
    ("1234567890123452", False),             # passes Luhn, but no issuer starts 1
    ("4111111111111112", False),             # a Visa prefix that fails Luhn
    ("UPRN 100023336956 and USRN 21900653", False),
    ("order 4111111111111", False),          # 13 digits failing Luhn
])
def test_card_numbers_are_found_by_issuer_length_and_luhn(text: str, found: bool) -> None:
    """Only digits with a card issuer's prefix and length that pass Luhn count as a card."""
    hits = card_number_hits(RecordContext({}, 1), [("/note", text)])
    assert bool(hits) is found
    for hit in hits:
        assert hit.value.startswith("...") and len(hit.value) == 7  # never the whole number


def test_the_exchange_rule_ignores_other_actions() -> None:
    """Only an exchange must change size; a replacement of the same size is the point of it."""
    record = copy.deepcopy(REPLACEMENT)
    record["items"][0]["replaces_capacity_litres"] = 240
    assert _found(REQUEST, record) == set()


# -- who publishes, who collects -------------------------------------------------------------------


@pytest.mark.parametrize("ref", [GARDEN, REQUEST, MISSED, BULKY])
def test_a_county_may_publish_for_the_council_that_collects(ref: str) -> None:
    """collection_authority, not the publisher, is judged as the collecting council."""
    record = copy.deepcopy(SUBSCRIPTION if ref == GARDEN else REPLACEMENT if ref == REQUEST
                           else _example(ref, "county-published-food-missed.json" if ref == MISSED
                                         else "county-published-paid-by-card.json"))
    record["publisher"] = {"gss_code": "E10000030", "name": "Surrey County Council"}
    record["collection_authority"] = {"gss_code": "E07000209", "name": "Guildford"}
    assert _found(ref, record) == set()
    record["collection_authority"] = {"gss_code": "E47000001", "name": "GMCA"}
    assert _found(ref, record) == {("waste.authority-prefix", "/collection_authority/gss_code")}


def test_a_1_0_0_record_cannot_move_the_judgement_off_its_publisher() -> None:
    """Under 1.0.0 collection_authority is an unknown field: the publisher is judged as before."""
    record = json.loads((REPO / "standards/waste-bulky-booking/1.0.0/examples/invalid/"
                         "county-publisher.json").read_text())
    record["collection_authority"] = {"gss_code": "E07000223"}
    found = {(f.code, f.pointer) for f in Checker.for_standard(
        "waste-bulky-booking@1.0.0", options=RuleOptions()).check_record(record)}
    assert found == {("waste.authority-prefix", "/publisher/gss_code"),
                     ("schema.additional-properties", "/collection_authority")}


def test_greater_manchester_disposes_for_its_boroughs_only() -> None:
    """A combined authority (E47) disposes for a metropolitan borough, not for a unitary."""
    record = _example(SCHEDULE, "communal-block-combined-authority.json")
    assert _found(SCHEDULE, record) == set()
    record["property"]["collection_authority"] = {"gss_code": "E06000023"}
    assert _found(SCHEDULE, record) == {
        ("waste.authority-prefix", "/property/disposal_authority/gss_code")}
