"""TEMPORARY stand-in for the dev-diff engine; never committed."""
from __future__ import annotations
from dataclasses import dataclass
from typing import Any, Literal
Bump = Literal["major", "minor", "patch", "none"]
_R = {"none": 0, "patch": 1, "minor": 2, "major": 3}
@dataclass(frozen=True)
class Change:
    code: str
    pointer: str
    description: str
    breaks: str
    bump: Bump
    direction: str = "data"
@dataclass(frozen=True)
class Diff:
    old: str
    new: str
    changes: tuple[Change, ...]
    @property
    def bump(self) -> Bump:
        return max((c.bump for c in self.changes), key=lambda b: _R[b], default="none")
    def to_dict(self) -> dict[str, Any]:
        return {}
def diff_versions(old: Any, new: Any, cat: Any = None) -> Diff:
    o, n = old.schema, new.schema
    ch = []
    for r in set(n.get("required", [])) - set(o.get("required", [])):
        ch.append(Change("required-added", f"/properties/{r}", f"{r} is now required", "producers", "major"))
    for p in set(n.get("properties", {})) - set(o.get("properties", {})):
        ch.append(Change("property-added", f"/properties/{p}", f"{p} added", "consumers", "minor"))
    return Diff(old.ref, new.ref, tuple(ch))
def version_bump(a: str, b: str) -> Bump:
    x = [int(i) for i in a.split(".")]; y = [int(i) for i in b.split(".")]
    return "major" if x[0] != y[0] else "minor" if x[1] != y[1] else "patch" if x[2] != y[2] else "none"
def number_problem(diff: Diff, a: str, b: str) -> str | None:
    if _R[version_bump(a, b)] < _R[diff.bump]:
        return f"{b} is a {version_bump(a, b)} release but the changes since {a} need a {diff.bump} release"
    return None
