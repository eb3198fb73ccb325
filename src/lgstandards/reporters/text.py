"""The text report: grouped findings with counts and the first few locations, for people.

The sentences here (group headlines, the "working well" line, the verdict) are shared by the
markdown and HTML reports, so every format says the same thing in the same words.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from lgstandards.findings import Severity
from lgstandards.report import FindingGroup, Report
from lgstandards.reporters.escape import safe_line

#: Style names the CLI maps to colours; plain output ignores them.
Line = tuple[str | None, str]

_MARK = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}


@dataclass(frozen=True, slots=True)
class Words:
    """The words a report uses for what it checked: files of records, or an API's operations."""

    #: One input: a data file, or an API operation.
    unit: str
    #: What an input holds: records, or the checks that ran on an operation.
    item: str
    #: What conforms or does not, in a heading.
    whole: str
    #: What a finding with no field is about.
    no_field: str
    #: Whether an input's path names a file (one an annotation or a code-scanning alert can mark).
    files: bool


DATA_WORDS = Words("file", "record", "the data", "file", files=True)
API_WORDS = Words("operation", "check", "the API", "response", files=False)

#: The notice check-api gives when every request answered 404 or no JSON: its passing checks
#: passed only because nothing was there, so no report calls them "working well".
WRONG_BASE_URL = "api.wrong-base-url"

#: Codes whose findings are listed whole: each says why something did not run.
_LISTED_WHOLE = frozenset({"api.skipped"})

#: Concrete places named on one line before the rest are counted.
_POINTERS_SHOWN = 4


@dataclass(frozen=True, slots=True)
class Place:
    """One line of a group's examples: findings with the same place and message, counted once."""

    where: str
    message: str
    #: The findings' own pointers, with item indexes (`/0/groups`), when the group's heading
    #: cannot name them (it shows `/*/groups` for several).
    pointers: tuple[str, ...]
    #: How many findings the line stands for.
    count: int

    def head(self) -> str:
        """Return where the line's findings are: 'GET /services.json at /0/metadata'."""
        if not self.pointers:
            return self.where
        shown = list(self.pointers[:_POINTERS_SHOWN])
        rest = len(self.pointers) - len(shown)
        if rest:
            shown.append(f"{rest:,} more")
        return f"{self.where} at " + (", ".join(shown[:-1]) + " and " + shown[-1]
                                      if len(shown) > 1 else shown[0])

    def tail(self) -> str:
        """Return what the line's findings say, with how often when they repeat."""
        repeated = self.count > max(len(self.pointers), 1)
        return self.message + (f" ({self.count:,} times)" if repeated else "")

    def text(self) -> str:
        """Return the line: 'GET /services.json at /0/metadata and /1/metadata: message'."""
        return f"{self.head()}: {self.tail()}"


def header_pointer(group: FindingGroup) -> str:
    """Return the pointer a group's heading shows: its findings' own when they share one."""
    own = {f.pointer for f in group.examples}
    return own.pop() if len(own) == 1 else group.pointer


def places(group: FindingGroup, limit: int) -> tuple[list[Place], int]:
    """Return up to `limit` lines of a group's examples, and how many findings are not shown.

    Findings with the same place and message share a line that names each of their pointers
    (so `/0/metadata` and `/2/metadata` are not two identical lines) and counts repeats.
    """
    heading = header_pointer(group)
    lines: dict[tuple[str, str], list[str]] = {}
    counts: dict[tuple[str, str], int] = {}
    for finding in group.examples:
        key = (finding.location.describe(), finding.message)
        pointers = lines.setdefault(key, [])
        counts[key] = counts.get(key, 0) + 1
        if finding.pointer and finding.pointer != heading and finding.pointer not in pointers:
            pointers.append(finding.pointer)
    if group.code in _LISTED_WHOLE:
        limit = len(lines)
    shown = [Place(where, message, tuple(lines[(where, message)]), counts[(where, message)])
             for where, message in list(lines)[:limit]]
    more = (group.total or group.count) - sum(p.count for p in shown)
    return shown, max(more, 0)


def group_advice(group: FindingGroup) -> tuple[str, ...]:
    """Return what to do about a group: its findings' own advice, or () to use the code's fix."""
    return tuple(dict.fromkeys(f.advice for f in group.examples if f.advice))


def words(report: Report) -> Words:
    """Return the words for a report's subject."""
    return API_WORDS if report.subject == "api" else DATA_WORDS


def finding_groups(report: Report) -> tuple[FindingGroup, ...]:
    """Return the groups of the files' findings; the run's notices are shown on their own."""
    return dataclasses.replace(report, notices=()).groups() if report.notices else report.groups()


def plural(count: int, word: str) -> str:
    """Return '1 record' or '10,000 records'."""
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def share(part: int, whole: int) -> str:
    """Return a percentage people can read: '4.1%', '<0.1%' for a few in millions."""
    if not whole:
        return ""
    fraction = part / whole
    if 0 < fraction < 0.001:
        return "<0.1%"
    return f"{fraction:.1%}"


def group_title(group: FindingGroup, subject: Words = DATA_WORDS) -> str:
    """Return who and what a group is about: 'Postcode: wrong pattern'."""
    from lgstandards.codes import describe

    info = describe(group.code)
    what = info.title if info is not None else group.code
    if not group.examples:
        return what
    who = group.field or header_pointer(group)
    if not who and not subject.files:
        return what  # Findings about whole API responses: the places name the operations.
    who = who or subject.no_field
    # Lower-case the first letter of a sentence-style title, but not of an acronym like "UPRN".
    lowered = what[:1].lower() + what[1:] if what[1:2].islower() else what
    return f"{who}: {lowered}"


def group_scope(group: FindingGroup, records: int) -> str:
    """Return how widespread a group is: '412 of 10,000 records (4.1%)'."""
    total = group.total or group.count
    if group.code in _LISTED_WHOLE:
        return f"{plural(total, 'check')} did not run"
    if not group.examples:
        return f"{plural(total, 'more finding')} past --max-findings (their fields were not kept)"
    if not group.records:
        return ("" if group.exact else "at least ") + plural(total, "finding")
    least = "" if group.exact else "at least "
    of = f"{least}{group.records:,} of {plural(records, 'record')}" if records else (
        f"{least}{plural(group.records, 'record')}"
    )
    percent = share(group.records, records) if group.exact else ""
    of += f" ({percent})" if percent else ""
    if total != group.records:
        return f"{'' if group.exact else 'at least '}{plural(total, 'finding')} in {of}"
    return of


def headline(group: FindingGroup, records: int, subject: Words = DATA_WORDS) -> str:
    """Return a group's one-line summary: '[schema.required] Consent: ... — 3 of 10 records'."""
    return f"[{group.code}] {group_title(group, subject)} — {group_scope(group, records)}"


def working_well(report: Report) -> str | None:
    """Return the line naming checks that ran and found nothing, or None if there are none."""
    if not report.records or wrong_base_url(report):
        return None
    groups = finding_groups(report)
    failed = {g.code for g in groups}
    passed = [c for c in report.checks if c not in failed]
    # Data is always checked against its schema; an API run lists the schema check it made.
    if report.subject == "data" and not any(g.category == "schema" for g in groups):
        passed.insert(0, "the schema")
    if not passed:
        return None
    return "Working well: no findings from " + ", ".join(passed) + "."


def wrong_base_url(report: Report) -> bool:
    """Return whether check-api found nothing at the base URL, so no check can be trusted."""
    return any(n.code == WRONG_BASE_URL for n in report.notices)


def verdict(report: Report) -> str:
    """Return the closing line: 'Result: does not conform — 3 errors, 1 warning, 0 info.'."""
    counts = report.severity_counts()
    word = "conforms" if report.conforms else "does not conform"
    return (
        f"Result: {word} — {plural(counts[Severity.ERROR], 'error')}, "
        f"{plural(counts[Severity.WARNING], 'warning')}, {counts[Severity.INFO]:,} info."
    )


def target(report: Report) -> str:
    """Return what the data was checked against: a standard, a schema file or several."""
    if report.standard or report.schema:
        return str(report.standard or report.schema)
    standards = sorted({f.standard for f in report.files if f.standard})
    return ", ".join(standards) if standards else "schema"


def records_line(report: Report) -> str | None:
    """Return '10,000 records read; 412 do not conform (4.1%).', or None when none were read.

    An API report counts checks instead: '40 checks ran; 2 failed (5.0%); 1 did not run.'.
    """
    records = report.records
    bad = report.invalid_records
    percent = f" ({share(bad, records)})" if bad else ""
    if report.subject == "api":
        if not records and not report.skipped:
            return None
        ran = f"{plural(records, 'check')} ran; {bad:,} failed{percent}"
        return ran + (f"; {report.skipped:,} did not run." if report.skipped else ".")
    if not records:
        return None
    return f"{plural(records, 'record')} read; {bad:,} do not conform{percent}."


def lines(report: Report, *, examples: int = 3) -> list[Line]:
    """Return the report as styled lines: (style or None, text)."""
    subject = words(report)
    out: list[Line] = [
        ("heading", f"Checked {plural(len(report.files), subject.unit)} against {target(report)}")
    ]
    # An error about the run as a whole (nothing at the base URL) comes before any count.
    first = [n for n in report.notices if n.severity is Severity.ERROR]
    for notice in first:
        out.append((notice.severity.value, f"{_MARK[notice.severity]}: {notice.message}"))
        if notice.advice:
            out.append((None, f"    How to fix: {notice.advice}"))
    summary = records_line(report)
    if summary:
        out.append((None, summary))
    for notice in report.notices:
        if notice not in first:
            out.append((notice.severity.value, f"{_MARK[notice.severity]}: {notice.message}"))
    groups = finding_groups(report)
    if groups:
        out.append((None, ""))
    for group in groups:
        pointer = header_pointer(group)
        at = f" at {pointer}" if pointer else ""
        out.append((group.severity.value,
                     f"{_MARK[group.severity]} {headline(group, report.records, subject)}{at}"))
        shown, more = places(group, examples)
        for place in shown:
            out.append((None, f"    {place.text()}"))
        if group.examples and more > 0:
            out.append(("dim", f"    ... and {more:,} more"))
        for advice in group_advice(group):
            out.append((None, f"    How to fix: {advice}"))
    omitted = sum(f.omitted for f in report.files)
    if omitted:
        out.append(("dim", f"{omitted:,} further findings were counted but not kept "
                           "(--max-findings)."))
    well = working_well(report)
    if well:
        out.append((None, ""))
        out.append(("ok", well))
    out.append((None, ""))
    out.append(("ok" if report.conforms else "error", verdict(report)))
    # Every line holds text from outside (values, file names, headers, API responses).
    return [(style, safe_line(text)) for style, text in out]


def render(report: Report, *, examples: int = 3) -> str:
    """Return the report as plain text."""
    return "\n".join(text for _, text in lines(report, examples=examples)) + "\n"
