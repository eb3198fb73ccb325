"""`lgstandards new`: a scaffolded standard passes lint, the lifecycle and its examples at once."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from lgstandards.apicheck.openapi import api_document
from lgstandards.cli import main
from lgstandards.development.examples import check_examples, example_problems
from lgstandards.development.lifecycle import check_catalogue
from lgstandards.development.scaffold import NewStandard, ScaffoldError, create_standard, id_problem
from lgstandards.lint import lint_catalogue
from lgstandards.registry import Catalogue, Status, standards_root

REPO_STANDARDS = standards_root()


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """Return a temporary copy of the registry, with an empty docs folder beside it."""
    shutil.copytree(REPO_STANDARDS, tmp_path / "standards")
    (tmp_path / "docs").mkdir()
    return tmp_path / "standards"


@pytest.mark.parametrize("kind", ["data", "api"])
def test_a_new_standard_passes_every_check_at_once(
    registry: Path, kind: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """The scaffold of each kind passes lint, the lifecycle and its examples in a real registry."""
    code = main(["new", "bin-sensor-readings", "--kind", kind, "--title", "Bin sensor readings",
                 "--owner", "Example Council", "--owner-contact", "data@example.gov.uk",
                 "--standards-dir", str(registry)])
    assert code == 0, capsys.readouterr()
    cat = Catalogue(registry)
    manifest = cat.manifest("bin-sensor-readings")
    assert (manifest.kind, manifest.owner, manifest.owner_contact) == (
        kind, "Example Council", "data@example.gov.uk")
    assert [(e.version, e.status) for e in manifest.versions] == [("1.0.0", Status.DRAFT)]
    version = cat.select("bin-sensor-readings@1.0.0", allow_draft=True)

    # lint, over the whole registry (the new schema among the others), and the lifecycle.
    assert {ref: found for ref, found in lint_catalogue(cat).items() if found} == {}
    assert {k: v for k, v in check_catalogue(cat, today=date(2026, 12, 5)).items() if v} == {}
    assert main(["lint", "--standards-dir", str(registry), "bin-sensor-readings"]) == 0

    # The examples, as tests/test_examples.py checks them: both kinds, exact findings.
    results = check_examples(version, cat)
    assert {r.kind for r in results} == {"valid", "invalid"}
    assert all(r.found == r.expected for r in results if r.kind == "invalid")
    assert example_problems(version, cat) == ()

    schema = version.schema
    assert schema["$id"] == f"{cat.base_uri}bin-sensor-readings/1.0.0/schema.json"
    assert schema["properties"]["$schema"]["title"] == "Schema"
    assert (registry.parent / "docs" / "bin-sensor-readings.md").is_file()
    changelog = (registry / "bin-sensor-readings" / "CHANGELOG.md").read_text()
    assert "## [1.0.0] - Unreleased" in changelog
    if kind == "api":
        api = api_document(cat, version.ref)
        for method, template in api.operations():
            for key in api.documented(method, template):
                for media in api.media_types(method, template, key):
                    assert api.validator(method, template, key, media) is not None


@pytest.mark.parametrize("bad", ["Bad", "bad_id", "-bad", "bad-", "9lives", "a--b", "assets",
                                 "types", "x" * 65, ""])
def test_a_bad_id_is_refused(registry: Path, bad: str, capsys: pytest.CaptureFixture[str]
                             ) -> None:
    """An id that is not lower-case words joined by hyphens exits 2 and writes nothing."""
    before = sorted(p.name for p in registry.iterdir())
    assert main(["new", "--standards-dir", str(registry), "--", bad]) == 2
    assert "lgstandards: error:" in capsys.readouterr().err
    assert sorted(p.name for p in registry.iterdir()) == before
    assert id_problem(bad) is not None


def test_an_existing_id_is_refused(registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Scaffolding over a standard that exists exits 2, naming it, and changes nothing."""
    manifest = (registry / "common" / "standard.json").read_text()
    assert main(["new", "common", "--standards-dir", str(registry)]) == 2
    assert "already a standard 'common'" in capsys.readouterr().err
    assert (registry / "common" / "standard.json").read_text() == manifest


def test_an_existing_docs_page_is_never_overwritten(registry: Path) -> None:
    """When one file of the scaffold exists already, nothing at all is written."""
    page = registry.parent / "docs" / "street-lighting.md"
    page.write_text("mine")
    with pytest.raises(ScaffoldError, match="already exist"):
        create_standard(Catalogue(registry), NewStandard("street-lighting"))
    assert page.read_text() == "mine"
    assert not (registry / "street-lighting").exists()


def test_the_default_title_and_description(registry: Path) -> None:
    """Without --title the id gives the title; the description asks to be replaced."""
    create_standard(Catalogue(registry), NewStandard("street-lighting"))
    raw = json.loads((registry / "street-lighting" / "standard.json").read_text())
    assert raw["title"] == "Street lighting"
    assert "replace this sentence" in raw["description"]
    assert raw["owner"] == "lgstandards"


def test_the_development_modules_never_import_the_cli_libraries() -> None:
    """Lifecycle, scaffold, examples and release, used as a library, load neither click nor rich."""
    code = (
        "import sys, datetime\n"
        "from lgstandards.registry import catalogue\n"
        "from lgstandards.development import examples, lifecycle, release, scaffold\n"
        "lifecycle.check_catalogue(catalogue(), today=datetime.date(2026, 12, 5))\n"
        "scaffold.scaffold_files(scaffold.NewStandard('x'), 'https://example.org/')\n"
        "examples.example_problems(catalogue().select('common'), catalogue())\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
