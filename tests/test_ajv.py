"""Other languages can use the published files: ajv compiles every schema and agrees on examples.

The test installs ajv and ajv-formats from the npm registry (pinned by tests/js/package-lock.json)
into a cache folder reused between runs, publishes the tree to a temporary folder, and runs
tests/js/ajv_check.cjs over it. That script reads schemas from the published tree alone; the
records it validates are the ones lgstandards reads from each example, so CSV rows arrive as the
same JSON records lgstandards checks. Any disagreement is a bug in a schema or in lgstandards.
"""

from __future__ import annotations

import json
import posixpath
import re
import subprocess
from pathlib import Path
from typing import Any
from urllib.parse import urldefrag

import pytest

from lgstandards.conformance import _compiled
from lgstandards.findings import split_pointer
from lgstandards.publish import publish, subschemas
from lgstandards.registry import StandardVersion, catalogue
from lgstandards.sources import Record, Source, TabularForm, detect_format
from tests.node import JS
from tests.node import node_prefix as _node_prefix

_CAT = catalogue()
_VERSIONS = [v for v in _CAT.versions() if v.schema_path.is_file() and v.status.value != "draft"]


@pytest.fixture(scope="session")
def node_prefix() -> Path:
    """Install ajv and ajv-formats with `npm ci` once, and reuse the install on later runs."""
    return _node_prefix()


def _records(version: StandardVersion, path: Path) -> list[Record]:
    """Return the records lgstandards reads from an example, CSV rows included."""
    tabular = TabularForm.from_json(version.tabular) if version.tabular else None
    source = Source(str(path), detect_format(str(path)), path=path, tabular=tabular)
    return [item for item in source.items() if isinstance(item, Record)]


# Examples that test reading itself (broken JSON, a bad encoding) hold no record to compare.
_EXAMPLES = [(v, kind, p) for v in _VERSIONS for kind in ("valid", "invalid")
             for p in v.example_files(kind) if _records(v, p)]


@pytest.fixture(scope="module")
def tree(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Publish the standards to a temporary folder, as a host would receive them."""
    out = tmp_path_factory.mktemp("published")
    publish(_CAT, out)
    return out


@pytest.fixture(scope="module")
def ajv(node_prefix: Path, tree: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """Run ajv over the published tree and every example record; return what it reported."""
    items = [
        {"ref": v.ref, "example": f"{kind}/{path.name}", "record": record.number,
         "data": record.data}
        for v, kind, path in _EXAMPLES for record in _records(v, path)
    ]
    records = tmp_path_factory.mktemp("ajv") / "records.json"
    records.write_text(json.dumps(items), encoding="utf-8")
    result = subprocess.run(
        ["node", str(JS / "ajv_check.cjs"), str(node_prefix), str(tree), str(records)],
        capture_output=True, text=True, timeout=300, check=False,
    )
    assert result.returncode == 0, f"ajv_check.cjs failed:\n{result.stderr}"
    report: dict[str, Any] = json.loads(result.stdout)
    report["expected_records"] = len(items)
    return report


def test_every_schema_compiles_in_strict_mode(ajv: dict[str, Any]) -> None:
    """ajv compiles every schema.json and schema.bundled.json strictly, and index.json fits."""
    assert ajv["compile_errors"] == []


def _property_names(document: Any) -> set[str]:
    """Return every property name defined anywhere in a schema."""
    names: set[str] = set()
    for _, node in subschemas(document):
        if isinstance(node, dict) and isinstance(node.get("properties"), dict):
            names.update(node["properties"])
    return names


def _nodes_at(tree: Path, file: str, where: str) -> list[Any]:
    """Return the schema nodes a strict-mode warning may name.

    ajv reports a pointer relative to the schema it was compiling, which for a `$ref` into
    another file is that other file, so the pointer is looked up in the file and in every file
    it refers to.
    """
    target, fragment = urldefrag(where)
    document = json.loads((tree / file).read_text(encoding="utf-8"))
    files = {file}
    for _, node in subschemas(document):
        if isinstance(node, dict) and isinstance(node.get("$ref"), str):
            ref = urldefrag(node["$ref"])[0]
            if ref:
                files.add(posixpath.normpath(posixpath.join(posixpath.dirname(file), ref)))
    if target:
        files = {posixpath.normpath(posixpath.join(posixpath.dirname(file), target))}
    found = []
    for name in sorted(files):
        here: Any = json.loads((tree / name).read_text(encoding="utf-8"))
        try:
            for part in split_pointer(fragment):
                here = here[int(part)] if isinstance(here, list) else here[part]
        except (KeyError, IndexError, ValueError):
            continue
        found.append(here)
    return found


_REQUIRED = re.compile(r'required property "(?P<name>[^"]+)" is not defined at "(?P<at>[^"]+)"')
_TUPLE = re.compile(r'"prefixItems" is \d+-tuple, .* at path "(?P<at>[^"]+)"')
_UNION = re.compile(r'allow union type keyword at "(?P<at>[^"]+)"')


def _advised(tree: Path, file: str) -> bool:
    """Return whether a published schema names an advice schema (`x-lgstandards-advice`)."""
    document = json.loads((tree / file).read_text(encoding="utf-8"))
    return isinstance(document, dict) and "x-lgstandards-advice" in document


def test_strict_warnings_are_intended(ajv: dict[str, Any], tree: Path) -> None:
    """The only strict-mode warnings are three shapes the authoring guide uses on purpose.

    strictRequired flags `if`/`then` branches that require a field defined beside the condition,
    the idiom docs/authoring-standards.md prescribes: each must name a property the schema
    defines. strictTuples flags a tuple that allows a trailing optional item (GeoJSON's altitude):
    each must set minItems to the tuple's length, give the extra item a schema and cap maxItems.
    strictTypes flags a union of types: each must say why (`x-expected` or a description) in a
    schema whose advice (`x-lgstandards-advice`) warns about the looser spelling.
    """
    base = json.loads((tree / "index.json").read_text(encoding="utf-8"))["base_url"]
    unexplained = []
    for warning in ajv["warnings"]:
        file, message = str(warning["file"]), str(warning["message"])
        required = _REQUIRED.search(message)
        tuple_ = _TUPLE.search(message)
        union = _UNION.search(message)
        if required:
            # The warning names the schema by URI: the file compiled, or one it refers to.
            named = urldefrag(required["at"])[0]
            where = named[len(base):] if named.startswith(base) else file
            document = json.loads((tree / where).read_text(encoding="utf-8"))
            if required["name"] in _property_names(document):
                continue
        elif tuple_ and any(
            isinstance(node, dict) and isinstance(node.get("prefixItems"), list)
            and node.get("minItems") == len(node["prefixItems"])
            and isinstance(node.get("items"), dict)
            and isinstance(node.get("maxItems"), int) and node["maxItems"] > node["minItems"]
            for node in _nodes_at(tree, file, tuple_["at"])
        ):
            continue
        elif union and _advised(tree, file) and any(
            isinstance(node, dict) and isinstance(node.get("type"), list)
            and len(node["type"]) > 1 and (node.get("x-expected") or node.get("description"))
            for node in _nodes_at(tree, file, "#" + urldefrag(union["at"])[1])
        ):
            # A standard that accepts what real servers send (a number or its text) says why
            # (`x-expected` or a description) and warns through its advice: a deliberate union.
            continue
        unexplained.append(f"{file}: {message}")
    assert unexplained == []


def test_ajv_checked_every_record(ajv: dict[str, Any]) -> None:
    """Every record lgstandards read from the examples reached ajv; none was silently dropped."""
    assert ajv["expected_records"] > 0
    assert len(ajv["results"]) == ajv["expected_records"]


@pytest.mark.parametrize(("version", "kind", "path"), _EXAMPLES,
                         ids=[f"{v.ref}:{k}/{p.name}" for v, k, p in _EXAMPLES])
def test_ajv_agrees_with_lgstandards(ajv: dict[str, Any], version: StandardVersion, kind: str,
                                     path: Path) -> None:
    """ajv's verdict on each record of an example, bundled or not, is lgstandards' verdict."""
    validator = _compiled(_CAT, version.ref)
    by_record = {
        r["record"]: r for r in ajv["results"]
        if r["ref"] == version.ref and r["example"] == f"{kind}/{path.name}"
    }
    records = _records(version, path)
    disagreements = []
    for record in records:
        ours = validator.is_valid(record.data)
        theirs = by_record[record.number]
        if not (ours == theirs["schema"] == theirs["bundled"]):
            disagreements.append(
                f"record {record.number}: lgstandards {ours}, ajv {theirs['schema']}, ajv on the "
                f"bundle {theirs['bundled']}; ajv says {theirs['errors']}"
            )
        if kind == "valid":
            assert theirs["schema"], f"ajv rejects valid record {record.number}: {theirs['errors']}"
    assert disagreements == []
