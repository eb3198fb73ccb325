"""Conversions from formats councils publish today into lgstandards records, registered by name."""

from __future__ import annotations

from collections.abc import Mapping

from lgstandards.conversions import (
    lga_planning,
    odp,
    odp_export,
    planning_data,
    planning_data_export,
    ukbcd,
)
from lgstandards.conversions.base import (
    ConversionError,
    ConversionOptions,
    ConversionResult,
    Converter,
    Exported,
    Exporter,
)
from lgstandards.errors import ConfigError

__all__ = [
    "CONVERTERS",
    "EXPORTERS",
    "ConversionError",
    "ConversionOptions",
    "ConversionResult",
    "Converter",
    "Exported",
    "Exporter",
    "converter",
    "exporter",
]

#: Every converter, keyed by the source format name that `lgstandards convert --from` takes.
CONVERTERS: Mapping[str, Converter] = {
    lga_planning.CONVERTER.name: lga_planning.CONVERTER,
    odp.CONVERTER.name: odp.CONVERTER,
    planning_data.CONVERTER.name: planning_data.CONVERTER,
    ukbcd.CONVERTER.name: ukbcd.CONVERTER,
}


def converter(name: str) -> Converter:
    """Return the converter for a source format, or raise ConfigError naming the known ones."""
    found = CONVERTERS.get(name)
    if found is None:
        known = ", ".join(sorted(CONVERTERS)) or "none"
        raise ConfigError(f"no converter for {name!r}; known source formats: {known}")
    return found


#: Every exporter of records into another format, keyed by the name `lgstandards export` takes.
#: (The waste property schedule's ics and ukbcd-bins exports have options of their own and are
#: wired in the CLI directly.)
EXPORTERS: Mapping[str, Exporter] = {
    odp_export.EXPORTER.name: odp_export.EXPORTER,
    planning_data_export.EXPORTER.name: planning_data_export.EXPORTER,
}


def exporter(name: str) -> Exporter:
    """Return the exporter for a format, or raise ConfigError naming the known ones."""
    found = EXPORTERS.get(name)
    if found is None:
        known = ", ".join(sorted(EXPORTERS)) or "none"
        raise ConfigError(f"no exporter for {name!r}; known formats: {known}")
    return found
