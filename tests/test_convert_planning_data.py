"""planning.data.gov.uk's planning-application rows to register records and back."""

from __future__ import annotations

import csv
import io
import json
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
from lgstandards.conversions.planning_data import FIELDS
from lgstandards.conversions.wkt import WktError, parse_wkt, to_wkt
from lgstandards.findings import Severity
from tests.planning_roundtrip import REAL, REGISTER, covered, lost, valid_records

FROM = converter("planning-data")
TO = exporter("planning-data")
FIXTURE = REAL / "planning-data" / "planning-application.csv"
LAMBETH = ConversionOptions(gss_code="E09000022")


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def test_registered() -> None:
    """The converter and exporter are found by name and work on register 2.x."""
    assert CONVERTERS["planning-data"] is FROM
    assert EXPORTERS["planning-data"] is TO
    assert FROM.target == TO.source == "planning-application-register@2"


def test_fixture_converts() -> None:
    """Each row becomes a record; only the row under appeal lacks what the register needs."""
    result = FROM.convert(FIXTURE, LAMBETH)
    records = {r["reference"]: r for r in result.records}
    assert len(records) == 6
    assert records["24/00977/LB"]["application_types"] == ["hh", "lbc"]
    assert records["24/01655/FUL"]["application_types"] == ["full"]
    first = records["24/00412/HOU"]
    assert first["decision"] == {"outcome": "granted", "decision_date": "2024-03-21",
                                 "decision_level": "delegated"}
    assert first["site"]["postcode"] == "SW9 9RZ"
    assert first["site"]["area_hectares"] == 0.012592
    assert first["site"]["geometry"]["type"] == "Polygon"
    assert records["24/01203/FUL"]["site"]["geometry"]["type"] == "MultiPolygon"
    assert (records["24/01502/OUT"]["status"], records["24/01502/OUT"]["withdrawn_date"]) == (
        "withdrawn", "2024-08-30"
    )
    errors = {(f.code, f.location.row) for f in result.findings if f.severity is Severity.ERROR}
    assert errors == {("convert.missing-value", 7)}
    infos = {f.location.header for f in result.findings if f.code == "convert.column-not-carried"}
    assert infos == {"name", "notes", "entry-date", "prefix", "entity"}
    checked = {r: REGISTER.check_record(record) for r, record in records.items()}
    assert {r for r, found in checked.items() if found} == {"24/01655/FUL"}


#: The register places the dataset's fields come from, with the fixture's value tweaks undone.
_PLACES = (
    "reference", "description", "address-text", "uprn", "geometry", "point",
    "documentation-url", "planning-decision-type", "organisation", "start-date",
    "decision-date", "end-date", "development-classification", "ground-area",
)


def test_round_trip_keeps_every_field_both_hold() -> None:
    """Rows to records to rows: every carried field comes back, and codes become the register's."""
    rows = _rows(FIXTURE.read_bytes())
    again = _rows(TO.export(FROM.convert(FIXTURE, LAMBETH).records, "x").data)
    assert list(again[0]) == list(FIELDS)
    for before, after in zip(rows, again, strict=True):
        assert {k: before[k] for k in _PLACES} == {k: after[k] for k in _PLACES}
    # Labels become the register's codes: approved -> granted, full-planning-permission -> full.
    assert [r["planning-decision"] for r in again] == [
        "granted", "refused", "", "prior-approval-not-required", "", "refused"
    ]
    assert again[5]["planning-application-type"] == "full"
    assert [r["planning-application-status"] for r in again] == [
        r["planning-application-status"] for r in rows
    ]


RECORDS = valid_records()


@pytest.mark.parametrize("record", RECORDS, ids=[r["reference"] for r in RECORDS])
def test_every_value_the_dataset_cannot_hold_is_reported(record: dict[str, Any]) -> None:
    """Register to the dataset and back loses only values the export reported."""
    exported = TO.export([record], "record")
    reported = {f.pointer for f in exported.findings if f.code == "export.field-not-carried"}
    options = ConversionOptions(gss_code=record["organisation"].get("gss_code"))
    back = FROM.convert(exported.data, options).records[0]
    assert {place for place in lost(record, back) if not covered(place, reported)} == set()


def test_json_entities() -> None:
    """The API's {"entities": [...]} (or a plain list) reads like the CSV."""
    rows = _rows(FIXTURE.read_bytes())[:2]
    for value in ({"entities": rows}, rows):
        result = FROM.convert(json.dumps(value).encode(), LAMBETH)
        assert [r["reference"] for r in result.records] == ["24/00412/HOU", "24/00977/LB"]


def test_values_the_register_cannot_read_are_reported() -> None:
    """Bad WKT, an unknown status and a missing date are reported at their cells."""
    row = dict.fromkeys(FIELDS, "") | {
        "reference": "X/1", "description": "Test.", "address-text": "1 Road, Town",
        "planning-application-type": "Householder", "start-date": "2024-13-01",
        "point": "POINT (1)", "planning-application-status": "lost in the post",
    }
    out = io.StringIO()
    writer = csv.DictWriter(out, FIELDS)
    writer.writeheader()
    writer.writerow(row)
    result = FROM.convert(out.getvalue().encode(), LAMBETH)
    assert result.records[0]["application_types"] == ["hh"]
    assert {(f.code, f.location.header) for f in result.findings} == {
        ("convert.bad-date", "start-date"), ("convert.missing-value", "start-date"),
        ("convert.unmapped-value", "point"),
        ("convert.unmapped-value", "planning-application-status"),
    }


def test_shifted_row_gives_no_record() -> None:
    """A row with a stray comma is reported at its row and gives no record."""
    result = FROM.convert(b"reference,description,address-text\nX/1,A,B\nX/2,Extension, phase 2,"
                          b"1 High Street\n", LAMBETH)
    assert [r["reference"] for r in result.records] == ["X/1"]
    assert ("convert.row-length", 3) in {(f.code, f.location.row) for f in result.findings}


def test_not_the_dataset() -> None:
    """A CSV without a reference column, or an empty file, stops the conversion."""
    with pytest.raises(ConversionError, match="no reference column"):
        FROM.convert(b"CaseReference,CaseText\n1,2\n", LAMBETH)
    with pytest.raises(ConversionError, match="empty"):
        FROM.convert(b"", LAMBETH)


@pytest.mark.parametrize("text", [
    "POINT (-0.1185926 51.4656522)",
    "POLYGON ((-0.1 51.4, -0.2 51.4, -0.2 51.5, -0.1 51.4), (1 1, 2 2, 3 1, 1 1))",
    "MULTIPOLYGON (((1 2, 3 4, 5 6, 1 2)), ((7 8, 9 10, 11 12, 7 8)))",
])
def test_wkt_round_trips(text: str) -> None:
    """WKT read into GeoJSON and written again is the same text."""
    assert to_wkt(parse_wkt(text)) == text


@pytest.mark.parametrize("text", ["LINESTRING (1 2, 3 4)", "POINT (1)", "POLYGON ((1 2, 3 4)",
                                  "POINT (1 2) extra", ""])
def test_wkt_errors(text: str) -> None:
    """Text that is not a WKT point, polygon or multipolygon is refused."""
    with pytest.raises(WktError):
        parse_wkt(text)
