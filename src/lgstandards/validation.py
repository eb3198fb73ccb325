"""Schema validation: a fast engine for verdicts and a reference engine for explanations."""

from __future__ import annotations

import ast
import dataclasses
import functools
import re
import sys
from collections.abc import Callable, Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple
from urllib.parse import unquote, urldefrag, urljoin

import jsonschema_rs

from lgstandards import messages
from lgstandards.errors import SchemaError
from lgstandards.findings import Finding, Severity, join_pointer, split_pointer
from lgstandards.formats import FORMATS, format_checker
from lgstandards.limits import special_kind

if TYPE_CHECKING:
    from jsonschema.exceptions import ValidationError
    from referencing import Resource

Retrieve = Callable[[str], Any]


def _refuse(uri: str) -> Any:
    """Refuse every retrieval: the validation path never touches the network."""
    raise SchemaError(
        f"the schema refers to {uri}, which is not in the registry and will not be downloaded"
    )


_ECMA_SPACE = (
    "\\t\\n\\x0b\\x0c\\r \\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff"
)
# ECMA-262 classes are ASCII for \d and \w and have their own white-space set; Python's are Unicode.
_ECMA_CLASSES = {"d": "0-9", "w": "A-Za-z0-9_", "s": _ECMA_SPACE}


def _ecma_pattern(pattern: str) -> str:
    """Translate an ECMA-262 pattern so Python's `re` answers as ajv and jsonschema-rs do."""
    # Python's `$` also matches before a final newline, where ECMA-262 does not.
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
    from jsonschema.exceptions import ValidationError

    if isinstance(instance, str) and not _compiled(pattern).search(instance):
        yield ValidationError(f"{instance!r} does not match {pattern!r}")


def _reference_class(schema: Mapping[str, Any]) -> Any:
    """Return python-jsonschema's validator class for the schema's draft, with ECMA patterns."""
    # Imported here: python-jsonschema and its format extras take about a second to import,
    # and a run over clean data with the catalogue's schemas never needs them.
    import jsonschema
    from jsonschema import validators

    base = validators.validator_for(schema, default=jsonschema.Draft202012Validator)
    return validators.extend(base, {"pattern": _pattern})  # type: ignore[no-untyped-call]


#: What jsonschema-rs raises for a value it cannot take (a lone surrogate, an integer beyond
#: 64 bits, nesting too deep): the reference engine judges such a value instead.
FAST_ENGINE_REFUSES = (ValueError, OverflowError, UnicodeError, RecursionError)


class SchemaValidator:
    """One root schema compiled twice: jsonschema-rs for speed, python-jsonschema as reference."""

    def __init__(
        self,
        schema: Mapping[str, Any],
        resources: Iterable[tuple[str, Mapping[str, Any]]] = (),
        *,
        retrieve: Retrieve | None = None,
        codelists: Mapping[str, frozenset[str]] | None = None,
        checked: bool = False,
    ) -> None:
        """Compile `schema`, resolving `$ref`s from `resources` and never from the network.

        `checked` says the schemas were checked already (the catalogue's, which `lint` and the
        lock guard): the reference engine is then built only when first needed.
        """
        self.schema = schema
        self.codelists = codelists or {}
        self._titles: dict[str, str | None] = {}
        self._walked: dict[tuple[Any, ...], tuple[Mapping[str, Any], str | None, Any]] = {}
        self._explained: dict[tuple[Any, ...], tuple[Finding, ...]] = {}
        self._resources = list(resources)
        self._fetch = retrieve or _refuse
        self._root_id = str(schema.get("$id", "urn:lgstandards:root"))
        self._reference: Any = None
        self._resolver_: Any = None
        self._crawled: Any = None
        self._checked = checked
        if not checked:
            import jsonschema

            # A schema from outside is judged before anything is compiled from it, and its
            # references resolved, so a mistake in it is reported at once and by name.
            try:
                _reference_class(schema).check_schema(schema)
            except jsonschema.SchemaError as exc:
                where = join_pointer(exc.absolute_path) or "the top level"
                raise SchemaError(
                    f"the schema is not valid JSON Schema at {where}: {exc.message}"
                ) from None
            self._build_reference()
        refused: list[SchemaError] = []
        fetch = self._fetch

        def rs_fetch(uri: str) -> Any:
            # jsonschema-rs wraps a retriever's error in its own text; keep ours to re-raise.
            try:
                return dict(fetch(uri))
            except SchemaError as exc:
                refused.append(exc)
                raise

        # Only the formats the schemas use: a Python callback the schema never calls still
        # slowed every record's verdict by about a third. A retriever may bring in files not
        # seen yet, so then every format is kept.
        formats = (
            dict(FORMATS)
            if retrieve is not None
            else _used_formats([schema, *(contents for _, contents in self._resources)])
        )
        try:
            rs_registry = jsonschema_rs.Registry(
                [(uri, dict(contents)) for uri, contents in self._resources], retriever=rs_fetch
            )
            self.fast = jsonschema_rs.validator_for(
                dict(schema),
                registry=rs_registry,
                validate_formats=True,
                formats=formats or None,
                retriever=rs_fetch,
            )
        except Exception as exc:  # jsonschema-rs raises plain ValueError/ReferencingError here
            if refused:
                raise refused[0] from None
            raise SchemaError(f"cannot compile the schema: {exc}") from None

    def _build_reference(self) -> None:
        """Build the reference engine (python-jsonschema) over the crawled registry."""
        registry = self._registry()
        self._reference = _reference_class(self.schema)(
            self.schema, registry=registry, format_checker=format_checker()
        )

    def _registry(self) -> Any:
        """Crawl the schemas into a `referencing` registry, with the resolver for titles."""
        # Imported here, like python-jsonschema: only a record with a finding needs them. The
        # resolver alone does not import python-jsonschema, which explaining jsonschema-rs's
        # errors never needs (a tenth of a second, once per run with any failing record).
        from referencing import Registry, Resource
        from referencing.exceptions import Unresolvable
        from referencing.jsonschema import DRAFT202012

        if self._crawled is not None:
            return self._crawled
        schema, fetch, root_id = self.schema, self._fetch, self._root_id

        def retrieve_resource(uri: str) -> Resource[Any]:
            return Resource.from_contents(fetch(uri), default_specification=DRAFT202012)

        registry: Registry[Any] = Registry(retrieve=retrieve_resource)  # type: ignore[call-arg]
        registry = registry.with_resources(
            (uri, Resource.from_contents(contents, default_specification=DRAFT202012))
            for uri, contents in self._resources
        )
        if root_id not in registry:
            registry = registry.with_resource(
                root_id, Resource.from_contents(schema, default_specification=DRAFT202012)
            )
        try:
            # Crawl up front: resolving cross-file $refs lazily made every record pay for it.
            crawled = registry.crawl()
            self._resolver_ = crawled.resolver(base_uri=root_id)
        except Unresolvable as exc:
            cause = exc.__cause__ or exc.__context__
            if isinstance(cause, SchemaError):
                raise cause from None
            raise SchemaError(f"cannot resolve a $ref in the schema: {exc}") from None
        self._crawled = crawled
        return crawled

    @property
    def reference(self) -> Any:
        """Return the python-jsonschema validator, built on first use."""
        if self._reference is None:
            self._build_reference()
        return self._reference

    @property
    def _resolver(self) -> Any:
        if self._resolver_ is None:
            if self._checked:
                # The catalogue's schemas refer to each other by plain URIs and JSON Pointers:
                # resolved here without `referencing`, whose import and crawl cost a run with
                # any finding about 40 ms (2 microseconds a record over 20,000 records).
                documents = dict(self._resources)
                documents.setdefault(self._root_id, self.schema)
                self._resolver_ = _PlainResolver(self, documents, self._root_id)
            else:
                self._registry()
        return self._resolver_

    def is_valid(self, instance: Any) -> bool:
        """Return whether the instance conforms, using the fast engine."""
        try:
            return bool(self.fast.is_valid(instance))
        except FAST_ENGINE_REFUSES:
            # Values jsonschema-rs cannot take (lone surrogates, say) go to the reference engine.
            try:
                return not any(True for _ in self.reference.iter_errors(instance))
            except RecursionError:
                return False

    def findings(self, instance: Any) -> list[Finding]:
        """Return every schema finding for the instance, explained in plain English."""
        try:
            # jsonschema-rs explains failures too, a hundred times faster than the reference.
            explained = [
                f
                for error in self.fast.iter_errors(instance)
                for f in self._explain_fast(error, instance)
            ]
        except Exception:  # Fall back to the reference engine for anything it cannot handle.
            explained = self._reference_findings(instance)
        found: list[Finding] = []
        # A value failing both the portable `pattern` and the `format` it backs is one mistake.
        patterned = {f.pointer for f in explained if f.code == "schema.pattern"}
        seen: set[tuple[str, str]] = {("schema.format", p) for p in patterned}
        for finding in explained:
            key = (finding.code, finding.pointer)
            if key not in seen:
                seen.add(key)
                found.append(finding)
        return found

    def _reference_findings(self, instance: Any) -> list[Finding]:
        try:
            errors = list(self.reference.iter_errors(instance))
        except RecursionError:
            return [
                Finding(
                    "source.too-deep", Severity.ERROR, "The record is nested too deeply to check."
                )
            ]
        return [
            finding
            for error in errors
            for finding in self._explain(
                # python-jsonschema reports a `false` subschema with no keyword at all.
                str(error.validator) if error.validator is not None else "false",
                list(error.absolute_path),
                list(error.absolute_schema_path),
                error.instance,
                _quoted_name(error.message) if error.validator == "required" else None,
                # Its schema paths skip `$ref` hops, so take the failing subschema as given.
                error.schema if isinstance(error.schema, Mapping) else None,
                _unexpected_names(error.message)
                if error.validator == "unevaluatedProperties"
                else None,
            )
        ]

    def _explain_fast(self, error: Any, root: Any) -> Iterator[Finding]:
        kind = type(error.kind).__name__
        branch = _best_branch(error) if kind in ("AnyOf", "OneOfNotValid") else None
        if branch:
            # "Matches no allowed form" helps nobody: explain the branch the data came closest to.
            for inner in branch:
                yield from self._explain_fast(inner, root)
            return
        keyword = _RS_KEYWORDS.get(kind) or kind[:1].lower() + kind[1:]
        details = error.kind.as_dict() if hasattr(error.kind, "as_dict") else {}
        name = details.get("property") if keyword == "required" else None
        instance_path = list(error.instance_path)
        schema_path = list(error.evaluation_path)
        # The value as parsed, not jsonschema-rs's copy, which turns huge integers into floats.
        value = _value_at(root, instance_path, error.instance)
        unexpected = details.get("unexpected")
        key: tuple[Any, ...] | None = None
        if _is_scalar(value):
            # A file full of one mistake explains the same error again and again: the
            # explanation depends only on these, so it is worked out once. The value's type is
            # part of the key, since 1, 1.0 and True are equal as keys but explained apart.
            key = (kind, tuple(instance_path), tuple(schema_path), type(value), value, name,
                   tuple(unexpected) if isinstance(unexpected, list) else unexpected)
            explained = self._explained.get(key)
            if explained is not None:
                yield from explained
                return
        found: Iterable[Finding] = self._explain(
            keyword,
            instance_path,
            schema_path,
            value,
            str(name) if name is not None else None,
            unexpected=unexpected,
        )
        if kind == "OneOfMultipleValid":
            # Matching two forms is a different mistake from matching none.
            found = (
                dataclasses.replace(f, message=messages.one_of_many(f.field or "The value"))
                for f in found
            )
        result = tuple(found)
        if key is not None:
            if len(self._explained) >= 4096:  # Bounded: every record may hold another value.
                self._explained.clear()
            self._explained[key] = result
        yield from result

    def _explain(
        self,
        keyword: str,
        instance_path: list[Any],
        schema_path: list[Any],
        instance: Any,
        required_name: str | None,
        subschema: Mapping[str, Any] | None = None,
        unexpected: list[str] | None = None,
    ) -> Iterator[Finding]:
        base_pointer = join_pointer(instance_path)
        where = join_pointer(schema_path)
        # The schema path ends with the failing keyword, except for a `false` subschema.
        node, title, resolver = self._walk(schema_path[:-1] if keyword != "false" else schema_path)
        if subschema is not None:
            node, title = subschema, title or subschema.get("title")
        if keyword == "required":
            if required_name is None:
                return
            prop_schema = node.get("properties", {}).get(required_name)
            parts = schema_path[:-1]
            while prop_schema is None and parts:
                # `required` inside if/then/allOf: the field is defined by the enclosing object.
                if parts[-1] in ("then", "else", "if"):
                    parts = parts[:-1]
                elif len(parts) >= 2 and parts[-2] in ("allOf", "anyOf", "oneOf"):
                    parts = parts[:-2]
                else:
                    break
                outer, _, outer_resolver = self._walk(parts)
                if required_name in outer.get("properties", {}):
                    prop_schema, resolver = outer["properties"][required_name], outer_resolver
            prop = _resolve(prop_schema or {}, resolver)
            field_title = messages.title_of(prop, required_name)
            yield Finding(
                "schema.required",
                Severity.ERROR,
                messages.required(field_title, required_name),
                pointer=f"{base_pointer}/{_escape(required_name)}",
                field=field_title,
                schema_path=where,
            )
            return
        if keyword in ("additionalProperties", "unevaluatedProperties") and isinstance(
            instance, dict
        ):
            allowed = set(node.get("properties", {}))
            patterns = [_compiled(p) for p in node.get("patternProperties", {})]
            # The engine knows which names were unexpected (unevaluatedProperties also counts
            # those that allOf/$ref evaluated); work them out only when it does not say.
            extras = (
                [str(k) for k in unexpected]
                if unexpected is not None
                else [
                    k
                    for k in instance
                    if k not in allowed and not any(p.search(k) for p in patterns)
                ]
            )
            for extra in extras or [""]:
                yield Finding(
                    "schema." + _kebab(keyword),
                    Severity.ERROR,
                    messages.additional_property(extra, sorted(allowed)),
                    pointer=f"{base_pointer}/{_escape(extra)}" if extra else base_pointer,
                    field=extra or None,
                    schema_path=where,
                )
            return
        if not title:
            title = messages.humanise(str(instance_path[-1])) if instance_path else "The record"
        yield Finding(
            "schema." + _kebab(keyword),
            Severity.ERROR,
            messages.explain(keyword, title, instance, node.get(keyword), node, self.codelists),
            pointer=base_pointer,
            field=title,
            schema_path=where,
            value=instance if _is_scalar(instance) else None,
        )

    def title_at(self, pointer: str) -> str | None:
        """Return the title of the field at an instance pointer, following `$ref`s offline."""
        # Keyed by the exact pointer: a template would merge object keys that are all digits
        # (years, say) with array indices. Bounded, since a file can name millions of places.
        if pointer not in self._titles:
            if len(self._titles) >= 10_000:
                self._titles.clear()
            self._titles[pointer] = self._title_at(split_pointer(pointer))
        return self._titles[pointer]

    def _title_at(self, parts: list[str]) -> str | None:
        node: Any = self.schema
        resolver = self._resolver
        title: str | None = None
        for part in parts:
            node, resolver = _through_refs(node, resolver)
            if not isinstance(node, Mapping):
                return None
            if part in node.get("properties", {}):
                node = node["properties"][part]
            elif part.isdigit() and isinstance(node.get("items"), Mapping):
                node = node["items"]
            else:
                return None
            title = node.get("title") if isinstance(node, Mapping) else None
            if title is None:
                target, _ = _through_refs(node, resolver)
                title = target.get("title") if isinstance(target, Mapping) else None
        return str(title) if title else None

    def _walk(self, parts: list[Any]) -> tuple[Mapping[str, Any], str | None, Any]:
        """Follow a schema path through `$ref`s to its node, its field's title and its resolver."""
        # A file full of one mistake asks about the same few schema paths again and again.
        key = tuple(parts)
        walked = self._walked.get(key)
        if walked is None:
            if len(self._walked) >= 4096:  # Recursive schemas have paths without end.
                self._walked.clear()
            walked = self._walked[key] = self._walk_anew(parts)
        return walked

    def _walk_anew(self, parts: list[Any]) -> tuple[Mapping[str, Any], str | None, Any]:
        node: Any = self.schema
        resolver = self._resolver
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
                if key in _TWO_STEP and i + 1 < len(parts):
                    node = node[key][parts[i + 1]]
                    step_is_field = key in ("properties", "patternProperties", "prefixItems")
                    i += 2
                elif key in _ONE_STEP:
                    node = node[key]
                    step_is_field = key in ("items", "additionalProperties")
                    i += 1
                else:
                    break
                if step_is_field:
                    title = node.get("title") if isinstance(node, Mapping) else None
                elif title is None and isinstance(node, Mapping):
                    title = node.get("title")
        except (KeyError, IndexError, TypeError):
            pass
        except _unresolvable():
            pass
        return (
            (node if isinstance(node, Mapping) else {}),
            (str(title) if title else None),
            resolver,
        )


class _Unresolved(Exception):
    """A `$ref` that `_PlainResolver` cannot resolve (nor `referencing`, asked next)."""


class _Resolved(NamedTuple):
    """What a `$ref` names: its contents, and the resolver for the `$ref`s inside them."""

    contents: Any
    resolver: Any


class _PlainResolver:
    """Resolve `$ref`s as `referencing` does, for schemas that use only URIs and JSON Pointers."""

    __slots__ = ("_base", "_documents", "_owner")

    def __init__(self, owner: SchemaValidator, documents: Mapping[str, Any], base: str) -> None:
        """Resolve against `documents` (by URI) from the document at `base`."""
        self._owner = owner
        self._documents = documents
        self._base = base

    def lookup(self, ref: str) -> _Resolved:
        """Return what `ref` names, asking `referencing` for anything beyond plain pointers."""
        try:
            uri, fragment = urldefrag(urljoin(self._base, ref))
            target = self._documents[uri]
            if fragment and not fragment.startswith("/"):
                raise _Unresolved(ref)  # An anchor.
            if isinstance(target, Mapping) and target.get("$id", uri) != uri:
                raise _Unresolved(ref)  # A document known by another name than its own.
            for part in fragment.split("/")[1:]:
                part = unquote(part).replace("~1", "/").replace("~0", "~")
                target = target[int(part)] if isinstance(target, list) else target[part]
                if isinstance(target, Mapping) and "$id" in target:
                    raise _Unresolved(ref)  # An embedded resource, with a base of its own.
        except (KeyError, IndexError, ValueError, TypeError, _Unresolved):
            # Anchors, embedded resources and `$ref`s to nothing: `referencing` decides.
            resolved = self._owner._registry().resolver(base_uri=self._base).lookup(ref)
            return _Resolved(resolved.contents, resolved.resolver)
        return _Resolved(target, _PlainResolver(self._owner, self._documents, uri))


def _unresolvable() -> tuple[type[Exception], ...]:
    """Return the exceptions raised for a `$ref` that cannot be resolved."""
    # `referencing` is not imported for this: if it was never imported, it raised nothing.
    exceptions = sys.modules.get("referencing.exceptions")
    if exceptions is None:
        return (_Unresolved,)
    return (_Unresolved, exceptions.Unresolvable)


def _value_at(root: Any, path: Any, fallback: Any) -> Any:
    """Return the value at an instance path in the original data."""
    node = root
    for part in path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return fallback
    return node


def _best_branch(error: Any) -> list[Any] | None:
    """Pick the anyOf/oneOf branch the instance nearly matched: no wrong variant, fewest errors."""
    branches = [list(b) for b in getattr(error.kind, "context", None) or [] if b]
    if not branches:
        return None
    depth = len(error.instance_path)

    def score(branch: list[Any]) -> tuple[bool, int, int]:
        # A const or enum failing at (or just below) the union's own level marks another variant.
        wrong_variant = any(
            type(e.kind).__name__ in ("Constant", "Enum") and len(e.instance_path) <= depth + 1
            for e in branch
        )
        return wrong_variant, len(branch), -max(len(e.instance_path) for e in branch)

    return min(branches, key=score)


def _through_refs(node: Any, resolver: Any) -> tuple[Any, Any]:
    """Follow `$ref`s until a node without one, returning it with the resolver for its file."""
    for _ in range(16):
        if not (isinstance(node, Mapping) and isinstance(node.get("$ref"), str)):
            break
        try:
            resolved = resolver.lookup(node["$ref"])
        except _unresolvable():
            break
        node, resolver = resolved.contents, resolved.resolver
    return node, resolver


def _resolve(node: Any, resolver: Any) -> Mapping[str, Any]:
    """Follow a bare `$ref` (one without a title of its own) so its target's title is used."""
    if isinstance(node, Mapping) and "$ref" in node and "title" not in node:
        try:
            contents = resolver.lookup(node["$ref"]).contents
        except _unresolvable():
            return node
        return contents if isinstance(contents, Mapping) else {}
    return node if isinstance(node, Mapping) else {}


_TWO_STEP = frozenset(
    (
        "properties",
        "patternProperties",
        "prefixItems",
        "allOf",
        "anyOf",
        "oneOf",
        "$defs",
        "dependentSchemas",
    )
)
_ONE_STEP = frozenset(
    (
        "items",
        "additionalProperties",
        "contains",
        "not",
        "if",
        "then",
        "else",
        "propertyNames",
        "unevaluatedItems",
        "unevaluatedProperties",
    )
)
# jsonschema-rs names some error kinds differently from the keyword that failed.
_RS_KEYWORDS = {
    "Constant": "const",
    "OneOfNotValid": "oneOf",
    "OneOfMultipleValid": "oneOf",
    "FalseSchema": "false",
    "Referencing": "$ref",
    "BacktrackLimitExceeded": "pattern",
    "Custom": "format",
}


def _unexpected_names(message: str) -> list[str] | None:
    """Read the property names python-jsonschema lists as unexpected in its message."""
    match = re.search(r"\((.*) (?:was|were) unexpected\)", message)
    if match is None:
        return None
    try:
        names = ast.literal_eval(f"[{match.group(1)}]")
    except (ValueError, SyntaxError):
        return None
    return [str(n) for n in names]


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


def _used_formats(documents: Iterable[Any]) -> dict[str, Callable[[str], bool]]:
    """Return the formats of our own table that any of the documents names."""
    named: set[str] = set()
    stack = list(documents)
    while stack:
        node = stack.pop()
        if isinstance(node, Mapping):
            if isinstance(node.get("format"), str):
                named.add(node["format"])
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    return {name: check for name, check in FORMATS.items() if name in named}


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
            target = root / unquote(uri[len(base_dir) :].split("#")[0])
        if target is None:
            raise SchemaError(
                f"the schema refers to {uri}; lgstandards never downloads schemas, so keep the "
                f"referenced file beside the schema and refer to it by a relative path"
            )
        try:
            target = target.resolve()
        except (RuntimeError, OSError):  # A loop of links: RuntimeError before Python 3.13.
            raise SchemaError(f"the schema refers to {uri}, a loop of symbolic links") from None
        if root not in target.parents and target != root:
            raise SchemaError(f"the schema refers to {uri}, outside the schema's folder {root}")
        kind = special_kind(target)
        if kind is not None:
            # Never opened: a pipe with no writer would hang the run, a device never ends.
            raise SchemaError(f"the schema refers to {uri}, which is {kind}, not a file")
        try:
            return json.loads(target.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise SchemaError(f"the schema refers to {uri}, but {target} does not exist") from None
        except (OSError, ValueError) as exc:
            raise SchemaError(f"cannot read {target}, referred to by the schema: {exc}") from None

    return retrieve
