"""lgstandards: open, versioned data standards for UK council services, and a validator for them."""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from lgstandards.conformance import (
        Checker,
        RecordResult,
        validate,
        validate_files,
        validate_records,
    )
    from lgstandards.errors import (
        ConfigError,
        LgstandardsError,
        ManifestError,
        SchemaError,
        StandardNotFoundError,
    )
    from lgstandards.findings import Finding, Severity, SourceLocation
    from lgstandards.registry import (
        Catalogue,
        Codelist,
        Manifest,
        StandardVersion,
        Status,
        catalogue,
    )
    from lgstandards.report import FileReport, FindingGroup, Report
    from lgstandards.rules import Hit, RecordContext, Rule, RuleOptions

__version__ = "0.1.0"

# Exports load on first use: importing jsonschema costs about a second, and `lgstandards list`
# or a pre-commit hook should not pay for it.
_EXPORTS = {
    "Catalogue": "registry",
    "Codelist": "registry",
    "Manifest": "registry",
    "StandardVersion": "registry",
    "Status": "registry",
    "catalogue": "registry",
    "Checker": "conformance",
    "RecordResult": "conformance",
    "validate": "conformance",
    "validate_files": "conformance",
    "validate_records": "conformance",
    "ConfigError": "errors",
    "LgstandardsError": "errors",
    "ManifestError": "errors",
    "SchemaError": "errors",
    "StandardNotFoundError": "errors",
    "Finding": "findings",
    "Severity": "findings",
    "SourceLocation": "findings",
    "FileReport": "report",
    "FindingGroup": "report",
    "Report": "report",
    "Hit": "rules",
    "RecordContext": "rules",
    "Rule": "rules",
    "RuleOptions": "rules",
}


def __getattr__(name: str) -> Any:
    """Import an exported name from its module on first use."""
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'lgstandards' has no attribute {name!r}")
    return getattr(importlib.import_module(f"lgstandards.{module}"), name)


__all__ = [
    "Catalogue",
    "Checker",
    "Codelist",
    "ConfigError",
    "FileReport",
    "Finding",
    "FindingGroup",
    "Hit",
    "LgstandardsError",
    "Manifest",
    "ManifestError",
    "RecordContext",
    "RecordResult",
    "Report",
    "Rule",
    "RuleOptions",
    "SchemaError",
    "Severity",
    "SourceLocation",
    "StandardNotFoundError",
    "StandardVersion",
    "Status",
    "__version__",
    "catalogue",
    "validate",
    "validate_files",
    "validate_records",
]
