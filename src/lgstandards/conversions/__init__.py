"""Conversions from formats councils publish today into lgstandards records, registered by name."""

from __future__ import annotations

from collections.abc import Mapping

from lgstandards.conversions import lga_planning, ukbcd
from lgstandards.conversions.base import (
    ConversionError,
    ConversionOptions,
    ConversionResult,
    Converter,
)
from lgstandards.errors import ConfigError

__all__ = [
    "CONVERTERS",
    "ConversionError",
    "ConversionOptions",
    "ConversionResult",
    "Converter",
    "converter",
]

#: Every converter, keyed by the source format name that `lgstandards convert --from` takes.
CONVERTERS: Mapping[str, Converter] = {
    lga_planning.CONVERTER.name: lga_planning.CONVERTER,
    ukbcd.CONVERTER.name: ukbcd.CONVERTER,
}


def converter(name: str) -> Converter:
    """Return the converter for a source format, or raise ConfigError naming the known ones."""
    found = CONVERTERS.get(name)
    if found is None:
        known = ", ".join(sorted(CONVERTERS)) or "none"
        raise ConfigError(f"no converter for {name!r}; known source formats: {known}")
    return found
