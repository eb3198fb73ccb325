"""The waste standards' migrations: every valid record of the old major is valid under the new."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from lgstandards.conformance import Checker
from lgstandards.development.migrations import ALL
from lgstandards.development.upgrade import Migration, Upgrader
from lgstandards.findings import Severity
from lgstandards.registry import catalogue
from lgstandards.rules import RuleOptions

ROOT = Path(__file__).resolve().parents[1] / "standards"

#: (standard, old version, new version) of each waste migration.
_WASTE = [
    ("waste-property-schedule", "1.0.0", "2.0.0"),
    ("waste-service-catalogue", "1.0.0", "2.0.0"),
]


def _records(standard: str, version: str) -> list[tuple[str, dict[str, Any]]]:
    """Return (name, record) for every record of a version's valid examples."""
    found: list[tuple[str, dict[str, Any]]] = []
    for path in sorted((ROOT / standard / version / "examples" / "valid").iterdir()):
        if path.suffix == ".json":
            found.append((path.name, json.loads(path.read_text())))
        elif path.suffix == ".ndjson":
            found.extend((f"{path.name}:{n}", json.loads(line))
                         for n, line in enumerate(path.read_text().splitlines(), 1))
    return found


_CASES = [(standard, old, new, name, record)
          for standard, old, new in _WASTE for name, record in _records(standard, old)]


def _migration(standard: str) -> Migration:
    return next(m for m in ALL if m.standard == standard and m.from_major == 1)


@pytest.mark.parametrize(("standard", "old", "new", "name", "record"), _CASES,
                         ids=[f"{c[0]}:{c[3]}" for c in _CASES])
def test_every_valid_old_example_upgrades_to_a_valid_new_record(
    standard: str, old: str, new: str, name: str, record: dict[str, Any]
) -> None:
    """A valid example of the old major, upgraded, gives no error or warning under the new one."""
    before = copy.deepcopy(record)
    upgraded = _migration(standard).migrate(record)
    assert record == before, "the migration changed its input"
    checker = Checker.for_standard(f"{standard}@{new}", options=RuleOptions(), allow_draft=True)
    found = [(f.code, f.pointer, f.message) for f in checker.check_record(upgraded.record)
             if f.severity is not Severity.INFO]
    assert found == []
    assert not any(note.lossy for note in upgraded.notes)


def test_the_engine_upgrades_a_schedule_and_names_the_new_version() -> None:
    """Through the upgrade engine, a 1.0.0 schedule with $schema comes out as 2.0.0."""
    cat = catalogue()
    upgrader = Upgrader(cat.select("waste-property-schedule@2.0.0", allow_draft=True), cat)
    record = dict(_records("waste-property-schedule", "1.0.0")[0][1])
    record = {"$schema": "https://schemas.lgstandards.org/waste-property-schedule/1.0.0/"
                         "schema.json", **record}
    result = upgrader.upgrade(record)
    assert result.record is not None
    assert result.record["$schema"].endswith("/waste-property-schedule/2.0.0/schema.json")
    assert not [f for f in upgrader.checker.check_record(result.record)
                if f.severity is Severity.ERROR]


def _schedule(**service: Any) -> dict[str, Any]:
    """Return a small valid 1.0.0 schedule whose one service has these fields."""
    return {
        "generated_at": "2026-12-07T06:00:00Z",
        "publisher": {"gss_code": "E07000223"},
        "property": {"uprn": "000000512345", "collection_authority": {"gss_code": "E07000223"}},
        "services": [{"id": "s", "name": "Service", **service}],
        "container_types": [{"id": "box", "name": "Box", "type": "box",
                             "streams": ["plastics_cans", "glass"]}],
        "collections": [],
    }


def test_one_rule_becomes_one_dated_schedule_and_one_stream_a_list() -> None:
    """frequency, schedule_start_date and schedule_description make the service's one schedule."""
    upgraded = _migration("waste-property-schedule").migrate(_schedule(
        stream="food_garden", frequency="FREQ=WEEKLY;BYDAY=MO", schedule_start_date="2026-11-30",
        schedule_description="Every Monday", operator="Biffa"))
    service = upgraded.record["services"][0]
    assert service == {
        "id": "s", "name": "Service", "streams": ["food", "garden"],
        "schedules": [{"frequency": "FREQ=WEEKLY;BYDAY=MO", "start_date": "2026-11-30",
                       "description": "Every Monday"}],
        "operator": "Biffa",
    }
    assert upgraded.record["container_types"][0]["streams"] == [
        "plastics", "metals", "cartons", "glass"]
    assert upgraded.record["property"]["uprn"] == "512345"
    assert {note.pointer for note in upgraded.notes} == {
        "/services/0/streams", "/container_types/0/streams", "/property/uprn"}


def test_a_description_without_a_rule_is_kept_in_the_service_description() -> None:
    """A service booked on demand keeps its schedule description in its own description."""
    upgraded = _migration("waste-property-schedule").migrate(_schedule(
        stream="bulky", schedule_description="Book online", description="Up to six items."))
    assert upgraded.record["services"][0]["description"] == "Up to six items. Book online"
    assert "schedules" not in upgraded.record["services"][0]
    assert [note.lossy for note in upgraded.notes if "description" in note.message] == [False]


def test_what_2_0_0_cannot_hold_is_noted_as_lost() -> None:
    """A start date without a rule, and a description with no room, are dropped with a note."""
    upgraded = _migration("waste-property-schedule").migrate(_schedule(
        stream="bulky", schedule_start_date="2026-11-30", schedule_description="x" * 20,
        description="y" * 1990))
    lost = [note.pointer for note in upgraded.notes if note.lossy]
    assert lost == ["/services/0", "/services/0"]
    assert "schedules" not in upgraded.record["services"][0]
