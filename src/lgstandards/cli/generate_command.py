"""`lgstandards generate`: realistic records of a data standard as NDJSON, valid or broken."""

from __future__ import annotations

import contextlib
import os
import sys
from pathlib import Path
from typing import IO, Any

import click

from lgstandards.errors import ConfigError

#: The most records one run makes: a national file of every UK property is about 40 million.
MAX_COUNT = 100_000_000


@click.command("generate")
@click.argument("standard", metavar="ID[@VERSION]")
@click.option("-n", "--count", type=click.IntRange(0, MAX_COUNT), default=10, show_default=True,
              metavar="N", help="How many records to make.")
@click.option("--invalid", is_flag=True,
              help="Give each record one named defect, listed in a sidecar file.")
@click.option("--invalid-share", "share", type=click.FloatRange(0, 1, min_open=True),
              metavar="FRACTION",
              help="Give a defect to about this share of the records (0.02: one in fifty), "
                   "not to all; implies --invalid.")
@click.option("--seed", type=int, default=0, show_default=True, metavar="S",
              help="The same seed makes the same records.")
@click.option("--output", "-o", type=click.Path(path_type=Path, dir_okay=False, allow_dash=True),
              metavar="FILE", help="Write the records to FILE instead of standard output.")
@click.option("--defects", "defects_path", metavar="FILE",
              type=click.Path(path_type=Path, dir_okay=False),
              help="With --invalid: where the defects go.  [default: FILE.defects.ndjson]")
def generate(standard: str, count: int, invalid: bool, share: float | None, seed: int,
             output: Path | None, defects_path: Path | None) -> int:
    """Make N realistic records of a data standard version as NDJSON, one record a line.

    Records are grown from the version's valid examples with new UPRNs, USRNs, postcodes,
    streets and references (never repeated in a file) and dates moved by whole weeks, so each
    passes `lgstandards validate` with no finding.

    With --invalid each record has one defect; the sidecar lists, per record, the defect and the
    finding (code and pointer) validate gives. With --invalid-share only some records have one,
    and the sidecar lists those.

    Records are dated around the examples' day, 2026-12-05: check them later with
    `lgstandards validate --today 2026-12-05`. Exit codes: 0 written; 2 unknown standard, an API
    standard, or a file that cannot be written.
    """
    from lgstandards.generate import generator, sidecar_path, write

    invalid = invalid or share is not None
    if output is not None and str(output) == "-":
        output = None
    if defects_path is not None and not invalid:
        raise click.UsageError("--defects is for --invalid records.")
    if invalid and defects_path is None:
        if output is None:
            raise click.UsageError(
                "--invalid needs a file for its defects: give -o FILE (the defects go to "
                "FILE.defects.ndjson) or --defects FILE."
            )
        defects_path = sidecar_path(output)
    gen = generator(standard, invalid=invalid)
    sidecar = _target(defects_path, "defects") if invalid else contextlib.nullcontext(None)
    with _target(output, "records") as out, sidecar as faults:
        try:
            written = write(gen, count, seed, out, faults, share or 1.0)
            out.flush()
        except BrokenPipeError:
            # `generate ... | head`: the reader has what it wanted. Standard output goes to
            # /dev/null so that Python's own flush at exit does not complain of the pipe.
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            return 0
    if output is not None:
        where = f" and their defects to {defects_path}" if invalid else ""
        click.echo(f"Wrote {written:,} records of {gen.ref} to {output}{where}.", err=True)
    return 0


@contextlib.contextmanager
def _target(path: Path | None, what: str) -> Any:
    """Open a file to write whole or not at all, or standard output when there is no path."""
    if path is None:
        yield sys.stdout
        return
    from lgstandards import files

    handle: IO[str]
    try:
        with files.atomic_write(path, "w") as handle:
            yield handle
    except OSError as exc:
        raise ConfigError(f"cannot write the {what} to {path}: {exc.strerror}") from None
