"""The web validator through Starlette's test client: limits, forgery, headers, secrets."""

from __future__ import annotations

import base64
import gzip
import hashlib
import ipaddress
import logging
import os
import re
import stat
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from starlette.testclient import TestClient

from lgstandards.web import Settings, create_app, worker
from lgstandards.web import app as web_app
from lgstandards.web.security import CSP, CSRF_COOKIE, new_token
from lgstandards.web.worker import FileJob, Outcome

REPO = Path(__file__).resolve().parents[1]
PLANNING = REPO / "standards" / "planning-application-register" / "1.0.0" / "examples"
VALID_JSON = sorted((PLANNING / "valid").glob("*.json"))[0]
INVALID_CSV = PLANNING / "invalid" / "register-errors.csv"
STANDARD = "planning-application-register@1.0.0"
PUBLIC_IP = "93.184.216.34"
SECRET = "s3cr3t-key-value-0042"


def _client(tmp_path: Path, *, resolver: Callable[[str, int], list[str]] | None = None,
            transport: Callable[[], httpx.BaseTransport] | None = None,
            **overrides: Any) -> tuple[TestClient, Path]:
    """Return a test client of an app whose private folders go under tmp_path/tmp."""
    folder = tmp_path / "tmp"
    folder.mkdir(exist_ok=True)
    injected: dict[str, Any] = {}
    if resolver is not None:
        injected["resolver"] = resolver
    if transport is not None:
        injected["transport"] = transport
    app = create_app(Settings(temp_dir=str(folder), **overrides), **injected)
    return TestClient(app, base_url="http://testserver"), folder


@pytest.fixture
def web(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    """Return a test client with the default limits, and the folder its uploads go to."""
    client, folder = _client(tmp_path)
    with client:
        yield client, folder


def _token(client: TestClient, page: str = "/check") -> str:
    """Load a form page (which sets the cookie) and return its anti-forgery token."""
    response = client.get(page)
    match = re.search(r'name="csrf_token" value="([^"]+)"', response.text)
    assert match, response.text
    return match.group(1)


def _upload(client: TestClient, data: bytes, name: str, *, standard: str = STANDARD,
            token: str | None = None, **fields: str) -> httpx.Response:
    """Send the upload form as a browser would: token, standard, then the file."""
    form = {"csrf_token": _token(client) if token is None else token, "standard": standard,
            **fields}
    response: httpx.Response = client.post("/check", data=form, files={"file": (name, data)},
                                           follow_redirects=False)
    return response


def _multipart(parts: list[tuple[str, str | None, bytes]], boundary: str = "XyZ") -> bytes:
    """Build a multipart body by hand, parts in the order given (name, filename, content)."""
    out = b""
    for name, filename, content in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename
                                                     else "")
        out += (f"--{boundary}\r\nContent-Disposition: {disposition}\r\n\r\n").encode()
        out += content + b"\r\n"
    return out + f"--{boundary}--\r\n".encode()


def _left_behind(folder: Path) -> list[str]:
    """Return whatever is left in the folder uploads go to."""
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


# -- pages and headers ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", ["/", "/check", "/check-api", "/standards/index.html",
                                  "/healthz", "/openapi.json", "/no-such-page"])
def test_every_response_has_the_security_headers(web: tuple[TestClient, Path], path: str) -> None:
    """CSP with no inline script or framing, nosniff and no-referrer on every response."""
    client, _ = web
    response = client.get(path)
    assert response.headers["content-security-policy"] == CSP
    assert "frame-ancestors 'none'" in CSP and "script-src 'self'" in CSP
    assert "unsafe-inline" not in CSP
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["referrer-policy"] == "no-referrer"
    assert response.headers["x-frame-options"] == "DENY"


def test_pages_link_no_third_party_assets(web: tuple[TestClient, Path]) -> None:
    """The service's pages load only their own stylesheet and script, and have no inline script."""
    client, _ = web
    for path in ("/", "/check", "/check-api"):
        page = client.get(path).text
        sources = re.findall(r'(?:src|href)="([^"]+)"', page)
        assert all(s.startswith(("/", "#")) for s in sources), sources
        assert "<script>" not in page and "style=" not in page


def test_health_and_openapi(web: tuple[TestClient, Path]) -> None:
    """/healthz says ok; /openapi.json documents both JSON operations."""
    client, _ = web
    assert client.get("/healthz").json()["status"] == "ok"
    document = client.get("/openapi.json").json()
    assert set(document["paths"]) == {"/api/validate", "/api/check-api", "/healthz"}


def test_not_found_is_a_friendly_page(web: tuple[TestClient, Path]) -> None:
    """An unknown address answers a page in words, and the JSON API answers problem details."""
    client, _ = web
    page = client.get("/nope")
    assert page.status_code == 404 and "There is no page at this address" in page.text
    problem = client.get("/api/nope")
    assert problem.status_code == 404
    assert problem.headers["content-type"] == "application/problem+json"


def test_a_bug_shows_no_traceback_or_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    """An exception inside a handler becomes a 500 page without a traceback or a server path."""
    client, folder = _client(tmp_path)

    def broken(job: FileJob, seconds: float) -> Outcome:
        raise RuntimeError(f"boom in {folder}")

    monkeypatch.setattr("lgstandards.web.app.run_limited", broken)
    # As a real server does, answer the exception rather than raising it into the test.
    with TestClient(client.app, raise_server_exceptions=False) as browser:
        response = _upload(browser, VALID_JSON.read_bytes(), "a.json")
    assert response.status_code == 500
    assert "Traceback" not in response.text and str(folder) not in response.text
    assert "boom" not in response.text
    assert "RuntimeError" in capsys.readouterr().out  # The operator's log says what kind.
    assert _left_behind(folder) == []


# -- checking a file -----------------------------------------------------------------------------


def test_a_valid_file_gives_a_report_with_downloads(web: tuple[TestClient, Path]) -> None:
    """Upload, redirect to the report, which conforms; each download is its format."""
    client, folder = web
    response = _upload(client, VALID_JSON.read_bytes(), VALID_JSON.name)
    assert response.status_code == 303
    report_url = response.headers["location"]
    page = client.get(report_url)
    assert page.status_code == 200 and "Result: conforms" in page.text
    assert VALID_JSON.name in page.text and str(folder) not in page.text
    report = client.get(f"{report_url}/report.json")
    assert report.json()["conforms"] is True
    assert report.headers["content-disposition"] == 'attachment; filename="report.json"'
    sarif = client.get(f"{report_url}/report.sarif").json()
    assert sarif["version"] == "2.1.0"
    assert client.get(f"{report_url}/report.md").text.startswith("#")
    assert _left_behind(folder) == []


def test_an_invalid_csv_report_names_rows_and_hides_the_private_path(
        web: tuple[TestClient, Path]) -> None:
    """Findings name the CSV row and header under the uploaded name; excerpts come from the file."""
    client, folder = web
    response = _upload(client, INVALID_CSV.read_bytes(), "C:\\exports\\register.csv")
    report_url = response.headers["location"]
    report = client.get(f"{report_url}/report.json").json()
    assert report["conforms"] is False
    assert [f["path"] for f in report["files"]] == ["register.csv"]
    page = client.get(report_url).text
    assert 'class="row"' in page  # An excerpt of the CSV row, read from the private file.
    assert str(folder) not in page and "upload" not in report["files"][0]["path"]
    assert _left_behind(folder) == []


def test_the_report_page_allows_only_its_own_inline_style_and_script(
        web: tuple[TestClient, Path]) -> None:
    """The report's policy lists the hashes of its one style and one script, never unsafe-inline."""
    client, _ = web
    report_url = _upload(client, INVALID_CSV.read_bytes(), "r.csv").headers["location"]
    page = client.get(report_url)
    policy = page.headers["content-security-policy"]
    assert "unsafe-inline" not in policy and "frame-ancestors 'none'" in policy
    for tag, directive in (("style", "style-src"), ("script", "script-src")):
        body = re.search(f"<{tag}>(.*?)</{tag}>", page.text, re.DOTALL)
        assert body is not None
        digest = base64.b64encode(hashlib.sha256(body.group(1).encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in policy


GARDEN = REPO / "standards" / "extensions" / "garden-waste-subscription" / "2.0.0" / "examples"


@pytest.mark.parametrize(("choice", "example", "conforms"), [
    ("declared", "valid/subscribed-house.json", True),
    ("declared", "invalid/unknown-status.json", False),
    ("extension:garden-waste-subscription@2.0.0", "valid/district-subscriptions.ndjson", True),
    ("profile:collection-outcomes-contract@2.0.0", "valid/subscribed-house.json", False),
])
def test_the_form_checks_an_extension_a_profile_or_what_the_data_says(
        web: tuple[TestClient, Path], choice: str, example: str, conforms: bool) -> None:
    """The form offers what $schema names, extensions and profiles; the report names each."""
    client, _ = web
    assert f'value="{choice}"' in client.get("/check").text
    path = GARDEN / example
    response = _upload(client, path.read_bytes(), path.name, standard=choice)
    assert response.status_code == 303, response.text
    report = client.get(f"{response.headers['location']}/report.json").json()
    assert report["conforms"] is conforms
    layer = choice.partition(":")[2] or "garden-waste-subscription@2.0.0"
    assert report["standard"] == f"waste-property-schedule@2.0.0+{layer}"


@pytest.mark.parametrize(("path", "words"), [
    (VALID_JSON, "it has no $schema"),
    (INVALID_CSV, "A CSV file cannot say which standard it follows"),
])
def test_what_the_data_says_needs_a_schema(web: tuple[TestClient, Path], path: Path,
                                           words: str) -> None:
    """A file whose first record names nothing known is refused, saying why, as a page."""
    client, folder = web
    response = _upload(client, path.read_bytes(), path.name, standard="declared")
    assert response.status_code == 400
    assert words in response.text and "Traceback" not in response.text
    assert _left_behind(folder) == []


def test_api_validate_takes_layers_or_follows_schema(web: tuple[TestClient, Path]) -> None:
    """/api/validate takes extension and profile ids; with none, the data's $schema decides."""
    client, _ = web
    body = (GARDEN / "invalid/unknown-status.json").read_bytes()
    declared = client.post("/api/validate?filename=house.json", content=body)
    assert declared.status_code == 200
    assert declared.json()["standard"] == (
        "waste-property-schedule@2.0.0+garden-waste-subscription@2.0.0")
    assert declared.headers["x-lgstandards-conforms"] == "false"
    old = client.post("/api/validate?standard=waste-property-schedule@1"
                      "&extension=garden-waste-subscription&filename=house.json",
                      content=(GARDEN.parents[1] / "1.0.0/examples/valid/subscribed-house.json"
                               ).read_bytes())
    assert old.status_code == 200 and old.headers["x-lgstandards-conforms"] == "true"
    assert old.json()["standard"] == (
        "waste-property-schedule@1.0.0+garden-waste-subscription@1.0.0")
    for query in ("profile=/etc", "extension=no-such-extension",
                  "profile=garden-waste-subscription"):
        refused = client.post(f"/api/validate?{query}", content=body)
        assert refused.status_code == 404, query
        assert refused.headers["content-type"] == "application/problem+json"


def test_masking_hides_values(web: tuple[TestClient, Path]) -> None:
    """With "hide values" ticked, the report shows no data value."""
    client, _ = web
    report_url = _upload(client, INVALID_CSV.read_bytes(), "r.csv", mask="on").headers["location"]
    report = client.get(f"{report_url}/report.json").json()
    assert report["conforms"] is False
    assert all("value" not in f for file in report["files"] for f in file["findings"])


def test_a_gzip_file_is_checked(web: tuple[TestClient, Path]) -> None:
    """A gzip-compressed CSV is read through gzip and reported under its own name."""
    client, folder = web
    response = _upload(client, gzip.compress(INVALID_CSV.read_bytes()), "register.csv.gz")
    report = client.get(response.headers["location"] + "/report.json").json()
    assert report["files"][0]["path"] == "register.csv.gz" and report["conforms"] is False
    assert _left_behind(folder) == []


def test_reports_are_only_for_the_browser_that_made_them(web: tuple[TestClient, Path]) -> None:
    """Another browser (another cookie) cannot open a report or its downloads by its address."""
    client, _ = web
    report_url = _upload(client, VALID_JSON.read_bytes(), "a.json").headers["location"]
    other = TestClient(client.app, base_url="http://testserver")
    assert other.get(report_url).status_code == 404
    assert other.get(f"{report_url}/report.json").status_code == 404
    assert client.get(f"{report_url}/report.exe").status_code == 404


def test_form_errors_are_listed_and_linked(web: tuple[TestClient, Path]) -> None:
    """No standard and no file: 400, an error summary linking to each field."""
    client, folder = web
    token = _token(client)
    response = client.post("/check", data={"csrf_token": token, "standard": ""},
                           files={"file": ("", b"")})
    assert response.status_code == 400
    assert 'href="#standard"' in response.text and 'href="#file"' in response.text
    assert _left_behind(folder) == []


def test_the_worker_sees_a_private_folder_and_file(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    """The upload is in a folder of mode 0700, as a file of mode 0600, while it is checked."""
    client, folder = _client(tmp_path)
    seen: dict[str, int] = {}
    real = worker.run_limited

    def spy(job: FileJob, seconds: float) -> Outcome:
        path = Path(job.path)
        seen["folder"] = stat.S_IMODE(path.parent.stat().st_mode)
        seen["file"] = stat.S_IMODE(path.stat().st_mode)
        return real(job, seconds)

    monkeypatch.setattr("lgstandards.web.app.run_limited", spy)
    with client:
        assert _upload(client, VALID_JSON.read_bytes(), "a.json").status_code == 303
    assert seen == {"folder": 0o700, "file": 0o600}
    assert _left_behind(folder) == []


# -- anti-forgery ----------------------------------------------------------------------------------


def test_an_upload_without_the_token_is_refused_before_the_file_is_written(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No token, a wrong token, or one not signed by the server: 403 and nothing written."""
    client, folder = _client(tmp_path)
    opened: list[str] = []
    real_open = os.open

    def watch(path: Any, *args: Any, **kwargs: Any) -> int:
        opened.append(str(path))
        return real_open(path, *args, **kwargs)

    monkeypatch.setattr(os, "open", watch)  # The module the upload reader opens with.
    with client:
        _token(client)
        for token in ("", "wrong", new_token("another server's key, long enough")):
            response = _upload(client, VALID_JSON.read_bytes(), "a.json", token=token)
            assert response.status_code == 403, token
            assert "security token" in response.text
    # A cookie planted by someone else, with a matching field, is refused for lack of signature.
    with _client(tmp_path)[0] as fresh:
        fresh.cookies.set(CSRF_COOKIE, "planted.value")
        response = _upload(fresh, VALID_JSON.read_bytes(), "a.json", token="planted.value")
        assert response.status_code == 403
    assert not [p for p in opened if p.endswith("upload")]
    assert _left_behind(folder) == []


def test_a_file_sent_before_the_token_is_refused(web: tuple[TestClient, Path]) -> None:
    """A file part ahead of the token is refused at once, even when a good token follows."""
    client, folder = web
    token = _token(client)
    body = _multipart([("file", "a.json", VALID_JSON.read_bytes()), ("csrf_token", None,
                       token.encode()), ("standard", None, STANDARD.encode())])
    response = client.post("/check", content=body,
                           headers={"content-type": "multipart/form-data; boundary=XyZ"})
    assert response.status_code == 403
    assert _left_behind(folder) == []


def test_a_form_from_another_site_is_refused(web: tuple[TestClient, Path]) -> None:
    """A browser's Origin or Sec-Fetch-Site naming another site gets 403 even with the token."""
    client, _ = web
    token = _token(client)
    for headers in ({"origin": "https://evil.example"}, {"sec-fetch-site": "cross-site"}):
        response = client.post("/check", data={"csrf_token": token, "standard": STANDARD},
                               files={"file": ("a.json", b"{}")}, headers=headers)
        assert response.status_code == 403


def test_the_cookie_is_http_only_and_lax(web: tuple[TestClient, Path]) -> None:
    """The token's cookie cannot be read by scripts and is not sent with cross-site posts."""
    client, _ = web
    header = client.get("/check").headers["set-cookie"].lower()
    assert "httponly" in header and "samesite=lax" in header and "path=/" in header


# -- limits ----------------------------------------------------------------------------------------


def test_a_file_over_the_cap_is_refused_with_the_limit_stated(tmp_path: Path) -> None:
    """A file bigger than the cap: 413, a page stating the limit, and nothing left on disk."""
    client, folder = _client(tmp_path, max_upload_bytes=2_000)
    with client:
        response = _upload(client, b"[" + b"{}," * 2_000 + b"{}]", "big.json")
    assert response.status_code == 413
    assert "larger than 2 kB" in response.text
    assert _left_behind(folder) == []


def test_a_declared_length_over_the_cap_is_refused_before_reading(tmp_path: Path) -> None:
    """A Content-Length past the cap is answered 413 without writing anything."""
    client, folder = _client(tmp_path, max_upload_bytes=2_000)
    with client:
        response = client.post("/check", content=b"x" * 100_000, headers={
            "content-type": "multipart/form-data; boundary=XyZ"})
    assert response.status_code == 413 and "larger than 2 kB" in response.text
    assert _left_behind(folder) == []


def test_a_body_without_length_is_capped(tmp_path: Path) -> None:
    """A chunked body with no Content-Length is refused once past the cap."""
    # The test client sends the whole body first; test_web_server shows a real server stopping.
    client, folder = _client(tmp_path, max_upload_bytes=2_000)

    def chunks() -> Iterator[bytes]:
        for _ in range(100):
            yield b"A" * 1_000

    with client:
        response = client.post("/api/validate?standard=" + STANDARD, content=chunks())
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert "larger than 2 kB" in response.json()["detail"]
    assert _left_behind(folder) == []


def _bomb(size: int) -> bytes:
    """Return gzip of `size` zero bytes: tiny, and huge once undone."""
    return gzip.compress(b"\0" * size, compresslevel=9)


def test_a_gzip_bomb_is_refused_by_its_ratio(web: tuple[TestClient, Path]) -> None:
    """20 MB of zeros in 20 kB: refused as a compression bomb, with nothing left on disk."""
    client, folder = web
    response = _upload(client, _bomb(20_000_000), "data.ndjson.gz")
    assert response.status_code == 413
    assert "compression bomb" in response.text
    assert _left_behind(folder) == []


def test_a_gzip_over_the_unpacked_cap_is_refused(tmp_path: Path) -> None:
    """A file whose content is over the unpacked cap is refused, stating the cap."""
    client, folder = _client(tmp_path, max_unpacked_bytes=50_000, max_ratio=1_000_000)
    with client:
        response = _upload(client, gzip.compress(b'{"a": 1}\n' * 20_000), "d.ndjson.gz")
    assert response.status_code == 413 and "larger than 50 kB once uncompressed" in response.text
    assert _left_behind(folder) == []


def test_a_check_past_its_time_limit_is_stopped(tmp_path: Path) -> None:
    """A check that runs out of time: its process is stopped and the page says why."""
    client, folder = _client(tmp_path, check_seconds=0.001)
    with client:
        response = _upload(client, INVALID_CSV.read_bytes(), "r.csv")
    assert response.status_code == 503 and "longer than 0.001 seconds" in response.text
    assert _left_behind(folder) == []


# -- the JSON API --------------------------------------------------------------------------------


def test_api_validate_answers_the_report(web: tuple[TestClient, Path]) -> None:
    """POST the file as the body: the JSON report, and a header saying whether it conforms."""
    client, folder = web
    response = client.post(f"/api/validate?standard={STANDARD}&filename=register.csv",
                           content=INVALID_CSV.read_bytes())
    assert response.status_code == 200
    assert response.headers["x-lgstandards-conforms"] == "false"
    assert response.json()["files"][0]["path"] == "register.csv"
    sarif = client.post(f"/api/validate?standard={STANDARD}&format=sarif",
                        content=VALID_JSON.read_bytes())
    assert sarif.headers["content-type"] == "application/sarif+json"
    assert sarif.headers["x-lgstandards-conforms"] == "true"
    assert _left_behind(folder) == []


@pytest.mark.parametrize(("query", "body", "status"), [
    ("standard=no-such-standard", b"{}", 404),
    ("", b"{}", 400),
    (f"standard={STANDARD}&format=pdf", b"{}", 400),
    (f"standard={STANDARD}", b"", 400),
])
def test_api_validate_refusals_are_problem_details(web: tuple[TestClient, Path], query: str,
                                                   body: bytes, status: int) -> None:
    """Bad requests answer RFC 9457 problem details with the right status."""
    client, _ = web
    response = client.post(f"/api/validate?{query}", content=body)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["status"] == status


# -- the API checker -------------------------------------------------------------------------------


def _echo_server(calls: list[httpx.Request]) -> Callable[[], httpx.BaseTransport]:
    """Return a transport factory for a server that echoes every request header back."""

    def handler(request: httpx.Request) -> httpx.Response:
        calls.append(request)
        echoed = dict(request.headers)
        # A careless server: the key comes back in a field the checks quote when it is wrong.
        return httpx.Response(200, json={"uprn": request.headers.get("x-api-key", "1"),
                                         "echo": echoed},
                              headers={"x-echo": request.headers.get("x-api-key", "")})

    return lambda: httpx.MockTransport(handler)


def _resolver(*addresses: str) -> Callable[[str, int], list[str]]:
    """Return a resolver that answers every host with the given addresses."""
    return lambda host, port: list(addresses)


def _api_form(client: TestClient, **values: str) -> httpx.Response:
    """Send the API check form."""
    token = _token(client, "/check-api")
    response: httpx.Response = client.post("/check-api", data={"csrf_token": token, **values},
                                           files={"none": ("", b"")}, follow_redirects=False)
    return response


def test_a_key_typed_in_is_never_stored_echoed_or_logged(
        tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    """A server echoing the key back: the key is in no report, download, page or log line."""
    calls: list[httpx.Request] = []
    client, _ = _client(tmp_path, resolver=_resolver(PUBLIC_IP), transport=_echo_server(calls),
                        api_rate_limit=1000.0)
    caplog.set_level(logging.DEBUG)
    with client:
        response = _api_form(client, standard="waste-collections-api@1.0.0",
                             base_url="https://waste.example.gov.uk/api/v1",
                             header_name="X-Api-Key", header_value=SECRET)
        assert response.status_code == 303, response.text
        report_url = response.headers["location"]
        seen = [client.get(report_url).text]
        seen += [client.get(f"{report_url}/{name}").text for name in web_app.DOWNLOADS]
        stored = client.app.state.web.store  # type: ignore[attr-defined]
        kept = [v for r in stored._reports.values() for v in r.rendered.values()]
    assert calls and all(c.headers["x-api-key"] == SECRET for c in calls)  # It was sent...
    assert all(SECRET not in text for text in seen)  # ...and shown nowhere,
    assert all(SECRET.encode() not in data for data in kept)  # kept nowhere,
    assert SECRET not in caplog.text  # and logged nowhere.
    assert "[redacted]" in seen[1] or "[redacted]" in seen[2]


def test_a_form_with_errors_never_refills_the_key(tmp_path: Path) -> None:
    """The form shown again after an error leaves the key field empty."""
    client, _ = _client(tmp_path, resolver=_resolver(PUBLIC_IP))
    with client:
        response = _api_form(client, standard="waste-collections-api@1.0.0",
                             base_url="not a url", header_name="X-Api-Key", header_value=SECRET)
    assert response.status_code == 400 and SECRET not in response.text
    assert 'href="#base_url"' in response.text


def test_a_key_in_the_address_is_refused_and_not_shown_again(tmp_path: Path) -> None:
    """An API key or password in the base URL is refused, and the address is not refilled."""
    client, _ = _client(tmp_path, resolver=_resolver(PUBLIC_IP))
    with client:
        for url in (f"https://api.example/v1?api_key={SECRET}", f"https://u:{SECRET}@api.example"):
            response = _api_form(client, standard="waste-collections-api@1.0.0", base_url=url)
            assert response.status_code == 400 and SECRET not in response.text


@pytest.mark.parametrize("address", ["10.0.0.5", "172.16.3.4", "192.168.1.1", "127.0.0.1",
                                     "169.254.169.254", "100.64.0.1", "::1", "fe80::1",
                                     "::ffff:127.0.0.1", "fd00::1", "0.0.0.0"])
def test_private_and_local_addresses_are_refused_without_a_request(tmp_path: Path,
                                                                   address: str) -> None:
    """A host resolving to a private, loopback or link-local address is refused; nothing is sent."""
    calls: list[httpx.Request] = []
    client, _ = _client(tmp_path, resolver=_resolver(PUBLIC_IP, address),
                        transport=_echo_server(calls))
    with client:
        response = _api_form(client, standard="waste-collections-api@1.0.0",
                             base_url="https://waste.example.gov.uk/api")
        api = client.post("/api/check-api", json={
            "standard": "waste-collections-api@1", "base_url": "https://waste.example.gov.uk"})
    assert response.status_code == 400 and "private or local network" in response.text
    assert api.status_code == 400 and "private or local network" in api.json()["detail"]
    assert calls == []


def test_an_operator_may_allow_a_network(tmp_path: Path) -> None:
    """With the network allowed, a private address is checked (through the pinned address)."""
    calls: list[httpx.Request] = []
    client, _ = _client(tmp_path, resolver=_resolver("10.1.2.3"), transport=_echo_server(calls),
                        api_allow_networks=(ipaddress.ip_network("10.1.0.0/16"),),
                        api_rate_limit=1000.0)
    with client:
        response = client.post("/api/check-api", json={
            "standard": "waste-collections-api@1", "base_url": "http://council.internal/api"})
    assert response.status_code == 200 and response.json()["subject"] == "api"
    assert calls and all(c.url.host == "10.1.2.3" for c in calls)
    assert all(c.headers["host"] == "council.internal" for c in calls)


def test_the_api_checker_can_be_turned_off(tmp_path: Path) -> None:
    """With the checker off there is no form, no JSON operation and no link to it."""
    client, _ = _client(tmp_path, api_check=False)
    with client:
        assert client.get("/check-api").status_code == 404
        assert client.post("/api/check-api", json={}).status_code == 404
        assert "/check-api" not in client.get("/").text
        assert "/api/check-api" not in client.get("/openapi.json").json()["paths"]
