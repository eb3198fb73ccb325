"""Benchmark: one process against a local Dask cluster on the same generated NDJSON file.

Writes property schedules varied from the standard's valid examples (each with its own UPRN,
a share repeated with other data so the conflicting-UPRN rule has work across blocks), then
times, each as a whole process with every rule on:

- `lgstandards validate FILE` in one process;
- `lgstandards validate FILE --dask local`, a local cluster of N single-threaded workers
  (its start-up included), the file cut into blocks at line ends;
- the library on an already running cluster (`validate_with_dask(..., client=...)`), which is
  what a long-lived multi-machine cluster pays per file.

Figures are wall-clock seconds and records/s, medians over interleaved rounds; both reports are
checked to be equal. On one machine Dask can only match `--jobs`; it pays off once the work is
spread over several machines (docs/distributed.md).

    python benchmarks/dask_vs_one_process.py --records 200000 --workers 2 --rounds 3
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STANDARD = "waste-property-schedule@1"


def generate(path: Path, count: int, repeat_share: float = 0.01, seed: int = 7) -> None:
    """Write `count` schedules; a share reuse an earlier UPRN, most of them with other data."""
    rng = random.Random(seed)
    folder = ROOT / "standards/waste-property-schedule/1.0.0/examples/valid"
    templates = [json.loads(p.read_text()) for p in sorted(folder.glob("*.json"))]
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            record = copy.deepcopy(templates[number % len(templates)])
            uprn = 10_000_000 + number
            if number and rng.random() < repeat_share:
                uprn = 10_000_000 + rng.randrange(number)  # Anywhere earlier: another block.
            record["property"]["uprn"] = str(uprn)
            out.write(json.dumps(record, separators=(",", ":")) + "\n")


def _cli(args: list[str]) -> tuple[float, str]:
    """Run the CLI as a whole process; return seconds and its JSON report."""
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "lgstandards", "validate", "-s", STANDARD, "--format", "json",
         "--today", "2025-06-01", "--no-progress", *args],
        capture_output=True, text=True, check=False,
    )
    if done.returncode not in (0, 1):
        raise SystemExit(f"lgstandards failed: {done.stderr}")
    return time.perf_counter() - started, done.stdout


def _plain(text: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads(text)
    data.pop("generated_at", None)
    return data


def main() -> None:
    """Generate the file, time each contender over interleaved rounds, print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=200_000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--blocksize", type=int, default=16 * 2**20)
    args = parser.parse_args()

    from distributed import Client, LocalCluster

    from lgstandards.distributed import validate_with_dask

    with tempfile.TemporaryDirectory() as scratch:
        data = Path(scratch) / "schedules.ndjson"
        generate(data, args.records)
        size = data.stat().st_size
        print(f"{args.records:,} schedules, {size / 2**20:.0f} MiB, blocks of "
              f"{args.blocksize / 2**20:.0f} MiB, {args.workers} Dask workers")
        cluster = LocalCluster(n_workers=args.workers, threads_per_worker=1, processes=True,
                               host="127.0.0.1", dashboard_address=None,
                               local_directory=scratch)
        client = Client(cluster)
        times: dict[str, list[float]] = {"one process (CLI)": [], "--dask local (CLI)": [],
                                         "running cluster (library)": []}
        reports: dict[str, dict[str, Any]] = {}
        for _ in range(args.rounds):
            seconds, out = _cli([str(data)])
            times["one process (CLI)"].append(seconds)
            reports["one"] = _plain(out)
            seconds, out = _cli([str(data), "--dask", "local"])
            times["--dask local (CLI)"].append(seconds)
            reports["dask"] = _plain(out)
            started = time.perf_counter()
            validate_with_dask(data, STANDARD, client=client, blocksize=args.blocksize)
            times["running cluster (library)"].append(time.perf_counter() - started)
        client.close()
        cluster.close()
        if reports["one"] != reports["dask"]:
            raise SystemExit("the Dask report differs from the one-process report")
        base = statistics.median(times["one process (CLI)"])
        print(f"{'contender':<28}{'median s':>10}{'records/s':>12}{'vs one':>8}")
        for name, runs in times.items():
            median = statistics.median(runs)
            print(f"{name:<28}{median:>10.2f}{args.records / median:>12,.0f}"
                  f"{base / median:>7.2f}x")
        print("reports equal: yes")


if __name__ == "__main__":
    main()
