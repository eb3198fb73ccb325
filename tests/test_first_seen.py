"""The index of first occurrences behind rules across a file: in memory, or spilled to SQLite."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lgstandards import parallel
from lgstandards.conformance import Checker
from lgstandards.rules import first_seen
from lgstandards.rules.first_seen import LIMIT_VARIABLE, FirstSeen, default_limit

ROOT = Path(__file__).resolve().parents[1]
SCHEDULE = ROOT / "standards/waste-property-schedule/1.0.0/examples/valid"
REGISTER = ROOT / "standards/planning-application-register/1.0.0/examples/valid"

_steps = st.lists(
    st.tuples(st.sampled_from(["a", "b", "c", "0", "é", "d\x00e", ""]),
              st.integers(-(2**120), 2**120)),
    max_size=60,
)


@settings(max_examples=150, deadline=None)
@given(steps=_steps, limit=st.integers(0, 4))
def test_setdefault_answers_as_a_dict_does(steps: list[tuple[str, int]], limit: int) -> None:
    """Spilled or not, every answer is the one a dict gives, for any size of value."""
    expected: dict[str, int] = {}
    with FirstSeen(limit) as seen:
        for key, value in steps:
            assert seen.setdefault(key, value) == expected.setdefault(key, value)
        assert len(seen) == len(expected)
        if len(expected) > limit:
            assert seen.spilled > 0


@settings(max_examples=150, deadline=None)
@given(before=_steps, batch=_steps, limit=st.integers(0, 4))
def test_setdefault_many_answers_as_one_at_a_time(
    before: list[tuple[str, int]], batch: list[tuple[str, int]], limit: int
) -> None:
    """Keys asked in a batch, repeats within it included, get the answers asked one by one."""
    one, many = FirstSeen(limit), FirstSeen(limit)
    for key, value in before:
        one.setdefault(key, value)
        many.setdefault(key, value)
    assert many.setdefault_many(batch) == [one.setdefault(key, value) for key, value in batch]
    one.close()
    many.close()


def test_a_closed_index_starts_again() -> None:
    """Closing forgets every key and deletes the database."""
    seen = FirstSeen(1)
    for key in "abc":
        seen.setdefault(key, 1)
    assert seen.spilled
    seen.close()
    assert len(seen) == 0
    assert (seen.setdefault("a", 2), len(seen)) == (2, 1)


def test_the_limit_comes_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """LGSTANDARDS_INDEX_IN_MEMORY sets the keys kept in memory; a bad value is ignored."""
    monkeypatch.setenv(LIMIT_VARIABLE, "12")
    assert (default_limit(), FirstSeen().limit) == (12, 12)
    monkeypatch.setenv(LIMIT_VARIABLE, "lots")
    assert default_limit() == first_seen.DEFAULT_LIMIT


# -- the same report, spilled or not ---------------------------------------------------------------


def _plain(report: Any) -> dict[str, Any]:
    data: dict[str, Any] = report.to_dict()
    data.pop("generated_at", None)
    return data


def _templates(folder: Path) -> list[dict[str, Any]]:
    return [json.loads(p.read_text()) for p in sorted(folder.iterdir()) if p.suffix == ".json"]


@pytest.fixture(scope="module")
def repeats(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Schedules whose UPRNs come back later, some the same and some not; references reused."""
    folder = tmp_path_factory.mktemp("repeats")
    schedules = _templates(SCHEDULE)
    lines = []
    for number in range(150):
        record = json.loads(json.dumps(schedules[number % len(schedules)]))
        record["property"]["uprn"] = str(7_000_000 + number % 90)
        if number >= 90 and number % 3 == 0:
            record["collections"] = record["collections"][:-1]  # Conflicts with the first.
        if number >= 90 and number % 5 == 1:
            record["property"]["uprn"] = "00" + record["property"]["uprn"]
        lines.append(json.dumps(record))
    schedule_file = folder / "schedules.ndjson"
    schedule_file.write_text("\n".join(lines) + "\n")
    register = _templates(REGISTER)[0]
    lines = [json.dumps(dict(register, reference=f"24/{n % 70:05d}/FUL")) for n in range(120)]
    register_file = folder / "register.ndjson"
    register_file.write_text("\n".join(lines) + "\n")
    return schedule_file, register_file


@pytest.mark.parametrize(
    ("standard", "which", "code"),
    [("waste-property-schedule@1", 0, "waste.conflicting-uprn"),
     ("planning-application-register@1", 1, "planning.reference-not-unique")],
)
def test_a_spilled_index_gives_the_same_report(
    repeats: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch, standard: str, which: int,
    code: str,
) -> None:
    """With a limit of three keys the index lives in SQLite; the findings are the same, in order."""
    path = str(repeats[which])
    checker = Checker.for_standard(standard)
    in_memory = checker.check_paths([path])
    spilled: list[FirstSeen] = []
    real = FirstSeen.__init__

    def tiny(self: FirstSeen, limit: int | None = None) -> None:
        real(self, 3)
        spilled.append(self)

    monkeypatch.setattr(FirstSeen, "__init__", tiny)
    on_disk = checker.check_paths([path])
    assert spilled and spilled[0].spilled > 50
    assert _plain(on_disk) == _plain(in_memory)
    assert in_memory.files[0].counts[code] >= 20


def test_parts_with_a_spilled_index_give_the_same_report(
    repeats: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cut into parts checked by workers, with the parent's index in SQLite: the same report."""
    path = str(repeats[0])
    checker = Checker.for_standard("waste-property-schedule@1")
    alone = checker.check_paths([path])
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "PART_MIN_BYTES", 4096)
    monkeypatch.setenv(LIMIT_VARIABLE, "0")
    merged: list[parallel.Merger] = []
    real = parallel.Merger.report

    def spy(self: parallel.Merger) -> Any:
        merged.append(self)
        assert all(seen.spilled for seen in self.seen)
        return real(self)

    monkeypatch.setattr(parallel.Merger, "report", spy)
    assert _plain(checker.check_paths([path], jobs=2)) == _plain(alone)
    assert merged


class _FullDisk:
    """A connection whose statements matching `failing` fail, after `after` of them succeed."""

    def __init__(self, real: sqlite3.Connection, failing: str, after: int) -> None:
        self.real, self.failing, self.after = real, failing, after

    def __getattr__(self, name: str) -> Any:
        return getattr(self.real, name)

    def _maybe_fail(self, sql: str) -> None:
        if sql.startswith(self.failing):
            if self.after == 0:
                raise sqlite3.OperationalError("database or disk is full")
            self.after -= 1

    def execute(self, sql: str, *args: Any) -> Any:
        self._maybe_fail(sql)
        return self.real.execute(sql, *args)

    def executemany(self, sql: str, rows: Any) -> Any:
        self._maybe_fail(sql)
        return self.real.executemany(sql, rows)


@pytest.mark.parametrize(("failing", "after"), [
    ("INSERT", 0), ("INSERT", 2), ("SELECT key FROM first", 1),
])
def test_a_full_temporary_folder_keeps_the_keys_in_memory(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, failing: str, after: int
) -> None:
    """When the database cannot grow, the keys stay in memory, every answer still a dict's."""
    real = sqlite3.connect
    monkeypatch.setattr(sqlite3, "connect",
                        lambda *a, **k: _FullDisk(real(*a, **k), failing, after))
    # A small first filter, so that it is rebuilt (every key on disk read again) as keys come.
    monkeypatch.setattr(first_seen, "_FIRST_CAPACITY", 4)
    steps = [(f"k{n % 97}", n) for n in range(400)] + [(f"k{n}", -n) for n in range(200)]
    expected: dict[str, int] = {}
    with caplog.at_level("WARNING", logger=first_seen.__name__), FirstSeen(2) as seen:
        for key, value in steps:
            assert seen.setdefault(key, value) == expected.setdefault(key, value)
        assert seen.setdefault_many([(f"k{n}", 0) for n in range(250)]) == [
            expected.setdefault(f"k{n}", 0) for n in range(250)]
        assert len(seen) == len(expected)
        assert seen.spilled > 0 or after == 0
    assert [r.getMessage() for r in caplog.records if "could not be written" in r.getMessage()]
    assert "disk is full" in caplog.text
