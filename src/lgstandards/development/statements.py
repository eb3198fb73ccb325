"""Conformance statements: evidence that data or an API passed a check, that anyone can verify.

A statement names the exact standard versions used with the sha256 of every file of them (and of
every version they `$ref`), the tool and its version, the options that change verdicts, a digest
of each input (or the base URL and time for an API), and the result. It holds no finding values,
no headers and no probe values: a statement is meant to be handed to a buyer and published.
`verify_statement` checks a statement against the installed registry and, given the inputs,
checks the data again and confirms the same result.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from importlib import metadata, resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import urldefrag, urljoin

from lgstandards.errors import LgstandardsError
from lgstandards.findings import Severity
from lgstandards.lock import lock_path, read_lock, sha256_file, version_files
from lgstandards.registry import Catalogue, StandardVersion
from lgstandards.report import FileReport, Report

if TYPE_CHECKING:
    from lgstandards.apicheck.runner import ApiCheckOptions
    from lgstandards.conformance import Checker

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
        cat.select(report.standard, allow_draft=True)
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
            "standard": report.standard if run.standard else None,
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
    # Secrets in a URL (a password, a key in the query) or in headers never reach a statement.
    redactor = Redactor([*options.headers.values(), *url_secrets(options.base_url),
                         *(v for k, v in options.probes.items() if k == "api_key")])
    counts = report.severity_counts()
    threshold = None if fail_on == "never" else Severity(fail_on)
    levels = api_levels(report)
    return {
        **_head("api", _now(lambda: finished), standards_used(cat, [version])),
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
        with tempfile.NamedTemporaryFile(
            "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", suffix=".tmp",
            delete=False,
        ) as handle:
            handle.write(text)
        os.replace(handle.name, path)
    except OSError as exc:
        raise StatementError(f"cannot write the statement to {path}: {exc.strerror}") from None


# -- verifying ---------------------------------------------------------------------------------

#: How a verification item counts: a mismatch fails verification; the others inform.
Outcome = Literal["ok", "note", "warning", "mismatch"]


@dataclass(frozen=True)
class Item:
    """One thing verification found: a stable code, how it counts, and a sentence."""

    code: str
    outcome: Outcome
    message: str

    def to_dict(self) -> dict[str, str]:
        """Return the item as JSON data."""
        return {"code": self.code, "outcome": self.outcome, "message": self.message}


@dataclass(frozen=True)
class Verification:
    """The result of verifying a statement: every item found, in the order checked."""

    subject: str
    items: tuple[Item, ...]

    @property
    def mismatches(self) -> tuple[Item, ...]:
        """Return the items that fail verification."""
        return tuple(i for i in self.items if i.outcome == "mismatch")

    @property
    def verified(self) -> bool:
        """Return whether nothing failed."""
        return not self.mismatches

    def to_dict(self) -> dict[str, Any]:
        """Return the verification as JSON data."""
        return {
            "verified": self.verified,
            "subject": self.subject,
            "mismatches": len(self.mismatches),
            "items": [i.to_dict() for i in self.items],
        }


@dataclass(frozen=True)
class ApiRerun:
    """What re-running an API statement needs that a statement never holds: probes and headers."""

    probes: Mapping[str, str] = field(default_factory=dict)
    headers: Mapping[str, str] = field(default_factory=dict)
    allow_writes: bool = False


def verify_statement(
    statement: Mapping[str, Any],
    cat: Catalogue,
    *,
    inputs: Sequence[Path] = (),
    stdin: bytes | None = None,
    rerun_api: ApiRerun | None = None,
) -> Verification:
    """Verify a statement (already read by `read_statement`) against the installed registry.

    For data, the inputs given (or else the recorded paths, where they exist) are matched to the
    recorded ones by sha256 and checked again with the recorded options. For an API, the run is
    repeated only when `rerun_api` is given.
    """
    items: list[Item] = []
    items.extend(_verify_registry(statement, cat))
    recorded = statement["tool"]["version"]
    installed = tool_version()
    if recorded != installed:
        items.append(Item(
            "tool-version", "warning",
            f"The statement was made with lgstandards {recorded}; this is {installed}. A "
            "different version may check differently, so a reproduced result is the stronger "
            "evidence.",
        ))
    else:
        items.append(Item("tool-version", "ok", f"Made with this version of lgstandards "
                                                f"({installed})."))
    if statement["subject"] == "data":
        items.extend(_verify_data(statement, cat, inputs, stdin))
    else:
        items.extend(_verify_api(statement, cat, rerun_api))
    return Verification(statement["subject"], tuple(items))


def _verify_registry(statement: Mapping[str, Any], cat: Catalogue) -> list[Item]:
    items: list[Item] = []
    total = changed = 0
    for entry in statement["standards"]:
        ref = entry["ref"]
        if entry["role"] in ("extension", "profile"):
            items.append(Item(
                "extension-not-checked", "warning",
                f"{ref} is an {entry['role']}; this lgstandards cannot find its files, so they "
                "were not compared.",
            ))
            continue
        try:
            version = cat.select(ref, allow_draft=True)
        except LgstandardsError:
            items.append(Item("standard-missing", "mismatch",
                              f"{ref} is not in the installed registry ({cat.root})."))
            continue
        if version.schema_uri != entry["id"]:
            items.append(Item("standard-id", "mismatch",
                              f"{ref}'s schema is {version.schema_uri} here, not {entry['id']}."))
        now = {relative: sha256_file(path) for relative, path in version_files(version.folder)}
        recorded: Mapping[str, str] = entry["files"]
        for relative in sorted(set(now) | set(recorded)):
            total += 1
            if relative not in now:
                problem = "is in the statement but not in the installed registry"
            elif relative not in recorded:
                problem = "is in the installed registry but not in the statement"
            elif now[relative] != recorded[relative]:
                problem = "differs from the file the statement was made with (sha256 differs)"
            else:
                continue
            changed += 1
            items.append(Item("standard-file", "mismatch", f"{ref}: {relative} {problem}."))
        if not entry["locked"]:
            items.append(Item(
                "unlocked", "note",
                f"{ref} was {entry['status']} and not guarded by the lock when the statement was "
                "made: its files were hashed directly, and may change before it is released.",
            ))
    if not changed:
        items.append(Item("registry", "ok",
                          f"Every standard file the statement names ({total}) matches the "
                          "installed registry."))
    return items


def _verify_data(
    statement: Mapping[str, Any], cat: Catalogue, inputs: Sequence[Path], stdin: bytes | None
) -> list[Item]:
    items: list[Item] = []
    given: dict[str, str] = {}
    for path in inputs:
        digest = digest_file(path)
        if digest.sha256 is None:
            items.append(Item("input-unreadable", "mismatch", f"{path} cannot be read as a file."))
        else:
            given.setdefault(digest.sha256, str(path))
    spooled: Path | None = None
    if stdin is not None:
        # Standard input is kept in a temporary file, so it is checked the way a file is.
        with tempfile.NamedTemporaryFile(delete=False, prefix="lgstandards-stdin-") as handle:
            handle.write(stdin)
        spooled = Path(handle.name)
        given.setdefault(hashlib.sha256(stdin).hexdigest(), str(spooled))
    used: set[str] = set()
    options = statement["options"]
    try:
        for number, run in enumerate(statement["runs"], 1):
            items.extend(_verify_run(number, run, options, cat, given, used, bool(given)))
    finally:
        if spooled is not None:
            spooled.unlink(missing_ok=True)
    for sha256, place in given.items():
        if sha256 not in used:
            shown = "standard input" if spooled is not None and place == str(spooled) else place
            items.append(Item("input-unknown", "mismatch",
                              f"{shown} is not an input of this statement: no recorded input "
                              "has its sha256."))
    return items


def _verify_run(
    number: int,
    run: Mapping[str, Any],
    options: Mapping[str, Any],
    cat: Catalogue,
    given: Mapping[str, str],
    used: set[str],
    any_given: bool,
) -> list[Item]:
    """Match one run's inputs to files, check them again, and compare each result."""
    items: list[Item] = []
    name = run["standard"] or (run["schema_file"] or {}).get("path") or f"run {number}"
    if run["extensions"] or run["profiles"]:
        items.append(Item(
            "not-rechecked", "warning",
            f"{name} was checked with extensions or profiles, which this lgstandards cannot "
            "apply again; its result was not reproduced.",
        ))
        return items
    schema_file = run["schema_file"]
    if schema_file is not None:
        digest = digest_file(Path(schema_file["path"]))
        if digest.sha256 is None:
            items.append(Item("not-rechecked", "note",
                              f"The schema file {schema_file['path']} is not here, so the inputs "
                              "checked against it were not checked again."))
            return items
        if digest.sha256 != schema_file["sha256"]:
            items.append(Item("schema-file", "mismatch",
                              f"The schema file {schema_file['path']} differs from the one the "
                              "statement was made with (sha256 differs)."))
            return items
    found: list[tuple[Mapping[str, Any], str]] = []
    for recorded in run["inputs"]:
        path = _locate(recorded, given, used, any_given, items)
        if path is not None:
            found.append((recorded, path))
    if not found:
        return items
    checker = _rechecker(run, options, cat)
    same = 0
    for recorded, path in found:
        fmt = recorded["result"]["format"] or run["input_format"]
        report = checker.check_paths([path], input_format=fmt, max_findings=run["max_findings"])
        report = report.filtered(run["select"], run["ignore"]).capped(run["max_findings"])
        again = file_result(report.files[0])
        if again == recorded["result"]:
            same += 1
            continue
        differences = ", ".join(
            f"{key} {recorded['result'].get(key)!r} then, {again.get(key)!r} now"
            for key in ("records", "invalid_records", "errors", "warnings", "info", "counts")
            if recorded["result"].get(key) != again.get(key)
        )
        items.append(Item("result", "mismatch",
                          f"{recorded['path']} checked against {name} again gives a different "
                          f"result: {differences}."))
    if same:
        items.append(Item("result", "ok",
                          f"Checked {same} of {len(run['inputs'])} input"
                          f"{'' if len(run['inputs']) == 1 else 's'} against {name} again: "
                          "the same result as the statement records."))
    return items


def _locate(
    recorded: Mapping[str, Any],
    given: Mapping[str, str],
    used: set[str],
    any_given: bool,
    items: list[Item],
) -> str | None:
    """Return the file to check again for a recorded input, noting why when there is none."""
    digest: str | None = recorded["sha256"]
    shown: str = recorded["path"]
    if digest is None:
        items.append(Item("not-rechecked", "note",
                          f"{shown} was not a file that could be hashed (a pipe, or missing), so "
                          "it cannot be checked again."))
        return None
    if digest in given:
        used.add(digest)
        return given[digest]
    on_disk = Path(shown)
    if shown != "<stdin>" and on_disk.is_file():
        now = digest_file(on_disk)
        if now.sha256 == digest:
            return shown
        items.append(Item("input", "mismatch",
                          f"{shown} has changed since the statement was made (sha256 differs)."))
        return None
    if any_given:
        items.append(Item("input", "mismatch",
                          f"No input given matches {shown} (its sha256 is {digest[:12]}…)."))
    else:
        items.append(Item("not-rechecked", "note",
                          f"{shown} is not here; give it after the statement to check it again."))
    return None


def _rechecker(run: Mapping[str, Any], options: Mapping[str, Any], cat: Catalogue) -> Checker:
    """Return the checker a run used, built from the statement's options."""
    from lgstandards.conformance import Checker
    from lgstandards.rules import RuleOptions

    rule_options = RuleOptions(
        today=date.fromisoformat(options["today"]) if options["today"] else None,
        past_days=options["past_days"],
        future_days=options["future_days"],
    )
    if run["standard"] is not None:
        checker = Checker.for_standard(
            run["standard"], registry=cat, options=rule_options, allow_draft=True
        )
    else:
        checker = Checker.for_schema_file(Path(run["schema_file"]["path"]), options=rule_options)
    return checker.selecting(run["select"], run["ignore"])


def rerun_command(statement: Mapping[str, Any]) -> str:
    """Return the check-api command that repeats an API statement's run (probes to fill in)."""
    api, options = statement["api"], statement["options"]
    parts = ["lgstandards check-api", "-s", api["standard"], "--base-url", api["base_url"],
             "--level", options["level"]]
    if options["fail_on"] != {"core": "error", "extended": "warning"}[options["level"]]:
        parts += ["--fail-on", options["fail_on"]]
    parts += [f"--probe {name}=..." for name in options["probes"]]
    parts += [f"--select {code}" for code in options["select"]]
    parts += [f"--ignore {code}" for code in options["ignore"]]
    if options["allow_writes"]:
        parts += ["--allow-writes", "--sandbox", api["sandbox_url"] or "URL"]
    if options["draft"]:
        parts.append("--draft")
    return " ".join(parts)


def _verify_api(
    statement: Mapping[str, Any], cat: Catalogue, rerun: ApiRerun | None
) -> list[Item]:
    api, options, result = statement["api"], statement["options"], statement["result"]
    command = rerun_command(statement)
    if rerun is None:
        return [Item(
            "not-rechecked", "note",
            f"The statement says {api['standard']} at {api['base_url']} gave core "
            f"{result['core']}, extended {result['extended']} on {api['finished']}. A live API "
            f"changes: check it again with `{command}`, or `lgstandards verify STATEMENT "
            "--rerun`.",
        )]
    urls = f"{api['base_url']} {api['sandbox_url'] or ''}"
    if "[redacted]" in urls or "%5Bredacted%5D" in urls:
        raise StatementError(
            "the statement's base URL held a secret, which statements never keep; run "
            f"`{command}` yourself with the full URL"
        )
    if options["allow_writes"] and not rerun.allow_writes:
        raise StatementError(
            "this statement's run wrote to a sandbox; add --allow-writes to repeat those writes "
            f"against {api['sandbox_url']}, or run `{command}` yourself"
        )
    from lgstandards.apicheck.client import Limits
    from lgstandards.apicheck.runner import ApiCheckOptions, check_api

    missing = sorted(set(options["probes"]) - set(rerun.probes))
    report = check_api(ApiCheckOptions(
        standard=api["standard"],
        base_url=api["base_url"],
        probes=dict(rerun.probes),
        headers=dict(rerun.headers),
        limits=Limits(rate_limit=options["rate_limit"],
                      connect_timeout=options["connect_timeout"],
                      timeout=options["timeout"], max_bytes=options["max_bytes"]),
        allow_writes=options["allow_writes"],
        sandbox_url=api["sandbox_url"],
        verify_tls=options["verify_tls"],
        allow_draft=True,
    ), registry=cat).filtered(options["select"], options["ignore"])
    levels = api_levels(report)
    items: list[Item] = []
    if missing:
        items.append(Item("probes", "warning",
                          f"The run used probe values for {', '.join(missing)}, which were not "
                          "given again (--probe NAME=VALUE): checks that need them were "
                          "skipped."))
    for level in ("core", "extended"):
        if levels[level] == result[level]:
            items.append(Item("result", "ok",
                              f"{level.capitalize()}: {levels[level]} again, as recorded."))
        else:
            items.append(Item("result", "mismatch",
                              f"{level.capitalize()}: {levels[level]} now, but the statement "
                              f"records {result[level]}."))
    return items
