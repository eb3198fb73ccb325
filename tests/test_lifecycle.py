"""The lifecycle of versions is enforced: statuses, dates, comment periods, deprecation, owners."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any

import jsonschema
import pytest

from lgstandards.cli import main
from lgstandards.conformance import Checker
from lgstandards.development import lifecycle
from lgstandards.development.lifecycle import (
    BOOTSTRAP_NOTE,
    adoption,
    check_catalogue,
    check_manifest,
    claimed_bump,
    deprecation_message,
    is_bootstrap,
    transition_problem,
)
from lgstandards.lock import Lock
from lgstandards.publish import build_tree, index_schema
from lgstandards.registry import Catalogue, Manifest, Status, catalogue
from tests.conftest import MakeCatalogue

#: The release date of this wave, the "today" of these tests.
TODAY = date(2026, 12, 5)


def _manifest(versions: list[dict[str, Any]], **extra: Any) -> Manifest:
    return Manifest.from_json({
        "id": "thing", "title": "Thing", "description": "A test.", "owner": "tests",
        "owner_contact": "tests@example.org", "licence": "OGL-UK-3.0", "versions": versions,
        **extra,
    })


def _found(versions: list[dict[str, Any]], *, today: date = TODAY, locked: tuple[str, ...] = (),
           **extra: Any) -> set[tuple[str, str]]:
    manifest = _manifest(versions, **extra)
    return {(f.code, f.pointer)
            for f in check_manifest(manifest, today=today, locked=locked)}


def _published(version: str, released: str = "2026-01-01", **extra: Any) -> dict[str, Any]:
    return {"version": version, "status": "published", "released": released, **extra}


def test_the_registry_follows_the_lifecycle(cat: Catalogue) -> None:
    """Every manifest here passes every lifecycle rule on the wave's release date."""
    found = {k: [(f.code, f.pointer, f.message) for f in v]
             for k, v in check_catalogue(cat, today=TODAY).items() if v}
    assert found == {}


def test_every_own_standard_names_its_owner_and_contact(cat: Catalogue) -> None:
    """Each standard lgstandards publishes names an owner and how to reach them."""
    for manifest in cat:
        if not manifest.external:
            assert manifest.owner and manifest.owner_contact, manifest.id


def test_a_whole_lifecycle_is_clean() -> None:
    """A deprecation with notice and replacement, a published version and a candidate pass."""
    versions = [
        {"version": "1.0.0", "status": "deprecated", "released": "2026-01-01",
         "deprecated_on": "2026-06-01", "sunset": "2026-11-28", "replaced_by": "1.1.0"},
        _published("1.1.0", "2026-06-01"),
        {"version": "2.0.0", "status": "candidate", "released": "2026-12-01",
         "comment_until": "2026-12-31"},
        {"version": "2.1.0", "status": "draft"},
    ]
    assert _found(versions) == set()


def test_a_released_version_never_goes_back_or_vanishes() -> None:
    """A version in the lock must stay listed, with a released status."""
    assert _found([{"version": "1.0.0", "status": "draft"}], locked=("1.0.0",)) == {
        ("lifecycle.released-reverted", "/versions/0/status")}
    assert _found([_published("1.1.0")], locked=("1.0.0", "1.1.0")) == {
        ("lifecycle.released-reverted", "/versions")}


def test_a_removed_standard_in_the_lock_is_reported(make_catalogue: MakeCatalogue) -> None:
    """A standard the lock records but whose manifest is gone is reported under its id."""
    cat = make_catalogue({})
    lock = Lock(MappingProxyType({"gone/1.0.0": MappingProxyType({"schema.json": "0" * 64})}))
    found = check_catalogue(cat, today=TODAY, lock=lock)
    assert [f.code for f in found["gone"]] == ["lifecycle.released-reverted"]


def test_dates_are_not_in_the_future() -> None:
    """Release and deprecation dates are what happened; today is a parameter, never the clock."""
    versions = [_published("1.0.0", "2026-12-06")]
    assert _found(versions) == {("lifecycle.date-in-future", "/versions/0/released")}
    assert _found(versions, today=date(2026, 12, 6)) == set()


def test_a_draft_may_carry_a_planned_date() -> None:
    """A draft's released date is a plan, not a record, so it may be in the future."""
    assert _found([{"version": "1.0.0", "status": "draft", "released": "2027-01-01"}]) == set()


def test_deprecation_needs_sunset_replacement_and_date() -> None:
    """A deprecated version names its sunset, replacement and deprecation date."""
    versions = [{"version": "1.0.0", "status": "deprecated", "released": "2026-01-01"},
                _published("1.1.0")]
    assert _found(versions) == {("lifecycle.deprecation-incomplete", "/versions/0")}


def test_deprecation_notice_is_long_enough() -> None:
    """The sunset is 180 days after deprecation, or 365 when a new major version replaces it."""
    minor = [{"version": "1.0.0", "status": "deprecated", "released": "2026-01-01",
              "deprecated_on": "2026-06-01", "sunset": "2026-11-27", "replaced_by": "1.1.0"},
             _published("1.1.0", "2026-06-01")]
    assert _found(minor) == {("lifecycle.short-notice", "/versions/0/sunset")}
    major = [{"version": "1.0.0", "status": "deprecated", "released": "2026-01-01",
              "deprecated_on": "2026-06-01", "sunset": "2027-01-01", "replaced_by": "2.0.0"},
             _published("2.0.0", "2026-06-01")]
    assert _found(major) == {("lifecycle.short-notice", "/versions/0/sunset")}
    major[0]["sunset"] = "2027-06-01"
    assert _found(major) == set()


def test_retired_only_after_the_sunset() -> None:
    """A retired version's sunset has passed; a retired version names its sunset."""
    versions = [{"version": "1.0.0", "status": "retired", "released": "2025-01-01",
                 "deprecated_on": "2025-06-01", "sunset": "2026-12-31", "replaced_by": "2.0.0"},
                _published("2.0.0", "2025-06-01")]
    assert _found(versions) == {("lifecycle.date-in-future", "/versions/0/status")}
    assert _found(versions, today=date(2027, 1, 1)) == set()
    del versions[0]["sunset"]
    assert ("lifecycle.deprecation-incomplete", "/versions/0") in _found(versions)


@pytest.mark.parametrize(("replacement", "problem"), [
    ("0.9.0", "not a listed version"),
    ("1.0.0", "not newer"),
    ("2.0.0", "draft, not released"),
    ("other@1.0.0", "not a listed version"),
])
def test_the_replacement_is_a_released_newer_version(replacement: str, problem: str) -> None:
    """replaced_by names a released version above the deprecated one."""
    manifest = _manifest([
        {"version": "1.0.0", "status": "deprecated", "released": "2026-01-01",
         "deprecated_on": "2026-01-02", "sunset": "2027-12-31", "replaced_by": replacement},
        {"version": "2.0.0", "status": "draft"},
    ])
    found = check_manifest(manifest, today=TODAY)
    assert [f.code for f in found] == ["lifecycle.bad-replacement"]
    assert problem in found[0].message


def test_a_replacement_in_another_standard() -> None:
    """replaced_by may name a released version of another standard."""
    other = Manifest.from_json({
        "id": "other", "title": "Other", "description": "A test.", "owner": "tests",
        "owner_contact": "x", "licence": "OGL-UK-3.0", "versions": [_published("1.0.0")]})
    manifest = _manifest([
        {"version": "1.0.0", "status": "deprecated", "released": "2026-01-01",
         "deprecated_on": "2026-01-02", "sunset": "2027-12-31", "replaced_by": "other@1.0.0"}])
    assert check_manifest(manifest, today=TODAY, others={"other": other}) == ()


def test_replaced_by_is_a_version() -> None:
    """A replacement that is not a version number is a malformed manifest."""
    with pytest.raises(ValueError, match="replaced_by"):
        _manifest([{"version": "1.0.0", "status": "published", "released": "2026-01-01",
                     "replaced_by": "the next one"}])


def test_deprecation_fields_only_on_deprecated_versions() -> None:
    """A published version has no sunset, deprecation date or replacement."""
    assert _found([_published("1.0.0", sunset="2027-01-01")]) == {
        ("lifecycle.misplaced-field", "/versions/0/sunset")}


def test_candidate_comment_period() -> None:
    """A candidate has a comment period as long as its number needs; publication comes after."""
    first = {"version": "1.0.0", "status": "candidate", "released": "2026-12-01"}
    assert _found([first]) == {("lifecycle.comment-period", "/versions/0")}
    # A first version is a major one: 30 days.
    assert _found([{**first, "comment_until": "2026-12-20"}]) == {
        ("lifecycle.comment-period", "/versions/0/comment_until")}
    assert _found([{**first, "comment_until": "2026-12-31"}]) == set()
    # A minor version needs 14 days.
    minor = [_published("1.0.0"), {"version": "1.1.0", "status": "candidate",
                                   "released": "2026-12-01", "comment_until": "2026-12-15"}]
    assert _found(minor) == set()
    # Published before its comment period ended.
    early = [_published("1.0.0", "2026-12-01", comment_until="2026-12-15")]
    assert _found(early) == {("lifecycle.comment-period", "/versions/0/comment_until")}


def test_statuses_in_order() -> None:
    """A draft is not numbered below a released version of its major line; dates rise too."""
    assert _found([{"version": "1.0.0", "status": "draft"}, _published("1.1.0")]) == {
        ("lifecycle.status-order", "/versions/0/version")}
    # Another major line may still get a patch.
    assert _found([_published("1.0.0"), {"version": "1.0.1", "status": "draft"},
                   _published("2.0.0")]) == set()
    assert _found([_published("1.0.0", "2026-06-01"), _published("1.1.0", "2026-01-01")]) == {
        ("lifecycle.dates-out-of-order", "/versions/1/released")}


def test_owner_contact_is_required() -> None:
    """A standard of ours says how to reach its owner."""
    manifest = _manifest([_published("1.0.0")], owner_contact=None)
    assert [f.code for f in check_manifest(manifest, today=TODAY)] == [
        "lifecycle.no-owner-contact"]


def test_external_standards_keep_their_owners_records() -> None:
    """A signposted standard's deprecation is its owner's: only future dates are checked."""
    manifest = _manifest([{"version": "1.0.0", "status": "deprecated", "released": "2020-01-01"},
                          _published("3.0.0", "2027-01-01")],
                         external=True, homepage="https://example.org/", owner_contact=None)
    assert [(f.code, f.pointer) for f in check_manifest(manifest, today=TODAY)] == [
        ("lifecycle.date-in-future", "/versions/1/released")]


def test_adopters_and_the_bootstrap_rule() -> None:
    """Without two councils and a supplier a released version is shown as bootstrap."""
    adopters = [
        {"name": "A Council", "kind": "council", "versions": ["1.0.0"], "statement": "a.json"},
        {"name": "B Council", "kind": "council", "versions": ["1.0.0"], "statement": "b.json"},
        {"name": "C Ltd", "kind": "supplier", "versions": ["1.0.0", "1.1.0"],
         "statement": "c.json"},
    ]
    manifest = _manifest([_published("1.0.0"), _published("1.1.0", "2026-02-01"),
                          {"version": "1.2.0", "status": "draft"}], adopters=adopters)
    assert adoption(manifest, "1.0.0").promotes
    assert not adoption(manifest, "1.1.0").promotes
    assert adoption(manifest, "1.1.0").describe() == "C Ltd"
    flags = {e.version: is_bootstrap(manifest, e) for e in manifest.versions}
    assert flags == {"1.0.0": False, "1.1.0": True, "1.2.0": False}
    assert check_manifest(manifest, today=TODAY) == ()


def test_an_adopter_of_an_unknown_version() -> None:
    """An adopter names versions the standard lists."""
    adopters = [{"name": "A", "kind": "council", "versions": ["9.0.0"], "statement": "a"}]
    assert _found([_published("1.0.0")], adopters=adopters) == {
        ("lifecycle.bad-adopter", "/adopters/0/versions")}


def test_every_version_here_is_published_under_the_bootstrap_rule(cat: Catalogue) -> None:
    """No adopter has evidenced conformance yet, so every released version of ours is bootstrap."""
    for version in cat.versions():
        if version.status.released:
            assert is_bootstrap(version.manifest, version.entry), version.ref


@pytest.mark.parametrize(("old", "new", "allowed"), [
    (Status.DRAFT, Status.CANDIDATE, True),
    (Status.DRAFT, Status.PUBLISHED, True),
    (Status.CANDIDATE, Status.CANDIDATE, True),
    (Status.CANDIDATE, Status.PUBLISHED, True),
    (Status.PUBLISHED, Status.DEPRECATED, True),
    (Status.DEPRECATED, Status.RETIRED, True),
    (Status.PUBLISHED, Status.DRAFT, False),
    (Status.PUBLISHED, Status.CANDIDATE, False),
    (Status.RETIRED, Status.PUBLISHED, False),
    (Status.DRAFT, Status.RETIRED, False),
])
def test_transitions(old: Status, new: Status, allowed: bool) -> None:
    """A version moves forward through the lifecycle only."""
    assert (transition_problem(old, new) is None) is allowed


@pytest.mark.parametrize(("old", "new", "bump"), [
    (None, "1.0.0", "major"), ("1.0.0", "2.0.0", "major"), ("1.0.0", "1.1.0", "minor"),
    ("1.1.0", "1.1.1", "patch"), ("1.1.1", "1.1.1", "none"),
])
def test_claimed_bump(old: str | None, new: str, bump: str) -> None:
    """The bump a number claims decides the comment period of a candidate."""
    assert claimed_bump(old, new) == bump
    assert lifecycle.COMMENT_DAYS[claimed_bump(old, new)] >= 7


def _deprecated_catalogue(root: Path) -> Catalogue:
    (root / "registry.json").write_text(json.dumps({"base_uri": "https://example.org/s/"}))
    folder = root / "thing"
    for version in ("1.0.0", "1.1.0"):
        (folder / version).mkdir(parents=True)
        (folder / version / "schema.json").write_text(json.dumps({
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"https://example.org/s/thing/{version}/schema.json",
            "title": "Thing", "description": "A thing.", "type": "object"}))
    (folder / "standard.json").write_text(json.dumps({
        "id": "thing", "title": "Thing", "description": "A test.", "owner": "tests",
        "owner_contact": "tests@example.org", "licence": "OGL-UK-3.0", "versions": [
            {"version": "1.0.0", "status": "deprecated", "released": "2026-01-01",
             "deprecated_on": "2026-06-01", "sunset": "2027-03-31", "replaced_by": "1.1.0",
             "notes": "Moved to 1.1.0."},
            _published("1.1.0", "2026-06-01")]}))
    return Catalogue(root)


def test_validate_warns_with_the_sunset_and_replacement(tmp_path: Path) -> None:
    """Data checked against a deprecated version is told the sunset and what replaces it."""
    cat = _deprecated_catalogue(tmp_path)
    report = Checker.for_standard("thing@1.0.0", registry=cat).check_paths([])
    notices = [f for f in report.findings if f.code == "standard.deprecated"]
    assert [f.message for f in notices] == [
        "thing@1.0.0 is deprecated and may be retired after 2027-03-31: move to thing@1.1.0. "
        "Moved to 1.1.0."]
    assert deprecation_message(cat.select("thing@1.0.0")) == notices[0].message


def test_cli_lint_reports_the_lifecycle(make_catalogue: MakeCatalogue,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    """`lgstandards lint` checks manifests too, naming the file and the place."""
    cat = make_catalogue({"thing": {
        "id": "thing", "title": "Thing", "description": "A test.", "owner": "tests",
        "licence": "OGL-UK-3.0", "external": True, "homepage": "https://example.org/",
        "versions": [_published("1.0.0", "2999-01-01")]}})
    code = main(["lint", "--standards-dir", str(cat.root)])
    out = capsys.readouterr().out
    assert code == 1
    assert "standard.json#/versions/0/released: error [lifecycle.date-in-future]" in out


def test_the_installed_catalogue_is_checked_without_a_lock_argument() -> None:
    """check_catalogue reads the catalogue's own lock when none is given."""
    results = check_catalogue(catalogue(), today=TODAY, standards=["common"])
    assert results == {"common": ()}


def test_the_site_and_index_show_the_lifecycle(tmp_path: Path) -> None:
    """index.json carries the lifecycle fields; pages show sunset, replacement and bootstrap."""
    cat = _deprecated_catalogue(tmp_path)
    files = build_tree(cat).files
    index = json.loads(files["index.json"])
    jsonschema.Draft202012Validator(index_schema(index["base_url"])).validate(index)
    (thing,) = index["standards"]
    assert thing["owner_contact"] == "tests@example.org" and thing["adopters"] == []
    old, new = thing["versions"]
    assert (old["sunset"], old["replaced_by"], old["deprecated_on"], old["bootstrap"]) == (
        "2027-03-31", "1.1.0", "2026-06-01", True)
    assert new["bootstrap"] is True and new["sunset"] is None
    page = files["thing/1.0.0/index.html"].decode()
    assert "Sunset" in page and "2027-03-31" in page and "move to thing@1.1.0" in page
    assert BOOTSTRAP_NOTE in files["thing/index.html"].decode()
    assert "without adopters" in files["thing/index.html"].decode()


def test_list_and_show_mark_versions_published_without_adopters(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`list` and `show` (text and JSON) say which versions were published without adopters."""
    assert main(["list"]) == 0
    out = capsys.readouterr().out
    assert "1.0.0 (published without adopters)" in out and BOOTSTRAP_NOTE in out
    assert main(["show", "common@1.0.0"]) == 0
    out = capsys.readouterr().out
    assert "contact: " in out and BOOTSTRAP_NOTE in out
    assert main(["show", "common@1.0.0", "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["owner_contact"] and data["versions"][0]["bootstrap"] is True
