"""House rules for authors: the standards here follow them, and each rule catches its fault."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lgstandards.cli import main
from lgstandards.lint import CODES, RULES, lint_catalogue, lint_version, regex_problem
from lgstandards.registry import Catalogue, catalogue
from lgstandards.reporters.json_report import report_schema
from tests.test_publish import BASE, released, schema, write_standards

_CAT = catalogue()
_VERSIONS = [v for v in _CAT.versions() if v.schema_path.is_file()]


@pytest.mark.parametrize("version", _VERSIONS, ids=[v.ref for v in _VERSIONS])
def test_every_standard_follows_the_house_rules(version: Any) -> None:
    """Every standard version in the tree is lint-clean."""
    found = [(f.code, f.location.path, f.pointer, f.message) for f in lint_version(version, _CAT)]
    assert found == []


def _lint(tmp_path: Path, body: dict[str, Any], codelists: dict[str, Any] | None = None,
          overrides: dict[str, Any] | None = None) -> set[tuple[str, str]]:
    """Lint one small schema and return its (code, pointer) pairs."""
    files: dict[str, Any] = {
        "1.0.0/schema.json": {**schema("bad", "1.0.0", **body), **(overrides or {})}}
    for name, content in (codelists or {}).items():
        files[f"1.0.0/codelists/{name}"] = content
    cat = write_standards(tmp_path, {
        "bad": {"manifest": {"versions": [released("1.0.0")]}, "files": files},
        "base": {"manifest": {"versions": [released("1.0.0")]}, "files": {
            "1.0.0/schema.json": schema("base", "1.0.0", **{"$defs": {
                "named": {"title": "Named", "description": "Has both.", "type": "string"},
                "bare": {"type": "string"}}})}},
    })
    version = cat.select("bad@1.0.0")
    return {(f.code, f.pointer) for f in lint_version(version, cat)}


def _prop(**extra: Any) -> dict[str, Any]:
    """Return a documented string property with extra keywords."""
    return {"title": "A", "description": "An A.", "type": "string", **extra}


def test_a_clean_schema_has_no_findings(tmp_path: Path) -> None:
    """A schema that follows every rule gives no finding (so the rules below fire for a reason)."""
    assert _lint(tmp_path, {"properties": {"a": _prop(pattern="^[a-z]+$")},
                            "additionalProperties": False}) == set()


def test_missing_title_and_description(tmp_path: Path) -> None:
    """A property without a title or description is named by its schema pointer."""
    found = _lint(tmp_path, {"properties": {
        "a": {"type": "string"},
        "b": {"title": "B", "type": "string"},
        "c": {"type": "object", "title": "C", "description": "A C.",
              "properties": {"d": {"description": "A D.", "type": "string"}}},
    }})
    assert found == {
        ("lint.missing-title", "/properties/a"),
        ("lint.missing-description", "/properties/a"),
        ("lint.missing-description", "/properties/b"),
        ("lint.missing-title", "/properties/c/properties/d"),
    }


def test_a_ref_needs_its_own_title_and_description(tmp_path: Path) -> None:
    """A $ref property names itself beside the $ref; the definition's words are not enough."""
    found = _lint(tmp_path, {"properties": {
        "a": {"$ref": "../../base/1.0.0/schema.json#/$defs/named"},
        "b": {"$ref": "../../base/1.0.0/schema.json#/$defs/bare"},
        "c": {"$ref": "../../base/1.0.0/schema.json#/$defs/bare", "title": "C",
              "description": "Beside the $ref."},
        "d": {"$ref": "../../base/1.0.0/schema.json#/$defs/named", "title": "D"},
    }})
    assert found == {("lint.bare-ref", "/properties/a"),
                     ("lint.missing-title", "/properties/b"),
                     ("lint.missing-description", "/properties/b"),
                     ("lint.bare-ref", "/properties/d")}


def test_property_keys_are_snake_case(tmp_path: Path) -> None:
    """A key in camelCase, kebab-case or capitals is found, wherever its object is."""
    found = _lint(tmp_path, {"properties": {
        "newField": _prop(),
        "address_line_1": _prop(),
        "nested": {"title": "N", "description": "An N.", "type": "object", "properties": {
            "Bad-Key": _prop(), "ok": _prop()}},
    }, "$defs": {"thing": {"type": "object", "properties": {"otherField": _prop()}}}})
    assert found == {("lint.key-case", "/properties/newField"),
                     ("lint.key-case", "/properties/nested/properties/Bad-Key"),
                     ("lint.key-case", "/$defs/thing/properties/otherField")}


def test_schema_declaration_is_allowed_only_at_the_top(tmp_path: Path) -> None:
    """`$schema` may name a record's schema at the top level; deeper it is an odd key like any."""
    found = _lint(tmp_path, {"properties": {
        "$schema": _prop(),
        "nested": {"title": "N", "description": "An N.", "type": "object", "properties": {
            "$schema": _prop()}},
    }})
    assert found == {("lint.key-case", "/properties/nested/properties/$schema")}


def test_another_key_case_needs_an_explicit_allowance(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A key listed for its standard in KEY_CASE_ALLOWANCES passes; the same key elsewhere not."""
    from lgstandards import lint

    monkeypatch.setattr(lint, "KEY_CASE_ALLOWANCES", {"bad": {"newField": "an outside format"},
                                                      "other": {"oddKey": "another standard"}})
    found = _lint(tmp_path, {"properties": {"newField": _prop(), "oddKey": _prop()}})
    assert found == {("lint.key-case", "/properties/oddKey")}


def test_openapi_schemas_follow_the_key_and_ref_rules(tmp_path: Path) -> None:
    """Schemas in an API standard's openapi.json have snake_case keys and titled $refs too."""
    form = {"type": "object", "properties": {
        "serviceCode": {"type": "string", "description": "camelCase"},
        "media_url": {"$ref": "schema.json#/$defs/media_url"},
        "fine": {"$ref": "schema.json#/$defs/media_url", "title": "F", "description": "An F."},
    }}
    openapi = {"openapi": "3.1.0", "info": {"title": "T", "version": "1.0.0"}, "paths": {
        "/x": {"post": {"requestBody": {"content": {"application/json": {"schema": {
            "type": "object", "properties": {"inLine": {"type": "string"}}}}}}}}},
               "components": {"schemas": {"Form": form}}}
    cat = write_standards(tmp_path, {"api": {
        "manifest": {"kind": "api", "versions": [released("1.0.0")]},
        "files": {"1.0.0/schema.json": schema("api", "1.0.0", **{"$defs": {"media_url": {
            "title": "Media URL", "description": "A URL.", "type": "string"}}}),
                  "1.0.0/openapi.json": openapi}}})
    found = {(f.code, f.pointer, Path(f.location.path or "").name)
             for f in lint_version(cat.select("api@1.0.0"), cat)}
    assert found == {
        ("lint.key-case", "/components/schemas/Form/properties/serviceCode", "openapi.json"),
        ("lint.bare-ref", "/components/schemas/Form/properties/media_url", "openapi.json"),
        ("lint.key-case", "/paths/~1x/post/requestBody/content/application~1json/schema"
                          "/properties/inLine", "openapi.json"),
    }


def test_conditions_need_no_titles(tmp_path: Path) -> None:
    """Properties inside if/then only test or refine fields, so they need no title."""
    found = _lint(tmp_path, {
        "properties": {"a": _prop(enum=["x", "y"], description="An A: x or y.")},
        "if": {"properties": {"a": {"const": "x"}}, "required": ["a"]},
        "then": {"properties": {"a": {"minLength": 1}}},
    })
    assert found == set()


def test_schema_itself_needs_title_and_description(tmp_path: Path) -> None:
    """The root schema has a title and a description."""
    found = _lint(tmp_path, {}, overrides={"title": "", "description": ""})
    assert found == {("lint.missing-title", ""), ("lint.missing-description", "")}


def test_forbidden_keywords(tmp_path: Path) -> None:
    """$dynamicRef and an unneeded unevaluatedProperties are flagged; a needed one is not."""
    found = _lint(tmp_path, {
        "properties": {"a": {**_prop(), "$dynamicRef": "#meta"}},
        "unevaluatedProperties": False,
        "$defs": {"ok": {"allOf": [{"properties": {"x": _prop()}}],
                         "unevaluatedProperties": False}},
    })
    assert found == {
        ("lint.forbidden-keyword", "/properties/a/$dynamicRef"),
        ("lint.forbidden-keyword", "/unevaluatedProperties"),
    }


def test_const_alternatives_and_formats(tmp_path: Path) -> None:
    """A oneOf of consts and a format other than date or date-time are flagged."""
    found = _lint(tmp_path, {"properties": {
        "a": {"title": "A", "description": "An A.",
              "oneOf": [{"const": "x", "title": "X"}, {"const": "y", "title": "Y"}]},
        "b": _prop(format="uk-postcode"),
        "c": _prop(format="date"),
    }})
    assert found == {("lint.const-alternatives", "/properties/a/oneOf"),
                     ("lint.unportable-format", "/properties/b/format")}


def test_id_and_dialect(tmp_path: Path) -> None:
    """A $id that is not the file's place, and a draft other than 2020-12, are flagged."""
    found = _lint(tmp_path, {}, overrides={"$id": f"{BASE}bad/1.0.1/schema.json",
                                           "$schema": "http://json-schema.org/draft-07/schema#"})
    assert found == {("lint.id-mismatch", "/$id"), ("lint.id-mismatch", "/$schema")}


def test_unresolved_ref(tmp_path: Path) -> None:
    """A $ref that names nothing in the registry is flagged."""
    found = _lint(tmp_path, {"properties": {
        "a": {"$ref": "../../nowhere/1.0.0/schema.json", "title": "A", "description": "An A."},
        "b": {"$ref": "#/$defs/missing", "title": "B", "description": "A B."},
    }})
    assert found == {("lint.unresolved-ref", "/properties/a/$ref"),
                     ("lint.unresolved-ref", "/properties/b/$ref")}


def test_unknown_required(tmp_path: Path) -> None:
    """A required name that a closed object does not define is flagged, in branches too."""
    found = _lint(tmp_path, {
        "properties": {"a": _prop(), "b": _prop()},
        "required": ["a", "c"],
        "additionalProperties": False,
        "allOf": [{"if": {"properties": {"a": {"const": "x"}}, "required": ["a"]},
                   "then": {"required": ["b", "d"]}}],
        "$defs": {"open": {"type": "object", "properties": {"x": _prop()}, "required": ["y"]}},
    })
    assert found == {("lint.unknown-required", "/required"),
                     ("lint.unknown-required", "/allOf/0/then/required")}


def test_patterns(tmp_path: Path) -> None:
    """Unsafe and invalid patterns are flagged, in pattern and in patternProperties."""
    found = _lint(tmp_path, {
        "properties": {"a": _prop(pattern="^(a+)+$"), "b": _prop(pattern="^\\p{L}+$")},
        "patternProperties": {"^(x|xy)*$": _prop()},
    })
    assert found == {("lint.unsafe-regex", "/properties/a/pattern"),
                     ("lint.invalid-regex", "/properties/b/pattern"),
                     ("lint.unsafe-regex", "/patternProperties/^(x|xy)*$")}


_CLOSED = {"id": "c", "title": "C", "open": False, "codes": [
    {"code": "x", "title": "X", "description": "An x."},
    {"code": "y", "title": "Y", "description": "A y."}]}
_OPEN = {**_CLOSED, "open": True}


def test_codes_must_be_defined(tmp_path: Path) -> None:
    """Enum values outside the codelist, codes missing from the enum, and bad consts are flagged."""
    found = _lint(tmp_path, {
        "properties": {
            "a": _prop(enum=["x", "z"], **{"x-codelist": "codelists/c.json"}),
            "b": {"title": "B", "description": "Bs.", "type": "array",
                  "x-codelist": "codelists/c.json", "items": {"enum": ["x", "y"]}},
            "c": _prop(**{"x-codelist": "codelists/c.json"}),
            "d": _prop(enum=["x"], **{"x-codelist": "codelists/open.json"}),
            "e": _prop(**{"x-codelist": "codelists/none.json"}),
        },
        "allOf": [{"if": {"properties": {"c": {"const": "q"}}}}],
        "if": {"properties": {"a": {"const": "w"}}},
    }, codelists={"c.json": _CLOSED, "open.json": _OPEN})
    assert found == {
        ("lint.undefined-code", "/properties/a/enum"),  # z is not a code; y is not allowed
        ("lint.undefined-code", "/properties/c/x-codelist"),  # closed but no enum
        ("lint.undefined-code", "/properties/d/enum"),  # open but restricted
        ("lint.missing-codelist", "/properties/e/x-codelist"),
        ("lint.undefined-code", "/if/properties/a"),  # compared with a code that is not one
        ("lint.undefined-code", "/allOf/0/if/properties/c"),
    }


def test_conditions_may_use_defined_codes(tmp_path: Path) -> None:
    """Comparing a codelist field with its own codes in if/then is fine."""
    found = _lint(tmp_path, {
        "properties": {"a": _prop(enum=["x", "y"], **{"x-codelist": "codelists/c.json"})},
        "allOf": [{"if": {"properties": {"a": {"enum": ["x"]}}}, "then": {"required": ["a"]}}],
    }, codelists={"c.json": _CLOSED})
    assert found == set()


def test_codelist_entries_need_titles(tmp_path: Path) -> None:
    """A code without a title or description, or listed twice, is flagged in the codelist file."""
    codelist = {**_CLOSED, "codes": [*_CLOSED["codes"], {"code": "x"}]}  # type: ignore[misc]
    found = _lint(tmp_path, {"properties": {
        "a": _prop(enum=["x", "y"], **{"x-codelist": "codelists/c.json"})}},
        codelists={"c.json": codelist})
    assert found == {("lint.undefined-code", "/codes/2"), ("lint.undocumented-enum", "/codes/2")}


def test_undocumented_enum(tmp_path: Path) -> None:
    """An enum without a codelist must name its values in a description to count as explained."""
    found = _lint(tmp_path, {"properties": {
        "a": _prop(enum=["red", "green"]),
        "b": _prop(enum=["red", "green"], description="Either red or green."),
        "c": {"title": "C", "description": "Circles, red or green.", "type": "object",
              "properties": {"shade": {"title": "Shade", "description": "The shade.",
                                       "enum": ["red", "green"]}}},
    }})
    assert found == {("lint.undocumented-enum", "/properties/a/enum")}


def test_unreadable_schema_is_a_finding(tmp_path: Path) -> None:
    """A schema or codelist that is not JSON is reported as a finding, and linting goes on."""
    cat = write_standards(tmp_path, {
        "broken": {"manifest": {"versions": [released("1.0.0")]},
                   "files": {"1.0.0/schema.json": "{not json"}},
        "fine": {"manifest": {"versions": [released("1.0.0")]},
                 "files": {"1.0.0/schema.json": schema("fine", "1.0.0"),
                           "1.0.0/codelists/c.json": "[oops"}},
    })
    found = {ref: [f.code for f in items] for ref, items in lint_catalogue(cat).items()}
    assert found == {"broken@1.0.0": ["lint.unreadable"], "fine@1.0.0": ["lint.unreadable"]}


def test_findings_name_the_file(tmp_path: Path) -> None:
    """A finding's location is the schema file, shown relative to the display root."""
    cat = write_standards(tmp_path, {"bad": {
        "manifest": {"versions": [released("1.0.0")]},
        "files": {"1.0.0/schema.json": schema("bad", "1.0.0", title="")}}})
    found = lint_catalogue(cat, display_root=tmp_path)["bad@1.0.0"]
    assert [f.location.path for f in found] == ["bad/1.0.0/schema.json"]


def test_every_code_has_a_description() -> None:
    """Each rule's codes are documented in CODES, and every rule is registered."""
    assert all(code.startswith("lint.") and text for code, text in CODES.items())
    assert len(RULES) == len(set(RULES))


@pytest.mark.parametrize("pattern", [
    "(a+)+", "(a*)*", "(\\w+\\s?)*", "(x+x+)+y", "(a|ab)*", "(\\d|[0-9a-f])+", "(a?)+",
    "^([a-z]+)*$", "(.*a){20}",
])
def test_unsafe_patterns(pattern: str) -> None:
    """Nested quantifiers and overlapping repeated alternations are unsafe."""
    assert regex_problem(pattern) is not None
    assert regex_problem(pattern)[0] == "lint.unsafe-regex"  # type: ignore[index]


@pytest.mark.parametrize("pattern", [
    "^[0-9]{1,12}$", "^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$", "([A-Z]+ )+", "((a+)b)+",
    "(,(1|12))*", "^(a|b)+$", "([0-9]{1,3}\\.){3}", "^\\+?[0-9 ]{7,20}$", "[a\\-z]",
    "^(GIR 0AA|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2})$", "\\u0041\\x41\\0",
])
def test_safe_patterns(pattern: str) -> None:
    """Common, bounded or unambiguous patterns are accepted."""
    assert regex_problem(pattern) is None


@pytest.mark.parametrize("pattern", [
    "a{", "\\p{L}", "(?<n>a)", "[\\d-z]", ")", "(a", "[a", "\\-", "a**", "[z-a]", "\\k<n>",
    "\\cJ",  # valid ECMA-262, but Python's re has no control escapes
])
def test_invalid_patterns(pattern: str) -> None:
    """Patterns ajv (unicode mode) or Python's re would reject are invalid."""
    assert regex_problem(pattern) == ("lint.invalid-regex", regex_problem(pattern)[1])  # type: ignore[index]


def _bad_catalogue(root: Path) -> Catalogue:
    """Return a catalogue whose only standard has an undocumented property."""
    return write_standards(root, {"bad": {
        "manifest": {"versions": [released("1.0.0")]},
        "files": {"1.0.0/schema.json": schema("bad", "1.0.0",
                                              properties={"a": {"type": "string"}})}}})


def test_cli_lint_clean_tree(capsys: pytest.CaptureFixture[str]) -> None:
    """`lgstandards lint` on the standards here exits 0."""
    assert main(["lint"]) == 0
    assert "follow the house rules" in capsys.readouterr().out


def test_cli_lint_findings_exit_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Findings exit 1 and are printed one per line with file, pointer and code."""
    _bad_catalogue(tmp_path)
    code = main(["lint", "--standards-dir", str(tmp_path), "bad"])
    out = capsys.readouterr().out
    assert code == 1
    assert "schema.json#/properties/a: error [lint.missing-title]" in out


def test_cli_lint_json_is_a_report(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """--format json writes the versioned report format, with the findings and their places."""
    _bad_catalogue(tmp_path)
    code = main(["lint", "--standards-dir", str(tmp_path), "--format", "json", "bad@1"])
    report = json.loads(capsys.readouterr().out)
    jsonschema.Draft202012Validator(report_schema()).validate(report)
    assert code == 1
    found = {(f["code"], f["pointer"]) for file in report["files"] for f in file["findings"]}
    assert found == {("lint.missing-title", "/properties/a"),
                     ("lint.missing-description", "/properties/a")}


def test_cli_lint_unknown_standard_exits_2(capsys: pytest.CaptureFixture[str]) -> None:
    """Naming a standard that does not exist exits 2 with a message."""
    assert main(["lint", "no-such-standard"]) == 2
    assert "no-such-standard" in capsys.readouterr().err
