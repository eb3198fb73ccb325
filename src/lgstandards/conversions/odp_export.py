"""Register records to Open Digital Planning post-submission application documents.

The register holds what a post-submission document's `data` holds about where an application
has got to, and part of what its `submission` holds about the site and proposal. The export
writes those parts in ODP's shape. It is not a complete ODP document: ODP also requires the whole
submission (the applicant, the answers, the fee), the case officer and comment settings, which a
register does not publish; the export says so once per file, and reports every register field ODP
has no place for as `export.field-not-carried`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from lgstandards.conversions.base import Exported
from lgstandards.conversions.carried import NotCarried, Reader
from lgstandards.conversions.dates import london_midnight_utc
from lgstandards.conversions.odp_types import from_odp, to_odp
from lgstandards.conversions.odp_values import odp_values
from lgstandards.findings import Finding, Severity, SourceLocation

SOURCE = "planning-application-register@2"
SCHEMA = (
    "https://theopensystemslab.github.io/digital-planning-data-schemas/@next/schemas/"
    "postSubmissionApplication.json"
)

#: Why register fields have no place in ODP, by template prefix.
REASONS: Mapping[str, str] = {
    "/organisation/gss_code": "ODP names the authority by its planning.data.gov.uk reference "
    "only",
    "/organisation/name": "ODP names the authority by its planning.data.gov.uk reference only",
    "/local_application_type": "ODP has its own application types; a local type is written only "
    "when it is an ODP type",
    "/application_types": "ODP has no application type for it",
    "/development_scale": "ODP says the scale only within its full and outline planning "
    "permission types",
    "/retrospective": "ODP says an application is retrospective only for householder "
    "applications",
    "/development_category": "ODP has no PS2 development category",
    "/eia_development": "ODP's post-submission application does not say whether it is EIA "
    "development",
    "/dwellings/net": "ODP counts the homes proposed, not the net change",
    "/time_extensions": "ODP has no extensions of time",
    "/planning_performance_agreement": "ODP has no planning performance agreements",
    "/resolution_date": "ODP has no resolutions to grant",
    "/linked_applications": "ODP links only a submission's pre-application advice, which the "
    "register does not tell apart",
    "/documentation_url": "ODP has no page address for the application",
    "/constraints": "ODP lists designations by its own codes, and this constraint type has none",
    "/timeline": "ODP keeps no timeline; its dates are the application's own fields",
    "/extensions": "local additions have no place in ODP",
    "/decision/conditions": "ODP does not record what was decided about each condition",
    "/decision/decision_level": "ODP has only officers' and committees' decisions",
    "/decision": "ODP's decisions are granted or refused, and this outcome is neither",
    "/officer_recommendation": "ODP records a recommendation only for a committee decision",
    "/committee_date": "ODP records the committee's day only as its decision date",
    "/appeal/reference": "ODP has no appeal reference",
    "/site/uprns": "ODP's address has one UPRN",
    "/site/wards": "ODP's property has one ward, by name",
    "/site/geometry": "ODP's boundary is a Polygon or MultiPolygon",
    "/documents": "ODP's files need an https address",
    "/status": "ODP has no status for it, and undetermined at assessment reads back as "
    "awaiting decision",
    "/$schema": "the document names ODP's schema instead",
}
_DEFAULT = "ODP has no field for it"

#: What ODP requires that a register record cannot give.
ODP_ONLY = (
    "submission (the applicant, the answers and the fee)", "data.caseOfficer",
    "data.localPlanningAuthority.publicCommentsAcceptedUntilDecision",
    "data.consultation.siteNotice", "metadata.id", "metadata.submittedAt",
    "metadata.generatedAt", "files' sizes, media types and dates",
)

#: Register statuses ODP's status and stage say exactly; a resolution to grant, a call-in and a
#: valid application not yet in consultation all become undetermined at assessment.
_ODP_STATUSES = frozenset({
    "received", "invalid", "consultation", "awaiting-decision", "determined", "appealed",
    "withdrawn", "returned",
})

_ODP_FILE_TYPE = re.compile(r"[a-z][A-Za-z0-9]*(\.[a-z][A-Za-z0-9]*)*")


class OdpExporter:
    """Writes register records as Open Digital Planning post-submission documents."""

    name = "odp"
    description = (
        "Open Digital Planning postSubmissionApplication documents (digital-planning-data-"
        "schemas 0.7), with the parts of the submission the register holds."
    )
    source = SOURCE
    suffix = ".json"

    def export(self, records: Sequence[Mapping[str, Any]], name: str) -> Exported:
        """Write one document per record: an object for one record, a list for several."""
        left = NotCarried("export.field-not-carried", REASONS, _DEFAULT)
        documents = []
        for number, record in enumerate(records, 1):
            reader = Reader(record)
            documents.append(to_document(reader))
            left.add(number, record, reader.carried, (),
                     lambda _path, at: SourceLocation(name, record=at))
        findings = [Finding(
            "export.incomplete", Severity.WARNING,
            "The documents are not complete ODP postSubmissionApplication documents: ODP also "
            f"requires {', '.join(ODP_ONLY)}, which a register does not hold. Add them from the "
            "back office before sending the documents to an ODP service.",
            location=SourceLocation(name),
        )] if documents else []
        findings += left.findings("Open Digital Planning", len(documents))
        value: Any = documents[0] if len(documents) == 1 else documents
        data = json.dumps(value, indent=2, ensure_ascii=False).encode("utf-8") + b"\n"
        return Exported(data, len(documents), tuple(findings))


EXPORTER = OdpExporter()


def to_document(record: Reader) -> dict[str, Any]:
    """Return one register record as an ODP post-submission document."""
    values = odp_values()
    data: dict[str, Any] = {}
    application: dict[str, Any] = {}
    reference = record.text("reference")
    if reference:
        application["reference"] = reference
    status = record.get("status", take=False)
    status = status if isinstance(status, str) else ""
    odp_status, stage = values.statuses.get(status, ("undetermined", "assessment"))
    if status == "appealed" and record.get("decision", take=False) is None:
        # An appeal against non-determination: the application itself is undecided.
        odp_status = "undetermined"
    application["stage"] = stage
    application["status"] = odp_status
    if status in _ODP_STATUSES:
        record.get("status")
    withdrawn = record.text("withdrawn_date")
    if withdrawn:
        application["withdrawnAt"] = london_midnight_utc(withdrawn)
        reason = _event_note(record, "application-withdrawn")
        if reason:
            application["withdrawnReason"] = reason
    published = _event_date(record, "application-published")
    if published:
        application["publishedAt"] = london_midnight_utc(published)
    data["application"] = application
    received = record.text("received_date")
    submitted = _event_date(record, "application-submitted") or received
    if submitted:
        data["submission"] = {"submittedAt": london_midnight_utc(submitted)}
    if received:
        validation: dict[str, Any] = {"receivedAt": london_midnight_utc(received)}
        valid = record.text("valid_date")
        invalid = _event_date(record, "invalid-from")
        if valid:
            validation["validatedAt"] = london_midnight_utc(valid)
            validation["isValid"] = True
        elif invalid and status in ("invalid", "returned"):
            validation["validatedAt"] = london_midnight_utc(invalid)
            validation["isValid"] = False
        data["validation"] = validation
    start, end = record.text("consultation", "start_date"), record.text("consultation", "end_date")
    if start and end:
        data["consultation"] = {"startDate": start, "endDate": end}
    assessment = _assessment(record)
    if assessment:
        data["assessment"] = assessment
    appeal = _appeal(record)
    if appeal:
        data["appeal"] = appeal
    document: dict[str, Any] = {}
    types = tuple(t for t in (record.get("application_types", take=False) or ())
                  if isinstance(t, str))
    local = record.get("local_application_type", "code", take=False)
    odp_type, left_out = to_odp(types, record.get("development_scale", take=False),
                                record.get("retrospective", take=False),
                                local if isinstance(local, str) else None)
    if odp_type:
        document["applicationType"] = odp_type
        # The scale and retrospection are carried only as far as the ODP type says them.
        meaning = from_odp(odp_type)
        if meaning.scale is not None and meaning.scale == record.get(
            "development_scale", take=False
        ):
            record.get("development_scale")
        if meaning.retrospective and record.get("retrospective", take=False) is True:
            record.get("retrospective")
        if local == odp_type:
            record.get("local_application_type")
        for index, code in enumerate(types):
            if code not in left_out:
                record.get("application_types", index)
    document["data"] = data
    files = _files(record)
    if files:
        document["files"] = files
    document["submission"] = _submission(record, odp_type)
    organisation = record.text("organisation", "organisation")
    metadata: dict[str, Any] = {}
    if organisation and organisation.startswith("local-authority:"):
        metadata["organisation"] = organisation.removeprefix("local-authority:")
    elif organisation:
        # ODP's organisation is a local authority's reference; others cannot be said.
        record.get("organisation", "organisation", take=False)
    metadata["schema"] = SCHEMA
    document["metadata"] = metadata
    return document


def _assessment(record: Reader) -> dict[str, Any]:
    """Return ODP's assessment: expiry, recommendation, decision and notice."""
    values = odp_values()
    assessment: dict[str, Any] = {}
    expiry = record.text("statutory_expiry_date")
    if expiry:
        assessment["expiryDate"] = expiry
    outcome = record.get("decision", "outcome", take=False)
    decided = values.odp_outcomes.get(outcome) if isinstance(outcome, str) else None
    level = record.get("decision", "decision_level", take=False)
    committee = level == "committee"
    recommendation = record.get("officer_recommendation", take=False)
    recommended = values.odp_outcomes.get(recommendation) if isinstance(
        recommendation, str) else None
    prior: bool | None = None
    if recommended and (committee or decided is None):
        # ODP keeps a recommendation only when a committee decides, or before anyone has.
        assessment["planningOfficerRecommendation"] = recommended[0]
        prior = recommended[1]
        record.get("officer_recommendation")
    sent = _event_date(record, "referred-to-committee")
    if sent:
        assessment["committeeSentDate"] = sent
    if decided:
        who = "committee" if committee else "planningOfficer"
        assessment[f"{who}Decision"] = decided[0]
        day = record.text("decision", "decision_date")
        if day:
            assessment[f"{who}DecisionDate"] = day
        prior = decided[1] if decided[1] is not None else prior
        record.get("decision", "outcome")
        if level in ("committee", "delegated"):
            record.get("decision", "decision_level")
        if committee and record.get("committee_date", take=False) == day:
            record.get("committee_date")
        notice = record.text("decision", "notice_url")
        if notice:
            assessment["decisionNotice"] = {"url": notice}
    if prior is not None:
        assessment["priorApprovalRequired"] = prior
    return assessment


def _appeal(record: Reader) -> dict[str, Any]:
    """Return ODP's appeal; its reason comes from the timeline's appeal-lodged note."""
    appeal: dict[str, Any] = {}
    if record.get("appeal", take=False) is None:
        return appeal
    reason = _event_note(record, "appeal-lodged")
    lodged = record.text("appeal", "lodged_date")
    if lodged:
        appeal["lodgedDate"] = lodged
    if reason:
        appeal["reason"] = reason
    for ours, odp in (("validated_date", "validatedDate"), ("started_date", "startedDate"),
                      ("decision_date", "decisionDate")):
        day = record.text("appeal", ours)
        if day:
            appeal[odp] = day
    outcome = record.get("appeal", "outcome", take=False)
    decision = odp_values().odp_appeal_outcomes.get(outcome) if isinstance(outcome, str) else None
    if decision:
        appeal["decision"] = decision
        record.get("appeal", "outcome")
    return appeal


def _files(record: Reader) -> list[dict[str, Any]]:
    """Return the documents as ODP files: number, name, address, types and published day."""
    documents = record.get("documents", take=False)
    if not isinstance(documents, list):
        return []
    files: list[dict[str, Any]] = []
    for index, item in enumerate(documents):
        if not isinstance(item, dict):
            continue
        url = record.text("documents", index, "url")
        if not url:
            continue
        name = record.text("documents", index, "name") or url.rstrip("/").rsplit("/", 1)[-1]
        types: list[str] = []
        for number, code in enumerate(item.get("types") or ()):
            if isinstance(code, str) and _ODP_FILE_TYPE.fullmatch(code):
                types.append(code)
                record.get("documents", index, "types", number)
        file: dict[str, Any] = {"id": len(files) + 1, "name": name, "association": "application",
                                "url": url, "type": types}
        published = record.text("documents", index, "published_date")
        if published:
            file["metadata"] = {"publishedAt": london_midnight_utc(published)}
        files.append(file)
    return files


def _submission(record: Reader, odp_type: str | None) -> dict[str, Any]:
    """Return the parts of ODP's submission the register holds: the site and the proposal."""
    address: dict[str, Any] = {}
    line = record.text("site", "address_text")
    if line:
        address["singleLine"] = line
        address["title"] = line
    uprns = record.get("site", "uprns", take=False)
    if isinstance(uprns, list) and uprns and isinstance(uprns[0], str):
        address["uprn"] = uprns[0]
        record.get("site", "uprns", 0)
    for ours, odp in (("usrn", "usrn"), ("postcode", "postcode")):
        value = record.text("site", ours)
        if value:
            address[odp] = value
    point = record.get("site", "point")
    if isinstance(point, list) and len(point) >= 2:
        address["longitude"], address["latitude"] = point[0], point[1]
    address["source"] = "Ordnance Survey" if "uprn" in address else "Proposed by applicant"
    property_: dict[str, Any] = {"address": address}
    wards = record.get("site", "wards", take=False)
    if isinstance(wards, list) and len(wards) >= 1 and isinstance(wards[0], dict):
        name = record.text("site", "wards", 0, "name")
        if name:
            property_["ward"] = name
    designations = _designations(record)
    if designations:
        property_["planning"] = {"designations": designations}
    proposal: dict[str, Any] = {}
    description = record.text("description")
    if description:
        proposal["description"] = description
    boundary: dict[str, Any] = {}
    geometry = record.get("site", "geometry", take=False)
    if isinstance(geometry, dict) and geometry.get("type") in ("Polygon", "MultiPolygon"):
        boundary["site"] = {"type": "Feature", "geometry": record.get("site", "geometry"),
                            "properties": None}
    area = record.get("site", "area_hectares")
    if isinstance(area, int | float):
        boundary["area"] = {"hectares": area, "squareMetres": round(area * 10_000, 2)}
    if boundary:
        proposal["boundary"] = boundary
    proposed = record.get("dwellings", "proposed")
    if isinstance(proposed, int):
        proposal["units"] = {"total": proposed}
    submission: dict[str, Any] = {}
    if odp_type:
        submission["applicationType"] = odp_type
    submission["data"] = {"property": property_, "proposal": proposal}
    return submission


def _designations(record: Reader) -> list[dict[str, Any]]:
    """Return the constraints as ODP designations that intersect, with their named entities."""
    constraints = record.get("constraints", take=False)
    if not isinstance(constraints, list):
        return []
    odp = odp_values().odp_designations
    found: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(constraints):
        code = item.get("type") if isinstance(item, dict) else None
        value = odp.get(code) if isinstance(code, str) else None
        if value is None:
            continue
        record.get("constraints", index, "type")
        designation = found.setdefault(value, {
            "value": value, "description": odp_values().odp_descriptions.get(value, value),
            "intersects": True,
        })
        name = record.text("constraints", index, "name")
        url = record.text("constraints", index, "url")
        if name:
            entity: dict[str, Any] = {"name": name}
            if url:
                entity["source"] = {"text": "Planning Data", "url": url}
            designation.setdefault("entities", []).append(entity)
    return list(found.values())


def _events(record: Reader, event: str) -> list[tuple[int, dict[str, Any]]]:
    """Return the timeline's events of one kind, with their places."""
    timeline = record.get("timeline", take=False)
    if not isinstance(timeline, list):
        return []
    return [(i, e) for i, e in enumerate(timeline)
            if isinstance(e, dict) and e.get("event") == event]


def _event_date(record: Reader, event: str) -> str | None:
    """Return the day of the latest event of a kind, marking it carried."""
    events = _events(record, event)
    if not events:
        return None
    index, _ = events[-1]
    record.get("timeline", index, "event")
    return record.text("timeline", index, "date")


def _event_note(record: Reader, event: str) -> str | None:
    """Return the note of the latest event of a kind, marking the event carried."""
    events = _events(record, event)
    if not events:
        return None
    index, _ = events[-1]
    record.get("timeline", index, "event")
    record.get("timeline", index, "date")
    return record.text("timeline", index, "note")
