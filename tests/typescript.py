"""Regenerate the committed TypeScript types of every schema with json-schema-to-typescript.

`python -m tests.typescript [STANDARDS_DIR]` rewrites `standards/types/` from the schemas (drafts
included), with the generator pinned in tests/js/package-lock.json, and removes files of schemas
that no longer exist. The drift test calls `generate` and compares its output with the committed
files. Node is needed here only: `lgstandards publish` copies the committed files.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from lgstandards.development.typescript import TYPES_FOLDER, TypeSource, sources, types_path
from lgstandards.registry import Catalogue
from tests.node import JS, install


def generate(chosen: list[TypeSource], prefix: Path) -> dict[str, str]:
    """Return the generated types of each schema by key, from one Node process."""
    jobs = [{"key": s.key, "banner": s.banner(), "schema": s.generator_input()} for s in chosen]
    result = subprocess.run(
        ["node", str(JS / "json2ts.cjs"), str(prefix)],
        input=json.dumps(jobs), capture_output=True, text=True, timeout=300, check=False,
    )
    if result.returncode != 0:
        raise RuntimeError(f"json2ts.cjs failed:\n{result.stderr}")
    generated: dict[str, str] = json.loads(result.stdout)
    return generated


def write(cat: Catalogue, prefix: Path) -> tuple[int, list[Path]]:
    """Rewrite the committed types of a catalogue; return the count written and files removed."""
    generated = generate(sources(cat), prefix)
    wanted = {types_path(cat.root, key) for key in generated}
    for key, text in generated.items():
        path = types_path(cat.root, key)
        path.parent.mkdir(parents=True, exist_ok=True)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
    removed = sorted(p for p in (cat.root / TYPES_FOLDER).rglob("*.d.ts") if p not in wanted)
    for path in removed:
        path.unlink()
    return len(generated), removed


if __name__ == "__main__":
    # An optional argument names another standards folder, as `--standards-dir` does.
    catalogue = Catalogue(Path(sys.argv[1]) if len(sys.argv) > 1 else None)
    count, gone = write(catalogue, install())
    print(f"TypeScript types of {count} schemas in {catalogue.root / TYPES_FOLDER}"
          + "".join(f"\nremoved {p}" for p in gone))
    sys.exit(0)
