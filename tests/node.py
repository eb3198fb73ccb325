"""The npm packages the tests use, installed once into a cache.

They are ajv and ajv-formats, axe-core, json-schema-to-typescript and typescript (tsc). `npm ci`
installs exactly what tests/js/package-lock.json pins into a cache folder named after the
lockfile, reused by later runs. `.ci/run` calls `python -m tests.node` before the tests so an
install failure shows on its own; the tests call `node_prefix()`, which installs only if needed.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
from pathlib import Path

import pytest

JS = Path(__file__).resolve().parent / "js"


def node_cache() -> Path:
    """Return the folder the packages are installed into, one per version of the lockfile."""
    lock = (JS / "package-lock.json").read_bytes() + (JS / "package.json").read_bytes()
    root = os.environ.get("LGSTANDARDS_NODE_CACHE") or str(Path.home() / ".cache" / "lgstandards")
    return Path(root) / f"node-{hashlib.sha256(lock).hexdigest()[:12]}"


def missing(tool: str) -> None:
    """Skip without Node, but fail in CI, where the JavaScript checks must run."""
    message = f"{tool} is not installed; these tests need Node.js 18+ and npm"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def install() -> Path:
    """Install the locked packages with `npm ci` unless already installed; return the folder."""
    target = node_cache()
    if (target / "node_modules" / ".lgstandards-installed").is_file():
        return target
    staging = target.with_name(target.name + f".tmp{os.getpid()}")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    for name in ("package.json", "package-lock.json"):
        shutil.copy(JS / name, staging / name)
    result = subprocess.run(
        ["npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts", "--loglevel=error"],
        cwd=staging, capture_output=True, text=True, timeout=300, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"npm ci failed:\n{result.stdout}\n{result.stderr}")
    # A marker written last: a folder left by an install that stopped half way is not reused.
    (staging / "node_modules" / ".lgstandards-installed").write_text("ok\n")
    shutil.rmtree(target, ignore_errors=True)
    staging.rename(target)
    return target


def node_prefix() -> Path:
    """Return the installed packages' folder for a test, skipping (or failing in CI) without npm."""
    for tool in ("node", "npm"):
        if shutil.which(tool) is None:
            missing(tool)
    try:
        return install()
    except RuntimeError as exc:
        pytest.fail(str(exc))


if __name__ == "__main__":
    print(f"npm packages for the tests: {install()}")
