"""Data that says what it follows ($schema), and extensions through validate, check-api, publish."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lgstandards.apicheck import ApiCheckOptions
from lgstandards.apicheck.config import load_config as load_api_config
from lgstandards.apicheck.openapi import api_document
from lgstandards.apicheck.runner import effective_bodies
from lgstandards.cli import main
from lgstandards.conformance import Checker
from lgstandards.development.declarations import (
    UnknownDeclaration,
    resolve,
    route,
    standard_uris,
)
from lgstandards.development.extensions import extensions
from lgstandards.errors import ConfigError
from lgstandards.publish import build_tree
from lgstandards.registry import Catalogue, catalogue
from lgstandards.rules import RuleOptions

ROOT = Path(__file__).resolve().parents[1]
STANDARDS = ROOT / "standards"
BASE_URI = "https://schemas.lgstandards.org/"
SCHEDULE = STANDARDS / "waste-property-schedule/1.0.0/examples/valid/two-tier-district-house.json"
GARDEN = STANDARDS / "extensions/garden-waste-subscription/1.0.0/examples"
CONTRACT = STANDARDS / "profiles/collection-outcomes-contract/1.0.0/examples"
GARDEN_URI = f"{BASE_URI}extensions/garden-waste-subscription/1.0.0/schema.json"
CONTRACT_URI = f"{BASE_URI}profiles/collection-outcomes-contract/1.0.0/schema.json"
# What an id without a version chooses when no base version is given: 2.0.0, for schedule 2.x.
GARDEN2 = STANDARDS / "extensions/garden-waste-subscription/2.0.0/examples"
GARDEN2_URI = GARDEN_URI.replace("1.0.0", "2.0.0")
CONTRACT2_URI = CONTRACT_URI.replace("1.0.0", "2.0.0")
SCHEDULE_URI = f"{BASE_URI}waste-property-schedule/1.0.0/schema.json"


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def _drafts(manifest_path: Path, versions: int) -> None:
    """Make the first `versions` versions of a manifest drafts again, as before their release."""
    manifest = json.loads(manifest_path.read_text())
    manifest["versions"][:versions] = [
        {key: entry[key] for key in ("version", "base_version", "compatible")} | {
            "status": "draft"} for entry in manifest["versions"][:versions]]
    manifest_path.write_text(json.dumps(manifest))


def _record(**changes: Any) -> dict[str, Any]:
    record: dict[str, Any] = json.loads(SCHEDULE.read_text())
    return {**record, **changes}


def _write(path: Path, *records: dict[str, Any]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n")
    return path


def _codes(report_json: str) -> list[tuple[str, str]]:
    report = json.loads(report_json)
    return sorted((f["code"], f.get("pointer", "")) for file in report["files"]
                  for f in file["findings"])


# -- what a URI names ----------------------------------------------------------------------------


@pytest.mark.parametrize(("uri", "ref"), [
    (SCHEDULE_URI, "waste-property-schedule@1.0.0"),
    (f"{BASE_URI}waste-property-schedule/1.0.0/schema.bundled.json",
     "waste-property-schedule@1.0.0"),
    (f"{BASE_URI}waste-property-schedule/latest/schema.json", "waste-property-schedule@2.0.0"),
    (f"{BASE_URI}waste-property-schedule/1/schema.json", "waste-property-schedule@1.0.0"),
    (f"{BASE_URI}common/1.0/schema.json", "common@1.0.0"),
    (GARDEN_URI, "waste-property-schedule@1.0.0+garden-waste-subscription@1.0.0"),
    (CONTRACT_URI + "#", "waste-property-schedule@1.0.0+collection-outcomes-contract@1.0.0"),
])
def test_known_uris_resolve(uri: str, ref: str) -> None:
    """Standard versions (exact, bundled, aliases), extensions and profiles are known by URI."""
    assert resolve(uri, catalogue(), allow_draft=True).ref == ref


@pytest.mark.parametrize(("uri", "words"), [
    ("https://json.schemastore.org/package.json", "never downloads"),
    (f"{BASE_URI}nope/1.0.0/schema.json", "there is no standard 'nope'"),
    (f"{BASE_URI}waste-property-schedule/9.0.0/schema.json", "no version matching"),
    (f"{BASE_URI}extensions/garden-waste-subscription/9.9.9/schema.json", "not the address"),
    (f"{BASE_URI}waste-property-schedule/1.0.0/openapi.json", "not the address"),
])
def test_unknown_uris_say_why(uri: str, words: str) -> None:
    """Any other URI is unknown, with the reason; nothing is ever fetched."""
    with pytest.raises(UnknownDeclaration, match=words):
        resolve(uri, catalogue(), allow_draft=True)


def test_a_draft_is_named_only_with_drafts(tmp_path: Path) -> None:
    """A URI naming a draft extension resolves only when drafts are allowed."""
    root = tmp_path / "standards"
    root.mkdir()
    shutil.copy(STANDARDS / "registry.json", root / "registry.json")
    for name in ("common", "waste-property-schedule", "extensions"):
        shutil.copytree(STANDARDS / name, root / name)
    _drafts(root / "extensions/garden-waste-subscription/extension.json", 1)
    cat = Catalogue(root)
    with pytest.raises(UnknownDeclaration, match="a draft"):
        resolve(GARDEN_URI, cat)
    assert resolve(GARDEN_URI, cat, allow_draft=True).profile is None


def test_standard_uris_include_bundles_and_aliases() -> None:
    """A record may name a version by any address it is published at."""
    cat = catalogue()
    uris = standard_uris(cat.select("waste-property-schedule@1.0.0"), cat)
    assert SCHEDULE_URI in uris
    assert f"{BASE_URI}waste-property-schedule/1/schema.bundled.json" in uris
    assert f"{BASE_URI}waste-property-schedule/1.0/schema.json" in uris
    # 'latest' is the newest published version, now 2.0.0, so it no longer names 1.0.0.
    latest = f"{BASE_URI}waste-property-schedule/latest/schema.bundled.json"
    assert latest not in uris
    assert latest in standard_uris(cat.select("waste-property-schedule@2.0.0"), cat)


def test_route_groups_files_by_what_they_name(tmp_path: Path) -> None:
    """Files go to what their first record names; the rest come back with the reason."""
    garden = _write(tmp_path / "garden.ndjson", _record(**{"$schema": GARDEN_URI}))
    plain = _write(tmp_path / "plain.json", _record())
    (tmp_path / "rows.csv").write_text("uprn\n1\n")
    (tmp_path / "broken.json").write_text("{")
    files = [garden, plain, tmp_path / "rows.csv", tmp_path / "broken.json"]
    routed, others = route(files, catalogue(), allow_draft=True)
    assert {ref: found for ref, (_, found) in routed.items()} == {
        "waste-property-schedule@1.0.0+garden-waste-subscription@1.0.0": [str(garden)]}
    reasons = {Path(o.path).name: o.reason for o in others}
    assert reasons["plain.json"] == "its first record has no $schema"
    assert "CSV" in reasons["rows.csv"]
    assert "cannot be read" in reasons["broken.json"]


# -- the declaration rules -----------------------------------------------------------------------


def test_a_record_naming_something_else_is_warned_about() -> None:
    """Checked against an extension, a record naming the profile or an unknown URI is a warning."""
    checker = Checker.for_standard("waste-property-schedule@1",
                                   extensions=["garden-waste-subscription"], allow_draft=True,
                                   options=RuleOptions())
    assert checker.check_record(_record(**{"$schema": GARDEN_URI})) == []
    mismatch = checker.check_record(_record(**{"$schema": CONTRACT_URI}))
    assert [(f.code, f.pointer, f.severity.value) for f in mismatch] == [
        ("declaration.mismatch", "/$schema", "warning")]
    assert "profile collection-outcomes-contract@1.0.0" in mismatch[0].message
    unknown = checker.check_record(_record(**{"$schema": "https://example.org/mine.json"}))
    assert [f.code for f in unknown] == ["declaration.unknown"]
    assert "never downloaded" in unknown[0].message


def test_a_standard_that_refuses_schema_gets_no_declaration_rules() -> None:
    """A version from before $schema says so in its schema finding; no rule repeats it."""
    checker = Checker.for_standard("waste-property-schedule@1.0.0", options=RuleOptions())
    assert not any(rule.code.startswith("declaration.") for rule in checker.rules)
    found = checker.check_record(_record(**{"$schema": GARDEN_URI}))
    assert [(f.code, f.pointer) for f in found] == [("schema.additional-properties", "/$schema")]


# -- validate ------------------------------------------------------------------------------------


def test_validate_without_a_standard_follows_schema(capsys: pytest.CaptureFixture[str]) -> None:
    """With no --standard, each file is checked against what its records name."""
    code, out, _ = _run(capsys, "validate", "--draft", "--no-config", "--format", "json",
                        str(GARDEN / "valid"), str(CONTRACT / "invalid/no-source-system.json"))
    assert code == 1
    report = json.loads(out)
    standards = {file["standard"] for file in report["files"]}
    assert standards == {"waste-property-schedule@1.0.0+garden-waste-subscription@1.0.0",
                         "waste-property-schedule@1.0.0+collection-outcomes-contract@1.0.0"}
    assert _codes(out) == [("schema.required", "/source_system")]


def test_validate_reports_files_that_name_nothing(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    """Beside routed files, one naming no standard is a declaration.missing error."""
    plain = _write(tmp_path / "plain.json", _record())
    code, out, _ = _run(capsys, "validate", "--draft", "--no-config", "--format", "json",
                        str(GARDEN / "valid/subscribed-house.json"), str(plain))
    assert code == 1
    assert _codes(out) == [("declaration.missing", "")]
    code, _, err = _run(capsys, "validate", "--no-config", str(plain))
    assert code == 2
    assert "its first record has no $schema" in err


def test_validate_with_a_standard_warns_on_a_mismatch(capsys: pytest.CaptureFixture[str]) -> None:
    """With --standard and --extension, a record naming the profile gets a warning, exit 0."""
    code, out, _ = _run(capsys, "validate", "--draft", "--no-config", "--format", "json",
                        "-s", "waste-property-schedule@1", "--extension",
                        "garden-waste-subscription", str(CONTRACT / "valid"))
    assert code == 0
    assert {c for c, _ in _codes(out)} == {"declaration.mismatch"}


@pytest.mark.parametrize("major", [1, 2])
def test_validate_extension_and_profile_together(capsys: pytest.CaptureFixture[str],
                                                 tmp_path: Path, major: int) -> None:
    """--extension with --profile: both apply, the extension's fields and the profile's rules.

    Without a version or a standard the ids choose 2.0.0 (for schedule 2.x); with the schedule
    1.x given, the 1.0.0 versions that fit it.
    """
    examples = GARDEN if major == 1 else GARDEN2
    record = json.loads((examples / "valid/subscribed-house.json").read_text())
    record["$schema"] = CONTRACT_URI if major == 1 else CONTRACT2_URI
    for service in record["services"]:
        for schedule in service.get("schedules", ()):
            schedule.setdefault("round", f"{service['id']}-1")
    del record["collections"][1]["outcome_code"]
    path = _write(tmp_path / "both.json", record)
    standard = ["-s", "waste-property-schedule@1"] if major == 1 else []
    code, out, _ = _run(capsys, "validate", "--draft", "--no-config", "--format", "json",
                        *standard, "--extension", "garden-waste-subscription",
                        "--profile", "collection-outcomes-contract", str(path))
    assert code == 1
    assert _codes(out) == [("schema.required", "/collections/1/outcome_code")]
    assert json.loads(out)["standard"] == (
        f"waste-property-schedule@{major}.0.0+garden-waste-subscription@{major}.0.0"
        f"+collection-outcomes-contract@{major}.0.0")


@pytest.mark.parametrize(("args", "words"), [
    (["--schema", "s.json", "--extension", "x"], "apply to a standard, not to --schema"),
    (["--extension", "nope"], "there is no extension 'nope'"),
    (["--profile", "garden-waste-subscription"], "give it with --extension"),
    (["-s", "common", "--extension", "garden-waste-subscription"],
     "of waste-property-schedule, not of common"),
    (["--extension", "/no/such/folder"], "no extension.json here"),
])
def test_validate_layer_errors_exit_2(capsys: pytest.CaptureFixture[str], args: list[str],
                                      words: str) -> None:
    """A layer that cannot be used stops the run with one clear line, never a traceback."""
    code, out, err = _run(capsys, "validate", "--draft", "--no-config", *args, str(SCHEDULE))
    assert code == 2
    assert words in err
    assert "Traceback" not in out + err


def test_config_maps_files_to_an_extension_and_routes_the_rest(
        capsys: pytest.CaptureFixture[str], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A [[check]] takes extensions and profile; a file no check maps follows its $schema."""
    (tmp_path / "garden").mkdir()
    (tmp_path / "other").mkdir()
    shutil.copy(GARDEN / "invalid/unknown-status.json", tmp_path / "garden/a.json")
    shutil.copy(CONTRACT / "invalid/no-source-system.json", tmp_path / "other/b.json")
    shutil.copytree(ROOT / "standards/extensions/garden-waste-subscription",
                    tmp_path / "exts/garden")
    (tmp_path / "lgstandards.toml").write_text(
        'format = "json"\n\n[[check]]\nfiles = "garden/*.json"\n'
        'standard = "waste-property-schedule@1"\nextensions = ["exts/garden"]\ndraft = true\n')
    monkeypatch.chdir(tmp_path)
    code, out, _ = _run(capsys, "validate")
    assert code == 1
    assert _codes(out) == [("schema.enum", "/services/2/garden_subscription/status")]
    code, out, err = _run(capsys, "validate", "--draft", "garden/a.json", "other/b.json")
    assert _codes(out) == [("schema.enum", "/services/2/garden_subscription/status"),
                           ("schema.required", "/source_system")]
    assert "skipped" not in err


def test_config_refuses_layers_on_a_schema_file(tmp_path: Path) -> None:
    """extensions and profile apply to a standard: beside 'schema' they are an error."""
    from lgstandards.config import load_config

    path = tmp_path / "lgstandards.toml"
    path.write_text('[[check]]\nfiles = "*.json"\nschema = "s.json"\nprofile = "p"\n')
    with pytest.raises(ConfigError, match="apply to a standard, not to 'schema'"):
        load_config(path)


# -- check-api -----------------------------------------------------------------------------------


def test_check_api_checks_bodies_against_the_effective_schema() -> None:
    """With a profile, a schedule body lacking what the profile requires fails its schema."""
    cat = catalogue()
    version = cat.select("waste-collections-api@1.0.0")
    options = ApiCheckOptions("waste-collections-api@1", "http://127.0.0.1:1",
                              profile="collection-outcomes-contract", allow_draft=True)
    effective = effective_bodies(version, cat, options)
    assert [e.ref for e in effective] == [
        "waste-property-schedule@1.0.0+collection-outcomes-contract@1.0.0"]
    body = _record()
    del body["source_system"]
    template, media = "/properties/{uprn}/schedule", "application/json"
    plain = api_document(cat, version.ref).validator("GET", template, "200", media)
    narrowed = api_document(cat, version.ref, effective).validator("GET", template, "200", media)
    assert plain is not None and narrowed is not None
    assert plain.is_valid(body)
    assert [f.pointer for f in narrowed.findings(body)] == ["/source_system"]


def test_check_api_refuses_a_layer_of_a_standard_it_does_not_use() -> None:
    """An extension of a data standard the API never returns is an error, not a silent pass."""
    cat = catalogue()
    version = cat.select("street-reports-api@1.0.0")
    options = ApiCheckOptions("street-reports-api@1", "http://127.0.0.1:1",
                              extensions=("garden-waste-subscription",), allow_draft=True)
    with pytest.raises(ConfigError, match=r"which street-reports-api@1\.0\.0 does not use"):
        effective_bodies(version, cat, options)


def test_check_api_config_takes_extensions_and_a_profile(tmp_path: Path) -> None:
    """The check-api configuration file names them too; folders are beside the file."""
    (tmp_path / "mine").mkdir()
    (tmp_path / "mine" / "extension.json").write_text("{}")
    path = tmp_path / "api.toml"
    path.write_text('extensions = ["garden-waste-subscription", "mine"]\n'
                    'profile = "collection-outcomes-contract"\n')
    config = load_api_config(path)
    assert config.extensions == ("garden-waste-subscription", str(tmp_path / "mine"))
    assert config.profile == "collection-outcomes-contract"


# -- publish -------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tree() -> Any:
    """Return the tree of the checkout, drafts included, built once."""
    return build_tree(catalogue(), include_drafts=True)


def test_publish_gives_each_layer_its_schema_files_and_pages(tree: Any) -> None:
    """Each version's effective schema is at its URI, with its patch, codelists and pages."""
    files = tree.files
    schema = json.loads(files["extensions/garden-waste-subscription/1.0.0/schema.json"])
    assert schema["$id"] == GARDEN_URI
    jsonschema.Draft202012Validator.check_schema(schema)
    record = json.loads((GARDEN / "valid/subscribed-house.json").read_text())
    jsonschema.Draft202012Validator(schema).validate(record)
    for path in ("extensions/garden-waste-subscription/1.0.0/schema.patch.json",
                 "extensions/garden-waste-subscription/1.0.0/codelists/+collection-outcome.json",
                 "extensions/garden-waste-subscription/index.html",
                 "profiles/collection-outcomes-contract/1.0.0/schema.json",
                 "profiles/collection-outcomes-contract/1.0.0/index.html",
                 "profiles/collection-outcomes-contract/CHANGELOG.md"):
        assert path in files, path
    page = files["extensions/garden-waste-subscription/1.0.0/index.html"].decode()
    assert "Example District Council" in page and "Fields it adds" in page
    assert "services[].garden_subscription.permit_numbers" in page
    profile = files["profiles/collection-outcomes-contract/1.0.0/index.html"].decode()
    assert "Fields it requires" in profile and "<code>source_system</code>" in profile
    home = files["index.html"].decode()
    assert "Extensions and profiles" in home
    assert 'href="extensions/garden-waste-subscription/index.html"' in home


def test_index_lists_layers_and_fits_its_schema(tree: Any) -> None:
    """index.json lists each extension and profile with its versions and file hashes."""
    index = json.loads(tree.files["index.json"])
    jsonschema.Draft202012Validator(json.loads(tree.files["index.schema.json"])).validate(index)
    entries = {e["id"]: e for e in index["extensions"]}
    assert entries["garden-waste-subscription"]["namespace"] == "garden_subscription"
    version = entries["collection-outcomes-contract"]["versions"][0]
    assert version["schema"] == CONTRACT_URI
    assert (version["status"], version["sunset"], version["replaced_by"]) == (
        "deprecated", "2027-12-06", "2.0.0")
    assert "sunset" not in entries["collection-outcomes-contract"]["versions"][1]
    page = tree.files["profiles/collection-outcomes-contract/1.0.0/index.html"].decode()
    assert "May be retired after" in page and "collection-outcomes-contract 2.0.0" in page
    assert {"path": "schema.patch.json"}.items() <= next(
        f for f in version["files"] if f["path"] == "schema.patch.json").items()


def test_drafts_stay_out_unless_asked(tmp_path: Path) -> None:
    """A draft extension is published only with --drafts, like a draft standard version."""
    root = tmp_path / "standards"
    root.mkdir()
    shutil.copy(STANDARDS / "registry.json", root / "registry.json")
    for name in ("common", "waste-common", "waste-property-schedule", "extensions"):
        shutil.copytree(STANDARDS / name, root / name)
    _drafts(root / "extensions/garden-waste-subscription/extension.json", 2)
    cat = Catalogue(root)
    assert not any(p.startswith("extensions/") for p in build_tree(cat).files)
    assert "extensions/garden-waste-subscription/1.0.0/schema.json" in build_tree(
        cat, include_drafts=True).files
    assert extensions(cat).manifests


# -- conformance statements ----------------------------------------------------------------------


@pytest.mark.parametrize("local", [False, True])
def test_statement_names_the_extension_and_verify_reproduces_it(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, local: bool) -> None:
    """A statement lists the extension's files; verify applies it again (registry or folder)."""
    data = tmp_path / "house.json"
    shutil.copy(GARDEN2 / "valid/subscribed-house.json", data)
    chosen = "garden-waste-subscription"
    if local:
        chosen = str(tmp_path / "ext")
        shutil.copytree(STANDARDS / "extensions/garden-waste-subscription", chosen)
    statement = tmp_path / "statement.json"
    code, _, _ = _run(capsys, "validate", "--draft", "--no-config", "--extension", chosen,
                      "--statement", str(statement), str(data))
    assert code == 0
    written = json.loads(statement.read_text())
    roles = {entry["ref"]: entry["role"] for entry in written["standards"]}
    assert roles["garden-waste-subscription@2.0.0"] == "extension"
    assert roles["waste-property-schedule@2.0.0"] == "checked"
    assert written["runs"][0]["standard"] == "waste-property-schedule@2.0.0"
    assert written["runs"][0]["extensions"] == ["garden-waste-subscription@2.0.0"]
    code, out, _ = _run(capsys, "verify", str(statement), str(data))
    assert code == 0, out
    assert "+garden-waste-subscription@2.0.0 again: the same result" in out
    data.write_text(data.read_text().replace('"active"', '"lapsed"'))
    code, out, _ = _run(capsys, "verify", str(statement), str(data))
    assert code == 1


def test_api_statement_lists_the_profile_checked_against() -> None:
    """A check-api statement made with a profile records the profile's files."""
    from datetime import UTC, datetime

    from lgstandards.development.statements import api_statement
    from lgstandards.report import Report

    options = ApiCheckOptions("waste-collections-api@1", "http://127.0.0.1:1",
                              profile="collection-outcomes-contract", allow_draft=True)
    moment = datetime(2026, 12, 5, tzinfo=UTC)
    statement = api_statement(catalogue(), options, Report(None, None, (), subject="api"),
                              level="core", fail_on="error", started=moment, finished=moment)
    roles = {entry["ref"]: entry["role"] for entry in statement["standards"]}
    assert roles["collection-outcomes-contract@1.0.0"] == "profile"
    assert roles["waste-collections-api@1.0.0"] == "checked"


@pytest.mark.parametrize(("file_name", "text", "words"), [
    ("2.0.0/schema.patch.json", '{"properties": {"source_system": null}}',
     "schema.patch.json: at /properties/source_system: null would remove"),
    ("2.0.0/schema.patch.json", '{"properties": ', "schema.patch.json: line 2, column 1"),
    ("2.0.0/schema.patch.json", '{"properties": {"garden_subscription": {"type": 5}}}',
     "schema.patch.json: the schema is not valid JSON Schema at "
     "/properties/garden_subscription/type"),
    ("2.0.0/schema.patch.json", "[1]", "schema.patch.json: expected a JSON object"),
    ("2.0.0/codelists/garden-subscription-status.json", '{"codes": 3}',
     "garden-subscription-status.json: 'codes' must be a list"),
    ("extension.json", '{"id":', "extension.json: line 2, column 1"),
])
def test_a_broken_extension_names_its_file_and_place(
        capsys: pytest.CaptureFixture[str], tmp_path: Path, file_name: str, text: str,
        words: str) -> None:
    """A broken file of an extension stops the run with the file and place, never a traceback."""
    folder = tmp_path / "ext"
    shutil.copytree(STANDARDS / "extensions/garden-waste-subscription", folder)
    (folder / file_name).write_text(text + "\n")
    code, out, err = _run(capsys, "validate", "--no-config", "--extension", str(folder),
                          str(SCHEDULE))
    assert code == 2
    assert words in err
    assert "Traceback" not in out + err


def test_released_layers_are_locked() -> None:
    """The lock guards released extension and profile versions as it guards standards."""
    from lgstandards.lock import compute_lock

    lock = compute_lock(catalogue())
    assert "schema.patch.json" in lock.versions["extensions/garden-waste-subscription/1.0.0"]
    assert "schema.patch.json" in lock.versions["profiles/collection-outcomes-contract/1.0.0"]
