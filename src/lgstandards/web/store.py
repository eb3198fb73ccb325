"""Reports kept for a short while in memory, so a page can be refreshed and its downloads work.

Uploads are never kept; reports are, briefly: under an unguessable id, only for the browser that
made them (its anti-forgery token, hashed, is the key's second half), never on disk, and gone after
`report_minutes` or when newer reports push them out.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class StoredReport:
    """One check's rendered reports, with who may read them and when they were made."""

    owner: str | None
    created: float
    #: What was checked: 'file' or 'api' (the report page links back to the right form).
    kind: str
    rendered: Mapping[str, bytes]


class ReportStore:
    """A small in-memory store of reports that forgets them after a while."""

    def __init__(self, *, seconds: float, capacity: int,
                 clock: Callable[[], float] = time.monotonic) -> None:
        """Keep up to `capacity` reports for `seconds` each."""
        self.seconds = seconds
        self.capacity = capacity
        self.clock = clock
        self._reports: OrderedDict[str, StoredReport] = OrderedDict()
        self._lock = threading.Lock()

    def add(self, owner: str | None, kind: str, rendered: Mapping[str, str]) -> str:
        """Keep a report and return its new id."""
        ident = secrets.token_urlsafe(24)
        stored = StoredReport(owner, self.clock(), kind,
                              MappingProxyType({k: v.encode("utf-8") for k, v in rendered.items()}))
        with self._lock:
            self._forget_old()
            self._reports[ident] = stored
            while len(self._reports) > self.capacity:
                self._reports.popitem(last=False)
        return ident

    def get(self, ident: str, owner: str | None) -> StoredReport | None:
        """Return a report if it exists, is fresh and belongs to `owner`; otherwise None."""
        with self._lock:
            self._forget_old()
            stored = self._reports.get(ident)
        if stored is None or stored.owner is None or stored.owner != owner:
            return None
        return stored

    def __len__(self) -> int:
        """Return how many reports are kept now."""
        with self._lock:
            self._forget_old()
            return len(self._reports)

    def _forget_old(self) -> None:
        """Drop reports older than the time limit (oldest first, so stop at the first fresh one)."""
        limit = self.clock() - self.seconds
        while self._reports:
            ident, stored = next(iter(self._reports.items()))
            if stored.created >= limit:
                break
            del self._reports[ident]
