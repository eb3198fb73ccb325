"""The API standards' OpenAPI documents: well formed, offline-resolvable, and matched by suites."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

import pytest

from lgstandards.apicheck import CHECKS, NOTICES, PROBES, SUITES
from lgstandards.apicheck.openapi import ApiDocument, api_document
from lgstandards.registry import StandardVersion, catalogue

API_VERSIONS = [v for v in catalogue().versions() if v.manifest.kind == "api"]
REFS = [v.ref for v in API_VERSIONS]


def _api(ref: str) -> ApiDocument:
    """Return the OpenAPI document of an API standard version."""
    return api_document(catalogue(), ref)


def _refs(node: Any, where: str = "") -> Iterator[tuple[str, str]]:
    """Yield (where, target) for every $ref in a document."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str):
                yield where, value
            else:
                yield from _refs(value, f"{where}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            yield from _refs(value, f"{where}/{index}")


def test_both_api_standards_are_published() -> None:
    """The two API standards exist at 1.0.0 with an OpenAPI document and a suite each."""
    assert set(REFS) >= {"waste-collections-api@1.0.0", "street-reports-api@1.0.0"}
    for version in API_VERSIONS:
        assert version.openapi_path is not None
        assert f"{version.id}@{version.version.split('.')[0]}" in SUITES


@pytest.mark.parametrize("ref", REFS)
def test_openapi_header(ref: str) -> None:
    """Each document is OpenAPI 3.1 in the 2020-12 dialect, versioned like its standard."""
    doc = _api(ref).doc
    version = ref.split("@")[1]
    assert re.fullmatch(r"3\.1\.[0-9]+", doc["openapi"])
    assert doc["jsonSchemaDialect"] == "https://json-schema.org/draft/2020-12/schema"
    assert doc["info"]["version"] == version
    assert doc["info"]["license"]["identifier"] == "OGL-UK-3.0"


@pytest.mark.parametrize("ref", REFS)
def test_every_operation_is_documented(ref: str) -> None:
    """Every operation has an id, a summary, a success response and a default error response."""
    api = _api(ref)
    ids = []
    for method, template in api.operations():
        op = api.operation(method, template)
        ids.append(op["operationId"])
        assert op.get("summary"), f"{method} {template}"
        keys = api.documented(method, template)
        assert any(k.startswith("2") for k in keys), f"{method} {template}"
        assert "default" in keys, f"{method} {template}"
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("ref", REFS)
def test_every_ref_resolves_offline(ref: str) -> None:
    """Every $ref points into the document, its schema.json or another published standard."""
    api = _api(ref)
    known = {uri for uri, _ in api.resources}
    for where, target in _refs(api.doc):
        if target.startswith("#"):
            assert api._pointer(target[1:]) is not None, where
            continue
        from urllib.parse import urldefrag, urljoin

        absolute = urldefrag(urljoin(api.uri, target))[0]
        assert absolute in known, f"{where}: {target} is not in the catalogue"


@pytest.mark.parametrize("ref", REFS)
def test_every_response_body_compiles(ref: str) -> None:
    """Each documented JSON response body has a schema the validator compiles offline."""
    api = _api(ref)
    compiled = 0
    for method, template in api.operations():
        for key in api.documented(method, template):
            for media in api.media_types(method, template, key):
                assert media == "application/json" or media.endswith("+json")
                validator = api.validator(method, template, key, media)
                assert validator is not None, f"{method} {template} {key} {media}"
                compiled += 1
    assert compiled >= 10


def _error_media(version: StandardVersion) -> tuple[str, ...]:
    """Return the media types of a standard's error responses."""
    if version.id == "waste-collections-api":
        return ("application/problem+json",)
    if version.ref == "street-reports-api@1.0.0":
        return ("application/json",)
    # From 2.0.0 Open311 servers may send RFC 9457 problem details too, as some do.
    return ("application/json", "application/problem+json")


@pytest.mark.parametrize("version", API_VERSIONS, ids=REFS)
def test_errors_use_the_standard_error_format(version: StandardVersion) -> None:
    """Every 4xx and default response is the standard's error format, and nothing else."""
    api = _api(version.ref)
    for method, template in api.operations():
        for key in api.documented(method, template):
            if key.startswith(("4", "5")) or key == "default":
                assert api.media_types(method, template, key) == _error_media(version)


@pytest.mark.parametrize("ref", REFS)
def test_error_examples_validate(ref: str) -> None:
    """An error body the standard describes validates; one with a wrong status does not."""
    api = _api(ref)
    method, template = next(api.operations())
    media = api.media_types(method, template, "default")[0]
    validator = api.validator(method, template, "default", media)
    assert validator is not None
    if ref.startswith("waste"):
        good: Any = {"type": "about:blank", "title": "Not found", "status": 404,
                     "detail": "No such property.", "trace_id": "extension members are allowed"}
        bad: Any = {"type": "about:blank", "title": "Not found", "status": "404"}
    elif ref == "street-reports-api@1.0.0":
        good = [{"code": 404, "description": "No such request."}]
        bad = {"errors": [{"code": 404, "description": "Not an Open311 list."}]}
    else:
        # 2.0.0 takes the list bare or wrapped, and problem details; not any JSON at all.
        good = {"errors": [{"code": "404", "description": "Wrapped, with a code as text."}]}
        bad = {"message": "Neither an Open311 list nor problem details."}
    assert validator.findings(good) == []
    assert validator.findings(bad)


def test_suites_only_call_documented_operations() -> None:
    """Every operation a suite step names exists in its standard's OpenAPI document."""
    for version in API_VERSIONS:
        api = _api(version.ref)
        documented = {f"{m} {t}" for m, t in api.operations()}
        steps = SUITES[f"{version.id}@{version.version.split('.')[0]}"]
        assert {step.operation for step in steps} <= documented
        writes = {step.operation for step in steps if step.writes}
        assert all(not op.startswith(("GET", "HEAD")) for op in writes)
        assert all(op.startswith("GET") for op in {s.operation for s in steps} - writes)


def test_probes_and_checks_are_described() -> None:
    """Every probe and check code has a description, and probe names are unique per suite."""
    for probes in PROBES.values():
        names = [p.name for p in probes]
        assert len(names) == len(set(names))
        assert all(p.description.endswith(".") for p in probes)
    assert all(code.startswith("api.") and text for code, text in CHECKS.items())
    assert not set(CHECKS) & set(NOTICES)


def test_every_code_the_checker_emits_is_listed() -> None:
    """Every api.* string in the checker's source is a listed check or notice code."""
    import ast
    from pathlib import Path

    import lgstandards.apicheck as package

    found = set()
    for path in Path(package.__file__).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and re.fullmatch(
                r"api\.[a-z-]+", node.value
            ):
                found.add(node.value)
    assert "api.status" in found  # The scan itself works.
    assert found <= set(CHECKS) | set(NOTICES)


def test_open311_fix_is_enforced() -> None:
    """A service code written 001 as Open311's example did fails; the string '001' conforms."""
    api = _api("street-reports-api@1.0.0")
    validator = api.validator("GET", "/services.json", "200", "application/json")
    assert validator is not None
    service = {"service_code": "001", "service_name": "Bins left on the pavement",
               "description": "Wheeled bins left out long after collection day.",
               "metadata": True, "type": "realtime", "keywords": "bins,pavement",
               "group": "Street cleaning"}
    assert validator.findings([service]) == []
    numeric = json.loads(json.dumps([{**service, "service_code": 1}]))
    assert [f.pointer for f in validator.findings(numeric)] == ["/0/service_code"]
