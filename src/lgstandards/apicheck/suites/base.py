"""What every suite is made of: steps, probe values, and the marker on what a run writes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from lgstandards.apicheck.checks import Level, Outcome, Run

CORE, EXTENDED = Level.CORE, Level.EXTENDED

#: Text that marks anything a conformance run writes, so a council can find and delete it.
MARKER = "lgstandards conformance test: please ignore"


@dataclass(frozen=True)
class Step:
    """One step of a suite: the operation it checks, whether it writes, and the function."""

    operation: str
    check: Callable[[Run], Iterator[Outcome]]
    writes: bool = False


@dataclass(frozen=True)
class Probe:
    """A value the suite needs from the server's own data, with a default when one is safe."""

    name: str
    description: str
    default: str | None = None


def json_items(body: Any) -> list[dict[str, Any]]:
    """Return the objects in a JSON list, or none if it is not a list."""
    return [i for i in body if isinstance(i, dict)] if isinstance(body, list) else []
