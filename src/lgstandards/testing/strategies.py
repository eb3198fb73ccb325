"""Hypothesis strategies of records valid under a standard's schema, and of one-defect breakages."""

from __future__ import annotations

import copy
import functools
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any, cast

from hypothesis import strategies as st
from hypothesis_jsonschema import from_schema

from lgstandards.registry import catalogue
from lgstandards.testing import _checker

__all__ = ["DEFECTS", "InvalidRecord", "bundled_schema", "invalid_records", "records"]

#: The named mutations invalid_records() makes, each breaking one thing the schema asks for.
DEFECTS = ("missing-required", "wrong-type", "outside-enum")

#: A value of each JSON type, to put where the schema wants another; 1.5 is no integer.
_OTHER_TYPES: tuple[tuple[str, Any], ...] = (
    ("object", {}), ("array", []), ("string", "not the right type"), ("boolean", True),
    ("number", 1.5), ("null", None),
)

#: A value no enum of any lgstandards standard lists (codelists are enums in the schemas too).
_UNLISTED = "not-a-listed-value"


@dataclass(frozen=True)
class InvalidRecord:
    """A schema-invalid record and its one defect: what was done, and where (a JSON pointer)."""

    record: dict[str, Any]
    defect: str
    pointer: str


@functools.lru_cache(maxsize=16)
def bundled_schema(ref: str) -> dict[str, Any]:
    """Return the schema of a standard version with every schema it refers to copied inside it."""
    from lgstandards.publish import BUNDLED_NAME, bundle

    cat = catalogue()
    version = cat.select(ref, allow_draft=True)
    bundle_id = version.schema_uri.rsplit("/", 1)[0] + "/" + BUNDLED_NAME
    return bundle(version.schema, dict(cat.schemas()), bundle_id=bundle_id)


@functools.lru_cache(maxsize=16)
def records(ref: str) -> st.SearchStrategy[dict[str, Any]]:
    """Return a strategy of records valid under `ref`'s schema; its rules may still object.

    hypothesis-jsonschema generates from the schema alone, so rules beyond it (dates in order,
    services the containers name...) often find issues in these records: check them with
    `assert_conforms(record, ref, rules=False)`.
    """
    # The root of every standard's schema is an object, so every value generated is a record.
    return cast("st.SearchStrategy[dict[str, Any]]", from_schema(bundled_schema(ref)))


def invalid_records(
    ref: str, defects: Iterable[str] = DEFECTS
) -> st.SearchStrategy[InvalidRecord]:
    """Return a strategy of schema-invalid records, each a valid one with one named defect made."""
    wanted = tuple(defects)
    unknown = sorted(set(wanted) - set(DEFECTS))
    if unknown or not wanted:
        raise ValueError(f"unknown defects {unknown}; choose from {', '.join(DEFECTS)}")
    schema = bundled_schema(ref)
    validator = _checker(ref, False).validator

    def mutations(record: dict[str, Any]) -> st.SearchStrategy[InvalidRecord]:
        """Return a strategy choosing one of the mutations this record allows."""
        found = [m for m in _mutations(record, schema, schema, "") if m[0] in wanted]
        if not found:
            return st.nothing()
        # The defect first, then where: otherwise the many required fields crowd out the rest.
        kinds = sorted({m[0] for m in found})
        return st.sampled_from(kinds).flatmap(
            lambda kind: st.sampled_from([m for m in found if m[0] == kind])
        ).map(lambda m: InvalidRecord(m[2](record), m[0], m[1]))

    # A mutation can land where the schema also accepts the new value (an anyOf, say): drop those.
    return records(ref).flatmap(mutations).filter(lambda item: not validator.is_valid(item.record))


_Mutation = tuple[str, str, Callable[[dict[str, Any]], dict[str, Any]]]


def _resolve(node: Any, root: Mapping[str, Any]) -> Mapping[str, Any]:
    """Return a subschema with its local `$ref`s followed (a bundled schema has no other kind)."""
    seen = 0
    while isinstance(node, Mapping) and isinstance(node.get("$ref"), str) and seen < 32:
        target: Any = root
        for part in node["$ref"].lstrip("#").split("/")[1:]:
            target = target[part.replace("~1", "/").replace("~0", "~")]
        # Keywords beside the $ref (title, description) do not constrain; the target does.
        node = target
        seen += 1
    return node if isinstance(node, Mapping) else {}


def _escape(name: str) -> str:
    """Return a key as one JSON pointer token."""
    return name.replace("~", "~0").replace("/", "~1")


def _mutations(value: Any, node: Any, root: Mapping[str, Any], pointer: str
               ) -> Iterator[_Mutation]:
    """Yield every one-defect mutation of a value under its subschema, and those inside it."""
    schema = _resolve(node, root)
    if isinstance(value, dict):
        properties = schema.get("properties") or {}
        for name in schema.get("required") or ():
            if name in value:
                yield "missing-required", f"{pointer}/{_escape(name)}", _edit(pointer, name, None)
        for name, item in value.items():
            if name in properties:
                yield from _replacements(item, properties[name], root, pointer, name)
                yield from _mutations(item, properties[name], root, f"{pointer}/{_escape(name)}")
    elif isinstance(value, list) and isinstance(schema.get("items"), Mapping):
        for index, item in enumerate(value):
            yield from _mutations(item, schema["items"], root, f"{pointer}/{index}")


def _replacements(value: Any, node: Any, root: Mapping[str, Any], pointer: str, name: str
                  ) -> Iterator[_Mutation]:
    """Yield the mutations that replace one property's value: a wrong type, an unlisted value."""
    schema = _resolve(node, root)
    where = f"{pointer}/{_escape(name)}"
    types = schema.get("type")
    if types is not None:
        allowed = {types} if isinstance(types, str) else set(types)
        if "number" in allowed:
            allowed.add("integer")
        for kind, other in _OTHER_TYPES:
            if kind not in allowed:
                yield "wrong-type", where, _edit(pointer, name, (other,))
                break
    listed = schema.get("enum")
    # Only a list of strings has an unlisted value of the same type; another type would be a
    # wrong-type defect under another name.
    if (isinstance(listed, list) and listed and all(isinstance(v, str) for v in listed)
            and _UNLISTED not in listed):
        yield "outside-enum", where, _edit(pointer, name, (_UNLISTED,))


def _edit(pointer: str, name: str, replacement: tuple[Any] | None
          ) -> Callable[[dict[str, Any]], dict[str, Any]]:
    """Return a function giving a copy of a record with one key removed or its value replaced."""

    def apply(record: dict[str, Any]) -> dict[str, Any]:
        """Return the changed copy; the record hypothesis gave is left as it was."""
        out = copy.deepcopy(record)
        target: Any = out
        for part in pointer.split("/")[1:]:
            part = part.replace("~1", "/").replace("~0", "~")
            target = target[int(part)] if isinstance(target, list) else target[part]
        if replacement is None:
            del target[name]
        else:
            target[name] = copy.deepcopy(replacement[0])
        return out

    return apply
