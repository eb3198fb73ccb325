"""Rules beyond the schema, registered per standard in one place."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from typing import Any

from lgstandards.advice import ADVICE_KEY, Advisor
from lgstandards.findings import Severity
from lgstandards.registry import Catalogue, Codelist, SchemaVersion
from lgstandards.rules.base import MISSING, Hit, RecordContext, Rule, RuleOptions

__all__ = ["MISSING", "RULESETS", "Hit", "RecordContext", "Rule", "RuleOptions", "rules_for"]

#: Where the rules of each standard are, keyed by `<id>@<major>`: a major version is a stable
#: contract. Each value names a module of this package and the tuple of rules in it.
_PLACES: Mapping[str, tuple[str, str]] = {
    "planning-application-register@1": ("planning", "RULES"),
    "planning-application-register@2": ("planning_v2", "RULES"),
    "waste-property-schedule@1": ("waste.property_schedule_v1", "PROPERTY_SCHEDULE_RULES"),
    "waste-property-schedule@2": ("waste.property_schedule_v2", "PROPERTY_SCHEDULE_RULES"),
    "waste-missed-collection-report@1": ("waste.bookings", "MISSED_COLLECTION_REPORT_RULES"),
    "waste-bulky-booking@1": ("waste.bookings", "BULKY_BOOKING_RULES"),
    "waste-garden-subscription@1": ("waste.garden_subscription", "GARDEN_SUBSCRIPTION_RULES"),
    "waste-container-request@1": ("waste.container_request", "CONTAINER_REQUEST_RULES"),
    "waste-disruption-notice@1": ("waste.disruption_notice", "DISRUPTION_NOTICE_RULES"),
    "waste-service-catalogue@1": ("waste.service_catalogue", "SERVICE_CATALOGUE_RULES"),
    # 2.x changed the shape of streams, not what the rules read: the same rules judge it.
    "waste-service-catalogue@2": ("waste.service_catalogue", "SERVICE_CATALOGUE_RULES"),
}


class _Rulesets(Mapping[str, tuple[Rule, ...]]):
    """The rules of each standard, each module imported when its rules are first asked for."""

    # Start-up time: checking one standard need not import the rules of every other.

    def __getitem__(self, key: str) -> tuple[Rule, ...]:
        module, name = _PLACES[key]
        rules: tuple[Rule, ...] = getattr(importlib.import_module(f"{__name__}.{module}"), name)
        return rules

    def __iter__(self) -> Iterator[str]:
        return iter(_PLACES)

    def __len__(self) -> int:
        return len(_PLACES)


#: Rules for each standard, keyed by `<id>@<major>`.
RULESETS: Mapping[str, tuple[Rule, ...]] = _Rulesets()


def rules_for(version: SchemaVersion, cat: Catalogue | None = None) -> tuple[Rule, ...]:
    """Return the rules that apply to a standard version: its own, open codelists and advice."""
    major = version.version.split(".")[0]
    own = RULESETS.get(f"{version.id}@{major}", ())
    codelist = open_codelist_rule(version)
    advice = advice_rule(version, cat)
    return own + tuple(rule for rule in (codelist, advice) if rule is not None)


def advice_rule(version: SchemaVersion, cat: Catalogue | None = None) -> Rule | None:
    """Build the rule that warns where a record breaks its standard's advice, if it has one."""
    named = version.schema.get(ADVICE_KEY) if isinstance(version.schema, dict) else None
    ref = named.get("$ref") if isinstance(named, dict) else None
    if not isinstance(ref, str) or not ref.startswith("#"):
        return None
    uri = version.schema_uri + ref
    advisors: list[Advisor] = []

    def check(ctx: RecordContext) -> list[Hit]:
        if not advisors:
            # Compiled on first use: most runs check standards without advice, or none at all.
            from lgstandards.registry import catalogue

            # An effective schema (with extensions) is in no catalogue, so it is added.
            schemas = {**dict((cat or catalogue()).schemas()), version.schema_uri: version.schema}
            advisors.append(Advisor(uri, schemas.items()))
        return [Hit(f.pointer, f.message, f.value, f.advice)
                for f in advisors[0].findings(ctx.record)]

    return Rule(
        "advice.not-followed",
        Severity.WARNING,
        "Accepted, but not as the standard advises",
        "Change the value as the message and the standard's advice say; it conforms already.",
        check=check,
    )


def open_codelist_rule(version: SchemaVersion) -> Rule | None:
    """Build the rule that warns about values outside an open codelist, if the schema uses one."""
    open_places: list[tuple[str, Codelist]] = []
    for template, doc_uri, name in _codelist_places(
        version.schema, version, version.schema_uri, "", frozenset()
    ):
        # A codelist is named relative to the file that names it: a shared definition of
        # another standard (waste-common) names its own folder's codelists.
        codelist = version.codelist_for(doc_uri, name)[1]
        if codelist is not None and codelist.open:
            open_places.append((template, codelist))
    if not open_places:
        return None

    compiled = [
        (tuple(template.split("/")[1:]), codelist) for template, codelist in open_places
    ]
    # Every place at once, as a schema that jsonschema-rs checks natively: paths are only worked
    # out for the rare record with a value that is not listed.
    schema = _listed_schema(compiled)
    listed = _listed_validator(schema)

    def check(ctx: RecordContext) -> list[Hit]:
        record = ctx.record
        try:
            if listed.is_valid(record):
                return []
        except Exception:  # A value jsonschema-rs cannot take: the tests below still can.
            pass
        hits: list[Hit] = []
        for parts, codelist in compiled:
            values = codelist.values
            for path, value in _values(record, parts, ()):
                if isinstance(value, str) and value not in values:
                    hits.append(
                        Hit(
                            "".join(f"/{p}" for p in path),
                            f"{value!r} is not in the open codelist {codelist.title!r}; it is "
                            "allowed, but check whether a listed code fits before using a local "
                            "one.",
                            value,
                        )
                    )
        return hits

    return Rule(
        "codelist.unknown-code",
        Severity.WARNING,
        "A value is not in an open codelist",
        "Use a code from the codelist where one fits; otherwise propose one to the standard.",
        check=check,
        # The same test as the rule's own first step, judged with the schema in one call.
        quiet=lambda: schema,
    )


def _codelist_places(
    schema: Any, version: SchemaVersion, doc_uri: str, pointer: str,
    seen: frozenset[tuple[str, int]],
) -> Iterator[tuple[str, str, str]]:
    """Yield (pointer template, document URI, x-codelist) for each codelist a record can meet.

    `$ref`s are followed into other files of the catalogue (shared definitions such as those
    of `common` and `waste-common`), so the document URI says where each name was written.
    """
    if not isinstance(schema, dict) or (doc_uri, id(schema)) in seen:
        return
    seen = seen | {(doc_uri, id(schema))}
    if isinstance(schema.get("x-codelist"), str):
        yield pointer, doc_uri, schema["x-codelist"]
    ref = schema.get("$ref")
    if isinstance(ref, str):
        target = version.resolve_ref(doc_uri, ref)
        if target is not None:
            yield from _codelist_places(target[1], version, target[0], pointer, seen)
    for name, sub in (schema.get("properties") or {}).items():
        yield from _codelist_places(sub, version, doc_uri, f"{pointer}/{name}", seen)
    if isinstance(schema.get("items"), dict):
        yield from _codelist_places(schema["items"], version, doc_uri, f"{pointer}/*", seen)
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key) or []:
            yield from _codelist_places(sub, version, doc_uri, pointer, seen)
    for key in ("then", "else"):
        if isinstance(schema.get(key), dict):
            yield from _codelist_places(schema[key], version, doc_uri, pointer, seen)


def _listed_validator(schema: Mapping[str, Any]) -> Any:
    """Compile the schema of `_listed_schema`."""
    import jsonschema_rs

    return jsonschema_rs.validator_for(dict(schema))


def _listed_schema(compiled: list[tuple[tuple[str, ...], Codelist]]) -> Mapping[str, Any]:
    """Return a schema that accepts a record whose texts at the places are all listed."""

    def at(parts: tuple[str, ...], codelist: Codelist) -> dict[str, Any]:
        if not parts:
            # Only text is judged: another type is the schema's business, not a codelist's.
            return {"if": {"type": "string"}, "then": {"enum": sorted(codelist.values)}}
        inner = at(parts[1:], codelist)
        return {"items": inner} if parts[0] == "*" else {"properties": {parts[0]: inner}}

    return {"allOf": [at(parts, codelist) for parts, codelist in compiled]}


def _values(node: Any, parts: tuple[str, ...], path: tuple[Any, ...]) -> Iterator[tuple[Any, Any]]:
    """Yield (path, value) for each place in the data that a '*' template names."""
    # Walks the data directly: this runs on every record, so no pointer strings are parsed.
    if not parts:
        yield path, node
        return
    head, rest = parts[0], parts[1:]
    if head == "*":
        if isinstance(node, list):
            for index, item in enumerate(node):
                yield from _values(item, rest, (*path, index))
    elif isinstance(node, dict) and head in node:
        yield from _values(node[head], rest, (*path, head))
