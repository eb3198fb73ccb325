"""House rules for extensions and profiles: what `lgstandards lint` says about them.

An extension may only add: a field where its base had none (named by its namespace), a code, a
codelist of its own. A profile may only narrow. Both are checked against every version of their
base they claim to fit, by applying them and comparing base and result with the diff engine, so a
patch that loosens or contradicts its base is refused wherever the change hides. The fields and
codes a layer adds also follow the house rules for standards (titles, descriptions, snake_case
keys, safe patterns, documented codes).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from lgstandards.development.extensions import (
    ADDITIONS_PREFIX,
    DECLARATION,
    MANIFEST_NAME,
    EffectiveVersion,
    ExtensionError,
    ExtensionVersion,
    PatchError,
    additions,
    bundled_base,
    compose,
    extensions,
)
from lgstandards.errors import LgstandardsError
from lgstandards.findings import Finding, Severity, SourceLocation, join_pointer, split_pointer
from lgstandards.lint import (
    LintContext,
    check_codes,
    check_enums,
    check_keys,
    check_keywords,
    check_patterns,
    check_required,
    check_titles,
)
from lgstandards.publish import subschemas
from lgstandards.registry import Catalogue, StandardVersion, load_json_file

#: Every code of these rules, with what it stands for (the linter's list includes them).
CODES: Mapping[str, str] = {
    "lint.extension-manifest": (
        "An extension's or profile's extension.json is readable, sits in the folder its id and "
        "kind name, and names a base standard and base version that exist."
    ),
    "lint.extension-patch": (
        "A patch can be merged into its base: it is a JSON object with no null, and merges no "
        "list other than required, enum, examples (united) and allOf (appended)."
    ),
    "lint.extension-namespace": (
        "Every field, definition and codelist an extension adds is named by its namespace, and "
        "no two extensions' namespaces overlap."
    ),
    "lint.extension-beside-ref": (
        "An extension adds fields to the definition a $ref names, not beside the $ref, where the "
        "referenced object would still refuse them."
    ),
    "lint.extension-contradicts-base": (
        "An extension refuses nothing its base accepts, rewrites none of its base's words, and "
        "lists no code its base has."
    ),
    "lint.extension-loosens-base": (
        "An extension loosens none of its base's constraints: it only adds fields where the "
        "base had none, and codes."
    ),
    "lint.profile-loosens-base": (
        "A profile only narrows its base: it accepts nothing the base refuses and adds no field, "
        "code or codelist."
    ),
}

#: What a group of each code's findings is called in reports: what is wrong.
TITLES: Mapping[str, str] = {
    "lint.extension-manifest": "Extension manifest unusable",
    "lint.extension-patch": "Patch that cannot be merged",
    "lint.extension-namespace": "Addition outside the extension's namespace",
    "lint.extension-beside-ref": "Field added beside a $ref",
    "lint.extension-contradicts-base": "Extension contradicts its base",
    "lint.extension-loosens-base": "Extension loosens its base",
    "lint.profile-loosens-base": "Profile widens its base",
}

#: The house rules for standards that also apply to what a layer adds.
_HOUSE_RULES = (check_titles, check_keys, check_required, check_keywords, check_patterns,
                check_codes, check_enums)


@dataclass(frozen=True)
class _Layer:
    """One layer being linted, with how its findings are placed."""

    layer: ExtensionVersion
    display_root: Path | None

    def finding(self, code: str, message: str, pointer: str = "",
                path: Path | None = None) -> Finding:
        """Return a finding about the layer's patch (or another of its files) at a pointer."""
        return Finding(code, Severity.ERROR, message, pointer=pointer, schema_path=pointer,
                       location=_where(path or self.layer.patch_path, self.display_root))


def _where(path: Path, display_root: Path | None) -> SourceLocation:
    """Return the location of a file, relative to the display root when it is inside it."""
    shown = path
    if display_root is not None:
        try:
            shown = path.resolve().relative_to(display_root.resolve())
        except ValueError:
            shown = path
    return SourceLocation(path=shown.as_posix())


def _in_patch(patch: Any, pointer: str) -> bool:
    """Return whether a schema pointer names a place the patch itself writes."""
    node = patch
    for part in split_pointer(pointer):
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return False
    return True


def _under(pointer: str, places: Iterable[str]) -> bool:
    """Return whether a pointer is one of the places or inside one."""
    return any(pointer == place or pointer.startswith(place + "/") for place in places)


def _fitting_bases(layer: ExtensionVersion, cat: Catalogue) -> list[StandardVersion]:
    """Return every version of the base standard the layer says it fits, oldest first."""
    found = [v for v in cat.versions()
             if v.id == layer.manifest.base and layer.entry.fits(v.version)
             and v.schema_path.is_file()]
    return sorted(found, key=lambda v: v.entry.key)


def _comparable(effective: EffectiveVersion, base_schema: Mapping[str, Any]) -> dict[str, Any]:
    """Return the effective schema as the diff should see it: only the patch's changes."""
    schema = dict(effective.schema)
    # The name and the note of a generated schema are not changes a patch made.
    for key in ("$id", "$comment"):
        if key in base_schema:
            schema[key] = base_schema[key]
        else:
            schema.pop(key, None)
    properties = schema.get("properties")
    base_properties = base_schema.get("properties")
    if (isinstance(properties, dict) and isinstance(base_properties, dict)
            and DECLARATION not in base_properties):
        # The declaration every effective schema accepts is the tool's, not the patch's.
        schema["properties"] = {k: v for k, v in properties.items() if k != DECLARATION}
    return schema


def _enum_places(base: Any, patch: Any, pointer: tuple[str, ...] = ()) -> Iterator[str]:
    """Yield the places where a patch adds values to an enum its base already has."""
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return
    for key, value in patch.items():
        here = (*pointer, key)
        if key == "enum" and isinstance(base.get("enum"), list) and isinstance(value, list):
            if any(v not in base["enum"] for v in value):
                yield join_pointer(pointer)
        elif isinstance(value, dict) and isinstance(base.get(key), dict):
            yield from _enum_places(base[key], value, here)


def _judge_diff(state: _Layer, base: StandardVersion, effective: EffectiveVersion,
                cat: Catalogue, own: list[str]) -> Iterator[Finding]:
    """Compare base and effective schema and refuse the changes this kind may not make."""
    from lgstandards.development.diff import diff_schemas

    layer = state.layer
    base_schema = bundled_base(base, cat)
    diff = diff_schemas(base_schema, _comparable(effective, base_schema),
                        old_label=base.ref, new_label=layer.ref)
    enum_places = list(_enum_places(base.schema, layer.patch))
    on = f" (applied to {base.ref})"
    for change in diff.changes:
        pointer = str(change.pointer)
        if layer.kind == "profile":
            if change.breaks == "consumers":
                yield state.finding(
                    "lint.profile-loosens-base",
                    f"A profile may only narrow its base, but here it accepts what the base "
                    f"refuses: {change.description}{on}",
                    pointer,
                )
            continue
        if _under(pointer, own):
            continue  # The extension's own fields: whatever they say is theirs to say.
        if change.breaks == "producers":
            yield state.finding(
                "lint.extension-contradicts-base",
                f"An extension may not refuse data its base accepts: {change.description}{on}",
                pointer,
            )
        elif change.breaks == "consumers":
            if _under(pointer, enum_places) or _additive(change):
                continue
            yield state.finding(
                "lint.extension-loosens-base",
                f"An extension may only add fields and codes, not loosen what its base "
                f"requires: {change.description}{on}",
                pointer,
            )
        elif change.code not in _HARMLESS_ADDITIONS:
            yield state.finding(
                "lint.extension-contradicts-base",
                f"An extension may not rewrite what its base says: {change.description}{on}",
                pointer,
            )


#: The diff's codes for the additive kinds of consumer-side change an extension may make: a field
#: where the base had none (the namespace rule judges its name) and a code.
_ADDITIVE = frozenset({"property-added", "enum-value-added"})

#: Changes that break nobody and add rather than rewrite: the namespace rule judges their names.
_HARMLESS_ADDITIONS = frozenset({"definition-added", "property-added"})


def _additive(change: Any) -> bool:
    """Return whether a consumer-side change is one of the additive kinds: a field or a code."""
    return str(change.code) in _ADDITIVE


def _house_rules(state: _Layer, effective: EffectiveVersion, cat: Catalogue
                 ) -> Iterator[Finding]:
    """Apply the house rules for standards to what the layer writes."""
    layer = state.layer
    context = LintContext(effective, cat, {}, state.display_root)
    codelist_paths = {str(p) for p in layer.codelist_files.values()}
    for rule in _HOUSE_RULES:
        for finding in rule(context):
            mine = (finding.location.path is not None
                    and any(finding.location.path in (str(p), context.where(Path(p)).path)
                            for p in codelist_paths))
            if mine or _in_patch(layer.patch, finding.pointer):
                yield finding


def _closed_codes(state: _Layer, effective: EffectiveVersion) -> Iterator[Finding]:
    """Refuse codes added to a closed codelist that the schema's enum does not allow too."""
    layer = state.layer
    for name, path in layer.codelist_files.items():
        if not name.startswith(ADDITIONS_PREFIX):
            continue
        key = f"codelists/{name[len(ADDITIONS_PREFIX):]}"
        codelist = effective.codelists.get(key)
        if codelist is None or codelist.open:
            continue
        added = [str(c.get("code")) for c in load_json_file(path, ExtensionError).get("codes", [])
                 if isinstance(c, dict)]
        for parts, node in subschemas(effective.schema):
            if not (isinstance(node, dict) and node.get("x-codelist") == key
                    and isinstance(node.get("enum"), list)):
                continue
            missing = [code for code in added if code not in node["enum"]]
            if missing:
                yield state.finding(
                    "lint.undefined-code",
                    f"{key} is closed, so the codes {', '.join(map(repr, missing))} that {name} "
                    "adds must be added to this enum too (write them in the patch's enum here).",
                    join_pointer(parts),
                )


def _codelists(state: _Layer, base: StandardVersion) -> Iterator[Finding]:
    """Check the layer's codelist files: named for the namespace, adding only new codes."""
    layer = state.layer
    for name, path in layer.codelist_files.items():
        if layer.kind == "profile":
            yield state.finding("lint.profile-loosens-base",
                                "A profile adds no codes or codelists; remove this file.",
                                path=path)
            continue
        if name.startswith(ADDITIONS_PREFIX):
            key = f"codelists/{name[len(ADDITIONS_PREFIX):]}"
            target = base.codelists.get(key)
            if target is None:
                continue  # compose reports it.
            try:
                codes = load_json_file(path, ExtensionError).get("codes", [])
            except ExtensionError as exc:
                yield state.finding("lint.extension-patch", str(exc), path=path)
                continue
            for index, code in enumerate(codes if isinstance(codes, list) else []):
                value = code.get("code") if isinstance(code, dict) else None
                if value in target.values:
                    yield state.finding(
                        "lint.extension-contradicts-base",
                        f"{value!r} is already in {base.ref}'s {key}; an extension adds new "
                        "codes only.",
                        f"/codes/{index}", path,
                    )
        elif not name.startswith(layer.manifest.codelist_prefix):
            yield state.finding(
                "lint.extension-namespace",
                f"The codelist {name} is the extension's own, so its name starts with "
                f"{layer.manifest.codelist_prefix!r}; a codelist that adds codes to the base's "
                f"is named {ADDITIONS_PREFIX}<name>.json.",
                path=path,
            )


def _namespace(state: _Layer, base: StandardVersion) -> tuple[list[Finding], list[str]]:
    """Return findings about what an extension adds, and the places it owns."""
    layer = state.layer
    space = layer.manifest.namespace or ""
    found: list[Finding] = []
    own: list[str] = []
    for addition in additions(base.schema, layer.patch):
        if addition.kind == "beside-ref":
            found.append(state.finding(
                "lint.extension-beside-ref",
                f"'{addition.name}' is added beside a $ref, where the object the $ref names "
                "still refuses it: add it to that definition's properties instead.",
                addition.pointer,
            ))
            continue
        if addition.name != space and not addition.name.startswith(space + "_"):
            what = "definition" if addition.kind == "definition" else "field"
            found.append(state.finding(
                "lint.extension-namespace",
                f"The {what} '{addition.name}' is not named by the extension's namespace "
                f"{space!r}: call it {space!r} or start it with '{space}_', so that no two "
                "extensions can clash.",
                addition.pointer,
            ))
            continue
        own.append(addition.pointer)
    return found, own


def lint_layer(layer: ExtensionVersion, cat: Catalogue, *,
               display_root: Path | None = None) -> tuple[Finding, ...]:
    """Return every finding for one extension or profile version, in a stable order."""
    state = _Layer(layer, display_root)
    manifest_path = layer.folder.parent / MANIFEST_NAME
    try:
        declared = cat.select(layer.base_ref, allow_draft=True)
    except LgstandardsError as exc:
        return (state.finding("lint.extension-manifest",
                              f"The base it was written against cannot be found: {exc}",
                              path=manifest_path),)
    if declared.version != layer.entry.base_version:
        return (state.finding("lint.extension-manifest",
                              f"{layer.base_ref} does not exist; base_version names an exact "
                              "version of the base.", path=manifest_path),)
    try:
        layer.patch  # noqa: B018 -- read now, so an unreadable patch is one finding.
    except ExtensionError as exc:
        return (state.finding("lint.extension-patch", str(exc)),)
    if layer.patch_path.exists() and not isinstance(layer.patch, dict):
        return (state.finding("lint.extension-patch", "The patch must be a JSON object."),)
    findings: list[Finding] = []
    findings.extend(_overlapping(state, cat))
    findings.extend(_codelists(state, declared))
    for base in _fitting_bases(layer, cat) or [declared]:
        try:
            effective = compose(base, [layer], cat)
        except PatchError as exc:
            findings.append(state.finding("lint.extension-patch", exc.problem, exc.pointer))
            continue
        except ExtensionError as exc:
            findings.append(state.finding("lint.extension-patch", str(exc)))
            continue
        own: list[str] = []
        placed: list[Finding] = []
        if layer.kind == "extension":
            placed, own = _namespace(state, base)
            findings.extend(placed)
            findings.extend(_closed_codes(state, effective))
        findings.extend(_house_rules(state, effective, cat))
        if not any(f.code == "lint.extension-beside-ref" for f in placed):
            # A field beside a $ref makes the diff see the whole referenced object change:
            # the one finding that says where the field belongs is the useful one.
            findings.extend(_judge_diff(state, base, effective, cat, own))
    unique = {(f.code, f.location.path, f.pointer, f.message): f for f in findings}
    return tuple(unique.values())


def _overlapping(state: _Layer, cat: Catalogue) -> Iterator[Finding]:
    """Report a namespace that overlaps another extension's in the registry."""
    layer = state.layer
    space = layer.manifest.namespace
    if space is None:
        return
    for other in extensions(cat).manifests:
        theirs = other.namespace
        if other.id == layer.id or theirs is None:
            continue
        if space == theirs or space.startswith(theirs + "_") or theirs.startswith(space + "_"):
            yield state.finding(
                "lint.extension-namespace",
                f"The namespace {space!r} overlaps {other.id}'s {theirs!r}, so their fields "
                "could clash: choose another.",
                path=layer.folder.parent / MANIFEST_NAME,
            )


def manifest_problems(cat: Catalogue, *, display_root: Path | None = None
                      ) -> dict[str, tuple[Finding, ...]]:
    """Return a finding for each manifest in the registry that cannot be read, by its path."""
    out: dict[str, tuple[Finding, ...]] = {}
    for path, problem in extensions(cat).problems.items():
        out[path] = (Finding("lint.extension-manifest", Severity.ERROR, problem,
                             location=_where(Path(path), display_root)),)
    return out


def lint_layers(cat: Catalogue, layers: Iterable[ExtensionVersion] | None = None, *,
                display_root: Path | None = None) -> dict[str, tuple[Finding, ...]]:
    """Return the findings of each layer (every one in the registry unless given), by ref."""
    chosen = list(layers) if layers is not None else list(extensions(cat).versions())
    out: dict[str, tuple[Finding, ...]] = {}
    if layers is None:
        out.update(manifest_problems(cat, display_root=display_root))
    for layer in chosen:
        out[layer.ref] = lint_layer(layer, cat, display_root=display_root)
    return out
