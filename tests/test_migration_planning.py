"""Upgrading planning-application-register 1.x records to 2.0.0: valid in, valid out."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from lgstandards.conformance import Checker
from lgstandards.development.migrations import ALL
from lgstandards.development.migrations.planning_application_register import (
    MIGRATIONS,
    upgrade_1_to_2,
)
from lgstandards.registry import catalogue
from lgstandards.rules import RuleOptions
from lgstandards.sources import Record, Source, detect_format

FOLDER = Path(__file__).resolve().parents[1] / "standards" / "planning-application-register"


def _records(version: str) -> list[tuple[str, dict[str, Any]]]:
    """Read every record of a version's valid examples, CSV included, named by file and number."""
    found: list[tuple[str, dict[str, Any]]] = []
    for path in catalogue().select(f"planning-application-register@{version}").example_files(
        "valid"
    ):
        tabular = Checker.for_standard(f"planning-application-register@{version}").tabular
        source = Source(str(path), detect_format(str(path)), path=path, tabular=tabular)
        for item in source.items():
            if isinstance(item, Record) and isinstance(item.data, dict):
                found.append((f"{path.name}:{item.number}", item.data))
    return found


OLD = _records("1.0.0")
NEW = Checker.for_standard(
    "planning-application-register@2.0.0", options=RuleOptions(), allow_draft=True
)


def test_migration_is_listed_once() -> None:
    """The 1 to 2 migration is in the list the upgrade engine reads, once."""
    assert [m for m in ALL if m.standard == "planning-application-register"] == list(MIGRATIONS)
    assert (MIGRATIONS[0].from_major, MIGRATIONS[0].to_major) == (1, 2)


@pytest.mark.parametrize(("name", "record"), OLD, ids=[name for name, _ in OLD])
def test_every_valid_1_0_0_example_upgrades_to_a_valid_2_0_0_record(
    name: str, record: dict[str, Any]
) -> None:
    """Each valid 1.0.0 record, upgraded, meets 2.0.0 with no error and no warning."""
    before = copy.deepcopy(record)
    upgraded = upgrade_1_to_2(record)
    assert record == before  # pure: the input is untouched
    assert NEW.check_record(upgraded.record) == []
    assert upgraded.record["application_types"] == [record["application_type"]]


def test_examples_were_read() -> None:
    """The 1.0.0 examples, JSON, NDJSON and CSV, give ten records or more."""
    assert len(OLD) >= 10
    assert any(name.startswith("register.csv") for name, _ in OLD)


def _householder() -> dict[str, Any]:
    return next(r for _, r in OLD if r["reference"] == "AWDM/0412/26")


def test_target_date_becomes_the_statutory_expiry_date() -> None:
    """Without an agreed extension in the timeline, the target is the statutory date."""
    record = _householder()
    upgraded = upgrade_1_to_2(record)
    assert upgraded.record["statutory_expiry_date"] == record["target_decision_date"]
    assert "target_decision_date" not in upgraded.record
    assert any(n.pointer == "/statutory_expiry_date" for n in upgraded.notes)


def test_target_date_after_an_agreed_extension_becomes_that_extension() -> None:
    """A timeline that records an extension agreed makes the target its new decision date."""
    record = copy.deepcopy(_householder())
    record["timeline"].insert(2, {"event": "time-extension-agreed", "date": "2026-04-10"})
    upgraded = upgrade_1_to_2(record).record
    assert upgraded["time_extensions"] == [
        {"agreed_date": "2026-04-10", "decision_due_date": record["target_decision_date"]}
    ]
    assert "statutory_expiry_date" not in upgraded
    assert NEW.check_record(upgraded) == []


def test_uprns_and_usrn_lose_leading_zeros_and_placeholders() -> None:
    """Leading zeros go, repeats are listed once, and all-zero placeholders are dropped (lossy)."""
    record = copy.deepcopy(_householder())
    record["site"]["uprns"] = ["000000199356", "199356", "000000000000", "100061912345"]
    record["site"]["usrn"] = "030201234"
    upgraded = upgrade_1_to_2(record)
    assert upgraded.record["site"]["uprns"] == ["199356", "100061912345"]
    assert upgraded.record["site"]["usrn"] == "30201234"
    assert [n.lossy for n in upgraded.notes if n.pointer.startswith("/site/uprns")] == [
        False, False, True
    ]
    assert NEW.check_record(upgraded.record) == []


def test_lower_case_local_authority_reference_is_capitalised() -> None:
    """'local-authority:adu' becomes 'local-authority:ADU', as planning.data.gov.uk writes it."""
    record = copy.deepcopy(_householder())
    record["organisation"]["organisation"] = "local-authority:adu"
    upgraded = upgrade_1_to_2(record)
    assert upgraded.record["organisation"]["organisation"] == "local-authority:ADU"
    assert NEW.check_record(upgraded.record) == []


def test_committee_meeting_in_the_timeline_becomes_committee_date() -> None:
    """The latest committee meeting the timeline records is also the record's committee date."""
    refused = next(r for _, r in OLD if r.get("decision", {}).get("decision_level") == "committee")
    upgraded = upgrade_1_to_2(refused).record
    meetings = [e["date"] for e in refused["timeline"] if e["event"] == "committee-date"]
    assert upgraded["committee_date"] == max(meetings)


def test_upgraded_records_put_the_types_after_the_authority() -> None:
    """The upgraded record reads in 2.0.0's order: the types follow the organisation."""
    keys = list(upgrade_1_to_2(_householder()).record)
    assert keys.index("application_types") == keys.index("organisation") + 1


def test_notes_are_json_friendly() -> None:
    """Every note has a JSON Pointer and a sentence."""
    for _, record in OLD:
        for note in upgrade_1_to_2(record).notes:
            assert note.pointer.startswith("/") and note.message.endswith(".")
            json.dumps({"pointer": note.pointer, "message": note.message, "lossy": note.lossy})
