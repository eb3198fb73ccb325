"""Big inputs stream: JSON arrays above the threshold go through ijson, one record at a time."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lgstandards import sources
from lgstandards.conformance import Checker


def test_large_json_array_streams(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A JSON array over the streaming threshold is read record by record with the same verdicts."""
    records = [{"uprn": str(n)} for n in range(50)] + [{"uprn": 7}] + [{"postcode": "bad"}]
    path = tmp_path / "big.json"
    path.write_text(json.dumps(records))
    checker = Checker.for_standard("common@1")
    whole = checker.check_paths([str(path)])
    monkeypatch.setattr(sources, "STREAM_JSON_BYTES", 10)
    streamed = checker.check_paths([str(path)])
    assert streamed.records == whole.records == 52
    assert [(f.code, f.location.record, f.pointer) for f in streamed.findings] == [
        ("schema.type", 51, "/uprn"),
        ("schema.pattern", 52, "/postcode"),
    ]
    assert [(f.code, f.location.record, f.pointer) for f in whole.findings] == [
        (f.code, f.location.record, f.pointer) for f in streamed.findings
    ]


def test_large_broken_json_array(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A streamed array that breaks part way keeps the records before the break."""
    path = tmp_path / "broken.json"
    path.write_text('[{"uprn": "1"}, {"uprn": "2"}, {"uprn": ')
    monkeypatch.setattr(sources, "STREAM_JSON_BYTES", 10)
    report = Checker.for_standard("common@1").check_paths([str(path)])
    assert report.records == 3
    assert [(f.code, f.location.record) for f in report.findings] == [("source.invalid-json", 3)]


def test_records_validate_lazily() -> None:
    """validate_records consumes its input one record at a time."""
    import lgstandards

    consumed: list[int] = []

    def stream() -> object:
        for n in range(1_000_000):
            consumed.append(n)
            yield {"uprn": str(n) if n != 2 else n}

    results = lgstandards.validate_records(stream(), "common@1")  # type: ignore[arg-type]
    first = [next(results) for _ in range(3)]
    assert [r.valid for r in first] == [True, True, False]
    assert len(consumed) == 3
