"""The first record of each key across a file, in memory up to a limit and then in SQLite.

Rules across a file (a UPRN with two different schedules, a planning reference used twice)
compare each record with the first one of its key. A national file has tens of millions of
keys, about 130 bytes each in a Python dict, so past `limit` keys the index moves into a private
temporary SQLite database, which lives on disk with a bounded page cache. Lookups give the same
answers either way; only memory and speed differ.

`FirstSeen.setdefault` behaves as `dict.setdefault`, so a plain dict can stand in for one where
memory does not matter (tests, small batches, another engine's partitions).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import sys
import weakref
from collections.abc import Iterable, Sequence
from typing import Protocol

#: Keys held in a dict before the index moves to SQLite: about 30 MiB of keys and values.
DEFAULT_LIMIT = 200_000
#: The SQLite page cache of a spilled index, in KiB (SQLite's negative `cache_size`).
CACHE_KIB = 32 * 1024
#: The environment variable that overrides `DEFAULT_LIMIT` (0 spills from the first key).
LIMIT_VARIABLE = "LGSTANDARDS_INDEX_IN_MEMORY"

# One table, keyed by the text itself: SQLite's b-tree keeps lookups logarithmic on disk.
_SCHEMA = "CREATE TABLE first (key TEXT PRIMARY KEY, packed BLOB NOT NULL) WITHOUT ROWID"
#: The Bloom filter's bits per key and probes: about 1.7% of new keys are looked up needlessly.
_BITS_PER_KEY = 10
_PROBES = 3
_HASH_MASK = 2**64 - 1
#: The keys the first filter is sized for (1.2 MiB): each doubling reads every key again.
_FIRST_CAPACITY = 2**20
#: Keys asked about in one statement (SQLite allows 32,766 parameters by default, old ones 999).
_BATCH = 500

_log = logging.getLogger(__name__)


class FirstOfKey(Protocol):
    """What rules across a file need of an index: `dict.setdefault`, which `FirstSeen` has too."""

    def setdefault(self, key: str, default: int, /) -> int:
        """Return the value of `key`, first storing `default` if it has none."""
        ...


def default_limit() -> int:
    """Return the keys an index holds in memory: the environment's choice or the default."""
    text = os.environ.get(LIMIT_VARIABLE, "").strip()
    # A value that is not a whole number is ignored rather than fatal: it only tunes memory.
    return int(text) if text.isdigit() else DEFAULT_LIMIT


def _pack(value: int) -> bytes:
    # Fingerprints and record numbers are packed beyond SQLite's 64-bit integers.
    return value.to_bytes((value.bit_length() + 8) // 8, "little", signed=True)


def _unpack(blob: bytes) -> int:
    return int.from_bytes(blob, "little", signed=True)


class FirstSeen:
    """The packed first occurrence of each key: a dict up to `limit` keys, then SQLite too.

    New keys go into the dict; when it holds `limit` keys they are written to the database in
    one batch and the dict starts again, so memory stays near `limit` keys plus SQLite's cache.
    """

    def __init__(self, limit: int | None = None) -> None:
        """Start an empty index that holds at most `limit` keys in memory."""
        self.limit = default_limit() if limit is None else max(limit, 0)
        self._recent: dict[str, int] = {}
        self._db: sqlite3.Connection | None = None
        self._finalizer: weakref.finalize[..., FirstSeen] | None = None
        #: Keys written to the database so far.
        self.spilled = 0
        # A Bloom filter of the keys in the database, so that a new key (most keys) costs no
        # query: queries between records' other work cost ~10 µs each, the filter ~0.5 µs.
        self._bits = bytearray()
        self._capacity = 0
        #: Set while the filter is rebuilt, and left set if that failed part way: the filter
        #: then does not cover every key on disk, so each key is asked about.
        self._unfiltered = False

    def __len__(self) -> int:
        """Return the number of keys stored."""
        return len(self._recent) + self.spilled

    def __enter__(self) -> FirstSeen:
        """Use the index in a with-block, closing its database at the end."""
        return self

    def __exit__(self, *_: object) -> None:
        """Close the database, deleting it."""
        self.close()

    def close(self) -> None:
        """Forget every key and delete the database, if there is one."""
        self._recent.clear()
        if self._finalizer is not None:
            self._finalizer()
        self._db, self._finalizer, self.spilled = None, None, 0
        self._bits, self._capacity = bytearray(), 0

    def _maybe(self, key: str) -> bool:
        """Return whether `key` may be in the database (False: it certainly is not)."""
        if self._unfiltered:
            return True
        # Python's salted hash() is right here: the filter never leaves this process.
        bits, size = self._bits, len(self._bits) * 8
        h = hash(key) & _HASH_MASK
        step = h >> 32 | 1
        for _ in range(_PROBES):
            h %= size
            if not bits[h >> 3] >> (h & 7) & 1:
                return False
            h += step
        return True

    def _remember(self, keys: Iterable[str]) -> None:
        """Add keys to the Bloom filter."""
        bits, size = self._bits, len(self._bits) * 8
        for key in keys:
            h = hash(key) & _HASH_MASK
            step = h >> 32 | 1
            for _ in range(_PROBES):
                h %= size
                bits[h >> 3] |= 1 << (h & 7)
                h += step

    def setdefault(self, key: str, default: int, /) -> int:
        """Return the packed first occurrence of `key`, storing `default` if this is the first."""
        recent = self._recent
        found = recent.get(key)
        if found is not None:
            return found
        if self._db is not None and self._maybe(key):
            row = self._db.execute("SELECT packed FROM first WHERE key = ?", (key,)).fetchone()
            if row is not None:
                return _unpack(row[0])
        recent[key] = default
        if len(recent) > self.limit:
            self._spill()
        return default

    def setdefault_many(self, items: Sequence[tuple[str, int]]) -> list[int]:
        """Do `setdefault` for each (key, default) in order, asking the database in batches."""
        # A part of a file (--jobs) brings thousands of keys at once: one query per batch costs
        # far less than one per key.
        recent = self._recent
        # What is known of each key before the batch, wherever it is held: the dict may spill
        # into the database part way through, and keys first stored in the batch join it.
        earlier: dict[str, int] = {}
        asked: list[str] = []
        for key, _ in items:
            found = recent.get(key)
            if found is not None:
                earlier[key] = found
            elif self._db is not None and self._maybe(key):
                asked.append(key)
        if self._db is not None:
            for start in range(0, len(asked), _BATCH):
                chunk = asked[start:start + _BATCH]
                marks = ",".join("?" * len(chunk))
                rows = self._db.execute(
                    f"SELECT key, packed FROM first WHERE key IN ({marks})", chunk
                )
                earlier.update((key, _unpack(blob)) for key, blob in rows)
        out: list[int] = []
        for key, default in items:
            found = earlier.get(key)
            if found is None:
                recent[key] = earlier[key] = found = default
                if len(recent) > self.limit:
                    self._spill()
            out.append(found)
        return out

    def _spill(self) -> None:
        """Move the keys held in memory into the database; if it cannot grow, keep them here."""
        try:
            self._write_out()
        except sqlite3.Error as exc:
            # A full temporary folder must not fail every record after it: the answers stay
            # the same with the keys held in memory, which then grows as an unspilled index.
            if self._db is not None and self._db.in_transaction:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
            self.limit = sys.maxsize
            where = os.environ.get("SQLITE_TMPDIR") or os.environ.get("TMPDIR") or "/tmp"
            _log.warning(
                "lgstandards: the on-disk index of keys across the file could not be written "
                "in %s (%s); the rest of the file's keys are kept in memory, which may use "
                "much more of it. Free space there, or set SQLITE_TMPDIR to a folder with room.",
                where, exc,
            )

    def _write_out(self) -> None:
        """Move the keys held in memory into the database, opening it the first time."""
        if self._db is None:
            # An empty name opens a private temporary database, which SQLite deletes itself
            # when it is closed (or the process ends); it lives in SQLITE_TMPDIR or TMPDIR.
            db = sqlite3.connect("", isolation_level=None, check_same_thread=False)
            # Nothing to recover after a crash: the index is rebuilt by checking the file again.
            for pragma in ("journal_mode = OFF", "synchronous = OFF",
                           f"cache_size = -{CACHE_KIB}", "temp_store = FILE"):
                db.execute(f"PRAGMA {pragma}")
            db.execute(_SCHEMA)
            self._db = db
            self._finalizer = weakref.finalize(self, db.close)
        assert self._db is not None
        if self.spilled + len(self._recent) > self._capacity:
            # Grown by doubling and filled again from the database: a few µs a key in all.
            self._capacity = max(2 * self._capacity, 4 * self.limit, _FIRST_CAPACITY,
                                 2 * (self.spilled + len(self._recent)))
            # Until every key on disk is in the new filter, each key is asked about.
            self._unfiltered = True
            self._bits = bytearray()  # The old filter goes first: two at once may not fit.
            self._bits = bytearray(self._capacity * _BITS_PER_KEY // 8 + 1)
            self._remember(key for (key,) in self._db.execute("SELECT key FROM first"))
            self._unfiltered = False
        self._remember(self._recent)
        # Sorted, so each batch fills the b-tree's pages in order rather than at random.
        batch: Iterable[tuple[str, bytes]] = (
            (key, _pack(value)) for key, value in sorted(self._recent.items())
        )
        self._db.execute("BEGIN")
        # Keys in the dict are never in the database (a lookup finds them there first).
        self._db.executemany("INSERT INTO first VALUES (?, ?)", batch)
        self._db.execute("COMMIT")
        self.spilled += len(self._recent)
        self._recent.clear()
