"""The lifecycle of a standard version: draft, candidate, published, deprecated, retired.

What a manifest may say about its versions' statuses and dates is checked here, as findings about
`standard.json`, so `lint`, `release` and the tests share one set of rules. Nothing here reads the
clock: every check is given `today`.
"""

from __future__ import annotations

import itertools
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from lgstandards.findings import Finding, Severity, SourceLocation
from lgstandards.registry import Catalogue, Manifest, StandardVersion, Status, VersionEntry

#: The bump a version needs or claims, as `lgstandards.development.diff` names it.
if TYPE_CHECKING:
    from lgstandards.lock import Lock

Bump = Literal["major", "minor", "patch", "none"]

#: The least time, in days, between deprecating a version and its sunset.
DEPRECATION_NOTICE_DAYS = 180

#: The least time, in days, a version replaced by a new major version stays supported: one prior
#: major version is supported for at least a year after its successor is published.
MAJOR_SUPPORT_DAYS = 365

#: The shortest comment period of a candidate, in days, by the bump its number claims.
COMMENT_DAYS: Mapping[Bump, int] = {"major": 30, "minor": 14, "patch": 7, "none": 7}

#: What promotes a candidate: this many councils and suppliers with evidenced conformance.
PROMOTION_COUNCILS = 2
PROMOTION_SUPPLIERS = 1

#: The status changes a release may make, from each status.
TRANSITIONS: Mapping[Status, frozenset[Status]] = {
    Status.DRAFT: frozenset({Status.CANDIDATE, Status.PUBLISHED}),
    Status.CANDIDATE: frozenset({Status.CANDIDATE, Status.PUBLISHED}),
    Status.PUBLISHED: frozenset({Status.DEPRECATED}),
    Status.DEPRECATED: frozenset({Status.RETIRED}),
    Status.RETIRED: frozenset(),
}

#: Every lifecycle code, with the rule it stands for.
CODES: Mapping[str, str] = {
    "lifecycle.released-reverted": (
        "A version in the lock (released) stays in its manifest with a released status: it never "
        "goes back to draft or candidate and never vanishes."
    ),
    "lifecycle.date-in-future": (
        "Release and deprecation dates are not after today; a retired version's sunset has passed."
    ),
    "lifecycle.dates-out-of-order": (
        "Dates follow the lifecycle: deprecated after released, and within a major version line "
        "a higher version is not released before a lower one."
    ),
    "lifecycle.status-order": (
        "A draft or candidate is numbered above every released version of its major version line."
    ),
    "lifecycle.misplaced-field": (
        "sunset, deprecated_on and replaced_by belong to deprecated and retired versions only."
    ),
    "lifecycle.comment-period": (
        "A candidate has a comment period (comment_until) at least as long as its bump needs, and "
        "a version is published only after its comment period ended."
    ),
    "lifecycle.deprecation-incomplete": (
        "A deprecated version names its sunset, its replacement (replaced_by) and when it was "
        "deprecated (deprecated_on); a retired version names its sunset."
    ),
    "lifecycle.short-notice": (
        "A deprecated version's sunset is far enough after its deprecation: 180 days, or 365 when "
        "the replacement is another major version."
    ),
    "lifecycle.bad-replacement": (
        "replaced_by names a released, higher version of this standard, or a released version of "
        "another standard."
    ),
    "lifecycle.no-owner-contact": "A standard names how to reach its owner (owner_contact).",
    "lifecycle.bad-adopter": "Each adopter's versions are versions of the standard.",
}

#: What a group of each code's findings is called in reports: what is wrong.
TITLES: Mapping[str, str] = {
    "lifecycle.released-reverted": "Released version reverted or removed",
    "lifecycle.date-in-future": "Date in the future",
    "lifecycle.dates-out-of-order": "Dates out of order",
    "lifecycle.status-order": "Draft numbered below a released version",
    "lifecycle.misplaced-field": "Deprecation field on a version that is not deprecated",
    "lifecycle.comment-period": "Comment period missing, too short or not over",
    "lifecycle.deprecation-incomplete": "Deprecation without sunset, replacement or date",
    "lifecycle.short-notice": "Sunset too soon after deprecation",
    "lifecycle.bad-replacement": "Replacement that is not a released, newer version",
    "lifecycle.no-owner-contact": "No way to reach the owner",
    "lifecycle.bad-adopter": "Adopter of an unknown version",
}

#: How to fix each code's findings.
FIXES: Mapping[str, str] = {
    code: "Change the manifest as docs/versioning.md describes; `lgstandards release` sets "
    "statuses and dates that follow the lifecycle."
    for code in CODES
}


def version_key(version: str) -> tuple[int, int, int]:
    """Return `x.y.z` as a tuple of integers for ordering."""
    major, minor, patch = (int(p) for p in version.split("."))
    return (major, minor, patch)


def claimed_bump(old_version: str | None, new_version: str) -> Bump:
    """Return the bump a version number claims over its predecessor (a first version is major)."""
    if old_version is None:
        return "major"
    # Imported here: the diff engine is heavy, and `list` and `show` use this module too.
    from lgstandards.development.diff import version_bump

    return version_bump(old_version, new_version)


def predecessor(manifest: Manifest, version: str) -> VersionEntry | None:
    """Return the highest released version numbered below `version`, the one it is compared to."""
    below = [
        e for e in manifest.versions
        if e.status.released and e.key < version_key(version)
    ]
    return max(below, key=lambda e: e.key, default=None)


def comment_days(manifest: Manifest, version: str) -> int:
    """Return the shortest comment period of a candidate, by the bump its number claims."""
    before = predecessor(manifest, version)
    return COMMENT_DAYS[claimed_bump(before.version if before else None, version)]


def notice_days(entry: VersionEntry, standard_id: str) -> int:
    """Return the least notice a deprecated version needs before its sunset."""
    replacement = entry.replaced_by or ""
    other, _, number = replacement.rpartition("@")
    if (other and other != standard_id) or (
        number and version_key(number)[0] != entry.key[0]
    ):
        return MAJOR_SUPPORT_DAYS
    return DEPRECATION_NOTICE_DAYS


def transition_problem(old: Status, new: Status) -> str | None:
    """Return why a version may not go from one status to another, or None when it may."""
    if new in TRANSITIONS[old]:
        return None
    allowed = ", ".join(sorted(s.value for s in TRANSITIONS[old])) or "nothing"
    return f"a {old.value} version cannot become {new.value} (it may become: {allowed})"


# -- adoption ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Adoption:
    """Who evidenced conformance to one version: the councils and suppliers its manifest names."""

    councils: tuple[str, ...]
    suppliers: tuple[str, ...]

    @property
    def promotes(self) -> bool:
        """Return whether the evidence meets the promotion criteria of GOVERNANCE.md."""
        return (len(self.councils) >= PROMOTION_COUNCILS
                and len(self.suppliers) >= PROMOTION_SUPPLIERS)

    def describe(self) -> str:
        """Return who adopted the version, as a phrase."""
        named = [*self.councils, *self.suppliers]
        return ", ".join(named) if named else "no adopter"


def adoption(manifest: Manifest, version: str) -> Adoption:
    """Return the adopters that evidenced conformance to one version of a standard."""
    chosen = [a for a in manifest.adopters if version in a.versions]
    return Adoption(
        tuple(a.name for a in chosen if a.kind == "council"),
        tuple(a.name for a in chosen if a.kind == "supplier"),
    )


def is_bootstrap(manifest: Manifest, entry: VersionEntry) -> bool:
    """Return whether a released version was published without the adopters that promote one.

    GOVERNANCE.md's bootstrap rule lets the maintainers publish versions while no adopter exists;
    such versions are shown as published "without adopters" wherever their status is shown.
    """
    if manifest.external or not entry.status.released:
        return False
    return not adoption(manifest, entry.version).promotes


#: What the bootstrap rule means, in one sentence, wherever a version is marked with it.
BOOTSTRAP_NOTE = (
    "Published without adopters: released by the maintainers under the bootstrap rule of "
    "GOVERNANCE.md, before two councils and a supplier evidenced conformance to it."
)


def status_label(manifest: Manifest, entry: VersionEntry) -> str:
    """Return a version's status as people read it, with its dates and the bootstrap mark."""
    label = entry.status.value
    if is_bootstrap(manifest, entry) and entry.status is Status.PUBLISHED:
        label += " without adopters"
    if entry.status is Status.CANDIDATE and entry.comment_until is not None:
        label += f", comments until {entry.comment_until.isoformat()}"
    if entry.status in (Status.DEPRECATED, Status.RETIRED):
        if entry.sunset is not None:
            label += f", sunset {entry.sunset.isoformat()}"
        if entry.replaced_by is not None:
            label += f", replaced by {entry.replaced_by}"
    return label


def replacement_ref(standard_id: str, entry: VersionEntry) -> str | None:
    """Return the `id@x.y.z` that replaces a version, or None when none is named."""
    if entry.replaced_by is None:
        return None
    return entry.replaced_by if "@" in entry.replaced_by else f"{standard_id}@{entry.replaced_by}"


def deprecation_message(version: StandardVersion) -> str:
    """Return the warning for data checked against a deprecated version: sunset and replacement."""
    entry = version.entry
    replacement = replacement_ref(version.id, entry)
    message = f"{version.ref} is deprecated"
    if entry.sunset is not None:
        message += f" and may be retired after {entry.sunset.isoformat()}"
    if replacement is not None:
        message += f": move to {replacement}."
    else:
        message += f": plan a move to a newer version of {version.id}."
    if entry.notes:
        message += f" {entry.notes}"
    return message


# -- checks --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Checker:
    """Everything one manifest's checks need: the manifest, today, the lock and the others."""

    manifest: Manifest
    today: date
    locked: frozenset[str]
    others: Mapping[str, Manifest]
    location: SourceLocation

    def finding(self, code: str, message: str, pointer: str = "") -> Finding:
        """Return an error about the manifest at a pointer."""
        return Finding(code, Severity.ERROR, message, pointer=pointer, location=self.location)

    def run(self) -> list[Finding]:
        """Return every finding about the manifest, in version order within each rule."""
        found = self._locked()
        if self.manifest.external:
            # Signposted standards: we record their owners' dates, not a lifecycle of ours.
            return found + [f for i, e in self._entries() for f in self._future(i, e)]
        if self.manifest.owner_contact is None:
            found.append(self.finding(
                "lifecycle.no-owner-contact",
                f"{self.manifest.id} names its owner ({self.manifest.owner}) but not how to "
                "reach them: add owner_contact (a web address, an email address, or where to "
                "open an issue).",
                "/owner_contact",
            ))
        for index, entry in self._entries():
            found.extend(self._future(index, entry))
            found.extend(self._fields(index, entry))
            found.extend(self._comment(index, entry))
            found.extend(self._deprecation(index, entry))
            found.extend(self._replacement(index, entry))
        found.extend(self._order())
        found.extend(self._adopters())
        return found

    def _entries(self) -> list[tuple[int, VersionEntry]]:
        return list(enumerate(self.manifest.versions))

    def _ref(self, entry: VersionEntry) -> str:
        return f"{self.manifest.id}@{entry.version}"

    def _locked(self) -> list[Finding]:
        found: list[Finding] = []
        listed = {e.version: (i, e) for i, e in self._entries()}
        for version in sorted(self.locked, key=version_key):
            if version not in listed:
                found.append(self.finding(
                    "lifecycle.released-reverted",
                    f"{self.manifest.id}@{version} is released (it is in the lock) but no longer "
                    "listed in the manifest: a released version is never removed.",
                    "/versions",
                ))
                continue
            index, entry = listed[version]
            if not entry.status.released:
                found.append(self.finding(
                    "lifecycle.released-reverted",
                    f"{self._ref(entry)} is released (it is in the lock) but its status is "
                    f"{entry.status.value}: a released version never goes back to draft or "
                    "candidate.",
                    f"/versions/{index}/status",
                ))
        return found

    def _future(self, index: int, entry: VersionEntry) -> list[Finding]:
        found: list[Finding] = []
        for name, value in (("released", entry.released), ("deprecated_on", entry.deprecated_on)):
            if value is not None and value > self.today and entry.status is not Status.DRAFT:
                found.append(self.finding(
                    "lifecycle.date-in-future",
                    f"{self._ref(entry)} says {name} {value.isoformat()}, after today "
                    f"({self.today.isoformat()}): record what has happened, not what is planned.",
                    f"/versions/{index}/{name}",
                ))
        if (entry.status is Status.RETIRED and entry.sunset is not None
                and entry.sunset >= self.today):
            found.append(self.finding(
                "lifecycle.date-in-future",
                f"{self._ref(entry)} is retired but its sunset ({entry.sunset.isoformat()}) has "
                f"not passed: it may be retired only after that day.",
                f"/versions/{index}/status",
            ))
        return found

    def _fields(self, index: int, entry: VersionEntry) -> list[Finding]:
        if entry.status in (Status.DEPRECATED, Status.RETIRED):
            return []
        present = [n for n in ("deprecated_on", "sunset", "replaced_by")
                   if getattr(entry, n) is not None]
        return [
            self.finding(
                "lifecycle.misplaced-field",
                f"{self._ref(entry)} is {entry.status.value} but has {name}, which only a "
                "deprecated or retired version has.",
                f"/versions/{index}/{name}",
            )
            for name in present
        ]

    def _comment(self, index: int, entry: VersionEntry) -> list[Finding]:
        pointer = f"/versions/{index}/comment_until"
        if entry.status is Status.CANDIDATE:
            if entry.comment_until is None:
                return [self.finding(
                    "lifecycle.comment-period",
                    f"{self._ref(entry)} is a candidate without a comment period: add "
                    "comment_until, the last day for comments.",
                    f"/versions/{index}",
                )]
            days = comment_days(self.manifest, entry.version)
            if entry.released is not None and entry.comment_until < entry.released + timedelta(
                days=days
            ):
                return [self.finding(
                    "lifecycle.comment-period",
                    f"{self._ref(entry)} is open for comment from {entry.released.isoformat()} "
                    f"until {entry.comment_until.isoformat()}, shorter than the {days} days its "
                    "version number needs.",
                    pointer,
                )]
            return []
        if (entry.status.released and entry.comment_until is not None
                and entry.released is not None and entry.comment_until >= entry.released):
            return [self.finding(
                "lifecycle.comment-period",
                f"{self._ref(entry)} was published on {entry.released.isoformat()}, before its "
                f"comment period ended ({entry.comment_until.isoformat()}).",
                pointer,
            )]
        return []

    def _deprecation(self, index: int, entry: VersionEntry) -> list[Finding]:
        if entry.status not in (Status.DEPRECATED, Status.RETIRED):
            return []
        needed = ["sunset"]
        if entry.status is Status.DEPRECATED:
            needed += ["replaced_by", "deprecated_on"]
        missing = [n for n in needed if getattr(entry, n) is None]
        found: list[Finding] = []
        if missing:
            found.append(self.finding(
                "lifecycle.deprecation-incomplete",
                f"{self._ref(entry)} is {entry.status.value} without "
                + " or ".join(missing)
                + ": say when it may be retired, what replaces it and when it was deprecated.",
                f"/versions/{index}",
            ))
        if (entry.deprecated_on is not None and entry.released is not None
                and entry.deprecated_on < entry.released):
            found.append(self.finding(
                "lifecycle.dates-out-of-order",
                f"{self._ref(entry)} was deprecated ({entry.deprecated_on.isoformat()}) before "
                f"it was released ({entry.released.isoformat()}).",
                f"/versions/{index}/deprecated_on",
            ))
        start = entry.deprecated_on or entry.released
        if entry.sunset is not None and start is not None:
            days = notice_days(entry, self.manifest.id)
            if entry.sunset < start + timedelta(days=days):
                found.append(self.finding(
                    "lifecycle.short-notice",
                    f"{self._ref(entry)}'s sunset ({entry.sunset.isoformat()}) is less than "
                    f"{days} days after it was deprecated ({start.isoformat()}): users need that "
                    "much notice to move.",
                    f"/versions/{index}/sunset",
                ))
        return found

    def _replacement(self, index: int, entry: VersionEntry) -> list[Finding]:
        if entry.replaced_by is None or entry.status not in (Status.DEPRECATED, Status.RETIRED):
            return []
        other, _, number = entry.replaced_by.rpartition("@")
        standard = self.manifest if not other or other == self.manifest.id else \
            self.others.get(other)
        target = None if standard is None else next(
            (e for e in standard.versions if e.version == number), None
        )
        problem = None
        if target is None:
            problem = "is not a listed version"
        elif not target.status.released:
            problem = f"is {target.status.value}, not released"
        elif standard is self.manifest and target.key <= entry.key:
            problem = "is not newer"
        if problem is None:
            return []
        return [self.finding(
            "lifecycle.bad-replacement",
            f"{self._ref(entry)} is replaced by {entry.replaced_by}, which {problem}: name a "
            "released, newer version.",
            f"/versions/{index}/replaced_by",
        )]

    def _order(self) -> list[Finding]:
        found: list[Finding] = []
        entries = self._entries()
        released = [(i, e) for i, e in entries if e.status.released]
        for index, entry in entries:
            if entry.status.released:
                continue
            above = [e for _, e in released if e.key[0] == entry.key[0] and e.key > entry.key]
            if above:
                found.append(self.finding(
                    "lifecycle.status-order",
                    f"{self._ref(entry)} is {entry.status.value} but {above[0].version} of the "
                    "same major version is already released: number it above every released "
                    "version.",
                    f"/versions/{index}/version",
                ))
        dated = sorted(((i, e) for i, e in released if e.released is not None),
                       key=lambda pair: pair[1].key)
        for (_, low), (index, high) in itertools.pairwise(dated):
            if (low.key[0] == high.key[0] and low.released is not None
                    and high.released is not None and high.released < low.released):
                found.append(self.finding(
                    "lifecycle.dates-out-of-order",
                    f"{self._ref(high)} was released ({high.released.isoformat()}) before "
                    f"{low.version} ({low.released.isoformat()}), a lower version of the same "
                    "major version.",
                    f"/versions/{index}/released",
                ))
        return found

    def _adopters(self) -> list[Finding]:
        listed = {e.version for e in self.manifest.versions}
        return [
            self.finding(
                "lifecycle.bad-adopter",
                f"adopter {adopter.name} names version {version}, which {self.manifest.id} does "
                "not list.",
                f"/adopters/{index}/versions",
            )
            for index, adopter in enumerate(self.manifest.adopters)
            for version in adopter.versions
            if version not in listed
        ]


def check_manifest(
    manifest: Manifest,
    *,
    today: date,
    locked: Collection[str] = (),
    others: Mapping[str, Manifest] | None = None,
    path: str | None = None,
) -> tuple[Finding, ...]:
    """Return every lifecycle finding about one manifest.

    `locked` holds the versions of this standard that the lock records as released; `others` the
    other manifests by id, for replacements in another standard; `path` where the manifest is.
    """
    return tuple(_Checker(
        manifest, today, frozenset(locked), others or {}, SourceLocation(path=path)
    ).run())


def locked_versions(lock: Lock | None, standard_id: str) -> frozenset[str]:
    """Return the versions of one standard that a lock records."""
    if lock is None:
        return frozenset()
    return frozenset(
        version for key in _standard_keys(lock) for sid, _, version in [key.partition("/")]
        if sid == standard_id
    )


def _standard_keys(lock: Lock) -> list[str]:
    """Return the lock's keys for standard versions (`id/version`), leaving out extensions'."""
    # Extensions and profiles are locked as `extensions/<id>/<version>`: they have a lifecycle
    # of their own, checked by the extension lint.
    return [key for key in lock.versions if key.count("/") == 1]


def check_catalogue(
    cat: Catalogue,
    *,
    today: date,
    standards: Iterable[str] | None = None,
    lock: Lock | None = None,
    display_root: Path | None = None,
) -> dict[str, tuple[Finding, ...]]:
    """Return the lifecycle findings of each standard (every one unless named), by id.

    The lock is the catalogue's own (`standards/lock.json`) unless one is given. A standard the
    lock names that has no manifest any more is reported under its id.
    """
    # Imported here: `list` and `show` use this module's labels, and need no lock.
    from lgstandards.lock import lock_path, read_lock

    locked = lock if lock is not None else read_lock(lock_path(cat))
    manifests = {m.id: m for m in cat}
    keys = _standard_keys(locked) if locked else []
    chosen = list(standards) if standards is not None else sorted(
        set(manifests) | {key.partition("/")[0] for key in keys}
    )
    results: dict[str, tuple[Finding, ...]] = {}
    for standard_id in chosen:
        path = cat.root / standard_id / "standard.json"
        shown = _shown(path, display_root)
        manifest = manifests.get(standard_id)
        if manifest is None:
            versions = sorted(locked_versions(locked, standard_id), key=version_key)
            results[standard_id] = tuple(
                Finding("lifecycle.released-reverted", Severity.ERROR,
                        f"{standard_id}@{v} is released (it is in the lock) but its standard "
                        "has no manifest any more: a released version is never removed.",
                        location=SourceLocation(path=shown))
                for v in versions
            )
            continue
        results[standard_id] = check_manifest(
            manifest, today=today, locked=locked_versions(locked, standard_id),
            others=manifests, path=shown,
        )
    return results


def _shown(path: Path, root: Path | None) -> str:
    """Return a path relative to the display root when it is inside it."""
    if root is not None:
        try:
            return path.resolve().relative_to(root.resolve()).as_posix()
        except ValueError:
            pass
    return path.as_posix()
