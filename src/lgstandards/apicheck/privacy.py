"""Privacy in an API's answers: personal data in public bodies, and identifiers that can be guessed.

Two plain judgements that suites apply to what a server sends: `personal_data` finds the fields
of a JSON body that hold a person's details, and `guessable` says why identifiers in URLs could
be found by trying (too short, a number with a prefix, two in a row that differ only at one end).
Neither sends a request; the suites decide which responses are public.
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Iterator, Sequence
from typing import Any

from lgstandards.findings import escape_pointer_part

#: Keys whose value is a person's details, whatever the standard: contact details, names of
#: residents or reporters, and the one health-related flag the waste standards carry.
PERSONAL_KEYS: frozenset[str] = frozenset({
    "contact", "email", "email_address", "telephone", "phone", "phone_number", "mobile",
    "first_name", "last_name", "full_name", "requestor_name", "contact_name", "contact_email",
    "contact_phone", "date_of_birth", "assisted_collection",
})

#: Keys of organisations (a council, a contractor): their contact details are not personal.
ORGANISATION_KEYS: frozenset[str] = frozenset({
    "publisher", "collection_authority", "disposal_authority", "operator", "council",
    "organisation",
})

#: What each personal key holds, for messages.
WHAT = {
    "contact": "a resident's contact details",
    "assisted_collection": "the assisted collection flag (someone there needs help: health data)",
}

#: Random bits an identifier should carry at least: a version 4 UUID has 122.
ENOUGH_BITS = 122

#: The fewest characters of an identifier that could carry ENOUGH_BITS (base64url, 6 a char).
SHORTEST = 22


def personal_data(body: Any, pointer: str = "") -> Iterator[tuple[str, str]]:
    """Yield (pointer, key) for each field of a JSON body that holds a person's details."""
    if isinstance(body, dict):
        for key, value in body.items():
            here = f"{pointer}/{escape_pointer_part(key)}"
            if key in ORGANISATION_KEYS:
                continue
            if key in PERSONAL_KEYS and value not in (None, "", {}, []):
                yield here, key
                continue
            yield from personal_data(value, here)
    elif isinstance(body, list):
        for index, value in enumerate(body):
            yield from personal_data(value, f"{pointer}/{index}")


def what(key: str) -> str:
    """Say what a personal key holds: 'a resident's contact details', 'an email address'."""
    return WHAT.get(key, f"a person's {key.replace('_', ' ')}")


def bits(identifier: str) -> float:
    """Return the most random bits an identifier's characters could carry, by its alphabet."""
    core = identifier.replace("-", "")
    if not core:
        return 0.0
    if core.isdigit():
        alphabet = 10
    elif re.fullmatch(r"[0-9a-f]+", core) or re.fullmatch(r"[0-9A-F]+", core):
        alphabet = 16
    else:
        alphabet = sum(size for pattern, size in (("[0-9]", 10), ("[a-z]", 26), ("[A-Z]", 26),
                                                   ("[_]", 2)) if re.search(pattern, core))
    return len(core) * math.log2(max(alphabet, 2))


def guessable(identifiers: Sequence[str]) -> str | None:
    """Say why identifiers could be guessed, or None when nothing gives them away.

    A check from outside can only see the identifiers' shape, never how they were made: a
    random-looking one may still be predictable, so passing this is necessary, not sufficient.
    """
    for identifier in identifiers:
        if len(identifier) < SHORTEST:
            return (f"{identifier!r} is only {len(identifier)} characters long, too short to "
                    "carry enough random bits")
        if re.fullmatch(r"[A-Za-z_/.:-]*[0-9]+", identifier):
            return (f"{identifier!r} is a number with a prefix: the next report's is likely "
                    "one more")
        if bits(identifier) < ENOUGH_BITS:
            return (f"{identifier!r} can carry at most {bits(identifier):.0f} random bits; a "
                    f"version 4 UUID carries {ENOUGH_BITS}")
    for first, second in itertools.pairwise(identifiers):
        if first == second:
            continue
        shared = max(len(_common_prefix(first, second)),
                     len(_common_prefix(first[::-1], second[::-1])))
        if shared * 2 >= min(len(first), len(second)):
            return (f"two reports made one after the other have identifiers that share "
                    f"{shared} characters ({first!r} and {second!r}): they look sequential or "
                    "time-based")
    return None


def _common_prefix(a: str, b: str) -> str:
    """Return the longest start two texts share."""
    end = 0
    while end < min(len(a), len(b)) and a[end] == b[end]:
        end += 1
    return a[:end]
