"""The web validator in a real browser: each journey in the system's Chromium, checked with axe.

The service and the reference API server run on loopback; Chromium (through playwright) uploads
files, checks an API and reads the reports. Every page is checked with axe-core (from npm,
injected with `evaluate` so the pages' own content security policy stays in force) and must have
no violation, no console error and no request leaving the machine.
"""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pytest

from lgstandards.web import Settings
from tests.browser import LAUNCH_ARGS, is_local, require_chromium
from tests.node import node_prefix
from tests.test_reference_server import serve as serve_reference
from tests.test_web_server import serve_web

if TYPE_CHECKING:
    from playwright.sync_api import Browser, FilePayload, Page

REPO = Path(__file__).resolve().parents[1]
PLANNING = REPO / "standards" / "planning-application-register" / "1.0.0" / "examples"
VALID = sorted((PLANNING / "valid").glob("*.json"))[0]
INVALID_CSV = PLANNING / "invalid" / "register-errors.csv"
STANDARD = "planning-application-register@1.0.0"
MAX_UPLOAD = 300_000


@dataclass
class Server:
    """The web validator under test, and the folder its uploads go to."""

    url: str
    folder: Path
    reference: str


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    """Serve the reference API and the web validator (allowed to reach loopback) on loopback."""
    require_chromium()
    folder = tmp_path_factory.mktemp("web-browser")
    import ipaddress

    settings = Settings(temp_dir=str(folder), max_upload_bytes=MAX_UPLOAD,
                        api_allow_networks=(ipaddress.ip_network("127.0.0.0/8"),),
                        api_rate_limit=100.0)
    with serve_reference() as reference, serve_web(settings) as url:
        yield Server(url, folder, reference)


@pytest.fixture(scope="module")
def axe_source() -> str:
    """Return axe-core's script, installed from npm by tests/node.py."""
    return (node_prefix() / "node_modules" / "axe-core" / "axe.min.js").read_text("utf-8")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    """Launch the system's Chromium once for the module."""
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable,
                                              args=list(LAUNCH_ARGS), headless=True)
        yield launched
        launched.close()


@dataclass
class Tab:
    """A browser page with what it saw: console errors, page errors and blocked requests."""

    page: Page
    base: str
    axe: str
    console: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    #: HTTP statuses a test expects (a refusal): Chromium logs each as a console error.
    expected: set[int] = field(default_factory=set)

    def errors(self) -> list[str]:
        """Return the console errors, less those reporting a status the test expected."""
        said = [f"the server responded with a status of {s} " for s in self.expected]
        return [line for line in self.console if not any(s in line for s in said)]

    def go(self, path: str) -> None:
        """Open a page of the service."""
        self.page.goto(self.base + path, wait_until="load")

    def accessible(self) -> None:
        """Run axe on the page as it is now and fail on any violation."""
        self.page.evaluate(self.axe)
        violations: list[dict[str, Any]] = self.page.evaluate(
            """async () => {
                const result = await axe.run(document, {resultTypes: ["violations"]});
                return result.violations.map(v => ({id: v.id, help: v.help,
                    nodes: v.nodes.map(n => n.target.join(" ") + ": " + n.failureSummary)}));
            }""")
        assert violations == [], f"{self.page.url}: {json.dumps(violations, indent=1)}"
        self.checked.append(self.page.url)


def _open(browser: Browser, server: Server, axe: str, *, javascript: bool = True) -> Tab:
    """Open a tab whose requests off the machine are blocked and whose errors are kept."""
    context = browser.new_context(accept_downloads=True, java_script_enabled=javascript)
    page = context.new_page()
    page.set_default_timeout(30_000)
    tab = Tab(page, server.url, axe)
    page.on("console", lambda m: tab.console.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda error: tab.console.append(str(error)))

    def route(route: Any) -> None:
        if is_local(route.request.url):
            route.continue_()
        else:
            tab.blocked.append(route.request.url)
            route.abort("blockedbyclient")

    page.route("**/*", route)
    return tab


@pytest.fixture
def tab(browser: Browser, server: Server, axe_source: str) -> Iterator[Tab]:
    """Give a test a fresh browser tab; afterwards, require no errors and no outside request."""
    opened = _open(browser, server, axe_source)
    yield opened
    opened.page.context.close()
    assert opened.errors() == [] and opened.blocked == []
    assert list(server.folder.iterdir()) == []  # Every upload's folder was deleted.


def _payload(name: str, data: bytes) -> FilePayload:
    """Return a file for the file input, made in memory."""
    return {"name": name, "mimeType": "application/octet-stream", "buffer": data}


def _upload(tab: Tab, path: Path | None, data: bytes | None = None, name: str = "",
            standard: str = STANDARD) -> None:
    """Fill in the upload form and send it."""
    tab.go("/check")
    tab.page.select_option("#standard", standard)
    if path is not None:
        tab.page.set_input_files("#file", str(path))
    elif data is not None:
        tab.page.set_input_files("#file", files=_payload(name, data))
    # Keep every message the progress line shows, to prove the upload was followed.
    tab.page.evaluate("""() => { window.statuses = [];
        new MutationObserver(() => window.statuses.push(
            document.getElementById("upload-status").textContent))
        .observe(document.getElementById("upload-status"), {childList: true}); }""")
    tab.page.click("#check-button")


def test_the_service_pages_are_accessible(tab: Tab) -> None:
    """The home page, both forms, the standards pages and the not-found page pass axe."""
    for path in ("/", "/check", "/check-api", "/standards/index.html",
                 "/standards/waste-property-schedule/index.html",
                 "/standards/waste-property-schedule/1.0.0/index.html", "/no-such-page"):
        tab.expected = {404} if path == "/no-such-page" else set()
        tab.go(path)
        tab.accessible()
    assert len(tab.checked) == 7


def test_a_valid_file_gives_a_report_that_conforms(tab: Tab) -> None:
    """Upload a valid file: the report says it conforms, and its JSON download agrees."""
    _upload(tab, VALID)
    tab.page.wait_for_url("**/reports/*")
    assert "conforms" in tab.page.inner_text("#verdict")
    assert "does not" not in tab.page.inner_text("#verdict")
    tab.accessible()
    with tab.page.expect_download() as download:
        tab.page.click("text=JSON")
    saved = download.value.path()
    assert json.loads(Path(saved).read_text())["conforms"] is True


def test_an_invalid_csv_shows_its_findings(tab: Tab) -> None:
    """Upload an invalid CSV: the report lists findings with the row's cells, and filters work."""
    _upload(tab, INVALID_CSV)
    tab.page.wait_for_url("**/reports/*")
    assert "does not conform" in tab.page.inner_text("#verdict")
    assert tab.page.locator("details.group").count() > 0
    assert tab.page.locator("table.row").count() > 0  # The CSV row around a finding.
    tab.page.wait_for_selector("body[data-ready=true]")  # The report's own script ran (CSP hash).
    tab.accessible()


def test_a_gzip_bomb_is_refused_with_a_clear_message(tab: Tab) -> None:
    """A compression bomb: the page shows why it was refused; the upload showed its progress."""
    tab.expected = {413}
    bomb = gzip.compress(b"\0" * 30_000_000, compresslevel=9)
    _upload(tab, None, bomb, "schedules.ndjson.gz")
    tab.page.wait_for_selector("#message")
    assert "compression bomb" in tab.page.inner_text("#message")
    statuses = tab.page.evaluate("window.statuses")
    assert any(s.startswith("Sending the file") for s in statuses), statuses
    tab.accessible()


def test_a_file_over_the_limit_is_refused_before_sending(tab: Tab) -> None:
    """With scripts on, a file past the limit is refused at once, stating the limit."""
    _upload(tab, None, b"[" + b"{}," * MAX_UPLOAD + b"{}]", "big.json")
    assert "larger than 300 kB" in tab.page.inner_text("#upload-status")
    tab.accessible()


def test_without_scripts_the_server_refuses_a_large_file_with_a_page(
        browser: Browser, server: Server, axe_source: str) -> None:
    """With scripts off the form still works, and the server's 413 page states the limit."""
    tab = _open(browser, server, axe_source, javascript=False)
    tab.expected = {413}
    tab.go("/check")
    tab.page.select_option("#standard", STANDARD)
    tab.page.set_input_files("#file", files=_payload("big.json",
                                                     b"[" + b"{}," * MAX_UPLOAD + b"{}]"))
    with tab.page.expect_navigation():
        tab.page.click("#check-button")
    assert "larger than 300 kB" in tab.page.inner_text("#message")
    # axe needs scripts; the same page with scripts on is checked by the gzip bomb's test.
    tab.page.context.close()
    assert tab.errors() == [] and tab.blocked == []


def test_form_errors_are_summarised(tab: Tab) -> None:
    """Sending the form empty shows an accessible error summary linking to each field."""
    tab.expected = {400}
    tab.go("/check")
    tab.page.click("#check-button")
    tab.page.wait_for_selector("#error-summary")
    assert tab.page.locator("#error-summary a").count() == 2
    tab.accessible()


def test_an_api_check_against_the_reference_server(tab: Tab, server: Server) -> None:
    """Check the reference waste API with a postcode and a key: a report that conforms."""
    tab.go("/check-api")
    tab.page.select_option("#standard", "waste-collections-api@1.0.0")
    tab.page.fill("#base_url", f"{server.reference}/waste")
    tab.page.fill("#probe-waste-collections-api-postcode", "BN43 5RA")
    tab.page.fill("#header_name", "X-Api-Key")
    tab.page.fill("#header_value", "browser-secret-0099")
    with tab.page.expect_navigation():
        tab.page.click("text=Check the API")
    tab.page.wait_for_url("**/reports/*")
    assert "conforms" in tab.page.inner_text("#verdict")
    assert "browser-secret-0099" not in tab.page.content()
    tab.accessible()
