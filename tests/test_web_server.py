"""The web validator as it runs: uvicorn on loopback, `serve`, and the container's commands.

check-api's own machinery (its safe client and its OpenAPI checks) tests the JSON API against the
OpenAPI document the service serves, as it would test any council's API.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
import uvicorn
from click.testing import CliRunner

from lgstandards.apicheck.checks import Level, Outcome, Run
from lgstandards.apicheck.client import SafeClient
from lgstandards.apicheck.openapi import ApiDocument
from lgstandards.cli import cli
from lgstandards.registry import Catalogue
from lgstandards.web import Settings, create_app

REPO = Path(__file__).resolve().parents[1]
VALID = sorted((REPO / "standards" / "planning-application-register" / "1.0.0" / "examples" /
                "valid").glob("*.json"))[0]
START_WITHIN = 30.0


@contextmanager
def serve_web(settings: Settings, **injected: object) -> Iterator[str]:
    """Serve the web validator on a free loopback port in a thread; yield its URL."""
    app = create_app(settings, **injected)  # type: ignore[arg-type]
    config = uvicorn.Config(app, log_level="warning", lifespan="off", ws="none", http="h11",
                            loop="asyncio", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + START_WITHIN
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.01)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(START_WITHIN)
        sock.close()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Return the folder the module's server makes its private folders in."""
    return tmp_path_factory.mktemp("web-tmp")


@pytest.fixture(scope="module")
def base(folder: Path) -> Iterator[str]:
    """Serve the web validator with small limits for this module's tests."""
    with serve_web(Settings(temp_dir=str(folder), max_upload_bytes=200_000)) as url:
        yield url


def _api_document(tmp_path: Path, document: dict[str, object]) -> ApiDocument:
    """Load the service's OpenAPI document as check-api loads an API standard's."""
    (tmp_path / "registry.json").write_text(json.dumps({"base_uri": "https://example.org/s/"}))
    folder = tmp_path / "lgstandards-validator"
    (folder / "1.0.0").mkdir(parents=True)
    (folder / "standard.json").write_text(json.dumps({
        "id": "lgstandards-validator", "title": "lgstandards validator", "kind": "api",
        "description": "The web validator's JSON API.", "owner": "lgstandards",
        "licence": "MIT", "versions": [{"version": "1.0.0", "status": "draft"}],
    }))
    (folder / "1.0.0" / "openapi.json").write_text(json.dumps(document))
    cat = Catalogue(tmp_path)
    return ApiDocument(cat.select("lgstandards-validator@1.0.0", allow_draft=True), cat)


def test_check_api_machinery_accepts_the_json_api(base: str, tmp_path: Path) -> None:
    """Status, media type, body schema and required headers of each answer match the document."""
    api = _api_document(tmp_path, httpx.get(f"{base}/openapi.json").json())
    # The JSON API's operations are POSTs, which check-api sends only to a sandbox it is given.
    client = SafeClient(httpx.Client(), base, allow_writes=True, sandbox_url=base)
    run = Run(client, api, {}, writes=True)
    records = json.loads(VALID.read_text())
    outcomes: list[Outcome] = []
    health = run.call("GET", "/healthz")
    outcomes += run.expect(health, "GET", "/healthz", 200, Level.CORE)[0]
    cases = [
        ("planning-application-register@1", 200),   # Checked: the report.
        ("no-such-standard", 404),                   # Refused: problem details.
    ]
    for standard, status in cases:
        exchange = run.call("POST", "/api/validate", params={"standard": standard},
                            json_body=records, sandbox=True)
        found, body = run.expect(exchange, "POST", "/api/validate", status, Level.CORE)
        outcomes += found
        if status == 200:
            outcomes.append(run.expect_headers(exchange, "POST", "/api/validate", Level.CORE))
            assert body["conforms"] is True
    refused = run.call("POST", "/api/check-api", sandbox=True,
                       json_body={"standard": "waste-collections-api@1",
                                  "base_url": "http://127.0.0.1:9/"})
    outcomes += run.expect(refused, "POST", "/api/check-api", 400, Level.CORE)[0]
    client.close()
    assert {o.code for o in outcomes} >= {"api.status", "api.content-type", "api.body-schema",
                                          "api.problem-format", "api.headers"}
    assert [f.message for o in outcomes for f in o.findings] == []


def test_a_real_server_refuses_an_oversized_streamed_body(base: str, folder: Path) -> None:
    """A 20 MB chunked body over a 200 kB cap: 413 with the limit, and nothing kept on disk."""

    def body() -> Iterator[bytes]:
        for _ in range(20_000):
            yield b"A" * 1_000

    # The app stops reading at the cap; uvicorn then discards the rest as it arrives, so the
    # client, which sends its whole body before reading, still gets the answer.
    response = httpx.post(f"{base}/api/validate?standard=common", content=body(), timeout=30)
    assert response.status_code == 413
    assert "larger than 200 kB" in response.json()["detail"]
    assert list(folder.iterdir()) == []


def _exec_form(pattern: str, dockerfile: str) -> list[str]:
    """Return the JSON (exec) form of a Dockerfile instruction that a pattern finds."""
    match = re.search(pattern, dockerfile, re.MULTILINE)
    assert match, pattern
    command: list[str] = json.loads(match.group(1))
    return command


def test_the_serve_command_runs_what_the_container_runs(tmp_path: Path) -> None:
    """`lgstandards serve` (the image's CMD) starts; the image's HEALTHCHECK command passes."""
    dockerfile = (REPO / "Dockerfile").read_text()
    cmd = _exec_form(r"^CMD (\[.*\])$", dockerfile)
    assert cmd == ["lgstandards", "serve", "--host", "0.0.0.0"]
    assert re.search(r"^USER lgstandards$", dockerfile, re.MULTILINE)
    assert 'pip install ".[web]"' in dockerfile
    check = _exec_form(r"^  CMD (\[.*\])$", dockerfile)
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    # The same command on loopback (a test listens on no other interface) and on a free port.
    command = [str(Path(sys.executable).with_name("lgstandards")), *cmd[1:3], "127.0.0.1",
               "--port", str(port)]
    env = {**os.environ, "LGSTANDARDS_WEB_TEMP_DIR": str(tmp_path)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + START_WITHIN
        while True:
            assert process.poll() is None, process.communicate()[0]
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz").status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, "lgstandards serve did not start"
            time.sleep(0.1)
        script = check[2].replace("8000", str(port))
        result = subprocess.run([sys.executable, check[1], script], capture_output=True,
                                timeout=30, check=False)
        assert result.returncode == 0, result.stderr
        assert check[:2] == ["python", "-c"], shlex.join(check)
    finally:
        process.terminate()
        output = process.communicate(timeout=START_WITHIN)[0]
    assert "Traceback" not in output


def test_serve_without_the_web_extra_says_how_to_install_it(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """Without Starlette, `serve` exits 2 with the pip command that installs the extra."""
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec",
                        lambda name, *a: None if name == "starlette" else real(name, *a))
    from lgstandards.cli import main

    code = main(["serve"])
    said = capsys.readouterr().err
    assert code == 2
    assert "pip install 'lgstandards[web]'" in said and "starlette" in said


def test_serve_help_names_the_settings() -> None:
    """`serve --help` shows the host and port options and where the settings are documented."""
    result = CliRunner().invoke(cli, ["serve", "--help"])
    assert result.exit_code == 0
    assert "--host" in result.output and "LGSTANDARDS_WEB_" in result.output


def test_the_library_never_imports_the_web_package() -> None:
    """Importing lgstandards and its CLI loads neither the web package nor Starlette."""
    code = ("import sys, lgstandards, lgstandards.cli, lgstandards.apicheck; "
            "print(sorted(m for m in sys.modules if m.split('.')[0] in "
            "('starlette', 'uvicorn', 'python_multipart') or m.startswith('lgstandards.web')))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == "[]"
