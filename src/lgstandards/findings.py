"""Findings: immutable values that say what is wrong with the data, and exactly where."""

from __future__ import annotations

import dataclasses
import enum
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any, TypeVar

K = TypeVar("K")
V = TypeVar("V")


def frozen(values: Mapping[K, V] | None = None) -> Mapping[K, V]:
    """Return a read-only copy of a mapping, for the fields of immutable values."""
    return MappingProxyType(dict(values or {}))


class Severity(enum.StrEnum):
    """How much a finding matters: an error breaks conformance, a warning and info do not."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Return a number that orders severities, higher meaning worse."""
        return _RANK[self]


_RANK = {Severity.INFO: 0, Severity.WARNING: 1, Severity.ERROR: 2}


@dataclass(frozen=True, slots=True)
class SourceLocation:
    """Where in the input a finding points: file, record, and line/column or spreadsheet cell."""

    path: str | None = None
    record: int | None = None
    line: int | None = None
    column: int | None = None
    row: int | None = None
    column_letter: str | None = None
    header: str | None = None

    def describe(self) -> str:
        """Return the location as people write it, such as 'data.csv row 4, column C (postcode)'."""
        parts: list[str] = [self.path or "<input>"]
        if self.row is not None:
            cell = f"row {self.row}"
            if self.column_letter:
                cell += f", column {self.column_letter}"
                if self.header:
                    cell += f" ({self.header})"
            parts.append(cell)
        elif self.line is not None:
            parts.append(f"line {self.line}" + (f", column {self.column}" if self.column else ""))
        if self.record is not None and self.row is None:
            parts.append(f"record {self.record}")
        return " ".join([parts[0], ", ".join(parts[1:])]).strip() if len(parts) > 1 else parts[0]


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing found wrong (or worth knowing) about the input, with a stable code."""

    code: str
    severity: Severity
    message: str
    pointer: str = ""
    field: str | None = None
    schema_path: str | None = None
    location: SourceLocation = dataclasses.field(default_factory=SourceLocation)
    value: Any = None
    #: What to do about this finding in particular, when the check that made it knows more than
    #: its code's general fix (an API check knows the status it got and the one it wanted).
    advice: str | None = None

    @property
    def category(self) -> str:
        """Return the code's category, the part before the first dot (schema, source, waste ...)."""
        return self.code.partition(".")[0]

    def with_location(self, location: SourceLocation) -> Finding:
        """Return a copy of this finding placed at another source location."""
        return Finding(
            self.code,
            self.severity,
            self.message,
            self.pointer,
            self.field,
            self.schema_path,
            location,
            self.value,
            self.advice,
        )


@functools.lru_cache(maxsize=4096)
def pointer_template(pointer: str) -> str:
    """Return the pointer with array indices replaced by '*', so findings on many records group."""
    # Cached: each finding's is asked for when it is placed and again when reports group it,
    # and a file's findings share a few hundred pointers at most.
    return "/".join("*" if part.isdigit() else part for part in pointer.split("/"))


def escape_pointer_part(part: str | int) -> str:
    """Escape one JSON Pointer reference token (RFC 6901)."""
    return str(part).replace("~", "~0").replace("/", "~1")


def join_pointer(parts: Any) -> str:
    """Build a JSON Pointer from a sequence of keys and indices."""
    return "".join("/" + escape_pointer_part(p) for p in parts)


def split_pointer(pointer: str) -> list[str]:
    """Split a JSON Pointer into its unescaped reference tokens."""
    if not pointer:
        return []
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
