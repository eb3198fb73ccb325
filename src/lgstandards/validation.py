"""Schema validation: a fast engine for verdicts and a reference engine for explanations."""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

import jsonschema
import jsonschema_rs
import referencing
import referencing.exceptions
from jsonschema import validators
from jsonschema.exceptions import ValidationError
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from lgstandards import messages
from lgstandards.errors import SchemaError
from lgstandards.findings import Finding, Severity, join_pointer
from lgstandards.formats import FORMATS, format_checker

Retrieve = Callable[[str], Any]


def _refuse(uri: str) -> Any:
    """Refuse every retrieval: the validation path never touches the network."""
    raise SchemaError(
        f"the schema refers to {uri}, which is not in the registry and will not be downloaded"
    )


_ECMA_SPACE = "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
# ECMA-262 classes are ASCII for \d and \w and have their own white-space set; Python's are Unicode.
_ECMA_CLASSES = {"d": "0-9", "w": "A-Za-z0-9_", "s": _ECMA_SPACE}


def _ecma_pattern(pattern: str) -> str:
    """Translate an ECMA-262 pattern so Python's `re` gives the same answers as ajv and jsonschema-rs."""
    # Python's `$` also matches before a final newline, where ECMA-262 (ajv, jsonschema-rs) does not.
    out: list[str] = []
    in_class = escaped = False
    for char in pattern:
        if escaped:
            escaped = False
            lower = char.lower()
            if lower in _ECMA_CLASSES:
                chars = _ECMA_CLASSES[lower]
                if in_class and char.islower():
                    out.append(chars)
                elif not in_class:
                    out.append(f"[{chars}]" if char.islower() else f"[^{chars}]")
                else:
                    out.append("\\" + char)
            else:
                out.append("\\" + char)
        elif char == "\\":
            escaped = True
        elif char == "[" and not in_class:
            in_class = True
            out.append(char)
        elif char == "]" and in_class:
            in_class = False
            out.append(char)
        elif char == "$" and not in_class:
            out.append(r"\Z")
        else:
            out.append(char)
    return "".join(out)


@functools.lru_cache(maxsize=1024)
def _compiled(pattern: str) -> re.Pattern[str]:
    return re.compile(_ecma_pattern(pattern))


def _pattern(
    validator: Any, pattern: str, instance: Any, schema: Mapping[str, Any]
) -> Iterator[ValidationError]:
    if isinstance(instance, str) and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _reference_class(schema: Mapping[str, Any]) -> Any:
    """Return python-jsonschema's validator class for the schema's draft, with ECMA patterns."""
    base = validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    return validators.extend(base, {"pattern": _pattern})


class SchemaValidator:
    """One root schema compiled twice: jsonschema-rs for speed, python-jsonschema as reference."""

    def __init__(
        self,
        schema: Mapping[str, Any],
        resources: Iterable[tuple[str, Mapping[str, Any]]] = (),
        *,
        retrieve: Retrieve | None = None,
        codelists: Mapping[str, frozenset[str]] | None = None,
    ) -> None:
        """Compile `schema`, resolving `$ref`s from `resources` and never from the network."""
        self.schema = schema
        self.codelists = codelists or {}
        resource_list = list(resources)
        fetch = retrieve or _refuse
        root_id = str(schema.get("$id", "urn:lgstandards:root"))
        try:
            cls = _reference_class(schema)
            cls.check_schema(schema)
        except jsonschema.SchemaError as exc:
            where = join_pointer(exc.absolute_path) or "the top level"
            raise SchemaError(f"the schema is not valid JSON Schema at {where}: {exc.message}") from None

        def retrieve_resource(uri: str) -> Resource[Any]:
            return Resource.from_contents(fetch(uri), default_specification=DRAFT202012)

        registry: Registry[Any] = Registry(retrieve=retrieve_resource)  # type: ignore[call-arg]
        registry = registry.with_resources(
            (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
            for uri, contents in resource_list
        )
        if root_id not in registry:
            registry = registry.with_resource(
                root_id, Resource.from_contents(schema, default_specification=DRAFT202012)
            )
        try:
            # Crawl up front: resolving cross-file $refs lazily made every record pay for it.
            self._registry = registry.crawl()
            self.reference = cls(schema, registry=self._registry, format_checker=format_checker())
            self._resolver = self._registry.resolver(base_uri=root_id)
        except referencing.exceptions.Unresolvable as exc:
            raise SchemaError(f"cannot resolve a $ref in the schema: {exc}") from None
        try:
            rs_registry = jsonschema_rs.Registry(
                [(uri, dict(contents)) for uri, contents in resource_list],
                retriever=lambda uri: dict(fetch(uri)),
            )
            self.fast = jsonschema_rs.validator_for(
                dict(schema),
                registry=rs_registry,
                validate_formats=True,
                formats=dict(FORMATS),
                retriever=lambda uri: dict(fetch(uri)),
            )
        except SchemaError:
            raise
        except Exception as exc:  # jsonschema-rs raises plain ValueError/ReferencingError here
            raise SchemaError(f"cannot compile the schema: {exc}") from None

    def is_valid(self, instance: Any) -> bool:
        """Return whether the instance conforms, using the fast engine."""
        return bool(self.fast.is_valid(instance))

    def findings(self, instance: Any) -> list[Finding]:
        """Return every schema finding for the instance, explained in plain English."""
        try:
            errors = list(self.reference.iter_errors(instance))
        except RecursionError:
            return [
                Finding(
                    "source.too-deep",
                    Severity.ERROR,
                    "The record is nested too deeply to check.",
                )
            ]
        found: list[Finding] = []
        seen: set[tuple[str, str]] = set()
        for error in errors:
            for finding in self._explain(error):
                key = (finding.code, finding.pointer)
                if key not in seen:
                    seen.add(key)
                    found.append(finding)
        if not found and not self.is_valid(instance):
            # The engines disagree: report what the fast engine saw rather than calling it valid.
            found.extend(self._fast_findings(instance))
        return found

    def _fast_findings(self, instance: Any) -> Iterator[Finding]:
        for error in self.fast.iter_errors(instance):
            kind = type(error.kind).__name__
            code = "schema." + re.sub(r"(?<!^)(?=[A-Z])", "-", kind).lower()
            yield Finding(
                code,
                Severity.ERROR,
                error.message,
                pointer=join_pointer(error.instance_path),
                schema_path=join_pointer(error.schema_path),
            )

    def _explain(self, error: ValidationError) -> Iterator[Finding]:
        # python-jsonschema reports a `false` subschema with no keyword at all.
        keyword = str(error.validator) if error.validator is not None else "false"
        base_pointer = join_pointer(error.absolute_path)
        schema_path = join_pointer(error.absolute_schema_path)
        if keyword == "required":
            name = _quoted_name(error.message)
            if name is None:
                return
            sub = self._property_schema(error.schema, name)
            title = messages.title_of(sub, name)
            yield Finding(
                "schema.required",
                Severity.ERROR,
                messages.required(title, name),
                pointer=f"{base_pointer}/{_escape(name)}",
                field=title,
                schema_path=schema_path,
            )
            return
        if keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(
            error.instance, dict
        ):
            allowed = set(error.schema.get("properties", {}))
            patterns = [_compiled(p) for p in error.schema.get("patternProperties", {})]
            extras = [
                k for k in error.instance if k not in allowed and not any(p.search(k) for p in patterns)
            ]
            for name in extras or [""]:
                yield Finding(
                    "schema." + _kebab(keyword),
                    Severity.ERROR,
                    messages.additional_property(name, sorted(allowed)),
                    pointer=f"{base_pointer}/{_escape(name)}" if name else base_pointer,
                    field=name or None,
                    schema_path=schema_path,
                    value=None,
                )
            return
        title = self._field_title(error)
        yield Finding(
            "schema." + _kebab(keyword),
            Severity.ERROR,
            messages.explain(keyword, title, error.instance, error.validator_value, error.schema,
                             self.codelists),
            pointer=base_pointer,
            field=title,
            schema_path=schema_path,
            value=error.instance if _is_scalar(error.instance) else None,
        )

    def _property_schema(self, schema: Mapping[str, Any], name: str) -> Mapping[str, Any]:
        prop = schema.get("properties", {}).get(name, {})
        return prop if isinstance(prop, Mapping) else {}

    def _field_title(self, error: ValidationError) -> str:
        """Name the field by the title nearest the failing value, looking through `$ref`s."""
        node: Any = self.schema
        resolver = self._resolver
        parts = list(error.absolute_schema_path)[:-1]
        title: str | None = node.get("title") if isinstance(node, Mapping) else None
        i = 0
        try:
            while i < len(parts) and isinstance(node, Mapping):
                key = parts[i]
                if key in ("$ref", "$dynamicRef"):
                    resolved = resolver.lookup(node[key])
                    node, resolver = resolved.contents, resolved.resolver
                    if title is None and isinstance(node, Mapping):
                        title = node.get("title")
                    i += 1
                    continue
                if key in ("properties", "patternProperties", "prefixItems", "allOf", "anyOf",
                           "oneOf", "$defs", "dependentSchemas") and i + 1 < len(parts):
                    container = node[key]
                    node = container[parts[i + 1]]
                    step_is_field = key in ("properties", "patternProperties", "prefixItems")
                    i += 2
                elif key in ("items", "additionalProperties", "contains", "not", "if", "then",
                             "else", "propertyNames", "unevaluatedItems", "unevaluatedProperties"):
                    node = node[key]
                    step_is_field = key in ("items", "additionalProperties")
                    i += 1
                else:
                    break
                if step_is_field:
                    title = node.get("title") if isinstance(node, Mapping) else None
                elif title is None and isinstance(node, Mapping):
                    title = node.get("title")
        except (KeyError, IndexError, TypeError, referencing.exceptions.Unresolvable):
            pass
        if title:
            return str(title)
        if isinstance(error.schema, Mapping) and error.schema.get("title"):
            return str(error.schema["title"])
        path = list(error.absolute_path)
        return messages.humanise(str(path[-1])) if path else "The record"


def _quoted_name(message: str) -> str | None:
    head = message.rpartition(" is a required property")[0]
    try:
        value = ast.literal_eval(head)
    except (ValueError, SyntaxError):
        return None
    return value if isinstance(value, str) else None


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _kebab(keyword: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", keyword).lower()


def _is_scalar(value: Any) -> bool:
    return value is None or isinstance(value, str | int | float | bool)


def local_retriever(root: Path, base_uri: str | None) -> Retrieve:
    """Return a retriever that reads `$ref`s from files under `root` and nothing else."""
    import json
    from urllib.parse import unquote, urlsplit

    root = root.resolve()
    base_dir = base_uri.rsplit("/", 1)[0] + "/" if base_uri else None

    def retrieve(uri: str) -> Any:
        target: Path | None = None
        split = urlsplit(uri)
        if split.scheme == "file":
            target = Path(unquote(split.path))
        elif base_dir and uri.startswith(base_dir):
            target = root / unquote(uri[len(base_dir):].split("#")[0])
        if target is None:
            raise SchemaError(
                f"the schema refers to {uri}; lgstandards never downloads schemas, so keep the "
                f"referenced file beside the schema and refer to it by a relative path"
            )
        target = target.resolve()
        if root not in target.parents and target != root:
            raise SchemaError(f"the schema refers to {uri}, outside the schema's folder {root}")
        try:
            return json.loads(target.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SchemaError(f"the schema refers to {uri}, but {target} does not exist") from None
        except (OSError, ValueError) as exc:
            raise SchemaError(f"cannot read {target}, referred to by the schema: {exc}") from None

    return retrieve
