"""check-api against the reference server over real loopback HTTP: it passes; each defect shows."""

from __future__ import annotations

import json
import re
import threading
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import jsonschema
import pytest

from lgstandards.apicheck import ApiCheckOptions, Limits, check_api
from lgstandards.cli import main
from lgstandards.findings import Severity
from lgstandards.report import Report
from lgstandards.reporters.json_report import report_schema
from tests.test_reference_server import serve

#: Fast enough for tests, and still a real rate limit; timeouts short so a defect costs little.
QUICK = Limits(rate_limit=500, connect_timeout=5, timeout=2, max_bytes=200_000)

WASTE = "waste-collections-api@1"
STREET = "street-reports-api@1"
WASTE_PROBES = {"postcode": "BN43 5RA", "reference": "MC-2026-004512"}

#: A bound on a whole run that must never be reached; it guards against a hang, not for speed.
NEVER_HANGS = 120.0


@pytest.fixture(scope="module")
def good() -> Iterator[str]:
    """Serve the correct reference server for the whole module."""
    with serve() as url:
        yield url


def _check(standard: str, base_url: str, **extra: object) -> Report:
    """Run check-api in a thread, failing the test if it has not finished in NEVER_HANGS."""
    probes = extra.pop("probes", WASTE_PROBES if standard == WASTE else {})
    options = ApiCheckOptions(standard, base_url, probes=probes,  # type: ignore[arg-type]
                              limits=extra.pop("limits", QUICK), **extra)  # type: ignore[arg-type]
    result: list[Report] = []
    failure: list[BaseException] = []

    def target() -> None:
        """Run the check, keeping its report or its exception."""
        try:
            result.append(check_api(options))
        except BaseException as exc:
            failure.append(exc)

    worker = threading.Thread(target=target, daemon=True)
    worker.start()
    worker.join(NEVER_HANGS)
    assert not worker.is_alive(), "check-api did not finish: it hung"
    if failure:
        raise failure[0]
    return result[0]


def _codes(report: Report) -> set[tuple[str, str, str]]:
    """Return (code, severity, operation) for every finding of a report."""
    return {(f.code, f.severity.value, f.location.path or "") for f in report.findings}


@pytest.mark.parametrize(("standard", "mount"), [(WASTE, "/waste"), (STREET, "/open311/v2")])
def test_reference_server_conforms(good: str, standard: str, mount: str) -> None:
    """Every check, writes to the sandbox included, passes against the reference server."""
    base = good + mount
    report = _check(standard, base, allow_writes=True, sandbox_url=base)
    serious = [(f.code, f.location.path, f.message) for f in report.findings
               if f.severity is not Severity.INFO]
    assert serious == []
    assert not [f for f in report.findings if f.code == "api.skipped"]
    assert all(file.records > 0 for file in report.files)
    expected = {"api.status", "api.content-type", "api.body-schema", "api.problem-format",
                "api.unknown-id", "api.identity", "api.pagination", "api.rejects-invalid"}
    assert expected <= set(report.checks)


def test_reference_server_read_only_skips_writes(good: str) -> None:
    """Without --allow-writes no POST is checked, and the report says so as information."""
    report = _check(WASTE, good + "/waste")
    assert report.conforms
    skipped = {f.location.path for f in report.findings if f.code == "api.skipped"}
    assert skipped == {"POST /missed-collections"}
    assert "(GET only)" in report.notices[0].message


DEFECTS = [
    # (defect, standard, code, operation, severity)
    ("wrong-status", WASTE, "api.status", "GET /properties/{uprn}/schedule", "error"),
    ("wrong-content-type", WASTE, "api.content-type", "GET /properties/{uprn}/schedule", "error"),
    ("invalid-body", WASTE, "api.body-schema", "GET /properties/{uprn}/schedule", "error"),
    ("no-pagination", WASTE, "api.pagination", "GET /addresses", "error"),
    ("oversized", WASTE, "api.too-large", "GET /properties/{uprn}/schedule", "error"),
    ("plain-errors", WASTE, "api.problem-format", "GET /properties/{uprn}/schedule", "error"),
    ("unknown-id-200", WASTE, "api.unknown-id", "GET /properties/{uprn}/schedule", "error"),
    ("malformed-id-404", WASTE, "api.malformed-id", "GET /properties/{uprn}/schedule", "error"),
    ("redirect-off-host", WASTE, "api.redirect", "GET /services", "error"),
    ("open311-numeric-ids", STREET, "api.body-schema", "GET /services.json", "error"),
    ("no-pagination", STREET, "api.pagination", "GET /requests.json", "warning"),
    ("plain-errors", STREET, "api.problem-format", "GET /requests/{service_request_id}.json",
     "error"),
]


@pytest.mark.parametrize(("defect", "standard", "code", "operation", "severity"), DEFECTS,
                         ids=[f"{d[0]}:{d[1]}" for d in DEFECTS])
def test_defect_is_reported(defect: str, standard: str, code: str, operation: str,
                            severity: str) -> None:
    """A broken variant of the server fails with the defect's code, on the right operation."""
    mount = "/waste" if standard == WASTE else "/open311/v2"
    with serve(defect) as url:
        report = _check(standard, url + mount)
    assert (code, severity, operation) in _codes(report)
    assert report.fails(Severity(severity))


def test_invalid_body_points_at_the_field() -> None:
    """A body-schema finding names the field and its JSON Pointer in the response."""
    with serve("invalid-body") as url:
        report = _check(WASTE, url + "/waste")
    found = [f for f in report.findings if f.code == "api.body-schema"]
    assert [(f.pointer, f.field) for f in found] == [("/property/uprn", "UPRN")]
    assert "schema.type" in found[0].message


def test_hanging_endpoint_times_out_and_the_rest_is_checked() -> None:
    """A hanging endpoint costs one api.timeout error; the rest of the API is still checked."""
    with serve("hang") as url:
        report = _check(WASTE, url + "/waste", limits=Limits(rate_limit=500, timeout=1))
    timeouts = [(f.severity, f.location.path) for f in report.findings if f.code == "api.timeout"]
    assert timeouts == [(Severity.ERROR, "GET /properties/{uprn}/schedule")]
    checked = {file.path for file in report.files if file.records}
    assert {"GET /", "GET /addresses", "GET /services"} <= checked


def test_unreachable_server_is_a_finding_and_stops_the_run() -> None:
    """A server that is not there fails api.unreachable once; the rest is skipped, not retried."""
    with serve() as url:
        pass  # The port is free again once the server has stopped.
    report = _check(WASTE, url + "/waste")
    unreachable = [f for f in report.findings if f.code == "api.unreachable"]
    assert len(unreachable) == 1 and unreachable[0].severity is Severity.ERROR
    assert report.notices[0].message.startswith("Sent 1 request to ")
    skipped = [f for f in report.findings if f.code == "api.skipped"]
    assert len(skipped) >= 5


# -- the command line --------------------------------------------------------------------------


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run `lgstandards check-api` and return its exit code, stdout and stderr."""
    code = main(["check-api", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_exit_0_for_a_conforming_api(capsys: pytest.CaptureFixture[str], good: str) -> None:
    """check-api exits 0 against the reference server and says it conforms."""
    code, out, _ = _cli(capsys, "-s", WASTE, "--base-url", good + "/waste", "--postcode",
                        "BN43 5RA", "--rate-limit", "500/s")
    assert code == 0
    assert "Result: conforms" in out


def test_cli_exit_1_and_json_report(capsys: pytest.CaptureFixture[str]) -> None:
    """A defect exits 1 and the JSON report is valid against the published report schema."""
    with serve("wrong-status") as url:
        code, out, _ = _cli(capsys, "-s", WASTE, "--base-url", url + "/waste", "--postcode",
                            "BN43 5RA", "--rate-limit", "500/s", "--format", "json")
    assert code == 1
    report = json.loads(out)
    jsonschema.Draft202012Validator(report_schema()).validate(report)
    assert report["standard"] == "waste-collections-api@1.0.0"
    paths = {f["path"]: f for f in report["files"]}
    assert paths["GET /properties/{uprn}/schedule"]["counts"]["api.status"] == 1


def test_cli_junit_report(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--format junit writes XML naming each operation, with the failing check as a failure."""
    target = tmp_path / "junit.xml"
    with serve("wrong-content-type") as url:
        code, out, _ = _cli(capsys, "-s", WASTE, "--base-url", url + "/waste", "--postcode",
                            "BN43 5RA", "--rate-limit", "500/s", "--format", "junit", "-o",
                            str(target))
    assert (code, out) == (1, "")
    root = ET.fromstring(target.read_text())
    suites = {s.get("name") for s in root.iter("testsuite")}
    assert "GET /properties/{uprn}/schedule" in suites
    failures = [c for c in root.iter("testcase") if c.find("failure") is not None]
    assert any("api.content-type" in (c.get("name") or "") for c in failures)


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github", "sarif", "markdown", "html"])
def test_header_values_never_reported(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """An API key given with --header appears in no report format, even when a check fails."""
    secret = "k3y-THAT-must-not-leak-0042"
    with serve("plain-errors") as url:
        code, out, err = _cli(capsys, "-s", WASTE, "--base-url", url + "/waste",
                              "--postcode", "BN43 5RA", "--rate-limit", "500/s",
                              "-H", f"X-Api-Key: {secret}", "--format", fmt)
    assert code == 1
    assert secret not in out and secret not in err
    assert out.strip()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["-s", "waste-property-schedule", "--base-url", "http://127.0.0.1:9"], "data standard"),
        (["-s", "no-such-api", "--base-url", "http://127.0.0.1:9"], "no standard"),
        (["-s", WASTE], "--base-url"),
        (["--base-url", "http://127.0.0.1:9"], "--standard"),
        (["-s", WASTE, "--base-url", "ftp://127.0.0.1/"], "http://"),
        (["-s", WASTE, "--base-url", "http://127.0.0.1:9", "--allow-writes"], "--sandbox"),
        (["-s", WASTE, "--base-url", "http://127.0.0.1:9", "--rate-limit", "fast"], "rate"),
        (["-s", WASTE, "--base-url", "http://127.0.0.1:9", "--probe", "colour=red"], "colour"),
        (["-s", WASTE, "--base-url", "http://127.0.0.1:9", "-H", "no colon"], "Name: value"),
    ],
)
def test_cli_exit_2_for_bad_options(
    capsys: pytest.CaptureFixture[str], args: list[str], message: str
) -> None:
    """Options that cannot work exit 2 with a clear message and no traceback."""
    code, out, err = _cli(capsys, *args)
    assert code == 2
    assert message in err
    assert "Traceback" not in err + out


def test_cli_config_file(capsys: pytest.CaptureFixture[str], tmp_path: Path, good: str,
                         monkeypatch: pytest.MonkeyPatch) -> None:
    """A TOML configuration gives the standard, URL, probes, limits and an environment header."""
    monkeypatch.setenv("TEST_COUNCIL_KEY", "from-the-environment-123")
    config = tmp_path / "check-api.toml"
    config.write_text(
        f'standard = "{WASTE}"\nbase-url = "{good}/waste"\nrate-limit = "500/s"\n'
        'format = "json"\n[probes]\npostcode = "BN43 5RA"\nreference = "MC-2026-004512"\n'
        '[headers]\nX-Api-Key = { env = "TEST_COUNCIL_KEY" }\n'
    )
    code, out, _ = _cli(capsys, "--config", str(config))
    assert code == 0
    report = json.loads(out)
    assert not [f for file in report["files"] for f in file["findings"]
                if f["code"] == "api.skipped" and "reference" in f["message"]]
    assert "from-the-environment-123" not in out


def test_cli_list_probes(capsys: pytest.CaptureFixture[str]) -> None:
    """--list-probes names each probe value of the standard with its default."""
    code, out, _ = _cli(capsys, "-s", STREET, "--list-probes")
    assert code == 0
    assert "service_request_id" in out and "lgstandards-no-such-request" in out


# -- reports about an API, not about files -----------------------------------------------------


def test_unreachable_server_junit_skips_instead_of_passing(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """With the server down, JUnit has one failure, a skipped case per operation, no passes."""
    with serve() as url:
        pass  # The port is free again once the server has stopped.
    code, out, _ = _cli(capsys, "-s", WASTE, "--base-url", url + "/waste", "--postcode",
                        "BN43 5RA", "--format", "junit")
    assert code == 1
    root = ET.fromstring(out)
    operations = [s for s in root.iter("testsuite") if s.find("properties") is not None]
    cases = [c for s in operations for c in s.iter("testcase")]
    skipped = [c for c in cases if c.find("skipped") is not None]
    failed = [c for c in cases if c.find("failure") is not None]
    assert [c.find("failure").get("type") for c in failed] == ["api.unreachable"]  # type: ignore[union-attr]
    assert len(skipped) + len(failed) == len(cases)  # Nothing passes that was never checked.
    assert int(root.get("skipped", "0")) == len(skipped) >= 5
    # Each operation is skipped once, however many steps of the suite check it.
    assert all(len(s.findall("testcase/skipped")) <= 1 for s in operations)
    assert len({c.get("classname") for c in skipped}) == len(skipped)


def test_text_report_speaks_of_operations_and_checks(capsys: pytest.CaptureFixture[str]) -> None:
    """The text report counts operations and checks, and names no file, record or <input>."""
    with serve("invalid-body") as url:
        code, out, _ = _cli(capsys, "-s", WASTE, "--base-url", url + "/waste", "--postcode",
                            "BN43 5RA", "--rate-limit", "500/s")
    assert code == 1
    assert out.startswith("Checked 6 operations against waste-collections-api@1.0.0\n")
    assert re.search(r"^\d+ checks ran; 1 failed \(.*\); 2 did not run\.$", out, re.M)
    for wrong in ("file", "record", "<input>", "the schema,"):
        assert wrong not in out, wrong
    assert out.count("Sent ") == 1  # The run's notice is shown once, not again as a group.


def test_failing_groups_say_what_is_wrong() -> None:
    """A group's title names the problem, not the check's passing condition."""
    from lgstandards.apicheck import CHECKS, NOTICES
    from lgstandards.codes import describe

    for code, sentence in {**CHECKS, **NOTICES}.items():
        info = describe(code)
        assert info is not None, code
        assert info.title.rstrip(".") != sentence.rstrip("."), code
    assert describe("api.skipped").severity is Severity.INFO  # type: ignore[union-attr]


def test_external_api_standard_names_the_ones_check_api_has(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """An external standard is refused without suggesting --schema, listing our API standards."""
    code, _, err = _cli(capsys, "-s", "open311-georeport", "--base-url", "http://127.0.0.1:9")
    assert code == 2
    assert "--schema" not in err
    assert "street-reports-api" in err and "waste-collections-api" in err
    assert "open-referral-uk" not in err  # External too: no suite to run.


def test_select_ignore_and_mask(capsys: pytest.CaptureFixture[str]) -> None:
    """--ignore drops a failing check from the verdict, --select keeps only it, --mask hides."""
    uprn = "100062201563"  # The probe property's UPRN, which this defect sends as a number.
    with serve("invalid-body") as url:
        base = ["-s", WASTE, "--base-url", url + "/waste", "--postcode", "BN43 5RA",
                "--rate-limit", "500/s", "--format", "json"]
        ignored, out, _ = _cli(capsys, *base, "--ignore", "api.body-schema")
        assert ignored == 0
        assert "api.body-schema" not in json.loads(out)["checks"]
        chosen, out, _ = _cli(capsys, *base, "--select", "api.body-schema", "--mask")
    assert chosen == 1
    report = json.loads(out)
    assert report["subject"] == "api"
    assert {f["code"] for file in report["files"] for f in file["findings"]} == {
        "api.body-schema"}
    assert report["summary"]["invalid_records"] == 1
    assert uprn not in out
    typo, _, err = _cli(capsys, *base, "--select", "api.no-such-check")
    assert typo == 2 and "api.no-such-check" in err


def test_sarif_and_github_name_operations_not_files(capsys: pytest.CaptureFixture[str]) -> None:
    """SARIF is valid and locates results by operation; GitHub annotations name no file."""
    from tests.test_reporters import sarif_validator

    with serve("invalid-body") as url:
        base = ["-s", WASTE, "--base-url", url + "/waste", "--postcode", "BN43 5RA",
                "--rate-limit", "500/s", "--format"]
        _, sarif, _ = _cli(capsys, *base, "sarif")
        _, github, _ = _cli(capsys, *base, "github")
    log = json.loads(sarif)
    assert sorted(sarif_validator().iter_errors(log), key=str) == []
    run = log["runs"][0]
    assert run["artifacts"] == []
    result = next(r for r in run["results"] if r["ruleId"] == "api.body-schema")
    assert "physicalLocation" not in result["locations"][0]
    assert [loc["fullyQualifiedName"] for loc in result["locations"][0]["logicalLocations"]] == [
        "GET /properties/{uprn}/schedule", "/property/uprn"]
    annotations = [line for line in github.splitlines() if line.startswith("::")]
    assert annotations and not any("file=" in line for line in annotations)
    assert any(line.startswith("::error ") and "::GET /properties/{uprn}/schedule: " in line
               for line in annotations)
