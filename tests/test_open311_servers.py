"""Real Open311 servers pass street-reports-api 2.0.0's core level, served over loopback HTTP.

Three servers nobody here wrote, reproduced from tests/data/open311 (see its README): the City of
Chicago's (real published requests), FixMyStreet's own Open311 server and mySociety's
open311-adapter, which many UK councils run. Each passes the core checks with no option beyond
the probe values it needs; the XML heritage they share is reported as warnings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl

import pytest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route

from lgstandards.apicheck import ApiCheckOptions, Limits, check_api
from lgstandards.conformance import Checker
from lgstandards.findings import Finding, Severity
from lgstandards.report import Report
from tests.test_reference_server import serve_app

DATA = Path(__file__).parent / "data" / "open311"
STREET = "street-reports-api@2.0.0"
QUICK = Limits(rate_limit=500, connect_timeout=5, timeout=5, max_bytes=500_000)
#: Media type of JSON bodies as the Perl servers send them.
JSON_UTF8 = "application/json; charset=utf-8"


def _read(name: str) -> Any:
    """Return a fixture's JSON."""
    return json.loads((DATA / name).read_text(encoding="utf-8"))


def _open311_error(status: int, description: str) -> JSONResponse:
    """Return Open311's error list, as Chicago's and the adapter's servers send it."""
    return JSONResponse([{"code": status, "description": description}], status_code=status)


# -- the City of Chicago's server: real requests, bare lists, Open311 errors ---------------------


def chicago_app() -> Starlette:
    """Serve the City of Chicago's requests the way its Open311 server did."""
    services, requests = _read("chicago/services.json"), _read("chicago/requests.json")

    async def list_services(request: Request) -> Response:
        return JSONResponse(services)

    async def definition(request: Request) -> Response:
        return _open311_error(404, "Service definition not found")

    async def list_requests(request: Request) -> Response:
        wanted = request.query_params.get("status")
        found = [r for r in requests if not wanted or r["status"] in wanted.split(",")]
        return JSONResponse(found)

    async def one_request(request: Request) -> Response:
        found = [r for r in requests if r["service_request_id"] == request.path_params["id"]]
        return JSONResponse(found) if found else _open311_error(404, "Request not found")

    async def updates(request: Request) -> Response:
        return _open311_error(404, "Not found")

    return Starlette(routes=[
        Route("/open311/v2/services.json", list_services),
        Route("/open311/v2/services/{code}.json", definition),
        Route("/open311/v2/requests.json", list_requests),
        Route("/open311/v2/requests/{id}.json", one_request),
        Route("/open311/v2/servicerequestupdates.json", updates),
    ])


# -- FixMyStreet's own server ---------------------------------------------------------------------

_FMS_PAGE = ("<!doctype html><html><head><title>Open311 API for the mySociety FixMyStreet "
             "server</title></head><body><p>ERROR: {}</p></body></html>")
_FMS_NOT_FOUND = "<!doctype html><html><body><h1>Page not found</h1></body></html>"


def fixmystreet_app() -> Starlette:
    """Serve reports the way FixMyStreet's Open311 controller does."""
    services, requests = _read("fixmystreet/services.json"), _read("fixmystreet/requests.json")

    def page(message: str) -> Response:
        # Errors are the documentation page with a message on it, answered 200.
        return HTMLResponse(_FMS_PAGE.format(message))

    def fms_json(body: Any) -> Response:
        return Response(json.dumps(body), media_type=JSON_UTF8,
                        headers={"Access-Control-Allow-Origin": "*"})

    async def list_services(request: Request) -> Response:
        return fms_json(services)

    async def list_requests(request: Request) -> Response:
        if not request.query_params.get("jurisdiction_id"):
            return page("Missing jurisdiction_id")
        found = requests["service_requests"]
        if request.query_params.get("status"):
            found = [r for r in found if r["status"] == request.query_params["status"]]
        return fms_json({"service_requests": found})

    async def one_request(request: Request) -> Response:
        if not request.query_params.get("jurisdiction_id"):
            return page("Missing jurisdiction_id")
        wanted = int(request.path_params["id"])
        found = [r for r in requests["service_requests"] if r["service_request_id"] == wanted]
        return fms_json({"service_requests": found})

    async def not_found(request: Request) -> Response:
        return HTMLResponse(_FMS_NOT_FOUND, status_code=404)

    return Starlette(routes=[
        Route("/open311/v2/services.json", list_services),
        Route("/open311/v2/requests.json", list_requests),
        Route("/open311/v2/requests/{id:int}.json", one_request),
        Route("/open311/v2/{rest:path}", not_found),
    ])


# -- mySociety's open311-adapter ------------------------------------------------------------------


def adapter_app() -> Starlette:
    """Serve a back office the way mySociety's open311-adapter does, request updates included."""
    services = _read("open311-adapter/services.json")
    definition = _read("open311-adapter/service-definition-RD-POT.json")
    requests = list(_read("open311-adapter/requests.json"))
    updates = list(_read("open311-adapter/updates.json"))

    async def list_services(request: Request) -> Response:
        return JSONResponse(services)

    async def get_definition(request: Request) -> Response:
        if request.path_params["code"] == definition["service_code"]:
            return JSONResponse(definition)
        return _open311_error(404, "Resource not found")

    async def list_requests(request: Request) -> Response:
        wanted = request.query_params.get("status")
        found = [r for r in requests if not wanted or r["status"] in wanted.split(",")]
        return JSONResponse(found)

    async def create_request(request: Request) -> Response:
        form = dict(parse_qsl((await request.body()).decode()))
        if form.get("service_code") not in {s["service_code"] for s in services}:
            return _open311_error(400, "Error in input for POST_Service_Request")
        new_id = str(2000000 + len(requests))
        requests.append({"service_request_id": new_id, "status": "open",
                         "service_name": form["service_code"],
                         "service_code": form["service_code"], "address": "", "address_id": "",
                         "zipcode": "", "lat": form.get("lat", ""), "long": form.get("long", ""),
                         "media_url": "", "requested_datetime": "2026-12-05T09:00:00Z",
                         "updated_datetime": "2026-12-05T09:00:00Z"})
        return JSONResponse([{"service_request_id": new_id}])

    async def one_request(request: Request) -> Response:
        found = [r for r in requests if r["service_request_id"] == request.path_params["id"]]
        return JSONResponse(found) if found else _open311_error(404, "Resource not found")

    async def list_updates(request: Request) -> Response:
        return JSONResponse(updates)

    async def post_update(request: Request) -> Response:
        form = dict(parse_qsl((await request.body()).decode(), keep_blank_values=True))
        # The adapter's input schema takes FixMyStreet's statuses in upper case only.
        if not re.fullmatch(r"[A-Z_]+", form.get("status", "")):
            return _open311_error(400, "Error in input for POST_Service_Request_Update")
        update_id = f"{form['service_request_id']}_{len(updates) + 1}"
        updates.append({"update_id": update_id, "service_request_id": form["service_request_id"],
                        "status": form["status"].lower(), "description": form["description"],
                        "media_url": "", "updated_datetime": "2026-12-05T09:00:00Z"})
        return JSONResponse([{"update_id": update_id}])

    async def not_found(request: Request) -> Response:
        return _open311_error(404, "Resource not found")

    return Starlette(routes=[
        Route("/services.json", list_services),
        Route("/services/{code}.json", get_definition),
        Route("/requests.json", list_requests, methods=["GET"]),
        Route("/requests.json", create_request, methods=["POST"]),
        # An id holds slashes (MC/2026/004512): clients percent-encode them, servers decode.
        Route("/requests/{id:path}.json", one_request),
        Route("/servicerequestupdates.json", list_updates, methods=["GET"]),
        Route("/servicerequestupdates.json", post_update, methods=["POST"]),
        Route("/{rest:path}", not_found),
    ])


SERVERS = {"chicago": (chicago_app, "/open311/v2", {}),
           "fixmystreet": (fixmystreet_app, "/open311/v2", {"jurisdiction_id": "fixmystreet"}),
           "open311-adapter": (adapter_app, "", {})}


@pytest.fixture(scope="module", params=list(SERVERS))
def server(request: pytest.FixtureRequest) -> Iterator[tuple[str, str, dict[str, str]]]:
    """Serve each real server's shape on loopback; yield its name, base URL and probes."""
    make, mount, probes = SERVERS[request.param]
    with serve_app(make()) as url:
        yield request.param, url + mount, probes


def _check(base: str, probes: dict[str, str], standard: str = STREET, **extra: Any) -> Report:
    """Run check-api against a loopback server."""
    return check_api(ApiCheckOptions(standard, base, probes=probes, limits=QUICK,
                                     allow_draft=True, **extra))


def _errors(report: Report) -> list[tuple[str, str, str]]:
    """Return (code, operation, message) of every error."""
    return [(f.code, f.location.path or "", f.message) for f in report.findings
            if f.severity is Severity.ERROR]


def _at(report: Report, code: str) -> set[tuple[str, str]]:
    """Return (operation, pointer) of every finding with a code."""
    return {(f.location.path or "", f.pointer) for f in report.findings if f.code == code}


def test_real_server_passes_core(server: tuple[str, str, dict[str, str]]) -> None:
    """Each real server's shape conforms at the core level, with no option but its probes."""
    _, base, probes = server
    report = _check(base, probes)
    assert _errors(report) == []
    assert report.conforms
    assert {"api.status", "api.body-schema", "api.unknown-id"} <= set(report.checks)


def test_real_server_fails_the_strict_first_version(
    server: tuple[str, str, dict[str, str]],
) -> None:
    """Against 1.0.0, whose core was the stricter advice, each real server fails: 2.0.0 is why."""
    _, base, probes = server
    assert not _check(base, probes, "street-reports-api@1.0.0").conforms


def test_xml_heritage_is_a_warning_with_advice(server: tuple[str, str, dict[str, str]]) -> None:
    """Text booleans and numbers, numeric ids, wrappers and empty strings are advice warnings."""
    name, base, probes = server
    report = _check(base, probes)
    advice = [f for f in report.findings if f.code == "api.advice"]
    assert all(f.severity is Severity.WARNING and f.advice for f in advice)
    expected = {
        "chicago": set(),
        "fixmystreet": {("GET /services.json", ""), ("GET /requests.json", "")},
        "open311-adapter": {("GET /services.json", "/0/metadata"),
                            ("GET /services.json", "/1/group"),
                            ("GET /services/{service_code}.json", "/attributes/0/required"),
                            ("GET /requests.json", "/0/lat"),
                            ("GET /requests.json", "/0/zipcode"),
                            ("GET /requests.json", "/2/status")},
    }[name]
    assert expected <= _at(report, "api.advice")
    if name == "chicago":
        # Chicago's JSON is plain JSON: only its US addresses' lack of a postcode is fine.
        assert advice == []


def test_chicago_requests_validate_as_data() -> None:
    """The City of Chicago's published requests conform to the 2.0.0 data standard, no warning."""
    checker = Checker.for_standard(STREET, allow_draft=True)
    report = checker.check_paths([str(DATA / "chicago" / "requests.json")])
    assert report.records == 5
    assert [(f.code, f.pointer) for f in report.findings] == []


def test_fixmystreet_shapes_validate_as_data_with_warnings(tmp_path: Path) -> None:
    """FixMyStreet's requests conform; numeric ids, text coordinates and objects are warned."""
    checker = Checker.for_standard(STREET, allow_draft=True)
    # A file of records is the list inside FixMyStreet's wrapper.
    records = tmp_path / "requests.json"
    records.write_text(json.dumps(_read("fixmystreet/requests.json")["service_requests"]))
    report = checker.check_paths([str(records)])
    assert report.conforms and report.records == 2
    warned = {(f.code, f.pointer) for f in report.findings}
    assert ("advice.not-followed", "/service_request_id") in warned
    assert ("advice.not-followed", "/lat") in warned
    assert ("advice.not-followed", "/agency_responsible") in warned


def test_fixmystreet_unknown_id_is_an_empty_list() -> None:
    """FixMyStreet's 200 with an empty list for an unknown id passes core, with a warning."""
    make, mount, probes = SERVERS["fixmystreet"]
    with serve_app(make()) as url:
        report = _check(url + mount, {**probes, "unknown_service_request_id": "999999"})
    unknown = [f for f in report.findings if f.code == "api.unknown-id"]
    assert [(f.severity, f.location.path) for f in unknown] == [
        (Severity.WARNING, "GET /requests/{service_request_id}.json")]
    assert report.conforms


def test_fixmystreet_without_jurisdiction_says_what_came_back() -> None:
    """Without the jurisdiction_id FixMyStreet needs, the web page it answers is named."""
    make, mount, _ = SERVERS["fixmystreet"]
    with serve_app(make()) as url:
        report = _check(url + mount, {})
    content = [f for f in report.findings if f.code == "api.content-type"]
    assert content and all("text/html" in f.message for f in content)
    assert all(f.advice and "web page" in f.advice for f in content)


def test_an_id_with_slashes_is_fetched() -> None:
    """A missed collection reference such as MC/2026/004512 is a service request id."""
    make, mount, probes = SERVERS["open311-adapter"]
    with serve_app(make()) as url:
        report = _check(url + mount, probes)
    fetched = [f for f in report.findings if f.location.path ==
               "GET /requests/{service_request_id}.json" and f.severity is not Severity.INFO]
    assert [f for f in fetched if f.code in ("api.status", "api.identity")] == []
    assert "GET /requests/{service_request_id}.json" in {
        file.path for file in report.files if "api.identity" in (file.checks or ())}


# -- FixMyStreet as a client (its profile) ------------------------------------------------


def test_fixmystreet_profile_passes_the_adapter_with_writes() -> None:
    """open311-adapter meets the FixMyStreet profile: updates read, upper-case statuses posted."""
    make, mount, probes = SERVERS["open311-adapter"]
    with serve_app(make()) as url:
        report = _check(url + mount, probes, client="fixmystreet", allow_writes=True,
                        sandbox_url=url + mount)
    assert _errors(report) == []
    assert "api.client" in report.checks
    assert any("fixmystreet as a client" in n.message for n in report.notices)


def test_fixmystreet_profile_needs_request_updates() -> None:
    """FixMyStreet's own server serves no request updates: under the profile that is core."""
    make, mount, probes = SERVERS["fixmystreet"]
    with serve_app(make()) as url:
        plain = _check(url + mount, probes)
        profiled = _check(url + mount, probes, client="fixmystreet")
    updates = "GET /servicerequestupdates.json"
    assert ("api.status", updates) not in {(c, o) for c, o, _ in _errors(plain)}
    assert ("api.status", updates) in {(c, o) for c, o, _ in _errors(profiled)}


def test_unknown_client_is_refused() -> None:
    """A client check-api does not know is a configuration error naming the ones it knows."""
    from lgstandards.errors import ConfigError

    with pytest.raises(ConfigError, match="fixmystreet"):
        _check("http://127.0.0.1:9", {}, client="no-such-client")


def test_statuses_are_accepted_in_any_case() -> None:
    """Upper-case and council-specific statuses conform, each with a warning to write it lower."""
    checker = Checker.for_standard(STREET, allow_draft=True)
    record = {"service_request_id": "MC/2026/004512", "status": "OPEN",
              "service_code": "Bins left out", "requested_datetime": "2026-12-01T08:00:00Z"}
    findings: list[Finding] = list(checker.check_record(record))
    assert [(f.code, f.pointer, f.severity) for f in findings] == [
        ("advice.not-followed", "/status", Severity.WARNING)]


def test_cli_client_option_and_config(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """--client and a configuration's client key check FixMyStreet's needs; unknown ones exit 2."""
    from lgstandards.cli import main

    make, mount, _ = SERVERS["fixmystreet"]
    with serve_app(make()) as url:
        base = ["check-api", "-s", STREET, "--draft", "--base-url", url + mount,
                "--probe", "jurisdiction_id=fixmystreet", "--rate-limit", "500/s"]
        assert main([*base, "--format", "json"]) == 0
        capsys.readouterr()
        assert main([*base, "--client", "fixmystreet", "--format", "json"]) == 1
        report = json.loads(capsys.readouterr().out)
        config = tmp_path / "check-api.toml"
        config.write_text('client = "fixmystreet"\n')
        assert main([*base, "--config", str(config)]) == 1
        capsys.readouterr()
        assert main([*base, "--client", "no-such-client"]) == 2
    assert "no-such-client" in capsys.readouterr().err
    updates = next(f for f in report["files"] if f["path"] == "GET /servicerequestupdates.json")
    assert {f["code"] for f in updates["findings"]} >= {"api.status"}


def _old_requests() -> list[tuple[str, dict[str, Any]]]:
    """Return the valid 1.0.0 service requests."""
    folder = Path(__file__).resolve().parents[1] / "standards" / "street-reports-api" / "1.0.0"
    return [(p.name, json.loads(p.read_text()))
            for p in sorted((folder / "examples" / "valid").glob("*.json"))]


@pytest.mark.parametrize(("name", "record"), _old_requests(), ids=[n for n, _ in _old_requests()])
def test_migration_keeps_every_valid_1_request(name: str, record: dict[str, Any]) -> None:
    """Every valid 1.0.0 request, upgraded, is valid under 2.0.0 without warnings, input intact."""
    import copy

    from lgstandards.development.migrations import ALL
    from lgstandards.rules import RuleOptions

    migration = next(m for m in ALL if m.standard == "street-reports-api")
    before = copy.deepcopy(record)
    upgraded = migration.migrate(record)
    assert record == before and upgraded.record == record and upgraded.notes == ()
    checker = Checker.for_standard(STREET, options=RuleOptions(), allow_draft=True)
    assert [(f.code, f.pointer) for f in checker.check_record(upgraded.record)] == []
