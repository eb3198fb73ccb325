"""The code list: every code the core or a rule can emit is documented, and the page is current."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import jsonschema
import jsonschema_rs
import pytest

from lgstandards.codes import all_codes, core_codes, describe, markdown, unknown_selectors
from lgstandards.conformance import Checker
from lgstandards.registry import catalogue
from lgstandards.rules import RULESETS, RuleOptions, rules_for

REPO = Path(__file__).resolve().parents[1]
SOURCE = REPO / "src" / "lgstandards"
CODE = re.compile(r"^(schema|source|codelist|standard|internal|convert)\.[a-z0-9][a-z0-9-]*$")

#: Keywords python-jsonschema only descends through: their errors carry the inner keyword.
DESCEND_ONLY = {
    "$ref", "$dynamicRef", "$recursiveRef", "allOf", "if", "properties", "patternProperties",
    "prefixItems", "dependentSchemas", "propertyNames",
    # Draft 3 keywords: lgstandards reads draft-04 and later.
    "extends", "disallow", "divisibleBy",
}


def _known() -> set[str]:
    return {info.code for info in all_codes()}


def _kebab(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "-", name).lower()


def test_docs_page_is_generated_from_the_list() -> None:
    """docs/finding-codes.md is exactly what the code list generates."""
    page = (REPO / "docs" / "finding-codes.md").read_text("utf-8")
    assert page == markdown(), (
        "docs/finding-codes.md is out of date: run "
        "`python -m lgstandards.codes > docs/finding-codes.md`"
    )


def test_codes_are_unique_and_complete_entries() -> None:
    """Each code appears once, with a title, a meaning and a fix."""
    codes = [info.code for info in all_codes()]
    assert len(codes) == len(set(codes))
    for info in all_codes():
        assert info.title and info.meaning and info.fix, info.code
        assert re.fullmatch(r"[a-z0-9-]+\.[a-z0-9.-]+", info.code), info.code


def test_every_code_literal_in_the_source_is_listed() -> None:
    """A string in the library that looks like a core code is in the list."""
    found: dict[str, str] = {}
    for path in SOURCE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and CODE.match(
                node.value
            ) and not node.value.endswith((".json", ".md", ".py")):
                found.setdefault(node.value, str(path.relative_to(REPO)))
    assert "source.invalid-json" in found  # the scan itself works
    missing = {code: where for code, where in found.items() if code not in _known()}
    assert missing == {}


def test_every_schema_keyword_has_a_code() -> None:
    """Each keyword python-jsonschema can report directly maps to a listed schema.* code."""
    keywords: set[str] = {"false", "minContains", "maxContains"}
    for cls in (jsonschema.Draft4Validator, jsonschema.Draft6Validator,
                jsonschema.Draft7Validator, jsonschema.Draft201909Validator,
                jsonschema.Draft202012Validator):
        keywords |= set(cls.VALIDATORS)
    missing = sorted(k for k in keywords - DESCEND_ONLY if f"schema.{_kebab(k)}" not in _known())
    assert missing == []


def test_every_fast_engine_error_kind_has_a_code() -> None:
    """Each jsonschema-rs error kind, reported when the engines disagree, is listed."""
    kinds = [k for k in dir(jsonschema_rs.ValidationErrorKind)
             if k[:1].isupper()]
    assert "Required" in kinds
    missing = sorted(k for k in kinds if f"schema.{_kebab(k)}" not in _known())
    assert missing == []


def test_every_rule_code_is_listed() -> None:
    """Every rule registered for any standard is in the list, naming its standards."""
    for key, rules in RULESETS.items():
        for rule in rules:
            info = describe(rule.code)
            assert info is not None, rule.code
            if info not in core_codes():
                assert key in info.standards
    for version in catalogue().versions():
        if version.schema_path.is_file():
            for rule in rules_for(version):
                assert describe(rule.code) is not None, rule.code


def test_every_code_the_examples_produce_is_listed() -> None:
    """Checking every example of every standard yields only listed codes."""
    seen: set[str] = set()
    for version in catalogue().versions():
        if not version.schema_path.is_file():
            continue
        paths = [str(p) for kind in ("valid", "invalid") for p in version.example_files(kind)]
        if paths:
            checker = Checker.for_standard(version.ref, options=RuleOptions(), allow_draft=True)
            seen |= {f.code for f in checker.check_paths(paths).findings}
    assert "schema.required" in seen
    assert seen - _known() == set()


@pytest.mark.parametrize(
    ("selectors", "unknown"),
    [
        (["schema", "schema.pattern", "source"], ()),
        (["schema.nope", "sch"], ("schema.nope", "sch")),
    ],
)
def test_unknown_selectors(selectors: list[str], unknown: tuple[str, ...]) -> None:
    """Selectors must name a listed code or a category of listed codes."""
    assert unknown_selectors(selectors) == unknown
