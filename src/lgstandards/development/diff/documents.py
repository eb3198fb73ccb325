"""Documents to compare: standard versions and files, made self-contained and never fetched.

A schema or OpenAPI document may refer to other files, such as
`../../common/1.0.0/schema.json#/$defs/uprn`. `bundle_document` copies every file it refers to
into the document itself (under `$defs`, or `components/schemas` for OpenAPI) and makes every
`$ref` local, so the engine compares one document with another. Embedded copies are named after
their standard without the version ('common'), so that `common@1.0.0` in the old bundle lines up
with `common@1.1.0` in the new.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin, urlsplit

from lgstandards.development.diff.model import DiffError
from lgstandards.development.diff.views import BUNDLED_FROM, is_anchor
from lgstandards.errors import StandardNotFoundError
from lgstandards.findings import escape_pointer_part, join_pointer
from lgstandards.registry import Catalogue, StandardVersion, load_json_file

Loader = Callable[[str], Mapping[str, Any]]

# Values that are data, not schemas: a "$ref" key inside them is not a reference.
_DATA = frozenset({"enum", "const", "default", "examples", "example"})
_STANDARD_FILE = re.compile(r"/([a-z0-9]+(?:-[a-z0-9]+)*)/v?[0-9]+\.[0-9]+\.[0-9]+/[^/]+\.json$")
_VERSION_IN_URI = re.compile(r"(?:^|[/_-])v?([0-9]+)(?:\.|__)([0-9]+)(?:\.|__)([0-9]+)(?=/|$)")
_SEMVER = re.compile(r"^v?([0-9]+)\.([0-9]+)\.([0-9]+)$")


def bundle_document(document: Mapping[str, Any], uri: str, load: Loader) -> dict[str, Any]:
    """Return a copy of a schema or OpenAPI document with every file it refers to inside it."""
    is_openapi = "openapi" in document or "swagger" in document
    if is_openapi:
        container: tuple[str, ...] = ("components", "schemas")
    elif "definitions" in document and "$defs" not in document:
        container = ("definitions",)
    else:
        container = ("$defs",)
    own = {urldefrag(uri)[0]}
    declared = document.get("$id")
    if isinstance(declared, str) and not is_openapi:
        own.add(urldefrag(urljoin(uri, declared))[0])  # A $ref may name the file by its $id.
    existing: Any = document
    for part in container:
        existing = existing.get(part, {}) if isinstance(existing, dict) else {}
    taken = set(existing) if isinstance(existing, dict) else set()
    keys: dict[str, str] = {}
    documents: dict[str, Mapping[str, Any]] = {}
    queue: list[str] = []

    def place_of(target_uri: str) -> str:
        """Return the local pointer prefix of a document: '' for the root."""
        if target_uri in own:
            return ""
        if target_uri not in keys:
            loaded = load(target_uri)
            key = _key(target_uri)
            while key in taken:
                key += "_"
            taken.add(key)
            keys[target_uri] = key
            documents[target_uri] = loaded
            queue.append(target_uri)
        return join_pointer((*container, keys[target_uri]))

    def target(ref: str, base: str) -> str:
        """Return the local `$ref` that replaces one found in the document at `base`."""
        target_uri, fragment = urldefrag(urljoin(base, ref))
        prefix = place_of(target_uri or base)
        if fragment and not fragment.startswith("/"):
            doc = document if prefix == "" else documents[target_uri]
            found = _anchor(doc, fragment)
            if found is None:
                raise DiffError(f"{base}: $ref {ref!r} names no $anchor {fragment!r} in "
                                f"{target_uri or base}")
            fragment = found
        return "#" + prefix + fragment

    def rewrite(node: Any, base: str, embedded: bool, top: bool = False) -> Any:
        """Return a copy of a node with its references made local."""
        if isinstance(node, list):
            return [rewrite(item, base, embedded) for item in node]
        if not isinstance(node, dict):
            return node
        out: dict[str, Any] = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                out[key] = target(value, base)
            elif embedded and top and key in ("$id", "id", "$schema") and isinstance(value, str):
                continue  # An embedded copy is no longer a resource of its own.
            elif key in _DATA:
                out[key] = value
            else:
                out[key] = rewrite(value, base, embedded)
        return out

    root: dict[str, Any] = rewrite(document, urldefrag(uri)[0], embedded=False, top=True)
    embedded: dict[str, Any] = {}
    while queue:
        next_uri = queue.pop(0)
        copy = rewrite(documents[next_uri], next_uri, embedded=True, top=True)
        if isinstance(copy, dict):
            # Marks a whole other document: the engine compares it only where it is used.
            copy[BUNDLED_FROM] = next_uri
        embedded[keys[next_uri]] = copy
    if embedded:
        holder = root
        for part in container[:-1]:
            holder = holder.setdefault(part, {})
        holder[container[-1]] = {**holder.get(container[-1], {}), **embedded}
    return root


def _key(uri: str) -> str:
    """Return the name an embedded document is kept under: its standard, else its file name."""
    path = urlsplit(uri).path
    match = _STANDARD_FILE.search(path)
    if match:
        return match.group(1)
    name = path.rstrip("/").rsplit("/", 1)[-1].removesuffix(".json") or "document"
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)


def _anchor(document: Any, anchor: str) -> str | None:
    """Return the JSON Pointer of the subschema with a given `$anchor`, if any."""
    stack: list[tuple[tuple[str, ...], Any]] = [((), document)]
    while stack:
        parts, node = stack.pop()
        if isinstance(node, dict):
            if is_anchor(node, anchor):
                return "".join("/" + escape_pointer_part(p) for p in parts)
            stack.extend(((*parts, k), v) for k, v in node.items() if k not in _DATA)
        elif isinstance(node, list):
            stack.extend(((*parts, str(i)), v) for i, v in enumerate(node))
    return None


def registry_loader(root: Path | None, base_uri: str | None, *, files: bool = False) -> Loader:
    """Return a loader reading the registry's own URIs from `root` (and file: URIs if asked)."""
    cache: dict[str, Mapping[str, Any]] = {}

    def load(uri: str) -> Mapping[str, Any]:
        """Return the document at a URI, read from disk; nothing is fetched."""
        if uri in cache:
            return cache[uri]
        if root is not None and base_uri is not None and uri.startswith(base_uri):
            path = root / unquote(uri[len(base_uri):])
        elif files and uri.startswith("file:"):
            path = Path(unquote(urlsplit(uri).path))
        else:
            raise DiffError(
                f"a $ref names {uri}, which is neither a file here nor a schema of this "
                "registry; lgstandards never fetches schemas: save it beside the file and refer "
                "to it by a relative path"
            )
        cache[uri] = load_json_file(path, DiffError)
        return cache[uri]

    return load


def document_version(document: Mapping[str, Any]) -> str | None:
    """Return the version number a document states: OpenAPI `info.version`, or in its `$id`."""
    if "openapi" in document:
        info = document.get("info")
        version = info.get("version") if isinstance(info, dict) else None
        match = _SEMVER.match(version.strip()) if isinstance(version, str) else None
        return ".".join(match.groups()) if match else None
    for key in ("$id", "id"):
        value = document.get(key)
        if isinstance(value, str):
            found = _VERSION_IN_URI.search(urlsplit(value).path)
            if found:
                return ".".join(found.groups())
    return None


@dataclass(frozen=True)
class Input:
    """One side of `lgstandards diff`: a standard version or a file, ready to compare."""

    #: How reports name it: 'id@1.0.0' or the file's path.
    label: str
    #: Its version number, when one is known (None for a file that states none).
    number: str | None
    standard: StandardVersion | None = None
    #: The self-contained JSON Schema, for a schema file.
    schema: Mapping[str, Any] | None = None
    #: The self-contained OpenAPI document, for an OpenAPI file.
    openapi: Mapping[str, Any] | None = None

    @property
    def kind(self) -> str:
        """Return what it is, for messages."""
        if self.standard is not None:
            return "a standard version"
        return "an OpenAPI document" if self.openapi is not None else "a JSON Schema"


def looks_like_file(text: str) -> bool:
    """Return whether a command-line argument names a file rather than a standard."""
    return text.endswith(".json") or "/" in text or "\\" in text or Path(text).is_file()


def open_input(text: str, cat: Catalogue) -> Input:
    """Return a standard version (`id@1.2.3`, `id@1`, a draft only when named exactly) or a file."""
    if looks_like_file(text):
        return open_file(Path(text), cat)
    try:
        version = cat.select(text)
    except StandardNotFoundError:
        if not re.search(r"@[0-9]+\.[0-9]+\.[0-9]+$", text.strip()):
            raise
        version = cat.select(text, allow_draft=True)  # Named exactly: drafts are fine.
    if not version.folder.is_dir():
        raise DiffError(f"{version.ref} is listed but {version.folder} does not exist")
    return Input(label=version.ref, number=version.version, standard=version)


def open_file(path: Path, cat: Catalogue | None) -> Input:
    """Return a schema or OpenAPI file, self-contained, with the version number it states."""
    document = load_json_file(path, DiffError)
    if "swagger" in document:
        raise DiffError(f"{path}: Swagger 2.0 is not supported; convert it to OpenAPI 3")
    if "openapi" in document and not str(document["openapi"]).startswith("3."):
        raise DiffError(f"{path}: OpenAPI {document['openapi']!r} is not supported, only 3.x")
    uri = path.resolve().as_uri()
    load = registry_loader(cat.root if cat else None, cat.base_uri if cat else None, files=True)
    try:
        bundled = bundle_document(document, uri, load)
    except DiffError as exc:
        raise DiffError(f"{path}: {exc}") from None
    except RecursionError:
        raise DiffError(f"{path}: nested too deeply to compare") from None
    number = document_version(document)
    if "openapi" in document:
        return Input(label=str(path), number=number, openapi=bundled)
    return Input(label=str(path), number=number, schema=bundled)


def version_documents(version: StandardVersion, root: Path
                      ) -> tuple[dict[str, Any] | None, dict[str, Any] | None]:
    """Return a version's schema and OpenAPI document, each self-contained (None when absent)."""
    load = registry_loader(root, version.base_uri)
    schema = (bundle_document(version.schema, version.schema_uri, load)
              if version.schema_path.is_file() else None)
    openapi = None
    if version.openapi_path is not None:
        raw = load_json_file(version.openapi_path, DiffError)
        openapi = bundle_document(raw, f"{version.base_uri}{version.id}/{version.version}/"
                                  "openapi.json", load)
    return schema, openapi
