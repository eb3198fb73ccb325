"""`lgstandards new` and `lgstandards release`: start a standard, and release a version of one."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click

from lgstandards.cli.common import STANDARDS_DIR
from lgstandards.errors import LgstandardsError
from lgstandards.registry import Catalogue, catalogue


def _writable(standards_dir: Path | None) -> Catalogue:
    """Return the catalogue to change: a checkout's or the one given, never an installed copy."""
    cat = catalogue(standards_dir)
    if standards_dir is None and cat.root.name == "_standards":
        raise LgstandardsError(
            f"the installed standards ({cat.root}) are read-only: run this in a checkout of the "
            "registry, or pass --standards-dir"
        )
    return cat


def _day(value: str | None, option: str) -> date | None:
    """Return a YYYY-MM-DD option as a date."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise click.BadParameter(f"{value!r} is not a date: write YYYY-MM-DD",
                                 param_hint=option) from None


@click.command("new")
@click.argument("standard_id", metavar="ID")
@click.option("--kind", type=click.Choice(["data", "api"]), default="data", show_default=True,
              help="A data standard, or an API standard (adds an OpenAPI document).")
@click.option("--title", help="The standard's title.  [default: from the id]")
@click.option("--description", help="What one record holds and who publishes it.")
@click.option("--owner", help="The body that owns the standard.  [default: lgstandards]")
@click.option("--owner-contact", help="How to reach the owner: a web or email address.")
@click.option("--docs-dir", type=click.Path(path_type=Path, file_okay=False), metavar="DIR",
              help="Where the docs page goes.  [default: docs/ beside the standards folder]")
@STANDARDS_DIR
def new_command(standard_id: str, kind: str, title: str | None, description: str | None,
                owner: str | None, owner_contact: str | None, docs_dir: Path | None,
                standards_dir: Path | None) -> int:
    """Start a standard: a draft 1.0.0 that passes `lint` and its example checks at once.

    Writes the manifest, a schema, a codelist, valid and invalid examples with their expected
    findings, a changelog and docs/ID.md. Exit codes: 0 written, 2 a bad or taken id.
    """
    from lgstandards.development.scaffold import (
        DEFAULT_CONTACT,
        DEFAULT_OWNER,
        NewStandard,
        create_standard,
    )

    cat = _writable(standards_dir)
    spec = NewStandard(standard_id, kind="api" if kind == "api" else "data", title=title,
                       description=description, owner=owner or DEFAULT_OWNER,
                       owner_contact=owner_contact or DEFAULT_CONTACT)
    written = create_standard(cat, spec, docs_dir=docs_dir)
    here = Path.cwd()
    for path in written:
        try:
            shown = path.resolve().relative_to(here.resolve())
        except ValueError:
            shown = path
        click.echo(f"created {shown}")
    click.echo(
        f"\n{standard_id} 1.0.0 is a draft. Replace the example fields, examples and docs with "
        f"your own, keeping `lgstandards lint {standard_id}` clean; then open it for comment "
        f"with `lgstandards release {standard_id} 1.0.0 --as candidate`."
    )
    return 0


@click.command("release")
@click.argument("standard_id", metavar="ID")
@click.argument("version", metavar="VERSION")
@click.option("--date", "on", metavar="YYYY-MM-DD", help="The release date.  [default: today]")
@click.option("--as", "as_status", type=click.Choice(["candidate", "published"]),
              default="published", show_default=True,
              help="Open the version for comment, or publish it.")
@click.option("--comment-until", metavar="YYYY-MM-DD",
              help="A candidate's last day for comments.  [default: the least its number needs]")
@click.option("--deprecate-previous", is_flag=True,
              help="Deprecate the published version before this one (needs --sunset).")
@click.option("--sunset", metavar="YYYY-MM-DD",
              help="The day after which the deprecated version may be retired.")
@click.option("--note", help="What users of the deprecated version should do, for its notes.")
@click.option("--dry-run", is_flag=True, help="Say what the release would do; write nothing.")
@STANDARDS_DIR
def release_command(standard_id: str, version: str, on: str | None, as_status: str,
                    comment_until: str | None, deprecate_previous: bool, sunset: str | None,
                    note: str | None, dry_run: bool, standards_dir: Path | None) -> int:
    """Release VERSION of standard ID, after every check that it tells the truth.

    Runs the diff against the version before it (the number must be at least what the changes
    need), lint, the examples, the changelog check (a `## [VERSION] - DATE` section and a link)
    and the lock (no released file changed); then sets the status and date in standard.json and,
    for a published version, records its hashes in lock.json. A release that fails any check is
    refused with every reason and nothing written. Exit codes: 0 released (or would be), 1
    refused, 2 could not run.
    """
    from lgstandards.development.release import ReleaseRequest, apply_release, plan_release
    from lgstandards.registry import Status

    today = date.today()
    request = ReleaseRequest(
        standard_id, version, Status(as_status), on=_day(on, "--date"),
        comment_until=_day(comment_until, "--comment-until"),
        deprecate_previous=deprecate_previous, sunset=_day(sunset, "--sunset"), note=note,
    )
    cat = catalogue(standards_dir) if dry_run else _writable(standards_dir)
    plan = plan_release(cat, request, today=today)
    ref = f"{standard_id}@{version}"
    if dry_run or not plan.ok:
        click.echo(f"The release of {ref} would:")
        for action in plan.actions:
            click.echo(f"- {action}")
    if not plan.ok:
        click.echo(f"\nThe release of {ref} is refused, and nothing was written:", err=True)
        for reason in plan.reasons:
            click.echo(f"- {reason}", err=True)
        return 1
    if dry_run:
        click.echo(f"\n{ref} passes every check; run without --dry-run to release it.")
        return 0
    written = apply_release(plan)
    click.echo(f"Released {ref} as {request.status.value} on {plan.on.isoformat()}:")
    for action in plan.actions:
        click.echo(f"- {action}")
    click.echo("Wrote " + (", ".join(str(p) for p in written) or "nothing new") + ".")
    return 0
