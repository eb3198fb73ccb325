"""CSV through a standard's tabular form: typed cells, never guessed, and cell-exact locations."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lgstandards.conformance import Checker
from lgstandards.registry import Catalogue
from lgstandards.sources import Source, column_letter

SCHEMA = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://example.org/s/sites/1.0.0/schema.json",
    "title": "Site",
    "type": "object",
    "properties": {
        "reference": {"title": "Reference", "type": "string", "pattern": "^[A-Z0-9/]+$"},
        "uprns": {
            "title": "UPRNs",
            "type": "array",
            "items": {"title": "UPRN", "type": "string", "pattern": "^[0-9]{1,12}$"},
        },
        "code": {"title": "Code", "type": "string"},
        "storeys": {"title": "Storeys", "type": "integer", "minimum": 1},
        "listed": {"title": "Listed", "type": "boolean"},
        "point": {
            "title": "Point",
            "type": "object",
            "properties": {
                "longitude": {"title": "Longitude", "type": "number", "maximum": 2},
                "latitude": {"title": "Latitude", "type": "number"},
            },
        },
    },
    "required": ["reference"],
    "additionalProperties": False,
}
TABULAR = {
    "columns": [
        {"header": "reference", "pointer": "/reference", "type": "string"},
        {"header": "uprns", "pointer": "/uprns", "type": "string-list", "separator": ";"},
        {"header": "code", "pointer": "/code", "type": "string"},
        {"header": "storeys", "pointer": "/storeys", "type": "integer"},
        {"header": "listed", "pointer": "/listed", "type": "boolean"},
        {"header": "longitude", "pointer": "/point/longitude", "type": "number"},
        {"header": "latitude", "pointer": "/point/latitude", "type": "number"},
    ]
}


@pytest.fixture
def checker(tmp_path: Path) -> Checker:
    """Return a checker for a small standard with a tabular form, in a temporary registry."""
    root = tmp_path / "standards"
    folder = root / "sites" / "1.0.0"
    folder.mkdir(parents=True)
    (root / "registry.json").write_text(json.dumps({"base_uri": "https://example.org/s/"}))
    (root / "sites" / "standard.json").write_text(
        json.dumps(
            {
                "id": "sites",
                "title": "Sites",
                "description": "Test.",
                "owner": "t",
                "licence": "OGL-UK-3.0",
                "versions": [{"version": "1.0.0", "status": "published", "released": "2026-01-01"}],
            }
        )
    )
    (folder / "schema.json").write_text(json.dumps(SCHEMA))
    (folder / "tabular.json").write_text(json.dumps(TABULAR))
    return Checker.for_standard("sites@1", registry=Catalogue(root))


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "sites.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_cells_become_typed_values_without_guessing(checker: Checker) -> None:
    """Declared types convert; undeclared text stays text, so codes like '01' keep their zeros."""
    source = Source(
        "x.csv",
        "csv",
        data=b"reference,uprns,code,storeys,listed,longitude\nA/1,000012345678;2,01,3,true,-1.5\n",
        tabular=checker.tabular,
    )
    [record] = [item for item in source.items() if not hasattr(item, "code")]
    assert record.data == {
        "reference": "A/1",
        "uprns": ["000012345678", "2"],
        "code": "01",
        "storeys": 3,
        "listed": True,
        "point": {"longitude": -1.5},
    }


def test_findings_name_row_column_and_header(checker: Checker, tmp_path: Path) -> None:
    """A bad cell is reported by spreadsheet row, column letter and header."""
    path = _write(tmp_path, "reference,uprns,storeys,longitude\nA/1,1;x2,three,5\n,123,2,1\n")
    report = checker.check_paths([str(path)])
    found = sorted(
        (f.code, f.location.row, f.location.column_letter, f.location.header, f.pointer)
        for f in report.findings
    )
    assert found == [
        ("schema.maximum", 2, "D", "longitude", "/point/longitude"),
        ("schema.pattern", 2, "B", "uprns", "/uprns/1"),
        ("schema.required", 3, "A", "reference", "/reference"),
        ("schema.type", 2, "C", "storeys", "/storeys"),
    ]
    assert report.records == 2


def test_header_problems(checker: Checker, tmp_path: Path) -> None:
    """Unknown columns are warnings; duplicate columns and ragged rows are errors."""
    path = _write(tmp_path, "reference,colour,reference\nA,red,B\nC\n")
    report = checker.check_paths([str(path)])
    found = [
        (f.code, f.severity.value, f.location.row, f.location.column_letter)
        for f in report.findings
    ]
    assert found == [
        ("source.unknown-column", "warning", 1, "B"),
        ("source.duplicate-column", "error", 1, "C"),
        ("source.row-length", "error", 3, None),
    ]


def test_csv_without_tabular_form(tmp_path: Path) -> None:
    """CSV for a standard with no tabular form is a clear finding, not a crash."""
    path = _write(tmp_path, "uprn\n1\n")
    report = Checker.for_standard("common@1").check_paths([str(path)])
    assert [f.code for f in report.findings] == ["source.no-tabular-form"]


def test_column_letters() -> None:
    """Column letters run A..Z, AA..AZ, BA... like a spreadsheet."""
    assert [column_letter(i) for i in (0, 25, 26, 51, 52, 701, 702)] == [
        "A",
        "Z",
        "AA",
        "AZ",
        "BA",
        "ZZ",
        "AAA",
    ]


def test_excel_export_with_bom_and_crlf(checker: Checker, tmp_path: Path) -> None:
    """A spreadsheet's 'CSV UTF-8' export (BOM, CRLF line ends) reads with no finding at all."""
    path = tmp_path / "excel.csv"
    path.write_bytes(b"\xef\xbb\xbfreference,storeys\r\nA/1,2\r\n")
    report = checker.check_paths([str(path)])
    assert report.findings == ()
    assert report.records == 1


@pytest.mark.parametrize(
    ("content", "code", "row"),
    [
        (b"reference;storeys\nA/1;2\nbad ref;3\n", "schema.pattern", 3),
        (b"Reference ,STOREYS\nA/1,2\nbad ref,3\n", "schema.pattern", 3),
        (b'reference,storeys\nA/1,2\n"B/2,3\nC/3,4\n', "source.invalid-csv", 3),
        (b"reference,storeys\n", "source.no-records", None),
    ],
    ids=["semicolons", "header-case", "unclosed-quote", "header-only"],
)
def test_spreadsheet_variations(
    checker: Checker, tmp_path: Path, content: bytes, code: str, row: int | None
) -> None:
    """Semicolon exports, header case and spacing, unclosed quotes and empty exports are handled."""
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    report = checker.check_paths([str(path)])
    assert [(f.code, f.location.row) for f in report.findings] == [(code, row)]


def test_csv_not_utf8(checker: Checker, tmp_path: Path) -> None:
    """A CSV saved in a legacy encoding is reported at the row where decoding failed."""
    path = tmp_path / "legacy.csv"
    path.write_bytes(b"reference,storeys\nA/1,2\n" + b"B/2,3\n" * 3000 + b"Caf\xe9,4\nC/3,5\n")
    report = checker.check_paths([str(path)])
    found = [(f.code, f.location.row, f.location.column_letter) for f in report.findings]
    assert ("source.invalid-encoding", 3003, "A") in found
    assert report.records == 3003


def test_rows_count_blank_rows_and_lines_count_line_breaks(
    checker: Checker, tmp_path: Path
) -> None:
    """Row numbers match the spreadsheet (blank rows included); lines match the file."""
    path = _write(tmp_path, 'reference,code\nA/1,"two\nlines"\n\nbad ref,x\n')
    report = checker.check_paths([str(path)])
    [finding] = report.findings
    assert (finding.code, finding.location.row, finding.location.line) == ("schema.pattern", 4, 5)
    assert finding.location.record == 2


def test_missing_required_column_is_reported_once(checker: Checker, tmp_path: Path) -> None:
    """A required column absent from the header gives one finding on the header row."""
    path = _write(tmp_path, "storeys,code\n2,a\n3,b\n4,c\n")
    report = checker.check_paths([str(path)])
    found = [(f.code, f.location.row, f.location.header) for f in report.findings]
    assert found == [("source.missing-column", 1, "reference")]
    assert report.invalid_records == 3


def test_odd_cells_and_headers(checker: Checker, tmp_path: Path) -> None:
    """A cell of thousands of digits and a header cell that is not UTF-8 are findings."""
    path = tmp_path / "odd.csv"
    path.write_bytes(b"reference,storeys,caf\xe9\nA/1," + b"1" * 5000 + b",x\n")
    report = checker.check_paths([str(path)])
    found = sorted((f.code, f.location.row, f.location.column_letter) for f in report.findings)
    # The number is too long to convert, so it stays text and the schema says it is not a number.
    assert found == [
        ("schema.type", 2, "B"),
        ("source.invalid-encoding", 1, "C"),
        ("source.unknown-column", 1, "C"),
    ]


def test_ignoring_a_code_keeps_counts_of_the_rest(checker: Checker, tmp_path: Path) -> None:
    """Filtering while checking leaves invalid-record counts of the other findings intact."""
    path = _write(tmp_path, "storeys,colour\n2,red\n3,blue\n")
    report = checker.selecting(ignore=["source.unknown-column"]).check_paths([str(path)])
    assert [f.code for f in report.findings] == ["source.missing-column"]
    assert report.invalid_records == 2
    capped = checker.selecting(select=["source"]).check_paths([str(path)], max_findings=1)
    assert capped.files[0].counts == {"source.unknown-column": 1, "source.missing-column": 1}
    assert capped.files[0].omitted == 1
