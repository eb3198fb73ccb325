"""Upgrade data from one major version of a standard to the next, through shipped migrations.

A major version refuses some data the one before accepted, so each major ships a `Migration`
from the previous one (in `lgstandards.development.migrations`). The `Upgrader` finds each
record's version, chains the migrations to the target major, rewrites `$schema`, validates the
result against the target version and writes it in the input's own form.
"""

from __future__ import annotations

import gzip
import json
import re
import zlib
from collections import Counter, deque
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any, Literal

import orjson

from lgstandards.errors import LgstandardsError
from lgstandards.files import Discard, atomic_write
from lgstandards.findings import Finding, Severity, SourceLocation, frozen
from lgstandards.registry import Catalogue, StandardVersion
from lgstandards.report import FileReport, Report
from lgstandards.sources import GZIP_MAGIC, Record, Source

if TYPE_CHECKING:
    from lgstandards.conformance import Checker


@dataclass(frozen=True)
class UpgradeNote:
    """Something a migration did to a record that its publisher should know, lossy or not."""

    pointer: str
    message: str
    lossy: bool = False


@dataclass(frozen=True)
class Upgraded:
    """A record after one migration, with the notes that migration made about it."""

    record: dict[str, Any]
    notes: tuple[UpgradeNote, ...] = ()


@dataclass(frozen=True)
class Migration:
    """How records of one major version of a standard become records of the next."""

    standard: str
    from_major: int
    to_major: int
    summary: str
    # Pure: it builds a new record and never mutates the one it is given.
    migrate: Callable[[Mapping[str, Any]], Upgraded]


class UpgradeError(LgstandardsError):
    """The upgrade cannot run at all: no such standard, or no migration path to the target."""


#: How an upgraded file is written: as the input was, one object, an array, or NDJSON.
Form = Literal["object", "array", "ndjson"]

#: Findings kept per file unless told otherwise; every finding is still counted.
DEFAULT_MAX_FINDINGS = 10_000

_SCHEMA_PATH = re.compile(r"^(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)/(?P<version>[0-9]+\.[0-9]+\.[0-9]+)/")


def major_of(version: str) -> int:
    """Return the major number of a version such as '2', '2.1' or '2.1.0'."""
    return int(version.split(".")[0])


def migration_path(
    standard: str, from_major: int, to_major: int, migrations: Sequence[Migration]
) -> tuple[Migration, ...] | None:
    """Return the shortest chain of migrations from one major to another, or None if there is none.

    The same major needs no migration (an empty chain). Migrations only ever go up: data is
    never moved to an older major.
    """
    if from_major == to_major:
        return ()
    if from_major > to_major:
        return None
    steps: dict[int, list[Migration]] = {}
    for migration in migrations:
        if migration.standard == standard and migration.from_major < migration.to_major:
            steps.setdefault(migration.from_major, []).append(migration)
    # Breadth first, so a direct 1 -> 3 migration, if one ships, beats 1 -> 2 -> 3.
    queue: deque[tuple[int, tuple[Migration, ...]]] = deque([(from_major, ())])
    seen = {from_major}
    while queue:
        major, chain = queue.popleft()
        for step in steps.get(major, ()):
            if step.to_major > to_major or step.to_major in seen:
                continue
            if step.to_major == to_major:
                return (*chain, step)
            seen.add(step.to_major)
            queue.append((step.to_major, (*chain, step)))
    return None


def default_migrations() -> tuple[Migration, ...]:
    """Return every migration shipped with lgstandards."""
    # Imported here: the migration modules import this module for its types.
    from lgstandards.development.migrations import ALL

    return ALL


@dataclass(frozen=True)
class RecordUpgrade:
    """One record after the upgrade: the new record, or None when it could not be upgraded."""

    record: dict[str, Any] | None
    #: The major the record was taken to be in; None when it could not be told.
    from_major: int | None
    #: Notes and failures, without source locations.
    findings: tuple[Finding, ...] = ()


@dataclass(frozen=True)
class FileUpgrade:
    """What upgrading one input gave: its report, and whether every record was upgraded."""

    report: FileReport
    #: True when every record was read and upgraded, so the output holds all the input's data
    #: and may be written (records that fail validation are still written, and reported).
    complete: bool
    form: Form | None = None


class Upgrader:
    """Upgrades records of one standard to one target version, and validates what it makes."""

    def __init__(
        self,
        target: StandardVersion,
        cat: Catalogue,
        *,
        migrations: Sequence[Migration] | None = None,
        assume_major: int | None = None,
    ) -> None:
        """Plan upgrades to `target`; records without `$schema` are taken to be `assume_major`.

        `assume_major` defaults to the major before the target's. Raises UpgradeError when no
        chain of migrations leads from it to the target.
        """
        self.target = target
        self.cat = cat
        self.migrations = tuple(default_migrations() if migrations is None else migrations)
        self.target_major = major_of(target.version)
        if assume_major is None:
            earlier = [
                e.version for e in target.manifest.versions if e.key[0] < self.target_major
            ]
            if not earlier:
                raise UpgradeError(
                    f"{target.ref} is the first major version of {target.id}: there is no older "
                    "version to upgrade from"
                )
            assume_major = self.target_major - 1
        self.assume_major = assume_major
        if assume_major > self.target_major:
            raise UpgradeError(
                f"cannot upgrade {target.id}@{assume_major} data to {target.ref}: upgrades only "
                "go to a newer major version"
            )
        if self.chain(assume_major) is None:
            raise UpgradeError(self._no_path(assume_major))
        self._checker: Checker | None = None

    def chain(self, from_major: int) -> tuple[Migration, ...] | None:
        """Return the migrations that take a record from `from_major` to the target's major."""
        return migration_path(self.target.id, from_major, self.target_major, self.migrations)

    def _no_path(self, from_major: int) -> str:
        shipped = sorted(
            f"{m.from_major} -> {m.to_major}"
            for m in self.migrations
            if m.standard == self.target.id
        )
        listed = ", ".join(shipped) if shipped else "none"
        return (
            f"there is no migration path from {self.target.id}@{from_major} to {self.target.ref} "
            f"(migrations shipped for {self.target.id}: {listed})"
        )

    def source_major(self, record: Mapping[str, Any]) -> tuple[int | None, Finding | None]:
        """Return the major a record is in (from its `$schema`, else assumed) and any problem."""
        declared = record.get("$schema")
        if declared is None:
            return self.assume_major, None
        named = _named_version(declared, self.cat.base_uri)
        if named is None:
            # Perhaps an extension or profile of the standard, or another registry's copy: its
            # own version cannot be read from it, so the assumed one stands, and the user is told.
            return self.assume_major, Finding(
                "upgrade.unknown-schema",
                Severity.WARNING,
                f"$schema {_short(declared)} names no version of a standard in this registry; "
                f"the record was taken to be {self.target.id}@{self.assume_major}.",
                pointer="/$schema",
            )
        standard, version = named
        if standard != self.target.id:
            return None, Finding(
                "upgrade.other-standard",
                Severity.ERROR,
                f"$schema says this record follows {standard}@{version}, not {self.target.id}; "
                "it was not upgraded.",
                pointer="/$schema",
            )
        major = major_of(version)
        if major > self.target_major:
            return None, Finding(
                "upgrade.newer-version",
                Severity.ERROR,
                f"$schema says this record follows {standard}@{version}, newer than the target "
                f"{self.target.ref}; records are never moved to an older major.",
                pointer="/$schema",
            )
        return major, None

    def upgrade(self, record: Any) -> RecordUpgrade:
        """Upgrade one record to the target major, never changing the record given."""
        if not isinstance(record, dict):
            return RecordUpgrade(None, None, (Finding(
                "upgrade.not-an-object",
                Severity.ERROR,
                f"The record is a JSON {_json_type(record)}, not an object, so it cannot be "
                "upgraded.",
            ),))
        major, problem = self.source_major(record)
        found = [problem] if problem is not None else []
        if major is None:
            return RecordUpgrade(None, None, tuple(found))
        if major == self.target_major:
            # Already in the target major: a minor version of it accepts the record as it is.
            return RecordUpgrade(record, major, tuple(found))
        chain = self.chain(major)
        if chain is None:
            found.append(Finding(
                "upgrade.no-path",
                Severity.ERROR,
                f"$schema says this record follows major {major}, and {self._no_path(major)}; "
                "it was not upgraded.",
                pointer="/$schema",
            ))
            return RecordUpgrade(None, major, tuple(found))
        current: Mapping[str, Any] = record
        for step in chain:
            try:
                result = step.migrate(current)
            except Exception as exc:  # A migration bug must not lose the rest of the file.
                found.append(Finding(
                    "upgrade.migration-failed",
                    Severity.ERROR,
                    f"The migration {step.standard} {step.from_major} -> {step.to_major} failed "
                    f"on this record ({type(exc).__name__}: {exc}); please report it to the "
                    "lgstandards maintainers.",
                ))
                return RecordUpgrade(None, major, tuple(found))
            found.extend(_note_finding(note) for note in result.notes)
            current = result.record
        upgraded = dict(current)
        if "$schema" in upgraded:
            # In place of the old value, so the key keeps its position in the record.
            upgraded = {
                key: (self.target.schema_uri if key == "$schema" else value)
                for key, value in upgraded.items()
            }
        return RecordUpgrade(upgraded, major, tuple(found))

    @property
    def checker(self) -> Checker:
        """Return the checker of the target version, compiled on first use."""
        if self._checker is None:
            from lgstandards.conformance import Checker

            self._checker = Checker.for_standard(
                self.target.ref, registry=self.cat, allow_draft=True
            )
        return self._checker

    def upgrade_source(
        self, source: Source, sink: IO[bytes], *, max_findings: int | None = DEFAULT_MAX_FINDINGS
    ) -> FileUpgrade:
        """Upgrade every record of a source, writing the result to `sink` in the input's form.

        The output is validated against the target version as it is written; its findings are
        placed at the input's record and line.
        """
        kept: list[Finding] = []
        counts: Counter[str] = Counter()
        bad: set[int] = set()
        records = 0

        def keep(finding: Finding, where: SourceLocation) -> None:
            counts[finding.code] += 1
            if finding.severity is Severity.ERROR and where.record is not None:
                bad.add(where.record)
            if max_findings is None or len(kept) < max_findings:
                kept.append(finding.with_location(where))

        if source.format == "csv":
            keep(Finding(
                "upgrade.unsupported-format",
                Severity.ERROR,
                f"{source.name} is CSV; upgrade reads JSON and NDJSON. Convert it to NDJSON "
                "with the standard's old version, upgrade that, and export CSV again.",
            ), SourceLocation(source.name))
            return FileUpgrade(self._file_report(source, 0, kept, counts, bad), False)
        form = _form(source)
        writer = _Writer(sink, form)
        complete = True
        pending: deque[tuple[Record, dict[str, Any]]] = deque()

        def upgraded() -> Iterator[dict[str, Any]]:
            nonlocal complete, records
            for item in source.items():
                if isinstance(item, Finding):
                    if item.location.record is not None:
                        records = max(records, item.location.record)
                    if item.severity is Severity.ERROR:
                        complete = False
                    keep(item, item.location)
                    continue
                records = max(records, item.number)
                where = SourceLocation(source.name, item.number, line=item.line)
                result = self.upgrade(item.data)
                for finding in result.findings:
                    keep(finding, where)
                if result.record is None:
                    complete = False
                    continue
                pending.append((item, result.record))
                yield result.record

        # The target's checker validates each record as it is made, rules across a file included.
        for checked in self.checker.iter_records(upgraded()):
            item, record = pending.popleft()
            where = SourceLocation(source.name, item.number, line=item.line)
            for finding in checked.findings:
                keep(finding, where)
            if complete:  # Once incomplete, the output is thrown away: stop writing it.
                writer.write(record)
        if complete:
            writer.close()
        return FileUpgrade(self._file_report(source, records, kept, counts, bad), complete, form)

    def upgrade_to(
        self, source: Source, target: Path, *, max_findings: int | None = DEFAULT_MAX_FINDINGS
    ) -> FileUpgrade:
        """Upgrade a source into the file `target`, replacing it only if every record upgraded.

        The records go to a temporary file beside the target, renamed over it at the end, so
        a failure never leaves half a file or spoils one that was there.
        """
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            with atomic_write(target) as handle:
                result = self.upgrade_source(source, handle, max_findings=max_findings)
                if not result.complete:
                    raise Discard
        except OSError as exc:
            raise UpgradeError(f"cannot write {target}: {exc.strerror}") from None
        return result

    def _file_report(
        self,
        source: Source,
        records: int,
        kept: list[Finding],
        counts: Counter[str],
        bad: set[int],
    ) -> FileReport:
        return FileReport(
            source.name,
            source.format,
            records,
            len(bad),
            tuple(kept),
            frozen(dict(sorted(counts.items()))),
            sum(counts.values()) - len(kept),
        )

    def report(self, files: Sequence[FileReport]) -> Report:
        """Wrap the file reports of a run into a report naming the target version."""
        return Report(self.target.ref, self.target.schema_uri, tuple(files))


def _note_finding(note: UpgradeNote) -> Finding:
    """Return the finding that reports a migration's note."""
    if note.lossy:
        return Finding("upgrade.lossy", Severity.WARNING, note.message, pointer=note.pointer)
    return Finding("upgrade.changed", Severity.INFO, note.message, pointer=note.pointer)


def _named_version(declared: Any, base_uri: str) -> tuple[str, str] | None:
    """Return the (standard, version) a `$schema` URI names in this registry, if it names one."""
    if not isinstance(declared, str) or not declared.startswith(base_uri):
        return None
    match = _SCHEMA_PATH.match(declared[len(base_uri):])
    return (match["id"], match["version"]) if match else None


def _short(value: Any, limit: int = 80) -> str:
    text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _json_type(value: Any) -> str:
    if isinstance(value, list):
        return "array"
    if isinstance(value, str):
        return "string"
    if isinstance(value, bool):
        return "boolean"
    if value is None:
        return "null"
    return "number"


def _form(source: Source) -> Form:
    """Return whether a source holds NDJSON, one JSON object, or a JSON array of records."""
    if source.format == "ndjson":
        return "ndjson"
    head = b""
    try:
        if source.data is not None:
            head = source.data[:4096]
            if head.startswith(GZIP_MAGIC):
                # Only the head: decompressing the whole of piped gzip would be unbounded.
                head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(source.data, 4096)
        elif source.path is not None:
            with source.path.open("rb") as raw:
                head = raw.read(4096)
            if head.startswith(GZIP_MAGIC):
                with gzip.open(source.path, "rb") as unpacked:
                    head = unpacked.read(4096)
    except (OSError, EOFError, gzip.BadGzipFile, zlib.error):
        pass  # Reading the source reports the problem; the form no longer matters.
    return "array" if head.lstrip(b"\xef\xbb\xbf \t\r\n")[:1] == b"[" else "object"


class _Writer:
    """Writes upgraded records to a binary stream in the form the input had."""

    def __init__(self, sink: IO[bytes], form: Form) -> None:
        self.sink = sink
        self.form = form
        self.count = 0

    def write(self, record: Any) -> None:
        """Write one record."""
        if self.form == "ndjson":
            self.sink.write(_compact(record) + b"\n")
        elif self.form == "object":
            self.sink.write(_pretty(record) + b"\n")
        else:
            lead = b"[\n" if self.count == 0 else b",\n"
            indented = b"\n".join(b"  " + line for line in _pretty(record).split(b"\n"))
            self.sink.write(lead + indented)
        self.count += 1

    def close(self) -> None:
        """Finish the output (an array's closing bracket)."""
        if self.form == "array":
            self.sink.write(b"[]\n" if self.count == 0 else b"\n]\n")


def _compact(value: Any) -> bytes:
    try:
        return orjson.dumps(value)
    except TypeError:  # Integers beyond 64 bits, which only the standard library writes.
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def _pretty(value: Any) -> bytes:
    try:
        return orjson.dumps(value, option=orjson.OPT_INDENT_2)
    except TypeError:
        return json.dumps(value, ensure_ascii=False, indent=2).encode("utf-8")
