"""Codelist changes between two versions: codes added and removed, lists opened and closed.

A closed codelist is also an `enum` in the schema, where the schema engine already reports each
code; its codes are reported here only when no enum carries the list. A code added to or removed
from an *open* list changes no verdict (values outside an open list only give a warning), so it
breaks nobody: a patch, as OCDS rates it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lgstandards.development.diff.model import Breaks, Change, bump_for
from lgstandards.publish import subschemas
from lgstandards.registry import Codelist, StandardVersion


def _enumerated(schema: Mapping[str, Any]) -> frozenset[str]:
    """Return the codelists a schema also writes out as an `enum`."""
    return frozenset(
        node["x-codelist"] for _, node in subschemas(schema)
        if isinstance(node, dict) and isinstance(node.get("x-codelist"), str) and "enum" in node
    )


def _change(code: str, pointer: str, description: str, breaks: Breaks) -> Change:
    """Return a change of the data direction with the bump the policy gives it."""
    return Change(code, pointer, description, breaks, bump_for(code, breaks, "data"))


def codelist_changes(old: StandardVersion, new: StandardVersion) -> list[Change]:
    """Return every change between the codelists of two versions."""
    old_schema = old.schema if old.schema_path.is_file() else {}
    new_schema = new.schema if new.schema_path.is_file() else {}
    in_schema = _enumerated(old_schema) | _enumerated(new_schema)
    changes: list[Change] = []
    for name in sorted(set(old.codelists) | set(new.codelists)):
        before, after = old.codelists.get(name), new.codelists.get(name)
        if before is None:
            assert after is not None
            changes.append(_change("codelist-added", f"{name}#", f"{name}: a new codelist, "
                                   f"{after.title!r}, with {len(after.codes)} codes", "nobody"))
        elif after is None:
            changes.append(_change("codelist-removed", f"{name}#", f"{name}: the codelist "
                                   f"{before.title!r} was removed (the schema's changes say what "
                                   "that means for data)", "nobody"))
        else:
            changes.extend(_compare(name, before, after, name in in_schema))
    return changes


def _compare(name: str, before: Codelist, after: Codelist, enumerated: bool) -> list[Change]:
    """Return the changes within one codelist."""
    changes: list[Change] = []
    if before.open and not after.open:
        changes.append(_change("codelist-closed", f"{name}#/open", f"{name}: the codelist is now "
                               "closed: values outside it are refused", "producers"))
    elif after.open and not before.open:
        changes.append(_change("codelist-opened", f"{name}#/open", f"{name}: the codelist is now "
                               "open: values outside it are allowed with a warning",
                               "consumers"))
    old_codes = {str(c.get("code")): (i, c) for i, c in enumerate(before.codes)}
    new_codes = {str(c.get("code")): (i, c) for i, c in enumerate(after.codes)}
    # A closed list that the schema writes as an enum has its codes reported there, once.
    silent = enumerated and not after.open and not before.open
    for code, (index, _) in old_codes.items():
        if code not in new_codes and not silent:
            breaks: Breaks = "nobody" if after.open else "producers"
            changes.append(_change(
                "codelist-code-removed", f"{name}#/codes/{index}",
                f"{name}: the code {code!r} was removed"
                + (" (values outside an open codelist only give a warning)" if after.open
                   else ": data using it is now refused"), breaks))
    for code, (index, _) in new_codes.items():
        if code not in old_codes and not silent:
            breaks = "nobody" if after.open else "consumers"
            changes.append(_change(
                "codelist-code-added", f"{name}#/codes/{index}",
                f"{name}: the code {code!r} was added"
                + (" to an open codelist, where it was already allowed with a warning"
                   if after.open else ""), breaks))
    for code, (index, entry) in new_codes.items():
        if code in old_codes and dict(old_codes[code][1]) != dict(entry):
            changes.append(_change("codelist-code-changed", f"{name}#/codes/{index}",
                                   f"{name}: the title or description of {code!r} changed",
                                   "nobody"))
    if (before.title, before.id) != (after.title, after.id):
        changes.append(_change("annotation-changed", f"{name}#/title",
                               f"{name}: the codelist's id or title changed", "nobody"))
    return changes
