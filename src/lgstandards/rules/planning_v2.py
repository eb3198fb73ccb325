"""Rules beyond the schema for `planning-application-register` 2.x: dates, status, types, figures.

The 1.x rules stay in `planning.py`, unchanged; this module reuses their place, uniqueness and
wording helpers and adds what 2.0.0's fields need. What the codelists say (an outcome's
application types, MHCLG's approved combinations, a category's scales) is read from the newest
2.x codelists once, so a code added there is known here without a change of code.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from lgstandards.findings import Severity
from lgstandards.rules.base import Hit, RecordContext, Rule
from lgstandards.rules.planning import (
    REFERENCE_NOT_UNIQUE,
    UK_BOUNDS,
    outside_uk,
    ring_not_closed,
)

STANDARD = "planning-application-register@2"

_NONE: tuple[Hit, ...] = ()
_EMPTY: dict[str, Any] = {}


# -- what the codelists say ------------------------------------------------------------------------


@dataclass(frozen=True)
class _Codes:
    """The facts the rules read from the 2.x codelists."""

    #: Each application type's MHCLG parent, for the types that have one.
    parent: Mapping[str, str]
    #: Each type's partners in MHCLG's approved combined applications.
    combines_with: Mapping[str, frozenset[str]]
    #: Every listed application type.
    types: frozenset[str]
    #: The types (with their sub-types) each outcome belongs to; absent when it fits any type.
    outcome_types: Mapping[str, frozenset[str]]
    #: The development scales each development category goes with.
    category_scales: Mapping[str, frozenset[str]]


@functools.cache
def codes() -> _Codes:
    """Read the newest 2.x codelists once."""
    from lgstandards.registry import catalogue  # Late: the catalogue reads files.

    lists = catalogue().select(STANDARD, allow_draft=True).codelists
    types = lists["codelists/application-type.json"].codes
    outcomes = lists["codelists/decision-outcome.json"].codes
    categories = lists["codelists/development-category.json"].codes
    return _Codes(
        parent={str(t["code"]): str(t["parent"]) for t in types if t.get("parent")},
        combines_with={
            str(t["code"]): frozenset(t.get("combines_with") or ()) for t in types
        },
        types=frozenset(str(t["code"]) for t in types),
        outcome_types={
            str(o["code"]): frozenset(o["for_types"]) for o in outcomes if o.get("for_types")
        },
        category_scales={str(c["code"]): frozenset(c["scales"]) for c in categories},
    )


def _text(value: Any) -> str | None:
    """Return a value if it is a string, else None."""
    return value if type(value) is str else None


def _usable(ctx: RecordContext, pointer: str, value: Any) -> str | None:
    """Return a string value unless the schema already rejected it."""
    if type(value) is not str or (ctx.rejected and ctx.is_rejected(pointer)):
        return None
    return value


# -- dates -----------------------------------------------------------------------------------------

_LABELS = {
    "/received_date": "received date",
    "/valid_date": "valid date",
    "/statutory_expiry_date": "statutory expiry date",
    "/withdrawn_date": "withdrawn date",
    "/committee_date": "committee date",
    "/resolution_date": "resolution date",
    "/decision/decision_date": "decision date",
    "/consultation/start_date": "consultation start date",
    "/consultation/end_date": "consultation end date",
    "/planning_performance_agreement/agreed_date": "planning performance agreement date",
    "/planning_performance_agreement/decision_due_date":
        "decision date agreed in the planning performance agreement",
    "/appeal/lodged_date": "appeal lodged date",
    "/appeal/validated_date": "appeal validated date",
    "/appeal/started_date": "appeal start date",
    "/appeal/decision_date": "appeal decision date",
}


def _label(pointer: str) -> str:
    """Name a date for messages, including the dates of each extension of time."""
    if pointer.startswith("/time_extensions/"):
        _, _, index, field = pointer.split("/")
        which = "agreement date" if field == "agreed_date" else "new decision date"
        return f"extension of time {int(index) + 1}'s {which}"
    return _LABELS[pointer]


@dataclass(frozen=True, slots=True)
class _Dates:
    """A record's dates by pointer, only those that are text the schema accepted."""

    values: Mapping[str, str]

    def get(self, pointer: str) -> str | None:
        """Return the date at a pointer, or None."""
        return self.values.get(pointer)


#: The top-level dates, and the dates inside each object, with their pointers built once.
_TOP_DATES = tuple((name, "/" + name) for name in (
    "received_date", "valid_date", "statutory_expiry_date", "withdrawn_date", "committee_date",
    "resolution_date",
))
_INNER_DATES = tuple(
    (parent, tuple((name, f"/{parent}/{name}") for name in names))
    for parent, names in (
        ("decision", ("decision_date",)),
        ("consultation", ("start_date", "end_date")),
        ("planning_performance_agreement", ("agreed_date", "decision_due_date")),
        ("appeal", ("lodged_date", "validated_date", "started_date", "decision_date")),
    )
)


def _dates(ctx: RecordContext) -> _Dates | None:
    """Read every date the rules compare, once."""
    record = ctx.record
    if type(record) is not dict:
        return None
    found: dict[str, str] = {}
    # Inlined rather than a function per date: this runs on every record, for 15 dates.
    rejected = ctx.rejected
    for name, pointer in _TOP_DATES:
        value = record.get(name)
        if type(value) is str and value and not (rejected and ctx.is_rejected(pointer)):
            found[pointer] = value
    for parent, names in _INNER_DATES:
        inner = record.get(parent)
        if type(inner) is dict:
            for name, pointer in names:
                value = inner.get(name)
                if type(value) is str and value and not (rejected and ctx.is_rejected(pointer)):
                    found[pointer] = value
    extensions = record.get("time_extensions")
    if type(extensions) is list:
        for index, extension in enumerate(extensions):
            if type(extension) is dict:
                for name in ("agreed_date", "decision_due_date"):
                    pointer = f"/time_extensions/{index}/{name}"
                    value = extension.get(name)
                    if type(value) is str and value and not (
                        rejected and ctx.is_rejected(pointer)
                    ):
                        found[pointer] = value
    return _Dates(found)


def _order(hits: list[Hit], dates: _Dates, later: str, earlier: str, why: str) -> None:
    """Add a hit at `later` when its date is before the one at `earlier`."""
    values = dates.values
    late, early = values.get(later), values.get(earlier)
    if late and early and late < early:
        hits.append(Hit(
            later,
            f"The {_label(later)} {late} is before the {_label(earlier)} {early}; {why}",
            late,
        ))


def _not_after(hits: list[Hit], dates: _Dates, earlier: str, later: str, why: str) -> None:
    """Add a hit at `earlier` when its date is after the one at `later`."""
    early, late = dates.get(earlier), dates.get(later)
    if late and early and late < early:
        hits.append(Hit(
            earlier,
            f"The {_label(earlier)} {early} is after the {_label(later)} {late}; {why}",
            early,
        ))


def _extension_count(record: dict[str, Any]) -> int:
    """Return how many extensions of time the record lists."""
    extensions = record.get("time_extensions")
    return len(extensions) if type(extensions) is list else 0


def _out_of_order(ctx: RecordContext, dates: _Dates) -> Sequence[Hit]:
    """Report dates that run backwards."""
    hits: list[Hit] = []
    _order(hits, dates, "/valid_date", "/received_date",
           "an application cannot be valid before it is received.")
    # The clock runs from the valid date when there is one, else from the received date.
    start = "/valid_date" if dates.get("/valid_date") else "/received_date"
    for later, why in (
        ("/statutory_expiry_date", "the statutory period runs from the day the application "
         "is valid."),
        ("/committee_date", "a committee considers an application after it is received and "
         "valid."),
        ("/resolution_date", "the decision-maker resolves after the application is received "
         "and valid."),
        ("/decision/decision_date", "an application is decided after it is received and valid."),
    ):
        _order(hits, dates, later, start, why)
    _order(hits, dates, "/withdrawn_date", "/received_date",
           "an application cannot be withdrawn before it is received.")
    _order(hits, dates, "/decision/decision_date", "/resolution_date",
           "the decision notice follows the resolution to grant.")
    _order(hits, dates, "/consultation/end_date", "/consultation/start_date",
           "a consultation ends on or after the day it starts.")
    _order(hits, dates, "/planning_performance_agreement/decision_due_date",
           "/planning_performance_agreement/agreed_date",
           "the agreed decision date follows the day the agreement was signed.")
    record: dict[str, Any] = ctx.record
    previous = "/statutory_expiry_date"
    for index in range(_extension_count(record)):
        due = f"/time_extensions/{index}/decision_due_date"
        agreed = f"/time_extensions/{index}/agreed_date"
        why = ("an extension of time moves the decision date later than the statutory expiry "
               "date." if index == 0 else
               "extensions of time are listed oldest first, each later than the one before.")
        _order(hits, dates, due, previous, why)
        _order(hits, dates, agreed, "/received_date",
               "an extension of time is agreed for an application the authority has received.")
        _not_after(hits, dates, agreed, "/decision/decision_date",
                   "an extension of time is agreed before the decision, not after it.")
        if dates.get(due):
            previous = due
    for later, earlier, why in (
        ("/appeal/lodged_date", "/decision/decision_date", "an appeal against a decision "
         "follows it."),
        ("/appeal/validated_date", "/appeal/lodged_date", "an appeal is validated after it is "
         "lodged."),
        ("/appeal/started_date", "/appeal/lodged_date", "an appeal starts after it is lodged."),
        ("/appeal/decision_date", "/appeal/lodged_date", "an appeal is decided after it is "
         "lodged."),
        ("/appeal/decision_date", "/appeal/started_date", "an appeal is decided after it "
         "starts."),
    ):
        _order(hits, dates, later, earlier, why)
    # Each date is reported once, against the first date it contradicts.
    unique: dict[str, Hit] = {}
    for hit in hits:
        unique.setdefault(hit.pointer, hit)
    return tuple(unique.values()) or _NONE


#: Dates of things that have happened; expiry, due and committee dates may lie ahead.
_PAST = (
    "/received_date", "/valid_date", "/withdrawn_date", "/resolution_date",
    "/decision/decision_date", "/planning_performance_agreement/agreed_date",
    "/appeal/lodged_date", "/appeal/validated_date", "/appeal/started_date",
    "/appeal/decision_date",
)


def _in_future(ctx: RecordContext, dates: _Dates) -> Sequence[Hit]:
    """Report dates of past events that lie after today."""
    today = ctx.options.today
    if today is None:
        return _NONE
    now = today.isoformat()
    past = [p for p in _PAST if dates.get(p)]
    past += [p for p in dates.values if p.endswith("/agreed_date") and p not in past]
    hits: list[Hit] = []
    for pointer in past:
        value = dates.values[pointer]
        if value > now:
            hits.append(Hit(
                pointer,
                f"The {_label(pointer)} {value} is after today ({now}); it records something "
                "that has happened, so it cannot be in the future.",
                value,
            ))
    return hits or _NONE


def date_scan(ctx: RecordContext) -> dict[str, Sequence[Hit]]:
    """Read the record's dates once for both date rules; return their hits by code."""
    record = ctx.record
    if type(record) is not dict:
        return {}
    today = ctx.options.today
    rejected = ctx.rejected
    # A rejected date is left out by the full rules; a rejected pointer at or under a date's
    # names the date, and every date's name has "date" in it.
    if (
        not (rejected and any("date" in pointer for pointer in rejected))
        and _calm(record, None if today is None else _iso(today))
    ):
        return {}
    return date_hits(ctx)


@functools.lru_cache(maxsize=4)
def _iso(day: date) -> str:
    """Return a day as YYYY-MM-DD, worked out once per run rather than once a record."""
    return day.isoformat()


def date_hits(ctx: RecordContext) -> dict[str, Sequence[Hit]]:
    """Judge the record's dates in full, for the records `_calm` cannot clear."""
    dates = _dates(ctx)
    if dates is None:
        return {}
    found: dict[str, Sequence[Hit]] = {}
    order = _out_of_order(ctx, dates)
    if order:
        found["planning.dates-out-of-order"] = order
    future = _in_future(ctx, dates)
    if future:
        found["planning.date-in-future"] = future
    return found


def _calm(record: dict[str, Any], now: str | None) -> bool:
    """Return True only if neither date rule can find anything in the record.

    Every record pays for the date rules, and almost every record's dates are in order: this
    makes the comparisons `_out_of_order` and `_in_future` make, on the values as they are, and
    the full rules run only when one of them fails. A value that is not text makes a comparison
    with text raise an error, which also sends the record to the full rules, so a True here
    is never wrong (the full rules ignore what is not text).
    """
    get = record.get
    received, valid = get("received_date"), get("valid_date")
    expiry, withdrawn = get("statutory_expiry_date"), get("withdrawn_date")
    committee, resolution = get("committee_date"), get("resolution_date")
    decision, consultation = get("decision"), get("consultation")
    agreement, appeal = get("planning_performance_agreement"), get("appeal")
    decided = decision.get("decision_date") if type(decision) is dict else None
    opens = closes = agreed = due = lodged = validated = started = closed = None
    if type(consultation) is dict:
        opens, closes = consultation.get("start_date"), consultation.get("end_date")
    if type(agreement) is dict:
        agreed, due = agreement.get("agreed_date"), agreement.get("decision_due_date")
    if type(appeal) is dict:
        lodged, validated = appeal.get("lodged_date"), appeal.get("validated_date")
        started, closed = appeal.get("started_date"), appeal.get("decision_date")
    start = valid or received
    try:
        if (
            (valid and received and valid < received)
            or (start and ((expiry and expiry < start) or (committee and committee < start)
                           or (resolution and resolution < start)
                           or (decided and decided < start)))
            or (withdrawn and received and withdrawn < received)
            or (decided and resolution and decided < resolution)
            or (closes and opens and closes < opens)
            or (due and agreed and due < agreed)
            or (lodged and ((decided and lodged < decided) or (validated and validated < lodged)
                            or (started and started < lodged) or (closed and closed < lodged)))
            or (closed and started and closed < started)
        ):
            return False
        if now is not None:
            for value in (received, valid, withdrawn, resolution, decided, agreed, lodged,
                          validated, started, closed):
                if value and value > now:
                    return False
        extensions = get("time_extensions")
        if extensions:
            if type(extensions) is not list:
                return False
            previous = expiry
            for extension in extensions:
                if type(extension) is not dict:
                    continue
                due, agreed = extension.get("decision_due_date"), extension.get("agreed_date")
                if (
                    (due and previous and due < previous)
                    or (agreed and ((received and agreed < received)
                                    or (decided and decided < agreed)
                                    or (now is not None and agreed > now)))
                ):
                    return False
                if due:
                    previous = due
    except Exception:  # Values that are not text: the full rules skip them.
        return False
    return True


# -- status ----------------------------------------------------------------------------------------

_DECIDED = frozenset({"determined", "appealed"})
#: Statuses at which no resolution can have been made yet.
_BEFORE_RESOLUTION = frozenset(
    {"received", "invalid", "validated", "consultation", "awaiting-decision", "returned"}
)


def _status(ctx: RecordContext) -> str | None:
    """Return the record's status if it is text the schema accepted."""
    record = ctx.record
    return _usable(ctx, "/status", record.get("status")) if type(record) is dict else None


def decision_without_determination(ctx: RecordContext) -> Sequence[Hit]:
    """Report a decision on a record whose status says it is undecided, withdrawn or returned."""
    record = ctx.record
    if type(record) is not dict or "decision" not in record:
        return _NONE
    # Inlined `_status`, and the rejection asked last: most decided records are determined.
    status = record.get("status")
    if (
        type(status) is not str or status in _DECIDED
        or (ctx.rejected and ctx.is_rejected("/status"))
    ):
        return _NONE
    why = {
        "withdrawn": "a withdrawn application was never decided",
        "returned": "a returned application was never decided",
        "resolution-to-grant-subject-to-s106": "a resolution to grant is not yet a decision: "
        "the decision comes when the notice is issued, and the status then becomes "
        "'determined'",
    }.get(status, "an application with a decision is 'determined' (or 'appealed')")
    return (Hit(
        "/decision",
        f"The status is {status!r} but the record has a decision; {why}. Correct the status or "
        "remove the decision.",
        status,
    ),)


def withdrawn_date_without_withdrawal(ctx: RecordContext) -> Sequence[Hit]:
    """Report a withdrawn date on a record whose status is not 'withdrawn'."""
    record = ctx.record
    if type(record) is not dict or "withdrawn_date" not in record:
        return _NONE
    status = record.get("status")
    if (
        type(status) is not str or status == "withdrawn"
        or (ctx.rejected and ctx.is_rejected("/status"))
    ):
        return _NONE
    return (Hit(
        "/withdrawn_date",
        f"The record has a withdrawn date but its status is {status!r}; set the status to "
        "'withdrawn' or remove the withdrawn date.",
        _text(record["withdrawn_date"]),
    ),)


def appeal_without_appealed_status(ctx: RecordContext) -> Sequence[Hit]:
    """Report an appeal on a record whose status is not 'appealed'."""
    record = ctx.record
    if type(record) is not dict or "appeal" not in record:
        return _NONE
    status = record.get("status")
    if (
        type(status) is not str or status == "appealed"
        or (ctx.rejected and ctx.is_rejected("/status"))
    ):
        return _NONE
    return (Hit(
        "/appeal",
        f"The record has an appeal but its status is {status!r}; an application with an appeal "
        "is 'appealed' (the appeal's outcome says how it ended).",
        status,
    ),)


def resolution_date_without_resolution(ctx: RecordContext) -> Sequence[Hit]:
    """Report a resolution date on a record whose status comes before any resolution."""
    record = ctx.record
    if type(record) is not dict or "resolution_date" not in record:
        return _NONE
    status = record.get("status")
    if (
        type(status) is not str or status not in _BEFORE_RESOLUTION
        or (ctx.rejected and ctx.is_rejected("/status"))
    ):
        return _NONE
    return (Hit(
        "/resolution_date",
        f"The record has a resolution date but its status is {status!r}, which comes before "
        "any resolution; set the status to 'resolution-to-grant-subject-to-s106' (or what "
        "followed it), or remove the date.",
        _text(record["resolution_date"]),
    ),)


# -- types and outcomes ----------------------------------------------------------------------------


def _types(ctx: RecordContext) -> list[str] | None:
    """Return the record's application types if the schema accepted them all."""
    record = ctx.record
    types = record.get("application_types") if type(record) is dict else None
    if type(types) is not list or (ctx.rejected and ctx.is_rejected("/application_types")):
        return None
    for code in types:
        if type(code) is not str:
            return None
    return types


def _family(code: str, parent: Mapping[str, str]) -> set[str]:
    """Return a type code and every broader type above it."""
    found = {code}
    while code in parent and parent[code] not in found:
        code = parent[code]
        found.add(code)
    return found


@functools.lru_cache(maxsize=1024)
def _families(types: tuple[str, ...]) -> frozenset[str] | None:
    """Return the types and every broader type above them, or None if one is not known."""
    # Cached: a register holds a few dozen combinations of types among thousands of records.
    known = codes()
    if any(t not in known.types or t == "other" for t in types):
        # A local or future type may be one the outcome belongs to: nothing to judge.
        return None
    return frozenset().union(*(_family(t, known.parent) for t in types))


def outcome_unusual_for_type(ctx: RecordContext) -> Sequence[Hit]:
    """Report an outcome or recommendation that belongs to application types the record lacks."""
    record = ctx.record
    if type(record) is not dict:
        return _NONE
    # Most outcomes (granted, refused ...) fit every type: only one tied to types is judged.
    tied = codes().outcome_types
    decision = record.get("decision")
    outcome = decision.get("outcome") if type(decision) is dict else None
    recommendation = record.get("officer_recommendation")
    if not (
        (type(outcome) is str and outcome in tied)
        or (type(recommendation) is str and recommendation in tied)
    ):
        return _NONE
    types = record.get("application_types")
    if type(types) is not list or not types:
        return _NONE
    try:
        found = _outcome_verdicts(
            outcome if type(outcome) is str else None,
            recommendation if type(recommendation) is str else None,
            tuple(types),
        )
    except TypeError:  # A type that is a list or an object: the schema's business.
        return _NONE
    if not found or _types(ctx) is None:
        return _NONE
    hits = [
        Hit(pointer, message, value)
        for pointer, message, value in found
        if not (ctx.rejected and ctx.is_rejected(pointer))
    ]
    return hits or _NONE


@functools.lru_cache(maxsize=1024)
def _outcome_verdicts(
    outcome: str | None, recommendation: str | None, types: tuple[str, ...]
) -> tuple[tuple[str, str, str], ...]:
    """Return (pointer, message, value) for each of the two outcomes foreign to the types."""
    # Cached: a register holds a few dozen outcomes and combinations of types.
    families = _families(types)
    if families is None:
        return ()
    tied = codes().outcome_types
    found: list[tuple[str, str, str]] = []
    for pointer, value in (("/decision/outcome", outcome),
                           ("/officer_recommendation", recommendation)):
        allowed = tied.get(value or "")
        if value and allowed and not allowed & families:
            listed = ", ".join(sorted(allowed))
            found.append((
                pointer,
                f"{value!r} is an outcome for {listed} applications, but this one is "
                f"{', '.join(types)}; check the outcome or the application types.",
                value,
            ))
    return tuple(found)


def unusual_type_combination(ctx: RecordContext) -> Sequence[Hit]:
    """Report application types that MHCLG does not combine in one application."""
    record = ctx.record
    listed = record.get("application_types") if type(record) is dict else None
    if type(listed) is not list or len(listed) < 2:
        return _NONE  # One type, the usual case, combines with nothing.
    types = _types(ctx)
    if not types:
        return _NONE
    why = _combination(tuple(types))
    return _NONE if why is None else (Hit("/application_types", why, types),)


@functools.lru_cache(maxsize=1024)
def _combination(types: tuple[str, ...]) -> str | None:
    """Say why application types do not go together, or None if they do."""
    # Cached: a register holds a few dozen combinations of types among thousands of records.
    known = codes()
    listed = [t for t in types if t in known.types and t != "other"]
    for i, first in enumerate(listed):
        for second in listed[i + 1:]:
            if first in _family(second, known.parent) or second in _family(first, known.parent):
                broad, narrow = (first, second) if first in _family(
                    second, known.parent) else (second, first)
                return (f"{narrow!r} is a kind of {broad!r}, so listing both says the same "
                        f"thing twice; keep only {narrow!r}.")
            if second not in known.combines_with.get(first, frozenset()):
                return (f"MHCLG does not combine {first!r} with {second!r} in one application; "
                        "if the authority registered two applications, publish two records "
                        "linked as 'related'.")
    return None


def category_scale_mismatch(ctx: RecordContext) -> Sequence[Hit]:
    """Report a development category that does not go with the development scale given."""
    record = ctx.record
    if type(record) is not dict:
        return _NONE
    category, scale = record.get("development_category"), record.get("development_scale")
    if type(category) is not str or not category or scale not in ("major", "minor", "other"):
        # Scotland's national and local scales have no PS2 categories to compare with.
        return _NONE
    scales = codes().category_scales.get(category)
    if scales is None or scale in scales:
        return _NONE
    if ctx.rejected and (
        ctx.is_rejected("/development_category") or ctx.is_rejected("/development_scale")
    ):
        return _NONE  # Asked last: only a record that would be reported pays for it.
    return (Hit(
        "/development_category",
        f"PS2 counts {category!r} as {' or '.join(sorted(scales))} development, but the "
        f"development scale is {scale!r}; correct one of the two.",
        category,
    ),)


def net_dwellings_exceed_proposed(ctx: RecordContext) -> Sequence[Hit]:
    """Report a net gain of homes larger than the homes proposed."""
    record = ctx.record
    dwellings = record.get("dwellings") if type(record) is dict else None
    if type(dwellings) is not dict or (ctx.rejected and ctx.is_rejected("/dwellings")):
        return _NONE
    proposed, net = dwellings.get("proposed"), dwellings.get("net")
    if type(proposed) is not int or type(net) is not int or net <= proposed:
        return _NONE
    return (Hit(
        "/dwellings/net",
        f"The net gain of {net} homes is more than the {proposed} proposed; net is the homes "
        "proposed less those lost, so it cannot exceed them.",
        net,
    ),)


def linked_to_itself(ctx: RecordContext) -> Sequence[Hit]:
    """Report a linked application that is the record itself."""
    record = ctx.record
    links = record.get("linked_applications") if type(record) is dict else None
    if type(links) is not list or not links:
        return _NONE
    reference = record.get("reference")
    # A link of another reference, the usual kind, needs nothing more.
    for link in links:
        if type(link) is dict and link.get("reference") == reference:
            break
    else:
        return _NONE
    reference = _usable(ctx, "/reference", reference)
    if not reference:
        return _NONE
    organisation = record.get("organisation")
    own = organisation.get("organisation") if type(organisation) is dict else None
    hits = [
        Hit(
            f"/linked_applications/{index}",
            f"The linked application {reference!r} is this application itself; link the "
            "application it follows from or relates to.",
            reference,
        )
        for index, link in enumerate(links)
        if type(link) is dict and link.get("reference") == reference
        and link.get("organisation", own) == own
    ]
    return hits or _NONE


# -- quiet schemas --------------------------------------------------------------------------------
# Each says, in JSON Schema, when its rule cannot find anything in a valid record; the checker
# judges them with the standard's schema in one engine call and skips the rules for the many
# records that pass. Each may refuse more than its rule reports (the rule then runs and decides),
# never less: a record passes only if the rule would find nothing.


def _when_present(field: str, status: Mapping[str, Any]) -> Mapping[str, Any]:
    """Say that a record with `field` has a status `status` accepts (or none)."""
    return {"if": {"required": [field]}, "then": {"properties": {"status": status}}}


def _decided_quiet() -> Mapping[str, Any]:
    return _when_present("decision", {"enum": sorted(_DECIDED)})


def _withdrawn_quiet() -> Mapping[str, Any]:
    return _when_present("withdrawn_date", {"const": "withdrawn"})


def _appeal_quiet() -> Mapping[str, Any]:
    return _when_present("appeal", {"const": "appealed"})


def _resolution_quiet() -> Mapping[str, Any]:
    return _when_present("resolution_date", {"not": {"enum": sorted(_BEFORE_RESOLUTION)}})


def _outcome_quiet() -> Mapping[str, Any]:
    """Say that each outcome tied to types comes with a type of its family."""
    known = codes()
    branches: list[Mapping[str, Any]] = []
    for outcome, allowed in sorted(known.outcome_types.items()):
        fitting = sorted(t for t in known.types if _family(t, known.parent) & allowed)
        then = {"properties": {"application_types": {"contains": {"enum": fitting}}}}
        branches.append({
            "if": {"required": ["decision"], "properties": {"decision": {
                "required": ["outcome"], "properties": {"outcome": {"const": outcome}}}}},
            "then": then,
        })
        branches.append({
            "if": {"required": ["officer_recommendation"],
                   "properties": {"officer_recommendation": {"const": outcome}}},
            "then": then,
        })
    return {"allOf": branches}


def _combination_quiet() -> Mapping[str, Any]:
    return {"properties": {"application_types": {"maxItems": 1}}}


def _category_quiet() -> Mapping[str, Any]:
    """Say that the category is none of those PS2 counts at another scale."""
    scales = codes().category_scales
    return {"allOf": [
        {
            "if": {"required": ["development_scale"],
                   "properties": {"development_scale": {"const": scale}}},
            "then": {"properties": {"development_category": {
                "not": {"enum": sorted(c for c, fits in scales.items() if scale not in fits)}}}},
        }
        for scale in ("major", "minor", "other")
    ]}


def _inside_quiet() -> Mapping[str, Any]:
    """Say that the site's point and every position of its geometry are inside the UK's box."""
    west, south, east, north = UK_BOUNDS
    # Numbers only: what is not a number (or not finite) is left to the rule.
    position = {"prefixItems": [
        {"type": "number", "minimum": west, "maximum": east},
        {"type": "number", "minimum": south, "maximum": north},
    ]}
    shapes = (("Point", position), ("Polygon", {"items": {"items": position}}),
              ("MultiPolygon", {"items": {"items": {"items": position}}}))
    return {"properties": {"site": {"properties": {
        "point": position,
        "geometry": {"allOf": [
            {"if": {"required": ["type"], "properties": {"type": {"const": kind}}},
             "then": {"properties": {"coordinates": coordinates}}}
            for kind, coordinates in shapes
        ]},
    }}}}


RULES: tuple[Rule, ...] = (
    Rule(
        "planning.dates-out-of-order", Severity.ERROR, "Dates out of order",
        "Correct the date the message names: received on or before valid, valid on or before "
        "the statutory expiry date, committee, resolution and decision; each extension of time "
        "later than the date before it and agreed before the decision; consultation ending on "
        "or after it starts; an appeal lodged after the decision, and validated, started and "
        "decided after it is lodged.",
        scan=date_scan,
    ),
    Rule(
        "planning.date-in-future", Severity.WARNING, "Date of a past event is in the future",
        "Check the date: received, valid, withdrawn, resolution, decision, agreement and appeal "
        "dates record events that have happened. Pass --today when checking data as of another "
        "day.",
        scan=date_scan,
    ),
    Rule(
        "planning.decision-without-determination", Severity.ERROR,
        "Decision on an application that is not decided",
        "Set the status to 'determined' (or 'appealed') if the application was decided; "
        "otherwise remove the decision.",
        check=decision_without_determination,
        quiet=_decided_quiet,
    ),
    Rule(
        "planning.withdrawn-date-without-withdrawal", Severity.ERROR,
        "Withdrawn date on an application that is not withdrawn",
        "Set the status to 'withdrawn' if the applicant withdrew it; otherwise remove the "
        "withdrawn date.",
        check=withdrawn_date_without_withdrawal,
        quiet=_withdrawn_quiet,
    ),
    Rule(
        "planning.appeal-without-appealed-status", Severity.ERROR,
        "Appeal on an application whose status is not 'appealed'",
        "Set the status to 'appealed' when there is an appeal, even once it is decided; "
        "otherwise remove the appeal.",
        check=appeal_without_appealed_status,
        quiet=_appeal_quiet,
    ),
    Rule(
        "planning.resolution-date-without-resolution", Severity.ERROR,
        "Resolution date on an application not yet resolved",
        "Set the status to 'resolution-to-grant-subject-to-s106' (or the status that followed "
        "it); otherwise remove the resolution date.",
        check=resolution_date_without_resolution,
        quiet=_resolution_quiet,
    ),
    Rule(
        "planning.outcome-unusual-for-type", Severity.WARNING,
        "Outcome that belongs to another application type",
        "Check the outcome and the application types: prior approval outcomes are for prior "
        "approvals, EIA outcomes for EIA opinions, discharge outcomes for conditions.",
        check=outcome_unusual_for_type,
    ),
    Rule(
        "planning.unusual-type-combination", Severity.WARNING,
        "Application types MHCLG does not combine",
        "List only the combinations MHCLG allows (such as hh with lbc), without a type's broader "
        "type; publish separately registered applications as separate linked records.",
        check=unusual_type_combination,
    ),
    Rule(
        "planning.category-scale-mismatch", Severity.ERROR,
        "Development category and scale disagree",
        "Correct the development category or the development scale: dwellings and the other "
        "building categories are major or minor; householder, change of use and the rest are "
        "other.",
        check=category_scale_mismatch,
        quiet=_category_quiet,
    ),
    Rule(
        "planning.net-dwellings-exceed-proposed", Severity.ERROR,
        "Net gain of homes larger than the homes proposed",
        "Give net as the homes proposed less the homes lost.",
        check=net_dwellings_exceed_proposed,
    ),
    Rule(
        "planning.linked-to-itself", Severity.ERROR, "Application linked to itself",
        "Link the application this one follows from or relates to, not its own reference.",
        check=linked_to_itself,
    ),
    Rule(
        "planning.reference-not-unique", Severity.ERROR,
        "Reference used twice by one planning authority",
        "Give each application its own reference; if the rows are one application, merge them.",
        across=REFERENCE_NOT_UNIQUE,
    ),
    Rule(
        "planning.ring-not-closed", Severity.ERROR, "Boundary ring not closed",
        "End each ring of the boundary with the same position it starts with.",
        check=ring_not_closed,
    ),
    Rule(
        "planning.outside-uk", Severity.ERROR, "Site outside the United Kingdom",
        "Give WGS84 [longitude, latitude] in degrees: check for swapped values, a lost minus "
        "sign, a [0, 0] placeholder or grid references not yet converted.",
        check=outside_uk,
    ),
)
