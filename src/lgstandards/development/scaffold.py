"""`lgstandards new`: a new standard's files, a draft that passes lint and its examples at once.

The scaffold is a starting point that already follows the house rules: a manifest with one draft
version, a 2020-12 schema with `$id` and `$schema`, one closed codelist, valid and invalid
examples with their exact expected findings, a docs page and a changelog. Authors replace the
example fields with their own and keep every check green as they go.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

from lgstandards.development.manifest_file import dump_manifest
from lgstandards.errors import LgstandardsError
from lgstandards.files import write_text
from lgstandards.lint import DIALECT
from lgstandards.registry import Catalogue

Kind = Literal["data", "api"]

#: A standard's id: lower-case words and digits joined by hyphens, starting with a letter.
ID_PATTERN = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")

#: The longest id accepted: it appears in every URL of the standard.
MAX_ID_LENGTH = 64

#: Names that cannot be standards because the published tree (or the standards folder, for
#: extensions, profiles and TypeScript types) uses them for itself.
RESERVED_IDS = frozenset({"assets", "latest", "extensions", "profiles", "types"})

#: The first version of a new standard.
FIRST_VERSION = "1.0.0"

#: The owner and contact of a standard the lgstandards maintainers own.
DEFAULT_OWNER = "lgstandards"
DEFAULT_CONTACT = (
    "An issue in the lgstandards repository, opened with the change-proposal template"
)

#: The property every data standard gives `$schema`, the schema a record says it follows.
SCHEMA_PROPERTY: Mapping[str, Any] = MappingProxyType({
    "title": "Schema",
    "description": (
        "The URI of the schema this record follows: a version of this standard, or an extension "
        "or profile of it. Validators may use it to choose the version."
    ),
    "type": "string",
    # `format: uri` is not one of lint's portable formats, so a pattern says the same.
    "pattern": "^https?://",
})


class ScaffoldError(LgstandardsError):
    """The standard cannot be created: a bad or taken id, or a file that cannot be written."""


@dataclass(frozen=True)
class NewStandard:
    """What to scaffold: the id, its kind, and the words that describe and own it."""

    id: str
    kind: Kind = "data"
    title: str | None = None
    description: str | None = None
    owner: str = DEFAULT_OWNER
    owner_contact: str = DEFAULT_CONTACT

    @property
    def name(self) -> str:
        """Return the standard's title, from the id when none was given."""
        return self.title or self.id.replace("-", " ").capitalize()

    @property
    def summary(self) -> str:
        """Return the standard's description, with a placeholder to replace when none was given."""
        return self.description or (
            f"What one {self.name.lower()} record says, and who publishes it: replace this "
            "sentence before the standard becomes a candidate."
        )


def id_problem(standard_id: str) -> str | None:
    """Return why a string cannot be a standard's id, or None when it can."""
    if not ID_PATTERN.match(standard_id):
        return (f"{standard_id!r} is not a standard id: use lower-case words and digits joined "
                "by hyphens, starting with a letter, such as 'garden-waste-subscription'")
    if len(standard_id) > MAX_ID_LENGTH:
        return f"{standard_id!r} is longer than {MAX_ID_LENGTH} characters"
    if standard_id in RESERVED_IDS:
        return f"{standard_id!r} is reserved: the published registry uses that name for itself"
    return None


def _json(value: Any) -> str:
    """Return JSON text as the registry writes it: two-space indent, final newline."""
    return json.dumps(value, indent=2, ensure_ascii=False) + "\n"


def _schema(spec: NewStandard, uri: str) -> dict[str, Any]:
    """Return the first version's schema."""
    schema: dict[str, Any] = {
        "$schema": DIALECT,
        "$id": uri,
        "title": spec.name,
        "description": (
            f"One {spec.name.lower()} record. The fields here are examples to replace: keep "
            "$schema, give every field a title and a description, and close every object."
        ),
        "type": "object",
        "properties": {
            "$schema": dict(SCHEMA_PROPERTY),
            "id": {
                "title": "Identifier",
                "description": "The publisher's identifier for the record, stable over time.",
                "type": "string",
                "pattern": "^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$",
                "x-expected": "letters, digits, '.', '_' or '-', up to 64 characters, such as "
                "'REC-0001'",
            },
            "name": {
                "title": "Name",
                "description": "What the record is called, as people say it.",
                "type": "string",
                "minLength": 1,
                "maxLength": 200,
            },
            "category": {
                "title": "Category",
                "description": "What kind of record this is, from the category codelist.",
                "type": "string",
                "enum": ["example", "other"],
                "x-codelist": "codelists/category.json",
            },
            "extensions": {
                "title": "Extensions",
                "description": (
                    "Local additions that this standard does not define. Name each key after "
                    "the publisher or product, so that two additions cannot clash. Validators "
                    "do not check what is inside."
                ),
                "type": "object",
            },
        },
        "required": ["id", "name", "category"],
        "additionalProperties": False,
    }
    if spec.kind == "api":
        schema["$defs"] = {"problem": {
            "title": "Problem",
            "description": "An error, as RFC 9457 problem details.",
            "type": "object",
            "properties": {
                "type": {"title": "Type", "description": "A URI naming the kind of problem.",
                         "type": "string"},
                "title": {"title": "Title", "description": "The kind of problem, in words.",
                          "type": "string"},
                "status": {"title": "Status", "description": "The HTTP status code.",
                           "type": "integer", "minimum": 400, "maximum": 599},
                "detail": {"title": "Detail", "description": "This occurrence, in words.",
                           "type": "string"},
            },
            "required": ["title", "status"],
            "additionalProperties": True,
        }}
    return schema


def _openapi(spec: NewStandard, licence: str) -> dict[str, Any]:
    """Return the first version's OpenAPI document, for an API standard."""
    problem = {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": DIALECT,
        "info": {
            "title": spec.name,
            "version": FIRST_VERSION,
            "summary": f"The {spec.name} API.",
            "description": spec.summary,
            "license": {"name": licence, "identifier": licence},
        },
        "servers": [{"url": f"https://council.example.gov.uk/{spec.id}",
                     "description": "An example council's address; each council publishes its "
                     "own."}],
        "paths": {"/records/{id}": {"get": {
            "operationId": "getRecord",
            "summary": "Get one record",
            "parameters": [{"name": "id", "in": "path", "required": True,
                            "description": "The record's identifier.",
                            "schema": {"type": "string"}}],
            "responses": {
                "200": {"description": "The record.",
                        "content": {"application/json": {"schema": {"$ref": "schema.json"}}}},
                "404": {"description": "No record has that identifier.", "content": problem},
                "default": {"description": "Any other error.", "content": problem},
            },
        }}},
        "components": {"schemas": {"Problem": {"$ref": "schema.json#/$defs/problem"}}},
    }


def _codelist() -> dict[str, Any]:
    """Return the example codelist."""
    return {
        "id": "category",
        "title": "Categories",
        "description": "What kind of record it is. Closed: the schema allows these codes only.",
        "open": False,
        "codes": [
            {"code": "example", "title": "Example", "description": "A record that shows the "
             "shape of the data."},
            {"code": "other", "title": "Other", "description": "Any other kind of record."},
        ],
    }


def _docs_page(spec: NewStandard, uri: str, licence: str) -> str:
    """Return the standard's docs page."""
    return f"""# {spec.name}

`{spec.id}` {FIRST_VERSION} · draft · licence {licence} ·
schema `{uri}`

## Purpose

{spec.summary}

Owner: {spec.owner} ({spec.owner_contact})

## Fields

| Field | Type | Required | Description |
|---|---|---|---|
| `$schema` | string (URI) | no | The URI of the schema this record follows. |
| `id` | string | yes | The publisher's identifier for the record, stable over time. |
| `name` | string | yes | What the record is called, as people say it. |
| `category` | code | yes | What kind of record this is: `example` or `other`. |
| `extensions` | object | no | Local additions that this standard does not define. |

## Checking data

```sh
lgstandards validate --standard {spec.id}@{FIRST_VERSION} --draft your-file.json
```

The examples in `standards/{spec.id}/{FIRST_VERSION}/examples/` show valid data and the findings
invalid data gives. See the [changelog](../standards/{spec.id}/CHANGELOG.md) for what changed.
"""


def _changelog(spec: NewStandard, uri: str) -> str:
    """Return the standard's changelog, with the first version's section undated."""
    what = "API" if spec.kind == "api" else "data"
    return f"""# Changelog

All notable changes to the {spec.name.lower()} {what} standard are recorded here.
The format follows [Keep a Changelog](https://keepachangelog.com/en/1.1.0/), and versions follow
[Semantic Versioning](https://semver.org/spec/v2.0.0.html) applied to the data: a version that
rejects data the previous version accepted is a new major version.

## [{FIRST_VERSION}] - Unreleased

### Added

- First version: `id`, `name`, `category` (codelist `category`, closed), `extensions` and
  `$schema`.

[{FIRST_VERSION}]: {uri}
"""


def scaffold_files(spec: NewStandard, base_uri: str, *, licence: str = "OGL-UK-3.0"
                   ) -> dict[str, str]:
    """Return every file of a new standard by path: `standards/...` and `docs/...`."""
    uri = f"{base_uri}{spec.id}/{FIRST_VERSION}/schema.json"
    folder = f"standards/{spec.id}/{FIRST_VERSION}"
    manifest = {
        "id": spec.id,
        "title": spec.name,
        "description": spec.summary,
        "owner": spec.owner,
        "owner_contact": spec.owner_contact,
        "licence": licence,
        "kind": spec.kind,
        "versions": [{"version": FIRST_VERSION, "status": "draft"}],
    }
    files = {
        f"standards/{spec.id}/standard.json": dump_manifest(manifest),
        f"standards/{spec.id}/CHANGELOG.md": _changelog(spec, uri),
        f"{folder}/schema.json": _json(_schema(spec, uri)),
        f"{folder}/codelists/category.json": _json(_codelist()),
        f"{folder}/examples/valid/minimal.json": _json(
            {"$schema": uri, "id": "REC-0001", "name": "An example record",
             "category": "example"}),
        f"{folder}/examples/valid/with-extensions.json": _json(
            {"id": "REC-0002", "name": "Another record", "category": "other",
             "extensions": {"example_council_ward": "Central"}}),
        f"{folder}/examples/invalid/missing-name.json": _json(
            {"id": "REC-0003", "category": "example"}),
        f"{folder}/examples/invalid/missing-name.findings.json": _json(
            [{"code": "schema.required", "pointer": "/name"}]),
        f"{folder}/examples/invalid/unknown-category.json": _json(
            {"id": "REC-0004", "name": "A record", "category": "unknown"}),
        f"{folder}/examples/invalid/unknown-category.findings.json": _json(
            [{"code": "schema.enum", "pointer": "/category"}]),
        f"docs/{spec.id}.md": _docs_page(spec, uri, licence),
    }
    if spec.kind == "api":
        files[f"{folder}/openapi.json"] = _json(_openapi(spec, licence))
    return files


def create_standard(cat: Catalogue, spec: NewStandard, *, docs_dir: Path | None = None
                    ) -> tuple[Path, ...]:
    """Write a new standard into a catalogue's folder and its docs page; return the paths written.

    `docs_dir` defaults to the `docs` folder beside the standards folder. Nothing is written when
    the id is bad or taken, or when one of the files already exists.
    """
    problem = id_problem(spec.id)
    if problem is not None:
        raise ScaffoldError(problem)
    if any(m.id == spec.id for m in cat) or (cat.root / spec.id).exists():
        raise ScaffoldError(f"there is already a standard {spec.id!r} in {cat.root}: choose "
                            "another id, or release a new version of it with `lgstandards "
                            "release`")
    docs = docs_dir if docs_dir is not None else cat.root.parent / "docs"
    places = {"standards": cat.root, "docs": docs}
    targets = {
        places[relative.partition("/")[0]] / relative.partition("/")[2]: text
        for relative, text in scaffold_files(spec, cat.base_uri).items()
    }
    taken = [str(path) for path in targets if path.exists()]
    if taken:
        raise ScaffoldError(f"{', '.join(taken)} already exist{'s' if len(taken) == 1 else ''}: "
                            "nothing was written")
    written: list[Path] = []
    try:
        for path, text in targets.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            write_text(path, text)
            written.append(path)
    except OSError as exc:
        raise ScaffoldError(f"cannot write {exc.filename}: {exc.strerror}") from None
    return tuple(written)
