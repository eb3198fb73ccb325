"""The CLI's report options: every --format, --select/--ignore, --mask, and the progress bar."""

from __future__ import annotations

import io
import json
import os
import pty
import select
import subprocess
import sys
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from lgstandards.cli import main
from lgstandards.cli.validate_command import Job, Progress, _run, show_progress
from lgstandards.reporters import REPORTERS
from lgstandards.rules import RuleOptions
from tests.test_reporters import COMMON


def _run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("fmt", sorted(REPORTERS))
def test_every_format_from_the_command_line(
    fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`--format` accepts every reporter, to stdout and to a file, with the same exit code."""
    code, out, _ = _run_cli(capsys, "validate", "-s", "common", "--format", fmt, str(COMMON))
    assert code == 1
    assert "schema.pattern" in out
    target = tmp_path / "out" / f"report.{fmt}"
    code, out, _ = _run_cli(capsys, "validate", "-s", "common", "--format", fmt, "-o",
                            str(target), str(COMMON))
    assert code == 1 and out == ""
    text = target.read_text("utf-8")
    if fmt in ("json", "sarif"):
        json.loads(text)
    elif fmt == "junit":
        ET.fromstring(text)
    elif fmt == "html":
        assert text.startswith("<!DOCTYPE html>")


def test_select_and_ignore_on_the_command_line(capsys: pytest.CaptureFixture[str]) -> None:
    """--select keeps a category, --ignore drops codes (repeated or comma-separated)."""
    _, out, _ = _run_cli(capsys, "validate", "-s", "common", "--format", "json",
                         "--select", "schema.pattern,schema.type", str(COMMON))
    codes = {f["code"] for file in json.loads(out)["files"] for f in file["findings"]}
    assert codes == {"schema.pattern", "schema.type"}
    code, out, _ = _run_cli(capsys, "validate", "-s", "common", "--ignore", "schema", str(COMMON))
    assert code == 0
    assert "Result: conforms" in out


def test_select_with_max_findings_counts_after_filtering(capsys: pytest.CaptureFixture[str]
                                                         ) -> None:
    """--max-findings caps what --select kept, and counts stay those of the selection."""
    _, out, _ = _run_cli(capsys, "validate", "-s", "common", "--format", "json", str(COMMON))
    everything = json.loads(out)
    patterns = [
        file["path"] for file in everything["files"] for f in file["findings"]
        if f["code"] == "schema.pattern"
    ]
    _, out, _ = _run_cli(capsys, "validate", "-s", "common", "--format", "json",
                         "--select", "schema.pattern", "--max-findings", "1", str(COMMON))
    report = json.loads(out)
    assert report["summary"]["errors"] == len(patterns) > len(set(patterns))
    # One kept per file that has any.
    assert sum(len(f["findings"]) for f in report["files"]) == len(set(patterns))


def test_unknown_selector_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """A misspelt code in --select is a usage error, not a run that silently selects nothing."""
    code, _, err = _run_cli(capsys, "validate", "-s", "common", "--select", "schema.patern",
                            str(COMMON))
    assert code == 2
    assert "unknown finding code or category 'schema.patern'" in err


def test_mask_on_the_command_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--mask hides values in the text report too."""
    code, out, _ = _run_cli(capsys, "validate", "-s", "common", "--mask", str(COMMON))
    assert code == 1
    assert "SW1A1AA X" not in out and "Postcode [hidden] is not" in out


@pytest.mark.parametrize(
    ("choice", "tty", "env", "expected"),
    [
        (None, True, {}, True),
        (None, False, {}, False),
        (None, True, {"CI": "true"}, False),
        (None, True, {"TERM": "dumb"}, False),
        (True, False, {"CI": "true"}, True),
        (False, True, {}, False),
    ],
)
def test_progress_decision(choice: bool | None, tty: bool, env: dict[str, str],
                           expected: bool) -> None:
    """A bar is drawn on a terminal outside CI, or when asked for; never when refused."""

    class Stream(io.StringIO):
        def isatty(self) -> bool:
            return tty

    assert show_progress(choice, Stream(), env) is expected


def test_progress_waits_then_counts() -> None:
    """Nothing is drawn before the delay; after it, the line names the file, records and rate."""
    now = [0.0]
    meter = Progress(2, stream=io.StringIO(), clock=lambda: now[0])
    meter.on_file("a.csv")
    meter.on_records(100)
    assert meter._live is None
    now[0] = 2.0
    meter.on_records(900)
    assert meter._live is not None
    assert meter.text() == "1,000 records, 500/s: a.csv (file 1 of 2)"
    meter.close()
    assert meter._live is None


def test_counting_records_changes_no_finding(tmp_path: Path) -> None:
    """A run with the progress counter gives exactly the report of a run without it."""
    from tests.test_reporters import PEOPLE_SCHEMA

    data = tmp_path / "people.ndjson"
    data.write_text('{"uprn": "1", "email": "a@b"}\n\n{"uprn": 2}\n{"uprn": "x", "email": "c"}\n')
    (tmp_path / "schema.json").write_text(json.dumps(PEOPLE_SCHEMA))
    job = Job((str(data),), schema=tmp_path / "schema.json")
    plain = _run([job], RuleOptions(), None)
    meter = Progress(1, stream=io.StringIO(), clock=lambda: 0.0)
    counted = _run([job], RuleOptions(), meter)
    assert counted.to_dict() == plain.to_dict()
    places = {(f.code, f.location.line, f.location.column) for f in counted.findings}
    assert ("schema.type", 3, 10) in places
    assert meter.records == plain.records == 3


def _records(path: Path, count: int) -> None:
    line = json.dumps({"uprn": "100023336956", "postcode": "SW1A 2AA"}) + "\n"
    path.write_text(line * count)


def test_no_progress_output_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    """In CI logs (stderr piped) a run writes nothing to stderr."""
    data = tmp_path / "many.ndjson"
    _records(data, 2_000)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    result = subprocess.run(
        [sys.executable, "-m", "lgstandards", "validate", "-s", "common", str(data)],
        capture_output=True, text=True, env=env, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr == ""


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    """On a terminal, a run past the half-second delay draws the bar; the report stays clean."""
    data = tmp_path / "many.ndjson"
    _records(data, 600_000)
    env = {k: v for k, v in os.environ.items() if k != "CI"}
    env["TERM"] = "xterm"
    main_fd, child_fd = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "lgstandards", "validate", "-s", "common", str(data)],
        stdout=subprocess.PIPE, stderr=child_fd, env=env,
    )
    os.close(child_fd)
    seen = b""
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        ready, _, _ = select.select([main_fd], [], [], 0.2)
        if ready:
            try:
                chunk = os.read(main_fd, 65536)
            except OSError:
                break
            if not chunk:
                break
            seen += chunk
        elif process.poll() is not None:
            break
    out, _ = process.communicate(timeout=120)
    os.close(main_fd)
    assert process.returncode == 0
    assert b" records, " in seen and b"/s: many.ndjson" in seen
    assert b"/s: many.ndjson" not in out
    assert b"600,000 records read" in out
