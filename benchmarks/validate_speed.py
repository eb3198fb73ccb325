"""Benchmark: records/s and peak memory for lgstandards, the bare engines and python-jsonschema.

Generates NDJSON of realistic records for each standard, varied from its own valid examples:
every record has its own UPRN, reference, address and times, while properties on one round share
its collection days, as they do in a council's export. Then each contender runs in a fresh
process, one core each, and the figures are printed side by side:

- `lgstandards validate`: the whole command, start-up included, with every rule on, and again
  with `--jobs N` (N = the CPUs; peak RSS is the largest process's);
- lgstandards (library): `Checker.check_source` on the same file;
- engines only: orjson parsing each line plus jsonschema-rs `is_valid`, the floor for any tool
  built on them (no rules, no findings, no locations);
- python-jsonschema: the reference engine alone, which also says how heavy a record is (the
  issue's yardstick record runs at about 1,000 records/s).

    python benchmarks/validate_speed.py                    # every standard, 100,000 records
    python benchmarks/validate_speed.py --standard waste-property-schedule --records 200000
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
STANDARDS = (
    "waste-property-schedule",
    "waste-missed-collection-report",
    "waste-bulky-booking",
    "planning-application-register",
)
#: Bumped when the generator changes, so cached data is never stale.
GENERATOR = 2

_STREETS = ("Ashgrove Road", "Carrick Street", "Hillside Crescent", "Mill Lane", "Station Road",
            "Church Street", "Victoria Avenue", "Park View", "Queens Road", "The Green")
_POSTCODES = ("BS6 6LY", "SE15 4RW", "BN15 8QJ", "CB4 1HT", "LS6 2AB", "M14 5RG", "EX4 3SR",
              "NE2 1XE", "CF24 4HQ", "G12 8QQ")
_REASONS = ("not_collected", "partly_collected", "container_not_returned", "spillage_left")


def _templates(standard: str) -> list[dict[str, Any]]:
    examples = ROOT / "standards" / standard / "1.0.0" / "examples" / "valid"
    found: list[dict[str, Any]] = []
    for path in sorted(examples.iterdir()):
        if path.suffix == ".json":
            found.append(json.loads(path.read_text()))
        elif path.suffix == ".ndjson":
            found.extend(json.loads(line) for line in path.read_text().splitlines() if line.strip())
    return found


def _minute(rng: random.Random, stamp: str) -> str:
    """Move a date-time's time of day within working hours, keeping its date and offset."""
    return f"{stamp[:11]}{rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}{stamp[16:]}"


def _address(rng: random.Random, number: int) -> dict[str, str]:
    return {
        "paon": str(1 + number % 180),
        "street": rng.choice(_STREETS),
        "town": "Testford",
        "postcode": rng.choice(_POSTCODES),
    }


def _vary(standard: str, record: dict[str, Any], number: int, rng: random.Random) -> None:
    """Give the record its own identity and times, as each record of a real export has."""
    uprn = str(10_000_000 + number)
    if standard == "waste-property-schedule":
        record["property"]["uprn"] = uprn
        record["property"]["address"] = _address(rng, number)
        for item in record["collections"]:
            if "completed_at" in item:
                item["completed_at"] = _minute(rng, item["completed_at"])
    elif standard == "waste-missed-collection-report":
        record["reference"] = f"MC-{number:08d}"
        record["uprn"] = uprn
        record["address"] = _address(rng, number)
        record["reason"] = rng.choice(_REASONS)
        record["reported_at"] = _minute(rng, record["reported_at"])
    elif standard == "waste-bulky-booking":
        record["reference"] = f"BW-{number:08d}"
        record["uprn"] = uprn
        record["address"] = _address(rng, number)
        record["booked_at"] = _minute(rng, record["booked_at"])
        record["items"] = record["items"][: rng.randint(1, len(record["items"]))]
    else:
        record["reference"] = f"BENCH/{number:07d}/FUL"
        record["site"]["postcode"] = rng.choice(_POSTCODES)
        if "uprns" in record["site"]:
            record["site"]["uprns"] = [uprn]


def _defect(standard: str, record: dict[str, Any], kind: str) -> None:
    """Give the record one realistic defect: a bad postcode, a numeric UPRN or a bad status."""
    place = {
        "waste-property-schedule": lambda: record["property"]["address"],
        "planning-application-register": lambda: record["site"],
    }.get(standard, lambda: record["address"])()
    if kind == "postcode":
        place["postcode"] = "SW1A1AA X"
    elif kind == "uprn":
        if standard == "waste-property-schedule":
            record["property"]["uprn"] = int(record["property"]["uprn"])
        elif standard == "planning-application-register":
            record["site"]["uprns"] = [12345678]
        else:
            record["uprn"] = int(record["uprn"])
    elif standard == "waste-property-schedule":
        record["collections"][0]["status"] = "lost"
    else:
        record["status"] = "lost"


def generate(path: Path, standard: str, count: int, invalid_share: float, seed: int = 7) -> None:
    """Write `count` records, a share of them with one realistic defect each."""
    rng = random.Random(seed)
    templates = _templates(standard)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            record = copy.deepcopy(templates[number % len(templates)])
            _vary(standard, record, number, rng)
            if rng.random() < invalid_share:
                _defect(standard, record, rng.choice(["postcode", "uprn", "status"]))
            out.write(json.dumps(record, separators=(",", ":")) + "\n")


_LGSTANDARDS = """
import sys, time
from pathlib import Path
from lgstandards.conformance import Checker
from lgstandards.rules import RuleOptions
from lgstandards.sources import Source
checker = Checker.for_standard(sys.argv[2], options=RuleOptions())
start = time.perf_counter()
report = checker.check_source(Source(sys.argv[1], "ndjson", path=Path(sys.argv[1])),
                              max_findings=100)
print(report.records, time.perf_counter() - start)
"""

_ENGINES = """
import sys, time, orjson
from lgstandards.conformance import Checker
fast = Checker.for_standard(sys.argv[2]).validator.fast
start = time.perf_counter()
count = 0
with open(sys.argv[1], "rb") as handle:
    for line in handle:
        fast.is_valid(orjson.loads(line))
        count += 1
print(count, time.perf_counter() - start)
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


def run_cli(data: Path, standard: str, jobs: int = 1) -> tuple[float, float]:
    """Time the whole `lgstandards validate` command, start-up included; return (s, MiB)."""
    # A fresh `time` child measures this command alone: RUSAGE_CHILDREN keeps the largest child.
    script = (
        "import resource, subprocess, sys, time\n"
        "start = time.perf_counter()\n"
        "subprocess.run(sys.argv[1:], check=False)\n"
        "print(time.perf_counter() - start,"
        " resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    command = [
        sys.executable, "-m", "lgstandards", "validate", "--no-config", "-s", f"{standard}@1",
        "--format", "json", "--max-findings", "100", "-o", "/dev/null", "--jobs", str(jobs),
        str(data),
    ]
    result = subprocess.run(
        [sys.executable, "-c", script, *command], capture_output=True, text=True, check=True
    )
    seconds, rss = result.stdout.split()
    return float(seconds), int(rss) / 1024


def bench(standard: str, args: argparse.Namespace) -> None:
    """Generate one standard's data if needed and print its figures."""
    big = args.data_dir / f"{standard}-{args.records}-g{GENERATOR}.ndjson"
    small = args.data_dir / f"{standard}-{args.reference_records}-g{GENERATOR}.ndjson"
    for path, count in ((big, args.records), (small, args.reference_records)):
        if not path.exists():
            generate(path, standard, count, args.invalid_share)
    size = big.stat().st_size
    print(
        f"\n{standard}: {args.records:,} records, {size / 2**20:.0f} MiB NDJSON "
        f"({size / args.records / 1024:.1f} KiB a record), {args.invalid_share:.0%} with a defect"
    )
    cli_seconds, cli_rss = run_cli(big, standard)
    rows = [("lgstandards validate", args.records / cli_seconds, cli_rss, "whole command")]
    if args.jobs > 1:
        seconds, rss = run_cli(big, standard, args.jobs)
        rate = args.records / seconds
        rows.append((f"  ... --jobs {args.jobs}", rate, rss,
                     f"the file in parts; {rate / args.jobs:,.0f} records/s per core"))
    records, seconds, rss = run(_LGSTANDARDS, big, standard)
    rows.append(("lgstandards (library)", records / seconds, rss, "Checker.check_source"))
    records, seconds, rss = run(_ENGINES, big, standard)
    rows.append(("engines only", records / seconds, rss, "orjson + jsonschema-rs, no rules"))
    records, seconds, rss = run(_JSONSCHEMA, small, standard)
    rows.append(("python-jsonschema", records / seconds, rss, f"{records:,} records"))
    for name, rate, peak, note in rows:
        print(f"  {name:22} {rate:>9,.0f} records/s  {1e6 / rate:6.1f} us/record  "
              f"peak RSS {peak:5,.0f} MiB   {note}")


def main() -> None:
    """Generate the data and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--standard", choices=STANDARDS, action="append",
                        help="measure this standard (repeatable; default: all)")
    parser.add_argument("--records", type=int, default=100_000)
    parser.add_argument(
        "--reference-records",
        type=int,
        default=5_000,
        help="records for plain python-jsonschema, which is much slower",
    )
    parser.add_argument("--invalid-share", type=float, default=0.02)
    parser.add_argument(
        "--jobs", type=int, default=len(os.sched_getaffinity(0)),
        help="also time `validate --jobs N` on the same file (1: skip)",
    )
    parser.add_argument("--data-dir", type=Path, default=ROOT / "benchmarks" / "data")
    args = parser.parse_args()
    args.data_dir.mkdir(parents=True, exist_ok=True)
    print(f"Python {sys.version.split()[0]}, one process per contender, {time.strftime('%F')}")
    for standard in args.standard or STANDARDS:
        bench(standard, args)


if __name__ == "__main__":
    main()
