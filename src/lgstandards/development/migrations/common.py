"""`common` 1.x to 2.0.0: identifiers put in the form their authorities issue, where that is safe.

2.0.0 checks UPRNs, USRNs, postcodes, organisation identifiers and telephone numbers against the
forms their authorities issue. A 1.x record often holds the right identifier written another way
(`000000199356`, `pa286lj`, `local-authority-eng:BST`): those are rewritten, and each rewrite is
noted. What cannot be rewritten without guessing (a UPRN of zeros, a postcode that cannot exist)
is left as it was, with a note saying what to do, so the publisher fixes it at the source.

The `upgrade_*` functions are for other standards' migrations too: each takes a value and its
JSON Pointer and returns the value to keep with the notes to give.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from typing import Any

from lgstandards.development.upgrade import Migration, Upgraded, UpgradeNote
from lgstandards.identifiers import (
    normal_organisation,
    normal_postcode,
    normal_uprn,
    normal_usrn,
)

__all__ = [
    "MIGRATIONS",
    "TELEPHONE",
    "migrate",
    "upgrade_address",
    "upgrade_contact",
    "upgrade_council",
    "upgrade_organisation",
    "upgrade_postcode",
    "upgrade_telephone",
    "upgrade_uprn",
    "upgrade_usrn",
]

#: A telephone number as `common` 2.0.0 accepts it (the schema's pattern).
TELEPHONE = re.compile(
    r"^(\+|\()?[0-9]([ ()-]{0,3}[0-9]){6,19}( ?([Ee][Xx][Tt]\.?|[Ee]xtension|[Xx]) ?[0-9]{1,6})?$"
)

Notes = tuple[UpgradeNote, ...]


def _rewritten(pointer: str, what: str, old: str, new: str) -> Notes:
    """Return the note that says a value was rewritten, when it was."""
    if old == new:
        return ()
    return (UpgradeNote(pointer, f"{what} {old!r} is written {new!r} in common 2.0.0."),)


def _identifier(
    value: Any, pointer: str, what: str, normal: Callable[[str], str | None], advice: str
) -> tuple[Any, Notes]:
    """Rewrite one identifier with `normal`, or keep it and say why it will not validate."""
    if not isinstance(value, str):
        return value, ()
    fixed = normal(value)
    if fixed is None:
        return value, (UpgradeNote(pointer, f"{what} {value!r} {advice}"),)
    return fixed, _rewritten(pointer, what, value, fixed)


def upgrade_uprn(value: Any, pointer: str) -> tuple[Any, Notes]:
    """Drop a UPRN's leading zeros; note one that is zero or not a number."""
    return _identifier(
        value, pointer, "UPRN", normal_uprn,
        "is not a UPRN Ordnance Survey issues (a positive number of up to 12 digits); "
        "look the property up in the address gazetteer.",
    )


def upgrade_usrn(value: Any, pointer: str) -> tuple[Any, Notes]:
    """Drop a USRN's leading zeros; note one that is zero or not a number."""
    return _identifier(
        value, pointer, "USRN", normal_usrn,
        "is not a USRN (a positive number of up to 8 digits); look the street up in the "
        "street gazetteer.",
    )


def upgrade_postcode(value: Any, pointer: str) -> tuple[Any, Notes]:
    """Write a postcode in capitals with one space; note one Royal Mail could not have issued."""
    return _identifier(
        value, pointer, "Postcode", normal_postcode,
        "cannot be a Royal Mail postcode (its letters or shape break the rules by position); "
        "check it against the address.",
    )


def upgrade_organisation(value: Any, pointer: str) -> tuple[Any, Notes]:
    """Rename legacy organisation identifiers to planning.data.gov.uk's; note unknown ones."""
    return _identifier(
        value, pointer, "Organisation identifier", normal_organisation,
        "is not in a form planning.data.gov.uk mints; find the organisation at "
        "https://www.planning.data.gov.uk/organisation/.",
    )


def upgrade_telephone(value: Any, pointer: str) -> tuple[Any, Notes]:
    """Trim a telephone number; note one with too few digits to dial."""
    if not isinstance(value, str):
        return value, ()
    trimmed = " ".join(value.split())
    if TELEPHONE.match(trimmed):
        return trimmed, _rewritten(pointer, "Telephone number", value, trimmed)
    return value, (UpgradeNote(
        pointer,
        f"Telephone number {value!r} has fewer than seven digits or characters other than "
        "digits, spaces, brackets, hyphens, a leading + and an extension; write it as it is "
        "dialled.",
    ),)


def _fields(
    node: Any, pointer: str, upgraders: Mapping[str, Callable[[Any, str], tuple[Any, Notes]]]
) -> tuple[Any, Notes]:
    """Apply an upgrader to each named field of an object, returning a new object."""
    if not isinstance(node, Mapping):
        return node, ()
    result = dict(node)
    notes: list[UpgradeNote] = []
    for key, upgrade in upgraders.items():
        if key in result:
            result[key], found = upgrade(result[key], f"{pointer}/{key}")
            notes.extend(found)
    return result, tuple(notes)


def upgrade_council(node: Any, pointer: str) -> tuple[Any, Notes]:
    """Upgrade a `council` object: its organisation identifier (GSS prefixes did not change)."""
    return _fields(node, pointer, {"organisation": upgrade_organisation})


def upgrade_address(node: Any, pointer: str) -> tuple[Any, Notes]:
    """Upgrade an `address` object: its postcode."""
    return _fields(node, pointer, {"postcode": upgrade_postcode})


def upgrade_contact(node: Any, pointer: str) -> tuple[Any, Notes]:
    """Upgrade a `contact` object: its telephone number."""
    return _fields(node, pointer, {"telephone": upgrade_telephone})


#: How each top-level field of a `common` record is upgraded.
_TOP: Mapping[str, Callable[[Any, str], tuple[Any, Notes]]] = {
    "uprn": upgrade_uprn,
    "usrn": upgrade_usrn,
    "postcode": upgrade_postcode,
    "council": upgrade_council,
    "address": upgrade_address,
    "contact": upgrade_contact,
}


def migrate(record: Mapping[str, Any]) -> Upgraded:
    """Return a `common` 1.x record as 2.0.0 writes it, noting what was changed or left."""
    # A deep copy first, so the upgraded record shares nothing the caller might change later.
    upgraded, notes = _fields(copy.deepcopy(dict(record)), "", _TOP)
    return Upgraded(dict(upgraded), notes)


MIGRATIONS: tuple[Migration, ...] = (
    Migration(
        standard="common",
        from_major=1,
        to_major=2,
        summary=(
            "UPRNs and USRNs lose leading zeros, postcodes are written in capitals with one "
            "space, legacy organisation identifiers become planning.data.gov.uk's, telephone "
            "numbers are trimmed; identifiers no rewrite can save are noted, not guessed."
        ),
        migrate=migrate,
    ),
)
