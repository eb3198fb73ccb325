"""One schedule per property: a UPRN repeated in a file with different data (every major)."""

from __future__ import annotations

import json
import zlib
from typing import Any

import orjson

from lgstandards.rules.base import Across, Hit, RecordContext
from lgstandards.rules.waste.shared import is_rejected

#: The parts of a schedule compared between two records of one UPRN; generated_at, publisher,
#: source_system and extensions may differ between exports without contradicting each other.
COMPARED = ("property", "services", "container_types", "collections")
_PART_BITS = 24
_PART_MASK = (1 << _PART_BITS) - 1


def _canonical(value: Any) -> bytes:
    """Return a value as JSON with sorted keys, so equal data gives equal bytes."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
    except (TypeError, orjson.JSONEncodeError):  # Integers beyond 64 bits, say.
        return json.dumps(value, sort_keys=True, default=repr).encode()


def fingerprint_of(record: dict[str, Any], place: dict[str, Any]) -> int:
    """Pack a 24-bit hash of each compared part into one integer.

    The property is compared without its UPRN, which may be written with other leading zeros.
    """
    packed = 0
    for position, key in enumerate(COMPARED):
        value = record.get(key)
        if value is place:
            value = {name: part for name, part in place.items() if name != "uprn"}
        # CRC-32, not hash(): Python salts hash() per process, and the parts of a file checked
        # by several processes (--jobs) must give one fingerprint for the same data.
        packed |= (zlib.crc32(_canonical(value)) & _PART_MASK) << (position * _PART_BITS)
    return packed


def _uprn_found(ctx: RecordContext) -> tuple[str, Any] | None:
    """Return a schedule's UPRN without leading zeros, and the UPRN as written."""
    record = ctx.record
    place = record.get("property") if type(record) is dict else None
    if type(place) is not dict:
        return None
    uprn = place.get("uprn")
    if type(uprn) is not str or (ctx.rejected and is_rejected(ctx, "/property/uprn")):
        return None
    # '000000512345' and '512345' are one property.
    return uprn.lstrip("0"), uprn


def _uprn_key(ctx: RecordContext) -> tuple[str, int, Any] | None:
    """Return a schedule's UPRN without leading zeros, its fingerprint, and the UPRN as written."""
    found = _uprn_found(ctx)
    if found is None:
        return None
    return found[0], schedule_fingerprint(ctx.record), found[1]


def schedule_fingerprint(record: Any) -> int:
    """Return the fingerprint of a schedule whose property is an object (as `_uprn_found` found)."""
    return fingerprint_of(record, record["property"])


def _uprn_judge(uprn: Any, fingerprint: int, before: int, number: int) -> Hit | None:
    """Report a schedule whose data differs from the first one with its UPRN, in `number`."""
    if before == fingerprint:
        return None  # The same schedule twice is a repeat, not a conflict.
    differ = [
        name for position, name in enumerate(COMPARED)
        if (before >> position * _PART_BITS ^ fingerprint >> position * _PART_BITS) & _PART_MASK
    ]
    return Hit(
        "/property/uprn",
        f"UPRN {uprn!r} already has a schedule in record {number}, and this one differs in "
        f"{' and '.join(differ)}; publish one schedule per property, merging the two.",
        uprn,
    )


#: A UPRN seen earlier in the file with different data.
#: The fingerprint (about 5 µs a record) is worked out only when a UPRN comes again, where the
#: file can be read again.
CONFLICTING_UPRN = Across(_uprn_key, _uprn_judge, _uprn_found, schedule_fingerprint)

