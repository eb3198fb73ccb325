"""The typed models: chosen as the registry chooses, true to their schemas, and never stale."""

from __future__ import annotations

import functools
import importlib
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from lgstandards.conformance import Checker
from lgstandards.development.examples import example_checker, sidecar
from lgstandards.errors import StandardNotFoundError
from lgstandards.findings import Severity
from lgstandards.models import StandardModel, build, model_for, modelled
from lgstandards.models._index import MODELS
from lgstandards.registry import StandardVersion, catalogue
from lgstandards.sources import Record, Source, TabularForm, detect_format

_CAT = catalogue()
_VERSIONS = build.modelled_versions(_CAT)
_REFS = [v.ref for v in _VERSIONS]
_DOCS = Path(__file__).resolve().parents[1] / "docs" / "models.md"

#: Invalid example records whose schema findings a model cannot give, and why. Each is listed in
#: docs/models.md; the test below fails if a model refuses one or accepts another.
KNOWN_GAPS: dict[tuple[str, str, int], str] = {
    ("common@1.1.0", "loosened-but-not-anything.ndjson", 7):
        "an address's `else` branch requires one of two fields (anyOf of required)",
    ("common@1.1.0", "loosened-but-not-anything.ndjson", 9):
        "an address's `else` branch requires one of two fields (anyOf of required)",
    ("planning-application-register@1.0.0", "local-authority-without-gss-code.json", 1):
        "a field is required when another matches a `pattern` (if/then on a pattern)",
    ("planning-application-register@2.0.0", "application-types.ndjson", 4):
        "a field is required when an array `contains` a value (if/then on contains)",
}


@functools.cache
def _model(ref: str) -> type[StandardModel]:
    return model_for(ref, allow_draft=True)


@functools.cache
def _checker(ref: str) -> Checker:
    return example_checker(_CAT.select(ref, allow_draft=True), _CAT)


def _records(version: StandardVersion, path: Path) -> list[Record]:
    """Return an example file's records as `validate` reads them (CSV through its tabular form)."""
    tabular = TabularForm.from_json(version.tabular) if version.tabular else None
    source = Source(str(path), detect_format(path.name, path.read_bytes()[:512]), path=path,
                    tabular=tabular)
    return [item for item in source.items() if isinstance(item, Record)]


def _serious(ref: str, record: Any) -> list[tuple[str, str]]:
    """Return the errors and warnings `validate` (schema and rules) gives one record."""
    result = next(iter(_checker(ref).iter_records([record])))
    return [(f.code, f.pointer) for f in result.findings if f.severity is not Severity.INFO]


def test_every_version_with_a_schema_has_a_model() -> None:
    """Each version with a schema is in the index, and nothing else is."""
    assert set(MODELS) == set(_REFS)
    assert modelled() == tuple(MODELS)


@pytest.mark.parametrize("ref", _REFS)
def test_stable_module_path(ref: str) -> None:
    """Each version's model is at lgstandards.models.<id>.v<x_y_z>, named after the id."""
    standard, version = ref.split("@")
    module = importlib.import_module(
        f"lgstandards.models.{standard.replace('-', '_')}.v{version.replace('.', '_')}"
    )
    model = getattr(module, "".join(p.capitalize() for p in standard.split("-")))
    assert model is _model(ref)
    assert issubclass(model, StandardModel)


def test_model_for_resolves_as_the_registry_does() -> None:
    """`@1` is the latest 1.x, a bare id the default version, three numbers exactly that one."""
    from lgstandards.models.waste_property_schedule import v1_0_0, v2_0_0

    assert model_for("waste-property-schedule@1") is v1_0_0.WastePropertySchedule
    assert model_for("waste-property-schedule@1.0.0") is v1_0_0.WastePropertySchedule
    default = _CAT.select("waste-property-schedule").version
    assert default == "2.0.0"
    assert model_for("waste-property-schedule") is v2_0_0.WastePropertySchedule
    newest_1 = _CAT.select("common@1").version.replace(".", "_")
    assert model_for("common@1").__module__ == f"lgstandards.models.common.v{newest_1}"


@pytest.mark.parametrize(("selector", "message"), [
    ("no-such-standard", "there is no standard"),
    ("waste-property-schedule@9", "no version matching"),
    ("open-digital-planning", "external standard"),
    ("Not A Name", "is not a standard name"),
])
def test_model_for_unknown(selector: str, message: str) -> None:
    """A selector that names no version is refused with the registry's own sentence."""
    with pytest.raises(StandardNotFoundError, match=message):
        model_for(selector)


@pytest.mark.parametrize("ref", _REFS)
def test_valid_examples_parse_and_their_dump_conforms(ref: str) -> None:
    """Every valid example's records parse, and `model_dump(mode="json")` has no finding."""
    version = _CAT.select(ref, allow_draft=True)
    model = _model(ref)
    count = 0
    for path in version.example_files("valid"):
        for record in _records(version, path):
            parsed = model.model_validate(record.data)
            dumped = parsed.model_dump(mode="json")
            assert _serious(ref, dumped) == [], f"{path.name} record {record.number}"
            count += 1
    assert count > 0


@pytest.mark.parametrize("ref", _REFS)
def test_invalid_examples_refused_unless_a_documented_gap(ref: str) -> None:
    """A record with a schema finding is refused, unless KNOWN_GAPS says why not; others parse."""
    version = _CAT.select(ref, allow_draft=True)
    model = _model(ref)
    accepted: set[tuple[str, str, int]] = set()
    for path in version.example_files("invalid"):
        expected = json.loads(sidecar(path).read_text(encoding="utf-8"))
        for record in _records(version, path):
            schema = [f for f in expected
                      if f["code"].startswith("schema.") and f.get("record", 1) == record.number]
            try:
                model.model_validate(record.data)
            except ValidationError:
                # A model refuses only what the schema refuses: rule findings are not its job.
                assert schema, f"{path.name} record {record.number} has no schema finding"
                continue
            if schema:
                accepted.add((ref, path.name, record.number))
    assert accepted == {key for key in KNOWN_GAPS if key[0] == ref}


def test_known_gaps_are_documented() -> None:
    """docs/models.md lists every known gap, by version, file and record."""
    text = _DOCS.read_text(encoding="utf-8")
    rows = set(re.findall(r"^\| `([^`]+)` \| `([^`]+)` \| (\d+) \|", text, re.MULTILINE))
    assert rows == {(ref, name, str(number)) for ref, name, number in KNOWN_GAPS}


def test_dates_are_parsed_leniently_and_written_strictly() -> None:
    """A date-time pydantic reads but the schema's pattern refuses is accepted, and dumped right.

    docs/models.md says so: the model is a way to write conforming data, `validate` the judge.
    """
    model = model_for("common@2")
    loose = {"date_time": "2026-12-24 07:30:00+0100"}
    assert _serious("common@2.0.0", loose) == [("schema.pattern", "/date_time")]
    dumped = model.model_validate(loose).model_dump(mode="json")
    assert dumped == {"date_time": "2026-12-24T07:30:00+01:00"}
    assert _serious("common@2.0.0", dumped) == []


def test_left_out_is_not_null() -> None:
    """An optional field left out is not written; null is refused, as the schema refuses it."""
    model = model_for("common@2")
    assert model.model_validate({"uprn": "100023336956"}).model_dump(mode="json") == {
        "uprn": "100023336956"
    }
    with pytest.raises(ValidationError):
        model.model_validate({"uprn": None})
    with pytest.raises(ValidationError):
        model.model_validate({"uprn": 100023336956})


def test_schema_key_round_trips() -> None:
    """`$schema` is read and written under its JSON name, and set by its Python name."""
    model = model_for("waste-property-schedule@2")
    path = _CAT.select("waste-property-schedule@2").example_files("valid")[0]
    record = json.loads(path.read_text(encoding="utf-8"))
    record["$schema"] = _CAT.select("waste-property-schedule@2").schema_uri
    parsed = model.model_validate(record)
    assert parsed.model_dump(mode="json")["$schema"] == record["$schema"]


def test_the_docs_example_runs() -> None:
    """The example in docs/models.md builds a schedule that conforms, then one that does not."""
    text = _DOCS.read_text(encoding="utf-8")
    blocks = re.findall(r"```python\n(.*?)```", text, re.DOTALL)
    assert blocks
    namespace: dict[str, Any] = {}
    exec(compile(blocks[0], str(_DOCS), "exec"), namespace)
    assert namespace["report"].conforms
    assert not namespace["late"].conforms


# -- regenerating ----------------------------------------------------------------------------


def test_missing_generator_is_a_clear_error(monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    """Without the pinned generator, regenerating says what to install and exits 2."""
    monkeypatch.setattr(build, "installed_generator", lambda: None)
    assert build.main(["--check"]) == 2
    assert "pip install -e '.[models]'" in capsys.readouterr().err
    monkeypatch.setattr(build, "installed_generator", lambda: "0.1.0")
    with pytest.raises(build.BuildError, match=r"0\.1\.0 is installed"):
        build.generate_module(_VERSIONS[0], _CAT)


@pytest.fixture(scope="module")
def rendered() -> dict[str, str]:
    """Regenerate every model in memory once, or skip when the generator is not installed."""
    found = build.installed_generator()
    if found is None:
        pytest.skip(
            f"{build.GENERATOR} is not installed, so the models cannot be regenerated to compare; "
            "`pip install -e '.[models]'` (CI does)"
        )
    return build.render(_CAT)


def test_committed_models_match_their_schemas(rendered: dict[str, str]) -> None:
    """Regenerating from the schemas gives exactly the committed files."""
    problems = build.drift(rendered)
    assert problems == [], (
        "the models have drifted from the schemas; run `python -m lgstandards.models.build`:\n"
        + "\n".join(problems)
    )


def test_check_names_what_drifted(rendered: dict[str, str], tmp_path: Path,
                                  monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    """`build --check` passes on a fresh copy, then names an edited, a missing and an extra file."""
    build.write(rendered, tmp_path)
    monkeypatch.setattr(build, "render", lambda cat=None: rendered)
    assert build.main(["--check", "--out", str(tmp_path)]) == 0
    edited = tmp_path / "waste_property_schedule" / "v2_0_0.py"
    edited.write_text(edited.read_text(encoding="utf-8") + "# edited\n", encoding="utf-8")
    (tmp_path / "common" / "v1_0_0.py").unlink()
    (tmp_path / "common" / "v9_0_0.py").write_text("", encoding="utf-8")
    assert build.main(["--check", "--out", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "waste_property_schedule/v2_0_0.py: differs from its schema" in err
    assert "common/v1_0_0.py: missing" in err
    assert "common/v9_0_0.py: no schema makes it any more" in err
    # Writing puts it right, removing what no schema makes.
    build.write(rendered, tmp_path)
    assert build.drift(rendered, tmp_path) == []
    assert not (tmp_path / "common" / "v9_0_0.py").exists()


def test_models_need_neither_the_generator_nor_the_cli() -> None:
    """Importing every model loads neither datamodel-code-generator nor click nor rich."""
    code = (
        "import importlib, sys\n"
        "from lgstandards.models import model_for, modelled\n"
        "for ref in modelled():\n"
        "    model_for(ref, allow_draft=True)\n"
        "print(','.join(sorted({m.split('.')[0] for m in sys.modules}\n"
        "      & {'datamodel_code_generator', 'click', 'rich', 'black', 'isort'})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""
