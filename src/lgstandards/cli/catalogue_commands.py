"""`lgstandards list` and `lgstandards show`: what standards there are and what they hold."""

from __future__ import annotations

import json
from typing import Any

import click

from lgstandards.development.lifecycle import (
    BOOTSTRAP_NOTE,
    deprecation_message,
    is_bootstrap,
    status_label,
)
from lgstandards.registry import Catalogue, Manifest, Status, catalogue


def _manifest_dict(manifest: Manifest, cat: Catalogue) -> dict[str, Any]:
    data = manifest.to_json()
    if not manifest.external:
        for entry, model in zip(data["versions"], manifest.versions, strict=True):
            entry["schema"] = f"{cat.base_uri}{manifest.id}/{entry['version']}/schema.json"
            entry["bootstrap"] = is_bootstrap(manifest, model)
    return data


def _versions(manifest: Manifest) -> str:
    """Return a standard's versions with their status, dates and marks, on one line."""
    return ", ".join(f"{v.version} ({status_label(manifest, v)})" for v in manifest.versions)


def _owner(manifest: Manifest) -> str:
    """Return who owns a standard and how to reach them."""
    contact = f"; contact: {manifest.owner_contact}" if manifest.owner_contact else ""
    return f"owner: {manifest.owner}{contact}; licence: {manifest.licence}"


#: The --format option of `list` and `show`.
_format_option = click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="Output format.",
)


@click.command("list")
@_format_option
def list_command(fmt: str) -> None:
    """List the standards in the registry, with their versions and status."""
    cat = catalogue()
    if fmt == "json":
        payload = {"standards": [_manifest_dict(m, cat) for m in cat]}
        click.echo(json.dumps(payload, indent=2, ensure_ascii=False))
        return
    width = max((len(m.id) for m in cat), default=10)
    for manifest in cat:
        external = " [external]" if manifest.external else ""
        click.echo(f"{manifest.id:<{width}}  {manifest.title}{external}")
        click.echo(f"{'':<{width}}  versions: {_versions(manifest)}")
    if any(is_bootstrap(m, v) for m in cat for v in m.versions):
        click.echo(f"\n{BOOTSTRAP_NOTE}")


@click.command("show")
@click.argument("standard")
@_format_option
@click.option("--schema", "print_schema", is_flag=True, help="Print the version's JSON Schema.")
@click.option("--draft", is_flag=True, help="Allow a draft or candidate version.")
def show_command(standard: str, fmt: str, print_schema: bool, draft: bool) -> None:
    """Show a standard's metadata, versions and field table (STANDARD is id or id@version)."""
    from lgstandards.fields import field_rows

    cat = catalogue()
    manifest = cat.manifest(standard.partition("@")[0])
    if manifest.external:
        data = _manifest_dict(manifest, cat)
        if fmt == "json":
            click.echo(json.dumps(data, indent=2, ensure_ascii=False))
            return
        click.echo(f"{manifest.title} ({manifest.id}) [external]")
        click.echo(manifest.description)
        click.echo(f"{_owner(manifest)}; home: {manifest.homepage}")
        for v in manifest.versions:
            click.echo(f"  {v.version}  {v.status.value}  {v.released or ''}")
        click.echo(
            "lgstandards does not ship this standard: validate with --schema and your own "
            "copy of its schema file."
        )
        return
    version = cat.select(standard, allow_draft=draft)
    if print_schema:
        click.echo(json.dumps(version.schema, indent=2, ensure_ascii=False))
        return
    rows = field_rows(version, cat)
    if fmt == "json":
        data = _manifest_dict(manifest, cat)
        data["selected"] = version.version
        data["fields"] = [
            {
                "path": r.path,
                "title": r.title,
                "type": r.type,
                "required": r.required,
                "description": r.description,
                "constraints": r.constraints,
                "allowed": list(r.allowed),
            }
            for r in rows
        ]
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    click.echo(f"{manifest.title} ({version.ref}, {version.status.value})")
    click.echo(manifest.description)
    click.echo(_owner(manifest))
    click.echo(f"schema: {version.schema_uri}")
    click.echo(
        "versions: "
        + ", ".join(
            f"{v.version} ({status_label(manifest, v)}"
            f"{', released ' + str(v.released) if v.released else ''})"
            for v in manifest.versions
        )
    )
    if version.status is Status.DEPRECATED:
        click.echo(deprecation_message(version))
    if is_bootstrap(manifest, version.entry):
        click.echo(BOOTSTRAP_NOTE)
    click.echo("")
    width = min(max((len(r.path) for r in rows), default=5), 48)
    click.echo(f"{'field':<{width}}  {'type':<12} req  description")
    for row in rows:
        req = "yes" if row.required else ""
        detail = row.description + (f" [{row.constraints}]" if row.constraints else "")
        if row.allowed:
            detail += " Allowed: " + ", ".join(row.allowed)
        click.echo(f"{row.path:<{width}}  {row.type:<12} {req:<4} {detail}")
