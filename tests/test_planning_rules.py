"""Rules beyond the schema for the planning application register: each fires, and only when due."""

from __future__ import annotations

import copy
import json
import re
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lgstandards.conformance import Checker
from lgstandards.findings import Finding
from lgstandards.registry import catalogue
from lgstandards.report import Report
from lgstandards.rules import RULESETS, RecordContext, RuleOptions, rules_for
from lgstandards.rules import planning as rules

REPO = Path(__file__).resolve().parents[1]
EXAMPLES = REPO / "standards" / "planning-application-register" / "1.0.0" / "examples"
STANDARD = "planning-application-register@1"


def dates_out_of_order(context: RecordContext) -> list[Any]:
    """Run the date-order rule alone, as a caller of the library would."""
    rule = next(r for r in rules.RULES if r.code == "planning.dates-out-of-order")
    assert rule.check is not None
    return list(rule.check(context))


def _valid_records() -> list[dict[str, Any]]:
    records: list[dict[str, Any]] = []
    for path in sorted((EXAMPLES / "valid").iterdir()):
        if path.suffix == ".json":
            records.append(json.loads(path.read_text()))
        elif path.suffix == ".ndjson":
            records.extend(json.loads(line) for line in path.read_text().splitlines())
    return records


VALID = _valid_records()
HOUSEHOLDER = next(r for r in VALID if r["reference"] == "AWDM/0412/26")
APPEALED = next(r for r in VALID if r["status"] == "appealed")
WITHDRAWN = next(r for r in VALID if r["status"] == "withdrawn")


def _record(base: dict[str, Any] | None = None, **changes: Any) -> dict[str, Any]:
    """Return a deep copy of a valid record with top-level fields changed (None removes one)."""
    record = copy.deepcopy(base or HOUSEHOLDER)
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return record


@pytest.fixture(scope="module")
def checker() -> Checker:
    """Return a checker for the register with no 'today', as the examples are checked."""
    return Checker.for_standard(STANDARD, options=RuleOptions())


def _found(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.code, f.pointer) for f in findings}


def _planning(findings: list[Finding]) -> set[tuple[str, str]]:
    return {(f.code, f.pointer) for f in findings if f.code.startswith("planning.")}


# -- registration ----------------------------------------------------------------------------------


def test_rules_are_registered_for_the_register() -> None:
    """The register's checker runs every planning rule, and each code is unique and namespaced."""
    codes = [rule.code for rule in rules.RULES]
    assert len(codes) == len(set(codes))
    assert all(code.startswith("planning.") for code in codes)
    assert RULESETS[STANDARD] == rules.RULES
    checker = Checker.for_standard(STANDARD)
    assert set(codes) <= {rule.code for rule in checker.rules}


def test_every_rule_is_documented() -> None:
    """The standard's documentation explains every rule code with its fix."""
    text = (REPO / "docs" / "planning-application-register.md").read_text()
    for rule in rules.RULES:
        assert f"`{rule.code}`" in text, rule.code


def test_every_rule_has_an_invalid_example() -> None:
    """Each rule's code appears in an invalid example's expected findings, except date-in-future."""
    documented: set[str] = set()
    for sidecar in (EXAMPLES / "invalid").glob("*.findings.json"):
        documented |= {f["code"] for f in json.loads(sidecar.read_text())}
    # The examples are checked with no 'today', so a future date cannot be shown by one.
    expected = {rule.code for rule in rules.RULES} - {"planning.date-in-future"}
    assert expected <= documented


@pytest.mark.parametrize("index", range(len(VALID)), ids=[r["reference"] for r in VALID])
def test_valid_examples_raise_nothing(checker: Checker, index: int) -> None:
    """Every valid example, checked as of its release day or with no day, meets every rule."""
    assert checker.check_record(VALID[index]) == []
    dated = Checker.for_standard(STANDARD, options=RuleOptions(today=date(2026, 11, 26)))
    assert dated.check_record(VALID[index]) == []


# -- dates -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "pointer"),
    [
        ({"received_date": "2026-03-06"}, "/valid_date"),
        ({"target_decision_date": "2026-03-04"}, "/target_decision_date"),
        ({"decision": {"outcome": "granted", "decision_date": "2026-03-04"}},
         "/decision/decision_date"),
        ({"consultation": {"start_date": "2026-03-31", "end_date": "2026-03-30"}},
         "/consultation/end_date"),
    ],
)
def test_dates_out_of_order(checker: Checker, changes: dict[str, Any], pointer: str) -> None:
    """A date before the one it must follow is reported at the later field."""
    found = checker.check_record(_record(**changes))
    assert _planning(found) == {("planning.dates-out-of-order", pointer)}


def test_decision_compared_with_received_date_when_no_valid_date(checker: Checker) -> None:
    """Without a valid date, the decision and target are compared with the received date."""
    record = _record(valid_date=None, target_decision_date="2026-03-01",
                     decision={"outcome": "granted", "decision_date": "2026-03-01"})
    assert _planning(checker.check_record(record)) == {
        ("planning.dates-out-of-order", "/target_decision_date"),
        ("planning.dates-out-of-order", "/decision/decision_date"),
    }


def test_withdrawn_and_appeal_dates(checker: Checker) -> None:
    """Withdrawal before receipt, and an appeal before its decision or closed before lodged."""
    withdrawn = _record(WITHDRAWN, withdrawn_date="2026-03-31")
    assert _planning(checker.check_record(withdrawn)) == {
        ("planning.dates-out-of-order", "/withdrawn_date")
    }
    appeal = copy.deepcopy(APPEALED)
    appeal["appeal"]["lodged_date"] = "2026-03-11"
    appeal["appeal"]["decision_date"] = "2026-03-10"
    assert _planning(checker.check_record(appeal)) == {
        ("planning.dates-out-of-order", "/appeal/lodged_date"),
        ("planning.dates-out-of-order", "/appeal/decision_date"),
    }


def test_same_day_is_in_order(checker: Checker) -> None:
    """Dates on the same day are in order: received, valid and decided on one day is fine."""
    day = "2026-03-02"
    record = _record(valid_date=day, target_decision_date=day,
                     consultation={"start_date": day, "end_date": day},
                     decision={"outcome": "granted", "decision_date": day})
    assert _planning(checker.check_record(record)) == set()


def test_a_rejected_date_is_not_compared(checker: Checker) -> None:
    """A date the schema rejected gives a schema finding only, not a date-order one beside it."""
    found = checker.check_record(_record(received_date="2026-13-01", valid_date="2026-03-05"))
    assert _found(found) == {("schema.format", "/received_date")}
    found = checker.check_record(_record(received_date="05/03/2026"))
    assert _found(found) == {("schema.format", "/received_date")}


_DAYS = st.integers(min_value=0, max_value=4000)


@st.composite
def _ordered(draw: st.DrawFn) -> dict[str, Any]:
    """Draw a record whose dates keep every ordering the rule asks for."""
    start = date(2015, 1, 1) + timedelta(days=draw(_DAYS))
    steps = [timedelta(days=draw(st.integers(0, 200))) for _ in range(7)]
    received = start
    valid = received + steps[0]
    decided = valid + steps[1]
    lodged = decided + steps[2]
    closed = lodged + steps[3]
    opens = valid + steps[4]
    record = _record(
        APPEALED,
        received_date=received.isoformat(),
        valid_date=valid.isoformat(),
        target_decision_date=(valid + steps[5]).isoformat(),
        consultation={"start_date": opens.isoformat(),
                      "end_date": (opens + steps[6]).isoformat()},
    )
    record["decision"]["decision_date"] = decided.isoformat()
    record["appeal"]["lodged_date"] = lodged.isoformat()
    record["appeal"]["decision_date"] = closed.isoformat()
    return record


@settings(max_examples=200, deadline=None)
@given(_ordered())
def test_ordered_dates_never_trigger_the_rule(record: dict[str, Any]) -> None:
    """Any record whose dates run forwards passes the ordering rule."""
    assert list(dates_out_of_order(RecordContext(record, 1))) == []


@settings(max_examples=200, deadline=None)
@given(_ordered(), st.sampled_from([
    ("valid_date", None, "received_date", None),
    ("decision", "decision_date", "valid_date", None),
    ("appeal", "lodged_date", "decision", "decision_date"),
    ("appeal", "decision_date", "appeal", "lodged_date"),
    ("consultation", "end_date", "consultation", "start_date"),
]), st.integers(min_value=1, max_value=400))
def test_moving_a_date_before_its_predecessor_triggers_the_rule(
    record: dict[str, Any], pair: tuple[str, str | None, str, str | None], days: int
) -> None:
    """Any later date moved to before the date it must follow is reported, at the later field."""
    key, inner, before_key, before_inner = pair
    earlier = record[before_key] if before_inner is None else record[before_key][before_inner]
    moved = (date.fromisoformat(earlier) - timedelta(days=days)).isoformat()
    if inner is None:
        record[key] = moved
    else:
        record[key][inner] = moved
    pointer = f"/{key}" + (f"/{inner}" if inner else "")
    hits = dates_out_of_order(RecordContext(record, 1))
    assert pointer in {hit.pointer for hit in hits}


def test_dates_in_future_needs_a_today() -> None:
    """Past events dated after today are warned about, and only when today is known."""
    record = _record(valid_date="2026-03-05")
    future = Checker.for_standard(STANDARD, options=RuleOptions(today=date(2026, 3, 10)))
    assert _planning(future.check_record(record)) == {
        ("planning.date-in-future", "/decision/decision_date"),
    }
    undated = Checker.for_standard(STANDARD, options=RuleOptions())
    assert _planning(undated.check_record(record)) == set()


def test_future_target_and_consultation_are_fine() -> None:
    """A target decision date or consultation after today is normal for a live application."""
    record = _record(status="consultation", decision=None)
    live = Checker.for_standard(STANDARD, options=RuleOptions(today=date(2026, 3, 12)))
    assert _planning(live.check_record(record)) == set()


# -- status ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("status", ["received", "validated", "consultation", "awaiting-decision",
                                    "called-in", "invalid", "returned"])
def test_decision_on_an_undecided_status(checker: Checker, status: str) -> None:
    """A decision on a record whose status is not determined or appealed is reported."""
    found = checker.check_record(_record(status=status))
    assert _planning(found) == {("planning.decision-without-determination", "/decision")}


def test_withdrawn_with_a_decision(checker: Checker) -> None:
    """A withdrawn application has no decision."""
    record = _record(WITHDRAWN, decision={"outcome": "refused", "decision_date": "2026-05-08"})
    found = checker.check_record(record)
    assert _planning(found) == {("planning.decision-without-determination", "/decision")}
    assert "withdrawn application was never decided" in found[0].message


def test_withdrawn_date_without_withdrawal(checker: Checker) -> None:
    """A withdrawn date on a decided application is reported; on a withdrawn one it is not."""
    found = checker.check_record(_record(withdrawn_date="2026-04-01"))
    assert _planning(found) == {("planning.withdrawn-date-without-withdrawal", "/withdrawn_date")}
    assert _planning(checker.check_record(WITHDRAWN)) == set()


def test_appeal_needs_appealed_status(checker: Checker) -> None:
    """An appeal on a record that is not 'appealed' is reported, even with a decision."""
    found = checker.check_record(_record(APPEALED, status="determined"))
    assert _planning(found) == {("planning.appeal-without-appealed-status", "/appeal")}


def test_non_determination_appeal_is_fine(checker: Checker) -> None:
    """An appeal against non-determination has no decision, and needs none."""
    record = _record(APPEALED, decision=None)
    assert checker.check_record(record) == []


def test_status_rules_skip_a_status_the_schema_rejected(checker: Checker) -> None:
    """An unknown status gives the schema's finding, not a contradiction beside it."""
    found = checker.check_record(_record(status="Decided"))
    assert _found(found) == {("schema.enum", "/status")}


# -- uniqueness ------------------------------------------------------------------------------------


def _ndjson(tmp_path: Path, name: str, records: list[dict[str, Any]]) -> Path:
    path = tmp_path / name
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def _data_findings(report: Report) -> tuple[Finding, ...]:
    """Return the findings about the data, without the run's notice that 1.0.0 is deprecated."""
    return tuple(f for f in report.findings if f.code != "standard.deprecated")


def test_reference_reused_within_an_authority(checker: Checker, tmp_path: Path) -> None:
    """A second use of a reference in one authority is reported there, naming the first."""
    other = _record(reference="AWDM/0413/26")
    path = _ndjson(tmp_path, "register.ndjson", [HOUSEHOLDER, other, HOUSEHOLDER, HOUSEHOLDER])
    report = checker.check_paths([str(path)])
    found = [(f.code, f.location.record, f.pointer) for f in _data_findings(report)]
    assert found == [
        ("planning.reference-not-unique", 3, "/reference"),
        ("planning.reference-not-unique", 4, "/reference"),
    ]
    assert "used earlier in this file, by its 1st record" in _data_findings(report)[0].message


def test_reused_reference_in_a_csv_names_no_row_it_is_not(checker: Checker) -> None:
    """In a CSV the finding is at a spreadsheet row, and its message names no other row number."""
    examples = Path(__file__).resolve().parents[1] / "standards" / \
        "planning-application-register" / "1.0.0" / "examples" / "invalid"
    report = checker.check_paths([str(examples / "register-rules.csv")])
    found = [f for f in report.findings if f.code == "planning.reference-not-unique"]
    assert [(f.location.record, f.location.row) for f in found] == [(4, 5)]
    # The first use is record 1, which a spreadsheet shows as row 2: no "record 1" or "row 1".
    assert not re.search(r"\b(record|row) \d", found[0].message)
    assert "its 1st record" in found[0].message


@pytest.mark.parametrize(("number", "text"), [(1, "1st"), (2, "2nd"), (3, "3rd"), (4, "4th"),
                                              (11, "11th"), (12, "12th"), (13, "13th"),
                                              (21, "21st"), (112, "112th"), (1001, "1,001st")])
def test_ordinal(number: int, text: str) -> None:
    """Ordinals follow English, including the teens."""
    assert rules.ordinal(number) == text


def test_same_reference_in_another_authority_is_fine(checker: Checker, tmp_path: Path) -> None:
    """References are unique per planning authority, so two authorities may share one."""
    elsewhere = copy.deepcopy(HOUSEHOLDER)
    elsewhere["organisation"] = {"organisation": "local-authority:WOT", "gss_code": "E07000229"}
    path = _ndjson(tmp_path, "register.ndjson", [HOUSEHOLDER, elsewhere])
    assert _data_findings(checker.check_paths([str(path)])) == ()


def test_uniqueness_is_per_file(checker: Checker, tmp_path: Path) -> None:
    """Each file starts afresh: the same record in two files is not a duplicate."""
    first = _ndjson(tmp_path, "a.ndjson", [HOUSEHOLDER])
    second = _ndjson(tmp_path, "b.ndjson", [HOUSEHOLDER])
    report = checker.check_paths([str(first), str(second)])
    assert _data_findings(report) == ()
    # The only other finding is the deprecation warning, said once for the run, in no file.
    assert [(f.code, f.severity.value, f.location.path) for f in report.findings] == [
        ("standard.deprecated", "warning", None)]


# -- geometry --------------------------------------------------------------------------------------


def _with_site(**site: Any) -> dict[str, Any]:
    record = copy.deepcopy(HOUSEHOLDER)
    record["site"].update(site)
    return record


def test_unclosed_ring(checker: Checker) -> None:
    """A ring whose last position differs from its first is reported at the ring."""
    ring = [[-0.27, 50.83], [-0.26, 50.83], [-0.26, 50.84], [-0.27, 50.84]]
    found = checker.check_record(_with_site(geometry={"type": "Polygon", "coordinates": [ring]}))
    assert _planning(found) == {("planning.ring-not-closed", "/site/geometry/coordinates/0")}


def test_unclosed_hole_in_a_multipolygon(checker: Checker) -> None:
    """Holes and every polygon of a MultiPolygon are checked, with their own pointers."""
    outer = [[-0.28, 50.83], [-0.26, 50.83], [-0.26, 50.85], [-0.28, 50.85], [-0.28, 50.83]]
    hole = [[-0.275, 50.835], [-0.27, 50.835], [-0.27, 50.84], [-0.275, 50.84]]
    geometry = {"type": "MultiPolygon", "coordinates": [[outer], [outer, hole]]}
    found = checker.check_record(_with_site(geometry=geometry))
    assert _planning(found) == {("planning.ring-not-closed", "/site/geometry/coordinates/1/1")}


@pytest.mark.parametrize(
    ("point", "hint"),
    [
        ([50.8337, -0.2741], "look swapped"),
        ([0, 0], "placeholder"),
        ([1.889, 52.4412], "sign looks wrong"),
        ([2.35, 48.85], "WGS84 degrees"),
    ],
)
def test_point_outside_the_uk(checker: Checker, point: list[float], hint: str) -> None:
    """A point outside the UK is reported with the likeliest cause."""
    found = checker.check_record(_with_site(point=point))
    assert _planning(found) == {("planning.outside-uk", "/site/point")}
    assert hint in found[0].message


@pytest.mark.parametrize(
    "point", [[-8.17, 54.46], [1.76, 52.48], [-6.3, 49.9], [-0.88, 60.85], [-5.7, 50.06]]
)
def test_edges_of_the_uk_are_inside(checker: Checker, point: list[float]) -> None:
    """Northern Ireland, Lowestoft, Scilly, Shetland and Land's End are all inside."""
    assert checker.check_record(_with_site(point=point)) == []


def test_a_boundary_outside_gives_one_finding(checker: Checker) -> None:
    """A boundary far away is one finding at its first position, counting the others."""
    ring = [[10 + i / 100, 45.0] for i in range(200)] + [[10.0, 45.5], [10.0, 45.0]]
    found = checker.check_record(_with_site(geometry={"type": "Polygon", "coordinates": [ring]}))
    assert _planning(found) == {("planning.outside-uk", "/site/geometry/coordinates/0/0")}
    assert "201 more positions" in found[0].message


def test_geometry_point_outside(checker: Checker) -> None:
    """A GeoJSON Point boundary is checked like the site point."""
    found = checker.check_record(_with_site(geometry={"type": "Point", "coordinates": [0, 0]}))
    assert _planning(found) == {("planning.outside-uk", "/site/geometry/coordinates")}


# -- UPRNs -----------------------------------------------------------------------------------------


def test_uprn_of_zeros(checker: Checker) -> None:
    """A UPRN of zeros passes the schema's pattern but is no property."""
    found = checker.check_record(_with_site(uprns=["100061912345", "0"]))
    assert _planning(found) == {("planning.uprn-zero", "/site/uprns/1")}


def test_uprn_repeated_with_leading_zeros(checker: Checker) -> None:
    """The same UPRN with and without leading zeros passes uniqueItems but is one property."""
    found = checker.check_record(_with_site(uprns=["199356", "100061912345", "000000199356"]))
    assert _planning(found) == {("planning.uprn-repeated", "/site/uprns/2")}
    assert "'199356' (item 1)" in found[0].message


def test_distinct_uprns_are_fine(checker: Checker) -> None:
    """Different UPRNs, zero-padded or not, raise nothing."""
    assert checker.check_record(_with_site(uprns=["000000199356", "100061912345", "5"])) == []


# -- robustness ------------------------------------------------------------------------------------

_SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                     st.text(max_size=12), st.sampled_from(["2026-01-01", "determined"]))
_JSON = st.recursive(
    _SCALARS,
    lambda inner: st.one_of(st.lists(inner, max_size=5),
                            st.dictionaries(st.text(max_size=8), inner, max_size=5)),
    max_leaves=20,
)
_KEYS = ["reference", "organisation", "site", "received_date", "valid_date", "status",
         "decision", "appeal", "consultation", "withdrawn_date", "target_decision_date"]
_NESTED = ["uprns", "point", "geometry", "decision_date", "lodged_date", "start_date",
           "end_date", "type", "coordinates", "organisation"]


@settings(max_examples=150, deadline=None)
@given(st.one_of(_JSON, st.dictionaries(
    st.sampled_from(_KEYS),
    st.one_of(_JSON, st.dictionaries(st.sampled_from(_NESTED), _JSON, max_size=4)),
    max_size=8,
)))
def test_rules_never_fail_on_odd_data(data: Any) -> None:
    """Whatever the data, no rule raises: a bad record gets findings, never a crash."""
    checks = []
    for rule in rules.RULES:
        if rule.check is not None:
            checks.append(rule.check)
        elif rule.per_file is not None:
            checks.append(rule.per_file())
    assert len(checks) == len(rules.RULES)
    context = RecordContext(data, 1, options=RuleOptions(today=date(2026, 1, 1)))
    for check in checks:
        for hit in check(context):
            assert hit.pointer.startswith("/")


def test_the_published_version_gets_the_rules() -> None:
    """Version 1.0.0 gets every planning rule through its major version's ruleset."""
    version = catalogue().select("planning-application-register@1.0.0")
    assert set(rules.RULES) <= set(rules_for(version))
