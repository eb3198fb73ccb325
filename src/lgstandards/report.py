"""Reports: the immutable result of checking files against a standard, shared by every format."""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from lgstandards.findings import Finding, Severity, frozen, pointer_template

#: What `Report.masked()` puts where a value was.
MASK = "[hidden]"

#: The version of the JSON report's shape; see `lgstandards/schemas/report.schema.json`.
FORMAT_VERSION = "1.0"

#: What a report is about: files of data records (`validate`), or the operations of a live API
#: whose "records" are the checks that ran on each (`check-api`). Reporters choose words by it.
Subject = Literal["data", "api"]


@dataclass(frozen=True)
class FileReport:
    """What was found in one input: counts of records and the findings, capped if asked."""

    path: str
    format: str | None = None
    records: int = 0
    invalid_records: int = 0
    findings: tuple[Finding, ...] = ()
    counts: Mapping[str, int] = field(default_factory=frozen)
    omitted: int = 0
    #: The standard this file was checked against, set when one run checks several standards.
    standard: str | None = None
    #: The checks that ran on this file when they are not the run's: each file's own standard's
    #: in a run of several standards, the checks an API operation got. None means the run's.
    checks: tuple[str, ...] | None = None
    #: Checks that did not run here, each with an `api.skipped` finding saying why (API runs).
    skipped: int = 0

    def __reduce__(self) -> tuple[Any, tuple[dict[str, Any]]]:
        """Pickle with plain counts: worker processes (`--jobs`) send file reports back."""
        values = {f.name: getattr(self, f.name) for f in dataclasses.fields(self)}
        values["counts"] = dict(self.counts)
        return (_file_report, (values,))

    @property
    def readable(self) -> bool:
        """Return whether the file could be read at all (no record-less source error)."""
        return not any(
            f.category == "source"
            and f.severity is Severity.ERROR
            and f.location.record is None
            and f.location.row is None
            for f in self.findings
        )


def _file_report(values: dict[str, Any]) -> FileReport:
    """Rebuild a pickled file report, its counts read-only again."""
    return FileReport(**{**values, "counts": frozen(values["counts"])})


@dataclass(frozen=True, slots=True)
class FindingGroup:
    """Findings with the same code on the same field, counted together for people to read."""

    code: str
    severity: Severity
    field: str | None
    pointer: str
    count: int
    examples: tuple[Finding, ...]
    #: Findings in the group; for the group of a code's findings past --max-findings, how many.
    total: int = 0
    #: Distinct records among the kept findings.
    records: int = 0
    #: False when findings of this code went past --max-findings, so counts are lower bounds.
    exact: bool = True

    @property
    def category(self) -> str:
        """Return the code's category, the part before the first dot."""
        return self.code.partition(".")[0]


@dataclass(frozen=True)
class Report:
    """The result of one validation run: the standard, every file, and the checks that ran."""

    standard: str | None
    schema: str | None
    files: tuple[FileReport, ...]
    checks: tuple[str, ...] = ()
    notices: tuple[Finding, ...] = ()
    subject: Subject = "data"

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

    @property
    def skipped(self) -> int:
        """Return the number of checks that did not run (API runs)."""
        return sum(f.skipped for f in self.files)

    def checks_of(self, file: FileReport) -> tuple[str, ...]:
        """Return the checks that ran on one file: its own when it has them, else the run's."""
        return self.checks if file.checks is None else file.checks

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
                        counts[severity.get(code) or _default_severity(code)] += extra
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
        """Group findings by code and field, worst and most frequent first.

        Findings past --max-findings are counted per code only, so they cannot be placed on a
        field: each code with some gets a group of its own with no examples, and the groups
        of kept findings with that code are marked inexact (their counts are lower bounds).
        """
        buckets: dict[tuple[str, str], list[Finding]] = {}
        for finding in self.findings:
            key = (finding.code, pointer_template(finding.pointer))
            buckets.setdefault(key, []).append(finding)
        omitted = self._omitted_by_code()
        groups = [
            FindingGroup(
                code,
                items[0].severity,
                items[0].field,
                template,
                len(items),
                tuple(items),
                total=len(items),
                records=len(
                    {
                        (f.location.path, f.location.record)
                        for f in items
                        if f.location.record is not None
                    }
                ),
                exact=code not in omitted,
            )
            for (code, template), items in buckets.items()
        ]
        groups.extend(
            FindingGroup(code, severity, None, "", 0, (), total=extra, exact=False)
            for code, (severity, extra) in omitted.items()
        )
        groups.sort(key=lambda g: (-g.severity.rank, not g.examples, -g.total, g.code, g.pointer))
        return tuple(groups)

    def _omitted_by_code(self) -> dict[str, tuple[Severity, int]]:
        """Return, per code, the severity and number of findings counted but not kept."""
        omitted: dict[str, tuple[Severity, int]] = {}
        for file in self.files:
            if not file.omitted:
                continue
            kept = Counter(f.code for f in file.findings)
            severities = {f.code: f.severity for f in file.findings}
            for code, total in file.counts.items():
                extra = total - kept.get(code, 0)
                if extra > 0:
                    severity = severities.get(code) or _default_severity(code)
                    omitted[code] = (severity, omitted.get(code, (severity, 0))[1] + extra)
        return omitted

    # -- new reports from this one -------------------------------------------------------------

    def filtered(self, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Report:
        """Return a report keeping only findings (and checks) a code or category selects.

        A selector is a whole code (`schema.pattern`) or a prefix of dotted parts (`schema`,
        `waste`). Filter before capping: a file with findings past --max-findings cannot be
        recounted, so filtering one raises ValueError.
        """
        chosen, dropped = tuple(select), tuple(ignore)
        if not chosen and not dropped:
            return self

        def keep(code: str) -> bool:
            return code_wanted(code, chosen, dropped)

        files: list[FileReport] = []
        for file in self.files:
            findings = tuple(f for f in file.findings if keep(f.code))
            counts = {code: n for code, n in file.counts.items() if keep(code)}
            checks = None if file.checks is None else tuple(c for c in file.checks if keep(c))
            if (
                len(findings) == len(file.findings)
                and len(counts) == len(file.counts)
                and checks == file.checks
            ):
                files.append(file)
                continue
            if file.omitted:
                raise ValueError(
                    f"{file.path} has findings past --max-findings; filter before capping"
                )
            if self.subject == "api":
                # An API operation's records are its checks: a check left out was not run, and
                # one fails when it has an error.
                records = len(checks) if checks is not None else file.records
                invalid = len({f.code for f in findings if f.severity is Severity.ERROR})
                skipped = sum(1 for f in findings if f.code == "api.skipped")
            else:
                records, skipped = file.records, file.skipped
                invalid = len(
                    {
                        f.location.record
                        for f in findings
                        if f.severity is Severity.ERROR and f.location.record is not None
                    }
                )
            files.append(
                dataclasses.replace(
                    file,
                    findings=findings,
                    counts=frozen(counts),
                    invalid_records=invalid,
                    records=records,
                    checks=checks,
                    skipped=skipped,
                )
            )
        return dataclasses.replace(
            self,
            files=tuple(files),
            checks=tuple(c for c in self.checks if keep(c)),
            notices=tuple(f for f in self.notices if keep(f.code)),
        )

    def capped(self, max_findings: int | None) -> Report:
        """Return a report keeping at most `max_findings` findings per file (all stay counted)."""
        if max_findings is None:
            return self
        files = tuple(
            dataclasses.replace(
                file,
                findings=file.findings[:max_findings],
                omitted=file.omitted + len(file.findings) - max_findings,
            )
            if len(file.findings) > max_findings
            else file
            for file in self.files
        )
        return dataclasses.replace(self, files=files)

    def masked(self) -> Report:
        """Return a report with every finding's value hidden, in its value and in its message."""
        files = tuple(
            dataclasses.replace(file, findings=tuple(mask_finding(f) for f in file.findings))
            for file in self.files
        )
        return dataclasses.replace(
            self, files=files, notices=tuple(mask_finding(f) for f in self.notices)
        )

    @classmethod
    def combine(cls, reports: Sequence[Report]) -> Report:
        """Join the reports of several standards into one, each file naming its standard."""
        if len(reports) == 1:
            return reports[0]
        standards = {r.standard for r in reports}
        schemas = {r.schema for r in reports}
        subjects = {r.subject for r in reports}
        # Each file keeps the checks of its own standard, so no report lists another's rules.
        files = tuple(
            dataclasses.replace(
                file,
                standard=file.standard or report.standard or report.schema,
                checks=report.checks_of(file),
            )
            for report in reports
            for file in report.files
        )
        return cls(
            standards.pop() if len(standards) == 1 else None,
            schemas.pop() if len(schemas) == 1 else None,
            files,
            checks=tuple(dict.fromkeys(c for r in reports for c in r.checks)),
            notices=tuple(dict.fromkeys(n for r in reports for n in r.notices)),
            subject=subjects.pop() if len(subjects) == 1 else "data",
        )

    def to_dict(self) -> dict[str, Any]:
        """Return the report as plain JSON data in the documented, versioned shape."""
        counts = self.severity_counts()
        summary: dict[str, Any] = {
            "files": len(self.files),
            "records": self.records,
            "invalid_records": self.invalid_records,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "info": counts[Severity.INFO],
        }
        api = self.subject == "api"
        if api:
            summary["skipped"] = self.skipped
        return {
            "format_version": FORMAT_VERSION,
            "subject": self.subject,
            "standard": self.standard,
            "schema": self.schema,
            "conforms": self.conforms,
            "summary": summary,
            "checks": list(self.checks),
            "notices": [finding_to_dict(f) for f in self.notices],
            "files": [_file_to_dict(file, api=api) for file in self.files],
        }


def _file_to_dict(file: FileReport, *, api: bool = False) -> dict[str, Any]:
    """Return one file's part of the JSON report; the optional keys appear only when they apply."""
    data: dict[str, Any] = {
        "path": file.path,
        "format": file.format,
        "records": file.records,
        "invalid_records": file.invalid_records,
        "counts": dict(sorted(file.counts.items())),
        "omitted": file.omitted,
        "findings": [finding_to_dict(f) for f in file.findings],
    }
    if file.standard is not None:
        data["standard"] = file.standard
    if file.checks is not None:
        data["checks"] = list(file.checks)
    if api:
        data["skipped"] = file.skipped
    return data


def code_matches(code: str, selectors: Iterable[str]) -> bool:
    """Return whether a code is a selector or falls under one (`schema` has `schema.type`)."""
    return any(code == s or code.startswith(s + ".") for s in selectors)


def code_wanted(code: str, select: Sequence[str] = (), ignore: Sequence[str] = ()) -> bool:
    """Return whether `--select` / `--ignore` keep findings with this code.

    Input that could not be read (`source.*`) and failures of lgstandards itself (`internal.*`)
    are kept whatever is selected, as a linter reports a syntax error whatever rules are chosen:
    a file that was never checked must not pass. Only an explicit `--ignore` hides a source code;
    nothing hides an internal one.
    """
    if code.startswith("internal."):
        return True
    if code.startswith("source."):
        return not code_matches(code, ignore)
    return (not select or code_matches(code, select)) and not code_matches(code, ignore)


def _default_severity(code: str) -> Severity:
    from lgstandards.codes import describe  # Imported late: the code list pulls in the rules.

    info = describe(code)
    return info.severity if info is not None else Severity.ERROR


# Rules beyond the schema may compare several values (two dates, a point's coordinates) and
# quote them all, though a finding carries one value; in their messages these are hidden too.
_DATA_LIKE = re.compile(
    r"\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?"
    r"|(?<![\w.])-?\d+\.\d+(?![\w.])"
)


def mask_finding(finding: Finding) -> Finding:
    """Return the finding with its value dropped and every quoting of it in the message hidden."""
    rule = finding.category not in ("schema", "source")
    if finding.value is None and not rule:
        return finding
    message = finding.message
    advice = finding.advice
    if finding.value is not None:
        message = mask_text(message, finding.value)
        advice = mask_text(advice, finding.value) if advice else advice
    if rule:
        message = _DATA_LIKE.sub(MASK, message)
        advice = _DATA_LIKE.sub(MASK, advice) if advice else advice
    return dataclasses.replace(finding, value=None, message=message, advice=advice)


def mask_text(message: str, value: Any) -> str:
    """Hide the ways a message may quote a value: repr, the shortened form, quoted and bare."""
    from lgstandards.messages import show

    if isinstance(value, bool) or value is None or isinstance(value, list | dict):
        return message
    text = str(value)
    # Quoted forms are replaced wherever they appear; bare ones only as whole words, below.
    forms = {f"'{text}'", f'"{text}"'}
    if isinstance(value, str):
        forms |= {show(value), repr(value), repr(value[:60]) + "..."}
    masked = message
    for form in sorted(forms, key=len, reverse=True):
        if form:
            masked = masked.replace(form, MASK)
    # A value written bare is hidden as a whole word only, and short text not at all, since a
    # bare "a" or "on" would blank out ordinary words of the sentence.
    if text and (not isinstance(value, str) or len(text) >= 3):
        masked = re.sub(rf"(?<![\w.]){re.escape(text)}(?![\w])", MASK, masked)
    return masked


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
    if finding.advice is not None:
        data["advice"] = finding.advice
    return data
