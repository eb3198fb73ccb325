"""Running the web validator with uvicorn: what `lgstandards serve` calls."""

from __future__ import annotations

import uvicorn

from lgstandards.web.app import create_app
from lgstandards.web.settings import Settings
from lgstandards.web.worker import warm_up


def run(host: str, port: int, settings: Settings | None = None) -> None:
    """Serve the web validator on host:port until interrupted."""
    settings = settings or Settings.from_environ()
    app = create_app(settings)
    # Start the checking processes' server now, so the first visitor does not wait for it.
    warm_up()
    uvicorn.run(
        app, host=host, port=port, log_level="info", server_header=False,
        # Behind a reverse proxy on the same machine, the visitor's address and scheme (https,
        # which marks the anti-forgery cookie Secure) come from its X-Forwarded-* headers.
        proxy_headers=True, forwarded_allow_ips="127.0.0.1",
        # Bounded: a flood of connections is turned away with 503s rather than exhausting memory.
        limit_concurrency=200, timeout_keep_alive=5, ws="none", lifespan="off",
    )
