"""Reading and writing `standard.json` as text, so tools change a manifest the way people write it.

Keys keep their order, and each version is one line of the `versions` list, so a release changes
the lines of the versions it touches and nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from lgstandards.errors import ManifestError
from lgstandards.registry import load_json_file


def read_raw(path: Path) -> dict[str, Any]:
    """Return a manifest as plain JSON values, in the order of its keys."""
    return load_json_file(path, ManifestError)


def dump_manifest(data: Mapping[str, Any]) -> str:
    """Return a manifest as text: two-space indent, one line per version, final newline."""
    lines: list[str] = []
    items = list(data.items())
    for index, (key, value) in enumerate(items):
        comma = "," if index < len(items) - 1 else ""
        if key == "versions" and isinstance(value, list) and value:
            entries = ",\n".join(f"    {json.dumps(e, ensure_ascii=False)}" for e in value)
            lines.append(f'  "versions": [\n{entries}\n  ]{comma}')
            continue
        text = json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n  ")
        lines.append(f"  {json.dumps(key, ensure_ascii=False)}: {text}{comma}")
    return "{\n" + "\n".join(lines) + "\n}\n"
