"""The pre-commit hook: pre-commit itself runs it on a repository of council data."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
HOOKS = REPO / ".pre-commit-hooks.yaml"
COMMON = REPO / "standards" / "common" / "1.0.0" / "examples"


def _hook() -> dict[str, Any]:
    hooks: list[dict[str, Any]] = yaml.safe_load(HOOKS.read_text("utf-8"))
    return next(h for h in hooks if h["id"] == "lgstandards-validate")


def test_hooks_file_is_a_valid_pre_commit_manifest() -> None:
    """pre-commit's own loader accepts the manifest, and the hook installs as a Python package."""
    from pre_commit.clientlib import load_manifest  # type: ignore[import-untyped]

    hooks = load_manifest(str(HOOKS))
    hook = next(h for h in hooks if h["id"] == "lgstandards-validate")
    assert hook["language"] == "python"
    assert hook["entry"] == "lgstandards validate"
    assert hook["require_serial"] is True


def _git(cwd: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True)


@pytest.fixture
def data_repo(tmp_path: Path) -> Path:
    """Return a git repository of council data using the hook, as pre-commit would run it."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    repo = tmp_path / "council-data"
    (repo / "data").mkdir(parents=True)
    for path in (COMMON / "valid").glob("*.json"):
        shutil.copy(path, repo / "data" / path.name)
    (repo / "package.json").write_text('{"name": "not council data"}\n')
    (repo / "lgstandards.toml").write_text(
        '[[check]]\nfiles = ["data/**/*.json"]\nstandard = "common@1"\n'
    )
    # The hook exactly as published, but run from this environment instead of a fresh one
    # that pre-commit would build by installing lgstandards and its dependencies.
    hook = {**_hook(), "language": "system"}
    hook.pop("minimum_pre_commit_version", None)
    config = {"repos": [{"repo": "local", "hooks": [hook]}]}
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config))
    _git(repo, "init", "-q")
    _git(repo, "add", ".")
    return repo


def _pre_commit(repo: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PRE_COMMIT")}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env["PRE_COMMIT_HOME"] = str(tmp_path / "pre-commit-home")
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", "--color", "never"],
        cwd=repo, env=env, capture_output=True, text=True, check=False, timeout=120,
    )


def test_hook_passes_good_data(data_repo: Path, tmp_path: Path) -> None:
    """Staged conforming data passes; an unrelated JSON file is skipped, not failed."""
    result = _pre_commit(data_repo, tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "lgstandards validate" in result.stdout and "Passed" in result.stdout


def test_hook_fails_bad_data_and_says_where(data_repo: Path, tmp_path: Path) -> None:
    """Staging a file with errors makes the commit fail, naming the field, line and column."""
    shutil.copy(COMMON / "invalid" / "identifiers.json", data_repo / "data" / "bad.json")
    _git(data_repo, "add", "data/bad.json")
    result = _pre_commit(data_repo, tmp_path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "Failed" in result.stdout
    assert "data/bad.json line 4, column 15" in result.stdout
    assert "Postcode 'SW1A1AA X' is not a UK postcode" in result.stdout


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_examples_run_real_commands(name: str) -> None:
    """Every `lgstandards validate` in the CI examples parses with the CLI's real options."""
    import shlex

    from lgstandards.cli.validate_command import validate

    text = (REPO / "examples" / "ci" / name).read_text("utf-8")
    yaml.safe_load(text)
    commands = [
        line.split("lgstandards validate", 1)[1].split(">>")[0].split("#")[0]
        for line in text.splitlines()
        if "lgstandards validate" in line and not line.lstrip().startswith("#")
    ]
    formats = set()
    for command in commands:
        args = shlex.split(command)
        context = validate.make_context("validate", args)
        formats.add(context.params["fmt"])
    assert {"junit", "sarif"} <= formats


@pytest.mark.parametrize("name", ["github-actions.yml", "gitlab-ci.yml"])
def test_ci_examples_install_from_the_pinned_repository(name: str) -> None:
    """lgstandards is not on PyPI: the examples install it from git, at a ref set in one place."""
    text = (REPO / "examples" / "ci" / name).read_text("utf-8")
    config = yaml.safe_load(text)
    variables = config.get("env") or config["lgstandards"]["variables"]
    assert {"LGSTANDARDS_REPO", "LGSTANDARDS_REF"} <= set(variables)
    installs = [line.split("#")[0] for line in text.splitlines()
                if "pip install" in line and not line.lstrip().startswith("#")]
    assert installs
    ours = [line for line in installs if "lgstandards" in line]
    assert ours and all("git+${LGSTANDARDS_REPO}@${LGSTANDARDS_REF}" in line for line in ours)


def test_ci_docs_pin_pre_commit_to_a_rev_that_exists() -> None:
    """The pre-commit example pins a commit, or a release tag only once the repository has it."""
    import re

    text = (REPO / "docs" / "ci.md").read_text("utf-8")
    block = re.search(r"## pre-commit\n.*?```yaml\n(.*?)```", text, re.S)
    assert block is not None
    rev = str(yaml.safe_load(block.group(1))["repos"][0]["rev"])
    tags: list[str] = []
    if shutil.which("git") is not None and (REPO / ".git").exists():
        listed = subprocess.run(["git", "tag", "--list"], cwd=REPO, capture_output=True,
                                text=True, check=False)
        tags = listed.stdout.split()
    assert rev in tags or not re.fullmatch(r"v?\d+(\.\d+)*", rev), rev
