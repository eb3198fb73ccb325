"""Keeping count of what a conversion carried across, so that nothing is left out silently.

A converter marks each place of the input it read (`Carried.take`); afterwards every part of the
input that holds nothing it read is a field not carried. Reports group those by place, with
array indices as '*', so a file of a thousand records says once that `data/caseOfficer` was
not carried, and in how many records.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from lgstandards.findings import Finding, Severity, SourceLocation, escape_pointer_part

Path = tuple[str | int, ...]


def template(path: Path) -> str:
    """Return a path as a JSON Pointer with list indices written '*'."""
    return "".join("/*" if isinstance(p, int) else "/" + escape_pointer_part(p) for p in path)


@dataclass
class Carried:
    """The places of one input record a conversion read."""

    taken: set[Path] = field(default_factory=set)
    _within: set[Path] = field(default_factory=set)

    def take(self, path: Path) -> None:
        """Mark a place (and so everything inside it) as carried."""
        self.taken.add(path)
        for end in range(len(path)):
            self._within.add(path[:end])

    def left(self, value: Any, path: Path = ()) -> Iterator[Path]:
        """Yield the places holding nothing that was carried, largest first."""
        if path in self.taken:
            return
        if path not in self._within:
            if value not in (None, "", [], {}):
                yield path
            return
        if isinstance(value, dict):
            for key, inner in value.items():
                yield from self.left(inner, (*path, key))
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                yield from self.left(inner, (*path, index))


def _held(value: Any, path: Path) -> bool:
    """Return whether the value at a path holds something (not None, '', [] or {})."""
    node = value
    for part in path:
        node = node[part]
    return node not in (None, "", [], {})


@dataclass
class _Group:
    """One place left out, across records: where it was first, and how many records had it."""

    first: SourceLocation
    pointer: str
    records: set[int] = field(default_factory=set)


class NotCarried:
    """Collects the places left out of every record of a file, and reports each place once."""

    def __init__(self, code: str, reasons: Mapping[str, str], default: str) -> None:
        """Say which code to report with, why each place is left out, and why by default.

        `reasons` are keyed by template prefix (such as '/data/caseOfficer'); the longest
        prefix that fits a place gives its reason.
        """
        self.code = code
        self.reasons = sorted(reasons.items(), key=lambda item: -len(item[0]))
        self.default = default
        self._groups: dict[str, _Group] = {}

    def add(
        self, record: int, value: Any, carried: Carried, base: Path,
        locate: Callable[[Path, int], SourceLocation],
    ) -> None:
        """Note every place of one record's `value` that nothing was carried from."""
        for path in self._expanded(carried.left(value), value):
            name = template(path)
            group = self._groups.get(name)
            if group is None:
                full = (*base, *path)
                group = self._groups[name] = _Group(locate(full, record), template(full))
            group.records.add(record)

    def _expanded(self, paths: Iterator[Path], value: Any) -> Iterator[Path]:
        """Split a place left out into its parts where some part has a reason of its own."""
        for path in paths:
            name = template(path)
            if not any(prefix.startswith(name + "/") for prefix, _ in self.reasons):
                yield path
                continue
            node = value
            for part in path:
                node = node[part]
            if isinstance(node, dict):
                parts: list[Path] = [(*path, key) for key in node]
            elif isinstance(node, list):
                parts = [(*path, index) for index in range(len(node))]
            else:
                yield path
                continue
            yield from self._expanded(
                (p for p in parts if _held(value, p)), value
            )

    def reason(self, name: str) -> str:
        """Return why a place is left out."""
        for prefix, why in self.reasons:
            if name == prefix or name.startswith(prefix + "/"):
                return why
        return self.default

    def findings(self, what: str, records: int) -> list[Finding]:
        """Return one finding per place left out, naming how many records had it."""
        found: list[Finding] = []
        for name, group in self._groups.items():
            count = len(group.records)
            share = "" if records == 1 else (
                f" (in {count:,} of {records:,} records)" if count < records
                else f" (in all {records:,} records)"
            )
            found.append(Finding(
                self.code, Severity.INFO,
                f"{name} is not carried into {what}: {self.reason(name)}{share}.",
                pointer=group.pointer, location=group.first,
            ))
        return found

    @property
    def places(self) -> Sequence[str]:
        """Return the templates of the places left out, in the order first met."""
        return tuple(self._groups)


class Reader:
    """Reads a record's values by path, marking each place read as carried."""

    def __init__(self, value: Any) -> None:
        """Wrap one record."""
        self.value = value
        self.carried = Carried()

    def get(self, *path: str | int, take: bool = True) -> Any:
        """Return the value at a path, or None; mark it carried unless told not to."""
        node = self.value
        for part in path:
            if isinstance(node, dict) and isinstance(part, str):
                node = node.get(part)
            elif isinstance(node, list) and isinstance(part, int) and part < len(node):
                node = node[part]
            else:
                return None
            if node is None:
                return None
        if take:
            self.carried.take(tuple(path))
        return node

    def text(self, *path: str | int) -> str | None:
        """Return a non-empty string at a path (marked carried), or None."""
        value = self.get(*path, take=False)
        if isinstance(value, str) and value:
            self.carried.take(tuple(path))
            return value
        return None
