"""Reporters: each turns a report into one output format, chosen by name from one table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lgstandards.report import Report
from lgstandards.reporters import github, html, json_report, junit, markdown, sarif, text

__all__ = ["REPORTERS", "ReportOptions", "Reporter", "render"]


@dataclass(frozen=True)
class ReportOptions:
    """Settings shared by every reporter; each uses the ones that matter to its format."""

    #: Places shown per group of findings.
    examples: int = 3
    #: The lowest severity that fails the run: JUnit marks those test cases as failures.
    fail_on: str = "error"
    #: Whether values were hidden (`Report.masked()`); the HTML report masks its excerpts too.
    mask: bool = False
    #: Where the HTML report gets excerpts of offending records; None shows none.
    excerpts: html.Excerpts | None = None


Reporter = Callable[[Report, ReportOptions], str]

#: Every output format, by the name `--format` takes.
REPORTERS: Mapping[str, Reporter] = {
    "text": lambda report, options: text.render(report, examples=options.examples),
    "json": lambda report, options: json_report.render(report),
    "junit": lambda report, options: junit.render(
        report, fail_on=options.fail_on, examples=options.examples
    ),
    "github": lambda report, options: github.render(report, examples=options.examples),
    "sarif": lambda report, options: sarif.render(report),
    "markdown": lambda report, options: markdown.render(
        report, examples=options.examples, masked=options.mask
    ),
    "html": lambda report, options: html.render(
        report, examples=options.examples, masked=options.mask, excerpts=options.excerpts
    ),
}


def render(report: Report, fmt: str, options: ReportOptions | None = None) -> str:
    """Render a report in the named format."""
    return REPORTERS[fmt](report, options or ReportOptions())
