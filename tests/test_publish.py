"""The published tree: layout, aliases, index.json, catalog.json, bundles, rebasing, determinism."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lgstandards.cli import main
from lgstandards.conformance import _compiled
from lgstandards.errors import SchemaError
from lgstandards.lock import compute_lock
from lgstandards.publish import (
    PublishError,
    Tree,
    build_tree,
    bundle,
    publish,
    rebase,
    subschemas,
)
from lgstandards.registry import Catalogue, StandardVersion, catalogue
from lgstandards.sources import Record, Source, TabularForm, detect_format
from lgstandards.validation import SchemaValidator

BASE = "https://example.org/s/"
_CAT = catalogue()
_PUBLISHED = [v for v in _CAT.versions() if v.status.value != "draft"]


def write_standards(root: Path, standards: Mapping[str, Any], base: str = BASE) -> Catalogue:
    """Write a small standards folder and return its catalogue.

    `standards` maps id -> {"manifest": {...}, "files": {"1.0.0/schema.json": {...}, ...}};
    dict file contents are written as JSON and strings as text.
    """
    root.mkdir(parents=True, exist_ok=True)
    (root / "registry.json").write_text(json.dumps({"base_uri": base}), encoding="utf-8")
    for standard_id, spec in standards.items():
        folder = root / standard_id
        folder.mkdir(exist_ok=True)
        manifest = {"id": standard_id, "title": standard_id.title(), "description": "A test.",
                    "owner": "tests", "owner_contact": "tests@example.org",
                    "licence": "OGL-UK-3.0", **spec.get("manifest", {})}
        (folder / "standard.json").write_text(json.dumps(manifest), encoding="utf-8")
        for relative, content in spec.get("files", {}).items():
            path = folder / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            text = content if isinstance(content, str) else json.dumps(content, indent=2)
            path.write_text(text, encoding="utf-8")
    return Catalogue(root)


def schema(standard_id: str, version: str, **body: Any) -> dict[str, Any]:
    """Return a minimal valid standard schema with the right `$id`, plus `body`."""
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{BASE}{standard_id}/{version}/schema.json",
        "title": f"{standard_id} {version}",
        "description": "A test schema.",
        "type": "object",
        **body,
    }


def released(version: str, status: str = "published") -> dict[str, Any]:
    """Return a manifest version entry."""
    entry: dict[str, Any] = {"version": version, "status": status}
    if status != "draft":
        entry["released"] = "2026-01-0" + version[0]
    return entry


def small_catalogue(root: Path) -> Catalogue:
    """Return a catalogue of a building block, a standard using it, a signpost and a draft."""
    block = schema("block", "1.0.0", **{
        "$defs": {"code": {"title": "Code", "description": "A code.", "type": "string",
                           "pattern": "^[A-Z]{2}$"}},
    })

    def thing(version: str) -> dict[str, Any]:
        """Return the test standard's schema for one version."""
        return schema("thing", version, properties={
            "code": {"$ref": "../../block/1.0.0/schema.json#/$defs/code", "title": "Code",
                     "description": "The thing's code."},
        }, required=["code"], additionalProperties=False)

    files: dict[str, Any] = {"CHANGELOG.md": "# Changelog\n\n## [1.1.0] - 2026-01-01\n\n"
                                             "### Added\n\n- More.\n\n## [1.0.0] - 2026-01-01\n\n"
                                             "### Added\n\n- First.\n"}
    for version in ("1.0.0", "1.1.0", "2.0.0", "2.1.0"):
        files[f"{version}/schema.json"] = thing(version)
        files[f"{version}/examples/valid/one.json"] = {"code": "AB"}
        files[f"{version}/examples/invalid/lower.json"] = {"code": "ab"}
        files[f"{version}/examples/invalid/lower.findings.json"] = [
            {"code": "schema.pattern", "pointer": "/code"}]
    return write_standards(root, {
        "block": {"manifest": {"versions": [released("1.0.0")]},
                  "files": {"1.0.0/schema.json": block}},
        "thing": {"manifest": {"related": ["block", "elsewhere"], "versions": [
            released("1.0.0"), released("1.1.0"), released("2.0.0", "candidate"),
            released("2.1.0", "draft")]}, "files": files},
        "elsewhere": {"manifest": {"external": True, "homepage": "https://example.com/std",
                                   "versions": [released("3.0.0")]}},
        "future": {"manifest": {"versions": [released("0.1.0", "draft")]},
                   "files": {"0.1.0/schema.json": schema("future", "0.1.0")}},
    })


@pytest.fixture(scope="module")
def tree() -> Tree:
    """Return the tree of the standards in this checkout, built once."""
    return build_tree(_CAT)


def test_every_published_version_has_its_files(tree: Tree) -> None:
    """Each version folder has its schema, bundle, page, examples, codelists and OpenAPI file."""
    for version in _PUBLISHED:
        folder = f"{version.id}/{version.version}"
        assert f"{folder}/index.html" in tree.files
        if version.schema_path.is_file():
            assert f"{folder}/schema.json" in tree.files
            assert f"{folder}/schema.bundled.json" in tree.files
        if version.openapi_path is not None:
            assert f"{folder}/openapi.json" in tree.files
        for name, codelist in version.codelists.items():
            assert tree.files[f"{folder}/{name}"] == codelist.path.read_bytes()
        for kind in ("valid", "invalid"):
            for path in version.example_files(kind):
                assert tree.files[f"{folder}/examples/{kind}/{path.name}"] == path.read_bytes()
    for name in ("index.html", "index.json", "index.schema.json", "catalog.json",
                 "assets/site.css"):
        assert name in tree.files


def test_released_files_are_published_unchanged(tree: Tree) -> None:
    """At the registry's own base URL every file is byte-for-byte the locked original."""
    lock = compute_lock(_CAT)
    for key, files in lock.versions.items():
        for relative, digest in files.items():
            assert hashlib.sha256(tree.files[f"{key}/{relative}"]).hexdigest() == digest, relative


def test_aliases_point_at_the_newest_released_version(tmp_path: Path) -> None:
    """latest, 1 and 1.1 follow the newest published version; candidates and drafts get none."""
    cat = small_catalogue(tmp_path / "standards")
    files = build_tree(cat).files
    assert "thing/2.1.0/schema.json" not in files  # Drafts stay out unless asked for.
    assert "thing/2.0.0/schema.json" in files  # Candidates are published for comment.
    for alias, target in (("latest", "1.1.0"), ("1", "1.1.0"), ("1.1", "1.1.0"),
                          ("1.0", "1.0.0")):
        originals = {p.removeprefix(f"thing/{target}/"): d for p, d in files.items()
                     if p.startswith(f"thing/{target}/")}
        copies = {p.removeprefix(f"thing/{alias}/"): d for p, d in files.items()
                  if p.startswith(f"thing/{alias}/")}
        assert copies == originals, alias
    assert not any(p.startswith(("thing/2/", "thing/2.0/", "thing/2.1/")) for p in files)
    assert not any(p.startswith("future/") for p in files)
    index = json.loads(files["index.json"])
    thing = next(s for s in index["standards"] if s["id"] == "thing")
    assert {k: v["version"] for k, v in thing["aliases"].items()} == {
        "latest": "1.1.0", "1": "1.1.0", "1.0": "1.0.0", "1.1": "1.1.0"}


def test_drafts_are_published_only_when_asked(tmp_path: Path) -> None:
    """--drafts adds draft versions for preview, still without aliases."""
    cat = small_catalogue(tmp_path / "standards")
    files = build_tree(cat, include_drafts=True).files
    assert "thing/2.1.0/schema.json" in files
    assert "future/0.1.0/index.html" in files
    assert not any(p.startswith("future/latest/") for p in files)


def test_index_describes_every_version_and_file(tree: Tree) -> None:
    """index.json fits its own schema and lists each version's status, date, URLs and hashes."""
    index = json.loads(tree.files["index.json"])
    jsonschema.Draft202012Validator(json.loads(tree.files["index.schema.json"])).validate(index)
    assert index["base_url"] == _CAT.base_uri
    listed = {(s["id"], v["version"]): v for s in index["standards"] for v in s["versions"]}
    for version in _PUBLISHED:
        entry = listed[(version.id, version.version)]
        assert entry["status"] == version.status.value
        assert entry["released"] == (version.entry.released.isoformat()
                                     if version.entry.released else None)
        for item in entry["files"]:
            data = tree.files[f"{version.id}/{version.version}/{item['path']}"]
            assert item["sha256"] == hashlib.sha256(data).hexdigest()
            assert item["size"] == len(data)
        if entry["schema"]:
            assert entry["schema"] == version.schema_uri


def test_index_lists_external_standards_without_files(tmp_path: Path) -> None:
    """A signposted standard appears with its homepage and versions, and no files or page."""
    files = build_tree(small_catalogue(tmp_path / "standards")).files
    index = json.loads(files["index.json"])
    elsewhere = next(s for s in index["standards"] if s["id"] == "elsewhere")
    assert elsewhere["external"] is True
    assert elsewhere["homepage"] == "https://example.com/std"
    assert elsewhere["page"] is None
    assert [v["version"] for v in elsewhere["versions"]] == ["3.0.0"]
    assert "files" not in elsewhere["versions"][0]
    assert not any(p.startswith("elsewhere/") for p in files)


# SchemaStore's catalog format, restated from its published rules: required name, description and
# url; no other keys but fileMatch and versions; URLs absolute https.
_CATALOG_RULES = {
    "type": "object",
    "required": ["$schema", "version", "schemas"],
    "properties": {
        "$schema": {"const": "https://json.schemastore.org/schema-catalog.json"},
        "version": {"type": "number"},
        "schemas": {"type": "array", "items": {
            "type": "object",
            "required": ["name", "description", "url"],
            "additionalProperties": False,
            "properties": {
                "name": {"type": "string"},
                "description": {"type": "string"},
                "url": {"type": "string", "pattern": "^https://"},
                "fileMatch": {"type": "array", "uniqueItems": True, "items": {"type": "string"}},
                "versions": {"type": "object",
                             "additionalProperties": {"type": "string", "pattern": "^https://"}},
            },
        }},
    },
}


def test_catalog_follows_schemastore_format(tree: Tree) -> None:
    """catalog.json is a SchemaStore catalog whose URLs name files in the tree."""
    catalog = json.loads(tree.files["catalog.json"])
    jsonschema.Draft202012Validator(_CATALOG_RULES).validate(catalog)
    assert catalog["schemas"]
    for entry in catalog["schemas"]:
        for url in [entry["url"], *entry["versions"].values()]:
            assert url.startswith(_CAT.base_uri)
            assert url[len(_CAT.base_uri):] in tree.files


def test_catalog_file_patterns_are_specific(tree: Tree) -> None:
    """Every fileMatch names its standard, and building blocks such as common claim no files."""
    catalog = json.loads(tree.files["catalog.json"])
    by_id = {e["url"].split("/")[-3]: e for e in catalog["schemas"]}
    assert "fileMatch" not in by_id["common"]
    matched = [e for e in catalog["schemas"] if "fileMatch" in e]
    assert matched
    for entry in matched:
        standard_id = entry["url"].split("/")[-3]
        for pattern in entry["fileMatch"]:
            assert standard_id in pattern
            assert pattern.endswith(f"{standard_id}.json")


def test_same_input_gives_byte_identical_output(tmp_path: Path) -> None:
    """Two runs write the same bytes, and a third over the first writes nothing."""
    first = publish(_CAT, tmp_path / "a", base_url="https://example.gov.uk/standards/")
    second = publish(_CAT, tmp_path / "b", base_url="https://example.gov.uk/standards/")
    assert first.files == second.files
    for item in first.files:
        first_bytes = (tmp_path / "a" / item.path).read_bytes()
        assert first_bytes == (tmp_path / "b" / item.path).read_bytes()
    again = publish(_CAT, tmp_path / "a", base_url="https://example.gov.uk/standards/")
    assert again.written == 0
    assert again.removed == ()


def _refs(document: Any) -> list[str]:
    """Return every `$ref` in a schema, in order."""
    return [n["$ref"] for _, n in subschemas(document)
            if isinstance(n, dict) and isinstance(n.get("$ref"), str)]


def test_base_url_rebases_every_id(tmp_path: Path) -> None:
    """--base-url moves every $id and absolute $ref, and leaves relative $refs as they were."""
    new = "https://waste.example.gov.uk/data-standards/"
    files = build_tree(_CAT, base_url=new).files
    for version in _PUBLISHED:
        if not version.schema_path.is_file():
            continue
        folder = f"{version.id}/{version.version}"
        published = json.loads(files[f"{folder}/schema.json"])
        assert published["$id"] == f"{new}{folder}/schema.json"
        assert _refs(published) == _refs(version.schema)
        bundled = json.loads(files[f"{folder}/schema.bundled.json"])
        assert bundled["$id"] == f"{new}{folder}/schema.bundled.json"
    for path, data in files.items():
        if path.endswith(".json") and "/examples/" not in path:
            assert _CAT.base_uri not in json.dumps(
                [n.get("$id") for _, n in subschemas(json.loads(data)) if isinstance(n, dict)]
            ), path


def _records(version: StandardVersion) -> list[Any]:
    """Return the records of every example of a version."""
    tabular = TabularForm.from_json(version.tabular) if version.tabular else None
    found: list[Any] = []
    for kind in ("valid", "invalid"):
        for path in version.example_files(kind):
            source = Source(str(path), detect_format(str(path)), path=path, tabular=tabular)
            found.extend(item.data for item in source.items() if isinstance(item, Record))
    return found


_WITH_SCHEMA = [v for v in _PUBLISHED if v.schema_path.is_file()]


@pytest.mark.parametrize("version", _WITH_SCHEMA, ids=[v.ref for v in _WITH_SCHEMA])
def test_rebased_tree_validates_like_the_original(tmp_path: Path, version: StandardVersion) -> None:
    """Schemas read back from a rebased tree, relative $refs and all, give the same verdicts."""
    new = "https://council.example.gov.uk/schemas/"
    files = build_tree(_CAT, base_url=new).files
    resources = [
        (f"{new}{v.id}/{v.version}/schema.json",
         json.loads(files[f"{v.id}/{v.version}/schema.json"]))
        for v in _WITH_SCHEMA
    ]
    root = dict(resources)[f"{new}{version.id}/{version.version}/schema.json"]
    rebased = SchemaValidator(root, resources)
    original = _compiled(_CAT, version.ref)
    records = _records(version)
    assert records
    assert [rebased.is_valid(r) for r in records] == [original.is_valid(r) for r in records]


@pytest.mark.parametrize("version", _WITH_SCHEMA, ids=[v.ref for v in _WITH_SCHEMA])
def test_bundle_is_self_contained_and_agrees(tree: Tree, version: StandardVersion) -> None:
    """The bundle has only local $refs, loads with nothing else, and gives the same verdicts."""
    bundled = json.loads(tree.files[f"{version.id}/{version.version}/schema.bundled.json"])
    assert all(ref.startswith("#") for ref in _refs(bundled))
    nested_ids = [p for p, n in subschemas(bundled) if p and isinstance(n, dict) and "$id" in n]
    assert nested_ids == []
    alone = SchemaValidator(bundled)  # Its retriever refuses everything: no other file is read.
    original = _compiled(_CAT, version.ref)
    records = _records(version)
    assert [alone.is_valid(r) for r in records] == [original.is_valid(r) for r in records]
    for record in records:
        assert (not alone.findings(record)) == original.is_valid(record)


def test_bundle_resolves_anchors_cycles_and_chains() -> None:
    """Bundling follows anchors, cross-file chains and recursion, embedding each file once."""
    root = {"$id": "https://x.org/a.json", "type": "object",
            "properties": {"b": {"$ref": "b.json#node"}, "c": {"$ref": "c.json"}}}
    b = {"$id": "https://x.org/b.json", "$defs": {"node": {
        "$anchor": "node", "type": "object",
        "properties": {"child": {"$ref": "#node"}, "c": {"$ref": "c.json"}}}}}
    c = {"$id": "https://x.org/c.json", "$schema": "https://json-schema.org/draft/2020-12/schema",
         "type": "string", "x-codelist": "codelists/c.json"}
    out = bundle(root, {"https://x.org/b.json": b, "https://x.org/c.json": c},
                 bundle_id="https://x.org/a.bundled.json")
    assert out["properties"]["b"]["$ref"] == "#/$defs/https_x.org_b.json/$defs/node"
    node = out["$defs"]["https_x.org_b.json"]["$defs"]["node"]
    assert node["properties"]["child"]["$ref"] == "#/$defs/https_x.org_b.json/$defs/node"
    assert node["properties"]["c"]["$ref"] == out["properties"]["c"]["$ref"]
    assert out["$defs"]["https_x.org_c.json"] == {"type": "string",
                                                   "x-codelist": "https://x.org/codelists/c.json"}
    validator = SchemaValidator(out)
    assert validator.is_valid({"b": {"child": {"c": "x"}}, "c": "y"})
    assert not validator.is_valid({"b": {"child": {"c": 1}}})


def test_bundle_refuses_what_it_cannot_keep() -> None:
    """A $ref outside the published schemas, or a $dynamicRef, stops bundling with a reason."""
    with pytest.raises(SchemaError, match="not among the published schemas"):
        bundle({"$id": "https://x.org/a.json", "$ref": "https://elsewhere.org/s.json"}, {},
               bundle_id="https://x.org/b.json")
    with pytest.raises(SchemaError, match=r"\$dynamicRef"):
        bundle({"$id": "https://x.org/a.json", "$dynamicRef": "#meta"}, {},
               bundle_id="https://x.org/b.json")


def test_rebase_moves_only_the_old_base() -> None:
    """rebase moves every URL under the old base, in any string, and nothing else."""
    document = {"$id": "https://old.org/x/1.0.0/schema.json",
                "description": "See https://old.org/x/ and https://other.org/x/.",
                "contact": {"url": "https://old.org/"},
                "https://old.org/": "a key is not a URL to move",
                "properties": {"a": {"$ref": "../../y/1.0.0/schema.json"},
                               "b": {"$ref": "https://old.org/y/1.0.0/schema.json#/$defs/z"}}}
    moved = rebase(document, "https://old.org/", "https://new.org/p/")
    assert moved["$id"] == "https://new.org/p/x/1.0.0/schema.json"
    assert moved["description"] == "See https://new.org/p/x/ and https://other.org/x/."
    assert moved["contact"] == {"url": "https://new.org/p/"}
    assert "https://old.org/" in moved
    assert moved["properties"]["a"]["$ref"] == "../../y/1.0.0/schema.json"
    assert moved["properties"]["b"]["$ref"] == "https://new.org/p/y/1.0.0/schema.json#/$defs/z"


def test_no_published_file_keeps_the_registrys_own_host() -> None:
    """After --base-url no file names the registry's base: OpenAPI contacts, changelogs, pages."""
    files = build_tree(_CAT, base_url="https://council.example.gov.uk/standards").files
    kept = sorted(path for path, data in files.items() if _CAT.base_uri.encode() in data)
    assert kept == []
    api = json.loads(files["waste-collections-api/1.0.0/openapi.json"])
    assert api["info"]["contact"]["url"].startswith("https://council.example.gov.uk/standards/")
    # With the registry's own base the files are the standards' own bytes.
    same = build_tree(_CAT).files
    changelog = _CAT.root / "waste-property-schedule" / "CHANGELOG.md"
    assert same["waste-property-schedule/CHANGELOG.md"] == changelog.read_bytes()


def test_publish_refuses_a_folder_it_did_not_write(tmp_path: Path) -> None:
    """A non-empty folder that is not an earlier tree is left alone."""
    (tmp_path / "notes.txt").write_text("mine")
    with pytest.raises(PublishError, match="not empty"):
        publish(_CAT, tmp_path)
    assert (tmp_path / "notes.txt").read_text() == "mine"


def test_republishing_removes_stale_files_only(tmp_path: Path) -> None:
    """Files of an earlier tree that the new tree lacks are removed; the host's own files stay."""
    cat = small_catalogue(tmp_path / "standards")
    out = tmp_path / "site"
    publish(cat, out, include_drafts=True)
    (out / "CNAME").write_text("standards.example.gov.uk")
    (out / "thing" / "1.0.0" / "examples" / "valid" / "stray.json").write_text("{}")
    result = publish(cat, out)
    assert "future/0.1.0/schema.json" in result.removed
    assert "thing/2.1.0/schema.json" in result.removed
    assert "thing/1.0.0/examples/valid/stray.json" in result.removed
    assert not (out / "future").exists()
    assert not (out / "thing" / "2.1.0").exists()
    assert (out / "CNAME").read_text() == "standards.example.gov.uk"


@pytest.mark.parametrize("url", ["ftp://x.org/", "/relative/", "https://x.org/?q=1", "x.org",
                                 'https://x.org/a"b/', "https://x.org/a b/"])
def test_bad_base_urls_are_refused(url: str) -> None:
    """A base URL must be absolute http(s) with no query or fragment."""
    with pytest.raises(PublishError, match="base-url"):
        build_tree(_CAT, base_url=url)


def test_base_url_gains_a_trailing_slash() -> None:
    """https://x.org/std is taken as the folder https://x.org/std/."""
    files = build_tree(_CAT, base_url="https://x.org/std").files
    assert json.loads(files["index.json"])["base_url"] == "https://x.org/std/"


def test_missing_version_folder_is_an_error(tmp_path: Path) -> None:
    """A manifest that lists a version without its folder cannot be published."""
    cat = write_standards(tmp_path, {"ghost": {"manifest": {"versions": [released("1.0.0")]}}})
    with pytest.raises(PublishError, match="does not exist"):
        build_tree(cat)


def test_mismatched_id_is_an_error(tmp_path: Path) -> None:
    """A schema whose $id disagrees with its place is not published under a wrong address."""
    cat = write_standards(tmp_path, {"odd": {
        "manifest": {"versions": [released("1.0.0")]},
        "files": {"1.0.0/schema.json": schema("other", "1.0.0")}}})
    with pytest.raises(PublishError, match="lint"):
        build_tree(cat)


def test_library_never_imports_the_cli_libraries(tmp_path: Path) -> None:
    """Publishing, linting and locking as a library loads neither click nor rich."""
    code = (
        "import sys, pathlib\n"
        "from lgstandards.registry import catalogue\n"
        "from lgstandards import publish, lint, lock\n"
        f"publish.publish(catalogue(), pathlib.Path({str(tmp_path / 'out')!r}))\n"
        "lint.lint_catalogue(catalogue()); lock.compute_lock(catalogue())\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""


def test_cli_publish(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`lgstandards publish OUT --base-url URL` writes the tree and says where to host it."""
    out = tmp_path / "out"
    code = main(["publish", str(out), "--base-url", "https://x.org/s"])
    assert code == 0
    said = capsys.readouterr().out
    assert "Published" in said
    assert said.rstrip().endswith("host the folder at https://x.org/s/")
    assert json.loads((out / "index.json").read_text())["base_url"] == "https://x.org/s/"


def test_cli_publish_errors_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A bad base URL exits 2 with a message and no traceback."""
    code = main(["publish", str(tmp_path / "out"), "--base-url", "nope"])
    _, err = capsys.readouterr()
    assert code == 2
    assert "--base-url" in err
    assert "Traceback" not in err


def test_cli_publish_other_standards_folder(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """--standards-dir publishes a council's own standards folder."""
    small_catalogue(tmp_path / "standards")
    code = main(["publish", str(tmp_path / "out"), "--standards-dir", str(tmp_path / "standards")])
    assert code == 0
    assert (tmp_path / "out" / "thing" / "latest" / "schema.json").is_file()


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Return every file under a folder, by relative path, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_failed_publish_leaves_the_earlier_tree_whole(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A write failing part way through the new tree leaves the old one byte for byte."""
    cat = small_catalogue(tmp_path / "standards")
    out = tmp_path / "site"
    publish(cat, out)
    (out / "CNAME").write_text("standards.example.gov.uk")
    before = _snapshot(out)
    real = Path.write_bytes
    calls = []

    def full_disk(self: Path, data: bytes) -> int:
        calls.append(self)
        if len(calls) > 3:
            raise OSError(28, "No space left on device")
        return real(self, data)

    monkeypatch.setattr(Path, "write_bytes", full_disk)
    with pytest.raises(PublishError, match="No space left"):
        publish(cat, out, include_drafts=True)
    assert len(calls) > 3  # The failure came part way through, not before the first file.
    assert _snapshot(out) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "standards"]


def test_republishing_keeps_the_hosts_files_and_unchanged_timestamps(tmp_path: Path) -> None:
    """The swapped-in tree carries the host's own files and folders and unchanged files' times."""
    cat = small_catalogue(tmp_path / "standards")
    out = tmp_path / "site"
    publish(cat, out)
    (out / ".well-known").mkdir()
    (out / ".well-known" / "security.txt").write_text("Contact: mailto:x@example.gov.uk")
    (out / "CNAME").write_text("standards.example.gov.uk")
    (out / "latest").symlink_to("index.json")
    unchanged = out / "index.schema.json"
    os.utime(unchanged, (1_000_000_000, 1_000_000_000))
    out.chmod(0o750)
    result = publish(cat, out, include_drafts=True)
    assert result.written > 0
    assert "future/0.1.0/schema.json" in _snapshot(out)
    assert (out / ".well-known" / "security.txt").read_text().startswith("Contact:")
    assert (out / "CNAME").read_text() == "standards.example.gov.uk"
    assert os.readlink(out / "latest") == "index.json"
    assert unchanged.stat().st_mtime == 1_000_000_000
    assert stat.S_IMODE(out.stat().st_mode) == 0o750
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "standards"]


def test_a_folder_that_cannot_be_moved_is_written_in_place(tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """A mount point (renaming it fails) gets each file replaced, and nothing is left beside it."""
    cat = small_catalogue(tmp_path / "standards")
    out = tmp_path / "site"
    publish(cat, out)
    real = os.rename

    def busy(source: Any, destination: Any) -> None:
        if Path(source) == out:
            raise OSError(16, "Device or resource busy")
        real(source, destination)

    monkeypatch.setattr(os, "rename", busy)
    inode = out.stat().st_ino
    result = publish(cat, out, include_drafts=True)
    assert out.stat().st_ino == inode
    assert _snapshot(out) == dict(build_tree(cat, include_drafts=True).files)
    assert "future/0.1.0/schema.json" in {f.path for f in result.files}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site", "standards"]


def test_publishing_into_the_current_folder_or_through_a_link(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A shell standing in the folder keeps it; a linked folder is filled, the link kept."""
    cat = small_catalogue(tmp_path / "standards")
    out = tmp_path / "site"
    publish(cat, out)
    inode = out.stat().st_ino
    monkeypatch.chdir(out)
    publish(cat, Path("."), include_drafts=True)
    assert out.stat().st_ino == inode
    assert (out / "future" / "0.1.0" / "schema.json").is_file()
    monkeypatch.chdir(tmp_path)
    link = tmp_path / "current"
    link.symlink_to(out)
    publish(cat, link)
    assert link.is_symlink()
    assert not (out / "future").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["current", "site", "standards"]
