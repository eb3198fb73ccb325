"""Hostile input: files and servers built to exhaust, hang or leak; each promise is asserted."""

from __future__ import annotations

import gzip
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from lgstandards.apicheck import Limits, Redactor, SafeClient
from lgstandards.apicheck.client import parse_header
from lgstandards.apicheck.config import load_config
from lgstandards.cli import main
from lgstandards.errors import LgstandardsError

KEY = "sk_live_4f9a8b7c6d5e4f3a2b1c"
BASE = "https://api.council.example/waste/v1"


def _run(args: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    """Run the CLI as a user would, returning its exit code and everything it printed."""
    code = main(args)
    out = capsys.readouterr()
    return code, out.out + out.err


# -- secrets -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "shown",
    [
        KEY,
        "Bearer%20" + KEY,
        KEY[:8],
        KEY[:20] + "...",
        "https://x.example/?next=" + "Bearer+" + KEY,
    ],
)
def test_every_form_of_a_bearer_key_is_redacted(shown: str) -> None:
    """A key shown whole, unprefixed, percent-encoded or cut short never survives redaction."""
    redactor = Redactor([f"Bearer {KEY}\r\n"])
    text = redactor.text(f"the server said: {shown}")
    assert KEY[:8] not in text
    assert "[redacted]" in text


def test_a_key_with_characters_that_need_encoding_is_redacted_encoded() -> None:
    """A key with '/', '+' and '=' is hidden in its percent-encoded form too."""
    key = "ab/cd+ef=gh12345"
    redactor = Redactor([key])
    assert "ab%2Fcd%2Bef%3Dgh12345" not in redactor.text("Location: /x?k=ab%2Fcd%2Bef%3Dgh12345")


def test_environment_values_lose_trailing_white_space(tmp_path: Any) -> None:
    """A header read from the environment (a .env file) loses its trailing CR and spaces."""
    config = tmp_path / "api.toml"
    config.write_text('[headers]\nX-Api-Key = { env = "KEY" }\n')
    loaded = load_config(config, {"KEY": KEY + "\r\n"})
    assert loaded.headers["X-Api-Key"] == KEY


@pytest.mark.parametrize("text", ["Authorization Bearer " + KEY, KEY, "X-Key: a\nb" + KEY])
def test_a_malformed_header_is_refused_without_echoing_it(text: str) -> None:
    """A mistyped --header is refused, and the message never shows what was given."""
    with pytest.raises(LgstandardsError) as caught:
        parse_header(text)
    assert KEY[:8] not in str(caught.value)


def test_a_malformed_header_on_the_command_line_exits_2_silently(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """`check-api -H 'Authorization Bearer KEY'` exits 2 and prints no part of the key."""
    code, printed = _run(
        ["check-api", "--standard", "waste-collections-api@1", "--base-url", BASE,
         "-H", f"Authorization Bearer {KEY}"],
        capsys,
    )
    assert code == 2
    assert KEY[:8] not in printed
    assert "Traceback" not in printed and "internal error" not in printed


@pytest.mark.parametrize(
    "url", ["http://[::1", "https://host.example:99999/", "https:///nohost", "ftp://x.example/"]
)
def test_a_malformed_base_url_is_a_clear_error(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    """A base URL that cannot be parsed is a clear error, exit 2, never an internal error."""
    code, printed = _run(
        ["check-api", "--standard", "waste-collections-api@1", "--base-url", url], capsys
    )
    assert code == 2
    assert "base URL" in printed
    assert "internal error" not in printed and "Traceback" not in printed


def test_a_key_in_a_transport_error_is_redacted() -> None:
    """A transport error whose text quotes a key (cut short, say) never shows it."""

    def fail(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused for {KEY[:12]}", request=request)

    client = SafeClient(httpx.Client(transport=httpx.MockTransport(fail)), BASE,
                        headers={"Authorization": f"Bearer {KEY}"}, sleep=lambda s: None)
    exchange = client.request("GET", BASE + "/")
    assert exchange.failure is not None
    assert KEY[:8] not in exchange.failure.message



# -- hostile servers -------------------------------------------------------------------------


class _Stream(httpx.SyncByteStream):
    """A body served in 16 KiB chunks as a network would, so the client decodes it itself."""

    def __init__(self, body: bytes) -> None:
        """Serve these bytes."""
        self.body = body

    def __iter__(self) -> Iterator[bytes]:
        """Yield the body a chunk at a time."""
        for at in range(0, len(self.body), 16384):
            yield self.body[at : at + 16384]


def _bomb(layers: int, size: int = 50_000_000) -> bytes:
    """Return `size` zero bytes gzipped `layers` times over."""
    body = b"\0" * size
    for _ in range(layers):
        body = gzip.compress(body, 9)
    return body


@pytest.mark.parametrize(("encoding", "layers"), [("gzip", 1), ("gzip, gzip", 2)])
def test_every_content_encoding_layer_is_bounded(encoding: str, layers: int) -> None:
    """A gzip bomb, nested or not, stops at the size cap: a failure, never the memory."""
    body = _bomb(layers)

    def serve(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_Stream(body), headers={"Content-Encoding": encoding})

    client = SafeClient(httpx.Client(transport=httpx.MockTransport(serve)), BASE,
                        limits=Limits(max_bytes=1_000_000), sleep=lambda s: None)
    exchange = client.request("GET", BASE + "/")
    assert exchange.failure is not None and exchange.failure.code == "api.too-large"
    assert "/waste/v1/" in exchange.failure.message


def test_layered_encoding_within_the_cap_is_decoded() -> None:
    """A body gzipped twice, small when decoded, reads as the JSON it is."""
    body = gzip.compress(gzip.compress(b'{"ok": true}'))

    def serve(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_Stream(body), headers={"Content-Encoding": "gzip, gzip"})

    client = SafeClient(httpx.Client(transport=httpx.MockTransport(serve)), BASE,
                        sleep=lambda s: None)
    assert client.request("GET", BASE + "/").body == b'{"ok": true}'


@pytest.mark.parametrize("encoding", ["br", "gzip"])
def test_an_undecodable_body_is_a_failure(encoding: str) -> None:
    """A coding not asked for, or a damaged gzip body, is a failure naming the URL."""

    def serve(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=_Stream(b"not compressed"),
                              headers={"Content-Encoding": encoding})

    client = SafeClient(httpx.Client(transport=httpx.MockTransport(serve)), BASE,
                        sleep=lambda s: None)
    exchange = client.request("GET", BASE + "/")
    assert exchange.failure is not None and exchange.failure.code == "api.unreachable"
    assert "/waste/v1/" in exchange.failure.message
