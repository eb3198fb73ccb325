"""Collection and disposal authorities: which kinds of council can have which waste role."""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import Any

from lgstandards.rules.base import Hit, RecordContext
from lgstandards.rules.waste.shared import NONE, is_rejected

#: GSS code prefixes of councils that collect household waste and those that dispose of it.
COLLECTION_PREFIXES = frozenset({"E06", "E07", "E08", "E09", "W06", "S12", "N09"})
DISPOSAL_PREFIXES = frozenset({"E06", "E08", "E09", "E10", "W06", "S12", "N09"})

_KINDS = {
    "E06": "a unitary authority", "E07": "a non-metropolitan district council",
    "E08": "a metropolitan borough council", "E09": "a London borough",
    "E10": "a county council", "W06": "a Welsh principal council",
    "S12": "a Scottish council", "N09": "a Northern Irish district council",
}


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
        if dispose[:3] != expected:
            why = (
                "a district's waste is disposed of by its county council (E10)"
                if expected == "E10" else
                f"{_KINDS[collect[:3]]} disposes of its own waste (or a joint waste authority, "
                "named by its organisation identifier, does)"
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


def catalogue_authority_prefix(ctx: RecordContext) -> Sequence[Hit]:
    """Report a catalogue publisher or disposal authority whose GSS code cannot have that role."""
    record = ctx.record
    if type(record) is not dict:
        return NONE
    return authority_hits(
        ctx, record.get("publisher"), "/publisher/gss_code",
        record.get("disposal_authority"), "/disposal_authority/gss_code",
    )


def publisher_authority_prefix(ctx: RecordContext) -> Sequence[Hit]:
    """Report a publisher, which must be the collection authority, with a non-collecting code."""
    record = ctx.record
    if type(record) is not dict:
        return NONE
    return authority_hits(ctx, record.get("publisher"), "/publisher/gss_code", None, "")


