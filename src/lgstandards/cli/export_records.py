"""`lgstandards export odp` and `export planning-data`: register records in other formats.

Each reads a whole file of records (JSON, NDJSON or CSV in the register's tabular form), checks it
against the register first and refuses one that does not conform, then writes every record and
lists on standard error what the other format has no place for.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from lgstandards.cli.common import write_bytes
from lgstandards.errors import ConfigError
from lgstandards.reporters.escape import safe_line

if TYPE_CHECKING:
    from lgstandards.findings import Finding

_INPUT = click.argument(
    "records_path", metavar="RECORDS", type=click.Path(path_type=Path, allow_dash=True)
)
_OUTPUT = click.option(
    "--output", "-o", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
    help="Write to FILE instead of standard output.",
)


@click.command("odp")
@_INPUT
@_OUTPUT
def odp(records_path: Path, output: Path | None) -> int:
    """Write planning register records as Open Digital Planning post-submission documents.

    One document per record (a list for several). The documents hold what the register holds;
    ODP's submission, case officer and comment settings must be added from the back office.
    """
    return _export("odp", records_path, output)


@click.command("planning-data")
@_INPUT
@_OUTPUT
def planning_data(records_path: Path, output: Path | None) -> int:
    """Write planning register records as planning.data.gov.uk's planning-application CSV.

    One row per record, with the dataset's fields; several application types go in one cell
    separated by ';'.
    """
    return _export("planning-data", records_path, output)


COMMANDS = (odp, planning_data)


def _export(name: str, path: Path, output: Path | None) -> int:
    """Load, check and export the records; show what was not carried."""
    from lgstandards.conversions import exporter

    chosen = exporter(name)
    records, source = _load(path, chosen.source)
    if records is None:
        return 2
    result = chosen.export(records, source)
    write_bytes(result.data, output)
    _show(chosen.source, source, len(records), list(result.findings))
    where = safe_line(str(output)) if output is not None else "standard output"
    click.echo(f"Wrote {result.records:,} record{'s' * (result.records != 1)} as {name} to "
               f"{where}.", err=True)
    return 0


def _load(path: Path, standard: str) -> tuple[list[Any] | None, str]:
    """Read every record of the file and check it; show the findings and return None if not."""
    from lgstandards.conformance import Checker, locate_finding
    from lgstandards.findings import Finding, Severity
    from lgstandards.limits import display_path
    from lgstandards.rules import RuleOptions
    from lgstandards.sources import Source, detect_format

    # The exporter names the major version it reads; its draft is used until it is released.
    checker = Checker.for_standard(standard, options=RuleOptions(today=date.today()),
                                   allow_draft=True)
    if str(path) == "-":
        data = sys.stdin.buffer.read()
        source = Source("<stdin>", detect_format("-", data), data=data, tabular=checker.tabular)
    elif not path.is_file():
        raise ConfigError(f"{display_path(path)} is not a file")
    else:
        with path.open("rb") as handle:
            head = handle.read(4096)
        source = Source(display_path(path), detect_format(str(path), head), path=path,
                        tabular=checker.tabular)
    records: list[Any] = []
    found: list[Finding] = []
    for item in source.items():
        if isinstance(item, Finding):
            found.append(item)
            continue
        records.append(item.data)
        found.extend(f.with_location(locate_finding(source, item, f.pointer))
                     for f in checker.check_record(item.data, item.number))
    errors = [f for f in found if f.severity is Severity.ERROR]
    if errors or not records:
        _show(standard, source.name, len(records), errors or found)
        click.echo(safe_line(
            f"{source.name} holds no records." if not records and not errors else
            f"{source.name} does not conform to {standard}; fix the errors above first."),
            err=True,
        )
        return None, source.name
    return records, source.name


def _show(standard: str, name: str, records: int, findings: list[Finding]) -> None:
    """Print one line per finding on standard error, where they cannot mix with the output."""
    for finding in findings:
        click.echo(safe_line(
            f"{finding.severity.value}: {finding.location.describe()}: {finding.message} "
            f"[{finding.code}]"), err=True)
