"""The human site: accessible static pages whose every link resolves, checked in Chromium too."""

from __future__ import annotations

import posixpath
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest

from lgstandards.fields import field_rows
from lgstandards.publish import LATEST, Tree, build_tree, publish
from lgstandards.registry import catalogue
from lgstandards.site import CONTRAST_PAIRS, contrast_ratio
from tests.browser import render, require_chromium
from tests.test_publish import BASE, small_catalogue

_CAT = catalogue()
_VERSIONS = [v for v in _CAT.versions() if v.status.value != "draft"]


class _Page(HTMLParser):
    """Collects what the accessibility and link checks look at in one page."""

    def __init__(self) -> None:
        """Start with nothing collected."""
        super().__init__(convert_charrefs=True)
        self.lang: str | None = None
        self.headings: list[int] = []
        self.ids: list[str] = []
        self.links: list[str] = []
        self.th_scopes: list[str | None] = []
        self.tables = 0
        self.captions = 0
        self.scripts = 0
        self.title = ""
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        """Record the parts of each element the checks need."""
        found = dict(attrs)
        if tag == "html":
            self.lang = found.get("lang")
        if len(tag) == 2 and tag[0] == "h" and tag[1].isdigit():
            self.headings.append(int(tag[1]))
        if found.get("id"):
            self.ids.append(str(found["id"]))
        for key in ("href", "src"):
            if found.get(key) and tag in ("a", "link", "img", "script"):
                self.links.append(str(found[key]))
        if tag == "th":
            self.th_scopes.append(found.get("scope"))
        self.tables += tag == "table"
        self.captions += tag == "caption"
        self.scripts += tag == "script"
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        """Leave the title."""
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        """Keep the title's text."""
        if self._in_title:
            self.title += data


def _parse(data: bytes) -> _Page:
    """Parse one page."""
    page = _Page()
    page.feed(data.decode("utf-8"))
    return page


@pytest.fixture(scope="module")
def tree() -> Tree:
    """Return the published tree of the standards in this checkout."""
    return build_tree(_CAT)


def _pages(tree: Tree) -> list[str]:
    """Return the paths of every page in a tree."""
    return [p for p in tree.files if p.endswith(".html")]


_IDS: dict[int, dict[str, set[str]]] = {}


def _ids(tree: Tree) -> dict[str, set[str]]:
    """Return the element ids of every page of a tree, parsed once per tree."""
    if id(tree) not in _IDS:
        _IDS[id(tree)] = {p: set(_parse(tree.files[p]).ids) for p in _pages(tree)}
    return _IDS[id(tree)]


def _unresolved(tree: Tree, page: str, links: list[str] | tuple[str, ...]) -> list[str]:
    """Return the relative links of a page that name no file (or no id) in the tree."""
    ids = _ids(tree)
    broken = []
    for link in links:
        if urlsplit(link).scheme in ("http", "https", "mailto"):
            continue  # External links (an external standard's homepage) are not ours to check.
        target, fragment = urldefrag(link)
        path = posixpath.normpath(posixpath.join(posixpath.dirname(page), unquote(target))) \
            if target else page
        missing_anchor = bool(fragment) and path in ids and fragment not in ids[path]
        if path not in tree.files or missing_anchor:
            broken.append(link)
    return broken


def test_every_link_in_the_tree_resolves(tree: Tree) -> None:
    """Every relative link and stylesheet on every page names a file (and anchor) in the tree."""
    broken = {page: _unresolved(tree, page, _parse(tree.files[page]).links)
              for page in _pages(tree)}
    assert {page: links for page, links in broken.items() if links} == {}


def test_pages_are_accessible(tree: Tree) -> None:
    """Each page has a language, one h1, headings in order, a skip link and labelled tables."""
    for page in _pages(tree):
        parsed = _parse(tree.files[page])
        assert parsed.lang == "en-GB", page
        assert parsed.headings.count(1) == 1 and parsed.headings[0] == 1, page
        for before, after in zip(parsed.headings, parsed.headings[1:], strict=False):
            assert after <= before + 1, f"{page}: h{before} is followed by h{after}"
        assert "#main-content" in parsed.links and "main-content" in parsed.ids, page
        assert len(parsed.ids) == len(set(parsed.ids)), f"{page}: an id is used twice"
        assert parsed.tables == parsed.captions, f"{page}: a table has no caption"
        assert all(scope in ("col", "row") for scope in parsed.th_scopes), page
        assert parsed.scripts == 0, f"{page} uses JavaScript"
        assert parsed.title.strip(), page


def test_colours_have_enough_contrast() -> None:
    """Every text colour the stylesheet uses on a background meets WCAG AA (4.5:1)."""
    for foreground, background in CONTRAST_PAIRS:
        assert contrast_ratio(foreground, background) >= 4.5, (foreground, background)


def test_contrast_ratio_is_wcag() -> None:
    """Black on white is 21:1 and a colour on itself 1:1, as WCAG defines the ratio."""
    assert round(contrast_ratio("#000000", "#ffffff"), 1) == 21.0
    assert contrast_ratio("#1d70b8", "#1d70b8") == 1.0


@pytest.mark.parametrize("version", _VERSIONS, ids=[v.ref for v in _VERSIONS])
def test_version_page_shows_the_standard(tree: Tree, version: object) -> None:
    """A version page lists every field, every example and the downloads of its version."""
    from lgstandards.registry import StandardVersion

    assert isinstance(version, StandardVersion)
    html = tree.files[f"{version.id}/{version.version}/index.html"].decode()
    if version.schema_path.is_file():
        for row in field_rows(version, _CAT):
            assert f"<code>{row.path}</code>" in html.replace("&#x27;", "'"), row.path
        assert 'href="schema.json"' in html and 'href="schema.bundled.json"' in html
    for kind in ("valid", "invalid"):
        for path in version.example_files(kind):
            assert f'href="examples/{kind}/{path.name}"' in html
    for codelist in version.codelists.values():
        assert f'id="codelist-{codelist.id}"' in html
    if version.openapi_path is not None:
        assert 'id="endpoints"' in html


def test_alias_pages_are_copies(tree: Tree) -> None:
    """The latest alias serves the same page as the version it points to."""
    for version in _VERSIONS:
        alias = tree.files.get(f"{version.id}/{LATEST}/index.html")
        if alias is not None and f"{version.id}/{version.version}/" in alias.decode():
            assert alias == tree.files[f"{version.id}/{version.version}/index.html"]


def test_changelog_links_stay_inside_the_tree(tree: Tree) -> None:
    """A changelog link to the registry's own host becomes a relative link within the tree."""
    for manifest in _CAT:
        page = tree.files.get(f"{manifest.id}/index.html")
        if page is not None:
            assert f'href="{_CAT.base_uri}' not in page.decode(), manifest.id


def test_changelog_links_are_fixed_or_dropped(tmp_path: Path) -> None:
    """Changelog links point into the tree or lose their link (not their words); HTML is text."""
    cat = small_catalogue(tmp_path / "standards")
    changelog = tmp_path / "standards" / "thing" / "CHANGELOG.md"
    changelog.write_text(
        "# Changelog\n\n## [1.1.0] - 2026-01-01\n\n### Added\n\n"
        f"- [The schema]({BASE}thing/1.1.0/schema.json), [an example]"
        "(1.1.0/examples/valid/one.json), [the guide](../../docs/guide.md) and "
        "[elsewhere](https://example.com/). <script>alert(1)</script>\n",
        encoding="utf-8",
    )
    html = build_tree(cat, base_url="https://new.example.org/").files[
        "thing/1.1.0/index.html"].decode()
    assert '<a href="schema.json">The schema</a>' in html
    assert '<a href="examples/valid/one.json">an example</a>' in html
    assert "the guide" in html and "guide.md" not in html
    assert '<a href="https://example.com/">elsewhere</a>' in html
    assert "&lt;script&gt;" in html and "<script>" not in html


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Publish the tree to disk for the browser."""
    require_chromium()
    out = tmp_path_factory.mktemp("site")
    publish(_CAT, out)
    return out


def _browser_pages() -> list[str]:
    """Return the pages to open in the browser: home, each standard and version."""
    pages = ["index.html"]
    for manifest in _CAT:
        # A standard with only drafts (a new one) has no page until a version is released.
        if not manifest.external and any(e.status.value != "draft" for e in manifest.versions):
            pages.append(f"{manifest.id}/index.html")
    pages.extend(f"{v.id}/{v.version}/index.html" for v in _VERSIONS)
    return pages


@pytest.mark.parametrize("page", _browser_pages())
def test_page_renders_in_chromium(site: Path, tree: Tree, page: str) -> None:
    """Chromium renders the page cleanly, and every link it sees resolves in the tree."""
    result = render((site / page).as_uri())
    assert result.title.endswith("lgstandards")
    assert result.console_errors == ()
    assert result.page_errors == ()
    assert result.failed_requests == ()
    assert result.links
    assert _unresolved(tree, page, result.links) == []
