"""A record compiled into JSON text with holes, so each new record is one join, not a deep copy.

A template is a valid example record of the standard. The values that make one record another
property's (UPRN, USRN, postcode, street, house and flat number, references) and its dates are
holes; everything else (councils and their GSS codes, services, containers, rounds, codes) is
kept, which is what keeps the record coherent enough to pass the standard's rules as the
example does. Dates move together by whole weeks, so weekly schedules, weekdays and the order
of events all survive.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import orjson

from lgstandards.generate.values import Serials, inward_code, person, street
from lgstandards.identifiers import POSTCODE

__all__ = ["UPRN_WIDTH", "Filler", "Template", "Token", "compile_template", "template_records"]

#: A date as it is written inside the JSON text, alone or as a date-time's first part.
_DATE = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}-[01][0-9]-[0-3][0-9](?![0-9])")
_DIGITS = re.compile(r"[0-9]{3,}")
_NUMBER = re.compile(r"^[1-9][0-9]{0,3}$")
_FLAT = re.compile(r"^Flat [1-9][0-9]{0,3}$")
_EMAIL = re.compile(r"^[a-z]{2,}\.[a-z]{2,}@[a-z.-]+$")
_UPRN_TEXT = re.compile(r"^[0-9]{1,12}$")
_USRN_TEXT = re.compile(r"^[1-9][0-9]{0,7}$")

#: Words that pin a record's dates to the calendar (a Christmas change, a bank holiday): such a
#: record keeps its dates, since moving a Christmas collection by a week makes nonsense of it.
_CALENDAR_WORDS = ("christmas", "bank_holiday", "bank holiday", "new_year", "easter", "boxing")

#: The widest a UPRN is written: AddressBase's twelve digits.
UPRN_WIDTH = 11


@dataclass(frozen=True)
class Token:
    """One hole in a template: what kind of value fills it, and the text it replaces."""

    kind: str
    text: str
    #: For a reference, the place of its serial number in the text: start and end.
    span: tuple[int, int] = (0, 0)
    #: For a house-and-street line, the tokens of its house number and street.
    parts: tuple[int, ...] = ()


@dataclass(frozen=True)
class Template:
    """A record as JSON text cut at its holes, with the weeks its dates may move by."""

    name: str
    chunks: tuple[str, ...]
    slots: tuple[int, ...]
    tokens: tuple[Token, ...]
    weeks: tuple[int, ...]

    @property
    def uprn_count(self) -> int:
        """Return how many distinct UPRNs one record of this template holds."""
        return sum(1 for token in self.tokens if token.kind == "uprn")

    def dated_parts(self, weeks: int) -> list[str]:
        """Return the text cut into pieces, with the dates moved by `weeks` and the rest holes."""
        shift = dt.timedelta(weeks=weeks)
        parts: list[str] = []
        for index, chunk in enumerate(self.chunks):
            parts.append(chunk)
            if index < len(self.slots):
                token = self.tokens[self.slots[index]]
                if token.kind == "date":
                    moved = dt.date.fromisoformat(token.text) + shift if weeks else None
                    parts.append(moved.isoformat() if moved else token.text)
                else:
                    parts.append("")
        return parts


def _walk(value: Any, key: str, found: Callable[[str, str], None]) -> None:
    """Call `found(key, text)` for every string in a record with the key it is under."""
    if isinstance(value, dict):
        for name, item in value.items():
            _walk(item, name, found)
    elif isinstance(value, list):
        for item in value:
            _walk(item, key, found)
    elif isinstance(value, str):
        found(key, value)


def compile_template(name: str, record: Mapping[str, Any], *, movable: bool,
                     weeks: int = 26) -> Template:
    """Compile a valid record into a template; `movable` lets its dates move up to `weeks` back."""
    tokens: dict[str, Token] = {}

    def add(kind: str, text: str, **extra: Any) -> None:
        tokens.setdefault(text, Token(kind, text, **extra))

    streets: list[str] = []
    houses: list[str] = []

    def found(key: str, text: str) -> None:
        if key in ("uprn", "parent_uprn", "uprns") and _UPRN_TEXT.match(text) and text.strip("0"):
            add("uprn", text)
        elif key == "usrn" and _USRN_TEXT.match(text):
            add("usrn", text)
        elif key == "postcode" and POSTCODE.match(text) and text != "GIR 0AA":
            add("postcode", text)
        elif key == "street" and len(text) > 3:
            streets.append(text)
            add("street", text)
        elif key == "paon" and _NUMBER.match(text):
            houses.append(text)
            # Quoted: a bare number is too common in a record to be replaced wherever it is.
            add("house", f'"{text}"')
        elif key == "email" and _EMAIL.match(text):
            add("email", text)
            given, family = text.split("@")[0].split(".")
            # The resident the address belongs to, where the record names them.
            add("person", f"{given.title()} {family.title()}")
        elif key == "saon" and _FLAT.match(text):
            add("flat", text)
        elif key == "reference" or key.endswith("_reference"):
            runs = list(_DIGITS.finditer(text))
            if runs:
                # The longest run of digits is the serial ('26/01234/LBA'); a tie, the last.
                run = max(reversed(runs), key=lambda m: len(m.group()))
                add("reference", text, span=run.span())
                if "/" in text:
                    # The same reference in a URL is written with hyphens ('26-01234-LBA').
                    add("reference-slug", text.replace("/", "-"), span=run.span())

    _walk(record, "", found)
    # '27 Hillside Crescent' in an address line is the house and street of the same record.
    if len(houses) == 1 and len(streets) == 1:
        line = f"{houses[0]} {streets[0]}"
        order = list(tokens)
        add("house-street", line,
            parts=(order.index(f'"{houses[0]}"'), order.index(streets[0])))
    text = orjson.dumps(record).decode()
    order = list(tokens)
    literals = sorted(order, key=len, reverse=True)
    pattern = re.compile(
        "|".join(f"(?<![0-9A-Za-z]){re.escape(t)}(?![0-9A-Za-z])" for t in literals)
        + ("|" if literals else "") + _DATE.pattern
    )
    chunks: list[str] = []
    slots: list[int] = []
    position = 0
    for match in pattern.finditer(text):
        piece = match.group()
        if piece not in tokens:
            try:
                dt.date.fromisoformat(piece)
            except ValueError:
                continue  # Digits shaped like a date that is none ('2026-13-40'): text.
            tokens[piece] = Token("date", piece)
            order.append(piece)
        chunks.append(text[position:match.start()])
        slots.append(order.index(piece))
        position = match.end()
    chunks.append(text[position:])
    pinned = any(word in text.lower() for word in _CALENDAR_WORDS)
    return Template(
        name=name,
        chunks=tuple(chunks),
        slots=tuple(slots),
        tokens=tuple(tokens[t] for t in order),
        weeks=tuple(range(-weeks, 1)) if movable and not pinned else (0,),
    )


class Filler:
    """Fills a template's holes for one record after another, numbered from 0."""

    def __init__(self, templates: tuple[Template, ...], count: int, rng: random.Random) -> None:
        """Prepare the serial numbers for `count` records of these templates."""
        self._rng = rng
        self._count = count
        self._per_record = max([t.uprn_count for t in templates] + [1])
        self._uprns = Serials(UPRN_WIDTH, count * self._per_record, rng, leading_zero=False)
        self._serials: dict[tuple[int, bool], Serials] = {}
        self._references = max(
            [sum(1 for k in t.tokens if k.kind == "reference") for t in templates] + [1]
        )
        self._parts: dict[tuple[int, int], list[str]] = {}
        self._holes: dict[int, tuple[tuple[int, int], ...]] = {}

    def _serial(self, width: int, leading_zero: bool) -> Serials:
        """Return the serials of one width, shared by every template so none repeats."""
        needed = self._count * self._references
        # Keyed by the width the numbers will have once widened to fit: two templates whose
        # serials end up equally wide must draw from one permutation, or they could meet.
        while (10**width - (0 if leading_zero else 10 ** (width - 1))) < needed:
            width += 1
        key = (width, leading_zero)
        if key not in self._serials:
            self._serials[key] = Serials(width, needed, self._rng, leading_zero=leading_zero)
        return self._serials[key]

    def fill(self, template: Template, number: int) -> str:
        """Return record `number` (from 0) of this template as one line of JSON."""
        rng = self._rng
        weeks = template.weeks[rng.randrange(len(template.weeks))] if len(template.weeks) > 1 \
            else template.weeks[0]
        key = (id(template), weeks)
        parts = self._parts.get(key)
        if parts is None:
            parts = self._parts[key] = template.dated_parts(weeks)
            self._holes[id(template)] = tuple(
                (2 * index + 1, slot) for index, slot in enumerate(template.slots)
                if template.tokens[slot].kind != "date"
            )
        values = self._values(template, number)
        out = parts.copy()
        for place, slot in self._holes[id(template)]:
            out[place] = values[slot]
        return "".join(out)

    def _values(self, template: Template, number: int) -> list[str]:
        """Return the new text of each of the template's tokens for one record."""
        rng = self._rng
        values: list[str] = []
        uprns = references = 0
        for token in template.tokens:
            kind = token.kind
            if kind == "uprn":
                value = self._uprns(number * self._per_record + uprns)
                uprns += 1
                # A template that writes UPRNs zero-padded (some back offices do) keeps that.
                values.append(value.zfill(len(token.text)) if token.text[0] == "0" else value)
            elif kind == "date":
                break  # Dates come last and are filled by dated_parts: the rest are unused.
            elif kind == "postcode":
                values.append(f"{token.text[:-3]}{inward_code(rng)}")
            elif kind == "street":
                values.append(street(rng))
            elif kind == "house":
                values.append(f'"{rng.randrange(1, 160)}"')
            elif kind == "flat":
                values.append(f"Flat {rng.randrange(1, 80)}")
            elif kind == "usrn":
                width = len(token.text)
                values.append(str(rng.randrange(10 ** (width - 1), 10**width)))
            elif kind in ("reference", "reference-slug"):
                start, end = token.span
                if kind == "reference":
                    serial = self._serial(end - start, token.text[start] == "0")
                    fresh = serial(number * self._references + references)
                    references += 1
                    values.append(token.text[:start] + fresh + token.text[end:])
                else:
                    # The slug follows the reference just made (it comes right after it).
                    values.append(values[-1].replace("/", "-"))
            elif kind == "email":
                given, family = person(rng)
                values.append(f"{given.lower()}.{family.lower()}@{token.text.split('@')[1]}")
            elif kind == "person":
                # The name the email just made (the person comes right after its email).
                given, family = values[-1].split("@")[0].split(".")
                values.append(f"{given.title()} {family.title()}")
            elif kind == "house-street":
                house, road = token.parts
                values.append(f"{values[house].strip(chr(34))} {values[road]}")
            else:  # pragma: no cover - every kind compile_template makes is handled above.
                values.append(token.text)
        return values


def template_records(texts: Mapping[str, Any]) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (name, record) for parsed example files: one record, or one per line or item."""
    for name, data in texts.items():
        if isinstance(data, dict):
            yield name, data
        elif isinstance(data, list):
            for index, item in enumerate(data, 1):
                if isinstance(item, dict):
                    yield f"{name}#{index}", item
