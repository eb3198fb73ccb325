"""Rules beyond the schema for planning-application-register 2.x: each fires, and only when due."""

from __future__ import annotations

import copy
import json
import random
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lgstandards.conformance import Checker
from lgstandards.findings import Finding
from lgstandards.rules import RULESETS, RecordContext, RuleOptions, planning, planning_v2
from tests.planning_roundtrip import EXAMPLES, valid_records

REPO = Path(__file__).resolve().parents[1]
STANDARD = "planning-application-register@2"
CHECKER = Checker.for_standard(STANDARD, options=RuleOptions(), allow_draft=True)
VALID = valid_records()
MAJOR = next(r for r in VALID if r["reference"] == "DC/26/01234/FUL")
HOUSEHOLDER = next(r for r in VALID if r["reference"] == "26/01234/LBA")


def _found(record: dict[str, Any], checker: Checker = CHECKER) -> set[tuple[str, str]]:
    found: list[Finding] = checker.check_record(record)
    return {(f.code, f.pointer) for f in found}


def _changed(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    record = copy.deepcopy(base)
    for key, value in changes.items():
        if value is None:
            record.pop(key, None)
        else:
            record[key] = value
    return record


def test_registered_apart_from_the_1_x_rules() -> None:
    """@2 has its own rules; @1 keeps exactly the rules it was released with."""
    assert RULESETS[STANDARD] == planning_v2.RULES
    assert RULESETS["planning-application-register@1"] == planning.RULES
    codes = [rule.code for rule in planning_v2.RULES]
    assert len(codes) == len(set(codes))
    assert set(codes) <= {rule.code for rule in CHECKER.rules}
    # Common 2.0.0 refuses zero and zero-padded UPRNs itself, so those rules are not needed.
    assert "planning.uprn-zero" not in codes


def test_every_rule_is_documented() -> None:
    """The 2.0.0 page explains every rule code."""
    text = (REPO / "docs" / "planning-application-register-2.md").read_text()
    for rule in planning_v2.RULES:
        assert f"`{rule.code}`" in text, rule.code


def test_every_rule_has_an_invalid_example() -> None:
    """Each rule's code appears in an invalid example's expected findings, but date-in-future."""
    documented: set[str] = set()
    for sidecar in (EXAMPLES / "invalid").glob("*.findings.json"):
        documented |= {f["code"] for f in json.loads(sidecar.read_text())}
    expected = {rule.code for rule in planning_v2.RULES} - {"planning.date-in-future"}
    assert expected <= documented


@pytest.mark.parametrize("index", range(len(VALID)), ids=[r["reference"] for r in VALID])
def test_valid_examples_raise_nothing(index: int) -> None:
    """Every valid example meets every rule, with no day and as of the release day."""
    assert CHECKER.check_record(VALID[index]) == []
    dated = Checker.for_standard(STANDARD, options=RuleOptions(today=date(2026, 12, 5)),
                                 allow_draft=True)
    assert dated.check_record(VALID[index]) == []


def test_past_events_in_the_future() -> None:
    """A resolution or an extension agreed after today is reported; due dates may lie ahead."""
    checker = Checker.for_standard(STANDARD, options=RuleOptions(today=date(2026, 9, 15)),
                                   allow_draft=True)
    assert _found(MAJOR, checker) == {
        ("planning.date-in-future", "/time_extensions/1/agreed_date"),
    }


def test_extensions_in_order() -> None:
    """A second extension must be later than the first; dates equal are in order."""
    record = copy.deepcopy(MAJOR)
    record["time_extensions"][1]["decision_due_date"] = "2026-09-30"
    assert _found(record) == set()
    record["time_extensions"][1]["decision_due_date"] = "2026-09-29"
    assert _found(record) == {
        ("planning.dates-out-of-order", "/time_extensions/1/decision_due_date")
    }


def test_outcome_rule_stays_quiet_for_local_and_unlisted_types() -> None:
    """An outcome is not judged against 'other' or a type the codelist does not list yet."""
    base = _changed(HOUSEHOLDER, decision={"outcome": "prior-approval-granted",
                                            "decision_date": "2026-09-24"},
                    officer_recommendation=None)
    assert ("planning.outcome-unusual-for-type", "/decision/outcome") in _found(base)
    for types in (["other"], ["pa-new-class-2027"]):
        record = _changed(base, application_types=types)
        assert not {c for c, _ in _found(record) if c == "planning.outcome-unusual-for-type"}


def test_sub_types_take_their_parents_outcomes() -> None:
    """pa-extension is a prior approval, so prior approval outcomes fit it."""
    record = _changed(HOUSEHOLDER, application_types=["pa-extension"],
                      local_application_type=None, development_category=None,
                      officer_recommendation="prior-approval-refused",
                      decision={"outcome": "prior-approval-granted", "decision_date": "2026-09-24"})
    assert _found(record) == set()


def test_approved_combinations_pass() -> None:
    """Every pair MHCLG combines passes; the rule reads them from the codelist."""
    for first, partners in planning_v2.codes().combines_with.items():
        for second in partners:
            record = _changed(HOUSEHOLDER, application_types=[first, second],
                              development_category=None)
            assert not {c for c, _ in _found(record) if c == "planning.unusual-type-combination"}


def test_scottish_scales_have_no_ps2_category_to_compare() -> None:
    """'local' (Scotland) with a PS2 category is not judged; 'other' with dwellings is."""
    assert _found(_changed(HOUSEHOLDER, development_scale="local")) == set()
    record = _changed(HOUSEHOLDER, development_category="dwellings")
    assert _found(record) == {("planning.category-scale-mismatch", "/development_category")}


def test_a_link_to_another_authoritys_application_of_the_same_reference() -> None:
    """The same reference at another authority is a different application."""
    link = {"reference": HOUSEHOLDER["reference"], "relationship": "consulted-on",
            "organisation": "local-authority:WIL"}
    assert _found(_changed(HOUSEHOLDER, linked_applications=[link])) == set()


def test_a_schema_rejected_date_is_not_judged_again() -> None:
    """A date the schema refused gives one finding, not a second from the rules."""
    record = _changed(MAJOR, resolution_date="10/09/2026")
    assert {c for c, _ in _found(record)} == {"schema.format"}


_DATE_FIELDS = (
    ("received_date",), ("valid_date",), ("statutory_expiry_date",), ("withdrawn_date",),
    ("committee_date",), ("resolution_date",), ("decision", "decision_date"),
    ("consultation", "start_date"), ("consultation", "end_date"),
    ("planning_performance_agreement", "agreed_date"),
    ("planning_performance_agreement", "decision_due_date"), ("appeal", "lodged_date"),
    ("appeal", "validated_date"), ("appeal", "started_date"), ("appeal", "decision_date"),
)


def _shuffled_dates(rng: random.Random) -> dict[str, Any]:
    """Return a valid record whose dates are drawn at random, some missing or not text."""
    record = copy.deepcopy(rng.choice(VALID))
    pool: list[Any] = [f"2026-0{month}-1{day}" for month in range(1, 4) for day in range(3)]
    pool += [None, None, "", 20260101, ["2026-01-11"], {"date": "x"}, True]
    for path in _DATE_FIELDS:
        if rng.random() < 0.8:
            continue  # Most dates stay as the example has them, in order.
        value = rng.choice(pool)
        parent = record
        for name in path[:-1]:
            if not isinstance(parent.get(name), dict) or rng.random() < 0.05:
                parent[name] = {} if rng.random() < 0.9 else "not an object"
            parent = parent[name]
        if isinstance(parent, dict):
            if value is None:
                parent.pop(path[-1], None)
            else:
                parent[path[-1]] = value
    extensions = [
        {"agreed_date": rng.choice(pool), "decision_due_date": rng.choice(pool)}
        if rng.random() < 0.9 else "not an object"
        for _ in range(rng.choice((0, 0, 1, 2, 3)))
    ]
    if extensions or rng.random() < 0.05:
        record["time_extensions"] = extensions if rng.random() < 0.95 else "not a list"
    return record


def test_the_quick_date_check_agrees_with_the_full_rules() -> None:
    """Whatever the dates, the shortcut for records in order gives what the full rules give."""
    rng = random.Random(15)
    pointers = [f"/{'/'.join(path)}" for path in _DATE_FIELDS]
    pointers += ["/time_extensions/0/agreed_date", "/time_extensions/1/decision_due_date",
                 "/status", "/site/postcode"]
    fired = 0
    for _ in range(4000):
        record = _shuffled_dates(rng)
        rejected = frozenset(rng.sample(pointers, rng.choice((0, 0, 0, 1, 2))))
        for today in (None, date(2026, 2, 11)):
            ctx = RecordContext(record, 1, rejected, RuleOptions(today=today))
            full = planning_v2.date_hits(ctx)
            assert planning_v2.date_scan(ctx) == full, (record, rejected, today)
            fired += bool(full)
    assert 800 < fired < 7200, fired  # Both sides of the shortcut were exercised.


def _mixed(rng: random.Random, dates: bool = True) -> dict[str, Any]:
    """Return a record with dates, status, types, scale, places and `$schema` drawn at random."""
    record = _shuffled_dates(rng) if dates else copy.deepcopy(rng.choice(VALID))
    changes: dict[str, list[Any]] = {
        "status": ["received", "determined", "appealed", "withdrawn", "returned", "validated",
                   "resolution-to-grant-subject-to-s106", 7],
        "application_types": [["hh"], ["full"], ["hh", "lbc"], ["pa"], ["other"], ["local-x"],
                              ["full", "outline"], []],
        "development_category": ["dwellings", "householder", "change-of-use", "local-x", ""],
        "development_scale": ["major", "minor", "other", "local", 3],
        "withdrawn_date": ["2026-02-10"],
        "resolution_date": ["2026-02-10"],
        "appeal": [{"lodged_date": "2026-03-01"}],
        "officer_recommendation": ["granted", "refused", "eia-required", "prior-approval-granted"],
        "$schema": [
            "https://schemas.lgstandards.org/planning-application-register/2.0.0/schema.json",
            "https://schemas.lgstandards.org/planning-application-register/1.0.0/schema.json",
            "https://example.org/schema.json", 5,
        ],
        "constraints": [[{"type": "conservation-area"}], [{"type": "local-only"}]],
    }
    for field, values in changes.items():
        roll = rng.random()
        if roll < 0.15:
            record[field] = rng.choice(values)
        elif roll < 0.2:
            record.pop(field, None)
    return record


def test_a_rule_is_skipped_only_where_it_would_find_nothing() -> None:
    """A valid record that passes a rule's quiet schema gets nothing from that rule."""
    import jsonschema_rs

    rng = random.Random(16)
    quiet = [(rule, jsonschema_rs.validator_for(dict(rule.quiet())))
             for rule in CHECKER.rules if rule.quiet is not None]
    assert {rule.code for rule, _ in quiet} >= {
        "planning.decision-without-determination", "planning.category-scale-mismatch",
        "codelist.unknown-code", "declaration.unknown"}
    skipped = fired = 0
    for _ in range(3000):
        record = _mixed(rng, dates=False)
        if not CHECKER.validator.is_valid(record):
            continue
        ctx = RecordContext(record, 1, frozenset(), RuleOptions())
        for rule, schema in quiet:
            assert rule.check is not None
            hits = list(rule.check(ctx))
            if schema.is_valid(record):
                assert not hits, (rule.code, record)
                skipped += 1
            fired += bool(hits)
    assert skipped > 5000
    assert fired > 300


def test_skipping_quiet_rules_changes_no_finding() -> None:
    """A checker that skips rules by their quiet schemas finds exactly what one without does."""
    rng = random.Random(17)
    records = [_mixed(rng, dates=n % 2 == 0) for n in range(2000)]
    loud = Checker.for_standard(STANDARD, options=RuleOptions(today=date(2026, 2, 11)),
                                allow_draft=True)
    steps = loud._checks()
    assert getattr(steps, "quiet", None) is not None
    steps.quiet = None
    quiet = Checker.for_standard(STANDARD, options=RuleOptions(today=date(2026, 2, 11)),
                                 allow_draft=True)
    quieter = quiet._checks()
    found = [quiet._check(r, n, quieter) for n, r in enumerate(records, 1)]
    assert found == [loud._check(r, n, steps) for n, r in enumerate(records, 1)]
    assert sum(map(len, found)) > 1000
