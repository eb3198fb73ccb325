"""Advice: what a standard recommends beyond what its schema requires, reported as warnings.

A standard version may give, beside the schema that decides conformance, an *advice schema*:
the stricter shape it recommends, which real data and real servers need not meet yet (numbers
written as numbers, not as the text XML left behind). `schema.json` names the advice for its
root record with `x-lgstandards-advice`, and an API's `openapi.json` names the advice for a
response body the same way, beside the body's schema. Each place in an advice schema may say
what to do when a value breaks it (`x-advice`), so a warning tells people what to change there.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from typing import Any
from urllib.parse import unquote, urldefrag, urljoin

from lgstandards.findings import Finding, split_pointer
from lgstandards.validation import SchemaValidator

#: The key naming an advice schema: at the root of a schema.json, or on an OpenAPI media type.
ADVICE_KEY = "x-lgstandards-advice"

#: The key of a sentence saying what to do when a value breaks the advice at that place.
NOTE_KEY = "x-advice"

#: Steps of a schema path that move to another place in the instance; `$ref` and the
#: applicators (allOf, anyOf, ...) stay at the same place.
_INSTANCE_STEPS = frozenset({"properties", "items", "prefixItems", "additionalProperties",
                             "patternProperties"})


class Advisor:
    """One advice schema, compiled once, that turns what breaks it into findings with advice."""

    def __init__(self, uri: str, resources: Iterable[tuple[str, Mapping[str, Any]]]) -> None:
        """Compile the advice schema at `uri` (with its fragment), resolving refs offline."""
        self.uri = uri
        self.documents = dict(resources)
        # The catalogue's schemas, checked by `lint`: the reference engine waits until needed.
        self.validator = SchemaValidator({"$ref": uri}, self.documents.items(), checked=True)
        self._notes: dict[str, str | None] = {}

    def findings(self, instance: Any) -> list[Finding]:
        """Return a finding for each place where the instance breaks the advice."""
        if self.validator.is_valid(instance):
            return []
        return [dataclasses.replace(f, advice=self.note(f.schema_path or ""))
                for f in self.validator.findings(instance)]

    def note(self, schema_path: str) -> str | None:
        """Return the x-advice of the place a failing keyword's schema path ends at, if any."""
        if schema_path not in self._notes:
            self._notes[schema_path] = _note(self.uri, self.documents, schema_path)
        return self._notes[schema_path]


def _note(root: str, docs: Mapping[str, Any], schema_path: str) -> str | None:
    """Walk a schema path (through `$ref`s) and return the last x-advice at its instance place."""
    node: Any = {"$ref": root}
    base = ""
    found: str | None = None
    parts = split_pointer(schema_path)[:-1]  # The last part is the failing keyword itself.
    index = 0
    while index < len(parts):
        part = parts[index]
        if part == "$ref" and isinstance(node, dict) and isinstance(node.get("$ref"), str):
            target = urljoin(base, node["$ref"])
            uri, fragment = urldefrag(target)
            document = docs.get(uri)
            if document is None:
                return found
            # A fragment is percent-encoded in a URI ("{" is %7B): the pointer is not.
            base, node = uri, _pointer(document, unquote(fragment))
        elif part in _INSTANCE_STEPS:
            # The instance moves deeper: advice found so far was about the place above.
            found = None
            node = node.get(part) if isinstance(node, dict) else None
            if part in ("properties", "patternProperties") and index + 1 < len(parts):
                index += 1
                node = node.get(parts[index]) if isinstance(node, dict) else None
        else:
            node = node.get(part) if isinstance(node, dict) else (
                node[int(part)] if isinstance(node, list) and part.isdigit()
                and int(part) < len(node) else None)
        if isinstance(node, dict) and isinstance(node.get(NOTE_KEY), str):
            found = node[NOTE_KEY]
        if node is None:
            return found
        index += 1
    return found


def _pointer(document: Any, fragment: str) -> Any:
    """Return the node a fragment's JSON Pointer names in a document, or None."""
    node = document
    for part in split_pointer(fragment):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node
