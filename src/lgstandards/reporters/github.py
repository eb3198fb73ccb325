"""GitHub Actions workflow commands: an annotation on the file, line and column of each finding.

GitHub shows at most ten annotations of each severity per step, so each group of findings is
annotated at its first few places and the last of them says how many more there are; the SARIF
report carries every finding to code scanning.
"""

from __future__ import annotations

from lgstandards.findings import Finding, Severity
from lgstandards.report import FindingGroup, Report
from lgstandards.reporters.escape import one_line
from lgstandards.reporters.text import (
    finding_groups,
    group_advice,
    group_title,
    places,
    verdict,
    words,
)

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _runner(text: str) -> str:
    """Escape text as the Actions runner unescapes a command's message."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_data(text: str) -> str:
    """Escape a workflow command's message: controls shown escaped, then the runner's escapes."""
    return _runner(one_line(text))


def escape_property(text: str) -> str:
    """Escape a workflow command's property value, where ':' and ',' are separators too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(finding: Finding, title: str, suffix: str = "", *, on_file: bool = True) -> str:
    """Return one `::error file=...,line=...,col=...,title=...::message` command.

    With `on_file` false (an API report, whose paths are operations) nothing names a file and
    the message starts with the place instead.
    """
    where = finding.location
    properties: list[tuple[str, str]] = []
    if not on_file:
        properties.append(("title", title))
        head = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
        place = f"{where.path}: " if where.path else ""
        return (f"::{_COMMAND[finding.severity]} {head}::"
                f"{escape_data(place + finding.message + suffix)}")
    if where.path and not where.path.startswith("<"):
        properties.append(("file", where.path))
        # A CSV finding has a row, not a line; rows are lines unless a cell holds a line break.
        line = where.line if where.line is not None else where.row
        if line is not None:
            properties.append(("line", str(line)))
            if where.column is not None:
                properties.append(("col", str(where.column)))
    properties.append(("title", title))
    head = ",".join(f"{key}={escape_property(value)}" for key, value in properties)
    place = ""
    if where.row is not None and where.column_letter:
        place = f"Row {where.row}, column {where.column_letter}"
        place += f" ({where.header}): " if where.header else ": "
    elif where.record is not None and where.line is None:
        place = f"Record {where.record}: "
    return f"::{_COMMAND[finding.severity]} {head}::{escape_data(place + finding.message + suffix)}"


def _api_annotations(group: FindingGroup, title: str, examples: int) -> list[str]:
    """Return one annotation per place of an API group, identical findings counted once."""
    shown, more = places(group, max(examples, 1))
    head = f"title={escape_property(title)}"
    out = []
    for index, place in enumerate(shown):
        suffix = "".join(f" How to fix: {advice}" for advice in group_advice(group))
        if index == len(shown) - 1 and more > 0:
            suffix += f" (and {more:,} more like this)"
        out.append(f"::{_COMMAND[group.severity]} {head}::{escape_data(place.text() + suffix)}")
    return out


def render(report: Report, *, examples: int = 3) -> str:
    """Return workflow commands annotating the first findings of every group, then the verdict."""
    out: list[str] = []
    subject = words(report)
    for notice in report.notices:
        out.append(annotation(notice, f"lgstandards {notice.code}"))
    for group in finding_groups(report):
        title = f"[{group.code}] {group_title(group, subject)}"
        if not subject.files and group.examples:
            out.extend(_api_annotations(group, title, examples))
            continue
        shown = group.examples[: max(examples, 1)]
        more = (group.total or group.count) - len(shown)
        for index, finding in enumerate(shown):
            last = index == len(shown) - 1
            suffix = f" How to fix: {finding.advice}" if finding.advice else ""
            suffix += f" (and {more:,} more like this)" if last and more > 0 else ""
            out.append(annotation(finding, title, suffix, on_file=subject.files))
        if not group.examples:
            out.append(
                f"::{_COMMAND[group.severity]} title={escape_property(title)}::"
                + escape_data(f"{group.total:,} more {group.code} findings were counted but not "
                              "kept (--max-findings).")
            )
    out.append(verdict(report))
    return "\n".join(out) + "\n"
