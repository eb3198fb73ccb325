"""Open Digital Planning documents to register records and back, on ODP's published examples."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from lgstandards.conversions import (
    CONVERTERS,
    EXPORTERS,
    ConversionError,
    ConversionOptions,
    converter,
    exporter,
)
from lgstandards.conversions.dates import iso_day
from lgstandards.conversions.odp_types import ODP_TYPES, from_odp, to_odp
from lgstandards.findings import Severity
from tests.planning_roundtrip import REAL, REGISTER, covered, lost, valid_records

ODP = converter("odp")
TO_ODP = exporter("odp")
LAMBETH = ConversionOptions(gss_code="E09000022")
FIXTURES = sorted((REAL / "odp").glob("*.json"))
POST = [p for p in FIXTURES if p.name.startswith("postSubmission")]


def _convert(path: Path | bytes) -> dict[str, Any]:
    """Convert one document and return its record."""
    result = ODP.convert(path, LAMBETH)
    assert len(result.records) == 1
    return result.records[0]


def test_registered() -> None:
    """The ODP converter and exporter are found by name and work on register 2.x."""
    assert CONVERTERS["odp"] is ODP
    assert EXPORTERS["odp"] is TO_ODP
    assert ODP.target == TO_ODP.source == "planning-application-register@2"


@pytest.mark.parametrize("path", FIXTURES, ids=[p.name for p in FIXTURES])
def test_every_example_becomes_a_conforming_record(path: Path) -> None:
    """Each of ODP's published examples converts to a record that meets 2.0.0 and its rules."""
    result = ODP.convert(path, LAMBETH)
    assert not [f for f in result.findings if f.severity is Severity.ERROR]
    assert REGISTER.check_record(result.records[0]) == []


# -- what carries across -----------------------------------------------------------------------


def _meeting(document: dict[str, Any]) -> dict[str, Any]:
    """Return what an ODP post-submission document says that the register also says."""
    data = document["data"]
    application, assessment = data["application"], data.get("assessment", {})
    appeal, validation = data.get("appeal", {}), data.get("validation", {})
    submission = document["submission"]["data"]
    address = submission["property"]["address"]
    boundary = submission["proposal"].get("boundary") or submission["property"].get("boundary")
    status = "withdrawn" if application.get("withdrawnAt") else application["status"]
    committee = "committeeDecision" in assessment
    return {
        "type": document["applicationType"],
        "reference": application["reference"],
        "status": status,
        "withdrawn": iso_day(application["withdrawnAt"]) if "withdrawnAt" in application
        else None,
        "withdrawn_reason": application.get("withdrawnReason"),
        # ODP's receivedAt, or when there is no validation yet, the day it was submitted.
        "received": iso_day(validation.get("receivedAt")
                            or data.get("submission", {}).get("submittedAt", "")),
        "valid": iso_day(validation["validatedAt"]) if validation.get("isValid") else None,
        "consultation": [data.get("consultation", {}).get(k) for k in ("startDate", "endDate")],
        "expiry": assessment.get("expiryDate"),
        "recommendation": assessment.get("planningOfficerRecommendation")
        if committee or not assessment.get("planningOfficerDecision") else None,
        "sent": assessment.get("committeeSentDate"),
        "decision": [assessment.get(k) for k in (
            "planningOfficerDecision", "planningOfficerDecisionDate", "committeeDecision",
            "committeeDecisionDate", "priorApprovalRequired")],
        "notice": assessment.get("decisionNotice", {}).get("url"),
        "appeal": {k: v for k, v in appeal.items() if k != "files"},
        "published": iso_day(application.get("publishedAt", "")),
        "files": [(f.get("url") or f.get("redactedUrl"), f["type"]) for f in document["files"]],
        "address": (address.get("singleLine"), address.get("uprn", "").lstrip("0"),
                    address.get("usrn"), address.get("postcode"),
                    address.get("longitude"), address.get("latitude")),
        "description": submission["proposal"].get("description"),
        "boundary": (boundary["site"].get("geometry", boundary["site"]),
                     boundary["area"]["hectares"]) if boundary else None,
        "ward": submission["property"].get("ward"),
        "designations": sorted(
            (d["value"], [(e["name"], e["source"].get("url")) for e in d.get("entities", [])])
            for d in submission["property"].get("planning", {}).get("designations", [])
            if d.get("intersects")
        ),
        "organisation": document["metadata"]["organisation"],
    }


@pytest.mark.parametrize("path", POST, ids=[p.name for p in POST])
def test_round_trip_keeps_what_the_register_and_odp_share(path: Path) -> None:
    """ODP to register to ODP gives back every value the two share, at the register's precision."""
    original = json.loads(path.read_text())
    record = _convert(path)
    again = json.loads(TO_ODP.export([record], "record").data)
    assert _meeting(again) == _meeting(original)


@pytest.mark.parametrize("path", POST, ids=[p.name for p in POST])
def test_register_records_are_a_fixed_point(path: Path) -> None:
    """Register to ODP and back gives the same record."""
    record = _convert(path)
    exported = TO_ODP.export([record], "record")
    assert _convert(exported.data) == record


def test_fields_not_carried_are_each_reported_once_with_a_reason() -> None:
    """The appeal-decided example reports each field it leaves out once, with why."""
    path = REAL / "odp" / (
        "postSubmissionApplication--planningPermission--fullHouseholder-05-appeal-03-appeal-"
        "determined.json"
    )
    result = ODP.convert(path, LAMBETH)
    left = {f.pointer: f.message for f in result.findings if f.code == "convert.field-not-carried"}
    assert "/data/caseOfficer" in left and "personal data" in left["/data/caseOfficer"]
    assert "/submission/data/applicant" in left
    assert "/submission/data/property/planning/designations/*" in left
    assert "/data/appeal/reason" not in left  # kept as the appeal-lodged event's note
    assert all(f.severity is Severity.INFO for f in result.findings)
    assert len(left) == len(set(left))


def test_responses_and_comments_are_reported_when_present() -> None:
    """The answers and comments taken out of the fixtures are reported as not carried."""
    path = REAL / "odp" / (
        "postSubmissionApplication--planningPermission--fullHouseholder-03-consultation.json"
    )
    document = json.loads(path.read_text())
    document["comments"] = {"public": {"summary": {"totalComments": 1}}}
    document["submission"]["responses"] = [{"question": "Q?", "responses": "A"}]
    result = ODP.convert(json.dumps(document).encode(), LAMBETH)
    reported = {f.pointer for f in result.findings if f.code == "convert.field-not-carried"}
    assert {"/comments", "/submission/responses"} <= reported


def test_several_documents_and_the_api_envelope() -> None:
    """A list of documents, or the ODP API's {"data": [...]}, gives a record each."""
    documents = [json.loads(p.read_text()) for p in POST[:3]]
    for value in (documents, {"data": documents, "pagination": {"totalResults": 3}}):
        result = ODP.convert(json.dumps(value).encode(), LAMBETH)
        assert len(result.records) == 3
        records = {f.location.record for f in result.findings}
        assert records <= {1, 2, 3}


def test_withdrawn_example_says_undetermined_and_is_read_as_withdrawn() -> None:
    """ODP's withdrawn example says 'undetermined'; the record is withdrawn, with a warning."""
    path = REAL / "odp" / (
        "postSubmissionApplication--planningPermission--fullHouseholder-06-assessment-"
        "withdrawn.json"
    )
    result = ODP.convert(path, LAMBETH)
    record = result.records[0]
    assert (record["status"], record["withdrawn_date"]) == ("withdrawn", "2024-02-20")
    assert record["timeline"][-1]["note"].startswith("The applicant has decided")
    assert [(f.code, f.pointer) for f in result.findings if f.severity is Severity.WARNING] == [
        ("convert.conflicting-values", "/data/application/status")
    ]


def test_committee_decided_prior_approval() -> None:
    """A committee's decision, the recommendation and the referral date all carry across."""
    path = REAL / "odp" / (
        "postSubmissionApplication--priorApproval--largerExtension-04-assessment-03-committee-"
        "determined.json"
    )
    record = _convert(path)
    assert record["application_types"] == ["pa-extension"]
    assert record["officer_recommendation"] == "prior-approval-refused"
    assert record["decision"] == {
        "outcome": "prior-approval-granted", "decision_date": "2024-04-01",
        "decision_level": "committee", "notice_url": "https://planningregister.org",
    }
    assert record["committee_date"] == "2024-04-01"
    assert {"event": "referred-to-committee", "date": "2024-03-22"} in record["timeline"]


def test_submission_gets_its_session_id_as_a_stand_in_reference() -> None:
    """A PlanX submission has no reference yet: its id stands in, with a warning to replace it."""
    result = ODP.convert(REAL / "odp" / "prototypeApplication--planningPermission--major.json",
                         LAMBETH)
    record = result.records[0]
    assert record["reference"] == "180da003-279d-40dc-b538-a616c8c2a700"
    assert (record["status"], record["received_date"]) == ("received", "2024-07-03")
    assert (record["application_types"], record["development_scale"]) == (["full"], "major")
    assert record["dwellings"] == {"proposed": 25}
    assert any(f.code == "convert.changed-value" and f.pointer == "/metadata/id"
               for f in result.findings)


def test_older_application_schema_type_and_zero_padded_uprn() -> None:
    """The `application` schema's type is read, and its zero-padded UPRN loses the zeros."""
    record = _convert(REAL / "odp" / "application--planningPermission--minor.json")
    assert (record["application_types"], record["development_scale"]) == (["full"], "minor")
    assert record["site"]["uprns"] == ["766301871"]


def test_types_without_a_register_code_keep_the_odp_code() -> None:
    """An ODP type the register says only broadly keeps its code as the local type, and returns."""
    for odp_type in sorted(ODP_TYPES):
        meaning = from_odp(odp_type)
        local = odp_type if meaning.broader else None
        back, left_out = to_odp(meaning.types, meaning.scale, meaning.retrospective, local)
        assert back == odp_type, odp_type
        assert left_out == ()


def test_missing_gss_code_and_not_odp_input() -> None:
    """Without --gss-code the run says so; input that is not ODP stops the conversion."""
    result = ODP.convert(POST[0], ConversionOptions())
    assert "convert.no-organisation" in {f.code for f in result.findings}
    with pytest.raises(ConversionError, match="not valid JSON"):
        ODP.convert(b"reference,description\n", LAMBETH)
    with pytest.raises(ConversionError, match="not an Open Digital Planning"):
        ODP.convert(b'{"bins": []}', LAMBETH)


# -- register records out and back ---------------------------------------------------------------

RECORDS = valid_records()


@pytest.mark.parametrize("record", RECORDS, ids=[r["reference"] for r in RECORDS])
def test_every_value_odp_cannot_hold_is_reported(record: dict[str, Any]) -> None:
    """Register to ODP and back loses only values the export reported as not carried."""
    exported = TO_ODP.export([record], "record")
    reported = {f.pointer for f in exported.findings if f.code == "export.field-not-carried"}
    options = ConversionOptions(organisation=record["organisation"]["organisation"],
                                gss_code=record["organisation"].get("gss_code"))
    back = ODP.convert(exported.data, options).records[0]
    assert {place for place in lost(record, back) if not covered(place, reported)} == set()


def test_export_says_the_documents_are_not_complete() -> None:
    """ODP requires what a register does not hold: the export warns once."""
    exported = TO_ODP.export(copy.deepcopy(RECORDS[:3]), "register.ndjson")
    warnings = [f for f in exported.findings if f.severity is Severity.WARNING]
    assert [f.code for f in warnings] == ["export.incomplete"]
    assert isinstance(json.loads(exported.data), list)
