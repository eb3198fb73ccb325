"""The shape of a converter: existing council formats in, a standard's records and findings out."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from lgstandards.errors import LgstandardsError
from lgstandards.findings import Finding, Severity


class ConversionError(LgstandardsError):
    """The input cannot be converted at all: unreadable, not CSV, or not the format named."""


@dataclass(frozen=True)
class ConversionOptions:
    """What a conversion may need beyond the input: the publisher's identity and a display name."""

    #: The planning.data.gov.uk-style organisation identifier, such as 'local-authority:BIR'.
    organisation: str | None = None
    #: The council's GSS code, such as 'E08000025'.
    gss_code: str | None = None
    #: The name findings give the input; defaults to the file's path.
    source_name: str | None = None
    #: Values only some converters read, by name, such as ukbcd-bins' 'uprn'; each converter
    #: documents its own.
    extra: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ConversionResult:
    """The records a conversion wrote, in input order, and what it could not carry across."""

    records: tuple[dict[str, Any], ...]
    findings: tuple[Finding, ...] = ()
    #: The exact version the records follow ('id@x.y.z'), when the converter writes more than
    #: one major and was asked for one; None means the converter's `target`.
    target: str | None = None

    @property
    def complete(self) -> bool:
        """Return whether every value was carried across (no finding is an error)."""
        return not any(f.severity is Severity.ERROR for f in self.findings)


class Converter(Protocol):
    """Turns one existing format into records of one standard."""

    #: The source format's name, as `lgstandards convert --from` takes it.
    name: str
    #: One sentence saying what the source format is.
    description: str
    @property
    def target(self) -> str:
        """Return the standard the records follow, as `Checker.for_standard` takes it."""
        ...

    def convert(self, source: Path | bytes, options: ConversionOptions) -> ConversionResult:
        """Convert a file (a path) or its bytes, reporting each value that could not be mapped."""
        ...
