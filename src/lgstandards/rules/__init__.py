"""Rules beyond the schema, registered per standard in one place."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from lgstandards.registry import StandardVersion
from lgstandards.findings import Severity
from lgstandards.rules.base import MISSING, Hit, RecordContext, Rule, RuleOptions

__all__ = ["MISSING", "RULESETS", "Hit", "RecordContext", "Rule", "RuleOptions", "rules_for"]

#: Rules for each standard, keyed by `<id>@<major>`: a major version is a stable contract.
RULESETS: Mapping[str, tuple[Rule, ...]] = {}


def rules_for(version: StandardVersion) -> tuple[Rule, ...]:
    """Return the rules that apply to a standard version: its own plus the open-codelist check."""
    major = version.version.split(".")[0]
    own = RULESETS.get(f"{version.id}@{major}", ())
    codelist = open_codelist_rule(version)
    return own + ((codelist,) if codelist else ())


def open_codelist_rule(version: StandardVersion) -> Rule | None:
    """Build the rule that warns about values outside an open codelist, if the schema uses one."""
    places = list(_codelist_places(version.schema, version, "", set()))
    open_places = [
        (template, version.codelists[name])
        for template, name in places
        if name in version.codelists and version.codelists[name].open
    ]
    if not open_places:
        return None

    def check(ctx: RecordContext) -> Iterator[Hit]:
        for template, codelist in open_places:
            values = codelist.values
            for pointer, value in _expand(ctx, template):
                if isinstance(value, str) and value not in values:
                    yield Hit(
                        pointer,
                        f"{value!r} is not in the open codelist {codelist.title!r}; it is allowed, "
                        "but check whether one of the listed codes fits before using a local one.",
                        value,
                    )

    return Rule(
        "codelist.unknown-code",
        Severity.WARNING,
        "A value is not in an open codelist",
        "Use a code from the codelist where one fits; propose a new code to the standard otherwise.",
        check=check,
    )


def _codelist_places(
    schema: Any, version: StandardVersion, pointer: str, seen: set[int]
) -> Iterator[tuple[str, str]]:
    """Yield (pointer template, codelist path) for every `x-codelist` reachable in this schema file."""
    if not isinstance(schema, dict) or id(schema) in seen:
        return
    seen = seen | {id(schema)}
    if isinstance(schema.get("x-codelist"), str):
        yield pointer, schema["x-codelist"]
    ref = schema.get("$ref")
    if isinstance(ref, str) and ref.startswith("#/"):
        target: Any = version.schema
        for part in ref[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        yield from _codelist_places(target, version, pointer, seen)
    for name, sub in (schema.get("properties") or {}).items():
        yield from _codelist_places(sub, version, f"{pointer}/{name}", seen)
    if isinstance(schema.get("items"), dict):
        yield from _codelist_places(schema["items"], version, f"{pointer}/*", seen)
    for key in ("allOf", "anyOf", "oneOf"):
        for sub in schema.get(key) or []:
            yield from _codelist_places(sub, version, pointer, seen)
    for key in ("then", "else"):
        if isinstance(schema.get(key), dict):
            yield from _codelist_places(schema[key], version, pointer, seen)


def _expand(ctx: RecordContext, template: str) -> Iterator[tuple[str, Any]]:
    """Yield (pointer, value) for each place in the record that a '*' template names."""
    head, star, tail = template.partition("/*")
    if not star:
        value = ctx.get(template)
        if value is not MISSING:
            yield template, value
        return
    items = ctx.get(head)
    if isinstance(items, list):
        for index in range(len(items)):
            yield from _expand(ctx, f"{head}/{index}{tail}")
