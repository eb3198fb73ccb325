"""The tables of a configuration file, checked by pydantic: `[[check]]` and the run-wide keys.

Kept apart from `lgstandards.config` so finding no configuration file, the common case of
`lgstandards validate -s ...`, never imports pydantic.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date
from pathlib import PurePosixPath
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

_SELECTOR = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:@[0-9]+(?:\.[0-9]+){0,2})?$")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True, extra="forbid", alias_generator=_kebab, populate_by_name=True
    )


def _codes(value: Sequence[str] | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    from lgstandards.codes import unknown_selectors  # Imported late: it loads the rules.

    unknown = unknown_selectors(value)
    if unknown:
        raise ValueError(
            f"unknown finding code or category {', '.join(map(repr, unknown))}; "
            "docs/finding-codes.md lists them"
        )
    return tuple(value)


class Check(_Model):
    """One `[[check]]` table: which files, against what, with which options."""

    files: tuple[str, ...] = Field(min_length=1)
    exclude: tuple[str, ...] = ()
    standard: str | None = None
    schema_file: str | None = Field(default=None, alias="schema")
    input_format: Literal["json", "ndjson", "csv"] | None = None
    draft: bool = False
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    max_findings: int | None = Field(default=None, ge=1)
    #: Extensions applied to the standard: ids, or folders relative to the configuration.
    extensions: tuple[str, ...] = ()
    #: A profile applied after them: an id, or a folder relative to the configuration.
    profile: str | None = None

    @field_validator("files", "exclude", "extensions", mode="before")
    @classmethod
    def _one_or_many(cls, value: Any) -> Any:
        return (value,) if isinstance(value, str) else value

    @field_validator("files", "exclude")
    @classmethod
    def _relative(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for pattern in value:
            parts = PurePosixPath(pattern).parts
            if not pattern or pattern.startswith(("/", "\\")) or ".." in parts or ":" in pattern:
                raise ValueError(
                    f"{pattern!r} must be a glob relative to the configuration's folder"
                )
        return value

    @field_validator("standard")
    @classmethod
    def _selector(cls, value: str | None) -> str | None:
        if value is not None and not _SELECTOR.match(value):
            raise ValueError(f"{value!r} is not a standard such as 'waste-property-schedule@1'")
        return value

    @field_validator("select", "ignore")
    @classmethod
    def _known_codes(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        return _codes(value)

    @model_validator(mode="after")
    def _one_target(self) -> Check:
        layered = bool(self.extensions or self.profile)
        if self.schema_file is not None and layered:
            raise ValueError("'extensions' and 'profile' apply to a standard, not to 'schema'")
        if (self.standard is None) == (self.schema_file is None) and not layered:
            raise ValueError("give exactly one of 'standard' or 'schema'")
        return self


class Settings(_Model):
    """The whole configuration: run-wide options, then the checks."""

    fail_on: Literal["error", "warning", "never"] | None = None
    format: Literal["text", "json", "junit", "github", "sarif", "markdown", "html"] | None = None
    output: str | None = None
    max_findings: int | None = Field(default=None, ge=1)
    examples: int | None = Field(default=None, ge=0)
    select: tuple[str, ...] | None = None
    ignore: tuple[str, ...] | None = None
    mask: bool | None = None
    today: date | None = None
    jobs: int | None = Field(default=None, ge=0)
    check: tuple[Check, ...] = ()

    @field_validator("select", "ignore")
    @classmethod
    def _known_codes(cls, value: tuple[str, ...] | None) -> tuple[str, ...] | None:
        return _codes(value)
