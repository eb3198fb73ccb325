"""The CLI: exit codes 0/1/2, reports on stdout, clear errors and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from lgstandards.cli import main
from lgstandards.reporters.json_report import report_schema

COMMON = Path(__file__).resolve().parents[1] / "standards" / "common" / "1.0.0" / "examples"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_valid_data_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    """Conforming data exits 0 and says so."""
    code, out, _ = _run(capsys, "validate", "--standard", "common@1", str(COMMON / "valid"))
    assert code == 0
    assert "Result: conforms" in out


def test_invalid_data_exits_1(capsys: pytest.CaptureFixture[str]) -> None:
    """Data with errors exits 1 and names the field, the value and the place."""
    code, out, _ = _run(capsys, "validate", "-s", "common", str(COMMON / "invalid"))
    assert code == 1
    assert "Postcode 'SW1A1AA X' is not a UK postcode" in out
    assert "identifiers.json line 4, column 15" in out


@pytest.mark.parametrize(("fail_on", "expected"), [("error", 0), ("warning", 1), ("never", 0)])
def test_fail_on(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, fail_on: str, expected: int
) -> None:
    """--fail-on sets the lowest severity that fails the run; a BOM is only a warning."""
    data = tmp_path / "bom.json"
    data.write_bytes(b'\xef\xbb\xbf{"uprn": "1"}')
    code, _, _ = _run(capsys, "validate", "-s", "common", "--fail-on", fail_on, str(data))
    assert code == expected


def test_never_still_reports(capsys: pytest.CaptureFixture[str]) -> None:
    """--fail-on never exits 0 even when there are errors, but still reports them."""
    code, out, _ = _run(capsys, "validate", "-s", "common", "--fail-on", "never", str(COMMON))
    assert code == 0
    assert "does not conform" in out


def test_json_report_matches_its_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """The JSON report is versioned and valid against its own published JSON Schema."""
    code, out, _ = _run(capsys, "validate", "-s", "common@1.0.0", "--format", "json",
                        str(COMMON))
    assert code == 1
    report = json.loads(out)
    jsonschema.Draft202012Validator(report_schema()).validate(report)
    assert report["format_version"] == "1.0"
    assert report["standard"] == "common@1.0.0"
    assert report["summary"]["errors"] == sum(len(f["findings"]) for f in report["files"])


def test_output_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--output writes the report to a file and nothing to stdout."""
    target = tmp_path / "report.json"
    code, out, _ = _run(
        capsys,
        "validate",
        "-s",
        "common@1.0.0",
        "--format",
        "json",
        "-o",
        str(target),
        str(COMMON / "valid"),
    )
    assert code == 0
    assert out == ""
    assert json.loads(target.read_text())["conforms"] is True


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["validate", "-s", "nope", "x.json"], "there is no standard 'nope'"),
        (["validate", "-s", "common@9", "x.json"], "no version matching '9'"),
        (["validate", "x.json"], "exactly one of --standard"),
        (["validate", "-s", "common", "--schema", "s.json", "x.json"], "exactly one of"),
        (["validate", "-s", "common", "--fail-on", "sometimes", "x.json"], "Invalid value"),
        (["validate", "--schema", "/nonexistent/schema.json", "x.json"], "file not found"),
        (["show", "nope"], "there is no standard"),
        (["frobnicate"], "No such command"),
    ],
)
def test_cannot_run_exits_2(
    capsys: pytest.CaptureFixture[str], args: list[str], words: str
) -> None:
    """When the tool cannot run, it exits 2 with a one-line reason and no traceback."""
    code, out, err = _run(capsys, *args)
    assert code == 2
    assert words in err
    assert "Traceback" not in err + out


def test_list_and_show(capsys: pytest.CaptureFixture[str]) -> None:
    """list and show describe the standards, as text and as JSON."""
    code, out, _ = _run(capsys, "list", "--format", "json")
    assert code == 0
    ids = [s["id"] for s in json.loads(out)["standards"]]
    assert "common" in ids
    code, out, _ = _run(capsys, "show", "common@1.0.0", "--format", "json")
    fields = {f["path"]: f for f in json.loads(out)["fields"]}
    assert fields["address.paon"]["required"] is False
    assert fields["contact.consent_given_at"]["title"] == "Consent given at"
    code, out, _ = _run(capsys, "show", "common@1.0.0", "--schema")
    assert json.loads(out)["$id"].endswith("/common/1.0.0/schema.json")


def test_console_script_runs_without_traceback(tmp_path: Path) -> None:
    """The installed entry point works end to end in a fresh process."""
    bad = tmp_path / "bad.json"
    bad.write_text("{")
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from lgstandards.cli import entry_point; entry_point()",
            "validate",
            "-s",
            "common",
            str(bad),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 1
    assert "source.invalid-json" in result.stdout
    assert "Traceback" not in result.stderr


def test_report_never_overwrites_an_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """-o naming one of the checked files is refused before anything is written."""
    data = tmp_path / "data.json"
    data.write_text('{"uprn": "1"}')
    code, _, err = _run(
        capsys, "validate", "--no-config", "-s", "common", "-o", str(data), str(tmp_path)
    )
    assert code == 2
    assert "is one of the files being checked" in err
    assert data.read_text() == '{"uprn": "1"}'


@pytest.mark.parametrize(
    ("name", "start"),
    [("r.html", "<!DOCTYPE html"), ("r.json", "{"), ("r.xml", "<?xml"), ("r.sarif", "{")],
)
def test_output_suffix_chooses_the_format(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, start: str
) -> None:
    """Without --format, the report's file name picks its format."""
    target = tmp_path / name
    _run(
        capsys, "validate", "--no-config", "-s", "common", "-o", str(target), str(COMMON / "valid")
    )
    assert target.read_text().lstrip().startswith(start)


def test_config_with_a_folder_checks_the_files_inside(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder given with a config is expanded and its files matched; matching none is exit 2."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "a.json").write_text('{"uprn": 5}')
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "b.json").write_text("{}")
    (tmp_path / "lgstandards.toml").write_text(
        '[[check]]\nfiles = ["data/**/*.json"]\nstandard = "common@1"\n'
    )
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, "validate", "data")
    assert code == 1
    assert "UPRN should be text" in out
    code, _, err = _run(capsys, "validate", "other")
    assert code == 2
    assert "no file given is mapped" in err


def test_ignored_rules_do_not_run() -> None:
    """--ignore and --select decide which rules run at all, not only which findings show."""
    from lgstandards.conformance import Checker

    checker = Checker.for_standard("waste-property-schedule@1")
    codes = {rule.code for rule in checker.rules}
    assert "waste.conflicting-uprn" in codes
    ignoring = checker.selecting(ignore=["waste.conflicting-uprn"])
    assert {rule.code for rule in ignoring.rules} == codes - {"waste.conflicting-uprn"}
    assert {rule.code for rule in checker.selecting(select=["schema"]).rules} == set()
    assert checker.selecting() is checker


def test_findings_are_capped_by_default_and_still_counted(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """Without --max-findings, a file keeps 10,000 findings and counts every one."""
    data = tmp_path / "bad.ndjson"
    data.write_text('{"uprn": 1}\n' * 10_050)
    code, out, _ = _run(
        capsys, "validate", "--no-config", "-s", "common", "--format", "json", str(data)
    )
    report = json.loads(out)
    assert code == 1
    assert report["summary"]["errors"] == 10_050
    assert len(report["files"][0]["findings"]) == 10_000
    assert report["files"][0]["omitted"] == 50


def test_select_never_hides_unreadable_input(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A file that cannot be read fails whatever --select says; only --ignore hides it."""
    broken = tmp_path / "broken.ndjson"
    broken.write_text('{"uprn": \n')
    args = ["validate", "--no-config", "-s", "waste-property-schedule@1", "--format", "json"]
    code, out, _ = _run(capsys, *args, "--select", "waste.unknown-service", str(broken))
    assert code == 1
    assert [f["code"] for f in json.loads(out)["files"][0]["findings"]] == ["source.invalid-json"]
    code, out, _ = _run(capsys, *args, "--ignore", "source.invalid-json", str(broken))
    assert code == 0


def test_nothing_hides_a_failure_of_lgstandards() -> None:
    """internal.* findings survive every selection: the tool failing must never look like a pass."""
    from lgstandards.findings import Finding, Severity, frozen
    from lgstandards.report import FileReport, Report

    failed = Finding("internal.file-failed", Severity.ERROR, "Checking a.json failed.")
    report = Report("x@1", None, (FileReport("a.json", findings=(failed,),
                                             counts=frozen({failed.code: 1})),))
    for select, ignore in ((["waste"], []), ([], ["internal"]), (["schema"], ["internal"])):
        kept = report.filtered(select, ignore)
        assert [f.code for f in kept.files[0].findings] == ["internal.file-failed"]
