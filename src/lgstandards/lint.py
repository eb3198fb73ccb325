"""House rules for standard authors: plain functions that yield findings about a schema.

Each rule takes a `LintContext` (one standard version and the catalogue around it) and yields
`Finding`s whose location is the file and whose pointer is the place in the schema. The rules are
listed once, in `RULES`; their codes and meanings in `CODES`.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag, urljoin

from lgstandards.errors import SchemaError
from lgstandards.findings import Finding, Severity, SourceLocation, join_pointer, split_pointer
from lgstandards.publish import subschemas
from lgstandards.registry import Catalogue, Codelist, StandardVersion, load_json_file

#: Every lint code, with the rule it stands for.
CODES: Mapping[str, str] = {
    "lint.unreadable": "The schema and its codelists are readable JSON.",
    "lint.missing-title": "Every property (and the schema itself) has a title.",
    "lint.missing-description": "Every property (and the schema itself) has a description.",
    "lint.forbidden-keyword": (
        "No $dynamicRef, $dynamicAnchor or $recursiveRef, and no unevaluatedProperties or "
        "unevaluatedItems where additionalProperties or items would do."
    ),
    "lint.const-alternatives": "Allowed values are an enum, not a oneOf or anyOf of consts.",
    "lint.unportable-format": "The only formats are date and date-time; identifiers use pattern.",
    "lint.id-mismatch": "$id is <base_uri><id>/<version>/schema.json and $schema is 2020-12.",
    "lint.unresolved-ref": "Every $ref resolves to a schema in the registry, offline.",
    "lint.unknown-required": (
        "Every name in required, including in if/then branches, is a property of its object."
    ),
    "lint.invalid-regex": "Every pattern is valid in ECMA-262 (unicode mode) and in Python.",
    "lint.unsafe-regex": "No pattern can backtrack catastrophically.",
    "lint.missing-codelist": "Every x-codelist names a codelist file of the version.",
    "lint.undefined-code": (
        "Every code the schema uses is in its codelist, and a closed codelist and its enum agree."
    ),
    "lint.undocumented-enum": (
        "Allowed values are explained: by a codelist whose codes have titles and descriptions, "
        "or by naming each value in the field's description."
    ),
    "lint.key-case": (
        "Property keys are snake_case (lower-case words and digits joined by underscores), in "
        "schema.json and in the schemas of openapi.json, unless KEY_CASE_ALLOWANCES lists one."
    ),
    "lint.bare-ref": (
        "A property that is a $ref has its own title and description beside the $ref, since "
        "messages name fields by them."
    ),
}

#: What a group of each code's findings is called in reports: what is wrong.
TITLES: Mapping[str, str] = {
    "lint.unreadable": "Unreadable file",
    "lint.missing-title": "Missing title",
    "lint.missing-description": "Missing description",
    "lint.forbidden-keyword": "Keyword other tools handle badly",
    "lint.const-alternatives": "Allowed values as consts, not an enum",
    "lint.unportable-format": "Unportable format",
    "lint.id-mismatch": "Wrong $id or $schema",
    "lint.unresolved-ref": "$ref that does not resolve",
    "lint.unknown-required": "Required name that is not a property",
    "lint.invalid-regex": "Invalid pattern",
    "lint.unsafe-regex": "Pattern that can backtrack catastrophically",
    "lint.missing-codelist": "Missing codelist",
    "lint.undefined-code": "Code not in its codelist",
    "lint.undocumented-enum": "Allowed values not explained",
    "lint.key-case": "Property key not snake_case",
    "lint.bare-ref": "$ref without its own title and description",
}

#: Property keys a standard may write in another case than snake_case, each with the reason, by
#: standard id then key. A key is allowed only where it is listed here, so nothing is exempted
#: silently; none is needed yet (Open311's own keys, which the street reports API keeps, are
#: snake_case too). An entry would read {"some-api": {"serviceCode": "the external format's"}}.
KEY_CASE_ALLOWANCES: Mapping[str, Mapping[str, str]] = {}

_SNAKE_CASE = re.compile(r"[a-z][a-z0-9]*(?:_[a-z0-9]+)*")

#: The one key every record may carry whatever its standard: `$schema`, the URI of the schema
#: (a standard version, extension or profile) the record says it follows, at the top level only.
SCHEMA_DECLARATION = "$schema"

DIALECT = "https://json-schema.org/draft/2020-12/schema"
PORTABLE_FORMATS = frozenset({"date", "date-time"})

# Subschemas that test a value rather than define a field: their properties need no title.
_CONDITIONS = frozenset({"if", "not", "contains", "propertyNames"})
# Keywords that apply a subschema to the same instance, so unevaluated* can see through them.
_IN_PLACE = frozenset({"allOf", "anyOf", "oneOf", "if", "then", "else", "not", "$ref",
                       "dependentSchemas"})


@dataclass(frozen=True)
class LintContext:
    """One standard version to lint, with every schema of the catalogue for resolving `$ref`s."""

    version: StandardVersion
    catalogue: Catalogue
    schemas: Mapping[str, Any] = field(default_factory=dict)
    display_root: Path | None = None

    @property
    def schema(self) -> Any:
        """Return the version's parsed schema."""
        return self.version.schema

    def where(self, path: Path) -> SourceLocation:
        """Return the location of a file, relative to the display root when it is inside it."""
        shown = path
        if self.display_root is not None:
            try:
                shown = path.resolve().relative_to(self.display_root.resolve())
            except ValueError:
                shown = path
        return SourceLocation(path=shown.as_posix())

    def finding(self, code: str, message: str, pointer: tuple[str, ...] | str = "",
                path: Path | None = None, severity: Severity = Severity.ERROR) -> Finding:
        """Return a finding about the schema (or another file of the version) at a pointer."""
        text = pointer if isinstance(pointer, str) else join_pointer(pointer)
        return Finding(code, severity, message, pointer=text, schema_path=text,
                       location=self.where(path or self.version.schema_path))

    def resolve(self, base: str, ref: str) -> tuple[str, Any] | None:
        """Return (base URI, subschema) that a `$ref` names, or None when it does not resolve."""
        uri, fragment = urldefrag(urljoin(base, ref))
        if uri == self.version.schema_uri or uri == str(self.schema.get("$id", "")):
            node: Any = self.schema
        elif uri in self.schemas:
            node = self.schemas[uri]
        else:
            return None
        if fragment and not fragment.startswith("/"):
            for _, sub in subschemas(node):
                if isinstance(sub, dict) and sub.get("$anchor") == fragment:
                    return uri, sub
            return None
        for part in split_pointer(fragment):
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return uri, node

    def follow(self, node: Any, base: str | None = None) -> list[Any]:
        """Return the node and each schema its `$ref` chain leads to, nearest first."""
        chain = [node]
        here = base or self.version.schema_uri
        while isinstance(node, dict) and isinstance(node.get("$ref"), str) and len(chain) < 12:
            found = self.resolve(here, node["$ref"])
            if found is None:
                break
            here, node = found
            chain.append(node)
        return chain


Rule = Callable[[LintContext], Iterator[Finding]]


def _property_schemas(schema: Any, root: tuple[str, ...] = ()
                      ) -> Iterator[tuple[tuple[str, ...], dict[str, Any]]]:
    """Yield every property definition, skipping those inside conditions such as `if`.

    `root` is where the schema sits in its file (an OpenAPI document's `components/schemas/X`).
    """
    for parts, node in subschemas(schema, root):
        inner = parts[len(root):]
        if not isinstance(node, dict) or len(inner) < 2 or inner[-2] != "properties":
            continue
        # Every other token of the path is a keyword; a property named "if" is not a condition.
        keywords = _keywords(inner)
        if keywords[-1] != "properties" or _in_condition(inner):
            continue
        yield parts, node


def _in_condition(parts: tuple[str, ...]) -> bool:
    """Return whether a schema path runs through a condition or a branch of one."""
    # A branch (then/else) refines fields defined beside the condition, so it is skipped too.
    return any(k in _CONDITIONS or k in ("then", "else") for k in _keywords(parts))


def _keywords(parts: tuple[str, ...]) -> list[str]:
    """Return the keywords along a schema path, skipping property names and indices."""
    keywords: list[str] = []
    index = 0
    while index < len(parts):
        keyword = parts[index]
        keywords.append(keyword)
        takes_name = keyword in ("properties", "patternProperties", "$defs", "definitions",
                                 "dependentSchemas", "allOf", "anyOf", "oneOf", "prefixItems")
        takes_name = takes_name or (keyword == "items" and index + 1 < len(parts)
                                    and parts[index + 1].isdigit())
        index += 2 if takes_name else 1
    return keywords


def check_titles(context: LintContext) -> Iterator[Finding]:
    """Every property, and the schema itself, has a title and a description.

    A property that is a `$ref` needs its own beside the `$ref`: one that only borrows the
    definition's words is `lint.bare-ref`, and one with none anywhere is `lint.missing-*`.
    """
    schema = context.schema
    for key, code in (("title", "lint.missing-title"), ("description", "lint.missing-description")):
        if not schema.get(key):
            yield context.finding(code, f"The schema has no {key}.")
    for parts, node in _property_schemas(schema):
        chain = context.follow(node)
        name = parts[-1]
        missing = False
        for key, code in (("title", "lint.missing-title"),
                          ("description", "lint.missing-description")):
            if not any(isinstance(n, dict) and n.get(key) for n in chain):
                missing = True
                yield context.finding(
                    code,
                    f"Property '{name}' has no {key}: give it one (beside its $ref if it has one).",
                    parts,
                )
        if not missing:
            yield from _bare_ref(context, parts, node)


def _bare_ref(context: LintContext, parts: tuple[str, ...], node: dict[str, Any],
              path: Path | None = None) -> Iterator[Finding]:
    """Report a property that is a `$ref` without its own title and description beside it."""
    if "$ref" not in node:
        return
    lacking = [key for key in ("title", "description") if not node.get(key)]
    if lacking:
        yield context.finding(
            "lint.bare-ref",
            f"Property '{parts[-1]}' is a $ref with no {' or '.join(lacking)} beside it: give "
            "the field its own, since the definition's words describe the type, not this field.",
            parts, path,
        )


def _key_case(context: LintContext, schema: Any, root: tuple[str, ...] = (),
              path: Path | None = None) -> Iterator[Finding]:
    """Report every property key that is not snake_case and not allowed for the standard."""
    allowed = KEY_CASE_ALLOWANCES.get(context.version.id, {})
    for parts, node in subschemas(schema, root):
        if not isinstance(node, dict) or not isinstance(node.get("properties"), dict):
            continue
        for key in node["properties"]:
            declaration = key == SCHEMA_DECLARATION and parts == root
            if not _SNAKE_CASE.fullmatch(key) and key not in allowed and not declaration:
                suggestion = re.sub(r"(?<=[a-z0-9])(?=[A-Z])|[-\s]+", "_", key).lower()
                yield context.finding(
                    "lint.key-case",
                    f"Property key '{key}' is not snake_case: write it as lower-case words "
                    f"joined by underscores, such as '{suggestion}'. A standard that must keep "
                    "another case lists the key in KEY_CASE_ALLOWANCES with the reason.",
                    (*parts, "properties", key), path,
                )


def check_keys(context: LintContext) -> Iterator[Finding]:
    """Property keys are snake_case, in the schema and in the OpenAPI document's schemas."""
    yield from _key_case(context, context.schema)
    for parts, schema, path in _openapi_schemas(context):
        yield from _key_case(context, schema, parts, path)


def check_openapi_refs(context: LintContext) -> Iterator[Finding]:
    """A property of a schema in the OpenAPI document that is a `$ref` names itself beside it."""
    for root, schema, path in _openapi_schemas(context):
        for parts, node in _property_schemas(schema, root):
            yield from _bare_ref(context, parts, node, path)


def _openapi_schemas(context: LintContext) -> Iterator[tuple[tuple[str, ...], Any, Path]]:
    """Yield (pointer parts, schema, file) for each schema of an API standard's OpenAPI document.

    Those are `components/schemas` and every `schema` of a parameter, header or media type.
    """
    path = context.version.openapi_path
    if path is None:
        return
    try:
        document = load_json_file(path, SchemaError)
    except SchemaError:
        return  # The API checker and its tests report an unreadable OpenAPI document.

    def walk(node: Any, parts: tuple[str, ...]) -> Iterator[tuple[tuple[str, ...], Any, Path]]:
        if isinstance(node, dict):
            for key, value in node.items():
                here = (*parts, key)
                if key == "schema" and isinstance(value, dict):
                    yield here, value, path
                elif parts == ("components",) and key == "schemas" and isinstance(value, dict):
                    yield from (((*here, name), sub, path) for name, sub in value.items()
                                if isinstance(sub, dict))
                else:
                    yield from walk(value, here)
        elif isinstance(node, list):
            for index, value in enumerate(node):
                yield from walk(value, (*parts, str(index)))

    yield from walk(document, ())


def check_keywords(context: LintContext) -> Iterator[Finding]:
    """No keyword that editors and other validators handle badly, and only portable formats."""
    for parts, node in subschemas(context.schema):
        if not isinstance(node, dict):
            continue
        for keyword in ("$dynamicRef", "$dynamicAnchor", "$recursiveRef", "$recursiveAnchor"):
            if keyword in node:
                yield context.finding(
                    "lint.forbidden-keyword",
                    f"{keyword} is not supported by many editors and code generators: use $ref.",
                    (*parts, keyword),
                )
        for keyword, instead in (("unevaluatedProperties", "additionalProperties"),
                                 ("unevaluatedItems", "items")):
            if keyword in node and not any(k in node for k in _IN_PLACE):
                yield context.finding(
                    "lint.forbidden-keyword",
                    f"{keyword} is only needed beside allOf, anyOf, oneOf, if or $ref; here "
                    f"{instead} does the same and every validator supports it.",
                    (*parts, keyword),
                )
        for keyword in ("oneOf", "anyOf"):
            branches = node.get(keyword)
            if isinstance(branches, list) and branches and all(
                isinstance(b, dict) and "const" in b
                and set(b) <= {"const", "title", "description", "$comment"}
                for b in branches
            ):
                yield context.finding(
                    "lint.const-alternatives",
                    f"A {keyword} of consts lists allowed values: use enum with an x-codelist "
                    "that documents each value.",
                    (*parts, keyword),
                )
        fmt = node.get("format")
        if isinstance(fmt, str) and fmt not in PORTABLE_FORMATS:
            yield context.finding(
                "lint.unportable-format",
                f"format '{fmt}' is checked differently, or not at all, by other validators: use "
                "a pattern (formats date and date-time are fine).",
                (*parts, "format"),
            )


def check_identity(context: LintContext) -> Iterator[Finding]:
    """`$id` matches the file's place in the registry, `$schema` is 2020-12, and `$ref`s resolve."""
    schema = context.schema
    expected = context.version.schema_uri
    actual = schema.get("$id")
    if actual != expected:
        yield context.finding(
            "lint.id-mismatch",
            f"$id is {actual!r} but this file's place makes it {expected!r}.",
            ("$id",),
        )
    if schema.get("$schema") != DIALECT:
        yield context.finding(
            "lint.id-mismatch",
            f"$schema is {schema.get('$schema')!r}; standards are written in JSON Schema 2020-12, "
            f"{DIALECT!r}.",
            ("$schema",),
        )
    for parts, node in subschemas(schema):
        if (isinstance(node, dict) and isinstance(node.get("$ref"), str)
                and context.resolve(expected, node["$ref"]) is None):
            yield context.finding(
                "lint.unresolved-ref",
                f"$ref {node['$ref']!r} does not resolve to a schema in this registry.",
                (*parts, "$ref"),
            )


def check_required(context: LintContext) -> Iterator[Finding]:
    """Every required name is a property of a closed object, so a valid record can exist."""
    for parts, node in subschemas(context.schema):
        if not isinstance(node, dict) or not isinstance(node.get("properties"), dict):
            continue
        if node.get("additionalProperties") is not False or "patternProperties" in node:
            continue  # An open object may receive the field from elsewhere.
        defined = set(node["properties"])
        places = [(parts, node), *_same_place(node, parts)]
        for where, sub in places:
            if not isinstance(sub, dict) or not isinstance(sub.get("required"), list):
                continue
            local = set(sub.get("properties") or {}) if sub is not node else set()
            for name in sub["required"]:
                if name not in defined and name not in local:
                    yield context.finding(
                        "lint.unknown-required",
                        f"'{name}' is required but is not a property of this object, which "
                        "allows no other properties: no record could ever be valid.",
                        (*where, "required"),
                    )


def check_patterns(context: LintContext) -> Iterator[Finding]:
    """Every pattern is portable and cannot backtrack catastrophically."""
    for parts, node in subschemas(context.schema):
        if not isinstance(node, dict):
            continue
        found: list[tuple[tuple[str, ...], str]] = []
        if isinstance(node.get("pattern"), str):
            found.append(((*parts, "pattern"), node["pattern"]))
        if isinstance(node.get("patternProperties"), dict):
            found.extend(((*parts, "patternProperties", key), key)
                         for key in node["patternProperties"])
        for where, pattern in found:
            problem = regex_problem(pattern)
            if problem is not None:
                code, message = problem
                yield context.finding(code, f"Pattern {pattern!r}: {message}", where)


def _codelist_of(context: LintContext, node: Any) -> tuple[str, Any] | None:
    """Return (codelist key, schema naming it) for a field, following `$ref`s across files.

    The key is the version's name for the codelist (`codelist_key`): a shared definition in
    another standard names a codelist of its own folder, not of this version's.
    """
    here = context.version.schema_uri
    for _ in range(12):
        if not isinstance(node, dict):
            return None
        if isinstance(node.get("x-codelist"), str):
            return context.version.codelist_key(here, node["x-codelist"]), node
        ref = node.get("$ref")
        found = context.resolve(here, ref) if isinstance(ref, str) else None
        if found is None:
            return None
        here, node = found
    return None


def _values_node(node: dict[str, Any]) -> dict[str, Any] | None:
    """Return the schema that holds a field's enum: the field itself, or its array's items."""
    if "enum" in node:
        return node
    items = node.get("items")
    if isinstance(items, dict) and "enum" in items:
        return items
    return None


def check_codes(context: LintContext) -> Iterator[Finding]:
    """Every codelist a field names exists, and every code the schema uses is defined in it."""
    codelists = context.version.codelists
    for parts, node in subschemas(context.schema):
        if not isinstance(node, dict) or not isinstance(node.get("x-codelist"), str):
            continue
        name = node["x-codelist"]
        # A path out of the version's folder names a shared codelist of another standard.
        codelist = codelists.get(name) or context.version.codelist_for(
            context.version.schema_uri, name)[1]
        if codelist is None:
            yield context.finding(
                "lint.missing-codelist",
                f"x-codelist names {name!r}, which is not a codelist of this version "
                f"(known: {', '.join(codelists) or 'none'}).",
                (*parts, "x-codelist"),
            )
            continue
        yield from _enum_agrees(context, parts, node, name, codelist)
    yield from _conditional_codes(context)
    for name, codelist in codelists.items():
        yield from _codelist_file(context, name, codelist)


def _enum_agrees(context: LintContext, parts: tuple[str, ...], node: dict[str, Any], name: str,
                 codelist: Codelist) -> Iterator[Finding]:
    """Check that a field's enum and its codelist agree, and its examples are codes."""
    holder = next((found for item in context.follow(node) if isinstance(item, dict)
                   for found in [_values_node(item)] if found is not None), None)
    codes = codelist.values
    if holder is node:
        enum_at: tuple[str, ...] = (*parts, "enum")
    elif holder is not None and holder is node.get("items"):
        enum_at = (*parts, "items", "enum")
    else:
        enum_at = (*parts, "$ref")  # The values live in the schema the field refers to.
    if holder is None:
        if not codelist.open:
            yield context.finding(
                "lint.undefined-code",
                f"{name} is a closed codelist but the field has no enum: list its codes in "
                "enum so validators enforce them.",
                (*parts, "x-codelist"),
            )
    elif codelist.open:
        yield context.finding(
            "lint.undefined-code",
            f"{name} is an open codelist but the field restricts values with enum: drop the enum "
            "or close the codelist.",
            enum_at,
        )
    else:
        values = [str(v) for v in holder.get("enum") or []]
        for value in values:
            if value not in codes:
                yield context.finding(
                    "lint.undefined-code",
                    f"enum value {value!r} is not a code in {name}.",
                    enum_at,
                )
        for code in sorted(codes - set(values)):
            yield context.finding(
                "lint.undefined-code",
                f"{name} defines code {code!r} but the enum does not allow it: the codelist and "
                "the enum must agree.",
                enum_at,
            )
    for keyword in ("default", "const"):
        if keyword in node and str(node[keyword]) not in codes and not codelist.open:
            yield context.finding("lint.undefined-code",
                                  f"{keyword} {node[keyword]!r} is not a code in {name}.",
                                  (*parts, keyword))
    for index, example in enumerate(node.get("examples") or []):
        if isinstance(example, str) and example not in codes and not codelist.open:
            yield context.finding("lint.undefined-code",
                                  f"example {example!r} is not a code in {name}.",
                                  (*parts, "examples", str(index)))


def _conditional_codes(context: LintContext) -> Iterator[Finding]:
    """Check codes used in `if`/`then` branches against the codelist of the field they test."""
    for parts, node in subschemas(context.schema):
        if not isinstance(node, dict) or not isinstance(node.get("properties"), dict):
            continue
        lists: dict[str, tuple[str, Codelist]] = {}
        for prop, sub in node["properties"].items():
            found = _codelist_of(context, sub)
            in_use = context.version.codelists_in_use
            if found and found[0] in in_use:
                lists[prop] = (found[0], in_use[found[0]])
        if not lists:
            continue
        for branch_parts, branch in _same_place(node, parts):
            props = branch.get("properties") if isinstance(branch, dict) else None
            if not isinstance(props, dict):
                continue
            for prop, test in props.items():
                if prop not in lists or not isinstance(test, dict):
                    continue
                name, codelist = lists[prop]
                values = ([test["const"]] if "const" in test else []) + list(test.get("enum") or [])
                for value in values:
                    if str(value) not in codelist.values:
                        yield context.finding(
                            "lint.undefined-code",
                            f"'{prop}' is compared with {value!r}, which is not a code in {name}.",
                            (*branch_parts, "properties", prop),
                        )


def _same_place(node: dict[str, Any], parts: tuple[str, ...]
                ) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Yield the subschemas applied to the same value as `node` (allOf, if, then, ...)."""
    for keyword in ("allOf", "anyOf", "oneOf"):
        for index, sub in enumerate(node.get(keyword) or []):
            where = (*parts, keyword, str(index))
            yield where, sub
            if isinstance(sub, dict):
                yield from _same_place(sub, where)
    for keyword in ("if", "then", "else", "not"):
        sub = node.get(keyword)
        if isinstance(sub, dict):
            yield (*parts, keyword), sub
            yield from _same_place(sub, (*parts, keyword))


def _codelist_file(context: LintContext, name: str, codelist: Codelist) -> Iterator[Finding]:
    """Check one codelist file: no code twice, and every code explained."""
    seen: set[str] = set()
    for index, code in enumerate(codelist.codes):
        value = str(code.get("code", ""))
        where = ("codes", str(index))
        if value in seen:
            yield context.finding("lint.undefined-code",
                                  f"{name} lists code {value!r} twice.", where, codelist.path)
        seen.add(value)
        for key in ("title", "description"):
            if not code.get(key):
                yield context.finding(
                    "lint.undocumented-enum",
                    f"Code {value!r} in {name} has no {key}: say what it means.",
                    where, codelist.path,
                )


def check_enums(context: LintContext) -> Iterator[Finding]:
    """Every enum is documented: by an x-codelist, or by naming each value in a description."""
    nodes = dict(subschemas(context.schema))
    for parts, node in nodes.items():
        if not isinstance(node, dict) or not isinstance(node.get("enum"), list):
            continue
        if len(node["enum"]) <= 1 or _in_condition(parts):
            continue
        field_parts = parts[:-1] if parts and parts[-1] == "items" else parts
        field_node = nodes.get(field_parts)
        if node.get("x-codelist") or (isinstance(field_node, dict)
                                      and field_node.get("x-codelist")):
            continue
        owner = (nodes.get(field_parts[:-2])
                 if len(field_parts) >= 2 and field_parts[-2] == "properties" else None)
        # The enum's own words, its field's, and the object it belongs to may explain the values.
        text = " ".join(
            str(o.get(k, "")) for o in (node, field_node, owner) if isinstance(o, dict)
            for k in ("title", "description")
        ).lower()
        values = [v for v in node["enum"] if isinstance(v, str)]
        missing = [v for v in values if v.lower() not in text]
        if missing or len(values) != len(node["enum"]):
            yield context.finding(
                "lint.undocumented-enum",
                "The allowed values " + ", ".join(repr(v) for v in node["enum"])
                + " are not explained: add an x-codelist whose codes have titles and "
                "descriptions, or name each value in the description.",
                (*parts, "enum"),
            )


#: Every house rule, in the order they run.
RULES: tuple[Rule, ...] = (
    check_identity,
    check_titles,
    check_keys,
    check_openapi_refs,
    check_required,
    check_keywords,
    check_patterns,
    check_codes,
    check_enums,
)


def _readable_schemas(cat: Catalogue) -> dict[str, Any]:
    """Return every schema of the catalogue that can be read, by `$id`."""
    found: dict[str, Any] = {}
    for version in cat.versions():
        if not version.schema_path.is_file():
            continue
        try:
            schema = version.schema
        except SchemaError:
            continue  # Reported as lint.unreadable when that version is linted.
        found[str(schema.get("$id", version.schema_uri))] = schema
    return found


def _run(context: LintContext) -> tuple[Finding, ...]:
    """Run every rule on one version; a file that cannot be read is a finding, not a crash."""
    try:
        return tuple(finding for rule in RULES for finding in rule(context))
    except SchemaError as exc:
        return (context.finding("lint.unreadable", str(exc)),)


def lint_version(version: StandardVersion, cat: Catalogue, *,
                 display_root: Path | None = None) -> tuple[Finding, ...]:
    """Return every house-rule finding for one standard version, in rule and schema order."""
    if not version.schema_path.is_file():
        return ()
    return _run(LintContext(version, cat, _readable_schemas(cat), display_root))


def lint_catalogue(cat: Catalogue, versions: Iterable[StandardVersion] | None = None, *,
                   display_root: Path | None = None) -> dict[str, tuple[Finding, ...]]:
    """Return the findings of each version (all versions with a schema unless given), by ref."""
    chosen = list(versions) if versions is not None else list(cat.versions())
    schemas = _readable_schemas(cat)
    return {
        version.ref: _run(LintContext(version, cat, schemas, display_root))
        for version in chosen
        if version.schema_path.is_file()
    }


# -- regular expressions -------------------------------------------------------------------------
#
# A small parser for ECMA-262 patterns as ajv compiles them (with the `u` flag), enough to see
# their structure. Catastrophic backtracking needs a repeated part that can match the same text
# in more than one way: a variable quantifier inside another (`(a+)+`, `(\w+\s?)*`) or an
# alternation whose branches overlap (`(a|ab)*`). The check is static and conservative: it can
# flag a safe pattern, which is then easy to rewrite, but it should not miss these shapes.

_MAX = 0x10FFFF
Ranges = tuple[tuple[int, int], ...]
_ALL: Ranges = ((0, _MAX),)
_DIGIT: Ranges = ((48, 57),)
_WORD: Ranges = ((48, 57), (65, 90), (95, 95), (97, 122))
_SPACE: Ranges = ((9, 13), (32, 32), (160, 160), (5760, 5760), (8192, 8202), (8232, 8233),
                  (8239, 8239), (8287, 8287), (12288, 12288), (65279, 65279))
_SYNTAX = set("^$\\.*+?()[]{}|/")


def _normalise(ranges: Iterable[tuple[int, int]]) -> Ranges:
    """Return character ranges sorted and merged."""
    merged: list[tuple[int, int]] = []
    for lo, hi in sorted(ranges):
        if merged and lo <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(hi, merged[-1][1]))
        else:
            merged.append((lo, hi))
    return tuple(merged)


def _complement(ranges: Ranges) -> Ranges:
    """Return the characters not in a set of ranges."""
    out: list[tuple[int, int]] = []
    start = 0
    for lo, hi in _normalise(ranges):
        if lo > start:
            out.append((start, lo - 1))
        start = hi + 1
    if start <= _MAX:
        out.append((start, _MAX))
    return tuple(out)


def _overlap(a: Ranges, b: Ranges) -> bool:
    """Return whether two sets of character ranges share a character."""
    return any(lo1 <= hi2 and lo2 <= hi1 for lo1, hi1 in a for lo2, hi2 in b)


class RegexSyntaxError(ValueError):
    """A pattern that is not valid ECMA-262 in unicode mode."""


@dataclass(frozen=True)
class _Node:
    """One node of a parsed pattern: characters, a sequence, alternatives or a repeat."""

    kind: str  # chars, seq, alt, repeat, group, empty, assertion or backref
    chars: Ranges = ()
    items: tuple[_Node, ...] = ()
    low: int = 1
    high: int | None = 1
    #: What an assertion is ('^', '$', '\\b', '\\B', '(?=', '(?!', '(?<=', '(?<!'), or '.' for a
    #: dot, which `diff` must tell from `[\\s\\S]`; the checks here look only at `kind`.
    text: str = ""


#: A parsed pattern, as `parse_regex` returns it.
RegexNode = _Node


class _Parser:
    """A recursive-descent parser for ECMA-262 patterns in unicode mode."""

    def __init__(self, pattern: str) -> None:
        """Start at the beginning of a pattern."""
        self.text = pattern
        self.pos = 0

    def fail(self, message: str) -> RegexSyntaxError:
        """Return a syntax error naming the position."""
        return RegexSyntaxError(f"{message} at position {self.pos + 1}")

    def peek(self) -> str:
        """Return the next character without taking it ('' at the end)."""
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def take(self) -> str:
        """Return the next character and move past it."""
        char = self.peek()
        self.pos += 1
        return char

    def parse(self) -> _Node:
        """Parse the whole pattern."""
        node = self.disjunction()
        if self.pos < len(self.text):
            raise self.fail(f"unexpected {self.peek()!r}")
        return node

    def disjunction(self) -> _Node:
        """Parse alternatives separated by '|'."""
        branches = [self.alternative()]
        while self.peek() == "|":
            self.take()
            branches.append(self.alternative())
        return branches[0] if len(branches) == 1 else _Node("alt", items=tuple(branches))

    def alternative(self) -> _Node:
        """Parse a sequence of terms."""
        items: list[_Node] = []
        while self.peek() not in ("", "|", ")"):
            atom = self.term()
            if atom is not None:
                items.append(self.quantified(atom))
        if not items:
            return _Node("empty")
        return items[0] if len(items) == 1 else _Node("seq", items=tuple(items))

    def quantified(self, atom: _Node) -> _Node:
        """Parse an optional quantifier after an atom."""
        char = self.peek()
        low: int
        high: int | None
        if char == "*":
            low, high = 0, None
        elif char == "+":
            low, high = 1, None
        elif char == "?":
            low, high = 0, 1
        elif char == "{":
            match = re.compile(r"\{(\d+)(,(\d*))?\}").match(self.text, self.pos)
            if not match:
                raise self.fail("a lone '{' (write '\\{' for a brace)")
            low = int(match.group(1))
            high = low if match.group(2) is None else (int(match.group(3)) if match.group(3)
                                                        else None)
            if high is not None and high < low:
                raise self.fail("a quantifier whose maximum is below its minimum")
            self.pos = match.end() - 1
        else:
            return atom
        self.take()
        if atom.kind == "assertion":
            raise self.fail("a quantifier on an assertion")
        if self.peek() == "?":
            self.take()  # Lazy or greedy, the ways to match are the same.
        if self.peek() in ("*", "+", "?", "{"):
            raise self.fail("two quantifiers in a row")
        return _Node("repeat", items=(atom,), low=low, high=high)

    def term(self) -> _Node | None:
        """Parse one atom or assertion."""
        char = self.take()
        if char in ("^", "$"):
            return _Node("assertion", text=char)
        if char == ".":
            return _Node("chars", chars=_ALL, text=".")
        if char == "(":
            return self.group()
        if char == "[":
            return _Node("chars", chars=self.char_class())
        if char == "\\":
            return self.escape(in_class=False)
        if char in ("*", "+", "?"):
            raise self.fail(f"nothing to repeat before {char!r}")
        if char in ("{", "}", "]"):
            raise self.fail(f"a lone {char!r} (escape it as '\\{char}')")
        return _Node("chars", chars=((ord(char), ord(char)),))

    def group(self) -> _Node:
        """Parse a group after its '('."""
        lookaround = ""
        if self.text.startswith("?:", self.pos):
            self.pos += 2
        elif self.text.startswith(("?=", "?!"), self.pos):
            lookaround = "(" + self.text[self.pos: self.pos + 2]
            self.pos += 2
        elif self.text.startswith(("?<=", "?<!"), self.pos):
            lookaround = "(" + self.text[self.pos: self.pos + 3]
            self.pos += 3
        elif self.text.startswith("?<", self.pos):
            raise self.fail("a named group, which Python's re writes differently; use (?:...) or "
                            "a plain group")
        elif self.peek() == "?":
            raise self.fail("an unknown group type")
        body = self.disjunction()
        if self.take() != ")":
            raise self.fail("a '(' without its ')'")
        return _Node("assertion", text=lookaround) if lookaround else _Node("group", items=(body,))

    def char_class(self) -> Ranges:
        """Parse a character class after its '['."""
        negate = self.peek() == "^"
        if negate:
            self.take()
        ranges: list[tuple[int, int]] = []
        while True:
            char = self.peek()
            if char == "":
                raise self.fail("a '[' without its ']'")
            if char == "]":
                self.take()
                break
            low = self.class_atom()
            if self.peek() == "-" and self.text[self.pos + 1: self.pos + 2] not in ("]", ""):
                self.take()
                high = self.class_atom()
                if len(low) != 1 or len(high) != 1 or low[0][0] != low[0][1] \
                        or high[0][0] != high[0][1]:
                    raise self.fail("a range in a class with a class escape at one end")
                if high[0][0] < low[0][0]:
                    raise self.fail("a class range out of order")
                ranges.append((low[0][0], high[0][0]))
            else:
                ranges.extend(low)
        normal = _normalise(ranges)
        return _complement(normal) if negate else normal

    def class_atom(self) -> Ranges:
        """Parse one character or escape inside a class."""
        char = self.take()
        if char == "\\":
            node = self.escape(in_class=True)
            return node.chars
        return ((ord(char), ord(char)),)

    def escape(self, *, in_class: bool) -> _Node:
        """Parse an escape after its backslash."""
        char = self.take()
        if char == "":
            raise self.fail("a pattern ending in '\\'")
        table = {"d": _DIGIT, "w": _WORD, "s": _SPACE}
        if char.lower() in table:
            ranges = table[char.lower()]
            return _Node("chars", chars=_complement(ranges) if char.isupper() else ranges)
        if char in ("b", "B"):
            if in_class and char == "b":
                return _Node("chars", chars=((8, 8),))
            if in_class:
                raise self.fail("'\\B' inside a class")
            return _Node("assertion", text="\\" + char)
        simple = {"f": 12, "n": 10, "r": 13, "t": 9, "v": 11}
        if char in simple:
            return _Node("chars", chars=((simple[char], simple[char]),))
        if char == "0" and not self.peek().isdigit():
            return _Node("chars", chars=((0, 0),))
        if char == "x":
            return self.hex_escape(2)
        if char == "u":
            if self.peek() == "{":
                end = self.text.find("}", self.pos)
                digits = self.text[self.pos + 1: end] if end > 0 else ""
                if not re.fullmatch(r"[0-9A-Fa-f]{1,6}", digits) or int(digits, 16) > _MAX:
                    raise self.fail("a bad \\u{...} escape")
                self.pos = end + 1
                return _Node("chars", chars=((int(digits, 16), int(digits, 16)),))
            return self.hex_escape(4)
        if char == "c" and self.peek().isalpha() and self.peek().isascii():
            code = ord(self.take()) % 32
            return _Node("chars", chars=((code, code),))
        if char in ("p", "P"):
            raise self.fail("a unicode property escape, which Python's re does not support")
        if char.isdigit() and not in_class:
            while self.peek().isdigit():
                self.take()
            return _Node("backref")
        if char == "k":
            raise self.fail("a named back-reference, which Python's re writes differently")
        if char in _SYNTAX or (in_class and char == "-"):
            return _Node("chars", chars=((ord(char), ord(char)),))
        raise self.fail(f"'\\{char}', which is not an escape in unicode mode")

    def hex_escape(self, width: int) -> _Node:
        """Parse a fixed number of hexadecimal digits."""
        digits = self.text[self.pos: self.pos + width]
        if not re.fullmatch(f"[0-9A-Fa-f]{{{width}}}", digits):
            raise self.fail("a bad hexadecimal escape")
        self.pos += width
        value = int(digits, 16)
        return _Node("chars", chars=((value, value),))


def parse_regex(pattern: str) -> RegexNode:
    """Parse an ECMA-262 pattern (unicode mode) into a small syntax tree, or raise."""
    return _Parser(pattern).parse()


def _nullable(node: _Node) -> bool:
    """Return whether a node can match the empty string."""
    if node.kind in ("empty", "assertion", "backref"):
        return True
    if node.kind == "chars":
        return False
    if node.kind == "seq":
        return all(_nullable(i) for i in node.items)
    if node.kind == "alt":
        return any(_nullable(i) for i in node.items)
    if node.kind == "repeat":
        return node.low == 0 or _nullable(node.items[0])
    return _nullable(node.items[0])


def _first(node: _Node) -> Ranges:
    """Return the characters the node's match can start with (all of them when unsure)."""
    if node.kind == "chars":
        return node.chars
    if node.kind == "backref":
        return _ALL
    if node.kind in ("empty", "assertion"):
        return ()
    if node.kind == "seq":
        found: list[tuple[int, int]] = []
        for item in node.items:
            found.extend(_first(item))
            if not _nullable(item):
                break
        return _normalise(found)
    return _normalise(r for item in node.items for r in _first(item))


def _chars(node: _Node) -> Ranges:
    """Return every character the node can consume anywhere in its match."""
    if node.kind == "chars":
        return node.chars
    if node.kind == "backref":
        return _ALL
    return _normalise(r for item in node.items for r in _chars(item))


def _unwrap(node: _Node) -> _Node:
    """Return the content of a group, however deeply nested."""
    while node.kind == "group":
        node = node.items[0]
    return node


def _variable(node: _Node) -> bool:
    """Return whether a node repeats a varying number of times, more than once."""
    return node.kind == "repeat" and (node.high is None or node.high > max(node.low, 1))


def _repeats(node: _Node) -> Iterator[_Node]:
    """Yield every repeat in a node, the node first."""
    if node.kind == "repeat":
        yield node
    for item in node.items:
        yield from _repeats(item)


def _leading_alternations(node: _Node) -> Iterator[_Node]:
    """Yield the alternations that can decide where a repeated part's match starts."""
    if node.kind == "alt":
        yield node
        for branch in node.items:
            yield from _leading_alternations(branch)
    elif node.kind == "group":
        yield from _leading_alternations(node.items[0])
    elif node.kind == "seq":
        for item in node.items:
            yield from _leading_alternations(item)
            if not _nullable(item):
                break


def _danger(repeat: _Node) -> str | None:
    """Return why a repeat can backtrack catastrophically, or None."""
    body = _unwrap(repeat.items[0])
    if _nullable(body):
        return "a repeated part can match the empty string, so it can repeat in endless ways"
    for alt in _leading_alternations(body):
        firsts = [_first(b) if not _nullable(b) else _ALL for b in alt.items]
        for i, one in enumerate(firsts):
            if any(_overlap(one, other) for other in firsts[i + 1:]):
                return ("a repeated alternation has branches that can start with the same "
                        "character, such as (a|ab)*")
    sequence = list(body.items) if body.kind == "seq" else [body]
    for index, item in enumerate(sequence):
        inner = [r for r in _repeats(item) if _variable(r)]
        if not inner:
            continue
        if _unwrap(item) is not inner[0] and not (item.kind == "repeat" and len(inner) == 1):
            return "a quantifier is nested inside another, such as (a+)+"
        follow: list[tuple[int, int]] = []
        for later in sequence[index + 1:]:
            follow.extend(_first(later))
            if not _nullable(later):
                break
        else:
            follow.extend(_first(body))  # The outer repeat starts over after the last part.
        if _overlap(_chars(inner[0].items[0]), _normalise(follow)):
            return "a quantifier is nested inside another, such as (a+)+ or (\\w+\\s?)*"
    return None


def regex_problem(pattern: str) -> tuple[str, str] | None:
    """Return (code, explanation) when a pattern is invalid or unsafe, else None."""
    try:
        tree = parse_regex(pattern)
    except RegexSyntaxError as exc:
        return "lint.invalid-regex", f"not a valid ECMA-262 pattern: {exc}."
    try:
        re.compile(pattern)
    except re.error as exc:
        return "lint.invalid-regex", f"Python's re cannot compile it: {exc}."
    for repeat in _repeats(tree):
        if repeat.high is not None and repeat.high <= 10:
            continue  # A small bound limits how many ways there are to split the text.
        reason = _danger(repeat)
        if reason is not None:
            return "lint.unsafe-regex", f"can backtrack catastrophically: {reason}."
    return None
