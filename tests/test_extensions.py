"""Extensions and profiles: the format, merging a patch, effective versions and checking data."""

from __future__ import annotations

import json
import pickle
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lgstandards import parallel
from lgstandards.conformance import Checker, Recipe
from lgstandards.development.extensions import (
    DECLARATION,
    Addition,
    EffectiveVersion,
    ExtensionError,
    ExtensionVersion,
    Kind,
    PatchError,
    additions,
    check_fit,
    compose,
    extensions,
    load_local,
    looks_like_path,
    merge_schema,
    read_extension_manifest,
)
from lgstandards.findings import Severity
from lgstandards.registry import Catalogue, catalogue
from lgstandards.rules import RuleOptions

ROOT = Path(__file__).resolve().parents[1]
STANDARDS = ROOT / "standards"
GARDEN = STANDARDS / "extensions" / "garden-waste-subscription"
CONTRACT = STANDARDS / "profiles" / "collection-outcomes-contract"
BASE = "waste-property-schedule@1.0.0"
GARDEN_URI = "https://schemas.lgstandards.org/extensions/garden-waste-subscription/1.0.0/schema.json"
CONTRACT_URI = (
    "https://schemas.lgstandards.org/profiles/collection-outcomes-contract/1.0.0/schema.json"
)
# The versions an id without a version chooses, for the schedule 2.x.
BASE2 = "waste-property-schedule@2.0.0"
GARDEN2_URI = GARDEN_URI.replace("1.0.0", "2.0.0")
CONTRACT2_URI = CONTRACT_URI.replace("1.0.0", "2.0.0")

_LAYERS = list(extensions(catalogue()).versions())
_VALID = [(v, p) for v in _LAYERS for p in v.example_files("valid")]
_INVALID = [(v, p) for v in _LAYERS for p in v.example_files("invalid")]

WriteLayer = Callable[..., Path]


@pytest.fixture
def write_layer(tmp_path: Path) -> WriteLayer:
    """Return a function that writes an extension or profile folder and returns its path."""

    def write(patch: Any, *, kind: str = "extension", layer_id: str = "local-fields",
              namespace: str | None = "local", versions: list[dict[str, Any]] | None = None,
              codelists: dict[str, Any] | None = None) -> Path:
        folder = tmp_path / layer_id
        manifest: dict[str, Any] = {
            "id": layer_id, "kind": kind, "title": "Local fields", "description": "For tests.",
            "owner": "A council", "contact": "mailto:data@example.org", "licence": "OGL-UK-3.0",
            "base": "waste-property-schedule",
            "versions": versions or [{"version": "1.0.0", "status": "draft",
                                      "base_version": "1.0.0"}],
        }
        if namespace is not None:
            manifest["namespace"] = namespace
        (folder / "1.0.0" / "codelists").mkdir(parents=True)
        (folder / "extension.json").write_text(json.dumps(manifest))
        (folder / "1.0.0" / "schema.patch.json").write_text(json.dumps(patch))
        for name, content in (codelists or {}).items():
            (folder / "1.0.0" / "codelists" / name).write_text(json.dumps(content))
        return folder

    return write


@pytest.fixture
def small_registry(tmp_path: Path) -> Path:
    """Return a copy of the registry with only what the waste property schedule needs."""
    root = tmp_path / "standards"
    root.mkdir()
    shutil.copy(STANDARDS / "registry.json", root / "registry.json")
    for name in ("common", "waste-property-schedule", "extensions", "profiles"):
        shutil.copytree(STANDARDS / name, root / name)
    return root


def _local(folder: Path, cat: Catalogue | None = None) -> ExtensionVersion:
    return load_local(folder, base_uri=(cat or catalogue()).base_uri, allow_draft=True)


def _found(report: Any) -> set[tuple[str, int, str]]:
    # The base (waste-property-schedule 1.0.0) is deprecated: a notice about it, not the records.
    return {(f.code, f.location.record or 1, f.pointer) for f in report.findings
            if f.code != "standard.deprecated"}


# -- merging -------------------------------------------------------------------------------------


def test_lists_are_united_or_appended_never_replaced(tmp_path: Path) -> None:
    """required and enum gain values, allOf gains entries; nothing the base had is lost."""
    base = {"required": ["a"], "enum": ["x", "y"], "allOf": [{"required": ["a"]}],
            "properties": {"a": {"type": "string", "maxLength": 5}}}
    patch = {"required": ["b", "a"], "enum": ["z", "x"], "allOf": [{"required": ["b"]}],
             "properties": {"a": {"maxLength": 3}, "b": {"type": "integer"}}}
    merged = merge_schema(base, patch, tmp_path / "p.json")
    assert merged["required"] == ["a", "b"]
    assert merged["enum"] == ["x", "y", "z"]
    assert merged["allOf"] == [{"required": ["a"]}, {"required": ["b"]}]
    assert merged["properties"] == {"a": {"type": "string", "maxLength": 3},
                                    "b": {"type": "integer"}}
    assert base["required"] == ["a"]  # The base is never changed in place.


def test_false_forbids_a_property(tmp_path: Path) -> None:
    """A property given as false replaces its schema: the profile way to forbid a field."""
    merged = merge_schema({"properties": {"a": {"type": "string"}}},
                          {"properties": {"a": False}}, tmp_path / "p.json")
    assert merged["properties"]["a"] is False


@pytest.mark.parametrize(("patch", "pointer", "words"), [
    ({"properties": {"a": None}}, "/properties/a", "null would remove"),
    ({"properties": {"b": {"enum": ["x", None]}}}, "/properties/b/enum/1", "null would remove"),
    ({"anyOf": [{"type": "string"}]}, "/anyOf", "cannot merge two anyOf lists"),
    ({"required": "a"}, "/required", "required must be a list"),
])
def test_patches_that_would_lose_something_are_refused(tmp_path: Path, patch: Any,
                                                       pointer: str, words: str) -> None:
    """Null, and lists other than required/enum/examples/allOf, are refused with the place."""
    base = {"required": ["a"], "anyOf": [{"type": "object"}],
            "properties": {"a": {"type": "string"}}}
    with pytest.raises(PatchError) as caught:
        merge_schema(base, patch, tmp_path / "p.json")
    assert caught.value.pointer == pointer
    assert words in str(caught.value) and "p.json" in str(caught.value)


def test_additions_name_new_fields_definitions_and_fields_beside_a_ref() -> None:
    """additions() lists what a patch adds where its base had nothing, nothing inside it."""
    base = {"properties": {"a": {"$ref": "#/$defs/a"}, "b": {"type": "object"}},
            "$defs": {"a": {"properties": {"x": {}}}}}
    patch = {"properties": {"a": {"properties": {"y": {}}}, "b": {"properties": {"z": {}}},
                            "c": {"properties": {"inner": {}}}},
             "$defs": {"a": {"properties": {"x": {"maxLength": 2}, "w": {}}}, "d": {}}}
    assert list(additions(base, patch)) == [
        Addition("/properties/a/properties/y", "y", "beside-ref"),
        Addition("/properties/b/properties/z", "z", "property"),
        Addition("/properties/c", "c", "property"),
        Addition("/$defs/a/properties/w", "w", "property"),
        Addition("/$defs/d", "d", "definition"),
    ]


# -- effective versions --------------------------------------------------------------------------


@pytest.mark.parametrize(("selector", "base", "uri"), [
    ("garden-waste-subscription", BASE2, GARDEN2_URI),
    ("garden-waste-subscription@1", BASE, GARDEN_URI),
])
def test_effective_schema_is_self_contained_and_named(cat: Catalogue, selector: str, base: str,
                                                      uri: str) -> None:
    """The effective schema has every $ref local, its own $id, and accepts $schema."""
    layer = extensions(cat).select(selector, "extension", allow_draft=True)
    effective = compose(cat.select(base), [layer], cat)
    assert effective.schema["$id"] == uri == layer.uri
    refs = [v for v in _walk(effective.schema) if isinstance(v, tuple) and v[0] == "$ref"]
    assert refs and all(ref.startswith("#/") for _, ref in refs)
    assert DECLARATION in effective.schema["properties"]
    assert effective.ref == f"{base}+garden-waste-subscription@{layer.version}"
    outcomes = effective.codelists["codelists/collection-outcome.json"].values
    assert {"collected", "not_on_scheme.no_permit"} <= outcomes
    assert "codelists/garden-subscription-status.json" in effective.codelists
    assert effective.accepted_uris == {uri}


def test_an_id_without_a_version_chooses_the_newest_that_fits_the_base(cat: Catalogue) -> None:
    """The newest version by default; with a base version given, the newest that fits it."""
    found = extensions(cat)
    pairs: tuple[tuple[Kind, str], ...] = (("extension", "garden-waste-subscription"),
                                           ("profile", "collection-outcomes-contract"))
    for kind, layer_id in pairs:
        assert found.select(layer_id, kind).version == "2.0.0"
        for base, wanted in (("1.0.0", "1.0.0"), ("2.0.0", "2.0.0")):
            chosen = found.select(layer_id, kind, bases={"waste-property-schedule": base})
            assert chosen.version == wanted, (layer_id, base)
    # Nothing fits a base it was never written for: the newest is chosen, and compose says why.
    chosen = found.select("garden-waste-subscription", "extension",
                          bases={"waste-property-schedule": "0.9.0"})
    assert chosen.version == "2.0.0"
    checker = Checker.for_extended(["garden-waste-subscription"], standard=BASE,
                                   options=RuleOptions())
    assert checker.name == f"{BASE}+garden-waste-subscription@1.0.0"


def test_a_deprecated_layer_says_its_sunset_and_replacement() -> None:
    """Data checked with a deprecated version is told when it may go and what replaces it."""
    checker = Checker.for_extended(["garden-waste-subscription@1"], options=RuleOptions())
    notes = [f.message for f in checker.check_paths(
        [str(GARDEN / "1.0.0/examples/valid/subscribed-house.json")]).findings
        if f.code == "standard.deprecated"]
    assert any("garden-waste-subscription@1.0.0 is deprecated and may be retired after "
               "2027-12-06: move to garden-waste-subscription@2.0.0." in m for m in notes)
    assert not [f for f in Checker.for_extended(["garden-waste-subscription"]).check_paths(
        [str(GARDEN / "2.0.0/examples/valid/subscribed-house.json")]).findings
        if f.code == "standard.deprecated"]


@pytest.mark.parametrize(("entry", "words"), [
    ({"status": "published", "sunset": "2027-12-06"}, "is published, so it has no sunset"),
    ({"status": "deprecated", "replaced_by": "0.9.0"}, "not newer"),
    ({"status": "deprecated", "replaced_by": "two"}, "is not MAJOR.MINOR.PATCH"),
])
def test_deprecation_fields_are_checked(tmp_path: Path, entry: dict[str, str],
                                        words: str) -> None:
    """Only a deprecated or retired version has a sunset or replacement, and a newer one."""
    folder = tmp_path / "extensions" / "mine"
    folder.mkdir(parents=True)
    manifest = {"id": "mine", "kind": "extension", "title": "T", "description": "D",
                "owner": "O", "contact": "C", "licence": "L", "base": "waste-property-schedule",
                "namespace": "mine",
                "versions": [{"version": "1.0.0", "released": "2026-12-05",
                              "base_version": "1.0.0", **entry}]}
    (folder / "extension.json").write_text(json.dumps(manifest))
    with pytest.raises(ExtensionError, match=words):
        read_extension_manifest(folder / "extension.json")


def _walk(node: Any) -> Any:
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref":
                yield (key, value)
            yield from _walk(value)
    elif isinstance(node, list):
        for value in node:
            yield from _walk(value)


def test_a_combination_is_named_but_never_published(cat: Catalogue) -> None:
    """An extension with a profile has a urn: name, and the profile's URI is what it accepts."""
    found = extensions(cat)
    layers = [found.select("garden-waste-subscription", "extension", allow_draft=True),
              found.select("collection-outcomes-contract", "profile", allow_draft=True)]
    effective = compose(cat.select(BASE2), layers, cat)
    assert effective.schema_uri.startswith("urn:lgstandards:")
    assert effective.accepted_uris == {CONTRACT2_URI}
    assert effective.profile is layers[1] and effective.extensions == (layers[0],)


def test_a_layer_applies_only_to_its_base(write_layer: WriteLayer, cat: Catalogue) -> None:
    """A layer of another standard cannot be applied, and says whose it is."""
    folder = write_layer({})
    manifest = json.loads((folder / "extension.json").read_text())
    (folder / "extension.json").write_text(json.dumps({**manifest,
                                                       "base": "waste-bulky-booking"}))
    with pytest.raises(ExtensionError, match="of waste-bulky-booking, not of"):
        check_fit(cat.select(BASE), [_local(folder)])


def test_compatibility_is_a_range_from_the_base_version(write_layer: WriteLayer,
                                                         cat: Catalogue) -> None:
    """compatible '1.0' fits 1.0.x from base_version on, and nothing else."""
    folder = write_layer({}, versions=[{"version": "1.0.0", "status": "draft",
                                        "base_version": "1.0.0", "compatible": "1.0"}])
    layer = _local(folder)
    check_fit(cat.select(BASE), [layer])
    assert layer.entry.fits("1.0.7") and not layer.entry.fits("1.1.0")
    assert not layer.entry.fits("0.9.0") and not layer.entry.fits("2.0.0")


def test_two_profiles_or_overlapping_namespaces_cannot_be_combined(
        write_layer: WriteLayer, cat: Catalogue) -> None:
    """At most one profile, last; extensions whose namespaces overlap could clash."""
    found = extensions(cat)
    profile = found.select("collection-outcomes-contract@1", "profile", allow_draft=True)
    garden = found.select("garden-waste-subscription@1", "extension", allow_draft=True)
    with pytest.raises(ExtensionError, match="at most one profile"):
        check_fit(cat.select(BASE), [profile, garden])
    clash = _local(write_layer({}, namespace="garden_subscription_extra"))
    with pytest.raises(ExtensionError, match="overlapping namespaces"):
        check_fit(cat.select(BASE), [garden, clash])


@pytest.mark.parametrize(("text", "words"), [
    ("{", "line 1, column 2"),
    ('{"id": "x"}', "malformed manifest: kind: Field required"),
    (json.dumps({"id": "x", "kind": "extension", "title": "t", "description": "d", "owner": "o",
                 "contact": "c", "licence": "l", "base": "waste-property-schedule",
                 "versions": [{"version": "1", "status": "draft", "base_version": "1.0.0"}]}),
     "version '1' is not MAJOR.MINOR.PATCH"),
    (json.dumps({"id": "x", "kind": "extension", "title": "t", "description": "d", "owner": "o",
                 "contact": "c", "licence": "l", "base": "waste-property-schedule",
                 "versions": [{"version": "1.0.0", "status": "draft",
                               "base_version": "1.0.0"}]}),
     "an extension needs a 'namespace'"),
])
def test_a_broken_manifest_names_its_file(tmp_path: Path, text: str, words: str) -> None:
    """A manifest that cannot be used is an error naming the file and the field."""
    (tmp_path / "extension.json").write_text(text)
    with pytest.raises(ExtensionError) as caught:
        load_local(tmp_path, base_uri="https://example.org/")
    assert words in str(caught.value) and "extension.json" in str(caught.value)


def test_ids_and_folders_are_told_apart(write_layer: WriteLayer) -> None:
    """An id is looked up in the registry; a path or a folder with a manifest is read."""
    folder = write_layer({})
    assert looks_like_path(str(folder)) and looks_like_path(str(folder / "1.0.0"))
    assert looks_like_path("./here") and not looks_like_path("garden-waste-subscription@1")


def test_registry_selection_and_its_errors(cat: Catalogue) -> None:
    """select() finds by id and kind; drafts need asking for; the wrong kind says which."""
    found = extensions(cat)
    assert found.select("garden-waste-subscription@1", "extension", allow_draft=True).version \
        == "1.0.0"
    with pytest.raises(ExtensionError, match="give it with --profile"):
        found.select("collection-outcomes-contract", "extension", allow_draft=True)
    with pytest.raises(ExtensionError, match="known extensions: garden-waste-subscription"):
        found.select("nope", "extension")
    assert found.by_uri(GARDEN_URI) is not None and found.by_uri(CONTRACT_URI) is not None
    assert found.by_uri(GARDEN_URI.replace("1.0.0", "9.0.0")) is None


def test_misplaced_manifests_are_problems_not_crashes(small_registry: Path) -> None:
    """A manifest in the wrong folder, or unreadable, is listed with why; the rest still work."""
    wrong = small_registry / "profiles" / "misfiled"
    shutil.copytree(small_registry / "extensions" / "garden-waste-subscription", wrong)
    (small_registry / "extensions" / "broken").mkdir()
    (small_registry / "extensions" / "broken" / "extension.json").write_text("[")
    found = extensions(Catalogue(small_registry))
    assert [m.id for m in found.manifests] == ["collection-outcomes-contract",
                                               "garden-waste-subscription"]
    problems = " ".join(found.problems.values())
    assert "belongs in extensions/garden-waste-subscription/" in problems
    assert "broken/extension.json" in problems
    with pytest.raises(ExtensionError, match=r"broken/extension\.json"):
        found.select("broken", "extension")


# -- checking data -------------------------------------------------------------------------------


@pytest.mark.parametrize(("layer", "path"), _VALID, ids=[f"{v.ref}:{p.name}" for v, p in _VALID])
def test_valid_example(layer: ExtensionVersion, path: Path) -> None:
    """A valid example of an extension or profile gives no error or warning."""
    checker = _checker(layer)
    report = checker.check_paths([str(path)])
    assert [(f.code, f.pointer) for f in report.findings
            if f.severity is not Severity.INFO and f.code != "standard.deprecated"] == []
    assert report.records >= 1


@pytest.mark.parametrize(("layer", "path"), _INVALID,
                         ids=[f"{v.ref}:{p.name}" for v, p in _INVALID])
def test_invalid_example(layer: ExtensionVersion, path: Path) -> None:
    """An invalid example gives exactly its documented (code, record, pointer) findings."""
    sidecar = path.with_name(path.name.rsplit(".", 1)[0] + ".findings.json")
    expected = {(f["code"], int(f.get("record", 1)), f["pointer"])
                for f in json.loads(sidecar.read_text())}
    assert _found(_checker(layer).check_paths([str(path)])) == expected


def _checker(layer: ExtensionVersion) -> Checker:
    if layer.kind == "extension":
        return Checker.for_extended([layer.ref], options=RuleOptions(), allow_draft=True)
    return Checker.for_extended(profile=layer.ref, options=RuleOptions(), allow_draft=True)


def test_every_layer_has_examples_docs_and_a_changelog_entry() -> None:
    """Each registry version has valid and invalid examples, a README and a changelog entry."""
    assert {layer.kind for layer in _LAYERS} == {"extension", "profile"}
    for layer in _LAYERS:
        assert layer.example_files("valid") and layer.example_files("invalid"), layer.ref
        assert layer.readme_path.is_file(), layer.ref
        assert f"## [{layer.version}]" in layer.changelog_path.read_text(), layer.ref


def test_profile_valid_data_is_valid_under_its_base() -> None:
    """A profile narrows: its valid examples are valid under the base (but for $schema)."""
    for layer in (v for v in _LAYERS if v.kind == "profile"):
        base = Checker.for_standard(layer.base_ref, options=RuleOptions())
        for path in layer.example_files("valid"):
            for line in path.read_text().splitlines() if path.suffix == ".ndjson" \
                    else [path.read_text()]:
                record = json.loads(line)
                record.pop(DECLARATION)
                assert base.check_record(record) == [], path.name


def test_extension_keeps_the_bases_rules(cat: Catalogue) -> None:
    """Rules of the base standard still run on extended data, beside the extension's schema."""
    checker = Checker.for_standard(BASE, extensions=["garden-waste-subscription"],
                                   allow_draft=True, options=RuleOptions())
    record = json.loads((GARDEN / "1.0.0/examples/valid/subscribed-house.json").read_text())
    record["collections"][1]["changed"] = True
    record["collections"][1]["original_date"] = record["collections"][1]["date"]
    record["collections"][1]["change_reason"] = "weather"
    assert [f.code for f in checker.check_record(record)] == ["waste.changed-flag-mismatch"]


def test_a_local_folder_is_checked_like_a_registry_extension(write_layer: WriteLayer) -> None:
    """--extension PATH reads a user's folder: its fields are accepted, others still refused."""
    patch = {"properties": {"local_round": {"title": "Round", "description": "The round.",
                                            "type": "string", "maxLength": 10}}}
    folder = write_layer(patch)
    checker = Checker.for_extended([str(folder)], options=RuleOptions(), allow_draft=True)
    record = json.loads((STANDARDS / "waste-property-schedule/1.0.0/examples/valid/"
                         "unitary-house.json").read_text())
    assert checker.check_record({**record, "local_round": "TUE-3"}) == []
    codes = [f.code for f in checker.check_record({**record, "local_round": "X" * 11})]
    assert codes == ["schema.max-length"]
    assert checker.recipe is not None and checker.recipe.extensions == (str(folder / "1.0.0"),)
    assert checker.schema_id == (folder / "1.0.0" / "schema.json").resolve().as_uri()


def test_recipe_survives_pickling_and_builds_the_same_checker() -> None:
    """A worker rebuilds the extended checker from its recipe: same name, schema and rules."""
    checker = Checker.for_standard(BASE, extensions=["garden-waste-subscription"],
                                   profile="collection-outcomes-contract", allow_draft=True)
    recipe = pickle.loads(pickle.dumps(checker.recipe))
    assert isinstance(recipe, Recipe)
    again = recipe.build()
    assert (again.name, again.schema_id) == (checker.name, checker.schema_id)
    assert [r.code for r in again.rules] == [r.code for r in checker.rules]


def test_jobs_give_the_same_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Worker processes check extended data exactly as one process does."""
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    for kind in ("valid", "invalid"):
        for path in (GARDEN / "1.0.0" / "examples" / kind).iterdir():
            if not path.name.endswith(".findings.json"):
                shutil.copy(path, tmp_path / f"{kind}-{path.name}")
    checker = Checker.for_standard(BASE, extensions=["garden-waste-subscription"],
                                   allow_draft=True, options=RuleOptions())
    alone = checker.check_paths([str(tmp_path)]).to_dict()
    together = checker.check_paths([str(tmp_path)], jobs=2).to_dict()
    assert together == alone
    assert alone["summary"]["invalid_records"] >= 5


def test_effective_version_is_what_rules_read() -> None:
    """An effective version offers the id, version and schema the rules choose by."""
    cat = catalogue()
    effective = compose(cat.select(BASE), [], cat)
    assert isinstance(effective, EffectiveVersion)
    assert (effective.id, effective.version, effective.openapi_path) == (
        "waste-property-schedule", "1.0.0", None)
