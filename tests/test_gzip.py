"""Gzip input: read by content, reported as the plain file would be, damage reported in place."""

from __future__ import annotations

import gzip
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from lgstandards.cli import main
from lgstandards.conformance import Checker
from lgstandards.report import Report

ROOT = Path(__file__).resolve().parents[1]
PLANNING = ROOT / "standards/planning-application-register/1.0.0/examples/invalid"
CHECKER = Checker.for_standard("planning-application-register@1")


def _findings(report: Report) -> list[tuple[Any, ...]]:
    return [
        (f.code, f.pointer, f.location.record, f.location.line, f.location.column,
         f.location.row, f.location.header)
        for f in report.findings
    ]


@pytest.mark.parametrize(
    "example", ["dates-out-of-order.ndjson", "register-errors.csv", "bad-postcode.json"]
)
def test_a_gzip_file_reports_what_the_plain_file_does(tmp_path: Path, example: str) -> None:
    """NDJSON, CSV and JSON compressed with gzip give the same findings, places and format."""
    plain = PLANNING / example
    packed = tmp_path / (example + ".gz")
    packed.write_bytes(gzip.compress(plain.read_bytes()))
    expected, found = CHECKER.check_paths([str(plain)]), CHECKER.check_paths([str(packed)])
    assert expected.findings
    assert _findings(found) == _findings(expected)
    assert found.files[0].format == expected.files[0].format
    assert found.files[0].records == expected.files[0].records


def test_gzip_is_known_by_its_content(tmp_path: Path) -> None:
    """A gzip file without .gz, and a plain file named .gz, are each read for what they are."""
    plain = PLANNING / "dates-out-of-order.ndjson"
    expected = _findings(CHECKER.check_paths([str(plain)]))
    hidden = tmp_path / "register.ndjson"
    hidden.write_bytes(gzip.compress(plain.read_bytes()))
    named = tmp_path / "named.ndjson.gz"
    shutil.copy(plain, named)
    assert _findings(CHECKER.check_paths([str(hidden)])) == expected
    assert _findings(CHECKER.check_paths([str(named)])) == expected


def test_folders_and_standard_input_take_gzip(tmp_path: Path) -> None:
    """A folder's .ndjson.gz files are found, and gzip on standard input is read."""
    plain = PLANNING / "dates-out-of-order.ndjson"
    packed = gzip.compress(plain.read_bytes())
    (tmp_path / "a.ndjson.gz").write_bytes(packed)
    (tmp_path / "notes.txt.gz").write_bytes(gzip.compress(b"not data"))
    report = CHECKER.check_paths([str(tmp_path)])
    assert [Path(f.path).name for f in report.files] == ["a.ndjson.gz"]
    piped = CHECKER.check_paths(["-"], stdin=lambda: packed)
    assert piped.files[0].format == "ndjson"
    assert [f[:2] for f in _findings(piped)] == [f[:2] for f in _findings(report)]


def test_a_cut_gzip_file_keeps_the_records_before_the_cut(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A gzip stream cut short: records read before the cut are checked, then the damage."""
    example = ROOT / "standards/planning-application-register/1.0.0/examples/valid"
    record = json.loads(next(p for p in sorted(example.iterdir()) if p.suffix == ".json")
                        .read_text())
    lines = [json.dumps(dict(record, reference=f"24/{n:05d}/FUL")) for n in range(3000)]
    packed = gzip.compress(("\n".join(lines) + "\n").encode())
    cut = tmp_path / "register.ndjson.gz"
    cut.write_bytes(packed[: len(packed) // 2])
    file = CHECKER.check_paths([str(cut)]).files[0]
    assert 100 < file.records < 3000
    assert [f.code for f in file.findings] == ["source.invalid-gzip"]
    assert "records before the damage were checked" in file.findings[0].message
    code = main(["validate", "--no-config", "-s", "planning-application-register@1", str(cut)])
    assert code == 1
    assert "Traceback" not in capsys.readouterr().err


def test_a_damaged_gzip_header_is_a_finding(tmp_path: Path) -> None:
    """Bytes that start like gzip but are not gzip are reported, not a crash."""
    broken = tmp_path / "broken.ndjson.gz"
    broken.write_bytes(b"\x1f\x8b\x08\x00garbage-not-deflate" * 3)
    file = CHECKER.check_paths([str(broken)]).files[0]
    assert [f.code for f in file.findings] == ["source.invalid-gzip"]


def test_a_large_compressed_array_streams(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A JSON array is streamed by its content's size (from the gzip trailer), not the file's."""
    from lgstandards import sources

    example = ROOT / "standards/planning-application-register/1.0.0/examples/valid"
    record = json.loads(next(p for p in sorted(example.iterdir()) if p.suffix == ".json")
                        .read_text())
    records = [dict(record, reference=f"24/{n:05d}/FUL") for n in range(200)]
    records[150]["status"] = "lost"
    text = json.dumps(records).encode()
    packed = tmp_path / "register.json.gz"
    packed.write_bytes(gzip.compress(text))
    monkeypatch.setattr(sources, "STREAM_JSON_BYTES", len(text) - 1)
    assert packed.stat().st_size < len(text) - 1  # Only the content is over the line.
    file = CHECKER.check_paths([str(packed)]).files[0]
    assert file.records == 200
    # Streamed records are numbered but carry no line: the text is never held whole.
    assert [(f.location.record, f.location.line) for f in file.findings] == [(151, None)]
    monkeypatch.setattr(sources, "STREAM_JSON_BYTES", len(text) + 1)
    whole = CHECKER.check_paths([str(packed)]).files[0]
    assert [f.location.record for f in whole.findings] == [151]
    assert whole.findings[0].location.line is not None
