"""Benchmark: CPU time of the short commands of the CLI, each a fresh process, timed by CPU.

Times `python -c pass`, `lgstandards --version`, `lgstandards list` and validating one small file
the way `validate_speed.py` does (the child's own user + system time from `wait4`), which other
work on a shared machine does not inflate. Issue 15's targets: 0.15 s for `--version` and `list`,
0.25 s to validate one small file.

    python benchmarks/startup.py              # 7 interleaved runs
    python benchmarks/startup.py --runs 15
"""

from __future__ import annotations

import argparse
import random
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


def main() -> None:
    """Print the median CPU and wall time of each command and its target."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    argv = commands()
    runs: dict[str, list[Timing]] = {name: [] for name in argv}
    for round_number in range(args.runs):
        # Interleaved and shuffled, so a burst of load elsewhere spreads over every command.
        order = list(argv)
        random.Random(round_number).shuffle(order)
        for name in order:
            runs[name].append(timed(argv[name]))
    print(f"start-up, CPU time, medians of {args.runs} interleaved runs:")
    for name in argv:
        result = _median(runs[name])
        target = f"  (target {TARGETS[name]:.2f} s)" if name in TARGETS else ""
        print(f"    {name:24} CPU {result.cpu:5.3f} s  wall {result.wall:5.3f} s{target}")


if __name__ == "__main__":
    main()
