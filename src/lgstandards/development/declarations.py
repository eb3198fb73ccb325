"""What a record's `$schema` names: a standard version, an extension or a profile, never fetched.

Records may say which schema they follow with a top-level `$schema`. This module turns such a URI
into what lgstandards knows by it (`resolve`), builds the rules that warn when a record names
something other than what it was checked against (`declaration_rules`), and chooses what each
file is checked against when no standard was given (`route`).

The URIs known are the registry's own: `<base_uri><id>/<version>/schema.json` (or
`schema.bundled.json`, or an alias folder such as `latest`, `1` or `1.0`) for a standard version,
and `<base_uri>extensions/<id>/<version>/schema.json` or `<base_uri>profiles/...` for an
extension or profile. Any other URI is unknown: it is reported, and never downloaded.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urldefrag

from lgstandards.errors import LgstandardsError
from lgstandards.findings import Severity
from lgstandards.registry import Catalogue, StandardVersion, Status
from lgstandards.rules.base import Hit, RecordContext, Rule

if TYPE_CHECKING:
    from lgstandards.development.extensions import ExtensionVersion

#: The key by which a record names the schema it follows.
DECLARATION = "$schema"

#: The file names a standard version is published under.
_SCHEMA_FILES = ("schema.json", "schema.bundled.json")

class UnknownDeclaration(LgstandardsError):
    """A `$schema` URI names nothing lgstandards knows (or only a draft, when drafts are off)."""


@dataclass(frozen=True)
class Target:
    """What data is checked against: a base standard version and the layers applied to it."""

    base: StandardVersion
    layers: tuple[ExtensionVersion, ...] = ()

    @property
    def ref(self) -> str:
        """Return `base@x.y.z`, followed by `+layer@a.b.c` for each extension or profile."""
        return "+".join((self.base.ref, *(layer.ref for layer in self.layers)))

    @property
    def extensions(self) -> tuple[str, ...]:
        """Return the extensions as exact refs or, for a user's folders, paths."""
        return tuple(_name(layer) for layer in self.layers if layer.kind == "extension")

    @property
    def profile(self) -> str | None:
        """Return the profile as an exact ref or a path, if there is one."""
        return next((_name(layer) for layer in self.layers if layer.kind == "profile"), None)

    def describe(self) -> str:
        """Return what the target is, for people."""
        if not self.layers:
            return self.base.ref
        layer = self.layers[-1]
        return f"the {layer.kind} {layer.ref} of {self.base.ref}"


def _name(layer: ExtensionVersion) -> str:
    """Return how a recipe names a layer: its exact ref, or its version folder's path."""
    return str(layer.folder) if layer.local else layer.ref


def standard_uris(version: StandardVersion, cat: Catalogue) -> frozenset[str]:
    """Return every URI that names a standard version: its own, its bundle's and its aliases'."""
    folders = [version.version]
    major, minor, _ = version.entry.key
    for alias, selector in (("latest", version.id), (str(major), f"{version.id}@{major}"),
                            (f"{major}.{minor}", f"{version.id}@{major}.{minor}")):
        try:
            if cat.select(selector).version == version.version:
                folders.append(alias)
        except LgstandardsError:
            continue  # Only drafts match: no alias points there.
    return frozenset(
        f"{cat.base_uri}{version.id}/{folder}/{name}"
        for folder in folders
        for name in _SCHEMA_FILES
    )


def resolve(uri: str, cat: Catalogue, *, allow_draft: bool = False) -> Target:
    """Return what a `$schema` URI names, or raise UnknownDeclaration saying why not."""
    plain = urldefrag(uri.strip())[0]
    base = cat.base_uri
    if not plain.startswith(base):
        raise UnknownDeclaration(
            f"{uri!r} is not under the registry's address {base}, so lgstandards does not know it "
            "(it never downloads schemas)"
        )
    # Imported here: the extensions' manifests are read only for a record naming something else.
    from lgstandards.development.extensions import extensions

    layer = extensions(cat).by_uri(plain)
    if layer is not None:
        if layer.status is Status.DRAFT and not allow_draft:
            raise UnknownDeclaration(f"{uri!r} names {layer.ref}, a draft; drafts are only used "
                                     "with --draft")
        try:
            target = cat.select(layer.base_ref, allow_draft=True)
        except LgstandardsError as exc:
            raise UnknownDeclaration(f"{uri!r} names {layer.ref}, whose base cannot be used: "
                                     f"{exc}") from None
        return Target(target, (layer,))
    parts = plain[len(base):].split("/")
    if len(parts) == 3 and parts[2] in _SCHEMA_FILES:
        standard, folder, _ = parts
        selector = standard if folder == "latest" else f"{standard}@{folder}"
        try:
            version = cat.select(selector, allow_draft=allow_draft)
        except LgstandardsError as exc:
            raise UnknownDeclaration(f"{uri!r} names nothing lgstandards can use: {exc}") from None
        if folder.count(".") == 2 and version.version != folder:
            raise UnknownDeclaration(f"{uri!r} names {standard}@{folder}, which does not exist")
        return Target(version)
    raise UnknownDeclaration(f"{uri!r} is not the address of a standard version, extension or "
                             "profile in this registry")


def declared(record: Any) -> str | None:
    """Return a record's `$schema` when it is text, else None."""
    if isinstance(record, dict):
        value = record.get(DECLARATION)
        if isinstance(value, str):
            return value
    return None


def declaration_rules(
    accepted: Iterable[str], checked: str, cat: Catalogue
) -> tuple[Rule, Rule]:
    """Return the rules that warn when a record's `$schema` names another schema, or none known.

    `accepted` are the URIs that name what the records are checked against, `checked` its name.
    """
    expected = frozenset(accepted)
    named: dict[str, str | None] = {}

    def describe(uri: str) -> str | None:
        """Return what a URI names, or None when it names nothing known (kept per run)."""
        if uri not in named:
            if len(named) >= 1024:  # A file of made-up URIs must not grow this without end.
                named.clear()
            try:
                named[uri] = resolve(uri, cat, allow_draft=True).describe()
            except LgstandardsError:
                named[uri] = None
        return named[uri]

    def scan(ctx: RecordContext) -> Mapping[str, Sequence[Hit]]:
        """Compare the record's `$schema` with what it is checked against."""
        uri = declared(ctx.record)
        if uri is None or uri in expected:
            return {}
        what = describe(uri)
        if what is None:
            return {"declaration.unknown": [Hit(
                f"/{DECLARATION}",
                f"$schema names {uri!r}, which is not a standard version, extension or profile "
                f"lgstandards knows (it is never downloaded); the record was checked against "
                f"{checked}.",
                uri,
            )]}
        return {"declaration.mismatch": [Hit(
            f"/{DECLARATION}",
            f"The record says it follows {what}, but it was checked against {checked}; check it "
            "against what its $schema names, or correct its $schema.",
            uri,
        )]}

    def quiet() -> Mapping[str, Any]:
        """Say that the record names no schema, or one of those it is checked against."""
        return {"properties": {DECLARATION: {"enum": sorted(expected)}}}

    return (
        Rule("declaration.mismatch", Severity.WARNING,
             "The record's $schema names another schema",
             "Check the data against what its $schema names (leave out --standard), or correct "
             "the $schema.", scan=scan, quiet=quiet),
        Rule("declaration.unknown", Severity.WARNING,
             "The record's $schema names an unknown schema",
             "Use the address of a standard version, extension or profile as its page gives it.",
             scan=scan, quiet=quiet),
    )


@dataclass(frozen=True)
class Unrouted:
    """A file that cannot be checked without a standard: its path and why."""

    path: str
    reason: str


def first_declaration(path: Path) -> str | None:
    """Return the `$schema` of a file's first record, or raise UnknownDeclaration saying why not."""
    from lgstandards.findings import Finding
    from lgstandards.sources import Source, detect_format

    try:
        with path.open("rb") as handle:
            head = handle.read(65536)
    except OSError as exc:
        raise UnknownDeclaration(f"cannot be read: {exc.strerror or exc}") from None
    fmt = detect_format(str(path), head)
    if fmt == "csv":
        raise UnknownDeclaration("a CSV file cannot say which standard it follows")
    items = Source(str(path), fmt, path=path).items()
    try:
        for item in items:
            if isinstance(item, Finding):
                raise UnknownDeclaration(f"its first record cannot be read: {item.message}")
            return declared(item.data)
    finally:
        close: Callable[[], None] | None = getattr(items, "close", None)
        if close is not None:
            close()
    return None


def route(files: Sequence[Path], cat: Catalogue, *, allow_draft: bool = False
          ) -> tuple[dict[str, tuple[Target, list[str]]], list[Unrouted]]:
    """Group files by what their first record's `$schema` names: (ref -> target, files), others."""
    from lgstandards.development.extensions import ExtensionError

    routed: dict[str, tuple[Target, list[str]]] = {}
    others: list[Unrouted] = []
    for path in files:
        try:
            uri = first_declaration(path)
            if uri is None:
                raise UnknownDeclaration("its first record has no $schema")
            target = resolve(uri, cat, allow_draft=allow_draft)
        except (UnknownDeclaration, ExtensionError) as exc:
            others.append(Unrouted(str(path), str(exc)))
            continue
        routed.setdefault(target.ref, (target, []))[1].append(str(path))
    return routed, others
