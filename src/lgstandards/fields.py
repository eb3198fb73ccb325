"""Field tables: a flat, readable list of a schema's fields, with `$ref`s followed offline."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urldefrag, urljoin

from lgstandards.registry import Catalogue, StandardVersion


@dataclass(frozen=True, slots=True)
class FieldRow:
    """One field of a standard: where it is, its type, whether it is required, what it means."""

    path: str
    title: str
    type: str
    required: bool
    description: str
    constraints: str
    allowed: tuple[str, ...]


class _Resolver:
    def __init__(self, schemas: Mapping[str, Any], version: StandardVersion) -> None:
        self.schemas = schemas
        self.version = version

    def codelist_name(self, base: str, name: str) -> str:
        """Return the version's name for a codelist written as `name` in the file at `base`."""
        return self.version.codelist_key(base, name)

    def resolve(self, base: str, ref: str) -> tuple[str, Any]:
        uri, fragment = urldefrag(urljoin(base, ref))
        node: Any = self.schemas.get(uri, {})
        for part in [p for p in fragment.split("/") if p]:
            node = (
                node.get(part.replace("~1", "/").replace("~0", "~"), {})
                if isinstance(node, dict)
                else {}
            )
        return uri, node


def field_rows(version: StandardVersion, registry: Catalogue, max_depth: int = 6) -> list[FieldRow]:
    """Return a row per field of a standard version's schema, nested fields by dotted path."""
    resolver = _Resolver(dict(registry.schemas()), version)
    return list(_walk(version.schema, version.schema_uri, "", True, resolver, max_depth, set()))


def _merge(
    schema: Any, base: str, resolver: _Resolver, depth: int = 0
) -> tuple[dict[str, Any], str]:
    """Return the schema with `$ref` targets merged under its own keywords (siblings win)."""
    if not isinstance(schema, dict):
        return {}, base
    if "$ref" in schema and depth < 10:
        target_base, target = resolver.resolve(base, str(schema["$ref"]))
        merged, target_base = _merge(target, target_base, resolver, depth + 1)
        out = {**merged, **{k: v for k, v in schema.items() if k != "$ref"}}
        if isinstance(schema.get("x-codelist"), str):
            # Written beside the $ref, so relative to this file rather than the target's.
            out["x-codelist"] = urljoin(base, schema["x-codelist"])
        # Keep properties from the target when the referring schema only adds annotations.
        return out, target_base
    return schema, base


def _type_of(schema: Mapping[str, Any]) -> str:
    if "const" in schema:
        return "constant"
    if "enum" in schema:
        return "code"
    kind = schema.get("type")
    if isinstance(kind, list):
        return " or ".join(str(k) for k in kind)
    if kind == "array":
        items = schema.get("items")
        inner = _type_of(items) if isinstance(items, dict) and "$ref" not in items else "item"
        return f"list of {inner}" if inner != "item" else "list"
    if kind:
        return str(kind)
    return "object" if "properties" in schema else "any"


def _constraints(schema: Mapping[str, Any], codelist_name: Callable[[str], str] = str) -> str:
    parts: list[str] = []
    if schema.get("x-expected"):
        parts.append(str(schema["x-expected"]))
    elif "pattern" in schema:
        parts.append(f"pattern {schema['pattern']}")
    if "format" in schema and not schema.get("x-expected"):
        parts.append(f"format {schema['format']}")
    for key, label in (
        ("minimum", ">="),
        ("maximum", "<="),
        ("minLength", "min length"),
        ("maxLength", "max length"),
        ("minItems", "min items"),
        ("maxItems", "max items"),
    ):
        if key in schema:
            parts.append(f"{label} {schema[key]}")
    if "const" in schema:
        parts.append(f"always {schema['const']!r}")
    if schema.get("x-codelist"):
        parts.append(f"codelist {codelist_name(str(schema['x-codelist']))}")
    return "; ".join(parts)


def _walk(
    schema: Any,
    base: str,
    prefix: str,
    required: bool,
    resolver: _Resolver,
    depth: int,
    seen: set[tuple[str, int]],
) -> Iterator[FieldRow]:
    node, base = _merge(schema, base, resolver)
    props = node.get("properties") or {}
    need = set(node.get("required") or [])
    for name, sub in props.items():
        merged, sub_base = _merge(sub, base, resolver)
        path = f"{prefix}.{name}" if prefix else name
        yield FieldRow(
            path=path,
            title=str(merged.get("title", name)),
            type=_type_of(merged),
            required=name in need and required,
            description=str(merged.get("description", "")),
            constraints=_constraints(merged, functools.partial(resolver.codelist_name, sub_base)),
            allowed=tuple(str(v) for v in merged.get("enum", [])),
        )
        if depth <= 0:
            continue
        key = (sub_base, id(merged))
        if key in seen:
            continue
        child: Any = merged
        child_prefix = path
        if merged.get("type") == "array" and isinstance(merged.get("items"), dict):
            child, sub_base = _merge(merged["items"], sub_base, resolver)
            child_prefix = f"{path}[]"
        if isinstance(child, dict) and child.get("properties"):
            yield from _walk(
                child,
                sub_base,
                child_prefix,
                name in need and required,
                resolver,
                depth - 1,
                seen | {key},
            )
