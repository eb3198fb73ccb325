"""Whole versions, version numbers and the documents diff reads: bundled, never fetched."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from lgstandards.development.diff import (
    Change,
    Diff,
    DiffError,
    diff_versions,
    next_version,
    number_problem,
    version_bump,
)
from lgstandards.development.diff.documents import document_version, open_file
from lgstandards.registry import Catalogue
from tests.test_publish import BASE, released, schema, write_standards


@pytest.mark.parametrize(("old", "new", "bump"), [
    ("1.0.0", "2.0.0", "major"),
    ("1.0.0", "1.1.0", "minor"),
    ("1.0.0", "1.0.1", "patch"),
    ("1.4.2", "1.5.0", "minor"),
    ("1.0.0", "1.0.0", "none"),
    ("1.2.0", "1.1.9", "none"),
    ("0.7.2", "0.7.3", "minor"),
    ("0.7.2", "0.8.0", "major"),
    ("0.7.2", "1.0.0", "major"),
])
def test_version_bump_reads_the_numbers(old: str, new: str, bump: str) -> None:
    """The bump two numbers claim; below 1.0.0 the minor counts as the major."""
    assert version_bump(old, new) == bump


def test_a_malformed_number_is_refused() -> None:
    """A number that is not MAJOR.MINOR.PATCH is a ValueError naming it."""
    with pytest.raises(ValueError, match=r"'1\.0' is not a version number"):
        version_bump("1.0", "1.1.0")


def _diff(*bumps: str) -> Diff:
    """Return a diff with one change per bump."""
    breaks = {"major": "producers", "minor": "consumers", "patch": "nobody"}
    return Diff("a", "b", tuple(Change(f"c-{b}", f"/{b}", "x", breaks[b], b)  # type: ignore[arg-type]
                               for b in bumps))


def test_number_problem_says_what_number_is_needed() -> None:
    """A number lower than needed is a sentence naming the change and the number to use."""
    assert number_problem(_diff("minor", "major"), "1.2.3", "1.3.0") == (
        "1.3.0 claims a minor release after 1.2.3, but 1 change needs a major one, such as "
        "c-major at /major: number it 2.0.0 or higher.")
    assert number_problem(_diff("minor"), "1.2.3", "1.2.4") is not None
    assert number_problem(_diff("minor"), "1.2.3", "1.3.0") is None
    assert number_problem(_diff("minor"), "1.2.3", "2.0.0") is None  # Higher than needed is fine.
    assert number_problem(_diff(), "1.2.3", "1.2.3") is None
    assert number_problem(_diff("patch"), "1.2.3", "1.2.3") == (
        "1.2.3 is not higher than 1.2.3, but the changes need a patch release: number it 1.2.4 "
        "or higher.")
    assert next_version("0.7.2", "major") == "0.8.0"
    assert next_version("0.7.2", "minor") == "0.7.3"


def test_document_version_reads_ids_and_info() -> None:
    """Numbers come from a schema's $id (in several spellings) or OpenAPI info.version."""
    assert document_version({"$id": f"{BASE}thing/1.2.0/schema.json"}) == "1.2.0"
    assert document_version({"$id": "v0.7.3"}) == "0.7.3"
    assert document_version({"id": "http://x.org/schema/1__1__0/release-schema.json"}) == "1.1.0"
    assert document_version({"openapi": "3.1.0", "info": {"version": "2.0.1"}}) == "2.0.1"
    assert document_version({"openapi": "3.1.0", "info": {"version": "latest"}}) is None
    assert document_version({"$id": "https://example.org/schema.json"}) is None


def _two_versions(tmp_path: Path, **parts: Any) -> Catalogue:
    """Write 'block' (a building block) and 'thing' (using it) at 1.0.0 and 1.1.0."""
    def block(version: str, pattern: str) -> dict[str, Any]:
        """Return the block's schema."""
        return schema("block", version, **{"$defs": {"code": {
            "title": "Code", "description": "A code.", "type": "string", "pattern": pattern}}})

    def thing(version: str) -> dict[str, Any]:
        """Return the thing's schema, referring to the block of the same version."""
        return schema("thing", version, properties={
            "code": {"$ref": f"../../block/{version}/schema.json#/$defs/code", "title": "Code",
                     "description": "Its code."},
            "kind": {"title": "Kind", "description": "Its kind.", "type": "string",
                     "x-codelist": "codelists/kind.json", "enum": ["a", "b"]
                     if version == "1.0.0" else ["a", "b", "c"]},
            "colour": {"title": "Colour", "description": "Its colour.", "type": "string",
                       "x-codelist": "codelists/colour.json"},
        }, additionalProperties=False)

    def codelist(name: str, is_open: bool, codes: list[str]) -> dict[str, Any]:
        """Return a codelist file."""
        return {"id": name, "title": name.title(), "description": "Codes.", "open": is_open,
                "codes": [{"code": c, "title": c.upper(), "description": c} for c in codes]}

    versions = [released("1.0.0"), released("1.1.0")]
    files: dict[str, Any] = {
        "1.0.0/schema.json": thing("1.0.0"), "1.1.0/schema.json": thing("1.1.0"),
        "1.0.0/codelists/kind.json": codelist("kind", False, ["a", "b"]),
        "1.1.0/codelists/kind.json": codelist("kind", False, ["a", "b", "c"]),
        "1.0.0/codelists/colour.json": codelist("colour", True, ["red"]),
        "1.1.0/codelists/colour.json": parts.get("colour", codelist("colour", True,
                                                                    ["red", "blue"])),
        **parts.get("files", {}),
    }
    return write_standards(tmp_path, {
        "block": {"manifest": {"versions": versions}, "files": {
            "1.0.0/schema.json": block("1.0.0", "^[A-Z]{2}$"),
            "1.1.0/schema.json": block("1.1.0", "^[A-Z]{2,3}$")}},
        "thing": {"manifest": {"versions": versions}, "files": files},
    })


def _rows(diff: Diff) -> list[tuple[str, str, str, str]]:
    """Return (code, pointer, breaks, bump) of each change but the titles (they name versions)."""
    return [(c.code, c.pointer, c.breaks, c.bump) for c in diff.changes
            if c.code != "annotation-changed"]


def test_versions_follow_refs_into_other_standards_and_compare_codelists(tmp_path: Path) -> None:
    """A widened pattern in the building block, a closed code (once) and an open code."""
    cat = _two_versions(tmp_path)
    diff = diff_versions(cat.select("thing@1.0.0"), cat.select("thing@1.1.0"), cat)
    assert diff.old == "thing@1.0.0" and diff.new == "thing@1.1.0"
    assert _rows(diff) == [
        ("pattern-widened", "/$defs/block/$defs/code/pattern", "consumers", "minor"),
        ("enum-value-added", "/properties/kind/enum/2", "consumers", "minor"),
        ("codelist-code-added", "codelists/colour.json#/codes/1", "nobody", "patch"),
    ]
    assert diff.bump == "minor"
    assert diff.changes[0].description.startswith("code: the pattern changed")


def test_a_closed_codelist_without_an_enum_is_reported_from_its_file(tmp_path: Path) -> None:
    """Closing an open codelist breaks producers; its new codes are reported from the file."""
    closed = {"id": "colour", "title": "Colour", "description": "Codes.", "open": False,
              "codes": [{"code": "red", "title": "Red", "description": "Red."}]}
    cat = _two_versions(tmp_path, colour=closed)
    diff = diff_versions(cat.select("thing@1.0.0"), cat.select("thing@1.1.0"), cat)
    assert ("codelist-closed", "codelists/colour.json#/open", "producers", "major") in _rows(diff)


def test_an_api_version_reports_openapi_changes_with_their_file(tmp_path: Path) -> None:
    """An API standard's OpenAPI changes are prefixed with openapi.json#."""
    def api(version: str, paths: dict[str, Any]) -> dict[str, Any]:
        """Return a small OpenAPI document."""
        return {"openapi": "3.1.0", "info": {"title": "T", "version": version}, "paths": paths}

    get = {"get": {"responses": {"200": {"description": "OK", "content": {"application/json": {
        "schema": {"$ref": "schema.json#/properties/code"}}}}}}}
    cat = _two_versions(tmp_path, files={
        "1.0.0/openapi.json": api("1.0.0", {"/codes": get, "/old": get}),
        "1.1.0/openapi.json": api("1.1.0", {"/codes": get})})
    diff = diff_versions(cat.select("thing@1.0.0"), cat.select("thing@1.1.0"), cat)
    api_rows = [(c.code, c.pointer, c.direction) for c in diff.changes
                if c.pointer.startswith("openapi.json#")]
    assert api_rows == [
        ("pattern-widened", "openapi.json#/components/schemas/block/$defs/code/pattern",
         "response"),
        ("operation-removed", "openapi.json#/paths/~1old/get", "request")]
    assert diff.bump == "major"


def test_a_file_is_bundled_from_its_folder_and_nothing_is_fetched(tmp_path: Path) -> None:
    """Relative $refs are read beside the file; a URL elsewhere is an error naming the file."""
    (tmp_path / "defs.json").write_text(json.dumps({"$defs": {"x": {"type": "string"}}}))
    main = tmp_path / "main.json"
    main.write_text(json.dumps({"$id": "https://example.org/v1.0.0/main.json",
                                "properties": {"x": {"$ref": "defs.json#/$defs/x"}}}))
    opened = open_file(main, None)
    assert opened.number == "1.0.0"
    assert opened.schema is not None
    assert opened.schema["properties"]["x"] == {"$ref": "#/$defs/defs/$defs/x"}
    remote = tmp_path / "remote.json"
    remote.write_text(json.dumps({"$ref": "https://example.org/elsewhere.json"}))
    with pytest.raises(DiffError, match=r"remote\.json: .*never fetches"):
        open_file(remote, None)
    with pytest.raises(DiffError, match=r"missing\.json: file not found"):
        open_file(tmp_path / "missing.json", None)


def test_the_library_never_loads_click_or_rich() -> None:
    """Diffing versions and rendering the text report load neither click nor rich."""
    code = (
        "import sys\n"
        "from lgstandards.registry import catalogue\n"
        "from lgstandards.development.diff import diff_versions\n"
        "from lgstandards.development.diff.text import text_lines\n"
        "v = catalogue().select('waste-collections-api@1.0.0')\n"
        "text_lines(diff_versions(v, v))\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
