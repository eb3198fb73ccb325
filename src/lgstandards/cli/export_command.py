"""`lgstandards export`: a property schedule as an iCalendar feed or in the scrapers' format."""

from __future__ import annotations

import sys
from collections import Counter
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import click

from lgstandards.cli import export_records
from lgstandards.cli.common import write_bytes
from lgstandards.errors import ConfigError
from lgstandards.reporters.escape import safe_lines

if TYPE_CHECKING:
    from lgstandards.report import Report

STANDARD = "waste-property-schedule@1"

_SCHEDULE = click.argument(
    "schedule", metavar="SCHEDULE", type=click.Path(path_type=Path, allow_dash=True)
)
_OUTPUT = click.option(
    "--output", "-o", type=click.Path(path_type=Path, dir_okay=False), metavar="FILE",
    help="Write to FILE instead of standard output.",
)
_UPRN = click.option(
    "--uprn", metavar="UPRN",
    help="The property to export when SCHEDULE holds several (an NDJSON file of a council's "
         "properties); leading zeros do not matter.",
)


@click.group("export")
def export() -> None:
    """Write a standard's records in another format.

    ics and ukbcd-bins write a waste property schedule; odp and planning-data write planning
    register records. The input is checked against its standard first. Exit codes: 0 written; 1
    nothing to write; 2 the input does not conform (its findings are shown) or cannot be read.
    """


@export.command("ics")
@_SCHEDULE
@_OUTPUT
@_UPRN
@click.option("--name", "calendar_name", metavar="TEXT",
              help="The calendar's name in apps.  [default: 'Bin collections: ' and the "
                   "address]")
@click.option("--refresh", default="P1D", show_default=True, metavar="DURATION",
              help="How often apps should fetch the feed again, as an RFC 5545 duration.")
def ics(
    schedule: Path, output: Path | None, uprn: str | None, calendar_name: str | None,
    refresh: str,
) -> int:
    """Write SCHEDULE as an iCalendar (RFC 5545) feed a resident can subscribe to.

    One all-day event per collection, named after the service; moved collections say the day
    they moved from and why.
    """
    import re

    from lgstandards.conversions.ics import CalendarOptions, to_ics

    if not re.fullmatch(r"P(\d+W|\d+D|(\d+D)?T\d+H)", refresh):
        raise ConfigError(f"--refresh {refresh!r} is not a duration such as P1D, P1W or PT12H")
    record, name = _load(schedule, uprn)
    if record is None:
        return 2
    text = to_ics(record, CalendarOptions(name=calendar_name, refresh=refresh))
    write_bytes(text.encode("utf-8"), output)
    events = text.count("BEGIN:VEVENT")
    _tell(f"Wrote {events} collections of {name} as iCalendar to {_where(output)}.")
    return 0


@export.command("ukbcd-bins")
@_SCHEDULE
@_OUTPUT
@_UPRN
@click.option("--since", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              metavar="YYYY-MM-DD",
              help="Leave out collections before this day.  [default: the day the schedule was "
                   "generated]")
def ukbcd_bins(
    schedule: Path, output: Path | None, uprn: str | None, since: datetime | None
) -> int:
    """Write SCHEDULE's upcoming collections as the scrapers' {"bins": [...]} JSON.

    Each bin is {"type": the service's name, "collectionDate": "dd/mm/yyyy"}, in date order, as
    UKBinCollectionData writes them, so apps built on it can read council data unchanged. Only
    scheduled and in-progress collections are written; the format has no place for the rest.
    """
    from lgstandards.conversions.ukbcd import to_bins

    record, name = _load(schedule, uprn)
    if record is None:
        return 2
    result = to_bins(record, since.date().isoformat() if since else None)
    if not result.bins:
        _tell(f"{name} has no upcoming collection, and the scrapers' format needs at least one; "
              "nothing was written. Use --since to include earlier ones.")
        return 1
    write_bytes((result.to_json() + "\n").encode("utf-8"), output)
    skipped = f" ({result.left_out} past, done or cancelled left out)" if result.left_out else ""
    _tell(f"Wrote {len(result.bins)} collections of {name} to {_where(output)}{skipped}.")
    return 0


def _standard_of(record: Any) -> str:
    """Return the schedule version a record names in its $schema, else the 1.x default."""
    import re

    named = record.get("$schema") if isinstance(record, dict) else None
    found = re.search(r"/waste-property-schedule/([0-9]+\.[0-9]+\.[0-9]+)/schema\.json$",
                      named) if isinstance(named, str) else None
    # A record that names its exact version is checked against it, draft or not.
    return f"waste-property-schedule@{found.group(1)}" if found else STANDARD


def _load(path: Path, uprn: str | None) -> tuple[dict[str, Any] | None, str]:
    """Read, select and check one schedule; show its findings and return None if it fails."""
    from lgstandards.conformance import Checker, locate_finding
    from lgstandards.findings import Finding, Severity
    from lgstandards.limits import display_path
    from lgstandards.rules import RuleOptions
    from lgstandards.sources import Record, Source, detect_format

    if str(path) == "-":
        data = sys.stdin.buffer.read()
        source = Source("<stdin>", detect_format("-", data), data=data)
    elif not path.is_file():
        raise ConfigError(f"{display_path(path)} is not a file")
    else:
        with path.open("rb") as handle:
            head = handle.read(4096)
        source = Source(display_path(path), detect_format(str(path), head), path=path)
    records: list[Record] = []
    problems: list[Finding] = []
    for item in source.items():
        if isinstance(item, Finding):
            problems.append(item)
        else:
            records.append(item)
    standard = _standard_of(records[0].data if records else None)
    checker = Checker.for_standard(
        standard, options=RuleOptions(today=date.today()), allow_draft=standard != STANDARD
    )
    unreadable = [f for f in problems if f.severity is Severity.ERROR]
    if unreadable or not records:
        _show(checker.report([_file(source.name, len(records), problems)]))
        if not records and not unreadable:
            _tell(f"{source.name} holds no schedule.")
        return None, ""
    chosen = _choose(records, uprn, source.name)
    found = [
        f.with_location(locate_finding(source, chosen, f.pointer))
        for f in checker.check_record(chosen.data, chosen.number)
    ]
    report = checker.report([_file(source.name, 1, found)])
    if found:
        _show(report)
    place = chosen.data.get("property") if isinstance(chosen.data, dict) else None
    label = f"UPRN {place.get('uprn')}" if isinstance(place, dict) else "the property"
    if not report.conforms:
        _tell(f"{source.name} is not a conforming {STANDARD} schedule for {label}; fix the "
              "errors above first.")
        return None, label
    return chosen.data, label


def _choose(records: list[Any], uprn: str | None, name: str) -> Any:
    """Return the record to export: the one with the UPRN asked for, or the only one."""
    if uprn is None:
        if len(records) > 1:
            raise ConfigError(
                f"{name} holds {len(records)} schedules; choose one with --uprn"
            )
        return records[0]
    wanted = uprn.lstrip("0")
    for record in records:
        place = record.data.get("property") if isinstance(record.data, dict) else None
        got = place.get("uprn") if isinstance(place, dict) else None
        if isinstance(got, str) and got.lstrip("0") == wanted:
            return record
    raise ConfigError(f"{name} has no schedule for UPRN {uprn}")


def _file(name: str, records: int, findings: list[Any]) -> Any:
    """Wrap findings in a file report."""
    from lgstandards.findings import Severity
    from lgstandards.report import FileReport

    bad = {f.location.record for f in findings if f.severity is Severity.ERROR}
    return FileReport(
        name, None, records, len(bad), tuple(findings),
        MappingProxyType(Counter(f.code for f in findings)),
    )


def _show(report: Report) -> None:
    """Print a report's findings on standard error, where they cannot mix with the output."""
    from lgstandards.cli.console import print_lines
    from lgstandards.reporters.text import lines

    print_lines(lines(report), stream=sys.stderr)


def _tell(message: str) -> None:
    """Say what happened on standard error."""
    click.echo(safe_lines(message), err=True)


def _where(output: Path | None) -> str:
    """Name the output for messages."""
    return str(output) if output is not None else "standard output"


for _command in export_records.COMMANDS:
    export.add_command(_command)
