"""The fast engine (jsonschema-rs) and the reference (python-jsonschema) agree on every verdict."""

from __future__ import annotations

import copy
import functools
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from lgstandards.conformance import _compiled
from lgstandards.registry import catalogue
from lgstandards.sources import Record, Source, detect_format
from lgstandards.validation import SchemaValidator

_CAT = catalogue()


def _records() -> list[tuple[str, Any]]:
    found: list[tuple[str, Any]] = []
    for version in _CAT.versions():
        if not version.schema_path.is_file():
            continue
        for kind in ("valid", "invalid"):
            for path in version.example_files(kind):
                source = Source(str(path), detect_format(str(path)), path=path)
                found.extend(
                    (version.ref, item.data) for item in source.items() if isinstance(item, Record)
                )
    return found


_RECORDS = _records()


@functools.cache
def _validator(ref: str) -> SchemaValidator:
    return _compiled(_CAT, ref)


def _agree(validator: SchemaValidator, instance: Any) -> None:
    fast = validator.is_valid(instance)
    reference = not any(True for _ in validator.reference.iter_errors(instance))
    assert fast == reference, f"jsonschema-rs says {fast}, python-jsonschema says {reference}"


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    paths = [prefix]
    if isinstance(node, dict):
        for key, value in node.items():
            paths.extend(_paths(value, (*prefix, key)))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            paths.extend(_paths(value, (*prefix, index)))
    return paths


_JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=6,
)

_TRICKY_TEXT = st.sampled_from(
    [
        "",
        " ",
        "\n",
        "SW1A 1AA\n",
        "100023336956\n",
        "2026-12-24\n",
        "2026-02-30",
        "2026-12-24T25:00:00Z",
        "2026-12-24T07:30:00",
        "2026-12-24 07:30:00Z",
        "2026-12-24T07:30:00+0100",
        "2016-12-31T23:59:60Z",
        "E07000223\n",
        "ÉÉ",
        "١٢٣",
        "0" * 13,
        "a@b",
        "x@y.z",
    ]
)


@st.composite
def _mutated(draw: st.DrawFn) -> tuple[str, Any]:
    ref, record = draw(st.sampled_from(_RECORDS))
    record = copy.deepcopy(record)
    path = draw(st.sampled_from(_paths(record)))
    if not path:
        return ref, record
    parent: Any = record
    for part in path[:-1]:
        parent = parent[part]
    key = path[-1]
    action = draw(st.sampled_from(["delete", "replace", "tricky", "newline", "stringify"]))
    if action == "delete" and isinstance(parent, dict):
        del parent[key]
    elif action == "replace":
        parent[key] = draw(_JSON)
    elif action == "tricky":
        parent[key] = draw(_TRICKY_TEXT)
    elif action == "newline" and isinstance(parent[key], str):
        parent[key] = parent[key] + "\n"
    elif action == "stringify":
        parent[key] = str(parent[key])
    return ref, record


@pytest.mark.skipif(not _RECORDS, reason="no examples")
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_mutated())
def test_engines_agree_on_mutated_examples(case: tuple[str, Any]) -> None:
    """Records made by mutating every example get the same verdict from both engines."""
    ref, record = case
    _agree(_validator(ref), record)


_COMMON = _CAT.select("common@1.0.0")
_DEFS = [
    "uprn",
    "usrn",
    "postcode",
    "gss_code",
    "council_gss_code",
    "organisation",
    "date",
    "date_time",
    "email",
    "telephone",
]


@pytest.mark.parametrize("name", _DEFS)
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_engines_agree_on_generated_identifiers(name: str, data: st.DataObject) -> None:
    """Values generated from each common definition, and arbitrary text, get the same verdict."""
    definition = {k: v for k, v in _COMMON.schema["$defs"][name].items() if not k.startswith("x-")}
    validator = SchemaValidator(definition)
    value = data.draw(from_schema(definition) | st.text(max_size=30) | _TRICKY_TEXT)
    _agree(validator, value)
