"""A version's examples give exactly the findings they document: the check release and tests share.

A valid example (`examples/valid/*`) must give no error and no warning; an invalid one
(`examples/invalid/<name>.<ext>`) exactly the `(code, record, pointer)` findings listed in its
sidecar `<name>.findings.json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from lgstandards.conformance import Checker
from lgstandards.findings import Severity
from lgstandards.registry import Catalogue, StandardVersion
from lgstandards.rules import RuleOptions

#: One expected or found finding of an example: (code, record number from 1, JSON Pointer).
Key = tuple[str, int, str]

Kind = Literal["valid", "invalid"]

#: The kinds of example, in the order they are checked.
KINDS: tuple[Kind, ...] = ("valid", "invalid")


@dataclass(frozen=True)
class ExampleResult:
    """What one example gave against what it documents, and why that is wrong if it is."""

    path: Path
    kind: Kind
    expected: frozenset[Key]
    found: frozenset[Key]
    problems: tuple[str, ...] = ()

    @property
    def ok(self) -> bool:
        """Return whether the example gave exactly what it documents."""
        return not self.problems


def sidecar(path: Path) -> Path:
    """Return the expected-findings file of an invalid example."""
    return path.with_name(path.name.rsplit(".", 1)[0] + ".findings.json")


def expected_findings(path: Path) -> frozenset[Key] | str:
    """Return the findings an invalid example documents, or why its sidecar cannot be read."""
    file = sidecar(path)
    if not file.is_file():
        return f"{path} has no {file.name} listing its expected findings"
    try:
        raw = json.loads(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return f"{file}: cannot read: {exc}"
    if not isinstance(raw, list) or not all(
        isinstance(f, dict) and isinstance(f.get("code"), str) and isinstance(f.get("pointer"), str)
        and isinstance(f.get("record", 1), int)
        for f in raw
    ):
        return f"{file}: expected a list of {{code, pointer, record}} objects"
    return frozenset((f["code"], int(f.get("record", 1)), f["pointer"]) for f in raw)


def example_checker(version: StandardVersion, cat: Catalogue) -> Checker:
    """Return the checker examples are judged by: every rule, drafts allowed, no real today."""
    # Examples are dated around their release; rules judge them from that day, not the real one.
    return Checker.for_standard(version.ref, registry=cat, options=RuleOptions(),
                                allow_draft=True)


def check_example(checker: Checker, path: Path, kind: Kind) -> ExampleResult:
    """Return whether one example gives exactly the findings it documents."""
    report = checker.check_paths([str(path)])
    # That a version is deprecated is said of the version, not of its examples' records.
    findings = [f for f in report.findings if f.code != "standard.deprecated"]
    found = frozenset((f.code, f.location.record or 1, f.pointer) for f in findings)
    if kind == "valid":
        serious = [f for f in findings if f.severity is not Severity.INFO]
        problems = [f"{path}: a valid example gave {f.code} at {f.pointer or '/'}: {f.message}"
                    for f in serious]
        if report.records < 1:
            problems.append(f"{path}: a valid example holds no record")
        kept = frozenset((f.code, f.location.record or 1, f.pointer) for f in serious)
        return ExampleResult(path, kind, frozenset(), kept, tuple(problems))
    expected = expected_findings(path)
    if isinstance(expected, str):
        return ExampleResult(path, kind, frozenset(), found, (expected,))
    problems = [
        f"{path}: expected {code} at record {record} {pointer or '/'}, which it did not give"
        for code, record, pointer in sorted(expected - found)
    ] + [
        f"{path}: gave {code} at record {record} {pointer or '/'}, which "
        f"{sidecar(path).name} does not list"
        for code, record, pointer in sorted(found - expected)
    ]
    if report.conforms and not any(f.severity is Severity.WARNING for f in findings):
        problems.append(f"{path}: an invalid example conforms, with no error or warning")
    return ExampleResult(path, kind, expected, found, tuple(problems))


def check_examples(version: StandardVersion, cat: Catalogue) -> tuple[ExampleResult, ...]:
    """Return the result of every example of a version, valid ones first."""
    checker = example_checker(version, cat)
    return tuple(
        check_example(checker, path, kind)
        for kind in KINDS
        for path in version.example_files(kind)
    )


def example_problems(version: StandardVersion, cat: Catalogue) -> tuple[str, ...]:
    """Return every way a version's examples fall short, including having none of a kind."""
    problems = [
        f"{version.ref} has no {kind} examples in {version.folder / 'examples' / kind}"
        for kind in KINDS
        if not version.example_files(kind)
    ]
    problems += [p for result in check_examples(version, cat) for p in result.problems]
    return tuple(problems)
