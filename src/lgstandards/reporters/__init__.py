"""Reporters: each turns a report into one output format, chosen by name from one table."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass

from lgstandards.report import Report
from lgstandards.reporters import json_report, text

__all__ = ["REPORTERS", "Reporter", "ReportOptions", "render"]


@dataclass(frozen=True)
class ReportOptions:
    """Settings shared by every reporter."""

    examples: int = 3
    fail_on: str = "error"


Reporter = Callable[[Report, ReportOptions], str]

#: Every output format, by the name `--format` takes.
REPORTERS: Mapping[str, Reporter] = {
    "text": lambda report, options: text.render(report, examples=options.examples),
    "json": lambda report, options: json_report.render(report),
}


def render(report: Report, fmt: str, options: ReportOptions | None = None) -> str:
    """Render a report in the named format."""
    return REPORTERS[fmt](report, options or ReportOptions())
