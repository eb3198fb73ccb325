"""Checking files in worker processes (`--jobs`): the same report, in the same order."""

from __future__ import annotations

import dataclasses
import json
import os
import pickle
import shutil
from pathlib import Path
from typing import Any

import pytest

from lgstandards import conformance
from lgstandards.cli import main
from lgstandards.conformance import Checker, Recipe
from lgstandards.findings import Severity
from lgstandards.rules import RuleOptions

ROOT = Path(__file__).resolve().parents[1]
SCHEDULE = ROOT / "standards/waste-property-schedule/1.0.0/examples"


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


def test_on_report_sees_each_file(folder: Path) -> None:
    """`on_report` gets each file's report, with or without workers."""
    checker = Checker.for_standard("waste-property-schedule@1")
    for jobs in (1, 2):
        seen: list[Any] = []
        report = checker.check_paths([str(folder)], jobs=jobs, on_report=seen.append)
        assert [f.path for f in seen] == [f.path for f in report.files]


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

    monkeypatch.setattr(conformance, "_WORKER", Exploding())
    report = conformance._check_in_worker("a.json", "json", "a.json", None)
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
    real = conformance._check_in_workers

    def spy(checker: Checker, sources: Any, jobs: int, *rest: Any) -> Any:
        started.append(jobs)
        return real(checker, sources, jobs, *rest)

    monkeypatch.setattr(conformance, "_check_in_workers", spy)
    assert main(["validate", "--config", str(config)]) == 1
    assert json.loads(capsys.readouterr().out)["summary"]["files"] > 10
    assert started == [2]
    config.write_text(config.read_text().replace("jobs = 2", "jobs = -1"))
    assert main(["validate", "--config", str(config)]) == 2
    assert "jobs" in capsys.readouterr().err
