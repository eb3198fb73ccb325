"""Every example of every standard version gives exactly the findings it documents."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lgstandards.conformance import Checker
from lgstandards.findings import Severity
from lgstandards.registry import catalogue
from lgstandards.rules import RuleOptions

_VERSIONS = [v for v in catalogue().versions() if v.schema_path.is_file()]
_VALID = [(v.ref, p) for v in _VERSIONS for p in v.example_files("valid")]
_INVALID = [(v.ref, p) for v in _VERSIONS for p in v.example_files("invalid")]


def _expected(path: Path) -> set[tuple[str, int, str]]:
    sidecar = path.with_name(path.name.rsplit(".", 1)[0] + ".findings.json")
    assert sidecar.is_file(), f"{path} has no {sidecar.name} listing its expected findings"
    return {
        (f["code"], int(f.get("record", 1)), f["pointer"]) for f in json.loads(sidecar.read_text())
    }


def _checker(ref: str) -> Checker:
    # Examples are dated around their release; rules judge them from that day, not the real one.
    return Checker.for_standard(ref, options=RuleOptions(), allow_draft=True)


def test_every_version_has_examples() -> None:
    """Each standard version with a schema ships valid and invalid examples."""
    for version in _VERSIONS:
        assert version.example_files("valid"), f"{version.ref} has no valid examples"
        assert version.example_files("invalid"), f"{version.ref} has no invalid examples"


@pytest.mark.parametrize(("ref", "path"), _VALID, ids=[f"{r}:{p.name}" for r, p in _VALID])
def test_valid_example(ref: str, path: Path) -> None:
    """A valid example produces no error and no warning."""
    report = _checker(ref).check_paths([str(path)])
    serious = [
        (f.code, f.pointer, f.message) for f in report.findings if f.severity is not Severity.INFO
    ]
    assert serious == []
    assert report.records >= 1


@pytest.mark.parametrize(("ref", "path"), _INVALID, ids=[f"{r}:{p.name}" for r, p in _INVALID])
def test_invalid_example(ref: str, path: Path) -> None:
    """An invalid example produces exactly its documented (code, record, pointer) findings."""
    report = _checker(ref).check_paths([str(path)])
    found = {(f.code, f.location.record or 1, f.pointer) for f in report.findings}
    assert found == _expected(path)
    assert not report.conforms or any(f.severity is Severity.WARNING for f in report.findings)
