"""Where a record's time goes: each step of `Checker.check_source`, timed alone, in CPU time.

Reads an NDJSON file made by `validate_speed.py` (or any), then times, per record: reading and
parsing the lines, the fast engine's verdict, explaining the records that fail, each rule (or
each shared scan of several rules) on its own (as if no record skipped it), the rules' quiet
schemas, placing findings in the file, and the whole of `check_source`. Each step is the best
of three passes over the same records in memory.

    python benchmarks/where_time_goes.py waste-property-schedule@2 benchmarks/data/FILE.ndjson
"""

from __future__ import annotations

import argparse
import functools
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from lgstandards.conformance import Checker, locate_finding
from lgstandards.rules.base import Position, RecordContext
from lgstandards.sources import Record, Source


def _each(run: Callable[[RecordContext], Any], contexts: list[RecordContext]) -> None:
    """Run one step of the checks on every record."""
    for context in contexts:
        run(context)


def best(step: Callable[[], Any], count: int) -> float:
    """Return the least CPU microseconds a record took over three passes."""
    least = float("inf")
    for _ in range(3):
        start = time.process_time()
        step()
        least = min(least, time.process_time() - start)
    return least / count * 1e6


def main() -> None:
    """Print the steps and their cost per record."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("standard")
    parser.add_argument("path", type=Path)
    parser.add_argument("--records", type=int, default=5_000)
    args = parser.parse_args()
    checker = Checker.for_standard(args.standard)

    def source() -> Source:
        return Source(str(args.path), "ndjson", path=args.path)

    items = [item for _, item in zip(range(args.records), source().items(), strict=False)
             if isinstance(item, Record)]
    count = len(items)
    records = [item.data for item in items]
    validator = checker.validator
    rows: list[tuple[str, float]] = [
        ("reading and parsing (orjson)",
         best(lambda: [None for _, _ in zip(range(count), source().items(), strict=False)],
              count)),
        ("verdict (jsonschema-rs is_valid)",
         best(lambda: [validator.is_valid(r) for r in records], count)),
    ]
    failing = [r for r in records if not validator.is_valid(r)]
    explained = {id(r): validator.findings(r) for r in failing}
    if failing:
        rows.append((f"explaining the {len(failing):,} failing records, per record checked",
                     best(lambda: [validator.findings(r) for r in failing], count)))
    rejected = [frozenset(f.pointer for f in explained.get(id(r), ())) for r in records]
    # As `check_source` runs them on a file it can read again: rules across the file keep where
    # first records are (the position is not moved here; every record is a new key anyway).
    for rules, run, _ in checker._checks(None, source().read_again(), Position()):
        contexts = [RecordContext(r, n, rj, checker.options)
                    for n, (r, rj) in enumerate(zip(records, rejected, strict=True), 1)]
        rows.append((", ".join(rule.code for rule in rules)[:60],
                     best(functools.partial(_each, run, contexts), count)))
    checks = checker._checks(None, source().read_again(), Position())
    quiet = getattr(checks, "quiet", None)
    if quiet is not None:
        # Valid records are asked once whether the rules with quiet schemas can skip them.
        valid = [r for r in records if validator.is_valid(r)]
        skipped = sum(1 for r in valid if quiet.is_valid(r))
        rows.append((f"quiet schemas ({skipped:,} valid records skip "
                     f"{len(checks) - len(checks.loud)} checks)",
                     best(lambda: [quiet.is_valid(r) for r in valid], count)))
    found = [checker._check(r, n, checks) for n, r in enumerate(records, 1)]
    place = source()
    rows.append((f"placing {sum(map(len, found)):,} findings in the file, per record",
                 best(lambda: [locate_finding(place, item, f.pointer)
                               for item, fs in zip(items, found, strict=True) for f in fs],
                      count)))
    with args.path.open("rb") as handle:
        data = b"".join(line for _, line in zip(range(count), handle, strict=False))
    rows.append(("the whole of check_source",
                 best(lambda: checker.check_source(Source(str(args.path), "ndjson", data=data)),
                      count)))
    print(f"{args.standard}, {args.path.name}: {count:,} records, CPU microseconds a record")
    for name, micro in rows:
        print(f"  {micro:7.2f}  {name}")


if __name__ == "__main__":
    main()
