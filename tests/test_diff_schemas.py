"""The schema engine: each keyword's change, its place, whom it breaks and the bump it needs."""

from __future__ import annotations

from typing import Any

import pytest

from lgstandards.development.diff import Change, Diff, DiffError, diff_schemas

Row = tuple[str, str, str, str]


def rows(old: Any, new: Any, **options: Any) -> list[Row]:
    """Return (code, pointer, breaks, bump) for every change from old to new."""
    diff = diff_schemas(old, new, **options)
    return [(c.code, c.pointer, c.breaks, c.bump) for c in diff.changes]


def obj(properties: dict[str, Any], required: list[str] | None = None,
        closed: bool = True, **more: Any) -> dict[str, Any]:
    """Return an object schema."""
    out: dict[str, Any] = {"type": "object", "properties": properties, **more}
    if required is not None:
        out["required"] = required
    if closed:
        out["additionalProperties"] = False
    return out


S = {"type": "string"}


CASES: list[tuple[str, Any, Any, list[Row]]] = [
    ("identical", obj({"a": S}), obj({"a": S}), []),
    ("required added",
     obj({"a": S, "b": S}, ["a"]), obj({"a": S, "b": S}, ["a", "b"]),
     [("required-added", "/required/1", "producers", "major")]),
    ("required relaxed",
     obj({"a": S, "b": S}, ["a", "b"]), obj({"a": S, "b": S}, ["a"]),
     [("required-removed", "/required/1", "consumers", "minor")]),
    ("optional field added to a closed object",
     obj({"a": S}), obj({"a": S, "b": S}),
     [("property-added", "/properties/b", "consumers", "minor")]),
    ("field removed from a closed object",
     obj({"a": S, "b": S}), obj({"a": S}),
     [("property-removed", "/properties/b", "producers", "major")]),
    ("field added to an open object constrains what was free",
     obj({"a": S}, closed=False), obj({"a": S, "b": S}, closed=False),
     [("property-added", "/properties/b", "producers", "major")]),
    ("field removed from an open object frees it",
     obj({"a": S, "b": S}, closed=False), obj({"a": S}, closed=False),
     [("property-removed", "/properties/b", "consumers", "minor")]),
    ("described-only field added to an open object",
     obj({"a": S}, closed=False), obj({"a": S, "b": {"title": "B"}}, closed=False),
     [("property-added", "/properties/b", "nobody", "patch")]),
    ("object closed",
     obj({"a": S}, closed=False), obj({"a": S}),
     [("additional-properties-closed", "/additionalProperties", "producers", "major")]),
    ("object opened",
     obj({"a": S}), obj({"a": S}, closed=False),
     [("additional-properties-opened", "/additionalProperties", "consumers", "minor")]),
    ("additionalProperties schema tightened",
     {"type": "object", "additionalProperties": S},
     {"type": "object", "additionalProperties": {"type": "string", "maxLength": 3}},
     [("max-length-added", "/additionalProperties/maxLength", "producers", "major")]),
    ("type narrowed", {"type": ["string", "integer"]}, {"type": "string"},
     [("type-narrowed", "/type", "producers", "major")]),
    ("type widened", {"type": "string"}, {"type": ["string", "integer"]},
     [("type-widened", "/type", "consumers", "minor")]),
    ("integer to number widens", {"type": "integer"}, {"type": "number"},
     [("type-widened", "/type", "consumers", "minor")]),
    ("number to integer narrows", {"type": "number"}, {"type": "integer"},
     [("type-narrowed", "/type", "producers", "major")]),
    ("type added", {}, {"type": "string"}, [("type-added", "/type", "producers", "major")]),
    ("type removed", {"type": "string"}, {}, [("type-removed", "/type", "consumers", "minor")]),
    ("null allowed", {"type": "string"}, {"type": ["string", "null"]},
     [("null-added", "/type", "consumers", "minor")]),
    ("null refused", {"type": ["string", "null"]}, {"type": "string"},
     [("null-removed", "/type", "producers", "major")]),
    ("nullable respelled as anyOf is no change",
     {"type": ["string", "null"], "maxLength": 5},
     {"anyOf": [{"type": "string", "maxLength": 5}, {"type": "null"}]}, []),
    ("nullable respelled as oneOf with a $ref is no change",
     {"type": ["string", "null"], "maxLength": 5, "$defs": {"s": {"type": "string",
                                                                  "maxLength": 5}}},
     {"oneOf": [{"type": "null"}, {"$ref": "#/$defs/s"}],
      "$defs": {"s": {"type": "string", "maxLength": 5}}}, []),
    ("OpenAPI 3.0 nullable is null allowed", {"type": "string"},
     {"type": "string", "nullable": True}, [("null-added", "/type", "consumers", "minor")]),
    ("enum value removed", {"enum": ["a", "b"]}, {"enum": ["a"]},
     [("enum-value-removed", "/enum/1", "producers", "major")]),
    ("enum value added", {"enum": ["a"]}, {"enum": ["a", "b"]},
     [("enum-value-added", "/enum/1", "consumers", "minor")]),
    ("enum added", {"type": "string"}, {"type": "string", "enum": ["a"]},
     [("enum-added", "/enum", "producers", "major")]),
    ("enum dropped", {"type": "string", "enum": ["a"]}, {"type": "string"},
     [("enum-removed", "/enum", "consumers", "minor")]),
    ("const changed", {"const": "a"}, {"const": "b"},
     [("enum-value-removed", "/const", "producers", "major"),
      ("enum-value-added", "/const", "consumers", "minor")]),
    ("enum of strings gains a declared type: no change", {"enum": ["a", "b"]},
     {"type": "string", "enum": ["a", "b"]}, []),
    ("1 and 1.0 are one value", {"enum": [1]}, {"enum": [1.0]}, []),
    ("maxLength lowered", {"type": "string", "maxLength": 10},
     {"type": "string", "maxLength": 5},
     [("max-length-decreased", "/maxLength", "producers", "major")]),
    ("maxLength raised", {"type": "string", "maxLength": 5},
     {"type": "string", "maxLength": 10},
     [("max-length-increased", "/maxLength", "consumers", "minor")]),
    ("minLength added", {"type": "string"}, {"type": "string", "minLength": 1},
     [("min-length-added", "/minLength", "producers", "major")]),
    ("minItems removed", {"type": "array", "minItems": 1}, {"type": "array"},
     [("min-items-removed", "/minItems", "consumers", "minor")]),
    ("maxProperties lowered", {"type": "object", "maxProperties": 5},
     {"type": "object", "maxProperties": 4},
     [("max-properties-decreased", "/maxProperties", "producers", "major")]),
    ("minimum raised", {"minimum": 0}, {"minimum": 1},
     [("minimum-increased", "/minimum", "producers", "major")]),
    ("maximum raised", {"maximum": 10}, {"maximum": 11},
     [("maximum-increased", "/maximum", "consumers", "minor")]),
    ("inclusive minimum made exclusive", {"minimum": 0}, {"exclusiveMinimum": 0},
     [("minimum-increased", "/exclusiveMinimum", "producers", "major")]),
    ("draft-04 boolean exclusiveMaximum is the same bound",
     {"maximum": 5, "exclusiveMaximum": True}, {"exclusiveMaximum": 5}, []),
    ("draft-04 exclusive flag dropped loosens",
     {"maximum": 5, "exclusiveMaximum": True}, {"maximum": 5},
     [("maximum-increased", "/maximum", "consumers", "minor")]),
    ("multipleOf made coarser", {"multipleOf": 0.01}, {"multipleOf": 0.1},
     [("multiple-of-changed", "/multipleOf", "producers", "major")]),
    ("multipleOf made finer", {"multipleOf": 10}, {"multipleOf": 5},
     [("multiple-of-changed", "/multipleOf", "consumers", "minor")]),
    ("multipleOf added", {}, {"multipleOf": 2},
     [("multiple-of-added", "/multipleOf", "producers", "major")]),
    ("format added", S, {"type": "string", "format": "date"},
     [("format-added", "/format", "producers", "major")]),
    ("format removed", {"type": "string", "format": "date"}, S,
     [("format-removed", "/format", "consumers", "minor")]),
    ("format changed", {"type": "string", "format": "date"},
     {"type": "string", "format": "date-time"},
     [("format-changed", "/format", "producers", "major")]),
    ("pattern narrowed", {"pattern": "^[0-9]{1,12}$"}, {"pattern": "^[0-9]{1,10}$"},
     [("pattern-narrowed", "/pattern", "producers", "major")]),
    ("pattern widened", {"pattern": "^[A-Z]{2}$"}, {"pattern": "^[A-Z]{2,3}$"},
     [("pattern-widened", "/pattern", "consumers", "minor")]),
    ("pattern rewritten to the same language", {"pattern": "^\\d+$"},
     {"pattern": "^[0-9]+$"}, [("pattern-rewritten", "/pattern", "nobody", "patch")]),
    ("unanchored pattern anchored narrows", {"pattern": "[0-9]{3}"},
     {"pattern": "^[0-9]{3}$"}, [("pattern-narrowed", "/pattern", "producers", "major")]),
    ("pattern changed both ways", {"pattern": "^a$"}, {"pattern": "^b$"},
     [("pattern-changed", "/pattern", "producers", "major")]),
    ("pattern that is not regular cannot be proved", {"pattern": "^[0-9]+$"},
     {"pattern": "^(?!0+$)[0-9]+$"},
     [("pattern-uncomparable", "/pattern", "producers", "major")]),
    ("pattern added", S, {"type": "string", "pattern": "^a"},
     [("pattern-added", "/pattern", "producers", "major")]),
    ("pattern removed", {"type": "string", "pattern": "^a"}, S,
     [("pattern-removed", "/pattern", "consumers", "minor")]),
    ("items tightened", {"type": "array", "items": S},
     {"type": "array", "items": {"type": "string", "maxLength": 2}},
     [("max-length-added", "/items/maxLength", "producers", "major")]),
    ("prefixItems versus draft-07 tuple items are one thing",
     {"type": "array", "items": [S], "additionalItems": False},
     {"type": "array", "prefixItems": [S], "items": False}, []),
    ("tuple item tightened", {"type": "array", "prefixItems": [S, S]},
     {"type": "array", "prefixItems": [S, {"type": "integer"}]},
     [("type-narrowed", "/prefixItems/1/type", "producers", "major"),
      ("type-widened", "/prefixItems/1/type", "consumers", "minor")]),
    ("uniqueItems added", {"type": "array"}, {"type": "array", "uniqueItems": True},
     [("unique-items-added", "/uniqueItems", "producers", "major")]),
    ("contains added", {"type": "array"}, {"type": "array", "contains": S},
     [("contains-added", "/contains", "producers", "major")]),
    ("patternProperties tightened",
     {"type": "object", "patternProperties": {"^x_": S}},
     {"type": "object", "patternProperties": {"^x_": {"type": "string", "maxLength": 9}}},
     [("max-length-added", "/patternProperties/^x_/maxLength", "producers", "major")]),
    ("patternProperties added to a closed object",
     {"type": "object", "additionalProperties": False},
     {"type": "object", "additionalProperties": False, "patternProperties": {"^x_": S}},
     [("pattern-property-added", "/patternProperties/^x_", "consumers", "minor")]),
    ("propertyNames tightened", {"type": "object", "propertyNames": {"maxLength": 9}},
     {"type": "object", "propertyNames": {"maxLength": 5}},
     [("max-length-decreased", "/propertyNames/maxLength", "producers", "major")]),
    ("dependentRequired added", {"type": "object"},
     {"type": "object", "dependentRequired": {"a": ["b"]}},
     [("dependent-required-added", "/dependentRequired/a", "producers", "major")]),
    ("draft-07 dependencies relaxed", {"type": "object", "dependencies": {"a": ["b", "c"]}},
     {"type": "object", "dependencies": {"a": ["b"]}},
     [("dependent-required-removed", "/dependencies/a", "consumers", "minor")]),
    ("dependentSchemas tightened",
     {"type": "object", "dependentSchemas": {"a": {"required": ["b"]}}},
     {"type": "object", "dependentSchemas": {"a": {"required": ["b", "c"]}}},
     [("required-added", "/dependentSchemas/a/required/1", "producers", "major")]),
    ("anyOf branch added", {"anyOf": [S, {"type": "integer"}]},
     {"anyOf": [S, {"type": "integer"}, {"type": "boolean"}]},
     [("any-of-branch-added", "/anyOf/2", "consumers", "minor")]),
    ("anyOf branch removed", {"anyOf": [S, {"type": "integer"}, {"type": "boolean"}]},
     {"anyOf": [S, {"type": "integer"}]},
     [("any-of-branch-removed", "/anyOf/2", "producers", "major")]),
    ("anyOf branch tightened", {"anyOf": [S, {"type": "integer"}]},
     {"anyOf": [{"type": "string", "maxLength": 3}, {"type": "integer"}]},
     [("max-length-added", "/anyOf/0/maxLength", "producers", "major")]),
    ("oneOf branch of another type added", {"oneOf": [S, {"type": "integer"}]},
     {"oneOf": [S, {"type": "integer"}, {"type": "boolean"}]},
     [("one-of-branch-added", "/oneOf/2", "consumers", "minor")]),
    ("oneOf branch that may overlap added", {"oneOf": [S, {"type": "integer"}]},
     {"oneOf": [S, {"type": "integer"}, {"type": "string", "maxLength": 2}]},
     [("one-of-branch-added", "/oneOf/2", "producers", "major")]),
    ("oneOf branch told apart by a fixed required field",
     {"oneOf": [obj({"k": {"const": "a"}}, ["k"])]},
     {"oneOf": [obj({"k": {"const": "a"}}, ["k"]), obj({"k": {"const": "b"}}, ["k"])]},
     [("one-of-branch-added", "/oneOf/1", "consumers", "minor")]),
    ("type list respelled as anyOf of types is no change", {"type": ["string", "integer"]},
     {"anyOf": [S, {"type": "integer"}]}, []),
    ("one type widened into alternatives",
     {"type": "string", "maxLength": 5},
     {"anyOf": [{"type": "string", "maxLength": 5}, {"type": "integer"}]},
     [("any-of-branch-added", "/anyOf/1", "consumers", "minor")]),
    ("alternatives narrowed to one",
     {"anyOf": [{"type": "string", "maxLength": 5}, {"type": "integer"}]},
     {"type": "string", "maxLength": 5},
     [("any-of-branch-removed", "/anyOf/1", "producers", "major")]),
    ("allOf members with disjoint properties fold together",
     {"allOf": [{"properties": {"a": S}, "required": ["a"]},
                {"properties": {"b": S}, "required": ["b"]}]},
     {"properties": {"a": S, "b": S}, "required": ["a", "b"]}, []),
    ("a dynamic reference is not followed, so any change elsewhere is unproved",
     {"$dynamicRef": "#n", "$defs": {"n": {"$dynamicAnchor": "n", "type": "string",
                                           "title": "A"}}},
     {"$dynamicRef": "#n", "$defs": {"n": {"$dynamicAnchor": "n", "type": "string",
                                           "title": "B"}}},
     [("reference-unfollowed", "", "producers", "major"),
      ("annotation-changed", "/$defs/n/title", "nobody", "patch")]),
    ("maxLength added beside a pattern that already bounds the length",
     {"type": "string", "pattern": "^[0-9]{1,12}$"},
     {"type": "string", "pattern": "^[0-9]{1,12}$", "maxLength": 100},
     [("max-length-added", "/maxLength", "nobody", "patch")]),
    ("maxLength below the pattern's bound",
     {"type": "string", "pattern": "^[0-9]{1,12}$"},
     {"type": "string", "pattern": "^[0-9]{1,12}$", "maxLength": 5},
     [("max-length-added", "/maxLength", "producers", "major")]),
    ("pattern narrowed only where maxLength already refused",
     {"type": "string", "pattern": "^[a-z]*$", "maxLength": 3},
     {"type": "string", "pattern": "^[a-z]{0,5}$", "maxLength": 3},
     [("pattern-narrowed", "/pattern", "nobody", "patch")]),
    ("a condition whose branches ask what was always asked",
     obj({"a": S, "b": S, "c": S}, ["a", "b"]),
     {**obj({"a": S, "b": S, "c": S}), "if": {"required": ["c"]},
      "else": {"required": ["a"], "anyOf": [{"required": ["b"]}, {"required": ["c"]}]}},
     [("required-removed", "/required/0", "consumers", "minor"),
      ("required-removed", "/required/1", "consumers", "minor")]),
    ("a condition that asks more than before",
     obj({"a": S, "b": S, "c": S}, ["a"]),
     {**obj({"a": S, "b": S, "c": S}, ["a"]), "if": {"required": ["c"]},
      "then": {"required": ["b"]}},
     [("required-added", "/then/required/0", "producers", "major")]),
    ("anyOf added that the old required already meets",
     obj({"a": S, "b": S}, ["a"]),
     {**obj({"a": S, "b": S}, ["a"]), "anyOf": [{"required": ["a"]}, {"required": ["b"]}]},
     []),
    ("a number bound added where only strings were allowed",
     {"type": "string", "pattern": "^[0-9]+$"},
     {"type": ["string", "integer"], "minimum": 0},
     [("type-widened", "/type", "consumers", "minor"),
      ("pattern-removed", "/pattern", "consumers", "minor"),
      ("minimum-added", "/minimum", "nobody", "patch")]),
    ("items constrained where no arrays were allowed",
     {"type": "string"}, {"type": ["string", "array"], "items": {"type": "string"}},
     [("type-widened", "/type", "consumers", "minor"),
      ("type-added", "/items/type", "nobody", "patch")]),
    ("a then for objects where only arrays were allowed",
     {"type": "array"},
     {"type": ["array", "object"], "if": {"type": "object"}, "then": {"required": ["a"]}},
     [("type-widened", "/type", "consumers", "minor"),
      ("required-added", "/then/required/0", "nobody", "patch")]),
    ("lengths added to a closed list of values they all meet",
     {"type": "string", "enum": ["open", "closed"]},
     {"type": "string", "minLength": 1, "maxLength": 100},
     [("enum-removed", "/enum", "consumers", "minor"),
      ("min-length-added", "/minLength", "nobody", "patch"),
      ("max-length-added", "/maxLength", "nobody", "patch")]),
    ("a length that one listed value fails",
     {"type": "string", "enum": ["open", "closed"]}, {"type": "string", "maxLength": 4},
     [("enum-removed", "/enum", "consumers", "minor"),
      ("max-length-added", "/maxLength", "producers", "major")]),
    ("allOf member added",
     {"type": "object"}, {"type": "object", "allOf": [{"required": ["a"]}]},
     [("required-added", "/allOf/0/required/0", "producers", "major")]),
    ("allOf members folded: moving a keyword into allOf is no change",
     {"type": "string", "maxLength": 3}, {"allOf": [{"type": "string"}, {"maxLength": 3}]}, []),
    ("not tightened is looser", {"not": {"type": "string", "maxLength": 3}},
     {"not": {"type": "string", "maxLength": 2}},
     [("max-length-decreased", "/not/maxLength", "consumers", "minor")]),
    ("not added", {}, {"not": {"type": "null"}}, [("not-added", "/not", "producers", "major")]),
    ("then tightened", {"if": {"required": ["a"]}, "then": {"required": ["b"]}},
     {"if": {"required": ["a"]}, "then": {"required": ["b", "c"]}},
     [("required-added", "/then/required/1", "producers", "major")]),
    ("if changed cannot be proved", {"if": {"required": ["a"]}, "then": {"required": ["b"]}},
     {"if": {"required": ["x"]}, "then": {"required": ["b"]}},
     [("if-changed", "/if", "producers", "major")]),
    ("if and then added", {}, {"if": {"required": ["a"]}, "then": {"required": ["b"]}},
     [("required-added", "/then/required/0", "producers", "major")]),
    ("false becomes a schema", {"type": "object", "properties": {"a": False}},
     {"type": "object", "properties": {"a": S}},
     [("schema-allowed", "/properties/a", "consumers", "minor")]),
    ("a schema becomes false", {"type": "object", "properties": {"a": S}},
     {"type": "object", "properties": {"a": False}},
     [("schema-forbidden", "/properties/a", "producers", "major")]),
    ("title, description and examples break nobody",
     {"type": "string", "title": "A", "description": "x", "examples": ["a"]},
     {"type": "string", "title": "B", "description": "y", "examples": ["b"]},
     [("annotation-changed", "/title", "nobody", "patch"),
      ("annotation-changed", "/description", "nobody", "patch"),
      ("annotation-changed", "/examples", "nobody", "patch")]),
    ("x-expected breaks nobody", {"type": "string", "x-expected": "a"},
     {"type": "string", "x-expected": "b"},
     [("annotation-changed", "/x-expected", "nobody", "patch")]),
    ("an unknown keyword cannot be proved", {"type": "string", "mergeStrategy": "a"},
     {"type": "string", "mergeStrategy": "b"},
     [("keyword-changed", "/mergeStrategy", "producers", "major")]),
    ("dialect changed", {"$schema": "http://json-schema.org/draft-07/schema#"},
     {"$schema": "https://json-schema.org/draft/2020-12/schema"},
     [("dialect-changed", "/$schema", "producers", "major")]),
    ("definition removed", {"$defs": {"a": S, "b": S}}, {"$defs": {"a": S}},
     [("definition-removed", "/$defs/b", "producers", "major")]),
    ("definition added", {"$defs": {"a": S}}, {"$defs": {"a": S, "b": S}},
     [("definition-added", "/$defs/b", "nobody", "patch")]),
]


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_each_keyword_change_is_classified(old: Any, new: Any, expected: list[Row]) -> None:
    """Every change has its code, place, whom it breaks and bump."""
    assert rows(old, new) == expected


@pytest.mark.parametrize(("old", "new", "expected"), [c[1:] for c in CASES],
                         ids=[c[0] for c in CASES])
def test_the_reverse_change_breaks_the_other_side(old: Any, new: Any,
                                                  expected: list[Row]) -> None:
    """Going back undoes a change: what broke producers breaks consumers, and the other way."""
    forward = {r[2] for r in expected}
    backward = {r[2] for r in rows(new, old)}
    if forward <= {"nobody"} and all(r[0] != "definition-added" for r in expected):
        assert backward <= {"nobody"}
    elif forward == {"consumers"}:
        assert "producers" in backward
    elif forward == {"producers"} and all(r[0] not in _ONE_WAY for r in expected):
        assert "consumers" in backward


# Changes whose reverse cannot be proved either (both directions are conservative).
_ONE_WAY = frozenset({"reference-unfollowed", "pattern-changed", "pattern-uncomparable",
                      "if-changed", "keyword-changed", "dialect-changed", "format-changed",
                      "multiple-of-changed", "definition-removed", "one-of-branch-added"})


def test_a_ref_is_followed_and_a_changed_target_reported_once() -> None:
    """A definition used twice is compared through its references and reported at its place."""
    old = {"type": "object", "properties": {"a": {"$ref": "#/$defs/code"},
                                            "b": {"$ref": "#/$defs/code"}},
           "$defs": {"code": {"type": "string", "maxLength": 5}}}
    new = {"type": "object", "properties": {"a": {"$ref": "#/$defs/code"},
                                            "b": {"$ref": "#/$defs/code"}},
           "$defs": {"code": {"type": "string", "maxLength": 4}}}
    diff = diff_schemas(old, new)
    assert [(c.code, c.pointer) for c in diff.changes] == [
        ("max-length-decreased", "/$defs/code/maxLength")]
    assert diff.changes[0].description.startswith("a: ")


def test_a_ref_to_a_renamed_definition_compares_the_targets() -> None:
    """Pointing a field at another definition compares what the two definitions allow."""
    old = {"properties": {"a": {"$ref": "#/$defs/x"}}, "$defs": {"x": {"type": "string"},
                                                                 "y": {"type": "integer"}}}
    new = {"properties": {"a": {"$ref": "#/$defs/y"}}, "$defs": {"x": {"type": "string"},
                                                                 "y": {"type": "integer"}}}
    assert rows(old, new) == [("type-narrowed", "/$defs/y/type", "producers", "major"),
                              ("type-widened", "/$defs/y/type", "consumers", "minor")]


def test_recursive_schemas_end() -> None:
    """A schema that refers to itself is compared once per pair of places."""
    old = {"$defs": {"node": {"type": "object", "properties": {
        "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
        "name": {"type": "string"}}}}, "$ref": "#/$defs/node"}
    new = {"$defs": {"node": {"type": "object", "properties": {
        "children": {"type": "array", "items": {"$ref": "#/$defs/node"}},
        "name": {"type": "string", "maxLength": 9}}}}, "$ref": "#/$defs/node"}
    assert rows(old, new) == [("max-length-added", "/$defs/node/properties/name/maxLength",
                               "producers", "major")]


def test_a_reference_loop_without_keywords_ends() -> None:
    """Two definitions that only refer to each other do not loop for ever."""
    loop = {"$defs": {"a": {"$ref": "#/$defs/b"}, "b": {"$ref": "#/$defs/a"}},
            "$ref": "#/$defs/a"}
    assert rows(loop, loop) == []
    assert rows(loop, {**loop, "type": "string"}) == [("type-added", "/type", "producers",
                                                        "major")]


def test_a_ref_that_goes_nowhere_is_an_error_naming_the_side() -> None:
    """A dangling or non-local reference is a DiffError, not a crash."""
    with pytest.raises(DiffError, match="new: \\$ref '#/\\$defs/missing' points to nothing"):
        diff_schemas({}, {"$ref": "#/$defs/missing"})
    with pytest.raises(DiffError, match="must be bundled"):
        diff_schemas({"$ref": "other.json"}, {}, old_label="old")


def test_descriptions_name_the_field_and_the_example() -> None:
    """A pattern change says which string changed verdict."""
    diff = diff_schemas(obj({"uprn": {"type": "string", "pattern": "^[0-9]{1,12}$"}}),
                        obj({"uprn": {"type": "string", "pattern": "^[1-9][0-9]{0,11}$"}}))
    (change,) = diff.changes
    assert change.description == ("uprn: the pattern changed from \"^[0-9]{1,12}$\" to "
                                  "\"^[1-9][0-9]{0,11}$\": \"0\" was accepted and is now refused")


def test_annotations_option_quiets_a_vendor_keyword() -> None:
    """A caller can say which extra keywords are annotations."""
    old, new = {"mergeStrategy": "a"}, {"mergeStrategy": "b"}
    assert rows(old, new, annotations=["mergeStrategy"]) == [
        ("annotation-changed", "/mergeStrategy", "nobody", "patch")]


def test_the_diff_bump_is_the_highest_and_to_dict_has_the_contract_shape() -> None:
    """Diff.bump is the highest any change needs; none when nothing changed."""
    assert Diff("a", "b", ()).bump == "none"
    diff = diff_schemas(obj({"a": S}), obj({"a": S, "b": S}, ["b"]))
    assert diff.bump == "major"
    data = diff.to_dict()
    assert set(data) == {"format_version", "old", "new", "bump", "changes"}
    assert data["changes"][0] == {
        "code": "property-added", "pointer": "/properties/b",
        "description": "b: a new field; it was not allowed before", "breaks": "consumers",
        "bump": "minor", "direction": "data"}
    assert isinstance(diff.changes[0], Change)


def test_an_unused_part_of_a_bundled_standard_is_not_compared() -> None:
    """A definition another standard drops is no change where this schema never used it."""
    from lgstandards.development.diff.documents import bundle_document

    base = "https://example.org/"
    block_1 = {"$id": f"{base}block/1.0.0/schema.json",
               "$defs": {"code": S, "unused": S}}
    block_2 = {"$id": f"{base}block/2.0.0/schema.json", "$defs": {"code": S}}

    def thing(version: str) -> dict[str, Any]:
        """Return a schema using the block's code."""
        return {"$id": f"{base}thing/{version}/schema.json", "properties": {
            "code": {"$ref": f"../../block/{version}/schema.json#/$defs/code"}}}

    documents = {block_1["$id"]: block_1, block_2["$id"]: block_2}
    old = bundle_document(thing("1.0.0"), f"{base}thing/1.0.0/schema.json", documents.__getitem__)
    new = bundle_document(thing("2.0.0"), f"{base}thing/2.0.0/schema.json", documents.__getitem__)
    assert old["properties"]["code"] == {"$ref": "#/$defs/block/$defs/code"}
    assert rows(old, new) == []


def test_every_code_the_tests_see_is_documented() -> None:
    """docs/diff.md names every code (or its family, such as `max-length-...`)."""
    import re
    from pathlib import Path

    from tests.test_diff_openapi import EDITS

    text = (Path(__file__).parents[1] / "docs" / "diff.md").read_text(encoding="utf-8")
    codes = {row[0] for case in CASES for row in case[3]} | {
        row[0] for edit in EDITS for row in edit[2]}
    endings = (r"-(added|removed|increased|decreased|narrowed|widened|changed|required|optional"
               r"|opened|closed)$")
    missing = sorted(c for c in codes if f"`{re.sub(endings, '', c)}" not in text)
    assert missing == []
