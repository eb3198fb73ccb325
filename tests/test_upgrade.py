"""`upgrade`: records move through each major's migration and come out valid under the new one."""

from __future__ import annotations

import copy
import io
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from lgstandards.cli import main
from lgstandards.conformance import Checker
from lgstandards.development import migrations
from lgstandards.development.migrations import ALL
from lgstandards.development.upgrade import (
    Migration,
    Upgraded,
    UpgradeError,
    UpgradeNote,
    Upgrader,
    migration_path,
)
from lgstandards.findings import Severity
from lgstandards.registry import Catalogue, catalogue
from lgstandards.reporters.json_report import report_schema
from lgstandards.sources import InputFormat, Source
from tests.test_publish import BASE, released, schema, write_standards

SCHEMA_KEY = {"title": "Schema", "description": "The schema this record follows.",
              "type": "string", "format": "uri"}


def _toy(root: Path) -> Catalogue:
    """Return a catalogue of `toy` 1.0.0 (name, colour), 2.0.0 (title) and 3.0.0 (title, kind)."""
    def text(title: str) -> dict[str, Any]:
        return {"title": title, "description": f"The {title.lower()}.", "type": "string",
                "minLength": 1}

    return write_standards(root, {
        "toy": {
            "manifest": {"versions": [released("1.0.0"), released("2.0.0"),
                                      released("3.0.0", "draft")]},
            "files": {
                "1.0.0/schema.json": schema("toy", "1.0.0", properties={
                    "name": text("Name"), "colour": text("Colour"),
                }, required=["name"], additionalProperties=False),
                "2.0.0/schema.json": schema("toy", "2.0.0", properties={
                    "$schema": SCHEMA_KEY, "title": text("Title"),
                }, required=["title"], additionalProperties=False),
                "3.0.0/schema.json": schema("toy", "3.0.0", properties={
                    "$schema": SCHEMA_KEY, "title": text("Title"),
                    "kind": {"title": "Kind", "description": "Always toy.", "const": "toy"},
                }, required=["title", "kind"], additionalProperties=False),
            },
        },
        "other": {
            "manifest": {"versions": [released("1.0.0")]},
            "files": {"1.0.0/schema.json": schema("other", "1.0.0")},
        },
    })


def _one_to_two(record: Mapping[str, Any]) -> Upgraded:
    """Rename name to title; colour has no place in 2.0.0, so it is dropped (lossy)."""
    out = {k: v for k, v in record.items() if k not in ("name", "colour")}
    notes = [UpgradeNote("/title", "name is now title.")]
    if "name" in record:
        out["title"] = record["name"]
    if "colour" in record:
        notes.append(UpgradeNote("/colour", f"colour {record['colour']!r} was dropped.", True))
    return Upgraded(out, tuple(notes))


def _two_to_three(record: Mapping[str, Any]) -> Upgraded:
    """Add kind, which 3.0.0 requires."""
    return Upgraded({**record, "kind": "toy"}, (UpgradeNote("/kind", "kind added."),))


def _broken(record: Mapping[str, Any]) -> Upgraded:
    """Fail on a record named 'boom', as a buggy migration would."""
    if record.get("name") == "boom":
        raise KeyError("boom")
    return _one_to_two(record)


ONE_TWO = Migration("toy", 1, 2, "name becomes title", _one_to_two)
TWO_THREE = Migration("toy", 2, 3, "kind added", _two_to_three)
TOY = (ONE_TWO, TWO_THREE)


@pytest.fixture
def cat(tmp_path: Path) -> Catalogue:
    """Return the toy catalogue."""
    return _toy(tmp_path / "standards")


def _upgrader(cat: Catalogue, to: str = "toy@2", **kwargs: Any) -> Upgrader:
    return Upgrader(cat.select(to, allow_draft=True), cat, migrations=TOY, **kwargs)


def _uri(version: str) -> str:
    return f"{BASE}toy/{version}/schema.json"


# -- planning ----------------------------------------------------------------------------------


def test_migration_path_chains_and_prefers_the_shortest() -> None:
    """1 -> 3 goes through 2; a direct 1 -> 3 migration wins; nothing goes down or nowhere."""
    assert migration_path("toy", 1, 3, TOY) == (ONE_TWO, TWO_THREE)
    assert migration_path("toy", 2, 2, TOY) == ()
    direct = Migration("toy", 1, 3, "direct", _two_to_three)
    assert migration_path("toy", 1, 3, (*TOY, direct)) == (direct,)
    assert migration_path("toy", 3, 1, TOY) is None
    assert migration_path("toy", 1, 3, (ONE_TWO,)) is None
    assert migration_path("other", 1, 2, TOY) is None


def test_no_path_or_no_older_major_cannot_run(cat: Catalogue) -> None:
    """The upgrader refuses up front when it cannot move the assumed major to the target."""
    with pytest.raises(UpgradeError, match=r"from toy@2 to toy@3.0.0 .*: 1 -> 2\)"):
        Upgrader(cat.select("toy@3", allow_draft=True), cat, migrations=(ONE_TWO,))
    with pytest.raises(UpgradeError, match="first major version"):
        _upgrader(cat, "toy@1")
    with pytest.raises(UpgradeError, match="newer major"):
        _upgrader(cat, "toy@2", assume_major=3)


# -- one record --------------------------------------------------------------------------------


def test_record_without_schema_is_taken_from_the_previous_major(cat: Catalogue) -> None:
    """A record with no $schema is the major before the target; its input is never changed."""
    record = {"name": "Box", "colour": "red"}
    before = copy.deepcopy(record)
    result = _upgrader(cat).upgrade(record)
    assert record == before
    assert result.record == {"title": "Box"}
    assert result.from_major == 1
    assert [(f.code, f.severity, f.pointer) for f in result.findings] == [
        ("upgrade.changed", Severity.INFO, "/title"),
        ("upgrade.lossy", Severity.WARNING, "/colour"),
    ]


def test_schema_is_detected_and_rewritten_in_place(cat: Catalogue) -> None:
    """$schema decides the version, and names the target afterwards, in the same position."""
    record = {"$schema": _uri("1.0.0"), "name": "Box"}
    result = _upgrader(cat, "toy@3").upgrade(record)
    assert result.record is not None
    assert list(result.record) == ["$schema", "title", "kind"]
    assert result.record["$schema"] == _uri("3.0.0")
    assert [f.code for f in result.findings] == ["upgrade.changed", "upgrade.changed"]
    assert record["$schema"] == _uri("1.0.0")


def test_records_already_at_the_target_pass_through(cat: Catalogue) -> None:
    """A record whose $schema names the target major is returned unchanged, with no notes."""
    record = {"$schema": _uri("2.0.0"), "title": "Box"}
    result = _upgrader(cat).upgrade(record)
    assert result.record == record and result.findings == ()


def test_from_overrides_the_assumed_major(cat: Catalogue) -> None:
    """With --from toy@2, records without $schema are 2.x and only 2 -> 3 runs."""
    result = _upgrader(cat, "toy@3", assume_major=2).upgrade({"title": "Box"})
    assert result.record == {"title": "Box", "kind": "toy"}


@pytest.mark.parametrize(("declared", "code", "upgraded"), [
    (f"{BASE}other/1.0.0/schema.json", "upgrade.other-standard", False),
    (_uri("3.0.0"), "upgrade.newer-version", False),
    ("https://example.org/extensions/toy-plus/1.0.0/schema.json", "upgrade.unknown-schema", True),
    (42, "upgrade.unknown-schema", True),
])
def test_schema_that_cannot_be_followed(
    cat: Catalogue, declared: object, code: str, upgraded: bool
) -> None:
    """Another standard or a newer major is an error; an unknown URI warns and is assumed 1.x."""
    result = _upgrader(cat).upgrade({"$schema": declared, "name": "Box"})
    assert result.findings[0].code == code
    assert (result.record is not None) is upgraded
    if result.record is not None:
        assert result.record["$schema"] == _uri("2.0.0")


def test_no_path_for_one_record(cat: Catalogue) -> None:
    """A record whose own major has no path is an error for it alone."""
    upgrader = Upgrader(cat.select("toy@3", allow_draft=True), cat, migrations=(TWO_THREE,),
                        assume_major=2)
    result = upgrader.upgrade({"$schema": _uri("1.0.0"), "name": "Box"})
    assert result.record is None
    assert [f.code for f in result.findings] == ["upgrade.no-path"]


def test_non_object_and_failing_migration(cat: Catalogue) -> None:
    """A record that is not an object, or on which a migration raises, is not upgraded."""
    upgrader = Upgrader(cat.select("toy@2"), cat, migrations=(Migration("toy", 1, 2, "", _broken),))
    assert [f.code for f in upgrader.upgrade([1]).findings] == ["upgrade.not-an-object"]
    failed = upgrader.upgrade({"name": "boom"})
    assert failed.record is None
    assert [f.code for f in failed.findings] == ["upgrade.migration-failed"]
    assert "KeyError" in failed.findings[0].message


# -- files -------------------------------------------------------------------------------------


def _run(upgrader: Upgrader, name: str, data: bytes) -> tuple[Any, bytes]:
    fmt: InputFormat = "ndjson" if name.endswith(".ndjson") else "json"
    sink = io.BytesIO()
    result = upgrader.upgrade_source(Source(name, fmt, data=data), sink)
    return result, sink.getvalue()


def test_ndjson_keeps_its_form_and_findings_name_record_and_line(cat: Catalogue) -> None:
    """NDJSON stays NDJSON; notes and the new version's findings give the input's line."""
    data = b'{"name": "Box", "colour": "red"}\n\n{"name": ""}\n'
    result, out = _run(_upgrader(cat), "toys.ndjson", data)
    assert result.complete and result.form == "ndjson"
    assert [json.loads(line) for line in out.splitlines()] == [{"title": "Box"}, {"title": ""}]
    placed = {(f.code, f.location.record, f.location.line) for f in result.report.findings}
    assert ("upgrade.lossy", 1, 1) in placed
    assert ("schema.min-length", 2, 3) in placed
    assert (result.report.records, result.report.invalid_records) == (2, 1)


def test_json_array_and_object_keep_their_form(cat: Catalogue) -> None:
    """A JSON array is written as an array, a single object as an object, both indented."""
    result, out = _run(_upgrader(cat), "a.json", b'[{"name": "A"}, {"name": "B"}]')
    assert result.form == "array"
    assert json.loads(out) == [{"title": "A"}, {"title": "B"}]
    assert out.startswith(b"[\n  {\n    ")
    result, out = _run(_upgrader(cat), "o.json", b'{"name": "A"}')
    assert result.form == "object" and json.loads(out) == {"title": "A"}
    result, out = _run(_upgrader(cat), "e.json", b"[]")
    assert result.complete and json.loads(out) == []


def test_a_record_not_upgraded_makes_the_file_incomplete(cat: Catalogue) -> None:
    """Bad JSON, or a record that cannot move, means the file is incomplete and nothing is kept."""
    result, _ = _run(_upgrader(cat), "bad.ndjson", b'{"name": "A"}\n{oops\n')
    assert not result.complete
    assert "source.invalid-json" in result.report.counts
    result, _ = _run(_upgrader(cat), "mixed.ndjson",
                     b'{"name": "A"}\n{"$schema": "' + _uri("3.0.0").encode() + b'"}\n')
    assert not result.complete and result.report.invalid_records == 1


def test_csv_is_refused_as_a_finding(cat: Catalogue) -> None:
    """CSV is a finding for that file, not a crash."""
    result = _upgrader(cat).upgrade_source(Source("t.csv", "csv", data=b"name\nA\n"), io.BytesIO())
    assert not result.complete
    assert list(result.report.counts) == ["upgrade.unsupported-format"]


def test_upgrade_to_replaces_only_on_success(cat: Catalogue, tmp_path: Path) -> None:
    """The output file is replaced whole when every record upgraded, and left alone otherwise."""
    target = tmp_path / "out" / "toys.ndjson"
    good = Source("in.ndjson", "ndjson", data=b'{"name": "A"}\n')
    assert _upgrader(cat).upgrade_to(good, target).complete
    assert target.read_bytes() == b'{"title":"A"}\n'
    bad = Source("in.ndjson", "ndjson", data=b'{"name": "B"}\n[\n')
    assert not _upgrader(cat).upgrade_to(bad, target).complete
    assert target.read_bytes() == b'{"title":"A"}\n'
    assert sorted(p.name for p in target.parent.iterdir()) == ["toys.ndjson"]


# -- the command line --------------------------------------------------------------------------


@pytest.fixture
def toy_cli(cat: Catalogue, monkeypatch: pytest.MonkeyPatch) -> str:
    """Make the toy migrations the shipped ones; return the toy catalogue's folder."""
    monkeypatch.setattr(migrations, "ALL", TOY)
    return str(cat.root)


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(["upgrade", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_writes_to_stdout_and_reports_on_stderr(
    toy_cli: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """One input goes to standard output; notes go to standard error with file and record."""
    source = tmp_path / "toys.ndjson"
    source.write_text('{"name": "Box", "colour": "red"}\n')
    code, out, err = _cli(capsys, "--to", "toy@2", "--standards-dir", toy_cli, str(source))
    assert code == 0
    assert out == '{"title":"Box"}\n'
    assert f"warning: {source} line 1, record 1 /colour: colour 'red' was dropped." in err
    assert "1 record upgraded to toy@2.0.0" in err and "1 lossy" in err


def test_cli_chains_majors_into_a_folder(
    toy_cli: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Several inputs go into -o DIR; bad JSON in one is its own finding and the rest are done."""
    (tmp_path / "in").mkdir()
    (tmp_path / "in/a.json").write_text('{"$schema": "' + _uri("1.0.0") + '", "name": "A"}')
    (tmp_path / "in/b.ndjson").write_text('{"title": "B"}\n')
    (tmp_path / "in/c.json").write_text('{"name": ')
    code, _, err = _cli(capsys, "--to", "toy@3", "--draft", "--from", "toy@2", "--standards-dir",
                        toy_cli, "-o", str(tmp_path / "out"), str(tmp_path / "in"))
    assert code == 1
    assert json.loads((tmp_path / "out/a.json").read_text()) == {
        "$schema": _uri("3.0.0"), "title": "A", "kind": "toy"}
    assert (tmp_path / "out/b.ndjson").read_text() == '{"title":"B","kind":"toy"}\n'
    assert not (tmp_path / "out/c.json").exists()
    assert "c.json: not upgraded; nothing was written." in err
    assert "[source.invalid-json]" in err


def test_cli_invalid_output_exits_1_with_json_report(
    toy_cli: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An output that is not valid under the target is written, reported, and exits 1."""
    source = tmp_path / "t.json"
    source.write_text('{"name": ""}')
    report = tmp_path / "report.json"
    code, out, _ = _cli(capsys, "--to", "toy@2", "--standards-dir", toy_cli, "--format", "json",
                        "--report", str(report), "-o", str(tmp_path / "new.json"), str(source))
    assert (code, out) == (1, "")
    assert json.loads((tmp_path / "new.json").read_text()) == {"title": ""}
    data = json.loads(report.read_text())
    jsonschema.Draft202012Validator(report_schema()).validate(data)
    assert data["standard"] == "toy@2.0.0" and not data["conforms"]
    assert data["files"][0]["counts"]["schema.min-length"] == 1


@pytest.mark.parametrize(("args", "said"), [
    (["--to", "toy@9"], "no version matching"),
    (["--to", "nothing@2"], "no standard 'nothing'"),
    (["--to", "toy@1"], "first major version"),
    (["--to", "toy@2", "--from", "other@1"], "--from names other"),
    (["--to", "toy@2", "--from", "toy"], "--from takes ID@MAJOR"),
    (["--to", "toy@3"], "draft"),
])
def test_cli_cannot_run_exits_2(
    toy_cli: str, tmp_path: Path, capsys: pytest.CaptureFixture[str], args: list[str], said: str
) -> None:
    """An unknown standard or version, or no migration path, exits 2 with a clear message."""
    source = tmp_path / "t.json"
    source.write_text('{"name": "A"}')
    code, _, err = _cli(capsys, *args, "--standards-dir", toy_cli, str(source))
    assert code == 2
    assert said in err and "Traceback" not in err


def test_cli_refuses_ambiguous_or_overwriting_output(
    toy_cli: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Several inputs need -o DIR, and no input is ever overwritten."""
    for name in ("a.json", "b.json"):
        (tmp_path / name).write_text('{"name": "A"}')
    code, _, err = _cli(capsys, "--to", "toy@2", "--standards-dir", toy_cli,
                        str(tmp_path / "a.json"), str(tmp_path / "b.json"))
    assert code == 2 and "--output DIR" in err
    code, _, err = _cli(capsys, "--to", "toy@2", "--standards-dir", toy_cli,
                        "-o", str(tmp_path / "a.json"), str(tmp_path / "a.json"))
    assert code == 2 and "one of the inputs" in err
    assert (tmp_path / "a.json").read_text() == '{"name": "A"}'


# -- every migration shipped -------------------------------------------------------------------

_SHIPPED = [
    (migration, path)
    for migration in ALL
    for version in catalogue().versions()
    if version.id == migration.standard and int(version.version.split(".")[0]) ==
    migration.from_major
    for path in version.example_files("valid")
]


def _newest(standard: str, major: int) -> str:
    versions = [v for v in catalogue().versions()
                if v.id == standard and int(v.version.split(".")[0]) == major]
    return max(versions, key=lambda v: v.entry.key).ref


@pytest.mark.parametrize(("migration", "path"), _SHIPPED,
                         ids=[f"{m.standard}@{m.from_major}-{m.to_major}:{p.name}"
                              for m, p in _SHIPPED])
def test_shipped_migration_upgrades_every_valid_example(migration: Migration, path: Path) -> None:
    """Every valid example of the old major, upgraded, is valid under the newest new version."""
    cat = catalogue()
    target = cat.select(_newest(migration.standard, migration.to_major), allow_draft=True)
    upgrader = Upgrader(target, cat, migrations=(migration,), assume_major=migration.from_major)
    checker = Checker.for_standard(target.ref, allow_draft=True)
    text = path.read_text("utf-8")
    records = ([json.loads(line) for line in text.splitlines() if line.strip()]
               if path.suffix in (".ndjson", ".jsonl") else json.loads(text))
    for number, record in enumerate(records if isinstance(records, list) else [records], 1):
        before = copy.deepcopy(record)
        result = upgrader.upgrade(record)
        assert record == before, f"record {number}: the migration changed its input"
        assert result.record is not None, [f.message for f in result.findings]
        errors = [(f.code, f.pointer, f.message) for f in checker.check_record(result.record)
                  if f.severity is Severity.ERROR]
        assert errors == [], f"record {number} of {path.name} is not valid under {target.ref}"


def test_every_shipped_migration_is_well_formed() -> None:
    """Each migration names a standard with both majors, goes up, and is listed once."""
    cat = catalogue()
    keys = [(m.standard, m.from_major, m.to_major) for m in ALL]
    assert len(keys) == len(set(keys))
    for migration in ALL:
        majors = {v.entry.key[0] for v in cat.versions() if v.id == migration.standard}
        assert migration.from_major in majors and migration.to_major in majors, migration
        assert migration.from_major < migration.to_major and migration.summary
