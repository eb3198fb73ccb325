"""Reporters: each turns a report into one output format, chosen by name from one table."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    # Typing only: `lgstandards.cli` imports `reporters.escape`, and `list` needs no report.
    from lgstandards.report import Report
    from lgstandards.reporters import html

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


Reporter = Callable[["Report", ReportOptions], str]


def _module(name: str) -> Any:
    """Import one reporter's module when its format is used, not when the package is imported."""
    # A command that writes text need not load the HTML page's templates (start-up time).
    return importlib.import_module(f"lgstandards.reporters.{name}")


#: Every output format, by the name `--format` takes.
REPORTERS: Mapping[str, Reporter] = {
    "text": lambda report, options: _module("text").render(report, examples=options.examples),
    "json": lambda report, options: _module("json_report").render(report),
    "junit": lambda report, options: _module("junit").render(
        report, fail_on=options.fail_on, examples=options.examples
    ),
    "github": lambda report, options: _module("github").render(
        report, examples=options.examples
    ),
    "sarif": lambda report, options: _module("sarif").render(report),
    "markdown": lambda report, options: _module("markdown").render(
        report, examples=options.examples, masked=options.mask
    ),
    "html": lambda report, options: _module("html").render(
        report, examples=options.examples, masked=options.mask, excerpts=options.excerpts
    ),
}


def render(report: Report, fmt: str, options: ReportOptions | None = None) -> str:
    """Render a report in the named format."""
    return REPORTERS[fmt](report, options or ReportOptions())
