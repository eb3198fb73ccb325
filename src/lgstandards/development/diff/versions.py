"""Whole versions compared: the schema, the codelists and, for an API standard, its OpenAPI."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from lgstandards.development.diff.codelists import codelist_changes
from lgstandards.development.diff.documents import Input, document_version, version_documents
from lgstandards.development.diff.model import (
    Breaks,
    Change,
    Diff,
    DiffError,
    bump_for,
    unique_changes,
)
from lgstandards.development.diff.openapi import diff_openapi
from lgstandards.development.diff.schemas import SchemaComparer
from lgstandards.development.diff.views import Place
from lgstandards.registry import Catalogue, StandardVersion

#: What changes in an OpenAPI document are prefixed with, so they are told from the schema's.
OPENAPI_PREFIX = "openapi.json#"


def diff_versions(old: StandardVersion, new: StandardVersion, cat: Catalogue | None = None
                  ) -> Diff:
    """Return every change between two versions: schema, codelists and OpenAPI document.

    Schema changes have plain JSON Pointers; codelist changes are `codelists/<file>#<pointer>`
    and OpenAPI changes `openapi.json#<pointer>`. Other standards a version refers to (such as
    `common`) are read from the same registry folder, never fetched.
    """
    root = cat.root if cat is not None else old.folder.parent.parent
    try:
        old_schema, old_api = version_documents(old, root)
        new_schema, new_api = version_documents(new, root)
    except RecursionError:
        raise DiffError(f"{old.ref} or {new.ref} is nested too deeply to read") from None
    changes: list[Change] = []
    if old_schema is not None and new_schema is not None:
        changes.extend(diff_schemas_of(old_schema, new_schema, old.ref, new.ref))
    elif old_schema is not None or new_schema is not None:
        added = new_schema is not None
        breaks: Breaks = "consumers" if added else "producers"
        changes.append(Change(
            "schema-added" if added else "schema-removed", "schema.json#",
            "schema.json was " + ("added" if added else "removed"), breaks,
            bump_for("schema-added" if added else "schema-removed", breaks, "data")))
    changes.extend(codelist_changes(old, new))
    if old_api is not None and new_api is not None:
        changes.extend(diff_openapi(old_api, new_api, old_label=old.ref, new_label=new.ref,
                                    prefix=OPENAPI_PREFIX).changes)
    elif old_api is not None or new_api is not None:
        added = new_api is not None
        code = "openapi-added" if added else "openapi-removed"
        breaks = "consumers" if added else "producers"
        changes.append(Change(code, OPENAPI_PREFIX, "openapi.json was "
                              + ("added: the standard now defines an API" if added else
                                 "removed: the standard no longer defines an API"),
                              breaks, bump_for(code, breaks, "request"), "request"))
    return Diff(old.ref, new.ref, unique_changes(changes))


def diff_inputs(old: Input, new: Input, cat: Catalogue | None = None) -> Diff:
    """Return the diff of two inputs of `lgstandards diff`: versions, or files of one kind."""
    if old.standard is not None and new.standard is not None:
        return diff_versions(old.standard, new.standard, cat)
    old_schema, old_api = _documents(old, cat)
    new_schema, new_api = _documents(new, cat)
    if old_api is not None and new_api is not None:
        return diff_openapi(old_api, new_api, old_label=old.label, new_label=new.label)
    if old_schema is not None and new_schema is not None:
        return Diff(old.label, new.label, unique_changes(
            diff_schemas_of(old_schema, new_schema, old.label, new.label)))
    raise DiffError(f"cannot compare {old.label} ({old.kind}) with {new.label} ({new.kind}): "
                    "give two JSON Schemas, two OpenAPI documents or two standard versions")


def diff_schemas_of(old: Mapping[str, Any], new: Mapping[str, Any], old_label: str,
                    new_label: str, *, annotations: Iterable[str] = ()) -> list[Change]:
    """Return the changes between two self-contained schemas, in the order found."""
    comparer = SchemaComparer(old, new, annotations=annotations, labels=(old_label, new_label))
    try:
        comparer.compare(old, (), new, (), Place())
    except RecursionError:
        raise DiffError(f"{old_label} or {new_label} is nested too deeply to compare") from None
    return comparer.changes


def _documents(given: Input, cat: Catalogue | None
               ) -> tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]:
    """Return an input's self-contained schema and OpenAPI document."""
    if given.standard is None:
        return given.schema, given.openapi
    root = cat.root if cat is not None else given.standard.folder.parent.parent
    return version_documents(given.standard, root)


__all__ = ["OPENAPI_PREFIX", "diff_inputs", "diff_openapi", "diff_schemas_of", "diff_versions",
           "document_version", "unique_changes"]
