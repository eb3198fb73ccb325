"""The Dask engine: the report one process gives, finding for finding, on a local cluster."""

from __future__ import annotations

import copy
import itertools
import json
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

dask_bag = pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

import lgstandards  # noqa: E402
from lgstandards.cli import main  # noqa: E402
from lgstandards.conformance import Checker  # noqa: E402
from lgstandards.distributed import DaskEngine, validate_with_dask  # noqa: E402
from lgstandards.distributed.blocks import find_span, nominal_blocks  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
STANDARDS = ROOT / "standards"
#: Small blocks, so the example files are cut into several blocks each.
BLOCK = 1500
#: Blocks for the larger generated file: several, but few tasks on a busy test machine.
WIDE = 20_000


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    """A local cluster of two worker processes (so results are pickled), on loopback only."""
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, host="127.0.0.1",
        dashboard_address=None, local_directory=str(tmp_path_factory.mktemp("dask")),
    )
    with distributed.Client(cluster) as connected:
        yield connected
    cluster.close()


def _plain(report: Any) -> dict[str, Any]:
    data: dict[str, Any] = report.to_dict()
    data.pop("generated_at", None)
    return data


def _one_process(paths: list[str], standard: str, **kwargs: Any) -> Any:
    return Checker.for_standard(standard).check_paths(paths, **kwargs)


def _schedules(count: int) -> list[dict[str, Any]]:
    """Return valid property schedules, each with its own UPRN."""
    folder = STANDARDS / "waste-property-schedule/1.0.0/examples/valid"
    templates = [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]
    records = []
    for number in range(count):
        record = copy.deepcopy(templates[number % len(templates)])
        record["property"]["uprn"] = str(10_000_000 + number)
        records.append(record)
    return records


@pytest.fixture(scope="module")
def duplicates(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Schedules whose UPRNs repeat far apart, in different blocks: conflicts and a repeat."""
    records = _schedules(60)
    # Record 6 and record 50 (1-based) conflict; 11 and 46 are the same schedule twice (no
    # finding); 13, 32 and 57 share a UPRN, the last two differing from the first.
    records[49]["property"]["uprn"] = records[5]["property"]["uprn"]
    records[45] = copy.deepcopy(records[10])
    for later in (31, 56):
        records[later]["property"]["uprn"] = "000" + records[12]["property"]["uprn"]
    records[20]["property"]["address"]["postcode"] = "SW1A1AA X"
    path = tmp_path_factory.mktemp("duplicates") / "schedules.ndjson"
    path.write_text("".join(json.dumps(r) + "\n" for r in records))
    return path


def test_examples_give_the_one_process_report(client: Any) -> None:
    """Every standard's example data: the same files, findings, counts and locations."""
    for standard in ("waste-property-schedule@1", "waste-property-schedule@2",
                     "planning-application-register@1", "planning-application-register@2"):
        ident, _, major = standard.partition("@")
        folder = STANDARDS / ident / f"{major}.0.0" / "examples"
        expected = _one_process([str(folder)], standard)
        got = validate_with_dask(folder, standard, client=client, blocksize=BLOCK)
        assert len(got.files) > 5
        assert _plain(got) == _plain(expected), standard
        assert got == expected


def test_conflicts_across_blocks_are_found_in_file_order(client: Any, duplicates: Path) -> None:
    """Keys meet across blocks: each conflict names the first record and its own line."""
    assert len(nominal_blocks(duplicates.stat().st_size, WIDE)) > 5
    expected = _one_process([str(duplicates)], "waste-property-schedule@1")
    got = validate_with_dask([duplicates], "waste-property-schedule@1", client=client,
                             blocksize=WIDE)
    assert _plain(got) == _plain(expected)
    conflicts = [f for f in got.findings if f.code == "waste.conflicting-uprn"]
    assert [(f.location.record, f.location.line) for f in conflicts] == [
        (32, 32), (50, 50), (57, 57)
    ]
    assert "record 13" in conflicts[0].message and "record 6" in conflicts[1].message
    assert got.files[0].records == 60 and got.files[0].invalid_records == 4


def test_duplicate_references_across_blocks(client: Any, tmp_path: Path) -> None:
    """A planning reference used again in a later block is reported as one process does."""
    source = STANDARDS / "planning-application-register/1.0.0/examples/valid/mixed-register.ndjson"
    lines = [line for line in source.read_text().splitlines() if line.strip()]
    path = tmp_path / "register.ndjson"
    path.write_text("\n".join(lines * 6) + "\n")
    assert path.stat().st_size > 4 * BLOCK
    expected = _one_process([str(path)], "planning-application-register@1")
    got = validate_with_dask(path, "planning-application-register@1", client=client,
                             blocksize=BLOCK)
    assert _plain(got) == _plain(expected)
    assert got.files[0].counts["planning.reference-not-unique"] == 5 * len(lines)


def test_awkward_files_give_the_one_process_report(client: Any, tmp_path: Path) -> None:
    """A BOM, CRLF, blank lines, a broken line, a line longer than a block, no final newline."""
    records = [json.dumps(r) for r in _schedules(12)]
    records[3] = records[3][:40]  # Not JSON.
    records[7] = json.dumps({**json.loads(records[7]), "padding": "x" * (3 * BLOCK)})
    records[9] = json.dumps({**json.loads(records[9]), "property": json.loads(records[2])[
        "property"]})
    text = "\ufeff" + "\r\n".join(records[:6]) + "\r\n\r\n  \n" + "\n".join(records[6:])
    path = tmp_path / "awkward.ndjson"
    path.write_bytes(text.encode())
    spans = [find_span(str(path), s, e, path.stat().st_size)
             for s, e in nominal_blocks(path.stat().st_size, BLOCK)]
    assert any(span.start == span.end for span in spans)  # Blocks inside the long line.
    assert all(a.end == b.start for a, b in itertools.pairwise(spans))
    expected = _one_process([str(path)], "waste-property-schedule@1")
    got = validate_with_dask(path, "waste-property-schedule@1", client=client, blocksize=BLOCK)
    assert _plain(got) == _plain(expected)
    codes = {f.code for f in got.findings}
    assert {"source.invalid-json", "waste.conflicting-uprn", "schema.additional"} & codes


def test_a_cap_keeps_the_first_findings_in_file_order(client: Any, duplicates: Path) -> None:
    """With --max-findings, the kept findings and every count are as one process gives."""
    expected = _one_process([str(duplicates)], "waste-property-schedule@1", max_findings=2)
    got = validate_with_dask([duplicates], "waste-property-schedule@1", client=client,
                             blocksize=WIDE, max_findings=2)
    assert _plain(got) == _plain(expected)
    assert got.files[0].omitted == 2


def test_a_bag_of_records_gives_the_report_of_the_records(client: Any) -> None:
    """A Dask bag of records is numbered across its partitions, conflicts judged across them."""
    records = _schedules(30)
    records[25] = {**records[25], "property": {**records[2]["property"]}}
    records[17]["property"]["uprn"] = 12345
    bag = dask_bag.from_sequence(records, npartitions=4)
    got = validate_with_dask(bag, "waste-property-schedule@1", client=client)
    expected = lgstandards.validate(records, "waste-property-schedule@1")
    assert got == expected
    assert [f.location.record for f in got.findings if f.code == "waste.conflicting-uprn"] == [26]


def test_selections_reach_the_cluster(client: Any, duplicates: Path) -> None:
    """A checker narrowed by --ignore is narrowed the same way on every worker."""
    checker = Checker.for_standard("waste-property-schedule@1").selecting(
        ignore=["waste.conflicting-uprn"]
    )
    got = checker.check_paths([str(duplicates)], engine=DaskEngine(client, blocksize=WIDE))
    assert _plain(got) == _plain(checker.check_paths([str(duplicates)]))
    assert "waste.conflicting-uprn" not in got.files[0].counts


def test_cli_dask_gives_the_one_process_report(
    client: Any, duplicates: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`validate --dask ADDRESS` prints the report `validate` prints, and exits the same."""
    base = ["validate", "-s", "waste-property-schedule@1", str(duplicates), "--format", "json",
            "--today", "2025-06-01"]
    assert main(base) == 1
    alone = json.loads(capsys.readouterr().out)
    assert main([*base, "--dask", client.scheduler.address]) == 1
    together = json.loads(capsys.readouterr().out)
    alone.pop("generated_at", None)
    together.pop("generated_at", None)
    assert together == alone


def test_cli_without_the_extra_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], duplicates: Path
) -> None:
    """Without dask installed, --dask exits 2 naming the extra, with no traceback."""
    monkeypatch.setitem(sys.modules, "distributed", None)
    code = main(["validate", "-s", "waste-property-schedule@1", str(duplicates), "--dask",
                 "local"])
    err = capsys.readouterr().err
    assert code == 2
    assert "pip install 'lgstandards[dask]'" in err and "Traceback" not in err


def test_cli_refuses_jobs_with_dask(capsys: pytest.CaptureFixture[str], duplicates: Path) -> None:
    """--jobs and --dask together is a mistake, said plainly."""
    code = main(["validate", "-s", "waste-property-schedule@1", str(duplicates), "--dask",
                 "local", "--jobs", "2"])
    assert code == 2
    assert "--jobs or --dask" in capsys.readouterr().err
