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
#: The fingerprint a worker sends for a record whose fingerprint is read from the file only if
#: its key comes again (fingerprints are never negative).
LATER = -1
#: The first occurrences a check keeps the fingerprints of, once read again (then it starts over).
_KEPT_FINGERPRINTS = 4096

#: Reads the record on a line (number, byte offset) of the file being checked, parsed again.
ReadAgain = Callable[[int, int], Any]


class Position:
    """The line and byte offset of the record being checked, kept up to date by the checker."""

    __slots__ = ("where",)

    def __init__(self) -> None:
        """Start before the first record."""
        self.where: tuple[int, int] = (0, 0)


def _where_packed(number: int, line: int, offset: int) -> int:
    """Pack a record's number with its line and offset: where its first occurrence is."""
    return (offset << _NUMBER_BITS | line) << _NUMBER_BITS | number


@dataclass(frozen=True)
class Across:
    """A rule across a file that compares each record with the first of the same key.

    It comes in two halves so that a file can be read by several processes: `key` reads one
    record and returns (key, fingerprint, shown value) or None, anywhere; `judge` compares a
    later record with the first one of its key, in file order, and returns a hit or None.

    A rule whose fingerprint is costly may also split `key` in two: `find` returns (key, shown
    value) alone, and `fingerprint` the fingerprint of a record's data. Where the records of a
    file can be read again (plain NDJSON), the index then keeps where each key's first record
    is, and both fingerprints are worked out only when a key comes again: nearly never.
    """

    key: Callable[[RecordContext], tuple[str, int, Any] | None]
    judge: Callable[[Any, int, int, int], Hit | None]
    find: Callable[[RecordContext], tuple[str, Any] | None] | None = None
    fingerprint: Callable[[Any], int] | None = None

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
        earlier = _setdefault_many(seen, packed)
        hits: list[tuple[int, Hit]] = []
        for position, (first, (_, value)) in enumerate(zip(earlier, packed, strict=True)):
            if first != value:
                _, fingerprint, shown, _ = found[position]
                hit = self.unpacked(shown, fingerprint, first)
                if hit is not None:
                    hits.append((position, hit))
        return hits

    def meet_many_later(
        self, seen: FirstOfKey, found: Sequence[tuple[str, Any, int, int, int]], read: ReadAgain
    ) -> list[tuple[int, Hit]]:
        """Do `meet_many` for (key, shown, record number, line, offset), reading fingerprints.

        The index keeps where each key's first record is; a record whose key comes again is
        read from the file with its first (`read`), and both fingerprints are worked out then.
        """
        packed = [(key, _where_packed(number, line, offset))
                  for key, _, number, line, offset in found]
        earlier = _setdefault_many(seen, packed)
        kept: dict[int, int] = {}
        hits: list[tuple[int, Hit]] = []
        for position, (first, (_, value)) in enumerate(zip(earlier, packed, strict=True)):
            if first != value:
                _, shown, _, line, offset = found[position]
                hit = self._judge_again(shown, read(line, offset), first, read, kept)
                if hit is not None:
                    hits.append((position, hit))
        return hits

    def _judge_again(self, shown: Any, data: Any, first: int, read: ReadAgain,
                     kept: dict[int, int]) -> Hit | None:
        """Judge a record's data against the first of its key, read again from where it is."""
        assert self.fingerprint is not None  # Only such rules keep where records are.
        before = kept.get(first)
        if before is None:
            if len(kept) >= _KEPT_FINGERPRINTS:
                kept.clear()  # Bounded: a key met many times is read again now and then.
            where = first >> _NUMBER_BITS
            before = kept[first] = self.fingerprint(
                read(where & _NUMBER_MASK, where >> _NUMBER_BITS)
            )
        return self.judge(shown, self.fingerprint(data), before, first & _NUMBER_MASK)

    def per_file(self, read: ReadAgain | None = None, at: Position | None = None) -> RecordCheck:
        """Return the check for one file read in order: both halves, with the keys seen.

        Given `read`, which reads a record of the file again, and `at`, where the record being
        checked is, a rule with `find` and `fingerprint` keeps where first records are instead.
        """
        # In memory up to a limit, then in a temporary SQLite database: memory stays bounded.
        seen = FirstSeen()
        find = self.find
        if read is not None and at is not None and find is not None:
            kept: dict[int, int] = {}
            judge_again = self._judge_again

            def check_later(ctx: RecordContext) -> Sequence[Hit]:
                found = find(ctx)
                if found is None:
                    return ()
                key, shown = found
                line, offset = at.where
                packed = _where_packed(ctx.number, line, offset)
                first = seen.setdefault(key, packed)
                if first == packed:
                    return ()
                hit = judge_again(shown, ctx.record, first, read, kept)
                return (hit,) if hit is not None else ()

            return check_later
        key, meet = self.key, self.meet

        def check(ctx: RecordContext) -> Sequence[Hit]:
            found = key(ctx)
            hit = meet(seen, found, ctx.number) if found is not None else None
            return (hit,) if hit is not None else ()

        return check


def _setdefault_many(seen: FirstOfKey, packed: list[tuple[str, int]]) -> list[int]:
    """Do `setdefault` for each (key, value), in one batch where the index can."""
    many = getattr(seen, "setdefault_many", None)
    return (many(packed) if many is not None
            else [seen.setdefault(key, value) for key, value in packed])


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
