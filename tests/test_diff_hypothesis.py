"""The backstop: when the diff says minor, patch or none, every record valid before stays valid.

Records are generated from the old schema (hypothesis-jsonschema) and validated against the new
one, for the real minor pair in tests/data/diff and for programmatic changes to this repository's
own waste-property-schedule schema. The changes that break producers must be rated major.
"""

from __future__ import annotations

import copy
import functools
import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from lgstandards.development.diff import diff_schemas
from lgstandards.development.diff.documents import version_documents
from lgstandards.registry import catalogue

_DATA = Path(__file__).parent / "data" / "diff"


@functools.cache
def _schedule() -> dict[str, Any]:
    """Return waste-property-schedule 1.0.0, bundled with the common definitions it uses."""
    cat = catalogue()
    schema, _ = version_documents(cat.select("waste-property-schedule@1.0.0"), cat.root)
    assert schema is not None
    return schema


@dataclass(frozen=True)
class Mutation:
    """A change to one definition of the schedule, and whether it may break producers."""

    name: str
    definition: str
    edit: Callable[[dict[str, Any]], None]
    breaking: bool


def _props(node: dict[str, Any]) -> dict[str, Any]:
    """Return a definition's properties."""
    properties: dict[str, Any] = node["properties"]
    return properties


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """Return an edit that sets the value at a '/'-separated path inside a definition."""
    *parents, last = path.split("/")

    def edit(node: dict[str, Any]) -> None:
        """Set the value."""
        for part in parents:
            node = node[part]
        node[last] = value

    return edit


def _drop(path: str) -> Callable[[dict[str, Any]], None]:
    """Return an edit that removes the key at a '/'-separated path inside a definition."""
    *parents, last = path.split("/")

    def edit(node: dict[str, Any]) -> None:
        """Remove the key."""
        for part in parents:
            node = node[part]
        del node[last]

    return edit


MUTATIONS = [
    # Changes that keep every record valid: minor or patch.
    Mutation("new optional field", "container_type",
             lambda d: _props(d).update(material={"type": "string", "maxLength": 50}), False),
    Mutation("enum widened", "container_type",
             lambda d: _props(d)["streams"]["items"]["enum"].append("nappies"), False),
    Mutation("maxLength relaxed", "container_type", _set("properties/name/maxLength", 400),
             False),
    Mutation("required relaxed", "container_type",
             lambda d: d["required"].remove("type"), False),
    Mutation("maximum raised", "container_type",
             _set("properties/capacity_litres/maximum", 10000), False),
    Mutation("minimum lowered", "container_type", _set("properties/quantity/minimum", 0), False),
    Mutation("pattern widened", "container_type",
             _set("properties/type/pattern", "^[a-z][a-z0-9_]{0,63}$"), False),
    Mutation("null allowed", "container_type",
             _set("properties/colour/type", ["string", "null"]), False),
    Mutation("uniqueItems dropped", "container_type", _drop("properties/streams/uniqueItems"),
             False),
    Mutation("reworded", "container_type", _set("properties/name/description", "Its name."),
             False),
    Mutation("maxLength the pattern already implies", "container_type",
             _set("properties/type/maxLength", 50), False),
    Mutation("lengths every listed code meets", "container_type",
             _set("properties/streams/items/maxLength", 20), False),
    # Changes that refuse records valid before: major.
    Mutation("field now required", "container_type", lambda d: d["required"].append("colour"),
             True),
    Mutation("maxLength tightened", "container_type", _set("properties/name/maxLength", 100),
             True),
    Mutation("enum value removed", "container_type",
             lambda d: _props(d)["streams"]["items"]["enum"].remove("other"), True),
    Mutation("pattern narrowed", "container_type",
             _set("properties/type/pattern", "^[a-z][a-z0-9_]{0,19}$"), True),
    Mutation("number made integer", "container_type",
             _set("properties/capacity_litres/type", "integer"), True),
    Mutation("minimum raised", "container_type", _set("properties/quantity/minimum", 2), True),
    Mutation("field removed", "container_type", _drop("properties/disposable"), True),
    Mutation("conditional tightened", "collection",
             lambda d: d["allOf"][0]["then"]["required"].append("completed_at"), True),
    Mutation("format added", "container_type", _set("properties/name/format", "date"), True),
]


def _mutated(mutation: Mutation) -> dict[str, Any]:
    """Return the bundled schedule with one definition changed."""
    schema = copy.deepcopy(_schedule())
    mutation.edit(schema["$defs"][mutation.definition])
    return schema


def _entry(schema: dict[str, Any], definition: str) -> dict[str, Any]:
    """Return a schema whose records are one definition of a bundled schema."""
    return {"$ref": f"#/$defs/{definition}", "$defs": schema["$defs"]}


def test_a_relaxed_condition_is_rated_minor() -> None:
    """Requiring less in a `then` is minor (generating records under `if` is too slow here)."""
    mutation = Mutation("conditional relaxed", "collection",
                        lambda d: d["allOf"][0]["then"]["required"].remove("change_reason"),
                        False)
    diff = diff_schemas(_schedule(), _mutated(mutation))
    assert [(c.code, c.breaks) for c in diff.changes] == [("required-removed", "consumers")]


@pytest.mark.parametrize("mutation", [m for m in MUTATIONS if m.breaking],
                         ids=[m.name for m in MUTATIONS if m.breaking])
def test_a_breaking_change_is_rated_major(mutation: Mutation) -> None:
    """Each change that can refuse a record valid before is rated major."""
    diff = diff_schemas(_schedule(), _mutated(mutation))
    assert diff.bump == "major", [c.code for c in diff.changes]


@functools.cache
def _bump(name: str) -> str:
    """Return the bump the diff gives one mutation, computed once."""
    mutation = next(m for m in MUTATIONS if m.name == name)
    return diff_schemas(_schedule(), _mutated(mutation)).bump


_MINOR = [m for m in MUTATIONS if not m.breaking]


@pytest.mark.parametrize("mutation", _MINOR, ids=[m.name for m in _MINOR])
@settings(max_examples=15, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.data_too_large])
@given(data=st.data())
def test_records_valid_before_a_minor_change_stay_valid(mutation: Mutation,
                                                        data: st.DataObject) -> None:
    """The diff rates the change minor or patch, and generated old records pass the new schema."""
    assert _bump(mutation.name) in ("minor", "patch")
    record = data.draw(from_schema(_entry(_schedule(), mutation.definition)))
    validator = _validator(json.dumps(_entry(_mutated(mutation), mutation.definition)))
    assert validator.is_valid(record), record


@functools.cache
def _validator(text: str) -> jsonschema.Draft202012Validator:
    """Return a validator (with formats) for a schema given as JSON text, compiled once."""
    return jsonschema.Draft202012Validator(json.loads(text),
                                           format_checker=jsonschema.FormatChecker())


@settings(max_examples=10, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(data=st.data())
def test_records_of_odp_0_7_5_stay_valid_under_0_7_6(data: st.DataObject) -> None:
    """The real minor pair: pre-applications generated under 0.7.5 pass 0.7.6."""
    old = json.loads((_DATA / "odp-preapplication-0.7.5-0.7.6/0.7.5.json").read_text("utf-8"))
    new = json.loads((_DATA / "odp-preapplication-0.7.5-0.7.6/0.7.6.json").read_text("utf-8"))
    assert diff_schemas(old, new).bump == "minor"
    record = data.draw(from_schema(old))
    assert jsonschema.Draft7Validator(new, format_checker=jsonschema.FormatChecker()).is_valid(
        record), record


_KEYWORDS = ["type", "properties", "required", "items", "prefixItems", "additionalProperties",
             "enum", "const", "anyOf", "oneOf", "allOf", "not", "if", "then", "else", "pattern",
             "minimum", "exclusiveMinimum", "maxLength", "multipleOf", "format", "$ref", "$defs",
             "nullable", "dependencies", "patternProperties", "title", "x-codelist", "a"]
_SCALARS = (st.none() | st.booleans() | st.integers(-3, 3) | st.floats(-2, 2, allow_nan=False)
            | st.sampled_from(["string", "null", "integer", "#", "#/$defs/a", "^a+$", "(?=a)",
                               "date", "[", "a"]))
_JUNK = st.recursive(_SCALARS, lambda inner: st.lists(inner, max_size=3)
                     | st.dictionaries(st.sampled_from(_KEYWORDS), inner, max_size=4),
                     max_leaves=25)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(old=st.dictionaries(st.sampled_from(_KEYWORDS), _JUNK, max_size=5),
       new=st.dictionaries(st.sampled_from(_KEYWORDS), _JUNK, max_size=5))
def test_any_document_gives_a_diff_or_a_clear_error(old: dict[str, Any],
                                                    new: dict[str, Any]) -> None:
    """Malformed schemas give changes or a DiffError, never another exception."""
    from lgstandards.development.diff import DiffError

    try:
        diff = diff_schemas(old, new)
        same = diff_schemas(old, copy.deepcopy(old))
    except DiffError:
        return
    assert diff.bump in ("none", "patch", "minor", "major")
    assert all(c.description for c in diff.changes)
    assert same.changes == ()
