"""The check-api configuration file: where the API is, its probe values, headers and limits.

A TOML (or JSON) file given with `--config`, so a supplier's CI keeps one file per environment:

    standard = "waste-collections-api@1"
    base-url = "https://waste.example.gov.uk/api/v1"
    rate-limit = "5/s"
    timeout = 10

    [probes]
    postcode = "BN43 5RA"
    uprn = "100062201563"

    [headers]
    X-Api-Key = { env = "COUNCIL_API_KEY" }

`fail-on`, `format`, `mask`, `select` and `ignore` set the report as their options do.
Header values are best read from the environment (`{ env = "NAME" }`) so that no key is committed.
Options given on the command line win over the file.
"""

from __future__ import annotations

import json
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from lgstandards.errors import ConfigError
from lgstandards.findings import frozen

_KEYS = {
    "standard", "base-url", "sandbox", "allow-writes", "rate-limit", "timeout", "connect-timeout",
    "max-bytes", "fail-on", "format", "insecure", "ca-bundle", "probes", "headers", "mask",
    "select", "ignore", "extensions", "profile", "client",
}


@dataclass(frozen=True)
class ApiCheckConfig:
    """What a configuration file says; None where it says nothing."""

    standard: str | None = None
    base_url: str | None = None
    sandbox: str | None = None
    allow_writes: bool | None = None
    rate_limit: float | None = None
    timeout: float | None = None
    connect_timeout: float | None = None
    max_bytes: int | None = None
    fail_on: str | None = None
    format: str | None = None
    insecure: bool | None = None
    ca_bundle: str | None = None
    probes: Mapping[str, str] = field(default_factory=frozen)
    headers: Mapping[str, str] = field(default_factory=frozen)
    mask: bool | None = None
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    #: Extensions of the data standards the API returns: ids, or folders beside the file.
    extensions: tuple[str, ...] = ()
    #: A profile of one of them: an id, or a folder beside the file.
    profile: str | None = None
    client: str | None = None


def parse_rate(text: str) -> float:
    """Parse a rate such as '5', '5/s', '0.5/s' or '120/min' into requests a second."""
    match = re.fullmatch(r"\s*([0-9]+(?:\.[0-9]+)?)\s*(?:/\s*(s|sec|second|m|min|minute))?\s*",
                         text)
    if not match or float(match.group(1)) <= 0:
        raise ConfigError(f"a rate limit is written like '5/s' or '120/min', more than 0 (got "
                          f"{text!r})")
    per_minute = (match.group(2) or "s").startswith("m")
    return float(match.group(1)) / (60.0 if per_minute else 1.0)


def load_config(path: Path, environ: Mapping[str, str] | None = None) -> ApiCheckConfig:
    """Read a configuration file, naming the file and key in any error."""
    env = os.environ if environ is None else environ
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read the configuration {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: the configuration is not UTF-8 text") from None
    try:
        raw: Any = json.loads(text) if path.suffix == ".json" else tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: not valid TOML: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    if not isinstance(raw, dict):
        raise ConfigError(f"{path}: the configuration must be a table of settings")
    unknown = sorted(set(raw) - _KEYS)
    if unknown:
        raise ConfigError(f"{path}: unknown setting {', '.join(unknown)}; settings are "
                          f"{', '.join(sorted(_KEYS))}")

    def text_of(key: str) -> str | None:
        """Return a text setting, or None."""
        value = raw.get(key)
        if value is not None and not isinstance(value, str):
            raise ConfigError(f"{path}: {key} must be text")
        return value

    def number_of(key: str) -> float | None:
        """Return a positive number setting, or None."""
        value = raw.get(key)
        if value is not None and (isinstance(value, bool) or not isinstance(value, int | float)
                                  or value <= 0):
            raise ConfigError(f"{path}: {key} must be a number more than 0")
        return float(value) if value is not None else None

    def flag_of(key: str) -> bool | None:
        """Return a true/false setting, or None."""
        value = raw.get(key)
        if value is not None and not isinstance(value, bool):
            raise ConfigError(f"{path}: {key} must be true or false")
        return value

    def codes_of(key: str) -> tuple[str, ...]:
        """Return a list of finding codes or categories (one text value is a list of one)."""
        value = raw.get(key, [])
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ConfigError(f"{path}: {key} must be a list of codes, such as ['api.cors']")
        return tuple(values)

    def layers_of(key: str) -> tuple[str, ...]:
        """Return extension or profile names, with folders resolved beside the file."""
        from lgstandards.development.extensions import is_layer_folder, is_selector

        value = raw.get(key, [])
        values = [value] if isinstance(value, str) else value
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            raise ConfigError(f"{path}: {key} must be an id or folder, or a list of them")
        here = path.parent
        return tuple(str(here / v) if not is_selector(v) or is_layer_folder(here / v) else v
                     for v in values)

    profiles = layers_of("profile")
    if len(profiles) > 1:
        raise ConfigError(f"{path}: profile is one id or folder; a run applies one profile")
    rate = raw.get("rate-limit")
    if rate is not None and (isinstance(rate, bool) or not isinstance(rate, str | int | float)):
        raise ConfigError(f"{path}: rate-limit must be like '5/s'")
    max_bytes = number_of("max-bytes")
    return ApiCheckConfig(
        standard=text_of("standard"),
        base_url=text_of("base-url"),
        sandbox=text_of("sandbox"),
        allow_writes=flag_of("allow-writes"),
        rate_limit=parse_rate(str(rate)) if rate is not None else None,
        timeout=number_of("timeout"),
        connect_timeout=number_of("connect-timeout"),
        max_bytes=int(max_bytes) if max_bytes is not None else None,
        fail_on=text_of("fail-on"),
        format=text_of("format"),
        insecure=flag_of("insecure"),
        ca_bundle=text_of("ca-bundle"),
        probes=frozen(_table(path, raw, "probes", env, allow_env=False)),
        headers=frozen(_table(path, raw, "headers", env, allow_env=True)),
        mask=flag_of("mask"),
        select=codes_of("select"),
        ignore=codes_of("ignore"),
        extensions=layers_of("extensions"),
        profile=profiles[0] if profiles else None,
        client=text_of("client"),
    )


def _table(path: Path, raw: Mapping[str, Any], key: str, env: Mapping[str, str], *,
           allow_env: bool) -> dict[str, str]:
    """Read a table of text values, taking header values from the environment if asked."""
    table = raw.get(key, {})
    if not isinstance(table, dict):
        raise ConfigError(f"{path}: [{key}] must be a table of names and values")
    out: dict[str, str] = {}
    for name, value in table.items():
        if allow_env and isinstance(value, dict) and set(value) == {"env"}:
            variable = value["env"]
            if not isinstance(variable, str) or variable not in env:
                raise ConfigError(f"{path}: {key}.{name} reads the environment variable "
                                  f"{variable!r}, which is not set")
            # A value read from a .env file may carry its line's trailing white space or CR.
            out[name] = env[variable].strip()
        elif isinstance(value, str | int) and not isinstance(value, bool):
            out[name] = str(value)
        else:
            hint = ' or { env = "NAME" }' if allow_env else ""
            raise ConfigError(f"{path}: {key}.{name} must be text{hint}")
    return out
