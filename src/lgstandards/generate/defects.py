"""The named defects of invalid records, each checked to give exactly the finding it names.

A defect is made on a valid example record, before it is compiled into a template, so the
records made from the defective template all carry it. Each defect says which finding codes it
may give and where; a defective template is kept only when `validate` (its schema and every
rule) gives exactly one finding, of one of those codes, at that place: then the sidecar's code
and pointer are what `validate` reports for every record made from it.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from lgstandards.registry import StandardVersion

__all__ = ["DEFECTS", "EXAMPLES_TODAY", "Candidate", "candidates", "variants_for"]

#: The day the examples are written about; defects are checked with it as today, so that a
#: finding about dates in the future means what it says whenever the check runs.
EXAMPLES_TODAY = dt.date(2026, 12, 5)

#: Every defect generate makes, and what it does.
DEFECTS: Mapping[str, str] = {
    "missing-required": "a field the standard requires is left out",
    "unknown-property": "a field the standard does not define is added at the top level",
    "uprn-as-number": "a UPRN is written as a JSON number, losing any zeros in front",
    "postcode-lower-case": "a postcode is written in lower case",
    "date-as-written": "a date is written day first with slashes (31/12/2026), as people do",
    "unlisted-status": "a status is not one of the standard's codes",
    "decided-before-received": "a planning decision is dated before the application arrived",
    "end-before-start": "an end date comes before the start date",
    "updated-before-created": "the last update is dated before the record was made",
    "slot-before-booking": "a bulky waste slot is before the day it was booked",
    "reported-before-collection": "a missed collection is reported before it was due",
    "unknown-service": "a collection names a service the schedule does not list",
}

_Edit = Callable[[dict[str, Any]], None]


@dataclass(frozen=True)
class Candidate:
    """A defect that can be made on one record, and the findings it may give, at one place."""

    defect: str
    codes: tuple[str, ...]
    pointer: str
    edit: _Edit

    def apply(self, record: Mapping[str, Any]) -> dict[str, Any]:
        """Return a copy of the record with the defect made."""
        out = copy.deepcopy(dict(record))
        self.edit(out)
        return out


def _parts(pointer: str) -> list[str]:
    """Return a JSON pointer's tokens."""
    return [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]


def _get(record: Any, pointer: str) -> Any:
    """Return the value at a pointer, or None when there is none."""
    node = record
    for part in _parts(pointer):
        if isinstance(node, dict):
            node = node.get(part)
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _setter(pointer: str, value: Callable[[Any], Any] | None) -> _Edit:
    """Return an edit that sets (or, given None, removes) the value at a pointer."""
    *head, last = _parts(pointer)

    def edit(record: dict[str, Any]) -> None:
        node: Any = record
        for part in head:
            node = node[int(part)] if isinstance(node, list) else node[part]
        if value is None:
            del node[last]
        else:
            node[last] = value(record)

    return edit


def _value(value: Any) -> Callable[[Any], Any]:
    """Return a maker of one fixed value, whatever the record."""
    return lambda _: value


def _day_before(record: Any, target: str, source: str, days: int) -> str:
    """Return the date `days` before the one at pointer `source`, written as `target` is."""
    earlier = dt.date.fromisoformat(str(_get(record, source))[:10]) - dt.timedelta(days=days)
    # A date-time keeps its time of day and offset: only the day is moved.
    return earlier.isoformat() + target[10:]


def _strings(value: Any, pointer: str) -> Iterator[tuple[str, str, str]]:
    """Yield (pointer, key, text) for every string in a record, depth first."""
    if isinstance(value, dict):
        for key, item in value.items():
            where = f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}"
            if isinstance(item, str):
                yield where, key, item
            else:
                yield from _strings(item, where)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            if isinstance(item, str):
                yield f"{pointer}/{index}", "", item
            else:
                yield from _strings(item, f"{pointer}/{index}")


def _is_date(text: str) -> bool:
    """Return whether a string is an ISO date or starts as a date-time does."""
    try:
        dt.date.fromisoformat(text[:10])
    except ValueError:
        return False
    return len(text) == 10 or text[10:11] == "T"


#: Rule defects: (defect, later pointer, earlier pointer, days before, codes).
_ORDER: tuple[tuple[str, str, str, int, tuple[str, ...]], ...] = (
    ("decided-before-received", "/decision/decision_date", "/received_date", 14,
     ("planning.dates-out-of-order",)),
    ("decided-before-received", "/decision_date", "/received_date", 14,
     ("planning.dates-out-of-order",)),
    ("end-before-start", "/end_date", "/start_date", 7, ("waste.dates-out-of-order",)),
    ("updated-before-created", "/updated_at", "/requested_at", 2, ("waste.dates-out-of-order",)),
    ("updated-before-created", "/updated_at", "/created_at", 2, ("waste.dates-out-of-order",)),
    ("updated-before-created", "/updated_at", "/published_at", 2, ("waste.dates-out-of-order",)),
    ("slot-before-booking", "/slot/date", "/booked_at", 7, ("waste.slot-before-booking",)),
    ("reported-before-collection", "/reported_at", "/collection_date", 2,
     ("waste.outside-report-window", "waste.dates-out-of-order")),
)


def candidates(record: Mapping[str, Any], schema: Mapping[str, Any]) -> Iterator[Candidate]:
    """Yield every defect of DEFECTS that can be made on this record, at each place it fits."""
    for key in schema.get("required") or ():
        if key in record and key != "$schema":
            yield Candidate("missing-required", ("schema.required",), f"/{key}",
                            _setter(f"/{key}", None))
    if schema.get("additionalProperties") is False or schema.get("unevaluatedProperties") is False:
        yield Candidate("unknown-property",
                        ("schema.additional-properties", "schema.unevaluated-properties"),
                        "/unexpected_field", _setter("/unexpected_field", _value("unexpected")))
    seen: set[str] = set()
    for pointer, key, text in _strings(record, ""):
        if key in ("uprn", "parent_uprn") and text.isdigit() and "uprn-as-number" not in seen:
            seen.add("uprn-as-number")
            yield Candidate("uprn-as-number", ("schema.type",), pointer,
                            _setter(pointer, _value(int(text))))
        elif key == "postcode" and text != text.lower() and "postcode-lower-case" not in seen:
            seen.add("postcode-lower-case")
            yield Candidate("postcode-lower-case", ("schema.pattern", "schema.format"), pointer,
                            _setter(pointer, _value(text.lower())))
        elif key and _is_date(text) and "date-as-written" not in seen:
            seen.add("date-as-written")
            day = dt.date.fromisoformat(text[:10])
            yield Candidate("date-as-written", ("schema.pattern", "schema.format"), pointer,
                            _setter(pointer, _value(day.strftime("%d/%m/%Y"))))
    if isinstance(record.get("status"), str):
        yield Candidate("unlisted-status", ("schema.enum",), "/status",
                        _setter("/status", _value("not-a-listed-status")))
    for defect, later, earlier, days, codes in _ORDER:
        target, source = _get(record, later), _get(record, earlier)
        if isinstance(target, str) and isinstance(source, str) and _is_date(target) \
                and _is_date(source):
            yield Candidate(defect, codes, later, _setter(
                later, functools.partial(_day_before, target=target, source=earlier, days=days)))
    collections = record.get("collections")
    if isinstance(collections, list) and collections and isinstance(collections[0], dict) \
            and isinstance(collections[0].get("service_id"), str):
        yield Candidate("unknown-service", ("waste.unknown-service",),
                        "/collections/0/service_id",
                        _setter("/collections/0/service_id", _value("no-such-service")))


def variants_for(version: StandardVersion, examples: Mapping[str, Any], *, movable: bool
                 ) -> tuple[tuple[Any, ...], ...]:
    """Return, per example record, its defective templates that give exactly their finding."""
    from lgstandards.conformance import Checker
    from lgstandards.generate import _Variant
    from lgstandards.generate.templates import compile_template, template_records
    from lgstandards.rules.base import RuleOptions

    checker = Checker.for_standard(version.ref, options=RuleOptions(today=EXAMPLES_TODAY),
                                   allow_draft=True)
    groups: list[tuple[_Variant, ...]] = []
    for name, record in template_records(examples):
        kept: list[_Variant] = []
        for candidate in candidates(record, version.schema):
            broken = candidate.apply(record)
            template = compile_template(f"{name}:{candidate.defect}", broken, movable=movable)
            found = _only_finding(checker, template, candidate)
            if found is not None:
                kept.append(_Variant(template, candidate.defect, found, candidate.pointer))
        if kept:
            groups.append(tuple(kept))
    return tuple(groups)


def _only_finding(checker: Any, template: Any, candidate: Candidate) -> str | None:
    """Return the one finding's code when records of a template give just it, else None."""
    import json
    import random

    from lgstandards.generate.templates import Filler, Template

    assert isinstance(template, Template)
    # The earliest and latest placing of the dates, and two sets of identifiers.
    codes: set[str] = set()
    for weeks in {template.weeks[0], template.weeks[-1]}:
        pinned = Template(template.name, template.chunks, template.slots, template.tokens,
                          (weeks,))
        filler = Filler((pinned,), 2, random.Random(weeks))
        records = [json.loads(filler.fill(pinned, n)) for n in range(2)]
        for result in checker.iter_records(records):
            found = [(f.code, f.pointer) for f in result.findings]
            if len(found) != 1 or found[0][1] != candidate.pointer \
                    or found[0][0] not in candidate.codes:
                return None
            codes.add(found[0][0])
    return codes.pop() if len(codes) == 1 else None
