"""Waste streams from one code to a list, as the waste standards' migrations to waste-common need.

`waste-common` 1.0.0 dropped the 1.x composite codes: a service or container that takes several
streams lists each of them, so `plastics_cans` and `food_garden` become lists.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from lgstandards.development.upgrade import UpgradeNote

#: The 1.x codes that stood for several streams, with the streams their definitions named.
COMPOSITES: Mapping[str, tuple[str, ...]] = {
    # 1.0.0: "Plastic packaging, food and drink cans, foil and cartons collected together".
    "plastics_cans": ("plastics", "metals", "cartons"),
    # 1.0.0: "Food and garden waste collected together in one container".
    "food_garden": ("food", "garden"),
}


def streams_of(codes: Any, pointer: str) -> tuple[Any, tuple[UpgradeNote, ...]]:
    """Return a 1.x stream or list of streams as a 2.x list, each stream once, with notes."""
    if isinstance(codes, str):
        listed: list[Any] = [codes]
    elif isinstance(codes, list):
        listed = list(codes)
    else:
        return codes, ()  # Not a code or a list: left for validation to report.
    out: list[Any] = []
    notes: list[UpgradeNote] = []
    for code in listed:
        parts = COMPOSITES.get(code) if isinstance(code, str) else None
        if parts is not None:
            notes.append(UpgradeNote(
                pointer,
                f"The stream {code!r} is written as the streams {', '.join(parts)}, as its "
                "1.x definition said; remove any the service or container does not take.",
            ))
        for part in parts or (code,):
            if part not in out:
                out.append(part)
    return out, tuple(notes)
