"""Architecture: the core never imports the CLI's libraries, and the public API is complete."""

from __future__ import annotations

import subprocess
import sys

import lgstandards


def test_core_never_imports_click_or_rich() -> None:
    """Using the library end to end loads neither click nor rich."""
    code = (
        "import sys, lgstandards\n"
        "r = lgstandards.validate({'uprn': 1}, 'common')\n"
        "lgstandards.catalogue()\n"
        "from lgstandards.reporters import render\n"
        "render(r, 'json'); render(r, 'text')\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == ""


def test_cli_start_up_skips_jsonschema() -> None:
    """`lgstandards list` does not pay for importing jsonschema."""
    code = (
        "import sys\n"
        "from lgstandards.cli import main\n"
        "main(['list'])\n"
        "print('jsonschema' in sys.modules, file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stderr.strip() == "False"


def test_all_is_complete() -> None:
    """Every public name is listed in __all__ and every listed name resolves."""
    for name in lgstandards.__all__:
        assert getattr(lgstandards, name) is not None
    assert set(lgstandards._EXPORTS) | {"__version__"} == set(lgstandards.__all__)


def test_findings_and_reports_are_immutable() -> None:
    """Findings and reports cannot be changed after they are made."""
    import dataclasses

    import pytest

    report = lgstandards.validate({"uprn": 1}, "common")
    finding = report.findings[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.code = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        report.files = ()  # type: ignore[misc]
    with pytest.raises(TypeError):
        report.files[0].counts["x"] = 1  # type: ignore[index]
