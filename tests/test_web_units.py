"""The web validator's parts on their own: settings, gzip caps, the address guard, the store."""

from __future__ import annotations

import gzip
import ipaddress
from pathlib import Path

import httpx
import pytest

from lgstandards.errors import ConfigError
from lgstandards.web.netguard import GuardedTransport, RefusedAddress, check_host, forbidden
from lgstandards.web.security import new_token, token_is_signed, token_matches
from lgstandards.web.settings import Settings, describe_size, parse_size
from lgstandards.web.store import ReportStore
from lgstandards.web.unpack import MAX_LAYERS, UnpackError, unpack
from lgstandards.web.uploads import clean_file_name

# -- settings --------------------------------------------------------------------------------------


def test_settings_come_from_the_environment() -> None:
    """Each LGSTANDARDS_WEB_* variable sets its limit, sizes with units."""
    settings = Settings.from_environ({
        "LGSTANDARDS_WEB_MAX_UPLOAD_BYTES": "10MB",
        "LGSTANDARDS_WEB_API_CHECK": "off",
        "LGSTANDARDS_WEB_API_ALLOW_NETWORKS": "127.0.0.0/8, 10.20.0.0/16",
        "LGSTANDARDS_WEB_CHECK_SECONDS": "30",
        "PATH": "/usr/bin",
    })
    assert settings.max_upload_bytes == 10_000_000
    assert settings.api_check is False and settings.check_seconds == 30.0
    assert settings.api_allow_networks == (ipaddress.ip_network("127.0.0.0/8"),
                                           ipaddress.ip_network("10.20.0.0/16"))
    assert Settings.from_environ({}).max_upload_bytes == Settings().max_upload_bytes


@pytest.mark.parametrize(("variable", "value", "said"), [
    ("LGSTANDARDS_WEB_MAX_UPLOAD_BYTES", "lots", "LGSTANDARDS_WEB_MAX_UPLOAD_BYTES"),
    ("LGSTANDARDS_WEB_MAX_RATIO", "0", "MAX_RATIO must be at least 1"),
    ("LGSTANDARDS_WEB_API_CHECK", "maybe", "write true or false"),
    ("LGSTANDARDS_WEB_API_ALLOW_NETWORKS", "10.0.0.0/33", "LGSTANDARDS_WEB_API_ALLOW_NETWORKS"),
    ("LGSTANDARDS_WEB_MAX_UPLOADS", "1", "unknown setting LGSTANDARDS_WEB_MAX_UPLOADS"),
    ("LGSTANDARDS_WEB_SECRET", "short", "at least 16 characters"),
])
def test_bad_settings_are_refused_naming_the_variable(variable: str, value: str,
                                                      said: str) -> None:
    """A bad value stops the server with a sentence naming the variable."""
    with pytest.raises(ConfigError, match=said):
        Settings.from_environ({variable: value})


def test_sizes_are_read_and_written_as_people_do() -> None:
    """Sizes take kB, MB, GB (decimal) and KiB..GiB; they are shown in decimal units."""
    assert parse_size("50M") == parse_size("50MB") == 50_000_000
    assert parse_size("2GiB") == 2 * 1024**3 and parse_size("512") == 512
    assert describe_size(50_000_000) == "50 MB" and describe_size(1_500) == "1.5 kB"


# -- gzip ------------------------------------------------------------------------------------------


def _write(tmp_path: Path, data: bytes) -> Path:
    """Write an upload."""
    path = tmp_path / "upload"
    path.write_bytes(data)
    return path


def test_gzip_is_undone_member_by_member(tmp_path: Path) -> None:
    """A gzip of several members (as `cat a.gz b.gz` makes) is undone whole."""
    path = _write(tmp_path, gzip.compress(b"a,b\n") + gzip.compress(b"1,2\n"))
    assert unpack(path, max_bytes=1_000, max_ratio=10).read_bytes() == b"a,b\n1,2\n"


def test_a_plain_file_is_left_alone(tmp_path: Path) -> None:
    """A file that is not gzip is checked as it is."""
    path = _write(tmp_path, b"[]")
    assert unpack(path, max_bytes=1, max_ratio=1) == path


def test_each_nested_layer_is_capped(tmp_path: Path) -> None:
    """A gzip inside a gzip is undone layer by layer, each within the cap."""
    inner = gzip.compress(b"x" * 5_000)
    path = _write(tmp_path, gzip.compress(inner))
    assert unpack(path, max_bytes=10_000, max_ratio=1_000).read_bytes() == b"x" * 5_000
    again = tmp_path / "again"
    again.mkdir()
    with pytest.raises(UnpackError, match="larger than 4 kB"):
        unpack(_write(again, gzip.compress(inner)), max_bytes=4_000, max_ratio=1_000)


def test_too_many_layers_are_refused(tmp_path: Path) -> None:
    """More than MAX_LAYERS of gzip is refused, not undone for ever."""
    data = b"[]"
    for _ in range(MAX_LAYERS + 1):
        data = gzip.compress(data)
    with pytest.raises(UnpackError, match="compressed more than") as refused:
        unpack(_write(tmp_path, data), max_bytes=1_000_000, max_ratio=1_000)
    assert refused.value.status == 400


def test_the_ratio_cap_counts_output_not_input(tmp_path: Path) -> None:
    """A bomb is stopped by what comes out, long before it is all written."""
    path = _write(tmp_path, gzip.compress(b"\0" * 50_000_000))
    with pytest.raises(UnpackError, match="compression bomb"):
        unpack(path, max_bytes=10**12, max_ratio=100)
    written = [p.stat().st_size for p in tmp_path.iterdir() if p.name != "upload"]
    assert written and max(written) < 5_000_000


def test_a_damaged_gzip_is_refused(tmp_path: Path) -> None:
    """A gzip cut short is a 400 with a sentence, not a crash."""
    data = gzip.compress(b"{}" * 1_000)
    with pytest.raises(UnpackError, match="damaged or incomplete") as refused:
        unpack(_write(tmp_path, data[: len(data) // 2]), max_bytes=10**6, max_ratio=1_000)
    assert refused.value.status == 400


# -- the address guard -----------------------------------------------------------------------------


@pytest.mark.parametrize("address", ["10.1.1.1", "127.0.0.1", "169.254.169.254", "100.64.0.1",
                                     "::1", "fe80::1", "::ffff:10.0.0.1", "224.0.0.1", "0.0.0.0",
                                     "192.0.2.1"])
def test_local_and_private_addresses_are_forbidden(address: str) -> None:
    """Private, loopback, link-local, shared, multicast and documentation addresses are refused."""
    assert forbidden(ipaddress.ip_address(address))


def test_public_addresses_are_allowed() -> None:
    """Ordinary internet addresses pass."""
    assert not forbidden(ipaddress.ip_address("93.184.216.34"))
    assert not forbidden(ipaddress.ip_address("2a00:1450:4009:81f::200e"))


def test_any_forbidden_address_among_several_refuses_the_host() -> None:
    """A host with one public and one private address is refused (no picking the good one)."""
    with pytest.raises(RefusedAddress, match="private or local network"):
        check_host("mixed.example", 443, resolve=lambda h, p: ["93.184.216.34", "10.0.0.1"],
                   allow=())


def test_the_transport_pins_the_checked_address() -> None:
    """Requests go to the address that was checked, keeping Host and the TLS server name."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200)

    answers = iter([["93.184.216.34"], ["10.0.0.1"]])  # A second lookup turns private.
    transport = GuardedTransport(httpx.MockTransport(handler),
                                 resolve=lambda host, port: next(answers))
    with httpx.Client(transport=transport) as client:
        client.get("https://api.example.org/v1/x")
        with pytest.raises(RefusedAddress):
            client.get("https://api.example.org/v1/y")
    assert len(seen) == 1
    assert seen[0].url.host == "93.184.216.34" and seen[0].headers["host"] == "api.example.org"
    assert seen[0].extensions["sni_hostname"] == "api.example.org"


def test_the_transport_stops_at_its_deadline() -> None:
    """After the check's time is up every request is refused without connecting."""
    transport = GuardedTransport(httpx.MockTransport(lambda r: httpx.Response(200)),
                                 resolve=lambda h, p: ["93.184.216.34"], deadline=10.0,
                                 clock=lambda: 11.0)
    with httpx.Client(transport=transport) as client, pytest.raises(httpx.ConnectError):
        client.get("https://api.example.org/")


# -- tokens, names and the store -----------------------------------------------------------------


def test_tokens_are_signed_by_the_server() -> None:
    """A token verifies with its server's key only, and must equal its cookie."""
    token = new_token("key-of-this-server-0123")
    assert token_is_signed("key-of-this-server-0123", token)
    assert not token_is_signed("key-of-another-server-99", token)
    assert token_matches("key-of-this-server-0123", token, token)
    assert not token_matches("key-of-this-server-0123", token, new_token("key-of-this-server-0123"))


@pytest.mark.parametrize(("sent", "shown"), [
    ("C:\\Users\\me\\exports\\bins.csv", "bins.csv"),
    ("../../etc/passwd", "passwd"),
    ("a\x00b\r\n.json", "ab.json"),
    ("", "upload"),
    ("x" * 300 + ".ndjson", "x" * 110 + "….ndjson"),
])
def test_uploaded_names_are_cleaned(sent: str, shown: str) -> None:
    """Only the base name is shown, without control characters, and never very long."""
    assert clean_file_name(sent) == shown


def test_reports_expire_and_belong_to_their_browser() -> None:
    """A report is found by its owner while fresh, by no one else, and by no one once old."""
    now = [0.0]
    store = ReportStore(seconds=60, capacity=2, clock=lambda: now[0])
    ident = store.add("owner", "file", {"html": "<p>report</p>"})
    assert store.get(ident, "owner") is not None
    assert store.get(ident, "someone else") is None and store.get(ident, None) is None
    now[0] = 61.0
    assert store.get(ident, "owner") is None and len(store) == 0
    first = store.add("a", "file", {})
    store.add("a", "file", {})
    store.add("a", "file", {})
    assert store.get(first, "a") is None and len(store) == 2  # The oldest went first.
