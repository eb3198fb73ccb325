"""Open Digital Planning application documents to register records.

ODP (theopensystemslab/digital-planning-data-schemas) describes an application as PlanX submits
it (`application`, `prototypeApplication`) and as the back office publishes it afterwards
(`postSubmissionApplication`, and its redacted `postSubmissionPublishedApplication`), which holds
the submission too. A post-submission document gives a full register record; a submission gives
a record of an application just received. Every field of the document that the register has no
place for is reported, grouped by place, as `convert.field-not-carried`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lgstandards.conversions.base import ConversionError, ConversionOptions, ConversionResult
from lgstandards.conversions.carried import Carried, NotCarried
from lgstandards.conversions.carried import Path as Place
from lgstandards.conversions.dates import iso_day
from lgstandards.conversions.inputs import (
    JsonText,
    check_publisher_format,
    load_json,
    source_name,
)
from lgstandards.conversions.odp_types import from_odp
from lgstandards.conversions.odp_values import odp_values
from lgstandards.findings import Finding, Severity, SourceLocation

TARGET = "planning-application-register@2"

#: Why places of an ODP document are not carried, by template prefix.
REASONS: Mapping[str, str] = {
    "/data/caseOfficer": "the register carries no personal data, so officers' names are left out",
    "/data/localPlanningAuthority": "the register has no field for whether comments are taken "
    "until the decision",
    "/data/consultation/siteNotice": "the register has no field for whether a site notice was "
    "put up",
    "/data/validation/isValid": "the status says whether the application was valid",
    "/comments": "the register carries no comments, which hold people's names and addresses",
    "/metadata": "the document's own metadata is not about the application",
    "/files/*/id": "the register links documents and does not number them",
    "/files/*/association": "the register links documents and does not say what they belong to",
    "/files/*/metadata": "the register keeps a document's link, name, types and published date",
    "/files/*/redactedUrl": "the register keeps one link per document (url, or redactedUrl "
    "when there is no url)",
    "/data/appeal/files": "the register's documents are the application's, not the appeal's",
    "/submission/responses": "the applicant's answers are the form, not the register",
    "/submission/data/applicant": "the register carries no personal data about applicants",
    "/submission/data/user": "the register carries no personal data",
    "/submission/data/application/fee": "the register holds no fees",
    "/submission/data/application/declaration": "the register holds no declarations",
    "/submission/data/application/preApp/officer": "the register carries no personal data",
    "/submission/data/property/planning/designations/*": "the register lists only the "
    "designations that apply to the site",
    "/submission/data/property/planning/sources": "the register links each constraint, not the "
    "queries that found them",
    "/submission/metadata": "the submission's own metadata is not about the application",
    "/submission/files": "the post-submission document's files are used",
    "/submission/data/proposal/units/residential": "the register counts homes, not their types "
    "and tenures",
}
_DEFAULT = "the register has no field for it"

#: Reasons for the same places of a submission, whose document is the submission itself.
SUBMISSION_REASONS: Mapping[str, str] = {
    key.removeprefix("/submission"): why for key, why in REASONS.items()
    if key.startswith("/submission/")
} | {"/metadata": "the submission's metadata gives only the authority and the day"}

_KEBAB = re.compile(r"[^a-z0-9]+")


@dataclass
class _Doc:
    """One ODP document being converted: reads mark what was carried; findings go to a list."""

    value: Any
    base: Place
    record: int
    where: JsonText
    carried: Carried = field(default_factory=Carried)
    findings: list[Finding] = field(default_factory=list)

    def get(self, *path: str | int, take: bool = True) -> Any:
        """Return the value at a path, or None; mark it carried unless told not to."""
        node = self.value
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                return None
            if node is None:
                return None
        if take:
            self.carried.take(tuple(path))
        return node

    def text(self, *path: str | int) -> str | None:
        """Return a non-empty string at a path, or None."""
        value = self.get(*path, take=False)
        if isinstance(value, str) and value.strip():
            self.carried.take(tuple(path))
            return value.strip()
        return None

    def day(self, *path: str | int) -> str | None:
        """Return the date or date-time at a path as a London day, reporting one unreadable."""
        value = self.text(*path)
        if value is None:
            return None
        day = iso_day(value)
        if day is None:
            self.report("convert.bad-date", path,
                        f"{value!r} is not an ISO 8601 date or date-time, so it was left out.",
                        value)
        return day

    def report(
        self, code: str, path: tuple[str | int, ...], message: str, value: Any = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Add a finding placed at a path of this document."""
        self.findings.append(self.where.finding(
            code, (*self.base, *path), message, value, severity, self.record
        ))


def documents(where: JsonText) -> Iterator[tuple[Place, Any]]:
    """Yield (place, document) for each ODP document: one, a list, or an API envelope's data."""
    value = where.value
    if isinstance(value, dict) and "data" in value and isinstance(value["data"], list):
        # The ODP API's envelope: {"data": [...], "pagination": {...}}.
        for index, item in enumerate(value["data"]):
            yield ("data", index), item
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield (index,), item
    elif isinstance(value, dict):
        yield (), value
    else:
        raise ConversionError(
            f"{where.name} is not an Open Digital Planning document: it is neither an object nor "
            "a list of them."
        )


def kind(document: Any) -> str | None:
    """Return 'post-submission', 'submission' or None for what an ODP document is."""
    if not isinstance(document, dict):
        return None
    data = document.get("data")
    if not isinstance(data, dict):
        return None
    application = data.get("application")
    if "submission" in document and isinstance(application, dict) and "reference" in application:
        return "post-submission"
    if "property" in data and "proposal" in data:
        return "submission"
    return None


class OdpConverter:
    """Converts Open Digital Planning application documents into register records."""

    name = "odp"
    description = (
        "Open Digital Planning application documents (digital-planning-data-schemas 0.7): "
        "postSubmissionApplication (and the published form) or a PlanX submission, one, a list "
        "or an API response's data."
    )
    target = TARGET

    def convert(self, source: Path | bytes, options: ConversionOptions) -> ConversionResult:
        """Convert each document, reporting what the register cannot hold."""
        name = source_name(source, options)
        where = load_json(source, name)
        check_publisher_format(options)
        findings: list[Finding] = []
        if options.gss_code is None and (options.organisation or "local-authority:").startswith(
            "local-authority:"
        ):
            findings.append(Finding(
                "convert.no-organisation", Severity.ERROR,
                "ODP names the planning authority by its planning.data.gov.uk reference only; a "
                "local authority's records also need its council GSS code: give it with "
                "--gss-code (such as E09000022).",
                location=SourceLocation(name),
            ))
        records: list[dict[str, Any]] = []
        left = {
            "post-submission": NotCarried("convert.field-not-carried", REASONS, _DEFAULT),
            "submission": NotCarried("convert.field-not-carried", SUBMISSION_REASONS, _DEFAULT),
        }
        for base, document in documents(where):
            found = kind(document)
            if found is None:
                raise ConversionError(
                    f"{name} is not an Open Digital Planning application document"
                    + (f" at item {base[-1]}" if base else "")
                    + ": it has neither data.application.reference with a submission (a "
                    "post-submission application) nor data.property and data.proposal (a "
                    "submission)."
                )
            doc = _Doc(document, base, len(records) + 1, where)
            records.append(
                _post_submission(doc, options) if found == "post-submission"
                else _submission_record(doc, options)
            )
            left[found].add(doc.record, document, doc.carried, base,
                            lambda path, record: where.at(path, record))
            findings.extend(doc.findings)
        for group in left.values():
            findings.extend(group.findings("the register", len(records)))
        return ConversionResult(tuple(records), tuple(findings))


CONVERTER = OdpConverter()


# -- the parts of a record -------------------------------------------------------------------------


def _organisation(doc: _Doc, options: ConversionOptions, *path: str) -> dict[str, Any]:
    """Return the planning authority: the options, else ODP's planning.data.gov.uk reference."""
    organisation: dict[str, Any] = {}
    code = doc.text(*path, "metadata", "organisation")
    if options.organisation:
        organisation["organisation"] = options.organisation
        if code and options.organisation != f"local-authority:{code}":
            doc.report(
                "convert.conflicting-values", (*path, "metadata", "organisation"),
                f"The document's organisation is {code!r} but --organisation is "
                f"{options.organisation!r}; --organisation was used.", code, Severity.WARNING,
            )
    elif code:
        organisation["organisation"] = f"local-authority:{code}"
    if options.gss_code:
        organisation["gss_code"] = options.gss_code
    return organisation


def _types(doc: _Doc, record: dict[str, Any], odp_type: str | None, path: tuple[str, ...]) -> None:
    """Set the application types, scale and flags the ODP type says."""
    if odp_type is None:
        doc.report("convert.missing-value", path,
                   "The document has no application type; the register needs one.")
        return
    meaning = from_odp(odp_type)
    record["application_types"] = list(meaning.types)
    if meaning.broader:
        # The register can only say this broadly: the ODP type is kept as the local type.
        record["local_application_type"] = {"code": odp_type}
        if meaning.types != ("other",):
            doc.report(
                "convert.changed-value", path,
                f"ODP type {odp_type!r} has no register code of its own; it is recorded as "
                f"{meaning.types[0]!r}, with {odp_type!r} as the local application type.",
                odp_type, Severity.INFO,
            )
    if meaning.scale:
        record["development_scale"] = meaning.scale
    if meaning.retrospective is not None:
        record["retrospective"] = meaning.retrospective


def _site(doc: _Doc, record: dict[str, Any], *sub: str | int) -> None:
    """Build the site and what the submission says of the proposal."""
    property_ = (*sub, "data", "property")
    site: dict[str, Any] = {}
    address = (*property_, "address")
    line = doc.text(*address, "singleLine") or doc.text(*address, "title")
    postcode = doc.text(*address, "postcode")
    if line and postcode and postcode.replace(" ", "") not in line.replace(" ", ""):
        line = f"{line}, {postcode}"
    if line:
        site["address_text"] = " ".join(line.split())
        # The address's parts are in the line; the grid reference is the point's.
        for part in ("title", "pao", "paoEnd", "sao", "saoEnd", "street", "town",
                     "organisation", "x", "y", "source"):
            doc.get(*address, part)
    else:
        doc.report("convert.missing-value", address,
                   "The property has no address; the register needs the site's address.")
    uprn = doc.text(*address, "uprn")
    if uprn:
        value = uprn.lstrip("0")
        if value.isdigit() and len(value) <= 12:
            site["uprns"] = [value]
        else:
            doc.report("convert.unmapped-value", (*address, "uprn"),
                       f"UPRN {uprn!r} is not 1 to 12 digits, so it was left out.", uprn)
    usrn = doc.text(*address, "usrn")
    if usrn and usrn.lstrip("0").isdigit() and len(usrn.lstrip("0")) <= 8:
        site["usrn"] = usrn.lstrip("0")
    elif usrn:
        doc.report("convert.unmapped-value", (*address, "usrn"),
                   f"USRN {usrn!r} is not 1 to 8 digits, so it was left out.", usrn)
    if postcode:
        site["postcode"] = " ".join(postcode.upper().split())
    lon, lat = doc.get(*address, "longitude"), doc.get(*address, "latitude")
    if isinstance(lon, int | float) and isinstance(lat, int | float):
        site["point"] = [lon, lat]
    boundary = _boundary(doc, sub)
    if boundary:
        site.update(boundary)
    ward = doc.text(*property_, "ward")
    if ward:
        site["wards"] = [{"name": ward}]
    record["site"] = site
    description = doc.text(*sub, "data", "proposal", "description")
    if description:
        record["description"] = description
    else:
        doc.report("convert.missing-value", (*sub, "data", "proposal", "description"),
                   "The proposal has no description; the register needs one.")
    total = doc.get(*sub, "data", "proposal", "units", "total")
    if isinstance(total, int) and not isinstance(total, bool) and total >= 0:
        record["dwellings"] = {"proposed": total}
    constraints = _constraints(doc, (*property_, "planning", "designations"))
    if constraints:
        record["constraints"] = constraints
    pre_app = doc.text(*sub, "data", "application", "preApp", "reference")
    if pre_app:
        record["linked_applications"] = [{"reference": pre_app, "relationship": "related"}]


def _boundary(doc: _Doc, sub: tuple[str | int, ...]) -> dict[str, Any]:
    """Return the red line and its area: the proposal's boundary, else the property's."""
    for owner in ("proposal", "property"):
        path = (*sub, "data", owner, "boundary")
        site = doc.get(*path, "site", take=False)
        if site is None and doc.get(*path, "area", take=False) is None:
            continue
        geometry = site.get("geometry") if isinstance(site, dict) and site.get(
            "type") == "Feature" else site
        found: dict[str, Any] = {}
        if isinstance(geometry, dict) and geometry.get("type") in ("Polygon", "MultiPolygon"):
            found["geometry"] = {"type": geometry["type"],
                                 "coordinates": geometry.get("coordinates")}
            doc.get(*path, "site")
        elif site is not None:
            doc.report("convert.unmapped-value", (*path, "site"),
                       "The boundary is not a GeoJSON Polygon or MultiPolygon (or a Feature of "
                       "one), so it was left out.")
        hectares = doc.get(*path, "area", "hectares", take=False)
        if isinstance(hectares, int | float) and hectares > 0:
            found["area_hectares"] = hectares
            doc.get(*path, "area")
        if owner == "proposal":
            # The property's boundary is the same red line when there is one; kept only once.
            same = doc.get(*sub, "data", "property", "boundary", take=False)
            if same == doc.get(*path, take=False):
                doc.get(*sub, "data", "property", "boundary")
        return found
    return {}


def _constraints(doc: _Doc, path: tuple[str | int, ...]) -> list[dict[str, str]]:
    """Return the designations that apply to the site, one constraint per named entity."""
    designations = doc.get(*path, take=False)
    if not isinstance(designations, list):
        return []
    types = odp_values().constraint_types
    found: list[dict[str, str]] = []
    for index, item in enumerate(designations):
        if not isinstance(item, dict) or item.get("intersects") is not True:
            continue
        value = item.get("value")
        code = types.get(value) if isinstance(value, str) else None
        if code is None:
            continue
        place = (*path, index)
        doc.get(*place, "value")
        doc.get(*place, "description")
        doc.get(*place, "intersects")
        entities = doc.get(*place, "entities", take=False)
        if not isinstance(entities, list) or not entities:
            found.append({"type": code})
            continue
        for number, entity in enumerate(entities):
            if not isinstance(entity, dict):
                continue
            constraint = {"type": code}
            name = doc.text(*place, "entities", number, "name")
            if name:
                constraint["name"] = name
            url = doc.text(*place, "entities", number, "source", "url")
            if url and url.startswith("https://"):
                constraint["url"] = url
            doc.get(*place, "entities", number, "source", "text")
            found.append(constraint)
    return found


def _documents(doc: _Doc, files_path: tuple[str | int, ...]) -> list[dict[str, Any]]:
    """Return the files as documents by link, with their names, types and published days."""
    files = doc.get(*files_path, take=False)
    if not isinstance(files, list):
        return []
    found: list[dict[str, Any]] = []
    for index, item in enumerate(files):
        if not isinstance(item, dict):
            continue
        place = (*files_path, index)
        url = doc.text(*place, "url") or doc.text(*place, "redactedUrl")
        name = None
        if url is None and isinstance(item.get("name"), str) and item["name"].startswith(
            "https://"
        ):
            # A submission's files are named by their address.
            url = doc.text(*place, "name")
        else:
            name = doc.text(*place, "name")
        if url is None or not url.startswith("https://"):
            doc.report("convert.unmapped-value", place,
                       "The file has no https address, so it was left out.")
            continue
        document: dict[str, Any] = {"url": url}
        if name:
            document["name"] = name
        types = _file_types(doc, (*place, "type"))
        if types:
            document["types"] = types
        published = doc.day(*place, "metadata", "publishedAt")
        if published:
            document["published_date"] = published
        found.append(document)
    return found


def _file_types(doc: _Doc, path: tuple[str | int, ...]) -> list[str]:
    """Return a file's types, written as strings or as {value, description} objects."""
    values = doc.get(*path, take=False)
    if not isinstance(values, list):
        return []
    found: list[str] = []
    for index, value in enumerate(values):
        code = value.get("value") if isinstance(value, dict) else value
        if isinstance(code, str) and re.fullmatch(r"[A-Za-z0-9][A-Za-z0-9._-]*", code):
            if code not in found:
                found.append(code)
            doc.get(*path, index)
    return found


# -- submissions -----------------------------------------------------------------------------------


def _submission_record(doc: _Doc, options: ConversionOptions) -> dict[str, Any]:
    """Build the record of an application just submitted, from a PlanX submission."""
    record: dict[str, Any] = {}
    session = doc.text("metadata", "id")
    if session:
        record["reference"] = session
        doc.report(
            "convert.changed-value", ("metadata", "id"),
            f"A submission has no planning authority reference yet; its PlanX session id "
            f"{session!r} stands in. Replace it with the reference the authority gives.",
            session, Severity.WARNING,
        )
    record["organisation"] = _organisation(doc, options)
    odp_type = doc.text("applicationType")
    type_path: tuple[str, ...] = ("applicationType",)
    if odp_type is None:
        # The older `application` schema keeps the type at data.application.type.value.
        odp_type = doc.text("data", "application", "type", "value")
        doc.get("data", "application", "type", "description")
        type_path = ("data", "application", "type")
    _types(doc, record, odp_type, type_path)
    _site(doc, record)
    received = doc.day("metadata", "submittedAt")
    if received:
        record["received_date"] = received
    else:
        doc.report("convert.missing-value", ("metadata",),
                   "The submission has no metadata.submittedAt; the register needs the day it "
                   "was received.")
    record["status"] = "received"
    documents = _documents(doc, ("files",))
    if documents:
        record["documents"] = documents
    return _ordered(record)


# -- post-submission -------------------------------------------------------------------------------


def _post_submission(doc: _Doc, options: ConversionOptions) -> dict[str, Any]:
    """Build a register record from a post-submission application."""
    record: dict[str, Any] = {}
    reference = doc.text("data", "application", "reference")
    if reference:
        record["reference"] = reference
    record["organisation"] = _organisation(doc, options)
    _types(doc, record, doc.text("applicationType"), ("applicationType",))
    _site(doc, record, "submission")
    # The submission repeats the type and the authority; the post-submission ones are used.
    doc.get("submission", "applicationType")
    received = (doc.day("data", "validation", "receivedAt")
                or doc.day("data", "submission", "submittedAt")
                or doc.day("metadata", "submittedAt"))
    if received:
        record["received_date"] = received
        doc.get("data", "submission", "submittedAt")
    valid = doc.get("data", "validation", "isValid") is not False
    validated = doc.day("data", "validation", "validatedAt")
    if validated and valid:
        record["valid_date"] = validated
    expiry = doc.day("data", "assessment", "expiryDate")
    if expiry:
        record["statutory_expiry_date"] = expiry
    start = doc.day("data", "consultation", "startDate")
    end = doc.day("data", "consultation", "endDate")
    if start and end:
        record["consultation"] = {"start_date": start, "end_date": end}
    timeline: list[dict[str, str]] = []
    _assessment(doc, record, timeline)
    _status(doc, record, timeline, validated if not valid else None)
    _appeal(doc, record, timeline)
    published = doc.day("data", "application", "publishedAt")
    if published:
        timeline.append({"event": "application-published", "date": published})
    documents = _documents(doc, ("files",))
    if documents:
        record["documents"] = documents
    if timeline:
        record["timeline"] = sorted(timeline, key=lambda event: event["date"])
    return _ordered(record)


def _assessment(doc: _Doc, record: dict[str, Any], timeline: list[dict[str, str]]) -> None:
    """Carry the recommendation, the decision and the committee."""
    values = odp_values()
    path = ("data", "assessment")
    required = doc.get(*path, "priorApprovalRequired", take=False)
    prior = required if isinstance(required, bool) else None
    if prior is not None:
        doc.get(*path, "priorApprovalRequired")
    recommendation = doc.text(*path, "planningOfficerRecommendation")
    if recommendation:
        outcome = values.outcome(recommendation, prior)
        if outcome:
            record["officer_recommendation"] = outcome
        else:
            doc.report("convert.unmapped-value", (*path, "planningOfficerRecommendation"),
                       f"Recommendation {recommendation!r} is not granted or refused, so it was "
                       "left out.", recommendation)
    sent = doc.day(*path, "committeeSentDate")
    if sent:
        timeline.append({"event": "referred-to-committee", "date": sent})
    decision: dict[str, Any] = {}
    for who, level in (("committee", "committee"), ("planningOfficer", "delegated")):
        given = doc.text(*path, f"{who}Decision")
        if not given:
            continue
        outcome = values.outcome(given, prior)
        if outcome is None:
            doc.report("convert.unmapped-value", (*path, f"{who}Decision"),
                       f"Decision {given!r} is not granted or refused, so it was left out.",
                       given)
            continue
        decision = {"outcome": outcome}
        day = doc.day(*path, f"{who}DecisionDate")
        if day:
            decision["decision_date"] = day
            if level == "committee":
                record["committee_date"] = day
        decision["decision_level"] = level
        break
    notice = doc.text(*path, "decisionNotice", "url")
    if decision:
        if notice and notice.startswith("https://"):
            decision["notice_url"] = notice
        elif notice:
            doc.report("convert.unmapped-value", (*path, "decisionNotice", "url"),
                       f"Decision notice {notice!r} is not an https address, so it was left "
                       "out.", notice)
        record["decision"] = decision
    elif notice:
        doc.report("convert.unmapped-value", (*path, "decisionNotice", "url"),
                   "There is a decision notice but no decision; the register keeps the notice "
                   "with the decision, so it was left out.", notice, Severity.WARNING)


def _status(
    doc: _Doc, record: dict[str, Any], timeline: list[dict[str, str]], invalid_from: str | None
) -> None:
    """Set the register status from ODP's status and stage, and the withdrawal."""
    path = ("data", "application")
    status = doc.text(*path, "status")
    stage = doc.get(*path, "stage")
    withdrawn = doc.day(*path, "withdrawnAt")
    reason = doc.text(*path, "withdrawnReason")
    if withdrawn or status == "withdrawn":
        if status != "withdrawn":
            doc.report(
                "convert.conflicting-values", (*path, "status"),
                f"The status is {status!r} but withdrawnAt is given; the application was "
                "withdrawn, so the status became 'withdrawn'.", status, Severity.WARNING,
            )
        record["status"] = "withdrawn"
        if withdrawn:
            record["withdrawn_date"] = withdrawn
            if reason:
                # The register has no withdrawal reason; the withdrawal event's note keeps it.
                timeline.append({"event": "application-withdrawn", "date": withdrawn,
                                 "note": reason[:1000]})
        else:
            doc.report("convert.missing-value", (*path, "withdrawnAt"),
                       "The application is withdrawn but withdrawnAt does not say when; the "
                       "register needs the day.")
        record.pop("decision", None)
        return
    if status == "returned":
        record["status"] = "returned"
        if invalid_from:
            timeline.append({"event": "invalid-from", "date": invalid_from})
        return
    if status == "determined" or "decision" in record:
        record["status"] = "appealed" if doc.get("data", "appeal", take=False) else "determined"
        return
    # Undetermined: the stage says where the application is.
    record["status"] = {
        "submission": "received",
        "validation": "invalid" if invalid_from else "received",
        "consultation": "consultation",
        "assessment": "awaiting-decision",
        "appeal": "appealed",
        "highCourtAppeal": "appealed",
    }.get(stage if isinstance(stage, str) else "", "awaiting-decision")
    if invalid_from:
        timeline.append({"event": "invalid-from", "date": invalid_from})


def _appeal(doc: _Doc, record: dict[str, Any], timeline: list[dict[str, str]]) -> None:
    """Carry the appeal; its reason goes on the timeline's appeal-lodged event."""
    path = ("data", "appeal")
    if doc.get(*path, take=False) is None:
        return
    appeal: dict[str, Any] = {}
    for odp, ours in (("lodgedDate", "lodged_date"), ("validatedDate", "validated_date"),
                      ("startedDate", "started_date"), ("decisionDate", "decision_date")):
        day = doc.day(*path, odp)
        if day:
            appeal[ours] = day
    decision = doc.text(*path, "decision")
    if decision:
        outcome = odp_values().appeal_outcomes.get(decision)
        if outcome:
            appeal["outcome"] = outcome
        else:
            doc.report("convert.unmapped-value", (*path, "decision"),
                       f"Appeal decision {decision!r} has no register equivalent, so it was "
                       "left out.", decision)
    reason = doc.text(*path, "reason")
    if "lodged_date" in appeal and reason:
        # The register has no appeal reason; the lodging event's note keeps it.
        timeline.append({"event": "appeal-lodged", "date": appeal["lodged_date"],
                         "note": reason[:1000]})
    if appeal:
        record["appeal"] = appeal
        record["status"] = "appealed"


#: The order of the register's top-level fields, so converted records read as the docs show.
_ORDER = (
    "reference", "organisation", "application_types", "local_application_type", "description",
    "site", "development_scale", "development_category", "eia_development", "retrospective",
    "dwellings", "received_date", "valid_date", "statutory_expiry_date", "time_extensions",
    "planning_performance_agreement", "consultation", "officer_recommendation",
    "committee_date", "resolution_date", "status", "withdrawn_date", "decision", "appeal",
    "linked_applications", "documentation_url", "documents", "constraints", "timeline",
    "extensions",
)


def _ordered(record: dict[str, Any]) -> dict[str, Any]:
    """Return the record with its fields in the register's order."""
    return {key: record[key] for key in _ORDER if key in record}
