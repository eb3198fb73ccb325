"""Benchmark: lgstandards against the bare engines, each a whole process, timed by CPU.

Generates NDJSON of realistic records for a standard, varied from its own valid examples (every
record its own UPRN, reference and address), at several defect rates, then times each contender
as a whole process (start-up included) by the CPU time the process used, which other work on a
shared machine does not inflate. Contenders run interleaved, round after round, and the medians
are printed with each one's ratio to the floor:

- `orjson parse`: reading each line and parsing it, nothing else;
- `floor`: orjson plus plain jsonschema-rs `is_valid` on the standard's published bundled schema
  (`schema.bundled.json`, formats checked, no callbacks, no lgstandards import): the least any
  tool built on these engines must spend;
- `validate`: the `lgstandards validate` command with every rule on and the text report (the
  default), and `validate --format json`, which places every kept finding in the file;
- `library`: `lgstandards.validate_files` in a fresh process;
- `node + ajv`: ajv (2020-12, ajv-formats) on the same bundled schema, from the npm packages the
  tests install (`python -m tests.node`); skipped when Node.js or the packages are missing.

Start-up (`--version`, `list`, validating one small file) is timed the same way.

    python benchmarks/validate_speed.py                       # schedules 2.x and planning 2.x
    python benchmarks/validate_speed.py --standard waste-property-schedule@2 --records 100000
    python benchmarks/validate_speed.py --defects 0,0.02 --rounds 5 --only floor,validate
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_STANDARDS = ("waste-property-schedule@2", "planning-application-register@2")
#: Bumped when the generator changes, so cached data is never stale.
GENERATOR = 3
#: A defect rate of 1 means a file in which every record has the same mistake.
ONE_MISTAKE = 1.0

_STREETS = ("Ashgrove Road", "Carrick Street", "Hillside Crescent", "Mill Lane", "Station Road",
            "Church Street", "Victoria Avenue", "Park View", "Queens Road", "The Green")
_POSTCODES = ("BS6 6LY", "SE15 4RW", "BN15 8QJ", "CB4 1HT", "LS6 2AB", "M14 5RG", "EX4 3SR",
              "NE2 1XE", "CF24 4HQ", "G12 8QQ")
_REASONS = ("not_collected", "partly_collected", "container_not_returned", "spillage_left")


# -- data ----------------------------------------------------------------------------------------


def _templates(standard: str, version: str) -> list[dict[str, Any]]:
    examples = ROOT / "standards" / standard / version / "examples" / "valid"
    found: list[dict[str, Any]] = []
    for path in sorted(examples.iterdir()):
        if path.suffix == ".json":
            loaded = json.loads(path.read_text())
            found.extend(loaded if isinstance(loaded, list) else [loaded])
        elif path.suffix == ".ndjson":
            found.extend(json.loads(line) for line in path.read_text().splitlines() if line.strip())
    return found


def _minute(rng: random.Random, stamp: str) -> str:
    """Move a date-time's time of day within working hours, keeping its date and offset."""
    return f"{stamp[:11]}{rng.randint(7, 16):02d}:{rng.randint(0, 59):02d}{stamp[16:]}"


def _address(rng: random.Random, number: int, address: dict[str, Any]) -> dict[str, Any]:
    return {**address, "paon": str(1 + number % 180), "street": rng.choice(_STREETS),
            "postcode": rng.choice(_POSTCODES)}


def _vary(standard: str, record: dict[str, Any], number: int, rng: random.Random) -> None:
    """Give the record its own identity and times, as each record of a real export has."""
    uprn = str(10_000_000 + number)
    if standard == "waste-property-schedule":
        record["property"]["uprn"] = uprn
        record["property"]["address"] = _address(rng, number, record["property"]["address"])
        for item in record.get("collections", ()):
            if "completed_at" in item:
                item["completed_at"] = _minute(rng, item["completed_at"])
    elif standard in ("waste-missed-collection-report", "waste-bulky-booking"):
        prefix = "MC" if standard == "waste-missed-collection-report" else "BW"
        record["reference"] = f"{prefix}-{number:08d}"
        record["uprn"] = uprn
        record["address"] = _address(rng, number, record["address"])
        if "reason" in record:
            record["reason"] = rng.choice(_REASONS)
    else:
        record["reference"] = f"BENCH/{number:07d}/FUL"
        site = record["site"]
        if "postcode" in site:
            site["postcode"] = rng.choice(_POSTCODES)
        if "uprns" in site:
            site["uprns"] = [uprn]


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


def generate(path: Path, standard: str, version: str, count: int, rate: float) -> None:
    """Write `count` records: a share `rate` with one defect each (all the same one at 1)."""
    rng = random.Random(7)
    templates = _templates(standard, version)
    with path.open("w", encoding="utf-8") as out:
        for number in range(count):
            record = copy.deepcopy(templates[number % len(templates)])
            _vary(standard, record, number, rng)
            if rate >= ONE_MISTAKE:
                _defect(standard, record, "postcode")
            elif rng.random() < rate:
                _defect(standard, record, rng.choice(["postcode", "uprn", "status"]))
            out.write(json.dumps(record, separators=(",", ":")) + "\n")


def bundled_schema(selector: str, out: Path) -> str:
    """Write the selected version's published bundled schema; return its exact ref."""
    from lgstandards.publish import bundle
    from lgstandards.registry import catalogue

    cat = catalogue()
    version = cat.select(selector)
    resources = dict(cat.schemas())
    bundled = bundle(version.schema, resources, bundle_id=f"urn:bench:{version.ref}",
                     base=cat.base_uri)
    out.write_text(json.dumps(bundled))
    return version.ref


# -- contenders ----------------------------------------------------------------------------------

_PARSE = """
import sys, orjson
loads = orjson.loads
with open(sys.argv[1], "rb") as handle:
    for line in handle:
        loads(line)
"""

_FLOOR = """
import sys, orjson, jsonschema_rs
with open(sys.argv[2], "rb") as handle:
    is_valid = jsonschema_rs.validator_for(orjson.loads(handle.read()),
                                           validate_formats=True).is_valid
loads = orjson.loads
with open(sys.argv[1], "rb") as handle:
    for line in handle:
        is_valid(loads(line))
"""

_LIBRARY = """
import sys
from lgstandards import validate_files
report = validate_files([sys.argv[1]], sys.argv[3])
"""

_AJV = """
'use strict';
const fs = require('fs');
const path = require('path');
const { createRequire } = require('module');
const [prefix, data, schemaFile] = process.argv.slice(2);
const load = createRequire(path.join(path.resolve(prefix), 'package.json'));
const Ajv2020 = load('ajv/dist/2020').default;
const addFormats = load('ajv-formats').default;
const ajv = new Ajv2020({ strict: false });
addFormats(ajv);
const validate = ajv.compile(JSON.parse(fs.readFileSync(schemaFile, 'utf8')));
for (const line of fs.readFileSync(data, 'utf8').split('\\n')) {
  if (line) validate(JSON.parse(line));
}
"""


@dataclass(frozen=True)
class Contender:
    """A command to time: its name, and its argv given (data file, bundled schema, ref)."""

    name: str
    note: str
    argv: Any


def _python(code: str) -> Any:
    return lambda data, schema, ref: [sys.executable, "-c", code, str(data), str(schema), ref]


def _cli(*extra: str) -> Any:
    return lambda data, schema, ref: [
        sys.executable, "-m", "lgstandards", "validate", "--no-config", "-s", ref, *extra,
        "-o", os.devnull, str(data),
    ]


def contenders(node_prefix: Path | None) -> list[Contender]:
    """Return every contender that can run here."""
    found = [
        Contender("orjson parse", "reading and parsing each line, nothing else", _python(_PARSE)),
        Contender("floor", "orjson + plain jsonschema-rs is_valid, bundled schema",
                  _python(_FLOOR)),
        Contender("validate", "lgstandards validate, every rule, text report", _cli()),
        Contender("validate json", "the same, --format json (every kept finding placed)",
                  _cli("--format", "json")),
        Contender("library", "lgstandards.validate_files", _python(_LIBRARY)),
    ]
    if node_prefix is not None:
        script = Path(os.environ.get("TMPDIR", "/tmp")) / "lgstandards-bench-ajv.cjs"
        script.write_text(_AJV)
        found.append(Contender(
            "node + ajv", "ajv 2020-12 + ajv-formats, bundled schema",
            lambda data, schema, ref: ["node", str(script), str(node_prefix), str(data),
                                       str(schema)],
        ))
    return found


def _node_prefix() -> Path | None:
    if shutil.which("node") is None:
        return None
    try:
        sys.path.insert(0, str(ROOT))
        from tests.node import node_cache

        prefix = node_cache()
    except Exception:
        return None
    return prefix if (prefix / "node_modules" / "ajv").is_dir() else None


@dataclass(frozen=True)
class Timing:
    """One run: CPU seconds (user + system) of the process, wall seconds, peak RSS in MiB."""

    cpu: float
    wall: float
    rss: float


def timed(argv: Sequence[str]) -> Timing:
    """Run a command to its end; return its own CPU time, wall time and peak memory."""
    start = time.perf_counter()
    process = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    assert process.stderr is not None
    error = process.stderr.read()
    # wait4 gives this child's own resource use, not the sum over every child so far.
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    wall = time.perf_counter() - start
    if process.returncode not in (0, 1):
        raise RuntimeError(f"{argv[:6]} failed ({process.returncode}): {error.decode()[-2000:]}")
    return Timing(usage.ru_utime + usage.ru_stime, wall, usage.ru_maxrss / 1024)


def _median(runs: list[Timing]) -> Timing:
    return Timing(statistics.median(t.cpu for t in runs), statistics.median(t.wall for t in runs),
                  max(t.rss for t in runs))


# -- the benchmark -------------------------------------------------------------------------------


def bench(selector: str, args: argparse.Namespace, players: list[Contender]) -> None:
    """Generate one standard's files and print a table per defect rate."""
    standard = selector.partition("@")[0]
    schema = args.data_dir / f"{selector}.bundled.json"
    ref = bundled_schema(selector, schema)
    version = ref.partition("@")[2]
    files: dict[float, Path] = {}
    for rate in args.defects:
        label = "one-mistake" if rate >= ONE_MISTAKE else f"{rate:g}"
        path = args.data_dir / f"{ref}-{args.records}-{label}-g{GENERATOR}.ndjson"
        if not path.exists():
            generate(path, standard, version, args.records, rate)
        files[rate] = path
    # A file of one clean record: what each contender spends before its first record.
    start = args.data_dir / f"{ref}-1-g{GENERATOR}.ndjson"
    if not start.exists():
        generate(start, standard, version, 1, 0.0)
    runs: dict[tuple[float | None, str], list[Timing]] = {}
    for round_number in range(args.rounds):
        # Interleaved: each round times every contender on every file once, in a shuffled
        # order, so a burst of load elsewhere spreads over all of them.
        order = [(rate, player) for rate in [None, *args.defects] for player in players]
        random.Random(round_number).shuffle(order)
        for rate, player in order:
            timing = timed(player.argv(files[rate] if rate is not None else start, schema, ref))
            runs.setdefault((rate, player.name), []).append(timing)
    size = files[args.defects[0]].stat().st_size
    print(f"\n{ref}: {args.records:,} records, {size / args.records / 1024:.1f} KiB a record, "
          f"medians of {args.rounds} interleaved rounds; 'net' leaves out the CPU time of the "
          "same command on a one-record file (start-up)")
    for rate in args.defects:
        shown = ("every record the same mistake" if rate >= ONE_MISTAKE
                 else f"{rate:.0%} of records with a defect")
        print(f"  {shown}:")
        floor = _median(runs[(rate, "floor")])
        floor_net = _net(floor, _median(runs[(None, "floor")]), args.records)
        for player in players:
            result = _median(runs[(rate, player.name)])
            started = _median(runs[(None, player.name)])
            net = _net(result, started, args.records)
            per_cpu = args.records / result.cpu
            ratio = floor.cpu / result.cpu
            print(f"    {player.name:14} {per_cpu:>8,.0f}/CPU-s {ratio:5.2f}x floor"
                  f" | net {net:6.1f} us {floor_net / net:5.2f}x | start-up {started.cpu:4.2f} s"
                  f" | wall {result.wall:5.2f} s  RSS {result.rss:4.0f} MiB   {player.note}")
    if ONE_MISTAKE in args.defects and 0.0 in args.defects:
        for name in ("validate", "validate json"):
            if (0.0, name) in runs:
                clean = _median(runs[(0.0, name)]).cpu
                full = _median(runs[(ONE_MISTAKE, name)]).cpu
                print(f"  a file full of one mistake costs {full / clean:.2f}x a clean one "
                      f"({name}, whole process)")


def _net(result: Timing, started: Timing, records: int) -> float:
    """Return the CPU microseconds a record costs, start-up left out."""
    return max(result.cpu - started.cpu, 1e-6) / records * 1e6


def startup(args: argparse.Namespace) -> None:
    """Print the CPU and wall time of short commands, medians of interleaved runs."""
    example = (ROOT / "standards" / "waste-property-schedule" / "2.0.0" / "examples" / "valid"
               / "two-tier-district-house.json")
    lg = [sys.executable, "-m", "lgstandards"]
    commands = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "lgstandards --version": [*lg, "--version"],
        "lgstandards list": [*lg, "list"],
        "validate one small file": [*lg, "validate", "--no-config", "-s",
                                    "waste-property-schedule@2", str(example)],
    }
    runs: dict[str, list[Timing]] = {name: [] for name in commands}
    for round_number in range(args.startup_runs):
        order = list(commands)
        random.Random(round_number).shuffle(order)
        for name in order:
            runs[name].append(timed(commands[name]))
    print(f"\nstart-up, medians of {args.startup_runs} interleaved runs:")
    for name in commands:
        result = _median(runs[name])
        print(f"    {name:24} CPU {result.cpu:5.3f} s  wall {result.wall:5.3f} s")


def main() -> None:
    """Generate the data and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--standard", action="append",
                        help="a standard and major, such as waste-property-schedule@2 "
                             "(repeatable; default: property schedules 2.x, planning 2.x)")
    parser.add_argument("--records", type=int, default=50_000)
    parser.add_argument("--defects", default="0,0.02,0.2,1",
                        help="defect rates, comma-separated; 1 is a file of one mistake")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--startup-runs", type=int, default=7, help="0 to skip start-up")
    parser.add_argument("--only", help="comma-separated contender names to run (floor always)")
    parser.add_argument("--data-dir", type=Path, default=ROOT / "benchmarks" / "data")
    args = parser.parse_args()
    args.defects = [float(rate) for rate in args.defects.split(",")]
    args.data_dir.mkdir(parents=True, exist_ok=True)
    players = contenders(_node_prefix())
    if args.only:
        wanted = {"floor", *args.only.split(",")}
        players = [p for p in players if p.name in wanted]
    load = os.getloadavg()[0]
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} CPUs, load {load:.1f}, "
          f"{time.strftime('%F %H:%M')}; each contender a whole process, timed by its CPU time")
    if args.startup_runs:
        startup(args)
    for selector in args.standard or DEFAULT_STANDARDS:
        bench(selector, args, players)
    print(f"\nload at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
