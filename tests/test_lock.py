"""Released versions never change: their file hashes are locked and checked."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lgstandards.cli import main
from lgstandards.lock import (
    LockChange,
    LockError,
    LockRefused,
    check_lock,
    compute_lock,
    lock_path,
    read_lock,
    write_lock,
)
from lgstandards.registry import Catalogue, catalogue
from tests.test_publish import released, schema, write_standards


def test_released_files_match_the_committed_lock() -> None:
    """Every file of every released version has the hash standards/lock.json recorded."""
    cat = catalogue()
    assert lock_path(cat).is_file(), "standards/lock.json is missing: run `lgstandards lock`"
    changes = [change.describe() for change in check_lock(cat)]
    assert changes == [], (
        "Released standards must not change; publish a new version instead. If these are new "
        "releases, run `lgstandards lock` and commit standards/lock.json."
    )


def _catalogue(root: Path) -> Catalogue:
    """Return a catalogue with a published, a deprecated and a draft version."""
    return write_standards(root, {"thing": {
        "manifest": {"versions": [released("1.0.0", "deprecated"), released("2.0.0"),
                                  released("3.0.0", "draft")]},
        "files": {
            "1.0.0/schema.json": schema("thing", "1.0.0"),
            "2.0.0/schema.json": schema("thing", "2.0.0"),
            "2.0.0/examples/valid/a.json": {"a": 1},
            "3.0.0/schema.json": schema("thing", "3.0.0"),
        },
    }})


def test_lock_covers_released_versions_only(tmp_path: Path) -> None:
    """Published and deprecated versions are locked file by file; drafts are not."""
    lock = compute_lock(_catalogue(tmp_path))
    assert sorted(lock.versions) == ["thing/1.0.0", "thing/2.0.0"]
    assert sorted(lock.versions["thing/2.0.0"]) == ["examples/valid/a.json", "schema.json"]


def test_check_names_changed_added_and_removed_files(tmp_path: Path) -> None:
    """After locking, an edited, a new and a deleted released file are each reported."""
    cat = _catalogue(tmp_path)
    write_lock(cat)
    assert check_lock(cat) == ()
    (tmp_path / "thing/2.0.0/schema.json").write_text("{}")
    (tmp_path / "thing/1.0.0/extra.json").write_text("{}")
    (tmp_path / "thing/2.0.0/examples/valid/a.json").unlink()
    (tmp_path / "thing/3.0.0/schema.json").write_text("{}")  # A draft may change freely.
    assert check_lock(cat) == (
        LockChange("added", "thing/1.0.0", "extra.json"),
        LockChange("removed", "thing/2.0.0", "examples/valid/a.json"),
        LockChange("changed", "thing/2.0.0", "schema.json"),
    )


def test_without_a_lock_every_released_file_is_new(tmp_path: Path) -> None:
    """With no lock yet, --check reports every released file as added."""
    cat = _catalogue(tmp_path)
    assert {c.kind for c in check_lock(cat)} == {"added"}
    assert len(check_lock(cat)) == 3


def test_lock_refuses_to_overwrite_changed_releases(tmp_path: Path) -> None:
    """Rewriting the lock over a changed released file needs --force."""
    cat = _catalogue(tmp_path)
    write_lock(cat)
    before = lock_path(cat).read_text()
    (tmp_path / "thing/1.0.0/schema.json").write_text("{}")
    with pytest.raises(LockRefused, match=r"thing/1\.0\.0/schema\.json") as caught:
        write_lock(cat)
    assert caught.value.exit_code == 1
    assert lock_path(cat).read_text() == before
    write_lock(cat, force=True)
    assert check_lock(cat) == ()


def test_new_release_is_added_without_force(tmp_path: Path) -> None:
    """Releasing a draft adds it to the lock; nothing else needs forcing."""
    cat = _catalogue(tmp_path)
    write_lock(cat)
    manifest = json.loads((tmp_path / "thing/standard.json").read_text())
    manifest["versions"][2] = released("3.0.0")
    (tmp_path / "thing/standard.json").write_text(json.dumps(manifest))
    cat = Catalogue(tmp_path)
    assert write_lock(cat) == (LockChange("added", "thing/3.0.0", "schema.json"),)
    assert "thing/3.0.0" in (read_lock(lock_path(cat)) or compute_lock(cat)).versions


def test_lock_file_is_stable(tmp_path: Path) -> None:
    """Writing the lock twice gives the same bytes, with sorted keys."""
    cat = _catalogue(tmp_path)
    write_lock(cat)
    first = lock_path(cat).read_bytes()
    write_lock(cat)
    assert lock_path(cat).read_bytes() == first
    data = json.loads(first)
    assert list(data["versions"]) == sorted(data["versions"])
    assert data["algorithm"] == "sha256"


@pytest.mark.parametrize("text", ["not json", "[]", '{"versions": {"a": {"b": 1}}}'])
def test_malformed_lock_is_an_error(tmp_path: Path, text: str) -> None:
    """A lock that cannot be read raises LockError naming the file."""
    cat = _catalogue(tmp_path)
    lock_path(cat).write_text(text)
    with pytest.raises(LockError, match=r"lock\.json"):
        check_lock(cat)


def test_dot_files_are_not_part_of_a_version(tmp_path: Path) -> None:
    """Editor and system droppings such as .DS_Store are ignored."""
    cat = _catalogue(tmp_path)
    write_lock(cat)
    (tmp_path / "thing/2.0.0/.DS_Store").write_bytes(b"\0")
    assert check_lock(cat) == ()


def test_cli_lock_and_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`lock` writes the lock; `lock --check` exits 0 when it matches and 1 naming changes."""
    _catalogue(tmp_path)
    assert main(["lock", "--standards-dir", str(tmp_path)]) == 0
    assert main(["lock", "--check", "--standards-dir", str(tmp_path)]) == 0
    (tmp_path / "thing/2.0.0/schema.json").write_text("{}")
    capsys.readouterr()
    assert main(["lock", "--check", "--standards-dir", str(tmp_path)]) == 1
    said = capsys.readouterr().out
    assert "changed: thing/2.0.0/schema.json" in said
    assert "\n1 released file differs from " in said
    (tmp_path / "thing/2.0.0/extra.json").write_text("{}")
    assert main(["lock", "--check", "--standards-dir", str(tmp_path)]) == 1
    assert "\n2 released files differ from " in capsys.readouterr().out
    (tmp_path / "thing/2.0.0/extra.json").unlink()
    assert main(["lock", "--standards-dir", str(tmp_path)]) == 1
    assert "--force" in capsys.readouterr().err
    assert main(["lock", "--force", "--standards-dir", str(tmp_path)]) == 0
