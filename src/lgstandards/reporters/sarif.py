"""SARIF 2.1.0: findings as code-scanning results, with a rule for every code that ran.

GitHub code scanning, Azure DevOps and many editors read SARIF. Paths stay relative to where
lgstandards ran (the repository root in CI), under the `%SRCROOT%` base, so alerts land on the
file in the repository.
"""

from __future__ import annotations

import functools
import hashlib
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

import orjson

from lgstandards import __version__
from lgstandards.codes import CodeInfo, describe
from lgstandards.findings import Finding, Severity
from lgstandards.report import Report

SARIF_SCHEMA = (
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
)
_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
_BASE = "%SRCROOT%"


@functools.lru_cache(maxsize=1024)
def artifact_uri(path: str) -> tuple[str, bool]:
    """Return a path as a URI reference, and whether it is relative to the source root."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri(), False
    return quote(pure.as_posix()), True


def _rule(info: CodeInfo | None, code: str, severity: Severity) -> dict[str, Any]:
    title = info.title if info else code
    meaning = info.meaning if info else f"Findings with the code {code}."
    fix = info.fix if info else "See the message of each result."
    rule: dict[str, Any] = {
        "id": code,
        "name": "".join(part.capitalize() for part in code.replace(".", "-").split("-")),
        "shortDescription": {"text": title},
        "fullDescription": {"text": meaning},
        "help": {"text": f"{meaning} How to fix: {fix}",
                 "markdown": f"{meaning}\n\n**How to fix:** {fix}"},
        "defaultConfiguration": {"level": _LEVEL[info.severity if info else severity]},
        "properties": {"category": code.partition(".")[0], "tags": ["data-quality"]},
    }
    return rule


def _fingerprint(finding: Finding) -> str:
    where = finding.location
    key = "\0".join(str(p) for p in (finding.code, where.path, where.record, where.row,
                                      finding.pointer))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]


def _result(finding: Finding, rule_index: int, artifacts: dict[str, int], *,
            on_file: bool = True) -> dict[str, Any]:
    where = finding.location
    result: dict[str, Any] = {
        "ruleId": finding.code,
        "ruleIndex": rule_index,
        "level": _LEVEL[finding.severity],
        "message": {"text": finding.message},
    }
    location: dict[str, Any] = {}
    logical: list[dict[str, Any]] = []
    if not on_file and where.path:
        # An API report's paths are operations ("GET /addresses"), not files in a repository.
        logical.append({"fullyQualifiedName": where.path, "kind": "resource"})
    elif where.path and not where.path.startswith("<"):
        uri, relative = artifact_uri(where.path)
        artifact: dict[str, Any] = {"uri": uri, "index": artifacts.setdefault(where.path,
                                                                             len(artifacts))}
        if relative:
            artifact["uriBaseId"] = _BASE
        physical: dict[str, Any] = {"artifactLocation": artifact}
        # A CSV finding has a row, not a line; rows are lines unless a cell holds a line break.
        line = where.line if where.line is not None else where.row
        if line is not None:
            region: dict[str, Any] = {"startLine": line}
            if where.column is not None:
                region["startColumn"] = where.column
            physical["region"] = region
        location["physicalLocation"] = physical
    if finding.pointer:
        logical.append({"fullyQualifiedName": finding.pointer, "kind": "member"})
    if logical:
        location["logicalLocations"] = logical
    if location:
        result["locations"] = [location]
    result["partialFingerprints"] = {"lgstandardsFinding/v1": _fingerprint(finding)}
    properties = {
        key: value
        for key, value in (
            ("pointer", finding.pointer or None),
            ("field", finding.field),
            ("record", where.record),
            ("row", where.row),
            ("columnLetter", where.column_letter),
            ("header", where.header),
            ("schemaPath", finding.schema_path),
            ("advice", finding.advice),
        )
        if value is not None
    }
    if properties:
        result["properties"] = properties
    return result


def to_dict(report: Report) -> dict[str, Any]:
    """Return the report as a SARIF 2.1.0 log."""
    # Rules: every code found in a file (kept or only counted), and every check that ran.
    severities = {f.code: f.severity for file in report.files for f in file.findings}
    for group in report.groups():
        if group.code not in {n.code for n in report.notices}:
            severities.setdefault(group.code, group.severity)
    for code in report.checks:
        info = describe(code)
        severities.setdefault(code, info.severity if info else Severity.ERROR)
    codes = sorted(severities)
    rule_index = {code: index for index, code in enumerate(codes)}
    rules = [_rule(describe(code), code, severities[code]) for code in codes]
    on_file = report.subject != "api"
    artifacts: dict[str, int] = {}
    for file in report.files:
        if on_file and not file.path.startswith("<"):
            artifacts.setdefault(file.path, len(artifacts))
    results = [
        _result(finding, rule_index[finding.code], artifacts, on_file=on_file)
        for file in report.files
        for finding in file.findings
    ]
    notifications = [
        {"level": _LEVEL[n.severity], "message": {"text": n.message},
         "descriptor": {"id": n.code}}
        for n in report.notices
    ]
    omitted = sum(f.omitted for f in report.files)
    if omitted:
        notifications.append({
            "level": "note",
            "message": {"text": f"{omitted:,} further findings were counted but not listed "
                                "(--max-findings); the run's properties give counts per code."},
        })
    invocation: dict[str, Any] = {"executionSuccessful": True}
    if notifications:
        invocation["toolExecutionNotifications"] = notifications
    counts = report.severity_counts()
    run: dict[str, Any] = {
        "tool": {"driver": {
            "name": "lgstandards",
            "version": __version__,
            "semanticVersion": __version__,
            "rules": rules,
        }},
        "invocations": [invocation],
        "columnKind": "unicodeCodePoints",
        "artifacts": [
            _artifact(path) for path, _ in sorted(artifacts.items(), key=lambda kv: kv[1])
        ],
        "results": results,
        "properties": {
            "standard": report.standard,
            "schema": report.schema,
            "conforms": report.conforms,
            "records": report.records,
            "invalidRecords": report.invalid_records,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "info": counts[Severity.INFO],
            "omittedFindings": omitted,
            "countsByFile": {f.path: dict(sorted(f.counts.items())) for f in report.files},
        },
    }
    return {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}


def _artifact(path: str) -> dict[str, Any]:
    uri, relative = artifact_uri(path)
    location: dict[str, Any] = {"uri": uri}
    if relative:
        location["uriBaseId"] = _BASE
    return {"location": location, "roles": ["analysisTarget"]}


def render(report: Report) -> str:
    """Return the report as SARIF 2.1.0 JSON text."""
    # orjson, not json: the standard library's indenting encoder took 25 s for 100,000 results.
    return orjson.dumps(to_dict(report), option=orjson.OPT_INDENT_2).decode("utf-8") + "\n"
