"""The base class of every generated model."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class StandardModel(BaseModel):
    """A record, or a part of one, of an lgstandards standard version."""

    # A field whose JSON name is not a Python name (`$schema`) is written under its JSON name,
    # so `model_dump(mode="json")` gives a record the standard accepts.
    model_config = ConfigDict(serialize_by_alias=True)
