"""lint on extensions and profiles: an extension only adds, a profile only narrows."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from lgstandards.cli import main
from lgstandards.development.extension_lint import CODES, lint_layer, lint_layers
from lgstandards.development.extensions import load_local
from lgstandards.registry import Catalogue, catalogue

ROOT = Path(__file__).resolve().parents[1]
STANDARDS = ROOT / "standards"

TITLED = {"title": "A field", "description": "What it says."}


def _layer(tmp_path: Path, patch: Any, *, kind: str = "extension", namespace: str | None = "ours",
           codelists: dict[str, Any] | None = None, base_version: str = "1.0.0",
           name: str = "ours") -> Path:
    """Write an extension or profile folder and return it."""
    folder = tmp_path / name
    (folder / "1.0.0" / "codelists").mkdir(parents=True)
    manifest: dict[str, Any] = {
        "id": name, "kind": kind, "title": "Ours", "description": "For tests.", "owner": "Us",
        "contact": "mailto:us@example.org", "licence": "OGL-UK-3.0",
        "base": "waste-property-schedule",
        "versions": [{"version": "1.0.0", "status": "draft", "base_version": base_version,
                      "compatible": "1"}],
    }
    if namespace is not None:
        manifest["namespace"] = namespace
    (folder / "extension.json").write_text(json.dumps(manifest))
    (folder / "1.0.0" / "schema.patch.json").write_text(json.dumps(patch))
    for file_name, content in (codelists or {}).items():
        (folder / "1.0.0" / "codelists" / file_name).write_text(json.dumps(content))
    return folder


def _lint(folder: Path, cat: Catalogue | None = None) -> set[tuple[str, str]]:
    """Return (code, pointer) of each finding for a folder's one version."""
    chosen = cat or catalogue()
    layer = load_local(folder, base_uri=chosen.base_uri, allow_draft=True)
    return {(f.code, f.pointer) for f in lint_layer(layer, chosen)}


def test_the_registrys_extensions_and_profiles_follow_the_rules() -> None:
    """Both worked examples lint clean, as does every other layer in the registry."""
    results = lint_layers(catalogue())
    assert {"garden-waste-subscription@1.0.0", "collection-outcomes-contract@1.0.0"} <= set(results)
    assert {ref: found for ref, found in results.items() if found} == {}


def test_every_code_is_documented() -> None:
    """Each code these rules make is listed, with a meaning."""
    assert all(code.startswith("lint.") and text for code, text in CODES.items())


def test_a_namespaced_field_and_definition_are_fine(tmp_path: Path) -> None:
    """A field named by the namespace, and a definition for it, pass."""
    patch = {"$defs": {"service": {"properties": {"ours": {"$ref": "#/$defs/ours", **TITLED}}},
                       "ours": {**TITLED, "type": "object",
                                "properties": {"code": {**TITLED, "type": "string",
                                                        "maxLength": 9}}}}}
    assert _lint(_layer(tmp_path, patch)) == set()


@pytest.mark.parametrize(("patch", "expected"), [
    ({"$defs": {"service": {"properties": {"round_code": {**TITLED, "type": "string"}}}}},
     {("lint.extension-namespace", "/$defs/service/properties/round_code")}),
    ({"$defs": {"helper": {**TITLED, "type": "string"}}},
     {("lint.extension-namespace", "/$defs/helper")}),
    ({"properties": {"property": {"properties": {"ours_flag": {**TITLED, "type": "boolean"}}}}},
     {("lint.extension-beside-ref", "/properties/property/properties/ours_flag")}),
])
def test_additions_must_be_named_and_placed(tmp_path: Path, patch: Any,
                                            expected: set[tuple[str, str]]) -> None:
    """Fields and definitions outside the namespace, or beside a $ref, are refused."""
    assert _lint(_layer(tmp_path, patch)) == expected


@pytest.mark.parametrize(("patch", "code", "pointer"), [
    ({"$defs": {"service": {"properties": {"name": {"maxLength": 500}}}}},
     "lint.extension-loosens-base", "/$defs/service/properties/name/maxLength"),
    ({"$defs": {"service": {"required": ["operator"]}}},
     "lint.extension-contradicts-base", "/$defs/service/required/3"),
    ({"$defs": {"service": {"properties": {"name": {"maxLength": 20}}}}},
     "lint.extension-contradicts-base", "/$defs/service/properties/name/maxLength"),
    ({"$defs": {"service": {"properties": {"name": {"description": "Something else."}}}}},
     "lint.extension-contradicts-base", "/$defs/service/properties/name/description"),
])
def test_an_extension_that_changes_its_base_is_refused(tmp_path: Path, patch: Any, code: str,
                                                       pointer: str) -> None:
    """Loosening, tightening or rewriting the base is refused where it happens (the diff)."""
    assert _lint(_layer(tmp_path, patch)) == {(code, pointer)}


def test_extension_codes_are_new_and_closed_ones_reach_the_enum(tmp_path: Path) -> None:
    """A re-listed code is refused; a closed codelist's new code must be in its enums too."""
    codes = {"codes": [{"code": "collected", "title": "Collected", "description": "Done."}]}
    found = _lint(_layer(tmp_path, {}, codelists={"+collection-outcome.json": codes}))
    assert found == {("lint.extension-contradicts-base", "/codes/0")}
    stream = {"codes": [{"code": "ours_compost", "title": "Compost", "description": "Ours."}]}
    folder = _layer(tmp_path / "a", {}, codelists={"+waste-stream.json": stream})
    assert {code for code, _ in _lint(folder)} == {"lint.undefined-code"}
    enums = {"$defs": {"service": {"properties": {"stream": {"enum": ["ours_compost"]}}},
                       "container_type": {"properties": {"streams": {"items": {
                           "enum": ["ours_compost"]}}}}}}
    assert _lint(_layer(tmp_path / "b", enums, codelists={"+waste-stream.json": stream})) == set()


def test_own_codelists_are_named_for_the_namespace(tmp_path: Path) -> None:
    """An extension's own codelist file starts with its namespace, in kebab-case."""
    codelist = {"id": "kinds", "title": "Kinds", "description": "Kinds.", "open": True,
                "codes": [{"code": "a", "title": "A", "description": "A."}]}
    found = _lint(_layer(tmp_path, {}, codelists={"kinds.json": codelist}))
    assert found == {("lint.extension-namespace", "")}
    assert _lint(_layer(tmp_path / "ok", {}, codelists={"ours-kinds.json": codelist})) == set()


def test_what_a_layer_adds_follows_the_house_rules(tmp_path: Path) -> None:
    """A field the extension adds without a title or with a risky pattern is reported."""
    patch = {"$defs": {"service": {"properties": {"ours": {
        "description": "No title.", "type": "string", "pattern": "^(a+)+$"}}}}}
    assert _lint(_layer(tmp_path, patch)) == {
        ("lint.missing-title", "/$defs/service/properties/ours"),
        ("lint.unsafe-regex", "/$defs/service/properties/ours/pattern"),
    }


@pytest.mark.parametrize(("patch", "expected"), [
    ({"required": ["source_system"], "properties": {"extensions": False}}, set()),
    ({"$defs": {"collection": {"allOf": [{"if": {"properties": {"status": {"const": "completed"}},
                                                 "required": ["status"]},
                                          "then": {"required": ["completed_at"]}}]}}}, set()),
    ({"properties": {"round": {**TITLED, "type": "string"}}},
     {("lint.profile-loosens-base", "/properties/round")}),
    ({"$defs": {"service": {"properties": {"name": {"maxLength": 500}}}}},
     {("lint.profile-loosens-base", "/$defs/service/properties/name/maxLength")}),
])
def test_a_profile_only_narrows(tmp_path: Path, patch: Any,
                                expected: set[tuple[str, str]]) -> None:
    """Requiring, forbidding with false and conditions pass; anything that widens is refused."""
    assert _lint(_layer(tmp_path, patch, kind="profile", namespace=None)) == expected


def test_a_profile_adds_no_codes(tmp_path: Path) -> None:
    """A codelist file in a profile is refused: a profile adds nothing."""
    codes = {"codes": [{"code": "ours", "title": "Ours", "description": "Ours."}]}
    folder = _layer(tmp_path, {}, kind="profile", namespace=None,
                    codelists={"+collection-outcome.json": codes})
    assert _lint(folder) == {("lint.profile-loosens-base", "")}


def test_unmergeable_patches_and_missing_bases_are_findings(tmp_path: Path) -> None:
    """A null in a patch, or a base version that does not exist, is a finding, not a crash."""
    assert _lint(_layer(tmp_path, {"properties": {"source_system": None}})) == {
        ("lint.extension-patch", "/properties/source_system")}
    assert _lint(_layer(tmp_path / "b", {}, base_version="1.0.9")) == {
        ("lint.extension-manifest", "")}
    broken = _layer(tmp_path / "c", {})
    (broken / "1.0.0" / "schema.patch.json").write_text("{")
    assert _lint(broken) == {("lint.extension-patch", "")}


def test_namespaces_may_not_overlap_the_registrys(tmp_path: Path) -> None:
    """A namespace overlapping an extension in the registry is refused."""
    assert _lint(_layer(tmp_path, {}, namespace="garden_subscription_more")) == {
        ("lint.extension-namespace", "")}


def test_every_base_version_it_fits_is_checked(tmp_path: Path) -> None:
    """An extension claiming 1.x is checked on 1.1.0 too, where a clash shows up."""
    root = tmp_path / "standards"
    root.mkdir()
    shutil.copy(STANDARDS / "registry.json", root / "registry.json")
    for name in ("common", "waste-property-schedule", "extensions"):
        shutil.copytree(STANDARDS / name, root / name)
    later = root / "waste-property-schedule" / "1.1.0"
    shutil.copytree(root / "waste-property-schedule" / "1.0.0", later)
    schema = json.loads((later / "schema.json").read_text())
    schema["$id"] = schema["$id"].replace("1.0.0", "1.1.0")
    # The base now defines the field itself, differently: the extension contradicts 1.1.0.
    schema["$defs"]["service"]["properties"]["garden_subscription"] = {**TITLED, "type": "string"}
    (later / "schema.json").write_text(json.dumps(schema))
    manifest_path = root / "waste-property-schedule" / "standard.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["versions"].append({"version": "1.1.0", "status": "draft"})
    manifest_path.write_text(json.dumps(manifest))
    cat = Catalogue(root)
    # Its 1.0.0, which claims 1.x (2.0.0 claims 2.x, which 1.1.0 is not).
    found = lint_layer(load_local(root / "extensions" / "garden-waste-subscription" / "1.0.0",
                                  base_uri=cat.base_uri, allow_draft=True), cat)
    assert found
    assert all("waste-property-schedule@1.1.0" in f.message for f in found)
    assert {f.code for f in found} <= {"lint.extension-contradicts-base",
                                       "lint.extension-loosens-base"}


def test_cli_lint_takes_layer_ids_and_folders(capsys: pytest.CaptureFixture[str],
                                              tmp_path: Path) -> None:
    """`lint ID FOLDER`: the registry's by id, a user's by folder; findings name file and place."""
    assert main(["lint", "garden-waste-subscription", "collection-outcomes-contract@1"]) == 0
    out = capsys.readouterr().out
    # Every version of an id without a version (1.0.0 and 2.0.0), the one version of an id@1.
    assert "3 versions follow the house rules" in out
    folder = _layer(tmp_path, {"$defs": {"service": {"properties": {"name": {"maxLength": 9}}}}})
    assert main(["lint", str(folder)]) == 1
    out = capsys.readouterr().out
    assert "schema.patch.json#/$defs/service/properties/name/maxLength" in out
    assert "[lint.extension-contradicts-base]" in out
    assert main(["lint", "--format", "json", str(folder)]) == 1
    report = json.loads(capsys.readouterr().out)
    assert [f["code"] for file in report["files"] for f in file["findings"]] == [
        "lint.extension-contradicts-base"]
