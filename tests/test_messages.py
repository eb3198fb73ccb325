"""Messages name the field by its title, quote the value, and say what was expected."""

from __future__ import annotations

from typing import Any

import pytest

from lgstandards.validation import SchemaValidator

SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "$id": "https://example.org/test.json",
    "type": "object",
    "properties": {
        "when": {"$ref": "#/$defs/date", "title": "Collection date"},
        "bare": {"$ref": "#/$defs/date"},
        "size": {"title": "Capacity (litres)", "type": "integer", "minimum": 1, "maximum": 1100},
        "kind": {
            "title": "Bin kind",
            "enum": ["wheeled_bin", "box"],
            "x-codelist": "codelists/k.json",
        },
        "ref": {"title": "Reference", "type": "string", "pattern": "^[0-9]+$"},
        "thing": {
            "title": "Thing",
            "anyOf": [
                {
                    "type": "object",
                    "properties": {"kind": {"const": "a"}, "n": {"type": "integer"}},
                    "required": ["kind"],
                },
                {
                    "type": "object",
                    "properties": {"kind": {"const": "b"}, "s": {"type": "string"}},
                    "required": ["kind"],
                },
            ],
        },
    },
    "required": ["when"],
    "additionalProperties": False,
    "$defs": {
        "date": {
            "title": "Date",
            "type": "string",
            "format": "date",
            "x-expected": "a date written YYYY-MM-DD",
        }
    },
}


@pytest.fixture(scope="module")
def validator() -> SchemaValidator:
    """Return a compiled validator for the test schema."""
    return SchemaValidator(SCHEMA)


@pytest.mark.parametrize(
    ("record", "code", "pointer", "message"),
    [
        ({}, "schema.required", "/when", "Collection date is required but missing (add 'when')."),
        (
            {"when": "24/12/2026"},
            "schema.format",
            "/when",
            "Collection date '24/12/2026' is not a date written YYYY-MM-DD.",
        ),
        (
            {"when": "2026-12-24", "bare": "x"},
            "schema.format",
            "/bare",
            "Date 'x' is not a date written YYYY-MM-DD.",
        ),
        (
            {"when": "2026-12-24", "size": 2000},
            "schema.maximum",
            "/size",
            "Capacity (litres) 2000 is too large: it must be at most 1100.",
        ),
        (
            {"when": "2026-12-24", "size": "big"},
            "schema.type",
            "/size",
            "Capacity (litres) should be a whole number, but is the text 'big'.",
        ),
        (
            {"when": "2026-12-24", "ref": 12},
            "schema.type",
            "/ref",
            "Reference should be text (a string), but is the number 12; put it in quotes so "
            "leading zeros are kept.",
        ),
        (
            {"when": "2026-12-24", "kind": "sack"},
            "schema.enum",
            "/kind",
            "Bin kind 'sack' is not one of the allowed values (codelist codelists/k.json): "
            "'wheeled_bin', 'box'.",
        ),
        (
            {"when": "2026-12-24", "colour": "red"},
            "schema.additional-properties",
            "/colour",
            "'colour' is not a field of this standard; check its spelling. Allowed fields here: "
            "bare, kind, ref, size, thing, when.",
        ),
        (
            {"when": "2026-12-24", "thing": {"kind": "b", "s": 5}},
            "schema.type",
            "/thing/s",
            "S should be text (a string), but is the number 5; put it in quotes.",
        ),
    ],
)
def test_message(
    validator: SchemaValidator, record: dict[str, Any], code: str, pointer: str, message: str
) -> None:
    """Each failure gives one finding with the expected code, pointer and sentence."""
    [finding] = validator.findings(record)
    assert (finding.code, finding.pointer, finding.message) == (code, pointer, message)


def test_reference_engine_explains_the_same_way(validator: SchemaValidator) -> None:
    """The python-jsonschema fallback gives the same codes and pointers as jsonschema-rs."""
    record = {"size": 0, "kind": "sack", "ref": "x1", "extra": 1}
    fast = sorted((f.code, f.pointer) for f in validator.findings(record))
    reference = sorted((f.code, f.pointer) for f in validator._reference_findings(record))
    assert fast == reference


def test_unevaluated_properties_name_only_the_unexpected() -> None:
    """Fields evaluated through allOf are not reported by unevaluatedProperties, in both engines."""
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "allOf": [{"properties": {"a": {"type": "string"}}}],
        "properties": {"b": {}},
        "unevaluatedProperties": False,
    }
    validator = SchemaValidator(schema)
    record = {"a": "x", "b": "y", "c": 1}
    assert [(f.code, f.pointer) for f in validator.findings(record)] == [
        ("schema.unevaluated-properties", "/c")
    ]
    assert [(f.code, f.pointer) for f in validator._reference_findings(record)] == [
        ("schema.unevaluated-properties", "/c")
    ]
