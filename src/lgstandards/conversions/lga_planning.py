"""The LGA planning applications CSV (Local Open Data Incentive Scheme, 2014) to register records.

Most councils' open planning CSVs descend from the LGA's 36-column schema: PascalCase headers,
dd/mm/yyyy dates and labelled values such as 'Approve' or 'Delegated powers'. This converter turns
each row into a `planning-application-register` 2.0.0 record and reports, with its row and column,
every value it could not carry across. What the values mean is in `lga_planning_values`; where the
site is, in `lga_planning_site`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lgstandards.conversions.base import ConversionError, ConversionOptions, ConversionResult
from lgstandards.conversions.dates import parse_date
from lgstandards.conversions.inputs import (
    check_publisher,
    csv_rows,
    decode_text,
    norm,
    read_bytes,
    source_name,
)
from lgstandards.conversions.lga_planning_row import Row
from lgstandards.conversions.lga_planning_site import SiteReader
from lgstandards.conversions.lga_planning_values import (
    TARGET,
    WITHDRAWN_DECISIONS,
    Maps,
    classify,
    is_resolution_to_grant,
    maps,
)
from lgstandards.findings import Finding, Severity, SourceLocation
from lgstandards.sources import column_letter

__all__ = ["CONVERTER", "LGA_COLUMNS", "TARGET", "LgaPlanningConverter", "parse_date"]

#: The LGA schema's 36 columns, in its order.
LGA_COLUMNS: tuple[str, ...] = (
    "ExtractDate", "PublisherURI", "PublisherLabel", "OrganisationURI", "OrganisationLabel",
    "CaseReference", "CaseURL", "CaseDate", "ServiceTypeURI", "ServiceTypeLabel",
    "ClassificationURI", "ClassificationLabel", "CaseText", "LocationText", "DecisionTargetDate",
    "Status", "CoordinateReferenceSystem", "GeoX", "GeoY", "GeoPointLicensingURL", "DecisionDate",
    "Decision", "DecisionType", "DecisionNoticeDate", "AppealRef", "AppealDecisionDate",
    "AppealDecision", "GeoAreaURI", "GeoAreaLabel", "GroundArea", "UPRN", "Agent",
    "PublicConsultationStartDate", "PublicConsultationEndDate", "ResponsesFor", "ResponsesAgainst",
)

#: Columns a row cannot become a complete record without (CaseReference, above all).
REQUIRED_COLUMNS = ("CaseReference", "CaseText", "LocationText", "CaseDate")

#: Columns with no field in the standard, kept under `extensions.lga_planning_csv` as text
#: (GeoAreaURI and GeoAreaLabel too, when they do not name wards by GSS code).
EXTENSION_COLUMNS = ("ResponsesFor", "ResponsesAgainst")

#: Columns deliberately left out: file-level facts, or data the register does not publish.
NOT_CARRIED: Mapping[str, str] = {
    "Agent": "the register carries no personal data, so agents' names are left out",
    "GeoPointLicensingURL": "the register has no field for a point's licence",
    "PublisherURI": "--organisation and --gss-code name the planning authority instead",
    "OrganisationURI": "--organisation and --gss-code name the planning authority instead",
    "ServiceTypeURI": "the service is the planning register itself; ServiceTypeLabel is read for "
    "an application type",
    "ClassificationURI": "ClassificationLabel is read instead, since the concept lists these URIs "
    "name are not published in a form lgstandards reads",
}

#: ServiceTypeLabel values that name the council's service, not the kind of application.
GENERIC_SERVICE_LABELS = frozenset({
    "planningapplications", "planningapplication", "planning", "developmentcontrol",
    "developmentmanagement",
})

EXTENSION_KEY = "lga_planning_csv"

_HEADERS = {norm(name): name for name in LGA_COLUMNS}

_UNDECIDED = (
    "pending", "received", "invalid", "validated", "consultation", "awaiting-decision", "called-in"
)
_RESOLVED = "resolution-to-grant-subject-to-s106"


class LgaPlanningConverter:
    """Converts the LGA planning applications CSV into `planning-application-register` records."""

    name = "lga-planning-csv"
    description = (
        "The LGA / Local Open Data Incentive Scheme planning applications CSV (36 columns, "
        "dd/mm/yyyy dates), which most councils' open planning data follows."
    )
    target = TARGET

    def convert(self, source: Path | bytes, options: ConversionOptions) -> ConversionResult:
        """Convert a CSV file or its bytes, reporting each value that could not be mapped."""
        name = source_name(source, options)
        text, findings = decode_text(read_bytes(source, name, "CSV"), name)
        records: list[dict[str, Any]] = []
        rows = csv_rows(text, name)
        first = next(rows, None)
        if first is None:
            raise ConversionError(f"{name} is empty: there is no header row to convert.")
        header = first[1]
        columns, header_findings = _columns(header, name)
        findings.extend(header_findings)
        findings.extend(check_publisher(
            options, name,
            "The LGA CSV names the council by an opendatacommunities URI, which the register "
            "does not use",
        ))
        carried = dict.fromkeys(NOT_CARRIED, False)
        letters = {column: column_letter(i) for column, i in columns.items()}
        headers = {column: header[i].strip() for column, i in columns.items()}
        sites = SiteReader()
        for row_number, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            if len(cells) != len(header):
                # Cells after a stray comma sit under the wrong headers: a record built from
                # them would carry garbage (an address in the UPRN), so the row gives none.
                findings.append(Finding(
                    "convert.row-length", Severity.ERROR,
                    f"Row {row_number} has {len(cells)} cells but the header has {len(header)}, "
                    "so no record was made from it; look for a stray comma or an unquoted value "
                    "with a comma in it.",
                    location=SourceLocation(name, row=row_number),
                ))
                continue
            row = Row(
                name, len(records) + 1, row_number,
                {column: cells[i] for column, i in columns.items()},
                letters, headers,
            )
            records.append(_record(row, options, sites))
            for column, seen in carried.items():
                if not seen and row.get(column):
                    carried[column] = True
                    row.report(
                        "convert.column-not-carried", column,
                        f"The {column} column is not carried into the register: "
                        f"{NOT_CARRIED[column]}.",
                        severity=Severity.INFO,
                    )
            findings.extend(row.findings)
        return ConversionResult(tuple(records), tuple(findings))


CONVERTER = LgaPlanningConverter()


def _columns(cells: list[str], name: str) -> tuple[dict[str, int], list[Finding]]:
    """Match the header row to LGA columns, ignoring case, spaces and punctuation."""
    columns: dict[str, int] = {}
    findings: list[Finding] = []
    for index, raw in enumerate(cells):
        label = raw.strip()
        at = SourceLocation(name, row=1, column_letter=column_letter(index), header=label)
        canonical = _HEADERS.get(norm(label))
        if canonical is None:
            if label:
                findings.append(Finding(
                    "convert.unknown-column", Severity.WARNING,
                    f"Column {label!r} is not one of the LGA schema's columns, so it was ignored.",
                    location=at,
                ))
        elif canonical in columns:
            findings.append(Finding(
                "convert.duplicate-column", Severity.WARNING,
                f"Column {label!r} appears twice; only the first was used.",
                location=at,
            ))
        else:
            columns[canonical] = index
    if "CaseReference" not in columns:
        # Without references there is no register; the file is most likely another format.
        expected = ", ".join(LGA_COLUMNS[:8])
        raise ConversionError(
            f"{name} does not look like an LGA planning applications CSV: it has no "
            f"CaseReference column (the LGA columns start {expected} ...)."
        )
    for column in REQUIRED_COLUMNS:
        if column not in columns:
            findings.append(Finding(
                "convert.missing-column", Severity.ERROR,
                f"The CSV has no {column} column, which every register record needs.",
                location=SourceLocation(name, row=1, header=column),
            ))
    return columns, findings


def _record(row: Row, options: ConversionOptions, sites: SiteReader) -> dict[str, Any]:
    """Build one register record from one LGA row, reporting what could not be carried."""
    values = maps()
    record: dict[str, Any] = {}

    reference = row.get("CaseReference")
    if reference:
        record["reference"] = " ".join(reference.split())
    elif row.has("CaseReference"):
        row.missing("CaseReference",
                    "CaseReference is empty; every register record needs its reference.")

    organisation: dict[str, Any] = {}
    if options.organisation:
        organisation["organisation"] = options.organisation
    if options.gss_code:
        organisation["gss_code"] = options.gss_code
    label = row.get("OrganisationLabel") or row.get("PublisherLabel")
    if label:
        organisation["name"] = label
    record["organisation"] = organisation

    types, scale, category = _application_types(row, values)
    if types:
        record["application_types"] = types

    description = " ".join(row.get("CaseText").split())
    if description:
        record["description"] = description
    elif row.has("CaseText"):
        row.missing("CaseText",
                    "CaseText is empty; every register record needs a description of the proposal.")

    site, geo_areas = sites.site(row)
    record["site"] = site
    if scale:
        record["development_scale"] = scale
    if category:
        record["development_category"] = category

    received = row.date("CaseDate")
    if received:
        record["received_date"] = received
    elif not row.get("CaseDate") and row.has("CaseDate"):
        row.missing("CaseDate",
                    "CaseDate is empty; the register needs the day the application was received.")
    # The LGA's target date is the date to decide by; the register calls it the statutory
    # expiry date and keeps agreed extensions apart, which the LGA CSV has no column for.
    target = row.date("DecisionTargetDate")
    if target:
        record["statutory_expiry_date"] = target

    consultation = _consultation(row)
    if consultation:
        record["consultation"] = consultation

    decision_text = row.get("Decision")
    withdrawn_by_decision = norm(decision_text) in WITHDRAWN_DECISIONS
    resolved = bool(decision_text) and is_resolution_to_grant(decision_text)
    decision = None if resolved else _decision(row, values, withdrawn_by_decision)
    appeal = _appeal(row, values)
    status = _status(row, values, decision, appeal, withdrawn_by_decision, consultation)
    if resolved and status in (*_UNDECIDED, "determined", None):
        if status == "determined" and row.get("Status"):
            row.report(
                "convert.conflicting-values", "Status",
                f"Status is {row.get('Status')!r} but Decision is {decision_text!r}, a resolution "
                "to grant that waits for a legal agreement; the status became "
                f"{_RESOLVED}.",
                row.get("Status"), Severity.WARNING,
            )
        status = _RESOLVED
    if status:
        record["status"] = status
    if status == _RESOLVED:
        when = row.date("DecisionDate") or row.date("DecisionNoticeDate")
        if when:
            record["resolution_date"] = when
            _resolved_by(row, values, record, when)
        else:
            row.missing("Decision",
                        f"Decision {decision_text or row.get('Status')!r} is a resolution to "
                        "grant subject to a legal agreement, but DecisionDate does not give its "
                        "day; the register needs the resolution date.")
    if status == "withdrawn":
        withdrawn = row.date("DecisionNoticeDate") or row.date("DecisionDate")
        if withdrawn:
            record["withdrawn_date"] = withdrawn
        else:
            row.missing("Status",
                        "The application is withdrawn but neither DecisionDate nor "
                        "DecisionNoticeDate gives the day; the register needs it.")
        if decision and not withdrawn_by_decision:
            row.report(
                "convert.conflicting-values", "Decision",
                f"Status is withdrawn but Decision is {decision_text!r}; a withdrawn application "
                "has no decision, so the decision was left out.",
                decision_text,
            )
        decision = None
    if decision:
        record["decision"] = decision
    if appeal:
        record["appeal"] = appeal
        if "lodged_date" not in appeal:
            column = "AppealRef" if row.get("AppealRef") else "AppealDecision"
            row.missing(column,
                        "The LGA CSV has no column for the day an appeal was lodged, which the "
                        "register requires; add appeal.lodged_date to this record by hand.")

    url = _url(row)
    if url:
        record["documentation_url"] = url

    extensions = {c: row.get(c) for c in EXTENSION_COLUMNS if row.get(c)} | geo_areas
    if extensions:
        record["extensions"] = {EXTENSION_KEY: extensions}
    return record


def _resolved_by(row: Row, values: Maps, record: dict[str, Any], when: str) -> None:
    """Give a committee's resolution as the committee date; report another decision level."""
    text = row.get("DecisionType")
    if not text:
        return
    if values.decision_level.get(norm(text)) == "committee":
        record["committee_date"] = when
        return
    row.unmapped("DecisionType", text, "the record",
                 "the register says who decided only once the decision is issued; until then it "
                 "records a committee's resolution as the committee date.", Severity.WARNING)


def _url(row: Row) -> str | None:
    """Return CaseURL as an https address, reporting one made secure or one that is not a URL."""
    url = row.get("CaseURL")
    if not url:
        return None
    if url.lower().startswith("http://"):
        secure = "https://" + url[7:]
        row.report(
            "convert.changed-value", "CaseURL",
            f"CaseURL {url!r} became {secure!r}: the register requires https addresses. "
            "Check that the page opens.",
            url, Severity.WARNING,
        )
        url = secure
    if url.startswith("https://") and not any(c.isspace() for c in url):
        return url
    row.unmapped("CaseURL", url, "a web address",
                 "the register needs a web address starting https://.")
    return None


def _application_types(row: Row, values: Maps) -> tuple[list[str], str | None, str | None]:
    """Return the application types, development scale and PS2 category the row gives.

    Each `|`-separated part of ClassificationLabel and ServiceTypeLabel is an application type
    (several make a combined application), or a development scale or PS2 category, which the
    LGA's classification column was meant for; a reference ending such as '/HOU' gives the type
    when no column does.
    """
    found: dict[str, list[str]] = {"ClassificationLabel": [], "ServiceTypeLabel": []}
    scale: str | None = None
    category: str | None = None
    unmapped: list[tuple[str, str]] = []
    for column, codes in found.items():
        for part in (p.strip() for p in row.get(column).split("|")):
            if not part or norm(part) in GENERIC_SERVICE_LABELS:
                continue
            code = values.application_type.get(norm(part))
            if code:
                if code not in codes:
                    codes.append(code)
                continue
            classified = classify(part)
            if classified is not None:
                scale = scale or classified.scale
                category = category or classified.category
                continue
            unmapped.append((column, part))
    # The classification names the types when it can; the service type stands in otherwise.
    types = found["ClassificationLabel"] or found["ServiceTypeLabel"]
    if not types:
        # Many councils end their references with the application type, as in '26/00123/HOU'.
        suffix = _reference_suffix(row.get("CaseReference"))
        code = values.application_type.get(norm(suffix)) if suffix else None
        if code:
            types.append(code)
    for column, part in unmapped:
        row.unmapped(
            column, part, "an application type, development scale or PS2 category",
            "give an MHCLG application type (such as Householder, Full or Listed building "
            "consent) or a category (such as Minor dwellings).",
            Severity.WARNING if types else Severity.ERROR,
        )
    if not types and not unmapped:
        row.missing("ClassificationLabel",
                    "No column gives the application type (ClassificationLabel, ServiceTypeLabel "
                    "or a reference ending such as /HOU); the register needs it.")
    return types, scale, category


def _reference_suffix(reference: str) -> str | None:
    """Return the letters a reference ends with after '/' or '-', such as 'HOU', or None."""
    for separator in ("/", "-"):
        head, found, tail = reference.rpartition(separator)
        if found and head and 2 <= len(tail) <= 7 and tail[:-1].isalpha() and (
            tail[-1].isalpha() or tail[-1].isdigit()
        ):
            return tail
    return None


def _consultation(row: Row) -> dict[str, str] | None:
    """Return the consultation period, which the register needs both ends of."""
    start = row.date("PublicConsultationStartDate")
    end = row.date("PublicConsultationEndDate")
    if start and end:
        return {"start_date": start, "end_date": end}
    if start or end:
        missing = "PublicConsultationEndDate" if start else "PublicConsultationStartDate"
        present = "PublicConsultationStartDate" if start else "PublicConsultationEndDate"
        if not row.get(missing):
            row.unmapped(present, row.get(present), "a consultation period",
                         f"{missing} is empty, and the register needs both ends of the period.")
    return None


def _decision(row: Row, values: Maps, withdrawn: bool) -> dict[str, str] | None:
    """Return the decision (outcome, date and level), or None when there is none."""
    text = row.get("Decision")
    if not text or withdrawn:
        return None
    outcome = values.decision.get(norm(text))
    if outcome is None:
        row.unmapped("Decision", text, "a decision outcome",
                     "use one of Approve, Refuse, Split, Withdrawn, Prior not required, "
                     "Prior granted or Prior refused.")
        return None
    decision: dict[str, str] = {"outcome": outcome}
    # The register records one date, the day the notice was issued; the decision date stands in.
    when = row.date("DecisionNoticeDate") or row.date("DecisionDate")
    if when:
        decision["decision_date"] = when
    else:
        row.missing("Decision",
                    f"Decision is {text!r} but neither DecisionNoticeDate nor DecisionDate gives "
                    "its day; the register needs the decision date.")
    level_text = row.get("DecisionType")
    if level_text:
        level = values.decision_level.get(norm(level_text))
        if level:
            decision["decision_level"] = level
        else:
            row.unmapped("DecisionType", level_text, "a decision level",
                         "use Delegated powers, Case officer or Planning committee.")
    return decision


def _appeal(row: Row, values: Maps) -> dict[str, str] | None:
    """Return what the row says of an appeal, or None when it says nothing."""
    appeal: dict[str, str] = {}
    reference = row.get("AppealRef")
    if reference:
        appeal["reference"] = " ".join(reference.split())
    text = row.get("AppealDecision")
    if text:
        outcome = values.appeal.get(norm(text))
        if outcome:
            appeal["outcome"] = outcome
        else:
            row.unmapped("AppealDecision", text, "an appeal outcome",
                         "use Upheld, Dismissed or Withdrawn; enforcement appeals are outside "
                         "the register.")
    when = row.date("AppealDecisionDate")
    if when:
        appeal["decision_date"] = when
    return appeal or None


def _status(
    row: Row,
    values: Maps,
    decision: dict[str, str] | None,
    appeal: dict[str, str] | None,
    withdrawn: bool,
    consultation: dict[str, str] | None,
) -> str | None:
    """Return the register status: the LGA status mapped, or inferred from the row when absent."""
    text = row.get("Status")
    status = values.status.get(norm(text)) if text else None
    if text and status is None:
        row.unmapped("Status", text, "a status",
                     "use Pending, Withdrawn, Decided or Appealed.")
    if status is None:
        # No usable status: the row's other columns say where the application is.
        if withdrawn:
            return "withdrawn"
        if appeal:
            return "appealed"
        if decision:
            return "determined"
        status = "pending"
    if withdrawn and status in ("determined", *_UNDECIDED):
        return "withdrawn"
    if decision and status in _UNDECIDED:
        row.report(
            "convert.conflicting-values", "Status",
            f"Status is {text!r} but Decision is {row.get('Decision')!r}; an application with a "
            "decision is decided, so the status became determined.",
            text, Severity.WARNING,
        )
        status = "determined"
    if appeal and status == "determined":
        # The LGA schema fills the appeal columns only once there is an appeal.
        return "appealed"
    if status == "determined" and not decision and not row.get("Decision"):
        row.missing("Decision",
                    "The application is decided but Decision is empty; the register needs the "
                    "outcome and its date.")
    if status == "appealed" and not appeal:
        row.missing("Status",
                    "The application is appealed but no appeal column (AppealRef, "
                    "AppealDecision, AppealDecisionDate) has a value; the register needs the "
                    "appeal.")
    if status == "pending":
        return _undecided(row, consultation)
    return status


def _undecided(row: Row, consultation: dict[str, str] | None) -> str:
    """Choose the undecided status from the consultation period and the extract date."""
    if consultation is None:
        return "validated"
    extracted = parse_date(row.get("ExtractDate"))
    if extracted is None:
        return "consultation"
    day = extracted.isoformat()
    if day > consultation["end_date"]:
        return "awaiting-decision"
    if day >= consultation["start_date"]:
        return "consultation"
    return "validated"
