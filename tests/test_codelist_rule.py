"""The open-codelist warning: which values it names, where, and its fast pre-test."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from lgstandards.conformance import Checker

ROOT = Path(__file__).resolve().parents[1]
SCHEDULE = ROOT / "standards/waste-property-schedule/1.0.0/examples/valid/unitary-house.json"
CHECKER = Checker.for_standard("waste-property-schedule@1")


def _warnings(record: dict[str, Any]) -> list[tuple[str, Any]]:
    return [
        (f.pointer, f.value)
        for f in CHECKER.check_record(record)
        if f.code == "codelist.unknown-code"
    ]


def test_listed_codes_give_no_warning() -> None:
    """The standard's own valid example uses listed codes only."""
    assert _warnings(json.loads(SCHEDULE.read_text())) == []


def test_each_unlisted_code_is_named_where_it_is() -> None:
    """Top-level, per-item and later-item values outside an open codelist are each warned about."""
    record = json.loads(SCHEDULE.read_text())
    record["source_system"] = "home_grown"
    record["container_types"][-1]["type"] = "wheelie_sack"
    completed = [i for i, c in enumerate(record["collections"]) if "outcome_code" in c]
    assert completed, "the example has a completed collection"
    record["collections"][completed[-1]]["outcome_code"] = "dog_in_garden"
    assert sorted(_warnings(record)) == sorted([
        ("/source_system", "home_grown"),
        (f"/container_types/{len(record['container_types']) - 1}/type", "wheelie_sack"),
        (f"/collections/{completed[-1]}/outcome_code", "dog_in_garden"),
    ])
    finding = next(f for f in CHECKER.check_record(record) if f.pointer == "/source_system")
    assert finding.severity.value == "warning"
    assert "open codelist" in finding.message


def test_closed_codelists_stay_schema_errors() -> None:
    """A value outside a closed codelist is the schema's error, not an open-codelist warning."""
    record = json.loads(SCHEDULE.read_text())
    record["collections"][0]["status"] = "lost"
    codes = {f.code for f in CHECKER.check_record(record)}
    assert "codelist.unknown-code" not in codes
    assert any(code.startswith("schema.") for code in codes)


def test_values_the_fast_engine_cannot_take_are_still_judged() -> None:
    """A lone surrogate, which jsonschema-rs refuses, is judged by the rule's own walk.

    (Through the checker the schema's pattern rejects it first, so the rule is asked directly.)
    """
    from lgstandards.rules import RecordContext

    record = json.loads(SCHEDULE.read_text())
    record["source_system"] = "\ud800"
    rule = next(r for r in CHECKER.rules if r.code == "codelist.unknown-code")
    assert rule.check is not None
    assert [hit.pointer for hit in rule.check(RecordContext(record, 1))] == ["/source_system"]


def test_non_text_values_are_the_schemas_business() -> None:
    """A number or null where a code belongs gives schema errors, never a codelist warning."""
    record = json.loads(SCHEDULE.read_text())
    record["source_system"] = 5
    record["collections"][0]["outcome_code"] = None
    assert _warnings(record) == []
