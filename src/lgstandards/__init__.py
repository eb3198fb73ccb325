"""lgstandards: open, versioned data standards for UK council services, and a validator for them."""

from lgstandards.catalogue import Catalogue, Codelist, Manifest, StandardVersion, Status, catalogue
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
from lgstandards.report import FileReport, FindingGroup, Report
from lgstandards.rules import Hit, RecordContext, Rule, RuleOptions

__version__ = "0.1.0"

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
