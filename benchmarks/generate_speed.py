"""Benchmark: how fast `lgstandards generate` makes records, and `validate` checks them.

For each standard, N records are generated to an NDJSON file in one process (as the CLI does:
lines joined in batches and written), and the figures printed: records/s, MiB/s, the size of a
record. With --validate, the whole `lgstandards validate` command then checks the same file
(start-up included, every rule on) and its rate is printed beside it, with the count of records
that did not conform (0 for valid records; with --invalid-share, the sidecar's count).

    python benchmarks/generate_speed.py                          # a million schedules
    python benchmarks/generate_speed.py --records 200000 --standard planning-application-register
    python benchmarks/generate_speed.py --records 100000 --validate --invalid-share 0.02

`generated_data()` is the one call another benchmark needs to check generated records
(validate_speed.py can take its data from it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from lgstandards.generate import generator, sidecar_path, write

STANDARDS = (
    "waste-property-schedule@2",
    "waste-property-schedule@1",
    "planning-application-register@2",
    "waste-missed-collection-report@1",
    "waste-bulky-booking@1",
)


def generated_data(path: Path, standard: str, count: int, invalid_share: float = 0.0,
                   seed: int = 0) -> float:
    """Write `count` generated records (about `invalid_share` with a defect); return seconds."""
    start = time.perf_counter()
    gen = generator(standard, invalid=invalid_share > 0)
    with path.open("w", encoding="utf-8") as out:
        if invalid_share > 0:
            with sidecar_path(path).open("w", encoding="utf-8") as faults:
                write(gen, count, seed, out, faults, invalid_share)
        else:
            write(gen, count, seed, out)
    return time.perf_counter() - start


def validate_file(path: Path, standard: str) -> tuple[float, int]:
    """Time the whole `lgstandards validate` command on a file; return (seconds, failing)."""
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "lgstandards", "validate", "--no-config", "-s", standard,
         "--today", "2026-12-05", "--format", "json", "--max-findings", "1000000", str(path)],
        capture_output=True, text=True, check=False,
    )
    seconds = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"validate failed ({result.returncode}): {result.stderr}")
    report = json.loads(result.stdout)
    failing = {f["location"]["record"] for file in report["files"] for f in file["findings"]}
    return seconds, len(failing)


def main() -> None:
    """Generate each standard's records and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--standard", action="append", help="repeatable; default: several")
    parser.add_argument("--records", type=int, default=1_000_000)
    parser.add_argument("--invalid-share", type=float, default=0.0)
    parser.add_argument("--validate", action="store_true",
                        help="also time `lgstandards validate` on each file")
    parser.add_argument("--data-dir", type=Path, default=None,
                        help="keep the files here (default: a temporary folder)")
    args = parser.parse_args()
    print(f"Python {sys.version.split()[0]}, {args.records:,} records a standard, "
          f"{args.invalid_share:.0%} with a defect, {time.strftime('%F')}")
    with tempfile.TemporaryDirectory() as scratch:
        folder = args.data_dir or Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)
        for standard in args.standard or STANDARDS:
            path = folder / f"{standard.replace('@', '-')}-{args.records}.ndjson"
            seconds = generated_data(path, standard, args.records, args.invalid_share)
            size = path.stat().st_size
            print(f"\n{standard}: generated in {seconds:.1f} s: "
                  f"{args.records / seconds:,.0f} records/s, {size / 2**20 / seconds:,.0f} MiB/s, "
                  f"{size / 2**20:,.0f} MiB ({size / args.records / 1024:.1f} KiB a record)")
            if args.validate:
                checked, failing = validate_file(path, standard)
                listed = 0
                if sidecar_path(path).exists():
                    listed = len(sidecar_path(path).read_text().splitlines())
                print(f"  validate: {checked:.1f} s, {args.records / checked:,.0f} records/s "
                      f"(whole command); {failing:,} records do not conform, "
                      f"{listed:,} defects listed")


if __name__ == "__main__":
    main()
