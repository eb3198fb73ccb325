"""The planning conversions from the command line: convert --from odp / planning-data, export."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lgstandards.cli import main
from tests.planning_roundtrip import EXAMPLES, REAL

APPEAL = REAL / "odp" / (
    "postSubmissionApplication--planningPermission--fullHouseholder-05-appeal-03-appeal-"
    "determined.json"
)


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_convert_odp_checks_and_reports_what_was_not_carried(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """convert --from odp writes a conforming record and lists the fields left out (exit 0)."""
    output = tmp_path / "register.ndjson"
    code, _, err = _run(capsys, "convert", "--from", "odp", str(APPEAL), "--gss-code",
                        "E09000022", "-o", str(output), "--check")
    assert code == 0
    record = json.loads(output.read_text())
    assert record["status"] == "appealed"
    assert "[convert.field-not-carried]" in err
    assert "all 1 records conform" in err


def test_convert_planning_data_without_gss_code_exits_1(
    capsys: pytest.CaptureFixture[str]
) -> None:
    """A local authority's rows need --gss-code: the run says so and exits 1."""
    code, out, err = _run(capsys, "convert", "--from", "planning-data",
                          str(REAL / "planning-data" / "planning-application.csv"))
    assert code == 1
    assert len(out.splitlines()) == 6
    assert "[convert.no-organisation]" in err


@pytest.mark.parametrize(("name", "suffix"), [("odp", ".json"), ("planning-data", ".csv")])
def test_export_writes_every_record(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str, suffix: str
) -> None:
    """export odp / planning-data checks the register first, writes it and lists what was left."""
    output = tmp_path / f"out{suffix}"
    code, _, err = _run(capsys, "export", name,
                        str(EXAMPLES / "valid" / "register.ndjson"), "-o", str(output))
    assert code == 0
    assert "Wrote 13 records" in err
    assert "[export.field-not-carried]" in err
    text = output.read_text()
    assert (len(json.loads(text)) if suffix == ".json" else len(text.splitlines()) - 1) == 13


def test_export_refuses_records_that_do_not_conform(capsys: pytest.CaptureFixture[str]) -> None:
    """A register with errors is not exported: its findings are shown and the exit code is 2."""
    code, out, err = _run(capsys, "export", "planning-data",
                          str(EXAMPLES / "invalid" / "dates-out-of-order.ndjson"))
    assert code == 2
    assert out == ""
    assert "[planning.dates-out-of-order]" in err
    assert "does not conform" in err


def test_export_of_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A path that is not a file is a clear error, exit 2."""
    code, _, err = _run(capsys, "export", "odp", str(tmp_path / "none.json"))
    assert code == 2
    assert "is not a file" in err
