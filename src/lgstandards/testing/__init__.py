"""Helpers for suppliers' own test suites: assert that data conforms, and generate records."""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from lgstandards.findings import Finding, Severity

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from lgstandards.conformance import Checker
    from lgstandards.testing.strategies import InvalidRecord

__all__ = [
    "MAX_SHOWN",
    "assert_conforms",
    "failure_message",
    "findings_for",
    "invalid_records",
    "records",
]

#: How many findings a failure message lists before it says how many more there are.
MAX_SHOWN = 10

#: What data can be: one record, a run of records, or the path of a file (or folder) of them.
Data = Mapping[str, Any] | Iterable[Mapping[str, Any]] | str | os.PathLike[str]


@functools.lru_cache(maxsize=32)
def _checker(ref: str, rules: bool) -> Checker:
    """Return a checker for a standard version, with or without its rules, built once."""
    from lgstandards.conformance import Checker

    checker = Checker.for_standard(ref)
    if rules:
        return checker
    return Checker(checker.validator, name=checker.name, schema_id=checker.schema_id,
                   tabular=checker.tabular)


def findings_for(data: Data, ref: str, *, rules: bool = True) -> list[Finding]:
    """Return every finding for a record, a list of records or a path, against `ref` (`id@1`)."""
    checker = _checker(ref, rules)
    if isinstance(data, str | os.PathLike):
        # The files' findings only: the run's notices (a deprecated version, say) are left out,
        # as they are for records given in memory.
        report = checker.check_paths([str(Path(data))])
        return [f for file in report.files for f in file.findings]
    # A mapping is one record; anything else iterable is a run of them, numbered from 1.
    items = [data] if isinstance(data, Mapping) else list(data)
    return [f for result in checker.iter_records(items) for f in result.findings]


def _describe(finding: Finding) -> str:
    """Return one line for a finding: where, its code, the JSON pointer and the message."""
    location = finding.location
    where = location.describe() if location.path else (
        f"record {location.record}" if location.record is not None else "")
    pointer = finding.pointer or "/"
    return f"  {where + ': ' if where else ''}{finding.code} at {pointer}: {finding.message}"


def assert_conforms(
    data: Data, ref: str, *, rules: bool = True, strict: bool = False, shown: int = MAX_SHOWN
) -> None:
    """Raise AssertionError listing the findings if data does not conform to `ref`.

    Errors fail; with `strict`, warnings fail too. `rules=False` checks the schema alone.
    """
    found = findings_for(data, ref, rules=rules)
    message = failure_message(found, _checker(ref, rules).name or ref, strict=strict, shown=shown)
    if message is not None:
        raise AssertionError(message)


def failure_message(
    findings: Iterable[Finding],
    standard: str,
    *,
    subject: str = "the data",
    strict: bool = False,
    shown: int = MAX_SHOWN,
) -> str | None:
    """Return the readable message listing the failing findings, or None when none fail."""
    worst = Severity.WARNING if strict else Severity.ERROR
    failing = [f for f in findings if f.severity.rank >= worst.rank]
    if not failing:
        return None
    noun = "finding" if len(failing) == 1 else "findings"
    level = "warning or error" if strict else "error"
    lines = [f"{subject} does not conform to {standard}: {len(failing)} {noun} at {level} severity"]
    lines += [_describe(f) for f in failing[:shown]]
    if len(failing) > shown:
        lines.append(f"  and {len(failing) - shown} more")
    return "\n".join(lines)


def records(ref: str) -> SearchStrategy[dict[str, Any]]:
    """Return a hypothesis strategy of records valid under the schema of `ref`.

    Records are generated from the schema alone (bundled into one file), so the standard's rules
    (dates in order, known services...) may still find issues in them; check them with
    `assert_conforms(record, ref, rules=False)` or filter them with `findings_for`.
    """
    with _needs_hypothesis():
        from lgstandards.testing.strategies import records as build
    return build(ref)


def invalid_records(
    ref: str, defects: Iterable[str] | None = None
) -> SearchStrategy[InvalidRecord]:
    """Return a hypothesis strategy of schema-invalid records, each with its one defect named.

    Each is a valid record with one mutation made: `missing-required`, `wrong-type` or
    `outside-enum` (all of them unless `defects` names some).
    """
    with _needs_hypothesis():
        from lgstandards.testing.strategies import DEFECTS
        from lgstandards.testing.strategies import invalid_records as build
    return build(ref, DEFECTS if defects is None else defects)


@contextlib.contextmanager
def _needs_hypothesis() -> Iterator[None]:
    """Turn a missing hypothesis into an ImportError that says how to install it."""
    try:
        yield
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in ("hypothesis", "hypothesis_jsonschema"):
            raise
        raise ImportError(
            "lgstandards.testing.records() and invalid_records() need hypothesis and "
            "hypothesis-jsonschema: pip install 'lgstandards[testing]'",
            name=exc.name,
        ) from exc
