"""Sources: turn files, streams and strings into records, or into findings when they cannot."""

from __future__ import annotations

import csv
import glob
import gzip
import io
import json
import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple, cast

import orjson

from lgstandards.findings import Finding, Severity, SourceLocation, split_pointer
from lgstandards.limits import (
    ENVIRONMENT,
    BoundedReader,
    LimitExceeded,
    ReadLimits,
    display_path,
    special_kind,
)
from lgstandards.locate import LineIndex, element_offsets, offset_of

InputFormat = Literal["json", "ndjson", "csv"]

#: JSON files larger than this stream through ijson instead of being read whole.
STREAM_JSON_BYTES = 64 * 1024 * 1024
#: Records nested deeper than this are reported (`source.too-deep`), not checked. Real records
#: nest a dozen levels; much deeper ones would meet Python's recursion limit at a depth that
#: depends on how deep the caller's own stack is, and so on which process checks them.
MAX_DEPTH = 512

#: The first bytes of a gzip stream; a file that starts with them is read through gzip.
GZIP_MAGIC = b"\x1f\x8b"

_EXTENSIONS: Mapping[str, InputFormat] = {
    ".json": "json",
    ".geojson": "json",
    ".ndjson": "ndjson",
    ".jsonl": "ndjson",
    ".csv": "csv",
}


#: The suffixes of data files (each may also end in .gz).
DATA_SUFFIXES = frozenset(_EXTENSIONS)


def data_suffix(name: str | Path) -> str:
    """Return a data file's suffix in lower case, looking through a final `.gz`."""
    path = Path(name)
    if path.suffix.lower() == ".gz":
        path = path.with_suffix("")
    return path.suffix.lower()


class Record(NamedTuple):
    """One record read from a source, with what is needed to locate findings inside it."""

    # A named tuple rather than a frozen dataclass: one is built per record, and this is 5x cheaper.

    data: Any
    number: int
    line: int | None = None
    text: str | None = None
    offset: int = 0
    row: int | None = None
    raw: bytes | None = None


@dataclass(frozen=True)
class TabularForm:
    """How a CSV row becomes a record: one column per header, each with a pointer and a type."""

    columns: tuple[Mapping[str, Any], ...]

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> TabularForm:
        """Build a tabular form from a standard version's `tabular.json`."""
        return cls(tuple(raw.get("columns", ())))

    @property
    def by_header(self) -> dict[str, Mapping[str, Any]]:
        """Return the columns keyed by header."""
        return {str(c["header"]): c for c in self.columns}


def _error(code: str, message: str, location: SourceLocation, *, warning: bool = False) -> Finding:
    severity = Severity.WARNING if warning else Severity.ERROR
    return Finding(code, severity, message, location=location)


def utf16_text(head: bytes) -> str | None:
    """Say how a file whose first bytes these are is UTF-16 ('UTF-16 text'), or return None."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "UTF-16 text"
    # Without a byte-order mark (Windows' "Unicode" save without one): text in a Latin script
    # has a NUL as every other byte, at even places big-endian and odd ones little-endian, and
    # decodes to printable characters; binary data keeps neither pattern for long.
    pairs = len(head) // 2
    if pairs < 2:
        return None
    evens, odds = head[0 : 2 * pairs : 2], head[1 : 2 * pairs : 2]
    for name, zeros, others in (("UTF-16LE", odds, evens), ("UTF-16BE", evens, odds)):
        if 0 in others or 2 * zeros.count(0) < pairs:
            continue
        # A character cut in two by the end of the head is not a reason to doubt the rest.
        text = head[: 2 * pairs].decode(name.lower(), "replace").rstrip("\ufffd")
        if all(c.isprintable() or c in "\r\n\t" for c in text):
            return f"{name} text without a byte-order mark"
    return None


def column_letter(index: int) -> str:
    """Return the spreadsheet letter of a 0-based column index (0 -> A, 26 -> AA)."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


class Source:
    """A named input that yields records, or findings for what could not be read."""

    def __init__(
        self,
        name: str,
        fmt: InputFormat,
        path: Path | None = None,
        data: bytes | None = None,
        tabular: TabularForm | None = None,
        *,
        part: bool = False,
        first_line: int = 1,
        byte_base: int = 0,
        limits: ReadLimits | None = None,
    ) -> None:
        """Describe an input by display name, format, and either a path or the bytes themselves."""
        # A `part` is the NDJSON lines of a larger file from `first_line`, `byte_base` bytes into
        # it: lines and offsets count from the file's start, and the checks of a whole file
        # (empty, binary, UTF-16, only blank lines) are left to whoever cut it, except those of
        # its head in the part that starts the file.
        self.name = name
        self.format: InputFormat = fmt
        self.path = path
        self.data = data
        self.tabular = tabular
        self.part = part
        self.first_line = first_line
        self.byte_base = byte_base
        self.limits = limits or ReadLimits.from_environment()
        self._index: LineIndex | None = None
        self._text: str | None = None
        self._elements: list[int] | None = None
        self._arrays: dict[int, list[int]] = {}
        self._line: tuple[int, str, dict[int, list[int]]] | None = None
        self._columns: list[str] = []

    # -- reading -----------------------------------------------------------------------------

    def _bytes(self) -> bytes:
        """Return the whole content, refusing one larger than a record may be."""
        cap = max(STREAM_JSON_BYTES, self.limits.max_record)
        with self._open() as handle:
            content = handle.read(cap + 1)
        if len(content) > cap:
            raise LimitExceeded(
                "source.record-too-large",
                f"{self.name} is one JSON value of more than {cap:,} bytes, the cap on a record "
                f"({ENVIRONMENT['max_record']}); it was not checked.",
            )
        return content

    def _content_size(self, size: int) -> int:
        """Return the size of a file's content: for gzip, as its trailer gives it."""
        assert self.path is not None
        with self.path.open("rb") as handle:
            if handle.read(2) != GZIP_MAGIC or size < 18:
                return size
            # The last four bytes hold the uncompressed size modulo 2**32: a ten-to-one JSON
            # array must stream like a plain one, and one past 4 GiB may wrap round to small.
            handle.seek(-4, io.SEEK_END)
            content = int.from_bytes(handle.read(4), "little")
            return content if content >= size else size * 20

    def items(self) -> Iterator[Record | Finding]:
        """Yield every record of the source, and a finding for each part that cannot be read."""
        where = SourceLocation(self.name)
        if self.part and self.byte_base > 0:
            yield from self._ndjson()
            return
        try:
            if self.path is not None and self.path.is_dir():
                yield _error(
                    "source.is-directory", f"{self.name} is a directory, not a file.", where
                )
                return
            kind = special_kind(self.path) if self.path is not None else None
            if kind is not None:
                # Opening one could wait for ever (a pipe with no writer) or never end (a device).
                yield _error(
                    "source.special-file",
                    f"{self.name} is {kind}, not a regular file; it was not opened.",
                    where,
                )
                return
            size = self.path.stat().st_size if self.path is not None else len(self.data or b"")
            if size == 0:
                yield _error(
                    "source.empty", f"{self.name} is empty: there is nothing to check.", where
                )
                return
            with self._open() as handle:
                head = handle.read(8192)
            utf16 = utf16_text(head)
            if utf16 is not None:
                yield _error(
                    "source.invalid-encoding",
                    f"{self.name} is {utf16}; save it as UTF-8.",
                    where,
                )
                return
            if b"\x00" in head:
                yield _error(
                    "source.binary",
                    f"{self.name} looks like a binary or compressed file, not "
                    f"{self.format.upper()} text; export it as text (gzip is read; zip and "
                    "others are not).",
                    where,
                )
                return
            # Excel's "CSV UTF-8" always writes a byte-order mark: normal for CSV, odd in JSON.
            if head.startswith(b"\xef\xbb\xbf") and self.format != "csv":
                yield _error(
                    "source.byte-order-mark",
                    f"{self.name} starts with a UTF-8 byte-order mark; it was ignored, but some "
                    "tools reject it: save the file as UTF-8 without BOM.",
                    SourceLocation(self.name, line=1, column=1),
                    warning=True,
                )
            if self.format == "ndjson":
                yield from self._ndjson()
            elif self.format == "csv":
                yield from self._csv()
            elif self.path is not None and self._content_size(size) > STREAM_JSON_BYTES:
                yield from self._json_stream()
            else:
                yield from self._json()
        except LimitExceeded as exc:
            # Records before the limit have been checked and reported already.
            yield _error(exc.code, exc.message, where)
        except (gzip.BadGzipFile, EOFError, zlib.error) as exc:
            # Records before the damage have been checked and reported already.
            yield _error(
                "source.invalid-gzip",
                f"{self.name} is a damaged or incomplete gzip file ({exc or 'it ends early'}); "
                "records before the damage were checked. Compress it again, or give it "
                "uncompressed.",
                where,
            )
        except FileNotFoundError:
            yield _error("source.not-found", f"{self.name} does not exist.", where)
        except IsADirectoryError:
            yield _error("source.is-directory", f"{self.name} is a directory, not a file.", where)
        except PermissionError:
            yield _error(
                "source.unreadable", f"{self.name} cannot be read: permission denied.", where
            )
        except OSError as exc:
            yield _error("source.unreadable", f"{self.name} cannot be read: {exc.strerror}.", where)

    def read_again(self) -> Callable[[int, int], Any] | None:
        """Return what reads the record on a line (number, byte offset) again, or None.

        Only plain NDJSON, in memory or in a regular file, can be read again cheaply: a stream
        is gone, and gzip would be decompressed from its start each time.
        """
        if self.format != "ndjson" or self.part:
            return None
        if self.data is not None:
            if self.data.startswith(GZIP_MAGIC):
                return None
            data = self.data

            def from_bytes(line: int, offset: int) -> Any:
                end = data.find(b"\n", offset)
                return self._record_on(data[offset:end + 1 if end >= 0 else len(data)], line)

            return from_bytes
        try:
            if self.path is None or not self.path.is_file():
                return None
            with self.path.open("rb") as handle:
                if handle.read(2) == GZIP_MAGIC:
                    return None
        except OSError:
            return None
        path, cap = self.path, self.limits.max_record

        def from_file(line: int, offset: int) -> Any:
            with path.open("rb") as handle:
                handle.seek(offset)
                return self._record_on(handle.readline(cap + 1), line)

        return from_file

    def _record_on(self, raw: bytes, line: int) -> Any:
        """Return the data of the record that is the line `raw`, read as it was the first time."""
        one = Source(self.name, "ndjson", data=raw, part=True, first_line=line, limits=self.limits)
        for item in one.items():
            if isinstance(item, Record):
                return item.data
        raise ValueError(f"{self.name} changed while it was checked: line {line} is no record")

    def _open(self) -> IO[bytes]:
        """Open the content, decompressing gzip within the read limits."""
        packed: IO[bytes]
        if self.data is not None:
            # A part of a file is plain text by construction, whatever its first line holds.
            if self.part or not self.data.startswith(GZIP_MAGIC):
                return io.BytesIO(self.data)
            packed = io.BytesIO(self.data)
        else:
            assert self.path is not None
            handle = self.path.open("rb")
            # By content, not by name: a national export is often gzip, named .gz or not.
            if handle.peek(2)[:2] != GZIP_MAGIC:
                return handle
            packed = handle
        inner = gzip.GzipFile(fileobj=packed, mode="rb")
        bounded = BoundedReader(cast(IO[bytes], inner), packed, self.name, self.limits)
        return cast(IO[bytes], io.BufferedReader(bounded))

    def _decode(self, raw: bytes, line_base: int = 1) -> str | Finding:
        # Decode after the BOM, not with utf-8-sig, so error offsets count from the same place.
        bom = 3 if raw.startswith(b"\xef\xbb\xbf") else 0
        try:
            return raw[bom:].decode("utf-8")
        except UnicodeDecodeError as exc:
            exc.start += bom
            line = raw.count(b"\n", 0, exc.start) + line_base
            column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
            return _error(
                "source.invalid-encoding",
                f"{self.name} is not valid UTF-8 at line {line}, column {column} "
                f"(byte 0x{raw[exc.start]:02x}); save it as UTF-8.",
                SourceLocation(self.name, line=line, column=column),
            )

    def _json(self) -> Iterator[Record | Finding]:
        text = self._decode(self._bytes())
        if isinstance(text, Finding):
            yield text
            return
        if not text.strip():
            yield _error(
                "source.empty", f"{self.name} holds only white space.", SourceLocation(self.name)
            )
            return
        value = self._parse(text, SourceLocation(self.name), 1)
        if isinstance(value, Finding):
            yield value
            return
        self._text = text
        # Counting brackets bounds the depth of a small document cheaply.
        deep = text.count("[") + text.count("{") > MAX_DEPTH
        if isinstance(value, list):
            if not value:
                yield _no_records(self.name, "is an empty JSON array")
            for number, item in enumerate(value, 1):
                if deep and _deeper_than_max(item):
                    yield self._deep_record(SourceLocation(self.name, record=number))
                else:
                    yield Record(item, number, text=text, offset=-number)
        elif deep and _deeper_than_max(value):
            yield self._deep_record(SourceLocation(self.name, record=1))
        else:
            yield Record(value, 1, text=text, offset=0)

    def _deep_record(self, where: SourceLocation) -> Finding:
        # The record number is in the location only: a part of a file (--jobs) counts its own.
        at = f" on line {where.line}" if where.line else ""
        return _error(
            "source.too-deep",
            f"{self.name}: the record{at} is nested more than {MAX_DEPTH} levels deep, so it "
            "was not checked; real records nest a few levels.",
            where,
        )

    def _parse(self, text: str | bytes, where: SourceLocation, line_base: int) -> Any:
        try:
            return orjson.loads(text)
        except orjson.JSONDecodeError:
            pass
        # orjson refuses integers beyond 64 bits and deep nesting; the standard library tells
        # those apart from real syntax errors and gives the line and column of the latter.
        try:
            value = json.loads(text, parse_constant=_reject_constant, parse_float=_finite_float)
            if isinstance(text, str) and ("\\ud" in text or "\\uD" in text):
                # A lone surrogate escape ("\ud800") is no character; orjson refuses it too.
                json.dumps(value, ensure_ascii=False).encode("utf-8")
            return value
        except json.JSONDecodeError as exc:
            line = exc.lineno + line_base - 1
            return _error(
                "source.invalid-json",
                f"{self.name} is not valid JSON at line {line}, column {exc.colno}: {exc.msg}.",
                SourceLocation(where.path, record=where.record, line=line, column=exc.colno),
            )
        except UnicodeEncodeError:
            return _error(
                "source.invalid-json",
                f"{self.name} is not valid JSON: a \\u escape names half a character "
                "(a lone surrogate).",
                where,
            )
        except ValueError as exc:
            reason = str(exc)
            if "integer string conversion" in reason:
                # Python's own guard against denial of service; its advice is for programmers.
                reason = "it holds a number with more than 4,300 digits"
            return _error(
                "source.invalid-json",
                f"{self.name} is not valid JSON: {reason}.",
                where,
            )
        except RecursionError:
            return _error(
                "source.too-deep",
                f"{self.name} is nested too deeply to read.",
                where,
            )

    def _json_stream(self) -> Iterator[Record | Finding]:
        import ijson  # Imported here: only files above the streaming threshold need it.

        with self._open() as handle:
            first = handle.read(1024).lstrip(b"\xef\xbb\xbf \t\r\n")[:1]
        if first != b"[":
            # One huge object: there is no record boundary to stream on, so read it whole.
            yield from self._json()
            return
        number = 0
        try:
            with self._open() as handle:
                if handle.read(3) != b"\xef\xbb\xbf":
                    handle.seek(0)
                for item in ijson.items(handle, "item", use_float=True):
                    number += 1
                    if _deeper_than_max(item):
                        yield self._deep_record(SourceLocation(self.name, record=number))
                    else:
                        yield Record(item, number)
        except ijson.JSONError as exc:
            yield _error(
                "source.invalid-json",
                f"{self.name} is not valid JSON after record {number}: {exc}.",
                SourceLocation(self.name, record=number + 1),
            )

    def _ndjson(self) -> Iterator[Record | Finding]:
        number = 0
        position = self.byte_base
        cap = self.limits.max_record
        line_number = self.first_line - 1
        # Bound once: this loop runs once a record, and its own overhead was a third of parsing.
        loads, new_record = orjson.loads, tuple.__new__
        with self._open() as handle:
            readline = handle.readline
            while raw := readline(cap + 1):
                line_number += 1
                start, position = position, position + len(raw)
                if len(raw) > cap and not raw.endswith(b"\n"):
                    # Skipped in bounded steps: one huge line must not be held whole.
                    while (rest := handle.readline(2**20)):
                        position += len(rest)
                        if rest.endswith(b"\n"):
                            break
                    number += 1
                    yield _error(
                        "source.record-too-large",
                        f"{self.name}: the record on line {line_number} is longer than "
                        f"{cap:,} bytes, the cap on a record ({ENVIRONMENT['max_record']}); it "
                        "was not checked.",
                        SourceLocation(self.name, record=number, line=line_number),
                    )
                    continue
                if line_number == 1:
                    raw = raw.removeprefix(b"\xef\xbb\xbf")
                if not raw or raw.isspace():
                    continue
                number += 1
                try:
                    value = loads(raw)
                except orjson.JSONDecodeError:
                    where = SourceLocation(self.name, record=number, line=line_number)
                    text = self._decode(raw, line_number)
                    if isinstance(text, Finding):
                        yield text.with_location(
                            SourceLocation(
                                self.name,
                                record=number,
                                line=text.location.line,
                                column=text.location.column,
                            )
                        )
                        continue
                    value = self._parse(text.rstrip("\r\n"), where, line_number)
                    if isinstance(value, Finding):
                        yield value
                        continue
                # Nesting past MAX_DEPTH takes that many brackets opened and closed: a shorter
                # line (most of them) is not even counted.
                if (len(raw) > 2 * MAX_DEPTH and raw.count(b"[") + raw.count(b"{") > MAX_DEPTH
                        and too_deep(value)):
                    yield self._deep_record(
                        SourceLocation(self.name, record=number, line=line_number)
                    )
                    continue
                # The offset of the line lets a finding be placed again from the file alone.
                # Built as the tuple it is: a named tuple's own constructor is Python code.
                yield new_record(Record, (value, number, line_number, None, start, None, raw))
        if number == 0 and not self.part:
            yield only_blank_lines(self.name)

    def _csv(self) -> Iterator[Record | Finding]:
        if self.tabular is None:
            yield _error(
                "source.no-tabular-form",
                f"{self.name} is CSV, but this standard defines no tabular (CSV) form; "
                "give the data as JSON or NDJSON.",
                SourceLocation(self.name),
            )
            return
        # Read as a text stream: a large register never has to fit in memory.
        # Undecodable bytes survive as lone surrogates, so each bad cell is reported where it is
        # and the rows around it are still checked.
        with io.TextIOWrapper(
            self._open(), encoding="utf-8-sig", errors="surrogateescape", newline=""
        ) as stream:
            yield from self._csv_rows(stream)

    def _csv_rows(self, stream: IO[str]) -> Iterator[Record | Finding]:
        assert self.tabular is not None
        first = stream.readline()
        stream.seek(0)
        # Spreadsheets in many locales export with semicolons or tabs; take what the header uses.
        delimiter = max((",", ";", "\t"), key=lambda d: (first.count(d), d == ","))
        reader = csv.reader(stream, delimiter=delimiter, strict=True)
        try:
            header = next(reader)
        except StopIteration:
            yield _error(
                "source.empty", f"{self.name} has no header row.", SourceLocation(self.name)
            )
            return
        except csv.Error as exc:
            yield _error(
                "source.invalid-csv", f"{self.name}: {exc}.", SourceLocation(self.name, row=1)
            )
            return
        known = self.tabular.by_header
        # Headers match whatever their case or spacing: 'Reference ' is the column 'reference'.
        canonical = {_header_key(name): name for name in known}
        for index, cell in enumerate(header):
            if not cell.isascii() and _SURROGATE.search(cell):
                header[index] = _replace_bad_bytes(cell)
                yield _error(
                    "source.invalid-encoding",
                    f"Header cell {column_letter(index)} is not valid UTF-8; "
                    "save the file as 'CSV UTF-8'.",
                    SourceLocation(self.name, row=1, column_letter=column_letter(index)),
                )
        header = [canonical.get(_header_key(h), h.strip()) for h in header]
        self._columns = header
        for index, name in enumerate(header):
            at = SourceLocation(self.name, row=1, column_letter=column_letter(index), header=name)
            if name and header.index(name) != index:
                yield _error(
                    "source.duplicate-column", f"Column '{name}' appears twice in the header.", at
                )
            elif name not in known:
                yield _error(
                    "source.unknown-column",
                    (
                        f"Column '{name}' is not part of this standard's CSV form and was ignored."
                        if name
                        else f"Column {column_letter(index)} has no header and was ignored."
                    ),
                    at,
                    warning=True,
                )
        number = 0
        row = 1
        line = reader.line_num + 1
        try:
            for cells in reader:
                # A spreadsheet shows blank rows too, so `row` counts them; `line` is the physical
                # line the row starts on, which differs when a quoted cell holds a line break.
                row += 1
                start_line, line = line, reader.line_num + 1
                if not any(c.strip() for c in cells):
                    continue
                number += 1
                if len(cells) != len(header):
                    yield _error(
                        "source.row-length",
                        f"Row {row} has {len(cells)} cells but the header has {len(header)}.",
                        SourceLocation(self.name, record=number, line=start_line, row=row),
                    )
                for index, cell in enumerate(cells):
                    if not cell.isascii() and _SURROGATE.search(cell):
                        cells[index] = _replace_bad_bytes(cell)
                        yield _error(
                            "source.invalid-encoding",
                            f"Row {row}, column {column_letter(index)} is not valid UTF-8; "
                            "save the file as 'CSV UTF-8'.",
                            SourceLocation(
                                self.name,
                                record=number,
                                line=start_line,
                                row=row,
                                column_letter=column_letter(index),
                                header=header[index] if index < len(header) else None,
                            ),
                        )
                record: dict[str, Any] = {}
                for index, cell in enumerate(cells[: len(header)]):
                    column = known.get(header[index])
                    if column is None or cell.strip() == "":
                        continue
                    _set(record, split_pointer(str(column["pointer"])), _cell(cell.strip(), column))
                yield Record(record, number, line=start_line, row=row)
        except csv.Error as exc:
            yield _error(
                "source.invalid-csv",
                f"{self.name} is not valid CSV near row {row + 1}: {exc} (look for a quote "
                "that is opened but never closed).",
                SourceLocation(self.name, row=row + 1),
            )
            return
        if number == 0:
            yield _no_records(self.name, "has a header row but no data rows")

    # -- locating ----------------------------------------------------------------------------

    def locate(self, record: Record, pointer: str) -> SourceLocation:
        """Return where in the source a pointer inside a record is."""
        if record.row is not None:
            return self._locate_cell(record, pointer)
        parts = split_pointer(pointer)
        if record.line is not None:
            # NDJSON: the record is one line, so its column comes from scanning that line alone.
            return SourceLocation(
                self.name,
                record.number,
                line=record.line,
                column=self._column_in_line(record, parts),
            )
        text = record.text
        if text is None:
            return SourceLocation(self.name, record.number)
        if self._index is None:
            self._index = LineIndex(text)
        start = record.offset
        if start < 0:
            if self._elements is None:
                self._elements = element_offsets(text)
            index = -start - 1
            start = self._elements[index] if index < len(self._elements) else 0
        line, column = self._index.position(offset_of(text, parts, start, self._arrays))
        return SourceLocation(self.name, record.number, line=line, column=column)

    def _column_in_line(self, record: Record, parts: list[str]) -> int | None:
        if record.raw is None:
            return None
        # One record's findings are located one after another: decode its line and index its
        # arrays once for all of them.
        if self._line is None or self._line[0] != record.number:
            text = record.raw.decode("utf-8", "replace").removeprefix("\ufeff")
            self._line = (record.number, text, {})
        _, text, arrays = self._line
        return offset_of(text, parts, 0, arrays) + 1

    def _locate_cell(self, record: Record, pointer: str) -> SourceLocation:
        assert self.tabular is not None
        best: tuple[int, str] | None = None
        for column in self.tabular.columns:
            col_pointer = str(column["pointer"])
            if pointer == col_pointer or pointer.startswith(col_pointer + "/"):
                best = (len(col_pointer), str(column["header"]))
                break
            if col_pointer.startswith(pointer + "/") and best is None:
                best = (0, str(column["header"]))
        if best is None:
            return SourceLocation(self.name, record.number, line=record.line, row=record.row)
        header = best[1]
        index = self._columns.index(header) if header in self._columns else None
        return SourceLocation(
            self.name,
            record.number,
            line=record.line,
            row=record.row,
            column_letter=column_letter(index) if index is not None else None,
            header=header,
            # The cell's column counts CSV fields, not characters: enough for an annotation.
            column=index + 1 if index is not None else None,
        )


_SURROGATE = re.compile("[\udc80-\udcff]")


def _replace_bad_bytes(cell: str) -> str:
    """Turn bytes that were not UTF-8 (kept as lone surrogates) into replacement characters."""
    return cell.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _header_key(name: str) -> str:
    return re.sub(r"[\s_-]+", "_", name.strip().lower())


def too_deep(value: Any, limit: int = MAX_DEPTH) -> bool:
    """Return whether a parsed value nests containers more than `limit` deep (no recursion)."""
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        children = node.values() if type(node) is dict else node if type(node) is list else ()
        for child in children:
            if type(child) is dict or type(child) is list:
                if depth >= limit:
                    return True
                stack.append((child, depth + 1))
    return False


def _deeper_than_max(value: Any) -> bool:
    """Return whether a record nests past MAX_DEPTH, walking it only if orjson cannot write it."""
    # orjson writes up to 255 levels, in C: only the rare deeper record is walked in Python.
    try:
        orjson.dumps(value)
    except (TypeError, orjson.JSONEncodeError):  # Too deep for orjson, or an integer past 64 bits.
        return too_deep(value)
    return False


def only_blank_lines(name: str) -> Finding:
    """Return the finding for an NDJSON file with no record at all, only blank lines."""
    return _error("source.empty", f"{name} holds only blank lines.", SourceLocation(name))


def _no_records(name: str, why: str) -> Finding:
    return _error(
        "source.no-records",
        f"{name} {why}: there was nothing to check.",
        SourceLocation(name),
        warning=True,
    )


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON value")


def _finite_float(text: str) -> float:
    value = float(text)
    if value in (float("inf"), float("-inf")):
        raise ValueError(f"the number {text} is too large to represent")
    return value


_INTEGER = re.compile(r"-?[0-9]+")
_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][-+]?[0-9]+)?")


def _cell(cell: str, column: Mapping[str, Any]) -> Any:
    """Turn a cell into its declared type; a cell that does not fit stays text for the schema."""
    kind = column.get("type", "string")
    try:
        if kind == "integer" and _INTEGER.fullmatch(cell):
            return int(cell)
        if kind == "number" and _NUMBER.fullmatch(cell):
            return float(cell) if any(c in cell for c in ".eE") else int(cell)
    except ValueError:  # Thousands of digits: left as text for the schema to report.
        return cell
    if kind == "boolean" and cell.lower() in ("true", "false"):
        return cell.lower() == "true"
    if kind in ("string-list", "integer-list", "number-list"):
        parts = [p.strip() for p in cell.split(str(column.get("separator", ";"))) if p.strip()]
        inner = {"type": kind.removesuffix("-list")}
        return [_cell(p, inner) for p in parts]
    return cell


def _set(target: dict[str, Any], parts: Sequence[str], value: Any) -> None:
    """Set a value at a pointer inside nested objects and lists, creating them as needed."""
    node: Any = target
    for here, after in zip(parts, [*parts[1:], None], strict=True):
        key: Any = int(here) if isinstance(node, list) else here
        if after is None:
            if isinstance(node, list):
                while len(node) <= key:
                    node.append(None)
            node[key] = value
            return
        empty: Any = [] if after.isdigit() else {}
        if isinstance(node, list):
            while len(node) <= key:
                node.append(None)
            if node[key] is None:
                node[key] = empty
        elif key not in node:
            node[key] = empty
        node = node[key]


def detect_format(name: str, head: bytes = b"") -> InputFormat:
    """Guess the input format from the file name, or else from the first bytes."""
    suffix = data_suffix(name)
    if suffix in _EXTENSIONS:
        return _EXTENSIONS[suffix]
    if head.startswith(GZIP_MAGIC):
        # The start of a gzip stream decompresses on its own: enough to see the format by.
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 65536)
        except zlib.error:
            return "json"  # Reading it will report the damage.
    stripped = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if stripped[:1] in (b"{", b"["):
        # NDJSON when the first line is a whole JSON value and more follows it; pretty-printed
        # JSON's first line ("{") is not.
        first, _, rest = stripped.partition(b"\n")
        if rest.strip():
            try:
                orjson.loads(first)
            except orjson.JSONDecodeError:
                return "json"
            return "ndjson"
        return "json"
    first_line = stripped.split(b"\n", 1)[0]
    return "csv" if any(sep in first_line for sep in (b",", b";", b"\t")) else "json"


@dataclass(frozen=True)
class Expansion:
    """The files a set of path arguments names, the arguments that name none, and the problems."""

    files: tuple[Path, ...] = ()
    missing: tuple[str, ...] = field(default_factory=tuple)
    #: Findings for what a folder scan met but could not check: unreadable folders, pipes.
    problems: tuple[Finding, ...] = ()


def expand_paths(arguments: Iterable[str]) -> Expansion:
    """Expand files, directories (recursively) and glob patterns into a sorted list of files."""
    files: list[Path] = []
    missing: list[str] = []
    problems: list[Finding] = []
    for argument in arguments:
        path = Path(argument)
        if path.is_dir():
            found = _scan(path, problems)
            files.extend(found)
            if not found:
                missing.append(argument)
        elif path.exists() or not glob.has_magic(argument):
            files.append(path)
        else:
            matched = sorted(
                Path(p) for p in glob.glob(argument, recursive=True) if Path(p).is_file()
            )
            files.extend(matched)
            if not matched:
                missing.append(argument)
    unique = list(dict.fromkeys(files))
    return Expansion(tuple(unique), tuple(missing), tuple(problems))


def _scan(top: Path, problems: list[Finding]) -> list[Path]:
    """Return the data files under a folder, adding a finding for each entry it cannot check."""
    found: list[Path] = []
    seen: set[tuple[int, int]] = set()

    def unreadable(error: OSError) -> None:
        # A folder the scan cannot enter may hold data: a run must not call it conforming.
        shown = display_path(error.filename or top)
        problems.append(_error(
            "source.unreadable",
            f"{shown} cannot be read ({error.strerror or error}), so the files in it were not "
            "checked.",
            SourceLocation(shown),
        ))

    for folder, subfolders, names in os.walk(top, onerror=unreadable, followlinks=True):
        here = Path(folder)
        try:
            info = here.stat()
        except OSError:
            continue
        if (info.st_dev, info.st_ino) in seen:
            subfolders.clear()  # A link back up the tree: followed once, not for ever.
            continue
        seen.add((info.st_dev, info.st_ino))
        subfolders[:] = sorted(d for d in subfolders if not d.startswith("."))
        for name in names:
            entry = here / name
            if name.startswith(".") or name.endswith(".findings.json"):
                continue
            if data_suffix(entry) not in _EXTENSIONS:
                continue
            kind = special_kind(entry)
            if kind is not None:
                shown = display_path(entry)
                problems.append(_error(
                    "source.special-file",
                    f"{shown} is {kind}, not a regular file; it was not opened.",
                    SourceLocation(shown),
                ))
            elif entry.is_file():
                found.append(entry)
    return sorted(found)
