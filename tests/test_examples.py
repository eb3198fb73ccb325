"""Every example of every standard version gives exactly the findings it documents."""

from __future__ import annotations

import functools
from pathlib import Path

import pytest

from lgstandards.conformance import Checker
from lgstandards.development.examples import check_example, example_checker
from lgstandards.registry import catalogue

_CAT = catalogue()
_VERSIONS = [v for v in _CAT.versions() if v.schema_path.is_file()]
_VALID = [(v.ref, p) for v in _VERSIONS for p in v.example_files("valid")]
_INVALID = [(v.ref, p) for v in _VERSIONS for p in v.example_files("invalid")]


@functools.cache
def _checker(ref: str) -> Checker:
    return example_checker(_CAT.select(ref, allow_draft=True), _CAT)


def test_every_version_has_examples() -> None:
    """Each standard version with a schema ships valid and invalid examples."""
    for version in _VERSIONS:
        assert version.example_files("valid"), f"{version.ref} has no valid examples"
        assert version.example_files("invalid"), f"{version.ref} has no invalid examples"


@pytest.mark.parametrize(("ref", "path"), _VALID, ids=[f"{r}:{p.name}" for r, p in _VALID])
def test_valid_example(ref: str, path: Path) -> None:
    """A valid example produces no error and no warning."""
    result = check_example(_checker(ref), path, "valid")
    assert result.problems == ()


@pytest.mark.parametrize(("ref", "path"), _INVALID, ids=[f"{r}:{p.name}" for r, p in _INVALID])
def test_invalid_example(ref: str, path: Path) -> None:
    """An invalid example produces exactly its documented (code, record, pointer) findings."""
    result = check_example(_checker(ref), path, "invalid")
    assert result.problems == ()
    assert result.found == result.expected
