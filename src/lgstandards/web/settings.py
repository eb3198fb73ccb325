"""The web validator's settings: every limit and switch, read from environment variables.

An operator configures `lgstandards serve` (or its container) only through the environment, so
one image serves every council. docs/web.md lists each variable; `Settings.from_environ` names the
variable in any error, and the server refuses to start with a bad value.
"""

from __future__ import annotations

import ipaddress
import os
import re
import secrets
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass, field, fields

from lgstandards.errors import ConfigError

PREFIX = "LGSTANDARDS_WEB_"

Network = ipaddress.IPv4Network | ipaddress.IPv6Network

_SIZE = re.compile(r"\s*([0-9]+(?:\.[0-9]+)?)\s*([kmg]i?b?|b)?\s*", re.IGNORECASE)
_UNITS = {"": 1, "b": 1, "k": 1000, "m": 1000**2, "g": 1000**3,
          "ki": 1024, "mi": 1024**2, "gi": 1024**3}


def parse_size(text: str) -> int:
    """Parse a size such as '50000000', '50MB', '50M' or '2GiB' into bytes."""
    match = _SIZE.fullmatch(text)
    if not match:
        raise ValueError(f"a size is a number of bytes, or a number with kB, MB or GB "
                         f"(got {text!r})")
    unit = (match.group(2) or "").lower().removesuffix("b")
    return int(float(match.group(1)) * _UNITS[unit])


def describe_size(count: int) -> str:
    """Return a byte count as people read it, in decimal units as file managers show them."""
    for unit, size in (("GB", 1000**3), ("MB", 1000**2), ("kB", 1000)):
        if count >= size:
            value = count / size
            return f"{value:.0f} {unit}" if value == int(value) or value >= 100 else \
                f"{value:.1f} {unit}"
    return f"{count:,} bytes"


def _flag(text: str) -> bool:
    """Parse an on/off setting."""
    lowered = text.strip().lower()
    if lowered in ("1", "true", "yes", "on"):
        return True
    if lowered in ("0", "false", "no", "off"):
        return False
    raise ValueError(f"write true or false (got {text!r})")


def _networks(text: str) -> tuple[Network, ...]:
    """Parse a comma-separated list of networks such as '127.0.0.0/8, 10.20.0.0/16'."""
    return tuple(ipaddress.ip_network(part.strip(), strict=False)
                 for part in text.split(",") if part.strip())


@dataclass(frozen=True)
class Settings:
    """The limits and switches of one web validator; the defaults suit a small public service."""

    #: The largest upload (the file as sent, compressed or not).
    max_upload_bytes: int = 50_000_000
    #: The largest file after gzip is undone (each layer of a gzip inside a gzip counts).
    max_unpacked_bytes: int = 500_000_000
    #: The most a gzip upload may grow by when undone; bombs grow by thousands.
    max_ratio: int = 200
    #: How long one file check may run before its process is stopped.
    check_seconds: float = 120.0
    #: How long a client may take to send an upload.
    upload_seconds: float = 600.0
    #: How many checks run at once; others wait (up to `check_seconds`), then are told to retry.
    max_checks: int = 2
    #: The address space a check's process may use (0: no limit), so one file cannot take the host.
    memory_bytes: int = 4_000_000_000
    #: Findings kept per file, as `validate --max-findings` (all are still counted).
    max_findings: int = 10_000
    #: How long a report stays in memory for its downloads and a page refresh.
    report_minutes: float = 15.0
    #: How many reports are kept at most (the oldest go first).
    max_reports: int = 50
    #: Whether the API checker is offered at all.
    api_check: bool = True
    #: Networks an API check may reach though they are private, loopback or link-local.
    api_allow_networks: tuple[Network, ...] = ()
    #: How long a whole API check may take.
    api_check_seconds: float = 120.0
    #: Requests a second an API check sends at most, as check-api's --rate-limit.
    api_rate_limit: float = 5.0
    #: The key that signs anti-forgery tokens; random per process unless set.
    secret: str = field(default_factory=lambda: secrets.token_urlsafe(32), repr=False)
    #: Where each request's private temporary folder is made.
    temp_dir: str = field(default_factory=tempfile.gettempdir)

    def __post_init__(self) -> None:
        """Refuse limits that would make the service unsafe or unable to work."""
        for name in ("max_upload_bytes", "max_unpacked_bytes", "max_ratio", "max_checks",
                     "max_findings", "max_reports"):
            if getattr(self, name) < 1:
                raise ConfigError(f"{PREFIX}{name.upper()} must be at least 1")
        for name in ("check_seconds", "upload_seconds", "report_minutes", "api_check_seconds",
                     "api_rate_limit"):
            if getattr(self, name) <= 0:
                raise ConfigError(f"{PREFIX}{name.upper()} must be more than 0")
        if self.memory_bytes < 0:
            raise ConfigError(f"{PREFIX}MEMORY_BYTES must be 0 (no limit) or more")
        if len(self.secret) < 16:
            raise ConfigError(f"{PREFIX}SECRET must be at least 16 characters")

    @classmethod
    def from_environ(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read every `LGSTANDARDS_WEB_*` variable that is set; the rest keep their defaults."""
        env = os.environ if environ is None else environ
        known = {f"{PREFIX}{f.name.upper()}": f for f in fields(cls)}
        unknown = sorted(k for k in env if k.startswith(PREFIX) and k not in known)
        if unknown:
            raise ConfigError(f"unknown setting {', '.join(unknown)}; the settings are "
                              f"{', '.join(sorted(known))} (see docs/web.md)")
        values: dict[str, object] = {}
        for variable, spec in known.items():
            text = env.get(variable)
            if text is None or text.strip() == "":
                continue
            try:
                values[spec.name] = _parse(spec.name, text)
            except ValueError as exc:
                raise ConfigError(f"{variable}: {exc}") from None
        return cls(**values)  # type: ignore[arg-type]


def _parse(name: str, text: str) -> object:
    """Parse one setting's text by what the setting holds."""
    if name.endswith("_bytes"):
        return parse_size(text)
    if name in ("max_ratio", "max_checks", "max_findings", "max_reports"):
        return int(text)
    if name.endswith(("_seconds", "_minutes", "_limit")):
        return float(text)
    if name == "api_check":
        return _flag(text)
    if name == "api_allow_networks":
        return _networks(text)
    return text
