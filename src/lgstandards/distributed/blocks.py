"""What the Dask tasks do, in plain functions: cut files at line ends, check, judge, merge.

Nothing here imports Dask: the tasks take and return plain values (recipes, spans, reports,
rows of keys), so they pickle to any worker, and the checker is built again on each worker from
its `Recipe`, once. A large NDJSON file is cut into blocks of bytes that each task moves to line
ends itself; each block is checked as a part of its file (lines and offsets counted from the
file's start), and for the rules that compare records across the file it only collects each
record's key. Those keys are then shuffled by a hash of the key, so that equal keys meet in one
task, which judges them in file order, as one process would: never partition by partition.
"""

from __future__ import annotations

import functools
import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from lgstandards.conformance import Checker, Recipe, locate_finding
from lgstandards.findings import Finding, Severity, SourceLocation, frozen
from lgstandards.parallel import Part, cuttable, measure
from lgstandards.report import FileReport
from lgstandards.rules.base import LATER, ReadAgain
from lgstandards.sources import Record, Source, only_blank_lines

#: The bytes of a file per block unless told otherwise: a task holds its block in memory.
DEFAULT_BLOCKSIZE = 64 * 2**20

#: One record's key for a rule across its file: (file, rule, key, block, record in the block,
#: fingerprint, the value as written, line, byte offset of the line).
KeyRow = tuple[int, int, str, int, int, int, Any, int, int]
#: What equal keys are shuffled on: (file, rule, key).
GroupKey = tuple[int, int, str]
#: A finding of a rule across a file: (file, block, record number in the file, rule, finding).
Judged = tuple[int, int, int, int, Finding]


@dataclass(frozen=True)
class Span:
    """A block of a file moved to line ends: bytes `start` to `end`, holding `lines` line ends."""

    start: int
    end: int
    lines: int


@dataclass(frozen=True)
class BlockResult:
    """A checked block: its report (records numbered from 1), its invalid records, its keys."""

    report: FileReport
    bad: tuple[int, ...]
    keys: tuple[tuple[tuple[str, int, Any, int, int, int], ...], ...]


@functools.lru_cache(maxsize=8)
def built(recipe: Recipe) -> Checker:
    """Return the checker a recipe describes, built once per worker process."""
    return recipe.build()


def across_rules(checker: Checker) -> int:
    """Return how many of a checker's rules compare records across a file."""
    return sum(rule.per_file is not None for rule in checker.rules)


def can_split(checker: Checker, source: Source, blocksize: int) -> bool:
    """Return whether a file may be cut into blocks: one `--jobs` could cut, over one block."""
    try:
        larger = source.path is not None and source.path.stat().st_size > blocksize
    except OSError:
        return False
    return larger and cuttable(checker, source)


def nominal_blocks(size: int, blocksize: int) -> list[tuple[int, int]]:
    """Return a file's blocks of `blocksize` bytes, before they are moved to line ends."""
    return [(start, min(start + blocksize, size)) for start in range(0, size, blocksize)]


def find_span(path: str, start: int, end: int, size: int) -> Span:
    """Move a block to line ends and count its lines (a task: each block finds its own)."""
    # Found as `--jobs` finds its parts, so one block ends exactly where the next begins.
    first, last, lines = measure(path, start, end, size)
    return Span(first, max(first, last), lines)


def first_lines(spans: Sequence[Span]) -> list[int]:
    """Return the line each block starts on, from the line ends of the blocks before it."""
    found, line = [], 1
    for span in spans:
        found.append(line)
        line += span.lines
    return found


def check_block(
    recipe: Recipe,
    name: str,
    path: str,
    span: Span,
    lines: Sequence[int],
    index: int,
    max_findings: int | None,
) -> BlockResult:
    """Check one block of a file as a part of it, collecting the keys of rules across it."""
    checker = built(recipe)
    with open(path, "rb") as handle:
        handle.seek(span.start)
        data = handle.read(span.end - span.start)
    source = Source(
        name, "ndjson", data=data, part=True, first_line=lines[index], byte_base=span.start
    )
    part = Part(later=True)
    report = checker._check_source(source, max_findings, part)
    return BlockResult(report, tuple(part.bad), tuple(tuple(rows) for rows in part.keys))


def check_records(recipe: Recipe, records: Iterable[Any]) -> BlockResult:
    """Check one partition of a collection of records, numbered from 1 within it."""
    checker = built(recipe)
    part = Part()
    steps = checker._checks(part)
    wanted = checker._wanted
    findings: list[Finding] = []
    bad: list[int] = []
    number = 0
    for number, data in enumerate(records, 1):
        found = [
            f.with_location(SourceLocation(record=number))
            for f in checker._check(data, number, steps)
            if wanted is None or wanted(f.code)
        ]
        if any(f.severity is Severity.ERROR for f in found):
            bad.append(number)
        findings.extend(found)
    counts = Counter(f.code for f in findings)
    report = FileReport("<data>", "python", number, len(bad), tuple(findings), frozen(counts))
    return BlockResult(report, tuple(bad), tuple(tuple(rows) for rows in part.keys))


def check_file(
    recipe: Recipe, name: str, fmt: str, path: str, max_findings: int | None
) -> FileReport:
    """Check one whole file (a task): compressed, JSON, CSV, or no larger than a block."""
    checker = built(recipe)
    source = Source(name, fmt, path=Path(path), tabular=checker.tabular)  # type: ignore[arg-type]
    try:
        return checker.check_source(source, max_findings=max_findings)
    except Exception as exc:  # A bug must cost one file, not the run.
        finding = Finding(
            "internal.file-failed",
            Severity.ERROR,
            f"Checking {name} failed ({type(exc).__name__}: {exc}); please report it to the "
            "lgstandards maintainers.",
            location=SourceLocation(name),
        )
        return FileReport(name, findings=(finding,), counts=frozen({finding.code: 1}))


def summary(result: BlockResult) -> tuple[FileReport, tuple[int, ...]]:
    """Return what the client needs of a block: its report and its invalid records."""
    return result.report, result.bad


def records_in(result: BlockResult) -> int:
    """Return how many records a block holds."""
    return result.report.records


def key_buckets(
    result: BlockResult, file: int, block: int, partitions: int
) -> tuple[list[KeyRow], ...]:
    """Share a block's keys out among `partitions` judges by a hash of the key.

    CRC-32, not hash(): Python salts hash() per process, and every worker must send one key to
    the same judge.
    """
    buckets: tuple[list[KeyRow], ...] = tuple([] for _ in range(partitions))
    crc32 = zlib.crc32
    for rule, rows in enumerate(result.keys):
        for key, fingerprint, shown, number, line, offset in rows:
            bucket = crc32(key.encode("utf-8", "surrogatepass")) % partitions
            buckets[bucket].append((file, rule, key, block, number, fingerprint, shown, line,
                                    offset))
    return buckets


def judge_bucket(
    buckets: Sequence[Sequence[KeyRow]],
    recipe: Recipe,
    bases: Mapping[int, Sequence[int]],
    paths: Mapping[int, tuple[str, str | None]],
) -> list[Judged]:
    """Judge the keys every block sent to this judge: each key's records, all of them."""
    groups: dict[GroupKey, list[KeyRow]] = {}
    for rows in buckets:
        for row in rows:
            found = groups.get((row[0], row[1], row[2]))
            if found is None:
                groups[(row[0], row[1], row[2])] = [row]
            else:
                found.append(row)
    return judge_groups(groups.items(), recipe, bases, paths)


def record_bases(counts: Mapping[int, Sequence[int]]) -> dict[int, list[int]]:
    """Return, for each file, the records before each of its blocks."""
    bases: dict[int, list[int]] = {}
    for file, blocks in counts.items():
        total, before = 0, []
        for count in blocks:
            before.append(total)
            total += count
        bases[file] = before
    return bases


def judge_groups(
    groups: Iterable[tuple[GroupKey, list[KeyRow]]],
    recipe: Recipe,
    bases: Mapping[int, Sequence[int]],
    paths: Mapping[int, tuple[str, str | None]],
) -> list[Judged]:
    """Judge each key's records in file order against its first, as one process would.

    `paths` gives each file's display name and path (None for a collection of records, whose
    findings are placed by record number alone).
    """
    checker = built(recipe)
    rules = [rule for rule in checker.rules if rule.per_file is not None]
    sources: dict[int, Source] = {}
    readers: dict[int, ReadAgain] = {}
    judged: list[Judged] = []
    for (file, index, key), rows in groups:
        if len(rows) < 2:
            continue  # Most keys are met once: nothing to compare.
        rule = rules[index]
        assert rule.across is not None  # Only such rules' keys are collected.
        seen: dict[str, int] = {}
        before = bases[file]
        name, path = paths[file]
        for _, _, _, block, number, fingerprint, shown, line, offset in sorted(
            rows, key=lambda row: (row[3], row[4])
        ):
            number += before[block]
            if fingerprint == LATER:
                # Sent without it (the file can be read again): only keys met again need one.
                assert path is not None and rule.across.fingerprint is not None
                read = readers.get(file)
                if read is None:
                    read = Source(name, "ndjson", path=Path(path)).read_again()
                    assert read is not None  # Blocks are cut only from plain NDJSON files.
                    readers[file] = read
                fingerprint = rule.across.fingerprint(read(line, offset))
            hit = rule.across.meet(seen, (key, fingerprint, shown), number)
            if hit is None:
                continue
            finding = checker.finding(rule, hit)
            if path is None:
                where = SourceLocation(record=number)
            else:
                source = sources.setdefault(file, Source(name, "ndjson", path=Path(path)))
                where = _place(source, number, line, offset, finding.pointer)
            judged.append((file, block, number, index, finding.with_location(where)))
    return judged


def _place(source: Source, number: int, line: int, offset: int, pointer: str) -> SourceLocation:
    """Return where a pointer is in the record on the line at `offset` of a file."""
    assert source.path is not None
    with source.path.open("rb") as handle:
        handle.seek(offset)
        raw = handle.readline()
    if line == 1:
        raw = raw.removeprefix(b"\xef\xbb\xbf")
    return locate_finding(source, Record(None, number, line=line, raw=raw, offset=offset), pointer)


def merge(
    name: str,
    fmt: str | None,
    blocks: Sequence[tuple[FileReport, Sequence[int]]],
    judged: Iterable[tuple[int, int, int, Finding]],
    max_findings: int | None,
    *,
    empty: Finding | None = None,
) -> FileReport:
    """Join the reports of a file's blocks, in order, with the findings judged across them.

    `judged` holds (block, record number in the file, rule, finding). Each record's findings
    across the file come after its own, as one process gives them; `empty` is the finding for
    a file with no record at all.
    """
    by_block: dict[int, list[tuple[int, int, Finding]]] = {}
    for block, number, rule, finding in judged:
        by_block.setdefault(block, []).append((number, rule, finding))
    kept: list[Finding] = []
    counts: Counter[str] = Counter()
    records = invalid = 0

    def keep(finding: Finding) -> None:
        counts[finding.code] += 1
        if max_findings is None or len(kept) < max_findings:
            kept.append(finding)

    for index, (report, bad) in enumerate(blocks):
        base = records
        counts.update(report.counts)  # Everything the block counted, kept or not.
        invalid += report.invalid_records
        invalid_here = {base + number for number in bad}
        later = sorted(by_block.get(index, ()), key=lambda entry: (entry[0], entry[1]))
        for number, _, finding in later:
            if finding.severity is Severity.ERROR and number not in invalid_here:
                invalid_here.add(number)
                invalid += 1
        pending = iter(later)
        waiting = next(pending, None)
        for finding in report.findings:
            at = finding.location.record
            number = base + at if at is not None else 0
            while waiting is not None and waiting[0] < number:
                keep(waiting[2])
                waiting = next(pending, None)
            if max_findings is not None and len(kept) >= max_findings:
                continue  # Counted already, with everything the block counted.
            if at is not None:
                finding = finding.with_location(replace(finding.location, record=number))
            kept.append(finding)
        while waiting is not None:
            keep(waiting[2])
            waiting = next(pending, None)
        records += report.records
    if records == 0 and empty is not None:
        keep(empty)
    return FileReport(
        name,
        fmt,
        records,
        invalid,
        tuple(kept),
        frozen(dict(sorted(counts.items()))),
        sum(counts.values()) - len(kept),
    )


def empty_finding(checker: Checker, name: str) -> Finding | None:
    """Return the finding for an NDJSON file of blank lines only, if the checker keeps it."""
    wanted = checker._wanted
    return only_blank_lines(name) if wanted is None or wanted("source.empty") else None
