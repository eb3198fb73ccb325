"""The MISSING sentinel that the generated models use for a field left out."""

from __future__ import annotations

import pydantic

try:
    from pydantic import MISSING
except ImportError as exc:  # The rest of lgstandards works with pydantic 2.7 and newer.
    raise ImportError(
        f"lgstandards.models needs pydantic 2.14 or newer; pydantic {pydantic.VERSION} is "
        "installed: `pip install -U 'pydantic>=2.14'`"
    ) from exc

__all__ = ["MISSING"]
