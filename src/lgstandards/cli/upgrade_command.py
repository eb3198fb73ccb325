"""`lgstandards upgrade`: move data to a standard's next major version through its migrations."""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lgstandards.errors import ConfigError

if TYPE_CHECKING:
    from lgstandards.development.upgrade import FileUpgrade, Upgrader
    from lgstandards.findings import Severity
    from lgstandards.report import FileReport, Report
    from lgstandards.sources import Source

_REF = re.compile(r"^(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)@(?P<version>[0-9]+(?:\.[0-9]+){0,2})$")


@click.command("upgrade")
@click.argument("paths", nargs=-1, required=True, metavar="FILE...")
@click.option("--to", "to", required=True, metavar="ID@MAJOR",
              help="The version to upgrade to, such as waste-property-schedule@2.")
@click.option("--from", "from_ref", metavar="ID@MAJOR",
              help="The version of records without $schema.  [default: the major before --to]")
@click.option("--output", "-o", type=click.Path(path_type=Path), metavar="FILE|DIR",
              help="Write the upgraded data to FILE, or into DIR under the inputs' names "
                   "(needed for several inputs).  [default: standard output]")
@click.option("--draft", is_flag=True, help="Allow a draft or candidate version as --to.")
@click.option("--standards-dir", "standards_dir", metavar="DIR",
              type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="A standards folder (with registry.json) to use instead of the installed "
                   "standards.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Format of the report of notes and findings.")
@click.option("--report", "report_path", type=click.Path(path_type=Path, dir_okay=False),
              metavar="FILE", help="Write that report to FILE instead of standard error.")
@click.option("--max-findings", type=click.IntRange(min=1), default=None,
              help="Keep at most this many notes and findings per file; all are still counted.  "
                   "[default: 10,000]")
def upgrade(
    paths: tuple[str, ...],
    to: str,
    from_ref: str | None,
    output: Path | None,
    draft: bool,
    standards_dir: Path | None,
    fmt: str,
    report_path: Path | None,
    max_findings: int | None,
) -> int:
    """Upgrade data files (JSON, JSON arrays, NDJSON; or - for stdin) to a newer major version.

    Each record's version comes from its $schema, else --from, else the major before --to; the
    migrations each major ships take it there, notes (lossy changes above all) are reported
    with file and record, and the result is validated against the new version. Output keeps the
    input's form. A file with a record that cannot be upgraded is not written. Exit codes: 0
    everything upgraded and valid; 1 a record could not be upgraded or the output is not valid;
    2 the upgrade could not run.
    """
    from lgstandards.development.upgrade import DEFAULT_MAX_FINDINGS, Upgrader
    from lgstandards.registry import catalogue

    cat = catalogue(standards_dir)
    target = cat.select(to, allow_draft=draft)
    upgrader = Upgrader(target, cat, assume_major=_from_major(from_ref, target.id))
    sources, missing = _sources(paths)
    if len(sources) > 1 and output is None:
        raise ConfigError("several inputs need --output DIR, a folder to write them into")
    targets = _targets(sources, output)
    cap = max_findings or DEFAULT_MAX_FINDINGS
    files: list[FileReport] = list(missing)
    written: list[tuple[FileUpgrade, Path | None]] = []
    for source in sources:
        destination = targets[source.name]
        if destination is None:
            result = _to_stdout(upgrader, source, cap)
        else:
            result = upgrader.upgrade_to(source, destination, max_findings=cap)
        files.append(result.report)
        written.append((result, destination))
    report = upgrader.report(files)
    _write_report(report, fmt, report_path, written, upgrader)
    return 0 if report.conforms and all(r.complete for r, _ in written) else 1


def _from_major(from_ref: str | None, standard: str) -> int | None:
    """Return the major --from names, checking it names the standard being upgraded."""
    if from_ref is None:
        return None
    match = _REF.match(from_ref.strip())
    if match is None:
        raise ConfigError(f"--from takes ID@MAJOR, such as {standard}@1 (got {from_ref!r})")
    if match["id"] != standard:
        raise ConfigError(
            f"--from names {match['id']}, but --to upgrades {standard}: give {standard}@MAJOR"
        )
    return int(match["version"].split(".")[0])


def _sources(paths: tuple[str, ...]) -> tuple[list[Source], list[FileReport]]:
    """Return a source for each input file, and a report for each argument that names none."""
    from lgstandards.findings import Finding, Severity, SourceLocation, frozen
    from lgstandards.limits import display_path, special_kind
    from lgstandards.report import FileReport
    from lgstandards.sources import Source, detect_format, expand_paths

    expansion = expand_paths(p for p in paths if p != "-")
    missing = [
        FileReport(name, findings=(Finding(
            "source.not-found", Severity.ERROR,
            f"{name} matches no file that lgstandards can read (.json, .ndjson, .jsonl).",
            location=SourceLocation(name),
        ),), counts=frozen({"source.not-found": 1}))
        for name in expansion.missing
    ]
    sources: list[Source] = []
    if "-" in paths:
        data = sys.stdin.buffer.read()
        sources.append(Source("<stdin>", detect_format("-", data), data=data))
    for path in expansion.files:
        head = b""
        try:
            if special_kind(path) is None:  # A pipe with no writer would hang the open.
                with path.open("rb") as handle:
                    head = handle.read(65536)
        except OSError:
            pass  # Reading the source reports why it cannot be read.
        sources.append(Source(display_path(path), detect_format(str(path), head), path=path))
    return sources, missing


def _targets(sources: list[Source], output: Path | None) -> dict[str, Path | None]:
    """Return where each source's upgraded data goes: a file, or None for standard output."""
    if output is None:
        return {s.name: None for s in sources}
    into_folder = len(sources) > 1 or output.is_dir() or str(output).endswith(("/", "\\"))
    targets: dict[str, Path | None] = {}
    for source in sources:
        if not into_folder:
            targets[source.name] = output
            continue
        name = _output_name(source)
        destination = output / name
        clash = [n for n, t in targets.items() if t == destination]
        if clash:
            raise ConfigError(
                f"{clash[0]} and {source.name} would both be written to {destination}; "
                "upgrade them into different folders"
            )
        targets[source.name] = destination
    inputs = {s.path.resolve() for s in sources if s.path is not None}
    for name, place in targets.items():
        if place is not None and place.resolve() in inputs:
            raise ConfigError(
                f"{place} is one of the inputs ({name}); write the upgraded data elsewhere "
                "and keep the old file"
            )
    return targets


def _output_name(source: Source) -> str:
    """Return the name of a source's output in a folder: its own, without a final .gz."""
    if source.path is None:
        return "stdin.ndjson" if source.format == "ndjson" else "stdin.json"
    name = source.path.name
    return name[:-3] if name.lower().endswith(".gz") else name


def _to_stdout(upgrader: Upgrader, source: Source, cap: int) -> FileUpgrade:
    """Upgrade a source into a temporary file, copied to standard output only when complete."""
    with tempfile.TemporaryFile() as spool:
        result = upgrader.upgrade_source(source, spool, max_findings=cap)
        if result.complete:
            spool.seek(0)
            shutil.copyfileobj(spool, sys.stdout.buffer)
            sys.stdout.flush()
    return result


def _write_report(
    report: Report,
    fmt: str,
    path: Path | None,
    written: list[tuple[FileUpgrade, Path | None]],
    upgrader: Upgrader,
) -> None:
    """Write the report as text or JSON to standard error (the data may be on stdout) or a file."""
    if fmt == "json":
        from lgstandards.reporters import render

        text = render(report, "json")
    else:
        from lgstandards.reporters.escape import safe_line

        text = "\n".join(map(safe_line, _text_lines(report, written, upgrader))) + "\n"
    if path is None:
        sys.stderr.write(text)
        return
    from lgstandards import files

    try:
        files.write_text(path, text)
    except OSError as exc:
        raise ConfigError(f"cannot write the report to {path}: {exc.strerror}") from None


def _text_lines(
    report: Report, written: list[tuple[FileUpgrade, Path | None]], upgrader: Upgrader
) -> list[str]:
    """Return one line per finding, then a line per input saying what became of it."""
    from lgstandards.findings import Severity

    lines = [
        f"{f.severity.value}: {f.location.describe()}"
        + (f" {f.pointer}" if f.pointer else "")
        + f": {f.message} [{f.code}]"
        for f in report.findings
    ]
    outcome = {id(result.report): (result, destination) for result, destination in written}
    for file in report.files:
        result, destination = outcome.get(id(file), (None, None))
        lossy = file.counts.get("upgrade.lossy", 0)
        changed = file.counts.get("upgrade.changed", 0)
        errors = sum(
            n for code, n in file.counts.items() if _severity(file, code) is Severity.ERROR
        )
        where = str(destination) if destination is not None else "standard output"
        if result is None or not result.complete:
            lines.append(f"{file.path}: not upgraded; nothing was written.")
            continue
        line = (
            f"{file.path}: {_count(file.records, 'record')} upgraded to {upgrader.target.ref}, "
            f"written to {where}"
        )
        if changed or lossy:
            line += f"; {_count(changed, 'change')} noted, {lossy} lossy"
        line += (
            f"; {_count(file.invalid_records, 'record')} not valid under {upgrader.target.ref} "
            f"({_count(errors, 'error')})."
            if errors
            else f"; valid under {upgrader.target.ref}."
        )
        lines.append(line)
    return lines


def _severity(file: FileReport, code: str) -> Severity | None:
    """Return the severity of a code's findings in a file, from a kept one or the code list."""
    from lgstandards.codes import describe

    for finding in file.findings:
        if finding.code == code:
            return finding.severity
    info = describe(code)
    return info.severity if info is not None else None


def _count(number: int, word: str) -> str:
    """Return '1 record' or '3 records'."""
    return f"{number:,} {word}" + ("" if number == 1 else "s")
