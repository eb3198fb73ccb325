"""Extensions and profiles: local variation on a standard without forking it.

An *extension* adds fields and codes to a standard; a *profile* narrows a standard for one use,
such as the fields a contract requires. Both live in a folder of their own, beside the standards
(`standards/extensions/<id>/`, `standards/profiles/<id>/`) or anywhere a user keeps them:

    <id>/extension.json                 the manifest: kind, owner, base standard, versions
    <id>/CHANGELOG.md  <id>/README.md   what changed, and the page people read
    <id>/<x.y.z>/schema.patch.json      the patch, shaped like the base schema
    <id>/<x.y.z>/codelists/<name>.json  an extension's own codelist (named for its namespace)
    <id>/<x.y.z>/codelists/+<name>.json codes an extension adds to the base's codelist <name>
    <id>/<x.y.z>/examples/{valid,invalid}/

A patch is merged into the base schema by rules that never lose anything: objects merge key by
key; `required`, `enum` and `examples` are united; `allOf` is appended to; any other list the base
already has is refused (so a patch can never replace a list wholesale, the pitfall of JSON Merge
Patch); `null` is refused (nothing is ever removed: a profile forbids a property with `false`);
other values replace the base's. `lint` then compares base and result with the diff engine, so an
extension that loosens or contradicts its base, or a profile that widens it, is refused.

Nothing here touches the network: a manifest or `$schema` that names a URL is never fetched.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal
from urllib.parse import urldefrag, urljoin

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from lgstandards.development.declarations import DECLARATION as DECLARATION
from lgstandards.errors import LgstandardsError
from lgstandards.findings import join_pointer
from lgstandards.registry import (
    Catalogue,
    Codelist,
    StandardVersion,
    Status,
    load_json_file,
)

Kind = Literal["extension", "profile"]

#: Each kind's folder in a registry, beside the standards.
FOLDERS: Mapping[Kind, str] = {"extension": "extensions", "profile": "profiles"}

MANIFEST_NAME = "extension.json"
PATCH_NAME = "schema.patch.json"
#: The prefix of a codelist file whose codes are added to the base codelist of the same name.
ADDITIONS_PREFIX = "+"

#: The property every effective schema accepts at the top level, as every new version of a data
#: standard does: the record's own word on the schema it follows. A pattern, not `format: uri`,
#: which lint refuses as unportable (engines disagree on what a URI is).
DECLARATION_PROPERTY: Mapping[str, Any] = {
    "title": "Schema",
    "description": "The URI of the schema this record follows: a version of this standard, or an "
    "extension or profile of it. Validators may use it to choose the version.",
    "type": "string",
    "pattern": "^https?://",
}

_ID = r"^[a-z0-9]+(-[a-z0-9]+)*$"
_VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_PREFIX = re.compile(r"^[0-9]+(\.[0-9]+){0,2}$")
_SELECTOR = re.compile(
    r"^(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)(?:@(?P<version>[0-9]+(?:\.[0-9]+){0,2}))?$"
)

# Keywords whose value is a map of names to subschemas, one subschema, or united lists.
_NAME_MAPS = frozenset({"properties", "patternProperties", "$defs", "dependentSchemas"})
_ONE_SCHEMA = frozenset({
    "items", "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else",
})
_UNITED = frozenset({"required", "enum", "examples"})
_APPENDED = frozenset({"allOf"})


class ExtensionError(LgstandardsError):
    """An extension or profile cannot be found, read or applied to its base."""


class PatchError(ExtensionError):
    """A patch cannot be merged into its base: the file and the place in it are named."""

    def __init__(self, path: Path, pointer: str, problem: str) -> None:
        """Keep the file and place, for lint findings, with a message naming both."""
        super().__init__(f"{path}: at {pointer or 'the top level'}: {problem}")
        self.path = path
        self.pointer = pointer
        self.problem = problem


def article(kind: Kind) -> str:
    """Return 'an extension' or 'a profile'."""
    return "an extension" if kind == "extension" else "a profile"


def _version_key(text: str) -> tuple[int, ...]:
    """Return a version or version prefix as integers, for comparing."""
    return tuple(int(p) for p in text.split("."))


class ExtensionEntry(BaseModel):
    """One version of an extension or profile, and the versions of its base it fits."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    version: str
    status: Status
    released: date | None = None
    #: The exact base version the patch was written against, such as "1.0.0".
    base_version: str
    #: The base versions it may be applied to, as a prefix ("1" means any 1.x.y from
    #: base_version on); the base version's major by default.
    compatible: str | None = None
    #: When the version was deprecated, the day after which it may be retired, and the version
    #: of the same extension or profile that replaces it, as a standard's versions record them.
    deprecated_on: date | None = None
    sunset: date | None = None
    replaced_by: str | None = None
    notes: str | None = None

    @field_validator("version", "base_version", "replaced_by")
    @classmethod
    def _semver(cls, value: str | None) -> str | None:
        if value is not None and not _VERSION.match(value):
            raise ValueError(f"version {value!r} is not MAJOR.MINOR.PATCH, such as '1.0.0'")
        return value

    @model_validator(mode="after")
    def _compatible(self) -> ExtensionEntry:
        if self.compatible is not None:
            if not _PREFIX.match(self.compatible):
                raise ValueError(f"compatible {self.compatible!r} is not a version prefix such "
                                 "as '1' or '1.2'")
            prefix = _version_key(self.compatible)
            if _version_key(self.base_version)[: len(prefix)] != prefix:
                raise ValueError(f"base_version {self.base_version} is outside compatible "
                                 f"{self.compatible!r}")
        if self.status is not Status.DRAFT and self.released is None:
            raise ValueError(f"version {self.version} is released but has no 'released' date")
        retiring = {Status.DEPRECATED, Status.RETIRED}
        given = [name for name in ("deprecated_on", "sunset", "replaced_by")
                 if getattr(self, name) is not None]
        if given and self.status not in retiring:
            raise ValueError(f"version {self.version} is {self.status.value}, so it has no "
                             f"{', '.join(given)}: only a deprecated or retired version has")
        if self.replaced_by is not None and _version_key(self.replaced_by) <= self.key:
            raise ValueError(f"version {self.version} cannot be replaced by "
                             f"{self.replaced_by}, which is not newer")
        return self

    @property
    def key(self) -> tuple[int, ...]:
        """Return the version as a tuple of integers for ordering."""
        return _version_key(self.version)

    @property
    def base_key(self) -> tuple[int, ...]:
        """Return the base version the patch was written against, as integers."""
        return _version_key(self.base_version)

    @property
    def compatibility(self) -> str:
        """Return the prefix of base versions this version fits."""
        return self.compatible or self.base_version.split(".")[0]

    def fits(self, base_version: str) -> bool:
        """Return whether this version may be applied to a base version (x.y.z)."""
        prefix = _version_key(self.compatibility)
        wanted = _version_key(base_version)
        return wanted[: len(prefix)] == prefix and wanted >= _version_key(self.base_version)


class ExtensionManifest(BaseModel):
    """An extension's or profile's manifest, `extension.json`."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    id: str = Field(pattern=_ID)
    kind: Kind
    title: str = Field(min_length=1)
    description: str = Field(min_length=1)
    owner: str = Field(min_length=1)
    contact: str = Field(min_length=1)
    licence: str = Field(min_length=1)
    #: The id of the standard it extends or narrows.
    base: str = Field(pattern=_ID)
    #: An extension's prefix for everything it adds, in snake_case; profiles add nothing.
    namespace: str | None = Field(default=None, pattern=r"^[a-z][a-z0-9]*(_[a-z0-9]+)*$")
    homepage: str | None = None
    versions: tuple[ExtensionEntry, ...] = Field(min_length=1)

    @model_validator(mode="after")
    def _consistent(self) -> ExtensionManifest:
        seen = [v.version for v in self.versions]
        dupes = sorted({v for v in seen if seen.count(v) > 1})
        if dupes:
            raise ValueError(f"versions listed more than once: {', '.join(dupes)}")
        if self.kind == "extension" and self.namespace is None:
            raise ValueError("an extension needs a 'namespace', the snake_case prefix of every "
                             "field, definition and codelist it adds")
        if self.kind == "profile" and self.namespace is not None:
            raise ValueError("a profile adds nothing, so it has no 'namespace'")
        return self

    @property
    def codelist_prefix(self) -> str:
        """Return the file-name prefix of the extension's own codelists (kebab-case namespace)."""
        return (self.namespace or "").replace("_", "-") + "-"


@dataclass(frozen=True)
class ExtensionVersion:
    """One version of an extension or profile, with the paths of its files."""

    manifest: ExtensionManifest
    entry: ExtensionEntry
    folder: Path
    #: The registry's base URI, under which its URI is formed.
    base_uri: str
    #: True when read from a user's folder rather than the registry.
    local: bool = False

    @property
    def id(self) -> str:
        """Return the extension's id."""
        return self.manifest.id

    @property
    def kind(self) -> Kind:
        """Return 'extension' or 'profile'."""
        return self.manifest.kind

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
        """Return `id@version`."""
        return f"{self.id}@{self.version}"

    @property
    def base_ref(self) -> str:
        """Return the exact base version the patch was written against, `id@x.y.z`."""
        return f"{self.manifest.base}@{self.entry.base_version}"

    @property
    def uri(self) -> str:
        """Return the URI of its effective schema over its own base version.

        Registry ones live at `<base_uri><extensions|profiles>/<id>/<version>/schema.json`; one in
        a user's folder is named by the file URI of its version folder, which nobody fetches.
        """
        if self.local:
            return (self.folder / "schema.json").resolve().as_uri()
        return self.registry_uri

    @property
    def registry_uri(self) -> str:
        """Return the URI the version has, or would have, in the registry."""
        return f"{self.base_uri}{FOLDERS[self.kind]}/{self.id}/{self.version}/schema.json"

    @property
    def names(self) -> frozenset[str]:
        """Return the `$schema` values that name this version: a folder's copy answers to both."""
        return frozenset({self.uri, self.registry_uri})

    @property
    def patch_path(self) -> Path:
        """Return the path of the patch."""
        return self.folder / PATCH_NAME

    @functools.cached_property
    def patch(self) -> dict[str, Any]:
        """Return the parsed patch (an empty one when the version has none)."""
        if not self.patch_path.exists():
            return {}
        return load_json_file(self.patch_path, ExtensionError)

    @functools.cached_property
    def codelist_files(self) -> Mapping[str, Path]:
        """Return the version's codelist files by file name."""
        folder = self.folder / "codelists"
        if not folder.is_dir():
            return {}
        return {path.name: path for path in sorted(folder.glob("*.json"))}

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

    @property
    def changelog_path(self) -> Path:
        """Return the path of the extension's changelog."""
        return self.folder.parent / "CHANGELOG.md"

    @property
    def readme_path(self) -> Path:
        """Return the path of the extension's page for people."""
        return self.folder.parent / "README.md"


def layer_deprecation_message(layer: ExtensionVersion) -> str:
    """Return the warning for data checked with a deprecated extension or profile version."""
    entry = layer.entry
    message = f"{layer.ref} is deprecated"
    if entry.sunset is not None:
        message += f" and may be retired after {entry.sunset.isoformat()}"
    if entry.replaced_by is not None:
        message += f": move to {layer.id}@{entry.replaced_by}."
    else:
        message += "; plan a move to a newer version of it."
    if entry.notes:
        message += f" {entry.notes}"
    return message


def read_extension_manifest(path: Path) -> ExtensionManifest:
    """Read and check one manifest, naming the file and field in any error."""
    raw = load_json_file(path, ExtensionError)
    try:
        return ExtensionManifest.model_validate(raw)
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(top level)'}: "
            f"{str(err['msg']).removeprefix('Value error, ')}"
            for err in exc.errors()
        )
        raise ExtensionError(f"{path}: malformed manifest: {problems}") from None


def _choose(manifest: ExtensionManifest, wanted: str | None, allow_draft: bool,
            where: str, bases: Mapping[str, str] | None = None) -> ExtensionEntry:
    """Return the version a selector's version part names, as Catalogue.select does.

    When the base version to apply it to is known (`bases` maps standard ids to versions), the
    versions that fit it are preferred, so a new major of an extension for a new major of its
    base does not take the place of the one that fits the data's base version.
    """
    prefix = _version_key(wanted) if wanted else ()
    matching = [e for e in manifest.versions if e.key[: len(prefix)] == prefix]
    if not matching:
        listed = ", ".join(e.version for e in manifest.versions)
        raise ExtensionError(f"{where} has no version matching {wanted!r}; versions: {listed}")
    usable = {Status.PUBLISHED, Status.DEPRECATED}
    if len(prefix) == 3:
        usable |= {Status.CANDIDATE}
    if allow_draft:
        usable |= {Status.DRAFT, Status.CANDIDATE}
    candidates = sorted((e for e in matching if e.status in usable), key=lambda e: e.key)
    if not candidates:
        statuses = ", ".join(f"{e.version} ({e.status.value})" for e in matching)
        raise ExtensionError(
            f"{where} has no released version matching {wanted or 'any'}: {statuses}; drafts "
            "are only used with --draft"
        )
    base_version = (bases or {}).get(manifest.base)
    if base_version is not None:
        candidates = [e for e in candidates if e.fits(base_version)] or candidates
    published = [e for e in candidates if e.status is not Status.DEPRECATED]
    return (published or candidates)[-1]


def load_local(path: Path, *, base_uri: str, allow_draft: bool = False,
               bases: Mapping[str, str] | None = None) -> ExtensionVersion:
    """Read an extension or profile from a user's folder: its own folder, or one version's."""
    folder = path.resolve()
    if (folder / MANIFEST_NAME).is_file():
        manifest = read_extension_manifest(folder / MANIFEST_NAME)
        entry = _choose(manifest, None, allow_draft, str(path), bases)
        return ExtensionVersion(manifest, entry, folder / entry.version, base_uri, local=True)
    if (folder.parent / MANIFEST_NAME).is_file():
        manifest = read_extension_manifest(folder.parent / MANIFEST_NAME)
        # A version folder names one version exactly, whatever its status: it was asked for.
        exact = next((e for e in manifest.versions if e.version == folder.name), None)
        if exact is None:
            listed = ", ".join(e.version for e in manifest.versions)
            raise ExtensionError(f"{path}: {folder.name!r} is not a version listed in "
                                 f"{folder.parent / MANIFEST_NAME} ({listed})")
        return ExtensionVersion(manifest, exact, folder, base_uri, local=True)
    raise ExtensionError(f"{path}: no {MANIFEST_NAME} here or in the folder above, so this is "
                         "not an extension or profile")


def local_versions(path: Path, *, base_uri: str) -> list[ExtensionVersion]:
    """Return every version of an extension or profile in a user's folder (or the one named)."""
    folder = path.resolve()
    if (folder / MANIFEST_NAME).is_file():
        manifest = read_extension_manifest(folder / MANIFEST_NAME)
        return [ExtensionVersion(manifest, entry, folder / entry.version, base_uri, local=True)
                for entry in manifest.versions]
    return [load_local(path, base_uri=base_uri, allow_draft=True)]


def looks_like_path(text: str) -> bool:
    """Return whether an --extension or --profile value is a folder rather than an id.

    It is a folder when it cannot be an id, or when it is a folder holding a manifest (or a
    version folder of one): the files people are working on win over the registry's.
    """
    return not is_selector(text) or is_layer_folder(Path(text))


def is_selector(text: str) -> bool:
    """Return whether text can be an id such as `garden-waste-subscription@1`."""
    return _SELECTOR.match(text.strip()) is not None


def is_layer_folder(path: Path) -> bool:
    """Return whether a folder is an extension's or profile's, or a version folder of one."""
    return (path / MANIFEST_NAME).is_file() or (path.parent / MANIFEST_NAME).is_file()


class Extensions:
    """The extensions and profiles of one registry, read on first use."""

    def __init__(self, cat: Catalogue) -> None:
        """Remember the registry; nothing is read until asked for."""
        self.catalogue = cat
        self.root = cat.root

    @functools.cached_property
    def _read(self) -> tuple[dict[str, ExtensionManifest], dict[str, str]]:
        """Read every manifest: (id -> manifest, manifest path -> problem for broken ones)."""
        found: dict[str, ExtensionManifest] = {}
        problems: dict[str, str] = {}
        for kind, name in FOLDERS.items():
            for path in sorted((self.root / name).glob(f"*/{MANIFEST_NAME}")):
                try:
                    manifest = read_extension_manifest(path)
                except ExtensionError as exc:
                    problems[str(path)] = str(exc)
                    continue
                if manifest.id != path.parent.name or manifest.kind != kind:
                    problems[str(path)] = (
                        f"{path}: {article(manifest.kind)} with id {manifest.id!r} belongs in "
                        f"{FOLDERS[manifest.kind]}/{manifest.id}/, not {name}/{path.parent.name}/"
                    )
                    continue
                if manifest.id in found:
                    problems[str(path)] = (
                        f"{path}: the id {manifest.id!r} is taken by "
                        f"{article(found[manifest.id].kind)}; extensions and profiles share one "
                        "set of ids"
                    )
                    continue
                found[manifest.id] = manifest
        return found, problems

    @property
    def manifests(self) -> tuple[ExtensionManifest, ...]:
        """Return every readable manifest, in id order."""
        return tuple(sorted(self._read[0].values(), key=lambda m: m.id))

    @property
    def problems(self) -> Mapping[str, str]:
        """Return the manifests that could not be read, by path, with the reason."""
        return self._read[1]

    def folder(self, manifest: ExtensionManifest) -> Path:
        """Return the folder of one extension or profile."""
        return self.root / FOLDERS[manifest.kind] / manifest.id

    def version(self, manifest: ExtensionManifest, entry: ExtensionEntry) -> ExtensionVersion:
        """Return the files of one listed version."""
        return ExtensionVersion(manifest, entry, self.folder(manifest) / entry.version,
                                self.catalogue.base_uri)

    def versions(self) -> Iterator[ExtensionVersion]:
        """Iterate over every version of every extension and profile."""
        for manifest in self.manifests:
            for entry in manifest.versions:
                yield self.version(manifest, entry)

    def select(self, selector: str, kind: Kind, *, allow_draft: bool = False,
               bases: Mapping[str, str] | None = None) -> ExtensionVersion:
        """Return the version `id`, `id@1`, `id@1.2` or `id@1.2.3` names, of the kind asked for.

        `bases` maps a standard's id to the version it will be applied to, when that is known.
        """
        match = _SELECTOR.match(selector.strip())
        if not match:
            raise ExtensionError(
                f"{selector!r} is not {article(kind)} name or folder; write it as id, id@1, "
                "id@1.2 or id@1.2.3, or give the path of its folder"
            )
        manifests, problems = self._read
        manifest = manifests.get(match["id"])
        if manifest is None:
            broken = [p for p in problems if Path(p).parent.name == match["id"]]
            if broken:
                raise ExtensionError(problems[broken[0]])
            known = ", ".join(m.id for m in self.manifests if m.kind == kind) or "none"
            raise ExtensionError(f"there is no {kind} {match['id']!r} in the registry and no "
                                 f"folder of that name; known {FOLDERS[kind]}: {known}")
        if manifest.kind != kind:
            raise ExtensionError(
                f"{manifest.id} is {article(manifest.kind)}, not {article(kind)}: give it with "
                f"--{manifest.kind}"
            )
        entry = _choose(manifest, match["version"], allow_draft, manifest.id, bases)
        return self.version(manifest, entry)

    def load(self, text: str, kind: Kind, *, allow_draft: bool = False,
             bases: Mapping[str, str] | None = None) -> ExtensionVersion:
        """Return the extension or profile a command-line value names: a folder, or an id."""
        if looks_like_path(text):
            found = load_local(Path(text), base_uri=self.catalogue.base_uri,
                               allow_draft=allow_draft, bases=bases)
            if found.kind != kind:
                raise ExtensionError(
                    f"{text} is {article(found.kind)}, not {article(kind)}: give it with "
                    f"--{found.kind}"
                )
            return found
        return self.select(text, kind, allow_draft=allow_draft, bases=bases)

    def by_uri(self, uri: str) -> ExtensionVersion | None:
        """Return the registry's extension or profile version whose URI this is, if any."""
        base = self.catalogue.base_uri
        for kind, name in FOLDERS.items():
            prefix = f"{base}{name}/"
            if not (uri.startswith(prefix) and uri.endswith("/schema.json")):
                continue
            parts = uri[len(prefix):-len("/schema.json")].split("/")
            if len(parts) != 2:
                return None
            manifest = self._read[0].get(parts[0])
            if manifest is None or manifest.kind != kind:
                return None
            entry = next((e for e in manifest.versions if e.version == parts[1]), None)
            return self.version(manifest, entry) if entry is not None else None
        return None


@functools.lru_cache(maxsize=32)
def _extensions_of(cat: Catalogue) -> Extensions:
    return Extensions(cat)


def extensions(cat: Catalogue) -> Extensions:
    """Return the extensions and profiles of a registry, read once per catalogue."""
    return _extensions_of(cat)


# -- merging -------------------------------------------------------------------------------------


def _no_nulls(value: Any, path: Path, pointer: tuple[str, ...]) -> Any:
    """Return the value, refusing a null anywhere inside it."""
    if value is None:
        raise PatchError(path, join_pointer(pointer),
                         "null would remove something from the base, which extensions and "
                         "profiles never do; a profile forbids a property with false")
    if isinstance(value, dict):
        for key, sub in value.items():
            _no_nulls(sub, path, (*pointer, key))
    elif isinstance(value, list):
        for index, sub in enumerate(value):
            _no_nulls(sub, path, (*pointer, str(index)))
    return value


def merge_schema(base: Any, patch: Any, path: Path, pointer: tuple[str, ...] = ()) -> Any:
    """Return the base schema with a patch merged in, by the rules the module describes."""
    if patch is None or not isinstance(patch, dict) or not isinstance(base, dict):
        # A boolean or a new kind of value replaces what was there; lint judges the change.
        return _no_nulls(patch, path, pointer)
    out = dict(base)
    for key, value in patch.items():
        here = (*pointer, key)
        if value is None or key not in base:
            out[key] = _no_nulls(value, path, here)
        elif key in _NAME_MAPS and isinstance(value, dict) and isinstance(base[key], dict):
            merged = dict(base[key])
            for name, sub in value.items():
                merged[name] = (merge_schema(base[key][name], sub, path, (*here, name))
                                if name in base[key] else _no_nulls(sub, path, (*here, name)))
            out[key] = merged
        elif key in _ONE_SCHEMA:
            out[key] = merge_schema(base[key], value, path, here)
        elif key in _UNITED or key in _APPENDED:
            if not isinstance(value, list) or not isinstance(base[key], list):
                raise PatchError(path, join_pointer(here), f"{key} must be a list, as in the base")
            _no_nulls(value, path, here)
            if key in _APPENDED:
                out[key] = [*base[key], *value]
            else:
                out[key] = [*base[key], *(v for v in value if v not in base[key])]
        elif isinstance(value, list) or isinstance(base[key], list):
            raise PatchError(
                path, join_pointer(here),
                f"the base has {key} already, and a patch cannot merge two {key} lists (only "
                "required, enum and examples are united, and allOf appended to); add an allOf "
                "entry instead",
            )
        elif isinstance(value, dict) and isinstance(base[key], dict):
            out[key] = merge_schema(base[key], value, path, here)
        else:
            out[key] = value
    return out


@dataclass(frozen=True, slots=True)
class Addition:
    """A name a patch adds to its base: a property, a definition, or a property beside a `$ref`."""

    pointer: str
    name: str
    kind: Literal["property", "definition", "beside-ref"]


def additions(base: Any, patch: Any, pointer: tuple[str, ...] = ()) -> Iterator[Addition]:
    """Yield every property and definition name a patch adds where its base has none."""
    if not isinstance(base, dict) or not isinstance(patch, dict):
        return
    for key, value in patch.items():
        here = (*pointer, key)
        if key in _NAME_MAPS and isinstance(value, dict):
            old = base.get(key)
            old = old if isinstance(old, dict) else {}
            for name, sub in value.items():
                if name in old:
                    yield from additions(old[name], sub, (*here, name))
                elif key == "$defs":
                    yield Addition(join_pointer((*here, name)), name, "definition")
                else:
                    # Beside a $ref, a new property changes nothing: the referenced object,
                    # which does not know it, still refuses it.
                    kind: Literal["property", "beside-ref"] = (
                        "beside-ref" if key == "properties" and "$ref" in base else "property"
                    )
                    yield Addition(join_pointer((*here, name)), name, kind)
        elif key in _ONE_SCHEMA or (isinstance(value, dict) and key not in _NAME_MAPS):
            yield from additions(base.get(key), value, here)
        elif key in _APPENDED and isinstance(value, list):
            # A new allOf entry adds no field of its own: what it constrains must exist already.
            continue


def _codelist_from(path: Path, raw: Mapping[str, Any]) -> Codelist:
    """Return a codelist read from a file."""
    codes = raw.get("codes", ())
    if not isinstance(codes, list) or not all(isinstance(c, dict) and "code" in c for c in codes):
        raise ExtensionError(f"{path}: 'codes' must be a list of objects with a 'code'")
    return Codelist(
        id=str(raw.get("id", path.stem)),
        title=str(raw.get("title", path.stem)),
        open=bool(raw.get("open", False)),
        codes=tuple(codes),
        path=path,
    )


def merged_codelists(base: Mapping[str, Codelist], layers: Sequence[ExtensionVersion]
                     ) -> dict[str, Codelist]:
    """Return the base's codelists with each layer's own codelists and additions."""
    out = dict(base)
    for layer in layers:
        for name, path in layer.codelist_files.items():
            raw = load_json_file(path, ExtensionError)
            if name.startswith(ADDITIONS_PREFIX):
                key = f"codelists/{name[len(ADDITIONS_PREFIX):]}"
                target = out.get(key)
                if target is None:
                    raise ExtensionError(
                        f"{path}: adds codes to {key}, which {layer.base_ref} does not have"
                    )
                added = _codelist_from(path, raw)
                known = target.values
                out[key] = Codelist(
                    target.id, target.title, target.open,
                    (*target.codes, *(c for c in added.codes if str(c["code"]) not in known)),
                    target.path,
                )
            else:
                out[f"codelists/{name}"] = _codelist_from(path, raw)
    return out


# -- effective versions --------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class EffectiveVersion:
    """A base standard version with extensions and a profile applied: what data is checked against.

    It offers what rules and lint read of a StandardVersion (id, version, schema, codelists), so a
    standard's rules run on extended data unchanged.
    """

    base: StandardVersion
    layers: tuple[ExtensionVersion, ...]
    #: The effective schema, self-contained (every `$ref` local), with its own `$id`.
    schema: Mapping[str, Any]
    codelists: Mapping[str, Codelist]
    schema_uri: str

    @property
    def id(self) -> str:
        """Return the base standard's id (rules are chosen by it)."""
        return self.base.id

    @property
    def version(self) -> str:
        """Return the base version (rules are chosen by its major)."""
        return self.base.version

    @property
    def ref(self) -> str:
        """Return the name of what is checked: `base@x.y.z+ext@a.b.c+profile@d.e.f`."""
        return "+".join((self.base.ref, *(layer.ref for layer in self.layers)))

    @property
    def schema_path(self) -> Path:
        """Return the file people fix: the last layer's patch."""
        return self.layers[-1].patch_path if self.layers else self.base.schema_path

    @property
    def openapi_path(self) -> Path | None:
        """Return None: extensions and profiles are of data standards."""
        return None

    @property
    def tabular(self) -> dict[str, Any] | None:
        """Return the base's CSV form (fields an extension adds have no column)."""
        return self.base.tabular

    @property
    def extensions(self) -> tuple[ExtensionVersion, ...]:
        """Return the extensions applied."""
        return tuple(layer for layer in self.layers if layer.kind == "extension")

    @property
    def profile(self) -> ExtensionVersion | None:
        """Return the profile applied, if any."""
        return next((layer for layer in self.layers if layer.kind == "profile"), None)

    @property
    def codelists_in_use(self) -> Mapping[str, Codelist]:
        """Return the base's codelists in use with the layers' codes and codelists merged in."""
        return {**self.base.codelists_in_use, **self.codelists}

    def resolve_ref(self, doc_uri: str, ref: str) -> tuple[str, Any] | None:
        """Return (document URI, subschema) that a `$ref` names: in the effective schema or not."""
        uri, fragment = urldefrag(urljoin(doc_uri, ref))
        if uri != self.schema_uri:
            return self.base.resolve_ref(doc_uri, ref)
        node: Any = self.schema
        for part in fragment.split("/")[1:] if fragment.startswith("/") else ():
            part = part.replace("~1", "/").replace("~0", "~")
            if isinstance(node, Mapping) and part in node:
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return None
        return uri, node

    def codelist_key(self, doc_uri: str, name: str) -> str:
        """Return how this version names a codelist: as the base names it."""
        # The effective schema has a URI of its own, but its codelist names are the base's.
        return self.base.codelist_key(self.base.schema_uri if doc_uri == self.schema_uri
                                      else doc_uri, name)

    def codelist_for(self, doc_uri: str, name: str) -> tuple[str, Codelist | None]:
        """Return the key of a codelist and the codelist, with the layers' codes merged in."""
        key = self.codelist_key(doc_uri, name)
        merged = self.codelists.get(key)
        if merged is not None:
            return key, merged
        return self.base.codelist_for(
            self.base.schema_uri if doc_uri == self.schema_uri else doc_uri, name)

    @property
    def accepted_uris(self) -> frozenset[str]:
        """Return the `$schema` values that name what this checks against.

        With a profile, its URI; otherwise each extension's (a record names one URI, so any of
        them counts); with neither, the base version's.
        """
        profile = self.profile
        if profile is not None:
            return profile.names
        if self.layers:
            return frozenset(uri for layer in self.layers for uri in layer.names)
        return frozenset({self.base.schema_uri})


def bundled_base(base: StandardVersion, cat: Catalogue) -> dict[str, Any]:
    """Return a base version's schema self-contained, as `publish` bundles it."""
    from lgstandards.publish import bundle

    return bundle(base.schema, dict(cat.schemas()), bundle_id=base.schema_uri, base=cat.base_uri)


def check_fit(base: StandardVersion, layers: Sequence[ExtensionVersion]) -> None:
    """Raise ExtensionError unless the layers may be applied to the base together, in order."""
    seen: dict[str, ExtensionVersion] = {}
    namespaces: dict[str, ExtensionVersion] = {}
    for index, layer in enumerate(layers):
        if layer.manifest.base != base.id:
            raise ExtensionError(
                f"{layer.ref} is {article(layer.kind)} of {layer.manifest.base}, not of {base.id}"
            )
        if not layer.entry.fits(base.version):
            raise ExtensionError(
                f"{layer.ref} fits {base.id} {layer.entry.compatibility}.x from "
                f"{layer.entry.base_version}, not {base.ref}; choose a version of {base.id} it "
                "fits with --standard"
            )
        if layer.kind == "profile" and index != len(layers) - 1:
            raise ExtensionError("give at most one profile; it applies after the extensions")
        if layer.id in seen:
            raise ExtensionError(f"{layer.id} is given twice ({seen[layer.id].ref}, {layer.ref})")
        seen[layer.id] = layer
        space = layer.manifest.namespace
        if space is not None:
            for other_space, other in namespaces.items():
                if (space == other_space or space.startswith(other_space + "_")
                        or other_space.startswith(space + "_")):
                    raise ExtensionError(
                        f"{layer.ref} and {other.ref} have overlapping namespaces ({space!r}, "
                        f"{other_space!r}), so their fields could clash; they cannot be used "
                        "together"
                    )
            namespaces[space] = layer


def compose(base: StandardVersion, layers: Sequence[ExtensionVersion], cat: Catalogue
            ) -> EffectiveVersion:
    """Apply extensions (then at most one profile) to a base version: the effective version."""
    from lgstandards.publish import bundle

    chosen = tuple(layers)
    check_fit(base, chosen)
    merged: Any = dict(base.schema)
    for layer in chosen:
        patch = layer.patch
        merged = merge_schema(merged, patch, layer.patch_path)
    properties = merged.get("properties")
    if isinstance(properties, dict) and DECLARATION not in properties:
        # The records of a base version from before `$schema` can still say what they follow.
        merged["properties"] = {DECLARATION: dict(DECLARATION_PROPERTY), **properties}
    if len(chosen) == 1 and chosen[0].entry.base_version == base.version:
        uri = chosen[0].uri
    elif chosen:
        # A combination nobody publishes: named, never fetched.
        uri = "urn:lgstandards:" + "+".join((base.ref, *(layer.ref for layer in chosen)))
    else:
        uri = base.schema_uri
    resources = dict(cat.schemas())
    try:
        schema = bundle({**merged, "$id": base.schema_uri}, resources, bundle_id=uri,
                        base=cat.base_uri)
    except LgstandardsError as exc:
        where = chosen[-1].patch_path if chosen else base.schema_path
        raise ExtensionError(f"{where}: {exc}") from None
    names = ", ".join(f"{layer.kind} {layer.ref}" for layer in chosen) or "nothing"
    schema["$comment"] = (
        f"The effective schema of {base.ref} with {names} applied, in one file (every $ref is "
        "local). Generated by lgstandards."
    )
    return EffectiveVersion(base, chosen, schema, merged_codelists(base.codelists, chosen), uri)


def effective_json(version: EffectiveVersion) -> str:
    """Return the effective schema as the JSON text `publish` writes."""
    return json.dumps(version.schema, indent=2, ensure_ascii=False) + "\n"
