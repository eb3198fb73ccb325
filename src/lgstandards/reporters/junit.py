"""JUnit XML, as GitLab, Jenkins and Azure Pipelines read it: one test suite per file checked.

Each suite holds a test case per check: one per group of findings (failing when its severity is
at or above --fail-on), and a passing one for each check that found nothing, so a test report
shows what was checked as well as what failed. A file's checks are its own standard's. In an
API report each suite is an operation: its cases are the checks that ran on it, and each check
that could not run is a skipped case saying why.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from lgstandards import __version__
from lgstandards.codes import describe
from lgstandards.findings import Finding, Severity
from lgstandards.report import FileReport, FindingGroup, Report
from lgstandards.reporters.escape import one_line
from lgstandards.reporters.text import (
    API_WORDS,
    DATA_WORDS,
    Words,
    group_advice,
    group_scope,
    group_title,
    header_pointer,
    places,
    plural,
    target,
    wrong_base_url,
)

# Characters XML 1.0 cannot hold at all that the escaping rule leaves: shown as escapes too.
_NOT_XML = re.compile("[\ufffe\uffff]")


def _clean(text: str) -> str:
    """Return one line of text as XML holds it, with the escaping rule of the human reports."""
    # Visible escapes (`\\x00`, `\\n`) rather than U+FFFD: nothing from the data is lost, the
    # XML stays well formed, and a CI page shows one line per line the report means.
    return _NOT_XML.sub(lambda m: f"\\u{ord(m.group()):04x}", one_line(text))


def _threshold(fail_on: str) -> Severity | None:
    return None if fail_on == "never" else Severity(fail_on)


def _fails(severity: Severity, threshold: Severity | None) -> bool:
    return threshold is not None and severity.rank >= threshold.rank


def _where(finding: Finding) -> str:
    return f"{finding.location.describe()}: {finding.message}"


def _case(suite: ET.Element, classname: str, name: str, path: str | None,
          line: int | None = None) -> ET.Element:
    attributes = {"classname": _clean(classname), "name": _clean(name), "time": "0"}
    if path and not path.startswith("<"):
        attributes["file"] = _clean(path)
    if line is not None:
        attributes["line"] = str(line)
    return ET.SubElement(suite, "testcase", attributes)


def _group_case(suite: ET.Element, file: FileReport, group: FindingGroup, records: int,
                threshold: Severity | None, examples: int, subject: Words) -> tuple[int, int]:
    """Add a group's test case and return (failures, errors) it adds."""
    first = group.examples[0] if group.examples else None
    line = None
    if first is not None:
        line = first.location.line if first.location.line is not None else first.location.row
    pointer = header_pointer(group)
    at = f" at {pointer}" if pointer else ""
    title = group_title(group, subject)
    case = _case(suite, file.path, f"[{group.code}] {title}{at}",
                 file.path if subject.files else None, line)
    summary = f"{title} — {group_scope(group, records)}"
    shown, more = places(group, examples)
    body = [place.text() for place in shown]
    if more > 0:
        body.append(f"... and {more:,} more")
    body += [f"How to fix: {advice}" for advice in group_advice(group)]
    text = "\n".join(map(_clean, body))
    if not _fails(group.severity, threshold):
        out = ET.SubElement(case, "system-out")
        out.text = _clean(f"{group.severity.value}: {summary}") + "\n" + text
        return 0, 0
    # An internal failure is the tool's, not the data's: JUnit calls that an error.
    kind = "error" if group.category == "internal" else "failure"
    element = ET.SubElement(case, kind, {"message": _clean(summary), "type": group.code})
    element.text = text
    return (0, 1) if kind == "error" else (1, 0)


def _suite(root: ET.Element, report: Report, file: FileReport, threshold: Severity | None,
           examples: int) -> None:
    checks = report.checks_of(file)
    groups = Report(report.standard, report.schema, (file,), checks).groups()
    suite = ET.SubElement(root, "testsuite", {"name": _clean(file.path)})
    properties = ET.SubElement(suite, "properties")
    standard = file.standard or report.standard or report.schema or ""
    shape: tuple[tuple[str, str], ...] = (
        ("checks", str(file.records)),
        ("failed_checks", str(file.invalid_records)),
        ("skipped_checks", str(file.skipped)),
    ) if report.subject == "api" else (
        ("format", file.format or ""),
        ("records", str(file.records)),
        ("invalid_records", str(file.invalid_records)),
        ("omitted_findings", str(file.omitted)),
    )
    for name, value in (("standard", standard), *shape):
        ET.SubElement(properties, "property", {"name": name, "value": _clean(value)})
    if report.subject == "api":
        failures, errors, skipped = _api_cases(suite, file, groups, checks, threshold, examples,
                                               credible=not wrong_base_url(report))
    else:
        failures, errors, skipped = _data_cases(suite, file, groups, checks, threshold, examples)
    suite.set("tests", str(len(suite.findall("testcase"))))
    suite.set("failures", str(failures))
    suite.set("errors", str(errors))
    suite.set("skipped", str(skipped))
    suite.set("time", "0")


def _data_cases(suite: ET.Element, file: FileReport, groups: Sequence[FindingGroup],
                checks: Sequence[str], threshold: Severity | None, examples: int
                ) -> tuple[int, int, int]:
    """Add a data file's cases: its groups, then what passed; return failures, errors, skips."""
    failures = errors = 0
    for group in groups:
        failed, errored = _group_case(suite, file, group, file.records, threshold, examples,
                                      DATA_WORDS)
        failures += failed
        errors += errored
    found = {g.code for g in groups}
    if file.readable:
        _case(suite, file.path, "the file can be read", file.path)
        if file.records and not any(g.category == "schema" for g in groups):
            _case(suite, file.path, f"every record conforms to the schema "
                  f"({plural(file.records, 'record')})", file.path)
        for check in checks:
            if check not in found and file.records:
                _case(suite, file.path, f"[{check}] no findings", file.path)
    return failures, errors, 0


def _api_cases(suite: ET.Element, file: FileReport, groups: Sequence[FindingGroup],
               checks: Sequence[str], threshold: Severity | None, examples: int, *,
               credible: bool = True) -> tuple[int, int, int]:
    """Add an API operation's cases: each check that ran, and each that could not run.

    When nothing was found at the base URL (`credible` false), a check with no findings passed
    only because there was nothing to judge, so it is a skipped case, not a passing one.
    """
    failures = errors = 0
    for group in groups:
        if group.code == "api.skipped":
            continue
        failed, errored = _group_case(suite, file, group, file.records, threshold, examples,
                                      API_WORDS)
        failures += failed
        errors += errored
    found = {g.code for g in groups}
    doubted = 0
    for check in checks:
        if check not in found:
            info = describe(check)
            # A passing check is named by what it shows, such as "The operation answers with
            # the documented HTTP status".
            what = info.meaning.rstrip(".") if info is not None else "no findings"
            case = _case(suite, file.path, f"[{check}] {what}", None)
            if not credible:
                doubted += 1
                ET.SubElement(case, "skipped", {
                    "message": "Not judged: every request answered 404 or no JSON, so the base "
                               "URL is probably wrong."})
    skips = [f for f in file.findings if f.code == "api.skipped"]
    for finding in skips:
        case = _case(suite, file.path, f"[api.skipped] {finding.message}", None)
        ET.SubElement(case, "skipped", {"message": _clean(finding.message)})
    return failures, errors, len(skips) + doubted


def _notices(root: ET.Element, notices: Sequence[Finding], threshold: Severity | None) -> None:
    suite = ET.SubElement(root, "testsuite", {"name": "lgstandards run"})
    failures = 0
    for notice in notices:
        info = describe(notice.code)
        title = f" {info.title}" if info is not None else ""
        case = _case(suite, "lgstandards", f"[{notice.code}]{title}", None)
        if _fails(notice.severity, threshold):
            failures += 1
            ET.SubElement(case, "failure", {"message": _clean(notice.message),
                                            "type": notice.code}).text = _clean(notice.message)
        else:
            ET.SubElement(case, "system-out").text = _clean(notice.message)
    suite.attrib.update(tests=str(len(notices)), failures=str(failures), errors="0",
                        skipped="0", time="0")


def render(report: Report, *, fail_on: str = "error", examples: int = 3) -> str:
    """Return the report as a JUnit XML document."""
    threshold = _threshold(fail_on)
    name = _clean(f"lgstandards {__version__}: {target(report)}")
    root = ET.Element("testsuites", {"name": name})
    if report.notices:
        _notices(root, report.notices, threshold)
    for file in report.files:
        _suite(root, report, file, threshold, examples)
    for key in ("tests", "failures", "errors", "skipped"):
        root.set(key, str(sum(int(s.get(key, "0")) for s in root.findall("testsuite"))))
    root.set("time", "0")
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, "unicode") + "\n"
