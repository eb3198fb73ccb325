"""Every version against its predecessor: the number tells the truth, old examples still pass.

A minor or patch successor must accept every valid example of the version before it.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from lgstandards.development.diff import Diff
from lgstandards.development.diff import successors as successors_module
from lgstandards.development.diff.successors import check_successor, predecessor_pairs
from lgstandards.registry import Catalogue, StandardVersion, catalogue
from tests.test_publish import BASE, released, schema, write_standards

_CAT = catalogue()
_PAIRS = predecessor_pairs(_CAT)


@pytest.mark.parametrize(("old", "new"), _PAIRS, ids=[f"{o.ref}->{n.version}" for o, n in _PAIRS])
def test_each_version_tells_the_truth_about_its_predecessor(old: StandardVersion,
                                                            new: StandardVersion) -> None:
    """The number is at least the diff's bump, and a minor successor passes the old examples."""
    result = check_successor(old, new, _CAT)
    assert result.problems == ()


def test_every_version_after_the_first_is_paired() -> None:
    """Each standard's versions are paired in number order, one pair per version but the first."""
    versions = [m for m in _CAT if not m.external]
    assert len(_PAIRS) == sum(len(m.versions) - 1 for m in versions)
    for old, new in _PAIRS:
        assert old.id == new.id and old.entry.key < new.entry.key


# -- the machinery, on a small catalogue with a truthful and a lying successor --------------------


def _thing(version: str, *, extra: dict[str, Any] | None = None,
           required: tuple[str, ...] = ("name",)) -> dict[str, Any]:
    """Return a version of the test standard's schema: a closed object with a name."""
    properties: dict[str, Any] = {
        "name": {"title": "Name", "description": "Its name.", "type": "string", "maxLength": 20},
        "size": {"title": "Size", "description": "Its size.", "type": "integer"},
        **(extra or {}),
    }
    return schema("thing", version, properties=properties, required=list(required),
                  additionalProperties=False)


def _catalogue(tmp_path: Path, versions: dict[str, dict[str, Any]]) -> Catalogue:
    """Write the test standard with the given schemas, 1.0.0's examples, and return it."""
    files: dict[str, Any] = {}
    for version, body in versions.items():
        files[f"{version}/schema.json"] = body
    files["1.0.0/examples/valid/small.json"] = {"name": "box", "size": 3}
    files["1.0.0/examples/valid/named.json"] = {"name": "a rather long name"}
    return write_standards(tmp_path, {"thing": {
        "manifest": {"versions": [released(v) for v in versions]}, "files": files}})


def _check(cat: Catalogue, old: str, new: str) -> tuple[str, tuple[str, ...]]:
    """Return the bump and problems of one pair of the small catalogue."""
    result = check_successor(cat.select(f"thing@{old}"), cat.select(f"thing@{new}"), cat)
    return result.diff.bump, result.problems


def test_a_truthful_minor_successor_has_no_problem(tmp_path: Path) -> None:
    """A new optional field in a version numbered minor passes both checks."""
    cat = _catalogue(tmp_path, {"1.0.0": _thing("1.0.0"), "1.1.0": _thing(
        "1.1.0", extra={"colour": {"title": "Colour", "description": "Its colour.",
                                   "type": "string"}})})
    assert predecessor_pairs(cat)[0][1].version == "1.1.0"
    assert _check(cat, "1.0.0", "1.1.0") == ("minor", ())


def test_a_major_change_numbered_minor_is_caught_twice(tmp_path: Path) -> None:
    """A new required field numbered 1.1.0 lies: the number is wrong and old examples fail."""
    cat = _catalogue(tmp_path, {"1.0.0": _thing("1.0.0"), "1.1.0": _thing(
        "1.1.0", required=("name", "size"))})
    bump, problems = _check(cat, "1.0.0", "1.1.0")
    assert bump == "major"
    assert len(problems) == 1
    assert problems[0].startswith("thing@1.1.0: 1.1.0 claims a minor release after 1.0.0, but 1 "
                                  "change needs a major one, such as required-added at "
                                  "/required/1: number it 2.0.0 or higher.")


def test_a_minor_change_numbered_patch_is_caught(tmp_path: Path) -> None:
    """A loosening numbered 1.0.1 needs 1.1.0."""
    loose = _thing("1.0.1")
    loose["properties"]["name"]["maxLength"] = 40
    cat = _catalogue(tmp_path, {"1.0.0": _thing("1.0.0"), "1.0.1": loose})
    bump, problems = _check(cat, "1.0.0", "1.0.1")
    assert bump == "minor"
    assert [p.split(": ", 1)[0] for p in problems] == ["thing@1.0.1"]
    assert "number it 1.1.0 or higher" in problems[0]


def test_old_examples_are_checked_even_when_the_diff_misses_a_break(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The example check does not trust the diff: a break it missed still fails the pair."""
    tight = _thing("1.1.0")
    tight["properties"]["name"]["maxLength"] = 5
    cat = _catalogue(tmp_path, {"1.0.0": _thing("1.0.0"), "1.1.0": tight})

    def blind(old: StandardVersion, new: StandardVersion, cat: Catalogue | None = None) -> Diff:
        """Return a diff that saw nothing."""
        return Diff(old.ref, new.ref, ())

    monkeypatch.setattr(successors_module, "diff_versions", blind)
    _, problems = _check(cat, "1.0.0", "1.1.0")
    assert problems == (
        "thing@1.1.0 refuses thing@1.0.0's valid example named.json (schema.max-length at /name: "
        "Name is too long: it may have at most 5 characters.); the diff rates the change none, "
        "and only a major release may refuse data valid before",)


def test_a_major_successor_may_refuse_old_examples(tmp_path: Path) -> None:
    """A version numbered major may break old data: nothing to report."""
    cat = _catalogue(tmp_path, {"1.0.0": _thing("1.0.0"), "2.0.0": _thing(
        "2.0.0", required=("name", "size"))})
    assert _check(cat, "1.0.0", "2.0.0") == ("major", ())


def test_the_small_catalogue_is_really_read(tmp_path: Path) -> None:
    """The fixtures are what the tests think they are (so nothing passes vacuously)."""
    cat = _catalogue(tmp_path, {"1.0.0": _thing("1.0.0"), "1.1.0": _thing("1.1.0")})
    old = cat.select("thing@1.0.0")
    assert [p.name for p in old.example_files("valid")] == ["named.json", "small.json"]
    assert json.loads((old.folder / "schema.json").read_text())["$id"] == (
        f"{BASE}thing/1.0.0/schema.json")
