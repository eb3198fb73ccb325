"""Upgrade data from one major version of a standard to the next, through shipped migrations."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class UpgradeNote:
    """Something a migration did to a record that its publisher should know, lossy or not."""

    pointer: str
    message: str
    lossy: bool = False


@dataclass(frozen=True)
class Upgraded:
    """A record after one migration, with the notes that migration made about it."""

    record: dict[str, Any]
    notes: tuple[UpgradeNote, ...] = ()


@dataclass(frozen=True)
class Migration:
    """How records of one major version of a standard become records of the next."""

    standard: str
    from_major: int
    to_major: int
    summary: str
    # Pure: it builds a new record and never mutates the one it is given.
    migrate: Callable[[Mapping[str, Any]], Upgraded]
