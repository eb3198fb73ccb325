"""The registry: manifests are checked strictly and versions are selected as documented."""

from __future__ import annotations

import json
from typing import Any

import pytest

from lgstandards.errors import ManifestError, StandardNotFoundError
from lgstandards.manifest import MalformedManifest, Manifest
from lgstandards.registry import Catalogue, Status
from tests.conftest import MakeCatalogue


def _manifest(versions: list[Any], **extra: Any) -> dict[str, Any]:
    base = {
        "id": "bins",
        "title": "Bins",
        "description": "Test standard.",
        "owner": "lgstandards",
        "licence": "OGL-UK-3.0",
        "versions": versions,
    }
    return {**base, **extra}


_VERSIONS = [
    {"version": "1.0.0", "status": "deprecated", "released": "2025-01-01"},
    {"version": "1.1.0", "status": "published", "released": "2025-06-01"},
    {"version": "1.1.1", "status": "published", "released": "2025-07-01"},
    {"version": "1.2.0", "status": "candidate", "released": "2026-01-01"},
    {"version": "2.0.0", "status": "draft"},
    {"version": "0.9.0", "status": "retired", "released": "2024-01-01"},
]


@pytest.mark.parametrize(
    ("selector", "expected"),
    [
        ("bins", "1.1.1"),
        ("bins@1", "1.1.1"),
        ("bins@1.1", "1.1.1"),
        ("bins@1.0", "1.0.0"),
        ("bins@1.0.0", "1.0.0"),
        ("bins@1.1.0", "1.1.0"),
        ("bins@1.2.0", "1.2.0"),
    ],
)
def test_selection(make_catalogue: MakeCatalogue, selector: str, expected: str) -> None:
    """A selector picks the latest released version matching its prefix, or the exact one."""
    cat = make_catalogue({"bins": _manifest(_VERSIONS)})
    assert cat.select(selector).version == expected


@pytest.mark.parametrize(
    ("selector", "words"),
    [
        ("bins@2", "drafts are only used when asked"),
        ("bins@2.0.0", "drafts are only used when asked"),
        ("bins@3", "no version matching '3'"),
        ("bins@0.9", "retired"),
        ("skips", "there is no standard 'skips'"),
        ("Bins!", "is not a standard name"),
        ("bins@1.x", "is not a standard name"),
    ],
)
def test_selection_errors(make_catalogue: MakeCatalogue, selector: str, words: str) -> None:
    """Asking for a draft, a retired or a missing version is a clear error."""
    cat = make_catalogue({"bins": _manifest(_VERSIONS)})
    with pytest.raises(StandardNotFoundError, match=words):
        cat.select(selector)


def test_draft_allowed_when_asked(make_catalogue: MakeCatalogue) -> None:
    """A draft is selected only with allow_draft."""
    cat = make_catalogue({"bins": _manifest(_VERSIONS)})
    assert cat.select("bins@2", allow_draft=True).status is Status.DRAFT


@pytest.mark.parametrize(
    ("manifest", "words"),
    [
        ("{not json", "line 1, column 2"),
        ("[]", "expected a JSON object"),
        (_manifest([]), "versions"),
        (
            _manifest([{"version": "1.0", "status": "published", "released": "2026-01-01"}]),
            "is not MAJOR.MINOR.PATCH",
        ),
        (_manifest([{"version": "1.0.0", "status": "published"}]), "has no 'released' date"),
        (
            _manifest([{"version": "1.0.0", "status": "live", "released": "2026-01-01"}]),
            "versions.0.status",
        ),
        (_manifest(_VERSIONS[:1] * 2), "listed more than once: 1.0.0"),
        (_manifest(_VERSIONS[:1], colour="blue"), "colour"),
        (_manifest(_VERSIONS[:1], external=True), "needs a 'homepage'"),
        (_manifest(_VERSIONS[:1], id="other"), "does not match its folder"),
    ],
)
def test_malformed_manifest(make_catalogue: MakeCatalogue, manifest: Any, words: str) -> None:
    """A malformed manifest is rejected with a message naming the file and the problem."""
    with pytest.raises(ManifestError, match=words) as info:
        make_catalogue({"bins": manifest})
    assert "standard.json" in str(info.value)


_ONE = _VERSIONS[:1]


@pytest.mark.parametrize(
    ("raw", "problems"),
    [
        ({k: v for k, v in _manifest(_ONE).items() if k != "title"}, {"title: Field required"}),
        (_manifest(_ONE, title=""), {"title: String should have at least 1 character"}),
        (_manifest(_ONE, owner=7), {"owner: Input should be a valid string"}),
        (_manifest(_ONE, id="bins\n"),
         {"id: String should match pattern '^[a-z0-9]+(-[a-z0-9]+)*$'"}),
        (_manifest(_ONE, kind="website"), {"kind: Input should be 'data' or 'api'"}),
        (_manifest(_ONE, external="yes"), {"external: Input should be a valid boolean"}),
        (_manifest(_ONE, related="common"), {"related: Input should be a valid tuple"}),
        (_manifest(_ONE, related=["common", 2]), {"related.1: Input should be a valid string"}),
        (_manifest([{"version": "1.0.0", "status": "published", "released": "5 May 2026"}]),
         {"versions.0.released: Input should be a valid date in the format YYYY-MM-DD"}),
        (_manifest([{"version": "1.0.0", "status": "published", "released": "2026-02-30"}]),
         {"versions.0.released: Input should be a valid date: day is out of range for month"}),
        (_manifest([{"version": "1.0.0", "status": "deprecated", "released": "2026-01-01",
                     "replaced_by": "the next one"}]),
         {"versions.0.replaced_by: Value error, replaced_by 'the next one' is not a version "
          "such as '2.0.0' or a standard version such as 'other-standard@1.0.0'"}),
        (_manifest(["1.0.0"]), {"versions.0: Input should be a valid dictionary"}),
        (_manifest(_ONE, adopters=[{"name": "", "kind": "town", "versions": [],
                                    "statement": "s", "since": "2026"}]),
         {"adopters.0.since: Extra inputs are not permitted",
          "adopters.0.name: String should have at least 1 character",
          "adopters.0.kind: Input should be 'council' or 'supplier'",
          "adopters.0.versions: Tuple should have at least 1 item after validation, not 0"}),
        (_manifest([{"status": "published", "released": "2026-01-01"}, _ONE[0]], owner=""),
         {"versions.0.version: Field required",
          "owner: String should have at least 1 character"}),
    ],
)
def test_every_problem_of_a_manifest_is_named(raw: dict[str, Any], problems: set[str]) -> None:
    """Each wrong field is named with its place, all at once, in pydantic's words."""
    with pytest.raises(MalformedManifest) as info:
        Manifest.from_json(raw)
    assert {f"{p.loc}: {p.message}" for p in info.value.problems} == problems


def test_a_manifest_reads_back_as_it_was_written() -> None:
    """Every manifest of the catalogue turns back into the JSON it was read from, defaults added."""
    for manifest in Catalogue():
        assert Manifest.from_json(manifest.to_json()) == manifest


def test_schema_ids_follow_the_base_uri(cat: Catalogue) -> None:
    """Every schema's $id is the registry's base URI plus <id>/<version>/schema.json."""
    for version in cat.versions():
        if version.schema_path.is_file():
            assert (
                version.schema.get("$id")
                == f"{cat.base_uri}{version.id}/{version.version}/schema.json"
            )
            assert version.schema.get("$schema") == "https://json-schema.org/draft/2020-12/schema"


def test_base_uri_is_defined_in_one_place(cat: Catalogue) -> None:
    """The base URI comes from standards/registry.json."""
    settings = json.loads((cat.root / "registry.json").read_text())
    assert cat.base_uri == settings["base_uri"]


def test_every_listed_version_has_a_folder(cat: Catalogue) -> None:
    """Each version a manifest lists (for standards we own) has its folder and schema."""
    for version in cat.versions():
        assert version.folder.is_dir(), f"{version.ref} has no folder {version.folder}"
        assert version.schema_path.is_file() or version.openapi_path, f"{version.ref} has no schema"


def test_closed_codelists_match_their_enums(cat: Catalogue) -> None:
    """A field with a closed x-codelist has an enum equal to the codelist's codes, in order."""

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            yield node
            for value in node.values():
                yield from walk(value)
        elif isinstance(node, list):
            for value in node:
                yield from walk(value)

    for version in cat.versions():
        if not version.schema_path.is_file():
            continue
        for node in walk(version.schema):
            name = node.get("x-codelist")
            if not isinstance(name, str):
                continue
            codelist = version.codelist_for(version.schema_uri, name)[1]
            assert codelist is not None, f"{version.ref}: {name} does not exist"
            codes = [str(c["code"]) for c in codelist.codes]
            if codelist.open:
                assert "enum" not in node, f"{version.ref}: open codelist {name} used with an enum"
            else:
                assert node.get("enum") == codes, f"{version.ref}: enum differs from {name}"
