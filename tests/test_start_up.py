"""Start-up: a command imports what it runs and nothing more, and behaves as before."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from lgstandards.cli import main

_ROOT = Path(__file__).resolve().parents[1]


def _loaded(argv: list[str]) -> set[str]:
    """Run the CLI in a fresh process and return the modules it had imported by its end."""
    code = (
        "import sys\n"
        "from lgstandards.cli import main\n"
        f"main({argv!r})\n"
        "print('\\n'.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    return set(result.stderr.split())


def test_version_imports_no_sub_command() -> None:
    """`--version` loads no sub-command, no reporter and no catalogue."""
    loaded = _loaded(["--version"])
    assert not {m for m in loaded if m.startswith("lgstandards.cli.")}
    assert not {"pydantic", "lgstandards.registry", "lgstandards.reporters.text"} & loaded


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
