"""Publishing extensions and profiles: their files, schemas, index entries and pages.

Each released version of an extension or profile in the registry is published at
`<base>extensions/<id>/<version>/` (or `profiles/...`): `schema.json`, the effective schema over
the base version it was written against, self-contained, whose `$id` is that permanent address;
`schema.patch.json`, the patch as written; its codelists and examples; and a page saying who owns
it, what it is of, and the fields it adds or requires. `<id>/index.html` is the page of the
extension itself, with its README, versions and changelog.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from lgstandards import site
from lgstandards.development.extensions import (
    ADDITIONS_PREFIX,
    DECLARATION,
    FOLDERS,
    MANIFEST_NAME,
    PATCH_NAME,
    EffectiveVersion,
    ExtensionError,
    ExtensionManifest,
    ExtensionVersion,
    compose,
    extensions,
)
from lgstandards.development.typescript import TYPES_NAME
from lgstandards.errors import LgstandardsError
from lgstandards.fields import FieldRow, field_rows
from lgstandards.registry import Catalogue, Codelist, Status, load_json_file

_e = site._e
_href = site._href

#: The file that describes an extension for people, rendered on its page.
README_NAME = "README.md"


@dataclass(frozen=True)
class Published:
    """One released extension or profile version, with its effective schema."""

    layer: ExtensionVersion
    effective: EffectiveVersion

    @property
    def folder(self) -> str:
        """Return its folder in the tree, such as 'extensions/garden-waste-subscription/1.0.0'."""
        return f"{FOLDERS[self.layer.kind]}/{self.layer.id}/{self.layer.version}"

    @property
    def home(self) -> str:
        """Return the folder of the extension itself in the tree."""
        return f"{FOLDERS[self.layer.kind]}/{self.layer.id}"


#: The fields a deprecated version may carry, copied to index.json when set.
_DEPRECATION = ("deprecated_on", "sunset", "replaced_by")


def published_layers(cat: Catalogue, *, include_drafts: bool = False) -> list[Published]:
    """Return the extension and profile versions that go into the tree, with their schemas."""
    from lgstandards.publish import PublishError

    registry = extensions(cat)
    if registry.problems:
        problem = next(iter(registry.problems.values()))
        raise PublishError(f"{problem}; run `lgstandards lint`")
    chosen: list[Published] = []
    for layer in registry.versions():
        if layer.status is Status.DRAFT and not include_drafts:
            continue
        if not layer.folder.is_dir():
            raise PublishError(f"{layer.ref} is listed in {layer.folder.parent / MANIFEST_NAME} "
                               f"but {layer.folder} does not exist")
        try:
            base = cat.select(layer.base_ref, allow_draft=True)
            effective = compose(base, [layer], cat)
        except LgstandardsError as exc:
            raise PublishError(f"cannot publish {layer.ref}: {exc}") from None
        chosen.append(Published(layer, effective))
    return chosen


def _json_bytes(value: Any) -> bytes:
    """Return JSON text as UTF-8 bytes: two-space indent and a final newline."""
    return (json.dumps(value, indent=2, ensure_ascii=False) + "\n").encode()


def add_files(files: dict[str, bytes], layers: Sequence[Published], cat: Catalogue,
              base: str) -> None:
    """Add every file of the published layers to the tree, rebased onto `base`."""
    from lgstandards.publish import rebase, rebase_text

    homes: dict[str, ExtensionVersion] = {}
    for item in layers:
        layer = item.layer
        homes[item.home] = layer
        files[f"{item.folder}/schema.json"] = _json_bytes(
            rebase(dict(item.effective.schema), cat.base_uri, base))
        for path in sorted(p for p in layer.folder.rglob("*") if p.is_file()):
            relative = path.relative_to(layer.folder).as_posix()
            files[f"{item.folder}/{relative}"] = rebase_text(path.read_bytes(), cat.base_uri, base)
    for home, layer in homes.items():
        for name in (MANIFEST_NAME, "CHANGELOG.md", README_NAME):
            path = layer.folder.parent / name
            if path.is_file():
                files[f"{home}/{name}"] = rebase_text(path.read_bytes(), cat.base_uri, base)


def index_entries(layers: Sequence[Published], files: Mapping[str, bytes], base: str
                  ) -> list[dict[str, Any]]:
    """Return the `extensions` list of index.json: each extension or profile and its versions."""
    import hashlib

    by_id: dict[str, list[Published]] = {}
    for item in layers:
        by_id.setdefault(item.layer.id, []).append(item)
    out = []
    for layer_id in sorted(by_id):
        items = sorted(by_id[layer_id], key=lambda i: i.layer.entry.key)
        manifest = items[0].layer.manifest
        versions = []
        for item in items:
            entry = item.layer.entry
            prefix = item.folder + "/"
            versions.append({
                "version": entry.version,
                "status": entry.status.value,
                "released": entry.released.isoformat() if entry.released else None,
                "base_version": entry.base_version,
                "compatible": entry.compatibility,
                "notes": entry.notes,
                # A deprecated version's dates and replacement, for tools that warn about it.
                **{name: str(getattr(entry, name)) for name in _DEPRECATION
                   if getattr(entry, name) is not None},
                "path": prefix,
                "page": f"{base}{prefix}index.html",
                "schema": f"{base}{prefix}schema.json",
                "patch": f"{base}{prefix}{PATCH_NAME}",
                "types": f"{base}{prefix}{TYPES_NAME}" if prefix + TYPES_NAME in files else None,
                "files": [
                    {"path": path[len(prefix):], "sha256": hashlib.sha256(data).hexdigest(),
                     "size": len(data)}
                    for path, data in sorted(files.items())
                    if path.startswith(prefix) and path != prefix + "index.html"
                ],
            })
        out.append({
            "id": manifest.id,
            "kind": manifest.kind,
            "title": manifest.title,
            "description": manifest.description,
            "owner": manifest.owner,
            "contact": manifest.contact,
            "licence": manifest.licence,
            "base": manifest.base,
            "namespace": manifest.namespace,
            "page": f"{base}{items[0].home}/index.html",
            "versions": versions,
        })
    return out


def index_schema_entry() -> dict[str, Any]:
    """Return the JSON Schema of one entry of index.json's `extensions` list."""
    url = {"type": "string", "format": "uri"}
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
        "required": ["version", "status", "released", "base_version", "compatible", "path",
                     "page", "schema", "patch", "files"],
        "properties": {
            "version": {"type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$"},
            "status": {"enum": [s.value for s in Status]},
            "released": {"type": ["string", "null"], "format": "date"},
            "base_version": {"type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$"},
            "compatible": {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+){0,2}$"},
            "notes": {"type": ["string", "null"]},
            "deprecated_on": {"type": "string", "format": "date"},
            "sunset": {"type": "string", "format": "date"},
            "replaced_by": {"type": "string", "pattern": "^[0-9]+\\.[0-9]+\\.[0-9]+$"},
            "path": {"type": "string"},
            "page": url,
            "schema": url,
            "patch": url,
            "types": {"type": ["string", "null"], "format": "uri"},
            "files": {"type": "array", "items": file_entry},
        },
        "additionalProperties": False,
    }
    return {
        "type": "object",
        "required": ["id", "kind", "title", "description", "owner", "contact", "licence", "base",
                     "page", "versions"],
        "properties": {
            "id": {"type": "string", "pattern": "^[a-z0-9]+(-[a-z0-9]+)*$"},
            "kind": {"enum": list(FOLDERS)},
            "title": {"type": "string"},
            "description": {"type": "string"},
            "owner": {"type": "string"},
            "contact": {"type": "string"},
            "licence": {"type": "string"},
            "base": {"type": "string"},
            "namespace": {"type": ["string", "null"]},
            "page": url,
            "versions": {"type": "array", "items": version_entry},
        },
        "additionalProperties": False,
    }


# -- pages ---------------------------------------------------------------------------------------


def home_rows(layers: Sequence[Published]) -> list[tuple[str, ...]]:
    """Return the home page's rows: one per extension or profile, linking to its page."""
    rows = []
    seen: set[str] = set()
    for item in sorted(layers, key=lambda i: (i.layer.id, i.layer.entry.key), reverse=True):
        manifest = item.layer.manifest
        if manifest.id in seen:
            continue
        seen.add(manifest.id)
        rows.append((
            f'<a href="{_e(_href("index.html", f"{item.home}/index.html"))}">'
            f"{_e(manifest.title)}</a>"
            f'<br><code class="secondary">{_e(manifest.id)}</code>',
            _e(manifest.kind),
            f'<a href="{_e(_href("index.html", f"{manifest.base}/index.html"))}">'
            f"{_e(manifest.base)}</a>",
            _e(manifest.owner),
            _e(manifest.description),
        ))
    return sorted(rows)


def _base_page(item: Published, page: str, files: Mapping[str, bytes]) -> str:
    """Return the base version's name, linked to its page when the tree has it."""
    base = item.effective.base
    target = f"{base.id}/{base.version}/index.html"
    label = _e(base.ref)
    if target in files:
        return f'<a href="{_e(_href(page, target))}">{label}</a>'
    return label


def _contact(text: str) -> str:
    """Return a contact as a link when it is a mailto: or web address."""
    if text.startswith(("mailto:", "https://", "http://")):
        shown = text.removeprefix("mailto:")
        return f'<a href="{_e(text)}">{_e(shown)}</a>'
    return _e(text)


def _changed_rows(item: Published, cat: Catalogue) -> tuple[list[FieldRow], list[FieldRow]]:
    """Return the fields the layer adds, and the fields it makes required, as table rows."""
    before = {row.path: row for row in field_rows(item.effective.base, cat)}
    added: list[FieldRow] = []
    required: list[FieldRow] = []
    for row in field_rows(item.effective, cat):
        if row.path == DECLARATION:
            continue
        old = before.get(row.path)
        if old is None:
            added.append(row)
        elif row.required and not old.required:
            required.append(row)
    return added, required


def _codelist_sections(item: Published, page: str) -> str:
    """Return the layer's own codelists and the codes it adds to its base's."""
    parts: list[str] = []
    for name, path in item.layer.codelist_files.items():
        try:
            raw = load_json_file(path, ExtensionError)
        except ExtensionError:
            continue
        download = _href(page, f"{item.folder}/codelists/{name}")
        if name.startswith(ADDITIONS_PREFIX):
            target = name[len(ADDITIONS_PREFIX):]
            codes: list[Any] = raw["codes"] if isinstance(raw.get("codes"), list) else []
            rows = [(f"<code>{_e(c.get('code', ''))}</code>", _e(c.get("title", "")),
                     _e(c.get("description", ""))) for c in codes if isinstance(c, dict)]
            anchor = "codes-" + site._slug(target)
            parts.append(
                f'<h3 class="heading-m" id="{anchor}">Codes added to {_e(target)}</h3>'
                f'<p><a href="{_e(download)}">Download {_e(name)}</a></p>'
                + site._table(f"Codes added to {target}", ["Code", "Title", "Description"],
                              rows, label_id=f"table-{anchor}"))
        else:
            codes = raw["codes"] if isinstance(raw.get("codes"), list) else []
            codelist = Codelist(str(raw.get("id", path.stem)), str(raw.get("title", path.stem)),
                                bool(raw.get("open", False)),
                                tuple(c for c in codes if isinstance(c, dict)), path)
            parts.append(site._codelist_section(codelist, f"codelists/{name}",
                                                "codelist-" + site._slug(codelist.id), download))
    if not parts:
        return ""
    return '<h2 class="heading-l" id="codelists">Codelists</h2>' + "".join(parts)


def version_page(item: Published, cat: Catalogue, files: Mapping[str, bytes], base: str) -> str:
    """Return the page of one extension or profile version."""
    layer, manifest = item.layer, item.layer.manifest
    page = f"{item.folder}/index.html"
    option = f"--{layer.kind}"
    body = [
        f'<span class="caption">{_e(layer.kind.capitalize())} of {_e(manifest.base)}</span>',
        f'<h1 class="heading-xl">{_e(manifest.title)} {_e(layer.version)}</h1>',
        f"<p>{site._tag(layer.status)}</p>",
    ]
    note = site._STATUS_NOTES.get(layer.status)
    if note:
        body.append(f'<div class="notice" role="note"><p>{_e(note)}</p></div>')
    body.append(f'<p class="lead">{_e(manifest.description)}</p>')
    summary = [
        ("Identifier", f"<code>{_e(layer.id)}</code>"),
        ("Kind", _e(layer.kind)),
        ("Version", _e(layer.version)),
        ("Status", _e(layer.status.value)),
        ("Released", _e(layer.entry.released or "not yet released")),
        ("Owner", _e(manifest.owner)),
        ("Contact", _contact(manifest.contact)),
        ("Licence", _e(manifest.licence)),
        ("Written for", _base_page(item, page, files)),
        ("Fits", _e(f"{manifest.base} {layer.entry.compatibility}.x from "
                    f"{layer.entry.base_version}")),
    ]
    if layer.entry.sunset is not None:
        summary.append(("May be retired after", _e(layer.entry.sunset.isoformat())))
    if layer.entry.replaced_by is not None:
        summary.append(("Replaced by", _e(f"{layer.id} {layer.entry.replaced_by}")))
    if manifest.namespace:
        summary.append(("Namespace", f"<code>{_e(manifest.namespace)}</code>"))
    summary.append(("Schema address ($id)", f"<code>{_e(base + item.folder)}/schema.json</code>"))
    body.append(site._summary(summary))
    items = []
    for name, what in (
        ("schema.json", f"the effective schema: {item.effective.base.ref} with this {layer.kind} "
                        "applied, in one file"),
        (PATCH_NAME, "the patch, as written against the base schema"),
        (TYPES_NAME, "TypeScript types of a record, generated from the effective schema"),
    ):
        path = f"{item.folder}/{name}"
        if path in files:
            items.append(f'<li><a href="{_e(_href(page, path))}">{_e(name)}</a>: {_e(what)} '
                         f"({_e(site._size(len(files[path])))})</li>")
    for name in (MANIFEST_NAME, "CHANGELOG.md"):
        path = f"{item.home}/{name}"
        if path in files:
            what = "the manifest: owner, base and versions" if name == MANIFEST_NAME \
                else "changelog"
            items.append(f'<li><a href="{_e(_href(page, path))}">{_e(name)}</a>: {_e(what)}</li>')
    body.append('<h2 class="heading-l" id="downloads">Downloads</h2><ul class="list">'
                + "".join(items) + "</ul>")
    body.append('<h2 class="heading-l" id="use">Check your data</h2>')
    body.append(
        "<p>With the lgstandards command-line tool:</p>"
        + site._pre(f"lgstandards validate {option} {layer.ref} your-file.json",
                    "command to check a file")
        + f"<p>Records may say they follow this {layer.kind} with "
        f"<code>\"$schema\": \"{_e(base + item.folder)}/schema.json\"</code>; then "
        "<code>lgstandards validate your-file.json</code> chooses it by itself. In any language, "
        "validate against <code>schema.json</code> with a JSON Schema 2020-12 validator.</p>"
    )
    added, required = _changed_rows(item, cat)
    # Only the layer's own codelists have a section on this page to link to.
    own = {f"codelists/{name}" for name in layer.codelist_files
           if not name.startswith(ADDITIONS_PREFIX)}
    anchors = {name: "codelist-" + site._slug(c.id)
               for name, c in item.effective.codelists.items() if name in own}
    if added:
        body.append('<h2 class="heading-l" id="fields">Fields it adds</h2>')
        body.append("<p>Nested fields are named by their path, as on the standard's page: "
                    "<code>a[].b</code> is field <code>b</code> inside each item of the list "
                    "<code>a</code>. A nested field is required only when its parent is "
                    "present.</p>")
        body.append(site._field_table(added, anchors, f"Fields {manifest.title} adds"))
    if required:
        body.append('<h2 class="heading-l" id="required">Fields it requires</h2>')
        body.append("<p>The standard has these fields but does not require them; this "
                    f"{layer.kind} does.</p>")
        body.append(site._field_table(required, anchors,
                                      f"Fields {manifest.title} requires"))
    patch = files.get(f"{item.folder}/{PATCH_NAME}")
    if patch is not None:
        body.append('<h2 class="heading-l" id="patch">Every change it makes</h2>')
        body.append("<p>The patch, merged into the base schema: objects merge, <code>required"
                    "</code> and <code>enum</code> lists are united, <code>allOf</code> entries "
                    "are added (each a further condition), and nothing is removed.</p>")
        body.append(site._pre(patch.decode("utf-8", errors="replace"), "the patch"))
    body.append(_codelist_sections(item, page))
    body.append(site.example_section(files, page, item.folder, layer.example_files))
    changelog = files.get(f"{item.home}/CHANGELOG.md")
    if changelog is not None:
        _, sections, md = site.changelog_sections(changelog.decode("utf-8", errors="replace"))
        section = sections.get(layer.version)
        body.append('<h2 class="heading-l" id="changes">Changes in this version</h2>')
        links = site.LinkFixer(page, f"{item.home}/CHANGELOG.md", cat.base_uri, base,
                               frozenset(files))
        if section:
            level = min((int(t.tag[1]) for t in section if t.type == "heading_open"), default=3)
            body.append('<div class="prose">'
                        + site._render_tokens(md, section, 3 - level, links) + "</div>")
        else:
            body.append("<p>The changelog has no entry for this version.</p>")
    crumbs = [
        ("Standards", _href(page, "index.html")),
        (manifest.title, _href(page, f"{item.home}/index.html")),
        (layer.version, None),
    ]
    return site._page(page, f"{manifest.title} {layer.version}", crumbs, "\n".join(body),
                      canonical=f"{base}{page}")


def home_page(manifest: ExtensionManifest, items: Sequence[Published], cat: Catalogue,
              files: Mapping[str, bytes], base: str) -> str:
    """Return the page of an extension or profile: its README, versions and changelog."""
    home = items[0].home
    page = f"{home}/index.html"
    body = [
        f'<span class="caption">{_e(manifest.kind.capitalize())} of {_e(manifest.base)}</span>',
        f'<h1 class="heading-xl">{_e(manifest.title)}</h1>',
        f'<p class="lead">{_e(manifest.description)}</p>',
        site._summary([("Identifier", f"<code>{_e(manifest.id)}</code>"),
                       ("Owner", _e(manifest.owner)), ("Contact", _contact(manifest.contact)),
                       ("Licence", _e(manifest.licence)),
                       ("Of", f'<a href="{_e(_href(page, f"{manifest.base}/index.html"))}">'
                              f"{_e(manifest.base)}</a>")]),
    ]
    links = site.LinkFixer(page, f"{home}/{README_NAME}", cat.base_uri, base, frozenset(files))
    readme = files.get(f"{home}/{README_NAME}")
    if readme is not None:
        md = site._markdown()
        tokens = md.parse(readme.decode("utf-8", errors="replace"))
        if tokens and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
            end = next(i for i, t in enumerate(tokens) if t.type == "heading_close")
            tokens = tokens[end + 1:]
        body.append('<div class="prose">' + site._render_tokens(md, tokens, 0, links) + "</div>")
    rows = []
    for item in sorted(items, key=lambda i: i.layer.entry.key, reverse=True):
        entry = item.layer.entry
        rows.append((
            f'<a href="{_e(_href(page, f"{item.folder}/index.html"))}">{_e(entry.version)}</a>',
            site._tag(entry.status),
            _e(entry.released or "not yet released"),
            _e(f"{manifest.base} {entry.compatibility}.x from {entry.base_version}"),
            _e(entry.notes or ""),
        ))
    body.append('<h2 class="heading-l">Versions</h2>')
    body.append(site._table(f"Versions of {manifest.title}",
                            ["Version", "Status", "Released", "Fits", "Notes"], rows))
    changelog = files.get(f"{home}/CHANGELOG.md")
    if changelog is not None:
        tokens, _, md = site.changelog_sections(changelog.decode("utf-8", errors="replace"))
        body.append('<h2 class="heading-l" id="changelog">Changelog</h2>')
        changes = site.LinkFixer(page, f"{home}/CHANGELOG.md", cat.base_uri, base,
                                 frozenset(files))
        body.append('<div class="prose">' + site._render_tokens(md, tokens, 1, changes)
                    + "</div>")
    crumbs = [("Standards", _href(page, "index.html")), (manifest.title, None)]
    return site._page(page, manifest.title, crumbs, "\n".join(body))


def pages(layers: Sequence[Published], cat: Catalogue, files: Mapping[str, bytes], base: str
          ) -> dict[str, str]:
    """Return the page of every published extension and profile, and of each version."""
    out: dict[str, str] = {}
    by_id: dict[str, list[Published]] = {}
    for item in layers:
        by_id.setdefault(item.layer.id, []).append(item)
        out[f"{item.folder}/index.html"] = version_page(item, cat, files, base)
    for items in by_id.values():
        out[f"{items[0].home}/index.html"] = home_page(items[0].layer.manifest, items, cat,
                                                       files, base)
    return out
