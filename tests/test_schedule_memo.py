"""Property schedules judged once per distinct round: the same hits as judging every record."""

from __future__ import annotations

import copy
import json
from datetime import date
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lgstandards.rules import RecordContext, RuleOptions
from lgstandards.rules.memo import Memo
from lgstandards.rules.waste import property_schedule_v2
from lgstandards.rules.waste.property_schedule_v2 import schedule_scan

EXAMPLES = Path(__file__).resolve().parents[1] / "standards/waste-property-schedule/2.0.0/examples"
#: Beyond 64 bits, where no rule looks: services that cannot be written as JSON by orjson are
#: read by the scan itself, uncached, with the collections.
HUGE = 2**70


def _schedules() -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted(EXAMPLES.glob("*/*.json")):
        if path.name.endswith(".findings.json"):
            continue
        loaded = json.loads(path.read_text())
        found.extend(item for item in (loaded if isinstance(loaded, list) else [loaded])
                     if isinstance(item, dict) and "collections" in item)
    return found


SCHEDULES = _schedules()
_DAYS = st.sampled_from(["2027-01-04", "2027-01-05", "2026-12-29", "2027-01-14", "2031-06-01"])
_TEXTS = st.sampled_from(["completed", "cancelled", "not_completed", "scheduled", "recycling",
                          "moved", 'with "quotes"\\', "2027-01-20T10:00:00Z"])
#: Values the schema accepts for each field the scan reads (a rejected one is not judged), and
#: others for the fields it only compares; None removes the field.
_VALUES = {
    "date": _DAYS, "original_date": _DAYS, "changed": st.booleans(), "status": _TEXTS,
    "completed_at": _TEXTS | st.integers(), "missed_report_allowed_until": _DAYS,
    "service_id": _TEXTS, "change_reason": _TEXTS, "outcome_code": _TEXTS,
}
_edits = st.lists(st.tuples(
    st.sampled_from([*_VALUES, "drop"]),
    st.integers(0, 20),
    st.data(),
), max_size=6)


def _edited(record: dict[str, Any], edits: list[tuple[str, int, Any]]) -> dict[str, Any]:
    record = copy.deepcopy(record)
    collections = record["collections"]
    for field, index, data in edits:
        if not collections:
            break
        if field == "drop":
            del collections[index % len(collections)]
            continue
        item = collections[index % len(collections)]
        if data.draw(st.booleans()):
            item.pop(field, None)
        else:
            item[field] = data.draw(_VALUES[field])
    return record


_REJECTED = st.sets(st.sampled_from([
    "/collections/0/status", "/collections/1/date", "/collections/2/service_id",
    "/collections/0/changed", "/services/0/schedules/0/start_date", "/services/1/id",
    "/property/address/postcode",
]), max_size=2)


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(which=st.integers(0, len(SCHEDULES) - 1), edits=_edits, today=st.booleans(),
       rejected=_REJECTED)
def test_cached_scan_gives_the_hits_of_a_full_scan(
    which: int, edits: list[tuple[str, int, Any]], today: bool, rejected: set[str]
) -> None:
    """Services and collections looked up by their JSON give a full scan's hits, in order."""
    record = _edited(SCHEDULES[which], edits)
    options = RuleOptions(today=date(2027, 1, 10) if today else None)
    marked = frozenset(rejected)
    _clear()
    cached = schedule_scan(RecordContext(record, 1, marked, options))
    again = schedule_scan(RecordContext(copy.deepcopy(record), 2, marked, options))
    uncached = copy.deepcopy(record)
    uncached["services"][0]["beyond"] = HUGE
    full = schedule_scan(RecordContext(uncached, 1, marked, options))
    assert cached == full
    assert again == full


def _clear() -> None:
    property_schedule_v2.SERVICES.clear()
    property_schedule_v2.COLLECTIONS.clear()


def _round(count: int, distinct: bool = False) -> list[dict[str, Any]]:
    """Return the schedules of properties on one round, each with its own completion times."""
    record = next(r for r in SCHEDULES if any("completed_at" in c for c in r["collections"]))
    found = []
    for number in range(count):
        copy_ = copy.deepcopy(record)
        for item in copy_["collections"]:
            stamp = item.get("completed_at")
            if stamp:
                item["completed_at"] = f"{stamp[:14]}{number % 50 + 10}{stamp[16:]}"
        if distinct:  # A field no rule reads, so that every record's collections differ.
            copy_["collections"][0]["outcome_code"] = f"code-{number}"
        found.append(copy_)
    return found


def test_records_of_one_round_are_judged_once() -> None:
    """Properties of one round with their own completion times share one judgement."""
    _clear()
    for number, record in enumerate(_round(30), 1):
        schedule_scan(RecordContext(record, number))
    assert len(property_schedule_v2.SERVICES) == len(property_schedule_v2.COLLECTIONS) == 1


def test_a_cache_that_rarely_finds_its_keys_rests() -> None:
    """Records whose collections all differ stop the cache being asked; the hits stay the same."""
    _clear()
    records = _round(1100, distinct=True)
    for number, record in enumerate(records, 1):
        schedule_scan(RecordContext(record, number))
    assert property_schedule_v2.COLLECTIONS.paused
    assert not property_schedule_v2.SERVICES.paused  # Every record's services are the same.
    rested = [schedule_scan(RecordContext(record, 1)) for record in records[:5]]
    _clear()
    assert rested == [schedule_scan(RecordContext(record, 1)) for record in records[:5]]


def test_a_missing_completion_time_is_not_shared_with_a_present_one() -> None:
    """A completed collection without its time is reported, even after one with a time."""
    record = next(r for r in SCHEDULES
                  if any(c.get("status") == "completed" for c in r["collections"]))
    schedule_scan(RecordContext(record, 1))
    without = copy.deepcopy(record)
    item = next(c for c in without["collections"] if c.get("status") == "completed")
    item.pop("completed_at", None)
    hits = schedule_scan(RecordContext(without, 2))
    assert hits.get("waste.completed-without-time")


def test_memo_is_bounded_and_rests_only_while_keys_are_new() -> None:
    """Full, it starts over; a window of new keys pauses it, and it is asked again later."""
    memo: Memo[int] = Memo(3)
    for key in range(5):
        assert memo.get(key) is None
        memo.put(key, key)
        assert len(memo) <= 3
    assert memo.get(4) == 4
    memo.clear()
    for key in range(1024):
        assert memo.worth_asking()
        memo.get(key)
        memo.put(key, key)
    assert memo.paused
    skipped = 0
    while not memo.worth_asking():
        skipped += 1
    assert skipped == 16 * 1024 and not memo.paused
    for _ in range(1024):
        memo.get("same")
        memo.put("same", 1)
    assert not memo.paused
