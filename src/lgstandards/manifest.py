"""A standard's manifest, `standards/<id>/standard.json`: its fields, and how they are checked.

The manifest is read by every command that opens the catalogue (`list`, `validate`, ...), so it
is plain frozen dataclasses checked by the few lines below rather than a pydantic model: importing
pydantic and building its validators cost more than the rest of `lgstandards list`. The checks
are those a pydantic model made, with its messages; values must be JSON's own types (a date is
`YYYY-MM-DD` text, a flag is `true` or `false`).
"""

from __future__ import annotations

import dataclasses
import enum
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal, TypeVar

_ID_PATTERN = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
_VERSION = re.compile(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$")
_REPLACEMENT = re.compile(
    r"^(?:[a-z0-9]+(?:-[a-z0-9]+)*@)?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"
)
_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")

T = TypeVar("T")


class Status(enum.StrEnum):
    """The life-cycle status of a standard version."""

    DRAFT = "draft"
    CANDIDATE = "candidate"
    PUBLISHED = "published"
    DEPRECATED = "deprecated"
    RETIRED = "retired"

    @property
    def released(self) -> bool:
        """Return whether files of a version in this status are frozen."""
        return self in (Status.PUBLISHED, Status.DEPRECATED, Status.RETIRED)


@dataclass(frozen=True)
class Problem:
    """One thing wrong in a manifest: where (`versions.0.status`, "" for the whole) and what."""

    loc: str
    message: str


class MalformedManifest(ValueError):
    """A manifest's content breaks its rules; every problem found is listed."""

    def __init__(self, problems: tuple[Problem, ...]) -> None:
        """Keep the problems, with a message listing each and its place."""
        super().__init__("; ".join(f"{p.loc or '(top level)'}: {p.message}" for p in problems))
        self.problems = problems


class _Reader:
    """Reads the fields of one JSON object, collecting problems instead of stopping at the first."""

    def __init__(self, raw: Any, loc: str, fields: tuple[str, ...],
                 problems: list[Problem]) -> None:
        """Start reading `raw` found at `loc`, recording unknown keys and a value not an object."""
        self.loc = loc
        self.problems = problems
        self.raw: Mapping[str, Any] = raw if isinstance(raw, Mapping) else {}
        #: Whether every field read so far was right; a wrong one does not stop the reading.
        self.ok = True
        #: Whether there is an object to read fields from at all.
        self.is_object = isinstance(raw, Mapping)
        if not self.is_object:
            self.fail("", "Input should be a valid dictionary")
            return
        for key in raw:
            if key not in fields:
                self.fail(str(key), "Extra inputs are not permitted")

    def fail(self, key: str, message: str) -> None:
        """Record a problem at a key of this object."""
        self.ok = False
        where = ".".join(part for part in (self.loc, key) if part)
        self.problems.append(Problem(where, message))

    def get(self, key: str, convert: Callable[[Any], Any], default: Any = ...) -> Any:
        """Return a field converted, or its default; a problem is recorded when it is wrong."""
        if key not in self.raw:
            if default is ...:
                self.fail(key, "Field required")
            return default
        try:
            return convert(self.raw[key])
        except _Wrong as wrong:
            self.fail(".".join(part for part in (key, wrong.at) if part), wrong.message)
            return default


class _Wrong(Exception):
    """A value that does not fit its field, and where inside it (for lists)."""

    def __init__(self, message: str, at: str = "") -> None:
        """Keep the message, and the index path inside the value (`1`, `0.2`) when in a list."""
        super().__init__(message)
        self.message = message
        self.at = at


def _text(value: Any, *, min_length: int = 0, pattern: re.Pattern[str] | None = None) -> str:
    """Return a string that is long enough and fits the pattern."""
    if not isinstance(value, str):
        raise _Wrong("Input should be a valid string")
    if len(value) < min_length:
        raise _Wrong(f"String should have at least {min_length} character"
                     + ("s" if min_length > 1 else ""))
    # fullmatch: `$` alone would also let a final newline through.
    if pattern is not None and not pattern.fullmatch(value):
        raise _Wrong(f"String should match pattern '{pattern.pattern}'")
    return value


def _nonempty(value: Any) -> str:
    """Return a string of at least one character."""
    return _text(value, min_length=1)


def _optional(convert: Callable[[Any], T]) -> Callable[[Any], T | None]:
    """Return a reader that lets null through and reads anything else with `convert`."""
    return lambda value: None if value is None else convert(value)


def _flag(value: Any) -> bool:
    """Return `true` or `false`."""
    if not isinstance(value, bool):
        raise _Wrong("Input should be a valid boolean")
    return value


def _day(value: Any) -> date:
    """Return the date a `YYYY-MM-DD` string names."""
    if isinstance(value, date):
        return value
    if isinstance(value, str) and _DATE.match(value):
        try:
            return date.fromisoformat(value)
        except ValueError as exc:
            raise _Wrong(f"Input should be a valid date: {exc}") from None
    raise _Wrong("Input should be a valid date in the format YYYY-MM-DD")


def _choice(*allowed: str) -> Callable[[Any], str]:
    """Return a reader of one of the allowed strings."""
    words = ", ".join(f"'{a}'" for a in allowed[:-1]) + f" or '{allowed[-1]}'"

    def convert(value: Any) -> str:
        """Return the value if it is one of the allowed strings."""
        if value not in allowed or not isinstance(value, str):
            raise _Wrong(f"Input should be {words}")
        return str(value)

    return convert


def _status(value: Any) -> Status:
    """Return the status a string names."""
    return Status(_choice(*Status)(value))


def _tuple(convert: Callable[[Any], T], *, min_length: int = 0) -> Callable[[Any], tuple[T, ...]]:
    """Return a reader of a list of at least `min_length` items, each read with `convert`."""
    def read(value: Any) -> tuple[T, ...]:
        """Return the items read, naming the index of the first that is wrong."""
        if not isinstance(value, list | tuple):
            raise _Wrong("Input should be a valid tuple")
        items = []
        for index, item in enumerate(value):
            try:
                items.append(convert(item))
            except _Wrong as wrong:
                raise _Wrong(wrong.message, ".".join(p for p in (str(index), wrong.at) if p)
                             ) from None
        if len(items) < min_length:
            raise _Wrong(f"Tuple should have at least {min_length} item"
                         f"{'s' if min_length > 1 else ''} after validation, not {len(items)}")
        return tuple(items)

    return read


def _value_error(message: str) -> str:
    """Return a rule's message as pydantic wrote it, so messages read as they always did."""
    return f"Value error, {message}"


def _fields(cls: type[Any]) -> tuple[str, ...]:
    """Return the names of a dataclass's fields: the keys its JSON object may have."""
    return tuple(f.name for f in dataclasses.fields(cls))


@dataclass(frozen=True, kw_only=True)
class VersionEntry:
    """One version of a standard as its manifest lists it."""

    version: str
    status: Status
    #: When the version reached its present released form: opened for comment (candidate) or
    #: published (published, deprecated, retired).
    released: date | None = None
    #: The last day of a candidate's comment period; kept as the record once it is published.
    comment_until: date | None = None
    #: When the version was deprecated.
    deprecated_on: date | None = None
    #: The day after which a deprecated version may be retired.
    sunset: date | None = None
    #: What replaces a deprecated version: a version of the same standard or `id@x.y.z`.
    replaced_by: str | None = None
    notes: str | None = None

    @property
    def key(self) -> tuple[int, int, int]:
        """Return the version as a tuple of integers for ordering."""
        major, minor, patch = (int(p) for p in self.version.split("."))
        return (major, minor, patch)

    @classmethod
    def _read(cls, raw: Any, loc: str, problems: list[Problem]) -> VersionEntry | None:
        """Return the entry `raw` holds, or None with its problems recorded."""
        fields = _Reader(raw, loc, _fields(cls), problems)
        if not fields.is_object:
            return None
        version = fields.get("version", _text)
        if isinstance(version, str) and not _VERSION.match(version):
            fields.fail("version", _value_error(
                f"version {version!r} is not MAJOR.MINOR.PATCH, such as '1.0.0'"))
        day = _optional(_day)
        entry = {
            "status": fields.get("status", _status),
            "released": fields.get("released", day, None),
            "comment_until": fields.get("comment_until", day, None),
            "deprecated_on": fields.get("deprecated_on", day, None),
            "sunset": fields.get("sunset", day, None),
            "replaced_by": fields.get("replaced_by", _optional(_text), None),
            "notes": fields.get("notes", _optional(_text), None),
        }
        replaced_by = entry["replaced_by"]
        if isinstance(replaced_by, str) and not _REPLACEMENT.match(replaced_by):
            fields.fail("replaced_by", _value_error(
                f"replaced_by {replaced_by!r} is not a version such as '2.0.0' or a standard "
                "version such as 'other-standard@1.0.0'"))
        return cls(version=version, **entry) if fields.ok else None


@dataclass(frozen=True, kw_only=True)
class Adopter:
    """A council or supplier whose data or API conforms to versions of a standard, with evidence."""

    name: str
    kind: Literal["council", "supplier"]
    #: The versions its conformance statement covers.
    versions: tuple[str, ...]
    #: Where its conformance statement is: a web address or a path in the registry.
    statement: str

    @classmethod
    def _read(cls, raw: Any, loc: str, problems: list[Problem]) -> Adopter | None:
        """Return the adopter `raw` holds, or None with its problems recorded."""
        fields = _Reader(raw, loc, _fields(cls), problems)
        if not fields.is_object:
            return None
        adopter = cls(
            name=fields.get("name", _nonempty),
            kind=fields.get("kind", _choice("council", "supplier")),
            versions=fields.get("versions", _tuple(_text, min_length=1)),
            statement=fields.get("statement", _nonempty),
        )
        return adopter if fields.ok else None


@dataclass(frozen=True, kw_only=True)
class Manifest:
    """A standard's manifest, `standards/<id>/standard.json`."""

    id: str
    title: str
    description: str
    #: The body that owns the standard and decides on changes to it (GOVERNANCE.md).
    owner: str
    #: How to reach the owner: a web address, an email address, or where to open an issue.
    owner_contact: str | None = None
    licence: str
    kind: Literal["data", "api"] = "data"
    external: bool = False
    homepage: str | None = None
    related: tuple[str, ...] = ()
    #: Councils and suppliers that evidenced conformance: what promotes a candidate.
    adopters: tuple[Adopter, ...] = ()
    versions: tuple[VersionEntry, ...]

    @classmethod
    def from_json(cls, raw: Any) -> Manifest:
        """Return the manifest a parsed `standard.json` holds; raise MalformedManifest if wrong."""
        problems: list[Problem] = []
        fields = _Reader(raw, "", _fields(cls), problems)
        if not fields.is_object:
            raise MalformedManifest(tuple(problems))

        def nested(read: Callable[[Any, str, list[Problem]], T | None], key: str,
                   min_length: int = 0) -> tuple[T, ...]:
            """Return the objects of a list field, each read with its own problems recorded."""
            if key not in fields.raw:
                return ()
            value = fields.raw[key]
            if not isinstance(value, list | tuple):
                fields.fail(key, "Input should be a valid tuple")
                return ()
            items = [read(item, f"{key}.{index}", problems) for index, item in enumerate(value)]
            if len(value) < min_length:
                fields.fail(key, f"Tuple should have at least {min_length} item after "
                                 f"validation, not {len(value)}")
            if any(item is None for item in items):
                fields.ok = False
            return tuple(item for item in items if item is not None)

        values: dict[str, Any] = {
            "id": fields.get("id", lambda v: _text(v, pattern=_ID_PATTERN)),
            "title": fields.get("title", _nonempty),
            "description": fields.get("description", _nonempty),
            "owner": fields.get("owner", _nonempty),
            "owner_contact": fields.get("owner_contact", _optional(_nonempty), None),
            "licence": fields.get("licence", _nonempty),
            "kind": fields.get("kind", _choice("data", "api"), "data"),
            "external": fields.get("external", _flag, False),
            "homepage": fields.get("homepage", _optional(_text), None),
            "related": fields.get("related", _tuple(_text), ()),
            "adopters": nested(Adopter._read, "adopters"),
        }
        if "versions" not in fields.raw:
            fields.fail("versions", "Field required")
        values["versions"] = nested(VersionEntry._read, "versions", min_length=1)
        if not fields.ok:
            raise MalformedManifest(tuple(problems))
        manifest = cls(**values)
        rule = manifest._broken_rule()
        if rule is not None:
            raise MalformedManifest((Problem("", _value_error(rule)),))
        return manifest

    def _broken_rule(self) -> str | None:
        """Return the first rule across fields that the manifest breaks, or None."""
        seen = [v.version for v in self.versions]
        dupes = sorted({v for v in seen if seen.count(v) > 1})
        if dupes:
            return f"versions listed more than once: {', '.join(dupes)}"
        if self.external and not self.homepage:
            return "an external standard needs a 'homepage'"
        # Our own releases must say when; for standards we only signpost the date may be unknown.
        undated = [
            v.version for v in self.versions if v.status is not Status.DRAFT and v.released is None
        ]
        if undated and not self.external:
            return f"version {undated[0]} is released but has no 'released' date"
        return None

    def to_json(self) -> dict[str, Any]:
        """Return the manifest as JSON values, every field in the order of the class."""
        data: dict[str, Any] = _to_json(self)
        return data


def _to_json(value: Any) -> Any:
    """Return a manifest value as JSON values: dates as text, tuples as lists, statuses as text."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _to_json(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, tuple):
        return [_to_json(item) for item in value]
    if isinstance(value, Status):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    return value
