"""Benchmark: CPU time of the short commands of the CLI, each a fresh process, timed by CPU.

Times `python -c pass`, `lgstandards --version`, `lgstandards list` and validating one small file
the way `validate_speed.py` does (the child's own user + system time from `wait4`), which other
work on a shared machine does not inflate. Issue 15's targets: 0.15 s for `--version` and `list`,
0.25 s to validate one small file.

The package's bytecode is written first, as pip does on install: with `PYTHONDONTWRITEBYTECODE`
set (as on the shared machines) a checkout would otherwise compile every module on every run, and
time that instead. `--src` compares checkouts (their `src` folders, each with its `standards`
beside it) in the same interleaved rounds, so a burst of load elsewhere falls on each alike.

    python benchmarks/startup.py              # 7 interleaved runs of the lgstandards imported
    python benchmarks/startup.py --runs 15 --src /tmp/before/src --src src
"""

from __future__ import annotations

import argparse
import compileall
import os
import random
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from validate_speed import ROOT, Timing, _median, timed

EXAMPLE = (ROOT / "standards" / "waste-property-schedule" / "2.0.0" / "examples" / "valid"
           / "two-tier-district-house.json")
TARGETS = {"lgstandards --version": 0.15, "lgstandards list": 0.15,
           "validate one small file": 0.25}


def commands() -> dict[str, list[str]]:
    """Return the commands timed, by name."""
    lg = [sys.executable, "-m", "lgstandards"]
    return {
        "python -c pass": [sys.executable, "-c", "pass"],
        "lgstandards --version": [*lg, "--version"],
        "lgstandards list": [*lg, "list"],
        "validate one small file": [*lg, "validate", "--no-config", "-s",
                                    "waste-property-schedule@2", str(EXAMPLE)],
    }


def _timed_with(argv: list[str], src: str | None) -> Timing:
    """Time a command with `src` first on the import path (the environment's own when None)."""
    if src is None:
        return timed(argv)
    old = os.environ.get("PYTHONPATH")
    os.environ["PYTHONPATH"] = src
    try:
        return timed(argv)
    finally:
        if old is None:
            del os.environ["PYTHONPATH"]
        else:
            os.environ["PYTHONPATH"] = old


def main() -> None:
    """Print the median CPU and wall time of each command and its target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--src", action="append",
                        help="a checkout's src folder to time (repeatable; default: as imported)")
    parser.add_argument("--no-compile", action="store_true",
                        help="leave the package's bytecode as it is")
    args = parser.parse_args()
    sources: list[str | None] = [str(Path(s).resolve()) for s in args.src] if args.src else [None]
    if not args.no_compile:
        for src in sources:
            env = {**os.environ, **({"PYTHONPATH": src} if src else {})}
            found = subprocess.run(
                [sys.executable, "-c", "import lgstandards; print(lgstandards.__file__)"],
                capture_output=True, text=True, check=True, env=env).stdout.strip()
            compileall.compile_dir(Path(found).parent, quiet=1)
    argv = commands()
    runs: dict[tuple[str, str | None], list[Timing]] = {}
    for round_number in range(args.runs):
        # Interleaved and shuffled, so a burst of load elsewhere spreads over every command.
        order = [(name, src) for name in argv for src in sources]
        random.Random(round_number).shuffle(order)
        for name, src in order:
            runs.setdefault((name, src), []).append(_timed_with(argv[name], src))
    print(f"start-up, CPU time, medians of {args.runs} interleaved runs:")
    for src in sources:
        if src is not None:
            print(f"  {src}")
        for name in argv:
            result = _median(runs[(name, src)])
            target = f"  (target {TARGETS[name]:.2f} s)" if name in TARGETS else ""
            print(f"    {name:24} CPU {result.cpu:5.3f} s  wall {result.wall:5.3f} s{target}")


if __name__ == "__main__":
    main()
