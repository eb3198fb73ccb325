"""The catalogue: every standard in `standards/`, its manifest, versions and files."""

from __future__ import annotations

import functools
import json
import posixpath
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol
from urllib.parse import urldefrag, urljoin, urlsplit

from lgstandards.errors import ManifestError, SchemaError, StandardNotFoundError
from lgstandards.manifest import Adopter as Adopter
from lgstandards.manifest import MalformedManifest
from lgstandards.manifest import Manifest as Manifest
from lgstandards.manifest import Status as Status
from lgstandards.manifest import VersionEntry as VersionEntry

_SELECTOR = re.compile(
    r"^(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)(?:@(?P<version>[0-9]+(?:\.[0-9]+){0,2}))?$"
)


def standards_root() -> Path:
    """Return the folder holding the standards: inside the wheel, or the checkout's `standards/`."""
    # The package's own folder, as importlib.resources would give it for an installed package;
    # read from __file__ because importing importlib.resources costs every command start-up time.
    packaged = Path(__file__).resolve().parent / "_standards"
    if packaged.is_dir():
        return packaged
    # Editable installs do not apply hatchling's force-include, so fall back to the checkout.
    return Path(__file__).resolve().parents[2] / "standards"


@dataclass(frozen=True)
class Codelist:
    """A list of allowed codes, shipped as data with a standard version."""

    id: str
    title: str
    open: bool
    codes: tuple[Mapping[str, Any], ...]
    path: Path

    @functools.cached_property
    def values(self) -> frozenset[str]:
        """Return the set of codes."""
        return frozenset(str(c["code"]) for c in self.codes)


@dataclass(frozen=True)
class StandardVersion:
    """One version of one standard, with the paths of its files."""

    manifest: Manifest
    entry: VersionEntry
    folder: Path
    base_uri: str

    @property
    def id(self) -> str:
        """Return the standard's id."""
        return self.manifest.id

    @property
    def version(self) -> str:
        """Return the version string."""
        return self.entry.version

    @property
    def status(self) -> Status:
        """Return the version's status."""
        return self.entry.status

    @property
    def ref(self) -> str:
        """Return `id@version`, the exact name of this version."""
        return f"{self.id}@{self.version}"

    @property
    def schema_uri(self) -> str:
        """Return the schema's `$id`."""
        return f"{self.base_uri}{self.id}/{self.version}/schema.json"

    @property
    def schema_path(self) -> Path:
        """Return the path of `schema.json`."""
        return self.folder / "schema.json"

    @functools.cached_property
    def schema(self) -> dict[str, Any]:
        """Return the parsed schema."""
        return load_json_file(self.schema_path, SchemaError)

    @functools.cached_property
    def codelists(self) -> Mapping[str, Codelist]:
        """Return this version's codelists keyed by their path relative to the version folder."""
        folder = self.folder / "codelists"
        return {
            f"codelists/{path.name}": read_codelist(path)
            for path in (sorted(folder.glob("*.json")) if folder.is_dir() else [])
        }

    @property
    def folder_uri(self) -> str:
        """Return the URI of the version's folder, against which its relative paths resolve."""
        return f"{self.base_uri}{self.id}/{self.version}/"

    def path_of(self, uri: str) -> Path | None:
        """Return the file of the catalogue a URI names, or None when it is outside it."""
        # Refs are relative, so they resolve under the base URI; nothing is ever fetched.
        address = urldefrag(uri)[0]
        if not address.startswith(self.base_uri):
            return None
        rest = address[len(self.base_uri):]
        if not rest or any(part in ("", ".", "..") for part in rest.split("/")):
            return None
        return self.folder.parent.parent / rest

    def resolve_ref(self, doc_uri: str, ref: str) -> tuple[str, Any] | None:
        """Return (document URI, subschema) that a `$ref` written in `doc_uri` names, or None."""
        uri, fragment = urldefrag(urljoin(doc_uri, ref))
        if uri == self.schema_uri:
            node: Any = self.schema
        else:
            path = self.path_of(uri)
            if path is None or not path.is_file():
                return None
            node = self._read(path, load_json_file)
        for part in fragment.split("/")[1:] if fragment.startswith("/") else ():
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, dict) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return uri, node

    def codelist_key(self, doc_uri: str, name: str) -> str:
        """Return how this version names a codelist that `doc_uri` names `name`.

        A codelist of the version's own folder is `codelists/<file>`; one of another standard,
        reached through a `$ref` to a shared definition, is the path from this folder to it,
        such as `../../waste-common/1.0.0/codelists/waste-stream.json`.
        """
        uri = urljoin(doc_uri, name)
        if uri.startswith(self.folder_uri):
            return uri[len(self.folder_uri):]
        if not uri.startswith(self.base_uri):
            return uri
        return posixpath.relpath(urlsplit(uri).path, urlsplit(self.folder_uri).path)

    def codelist_for(self, doc_uri: str, name: str) -> tuple[str, Codelist | None]:
        """Return the key of the codelist `name` written in `doc_uri`, and the codelist if found."""
        key = self.codelist_key(doc_uri, name)
        own = self.codelists.get(key)
        if own is not None:
            return key, own
        path = self.path_of(urljoin(doc_uri, name))
        if path is None or not path.is_file() or not path.name.endswith(".json"):
            return key, None
        return key, self._read(path, read_codelist)

    @functools.cached_property
    def _files(self) -> dict[Path, Any]:
        """Hold the other standards' files this version has read, so each is read once."""
        return {}

    def _read(self, path: Path, reader: Any) -> Any:
        """Read another standard's schema or codelist once for this version."""
        if path not in self._files:
            self._files[path] = (
                reader(path, SchemaError) if reader is load_json_file else reader(path)
            )
        return self._files[path]

    @functools.cached_property
    def codelists_in_use(self) -> Mapping[str, Codelist]:
        """Return every codelist the schema uses, its own and those of definitions it refers to.

        Keys are those of `codelist_key`: `codelists/<file>` for the version's own, a relative
        path for a shared codelist of another standard, such as one of `waste-common`.
        """
        found: dict[str, Codelist] = dict(self.codelists)
        seen: set[tuple[str, int]] = set()

        def walk(node: Any, doc_uri: str) -> None:
            if isinstance(node, list):
                for item in node:
                    walk(item, doc_uri)
                return
            if not isinstance(node, dict) or (doc_uri, id(node)) in seen:
                return
            seen.add((doc_uri, id(node)))
            name = node.get("x-codelist")
            if isinstance(name, str):
                key, codelist = self.codelist_for(doc_uri, name)
                if codelist is not None:
                    found.setdefault(key, codelist)
            ref = node.get("$ref")
            if isinstance(ref, str) and not ref.startswith("#"):
                target = self.resolve_ref(doc_uri, ref)
                if target is not None:
                    walk(target[1], target[0])
            for key, value in node.items():
                if key != "x-codelist" and isinstance(value, dict | list):
                    walk(value, doc_uri)

        walk(self.schema, self.schema_uri)
        return found

    @functools.cached_property
    def tabular(self) -> dict[str, Any] | None:
        """Return the version's tabular (CSV) form, if it declares one."""
        path = self.folder / "tabular.json"
        return load_json_file(path, SchemaError) if path.is_file() else None

    @property
    def openapi_path(self) -> Path | None:
        """Return the path of the OpenAPI document, for API standards."""
        path = self.folder / "openapi.json"
        return path if path.is_file() else None

    def example_files(self, kind: Literal["valid", "invalid"]) -> tuple[Path, ...]:
        """Return the example data files of one kind, without their expected-findings files."""
        folder = self.folder / "examples" / kind
        if not folder.is_dir():
            return ()
        return tuple(
            p
            for p in sorted(folder.iterdir())
            if p.is_file() and not p.name.endswith(".findings.json")
        )


class SchemaVersion(Protocol):
    """What rules and lint read of a version: a standard's own, or one with extensions applied."""

    @property
    def id(self) -> str:
        """Return the standard's id."""

    @property
    def version(self) -> str:
        """Return the version string."""

    @property
    def schema_uri(self) -> str:
        """Return the schema's `$id`."""

    @property
    def schema_path(self) -> Path:
        """Return the file that people edit to change the schema."""

    @property
    def schema(self) -> Mapping[str, Any]:
        """Return the parsed schema."""

    @property
    def codelists(self) -> Mapping[str, Codelist]:
        """Return the codelists keyed by their path relative to the version folder."""

    @property
    def openapi_path(self) -> Path | None:
        """Return the path of the OpenAPI document, for API standards."""

    @property
    def codelists_in_use(self) -> Mapping[str, Codelist]:
        """Return every codelist the schema uses, its own and those of definitions it refers to."""

    def resolve_ref(self, doc_uri: str, ref: str) -> tuple[str, Any] | None:
        """Return (document URI, subschema) that a `$ref` written in `doc_uri` names, or None."""

    def codelist_key(self, doc_uri: str, name: str) -> str:
        """Return how this version names a codelist that `doc_uri` names `name`."""

    def codelist_for(self, doc_uri: str, name: str) -> tuple[str, Codelist | None]:
        """Return the key of the codelist `name` written in `doc_uri`, and the codelist if found."""


class Catalogue:
    """Every standard under one root folder, read once."""

    def __init__(self, root: Path | None = None) -> None:
        """Read the registry settings and every manifest under `root`."""
        self.root = root or standards_root()
        settings = load_json_file(self.root / "registry.json", ManifestError)
        base = settings.get("base_uri")
        if not isinstance(base, str) or not base.endswith("/"):
            raise ManifestError(
                f"{self.root / 'registry.json'}: 'base_uri' must be a URI ending in '/'"
            )
        self.base_uri: str = base
        self._manifests: dict[str, Manifest] = {}
        for path in sorted(self.root.glob("*/standard.json")):
            manifest = read_manifest(path)
            if manifest.id != path.parent.name:
                raise ManifestError(
                    f"{path}: id {manifest.id!r} does not match its folder {path.parent.name!r}"
                )
            self._manifests[manifest.id] = manifest

    def __iter__(self) -> Iterator[Manifest]:
        """Iterate over the manifests in id order."""
        return iter(self._manifests.values())

    def __len__(self) -> int:
        """Return the number of standards."""
        return len(self._manifests)

    def manifest(self, standard_id: str) -> Manifest:
        """Return one standard's manifest."""
        try:
            return self._manifests[standard_id]
        except KeyError:
            known = ", ".join(self._manifests) or "none"
            raise StandardNotFoundError(
                f"there is no standard {standard_id!r}; known standards: {known}"
            ) from None

    def version(self, manifest: Manifest, entry: VersionEntry) -> StandardVersion:
        """Return the files of one listed version."""
        return StandardVersion(
            manifest, entry, self.root / manifest.id / entry.version, self.base_uri
        )

    def versions(self) -> Iterator[StandardVersion]:
        """Iterate over every version that has files (external standards have none)."""
        for manifest in self:
            if manifest.external:
                continue
            for entry in manifest.versions:
                yield self.version(manifest, entry)

    def select(self, selector: str, *, allow_draft: bool = False) -> StandardVersion:
        """Return the version named by `id`, `id@1`, `id@1.2` or `id@1.2.3`."""
        match = _SELECTOR.match(selector.strip())
        if not match:
            raise StandardNotFoundError(
                f"{selector!r} is not a standard name; write it as id, id@1, id@1.2 or id@1.2.3"
            )
        manifest = self.manifest(match["id"])
        if manifest.external:
            raise StandardNotFoundError(
                f"{manifest.id} is an external standard that lgstandards signposts but does not "
                f"ship; "
                f"download its schema from {manifest.homepage} and use --schema FILE"
            )
        wanted = match["version"]
        prefix = tuple(int(p) for p in wanted.split(".")) if wanted else ()
        matching = [e for e in manifest.versions if e.key[: len(prefix)] == prefix]
        if not matching:
            listed = ", ".join(e.version for e in manifest.versions)
            raise StandardNotFoundError(
                f"{manifest.id} has no version matching {wanted!r}; versions: {listed}"
            )
        exact = len(prefix) == 3
        usable = {Status.PUBLISHED, Status.DEPRECATED}
        if exact:
            usable |= {Status.CANDIDATE}
        if allow_draft:
            usable |= {Status.DRAFT, Status.CANDIDATE}
        candidates = sorted((e for e in matching if e.status in usable), key=lambda e: e.key)
        if not candidates:
            statuses = ", ".join(f"{e.version} ({e.status.value})" for e in matching)
            raise StandardNotFoundError(
                f"{selector} matches no released version of {manifest.id}: {statuses}"
                + ("" if allow_draft else "; drafts are only used when asked for explicitly")
            )
        # Prefer a published version over a deprecated one when both match a partial selector.
        published = [e for e in candidates if e.status is not Status.DEPRECATED]
        return self.version(manifest, (published or candidates)[-1])

    def schemas(self) -> Iterator[tuple[str, dict[str, Any]]]:
        """Iterate over (`$id`, schema) for every version's schema, for building a registry."""
        for version in self.versions():
            if version.schema_path.is_file():
                schema = version.schema
                yield str(schema.get("$id", version.schema_uri)), schema


def read_codelist(path: Path) -> Codelist:
    """Read one codelist file."""
    raw = load_json_file(path, SchemaError)
    return Codelist(
        id=str(raw.get("id", path.stem)),
        title=str(raw.get("title", path.stem)),
        open=bool(raw.get("open", False)),
        codes=tuple(raw.get("codes", ())),
        path=path,
    )


def read_manifest(path: Path) -> Manifest:
    """Read and check one manifest, naming the file and field in any error."""
    raw = load_json_file(path, ManifestError)
    try:
        return Manifest.from_json(raw)
    except MalformedManifest as exc:
        raise ManifestError(f"{path}: malformed manifest: {exc}") from None


def load_json_file(path: Path, error: type[Exception]) -> dict[str, Any]:
    """Load a JSON object from a file, raising `error` with the file and place when it cannot."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise error(f"{path}: file not found") from None
    except IsADirectoryError:
        raise error(f"{path}: is a folder, not a file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise error(f"{path}: cannot read: {exc}") from None
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(f"{path}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    except RecursionError:
        raise error(f"{path}: nested too deeply to read") from None
    if not isinstance(value, dict):
        raise error(f"{path}: expected a JSON object at the top level")
    return value


@functools.cache
def default_catalogue() -> Catalogue:
    """Return the catalogue of the installed standards, read once per process."""
    return Catalogue()


def catalogue(root: Path | None = None) -> Catalogue:
    """Return the catalogue of standards (the installed one unless `root` is given)."""
    return Catalogue(root) if root is not None else default_catalogue()
