"""`lgstandards validate`: check data files against a standard or a schema file."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import click

from lgstandards.errors import ConfigError

_FAIL_ON = ("error", "warning", "never")


@click.command("validate")
@click.argument("paths", nargs=-1, required=True)
@click.option("--standard", "-s", metavar="ID[@VERSION]",
              help="The standard to check against, such as waste-property-schedule@1.")
@click.option("--schema", "schema_file", type=click.Path(path_type=Path), metavar="FILE",
              help="Check against a local JSON Schema file instead (draft-07, 2019-09 or 2020-12).")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Report format.")
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE",
              help="Write the report to FILE instead of standard output.")
@click.option("--fail-on", type=click.Choice(_FAIL_ON), default="error", show_default=True,
              help="The lowest severity that makes the exit code 1.")
@click.option("--input-format", type=click.Choice(["json", "ndjson", "csv"]),
              help="Read every input in this format instead of guessing from its name.")
@click.option("--max-findings", type=click.IntRange(min=1), default=None,
              help="Keep at most this many findings per file (all are still counted).")
@click.option("--examples", type=click.IntRange(min=0), default=3, show_default=True,
              help="Locations shown per group of findings in the text report.")
@click.option("--today", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
              help="The date rules treat as today (YYYY-MM-DD); defaults to the real date.")
@click.option("--draft", is_flag=True, help="Allow a draft or candidate version of the standard.")
def validate(
    paths: tuple[str, ...],
    standard: str | None,
    schema_file: Path | None,
    fmt: str,
    output: Path | None,
    fail_on: str,
    input_format: str | None,
    max_findings: int | None,
    examples: int,
    today: object,
    draft: bool,
) -> int:
    """Check data files (JSON, NDJSON, CSV; files, folders, globs or - for stdin)."""
    from lgstandards.conformance import Checker
    from lgstandards.findings import Severity
    from lgstandards.reporters import ReportOptions, render
    from lgstandards.reporters.text import lines
    from lgstandards.rules import RuleOptions

    if (standard is None) == (schema_file is None):
        raise ConfigError("give exactly one of --standard ID[@VERSION] or --schema FILE")
    the_day = today.date() if hasattr(today, "date") else date.today()
    options = RuleOptions(today=the_day)
    checker = (
        Checker.for_standard(standard, options=options, allow_draft=draft)
        if standard is not None
        else Checker.for_schema_file(schema_file or Path(), options=options)
    )
    report = checker.check_paths(paths, input_format=input_format,  # type: ignore[arg-type]
                                 max_findings=max_findings)
    if output is not None:
        try:
            output.write_text(render(report, fmt, ReportOptions(examples=examples)), encoding="utf-8")
        except OSError as exc:
            raise ConfigError(f"cannot write the report to {output}: {exc.strerror}") from None
    elif fmt == "text":
        from lgstandards.cli.console import print_lines

        print_lines(lines(report, examples=examples))
    else:
        sys.stdout.write(render(report, fmt))
    threshold = None if fail_on == "never" else Severity(fail_on)
    return 1 if report.fails(threshold) else 0
