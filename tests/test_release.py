"""`lgstandards release`: a truthful release goes through; a lying one is refused, unwritten."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from lgstandards.cli import main
from lgstandards.conformance import Checker
from lgstandards.development.lifecycle import check_catalogue
from lgstandards.development.release import (
    ReleasePlan,
    ReleaseRefused,
    ReleaseRequest,
    apply_release,
    changelog_problems,
    plan_release,
)
from lgstandards.errors import LgstandardsError
from lgstandards.lock import check_lock, read_lock
from lgstandards.registry import Catalogue, Status, standards_root

#: The wave's release date, the "today" of these tests.
TODAY = date(2026, 12, 5)
STANDARD = "waste-bulky-booking"
OLD, NEW = "1.0.0", "1.1.0"

NOTE_FIELD = {
    "title": "Note for the crew",
    "description": "Anything the crew should know to collect the items, such as where they are.",
    "type": "string",
    "maxLength": 500,
}


@pytest.fixture
def registry(tmp_path: Path) -> Path:
    """Return a temporary copy of the registry in which the standard has only its 1.0.0."""
    root = tmp_path / "standards"
    shutil.copytree(standards_root(), root)
    _only_first(root)
    return root


def _only_first(root: Path) -> None:
    """Remove the standard's versions after OLD from a copy, so these tests can make their own."""
    folder = root / STANDARD
    manifest_path = folder / "standard.json"
    manifest = json.loads(manifest_path.read_text())
    later = [e["version"] for e in manifest["versions"] if e["version"] != OLD]
    manifest["versions"] = [e for e in manifest["versions"] if e["version"] == OLD]
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    lock_file = root / "lock.json"
    lock = json.loads(lock_file.read_text())
    lock["versions"] = {k: v for k, v in lock["versions"].items()
                        if k not in {f"{STANDARD}/{v}" for v in later}}
    lock_file.write_text(json.dumps(lock, indent=2) + "\n")
    changelog = folder / "CHANGELOG.md"
    text = changelog.read_text()
    for version in later:
        shutil.rmtree(folder / version)
        start = text.find(f"## [{version}]")
        if start >= 0:
            text = text[:start] + text[text.index("## [", start + 4):]
        text = "".join(line for line in text.splitlines(keepends=True)
                       if not line.startswith(f"[{version}]: "))
    changelog.write_text(text)


def _snapshot(root: Path) -> dict[str, bytes]:
    """Return every file of a registry, to prove a refused release wrote nothing."""
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def _draft(root: Path, *, version: str = NEW, required: bool = False,
           changelog_date: str | None = "2026-12-05") -> None:
    """Add a draft version of the standard: a copy of 1.0.0 with one new field."""
    folder = root / STANDARD
    shutil.copytree(folder / OLD, folder / version)
    schema_path = folder / version / "schema.json"
    schema: dict[str, Any] = json.loads(schema_path.read_text())
    schema["$id"] = schema["$id"].replace(f"/{OLD}/", f"/{version}/")
    schema["properties"]["crew_note"] = NOTE_FIELD
    if required:
        schema["required"] = [*schema["required"], "crew_note"]
    schema_path.write_text(json.dumps(schema, indent=2) + "\n")
    manifest_path = folder / "standard.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["versions"].append({"version": version, "status": "draft"})
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    if changelog_date is not None:
        changelog = folder / "CHANGELOG.md"
        text = changelog.read_text()
        section = (f"## [{version}] - {changelog_date}\n\n### Added\n\n- `crew_note`, optional: "
                   "MINOR, since every booking valid before stays valid.\n\n")
        text = text.replace(f"## [{OLD}]", section + f"## [{OLD}]", 1)
        text += f"[{version}]: https://schemas.lgstandards.org/{STANDARD}/{version}/schema.json\n"
        changelog.write_text(text)


def _plan(root: Path, *, version: str = NEW, today: date = TODAY, **options: Any) -> ReleasePlan:
    request = ReleaseRequest(STANDARD, version, **options)
    return plan_release(Catalogue(root), request, today=today)


def _entry(root: Path, version: str) -> dict[str, Any]:
    manifest = json.loads((root / STANDARD / "standard.json").read_text())
    return next(e for e in manifest["versions"] if e["version"] == version)


def test_a_truthful_minor_is_released(registry: Path) -> None:
    """A new optional field as a MINOR passes every check; status, date and lock are written."""
    _draft(registry)
    plan = _plan(registry, on=TODAY)
    assert plan.reasons == ()
    assert plan.previous == OLD
    assert plan.diff is not None and plan.diff.bump == "minor"
    assert plan.bootstrap
    written = apply_release(plan)
    assert {p.name for p in written} == {"standard.json", "lock.json"}
    assert _entry(registry, NEW) == {"version": NEW, "status": "published",
                                     "released": "2026-12-05"}
    cat = Catalogue(registry)
    lock = read_lock(registry / "lock.json")
    assert lock is not None and f"{STANDARD}/{NEW}" in lock.versions
    assert check_lock(cat) == ()
    assert {k: v for k, v in check_catalogue(cat, today=TODAY).items() if v} == {}
    assert cat.select(f"{STANDARD}@1").version == NEW


def test_a_lying_minor_is_refused_with_every_reason(registry: Path) -> None:
    """A new required field numbered as a MINOR is refused, listing each reason; nothing written."""
    _draft(registry, required=True)
    before = _snapshot(registry)
    plan = _plan(registry, on=TODAY)
    assert not plan.ok
    assert plan.diff is not None and plan.diff.bump == "major"
    assert any("major" in r and NEW in r for r in plan.reasons), plan.reasons
    # The valid examples of 1.0.0, copied, lack the new required field: they fail too.
    assert any(r.startswith("examples:") and "schema.required" in r for r in plan.reasons)
    # And 1.1.0, as a MINOR version, refuses the valid examples of 1.0.0 itself.
    assert any("a valid example of 1.0.0 is refused by 1.1.0" in r for r in plan.reasons)
    with pytest.raises(ReleaseRefused) as refused:
        apply_release(plan)
    assert refused.value.exit_code == 1
    assert refused.value.reasons == plan.reasons
    assert _snapshot(registry) == before


def test_the_cli_refuses_a_lie_and_exits_1(registry: Path, capsys: pytest.CaptureFixture[str]
                                           ) -> None:
    """`lgstandards release` prints every reason on stderr and exits 1, writing nothing."""
    _draft(registry, required=True)
    before = _snapshot(registry)
    code = main(["release", STANDARD, NEW, "--date", "2026-12-05",
                 "--standards-dir", str(registry)])
    err = capsys.readouterr().err
    assert code == 1
    assert "refused, and nothing was written" in err
    assert "examples:" in err
    assert _snapshot(registry) == before


def test_a_missing_changelog_section_is_refused(registry: Path) -> None:
    """A version without its `## [x.y.z] - DATE` section and link is refused."""
    _draft(registry, changelog_date=None)
    plan = _plan(registry, on=TODAY)
    assert [r for r in plan.reasons if "CHANGELOG.md" in r] == [r for r in plan.reasons]
    assert any("has no section for 1.1.0" in r for r in plan.reasons)
    assert any("has no link for 1.1.0" in r for r in plan.reasons)


def test_a_changelog_dated_otherwise_is_refused(tmp_path: Path) -> None:
    """The section's date must be the release date; an undated section is refused too."""
    changelog = tmp_path / "CHANGELOG.md"
    changelog.write_text("## [1.0.0] - Unreleased\n\n[1.0.0]: https://example.org/\n")
    assert changelog_problems(changelog, "1.0.0", TODAY) == (
        f"{changelog} dates 1.0.0 Unreleased; the release is on 2026-12-05: write "
        "`## [1.0.0] - 2026-12-05`",)
    changelog.write_text("## [1.0.0] - 2026-12-05\n\n[1.0.0]: https://example.org/\n")
    assert changelog_problems(changelog, "1.0.0", TODAY) == ()
    assert "does not exist" in changelog_problems(tmp_path / "none.md", "1.0.0", TODAY)[0]


def test_a_candidate_then_promoted(registry: Path) -> None:
    """A candidate gets its comment period; it is published only after the period ends."""
    _draft(registry)
    lock_before = (registry / "lock.json").read_bytes()
    apply_release(_plan(registry, status=Status.CANDIDATE, on=TODAY))
    assert _entry(registry, NEW) == {"version": NEW, "status": "candidate",
                                     "released": "2026-12-05", "comment_until": "2026-12-19"}
    # A candidate may still change, so it is not locked.
    assert (registry / "lock.json").read_bytes() == lock_before
    cat = Catalogue(registry)
    assert cat.select(f"{STANDARD}@1").version == OLD
    assert cat.select(f"{STANDARD}@{NEW}").status is Status.CANDIDATE

    early = _plan(registry, on=date(2026, 12, 19), today=date(2026, 12, 19))
    assert any("comment period runs until 2026-12-19" in r for r in early.reasons)

    changelog = registry / STANDARD / "CHANGELOG.md"
    changelog.write_text(changelog.read_text().replace(f"## [{NEW}] - 2026-12-05",
                                                       f"## [{NEW}] - 2026-12-20"))
    later = _plan(registry, on=date(2026, 12, 20), today=date(2026, 12, 21))
    assert later.reasons == ()
    apply_release(later)
    assert _entry(registry, NEW) == {"version": NEW, "status": "published",
                                     "released": "2026-12-20", "comment_until": "2026-12-19"}
    lock = read_lock(registry / "lock.json")
    assert lock is not None and f"{STANDARD}/{NEW}" in lock.versions


def test_a_short_comment_period_is_refused(registry: Path) -> None:
    """--comment-until cannot shorten the period a MINOR version needs."""
    _draft(registry)
    plan = _plan(registry, status=Status.CANDIDATE, on=TODAY, comment_until=date(2026, 12, 10))
    assert any("lifecycle.comment-period" in r for r in plan.reasons)


def test_deprecating_the_predecessor_with_a_sunset(registry: Path) -> None:
    """--deprecate-previous records it; validate then warns with the sunset and the successor."""
    _draft(registry)
    plan = _plan(registry, on=TODAY, deprecate_previous=True, sunset=date(2027, 6, 5),
                 note="Move to 1.1.0.")
    assert plan.reasons == ()
    apply_release(plan)
    assert _entry(registry, OLD) == {
        "version": OLD, "status": "deprecated", "released": "2026-11-26",
        "deprecated_on": "2026-12-05", "sunset": "2027-06-05", "replaced_by": NEW,
        "notes": "Move to 1.1.0."}
    cat = Catalogue(registry)
    assert {k: v for k, v in check_catalogue(cat, today=TODAY).items() if v} == {}
    assert check_lock(cat) == ()
    report = Checker.for_standard(f"{STANDARD}@{OLD}", registry=cat).check_paths([])
    assert [f.message for f in report.findings if f.code == "standard.deprecated"] == [
        f"{STANDARD}@{OLD} is deprecated and may be retired after 2027-06-05: move to "
        f"{STANDARD}@{NEW}. Move to 1.1.0."]


def test_a_sunset_too_soon_or_missing_is_refused(registry: Path) -> None:
    """The sunset leaves 180 days' notice; deprecation without one is refused."""
    _draft(registry)
    soon = _plan(registry, on=TODAY, deprecate_previous=True, sunset=date(2027, 1, 5))
    assert any("lifecycle.short-notice" in r for r in soon.reasons)
    missing = _plan(registry, on=TODAY, deprecate_previous=True)
    assert any("needs --sunset" in r for r in missing.reasons)


def test_a_changed_released_version_is_refused(registry: Path) -> None:
    """A release refuses while a released version's files differ from the lock."""
    _draft(registry)
    example = next((registry / STANDARD / OLD / "examples" / "valid").iterdir())
    example.write_text(example.read_text() + "\n")
    plan = _plan(registry, on=TODAY)
    assert any(r.startswith("a released version changed:") and OLD in r for r in plan.reasons)


def test_a_released_version_is_not_released_again(registry: Path) -> None:
    """A published version cannot be released again, nor an unlisted one at all."""
    again = _plan(registry, version=OLD, on=TODAY)
    assert any("a published version cannot become published" in r for r in again.reasons)
    unlisted = _plan(registry, version="9.0.0", on=TODAY)
    assert unlisted.reasons and "does not list 9.0.0" in unlisted.reasons[0]


def test_a_date_after_today_is_refused(registry: Path) -> None:
    """The release date is a record of what happened, never a plan."""
    _draft(registry, changelog_date="2026-12-06")
    plan = _plan(registry, on=date(2026, 12, 6))
    assert any("after today" in r for r in plan.reasons)


def test_adopters_decide_promotion_once_there_are_any(registry: Path) -> None:
    """With adopters recorded, a draft goes through a candidate and needs its evidence."""
    _draft(registry)
    manifest_path = registry / STANDARD / "standard.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["adopters"] = [{"name": "Example Council", "kind": "council", "versions": [OLD],
                             "statement": "https://example.org/statement.json"}]
    manifest_path.write_text(json.dumps(manifest))
    plan = _plan(registry, on=TODAY)
    assert any("release it as a candidate for comment first" in r for r in plan.reasons)
    assert not plan.bootstrap


def test_dry_run_writes_nothing(registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--dry-run says what it would do and writes nothing."""
    _draft(registry)
    before = _snapshot(registry)
    code = main(["release", STANDARD, NEW, "--date", "2026-12-05", "--dry-run",
                 "--standards-dir", str(registry)])
    out = capsys.readouterr().out
    assert code == 0
    assert "The release of waste-bulky-booking@1.1.0 would:" in out
    assert "- set waste-bulky-booking@1.1.0 to published" in out
    assert "bootstrap rule" in out
    assert _snapshot(registry) == before


def test_the_cli_releases(registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`lgstandards release` writes the manifest and the lock and says so."""
    _draft(registry)
    code = main(["release", STANDARD, NEW, "--date", "2026-12-05",
                 "--standards-dir", str(registry)])
    assert code == 0
    assert "Released waste-bulky-booking@1.1.0 as published on 2026-12-05" in \
        capsys.readouterr().out
    assert _entry(registry, NEW)["status"] == "published"


def test_an_external_standard_is_not_released(registry: Path) -> None:
    """lgstandards does not release a standard it only signposts: exit 2."""
    with pytest.raises(LgstandardsError, match="external"):
        plan_release(Catalogue(registry), ReleaseRequest("open311-georeport", "2.1.0"),
                     today=TODAY)
    assert main(["release", "open311-georeport", "2.1.0", "--standards-dir", str(registry)]) == 2


def test_an_extension_is_released_by_hand(capsys: pytest.CaptureFixture[str]) -> None:
    """`release` of an extension's id says how to release one instead, exit 2, nothing written."""
    with pytest.raises(LgstandardsError, match="is an extension of waste-property-schedule"):
        plan_release(Catalogue(standards_root()),
                     ReleaseRequest("garden-waste-subscription", "2.0.0"), today=TODAY)
    assert main(["release", "collection-outcomes-contract", "2.0.0", "--dry-run"]) == 2
    assert "`lgstandards lock`" in capsys.readouterr().err


def test_a_bad_date_option_exits_2(registry: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A date that is not YYYY-MM-DD is a usage error, not a traceback."""
    assert main(["release", STANDARD, NEW, "--date", "5/12/2026",
                 "--standards-dir", str(registry)]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err


def test_a_first_lock_records_every_released_version(registry: Path) -> None:
    """Without a lock yet, the release writes one with every released version, its own included."""
    _draft(registry)
    (registry / "lock.json").unlink()
    apply_release(_plan(registry, on=TODAY))
    lock = read_lock(registry / "lock.json")
    assert lock is not None
    assert {f"{STANDARD}/{OLD}", f"{STANDARD}/{NEW}", "common/1.0.0"} <= set(lock.versions)
