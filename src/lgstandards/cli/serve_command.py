"""`lgstandards serve`: run the web validator, for people who will not install Python."""

from __future__ import annotations

import click

from lgstandards.errors import LgstandardsError

#: The modules the web extra brings; the command names whichever is missing.
_WEB_MODULES = ("starlette", "uvicorn", "python_multipart")


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True,
              help="The address to listen on; 0.0.0.0 for every interface (as in a container).")
@click.option("--port", default=8000, show_default=True, type=click.IntRange(1, 65535),
              help="The port to listen on.")
def serve(host: str, port: int) -> None:
    """Run the web validator: upload files, check APIs and read the standards in a browser.

    Limits and switches are set with LGSTANDARDS_WEB_* environment variables (docs/web.md).
    Needs the web extra: pip install 'lgstandards[web]'.
    """
    import importlib.util

    missing = [name for name in _WEB_MODULES if importlib.util.find_spec(name) is None]
    if missing:
        raise LgstandardsError(
            "`lgstandards serve` needs the web extra, which is not installed "
            f"({', '.join(missing)} missing); install it with: pip install 'lgstandards[web]'"
        )
    from lgstandards.web.server import run

    run(host, port)
