"""The LGA planning applications CSV (Local Open Data Incentive Scheme, 2014) to register records.

Most councils' open planning CSVs descend from the LGA's 36-column schema: PascalCase headers,
dd/mm/yyyy dates and labelled values such as 'Approve' or 'Delegated powers'. This converter turns
each row into a `planning-application-register` 1.0.0 record and reports, with its row and column,
every value it could not carry across. The value maps come from the standard's own codelists (their
`lga_*` fields and titles) plus the variants councils actually publish.
"""

from __future__ import annotations

import csv
import functools
import io
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from lgstandards.conversions.base import (
    ConversionError,
    ConversionOptions,
    ConversionResult,
)
from lgstandards.conversions.osgb import MAX_EASTING, MAX_NORTHING, grid_to_wgs84
from lgstandards.findings import Finding, Severity, SourceLocation
from lgstandards.sources import column_letter

TARGET = "planning-application-register@1"

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

#: Columns with no field in the standard, kept under `extensions.lga_planning_csv` as text.
EXTENSION_COLUMNS = ("GeoAreaURI", "GeoAreaLabel", "GroundArea", "ResponsesFor", "ResponsesAgainst")

#: Columns deliberately left out: file-level facts, or data the register does not publish.
NOT_CARRIED: Mapping[str, str] = {
    "Agent": "the register carries no personal data, so agents' names are left out",
    "GeoPointLicensingURL": "the register has no field for a point's licence",
}

EXTENSION_KEY = "lga_planning_csv"


def _norm(text: str) -> str:
    """Return text lower-cased with everything but letters and digits removed, for matching."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


_HEADERS = {_norm(name): name for name in LGA_COLUMNS}


# -- value maps ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Maps:
    """Lookup tables from normalised LGA labels to the standard's codes."""

    application_type: Mapping[str, str]
    status: Mapping[str, str]
    decision: Mapping[str, str]
    decision_level: Mapping[str, str]
    appeal: Mapping[str, str]


# Variants councils publish that the codelists do not spell out. Keys are matched after `_norm`.
_TYPE_ALIASES = {
    "hh": "hh", "hou": "hh", "hse": "hh", "house": "hh", "householder": "hh",
    "householderapplication": "hh", "householderplanningpermission": "hh",
    "ful": "full", "full": "full", "fullplanning": "full", "fullapplication": "full",
    "fullplanningpermission": "full", "fullplanningapplication": "full",
    "out": "outline", "outline": "outline", "outlineplanningpermission": "outline",
    "rem": "reserved-matters", "res": "reserved-matters", "reservedmatters": "reserved-matters",
    "lbc": "lbc", "lb": "lbc", "listedbuilding": "lbc", "listedbuildingconsent": "lbc",
    "adv": "advertising", "advert": "advertising", "advertisement": "advertising",
    "advertisementconsent": "advertising",
    "cac": "demolition-con-area", "con": "demolition-con-area",
    "conservationareaconsent": "demolition-con-area",
    "var": "s73", "s73": "s73", "section73": "s73", "variationofcondition": "s73",
    "variationofconditions": "s73", "removalofcondition": "s73", "removalofconditions": "s73",
    "nma": "non-material-amendment", "nonmaterialamendment": "non-material-amendment",
    "doc": "approval-condition", "dis": "approval-condition", "cond": "approval-condition",
    "det": "approval-condition", "discharge": "approval-condition",
    "dischargeofcondition": "approval-condition", "dischargeofconditions": "approval-condition",
    "approvalofdetails": "approval-condition",
    "tpo": "consent-under-tpo", "workstotreestpo": "consent-under-tpo",
    "treepreservationorder": "consent-under-tpo",
    "tca": "notice-trees-in-con-area", "treesinconservationarea": "notice-trees-in-con-area",
    "workstotreesinaconservationarea": "notice-trees-in-con-area",
    "ldc": "ldc", "clu": "ldc", "lawfuldevelopmentcertificate": "ldc",
    "cle": "ldc-existing-use", "cleud": "ldc-existing-use", "ldce": "ldc-existing-use",
    "clp": "ldc-prospective-use", "clopud": "ldc-prospective-use", "ldcp": "ldc-prospective-use",
    "pa": "prior-approval", "pn": "prior-approval", "priorapproval": "prior-approval",
    "priornotification": "prior-approval",
    "pah": "pa-extension", "pnh": "pa-extension", "phh": "pa-extension",
    "largerhomeextension": "pa-extension", "priorapprovallargerhomeextension": "pa-extension",
    "pip": "pip", "permissioninprinciple": "pip",
    "haz": "haz-substance-consent", "hazardoussubstancesconsent": "haz-substance-consent",
    "reg3": "reg-3", "r3": "reg-3", "regulation3": "reg-3",
    "reg4": "reg-4", "r4": "reg-4", "regulation4": "reg-4",
    "hdg": "hedgerow-removal", "hedgerowremovalnotice": "hedgerow-removal",
}

_STATUS_ALIASES = {
    "decided": "determined", "determined": "determined", "approved": "determined",
    "refused": "determined", "granted": "determined",
    "withdrawn": "withdrawn", "appealed": "appealed", "appeal": "appealed",
    "underappeal": "appealed", "appeallodged": "appealed",
    "invalid": "invalid", "returned": "returned", "calledin": "called-in",
    # 'Pending' and its variants mean undecided; the row's dates then choose the exact status.
    "pending": "pending", "live": "pending", "current": "pending", "registered": "pending",
    "undetermined": "pending", "underconsideration": "pending", "awaitingdecision": "pending",
    "received": "received", "validated": "validated", "valid": "validated",
    "consultation": "consultation", "underconsultation": "consultation",
}

_DECISION_ALIASES = {
    "approve": "granted", "approved": "granted", "grant": "granted", "granted": "granted",
    "permit": "granted", "permitted": "granted", "conditionalapproval": "granted",
    "approvewithconditions": "granted", "grantedwithconditions": "granted",
    "grantpermission": "granted", "grantconditionally": "granted",
    "refuse": "refused", "refused": "refused", "refusepermission": "refused",
    "split": "split", "splitdecision": "split",
    "priornotrequired": "prior-approval-not-required",
    "priorapprovalnotrequired": "prior-approval-not-required",
    "priorgranted": "prior-approval-granted", "priorapprovalgranted": "prior-approval-granted",
    "priorapprovalgiven": "prior-approval-granted",
    "priorrefused": "prior-approval-refused", "priorapprovalrefused": "prior-approval-refused",
    "priorrefusedpermissionrequired": "prior-approval-refused",
    "noobjection": "no-objection", "raisenoobjection": "no-objection",
    "objection": "objection", "declinedtodetermine": "declined-to-determine",
    "declined": "declined-to-determine",
}

#: Decision values that mean the application was withdrawn, not decided.
_WITHDRAWN_DECISIONS = frozenset({"withdrawn", "withdrawnbyapplicant", "applicationwithdrawn"})

_LEVEL_ALIASES = {
    "delegated": "delegated", "delegatedpowers": "delegated", "caseofficer": "delegated",
    "officer": "delegated", "delegateddecision": "delegated",
    "committee": "committee", "planningcommittee": "committee",
    "committeedecision": "committee",
    "secretaryofstate": "secretary-of-state", "planninginspectorate": "planning-inspectorate",
    "mayor": "mayor",
}

_APPEAL_ALIASES = {
    "upheld": "allowed", "allowed": "allowed", "appealallowed": "allowed",
    "dismissed": "dismissed", "appealdismissed": "dismissed",
    "withdrawn": "withdrawn", "appealwithdrawn": "withdrawn",
    "split": "split", "splitdecision": "split", "partallowed": "split",
}


@functools.cache
def _maps() -> _Maps:
    """Build the value maps once: the codelists' codes, titles and LGA values, then aliases."""
    from lgstandards.registry import catalogue

    codelists = catalogue().select(TARGET).codelists

    def table(name: str, lga_field: str | None, aliases: Mapping[str, str]) -> dict[str, str]:
        found: dict[str, str] = {}
        for entry in codelists[f"codelists/{name}.json"].codes:
            code = str(entry["code"])
            found[_norm(code)] = code
            found[_norm(str(entry.get("title", "")))] = code
            if lga_field and entry.get(lga_field):
                found[_norm(str(entry[lga_field]))] = code
        found.update(aliases)
        found.pop("", None)
        return found

    return _Maps(
        application_type=table("application-type", None, _TYPE_ALIASES),
        status=table("application-status", None, _STATUS_ALIASES),
        decision=table("decision-outcome", "lga_decision", _DECISION_ALIASES),
        decision_level=table("decision-level", "lga_decision_type", _LEVEL_ALIASES),
        appeal=table("appeal-outcome", "lga_appeal_decision", _APPEAL_ALIASES),
    )


# -- cells -----------------------------------------------------------------------------------------

_DMY = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
_YMD = re.compile(
    r"(\d{4})-(\d{2})-(\d{2})(?:[ T]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
)
_MONTHS = {m: i for i, m in enumerate(
    ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"), 1)}
_DMONY = re.compile(r"(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{4})")
_POSTCODE = re.compile(
    r"\b(GIR ?0AA|(?:[A-Z][0-9]{1,2}|[A-Z][A-HJ-Y][0-9]{1,2}|[A-Z][0-9][A-Z]"
    r"|[A-Z][A-HJ-Y][0-9][A-Z]) ?[0-9][A-Z]{2})\s*$"
)
_UPRN_SPLIT = re.compile(r"[;,|\s]+")
_NUMBER = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)")
_SCIENTIFIC = re.compile(r"[-+]?\d+(?:\.\d+)?[eE][-+]?\d+")

_WGS84_NAMES = frozenset({"wgs84", "epsg4326", "4326", "latlong", "latlon", "wgs1984"})
_OSGB_NAMES = frozenset({"osgb36", "osgb", "bng", "britishnationalgrid", "epsg27700", "27700"})


def parse_date(text: str) -> date | None:
    """Return the date written dd/mm/yyyy (time ignored), yyyy-mm-dd or '12 Mar 2026', or None."""
    match = _DMY.fullmatch(text)
    try:
        if match:
            return date(int(match[3]), int(match[2]), int(match[1]))
        match = _YMD.fullmatch(text)
        if match:
            return date(int(match[1]), int(match[2]), int(match[3]))
        match = _DMONY.fullmatch(text)
        if match and match[2].lower() in _MONTHS:
            return date(int(match[3]), _MONTHS[match[2].lower()], int(match[1]))
    except ValueError:  # A day or month out of range: 31/02/2026, or month/day order.
        return None
    return None


def _date_hint(text: str) -> str:
    """Return why a date could not be read, in words a data officer can act on."""
    match = _DMY.fullmatch(text)
    if match and int(match[2]) > 12 and int(match[1]) <= 12:
        return " It looks like month/day/year; the LGA schema writes day/month/year."
    if match:
        return " There is no such day."
    if re.fullmatch(r"\d{1,2}/\d{1,2}/\d{2}", text):
        return " Two-digit years are ambiguous; write the year in full."
    if re.fullmatch(r"\d{5}(\.\d+)?", text):
        return " It looks like a spreadsheet's day number; format the column as a date."
    return ""


# -- the conversion --------------------------------------------------------------------------------


@dataclass
class _Row:
    """One CSV row being converted: its cells by LGA column, and the findings it produced."""

    name: str
    record: int
    row: int
    cells: Mapping[str, str]
    letters: Mapping[str, str]
    headers: Mapping[str, str]
    findings: list[Finding] = field(default_factory=list)
    dates: dict[str, str | None] = field(default_factory=dict)

    def get(self, column: str) -> str:
        """Return a cell's text with surrounding space removed, or '' if absent."""
        return self.cells.get(column, "").strip()

    def report(
        self, code: str, column: str, message: str, value: Any = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Add a finding placed at this row's cell in `column`."""
        location = SourceLocation(
            self.name,
            record=self.record,
            row=self.row,
            column_letter=self.letters.get(column),
            header=self.headers.get(column, column) or None,
        )
        self.findings.append(Finding(code, severity, message, location=location, value=value))

    def unmapped(self, column: str, value: str, what: str, allowed: str) -> None:
        """Report a value with no equivalent in the standard."""
        self.report(
            "convert.unmapped-value", column,
            f"{column} {value!r} could not be mapped to {what}, so it was left out; {allowed}",
            value,
        )

    def date(self, column: str) -> str | None:
        """Return a cell's date as YYYY-MM-DD, reporting (once) a date that cannot be read."""
        if column in self.dates:
            return self.dates[column]
        text = self.get(column)
        parsed = parse_date(text) if text else None
        if text and parsed is None:
            self.report(
                "convert.bad-date", column,
                f"{column} {text!r} is not a date written dd/mm/yyyy, so it was left out."
                + _date_hint(text),
                text,
            )
        self.dates[column] = parsed.isoformat() if parsed else None
        return self.dates[column]


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
        name = options.source_name or (str(source) if isinstance(source, Path) else "<input>")
        raw = _read(source, name)
        text, findings = _decode(raw, name)
        records: list[dict[str, Any]] = []
        rows = _rows(text, name)
        first = next(rows, None)
        if first is None:
            raise ConversionError(f"{name} is empty: there is no header row to convert.")
        header = first[1]
        columns, header_findings = _columns(header, name)
        findings.extend(header_findings)
        findings.extend(_check_options(options, name))
        carried = dict.fromkeys(NOT_CARRIED, False)
        letters = {column: column_letter(i) for column, i in columns.items()}
        headers = {column: header[i].strip() for column, i in columns.items()}
        for row_number, cells in rows:
            if not any(c.strip() for c in cells):
                continue
            row = _Row(
                name,
                len(records) + 1,
                row_number,
                {column: cells[i] for column, i in columns.items() if i < len(cells)},
                letters,
                headers,
            )
            if len(cells) != len(header):
                row.report(
                    "convert.row-length", "",
                    f"Row {row_number} has {len(cells)} cells but the header has {len(header)}; "
                    "look for a stray comma or an unquoted value with a comma in it.",
                )
            records.append(_record(row, options))
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


def _read(source: Path | bytes, name: str) -> bytes:
    """Return the input's bytes, or raise ConversionError when the file cannot be read."""
    if isinstance(source, bytes):
        return source
    try:
        return source.read_bytes()
    except IsADirectoryError:
        raise ConversionError(f"{name} is a directory, not a CSV file.") from None
    except FileNotFoundError:
        raise ConversionError(f"{name} does not exist.") from None
    except OSError as exc:
        raise ConversionError(f"{name} cannot be read: {exc.strerror}.") from None


def _decode(raw: bytes, name: str) -> tuple[str, list[Finding]]:
    """Return the text of a CSV export, falling back to Windows-1252 with a warning."""
    if b"\x00" in raw[:4096]:
        raise ConversionError(
            f"{name} is not a CSV text file (it holds NUL bytes); save the spreadsheet as "
            "'CSV UTF-8' first."
        )
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        # Councils' older systems export Windows-1252; reading it so beats refusing the file.
        line = raw[: exc.start].count(b"\n") + 1
        finding = Finding(
            "convert.not-utf8", Severity.WARNING,
            f"{name} is not UTF-8 (first bad byte on line {line}); it was read as Windows-1252. "
            "Check accented letters and symbols such as '£' in the output.",
            location=SourceLocation(name, line=line),
        )
        return raw.decode("cp1252", "replace"), [finding]


def _rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (spreadsheet row number, cells) for each CSV row, the header being row 1."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    try:
        for cells in reader:
            number += 1
            yield number, cells
    except csv.Error as exc:
        raise ConversionError(f"{name} is not valid CSV near row {number + 1}: {exc}.") from None


def _columns(cells: list[str], name: str) -> tuple[dict[str, int], list[Finding]]:
    """Match the header row to LGA columns, ignoring case, spaces and punctuation."""
    columns: dict[str, int] = {}
    findings: list[Finding] = []
    for index, raw in enumerate(cells):
        label = raw.strip()
        at = SourceLocation(name, row=1, column_letter=column_letter(index), header=label)
        canonical = _HEADERS.get(_norm(label))
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


_ORGANISATION = re.compile(
    r"(local-authority|local-planning-authority|national-park-authority|development-corporation"
    r"|waste-authority|government-organisation):[A-Za-z0-9]{1,16}"
)
_COUNCIL_GSS = re.compile(r"(E0[6-9]|E10|W06|S12|N09)[0-9]{6}")


def _check_options(options: ConversionOptions, name: str) -> list[Finding]:
    """Check the publisher options; a malformed one stops the run, a missing one is reported."""
    if options.organisation is not None and not _ORGANISATION.fullmatch(options.organisation):
        raise ConversionError(
            f"--organisation {options.organisation!r} is not a planning.data.gov.uk organisation "
            "identifier such as 'local-authority:BIR'."
        )
    if options.gss_code is not None and not _COUNCIL_GSS.fullmatch(options.gss_code):
        raise ConversionError(
            f"--gss-code {options.gss_code!r} is not a council GSS code such as 'E08000025'."
        )
    where = SourceLocation(name)
    if options.organisation is None:
        return [Finding(
            "convert.no-organisation", Severity.ERROR,
            "The LGA CSV names the council by an opendatacommunities URI, which the register "
            "does not use; give the planning.data.gov.uk identifier with --organisation "
            "(such as local-authority:BIR) and the GSS code with --gss-code.",
            location=where,
        )]
    if options.organisation.startswith("local-authority:") and options.gss_code is None:
        return [Finding(
            "convert.no-organisation", Severity.ERROR,
            "A local authority's records need its council GSS code; give it with --gss-code "
            "(such as E08000025).",
            location=where,
        )]
    return []


def _record(row: _Row, options: ConversionOptions) -> dict[str, Any]:
    """Build one register record from one LGA row, reporting what could not be carried."""
    maps = _maps()
    record: dict[str, Any] = {}

    reference = row.get("CaseReference")
    if reference:
        record["reference"] = " ".join(reference.split())
    elif "CaseReference" in row.letters:
        row.report("convert.missing-value", "CaseReference",
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

    application_type = _application_type(row, maps)
    if application_type:
        record["application_type"] = application_type

    description = " ".join(row.get("CaseText").split())
    if description:
        record["description"] = description
    elif "CaseText" in row.letters:
        row.report("convert.missing-value", "CaseText",
                   "CaseText is empty; every register record needs a description of the proposal.")

    site = _site(row)
    record["site"] = site

    received = row.date("CaseDate")
    if received:
        record["received_date"] = received
    elif not row.get("CaseDate") and "CaseDate" in row.letters:
        row.report("convert.missing-value", "CaseDate",
                   "CaseDate is empty; the register needs the day the application was received.")
    target = row.date("DecisionTargetDate")
    if target:
        record["target_decision_date"] = target

    consultation = _consultation(row)
    if consultation:
        record["consultation"] = consultation

    decision_text = row.get("Decision")
    withdrawn_by_decision = _norm(decision_text) in _WITHDRAWN_DECISIONS
    decision = _decision(row, maps, withdrawn_by_decision)
    appeal = _appeal(row, maps)
    status = _status(row, maps, decision, appeal, withdrawn_by_decision, consultation)
    if status:
        record["status"] = status
    if status == "withdrawn":
        withdrawn = row.date("DecisionNoticeDate") or row.date("DecisionDate")
        if withdrawn:
            record["withdrawn_date"] = withdrawn
        else:
            row.report("convert.missing-value", "Status",
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
            row.report(
                "convert.missing-value", column,
                "The LGA CSV has no column for the day an appeal was lodged, which the register "
                "requires; add appeal.lodged_date to this record by hand.",
            )

    url = row.get("CaseURL")
    if url:
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
            record["documentation_url"] = url
        else:
            row.unmapped("CaseURL", url, "a web address",
                         "the register needs a web address starting https://.")

    extensions = {column: row.get(column) for column in EXTENSION_COLUMNS if row.get(column)}
    if extensions:
        record["extensions"] = {EXTENSION_KEY: extensions}
    return record


def _application_type(row: _Row, maps: _Maps) -> str | None:
    """Map the classification, service type or reference suffix to an MHCLG application type."""
    candidates: list[tuple[str, str]] = []
    for column in ("ClassificationLabel", "ServiceTypeLabel"):
        for part in row.get(column).split("|"):
            if part.strip():
                candidates.append((column, part.strip()))
    for _, value in candidates:
        code = maps.application_type.get(_norm(value))
        if code:
            return code
    # Many councils end their references with the application type, as in '26/00123/HOU'.
    suffix = re.search(r"[/-]([A-Za-z]{2,6}\d?)$", row.get("CaseReference"))
    if suffix:
        code = maps.application_type.get(_norm(suffix[1]))
        if code:
            return code
    if candidates:
        column, value = candidates[0]
        row.unmapped(
            column, value, "an MHCLG application type",
            "give an MHCLG application type (such as Householder, Full or Listed building "
            "consent) in ClassificationLabel.",
        )
    else:
        row.report(
            "convert.missing-value", "ClassificationLabel",
            "No column gives the application type (ClassificationLabel, ServiceTypeLabel or a "
            "reference ending such as /HOU); the register needs it.",
        )
    return None


def _site(row: _Row) -> dict[str, Any]:
    """Build the site: the address on one line, its postcode, UPRNs and point."""
    site: dict[str, Any] = {}
    address = ", ".join(
        " ".join(line.split()) for line in row.get("LocationText").splitlines() if line.strip()
    )
    if address:
        site["address_text"] = address
        match = _POSTCODE.search(address.upper())
        if match:
            postcode = match[1].replace(" ", "")
            site_postcode = postcode[:-3] + " " + postcode[-3:]
            site["postcode"] = site_postcode
    elif "LocationText" in row.letters:
        row.report("convert.missing-value", "LocationText",
                   "LocationText is empty; every register record needs the site's address.")
    uprns = _uprns(row)
    if uprns:
        site["uprns"] = uprns
    point = _point(row)
    if point:
        site["point"] = point
    return site


def _uprns(row: _Row) -> list[str]:
    """Return the row's UPRNs as text, reporting any that are not 1 to 12 digits."""
    text = row.get("UPRN")
    found: list[str] = []
    for part in _UPRN_SPLIT.split(text):
        if not part:
            continue
        if part.isdigit() and len(part) <= 12 and part.isascii():
            if part not in found:
                found.append(part)
        elif _SCIENTIFIC.fullmatch(part):
            row.unmapped(
                "UPRN", part, "a UPRN",
                "a spreadsheet turned it into a rounded number; export the UPRN column as text.",
            )
        else:
            row.unmapped("UPRN", part, "a UPRN", "a UPRN is 1 to 12 digits.")
    return found


def _point(row: _Row) -> list[float] | None:
    """Return [longitude, latitude] from GeoX and GeoY, converting grid references."""
    x_text, y_text = row.get("GeoX"), row.get("GeoY")
    if not x_text and not y_text:
        return None
    if not x_text or not y_text:
        missing = "GeoX" if not x_text else "GeoY"
        present = "GeoY" if not x_text else "GeoX"
        row.unmapped(present, y_text or x_text, "a point",
                     f"{missing} is empty, and a point needs both.")
        return None
    if not _NUMBER.fullmatch(x_text) or not _NUMBER.fullmatch(y_text):
        bad = "GeoX" if not _NUMBER.fullmatch(x_text) else "GeoY"
        row.report("convert.bad-number", bad,
                   f"{bad} {row.get(bad)!r} is not a number, so the point was left out.",
                   row.get(bad))
        return None
    x, y = float(x_text), float(y_text)
    crs = _norm(row.get("CoordinateReferenceSystem"))
    if crs in _OSGB_NAMES or (not crs and (abs(x) > 180 or abs(y) > 90)):
        # No system given and numbers too large for degrees: they are grid references.
        if not (0 <= x <= MAX_EASTING and 0 <= y <= MAX_NORTHING):
            row.unmapped("GeoX", x_text, "a point",
                         "GeoX and GeoY are outside the British National Grid.")
            return None
        lon, lat = grid_to_wgs84(x, y)
        return [round(lon, 6), round(lat, 6)]
    if crs and crs not in _WGS84_NAMES:
        row.unmapped("CoordinateReferenceSystem", row.get("CoordinateReferenceSystem"),
                     "a coordinate system", "use WGS84 or OSGB36.")
        return None
    if not (-180 <= x <= 180 and -90 <= y <= 90):
        row.unmapped("GeoX", x_text, "a point",
                     "WGS84 longitude and latitude must be degrees (GeoX -180 to 180, "
                     "GeoY -90 to 90); if these are eastings and northings, set "
                     "CoordinateReferenceSystem to OSGB36.")
        return None
    return [x, y]


def _consultation(row: _Row) -> dict[str, str] | None:
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


def _decision(row: _Row, maps: _Maps, withdrawn: bool) -> dict[str, str] | None:
    """Return the decision (outcome, date and level), or None when there is none."""
    text = row.get("Decision")
    if not text or withdrawn:
        return None
    outcome = maps.decision.get(_norm(text))
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
        row.report("convert.missing-value", "Decision",
                   f"Decision is {text!r} but neither DecisionNoticeDate nor DecisionDate gives "
                   "its day; the register needs the decision date.")
    level_text = row.get("DecisionType")
    if level_text:
        level = maps.decision_level.get(_norm(level_text))
        if level:
            decision["decision_level"] = level
        else:
            row.unmapped("DecisionType", level_text, "a decision level",
                         "use Delegated powers, Case officer or Planning committee.")
    return decision


def _appeal(row: _Row, maps: _Maps) -> dict[str, str] | None:
    """Return what the row says of an appeal, or None when it says nothing."""
    appeal: dict[str, str] = {}
    reference = row.get("AppealRef")
    if reference:
        appeal["reference"] = " ".join(reference.split())
    text = row.get("AppealDecision")
    if text:
        outcome = maps.appeal.get(_norm(text))
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
    row: _Row,
    maps: _Maps,
    decision: dict[str, str] | None,
    appeal: dict[str, str] | None,
    withdrawn: bool,
    consultation: dict[str, str] | None,
) -> str | None:
    """Return the register status: the LGA status mapped, or inferred from the row when absent."""
    text = row.get("Status")
    status = maps.status.get(_norm(text)) if text else None
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
        row.report(
            "convert.missing-value", "Decision",
            "The application is decided but Decision is empty; the register needs the outcome "
            "and its date.",
        )
    if status == "appealed" and not appeal:
        row.report(
            "convert.missing-value", "Status",
            "The application is appealed but no appeal column (AppealRef, AppealDecision, "
            "AppealDecisionDate) has a value; the register needs the appeal.",
        )
    if status == "pending":
        return _undecided(row, consultation)
    return status


_UNDECIDED = (
    "pending", "received", "invalid", "validated", "consultation", "awaiting-decision", "called-in"
)


def _undecided(row: _Row, consultation: dict[str, str] | None) -> str:
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
