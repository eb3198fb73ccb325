"""Checking in worker processes (`--jobs`): whole files, and large NDJSON files in parts.

Workers are spawned, rebuild the parent's checker from its `Recipe`, and send back file reports.
A large NDJSON file is cut into parts at line ends; each worker checks a part as if it were the
file (lines and byte offsets counted from the file's start), except for the rules that compare
records across the file: for those it only collects each record's key, and the parent compares
the keys in file order, as one process would have. The parent then renumbers the parts' records
and merges their findings, so the report is the one a single process gives.
"""

from __future__ import annotations

import contextlib
import dataclasses
import os
import time
from collections import Counter, deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path
from typing import IO, Any

from lgstandards.conformance import Checker, Recipe, locate_finding
from lgstandards.findings import Finding, Severity, SourceLocation, frozen
from lgstandards.report import FileReport
from lgstandards.rules.base import LATER, Across, RecordContext
from lgstandards.rules.first_seen import FirstSeen
from lgstandards.sources import GZIP_MAGIC, InputFormat, Record, Source, only_blank_lines

#: Files on disk, in bytes, below which checking in one process beats starting workers.
PARALLEL_MIN_BYTES = 32 * 2**20
#: The smallest part of an NDJSON file given to a worker; a file of two such parts is cut.
PART_MIN_BYTES = 8 * 2**20
#: The largest part: a worker holds its part in memory while it checks it.
PART_MAX_BYTES = 64 * 2**20

#: The checker of this worker process, built once from its recipe when the worker starts.
_WORKER: Checker | None = None


def worth_workers(checker: Checker, sources: Sequence[Source]) -> bool:
    """Return whether the files on disk are many or large enough to repay starting workers."""
    sizes = [_size(source) for source in sources if source.path is not None]
    if sum(sizes) < PARALLEL_MIN_BYTES:
        return False
    return len(sizes) > 1 or any(_splittable(checker, s) for s in sources if s.path is not None)


def _size(source: Source) -> int:
    try:
        return source.path.stat().st_size if source.path is not None else 0
    except OSError:
        return 0


def _splittable(checker: Checker, source: Source) -> bool:
    """Return whether a file can be cut into parts and is worth it.

    It must be NDJSON of two parts or more, with a head that needs no whole-file finding (UTF-16
    and binary files are reported whole, as one process would), checked by rules that all know
    how to compare records across parts.
    """
    return _size(source) >= 2 * PART_MIN_BYTES and cuttable(checker, source)


def cuttable(checker: Checker, source: Source) -> bool:
    """Return whether a file may be checked in pieces: plain NDJSON, rules that compare across.

    Its head must need no whole-file finding (UTF-16 and binary files are reported whole, as one
    process would), and every rule across the file must know how to compare records checked
    apart. Shared by `--jobs` and the Dask engine, which each add their own size threshold.
    """
    if source.format != "ndjson" or source.path is None or not source.path.is_file():
        return False
    if any(rule.per_file is not None and rule.across is None for rule in checker.rules):
        return False
    try:
        with source.path.open("rb") as handle:
            head = handle.read(8192)
    except OSError:
        return False
    # A gzip stream cannot be read from the middle.
    return not head.startswith((b"\xff\xfe", b"\xfe\xff", GZIP_MAGIC)) and b"\x00" not in head


def boundary(handle: IO[bytes], offset: int, size: int) -> int:
    """Return where the first line starting at or after byte `offset` starts (or `size`)."""
    if offset <= 0:
        return 0
    if offset >= size:
        return size
    handle.seek(offset - 1)
    # To just after the line holding the byte before `offset`, in bounded reads: one long line
    # must not be held whole.
    while chunk := handle.readline(2**20):
        if chunk.endswith(b"\n"):
            break
    return min(handle.tell(), size)


def measure(path: str | Path, start: int, end: int, size: int) -> tuple[int, int, int]:
    """Return the lines of a file that start in bytes `start` to `end`: (start, end, line ends).

    Every part is measured on its own, by the worker that gets it, and neighbours agree: the
    end of one is found exactly as the start of the next is, from the same byte.
    """
    with open(path, "rb") as handle:
        first, last = boundary(handle, start, size), boundary(handle, end, size)
        handle.seek(first)
        lines, left = 0, last - first
        while left > 0:
            block = handle.read(min(left, 2**22))
            if not block:
                break
            lines += block.count(b"\n")
            left -= len(block)
    return first, last, lines


def spans(path: Path, size: int, target: int) -> Iterator[tuple[int, int, int]]:
    """Cut a file into (start, end, first line) parts of about `target` bytes at line ends.

    In one process, part after part; `check_in_workers` measures the parts in the workers.
    """
    line = 1
    for start in range(0, size, max(target, 1)):
        first, last, lines = measure(path, start, min(start + target, size), size)
        if first < last:
            yield first, last, line
        line += lines


# -- in the worker -----------------------------------------------------------------------------


def _start_worker(recipe: Recipe, parent: int) -> None:
    """Compile the parent's checker in this worker, once for all the files it will check."""
    import signal

    global _WORKER
    # Ctrl-C reaches every process of the terminal; the parent alone answers it and stops the
    # workers, so none of them prints a traceback. (The parent also starts workers with it
    # ignored, for a Ctrl-C that comes before this runs.)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _watch_parent(parent)
    _WORKER = recipe.build()


def _watch_parent(parent: int) -> None:
    """End this worker when its parent process has gone (killed, say), instead of idling on.

    The parent's id comes from the parent itself: one that died while this process started
    would otherwise be missed, the process already handed to another parent.
    """
    import threading

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, name="lgstandards-parent-watch", daemon=True).start()


def _check_in_worker(
    name: str, fmt: InputFormat, path: str, max_findings: int | None
) -> FileReport:
    """Check one whole file in a worker process."""
    assert _WORKER is not None
    source = Source(name, fmt, path=Path(path), tabular=_WORKER.tabular)
    try:
        return _WORKER.check_source(source, max_findings=max_findings)
    except Exception as exc:  # A bug must cost one file, not the run.
        return _failed(name, exc)


class Part:
    """What a worker keeps of one part of a file for the parent: invalid records, keys."""

    __slots__ = ("bad", "keys", "later", "where")

    def __init__(self, later: bool = False) -> None:
        """Start with nothing collected; `later` when the file's records can be read again."""
        #: The part's record numbers counted invalid, in order.
        self.bad: list[int] = []
        #: For each rule across the file: (key, fingerprint, shown, record, line, offset).
        self.keys: list[list[tuple[str, int, Any, int, int, int]]] = []
        #: The line and byte offset of the record being checked.
        self.where: tuple[int, int] = (0, 0)
        #: Whoever judges the keys reads fingerprints from the file, only for keys met again:
        #: the fingerprint sent is then `LATER`.
        self.later = later

    def collector(self, across: Across) -> Callable[[RecordContext], tuple[()]]:
        """Return a check that collects the keys of one rule across the file, finding nothing."""
        out: list[tuple[str, int, Any, int, int, int]] = []
        self.keys.append(out)
        find = across.find
        if self.later and find is not None and across.fingerprint is not None:

            def collect_later(ctx: RecordContext) -> tuple[()]:
                found = find(ctx)
                if found is not None:
                    out.append((found[0], LATER, found[1], ctx.number, *self.where))
                return ()

            return collect_later
        key = across.key

        def collect(ctx: RecordContext) -> tuple[()]:
            found = key(ctx)
            if found is not None:
                out.append((*found, ctx.number, *self.where))
            return ()

        return collect


@dataclasses.dataclass(frozen=True)
class _PartReport:
    """A part's report with local record numbers, its invalid records and its keys."""

    report: FileReport
    bad: list[int]
    keys: list[list[tuple[str, int, Any, int, int, int]]]


def _check_part(
    name: str, path: str, start: int, end: int, first_line: int, max_findings: int | None
) -> _PartReport:
    """Check the lines of a file from byte `start` to `end` in a worker process."""
    assert _WORKER is not None
    with open(path, "rb") as handle:
        handle.seek(start)
        data = handle.read(end - start)
    source = Source(
        name, "ndjson", data=data, part=True, first_line=first_line, byte_base=start
    )
    part = Part(later=True)
    report = _WORKER._check_source(source, max_findings, part)
    return _PartReport(report, part.bad, part.keys)


# -- in the parent -----------------------------------------------------------------------------


def check_in_workers(
    checker: Checker,
    sources: Sequence[Source],
    jobs: int,
    max_findings: int | None,
    on_file: Callable[[str], None] | None,
) -> Iterator[FileReport]:
    """Check files in worker processes, yielding their reports in the order of `sources`."""
    import multiprocessing

    assert checker.recipe is not None
    # Spawned, not forked: a fork would copy locks held by other threads (a progress display's,
    # say), and spawning behaves the same on every platform.
    pool = ProcessPoolExecutor(
        max_workers=jobs,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=_start_worker,
        initargs=(checker.recipe, os.getpid()),
    )
    try:
        yield from _collect(checker, pool, sources, jobs, max_findings, on_file)
    except BaseException:
        # Interrupted, or the consumer stopped early: cancel what is queued and end the workers
        # now rather than after the files they are on (3.11 has no public way to end them).
        processes = list((getattr(pool, "_processes", None) or {}).values())
        pool.shutdown(wait=False, cancel_futures=True)
        for process in processes:
            process.terminate()
        raise
    pool.shutdown()


@contextlib.contextmanager
def _ctrl_c_ignored() -> Iterator[None]:
    """Ignore Ctrl-C for a moment in this process (only the main thread can change that)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, before)


class _Parts:
    """The parts of one large file: those measured, those handed to the pool, those to come.

    The parent reads nothing of the file: it cuts it at round byte offsets, a worker finds the
    line ends near them and counts the lines between (a few percent of checking them), and the
    parent adds up the counts, so each part is checked knowing its first line number.
    """

    def __init__(
        self, pool: ProcessPoolExecutor, source: Source, jobs: int, max_findings: int | None
    ) -> None:
        """Cut the file and hand the pool its first parts."""
        assert source.path is not None
        self.pool, self.source, self.max_findings = pool, source, max_findings
        self.size = size = _size(source)
        # Several parts a worker, so one slow part does not leave the others idle at the end.
        target = min(max(size // (jobs * 4), PART_MIN_BYTES), PART_MAX_BYTES)
        self.cuts = iter(range(0, size, target))
        self.target = target
        self.line = 1
        self.measuring: deque[Future[tuple[int, int, int]]] = deque()
        self.running: deque[Future[_PartReport]] = deque()
        # Measuring runs ahead of checking: the pool takes tasks in order, and a part is handed
        # on only once the parts before it have been measured.
        for _ in range(4 * jobs):
            self._measure_one()
        # A few parts a worker at a time: the parent takes their reports in order, and parts
        # that finish early wait in memory until it does.
        for _ in range(2 * jobs):
            self._hand_one()

    def _measure_one(self) -> None:
        start = next(self.cuts, None)
        if start is not None:
            end = min(start + self.target, self.size)
            self.measuring.append(
                self.pool.submit(measure, str(self.source.path), start, end, self.size)
            )

    def _hand_one(self) -> None:
        while self.measuring:
            start, end, lines = self.measuring.popleft().result()
            self._measure_one()
            line, self.line = self.line, self.line + lines
            if start < end:  # A line longer than a part leaves the parts inside it empty.
                self.running.append(self.pool.submit(
                    _check_part, self.source.name, str(self.source.path), start, end, line,
                    self.max_findings,
                ))
                return

    def reports(self) -> Iterator[_PartReport]:
        """Yield each part's report in file order, handing the pool one more part for each."""
        while self.running:
            report = self.running.popleft().result()
            self._hand_one()
            yield report

    def cancel(self) -> None:
        """Cancel the parts not yet started."""
        for measuring in self.measuring:
            measuring.cancel()
        for future in self.running:
            future.cancel()


_Task = Future[FileReport] | _Parts


def _submit(
    checker: Checker,
    pool: ProcessPoolExecutor,
    source: Source,
    jobs: int,
    max_findings: int | None,
) -> _Task:
    """Hand one file to the pool: whole, or cut into parts if it is a large NDJSON file."""
    assert source.path is not None
    if _splittable(checker, source):
        return _Parts(pool, source, jobs, max_findings)
    return pool.submit(
        _check_in_worker, source.name, source.format, str(source.path), max_findings
    )


def _collect(
    checker: Checker,
    pool: ProcessPoolExecutor,
    sources: Sequence[Source],
    jobs: int,
    max_findings: int | None,
    on_file: Callable[[str], None] | None,
) -> Iterator[FileReport]:
    """Hand the files on disk to the pool and yield every source's report in order."""
    from concurrent.futures.process import BrokenProcessPool

    # Files are handed over a few ahead of the one being reported, not all at once: a large
    # file is read end to end to cut it, and its parts' reports wait here until their turn.
    ahead: deque[tuple[Source, _Task | None]] = deque()
    upcoming = iter(sources)

    def hand_on() -> None:
        while len(ahead) < 2 * jobs:
            source = next(upcoming, None)
            if source is None:
                return
            task: _Task | None = None
            if source.path is not None:
                try:
                    task = _submit(checker, pool, source, jobs, max_findings)
                except BrokenProcessPool:  # The workers are gone: this file is checked here.
                    task = None
            ahead.append((source, task))

    with _ctrl_c_ignored():
        # The pool spawns its workers on the first submission, and they inherit an ignored
        # Ctrl-C, so none is interrupted before it can ignore Ctrl-C itself.
        hand_on()
    while ahead:
        source, task = ahead.popleft()
        hand_on()
        report: FileReport | None = None
        if isinstance(task, _Parts):
            merger = Merger(checker, source, max_findings)
            try:
                for part in task.reports():
                    checker.checked_in_worker(part.report)
                    merger.add(part)
            except Exception:  # A worker died (killed, out of memory) or a part failed.
                task.cancel()
            else:
                report = merger.report()
        elif task is not None:
            try:
                report = task.result()
            except BrokenProcessPool:  # A worker died (killed, or out of memory).
                report = None
            else:
                checker.checked_in_worker(report)
        if report is None:
            # Standard input and pipes are already in memory here; files whose worker failed
            # are checked again here.
            report = checker.check_source(source, max_findings=max_findings)
        if on_file:
            on_file(source.name)
        yield report


class Merger:
    """Joins the reports of a file's parts, taken in order, into the whole file's report."""

    def __init__(self, checker: Checker, source: Source, max_findings: int | None) -> None:
        """Start the report of `source` as checked by `checker`."""
        self.checker, self.source, self.max_findings = checker, source, max_findings
        self.across = [rule for rule in checker.rules if rule.per_file is not None]
        #: For each rule across the file, its keys' first records, packed as `Across` packs them
        #: (in memory up to a limit, then in a temporary SQLite database).
        self.seen: list[FirstSeen] = [FirstSeen() for _ in self.across]
        self.kept: list[Finding] = []
        self.counts: Counter[str] = Counter()
        self.records = self.invalid = 0
        # Findings of rules across the file are placed from the file itself, line by line.
        self.relocate = Source(source.name, "ndjson", path=source.path)
        #: Reads a record again, for the fingerprints of keys met again (see `Part.later`).
        self.read = self.relocate.read_again()

    def _keep(self, finding: Finding, place: Callable[[], Finding] | None = None) -> None:
        self.counts[finding.code] += 1
        if self.max_findings is None or len(self.kept) < self.max_findings:
            self.kept.append(place() if place is not None else finding)

    def add(self, part: _PartReport) -> None:
        """Take the next part's report: renumber it and judge its keys across the file."""
        base, report, kept = self.records, part.report, self.kept
        self.counts.update(report.counts)  # Everything the part counted, kept or not.
        self.invalid += report.invalid_records
        later = self._judge(part, base)
        # The part's findings in order, each file-wide finding after its record's own.
        pending = iter(later)
        waiting = next(pending, None)
        for finding in report.findings:
            at = finding.location.record
            number = base + at if at is not None else 0
            while waiting is not None and waiting[0] < number:
                self._keep_placed(waiting)
                waiting = next(pending, None)
            if self.max_findings is not None and len(kept) >= self.max_findings:
                continue  # Counted already, with everything the part counted.
            if at is not None:
                finding = finding.with_location(
                    dataclasses.replace(finding.location, record=number)
                )
            kept.append(finding)
        while waiting is not None:
            self._keep_placed(waiting)
            waiting = next(pending, None)
        self.records += report.records

    def _judge(self, part: _PartReport, base: int) -> list[tuple[int, int, Finding, int, int]]:
        """Compare the part's keys with the first of each, in order; return the findings."""
        bad = {base + number for number in part.bad}
        later: list[tuple[int, int, Finding, int, int]] = []
        for index, rule in enumerate(self.across):
            assert rule.across is not None  # Parts are cut only for such rules.
            keys = part.keys[index]
            # All of a part's keys at once: the index asks its database in batches.
            if keys and keys[0][1] == LATER:
                assert self.read is not None  # Parts are cut only from plain NDJSON files.
                hits = rule.across.meet_many_later(self.seen[index], [
                    (key, shown, base + number, line, offset)
                    for key, _, shown, number, line, offset in keys
                ], self.read)
            else:
                hits = rule.across.meet_many(self.seen[index], [
                    (key, fingerprint, shown, base + number)
                    for key, fingerprint, shown, number, _, _ in keys
                ])
            for position, hit in hits:
                number = base + keys[position][3]
                finding = self.checker.finding(rule, hit)
                later.append((number, index, finding, keys[position][4], keys[position][5]))
                if finding.severity is Severity.ERROR and number not in bad:
                    bad.add(number)
                    self.invalid += 1
        later.sort(key=lambda entry: (entry[0], entry[1]))
        return later

    def _keep_placed(self, entry: tuple[int, int, Finding, int, int]) -> None:
        """Keep a file-wide finding, placed in its line only if it is kept (as one process)."""
        number, _, finding, line, offset = entry

        def place() -> Finding:
            assert self.relocate.path is not None
            with self.relocate.path.open("rb") as handle:
                handle.seek(offset)
                raw = handle.readline()
            if line == 1:
                raw = raw.removeprefix(b"\xef\xbb\xbf")
            record = Record(None, number, line=line, raw=raw, offset=offset)
            return finding.with_location(locate_finding(self.relocate, record, finding.pointer))

        self._keep(finding, place)

    def report(self) -> FileReport:
        """Return the whole file's report (and delete the indexes, no longer needed)."""
        for seen in self.seen:
            seen.close()
        wanted = self.checker._wanted
        if self.records == 0 and (wanted is None or wanted("source.empty")):
            self._keep(only_blank_lines(self.source.name))
        return FileReport(
            self.source.name,
            self.source.format,
            self.records,
            self.invalid,
            tuple(self.kept),
            frozen(dict(sorted(self.counts.items()))),
            sum(self.counts.values()) - len(self.kept),
        )


def _failed(name: str, exc: BaseException) -> FileReport:
    """Return the report of a file whose check failed through no fault of the file."""
    finding = Finding(
        "internal.file-failed",
        Severity.ERROR,
        f"Checking {name} failed ({type(exc).__name__}: {exc}); please report it to the "
        "lgstandards maintainers.",
        location=SourceLocation(name),
    )
    return FileReport(name, findings=(finding,), counts=frozen({finding.code: 1}))
