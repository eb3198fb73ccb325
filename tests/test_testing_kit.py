"""lgstandards.testing: assertions, hypothesis strategies, the opt-in plugin, a sample supplier."""

from __future__ import annotations

import importlib.metadata
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, Phase, given, settings

from lgstandards.findings import Finding, Severity, SourceLocation
from lgstandards.registry import catalogue
from lgstandards.sources import Record, Source, detect_format
from lgstandards.testing import (
    assert_conforms,
    failure_message,
    findings_for,
    invalid_records,
    records,
)
from lgstandards.testing.pytest_plugin import ApiConformance
from lgstandards.testing.strategies import DEFECTS, InvalidRecord
from tests.test_check_api import QUICK, WASTE, WASTE_PROBES
from tests.test_reference_server import serve

REPO = Path(__file__).resolve().parents[1]
SUPPLIER = REPO / "examples" / "supplier-project"
SCHEDULE = "waste-property-schedule@2"

#: Generated schedules are large and slow to make: few examples, no deadline, no database, and
#: no shrinking (shrinking a failing schedule took over five minutes; the failure shows unshrunk).
QUICK_PROPERTIES = settings(max_examples=8, deadline=None, database=None,
                            phases=[Phase.explicit, Phase.reuse, Phase.generate],
                            suppress_health_check=[HealthCheck.too_slow,
                                                   HealthCheck.data_too_large])


def _valid_files() -> list[Path]:
    """Return the valid example files of the schedule's newest version."""
    return list(catalogue().select(SCHEDULE).example_files("valid"))


def _example(path: Path) -> dict[str, Any]:
    """Return the first record of an example file."""
    source = Source(str(path), detect_format(str(path)), path=path)
    first = next(item for item in source.items() if isinstance(item, Record))
    data: dict[str, Any] = first.data
    return data


def _codes(findings: list[Finding]) -> set[tuple[str, str]]:
    """Return (code, pointer) for every finding."""
    return {(f.code, f.pointer) for f in findings}


# -- assert_conforms and findings_for ----------------------------------------------------------


def test_valid_examples_conform_as_records_lists_and_paths() -> None:
    """Every valid example conforms given as a record, a list of records and a path."""
    files = _valid_files()
    assert files
    for path in files:
        record = _example(path)
        assert_conforms(record, SCHEDULE)
        assert_conforms(path, SCHEDULE)
        assert_conforms(str(path), SCHEDULE)
    assert_conforms([_example(path) for path in files[:1]], SCHEDULE)


def test_a_broken_record_fails_with_code_pointer_and_message() -> None:
    """The failure lists each finding's record, code, JSON pointer and message."""
    record = _example(_valid_files()[0])
    del record["publisher"]
    with pytest.raises(AssertionError) as caught:
        assert_conforms(record, SCHEDULE)
    text = str(caught.value)
    assert text.startswith("the data does not conform to waste-property-schedule@2.")
    assert "1 finding at error severity" in text
    assert "record 1: schema.required at /publisher: Publisher is required" in text
    assert ("schema.required", "/publisher") in _codes(findings_for(record, SCHEDULE))


def test_many_findings_are_cut_short_with_a_count() -> None:
    """Past the number shown, the message says how many more there are."""
    with pytest.raises(AssertionError) as caught:
        assert_conforms([{}, {}, {}], SCHEDULE, shown=4)
    lines = str(caught.value).splitlines()
    assert lines[0].endswith("15 findings at error severity")
    assert len(lines) == 6
    assert lines[-1] == "  and 11 more"


def test_a_path_names_the_file_in_the_message(tmp_path: Path) -> None:
    """Findings from a file say which file and which record."""
    bad = tmp_path / "schedules.ndjson"
    bad.write_text('{"generated_at": "yesterday"}\n', encoding="utf-8")
    with pytest.raises(AssertionError, match=r"schedules\.ndjson.*schema\.required at /publisher"):
        assert_conforms(bad, SCHEDULE)


def test_rules_can_be_left_out() -> None:
    """rules=False checks the schema alone: a rule's finding no longer fails."""
    record = _example(_valid_files()[0])
    record["services"][0]["id"] = "renamed-service"
    assert any(code.startswith("waste.") for code, _ in _codes(findings_for(record, SCHEDULE)))
    with pytest.raises(AssertionError, match=r"waste\."):
        assert_conforms(record, SCHEDULE)
    assert_conforms(record, SCHEDULE, rules=False)
    assert not any(f.code.startswith("waste.") for f in findings_for(record, SCHEDULE,
                                                                     rules=False))


def test_strict_fails_on_warnings_too() -> None:
    """Warnings fail only with strict; info never does."""
    warning = Finding("waste.example", Severity.WARNING, "Worth a look.", pointer="/x",
                      location=SourceLocation(record=2))
    info = Finding("standard.note", Severity.INFO, "Just so you know.")
    assert failure_message([warning, info], "x@1") is None
    message = failure_message([warning, info], "x@1", strict=True)
    assert message == ("the data does not conform to x@1: 1 finding at warning or error severity\n"
                       "  record 2: waste.example at /x: Worth a look.")


# -- the strategies ------------------------------------------------------------------------------


@QUICK_PROPERTIES
@given(records(SCHEDULE))
def test_generated_records_are_schema_valid(record: dict[str, Any]) -> None:
    """Every record records() makes passes the schema (rules may still object: see docs)."""
    assert_conforms(record, SCHEDULE, rules=False)


@QUICK_PROPERTIES
@given(invalid_records(SCHEDULE))
def test_each_invalid_record_fails_at_its_named_defect(item: InvalidRecord) -> None:
    """Every invalid record fails the schema, at (or around) the place its defect names."""
    assert item.defect in DEFECTS
    found = findings_for(item.record, SCHEDULE, rules=False)
    errors = [f for f in found if f.severity is Severity.ERROR]
    assert errors
    assert any(f.pointer == item.pointer or item.pointer.startswith(f.pointer + "/")
               for f in errors), (item, _codes(errors))
    if item.defect == "missing-required":
        assert ("schema.required", item.pointer) in _codes(errors)


@QUICK_PROPERTIES
@given(invalid_records(SCHEDULE, defects=["outside-enum"]))
def test_defects_can_be_chosen(item: InvalidRecord) -> None:
    """Asking for one defect gives only that defect, and the schema finds it as an enum."""
    assert item.defect == "outside-enum"
    assert ("schema.enum", item.pointer) in _codes(findings_for(item.record, SCHEDULE,
                                                                rules=False))


def test_an_unknown_defect_is_refused() -> None:
    """A defect that is not one of DEFECTS is an error at once, naming the choices."""
    with pytest.raises(ValueError, match="missing-required"):
        invalid_records(SCHEDULE, defects=["upside-down"])


def test_hypothesis_is_needed_only_for_the_strategies() -> None:
    """Without hypothesis, assert_conforms works and the strategies say what to install."""
    script = (
        "import sys\n"
        "sys.modules['hypothesis'] = None\n"
        "sys.modules['hypothesis_jsonschema'] = None\n"
        "import lgstandards.testing as t\n"
        "t.assert_conforms({'x': 1}, 'waste-property-schedule@2', rules=False) "
        "if False else None\n"
        "assert t.findings_for({}, 'waste-property-schedule@2')\n"
        "try:\n"
        "    t.records('waste-property-schedule@2')\n"
        "except ImportError as exc:\n"
        "    print(exc)\n"
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    assert "pip install 'lgstandards[testing]'" in done.stdout


# -- the pytest plugin ---------------------------------------------------------------------------


def test_the_plugin_is_not_an_entry_point() -> None:
    """Installing lgstandards registers no pytest plugin: it is opt-in with -p."""
    points = importlib.metadata.distribution("lgstandards").entry_points
    assert not [p for p in points if p.group == "pytest11"]


@pytest.fixture(scope="module")
def reference() -> Iterator[str]:
    """Serve the reference server on loopback for this module."""
    with serve() as url:
        yield url


def test_api_conformance_checks_a_loopback_server(reference: str) -> None:
    """The api_conformance fixture's callable runs check-api and returns a passing report."""
    check = ApiConformance()
    report = check(WASTE, reference + "/waste", probes=WASTE_PROBES, limits=QUICK)
    assert report.standard is not None and report.standard.startswith("waste-collections-api@1")
    assert "api.status" in report.checks
    check.assert_conforms(report)


def test_api_conformance_fails_readably_when_nothing_answers(reference: str) -> None:
    """An API that is not there fails the assertion, with the API's standard named."""
    check = ApiConformance()
    report = check(WASTE, reference + "/nowhere", probes=WASTE_PROBES, limits=QUICK)
    with pytest.raises(AssertionError, match=r"the API does not conform to waste-collections"):
        check.assert_conforms(report)


def _run_pytest(project: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Run pytest in a project folder with this interpreter, away from this run's settings."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "HYPOTHESIS"))}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *extra],
        cwd=project, capture_output=True, text=True, timeout=600, check=False,
        env={**env, "PYTHONDONTWRITEBYTECODE": "1"},
    )


def test_the_fixtures_come_with_p(tmp_path: Path) -> None:
    """With -p, both fixtures are there; without it, pytest knows neither."""
    (tmp_path / "test_fixtures.py").write_text(
        "from lgstandards.testing import assert_conforms\n"
        "from lgstandards.testing.pytest_plugin import ApiConformance\n\n"
        "def test_fixtures(lgstandards_conforms, api_conformance):\n"
        "    assert lgstandards_conforms is assert_conforms\n"
        "    assert isinstance(api_conformance, ApiConformance)\n",
        encoding="utf-8",
    )
    with_plugin = _run_pytest(tmp_path, "-p", "lgstandards.testing.pytest_plugin")
    assert with_plugin.returncode == 0, with_plugin.stdout
    without = _run_pytest(tmp_path)
    assert without.returncode == 1
    assert "fixture 'lgstandards_conforms' not found" in without.stdout


# -- the sample supplier project ---------------------------------------------------------------


def _copy_supplier(tmp_path: Path) -> Path:
    """Copy the sample supplier project, so its run leaves nothing behind in the checkout."""
    target = tmp_path / "supplier-project"
    shutil.copytree(SUPPLIER, target,
                    ignore=shutil.ignore_patterns("__pycache__", ".hypothesis", ".pytest_cache"))
    return target


def test_the_sample_supplier_project_passes(tmp_path: Path) -> None:
    """The sample supplier's own suite, using every part of lgstandards.testing, passes."""
    done = _run_pytest(_copy_supplier(tmp_path))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "5 passed" in done.stdout


def test_a_broken_supplier_fails_with_the_readable_message(tmp_path: Path) -> None:
    """A producer that writes a status the standard does not list fails, saying where and why."""
    project = _copy_supplier(tmp_path)
    producer = project / "src" / "acme_bins" / "__init__.py"
    text = producer.read_text(encoding="utf-8")
    assert '"status": "scheduled"' in text
    producer.write_text(text.replace('"status": "scheduled"', '"status": "planned"'),
                        encoding="utf-8")
    done = _run_pytest(project, "-k", "export_conforms")
    assert done.returncode == 1, done.stdout
    assert "the data does not conform to waste-property-schedule@2." in done.stdout
    assert "record 1: schema.enum at /collections/0/status: Status 'planned'" in done.stdout
