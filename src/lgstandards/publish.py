"""Publishing: the static registry tree that other languages, editors and people consume.

`build_tree` turns a catalogue into a mapping of relative paths to bytes, with no I/O beyond
reading the standards; `publish` writes that mapping to a folder. The same standards and base URL
always give byte-identical files: keys are sorted wherever order carries no meaning, and the only
dates are the release dates in the manifests.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from types import MappingProxyType
from typing import Any
from urllib.parse import urldefrag, urljoin, urlsplit

from lgstandards import site
from lgstandards.development.lifecycle import is_bootstrap
from lgstandards.development.typescript import TYPES_NAME
from lgstandards.errors import LgstandardsError, SchemaError, StandardNotFoundError
from lgstandards.files import process_umask, write_bytes
from lgstandards.findings import escape_pointer_part
from lgstandards.lock import version_files
from lgstandards.registry import Catalogue, Manifest, StandardVersion, Status, VersionEntry

#: The version of the shape of `index.json`, described by `index.schema.json` beside it.
INDEX_FORMAT = "1.2"

#: The SchemaStore catalog format `catalog.json` follows.
CATALOG_SCHEMA = "https://json.schemastore.org/schema-catalog.json"

#: File names inside a published version folder.
SCHEMA_NAME = "schema.json"
BUNDLED_NAME = "schema.bundled.json"
OPENAPI_NAME = "openapi.json"
PAGE_NAME = "index.html"

#: Alias folder for the newest published version of a standard.
LATEST = "latest"

# Keywords whose value is one subschema, a map of names to subschemas, or a list of subschemas.
_ONE = frozenset({
    "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else",
    "unevaluatedItems", "unevaluatedProperties", "contentSchema", "additionalItems",
})
_MAP = frozenset({"properties", "patternProperties", "$defs", "definitions", "dependentSchemas"})
_LIST = frozenset({"allOf", "anyOf", "oneOf", "prefixItems"})


class PublishError(LgstandardsError):
    """The registry tree cannot be built or written."""


@dataclass(frozen=True, slots=True)
class PublishedFile:
    """One file of the published tree: its path from the root, sha256 and size in bytes."""

    path: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Tree:
    """The whole published tree in memory: relative POSIX path -> file bytes, sorted by path."""

    base_url: str
    files: Mapping[str, bytes]
    #: The schemas (such as 'common@1.0.0') whose TypeScript types were left out, because the
    #: committed types are missing or were generated from an earlier state of the schema.
    types_left_out: tuple[str, ...] = ()

    def listing(self) -> tuple[PublishedFile, ...]:
        """Return every file with its hash and size, in path order."""
        return tuple(
            PublishedFile(path, hashlib.sha256(data).hexdigest(), len(data))
            for path, data in self.files.items()
        )


@dataclass(frozen=True)
class PublishResult:
    """What `publish` wrote: the folder, every file, and the files removed from a previous run."""

    out_dir: Path
    files: tuple[PublishedFile, ...]
    written: int
    removed: tuple[str, ...]
    #: Where the tree is to be hosted, normalised to end in '/'.
    base_url: str = ""
    #: The schemas whose TypeScript types were left out (see `Tree.types_left_out`).
    types_left_out: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """Return the total size of the tree in bytes."""
        return sum(f.size for f in self.files)


# -- schema walking ------------------------------------------------------------------------------


def subschemas(node: Any, pointer: tuple[str, ...] = ()) -> Iterator[tuple[tuple[str, ...], Any]]:
    """Yield (pointer parts, subschema) for a schema and every schema inside it, depth first."""
    yield pointer, node
    if not isinstance(node, dict):
        return
    for key, value in node.items():
        if key in _ONE or (key == "items" and isinstance(value, dict | bool)):
            yield from subschemas(value, (*pointer, key))
        elif key in _MAP and isinstance(value, dict):
            for name, sub in value.items():
                yield from subschemas(sub, (*pointer, key, name))
        elif (key in _LIST or key == "items") and isinstance(value, list):
            for index, sub in enumerate(value):
                yield from subschemas(sub, (*pointer, key, str(index)))


def _map_schema(node: Any, change: Callable[[dict[str, Any], tuple[str, ...]], dict[str, Any]],
                pointer: tuple[str, ...] = ()) -> Any:
    """Return a copy of a schema with `change` applied to every subschema object, innermost last."""
    if not isinstance(node, dict):
        return node
    out: dict[str, Any] = {}
    for key, value in node.items():
        if key in _ONE or (key == "items" and isinstance(value, dict | bool)):
            out[key] = _map_schema(value, change, (*pointer, key))
        elif key in _MAP and isinstance(value, dict):
            out[key] = {n: _map_schema(s, change, (*pointer, key, n)) for n, s in value.items()}
        elif (key in _LIST or key == "items") and isinstance(value, list):
            out[key] = [_map_schema(s, change, (*pointer, key, str(i)))
                        for i, s in enumerate(value)]
        else:
            out[key] = value
    return change(out, pointer)


# -- rebasing ------------------------------------------------------------------------------------


# Characters a URL never holds unescaped (RFC 3986); a base URL is written into JSON and
# Markdown as it is, so one of these would break a published file.
_NOT_IN_URLS = re.compile(r'[\s"<>\\^`{|}]')


def normalise_base_url(url: str) -> str:
    """Return a base URL ending in '/', or raise PublishError when it is not absolute http(s)."""
    text = url.strip()
    parts = urlsplit(text)
    if (parts.scheme not in ("http", "https") or not parts.netloc or parts.query
            or parts.fragment or _NOT_IN_URLS.search(text)):
        raise PublishError(
            f"--base-url {url!r} must be an absolute http or https URL without a query, "
            "fragment, spaces or quotes, such as 'https://standards.example.gov.uk/'"
        )
    return text if text.endswith("/") else text + "/"


def rebase(document: Any, old_base: str, new_base: str) -> Any:
    """Return a copy with every absolute URL under `old_base` moved to `new_base`.

    That is every `$id` and `$ref`, and the registry's own URLs anywhere else, such as an
    OpenAPI document's `info.contact.url` or a link in a description. Relative references are
    left alone: they keep working wherever the tree is hosted. Keys never change.
    """
    if isinstance(document, str):
        return document.replace(old_base, new_base) if old_base in document else document
    if isinstance(document, dict):
        return {key: rebase(value, old_base, new_base) for key, value in document.items()}
    if isinstance(document, list):
        return [rebase(item, old_base, new_base) for item in document]
    return document


def rebase_text(data: bytes, old_base: str, new_base: str) -> bytes:
    """Return a text file (Markdown, an example, a codelist) with the registry's URLs moved.

    The bytes are unchanged when nothing moves, so a tree at the registry's own base is a copy.
    """
    old, new = old_base.encode("utf-8"), new_base.encode("utf-8")
    return data.replace(old, new) if old != new and old in data else data


# -- bundling ------------------------------------------------------------------------------------


def _anchor_pointer(document: Any, anchor: str) -> str | None:
    """Return the JSON Pointer of the subschema with a given `$anchor`, if any."""
    for parts, node in subschemas(document):
        if isinstance(node, dict) and node.get("$anchor") == anchor:
            return "".join("/" + escape_pointer_part(p) for p in parts)
    return None


def _bundle_key(uri: str, base: str) -> str:
    """Return the `$defs` name a bundled schema is kept under, such as 'common@1.0.0'."""
    if uri.startswith(base) and uri.endswith("/" + SCHEMA_NAME):
        standard, _, version = uri[len(base): -len(SCHEMA_NAME) - 1].rpartition("/")
        if standard and "/" not in standard:
            return f"{standard}@{version}"
    return re.sub(r"[^A-Za-z0-9._@-]+", "_", uri).strip("_")


def bundle(
    schema: Mapping[str, Any],
    resources: Mapping[str, Any],
    *,
    bundle_id: str,
    base: str = "",
) -> dict[str, Any]:
    """Return one self-contained schema: every referenced schema copied under `$defs`.

    Every `$ref` becomes a local `#/...` pointer, so tools that cannot follow references to other
    files (or that mishandle embedded `$id`s) can still use it. `resources` maps absolute schema
    URIs (no fragment) to documents; nothing is ever fetched.
    """
    root_uri = str(schema.get("$id", ""))
    if not root_uri:
        raise SchemaError("cannot bundle a schema without an absolute $id")
    keys: dict[str, str] = {root_uri: ""}
    queue: list[str] = []
    taken = set((schema.get("$defs") or {}).keys())

    def target(ref: str, doc_base: str) -> str:
        """Return the local pointer a `$ref` becomes, queueing its file for embedding."""
        uri, fragment = urldefrag(urljoin(doc_base, ref))
        document = schema if uri == root_uri else resources.get(uri)
        if document is None:
            raise SchemaError(
                f"cannot bundle {root_uri}: its $ref {ref!r} names {uri}, which is not among the "
                "published schemas"
            )
        if fragment and not fragment.startswith("/"):
            found = _anchor_pointer(document, fragment)
            if found is None:
                raise SchemaError(f"cannot bundle {root_uri}: {uri} has no $anchor {fragment!r}")
            fragment = found
        if uri not in keys:
            key = _bundle_key(uri, base)
            while key in taken:
                key += "_"
            taken.add(key)
            keys[uri] = key
            queue.append(uri)
        prefix = "" if keys[uri] == "" else "/$defs/" + escape_pointer_part(keys[uri])
        return "#" + prefix + fragment

    def rewriter(doc_uri: str, embedded: bool) -> Callable[[dict[str, Any], tuple[str, ...]],
                                                           dict[str, Any]]:
        """Return the function that rewrites each subschema of one bundled file."""

        def change(node: dict[str, Any], pointer: tuple[str, ...]) -> dict[str, Any]:
            """Return a subschema with its `$ref` made local (and embedded-only keys dropped)."""
            for keyword in ("$dynamicRef", "$dynamicAnchor", "$recursiveRef"):
                if keyword in node:
                    raise SchemaError(f"cannot bundle {doc_uri}: it uses {keyword}")
            if pointer and "$id" in node:
                raise SchemaError(
                    f"cannot bundle {doc_uri}: an embedded $id at "
                    f"{'/'.join(('', *pointer))} is not supported"
                )
            out = dict(node)
            if "$ref" in out and isinstance(out["$ref"], str):
                out["$ref"] = target(out["$ref"], doc_uri)
            if embedded:
                # Embedded copies stop being resources of their own: their references are now
                # pointers into the bundle, and their codelists are named by absolute URL.
                for keyword in ("$id", "$schema", "$anchor"):
                    out.pop(keyword, None)
                if isinstance(out.get("x-codelist"), str):
                    out["x-codelist"] = urljoin(doc_uri, out["x-codelist"])
            return out

        return change

    root = _map_schema(dict(schema), rewriter(root_uri, embedded=False))
    embedded: dict[str, Any] = {}
    while queue:
        uri = queue.pop(0)
        embedded[keys[uri]] = _map_schema(resources[uri], rewriter(uri, embedded=True))
    out: dict[str, Any] = {}
    for key, value in root.items():
        if key == "$id":
            out["$id"] = bundle_id
            out["$comment"] = (
                f"A single-file copy of {root_uri} with every schema it refers to under $defs; "
                "every $ref is local. Generated by lgstandards publish."
            )
        elif key != "$defs":
            out[key] = value
    defs = {**(root.get("$defs") or {}), **embedded}
    if defs:
        out["$defs"] = defs
    return out


# -- building the tree ---------------------------------------------------------------------------


def _json_bytes(value: Any, *, sort_keys: bool = False) -> bytes:
    """Return JSON text as UTF-8 bytes: two-space indent and a final newline."""
    return (json.dumps(value, indent=2, ensure_ascii=False, sort_keys=sort_keys) + "\n").encode()


def _load(path: Path) -> Any:
    """Read a JSON file, raising PublishError that names it when it cannot."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise PublishError(f"{path}: cannot read JSON: {exc}") from None


def _rebased_bytes(path: Path, old: str, new: str) -> bytes:
    """Return a JSON file rebased onto `new`: the original bytes when nothing moves."""
    raw = path.read_bytes()
    document = _load(path)
    moved = rebase(document, old, new)
    return raw if moved == document else _json_bytes(moved)


def published_versions(cat: Catalogue, *, include_drafts: bool = False) -> list[StandardVersion]:
    """Return the versions that go into the tree: everything but drafts unless asked for."""
    chosen = []
    for version in cat.versions():
        if version.status is Status.DRAFT and not include_drafts:
            continue
        if not version.folder.is_dir():
            raise PublishError(
                f"{version.ref} is listed in {version.id}/standard.json but {version.folder} "
                "does not exist"
            )
        chosen.append(version)
    return chosen


def aliases(cat: Catalogue, manifest: Manifest) -> dict[str, str]:
    """Return the moving aliases of a standard: 'latest', each major and major.minor -> version."""
    if manifest.external:
        return {}
    found: dict[str, str] = {}
    names = {LATEST: manifest.id}
    for entry in manifest.versions:
        major, minor, _ = entry.key
        names[str(major)] = f"{manifest.id}@{major}"
        names[f"{major}.{minor}"] = f"{manifest.id}@{major}.{minor}"
    for name, selector in sorted(names.items()):
        try:
            version = cat.select(selector)
        except StandardNotFoundError:
            continue  # Only drafts and candidates here: nothing released to point at.
        if version.status.released and version.folder.is_dir():
            found[name] = version.version
    return found


def building_blocks(cat: Catalogue) -> frozenset[str]:
    """Return the ids of standards whose schemas other standards refer to, such as `common`."""
    used: set[str] = set()
    for version in cat.versions():
        if not version.schema_path.is_file():
            continue
        for _, node in subschemas(version.schema):
            if isinstance(node, dict) and isinstance(node.get("$ref"), str):
                uri = urldefrag(urljoin(version.schema_uri, node["$ref"]))[0]
                if uri.startswith(cat.base_uri) and uri != version.schema_uri:
                    used.add(uri[len(cat.base_uri):].split("/", 1)[0])
    return frozenset(used)


def file_match(standard_id: str) -> list[str]:
    """Return the SchemaStore file patterns that name a data file of one standard."""
    return [f"{standard_id}.json", f"*.{standard_id}.json"]


def build_tree(
    cat: Catalogue, *, base_url: str | None = None, include_drafts: bool = False
) -> Tree:
    """Build the whole published tree in memory: schemas, bundles, data, aliases, registry, site."""
    from lgstandards.development import extension_publish, typescript

    base = normalise_base_url(base_url) if base_url else cat.base_uri
    versions = published_versions(cat, include_drafts=include_drafts)
    layers = extension_publish.published_layers(cat, include_drafts=include_drafts)
    files: dict[str, bytes] = {}
    type_sources: list[typescript.TypeSource] = []
    # Every schema of the catalogue is a possible $ref target, rebased like the files themselves.
    resources = {
        base + uri[len(cat.base_uri):] if uri.startswith(cat.base_uri) else uri:
            rebase(schema, cat.base_uri, base)
        for uri, schema in cat.schemas()
    }
    for version in versions:
        folder = f"{version.id}/{version.version}"
        expected = version.schema_uri
        for relative, path in version_files(version.folder):
            if relative in (SCHEMA_NAME, OPENAPI_NAME):
                files[f"{folder}/{relative}"] = _rebased_bytes(path, cat.base_uri, base)
            else:
                files[f"{folder}/{relative}"] = rebase_text(path.read_bytes(), cat.base_uri,
                                                            base)
        if version.schema_path.is_file():
            actual = version.schema.get("$id")
            if actual != expected:
                raise PublishError(
                    f"{version.schema_path}: $id is {actual!r} but the file's place makes it "
                    f"{expected!r}; run `lgstandards lint {version.ref}`"
                )
            rebased_uri = base + expected[len(cat.base_uri):]
            bundled = bundle(
                resources[rebased_uri],
                resources,
                bundle_id=f"{base}{folder}/{BUNDLED_NAME}",
                base=base,
            )
            files[f"{folder}/{BUNDLED_NAME}"] = _json_bytes(bundled)
            if base != cat.base_uri:
                # The committed types name the schema at the registry's own base.
                bundled = bundle(version.schema, dict(cat.schemas()),
                                 bundle_id=f"{cat.base_uri}{folder}/{BUNDLED_NAME}",
                                 base=cat.base_uri)
            type_sources.append(typescript.TypeSource(folder, version.ref, bundled))
    extension_publish.add_files(files, layers, cat, base)
    type_sources.extend(typescript.TypeSource(item.folder, item.layer.ref, item.effective.schema)
                        for item in layers)
    types_left_out = []
    for typed in type_sources:
        declarations = typescript.current_types(cat.root, typed)
        if declarations is None:
            types_left_out.append(typed.ref)
        else:
            files[f"{typed.key}/{TYPES_NAME}"] = rebase_text(declarations, cat.base_uri, base)
    manifests = [m for m in cat if m.external or any(v.id == m.id for v in versions)]
    alias_map = {m.id: aliases(cat, m) for m in manifests}
    for manifest in (m for m in manifests if not m.external):
        for name in ("standard.json", "CHANGELOG.md"):
            source = cat.root / manifest.id / name
            if source.is_file():
                files[f"{manifest.id}/{name}"] = rebase_text(source.read_bytes(), cat.base_uri,
                                                             base)
    index = registry_index(cat, versions, manifests, alias_map, files, base)
    index["extensions"] = extension_publish.index_entries(layers, files, base)
    files["index.json"] = _json_bytes(index, sort_keys=True)
    files["index.schema.json"] = _json_bytes(index_schema(base), sort_keys=False)
    files["catalog.json"] = _json_bytes(
        schema_catalog(cat, versions, alias_map, building_blocks(cat), base, files),
        sort_keys=True,
    )
    site_pages = site.pages(cat, versions, manifests, alias_map, files, base,
                            layer_rows=extension_publish.home_rows(layers))
    site_pages.update(extension_publish.pages(layers, cat, files, base))
    for page_path, page in site_pages.items():
        files[page_path] = page.encode("utf-8")
    # Aliases are copies, not redirects: static hosts and file:// URLs have no redirects, and
    # every relative link inside a version folder works the same one level over.
    for manifest in manifests:
        for name, target in alias_map[manifest.id].items():
            prefix = f"{manifest.id}/{target}/"
            for original in [p for p in files if p.startswith(prefix)]:
                files[f"{manifest.id}/{name}/{original[len(prefix):]}"] = files[original]
    return Tree(base, MappingProxyType(dict(sorted(files.items()))), tuple(types_left_out))


def _version_files(files: Mapping[str, bytes], folder: str) -> list[dict[str, Any]]:
    """Return the hash and size of every file of a version folder but its page."""
    prefix = folder + "/"
    return [
        {"path": path[len(prefix):], "sha256": hashlib.sha256(data).hexdigest(), "size": len(data)}
        for path, data in sorted(files.items())
        if path.startswith(prefix) and path != prefix + PAGE_NAME
    ]


def _lifecycle_fields(manifest: Manifest, entry: VersionEntry) -> dict[str, Any]:
    """Return a version's lifecycle dates, replacement and bootstrap mark, for `index.json`."""

    def day(value: date | None) -> str | None:
        return value.isoformat() if value is not None else None

    return {
        "comment_until": day(entry.comment_until),
        "deprecated_on": day(entry.deprecated_on),
        "sunset": day(entry.sunset),
        "replaced_by": entry.replaced_by,
        "bootstrap": is_bootstrap(manifest, entry),
    }


def registry_index(
    cat: Catalogue,
    versions: list[StandardVersion],
    manifests: list[Manifest],
    alias_map: Mapping[str, Mapping[str, str]],
    files: Mapping[str, bytes],
    base: str,
) -> dict[str, Any]:
    """Return `index.json`: every standard, version, status, date, URL and file hash."""
    standards = []
    for manifest in manifests:
        entries: list[dict[str, Any]] = []
        if manifest.external:
            # Signposted standards: their own versions, with nothing of theirs hosted here.
            entries = [
                {"version": e.version, "status": e.status.value,
                 "released": e.released.isoformat() if e.released else None}
                for e in sorted(manifest.versions, key=lambda e: e.key)
            ]
        for version in sorted((v for v in versions if v.id == manifest.id),
                              key=lambda v: v.entry.key):
            folder = f"{version.id}/{version.version}"
            has_schema = f"{folder}/{SCHEMA_NAME}" in files
            has_openapi = f"{folder}/{OPENAPI_NAME}" in files
            entries.append({
                "version": version.version,
                "status": version.status.value,
                "released": version.entry.released.isoformat() if version.entry.released else None,
                **_lifecycle_fields(manifest, version.entry),
                "notes": version.entry.notes,
                "path": folder + "/",
                "page": f"{base}{folder}/{PAGE_NAME}",
                "schema": f"{base}{folder}/{SCHEMA_NAME}" if has_schema else None,
                "bundled": f"{base}{folder}/{BUNDLED_NAME}" if has_schema else None,
                "openapi": f"{base}{folder}/{OPENAPI_NAME}" if has_openapi else None,
                "types": f"{base}{folder}/{TYPES_NAME}" if f"{folder}/{TYPES_NAME}" in files
                else None,
                "codelists": sorted(
                    f"{base}{folder}/{name}" for name in version.codelists
                ),
                "files": _version_files(files, folder),
            })
        standards.append({
            "id": manifest.id,
            "title": manifest.title,
            "description": manifest.description,
            "owner": manifest.owner,
            "owner_contact": manifest.owner_contact,
            "adopters": manifest.to_json()["adopters"],
            "licence": manifest.licence,
            "kind": manifest.kind,
            "external": manifest.external,
            "homepage": manifest.homepage,
            "related": list(manifest.related),
            "page": None if manifest.external else f"{base}{manifest.id}/{PAGE_NAME}",
            "aliases": {
                name: {"version": target, "path": f"{manifest.id}/{name}/"}
                for name, target in alias_map.get(manifest.id, {}).items()
            },
            "versions": entries,
        })
    from lgstandards import __version__

    return {
        "$schema": f"{base}index.schema.json",
        "format_version": INDEX_FORMAT,
        "generator": {"name": "lgstandards", "version": __version__},
        "base_url": base,
        "catalog": f"{base}catalog.json",
        "standards": standards,
    }


def schema_catalog(
    cat: Catalogue,
    versions: list[StandardVersion],
    alias_map: Mapping[str, Mapping[str, str]],
    blocks: frozenset[str],
    base: str,
    files: Mapping[str, bytes],
) -> dict[str, Any]:
    """Return `catalog.json` in SchemaStore's catalog format, so editors can find the schemas."""
    entries = []
    for manifest in cat:
        latest = alias_map.get(manifest.id, {}).get(LATEST)
        if manifest.external or latest is None:
            continue
        if f"{manifest.id}/{latest}/{SCHEMA_NAME}" not in files:
            continue  # An API standard described by OpenAPI alone has no data file to match.
        entry: dict[str, Any] = {
            "name": manifest.title,
            "description": manifest.description,
            "url": f"{base}{manifest.id}/{LATEST}/{SCHEMA_NAME}",
            "versions": {
                v.version: f"{base}{v.id}/{v.version}/{SCHEMA_NAME}"
                for v in versions
                if v.id == manifest.id and f"{v.id}/{v.version}/{SCHEMA_NAME}" in files
            },
        }
        # A building block such as `common` is a library of definitions, not a kind of file, so
        # matching files by its name would claim unrelated files called common.json.
        if manifest.id not in blocks:
            entry["fileMatch"] = file_match(manifest.id)
        entries.append(entry)
    entries.sort(key=lambda e: str(e["url"]))
    return {"$schema": CATALOG_SCHEMA, "version": 1, "schemas": entries}


def index_schema(base: str) -> dict[str, Any]:
    """Return the JSON Schema of `index.json`, so other languages can rely on its shape."""
    from lgstandards.development.extension_publish import index_schema_entry

    url = {"type": "string", "format": "uri"}
    nullable_url = {"type": ["string", "null"], "format": "uri"}
    date = {"type": ["string", "null"], "format": "date"}
    file_entry = {
        "type": "object",
        "required": ["path", "sha256", "size"],
        "properties": {
            "path": {"type": "string"},
            "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
            "size": {"type": "integer", "minimum": 0},
        },
        "additionalProperties": False,
    }
    version_entry = {
        "type": "object",
        "required": ["version", "status", "released"],
        "properties": {
            "version": {"type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$"},
            "status": {"enum": [s.value for s in Status]},
            "released": date,
            "comment_until": date,
            "deprecated_on": date,
            "sunset": date,
            "replaced_by": {"type": ["string", "null"]},
            "bootstrap": {"type": "boolean"},
            "notes": {"type": ["string", "null"]},
            "path": {"type": "string"},
            "page": url,
            "schema": nullable_url,
            "bundled": nullable_url,
            "openapi": nullable_url,
            "types": nullable_url,
            "codelists": {"type": "array", "items": url},
            "files": {"type": "array", "items": file_entry},
        },
        "additionalProperties": False,
    }
    standard_entry = {
        "type": "object",
        "required": ["id", "title", "description", "owner", "licence", "kind", "external",
                     "versions", "aliases"],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "owner": {"type": "string"},
            "owner_contact": {"type": ["string", "null"]},
            "adopters": {"type": "array", "items": {
                "type": "object",
                "required": ["name", "kind", "versions", "statement"],
                "properties": {
                    "name": {"type": "string"},
                    "kind": {"enum": ["council", "supplier"]},
                    "versions": {"type": "array", "items": {"type": "string"}},
                    "statement": {"type": "string"},
                },
                "additionalProperties": False,
            }},
            "licence": {"type": "string"},
            "kind": {"enum": ["data", "api"]},
            "external": {"type": "boolean"},
            "homepage": {"type": ["string", "null"]},
            "related": {"type": "array", "items": {"type": "string"}},
            "page": nullable_url,
            "aliases": {
                "type": "object",
                "additionalProperties": {
                    "type": "object",
                    "required": ["version", "path"],
                    "properties": {"version": {"type": "string"}, "path": {"type": "string"}},
                    "additionalProperties": False,
                },
            },
            "versions": {"type": "array", "items": version_entry},
        },
        "additionalProperties": False,
    }
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{base}index.schema.json",
        "title": "lgstandards registry index",
        "description": "The machine-readable list of every standard, version, status, release "
                       "date, URL and file hash in a published lgstandards tree.",
        "type": "object",
        "required": ["format_version", "generator", "base_url", "catalog", "standards",
                     "extensions"],
        "properties": {
            "$schema": url,
            "format_version": {"const": INDEX_FORMAT},
            "generator": {
                "type": "object",
                "required": ["name", "version"],
                "properties": {"name": {"type": "string"}, "version": {"type": "string"}},
                "additionalProperties": False,
            },
            "base_url": url,
            "catalog": url,
            "standards": {"type": "array", "items": standard_entry},
            "extensions": {"type": "array", "items": index_schema_entry()},
        },
        "additionalProperties": False,
    }


# -- writing -------------------------------------------------------------------------------------


#: Top-level files and folders of every tree, besides one folder per standard.
_TOP_LEVEL = frozenset({"index.html", "index.json", "index.schema.json", "catalog.json",
                        "assets", "extensions", "profiles"})


def _previous_standards(out_dir: Path) -> frozenset[str] | None:
    """Return the standard ids an earlier tree in `out_dir` published, or None if it holds none."""
    try:
        index = json.loads((out_dir / "index.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(index, dict) or (index.get("generator") or {}).get("name") != "lgstandards":
        return None
    return frozenset(str(s.get("id")) for s in index.get("standards") or [] if isinstance(s, dict))


def write_tree(tree: Tree, out_dir: Path) -> PublishResult:
    """Write a tree to a folder that is empty or holds an earlier tree, removing stale files.

    Only files under the names a tree uses (its top-level files, `assets/` and a folder per
    standard, now or in the earlier tree) are removed, so a host's own files such as `CNAME`
    survive. The new tree is built in a folder beside `out_dir` and swapped in whole, so a run
    that fails leaves the earlier tree as it was; where the folder cannot be swapped (a mount
    point, a parent folder that is not writable) each file is replaced whole, one at a time.
    """
    if out_dir.exists() and not out_dir.is_dir():
        raise PublishError(f"{out_dir} is a file, not a folder")
    previous = _previous_standards(out_dir) if out_dir.is_dir() else None
    if out_dir.is_dir() and any(out_dir.iterdir()) and previous is None:
        raise PublishError(
            f"{out_dir} is not empty and does not hold an earlier `lgstandards publish` tree; "
            "choose an empty or new folder so nothing of yours is overwritten"
        )
    owned = _TOP_LEVEL | (previous or frozenset()) | {p.split("/", 1)[0] for p in tree.files}
    # Through a symbolic link, the folder it points at is the one replaced.
    target = Path(os.path.realpath(out_dir))
    staging: Path | None = None
    try:
        # A shell standing in the folder would be left in a removed one: replace files there.
        if not Path.cwd().is_relative_to(target):
            target.parent.mkdir(parents=True, exist_ok=True)
            staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name[:100]}.",
                                            suffix=".tmp"))
    except OSError:
        pass  # No folder can be made beside it: replace files in place.
    try:
        if staging is None:
            written, removed = _write_in_place(tree, target, owned)
        else:
            try:
                written, removed = _stage(tree, target, staging, owned)
                swapped = _swap(staging, target)
            except BaseException:
                shutil.rmtree(staging, ignore_errors=True)
                raise
            if not swapped:
                shutil.rmtree(staging, ignore_errors=True)
                written, removed = _write_in_place(tree, target, owned)
    except OSError as exc:
        raise PublishError(f"cannot write the tree to {out_dir}: {exc}") from None
    return PublishResult(out_dir, tree.listing(), written, tuple(sorted(removed)), tree.base_url,
                         tree.types_left_out)


def _link_or_copy(source: str, destination: str) -> str:
    """Hard-link an unchanged file into the new tree (its timestamp kept), or copy it."""
    try:
        os.link(source, destination)
    except OSError:
        shutil.copy2(source, destination)
    return destination


def _stale(target: Path, owned: frozenset[str], tree: Tree) -> list[str]:
    """Return the files of the earlier tree, under the names a tree uses, that `tree` lacks."""
    stale = []
    for name in sorted(owned):
        top = target / name
        for path in sorted(top.rglob("*")) if top.is_dir() else [top]:
            relative = path.relative_to(target).as_posix()
            if (path.is_file() or path.is_symlink()) and relative not in tree.files:
                stale.append(relative)
    return stale


def _stage(tree: Tree, target: Path, staging: Path, owned: frozenset[str]) -> tuple[
        int, list[str]]:
    """Build the new tree in `staging`, with the host's own files of `target` carried over."""
    removed = _stale(target, owned, tree) if target.is_dir() else []
    if target.is_dir():
        os.chmod(staging, stat.S_IMODE(target.stat().st_mode))
        for entry in sorted(target.iterdir()):
            if entry.name in owned:
                continue
            if entry.is_symlink():
                os.symlink(os.readlink(entry), staging / entry.name)
            elif entry.is_dir():
                shutil.copytree(entry, staging / entry.name, symlinks=True,
                                copy_function=_link_or_copy)
            else:
                _link_or_copy(str(entry), str(staging / entry.name))
    else:
        os.chmod(staging, 0o777 & ~process_umask())
    written = 0
    for relative, data in tree.files.items():
        old = target / relative
        new = staging / relative
        new.parent.mkdir(parents=True, exist_ok=True)
        # Unchanged files keep their timestamps, so syncing the tree to a host copies less.
        if old.is_file() and not old.is_symlink() and old.read_bytes() == data:
            _link_or_copy(str(old), str(new))
            continue
        new.write_bytes(data)
        written += 1
    return written, removed


def _swap(staging: Path, target: Path) -> bool:
    """Put the staged tree in the place of `target`; False if `target` cannot be moved."""
    if not target.exists():
        os.rename(staging, target)
        return True
    holder = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name[:100]}.",
                                   suffix=".old"))
    try:
        try:
            os.rename(target, holder / "tree")
        except OSError:
            return False  # A mount point, or a folder in use that cannot be renamed.
        try:
            os.rename(staging, target)
        except BaseException:
            os.rename(holder / "tree", target)
            raise
    finally:
        shutil.rmtree(holder, ignore_errors=True)
    return True


def _write_in_place(tree: Tree, target: Path, owned: frozenset[str]) -> tuple[int, list[str]]:
    """Replace each file of the tree whole, one at a time, and remove the stale ones."""
    written = 0
    removed = _stale(target, owned, tree) if target.is_dir() else []
    target.mkdir(parents=True, exist_ok=True)
    for relative in removed:
        (target / relative).unlink()
    for relative, data in tree.files.items():
        path = target / relative
        if path.is_dir():
            shutil.rmtree(path)
        # Unchanged files keep their timestamps, so syncing the tree to a host copies less.
        if path.is_file() and path.read_bytes() == data:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        write_bytes(path, data)
        written += 1
    for name in sorted(owned):
        top = target / name
        if not top.is_dir():
            continue
        # Deepest first, so a folder emptied by removing its sub-folders goes too.
        for folder in [*sorted((p for p in top.rglob("*") if p.is_dir()), reverse=True), top]:
            if not any(folder.iterdir()):
                folder.rmdir()
    return written, removed


def publish(
    cat: Catalogue,
    out_dir: Path,
    *,
    base_url: str | None = None,
    include_drafts: bool = False,
) -> PublishResult:
    """Build the published tree for a catalogue and write it to `out_dir`."""
    return write_tree(build_tree(cat, base_url=base_url, include_drafts=include_drafts), out_dir)

