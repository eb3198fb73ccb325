"""planning.data.gov.uk's planning-application dataset to register records.

The dataset (digital-land/specification, content/dataset/planning-application.md) has one row
per application with kebab-case fields: reference, description, address-text, uprn, point and
geometry in WKT, the application type, status and decision, and the received (start-date),
decision and end dates. This converter reads its CSV (as authorities provide it and the platform
serves it) or its JSON (a list, or the API's {"entities": [...]}) into register records, and
reports each field the register has no place for.

planning.data.gov.uk has not published the codelists of its status, decision and
classification fields. The register's own codes are read, together with the values the
specification gives as examples ('decided', 'under-appeal') and common labels.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lgstandards.conversions.base import ConversionError, ConversionOptions, ConversionResult
from lgstandards.conversions.dates import iso_day
from lgstandards.conversions.inputs import (
    check_publisher_format,
    csv_rows,
    decode_text,
    norm,
    read_bytes,
    source_name,
)
from lgstandards.conversions.lga_planning_site import postcode_at_end
from lgstandards.conversions.lga_planning_values import maps
from lgstandards.conversions.wkt import WktError, parse_wkt
from lgstandards.findings import Finding, Severity, SourceLocation
from lgstandards.sources import column_letter

TARGET = "planning-application-register@2"

#: The planning-application dataset's fields, in the specification's order.
FIELDS: tuple[str, ...] = (
    "reference", "name", "description", "address-text", "uprn", "geometry", "point",
    "documentation-url", "planning-application-type", "planning-decision",
    "planning-decision-type", "notes", "organisation", "entry-date", "start-date",
    "decision-date", "end-date", "development-classification", "ground-area",
    "planning-application-status", "prefix", "entity",
)

#: Fields the register does not carry, and why.
NOT_CARRIED: Mapping[str, str] = {
    "name": "the register names an application by its reference and description",
    "notes": "the register has no notes about the data",
    "entry-date": "it is the day the data was entered, not about the application",
    "prefix": "it names the dataset, not the application",
    "entity": "it is planning.data.gov.uk's own number for the row",
    "organisation-entity": "it is planning.data.gov.uk's own number for the authority; give "
    "--organisation",
}

#: Status values of the dataset that differ from the register's codes.
STATUS_IN = {"decided": "determined", "underappeal": "appealed", "appeal": "appealed",
             "valid": "validated"}
#: Decision values that are not decisions.
_NO_DECISION = frozenset({"pending", "undecided", "none", "notyetdecided"})


@dataclass
class _Row:
    """One row of the dataset being converted, and the findings it produced."""

    name: str
    record: int
    row: int | None
    cells: Mapping[str, Any]
    places: Mapping[str, tuple[str | None, str]]
    findings: list[Finding] = field(default_factory=list)

    def get(self, key: str) -> str:
        """Return a field's text with surrounding space removed, or ''."""
        value = self.cells.get(key)
        if value is None:
            return ""
        return (value if isinstance(value, str) else str(value)).strip()

    def report(self, code: str, key: str, message: str, value: Any = None,
               severity: Severity = Severity.ERROR) -> None:
        """Add a finding placed at this row's field."""
        letter, header = self.places.get(key, (None, key))
        location = SourceLocation(self.name, record=self.record, row=self.row,
                                  column_letter=letter, header=header)
        pointer = "" if self.row is not None else f"/{key}"
        self.findings.append(Finding(code, severity, message, pointer=pointer,
                                     location=location, value=value))

    def day(self, key: str) -> str | None:
        """Return a field's date as YYYY-MM-DD, reporting one that cannot be read."""
        text = self.get(key)
        if not text:
            return None
        day = iso_day(text)
        if day is None:
            self.report("convert.bad-date", key,
                        f"{key} {text!r} is not a date written YYYY-MM-DD, so it was left out.",
                        text)
        return day


@dataclass(frozen=True)
class _Maps:
    """The value tables: the register's codes, titles and common labels, after `norm`."""

    status: Mapping[str, str]
    decision: Mapping[str, str]
    level: Mapping[str, str]
    scale: Mapping[str, str]
    types: Mapping[str, str]


@functools.cache
def _maps() -> _Maps:
    """Build the tables once, from the LGA converter's tables and the scale codelist."""
    from lgstandards.registry import catalogue  # Late: the catalogue reads files.

    lga = maps()
    lists = catalogue().select(TARGET, allow_draft=True).codelists
    def own(name: str) -> dict[str, str]:
        return {norm(str(c["code"])): str(c["code"]) for c in lists[f"codelists/{name}.json"].codes}

    scale = own("development-scale")
    return _Maps(
        # 'Pending' and its variants say only that the application is undecided.
        {k: "validated" if v == "pending" else v for k, v in lga.status.items()}
        | own("application-status") | STATUS_IN,
        dict(lga.decision) | {"permissioningranted": "granted", "permissionrefused": "refused"},
        dict(lga.decision_level) | {"planningofficer": "delegated",
                                    "pins": "planning-inspectorate"},
        scale | {"majordevelopment": "major", "minordevelopment": "minor"},
        dict(lga.application_type) | {
            "fullplanningpermission": "full", "householderplanningpermission": "hh",
            "outlineplanningpermission": "outline",
        },
    )


class PlanningDataConverter:
    """Converts planning.data.gov.uk planning-application rows into register records."""

    name = "planning-data"
    description = (
        "planning.data.gov.uk's planning-application dataset, as CSV with its kebab-case "
        "fields or as JSON (a list, or the API's {\"entities\": [...]})."
    )
    target = TARGET

    def convert(self, source: Path | bytes, options: ConversionOptions) -> ConversionResult:
        """Convert each row, reporting what the register cannot hold."""
        name = source_name(source, options)
        raw = read_bytes(source, name, "CSV or JSON")
        check_publisher_format(options)
        findings: list[Finding] = []
        if options.gss_code is None and (options.organisation or "local-authority:").startswith(
            "local-authority:"
        ):
            findings.append(Finding(
                "convert.no-organisation", Severity.ERROR,
                "A local authority's records need its council GSS code, which "
                "planning.data.gov.uk's rows do not give; give it with --gss-code (such as "
                "E08000025).",
                location=SourceLocation(name),
            ))
        records: list[dict[str, Any]] = []
        reported: set[str] = set()
        for row in _rows(raw, name, findings):
            records.append(_record(row, options))
            for key, why in NOT_CARRIED.items():
                if key not in reported and row.get(key):
                    reported.add(key)
                    row.report("convert.column-not-carried", key,
                               f"The {key} field is not carried into the register: {why}.",
                               severity=Severity.INFO)
            findings.extend(row.findings)
        return ConversionResult(tuple(records), tuple(findings))


CONVERTER = PlanningDataConverter()


def _rows(raw: bytes, name: str, findings: list[Finding]) -> Iterator[_Row]:
    """Yield the rows of a CSV file, or the entities of a JSON one."""
    if raw.lstrip()[:1] in (b"[", b"{"):
        import json

        try:
            value = json.loads(raw.decode("utf-8-sig"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise ConversionError(f"{name} is not valid JSON: {exc}.") from None
        entities = value.get("entities") if isinstance(value, dict) else value
        if not isinstance(entities, list):
            raise ConversionError(
                f"{name} is not planning.data.gov.uk JSON: expected a list of rows or "
                "{\"entities\": [...]}."
            )
        for index, entity in enumerate(entities):
            if isinstance(entity, dict):
                yield _Row(name, index + 1, None, entity,
                           {key: (None, key) for key in entity})
        return
    text, decoded = decode_text(raw, name)
    findings.extend(decoded)
    rows = csv_rows(text, name)
    first = next(rows, None)
    if first is None:
        raise ConversionError(f"{name} is empty: there is no header row to convert.")
    header = [cell.strip() for cell in first[1]]
    if "reference" not in header:
        raise ConversionError(
            f"{name} does not look like planning.data.gov.uk's planning-application dataset: "
            "it has no reference column."
        )
    known = set(FIELDS) | set(NOT_CARRIED)
    for index, label in enumerate(header):
        if label and label not in known:
            findings.append(Finding(
                "convert.unknown-column", Severity.WARNING,
                f"Column {label!r} is not a field of the planning-application dataset, so it "
                "was ignored.",
                location=SourceLocation(name, row=1, column_letter=column_letter(index),
                                        header=label),
            ))
    places = {label: (column_letter(i), label) for i, label in enumerate(header)}
    number = 0
    for row_number, cells in rows:
        if not any(c.strip() for c in cells):
            continue
        if len(cells) != len(header):
            # Cells after a stray comma sit under the wrong headers: the row gives no record.
            findings.append(Finding(
                "convert.row-length", Severity.ERROR,
                f"Row {row_number} has {len(cells)} cells but the header has {len(header)}, "
                "so no record was made from it; look for a stray comma or an unquoted value "
                "with a comma in it.",
                location=SourceLocation(name, row=row_number),
            ))
            continue
        number += 1
        yield _Row(name, number, row_number, dict(zip(header, cells, strict=True)), places)


def _record(row: _Row, options: ConversionOptions) -> dict[str, Any]:
    """Build one register record from one row."""
    values = _maps()
    record: dict[str, Any] = {}
    reference = row.get("reference")
    if reference:
        record["reference"] = " ".join(reference.split())
    else:
        row.report("convert.missing-value", "reference",
                   "reference is empty; every register record needs its reference.")
    organisation: dict[str, Any] = {}
    given = row.get("organisation")
    if options.organisation:
        organisation["organisation"] = options.organisation
    elif given:
        organisation["organisation"] = given
    if options.gss_code:
        organisation["gss_code"] = options.gss_code
    record["organisation"] = organisation
    types = _types(row, values)
    if types:
        record["application_types"] = types
    description = " ".join(row.get("description").split())
    if description:
        record["description"] = description
    else:
        row.report("convert.missing-value", "description",
                   "description is empty; every register record needs a description.")
    record["site"] = _site(row)
    scale = row.get("development-classification")
    if scale:
        code = values.scale.get(norm(scale))
        if code:
            record["development_scale"] = code
        else:
            row.report("convert.unmapped-value", "development-classification",
                       f"development-classification {scale!r} is not major, minor or other, "
                       "so it was left out.", scale)
    received = row.day("start-date")
    if received:
        record["received_date"] = received
    else:
        row.report("convert.missing-value", "start-date",
                   "start-date (the day the application was received) is empty; the register "
                   "needs it.")
    _status(row, values, record)
    url = row.get("documentation-url")
    if url.startswith("https://") and not any(c.isspace() for c in url):
        record["documentation_url"] = url
    elif url:
        row.report("convert.unmapped-value", "documentation-url",
                   f"documentation-url {url!r} is not an https address, so it was left out.", url)
    return record


def _types(row: _Row, values: _Maps) -> list[str]:
    """Return the application types: one code, or several separated by ';' as MHCLG writes."""
    text = row.get("planning-application-type")
    found: list[str] = []
    for part in (p.strip() for p in text.split(";")):
        if not part:
            continue
        code = values.types.get(norm(part))
        if code is None and part == part.lower() and all(
            c.isalnum() or c == "-" for c in part
        ):
            # An MHCLG-style code the register does not list yet: the open codelist takes it.
            code = part
        if code is None:
            row.report("convert.unmapped-value", "planning-application-type",
                       f"planning-application-type {part!r} is not an application type code, so "
                       "it was left out.", part)
        elif code not in found:
            found.append(code)
    if not text:
        row.report("convert.missing-value", "planning-application-type",
                   "planning-application-type is empty; the register needs the type.")
    return found


def _site(row: _Row) -> dict[str, Any]:
    """Build the site: address, postcode, UPRN, point, boundary and area."""
    site: dict[str, Any] = {}
    address = " ".join(row.get("address-text").split())
    if address:
        site["address_text"] = address
        postcode = postcode_at_end(address)
        if postcode:
            site["postcode"] = postcode
    else:
        row.report("convert.missing-value", "address-text",
                   "address-text is empty; every register record needs the site's address.")
    uprn = row.get("uprn").lstrip("0")
    if uprn.isdigit() and len(uprn) <= 12:
        site["uprns"] = [uprn]
    elif row.get("uprn"):
        row.report("convert.unmapped-value", "uprn",
                   f"uprn {row.get('uprn')!r} is not 1 to 12 digits, so it was left out.",
                   row.get("uprn"))
    for key, kinds in (("point", ("Point",)), ("geometry", ("Polygon", "MultiPolygon"))):
        text = row.get(key)
        if not text:
            continue
        try:
            geometry = parse_wkt(text)
        except WktError as exc:
            row.report("convert.unmapped-value", key,
                       f"{key} is not WKT the register can read ({exc}), so it was left out.",
                       text[:100])
            continue
        if geometry["type"] not in kinds:
            row.report("convert.unmapped-value", key,
                       f"{key} is a {geometry['type']}, where the dataset has "
                       f"{' or '.join(kinds)}; it was left out.", text[:100])
        elif key == "point":
            site["point"] = geometry["coordinates"]
        else:
            site["geometry"] = geometry
    area = row.get("ground-area")
    if area:
        try:
            square_metres = float(area)
        except ValueError:
            square_metres = -1.0
        if square_metres > 0:
            site["area_hectares"] = round(square_metres / 10_000, 10)
        else:
            row.report("convert.bad-number", "ground-area",
                       f"ground-area {area!r} is not an area in square metres above zero, so "
                       "it was left out.", area)
    return site


def _status(row: _Row, values: _Maps, record: dict[str, Any]) -> None:
    """Set the status, the decision and the withdrawn date."""
    text = row.get("planning-application-status")
    status = values.status.get(norm(text)) if text else None
    if text and status is None:
        row.report("convert.unmapped-value", "planning-application-status",
                   f"planning-application-status {text!r} has no register equivalent, so it was "
                   "left out.", text)
    decision: dict[str, Any] = {}
    outcome_text = row.get("planning-decision")
    if outcome_text and norm(outcome_text) not in _NO_DECISION:
        outcome = values.decision.get(norm(outcome_text))
        if outcome:
            decision["outcome"] = outcome
        else:
            row.report("convert.unmapped-value", "planning-decision",
                       f"planning-decision {outcome_text!r} has no register equivalent, so it "
                       "was left out.", outcome_text)
    decided = row.day("decision-date")
    level_text = row.get("planning-decision-type")
    if decision:
        if decided:
            decision["decision_date"] = decided
        else:
            row.report("convert.missing-value", "decision-date",
                       "There is a decision but no decision-date; the register needs it.")
        if level_text:
            level = values.level.get(norm(level_text))
            if level:
                decision["decision_level"] = level
            else:
                row.report("convert.unmapped-value", "planning-decision-type",
                           f"planning-decision-type {level_text!r} has no register equivalent, "
                           "so it was left out.", level_text)
    if status is None:
        status = "determined" if decision else "validated"
    ended = row.day("end-date")
    if status == "withdrawn":
        if ended:
            record["status"] = status
            record["withdrawn_date"] = ended
        else:
            record["status"] = status
            row.report("convert.missing-value", "end-date",
                       "The application is withdrawn but end-date does not say when; the "
                       "register needs the day.")
        return
    if ended:
        row.report("convert.column-not-carried", "end-date",
                   f"end-date {ended} is when the row left the register, which the register "
                   "records only for a withdrawal.", ended, Severity.WARNING)
    record["status"] = status
    if decision:
        record["decision"] = decision
    if status == "appealed":
        row.report("convert.missing-value", "planning-application-status",
                   "The application is under appeal, but the dataset has no appeal fields; add "
                   "the appeal (at least its lodged date) by hand.")
