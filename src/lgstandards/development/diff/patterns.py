"""Patterns as regular languages: is every string one pattern accepts accepted by another?

A JSON Schema `pattern` is an ECMA-262 regular expression that matches anywhere in the string
unless `^` or `$` pins it, so `[0-9]{3}` accepts 'ab123cd'. The pattern is parsed by lint's
ECMA-262 parser, turned into an automaton over the strings it *accepts* (whole strings, with the
unanchored ends made explicit) and handed to greenery, whose finite-state machines decide
inclusion exactly. Back-references, look-arounds and word boundaries are not handled: such a
pattern raises `PatternError`, and the caller reports the change conservatively.
"""

from __future__ import annotations

import functools
from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from greenery import Charclass, Fsm
from greenery.charclass import repartition
from greenery.fsm import unify_alphabets

from lgstandards.lint import RegexNode, RegexSyntaxError, parse_regex

Ranges = tuple[tuple[int, int], ...]
Relation = Literal["same", "narrower", "wider", "different"]

_MAX = 0x10FFFF
_EVERYTHING: Ranges = ((0, _MAX),)
# ECMA-262's `.` without the `s` flag matches anything but a line terminator.
_DOT: Ranges = ((0, 9), (11, 12), (14, 0x2027), (0x202A, _MAX))
# Bounds that keep a comparison to a fraction of a second; beyond them the answer is "unknown".
_MAX_NFA_STATES = 20_000
_MAX_DFA_STATES = 4_000
_MAX_PRODUCT_STATES = 200_000

# States every automaton has: the unanchored prefix loop, and the accepting suffix loop.
_PREFIX, _SUFFIX = 0, 1


class PatternError(ValueError):
    """A pattern that cannot be compared as a regular language; the message says why."""


@dataclass(frozen=True)
class PatternComparison:
    """How a new pattern's language relates to an old one's, with an example of each difference."""

    relation: Relation
    #: A string the old pattern accepts and the new one refuses, if there is one.
    refused: str | None = None
    #: A string the new pattern accepts and the old one refused, if there is one.
    accepted: str | None = None


@dataclass
class _Nfa:
    """A Thompson automaton with the two zero-width assertions a JSON Schema pattern may pin."""

    eps: dict[int, list[int]]
    starts: dict[int, list[int]]  # '^': followed only before the first character
    ends: dict[int, list[int]]  # '$': followed into "end mode", where no character may follow
    chars: dict[int, list[tuple[Ranges, int]]]
    count: int = 2

    def state(self) -> int:
        """Return a new state."""
        self.count += 1
        if self.count > _MAX_NFA_STATES:
            raise PatternError("it is too large to compare (its repetitions expand too far)")
        return self.count - 1

    def edge(self, table: dict[int, list[int]], source: int, target: int) -> None:
        """Add an edge without a character."""
        table.setdefault(source, []).append(target)

    def fragment(self, node: RegexNode) -> tuple[int, int]:
        """Return the (entry, exit) states of a sub-automaton for one node of the pattern."""
        entry, exit_ = self.state(), self.state()
        if node.kind == "chars":
            ranges = _DOT if node.text == "." else node.chars
            self.chars.setdefault(entry, []).append((ranges, exit_))
        elif node.kind == "empty":
            self.edge(self.eps, entry, exit_)
        elif node.kind == "group":
            inner = self.fragment(node.items[0])
            self.edge(self.eps, entry, inner[0])
            self.edge(self.eps, inner[1], exit_)
        elif node.kind == "seq":
            current = entry
            for item in node.items:
                inner = self.fragment(item)
                self.edge(self.eps, current, inner[0])
                current = inner[1]
            self.edge(self.eps, current, exit_)
        elif node.kind == "alt":
            for item in node.items:
                inner = self.fragment(item)
                self.edge(self.eps, entry, inner[0])
                self.edge(self.eps, inner[1], exit_)
        elif node.kind == "repeat":
            self.repeat(node, entry, exit_)
        elif node.kind == "assertion" and node.text in ("^", "$"):
            self.edge(self.starts if node.text == "^" else self.ends, entry, exit_)
        elif node.kind == "assertion":
            raise PatternError(f"it uses {node.text!r}, which is not a regular language here")
        else:
            raise PatternError("it uses a back-reference, which is not a regular language")
        return entry, exit_

    def repeat(self, node: RegexNode, entry: int, exit_: int) -> None:
        """Wire `low` required copies, then optional ones (or a loop) between entry and exit."""
        current = entry
        for _ in range(node.low):
            inner = self.fragment(node.items[0])
            self.edge(self.eps, current, inner[0])
            current = inner[1]
        if node.high is None:
            loop = self.fragment(node.items[0])
            self.edge(self.eps, current, loop[0])
            self.edge(self.eps, loop[1], current)
            self.edge(self.eps, current, exit_)
            return
        for _ in range(node.high - node.low):
            self.edge(self.eps, current, exit_)
            inner = self.fragment(node.items[0])
            self.edge(self.eps, current, inner[0])
            current = inner[1]
        self.edge(self.eps, current, exit_)


def _charclass(ranges: Iterable[tuple[int, int]]) -> Charclass:
    """Return greenery's character class for code-point ranges."""
    return Charclass(tuple((chr(lo), chr(hi)) for lo, hi in ranges))


def _closure(nfa: _Nfa, states: Iterable[tuple[int, bool]], at_start: bool
             ) -> frozenset[tuple[int, bool]]:
    """Return the states reachable without a character; `bool` is "after a `$`"."""
    seen = set(states)
    stack = list(seen)
    while stack:
        state, at_end = stack.pop()
        found = [(t, at_end) for t in nfa.eps.get(state, ())]
        if at_start:
            found += [(t, at_end) for t in nfa.starts.get(state, ())]
        found += [(t, True) for t in nfa.ends.get(state, ())]
        for item in found:
            if item not in seen:
                seen.add(item)
                stack.append(item)
    return frozenset(seen)


@functools.lru_cache(maxsize=256)
def language(pattern: str) -> Fsm:
    """Return the automaton accepting exactly the strings `pattern` finds a match in."""
    try:
        tree = parse_regex(pattern)
    except RegexSyntaxError as exc:
        raise PatternError(f"it is not a valid ECMA-262 pattern ({exc})") from None
    nfa = _Nfa({}, {}, {}, {})
    # Unanchored search: any text may come before the match (the prefix loop) and after it (the
    # suffix loop); '^' and '$' forbid them by the way the assertions are followed.
    nfa.chars[_PREFIX] = [(_EVERYTHING, _PREFIX)]
    nfa.chars[_SUFFIX] = [(_EVERYTHING, _SUFFIX)]
    entry, exit_ = nfa.fragment(tree)
    nfa.edge(nfa.eps, _PREFIX, entry)
    nfa.edge(nfa.eps, exit_, _SUFFIX)

    used = {ranges for edges in nfa.chars.values() for ranges, _ in edges}
    classes = {ranges: _charclass(ranges) for ranges in used}
    pieces = repartition(list(classes.values()))
    atoms = _as_partition(sorted({p for found in pieces.values() for p in found}, key=_first_ord))
    index = {atom: i for i, atom in enumerate(atoms)}
    covers = {ranges: frozenset(index[_as_partition_piece(p, atoms)] for p in pieces[cc])
              for ranges, cc in classes.items()}

    initial = _closure(nfa, {(_PREFIX, False)}, at_start=True)
    numbers: dict[frozenset[tuple[int, bool]], int] = {initial: 0}
    queue = deque([initial])
    transitions: dict[int, dict[Charclass, int]] = {}
    while queue:
        current = queue.popleft()
        row: dict[Charclass, int] = {}
        for i, atom in enumerate(atoms):
            step = {(target, False) for state, at_end in current if not at_end
                    for ranges, target in nfa.chars.get(state, ()) if i in covers[ranges]}
            following = _closure(nfa, step, at_start=False)
            if following not in numbers:
                if len(numbers) >= _MAX_DFA_STATES:
                    raise PatternError("it is too complex to compare")
                numbers[following] = len(numbers)
                queue.append(following)
            row[atom] = numbers[following]
        transitions[numbers[current]] = row
    finals = {n for states, n in numbers.items() if any(s == _SUFFIX for s, _ in states)}
    return Fsm(alphabet=atoms, states=set(numbers.values()), initial=0, finals=finals,
               map=transitions)


def _as_partition(atoms: list[Charclass]) -> list[Charclass]:
    """Return the atoms with the last written as the complement of the others.

    greenery requires an alphabet whose union is its own "anything" class, the negated empty
    class, which a union of positive classes never equals.
    """
    others = [r for atom in atoms[:-1] for r in atom.ord_ranges]
    rest = ~Charclass(tuple((chr(lo), chr(hi)) for lo, hi in others))
    return [*atoms[:-1], rest]


def _as_partition_piece(piece: Charclass, atoms: list[Charclass]) -> Charclass:
    """Return the atom of the partition that is the same set as a piece from repartition."""
    return piece if piece in atoms else atoms[-1]


def _first_ord(charclass: Charclass) -> int:
    """Return the lowest code point of a class, for a stable order."""
    return int(charclass.ord_ranges[0][0]) if charclass.ord_ranges else -1


# Characters that make a readable example, tried in order before any other.
_READABLE = "a0A_-.:/ bcxyzZ9@#\n"


def _example_char(charclass: Charclass) -> str | None:
    """Return a readable character of a class, or None when the class is empty."""
    ranges: tuple[tuple[int, int], ...] = tuple(charclass.ord_ranges)
    if not charclass.negated and not ranges:
        return None
    if charclass.negated and sum(hi - lo + 1 for lo, hi in ranges) > _MAX:
        return None  # greenery writes "nothing" as the complement of everything.

    def inside(code: int) -> bool:
        found = any(lo <= code <= hi for lo, hi in ranges)
        return found != bool(charclass.negated)

    for char in _READABLE:
        if inside(ord(char)):
            return char
    for code in range(32, 0x3000):
        if inside(code):
            return chr(code)
    if not charclass.negated:
        return chr(ranges[0][0])
    start = 0
    for lo, hi in sorted(ranges):
        if lo > start:
            break
        start = max(start, hi + 1)
    return chr(start)


def only_in(one: Fsm, other: Fsm) -> str | None:
    """Return a shortest string `one` accepts and `other` refuses, or None when there is none.

    A breadth-first walk of the two machines side by side, over greenery's common alphabet: the
    same answer as `(one - other).empty()` without minimising the product, which on a long
    pattern costs seconds.
    """
    first, second = unify_alphabets((one, other))
    start = (first.initial, second.initial)
    parents: dict[tuple[object, object], tuple[tuple[object, object], str] | None] = {start: None}
    symbols = [(symbol, _example_char(symbol)) for symbol in sorted(first.alphabet, key=_first_ord)]
    queue = deque([start])
    while queue:
        pair = queue.popleft()
        if pair[0] in first.finals and pair[1] not in second.finals:
            chars: list[str] = []
            step = parents[pair]
            while step is not None:
                chars.append(step[1])
                step = parents[step[0]]
            return "".join(reversed(chars))
        for symbol, char in symbols:
            target = (first.map[pair[0]][symbol], second.map[pair[1]][symbol])
            if char is not None and target not in parents:
                parents[target] = (pair, char)
                queue.append(target)
    return None


def only_in_all(ones: Sequence[Fsm], others: Sequence[Fsm]) -> str | None:
    """Return a shortest string every one of `ones` accepts and some one of `others` refuses."""
    machines = unify_alphabets((*ones, *others))
    count = len(ones)
    start = tuple(m.initial for m in machines)
    parents: dict[tuple[object, ...], tuple[tuple[object, ...], str] | None] = {start: None}
    symbols = [(symbol, _example_char(symbol))
               for symbol in sorted(machines[0].alphabet, key=_first_ord)]
    queue = deque([start])
    while queue:
        states = queue.popleft()
        finals = [state in machine.finals for state, machine in zip(states, machines,
                                                                        strict=True)]
        if all(finals[:count]) and not all(finals[count:]):
            chars: list[str] = []
            step = parents[states]
            while step is not None:
                chars.append(step[1])
                step = parents[step[0]]
            return "".join(reversed(chars))
        for symbol, char in symbols:
            if char is None:
                continue
            target = tuple(machine.map[state][symbol]
                           for state, machine in zip(states, machines, strict=True))
            if target not in parents:
                if len(parents) >= _MAX_PRODUCT_STATES:
                    raise PatternError("the lengths and patterns together are too large to "
                                       "compare")
                parents[target] = (states, char)
                queue.append(target)
    return None


def lengths(low: int, high: int | None) -> Fsm:
    """Return the automaton of strings from `low` to `high` characters long (None: no limit)."""
    anything = ~Charclass()
    if high is None:
        return Fsm(alphabet={anything}, states=set(range(low + 1)), initial=0, finals={low},
                   map={i: {anything: min(i + 1, low)} for i in range(low + 1)})
    return Fsm(alphabet={anything}, states=set(range(high + 2)), initial=0,
               finals=set(range(low, high + 1)),
               map={i: {anything: min(i + 1, high + 1)} for i in range(high + 2)})


def compare_strings(old: tuple[str | None, int, int | None],
                    new: tuple[str | None, int, int | None]) -> PatternComparison:
    """Compare the strings two (pattern, minLength, maxLength) constraints accept together.

    A pattern may already bound a length (`^[0-9]{1,12}$` never passes 12 characters), so a
    `maxLength: 100` added beside it refuses nothing: only the two together tell.
    """
    old_fsms = [language(old[0] or ""), lengths(old[1], old[2])]
    new_fsms = [language(new[0] or ""), lengths(new[1], new[2])]
    refused = only_in_all(old_fsms, new_fsms)
    accepted = only_in_all(new_fsms, old_fsms)
    if refused is None and accepted is None:
        return PatternComparison("same")
    if refused is None:
        return PatternComparison("wider", accepted=accepted)
    if accepted is None:
        return PatternComparison("narrower", refused=refused)
    return PatternComparison("different", refused=refused, accepted=accepted)


def compare_patterns(old: str | None, new: str | None) -> PatternComparison:
    """Compare the strings two patterns accept (None: no pattern, every string).

    Raises PatternError when either pattern cannot be compared as a regular language.
    """
    everything = language("")
    old_fsm = language(old) if old is not None else everything
    new_fsm = language(new) if new is not None else everything
    refused = only_in(old_fsm, new_fsm)
    accepted = only_in(new_fsm, old_fsm)
    if refused is None and accepted is None:
        return PatternComparison("same")
    if refused is None:
        return PatternComparison("wider", accepted=accepted)
    if accepted is None:
        return PatternComparison("narrower", refused=refused)
    return PatternComparison("different", refused=refused, accepted=accepted)
