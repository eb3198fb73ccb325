"""The text report: grouped findings with counts and the first few locations, for people."""

from __future__ import annotations

from lgstandards.findings import Severity
from lgstandards.report import FindingGroup, Report

#: Style names the CLI maps to colours; plain output ignores them.
Line = tuple[str | None, str]

_MARK = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def _records_in(group: FindingGroup) -> int:
    return len({(f.location.path, f.location.record) for f in group.examples
                if f.location.record is not None})


def lines(report: Report, *, examples: int = 3) -> list[Line]:
    """Return the report as styled lines: (style or None, text)."""
    out: list[Line] = []
    target = report.standard or report.schema or "schema"
    out.append(("heading", f"Checked {_plural(len(report.files), 'file')} against {target}"))
    records = report.records
    bad = report.invalid_records
    if records:
        share = f" ({bad / records:.1%})" if bad else ""
        out.append((None, f"{_plural(records, 'record')} read; {bad:,} do not conform{share}."))
    for notice in report.notices:
        out.append((notice.severity.value, f"{_MARK[notice.severity]}: {notice.message}"))
    groups = report.groups()
    if groups:
        out.append((None, ""))
    for group in groups:
        who = group.field or group.pointer or "file"
        in_records = _records_in(group)
        scope = f"{_plural(in_records, 'record')}" if in_records else _plural(group.count, "finding")
        share = f" ({in_records / records:.1%})" if in_records and records else ""
        out.append(
            (group.severity.value,
             f"{_MARK[group.severity]} [{group.code}] {who}: {scope}{share}"
             + (f" at {group.pointer}" if group.pointer else ""))
        )
        for finding in group.examples[:examples]:
            out.append((None, f"    {finding.location.describe()}: {finding.message}"))
        if group.count > examples:
            out.append(("dim", f"    ... and {group.count - examples:,} more"))
    omitted = sum(f.omitted for f in report.files)
    if omitted:
        out.append(("dim", f"{omitted:,} further findings were not kept (--max-findings)."))
    if report.checks:
        failed = {g.code for g in groups}
        passed = [c for c in report.checks if c not in failed]
        if passed and records:
            out.append((None, ""))
            out.append(("ok", "Working well: no findings from " + ", ".join(passed) + "."))
    counts = report.severity_counts()
    out.append((None, ""))
    verdict = "conforms" if report.conforms else "does not conform"
    out.append(
        ("ok" if report.conforms else "error",
         f"Result: {verdict} — {_plural(counts[Severity.ERROR], 'error')}, "
         f"{_plural(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]:,} info.")
    )
    return out


def render(report: Report, *, examples: int = 3) -> str:
    """Return the report as plain text."""
    return "\n".join(text for _, text in lines(report, examples=examples)) + "\n"
