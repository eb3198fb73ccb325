"""The shape of a rule beyond the schema: a stable code plus a plain function that yields hits."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from lgstandards.findings import Severity, split_pointer
from lgstandards.rules.first_seen import FirstOfKey, FirstSeen


class _Missing:
    """The value of a field that is absent, or that the schema already rejected."""

    _instance: _Missing | None = None

    def __new__(cls) -> _Missing:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __bool__(self) -> bool:
        return False

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


@dataclass(frozen=True, slots=True)
class Hit:
    """One place where a rule found a problem: the pointer in the record and a sentence."""

    pointer: str
    message: str
    value: Any = None
    #: What to do about this hit in particular, when the rule knows more than its general fix.
    advice: str | None = None


@dataclass(frozen=True)
class RuleOptions:
    """Settings that rules read: today's date and the plausible window for dates."""

    today: date | None = None
    past_days: int = 400
    future_days: int = 400
    #: The command-line options the caller accepts (such as "--past-days"): a message suggests
    #: an option only when it is here, so `convert --check` never advises one it would refuse.
    accepts: frozenset[str] = frozenset()


class RecordContext:
    """What a rule sees of one record: its data and where the schema already rejected it."""

    # A plain slotted class, not a frozen dataclass: one is built per record on the hot path.
    __slots__ = ("_under", "number", "options", "record", "rejected")

    def __init__(
        self,
        record: Any,
        number: int,
        rejected: frozenset[str] = frozenset(),
        options: RuleOptions | None = None,
    ) -> None:
        """Wrap one record for the rules."""
        self.record = record
        self.number = number
        self.rejected = rejected
        self.options = options or _DEFAULT_OPTIONS
        self._under: frozenset[str] | None = None

    def is_rejected(self, pointer: str) -> bool:
        """Return whether the schema rejected the value at `pointer` or anything inside it."""
        if not self.rejected:
            return False
        under = self._under
        if under is None:
            # Each rejected pointer and every pointer above it, once: a rejected record's rules
            # ask about dozens of places, and each question is then one set lookup.
            found: set[str] = set()
            for rejected in self.rejected:
                parts = rejected.split("/")
                found.update("/".join(parts[:end]) for end in range(1, len(parts) + 1))
            under = self._under = frozenset(found)
        return pointer in under

    def get(self, pointer: str) -> Any:
        """Return the value at `pointer`, or MISSING if it is absent or the schema rejected it."""
        if self.rejected and self.is_rejected(pointer):
            return MISSING
        node = self.record
        for part in split_pointer(pointer):
            if isinstance(node, dict):
                if part not in node:
                    return MISSING
                node = node[part]
            elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
                node = node[int(part)]
            else:
                return MISSING
        return node


_DEFAULT_OPTIONS = RuleOptions()

RecordCheck = Callable[[RecordContext], Iterable[Hit]]
FileCheckFactory = Callable[[], RecordCheck]
#: One pass over a record that finds the hits of several rules at once, by rule code.
SharedScan = Callable[[RecordContext], Mapping[str, Sequence[Hit]]]
#: Makes a rule's quiet schema (`Rule.quiet`), when a checker is first built for it.
QuietSchema = Callable[[], Mapping[str, Any]]

#: The bits of a packed first occurrence that hold its record number (the rest, its fingerprint).
_NUMBER_BITS = 40
_NUMBER_MASK = (1 << _NUMBER_BITS) - 1


@dataclass(frozen=True)
class Across:
    """A rule across a file that compares each record with the first of the same key.

    It comes in two halves so that a file can be read by several processes: `key` reads one
    record and returns (key, fingerprint, shown value) or None, anywhere; `judge` compares a
    later record with the first one of its key, in file order, and returns a hit or None.
    """

    key: Callable[[RecordContext], tuple[str, int, Any] | None]
    judge: Callable[[Any, int, int, int], Hit | None]

    def meet(self, seen: FirstOfKey, found: tuple[str, int, Any], number: int) -> Hit | None:
        """Note the first record of a key in `seen`; judge a later one against that first."""
        # One integer per key, the first record's fingerprint and number: a national file has
        # tens of millions of keys, and records are not kept.
        key, fingerprint, shown = found
        packed = fingerprint << _NUMBER_BITS | number
        earlier = seen.setdefault(key, packed)
        return None if earlier == packed else self.unpacked(shown, fingerprint, earlier)

    def unpacked(self, shown: Any, fingerprint: int, earlier: int) -> Hit | None:
        """Judge a record against the packed first occurrence of its key."""
        return self.judge(shown, fingerprint, earlier >> _NUMBER_BITS, earlier & _NUMBER_MASK)

    def meet_many(
        self, seen: FirstOfKey, found: Sequence[tuple[str, int, Any, int]]
    ) -> list[tuple[int, Hit]]:
        """Do `meet` for each (key, fingerprint, shown, record number) in file order.

        Returns (position in `found`, hit) for each record that hits. An index that can look
        up many keys at once (`FirstSeen.setdefault_many`) is asked once for them all.
        """
        packed = [(key, fingerprint << _NUMBER_BITS | number)
                  for key, fingerprint, _, number in found]
        many = getattr(seen, "setdefault_many", None)
        earlier = (many(packed) if many is not None
                   else [seen.setdefault(key, value) for key, value in packed])
        hits: list[tuple[int, Hit]] = []
        for position, (first, (_, value)) in enumerate(zip(earlier, packed, strict=True)):
            if first != value:
                _, fingerprint, shown, _ = found[position]
                hit = self.unpacked(shown, fingerprint, first)
                if hit is not None:
                    hits.append((position, hit))
        return hits

    def per_file(self) -> RecordCheck:
        """Return the check for one file read in order: both halves, with the keys seen."""
        # In memory up to a limit, then in a temporary SQLite database: memory stays bounded.
        seen = FirstSeen()
        key, meet = self.key, self.meet

        def check(ctx: RecordContext) -> Sequence[Hit]:
            found = key(ctx)
            hit = meet(seen, found, ctx.number) if found is not None else None
            return (hit,) if hit is not None else ()

        return check


@dataclass(frozen=True)
class Rule:
    """A check JSON Schema cannot express, run per record (`check`, or a shared `scan`) or per file.

    Rules that read the same parts of a record may share a `scan`: the checker then runs it once
    per record and reads each rule's hits from it by code.
    """

    code: str
    severity: Severity
    title: str
    fix: str
    check: RecordCheck | None = None
    per_file: FileCheckFactory | None = None
    scan: SharedScan | None = None
    #: The two halves of a `per_file` rule of the first-of-each-key kind, if it is one.
    across: Across | None = None
    #: Makes a JSON Schema that a valid record passes only if the rule would find nothing in it:
    #: the checker judges it with the standard's schema in one engine call, then skips the rule.
    quiet: QuietSchema | None = field(default=None, hash=False, compare=False)

    def __post_init__(self) -> None:
        """Derive `check` from a shared scan and `per_file` from `across` when not given."""
        if self.check is None and self.scan is not None:
            scan, code = self.scan, self.code
            object.__setattr__(self, "check", lambda ctx: scan(ctx).get(code, ()))
        if self.per_file is None and self.across is not None:
            object.__setattr__(self, "per_file", self.across.per_file)
