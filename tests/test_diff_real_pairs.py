"""Real change pairs other projects published: the verdict a careful reviewer gives each.

tests/data/diff/README.md names the sources, commits and licences, and explains each verdict.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema

from lgstandards.development.diff import diff_openapi, diff_schemas, number_problem
from lgstandards.development.diff.documents import document_version

DATA = Path(__file__).parent / "data" / "diff"
#: OCDS's own keywords: instructions to its merge tool and codelist checker, not to a validator.
OCDS_KEYWORDS = ("mergeStrategy", "mergeOptions", "codelist", "openCodelist", "wholeListMerge",
                 "omitWhenMerged", "versionId")


def load(relative: str) -> dict[str, Any]:
    """Return one fixture."""
    value: dict[str, Any] = json.loads((DATA / relative).read_text(encoding="utf-8"))
    return value


def test_odp_renamed_file_type_is_major_and_its_patch_number_lies() -> None:
    """ODP 0.7.3 renamed treePlan to treeSurvey: producers break, and 0.7.3 needed 0.8.0."""
    old, new = load("odp-application-0.7.2-0.7.3/0.7.2.json"), load(
        "odp-application-0.7.2-0.7.3/0.7.3.json")
    diff = diff_schemas(old, new, old_label="0.7.2", new_label="0.7.3")
    assert diff.bump == "major"
    removed = [c for c in diff.changes if c.code == "enum-value-removed"]
    assert [(c.pointer, c.breaks) for c in removed] == [
        ("/definitions/FileType/anyOf/7/properties/description/const", "producers"),
        ("/definitions/FileType/anyOf/7/properties/value/const", "producers"),
    ]
    assert '"treePlan" is no longer allowed' in removed[1].description
    assert (document_version(old), document_version(new)) == ("0.7.2", "0.7.3")
    problem = number_problem(diff, "0.7.2", "0.7.3")
    assert problem is not None and "number it 0.8.0 or higher" in problem
    # The verdict is true: a 0.7.2 submission with a tree plan is refused by 0.7.3.
    record = {"files": [{"name": "plan.pdf", "type": [
        {"value": "treePlan", "description": "Tree plan"}]}]}
    assert jsonschema.Draft7Validator(old).is_valid(record)
    assert not jsonschema.Draft7Validator(new).is_valid(record)


def test_odp_relaxed_site_contact_is_minor_and_its_number_tells_the_truth() -> None:
    """ODP 0.7.6 made siteContact optional and added optional metadata: minor, a 0.x patch."""
    old, new = load("odp-preapplication-0.7.5-0.7.6/0.7.5.json"), load(
        "odp-preapplication-0.7.5-0.7.6/0.7.6.json")
    diff = diff_schemas(old, new)
    assert diff.bump == "minor"
    assert [(c.code, c.pointer, c.breaks) for c in diff.changes] == [
        ("required-removed", "/definitions/BasePreApplicant/required/4", "consumers"),
        ("property-added", "/definitions/QuestionMetaData/properties/id", "consumers"),
        ("property-added", "/definitions/QuestionMetaData/properties/tags", "consumers"),
    ]
    assert number_problem(diff, "0.7.5", "0.7.6") is None


def test_ocds_1_1_requires_buyer_ids_and_is_major() -> None:
    """OCDS 1.1 made buyer id and name required and ids non-empty: major in data terms."""
    old, new = load("ocds-release-1.0.3-1.1.0/1.0.3.json"), load(
        "ocds-release-1.0.3-1.1.0/1.1.0.json")
    diff = diff_schemas(old, new, annotations=OCDS_KEYWORDS)
    assert diff.bump == "major"
    found = {(c.code, c.pointer, c.breaks) for c in diff.changes}
    assert {
        ("required-added", "/definitions/OrganizationReference/required/0", "producers"),
        ("required-added", "/definitions/OrganizationReference/required/1", "producers"),
        ("min-length-added", "/properties/ocid/minLength", "producers"),
        ("min-length-added", "/definitions/Tender/properties/id/minLength", "producers"),
        ("enum-removed", "/definitions/Tender/properties/procurementMethod/enum", "consumers"),
    } <= found
    assert not any(c.code == "keyword-changed" for c in diff.changes)
    assert (document_version(old), document_version(new)) == ("1.0.3", "1.1.0")
    assert number_problem(diff, "1.0.3", "1.1.0") is not None
    # The verdict is true: a buyer named but not identified was fine in 1.0.3 only.
    record = {"ocid": "ocds-213czf-000-00001", "buyer": {"name": "Council"}}
    assert jsonschema.Draft4Validator(old).is_valid(record)
    assert not jsonschema.Draft4Validator(new).is_valid(record)


def test_ocds_vendor_keywords_are_not_ignored_unless_declared() -> None:
    """Without being told, a change to OCDS's mergeStrategy cannot be proved harmless."""
    diff = diff_schemas(load("ocds-release-1.0.3-1.1.0/1.0.3.json"),
                        load("ocds-release-1.0.3-1.1.0/1.1.0.json"))
    unknown = {c.pointer.rsplit("/", 1)[-1] for c in diff.changes if c.code == "keyword-changed"}
    assert "mergeStrategy" in unknown
    assert all(c.breaks == "producers" for c in diff.changes if c.code == "keyword-changed")


def test_hsds_removed_operation_is_major_beside_new_optional_parameters() -> None:
    """HSDS dropped GET /services.ndjson (clients break) and added optional parameters."""
    diff = diff_openapi(load("hsds-openapi-2023-03/old.json"),
                        load("hsds-openapi-2023-03/new.json"))
    assert diff.bump == "major"
    assert [(c.code, c.pointer, c.direction, c.breaks, c.bump) for c in diff.changes] == [
        ("new-optional-request-parameter", "/components/parameters/per_page", "request",
         "consumers", "minor"),
        ("new-optional-request-parameter", "/components/parameters/format", "request",
         "consumers", "minor"),
        ("operation-removed", "/paths/~1services.ndjson/get", "request", "producers", "major"),
    ]
    assert document_version(load("hsds-openapi-2023-03/new.json")) is None
