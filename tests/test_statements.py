"""Conformance statements: written by validate and check-api, and verified against the registry."""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lgstandards.cli import main
from lgstandards.development.statements import (
    STATEMENT_SCHEMA_ID,
    DataOptions,
    DataRun,
    StatementError,
    data_statement,
    layer_record,
    read_statement,
    statement_schema,
)
from lgstandards.development.verification import verify_statement
from lgstandards.registry import catalogue
from lgstandards.report import Report
from tests.test_publish import released, schema, write_standards
from tests.test_reference_server import serve

SCHEDULE = catalogue().select("waste-property-schedule@1.0.0").folder / "examples"
WASTE = "waste-collections-api@1"


def _schema_valid(statement: Any) -> None:
    """Fail unless the statement conforms to its published JSON Schema."""
    jsonschema.Draft202012Validator(
        statement_schema(), format_checker=jsonschema.FormatChecker()
    ).validate(statement)


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def data(tmp_path: Path) -> Path:
    """Return a folder holding copies of the schedule's valid examples."""
    folder = tmp_path / "data"
    shutil.copytree(SCHEDULE / "valid", folder)
    return folder


def _statement(capsys: pytest.CaptureFixture[str], tmp_path: Path, *args: str) -> Path:
    """Run validate with --statement and return the statement's path."""
    path = tmp_path / "statement.json"
    code, _, err = _cli(capsys, "validate", *args, "--statement", str(path))
    assert code in (0, 1), err
    return path


# -- data --------------------------------------------------------------------------------------


def test_schema_is_a_valid_2020_12_schema() -> None:
    """The statement schema is itself a valid JSON Schema with its published $id."""
    jsonschema.Draft202012Validator.check_schema(statement_schema())
    assert statement_schema()["$id"] == STATEMENT_SCHEMA_ID


def test_round_trip_on_real_examples(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """A statement of real data names every file used, conforms to its schema and verifies."""
    path = _statement(capsys, tmp_path, "-s", "waste-property-schedule@1", "--today",
                      "2026-12-05", str(data))
    text = path.read_text()
    # Findings are counted, never quoted: no value from the data reaches a statement.
    assert "BS6 6LY" not in text and "Ashgrove" not in text
    statement = json.loads(text)
    _schema_valid(statement)
    standards = {s["ref"]: s for s in statement["standards"]}
    assert standards["waste-property-schedule@1.0.0"]["role"] == "checked"
    assert standards["common@1.0.0"]["role"] == "referenced"
    assert all(s["locked"] for s in standards.values())
    assert "schema.json" in standards["common@1.0.0"]["files"]
    run = statement["runs"][0]
    assert run["standard"] == "waste-property-schedule@1.0.0"
    assert statement["options"]["today"] == "2026-12-05"
    assert [i["path"] for i in run["inputs"]] == sorted(str(p) for p in data.iterdir())
    assert statement["result"]["conforms"] and statement["result"]["records"] == 6
    code, out, _ = _cli(capsys, "verify", str(path))
    assert code == 0, out
    assert "the same result as the statement records" in out
    assert "Verified:" in out


def test_failing_data_is_evidenced_too(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """Data that does not conform gets a statement saying so, and it reproduces with its options."""
    invalid = tmp_path / "bad.json"
    shutil.copy(SCHEDULE / "invalid" / "uprn-as-number.json", invalid)
    path = _statement(capsys, tmp_path, "-s", "waste-property-schedule@1", "--ignore",
                      "codelist", "--max-findings", "1", str(invalid))
    statement = json.loads(path.read_text())
    _schema_valid(statement)
    assert not statement["result"]["conforms"] and not statement["result"]["passes"]
    assert statement["runs"][0]["ignore"] == ["codelist"]
    assert statement["runs"][0]["max_findings"] == 1
    result = statement["runs"][0]["inputs"][0]["result"]
    assert result["errors"] >= 1 and result["counts"]
    assert _cli(capsys, "verify", str(path))[0] == 0


def test_tampered_input_is_a_mismatch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """An input changed since, or an input given that the statement never saw, fails verify."""
    path = _statement(capsys, tmp_path, "-s", "waste-property-schedule@1", str(data))
    target = data / "unitary-house.json"
    original = target.read_bytes()
    target.write_bytes(original.replace(b"Redland", b"Redlands", 1))
    code, out, _ = _cli(capsys, "verify", str(path))
    assert code == 1
    assert f"mismatch: {target} has changed since the statement was made" in out
    assert "Not verified: 1 mismatch." in out
    # Given as an input, the original content is found by its digest wherever it now lives.
    moved = tmp_path / "elsewhere.json"
    moved.write_bytes(original)
    assert _cli(capsys, "verify", str(path), str(moved))[0] == 0
    target.write_bytes(original)
    assert _cli(capsys, "verify", str(path), str(data))[0] == 0
    assert _cli(capsys, "verify", str(path), str(tmp_path / "nowhere.json"))[0] == 2
    stranger = tmp_path / "stranger.json"
    stranger.write_text("{}")
    code, out, _ = _cli(capsys, "verify", str(path), str(moved), str(stranger))
    assert code == 1
    assert f"{stranger} is not an input of this statement" in out


def test_tampered_standard_file_is_named(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """A registry whose files differ from the statement's fails, naming each file."""
    path = _statement(capsys, tmp_path, "-s", "waste-property-schedule@1", str(data))
    copy = tmp_path / "registry"
    shutil.copytree(catalogue().root, copy)
    assert _cli(capsys, "verify", str(path), "--standards-dir", str(copy))[0] == 0
    schema_file = copy / "common/1.0.0/schema.json"
    schema_file.write_text(schema_file.read_text().replace('"UPRN"', '"Uprn"', 1))
    (copy / "waste-property-schedule/1.0.0/codelists/waste-stream.json").unlink()
    (copy / "waste-property-schedule/1.0.0/notes.txt").write_text("new")
    code, out, _ = _cli(capsys, "verify", str(path), "--standards-dir", str(copy))
    assert code == 1
    assert "common@1.0.0: schema.json differs from the file the statement was made with" in out
    assert ("waste-property-schedule@1.0.0: codelists/waste-stream.json is in the statement but "
            "not in the installed registry") in out
    assert "notes.txt is in the installed registry but not in the statement" in out


def test_different_tool_version_is_a_warning(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """A statement made by another lgstandards version verifies, with a warning."""
    path = _statement(capsys, tmp_path, "-s", "waste-property-schedule@1", str(data))
    statement = json.loads(path.read_text())
    statement["tool"]["version"] = "0.0.1"
    path.write_text(json.dumps(statement))
    code, out, _ = _cli(capsys, "verify", str(path))
    assert code == 0
    assert "warning: The statement was made with lgstandards 0.0.1" in out


def test_a_result_that_does_not_reproduce_is_a_mismatch(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, data: Path
) -> None:
    """A statement claiming another result than the data gives fails, saying what differs."""
    path = _statement(capsys, tmp_path, "-s", "waste-property-schedule@1", str(data))
    statement = json.loads(path.read_text())
    statement["runs"][0]["inputs"][0]["result"]["records"] = 7
    path.write_text(json.dumps(statement))
    code, out, _ = _cli(capsys, "verify", str(path), "--format", "json")
    assert code == 1
    result = json.loads(out)
    assert not result["verified"] and result["mismatches"] == 1
    [item] = [i for i in result["items"] if i["outcome"] == "mismatch"]
    assert item["code"] == "result" and "records 7 then, 1 now" in item["message"]


def test_a_configuration_gives_one_run_per_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Files mapped to two standards by lgstandards.toml give two runs, each with its options."""
    monkeypatch.chdir(tmp_path)
    shutil.copytree(SCHEDULE / "valid", "a")
    Path("b").mkdir()
    shutil.copy(catalogue().select("common@1.0.0").folder / "examples/valid/point.json", "b")
    Path("lgstandards.toml").write_text(
        '[[check]]\nfiles = ["a/*"]\nstandard = "waste-property-schedule@1"\n'
        '[[check]]\nfiles = ["b/*.json"]\nstandard = "common@1.0.0"\nignore = ["codelist"]\n'
    )
    assert _cli(capsys, "validate", "--statement", "statement.json")[0] == 0
    statement = json.loads(Path("statement.json").read_text())
    _schema_valid(statement)
    runs = [(r["standard"], r["ignore"], len(r["inputs"])) for r in statement["runs"]]
    assert runs == [("waste-property-schedule@1.0.0", [], 4), ("common@1.0.0", ["codelist"], 1)]
    roles = {s["ref"]: s["role"] for s in statement["standards"]}
    assert roles == {"waste-property-schedule@1.0.0": "checked", "common@1.0.0": "checked"}
    code, out, _ = _cli(capsys, "verify", "statement.json")
    assert code == 0 and out.count("the same result as the statement records") == 2


def test_stdin_is_digested_and_verified_from_stdin(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Standard input is recorded as <stdin> with its digest, and verified when given again."""
    payload = (SCHEDULE / "valid" / "district-properties.ndjson").read_bytes()

    def stdin() -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(payload)))

    stdin()
    path = _statement(capsys, tmp_path, "-s", "waste-property-schedule@1", "-")
    [recorded] = json.loads(path.read_text())["runs"][0]["inputs"]
    assert (recorded["path"], recorded["size"]) == ("<stdin>", len(payload))
    code, out, _ = _cli(capsys, "verify", str(path))
    assert code == 0 and "note: <stdin> is not here" in out
    stdin()
    code, out, _ = _cli(capsys, "verify", str(path), "-")
    assert code == 0 and "Checked 1 of 1 input" in out


def test_schema_file_runs_are_evidenced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A --schema run records the schema file's digest; a changed schema file is a mismatch."""
    schema_file = tmp_path / "local.json"
    schema_file.write_text(json.dumps({"type": "object", "required": ["id"]}))
    record = tmp_path / "r.json"
    record.write_text('{"id": 1}')
    path = _statement(capsys, tmp_path, "--schema", str(schema_file), str(record))
    statement = json.loads(path.read_text())
    _schema_valid(statement)
    assert statement["standards"] == []
    assert statement["runs"][0]["schema_file"]["path"] == str(schema_file)
    assert _cli(capsys, "verify", str(path))[0] == 0
    schema_file.write_text(json.dumps({"type": "object"}))
    code, out, _ = _cli(capsys, "verify", str(path))
    assert code == 1 and f"The schema file {schema_file} differs" in out


def test_draft_versions_are_hashed_directly_and_unlocked(tmp_path: Path) -> None:
    """A draft's files are hashed as they are, marked unlocked, and noted when verified."""
    cat = write_standards(tmp_path / "standards", {"thing": {
        "manifest": {"versions": [released("1.0.0", "draft")]},
        "files": {"1.0.0/schema.json": schema("thing", "1.0.0")},
    }})
    report = Report("thing@1.0.0", None, ())
    statement = data_statement(
        cat, [(DataRun("thing@1", draft=True), report)], {}, DataOptions(),
        clock=lambda: datetime(2026, 12, 5, 9, 30, tzinfo=UTC),
    )
    _schema_valid(statement)
    assert statement["created"] == "2026-12-05T09:30:00Z"
    [entry] = statement["standards"]
    assert (entry["status"], entry["locked"]) == ("draft", False)
    result = verify_statement(statement, cat)
    assert result.verified
    assert [i.code for i in result.items if i.outcome == "note"] == ["unlocked"]


def test_extensions_are_hashed_and_named(tmp_path: Path) -> None:
    """An extension applied is listed with its files' hashes; verify says it cannot re-apply it."""
    cat = write_standards(tmp_path / "standards", {"thing": {
        "manifest": {"versions": [released("1.0.0")]},
        "files": {"1.0.0/schema.json": schema("thing", "1.0.0")},
    }})
    folder = tmp_path / "ext" / "1.0.0"
    folder.mkdir(parents=True)
    (folder / "schema.patch.json").write_text("{}")
    layer = layer_record("thing-plus@1.0.0", folder.resolve().as_uri(), "extension", "draft",
                         folder)
    statement = data_statement(
        cat, [(DataRun("thing@1", extensions=(layer,)), Report("thing@1.0.0", None, ()))], {},
        DataOptions(),
    )
    _schema_valid(statement)
    assert statement["runs"][0]["extensions"] == ["thing-plus@1.0.0"]
    entry = statement["standards"][-1]
    assert (entry["role"], list(entry["files"])) == ("extension", ["schema.patch.json"])
    result = verify_statement(statement, cat)
    assert result.verified
    assert {i.code for i in result.items if i.outcome == "warning"} >= {"extension-not-checked"}


@pytest.mark.parametrize(("text", "said"), [
    ("not json", "it is not JSON"),
    ('{"statement_format": "9.0"}', "statement format '9.0'"),
    ('{"statement_format": "1.0", "subject": "data"}', "not a valid statement"),
])
def test_unusable_statement_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str, said: str
) -> None:
    """A file that is not a statement of this format is unusable: exit 2, no traceback."""
    path = tmp_path / "s.json"
    path.write_text(text)
    code, _, err = _cli(capsys, "verify", str(path))
    assert code == 2 and said in err and "Traceback" not in err
    with pytest.raises(StatementError):
        read_statement(path)
    assert _cli(capsys, "verify", str(tmp_path / "missing.json"))[0] == 2


def test_statement_never_overwrites_an_input(
    capsys: pytest.CaptureFixture[str], data: Path
) -> None:
    """--statement naming one of the inputs is refused before anything is written."""
    target = data / "unitary-house.json"
    before = target.read_bytes()
    code, _, err = _cli(capsys, "validate", "-s", "waste-property-schedule@1", str(data),
                        "--statement", str(target))
    assert code == 2 and "--statement" in err
    assert target.read_bytes() == before


# -- APIs --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def good() -> Iterator[str]:
    """Serve the reference server for this module's API tests."""
    with serve() as url:
        yield url


def _api_statement(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, base: str, *extra: str
) -> tuple[int, Path]:
    path = tmp_path / "api-statement.json"
    code, _, err = _cli(capsys, "check-api", "-s", WASTE, "--base-url", base, "--postcode",
                        "BN43 5RA", "--probe", "reference=MC-2026-004512", "--rate-limit",
                        "500/s", "--statement", str(path), *extra)
    assert path.is_file(), err
    return code, path


def test_api_statement_against_the_reference_server(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: str
) -> None:
    """check-api --level core writes a statement with each level's result, and no secrets."""
    with_password = good.replace("http://", "http://council:sekrit-in-url-1234@")
    code, path = _api_statement(capsys, tmp_path, with_password + "/waste",
                                "--level", "core", "-H", "X-Api-Key: sekrit-header-5678")
    assert code == 0
    text = path.read_text()
    assert "sekrit" not in text and "BN43" not in text and "MC-2026" not in text
    statement = json.loads(text)
    _schema_valid(statement)
    assert statement["subject"] == "api"
    assert statement["api"]["standard"] == "waste-collections-api@1.0.0"
    assert statement["api"]["base_url"] == good + "/waste"
    assert statement["options"]["probes"] == ["postcode", "reference"]
    assert statement["result"]["core"] == "pass" and statement["result"]["level"] == "core"
    assert "api.status" in statement["api"]["checks"]
    refs = {s["ref"]: s["role"] for s in statement["standards"]}
    assert refs["waste-collections-api@1.0.0"] == "checked"
    assert refs["waste-property-schedule@1.0.0"] == "referenced"
    assert refs["common@1.0.0"] == "referenced"
    code, out, _ = _cli(capsys, "verify", str(path))
    assert code == 0
    assert "lgstandards check-api -s waste-collections-api@1.0.0" in out
    assert "--probe postcode=..." in out


def test_api_statement_rerun(capsys: pytest.CaptureFixture[str], tmp_path: Path,
                             good: str) -> None:
    """verify --rerun checks the API again; an API that no longer passes is a mismatch."""
    _, path = _api_statement(capsys, tmp_path, good + "/waste")
    code, out, _ = _cli(capsys, "verify", str(path), "--rerun", "--probe", "postcode=BN43 5RA",
                        "--probe", "reference=MC-2026-004512")
    assert code == 0, out
    assert "ok: Core: pass again, as recorded." in out
    with serve("wrong-status") as broken:
        statement = json.loads(path.read_text())
        statement["api"]["base_url"] = broken + "/waste"
        path.write_text(json.dumps(statement))
        code, out, _ = _cli(capsys, "verify", str(path), "--rerun", "--probe",
                            "postcode=BN43 5RA")
    assert code == 1
    assert "mismatch: Core: fail now, but the statement records pass." in out
    assert "warning: The run used probe values for reference" in out


def test_rerun_needs_what_the_statement_withheld(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, good: str
) -> None:
    """A base URL whose secret was redacted cannot be re-run; inputs make no sense for an API."""
    _, path = _api_statement(capsys, tmp_path, good + "/waste")
    statement = json.loads(path.read_text())
    statement["api"]["base_url"] = good + "/waste?api_key=%5Bredacted%5D"
    path.write_text(json.dumps(statement))
    code, _, err = _cli(capsys, "verify", str(path), "--rerun")
    assert code == 2 and "held a secret" in err
    code, _, err = _cli(capsys, "verify", str(path), str(path))
    assert code == 2 and "no input files" in err
    code, _, err = _cli(capsys, "verify", str(path), "--probe", "postcode=X")
    assert code == 2 and "only with --rerun" in err


def test_core_modules_import_neither_click_nor_rich() -> None:
    """Statements and upgrades are library code: building and verifying loads no CLI library."""
    code = (
        "import sys\n"
        "from lgstandards.development import statements, upgrade, verification\n"
        "from lgstandards.development.migrations import ALL\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich'))))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == ""


def test_level_and_fail_on_together_are_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """--level is a name for a fail-on threshold, so giving both is an error."""
    code, _, err = _cli(capsys, "check-api", "-s", WASTE, "--base-url", "http://127.0.0.1:9",
                        "--level", "core", "--fail-on", "warning")
    assert code == 2 and "not both" in err


def test_extended_level_fails_on_warnings(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """--level extended fails an API whose extended checks warn; the statement records both."""
    path = tmp_path / "open311.json"
    # Open311 servers need not paginate: for street reports it is an extended check.
    with serve("no-pagination") as url:
        code, _, err = _cli(capsys, "check-api", "-s", "street-reports-api@1", "--base-url",
                            url + "/open311/v2", "--rate-limit", "500/s", "--level", "extended",
                            "--statement", str(path))
    statement = json.loads(path.read_text())
    assert code == 1, err
    assert (statement["result"]["core"], statement["result"]["extended"]) == ("pass", "fail")
    assert statement["result"]["level"] == "extended" and not statement["result"]["passes"]
    assert statement["options"]["fail_on"] == "warning"
