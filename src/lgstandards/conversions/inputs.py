"""Reading what converters are given: files or bytes, CSV or JSON, and the publisher's options.

Every converter reads its input the same way, so a file that cannot be read gives the same
clear `ConversionError`, a CSV export in Windows-1252 the same warning, and a malformed
`--organisation` the same message, whichever format it was meant to be.
"""

from __future__ import annotations

import csv
import functools
import io
import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from lgstandards.conversions.base import ConversionError, ConversionOptions
from lgstandards.findings import Finding, Severity, SourceLocation, join_pointer
from lgstandards.locate import LineIndex, offset_of
from lgstandards.sources import utf16_text


def source_name(source: Path | bytes, options: ConversionOptions) -> str:
    """Return the name findings give the input: the option, the path, or '<input>'."""
    return options.source_name or (str(source) if isinstance(source, Path) else "<input>")


def read_bytes(source: Path | bytes, name: str, kind: str) -> bytes:
    """Return the input's bytes, or raise ConversionError naming why the file cannot be read."""
    try:
        raw = source if isinstance(source, bytes) else source.read_bytes()
    except IsADirectoryError:
        raise ConversionError(f"{name} is a directory, not a {kind} file.") from None
    except FileNotFoundError:
        raise ConversionError(f"{name} does not exist.") from None
    except OSError as exc:
        raise ConversionError(f"{name} cannot be read: {exc.strerror}.") from None
    # Read as UTF-8, UTF-16 would be a parse error at its first NUL, which says nothing useful.
    utf16 = utf16_text(raw[:4096])
    if utf16 is not None:
        how = "save the spreadsheet as 'CSV UTF-8'" if kind == "CSV" else "save it as UTF-8"
        raise ConversionError(f"{name} is {utf16}; {how}.")
    return raw


def decode_text(raw: bytes, name: str) -> tuple[str, list[Finding]]:
    """Return a CSV export's text, falling back to Windows-1252 with a warning."""
    if b"\x00" in raw[:4096]:
        raise ConversionError(
            f"{name} is not a CSV text file (it holds NUL bytes); save the spreadsheet as "
            "'CSV UTF-8' first."
        )
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as exc:
        # Councils' older systems export Windows-1252; reading it so beats refusing the file.
        line = raw[: exc.start].count(b"\n") + 1
        finding = Finding(
            "convert.not-utf8", Severity.WARNING,
            f"{name} is not UTF-8 (first bad byte on line {line}); it was read as Windows-1252. "
            "Check accented letters and symbols such as '£' in the output.",
            location=SourceLocation(name, line=line),
        )
        return raw.decode("cp1252", "replace"), [finding]


def csv_rows(text: str, name: str) -> Iterator[tuple[int, list[str]]]:
    """Yield (spreadsheet row number, cells) for each CSV row, the header being row 1."""
    reader = csv.reader(io.StringIO(text, newline=""))
    number = 0
    try:
        for cells in reader:
            number += 1
            yield number, cells
    except csv.Error as exc:
        raise ConversionError(f"{name} is not valid CSV near row {number + 1}: {exc}.") from None


def norm(text: str) -> str:
    """Return text lower-cased with everything but letters and digits removed, for matching."""
    return re.sub(r"[^a-z0-9]+", "", text.lower())


# -- JSON ------------------------------------------------------------------------------------------


class JsonText:
    """A JSON input's parsed value and text, for placing findings at a line and column."""

    def __init__(self, name: str, text: str, value: Any) -> None:
        """Keep the input; lines are indexed on first use."""
        self.name = name
        self.text = text
        self.value = value
        self._lines: LineIndex | None = None

    def at(self, parts: Sequence[str | int], record: int | None = None) -> SourceLocation:
        """Return the location of the value at a path in the input."""
        if self._lines is None:
            self._lines = LineIndex(self.text)
        offset = offset_of(self.text, [str(p) for p in parts])
        line, column = self._lines.position(offset)
        return SourceLocation(self.name, record=record, line=line, column=column)

    def finding(
        self, code: str, parts: Sequence[str | int], message: str, value: Any = None,
        severity: Severity = Severity.ERROR, record: int | None = None,
    ) -> Finding:
        """Return a finding placed at a path in the input."""
        return Finding(code, severity, message, pointer=join_pointer(parts),
                       location=self.at(parts, record), value=value)


def load_json(source: Path | bytes, name: str) -> JsonText:
    """Read and parse a JSON input, or raise ConversionError saying why it is not JSON."""
    raw = read_bytes(source, name, "JSON")
    try:
        text = raw.decode("utf-8-sig")
        return JsonText(name, text, json.loads(text))
    except UnicodeDecodeError:
        raise ConversionError(f"{name} is not UTF-8 text.") from None
    except (ValueError, RecursionError) as exc:
        raise ConversionError(f"{name} is not valid JSON: {exc}.") from None


# -- the publisher ---------------------------------------------------------------------------------


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Return common 2.0.0's organisation identifier and council GSS code patterns."""
    from lgstandards.registry import catalogue  # Late: the catalogue reads files.

    defs = catalogue().select("common@2", allow_draft=True).schema["$defs"]
    return re.compile(defs["organisation"]["pattern"]), re.compile(
        defs["council_gss_code"]["pattern"]
    )


def check_publisher_format(options: ConversionOptions) -> None:
    """Raise ConversionError when --organisation or --gss-code is given but malformed."""
    organisation, gss = _patterns()
    if options.organisation is not None and not organisation.fullmatch(options.organisation):
        raise ConversionError(
            f"--organisation {options.organisation!r} is not a planning.data.gov.uk organisation "
            "identifier such as 'local-authority:BIR'."
        )
    if options.gss_code is not None and not gss.fullmatch(options.gss_code):
        raise ConversionError(
            f"--gss-code {options.gss_code!r} is not a council GSS code such as 'E08000025'."
        )


def check_publisher(options: ConversionOptions, name: str, why: str) -> list[Finding]:
    """Check --organisation and --gss-code: a malformed one stops the run, a missing one is found.

    `why` says, for the missing case, why the format itself cannot name the authority.
    """
    check_publisher_format(options)
    where = SourceLocation(name)
    if options.organisation is None:
        return [Finding(
            "convert.no-organisation", Severity.ERROR,
            f"{why}; give the planning.data.gov.uk identifier with --organisation (such as "
            "local-authority:BIR) and the GSS code with --gss-code.",
            location=where,
        )]
    if options.organisation.startswith("local-authority:") and options.gss_code is None:
        return [Finding(
            "convert.no-organisation", Severity.ERROR,
            "A local authority's records need its council GSS code; give it with --gss-code "
            "(such as E08000025).",
            location=where,
        )]
    return []
