"""One row of an LGA planning CSV being converted: its cells, and findings placed at them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from lgstandards.conversions.dates import date_hint, parse_date
from lgstandards.findings import Finding, Severity, SourceLocation


@dataclass
class Row:
    """One CSV row being converted: its cells by LGA column, and the findings it produced."""

    name: str
    record: int
    row: int
    cells: Mapping[str, str]
    letters: Mapping[str, str]
    headers: Mapping[str, str]
    findings: list[Finding] = field(default_factory=list)
    dates: dict[str, str | None] = field(default_factory=dict)

    def get(self, column: str) -> str:
        """Return a cell's text with surrounding space removed, or '' if absent."""
        return self.cells.get(column, "").strip()

    def has(self, column: str) -> bool:
        """Return whether the file has the column at all."""
        return column in self.letters

    def report(
        self, code: str, column: str, message: str, value: Any = None,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Add a finding placed at this row's cell in `column`."""
        location = SourceLocation(
            self.name,
            record=self.record,
            row=self.row,
            column_letter=self.letters.get(column),
            header=self.headers.get(column, column) or None,
        )
        self.findings.append(Finding(code, severity, message, location=location, value=value))

    def unmapped(
        self, column: str, value: str, what: str, allowed: str,
        severity: Severity = Severity.ERROR,
    ) -> None:
        """Report a value with no equivalent in the standard."""
        self.report(
            "convert.unmapped-value", column,
            f"{column} {value!r} could not be mapped to {what}, so it was left out; {allowed}",
            value, severity,
        )

    def missing(self, column: str, message: str) -> None:
        """Report a value the register needs that the row does not give."""
        self.report("convert.missing-value", column, message)

    def date(self, column: str) -> str | None:
        """Return a cell's date as YYYY-MM-DD, reporting (once) a date that cannot be read."""
        if column in self.dates:
            return self.dates[column]
        text = self.get(column)
        parsed = parse_date(text) if text else None
        if text and parsed is None:
            self.report(
                "convert.bad-date", column,
                f"{column} {text!r} is not a date written dd/mm/yyyy, so it was left out."
                + date_hint(text),
                text,
            )
        self.dates[column] = parsed.isoformat() if parsed else None
        return self.dates[column]
