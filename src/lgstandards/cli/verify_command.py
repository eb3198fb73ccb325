"""`lgstandards verify`: check a conformance statement against the registry and the inputs."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from lgstandards.cli.check_api_command import _probe_pairs
from lgstandards.cli.common import accepted_options
from lgstandards.errors import ConfigError
from lgstandards.reporters.escape import safe_line


@click.command("verify")
@click.argument("statement_path", metavar="STATEMENT",
                type=click.Path(path_type=Path, dir_okay=False))
@click.argument("inputs", nargs=-1, metavar="[INPUT...]")
@click.option("--rerun", is_flag=True,
              help="API statements: run check-api again against the recorded base URL and "
                   "compare each level's result.")
@click.option("--probe", "probes", multiple=True, metavar="NAME=VALUE",
              help="With --rerun: a probe value (statements keep only their names).")
@click.option("--header", "-H", "headers", multiple=True, metavar="'NAME: VALUE'",
              help="With --rerun: a header to send, such as an API key (statements keep none).")
@click.option("--allow-writes", is_flag=True,
              help="With --rerun: repeat the run's writes against its recorded sandbox.")
@click.option("--standards-dir", "standards_dir", metavar="DIR",
              type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="A standards folder (with registry.json) to verify against instead of the "
                   "installed standards.")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Output format.")
def verify(
    statement_path: Path,
    inputs: tuple[str, ...],
    rerun: bool,
    probes: tuple[str, ...],
    headers: tuple[str, ...],
    allow_writes: bool,
    standards_dir: Path | None,
    fmt: str,
) -> int:
    """Verify a conformance statement written by validate or check-api --statement.

    Checks the statement against its JSON Schema, every standard file's sha256 against the
    installed registry, and the tool version (a different one is a warning). For data, the
    INPUTs (or the recorded paths, where they exist) are matched by sha256 and checked again
    with the recorded options, which must give the recorded result. Exit codes: 0 verified; 1 a
    mismatch (each listed); 2 the statement cannot be used.
    """
    from lgstandards.apicheck.client import parse_header
    from lgstandards.development.statements import read_statement
    from lgstandards.development.verification import ApiRerun, verify_statement
    from lgstandards.registry import catalogue

    statement = read_statement(statement_path)
    if statement["subject"] == "api" and inputs:
        raise ConfigError("an API statement has no input files; use --rerun to check the API")
    if (probes or headers or allow_writes) and not rerun:
        raise ConfigError("--probe, --header and --allow-writes are used only with --rerun")
    if rerun and statement["subject"] != "api":
        raise ConfigError("--rerun is for API statements; a data statement is re-checked from "
                          "its input files")
    api = None
    if rerun:
        sent = dict(parse_header(text) for text in headers)
        api = ApiRerun(_probe_pairs(probes), sent, allow_writes, accepts=accepted_options())
    from lgstandards.sources import expand_paths

    # Folders and globs name files as they do for validate; every argument must name one.
    expansion = expand_paths(p for p in inputs if p != "-")
    missing = [*expansion.missing, *(str(p) for p in expansion.files if not p.exists())]
    if missing:
        raise ConfigError(f"{', '.join(missing)}: no such file to verify")
    stdin = sys.stdin.buffer.read() if "-" in inputs else None
    files = list(expansion.files)
    result = verify_statement(statement, catalogue(standards_dir), inputs=files, stdin=stdin,
                              rerun_api=api)
    if fmt == "json":
        click.echo(json.dumps({"statement": str(statement_path), **result.to_dict()}, indent=2))
    else:
        for item in result.items:
            click.echo(safe_line(f"{item.outcome}: {item.message}"))
        if result.verified:
            click.echo(f"Verified: {safe_line(str(statement_path))} matches this registry"
                       + (" and the result was reproduced." if any(
                           i.code == "result" and i.outcome == "ok" for i in result.items)
                          else "."))
        else:
            count = len(result.mismatches)
            click.echo(f"Not verified: {count} mismatch{'' if count == 1 else 'es'}.")
    return 0 if result.verified else 1
