"""A bounded cache of a rule's answers that stops asking while its keys rarely come again.

A rule whose answer for one part of a record is costly, and whose parts repeat across a file
(the properties of one collection round list the same services and days), can write the part
as a key and look its answer up. Writing the key costs something too, so a cache that finds
few of its keys stops being asked for a while, then tries again: a file whose records all
differ pays for a few keys, not for every one. The answers never depend on whether the cache
was asked, only the time spent.
"""

from __future__ import annotations

from collections.abc import Hashable
from typing import Generic, TypeVar

Answer = TypeVar("Answer")

#: Lookups over which the share of keys found is judged.
_WINDOW = 1024
#: Records checked without the cache after a window in which it found less than a quarter.
_PAUSE = 16 * _WINDOW


class Memo(Generic[Answer]):
    """Answers by key, at most `size` of them, asked only while they are found often enough."""

    __slots__ = ("_answers", "_asked", "_found", "_skip", "size")

    def __init__(self, size: int) -> None:
        """Start empty, holding at most `size` answers."""
        self.size = size
        self._answers: dict[Hashable, Answer] = {}
        self._asked = self._found = self._skip = 0

    def __len__(self) -> int:
        """Return the number of answers held."""
        return len(self._answers)

    def clear(self) -> None:
        """Forget every answer and how often keys were found."""
        self._answers.clear()
        self._asked = self._found = self._skip = 0

    @property
    def paused(self) -> bool:
        """Return whether the cache is resting, its keys having rarely come again."""
        return self._skip > 0

    def worth_asking(self) -> bool:
        """Return whether to write a key and ask for this record (False while resting)."""
        if self._skip:
            self._skip -= 1
            return False
        return True

    def get(self, key: Hashable) -> Answer | None:
        """Return the answer for `key`, or None, counting whether it was found."""
        found = self._answers.get(key)
        self._asked += 1
        if found is not None:
            self._found += 1
        if self._asked >= _WINDOW:
            if 4 * self._found < self._asked:
                self._skip = _PAUSE  # Keys rarely come again here: stop paying for them.
            self._asked = self._found = 0
        return found

    def put(self, key: Hashable, answer: Answer) -> None:
        """Keep an answer, forgetting every other first if the cache is full."""
        # Emptied rather than evicted one by one: cheaper, and a file's rounds come back soon.
        if len(self._answers) >= self.size:
            self._answers.clear()
        self._answers[key] = answer
