"""Checking files in worker processes (`--jobs`): the same report, in the same order."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import shutil
from pathlib import Path
from typing import Any, ClassVar

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lgstandards import parallel
from lgstandards.cli import main
from lgstandards.conformance import Checker, Recipe
from lgstandards.findings import Severity
from lgstandards.rules import RuleOptions

ROOT = Path(__file__).resolve().parents[1]
SCHEDULE = ROOT / "standards/waste-property-schedule/1.0.0/examples"


@pytest.fixture(autouse=True)
def small_data_goes_to_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    """Use workers for these small test files, which are below the size that repays them."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Valid and invalid property schedules, one NDJSON file with a conflicting UPRN, a bad file."""
    target = tmp_path_factory.mktemp("jobs")
    for kind in ("valid", "invalid"):
        for path in (SCHEDULE / kind).iterdir():
            if not path.name.endswith(".findings.json"):
                shutil.copy(path, target / f"{kind}-{path.name}")
    (target / "broken.json").write_text('{"generated_at": ')
    return target


def _plain(report: Any) -> dict[str, Any]:
    data: dict[str, Any] = report.to_dict()
    data.pop("generated_at", None)
    return data


def test_workers_give_the_same_report(folder: Path) -> None:
    """Every file, finding, count and location is as a single process gives it, in order."""
    checker = Checker.for_standard("waste-property-schedule@1", options=RuleOptions())
    alone = checker.check_paths([str(folder)])
    together = checker.check_paths([str(folder)], jobs=2)
    assert len(alone.files) > 10
    assert _plain(together) == _plain(alone)
    codes = {f.code for file in together.files for f in file.findings}
    # Per-file rules ran whole in one worker: the conflicting UPRN in one NDJSON file is found.
    assert {"waste.conflicting-uprn", "source.invalid-json", "schema.pattern"} <= codes


def test_selections_reach_the_workers(folder: Path) -> None:
    """A checker narrowed by select/ignore is narrowed the same way in every worker."""
    checker = Checker.for_standard("waste-property-schedule@1").selecting(
        ignore=["waste.conflicting-uprn"]
    ).selecting(select=["waste", "source"])
    together = checker.check_paths([str(folder)], jobs=2)
    assert _plain(together) == _plain(checker.check_paths([str(folder)]))
    codes = {f.code for file in together.files for f in file.findings}
    assert "waste.conflicting-uprn" not in codes
    assert codes and all(code.startswith(("waste.", "source.")) for code in codes)


def test_standard_input_is_checked_beside_the_workers(folder: Path) -> None:
    """Standard input stays in the parent process and keeps its place among the files."""
    checker = Checker.for_standard("waste-property-schedule@1")
    data = (SCHEDULE / "valid" / "unitary-house.json").read_bytes()
    paths = [str(folder / "valid-unitary-house.json"), "-", str(folder / "broken.json")]
    report = checker.check_paths(paths, jobs=2, stdin=lambda: data)
    assert [Path(f.path).name for f in report.files] == [
        "<stdin>", "valid-unitary-house.json", "broken.json"
    ]
    assert _plain(report) == _plain(checker.check_paths(paths, stdin=lambda: data))


def test_subclasses_hear_of_files_checked_in_workers(folder: Path) -> None:
    """`checked_in_worker` is told of each file a worker checked (progress counts them)."""

    class Counting(Checker):
        seen: ClassVar[list[str]] = []

        def checked_in_worker(self, report: Any) -> None:
            self.seen.append(report.path)

    checker = Counting.for_standard("waste-property-schedule@1")
    report = checker.check_paths([str(folder)], jobs=2)
    assert sorted(Counting.seen) == sorted(f.path for f in report.files)


def test_little_data_stays_in_one_process(folder: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Below PARALLEL_MIN_BYTES, starting workers would cost more than it saves."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 32 * 2**20)
    monkeypatch.setattr(parallel, "check_in_workers", _refuse)
    checker = Checker.for_standard("waste-property-schedule@1")
    assert len(checker.check_paths([str(folder)], jobs=4).files) > 10


def _refuse(*args: Any) -> Any:
    raise AssertionError("workers were started")


def test_a_piped_schema_stays_in_one_process(tmp_path: Path) -> None:
    """A --schema read from a pipe cannot be read again by workers, so none is started."""
    fifo = tmp_path / "schema.fifo"
    os.mkfifo(fifo)
    import threading

    writer = threading.Thread(target=lambda: fifo.write_text('{"type": "object"}'))
    writer.start()
    checker = Checker.for_schema_file(fifo)
    writer.join()
    assert checker.recipe is None
    regular = tmp_path / "schema.json"
    regular.write_text('{"type": "object"}')
    assert Checker.for_schema_file(regular).recipe is not None


def test_a_recipe_builds_the_same_checker() -> None:
    """A recipe survives pickling and rebuilds the exact version, options and selections."""
    options = RuleOptions(past_days=10)
    checker = Checker.for_standard("common", options=options).selecting(ignore=["codelist"])
    recipe = pickle.loads(pickle.dumps(checker.recipe))
    assert recipe == checker.recipe
    rebuilt = recipe.build()
    assert rebuilt.name == checker.name
    assert rebuilt.options == options
    assert [r.code for r in rebuilt.rules] == [r.code for r in checker.rules]


def test_a_checker_from_parts_stays_in_one_process(folder: Path) -> None:
    """A checker built by hand has no recipe, so it checks every file itself."""
    base = Checker.for_standard("waste-property-schedule@1")
    checker = Checker(base.validator, rules=base.rules, name=base.name)
    assert checker.recipe is None
    assert _plain(checker.check_paths([str(folder)], jobs=2)) == _plain(
        checker.check_paths([str(folder)])
    )


def test_a_failing_file_costs_only_that_file(monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug while a worker checks a file becomes one internal finding for that file."""

    class Exploding:
        tabular = None

        def check_source(self, source: Any, *, max_findings: int | None = None) -> Any:
            raise RuntimeError("boom")

    monkeypatch.setattr(parallel, "_WORKER", Exploding())
    report = parallel._check_in_worker("a.json", "json", "a.json", None)
    assert [(f.code, f.severity) for f in report.findings] == [
        ("internal.file-failed", Severity.ERROR)
    ]
    assert "RuntimeError: boom" in report.findings[0].message


@dataclasses.dataclass(frozen=True)
class DyingRecipe(Recipe):
    """A recipe whose workers die as they start, as a worker killed for memory would."""

    def build(self) -> Checker:
        """Leave the worker process at once."""
        os._exit(3)


def test_files_of_dead_workers_are_checked_here(folder: Path) -> None:
    """When the workers die, the parent checks their files itself and loses none."""
    checker = Checker.for_standard("waste-property-schedule@1")
    alone = checker.check_paths([str(folder)])
    assert checker.recipe is not None
    checker.recipe = DyingRecipe(**dataclasses.asdict(checker.recipe))
    assert _plain(checker.check_paths([str(folder)], jobs=2)) == _plain(alone)


def test_cli_jobs_gives_the_same_output(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`--jobs 2` and `--jobs 0` (one per CPU) print what a single process prints."""
    outputs = []
    for extra in ([], ["--jobs", "2"], ["-j", "0"]):
        code = main(
            ["validate", "--no-config", "-s", "waste-property-schedule@1", "--format", "json",
             *extra, str(folder)]
        )
        assert code == 1
        report = json.loads(capsys.readouterr().out)
        report.pop("generated_at", None)
        outputs.append(report)
    assert outputs[0] == outputs[1] == outputs[2]


def test_config_sets_jobs(
    folder: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """`jobs` in lgstandards.toml starts workers, and a negative number is refused."""
    shutil.copytree(folder, tmp_path / "data")
    config = tmp_path / "lgstandards.toml"
    config.write_text(
        'jobs = 2\nformat = "json"\n[[check]]\nfiles = ["data/*.json"]\n'
        'standard = "waste-property-schedule@1"\n'
    )
    started: list[int] = []
    real = parallel.check_in_workers

    def spy(checker: Checker, sources: Any, jobs: int, *rest: Any) -> Any:
        started.append(jobs)
        return real(checker, sources, jobs, *rest)

    monkeypatch.setattr(parallel, "check_in_workers", spy)
    assert main(["validate", "--config", str(config)]) == 1
    assert json.loads(capsys.readouterr().out)["summary"]["files"] > 10
    assert started == [2]
    config.write_text(config.read_text().replace("jobs = 2", "jobs = -1"))
    assert main(["validate", "--config", str(config)]) == 2
    assert "jobs" in capsys.readouterr().err


def test_a_worker_ends_when_its_parent_is_killed(tmp_path: Path) -> None:
    """A worker whose parent died (kill -9, say) exits instead of waiting for work forever."""
    import signal
    import subprocess
    import sys
    import time

    worker = (
        "import sys, time; from lgstandards.parallel import _watch_parent; "
        "_watch_parent(int(sys.argv[1])); time.sleep(60)"
    )
    parent = subprocess.Popen(
        [sys.executable, "-c",
         "import os, subprocess, sys, time; "
         f"p = subprocess.Popen([sys.executable, '-c', {worker!r}, str(os.getpid())]); "
         "print(p.pid, flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    assert parent.stdout is not None
    child = int(parent.stdout.readline())
    parent.send_signal(signal.SIGKILL)
    parent.wait()
    parent.stdout.close()
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline and _running(child):
        time.sleep(0.1)
    assert not _running(child)


def _running(pid: int) -> bool:
    """Return whether a process exists and is not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


def test_workers_start_with_ctrl_c_ignored() -> None:
    """Processes started inside `_ctrl_c_ignored` ignore Ctrl-C from their first instruction."""
    import subprocess
    import sys

    code = (
        "import signal, subprocess, sys\n"
        "from lgstandards.parallel import _ctrl_c_ignored\n"
        "probe = 'import signal; print(signal.getsignal(signal.SIGINT) is signal.SIG_IGN)'\n"
        "with _ctrl_c_ignored():\n"
        "    print(subprocess.run([sys.executable, '-c', probe], capture_output=True,"
        " text=True).stdout.strip())\n"
        "print(signal.getsignal(signal.SIGINT) is signal.default_int_handler)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.split() == ["True", "True"], result.stderr


# -- one large NDJSON file cut into parts ----------------------------------------------------------


@pytest.fixture
def tiny_parts(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Cut even small test files into parts of a few kilobytes; count the files merged."""
    monkeypatch.setattr(parallel, "PART_MIN_BYTES", 2048)
    merged: list[int] = []
    real = parallel.Merger.add

    def spy(self: Any, part: Any) -> None:
        if not merged or self is not spy.last:  # type: ignore[attr-defined]
            merged.append(0)
            spy.last = self  # type: ignore[attr-defined]
        merged[-1] += 1
        real(self, part)

    spy.last = None  # type: ignore[attr-defined]
    monkeypatch.setattr(parallel.Merger, "add", spy)
    return merged


def _schedules() -> list[dict[str, Any]]:
    found = []
    for path in sorted((SCHEDULE / "valid").iterdir()):
        if path.suffix == ".json":
            found.append(json.loads(path.read_text()))
        elif path.suffix == ".ndjson":
            found.extend(json.loads(line) for line in path.read_text().splitlines() if line)
    return found


@pytest.fixture(scope="module")
def big_schedule_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Schedules with a BOM, blank lines, bad JSON, schema errors and UPRNs repeated far apart."""
    templates = _schedules()
    lines: list[str] = []
    for number in range(240):
        record = json.loads(json.dumps(templates[number % len(templates)]))
        record["property"]["uprn"] = str(5_000_000 + number % 180)  # 60 UPRNs come back later.
        if number % 180 == 7 and number > 180:
            record["property"]["uprn"] = "000" + record["property"]["uprn"]  # Same property.
        if number % 180 in (11, 12) and number > 180:
            record["collections"] = record["collections"][:-1]  # Conflicts with the first.
        if number % 37 == 5:
            record["property"]["address"]["postcode"] = "SW1A1AA X"
        if number % 53 == 9:
            record["services"][0]["frequency"] = "FREQ=SOMETIMES"
        lines.append(json.dumps(record))
        if number % 41 == 3:
            lines.append("   ")
        if number % 97 == 50:
            lines.append('{"property": ')
        if number in (100, 200):
            # Deep data: checked at 400 levels (past orjson's 254 for the fingerprint), reported
            # at 990, in every process alike.
            deep = dict(record, collections=json.loads("[" * 400 + "]" * 400))
            lines.append(json.dumps(deep))
            lines.append('{"collections": ' + "[" * 990 + "]" * 990 + "}")
    path = tmp_path_factory.mktemp("big") / "schedules.ndjson"
    path.write_bytes(b"\xef\xbb\xbf" + "\n".join(lines).encode() + b"\n")
    return path


@pytest.mark.parametrize("max_findings", [None, 3, 40])
def test_a_file_in_parts_gives_the_same_report(
    big_schedule_file: Path, tiny_parts: list[int], max_findings: int | None
) -> None:
    """Records, findings, places, counts and caps are as one process gives them."""
    checker = Checker.for_standard("waste-property-schedule@1")
    alone = checker.check_paths([str(big_schedule_file)], max_findings=max_findings)
    split = checker.check_paths([str(big_schedule_file)], max_findings=max_findings, jobs=2)
    assert tiny_parts and tiny_parts[0] >= 8
    assert _plain(split) == _plain(alone)
    counts = alone.files[0].counts
    assert counts["waste.conflicting-uprn"] >= 2
    assert {"source.invalid-json", "source.byte-order-mark", "schema.pattern"} <= set(counts)
    assert counts["source.too-deep"] == 2


@pytest.mark.parametrize(
    ("select", "ignore"),
    [(["waste.conflicting-uprn"], []), ([], ["waste.conflicting-uprn"]), (["schema"], [])],
)
def test_parts_follow_selections(
    big_schedule_file: Path, tiny_parts: list[int], select: list[str], ignore: list[str]
) -> None:
    """Selecting or ignoring the rule across the file gives the same report in parts."""
    checker = Checker.for_standard("waste-property-schedule@1").selecting(select, ignore)
    alone = checker.check_paths([str(big_schedule_file)])
    assert _plain(checker.check_paths([str(big_schedule_file)], jobs=3)) == _plain(alone)
    assert tiny_parts


def test_planning_references_are_compared_across_parts(
    tmp_path: Path, tiny_parts: list[int]
) -> None:
    """A reference used again many parts later is reported with the first record's number."""
    example = ROOT / "standards/planning-application-register/1.0.0/examples/valid"
    template = json.loads(next(p for p in sorted(example.iterdir()) if p.suffix == ".json")
                          .read_text())
    lines = []
    for number in range(300):
        record = dict(template, reference=f"24/{number % 250:05d}/FUL")
        lines.append(json.dumps(record))
    data = tmp_path / "register.ndjson"
    data.write_text("\n".join(lines) + "\n")
    checker = Checker.for_standard("planning-application-register@1")
    alone = checker.check_paths([str(data)])
    assert _plain(checker.check_paths([str(data)], jobs=2)) == _plain(alone)
    assert tiny_parts
    repeated = [f for f in alone.files[0].findings if f.code == "planning.reference-not-unique"]
    assert len(repeated) == 50
    assert "by its 1st record" in repeated[0].message


def test_blank_lines_only_in_parts(tmp_path: Path, tiny_parts: list[int]) -> None:
    """A file of blank lines cut into parts still holds 'only blank lines', once, unless ignored."""
    data = tmp_path / "blank.ndjson"
    data.write_text("  \n" * 5000)
    checker = Checker.for_standard("waste-property-schedule@1")
    alone = checker.check_paths([str(data)])
    assert _plain(checker.check_paths([str(data)], jobs=2)) == _plain(alone)
    assert [f.code for f in alone.files[0].findings] == ["source.empty"]
    quiet = checker.selecting(ignore=["source.empty"])
    split = quiet.check_paths([str(data)], jobs=2).files[0]
    assert (split.findings, dict(split.counts)) == ((), {})


def test_parts_of_dead_workers_are_checked_here(
    big_schedule_file: Path, tiny_parts: list[int]
) -> None:
    """When the workers die, the parent checks the whole file itself."""
    checker = Checker.for_standard("waste-property-schedule@1")
    alone = checker.check_paths([str(big_schedule_file)])
    assert checker.recipe is not None
    checker.recipe = DyingRecipe(**dataclasses.asdict(checker.recipe))
    assert _plain(checker.check_paths([str(big_schedule_file)], jobs=2)) == _plain(alone)
    assert tiny_parts == []


@settings(max_examples=200, deadline=None)
@given(
    lines=st.lists(st.binary(max_size=30).map(lambda b: b.replace(b"\n", b"")), max_size=40),
    target=st.integers(1, 80),
    final=st.booleans(),
)
def test_spans_cut_at_line_ends(
    tmp_path_factory: pytest.TempPathFactory, lines: list[bytes], target: int, final: bool
) -> None:
    """Parts cover the file end to end, each starts a line, and knows its first line number."""
    data = b"\n".join(lines) + (b"\n" if final else b"")
    path = tmp_path_factory.mktemp("spans") / "data"
    path.write_bytes(data)
    spans = list(parallel.spans(path, len(data), target))
    assert b"".join(data[start:end] for start, end, _ in spans) == data
    for start, end, first_line in spans:
        assert start < end
        assert start == 0 or data[start - 1 : start] == b"\n"
        assert first_line == data[:start].count(b"\n") + 1


def test_fingerprints_are_the_same_in_every_process() -> None:
    """A schedule's fingerprint does not depend on the process's hash salt (PYTHONHASHSEED)."""
    import subprocess
    import sys

    code = (
        "import json, sys; from lgstandards.rules.waste.same_property import fingerprint_of; "
        f"r = json.load(open({str(SCHEDULE / 'valid' / 'unitary-house.json')!r})); "
        "print(fingerprint_of(r, r['property']))"
    )
    prints = {
        subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert len(prints) == 1


def test_gzip_files_are_checked_whole_by_workers(
    big_schedule_file: Path, tmp_path: Path, tiny_parts: list[int]
) -> None:
    """A gzip stream cannot be cut, so a compressed file goes to one worker whole."""
    import gzip

    packed = tmp_path / "schedules.ndjson.gz"
    packed.write_bytes(gzip.compress(big_schedule_file.read_bytes()))
    second = tmp_path / "again.ndjson.gz"
    shutil.copy(packed, second)
    checker = Checker.for_standard("waste-property-schedule@1")
    alone = checker.check_paths([str(packed), str(second)])
    assert _plain(checker.check_paths([str(packed), str(second)], jobs=2)) == _plain(alone)
    assert tiny_parts == []
    assert alone.files[0].counts["waste.conflicting-uprn"] >= 2


def test_a_part_is_never_read_as_gzip() -> None:
    """A part whose first line happens to start with gzip's magic bytes is plain NDJSON."""
    from lgstandards.sources import Source

    data = b'\x1f\x8b not json\n{"uprn": "1"}\n'
    items = list(Source("x.ndjson", "ndjson", data=data, part=True, first_line=7,
                        byte_base=300).items())
    assert [getattr(i, "code", None) for i in items] == ["source.invalid-encoding", None]
    assert items[0].location.line == 7  # type: ignore[union-attr]
    assert items[1].line == 8 and items[1].offset == 300 + data.index(b"{")  # type: ignore[union-attr]
