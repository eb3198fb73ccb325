"""Placing only what a text report shows: the same report, fewer records scanned for columns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lgstandards.cli import main
from lgstandards.conformance import Checker
from lgstandards.registry import catalogue
from lgstandards.reporters.text import render

_CAT = catalogue()


def _invalid_examples() -> list[tuple[str, Path]]:
    """Return (version ref, folder) for every version's invalid examples."""
    return [
        (version.ref, version.folder / "examples" / "invalid")
        for version in _CAT.versions()
        if (version.folder / "examples" / "invalid").is_dir() and version.schema_path.is_file()
    ]


def _one_mistake(tmp_path: Path) -> Path:
    """Write 40 planning applications with the same bad postcode, some with two bad dates."""
    example = (_CAT.root / "planning-application-register" / "2.0.0" / "examples" / "valid"
               / "register.ndjson").read_text().splitlines()[0]
    lines = []
    for number in range(40):
        record = json.loads(example)
        record["reference"] = f"T/{number:04d}"
        record["site"]["postcode"] = "SW1A1AA X"
        if number % 3 == 0:
            # Two findings of one group in one record, at the same place with the same message.
            record["linked_applications"] = [{"reference": "X", "relationship": "lost"}] * 2
        lines.append(json.dumps(record))
    path = tmp_path / "one-mistake.ndjson"
    path.write_text("\n".join(lines) + "\n")
    return path


@pytest.mark.parametrize("examples", [0, 1, 3])
def test_text_report_is_the_same_with_only_its_examples_placed(
    tmp_path: Path, examples: int
) -> None:
    """The text report of findings placed only where shown equals the one with all placed."""
    paths = [str(folder) for _, folder in _invalid_examples()[:6]]
    checked = [(ref, [str(folder)]) for ref, folder in _invalid_examples()]
    checked.append(("planning-application-register@2", [str(_one_mistake(tmp_path))]))
    checked.append(("planning-application-register@2", [str(_one_mistake(tmp_path)), *paths]))
    for ref, inputs in checked:
        checker = Checker.for_standard(ref, registry=_CAT, options=None)
        every = checker.check_paths(inputs)
        some = checker.check_paths(inputs, placed=examples)
        assert render(some, examples=examples) == render(every, examples=examples), ref
        assert [(f.code, f.pointer, f.location.record) for f in some.findings] == [
            (f.code, f.pointer, f.location.record) for f in every.findings
        ]


def test_findings_beyond_the_examples_are_not_scanned_for(tmp_path: Path) -> None:
    """Past a group's first records, a finding names its record and line but no column."""
    path = _one_mistake(tmp_path)
    report = Checker.for_standard("planning-application-register@2").check_paths(
        [str(path)], placed=2
    )
    postcode = [f for f in report.findings if f.pointer == "/site/postcode"]
    assert len(postcode) == 40
    assert [f.location.column is not None for f in postcode] == [True] * 2 + [False] * 38
    assert all(f.location.line == f.location.record for f in postcode)


def test_validate_json_report_places_every_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The JSON report, which lists every finding, still has every column."""
    path = _one_mistake(tmp_path)
    code = main(["validate", "--no-config", "-s", "planning-application-register@2",
                 "--format", "json", str(path)])
    assert code == 1
    findings = [f for file in json.loads(capsys.readouterr().out)["files"]
                for f in file["findings"]]
    assert len(findings) >= 40
    assert all(f["location"]["column"] is not None for f in findings)
