"""Start-up: a command imports what it runs and nothing more, and behaves as before."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from lgstandards.cli import main

_ROOT = Path(__file__).resolve().parents[1]


def _loaded(argv: list[str], cwd: Path | None = None) -> set[str]:
    """Run the CLI in a fresh process and return the modules it had imported by its end."""
    code = (
        "import sys\n"
        "from lgstandards.cli import main\n"
        f"main({argv!r})\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    # Output goes to a pipe, as in CI or a pre-commit hook: no terminal, so no colour.
    env = {k: v for k, v in os.environ.items() if k not in ("FORCE_COLOR", "TTY_COMPATIBLE")}
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True, cwd=cwd, env=env)
    return set(result.stderr.split())


def test_version_imports_no_sub_command() -> None:
    """`--version` loads no sub-command, no reporter and no catalogue."""
    loaded = _loaded(["--version"])
    assert not {m for m in loaded if m.startswith("lgstandards.cli.")}
    assert not {"pydantic", "lgstandards.registry", "lgstandards.reporters.text"} & loaded


def test_list_imports_no_pydantic() -> None:
    """`list` reads the manifests without pydantic, which cost more than the rest of it."""
    loaded = _loaded(["list"])
    assert "lgstandards.manifest" in loaded
    assert not {"pydantic", "pydantic_core", "rich", "jsonschema_rs"} & loaded


def test_validating_without_a_config_file_imports_no_pydantic_or_rich(tmp_path: Path) -> None:
    """Validating one file, with no configuration to find, into a pipe loads neither.

    The text report goes to a pipe, where rich would add nothing; the configuration's pydantic
    tables load only when there is a file to read.
    """
    example = (_ROOT / "standards" / "waste-property-schedule" / "2.0.0" / "examples" / "valid"
               / "two-tier-district-house.json")
    for argv in (["validate", "--no-config"], ["validate"]):
        loaded = _loaded([*argv, "-s", "waste-property-schedule@2", str(example)], tmp_path)
        assert "lgstandards.reporters.text" in loaded
        assert not {"pydantic", "rich", "lgstandards.config.tables"} & loaded, argv


def test_a_configuration_file_found_is_checked_by_its_tables(tmp_path: Path) -> None:
    """A configuration file found on the way is read through the pydantic tables, as before."""
    (tmp_path / "lgstandards.toml").write_text(
        '[[check]]\nfiles = ["*.json"]\nstandard = "waste-property-schedule@2"\n'
    )
    loaded = _loaded(["validate"], tmp_path)
    assert {"lgstandards.config.tables", "pydantic"} <= loaded


def test_validating_imports_only_its_standards_rules() -> None:
    """Checking clean planning data loads neither python-jsonschema nor the waste rules."""
    valid = _ROOT / "standards" / "planning-application-register" / "2.0.0" / "examples" / "valid"
    loaded = _loaded(["validate", "--no-config", "-s", "planning-application-register@2",
                      str(valid)])
    assert "lgstandards.rules.planning_v2" in loaded
    assert not {"jsonschema", "referencing", "lgstandards.rules.waste.property_schedule_v2",
                "lgstandards.reporters.html", "lgstandards.cli.publish_commands"} & loaded


def test_a_mistyped_command_is_answered_with_the_nearest(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Commands load lazily, yet a mistyped one still gets click's suggestion."""
    assert main(["valdate"]) == 2
    assert "Did you mean 'validate'?" in capsys.readouterr().err
