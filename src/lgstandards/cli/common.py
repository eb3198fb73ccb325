"""Pieces the commands share: report options, option parsing and writing what they produce."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

import click

from lgstandards.errors import ConfigError

if TYPE_CHECKING:
    from lgstandards.report import Report
    from lgstandards.reporters import ReportOptions

FAIL_ON = ("error", "warning", "never")
#: The report formats of `validate` and `check-api`, so a pipeline reports an API as it does data.
FORMATS = ("text", "json", "junit", "github", "sarif", "markdown", "html")

_F = TypeVar("_F", bound=Callable[..., object])

#: The --standards-dir option of the commands for people who write and host standards.
STANDARDS_DIR = click.option(
    "--standards-dir", "standards_dir", metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="A standards folder (with registry.json) to use instead of the installed standards.",
)


def report_options(command: _F) -> _F:
    """Add the --format, --output and --fail-on options that choose how a report is given."""
    for option in reversed((
        click.option("--format", "fmt", type=click.Choice(FORMATS), default=None,
                     help="Report format.  [default: text]"),
        click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE",
                     help="Write the report to FILE instead of standard output."),
        click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
                     help="The lowest severity that makes the exit code 1.  [default: error]"),
    )):
        command = option(command)
    return command


def accepted_options() -> frozenset[str]:
    """Return the options the running command accepts: its messages suggest only these."""
    command = click.get_current_context().command
    return frozenset(name for param in command.params
                     for name in (*param.opts, *param.secondary_opts) if name.startswith("--"))


def split(values: Sequence[str]) -> tuple[str, ...]:
    """Turn repeated and comma-separated option values into one tuple."""
    return tuple(p.strip() for v in values for p in v.split(",") if p.strip())


def refuse_unknown_selectors(selectors: Iterable[str]) -> None:
    """Raise ConfigError if a --select or --ignore value matches no finding code or category."""
    from lgstandards.codes import unknown_selectors

    unknown = unknown_selectors(selectors)
    if unknown:
        raise ConfigError(f"unknown finding code or category {', '.join(map(repr, unknown))} "
                          "in --select/--ignore; docs/finding-codes.md lists them")


def show_report(report: Report, fmt: str, output: Path | None, options: ReportOptions) -> None:
    """Print a text report on the terminal, or write the report in its format to output."""
    if fmt == "text" and output is None:
        from lgstandards.cli.console import print_lines
        from lgstandards.reporters.text import lines

        print_lines(lines(report, examples=options.examples))
        return
    from lgstandards.reporters import render

    write_report(render(report, fmt, options), output)


def write_report(text: str, output: Path | None) -> None:
    """Write a report to standard output, or to a file whose folders are made as needed."""
    if output is None:
        sys.stdout.write(text)
        return
    from lgstandards import files

    try:
        output.parent.mkdir(parents=True, exist_ok=True)
        files.write_text(output, text)
    except OSError as exc:
        raise ConfigError(f"cannot write the report to {output}: {exc.strerror}") from None


def exit_code(report: Report, fail_on: str) -> int:
    """Return 1 if the report has a finding at or above fail_on ('never' never fails), else 0."""
    from lgstandards.findings import Severity

    threshold = None if fail_on == "never" else Severity(fail_on)
    return 1 if report.fails(threshold) else 0


def write_bytes(data: bytes, output: Path | None, what: str | None = None) -> None:
    """Write bytes to the output file, or to standard output when there is none."""
    if output is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    from lgstandards import files

    try:
        files.write_bytes(output, data)
    except OSError as exc:
        named = f"{what} to {output}" if what else str(output)
        raise ConfigError(f"cannot write {named}: {exc.strerror}") from None
