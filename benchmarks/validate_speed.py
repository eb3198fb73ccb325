"""Benchmark: records/s and peak memory for lgstandards and for plain python-jsonschema.

Generates NDJSON of realistic records (varied from the standard's own valid examples: waste
property schedules by default, or planning register records), then runs each contender in a fresh
process and prints records/s and peak RSS.

    python benchmarks/validate_speed.py --records 200000
    python benchmarks/validate_speed.py --standard planning-application-register
"""

from __future__ import annotations

import argparse
import copy
import json
import random
import resource
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STANDARDS = ("waste-property-schedule", "planning-application-register")


def _templates(standard: str) -> list[dict[str, Any]]:
    examples = ROOT / "standards" / standard / "1.0.0" / "examples" / "valid"
    found: list[dict[str, Any]] = []
    for path in sorted(examples.iterdir()):
        if path.suffix == ".json":
            found.append(json.loads(path.read_text()))
        elif path.suffix == ".ndjson":
            found.extend(json.loads(line) for line in path.read_text().splitlines() if line.strip())
    return found


def _vary(standard: str, record: dict[str, Any], number: int, defect: str | None) -> None:
    """Make the record unique in the file, and give it one realistic defect if asked."""
    if standard == "waste-property-schedule":
        record["property"]["uprn"] = str(10_000_000 + number)
        if defect == "postcode":
            record["property"].setdefault("address", {})["postcode"] = "SW1A1AA X"
        elif defect == "uprn":
            record["property"]["uprn"] = int(record["property"]["uprn"])
        elif defect == "status":
            record["collections"][0]["status"] = "lost"
    else:
        record["reference"] = f"BENCH/{number:07d}/FUL"
        if defect == "postcode":
            record["site"]["postcode"] = "SW1A1AA X"
        elif defect == "uprn":
            record["site"]["uprns"] = [10_000_000 + number]
        elif defect == "status":
            record["status"] = "lost"


def generate(path: Path, standard: str, count: int, invalid_share: float, seed: int = 7) -> None:
    """Write `count` records, a share of them with one realistic defect each."""
    rng = random.Random(seed)
    templates = _templates(standard)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            record = copy.deepcopy(templates[number % len(templates)])
            defect = (
                rng.choice(["postcode", "uprn", "status"]) if rng.random() < invalid_share else None
            )
            _vary(standard, record, number, defect)
            out.write(json.dumps(record, separators=(",", ":")) + "\n")


_LGSTANDARDS = """
import sys, time
from lgstandards.conformance import Checker
from lgstandards.rules import RuleOptions
from lgstandards.sources import Source
checker = Checker.for_standard(sys.argv[2], options=RuleOptions())
start = time.perf_counter()
from pathlib import Path
report = checker.check_source(Source(sys.argv[1], "ndjson", path=Path(sys.argv[1])))
print(report.records, time.perf_counter() - start)
"""

_JSONSCHEMA = """
import json, sys, time
from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from lgstandards.registry import catalogue
cat = catalogue()
version = cat.select(sys.argv[2])
registry = Registry().with_resources(
    (uri, Resource.from_contents(schema)) for uri, schema in cat.schemas()
).crawl()
validator = Draft202012Validator(version.schema, registry=registry,
                                 format_checker=Draft202012Validator.FORMAT_CHECKER)
start = time.perf_counter()
count = 0
with open(sys.argv[1], "rb") as handle:
    for line in handle:
        record = json.loads(line)
        count += 1
        for error in validator.iter_errors(record):
            pass
print(count, time.perf_counter() - start)
"""


def run(code: str, data: Path, standard: str) -> tuple[int, float, float]:
    """Run a contender in a fresh process; return (records, seconds, peak RSS in MiB)."""
    wrapper = (
        code + "\nimport resource\n" + "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", wrapper, str(data), f"{standard}@1"],
        capture_output=True,
        text=True,
        check=True,
    )
    first, second = result.stdout.strip().splitlines()[-2:]
    records, seconds = first.split()
    return int(records), float(seconds), int(second) / 1024


def run_cli(data: Path, standard: str) -> tuple[float, float]:
    """Time the whole `lgstandards validate` command, start-up included; return (s, MiB)."""
    start = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    subprocess.run(
        [
            sys.executable,
            "-m",
            "lgstandards",
            "validate",
            "--no-config",
            "-s",
            f"{standard}@1",
            "--format",
            "json",
            "--max-findings",
            "100",
            "-o",
            "/dev/null",
            str(data),
        ],
        check=False,
    )
    after = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return time.perf_counter() - start, max(before, after) / 1024


def main() -> None:
    """Generate the data and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--standard", choices=STANDARDS, default=STANDARDS[0])
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument(
        "--reference-records",
        type=int,
        default=5_000,
        help="records for plain python-jsonschema, which is much slower",
    )
    parser.add_argument("--invalid-share", type=float, default=0.02)
    parser.add_argument("--data-dir", type=Path, default=ROOT / "benchmarks" / "data")
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    big = args.data_dir / f"{args.standard}-{args.records}.ndjson"
    small = args.data_dir / f"{args.standard}-{args.reference_records}.ndjson"
    for path, count in ((big, args.records), (small, args.reference_records)):
        if not path.exists():
            generate(path, args.standard, count, args.invalid_share)
    size = big.stat().st_size / 2**20
    print(
        f"data: {args.records:,} {args.standard} records, {size:.0f} MiB NDJSON, "
        f"{args.invalid_share:.0%} with a defect"
    )
    records, seconds, rss = run(_LGSTANDARDS, big, args.standard)
    print(
        f"lgstandards (library)    {records / seconds:>10,.0f} records/s   peak RSS {rss:,.0f} MiB"
    )
    cli_seconds, cli_rss = run_cli(big, args.standard)
    print(
        f"lgstandards validate     {args.records / cli_seconds:>10,.0f} records/s   "
        f"peak RSS {cli_rss:,.0f} MiB   (whole command, start-up included)"
    )
    records, seconds, rss = run(_JSONSCHEMA, small, args.standard)
    print(
        f"python-jsonschema        {records / seconds:>10,.0f} records/s   peak RSS {rss:,.0f} MiB"
        f"   ({records:,} records)"
    )


if __name__ == "__main__":
    main()
