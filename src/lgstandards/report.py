"""Reports: the immutable result of checking files against a standard, shared by every format."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any

from lgstandards.findings import Finding, Severity, pointer_template

#: The version of the JSON report's shape; see `lgstandards/schemas/report.schema.json`.
FORMAT_VERSION = "1.0"


def _frozen(counts: Mapping[str, int] | None = None) -> Mapping[str, int]:
    return MappingProxyType(dict(counts or {}))


@dataclass(frozen=True)
class FileReport:
    """What was found in one input: counts of records and the findings, capped if asked."""

    path: str
    format: str | None = None
    records: int = 0
    invalid_records: int = 0
    findings: tuple[Finding, ...] = ()
    counts: Mapping[str, int] = field(default_factory=_frozen)
    omitted: int = 0

    @property
    def readable(self) -> bool:
        """Return whether the file could be read at all (no record-less source error)."""
        return not any(
            f.category == "source" and f.severity is Severity.ERROR and f.location.record is None
            and f.location.row is None
            for f in self.findings
        )


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """Findings with the same code on the same field, counted together for people to read."""

    code: str
    severity: Severity
    field: str | None
    pointer: str
    count: int
    examples: tuple[Finding, ...]


@dataclass(frozen=True)
class Report:
    """The result of one validation run: the standard, every file, and the checks that ran."""

    standard: str | None
    schema: str | None
    files: tuple[FileReport, ...]
    checks: tuple[str, ...] = ()
    notices: tuple[Finding, ...] = ()

    @property
    def findings(self) -> tuple[Finding, ...]:
        """Return every kept finding of every file, then the run's notices."""
        return tuple(f for file in self.files for f in file.findings) + self.notices

    @property
    def records(self) -> int:
        """Return the number of records checked."""
        return sum(f.records for f in self.files)

    @property
    def invalid_records(self) -> int:
        """Return the number of records with at least one error."""
        return sum(f.invalid_records for f in self.files)

    def severity_counts(self) -> Mapping[Severity, int]:
        """Return how many findings there are of each severity, including omitted ones."""
        counts: Counter[Severity] = Counter(f.severity for f in self.notices)
        for file in self.files:
            counts.update(f.severity for f in file.findings)
            if file.omitted:
                kept = Counter(f.code for f in file.findings)
                severity = {f.code: f.severity for f in file.findings}
                for code, total in file.counts.items():
                    extra = total - kept.get(code, 0)
                    if extra > 0:
                        counts[severity.get(code, Severity.ERROR)] += extra
        return MappingProxyType({s: counts.get(s, 0) for s in Severity})

    @property
    def worst(self) -> Severity | None:
        """Return the most serious severity found, or None if nothing was found."""
        counts = self.severity_counts()
        for severity in (Severity.ERROR, Severity.WARNING, Severity.INFO):
            if counts[severity]:
                return severity
        return None

    def fails(self, threshold: Severity | None) -> bool:
        """Return whether any finding is at or above `threshold` (None never fails)."""
        worst = self.worst
        return threshold is not None and worst is not None and worst.rank >= threshold.rank

    @property
    def conforms(self) -> bool:
        """Return whether there is no error at all."""
        return not self.fails(Severity.ERROR)

    def groups(self) -> tuple[FindingGroup, ...]:
        """Group the kept findings by code and field, worst and most frequent first."""
        buckets: dict[tuple[str, str], list[Finding]] = {}
        for finding in self.findings:
            buckets.setdefault((finding.code, pointer_template(finding.pointer)), []).append(finding)
        groups = [
            FindingGroup(code, items[0].severity, items[0].field, template, len(items), tuple(items))
            for (code, template), items in buckets.items()
        ]
        groups.sort(key=lambda g: (-g.severity.rank, -g.count, g.code, g.pointer))
        return tuple(groups)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON data in the documented, versioned shape."""
        counts = self.severity_counts()
        return {
            "format_version": FORMAT_VERSION,
            "standard": self.standard,
            "schema": self.schema,
            "conforms": self.conforms,
            "summary": {
                "files": len(self.files),
                "records": self.records,
                "invalid_records": self.invalid_records,
                "errors": counts[Severity.ERROR],
                "warnings": counts[Severity.WARNING],
                "info": counts[Severity.INFO],
            },
            "checks": list(self.checks),
            "notices": [finding_to_dict(f) for f in self.notices],
            "files": [
                {
                    "path": file.path,
                    "format": file.format,
                    "records": file.records,
                    "invalid_records": file.invalid_records,
                    "counts": dict(sorted(file.counts.items())),
                    "omitted": file.omitted,
                    "findings": [finding_to_dict(f) for f in file.findings],
                }
                for file in self.files
            ],
        }


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    """Return one finding as plain JSON data, leaving out location parts that do not apply."""
    location = {
        key: value
        for key, value in (
            ("path", finding.location.path),
            ("record", finding.location.record),
            ("line", finding.location.line),
            ("column", finding.location.column),
            ("row", finding.location.row),
            ("column_letter", finding.location.column_letter),
            ("header", finding.location.header),
        )
        if value is not None
    }
    data: dict[str, Any] = {
        "code": finding.code,
        "severity": finding.severity.value,
        "message": finding.message,
        "pointer": finding.pointer,
        "field": finding.field,
        "schema_path": finding.schema_path,
        "location": location,
    }
    if finding.value is not None:
        data["value"] = finding.value
    return data
