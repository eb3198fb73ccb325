"""Reading a form as it arrives: its fields, and its one file written privately within a cap.

Starlette's own form parser caps form fields but not file parts, and spools files to the system's
temporary folder. This reader streams python-multipart's parser straight into the request's
private folder and counts every byte: past the cap it stops reading and the request is refused.
The anti-forgery token must come before the file, so a forged upload is refused before a byte of
it is written. The file is never held whole in memory.
"""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from lgstandards.web.security import CSRF_FIELD
from lgstandards.web.settings import describe_size

#: Form fields are short (a standard's name, a URL, a token); anything longer is not ours.
MAX_FIELD_BYTES = 4096
MAX_FIELDS = 40
#: Room for the multipart framing and fields around the file, on top of the file cap.
FRAMING_BYTES = 64 * 1024


class RequestRefused(Exception):
    """A request was refused while reading it; the message is a sentence for people."""

    def __init__(self, status: int, message: str) -> None:
        """Keep the HTTP status and the sentence shown."""
        super().__init__(message)
        self.status = status
        self.message = message


def too_large(limit: int, what: str = "The file") -> RequestRefused:
    """Return the refusal of a body or file over its cap, stating the limit."""
    return RequestRefused(
        413,
        f"{what} is larger than {describe_size(limit)}, the most this service accepts. "
        "Compress it with gzip, split it into smaller files, or check it with the lgstandards "
        "command, which has no limit.",
    )


@dataclass
class Form:
    """A form read from a request: its text fields and, if it had one, the file saved privately."""

    fields: dict[str, str] = field(default_factory=dict)
    file_path: Path | None = None
    file_name: str = ""
    file_size: int = 0

    def get(self, name: str) -> str:
        """Return a field's value, or '' when it was not sent."""
        return self.fields.get(name, "")


def clean_file_name(name: str) -> str:
    """Return an uploaded file's name fit to show: no folders, no control characters, not long."""
    base = re.split(r"[\\/]", name)[-1]
    base = "".join(c for c in unicodedata.normalize("NFC", base)
                   if unicodedata.category(c)[0] != "C").strip()
    if len(base) > 120:
        stem, dot, suffix = base.rpartition(".")
        base = (stem[: 110] + "…" + dot + suffix) if dot and len(suffix) < 9 else base[:120]
    return base or "upload"


def _disposition(raw: bytes) -> tuple[str, str | None]:
    """Return a part's field name and file name (None for a plain field)."""
    _, options = parse_options_header(raw)
    name = options.get(b"name", b"").decode("utf-8", "replace")
    filename = options.get(b"filename")
    return name, None if filename is None else filename.decode("utf-8", "replace")


async def read_form(
    chunks: AsyncIterator[bytes],
    content_type: str,
    folder: Path,
    *,
    max_file_bytes: int,
    token_ok: Callable[[str], bool],
    allow_file: bool = True,
) -> Form:
    """Read a multipart form from body chunks, saving its file in `folder`; refuse rule breakers.

    `token_ok` judges the anti-forgery field as soon as it has arrived; a file part seen before
    a good token is refused before any of it is written, and so is a form that never sends one.
    """
    kind, options = parse_options_header(content_type)
    boundary = options.get(b"boundary")
    if kind != b"multipart/form-data" or not boundary:
        raise RequestRefused(400, "The form was not sent as a file upload form "
                                  "(multipart/form-data); use the page's own form.")
    form = Form()
    state = _PartState()
    events: list[tuple[str, bytes]] = []

    def on(name: str) -> Callable[..., None]:
        """Return a parser callback that records an event with its data, for handling below."""
        def callback(data: bytes | None = None, start: int = 0, end: int = 0) -> None:
            events.append((name, b"" if data is None else data[start:end]))
        return callback

    parser = MultipartParser(boundary, {
        "on_part_begin": on("begin"), "on_part_data": on("data"), "on_part_end": on("end"),
        "on_header_field": on("header_field"), "on_header_value": on("header_value"),
        "on_header_end": on("header_end"), "on_headers_finished": on("headers_done"),
    })
    verified = False
    handle: IO[bytes] | None = None
    try:
        async for chunk in chunks:
            try:
                parser.write(chunk)
            except MultipartParseError:
                raise RequestRefused(400, "The form could not be read: the upload was cut "
                                          "short or is not a proper form.") from None
            for event, data in events:
                if event == "begin":
                    state = _PartState()
                elif event == "header_field":
                    state.header_field += data
                elif event == "header_value":
                    state.header_value += data
                elif event == "header_end":
                    if state.header_field.lower() == b"content-disposition":
                        state.name, state.filename = _disposition(state.header_value)
                    state.header_field = state.header_value = b""
                elif event == "headers_done" and state.filename == "":
                    # A file input left empty is sent as a part with no file name: no file.
                    state.filename = None
                    state.skip = True
                elif event == "headers_done" and state.filename is not None:
                    if not allow_file:
                        raise RequestRefused(400, "This form takes no file.")
                    if not verified:
                        raise RequestRefused(403, _FORGED)
                    if form.file_path is not None:
                        raise RequestRefused(400, "Send one file at a time.")
                    form.file_name = clean_file_name(state.filename)
                    form.file_path = folder / "upload"
                    # O_EXCL and 0600: the file is new, and readable by this server alone.
                    fd = os.open(form.file_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
                    handle = os.fdopen(fd, "wb")
                elif event == "data":
                    if handle is not None and state.filename is not None:
                        form.file_size += len(data)
                        if form.file_size > max_file_bytes:
                            raise too_large(max_file_bytes)
                        # A plain write: the page cache absorbs it, and parts are small pieces.
                        handle.write(data)
                    elif not state.skip:
                        state.value += data
                        if len(state.value) > MAX_FIELD_BYTES:
                            raise RequestRefused(400, f"The form field {state.name!r} is too "
                                                      "long.")
                elif event == "end":
                    if handle is not None and state.filename is not None:
                        handle.close()
                        handle = None
                    elif state.filename is None and not state.skip:
                        if len(form.fields) >= MAX_FIELDS:
                            raise RequestRefused(400, "The form has too many fields.")
                        value = state.value.decode("utf-8", "replace")
                        form.fields[state.name] = value
                        if state.name == CSRF_FIELD:
                            verified = token_ok(value)
            events.clear()
        parser.finalize()
    finally:
        if handle is not None:
            handle.close()
    if not verified:
        raise RequestRefused(403, _FORGED)
    return form


_FORGED = ("The form could not be accepted: it did not come with this site's security token. "
           "Your browser may block cookies for this site, or the page was open too long; go back, "
           "reload the page and try again.")


@dataclass
class _PartState:
    """What is known of the part being read."""

    header_field: bytes = b""
    header_value: bytes = b""
    name: str = ""
    filename: str | None = None
    value: bytes = b""
    skip: bool = False


async def capped(chunks: AsyncIterator[bytes], limit: int, refusal: RequestRefused
                 ) -> AsyncIterator[bytes]:
    """Pass body chunks on, raising `refusal` as soon as the body passes `limit` bytes."""
    total = 0
    async for chunk in chunks:
        total += len(chunk)
        if total > limit:
            raise refusal
        yield chunk
