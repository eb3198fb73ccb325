"""Exceptions: raised only when lgstandards cannot do its job, never for bad data."""

from __future__ import annotations


class LgstandardsError(Exception):
    """The tool could not run; the CLI turns this into exit code 2 with the message."""

    exit_code = 2


class ManifestError(LgstandardsError):
    """A standard's manifest (standard.json) is missing or malformed."""


class StandardNotFoundError(LgstandardsError):
    """No standard or version matches what was asked for."""


class SchemaError(LgstandardsError):
    """A schema file cannot be read, parsed or compiled."""


class ConfigError(LgstandardsError):
    """A configuration file or option is malformed."""
