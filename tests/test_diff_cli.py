"""`lgstandards diff`: text for people, JSON for machines, --check, and clear errors (exit 2)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lgstandards.cli import main
from lgstandards.development.diff.model import diff_schema
from tests.test_publish import released, schema, write_standards

DATA = Path(__file__).parent / "data" / "diff"
ODP_OLD = str(DATA / "odp-application-0.7.2-0.7.3" / "0.7.2.json")
ODP_NEW = str(DATA / "odp-application-0.7.2-0.7.3" / "0.7.3.json")
HSDS_OLD = str(DATA / "hsds-openapi-2023-03" / "old.json")
HSDS_NEW = str(DATA / "hsds-openapi-2023-03" / "new.json")


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    """Run the command and return its exit code, standard output and error."""
    code = main(["diff", *args])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def test_text_groups_changes_by_whom_they_break(capsys: pytest.CaptureFixture[str]) -> None:
    """People read the changes grouped, each with its pointer, sentence and code, then the bump."""
    code, out, _ = run(capsys, ODP_OLD, ODP_NEW)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == f"{ODP_OLD} -> {ODP_NEW}: 4 changes"
    assert "Breaks producers: what was valid before is now refused (2):" in lines
    assert "Breaks consumers: they may now receive what they never saw (2):" in lines
    assert ("  /definitions/FileType/anyOf/7/properties/value/const  files[].type[].value: the "
            'value "treePlan" is no longer allowed  [enum-value-removed]') in lines
    assert lines[-1] == "Required bump: major"


def test_check_fails_a_number_lower_than_the_changes_need(
        capsys: pytest.CaptureFixture[str]) -> None:
    """--check exits 1 when 0.7.3 claims too little, and says which number is needed."""
    code, out, _ = run(capsys, ODP_OLD, ODP_NEW, "--check")
    assert code == 1
    assert out.splitlines()[-1].startswith("--check: 0.7.3 claims a minor release after 0.7.2")
    assert "number it 0.8.0 or higher" in out


def test_check_passes_a_truthful_number(capsys: pytest.CaptureFixture[str]) -> None:
    """A version compared with itself needs nothing, so its number is fine."""
    code, out, _ = run(capsys, "common@1.0.0", "common@1.0", "--check")
    assert code == 0
    assert out.splitlines()[-2:] == ["Required bump: none",
                                     "--check: 1.0.0 after 1.0.0 tells the truth"]


def test_json_fits_its_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """--format json has bump and changes, validated by the shipped schema, with --check's say."""
    code, out, _ = run(capsys, HSDS_OLD, HSDS_NEW, "--format", "json")
    assert code == 0
    data = json.loads(out)
    jsonschema.validate(data, diff_schema())
    assert data["bump"] == "major"
    assert {c["direction"] for c in data["changes"]} == {"request"}
    code, out, _ = run(capsys, ODP_OLD, ODP_NEW, "--format", "json", "--check")
    assert code == 1
    data = json.loads(out)
    jsonschema.validate(data, diff_schema())
    assert data["check"]["old_version"] == "0.7.2"
    assert "0.8.0" in data["check"]["problem"]


def test_a_real_api_version_diffs_against_itself(capsys: pytest.CaptureFixture[str]) -> None:
    """An API standard's schema and OpenAPI document are both compared (and equal)."""
    code, out, _ = run(capsys, "waste-collections-api@1.0.0", "waste-collections-api@1.0.0",
                       "--format", "json")
    assert code == 0
    assert json.loads(out)["changes"] == []


@pytest.mark.parametrize(("args", "message"), [
    ((HSDS_OLD, HSDS_NEW, "--check"),
     f"{HSDS_OLD} has no version number (its info.version is not MAJOR.MINOR.PATCH)"),
    (("missing.json", ODP_NEW), "missing.json: file not found"),
    ((ODP_OLD, HSDS_NEW), "an OpenAPI document"),
    (("no-such-standard@1.0.0", ODP_NEW), "there is no standard 'no-such-standard'"),
])
def test_unusable_input_is_exit_2_with_a_clear_message(
        capsys: pytest.CaptureFixture[str], args: tuple[str, ...], message: str) -> None:
    """Bad input gives exit 2 and a message naming the file, never a traceback."""
    code, _, err = run(capsys, *args)
    assert code == 2
    assert err.startswith("lgstandards: error: ")
    assert message in err


def test_a_file_that_is_not_json_names_its_line(tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    """A broken file names where it breaks."""
    broken = tmp_path / "broken.json"
    broken.write_text('{"type": "object",\n}')
    code, _, err = run(capsys, str(broken), ODP_NEW)
    assert code == 2
    assert f"{broken}: line 2" in err


def test_a_draft_is_compared_only_when_named_exactly(tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    """thing@1.1.0 (a draft) is used when named; thing@1.1 does not pick a draft."""
    field = {"title": "A", "description": "A.", "type": "string"}
    body: dict[str, Any] = {"properties": {"a": field}, "additionalProperties": False}
    write_standards(tmp_path, {"thing": {
        "manifest": {"versions": [released("1.0.0"), released("1.1.0", status="draft")]},
        "files": {"1.0.0/schema.json": schema("thing", "1.0.0", **body),
                  "1.1.0/schema.json": schema("thing", "1.1.0", **{
                      **body, "properties": {"a": field, "b": {
                          "title": "B", "description": "B.", "type": "string"}}})}}})
    code, out, _ = run(capsys, "thing@1.0.0", "thing@1.1.0", "--standards-dir", str(tmp_path),
                       "--check")
    assert code == 0
    assert "/properties/b  b: a new field; it was not allowed before  [property-added]" in out
    code, _, err = run(capsys, "thing@1.0.0", "thing@1.1", "--standards-dir", str(tmp_path))
    assert code == 2
    assert "drafts are only used when asked for explicitly" in err
