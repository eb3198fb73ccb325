"""Conformance statements: evidence that data or an API passed a check, that anyone can verify.

A statement names the exact standard versions used with the sha256 of every file of them (and of
every version they `$ref`), the tool and its version, the options that change verdicts, a digest
of each input (or the base URL and time for an API), and the result. It holds no finding values,
no headers and no probe values: a statement is meant to be handed to a buyer and published.
`lgstandards.development.verification` checks one against the installed registry and, given the
inputs, checks the data again and confirms the same result.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urldefrag, urljoin

from lgstandards.errors import LgstandardsError
from lgstandards.files import write_text
from lgstandards.findings import Severity
from lgstandards.lock import lock_path, read_lock, sha256_file, version_files
from lgstandards.registry import Catalogue, StandardVersion
from lgstandards.report import FileReport, Report

if TYPE_CHECKING:
    from lgstandards.apicheck.runner import ApiCheckOptions
    from lgstandards.development.extensions import ExtensionVersion

#: The version of a statement's shape; see `lgstandards/schemas/statement.schema.json`.
STATEMENT_FORMAT = "1.0"

#: The `$id` of the JSON Schema every statement of this format conforms to.
STATEMENT_SCHEMA_ID = "https://schemas.lgstandards.org/tool/statement/1.0/schema.json"

#: Why a standard version is in a statement: checked against, `$ref`d by one that was, or (for
#: runs with them) an extension or profile applied on top.
Role = Literal["checked", "referenced", "extension", "profile"]

#: The two levels of an API standard's checks, after Open Referral UK: core failures are errors,
#: extended ones warnings. A level passes when nothing at or above its severity was found.
ApiLevel = Literal["core", "extended"]


class StatementError(LgstandardsError):
    """A statement cannot be written, or read as a statement at all; exit code 2."""


# -- what a statement is made of ---------------------------------------------------------------


@dataclass(frozen=True)
class StandardFiles:
    """A standard version a statement relies on, with the sha256 of each of its files."""

    ref: str
    uri: str
    role: Role
    status: str
    #: True when the version is released and its files are exactly those the lock records.
    locked: bool
    files: Mapping[str, str]

    def to_dict(self) -> dict[str, Any]:
        """Return the version's entry in a statement."""
        return {
            "ref": self.ref,
            "id": self.uri,
            "role": self.role,
            "status": self.status,
            "locked": self.locked,
            "files": dict(sorted(self.files.items())),
        }


@dataclass(frozen=True)
class InputDigest:
    """One input as a statement records it: its name, size and sha256 (None for a pipe)."""

    path: str
    size: int | None
    sha256: str | None


@dataclass(frozen=True)
class DataRun:
    """One standard (or schema file) and the options a `validate` run checked files with."""

    standard: str | None
    schema_file: str | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    max_findings: int | None = None
    input_format: str | None = None
    draft: bool = False
    #: Extensions and profiles applied on top of the standard, as the versions they are.
    extensions: tuple[StandardFiles, ...] = ()


@dataclass(frozen=True)
class DataOptions:
    """The run-wide options of `validate` that change a verdict."""

    fail_on: str = "error"
    today: date | None = None
    past_days: int = 400
    future_days: int = 400


# -- hashing -----------------------------------------------------------------------------------


def digest_file(path: Path, name: str | None = None) -> InputDigest:
    """Return the digest of a file; a pipe or missing file has no size or sha256."""
    shown = name if name is not None else str(path)
    try:
        if not path.is_file():
            return InputDigest(shown, None, None)
        return InputDigest(shown, path.stat().st_size, sha256_file(path))
    except OSError:
        return InputDigest(shown, None, None)


def digest_bytes(name: str, data: bytes) -> InputDigest:
    """Return the digest of an input read whole, such as standard input."""
    return InputDigest(name, len(data), hashlib.sha256(data).hexdigest())


def version_record(cat: Catalogue, version: StandardVersion, role: Role) -> StandardFiles:
    """Return one version's files and hashes, as the lock records them when it is released."""
    hashes = {relative: sha256_file(path) for relative, path in version_files(version.folder)}
    locked = False
    if version.status.released:
        lock = read_lock(lock_path(cat))
        entry = lock.versions.get(f"{version.id}/{version.version}") if lock else None
        # The lock's hashes are the promise; they count only if the files still keep it.
        locked = entry is not None and dict(entry) == hashes
    return StandardFiles(
        version.ref, version.schema_uri, role, version.status.value, locked, hashes
    )


def layer_record(
    ref: str, uri: str, role: Role, status: str, folder: Path, *, locked: bool = False
) -> StandardFiles:
    """Return an extension's or profile's files and hashes, read from its version folder."""
    hashes = {relative: sha256_file(path) for relative, path in version_files(folder)}
    return StandardFiles(ref, uri, role, status, locked, hashes)


def layer_records(cat: Catalogue, layers: Iterable[ExtensionVersion]) -> tuple[StandardFiles, ...]:
    """Return extensions' and profiles' files and hashes, locked when the lock guards them."""
    from lgstandards.development.extensions import FOLDERS

    lock = read_lock(lock_path(cat))
    records = []
    for layer in layers:
        record = layer_record(layer.ref, layer.uri, layer.kind, layer.status.value, layer.folder)
        entry = (lock.versions.get(f"{FOLDERS[layer.kind]}/{layer.id}/{layer.version}")
                 if lock is not None and not layer.local and layer.status.released else None)
        records.append(dataclasses.replace(
            record, locked=entry is not None and dict(entry) == dict(record.files)))
    return tuple(records)


def base_ref(name: str) -> str:
    """Return the base version of what a report names: `id@x.y.z` before any `+extension`."""
    return name.partition("+")[0]


def standards_used(
    cat: Catalogue, versions: Iterable[StandardVersion], role: Role = "checked"
) -> tuple[StandardFiles, ...]:
    """Return the versions given and every version their schemas or OpenAPI documents `$ref`."""
    found: dict[str, StandardFiles] = {}
    queue = [(version, role) for version in versions]
    while queue:
        version, why = queue.pop(0)
        if version.ref in found:
            continue
        found[version.ref] = version_record(cat, version, why)
        queue.extend((used, "referenced") for used in _referenced(cat, version))
    return tuple(found.values())


def _referenced(cat: Catalogue, version: StandardVersion) -> list[StandardVersion]:
    """Return the other versions a version's schema and OpenAPI document `$ref`."""
    used: list[StandardVersion] = []
    for name in ("schema.json", "openapi.json"):
        path = version.folder / name
        if not path.is_file():
            continue
        try:
            document = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            continue  # A broken file still has its hash recorded; lint reports it.
        here = f"{cat.base_uri}{version.id}/{version.version}/{name}"
        for ref in _refs(document):
            uri = urldefrag(urljoin(here, ref))[0]
            if not uri.startswith(cat.base_uri):
                continue
            standard, _, rest = uri[len(cat.base_uri):].partition("/")
            number = rest.partition("/")[0]
            if (standard, number) == (version.id, version.version):
                continue
            try:
                other = cat.select(f"{standard}@{number}", allow_draft=True)
            except LgstandardsError:
                continue  # Not in the registry: validation would already have failed on it.
            if other.version == number and other not in used:
                used.append(other)
    return used


def _refs(node: Any) -> Iterable[str]:
    """Yield every `$ref` string anywhere in a JSON document."""
    stack = [node]
    while stack:
        current = stack.pop()
        if isinstance(current, dict):
            ref = current.get("$ref")
            if isinstance(ref, str):
                yield ref
            stack.extend(current.values())
        elif isinstance(current, list):
            stack.extend(current)


# -- building statements -----------------------------------------------------------------------


def tool_version() -> str:
    """Return the installed lgstandards version."""
    try:
        return metadata.version("lgstandards")
    except metadata.PackageNotFoundError:  # Run from a checkout that was never installed.
        from lgstandards import __version__

        return __version__


def _now(clock: Callable[[], datetime] | None) -> str:
    moment = (clock or (lambda: datetime.now(UTC)))()
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _head(subject: str, created: str, standards: Sequence[StandardFiles]) -> dict[str, Any]:
    return {
        "$schema": STATEMENT_SCHEMA_ID,
        "statement_format": STATEMENT_FORMAT,
        "subject": subject,
        "tool": {"name": "lgstandards", "version": tool_version()},
        "created": created,
        "standards": [s.to_dict() for s in standards],
    }


def file_result(file: FileReport) -> dict[str, Any]:
    """Return what a statement records of one input's result: counts, never findings."""
    counts = Report(None, None, (file,)).severity_counts()
    return {
        "format": file.format,
        "records": file.records,
        "invalid_records": file.invalid_records,
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "info": counts[Severity.INFO],
        "counts": dict(sorted(file.counts.items())),
    }


def _totals(report: Report, fail_on: str) -> dict[str, Any]:
    counts = report.severity_counts()
    threshold = None if fail_on == "never" else Severity(fail_on)
    return {
        "conforms": report.conforms,
        "passes": not report.fails(threshold),
        "files": len(report.files),
        "records": report.records,
        "invalid_records": report.invalid_records,
        "errors": counts[Severity.ERROR],
        "warnings": counts[Severity.WARNING],
        "info": counts[Severity.INFO],
    }


def data_statement(
    cat: Catalogue,
    runs: Sequence[tuple[DataRun, Report]],
    digests: Mapping[str, InputDigest],
    options: DataOptions,
    *,
    clock: Callable[[], datetime] | None = None,
) -> dict[str, Any]:
    """Return the statement of a `validate` run: each standard's run, its inputs and results.

    `digests` maps each input's name, as its file report gives it, to its digest, taken before
    it was checked.
    """
    # The exact version each checker used (a report names it), not the selector it was given.
    checked = [
        cat.select(base_ref(report.standard), allow_draft=True)
        for run, report in runs
        if run.standard and report.standard
    ]
    standards = list(standards_used(cat, checked))
    for run, _ in runs:
        standards.extend(s for s in run.extensions if s.ref not in {t.ref for t in standards})
    entries = []
    for run, report in runs:
        schema_file = None
        if run.schema_file is not None:
            digest = digest_file(Path(run.schema_file))
            schema_file = {"path": run.schema_file, "size": digest.size, "sha256": digest.sha256}
        entries.append({
            "standard": base_ref(report.standard) if run.standard and report.standard else None,
            "schema_file": schema_file,
            "extensions": [s.ref for s in run.extensions if s.role == "extension"],
            "profiles": [s.ref for s in run.extensions if s.role == "profile"],
            "select": list(run.select),
            "ignore": list(run.ignore),
            "max_findings": run.max_findings,
            "input_format": run.input_format,
            "draft": run.draft,
            "inputs": [
                {
                    "path": file.path,
                    "size": digests[file.path].size if file.path in digests else None,
                    "sha256": digests[file.path].sha256 if file.path in digests else None,
                    "result": file_result(file),
                }
                for file in report.files
            ],
            "result": _totals(report, options.fail_on),
        })
    combined = Report.combine([report for _, report in runs]) if runs else Report(None, None, ())
    return {
        **_head("data", _now(clock), standards),
        "options": {
            "fail_on": options.fail_on,
            "today": options.today.isoformat() if options.today else None,
            "past_days": options.past_days,
            "future_days": options.future_days,
        },
        "runs": entries,
        "result": _totals(combined, options.fail_on),
    }


def api_levels(report: Report) -> dict[str, str]:
    """Return whether each level passed: core when no check erred, extended when none warned."""
    counts = report.severity_counts()
    core = counts[Severity.ERROR] == 0
    return {
        "core": "pass" if core else "fail",
        "extended": "pass" if core and counts[Severity.WARNING] == 0 else "fail",
    }


def api_statement(
    cat: Catalogue,
    options: ApiCheckOptions,
    report: Report,
    *,
    level: ApiLevel,
    fail_on: str,
    select: Sequence[str] = (),
    ignore: Sequence[str] = (),
    started: datetime,
    finished: datetime,
) -> dict[str, Any]:
    """Return the statement of a `check-api` run: where, when, which checks, and each level."""
    from lgstandards.apicheck.client import Redactor, url_secrets
    from lgstandards.apicheck.runner import api_version

    version = api_version(options.standard, cat, allow_draft=True)
    layers: tuple[StandardFiles, ...] = ()
    if options.extensions or options.profile is not None:
        from lgstandards.apicheck.runner import effective_bodies

        layers = layer_records(cat, (layer for effective in effective_bodies(version, cat, options)
                                     for layer in effective.layers))
    # Secrets in a URL (a password, a key in the query) or in headers never reach a statement.
    redactor = Redactor([*options.headers.values(), *url_secrets(options.base_url),
                         *(v for k, v in options.probes.items() if k == "api_key")])
    counts = report.severity_counts()
    threshold = None if fail_on == "never" else Severity(fail_on)
    levels = api_levels(report)
    return {
        **_head("api", _now(lambda: finished), (*standards_used(cat, [version]), *layers)),
        "options": {
            "fail_on": fail_on,
            "level": level,
            "select": list(select),
            "ignore": list(ignore),
            "draft": options.allow_draft,
            "allow_writes": options.allow_writes,
            "verify_tls": options.verify_tls,
            # Probe values can identify a household (a UPRN, a postcode): only their names.
            "probes": sorted(options.probes),
            "rate_limit": options.limits.rate_limit,
            "connect_timeout": options.limits.connect_timeout,
            "timeout": options.limits.timeout,
            "max_bytes": options.limits.max_bytes,
        },
        "api": {
            "standard": version.ref,
            "base_url": redactor.url(options.base_url),
            "sandbox_url": redactor.url(options.sandbox_url) if options.sandbox_url else None,
            "started": _now(lambda: started),
            "finished": _now(lambda: finished),
            "checks": list(report.checks),
            "operations": [
                {
                    "operation": file.path,
                    "checks": file.records,
                    "failed": file.invalid_records,
                    "skipped": file.skipped,
                    "counts": dict(sorted(file.counts.items())),
                }
                for file in report.files
            ],
        },
        "result": {
            "level": level,
            "passes": not report.fails(threshold),
            "core": levels["core"],
            "extended": levels["extended"],
            "checks_run": report.records,
            "checks_failed": report.invalid_records,
            "skipped": report.skipped,
            "errors": counts[Severity.ERROR],
            "warnings": counts[Severity.WARNING],
            "info": counts[Severity.INFO],
        },
    }


# -- reading and writing -----------------------------------------------------------------------


def statement_schema() -> dict[str, Any]:
    """Return the JSON Schema every statement of this format conforms to."""
    text = resources.files("lgstandards").joinpath("schemas/statement.schema.json").read_text(
        "utf-8"
    )
    value: dict[str, Any] = json.loads(text)
    return value


def statement_problems(statement: Any) -> list[str]:
    """Return why a value is not a statement of this format, one sentence a problem."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        statement_schema(), format_checker=jsonschema.FormatChecker()
    )
    problems = []
    for error in sorted(validator.iter_errors(statement), key=lambda e: list(e.absolute_path)):
        where = "/".join(str(p) for p in error.absolute_path) or "(top level)"
        problems.append(f"{where}: {error.message}")
    return problems


def read_statement(path: Path) -> dict[str, Any]:
    """Read a statement and check it against its JSON Schema, or raise StatementError."""
    try:
        value = json.loads(path.read_text("utf-8"))
    except FileNotFoundError:
        raise StatementError(f"{path}: no such statement") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise StatementError(f"{path}: cannot read the statement: {exc}") from None
    except ValueError as exc:
        raise StatementError(f"{path}: not a statement: it is not JSON ({exc})") from None
    if isinstance(value, dict) and value.get("statement_format") not in (None, STATEMENT_FORMAT):
        raise StatementError(
            f"{path}: statement format {value.get('statement_format')!r} is not one this "
            f"lgstandards reads ({STATEMENT_FORMAT}); verify it with the version that wrote it"
        )
    problems = statement_problems(value)
    if problems:
        listed = "; ".join(problems[:5]) + ("; ..." if len(problems) > 5 else "")
        raise StatementError(f"{path}: not a valid statement: {listed}")
    assert isinstance(value, dict)
    return value


def write_statement(statement: Mapping[str, Any], path: Path) -> None:
    """Write a statement as JSON, through a temporary file so no half statement is ever left."""
    text = json.dumps(statement, indent=2, ensure_ascii=False) + "\n"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_text(path, text)
    except OSError as exc:
        raise StatementError(f"cannot write the statement to {path}: {exc.strerror}") from None
