"""`lgstandards validate`: check data files against a standard, a schema file or a configuration."""

from __future__ import annotations

import contextlib
import functools
import os
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, cast

import click

from lgstandards.cli.common import (
    accepted_options,
    exit_code,
    refuse_unknown_selectors,
    report_options,
    show_report,
    split,
)
from lgstandards.errors import ConfigError, LgstandardsError
from lgstandards.reporters.escape import safe_line

if TYPE_CHECKING:
    from lgstandards.config import Check, Config
    from lgstandards.conformance import Checker, Engine
    from lgstandards.development.statements import InputDigest, StandardFiles
    from lgstandards.report import FileReport, Report
    from lgstandards.rules import RuleOptions

_INPUT_FORMATS = ("json", "ndjson", "csv")

#: Seconds a run must take before a progress bar appears, so quick runs never flicker one.
PROGRESS_DELAY = 0.5


@dataclass(frozen=True)
class Job:
    """One standard (or schema file) and the paths to check against it, with its options."""

    paths: tuple[str, ...]
    standard: str | None = None
    schema: Path | None = None
    input_format: str | None = None
    draft: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    max_findings: int | None = None
    #: Where the job came from in the configuration, for error messages.
    origin: str | None = None
    #: Extensions to apply to the standard: ids or folders.
    extensions: tuple[str, ...] = ()
    #: A profile to apply after them: an id or a folder.
    profile: str | None = None
    #: Files that could not be checked for want of a standard, with why (no `$schema` known).
    unrouted: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class Settings:
    """The run's settings after the command line, the configuration and the defaults."""

    fmt: str
    fail_on: str
    output: Path | None
    examples: int
    mask: bool
    today: date
    workers: int


#: Findings kept per file unless --max-findings says otherwise (every finding is still counted).
DEFAULT_MAX_FINDINGS = 10_000


def show_progress(choice: bool | None, stream: IO[str], env: dict[str, str] | None = None) -> bool:
    """Decide whether to draw a progress bar: when asked, or on a terminal outside CI."""
    if choice is not None:
        return choice
    environ = os.environ if env is None else env
    if environ.get("CI") or environ.get("TERM") == "dumb":
        return False
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Progress:
    """A progress display on stderr, drawn only once a run has taken PROGRESS_DELAY seconds."""

    def __init__(
        self, files: int, stream: IO[str] | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        """Prepare to show progress over `files` inputs; nothing is drawn yet."""
        self.files = files
        self.stream = stream or sys.stderr
        self.clock = clock
        self.started = clock()
        self.file_name = ""
        self.file_number = 0
        self.records = 0
        self._live: Any = None
        self._task: Any = None

    def on_file(self, name: str) -> None:
        """Note that a new input has started."""
        self.file_name = name
        self.file_number += 1
        self._refresh()

    def on_records(self, count: int) -> None:
        """Note that `count` more records were read."""
        self.records += count
        self._refresh()

    def text(self) -> str:
        """Return the progress line: records and their rate first (narrow terminals cut the end)."""
        elapsed = max(self.clock() - self.started, 1e-9)
        rate = self.records / elapsed
        files = f" (file {self.file_number:,} of {self.files:,})" if self.files > 1 else ""
        name = safe_line(Path(self.file_name).name)
        return f"{self.records:,} records, {rate:,.0f}/s: {name}{files}"

    def _refresh(self) -> None:
        if self._live is None:
            if self.clock() - self.started < PROGRESS_DELAY:
                return
            from rich.console import Console
            from rich.markup import escape as markup
            from rich.progress import BarColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
            from rich.progress import Progress as RichProgress

            console = Console(file=self.stream, soft_wrap=True)
            # A bar only means something over several files; one file shows a spinner.
            bar = (BarColumn(),) if self.files > 1 else ()
            self._live = RichProgress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                *bar,
                TimeElapsedColumn(),
                console=console,
                transient=True,
            )
            self._live.start()
            # The description is rich markup: a file name's brackets must stay text.
            self._task = self._live.add_task(markup(self.text()), total=self.files or None)
        from rich.markup import escape as markup

        self._live.update(
            self._task, description=markup(self.text()), completed=max(self.file_number - 1, 0)
        )

    def close(self) -> None:
        """Remove the progress display, if one was drawn."""
        if self._live is not None:
            self._live.stop()
            self._live = None


def _counting_checker(progress: Progress | None) -> type[Checker]:
    """Return a Checker class that reports records read to `progress` (or the plain one)."""
    from lgstandards.conformance import Checker
    from lgstandards.sources import Source

    if progress is None:
        return Checker
    meter = progress

    class CountedSource(Source):
        """A copy of a source that tells the progress display how many records it has read."""

        def __init__(self, inner: Source) -> None:
            """Read the same input as `inner`."""
            super().__init__(inner.name, inner.format, inner.path, inner.data, inner.tabular)

        def items(self) -> Any:
            """Yield the records, counting them in batches so counting costs nothing much."""
            batch = 0
            for item in super().items():
                batch += 1
                if batch == 500:
                    meter.on_records(batch)
                    batch = 0
                yield item
            meter.on_records(batch)

    class CountingChecker(Checker):
        """A checker whose sources count their records for the progress display."""

        def check_source(
            self, source: Source, *, max_findings: int | None = None, placed: int | None = None
        ) -> FileReport:
            """Check a source, counting its records as they are read."""
            return super().check_source(
                CountedSource(source), max_findings=max_findings, placed=placed
            )

        def checked_in_worker(self, report: FileReport) -> None:
            """Count a worker's file once it is done: workers cannot report as they read."""
            meter.on_records(report.records)

    return CountingChecker


def _build_checker(job: Job, options: RuleOptions, progress: Progress | None) -> Checker:
    kind = _counting_checker(progress)
    try:
        if job.extensions or job.profile:
            return kind.for_extended(job.extensions, job.profile, standard=job.standard,
                                     options=options, allow_draft=job.draft)
        if job.standard is not None:
            return kind.for_standard(job.standard, options=options, allow_draft=job.draft)
        return kind.for_schema_file(job.schema or Path(), options=options)
    except LgstandardsError as exc:
        if job.origin is None:
            raise
        raise ConfigError(f"{job.origin}: {exc}") from None


def _jobs_from_config(config: Config, paths: tuple[str, ...], draft: bool = False) -> list[Job]:
    def job(check: Check, files: tuple[str, ...], index: int) -> Job:
        key = ("standard" if check.standard else "schema" if check.schema_file
               else "extensions" if check.extensions else "profile")
        return Job(
            files,
            check.standard,
            config.schema_path(check),
            check.input_format,
            check.draft,
            check.select,
            check.ignore,
            check.max_findings,
            config.where(index, key),
            config.layer_paths(check.extensions),
            config.layer_paths((check.profile,))[0] if check.profile else None,
        )

    checks = config.settings.check
    if not checks:
        raise ConfigError(f"{config.path} has no [[check]] tables mapping files to standards")
    if not paths:
        jobs = []
        for index, (check, files) in enumerate(config.targets()):
            # A glob matching nothing is reported (source.not-found), not silently passed.
            found = files or tuple(str(config.root / pattern) for pattern in check.files)
            jobs.append(job(check, found, index))
        return jobs
    from lgstandards.sources import expand_paths

    # Folders and globs are expanded first, so each file inside goes to the check that maps it.
    expanded: list[str] = []
    for path in paths:
        files_in = [str(f) for f in expand_paths([path]).files] if path != "-" else []
        expanded.extend(files_in or [path])
    matched, unmatched = config.match(expanded)
    missing = [p for p in unmatched if not Path(p).exists() and p != "-"]
    if missing:
        raise ConfigError(
            f"{', '.join(missing)}: no such file, and no [[check]] in {config.path} matches it"
        )
    # A file no check maps is still checked when its records name a standard with $schema.
    declared, unrouted = _route([p for p in unmatched if p != "-"], draft)
    for path, _ in (*unrouted, *(("-", "") for p in unmatched if p == "-")):
        click.echo(
            safe_line(f"lgstandards: skipped {path}: no [[check]] in {config.path} matches it"),
            err=True,
        )
    if not matched and not declared:
        # Checking nothing must not look like a pass to a CI gate.
        raise ConfigError(
            f"no file given is mapped to a standard by a [[check]] in {config.path}; "
            "give the files the config maps, or use --standard"
        )
    numbers = {id(check): number for number, check in enumerate(checks)}
    return [job(check, files, numbers[id(check)]) for check, files in matched] + declared


def _route(paths: Sequence[str], draft: bool) -> tuple[list[Job], list[tuple[str, str]]]:
    """Return a job per standard the files' `$schema` names, and the files naming none known."""
    from lgstandards.development.declarations import route
    from lgstandards.registry import catalogue
    from lgstandards.sources import expand_paths

    files: list[Path] = []
    others: list[tuple[str, str]] = []
    for path in paths:
        if path == "-":
            others.append((path, "standard input cannot be routed by $schema"))
            continue
        expansion = expand_paths([path])
        files.extend(expansion.files)
        others.extend((missing, "no such file") for missing in expansion.missing)
    routed, unrouted = route(files, catalogue(), allow_draft=draft)
    jobs = [
        # A released extension may sit on a base still in draft: what it names is used.
        Job(tuple(found), target.base.ref, draft=draft or not target.base.status.released,
            extensions=target.extensions, profile=target.profile)
        for target, found in routed.values()
    ]
    return jobs, [*others, *((u.path, u.reason) for u in unrouted)]


def _jobs_from_declarations(paths: tuple[str, ...], draft: bool) -> list[Job]:
    """Return the jobs for files whose records say, with $schema, which standard they follow."""
    jobs, unrouted = _route(paths, draft)
    if not jobs:
        reasons = "; ".join(f"{path}: {why}" for path, why in unrouted)
        raise ConfigError(
            "give exactly one of --standard ID[@VERSION] or --schema FILE, name the standard in "
            "each record's $schema, or map files to standards in lgstandards.toml (see "
            "docs/configuration.md)" + (f" ({reasons})" if reasons else "")
        )
    # Files that name nothing known are reported, not skipped: they were asked for.
    return [*jobs, Job((), unrouted=tuple(unrouted))] if unrouted else jobs


def _load_config(config_file: Path | None, no_config: bool) -> Config | None:
    if no_config:
        return None
    from lgstandards.config import find_config, load_config

    path = config_file or find_config()
    return load_config(path) if path is not None else None


def _settings(
    config: Config | None,
    fmt: str | None,
    fail_on: str | None,
    output: Path | None,
    examples: int | None,
    mask: bool | None,
    today: datetime | None,
    workers: int | None,
) -> Settings:
    chosen = config.settings if config is not None else None
    configured_output = None
    if chosen is not None and chosen.output:
        assert config is not None
        configured_output = config.root / chosen.output
    if today is not None:
        the_day = today.date()
    elif chosen is not None and chosen.today is not None:
        the_day = chosen.today
    else:
        the_day = date.today()
    the_output = output or configured_output
    return Settings(
        fmt=fmt or (chosen.format if chosen else None) or _format_for(the_output) or "text",
        fail_on=fail_on or (chosen.fail_on if chosen else None) or "error",
        output=the_output,
        examples=examples
        if examples is not None
        else (chosen.examples if chosen and chosen.examples is not None else 3),
        mask=mask if mask is not None else bool(chosen and chosen.mask),
        today=the_day,
        workers=_worker_count(workers if workers is not None else chosen.jobs if chosen else None),
    )


_SUFFIX_FORMATS = {
    ".json": "json",
    ".xml": "junit",
    ".sarif": "sarif",
    ".html": "html",
    ".htm": "html",
    ".md": "markdown",
    ".txt": "text",
}


def _format_for(output: Path | None) -> str | None:
    """Return the report format a file name implies, such as html for report.html."""
    return _SUFFIX_FORMATS.get(output.suffix.lower()) if output is not None else None


def _refuse_overwriting_inputs(
    jobs: Sequence[Job], output: Path | None, option: str = "--output"
) -> None:
    """Stop before a report (or statement) is written over one of the files being checked."""
    from lgstandards.sources import expand_paths

    if output is None:
        return
    target = _resolved(output)
    if target is None:
        raise ConfigError(f"{option} {output} is a loop of symbolic links; give another path")
    for job in jobs:
        for path in expand_paths(p for p in job.paths if p != "-").files:
            if _resolved(path) == target:
                raise ConfigError(
                    f"{option} {output} is one of the files being checked; "
                    "write it somewhere else"
                )


def _resolved(path: Path) -> Path | None:
    """Return a path with its links followed, or None for a loop of links."""
    try:
        return path.resolve()
    except (RuntimeError, OSError):  # A loop: RuntimeError before Python 3.13, OSError since.
        return None


def _digests(jobs: Sequence[Job]) -> tuple[Callable[[], bytes] | None, dict[str, InputDigest]]:
    """Return standard input read once (if an input), and the digest of every input by name."""
    from lgstandards.development.statements import digest_bytes, digest_file
    from lgstandards.sources import expand_paths

    digests: dict[str, InputDigest] = {}
    read_stdin = None
    if any("-" in job.paths for job in jobs):
        data = sys.stdin.buffer.read()
        digests["<stdin>"] = digest_bytes("<stdin>", data)
        read_stdin = lambda: data  # noqa: E731 - the checker asks for a callable
    for job in jobs:
        for path in expand_paths(p for p in job.paths if p != "-").files:
            digests.setdefault(str(path), digest_file(path))
    return read_stdin, digests


def _write_statement(
    path: Path,
    jobs: Sequence[Job],
    reports: Sequence[Report],
    digests: dict[str, InputDigest],
    settings: Settings,
    rule_options: RuleOptions,
) -> None:
    """Write the conformance statement of the run: one entry per job, with its inputs."""
    from lgstandards.development.extensions import extensions
    from lgstandards.development.statements import (
        DataOptions,
        DataRun,
        base_ref,
        data_statement,
        layer_records,
        write_statement,
    )
    from lgstandards.registry import catalogue

    cat = catalogue()
    found = extensions(cat)

    def layers(job: Job) -> tuple[StandardFiles, ...]:
        """Return the extensions and profile a job applied, as the checker chose them."""
        given = None if job.standard is None else cat.select(job.standard, allow_draft=job.draft)
        bases = {} if given is None else {given.id: given.version}
        chosen = [found.load(text, "extension", allow_draft=job.draft, bases=bases)
                  for text in job.extensions]
        if job.profile is not None:
            chosen.append(found.load(job.profile, "profile", allow_draft=job.draft, bases=bases))
        return layer_records(cat, chosen)

    runs = [
        (
            DataRun(
                # Without --standard the extensions chose the base; the report names it.
                standard=job.standard or (base_ref(report.standard) if report.standard
                                          and (job.extensions or job.profile) else None),
                schema_file=str(job.schema) if job.schema is not None and not job.standard
                else None,
                select=tuple(job.select or ()),
                ignore=tuple(job.ignore or ()),
                max_findings=job.max_findings,
                input_format=job.input_format,
                draft=job.draft,
                extensions=layers(job),
            ),
            report,
        )
        for job, report in zip(jobs, reports, strict=True)
    ]
    options = DataOptions(
        fail_on=settings.fail_on,
        today=rule_options.today,
        past_days=rule_options.past_days,
        future_days=rule_options.future_days,
    )
    write_statement(data_statement(cat, runs, digests, options), path)


def _count_files(paths: Sequence[str]) -> int:
    from lgstandards.sources import expand_paths

    expansion = expand_paths(p for p in paths if p != "-")
    return len(expansion.files) + ("-" in paths)


def _worker_count(asked: int | None) -> int:
    """Return how many worker processes to use: as asked, one per usable CPU for 0, else 1."""
    if asked is None:
        return 1
    if asked == 0:
        try:
            return len(os.sched_getaffinity(0))
        except AttributeError:  # Not on Linux: every CPU counts.
            return os.cpu_count() or 1
    return asked


def _run(
    jobs: Sequence[Job], options: RuleOptions, progress: Progress | None, workers: int = 1,
    stdin: Callable[[], bytes] | None = None, each: list[Report] | None = None,
    placed: int | None = None,
    engine: Engine | None = None,
) -> Report:
    """Check each job and return the combined report; `each` receives one report per job.

    `placed`: how many records of each code and field to place findings in exactly (the text
    report shows that many examples), or None for every finding.
    """
    from lgstandards.report import Report

    reports = []
    for job in jobs:
        if job.unrouted:
            reports.append(_unrouted_report(job.unrouted))
            continue
        checker = _build_checker(job, options, progress).selecting(
            job.select or (), job.ignore or ()
        )
        report = checker.check_paths(
            job.paths,
            input_format=cast(Any, job.input_format),
            # The checker filters findings as it makes them, so the cap applies to what is kept.
            max_findings=job.max_findings,
            stdin=stdin,
            on_file=progress.on_file if progress is not None else None,
            jobs=workers,
            placed=placed,
            engine=engine,
        )
        reports.append(report.filtered(job.select or (), job.ignore or ()).capped(job.max_findings))
    if each is not None:
        each.extend(reports)
    return Report.combine(reports)


def _excerpts(places: Any, *, mask: bool) -> Any:
    """Read excerpts of the offending records for the HTML report, the one that shows them."""
    from lgstandards.reporters.html import read_excerpts

    return read_excerpts(places, mask=mask)


def _unrouted_report(files: Sequence[tuple[str, str]]) -> Report:
    """Return the report on files that could not be checked for want of a standard."""
    from lgstandards.findings import Finding, Severity, SourceLocation, frozen
    from lgstandards.report import FileReport, Report

    return Report(None, None, tuple(
        FileReport(path, findings=(Finding(
            "declaration.missing", Severity.ERROR,
            f"{path} was not checked: no standard was given, and {why}. Give --standard, or "
            "name a standard version, extension or profile in each record's $schema.",
            location=SourceLocation(path),
        ),), counts=frozen({"declaration.missing": 1}))
        for path, why in files
    ))


@click.command("validate")
@click.argument("paths", nargs=-1)
@click.option(
    "--standard",
    "-s",
    metavar="ID[@VERSION]",
    help="The standard to check against, such as waste-property-schedule@1.",
)
@click.option(
    "--schema",
    "schema_file",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Check against a local JSON Schema file instead (draft-07, 2019-09 or 2020-12).",
)
@report_options
@click.option(
    "--input-format",
    type=click.Choice(_INPUT_FORMATS),
    help="Read every input in this format instead of guessing from its name.",
)
@click.option(
    "--max-findings",
    type=click.IntRange(min=1),
    default=None,
    help="Keep at most this many findings per file; all are still counted.  "
    f"[default: {DEFAULT_MAX_FINDINGS:,}]",
)
@click.option(
    "--examples",
    type=click.IntRange(min=0),
    default=None,
    help="Places shown per group of findings.  [default: 3]",
)
@click.option(
    "--select",
    multiple=True,
    metavar="CODE",
    help="Report only these codes or categories (schema, schema.pattern, waste); "
    "repeat or separate with commas.",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="CODE",
    help="Leave out these codes or categories; repeat or separate with commas.",
)
@click.option(
    "--mask/--no-mask",
    default=None,
    help="Hide the data's values in every format (council data holds personal data).",
)
@click.option(
    "--config",
    "config_file",
    type=click.Path(path_type=Path),
    metavar="FILE",
    help="Read this configuration instead of the nearest lgstandards.toml or "
    "pyproject.toml [tool.lgstandards].",
)
@click.option("--no-config", is_flag=True, help="Read no configuration file.")
@click.option(
    "--progress/--no-progress",
    default=None,
    help="Show a progress bar on stderr.  [default: when stderr is a terminal, not CI]",
)
@click.option(
    "--today",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="The date rules treat as today (YYYY-MM-DD); defaults to the real date.",
)
@click.option(
    "--past-days",
    type=click.IntRange(min=0),
    default=400,
    show_default=True,
    help="Dates more days than this before a record's generated_at (or today) are implausible.",
)
@click.option(
    "--future-days",
    type=click.IntRange(min=0),
    default=400,
    show_default=True,
    help="Dates more days than this after a record's generated_at (or today) are implausible.",
)
@click.option("--draft", is_flag=True, help="Allow a draft or candidate version of the standard.")
@click.option(
    "--extension",
    "extensions",
    multiple=True,
    metavar="ID|PATH",
    help="Apply an extension (fields and codes added to the standard): an id such as "
    "garden-waste-subscription@1, or its folder; repeat for several.",
)
@click.option(
    "--profile",
    metavar="ID|PATH",
    help="Apply a profile (the standard narrowed for one use, such as a contract): an id or its "
    "folder.",
)
@click.option(
    "--jobs",
    "-j",
    "workers",
    type=click.IntRange(min=0),
    default=None,
    metavar="N",
    help="Check with N worker processes, sharing out files and cutting a large NDJSON file into "
    "parts, when there is 32 MiB or more to check; 0 for one per CPU.  [default: 1]",
)
@click.option(
    "--dask",
    "dask_address",
    metavar="ADDRESS",
    help="Check on a Dask cluster: a scheduler's address (tcp://HOST:8786), or 'local' for a "
    "cluster of this machine's CPUs. Needs the dask extra: pip install 'lgstandards[dask]'.",
)
@click.option(
    "--statement",
    "statement_path",
    type=click.Path(path_type=Path, dir_okay=False),
    metavar="FILE",
    help="Also write a conformance statement to FILE: the standard files' hashes, the options, "
    "each input's sha256 and the result, for `lgstandards verify`.",
)
def validate(
    paths: tuple[str, ...],
    standard: str | None,
    schema_file: Path | None,
    fmt: str | None,
    output: Path | None,
    fail_on: str | None,
    input_format: str | None,
    max_findings: int | None,
    examples: int | None,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    mask: bool | None,
    config_file: Path | None,
    no_config: bool,
    progress: bool | None,
    today: datetime | None,
    past_days: int,
    future_days: int,
    draft: bool,
    extensions: tuple[str, ...],
    profile: str | None,
    workers: int | None,
    dask_address: str | None,
    statement_path: Path | None,
) -> int:
    """Check data files (JSON, NDJSON, CSV; files, folders, globs or - for stdin).

    With no PATHS, check every file that lgstandards.toml (or [tool.lgstandards] in
    pyproject.toml) maps to a standard; with PATHS and no --standard, check each path against
    the standard its glob maps it to, or else the standard, extension or profile its first
    record names in $schema.
    """
    from lgstandards.reporters import ReportOptions
    from lgstandards.rules import RuleOptions

    if standard is not None and schema_file is not None:
        raise ConfigError("give exactly one of --standard ID[@VERSION] or --schema FILE")
    if schema_file is not None and (extensions or profile):
        raise ConfigError("--extension and --profile apply to a standard, not to --schema FILE")
    if dask_address is not None and workers is not None:
        raise ConfigError("give --jobs or --dask, not both: a Dask cluster has its own workers")
    chosen_select, chosen_ignore = split(select), split(ignore)
    refuse_unknown_selectors((*chosen_select, *chosen_ignore))
    config = _load_config(config_file, no_config)
    defaults = config.settings if config is not None else None
    if standard is not None or schema_file is not None or extensions or profile:
        if not paths:
            raise ConfigError("give the files to check after --standard, --schema, --extension "
                              "or --profile")
        jobs = [Job(paths, standard, schema_file, input_format, draft,
                    extensions=extensions, profile=profile)]
    elif config is not None:
        jobs = _jobs_from_config(config, paths, draft)
    elif paths:
        jobs = _jobs_from_declarations(paths, draft)
    else:
        raise ConfigError(
            "give exactly one of --standard ID[@VERSION] or --schema FILE, or map files to "
            "standards in lgstandards.toml (see docs/configuration.md)"
        )
    jobs = [
        Job(
            job.paths,
            job.standard,
            job.schema,
            input_format or job.input_format,
            draft or job.draft,
            chosen_select or job.select or (defaults.select if defaults else None),
            chosen_ignore or job.ignore or (defaults.ignore if defaults else None),
            max_findings
            or job.max_findings
            or (defaults.max_findings if defaults else None)
            # A cap by default keeps memory flat on a national file full of one mistake.
            or DEFAULT_MAX_FINDINGS,
            job.origin,
            job.extensions,
            job.profile,
            job.unrouted,
        )
        for job in jobs
    ]
    settings = _settings(config, fmt, fail_on, output, examples, mask, today, workers)
    _refuse_overwriting_inputs(jobs, settings.output)
    _refuse_overwriting_inputs(jobs, statement_path, "--statement")
    rule_options = RuleOptions(today=settings.today, past_days=past_days, future_days=future_days,
                               accepts=accepted_options())
    read_stdin = None
    digests: dict[str, InputDigest] = {}
    if statement_path is not None:
        # Inputs are hashed before they are checked, and standard input is read once for both.
        read_stdin, digests = _digests(jobs)
    meter = None
    if show_progress(progress, sys.stderr):
        meter = Progress(sum(_count_files(job.paths) for job in jobs))
    reports: list[Report] = []
    try:
        # The text report shows a few examples of each group: only those need a column, and
        # finding one scans the record's text.
        placed = settings.examples if settings.fmt == "text" else None
        with contextlib.ExitStack() as stack:
            engine = None
            if dask_address is not None:
                from lgstandards.distributed import DaskEngine, connect

                engine = DaskEngine(stack.enter_context(connect(dask_address)))
            report = _run(jobs, rule_options, meter, settings.workers, read_stdin, reports,
                          placed, engine)
    finally:
        if meter is not None:
            meter.close()
    if statement_path is not None:
        _write_statement(statement_path, jobs, reports, digests, settings, rule_options)
    if settings.mask:
        report = report.masked()
    options = ReportOptions(
        examples=settings.examples,
        fail_on=settings.fail_on,
        mask=settings.mask,
        excerpts=functools.partial(_excerpts, mask=settings.mask),
    )
    show_report(report, settings.fmt, settings.output, options)
    return exit_code(report, settings.fail_on)
