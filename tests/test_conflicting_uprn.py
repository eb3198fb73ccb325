"""A UPRN's first record read again only when the UPRN comes back: the same report as before."""

from __future__ import annotations

import copy
import gzip
import json
from pathlib import Path
from typing import Any

import pytest

from lgstandards import parallel
from lgstandards.conformance import Checker
from lgstandards.distributed import blocks
from lgstandards.parallel import Part
from lgstandards.rules.base import LATER
from lgstandards.rules.first_seen import LIMIT_VARIABLE
from lgstandards.rules.waste import same_property
from lgstandards.sources import Source

ROOT = Path(__file__).resolve().parents[1]
VALID = ROOT / "standards/waste-property-schedule/2.0.0/examples/valid"
STANDARD = "waste-property-schedule@2"
COUNT = 400
#: (later record, first record) of each UPRN that comes back, 1-based.
REPEATS = {390: 1, 395: 2, 397: 3, 398: 3, 399: 60}


def _records() -> list[dict[str, Any]]:
    templates = [json.loads(p.read_text()) for p in sorted(VALID.glob("*.json"))]
    records = []
    for number in range(COUNT):
        record = copy.deepcopy(templates[number % len(templates)])
        record["property"]["uprn"] = str(20_000_000 + number)
        records.append(record)
    records[389] = copy.deepcopy(records[0])  # The same UPRN far back, with other collections:
    records[389]["collections"] = records[389]["collections"][:-1]
    records[394] = copy.deepcopy(records[1])  # the same schedule again: no finding;
    for later in (396, 397):  # twice more with another address;
        records[later] = copy.deepcopy(records[2])
        records[later]["property"]["address"]["paon"] = str(later)
    records[398] = copy.deepcopy(records[59])  # the same data with its keys in another order.
    records[398]["services"] = [dict(reversed(s.items())) for s in records[398]["services"]]
    records[120]["property"]["address"]["postcode"] = "SW1A1AA X"
    return records


def _text(records: list[dict[str, Any]]) -> bytes:
    """Write NDJSON with a BOM, blank lines and CRLF line ends here and there."""
    lines = []
    for number, record in enumerate(records):
        end = "\r\n" if number % 7 == 3 else "\n"
        lines.append(json.dumps(record) + end + ("\n" if number % 11 == 5 else ""))
    return b"\xef\xbb\xbf" + "".join(lines).encode()


@pytest.fixture(scope="module")
def files(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The same schedules as plain NDJSON (read again) and gzip (fingerprinted as read)."""
    folder = tmp_path_factory.mktemp("uprn")
    text = _text(_records())
    plain, packed = folder / "schedules.ndjson", folder / "schedules.ndjson.gz"
    plain.write_bytes(text)
    packed.write_bytes(gzip.compress(text))
    return plain, packed


def _findings(findings: Any) -> list[tuple[Any, ...]]:
    """Return what a report says of each finding, whatever the file was called."""
    return [(f.code, f.message.replace(".ndjson.gz", ".ndjson"), f.pointer, f.location.record,
             f.location.line, f.location.column) for f in findings]


@pytest.fixture(autouse=True)
def _spilled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every index in SQLite from its first key: first records are found on disk."""
    monkeypatch.setenv(LIMIT_VARIABLE, "0")


def _counted(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    calls: list[int] = []
    real = same_property.fingerprint_of

    def counting(record: dict[str, Any], place: dict[str, Any]) -> int:
        calls.append(1)
        return real(record, place)

    monkeypatch.setattr(same_property, "fingerprint_of", counting)
    return calls


def test_reading_again_gives_the_findings_of_fingerprinting_every_record(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Plain NDJSON, from disk or memory, gives gzip's findings; fingerprints only for repeats."""
    plain, packed = files
    checker = Checker.for_standard(STANDARD)
    calls = _counted(monkeypatch)
    eager = checker.check_paths([str(packed)])
    assert len(calls) >= COUNT  # Gzip cannot be read again: every record is fingerprinted.
    calls.clear()
    lazy = checker.check_paths([str(plain)])
    # Each record met again and its first, the first of 3 once though it comes back twice.
    assert len(calls) == 2 * len(REPEATS) - 1
    in_memory = checker.check_source(Source(str(plain), "ndjson", data=plain.read_bytes()))
    expected = _findings(eager.findings)
    assert _findings(lazy.findings) == expected == _findings(in_memory.findings)
    conflicts = [f for f in lazy.findings if f.code == "waste.conflicting-uprn"]
    assert [f.location.record for f in conflicts] == [390, 397, 398]
    assert "record 1," in conflicts[0].message and "collections" in conflicts[0].message
    assert "record 3," in conflicts[2].message and "property" in conflicts[2].message
    assert lazy.files[0].invalid_records == eager.files[0].invalid_records == 4
    assert lazy.files[0].counts == eager.files[0].counts


def test_parts_read_first_records_again(
    files: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Cut into parts (--jobs), the parent reads the records it needs: the same findings."""
    plain, packed = files
    checker = Checker.for_standard(STANDARD)
    expected = _findings(checker.check_paths([str(packed)]).findings)
    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    monkeypatch.setattr(parallel, "PART_MIN_BYTES", 64 * 1024)
    cut = checker.check_paths([str(plain)], jobs=2)
    assert _findings(cut.findings) == expected


def test_judges_of_keys_read_fingerprints_again(files: tuple[Path, Path]) -> None:
    """The Dask judges, given keys without fingerprints, find what fingerprinted keys give."""
    plain, _ = files
    checker = Checker.for_standard(STANDARD)
    assert checker.recipe is not None
    found: dict[bool, list[tuple[Any, ...]]] = {}
    for later in (True, False):
        part = Part(later=later)
        source = Source("schedules", "ndjson", data=plain.read_bytes(), part=True)
        report = checker._check_source(source, None, part)
        assert (part.keys[0][0][1] == LATER) is later
        result = blocks.BlockResult(report, tuple(part.bad), tuple(map(tuple, part.keys)))
        buckets = blocks.key_buckets(result, 0, 0, 3)
        judged = blocks.judge_bucket(buckets, checker.recipe, {0: [0]},
                                     {0: ("schedules", str(plain))})
        found[later] = sorted((number, *_findings([finding])[0])
                              for _, _, number, _, finding in judged)
    assert found[True] == found[False]
    assert [entry[0] for entry in found[True]] == [390, 397, 398]


def test_a_record_no_longer_there_is_an_error(tmp_path: Path) -> None:
    """Reading again a line that is no longer a record fails loudly, never finds nothing."""
    path = tmp_path / "schedules.ndjson"
    path.write_text("".join(json.dumps(r) + "\n" for r in _records()[:2]))
    read = Source(str(path), "ndjson", path=path).read_again()
    assert read is not None
    assert read(1, 0)["property"]["uprn"] == "20000000"
    path.write_text("\n" * path.stat().st_size)  # Blanked after it was checked.
    with pytest.raises(ValueError, match="changed while it was checked"):
        read(1, 0)


def test_only_plain_ndjson_is_read_again(files: tuple[Path, Path], tmp_path: Path) -> None:
    """Gzip, JSON, a stream and a part of a file are not read again; bytes in memory are."""
    plain, packed = files
    assert Source("x", "ndjson", path=plain).read_again() is not None
    assert Source("x", "ndjson", data=plain.read_bytes()).read_again() is not None
    assert Source("x", "ndjson", path=packed).read_again() is None
    assert Source("x", "ndjson", data=packed.read_bytes()).read_again() is None
    assert Source("x", "json", path=plain).read_again() is None
    assert Source("x", "ndjson", data=b"", part=True).read_again() is None
    assert Source("x", "ndjson", path=tmp_path).read_again() is None
