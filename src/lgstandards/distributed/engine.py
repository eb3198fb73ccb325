"""Building and running the Dask graph of a check, and connecting to a cluster.

Dask is imported here only inside functions, so `lgstandards.distributed` can be imported, and
say clearly what is missing, without the `dask` extra installed.
"""

from __future__ import annotations

import contextlib
import itertools
import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lgstandards.conformance import Checker, Recipe
from lgstandards.distributed import blocks as tasks
from lgstandards.errors import LgstandardsError
from lgstandards.report import FileReport, Report
from lgstandards.rules import RuleOptions
from lgstandards.sources import Source

if TYPE_CHECKING:
    from distributed import Client


#: The most tasks that judge the keys of the rules across records. Every block sends each judge
#: its share, so blocks x judges pieces move: enough judges to spread the keys, not so many that
#: the pieces are tiny.
MAX_JUDGES = 64


class DaskUnavailableError(LgstandardsError):
    """Checking on Dask was asked for, but the `dask` extra is not installed."""


class DaskRunError(LgstandardsError):
    """The Dask cluster could not be reached, or could not run the check."""


def require_dask() -> None:
    """Raise DaskUnavailableError, saying how to install it, unless Dask can be imported."""
    try:
        import dask
        import dask.bag  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise DaskUnavailableError(
            "checking on Dask needs the dask extra, which is not installed "
            f"({exc}); install it with: pip install 'lgstandards[dask]'"
        ) from None


def _cpus() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # Not on Linux: every CPU counts.
        return os.cpu_count() or 1


@contextlib.contextmanager
def connect(address: str, *, workers: int | None = None) -> Iterator[Client]:
    """Yield a client of the Dask scheduler at `address`, or of a new local cluster for 'local'.

    A local cluster has one single-threaded worker process per usable CPU (or `workers`),
    listens on 127.0.0.1 only and serves no dashboard; it is closed on leaving.
    """
    require_dask()
    from distributed import Client, LocalCluster

    if address == "local":
        # One thread a worker: checking holds the GIL, so threads would only take turns.
        cluster = LocalCluster(
            n_workers=workers or _cpus(), threads_per_worker=1, processes=True,
            host="127.0.0.1", dashboard_address=None,
        )
        try:
            with Client(cluster) as client:
                yield client
        finally:
            cluster.close()
        return
    try:
        client = Client(address, timeout="10s")
    except (OSError, TimeoutError, ValueError) as exc:
        raise DaskRunError(
            f"could not reach the Dask scheduler at {address!r} ({exc}); give the address "
            "`dask scheduler` printed (tcp://HOST:8786), or 'local'"
        ) from None
    with client:
        yield client


class DaskEngine:
    """Checks a run's files on a Dask cluster, for `Checker.check_paths(engine=...)`.

    Files on disk are checked on the cluster's workers, which must see them at the same paths
    (a shared file system) and have lgstandards installed; standard input and pipes are checked
    here. Large NDJSON files are cut into blocks of `blocksize` bytes at line ends.
    """

    def __init__(self, client: Client, *, blocksize: int = tasks.DEFAULT_BLOCKSIZE) -> None:
        """Use `client`'s cluster, cutting NDJSON files into blocks of about `blocksize` bytes."""
        if blocksize < 1:
            raise ValueError("blocksize must be at least 1 byte")
        self.client = client
        self.blocksize = blocksize

    def __call__(
        self,
        checker: Checker,
        sources: Sequence[Source],
        max_findings: int | None,
        on_file: Callable[[str], None] | None,
    ) -> Iterator[FileReport]:
        """Yield each source's report, in order, as one process gives it."""
        recipe = _recipe(checker)
        reports = _check_sources(
            self.client, checker, recipe, sources, max_findings, self.blocksize
        )
        for source, report in zip(sources, reports, strict=True):
            if on_file:
                on_file(source.name)
            if report is None:
                yield checker.check_source(source, max_findings=max_findings)
            else:
                checker.checked_in_worker(report)
                yield report


def _recipe(checker: Checker) -> Recipe:
    if checker.recipe is None:
        raise DaskRunError(
            "this checker cannot be rebuilt on a Dask worker (a schema read from a pipe, or a "
            "catalogue given in code); give a standard or a schema file"
        )
    return checker.recipe


def _compute(client: Client, *collections: Any) -> tuple[Any, ...]:
    """Compute collections on the cluster, turning its failures into a clear error."""
    from dask.base import compute

    try:
        return tuple(compute(*collections, scheduler=client))
    except LgstandardsError:
        raise
    except Exception as exc:
        raise DaskRunError(f"the Dask cluster could not run the check ({type(exc).__name__}: "
                           f"{exc})") from None


def _check_sources(
    client: Client,
    checker: Checker,
    recipe: Recipe,
    sources: Sequence[Source],
    max_findings: int | None,
    blocksize: int,
) -> list[FileReport | None]:
    """Return each file's report (None for those to check here: standard input, pipes)."""
    from dask.delayed import delayed

    whole: dict[int, Any] = {}
    checked: dict[int, list[Any]] = {}
    for index, source in enumerate(sources):
        if source.path is None:
            continue
        path = str(source.path)
        if not tasks.can_split(checker, source, blocksize):
            whole[index] = delayed(tasks.check_file)(
                recipe, source.name, source.format, path, max_findings
            )
            continue
        size = source.path.stat().st_size
        spans = [
            delayed(tasks.find_span)(path, start, end, size)
            for start, end in tasks.nominal_blocks(size, blocksize)
        ]
        lines = delayed(tasks.first_lines)(spans)
        checked[index] = [
            delayed(tasks.check_block)(recipe, source.name, path, span, lines, block, max_findings)
            for block, span in enumerate(spans)
        ]
    paths = {index: (sources[index].name, str(sources[index].path)) for index in checked}
    judged = _judged(checker, recipe, checked, paths)
    summaries = {
        index: [delayed(tasks.summary)(block) for block in results]
        for index, results in checked.items()
    }
    done_whole, done_blocks, done_judged = _compute(client, whole, summaries, judged)
    by_file: dict[int, list[tuple[int, int, int, Any]]] = {}
    for file, block, number, rule, finding in itertools.chain.from_iterable(done_judged):
        by_file.setdefault(file, []).append((block, number, rule, finding))
    reports: list[FileReport | None] = []
    for index, source in enumerate(sources):
        if index in done_whole:
            reports.append(done_whole[index])
        elif index in done_blocks:
            reports.append(tasks.merge(
                source.name, source.format, done_blocks[index], by_file.get(index, ()),
                max_findings, empty=tasks.empty_finding(checker, source.name),
            ))
        else:
            reports.append(None)
    return reports


def _judged(
    checker: Checker,
    recipe: Recipe,
    checked: dict[int, list[Any]],
    paths: Mapping[int, tuple[str, str | None]],
) -> Any:
    """Return the lazy findings of the rules across files, their keys shuffled by key."""
    from dask.delayed import delayed

    if not checked or not tasks.across_rules(checker):
        return []
    blocks = [
        (file, block, result)
        for file, results in checked.items()
        for block, result in enumerate(results)
    ]
    counts = {
        file: [delayed(tasks.records_in)(result) for result in results]
        for file, results in checked.items()
    }
    bases = delayed(tasks.record_bases)(counts)
    # Each block shares its keys out among the judges by a hash of the key, and each judge
    # takes its share from every block: all records of one key meet in one task, whichever
    # block they came from. One step, with no key ever gathered into a single partition.
    partitions = max(1, min(len(blocks), MAX_JUDGES))
    shares = [
        delayed(tasks.key_buckets, nout=partitions)(result, file, block, partitions)
        for file, block, result in blocks
    ]
    return [
        delayed(tasks.judge_bucket)([share[judge] for share in shares], recipe, bases, paths)
        for judge in range(partitions)
    ]


def _check_bag(client: Client, checker: Checker, recipe: Recipe, bag: Any) -> FileReport:
    """Return the report of a Dask bag of records, numbered across its partitions in order."""
    from dask.delayed import delayed

    results = [delayed(tasks.check_records)(recipe, part) for part in bag.to_delayed()]
    summaries = [delayed(tasks.summary)(result) for result in results]
    judged = _judged(checker, recipe, {0: results}, {0: ("<data>", None)})
    done_blocks, done_judged = _compute(client, summaries, judged)
    return tasks.merge(
        "<data>", "python", done_blocks,
        [(block, number, rule, finding)
         for _, block, number, rule, finding in itertools.chain.from_iterable(done_judged)],
        None,
    )


def validate_with_dask(
    data: str | Path | Iterable[str | Path] | Any,
    standard: str | None = None,
    *,
    schema: str | Path | None = None,
    client: Client | None = None,
    options: RuleOptions | None = None,
    max_findings: int | None = None,
    blocksize: int = tasks.DEFAULT_BLOCKSIZE,
) -> Report:
    """Validate files, or a Dask bag of records, on a Dask cluster: the report one process gives.

    `data` is a path, a list of paths (files, folders, globs) or a `dask.bag.Bag` of records;
    a bag's report is `lgstandards.validate(list(records), standard)`'s, record numbers counted
    across partitions in order. Without `client`, a local cluster is started for the call.
    """
    require_dask()
    import dask.bag as db

    if (standard is None) == (schema is None):
        raise ValueError("give exactly one of standard= or schema=")
    checker = (
        Checker.for_standard(standard, options=options)
        if standard is not None
        else Checker.for_schema_file(Path(schema or ""), options=options)
    )
    with contextlib.ExitStack() as stack:
        if client is None:
            client = stack.enter_context(connect("local"))
        if isinstance(data, db.Bag):
            return checker.report([_check_bag(client, checker, _recipe(checker), data)])
        paths = [data] if isinstance(data, str | Path) else list(data)
        engine = DaskEngine(client, blocksize=blocksize)
        return checker.check_paths(
            [str(path) for path in paths], max_findings=max_findings, engine=engine
        )
