"""The reference server: runs with one command, serves both API standards, and its defects."""

from __future__ import annotations

import functools
import importlib.util
import json
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest
import uvicorn

from lgstandards.registry import catalogue
from lgstandards.validation import SchemaValidator

REPO = Path(__file__).resolve().parents[1]
SERVER = REPO / "examples" / "reference-server"

#: Generous bounds for a server to start or stop; a test fails rather than waiting longer.
START_WITHIN = 30.0


@functools.cache
def reference_app() -> ModuleType:
    """Import examples/reference-server/app.py once, as the tests' copy of the server."""
    spec = importlib.util.spec_from_file_location("lgstandards_reference_server", SERVER / "app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    # Dataclasses look their module up by name while the module is still being executed.
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


@contextmanager
def serve(defect: str | None = None) -> Iterator[str]:
    """Serve the reference app (or a broken variant) on a free loopback port; yield its URL."""
    with serve_app(reference_app().create_app(defect)) as url:
        yield url


@contextmanager
def serve_app(app: Any) -> Iterator[str]:
    """Serve an ASGI app on a free loopback port; yield its URL."""
    config = uvicorn.Config(app, log_level="warning", lifespan="off", ws="none", http="h11",
                            loop="asyncio", timeout_graceful_shutdown=1)
    server = uvicorn.Server(config)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    # Accepted connections inherit this: without it, a response's headers and body, written
    # separately, wait on delayed ACKs and every request takes about 40 ms on loopback.
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
def base() -> Iterator[str]:
    """Serve the correct reference server for this module's tests."""
    with serve() as url:
        yield url


def _free_port() -> int:
    """Return a loopback port that is free now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def test_runs_with_the_readme_command() -> None:
    """`uvicorn --app-dir examples/reference-server app:app` serves both APIs from a checkout."""
    port = _free_port()
    command = [sys.executable, "-m", "uvicorn", "--app-dir", "examples/reference-server",
               "app:app", "--host", "127.0.0.1", "--port", str(port)]
    with subprocess.Popen(command, cwd=REPO, stdout=subprocess.DEVNULL,
                          stderr=subprocess.PIPE) as process:
        try:
            deadline = time.monotonic() + START_WITHIN
            answer = None
            while answer is None:
                assert process.poll() is None, "the reference server stopped"
                assert time.monotonic() < deadline, "the reference server did not start"
                try:
                    answer = httpx.get(f"http://127.0.0.1:{port}/waste/", timeout=2)
                except httpx.TransportError:
                    time.sleep(0.1)
            services = httpx.get(f"http://127.0.0.1:{port}/open311/v2/services.json", timeout=5)
        finally:
            process.terminate()
            process.communicate(timeout=START_WITHIN)
    assert answer.status_code == 200
    assert answer.json()["standard"] == "waste-collections-api"
    assert services.status_code == 200
    assert {s["service_code"] for s in services.json()} >= {"001", "street-light"}


def test_unknown_defect_is_refused() -> None:
    """Asking for a defect the server does not have is an error, not a silently good server."""
    with pytest.raises(ValueError, match="unknown defect"):
        reference_app().create_app("no-such-defect")


def test_every_defect_is_documented() -> None:
    """Each defect has a sentence saying what it gets wrong."""
    defects: dict[str, str] = reference_app().DEFECTS
    assert defects and all(text.strip() for text in defects.values())


def test_open311_data_conforms(base: str) -> None:
    """The services, definitions and updates the server holds conform to the standard's $defs."""
    cat = catalogue()
    uri = cat.select("street-reports-api@1").schema_uri
    data = json.loads((SERVER / "data" / "open311.json").read_text())
    cases: list[tuple[str, Any]] = [("service_list", data["services"]),
                                    ("request_update_list", data["updates"])]
    cases += [("service_definition", d) for d in data["definitions"].values()]
    for name, value in cases:
        validator = SchemaValidator({"$ref": f"{uri}#/$defs/{name}"}, list(cat.schemas()))
        assert validator.findings(value) == [], name


def test_postcode_lookup_is_lenient_and_paged(base: str) -> None:
    """A postcode is found in any case and spacing, and page links lead on."""
    first = httpx.get(f"{base}/waste/addresses", params={"postcode": "bn435ra", "page_size": 1})
    body = first.json()
    assert (first.status_code, body["total_items"], body["total_pages"]) == (200, 2, 2)
    second = httpx.get(httpx.URL(base).join(body["links"]["next"]))
    assert second.json()["page"] == 2
    assert second.json()["items"] != body["items"]


def test_submission_is_validated_with_lgstandards(base: str) -> None:
    """A submission that does not conform answers 422 problem details listing each problem."""
    answer = httpx.post(f"{base}/waste/missed-collections",
                        json={"uprn": 100062201563, "service_id": "refuse"})
    assert answer.status_code == 422
    assert answer.headers["content-type"].startswith("application/problem+json")
    pointers = {e["pointer"] for e in answer.json()["errors"]}
    assert {"/uprn", "/collection_date", "/reason"} <= pointers


def test_submission_creates_a_report(base: str) -> None:
    """A conforming submission answers 201, a Location, and a report that conforms."""
    # The server stamps the report with the real time, so the missed collection must be past.
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    answer = httpx.post(f"{base}/waste/missed-collections",
                        json={"uprn": "100062201563", "service_id": "refuse",
                              "collection_date": yesterday, "reason": "not_collected"})
    assert answer.status_code == 201
    report = answer.json()
    fetched = httpx.get(httpx.URL(base).join(answer.headers["location"]))
    assert fetched.json() == report
    import lgstandards

    assert lgstandards.validate(report, "waste-missed-collection-report@1").conforms


def test_errors_are_problem_details(base: str) -> None:
    """Unknown and malformed UPRNs answer 404 and 400 problem details; Open311 errors are lists."""
    unknown = httpx.get(f"{base}/waste/properties/999999999999/schedule")
    malformed = httpx.get(f"{base}/waste/properties/abc/schedule")
    missing = httpx.get(f"{base}/open311/v2/requests/nope.json")
    assert (unknown.status_code, unknown.json()["status"]) == (404, 404)
    assert (malformed.status_code, malformed.json()["status"]) == (400, 400)
    assert unknown.headers["content-type"] == "application/problem+json"
    assert missing.status_code == 404
    assert missing.json()[0]["code"] == 404
