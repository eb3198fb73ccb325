"""`lgstandards release`: every check a version must pass to be released, then its status and date.

A release is planned first, without writing anything: the diff against its predecessor (the
number must be at least what the changes need), the house rules, the examples, the changelog, the
lock (no released file changed) and the lifecycle of the manifest as it would be afterwards.
A plan with reasons is refused; a plan without is applied by writing `standard.json` and, for a
published version, its hashes into `lock.json`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from lgstandards.development import lifecycle
from lgstandards.development.examples import check_example, example_checker, example_problems
from lgstandards.development.manifest_file import dump_manifest, read_raw
from lgstandards.errors import LgstandardsError
from lgstandards.files import write_text
from lgstandards.lint import lint_version
from lgstandards.lock import (
    Lock,
    LockError,
    check_lock,
    compute_lock,
    lock_path,
    read_lock,
    version_hashes,
)
from lgstandards.manifest import MalformedManifest
from lgstandards.registry import Catalogue, Manifest, StandardVersion, Status, VersionEntry

if TYPE_CHECKING:
    from lgstandards.development.diff import Diff


class ReleaseError(LgstandardsError):
    """A release cannot even be planned: an external standard, or files that cannot be written."""


class ReleaseRefused(LgstandardsError):
    """The release would lie or break a rule, so nothing was written; exit code 1."""

    exit_code = 1

    def __init__(self, reasons: tuple[str, ...]) -> None:
        """Keep every reason, for callers that list them."""
        super().__init__("the release was refused: " + "; ".join(reasons))
        self.reasons = reasons


@dataclass(frozen=True)
class ReleaseRequest:
    """What to release: a version of a standard, as what, on which day, and what it replaces."""

    standard: str
    version: str
    status: Status = Status.PUBLISHED
    on: date | None = None
    comment_until: date | None = None
    deprecate_previous: bool = False
    sunset: date | None = None
    note: str | None = None


@dataclass(frozen=True)
class ReleasePlan:
    """What a release would do, and every reason it may not."""

    request: ReleaseRequest
    on: date
    previous: str | None = None
    diff: Diff | None = None
    bootstrap: bool = False
    reasons: tuple[str, ...] = ()
    actions: tuple[str, ...] = ()
    #: The new text of `standard.json`, and of `lock.json` when the lock changes.
    texts: Mapping[Path, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def ok(self) -> bool:
        """Return whether the release may go ahead."""
        return not self.reasons


def changelog_problems(path: Path, version: str, on: date) -> tuple[str, ...]:
    """Return why a changelog does not record a version released on a day, or nothing."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return (f"{path} does not exist: add it with a `## [{version}] - {on.isoformat()}` "
                "section saying what changed and why the number is what it is",)
    except (OSError, UnicodeDecodeError) as exc:
        return (f"{path}: cannot read: {exc}",)
    escaped = re.escape(version)
    heading = re.search(rf"^## \[{escaped}\](?: - (?P<date>.*?))?\s*$", text, re.MULTILINE)
    problems = []
    if heading is None:
        problems.append(f"{path} has no section for {version}: add "
                        f"`## [{version}] - {on.isoformat()}` saying what changed and why the "
                        "number is what it is")
    elif heading["date"] != on.isoformat():
        problems.append(f"{path} dates {version} {heading['date'] or '(no date)'}; the release "
                        f"is on {on.isoformat()}: write `## [{version}] - {on.isoformat()}`")
    if not re.search(rf"^\[{escaped}\]: \S+", text, re.MULTILINE):
        problems.append(f"{path} has no link for {version}: add `[{version}]: <its schema's "
                        "address>` at the end")
    return tuple(problems)


def _refuse_layer(cat: Catalogue, layer_id: str) -> None:
    """Raise ReleaseError naming the way to release an extension or profile, if the id is one."""
    from lgstandards.development.extensions import article, extensions

    layer = next((m for m in extensions(cat).manifests if m.id == layer_id), None)
    if layer is None:
        return
    raise ReleaseError(
        f"{layer_id} is {article(layer.kind)} of {layer.base}, and `release` releases standards; "
        f"release its version by hand: list it in its extension.json, make `lgstandards lint "
        f"{layer_id}` clean, set its status and released date, then run `lgstandards lock` "
        "(docs/extensions.md, 'Releasing')"
    )


def _refuse_unlisted(request: ReleaseRequest, on: date, manifest: Manifest) -> ReleasePlan:
    """Return the plan of a release whose version the manifest does not list."""
    listed = ", ".join(e.version for e in manifest.versions)
    return ReleasePlan(request, on, reasons=(
        f"{manifest.id} does not list {request.version} (it lists {listed}): add "
        f'{{"version": "{request.version}", "status": "draft"}} to its standard.json while you '
        "write it, then release it",
    ))


def _compare(cat: Catalogue, before: StandardVersion, after: StandardVersion
             ) -> tuple[Diff | None, list[str]]:
    """Return the diff of a version against its predecessor, and why the number lies, if it does."""
    from lgstandards.development.diff import diff_versions, number_problem

    try:
        diff = diff_versions(before, after, cat)
    except LgstandardsError as exc:
        return None, [f"cannot compare {after.ref} with {before.version}: {exc}"]
    problem = number_problem(diff, before.version, after.version)
    if problem is None:
        return diff, []
    # The engine's sentence names one change; when more need the bump, name them all (up to 5).
    needing = [c for c in diff.changes if c.bump == diff.bump]
    if len(needing) < 2:
        return diff, [problem]
    listed = "; ".join(f"{c.pointer or '/'}: {c.description}" for c in needing[:5])
    more = f"; and {len(needing) - 5} more" if len(needing) > 5 else ""
    return diff, [f"{problem} The changes that need it: {listed}{more}."]


def _kept_examples(cat: Catalogue, before: StandardVersion, after: StandardVersion
                   ) -> list[str]:
    """Return why a MINOR or PATCH version refuses a valid example of the version before it."""
    claimed = lifecycle.claimed_bump(before.version, after.version)
    if claimed == "major" or not before.schema_path.is_file():
        return []
    checker = example_checker(after, cat)
    return [
        f"examples: a valid example of {before.version} is refused by {after.version}, which as a "
        f"{claimed} version must accept it: {problem}"
        for path in before.example_files("valid")
        for problem in check_example(checker, path, "valid").problems
    ]


def _promotion(manifest: Manifest, entry: VersionEntry, on: date
               ) -> tuple[bool, list[str], list[str]]:
    """Return (bootstrap, reasons, actions) for publishing a draft or a candidate."""
    reasons: list[str] = []
    actions: list[str] = []
    ref = f"{manifest.id}@{entry.version}"
    if entry.status is Status.CANDIDATE and entry.comment_until is not None \
            and on <= entry.comment_until:
        reasons.append(f"{ref}'s comment period runs until {entry.comment_until.isoformat()}: "
                       "publish it after that day")
    if not manifest.adopters:
        actions.append(f"publish {ref} under the bootstrap rule (GOVERNANCE.md): no adopter has "
                       "evidenced conformance to any version yet, so the maintainers publish it "
                       "and it is shown as published without adopters")
        return True, reasons, actions
    found = lifecycle.adoption(manifest, entry.version)
    if entry.status is not Status.CANDIDATE:
        reasons.append(f"{ref} is a draft and {manifest.id} has adopters: release it as a "
                       "candidate for comment first")
    elif not found.promotes:
        reasons.append(
            f"{ref} has conformance evidenced by {found.describe()}; promotion needs "
            f"{lifecycle.PROMOTION_COUNCILS} councils and {lifecycle.PROMOTION_SUPPLIERS} "
            "supplier (GOVERNANCE.md): add them to the manifest's adopters with their statements"
        )
    else:
        actions.append(f"publish {ref}, evidenced by {found.describe()}")
    return False, reasons, actions


def plan_release(cat: Catalogue, request: ReleaseRequest, *, today: date) -> ReleasePlan:
    """Return what releasing a version would do and every reason it may not; write nothing."""
    on = request.on or today
    _refuse_layer(cat, request.standard)
    manifest = cat.manifest(request.standard)
    if manifest.external:
        raise ReleaseError(f"{manifest.id} is an external standard: its owner releases it, not "
                           "lgstandards")
    entry = next((e for e in manifest.versions if e.version == request.version), None)
    if entry is None:
        return _refuse_unlisted(request, on, manifest)
    if request.status not in (Status.CANDIDATE, Status.PUBLISHED):
        raise ReleaseError(f"a release makes a version a candidate or published, not "
                           f"{request.status.value}")
    ref = f"{manifest.id}@{entry.version}"
    version = cat.version(manifest, entry)
    reasons: list[str] = []
    actions: list[str] = []
    problem = lifecycle.transition_problem(entry.status, request.status)
    if problem is not None:
        reasons.append(f"{ref}: {problem}")
    if on > today:
        reasons.append(f"the release date {on.isoformat()} is after today ({today.isoformat()})")
    if not version.schema_path.is_file() and version.openapi_path is None:
        reasons.append(f"{version.folder} has no schema.json or openapi.json")

    # The number tells the truth about what changed since the version before it.
    before_entry = lifecycle.predecessor(manifest, entry.version)
    diff: Diff | None = None
    if before_entry is None:
        actions.append(f"release {ref} as the first version, with nothing to compare it with")
    elif version.schema_path.is_file() or version.openapi_path is not None:
        diff, lies = _compare(cat, cat.version(manifest, before_entry), version)
        reasons.extend(lies)
        if diff is not None:
            actions.append(f"compare it with {before_entry.version}: {len(diff.changes)} "
                           f"change{'s' if len(diff.changes) != 1 else ''}, which need a "
                           f"{diff.bump} release")

    # The house rules and the examples.
    if version.schema_path.is_file():
        reasons.extend(
            f"lint: {f.location.path}#{f.pointer} [{f.code}] {f.message}"
            for f in lint_version(version, cat)
        )
        reasons.extend(f"examples: {p}" for p in example_problems(version, cat))
        if before_entry is not None:
            reasons.extend(_kept_examples(cat, cat.version(manifest, before_entry), version))
    reasons.extend(changelog_problems(cat.root / manifest.id / "CHANGELOG.md", entry.version, on))

    # Released files are unchanged since they were locked.
    try:
        locked = read_lock(lock_path(cat))
        reasons.extend(
            f"a released version changed: {c.describe()}" for c in check_lock(cat)
            if locked is not None and c.version in locked.versions
        )
    except LockError as exc:
        reasons.append(str(exc))
        locked = None

    bootstrap = False
    if request.status is Status.PUBLISHED and entry.status in (Status.DRAFT, Status.CANDIDATE):
        bootstrap, more, done = _promotion(manifest, entry, on)
        reasons.extend(more)
        actions.extend(done)

    # The manifest as it would be, checked against the lifecycle.
    raw = read_raw(cat.root / manifest.id / "standard.json")
    changed = _changed_manifest(raw, manifest, entry, request, on, reasons, actions)
    texts: dict[Path, str] = {cat.root / manifest.id / "standard.json": dump_manifest(changed)}
    lock = _new_lock(locked if locked is not None else compute_lock(cat), version,
                     request.status)
    if lock is not None:
        texts[lock_path(cat)] = lock.to_json()
        actions.append(f"record the sha256 of {len(lock.versions[_key(version)])} files of "
                       f"{ref} in {lock_path(cat).name}")
    try:
        after = Manifest.from_json(changed)
    except MalformedManifest as exc:
        reasons.extend(f"standard.json would be malformed: {p.message}" for p in exc.problems)
    else:
        others = {m.id: m for m in cat}
        reasons.extend(
            f"lifecycle: standard.json#{f.pointer} [{f.code}] {f.message}"
            for f in lifecycle.check_manifest(
                after, today=today, others=others,
                locked=lifecycle.locked_versions(lock or locked, manifest.id),
            )
        )
    return ReleasePlan(request, on, before_entry.version if before_entry else None, diff,
                       bootstrap, tuple(dict.fromkeys(reasons)), tuple(actions),
                       MappingProxyType(texts))


def _key(version: StandardVersion) -> str:
    """Return a version's key in the lock."""
    return f"{version.id}/{version.version}"


def _new_lock(locked: Lock, version: StandardVersion, status: Status) -> Lock | None:
    """Return the lock with a newly published version's hashes added, or None when unchanged."""
    if not status.released:
        return None  # A candidate may still change: it is locked when it is published.
    versions = dict(locked.versions)
    versions[_key(version)] = version_hashes(version)
    return Lock(MappingProxyType(dict(sorted(versions.items()))))


def _changed_manifest(raw: dict[str, Any], manifest: Manifest, entry: VersionEntry,
                      request: ReleaseRequest, on: date, reasons: list[str],
                      actions: list[str]) -> dict[str, Any]:
    """Return the raw manifest with the release (and any deprecation) made, noting each change."""
    ref = f"{manifest.id}@{entry.version}"
    versions = [dict(e) if isinstance(e, dict) else e for e in raw.get("versions", [])]
    by_version = {e.get("version"): e for e in versions if isinstance(e, dict)}
    target = by_version[entry.version]
    target["status"] = request.status.value
    target["released"] = on.isoformat()
    if request.status is Status.CANDIDATE:
        days = lifecycle.comment_days(manifest, entry.version)
        until = request.comment_until or on + timedelta(days=days)
        target["comment_until"] = until.isoformat()
        actions.append(f"open {ref} for comment from {on.isoformat()} until {until.isoformat()} "
                       f"(at least {days} days for its number)")
    elif entry.status is Status.DRAFT:
        target.pop("comment_until", None)  # Published without a comment period (bootstrap).
        actions.append(f"set {ref} to published, released {on.isoformat()}")
    else:
        actions.append(f"promote {ref} to published, released {on.isoformat()}")
    if request.deprecate_previous:
        _deprecate(manifest, entry, request, on, by_version, reasons, actions)
    elif request.sunset is not None or request.note is not None:
        reasons.append("--sunset and --note describe the deprecation of the previous version: "
                       "give --deprecate-previous too")
    return {**raw, "versions": versions}


def _deprecate(manifest: Manifest, entry: VersionEntry, request: ReleaseRequest, on: date,
               by_version: dict[Any, dict[str, Any]], reasons: list[str],
               actions: list[str]) -> None:
    """Deprecate the version before the one released, in the raw entries, noting what happens."""
    before = lifecycle.predecessor(manifest, entry.version)
    if request.status is not Status.PUBLISHED:
        reasons.append("only a published version replaces another: a candidate cannot deprecate "
                       "its predecessor")
        return
    if before is None:
        reasons.append(f"{manifest.id}@{entry.version} has no released predecessor to deprecate")
        return
    if before.status is not Status.PUBLISHED:
        reasons.append(f"{manifest.id}@{before.version} is {before.status.value}, not published: "
                       "only a published version is deprecated")
        return
    if request.sunset is None:
        reasons.append(f"deprecating {manifest.id}@{before.version} needs --sunset, the day "
                       "after which it may be retired")
        return
    old = by_version[before.version]
    old["status"] = Status.DEPRECATED.value
    old["deprecated_on"] = on.isoformat()
    old["sunset"] = request.sunset.isoformat()
    old["replaced_by"] = entry.version
    if request.note:
        old["notes"] = request.note
    actions.append(f"deprecate {manifest.id}@{before.version} from {on.isoformat()}, replaced by "
                   f"{entry.version}, sunset {request.sunset.isoformat()}")


def apply_release(plan: ReleasePlan) -> tuple[Path, ...]:
    """Write a release that may go ahead; refuse one with reasons, writing nothing."""
    if not plan.ok:
        raise ReleaseRefused(plan.reasons)
    written: list[Path] = []
    try:
        for path, text in plan.texts.items():
            if not path.is_file() or path.read_text(encoding="utf-8") != text:
                write_text(path, text)
                written.append(path)
    except OSError as exc:
        raise ReleaseError(f"cannot write {exc.filename}: {exc.strerror}") from None
    return tuple(written)
