"""Typed pydantic models of every standard version, generated from the schemas.

`model_for("waste-property-schedule@2")` returns the record model of the version a selector
names, chosen as the registry chooses it (`id` the default version, `id@1` the latest 1.x,
`id@1.0.0` exactly). Each version is also a module of its own, such as
`lgstandards.models.waste_property_schedule.v2_0_0`. `python -m lgstandards.models.build`
regenerates them; docs/models.md says what a model checks and what only `validate` does.
"""

from __future__ import annotations

import importlib

from lgstandards.errors import StandardNotFoundError
from lgstandards.models._index import MODELS
from lgstandards.models.base import StandardModel
from lgstandards.registry import Catalogue, catalogue

__all__ = ["StandardModel", "model_for", "modelled"]


def modelled() -> tuple[str, ...]:
    """Return every version that has a model, as `id@x.y.z`."""
    return tuple(MODELS)


def model_for(
    selector: str, *, allow_draft: bool = False, registry: Catalogue | None = None
) -> type[StandardModel]:
    """Return the record model of the version `id`, `id@1`, `id@1.2` or `id@1.2.3` names."""
    version = (registry or catalogue()).select(selector, allow_draft=allow_draft)
    found = MODELS.get(version.ref)
    if found is None:
        raise StandardNotFoundError(
            f"{version.ref} has no typed model; the models are regenerated from the schemas with "
            "`python -m lgstandards.models.build`"
        )
    module, name = found
    model = getattr(importlib.import_module(module), name)
    if not (isinstance(model, type) and issubclass(model, StandardModel)):
        raise StandardNotFoundError(f"{module}.{name} is not the model of {version.ref}")
    return model
