"""The OpenAPI document of the web validator's JSON API, served at /openapi.json.

The report schema is the one `--format json` is held to (`report.schema.json`), copied in under
`components/schemas` with its references rewritten to point there, so the document stands alone.
"""

from __future__ import annotations

import copy
from typing import Any

from lgstandards import __version__
from lgstandards.reporters.json_report import report_schema

_REPORT = "#/components/schemas/Report"
_PROBLEM = {"$ref": "#/components/schemas/Problem"}


def _moved(node: Any, prefix: str) -> Any:
    """Return a schema with its local references moved under `prefix`."""
    if isinstance(node, dict):
        out = {}
        for key, value in node.items():
            if key == "$ref" and isinstance(value, str) and value.startswith("#"):
                out[key] = prefix + value[1:]
            else:
                out[key] = _moved(value, prefix)
        return out
    if isinstance(node, list):
        return [_moved(item, prefix) for item in node]
    return node


def _problem(description: str) -> dict[str, Any]:
    """Return a response documented as RFC 9457 problem details."""
    return {"description": description,
            "content": {"application/problem+json": {"schema": _PROBLEM}}}


def openapi_document(*, api_check: bool = True) -> dict[str, Any]:
    """Return the OpenAPI 3.1 document describing this service's JSON API."""
    schema = copy.deepcopy(report_schema())
    for key in ("$schema", "$id"):
        schema.pop(key, None)
    report = _moved(schema, _REPORT)
    paths: dict[str, Any] = {
        "/api/validate": {"post": {
            "operationId": "validate",
            "summary": "Check a data file against a standard",
            "description": "Send the file as the request body (JSON, NDJSON or CSV, gzip-"
                           "compressed or not). The answer is the report; the check ran even "
                           "when the data does not conform (see `conforms`).",
            "parameters": [
                {"name": "standard", "in": "query", "required": False,
                 "description": "The standard: `id`, `id@1`, `id@1.2` or `id@1.2.3`. Without it "
                                "(and without `extension` or `profile`), the file is checked "
                                "against what its first record's `$schema` names.",
                 "schema": {"type": "string", "pattern": "^[a-z0-9-]+(@[0-9.]+)?$"},
                 "example": "waste-property-schedule@2"},
                {"name": "extension", "in": "query", "required": False,
                 "description": "An extension of the registry to apply, `id` or `id@1`; "
                                "repeat for several. Without `standard`, its base is the "
                                "version it was written for.",
                 "schema": {"type": "array", "items": {
                     "type": "string", "pattern": "^[a-z0-9-]+(@[0-9.]+)?$"}},
                 "style": "form", "explode": True,
                 "example": ["garden-waste-subscription"]},
                {"name": "profile", "in": "query", "required": False,
                 "description": "A profile of the registry to apply, `id` or `id@1`.",
                 "schema": {"type": "string", "pattern": "^[a-z0-9-]+(@[0-9.]+)?$"},
                 "example": "collection-outcomes-contract"},
                {"name": "format", "in": "query", "required": False,
                 "description": "The report's format.",
                 "schema": {"type": "string", "default": "json",
                            "enum": ["json", "sarif", "markdown", "html", "junit"]}},
                {"name": "input_format", "in": "query", "required": False,
                 "description": "How to read the body; by default from `filename` and then the "
                                "body itself.",
                 "schema": {"type": "string", "enum": ["json", "ndjson", "csv"]}},
                {"name": "filename", "in": "query", "required": False,
                 "description": "The file's name, shown in the report (`data.csv.gz`).",
                 "schema": {"type": "string", "maxLength": 120}},
                {"name": "mask", "in": "query", "required": False,
                 "description": "Hide the data's values in the report.",
                 "schema": {"type": "boolean", "default": False}},
            ],
            "requestBody": {"required": True, "content": {
                media: {"schema": {"type": "string", "format": "binary"}}
                for media in ("application/json", "application/x-ndjson", "text/csv",
                              "application/gzip", "application/octet-stream")
            }},
            "responses": {
                "200": {
                    "description": "The report (in the format asked for).",
                    "headers": {"X-Lgstandards-Conforms": {
                        "description": "`true` when the data conforms, else `false`.",
                        "required": True, "schema": {"type": "string",
                                                     "enum": ["true", "false"]}}},
                    "content": {
                        "application/json": {"schema": {"$ref": _REPORT}},
                        "application/sarif+json": {"schema": {"type": "object"}},
                        "text/markdown": {"schema": {"type": "string"}},
                        "text/html": {"schema": {"type": "string"}},
                        "application/xml": {"schema": {"type": "string"}},
                    },
                },
                "400": _problem("A parameter is missing or wrong, or the file is damaged."),
                "404": _problem("No such standard, extension, profile or version."),
                "413": _problem("The file is over a size limit (stated in `detail`)."),
                "503": _problem("The check took too long, or the service is busy."),
            },
        }},
        "/healthz": {"get": {
            "operationId": "health",
            "summary": "Say whether the service is up",
            "responses": {"200": {"description": "The service is up.", "content": {
                "application/json": {"schema": {
                    "type": "object", "required": ["status", "version"],
                    "properties": {"status": {"const": "ok"}, "version": {"type": "string"}},
                }}}}},
        }},
    }
    if api_check:
        paths["/api/check-api"] = {"post": {
            "operationId": "checkApi",
            "summary": "Run an API standard's conformance checks against an API",
            "description": "GET requests only, gently rate-limited, never to private or local "
                           "addresses unless the operator allowed them. Header values are sent "
                           "to the API and appear in no report.",
            "requestBody": {"required": True, "content": {"application/json": {"schema": {
                "type": "object", "required": ["standard", "base_url"],
                "additionalProperties": False,
                "properties": {
                    "standard": {"type": "string", "example": "waste-collections-api@1"},
                    "base_url": {"type": "string", "format": "uri"},
                    "probes": {"type": "object", "additionalProperties": {"type": "string"}},
                    "headers": {"type": "object", "additionalProperties": {"type": "string"}},
                },
            }}}},
            "responses": {
                "200": {"description": "The report.", "content": {
                    "application/json": {"schema": {"$ref": _REPORT}}}},
                "400": _problem("The request is malformed, or the address is refused."),
                "404": _problem("No such API standard."),
                "413": _problem("The request body is too large."),
            },
        }}
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "lgstandards validator",
            "version": __version__,
            "description": "Check council data files and APIs against lgstandards standards. "
                           "The reports are lgstandards' JSON report, format version 1.0.",
        },
        "paths": paths,
        "components": {"schemas": {
            "Report": report,
            "Problem": {
                "type": "object", "required": ["title", "status", "detail"],
                "properties": {
                    "type": {"type": "string"}, "title": {"type": "string"},
                    "status": {"type": "integer"}, "detail": {"type": "string"},
                },
            },
        }},
    }
