"""Shared fixtures: the installed catalogue and a way to build small catalogues on disk."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from lgstandards.registry import Catalogue, catalogue

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def cat() -> Catalogue:
    """Return the catalogue of the standards in this checkout."""
    return catalogue()


MakeCatalogue = Callable[[dict[str, Any]], Catalogue]


@pytest.fixture
def make_catalogue(tmp_path: Path) -> MakeCatalogue:
    """Return a function that writes manifests (id -> dict) and reads them as a catalogue."""

    def make(manifests: dict[str, Any]) -> Catalogue:
        (tmp_path / "registry.json").write_text(json.dumps({"base_uri": "https://example.org/s/"}))
        for standard_id, manifest in manifests.items():
            folder = tmp_path / standard_id
            folder.mkdir(parents=True, exist_ok=True)
            text = manifest if isinstance(manifest, str) else json.dumps(manifest)
            (folder / "standard.json").write_text(text)
        return Catalogue(tmp_path)

    return make
