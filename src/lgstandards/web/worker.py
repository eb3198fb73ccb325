"""Checking one uploaded file in a process of its own, stopped when it runs out of time or memory.

A thread cannot be stopped, and a file can hold a record that takes long to read; so each check
runs in a child process forked from a small server process that has lgstandards loaded (quick to
start, and never a fork of the web server's threads), with an address-space limit, and is killed
at its deadline. The child undoes gzip within the caps, checks, and renders every report asked for;
only the rendered reports come back.
"""

from __future__ import annotations

import dataclasses
import multiprocessing
import resource
import sys
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any

from lgstandards.conformance import Checker
from lgstandards.errors import LgstandardsError
from lgstandards.findings import Finding, SourceLocation
from lgstandards.reporters import ReportOptions, render
from lgstandards.reporters.html import Excerpt, read_excerpts
from lgstandards.reporters.text import verdict
from lgstandards.sources import InputFormat, Source, detect_format
from lgstandards.web.unpack import UnpackError, unpack

#: The report formats the web offers: media type and the file name a download gets.
FORMATS: Mapping[str, tuple[str, str]] = {
    "html": ("text/html; charset=utf-8", "report.html"),
    "json": ("application/json", "report.json"),
    "sarif": ("application/sarif+json", "report.sarif"),
    "markdown": ("text/markdown; charset=utf-8", "report.md"),
    "junit": ("application/xml", "report.xml"),
}

#: The upload form's value for "what the file's own `$schema` names".
DECLARED = "declared"


@dataclass(frozen=True)
class FileJob:
    """One file to check: where it is, what to call it, against what, and within which limits.

    `standard` empty, with no extension or profile, means what the file's first record's
    `$schema` names.
    """

    standard: str
    path: str
    name: str
    formats: tuple[str, ...] = ("html",)
    input_format: InputFormat | None = None
    mask: bool = False
    max_unpacked_bytes: int = 500_000_000
    max_ratio: int = 200
    max_findings: int = 10_000
    memory_bytes: int = 0
    extensions: tuple[str, ...] = ()
    profile: str | None = None


@dataclass(frozen=True)
class Checked:
    """A finished check: the verdict and each report rendered."""

    conforms: bool
    verdict: str
    records: int
    rendered: Mapping[str, str]


@dataclass(frozen=True)
class Refused:
    """A check that could not be made, with the HTTP status and a sentence for people."""

    status: int
    message: str


Outcome = Checked | Refused


def check_file(job: FileJob) -> Outcome:
    """Undo gzip, check the file against the standard and render the reports (in this process)."""
    try:
        plain = unpack(Path(job.path), max_bytes=job.max_unpacked_bytes, max_ratio=job.max_ratio)
    except UnpackError as exc:
        return Refused(exc.status, exc.message)
    with plain.open("rb") as handle:
        head = handle.read(65536)
    fmt = job.input_format or detect_format(job.name, head)
    checker = _checker(job, plain, fmt)
    if isinstance(checker, Refused):
        return checker
    source = Source(job.name, fmt, path=plain, tabular=checker.tabular)
    report = checker.report([checker.check_source(source, max_findings=job.max_findings)])
    if job.mask:
        report = report.masked()

    def excerpts(locations: Sequence[SourceLocation]) -> Mapping[SourceLocation, Excerpt]:
        """Read excerpts from the private file, though findings name the file as it was sent."""
        moved = {dataclasses.replace(where, path=str(plain)): where
                 for where in locations if where.path == job.name}
        found = read_excerpts(list(moved), mask=job.mask)
        return {moved[where]: excerpt for where, excerpt in found.items()}

    options = ReportOptions(mask=job.mask, excerpts=excerpts)
    rendered = {fmt_name: render(report, fmt_name, options) for fmt_name in job.formats}
    return Checked(report.conforms, verdict(report), report.records, rendered)


def _checker(job: FileJob, plain: Path, fmt: InputFormat) -> Checker | Refused:
    """Return the checker for what the job names, or for what the file's `$schema` names."""
    if job.extensions or job.profile is not None:
        return Checker.for_extended(job.extensions, job.profile, standard=job.standard or None)
    if job.standard:
        return Checker.for_standard(job.standard)
    from lgstandards.development.declarations import UnknownDeclaration, declared, resolve
    from lgstandards.registry import catalogue

    if fmt == "csv":
        return Refused(400, "A CSV file cannot say which standard it follows: choose the "
                            "standard to check it against.")
    items = Source(job.name, fmt, path=plain).items()
    first = next(iter(items), None)
    close = getattr(items, "close", None)
    if close is not None:
        close()
    uri = None if first is None or isinstance(first, Finding) else declared(first.data)
    if uri is None:
        return Refused(400, "The file's first record does not say which standard it follows "
                            "(it has no $schema): choose the standard to check it against.")
    try:
        target = resolve(uri, catalogue())
    except UnknownDeclaration as exc:
        return Refused(400, f"The file's first record names a schema this service cannot use: "
                            f"{exc}. Choose the standard to check it against.")
    # A released extension may sit on a base still in draft: what the data names is used.
    draft = not target.base.status.released
    if target.layers:
        return Checker.for_extended(target.extensions, target.profile,
                                    standard=target.base.ref, allow_draft=draft)
    return Checker.for_standard(target.base.ref, allow_draft=draft)


def _child(connection: Connection, job: FileJob) -> None:
    """Run one check in the child process and send its outcome back; never raise."""
    outcome: Outcome
    try:
        if job.memory_bytes:
            resource.setrlimit(resource.RLIMIT_AS, (job.memory_bytes, job.memory_bytes))
        outcome = check_file(job)
    except MemoryError:
        outcome = Refused(413, "The file needs more memory to check than this service allows. "
                               "Send it as NDJSON or CSV, which are read a record at a time, or "
                               "split it into smaller files.")
    except LgstandardsError as exc:
        outcome = Refused(400, str(exc))
    except Exception as exc:
        # The operator's log gets the kind of failure; the page gets no traceback or path.
        print(f"lgstandards serve: check failed: {type(exc).__name__}", file=sys.stderr)
        outcome = Refused(500, _BROKE)
    try:
        connection.send(outcome)
    finally:
        connection.close()


_BROKE = ("The check stopped because of a problem in lgstandards itself, not in your file. "
          "Please try again; if it happens again, tell the people who run this service.")

_CONTEXT: Any = None


def _context() -> Any:
    """Return the forkserver context, preloading lgstandards into its server once."""
    global _CONTEXT
    if _CONTEXT is None:
        context = multiprocessing.get_context("forkserver")
        # '__main__' too: each child then finds the parent's main module already loaded, rather
        # than running the parent's script again (as multiprocessing otherwise does).
        context.set_forkserver_preload(["__main__", __name__])
        _CONTEXT = context
    return _CONTEXT


def warm_up() -> None:
    """Start the process that children are forked from, with lgstandards loaded in it."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def run_limited(job: FileJob, seconds: float) -> Outcome:
    """Check a file in a child process, killing it at `seconds`; blocks, so call it in a thread."""
    context = _context()
    receiver, sender = context.Pipe(duplex=False)
    process = context.Process(target=_child, args=(sender, job), daemon=True)
    process.start()
    sender.close()
    try:
        if not receiver.poll(seconds):
            return Refused(503, f"The check took longer than {seconds:g} seconds, the most this "
                                "service allows, and was stopped. Split the file into smaller "
                                "files, or check it with the lgstandards command.")
        outcome: Outcome = receiver.recv()
        return outcome
    except (EOFError, OSError):
        # The child died without a word: killed for memory by the system, most likely.
        return Refused(413, "The check stopped before it finished, probably for lack of memory. "
                            "Split the file into smaller files and try again.")
    finally:
        if process.is_alive():
            process.kill()
        process.join(5)
        receiver.close()
