"""Hostile input: files and servers built to exhaust, hang or leak; each promise is asserted."""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
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


# -- hostile files ---------------------------------------------------------------------------

STANDARD = "waste-property-schedule"
MB = 2**20


@pytest.fixture(scope="module")
def zeros_gz(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Return 50 MB of blank lines, gzipped: about 50 KB that expands a thousandfold."""
    # Not NUL bytes: those are reported as a binary file from the first 8 KiB alone.
    return gzip.compress(b"\n" * 50 * MB, 9)


def _validate(
    args: list[str], capsys: pytest.CaptureFixture[str], *, fmt: str = "json"
) -> tuple[int, str]:
    """Run `validate` in this process, returning the exit code and everything printed."""
    return _run(["validate", "-s", STANDARD, "--format", fmt, "--no-progress", *args], capsys)


def _subprocess(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    """Run `validate` in a child process, killed if it hangs, for inputs that could block."""
    return subprocess.run(
        [sys.executable, "-m", "lgstandards", "validate", "-s", STANDARD, "--format", "json",
         "--no-progress", *args],
        cwd=cwd, capture_output=True, text=True, timeout=120, check=False,
    )


def test_a_gzip_bomb_is_a_finding_naming_the_file(
    tmp_path: Path, zeros_gz: bytes, capsys: pytest.CaptureFixture[str]
) -> None:
    """A small gzip file that expands a thousandfold stops at the default ratio cap: exit 1."""
    bomb = tmp_path / "bomb.ndjson.gz"
    bomb.write_bytes(zeros_gz)
    code, printed = _validate([str(bomb)], capsys)
    assert code == 1
    assert "source.too-large" in printed and "bomb.ndjson.gz" in printed
    assert "Traceback" not in printed


def test_the_decompressed_size_cap_can_be_lowered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """The size cap holds for a file that compresses modestly, once lowered below its size."""
    monkeypatch.setenv("LGSTANDARDS_MAX_DECOMPRESSED_BYTES", str(MB))
    data = tmp_path / "big.ndjson.gz"
    data.write_bytes(gzip.compress(b'{"uprn": "1"}\n' * 200_000))
    code, printed = _validate(["--select", "source", str(data)], capsys)
    assert code == 1
    assert "source.too-large" in printed and "big.ndjson.gz" in printed
    assert "1,048,576" in printed


def test_a_gzip_bomb_on_standard_input_is_a_finding(
    zeros_gz: bytes, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """Piped gzip is decompressed within the same caps as a file."""
    monkeypatch.setattr("lgstandards.conformance._read_stdin", lambda: zeros_gz)
    code, printed = _validate(["-"], capsys)
    assert code == 1
    assert "source.too-large" in printed and "<stdin>" in printed


def test_a_gzip_bomb_checked_by_workers_is_a_finding(
    tmp_path: Path, zeros_gz: bytes, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With --jobs, a bomb is the same finding, named, not a failed worker."""
    from lgstandards import parallel

    monkeypatch.setattr(parallel, "PARALLEL_MIN_BYTES", 0)
    (tmp_path / "bomb.ndjson.gz").write_bytes(zeros_gz)
    (tmp_path / "ok.ndjson").write_text("{}\n")
    code = main(["validate", "-s", STANDARD, "--format", "json", "--no-progress", "--jobs", "2",
                 "-o", str(tmp_path / "report.json"), str(tmp_path)])
    report = (tmp_path / "report.json").read_text()
    assert code == 1
    assert "source.too-large" in report and "bomb.ndjson.gz" in report
    assert "internal.file-failed" not in report


def test_one_huge_record_is_a_finding_and_the_others_are_checked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """An NDJSON line past the record cap is reported by line; the lines after it are read."""
    monkeypatch.setenv("LGSTANDARDS_MAX_RECORD_BYTES", str(MB))
    data = tmp_path / "huge.ndjson"
    data.write_bytes(b'{"a": 1}\n{"pad": "' + b"x" * 3 * MB + b'"}\n{"b": 2}\n')
    code, printed = _validate([str(data)], capsys)
    assert code == 1
    report = json.loads(printed)
    located = {(f["code"], f["location"].get("line")) for f in _findings(report)}
    assert ("source.record-too-large", 2) in located
    assert any(line == 3 for _, line in located)


def _findings(report: dict[str, Any]) -> list[dict[str, Any]]:
    """Return every finding of a JSON report."""
    return [f for file in report["files"] for f in file["findings"]]


def test_a_fifo_with_no_writer_is_refused_not_waited_on(tmp_path: Path) -> None:
    """A named pipe that nobody writes to, given as input, is a finding at once: exit 1."""
    os.mkfifo(tmp_path / "pipe.json")
    done = _subprocess(["pipe.json"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert "source.special-file" in done.stdout and "pipe.json" in done.stdout
    assert "Traceback" not in done.stderr


def test_a_fifo_in_a_folder_scan_is_a_finding(tmp_path: Path) -> None:
    """A folder scan that meets a named pipe reports it and never opens it."""
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "ok.json").write_text("{}")
    os.mkfifo(tmp_path / "data" / "pipe.ndjson")
    done = _subprocess(["data"], tmp_path)
    assert done.returncode == 1, done.stderr
    assert "source.special-file" in done.stdout and "pipe.ndjson" in done.stdout


def test_a_device_is_refused(capsys: pytest.CaptureFixture[str]) -> None:
    """A device (/dev/zero never ends) is a finding, not a read that fills memory."""
    code, printed = _validate(["--input-format", "ndjson", "/dev/zero"], capsys)
    assert code == 1
    assert "source.special-file" in printed and "/dev/zero" in printed


def test_an_unreadable_folder_in_a_scan_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """A folder the scan cannot enter is a finding, so the run never says it conforms."""
    (tmp_path / "ok.json").write_text("{}")
    (tmp_path / "locked").mkdir()
    real = os.scandir

    def scandir(path: Any) -> Any:
        if str(path).endswith("locked"):
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    # Stubbed: the tests may run as root, whom no permission stops.
    monkeypatch.setattr(os, "scandir", scandir)
    code, printed = _validate([str(tmp_path)], capsys)
    monkeypatch.undo()
    assert code == 1
    assert "source.unreadable" in printed and "locked" in printed


@pytest.mark.parametrize("fmt", ["text", "json", "junit", "github", "sarif", "markdown", "html"])
def test_a_file_name_that_is_not_utf8_is_shown_escaped(
    tmp_path: Path, fmt: str, capsys: pytest.CaptureFixture[str]
) -> None:
    r"""A name with a byte that is not UTF-8 is shown as \xNN in every format, exit 1 not 2."""
    folder = os.fsencode(tmp_path)
    with open(folder + b"/caf\xe9.json", "wb") as handle:
        handle.write(b"[")
    code, printed = _validate([str(tmp_path)], capsys, fmt=fmt)
    assert code == 1, printed
    assert "caf\\xe9" in printed.replace("\\\\", "\\")  # JSON doubles the backslash.
    assert "Traceback" not in printed and "internal error" not in printed


def test_a_symlink_loop_as_the_output_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`-o` naming a loop of links is refused clearly (exit 2), not an internal error."""
    (tmp_path / "ok.json").write_text("{}")
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    code, printed = _validate([str(tmp_path / "ok.json"), "-o", str(loop)], capsys)
    assert code == 2
    assert "loop" in printed and "internal error" not in printed


def test_a_symlink_loop_as_input_is_a_finding(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An input that is a loop of links is a finding naming it, exit 1."""
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    code, printed = _validate([str(loop)], capsys)
    assert code == 1
    assert "loop.json" in printed


def test_a_schema_ref_to_a_fifo_is_refused_not_opened(tmp_path: Path) -> None:
    """A `$ref` that reaches a named pipe is a clear error (exit 2) at once, never a hang."""
    (tmp_path / "schema.json").write_text(json.dumps(
        {"$schema": "https://json-schema.org/draft/2020-12/schema",
         "properties": {"a": {"$ref": "part.json"}}}
    ))
    os.mkfifo(tmp_path / "part.json")
    (tmp_path / "data.json").write_text('{"a": 1}')
    done = subprocess.run(
        [sys.executable, "-m", "lgstandards", "validate", "--schema", "schema.json", "data.json"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "part.json" in done.stderr and "named pipe" in done.stderr
    assert "Traceback" not in done.stderr and "internal error" not in done.stderr


def test_a_header_value_with_a_line_break_is_refused_unechoed() -> None:
    """A header from a config whose value holds a line break is refused, its text unshown."""
    with pytest.raises(LgstandardsError) as caught:
        SafeClient(httpx.Client(), BASE, headers={"X-Api-Key": f"{KEY}\nX-Other: 1"})
    assert KEY[:8] not in str(caught.value)


def test_an_error_on_stderr_never_shows_a_key(capsys: pytest.CaptureFixture[str]) -> None:
    """An error about a URL that holds a key (a sandbox refused) prints it redacted."""
    code, printed = _run(
        ["check-api", "--standard", "waste-collections-api@1",
         "--base-url", f"https://api.council.example/?api_key={KEY}", "--allow-writes"],
        capsys,
    )
    assert code == 2
    assert KEY[:8] not in printed


_MEASURED = (
    "import resource, sys\n"
    "from lgstandards.cli import main\n"
    "code = main(sys.argv[1:])\n"
    "print('MAXRSS', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
    "sys.exit(code)\n"
)


def test_a_huge_compressed_line_stays_within_bounded_memory(tmp_path: Path) -> None:
    """A 100 MB line inside 100 KB of gzip is refused with well under 600 MB of memory."""
    line = b'{"a": "' + b"x" * 100 * MB + b'"}\n{}\n'
    (tmp_path / "line.ndjson.gz").write_bytes(gzip.compress(line, 1))
    del line
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-c", _MEASURED, "validate", "-s", STANDARD, "--format", "json",
         "--no-progress", "line.ndjson.gz"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "LGSTANDARDS_MAX_RATIO": "1000000"},
    )
    assert done.returncode == 1, done.stderr
    assert "source.record-too-large" in done.stdout and "line.ndjson.gz" in done.stdout
    peak_kib = int(done.stderr.rsplit("MAXRSS", 1)[1].split()[0])
    assert peak_kib < 600 * 1024
    assert time.monotonic() - started < 60


def test_a_missing_non_utf8_name_is_shown_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A glob or file name that is not UTF-8 and matches nothing is a finding, shown escaped."""
    name = os.fsdecode(os.fsencode(tmp_path) + b"/caf\xe9*.json")
    code, printed = _validate([name, os.fsdecode(os.fsencode(tmp_path) + b"/gone\xe9.json")],
                              capsys, fmt="text")
    assert code == 1
    assert "caf\\xe9" in printed and "gone\\xe9" in printed


# -- encodings -----------------------------------------------------------------------------------

SCHEDULE_JSON = Path(__file__).resolve().parents[1] / (
    "standards/waste-property-schedule/2.0.0/examples/valid/two-tier-district-house.json"
)


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
@pytest.mark.parametrize("name", ["schedule.json", "schedules.ndjson", "register.csv"])
def test_utf16_without_a_bom_is_an_encoding_finding(
    name: str, encoding: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """UTF-16 saved without a byte-order mark is one finding naming the file and its encoding."""
    record = json.loads(SCHEDULE_JSON.read_text(encoding="utf-8"))
    text = {
        "schedule.json": json.dumps(record, indent=2),
        "schedules.ndjson": (json.dumps(record) + "\n") * 3,
        "register.csv": "uprn,postcode\n10001234567,BN15 8QJ\n",
    }[name]
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    for jobs in ("1", "2"):
        code, printed = _validate(["--jobs", jobs, str(path)], capsys)
        assert code == 1
        [finding] = _findings(json.loads(printed))
        assert finding["code"] == "source.invalid-encoding"
        assert name in finding["location"]["path"]
        shown = {"utf-16-le": "UTF-16LE", "utf-16-be": "UTF-16BE"}[encoding]
        assert f"{shown} text without a byte-order mark" in finding["message"]


def test_binary_data_is_still_binary_not_utf16(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """NUL bytes that do not read as UTF-16 text (an image, a zip) stay a binary-file finding."""
    path = tmp_path / "photo.json"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    code, printed = _validate([str(path)], capsys)
    assert code == 1
    assert [f["code"] for f in _findings(json.loads(printed))] == ["source.binary"]


@pytest.mark.parametrize(("source", "name", "extra"), [
    ("lga-planning-csv", "register.csv", []),
    ("planning-data", "rows.csv", ["--organisation", "local-authority:BIR"]),
    ("odp", "application.json", []),
    ("ukbcd-bins", "bins.json", ["--uprn", "1", "--council", "E07000223"]),
])
def test_convert_names_utf16_input_as_such(
    source: str, name: str, extra: list[str], tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Every converter refuses UTF-16 input with one message naming it, not a parse error."""
    path = tmp_path / name
    text = '{"bins": []}' if name.endswith(".json") else "reference,description\nA/1,x\n"
    path.write_bytes(text.encode("utf-16-le"))
    code, printed = _run(["convert", "--from", source, str(path), *extra], capsys)
    assert code == 2
    assert f"{path} is UTF-16LE text without a byte-order mark" in printed
    assert "not valid JSON" not in printed and "Traceback" not in printed


# -- slow servers --------------------------------------------------------------------------------


class _Trickler:
    """A loopback server that sends its status line and headers one byte at a time, for ever."""

    def __init__(self, gap: float = 0.05) -> None:
        """Listen on a free loopback port."""
        import socket
        import threading

        self.gap = gap
        self.stop = threading.Event()
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)

    def _serve(self) -> None:
        """Answer each connection in its own thread."""
        import threading

        self.sock.settimeout(0.2)
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            threading.Thread(target=self._trickle, args=(conn,), daemon=True).start()

    def _trickle(self, conn: Any) -> None:
        """Send a never-ending header, a byte at a time, each well within any read timeout."""
        with conn:
            head = b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nX-Slow: "
            try:
                conn.recv(65536)
                for byte in head:
                    conn.sendall(bytes([byte]))
                # After 20 s the response ends, so a client that waits fails its test, not hangs.
                ends = time.monotonic() + 20
                while not self.stop.wait(self.gap) and time.monotonic() < ends:
                    conn.sendall(b"a")
                conn.sendall(b"\r\nContent-Length: 0\r\n\r\n")
            except OSError:
                return  # The client hung up: the promise held.

    def __enter__(self) -> _Trickler:
        """Start serving."""
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        """Stop serving and close the socket."""
        self.stop.set()
        self.thread.join(5)
        self.sock.close()


def test_headers_sent_a_byte_at_a_time_are_cut_off_at_the_deadline() -> None:
    """The whole-response deadline covers the headers: a trickle is api.timeout, not a hang."""
    from lgstandards.apicheck.client import build_http_client

    with _Trickler() as server:
        client = SafeClient(build_http_client(), server.url + "/",
                            limits=Limits(timeout=0.5, rate_limit=100))
        try:
            exchange = client.request("GET", server.url + "/addresses")
        finally:
            client.close()
    assert exchange.failure is not None and exchange.failure.code == "api.timeout"
    assert "/addresses" in exchange.failure.message


def test_check_api_against_a_trickling_server_ends_with_timeouts(tmp_path: Path) -> None:
    """check-api --timeout against a server that never finishes its headers ends, exit 1."""
    with _Trickler() as server:
        # A child process, killed if it hangs: without the deadline it would never return.
        done = subprocess.run(
            [sys.executable, "-m", "lgstandards", "check-api", "-s", "waste-collections-api@2",
             "--base-url", server.url + "/waste", "--postcode", "BN43 5RA", "--timeout", "0.3",
             "--rate-limit", "50/s", "--format", "json"],
            cwd=tmp_path, capture_output=True, text=True, timeout=300, check=False,
        )
    assert done.returncode == 1, done.stderr
    report = json.loads(done.stdout)
    codes = {f["code"] for f in _findings(report)}
    assert "api.timeout" in codes
    assert "Traceback" not in done.stderr
