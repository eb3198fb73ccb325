"""What keeps the web validator safe to host: anti-forgery tokens and the headers on every page.

Forms carry a signed double-submit token: the same random value in a cookie and in a hidden field,
signed with the server's key so a value planted in the cookie by a neighbouring site is refused.
Every response gets a strict content security policy (nothing but this origin's own files, no
inline script, no framing) and headers that stop sniffing and referrers.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import secrets
from collections.abc import Mapping
from urllib.parse import urlsplit

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

#: The cookie and the form field that carry the anti-forgery token.
CSRF_COOKIE = "lgstandards_csrf"
CSRF_FIELD = "csrf_token"

#: The policy of every page the app writes itself: only its own scripts, styles and images.
CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")

#: Headers sent with every response.
HEADERS: Mapping[str, str] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}


def _sign(secret: str, nonce: str) -> str:
    """Return the signature of a token's random part."""
    digest = hmac.new(secret.encode(), nonce.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def new_token(secret: str) -> str:
    """Return a fresh anti-forgery token: a random value and its signature."""
    nonce = secrets.token_urlsafe(24)
    return f"{nonce}.{_sign(secret, nonce)}"


def token_is_signed(secret: str, token: str | None) -> bool:
    """Say whether a token was made by this server (its signature matches its random part)."""
    if not token or token.count(".") != 1 or len(token) > 200:
        return False
    nonce, signature = token.split(".")
    return hmac.compare_digest(signature, _sign(secret, nonce))


def token_matches(secret: str, cookie: str | None, submitted: str | None) -> bool:
    """Say whether a form's token equals its cookie's and was made by this server."""
    if not cookie or not submitted:
        return False
    return hmac.compare_digest(cookie.encode(), submitted.encode()) and token_is_signed(
        secret, cookie
    )


def cross_site(headers: Mapping[str, str]) -> bool:
    """Say whether the browser says a request came from another site (Origin or Sec-Fetch-Site)."""
    if headers.get("sec-fetch-site", "") == "cross-site":
        return True
    origin = headers.get("origin")
    # 'null' says nothing: with Referrer-Policy no-referrer, browsers send it for this site's own
    # forms too. The signed token is the real defence; this is a second, cheaper one.
    if origin and origin != "null":
        # Only the host and port are compared: behind a TLS proxy the app sees plain http.
        return urlsplit(origin).netloc.lower() != headers.get("host", "").lower()
    return False


def owner_of(token: str | None) -> str | None:
    """Return who a report belongs to: a hash of the browser's token (the token is never kept)."""
    if not token:
        return None
    return hashlib.sha256(token.encode()).hexdigest()


class SecurityHeaders:
    """ASGI middleware adding the security headers to every response that lacks them."""

    def __init__(self, app: ASGIApp) -> None:
        """Wrap an ASGI app."""
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Add the headers as the response starts."""
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            """Add each header the response has not set itself (a report sets its own policy)."""
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if "cache-control" not in headers:
                    # Pages hold anti-forgery tokens and reports hold data: never cache them.
                    headers["cache-control"] = "no-store"
            await send(message)

        await self.app(scope, receive, send_with_headers)
