"""`lgstandards publish`, `lint` and `lock`: commands for people who write and host standards."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

import click

from lgstandards.cli.common import STANDARDS_DIR
from lgstandards.registry import Catalogue, StandardVersion, catalogue
from lgstandards.reporters import REPORTERS
from lgstandards.reporters.escape import safe_line

if TYPE_CHECKING:
    from lgstandards.development.extensions import ExtensionVersion

_STANDARDS_DIR = click.option(
    "--standards-dir", "standards_dir", metavar="DIR",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    help="A standards folder (with registry.json) to use instead of the installed standards.",
)


def _catalogue(standards_dir: Path | None) -> Catalogue:
    """Return the catalogue of a standards folder, or the installed one."""
    return catalogue(standards_dir)


def _size(count: int) -> str:
    """Return a size in bytes as KB or MB."""
    return f"{count / 1024 / 1024:.1f} MB" if count >= 1024 * 1024 else f"{count / 1024:.0f} KB"


@click.command("publish")
@click.argument("out_dir", type=click.Path(path_type=Path, file_okay=False))
@click.option("--base-url", metavar="URL",
              help="Where the tree will be hosted; every $id is rebased onto it. "
                   "Defaults to the registry's own base URI.")
@click.option("--drafts", "include_drafts", is_flag=True,
              help="Also publish draft versions, to preview them (never host these as released).")
@STANDARDS_DIR
def publish_command(out_dir: Path, base_url: str | None, include_drafts: bool,
                    standards_dir: Path | None) -> int:
    """Write the static registry: schemas, bundles, examples, codelists, index.json, pages.

    OUT_DIR must be empty, new, or hold an earlier tree from this command, whose stale files are
    removed. The same standards and base URL always give byte-identical files.
    """
    from lgstandards.publish import publish

    cat = _catalogue(standards_dir)
    result = publish(cat, out_dir, base_url=base_url, include_drafts=include_drafts)
    pages = sum(1 for f in result.files if f.path.endswith(".html"))
    click.echo(
        f"Published {len(result.files):,} files ({_size(result.size)}, {pages} pages) to "
        f"{out_dir}: "
        f"{result.written:,} written, {len(result.removed):,} removed, the rest unchanged."
    )
    click.echo(f"Open {out_dir / 'index.html'} to read it; host the folder at "
               f"{result.base_url}")
    if result.types_left_out:
        from lgstandards.development.typescript import REGENERATE, TYPES_FOLDER

        count = len(result.types_left_out)
        click.echo(f"TypeScript types left out for {count} schema{'s' if count != 1 else ''} "
                   f"with no current types in {cat.root / TYPES_FOLDER}: "
                   f"{', '.join(result.types_left_out)}. Regenerate them with `{REGENERATE}` "
                   "from a checkout with Node.js.")
    return 0


def _select(cat: Catalogue, selectors: tuple[str, ...]
            ) -> tuple[list[StandardVersion], list[ExtensionVersion] | None]:
    """Return the versions the arguments name: every version of `id`, or the one `id@x` picks.

    An argument may also name an extension or profile (by id, or its folder); with no arguments,
    every standard, extension and profile of the registry (None stands for all layers).
    """
    from lgstandards.development.extensions import extensions, local_versions, looks_like_path

    if not selectors:
        return [v for v in cat.versions() if v.schema_path.is_file()], None
    chosen: list[StandardVersion] = []
    layers: list[ExtensionVersion] = []
    registry = extensions(cat)
    layer_ids = {m.id: m for m in registry.manifests}
    for selector in selectors:
        name = selector.partition("@")[0]
        if looks_like_path(selector):
            layers.extend(local_versions(Path(selector), base_uri=cat.base_uri))
        elif name in layer_ids:
            manifest = layer_ids[name]
            if "@" in selector:
                layers.append(registry.select(selector, manifest.kind, allow_draft=True))
            else:
                layers.extend(registry.version(manifest, e) for e in manifest.versions)
        elif "@" in selector:
            chosen.append(cat.select(selector, allow_draft=True))
        else:
            manifest_of = cat.manifest(selector)
            chosen.extend(v for v in cat.versions() if v.id == manifest_of.id)
    return list({v.ref: v for v in chosen}.values()), layers


@click.command("lint")
@click.argument("standards", nargs=-1, metavar="[STANDARD]...")
@click.option("--format", "fmt", default="text", show_default=True,
              type=click.Choice(sorted(REPORTERS)),
              help="Output format; json gives the report format other commands use.")
@STANDARDS_DIR
def lint_command(standards: tuple[str, ...], fmt: str, standards_dir: Path | None) -> int:
    """Check standards against the house rules for authors (all of them unless named).

    STANDARD is an id (every version) or id@version. The manifests are checked against the
    lifecycle too (statuses, dates, deprecations; released versions as the lock records them).
    Exit codes: 0 clean, 1 findings, 2 could not run.
    """
    from datetime import date

    from lgstandards.development import lifecycle
    from lgstandards.development.extension_lint import CODES as LAYER_CODES
    from lgstandards.development.extension_lint import lint_layers
    from lgstandards.findings import Finding, Severity
    from lgstandards.lint import CODES, lint_catalogue
    from lgstandards.report import FileReport, Report
    from lgstandards.reporters import render

    cat = _catalogue(standards_dir)
    versions, layers = _select(cat, standards)
    results = lint_catalogue(cat, versions, display_root=Path.cwd())
    # Extensions and profiles named here have no manifest lifecycle of their own to check.
    named = list(dict.fromkeys(v.id for v in versions)) if standards else None
    manifests = lifecycle.check_catalogue(cat, today=date.today(), standards=named,
                                          display_root=Path.cwd())
    if layers is None or layers:
        results.update(lint_layers(cat, layers, display_root=Path.cwd()))
    findings = [f for found in (*manifests.values(), *results.values()) for f in found]
    if fmt != "text":
        by_file: dict[str, list[Finding]] = {}
        for finding in findings:
            by_file.setdefault(finding.location.path or "", []).append(finding)
        files = tuple(
            FileReport(path, "json", findings=tuple(items))
            for path, items in sorted(by_file.items())
        )
        checks = (*CODES, *lifecycle.CODES, *LAYER_CODES)
        sys.stdout.write(render(Report("lint", None, files, checks=checks), fmt))
        return 1 if findings else 0
    for finding in findings:
        where = f"{finding.location.path}#{finding.pointer}" if finding.pointer \
            else str(finding.location.path)
        mark = "error" if finding.severity is Severity.ERROR else finding.severity.value
        click.echo(safe_line(f"{where}: {mark} [{finding.code}] {finding.message}"))
    dirty = sum(1 for found in results.values() if found)
    if findings:
        click.echo(f"\n{len(findings)} finding{'s' if len(findings) != 1 else ''} in {dirty} of "
                   f"{len(results)} versions and "
                   f"{sum(1 for found in manifests.values() if found)} of {len(manifests)} "
                   "manifests.")
        return 1
    verb = "versions follow" if len(results) != 1 else "version follows"
    click.echo(f"{len(results)} {verb} the house rules, and {len(manifests)} "
               f"manifest{'s' if len(manifests) != 1 else ''} the lifecycle.")
    return 0


@click.command("lock")
@click.option("--check", is_flag=True,
              help="Only compare: exit 1 naming each released file that changed, appeared or "
                   "vanished since the lock was written.")
@click.option("--force", is_flag=True,
              help="Rewrite hashes of versions already locked (only for a version nobody uses).")
@STANDARDS_DIR
def lock_command(check: bool, force: bool, standards_dir: Path | None) -> int:
    """Record (or, with --check, verify) the hashes of every released version's files."""
    from lgstandards.lock import check_lock, lock_path, write_lock

    cat = _catalogue(standards_dir)
    if check:
        if not lock_path(cat).is_file():
            click.echo(f"There is no lock yet at {lock_path(cat)}: run `lgstandards lock` to "
                       "record the released versions.")
            return 1
        changes = check_lock(cat)
        for change in changes:
            click.echo(f"{change.kind}: {change.version}/{change.path}")
        if changes:
            one = len(changes) == 1
            click.echo(f"\n{len(changes)} released file{'' if one else 's'} "
                       f"differ{'s' if one else ''} from {lock_path(cat)}. Released versions "
                       "must not change: publish a new version, or run `lgstandards lock` to "
                       "record a new release.")
            return 1
        click.echo(f"Every released file matches {lock_path(cat)}.")
        return 0
    changes = write_lock(cat, force=force)
    for change in changes:
        click.echo(f"{change.kind}: {change.version}/{change.path}")
    click.echo(f"Wrote {lock_path(cat)} ({len(changes)} change{'s' if len(changes) != 1 else ''}).")
    return 0
