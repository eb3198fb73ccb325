"""Helpers the planning conversion tests share: the register's valid examples and a diff."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from lgstandards.conformance import Checker
from lgstandards.conversions.carried import template
from lgstandards.rules import RuleOptions
from lgstandards.sources import Source, detect_format

REPO = Path(__file__).resolve().parents[1]
REAL = REPO / "tests" / "data" / "real"
EXAMPLES = REPO / "standards" / "planning-application-register" / "2.0.0" / "examples"
REGISTER = Checker.for_standard(
    "planning-application-register@2", options=RuleOptions(), allow_draft=True
)


def valid_records() -> list[dict[str, Any]]:
    """Return every record of the 2.0.0 valid examples, the CSV's included."""
    found: list[dict[str, Any]] = []
    for path in sorted((EXAMPLES / "valid").iterdir()):
        source = Source(str(path), detect_format(str(path)), path=path,
                        tabular=REGISTER.tabular)
        found.extend(item.data for item in source.items() if hasattr(item, "data"))
    return found


def _leaves(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[Any, Any]]:
    """Yield (path, value) for each leaf, lists of scalars counting as one leaf."""
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _leaves(inner, (*path, key))
    elif isinstance(value, list) and value and isinstance(value[0], dict | list):
        for index, inner in enumerate(value):
            yield from _leaves(inner, (*path, index))
    else:
        yield path, value


def lost(before: Any, after: Any) -> set[str]:
    """Return the places (as templates) whose values `after` lost or changed."""
    old, new = dict(_leaves(before)), dict(_leaves(after))
    return {template(path) for path, value in old.items() if new.get(path) != value}


def covered(place: str, reported: set[str]) -> bool:
    """Return whether a place lost was reported: itself, a place above it or one inside it."""
    return any(
        place == r or place.startswith(r + "/") or r.startswith(place + "/") for r in reported
    )
