"""`lgstandards diff`: what changed between two versions, whom it breaks, the bump it needs."""

from __future__ import annotations

import json
from pathlib import Path

import click

from lgstandards.registry import catalogue


@click.command("diff")
@click.argument("old", metavar="OLD")
@click.argument("new", metavar="NEW")
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="Text for people; json for machines.")
@click.option("--check", is_flag=True,
              help="Exit 1 when NEW's version number is lower than the changes require.")
@click.option("--standards-dir", "standards_dir", metavar="DIR",
              type=click.Path(path_type=Path, file_okay=False, exists=True),
              help="A standards folder (with registry.json) to use instead of the installed one.")
def diff_command(old: str, new: str, fmt: str, check: bool, standards_dir: Path | None) -> int:
    """Compare two versions and say whom each change breaks and the version bump it needs.

    OLD and NEW are standard versions (waste-property-schedule@1.0.0; a draft only when named
    exactly) or files: a JSON Schema of any draft or an OpenAPI 3 document, whose relative $refs
    are read from the file's folder (nothing is fetched). A change breaks producers when data
    valid before is refused (major), consumers when they may receive what they never saw (minor),
    or nobody (patch). Exit codes: 0 compared (with --check: the number tells the truth); 1 with
    --check, NEW's number is lower than the changes need; 2 unusable input.
    """
    from lgstandards.development.diff import number_problem
    from lgstandards.development.diff.documents import open_input
    from lgstandards.development.diff.model import DiffError
    from lgstandards.development.diff.text import text_lines
    from lgstandards.development.diff.versions import diff_inputs

    cat = catalogue(standards_dir)
    old_input, new_input = open_input(old, cat), open_input(new, cat)
    diff = diff_inputs(old_input, new_input, cat)
    problem: str | None = None
    numbers: str | None = None
    if check:
        for given in (old_input, new_input):
            if given.number is None:
                where = ("its info.version is not MAJOR.MINOR.PATCH" if given.openapi else
                         "its $id has no MAJOR.MINOR.PATCH segment")
                raise DiffError(f"{given.label} has no version number ({where}); --check "
                                "compares the numbers of OLD and NEW")
        assert old_input.number is not None and new_input.number is not None
        problem = number_problem(diff, old_input.number, new_input.number)
        numbers = f"{new_input.number} after {old_input.number}"
    if fmt == "json":
        data = diff.to_dict()
        if check:
            data["check"] = {"old_version": old_input.number, "new_version": new_input.number,
                             "problem": problem}
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
    else:
        from lgstandards.cli.console import print_lines

        print_lines(text_lines(diff, check=numbers, problem=problem))
    return 1 if problem else 0
