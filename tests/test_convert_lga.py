"""Converting the LGA planning applications CSV into register records, and the convert command."""

from __future__ import annotations

import csv
import io
import json
import math
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lgstandards.cli import main
from lgstandards.conformance import Checker
from lgstandards.conversions import (
    CONVERTERS,
    ConversionError,
    ConversionOptions,
    ConversionResult,
    converter,
)
from lgstandards.conversions.lga_planning import LGA_COLUMNS, parse_date
from lgstandards.conversions.osgb import _grid_to_airy, grid_to_wgs84
from lgstandards.errors import ConfigError
from lgstandards.findings import Severity
from lgstandards.registry import catalogue
from lgstandards.reporters.json_report import report_schema

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "examples" / "data" / "lga-planning-applications.csv"
MESSY = REPO / "tests" / "data" / "lga-planning-messy.csv"
ADUR = ConversionOptions(organisation="local-authority:ADU", gss_code="E07000223")
LGA = converter("lga-planning-csv")
REGISTER = Checker.for_standard("planning-application-register@2", allow_draft=True)


def _csv(*rows: dict[str, str]) -> bytes:
    """Return LGA CSV bytes with every LGA column and the given cells filled in."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LGA_COLUMNS)
    for row in rows:
        cells = {"CaseReference": "26/00001/FUL", "CaseText": "A proposal.",
                 "LocationText": "1 Sample Road, Shoreham-by-Sea, BN43 5XY",
                 "CaseDate": "01/07/2026", "ClassificationLabel": "Full", **row}
        writer.writerow([cells.get(column, "") for column in LGA_COLUMNS])
    return out.getvalue().encode()


def _one(row: dict[str, str], options: ConversionOptions = ADUR) -> tuple[dict[str, Any], set[
        tuple[str, str | None]]]:
    """Convert one row; return its record and its findings as (code, header) pairs."""
    result = LGA.convert(_csv(row), options)
    assert len(result.records) == 1
    return result.records[0], {(f.code, f.location.header) for f in result.findings}


def _located(result: ConversionResult) -> set[tuple[str, int | None, str | None]]:
    return {(f.code, f.location.row, f.location.header) for f in result.findings}


# -- the registry ----------------------------------------------------------------------------------


def test_converter_is_registered() -> None:
    """The LGA converter is found by name and targets the register's major version."""
    assert CONVERTERS["lga-planning-csv"] is LGA
    assert LGA.target == "planning-application-register@2"
    catalogue().select(LGA.target, allow_draft=True)


def test_unknown_converter_is_a_config_error() -> None:
    """Asking for a format nobody converts names the known ones."""
    with pytest.raises(ConfigError, match="lga-planning-csv"):
        converter("spreadsheet-of-doom")


# -- whole files -----------------------------------------------------------------------------------


def test_example_converts_to_conforming_records(tmp_path: Path) -> None:
    """The example LGA CSV maps completely, and its records meet the schema and every rule."""
    result = LGA.convert(EXAMPLE, ADUR)
    assert result.complete
    assert {(f.code, f.severity) for f in result.findings} == {
        ("convert.column-not-carried", Severity.INFO)
    }
    assert len(result.records) == 8
    output = tmp_path / "register.ndjson"
    output.write_text("".join(json.dumps(r) + "\n" for r in result.records))
    report = REGISTER.check_paths([str(output)])
    assert report.records == 8
    assert report.findings == ()


def test_example_records(tmp_path: Path) -> None:
    """The example's rows become the statuses, outcomes and places their columns say."""
    records = {r["reference"]: r for r in LGA.convert(EXAMPLE, ADUR).records}
    householder = records["AWDM/1021/26"]
    assert householder["application_types"] == ["hh"]
    assert householder["site"]["address_text"] == "12 Sample Road, Shoreham-by-Sea, BN43 5XY"
    assert householder["site"]["postcode"] == "BN43 5XY"
    assert householder["decision"] == {
        "outcome": "granted", "decision_date": "2026-10-22", "decision_level": "delegated"
    }
    assert householder["extensions"]["lga_planning_csv"]["GeoAreaLabel"] == "St Mary's"
    assert "Agent" not in json.dumps(householder)
    statuses = {ref: r["status"] for ref, r in records.items()}
    assert statuses == {
        "AWDM/1021/26": "determined", "AWDM/1108/26": "determined",
        "AWDM/1290/26": "consultation", "AWDM/1187/26": "awaiting-decision",
        "AWDM/1203/26": "determined", "AWDM/1055/26": "withdrawn",
        "AWDM/1240/26": "determined", "AWDM/1302/26": "validated",
    }
    assert records["AWDM/1055/26"]["withdrawn_date"] == "2026-09-30"
    assert "decision" not in records["AWDM/1055/26"]
    assert records["AWDM/1203/26"]["application_types"] == ["pa-extension"]
    assert records["AWDM/1203/26"]["decision"]["outcome"] == "prior-approval-not-required"
    assert records["AWDM/1240/26"]["decision"]["outcome"] == "no-objection"
    assert records["AWDM/1290/26"]["site"]["point"] == [-0.312, 50.8405]


MESSY_FINDINGS = {
    ("convert.unknown-column", 1, "Ward Councillor"),
    ("convert.column-not-carried", 2, "Agent"),
    ("convert.changed-value", 3, "CaseURL"),
    ("convert.column-not-carried", 2, "PublisherURI"),
    ("convert.column-not-carried", 2, "OrganisationURI"),
    ("convert.column-not-carried", 2, "ServiceTypeURI"),
    ("convert.conflicting-values", 4, "Status"),
    ("convert.bad-date", 5, "CaseDate"),
    ("convert.bad-date", 5, "DecisionTargetDate"),
    ("convert.unmapped-value", 6, "UPRN"),
    ("convert.missing-value", 7, "AppealRef"),
    ("convert.conflicting-values", 8, "Decision"),
    ("convert.missing-value", 9, "ClassificationLabel"),
    ("convert.unmapped-value", 10, "GeoX"),
}

#: What the checker then says of the records: (code, record, pointer).
MESSY_CHECKED = {
    ("schema.required", 4, "/received_date"),
    ("schema.required", 6, "/appeal/lodged_date"),
    ("schema.required", 8, "/application_types"),
    ("planning.reference-not-unique", 10, "/reference"),
    ("planning.dates-out-of-order", 11, "/decision/decision_date"),
}


def test_messy_file_reports_every_unmapped_value(tmp_path: Path) -> None:
    """Each value that cannot be carried across is reported at its row and column."""
    result = LGA.convert(MESSY, ADUR)
    assert _located(result) == MESSY_FINDINGS
    assert not result.complete
    letters = {f.location.header: f.location.column_letter for f in result.findings}
    assert letters["Decision"] == "V"
    assert letters["Ward Councillor"] == "AK"
    records = tmp_path / "messy.ndjson"
    records.write_text("".join(json.dumps(r) + "\n" for r in result.records))
    report = REGISTER.check_paths([str(records)])
    assert {(f.code, f.location.record, f.pointer) for f in report.findings} == MESSY_CHECKED


def test_messy_values_that_did_map() -> None:
    """Variants councils publish ('Delegated', 'Live ', 'MIN|Full', a /HOU suffix) still map."""
    records = LGA.convert(MESSY, ADUR).records
    assert records[0]["application_types"] == ["hh"]
    assert records[0]["decision"]["decision_level"] == "delegated"
    assert records[1]["status"] == "validated"
    assert records[1]["application_types"] == ["full"]
    assert records[1]["documentation_url"].startswith("https://")
    assert records[5]["status"] == "appealed"
    assert records[5]["appeal"] == {
        "reference": "APP/P3800/D/26/3412345", "outcome": "allowed", "decision_date": "2026-10-02"
    }
    assert records[6]["status"] == "withdrawn"
    assert records[6]["withdrawn_date"] == "2026-08-04"
    assert "decision" not in records[6]


# -- values ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "outcome"),
    [
        ("Approve", "granted"), ("Granted", "granted"), ("Refuse", "refused"),
        ("Refused", "refused"), ("Split", "split"),
        ("Prior not required", "prior-approval-not-required"),
        ("Prior granted", "prior-approval-granted"), ("Prior refused", "prior-approval-refused"),
        ("Prior refused permission required", "prior-approval-refused"),
        ("APPROVE", "granted"), ("Raise no objection", "no-objection"),
    ],
)
def test_decision_values(value: str, outcome: str) -> None:
    """Every LGA Decision value, in any case, maps to a decision outcome."""
    record, found = _one({"Status": "Decided", "Decision": value, "DecisionDate": "01/09/2026"})
    assert record["decision"]["outcome"] == outcome
    assert record["status"] == "determined"
    assert found == set()


@pytest.mark.parametrize(
    ("value", "level"),
    [("Delegated powers", "delegated"), ("Case officer", "delegated"),
     ("Planning committee", "committee"), ("Delegated", "delegated"), ("Committee", "committee")],
)
def test_decision_types(value: str, level: str) -> None:
    """Every LGA DecisionType, and the short forms councils write, maps to a decision level."""
    record, found = _one({"Decision": "Refuse", "DecisionDate": "01/09/2026",
                          "DecisionType": value})
    assert record["decision"]["decision_level"] == level
    assert found == set()


@pytest.mark.parametrize(
    ("value", "outcome"), [("Upheld", "allowed"), ("Dismissed", "dismissed"),
                           ("Withdrawn", "withdrawn")],
)
def test_appeal_decisions(value: str, outcome: str) -> None:
    """LGA appeal decisions map to appeal outcomes, and the status becomes appealed."""
    record, found = _one({"Status": "Decided", "Decision": "Refuse", "DecisionDate": "01/09/2026",
                          "AppealDecision": value, "AppealDecisionDate": "01/12/2026"})
    assert record["status"] == "appealed"
    assert record["appeal"]["outcome"] == outcome
    # The LGA CSV has no lodged date, which the register requires.
    assert found == {("convert.missing-value", "AppealDecision")}


def test_enforcement_appeal_is_unmapped() -> None:
    """'Enforcement notice modified' is an enforcement outcome, outside the register."""
    _, found = _one({"Status": "Appealed", "AppealDecision": "Enforcement notice modified"})
    assert ("convert.unmapped-value", "AppealDecision") in found


@pytest.mark.parametrize(
    ("columns", "code"),
    [
        ({"ClassificationLabel": "Householder"}, "hh"),
        ({"ClassificationLabel": "Listed Building Consent"}, "lbc"),
        ({"ClassificationLabel": "hh"}, "hh"),
        ({"ClassificationLabel": "Prior approval: larger home extension"}, "pa-extension"),
        ({"ClassificationLabel": "MIN", "ServiceTypeLabel": "VAR"}, "s73"),
        ({"ClassificationLabel": "", "CaseReference": "26/00123/LBC"}, "lbc"),
        ({"ClassificationLabel": "", "CaseReference": "NMA/2026/0233"}, "full"),
    ],
)
def test_application_types(columns: dict[str, str], code: str) -> None:
    """Types come from the classification, then the service type, then the reference's ending."""
    if columns.get("CaseReference") == "NMA/2026/0233":
        # A reference that only starts with a type says nothing; the ServiceTypeLabel decides.
        columns = {**columns, "ServiceTypeLabel": "FUL"}
    record, found = _one(columns)
    assert record["application_types"] == [code]
    assert found == set()


def test_unknown_type_is_reported_where_it_was_given() -> None:
    """A classification that names no application type is reported in its column."""
    record, found = _one({"ClassificationLabel": "Flying saucer pad", "CaseReference": "26/1"})
    assert "application_types" not in record
    assert found == {("convert.unmapped-value", "ClassificationLabel")}
    record, found = _one({"ClassificationLabel": "Major - dwellings", "CaseReference": "26/1"})
    assert (record["development_scale"], record["development_category"]) == (
        "major", "dwellings"
    )
    assert found == {("convert.missing-value", "ClassificationLabel")}
    record, found = _one({"ClassificationLabel": "", "CaseReference": "26/00001"})
    assert found == {("convert.missing-value", "ClassificationLabel")}


def test_combined_types_scale_and_category() -> None:
    """Each type in the classification is kept, and PS2 words give the scale and category."""
    record, found = _one({"ClassificationLabel": "Householder|Listed building consent"})
    assert record["application_types"] == ["hh", "lbc"]
    assert found == set()
    record, found = _one({"ClassificationLabel": "Minor Dwellings", "ServiceTypeLabel": "FUL"})
    assert record["application_types"] == ["full"]
    assert (record["development_scale"], record["development_category"]) == ("minor", "dwellings")
    assert found == set()


def test_county_matter_classification_is_reported_as_a_warning() -> None:
    """A county-matter category the register cannot say is reported; the type still maps."""
    record, _ = _one({"ClassificationLabel": "Other County Matter|MIN",
                          "ServiceTypeLabel": "VAR"})
    assert record["application_types"] == ["s73"]
    assert record["development_scale"] == "minor"
    result = LGA.convert(_csv({"ClassificationLabel": "Other County Matter|MIN",
                               "ServiceTypeLabel": "VAR"}), ADUR)
    assert [(f.code, f.severity) for f in result.findings] == [
        ("convert.unmapped-value", Severity.WARNING)
    ]


def test_generic_service_label_says_nothing() -> None:
    """'Planning applications' names the council's service, not a type: it is not reported."""
    record, found = _one({"ClassificationLabel": "Householder",
                          "ServiceTypeLabel": "Planning applications"})
    assert record["application_types"] == ["hh"]
    assert found == set()


def test_resolution_to_grant_subject_to_s106() -> None:
    """'Approve subject to S106' is a resolution: its status, date and committee are kept."""
    record, found = _one({"Status": "Pending", "Decision": "Approve subject to S106 agreement",
                          "DecisionDate": "01/10/2026", "DecisionType": "Planning committee"})
    assert record["status"] == "resolution-to-grant-subject-to-s106"
    assert record["resolution_date"] == record["committee_date"] == "2026-10-01"
    assert "decision" not in record
    assert found == set()
    record, found = _one({"Decision": "Minded to grant subject to legal agreement"})
    assert record["status"] == "resolution-to-grant-subject-to-s106"
    assert found == {("convert.missing-value", "Decision")}


def test_ground_area_and_ward() -> None:
    """GroundArea in square metres becomes hectares; a ward's GSS URI becomes a ward."""
    record, found = _one({
        "GroundArea": "1,250", "GeoAreaLabel": "St Mary's",
        "GeoAreaURI": "http://statistics.data.gov.uk/id/statistical-geography/E05007564",
    })
    assert record["site"]["area_hectares"] == 0.125
    assert record["site"]["wards"] == [{"name": "St Mary's", "gss_code": "E05007564"}]
    assert "extensions" not in record
    assert found == set()
    record, found = _one({"GroundArea": "0.08"})
    assert "area_hectares" not in record["site"]
    assert found == {("convert.unmapped-value", "GroundArea")}


@pytest.mark.parametrize(
    ("columns", "status"),
    [
        ({"Status": "Pending"}, "validated"),
        ({"Status": "Pending", "ExtractDate": "20/07/2026",
          "PublicConsultationStartDate": "10/07/2026",
          "PublicConsultationEndDate": "31/07/2026"}, "consultation"),
        ({"Status": "Pending", "ExtractDate": "01/08/2026",
          "PublicConsultationStartDate": "10/07/2026",
          "PublicConsultationEndDate": "31/07/2026"}, "awaiting-decision"),
        ({"Status": "Pending", "ExtractDate": "05/07/2026",
          "PublicConsultationStartDate": "10/07/2026",
          "PublicConsultationEndDate": "31/07/2026"}, "validated"),
        ({"Status": "", "Decision": "Withdrawn", "DecisionDate": "02/07/2026"}, "withdrawn"),
        ({"Status": "Decided", "Decision": "Withdrawn", "DecisionDate": "02/07/2026"},
         "withdrawn"),
        ({"Status": "", "Decision": "Refuse", "DecisionDate": "02/09/2026"}, "determined"),
        ({"Status": "Invalid"}, "invalid"),
    ],
)
def test_status_inference(columns: dict[str, str], status: str) -> None:
    """Pending becomes the undecided status the dates show; a missing status is inferred."""
    record, found = _one(columns)
    assert record["status"] == status
    assert found == set()


def test_unknown_status_is_reported() -> None:
    """A status with no equivalent is reported, and the record still gets one from its data."""
    record, found = _one({"Status": "Under review by the committee clerk"})
    assert record["status"] == "validated"
    assert found == {("convert.unmapped-value", "Status")}


def test_pending_with_a_decision_becomes_determined() -> None:
    """A decision outranks a stale 'Pending': the record is determined, with a warning."""
    record, found = _one({"Status": "Pending", "Decision": "Refuse",
                          "DecisionDate": "02/09/2026"})
    assert record["status"] == "determined"
    assert found == {("convert.conflicting-values", "Status")}


def test_decided_without_a_decision_is_reported() -> None:
    """A decided application whose Decision is empty cannot carry its decision."""
    _, found = _one({"Status": "Decided"})
    assert found == {("convert.missing-value", "Decision")}


def test_withdrawn_without_a_date_is_reported() -> None:
    """The register needs the day of withdrawal, which the LGA CSV only has as a decision date."""
    record, found = _one({"Status": "Withdrawn"})
    assert record["status"] == "withdrawn"
    assert found == {("convert.missing-value", "Status")}


@pytest.mark.parametrize(
    ("text", "iso"),
    [("01/07/2026", "2026-07-01"), ("1/7/2026", "2026-07-01"), ("01/07/2026 14:30", "2026-07-01"),
     ("01/07/2026 14:30:05", "2026-07-01"), ("2026-07-01", "2026-07-01"),
     ("2026-07-01T09:00:00Z", "2026-07-01"), ("01-07-2026", "2026-07-01"),
     ("01.07.2026", "2026-07-01"), ("1 Jul 2026", "2026-07-01"), ("01-July-2026", "2026-07-01"),
     ("29/02/2028", "2028-02-29")],
)
def test_dates_read(text: str, iso: str) -> None:
    """dd/mm/yyyy with or without a time, and the other forms councils export, are read."""
    parsed = parse_date(text)
    assert parsed is not None and parsed.isoformat() == iso


@pytest.mark.parametrize(
    ("text", "hint"),
    [("31/06/2026", "no such day"), ("07/31/2026", "month/day/year"),
     ("01/07/26", "Two-digit years"), ("46204", "day number"), ("next Tuesday", ""),
     ("29/02/2026", "no such day")],
)
def test_bad_dates_are_reported_with_a_hint(text: str, hint: str) -> None:
    """A date that cannot be read is reported at its cell, saying why where it can."""
    assert parse_date(text) is None
    result = LGA.convert(_csv({"DecisionTargetDate": text}), ADUR)
    (finding,) = result.findings
    assert (finding.code, finding.location.header, finding.location.row) == (
        "convert.bad-date", "DecisionTargetDate", 2
    )
    assert hint in finding.message
    assert "target_decision_date" not in result.records[0]


@pytest.mark.parametrize(
    ("cell", "uprns"),
    [("100023336956", ["100023336956"]),
     ("100023336956;100023336957", ["100023336956", "100023336957"]),
     ("100023336956, 100023336957", ["100023336956", "100023336957"]),
     ("100023336956|100023336956", ["100023336956"])],
)
def test_uprns(cell: str, uprns: list[str]) -> None:
    """UPRNs stay text, split on the separators councils use."""
    record, found = _one({"UPRN": cell})
    assert record["site"]["uprns"] == uprns
    assert found == set()


def test_uprn_leading_zeros_are_dropped_and_noted_once() -> None:
    """Zero-padded UPRNs are written as Ordnance Survey issues them, noted once per file."""
    result = LGA.convert(_csv({"UPRN": "000000199356"}, {"UPRN": "0100023336956"},
                              {"UPRN": "000000000000"}), ADUR)
    assert [r["site"].get("uprns") for r in result.records] == [
        ["199356"], ["100023336956"], None
    ]
    assert {(f.code, f.location.row, f.severity) for f in result.findings} == {
        ("convert.changed-value", 2, Severity.INFO),
        ("convert.unmapped-value", 4, Severity.ERROR),
    }


def test_bad_uprns_are_reported() -> None:
    """A UPRN a spreadsheet rounded, or one that is not digits, is reported and left out."""
    record, found = _one({"UPRN": "1.00023E+11;10002333695A"})
    assert "uprns" not in record["site"]
    assert found == {("convert.unmapped-value", "UPRN")}
    result = LGA.convert(_csv({"UPRN": "1.00023E+11;10002333695A"}), ADUR)
    assert [f.value for f in result.findings] == ["1.00023E+11", "10002333695A"]
    assert "export the UPRN column as text" in result.findings[0].message


def test_address_lines_and_postcode() -> None:
    """A multi-line location becomes one line, and a postcode at its end is taken out."""
    record, _ = _one({"LocationText": "Flat 2\n  10 Sample Road \nShoreham-by-Sea\nbn43  5xy"})
    assert record["site"]["address_text"] == "Flat 2, 10 Sample Road, Shoreham-by-Sea, bn43 5xy"
    assert record["site"]["postcode"] == "BN43 5XY"
    record, _ = _one({"LocationText": "Land east of Sample Farm"})
    assert "postcode" not in record["site"]


def test_consultation_needs_both_ends() -> None:
    """One end of a consultation alone cannot make the register's consultation period."""
    record, found = _one({"PublicConsultationEndDate": "20/05/2026"})
    assert "consultation" not in record
    assert found == {("convert.unmapped-value", "PublicConsultationEndDate")}


# -- places ----------------------------------------------------------------------------------------


def test_os_worked_example() -> None:
    """The National Grid inverse projection reproduces Ordnance Survey's worked example."""
    lat, lon = _grid_to_airy(651409.903, 313177.270)
    # OS guide, annex C: 52°39'27.2531"N, 1°43'4.5177"E on the OSGB36 datum.
    assert math.degrees(lat) == pytest.approx(52 + 39 / 60 + 27.2531 / 3600, abs=1e-7)
    assert math.degrees(lon) == pytest.approx(1 + 43 / 60 + 4.5177 / 3600, abs=1e-7)


@pytest.mark.parametrize(
    ("grid", "wgs84"),
    [
        # Reference values from PROJ (EPSG:27700 to EPSG:4326, same Helmert parameters).
        ((530000, 180000), (-0.128354, 51.503991)),
        ((326000, 673000), (-3.186379, 55.944322)),
        ((146000, 30000), (-5.554337, 50.115618)),
        ((465000, 1210000), (-0.808744, 60.76771)),
    ],
)
def test_grid_to_wgs84(grid: tuple[float, float], wgs84: tuple[float, float]) -> None:
    """Eastings and northings convert to WGS84 degrees as PROJ converts them."""
    lon, lat = grid_to_wgs84(*grid)
    assert lon == pytest.approx(wgs84[0], abs=2e-6)
    assert lat == pytest.approx(wgs84[1], abs=2e-6)


@pytest.mark.parametrize("crs", ["OSGB36", "osgb", "EPSG:27700", ""])
def test_grid_points_are_converted(crs: str) -> None:
    """OSGB36 grid references, named or evidently so, become a WGS84 point."""
    record, found = _one({"CoordinateReferenceSystem": crs, "GeoX": "530000", "GeoY": "180000"})
    assert record["site"]["point"] == [-0.128354, 51.503991]
    assert found == set()


def test_wgs84_points_are_kept() -> None:
    """WGS84 longitude and latitude pass straight through."""
    record, found = _one({"CoordinateReferenceSystem": "WGS84", "GeoX": "-0.2741",
                          "GeoY": "50.8337"})
    assert record["site"]["point"] == [-0.2741, 50.8337]
    assert found == set()


@pytest.mark.parametrize(
    ("columns", "code", "header"),
    [
        ({"GeoX": "north", "GeoY": "105215"}, "convert.bad-number", "GeoX"),
        ({"CoordinateReferenceSystem": "Mercator", "GeoX": "1", "GeoY": "2"},
         "convert.unmapped-value", "CoordinateReferenceSystem"),
        ({"CoordinateReferenceSystem": "WGS84", "GeoX": "521634", "GeoY": "105215"},
         "convert.unmapped-value", "GeoX"),
        ({"CoordinateReferenceSystem": "OSGB36", "GeoX": "-5", "GeoY": "105215"},
         "convert.unmapped-value", "GeoX"),
    ],
)
def test_bad_points(columns: dict[str, str], code: str, header: str) -> None:
    """A point that cannot be read or placed is reported and left out."""
    record, found = _one(columns)
    assert "point" not in record["site"]
    assert found == {(code, header)}


# -- files that cannot be converted ------------------------------------------------------------


def test_windows_1252_is_read_with_a_warning() -> None:
    """A Windows-1252 export is read, with a warning to check its symbols."""
    data = _csv({"CaseText": "Café extension costing £20,000."}).decode().encode("cp1252")
    result = LGA.convert(data, ADUR)
    assert result.records[0]["description"] == "Café extension costing £20,000."
    assert [f.code for f in result.findings] == ["convert.not-utf8"]
    assert result.complete


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"reference,status\r\n26/1,determined\r\n", "no CaseReference column"),
        (b"PK\x03\x04\x00\x00binary", "NUL bytes"),
    ],
)
def test_files_that_cannot_be_converted(data: bytes, message: str) -> None:
    """An empty, foreign, binary or broken file stops the conversion with a clear reason."""
    with pytest.raises(ConversionError, match=message):
        LGA.convert(data, ADUR)


def test_missing_required_columns_are_reported() -> None:
    """A file without the reference, text or location columns is converted, with errors."""
    result = LGA.convert(b"CaseReference,Status\r\n26/1,Pending\r\n", ADUR)
    assert {(f.code, f.location.header) for f in result.findings} == {
        ("convert.missing-column", "CaseText"), ("convert.missing-column", "LocationText"),
        ("convert.missing-column", "CaseDate"),
        ("convert.missing-value", "ClassificationLabel"),
    }
    assert result.records == ({"reference": "26/1", "organisation": {
        "organisation": "local-authority:ADU", "gss_code": "E07000223"}, "site": {},
        "status": "validated"},)


def test_headers_match_loosely() -> None:
    """Headers match whatever their case, spacing or punctuation, as spreadsheets mangle them."""
    result = LGA.convert(b"case reference,CASE_TEXT,Location Text\r\n26/1/FUL,A,B\r\n", ADUR)
    assert result.records[0]["reference"] == "26/1/FUL"
    assert result.records[0]["description"] == "A"


def test_row_length_is_reported() -> None:
    """A row with more cells than the header is reported at its row."""
    result = LGA.convert(b"CaseReference,CaseText,LocationText\r\n26/1/FUL,A,B,C\r\n", ADUR)
    assert ("convert.row-length", 2) in {(f.code, f.location.row) for f in result.findings}


def test_shifted_row_gives_no_record() -> None:
    """An unquoted stray comma shifts the cells: the row is reported and no record is written."""
    result = LGA.convert(
        b"CaseReference,CaseText,LocationText\r\n26/1/FUL,A,B\r\n26/2/FUL,Extension, phase 2,"
        b"1 High Street\r\n26/3/FUL,C,D\r\n", ADUR,
    )
    assert [r["reference"] for r in result.records] == ["26/1/FUL", "26/3/FUL"]
    assert ("convert.row-length", 3, None) in {
        (f.code, f.location.row, f.location.record) for f in result.findings
    }


def test_unclosed_quote_shows_as_a_short_row() -> None:
    """An unclosed quote swallows the rest of the file into one cell, which is reported."""
    result = LGA.convert(b'CaseReference,CaseText\r\n"26/1,unclosed\r\n', ADUR)
    assert ("convert.row-length", 2) in {(f.code, f.location.row) for f in result.findings}


def test_organisation_is_needed() -> None:
    """Without --organisation the records cannot name their authority, and that is an error."""
    record, found = _one({}, ConversionOptions())
    assert "organisation" not in record["organisation"]
    assert found == {("convert.no-organisation", None)}
    _, found = _one({}, ConversionOptions(organisation="local-authority:ADU"))
    assert found == {("convert.no-organisation", None)}
    record, found = _one({}, ConversionOptions(organisation="national-park-authority:Q27159704"))
    assert record["organisation"]["organisation"] == "national-park-authority:Q27159704"
    assert found == set()


@pytest.mark.parametrize(
    "options",
    [ConversionOptions(organisation="Adur"),
     ConversionOptions(organisation="local-authority:ADU", gss_code="E05000001")],
)
def test_malformed_options_stop_the_run(options: ConversionOptions) -> None:
    """A malformed organisation or GSS code is an option error, not a finding per record."""
    with pytest.raises(ConversionError):
        LGA.convert(_csv({}), options)


# -- the command -----------------------------------------------------------------------------------

ORG = ["--organisation", "local-authority:ADU", "--gss-code", "E07000223"]


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_converts_to_a_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A complete conversion writes NDJSON, says so on stderr and exits 0."""
    output = tmp_path / "register.ndjson"
    code, out, err = _run(capsys, "convert", "--from", "lga-planning-csv", str(EXAMPLE), *ORG,
                          "-o", str(output))
    assert code == 0
    assert out == ""
    lines = output.read_text().splitlines()
    assert len(lines) == 8
    assert json.loads(lines[0])["reference"] == "AWDM/1021/26"
    assert "Converted 8 records" in err
    assert "Every value was mapped" in err


def test_cli_writes_records_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    """Without -o the records go to standard output and the report to standard error."""
    code, out, err = _run(capsys, "convert", "--from", "lga-planning-csv", str(MESSY), *ORG)
    assert code == 1
    assert len(out.splitlines()) == 11
    assert all(json.loads(line)["organisation"]["gss_code"] == "E07000223"
               for line in out.splitlines())
    assert "lga-planning-messy.csv row 6, column AE (UPRN)" in err
    assert "[convert.unmapped-value]" in err


def test_cli_check_validates_the_records(capsys: pytest.CaptureFixture[str],
                                         tmp_path: Path) -> None:
    """--check adds what the standard says of the records, placed at the output's lines."""
    output = tmp_path / "out.ndjson"
    code, _, err = _run(capsys, "convert", "--from", "lga-planning-csv", str(MESSY), *ORG,
                        "-o", str(output), "--check")
    assert code == 1
    assert f"{output} line 10, record 10" in err
    assert "[planning.reference-not-unique]" in err
    assert "5 of 11 records do not conform" in err


def test_cli_check_passes_clean_data(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--check on a complete conversion of conforming data still exits 0."""
    code, _, err = _run(capsys, "convert", "--from", "lga-planning-csv", str(EXAMPLE), *ORG,
                        "-o", str(tmp_path / "out.ndjson"), "--check")
    assert code == 0
    assert "all 8 records conform" in err


def test_cli_json_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """The JSON report of a conversion has the validator's report shape, with rows and columns."""
    report_path = tmp_path / "report.json"
    code, _, err = _run(capsys, "convert", "--from", "lga-planning-csv", str(MESSY), *ORG,
                        "-o", str(tmp_path / "out.ndjson"), "--format", "json",
                        "--report", str(report_path))
    assert code == 1
    assert err == ""
    report = json.loads(report_path.read_text())
    jsonschema.Draft202012Validator(report_schema()).validate(report)
    (file,) = report["files"]
    found = {(f["code"], f["location"].get("row"), f["location"].get("header"))
             for f in file["findings"]}
    assert found == MESSY_FINDINGS


def test_cli_reads_stdin(capsys: pytest.CaptureFixture[str],
                         monkeypatch: pytest.MonkeyPatch) -> None:
    """'-' reads the CSV from standard input."""
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(_csv({}))))
    code, out, _ = _run(capsys, "convert", "--from", "lga-planning-csv", "-", *ORG)
    assert code == 0
    assert json.loads(out)["reference"] == "26/00001/FUL"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--from", "nonsense", "x.csv"], "no converter for 'nonsense'"),
        (["--from", "lga-planning-csv", "missing.csv"], "does not exist"),
        (["--from", "lga-planning-csv", str(EXAMPLE), "--organisation", "Adur"],
         "not a planning.data.gov.uk organisation identifier"),
    ],
)
def test_cli_cannot_run(capsys: pytest.CaptureFixture[str], args: list[str], message: str) -> None:
    """An unknown format, a missing file or a malformed option exits 2 with the reason."""
    code, out, err = _run(capsys, "convert", *args)
    assert code == 2
    assert out == ""
    assert message in err


def test_cli_unwritable_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """An output that cannot be written is an error exit, not a traceback."""
    code, _, err = _run(capsys, "convert", "--from", "lga-planning-csv", str(EXAMPLE), *ORG,
                        "-o", str(tmp_path / "no" / "such" / "dir.ndjson"))
    assert code == 2
    assert "cannot write the records" in err


def test_checker_agrees_with_validate_files() -> None:
    """The records a conversion returns can be checked in memory as well as from a file."""
    result = LGA.convert(EXAMPLE, ADUR)
    checker = Checker.for_standard(LGA.target, allow_draft=True)
    assert all(item.valid and not item.findings for item in checker.iter_records(result.records))
