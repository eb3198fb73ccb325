"""Open pages in the system's headless Chromium for tests, and report what the browser saw.

Tests import this helper rather than driving playwright themselves, so every browser test launches
Chromium the same way: the Debian package at /usr/bin/chromium (never a downloaded browser), no
sandbox (CI runs as root in a container), and no request ever leaving the machine.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

# Flags keep Chromium from phoning home (updates, sync, field trials) so a test run makes no
# network traffic of its own and failed_requests only lists what the page itself asked for.
LAUNCH_ARGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
)

# Schemes and hosts a page may load from; anything else is aborted and listed in failed_requests.
LOCAL_SCHEMES = frozenset({"file", "data", "blob", "about"})
LOCAL_HOSTS = frozenset({"127.0.0.1", "localhost", "[::1]", "::1"})

CANDIDATES = ("/usr/bin/chromium", "/usr/bin/chromium-browser")


@dataclass(frozen=True)
class RenderResult:
    """What a headless browser saw after loading one page."""

    url: str
    title: str
    html: str
    console_errors: tuple[str, ...]
    page_errors: tuple[str, ...]
    failed_requests: tuple[str, ...]
    requests: tuple[str, ...]
    links: tuple[str, ...]
    counts: tuple[tuple[str, int], ...] = field(default=())

    def count(self, selector: str) -> int:
        """Return how many elements matched a selector that was passed to render(count=...)."""
        for known, number in self.counts:
            if known == selector:
                return number
        raise KeyError(f"{selector!r} was not counted; pass it to render(count=...)")

    @property
    def external_requests(self) -> tuple[str, ...]:
        """Return the requests that would have left the machine (they were blocked)."""
        return tuple(url for url in self.requests if not is_local(url))


def is_local(url: str) -> bool:
    """Say whether a URL stays on this machine (a file, inline data or a loopback server)."""
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES or url.startswith(("about:", "data:", "blob:")):
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and (parts.hostname or "") in {
        host.strip("[]") for host in LOCAL_HOSTS
    }


def chromium_path() -> str | None:
    """Return the path of the system's Chromium, or None when it is not installed."""
    override = os.environ.get("LGSTANDARDS_CHROMIUM")
    if override:
        return override if Path(override).is_file() else None
    found = shutil.which("chromium") or shutil.which("chromium-browser")
    if found:
        return found
    return next((path for path in CANDIDATES if Path(path).is_file()), None)


def require_chromium() -> str:
    """Return Chromium's path; skip the test without it, but fail under CI, which installs it."""
    path = chromium_path()
    problem = None
    if path is None:
        problem = "Chromium is not installed (apt-get install chromium)"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "playwright is not installed (pip install -e '.[test]')"
    if problem is None and path is not None:
        return path
    if os.environ.get("CI"):
        pytest.fail(f"{problem}; CI must run the browser tests")
    pytest.skip(problem or "no browser")


def render(url: str, *, count: Iterable[str] = (), timeout_ms: int = 30_000) -> RenderResult:
    """Load a URL in headless Chromium and return its title, HTML, links, errors and counts."""
    from playwright.sync_api import ConsoleMessage, Request, Route, sync_playwright

    executable = require_chromium()
    selectors = tuple(dict.fromkeys(count))
    console_errors: list[str] = []
    page_errors: list[str] = []
    failed: list[str] = []
    requested: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        """Keep console errors (warnings and logs are not failures)."""
        if message.type == "error":
            console_errors.append(message.text)

    def on_page_error(error: Exception) -> None:
        """Keep uncaught exceptions thrown by the page's scripts."""
        page_errors.append(str(error))

    def on_request_failed(request: Request) -> None:
        """Keep requests that did not complete, including those blocked below."""
        failed.append(request.url)

    def route(route: Route) -> None:
        """Let local requests through and abort anything that would reach the network."""
        requested.append(route.request.url)
        if is_local(route.request.url):
            route.continue_()
        else:
            route.abort("blockedbyclient")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=executable, args=list(LAUNCH_ARGS), headless=True
        )
        try:
            page = browser.new_page()
            page.set_default_timeout(timeout_ms)
            page.on("console", on_console)
            page.on("pageerror", on_page_error)
            page.on("requestfailed", on_request_failed)
            page.route("**/*", route)
            page.goto(url, wait_until="load")
            # Let scripts that run after load (charts drawn on DOMContentLoaded or later) settle.
            page.wait_for_load_state("networkidle")
            links = tuple(
                page.eval_on_selector_all(
                    "a[href]", "els => els.map(e => e.getAttribute('href'))"
                )
            )
            counts = tuple(
                (selector, int(page.eval_on_selector_all(selector, "els => els.length")))
                for selector in selectors
            )
            result = RenderResult(
                url=url,
                title=page.title(),
                html=page.content(),
                console_errors=tuple(console_errors),
                page_errors=tuple(page_errors),
                failed_requests=tuple(failed),
                requests=tuple(requested),
                links=links,
                counts=counts,
            )
        finally:
            browser.close()
    return result
