"""The lock: the sha256 of every file of every released version, so released files never change."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Literal

from lgstandards.errors import LgstandardsError
from lgstandards.files import write_text
from lgstandards.registry import Catalogue, StandardVersion

#: The lock's file name, in the root of the standards folder.
LOCK_NAME = "lock.json"

#: The version of the lock file's shape.
LOCK_FORMAT = "1.0"

ChangeKind = Literal["changed", "added", "removed"]


class LockError(LgstandardsError):
    """The lock file cannot be read, or would be rewritten over changed released files."""


class LockRefused(LockError):
    """Released files changed, so the lock was not rewritten over them; exit code 1."""

    exit_code = 1

    def __init__(self, message: str, changes: tuple[LockChange, ...]) -> None:
        """Keep the changes that made the lock refuse, for callers that list them."""
        super().__init__(message)
        self.changes = changes


@dataclass(frozen=True, slots=True)
class LockChange:
    """One difference between the files of a released version and what the lock recorded."""

    kind: ChangeKind
    version: str
    path: str

    def describe(self) -> str:
        """Return the change as a sentence naming the file."""
        what = {
            "changed": "changed since it was locked",
            "added": "is not in the lock",
            "removed": "is in the lock but no longer exists",
        }[self.kind]
        return f"{self.version}/{self.path} {what}"


@dataclass(frozen=True)
class Lock:
    """Hashes of released files: `id/version` -> relative path -> sha256 hex digest."""

    versions: Mapping[str, Mapping[str, str]]

    def to_json(self) -> str:
        """Return the lock as stable JSON text: sorted keys, two-space indent, final newline."""
        data = {
            "format_version": LOCK_FORMAT,
            "algorithm": "sha256",
            "description": (
                "Hashes of every file of every released (published, deprecated or retired) "
                "version. Released versions never change: `lgstandards lock --check` fails when "
                "one does. Regenerate with `lgstandards lock` after releasing a new version."
            ),
            "versions": {key: dict(sorted(files.items())) for key, files in self.versions.items()},
        }
        return json.dumps(data, indent=2, sort_keys=True, ensure_ascii=False) + "\n"

    def diff(self, other: Lock) -> tuple[LockChange, ...]:
        """Return how `other` (the files now) differs from this lock, sorted by version and path."""
        changes: list[LockChange] = []
        for key in sorted(set(self.versions) | set(other.versions)):
            old = self.versions.get(key, {})
            new = other.versions.get(key, {})
            for path in sorted(set(old) | set(new)):
                if path not in new:
                    changes.append(LockChange("removed", key, path))
                elif path not in old:
                    changes.append(LockChange("added", key, path))
                elif old[path] != new[path]:
                    changes.append(LockChange("changed", key, path))
        return tuple(changes)


def version_files(folder: Path) -> Iterator[tuple[str, Path]]:
    """Yield (relative POSIX path, path) for every file in a version folder, in sorted order."""
    if not folder.is_dir():
        return
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        # Editor and OS droppings (.DS_Store, .swp) are not part of a standard.
        if path.is_file() and not any(part.startswith(".") for part in relative.parts):
            yield relative.as_posix(), path


def sha256_file(path: Path) -> str:
    """Return the sha256 hex digest of a file's bytes."""
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


def version_hashes(version: StandardVersion) -> Mapping[str, str]:
    """Return the hash of every file of one version, keyed by path relative to its folder."""
    return MappingProxyType({rel: sha256_file(path) for rel, path in version_files(version.folder)})


def compute_lock(cat: Catalogue) -> Lock:
    """Return the lock of the catalogue as it is now: every released version's file hashes.

    Released versions of the registry's extensions and profiles are locked too, under
    `extensions/<id>/<version>` and `profiles/<id>/<version>`.
    """
    from lgstandards.development.extensions import FOLDERS, extensions

    versions = {
        f"{v.id}/{v.version}": version_hashes(v) for v in cat.versions() if v.status.released
    }
    for layer in extensions(cat).versions():
        if layer.status.released:
            versions[f"{FOLDERS[layer.kind]}/{layer.id}/{layer.version}"] = MappingProxyType(
                {rel: sha256_file(path) for rel, path in version_files(layer.folder)}
            )
    return Lock(MappingProxyType(dict(sorted(versions.items()))))


def lock_path(cat: Catalogue) -> Path:
    """Return where the catalogue's lock file lives."""
    return cat.root / LOCK_NAME


def read_lock(path: Path) -> Lock | None:
    """Read a lock file, returning None when there is none yet."""
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise LockError(f"{path}: cannot read the lock: {exc}") from None
    versions = raw.get("versions") if isinstance(raw, dict) else None
    if not isinstance(versions, dict) or not all(
        isinstance(files, dict) and all(isinstance(h, str) for h in files.values())
        for files in versions.values()
    ):
        raise LockError(f"{path}: malformed lock: expected 'versions' -> version -> file -> hash")
    return Lock(MappingProxyType({str(k): MappingProxyType(dict(v)) for k, v in versions.items()}))


def check_lock(cat: Catalogue) -> tuple[LockChange, ...]:
    """Return every change to released files since the catalogue's lock was written."""
    locked = read_lock(lock_path(cat)) or Lock(MappingProxyType({}))
    return locked.diff(compute_lock(cat))


def write_lock(cat: Catalogue, *, force: bool = False) -> tuple[LockChange, ...]:
    """Write the catalogue's lock and return what it records anew.

    Newly released versions are simply added. A file of an already locked version that changed
    or vanished is refused unless `force` is given, because released files must never change.
    """
    path = lock_path(cat)
    locked = read_lock(path) or Lock(MappingProxyType({}))
    current = compute_lock(cat)
    changes = locked.diff(current)
    tampered = tuple(c for c in changes if c.version in locked.versions)
    if tampered and not force:
        listed = "; ".join(c.describe() for c in tampered)
        raise LockRefused(
            f"released files differ from the lock, so it was not rewritten: {listed}. Released "
            "versions must not change: publish a new version instead, or pass --force if this "
            "version was never used",
            tampered,
        )
    text = current.to_json()
    try:
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            write_text(path, text)
    except OSError as exc:
        raise LockError(f"cannot write {path}: {exc.strerror}") from None
    return changes
