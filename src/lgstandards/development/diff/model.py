"""The values a diff produces: changes, the diff of two versions, and what version numbers claim."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from lgstandards.errors import LgstandardsError

Breaks = Literal["producers", "consumers", "nobody"]
Bump = Literal["major", "minor", "patch", "none"]
Direction = Literal["data", "request", "response"]

#: The version of the shape `Diff.to_dict` returns, described by schemas/diff.schema.json.
DIFF_FORMAT = "1.0"

BUMPS: tuple[Bump, ...] = ("none", "patch", "minor", "major")
_RANK = {bump: rank for rank, bump in enumerate(BUMPS)}
_VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")


@dataclass(frozen=True)
class Change:
    """One change between two versions: where, what, whom it breaks and the bump it needs."""

    #: A stable id such as "required-added" or "enum-value-removed".
    code: str
    #: The JSON Pointer of the place in the schema (the new side, or the old when removed).
    pointer: str
    #: A sentence for people.
    description: str
    #: Whom it breaks: producers (data valid before is refused), consumers (they may now receive
    #: what they never saw) or nobody.
    breaks: Breaks
    #: What it needs: producers -> major, consumers -> minor (but major for a removed response
    #: field, operation or guarantee), nobody -> patch.
    bump: Bump
    #: Which document the place belongs to: data, or an API's request or response.
    direction: Direction = "data"

    def to_dict(self) -> dict[str, Any]:
        """Return the change as JSON-ready values."""
        return {
            "code": self.code,
            "pointer": self.pointer,
            "description": self.description,
            "breaks": self.breaks,
            "bump": self.bump,
            "direction": self.direction,
        }


@dataclass(frozen=True)
class Diff:
    """Every change between two versions, labelled by where they came from."""

    old: str
    new: str
    changes: tuple[Change, ...]

    @property
    def bump(self) -> Bump:
        """Return the highest bump any change needs: "none" when nothing changed."""
        return highest(c.bump for c in self.changes)

    def to_dict(self) -> dict[str, Any]:
        """Return the diff in the shape of `lgstandards diff --format json`."""
        return {
            "format_version": DIFF_FORMAT,
            "old": self.old,
            "new": self.new,
            "bump": self.bump,
            "changes": [c.to_dict() for c in self.changes],
        }


def highest(bumps: Any) -> Bump:
    """Return the highest of some bumps ("none" for none)."""
    found: Bump = "none"
    for bump in bumps:
        if _RANK[bump] > _RANK[found]:
            found = bump
    return found


def bump_rank(bump: Bump) -> int:
    """Return a bump's place in none < patch < minor < major."""
    return _RANK[bump]


def parse_version(version: str) -> tuple[int, int, int]:
    """Return MAJOR.MINOR.PATCH as integers, or raise ValueError naming the version."""
    match = _VERSION.match(version.strip())
    if not match:
        raise ValueError(f"{version!r} is not a version number MAJOR.MINOR.PATCH, such as '1.2.0'")
    major, minor, patch = (int(part) for part in match.groups())
    return major, minor, patch


def version_bump(old_version: str, new_version: str) -> Bump:
    """Return the bump two version numbers claim; below 1.0.0 the minor counts as the major.

    "none" when the new number is not higher. Raises ValueError for a malformed number.
    """
    old, new = parse_version(old_version), parse_version(new_version)
    if new <= old:
        return "none"
    if new[0] != old[0]:
        return "major"
    if old[0] == 0:
        # 0.x: a new minor may break anything, a new patch may add (as oasdiff and Cargo read it).
        return "major" if new[1] != old[1] else "minor"
    return "minor" if new[1] != old[1] else "patch"


def next_version(old_version: str, bump: Bump) -> str:
    """Return the lowest version number after `old_version` that allows `bump`."""
    major, minor, patch = parse_version(old_version)
    if bump == "major":
        return f"{major + 1}.0.0" if major else f"0.{minor + 1}.0"
    if bump == "minor":
        return f"{major}.{minor + 1}.0" if major else f"0.{minor}.{patch + 1}"
    return f"{major}.{minor}.{patch + 1}"


def number_problem(diff: Diff, old_version: str, new_version: str) -> str | None:
    """Return a sentence when `new_version` is lower than the changes require, else None.

    A number higher than needed is fine; one that is not higher than the old at all is a problem
    only when something changed.
    """
    needed = diff.bump
    claimed = version_bump(old_version, new_version)
    if parse_version(new_version) <= parse_version(old_version):
        if needed == "none":
            return None
        return (f"{new_version} is not higher than {old_version}, but the changes need a "
                f"{needed} release: number it {next_version(old_version, needed)} or higher.")
    if _RANK[claimed] >= _RANK[needed]:
        return None
    worst = [c for c in diff.changes if c.bump == needed]
    example = worst[0]
    return (
        f"{new_version} claims a {claimed} release after {old_version}, but {len(worst)} "
        f"change{'s' if len(worst) != 1 else ''} need{'' if len(worst) != 1 else 's'} a "
        f"{needed} one, such as {example.code} at {example.pointer}: number it "
        f"{next_version(old_version, needed)} or higher."
    )


class DiffError(LgstandardsError):
    """Two documents cannot be compared: unreadable, not a schema, or a `$ref` that goes nowhere."""


#: Changes that, in an API's responses, take away something clients relied on: a field, a
#: guarantee that it is present or of one type, a header or a media type. oasdiff rates these as
#: breaking for clients, so they need a major version although they only loosen the response.
RESPONSE_GUARANTEES = frozenset({
    "property-removed", "required-removed", "type-widened", "type-removed", "null-added",
    "enum-removed", "response-header-removed", "response-header-became-optional",
})


def bump_for(code: str, breaks: Breaks, direction: Direction) -> Bump:
    """Return the bump the versioning policy asks of one change."""
    if breaks == "producers":
        return "major"
    if breaks == "nobody":
        return "patch"
    if direction == "response" and code in RESPONSE_GUARANTEES:
        return "major"
    return "minor"


def unique_changes(changes: Iterable[Change]) -> tuple[Change, ...]:
    """Return changes without repeats of one code at one place, the weightiest kept.

    A definition reached through several `$ref`s is compared at each; its changes are one each,
    in the order first found.
    """
    kept: dict[tuple[str, str, str], Change] = {}
    for change in changes:
        key = (change.code, change.pointer, change.direction)
        # A place reached by several routes keeps what it does on the route where it matters.
        if key not in kept or _RANK[change.bump] > _RANK[kept[key].bump]:
            kept[key] = change
    return tuple(kept.values())


def diff_schema() -> dict[str, Any]:
    """Return the JSON Schema of `Diff.to_dict` (and of `lgstandards diff --format json`)."""
    import json
    from importlib import resources

    text = resources.files("lgstandards").joinpath("schemas/diff.schema.json").read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema
