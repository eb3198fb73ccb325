"""Markdown: a summary for a CI job page or a pull-request comment, in GitHub-flavoured Markdown.

It stays short enough for a comment (GitHub allows 65,536 characters) by listing at most
`MAX_GROUPS` groups of findings, each with its first few places.
"""

from __future__ import annotations

import html
import re

from lgstandards.codes import describe
from lgstandards.findings import Severity
from lgstandards.report import Report
from lgstandards.reporters.escape import one_line
from lgstandards.reporters.text import (
    finding_groups,
    group_advice,
    group_scope,
    group_title,
    header_pointer,
    places,
    plural,
    records_line,
    share,
    target,
    verdict,
    words,
    working_well,
)

MAX_GROUPS = 50

_ICON = {Severity.ERROR: "🔴", Severity.WARNING: "🟠", Severity.INFO: "🔵"}
_SPECIAL = re.compile(r"([\\`*_{}\[\]<>|~])")


def escape(text: str) -> str:
    """Escape text so Markdown shows it literally, on one line (safe inside a table cell)."""
    return _SPECIAL.sub(r"\\\1", " ".join(one_line(text).split()))


def code(text: str, *, cell: bool = False) -> str:
    """Return text as inline code on one line, its pipes escaped when it is in a table `cell`."""
    text = one_line(text)
    if cell:
        # GitHub splits a table row at every unescaped pipe, even inside a code span.
        text = text.replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def _html(text: str) -> str:
    """Return text escaped for an HTML line of the Markdown, on one line."""
    return html.escape(one_line(text))


def render(report: Report, *, examples: int = 3, masked: bool = False) -> str:
    """Return the report as Markdown."""
    counts = report.severity_counts()
    subject = words(report)
    mark = "✅" if report.conforms else "❌"
    word = "conforms to" if report.conforms else "does not conform to"
    out = [f"## {mark} lgstandards: {subject.whole} {word} {escape(target(report))}", ""]
    # An error about the run as a whole (nothing at the base URL) is said before any count.
    first = [n for n in report.notices if n.severity is Severity.ERROR]
    for notice in first:
        advice = f" **How to fix:** {escape(notice.advice)}" if notice.advice else ""
        out += [f"> {_ICON[notice.severity]} **{notice.severity.value}:** "
                f"{escape(notice.message)}{advice}", ""]
    facts = [plural(len(report.files), subject.unit)]
    if report.records:
        percent = share(report.invalid_records, report.records)
        if report.subject == "api":
            facts.append(f"{plural(report.records, 'check')} ran")
            facts.append(f"{report.invalid_records:,} failed ({percent})")
        else:
            facts.append(f"{plural(report.records, 'record')} read")
            facts.append(f"{report.invalid_records:,} not conforming ({percent})")
    if report.skipped:
        facts.append(f"{report.skipped:,} did not run")
    facts += [
        plural(counts[Severity.ERROR], "error"),
        plural(counts[Severity.WARNING], "warning"),
        f"{counts[Severity.INFO]:,} info",
    ]
    out += [" · ".join(facts), ""]
    if masked:
        where = "the API's responses" if report.subject == "api" else "the data"
        out += [f"Values in {where} are hidden (`--mask`).", ""]
    for notice in report.notices:
        if notice in first:
            continue
        out += [f"> {_ICON[notice.severity]} **{notice.severity.value}:** {escape(notice.message)}",
                ""]
    groups = finding_groups(report)
    if groups:
        out += ["| | Finding | Field | How many |", "| --- | --- | --- | --- |"]
        for group in groups[:MAX_GROUPS]:
            out.append(
                f"| {_ICON[group.severity]} {group.severity.value} | {code(group.code, cell=True)} "
                f"{escape(group_title(group, subject))} | "
                f"{code(header_pointer(group), cell=True) if group.pointer else ''} "
                f"| {escape(group_scope(group, report.records))} |"
            )
        if len(groups) > MAX_GROUPS:
            out.append(f"\n…and {len(groups) - MAX_GROUPS:,} more groups of findings: see the "
                       "full report.")
        out.append("")
        for group in groups[:MAX_GROUPS]:
            if not group.examples:
                continue
            out += [
                "<details>",
                # GitHub does not read Markdown inside an HTML line, so this one is HTML.
                # A line break would end the HTML block and let Markdown in: one line, always.
                f"<summary>{_ICON[group.severity]} <code>{_html(group.code)}</code> "
                f"{_html(group_title(group, subject))} — "
                f"{_html(group_scope(group, report.records))}</summary>",
                "",
            ]
            shown, more = places(group, examples)
            for place in shown:
                out.append(f"- {code(place.head())}: {escape(place.tail())}")
            if more > 0:
                out.append(f"- …and {more:,} more")
            info = describe(group.code)
            fixes = group_advice(group) or ((info.fix,) if info is not None else ())
            out += [item for fix in fixes for item in ("", f"**How to fix:** {escape(fix)}")]
            out += ["", "</details>", ""]
    omitted = sum(f.omitted for f in report.files)
    if omitted:
        out += [f"{omitted:,} further findings were counted but not kept (`--max-findings`).", ""]
    well = working_well(report)
    if well:
        out += [f"✅ {escape(well)}", ""]
    summary = records_line(report)
    out.append(f"**{escape(verdict(report))}**" + (f" {escape(summary)}" if summary else ""))
    return "\n".join(out) + "\n"
