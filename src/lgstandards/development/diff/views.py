"""What the schema engine compares: subschemas *viewed* with their references folded in.

A `View` is one subschema's keywords, each with its own JSON Pointer, after `$ref` targets and
`allOf` members are folded in where they do not clash and the nullable spellings are read as one
flag. The helpers here read views (types, values, bounds, items, properties) and pair the
branches of two `anyOf` lists; `schemas.SchemaComparer` compares them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Literal
from urllib.parse import unquote

from lgstandards.development.diff.model import DiffError, Direction
from lgstandards.findings import split_pointer

Pointer = tuple[str, ...]


Effect = Literal["tighter", "looser", "both", "none"]


#: Keywords that never change which data is valid.
ANNOTATIONS = frozenset({
    "title", "description", "default", "examples", "example", "$comment", "deprecated",
    "readOnly", "writeOnly", "contentEncoding", "contentMediaType", "contentSchema",
    "externalDocs", "xml", "discriminator", "$id", "id", "$anchor", "$dynamicAnchor",
    "$vocabulary",
})


#: Keywords the engine compares by their meaning.
HANDLED = frozenset({
    "type", "enum", "const", "pattern", "minLength", "maxLength", "format", "minimum", "maximum",
    "exclusiveMinimum", "exclusiveMaximum", "multipleOf", "items", "prefixItems",
    "additionalItems", "minItems", "maxItems", "uniqueItems", "contains", "minContains",
    "maxContains", "unevaluatedItems", "properties", "required", "additionalProperties",
    "patternProperties", "propertyNames", "minProperties", "maxProperties", "dependentRequired",
    "dependentSchemas", "dependencies", "unevaluatedProperties", "anyOf", "oneOf", "not", "if",
    "then", "else", "$schema", "$defs", "definitions", "x-codelist",
})


#: The key the bundler adds to a copy of another document, naming where it came from.
BUNDLED_FROM = "x-bundled-from"


def kebab(keyword: str) -> str:
    """Return a keyword as it appears in change codes: 'maxLength' -> 'max-length'."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "-", keyword).lower()


def canonical(value: Any) -> str:
    """Return JSON text that is equal for equal JSON values (1 and 1.0 alike)."""
    return json.dumps(json_numbers(value), sort_keys=True, ensure_ascii=False)


def json_numbers(value: Any) -> Any:
    """Return a value with integral floats as integers, as JSON Schema compares numbers."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {k: json_numbers(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_numbers(v) for v in value]
    return value


def quote(value: Any) -> str:
    """Return a short JSON rendering of a value for a sentence."""
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 60 else text[:57] + "..."


def type_of(value: Any) -> str:
    """Return the JSON Schema type name of a JSON value."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer()):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


@dataclass(frozen=True)
class Place:
    """Where a comparison is: for the sentences, and for the policy (direction, inside `not`)."""

    #: The document around the data, such as 'GET /addresses, response 200'.
    context: str = ""
    #: The place in the data, such as 'services[].id'.
    path: str = ""
    direction: Direction = "data"
    #: Inside an odd number of `not`s, where a tighter schema accepts more.
    flip: bool = False
    #: Whether data valid under the old and the new version can be here at all: a keyword for
    #: strings changes nothing where a version allows no strings.
    reach: tuple[bool, bool] = (True, True)
    #: The types the old and the new value here are already known to have (None: any), from
    #: the schemas around it that apply to the same value: `then` of an array-only schema never
    #: meets an object.
    known: tuple[frozenset[str] | None, frozenset[str] | None] = (None, None)

    def child(self, step: str) -> Place:
        """Return the place one step further into the data (another value, of any type)."""
        if step.startswith("["):
            return replace(self, path=self.path + step, known=(None, None))
        return replace(self, path=f"{self.path}.{step}" if self.path else step,
                       known=(None, None))

    def subject(self) -> str:
        """Return how a sentence names the place."""
        if self.context and self.path:
            return f"{self.context}: {self.path}"
        return self.context or self.path or "the top level"


@dataclass(frozen=True)
class Entry:
    """One keyword's value and the pointer of the keyword itself."""

    value: Any
    at: Pointer
    #: For `properties` or `required` folded together from several places: where each name is.
    parts: Mapping[str, Pointer] | None = None

    def part(self, key: str) -> Pointer:
        """Return the pointer of one name or index inside the value."""
        if self.parts is not None and key in self.parts:
            return self.parts[key]
        return (*self.at, key)


@dataclass
class View:
    """A subschema with its `$ref`s and `allOf`s folded in: what is compared."""

    kw: dict[str, Entry] = field(default_factory=dict)
    never: bool = False
    #: A null branch (`anyOf: [x, {type: null}]`) or OpenAPI 3.0 `nullable: true` was folded in.
    nullable: bool = False
    #: `allOf` members and `$ref` targets whose keywords clash with the node's: compared whole.
    extras: list[tuple[Any, Pointer]] = field(default_factory=list)

    def constrains(self) -> bool:
        """Return whether the view refuses anything at all."""
        return self.never or bool(self.extras) or any(
            k not in ANNOTATIONS and not k.startswith("x-") and k not in ("$defs", "definitions")
            for k in self.kw
        )


def is_null_branch(node: Any) -> bool:
    """Return whether a subschema accepts null and nothing else."""
    if not isinstance(node, dict):
        return False
    rest = {k: v for k, v in node.items() if k not in ANNOTATIONS}
    return rest in ({"type": "null"}, {"type": ["null"]}, {"const": None}, {"enum": [None]})


def is_anchor(node: Mapping[str, Any], name: str) -> bool:
    """Return whether a subschema is named `name`: by `$anchor`, or draft-07's `$id: "#name"`."""
    return node.get("$anchor") == name or any(
        node.get(key) == "#" + name for key in ("$id", "id"))


def identity(node: Any, at: Pointer) -> object:
    """Return what tells one subschema from another: a document's own dict, else its place.

    Dicts live as long as the documents, so their identity is safe; `true`, `false` and other
    shared values are told apart by where they are.
    """
    return id(node) if isinstance(node, dict) else at


def fold_types(view: View, keyword: str) -> None:
    """Turn `anyOf` (or a disjoint `oneOf`) of branches that only name types into `type`."""
    entry = view.kw.get(keyword)
    if entry is None or "type" in view.kw:
        return
    found: list[str] = []
    for member in members_of(entry):
        if not isinstance(member[0], dict):
            return
        rest = {k: v for k, v in member[0].items() if k not in ANNOTATIONS}
        if set(rest) != {"type"}:
            return
        names = [str(n) for n in (rest["type"] if isinstance(rest["type"], list)
                                  else [rest["type"]])]
        if keyword == "oneOf" and (set(names) & set(found) or {"integer", "number"} <= {
                *names, *found}):
            return  # Overlapping oneOf branches refuse what both accept: not a type list.
        found.extend(n for n in names if n not in found)
    if found:
        del view.kw[keyword]
        view.kw["type"] = Entry(found, entry.at)


def combine(key: str, one: Entry, other: Entry) -> Entry | None:
    """Return two keywords of an `allOf` as one when that is exact, else None.

    Exact means disjoint `properties` (or `$defs`) side by side, or `required` names together.
    """
    if key in ("properties", "$defs", "definitions") and isinstance(one.value, dict) \
            and isinstance(other.value, dict):
        value = dict(one.value)
        parts = {name: one.part(name) for name in one.value}
        for name, sub in other.value.items():
            if name in value and canonical(value[name]) != canonical(sub):
                return None
            if name not in value:
                value[name] = sub
                parts[name] = other.part(name)
        return Entry(value, one.at, parts)
    if key == "required" and isinstance(one.value, list) and isinstance(other.value, list):
        names: list[Any] = []
        parts = {}
        for entry in (one, other):
            for index, name in enumerate(entry.value):
                if name not in names:
                    parts[str(len(names))] = entry.part(str(index))
                    names.append(name)
        return Entry(names, one.at, parts)
    return None


def walk_json(node: Any, parts: Pointer = ()) -> Iterator[tuple[Pointer, Any]]:
    """Yield every value inside a JSON document with its pointer."""
    yield parts, node
    if isinstance(node, dict):
        for key, value in node.items():
            yield from walk_json(value, (*parts, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from walk_json(value, (*parts, str(index)))


def type_words(types: frozenset[str] | None) -> str:
    """Return types as words: 'string or integer'."""
    if not types:
        return "nothing"
    return " or ".join(sorted(types))


def covered_by(name: str, types: frozenset[str]) -> bool:
    """Return whether a type's values are all allowed by a set of types."""
    return name in types or (name == "integer" and "number" in types)


def enum_values(view: View) -> dict[str, Any] | None:
    """Return the non-null values `const` or `enum` allow, keyed canonically (None: any)."""
    found: dict[str, Any] | None = None
    if "const" in view.kw:
        value = view.kw["const"].value
        found = {} if value is None else {canonical(value): value}
    enum = view.kw.get("enum")
    if enum is not None and isinstance(enum.value, list):
        values = {canonical(v): v for v in enum.value if v is not None}
        found = values if found is None else {k: v for k, v in found.items() if k in values}
    return found


def value_pointer(entry: Entry, value: Any) -> Pointer:
    """Return the pointer of one value of an `enum` (or the `const` itself)."""
    if isinstance(entry.value, list):
        wanted = canonical(value)
        for index, item in enumerate(entry.value):
            if canonical(item) == wanted:
                return (*entry.at, str(index))
    return entry.at


def count_bound(entry: Entry | None) -> tuple[Fraction, int] | None:
    """Return a count keyword's value as a bound."""
    if entry is None or isinstance(entry.value, bool) or not isinstance(entry.value, int | float):
        return None
    return Fraction(str(entry.value)), 0


def exact_number(entry: Entry | None) -> Fraction | None:
    """Return a number keyword's value exactly."""
    if entry is None or isinstance(entry.value, bool) or not isinstance(entry.value, int | float):
        return None
    return Fraction(str(entry.value))


def numeric_bound(view: View, *, lower: bool) -> tuple[tuple[Fraction, int], Entry] | None:
    """Return the tightest lower or upper bound and its keyword; exclusive bounds rank tighter.

    Draft-04's boolean `exclusiveMinimum` makes `minimum` exclusive; later drafts give the
    exclusive bound its own number.
    """
    plain, exclusive = ("minimum", "exclusiveMinimum") if lower else ("maximum",
                                                                       "exclusiveMaximum")
    found: list[tuple[tuple[Fraction, int], Entry]] = []
    entry, flag = view.kw.get(plain), view.kw.get(exclusive)
    value = exact_number(entry)
    if value is not None and entry is not None:
        strict = flag is not None and flag.value is True
        found.append(((value, (1 if lower else -1) if strict else 0), entry))
    value = exact_number(flag)
    if value is not None and flag is not None:
        found.append(((value, 1 if lower else -1), flag))
    if not found:
        return None
    return max(found, key=lambda f: f[0]) if lower else min(found, key=lambda f: f[0])


def string_constraints(view: View) -> tuple[str | None, int, int | None]:
    """Return a view's pattern, minLength and maxLength (0 and None when absent)."""
    pattern = view.kw.get("pattern")
    low, high = view.kw.get("minLength"), view.kw.get("maxLength")

    def number(entry: Entry | None) -> int | None:
        """Return a count keyword's whole value, if it has one."""
        value = entry.value if entry is not None else None
        return int(value) if isinstance(value, int | float) and not isinstance(value, bool) \
            and float(value).is_integer() else None

    return (pattern.value if pattern is not None and isinstance(pattern.value, str) else None,
            number(low) or 0, number(high))


def shown_bound(entry: Entry | None) -> str:
    """Return how a bound appears in a sentence."""
    if entry is None:
        return "(none)"
    return f"{entry.at[-1]} {entry.value}" if entry.at[-1].startswith("exclusive") else str(
        entry.value)


def item_schemas(view: View, at: Pointer) -> tuple[list[tuple[Any, Pointer]], tuple[Any, Pointer]]:
    """Return the positional item schemas and the schema for the rest, in any draft's spelling."""
    items, prefix = view.kw.get("items"), view.kw.get("prefixItems")
    if items is not None and isinstance(items.value, list):
        extra = view.kw.get("additionalItems")
        rest = (extra.value, extra.at) if extra is not None else (True, at)
        return [(s, (*items.at, str(i))) for i, s in enumerate(items.value)], rest
    positional = ([(s, (*prefix.at, str(i))) for i, s in enumerate(prefix.value)]
                  if prefix is not None and isinstance(prefix.value, list) else [])
    return positional, (items.value, items.at) if items is not None else (True, at)


def listed_properties(view: View) -> dict[str, tuple[Any, Pointer]]:
    """Return the listed fields of an object and their pointers."""
    entry = view.kw.get("properties")
    if entry is None or not isinstance(entry.value, dict):
        return {}
    return {name: (sub, entry.part(name)) for name, sub in entry.value.items()}


def dependencies_of(view: View) -> tuple[dict[str, tuple[list[Any], Pointer]],
                                        dict[str, tuple[Any, Pointer]]]:
    """Return the dependent-required names and dependent schemas of a view, by field."""
    names: dict[str, tuple[list[Any], Pointer]] = {}
    schemas: dict[str, tuple[Any, Pointer]] = {}
    for keyword in ("dependencies", "dependentRequired", "dependentSchemas"):
        entry = view.kw.get(keyword)
        if entry is None or not isinstance(entry.value, dict):
            continue
        for key, value in entry.value.items():
            if isinstance(value, list):
                names[key] = (value, (*entry.at, key))
            else:
                schemas[key] = (value, (*entry.at, key))
    return names, schemas


def members_of(entry: Entry) -> list[tuple[Any, Pointer]]:
    """Return the branches of an `anyOf` or `oneOf` entry with their pointers."""
    value = entry.value
    if isinstance(value, list) and all(isinstance(m, tuple) for m in value):
        return list(value)
    return []


#: Beyond this many unpaired branches a side, they are paired by position, not by trial.
TRIALS = 8


def align(old: list[tuple[Any, Pointer]], new: list[tuple[Any, Pointer]],
           distance: Callable[[tuple[Any, Pointer], tuple[Any, Pointer]], int] | None = None,
           ) -> list[tuple[tuple[Any, Pointer] | None, tuple[Any, Pointer] | None]]:
    """Pair the branches of two lists: identical, by `$ref`, by title, closest, then position."""
    pairs: list[tuple[tuple[Any, Pointer] | None, tuple[Any, Pointer] | None]] = []
    old_left, new_left = list(old), list(new)
    for key in (canonical, ref_of, title_of):
        index: dict[str, tuple[Any, Pointer]] = {}
        for n in new_left:
            name = key(n[0])
            if name is not None:
                index.setdefault(name, n)
        for o in list(old_left):
            wanted = key(o[0])
            match = index.pop(wanted, None) if wanted is not None else None
            if match is not None and match in new_left:
                pairs.append((o, match))
                old_left.remove(o)
                new_left.remove(match)
    if distance is not None and 0 < len(old_left) <= TRIALS and 0 < len(new_left) <= TRIALS:
        scores = sorted((distance(o, n), i, j) for i, o in enumerate(old_left)
                        for j, n in enumerate(new_left))
        used_old: set[int] = set()
        used_new: set[int] = set()
        for _, i, j in scores:
            if i not in used_old and j not in used_new:
                used_old.add(i)
                used_new.add(j)
                pairs.append((old_left[i], new_left[j]))
        old_left = [o for i, o in enumerate(old_left) if i not in used_old]
        new_left = [n for j, n in enumerate(new_left) if j not in used_new]
    for o, n in zip(old_left, new_left, strict=False):
        pairs.append((o, n))
    pairs.extend((o, None) for o in old_left[len(new_left):])
    pairs.extend((None, n) for n in new_left[len(old_left):])
    return pairs


def ref_of(node: Any) -> str | None:
    """Return a branch's `$ref`, the name it is best paired by."""
    return node.get("$ref") if isinstance(node, dict) and isinstance(node.get("$ref"), str) \
        else None


def title_of(node: Any) -> str | None:
    """Return a branch's title."""
    return node.get("title") if isinstance(node, dict) and isinstance(node.get("title"), str) \
        else None


def required_names(entry: Entry | None) -> list[str]:
    """Return the names of a `required` entry."""
    return [str(n) for n in entry.value] if entry is not None and isinstance(
        entry.value, list) else []


class Viewer:
    """Reads the subschemas of two self-contained documents as views."""

    def __init__(self, old: Mapping[str, Any], new: Mapping[str, Any], *,
                 annotations: Iterable[str] = (), labels: tuple[str, str] = ("old", "new")
                 ) -> None:
        """Hold the two documents; `labels` name them in errors."""
        self.old = old
        self.new = new
        self.annotations = ANNOTATIONS | frozenset(annotations)
        self.labels = labels
        # Branches built here (not taken from a document) stay alive for the whole comparison,
        # so that the id() they are remembered by is never reused.
        self._keep: list[Any] = []

    def resolve(self, document: Mapping[str, Any], ref: str, side: str) -> tuple[Any, Pointer]:
        """Return the subschema a local `$ref` names and its pointer, or raise DiffError."""
        label = self.labels[0] if side == "old" else self.labels[1]
        if not ref.startswith("#"):
            raise DiffError(f"{label}: $ref {ref!r} is not local; the schema must be bundled "
                            "(self-contained) before it is compared")
        fragment = unquote(ref[1:])  # A URI fragment: '%3C' is '<'.
        if fragment and not fragment.startswith("/"):
            for parts, found in walk_json(document):
                if isinstance(found, dict) and is_anchor(found, fragment):
                    return found, parts
            raise DiffError(f"{label}: $ref {ref!r} names no $anchor")
        node: Any = document
        parts = tuple(split_pointer(fragment))
        for part in parts:
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                raise DiffError(f"{label}: $ref {ref!r} points to nothing")
        return node, parts

    def view(self, side: str, raw: Any, at: Pointer, chain: frozenset[Pointer] = frozenset()
             ) -> View:
        """Return a subschema with its references, `allOf` and null branch folded in."""
        view = View()
        if raw is False:
            view.never = True
            return view
        if not isinstance(raw, dict):
            if raw is not True:
                view.kw["(not a schema)"] = Entry(raw, at)
            return view
        chain = chain | {at}
        document = self.old if side == "old" else self.new
        merges: list[tuple[Any, Pointer]] = []
        for key, value in raw.items():
            if key == "$ref" and isinstance(value, str):
                target, target_at = self.resolve(document, value, side)
                if target_at not in chain:  # A reference loop adds nothing to fold in.
                    merges.append((target, target_at))
            elif key == "allOf" and isinstance(value, list):
                merges.extend((m, (*at, key, str(i))) for i, m in enumerate(value))
            elif key in ("anyOf", "oneOf") and isinstance(value, list):
                members = [(m, (*at, key, str(i))) for i, m in enumerate(value)]
                rest = [(m, p) for m, p in members if not is_null_branch(m)]
                if len(members) >= 2 and len(rest) == len(members) - 1:
                    # One null branch is how many schemas say "or null": read it as a flag.
                    view.nullable = True
                    members = rest
                    if len(rest) == 1:
                        merges.append(rest[0])
                        continue
                view.kw[key] = Entry(members, (*at, key))
            elif key == "nullable" and value is True:
                view.nullable = True  # OpenAPI 3.0's spelling of "or null".
            elif key != "nullable":
                view.kw[key] = Entry(value, (*at, key))
        for sub_raw, sub_at in merges:
            if sub_at in chain:
                continue
            self._merge(view, self.view(side, sub_raw, sub_at, chain), sub_raw, sub_at)
        return view

    def _merge(self, view: View, sub: View, raw: Any, at: Pointer) -> None:
        """Fold a `$ref` target or `allOf` member into a view, or keep it whole when they clash."""
        combined: dict[str, Entry] = {}
        for key, entry in sub.kw.items():
            mine = view.kw.get(key)
            if (mine is None or key in self.annotations or key.startswith("x-")
                    or canonical(mine.value) == canonical(entry.value)):
                continue
            joined = combine(key, mine, entry)
            if joined is None:
                view.extras.append((raw, at))  # Two different values: compare the part whole.
                return
            combined[key] = joined
        view.kw.update(combined)
        for key, entry in sub.kw.items():
            view.kw.setdefault(key, entry)  # The referring node's own annotations win.
        view.never = view.never or sub.never
        view.nullable = view.nullable or sub.nullable
        view.extras.extend(sub.extras)

    def lift(self, keyword: str, old: View, new: View, old_at: Pointer,
              new_at: Pointer) -> None:
        """When one side has alternatives and the other none, make the other one alternative.

        A field that was one type and becomes `anyOf` two (or the reverse) is then compared
        branch by branch: the old schema against its closest branch, the rest added or removed.
        """
        if (keyword in old.kw) == (keyword in new.kw):
            return
        lacking, having, at = (old, new, old_at) if keyword in new.kw else (new, old, new_at)
        if "anyOf" in lacking.kw or "oneOf" in lacking.kw:
            return
        moved = [k for k in lacking.kw if k not in having.kw and k not in self.annotations
                 and not k.startswith("x-") and k not in ("$defs", "definitions", "$schema")]
        if not moved and not lacking.extras:
            return
        branch: dict[str, Any] = {k: lacking.kw.pop(k).value for k in moved}
        if lacking.extras:
            branch["allOf"] = [raw for raw, _ in lacking.extras]
            lacking.extras = []
        self._keep.append(branch)
        lacking.kw[keyword] = Entry([(branch, at)], (*at, keyword))


def meet(one: frozenset[str] | None, other: frozenset[str] | None) -> frozenset[str] | None:
    """Return the types two constraints on one value both allow (None: any)."""
    if one is None:
        return other
    if other is None:
        return one
    found = set(one & other)
    if ("integer" in one and "number" in other) or ("integer" in other and "number" in one):
        found.add("integer")
    return frozenset(found)
