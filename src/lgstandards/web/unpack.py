"""Undoing gzip on an upload within caps on what comes out, so a small bomb cannot fill the disk.

The caps count the bytes that come *out* of each layer, as they come, never the compressed size:
a 50 kB upload can hold 50 GB of zeros. A gzip inside a gzip is undone layer by layer, each layer
within the same caps, so nesting cannot multiply them.
"""

from __future__ import annotations

import os
import zlib
from pathlib import Path

from lgstandards.sources import GZIP_MAGIC
from lgstandards.web.settings import describe_size

#: Read and write in pieces of this size, so memory stays flat whatever the file.
CHUNK = 256 * 1024
#: A gzip inside a gzip inside a gzip is the most anyone sends on purpose.
MAX_LAYERS = 3
#: Below this output the ratio is not judged: tiny files compress by large ratios honestly.
RATIO_FLOOR = 1_000_000


class UnpackError(Exception):
    """An upload was refused while undoing its compression; the message says why, for people."""

    def __init__(self, message: str, status: int = 413) -> None:
        """Keep the sentence shown to the user and the HTTP status it deserves."""
        super().__init__(message)
        self.message = message
        self.status = status


def is_gzip(path: Path) -> bool:
    """Say whether a file starts like a gzip stream."""
    with path.open("rb") as handle:
        return handle.read(2) == GZIP_MAGIC


def unpack(path: Path, *, max_bytes: int, max_ratio: int) -> Path:
    """Return the plain file: `path` itself, or a new file beside it with each gzip layer undone."""
    sent = path.stat().st_size
    current = path
    for layer in range(1, MAX_LAYERS + 2):
        if not is_gzip(current):
            return current
        if layer > MAX_LAYERS:
            raise UnpackError(f"The file is compressed more than {MAX_LAYERS} times over; "
                              "send it compressed once, or not at all.", 400)
        target = path.with_name(f"{path.name}.layer{layer}")
        _gunzip(current, target, sent=sent, max_bytes=max_bytes, max_ratio=max_ratio)
        if current != path:
            current.unlink()
        current = target
    return current  # Not reached: the loop returns or raises.


def _gunzip(source: Path, target: Path, *, sent: int, max_bytes: int, max_ratio: int) -> None:
    """Undo one gzip layer (all its members) into `target`, stopping at the first cap passed."""
    written = 0
    fd = os.open(target, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with source.open("rb") as inp, os.fdopen(fd, "wb") as out:
        stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
        finished = False
        while not finished:
            data = inp.read(CHUNK)
            if not data:
                break
            while data:
                if stream.eof:
                    # A gzip file may hold several members one after another; anything else
                    # after the last one (zero padding some tools add) is ignored, as gzip does.
                    if not data.startswith(GZIP_MAGIC[: len(data)]):
                        finished = True
                        break
                    stream = zlib.decompressobj(16 + zlib.MAX_WBITS)
                try:
                    # max_length bounds each piece of output: one call cannot make a bomb.
                    piece = stream.decompress(data, CHUNK)
                except zlib.error:
                    raise UnpackError(_DAMAGED, 400) from None
                written += len(piece)
                _judge(written, sent, max_bytes, max_ratio)
                out.write(piece)
                # Input held back by max_length is fed again before more is read.
                data = stream.unused_data if stream.eof else stream.unconsumed_tail
        if not stream.eof:
            raise UnpackError(_DAMAGED, 400)


_DAMAGED = ("The gzip file is damaged or incomplete (it ends early); compress it again and "
            "send it whole.")


def _judge(written: int, sent: int, max_bytes: int, max_ratio: int) -> None:
    """Raise when what came out so far passes the size cap or the compression ratio cap."""
    if written > max_bytes:
        raise UnpackError(f"The file is larger than {describe_size(max_bytes)} once "
                          "uncompressed, the most this service checks. Split it into smaller "
                          "files, or check it with the lgstandards command, which has no limit.")
    if written > RATIO_FLOOR and written > max_ratio * max(sent, 1):
        raise UnpackError(f"The file grows more than {max_ratio} times when uncompressed, "
                          "which real data does not: it looks like a compression bomb and was "
                          "not checked.")
