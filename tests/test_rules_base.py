"""The record context rules read: which places the schema already rejected."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from lgstandards.rules.base import RecordContext

_POINTERS = st.lists(st.sampled_from(["a", "b", "0", "10", "a~1b", ""]), max_size=4).map(
    lambda parts: "".join("/" + part for part in parts)
)


@settings(max_examples=500, deadline=None)
@given(rejected=st.frozensets(_POINTERS, min_size=1, max_size=4), asked=st.lists(_POINTERS))
def test_is_rejected_means_at_or_above_a_rejected_place(
    rejected: frozenset[str], asked: list[str]
) -> None:
    """A place is rejected when the schema rejected it or something inside it, and only then."""
    context = RecordContext({}, 1, rejected)
    for pointer in asked:
        inside = any(r == pointer or r.startswith(pointer + "/") for r in rejected)
        assert context.is_rejected(pointer) is inside


def test_nothing_is_rejected_in_a_valid_record() -> None:
    """With no schema finding, no place is rejected, the root included."""
    assert not RecordContext({}, 1).is_rejected("")
