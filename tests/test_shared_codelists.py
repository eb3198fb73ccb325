"""Codelists shared between standards: found through a `$ref`, named relative to their file."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from lgstandards.conformance import Checker
from lgstandards.fields import field_rows
from lgstandards.lint import lint_version
from lgstandards.registry import Catalogue
from lgstandards.rules import open_codelist_rule
from tests.test_publish import schema, write_standards

_OPEN = {"id": "kind", "title": "Kinds", "description": "Open.", "open": True, "codes": [
    {"code": "bin", "title": "Bin", "description": "A bin."},
    {"code": "box", "title": "Box", "description": "A box."},
]}
_CLOSED = {"id": "colour", "title": "Colours", "description": "Closed.", "open": False, "codes": [
    {"code": "red", "title": "Red", "description": "Red."},
    {"code": "blue", "title": "Blue", "description": "Blue."},
]}


def _shared(tmp_path: Path, consumer: dict[str, Any]) -> Catalogue:
    """Write a building block with two codelists and a standard that uses its definitions."""
    block = schema("block", "1.0.0", **{"$defs": {
        "kind": {"title": "Kind", "description": "A kind.", "type": "string",
                 "pattern": "^[a-z]+$", "x-codelist": "codelists/kind.json"},
        "colour": {"title": "Colour", "description": "A colour.", "type": "string",
                   "enum": ["red", "blue"], "x-codelist": "codelists/colour.json"},
    }})
    return write_standards(tmp_path, {
        "block": {"manifest": {"versions": [{"version": "1.0.0", "status": "draft"}]},
                  "files": {"1.0.0/schema.json": block, "1.0.0/codelists/kind.json": _OPEN,
                            "1.0.0/codelists/colour.json": _CLOSED}},
        "user": {"manifest": {"versions": [{"version": "1.0.0", "status": "draft"}]},
                 "files": {"1.0.0/schema.json": schema("user", "1.0.0", **consumer)}},
    })


_REF = "../../block/1.0.0/schema.json#/$defs/"
_USER = {
    "properties": {
        "kinds": {"title": "Kinds", "description": "Kinds.", "type": "array",
                  "items": {"$ref": _REF + "kind", "title": "Kind", "description": "One."}},
        "colour": {"$ref": _REF + "colour", "title": "Colour", "description": "A colour."},
    },
    "additionalProperties": False,
    "allOf": [{"if": {"properties": {"colour": {"title": "C", "description": "Green.",
                                                 "const": "green"}},
                      "required": ["colour"]},
               "then": {"required": ["kinds"]}}],
}


def test_a_shared_codelist_is_named_from_the_version_that_uses_it(tmp_path: Path) -> None:
    """The codelists a version uses include another standard's, by their path from its folder."""
    version = _shared(tmp_path, _USER).select("user@1.0.0", allow_draft=True)
    assert version.codelists == {}
    assert sorted(version.codelists_in_use) == [
        "../../block/1.0.0/codelists/colour.json", "../../block/1.0.0/codelists/kind.json"]


def test_the_open_codelist_warning_follows_a_ref_to_another_standard(tmp_path: Path) -> None:
    """A value outside a shared open codelist is warned about where it is in the record."""
    cat = _shared(tmp_path, _USER)
    version = cat.select("user@1.0.0", allow_draft=True)
    assert open_codelist_rule(version) is not None
    checker = Checker.for_standard("user@1.0.0", registry=cat, allow_draft=True)
    found = {(f.code, f.pointer) for f in checker.check_record({"kinds": ["bin", "skip"]})}
    assert found == {("codelist.unknown-code", "/kinds/1")}


def test_lint_checks_comparisons_against_a_shared_codelist(tmp_path: Path) -> None:
    """An if/then comparing a field with a code its shared codelist lacks is still caught."""
    cat = _shared(tmp_path, _USER)
    found = {(f.code, f.pointer) for f in lint_version(cat.select("user@1.0.0", allow_draft=True),
                                                       cat)}
    assert found == {("lint.undefined-code", "/allOf/0/if/properties/colour")}


def test_lint_accepts_an_x_codelist_that_names_another_standards_file(tmp_path: Path) -> None:
    """An x-codelist beside a $ref may name the shared file by its relative path."""
    cat = _shared(tmp_path, {"properties": {"colour": {
        "$ref": _REF + "colour", "title": "Colour", "description": "A colour.",
        "x-codelist": "../../block/1.0.0/codelists/colour.json"}}})
    version = cat.select("user@1.0.0", allow_draft=True)
    assert {f.code for f in lint_version(version, cat)} == set()
    rows = {row.path: row.constraints for row in field_rows(version, cat)}
    assert rows["colour"] == "codelist ../../block/1.0.0/codelists/colour.json"
