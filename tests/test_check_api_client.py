"""The safety rules of check-api's HTTP client, proved with httpx.MockTransport and a fake clock."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lgstandards.apicheck import ApiCheckOptions, Limits, Redactor, SafeClient, check_api
from lgstandards.apicheck.client import UnsafeRequestError, parse_header
from lgstandards.apicheck.config import load_config, parse_rate
from lgstandards.errors import ConfigError, LgstandardsError, StandardNotFoundError
from lgstandards.reporters import REPORTERS, ReportOptions

BASE = "https://api.council.example/waste/v1"
Handler = Callable[[httpx.Request], httpx.Response]


class FakeClock:
    """A clock that only moves when something sleeps or a test moves it."""

    def __init__(self) -> None:
        """Start at zero with nothing slept."""
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        """Return the current fake time."""
        return self.now

    def sleep(self, seconds: float) -> None:
        """Move time on instead of waiting."""
        self.slept.append(seconds)
        self.now += seconds


class Recorder:
    """A MockTransport handler that records every request it is sent."""

    def __init__(self, handler: Handler) -> None:
        """Wrap a handler."""
        self.handler = handler
        self.requests: list[httpx.Request] = []

    def __call__(self, request: httpx.Request) -> httpx.Response:
        """Record the request and answer it."""
        self.requests.append(request)
        return self.handler(request)

    def client(self) -> httpx.Client:
        """Return an httpx client whose transport is this recorder."""
        return httpx.Client(transport=httpx.MockTransport(self))


def _safe(recorder: Recorder, clock: FakeClock | None = None, **options: Any) -> SafeClient:
    """Return a safe client for BASE over the recorder, on a fake clock."""
    clock = clock or FakeClock()
    return SafeClient(recorder.client(), BASE, clock=clock, sleep=clock.sleep, **options)


def _ok(request: httpx.Request) -> httpx.Response:
    """Answer every request 200 with a small JSON body."""
    return httpx.Response(200, json={"ok": True})


# -- writes ----------------------------------------------------------------------------------


def test_writes_refused_without_allow_writes() -> None:
    """A POST is refused before it is sent when writes are not allowed."""
    recorder = Recorder(_ok)
    client = _safe(recorder)
    with pytest.raises(UnsafeRequestError, match="does not allow writes"):
        client.request("POST", client.url("/missed-collections"), json={})
    assert recorder.requests == []


@pytest.mark.parametrize("method", ["PUT", "PATCH", "DELETE"])
def test_every_write_method_is_refused(method: str) -> None:
    """Methods other than GET and HEAD never reach the server without permission."""
    recorder = Recorder(_ok)
    client = _safe(recorder)
    with pytest.raises(UnsafeRequestError):
        client.request(method, client.url("/x"))
    assert recorder.requests == []


def test_writes_go_only_to_the_sandbox() -> None:
    """With writes allowed, a POST to the live base URL is refused and one to the sandbox sent."""
    recorder = Recorder(_ok)
    sandbox = "https://sandbox.council.example/waste/v1"
    client = _safe(recorder, allow_writes=True, sandbox_url=sandbox)
    with pytest.raises(UnsafeRequestError, match="sandbox"):
        client.request("POST", client.url("/missed-collections"), json={})
    exchange = client.request("POST", client.url("/missed-collections", sandbox=True), json={})
    assert exchange.status == 200
    assert [str(r.url) for r in recorder.requests] == [f"{sandbox}/missed-collections"]


@pytest.mark.parametrize("path", ["/../live/missed-collections", "/%2e%2e/live/x"])
def test_writes_cannot_climb_out_of_the_sandbox(path: str) -> None:
    """A write URL that starts with the sandbox but climbs out with '..' is refused."""
    recorder = Recorder(_ok)
    sandbox = "https://api.council.example/sandbox"
    client = _safe(recorder, allow_writes=True, sandbox_url=sandbox)
    with pytest.raises(UnsafeRequestError, match="sandbox"):
        client.request("POST", sandbox + path, json={})
    assert recorder.requests == []


def test_allow_writes_needs_a_sandbox() -> None:
    """Allowing writes without naming a sandbox is an error."""
    with pytest.raises(LgstandardsError, match="sandbox"):
        SafeClient(httpx.Client(), BASE, allow_writes=True)


def test_a_run_without_writes_sends_only_gets() -> None:
    """A whole conformance run, given a server that says yes to everything, sends only GETs."""
    recorder = Recorder(_ok)
    clock = FakeClock()
    check_api(ApiCheckOptions("waste-collections-api", BASE, probes={"postcode": "BN43 5RA",
                                                                     "uprn": "100062201563"}),
              http_client=recorder.client(), clock=clock, sleep=clock.sleep)
    assert recorder.requests
    assert {r.method for r in recorder.requests} == {"GET"}


def test_other_hosts_are_refused() -> None:
    """A request to a host other than the base URL's is refused, even a GET."""
    recorder = Recorder(_ok)
    client = _safe(recorder)
    with pytest.raises(UnsafeRequestError, match="not on the host"):
        client.request("GET", "https://evil.example/steal")
    assert recorder.requests == []


# -- redirects -------------------------------------------------------------------------------


def _redirect_to(target: str) -> Handler:
    """Return a handler that redirects /start to a target and answers elsewhere."""
    def handler(request: httpx.Request) -> httpx.Response:
        """Answer the request as the test arranges."""
        if request.url.path.endswith("/start"):
            return httpx.Response(302, headers={"Location": target})
        return httpx.Response(200, json={"arrived": str(request.url)})

    return handler


@pytest.mark.parametrize("target", [
    "https://elsewhere.example/start-over",
    "http://api.council.example/waste/v1/end",  # A downgrade to plain HTTP on the same host.
    "https://api.council.example:8443/waste/v1/end",  # Another port is another origin.
])
def test_redirect_off_origin_is_not_followed(target: str) -> None:
    """A redirect to another host, scheme or port is reported as api.redirect and not followed."""
    recorder = Recorder(_redirect_to(target))
    client = _safe(recorder)
    exchange = client.request("GET", client.url("/start"))
    assert exchange.failure is not None and exchange.failure.code == "api.redirect"
    assert len(recorder.requests) == 1


def test_redirect_on_the_same_origin_is_followed() -> None:
    """A redirect within the API's own origin is followed to the answer."""
    recorder = Recorder(_redirect_to("/waste/v1/end"))
    client = _safe(recorder)
    exchange = client.request("GET", client.url("/start"))
    assert exchange.failure is None and exchange.status == 200
    assert [r.url.path for r in recorder.requests] == ["/waste/v1/start", "/waste/v1/end"]


def test_redirect_loop_stops() -> None:
    """A redirect loop ends after a few hops with api.redirect."""
    recorder = Recorder(lambda r: httpx.Response(302, headers={"Location": "/waste/v1/start"}))
    client = _safe(recorder)
    exchange = client.request("GET", client.url("/start"))
    assert exchange.failure is not None and exchange.failure.code == "api.redirect"
    assert len(recorder.requests) == Limits().max_redirects + 1


# -- size, time and rate -----------------------------------------------------------------------


def _streamed(chunks: Iterator[bytes], on_chunk: Callable[[], None] = lambda: None) -> Handler:
    """Return a handler that streams chunks without a Content-Length."""
    class Body(httpx.SyncByteStream):
        """A response body read chunk by chunk."""

        def __iter__(self) -> Iterator[bytes]:
            """Yield the chunks, calling the hook before each."""
            for chunk in chunks:
                on_chunk()
                yield chunk

    return lambda request: httpx.Response(200, headers={"Content-Type": "application/json"},
                                          stream=Body())


def test_size_cap_stops_reading_a_stream() -> None:
    """A body without Content-Length is read only up to the cap, then abandoned."""
    served = []

    def endless() -> Iterator[bytes]:
        """Yield a kilobyte of spaces for ever."""
        while True:
            served.append(1)
            yield b" " * 1000

    client = _safe(Recorder(_streamed(endless())), limits=Limits(max_bytes=5000))
    exchange = client.request("GET", client.url("/big"))
    assert exchange.failure is not None and exchange.failure.code == "api.too-large"
    assert exchange.body == b""
    assert len(served) <= 7  # Read to just past the cap, not to the end (there is none).


def test_size_cap_trusts_a_large_content_length() -> None:
    """A declared Content-Length over the cap fails at once."""
    handler: Handler = lambda request: httpx.Response(  # noqa: E731
        200, headers={"Content-Length": "999999999"}, content=b"{}")
    client = _safe(Recorder(handler), limits=Limits(max_bytes=1000))
    exchange = client.request("GET", client.url("/big"))
    assert exchange.failure is not None and exchange.failure.code == "api.too-large"
    assert "999,999,999" in exchange.failure.message


def test_trickling_body_hits_the_deadline() -> None:
    """A server that sends a byte at a time never trips the read timeout, but the deadline."""
    clock = FakeClock()

    def drip() -> None:
        """Let half a second pass per chunk."""
        clock.now += 0.5

    chunks = iter([b"{"] + [b" "] * 100 + [b"}"])
    client = _safe(Recorder(_streamed(chunks, drip)), clock, limits=Limits(timeout=3))
    exchange = client.request("GET", client.url("/slow"))
    assert exchange.failure is not None and exchange.failure.code == "api.timeout"


@pytest.mark.parametrize(("error", "code"), [
    (httpx.ReadTimeout("read timed out"), "api.timeout"),
    (httpx.ConnectTimeout("connect timed out"), "api.unreachable"),
    (httpx.ConnectError("connection refused"), "api.unreachable"),
    (httpx.RemoteProtocolError("illegal header"), "api.unreachable"),
])
def test_transport_errors_become_failures(error: Exception, code: str) -> None:
    """Timeouts and connection errors become failures with stable codes, not exceptions."""

    def handler(request: httpx.Request) -> httpx.Response:
        """Answer the request as the test arranges."""
        raise error

    client = _safe(Recorder(handler))
    exchange = client.request("GET", client.url("/"))
    assert exchange.failure is not None and exchange.failure.code == code


def test_rate_limit_spaces_requests() -> None:
    """At 2 requests a second, five requests wait 0.5 s before each but the first."""
    clock = FakeClock()
    client = _safe(Recorder(_ok), clock, limits=Limits(rate_limit=2))
    for _ in range(5):
        client.request("GET", client.url("/"))
    assert clock.slept == [0.5, 0.5, 0.5, 0.5]


def test_retry_after_is_honoured_once() -> None:
    """A 429 with a short Retry-After is retried once after waiting; a long one is not."""
    answers = iter([httpx.Response(429, headers={"Retry-After": "2"}),
                    httpx.Response(200, json={})])
    clock = FakeClock()
    recorder = Recorder(lambda request: next(answers))
    client = _safe(recorder, clock, limits=Limits(rate_limit=100))
    assert client.request("GET", client.url("/")).status == 200
    assert 2.0 in clock.slept and len(recorder.requests) == 2
    patient = Recorder(lambda request: httpx.Response(429, headers={"Retry-After": "3600"}))
    assert _safe(patient).request("GET", BASE).status == 429
    assert len(patient.requests) == 1


@pytest.mark.parametrize("bad", [
    {"rate_limit": 0}, {"timeout": 0}, {"connect_timeout": -1}, {"max_bytes": 0},
])
def test_limits_must_be_positive(bad: dict[str, Any]) -> None:
    """Limits that would disable a safety rule are refused."""
    with pytest.raises(ValueError):
        Limits(**bad)


# -- secrets -----------------------------------------------------------------------------------

SECRET = "sk_live_9f8e7d6c5b4a"


def _echoing_server(request: httpx.Request) -> httpx.Response:
    """Answer every request with bodies that repeat the API key back, the worst case."""
    key = request.headers.get("X-Api-Key", "")
    if request.url.path.endswith("/schedule"):
        return httpx.Response(200, json={"property": {"uprn": key}, "key": key})
    if request.url.path.endswith("/v1/"):
        return httpx.Response(200, json={"standard": key, "version": key})
    return httpx.Response(404, json={"detail": f"bad key {key}"},
                          headers={"Content-Type": "text/plain"})


def test_secret_header_values_never_reach_any_report() -> None:
    """A header value echoed by the server is redacted from every finding, in every format."""
    clock = FakeClock()
    recorder = Recorder(_echoing_server)
    report = check_api(
        ApiCheckOptions("waste-collections-api", BASE + "?api_key=query-secret-123",
                        probes={"uprn": "100062201563"}, headers={"X-Api-Key": SECRET}),
        http_client=recorder.client(), clock=clock, sleep=clock.sleep,
    )
    # Sent, though: on every request but those that check the API refuses a caller without it.
    sent = [r for r in recorder.requests if "X-Api-Key" in r.headers]
    assert sent and all(r.headers["X-Api-Key"] == SECRET for r in sent)
    assert not report.conforms
    rendered = [REPORTERS[name](report, ReportOptions()) for name in REPORTERS]
    for text in rendered:
        assert SECRET not in text
        assert "query-secret-123" not in text
    assert any("[redacted]" in text for text in rendered)


def test_redactor_hides_user_info_and_key_parameters() -> None:
    """URLs lose their password and key-like query values; text loses known secrets."""
    redactor = Redactor([SECRET])
    url = redactor.url(f"https://user:pw@host.example/a?postcode=BS1&api_key=abc123&x={SECRET}")
    assert "pw" not in url and "abc123" not in url and SECRET not in url
    assert "postcode=BS1" in url
    assert redactor.text(f"the key {SECRET} was wrong") == "the key [redacted] was wrong"
    assert redactor.value({"k": [SECRET]}) == {"k": ["[redacted]"]}


@pytest.mark.parametrize("text", ["X-Api-Key", "Bad Name: v", ": value"])
def test_header_parsing_refuses_malformed_headers(text: str) -> None:
    """A --header that is not 'Name: value' is refused with an example."""
    with pytest.raises(LgstandardsError, match="Name: value"):
        parse_header(text)


def test_header_parsing() -> None:
    """A header splits at its first colon, keeping colons in the value."""
    assert parse_header("Authorization: Bearer a:b") == ("Authorization", "Bearer a:b")


# -- options and configuration -----------------------------------------------------------------


def test_unknown_probe_is_refused() -> None:
    """A probe name the standard does not take is an error naming the ones it does."""
    with pytest.raises(ConfigError, match="postcode"):
        check_api(ApiCheckOptions("waste-collections-api", BASE, probes={"colour": "red"}),
                  http_client=Recorder(_ok).client())


def test_data_standard_is_refused() -> None:
    """check-api only takes API standards."""
    with pytest.raises(StandardNotFoundError, match="data standard"):
        check_api(ApiCheckOptions("common", BASE), http_client=Recorder(_ok).client())


@pytest.mark.parametrize(("text", "rate"), [("5", 5.0), ("5/s", 5.0), ("0.5/s", 0.5),
                                            ("120/min", 2.0), ("30 / m", 0.5)])
def test_parse_rate(text: str, rate: float) -> None:
    """Rates are read per second or per minute."""
    assert parse_rate(text) == rate


@pytest.mark.parametrize("text", ["0", "-1/s", "fast", "5/hour", ""])
def test_parse_rate_refuses_nonsense(text: str) -> None:
    """A rate that is not a positive number per second or minute is refused."""
    with pytest.raises(ConfigError):
        parse_rate(text)


@pytest.mark.parametrize(("content", "message"), [
    ('standard = "x"\ncolour = "red"\n', "unknown setting colour"),
    ("timeout = -1\n", "timeout"),
    ("[headers]\nX-Key = { env = \"NOT_SET_ANYWHERE_42\" }\n", "not set"),
    ("[probes]\npostcode = true\n", "probes.postcode"),
    ("this is = = not toml", "not valid TOML"),
    ("select = 3\n", "select"),
    ("mask = \"yes\"\n", "mask"),
])
def test_config_errors_name_the_key(tmp_path: Any, content: str, message: str) -> None:
    """A malformed configuration is a ConfigError naming the problem."""
    path = tmp_path / "check-api.toml"
    path.write_text(content)
    with pytest.raises(ConfigError, match=message):
        load_config(path, environ={})


def test_config_json_and_environment(tmp_path: Any) -> None:
    """A JSON configuration works too, and header values come from the environment."""
    path = tmp_path / "check-api.json"
    path.write_text(json.dumps({"base-url": BASE, "rate-limit": "60/min", "max-bytes": 1000,
                                "headers": {"X-Api-Key": {"env": "KEY"}}}))
    config = load_config(path, environ={"KEY": SECRET})
    assert (config.base_url, config.rate_limit, config.max_bytes) == (BASE, 1.0, 1000)
    assert config.headers == {"X-Api-Key": SECRET}


def test_config_sets_the_report_like_the_options(tmp_path: Any) -> None:
    """mask, select and ignore are settings as they are options; one code is a list of one."""
    path = tmp_path / "check-api.toml"
    path.write_text('mask = true\nselect = "api"\nignore = ["api.cors", "api.headers"]\n')
    config = load_config(path, environ={})
    assert (config.mask, config.select, config.ignore) == (True, ("api",),
                                                           ("api.cors", "api.headers"))


def test_api_checking_never_imports_click_or_rich() -> None:
    """The API checker is library core: a run and its reports load neither click nor rich."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from lgstandards.apicheck import ApiCheckOptions, check_api\n"
        "import httpx\n"
        "from lgstandards.reporters import REPORTERS, ReportOptions\n"
        "client = httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(404)))\n"
        "report = check_api(ApiCheckOptions('street-reports-api', 'https://x.example/o'),\n"
        "                   http_client=client, sleep=lambda s: None)\n"
        "[REPORTERS[n](report, ReportOptions()) for n in ('json', 'text', 'junit')]\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in ('click', 'rich'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip() == ""


# -- robustness --------------------------------------------------------------------------------

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(
        st.sampled_from(["items", "total_items", "links", "next", "property", "uprn", "status",
                         "service_code", "service_request_id", "page", "reference"]),
        inner, max_size=4),
    max_leaves=12,
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data(), standard=st.sampled_from(["waste-collections-api", "street-reports-api"]))
def test_any_server_behaviour_gives_a_report(data: st.DataObject, standard: str) -> None:
    """Whatever a server answers, check-api returns a report and no check trips over it."""

    def handler(request: httpx.Request) -> httpx.Response:
        """Answer with a status, media type and body drawn by hypothesis."""
        status = data.draw(st.sampled_from([200, 201, 204, 301, 400, 404, 422, 500]))
        media = data.draw(st.sampled_from(["application/json", "application/problem+json",
                                           "text/html", ""]))
        body = data.draw(st.one_of(_JSON.map(lambda v: json.dumps(v).encode()),
                                   st.binary(max_size=20)))
        headers = {"Content-Type": media} if media else {}
        if status == 301:
            headers["Location"] = data.draw(st.sampled_from(["/x", "https://other.example/",
                                                             "//evil.example/a", ""]))
        return httpx.Response(status, headers=headers, content=body)

    clock = FakeClock()
    report = check_api(
        ApiCheckOptions(standard, BASE, probes={"postcode": "BN43 5RA"} if "waste" in standard
                        else {}, allow_writes=True, sandbox_url=BASE),
        http_client=Recorder(handler).client(), clock=clock, sleep=clock.sleep,
    )
    assert report.files
    assert not [f.message for f in report.findings if f.code.startswith("internal.")]
    for name in REPORTERS:
        REPORTERS[name](report, ReportOptions())
