"""Files written for users: whole or not at all, so a failed run never spoils an earlier file."""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, Literal, overload

__all__ = ["Discard", "atomic_write", "process_umask", "write_bytes", "write_text"]


class Discard(Exception):
    """Raised inside `atomic_write` to leave the target as it was, quietly."""


@overload
def atomic_write(path: Path, mode: Literal["wb"] = "wb") -> contextlib.AbstractContextManager[
    IO[bytes]]: ...
@overload
def atomic_write(path: Path, mode: Literal["w"]) -> contextlib.AbstractContextManager[IO[str]]: ...
def atomic_write(path: Path, mode: str = "wb") -> contextlib.AbstractContextManager[IO[Any]]:
    """Return a context manager whose file replaces `path` only when the block ends without error.

    The file is a temporary one in the same folder (so the rename cannot cross file systems),
    renamed over the target with `os.replace`; on any exception, or `Discard`, it is removed
    and the target is left byte for byte as it was. A target that is not a regular file, such
    as /dev/null or a pipe, cannot be replaced and is written directly. An OSError of the
    writing itself names `path`, never the temporary file.
    """
    return _atomic(path, mode)


@contextlib.contextmanager
def _atomic(path: Path, mode: str) -> Iterator[IO[Any]]:
    # Through a symbolic link, the file it points at is the one replaced, as a plain write would.
    target = Path(os.path.realpath(path))
    try:
        existing: os.stat_result | None = target.stat()
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _named(exc, path) from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        with _opened(target, mode, path) as direct, contextlib.suppress(Discard):
            yield direct
        return
    try:
        # The name is cut so a target whose name is near the file system's limit still fits.
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name[:100]}.",
                                         suffix=".tmp")
    except OSError as exc:
        raise _named(exc, path) from None
    try:
        with _fdopen(fd, mode) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        # mkstemp makes the file private; it should be as readable as the one it replaces.
        permissions = stat.S_IMODE(existing.st_mode) if existing else 0o666 & ~process_umask()
        os.chmod(temporary, permissions)
        os.replace(temporary, target)
    except Discard:
        pass
    except OSError as exc:
        if exc.filename == temporary or exc.filename is None:
            raise _named(exc, path) from None
        raise
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


@contextlib.contextmanager
def _opened(target: Path, mode: str, path: Path) -> Iterator[IO[Any]]:
    try:
        fd = os.open(target, os.O_WRONLY | os.O_TRUNC)
    except OSError as exc:
        raise _named(exc, path) from None
    with _fdopen(fd, mode) as handle:
        yield handle


def _fdopen(fd: int, mode: str) -> IO[Any]:
    if "b" in mode:
        return os.fdopen(fd, "wb")
    return os.fdopen(fd, "w", encoding="utf-8")


def write_bytes(path: Path, data: bytes) -> None:
    """Write bytes to `path` whole or not at all."""
    with atomic_write(path) as handle:
        _write(handle, data, path)


def write_text(path: Path, text: str) -> None:
    """Write UTF-8 text to `path` whole or not at all."""
    # Encoding first: a character UTF-8 cannot hold fails before anything is written.
    write_bytes(path, text.encode("utf-8"))


def _write(handle: IO[bytes], data: bytes, path: Path) -> None:
    try:
        handle.write(data)
    except OSError as exc:
        raise _named(exc, path) from None


def _named(exc: OSError, path: Path) -> OSError:
    """Return the error naming the file the user asked for."""
    return OSError(exc.errno, exc.strerror, str(path))


def process_umask() -> int:
    """Return the process's file-creation mask (reading it means setting it, then back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask
