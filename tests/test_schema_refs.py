"""`$ref`s in the catalogue resolve without `referencing` exactly as they do with it."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from lgstandards.registry import catalogue
from lgstandards.validation import SchemaValidator, _PlainResolver

SCHEMAS = list(catalogue().schemas())


def _refs(node: Any) -> Iterator[str]:
    """Yield every `$ref` in a schema document."""
    if isinstance(node, dict):
        if isinstance(node.get("$ref"), str):
            yield node["$ref"]
        for value in node.values():
            yield from _refs(value)
    elif isinstance(node, list):
        for value in node:
            yield from _refs(value)


def test_every_ref_resolves_as_referencing_resolves_it() -> None:
    """Each `$ref` of each document, and each `$ref` inside its target, names the same node."""
    root = SCHEMAS[0][1]
    validator = SchemaValidator(root, SCHEMAS, checked=True)
    plain = validator._resolver
    assert isinstance(plain, _PlainResolver)
    full = validator._registry()
    checked = 0
    for uri, document in SCHEMAS:
        for ref in _refs(document):
            ours = plain.lookup(uri).resolver.lookup(ref)
            theirs = full.resolver(base_uri=uri).lookup(ref)
            assert ours.contents is theirs.contents, (uri, ref)
            for inner in _refs(ours.contents):
                assert (ours.resolver.lookup(inner).contents
                        is theirs.resolver.lookup(inner).contents), (uri, ref, inner)
            checked += 1
    assert checked > 300


@pytest.mark.parametrize("ref", ["#/$defs/nothing-here", "#an-anchor", "other.json#/x"])
def test_a_ref_to_nothing_is_unresolvable_as_before(ref: str) -> None:
    """What cannot be resolved raises what `referencing` raises, and is caught as before."""
    from referencing.exceptions import Unresolvable

    document = SCHEMAS[0][1]
    validator = SchemaValidator(document, SCHEMAS, checked=True)
    with pytest.raises(Unresolvable):
        validator._resolver.lookup(ref)
