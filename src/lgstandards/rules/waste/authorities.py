"""Collection and disposal authorities: which kinds of council can have which waste role."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from lgstandards.rules.base import Hit, RecordContext
from lgstandards.rules.waste.shared import NONE, is_rejected

#: GSS code prefixes of councils that collect household waste and those that dispose of it.
#: A metropolitan borough's waste may go to a combined authority (E47: Greater Manchester) or a
#: metropolitan county's joint authority (E11: Merseyside), codes `common` accepts from 1.1.0;
#: 1.0.0 refused them, so the 1.x standards on common 1.0.0 never reach them here.
COLLECTION_PREFIXES = frozenset({"E06", "E07", "E08", "E09", "W06", "S12", "N09"})
DISPOSAL_PREFIXES = frozenset({"E06", "E08", "E09", "E10", "E11", "E47", "W06", "S12", "N09"})

_KINDS = {
    "E06": "a unitary authority", "E07": "a non-metropolitan district council",
    "E08": "a metropolitan borough council", "E09": "a London borough",
    "E10": "a county council", "W06": "a Welsh principal council",
    "S12": "a Scottish council", "N09": "a Northern Irish district council",
    "E11": "a metropolitan county's joint authority", "E12": "a region",
    "E26": "a national park authority", "E47": "a combined authority",
    "E51": "a development corporation", "E60": "a local planning authority",
    "W18": "a Welsh national park authority", "S21": "a Scottish national park authority",
}

#: Who may dispose of the waste each kind of collecting council collects, besides itself.
_OTHER_DISPOSERS = {"E07": ("E10",), "E08": ("E11", "E47")}


def _gss(ctx: RecordContext, council: Any, pointer: str) -> str | None:
    """Return a council object's GSS code, unless absent or rejected by the schema."""
    code = council.get("gss_code") if type(council) is dict else None
    if type(code) is not str or len(code) != 9:
        return None
    if ctx.rejected and is_rejected(ctx, pointer):
        return None
    return code


def authority_hits(
    ctx: RecordContext, collector: Any, collector_at: str, disposer: Any, disposer_at: str
) -> Sequence[Hit]:
    """Check a collection authority and a disposal authority (either may be None)."""
    collect = _gss(ctx, collector, collector_at) if collector is not None else None
    dispose = _gss(ctx, disposer, disposer_at) if disposer is not None else None
    if collect is None and dispose is None:
        return NONE
    return _authority_verdict(collect, collector_at, dispose, disposer_at)


@functools.lru_cache(maxsize=1024)
def _authority_verdict(
    collect: str | None, collector_at: str, dispose: str | None, disposer_at: str
) -> tuple[Hit, ...]:
    """Judge a pair of GSS codes once for all the records of a council."""
    hits: list[Hit] = []
    if collect is not None and collect[:3] not in COLLECTION_PREFIXES:
        hits.append(Hit(
            collector_at,
            f"{collect} is the code of {_KINDS.get(collect[:3], 'a body')}, which does not "
            "collect household waste: county councils dispose of it and their districts (E07) "
            "collect it. Give the collecting council's code.",
            collect,
        ))
        collect = None
    if dispose is not None and dispose[:3] not in DISPOSAL_PREFIXES:
        hits.append(Hit(
            disposer_at,
            f"{dispose} is the code of {_KINDS.get(dispose[:3], 'a body')}, which does not "
            "dispose of household waste: a district's waste goes to its county council (E10). "
            "Give the disposal authority's code, or only its organisation identifier for a "
            "joint waste authority.",
            dispose,
        ))
        dispose = None
    if collect is not None and dispose is not None:
        expected = "E10" if collect[:3] == "E07" else collect[:3]
        if dispose[:3] != expected and dispose[:3] not in _OTHER_DISPOSERS.get(collect[:3], ()):
            why = (
                "a district's waste is disposed of by its county council (E10)"
                if expected == "E10" else
                f"{_KINDS[collect[:3]]} disposes of its own waste (or a joint waste authority, "
                "named by its organisation identifier, does)"
                if dispose[:3] not in ("E11", "E47") else
                f"only a metropolitan borough's waste goes to {_KINDS[dispose[:3]]}"
            )
            hits.append(Hit(
                disposer_at,
                f"The disposal authority {dispose} ({_KINDS.get(dispose[:3], 'unknown')}) "
                f"cannot go with the collection authority {collect}: {why}.",
                dispose,
            ))
    return tuple(hits)


def schedule_authority_prefix(ctx: RecordContext) -> Sequence[Hit]:
    """Report a property's collection or disposal authority whose GSS code cannot have that role."""
    record = ctx.record
    place = record.get("property") if type(record) is dict else None
    if type(place) is not dict:
        return NONE
    return authority_hits(
        ctx,
        place.get("collection_authority"), "/property/collection_authority/gss_code",
        place.get("disposal_authority"), "/property/disposal_authority/gss_code",
    )


def _collector(ctx: RecordContext, record: dict[str, Any]) -> tuple[Any, str]:
    """Return the council that collects and where: collection_authority, else the publisher.

    From waste-missed-collection-report and waste-bulky-booking 1.1.0 and the catalogue's 2.0.0,
    a county or combined authority may publish for the councils that collect, naming the one
    that collects in `collection_authority`. Records of 1.0.0 cannot have that field (the schema
    rejects it), so for them the publisher is judged as before.
    """
    named = record.get("collection_authority")
    if named is not None and not (ctx.rejected and is_rejected(ctx, "/collection_authority")):
        return named, "/collection_authority/gss_code"
    return record.get("publisher"), "/publisher/gss_code"


def catalogue_authority_prefix(ctx: RecordContext) -> Sequence[Hit]:
    """Report a catalogue's collecting council or disposal authority that cannot have that role."""
    record = ctx.record
    if type(record) is not dict:
        return NONE
    collector, collector_at = _collector(ctx, record)
    return authority_hits(
        ctx, collector, collector_at,
        record.get("disposal_authority"), "/disposal_authority/gss_code",
    )


def publisher_authority_prefix(ctx: RecordContext) -> Sequence[Hit]:
    """Report a collecting council (collection_authority, else publisher) that cannot collect."""
    record = ctx.record
    if type(record) is not dict:
        return NONE
    collector, collector_at = _collector(ctx, record)
    return authority_hits(ctx, collector, collector_at, None, "")


