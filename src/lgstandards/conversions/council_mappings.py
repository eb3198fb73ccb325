"""Councils' own meanings for their bin colours, shipped as data: one JSON file per council.

A name such as 'Green Bin' says nothing about waste until one knows the council: East Riding's
green bin is rubbish, Bolton's is garden waste. Each file in `data/ukbcd/` says what one council's
colours (and any bin names that name no waste) mean, with the evidence for each, and follows
`data/ukbcd-council-mapping.schema.json`; `data/ukbcd/README.md` explains how to add one.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import Any

from lgstandards.conversions.base import ConversionError
from lgstandards.conversions.bin_names import CouncilMeaning

__all__ = [
    "CouncilMapping",
    "for_council",
    "load_mapping",
    "mapping_schema",
    "shipped_mappings",
]


def _key(name: str) -> str:
    """Return a bin name as names are matched: lower case, single spaces."""
    return " ".join(name.lower().split())


@dataclass(frozen=True)
class CouncilMapping:
    """What one council's colours and colour-only bin names mean, read from its file."""

    council: str
    ukbcd_council: str
    gss_code: str
    #: The file the mapping was read from, for messages.
    source: str
    colours: Mapping[str, CouncilMeaning] = field(default_factory=dict)
    names: Mapping[str, CouncilMeaning] = field(default_factory=dict)
    not_mapped: Mapping[str, str] = field(default_factory=dict)

    def for_name(self, name: str) -> CouncilMeaning | None:
        """Return what a whole bin name means in this council, or None."""
        return self.names.get(_key(name))

    def for_colour(self, colour: str) -> CouncilMeaning | None:
        """Return what a colour of container holds in this council, or None."""
        return self.colours.get(colour)


@functools.cache
def mapping_schema() -> dict[str, Any]:
    """Return the JSON Schema every council mapping file follows."""
    text = resources.files("lgstandards.conversions").joinpath(
        "data", "ukbcd-council-mapping.schema.json"
    ).read_text("utf-8")
    schema: dict[str, Any] = json.loads(text)
    return schema


def load_mapping(text: str, source: str) -> CouncilMapping:
    """Read one council's mapping from its JSON text, or raise ConversionError saying where."""
    import jsonschema  # Imported here: only conversions that use a mapping pay for it.

    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ConversionError(f"{source} is not valid JSON: {exc}.") from None
    errors = sorted(
        jsonschema.Draft202012Validator(mapping_schema()).iter_errors(data),
        key=lambda e: list(e.absolute_path),
    )
    if errors:
        first = errors[0]
        place = "/" + "/".join(str(p) for p in first.absolute_path)
        raise ConversionError(
            f"{source} is not a council mapping: at {place}, {first.message} "
            "(src/lgstandards/conversions/data/ukbcd/README.md describes the format)."
        )

    def meanings(table: Mapping[str, Any], key: Any = str) -> dict[str, CouncilMeaning]:
        """Return a table of meanings, keyed as lookups will ask for them."""
        return {
            key(name): CouncilMeaning(tuple(entry["streams"]), entry["evidence"])
            for name, entry in table.items()
        }

    return CouncilMapping(
        council=data["council"],
        ukbcd_council=data["ukbcd_council"],
        gss_code=data["gss_code"],
        source=source,
        colours=meanings(data.get("colours", {})),
        names=meanings(data.get("names", {}), _key),
        not_mapped=dict(data.get("not_mapped", {})),
    )


@functools.cache
def shipped_mappings() -> Mapping[str, CouncilMapping]:
    """Return every mapping shipped with lgstandards, by the council's GSS code."""
    folder = resources.files("lgstandards.conversions").joinpath("data", "ukbcd")
    found: dict[str, CouncilMapping] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        mapping = load_mapping(entry.read_text("utf-8"), f"data/ukbcd/{entry.name}")
        found[mapping.gss_code] = mapping
    return found


def for_council(gss_code: str | None, path: str | None = None) -> CouncilMapping | None:
    """Return the mapping to use: the file given (`--mapping`), else the council's shipped one."""
    if path is not None:
        try:
            text = Path(path).read_text("utf-8")
        except OSError as exc:
            raise ConversionError(f"--mapping {path} cannot be read: {exc.strerror}.") from None
        except UnicodeDecodeError:
            raise ConversionError(f"--mapping {path} is not UTF-8 text.") from None
        return load_mapping(text, path)
    if gss_code is None:
        return None
    return shipped_mappings().get(gss_code)
