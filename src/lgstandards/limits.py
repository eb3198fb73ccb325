"""Read limits: the caps that keep a hostile file from exhausting memory or hanging a run."""

from __future__ import annotations

import io
import os
import select
import stat
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from lgstandards.errors import ConfigError

#: The environment variables that override each limit (worker processes inherit them).
ENVIRONMENT = {
    "max_decompressed": "LGSTANDARDS_MAX_DECOMPRESSED_BYTES",
    "max_ratio": "LGSTANDARDS_MAX_RATIO",
    "max_record": "LGSTANDARDS_MAX_RECORD_BYTES",
}


@dataclass(frozen=True)
class ReadLimits:
    """How much one input may expand to, and how large one record may be."""

    #: The most bytes a compressed file (or piped input) may give when decompressed.
    max_decompressed: int = 8 * 2**30
    #: The most a compressed file may expand, as decompressed bytes per compressed byte...
    max_ratio: int = 200
    #: ...counted only once this much has come out: small files compress well and are harmless.
    ratio_after: int = 16 * 2**20
    #: The largest single record: one NDJSON line, or one JSON document read whole.
    max_record: int = 64 * 2**20

    @classmethod
    def from_environment(cls, environ: Mapping[str, str] | None = None) -> ReadLimits:
        """Return the defaults, overridden by any LGSTANDARDS_MAX_* environment variable."""
        env = os.environ if environ is None else environ
        given: dict[str, Any] = {}
        for name, variable in ENVIRONMENT.items():
            text = env.get(variable)
            if text is None or not text.strip():
                continue
            try:
                value = int(text.strip().replace("_", ""))
            except ValueError:
                value = 0
            if value < 1:
                raise ConfigError(f"{variable} must be a whole number above 0 (got {text!r})")
            given[name] = value
        return cls(**given)


class LimitExceeded(Exception):
    """An input went past a read limit; `code` and `message` become its finding."""

    def __init__(self, code: str, message: str) -> None:
        """Keep the finding's code and sentence."""
        super().__init__(message)
        self.code = code
        self.message = message


class BoundedReader(io.RawIOBase):
    """Reads a decompressing stream, stopping at the size and ratio caps of `ReadLimits`."""

    def __init__(self, inner: IO[bytes], packed: IO[bytes], name: str, limits: ReadLimits):
        """Read `inner` (decompressing `packed`) for the input called `name`."""
        super().__init__()
        self._inner = inner
        self._packed = packed
        self._name = name
        self._limits = limits
        self._out = 0

    def readable(self) -> bool:
        """Return True: this stream is for reading."""
        return True

    def seekable(self) -> bool:
        """Return True: a gzip stream can rewind (it reads again from the start)."""
        return True

    def readinto(self, buffer: Any) -> int:
        """Read into a buffer, raising `LimitExceeded` once a cap is passed."""
        count = self._inner.readinto(buffer)  # type: ignore[attr-defined]
        self._out += count
        limits = self._limits
        if self._out > limits.max_decompressed:
            raise LimitExceeded(
                "source.too-large",
                f"{self._name} decompresses to more than {limits.max_decompressed:,} bytes, the "
                f"cap ({ENVIRONMENT['max_decompressed']}); it was not read further.",
            )
        packed = max(self._packed.tell(), 1)
        if self._out > limits.ratio_after and self._out > limits.max_ratio * packed:
            raise LimitExceeded(
                "source.too-large",
                f"{self._name} expands more than {limits.max_ratio} times when decompressed "
                f"(a compression bomb?), past the cap ({ENVIRONMENT['max_ratio']}); it was not "
                "read further.",
            )
        return int(count)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        """Move in the decompressed stream, counting from where it lands."""
        self._out = self._inner.seek(offset, whence)
        return self._out

    def tell(self) -> int:
        """Return the position in the decompressed stream."""
        return self._inner.tell()

    def close(self) -> None:
        """Close the decompressing and the compressed streams."""
        if not self.closed:
            self._inner.close()
            self._packed.close()
        super().close()


def special_kind(path: Path) -> str | None:
    """Return what kind of special file a path is ('a named pipe', ...), or None if it is not."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return None
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return None


PIPE_WRITER_WAIT = 2.0
"""Seconds a named pipe is given for a writer to attach before it is read as empty."""


def read_pipe(path: Path, cap: int, wait: float = PIPE_WRITER_WAIT) -> bytes | None:
    """Read a pipe whole without ever blocking on open; None if it gives more than `cap` bytes."""
    # Opening a FIFO for reading waits for a writer, for ever if none comes; O_NONBLOCK does not.
    # Once open, a blocking read returns end-of-file at once when no writer is attached, so a
    # writer still starting up (a thread, a slow `mkfifo` producer) would be read as empty: give
    # it a bounded wait first. poll() reports nothing until a writer first attaches.
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
    try:
        waiting = select.poll()
        waiting.register(fd, select.POLLIN)
        if not waiting.poll(int(wait * 1000)):
            return b""
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=True) as handle:
            fd = -1
            data = handle.read(cap + 1)
    finally:
        if fd >= 0:
            os.close(fd)
    return None if len(data) > cap else data


def display_path(path: str | Path) -> str:
    r"""Return a path as printable text: bytes that are not UTF-8 shown as \xNN escapes."""
    # A name read from the disk keeps its undecodable bytes as lone surrogates, which no
    # encoder can write: every report format would fail on them.
    return os.fsencode(str(path)).decode("utf-8", "backslashreplace")


__all__ = [
    "ENVIRONMENT",
    "PIPE_WRITER_WAIT",
    "BoundedReader",
    "LimitExceeded",
    "ReadLimits",
    "display_path",
    "read_pipe",
    "special_kind",
]
