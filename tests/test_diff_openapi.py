"""OpenAPI documents: requests and responses compared in their direction, as oasdiff does."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from lgstandards.development.diff import DiffError, diff_openapi

Row = tuple[str, str, str, str, str]


def api() -> dict[str, Any]:
    """Return a small API: a list with a page parameter, a body to post, a response object."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "Bins", "version": "1.0.0", "description": "A test API."},
        "paths": {
            "/properties/{uprn}/bins": {
                "get": {
                    "operationId": "getBins",
                    "parameters": [
                        {"$ref": "#/components/parameters/uprn"},
                        {"name": "page", "in": "query", "required": False,
                         "schema": {"type": "integer", "minimum": 1, "maximum": 100}},
                    ],
                    "responses": {
                        "200": {"description": "The bins.",
                                "headers": {"X-Total": {"schema": {"type": "integer"}}},
                                "content": {"application/json": {
                                    "schema": {"$ref": "#/components/schemas/Bin"}}}},
                        "404": {"description": "No such property."},
                    },
                },
            },
            "/reports": {
                "post": {
                    "requestBody": {"required": True, "content": {"application/json": {
                        "schema": {"$ref": "#/components/schemas/Report"}}}},
                    "responses": {"201": {"description": "Made."}},
                },
            },
        },
        "components": {
            "parameters": {"uprn": {"name": "uprn", "in": "path", "required": True,
                                    "schema": {"type": "string", "pattern": "^[0-9]{1,12}$"}}},
            "schemas": {
                "Bin": {"type": "object", "additionalProperties": False,
                        "required": ["stream", "colour"],
                        "properties": {"stream": {"enum": ["refuse", "recycling"]},
                                       "colour": {"type": "string"},
                                       "size": {"type": "integer"}}},
                "Report": {"type": "object", "required": ["uprn"],
                           "properties": {"uprn": {"type": "string"},
                                          "note": {"type": "string", "maxLength": 500}}},
            },
        },
    }


def changed(edit: Callable[[dict[str, Any]], object]) -> list[Row]:
    """Return (code, pointer, direction, breaks, bump) for the changes an edit makes."""
    new = copy.deepcopy(api())
    edit(new)
    return [(c.code, c.pointer, c.direction, c.breaks, c.bump)
            for c in diff_openapi(api(), new).changes]


def get_op(doc: dict[str, Any]) -> dict[str, Any]:
    """Return the GET operation."""
    operation: dict[str, Any] = doc["paths"]["/properties/{uprn}/bins"]["get"]
    return operation


def bin_schema(doc: dict[str, Any]) -> dict[str, Any]:
    """Return the response object's schema."""
    schema: dict[str, Any] = doc["components"]["schemas"]["Bin"]
    return schema


GET = "/paths/~1properties~1{uprn}~1bins/get"
def rename_path_parameter(doc: dict[str, Any]) -> None:
    """Rename the path parameter {uprn} to {id}, in the path and in its definition."""
    doc["paths"]["/properties/{id}/bins"] = doc["paths"].pop("/properties/{uprn}/bins")
    doc["components"]["parameters"]["uprn"]["name"] = "id"


EDITS: list[tuple[str, Callable[[dict[str, Any]], object], list[Row]]] = [
    ("nothing", lambda d: None, []),
    ("operation removed", lambda d: d["paths"].pop("/reports"),
     [("operation-removed", "/paths/~1reports/post", "request", "producers", "major")]),
    ("operation added",
     lambda d: d["paths"]["/reports"].update(get={"responses": {"200": {"description": "x"}}}),
     [("operation-added", "/paths/~1reports/get", "request", "consumers", "minor")]),
    ("new required parameter", lambda d: get_op(d)["parameters"].append(
        {"name": "council", "in": "query", "required": True, "schema": {"type": "string"}}),
     [("new-required-request-parameter", f"{GET}/parameters/2", "request", "producers",
       "major")]),
    ("new optional parameter", lambda d: get_op(d)["parameters"].append(
        {"name": "council", "in": "query", "schema": {"type": "string"}}),
     [("new-optional-request-parameter", f"{GET}/parameters/2", "request", "consumers",
       "minor")]),
    ("parameter became required",
     lambda d: get_op(d)["parameters"][1].update(required=True),
     [("request-parameter-became-required", f"{GET}/parameters/1/required", "request",
       "producers", "major")]),
    ("parameter removed", lambda d: get_op(d)["parameters"].pop(1),
     [("request-parameter-removed", f"{GET}/parameters/1", "request", "producers", "major")]),
    ("parameter's range tightened",
     lambda d: get_op(d)["parameters"][1]["schema"].update(maximum=50),
     [("maximum-decreased", f"{GET}/parameters/1/schema/maximum", "request", "producers",
       "major")]),
    ("parameter's range widened",
     lambda d: get_op(d)["parameters"][1]["schema"].update(maximum=500),
     [("maximum-increased", f"{GET}/parameters/1/schema/maximum", "request", "consumers",
       "minor")]),
    ("path parameter renamed: no change", rename_path_parameter, []),
    ("request body field now required",
     lambda d: d["components"]["schemas"]["Report"]["required"].append("note"),
     [("required-added", "/components/schemas/Report/required/1", "request", "producers",
       "major")]),
    ("request body field may be longer",
     lambda d: d["components"]["schemas"]["Report"]["properties"]["note"].update(maxLength=900),
     [("max-length-increased", "/components/schemas/Report/properties/note/maxLength",
       "request", "consumers", "minor")]),
    ("response field removed from a closed object",
     lambda d: bin_schema(d)["properties"].pop("size"),
     [("property-removed", "/components/schemas/Bin/properties/size", "response", "producers",
       "major")]),
    ("response field no longer required",
     lambda d: bin_schema(d)["required"].remove("colour"),
     [("required-removed", "/components/schemas/Bin/required/1", "response", "consumers",
       "major")]),
    ("new optional response field", lambda d: bin_schema(d)["properties"].update(
        lid={"type": "string"}),
     [("property-added", "/components/schemas/Bin/properties/lid", "response", "consumers",
       "minor")]),
    ("new enum value in a response",
     lambda d: bin_schema(d)["properties"]["stream"]["enum"].append("garden"),
     [("enum-value-added", "/components/schemas/Bin/properties/stream/enum/2", "response",
       "consumers", "minor")]),
    ("response type widened", lambda d: bin_schema(d)["properties"]["size"].update(
        type=["integer", "string"]),
     [("type-widened", "/components/schemas/Bin/properties/size/type", "response", "consumers",
       "major")]),
    ("response may be null", lambda d: bin_schema(d)["properties"]["colour"].update(
        type=["string", "null"]),
     [("null-added", "/components/schemas/Bin/properties/colour/type", "response",
       "consumers", "major")]),
    ("response status removed", lambda d: get_op(d)["responses"].pop("404"),
     [("response-removed", f"{GET}/responses/404", "response", "producers", "major")]),
    ("response status added", lambda d: get_op(d)["responses"].update(
        {"429": {"description": "Slow down."}}),
     [("response-added", f"{GET}/responses/429", "response", "consumers", "minor")]),
    ("response media type removed",
     lambda d: get_op(d)["responses"]["200"].update(content={}),
     [("response-media-type-removed", f"{GET}/responses/200/content/application~1json",
       "response", "producers", "major")]),
    ("response header removed", lambda d: get_op(d)["responses"]["200"].pop("headers"),
     [("response-header-removed", f"{GET}/responses/200/headers/X-Total", "response",
       "consumers", "major")]),
    ("security added", lambda d: d.update(security=[{"key": []}], components={
        **d["components"], "securitySchemes": {"key": {"type": "apiKey", "in": "header",
                                                       "name": "X-Key"}}}),
     [("security-added", "/security", "request", "producers", "major")]),
    ("request body became optional",
     lambda d: d["paths"]["/reports"]["post"]["requestBody"].update(required=False),
     [("request-body-became-optional", "/paths/~1reports/post/requestBody/required",
       "request", "consumers", "minor")]),
    ("description changed", lambda d: d["info"].update(description="Better words."),
     [("annotation-changed", "/info/description", "data", "nobody", "patch")]),
]


@pytest.mark.parametrize(("edit", "expected"), [e[1:] for e in EDITS], ids=[e[0] for e in EDITS])
def test_each_api_change_is_classified_in_its_direction(
        edit: Callable[[dict[str, Any]], object], expected: list[Row]) -> None:
    """Each change has its code, place, direction, whom it breaks and bump."""
    assert changed(edit) == expected


def test_descriptions_name_the_operation() -> None:
    """A person reads which operation and which field changed."""
    new = api()
    bin_schema(new)["required"].remove("colour")
    (change,) = diff_openapi(api(), new).changes
    assert change.description == ("GET /properties/{uprn}/bins response 200 (application/json): "
                                  "colour: the field is no longer required")


def test_not_openapi_is_an_error() -> None:
    """A document without 'openapi: 3.x' is refused with its label."""
    with pytest.raises(DiffError, match="new: not an OpenAPI 3 document"):
        diff_openapi(api(), {"swagger": "2.0"})


def test_the_real_api_compared_with_itself_has_no_changes() -> None:
    """The waste collections API, bundled, has no change against itself."""
    from lgstandards.development.diff.documents import version_documents
    from lgstandards.registry import catalogue

    version = catalogue().select("waste-collections-api@1.0.0")
    _, document = version_documents(version, catalogue().root)
    assert document is not None
    assert diff_openapi(document, json.loads(json.dumps(document))).changes == ()
