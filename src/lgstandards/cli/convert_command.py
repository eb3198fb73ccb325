"""`lgstandards convert`: turn a format councils publish today into a standard's NDJSON records."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING

import click

from lgstandards.cli.common import write_bytes
from lgstandards.errors import ConfigError

if TYPE_CHECKING:
    from lgstandards.conversions import ConversionResult, Converter
    from lgstandards.findings import Finding
    from lgstandards.report import Report


@click.command("convert")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path, allow_dash=True))
@click.option("--from", "source_format", required=True, metavar="FORMAT",
              help="The input's format: lga-planning-csv (the LGA planning applications "
                   "CSV), odp (Open Digital Planning documents), planning-data "
                   "(planning.data.gov.uk's planning-application rows) or ukbcd-bins.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
              help="Write the NDJSON records to FILE instead of standard output.")
@click.option("--organisation", metavar="DATASET:REF",
              help="The publisher's planning.data.gov.uk identifier, such as "
                   "local-authority:BIR.")
@click.option("--gss-code", "--council", "gss_code", metavar="CODE",
              help="The council's GSS code, such as E08000025.")
@click.option("--uprn", metavar="UPRN",
              help="ukbcd-bins: the UPRN of the property the scraper was run for.")
@click.option("--postcode", metavar="POSTCODE", help="ukbcd-bins: the property's postcode.")
@click.option("--mapping", "mapping", type=click.Path(path_type=Path, dir_okay=False),
              metavar="FILE",
              help="ukbcd-bins: a council mapping file saying what the council's bin colours "
                   "hold, instead of the one shipped for --council.")
@click.option("--to", "to", metavar="STANDARD@MAJOR",
              help="ukbcd-bins: the major version to write, such as "
                   "waste-property-schedule@2 (several streams a service).  [default: the newest "
                   "released]")
@click.option("--generated-at", metavar="DATE-TIME",
              help="ukbcd-bins: when the scraper ran, such as 2026-12-01T06:00:00Z.  "
                   "[default: now]")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Format of the report of values that could not be mapped.")
@click.option("--report", "report_path", type=click.Path(path_type=Path, dir_okay=False),
              metavar="FILE", help="Write that report to FILE instead of standard error.")
@click.option("--check", is_flag=True,
              help="Also validate the records against the standard, and exit 1 if they do not "
                   "conform.")
def convert(
    input_path: Path,
    source_format: str,
    output: Path | None,
    organisation: str | None,
    gss_code: str | None,
    uprn: str | None,
    postcode: str | None,
    mapping: Path | None,
    to: str | None,
    generated_at: str | None,
    fmt: str,
    report_path: Path | None,
    check: bool,
) -> int:
    """Convert a council's existing export (INPUT, or - for stdin) into a standard's records.

    The records are written as NDJSON; an unknown --from lists the formats there are.

    Every value that could not be mapped, or was mapped with a caveat, is reported with its place
    in the input. Exit codes: 0 everything was converted (warnings say what was read with a
    caveat or not carried); 1 some values could not be mapped (or, with --check, the records do
    not conform); 2 the conversion could not run.
    """
    from lgstandards.conversions import ConversionOptions, converter

    chosen = converter(source_format)
    options = ConversionOptions(
        organisation=organisation,
        gss_code=gss_code,
        source_name="<stdin>" if str(input_path) == "-" else str(input_path),
        extra={
            key: value
            for key, value in (
                ("uprn", uprn), ("postcode", postcode), ("generated_at", generated_at),
                ("mapping", None if mapping is None else str(mapping)), ("to", to),
            )
            if value is not None
        },
    )
    source: Path | bytes = sys.stdin.buffer.read() if str(input_path) == "-" else input_path
    result = chosen.convert(source, options)
    # Everything that could fail runs before the records replace an earlier output file.
    report = _report(chosen, options.source_name or "", result, output, check)
    _write_records(result, output)
    _write_report(report, fmt, report_path, result, output)
    return 0 if report.conforms else 1


def _write_records(result: ConversionResult, output: Path | None) -> None:
    """Write the records as NDJSON, one compact JSON object a line."""
    import orjson

    data = b"".join(orjson.dumps(record) + b"\n" for record in result.records)
    write_bytes(data, output, "the records")


def _report(
    chosen: Converter, name: str, result: ConversionResult, output: Path | None, check: bool
) -> Report:
    """Wrap the conversion's findings, and the check's if asked, in a report."""
    from lgstandards.findings import Severity
    from lgstandards.report import FileReport, Report

    def file_report(path: str, fmt: str, findings: list[Finding]) -> FileReport:
        bad = {f.location.record for f in findings
               if f.severity is Severity.ERROR and f.location.record is not None}
        return FileReport(
            path, fmt, len(result.records), len(bad), tuple(findings),
            MappingProxyType(Counter(f.code for f in findings)),
        )

    kind = "json" if name.lower().endswith((".json", ".ndjson")) else "csv"
    files = [file_report(name, kind, list(result.findings))]
    checks: tuple[str, ...] = ()
    # A version asked for with --to is exact and may be a draft: the records are in its shape.
    target = result.target or chosen.target
    if check:
        from lgstandards.conformance import Checker
        from lgstandards.findings import SourceLocation

        # A converter writes records of the version its code targets, draft or released.
        checker = Checker.for_standard(target, allow_draft=True)
        written = str(output) if output is not None else "<stdout>"
        found = [
            finding.with_location(SourceLocation(written, record=item.number, line=item.number))
            for item in checker.iter_records(result.records)
            for finding in item.findings
        ]
        files.append(file_report(written, "ndjson", found))
        checks = tuple(rule.code for rule in checker.rules)
    return Report(target, None, tuple(files), checks=checks)


def _write_report(
    report: Report, fmt: str, path: Path | None, result: ConversionResult, output: Path | None
) -> None:
    """Write the report as text or JSON to standard error or a file."""
    if fmt == "json":
        from lgstandards.reporters import render

        text = render(report, "json")
    else:
        from lgstandards.reporters.escape import safe_line

        text = "\n".join(map(safe_line, _text_lines(report, result, output))) + "\n"
    if path is None:
        sys.stderr.write(text)
        return
    from lgstandards import files

    try:
        files.write_text(path, text)
    except OSError as exc:
        raise ConfigError(f"cannot write the report to {path}: {exc.strerror}") from None


def _text_lines(report: Report, result: ConversionResult, output: Path | None) -> list[str]:
    """Return one line per finding, worst first within input order, then a summary."""
    from lgstandards.findings import Severity

    lines: list[str] = []
    for file in report.files:
        for finding in file.findings:
            lines.append(
                f"{finding.severity.value}: {finding.location.describe()}: {finding.message} "
                f"[{finding.code}]"
            )
    converted = report.files[0]
    errors = sum(1 for f in converted.findings if f.severity is Severity.ERROR)
    warnings = sum(1 for f in converted.findings if f.severity is Severity.WARNING)
    where = str(output) if output is not None else "standard output"
    summary = (f"Converted {_count(len(result.records), 'record')} into {report.standard}, "
               f"written to {where}.")
    if errors:
        spread = (f" in {_count(converted.invalid_records, 'record')}"
                  if converted.invalid_records else "")
        summary += f" {_count(errors, 'value')} could not be mapped{spread}."
        if warnings:
            summary += f" {_count(warnings, 'warning')}."
    elif warnings:
        # A warning is a value not carried, or carried on a reading the user should check.
        summary += (f" Not every value was mapped as given: {_count(warnings, 'warning')} "
                    "above say what was not carried or was read with a caveat.")
    else:
        summary += " Every value was mapped."
    lines.append(summary)
    if len(report.files) > 1:
        checked = report.files[1]
        lines.append(
            f"Checked against {report.standard}: "
            + (f"{checked.invalid_records} of {checked.records} records do not conform."
               if checked.invalid_records else f"all {checked.records} records conform.")
        )
    return lines


def _count(number: int, word: str) -> str:
    """Return '1 record' or '3 records'."""
    return f"{number:,} {word}" + ("" if number == 1 else "s")
