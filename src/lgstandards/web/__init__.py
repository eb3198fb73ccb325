"""The web validator behind `lgstandards serve`: pages, a JSON API and the limits that make it safe.

This package needs the `web` extra (Starlette, uvicorn, python-multipart). The rest of lgstandards
never imports it, so the library and the command line work without those packages.
"""

from __future__ import annotations

from lgstandards.web.app import create_app
from lgstandards.web.settings import Settings

__all__ = ["Settings", "create_app"]
