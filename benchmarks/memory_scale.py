"""Benchmark: peak memory at 1x, 4x and 16x a base size, and `--jobs` scaling, with every rule on.

Writes NDJSON property schedules (waste-property-schedule 1.x, varied from its valid examples):
every record has its own UPRN, except that about 1% repeat an earlier UPRN with different
collections (a `waste.conflicting-uprn` finding each) and 1% repeat an earlier schedule exactly
(no finding). Then `lgstandards validate --format json` runs on each size in a fresh process:

- `index default`: the first-of-key index as shipped, in a dict up to
  LGSTANDARDS_INDEX_IN_MEMORY keys (200,000) and in a temporary SQLite database past that;
- `index in memory`: the same with the limit lifted, so the index stays a dict (the old way);
- `--jobs N`: the largest file cut into parts checked by N workers.

Each run's peak RSS is its largest process's (wait4's ru_maxrss), CPU is user+system seconds of
the command and its workers, and the JSON reports of every run of one size are compared, finding
for finding. The machine may be shared: CPU seconds say more than wall seconds there.

    python benchmarks/memory_scale.py                       # 250,000 / 1,000,000 / 4,000,000
    python benchmarks/memory_scale.py --base 50000 --jobs 2 --keep
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "standards" / "waste-property-schedule" / "1.0.0" / "examples" / "valid"
STANDARD = "waste-property-schedule@1"
#: Bumped when the generator changes, so a kept file is never stale.
GENERATOR = 1
MIB = 2**20


def _small(record: dict[str, Any]) -> dict[str, Any]:
    """Return a schedule cut to its first service, that service's containers and collections."""
    service = record["services"][0]
    kept = set(service.get("container_type_ids") or ())
    record["services"] = [service]
    record["container_types"] = [c for c in record.get("container_types", []) if c["id"] in kept]
    record["collections"] = [c for c in record.get("collections", [])
                             if c.get("service_id") == service["id"]][:2]
    return record


def _templates(small: bool = False) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix == ".json":
            found.append(json.loads(path.read_text()))
        elif path.suffix == ".ndjson":
            found.extend(json.loads(line) for line in path.read_text().splitlines() if line)
    return [_small(record) for record in found] if small else found


def generate(path: Path, count: int, seed: int = 7, small: bool = False) -> None:
    """Write `count` schedules, about 1% conflicting and 1% repeating an earlier UPRN."""
    rng = random.Random(seed)
    # Each template is serialised once with a marker for the UPRN: millions of records are
    # written at disk speed rather than at json.dumps speed.
    plain, conflicting = [], []
    for template in _templates(small):
        record = copy.deepcopy(template)
        record["property"]["uprn"] = "@UPRN@"
        plain.append(json.dumps(record, separators=(",", ":")))
        record["collections"] = record["collections"][:-1] or [{"date": "2026-01-05"}]
        conflicting.append(json.dumps(record, separators=(",", ":")))
    with path.open("w", encoding="utf-8") as out:
        lines = []
        for number in range(count):
            draw = rng.random()
            kind = number % len(plain)
            uprn = str(10_000_000 + number)
            text = plain[kind]
            if number > 1000 and draw < 0.02:
                earlier = rng.randrange(number - 1000, number)
                uprn, kind = str(10_000_000 + earlier), earlier % len(plain)
                text = conflicting[kind] if draw < 0.01 else plain[kind]
            lines.append(text.replace("@UPRN@", uprn))
            if len(lines) == 10_000:
                out.write("\n".join(lines) + "\n")
                lines = []
        if lines:
            out.write("\n".join(lines) + "\n")


# Runs the command in this fresh process so that its own and its workers' usage can be read.
_RUNNER = """
import json, os, resource, sys, time
from lgstandards.cli import main
start = time.perf_counter()
main(sys.argv[1:])
wall = time.perf_counter() - start
me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps({"wall": wall, "cpu": me.ru_utime + me.ru_stime,
                  "workers": kids.ru_utime + kids.ru_stime}))
"""


def run(
    data: Path, report: Path, jobs: int = 1, in_memory: bool = False,
    max_findings: int | None = None,
) -> dict[str, float]:
    """Validate `data` in a fresh process; return wall and CPU seconds and peak RSS in MiB."""
    env = dict(os.environ)
    if in_memory:
        env["LGSTANDARDS_INDEX_IN_MEMORY"] = str(10**12)
    else:
        env.pop("LGSTANDARDS_INDEX_IN_MEMORY", None)
    command = [
        sys.executable, "-c", _RUNNER, "validate", "--no-config", "--no-progress", "-s", STANDARD,
        "--format", "json", "-o", str(report), "--jobs", str(jobs), str(data),
    ]
    if max_findings is not None:
        command[-1:-1] = ["--max-findings", str(max_findings)]
    with subprocess.Popen(command, env=env, stdout=subprocess.PIPE, text=True) as process:
        assert process.stdout is not None
        output = process.stdout.read()
        # wait4 gives this command's peak RSS alone (the largest of it and its workers).
        _, status, usage = os.wait4(process.pid, 0)
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        raise SystemExit(f"lgstandards validate failed ({process.returncode}) on {data}")
    figures: dict[str, float] = json.loads(output.strip().splitlines()[-1])
    figures["rss"] = usage.ru_maxrss / 1024
    return figures


def _plain(report: Path) -> Any:
    data = json.loads(report.read_text())
    data.pop("generated_at", None)
    return data


def main() -> None:
    """Generate the files, run each configuration and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", type=int, default=250_000, help="records at 1x")
    parser.add_argument("--scales", default="1,4,16", help="multiples of --base to run")
    parser.add_argument("--jobs", type=int, default=2, help="workers for the --jobs runs")
    parser.add_argument("--no-in-memory", action="store_true",
                        help="skip the runs with the index held in memory (the old way)")
    parser.add_argument("--max-findings", type=int, default=None,
                        help="findings kept per file (10,000 by default): their memory apart")
    parser.add_argument("--small", action="store_true",
                        help="schedules of one service (about 0.7 KiB): a national count of "
                             "records in a quarter of the disk; memory depends on the count")
    parser.add_argument("--dir", type=Path, default=None, help="where to write data files")
    parser.add_argument("--keep", action="store_true", help="keep data files for another run")
    args = parser.parse_args()
    folder = args.dir or Path(tempfile.gettempdir()) / "lgstandards-memory-scale"
    folder.mkdir(parents=True, exist_ok=True)
    scales = [int(s) for s in args.scales.split(",")]
    print(f"{STANDARD}, every rule on; peak RSS of the largest process; CPU = user + system")
    print(f"{'records':>10} {'MiB':>7}  {'run':<18} {'wall s':>7} {'CPU s':>7} {'parent':>7} "
          f"{'rec/CPU-s':>9} {'peak MiB':>9}  same report")
    for scale in scales:
        count = args.base * scale
        kind = "small-" if args.small else ""
        data = folder / f"schedules-{GENERATOR}-{kind}{count}.ndjson"
        if not data.exists():
            generate(data, count, small=args.small)
        size = data.stat().st_size / MIB
        runs: list[tuple[str, int, bool]] = [("index default", 1, False)]
        if not args.no_in_memory:
            runs.append(("index in memory", 1, True))
        if scale == max(scales) and args.jobs > 1:
            runs.append((f"--jobs {args.jobs}", args.jobs, False))
        first: Any = None
        for label, jobs, in_memory in runs:
            report = folder / f"report-{count}-{jobs}-{int(in_memory)}.json"
            figures = run(data, report, jobs, in_memory, args.max_findings)
            plain = _plain(report)
            same = "-" if first is None else ("yes" if plain == first else "NO")
            first = plain if first is None else first
            report.unlink()
            cpu = figures["cpu"] + figures["workers"]
            print(f"{count:>10,} {size:>7,.0f}  {label:<18} {figures['wall']:>7.1f} {cpu:>7.1f} "
                  f"{figures['cpu']:>7.1f} {count / cpu:>9,.0f} {figures['rss']:>9,.0f}  {same}",
                  flush=True)
        if not args.keep:
            data.unlink()


if __name__ == "__main__":
    started = time.perf_counter()
    main()
    print(f"({time.perf_counter() - started:.0f} s in all)")
