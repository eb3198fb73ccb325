"""The human site: static HTML pages for every standard and version, readable without JavaScript.

Pages follow the GOV.UK Design System's plain style with our own stylesheet and no third-party
assets: a skip link, one `h1`, headings in order, tables with captions and header scopes, and
colours chosen for contrast (`CONTRAST_PAIRS` is checked by the tests). Every link is relative,
so the tree works from any host and straight from disk.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal
from urllib.parse import quote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.token import Token

from lgstandards.development.lifecycle import (
    BOOTSTRAP_NOTE,
    deprecation_message,
    is_bootstrap,
    status_label,
)
from lgstandards.fields import FieldRow, field_rows
from lgstandards.registry import Catalogue, Codelist, Manifest, StandardVersion, Status

#: The site's colours, by role.
PALETTE: Mapping[str, str] = {
    "text": "#0b0c0c",
    "secondary-text": "#505a5f",
    "background": "#ffffff",
    "link": "#1d70b8",
    "link-visited": "#4c2c92",
    "link-hover": "#003078",
    "focus": "#ffdd00",
    "border": "#b1b4b6",
    "header": "#0b0c0c",
    "header-text": "#ffffff",
    "code-background": "#f3f2f1",
    "banner": "#1d70b8",
    "warning": "#d4351c",
}

#: Status tags: text colour and background for each life-cycle status.
TAG_COLOURS: Mapping[Status, tuple[str, str]] = {
    Status.PUBLISHED: ("#005a30", "#cce2d8"),
    Status.CANDIDATE: ("#0c2d4a", "#bbd4ea"),
    Status.DRAFT: ("#282d30", "#e5e6e7"),
    Status.DEPRECATED: ("#594d00", "#fff7bf"),
    Status.RETIRED: ("#2a0b06", "#f4cdc6"),
}

#: Every (foreground, background) pair the stylesheet puts text on, for the contrast test.
CONTRAST_PAIRS: tuple[tuple[str, str], ...] = (
    (PALETTE["text"], PALETTE["background"]),
    (PALETTE["secondary-text"], PALETTE["background"]),
    (PALETTE["link"], PALETTE["background"]),
    (PALETTE["link-visited"], PALETTE["background"]),
    (PALETTE["link-hover"], PALETTE["background"]),
    (PALETTE["text"], PALETTE["focus"]),
    (PALETTE["header-text"], PALETTE["header"]),
    (PALETTE["text"], PALETTE["code-background"]),
    (PALETTE["link"], PALETTE["code-background"]),
    *TAG_COLOURS.values(),
)

STYLESHEET_PATH = "assets/site.css"

#: Examples larger than this are linked, not shown.
MAX_EXAMPLE_CHARS = 20_000

_STATUS_NOTES: Mapping[Status, str] = {
    Status.DRAFT: "This is a draft. It may change at any time: do not build on it yet.",
    Status.CANDIDATE: (
        "This is a candidate for comment. It may still change before it is published."
    ),
    Status.DEPRECATED: (
        "This version is deprecated. It still works, but plan a move to the latest version."
    ),
    Status.RETIRED: (
        "This version is retired. Do not publish new data to it; it stays here for reference."
    ),
}


def _e(text: object) -> str:
    """Escape text for HTML, quotes included."""
    return html.escape(str(text), quote=True)


def _href(from_page: str, to_path: str) -> str:
    """Return a relative, percent-encoded link from one page of the tree to another path."""
    start = posixpath.dirname(from_page) or "."
    path, hash_, fragment = to_path.partition("#")
    return quote(posixpath.relpath(path, start), safe="/.-_~@") + hash_ + fragment


def _size(count: int) -> str:
    """Return a file size as people read it."""
    if count < 1024:
        return f"{count} bytes"
    if count < 1024 * 1024:
        return f"{count / 1024:.1f} KB"
    return f"{count / 1024 / 1024:.1f} MB"


def _slug(text: str) -> str:
    """Return text as a lower-case, hyphenated fragment identifier."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def _tag(status: Status) -> str:
    """Return a status as a coloured tag (the text says it, the colour only repeats it)."""
    return f'<strong class="tag tag-{status.value}">{_e(status.value)}</strong>'


def _table(caption: str, headers: Sequence[str], rows: Iterable[Sequence[str]], *,
           row_headers: bool = True, label_id: str | None = None, css: str = "") -> str:
    """Return an accessible table: a caption, column headers and (optionally) row headers."""
    head = "".join(f'<th scope="col">{_e(h)}</th>' for h in headers)
    body = []
    for row in rows:
        cells = []
        for index, cell in enumerate(row):
            if index == 0 and row_headers:
                cells.append(f'<th scope="row">{cell}</th>')
            else:
                cells.append(f"<td>{cell}</td>")
        body.append("<tr>" + "".join(cells) + "</tr>")
    ident = label_id or "table-" + _slug(caption)
    table_class = f' class="{_e(css)}"' if css else ""
    # A focusable, labelled region lets keyboard users scroll a table wider than the screen.
    return (
        f'<div class="table-wrapper" role="region" aria-labelledby="{ident}" tabindex="0">'
        f"<table{table_class}>"
        f'<caption id="{ident}">{_e(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table></div>"
    )


def _pre(text: str, label: str) -> str:
    """Return a preformatted block of text."""
    # Focusable and labelled, so keyboard users can scroll a long example.
    return (f'<pre tabindex="0" role="region" aria-label="{_e(label)}">'
            f"<code>{_e(text)}</code></pre>")


def _page(path: str, title: str, crumbs: Sequence[tuple[str, str | None]], body: str,
          *, canonical: str | None = None) -> str:
    """Return a whole page: header, breadcrumbs, main content and footer."""
    trail = ""
    if crumbs:
        items = "".join(
            f'<li><a href="{_e(href)}">{_e(label)}</a></li>' if href
            else f'<li aria-current="page">{_e(label)}</li>'
            for label, href in crumbs
        )
        trail = f'<nav class="breadcrumbs" aria-label="Breadcrumb"><ol>{items}</ol></nav>'
    link_canonical = f'<link rel="canonical" href="{_e(canonical)}">' if canonical else ""
    home = _href(path, "index.html")
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{_e(title)} \N{EN DASH} lgstandards</title>\n"
        f'<link rel="stylesheet" href="{_e(_href(path, STYLESHEET_PATH))}">\n'
        f"{link_canonical}</head>\n<body>\n"
        '<a class="skip-link" href="#main-content">Skip to main content</a>\n'
        f'<header class="site-header"><div class="width-container">'
        f'<a class="site-name" href="{_e(home)}">lgstandards</a>'
        '<span class="site-strap">Open data standards for UK council services</span>'
        "</div></header>\n"
        f'<div class="width-container">{trail}\n'
        f'<main id="main-content" tabindex="-1">\n{body}\n</main>\n</div>\n'
        '<footer class="site-footer"><div class="width-container">'
        f'<p>Machine-readable: <a href="{_e(_href(path, "index.json"))}">index.json</a> '
        f'(every standard, version and file hash) and <a href="{_e(_href(path, "catalog.json"))}">'
        "catalog.json</a> (for editors). Standards are published under the licence named on each "
        "page.</p></div></footer>\n</body>\n</html>\n"
    )


# -- changelogs ----------------------------------------------------------------------------------

_VERSION_HEADING = re.compile(r"^\[?v?(\d+\.\d+\.\d+)\]?")


def _markdown() -> MarkdownIt:
    """Return the Markdown renderer used for changelogs."""
    # Raw HTML in a changelog is shown as text, never passed through.
    return MarkdownIt("commonmark", {"html": False})


def _render_tokens(md: MarkdownIt, tokens: list[Token], shift: int, link: LinkFixer) -> str:
    """Render Markdown tokens with headings shifted and registry links fixed."""
    for token in tokens:
        if token.type in ("heading_open", "heading_close"):
            level = min(6, int(token.tag[1]) + shift)
            token.tag = f"h{level}"
        unlinked = False
        for child in token.children or []:
            if child.type == "link_open":
                href = link(str(child.attrGet("href") or ""))
                unlinked = href is None
                if href is None:
                    # A link to a file outside the tree would be broken: keep its words only.
                    child.type, child.tag, child.content = "html_inline", "", ""
                else:
                    child.attrSet("href", href)
            elif child.type == "link_close" and unlinked:
                child.type, child.tag, child.content = "html_inline", "", ""
                unlinked = False
    return str(md.renderer.render(tokens, md.options, {}))


@dataclass(frozen=True)
class LinkFixer:
    """Turns a changelog's links into links that work on the page that shows it."""

    page: str
    source: str
    old_base: str
    new_base: str
    files: frozenset[str]

    def __call__(self, href: str) -> str | None:
        """Return the link as it should appear on the page, or None to drop a broken one."""
        for base in (self.old_base, self.new_base):
            if href.startswith(base):
                # The registry's own host: link within the tree, wherever it is hosted.
                path, _, fragment = href[len(base):].partition("#")
                if path in self.files:
                    return _href(self.page, path) + (f"#{fragment}" if fragment else "")
                return self.new_base + href[len(base):]
        if urlsplit(href).scheme or href.startswith(("#", "//")):
            return href
        # A relative link is relative to the changelog file, beside which it was written.
        target, _, fragment = href.partition("#")
        path = posixpath.normpath(posixpath.join(posixpath.dirname(self.source), target))
        if path in self.files:
            return _href(self.page, path) + (f"#{fragment}" if fragment else "")
        return None


def changelog_sections(text: str) -> tuple[list[Token], dict[str, list[Token]], MarkdownIt]:
    """Split a changelog into its preamble-free whole body and the body of each version."""
    md = _markdown()
    tokens = md.parse(text)
    # Drop the document's own title: the page supplies its heading.
    if tokens and tokens[0].type == "heading_open" and tokens[0].tag == "h1":
        end = next(i for i, t in enumerate(tokens) if t.type == "heading_close")
        tokens = tokens[end + 1:]
    sections: dict[str, list[Token]] = {}
    current: str | None = None
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.type == "heading_open" and token.tag == "h2":
            match = _VERSION_HEADING.match(tokens[index + 1].content.strip())
            current = match.group(1) if match else None
            if current is not None:
                sections[current] = []
            index += 3
            continue
        if current is not None:
            sections[current].append(token)
        index += 1
    return tokens, sections, md


# -- pages ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SiteContext:
    """What every page needs: the catalogue, what is published, the files and the base URL."""

    cat: Catalogue
    versions: tuple[StandardVersion, ...]
    manifests: tuple[Manifest, ...]
    aliases: Mapping[str, Mapping[str, str]]
    files: Mapping[str, bytes]
    base: str
    #: The home page's rows for extensions and profiles, each cell already HTML.
    layer_rows: tuple[tuple[str, ...], ...] = ()

    def versions_of(self, standard_id: str) -> list[StandardVersion]:
        """Return the published versions of one standard, newest first."""
        found = [v for v in self.versions if v.id == standard_id]
        return sorted(found, key=lambda v: v.entry.key, reverse=True)

    def links(self, page: str, standard_id: str) -> LinkFixer:
        """Return the fixer for links in one standard's changelog shown on one page."""
        return LinkFixer(page, f"{standard_id}/CHANGELOG.md", self.cat.base_uri, self.base,
                         frozenset(self.files))


def pages(
    cat: Catalogue,
    versions: Sequence[StandardVersion],
    manifests: Sequence[Manifest],
    aliases: Mapping[str, Mapping[str, str]],
    files: Mapping[str, bytes],
    base: str,
    layer_rows: Sequence[Sequence[str]] = (),
) -> dict[str, str]:
    """Return every page of the site and its stylesheet, keyed by path in the tree.

    `layer_rows` are the home page's rows for extensions and profiles, whose own pages
    `lgstandards.development.extension_publish` writes.
    """
    context = SiteContext(cat, tuple(versions), tuple(manifests), aliases, files, base,
                          tuple(tuple(row) for row in layer_rows))
    out = {"index.html": index_page(context), STYLESHEET_PATH: stylesheet()}
    for manifest in manifests:
        if manifest.external:
            continue
        out[f"{manifest.id}/index.html"] = standard_page(context, manifest)
        for version in context.versions_of(manifest.id):
            out[f"{version.id}/{version.version}/index.html"] = version_page(context, version)
    return out


def index_page(context: SiteContext) -> str:
    """Return the home page: every standard we publish and every one we signpost."""
    path = "index.html"
    ours = [m for m in context.manifests if not m.external]
    theirs = [m for m in context.manifests if m.external]
    rows = []
    for manifest in ours:
        newest = context.versions_of(manifest.id)
        latest = context.aliases.get(manifest.id, {}).get("latest")
        shown = next((v for v in newest if v.version == latest), newest[0] if newest else None)
        rows.append((
            f'<a href="{_e(_href(path, f"{manifest.id}/index.html"))}">{_e(manifest.title)}</a>'
            f'<br><code class="secondary">{_e(manifest.id)}</code>',
            _e(shown.version) if shown else "",
            _tag(shown.status) if shown else "",
            _e(shown.entry.released or "") if shown else "",
            _e(manifest.description),
        ))
    body = [
        '<h1 class="heading-xl">Data standards for UK council services</h1>',
        '<p class="lead">Open, versioned standards for the data councils publish and exchange: '
        "JSON Schema files for software, and these pages for people.</p>",
        '<h2 class="heading-l">Standards</h2>',
        _table("Standards published here",
               ["Standard", "Latest version", "Status", "Released", "What it is for"], rows),
    ]
    if context.layer_rows:
        body.append('<h2 class="heading-l" id="extensions">Extensions and profiles</h2>')
        body.append("<p>An extension adds fields and codes to a standard for local needs; a "
                    "profile narrows a standard for one use, such as a contract. Their owners "
                    "keep them; data valid under a profile is valid under its standard.</p>")
        body.append(_table("Extensions and profiles published here",
                           ["Extension or profile", "Kind", "Of", "Owner", "What it is for"],
                           context.layer_rows))
    if theirs:
        body.append('<h2 class="heading-l">Standards we signpost</h2>')
        body.append("<p>These are maintained by others. Use them as their owners publish "
                    "them.</p>")
        body.append(_table(
            "Standards maintained elsewhere",
            ["Standard", "Owner", "What it is for"],
            [(f'<a href="{_e(m.homepage or "")}" rel="external">{_e(m.title)}</a>',
              _e(m.owner), _e(m.description)) for m in theirs],
        ))
    body.extend([
        '<h2 class="heading-l">Using the files</h2>',
        "<p>Every version lives at a permanent address that never changes, such as "
        f"<code>{_e(context.base)}&lt;standard&gt;/&lt;version&gt;/schema.json</code>. "
        "<code>latest</code>, <code>1</code> and <code>1.0</code> are moving aliases for the "
        "newest matching version. Each version also has <code>schema.bundled.json</code>, a "
        "single file with every reference inside it, for tools that cannot follow references to "
        "other files.</p>",
        f'<ul class="list"><li><a href="{_e(_href(path, "index.json"))}">index.json</a>: every '
        "standard, version, status, release date and file hash</li>"
        f'<li><a href="{_e(_href(path, "catalog.json"))}">catalog.json</a>: a SchemaStore catalog '
        "that editors read to offer completion in data files</li></ul>",
    ])
    return _page(path, "Data standards for UK council services", [], "\n".join(body))


def _versions_table(context: SiteContext, page: str, manifest: Manifest,
                    current: str | None = None) -> str:
    """Return the table of a standard's versions."""
    rows = []
    for version in context.versions_of(manifest.id):
        target = f"{version.id}/{version.version}/index.html"
        label = _e(version.version)
        here = version.version == current
        cell = label if here else f'<a href="{_e(_href(page, target))}">{label}</a>'
        names = [n for n, v in context.aliases.get(manifest.id, {}).items() if v == version.version]
        detail = status_label(manifest, version.entry).removeprefix(version.status.value)
        rows.append((
            cell + (" (this page)" if version.version == current else ""),
            _tag(version.status) + _e(detail),
            _e(version.entry.released or "not yet released"),
            _e(", ".join(names)),
            _e(version.entry.notes or ""),
        ))
    return _table(f"Versions of {manifest.title}",
                  ["Version", "Status", "Released", "Aliases", "Notes"], rows)


def standard_page(context: SiteContext, manifest: Manifest) -> str:
    """Return a standard's page: what it is, its versions and its whole changelog."""
    path = f"{manifest.id}/index.html"
    body = [
        f'<span class="caption">{_e("API standard" if manifest.kind == "api" else "Data standard")}'
        "</span>",
        f'<h1 class="heading-xl">{_e(manifest.title)}</h1>',
        f'<p class="lead">{_e(manifest.description)}</p>',
        _summary([("Identifier", f"<code>{_e(manifest.id)}</code>"),
                  ("Owner", _e(manifest.owner)), *_contact(manifest),
                  ("Licence", _e(manifest.licence))]),
        '<h2 class="heading-l">Versions</h2>',
        _versions_table(context, path, manifest),
    ]
    if any(is_bootstrap(manifest, v.entry) for v in context.versions_of(manifest.id)):
        body.append(f"<p>{_e(BOOTSTRAP_NOTE)}</p>")
    latest = context.aliases.get(manifest.id, {}).get("latest")
    if latest:
        body.append(
            f'<p>The newest published version is <a href="'
            f'{_e(_href(path, f"{manifest.id}/{latest}/index.html"))}">{_e(latest)}</a>.</p>'
        )
    related = _related(context, path, manifest)
    if related:
        body.append(related)
    changelog = context.files.get(f"{manifest.id}/CHANGELOG.md")
    if changelog is not None:
        tokens, _, md = changelog_sections(changelog.decode("utf-8", errors="replace"))
        body.append('<h2 class="heading-l" id="changelog">Changelog</h2>')
        rendered = _render_tokens(md, tokens, 1, context.links(path, manifest.id))
        body.append(f'<div class="prose">{rendered}</div>')
        body.append(f'<p><a href="{_e(_href(path, f"{manifest.id}/CHANGELOG.md"))}">'
                    "Download the changelog (Markdown)</a></p>")
    crumbs = [("Standards", _href(path, "index.html")), (manifest.title, None)]
    return _page(path, manifest.title, crumbs, "\n".join(body))


def _related(context: SiteContext, page: str, manifest: Manifest) -> str:
    """Return the list of related standards, or nothing when there are none."""
    known = {m.id: m for m in context.manifests}
    items = []
    for other in manifest.related:
        target = known.get(other)
        if target is None:
            continue
        href = target.homepage if target.external else _href(page, f"{other}/index.html")
        items.append(f'<li><a href="{_e(href or "")}">{_e(target.title)}</a></li>')
    if not items:
        return ""
    return ('<h2 class="heading-l">Related standards</h2><ul class="list">' + "".join(items)
            + "</ul>")


def _summary(rows: Sequence[tuple[str, str]]) -> str:
    """Return a summary list of label and value pairs."""
    items = "".join(f'<div class="summary-row"><dt>{_e(k)}</dt><dd>{v}</dd></div>'
                    for k, v in rows)
    return f'<dl class="summary-list">{items}</dl>'


def _field_table(rows: Sequence[FieldRow], codelist_anchors: Mapping[str, str],
                 caption: str) -> str:
    """Return the table of a version's fields, linking codelists to their sections."""
    cells = []
    for row in rows:
        allowed = ", ".join(f"<code>{_e(v)}</code>" for v in row.allowed)
        constraints = _e(row.constraints)
        for name, anchor in codelist_anchors.items():
            constraints = constraints.replace(
                _e(f"codelist {name}"), f'codelist <a href="#{anchor}">{_e(name)}</a>'
            )
        cells.append((
            f"<code>{_e(row.path)}</code><br><span class=\"field-title\">{_e(row.title)}</span>",
            _e(row.type),
            "Yes" if row.required else "No",
            _e(row.description),
            constraints,
            allowed,
        ))
    return _table(caption, ["Field", "Type", "Required", "Description", "Constraints",
                            "Allowed values"], cells, label_id="table-fields", css="fields")


def _codelist_section(codelist: Codelist, name: str, anchor: str, download: str) -> str:
    """Return one codelist's heading, kind, download link and table of codes."""
    kind = ("Open: other values are allowed, with a warning." if codelist.open
            else "Closed: only these values are allowed.")
    rows = [(f"<code>{_e(c.get('code', ''))}</code>", _e(c.get("title", "")),
             _e(c.get("description", ""))) for c in codelist.codes]
    return (
        f'<h3 class="heading-m" id="{anchor}">{_e(codelist.title)}</h3>'
        f"<p>{_e(kind)} <a href=\"{_e(download)}\">Download {_e(name)}</a></p>"
        + _table(f"Codes in {codelist.title}", ["Code", "Title", "Description"], rows,
                 label_id=f"table-{anchor}")
    )


def _example_section(context: SiteContext, page: str, version: StandardVersion) -> str:
    """Return every example of a version with its download link and findings."""
    return example_section(context.files, page, f"{version.id}/{version.version}",
                           version.example_files)


def example_section(files: Mapping[str, bytes], page: str, folder: str,
                    example_files: Callable[[Literal["valid", "invalid"]], Sequence[Path]]
                    ) -> str:
    """Return the examples of a version folder in the tree with download links and findings."""
    parts: list[str] = []
    kinds: tuple[tuple[Literal["valid", "invalid"], str, str], ...] = (
        ("valid", "Valid examples", "These conform: they produce no error or warning."),
        ("invalid", "Invalid examples", "Each breaks the standard in the ways listed under it."),
    )
    for kind, heading, intro in kinds:
        examples = example_files(kind)
        if not examples:
            continue
        parts.append(f'<h3 class="heading-m">{heading}</h3><p>{intro}</p>')
        for path in examples:
            tree_path = f"{folder}/examples/{kind}/{path.name}"
            data = files.get(tree_path, b"")
            anchor = f"example-{kind}-{_slug(path.name)}"
            parts.append(f'<h4 class="heading-s" id="{anchor}">{_e(path.name)}</h4>')
            parts.append(f'<p><a href="{_e(_href(page, tree_path))}">Download {_e(path.name)}</a> '
                         f"({_e(_size(len(data)))})</p>")
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                parts.append("<p>This example is deliberately not valid UTF-8 text; download it "
                             "to see its bytes.</p>")
                text = None
            if text is not None and len(text) <= MAX_EXAMPLE_CHARS:
                parts.append(_pre(text, f"{kind} example {path.name}"))
            elif text is not None:
                parts.append("<p>This example is too large to show here; download it.</p>")
            sidecar = f"{folder}/examples/{kind}/{path.name.rsplit('.', 1)[0]}.findings.json"
            if kind == "invalid" and sidecar in files:
                parts.append(_expected_findings(files[sidecar], path.name, anchor))
    if not parts:
        return ""
    return '<h2 class="heading-l" id="examples">Examples</h2>' + "".join(parts)


def _expected_findings(raw: bytes, name: str, anchor: str) -> str:
    """Return the table of findings an invalid example must produce."""
    try:
        expected = json.loads(raw)
    except ValueError:
        return ""
    if not isinstance(expected, list):
        return ""
    rows = [
        (f"<code>{_e(item.get('code', ''))}</code>", _e(item.get("record", 1)),
         f"<code>{_e(item.get('pointer', '') or '(the whole record)')}</code>")
        for item in expected if isinstance(item, dict)
    ]
    return _table(f"What lgstandards finds in {name}", ["Finding", "Record", "Where"], rows,
                  label_id=f"table-{anchor}")


_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")


def _endpoints(raw: bytes | None, title: str) -> str:
    """Return the table of an API standard's operations from its OpenAPI document."""
    if raw is None:
        return ""
    try:
        document = json.loads(raw)
    except ValueError:
        return ""
    paths = document.get("paths") if isinstance(document, dict) else None
    if not isinstance(paths, dict):
        return ""
    rows = []
    for route, item in paths.items():
        for method in _METHODS:
            operation = item.get(method) if isinstance(item, dict) else None
            if isinstance(operation, dict):
                rows.append((f"<code>{_e(method.upper())} {_e(route)}</code>",
                             _e(operation.get("summary") or operation.get("description") or "")))
    if not rows:
        return ""
    return ('<h2 class="heading-l" id="endpoints">Endpoints</h2><p>Paths are relative to each '
            "council's base URL. <code>openapi.json</code> has the parameters, bodies and "
            "responses.</p>"
            + _table(f"Operations of {title}", ["Operation", "What it does"], rows))


def _downloads(context: SiteContext, page: str, version: StandardVersion) -> str:
    """Return the list of a version's files to download."""
    folder = f"{version.id}/{version.version}"
    described = [
        ("schema.json", "JSON Schema (2020-12); refers to other standards' schemas by relative "
                        "URL"),
        ("schema.bundled.json", "the same schema as one file, with every reference inside it"),
        ("openapi.json", "OpenAPI 3.1 description of the API"),
        ("tabular.json", "the CSV form: which column holds which field"),
        ("types.d.ts", "TypeScript types of a record, generated from the bundled schema"),
    ]
    items = []
    for name, what in described:
        path = f"{folder}/{name}"
        if path in context.files:
            items.append(f'<li><a href="{_e(_href(page, path))}">{_e(name)}</a>: {_e(what)} '
                         f"({_e(_size(len(context.files[path])))})</li>")
    for name in version.codelists:
        path = f"{folder}/{name}"
        if path in context.files:
            items.append(f'<li><a href="{_e(_href(page, path))}">{_e(name)}</a>: codelist '
                         f"({_e(_size(len(context.files[path])))})</li>")
    for name in ("standard.json", "CHANGELOG.md"):
        path = f"{version.id}/{name}"
        if path in context.files:
            what = "the manifest: versions and status" if name == "standard.json" else "changelog"
            items.append(f'<li><a href="{_e(_href(page, path))}">{_e(name)}</a>: {_e(what)}</li>')
    return ('<h2 class="heading-l" id="downloads">Downloads</h2><ul class="list">'
            + "".join(items) + "</ul>")


def _contact(manifest: Manifest) -> list[tuple[str, str]]:
    """Return the summary row of how to reach a standard's owner, if the manifest says."""
    return [("Owner contact", _e(manifest.owner_contact))] if manifest.owner_contact else []


def _lifecycle_rows(version: StandardVersion) -> list[tuple[str, str]]:
    """Return the summary rows of a version's comment period, deprecation and adoption."""
    entry = version.entry
    rows = []
    if entry.comment_until is not None:
        rows.append(("Comments until", _e(entry.comment_until)))
    if entry.deprecated_on is not None:
        rows.append(("Deprecated", _e(entry.deprecated_on)))
    if entry.sunset is not None:
        rows.append(("Sunset", _e(entry.sunset)))
    if entry.replaced_by is not None:
        rows.append(("Replaced by", _e(entry.replaced_by)))
    if is_bootstrap(version.manifest, entry):
        rows.append(("Adoption", _e(BOOTSTRAP_NOTE)))
    return rows


def version_page(context: SiteContext, version: StandardVersion) -> str:
    """Return one version's page: summary, downloads, fields, codelists, examples and changes."""
    manifest = version.manifest
    folder = f"{version.id}/{version.version}"
    path = f"{folder}/index.html"
    schema_url = f"{context.base}{folder}/schema.json"
    has_schema = f"{folder}/schema.json" in context.files
    kind = "API standard" if manifest.kind == "api" else "Data standard"
    body = [
        f'<span class="caption">{_e(kind)}</span>',
        f'<h1 class="heading-xl">{_e(manifest.title)} {_e(version.version)}</h1>',
        f"<p>{_tag(version.status)}</p>",
    ]
    note = _STATUS_NOTES.get(version.status)
    if note:
        latest = context.aliases.get(version.id, {}).get("latest")
        pointer = ""
        if latest and latest != version.version and version.status is not Status.CANDIDATE:
            pointer = (f' The latest version is <a href="'
                       f'{_e(_href(path, f"{version.id}/{latest}/index.html"))}">{_e(latest)}</a>.')
        if version.status is Status.DEPRECATED:
            note = deprecation_message(version)
        body.append(f'<div class="notice" role="note"><p>{_e(note)}{pointer}</p></div>')
    body.append(f'<p class="lead">{_e(manifest.description)}</p>')
    summary = [
        ("Standard", f"<code>{_e(version.id)}</code>"),
        ("Version", _e(version.version)),
        ("Status", _e(version.status.value)),
        ("Released", _e(version.entry.released or "not yet released")),
        *_lifecycle_rows(version),
        ("Owner", _e(manifest.owner)),
        *_contact(manifest),
        ("Licence", _e(manifest.licence)),
    ]
    if has_schema:
        summary.append(("Schema address ($id)", f"<code>{_e(schema_url)}</code>"))
    body.append(_summary(summary))
    body.append(_downloads(context, path, version))
    body.append(_endpoints(context.files.get(f"{folder}/openapi.json"), manifest.title))
    if has_schema:
        body.append('<h2 class="heading-l" id="use">Check your data</h2>')
        body.append(
            "<p>With the lgstandards command-line tool, check a JSON, NDJSON or CSV file:</p>"
            + _pre(f"lgstandards validate --standard {version.ref} your-file.json",
                   "command to check a file")
            + "<p>In any language, validate against the schema address above with a JSON Schema "
            "2020-12 validator, or use <code>schema.bundled.json</code> if your validator cannot "
            "follow references to other files.</p>"
        )
        rows = field_rows(version, context.cat)
        anchors = {name: f"codelist-{_slug(c.id)}"
                   for name, c in version.codelists_in_use.items()}
        body.append('<h2 class="heading-l" id="fields">Fields</h2>')
        body.append("<p>Nested fields are named by their path: <code>a.b</code> is field "
                    "<code>b</code> inside <code>a</code>, and <code>a[].b</code> is inside each "
                    "item of the list <code>a</code>. A nested field is required only when its "
                    "parent is present.</p>")
        body.append(_field_table(rows, anchors,
                                 f"Fields of {manifest.title} {version.version}"))
    if version.codelists_in_use:
        body.append('<h2 class="heading-l" id="codelists">Codelists</h2>')
        # Shared codelists (of waste-common, say) are shown here too, linked where they live.
        for name, codelist in version.codelists_in_use.items():
            anchor = f"codelist-{_slug(codelist.id)}"
            where = posixpath.normpath(f"{folder}/{name}")
            body.append(_codelist_section(codelist, name, anchor, _href(path, where)))
    body.append(_example_section(context, path, version))
    changelog = context.files.get(f"{version.id}/CHANGELOG.md")
    if changelog is not None:
        _, sections, md = changelog_sections(changelog.decode("utf-8", errors="replace"))
        section = sections.get(version.version)
        body.append('<h2 class="heading-l" id="changes">Changes in this version</h2>')
        if section:
            level = min((int(t.tag[1]) for t in section if t.type == "heading_open"), default=3)
            body.append('<div class="prose">'
                        + _render_tokens(md, section, 3 - level,
                                         context.links(path, version.id)) + "</div>")
        else:
            body.append("<p>The changelog has no entry for this version.</p>")
        body.append(f'<p><a href="{_e(_href(path, f"{version.id}/index.html#changelog"))}">'
                    "The whole changelog</a></p>")
    body.append('<h2 class="heading-l" id="versions">All versions</h2>')
    body.append(_versions_table(context, path, manifest, current=version.version))
    crumbs = [
        ("Standards", _href(path, "index.html")),
        (manifest.title, _href(path, f"{version.id}/index.html")),
        (version.version, None),
    ]
    return _page(path, f"{manifest.title} {version.version}", crumbs, "\n".join(body),
                 canonical=f"{context.base}{path}")


def stylesheet() -> str:
    """Return the site's stylesheet, in the GOV.UK Design System's plain style."""
    p = PALETTE
    tags = "\n".join(
        f".tag-{status.value} {{ color: {fg}; background: {bg}; }}"
        for status, (fg, bg) in TAG_COLOURS.items()
    )
    return f"""/* lgstandards site: plain, accessible, no scripts and no web fonts. */
*, *::before, *::after {{ box-sizing: border-box; }}
html {{ background: {p["background"]}; }}
body {{ margin: 0; color: {p["text"]}; background: {p["background"]};
  font-family: arial, helvetica, sans-serif; font-size: 1.1875rem; line-height: 1.32; }}
.width-container {{ max-width: 1100px; margin: 0 auto; padding: 0 15px; }}
a {{ color: {p["link"]}; text-decoration: underline; text-underline-offset: 0.1em; }}
a:visited {{ color: {p["link-visited"]}; }}
a:hover {{ color: {p["link-hover"]}; text-decoration-thickness: 3px; }}
a:focus, [tabindex]:focus {{ outline: 3px solid transparent; color: {p["text"]};
  background: {p["focus"]}; box-shadow: 0 -2px {p["focus"]}, 0 4px {p["text"]};
  text-decoration: none; }}
.table-wrapper:focus, pre:focus {{ background: transparent; box-shadow: none;
  outline: 3px solid {p["focus"]}; outline-offset: 0; }}
main:focus {{ background: transparent; box-shadow: none; outline: none; }}
.skip-link {{ position: absolute; left: -9999px; top: 0; padding: 10px 15px; }}
.skip-link:focus {{ left: 0; z-index: 10; }}
.site-header {{ background: {p["header"]}; color: {p["header-text"]}; padding: 10px 0;
  border-bottom: 10px solid {p["banner"]}; }}
.site-header a.site-name, .site-header a.site-name:visited {{ color: {p["header-text"]};
  font-weight: 700; font-size: 1.5rem; text-decoration: none; margin-right: 1em; }}
.site-header a.site-name:focus {{ color: {p["text"]}; }}
.site-strap {{ font-size: 1rem; }}
.breadcrumbs ol {{ list-style: none; margin: 15px 0 0; padding: 0; font-size: 1rem; }}
.breadcrumbs li {{ display: inline; }}
.breadcrumbs li + li::before {{ content: "\\203A"; margin: 0 0.5em; }}
main {{ display: block; padding: 20px 0 40px; }}
h1, h2, h3, h4 {{ font-weight: 700; margin: 0 0 15px; }}
.heading-xl {{ font-size: 2.5rem; line-height: 1.1; margin-bottom: 30px; }}
.heading-l {{ font-size: 1.75rem; margin-top: 40px; }}
.heading-m {{ font-size: 1.375rem; margin-top: 30px; }}
.heading-s {{ font-size: 1.1875rem; margin-top: 25px; }}
.caption {{ display: block; color: {p["secondary-text"]}; font-size: 1.25rem; margin-bottom: 5px; }}
.lead {{ font-size: 1.5rem; }}
.secondary {{ color: {p["secondary-text"]}; }}
p, ul, dl {{ margin: 0 0 20px; }}
.list {{ padding-left: 20px; }}
.list li {{ margin-bottom: 5px; }}
code {{ font-family: "Courier New", monospace; font-size: 0.95em; }}
pre {{ background: {p["code-background"]}; padding: 15px; overflow: auto; max-height: 30em;
  font-size: 0.875rem; border-left: 5px solid {p["border"]}; }}
pre code {{ font-size: 1em; }}
.tag {{ display: inline-block; padding: 2px 8px; font-weight: 700; font-size: 1rem;
  text-transform: uppercase; letter-spacing: 0.02em; }}
{tags}
.notice {{ border-left: 10px solid {p["warning"]}; padding: 5px 15px; margin-bottom: 20px; }}
.notice p {{ margin: 10px 0; font-weight: 700; }}
.summary-list {{ border-top: 1px solid {p["border"]}; }}
.summary-row {{ display: flex; flex-wrap: wrap; border-bottom: 1px solid {p["border"]};
  padding: 10px 0; }}
.summary-row dt {{ font-weight: 700; flex: 0 0 30%; min-width: 12em; }}
.summary-row dd {{ margin: 0; flex: 1 1 60%; overflow-wrap: anywhere; }}
.table-wrapper {{ overflow-x: auto; margin-bottom: 30px; }}
table {{ border-collapse: collapse; width: 100%; font-size: 1rem; }}
caption {{ text-align: left; font-weight: 700; font-size: 1.1875rem; padding-bottom: 10px; }}
th, td {{ text-align: left; vertical-align: top; padding: 10px 20px 10px 0;
  border-bottom: 1px solid {p["border"]}; }}
thead th {{ font-weight: 700; }}
tbody th {{ font-weight: 400; }}
tbody th code {{ font-weight: 700; overflow-wrap: anywhere; }}
table.fields tbody th {{ min-width: 12em; }}
table.fields td:nth-child(4) {{ min-width: 16em; }}
.field-title {{ color: {p["secondary-text"]}; }}
.prose h3, .prose h4 {{ margin-top: 20px; }}
.site-footer {{ border-top: 1px solid {p["border"]}; background: {p["code-background"]};
  padding: 20px 0; font-size: 1rem; }}
.site-footer p {{ margin: 0; }}
@media (max-width: 640px) {{
  body {{ font-size: 1rem; }}
  .heading-xl {{ font-size: 2rem; }}
  .lead {{ font-size: 1.1875rem; }}
}}
"""


def contrast_ratio(foreground: str, background: str) -> float:
    """Return the WCAG 2 contrast ratio of two #rrggbb colours."""

    def luminance(colour: str) -> float:
        """Return a colour's relative luminance."""
        channels = [int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    high, low = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (high + 0.05) / (low + 0.05)
